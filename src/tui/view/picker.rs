//! The scenario picker: every file given, valid ones with name and horizon, broken ones with
//! their diagnostics (sanitized, one line each).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use crate::diag::sanitize;
use crate::tui::app::{App, Entry};

use super::layout::{DIAGNOSTICS_SHOWN, centered};
use crate::output::format::fit;

/// The picker's lines and, for each, the entry it belongs to.
pub fn lines(app: &App, selected: usize, width: usize) -> Vec<(usize, Line<'static>)> {
    let t = app.ui.theme;
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
                let text = format!(
                    "{mark}{open} {}  {}–{}  {}{}",
                    sanitize(&scenario.name).replace('\n', " "),
                    scenario.first_year,
                    scenario.last_year,
                    e.file(),
                    if pinned { "  ┄ pinned" } else { "" }
                );
                out.push((i, Line::styled(fit(&text, width), style)));
            }
            Entry::Broken { diagnostics, .. } => {
                let n = diagnostics.len();
                let text = format!(
                    "{mark}✗ {}  {n} problem{}",
                    e.file(),
                    if n == 1 { "" } else { "s" }
                );
                out.push((i, Line::styled(fit(&text, width), style.patch(t.error()))));
                for d in diagnostics.iter().take(DIAGNOSTICS_SHOWN) {
                    out.push((
                        i,
                        Line::from(Span::styled(
                            fit(&format!("     {}", d.one_line().replace('\n', " ")), width),
                            t.dim(),
                        )),
                    ));
                }
                if n > DIAGNOSTICS_SHOWN {
                    out.push((
                        i,
                        Line::styled(
                            format!(
                                "     … and {} more (chipcast check {})",
                                n - DIAGNOSTICS_SHOWN,
                                e.file()
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
