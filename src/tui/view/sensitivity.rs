//! The Sensitivity panel: a tornado of the selected metric in the selected year — each lever
//! swung alone across its range (or its distribution's p10–p90), bars coloured by lever group,
//! largest swing first — and, in the explorer, the Sobol ranking (`sobol.rs`) beside it, or
//! below it on a narrow screen.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::model::levers::Group;
use crate::tui::action::Action;
use crate::tui::app::Scene;
use crate::tui::keymap::{Scope, first_key};

use crate::output::format::{fit, lever_short, value};

pub fn render(scene: &Scene, area: Rect, frame: &mut Frame) {
    let Some(sobol) = scene.sobol else {
        tornado(scene, area, frame);
        return;
    };
    // The Sobol ranking beside the tornado when there is room, else below it.
    let (left, right) = if area.width >= 110 {
        let w = (area.width * 2 / 5).max(44);
        (
            Rect::new(area.x, area.y, area.width - w - 1, area.height),
            Rect::new(area.right() - w, area.y, w, area.height),
        )
    } else {
        let h = (area.height / 2).max(4).min(area.height);
        (
            Rect::new(area.x, area.y, area.width, area.height - h),
            Rect::new(area.x, area.bottom() - h, area.width, h),
        )
    };
    tornado(scene, left, frame);
    super::sobol::render(scene, sobol, right, frame);
}

/// The tornado alone.
fn tornado(scene: &Scene, area: Rect, frame: &mut Frame) {
    let t = scene.theme;
    let buf = frame.buffer_mut();
    let Some(sweep) = scene.sweep else {
        buf.set_string(area.x, area.y, "computing the sensitivity…", t.dim());
        return;
    };
    let metric = sweep.metric.metric();
    let scale = metric.scale;
    let key = first_key(Scope::Explore, Action::Metric(1))
        .map(|k| k.label())
        .unwrap_or_default();
    let title = Line::from(vec![
        Span::styled(
            format!(
                "What moves {} in {} most",
                metric.label.to_lowercase(),
                sweep.year
            ),
            t.title(),
        ),
        Span::styled(format!("  ({}; {key}: next metric)", metric.unit), t.dim()),
    ]);
    buf.set_line(area.x, area.y, &title, area.width);
    let base = sweep.swings.first().map(|s| s.base).unwrap_or(0.0);
    let mut legend = vec![Span::styled(
        format!("base {}  ", value(scale, base)),
        t.text(),
    )];
    for g in Group::ALL {
        legend.push(Span::styled("■ ", Style::default().fg(t.group(g))));
        legend.push(Span::raw(format!("{}  ", g.name())));
    }
    legend.push(Span::styled("█ lever high  ▒ lever low", t.dim()));
    if area.height >= 2 {
        buf.set_line(area.x, area.y + 1, &Line::from(legend), area.width);
    }

    let moving: Vec<_> = sweep.swings.iter().filter(|s| s.width() > 0.0).collect();
    let still = sweep.swings.len() - moving.len();
    let rows = usize::from(area.height.saturating_sub(3));
    let name_w: u16 = 24;
    let text_w: u16 = 30;
    let bar_w = area.width.saturating_sub(name_w + text_w + 2);
    let half = bar_w / 2;
    let axis = area.x + name_w + 1 + half;
    let max = moving
        .iter()
        .map(|s| (s.low - s.base).abs().max((s.high - s.base).abs()))
        .fold(0.0, f64::max);
    for (i, s) in moving.iter().take(rows).enumerate() {
        let y = area.y + 2 + i as u16;
        let lever = s.lever.lever();
        let color = t.group(lever.group);
        let selected = s.lever == scene.lever;
        let name_style = if selected { t.selected() } else { t.text() };
        buf.set_string(
            area.x,
            y,
            fit(&format!(" {}", lever.key), usize::from(name_w)),
            name_style,
        );
        let cells = |v: f64| {
            if max > 0.0 {
                ((v - s.base).abs() / max * f64::from(half)).round() as u16
            } else {
                0
            }
        };
        // The bar from the base toward the outcome at each end of the lever's swing.
        for (outcome, sym) in [(s.low, "▒"), (s.high, "█")] {
            let n = cells(outcome).min(half);
            for k in 0..n {
                let x = if outcome >= s.base {
                    axis + 1 + k
                } else {
                    axis - 1 - k
                };
                if buf[(x, y)].symbol() == " " || sym == "█" {
                    buf[(x, y)]
                        .set_symbol(sym)
                        .set_style(Style::default().fg(color));
                }
            }
        }
        buf[(axis, y)].set_symbol("│").set_style(t.dim());
        let lv = lever_short(lever, s.low_value);
        let hv = lever_short(lever, s.high_value);
        let text = format!(
            " {lv}…{hv}: {} to {}",
            value(scale, s.low),
            value(scale, s.high)
        );
        buf.set_string(axis + half + 2, y, fit(&text, usize::from(text_w)), t.dim());
    }
    let shown = moving.len().min(rows);
    let note_y = area.y + 2 + shown as u16;
    if note_y < area.bottom() {
        let hidden = moving.len() - shown;
        let mut parts = Vec::new();
        if hidden > 0 {
            parts.push(format!("{hidden} smaller swings not shown"));
        }
        if still > 0 {
            parts.push(format!("{still} levers do not move it in {}", sweep.year));
        }
        buf.set_string(
            area.x,
            note_y,
            fit(&format!(" {}", parts.join("; ")), usize::from(area.width)),
            t.dim(),
        );
    }
}
