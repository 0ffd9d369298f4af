//! The time-series chart every projection panel uses: median lines, the p10–p90 band shaded
//! on a Canvas, the comparison drawn dashed in its own colour, the selected year as a rule,
//! y-axis labels with units (k, M, bn), the years below, and dated policy changes (▲) and
//! annotations (◆) as marks on the time axis.
//!
//! Ratatui's `Chart` has no fill, so the band is shade characters put into the cells the
//! canvas left empty, on the rows the lines' own grid gives (a braille cell is four dots high:
//! a value's row is the row of its dot), so a band and the line inside it share their rows.
//! Everything is drawn from data the app computed; nothing is computed here beyond the screen
//! mapping.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use ratatui::widgets::canvas::{Canvas, Context, Line as CLine, Points};

use crate::model::metrics::{MetricId, Scale};
use crate::tui::app::Scene;
use crate::tui::theme::Theme;

use crate::output::format;

/// One line of a chart.
pub struct Curve {
    /// The legend's name for the line.
    pub label: String,
    /// The line's colour (a theme series colour).
    pub color: Color,
    /// One value per year from the chart's first year.
    pub median: Vec<f64>,
    /// p10 and p90, shaded under the line.
    pub band: Option<(Vec<f64>, Vec<f64>)>,
    /// A letter naming the line, shown in the legend and beside the line's last value, so
    /// lines tell apart without colour.
    pub tag: Option<char>,
}

/// A mark on the time axis.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    /// A dated policy change from the scenario's schedule (▲).
    Policy,
    /// An annotation from the scenario (◆).
    Note,
    /// A lever changed in the explorer from this year on (●).
    Change,
}

/// A chart ready to draw.
pub struct Chart {
    /// Shown top left, before the legend.
    pub title: String,
    /// How the y-axis labels read (from the first curve's metric).
    pub scale: Scale,
    /// The year of each curve's first value and the left end of the x axis.
    pub first_year: i32,
    /// The right end of the x axis.
    pub last_year: i32,
    /// Drawn in order; the first is drawn last, on top.
    pub curves: Vec<Curve>,
    /// The comparison's values of the first curve, by year.
    pub compare: Option<Vec<(i32, f64)>>,
    /// The year drawn as a rule and highlighted on the years row.
    pub selected: i32,
    /// Time-axis marks by year, sorted by year (policy before note in the same year).
    pub marks: Vec<(i32, Mark)>,
    /// The largest value on the axis at least (0 for automatic).
    pub floor_max: f64,
    /// Observed figures of the chart's metrics: `(year, low, high)`, drawn as `×` (a value)
    /// or a bar from low to high (a range).
    pub observed: Vec<(i32, f64, f64)>,
}

/// Whether the chart shows the comparison line: when something is pinned or the levers differ
/// from the file.
pub fn shows_compare(scene: &Scene) -> bool {
    scene.pinned.is_some() || !scene.overrides.is_empty()
}

/// The comparison's name in legends.
pub fn compare_label(scene: &Scene) -> String {
    match &scene.pinned {
        Some(p) => format!("pinned: {}", p.label),
        None => "file values".into(),
    }
}

/// The time-axis marks of the open scenario: dated policy changes and annotations.
pub fn marks(scene: &Scene) -> Vec<(i32, Mark)> {
    let s = scene.scenario;
    let mut m: Vec<(i32, Mark)> = s.schedule.iter().map(|c| (c.year, Mark::Policy)).collect();
    m.extend(s.annotations.iter().map(|a| (a.year, Mark::Note)));
    m.extend(
        scene
            .overrides
            .iter()
            .filter_map(|o| o.from)
            .filter(|&y| y > s.first_year)
            .map(|y| (y, Mark::Change)),
    );
    m.sort_by_key(|(y, k)| (*y, *k as u8));
    m.dedup();
    m
}

/// A chart of metrics from the app's current projection: the first with its band and the
/// comparison, the others as plain lines.
pub fn from_scene(scene: &Scene, title: String, metrics: &[(MetricId, &str)]) -> Chart {
    let theme = scene.theme;
    let s = scene.scenario;
    let mut curves = Vec::new();
    for (i, (m, label)) in metrics.iter().enumerate() {
        let series = scene.now.series(*m);
        let offset = usize::try_from(s.first_year - series.first_year).unwrap_or(0);
        let take = |v: &[f64]| v.iter().skip(offset).copied().collect::<Vec<f64>>();
        curves.push(Curve {
            label: (*label).to_string(),
            color: theme.series(i),
            median: take(series.median),
            band: if i == 0 {
                series.band.map(|(lo, hi)| (take(lo), take(hi)))
            } else {
                None
            },
            tag: None,
        });
    }
    let compare = metrics
        .first()
        .filter(|_| shows_compare(scene))
        .map(|(m, _)| {
            let r = scene.reference.series(*m);
            r.median
                .iter()
                .enumerate()
                .map(|(i, v)| (r.first_year + i as i32, *v))
                .collect()
        });
    Chart {
        title,
        scale: metrics
            .first()
            .map(|(m, _)| m.metric().scale)
            .unwrap_or(Scale::Count),
        first_year: s.first_year,
        last_year: s.last_year,
        curves,
        compare,
        selected: scene.year,
        marks: marks(scene),
        floor_max: 0.0,
        observed: s
            .observations
            .iter()
            .filter(|o| metrics.iter().any(|(m, _)| *m == o.metric))
            .map(|o| (o.year, o.low, o.high))
            .collect(),
    }
}

/// Width of the y-axis labels.
const LABEL_W: u16 = 8;

/// The screen column of a year within the plot (Braille: two dots per cell).
pub fn year_column(plot: Rect, first: i32, last: i32, year: i32) -> u16 {
    let span = f64::from((last - first).max(1));
    let dots = f64::from(plot.width) * 2.0 - 1.0;
    let dot = (f64::from(year - first) * dots / span).round().max(0.0);
    plot.x + ((dot as u16) / 2).min(plot.width.saturating_sub(1))
}

/// The plot rectangle (the Canvas) of a chart drawn in `area`.
pub fn plot_area(area: Rect) -> Rect {
    Rect::new(
        area.x + LABEL_W + 1,
        area.y + 1,
        area.width.saturating_sub(LABEL_W + 2),
        area.height.saturating_sub(3),
    )
}

/// The year at a column of a chart's time axis, if the column is on it.
pub fn year_at(area: Rect, first: i32, last: i32, column: u16) -> Option<i32> {
    let plot = plot_area(area);
    if plot.width == 0 || column < plot.x || column >= plot.right() {
        return None;
    }
    (first..=last)
        .min_by_key(|y| (i32::from(year_column(plot, first, last, *y)) - i32::from(column)).abs())
}

impl Chart {
    /// The chart with a letter naming each line, in curve order (see [`Curve::tag`]).
    pub fn tagged(mut self, tags: &[char]) -> Chart {
        for (c, t) in self.curves.iter_mut().zip(tags) {
            c.tag = Some(*t);
        }
        self
    }

    /// The top of the y axis: a round number above everything drawn.
    fn y_max(&self) -> f64 {
        let mut m = self.floor_max;
        for c in &self.curves {
            m = c
                .median
                .iter()
                .chain(c.band.iter().flat_map(|(_, hi)| hi.iter()))
                .fold(m, |a, v| if v.is_finite() { a.max(*v) } else { a });
        }
        for &(_, _, high) in &self.observed {
            if high.is_finite() {
                m = m.max(high);
            }
        }
        if let Some(cmp) = &self.compare {
            m = cmp
                .iter()
                .map(|(_, v)| *v)
                .filter(|v| v.is_finite())
                .fold(m, f64::max);
        }
        let top = format::nice_ceiling(m);
        if self.scale == Scale::Share {
            top.min(1.0)
        } else {
            top
        }
    }

    /// Draws the chart: title row, plot with y labels, years row, marks row.
    pub fn render(&self, theme: Theme, area: Rect, buf: &mut Buffer) {
        if area.height < 4 || area.width < LABEL_W + 8 {
            return;
        }
        // Title and series legend. When they do not fit, the labels are cut evenly (each with
        // an ellipsis, never below three characters), then the title; nothing is cut bare.
        let width = usize::from(area.width);
        let legend = self.curves.len() > 1 || self.compare.is_some();
        let mut labels: Vec<String> = if legend {
            self.curves.iter().map(|c| c.label.clone()).collect()
        } else {
            Vec::new()
        };
        if self.compare.is_some() {
            labels.push("compare".into());
        }
        // Each entry costs "  ━ " (and a tag "X ") besides its label.
        let overhead: usize = self
            .curves
            .iter()
            .filter(|_| legend)
            .map(|c| 4 + if c.tag.is_some() { 2 } else { 0 })
            .sum::<usize>()
            + if self.compare.is_some() { 4 } else { 0 };
        let title_w = format::width(&self.title);
        let label_w: usize = labels.iter().map(|l| format::width(l)).sum();
        if title_w + overhead + label_w > width && !labels.is_empty() {
            let room = width.saturating_sub(title_w + overhead);
            let each = room / labels.len();
            if each >= 4 {
                for l in &mut labels {
                    *l = format::fit(l, each);
                }
            } else {
                for l in &mut labels {
                    *l = format::fit(l, 3);
                }
            }
        }
        // Still no room, and every line carries its letter (which ends the line on the plot
        // and leads its row in the panel's table): the legend gives way to the title.
        let label_w: usize = labels.iter().map(|l| format::width(l)).sum();
        let tagged = self.curves.iter().all(|c| c.tag.is_some());
        let legend = legend && !(tagged && title_w + overhead + label_w > width);
        let overhead = if legend { overhead } else { 0 };
        if !legend {
            labels.clear();
        }
        let label_w: usize = labels.iter().map(|l| format::width(l)).sum();
        let title = format::fit(&self.title, width.saturating_sub(overhead + label_w).max(8));
        let mut spans = vec![Span::styled(title, theme.title())];
        let mut labels = labels.into_iter();
        if legend {
            for (i, c) in self.curves.iter().enumerate() {
                spans.push(Span::raw("  "));
                spans.push(Span::styled(
                    format!("{} ", theme.series_glyph(i)),
                    Style::default().fg(c.color),
                ));
                if let Some(t) = c.tag {
                    spans.push(Span::styled(format!("{t} "), theme.title()));
                }
                spans.push(Span::raw(labels.next().unwrap_or_default()));
            }
        }
        if self.compare.is_some() {
            spans.push(Span::raw("  "));
            spans.push(Span::styled(
                format!("┄ {}", labels.next().unwrap_or_default()),
                theme.pinned_text(),
            ));
        }
        buf.set_line(area.x, area.y, &Line::from(spans), area.width);

        let plot = plot_area(area);
        if plot.width < 2 || plot.height < 1 {
            return;
        }
        let (first, last) = (self.first_year, self.last_year.max(self.first_year));
        let x_bounds = if last > first {
            [f64::from(first), f64::from(last)]
        } else {
            [f64::from(first) - 0.5, f64::from(first) + 0.5]
        };
        let y_max = self.y_max();

        // Y-axis labels: top, middle and zero, each on the row that holds its value, by the
        // lines' grid (as ratatui's canvas maps a point: dots per cell high, rounded).
        let per_row: u16 = match theme.marker() {
            Marker::Braille => 4,
            Marker::HalfBlock => 2,
            _ => 1,
        };
        let dots_h = f64::from(plot.height * per_row) - 1.0;
        let row_of = |v: f64| {
            plot.y
                + (((y_max - v) * dots_h / y_max).round().max(0.0) as u16 / per_row)
                    .min(plot.height - 1)
        };
        let mut ticks = vec![(y_max, row_of(y_max)), (0.0, row_of(0.0))];
        if plot.height >= 5 {
            ticks.push((y_max / 2.0, row_of(y_max / 2.0)));
        }
        for (v, row) in ticks {
            let label = format!(
                "{:>w$}",
                format::value(self.scale, v),
                w = usize::from(LABEL_W - 1)
            );
            buf.set_string(
                area.x,
                row,
                format::fit(&label, usize::from(LABEL_W - 1)),
                theme.dim(),
            );
            buf.set_string(area.x + LABEL_W, row, "┤", theme.dim());
        }
        for row in plot.y..plot.bottom() {
            if buf[(area.x + LABEL_W, row)].symbol() == " " {
                buf[(area.x + LABEL_W, row)]
                    .set_symbol("│")
                    .set_style(theme.dim());
            }
        }

        // Dots per cell across, of the comparison's marker: its dashes are two dots long.
        let per_cell = if theme.compare_marker() == Marker::Braille {
            2.0
        } else {
            1.0
        };
        let res_x = f64::from(plot.width) * per_cell;
        let canvas = Canvas::default()
            .x_bounds(x_bounds)
            .y_bounds([0.0, y_max])
            .marker(theme.marker())
            .paint(|ctx| self.paint(ctx, theme, res_x, y_max, x_bounds));
        canvas.render(plot, buf);
        self.render_band(theme, plot, x_bounds, &row_of, buf);
        self.render_observed(theme, plot, &row_of, buf);
        self.render_tags(plot, &row_of, buf);

        // Years below the plot; the selected one highlighted.
        let years_row = plot.bottom();
        let n = (last - first + 1) as u16;
        let label_w: u16 = if u32::from(plot.width) >= u32::from(n) * 5 {
            4
        } else {
            2
        };
        let every = (1..=n)
            .find(|k| u32::from(plot.width) >= u32::from(n.div_ceil(*k)) * u32::from(label_w + 1))
            .unwrap_or(n);
        let text = |y: i32| {
            if label_w == 4 {
                y.to_string()
            } else {
                format!("{:02}", y.rem_euclid(100))
            }
        };
        let place = |y: i32| {
            let c = year_column(plot, first, last, y);
            c.saturating_sub(label_w / 2)
                .clamp(plot.x, plot.right().saturating_sub(label_w))
        };
        let sel_x = place(self.selected);
        for (i, y) in (first..=last).enumerate() {
            if y == self.selected || !(i as u16).is_multiple_of(every) {
                continue;
            }
            let x = place(y);
            if x + label_w + 1 > sel_x && x < sel_x + label_w + 1 {
                continue;
            }
            buf.set_string(x, years_row, text(y), theme.dim());
        }
        if (first..=last).contains(&self.selected) {
            buf.set_string(sel_x, years_row, text(self.selected), theme.year());
        }
        // Marks: ▲ dated policy change, ◆ annotation.
        let marks_row = years_row + 1;
        if marks_row < area.bottom() {
            for (y, kind) in &self.marks {
                if !(first..=last).contains(y) {
                    continue;
                }
                let c = year_column(plot, first, last, *y);
                // Marks of one year sit side by side: policy, then note, then change.
                let mut x = c;
                while x < plot.right().min(c + 3) && buf[(x, marks_row)].symbol() != " " {
                    x += 1;
                }
                let (sym, style) = match kind {
                    Mark::Policy => ("▲", theme.policy()),
                    Mark::Note => ("◆", theme.note()),
                    Mark::Change => ("●", theme.changed()),
                };
                if x < plot.right() {
                    buf.set_string(x, marks_row, sym, style);
                }
            }
        }
    }

    /// Each tagged line's letter in the column right of the plot, on the row of its last
    /// value; a letter whose row is taken moves to the nearest free one.
    fn render_tags(&self, plot: Rect, row_of: &dyn Fn(f64) -> u16, buf: &mut Buffer) {
        let x = plot.right();
        if x >= buf.area.right() {
            return;
        }
        let mut taken: Vec<u16> = Vec::new();
        for c in &self.curves {
            let (Some(tag), Some(last)) = (c.tag, c.median.last().filter(|v| v.is_finite())) else {
                continue;
            };
            let want = row_of(last.max(0.0));
            let free = (0..plot.height)
                .flat_map(|d| [want.checked_sub(d), want.checked_add(d)])
                .flatten()
                .find(|r| (plot.y..plot.bottom()).contains(r) && !taken.contains(r));
            if let Some(row) = free {
                taken.push(row);
                buf.set_string(
                    x,
                    row,
                    tag.to_string(),
                    Style::default().fg(c.color).add_modifier(Modifier::BOLD),
                );
            }
        }
    }

    /// Shades the p10–p90 band of the first curve: in each column, the empty cells from the row
    /// of p90 to the row of p10, rows as `row_of` gives them (the lines' grid), so the band
    /// never sits a row off its line and never covers a line, the rule or the comparison.
    fn render_band(
        &self,
        theme: Theme,
        plot: Rect,
        xb: [f64; 2],
        row_of: &dyn Fn(f64) -> u16,
        buf: &mut Buffer,
    ) {
        let Some((lo, hi)) = self.curves.first().and_then(|c| c.band.as_ref()) else {
            return;
        };
        let y_max = self.y_max();
        let span = xb[1] - xb[0];
        let style = Style::default().fg(theme.band());
        for col in 0..plot.width {
            let x = xb[0] + f64::from(col) * span / f64::from(plot.width.saturating_sub(1).max(1));
            let (Some(l), Some(h)) = (self.value_at(lo, x), self.value_at(hi, x)) else {
                continue;
            };
            if !(l.is_finite() && h.is_finite()) {
                continue;
            }
            let (top, bottom) = (row_of(h.min(y_max)), row_of(l.max(0.0)));
            for row in top..=bottom {
                let cell = &mut buf[(plot.x + col, row)];
                if cell.symbol() == " " {
                    cell.set_symbol("░").set_style(style);
                }
            }
        }
    }

    /// Draws the observed figures over the lines: `×` where a value falls, a bar (`┬`, `│`,
    /// `┴`) from the high end's row to the low end's for a range wider than a row.
    fn render_observed(
        &self,
        theme: Theme,
        plot: Rect,
        row_of: &dyn Fn(f64) -> u16,
        buf: &mut Buffer,
    ) {
        let y_max = self.y_max();
        let style = theme.note().add_modifier(Modifier::BOLD);
        for &(year, low, high) in &self.observed {
            if year < self.first_year || year > self.last_year {
                continue;
            }
            let x = year_column(
                plot,
                self.first_year,
                self.last_year.max(self.first_year),
                year,
            );
            let (top, bottom) = (row_of(high.min(y_max)), row_of(low.max(0.0)));
            if top == bottom {
                buf[(x, top)].set_symbol("×").set_style(style);
                continue;
            }
            for row in top..=bottom {
                let sym = if row == top {
                    "┬"
                } else if row == bottom {
                    "┴"
                } else {
                    "│"
                };
                buf[(x, row)].set_symbol(sym).set_style(style);
            }
        }
    }

    /// A series' value at year `x` (fractional years interpolate; past the end, the last).
    fn value_at(&self, v: &[f64], x: f64) -> Option<f64> {
        let t = x - f64::from(self.first_year);
        let i = t.floor().max(0.0) as usize;
        let a = *v.get(i)?;
        let b = v.get(i + 1).copied().unwrap_or(a);
        let f = t - i as f64;
        Some(a + (b - a) * f.clamp(0.0, 1.0))
    }

    /// Paints the canvas layers: year rule, comparison, lines.
    fn paint(&self, ctx: &mut Context, theme: Theme, res_x: f64, y_max: f64, xb: [f64; 2]) {
        let span = xb[1] - xb[0];
        // The selected year as a faint rule.
        let sx = f64::from(self.selected);
        ctx.draw(&CLine {
            x1: sx,
            y1: 0.0,
            x2: sx,
            y2: y_max,
            color: theme.year_rule(),
        });
        ctx.layer();
        // The comparison, dashed.
        if let Some(cmp) = &self.compare {
            let pts: Vec<(f64, f64)> = cmp.iter().map(|(y, v)| (f64::from(*y), *v)).collect();
            let mut dots = Vec::new();
            for w in pts.windows(2) {
                let ((x1, y1), (x2, y2)) = (w[0], w[1]);
                if !(y1.is_finite() && y2.is_finite()) {
                    continue;
                }
                let n = (((x2 - x1) / span * res_x).abs().ceil() as usize).max(1) * 2;
                for i in 0..n {
                    // Two dots on, two off.
                    if (i / 2) % 2 == 0 {
                        let t = i as f64 / n as f64;
                        dots.push((x1 + (x2 - x1) * t, y1 + (y2 - y1) * t));
                    }
                }
            }
            ctx.marker(theme.compare_marker());
            ctx.draw(&Points {
                coords: &dots,
                color: theme.pinned(),
            });
            ctx.layer();
            ctx.marker(theme.marker());
        }
        // The lines. Stretches at zero go underneath, in one layer, so a series that is zero
        // (licensed imports under a customs block) never hides a small one near the axis
        // (diverted); then each line in its own layer, the first (the headline) last, on top.
        let segment = |w: &[f64]| w[0].is_finite() && w[1].is_finite();
        let at_zero = |w: &[f64]| w[0] == 0.0 && w[1] == 0.0;
        for c in self.curves.iter().rev() {
            for (i, w) in c.median.windows(2).enumerate() {
                if segment(w) && at_zero(w) {
                    let x1 = f64::from(self.first_year) + i as f64;
                    ctx.draw(&CLine {
                        x1,
                        y1: 0.0,
                        x2: x1 + 1.0,
                        y2: 0.0,
                        color: c.color,
                    });
                }
            }
        }
        ctx.layer();
        // Without colour (or in high contrast) each series has its own pattern.
        for (n, c) in self.curves.iter().enumerate().rev() {
            ctx.marker(theme.series_marker(n));
            for (i, w) in c.median.windows(2).enumerate() {
                let x1 = f64::from(self.first_year) + i as f64;
                if segment(w) && !at_zero(w) {
                    ctx.draw(&CLine {
                        x1,
                        y1: w[0],
                        x2: x1 + 1.0,
                        y2: w[1],
                        color: c.color,
                    });
                }
            }
            if c.median.len() == 1 && c.median[0].is_finite() {
                ctx.draw(&Points {
                    coords: &[(f64::from(self.first_year), c.median[0])],
                    color: c.color,
                });
            }
            ctx.layer();
        }
        ctx.marker(theme.marker());
    }
}
