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

mod compare;
mod explain;
mod mode;
mod present;
mod prompt;
pub mod record;
mod reload;
mod scene;
mod update;

pub use compare::{CompareCache, Comparing, Matrix, MatrixRow};
pub use explain::Explained;
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
    /// Seed of the Monte Carlo: the same seed, scenario, overrides and sample count give the same
    /// bands.
    pub seed: u64,
    /// Run the Monte Carlo inside `update` instead of queueing it for the worker.
    pub inline: bool,
}

/// The explorer's defaults: [`crate::args::SCREEN_SAMPLES`] (10,000) samples, the model's
/// default seed, the Monte Carlo on the worker.
impl Default for Settings {
    fn default() -> Settings {
        Settings {
            samples: crate::args::SCREEN_SAMPLES as usize,
            seed: montecarlo::DEFAULT_SEED,
            inline: false,
        }
    }
}

/// One file given to the explorer.
#[derive(Clone, Debug)]
pub enum Entry {
    /// A scenario that loaded: it can be opened, pinned and projected.
    Ready {
        /// How its origin is named (`Origin::display`: the path, or `bundled:NAME.ron`), unsanitized;
        /// show it through `Entry::file`.
        file: String,
        /// Where it was read from (what hot reload re-reads and `w` extends).
        origin: Origin,
        /// Every file its `extends` chain read, itself last (what hot reload watches).
        files: Vec<Origin>,
        /// The scenario with its `extends` chain resolved, shared with the projections made from it.
        scenario: Arc<Scenario>,
        /// The file's story (its own or inherited), which presentation mode plays.
        story: Arc<[Slide]>,
    },
    /// A file that did not load: the picker lists it with its problems, and it cannot be opened.
    Broken {
        /// How it is named (a path or `bundled:NAME.ron`), unsanitized; show it through `Entry::file`.
        file: String,
        /// Where it was read from, when it is a file.
        origin: Option<Origin>,
        /// Why it did not load (at least one).
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

    /// The scenario, when the file loaded; `None` for a broken file.
    pub fn scenario(&self) -> Option<&Arc<Scenario>> {
        match self {
            Entry::Ready { scenario, .. } => Some(scenario),
            Entry::Broken { .. } => None,
        }
    }

    /// Where it was read from, when known.
    pub fn origin(&self) -> Option<&crate::scenario::Origin> {
        match self {
            Entry::Ready { origin, .. } => Some(origin),
            Entry::Broken { origin, .. } => origin.as_ref(),
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
    /// Index in `Data::entries` of the file the scenario came from.
    pub entry: usize,
    /// The scenario as loaded (shared, not copied: `Basis::same_as` compares it by pointer).
    pub scenario: Arc<Scenario>,
    /// The lever values that differ from the scenario's file (empty: the file as written).
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
    /// The scenario and overrides this was projected from.
    pub basis: Basis,
    /// Which request this is the answer to: each recompute takes a new number, and a Monte Carlo
    /// result is accepted only when its generation matches (older runs are dropped).
    pub generation: u64,
    /// The deterministic run (every lever at its central value), computed at once.
    pub central: Run,
    /// The Monte Carlo bands; `None` until the worker (or, inline, `update`) delivers them.
    pub mc: Option<Arc<Projection>>,
}

/// Which figures a view draws for a metric: median and band, one value per year.
pub struct Trend<'a> {
    /// The year of the first value in `median` and in each band.
    pub first_year: i32,
    /// The median per year, from `first_year` on, in the metric's own unit.
    pub median: &'a [f64],
    /// p10 and p90, when the Monte Carlo is in.
    pub band: Option<(&'a [f64], &'a [f64])>,
}

impl Results {
    /// The first year of the projection (the scenario's first year).
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
    /// The pinned basis's `Basis::label`, fixed when pinned (the chart's comparison legend shows it).
    pub label: String,
}

/// The tornado for one metric and year of the current state.
#[derive(Clone, Debug)]
pub struct Sweep {
    /// The `Results::generation` of the current projection it was computed for: a different
    /// generation means the sweep is stale.
    pub generation: u64,
    /// The metric the levers are ranked by.
    pub metric: MetricId,
    /// The year the swings are measured in.
    pub year: i32,
    /// The Monte Carlo samples the swings are medians over (0: central runs): the
    /// headline's.
    pub samples: usize,
    /// One swing per lever, largest effect first, on the headline's basis (the same Monte
    /// Carlo samples and seed); `None` while the sensitivity thread computes it.
    pub swings: Option<Arc<Vec<Swing>>>,
}

/// The Sobol ranking for one metric and year of the current state, while the sensitivity
/// panel is shown.
#[derive(Clone, Debug)]
pub struct SobolView {
    /// The `Results::generation` of the current projection it ranks.
    pub generation: u64,
    /// The metric ranked.
    pub metric: MetricId,
    /// The year ranked.
    pub year: i32,
    /// The ranking once the thread has answered; `None` while it computes.
    pub ranking: Option<Arc<crate::model::sobol::Ranking>>,
}

/// Everything the explorer shows that is not presentation.
#[derive(Clone, Debug)]
pub struct Data {
    /// Every file given, valid ones first in the order given, broken ones after.
    pub entries: Vec<Entry>,
    /// The folders given on the command line, which `extends` may read parents from (on
    /// reload and save) besides each file's own folder.
    pub roots: crate::scenario::Roots,
    /// Index of the open scenario in `entries`.
    pub current: usize,
    /// The lever changes of the current state, relative to the open file.
    pub overrides: Overrides,
    /// Earlier override sets, most recent last: `u` pops one and pushes the present onto `redo`.
    /// Cleared when another file is opened.
    pub undo: Vec<Overrides>,
    /// Override sets undone, most recent last; any new lever change clears it.
    pub redo: Vec<Overrides>,
    /// The pinned comparison, when something is pinned; `None` compares with the open file's
    /// values.
    pub pinned: Option<Pinned>,
    /// The projection of the current state.
    pub now: Results,
    /// The comparison: the pinned state, or the open scenario's file values.
    pub reference: Results,
    /// The tornado, computed while the sensitivity panel is shown.
    pub sweep: Option<Sweep>,
    /// The Sobol ranking beside the tornado, requested while the sensitivity panel is shown.
    pub sobol: Option<SobolView>,
    /// A Sobol request for its thread, taken by the event loop.
    pub sobol_outbox: Option<crate::tui::sobol::SobolJob>,
    /// Sample count, seed and whether the Monte Carlo runs inline.
    pub settings: Settings,
    /// Monte Carlo requests for the worker, taken by the event loop.
    pub outbox: Vec<Job>,
    /// The compare view's rows (`c`), computed and cached per scenario, overrides, samples and seed.
    pub compare: CompareCache,
    /// A compare request for its thread, taken by the event loop.
    pub compare_outbox: Option<crate::tui::compare::CompareJob>,
    /// The open file's last save has problems: the screen shows its last good version.
    pub banner: Option<super::watch::Banner>,
    /// A demo being recorded (`o`), with its steps so far.
    pub recording: Option<record::Recording>,
    pub(crate) next_generation: u64,
}

/// A message in the footer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Status {
    /// The message, one line.
    pub text: String,
    /// Whether it reports a failure (drawn in the theme's error colour).
    pub error: bool,
    /// How many bytes at the end of `text` are a path (see [`Status::error_about`]): when the
    /// message is too wide, the path is shortened from the middle before anything else is cut.
    pub path_len: usize,
}

impl Status {
    /// A plain message.
    pub fn info(text: impl Into<String>) -> Status {
        Status {
            text: text.into(),
            error: false,
            path_len: 0,
        }
    }

    /// A message about something that went wrong.
    pub fn error(text: impl Into<String>) -> Status {
        Status {
            text: text.into(),
            error: true,
            path_len: 0,
        }
    }

    /// A failure with a file: `why` (the reason, first: "read-only file system: "), then the
    /// path, which a narrow footer shortens from the middle (`/home/ana/…/s-1.ron`) so the
    /// reason and the file name stay in view. Both are shown as given: sanitize them first.
    pub fn error_about(why: impl Into<String>, path: &str) -> Status {
        let mut text = why.into();
        text.push_str(path);
        Status {
            text,
            error: true,
            path_len: path.len(),
        }
    }

    /// The message as shown in `columns` terminal columns (sanitized): whole when it fits; otherwise its
    /// path is shortened from the middle, and what still does not fit is cut at the end.
    pub fn fitted(&self, columns: usize) -> String {
        use crate::output::format::{fit, shorten_path, width};
        // Sanitizing keeps each character's UTF-8 length, so the path's bytes stay the last.
        let text = crate::diag::sanitize(&self.text).replace('\n', " ");
        if width(&text) <= columns || self.path_len == 0 || self.path_len > text.len() {
            return fit(&text, columns);
        }
        let (before, path) = text.split_at(text.len() - self.path_len);
        let room = columns.saturating_sub(width(before));
        if room == 0 {
            return fit(before, columns);
        }
        format!("{}{}", fit(before, columns), shorten_path(path, room))
    }
}

/// Presentation state.
#[derive(Clone, Debug)]
pub struct UiState {
    /// The selected lever (what the step keys change).
    pub lever: LeverId,
    /// The panel shown beside the levers.
    pub panel: Panel,
    /// The selected year (within the open scenario's horizon): what the KPIs and info pane show.
    pub year: i32,
    /// The metric the sensitivity panel ranks levers for.
    pub metric: MetricId,
    /// What the keys and the screen are doing: exploring, help, picker, prompt, presenting.
    pub mode: Mode,
    /// The footer message, until the next one or until cleared.
    pub status: Option<Status>,
    /// The terminal size, for mouse hit-testing.
    pub size: (u16, u16),
    /// The colours and chart markers everything is drawn with.
    pub theme: Theme,
    /// Set when the user asks to leave: the event loop exits after this update.
    pub quit: bool,
    /// The themes `t` cycles through.
    pub themes: Vec<Theme>,
    /// The picker entry whose opening was asked for once while lever changes would be
    /// dropped: opening it again confirms.
    pub drop_asked: Option<usize>,
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
    /// The app, with the folders given on the command line that `extends` may read parents
    /// from when a file is reloaded or saved (see `scenario::Roots`).
    pub fn within(mut self, roots: crate::scenario::Roots) -> App {
        self.data.roots = roots;
        self
    }

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
                roots: crate::scenario::Roots::default(),
                current,
                overrides: Overrides::default(),
                undo: Vec::new(),
                redo: Vec::new(),
                pinned: None,
                now,
                reference,
                sweep: None,
                sobol: None,
                sobol_outbox: None,
                settings,
                outbox: Vec::new(),
                compare: CompareCache::default(),
                compare_outbox: None,
                banner: None,
                recording: None,
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
                drop_asked: None,
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

    /// The open scenario's story (empty when it has none).
    pub fn story(&self) -> Arc<[Slide]> {
        self.data.entries[self.data.current].story()
    }

    /// A lever's setting in the selected year in the current state (see [`App::value_in`]).
    pub fn value(&self, id: LeverId) -> Dist {
        self.value_in(id, self.ui.year)
    }

    /// A lever's setting in force in `year`: the user's change when one applies then, else
    /// the file's (its dated changes included).
    pub fn value_in(&self, id: LeverId, year: i32) -> Dist {
        self.data
            .overrides
            .in_force(id, year)
            .unwrap_or_else(|| self.scenario().setting_in(id, year))
    }

    /// The file's setting of a lever in the selected year (its dated changes included).
    pub fn file_value(&self, id: LeverId) -> Dist {
        self.scenario().setting_in(id, self.ui.year)
    }

    /// Whether a lever differs from the file.
    pub fn is_changed(&self, id: LeverId) -> bool {
        self.data.overrides.get(id).is_some()
    }

    /// Whether a Monte Carlo run is still awaited.
    pub fn pending(&self) -> bool {
        self.data.now.mc.is_none() || self.data.reference.mc.is_none()
    }

    /// The Sobol request waiting for its thread, if any.
    pub fn take_sobol_job(&mut self) -> Option<crate::tui::sobol::SobolJob> {
        self.data.sobol_outbox.take()
    }

    /// Whether the Sobol ranking shown is still awaited.
    pub fn sobol_pending(&self) -> bool {
        self.data
            .sobol
            .as_ref()
            .is_some_and(|s| s.ranking.is_none())
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

    /// The compare view's selection and column scroll, when open.
    pub fn comparing(&self) -> Option<Comparing> {
        match &self.ui.mode {
            Mode::Compare(c) => Some(*c),
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
            sobol: Some(self.data.sobol.as_ref()),
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
