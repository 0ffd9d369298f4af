//! Overrides that start in a year (`Overrides::set_from`), as properties over random
//! scenarios: every year before the start is exactly the scenario's own (lever path and
//! projected run, bit for bit), from the start on the lever holds the override, and a start in
//! the first year (or earlier) is a whole-horizon override (`Overrides::set`).
//!
//! The run is checked for starts after the anchor year only: years before 2024 are a backcast
//! from the 2024 values (docs/model.md §1), so an override that covers 2024 changes them
//! through the anchor, as it should; their lever paths are still the scenario's own.

mod common;

use common::{lever_id, lever_value};

use chipcast::model::levers::{Kind, LEVER_COUNT, LEVERS, LeverId};
use chipcast::model::metrics::MetricId;
use chipcast::model::path::{central_path, sample_path};
use chipcast::model::project::params::ANCHOR_YEAR;
use chipcast::model::project::project;
use chipcast::model::scenario::{Dist, Overrides, Scenario};
use proptest::prelude::*;
use rand_pcg::Pcg64;

/// A random scenario (horizon, every lever, up to four dated changes, policy switch odds) and
/// up to three whole-horizon overrides.
fn scenario() -> impl Strategy<Value = (Scenario, Overrides)> {
    (common::random_scenario(4), (0.0..=1.0_f64, 0.0..=1.0_f64)).prop_map(
        |((mut s, o), (sw, fl))| {
            s.volatility.us_policy_switch = sw;
            s.volatility.china_acceptance_flip = fl;
            (s, o)
        },
    )
}

/// A random uncertain distribution over a number lever's range, or a fixed value.
fn dist_for(id: LeverId, u: f64, w: f64, uncertain: bool) -> Dist {
    let v = lever_value(id, u);
    match LEVERS[id as usize].kind {
        Kind::Number { min, max, .. } if uncertain => Dist::Uniform {
            low: (v - w * (max - min)).max(min),
            high: v,
        },
        _ => Dist::Fixed(v),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// Before the start year the lever path and (for a start after the anchor year) every
    /// metric of the projected run are bit for bit those without the override; from it on the
    /// lever holds the override's value.
    #[test]
    fn years_before_the_start_are_the_scenarios_own(
        (s, o) in scenario(),
        id in lever_id(),
        u in 0.0..=1.0_f64,
        dy in -3..=17_i32,
    ) {
        let mut base = o.clone();
        base.remove(id);
        let year = s.first_year + dy;
        let mut from = base.clone();
        from.set_from(id, Dist::Fixed(lever_value(id, u)), year);

        let (pa, pb) = (central_path(&s, &base), central_path(&s, &from));
        let (ra, rb) = (project(&pa), project(&pb));
        let want = lever_value(id, u);
        for (yi, y) in s.years().enumerate() {
            if y < year {
                for (l, lever) in LEVERS.iter().enumerate() {
                    prop_assert_eq!(pa.values[yi][l].to_bits(), pb.values[yi][l].to_bits(),
                        "lever {} in {}", lever.key, y);
                }
                if year <= ANCHOR_YEAR {
                    continue;
                }
                for &m in MetricId::ALL {
                    prop_assert_eq!(ra.series(m)[yi].to_bits(), rb.series(m)[yi].to_bits(),
                        "{} in {} with {} from {}", m.key(), y, id.key(), year);
                }
                prop_assert_eq!(ra.binding[yi], rb.binding[yi]);
            } else {
                prop_assert_eq!(pb.get(id, yi), want, "{} in {}", id.key(), y);
                for l in 0..LEVER_COUNT {
                    if l != id as usize {
                        prop_assert_eq!(pa.values[yi][l].to_bits(), pb.values[yi][l].to_bits());
                    }
                }
            }
        }
    }

    /// A start in the first year, or before it, is an override of every year: the same central
    /// path and the same sampled paths from the same generator.
    #[test]
    fn a_start_at_or_before_the_first_year_is_a_whole_horizon_override(
        (s, o) in scenario(),
        id in lever_id(),
        (u, w, uncertain) in (0.0..=1.0_f64, 0.0..=0.5_f64, any::<bool>()),
        before in 0..=5_i32,
        seed in any::<u64>(),
    ) {
        let d = dist_for(id, u, w, uncertain);
        let mut whole = o.clone();
        whole.set(id, d);
        let mut from = o.clone();
        from.set_from(id, d, s.first_year - before);
        prop_assert_eq!(central_path(&s, &whole), central_path(&s, &from));
        let a = sample_path(&s, &whole, &mut Pcg64::new(u128::from(seed), 3));
        let b = sample_path(&s, &from, &mut Pcg64::new(u128::from(seed), 3));
        prop_assert_eq!(a, b);
    }

    /// A start after the horizon changes nothing.
    #[test]
    fn a_start_after_the_horizon_changes_nothing(
        (s, o) in scenario(),
        id in lever_id(),
        u in 0.0..=1.0_f64,
        after in 1..=5_i32,
    ) {
        let mut base = o.clone();
        base.remove(id);
        let mut from = base.clone();
        from.set_from(id, Dist::Fixed(lever_value(id, u)), s.last_year + after);
        prop_assert_eq!(central_path(&s, &base), central_path(&s, &from));
    }

    /// Sampled paths with an override from a year stay in range and hold the override from
    /// its start (a fixed value is never switched there).
    #[test]
    fn sampled_paths_hold_the_override_from_its_start(
        (s, o) in scenario(),
        id in lever_id(),
        u in 0.0..=1.0_f64,
        dy in 0..=10_i32,
        seed in any::<u64>(),
    ) {
        let year = s.first_year + dy;
        let mut from = o.clone();
        from.set_from(id, Dist::Fixed(lever_value(id, u)), year);
        let p = sample_path(&s, &from, &mut Pcg64::new(u128::from(seed), 9));
        for (yi, y) in s.years().enumerate() {
            for (l, lever) in LEVERS.iter().enumerate() {
                prop_assert!(lever.accepts(p.values[yi][l]), "{} = {}", lever.key, p.values[yi][l]);
            }
            if y >= year {
                prop_assert_eq!(p.get(id, yi), lever_value(id, u));
            }
        }
    }
}
