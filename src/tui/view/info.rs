//! The selected lever's line: its value in full, the file's value, what it means and its
//! source (and the file's citation and dated changes, when there are any).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::diag::sanitize;
use crate::tui::app::App;

use crate::output::format::{dist_prose, fit};

pub fn render(app: &App, area: Rect, frame: &mut Frame) {
    let t = app.ui.theme;
    let id = app.ui.lever;
    let lever = id.lever();
    let s = app.scenario();
    let unit = if lever.unit.is_empty() {
        String::new()
    } else {
        format!(" {}", lever.unit)
    };
    let now = dist_prose(lever, app.value(id));
    let mut head = vec![Span::styled(
        format!(" {} = {now}{unit}", lever.key),
        t.title(),
    )];
    if app.is_changed(id) {
        let file = dist_prose(lever, s.levers[id as usize]);
        head.push(Span::styled(format!(" (file: {file})"), t.changed()));
    }
    head.push(Span::raw(format!(" — {}", lever.meaning)));

    let mut source = format!(" source: {} [{}]", lever.source, lever.cites.join(", "));
    if let Some(key) = &s.citations[id as usize] {
        let cited = s
            .sources
            .get(key)
            .map(|t| sanitize(t))
            .unwrap_or_else(|| sanitize(key));
        source.push_str(&format!("; the file cites {cited}"));
    }
    let changes: Vec<String> = s
        .schedule
        .iter()
        .filter_map(|c| {
            c.set
                .iter()
                .find(|(l, _)| *l == id)
                .map(|(_, d)| format!("{} → {}", c.year, dist_prose(lever, *d)))
        })
        .collect();
    if !changes.is_empty() {
        let held = if app.is_changed(id) {
            " (held off by your change)"
        } else {
            ""
        };
        source.push_str(&format!("; dated changes: {}{held}", changes.join(", ")));
    }
    let source = source.replace('\n', " ");
    let buf = frame.buffer_mut();
    let width = usize::from(area.width);
    if area.height >= 2 {
        buf.set_line(area.x, area.y, &Line::from(head), area.width);
        buf.set_string(area.x, area.y + 1, fit(&source, width), t.dim());
    } else if area.height == 1 {
        head.push(Span::styled(source, t.dim()));
        buf.set_line(area.x, area.y, &Line::from(head), area.width);
    }
}
