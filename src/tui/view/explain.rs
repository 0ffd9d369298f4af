//! The `x` overlay: one number explained — its factor chain, the binding input of each
//! product with each input's slack, and, when levers differ from the comparison, the
//! waterfall (a bar per lever around a zero line, then the sum). Reads `Explained`; computes
//! nothing.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use crate::model::metrics::Scale;
use crate::output::explain::chain_rows;
use crate::output::format::{fit, metric_delta, metric_value, pad, percent, thousands};
use crate::tui::app::{App, Explained};
use crate::tui::keymap::{Scope, help_rows};

use super::layout::centered;

pub fn render(app: &App, x: &Explained, area: Rect, frame: &mut Frame) {
    let t = app.ui.theme;
    let e = &x.explanation;
    let m = e.metric.metric();
    let rect = centered(
        area,
        area.width.saturating_sub(4).min(110),
        area.height.saturating_sub(2),
    );
    let inner = usize::from(rect.width.saturating_sub(2));
    let mut lines: Vec<Line> = Vec::new();
    let unit = if m.scale == Scale::Share { "" } else { m.unit };
    lines.push(Line::from(vec![
        Span::styled(format!("{} {unit}", metric_value(m, e.value)), t.title()),
        Span::styled(
            " · central run (every distribution at its central value)",
            t.dim(),
        ),
    ]));
    lines.push(Line::styled(e.note, t.dim()));
    if !e.factors.is_empty() {
        lines.push(Line::raw(""));
        // op (4) + name + value (10) + unit (11)
        for r in chain_rows(e) {
            let indent = 2 * r.depth;
            let name_w = inner.saturating_sub(indent + 4 + 1 + 10 + 1 + 11).max(8);
            let style = if r.op == "=" {
                t.title()
            } else if r.depth > 0 {
                t.dim()
            } else {
                t.text()
            };
            lines.push(Line::styled(
                format!(
                    "{}{:>3} {} {:>10} {}",
                    " ".repeat(indent),
                    r.op,
                    pad(&fit(&r.name, name_w), name_w),
                    r.value,
                    fit(r.unit, 11)
                ),
                style,
            ));
        }
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        format!("Binding input by product, {}", e.year),
        t.title(),
    ));
    let per_row = (inner / 38).max(1);
    for chunk in e.products.chunks(per_row) {
        let cells: Vec<String> = chunk
            .iter()
            .map(|p| {
                format!(
                    "{} {:>9} {:<9}",
                    pad(&fit(p.product.product().name, 14), 14),
                    thousands(p.units, 0),
                    p.binding.name()
                )
            })
            .collect();
        lines.push(Line::raw(format!("  {}", cells.join("  "))));
    }
    let slack: Vec<String> = e
        .slacks()
        .map(|(i, s)| format!("{} {}", i.name(), percent(s)))
        .collect();
    lines.push(Line::raw(format!(
        "  slack (share unused): {} · most units bound by {}",
        slack.join(" · "),
        e.binding.name()
    )));
    lines.push(Line::raw(""));
    match &x.waterfall {
        None => lines.push(Line::styled(
            format!("No lever differs from {}: no waterfall", x.against),
            t.dim(),
        )),
        Some(w) => {
            lines.push(Line::styled(
                format!("Waterfall: {} → {}", x.against, x.current),
                t.title(),
            ));
            lines.push(Line::styled(format!("  {}", w.method.describe()), t.dim()));
            let max = w.parts.iter().map(|p| p.1.abs()).fold(0.0, f64::max);
            let label_w = 26.min(inner / 3);
            let value_w = 12;
            let half = inner.saturating_sub(label_w + value_w + 6) / 2;
            let bar = |v: f64| -> String {
                let n = if max > 0.0 {
                    ((v.abs() / max) * half as f64).round() as usize
                } else {
                    0
                };
                let n = n.max(usize::from(v != 0.0)).min(half);
                if v < 0.0 {
                    format!(
                        "{}{}│{}",
                        " ".repeat(half - n),
                        "▒".repeat(n),
                        " ".repeat(half)
                    )
                } else {
                    format!(
                        "{}│{}{}",
                        " ".repeat(half),
                        "█".repeat(n),
                        " ".repeat(half - n)
                    )
                }
            };
            lines.push(Line::raw(format!(
                "  {} {} {:>value_w$}",
                pad("reference", label_w),
                " ".repeat(2 * half + 1),
                metric_value(m, w.reference)
            )));
            for (id, part) in &w.parts {
                lines.push(Line::from(vec![
                    Span::raw(format!("  {} ", pad(&fit(id.key(), label_w), label_w))),
                    Span::styled(
                        bar(*part),
                        if *part < 0.0 {
                            t.pinned_text()
                        } else {
                            t.changed()
                        },
                    ),
                    Span::raw(format!(" {:>value_w$}", metric_delta(m, *part))),
                ]));
            }
            lines.push(Line::styled(
                format!(
                    "  {} {} {:>value_w$}",
                    pad("sum = difference", label_w),
                    "─".repeat(2 * half + 1),
                    metric_delta(m, w.total())
                ),
                t.title(),
            ));
            lines.push(Line::raw(format!(
                "  {} {} {:>value_w$}",
                pad("current", label_w),
                " ".repeat(2 * half + 1),
                metric_value(m, w.current)
            )));
        }
    }
    let close: Vec<String> = help_rows(Scope::Explain)
        .into_iter()
        .map(|(k, h)| format!("{k}: {h}"))
        .collect();
    let block = Block::bordered()
        .title(Line::styled(
            format!(" Explain: {} in {} ", m.label, e.year),
            t.title(),
        ))
        .title_bottom(Line::styled(
            fit(
                &format!(" {} ", close.join(" · ")),
                usize::from(rect.width.saturating_sub(2)),
            ),
            t.dim(),
        ));
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((x.scroll, 0)),
        rect,
    );
}

/// The `d` overlay: the open panel described in words (`tui::describe`), plain text that
/// wraps, with the keys that scroll and close it.
pub fn render_words(app: &App, lines: &[String], scroll: u16, area: Rect, frame: &mut Frame) {
    let t = app.ui.theme;
    let rect = centered(
        area,
        area.width.saturating_sub(4).min(110),
        area.height.saturating_sub(2),
    );
    let keys: Vec<String> = help_rows(Scope::Describe)
        .into_iter()
        .map(|(k, h)| format!("{k}: {h}"))
        .collect();
    let block = Block::bordered()
        .title(Line::styled(" The panel in words ", t.title()))
        .title_bottom(Line::styled(
            fit(
                &format!(" {} ", keys.join(" · ")),
                usize::from(rect.width.saturating_sub(2)),
            ),
            t.dim(),
        ));
    let text: Vec<Line> = lines
        .iter()
        .map(|l| Line::styled(l.clone(), t.text()))
        .collect();
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(text)
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0)),
        rect,
    );
}
