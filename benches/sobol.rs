//! Sobol benchmarks: the variance-based ranking at the default sample count on the bundled
//! baseline (the Sensitivity panel's and `sensitivity --method sobol`'s cost), and the
//! estimator alone on Ishigami's function. Figures and the command are in docs/performance.md
//! ("Global sensitivity").

use std::hint::black_box;

use chipcast::model::metrics::MetricId;
use chipcast::model::montecarlo::DEFAULT_SEED;
use chipcast::model::scenario::Overrides;
use chipcast::model::sobol::{DEFAULT_SOBOL_SAMPLES, indices, rank};
use criterion::{Criterion, criterion_group, criterion_main};

fn bench_sobol(c: &mut Criterion) {
    let o = Overrides::default();
    let baseline = chipcast::scenario::bundled("baseline").expect("baseline is bundled");
    let mut long = baseline.clone();
    long.first_year = 2024;
    long.last_year = 2035;
    let mut g = c.benchmark_group("sobol");
    g.sample_size(10);
    g.bench_function("rank_baseline_default_samples", |b| {
        b.iter(|| {
            black_box(rank(
                black_box(&baseline),
                &o,
                MetricId::Domestic,
                2030,
                DEFAULT_SOBOL_SAMPLES,
                DEFAULT_SEED,
            ))
        })
    });
    g.bench_function("rank_baseline_2024_2035_default_samples", |b| {
        b.iter(|| {
            black_box(rank(
                black_box(&long),
                &o,
                MetricId::Domestic,
                2030,
                DEFAULT_SOBOL_SAMPLES,
                DEFAULT_SEED,
            ))
        })
    });
    g.bench_function("ishigami_8192", |b| {
        b.iter(|| {
            black_box(indices(
                |x: &[f64]| {
                    let [a, b, c] =
                        [x[0], x[1], x[2]].map(|u| std::f64::consts::PI * (2.0 * u - 1.0));
                    a.sin() + 7.0 * b.sin().powi(2) + 0.1 * c.powi(4) * a.sin()
                },
                3,
                8192,
                1,
            ))
        })
    });
    g.finish();
}

criterion_group!(benches, bench_sobol);
criterion_main!(benches);
