//! The footer: the latest status or error message, then key hints generated from the keymap.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::tui::app::App;
use crate::tui::keymap;

use crate::output::format::width as text_width;

pub fn render(app: &App, area: Rect, frame: &mut Frame) {
    let t = app.ui.theme;
    let width = usize::from(area.width);
    let mut spans = Vec::new();
    let mut used = 0;
    if let Some(status) = &app.ui.status {
        // Half the line, the rest for key hints; an error may take three quarters, so that its
        // reason and the file it concerns are seen (its path shortened from the middle).
        let room = if status.error {
            width - width / 4
        } else {
            width / 2
        };
        let text = status.fitted(room);
        used += text_width(&text) + 2;
        spans.push(Span::styled(
            text,
            if status.error { t.error() } else { t.text() },
        ));
        spans.push(Span::raw("  "));
    }
    for (keys, word) in keymap::hints(app.ui.mode.scope()) {
        let n = text_width(&keys) + text_width(word) + 3;
        if used + n > width {
            break;
        }
        used += n;
        spans.push(Span::styled(keys, t.key()));
        spans.push(Span::styled(format!(" {word}  "), t.dim()));
    }
    frame
        .buffer_mut()
        .set_line(area.x, area.y, &Line::from(spans), area.width);
}
