//! Sensitivity: one-at-a-time lever swings (the data behind a tornado chart) and the split of
//! a change between the three lever groups (controls, response, world).
//!
//! Both are deterministic: every run is a central run. A swung lever is set for every year of
//! the horizon (as an override would be), so a lever with a dated schedule is swung as a
//! whole.

use super::levers::{Group, Kind, LEVER_COUNT, LEVERS, LeverId};
use super::metrics::MetricId;
use super::path::{LeverPath, central_path};
use super::project::{Run, project_into};
use super::scenario::{Overrides, Scenario};

/// How one lever moves a metric in a year.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Swing {
    /// The lever swung, every other lever as the scenario has it.
    pub lever: LeverId,
    /// The lever values swung to. For bools and choices, the options that gave the lowest and
    /// the highest metric value.
    pub low_value: f64,
    /// The lever value of the high end of the swing, in the lever's encoding (see
    /// `low_value`).
    pub high_value: f64,
    /// The metric at `low_value` and at `high_value`.
    pub low: f64,
    /// The metric at `high_value`, in the metric's unit.
    pub high: f64,
    /// The metric in the unswung central run.
    pub base: f64,
}

impl Swing {
    /// The size of the swing, `|high − low|`.
    pub fn width(&self) -> f64 {
        (self.high - self.low).abs()
    }
}

/// Swings every lever one at a time, others central, and ranks them by `|high − low|`
/// (largest first; ties keep the lever table's order).
///
/// A lever whose value is uncertain swings across its distribution's p10–p90; a fixed number
/// swings across its whole range; bools and choices try every option. Returns no swings when
/// `year` is outside the horizon.
pub fn sweep(s: &Scenario, o: &Overrides, metric: MetricId, year: i32) -> Vec<Swing> {
    if year < s.first_year || year > s.last_year {
        return Vec::new();
    }
    let base_path = central_path(s, o);
    let yi = (year - s.first_year) as usize;
    let mut run = Run::empty();
    project_into(&base_path, &mut run);
    let base = run.series(metric)[yi];

    let mut path = base_path.clone();
    let value_at = |id: LeverId, v: f64, path: &mut LeverPath, run: &mut Run| -> f64 {
        for (row, base_row) in path.values.iter_mut().zip(&base_path.values) {
            *row = *base_row;
            row[id as usize] = v;
        }
        project_into(path, run);
        run.series(metric)[yi]
    };

    let mut swings = Vec::with_capacity(LEVER_COUNT);
    for lever in &LEVERS {
        let id = lever.id;
        let dist = o.get(id).unwrap_or(s.levers[id as usize]);
        let swing = match lever.kind {
            Kind::Bool | Kind::Choice(_) => {
                let (lo, hi) = lever.kind.range();
                let mut low = (f64::INFINITY, lo);
                let mut high = (f64::NEG_INFINITY, lo);
                let mut option = lo;
                while option <= hi {
                    let m = value_at(id, option, &mut path, &mut run);
                    if m < low.0 {
                        low = (m, option);
                    }
                    if m > high.0 {
                        high = (m, option);
                    }
                    option += 1.0;
                }
                Swing {
                    lever: id,
                    low_value: low.1,
                    high_value: high.1,
                    low: low.0,
                    high: high.0,
                    base,
                }
            }
            Kind::Number { .. } => {
                let range = lever.kind.range();
                let (lv, hv) = if dist.is_uncertain() {
                    dist.p10_p90(range)
                } else {
                    range
                };
                let (lv, hv) = (lv.clamp(range.0, range.1), hv.clamp(range.0, range.1));
                Swing {
                    lever: id,
                    low_value: lv,
                    high_value: hv,
                    low: value_at(id, lv, &mut path, &mut run),
                    high: value_at(id, hv, &mut path, &mut run),
                    base,
                }
            }
        };
        swings.push(swing);
    }
    swings.sort_by(|a, b| b.width().total_cmp(&a.width()));
    swings
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

/// Splits the change in `metric` in `year` from A to B between the three lever groups with
/// Shapley values: each group's part is its effect averaged over the six orders in which the
/// groups can switch from A's levers to B's. The parts sum to B − A.
///
/// Both central runs are taken over a common horizon from the earlier first year to `year`;
/// a scenario's levers before its own first year are its first-year values, which is also
/// what the model does on its own, so the ends of the split are the two scenarios' own
/// values. Returns `None` when `year` is outside either scenario's horizon.
pub fn attribution(
    a: (&Scenario, &Overrides),
    b: (&Scenario, &Overrides),
    metric: MetricId,
    year: i32,
) -> Option<GroupSplit> {
    let in_horizon = |s: &Scenario| year >= s.first_year && year <= s.last_year;
    if !in_horizon(a.0) || !in_horizon(b.0) {
        return None;
    }
    let pa = central_path(a.0, a.1);
    let pb = central_path(b.0, b.1);
    let first = pa.first_year.min(pb.first_year);
    let years = (year - first + 1) as usize;
    let row = |p: &LeverPath, y: i32| p.values[((y - p.first_year).max(0)) as usize];

    let mut path = LeverPath {
        first_year: first,
        values: vec![[0.0; LEVER_COUNT]; years],
    };
    let mut run = Run::empty();
    // value[mask]: the metric with the groups in `mask` (bit g = Group::ALL[g]) taken from B.
    let mut value = [0.0_f64; 8];
    for (mask, slot) in value.iter_mut().enumerate() {
        for (yi, out) in path.values.iter_mut().enumerate() {
            let y = first + yi as i32;
            let ra = row(&pa, y);
            let rb = row(&pb, y);
            for lever in &LEVERS {
                let g = Group::ALL
                    .iter()
                    .position(|&g| g == lever.group)
                    .unwrap_or(0);
                let i = lever.id as usize;
                out[i] = if mask & (1 << g) != 0 { rb[i] } else { ra[i] };
            }
        }
        project_into(&path, &mut run);
        *slot = run.series(metric)[years - 1];
    }

    // Shapley value of group g: over the 6 orders, the marginal effect of adding g to the
    // groups before it. With three players the weights are 1/3 (alone), 1/6 (after one
    // other) and 1/3 (after both).
    let shapley = |g: usize| -> f64 {
        let bit = 1 << g;
        let others: Vec<usize> = (0..3).filter(|&h| h != g).collect();
        let (o1, o2) = (1 << others[0], 1 << others[1]);
        let m = |set: usize| value[set | bit] - value[set];
        (2.0 * m(0) + m(o1) + m(o2) + 2.0 * m(o1 | o2)) / 6.0
    };
    Some(GroupSplit {
        controls: shapley(0),
        response: shapley(1),
        world: shapley(2),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::scenario::Dist;

    #[test]
    fn sweep_ranks_by_width_and_reports_the_base() {
        let s = Scenario::defaults("t");
        let swings = sweep(&s, &Overrides::default(), MetricId::Domestic, 2028);
        assert_eq!(swings.len(), LEVER_COUNT);
        for w in swings.windows(2) {
            assert!(w[0].width() >= w[1].width());
        }
        assert!(swings[0].width() > 0.0);
        assert!(sweep(&s, &Overrides::default(), MetricId::Domestic, 2090).is_empty());
    }

    #[test]
    fn attribution_sums_to_the_change() {
        let a = Scenario::defaults("a");
        let mut b = Scenario::defaults("b");
        b.levers[LeverId::EuvAccess as usize] = Dist::Fixed(1.0);
        b.levers[LeverId::StateInvestment as usize] = Dist::Fixed(40.0);
        b.levers[LeverId::DemandGrowth as usize] = Dist::Fixed(0.6);
        let o = Overrides::default();
        let split = attribution((&a, &o), (&b, &o), MetricId::Domestic, 2030).unwrap();
        let ra = crate::model::project::project(&central_path(&a, &o));
        let rb = crate::model::project::project(&central_path(&b, &o));
        let change =
            rb.get(MetricId::Domestic, 2030).unwrap() - ra.get(MetricId::Domestic, 2030).unwrap();
        assert!((split.total() - change).abs() <= 1e-6 * change.abs().max(1.0));
        assert!(attribution((&a, &o), (&b, &o), MetricId::Domestic, 2040).is_none());
    }
}
