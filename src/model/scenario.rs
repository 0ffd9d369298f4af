//! The checked `Scenario`: plain data whose invariants hold, produced from a file by the
//! scenario loader (`scenario::validate`) and consumed by the model. No serde, no I/O.
//!
//! Invariants (established by the resolver, relied on by the model):
//! - `MIN_YEAR <= first_year <= last_year <= MAX_YEAR`;
//! - every value and distribution lies within its lever's range, with finite parameters;
//! - `schedule` is sorted by (year, month), every entry lies within the horizon and every
//!   month is in 1..=12;
//! - volatility probabilities lie in `[0, 1]`.

use std::collections::BTreeMap;

use super::levers::{LEVER_COUNT, LEVERS, LeverId};

/// Earliest year a horizon may start.
pub const MIN_YEAR: i32 = 2020;
/// Latest year a horizon may end.
pub const MAX_YEAR: i32 = 2050;
/// Default horizon.
pub const DEFAULT_HORIZON: (i32, i32) = (2024, 2032);

/// A lever's value: fixed, or a distribution over its range for the Monte Carlo.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Dist {
    /// One value, in the lever's encoding (a bool's 0 or 1, a choice's index, a number in its
    /// unit); every sample takes it.
    Fixed(f64),
    /// Every value between `low` and `high` equally likely.
    Uniform {
        /// The lowest value, in the lever's unit, within its range.
        low: f64,
        /// The highest value, in the lever's unit, within its range (a file's is above `low`).
        high: f64,
    },
    /// A triangle from `low` to `high` peaking at `mode`; the deterministic run uses `mode`.
    Triangular {
        /// The lowest value, in the lever's unit, within its range.
        low: f64,
        /// The most likely value, in `low..=high`.
        mode: f64,
        /// The highest value, in the lever's unit, within its range.
        high: f64,
    },
    /// A normal distribution truncated to the lever's range.
    Normal {
        /// The centre, in the lever's unit, within its range; the deterministic run uses it.
        mean: f64,
        /// The standard deviation before truncation, in the lever's unit; positive in a file
        /// (0 or less gives the mean alone).
        sd: f64,
    },
}

/// How [`Dist::text`] spells a distribution: the words around its numbers, one array per kind
/// (`fixed` has the text before and after its value, `uniform` before, between and after its
/// two, and so on).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DistSpelling {
    /// The text before and after a fixed value.
    pub fixed: [&'static str; 2],
    /// The text before `low`, between `low` and `high`, and after `high`.
    pub uniform: [&'static str; 3],
    /// The text before `low`, between `low` and `mode`, between `mode` and `high`, and after
    /// `high`.
    pub triangular: [&'static str; 4],
    /// The text before `mean`, between `mean` and `sd`, and after `sd`.
    pub normal: [&'static str; 3],
}

impl DistSpelling {
    /// As a scenario file writes it: `0.25`, `Uniform(low: 1, high: 2)`,
    /// `Triangular(low: 1, mode: 2, high: 3)`, `Normal(mean: 0.3, sd: 0.05)`.
    pub const RON: DistSpelling = DistSpelling {
        fixed: ["", ""],
        uniform: ["Uniform(low: ", ", high: ", ")"],
        triangular: ["Triangular(low: ", ", mode: ", ", high: ", ")"],
        normal: ["Normal(mean: ", ", sd: ", ")"],
    };
    /// Exact and unambiguous, for hashing: `Fixed(0.25)`, `Uniform(0.1,0.3)`,
    /// `Triangular(1,2,3)`, `Normal(0.3,0.05)`.
    pub const CANONICAL: DistSpelling = DistSpelling {
        fixed: ["Fixed(", ")"],
        uniform: ["Uniform(", ",", ")"],
        triangular: ["Triangular(", ",", ",", ")"],
        normal: ["Normal(", ",", ")"],
    };
    /// For tables: `0.25`, `Uniform(2M..2.9M)`, `Triangular(7.5, mode 10, 15)`,
    /// `Normal(mean 0.3, sd 0.05)`.
    pub const TABLE: DistSpelling = DistSpelling {
        fixed: ["", ""],
        uniform: ["Uniform(", "..", ")"],
        triangular: ["Triangular(", ", mode ", ", ", ")"],
        normal: ["Normal(mean ", ", sd ", ")"],
    };
    /// For a line of prose on screen: `0.25`, `uniform 2–3`, `triangular 1–2–3`,
    /// `normal 0.3 ± 0.05`.
    pub const PROSE: DistSpelling = DistSpelling {
        fixed: ["", ""],
        uniform: ["uniform ", "–", ""],
        triangular: ["triangular ", "–", "–", ""],
        normal: ["normal ", " ± ", ""],
    };
}

impl Dist {
    /// The value the deterministic run uses: the fixed value, the midpoint, the mode or the
    /// mean.
    pub fn central(self) -> f64 {
        match self {
            Dist::Fixed(v) => v,
            Dist::Uniform { low, high } => 0.5 * (low + high),
            Dist::Triangular { mode, .. } => mode,
            Dist::Normal { mean, .. } => mean,
        }
    }

    /// The distribution as text: `spelling`'s words around each number, written by `number`.
    /// The one place a `Dist` becomes text; every front end and the file writer use it.
    pub fn text(self, spelling: &DistSpelling, number: impl Fn(f64) -> String) -> String {
        let (words, values): (&[&str], &[f64]) = match &self {
            Dist::Fixed(v) => (&spelling.fixed, std::slice::from_ref(v)),
            Dist::Uniform { low, high } => (&spelling.uniform, &[*low, *high]),
            Dist::Triangular { low, mode, high } => (&spelling.triangular, &[*low, *mode, *high]),
            Dist::Normal { mean, sd } => (&spelling.normal, &[*mean, *sd]),
        };
        let mut out = String::from(words[0]);
        for (value, word) in values.iter().zip(&words[1..]) {
            out.push_str(&number(*value));
            out.push_str(word);
        }
        out
    }

    /// Whether sampling can give more than one value.
    pub fn is_uncertain(self) -> bool {
        !matches!(self, Dist::Fixed(_))
    }

    /// The distribution's median: the value itself, the midpoint, the triangular median, or
    /// the mean (clamped to `range`, as [`Dist::p10_p90`] clamps a normal's percentiles).
    pub fn median(self, range: (f64, f64)) -> f64 {
        match self {
            Dist::Fixed(v) => v,
            Dist::Uniform { low, high } => 0.5 * (low + high),
            Dist::Triangular { low, mode, high } => triangular_quantile(low, mode, high, 0.5),
            Dist::Normal { mean, .. } => mean.clamp(range.0, range.1.max(range.0)),
        }
    }

    /// The distribution's 10th and 90th percentiles (used to swing levers in sensitivity).
    pub fn p10_p90(self, range: (f64, f64)) -> (f64, f64) {
        match self {
            Dist::Fixed(v) => (v, v),
            Dist::Uniform { low, high } => (low + 0.1 * (high - low), low + 0.9 * (high - low)),
            Dist::Triangular { low, mode, high } => (
                triangular_quantile(low, mode, high, 0.1),
                triangular_quantile(low, mode, high, 0.9),
            ),
            Dist::Normal { mean, sd } => (
                (mean - 1.2816 * sd).clamp(range.0, range.1),
                (mean + 1.2816 * sd).clamp(range.0, range.1),
            ),
        }
    }
}

/// The `p` quantile of a triangular distribution (the mode when `high <= low`).
fn triangular_quantile(low: f64, mode: f64, high: f64, p: f64) -> f64 {
    if high <= low {
        return mode;
    }
    let f = (mode - low) / (high - low).max(f64::MIN_POSITIVE);
    if p < f {
        low + ((high - low) * (mode - low) * p).sqrt()
    } else {
        high - ((high - low) * (high - mode) * (1.0 - p)).sqrt()
    }
}

/// A dated policy change: from `month` of `year` on, the levers take the given values.
///
/// The model is yearly: in the change's own year a lever's value is the month-weighted mean
/// of the settings in force (see `model::path`).
#[derive(Clone, Debug, PartialEq)]
pub struct PolicyChange {
    /// The calendar year the change takes effect, within the scenario's horizon.
    pub year: i32,
    /// The first month (1 = January, the whole year; 12 = December) the change is in force.
    pub month: u8,
    /// What the change is, as the file names it (e.g. "Full denial"); shown on the time axis
    /// and in the schedule.
    pub label: String,
    /// The levers the change sets and their new values (each within its lever's range).
    pub set: Vec<(LeverId, Dist)>,
}

impl PolicyChange {
    /// When the change starts, for display: `2025` for a whole year, `Apr 2025` from a month.
    pub fn when(&self) -> String {
        when(self.year, self.month)
    }
}

/// A change's start for display: `2025` for January (the whole year), `Apr 2025` from a month.
pub fn when(year: i32, month: u8) -> String {
    if month <= 1 {
        year.to_string()
    } else {
        format!("{} {}", month_name(month), year)
    }
}

/// The three-letter English name of a month (1 = `Jan`); `?` outside 1..=12.
pub fn month_name(month: u8) -> &'static str {
    const NAMES: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    NAMES
        .get(usize::from(month).wrapping_sub(1))
        .copied()
        .unwrap_or("?")
}

/// An observed figure a chart shows beside the projection: a metric's value (or the range
/// the sources give) in a year, with the key of its citation. Shown, never fitted to.
#[derive(Clone, Debug, PartialEq)]
pub struct Observation {
    /// The metric observed.
    pub metric: crate::model::metrics::MetricId,
    /// The calendar year of the figure.
    pub year: i32,
    /// The low end of the range (equal to `high` for a single value), in the metric's unit.
    pub low: f64,
    /// The high end of the range, in the metric's unit.
    pub high: f64,
    /// The key of the citation in the scenario's `sources`.
    pub source: String,
}

/// A marker on the time axis.
#[derive(Clone, Debug, PartialEq)]
pub struct Annotation {
    /// The calendar year the marker stands at.
    pub year: i32,
    /// The marker's text (e.g. "Denial regime starts").
    pub label: String,
}

/// The odds of the policy regimes the Monte Carlo samples: US accelerator policy
/// (`chip_exports`) and Beijing's acceptance of US accelerators (`import_block`). Each is a
/// Markov chain per sample that leaves the dated path, stays away, and may come back
/// (docs/model.md, "Lever paths", states the chain).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Volatility {
    /// Probability per year that US accelerator policy moves one step (tighter or looser);
    /// scaled by `policy_volatility`.
    pub us_policy_switch: f64,
    /// Probability per year that China's acceptance flips; scaled by `policy_volatility`.
    pub china_acceptance_flip: f64,
    /// Probability per year that a US policy that has left the dated path returns to it.
    pub us_policy_revert: f64,
    /// Probability per year that a departed acceptance returns to the dated path.
    pub china_acceptance_revert: f64,
    /// Probability that a sampled US easing is met in the same year by a Chinese restriction
    /// (`import_block` on for that year).
    pub china_counter: f64,
}

impl Volatility {
    /// What a file that sets no `volatility` gets: no switches, and for the regime fields the
    /// documented defaults (docs/scenario-format.md): a departed regime returns with
    /// probability 0.3 a year, a judgement; each US easing is met by a Chinese restriction
    /// with probability 0.75, the rule of succession on a record of two easings met twice
    /// (H20 resumption and the CAC stop-order, [36kr_ue8m0_2025]; H200 approval and the
    /// customs block, [technewsday_h200_customs_2026]).
    pub const DEFAULT: Volatility = Volatility {
        us_policy_switch: 0.0,
        china_acceptance_flip: 0.0,
        us_policy_revert: 0.3,
        china_acceptance_revert: 0.3,
        china_counter: 0.75,
    };
}

impl Default for Volatility {
    fn default() -> Volatility {
        Volatility::DEFAULT
    }
}

/// A validated scenario.
#[derive(Clone, Debug, PartialEq)]
pub struct Scenario {
    /// The scenario's name as its file gives it, shown in headers and pickers.
    pub name: String,
    /// What the scenario asks, in the file's words; may span lines, empty if not given.
    pub description: String,
    /// Where it came from, for display ("scenarios/baseline.ron" or "bundled:baseline").
    pub file: String,
    /// The first projected year, in `MIN_YEAR..=last_year`.
    pub first_year: i32,
    /// The last projected year, in `first_year..=MAX_YEAR`.
    pub last_year: i32,
    /// Each lever's value from the first year on (the table default where no file sets it).
    pub levers: [Dist; LEVER_COUNT],
    /// Which levers the file chain sets explicitly.
    pub set_by_file: [bool; LEVER_COUNT],
    /// The source key each lever value cites, if any.
    pub citations: [Option<String>; LEVER_COUNT],
    /// Dated changes, sorted by (year, month).
    pub schedule: Vec<PolicyChange>,
    /// The odds of the policy regimes the Monte Carlo samples ([`Volatility::DEFAULT`] when
    /// no file in the chain sets them).
    pub volatility: Volatility,
    /// Markers on the time axis, from this file and its ancestors.
    pub annotations: Vec<Annotation>,
    /// Observed figures charts draw beside the projection, from this file and its ancestors.
    pub observations: Vec<Observation>,
    /// Citations lever values may name, key to citation text, from this file and its
    /// ancestors (e.g. `"ms"` to "Morgan Stanley via igobyte, 2025-09 [...]").
    pub sources: BTreeMap<String, String>,
}

impl Scenario {
    /// A scenario that sets nothing: lever defaults over the default horizon.
    pub fn defaults(name: &str) -> Scenario {
        Scenario {
            name: name.to_string(),
            description: String::new(),
            file: String::new(),
            first_year: DEFAULT_HORIZON.0,
            last_year: DEFAULT_HORIZON.1,
            levers: std::array::from_fn(|i| Dist::Fixed(LEVERS[i].default)),
            set_by_file: [false; LEVER_COUNT],
            citations: std::array::from_fn(|_| None),
            schedule: Vec::new(),
            volatility: Volatility::default(),
            annotations: Vec::new(),
            observations: Vec::new(),
            sources: BTreeMap::new(),
        }
    }

    /// The setting of a lever in force in `year` by the scenario alone: its first-year value,
    /// or the last dated change of it made in `year` or before. (Within a change's own year
    /// the model blends the settings by month; this is the setting from then on.)
    pub fn setting_in(&self, id: LeverId, year: i32) -> Dist {
        self.schedule
            .iter()
            .filter(|c| c.year <= year)
            .flat_map(|c| c.set.iter())
            .rfind(|(l, _)| *l == id)
            .map_or(self.levers[id as usize], |(_, d)| *d)
    }

    /// When the scenario's dated changes set a lever (year, first month), with the value set,
    /// in schedule order.
    pub fn changes_of(&self, id: LeverId) -> Vec<(i32, u8, Dist)> {
        self.schedule
            .iter()
            .flat_map(|c| c.set.iter().map(move |(l, d)| (c, *l, *d)))
            .filter(|(_, l, _)| *l == id)
            .map(|(c, _, d)| (c.year, c.month, d))
            .collect()
    }

    /// The years of the horizon, first to last.
    pub fn years(&self) -> impl Iterator<Item = i32> + Clone {
        self.first_year..=self.last_year
    }

    /// The number of years in the horizon (`last_year - first_year + 1`).
    pub fn year_count(&self) -> usize {
        (self.last_year - self.first_year + 1) as usize
    }
}

/// One override: from `from` on (every year when `None`), `lever` takes `value` instead of
/// what the scenario says.
///
/// Years before `from` keep exactly the scenario's own path (its value and its dated changes);
/// from `from` on the lever takes `value`, and the scenario's later dated changes of it are
/// ignored. A start at or before the horizon's first year is the same as `None`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Override {
    /// The lever overridden.
    pub lever: LeverId,
    /// The value it takes instead of the scenario's, within the lever's range.
    pub value: Dist,
    /// The first year the override applies; `None` is the whole horizon.
    pub from: Option<i32>,
}

/// Lever values set over whatever the scenario says (from `--set` or the explorer), each for
/// the whole horizon or from a year on. Later entries win.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Overrides(
    /// The overrides in the order set; where a lever appears twice, the later entry wins.
    pub Vec<Override>,
);

impl Overrides {
    /// The value a lever is overridden with, whatever year the override starts in.
    pub fn get(&self, id: LeverId) -> Option<Dist> {
        self.entry(id).map(|o| o.value)
    }

    /// The override of a lever, if any (the last one set).
    pub fn entry(&self, id: LeverId) -> Option<Override> {
        self.0.iter().rev().find(|o| o.lever == id).copied()
    }

    /// Sets a lever for every year, replacing any earlier override of it.
    pub fn set(&mut self, id: LeverId, value: Dist) {
        self.push(Override {
            lever: id,
            value,
            from: None,
        });
    }

    /// Sets a lever from `year` on: earlier years keep what they had (the scenario's path,
    /// or an override of the lever from an earlier year), and overrides of it from `year` or
    /// later are replaced.
    pub fn set_from(&mut self, id: LeverId, value: Dist, year: i32) {
        self.0
            .retain(|e| e.lever != id || e.from.is_some_and(|from| from < year));
        self.0.push(Override {
            lever: id,
            value,
            from: Some(year),
        });
    }

    fn push(&mut self, o: Override) {
        self.0.retain(|e| e.lever != o.lever);
        self.0.push(o);
    }

    /// The override of a lever in force in `year`, if any: the last one set that starts by
    /// then (as the model applies them: a later entry wins from its first year).
    pub fn in_force(&self, id: LeverId, year: i32) -> Option<Dist> {
        self.entry_in_force(id, year).map(|o| o.value)
    }

    /// The override of a lever in force in `year`, with the year it starts (see
    /// [`Overrides::in_force`]).
    pub fn entry_in_force(&self, id: LeverId, year: i32) -> Option<Override> {
        self.0
            .iter()
            .rev()
            .find(|o| o.lever == id && o.from.is_none_or(|from| from <= year))
            .copied()
    }

    /// Every override of a lever, in the order set.
    pub fn of(&self, id: LeverId) -> impl Iterator<Item = &Override> {
        self.0.iter().filter(move |o| o.lever == id)
    }

    /// Drops any override of a lever, so it follows the scenario again.
    pub fn remove(&mut self, id: LeverId) {
        self.0.retain(|o| o.lever != id);
    }

    /// Whether no lever is overridden.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The number of entries.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// The overrides in the order set.
    pub fn iter(&self) -> impl Iterator<Item = &Override> {
        self.0.iter()
    }
}

/// Whole-horizon overrides from `(lever, value)` pairs, in order (later pairs win).
impl FromIterator<(LeverId, Dist)> for Overrides {
    fn from_iter<I: IntoIterator<Item = (LeverId, Dist)>>(iter: I) -> Overrides {
        Overrides(
            iter.into_iter()
                .map(|(lever, value)| Override {
                    lever,
                    value,
                    from: None,
                })
                .collect(),
        )
    }
}
