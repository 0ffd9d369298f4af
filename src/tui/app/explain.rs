//! The `x` overlay's state: the explanation of the selected metric (the sensitivity metric,
//! `m`) in the selected year, with the waterfall against the comparison (the pin, or the
//! open file's values). Computed once when the overlay opens, never while drawing.

use crate::diag::sanitize;
use crate::model::explain::{self, Explanation, Waterfall};
use crate::model::path::central_path;

use super::{App, Mode};

/// What the `x` overlay shows.
#[derive(Clone, Debug)]
pub struct Explained {
    /// The metric in the year, explained (central run of the current state).
    pub explanation: Explanation,
    /// The difference from the comparison split by lever; `None` when no lever differs.
    pub waterfall: Option<Waterfall>,
    /// What the waterfall starts from, named.
    pub against: String,
    /// What it ends at, named.
    pub current: String,
    /// The first line shown.
    pub scroll: u16,
}

impl App {
    /// Opens the explanation of the selected metric and year.
    pub(crate) fn open_explanation(&mut self) {
        let now = &self.data.now.basis;
        let path = central_path(&now.scenario, &now.overrides);
        let Some(explanation) = explain::explain(&path, self.ui.metric, self.ui.year) else {
            return;
        };
        let r = &self.data.reference.basis;
        let reference = central_path(&r.scenario, &r.overrides);
        let waterfall = explain::waterfall(
            &reference,
            &path,
            self.ui.metric,
            self.ui.year,
            self.data.settings.seed,
        )
        .filter(|w| !w.parts.is_empty());
        let against = match &self.data.pinned {
            Some(p) => format!("{} (pinned)", p.label),
            None => format!("{} (file values)", sanitize(&r.scenario.name)),
        };
        self.ui.mode = Mode::Explain(Box::new(Explained {
            explanation,
            waterfall,
            against,
            current: now.label(),
            scroll: 0,
        }));
    }
}
