//! The Sensitivity panel draws the Sobol ranking beside the tornado (120×40) or below it
//! (80×24), with its sample count and confidence, computed inline here as the worker would.

use chipcast::scenario::story::Panel;
use chipcast::tui::action::Action;
use chipcast::tui::app::{App, Settings};
use chipcast::tui::theme::Theme;
use chipcast::tui::{load_entries, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn app(inline: bool) -> App {
    App::new(
        load_entries(&[]).expect("bundled scenarios load"),
        Settings {
            samples: 50,
            seed: 42,
            inline,
        },
        Theme::COLOR,
    )
    .expect("a valid scenario")
}

fn show_sensitivity(a: &mut App) {
    let i = Panel::ALL
        .iter()
        .position(|p| *p == Panel::Sensitivity)
        .unwrap();
    a.update(Action::ShowPanel(i));
}

fn screen(a: &mut App, w: u16, h: u16) -> String {
    a.update(Action::Resize(w, h));
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| view::render(a, f)).unwrap();
    let buf = t.backend().buffer();
    let mut s = String::new();
    for y in 0..h {
        for x in 0..w {
            s.push_str(buf[(x, y)].symbol());
        }
        s.push('\n');
    }
    s
}

#[test]
fn the_sobol_ranking_draws_beside_or_below_the_tornado() {
    for (w, h) in [(120, 40), (80, 24), (200, 60)] {
        let mut a = app(true);
        show_sensitivity(&mut a);
        let s = screen(&mut a, w, h);
        assert!(s.contains("What moves"), "{w}x{h}: the tornado\n{s}");
        assert!(s.contains("Sobol"), "{w}x{h}: the Sobol title\n{s}");
        assert!(s.contains("1,024 samples, 95% CI"), "{w}x{h}\n{s}");
        let ranking = a.data().sobol.as_ref().and_then(|v| v.ranking.clone());
        let top = ranking.expect("computed inline").inputs[0].input.name();
        // At 80 columns a long name is cut with an ellipsis after 12 columns or more.
        let shown: String = top.chars().take(12).collect();
        assert!(s.contains(&shown), "{w}x{h}: the top input {top}\n{s}");
        if std::env::var_os("SHOW_SCREEN").is_some() {
            println!("{s}");
        }
    }
}

#[test]
fn the_ranking_is_requested_for_the_worker_and_follows_metric_and_year() {
    let mut a = app(false);
    assert!(
        a.take_sobol_job().is_none(),
        "nothing asked before the panel shows"
    );
    show_sensitivity(&mut a);
    let job = a.take_sobol_job().expect("a request for the Sobol thread");
    assert!(a.sobol_pending());
    let s = screen(&mut a, 80, 24);
    assert!(s.contains("computing the variance shares"), "{s}");
    // Answered: the panel shows it.
    let done = chipcast::tui::sobol::compute(&chipcast::tui::sobol::SobolJob {
        samples: 32,
        ..job.clone()
    });
    a.update(Action::SobolComputed(done));
    assert!(!a.sobol_pending());
    // A new year asks again; an answer for the old year is dropped.
    a.update(Action::Year(1));
    let next = a.take_sobol_job().expect("a new request");
    assert_eq!(next.year, job.year + 1);
    let stale =
        chipcast::tui::sobol::compute(&chipcast::tui::sobol::SobolJob { samples: 16, ..job });
    a.update(Action::SobolComputed(stale));
    assert!(a.sobol_pending());
}
