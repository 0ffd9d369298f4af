//! The Sensitivity panel: a tornado of the selected metric in the selected year — each lever's
//! setting in that year swung alone across its range (or its distribution's p10–p90), on the
//! headline's basis (the p50 of the same samples), bars coloured by lever group, largest swing
//! first — and, in the explorer, the Sobol ranking (`sobol.rs`) beside it, or below it on a
//! narrow screen.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::model::levers::Group;
use crate::tui::action::Action;
use crate::tui::app::Scene;
use crate::tui::keymap::{Scope, first_key};

use crate::output::format::{fit, lever_short, thousands, value};

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

/// What the tornado's figures are, in a few words: "p50 of 10,000 samples" (the headline's)
/// or "central run".
fn basis_words(samples: usize) -> String {
    if samples == 0 {
        "central run".into()
    } else {
        format!("p50 of {} samples", thousands(samples as f64, 0))
    }
}

/// A line cut to `width` columns with an ellipsis, its spans' styles kept.
fn fitted(line: Line<'_>, width: u16) -> Line<'_> {
    let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
    let width = usize::from(width);
    if crate::diag::width::width(&text) <= width {
        return line;
    }
    let mut left = width.saturating_sub(1);
    let mut spans = Vec::new();
    for span in line.spans {
        if left == 0 {
            break;
        }
        let w = crate::diag::width::width(&span.content);
        if w <= left {
            left -= w;
            spans.push(span);
        } else {
            let cut = crate::diag::width::fit(&span.content, left + 1);
            let cut = cut.trim_end_matches('…').to_string();
            spans.push(Span::styled(cut, span.style));
            left = 0;
        }
    }
    spans.push(Span::raw("…"));
    Line::from(spans)
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
    buf.set_line(area.x, area.y, &fitted(title, area.width), area.width);
    let Some(swings) = &sweep.swings else {
        if area.height >= 2 {
            let text = format!(
                " computing {} swings on {}…",
                sweep.year,
                basis_words(sweep.samples)
            );
            buf.set_string(
                area.x,
                area.y + 1,
                fit(&text, usize::from(area.width)),
                t.dim(),
            );
        }
        return;
    };
    let base = swings.first().map(|s| s.base).unwrap_or(0.0);
    // The basis first: it is what makes the numbers comparable with the headline.
    let mut legend = vec![Span::styled(
        format!(
            "base {} = {}  ",
            value(scale, base),
            basis_words(sweep.samples)
        ),
        t.text(),
    )];
    for g in Group::ALL {
        legend.push(Span::styled("■ ", Style::default().fg(t.group(g))));
        legend.push(Span::raw(format!("{}  ", g.name())));
    }
    legend.push(Span::styled("█ high  ▒ low", t.dim()));
    if area.height >= 2 {
        buf.set_line(
            area.x,
            area.y + 1,
            &fitted(Line::from(legend), area.width),
            area.width,
        );
    }

    let moving: Vec<_> = swings.iter().filter(|s| s.width() > 0.0).collect();
    let still = swings.len() - moving.len();
    let rows = usize::from(area.height.saturating_sub(3));
    // Wide: 24 columns of names, bars, 30 of values. Narrow: the bars keep at least a quarter
    // of the width, names shrink to fit, and the values go when fewer than 14 columns remain.
    let name_w: u16 = (area.width * 2 / 5).clamp(8, 24);
    let bar_min = (area.width / 4).max(8);
    let text_w: u16 = match area.width.saturating_sub(name_w + bar_min + 2) {
        w if w >= 30 => 30,
        w if w >= 14 => w,
        _ => 0,
    };
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
        if text_w > 0 {
            let lv = lever_short(lever, s.low_value);
            let hv = lever_short(lever, s.high_value);
            // A setting that took effect after the first year is swung from then on.
            let since = if s.since > scene.scenario.first_year {
                format!(" '{:02}", s.since.rem_euclid(100))
            } else {
                String::new()
            };
            let text = format!(
                " {lv}…{hv}{since}: {} to {}",
                value(scale, s.low),
                value(scale, s.high)
            );
            buf.set_string(axis + half + 2, y, fit(&text, usize::from(text_w)), t.dim());
        }
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
