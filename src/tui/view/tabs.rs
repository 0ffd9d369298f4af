//! The panel tabs: number and name of each panel, the shown one highlighted.

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::scenario::story::Panel;
use crate::tui::app::App;

use super::layout::{tab_label, tab_spans};

pub fn render(app: &App, area: Rect, frame: &mut Frame) {
    let t = app.ui.theme;
    let buf = frame.buffer_mut();
    for (panel, x, _) in tab_spans(area) {
        let i = Panel::ALL.iter().position(|p| *p == panel).unwrap_or(0);
        let style = if panel == app.ui.panel {
            t.selected()
        } else {
            t.dim()
        };
        buf.set_string(x, area.y, tab_label(i, panel), style);
    }
}
