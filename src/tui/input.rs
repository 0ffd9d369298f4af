//! Terminal events to actions: keys through the keymap (presses only), mouse clicks and
//! wheel through the same layout the views draw with, resizes as they come.

use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::Rect;

use crate::scenario::story::Panel;

use super::action::Action;
use super::app::{App, Mode};
use super::keymap;
use super::view::{chart, layout, picker};

/// The action an event asks for, if any.
pub fn translate(app: &App, event: &Event) -> Option<Action> {
    match event {
        // A blanked presentation: any key brings the slide back and does nothing else (Ctrl-c
        // still quits).
        Event::Key(k)
            if k.kind == KeyEventKind::Press
                && matches!(&app.ui.mode, Mode::Present(p) if p.blank.is_some())
                && !(k.modifiers.contains(KeyModifiers::CONTROL)
                    && k.code == KeyCode::Char('c')) =>
        {
            Some(Action::Present(super::present::Cue::Unblank))
        }
        Event::Key(k) if k.kind == KeyEventKind::Press => {
            keymap::lookup(app.ui.mode.scope(), k).or_else(|| prompt_text(app, k))
        }
        Event::Mouse(m) => mouse(app, m),
        Event::Resize(w, h) => Some(Action::Resize(*w, *h)),
        _ => None,
    }
}

/// A character typed into the save prompt.
fn prompt_text(app: &App, k: &KeyEvent) -> Option<Action> {
    let plain = !k
        .modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
    match k.code {
        KeyCode::Char(c) if matches!(app.ui.mode, Mode::Prompt(_)) && plain => {
            Some(Action::PromptChar(c))
        }
        _ => None,
    }
}

/// Whether an event is a key press (for timing key-to-frame).
pub fn is_key(event: &Event) -> bool {
    matches!(event, Event::Key(k) if k.kind == KeyEventKind::Press)
}

fn mouse(app: &App, m: &MouseEvent) -> Option<Action> {
    let screen = Rect::new(0, 0, app.ui.size.0, app.ui.size.1);
    let a = layout::areas(screen)?;
    let (col, row) = (m.column, m.row);
    match app.ui.mode {
        Mode::Explore => {}
        // The save prompt takes keys only; presentation mode is driven by keys (and
        // clickers, which send keys) alone.
        Mode::Prompt(_) | Mode::Present(_) => return None,
        Mode::Picker(selected) => return picker_mouse(app, selected, screen, m),
        Mode::Compare(_) => {
            return match m.kind {
                MouseEventKind::ScrollUp => Some(Action::CompareMove(-1)),
                MouseEventKind::ScrollDown => Some(Action::CompareMove(1)),
                _ => None,
            };
        }
        Mode::Help { .. } | Mode::Explain(_) | Mode::Describe { .. } => {
            return matches!(m.kind, MouseEventKind::Down(MouseButton::Left))
                .then_some(Action::Back);
        }
    }
    let lever = layout::lever_at(&a, app.ui.lever, col, row);
    match m.kind {
        MouseEventKind::Down(MouseButton::Left) => {
            if let Some(id) = lever {
                return Some(Action::SelectLever(id));
            }
            if let Some(p) = layout::tab_at(&a, col, row) {
                return Panel::ALL
                    .iter()
                    .position(|x| *x == p)
                    .map(Action::ShowPanel);
            }
            if a.panel.contains((col, row).into()) && app.ui.panel != Panel::Sensitivity {
                let s = app.scenario();
                return chart::year_at(a.panel, s.first_year, s.last_year, col)
                    .map(Action::SelectYear);
            }
            None
        }
        MouseEventKind::ScrollUp => lever.map(|id| Action::StepLever(id, 1)).or_else(|| {
            a.panel
                .contains((col, row).into())
                .then_some(Action::Year(1))
        }),
        MouseEventKind::ScrollDown => lever.map(|id| Action::StepLever(id, -1)).or_else(|| {
            a.panel
                .contains((col, row).into())
                .then_some(Action::Year(-1))
        }),
        _ => None,
    }
}

fn picker_mouse(app: &App, selected: usize, screen: Rect, m: &MouseEvent) -> Option<Action> {
    let rect = picker::rect(app, screen);
    match m.kind {
        MouseEventKind::ScrollUp => Some(Action::PickerMove(-1)),
        MouseEventKind::ScrollDown => Some(Action::PickerMove(1)),
        MouseEventKind::Down(MouseButton::Left) => {
            let inner = Rect::new(
                rect.x + 1,
                rect.y + 1,
                rect.width.saturating_sub(2),
                rect.height.saturating_sub(2),
            );
            if !inner.contains((m.column, m.row).into()) {
                return Some(Action::Back);
            }
            let top = picker::scroll(app, selected, inner.height);
            let lines = picker::lines(app, selected, 200);
            let (entry, _) = lines.get(top + usize::from(m.row - inner.y))?;
            Some(if *entry == selected {
                Action::PickerOpen
            } else {
                Action::PickerSelect(*entry)
            })
        }
        _ => None,
    }
}
