//! The Routes panel: diverted accelerators by transit route (Malaysia, Singapore, India,
//! other) over time, and each year's split between the routes as a stacked bar, so shifts
//! between hubs show at a glance.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::model::metrics::MetricId;
use crate::tui::app::Scene;

use super::chart::from_scene;

/// The routes: metric, name, short name, bar symbol.
const HUBS: [(MetricId, &str, &str, &str); 4] = [
    (MetricId::HubMalaysia, "Malaysia", "MY", "█"),
    (MetricId::HubSingapore, "Singapore", "SG", "▓"),
    (MetricId::HubIndia, "India", "IN", "▒"),
    (MetricId::HubOther, "other", "other", "░"),
];

/// The routes chart's series: the total, headline first, then each route.
pub fn chart_series() -> Vec<(MetricId, &'static str)> {
    let mut metrics = vec![(MetricId::Diverted, "total")];
    metrics.extend(HUBS.iter().map(|(m, name, _, _)| (*m, *name)));
    metrics
}

/// The years a list of `rows` rows shows: spread over the horizon, the selected one included.
fn years_shown(first: i32, last: i32, selected: i32, rows: usize) -> Vec<i32> {
    let n = (last - first + 1) as usize;
    if rows == 0 {
        return Vec::new();
    }
    if n <= rows {
        return (first..=last).collect();
    }
    let mut ys: Vec<i32> = (0..rows)
        .map(|i| first + (i * (n - 1) / (rows - 1).max(1)) as i32)
        .collect();
    if !ys.contains(&selected) {
        let nearest = ys
            .iter()
            .enumerate()
            .min_by_key(|(_, y)| (**y - selected).abs())
            .map(|(i, _)| i)
            .unwrap_or(0);
        ys[nearest] = selected;
        ys.sort();
        ys.dedup();
    }
    ys
}

pub fn render(scene: &Scene, area: Rect, frame: &mut Frame) {
    let t = scene.theme;
    let s = scene.scenario;
    let years = (s.last_year - s.first_year + 1) as u16;
    let bars_h = (area.height.saturating_sub(2) / 2).min(years + 1);
    let (top, _, rest) = super::split_panel(area, bars_h);
    let chart_area = Rect::new(top.x, top.y, top.width, rest.y - top.y);
    let metrics = chart_series();
    from_scene(
        scene,
        "Diverted accelerators by route, units/yr".into(),
        &metrics,
    )
    .render(t, chart_area, frame.buffer_mut());

    let buf = frame.buffer_mut();
    if bars_h >= 2 {
        let mut head = vec![Span::styled("Split between routes  ", t.title())];
        for (i, (_, name, _, sym)) in HUBS.iter().enumerate() {
            head.push(Span::styled(
                format!("{sym}{sym} "),
                Style::default().fg(t.series(i + 1)),
            ));
            head.push(Span::raw(format!("{name}  ")));
        }
        buf.set_line(rest.x, rest.y, &Line::from(head), rest.width);
        let text_w = 26u16;
        let bar_w = rest.width.saturating_sub(6 + text_w + 1);
        for (row, year) in years_shown(
            s.first_year,
            s.last_year,
            scene.year,
            usize::from(bars_h - 1),
        )
        .into_iter()
        .enumerate()
        {
            let y = rest.y + 1 + row as u16;
            let flows: Vec<f64> = HUBS
                .iter()
                .map(|(m, ..)| scene.now.value(*m, year).unwrap_or(0.0).max(0.0))
                .collect();
            let total: f64 = flows.iter().sum();
            let style = if year == scene.year {
                t.year()
            } else {
                t.dim()
            };
            buf.set_string(rest.x, y, format!("{year}"), style);
            if total <= 0.0 {
                buf.set_string(rest.x + 6, y, "no diverted flow", t.dim());
                continue;
            }
            // Whole cells by largest remainder, so the bar always fills its width.
            let exact: Vec<f64> = flows.iter().map(|f| f / total * f64::from(bar_w)).collect();
            let mut cells: Vec<u16> = exact.iter().map(|e| e.floor() as u16).collect();
            let mut left = bar_w.saturating_sub(cells.iter().sum());
            let mut order: Vec<usize> = (0..cells.len()).collect();
            order.sort_by(|a, b| {
                (exact[*b] - exact[*b].floor()).total_cmp(&(exact[*a] - exact[*a].floor()))
            });
            for i in order {
                if left == 0 {
                    break;
                }
                cells[i] += 1;
                left -= 1;
            }
            let mut spans = Vec::new();
            for (i, (_, _, _, sym)) in HUBS.iter().enumerate() {
                spans.push(Span::styled(
                    sym.repeat(usize::from(cells[i])),
                    Style::default().fg(t.series(i + 1)),
                ));
            }
            let shares: Vec<String> = HUBS
                .iter()
                .zip(&flows)
                .map(|((_, _, short, _), f)| format!("{short} {:.0}", f / total * 100.0))
                .collect();
            spans.push(Span::styled(format!(" {}%", shares.join(" ")), t.dim()));
            buf.set_line(
                rest.x + 6,
                y,
                &Line::from(spans),
                rest.width.saturating_sub(6),
            );
        }
    }
    let legend = Rect::new(
        rest.x,
        rest.y + bars_h,
        rest.width,
        rest.height.saturating_sub(bars_h),
    );
    super::legend_and_events(scene, legend, frame);
}

#[cfg(test)]
mod tests {
    use super::years_shown;

    #[test]
    fn shown_years_include_the_selected_one() {
        assert_eq!(
            years_shown(2024, 2032, 2027, 20),
            (2024..=2032).collect::<Vec<_>>()
        );
        let ys = years_shown(2024, 2032, 2027, 3);
        assert!(ys.contains(&2027) && ys.len() <= 3, "{ys:?}");
    }
}
