//! The scenario picker: every file given, valid ones with name and horizon, broken ones with
//! their diagnostics (sanitized, one line each).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use crate::diag::sanitize;
use crate::tui::app::{App, Entry};

use super::layout::{DIAGNOSTICS_SHOWN, centered};
use crate::model::scenario::Scenario;
use crate::output::format::{fit, pad, shorten_path, width as text_width};

/// Columns of a scenario's years (`2024–2032`: the horizon lies within 2020–2050).
const YEARS_W: usize = 9;

/// The picker's lines and, for each, the entry it belongs to. Scenarios line up in columns
/// measured in terminal columns (a CJK character takes two, a combining mark none): the mark,
/// the name (cut to its column), the years, then the file (shortened from the middle, keeping
/// its name); nothing is wider than `width`.
pub fn lines(app: &App, selected: usize, width: usize) -> Vec<(usize, Line<'static>)> {
    let t = app.ui.theme;
    const PINNED: &str = "  ┄ pinned";
    let name = |scenario: &Scenario| sanitize(&scenario.name).replace('\n', " ");
    // The name column: the widest name, but at most half of what the three columns share
    // (more when the files are short).
    let shared = width.saturating_sub(3 + 2 + YEARS_W + 2);
    let widest = |f: &dyn Fn(&Entry) -> Option<usize>| {
        app.data.entries.iter().filter_map(f).max().unwrap_or(0)
    };
    let names_w = widest(&|e: &Entry| e.scenario().map(|s| text_width(&name(s))));
    let files_w = widest(&|e: &Entry| e.scenario().map(|_| text_width(&e.file())));
    let name_w = names_w.min((shared / 2).max(shared.saturating_sub(files_w + PINNED.len())));
    let mut out = Vec::new();
    for (i, e) in app.data.entries.iter().enumerate() {
        let mark = if i == selected { "▸" } else { " " };
        let style = if i == selected {
            t.selected()
        } else {
            t.text()
        };
        match e {
            Entry::Ready { scenario, .. } => {
                let open = if i == app.data.current { "●" } else { " " };
                let pinned = app.data.pinned.is_some()
                    && app.data.reference.basis.entry == i
                    && app.data.reference.basis.overrides.is_empty();
                let pinned = if pinned { PINNED } else { "" };
                let years = format!("{}–{}", scenario.first_year, scenario.last_year);
                let file_w = shared.saturating_sub(name_w + text_width(pinned));
                let text = format!(
                    "{mark}{open} {}  {}  {}{pinned}",
                    pad(&name(scenario), name_w),
                    pad(&years, YEARS_W),
                    shorten_path(&e.file(), file_w),
                );
                out.push((i, Line::styled(fit(text.trim_end(), width), style)));
            }
            Entry::Broken {
                diagnostics, file, ..
            } => {
                let n = diagnostics.len();
                let problems = format!("  {n} problem{}", if n == 1 { "" } else { "s" });
                let shown =
                    shorten_path(&e.file(), width.saturating_sub(3 + text_width(&problems)));
                let text = format!("{mark}✗ {shown}{problems}");
                out.push((i, Line::styled(fit(&text, width), style.patch(t.error()))));
                for d in diagnostics.iter().take(DIAGNOSTICS_SHOWN) {
                    out.push((
                        i,
                        Line::from(Span::styled(
                            // The file is named on the line above: its problems leave it out.
                            fit(
                                &format!(
                                    "     {}",
                                    d.one_line_in(file.as_str()).replace('\n', " ")
                                ),
                                width,
                            ),
                            t.dim(),
                        )),
                    ));
                }
                if n > DIAGNOSTICS_SHOWN {
                    out.push((
                        i,
                        Line::styled(
                            fit(
                                &format!(
                                    "     … and {} more (chipcast check {})",
                                    n - DIAGNOSTICS_SHOWN,
                                    e.file()
                                ),
                                width,
                            ),
                            t.dim(),
                        ),
                    ));
                }
            }
        }
    }
    out
}

/// The picker's box within the screen.
pub fn rect(app: &App, area: Rect) -> Rect {
    let n = lines(app, 0, 200).len() as u16;
    centered(area, area.width.saturating_sub(8).min(110), n + 4)
}

/// The first line shown, keeping the selected entry in view.
pub fn scroll(app: &App, selected: usize, inner_h: u16) -> usize {
    let all = lines(app, selected, 200);
    let first = all.iter().position(|(i, _)| *i == selected).unwrap_or(0);
    let h = usize::from(inner_h);
    if all.len() <= h {
        0
    } else {
        first.saturating_sub(h / 2).min(all.len() - h)
    }
}

/// Draws the scenario picker over `area` with row `selected` (an index into `Data::entries`)
/// highlighted and scrolled into view.
pub fn render(app: &App, selected: usize, area: Rect, frame: &mut Frame) {
    let t = app.ui.theme;
    let rect = rect(app, area);
    let inner_h = rect.height.saturating_sub(2);
    let width = usize::from(rect.width.saturating_sub(2));
    let top = scroll(app, selected, inner_h);
    let shown: Vec<Line> = lines(app, selected, width)
        .into_iter()
        .skip(top)
        .take(usize::from(inner_h))
        .map(|(_, l)| l)
        .collect();
    let block = Block::bordered()
        .title(Line::styled(" Scenarios ", t.title()))
        .title_bottom(Line::styled(
            " ● open · ┄ pinned · ✗ has problems (keys below) ",
            t.dim(),
        ));
    frame.render_widget(Clear, rect);
    frame.render_widget(Paragraph::new(shown).block(block), rect);
}
