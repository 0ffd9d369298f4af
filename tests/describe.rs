//! A panel in words (issue 15, item 7): `chipcast describe` and the explorer's `d` give each
//! panel's series with their level, range and trend, the binding constraint, dated events
//! and the change against the file, with figures from the same projection the chart draws
//! and no braille, box drawing, colour or control characters.

mod common;

use chipcast::model::metrics::MetricId;
use chipcast::scenario::story::Panel;
use chipcast::tui::action::Action;
use chipcast::tui::app::{App, Settings};
use chipcast::tui::theme::Theme;
use chipcast::tui::{describe, load_entries, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn app() -> App {
    let mut a = App::new(
        load_entries(&[]).unwrap(),
        Settings {
            samples: 64,
            seed: 5,
            inline: true,
        },
        Theme::COLOR,
    )
    .unwrap();
    a.update(Action::SelectYear(2028));
    a
}

fn readable(text: &str) -> bool {
    text.chars().all(|c| {
        !c.is_control()
            && !('\u{2800}'..='\u{28ff}').contains(&c)
            && !('\u{2500}'..='\u{259f}').contains(&c)
    })
}

#[test]
fn every_panel_in_words_with_no_drawing_characters() {
    let mut a = app();
    for (i, panel) in Panel::ALL.iter().enumerate() {
        a.update(Action::ShowPanel(i));
        let lines = describe::of_app(&a);
        let text = lines.join("\n");
        assert!(lines.len() >= 3, "{panel:?}: {text}");
        for l in &lines {
            assert!(readable(l), "{panel:?}: {l:?}");
        }
        assert!(text.contains("in 2028"), "{panel:?}: {text}");
        insta::assert_snapshot!(format!("describe_baseline_{}_2028", panel.name()), text);
    }
}

#[test]
fn the_figures_are_the_charts() {
    let mut a = app();
    a.update(Action::ShowPanel(0));
    let text = describe::of_app(&a).join("\n");
    let mc = a.data().now.mc.clone().unwrap();
    let band = mc.band(MetricId::Domestic);
    let i = (2028 - mc.first_year) as usize;
    // The same numbers as the chart's median and band, spoken: "1.1 million".
    let spoken = |v: f64| {
        chipcast::output::format::value(MetricId::Domestic.metric().scale, v)
            .replace('M', " million")
            .replace('k', " thousand")
    };
    for v in [band.p50[i], band.p10[i], band.p90[i]] {
        assert!(text.contains(&spoken(v)), "{} in {text}", spoken(v));
    }
    // A lever change: the description says what it does against the file.
    a.update(Action::SelectLever(
        chipcast::model::levers::LeverId::HbmControls,
    ));
    a.update(Action::SelectYear(2026));
    a.update(Action::Toggle);
    a.update(Action::SelectYear(2028));
    let text = describe::of_app(&a).join("\n");
    let now = a.data().now.value(MetricId::Domestic, 2028).unwrap();
    let then = a.data().reference.value(MetricId::Domestic, 2028).unwrap();
    assert!(now > then);
    assert!(
        text.contains(&format!(
            "Domestic accelerators {} against {}",
            spoken(now),
            spoken(then)
        )),
        "{text}"
    );
}

#[test]
fn d_opens_the_words_at_every_size() {
    for (w, h) in [(80, 24), (120, 40), (200, 60)] {
        let mut a = app();
        a.update(Action::Resize(w, h));
        a.update(Action::Describe);
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        t.draw(|f| view::render(&a, f)).unwrap();
        let buf = t.backend().buffer();
        let screen: String = (0..h)
            .map(|y| (0..w).map(|x| buf[(x, y)].symbol()).collect::<String>() + "\n")
            .collect();
        assert!(screen.contains("The panel in words"), "{w}x{h}\n{screen}");
        assert!(
            screen.contains("Domestic accelerators"),
            "{w}x{h}\n{screen}"
        );
        assert!(screen.contains("close"), "{w}x{h}: the keys\n{screen}");
        a.update(Action::Back);
        assert!(a.ui().mode.is_explore());
    }
}

#[test]
fn chipcast_describe_prints_the_panel() {
    let out = common::ok(&[
        "describe",
        "baseline",
        "--panel",
        "routes",
        "--year",
        "2027",
        "--samples",
        "100",
    ]);
    assert!(out.contains("the routes panel in 2027"), "{out}");
    assert!(out.contains("Malaysia"), "{out}");
    assert!(readable(&out.replace('\n', " ")), "{out}");
    let bad = common::chipcast(&["describe", "baseline", "--year", "2099"]);
    assert_eq!(bad.status.code(), Some(1));
}
