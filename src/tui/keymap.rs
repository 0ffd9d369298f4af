//! The one keymap table: which keys do what in which mode, with the help text. The footer
//! hints and the help overlay are generated from this table, so they never drift from what the
//! keys actually do.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use super::present::Step;

/// What the keys are talking to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// The explorer itself: levers, panels, years.
    Explore,
    /// The scenario picker overlay.
    Picker,
    /// The help overlay.
    Help,
    /// Presentation mode: the story, one step at a time.
    Present,
    /// The footer prompt of `w` (typed characters go to the file name).
    Prompt,
}

impl Mode {
    pub fn title(self) -> &'static str {
        match self {
            Mode::Explore => "Explorer",
            Mode::Picker => "Scenario picker",
            Mode::Help => "Help",
            Mode::Present => "Presentation mode",
            Mode::Prompt => "Save prompt",
        }
    }
}

/// A key as the table names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    /// A key without Ctrl or Alt (Shift is part of the character).
    Plain(KeyCode),
    /// Ctrl and a letter.
    Ctrl(char),
    /// Any digit from the first to the second, inclusive: `ShowPanel(digit - first)`, or in
    /// presentation mode `Present(Step::Digit(digit))`.
    Digits(char, char),
}

impl Key {
    /// How the key is written in hints and help.
    pub fn label(self) -> String {
        match self {
            Key::Plain(code) => match code {
                KeyCode::Up => "↑".into(),
                KeyCode::Down => "↓".into(),
                KeyCode::Left => "←".into(),
                KeyCode::Right => "→".into(),
                KeyCode::Enter => "Enter".into(),
                KeyCode::Tab => "Tab".into(),
                KeyCode::BackTab => "S-Tab".into(),
                KeyCode::Esc => "Esc".into(),
                KeyCode::PageUp => "PgUp".into(),
                KeyCode::PageDown => "PgDn".into(),
                KeyCode::Char(' ') => "Space".into(),
                KeyCode::Char(c) => c.to_string(),
                other => format!("{other:?}"),
            },
            Key::Ctrl(c) => format!("C-{c}"),
            Key::Digits(a, b) => format!("{a}-{b}"),
        }
    }

    /// The action this key gives for an event, if it matches.
    fn matches(self, event: &KeyEvent, action: Action) -> Option<Action> {
        let ctrl_alt = event
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        match self {
            Key::Plain(code) => (!ctrl_alt && event.code == code).then_some(action),
            Key::Ctrl(c) => (event.modifiers.contains(KeyModifiers::CONTROL)
                && matches!(event.code, KeyCode::Char(k) if k.eq_ignore_ascii_case(&c)))
            .then_some(action),
            Key::Digits(a, b) => match event.code {
                KeyCode::Char(d) if !ctrl_alt && (a..=b).contains(&d) => Some(match action {
                    Action::Present(Step::Digit(_)) => {
                        Action::Present(Step::Digit(d.to_digit(10).unwrap_or(0) as u8))
                    }
                    _ => Action::ShowPanel((d as u32 - a as u32) as usize),
                }),
                _ => None,
            },
        }
    }
}

/// One row of the keymap.
#[derive(Clone, Copy, Debug)]
pub struct Binding {
    pub mode: Mode,
    pub keys: &'static [Key],
    pub action: Action,
    pub help: &'static str,
}

use Key::{Ctrl, Digits, Plain};
use KeyCode::{
    BackTab, Backspace, Char, Down, End, Enter, Esc, Home, Left, PageDown, PageUp, Right, Tab, Up,
};

/// The keymap. Earlier rows win when two match.
pub static KEYMAP: &[Binding] = &[
    // ---- explorer --------------------------------------------------------------------
    Binding {
        mode: Mode::Explore,
        keys: &[Plain(Up), Plain(Char('k'))],
        action: Action::MoveLever(-1),
        help: "select the previous lever",
    },
    Binding {
        mode: Mode::Explore,
        keys: &[Plain(Down), Plain(Char('j'))],
        action: Action::MoveLever(1),
        help: "select the next lever",
    },
    Binding {
        mode: Mode::Explore,
        keys: &[Plain(Char(' ')), Plain(Enter)],
        action: Action::Toggle,
        help: "toggle a yes/no lever, cycle a choice",
    },
    Binding {
        mode: Mode::Explore,
        keys: &[Plain(Left), Plain(Char('h'))],
        action: Action::Step(-1),
        help: "step the lever down (choices cycle back)",
    },
    Binding {
        mode: Mode::Explore,
        keys: &[Plain(Right), Plain(Char('l'))],
        action: Action::Step(1),
        help: "step the lever up (choices cycle on)",
    },
    Binding {
        mode: Mode::Explore,
        keys: &[Plain(Tab)],
        action: Action::NextPanel,
        help: "next panel",
    },
    Binding {
        mode: Mode::Explore,
        keys: &[Plain(BackTab)],
        action: Action::PrevPanel,
        help: "previous panel",
    },
    Binding {
        mode: Mode::Explore,
        keys: &[Digits('1', '6')],
        action: Action::ShowPanel(0),
        help: "show panel 1-6",
    },
    Binding {
        mode: Mode::Explore,
        keys: &[Plain(Char('['))],
        action: Action::Year(-1),
        help: "select the previous year",
    },
    Binding {
        mode: Mode::Explore,
        keys: &[Plain(Char(']'))],
        action: Action::Year(1),
        help: "select the next year",
    },
    Binding {
        mode: Mode::Explore,
        keys: &[Plain(Char('m'))],
        action: Action::Metric(1),
        help: "sensitivity: rank levers for the next metric",
    },
    Binding {
        mode: Mode::Explore,
        keys: &[Plain(Char('M'))],
        action: Action::Metric(-1),
        help: "sensitivity: rank levers for the previous metric",
    },
    Binding {
        mode: Mode::Explore,
        keys: &[Plain(Char('p'))],
        action: Action::Pin,
        help: "pin the current state for comparison (again: unpin)",
    },
    Binding {
        mode: Mode::Explore,
        keys: &[Plain(Char('u'))],
        action: Action::Undo,
        help: "undo the last lever change",
    },
    Binding {
        mode: Mode::Explore,
        keys: &[Ctrl('r')],
        action: Action::Redo,
        help: "redo",
    },
    Binding {
        mode: Mode::Explore,
        keys: &[Plain(Char('r'))],
        action: Action::ResetLever,
        help: "reset the lever to the file's value",
    },
    Binding {
        mode: Mode::Explore,
        keys: &[Plain(Char('R'))],
        action: Action::ResetAll,
        help: "reset every lever to the file's values",
    },
    Binding {
        mode: Mode::Explore,
        keys: &[Plain(Char('s'))],
        action: Action::OpenPicker,
        help: "switch scenario (picker)",
    },
    Binding {
        mode: Mode::Explore,
        keys: &[Plain(Char('P'))],
        action: Action::Present(Step::Enter),
        help: "present the scenario's story (presentation mode)",
    },
    Binding {
        mode: Mode::Explore,
        keys: &[Plain(Char('w'))],
        action: Action::Save,
        help: "write the lever changes as a new scenario extending this one",
    },
    Binding {
        mode: Mode::Explore,
        keys: &[Plain(Char('e'))],
        action: Action::Export,
        help: "export the panel: figures as CSV, charts as SVG, beside the scenario",
    },
    Binding {
        mode: Mode::Explore,
        keys: &[Plain(Char('t'))],
        action: Action::CycleTheme,
        help: "next theme (dark, light, high-contrast)",
    },
    Binding {
        mode: Mode::Explore,
        keys: &[Plain(Char('?'))],
        action: Action::ToggleHelp,
        help: "this help",
    },
    Binding {
        mode: Mode::Explore,
        keys: &[Plain(Char('q')), Plain(Esc), Ctrl('c')],
        action: Action::Quit,
        help: "quit",
    },
    // ---- scenario picker -------------------------------------------------------------
    Binding {
        mode: Mode::Picker,
        keys: &[Plain(Up), Plain(Char('k'))],
        action: Action::PickerMove(-1),
        help: "previous file",
    },
    Binding {
        mode: Mode::Picker,
        keys: &[Plain(Down), Plain(Char('j'))],
        action: Action::PickerMove(1),
        help: "next file",
    },
    Binding {
        mode: Mode::Picker,
        keys: &[Plain(Enter), Plain(Char(' '))],
        action: Action::PickerOpen,
        help: "open the scenario (lever changes are dropped)",
    },
    Binding {
        mode: Mode::Picker,
        keys: &[Plain(Char('p'))],
        action: Action::PickerPin,
        help: "pin the scenario's file values for comparison",
    },
    Binding {
        mode: Mode::Picker,
        keys: &[Plain(Esc), Plain(Char('s'))],
        action: Action::Back,
        help: "close the picker",
    },
    Binding {
        mode: Mode::Picker,
        keys: &[Plain(Char('q')), Ctrl('c')],
        action: Action::Quit,
        help: "quit",
    },
    // ---- save prompt -----------------------------------------------------------------
    Binding {
        mode: Mode::Prompt,
        keys: &[Plain(Enter)],
        action: Action::PromptConfirm,
        help: "save under this name",
    },
    Binding {
        mode: Mode::Prompt,
        keys: &[Plain(Esc)],
        action: Action::PromptCancel,
        help: "cancel",
    },
    Binding {
        mode: Mode::Prompt,
        keys: &[Plain(Backspace)],
        action: Action::PromptBackspace,
        help: "delete a character",
    },
    Binding {
        mode: Mode::Prompt,
        keys: &[Ctrl('c')],
        action: Action::Quit,
        help: "quit",
    },
    // ---- presentation mode -----------------------------------------------------------
    Binding {
        mode: Mode::Present,
        keys: &[
            Plain(Char(' ')),
            Plain(Right),
            Plain(PageDown),
            Plain(Enter),
        ],
        action: Action::Present(Step::Next),
        help: "next step (after g and a number: go to that step)",
    },
    Binding {
        mode: Mode::Present,
        keys: &[Plain(Left), Plain(PageUp), Plain(Backspace)],
        action: Action::Present(Step::Back),
        help: "previous step",
    },
    Binding {
        mode: Mode::Present,
        keys: &[Plain(Char('g'))],
        action: Action::Present(Step::Jump),
        help: "go to a step: g, its number, Enter (or at once if no longer one fits)",
    },
    Binding {
        mode: Mode::Present,
        keys: &[Digits('0', '9')],
        action: Action::Present(Step::Digit(0)),
        help: "the step number to go to",
    },
    Binding {
        mode: Mode::Present,
        keys: &[Plain(Home)],
        action: Action::Present(Step::Home),
        help: "back to the first step",
    },
    Binding {
        mode: Mode::Present,
        keys: &[Plain(End)],
        action: Action::Present(Step::End),
        help: "the last step",
    },
    Binding {
        mode: Mode::Present,
        keys: &[Plain(Char('['))],
        action: Action::Present(Step::Year(-1)),
        help: "headline for the previous year",
    },
    Binding {
        mode: Mode::Present,
        keys: &[Plain(Char(']'))],
        action: Action::Present(Step::Year(1)),
        help: "headline for the next year",
    },
    Binding {
        mode: Mode::Present,
        keys: &[Plain(Char('q')), Plain(Esc)],
        action: Action::Present(Step::Leave),
        help: "leave: back to the explorer as it was (first cancels a typed step)",
    },
    Binding {
        mode: Mode::Present,
        keys: &[Ctrl('c')],
        action: Action::Quit,
        help: "quit",
    },
    // ---- help ------------------------------------------------------------------------
    Binding {
        mode: Mode::Help,
        keys: &[Plain(Up), Plain(Char('k'))],
        action: Action::HelpScroll(-1),
        help: "scroll up",
    },
    Binding {
        mode: Mode::Help,
        keys: &[Plain(Down), Plain(Char('j'))],
        action: Action::HelpScroll(1),
        help: "scroll down",
    },
    Binding {
        mode: Mode::Help,
        keys: &[Plain(Esc), Plain(Char('?'))],
        action: Action::Back,
        help: "close the help",
    },
    Binding {
        mode: Mode::Help,
        keys: &[Plain(Char('q')), Ctrl('c')],
        action: Action::Quit,
        help: "quit",
    },
];

/// The footer hints of the explorer: actions and a short word each; the keys are looked up
/// in [`KEYMAP`].
pub static HINTS: &[(&[Action], &str)] = &[
    (&[Action::MoveLever(-1), Action::MoveLever(1)], "lever"),
    (&[Action::Toggle], "toggle"),
    (&[Action::Step(-1), Action::Step(1)], "step"),
    (&[Action::NextPanel], "panel"),
    (&[Action::Year(-1), Action::Year(1)], "year"),
    (&[Action::Pin], "pin"),
    (&[Action::Undo], "undo"),
    (&[Action::Redo], "redo"),
    (&[Action::ResetLever], "reset"),
    (&[Action::OpenPicker], "scenarios"),
    (&[Action::ToggleHelp], "help"),
    (&[Action::Quit], "quit"),
    (&[Action::Present(Step::Enter)], "present"),
    (&[Action::Save], "save"),
    (&[Action::Export], "export"),
    (&[Action::CycleTheme], "theme"),
];

/// The footer hints of the picker and help overlays.
pub static OVERLAY_HINTS: &[(Mode, &[Action], &str)] = &[
    (
        Mode::Picker,
        &[Action::PickerMove(-1), Action::PickerMove(1)],
        "select",
    ),
    (Mode::Picker, &[Action::PickerOpen], "open"),
    (Mode::Picker, &[Action::PickerPin], "pin"),
    (Mode::Picker, &[Action::Back], "close"),
    (
        Mode::Help,
        &[Action::HelpScroll(-1), Action::HelpScroll(1)],
        "scroll",
    ),
    (Mode::Help, &[Action::Back], "close"),
    (Mode::Help, &[Action::Quit], "quit"),
    (Mode::Prompt, &[Action::PromptConfirm], "save"),
    (Mode::Prompt, &[Action::PromptCancel], "cancel"),
];

/// The action a key press gives in a mode. Ctrl-c quits everywhere.
pub fn lookup(mode: Mode, event: &KeyEvent) -> Option<Action> {
    KEYMAP
        .iter()
        .filter(|b| b.mode == mode)
        .find_map(|b| b.keys.iter().find_map(|k| k.matches(event, b.action)))
}

/// The first key bound to an action in a mode, for hints.
pub fn first_key(mode: Mode, action: Action) -> Option<Key> {
    KEYMAP
        .iter()
        .find(|b| b.mode == mode && b.action == action)
        .and_then(|b| b.keys.first().copied())
}

/// The footer hints for a mode: (keys, word) pairs, keys generated from the table.
pub fn hints(mode: Mode) -> Vec<(String, &'static str)> {
    let rows: Vec<(&[Action], &str)> = match mode {
        Mode::Explore => HINTS.to_vec(),
        _ => OVERLAY_HINTS
            .iter()
            .filter(|(m, _, _)| *m == mode)
            .map(|(_, a, w)| (*a, *w))
            .collect(),
    };
    rows.into_iter()
        .filter_map(|(actions, word)| {
            let keys: Vec<String> = actions
                .iter()
                .filter_map(|a| first_key(mode, *a))
                .map(Key::label)
                .collect();
            (!keys.is_empty()).then(|| (keys.join(""), word))
        })
        .collect()
}

/// The help rows for a mode: (all keys, help text).
pub fn help_rows(mode: Mode) -> Vec<(String, &'static str)> {
    KEYMAP
        .iter()
        .filter(|b| b.mode == mode)
        .map(|b| {
            (
                b.keys
                    .iter()
                    .map(|k| k.label())
                    .collect::<Vec<_>>()
                    .join(" "),
                b.help,
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn keys_of_the_product_contract_are_bound() {
        assert_eq!(
            lookup(Mode::Explore, &key(Char('j'))),
            Some(Action::MoveLever(1))
        );
        assert_eq!(lookup(Mode::Explore, &key(Up)), Some(Action::MoveLever(-1)));
        assert_eq!(
            lookup(Mode::Explore, &key(Char('3'))),
            Some(Action::ShowPanel(2))
        );
        assert_eq!(lookup(Mode::Explore, &key(Char('7'))), None);
        assert_eq!(
            lookup(Mode::Explore, &key(BackTab)),
            Some(Action::PrevPanel)
        );
        assert_eq!(
            lookup(
                Mode::Explore,
                &KeyEvent::new(Char('r'), KeyModifiers::CONTROL)
            ),
            Some(Action::Redo)
        );
        assert_eq!(
            lookup(Mode::Explore, &key(Char('r'))),
            Some(Action::ResetLever)
        );
        assert_eq!(
            lookup(
                Mode::Explore,
                &KeyEvent::new(Char('R'), KeyModifiers::SHIFT)
            ),
            Some(Action::ResetAll)
        );
        assert_eq!(
            lookup(
                Mode::Explore,
                &KeyEvent::new(Char('c'), KeyModifiers::CONTROL)
            ),
            Some(Action::Quit)
        );
        assert_eq!(lookup(Mode::Picker, &key(Esc)), Some(Action::Back));
        assert_eq!(
            lookup(Mode::Help, &KeyEvent::new(Char('c'), KeyModifiers::CONTROL)),
            Some(Action::Quit)
        );
        assert_eq!(lookup(Mode::Explore, &key(Char('w'))), Some(Action::Save));
        assert_eq!(lookup(Mode::Explore, &key(Char('e'))), Some(Action::Export));
        assert_eq!(
            lookup(Mode::Explore, &key(Char('t'))),
            Some(Action::CycleTheme)
        );
        // In the save prompt letters are text, not commands.
        assert_eq!(lookup(Mode::Prompt, &key(Char('q'))), None);
        assert_eq!(
            lookup(Mode::Prompt, &key(Enter)),
            Some(Action::PromptConfirm)
        );
    }

    #[test]
    fn hints_come_from_the_table() {
        let hints = hints(Mode::Explore);
        assert!(hints.contains(&("↑↓".to_string(), "lever")));
        assert!(hints.contains(&("C-r".to_string(), "redo")));
        assert!(hints.iter().all(|(k, _)| !k.is_empty()));
    }
}
