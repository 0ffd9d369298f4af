//! The header: scenario name, horizon, seed and samples, how many levers differ from the
//! file, and the pinned comparison; on tall screens a second line with file and description.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::diag::sanitize;
use crate::tui::app::App;

use super::chart::compare_label;
use crate::output::format::fit;

pub fn render(app: &App, area: Rect, frame: &mut Frame) {
    let t = app.ui.theme;
    let s = app.scenario();
    let settings = app.data.settings;
    let mut spans = vec![
        Span::styled(" chipcast ", t.selected()),
        Span::raw(" "),
        Span::styled(sanitize(&s.name).replace('\n', " "), t.title()),
        Span::styled(format!("  {}–{}", s.first_year, s.last_year), t.text()),
        Span::styled(
            format!("  seed {}  {} samples", settings.seed, settings.samples),
            t.dim(),
        ),
    ];
    if app.pending() {
        spans.push(Span::styled("  bands…", t.dim()));
    }
    let changed = app.data.overrides.0.len();
    if changed > 0 {
        spans.push(Span::raw("  "));
        spans.push(Span::styled(format!("● {changed} changed"), t.changed()));
    }
    if app.data.pinned.is_some() {
        spans.push(Span::raw("  "));
        spans.push(Span::styled(
            format!("┄ {}", compare_label(&app.scene())),
            t.pinned_text(),
        ));
    }
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
