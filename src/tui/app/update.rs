//! `App::update`: the one place the explorer's state changes. Every action — a key, a click,
//! a finished Monte Carlo run, a reloaded file, a presentation move — is applied here or in
//! the functions it calls in this module's siblings (`present.rs`, `prompt.rs`, `reload.rs`).

use std::sync::Arc;

use crate::diag::sanitize;
use crate::model::levers::{Kind, LeverId};
use crate::model::path::central_path;
use crate::model::scenario::{Dist, Overrides, Scenario};
use crate::scenario::story::Panel;
use crate::tui::action::Action;
use crate::tui::keymap::{self, Scope};
use crate::tui::save;
use crate::tui::worker::{self, Done, Job, Slot};

use super::{
    App, Basis, Mode, Pinned, Results, SENSITIVITY_METRICS, Status, Sweep, central_run, lever_order,
};

impl App {
    /// Applies one action: the only place the explorer's state changes.
    pub fn update(&mut self, action: Action) {
        match action {
            Action::Quit => self.ui.quit = true,
            Action::Back => match self.ui.mode {
                Mode::Explore => self.ui.quit = true,
                _ => self.ui.mode = Mode::Explore,
            },
            Action::Resize(w, h) => self.ui.size = (w, h),
            Action::Present(cue) => self.present(cue),
            Action::CycleTheme => self.cycle_theme(),
            Action::Save => self.start_save(),
            Action::Export => {
                let said = save::export(self);
                self.say(said);
            }
            Action::PromptChar(c) => self.prompt_char(c),
            Action::PromptBackspace => self.prompt_backspace(),
            Action::PromptConfirm => self.prompt_confirm(),
            Action::PromptCancel => self.prompt_cancel(),
            Action::ToggleHelp => {
                self.ui.mode = match self.ui.mode {
                    Mode::Help { .. } => Mode::Explore,
                    _ => Mode::Help { scroll: 0 },
                }
            }
            Action::HelpScroll(d) => {
                if let Mode::Help { scroll } = &mut self.ui.mode {
                    *scroll = (i32::from(*scroll) + d).clamp(0, 200) as u16;
                }
            }
            Action::OpenPicker => self.ui.mode = Mode::Picker(self.data.current),
            Action::PickerMove(d) => {
                if let Mode::Picker(i) = self.ui.mode {
                    let last = self.data.entries.len().saturating_sub(1) as i64;
                    self.ui.mode = Mode::Picker((i as i64 + i64::from(d)).clamp(0, last) as usize);
                }
            }
            Action::PickerSelect(i) => {
                if i < self.data.entries.len() {
                    self.ui.mode = Mode::Picker(i);
                }
            }
            Action::PickerOpen => {
                if let Mode::Picker(i) = self.ui.mode {
                    self.open_asking(i);
                }
            }
            Action::OpenCompare => self.open_compare(),
            Action::CompareMove(d) => self.compare_move(d),
            Action::CompareColumn(d) => self.compare_column(d),
            Action::CompareOpen => self.compare_open(),
            Action::CompareComputed(done) => self.receive_compare(done),
            Action::PickerPin => {
                if let Mode::Picker(i) = self.ui.mode {
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
                    self.say(Status::info(format!(
                        "sensitivity metric: {}",
                        self.ui.metric.metric().label
                    )));
                }
            }
            Action::Explain => self.open_explanation(),
            Action::Record => self.toggle_recording(),
            Action::Describe => {
                self.ui.mode = Mode::Describe {
                    lines: crate::tui::describe::of_app(self),
                    scroll: 0,
                }
            }
            Action::DescribeScroll(d) => {
                if let Mode::Describe { lines, scroll } = &mut self.ui.mode {
                    let last = lines.len().saturating_sub(1) as i32;
                    *scroll = (i32::from(*scroll) + d).clamp(0, last.max(0)) as u16;
                }
            }
            Action::ExplainScroll(d) => {
                if let Mode::Explain(x) = &mut self.ui.mode {
                    x.scroll = (i32::from(x.scroll) + d).clamp(0, 200) as u16;
                }
            }
            Action::Pin => self.pin_current(),
            Action::Undo => match self.data.undo.pop() {
                Some(previous) => {
                    let now = std::mem::replace(&mut self.data.overrides, previous);
                    let what = describe_change(&self.data.overrides, &now);
                    self.data.redo.push(now);
                    self.say(Status::info(format!("undid {what}")));
                    self.recompute();
                }
                None => self.say(Status::info("nothing to undo")),
            },
            Action::Redo => match self.data.redo.pop() {
                Some(next) => {
                    let now = std::mem::replace(&mut self.data.overrides, next);
                    let what = describe_change(&now, &self.data.overrides);
                    self.data.undo.push(now);
                    self.say(Status::info(format!("redid {what}")));
                    self.recompute();
                }
                None => self.say(Status::info("nothing to redo")),
            },
            Action::ResetLever => {
                let id = self.ui.lever;
                let mut o = self.data.overrides.clone();
                o.remove(id);
                if self.apply(o) {
                    self.say(Status::info(format!(
                        "{} reset to the file's value",
                        id.key()
                    )));
                } else {
                    self.say(Status::info(format!(
                        "{} already has the file's value",
                        id.key()
                    )));
                }
            }
            Action::ResetAll => {
                if self.apply(Overrides::default()) {
                    self.say(Status::info("every lever reset to the file's values"));
                } else {
                    self.say(Status::info("every lever already has the file's value"));
                }
            }
            Action::ClearStatus => self.ui.status = None,
            Action::Computed(done) => self.receive(done),
            Action::SobolComputed(done) => self.receive_sensitivity(done),
            Action::Reloaded(reload) => self.reloaded(*reload),
            Action::WatchFailed(message) => self.say(Status::error(message)),
            Action::SetLevers(overrides) => {
                self.apply(overrides);
            }
        }
        self.note_recording();
        self.refresh_sweep();
        self.refresh_compare();
    }

    /// Opens an entry (from the picker or the compare view); when that drops lever changes,
    /// asks once first: the same request again confirms.
    pub(super) fn open_asking(&mut self, i: usize) {
        let n = self.data.overrides.len();
        if n > 0 && i != self.data.current && self.ui.drop_asked != Some(i) {
            self.ui.drop_asked = Some(i);
            let what = if n == 1 {
                "your 1 lever change".to_string()
            } else {
                format!("your {n} lever changes")
            };
            self.say(Status::error(format!(
                "opening it drops {what}: Enter again to open it, Esc to keep them (w saves them)"
            )));
        } else {
            self.ui.drop_asked = None;
            self.open(i);
        }
    }

    /// Swaps in a new version of the open scenario (its file or a parent was saved): lever
    /// changes stay wherever they still change something; the comparison follows the file
    /// unless something is pinned (a pin is a snapshot). Returns the levers whose change was
    /// dropped because the file now sets the same value.
    pub(super) fn reload_current(&mut self, scenario: Arc<Scenario>) -> Vec<LeverId> {
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
        self.say(Status::info(format!("theme: {}{note}", self.ui.theme.name)));
    }

    /// Takes a finished Monte Carlo run. Results of a generation no longer awaited are
    /// dropped.
    fn receive(&mut self, done: Done) {
        for results in [&mut self.data.now, &mut self.data.reference] {
            if results.generation == done.generation && results.mc.is_none() {
                results.mc = Some(done.projection.clone());
            }
        }
    }

    /// Shows a message in the footer: the one way a status is set.
    pub(super) fn say(&mut self, status: Status) {
        self.ui.status = Some(status);
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
                    keymap::first_key(Scope::Explore, a)
                        .map(|k| k.label())
                        .unwrap_or_default()
                };
                self.say(Status::info(format!(
                    "{} is a number: step it with {} and {}",
                    id.key(),
                    keys(Action::Step(-1)),
                    keys(Action::Step(1))
                )));
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
        // The change applies from the selected year on; earlier years keep what they had.
        let year = self.ui.year;
        let mut o = self.data.overrides.clone();
        if year <= self.scenario().first_year {
            o.set(id, next);
        } else {
            o.set_from(id, next, year);
        }
        // A change that leaves the lever's path as the file has it is no change at all.
        if self.follows_file(&o, id) {
            o.remove(id);
        }
        if self.apply(o) {
            let shown = lever.format_value(self.value(id).central());
            self.say(Status::info(format!(
                "{} = {shown}{}",
                id.key(),
                self.since_text(year)
            )));
        } else {
            let edge = if dir < 0 { "lowest" } else { "highest" };
            self.say(Status::info(format!("{} is at its {edge} value", id.key())));
        }
    }

    /// " from YEAR" for a change made in `year`, or nothing when it covers the whole horizon.
    fn since_text(&self, year: i32) -> String {
        if year <= self.scenario().first_year {
            String::new()
        } else {
            format!(" from {year}")
        }
    }

    /// Whether, under `o`, lever `id` follows the file in every year: the same central values
    /// (dated changes blended by month as the model blends them) and the same distributions.
    fn follows_file(&self, o: &Overrides, id: LeverId) -> bool {
        let s = self.scenario();
        let mut without = o.clone();
        without.remove(id);
        let (with, file) = (central_path(s, o), central_path(s, &without));
        (0..with.years()).all(|i| with.get(id, i) == file.get(id, i))
            && s.years()
                .all(|y| o.in_force(id, y).is_none_or(|d| d == s.setting_in(id, y)))
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

    pub(super) fn generation(&mut self) -> u64 {
        self.data.next_generation += 1;
        self.data.next_generation
    }

    /// Queues (or, inline, runs) the Monte Carlo for a slot's basis.
    pub(super) fn request(&mut self, slot: Slot, generation: u64) {
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
        self.say(Status::info(format!(
            "pinned {label}: change levers to compare"
        )));
        self.data.pinned = Some(Pinned { label });
    }

    fn pin_entry(&mut self, i: usize) {
        let Some(scenario) = self.data.entries.get(i).and_then(|e| e.scenario()).cloned() else {
            self.say(Status::error("this file has problems: it cannot be pinned"));
            return;
        };
        let basis = Basis {
            entry: i,
            scenario,
            overrides: Overrides::default(),
        };
        let label = basis.label();
        self.set_reference(basis);
        self.say(Status::info(format!("pinned {label}")));
        self.data.pinned = Some(Pinned { label });
        self.ui.mode = Mode::Explore;
    }

    fn unpin(&mut self) {
        self.data.pinned = None;
        let basis = Basis {
            entry: self.data.current,
            scenario: self.scenario().clone(),
            overrides: Overrides::default(),
        };
        self.set_reference(basis);
        self.say(Status::info("unpinned: comparing with the file's values"));
    }

    /// Opens an entry of the picker; lever changes and their history are dropped.
    pub(super) fn open(&mut self, i: usize) {
        let Some(scenario) = self.data.entries.get(i).and_then(|e| e.scenario()).cloned() else {
            self.say(Status::error(
                "this file has problems: fix them and restart to open it",
            ));
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
        self.ui.mode = Mode::Explore;
        self.say(Status::info(format!("opened {name}")));
    }

    /// Asks for the tornado and the Sobol ranking when the sensitivity panel is shown and
    /// their inputs changed (computed on the spot when inline, else on the sensitivity thread).
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
        let job = crate::tui::sobol::SobolJob {
            generation,
            scenario: basis.scenario.clone(),
            overrides: basis.overrides.clone(),
            metric,
            year,
            samples: crate::model::sobol::DEFAULT_SOBOL_SAMPLES,
            tornado: true,
            tornado_samples: self.data.settings.samples,
            seed: self.data.settings.seed,
        };
        self.data.sweep = Some(Sweep {
            generation,
            metric,
            year,
            samples: job.tornado_samples,
            swings: None,
        });
        self.data.sobol = Some(super::SobolView {
            generation,
            metric,
            year,
            ranking: None,
        });
        if self.data.settings.inline {
            self.receive_sensitivity(crate::tui::sobol::tornado(&job));
            self.receive_sensitivity(crate::tui::sobol::compute(&job));
        } else {
            self.data.sobol_outbox = Some(job);
        }
    }

    /// Takes a tornado or a ranking from the sensitivity thread, unless the panel has moved
    /// on to another state, metric or year.
    fn receive_sensitivity(&mut self, done: crate::tui::sobol::SobolDone) {
        let key = (done.generation, done.metric, done.year);
        match done.answer {
            crate::tui::sobol::Answer::Tornado(swings) => {
                if let Some(sweep) = &mut self.data.sweep
                    && (sweep.generation, sweep.metric, sweep.year) == key
                {
                    sweep.swings = Some(swings);
                }
            }
            crate::tui::sobol::Answer::Ranking(ranking) => {
                if let Some(view) = &mut self.data.sobol
                    && (view.generation, view.metric, view.year) == key
                {
                    view.ranking = ranking;
                }
            }
        }
    }
}

/// A distribution moved so that its central value is `to`, keeping its shape, within `range`.
fn shifted(d: Dist, to: f64, (lo, hi): (f64, f64)) -> Dist {
    let delta = to - d.central();
    // Tidied, so a shifted bound is the decimal it looks like (0.15, not 0.15000000000000002).
    let clamp = |v: f64| crate::model::levers::tidy(v + delta).clamp(lo, hi);
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

/// What going from `before` to `after` changed, in words: "hub_enforcement 0.9 from 2027",
/// "hbm_controls back to the file", several joined by commas.
fn describe_change(before: &Overrides, after: &Overrides) -> String {
    let mut parts: Vec<String> = Vec::new();
    for o in after.iter().filter(|o| !before.iter().any(|b| b == *o)) {
        let lever = o.lever.lever();
        let from = o.from.map(|y| format!(" from {y}")).unwrap_or_default();
        parts.push(format!(
            "{} {}{from}",
            o.lever.key(),
            lever.format_value(o.value.central())
        ));
    }
    for o in before.iter() {
        let gone = after.of(o.lever).next().is_none();
        let named = parts
            .iter()
            .any(|p| p.starts_with(&format!("{} ", o.lever.key())));
        if gone && !named {
            parts.push(format!("the reset of {}", o.lever.key()));
        }
    }
    parts.dedup();
    if parts.is_empty() {
        "a change".to_string()
    } else {
        parts.join(", ")
    }
}
