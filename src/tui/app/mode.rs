//! `Mode`: what the explorer is doing — exploring, showing help, the picker, an explanation or
//! the compare view, asking in the footer, or presenting. Exactly one is active; it decides which keys apply (`Mode::scope`)
//! and what the screen draws. Esc (or `q` where it means leave) returns to `Explore`.

use crate::tui::keymap::Scope;
use crate::tui::present::Presentation;
use crate::tui::save::Prompt;

/// The one active mode.
#[derive(Clone, Debug, Default)]
pub enum Mode {
    /// The explorer itself: levers, panels, charts.
    #[default]
    Explore,
    /// The help overlay, scrolled to this line.
    Help {
        /// The first help line shown (0: the top).
        scroll: u16,
    },
    /// The scenario picker with its selected row.
    Picker(usize),
    /// The footer prompt of `w`.
    Prompt(Prompt),
    /// The explanation of one number (`x`), computed when opened.
    Explain(Box<super::explain::Explained>),
    /// The open panel in words (`d`): the lines, computed when opened, and the first shown.
    Describe {
        /// The description, one sentence or item a line.
        lines: Vec<String>,
        /// The first line shown.
        scroll: u16,
    },
    /// The compare view (`c`): every open scenario against the baseline for the selected year.
    Compare(super::compare::Comparing),
    /// Presentation mode: it draws its own story steps and leaves the explorer untouched.
    Present(Box<Presentation>),
}

impl Mode {
    /// Which rows of the keymap apply.
    pub fn scope(&self) -> Scope {
        match self {
            Mode::Explore => Scope::Explore,
            Mode::Help { .. } => Scope::Help,
            Mode::Picker(_) => Scope::Picker,
            Mode::Prompt(_) => Scope::Prompt,
            Mode::Present(_) => Scope::Present,
            Mode::Explain(_) => Scope::Explain,
            Mode::Describe { .. } => Scope::Describe,
            Mode::Compare(_) => Scope::Compare,
        }
    }

    /// Whether the explorer itself is showing, with no overlay, prompt or presentation.
    pub fn is_explore(&self) -> bool {
        matches!(self, Mode::Explore)
    }
}
