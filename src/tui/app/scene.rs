//! `Scene`: what a panel draws from, borrowed — the explorer's own state (`App::scene`) or a
//! presentation step (`Presentation::scene`), so the panel views draw both without a second
//! `App`.

use crate::model::levers::LeverId;
use crate::model::metrics::MetricId;
use crate::model::scenario::{Overrides, Scenario};

use super::{Pinned, Results, SobolView, Sweep};
use crate::tui::theme::Theme;

/// The figures and choices a panel view reads; views compute nothing from it.
#[derive(Clone, Copy, Debug)]
pub struct Scene<'a> {
    /// The colours and markers to draw with.
    pub theme: Theme,
    /// The scenario drawn (its horizon, schedule and notes).
    pub scenario: &'a Scenario,
    /// The selected year.
    pub year: i32,
    /// The selected lever (the tornado marks it).
    pub lever: LeverId,
    /// The metric the sensitivity panel ranks levers for.
    pub metric: MetricId,
    /// The projection drawn.
    pub now: &'a Results,
    /// The comparison drawn dashed.
    pub reference: &'a Results,
    /// The pinned comparison when there is one (its label names the dashed line); `None`: the
    /// comparison is the file's values.
    pub pinned: Option<&'a Pinned>,
    /// The levers that differ from the comparison's file (none: no comparison line).
    pub overrides: &'a Overrides,
    /// The tornado, when computed.
    pub sweep: Option<&'a Sweep>,
    /// The Sobol ranking drawn beside the tornado: `None` where there is none to show (a
    /// presentation step); `Some(None)` before it is requested.
    pub sobol: Option<Option<&'a SobolView>>,
}
