//! The help overlay, generated from the keymap table (so it never drifts from the keys), with
//! the mouse actions and the marks the charts use.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use crate::tui::app::App;
use crate::tui::keymap::{Scope, help_rows};

use super::layout::centered;

pub fn render(app: &App, scroll: u16, area: Rect, frame: &mut Frame) {
    let t = app.ui.theme;
    let mut lines = Vec::new();
    for scope in Scope::LISTED {
        lines.push(Line::styled(scope.title(), t.title()));
        for (keys, help) in help_rows(scope) {
            lines.push(Line::from(vec![
                // A trailing space keeps long key lists apart from their text.
                Span::styled(format!("  {:<16}", format!("{keys} ")), t.key()),
                // The box is 96 wide: a longer text is cut with an ellipsis, never bare.
                Span::raw(crate::output::format::fit(help, 76)),
            ]));
        }
    }
    lines.push(Line::styled("Mouse", t.title()));
    lines.push(Line::raw(
        "  click a lever to select it; scroll over it to step it; click a tab; click a year",
    ));
    lines.push(Line::styled("Charts", t.title()));
    lines.push(Line::from(vec![
        Span::raw("  ━ median  "),
        Span::styled("░", ratatui::style::Style::default().fg(t.band())),
        Span::raw(" p10–p90  "),
        Span::styled("┄ comparison", t.pinned_text()),
        Span::raw("  "),
        Span::styled("▲", t.policy()),
        Span::raw(" dated policy change  "),
        Span::styled("◆", t.note()),
        Span::raw(" note  "),
        Span::styled("●", t.changed()),
        Span::raw(" lever differs from the file"),
    ]));
    let h = lines.len() as u16 + 2;
    let rect = centered(area, 96, h);
    let inner_h = usize::from(rect.height.saturating_sub(2));
    let hidden = lines.len().saturating_sub(inner_h);
    let top = usize::from(scroll).min(hidden);
    let more = if hidden > 0 {
        format!(" lines {}–{} of {} ", top + 1, top + inner_h, lines.len())
    } else {
        String::new()
    };
    let close: Vec<String> = help_rows(Scope::Help)
        .into_iter()
        .map(|(k, h)| format!("{k}: {h}"))
        .collect();
    let block = Block::bordered()
        .title(Line::styled(" Help ", t.title()))
        .title(Line::styled(more, t.dim()).right_aligned())
        .title_bottom(Line::styled(
            crate::output::format::fit(
                &format!(" {} ", close.join(" · ")),
                usize::from(rect.width.saturating_sub(2)),
            ),
            t.dim(),
        ));
    let shown: Vec<Line> = lines.into_iter().skip(top).collect();
    frame.render_widget(Clear, rect);
    frame.render_widget(Paragraph::new(shown).block(block), rect);
}
