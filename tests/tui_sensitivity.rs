//! The Sensitivity panel's tornado stands on the headline's basis at every size: its base is
//! the p50 the KPI row shows for the same metric and year, the basis is stated, the bars are
//! drawn at 80×24 too, and while the sensitivity thread computes, the panel says so.

use chipcast::model::sensitivity::{Basis, sweep};
use chipcast::output::format::value;
use chipcast::scenario::story::Panel;
use chipcast::tui::action::Action;
use chipcast::tui::app::{App, Settings};
use chipcast::tui::sobol::{self, Answer};
use chipcast::tui::theme::Theme;
use chipcast::tui::{load_entries, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const SAMPLES: usize = 64;

fn app(inline: bool) -> App {
    let mut a = App::new(
        load_entries(&[]).expect("bundled scenarios load"),
        Settings {
            samples: SAMPLES,
            seed: 9,
            inline,
        },
        Theme::COLOR,
    )
    .expect("a valid scenario");
    // The bands, as the worker would answer.
    for job in a.take_jobs() {
        a.update(Action::Computed(chipcast::tui::worker::compute(&job)));
    }
    let i = Panel::ALL
        .iter()
        .position(|p| *p == Panel::Sensitivity)
        .unwrap();
    a.update(Action::ShowPanel(i));
    a
}

fn screen(a: &mut App, w: u16, h: u16) -> (String, ratatui::buffer::Buffer) {
    a.update(Action::Resize(w, h));
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| view::render(a, f)).unwrap();
    let buf = t.backend().buffer().clone();
    let mut s = String::new();
    for y in 0..h {
        for x in 0..w {
            s.push_str(buf[(x, y)].symbol());
        }
        s.push('\n');
    }
    (s, buf)
}

#[test]
fn the_base_is_the_headline_p50_at_every_size() {
    let mut a = app(true);
    let (metric, year) = (a.scene().metric, a.ui().year);
    let mc = a.data().now.mc.clone().expect("bands in");
    let p50 = mc.band(metric).p50[(year - mc.first_year) as usize];
    let sweep_base = a
        .data()
        .sweep
        .as_ref()
        .and_then(|s| s.swings.clone())
        .expect("computed inline")[0]
        .base;
    assert_eq!(sweep_base, p50, "the tornado's base is the headline's p50");
    let shown = value(metric.metric().scale, p50);
    for (w, h) in [(80, 24), (120, 40), (200, 60)] {
        let (s, buf) = screen(&mut a, w, h);
        let basis = format!("base {shown} = p50 of {SAMPLES} samples");
        assert!(s.contains(&basis), "{w}x{h}: {basis}\n{s}");
        // The KPI row shows the same figure for the same metric and year.
        assert!(
            s.lines().rev().take(6).any(|l| l.contains(&shown)),
            "{w}x{h}: the headline {shown}\n{s}"
        );
        // Bars are drawn: the top lever's row holds a bar cell in its group's colour.
        let row = s.lines().position(|l| l.contains("What moves")).unwrap() + 2;
        let bars = (0..w)
            .filter(|&x| matches!(buf[(x, row as u16)].symbol(), "█" | "▒"))
            .count();
        assert!(bars >= 3, "{w}x{h}: the top swing has a bar\n{s}");
        if std::env::var_os("SHOW_SCREEN").is_some() {
            println!("{s}");
        }
    }
}

#[test]
fn the_panel_swings_the_setting_of_the_selected_year() {
    // Moving the year asks again: the swings are those of the new year's settings.
    let mut a = app(true);
    a.update(Action::Year(2));
    let year = a.ui().year;
    let sweep = a.data().sweep.clone().expect("a tornado");
    assert_eq!(sweep.year, year);
    let s = &a.data().now.basis;
    let want = sweep_of(&s.scenario, year);
    assert_eq!(
        sweep.swings.as_deref().map(|v| v.as_slice()),
        Some(want.as_slice())
    );
}

fn sweep_of(
    s: &chipcast::model::scenario::Scenario,
    year: i32,
) -> Vec<chipcast::model::sensitivity::Swing> {
    sweep(
        s,
        &Default::default(),
        chipcast::model::metrics::MetricId::Domestic,
        year,
        Basis {
            samples: SAMPLES,
            seed: 9,
        },
    )
}

#[test]
fn the_tornado_comes_from_the_sensitivity_thread_and_stale_answers_are_dropped() {
    let mut a = app(false);
    let job = a
        .take_sobol_job()
        .expect("a request for the sensitivity thread");
    assert_eq!(job.tornado_samples, SAMPLES, "the headline's samples");
    let (s, _) = screen(&mut a, 120, 40);
    assert!(s.contains("computing"), "{s}");
    // An answer for another year is dropped; the right one is drawn.
    let stale = sobol::tornado(&sobol::SobolJob {
        year: job.year - 1,
        ..job.clone()
    });
    a.update(Action::SobolComputed(stale));
    assert!(a.data().sweep.as_ref().unwrap().swings.is_none());
    let done = sobol::tornado(&job);
    let Answer::Tornado(swings) = &done.answer else {
        panic!("a tornado")
    };
    let base = swings[0].base;
    a.update(Action::SobolComputed(done.clone()));
    let (s, _) = screen(&mut a, 120, 40);
    let shown = value(job.metric.metric().scale, base);
    assert!(s.contains(&format!("base {shown} = p50")), "{s}");
}
