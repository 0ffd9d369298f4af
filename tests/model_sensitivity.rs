//! The tornado and the group split stand on the headline's basis: a swing's base is the Monte
//! Carlo p50 the headline shows, a lever's setting in the chosen year is what swings (over the
//! months it is in force, earlier settings kept), and every other value of every sample is
//! the one drawn without the swing (common random numbers).

use chipcast::model::levers::LeverId;
use chipcast::model::metrics::MetricId;
use chipcast::model::montecarlo::{DEFAULT_SEED, sample_rng, simulate};
use chipcast::model::path::{Hold, LeverPath, Sampler};
use chipcast::model::scenario::{Overrides, Scenario};
use chipcast::model::sensitivity::{Basis, attribution, sweep};
fn bundled_scenario(name: &str) -> Scenario {
    chipcast::scenario::bundled(name).expect("bundled")
}

fn p50(s: &Scenario, o: &Overrides, samples: usize, m: MetricId, year: i32) -> f64 {
    let p = simulate(s, o, samples, DEFAULT_SEED);
    p.band(m).p50[(year - p.first_year) as usize]
}

#[test]
fn the_base_of_the_tornado_is_the_headline_median() {
    let s = bundled_scenario("baseline");
    let o = Overrides::default();
    let basis = Basis {
        samples: 120,
        seed: DEFAULT_SEED,
    };
    for (m, year) in [(MetricId::Domestic, 2028), (MetricId::ComputeGap, 2030)] {
        let swings = sweep(&s, &o, m, year, basis);
        let headline = p50(&s, &o, 120, m, year);
        assert_eq!(swings[0].base, headline, "{m:?} {year}");
        // The central run is a different number: the basis matters.
        let central = sweep(&s, &o, m, year, Basis::CENTRAL)[0].base;
        assert_ne!(central, headline, "{m:?} {year}");
    }
}

#[test]
fn the_setting_in_force_in_the_year_swings_and_brackets_the_base() {
    // The case: in 2030 the baseline's state investment is the 2025 setting (~15
    // $bn/yr), not the first year's (~10): swinging the first-year distribution put both ends
    // below the base.
    let s = bundled_scenario("baseline");
    let o = Overrides::default();
    let id = LeverId::StateInvestment;
    let setting = s.setting_in(id, 2030);
    assert_ne!(
        setting, s.levers[id as usize],
        "the baseline changes it on a date"
    );
    let basis = Basis {
        samples: 120,
        seed: DEFAULT_SEED,
    };
    let swings = sweep(&s, &o, MetricId::AdvancedCapacity, 2030, basis);
    let w = swings.iter().find(|w| w.lever == id).unwrap();
    assert_eq!(w.setting, setting);
    assert_eq!(w.since, s.changes_of(id)[0].0);
    let (p10, p90) = setting.p10_p90(id.lever().kind.range());
    assert_eq!((w.low_value, w.high_value), (p10, p90));
    assert!(w.low < w.base && w.base < w.high, "{w:?}");
}

#[test]
fn a_swing_holds_only_its_setting_and_keeps_every_other_draw() {
    let s = bundled_scenario("baseline");
    let o = Overrides::default();
    let free = Sampler::new(&s, &o);
    let id = LeverId::StateInvestment;
    let since = s.changes_of(id)[0].0;
    let held = Sampler::held(
        &s,
        &o,
        Some(Hold {
            lever: id,
            year: 2030,
            value: 33.0,
        }),
    );
    let mut a = LeverPath::empty();
    let mut b = LeverPath::empty();
    for i in 0..50 {
        free.sample_into(&mut sample_rng(DEFAULT_SEED, i), &mut a);
        held.sample_into(&mut sample_rng(DEFAULT_SEED, i), &mut b);
        for (yi, (ra, rb)) in a.values.iter().zip(&b.values).enumerate() {
            let year = s.first_year + yi as i32;
            for (l, (va, vb)) in ra.iter().zip(rb).enumerate() {
                if l == id as usize {
                    if year > since {
                        assert_eq!(*vb, 33.0, "held from the year after {since}");
                    } else if year < since {
                        assert_eq!(va, vb, "{year}: before the setting, as drawn");
                    }
                } else {
                    assert_eq!(va, vb, "sample {i}, {year}, lever {l}: the same draw");
                }
            }
        }
    }
}

#[test]
fn a_lever_that_moves_no_sample_swings_by_exactly_nothing() {
    // With common random numbers a lever that does not reach the metric leaves every sample,
    // so every median, exactly where it was: no Monte Carlo noise shows as a swing.
    let s = bundled_scenario("baseline");
    let o = Overrides::default();
    let basis = Basis {
        samples: 120,
        seed: DEFAULT_SEED,
    };
    let swings = sweep(&s, &o, MetricId::Domestic, 2024, basis);
    let still: Vec<_> = swings.iter().filter(|w| w.width() == 0.0).collect();
    assert!(
        still.len() >= 5,
        "in the calibration year most levers do nothing: {swings:?}"
    );
    for w in still {
        assert_eq!((w.low, w.high), (w.base, w.base), "{w:?}");
    }
}

#[test]
fn the_group_split_sums_to_the_difference_of_the_medians() {
    let a = bundled_scenario("baseline");
    let b = bundled_scenario("hardline");
    let o = Overrides::default();
    let metrics = [MetricId::Domestic, MetricId::UsVendorRevenue];
    let basis = Basis {
        samples: 120,
        seed: DEFAULT_SEED,
    };
    let splits = attribution((&a, &o), (&b, &o), &metrics, 2030, basis).unwrap();
    for (m, split) in metrics.iter().zip(splits) {
        let change = p50(&b, &o, 120, *m, 2030) - p50(&a, &o, 120, *m, 2030);
        assert!(
            (split.total() - change).abs() <= 1e-9 * change.abs().max(1.0),
            "{m:?}: {split:?} sums to {} not {change}",
            split.total()
        );
    }
}
