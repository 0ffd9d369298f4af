//! Model benchmarks: one deterministic projection over 2024–2035, the 10,000-sample Monte
//! Carlo, and a full one-at-a-time sensitivity sweep, all on the bundled baseline. Figures
//! and the command that produced them are in docs/performance.md ("Model").

use std::hint::black_box;

use chipcast::model::metrics::MetricId;
use chipcast::model::montecarlo::{DEFAULT_SEED, simulate};
use chipcast::model::path::central_path;
use chipcast::model::project::{Run, project, project_into};
use chipcast::model::scenario::{Overrides, Scenario};
use chipcast::model::sensitivity::{Basis, attribution, sweep};
use criterion::{Criterion, criterion_group, criterion_main};

/// The bundled baseline over 2024–2035 (the horizon the speed targets name).
fn baseline_2024_2035() -> Scenario {
    let mut s = chipcast::scenario::bundled("baseline").expect("baseline is bundled");
    s.first_year = 2024;
    s.last_year = 2035;
    s
}

fn bench_model(c: &mut Criterion) {
    let s = baseline_2024_2035();
    let o = Overrides::default();
    let path = central_path(&s, &o);

    c.bench_function("project_2024_2035_reused_buffers", |b| {
        let mut run = Run::empty();
        b.iter(|| {
            project_into(black_box(&path), &mut run);
            black_box(run.series(MetricId::Domestic)[0])
        })
    });
    c.bench_function("project_2024_2035_with_path", |b| {
        b.iter(|| black_box(project(&central_path(black_box(&s), &o))))
    });
    c.bench_function("monte_carlo_1000", |b| {
        b.iter(|| black_box(simulate(black_box(&s), &o, 1_000, DEFAULT_SEED)))
    });
    c.bench_function("monte_carlo_10000", |b| {
        b.iter(|| black_box(simulate(black_box(&s), &o, 10_000, DEFAULT_SEED)))
    });
    c.bench_function("sensitivity_sweep_all_levers", |b| {
        b.iter(|| {
            black_box(sweep(
                black_box(&s),
                &o,
                MetricId::Domestic,
                2030,
                Basis::CENTRAL,
            ))
        })
    });
    // The explorer's tornado: the same swings as medians over the headline's samples (about
    // seventy Monte Carlo runs of one metric, so few iterations).
    let mut slow = c.benchmark_group("tornado");
    slow.sample_size(10);
    for samples in [1_000, 10_000] {
        let basis = Basis {
            samples,
            seed: DEFAULT_SEED,
        };
        slow.bench_function(format!("sensitivity_sweep_p50_of_{samples}"), |b| {
            b.iter(|| black_box(sweep(black_box(&s), &o, MetricId::Domestic, 2030, basis)))
        });
    }
    slow.finish();
    let mut thaw = s.clone();
    thaw.levers[chipcast::model::levers::LeverId::EuvAccess as usize] =
        chipcast::model::scenario::Dist::Fixed(1.0);
    c.bench_function("attribution_three_groups", |b| {
        b.iter(|| {
            black_box(attribution(
                (black_box(&s), &o),
                (&thaw, &o),
                &[MetricId::Domestic],
                2030,
                Basis::CENTRAL,
            ))
        })
    });
}

criterion_group! {
    name = model;
    config = Criterion::default();
    targets = bench_model
}
criterion_main!(model);
