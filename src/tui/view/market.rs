//! The Market panel: who supplies China's AI-accelerator market, in dollars and in units —
//! domestic vendors, US vendors selling under licence, and other (diverted, smuggled) chips —
//! over the horizon, and for the selected year a table of both with each one's share, the
//! market left unserved and the US government's share of US vendors' sales.
//!
//! Colour is never the only key: every line ends in its letter (named in the chart's legend),
//! the table names its rows and the composition bars use a distinct glyph per supplier.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::model::metrics::{MetricId, Scale};
use crate::tui::app::Scene;
use crate::tui::theme::Theme;

use super::chart::from_scene;
use crate::output::format::{count, fit, value, width as text_width};

/// The dollars chart's series, headline first: each supplier's sales, then the whole market.
/// US vendors' sales lead (band and comparison), as the stories told on this panel are theirs.
pub const DOLLARS: &[(MetricId, &str)] = &[
    (MetricId::UsVendorRevenue, "US vendors"),
    (MetricId::DomesticSales, "domestic"),
    (MetricId::DivertedSpending, "other"),
    (MetricId::ChinaSpending, "market"),
];
/// The units chart's series, headline first, in the dollars chart's order.
pub const UNITS: &[(MetricId, &str)] = &[
    (MetricId::Imported, "US vendors"),
    (MetricId::Domestic, "domestic"),
    (MetricId::Diverted, "other"),
];
/// The letters ending each chart line, by series.
const TAGS: &[char] = &['u', 'd', 'o', 'm'];
/// The metrics only the year table shows (exports carry them too).
pub const TABLE_ONLY: &[MetricId] = &[MetricId::UnservedSpending, MetricId::UsRevenueShare];

/// A supplier row of the year table: its name, bar glyph, units and dollars metrics; in the
/// charts' series order, so each glyph takes its line's colour.
struct Supplier {
    name: &'static str,
    /// The name where the long one does not fit.
    short: &'static str,
    glyph: char,
    units: Option<MetricId>,
    usd: MetricId,
}

const SUPPLIERS: [Supplier; 4] = [
    Supplier {
        name: "US vendors (licensed)",
        short: "US licensed",
        glyph: '█',
        units: Some(MetricId::Imported),
        usd: MetricId::UsVendorRevenue,
    },
    Supplier {
        name: "domestic",
        short: "domestic",
        glyph: '▓',
        units: Some(MetricId::Domestic),
        usd: MetricId::DomesticSales,
    },
    Supplier {
        name: "other (diverted)",
        short: "other/diverted",
        glyph: '▒',
        units: Some(MetricId::Diverted),
        usd: MetricId::DivertedSpending,
    },
    Supplier {
        name: "unserved",
        short: "unserved",
        glyph: '·',
        units: None,
        usd: MetricId::UnservedSpending,
    },
];

/// Rows of the year table without and with its two composition bars.
const TABLE_ROWS: u16 = 7;
const BAR_ROWS: u16 = 2;
/// The fewest rows a chart is drawn in when two share the column.
const MIN_CHART: u16 = 7;
/// The year table's width when it sits beside the charts, and the widest it grows below them.
const SIDE_TABLE_W: u16 = 52;
const MAX_TABLE_W: u16 = 64;
/// Panels at least this wide put the table beside the charts.
const SIDE_BY_SIDE_W: u16 = 120;

/// Where the Market panel's parts go.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Parts {
    /// The dollars chart, then the units chart when there is room for both.
    pub charts: Vec<Rect>,
    pub table: Rect,
    /// Whether the table has its composition bars.
    pub bars: bool,
    /// The legend and events rows.
    pub rest: Rect,
}

/// The panel's layout: charts above (or left of, on wide panels) the selected year's table,
/// legend and events at the bottom. Short panels drop the units chart first, then the bars.
pub fn parts(area: Rect) -> Parts {
    let foot = 2.min(area.height);
    let avail = area.height - foot;
    let rest = Rect::new(area.x, area.y + avail, area.width, foot);
    let stack = |r: Rect| -> Vec<Rect> {
        if r.height >= 2 * MIN_CHART {
            let top = r.height.div_ceil(2);
            vec![
                Rect::new(r.x, r.y, r.width, top),
                Rect::new(r.x, r.y + top, r.width, r.height - top),
            ]
        } else if r.height > 0 {
            vec![r]
        } else {
            Vec::new()
        }
    };
    if area.width >= SIDE_BY_SIDE_W {
        let charts_w = area.width - SIDE_TABLE_W - 1;
        let bars = avail >= TABLE_ROWS + BAR_ROWS;
        let table_h = if bars { TABLE_ROWS + BAR_ROWS } else { avail };
        return Parts {
            charts: stack(Rect::new(area.x, area.y, charts_w, avail)),
            table: Rect::new(
                area.x + charts_w + 1,
                area.y + 1,
                SIDE_TABLE_W,
                table_h.min(avail.saturating_sub(1)),
            ),
            bars,
            rest,
        };
    }
    let bars = avail >= TABLE_ROWS + BAR_ROWS + 2 * MIN_CHART;
    let table_h = (TABLE_ROWS + if bars { BAR_ROWS } else { 0 }).min(avail);
    let charts_h = avail - table_h;
    Parts {
        charts: stack(Rect::new(area.x, area.y, area.width, charts_h)),
        table: Rect::new(
            area.x,
            area.y + charts_h,
            area.width.min(MAX_TABLE_W),
            table_h,
        ),
        bars,
        rest,
    }
}

pub fn render(scene: &Scene, area: Rect, frame: &mut Frame) {
    let p = parts(area);
    let t = scene.theme;
    let titles = [
        "Market by supplier, $bn/yr",
        "Accelerators by supplier, units/yr",
    ];
    for (i, r) in p.charts.iter().enumerate() {
        let series = if i == 0 { DOLLARS } else { UNITS };
        from_scene(scene, titles[i].into(), series)
            .tagged(TAGS)
            .render(t, *r, frame.buffer_mut());
    }
    year_table(scene, p.table, p.bars, frame.buffer_mut());
    super::legend_and_events(scene, p.rest, frame);
}

/// Each value's share of their total, `None` where the total is not positive.
fn shares(values: &[f64]) -> Vec<Option<f64>> {
    let total: f64 = values.iter().filter(|v| v.is_finite()).sum();
    values
        .iter()
        .map(|v| (total > 0.0 && v.is_finite()).then(|| v / total))
        .collect()
}

fn pct(share: Option<f64>) -> String {
    share.map_or_else(|| "–".into(), |s| format!("{:.0}%", s * 100.0))
}

/// The selected year's market: units and dollars per supplier with their shares, the market's
/// totals, the US government's share, and (with `bars`) a composition bar for each.
fn year_table(scene: &Scene, area: Rect, bars: bool, buf: &mut Buffer) {
    if area.height == 0 || area.width < 40 {
        return;
    }
    let t = scene.theme;
    let year = scene.year;
    let get = |m: MetricId| scene.now.value(m, year).unwrap_or(f64::NAN);
    let units: Vec<f64> = SUPPLIERS
        .iter()
        .map(|s| s.units.map_or(f64::NAN, get))
        .collect();
    let usd: Vec<f64> = SUPPLIERS.iter().map(|s| get(s.usd)).collect();
    let (unit_shares, usd_shares) = (shares(&units), shares(&usd));

    // Columns: name, units, share, dollars, share (numbers right-aligned).
    const NUM: [(usize, usize); 4] = [(2, 6), (1, 4), (2, 7), (1, 4)];
    let name_w = usize::from(area.width) - NUM.iter().map(|(gap, w)| gap + w).sum::<usize>() - 1;
    let row = |cells: [String; 4]| -> String {
        cells
            .iter()
            .zip(NUM)
            .map(|(c, (gap, w))| format!("{:gap$}{c:>w$}", ""))
            .collect()
    };
    let mut y = area.y;
    let mut put = |buf: &mut Buffer, lead: Vec<Span<'static>>, rest: String, style: Style| {
        if y >= area.bottom() {
            return;
        }
        let lead_w: usize = lead.iter().map(|s| text_width(&s.content)).sum();
        let mut spans = lead;
        spans.push(Span::raw(" ".repeat(name_w.saturating_sub(lead_w))));
        spans.push(Span::styled(rest, style));
        buf.set_line(area.x, y, &Line::from(spans), area.width);
        y += 1;
    };
    put(
        buf,
        vec![
            Span::styled(format!(" {year}"), t.year()),
            Span::styled(fit(" median", name_w - 5), t.dim()),
        ],
        row(["units", "%", "$/yr", "%"].map(String::from)),
        t.dim(),
    );
    for (i, s) in SUPPLIERS.iter().enumerate() {
        let glyph = Span::styled(format!(" {} ", s.glyph), glyph_style(t, i));
        let name = if text_width(s.name) + 3 <= name_w {
            s.name
        } else {
            s.short
        };
        let name = Span::raw(fit(name, name_w - 3));
        let cells = [
            if s.units.is_some() {
                count(units[i])
            } else {
                "–".into()
            },
            if s.units.is_some() {
                pct(unit_shares[i])
            } else {
                String::new()
            },
            value(Scale::UsdBn, usd[i]),
            pct(usd_shares[i]),
        ];
        put(buf, vec![glyph, name], row(cells), Style::default());
    }
    // The units column adds up; the market in dollars is what buyers would spend, supplied
    // or not.
    let total = [
        count(units.iter().filter(|u| u.is_finite()).sum()),
        String::new(),
        value(Scale::UsdBn, get(MetricId::ChinaSpending)),
        String::new(),
    ];
    put(
        buf,
        vec![Span::styled(fit("   market", name_w), t.title())],
        row(total),
        t.title(),
    );
    let gov = [
        String::new(),
        String::new(),
        value(Scale::UsdBn, get(MetricId::UsRevenueShare)),
        String::new(),
    ];
    put(
        buf,
        vec![Span::styled(
            if name_w >= 30 {
                "   US gov't share of US sales"
            } else {
                "   US gov't share"
            },
            t.dim(),
        )],
        row(gov),
        Style::default(),
    );
    if !bars {
        return;
    }
    let bar_w = usize::from(area.width).saturating_sub(8);
    for (label, sh) in [("units", &unit_shares), ("$", &usd_shares)] {
        if y >= area.bottom() {
            return;
        }
        let mut spans = vec![Span::styled(format!(" {label:<6}"), t.dim())];
        let mut done = 0usize;
        let mut acc = 0.0;
        for (i, s) in sh.iter().enumerate() {
            acc += s.unwrap_or(0.0);
            let end = ((acc * bar_w as f64).round() as usize).min(bar_w);
            if end > done {
                let cells = SUPPLIERS[i].glyph.to_string().repeat(end - done);
                spans.push(Span::styled(cells, glyph_style(t, i)));
                done = end;
            }
        }
        buf.set_line(area.x, y, &Line::from(spans), area.width);
        y += 1;
    }
}

/// A supplier's glyph in its chart line's colour (the unserved market, which has no line, dim).
fn glyph_style(t: Theme, i: usize) -> Style {
    if i < UNITS.len() {
        Style::default().fg(t.series(i))
    } else {
        t.dim()
    }
}
