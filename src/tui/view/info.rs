//! The selected lever's line: its value in the selected year in full, the file's value then,
//! what it means; below, its dated changes (the file's and the user's) first, then its source
//! and the file's citation.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::diag::sanitize;
use crate::model::scenario::when;
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
        format!(" {} = {now}{unit} in {}", lever.key, app.ui.year),
        t.title(),
    )];
    if app.value(id) != app.file_value(id) {
        let file = dist_prose(lever, app.file_value(id));
        head.push(Span::styled(format!(" (file: {file})"), t.changed()));
    }
    if app.value(id).is_uncertain() {
        head.push(Span::styled(" (~ = uncertain: a distribution)", t.dim()));
    }
    head.push(Span::raw(format!(" — {}", lever.meaning)));

    let mut source = format!("source: {} [{}]", lever.source, lever.cites.join(", "));
    if let Some(key) = &s.citations[id as usize] {
        let cited = s
            .sources
            .get(key)
            .map(|t| sanitize(t))
            .unwrap_or_else(|| sanitize(key));
        source.push_str(&format!("; the file cites {cited}"));
    }
    // Dated changes first, so that they show at any width: the file's, then the user's.
    let mut dated: Vec<String> = s
        .changes_of(id)
        .iter()
        .map(|&(y, m, d)| format!("{} → {}", when(y, m), dist_prose(lever, d)))
        .collect();
    let first = s.first_year;
    for o in app.data.overrides.of(id) {
        let from = o.from.filter(|&y| y > first).unwrap_or(first);
        let whole = if from == first { " (every year)" } else { "" };
        dated.push(format!(
            "yours: {from} → {}{whole}",
            dist_prose(lever, o.value)
        ));
    }
    let source = if dated.is_empty() {
        format!(" {source}")
    } else {
        format!(" changes: {}; {source}", dated.join(", "))
    };
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
