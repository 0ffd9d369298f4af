//! The header: scenario name, horizon, seed and samples, how many levers differ from the
//! file, and the pinned comparison; on tall screens a second line with file and description.
//! The change count and the pin show at every width: the rest gives way first.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::diag::sanitize;
use crate::tui::app::App;

use super::chart::compare_label;
use crate::output::format::{fit, thousands, width as text_width};

pub fn render(app: &App, area: Rect, frame: &mut Frame) {
    let t = app.ui.theme;
    let s = app.scenario();
    let settings = app.data.settings;
    // What must show at any width goes on the right and is measured first: the pending
    // bands, the change count and the pin (its name cut to a third of the line).
    let width = usize::from(area.width);
    let mut tail: Vec<Span> = Vec::new();
    if let Some(r) = &app.data.recording {
        tail.push(Span::styled(
            format!("  ● REC {}", r.steps.len()),
            t.error(),
        ));
    }
    if app.pending() {
        tail.push(Span::styled("  bands…", t.dim()));
    }
    let changed = app.data.overrides.0.len();
    if changed > 0 {
        tail.push(Span::raw("  "));
        tail.push(Span::styled(format!("● {changed} changed"), t.changed()));
    }
    if app.data.pinned.is_some() {
        tail.push(Span::raw("  "));
        let label = format!("┄ {}", compare_label(&app.scene()));
        tail.push(Span::styled(
            fit(&label, (width / 3).max(12)),
            t.pinned_text(),
        ));
    }
    let tail_w: usize = tail.iter().map(|s| text_width(&s.content)).sum();
    // Then the name, horizon, seed and samples, dropped from the end as room runs out; the
    // name last, cut with an ellipsis.
    let room = width.saturating_sub(tail_w);
    let name = sanitize(&s.name).replace('\n', " ");
    let horizon = format!("  {}–{}", s.first_year, s.last_year);
    let seed = format!(
        "  seed {}  {} samples",
        settings.seed,
        thousands(settings.samples as f64, 0)
    );
    let brand = " chipcast ";
    let fixed = text_width(brand) + 1;
    let mut spans = vec![Span::styled(brand, t.selected()), Span::raw(" ")];
    let name_w = text_width(&name);
    if fixed + name_w + text_width(&horizon) + text_width(&seed) <= room {
        spans.push(Span::styled(name, t.title()));
        spans.push(Span::styled(horizon, t.text()));
        spans.push(Span::styled(seed, t.dim()));
    } else if fixed + name_w + text_width(&horizon) <= room {
        spans.push(Span::styled(name, t.title()));
        spans.push(Span::styled(horizon, t.text()));
    } else {
        spans.push(Span::styled(
            fit(&name, room.saturating_sub(fixed)),
            t.title(),
        ));
    }
    spans.extend(tail);
    let buf = frame.buffer_mut();
    buf.set_line(area.x, area.y, &Line::from(spans), area.width);
    if area.height >= 2 {
        let file = app
            .data
            .entries
            .get(app.data.current)
            .map(|e| e.file())
            .unwrap_or_default();
        let text = format!(" {file} — {}", sanitize(&s.description).replace('\n', " "));
        buf.set_string(
            area.x,
            area.y + 1,
            fit(&text, usize::from(area.width)),
            t.dim(),
        );
    }
}
