//! Lever paths: the value of every lever in every year of one realization of a scenario.
//!
//! A path is what the projection reads. `central_path` puts every distribution at its central
//! value; `sample_path` draws each distribution once per realization and, scaled by the
//! `policy_volatility` lever, samples regime switches in US accelerator policy and in China's
//! acceptance of US accelerators. Nothing here computes model outputs.
//!
//! Rules (also in docs/model.md, "Lever paths"):
//! - a lever takes the scenario's value from the first year and each dated change from its
//!   year on; an override replaces both the value and the schedule for every year, or, when
//!   it starts in a year, from that year on (earlier years keep the scenario's path);
//! - bool and choice levers are snapped to a whole option (a bool is on at 0.5 and above);
//! - regime switches start in [`FIRST_VOLATILE_YEAR`] and never touch an overridden lever in
//!   the years its override covers.

use rand::Rng;
use rand_distr::{Distribution, StandardNormal};

use super::lanes::{Lanes, Num};
use super::levers::{Kind, LEVER_COUNT, LEVERS, LeverId};
use super::scenario::{Dist, MAX_YEAR, MIN_YEAR, Override, Overrides, Scenario};

/// The first year in which policy switches are sampled. Policy up to January 2026 is known
/// (the dated record in `model::sources` ends with the January 2026 customs block,
/// `technewsday_h200_customs_2026`), so earlier years follow the dated path only.
pub const FIRST_VOLATILE_YEAR: i32 = 2026;

/// One lever's setting held at a value, for a one-at-a-time swing: the setting of `lever` in
/// force in `year` (the scenario's value, a dated change or an override: whichever covers the
/// year's last month) takes `value` over every month it covers. Earlier and later settings
/// of the lever are kept, and the held setting still takes its draw where it would, so every
/// other value of a realization is the one it has without the hold.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Hold {
    /// The lever held.
    pub lever: LeverId,
    /// A year of the horizon: the setting in force at its end is the one held.
    pub year: i32,
    /// The value held, in the lever's encoding (snapped to what the lever holds).
    pub value: f64,
}

/// The per-year lever values of one realization.
#[derive(Clone, Debug, PartialEq)]
pub struct LeverPath {
    /// The calendar year of the first row of `values`.
    pub first_year: i32,
    /// One row per year, first year first; each row is indexed by `LeverId as usize`.
    pub values: Vec<[f64; LEVER_COUNT]>,
}

impl LeverPath {
    /// The value of a lever in a year of the path (`year_index` 0 is `first_year`).
    ///
    /// Panics if `year_index` is past the end of the path.
    pub fn get(&self, id: LeverId, year_index: usize) -> f64 {
        self.values[year_index][id as usize]
    }

    /// The number of years in the path.
    pub fn years(&self) -> usize {
        self.values.len()
    }

    /// The last year of the path.
    pub fn last_year(&self) -> i32 {
        self.first_year + self.values.len() as i32 - 1
    }

    /// An empty path, to be filled by [`sample_path_into`].
    pub fn empty() -> LeverPath {
        LeverPath {
            first_year: 0,
            values: Vec::new(),
        }
    }
}

/// Where a realization's draws come from: one generator for a single path (`f64`), or one
/// generator per lane when a batch of samples is drawn side by side ([`Lanes`]). Each lane's
/// generator sees the same calls in the same order as a single path's would, so every lane
/// gets exactly the values its sample gets when drawn alone; drawing the lanes together only
/// lets their independent generators run at the same time.
pub trait Draws<T: Num> {
    /// The generator each lane draws from.
    type Rng: Rng;
    /// One value per lane: `f` called with that lane's generator.
    fn each(&mut self, f: impl FnMut(&mut Self::Rng) -> f64) -> T;

    /// One uniform in [0, 1) per lane (`rng.random::<f64>()`).
    #[inline(always)]
    fn uniform(&mut self) -> T {
        self.each(|rng| rng.random())
    }
}

impl<R: Rng> Draws<f64> for R {
    type Rng = R;
    #[inline(always)]
    fn each(&mut self, mut f: impl FnMut(&mut R) -> f64) -> f64 {
        f(self)
    }
}

impl<R: Rng, const N: usize> Draws<Lanes<N>> for [R; N] {
    type Rng = R;
    #[inline(always)]
    fn each(&mut self, mut f: impl FnMut(&mut R) -> f64) -> Lanes<N> {
        Lanes(std::array::from_fn(|lane| f(&mut self[lane])))
    }
}

/// Snaps a value to what its lever can hold: clamped to the range, whole for bools and choices.
pub(crate) fn snap(id: LeverId, value: f64) -> f64 {
    let kind = Snap::of(id);
    let (lo, hi) = LEVERS[id as usize].kind.range();
    kind.apply(lo, hi, value)
}

/// What snapping does for a lever's kind, without the lever table (so a draw's lanes can be
/// snapped in a vector loop).
#[derive(Clone, Copy, Debug)]
enum Snap {
    Bool,
    Choice,
    Number,
}

impl Snap {
    fn of(id: LeverId) -> Snap {
        match LEVERS[id as usize].kind {
            Kind::Bool => Snap::Bool,
            Kind::Choice(_) => Snap::Choice,
            Kind::Number { .. } => Snap::Number,
        }
    }

    #[inline(always)]
    fn apply(self, lo: f64, hi: f64, value: f64) -> f64 {
        let v = if value.is_finite() { value } else { lo };
        match self {
            Snap::Bool => {
                if v >= 0.5 {
                    1.0
                } else {
                    0.0
                }
            }
            Snap::Choice => v.round().clamp(lo, hi),
            Snap::Number => v.clamp(lo, hi),
        }
    }
}

/// Every distribution at its central value, the schedule applied, overrides on top.
pub fn central_path(s: &Scenario, o: &Overrides) -> LeverPath {
    central_held(s, o, None)
}

/// [`central_path`] with a setting held (see [`Hold`]).
pub fn central_held(s: &Scenario, o: &Overrides, hold: Option<Hold>) -> LeverPath {
    let years = s.year_count();
    let writes = layout(s, o, years, hold);
    let mut path = LeverPath {
        first_year: s.first_year,
        values: vec![[0.0; LEVER_COUNT]; years],
    };
    for w in &writes {
        let v = match w.origin {
            Origin::Fixed(v) | Origin::Held(_, v) => v,
            Origin::Draw(d) => snap(w.id, d.central),
        };
        w.put(v, &mut path.values);
    }
    path
}

/// One Monte Carlo realization: each distribution drawn once (a normal is truncated to its
/// lever's range), the schedule applied, overrides on top, then policy-regime switches
/// sampled with the scenario's yearly odds scaled by `policy_volatility` (0 gives the dated
/// path only).
pub fn sample_path<R: Rng + Clone>(s: &Scenario, o: &Overrides, rng: &mut R) -> LeverPath {
    let mut path = LeverPath::empty();
    sample_path_into(s, o, rng, &mut path);
    path
}

/// [`sample_path`] into a reused buffer (no allocation once the buffer has the horizon's
/// length, apart from preparing the scenario; use [`Sampler`] to prepare it once).
pub fn sample_path_into<R: Rng + Clone>(
    s: &Scenario,
    o: &Overrides,
    rng: &mut R,
    path: &mut LeverPath,
) {
    Sampler::new(s, o).sample_into(rng, path);
}

/// A lever's overrides as the model applies them: `(first row, value)` in order of first row
/// (0: every year; `years`: never), each in force until the next. An override hides the
/// ones set before it that start in its first year or later (a later entry wins from its
/// first year on). Empty when the lever is not overridden.
fn overrides_of(s: &Scenario, o: &Overrides, id: LeverId, years: usize) -> Vec<(usize, Dist)> {
    let mut out: Vec<(usize, Dist)> = Vec::new();
    for e in o.of(id) {
        let start = first_row(s, e, years);
        out.retain(|(earlier, _)| *earlier < start);
        out.push((start, e.value));
    }
    out
}

/// The row from which an override applies (0: every year; `years`: never).
fn first_row(s: &Scenario, e: &Override, years: usize) -> usize {
    match e.from {
        None => 0,
        Some(y) => (i64::from(y) - i64::from(s.first_year)).clamp(0, years as i64) as usize,
    }
}

/// Months are counted from the first month of the horizon: row `r`, month `m` (1..=12) is
/// month `12·r + m − 1`.
const MONTHS: usize = 12;

/// One entry of [`plan`].
struct Planned {
    id: LeverId,
    /// The first month (counted from the horizon's first month) the value is in force.
    from: usize,
    dist: Dist,
    /// Whether it is an override (which wins over every scenario value of its lever).
    overrides: bool,
    /// Whether it is an override starting after the first year, drawn after the switches.
    late: bool,
}

/// The writes that make a path, in draw order. First each lever's value from the first year
/// (the override's when it covers the whole horizon, else the scenario's) in lever-table
/// order; then every schedule entry in order, including those an override hides (they still
/// take their draw, so an override starting in year Y leaves the random stream of the years
/// before Y as it was); then the overrides that start after the first year, in lever-table
/// order (drawn after the policy switches, see [`Sampler::redraw`]). Later schedule entries
/// win over earlier ones and overrides over the scenario.
fn plan(s: &Scenario, o: &Overrides, years: usize) -> Vec<Planned> {
    let starts: [Vec<(usize, Dist)>; LEVER_COUNT] =
        std::array::from_fn(|i| overrides_of(s, o, LeverId::ALL[i], years));
    let mut out = Vec::with_capacity(LEVER_COUNT + s.schedule.len() + o.len());
    for &id in LeverId::ALL {
        let (dist, overrides) = match starts[id as usize].first() {
            Some(&(0, d)) => (d, true),
            _ => (s.levers[id as usize], false),
        };
        out.push(Planned {
            id,
            from: 0,
            dist,
            overrides,
            late: false,
        });
    }
    for change in &s.schedule {
        let start = (change.year - s.first_year).max(0) as usize;
        if start >= years {
            continue;
        }
        // Before the horizon a change covers the whole first year.
        let month = if change.year < s.first_year {
            0
        } else {
            usize::from(change.month.clamp(1, 12)) - 1
        };
        for &(id, dist) in &change.set {
            out.push(Planned {
                id,
                from: start * MONTHS + month,
                dist,
                overrides: false,
                late: false,
            });
        }
    }
    for &id in LeverId::ALL {
        for &(start, dist) in &starts[id as usize] {
            if start > 0 && start < years {
                out.push(Planned {
                    id,
                    from: start * MONTHS,
                    dist,
                    overrides: true,
                    late: true,
                });
            }
        }
    }
    out
}

/// Where one write of a lever's value gets it from.
#[derive(Clone, Copy, Debug)]
enum Origin {
    Fixed(f64),
    /// A new draw from this distribution.
    Draw(Prepared),
    /// A held setting ([`Hold`]): the draw is taken, to keep the stream where it was, and
    /// the value written is this one.
    Held(Prepared, f64),
}

/// A row a write covers for part of the year: it adds `months / 12` of its value. The first
/// write (in draw order) to reach the row starts the sum, the last divides it by 12, so a row
/// is `(Σ months_k · value_k) / 12` over the writes in force in its months.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Part {
    row: usize,
    months: f64,
    first: bool,
    last: bool,
}

/// One write: lever `id` takes `origin` in the whole rows `full` and for part of the year in
/// the rows of `parts` (at most two: where its months begin and where a later write takes
/// over). A write that a later one hides entirely covers nothing but is still drawn.
#[derive(Clone, Copy, Debug)]
struct Write {
    id: LeverId,
    origin: Origin,
    full: (usize, usize),
    parts: [Option<Part>; 2],
    /// An override starting after the first year: drawn after the policy switches.
    late: bool,
}

impl Write {
    /// Writes the value `v` into the rows this write covers.
    #[inline(always)]
    fn put<T: Num>(&self, v: T, rows: &mut [[T; LEVER_COUNT]]) {
        let id = self.id as usize;
        for row in &mut rows[self.full.0..self.full.1] {
            row[id] = v;
        }
        for p in self.parts.iter().flatten() {
            let cell = &mut rows[p.row][id];
            let mut x = v * T::splat(p.months);
            if !p.first {
                x = *cell + x;
            }
            if p.last {
                x = x / T::splat(MONTHS as f64);
            }
            *cell = x;
        }
    }
}

/// The plan with each entry's months worked out: every write in draw order, with the whole
/// rows and the parts of rows it covers. Which write covers which month does not depend on
/// drawn values, so this is done once per scenario.
fn layout(s: &Scenario, o: &Overrides, years: usize, hold: Option<Hold>) -> Vec<Write> {
    let planned = plan(s, o, years);
    let end = years * MONTHS;
    // Each entry covers from its first month until an entry of the same lever that takes
    // precedence starts (overrides over the scenario, later over earlier).
    let rank = |k: usize| (planned[k].overrides, k);
    let mut spans: Vec<(usize, usize)> = Vec::with_capacity(planned.len());
    for (k, e) in planned.iter().enumerate() {
        let until = planned
            .iter()
            .enumerate()
            .filter(|&(j, f)| f.id == e.id && rank(j) > rank(k))
            .map(|(_, f)| f.from)
            .fold(end, usize::min);
        spans.push((e.from.min(end), until.max(e.from).min(end)));
    }
    let mut writes: Vec<Write> = planned
        .iter()
        .zip(&spans)
        .map(|(e, &(a, b))| {
            let mut parts = [None; 2];
            let mut n = 0;
            let mut part = |row: usize, months: usize| {
                parts[n] = Some(Part {
                    row,
                    months: months as f64,
                    first: false,
                    last: false,
                });
                n += 1;
            };
            let full = if a == b {
                (0, 0)
            } else if a / MONTHS == (b - 1) / MONTHS {
                // Within one row: all of it, or part.
                if b - a == MONTHS {
                    (a / MONTHS, a / MONTHS + 1)
                } else {
                    part(a / MONTHS, b - a);
                    (0, 0)
                }
            } else {
                if a % MONTHS != 0 {
                    part(a / MONTHS, MONTHS - a % MONTHS);
                }
                if b % MONTHS != 0 {
                    part(b / MONTHS, b % MONTHS);
                }
                (a.div_ceil(MONTHS), b / MONTHS)
            };
            Write {
                id: e.id,
                origin: origin_of(e.id, e.dist),
                full,
                parts,
                late: e.late,
            }
        })
        .collect();
    if let Some(h) = hold {
        // The held setting is the lever's write covering the last month of the year.
        let row = i64::from(h.year) - i64::from(s.first_year);
        if (0..years as i64).contains(&row) {
            let month = row as usize * MONTHS + MONTHS - 1;
            let held = planned
                .iter()
                .zip(&spans)
                .position(|(e, &(a, b))| e.id == h.lever && (a..b).contains(&month));
            if let Some(k) = held {
                let value = snap(h.lever, h.value);
                writes[k].origin = match writes[k].origin {
                    Origin::Draw(d) | Origin::Held(d, _) => Origin::Held(d, value),
                    Origin::Fixed(_) => Origin::Fixed(value),
                };
            }
        }
    }
    // Which write starts each part-year sum and which ends it, in draw order.
    let mut seen: Vec<(LeverId, usize)> = Vec::new();
    for k in 0..writes.len() {
        for slot in 0..2 {
            let Some(p) = writes[k].parts[slot] else {
                continue;
            };
            let key = (writes[k].id, p.row);
            let first = !seen.contains(&key);
            seen.push(key);
            let later = writes[k + 1..]
                .iter()
                .any(|w| w.id == key.0 && w.parts.iter().flatten().any(|q| q.row == key.1));
            if let Some(q) = writes[k].parts[slot].as_mut() {
                q.first = first;
                q.last = !later;
            }
        }
    }
    writes
}

/// A scenario prepared for drawing many realizations: the central path is built once, and
/// each draw only rewrites the levers whose value is uncertain.
///
/// A realization draws its distributions in a fixed order (each lever's value in lever-table
/// order, then every schedule entry in order, even one an override hides), then three uniforms
/// a year for the policy regimes, then the overrides that start after the first year in
/// lever-table order. So an override from year Y leaves every draw that shapes the years
/// before Y where it was, and those years stay bit for bit the scenario's own. Drawing a
/// batch of samples draws each sample's values in that same order from its own generator, so
/// sample `i` of the Monte Carlo equals [`sample_path`] with sample `i`'s generator.
#[derive(Clone, Debug)]
pub struct Sampler<'a> {
    s: &'a Scenario,
    o: &'a Overrides,
    base: LeverPath,
    /// The writes of the levers with a drawn value, in draw order; the overrides that start
    /// after the first year (`late`) are last, from index `late_from`.
    writes: Vec<Write>,
    late_from: usize,
    /// Whether a late override is drawn (then the switches need the stream position after
    /// them before the override's value is known, see [`Sampler::redraw`]).
    late_draws: bool,
    volatile: bool,
}

/// Rows of the policy levers kept on the stack while [`Sampler::redraw`] finds where the
/// stream stands after the switches: every valid horizon fits.
const SAVED_ROWS: usize = (MAX_YEAR - MIN_YEAR + 1) as usize;

impl<'a> Sampler<'a> {
    /// Prepares a scenario with its overrides for sampling: builds the central path and
    /// notes which levers and schedule entries have values to draw.
    pub fn new(s: &'a Scenario, o: &'a Overrides) -> Sampler<'a> {
        Sampler::held(s, o, None)
    }

    /// [`Sampler::new`] with a setting held (see [`Hold`]): each realization is the one
    /// `Sampler::new` draws from the same generator, with the held setting's value in place
    /// of its draw.
    pub fn held(s: &'a Scenario, o: &'a Overrides, hold: Option<Hold>) -> Sampler<'a> {
        let base = central_held(s, o, hold);
        let years = base.values.len();
        let all = layout(s, o, years, hold);
        // Only levers with at least one draw need rewriting; keep all their writes, in order,
        // so fixed schedule entries still take over from an earlier drawn value.
        let mut uncertain = [false; LEVER_COUNT];
        for w in &all {
            if matches!(w.origin, Origin::Draw(_) | Origin::Held(..)) {
                uncertain[w.id as usize] = true;
            }
        }
        let writes: Vec<Write> = all
            .into_iter()
            .filter(|w| uncertain[w.id as usize])
            .collect();
        let late_from = writes.iter().position(|w| w.late).unwrap_or(writes.len());
        let late_draws = writes[late_from..]
            .iter()
            .any(|w| matches!(w.origin, Origin::Draw(_) | Origin::Held(..)));
        let volatile =
            s.volatility.us_policy_switch > 0.0 || s.volatility.china_acceptance_flip > 0.0;
        Sampler {
            s,
            o,
            base,
            writes,
            late_from,
            late_draws,
            volatile,
        }
    }

    /// Draws one realization into `path` (no allocation once `path` has the horizon's length).
    pub fn sample_into<R: Rng + Clone>(&self, rng: &mut R, path: &mut LeverPath) {
        let years = self.base.values.len();
        path.first_year = self.base.first_year;
        path.values.resize(years, [0.0; LEVER_COUNT]);
        path.values.copy_from_slice(&self.base.values);
        self.redraw(rng, &mut path.values);
    }

    /// The central path every realization starts from.
    pub fn base(&self) -> &LeverPath {
        &self.base
    }

    /// Draws new realizations into `rows` (`rows[year_index][lever]`, one realization per
    /// lane of `T`, one generator per lane in `draws`). `rows` must already hold realizations
    /// of this sampler or its [`Sampler::base`]: only the levers that vary between
    /// realizations are rewritten (those with a drawn value, and the two policy levers when
    /// switches are sampled); the other ~30 levers of every year are not copied again.
    ///
    /// A row a lever's value changes in is the month-weighted mean of the values in force;
    /// each write is drawn once, and a row wholly under one write holds its value exactly.
    #[inline(always)]
    pub fn redraw<T: Num, D: Draws<T> + Clone>(
        &self,
        draws: &mut D,
        rows: &mut [[T; LEVER_COUNT]],
    ) {
        const POLICY: [LeverId; 2] = [LeverId::ChipExports, LeverId::ImportBlock];
        if self.volatile {
            // The switches start from the dated path; a drawn policy lever is rewritten below.
            for (row, base) in rows.iter_mut().zip(&self.base.values) {
                for id in POLICY {
                    row[id as usize] = T::splat(base[id as usize]);
                }
            }
        }
        let (scenario, late) = self.writes.split_at(self.late_from);
        for w in scenario {
            w.put(value(w, draws), rows);
        }
        if !self.volatile {
            for w in late {
                w.put(value(w, draws), rows);
            }
            return;
        }
        if !self.late_draws {
            for w in late {
                w.put(value(w, draws), rows);
            }
            apply_switches(self.s, self.o, rows, draws);
            return;
        }
        // A late override is drawn after the switches' uniforms, but the switches may read
        // its value (policy_volatility): switch once on a copy of the generators to find
        // where the stream stands after them, draw the overrides there, put the dated policy
        // levers back, and switch again from the same uniforms with every value in place.
        let mut ahead = draws.clone();
        let mut saved = [[T::splat(0.0); 2]; SAVED_ROWS];
        let mut spill = Vec::new();
        let keep: &mut [[T; 2]] = if rows.len() <= SAVED_ROWS {
            &mut saved[..rows.len()]
        } else {
            spill.resize(rows.len(), [T::splat(0.0); 2]);
            &mut spill
        };
        for (k, row) in keep.iter_mut().zip(rows.iter()) {
            *k = POLICY.map(|id| row[id as usize]);
        }
        apply_switches(self.s, self.o, rows, &mut ahead);
        for (k, row) in keep.iter().zip(rows.iter_mut()) {
            for (i, id) in POLICY.into_iter().enumerate() {
                row[id as usize] = k[i];
            }
        }
        for w in late {
            w.put(value(w, &mut ahead), rows);
        }
        apply_switches(self.s, self.o, rows, draws);
        *draws = ahead;
    }
}

/// A write's value for this realization: fixed, or drawn.
#[inline(always)]
fn value<T: Num, D: Draws<T>>(w: &Write, draws: &mut D) -> T {
    match w.origin {
        Origin::Fixed(v) => T::splat(v),
        Origin::Draw(d) => d.sample(draws),
        Origin::Held(d, v) => {
            let _: T = d.sample(draws);
            T::splat(v)
        }
    }
}

/// How an entry gets its value: fixed (snapped now) or a draw.
fn origin_of(id: LeverId, d: Dist) -> Origin {
    if d.is_uncertain() {
        Origin::Draw(Prepared::new(id, d))
    } else {
        Origin::Fixed(snap(id, d.central()))
    }
}

/// One uncertain distribution, with what drawing it needs worked out in advance.
#[derive(Clone, Copy, Debug)]
struct Prepared {
    /// How a drawn value is snapped to what the lever holds.
    snap: Snap,
    shape: Shape,
    /// The lever's range.
    lo: f64,
    hi: f64,
    /// The central value (for the deterministic path).
    central: f64,
}

#[derive(Clone, Copy, Debug)]
enum Shape {
    Uniform {
        low: f64,
        span: f64,
    },
    /// Inverse CDF: below `split` the value is `low + sqrt(left · u)`, above it
    /// `high − sqrt(right · (1 − u))`.
    Triangular {
        low: f64,
        high: f64,
        split: f64,
        left: f64,
        right: f64,
    },
    /// A normal truncated to `[lo, hi]` by rejection.
    Normal {
        mean: f64,
        sd: f64,
    },
    /// A value that needs no draw (a degenerate distribution).
    Point(f64),
}

impl Prepared {
    fn new(id: LeverId, d: Dist) -> Prepared {
        let (lo, hi) = LEVERS[id as usize].kind.range();
        let shape = match d {
            Dist::Fixed(v) => Shape::Point(v),
            Dist::Uniform { low, high } => Shape::Uniform {
                low,
                span: high - low,
            },
            Dist::Triangular { low, mode, high } if high > low => Shape::Triangular {
                low,
                high,
                split: (mode - low) / (high - low),
                left: (high - low) * (mode - low),
                right: (high - low) * (high - mode),
            },
            Dist::Triangular { mode, .. } => Shape::Point(mode),
            Dist::Normal { mean, sd } if sd > 0.0 => Shape::Normal { mean, sd },
            Dist::Normal { mean, .. } => Shape::Point(mean.clamp(lo, hi)),
        };
        Prepared {
            snap: Snap::of(id),
            shape,
            lo,
            hi,
            central: d.central(),
        }
    }

    /// Draws one value per lane, snapped to what the lever can hold. A uniform, triangular
    /// or truncated-normal draw takes one uniform (a normal may take more). A triangular
    /// draw selects its side before taking the one square root it needs.
    #[inline(always)]
    fn sample<T: Num, D: Draws<T>>(&self, draws: &mut D) -> T {
        let v = match self.shape {
            Shape::Point(v) => {
                // Keep the stream aligned: every uncertain entry takes one draw.
                draws.uniform();
                T::splat(v)
            }
            Shape::Uniform { low, span } => T::splat(low) + draws.uniform() * T::splat(span),
            Shape::Triangular {
                low,
                high,
                split,
                left,
                right,
            } => {
                let u: T = draws.uniform();
                let below = u.lt(T::splat(split));
                let root = T::select(
                    below,
                    T::splat(left) * u,
                    T::splat(right) * (T::splat(1.0) - u),
                )
                .sqrt();
                T::select(below, T::splat(low) + root, T::splat(high) - root)
            }
            Shape::Normal { mean, sd } => draws.each(|rng| self.truncated_normal(rng, mean, sd)),
        };
        let (lo, hi) = (self.lo, self.hi);
        // One closure per kind, so each lane loop is a straight clamp the compiler vectorizes.
        match self.snap {
            Snap::Bool => v.map(|x| Snap::Bool.apply(lo, hi, x)),
            Snap::Choice => v.map(|x| Snap::Choice.apply(lo, hi, x)),
            Snap::Number => v.map(|x| Snap::Number.apply(lo, hi, x)),
        }
    }

    /// A normal draw within the lever's range. Rejection keeps the shape of the truncated
    /// normal; after 16 misses (a mean far outside the range) the draw is clamped instead.
    fn truncated_normal<R: Rng>(&self, rng: &mut R, mean: f64, sd: f64) -> f64 {
        for _ in 0..16 {
            let z: f64 = StandardNormal.sample(rng);
            let v = mean + sd * z;
            if (self.lo..=self.hi).contains(&v) {
                return v;
            }
        }
        mean.clamp(self.lo, self.hi)
    }
}

/// Samples the policy regimes on top of the dated path, one realization per lane.
///
/// From [`FIRST_VOLATILE_YEAR`] on, each policy lever is a Markov chain per lane. In year `t`,
/// with `v` the lane's `policy_volatility`, `p_us = min(1, us_policy_switch × v)`,
/// `p_cn = min(1, china_acceptance_flip × v)`, and the revert odds `r_us`, `r_cn` and counter
/// odds `c` as the scenario gives them (not scaled):
///
/// - **US accelerator policy** (`chip_exports`, dated value `e_t`, which may be fractional):
///   the state is an offset `d` from the dated path (`d = 0`: on the path), the value
///   `clamp(e_t + d, 0, 2)`. On the path, policy moves with probability `p_us`; departed
///   (`d ≠ 0`), it reverts (`d = 0`) with probability `r_us` and otherwise moves with
///   probability `p_us`. A move goes one option looser or tighter from the current value
///   (50/50; at either end only inward), clamped to the range, and its offset persists.
/// - **Beijing's acceptance** (`import_block`, dated value `b_t` in [0, 1]): the state is
///   `D` (1: departed), the value `b_t` on the path and `1 − b_t` when departed (the dated
///   stance reversed month by month). `P(D: 0 → 1) = p_cn`, and
///   `P(D: 1 → 0) = q_cn = r_cn + (1 − r_cn) · p_cn` (it reverts, or flips again), so the
///   departed share tends to `p_cn / (p_cn + q_cn)`.
/// - **Counter-move**: in a year in which the lane's sampled US policy eases (its value rises
///   through a move or a revert), Beijing restricts with probability `c`: `import_block` is 1
///   that year and `D` becomes 1 exactly when the dated stance is open (`b_t < 0.5`), so the
///   block persists as a regime until it reverts or flips.
///
/// With `r_us = r_cn = c = 0` this is the earlier model: moves persist for ever and
/// acceptance flips symmetrically. Three uniforms are drawn a year whatever happens (US,
/// China, counter), so lanes stay in step. A lever never switches (nor is it counter-moved)
/// in the rows its override covers. Every decision is a per-lane selection, so lanes that
/// switch and lanes that do not share one pass.
#[inline(always)]
fn apply_switches<T: Num, D: Draws<T>>(
    s: &Scenario,
    o: &Overrides,
    rows: &mut [[T; LEVER_COUNT]],
    draws: &mut D,
) {
    const EXPORTS: usize = LeverId::ChipExports as usize;
    const BLOCK: usize = LeverId::ImportBlock as usize;
    // Each policy lever switches in the rows before its override starts (every row when it
    // is not overridden); an override from the first year on leaves it no row.
    let years = rows.len();
    // (The earliest start of any override of the lever: one that hides another starts earlier.)
    let free_until = |id: LeverId| {
        o.of(id)
            .map(|e| first_row(s, e, years))
            .min()
            .unwrap_or(years)
    };
    let (exports_until, block_until) = (
        free_until(LeverId::ChipExports),
        free_until(LeverId::ImportBlock),
    );
    if exports_until == 0 && block_until == 0 {
        return;
    }
    let odds = &s.volatility;
    let max_export = LEVERS[EXPORTS].kind.range().1;
    let (zero, one) = (T::splat(0.0), T::splat(1.0));
    let (r_us, r_cn, counter) = (
        T::splat(odds.us_policy_revert),
        T::splat(odds.china_acceptance_revert),
        T::splat(odds.china_counter),
    );
    // US policy's offset from the dated path (0: on the path).
    let mut offset = zero;
    // 1 while China's acceptance is departed from the dated path, else 0.
    let mut flipped = zero;
    for (yi, row) in rows.iter_mut().enumerate() {
        let year = s.first_year + yi as i32;
        if year < FIRST_VOLATILE_YEAR {
            continue;
        }
        let vol = row[LeverId::PolicyVolatility as usize];
        let p_us = (T::splat(odds.us_policy_switch) * vol).clamp(0.0, 1.0);
        let p_cn = (T::splat(odds.china_acceptance_flip) * vol).clamp(0.0, 1.0);
        // Three draws a year whatever happens.
        let u_us: T = draws.uniform();
        let u_cn: T = draws.uniform();
        let u_counter: T = draws.uniform();
        // Whether the US eased this year (a mask that is false until shown otherwise).
        let mut eased = one.lt(zero);
        if yi < exports_until {
            let dated = row[EXPORTS];
            let before = (dated + offset).clamp(0.0, max_export);
            // A departed policy reverts when `u_us < r`; otherwise `(u_us − r) / (1 − r)` is
            // again uniform, decides a move (`< p_us`) and, divided by `p_us`, its direction.
            let departed = zero.lt(offset.max(zero - offset));
            let r = T::select(departed, r_us, zero);
            let revert = u_us.lt(r);
            let u = (u_us - r) / (one - r);
            let looser = T::splat(0.5).le(u / p_us);
            // At either end the only move is inward; in between, the draw decides.
            let inner_up = T::and(before.lt(T::splat(max_export)), looser);
            let step = T::select(
                before.le(zero),
                one,
                T::select(inner_up, one, T::splat(-1.0)),
            );
            let moved = (before + step).clamp(0.0, max_export) - dated;
            offset = T::select(revert, zero, T::select(u.lt(p_us), moved, offset));
            let after = (dated + offset).clamp(0.0, max_export);
            row[EXPORTS] = after;
            eased = before.lt(after);
        }
        if yi < block_until {
            let dated = row[BLOCK];
            let q_cn = r_cn + (one - r_cn) * p_cn;
            let threshold = T::select(flipped.on(), q_cn, p_cn);
            flipped = T::select(u_cn.lt(threshold), one - flipped, flipped);
            let value = T::select(flipped.on(), one - dated, dated);
            // The counter-move: blocked this year, departed from now on if the dated stance
            // is open.
            let countered = T::and(eased, u_counter.lt(counter));
            flipped = T::select(countered, T::select(dated.on(), zero, one), flipped);
            row[BLOCK] = T::select(countered, one, value);
        }
    }
}

/// One uncertain value of a realization, as a variance-based sensitivity analysis varies it
/// (`model::sobol`): a lever's drawn value from the first year (or an override's, from its
/// year), or a dated change's drawn value.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Uncertain {
    /// The lever the value is for.
    pub lever: LeverId,
    /// The year the value takes effect when it is a dated change or an override from a year;
    /// `None` for the lever's value from the first year.
    pub from_year: Option<i32>,
    /// The distribution it is drawn from (a normal is truncated to the lever's range).
    pub dist: Dist,
}

/// A generator that hands out given uniforms, for [`apply_switches`] driven by a sensitivity
/// analysis's columns instead of a random stream.
struct Feed<'a> {
    uniforms: &'a [f64],
    next: usize,
    /// Never drawn from: [`apply_switches`] takes only uniforms.
    spare: super::montecarlo::SampleRng,
}

impl Draws<f64> for Feed<'_> {
    type Rng = super::montecarlo::SampleRng;
    fn each(&mut self, mut f: impl FnMut(&mut Self::Rng) -> f64) -> f64 {
        f(&mut self.spare)
    }
    fn uniform(&mut self) -> f64 {
        let u = self.uniforms.get(self.next).copied().unwrap_or(0.5);
        self.next += 1;
        u
    }
}

/// A scenario's uncertain inputs, from [`Sampler::inputs`]: the values a realization draws
/// that reach some year of the horizon (a value an override or a later change hides entirely
/// is left out: it moves nothing), and the uniforms the policy-regime switches take.
#[derive(Clone, Debug)]
pub struct Inputs<'s, 'a> {
    sampler: &'s Sampler<'a>,
    /// The index in the sampler's `writes` of each uncertain value.
    live: Vec<usize>,
    uncertain: Vec<Uncertain>,
    switches: usize,
}

impl Inputs<'_, '_> {
    /// The uncertain values, in draw order; [`Inputs::fill`] takes one value for each.
    pub fn uncertain(&self) -> &[Uncertain] {
        &self.uncertain
    }

    /// How many uniforms the policy-regime switches draw in a realization: three a year from
    /// [`FIRST_VOLATILE_YEAR`] when switches are sampled and a policy lever is free to switch
    /// in some year; otherwise 0.
    pub fn switch_uniforms(&self) -> usize {
        self.switches
    }

    /// A realization with given values instead of draws: `values[i]` (in the lever's unit,
    /// snapped to what it holds) for the `i`-th of [`Inputs::uncertain`], then the policy
    /// switches sampled from `switch_uniforms` (as many as [`Inputs::switch_uniforms`];
    /// missing ones count as 0.5). The distribution of the result, with each value drawn from
    /// its distribution and the uniforms uniform, is the Monte Carlo's. `path` is overwritten.
    pub fn fill(&self, values: &[f64], switch_uniforms: &[f64], path: &mut LeverPath) {
        let sampler = self.sampler;
        let years = sampler.base.values.len();
        path.first_year = sampler.base.first_year;
        path.values.resize(years, [0.0; LEVER_COUNT]);
        path.values.copy_from_slice(&sampler.base.values);
        let mut live = self.live.iter().zip(values).peekable();
        for (k, w) in sampler.writes.iter().enumerate() {
            let v = match w.origin {
                Origin::Fixed(v) | Origin::Held(_, v) => v,
                Origin::Draw(d) => match live.peek() {
                    Some(&(&at, &v)) if at == k => {
                        live.next();
                        snap(w.id, v)
                    }
                    _ => snap(w.id, d.central),
                },
            };
            w.put(v, &mut path.values);
        }
        if sampler.volatile {
            let mut feed = Feed {
                uniforms: switch_uniforms,
                next: 0,
                spare: super::montecarlo::sample_rng(0, 0),
            };
            apply_switches(sampler.s, sampler.o, &mut path.values, &mut feed);
        }
    }
}

impl<'a> Sampler<'a> {
    /// The uncertain inputs of a realization, prepared to build realizations from given
    /// values instead of draws (a variance-based sensitivity analysis, `model::sobol`).
    pub fn inputs(&self) -> Inputs<'_, 'a> {
        let (live, uncertain) = self.live().unzip();
        let years = self.base.values.len();
        // A policy lever switches in the rows before its first override (as `apply_switches`).
        let free = |id: LeverId| {
            self.o
                .of(id)
                .map(|e| first_row(self.s, e, years))
                .min()
                .is_none_or(|first| first > 0)
        };
        let switches =
            if self.volatile && (free(LeverId::ChipExports) || free(LeverId::ImportBlock)) {
                let from = (FIRST_VOLATILE_YEAR - self.base.first_year).max(0) as usize;
                3 * years.saturating_sub(from)
            } else {
                0
            };
        Inputs {
            sampler: self,
            live,
            uncertain,
            switches,
        }
    }

    /// The index in `writes` and the description of each uncertain value that reaches a row.
    fn live(&self) -> impl Iterator<Item = (usize, Uncertain)> + '_ {
        let years = self.base.values.len();
        // `writes` keeps `plan`'s order, filtered to the levers with a draw (see `new`).
        let planned: Vec<Planned> = plan(self.s, self.o, years)
            .into_iter()
            .filter(|p| self.writes.iter().any(|w| w.id == p.id))
            .collect();
        self.writes
            .iter()
            .zip(planned)
            .enumerate()
            .filter_map(move |(k, (w, p))| {
                let Origin::Draw(d) = w.origin else {
                    return None;
                };
                if matches!(d.shape, Shape::Point(_))
                    || (w.full.0 == w.full.1 && w.parts.iter().all(Option::is_none))
                {
                    return None;
                }
                let from_year =
                    (p.from > 0).then(|| self.base.first_year + (p.from / MONTHS) as i32);
                Some((
                    k,
                    Uncertain {
                        lever: w.id,
                        from_year,
                        dist: p.dist,
                    },
                ))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::montecarlo::sample_rng;
    use crate::model::scenario::{PolicyChange, Volatility};
    use rand_pcg::Pcg64;

    /// Odds without memory: moves persist for ever, acceptance flips symmetrically, no
    /// counter-moves (the model before regimes could revert).
    fn memoryless(switch: f64, flip: f64) -> Volatility {
        Volatility {
            us_policy_switch: switch,
            china_acceptance_flip: flip,
            us_policy_revert: 0.0,
            china_acceptance_revert: 0.0,
            china_counter: 0.0,
        }
    }

    fn scenario() -> Scenario {
        let mut s = Scenario::defaults("t");
        s.first_year = 2024;
        s.last_year = 2030;
        s.schedule.push(PolicyChange {
            year: 2026,
            month: 1,
            label: "tighten".into(),
            set: vec![(LeverId::ChipExports, Dist::Fixed(0.0))],
        });
        s
    }

    #[test]
    fn schedule_applies_from_its_year_and_overrides_win() {
        let s = scenario();
        let p = central_path(&s, &Overrides::default());
        assert_eq!(p.get(LeverId::ChipExports, 1), 2.0);
        assert_eq!(p.get(LeverId::ChipExports, 2), 0.0);
        assert_eq!(p.get(LeverId::ChipExports, 6), 0.0);
        let mut o = Overrides::default();
        o.set(LeverId::ChipExports, Dist::Fixed(1.0));
        let p = central_path(&s, &o);
        assert!(
            p.values
                .iter()
                .all(|r| r[LeverId::ChipExports as usize] == 1.0)
        );
    }

    #[test]
    fn samples_stay_in_range_and_zero_volatility_keeps_the_dated_path() {
        let mut s = scenario();
        s.levers[LeverId::YieldLearning as usize] = Dist::Normal {
            mean: 29.0,
            sd: 10.0,
        };
        s.volatility.us_policy_switch = 1.0;
        s.volatility.china_acceptance_flip = 1.0;
        let mut o = Overrides::default();
        o.set(LeverId::PolicyVolatility, Dist::Fixed(0.0));
        let central = central_path(&s, &o);
        let mut rng = Pcg64::new(7, 1);
        for _ in 0..200 {
            let p = sample_path(&s, &o, &mut rng);
            let y = p.get(LeverId::YieldLearning, 0);
            assert!((0.0..=30.0).contains(&y));
            for yi in 0..p.years() {
                assert_eq!(
                    p.get(LeverId::ChipExports, yi),
                    central.get(LeverId::ChipExports, yi)
                );
            }
        }
    }

    #[test]
    fn switches_happen_only_from_the_first_volatile_year() {
        let mut s = scenario();
        s.volatility = memoryless(1.0, 1.0);
        let central = central_path(&s, &Overrides::default());
        let mut rng = Pcg64::new(9, 3);
        let p = sample_path(&s, &Overrides::default(), &mut rng);
        assert_eq!(p.values[0], central.values[0]);
        assert_eq!(p.values[1], central.values[1]);
        // With probability 1 China's acceptance flips in 2026, back in 2027.
        assert_ne!(
            p.get(LeverId::ImportBlock, 2),
            central.get(LeverId::ImportBlock, 2)
        );
        assert_eq!(
            p.get(LeverId::ImportBlock, 3),
            central.get(LeverId::ImportBlock, 3)
        );
    }

    #[test]
    fn every_switch_moves_one_option_and_only_inward_at_the_ends() {
        let mut s = scenario();
        s.last_year = 2035;
        s.volatility = memoryless(1.0, 0.0);
        for seed in 0..50 {
            let p = sample_path(&s, &Overrides::default(), &mut Pcg64::new(seed, 5));
            // Dated at 0 (the lowest option) from 2026, so the first switch can only ease.
            assert_eq!(p.get(LeverId::ChipExports, 2), 1.0, "seed {seed}");
            for yi in 3..p.years() {
                let (before, now) = (
                    p.get(LeverId::ChipExports, yi - 1),
                    p.get(LeverId::ChipExports, yi),
                );
                assert_eq!((now - before).abs(), 1.0, "seed {seed}, year index {yi}");
                if before == 2.0 {
                    assert_eq!(now, 1.0, "seed {seed}: from the top the only move is down");
                }
            }
        }
    }

    #[test]
    fn an_override_from_a_year_keeps_the_earlier_path_and_drops_later_changes() {
        let mut s = scenario();
        s.schedule.push(PolicyChange {
            year: 2029,
            month: 1,
            label: "ease".into(),
            set: vec![(LeverId::ChipExports, Dist::Fixed(2.0))],
        });
        let mut o = Overrides::default();
        o.set_from(LeverId::ChipExports, Dist::Fixed(1.0), 2027);
        let p = central_path(&s, &o);
        let got: Vec<f64> = (0..p.years())
            .map(|yi| p.get(LeverId::ChipExports, yi))
            .collect();
        // 2024, 2025 the scenario's value; 2026 its change; from 2027 the override, and the
        // scenario's 2029 change is ignored.
        assert_eq!(got, [2.0, 2.0, 0.0, 1.0, 1.0, 1.0, 1.0]);
        // From the first year (or earlier) it is an override of every year.
        let mut whole = Overrides::default();
        whole.set(LeverId::ChipExports, Dist::Fixed(1.0));
        for year in [2020, 2024] {
            let mut o = Overrides::default();
            o.set_from(LeverId::ChipExports, Dist::Fixed(1.0), year);
            assert_eq!(central_path(&s, &o), central_path(&s, &whole));
        }
        // After the horizon it changes nothing.
        let mut late = Overrides::default();
        late.set_from(LeverId::ChipExports, Dist::Fixed(1.0), 2031);
        assert_eq!(
            central_path(&s, &late),
            central_path(&s, &Overrides::default())
        );
    }

    #[test]
    fn switches_stop_where_an_override_starts() {
        let mut s = scenario();
        s.last_year = 2032;
        s.volatility = memoryless(1.0, 1.0);
        let mut o = Overrides::default();
        o.set_from(LeverId::ChipExports, Dist::Fixed(0.0), 2028);
        o.set_from(LeverId::ImportBlock, Dist::Fixed(1.0), 2029);
        let central = central_path(&s, &o);
        for seed in 0..20 {
            let p = sample_path(&s, &o, &mut Pcg64::new(seed, 5));
            // Before its override each lever switches as if free: exports are dated at 0 from
            // 2026, so the sure switch eases them to 1; acceptance flips every year.
            assert_eq!(p.get(LeverId::ChipExports, 2), 1.0, "seed {seed}");
            assert_ne!(
                p.get(LeverId::ImportBlock, 2),
                central.get(LeverId::ImportBlock, 2)
            );
            assert_eq!(
                p.get(LeverId::ImportBlock, 3),
                central.get(LeverId::ImportBlock, 3)
            );
            assert_ne!(
                p.get(LeverId::ImportBlock, 4),
                central.get(LeverId::ImportBlock, 4)
            );
            // From its start, the override's value in every year.
            for yi in 4..p.years() {
                assert_eq!(p.get(LeverId::ChipExports, yi), 0.0, "seed {seed}");
            }
            for yi in 5..p.years() {
                assert_eq!(p.get(LeverId::ImportBlock, yi), 1.0, "seed {seed}");
            }
        }
    }

    /// Eight samples drawn side by side, one generator per lane, are the eight samples drawn
    /// alone: uniform, triangular and truncated-normal draws (a normal's rejections make the
    /// lanes' generators fall out of step) and both kinds of switch.
    #[test]
    fn lanes_draw_what_single_paths_draw() {
        let mut s = scenario();
        s.levers[LeverId::YieldLearning as usize] = Dist::Normal {
            mean: 28.0,
            sd: 10.0,
        };
        s.levers[LeverId::DemandGrowth as usize] = Dist::Uniform {
            low: 0.2,
            high: 0.5,
        };
        s.levers[LeverId::StateInvestment as usize] = Dist::Triangular {
            low: 5.0,
            mode: 10.0,
            high: 20.0,
        };
        // Moves, reverts and counter-moves all frequent, so every branch is taken.
        s.volatility = Volatility {
            us_policy_switch: 0.5,
            china_acceptance_flip: 0.5,
            us_policy_revert: 0.4,
            china_acceptance_revert: 0.35,
            china_counter: 0.6,
        };
        let mut from_years = Overrides::default();
        from_years.set_from(
            LeverId::YieldLearning,
            Dist::Uniform {
                low: 5.0,
                high: 15.0,
            },
            2027,
        );
        from_years.set_from(LeverId::ChipExports, Dist::Fixed(1.0), 2028);
        from_years.set_from(LeverId::DemandGrowth, Dist::Fixed(0.1), 2026);
        // China's acceptance held from 2028: US easings after it meet no counter-move.
        let mut block_from = Overrides::default();
        block_from.set_from(LeverId::ImportBlock, Dist::Fixed(0.0), 2028);
        // A drawn override of the switches' own odds, drawn after them.
        let mut volatile_from = from_years.clone();
        volatile_from.set_from(
            LeverId::PolicyVolatility,
            Dist::Uniform {
                low: 0.0,
                high: 2.0,
            },
            2028,
        );
        let cases = [Overrides::default(), from_years, block_from, volatile_from];
        for o in &cases {
            lanes_match_single_paths(&s, o);
        }
        // Month-dated changes, drawn and fixed, blend within their year.
        s.schedule.push(PolicyChange {
            year: 2026,
            month: 7,
            label: "mid-year".into(),
            set: vec![
                (
                    LeverId::StateInvestment,
                    Dist::Uniform {
                        low: 20.0,
                        high: 30.0,
                    },
                ),
                (LeverId::ImportBlock, Dist::Fixed(1.0)),
            ],
        });
        s.schedule.push(PolicyChange {
            year: 2026,
            month: 10,
            label: "autumn".into(),
            set: vec![(LeverId::StateInvestment, Dist::Fixed(12.0))],
        });
        for o in &cases {
            lanes_match_single_paths(&s, o);
        }
        // Memoryless odds draw the same three uniforms a year.
        s.volatility = memoryless(0.5, 0.5);
        lanes_match_single_paths(&s, &Overrides::default());
    }

    fn lanes_match_single_paths(s: &Scenario, o: &Overrides) {
        let sampler = Sampler::new(s, o);
        let rng = |lane: u64| Pcg64::new(u128::from(lane) * 7919, 11);
        let mut rows: Vec<[Lanes<8>; LEVER_COUNT]> = sampler
            .base()
            .values
            .iter()
            .map(|row| row.map(Lanes::splat))
            .collect();
        for round in 0..3_u64 {
            let mut rngs: [Pcg64; 8] = std::array::from_fn(|l| rng(round * 8 + l as u64));
            sampler.redraw(&mut rngs, &mut rows);
            for lane in 0..8 {
                let alone = sample_path(s, o, &mut rng(round * 8 + lane as u64));
                for (yi, row) in alone.values.iter().enumerate() {
                    for (id, &v) in row.iter().enumerate() {
                        let got = rows[yi][id].0[lane];
                        assert_eq!(
                            got.to_bits(),
                            v.to_bits(),
                            "lane {lane}, year {yi}, lever {id}"
                        );
                    }
                }
            }
        }
    }

    /// A scenario shaped like the baseline's policy: US accelerators licensed and China's
    /// customs block on from 2026, held to 2032; only China's acceptance switches.
    fn blocked_from_2026(flip: f64, revert: f64) -> Scenario {
        let mut s = Scenario::defaults("t");
        s.first_year = 2024;
        s.last_year = 2032;
        s.levers[LeverId::ImportBlock as usize] = Dist::Fixed(0.0);
        s.schedule.push(PolicyChange {
            year: 2026,
            month: 1,
            label: "customs block".into(),
            set: vec![
                (LeverId::ChipExports, Dist::Fixed(2.0)),
                (LeverId::ImportBlock, Dist::Fixed(1.0)),
            ],
        });
        s.volatility = Volatility {
            china_acceptance_flip: flip,
            china_acceptance_revert: revert,
            ..memoryless(0.0, 0.0)
        };
        s
    }

    /// The share of `n` samples (generators as the Monte Carlo's) whose `import_block`
    /// differs from the dated path in the last year.
    fn departed_share(s: &Scenario, n: usize) -> f64 {
        let o = Overrides::default();
        let dated = central_path(s, &o);
        let last = dated.years() - 1;
        let departed = (0..n)
            .filter(|&i| {
                let p = sample_path(
                    s,
                    &o,
                    &mut sample_rng(crate::model::montecarlo::DEFAULT_SEED, i),
                );
                p.get(LeverId::ImportBlock, last) != dated.get(LeverId::ImportBlock, last)
            })
            .count();
        departed as f64 / n as f64
    }

    /// The two-state chain's probability of being departed after `n` yearly steps from the
    /// dated path: `π (1 − (1 − p − q)ⁿ)` with `π = p / (p + q)` the stationary probability
    /// and `q = r + (1 − r) p` the yearly probability of returning.
    fn chain_share(p: f64, r: f64, n: i32) -> f64 {
        let q = r + (1.0 - r) * p;
        p / (p + q) * (1.0 - (1.0 - p - q).powi(n))
    }

    /// Four standard errors of a share of `n` samples around `p`.
    fn tolerance(p: f64, n: usize) -> f64 {
        4.0 * (p * (1.0 - p) / n as f64).sqrt()
    }

    #[test]
    fn a_departed_acceptance_reverts_to_the_chains_stationary_share() {
        let n = 1000;
        let steps = 2032 - FIRST_VOLATILE_YEAR + 1;
        for (flip, revert) in [(0.15, 0.3), (0.15, 0.6), (0.3, 0.5)] {
            let want = chain_share(flip, revert, steps);
            // Seven steps leave the chain within 0.5% of its stationary share.
            let q = revert + (1.0 - revert) * flip;
            assert!((want - flip / (flip + q)).abs() < 0.005);
            let got = departed_share(&blocked_from_2026(flip, revert), n);
            assert!(
                (got - want).abs() < tolerance(want, n),
                "flip {flip}, revert {revert}: {got} against {want}"
            );
        }
        // The baseline's odds (0.15 a year to depart, 0.3 to revert) leave about 27% of
        // samples with the block lifted in 2032, far below the 46% of odds without memory.
        let got = departed_share(&blocked_from_2026(0.15, 0.3), n);
        assert!(got < 0.35, "{got}");
    }

    #[test]
    fn without_reverts_acceptance_flips_as_before() {
        // Without memory a flip is undone only by another flip: after n years the block
        // differs from the dated path when it flipped an odd number of times,
        // (1 − (1 − 2p)ⁿ) / 2 (46% at 0.15 a year over 2026-2032).
        let (n, p): (usize, f64) = (1000, 0.15);
        let want = (1.0 - (1.0 - 2.0 * p).powi(7)) / 2.0;
        assert!((want - chain_share(p, 0.0, 7)).abs() < 1e-12);
        assert!((want - 0.459).abs() < 0.001);
        let got = departed_share(&blocked_from_2026(p, 0.0), n);
        assert!(
            (got - want).abs() < tolerance(want, n),
            "{got} against {want}"
        );
    }

    /// Whether each year's sampled US policy is looser than the year before's (the first
    /// volatile year against its dated value), on a dated path that holds from then on.
    fn easings(p: &LeverPath, dated: &LeverPath) -> Vec<bool> {
        let first = (FIRST_VOLATILE_YEAR - p.first_year) as usize;
        (0..p.years())
            .map(|yi| {
                let before = match yi {
                    _ if yi < first => return false,
                    _ if yi == first => dated.get(LeverId::ChipExports, yi),
                    _ => p.get(LeverId::ChipExports, yi - 1),
                };
                p.get(LeverId::ChipExports, yi) > before
            })
            .collect()
    }

    #[test]
    fn a_sure_counter_move_meets_every_us_easing_with_the_block() {
        // Dated open to imports, so only a counter-move (or a flip) puts the block on.
        let mut s = blocked_from_2026(0.2, 0.4);
        s.schedule[0].set[1].1 = Dist::Fixed(0.0);
        s.volatility.us_policy_switch = 0.6;
        s.volatility.us_policy_revert = 0.5;
        let o = Overrides::default();
        let dated = central_path(&s, &o);
        for counter in [1.0, 0.0] {
            s.volatility.china_counter = counter;
            let (mut eased, mut blocked) = (0, 0);
            for seed in 0..300 {
                let p = sample_path(&s, &o, &mut Pcg64::new(seed, 13));
                for (yi, e) in easings(&p, &dated).into_iter().enumerate() {
                    if e {
                        eased += 1;
                        let block = p.get(LeverId::ImportBlock, yi);
                        if counter == 1.0 {
                            assert_eq!(block, 1.0, "seed {seed}, year index {yi}");
                        }
                        blocked += usize::from(block == 1.0);
                    }
                }
            }
            assert!(eased > 100, "{eased}");
            if counter == 0.0 {
                // Without counter-moves the block is on only where acceptance flipped.
                assert!(blocked < eased / 2, "{blocked} of {eased}");
            }
        }
    }

    #[test]
    fn counter_moves_never_touch_an_overridden_block() {
        // Dated banned and open to imports from 2026.
        let mut s = blocked_from_2026(0.0, 0.0);
        s.schedule[0].set[0].1 = Dist::Fixed(0.0);
        s.schedule[0].set[1].1 = Dist::Fixed(0.0);
        s.volatility.us_policy_switch = 1.0;
        s.volatility.china_counter = 1.0;
        let mut o = Overrides::default();
        o.set_from(LeverId::ImportBlock, Dist::Fixed(0.0), 2028);
        let dated = central_path(&s, &o);
        for seed in 0..50 {
            let p = sample_path(&s, &o, &mut Pcg64::new(seed, 17));
            // From 0 the sure move in 2026 eases, and the sure counter-move meets it.
            assert_eq!(p.get(LeverId::ChipExports, 2), 1.0, "seed {seed}");
            assert_eq!(p.get(LeverId::ImportBlock, 2), 1.0, "seed {seed}");
            for yi in 4..p.years() {
                assert_eq!(
                    p.get(LeverId::ImportBlock, yi),
                    dated.get(LeverId::ImportBlock, yi),
                    "seed {seed}, year index {yi}"
                );
            }
        }
    }

    /// Dated values that are month-weighted means (a change in the middle of a year):
    /// switches move from them, clamp to the range, revert to them exactly, and reverse the
    /// dated stance month by month.
    #[test]
    fn fractional_dated_values_switch_and_revert_exactly() {
        const EXPORTS: usize = LeverId::ChipExports as usize;
        const BLOCK: usize = LeverId::ImportBlock as usize;
        let mut s = Scenario::defaults("t");
        s.first_year = 2026;
        s.last_year = 2033;
        let base = central_path(&s, &Overrides::default());
        let exports = [1.5, 0.25, 1.75, 1.75, 0.5, 2.0, 0.0, 1.0];
        let block = [0.96, 0.5, 0.25, 0.0, 1.0, 0.75, 0.5, 0.04];
        let dated: Vec<[f64; LEVER_COUNT]> = base
            .values
            .iter()
            .enumerate()
            .map(|(yi, row)| {
                let mut row = *row;
                row[EXPORTS] = exports[yi];
                row[BLOCK] = block[yi];
                row
            })
            .collect();
        let o = Overrides::default();
        for (switch, revert, counter) in [(1.0, 1.0, 0.0), (0.7, 0.0, 1.0), (0.5, 0.3, 0.5)] {
            s.volatility = Volatility {
                us_policy_switch: switch,
                china_acceptance_flip: switch,
                us_policy_revert: revert,
                china_acceptance_revert: revert,
                china_counter: counter,
            };
            for seed in 0..200 {
                let mut rows = dated.clone();
                apply_switches(&s, &o, &mut rows, &mut Pcg64::new(seed, 19));
                // The lane's offset from the dated path, while the value shows it (not
                // clamped at an end).
                let mut offset = Some(0.0);
                for (yi, row) in rows.iter().enumerate() {
                    let (e, b) = (row[EXPORTS], row[BLOCK]);
                    assert!((0.0..=2.0).contains(&e), "seed {seed}: exports {e}");
                    // On the path, departed (reversed) or blocked by a counter-move.
                    assert!(
                        [block[yi], 1.0 - block[yi], 1.0].contains(&b),
                        "seed {seed}, year index {yi}: block {b}"
                    );
                    if counter == 1.0
                        && offset.is_some_and(|d: f64| e > (exports[yi] + d).clamp(0.0, 2.0))
                    {
                        // US policy eased this year: the block meets it.
                        assert_eq!(b, 1.0, "seed {seed}, year index {yi}");
                    }
                    if (switch, revert) == (1.0, 1.0) {
                        // A sure move, then a sure revert to the dated value, bit for bit.
                        if yi % 2 == 1 {
                            assert_eq!(e.to_bits(), exports[yi].to_bits(), "seed {seed}");
                            assert_eq!(b.to_bits(), block[yi].to_bits(), "seed {seed}");
                        } else {
                            assert_ne!(e, exports[yi], "seed {seed}, year index {yi}");
                            assert!((e - exports[yi]).abs() <= 1.0, "seed {seed}");
                            assert_eq!(b.to_bits(), (1.0 - block[yi]).to_bits());
                        }
                    }
                    offset = (0.0 < e && e < 2.0).then_some(e - exports[yi]);
                }
            }
        }
    }
}
