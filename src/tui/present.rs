//! Presentation mode: plays a scenario's `story` one step at a time, for an audience. Each
//! step's lever changes apply cumulatively on top of the scenario's file values (step k is
//! steps 1..=k applied as overrides); the view shows the step's panel, its caption, a big
//! headline number and the change the step caused against the previous step.
//!
//! The mode never touches the explorer's state: a `Presentation` (held in `Mode::Present`)
//! keeps its own projections of the story's states, year, panel and tornado, and the panel
//! views draw it through a `Scene`, so leaving returns to the explorer exactly as it was
//! (levers, history, panel, pin, selection). `chipcast present` starts here and quits on
//! leaving. Moves (`Cue`s) arrive as `Action::Present` and are applied by `App::update`.
//!
//! Invariant: every projection shown is computed synchronously with the app's seed and sample
//! count when a step is first shown, and cached; nothing waits on the worker, so the same
//! file, seed and step always draw the same screen.

use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use crate::diag::{Diagnostic, sanitize};
use crate::model::metrics::MetricId;
use crate::model::montecarlo;
use crate::model::scenario::{Overrides, Scenario};
use crate::output::report;
use crate::scenario::story::{Compare, Panel, Slide};
use crate::scenario::{self, bundled};

use crate::model::levers::LeverId;
use crate::model::sensitivity;

use super::action::Action;
use super::app::{App, Basis, Mode, Pinned, Results, SENSITIVITY_METRICS, Scene, Settings, Sweep};
use super::theme::Theme;

/// A move in presentation mode (what a key asks of it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cue {
    /// Enter presentation mode on the open scenario (from the explorer).
    Enter,
    /// Enter at a step (from 0), the headline at the explorer's year; leaving quits
    /// (`chipcast present`).
    Start {
        /// The step to show first, counted from 0.
        step: usize,
    },
    /// The next step; with a step number typed, go to it.
    Next,
    /// The previous step; with a step number being typed, delete its last digit.
    Back,
    /// The first step.
    Home,
    /// The last step.
    End,
    /// Start typing a step number to go to.
    Jump,
    /// A digit of the step number.
    Digit(u8),
    /// Move the headline's year.
    Year(i8),
    /// Leave presentation mode (cancel a step number being typed first).
    Leave,
    /// Blank the screen, black or white (the keys clickers send for "blank screen"); any key
    /// brings the slide back.
    Blank(Shade),
    /// Bring the slide back after a blank (any key does, and does nothing else).
    Unblank,
}

/// What a blanked screen shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shade {
    /// All black (`b` and `.`).
    Black,
    /// All white (`w` and `,`).
    White,
}

/// The presentation state.
#[derive(Clone, Debug)]
pub struct Presentation {
    /// The scenario whose story plays, with its file values.
    pub scenario: Arc<Scenario>,
    /// The steps that play.
    pub story: Arc<[Slide]>,
    /// The step shown, from 0.
    pub index: usize,
    /// The step number being typed after `g`, if any.
    pub jump: Option<String>,
    /// Quit instead of returning to the explorer (started by `chipcast present`).
    pub exit_on_leave: bool,
    /// The entry of the explorer the scenario is.
    entry: usize,
    settings: Settings,
    /// The projection of each state of the story: 0 is the file's values, k is after step k.
    states: Vec<Option<Results>>,
    /// The shown step's projection and the previous one (the comparison).
    now: Results,
    previous: Results,
    /// What the shown step changed, drawn as the comparison's reason.
    overrides: Overrides,
    pinned: Option<Pinned>,
    /// The headline's year, the step's panel and the metric the tornado ranks for.
    year: i32,
    panel: Panel,
    metric: MetricId,
    sweep: Option<Sweep>,
    /// A blanked screen while set: the slide is kept, not drawn.
    pub blank: Option<Shade>,
    /// The explorer's pinned comparison when the presentation began, with its label: what
    /// `compare: pin` steps measure against.
    pin: Option<(Results, String)>,
    /// What the shown step's comparison is called ("step 2", "the scenario as written").
    against: String,
}

/// The big number of a step: the metric, its value in the year, the previous step's value.
#[derive(Clone, Debug, PartialEq)]
pub struct Headline {
    /// The metric shown: the step's own `metric`, else its panel's headline (`step_metric`).
    pub metric: MetricId,
    /// The year the value is read in: the step's `year`, else the horizon's last year (moved
    /// with `[` and `]`).
    pub year: i32,
    /// The median of the metric in the year with this step applied; `None` outside the horizon.
    pub value: Option<f64>,
    /// The same figure in what the step compares with (`compare`: the state after the
    /// previous step — the scenario as written at step 1 —, the file, or the pin).
    pub previous: Option<f64>,
    /// p10 and p90 of the value.
    pub band: Option<(f64, f64)>,
}

/// The overrides of state `k` of a story: steps 1..=k applied in order
/// ([`crate::scenario::story::cumulative`], shared with `export --story`).
pub fn cumulative(story: &[Slide], k: usize) -> Overrides {
    crate::scenario::story::cumulative(story, k)
}

/// The metric a step's headline shows: the one it names, else its panel's first
/// ([`Slide::headline_metric`], shared with `export --story`).
pub fn step_metric(step: &Slide) -> MetricId {
    step.headline_metric()
}

/// The bundled scenarios that have a story, for hints.
pub fn bundled_with_story() -> Vec<&'static str> {
    bundled::NAMES
        .iter()
        .copied()
        .filter(|n| {
            scenario::load(&scenario::Origin::Bundled(n)).is_ok_and(|l| !l.story.is_empty())
        })
        .collect()
}

fn no_story_hint() -> String {
    format!(
        "add a `story: [...]` of steps to the file (docs/scenario-format.md), or present a \
         bundled scenario that has one: {}",
        bundled_with_story().join(", ")
    )
}

impl Presentation {
    /// Presentation of `app`'s open scenario at step `index` (clamped). Each step's headline is
    /// read in the step's `year`, else in the horizon's last year, however presentation mode
    /// is entered. `None` when the scenario has no story.
    pub fn new(app: &App, index: usize, exit_on_leave: bool) -> Option<Presentation> {
        let scenario = app.scenario().clone();
        let story = app.story();
        if story.is_empty() {
            return None;
        }
        let n = story.len();
        let mut p = Presentation {
            scenario: scenario.clone(),
            story,
            index: 0,
            jump: None,
            exit_on_leave,
            entry: app.data.current,
            settings: app.data.settings,
            states: vec![None; n + 1],
            now: app.data.now.clone(),
            previous: app.data.reference.clone(),
            overrides: Overrides::default(),
            pinned: None,
            year: scenario.last_year,
            panel: Panel::Output,
            metric: SENSITIVITY_METRICS[0],
            sweep: None,
            blank: None,
            pin: app
                .data
                .pinned
                .as_ref()
                .map(|p| (app.data.reference.clone(), format!("the pin ({})", p.label))),
            against: String::new(),
        };
        p.show(index.min(n - 1));
        Some(p)
    }

    /// How many steps the story has.
    pub fn count(&self) -> usize {
        self.story.len()
    }

    /// The step shown.
    pub fn step(&self) -> &Slide {
        &self.story[self.index]
    }

    /// The shown step's caption, safe for the terminal and on one line.
    pub fn caption(&self) -> String {
        sanitize(&self.step().caption).replace(['\n', '\r', '\t'], " ")
    }

    /// The year the headline is for.
    pub fn year(&self) -> i32 {
        self.year
    }

    /// The shown step's projection (all steps so far applied).
    pub fn now(&self) -> &Results {
        &self.now
    }

    /// The shown step's panel.
    pub fn panel(&self) -> Panel {
        self.panel
    }

    /// What the step's panel draws from; `lever` is the explorer's selection (the tornado
    /// marks it).
    pub fn scene(&self, theme: Theme, lever: LeverId) -> Scene<'_> {
        Scene {
            theme,
            scenario: &self.scenario,
            year: self.year,
            lever,
            metric: self.metric,
            now: &self.now,
            reference: &self.previous,
            pinned: self.pinned.as_ref(),
            overrides: &self.overrides,
            sweep: self.sweep.as_ref(),
            sobol: None,
        }
    }

    /// The shown step's headline.
    pub fn headline(&self) -> Headline {
        let metric = step_metric(self.step());
        let year = self.year();
        let now = &self.now;
        let band = now.mc.as_ref().and_then(|p| {
            let b = p.band(metric);
            let i = usize::try_from(year - p.first_year).ok()?;
            Some((*b.p10.get(i)?, *b.p90.get(i)?))
        });
        Headline {
            metric,
            year,
            value: now.value(metric, year),
            previous: self.previous.value(metric, year),
            band,
        }
    }

    /// What the shown step compares with: "step 2", "the scenario as written" (before step 1,
    /// or `compare: file`), or the pin.
    pub fn previous_label(&self) -> String {
        self.against.clone()
    }

    /// The projection of state `k`, computed on first use (never by the worker: a step always
    /// draws the same screen, and nothing waits).
    fn state(&mut self, k: usize) -> Results {
        if let Some(r) = &self.states[k] {
            return r.clone();
        }
        let overrides = cumulative(&self.story, k);
        let settings = self.settings;
        let projection =
            montecarlo::simulate(&self.scenario, &overrides, settings.samples, settings.seed);
        let results = Results {
            basis: Basis {
                entry: self.entry,
                scenario: self.scenario.clone(),
                overrides,
            },
            // Computed here, never awaited from the worker: no generation to match.
            generation: 0,
            central: projection.central.clone(),
            mc: Some(Arc::new(projection)),
        };
        self.states[k] = Some(results.clone());
        results
    }

    /// Shows step `index` (from 0): its state against what it compares with, on its panel,
    /// with the headline in its year.
    fn show(&mut self, index: usize) {
        self.index = index;
        self.jump = None;
        self.now = self.state(index + 1);
        let step = self.step().clone();
        let written = "the scenario as written".to_string();
        let (previous, against, drawn) = match step.compare {
            Compare::Previous => (
                self.state(index),
                if index == 0 {
                    written
                } else {
                    format!("step {index}")
                },
                // The overrides drawn are what this step changed.
                {
                    let mut o = Overrides::default();
                    step.apply(&mut o);
                    o
                },
            ),
            Compare::File => (self.state(0), written, cumulative(&self.story, index + 1)),
            Compare::Pin => match &self.pin {
                Some((pinned, label)) => (
                    pinned.clone(),
                    label.clone(),
                    cumulative(&self.story, index + 1),
                ),
                None => (
                    self.state(0),
                    format!("{written} (nothing pinned)"),
                    cumulative(&self.story, index + 1),
                ),
            },
        };
        self.previous = previous;
        self.year = step
            .year
            .unwrap_or(self.scenario.last_year)
            .clamp(self.scenario.first_year, self.scenario.last_year);
        // The panels draw the comparison as their dashed line (nothing when it is the state
        // shown: a step that changes no lever against the previous one).
        self.pinned = (!drawn.is_empty() || step.compare == Compare::Pin).then(|| Pinned {
            label: against.clone(),
        });
        self.overrides = drawn;
        self.against = against;
        let metric = step_metric(&step);
        self.metric = if SENSITIVITY_METRICS.contains(&metric) {
            metric
        } else {
            SENSITIVITY_METRICS[0]
        };
        self.panel = step.panel;
        self.sweep = None;
        self.refresh_sweep();
    }

    /// The tornado of the shown step, when its panel is the sensitivity one.
    fn refresh_sweep(&mut self) {
        if self.panel != Panel::Sensitivity
            || self
                .sweep
                .as_ref()
                .is_some_and(|s| s.metric == self.metric && s.year == self.year)
        {
            return;
        }
        let basis = &self.now.basis;
        self.sweep = Some(Sweep {
            generation: self.now.generation,
            metric: self.metric,
            year: self.year,
            samples: self.settings.samples,
            swings: Some(Arc::new(sensitivity::sweep(
                &basis.scenario,
                &basis.overrides,
                self.metric,
                self.year,
                sensitivity::Basis {
                    samples: self.settings.samples,
                    seed: self.settings.seed,
                },
            ))),
        });
    }

    fn go(&mut self, index: usize) {
        self.show(index.min(self.count() - 1));
    }

    /// The step number typed so far, as a step index, if it is one.
    fn typed(&self) -> Option<usize> {
        let n: usize = self.jump.as_deref()?.parse().ok()?;
        Some(n.clamp(1, self.count()) - 1)
    }

    /// Applies a move within the story; returns whether the presentation is to be left.
    pub(crate) fn cue(&mut self, cue: Cue) -> bool {
        match cue {
            Cue::Enter | Cue::Start { .. } => {}
            Cue::Next => {
                if self.jump.is_some() {
                    let target = self.typed();
                    self.jump = None;
                    if let Some(i) = target {
                        self.go(i);
                    }
                } else {
                    self.go(self.index + 1);
                }
            }
            Cue::Back => match self.jump.as_mut() {
                Some(typed) => {
                    if typed.pop().is_none() {
                        self.jump = None;
                    }
                }
                None => self.go(self.index.saturating_sub(1)),
            },
            Cue::Home => self.go(0),
            Cue::End => self.go(self.count() - 1),
            Cue::Jump => self.jump = Some(String::new()),
            Cue::Digit(d) => {
                let typed = self.jump.get_or_insert_with(String::new);
                if typed.len() < 4 {
                    typed.push(char::from(b'0' + d.min(9)));
                }
                // Go at once when no longer number could be a step.
                if let Ok(n) = typed.parse::<usize>()
                    && n > 0
                    && n * 10 > self.count()
                    && let Some(i) = self.typed()
                {
                    self.go(i);
                }
            }
            Cue::Year(d) => {
                self.jump = None;
                let s = &self.scenario;
                self.year = (self.year + i32::from(d)).clamp(s.first_year, s.last_year);
                self.refresh_sweep();
            }
            Cue::Leave => return self.jump.take().is_none(),
            Cue::Blank(shade) => self.blank = Some(shade),
            Cue::Unblank => self.blank = None,
        }
        false
    }
}

/// `chipcast present` options.
#[derive(Clone, Debug)]
pub struct PresentOptions {
    /// A scenario file, or a bundled scenario's name.
    pub scenario: String,
    /// The step to start at, from 1.
    pub step: Option<usize>,
    /// Seed of the Monte Carlo (`--seed`): the same seed gives the same bands.
    pub seed: u64,
    /// Monte Carlo samples per step.
    pub samples: usize,
    /// More folders `extends` may read parents from (`--root`).
    pub roots: scenario::Roots,
    /// Colours and chart markers (`--theme`, `--markers`, `NO_COLOR`).
    pub theme: Theme,
}

/// Loads a scenario for presenting: diagnostics when it is broken, has no story, or has no
/// such step. Nothing touches the terminal.
pub fn load(opts: &PresentOptions) -> Result<App, Vec<Diagnostic>> {
    let origin = scenario::origin_of(&opts.scenario);
    let loaded = scenario::load_within(&origin, &opts.roots)?;
    let file = origin.display();
    let count = loaded.story.len();
    if count == 0 {
        return Err(vec![
            Diagnostic::file(file, "no-story", "the scenario has no story to present")
                .hint(no_story_hint()),
        ]);
    }
    if let Some(n) = opts.step
        && !(1..=count).contains(&n)
    {
        return Err(vec![
            Diagnostic::arg(
                format!("--step {n}"),
                "no-such-step",
                "--step",
                format!("the story has steps 1 to {count}"),
            )
            .expected(format!("a step from 1 to {count}")),
        ]);
    }
    let last_year = loaded.scenario.last_year;
    let entries = vec![super::ready_entry(origin, loaded)];
    let settings = Settings {
        seed: opts.seed,
        samples: opts.samples,
        ..Settings::default()
    };
    let no_story = || {
        vec![Diagnostic::file(
            &opts.scenario,
            "no-story",
            "no story to present",
        )]
    };
    let mut app = App::new(entries, settings, opts.theme).ok_or_else(no_story)?;
    let step = opts.step.unwrap_or(1) - 1;
    app.update(Action::SelectYear(last_year));
    app.update(Action::Present(Cue::Start { step }));
    match app.ui().mode {
        Mode::Present(_) => Ok(app),
        _ => Err(no_story()),
    }
}

/// `chipcast present SCENARIO [--step N]`: the story full screen; leaving quits.
pub fn run(opts: &PresentOptions) -> ExitCode {
    let started = Instant::now();
    let app = match load(opts) {
        Ok(app) => app,
        Err(diags) => {
            report(&diags);
            return ExitCode::from(1);
        }
    };
    super::exit_code(super::explore(app, started))
}

/// The most rows a caption takes on screen; longer captions are cut with an ellipsis.
pub const CAPTION_ROWS: usize = 3;

/// A caption wrapped at word boundaries into lines of at most `width` terminal columns (a word
/// longer than a line is cut).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    use crate::output::format::width as text_width;
    let width = width.max(1);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let word: String = crate::output::format::fit(word, width);
        let used = text_width(&line);
        if used > 0 && used + 1 + text_width(&word) > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `Panel::headline` (in `scenario::story`, shared with `export --story`) names the
    /// sensitivity panel's first ranked metric without reading the explorer's list.
    #[test]
    fn the_sensitivity_panels_headline_is_its_first_ranked_metric() {
        assert_eq!(Panel::Sensitivity.headline(), SENSITIVITY_METRICS[0]);
    }
}
