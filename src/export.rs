//! Chart files (SVG or PNG) of one metric for slides and reports — the p10–p90 band, the
//! median, an optional pinned comparison, dated policy changes, title, units and a sources
//! line. Used by `chipcast export` (one chart, or one per story step) and the explorer's
//! export key. The numbers come from the model.
//!
//! One drawing path: plotters draws the SVG; a PNG is that SVG rasterised by resvg with the
//! bundled DejaVu Sans (never a system font), so both files show the same text, shaped and
//! kerned the same way. Text sizes scale with the image's height (at 1080 px every text is at
//! least 18 px); long footnotes, titles and captions wrap onto more lines instead of being cut,
//! and the plot shrinks to make room.

use std::path::Path;
use std::sync::Arc;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::FontStyle;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use resvg::{tiny_skia, usvg};

use crate::diag::{Diagnostic, sanitize};
use crate::model::metrics::{MetricId, Scale};
use crate::model::montecarlo::Projection;
use crate::model::scenario::Scenario;
use crate::output::files::{Existing, replace_with};
use crate::output::format::tick;

/// The bundled font every chart is drawn with.
static FONT: &[u8] = include_bytes!("../assets/fonts/DejaVuSans.ttf");
/// The bundled monospace font a rasterised `snapshot` screen is drawn with, so its PNG shows
/// the terminal's grid.
static MONO: &[u8] = include_bytes!("../assets/fonts/DejaVuSansMono.ttf");

/// Everything a chart shows, already computed.
#[derive(Clone, Debug)]
pub struct ChartSpec {
    /// The caption above the plot: the metric's label and the scenario's name (sanitized), or
    /// a story step's number and caption.
    pub title: String,
    /// The line under the title: what the band is, the samples and seed, and chipcast's version.
    pub subtitle: String,
    /// The y axis's label: the metric's unit in words (`units per year`).
    pub unit: String,
    /// How the y axis's tick labels are written (k / M / bn, a percentage, ...).
    pub scale: Scale,
    /// The x axis: one calendar year per value of `p10`, `p50` and `p90`.
    pub years: Vec<i32>,
    /// The band's lower edge per year, in the metric's unit (non-finite values are skipped).
    pub p10: Vec<f64>,
    /// The median line per year, in the metric's unit (non-finite values are skipped).
    pub p50: Vec<f64>,
    /// The band's upper edge per year, in the metric's unit (non-finite values are skipped).
    pub p90: Vec<f64>,
    /// A comparison line: its label and yearly values (aligned with `years`; NaN = no value).
    pub pinned: Option<(String, Vec<f64>)>,
    /// Dated policy changes and annotations: year and label.
    pub markers: Vec<(i32, String)>,
    /// The footer's last line: `Sources: ` and the scenario's citations, joined with `; `.
    pub sources: String,
}

/// The line under a chart's title: what the band is, the samples and seed, the version.
pub fn method_line(p: &Projection) -> String {
    format!(
        "median with p10–p90 band; {} samples, seed {}; chipcast {}",
        p.samples,
        p.seed,
        env!("CARGO_PKG_VERSION")
    )
}

impl ChartSpec {
    /// The chart of `metric` for a scenario's projection, with an optional pinned projection.
    pub fn new(
        s: &Scenario,
        p: &Projection,
        metric: MetricId,
        pinned: Option<(&Scenario, &Projection)>,
    ) -> ChartSpec {
        let pinned = pinned.map(|(ps, pp)| (sanitize(&ps.name), pp));
        ChartSpec::labelled(s, p, metric, pinned)
    }

    /// [`ChartSpec::new`] with the comparison line named `label` (a story's previous step).
    pub fn labelled(
        s: &Scenario,
        p: &Projection,
        metric: MetricId,
        pinned: Option<(String, &Projection)>,
    ) -> ChartSpec {
        let m = metric.metric();
        let band = p.band(metric);
        let years: Vec<i32> = p.years().collect();
        let pinned = pinned.map(|(label, pp)| {
            let values = years
                .iter()
                .map(|y| {
                    pp.band(metric)
                        .p50
                        .get((y - pp.first_year) as usize)
                        .copied()
                        .filter(|_| *y >= pp.first_year)
                        .unwrap_or(f64::NAN)
                })
                .collect();
            (label, values)
        });
        let mut markers: Vec<(i32, String)> = s
            .schedule
            .iter()
            .map(|c| (c.year, sanitize(&c.label)))
            .collect();
        markers.extend(s.annotations.iter().map(|a| (a.year, sanitize(&a.label))));
        let sources = s
            .sources
            .values()
            .map(|v| sanitize(v))
            .collect::<Vec<_>>()
            .join("; ");
        ChartSpec {
            title: format!("{} — {}", m.label, sanitize(&s.name)),
            subtitle: method_line(p),
            unit: m.unit_words().to_string(),
            scale: m.scale,
            years,
            p10: band.p10.clone(),
            p50: band.p50.clone(),
            p90: band.p90.clone(),
            pinned,
            markers,
            sources: if sources.is_empty() {
                "Sources: see docs/model.md".into()
            } else {
                format!("Sources: {sources}")
            },
        }
    }
}

/// An sRGB colour.
pub type Rgb = (u8, u8, u8);

/// A chart's colours, from the explorer's theme (`Theme::chart`) or [`ChartTheme::LIGHT`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChartTheme {
    /// The whole picture's background.
    pub background: Rgb,
    /// Titles, tick labels and the axis label.
    pub text: Rgb,
    /// The subtitle, footnotes, axes and policy markers.
    pub dim: Rgb,
    /// The grid lines.
    pub grid: Rgb,
    /// The median line; the band is the same colour, translucent.
    pub line: Rgb,
    /// The pinned comparison (also dashed).
    pub pinned: Rgb,
}

impl ChartTheme {
    /// Dark text on white with Okabe–Ito blue and reddish purple: the default for files.
    pub const LIGHT: ChartTheme = ChartTheme {
        background: (255, 255, 255),
        text: (26, 26, 26),
        dim: (95, 95, 95),
        grid: (225, 225, 225),
        line: (0, 114, 178),
        pinned: (204, 121, 167),
    };
}

impl Default for ChartTheme {
    fn default() -> ChartTheme {
        ChartTheme::LIGHT
    }
}

fn color((r, g, b): Rgb) -> RGBColor {
    RGBColor(r, g, b)
}

impl ChartTheme {
    /// How opaque the band is drawn: more on a dark background, where a faint tint vanishes.
    fn band_alpha(&self) -> f64 {
        let (r, g, b) = self.background;
        let luma = 0.299 * f64::from(r) + 0.587 * f64::from(g) + 0.114 * f64::from(b);
        if luma < 128.0 { 0.32 } else { 0.22 }
    }
}

/// plotters writes a font of size `s` as `font-size="s / 1.24"` in SVG; sizes here are the
/// pixel sizes that end up in the file.
const PLOTTERS_EM: f64 = 1.24;

/// Text sizes in pixels at a picture's height: every text at least 18 px at 1080 px.
#[derive(Clone, Copy, Debug)]
struct Sizes {
    title: f64,
    text: f64,
    small: f64,
    /// A length of `n` pixels at 1080 px, scaled.
    k: f64,
}

impl Sizes {
    fn of(height: u32) -> Sizes {
        let k = f64::from(height) / 1080.0;
        Sizes {
            title: 40.0 * k,
            text: 24.0 * k,
            small: 19.0 * k,
            k,
        }
    }

    fn px(&self, n: f64) -> i32 {
        (n * self.k).round().max(1.0) as i32
    }
}

fn font(px: f64) -> FontDesc<'static> {
    ("sans-serif", px * PLOTTERS_EM).into_font()
}

/// `text` broken at spaces into lines no wider than `max` pixels in `font` (a word wider than
/// a line is broken between characters). Nothing is dropped: the lines joined with spaces
/// are the text with its runs of spaces collapsed.
fn wrap<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    font: FontDesc,
    max: u32,
) -> Vec<String> {
    let style = TextStyle::from(font);
    // plotters measures a font of size s as s px tall (ascent to descent) but writes it as
    // s / 1.24 px in the SVG, so measured widths run about 6% wide; 3% of that is taken back.
    let width = |s: &str| {
        area.estimate_text_size(s, &style)
            .map_or(0, |(w, _)| (f64::from(w) * 0.97) as u32)
    };
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if width(&candidate) <= max {
            line = candidate;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        // A word too long for a line on its own is broken between characters.
        for c in word.chars() {
            line.push(c);
            if width(&line) > max && line.chars().count() > 1 {
                let last = line.pop().unwrap_or(c);
                lines.push(std::mem::take(&mut line));
                line.push(last);
            }
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Draws the chart on any plotters backend.
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    spec: &ChartSpec,
    theme: &ChartTheme,
) -> Result<(), String> {
    let err = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    root.fill(&color(theme.background)).map_err(err)?;
    let (width, height) = root.dim_in_pixel();
    let z = Sizes::of(height);
    let (text_c, dim_c) = (color(theme.text), color(theme.dim));
    let margin_x = z.px(56.0);
    let margin_y = z.px(36.0);
    let inner = (width as i32 - 2 * margin_x).max(40) as u32;
    let line_h = |px: f64| (px * 1.3).round() as i32;

    // The header: the title and the subtitle, wrapped.
    let mut y = margin_y;
    for (text, px, c) in [
        (&spec.title, z.title, text_c),
        (&spec.subtitle, z.text, dim_c),
    ] {
        for line in wrap(root, text, font(px), inner) {
            root.draw(&Text::new(line, (margin_x, y), font(px).color(&c)))
                .map_err(err)?;
            y += line_h(px);
        }
    }
    y += z.px(10.0);

    // Marker labels grouped by year: one footnote per year, then the sources line.
    let mut groups: Vec<(i32, Vec<&str>)> = Vec::new();
    for (year, label) in &spec.markers {
        match groups.iter_mut().find(|(y, _)| y == year) {
            Some((_, labels)) => labels.push(label),
            None => groups.push((*year, vec![label])),
        }
    }
    groups.sort_by_key(|(y, _)| *y);

    // The legend: a sample of each series and its name, in rows as wide as the picture.
    let sample = z.px(44.0);
    let gap = z.px(12.0);
    let mut items: Vec<(Legend, String)> = vec![
        (Legend::Line, "median (p50)".to_string()),
        (Legend::Band, "p10–p90 band".to_string()),
    ];
    if let Some((label, _)) = &spec.pinned {
        items.push((Legend::Pinned, format!("pinned: {label}")));
    }
    if !groups.is_empty() {
        items.push((Legend::Marker, "[n] dated change, listed below".to_string()));
    }
    let mut x = margin_x;
    for (kind, label) in &items {
        let w = root
            .estimate_text_size(label, &font(z.text).into())
            .map_or(0, |(w, _)| w as i32);
        if x > margin_x && x + sample + gap + w > margin_x + inner as i32 {
            x = margin_x;
            y += line_h(z.text);
        }
        let mid = y + line_h(z.text) / 2;
        legend_sample(root, *kind, (x, mid), sample, &z, theme).map_err(err)?;
        root.draw(&Text::new(
            label.clone(),
            (x + sample + gap, mid),
            font(z.text)
                .color(&text_c)
                .pos(Pos::new(HPos::Left, VPos::Center)),
        ))
        .map_err(err)?;
        x += sample + gap + w + z.px(36.0);
    }
    y += line_h(z.text) + z.px(8.0);

    // The footer: each footnote wrapped, from the bottom up.
    let mut notes: Vec<String> = Vec::new();
    for (n, (year, labels)) in groups.iter().enumerate() {
        let note = format!("[{}] {year}: {}", n + 1, labels.join("; "));
        notes.extend(wrap(root, &note, font(z.small), inner));
    }
    notes.extend(wrap(root, &spec.sources, font(z.small), inner));
    let footer_h = notes.len() as i32 * line_h(z.small);
    let footer_top = height as i32 - margin_y - footer_h;
    for (i, line) in notes.iter().enumerate() {
        root.draw(&Text::new(
            line.clone(),
            (margin_x, footer_top + i as i32 * line_h(z.small)),
            font(z.small).color(&dim_c),
        ))
        .map_err(err)?;
    }

    // The plot between header and footer (never less than a sliver, however long the notes).
    let plot_h = (footer_top - z.px(16.0) - y).max(z.px(40.0));
    let body = root.clone().shrink(
        (margin_x - z.px(8.0), y),
        (width as i32 - 2 * margin_x + z.px(8.0), plot_h),
    );
    let first = *spec.years.first().unwrap_or(&2024);
    let last = (*spec.years.last().unwrap_or(&2032)).max(first + 1);
    let finite = |v: &&f64| v.is_finite();
    let mut hi = spec
        .p90
        .iter()
        .chain(&spec.p50)
        .filter(finite)
        .fold(0.0f64, |a, b| a.max(*b));
    if let Some((_, values)) = &spec.pinned {
        hi = values.iter().filter(finite).fold(hi, |a, b| a.max(*b));
    }
    let lo = spec
        .p10
        .iter()
        .filter(finite)
        .fold(0.0f64, |a, b| a.min(*b));
    // Headroom above the data for the markers' tags.
    let hi = if hi > lo { hi * 1.12 } else { lo + 1.0 };

    let scale = spec.scale;
    let tick_w = [lo, hi * 0.5, hi / 1.12, hi]
        .iter()
        .map(|v| {
            root.estimate_text_size(&tick(scale, *v), &font(z.text).into())
                .map_or(0, |(w, _)| w)
        })
        .max()
        .unwrap_or(0) as i32;
    let y_area = tick_w + z.px(14.0) + line_h(z.text) + z.px(16.0);
    let mut chart = ChartBuilder::on(&body)
        .margin_top(z.px(4.0))
        .margin_right(z.px(40.0))
        .x_label_area_size(line_h(z.text) + z.px(18.0))
        .y_label_area_size(y_area)
        .build_cartesian_2d(first as f64..last as f64, lo..hi)
        .map_err(err)?;
    chart
        .configure_mesh()
        .x_labels(((last - first) as usize + 1).min(16))
        .y_labels(6)
        .x_label_formatter(&|x| format!("{x:.0}"))
        .y_label_formatter(&|y| tick(scale, *y))
        .y_desc(&spec.unit)
        .label_style(font(z.text).color(&text_c))
        .axis_desc_style(font(z.text).color(&text_c))
        .axis_style(dim_c.stroke_width(z.px(2.0) as u32))
        .set_all_tick_mark_size(z.px(8.0))
        .light_line_style(TRANSPARENT)
        .bold_line_style(color(theme.grid).stroke_width(1))
        .draw()
        .map_err(err)?;

    // Policy markers: a dashed vertical line, tagged [n] inside the plot (left of the line
    // at the last year, right of it elsewhere, so a tag never covers the y axis).
    let dash = z.px(8.0) as u32;
    for (n, (year, _)) in groups.iter().enumerate() {
        let x = *year as f64;
        if x < first as f64 || x > last as f64 {
            continue;
        }
        chart
            .draw_series(DashedLineSeries::new(
                vec![(x, lo), (x, hi)],
                dash,
                dash,
                dim_c.stroke_width(z.px(2.0) as u32),
            ))
            .map_err(err)?;
        let at_end = *year >= last;
        let (dx, h) = if at_end {
            (-z.px(8.0), HPos::Right)
        } else {
            (z.px(8.0), HPos::Left)
        };
        let style = font(z.small).color(&dim_c).pos(Pos::new(h, VPos::Top));
        chart
            .draw_series(std::iter::once(
                EmptyElement::at((x, hi))
                    + Text::new(format!("[{}]", n + 1), (dx, z.px(6.0)), style),
            ))
            .map_err(err)?;
    }

    // The p10–p90 band as one polygon: p90 forwards, p10 backwards.
    let points = |v: &[f64]| {
        spec.years
            .iter()
            .zip(v)
            .filter(|(_, y)| y.is_finite())
            .map(|(x, y)| (*x as f64, *y))
            .collect::<Vec<_>>()
    };
    let line_c = color(theme.line);
    let mut band = points(&spec.p90);
    band.extend(points(&spec.p10).into_iter().rev());
    if band.len() >= 3 {
        chart
            .draw_series(std::iter::once(Polygon::new(
                band,
                line_c.mix(theme.band_alpha()).filled(),
            )))
            .map_err(err)?;
    }
    chart
        .draw_series(LineSeries::new(
            points(&spec.p50),
            line_c.stroke_width(z.px(4.0) as u32),
        ))
        .map_err(err)?;
    if let Some((_, values)) = &spec.pinned {
        chart
            .draw_series(DashedLineSeries::new(
                points(values),
                z.px(16.0) as u32,
                z.px(10.0) as u32,
                color(theme.pinned).stroke_width(z.px(3.0) as u32),
            ))
            .map_err(err)?;
    }
    root.present().map_err(err)?;
    Ok(())
}

/// What a legend entry's sample shows.
#[derive(Clone, Copy, Debug)]
enum Legend {
    Line,
    Band,
    Pinned,
    Marker,
}

/// Draws a legend sample `w` pixels wide, centred on `y`, from `x`.
fn legend_sample<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    kind: Legend,
    (x, y): (i32, i32),
    w: i32,
    z: &Sizes,
    theme: &ChartTheme,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let line_c = color(theme.line);
    match kind {
        Legend::Line => root.draw(&PathElement::new(
            vec![(x, y), (x + w, y)],
            line_c.stroke_width(z.px(4.0) as u32),
        )),
        Legend::Band => root.draw(&Rectangle::new(
            [(x, y - z.px(10.0)), (x + w, y + z.px(10.0))],
            line_c.mix(theme.band_alpha()).filled(),
        )),
        Legend::Pinned => {
            let (dash, gap) = (z.px(12.0), z.px(7.0));
            let mut a = x;
            while a < x + w {
                root.draw(&PathElement::new(
                    vec![(a, y), ((a + dash).min(x + w), y)],
                    color(theme.pinned).stroke_width(z.px(3.0) as u32),
                ))?;
                a += dash + gap;
            }
            Ok(())
        }
        Legend::Marker => {
            let (dash, mid) = (z.px(6.0), x + w / 2);
            let mut b = y - z.px(12.0);
            while b < y + z.px(12.0) {
                root.draw(&PathElement::new(
                    vec![(mid, b), (mid, b + dash)],
                    color(theme.dim).stroke_width(z.px(2.0) as u32),
                ))?;
                b += 2 * dash;
            }
            Ok(())
        }
    }
}

/// Registers the bundled font: plotters measures text with it to lay the chart out.
fn register_font() -> Result<(), String> {
    plotters::style::register_font("sans-serif", FontStyle::Normal, FONT)
        .map_err(|_| "the bundled font is unreadable".to_string())
}

/// The chart as an SVG document of `size` pixels.
pub fn svg(spec: &ChartSpec, size: (u32, u32), theme: &ChartTheme) -> Result<String, String> {
    register_font()?;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        draw(&root, spec, theme)?;
    }
    Ok(svg)
}

/// An SVG document rasterised to PNG bytes by resvg, `scale` pixels per SVG unit. Text is set
/// in the bundled DejaVu fonts whatever family the SVG names (sans-serif and serif map to
/// DejaVu Sans, monospace to DejaVu Sans Mono, an unknown family to DejaVu Sans), so the
/// picture never depends on the fonts a machine has.
pub fn rasterise(svg: &str, scale: f32) -> Result<Vec<u8>, String> {
    let mut fonts = usvg::fontdb::Database::new();
    fonts.load_font_data(FONT.to_vec());
    fonts.load_font_data(MONO.to_vec());
    fonts.set_sans_serif_family("DejaVu Sans");
    fonts.set_serif_family("DejaVu Sans");
    fonts.set_monospace_family("DejaVu Sans Mono");
    let options = usvg::Options {
        font_family: "DejaVu Sans".to_string(),
        fontdb: Arc::new(fonts),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &options).map_err(|e| format!("bad SVG: {e}"))?;
    let size = tree.size();
    let (w, h) = (
        (size.width() * scale).round() as u32,
        (size.height() * scale).round() as u32,
    );
    let mut pixmap =
        tiny_skia::Pixmap::new(w, h).ok_or_else(|| format!("cannot draw {w}×{h} pixels"))?;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| format!("cannot encode the PNG: {e}"))
}

/// File kinds `export` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChartFormat {
    /// Scalable vector graphics (`.svg`), for slides and the web.
    Svg,
    /// A bitmap (`.png`), for where SVG is not accepted.
    Png,
}

impl ChartFormat {
    /// The format a file name asks for by its extension (`.svg` or `.png`, any case); `None`
    /// for any other extension or none.
    pub fn of(path: &Path) -> Option<ChartFormat> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "svg" => Some(ChartFormat::Svg),
            "png" => Some(ChartFormat::Png),
            _ => None,
        }
    }
}

/// Renders `spec` to `out` atomically: a temporary file beside it, then a rename, so a reader
/// never sees half a chart. An existing `out` is replaced only with [`Existing::Replace`].
pub fn write_chart(
    spec: &ChartSpec,
    out: &Path,
    size: (u32, u32),
    theme: &ChartTheme,
    existing: Existing,
) -> Result<(), Diagnostic> {
    let name = out.display().to_string();
    let Some(format) = ChartFormat::of(out) else {
        return Err(Diagnostic::arg(
            &name,
            "bad-output",
            "--out",
            "the chart file must end in .svg or .png",
        )
        .hint("for example --out chart.svg"));
    };
    let suffix = match format {
        ChartFormat::Svg => ".svg",
        ChartFormat::Png => ".png",
    };
    // Drawn once as SVG; a PNG is that SVG rasterised, never a second drawing.
    let result = svg(spec, size, theme).and_then(|svg| {
        let bytes = match format {
            ChartFormat::Svg => svg.into_bytes(),
            ChartFormat::Png => rasterise(&svg, 1.0)?,
        };
        replace_with(out, suffix, existing, |tmp| {
            std::fs::write(tmp, &bytes).map_err(|e| crate::diag::io_reason(&e))
        })
    });
    // The reason first, then the path: a footer cut short still says why.
    result.map_err(|reason| Diagnostic::write_failed(&name, reason))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Wrapping drops nothing and keeps every line within the width, a long word included.
    #[test]
    fn wrap_keeps_every_word_and_the_width() {
        register_font().unwrap();
        let mut out = String::new();
        let root = SVGBackend::with_string(&mut out, (800, 450)).into_drawing_area();
        let text = format!(
            "Sources: {} {}",
            "Reuters via Nasdaq, TSMC halts shipments to Sophgo, 2024-10-23; ".repeat(6),
            "x".repeat(120)
        );
        let style = TextStyle::from(font(19.0));
        let lines = wrap(&root, &text, font(19.0), 500);
        assert!(lines.len() > 4, "{lines:?}");
        let squeeze = |s: &str| s.split_whitespace().collect::<String>();
        assert_eq!(squeeze(&lines.concat()), squeeze(&text));
        for line in &lines {
            let (w, _) = root.estimate_text_size(line, &style).unwrap();
            assert!(f64::from(w) * 0.97 <= 500.0, "{w}: {line}");
        }
        assert_eq!(wrap(&root, "", font(19.0), 500), vec![String::new()]);
    }

    #[test]
    fn text_sizes_reach_18_px_at_1080() {
        let z = Sizes::of(1080);
        assert!(z.small >= 18.0 && z.text >= 18.0 && z.title > z.text);
        assert!(ChartTheme::LIGHT.band_alpha() < 0.3);
    }
}
