//! The reload banner: when the open scenario's last save has problems, bars across the top of
//! the body say so — the first diagnostic (file:line:col: message, already sanitized), its
//! hint, and how many more with the command that lists them — while the last good version
//! stays on screen beneath.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;

use crate::tui::app::App;

use crate::output::format::{fit, pad};

pub fn render(app: &App, area: Rect, frame: &mut Frame) {
    let Some(b) = &app.data.banner else { return };
    if area.height == 0 {
        return;
    }
    let style = app.ui.theme.error().add_modifier(Modifier::REVERSED);
    let width = usize::from(area.width);
    // The count of the rest is never cut: the hint gives way to it.
    let more = match b.more {
        0 => String::new(),
        n => format!(
            "  +{n} more (chipcast check {})",
            crate::diag::width::shorten_path(&b.file, 32)
        ),
    };
    let head = " ⚠ the file has problems: showing the last good version; fix and save to reload";
    let mut lines = vec![head.to_string(), format!(" {}", b.first)];
    match &b.hint {
        Some(hint) => {
            let room = width.saturating_sub(crate::diag::width::width(&more));
            lines.push(format!("{}{more}", fit(&format!(" hint: {hint}"), room)));
        }
        None if !more.is_empty() => lines.push(more),
        None => {}
    }
    let buf = frame.buffer_mut();
    for (i, text) in lines.iter().enumerate().take(usize::from(area.height)) {
        let y = area.y + i as u16;
        buf.set_string(area.x, y, pad(&fit(text, width), width), style);
    }
}

/// The rows the banner takes (0 when there is none).
pub fn height(app: &App) -> u16 {
    match &app.data.banner {
        None => 0,
        Some(b) if b.hint.is_none() && b.more == 0 => 2,
        Some(_) => 3,
    }
}
