//! A scenario's story: the steps a presenter walks through and the explorer panels they show.
//! It belongs to the file, not to the model: the projection never reads it, so it travels
//! beside the model's `Scenario` (in `Loaded`) rather than inside it.

use crate::model::levers::LeverId;
use crate::model::metrics::MetricId;
use crate::model::scenario::{Dist, Overrides};

/// The explorer's panels, which a story step can show (named in files by [`Panel::name`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Panel {
    /// Domestic AI-accelerator output, by vendor, with its band.
    Output,
    /// Advanced-node wafer capacity and die yield.
    Capacity,
    /// Domestic, licensed-import and diverted supply, in units and compute.
    Supply,
    /// Diversion through each transit hub.
    Routes,
    /// China's AI-chip market in dollars: domestic sales, US vendors' revenue, diversion.
    Market,
    /// The tornado: which levers move the chosen metric most.
    Sensitivity,
}

impl Panel {
    /// Every panel, in the explorer's tab order.
    pub const ALL: [Panel; 6] = [
        Panel::Output,
        Panel::Capacity,
        Panel::Supply,
        Panel::Routes,
        Panel::Market,
        Panel::Sensitivity,
    ];

    /// The panel's name in scenario files and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Panel::Output => "output",
            Panel::Capacity => "capacity",
            Panel::Supply => "supply",
            Panel::Routes => "routes",
            Panel::Market => "market",
            Panel::Sensitivity => "sensitivity",
        }
    }

    /// The panel a file names, if any.
    pub fn from_name(name: &str) -> Option<Panel> {
        Panel::ALL.into_iter().find(|p| p.name() == name)
    }

    /// The metric a step on this panel shows when it names none: the panel's first chart
    /// (the sensitivity panel's first ranked metric, domestic output).
    pub fn headline(self) -> MetricId {
        match self {
            Panel::Output | Panel::Supply | Panel::Sensitivity => MetricId::Domestic,
            Panel::Capacity => MetricId::AdvancedCapacity,
            Panel::Routes => MetricId::Diverted,
            Panel::Market => MetricId::UsVendorRevenue,
        }
    }
}

/// One step of a scenario's story: a caption, the lever settings it adds to the steps
/// before it, and what the presenter shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Slide {
    /// What the presenter says, shown under the chart.
    pub caption: String,
    /// Lever settings this step adds (a step shows the scenario with every earlier step's
    /// settings and its own applied).
    pub set: Vec<(LeverId, Dist)>,
    /// The panel the step shows.
    pub panel: Panel,
    /// The metric whose headline the step shows, if not the panel's first.
    pub metric: Option<String>,
    /// The year the headline is read in; `None`: the horizon's last year (however the
    /// presentation is entered).
    pub year: Option<i32>,
    /// What the headline's delta is against.
    pub compare: Compare,
    /// The year the step's settings apply from (earlier years keep their path, as an explorer
    /// edit in that year); `None`: every year.
    pub from: Option<i32>,
}

/// What a story step's delta is measured against.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Compare {
    /// The state after the step before (the scenario as written at step 1).
    #[default]
    Previous,
    /// The scenario as written, without any step's settings.
    File,
    /// The comparison pinned in the explorer before presenting (the file when nothing is
    /// pinned, or when presenting with `chipcast present`).
    Pin,
}

impl Compare {
    /// Every choice, as files name them.
    pub const ALL: [Compare; 3] = [Compare::Previous, Compare::File, Compare::Pin];

    /// The name in files.
    pub fn name(self) -> &'static str {
        match self {
            Compare::Previous => "previous",
            Compare::File => "file",
            Compare::Pin => "pin",
        }
    }
}

impl Slide {
    /// The metric the step shows: the one it names, else its panel's [`Panel::headline`].
    pub fn headline_metric(&self) -> MetricId {
        self.metric
            .as_deref()
            .and_then(MetricId::from_key)
            .unwrap_or(self.panel.headline())
    }
}

/// The overrides of state `k` of a story: steps 1..=k applied in order, each for every year
/// or from its `from` year on (earlier years keep their path). The presenter and
/// `export --story` both play a story through this.
pub fn cumulative(story: &[Slide], k: usize) -> Overrides {
    let mut o = Overrides::default();
    for step in story.iter().take(k) {
        step.apply(&mut o);
    }
    o
}

impl Slide {
    /// Adds this step's settings to `o`: for every year, or from the step's `from` year on.
    pub fn apply(&self, o: &mut Overrides) {
        for (id, d) in &self.set {
            match self.from {
                Some(year) => o.set_from(*id, *d, year),
                None => o.set(*id, *d),
            }
        }
    }
}
