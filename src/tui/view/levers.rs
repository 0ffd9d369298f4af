//! The lever panel: levers grouped (controls / response / world), each with its current value
//! and unit; levers that differ from the file carry a ● mark in the "changed" style.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::model::levers::Group;
use crate::tui::app::App;

use super::layout::{LeverRow, lever_rows, lever_scroll};
use crate::output::format::{fit, lever_cell, width as text_width};

fn heading(g: Group) -> &'static str {
    match g {
        Group::Controls => "US & ALLIED CONTROLS",
        Group::Response => "CHINA'S RESPONSE",
        Group::World => "WORLD ASSUMPTIONS",
    }
}

pub fn render(app: &App, area: Rect, frame: &mut Frame) {
    let t = app.ui.theme;
    let buf = frame.buffer_mut();
    // A rule between the levers and the panel.
    let rule_x = area.right();
    if rule_x < buf.area.right() {
        for y in area.y..area.bottom() {
            buf[(rule_x, y)].set_symbol("│").set_style(t.dim());
        }
    }
    let top = lever_scroll(app.ui.lever, area.height);
    let width = usize::from(area.width);
    for (row, item) in lever_rows()
        .into_iter()
        .skip(top)
        .take(usize::from(area.height))
        .enumerate()
    {
        let y = area.y + row as u16;
        match item {
            LeverRow::Heading(g) => {
                let style = Style::default()
                    .fg(t.group(g))
                    .add_modifier(ratatui::style::Modifier::BOLD);
                buf.set_string(area.x, y, fit(&format!(" {}", heading(g)), width), style);
            }
            LeverRow::Lever(id) => {
                let lever = id.lever();
                let selected = id == app.ui.lever;
                let changed = app.is_changed(id);
                let value = lever_cell(lever, app.value(id));
                let name_w = width.saturating_sub(text_width(&value) + 4);
                let name = fit(lever.key, name_w);
                let pad = width.saturating_sub(3 + text_width(&name) + text_width(&value));
                let base = if selected { t.selected() } else { t.text() };
                let line = Line::from(vec![
                    Span::styled(if selected { "▸" } else { " " }, base),
                    Span::styled(
                        if changed { "●" } else { " " },
                        if changed { t.changed() } else { base },
                    ),
                    Span::styled(format!(" {name}{}", " ".repeat(pad)), base),
                    Span::styled(
                        value,
                        if changed {
                            base.patch(t.changed())
                        } else {
                            base
                        },
                    ),
                ]);
                buf.set_line(area.x, y, &line, area.width);
            }
        }
    }
}
