//! The KPI strip: headline figures for the selected year with their change against the
//! comparison (the pinned state, or the file's values), and their p10–p90 where there is room.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::model::metrics::MetricId;
use crate::tui::app::App;

use crate::output::format::{Sign, delta, fit, value, width as text_width};

/// The headline metrics with a long and a short label.
pub const KPIS: &[(MetricId, &str, &str)] = &[
    (MetricId::Domestic, "Domestic accel.", "Domestic"),
    (MetricId::DomesticCompute, "Domestic H100e", "Dom H100e"),
    (MetricId::AdvancedCapacity, "Advanced wpm", "Adv. wpm"),
    (MetricId::SelfReliance, "Self-reliance", "Self-rel."),
    (MetricId::UsVendorRevenue, "US vendors' rev.", "US rev."),
    (MetricId::ComputeGap, "US/China compute", "Gap US/CN"),
];

/// Cells narrower than this put the change on its own row.
const WIDE: u16 = 16;

pub fn render(app: &App, area: Rect, _compact: bool, frame: &mut Frame) {
    let t = app.ui.theme;
    let year = app.ui.year;
    let lead_w: u16 = 11;
    let buf = frame.buffer_mut();
    let vs = if app.data.pinned.is_some() {
        "vs pinned"
    } else {
        "vs file"
    };
    buf.set_string(area.x, area.y, format!(" {year}"), t.year());
    if area.height >= 2 {
        buf.set_string(area.x, area.y + 1, format!(" {vs}"), t.dim());
    }
    let cell_w = area.width.saturating_sub(lead_w) / KPIS.len() as u16;
    let wide = cell_w >= WIDE;
    for (i, (metric, long, short)) in KPIS.iter().enumerate() {
        let x = area.x + lead_w + i as u16 * cell_w;
        let w = usize::from(cell_w.saturating_sub(1));
        let scale = metric.metric().scale;
        let label = if w >= text_width(long) { long } else { short };
        buf.set_string(x, area.y, fit(label, w), t.dim());
        let now = app.data.now.value(*metric, year);
        let reference = app.data.reference.value(*metric, year);
        let shown = now.map(|v| value(scale, v)).unwrap_or_else(|| "–".into());
        let (d, sign) = match (now, reference) {
            (Some(n), Some(r)) => delta(scale, n, r),
            _ => ("–".into(), Sign::Same),
        };
        let (d_style, arrow) = match sign {
            Sign::Up => (t.up(), "▲"),
            Sign::Down => (t.down(), "▼"),
            Sign::Same => (t.dim(), ""),
        };
        let change = Span::styled(format!("{arrow}{d}"), d_style);
        let w16 = cell_w.saturating_sub(1);
        if wide {
            if area.height >= 2 {
                buf.set_line(
                    x,
                    area.y + 1,
                    &Line::from(vec![Span::styled(shown, t.title()), Span::raw(" "), change]),
                    w16,
                );
            }
            let series = app.data.now.series(*metric);
            if let (true, Some((lo, hi))) = (area.height >= 3, series.band) {
                let k = usize::try_from(year - series.first_year).unwrap_or(usize::MAX);
                if let (Some(l), Some(h)) = (lo.get(k), hi.get(k)) {
                    buf.set_string(
                        x,
                        area.y + 2,
                        fit(&format!("{}–{}", value(scale, *l), value(scale, *h)), w),
                        t.dim(),
                    );
                }
            }
        } else {
            if area.height >= 2 {
                buf.set_string(x, area.y + 1, fit(&shown, w), t.title());
            }
            if area.height >= 3 {
                buf.set_line(x, area.y + 2, &Line::from(change), w16);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    /// The KPI row shows the headline metrics `chipcast compare` compares, in the same order.
    #[test]
    fn the_kpi_row_is_the_headline() {
        let shown: Vec<_> = super::KPIS.iter().map(|(m, ..)| *m).collect();
        assert_eq!(shown, crate::model::metrics::HEADLINE);
    }
}
