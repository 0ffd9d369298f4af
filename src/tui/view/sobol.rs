//! The Sobol ranking in the Sensitivity panel: each uncertain input's share of the selected
//! metric's variance in the selected year, a bar to its total index (solid: first order, shaded:
//! interactions), with the sample count and the 95% interval's half-width.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::model::sobol::{CONFIDENCE, Input};
use crate::output::format::{fit, thousands};
use crate::tui::app::{Scene, SobolView};

/// Inputs whose total index is below this are counted, not listed.
const SHOWN_FROM: f64 = 0.005;

pub fn render(scene: &Scene, sobol: Option<&SobolView>, area: Rect, frame: &mut Frame) {
    if area.height == 0 || area.width < 8 {
        return;
    }
    let t = scene.theme;
    let buf = frame.buffer_mut();
    let width = usize::from(area.width);
    let Some(ranking) = sobol.and_then(|s| s.ranking.as_deref()) else {
        buf.set_string(
            area.x,
            area.y,
            fit("computing the variance shares (Sobol)…", width),
            t.dim(),
        );
        return;
    };
    let heading = if area.width >= 64 {
        format!("Share of variance in {} (Sobol)", ranking.year)
    } else {
        format!("Sobol {}", ranking.year)
    };
    let title = Line::from(vec![
        Span::styled(heading, t.title()),
        Span::styled(
            format!(
                "  {} samples, {:.0}% CI",
                thousands(ranking.samples as f64, 0),
                CONFIDENCE * 100.0
            ),
            t.dim(),
        ),
    ]);
    buf.set_line(area.x, area.y, &title, area.width);
    if area.height < 2 {
        return;
    }
    let text_w: u16 = 16;
    let name_w: u16 = (area.width / 3).clamp(8, 24);
    let bar_w = area.width.saturating_sub(name_w + text_w + 1);
    buf.set_string(
        area.x,
        area.y + 1,
        fit(
            &format!(
                "{:nw$}{:bw$}   S1   ST ±CI",
                " input",
                if bar_w >= 22 {
                    "█ alone ▒ with others"
                } else {
                    "█ S1 ▒ ST"
                },
                nw = usize::from(name_w),
                bw = usize::from(bar_w) + 1
            ),
            width,
        ),
        t.dim(),
    );
    let shown: Vec<_> = ranking
        .inputs
        .iter()
        .filter(|i| i.total.value >= SHOWN_FROM)
        .collect();
    let rows = usize::from(area.height.saturating_sub(3));
    for (r, i) in shown.iter().take(rows).enumerate() {
        let y = area.y + 2 + r as u16;
        let (name, color, selected) = match i.input {
            Input::Lever(u) => (
                i.input.name(),
                Style::default().fg(t.group(u.lever.lever().group)),
                u.lever == scene.lever,
            ),
            Input::Regimes => ("policy regimes".to_string(), t.dim(), false),
        };
        let style = if selected { t.selected() } else { t.text() };
        buf.set_string(
            area.x,
            y,
            fit(&format!(" {name}"), usize::from(name_w)),
            style,
        );
        let cells = |v: f64| (v.clamp(0.0, 1.0) * f64::from(bar_w)).round() as u16;
        let (first, total) = (cells(i.first.value), cells(i.total.value));
        for k in 0..total.min(bar_w) {
            let sym = if k < first { "█" } else { "▒" };
            buf[(area.x + name_w + k, y)]
                .set_symbol(sym)
                .set_style(color);
        }
        let half = (i.total.high - i.total.low) / 2.0;
        let text = format!(
            " {:>4.2} {:>4.2}±{:.2}",
            i.first.value.max(0.0),
            i.total.value,
            half
        );
        buf.set_string(
            area.x + name_w + bar_w,
            y,
            fit(&text, usize::from(text_w + 1)),
            t.dim(),
        );
    }
    let listed = shown.len().min(rows);
    let note_y = area.y + 2 + listed as u16;
    if note_y < area.bottom() {
        let rest = ranking.inputs.len() - listed;
        let note = if ranking.variance == 0.0 {
            "the metric does not vary in this year".to_string()
        } else if rest > 0 {
            format!(
                "{} of {} inputs not listed (smaller shares)",
                rest,
                ranking.inputs.len()
            )
        } else {
            format!("{} uncertain inputs", ranking.inputs.len())
        };
        buf.set_string(area.x, note_y, fit(&format!(" {note}"), width), t.dim());
    }
}
