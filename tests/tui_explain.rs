//! The explorer's `x` overlay (explain a number) drawn into a `TestBackend` at 80×24, 120×40
//! and 200×60: with no lever changed (no waterfall) and with two levers changed (the
//! waterfall and its sum line). Driven by actions, as a user would.

use chipcast::model::levers::LeverId;
use chipcast::model::scenario::{Dist, Overrides};
use chipcast::tui::action::Action;
use chipcast::tui::app::{App, Mode, Settings};
use chipcast::tui::theme::Theme;
use chipcast::tui::{load_entries, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn app() -> App {
    let entries = load_entries(&[]).expect("bundled scenarios load");
    App::new(
        entries,
        Settings {
            samples: 0,
            seed: 42,
            inline: true,
        },
        Theme::COLOR,
    )
    .expect("a valid scenario")
}

fn screen(app: &mut App, w: u16, h: u16) -> String {
    app.update(Action::Resize(w, h));
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| view::render(app, f)).unwrap();
    let buf = t.backend().buffer();
    let mut s = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            s.push_str(buf[(x, y)].symbol());
        }
        s.push('\n');
    }
    s
}

fn changed() -> App {
    let mut a = app();
    let o: Overrides = [
        (LeverId::StateInvestment, Dist::Fixed(40.0)),
        (LeverId::PackagingGrowth, Dist::Fixed(0.1)),
    ]
    .into_iter()
    .collect();
    a.update(Action::SetLevers(o));
    a
}

#[test]
fn the_overlay_at_three_sizes() {
    for (w, h) in [(80, 24), (120, 40), (200, 60)] {
        let mut a = app();
        a.update(Action::Explain);
        assert!(matches!(a.ui().mode, Mode::Explain(_)));
        let text = screen(&mut a, w, h);
        assert!(
            text.contains("Explain: Domestic accelerators"),
            "{w}x{h}\n{text}"
        );
        insta::assert_snapshot!(format!("explain_plain_{w}x{h}"), text);

        let mut a = changed();
        a.update(Action::Explain);
        // Scroll to the waterfall on small screens.
        if h < 40 {
            for _ in 0..30 {
                a.update(Action::ExplainScroll(1));
            }
        }
        let text = screen(&mut a, w, h);
        assert!(text.contains("sum = difference"), "{w}x{h}\n{text}");
        assert!(text.contains("state_investment"), "{w}x{h}\n{text}");
        insta::assert_snapshot!(format!("explain_waterfall_{w}x{h}"), text);
    }
}

#[test]
fn esc_closes_and_the_waterfall_sums_to_the_difference() {
    let mut a = changed();
    a.update(Action::Explain);
    let Mode::Explain(x) = &a.ui().mode else {
        panic!("the overlay is open")
    };
    let w = x.waterfall.as_ref().expect("two levers differ");
    assert_eq!(w.parts.len(), 2);
    let scale = w.reference.abs().max(w.current.abs());
    assert!((w.total() - w.difference()).abs() <= 1e-9 * scale);
    let now = a
        .data()
        .now
        .central
        .get(x.explanation.metric, x.explanation.year)
        .unwrap();
    assert_eq!(w.current, now);
    a.update(Action::Back);
    assert!(a.ui().mode.is_explore());
}
