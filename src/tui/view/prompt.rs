//! The save prompt in the footer: the question, the file name being typed with a cursor, and
//! the prompt's keys from the keymap.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};

use crate::diag::sanitize;
use crate::output::format::{text_end, width as text_width};
use crate::tui::app::App;
use crate::tui::keymap;
use crate::tui::save::PromptKind;

pub fn render(app: &App, area: Rect, frame: &mut Frame) {
    let crate::tui::app::Mode::Prompt(p) = &app.ui.mode else {
        return;
    };
    let t = app.ui.theme;
    let width = usize::from(area.width);
    let mut hints = Vec::new();
    let mut hints_w = 0;
    for (keys, word) in keymap::hints(keymap::Scope::Prompt) {
        hints_w += text_width(&keys) + text_width(word) + 3;
        hints.push(Span::styled(keys, t.key()));
        hints.push(Span::styled(format!(" {word}  "), t.dim()));
    }
    let question = p.question();
    let mut spans = vec![Span::styled(question.clone(), t.title())];
    if p.kind == PromptKind::SaveAs {
        // Show the end of a long name: that is where typing happens.
        let room = width.saturating_sub(text_width(&question) + hints_w + 3);
        let shown = text_end(&sanitize(&p.text), room);
        spans.push(Span::styled(shown, t.text()));
        spans.push(Span::styled(" ", t.text().add_modifier(Modifier::REVERSED)));
        spans.push(Span::raw("  "));
    }
    // Why Enter did not save (an empty name, the open file; y or n still to press when
    // asked to replace) replaces the key hints, so the answer is where the user is looking.
    match &app.ui.status {
        Some(status) => {
            let style = if status.error { t.error() } else { t.dim() };
            let used: usize = spans.iter().map(|s| text_width(&s.content)).sum();
            spans.push(Span::styled(
                status.fitted(width.saturating_sub(used)),
                style,
            ));
        }
        None if p.kind == PromptKind::SaveAs => spans.extend(hints),
        None => {}
    }
    let buf = frame.buffer_mut();
    buf.set_string(area.x, area.y, " ".repeat(width), t.text());
    buf.set_line(area.x, area.y, &Line::from(spans), area.width);
}
