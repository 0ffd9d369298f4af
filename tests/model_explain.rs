//! Explain a number (`model::explain`): every factor chain reproduces its metric's central
//! value in every bundled scenario and year, the units dies allow never fall short of the
//! units made, and the waterfall's parts sum to the difference (random override sets, a
//! hand-computed two-lever case, and the permutation method past `EXACT_MAX` levers).

use chipcast::model::explain::{self, EXACT_MAX, Factor, Method, combine, explain, waterfall};
use chipcast::model::levers::{Kind, LEVERS, LeverId};
use chipcast::model::metrics::{METRICS, MetricId};
use chipcast::model::path::central_path;
use chipcast::model::project::project;
use chipcast::model::scenario::{Dist, Overrides, Scenario};
use chipcast::scenario::bundled::NAMES;
use proptest::prelude::*;

fn bundled() -> Vec<Scenario> {
    NAMES
        .iter()
        .map(|n| chipcast::scenario::bundled(n).expect("bundled"))
        .collect()
}

fn close(a: f64, b: f64, scale: f64) -> bool {
    (a - b).abs() <= 1e-9 * scale.abs().max(a.abs()).max(b.abs()).max(f64::MIN_POSITIVE)
}

/// Every chain (and every factor's own parts) reproduces its value to 1e-9 relative.
fn check_chain(factors: &[Factor], value: f64, what: &str) {
    let got = combine(factors);
    assert!(got.is_finite(), "{what}: not finite");
    assert!(
        close(got, value, 0.0),
        "{what}: chain gives {got}, value is {value}"
    );
    for f in factors {
        if !f.parts.is_empty() {
            check_chain(&f.parts, f.value, &format!("{what} / {}", f.name));
        }
    }
}

#[test]
fn every_chain_reproduces_its_metric_in_every_bundled_scenario_and_year() {
    let mut chains = 0;
    for s in bundled() {
        let path = central_path(&s, &Overrides::default());
        let run = project(&path);
        for year in s.first_year..=s.last_year {
            for m in &METRICS {
                let e = explain(&path, m.id, year).expect("in the horizon");
                assert_eq!(e.value, run.get(m.id, year).unwrap(), "{} {year}", m.key);
                if explain::has_chain(m.id) {
                    assert!(!e.factors.is_empty(), "{} has a chain", m.key);
                    check_chain(&e.factors, e.value, &format!("{} {} {year}", s.name, m.key));
                    chains += 1;
                } else {
                    assert!(e.factors.is_empty());
                }
            }
            // The units dies allow are never fewer than the units made.
            let e = explain(&path, MetricId::Domestic, year).unwrap();
            let share = e.factors.last().unwrap().value;
            assert!(
                (0.0..=1.0 + 1e-9).contains(&share),
                "{} {year}: share made {share}",
                s.name
            );
            // Products in production and their binding input are the run's.
            for line in &e.products {
                assert_eq!(run.product_binding(line.product, year), Some(line.binding));
            }
        }
    }
    assert!(chains > 100);
    let s = chipcast::scenario::bundled("baseline").unwrap();
    let path = central_path(&s, &Overrides::default());
    assert!(explain(&path, MetricId::Domestic, s.last_year + 1).is_none());
}

fn value(s: &Scenario, o: &Overrides, m: MetricId, year: i32) -> f64 {
    project(&central_path(s, o)).get(m, year).unwrap()
}

#[test]
fn a_two_lever_waterfall_matches_the_hand_computed_shapley_values() {
    let s = chipcast::scenario::bundled("baseline").unwrap();
    // AI wafers are capacity times the AI share: the two levers interact.
    let (m, year) = (MetricId::AiWafers, 2029);
    let a = (LeverId::StateInvestment, Dist::Fixed(40.0));
    let b = (LeverId::AiWaferShare, Dist::Fixed(0.5));
    let none = Overrides::default();
    let only_a: Overrides = [a].into_iter().collect();
    let only_b: Overrides = [b].into_iter().collect();
    let both: Overrides = [a, b].into_iter().collect();
    let (v0, va, vb, vab) = (
        value(&s, &none, m, year),
        value(&s, &only_a, m, year),
        value(&s, &only_b, m, year),
        value(&s, &both, m, year),
    );
    let phi_a = 0.5 * ((va - v0) + (vab - vb));
    let phi_b = 0.5 * ((vb - v0) + (vab - va));
    let w = waterfall(
        &central_path(&s, &none),
        &central_path(&s, &both),
        m,
        year,
        1,
    )
    .unwrap();
    assert_eq!(w.method, Method::Exact);
    assert_eq!(w.parts.len(), 2);
    let part = |id| w.parts.iter().find(|p| p.0 == id).unwrap().1;
    assert!(
        close(part(a.0), phi_a, vab - v0),
        "{} vs {phi_a}",
        part(a.0)
    );
    assert!(
        close(part(b.0), phi_b, vab - v0),
        "{} vs {phi_b}",
        part(b.0)
    );
    assert!(close(w.reference, v0, v0) && close(w.current, vab, vab));
    assert!(close(w.total(), vab - v0, vab.abs().max(v0.abs())));
    // The interaction is real here, so the order matters and Shapley splits it.
    assert!((va - v0) != (vab - vb));
}

/// A number lever set to a point of its range given as a fraction of it.
fn number_levers() -> Vec<LeverId> {
    LEVERS
        .iter()
        .filter(|l| matches!(l.kind, Kind::Number { .. }))
        .map(|l| l.id)
        .collect()
}

fn overrides(picks: &[(usize, f64)]) -> Overrides {
    let levers = number_levers();
    picks
        .iter()
        .map(|&(i, f)| {
            let id = levers[i % levers.len()];
            let (lo, hi) = id.lever().kind.range();
            (id, Dist::Fixed(lo + f * (hi - lo)))
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Exact Shapley parts sum to the difference within 1e-9 of the values' size (the ends'
    /// or the largest part's).
    #[test]
    fn the_waterfall_sums_to_the_difference(
        picks in prop::collection::vec((0usize..200, 0.0f64..1.0), 1..7),
        scenario in 0usize..NAMES.len(),
        metric in 0usize..METRICS.len(),
        offset in 0i32..7,
    ) {
        let s = chipcast::scenario::bundled(NAMES[scenario]).unwrap();
        let year = (s.first_year + offset).min(s.last_year);
        let m = METRICS[metric].id;
        let o = overrides(&picks);
        let reference = central_path(&s, &Overrides::default());
        let current = central_path(&s, &o);
        let w = waterfall(&reference, &current, m, year, 7).unwrap();
        let direct = value(&s, &o, m, year) - value(&s, &Overrides::default(), m, year);
        let ends = w.reference.abs().max(w.current.abs());
        prop_assert!(close(w.difference(), direct, ends));
        // Parts can be far larger than the ends (levers that cancel, a metric that is 0 at
        // both ends and not between), and their sum is exact only to their own rounding.
        let largest = w.parts.iter().fold(0.0_f64, |m, p| m.max(p.1.abs()));
        prop_assert!(close(w.total(), w.difference(), ends.max(largest)),
            "parts sum {} vs difference {}", w.total(), w.difference());
        prop_assert!(w.parts.len() <= o.len());
    }
}

#[test]
fn past_the_exact_limit_the_permutations_still_sum_to_the_difference() {
    let s = chipcast::scenario::bundled("baseline").unwrap();
    let picks: Vec<(usize, f64)> = (0..EXACT_MAX + 4)
        .map(|i| (i, 0.3 + 0.02 * i as f64))
        .collect();
    let o = overrides(&picks);
    let reference = central_path(&s, &Overrides::default());
    let current = central_path(&s, &o);
    for m in [
        MetricId::Domestic,
        MetricId::ComputeGap,
        MetricId::UsVendorRevenue,
    ] {
        let w = waterfall(&reference, &current, m, 2030, 11).unwrap();
        assert!(w.parts.len() > EXACT_MAX, "{} changed", w.parts.len());
        assert!(matches!(w.method, Method::Permutations { seed: 11, .. }));
        let scale = w.reference.abs().max(w.current.abs());
        assert!(
            close(w.total(), w.difference(), scale),
            "{} vs {}",
            w.total(),
            w.difference()
        );
        // Seeded: the same seed gives the same parts.
        assert_eq!(w, waterfall(&reference, &current, m, 2030, 11).unwrap());
    }
}

#[test]
fn a_pinned_scenario_is_split_over_the_levers_whose_paths_differ() {
    let a = chipcast::scenario::bundled("baseline").unwrap();
    let b = chipcast::scenario::bundled("hardline").unwrap();
    let o = Overrides::default();
    let (pa, pb) = (central_path(&a, &o), central_path(&b, &o));
    let w = waterfall(&pa, &pb, MetricId::Domestic, 2028, 3).unwrap();
    assert!(!w.parts.is_empty());
    let direct = value(&b, &o, MetricId::Domestic, 2028) - value(&a, &o, MetricId::Domestic, 2028);
    let scale = w.reference.abs().max(w.current.abs());
    assert!(close(w.difference(), direct, scale));
    assert!(close(w.total(), direct, scale));
    // Identical paths: nothing to split.
    let same = waterfall(&pa, &pa, MetricId::Domestic, 2028, 3).unwrap();
    assert!(same.parts.is_empty() && same.difference() == 0.0);
}
