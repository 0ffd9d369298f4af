//! The footer: the latest status or error message, then key hints generated from the keymap,
//! always ending with `? help` and `q quit` however narrow the screen.

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
    // `? help` and `q quit` always show, at the end; the other hints fill the room before them.
    let hints = keymap::hints(app.ui.mode.scope());
    let cost = |keys: &str, word: &str| text_width(keys) + text_width(word) + 3;
    let kept = |word: &str| matches!(word, "help" | "quit");
    let reserved: usize = hints
        .iter()
        .filter(|(_, w)| kept(w))
        .map(|(k, w)| cost(k, w))
        .sum();
    let mut shown = Vec::new();
    for (keys, word) in &hints {
        if kept(word) {
            continue;
        }
        let n = cost(keys, word);
        if used + n + reserved > width {
            break;
        }
        used += n;
        shown.push((keys.clone(), *word));
    }
    shown.extend(
        hints
            .iter()
            .filter(|(_, w)| kept(w))
            .map(|(k, w)| (k.clone(), *w)),
    );
    for (keys, word) in shown {
        spans.push(Span::styled(keys, t.key()));
        spans.push(Span::styled(format!(" {word}  "), t.dim()));
    }
    frame
        .buffer_mut()
        .set_line(area.x, area.y, &Line::from(spans), area.width);
}
