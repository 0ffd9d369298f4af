//! The reload banner: when the open scenario's last save has problems, two bars across the top
//! of the body say so — the first diagnostic (file:line:col: message, already sanitized) and
//! how many more — while the last good version stays on screen beneath.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;

use crate::tui::app::App;

use crate::output::format::pad;

pub fn render(app: &App, area: Rect, frame: &mut Frame) {
    let Some(b) = &app.data.banner else { return };
    if area.height == 0 {
        return;
    }
    let style = app.ui.theme.error().add_modifier(Modifier::REVERSED);
    let width = usize::from(area.width);
    let more = match b.more {
        0 => String::new(),
        1 => " (+1 more problem)".into(),
        n => format!(" (+{n} more problems)"),
    };
    let head = " ⚠ the file has problems: showing the last good version; fix and save to reload";
    let lines = [head.to_string(), format!(" {}{more}", b.first)];
    let buf = frame.buffer_mut();
    for (i, text) in lines.iter().enumerate().take(usize::from(area.height)) {
        let y = area.y + i as u16;
        let text = pad(text, width);
        buf.set_string(area.x, y, text, style);
    }
}
