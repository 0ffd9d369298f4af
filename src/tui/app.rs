//! The explorer's state and its one mutator for user intent, `App::update(Action)`; finished
//! Monte Carlo runs come in through `App::receive`.
//!
//! `Data` holds what the explorer shows: the loaded files, the lever overrides with their undo
//! history, the pinned comparison and the computed projections. `UiState` holds presentation
//! state only (selection, panel, year, overlay, status). Views read both and compute nothing.
//!
//! Compute on change, not in draw: every change of inputs runs the deterministic projection at
//! once (microseconds) and queues a Monte Carlo request (`outbox`) that the event loop hands to
//! the worker; with `Settings::inline` the request runs on the spot (tests, snapshots).
//!
//! Invariants: `data.current` indexes a `Entry::Ready`; `ui.year` lies within the current
//! scenario's horizon; an override is present only when it changes what the lever does.

use std::sync::Arc;

use crate::diag::{Diagnostic, sanitize};
use crate::model::levers::{Group, Kind, LEVERS, LeverId};
use crate::model::metrics::MetricId;
use crate::model::montecarlo::{self, Projection};
use crate::model::path::central_path;
use crate::model::project::{Run, project};
use crate::model::scenario::{Dist, Overrides, Panel, Scenario};
use crate::model::sensitivity::{self, Swing};
use crate::scenario::Origin;

use super::action::Action;
use super::keymap::Mode;
use super::theme::Theme;
use super::worker::{self, Done, Job, Slot};

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
}

/// What a projection is computed from.
#[derive(Clone, Debug)]
pub struct Basis {
    pub entry: usize,
    pub scenario: Arc<Scenario>,
    pub overrides: Overrides,
}

impl Basis {
    fn same_as(&self, other: &Basis) -> bool {
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
pub struct Series<'a> {
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
    pub fn series(&self, metric: MetricId) -> Series<'_> {
        match &self.mc {
            Some(p) => {
                let b = p.band(metric);
                Series {
                    first_year: p.first_year,
                    median: &b.p50,
                    band: Some((&b.p10, &b.p90)),
                }
            }
            None => Series {
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
    next_generation: u64,
}

/// An overlay over the explorer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Overlay {
    None,
    Help,
    /// The scenario picker with its selected row.
    Picker(usize),
}

/// A message in the footer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

/// Presentation state.
#[derive(Clone, Debug)]
pub struct UiState {
    pub lever: LeverId,
    pub panel: Panel,
    pub year: i32,
    /// The metric the sensitivity panel ranks levers for.
    pub metric: MetricId,
    pub overlay: Overlay,
    /// The first line of the help overlay shown.
    pub help_scroll: u16,
    pub status: Option<Status>,
    /// The terminal size, for mouse hit-testing.
    pub size: (u16, u16),
    pub theme: Theme,
    pub quit: bool,
    /// The themes `t` cycles through.
    pub themes: Vec<Theme>,
    /// The footer prompt of `w`, when open.
    pub prompt: Option<super::save::Prompt>,
    /// Presentation mode, when on: it draws its own stage and leaves the explorer untouched.
    pub present: Option<Box<super::present::Present>>,
}

impl UiState {
    pub fn mode(&self) -> Mode {
        if self.present.is_some() {
            return Mode::Present;
        }
        if self.prompt.is_some() {
            return Mode::Prompt;
        }
        match self.overlay {
            Overlay::None => Mode::Explore,
            Overlay::Help => Mode::Help,
            Overlay::Picker(_) => Mode::Picker,
        }
    }
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
fn central_run(basis: &Basis) -> Run {
    project(&central_path(&basis.scenario, &basis.overrides))
}

/// A distribution moved so that its central value is `to`, keeping its shape, within `range`.
fn shifted(d: Dist, to: f64, (lo, hi): (f64, f64)) -> Dist {
    let delta = to - d.central();
    let clamp = |v: f64| (v + delta).clamp(lo, hi);
    let shifted = match d {
        Dist::Fixed(_) => Dist::Fixed(to),
        Dist::Uniform { low, high } => Dist::Uniform {
            low: clamp(low),
            high: clamp(high),
        },
        Dist::Triangular { low, high, .. } => Dist::Triangular {
            low: clamp(low),
            mode: to,
            high: clamp(high),
        },
        Dist::Normal { sd, .. } => Dist::Normal { mean: to, sd },
    };
    match shifted {
        Dist::Uniform { low, high } | Dist::Triangular { low, high, .. } if high <= low => {
            Dist::Fixed(to)
        }
        other => other,
    }
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
                overlay: Overlay::None,
                help_scroll: 0,
                status: None,
                size: (0, 0),
                theme,
                quit: false,
                themes: theme.cycle(),
                prompt: None,
                present: None,
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

    /// Applies one user action.
    pub fn update(&mut self, action: Action) {
        match action {
            Action::Quit => self.ui.quit = true,
            Action::Back => match self.ui.overlay {
                Overlay::None => self.ui.quit = true,
                _ => self.ui.overlay = Overlay::None,
            },
            Action::Resize(w, h) => self.ui.size = (w, h),
            Action::Present(step) => super::present::update(self, step),
            Action::CycleTheme => self.cycle_theme(),
            Action::Save => super::save::start(self),
            Action::Export => {
                super::save::export(self);
            }
            Action::PromptChar(c) => super::save::input(self, c),
            Action::PromptBackspace => super::save::backspace(self),
            Action::PromptConfirm => super::save::confirm(self),
            Action::PromptCancel => super::save::cancel(self),
            Action::ToggleHelp => {
                self.ui.help_scroll = 0;
                self.ui.overlay = if self.ui.overlay == Overlay::Help {
                    Overlay::None
                } else {
                    Overlay::Help
                }
            }
            Action::HelpScroll(d) => {
                self.ui.help_scroll = (i32::from(self.ui.help_scroll) + d).clamp(0, 200) as u16;
            }
            Action::OpenPicker => self.ui.overlay = Overlay::Picker(self.data.current),
            Action::PickerMove(d) => {
                if let Overlay::Picker(i) = self.ui.overlay {
                    let last = self.data.entries.len().saturating_sub(1) as i64;
                    self.ui.overlay =
                        Overlay::Picker((i as i64 + i64::from(d)).clamp(0, last) as usize);
                }
            }
            Action::PickerSelect(i) => {
                if i < self.data.entries.len() {
                    self.ui.overlay = Overlay::Picker(i);
                }
            }
            Action::PickerOpen => {
                if let Overlay::Picker(i) = self.ui.overlay {
                    self.open(i);
                }
            }
            Action::PickerPin => {
                if let Overlay::Picker(i) = self.ui.overlay {
                    self.pin_entry(i);
                }
            }
            Action::MoveLever(d) => self.move_lever(d),
            Action::SelectLever(id) => self.ui.lever = id,
            Action::Toggle => self.toggle(),
            Action::Step(dir) => self.step(self.ui.lever, dir),
            Action::StepLever(id, dir) => {
                self.ui.lever = id;
                self.step(id, dir);
            }
            Action::NextPanel => self.show_panel(self.panel_index() as i64 + 1),
            Action::PrevPanel => self.show_panel(self.panel_index() as i64 - 1),
            Action::ShowPanel(i) => {
                if i < Panel::ALL.len() {
                    self.show_panel(i as i64);
                }
            }
            Action::Year(d) => {
                let s = self.scenario();
                self.ui.year = (self.ui.year + d).clamp(s.first_year, s.last_year);
            }
            Action::SelectYear(y) => {
                let s = self.scenario();
                self.ui.year = y.clamp(s.first_year, s.last_year);
            }
            Action::Metric(d) => {
                let n = SENSITIVITY_METRICS.len() as i64;
                let i = SENSITIVITY_METRICS
                    .iter()
                    .position(|m| *m == self.ui.metric)
                    .unwrap_or(0) as i64;
                self.ui.metric = SENSITIVITY_METRICS[(i + i64::from(d)).rem_euclid(n) as usize];
                if self.ui.panel != Panel::Sensitivity {
                    self.say(format!(
                        "sensitivity metric: {}",
                        self.ui.metric.metric().label
                    ));
                }
            }
            Action::Pin => self.pin_current(),
            Action::Undo => match self.data.undo.pop() {
                Some(previous) => {
                    let now = std::mem::replace(&mut self.data.overrides, previous);
                    self.data.redo.push(now);
                    self.say("undone".into());
                    self.recompute();
                }
                None => self.say("nothing to undo".into()),
            },
            Action::Redo => match self.data.redo.pop() {
                Some(next) => {
                    let now = std::mem::replace(&mut self.data.overrides, next);
                    self.data.undo.push(now);
                    self.say("redone".into());
                    self.recompute();
                }
                None => self.say("nothing to redo".into()),
            },
            Action::ResetLever => {
                let id = self.ui.lever;
                let mut o = self.data.overrides.clone();
                o.remove(id);
                if self.apply(o) {
                    self.say(format!("{} reset to the file's value", id.key()));
                } else {
                    self.say(format!("{} already has the file's value", id.key()));
                }
            }
            Action::ResetAll => {
                if self.apply(Overrides::default()) {
                    self.say("every lever reset to the file's values".into());
                } else {
                    self.say("every lever already has the file's value".into());
                }
            }
        }
        self.refresh_sweep();
    }

    /// Swaps in a new version of the open scenario (its file or a parent was saved): lever
    /// changes stay wherever they still change something; the comparison follows the file
    /// unless something is pinned (a pin is a snapshot). Returns the levers whose change was
    /// dropped because the file now sets the same value.
    pub fn reload_current(&mut self, scenario: Arc<Scenario>) -> Vec<LeverId> {
        let scheduled = |id: LeverId| {
            scenario
                .schedule
                .iter()
                .any(|c| c.set.iter().any(|(l, _)| *l == id))
        };
        let dropped: Vec<LeverId> = self
            .data
            .overrides
            .iter()
            .filter(|o| scenario.levers[o.lever as usize] == o.value && !scheduled(o.lever))
            .map(|o| o.lever)
            .collect();
        for id in &dropped {
            self.data.overrides.remove(*id);
        }
        self.ui.year = self.ui.year.clamp(scenario.first_year, scenario.last_year);
        self.data.now.basis.scenario = scenario.clone();
        self.recompute();
        if self.data.pinned.is_none() {
            self.set_reference(Basis {
                entry: self.data.current,
                scenario,
                overrides: Overrides::default(),
            });
        }
        self.data.sweep = None;
        self.refresh_sweep();
        dropped
    }

    /// Shows the next theme of the cycle.
    fn cycle_theme(&mut self) {
        let themes = &self.ui.themes;
        let i = themes
            .iter()
            .position(|t| t.name == self.ui.theme.name)
            .map_or(0, |i| (i + 1) % themes.len().max(1));
        if let Some(t) = themes.get(i) {
            self.ui.theme = *t;
        }
        let note = if self.ui.theme.color {
            ""
        } else {
            " (NO_COLOR is set: colours stay off)"
        };
        self.say(format!("theme: {}{note}", self.ui.theme.name));
    }

    /// Replaces the lever overrides (as if the user had set each lever), recording history;
    /// returns whether anything changed. Used to draw a state given on the command line.
    pub fn set_overrides(&mut self, overrides: Overrides) -> bool {
        self.apply(overrides)
    }

    /// Takes a finished Monte Carlo run; returns whether anything shown changed. Results of
    /// a generation no longer awaited are dropped.
    pub fn receive(&mut self, done: Done) -> bool {
        let mut used = false;
        for results in [&mut self.data.now, &mut self.data.reference] {
            if results.generation == done.generation && results.mc.is_none() {
                results.mc = Some(done.projection.clone());
                used = true;
            }
        }
        used
    }

    fn say(&mut self, text: String) {
        self.ui.status = Some(Status { text, error: false });
    }

    fn panel_index(&self) -> usize {
        Panel::ALL
            .iter()
            .position(|p| *p == self.ui.panel)
            .unwrap_or(0)
    }

    fn show_panel(&mut self, i: i64) {
        let n = Panel::ALL.len() as i64;
        self.ui.panel = Panel::ALL[i.rem_euclid(n) as usize];
    }

    fn move_lever(&mut self, d: i32) {
        let order = lever_order();
        let i = order.iter().position(|l| *l == self.ui.lever).unwrap_or(0) as i64;
        self.ui.lever = order[(i + i64::from(d)).clamp(0, order.len() as i64 - 1) as usize];
    }

    fn toggle(&mut self) {
        let id = self.ui.lever;
        match id.lever().kind {
            Kind::Bool | Kind::Choice(_) => self.step(id, 1),
            Kind::Number { .. } => {
                let keys = |a| {
                    super::keymap::first_key(Mode::Explore, a)
                        .map(|k| k.label())
                        .unwrap_or_default()
                };
                self.say(format!(
                    "{} is a number: step it with {} and {}",
                    id.key(),
                    keys(Action::Step(-1)),
                    keys(Action::Step(1))
                ));
            }
        }
    }

    /// Steps a lever one explorer step (numbers keep the shape of their distribution).
    fn step(&mut self, id: LeverId, dir: i32) {
        let lever = id.lever();
        let now = self.value(id);
        let to = lever.step(now.central(), dir);
        let next = match lever.kind {
            Kind::Number { .. } => shifted(now, to, lever.kind.range()),
            Kind::Bool | Kind::Choice(_) => Dist::Fixed(to),
        };
        let mut o = self.data.overrides.clone();
        // An override equal to the file's value is dropped, unless the file's schedule moves
        // the lever later (the override holds it for every year, which is a change).
        if next == self.scenario().levers[id as usize] && !self.is_scheduled(id) {
            o.remove(id);
        } else {
            o.set(id, next);
        }
        if self.apply(o) {
            let shown = lever.format_value(self.value(id).central());
            self.say(format!("{} = {}", id.key(), shown));
        } else {
            let edge = if dir < 0 { "lowest" } else { "highest" };
            self.say(format!("{} is at its {edge} value", id.key()));
        }
    }

    /// Replaces the overrides, recording history; returns whether anything changed.
    fn apply(&mut self, overrides: Overrides) -> bool {
        if overrides == self.data.overrides {
            return false;
        }
        let previous = std::mem::replace(&mut self.data.overrides, overrides);
        self.data.undo.push(previous);
        self.data.redo.clear();
        self.recompute();
        true
    }

    fn generation(&mut self) -> u64 {
        self.data.next_generation += 1;
        self.data.next_generation
    }

    /// Queues (or, inline, runs) the Monte Carlo for a slot's basis.
    fn request(&mut self, slot: Slot, generation: u64) {
        let results = match slot {
            Slot::Current => &self.data.now,
            Slot::Reference => &self.data.reference,
        };
        let job = Job {
            slot,
            generation,
            scenario: results.basis.scenario.clone(),
            overrides: results.basis.overrides.clone(),
            samples: self.data.settings.samples,
            seed: self.data.settings.seed,
        };
        if self.data.settings.inline {
            let done = worker::compute(&job);
            self.receive(done);
        } else {
            self.data.outbox.retain(|j| j.slot != slot);
            self.data.outbox.push(job);
        }
    }

    /// Re-projects the current state: the deterministic run now, the Monte Carlo queued.
    fn recompute(&mut self) {
        let basis = Basis {
            entry: self.data.current,
            scenario: self.scenario().clone(),
            overrides: self.data.overrides.clone(),
        };
        let generation = self.generation();
        self.data.now = Results {
            central: central_run(&basis),
            basis,
            generation,
            mc: None,
        };
        self.request(Slot::Current, generation);
    }

    /// Sets the comparison to a basis (reusing the current projection when it is the same).
    fn set_reference(&mut self, basis: Basis) {
        if basis.same_as(&self.data.now.basis) {
            self.data.reference = self.data.now.clone();
            if self.data.reference.mc.is_some() {
                return;
            }
            let generation = self.generation();
            self.data.reference.generation = generation;
            self.request(Slot::Reference, generation);
            return;
        }
        let generation = self.generation();
        self.data.reference = Results {
            central: central_run(&basis),
            basis,
            generation,
            mc: None,
        };
        self.request(Slot::Reference, generation);
    }

    fn pin_current(&mut self) {
        if self.data.pinned.is_some() && self.data.reference.basis.same_as(&self.data.now.basis) {
            self.unpin();
            return;
        }
        let basis = self.data.now.basis.clone();
        let label = basis.label();
        self.set_reference(basis);
        self.say(format!("pinned {label}: change levers to compare"));
        self.data.pinned = Some(Pinned { label });
    }

    fn pin_entry(&mut self, i: usize) {
        let Some(scenario) = self.data.entries.get(i).and_then(|e| e.scenario()).cloned() else {
            self.ui.status = Some(Status {
                text: "this file has problems: it cannot be pinned".into(),
                error: true,
            });
            return;
        };
        let basis = Basis {
            entry: i,
            scenario,
            overrides: Overrides::default(),
        };
        let label = basis.label();
        self.set_reference(basis);
        self.say(format!("pinned {label}"));
        self.data.pinned = Some(Pinned { label });
        self.ui.overlay = Overlay::None;
    }

    fn unpin(&mut self) {
        self.data.pinned = None;
        let basis = Basis {
            entry: self.data.current,
            scenario: self.scenario().clone(),
            overrides: Overrides::default(),
        };
        self.set_reference(basis);
        self.say("unpinned: comparing with the file's values".into());
    }

    /// Opens an entry of the picker; lever changes and their history are dropped.
    fn open(&mut self, i: usize) {
        let Some(scenario) = self.data.entries.get(i).and_then(|e| e.scenario()).cloned() else {
            self.ui.status = Some(Status {
                text: "this file has problems: fix them and restart to open it".into(),
                error: true,
            });
            return;
        };
        self.data.current = i;
        self.data.overrides = Overrides::default();
        self.data.undo.clear();
        self.data.redo.clear();
        self.ui.year = self.ui.year.clamp(scenario.first_year, scenario.last_year);
        let name = sanitize(&scenario.name);
        let basis = Basis {
            entry: i,
            scenario,
            overrides: Overrides::default(),
        };
        let generation = self.generation();
        self.data.now = Results {
            central: central_run(&basis),
            basis: basis.clone(),
            generation,
            mc: None,
        };
        self.request(Slot::Current, generation);
        if self.data.pinned.is_none() {
            self.set_reference(basis);
        }
        self.ui.overlay = Overlay::None;
        self.say(format!("opened {name}"));
    }

    /// Recomputes the tornado when the sensitivity panel is shown and its inputs changed.
    fn refresh_sweep(&mut self) {
        if self.ui.panel != Panel::Sensitivity {
            return;
        }
        let (generation, metric, year) = (self.data.now.generation, self.ui.metric, self.ui.year);
        if self
            .data
            .sweep
            .as_ref()
            .is_some_and(|s| s.generation == generation && s.metric == metric && s.year == year)
        {
            return;
        }
        let basis = &self.data.now.basis;
        let swings = sensitivity::sweep(&basis.scenario, &basis.overrides, metric, year);
        self.data.sweep = Some(Sweep {
            generation,
            metric,
            year,
            swings,
        });
    }
}

/// The year selected when a scenario opens: a few years in, where controls have bitten.
fn default_year(s: &Scenario) -> i32 {
    (s.first_year + 4).min(s.last_year)
}

/// The explorer: data and presentation state.
#[derive(Clone, Debug)]
pub struct App {
    pub data: Data,
    pub ui: UiState,
}
