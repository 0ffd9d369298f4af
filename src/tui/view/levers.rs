//! The lever panel: levers grouped (controls / response / world), each with its value in the
//! selected year and unit, and its nearest dated change (`0.2→0.4'25`: the setting before and
//! after the change, in the year shown, the side in force in the selected year bright); levers
//! that differ from the file carry a ● mark in the "changed" style.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::model::levers::{Group, LeverId};
use crate::model::scenario::Dist;
use crate::tui::app::App;

use super::layout::{LeverRow, lever_rows, lever_scroll};
use crate::output::format::{fit, lever_cell, width as text_width};

/// A lever's nearest dated change around the selected year, by the settings in force (the
/// file's dated changes and the user's changes alike): the last change in or before the
/// selected year, else the first after it. `(year, before, after)`.
pub fn nearest_change(app: &App, id: LeverId) -> Option<(i32, Dist, Dist)> {
    let s = app.scenario();
    let selected = app.ui.year;
    let changes: Vec<(i32, Dist, Dist)> = (s.first_year + 1..=s.last_year)
        .filter_map(|y| {
            let (before, after) = (app.value_in(id, y - 1), app.value_in(id, y));
            (before != after).then_some((y, before, after))
        })
        .collect();
    changes
        .iter()
        .rev()
        .find(|(y, ..)| *y <= selected)
        .or_else(|| changes.iter().find(|(y, ..)| *y > selected))
        .copied()
}

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
                let base = if selected { t.selected() } else { t.text() };
                let value_style = if changed {
                    base.patch(t.changed())
                } else {
                    base
                };
                // The value, with the nearest dated change around it when there is one; the
                // side not in force in the selected year is dim.
                let dim = base.patch(t.dim());
                let change = nearest_change(app, id);
                let mut cells: Vec<Span> = match change {
                    Some((year, before, after)) => {
                        let past = year <= app.ui.year;
                        let side = |d, now| {
                            Span::styled(lever_cell(lever, d), if now { value_style } else { dim })
                        };
                        vec![
                            side(before, !past),
                            Span::styled("→", dim),
                            side(after, past),
                            Span::styled(format!("'{:02}", year.rem_euclid(100)), dim),
                        ]
                    }
                    None => vec![Span::styled(lever_cell(lever, app.value(id)), value_style)],
                };
                let width_of = |cells: &[Span]| -> usize {
                    cells.iter().map(|c| text_width(&c.content)).sum()
                };
                // Too narrow for both sides and a readable name: the value in force and the
                // change's year (`licensed'26`, or `'26` after a value that changes then).
                if let Some((year, before, after)) = change
                    && width_of(&cells) + 12 > width
                {
                    let past = year <= app.ui.year;
                    let yy = format!("'{:02}", year.rem_euclid(100));
                    cells = if past {
                        vec![
                            Span::styled(lever_cell(lever, after), value_style),
                            Span::styled(yy, dim),
                        ]
                    } else {
                        vec![
                            Span::styled(lever_cell(lever, before), value_style),
                            Span::styled(format!("→{yy}"), dim),
                        ]
                    };
                }
                let value_w = width_of(&cells);
                let name_w = width.saturating_sub(value_w + 4);
                let name = fit(lever.key, name_w);
                let pad = width.saturating_sub(3 + text_width(&name) + value_w);
                let mut spans = vec![
                    Span::styled(if selected { "▸" } else { " " }, base),
                    Span::styled(
                        if changed { "●" } else { " " },
                        if changed { t.changed() } else { base },
                    ),
                    Span::styled(format!(" {name}{}", " ".repeat(pad)), base),
                ];
                spans.extend(cells);
                buf.set_line(area.x, y, &Line::from(spans), area.width);
            }
        }
    }
}
