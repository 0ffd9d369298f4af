//! The explorer's state: `App { data, ui }` and the types it holds. `App::update(Action)` (in
//! `update.rs`) is its one mutator: keys, mouse, finished Monte Carlo runs, hot reloads and
//! presentation moves all arrive as actions. Everything else reads it through `data()`, `ui()`
//! and `scene()`.
//!
//! `Data` holds what the explorer shows: the loaded files, the lever overrides with their undo
//! history, the pinned comparison and the computed projections. `UiState` holds presentation
//! state only (selection, panel, year, the one `Mode`, status). Views read both and compute
//! nothing.
//!
//! Compute on change, not in draw: every change of inputs runs the deterministic projection at
//! once (microseconds) and queues a Monte Carlo request (`outbox`) that the event loop hands to
//! the worker; with `Settings::inline` the request runs on the spot (tests, snapshots).
//!
//! Invariants: `data.current` indexes a `Entry::Ready`; `ui.year` lies within the current
//! scenario's horizon; an override is present only when it changes what the lever does.

mod mode;
mod present;
mod prompt;
mod reload;
mod scene;
mod update;

pub use mode::Mode;
pub use scene::Scene;

use std::sync::Arc;

use crate::diag::{Diagnostic, sanitize};
use crate::model::levers::{Group, LEVERS, LeverId};
use crate::model::metrics::MetricId;
use crate::model::montecarlo::{self, Projection};
use crate::model::path::central_path;
use crate::model::project::{Run, project};
use crate::model::scenario::{Dist, Overrides, Scenario};
use crate::model::sensitivity::Swing;
use crate::scenario::Origin;
use crate::scenario::story::{Panel, Slide};

use super::theme::Theme;
use super::worker::{Job, Slot};

/// How projections are computed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Settings {
    /// Monte Carlo samples per projection (0: the bands equal the deterministic run).
    pub samples: usize,
    pub seed: u64,
    /// Run the Monte Carlo inside `update` instead of queueing it for the worker.
    pub inline: bool,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            samples: montecarlo::DEFAULT_SAMPLES,
            seed: montecarlo::DEFAULT_SEED,
            inline: false,
        }
    }
}

/// One file given to the explorer.
#[derive(Clone, Debug)]
pub enum Entry {
    Ready {
        file: String,
        /// Where it was read from (what hot reload re-reads and `w` extends).
        origin: Origin,
        /// Every file its `extends` chain read, itself last (what hot reload watches).
        files: Vec<Origin>,
        scenario: Arc<Scenario>,
        /// The file's story (its own or inherited), which presentation mode plays.
        story: Arc<[Slide]>,
    },
    Broken {
        file: String,
        /// Where it was read from, when it is a file.
        origin: Option<Origin>,
        diagnostics: Vec<Diagnostic>,
    },
}

impl Entry {
    /// The file, sanitized for display.
    pub fn file(&self) -> String {
        match self {
            Entry::Ready { file, .. } | Entry::Broken { file, .. } => sanitize(file),
        }
    }

    pub fn scenario(&self) -> Option<&Arc<Scenario>> {
        match self {
            Entry::Ready { scenario, .. } => Some(scenario),
            Entry::Broken { .. } => None,
        }
    }

    /// The story of a scenario that loaded (empty for a broken one).
    pub fn story(&self) -> Arc<[Slide]> {
        match self {
            Entry::Ready { story, .. } => story.clone(),
            Entry::Broken { .. } => Arc::from(Vec::new()),
        }
    }
}

/// What a projection is computed from.
#[derive(Clone, Debug)]
pub struct Basis {
    pub entry: usize,
    pub scenario: Arc<Scenario>,
    pub overrides: Overrides,
}

impl Basis {
    pub(crate) fn same_as(&self, other: &Basis) -> bool {
        self.entry == other.entry
            && self.overrides == other.overrides
            && Arc::ptr_eq(&self.scenario, &other.scenario)
    }

    /// A short name: the scenario's name and how many levers differ from its file.
    pub fn label(&self) -> String {
        let name = sanitize(&self.scenario.name);
        match self.overrides.0.len() {
            0 => name,
            1 => format!("{name} + 1 change"),
            n => format!("{name} + {n} changes"),
        }
    }
}

/// A computed projection: the deterministic run at once, the Monte Carlo when ready.
#[derive(Clone, Debug)]
pub struct Results {
    pub basis: Basis,
    pub generation: u64,
    pub central: Run,
    pub mc: Option<Arc<Projection>>,
}

/// Which figures a view draws for a metric: median and band, one value per year.
pub struct Trend<'a> {
    pub first_year: i32,
    pub median: &'a [f64],
    /// p10 and p90, when the Monte Carlo is in.
    pub band: Option<(&'a [f64], &'a [f64])>,
}

impl Results {
    pub fn first_year(&self) -> i32 {
        self.basis.scenario.first_year
    }

    /// The median (the Monte Carlo's p50 when in, else the deterministic run) and band.
    pub fn series(&self, metric: MetricId) -> Trend<'_> {
        match &self.mc {
            Some(p) => {
                let b = p.band(metric);
                Trend {
                    first_year: p.first_year,
                    median: &b.p50,
                    band: Some((&b.p10, &b.p90)),
                }
            }
            None => Trend {
                first_year: self.first_year(),
                median: self.central.series(metric),
                band: None,
            },
        }
    }

    /// The median of a metric in a year.
    pub fn value(&self, metric: MetricId, year: i32) -> Option<f64> {
        let s = self.series(metric);
        let i = usize::try_from(year - s.first_year).ok()?;
        s.median.get(i).copied()
    }
}

/// The pinned comparison: which basis, named.
#[derive(Clone, Debug)]
pub struct Pinned {
    pub label: String,
}

/// The tornado for one metric and year of the current state.
#[derive(Clone, Debug)]
pub struct Sweep {
    pub generation: u64,
    pub metric: MetricId,
    pub year: i32,
    pub swings: Vec<Swing>,
}

/// Everything the explorer shows that is not presentation.
#[derive(Clone, Debug)]
pub struct Data {
    pub entries: Vec<Entry>,
    /// Index of the open scenario in `entries`.
    pub current: usize,
    pub overrides: Overrides,
    pub undo: Vec<Overrides>,
    pub redo: Vec<Overrides>,
    pub pinned: Option<Pinned>,
    /// The projection of the current state.
    pub now: Results,
    /// The comparison: the pinned state, or the open scenario's file values.
    pub reference: Results,
    /// The tornado, computed while the sensitivity panel is shown.
    pub sweep: Option<Sweep>,
    pub settings: Settings,
    /// Monte Carlo requests for the worker, taken by the event loop.
    pub outbox: Vec<Job>,
    /// The open file's last save has problems: the screen shows its last good version.
    pub banner: Option<super::watch::Banner>,
    pub(crate) next_generation: u64,
}

/// A message in the footer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

impl Status {
    /// A plain message.
    pub fn info(text: impl Into<String>) -> Status {
        Status {
            text: text.into(),
            error: false,
        }
    }

    /// A message about something that went wrong.
    pub fn error(text: impl Into<String>) -> Status {
        Status {
            text: text.into(),
            error: true,
        }
    }
}

/// Presentation state.
#[derive(Clone, Debug)]
pub struct UiState {
    pub lever: LeverId,
    pub panel: Panel,
    pub year: i32,
    /// The metric the sensitivity panel ranks levers for.
    pub metric: MetricId,
    /// What the keys and the screen are doing: exploring, help, picker, prompt, presenting.
    pub mode: Mode,
    pub status: Option<Status>,
    /// The terminal size, for mouse hit-testing.
    pub size: (u16, u16),
    pub theme: Theme,
    pub quit: bool,
    /// The themes `t` cycles through.
    pub themes: Vec<Theme>,
}

/// The metrics the sensitivity panel can rank levers for, in cycling order.
pub const SENSITIVITY_METRICS: &[MetricId] = &[
    MetricId::Domestic,
    MetricId::DomesticCompute,
    MetricId::AdvancedCapacity,
    MetricId::DieYield,
    MetricId::SelfReliance,
    MetricId::Diverted,
    MetricId::UsVendorRevenue,
    MetricId::ComputeGap,
];

/// The levers in the order the lever panel lists them: by group, then table order.
pub fn lever_order() -> Vec<LeverId> {
    Group::ALL
        .iter()
        .flat_map(|g| LEVERS.iter().filter(move |l| l.group == *g).map(|l| l.id))
        .collect()
}

/// The deterministic run of a basis.
pub(crate) fn central_run(basis: &Basis) -> Run {
    project(&central_path(&basis.scenario, &basis.overrides))
}

impl App {
    /// An explorer over `entries`, opening the first valid one. `None` if none is valid.
    pub fn new(entries: Vec<Entry>, settings: Settings, theme: Theme) -> Option<App> {
        let current = entries.iter().position(|e| e.scenario().is_some())?;
        let scenario = entries[current].scenario()?.clone();
        let basis = Basis {
            entry: current,
            scenario: scenario.clone(),
            overrides: Overrides::default(),
        };
        let central = central_run(&basis);
        let now = Results {
            basis: basis.clone(),
            generation: 1,
            central: central.clone(),
            mc: None,
        };
        let reference = Results {
            basis,
            generation: 2,
            central,
            mc: None,
        };
        let year = default_year(&scenario);
        let mut app = App {
            data: Data {
                entries,
                current,
                overrides: Overrides::default(),
                undo: Vec::new(),
                redo: Vec::new(),
                pinned: None,
                now,
                reference,
                sweep: None,
                settings,
                outbox: Vec::new(),
                banner: None,
                next_generation: 3,
            },
            ui: UiState {
                lever: lever_order()[0],
                panel: Panel::Output,
                year,
                metric: SENSITIVITY_METRICS[0],
                mode: Mode::Explore,
                status: None,
                size: (0, 0),
                theme,
                quit: false,
                themes: theme.cycle(),
            },
        };
        let (g1, g2) = (app.data.now.generation, app.data.reference.generation);
        app.request(Slot::Current, g1);
        app.request(Slot::Reference, g2);
        Some(app)
    }

    /// The open scenario.
    pub fn scenario(&self) -> &Arc<Scenario> {
        &self.data.now.basis.scenario
    }

    /// A lever's value in the current state: the override, else the file's first-year value.
    pub fn value(&self, id: LeverId) -> Dist {
        self.data
            .overrides
            .get(id)
            .unwrap_or(self.scenario().levers[id as usize])
    }

    /// Whether a lever differs from the file.
    pub fn is_changed(&self, id: LeverId) -> bool {
        self.data.overrides.get(id).is_some()
    }

    /// Whether the file's schedule changes this lever in some year.
    pub fn is_scheduled(&self, id: LeverId) -> bool {
        self.scenario()
            .schedule
            .iter()
            .any(|c| c.set.iter().any(|(l, _)| *l == id))
    }

    /// Whether a Monte Carlo run is still awaited.
    pub fn pending(&self) -> bool {
        self.data.now.mc.is_none() || self.data.reference.mc.is_none()
    }

    /// The requests queued for the worker, oldest first.
    pub fn take_jobs(&mut self) -> Vec<Job> {
        std::mem::take(&mut self.data.outbox)
    }

    /// What the explorer shows (read only: `update` changes it).
    pub fn data(&self) -> &Data {
        &self.data
    }

    /// Selection, panel, year, mode and status (read only: `update` changes them).
    pub fn ui(&self) -> &UiState {
        &self.ui
    }

    /// The presentation shown, when presenting.
    pub fn presentation(&self) -> Option<&super::present::Presentation> {
        match &self.ui.mode {
            Mode::Present(p) => Some(p),
            _ => None,
        }
    }

    /// The footer prompt of `w`, when open.
    pub fn prompt(&self) -> Option<&super::save::Prompt> {
        match &self.ui.mode {
            Mode::Prompt(p) => Some(p),
            _ => None,
        }
    }

    /// What the explorer's panels draw from.
    pub fn scene(&self) -> Scene<'_> {
        Scene {
            theme: self.ui.theme,
            scenario: self.scenario(),
            year: self.ui.year,
            lever: self.ui.lever,
            metric: self.ui.metric,
            now: &self.data.now,
            reference: &self.data.reference,
            pinned: self.data.pinned.as_ref(),
            overrides: &self.data.overrides,
            sweep: self.data.sweep.as_ref(),
        }
    }
}

/// The year selected when a scenario opens: a few years in, where controls have bitten.
pub(crate) fn default_year(s: &Scenario) -> i32 {
    (s.first_year + 4).min(s.last_year)
}

/// The explorer: data and presentation state.
#[derive(Clone, Debug)]
pub struct App {
    pub(crate) data: Data,
    pub(crate) ui: UiState,
}
