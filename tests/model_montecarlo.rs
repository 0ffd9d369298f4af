//! The Monte Carlo's fast path (batched lanes, redrawn paths, bracketed percentiles, worker
//! threads) gives exactly the bands of the plain definition: sample `i` is `sample_path` with
//! generator `sample_rng(seed, i)`, projected one at a time, and each band is the nearest-rank
//! percentile (index `round(q × (n − 1))`) of the sorted samples at `f32` precision.

use chipcast::model::metrics::{METRIC_COUNT, MetricId};
use chipcast::model::montecarlo::{sample_rng, simulate, simulate_metrics};
use chipcast::model::path::sample_path;
use chipcast::model::project::project;
use chipcast::model::scenario::{Dist, Overrides, Scenario};

/// The bands by the definition: every sample projected on its own, every column sorted.
fn reference(s: &Scenario, o: &Overrides, samples: usize, seed: u64) -> Vec<[Vec<f64>; 3]> {
    let runs: Vec<_> = (0..samples)
        .map(|i| project(&sample_path(s, o, &mut sample_rng(seed, i))))
        .collect();
    let years = runs[0].years;
    let at_f32 = |x: f32| -> f64 { x.to_string().parse().unwrap_or(f64::from(x)) };
    MetricId::ALL
        .iter()
        .map(|&m| {
            let mut band: [Vec<f64>; 3] = Default::default();
            for yi in 0..years {
                let mut column: Vec<f32> = runs.iter().map(|r| r.series(m)[yi] as f32).collect();
                column.sort_by(f32::total_cmp);
                for (q, out) in [0.1, 0.5, 0.9].iter().zip(band.iter_mut()) {
                    let idx = ((q * (samples - 1) as f64).round() as usize).min(samples - 1);
                    out.push(at_f32(column[idx]));
                }
            }
            band
        })
        .collect()
}

fn assert_matches_reference(name: &str, s: &Scenario, o: &Overrides, samples: usize, seed: u64) {
    let fast = simulate(s, o, samples, seed);
    let slow = reference(s, o, samples, seed);
    assert_eq!(slow.len(), METRIC_COUNT);
    for (&m, want) in MetricId::ALL.iter().zip(&slow) {
        let band = fast.band(m);
        let got = [&band.p10, &band.p50, &band.p90];
        for (q, (g, w)) in ["p10", "p50", "p90"].iter().zip(got.iter().zip(want)) {
            assert_eq!(*g, w, "{name}: {} {q}", m.metric().key);
        }
    }
}

/// Every bundled scenario, with a sample count that leaves a partial batch and spreads over
/// two worker threads.
#[test]
fn bundled_bands_match_the_definition() {
    for &name in chipcast::scenario::bundled::NAMES {
        let s = chipcast::scenario::bundled(name).expect("bundled");
        assert_matches_reference(name, &s, &Overrides::default(), 1_237, 11);
    }
}

/// Enough samples for the bracketed percentiles (4,096 and more), on the scenario with the
/// most policy volatility.
#[test]
fn long_runs_match_the_definition() {
    let s = chipcast::scenario::bundled("whiplash").expect("bundled");
    assert_matches_reference("whiplash", &s, &Overrides::default(), 4_500, 20_251_211);
}

/// Truncated normals, an overridden policy lever (so only one kind of regime switch is
/// sampled) and a small sample count (one thread, pilot of every key).
#[test]
fn overrides_and_normals_match_the_definition() {
    use chipcast::model::levers::LeverId;
    let mut s = chipcast::scenario::bundled("whiplash").expect("bundled");
    s.levers[LeverId::YieldLearning as usize] = Dist::Normal { mean: 6.0, sd: 4.0 };
    s.levers[LeverId::DemandGrowth as usize] = Dist::Uniform {
        low: 0.0,
        high: 0.6,
    };
    let mut o = Overrides::default();
    o.set(LeverId::ChipExports, Dist::Fixed(1.0));
    assert_matches_reference("whiplash+normals", &s, &o, 301, 3);
    assert_matches_reference("whiplash+normals", &s, &o, 1, 3);
}

/// Overrides that start in a year, on a policy lever (switches before the start, none after)
/// and on an uncertain number (drawn after the schedule).
#[test]
fn overrides_from_a_year_match_the_definition() {
    use chipcast::model::levers::LeverId;
    let s = chipcast::scenario::bundled("whiplash").expect("bundled");
    let mut o = Overrides::default();
    o.set_from(LeverId::ChipExports, Dist::Fixed(0.0), 2028);
    o.set_from(
        LeverId::YieldLearning,
        Dist::Triangular {
            low: 2.0,
            mode: 5.0,
            high: 12.0,
        },
        2027,
    );
    o.set_from(LeverId::ImportBlock, Dist::Fixed(0.0), 2030);
    assert_matches_reference("whiplash+from", &s, &o, 517, 5);
}

/// Sampling only some metrics (what `export` and `run --metric` do, so that memory follows what
/// is drawn) gives those metrics exactly the bands of the full run, in any order and with
/// repeats, and the other metrics the central run.
#[test]
fn sampling_some_metrics_gives_their_bands_exactly() {
    let s = chipcast::scenario::bundled("whiplash").unwrap();
    let o = Overrides::default();
    let full = simulate(&s, &o, 700, 5);
    let chosen = [
        MetricId::UsVendorRevenue,
        MetricId::Diverted,
        MetricId::UsVendorRevenue,
    ];
    let some = simulate_metrics(&s, &o, 700, 5, &chosen);
    for &m in MetricId::ALL {
        if chosen.contains(&m) {
            assert_eq!(some.band(m), full.band(m), "{m:?}");
        } else {
            assert_eq!(some.band(m).p10, some.central.series(m), "{m:?}");
            assert_eq!(some.band(m).p90, some.central.series(m), "{m:?}");
        }
    }
    assert_eq!(some.central, full.central);
}
