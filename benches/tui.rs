//! The explorer's key-to-frame path without a terminal: one lever step applied to the app
//! (the deterministic re-projection and the queued Monte Carlo request) and the whole screen
//! drawn into a 120×40 `TestBackend`; and, apart, the Monte Carlo the worker runs per change.
//! Figures are recorded in docs/performance.md ("Explorer").

use std::hint::black_box;

use chipcast::model::levers::LeverId;
use chipcast::tui::action::Action;
use chipcast::tui::app::{App, Settings};
use chipcast::tui::theme::Theme;
use chipcast::tui::{load_entries, view, worker};
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn app(inline: bool, samples: usize) -> App {
    let entries = load_entries(&[]).expect("bundled scenarios");
    let mut a = App::new(
        entries,
        Settings {
            samples,
            seed: 1,
            inline,
        },
        Theme::COLOR,
    )
    .expect("valid");
    a.update(Action::SelectLever(LeverId::HubEnforcement));
    a
}

fn bench(c: &mut Criterion) {
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    for (panel, name) in [(0, "output"), (5, "sensitivity")] {
        // Bands in place (as after the worker answered), then steps back and forth.
        let mut a = app(false, 200);
        a.update(Action::ShowPanel(panel));
        for job in a.take_jobs() {
            a.update(Action::Computed(worker::compute(&job)));
        }
        let mut dir = 1;
        c.bench_function(&format!("key_to_frame_{name}_120x40"), |b| {
            b.iter(|| {
                a.update(Action::Step(dir));
                dir = -dir;
                black_box(a.take_jobs());
                terminal.draw(|f| view::render(&a, f)).unwrap();
            })
        });
    }
    let mut a = app(false, chipcast::model::montecarlo::DEFAULT_SAMPLES);
    a.update(Action::Step(1));
    let job = a.take_jobs().pop().expect("a request");
    let mut group = c.benchmark_group("worker");
    group.sample_size(10);
    group.bench_function("montecarlo_default_samples", |b| {
        b.iter(|| black_box(worker::compute(&job)))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
