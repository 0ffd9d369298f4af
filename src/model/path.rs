//! Lever paths: the value of every lever in every year of one realization of a scenario.
//!
//! A path is what the projection reads. `central_path` puts every distribution at its central
//! value; `sample_path` draws each distribution once per realization and, scaled by the
//! `policy_volatility` lever, samples regime switches in US accelerator policy and in China's
//! acceptance of US accelerators. Nothing here computes model outputs.
//!
//! Rules (also in docs/model.md, "Lever paths"):
//! - a lever takes the scenario's value from the first year and each dated change from its
//!   year on; an override replaces both the value and the schedule for every year;
//! - bool and choice levers are snapped to a whole option (a bool is on at 0.5 and above);
//! - regime switches start in [`FIRST_VOLATILE_YEAR`] and never touch an overridden lever.

use rand::Rng;
use rand_distr::{Distribution, StandardNormal};

use super::levers::{Kind, LEVER_COUNT, LEVERS, LeverId};
use super::scenario::{Dist, Overrides, Scenario};

/// The first year in which policy switches are sampled. Policy up to January 2026 is known
/// (domain.md §2 ends there), so earlier years follow the dated path only.
pub const FIRST_VOLATILE_YEAR: i32 = 2026;

/// The per-year lever values of one realization.
#[derive(Clone, Debug, PartialEq)]
pub struct LeverPath {
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

/// Snaps a value to what its lever can hold: clamped to the range, whole for bools and choices.
pub(crate) fn snap(id: LeverId, value: f64) -> f64 {
    let lever = &LEVERS[id as usize];
    let (lo, hi) = lever.kind.range();
    let v = if value.is_finite() { value } else { lo };
    match lever.kind {
        Kind::Bool => {
            if v >= 0.5 {
                1.0
            } else {
                0.0
            }
        }
        Kind::Choice(_) => v.round().clamp(lo, hi),
        Kind::Number { .. } => v.clamp(lo, hi),
    }
}

/// Every distribution at its central value, the schedule applied, overrides on top.
pub fn central_path(s: &Scenario, o: &Overrides) -> LeverPath {
    let mut path = LeverPath::empty();
    fill_path(s, o, &mut path, &mut |_, d: Dist| d.central());
    path
}

/// One Monte Carlo realization: each distribution drawn once (a normal is truncated to its
/// lever's range), the schedule applied, overrides on top, then policy-regime switches
/// sampled with the scenario's yearly odds scaled by `policy_volatility` (0 gives the dated
/// path only).
pub fn sample_path<R: Rng>(s: &Scenario, o: &Overrides, rng: &mut R) -> LeverPath {
    let mut path = LeverPath::empty();
    sample_path_into(s, o, rng, &mut path);
    path
}

/// [`sample_path`] into a reused buffer (no allocation once the buffer has the horizon's
/// length).
pub fn sample_path_into<R: Rng>(s: &Scenario, o: &Overrides, rng: &mut R, path: &mut LeverPath) {
    fill_path(s, o, path, &mut |id, d| sample_dist(id, d, rng));
    apply_switches(s, o, path, rng);
}

/// Writes the base values, the schedule and the overrides into `path`, valuing each
/// distribution once with `value`.
fn fill_path(
    s: &Scenario,
    o: &Overrides,
    path: &mut LeverPath,
    value: &mut dyn FnMut(LeverId, Dist) -> f64,
) {
    let years = s.year_count();
    path.first_year = s.first_year;
    path.values.resize(years, [0.0; LEVER_COUNT]);

    let mut overridden = [false; LEVER_COUNT];
    let mut row = [0.0; LEVER_COUNT];
    for &id in LeverId::ALL {
        let i = id as usize;
        row[i] = match o.get(id) {
            Some(d) => {
                overridden[i] = true;
                snap(id, value(id, d))
            }
            None => snap(id, value(id, s.levers[i])),
        };
    }
    for r in path.values.iter_mut() {
        *r = row;
    }
    for change in &s.schedule {
        let start = (change.year - s.first_year).max(0) as usize;
        if start >= years {
            continue;
        }
        for &(id, d) in &change.set {
            if overridden[id as usize] {
                continue;
            }
            let v = snap(id, value(id, d));
            for r in &mut path.values[start..] {
                r[id as usize] = v;
            }
        }
    }
}

/// Draws one value from a distribution, kept within the lever's range.
fn sample_dist<R: Rng>(id: LeverId, d: Dist, rng: &mut R) -> f64 {
    let (lo, hi) = LEVERS[id as usize].kind.range();
    match d {
        Dist::Fixed(v) => v,
        Dist::Uniform { low, high } => low + rng.random::<f64>() * (high - low),
        Dist::Triangular { low, mode, high } => {
            if high <= low {
                return mode;
            }
            let u: f64 = rng.random();
            let f = (mode - low) / (high - low);
            if u < f {
                low + ((high - low) * (mode - low) * u).sqrt()
            } else {
                high - ((high - low) * (high - mode) * (1.0 - u)).sqrt()
            }
        }
        Dist::Normal { mean, sd } => {
            if sd <= 0.0 {
                return mean.clamp(lo, hi);
            }
            // Rejection keeps the shape of the truncated normal; after 16 misses (a mean far
            // outside the range) the draw is clamped instead.
            for _ in 0..16 {
                let z: f64 = StandardNormal.sample(rng);
                let v = mean + sd * z;
                if (lo..=hi).contains(&v) {
                    return v;
                }
            }
            mean.clamp(lo, hi)
        }
    }
}

/// Samples regime switches on top of the dated path.
///
/// US accelerator policy (`chip_exports`) moves one option tighter or looser with the yearly
/// probability `us_policy_switch × policy_volatility`; the move persists as an offset from the
/// dated value. China's acceptance (`import_block`) flips with probability
/// `china_acceptance_flip × policy_volatility`, and the flip persists.
fn apply_switches<R: Rng>(s: &Scenario, o: &Overrides, path: &mut LeverPath, rng: &mut R) {
    let exports_free = o.get(LeverId::ChipExports).is_none();
    let block_free = o.get(LeverId::ImportBlock).is_none();
    if !(exports_free || block_free) {
        return;
    }
    let max_export = LEVERS[LeverId::ChipExports as usize].kind.range().1;
    let mut offset = 0.0_f64;
    let mut flipped = false;
    for (yi, row) in path.values.iter_mut().enumerate() {
        let year = s.first_year + yi as i32;
        if year < FIRST_VOLATILE_YEAR {
            continue;
        }
        let vol = row[LeverId::PolicyVolatility as usize];
        let p_us = (s.volatility.us_policy_switch * vol).clamp(0.0, 1.0);
        let p_cn = (s.volatility.china_acceptance_flip * vol).clamp(0.0, 1.0);
        // Draw both uniforms every year so the stream does not depend on the outcome.
        let u_us: f64 = rng.random();
        let u_dir: f64 = rng.random();
        let u_cn: f64 = rng.random();
        if exports_free {
            let dated = row[LeverId::ChipExports as usize];
            if u_us < p_us {
                let current = (dated + offset).clamp(0.0, max_export);
                // At either end the only move is inward; in between, a coin decides.
                let step = if current <= 0.0 || (current < max_export && u_dir >= 0.5) {
                    1.0
                } else {
                    -1.0
                };
                offset = (current + step) - dated;
            }
            row[LeverId::ChipExports as usize] = (dated + offset).clamp(0.0, max_export);
        }
        if block_free {
            if u_cn < p_cn {
                flipped = !flipped;
            }
            if flipped {
                let dated = row[LeverId::ImportBlock as usize];
                row[LeverId::ImportBlock as usize] = 1.0 - dated;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::scenario::PolicyChange;
    use rand_pcg::Pcg64;

    fn scenario() -> Scenario {
        let mut s = Scenario::defaults("t");
        s.first_year = 2024;
        s.last_year = 2030;
        s.schedule.push(PolicyChange {
            year: 2026,
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
        s.volatility.us_policy_switch = 1.0;
        s.volatility.china_acceptance_flip = 1.0;
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
}
