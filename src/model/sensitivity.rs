//! Sensitivity: one-at-a-time lever swings (the data behind a tornado chart) and the split of
//! a change between the three lever groups (controls, response, world).
//!
//! Both stand on one [`Basis`], the one the headline beside them shows: the median of the
//! seeded Monte Carlo (or, with 0 samples, the central run). A swing holds the setting of a
//! lever in force in the chosen year at a low and a high value over the months it is in
//! force, every other value of every sample as drawn (common random numbers); so the base of
//! a tornado is the headline's median itself, and a lever that moves no sample moves nothing.

use super::levers::{Group, Kind, LEVER_COUNT, LEVERS, LeverId};
use super::metrics::MetricId;
use super::montecarlo::{median_held, sample_rng};
use super::path::{Hold, LeverPath, Sampler};
use super::percentiles::{Key, order_key, percentiles};
use super::project::{Run, project_into};
use super::scenario::{Dist, Overrides, Scenario};

/// What sensitivity figures are medians of: `samples` Monte Carlo samples drawn with `seed`
/// (the same samples as a headline p50 with that count and seed), or the central run when
/// `samples` is 0.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Basis {
    /// Monte Carlo samples; 0 is the central run.
    pub samples: usize,
    /// The Monte Carlo seed.
    pub seed: u64,
}

impl Basis {
    /// The deterministic central run.
    pub const CENTRAL: Basis = Basis {
        samples: 0,
        seed: 0,
    };
}

/// How one lever moves a metric in a year.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Swing {
    /// The lever swung, every other lever as the scenario has it.
    pub lever: LeverId,
    /// The setting swung: the lever's value in force in the year (the scenario's, a dated
    /// change or an override).
    pub setting: Dist,
    /// The year that setting took effect (the horizon's first year when it holds from the
    /// start); the swing holds it from then until the lever's next change.
    pub since: i32,
    /// The lever values swung to. For bools and choices, the options that gave the lowest and
    /// the highest metric value.
    pub low_value: f64,
    /// The lever value of the high end of the swing, in the lever's encoding (see
    /// `low_value`).
    pub high_value: f64,
    /// The metric at `low_value`, in the metric's unit, on the sweep's basis.
    pub low: f64,
    /// The metric at `high_value`, in the metric's unit.
    pub high: f64,
    /// The metric unswung, on the same basis.
    pub base: f64,
}

impl Swing {
    /// The size of the swing, `|high − low|`.
    pub fn width(&self) -> f64 {
        (self.high - self.low).abs()
    }
}

/// The setting of a lever in force in `year` and the year it took effect: the last override
/// of it starting by then, else the scenario's last dated change by then, else its first-year
/// value (as the model applies them; see `model::path`).
pub fn setting_in(s: &Scenario, o: &Overrides, id: LeverId, year: i32) -> (Dist, i32) {
    let overridden =
        o.0.iter()
            .rev()
            .find(|e| e.lever == id && e.from.is_none_or(|from| from <= year));
    if let Some(e) = overridden {
        return (
            e.value,
            e.from.map_or(s.first_year, |f| f.max(s.first_year)),
        );
    }
    let since = s
        .changes_of(id)
        .into_iter()
        .rfind(|&(y, _, _)| y <= year)
        .map_or(s.first_year, |(y, _, _)| y.max(s.first_year));
    (s.setting_in(id, year), since)
}

/// Swings every lever one at a time and ranks them by `|high − low|` (largest first; ties
/// keep the lever table's order).
///
/// Each lever's setting in force in `year` is held at a low and a high value over the months
/// it is in force (earlier and later settings kept): an uncertain setting across its
/// p10–p90, a fixed number across the lever's whole range, a bool or choice at every option.
/// Every figure is the metric's median in `year` on `basis`, so `base` is the headline's
/// value. Returns no swings when `year` is outside the horizon.
pub fn sweep(s: &Scenario, o: &Overrides, metric: MetricId, year: i32, basis: Basis) -> Vec<Swing> {
    sweep_unless(s, o, metric, year, basis, &|| false).unwrap_or_default()
}

/// [`sweep`], giving up (`None`) as soon as `stop` says so between two runs: the explorer
/// stops a tornado when a key needs the cores for the bands.
pub fn sweep_unless(
    s: &Scenario,
    o: &Overrides,
    metric: MetricId,
    year: i32,
    basis: Basis,
    stop: &dyn Fn() -> bool,
) -> Option<Vec<Swing>> {
    if year < s.first_year || year > s.last_year {
        return Some(Vec::new());
    }
    let stopped = std::cell::Cell::new(false);
    let median = |hold: Option<Hold>| {
        if stopped.get() || stop() {
            stopped.set(true);
            return f64::NAN;
        }
        median_held(s, o, hold, basis.samples, basis.seed, metric, year).unwrap_or(f64::NAN)
    };
    let base = median(None);

    let mut swings = Vec::with_capacity(LEVER_COUNT);
    for lever in &LEVERS {
        let id = lever.id;
        let (setting, since) = setting_in(s, o, id, year);
        // Holding a fixed setting at its own value changes nothing: that end is the base.
        let at = |value: f64| {
            if !setting.is_uncertain() && value == setting.central() {
                base
            } else {
                median(Some(Hold {
                    lever: id,
                    year,
                    value,
                }))
            }
        };
        let range = lever.kind.range();
        let ((low_value, low), (high_value, high)) = match lever.kind {
            Kind::Bool | Kind::Choice(_) => {
                let mut low = (range.0, f64::INFINITY);
                let mut high = (range.0, f64::NEG_INFINITY);
                let mut option = range.0;
                while option <= range.1 {
                    let m = at(option);
                    if m < low.1 {
                        low = (option, m);
                    }
                    if m > high.1 {
                        high = (option, m);
                    }
                    option += 1.0;
                }
                (low, high)
            }
            Kind::Number { .. } => {
                let (lv, hv) = if setting.is_uncertain() {
                    setting.p10_p90(range)
                } else {
                    range
                };
                let (lv, hv) = (lv.clamp(range.0, range.1), hv.clamp(range.0, range.1));
                ((lv, at(lv)), (hv, at(hv)))
            }
        };
        swings.push(Swing {
            lever: id,
            setting,
            since,
            low_value,
            high_value,
            low,
            high,
            base,
        });
    }
    if stopped.get() {
        return None;
    }
    swings.sort_by(|a, b| b.width().total_cmp(&a.width()));
    Some(swings)
}

/// How a change from scenario A to scenario B splits between the lever groups.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GroupSplit {
    /// The part of B − A due to US and allied export controls (their Shapley value), in the
    /// metric's unit.
    pub controls: f64,
    /// The part of B − A due to China's responses, in the metric's unit.
    pub response: f64,
    /// The part of B − A due to market and technology assumptions, in the metric's unit.
    pub world: f64,
}

impl GroupSplit {
    /// The whole change, B − A.
    pub fn total(&self) -> f64 {
        self.controls + self.response + self.world
    }

    /// One group's part of the change, in the metric's unit.
    pub fn get(&self, g: Group) -> f64 {
        match g {
            Group::Controls => self.controls,
            Group::Response => self.response,
            Group::World => self.world,
        }
    }
}

/// The eight mixes of A and B: mix `k` takes the levers of the groups in bit set `k` (bit g
/// = `Group::ALL[g]`) from B, the rest from A.
const MIXES: usize = 8;

/// Splits the change in each of `metrics` in `year` from A to B between the three lever
/// groups with Shapley values: each group's part is its effect averaged over the six orders in
/// which the groups can switch from A's levers to B's. The value of a mix of groups is the
/// metric's median on `basis`, sample `i` of a mix taking each lever's path from sample `i` of
/// A or of B (common random numbers); so the ends are A's and B's headline medians, and the
/// parts sum to their difference exactly.
///
/// The runs are taken over a common horizon from the earlier first year to `year`; a
/// scenario's levers before its own first year are its first-year values, which is also what
/// the model does on its own, so the ends of the split are the two scenarios' own values.
/// Returns `None` when `year` is outside either scenario's horizon.
pub fn attribution(
    a: (&Scenario, &Overrides),
    b: (&Scenario, &Overrides),
    metrics: &[MetricId],
    year: i32,
    basis: Basis,
) -> Option<Vec<GroupSplit>> {
    let in_horizon = |s: &Scenario| year >= s.first_year && year <= s.last_year;
    if !in_horizon(a.0) || !in_horizon(b.0) {
        return None;
    }
    let (sa, sb) = (Sampler::new(a.0, a.1), Sampler::new(b.0, b.1));
    let samples = basis.samples.max(1);
    // values[(m * MIXES + mix) * samples + i]: metric m of mix `mix` in sample i.
    let mut values = vec![0.0; metrics.len() * MIXES * samples];
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(samples.div_ceil(256))
        .max(1);
    let chunk = samples.div_ceil(threads);
    let results: Vec<(usize, Vec<f64>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let (sa, sb) = (&sa, &sb);
                scope.spawn(move || {
                    let range = t * chunk..((t + 1) * chunk).min(samples);
                    (range.start, mixes(sa, sb, metrics, year, basis, range))
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    let columns = metrics.len() * MIXES;
    for (start, got) in results {
        let n = got.len() / columns;
        for c in 0..columns {
            values[c * samples + start..c * samples + start + n]
                .copy_from_slice(&got[c * n..(c + 1) * n]);
        }
    }
    let splits = (0..metrics.len())
        .map(|m| {
            let value: [f64; MIXES] = std::array::from_fn(|mix| {
                let column = &values[(m * MIXES + mix) * samples..][..samples];
                if basis.samples == 0 {
                    column[0]
                } else {
                    // The median as the Monte Carlo's bands take it, from the same keys.
                    let keys: Vec<Key> = column.iter().map(|&v| order_key(v)).collect();
                    percentiles(&keys)[1]
                }
            });
            shapley(&value)
        })
        .collect();
    Some(splits)
}

/// The values of `metrics` in `year` for every mix of samples `range` of A and B (the central
/// runs when the basis has no samples), laid out column by column: column `m * MIXES + mix`,
/// one value a sample.
fn mixes(
    sa: &Sampler,
    sb: &Sampler,
    metrics: &[MetricId],
    year: i32,
    basis: Basis,
    range: std::ops::Range<usize>,
) -> Vec<f64> {
    let n = range.len();
    let mut out = vec![0.0; metrics.len() * MIXES * n];
    let (mut pa, mut pb) = (sa.base().clone(), sb.base().clone());
    let first = pa.first_year.min(pb.first_year);
    let years = (year - first + 1) as usize;
    let mut path = LeverPath {
        first_year: first,
        values: vec![[0.0; LEVER_COUNT]; years],
    };
    let group_of: [usize; LEVER_COUNT] = std::array::from_fn(|i| {
        Group::ALL
            .iter()
            .position(|&g| g == LEVERS[i].group)
            .unwrap_or(0)
    });
    let mut run = Run::empty();
    for (k, i) in range.enumerate() {
        if basis.samples > 0 {
            let rng = sample_rng(basis.seed, i);
            sa.sample_into(&mut rng.clone(), &mut pa);
            sb.sample_into(&mut rng.clone(), &mut pb);
        }
        let row = |p: &LeverPath, y: i32| p.values[((y - p.first_year).max(0)) as usize];
        for mix in 0..MIXES {
            for (yi, out_row) in path.values.iter_mut().enumerate() {
                let y = first + yi as i32;
                let (ra, rb) = (row(&pa, y), row(&pb, y));
                for (i, cell) in out_row.iter_mut().enumerate() {
                    *cell = if mix & (1 << group_of[i]) != 0 {
                        rb[i]
                    } else {
                        ra[i]
                    };
                }
            }
            project_into(&path, &mut run);
            for (m, &metric) in metrics.iter().enumerate() {
                out[(m * MIXES + mix) * n + k] = run.series(metric)[years - 1];
            }
        }
    }
    out
}

/// The Shapley value of each group from the value of every mix: over the 6 orders, the
/// marginal effect of adding the group to the groups before it. With three players the
/// weights are 1/3 (alone), 1/6 (after one other) and 1/3 (after both).
fn shapley(value: &[f64; MIXES]) -> GroupSplit {
    let part = |g: usize| -> f64 {
        let bit = 1 << g;
        let others: Vec<usize> = (0..3).filter(|&h| h != g).collect();
        let (o1, o2) = (1 << others[0], 1 << others[1]);
        let m = |set: usize| value[set | bit] - value[set];
        (2.0 * m(0) + m(o1) + m(o2) + 2.0 * m(o1 | o2)) / 6.0
    };
    GroupSplit {
        controls: part(0),
        response: part(1),
        world: part(2),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::scenario::Dist;

    #[test]
    fn sweep_ranks_by_width_and_reports_the_base() {
        let s = Scenario::defaults("t");
        let o = Overrides::default();
        let swings = sweep(&s, &o, MetricId::Domestic, 2028, Basis::CENTRAL);
        assert_eq!(swings.len(), LEVER_COUNT);
        for w in swings.windows(2) {
            assert!(w[0].width() >= w[1].width());
        }
        assert!(swings[0].width() > 0.0);
        assert!(sweep(&s, &o, MetricId::Domestic, 2090, Basis::CENTRAL).is_empty());
    }

    #[test]
    fn attribution_sums_to_the_change() {
        let a = Scenario::defaults("a");
        let mut b = Scenario::defaults("b");
        b.levers[LeverId::EuvAccess as usize] = Dist::Fixed(1.0);
        b.levers[LeverId::StateInvestment as usize] = Dist::Fixed(40.0);
        b.levers[LeverId::DemandGrowth as usize] = Dist::Fixed(0.6);
        let o = Overrides::default();
        let m = [MetricId::Domestic];
        let split = attribution((&a, &o), (&b, &o), &m, 2030, Basis::CENTRAL).unwrap()[0];
        let ra = crate::model::project::project(&super::super::path::central_path(&a, &o));
        let rb = crate::model::project::project(&super::super::path::central_path(&b, &o));
        let change =
            rb.get(MetricId::Domestic, 2030).unwrap() - ra.get(MetricId::Domestic, 2030).unwrap();
        assert!((split.total() - change).abs() <= 1e-9 * change.abs().max(1.0));
        assert!(attribution((&a, &o), (&b, &o), &m, 2040, Basis::CENTRAL).is_none());
    }
}
