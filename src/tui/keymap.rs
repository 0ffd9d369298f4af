//! The one keymap table: which keys do what in which mode, with the help text. The footer
//! hints and the help overlay are generated from this table, so they never drift from what the
//! keys actually do.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use super::present::{Cue, Shade};

/// What the keys are talking to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
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
    /// The explanation overlay of `x`.
    Explain,
    /// The description in words of `d`.
    Describe,
    /// The compare view of `c`: every open scenario against the baseline.
    Compare,
}

impl Scope {
    /// The scopes the help overlay and README's key table list, in their order (the help's
    /// own keys are in the overlay's bottom line).
    pub const LISTED: [Scope; 7] = [
        Scope::Explore,
        Scope::Explain,
        Scope::Describe,
        Scope::Compare,
        Scope::Picker,
        Scope::Prompt,
        Scope::Present,
    ];

    /// The heading of the scope's section in the help overlay.
    pub fn title(self) -> &'static str {
        match self {
            Scope::Explore => "Explorer",
            Scope::Picker => "Scenario picker",
            Scope::Help => "Help",
            Scope::Present => "Presentation mode",
            Scope::Prompt => "Save prompt",
            Scope::Explain => "Explain a number",
            Scope::Describe => "Describe the panel in words",
            Scope::Compare => "Compare scenarios",
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
    /// presentation mode `Present(Cue::Digit(digit))`.
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
                    Action::Present(Cue::Digit(_)) => {
                        Action::Present(Cue::Digit(d.to_digit(10).unwrap_or(0) as u8))
                    }
                    _ => Action::ShowPanel((d as u32 - a as u32) as usize),
                }),
                _ => None,
            },
        }
    }
}

/// One row of the keymap.
#[derive(Clone, Debug)]
pub struct Binding {
    /// The mode in which the binding applies.
    pub scope: Scope,
    /// The keys that trigger it, any one of them (the first is the one hints show).
    pub keys: &'static [Key],
    /// What the key asks of the app (for `Key::Digits`, a pattern the typed digit fills in).
    pub action: Action,
    /// The binding's line in the help overlay.
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
        scope: Scope::Explore,
        keys: &[Plain(Up), Plain(Char('k'))],
        action: Action::MoveLever(-1),
        help: "select the previous lever",
    },
    Binding {
        scope: Scope::Explore,
        keys: &[Plain(Down), Plain(Char('j'))],
        action: Action::MoveLever(1),
        help: "select the next lever",
    },
    Binding {
        scope: Scope::Explore,
        keys: &[Plain(Char(' ')), Plain(Enter)],
        action: Action::Toggle,
        help: "toggle a yes/no lever, cycle a choice (from the selected year on)",
    },
    Binding {
        scope: Scope::Explore,
        keys: &[Plain(Left), Plain(Char('h'))],
        action: Action::Step(-1),
        help: "step the lever down (choices cycle back)",
    },
    Binding {
        scope: Scope::Explore,
        keys: &[Plain(Right), Plain(Char('l'))],
        action: Action::Step(1),
        help: "step the lever up (choices cycle on)",
    },
    Binding {
        scope: Scope::Explore,
        keys: &[Plain(Tab)],
        action: Action::NextPanel,
        help: "next panel",
    },
    Binding {
        scope: Scope::Explore,
        keys: &[Plain(BackTab)],
        action: Action::PrevPanel,
        help: "previous panel",
    },
    Binding {
        scope: Scope::Explore,
        keys: &[Digits('1', '6')],
        action: Action::ShowPanel(0),
        help: "show panel 1-6",
    },
    Binding {
        scope: Scope::Explore,
        keys: &[Plain(Char('['))],
        action: Action::Year(-1),
        help: "select the previous year",
    },
    Binding {
        scope: Scope::Explore,
        keys: &[Plain(Char(']'))],
        action: Action::Year(1),
        help: "select the next year",
    },
    Binding {
        scope: Scope::Explore,
        keys: &[Plain(Char('m'))],
        action: Action::Metric(1),
        help: "sensitivity: rank levers for the next metric",
    },
    Binding {
        scope: Scope::Explore,
        keys: &[Plain(Char('M'))],
        action: Action::Metric(-1),
        help: "sensitivity: rank levers for the previous metric",
    },
    Binding {
        scope: Scope::Explore,
        keys: &[Plain(Char('x'))],
        action: Action::Explain,
        help: "explain the metric (m) in this year: factors, binding inputs, waterfall",
    },
    Binding {
        scope: Scope::Explore,
        keys: &[Plain(Char('o'))],
        action: Action::Record,
        help: "record a demo: edits, years, panels, pins become steps (o again: save)",
    },
    Binding {
        scope: Scope::Explore,
        keys: &[Plain(Char('d'))],
        action: Action::Describe,
        help: "describe the panel in words, for screen readers",
    },
    Binding {
        scope: Scope::Explore,
        keys: &[Plain(Char('p'))],
        action: Action::Pin,
        help: "pin the current state for comparison (again: unpin)",
    },
    Binding {
        scope: Scope::Explore,
        keys: &[Plain(Char('u'))],
        action: Action::Undo,
        help: "undo the last lever change",
    },
    Binding {
        scope: Scope::Explore,
        keys: &[Ctrl('r')],
        action: Action::Redo,
        help: "redo",
    },
    Binding {
        scope: Scope::Explore,
        keys: &[Plain(Char('r'))],
        action: Action::ResetLever,
        help: "reset the lever to the file's value",
    },
    Binding {
        scope: Scope::Explore,
        keys: &[Plain(Char('R'))],
        action: Action::ResetAll,
        help: "reset every lever to the file's values",
    },
    Binding {
        scope: Scope::Explore,
        keys: &[Plain(Char('s'))],
        action: Action::OpenPicker,
        help: "switch scenario (picker)",
    },
    Binding {
        scope: Scope::Explore,
        keys: &[Plain(Char('c'))],
        action: Action::OpenCompare,
        help: "compare the open scenarios in this year (KPI matrix)",
    },
    Binding {
        scope: Scope::Explore,
        keys: &[Plain(Char('P'))],
        action: Action::Present(Cue::Enter),
        help: "present the scenario's story (presentation mode)",
    },
    Binding {
        scope: Scope::Explore,
        keys: &[Plain(Char('w'))],
        action: Action::Save,
        help: "write the lever changes as a new scenario extending this one",
    },
    Binding {
        scope: Scope::Explore,
        keys: &[Plain(Char('e'))],
        action: Action::Export,
        help: "export the panel: figures as CSV, charts as SVG, beside the scenario",
    },
    Binding {
        scope: Scope::Explore,
        keys: &[Plain(Char('t'))],
        action: Action::CycleTheme,
        help: "next theme (dark, light, high-contrast)",
    },
    Binding {
        scope: Scope::Explore,
        keys: &[Plain(Char('?'))],
        action: Action::ToggleHelp,
        help: "this help",
    },
    Binding {
        scope: Scope::Explore,
        keys: &[Plain(Char('q')), Plain(Esc), Ctrl('c')],
        action: Action::Quit,
        help: "quit",
    },
    // ---- scenario picker -------------------------------------------------------------
    Binding {
        scope: Scope::Picker,
        keys: &[Plain(Up), Plain(Char('k'))],
        action: Action::PickerMove(-1),
        help: "previous file",
    },
    Binding {
        scope: Scope::Picker,
        keys: &[Plain(Down), Plain(Char('j'))],
        action: Action::PickerMove(1),
        help: "next file",
    },
    Binding {
        scope: Scope::Picker,
        keys: &[Plain(Enter), Plain(Char(' '))],
        action: Action::PickerOpen,
        help: "open the scenario (asks first if lever changes would be dropped)",
    },
    Binding {
        scope: Scope::Picker,
        keys: &[Plain(Char('p'))],
        action: Action::PickerPin,
        help: "pin the scenario's file values for comparison",
    },
    Binding {
        scope: Scope::Picker,
        keys: &[Plain(Esc), Plain(Char('s'))],
        action: Action::Back,
        help: "close the picker",
    },
    Binding {
        scope: Scope::Picker,
        keys: &[Plain(Char('q')), Ctrl('c')],
        action: Action::Quit,
        help: "quit",
    },
    // ---- save prompt -----------------------------------------------------------------
    Binding {
        scope: Scope::Prompt,
        keys: &[Plain(Enter)],
        action: Action::PromptConfirm,
        help: "save under this name",
    },
    Binding {
        scope: Scope::Prompt,
        keys: &[Plain(Esc)],
        action: Action::PromptCancel,
        help: "cancel",
    },
    Binding {
        scope: Scope::Prompt,
        keys: &[Plain(Backspace)],
        action: Action::PromptBackspace,
        help: "delete a character",
    },
    Binding {
        scope: Scope::Prompt,
        keys: &[Ctrl('c')],
        action: Action::Quit,
        help: "quit",
    },
    // ---- presentation mode -----------------------------------------------------------
    Binding {
        scope: Scope::Present,
        keys: &[
            Plain(Char(' ')),
            Plain(Right),
            Plain(PageDown),
            Plain(Enter),
        ],
        action: Action::Present(Cue::Next),
        help: "next step (after g and a number: go to that step)",
    },
    Binding {
        scope: Scope::Present,
        keys: &[Plain(Left), Plain(PageUp), Plain(Backspace)],
        action: Action::Present(Cue::Back),
        help: "previous step",
    },
    Binding {
        scope: Scope::Present,
        keys: &[Plain(Char('g'))],
        action: Action::Present(Cue::Jump),
        help: "go to a step: g, its number, Enter (or at once if no longer one fits)",
    },
    Binding {
        scope: Scope::Present,
        keys: &[Digits('0', '9')],
        action: Action::Present(Cue::Digit(0)),
        help: "the step number to go to",
    },
    Binding {
        scope: Scope::Present,
        keys: &[Plain(Home)],
        action: Action::Present(Cue::Home),
        help: "back to the first step",
    },
    Binding {
        scope: Scope::Present,
        keys: &[Plain(End)],
        action: Action::Present(Cue::End),
        help: "the last step",
    },
    Binding {
        scope: Scope::Present,
        keys: &[Plain(Char('['))],
        action: Action::Present(Cue::Year(-1)),
        help: "headline for the previous year",
    },
    Binding {
        scope: Scope::Present,
        keys: &[Plain(Char(']'))],
        action: Action::Present(Cue::Year(1)),
        help: "headline for the next year",
    },
    Binding {
        scope: Scope::Present,
        keys: &[Plain(Char('b')), Plain(Char('.'))],
        action: Action::Present(Cue::Blank(Shade::Black)),
        help: "black screen (clickers send b or .); any key brings the slide back",
    },
    Binding {
        scope: Scope::Present,
        keys: &[Plain(Char('w')), Plain(Char(','))],
        action: Action::Present(Cue::Blank(Shade::White)),
        help: "white screen; any key brings the slide back",
    },
    Binding {
        scope: Scope::Present,
        keys: &[Plain(Char('q')), Plain(Esc)],
        action: Action::Present(Cue::Leave),
        help: "leave: back to the explorer as it was (first cancels a typed step)",
    },
    Binding {
        scope: Scope::Present,
        keys: &[Ctrl('c')],
        action: Action::Quit,
        help: "quit",
    },
    // ---- explain a number ------------------------------------------------------------
    Binding {
        scope: Scope::Explain,
        keys: &[Plain(Up), Plain(Char('k'))],
        action: Action::ExplainScroll(-1),
        help: "scroll up",
    },
    Binding {
        scope: Scope::Explain,
        keys: &[Plain(Down), Plain(Char('j'))],
        action: Action::ExplainScroll(1),
        help: "scroll down",
    },
    Binding {
        scope: Scope::Explain,
        keys: &[Plain(Esc), Plain(Char('x'))],
        action: Action::Back,
        help: "close the explanation",
    },
    Binding {
        scope: Scope::Explain,
        keys: &[Plain(Char('q')), Ctrl('c')],
        action: Action::Quit,
        help: "quit",
    },
    // ---- describe in words -----------------------------------------------------------
    Binding {
        scope: Scope::Describe,
        keys: &[Plain(Up), Plain(Char('k'))],
        action: Action::DescribeScroll(-1),
        help: "scroll up",
    },
    Binding {
        scope: Scope::Describe,
        keys: &[Plain(Down), Plain(Char('j'))],
        action: Action::DescribeScroll(1),
        help: "scroll down",
    },
    Binding {
        scope: Scope::Describe,
        keys: &[Plain(Esc), Plain(Char('d'))],
        action: Action::Back,
        help: "close the description",
    },
    Binding {
        scope: Scope::Describe,
        keys: &[Plain(Char('q')), Ctrl('c')],
        action: Action::Quit,
        help: "quit",
    },
    // ---- compare scenarios -----------------------------------------------------------
    Binding {
        scope: Scope::Compare,
        keys: &[Plain(Up), Plain(Char('k'))],
        action: Action::CompareMove(-1),
        help: "previous scenario",
    },
    Binding {
        scope: Scope::Compare,
        keys: &[Plain(Down), Plain(Char('j'))],
        action: Action::CompareMove(1),
        help: "next scenario",
    },
    Binding {
        scope: Scope::Compare,
        keys: &[Plain(Left), Plain(Char('h'))],
        action: Action::CompareColumn(-1),
        help: "scroll the KPI columns left (when not all fit)",
    },
    Binding {
        scope: Scope::Compare,
        keys: &[Plain(Right), Plain(Char('l'))],
        action: Action::CompareColumn(1),
        help: "scroll the KPI columns right",
    },
    Binding {
        scope: Scope::Compare,
        keys: &[Plain(Char('['))],
        action: Action::Year(-1),
        help: "the previous year",
    },
    Binding {
        scope: Scope::Compare,
        keys: &[Plain(Char(']'))],
        action: Action::Year(1),
        help: "the next year",
    },
    Binding {
        scope: Scope::Compare,
        keys: &[Plain(Enter)],
        action: Action::CompareOpen,
        help: "open it in the explorer (asks first if changes would be dropped)",
    },
    Binding {
        scope: Scope::Compare,
        keys: &[Plain(Esc), Plain(Char('c')), Plain(Char('q'))],
        action: Action::Back,
        help: "close the comparison",
    },
    Binding {
        scope: Scope::Compare,
        keys: &[Ctrl('c')],
        action: Action::Quit,
        help: "quit",
    },
    // ---- help ------------------------------------------------------------------------
    Binding {
        scope: Scope::Help,
        keys: &[Plain(Up), Plain(Char('k'))],
        action: Action::HelpScroll(-1),
        help: "scroll up",
    },
    Binding {
        scope: Scope::Help,
        keys: &[Plain(Down), Plain(Char('j'))],
        action: Action::HelpScroll(1),
        help: "scroll down",
    },
    Binding {
        scope: Scope::Help,
        keys: &[Plain(Esc), Plain(Char('?'))],
        action: Action::Back,
        help: "close the help",
    },
    Binding {
        scope: Scope::Help,
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
    (&[Action::Present(Cue::Enter)], "present"),
    (&[Action::Save], "save"),
    (&[Action::Export], "export"),
    (&[Action::CycleTheme], "theme"),
    (&[Action::OpenCompare], "compare"),
];

/// The footer hints of the picker and help overlays.
pub static OVERLAY_HINTS: &[(Scope, &[Action], &str)] = &[
    (
        Scope::Picker,
        &[Action::PickerMove(-1), Action::PickerMove(1)],
        "select",
    ),
    (Scope::Picker, &[Action::PickerOpen], "open"),
    (Scope::Picker, &[Action::PickerPin], "pin"),
    (Scope::Picker, &[Action::Back], "close"),
    (
        Scope::Help,
        &[Action::HelpScroll(-1), Action::HelpScroll(1)],
        "scroll",
    ),
    (Scope::Help, &[Action::Back], "close"),
    (Scope::Help, &[Action::Quit], "quit"),
    (
        Scope::Explain,
        &[Action::ExplainScroll(-1), Action::ExplainScroll(1)],
        "scroll",
    ),
    (Scope::Explain, &[Action::Back], "close"),
    (
        Scope::Describe,
        &[Action::DescribeScroll(-1), Action::DescribeScroll(1)],
        "scroll",
    ),
    (Scope::Describe, &[Action::Back], "close"),
    (
        Scope::Compare,
        &[Action::CompareMove(-1), Action::CompareMove(1)],
        "select",
    ),
    (Scope::Compare, &[Action::CompareOpen], "open"),
    (Scope::Compare, &[Action::Year(-1), Action::Year(1)], "year"),
    (
        Scope::Compare,
        &[Action::CompareColumn(-1), Action::CompareColumn(1)],
        "columns",
    ),
    (Scope::Compare, &[Action::Back], "close"),
    (Scope::Prompt, &[Action::PromptConfirm], "save"),
    (Scope::Prompt, &[Action::PromptCancel], "cancel"),
];

/// The action a key press gives in a mode. Ctrl-c quits everywhere.
pub fn lookup(scope: Scope, event: &KeyEvent) -> Option<Action> {
    KEYMAP.iter().filter(|b| b.scope == scope).find_map(|b| {
        b.keys
            .iter()
            .find_map(|k| k.matches(event, b.action.clone()))
    })
}

/// The first key bound to an action in a mode, for hints.
pub fn first_key(scope: Scope, action: Action) -> Option<Key> {
    KEYMAP
        .iter()
        .find(|b| b.scope == scope && b.action == action)
        .and_then(|b| b.keys.first().copied())
}

/// The footer hints for a mode: (keys, word) pairs, keys generated from the table.
pub fn hints(scope: Scope) -> Vec<(String, &'static str)> {
    let rows: Vec<(&[Action], &str)> = match scope {
        Scope::Explore => HINTS.to_vec(),
        _ => OVERLAY_HINTS
            .iter()
            .filter(|(m, _, _)| *m == scope)
            .map(|(_, a, w)| (*a, *w))
            .collect(),
    };
    rows.into_iter()
        .filter_map(|(actions, word)| {
            let keys: Vec<String> = actions
                .iter()
                .filter_map(|a| first_key(scope, a.clone()))
                .map(Key::label)
                .collect();
            (!keys.is_empty()).then(|| (keys.join(""), word))
        })
        .collect()
}

/// The help rows for a mode: (all keys, help text).
pub fn help_rows(scope: Scope) -> Vec<(String, &'static str)> {
    KEYMAP
        .iter()
        .filter(|b| b.scope == scope)
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
            lookup(Scope::Explore, &key(Char('j'))),
            Some(Action::MoveLever(1))
        );
        assert_eq!(
            lookup(Scope::Explore, &key(Up)),
            Some(Action::MoveLever(-1))
        );
        assert_eq!(
            lookup(Scope::Explore, &key(Char('3'))),
            Some(Action::ShowPanel(2))
        );
        assert_eq!(lookup(Scope::Explore, &key(Char('7'))), None);
        assert_eq!(
            lookup(Scope::Explore, &key(BackTab)),
            Some(Action::PrevPanel)
        );
        assert_eq!(
            lookup(
                Scope::Explore,
                &KeyEvent::new(Char('r'), KeyModifiers::CONTROL)
            ),
            Some(Action::Redo)
        );
        assert_eq!(
            lookup(Scope::Explore, &key(Char('r'))),
            Some(Action::ResetLever)
        );
        assert_eq!(
            lookup(
                Scope::Explore,
                &KeyEvent::new(Char('R'), KeyModifiers::SHIFT)
            ),
            Some(Action::ResetAll)
        );
        assert_eq!(
            lookup(
                Scope::Explore,
                &KeyEvent::new(Char('c'), KeyModifiers::CONTROL)
            ),
            Some(Action::Quit)
        );
        assert_eq!(lookup(Scope::Picker, &key(Esc)), Some(Action::Back));
        assert_eq!(
            lookup(
                Scope::Help,
                &KeyEvent::new(Char('c'), KeyModifiers::CONTROL)
            ),
            Some(Action::Quit)
        );
        assert_eq!(lookup(Scope::Explore, &key(Char('w'))), Some(Action::Save));
        assert_eq!(
            lookup(Scope::Explore, &key(Char('e'))),
            Some(Action::Export)
        );
        assert_eq!(
            lookup(Scope::Explore, &key(Char('t'))),
            Some(Action::CycleTheme)
        );
        assert_eq!(
            lookup(Scope::Explore, &key(Char('c'))),
            Some(Action::OpenCompare)
        );
        assert_eq!(lookup(Scope::Compare, &key(Char('c'))), Some(Action::Back));
        assert_eq!(
            lookup(Scope::Compare, &key(Enter)),
            Some(Action::CompareOpen)
        );
        // In the save prompt letters are text, not commands.
        assert_eq!(lookup(Scope::Prompt, &key(Char('q'))), None);
        assert_eq!(
            lookup(Scope::Prompt, &key(Enter)),
            Some(Action::PromptConfirm)
        );
    }

    #[test]
    fn hints_come_from_the_table() {
        let hints = hints(Scope::Explore);
        assert!(hints.contains(&("↑↓".to_string(), "lever")));
        assert!(hints.contains(&("C-r".to_string(), "redo")));
        assert!(hints.iter().all(|(k, _)| !k.is_empty()));
    }
}
