//! Everything that changes the explorer, as plain data: what a user asks (keys and mouse events
//! are turned into actions by `keymap` and `input`) and what arrives from elsewhere (a finished
//! Monte Carlo run, a reloaded file). `App::update` is the one place that applies them.

use crate::model::levers::LeverId;
use crate::model::scenario::Overrides;

use super::present::Cue;
use super::sobol::SobolDone;
use super::watch::Reload;
use super::worker::Done;

/// A user's intent, or a result for the explorer to take in.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Leave the explorer.
    Quit,
    /// Close the open overlay; with none open, quit.
    Back,
    /// Move the lever selection by this many rows.
    MoveLever(i32),
    /// Select a lever (mouse click).
    SelectLever(LeverId),
    /// Toggle a bool, cycle a choice.
    Toggle,
    /// Step the selected lever up (+1) or down (-1) within its range.
    Step(i32),
    /// Select a lever and step it (mouse wheel over a lever).
    StepLever(LeverId, i32),
    /// Show the next panel, wrapping from the last to the first.
    NextPanel,
    /// Show the previous panel, wrapping from the first to the last.
    PrevPanel,
    /// Show the panel at this index of `Panel::ALL`.
    ShowPanel(usize),
    /// Move the selected year by this many years.
    Year(i32),
    /// Select a year (mouse click on the time axis).
    SelectYear(i32),
    /// Cycle the metric the sensitivity panel ranks levers for.
    Metric(i32),
    /// Explain the selected metric in the selected year (the `x` overlay).
    Explain,
    /// Describe the open panel in words (the `d` overlay, for screen readers).
    Describe,
    /// Start recording a demo, or stop and write it (`o`).
    Record,
    /// Scroll the description by this many lines.
    DescribeScroll(i32),
    /// Scroll the explanation by this many lines.
    ExplainScroll(i32),
    /// Open the compare view: every open scenario against the baseline, one KPI a column.
    OpenCompare,
    /// Move the compare view's row selection.
    CompareMove(i32),
    /// Scroll the compare view's KPI columns when not all fit.
    CompareColumn(i32),
    /// Open the scenario selected in the compare view (asks first if lever changes would be
    /// dropped, as the picker does).
    CompareOpen,
    /// Pin the current state for comparison (again on the same state: unpin).
    Pin,
    /// Restore the lever overrides before the last change (the change can be redone).
    Undo,
    /// Reapply the last undone change; any new change in between discards it.
    Redo,
    /// Reset the selected lever to the file's value.
    ResetLever,
    /// Reset every lever to the file's values.
    ResetAll,
    /// Open the scenario picker.
    OpenPicker,
    /// Show or hide the help overlay.
    ToggleHelp,
    /// Scroll the help overlay by this many lines.
    HelpScroll(i32),
    /// Move the picker selection.
    PickerMove(i32),
    /// Select a picker row (mouse click).
    PickerSelect(usize),
    /// Open the scenario selected in the picker.
    PickerOpen,
    /// Pin the scenario selected in the picker, with the file's values.
    PickerPin,
    /// The terminal was resized to (columns, rows).
    Resize(u16, u16),
    /// Presentation mode: enter it, move through the story, leave it.
    Present(Cue),
    /// Show the next theme (dark, light, high-contrast, a user's).
    CycleTheme,
    /// Write the current state as a new scenario file (asks for the name).
    Save,
    /// Write the current panel's figures (CSV) and charts (SVG) beside the scenario.
    Export,
    /// A character typed into the footer prompt.
    PromptChar(char),
    /// Delete the prompt's last character.
    PromptBackspace,
    /// Accept the prompt.
    PromptConfirm,
    /// Close the prompt without writing.
    PromptCancel,
    /// Set the lever overrides at once, as if the user had set each lever (recorded in the
    /// history); how `chipcast snapshot` draws a state given on the command line.
    SetLevers(Overrides),
    /// Clear the footer's message (a snapshot shows the keys instead).
    ClearStatus,
    /// A Monte Carlo run finished on the worker (stale generations are dropped).
    Computed(Done),
    /// A row of the compare view finished on its thread (stale generations are dropped).
    CompareComputed(super::compare::CompareDone),
    /// The Sensitivity panel's Sobol ranking finished on its thread (stale ones are dropped).
    SobolComputed(SobolDone),
    /// A watched scenario was re-read after one of its files changed.
    Reloaded(Box<Reload>),
    /// Watching the files failed: the message for the footer, sanitized.
    WatchFailed(String),
}
