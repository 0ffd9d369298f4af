//! Observed data on the charts (issue 14, item 4): a scenario's `observations` (metric, year,
//! a value or a low-high range, a source key) are checked like every field, inherited through
//! `extends`, carried by the baseline from its sources, drawn on the charts as `×` or a bar,
//! and named with their source when their year is selected.

use chipcast::model::metrics::MetricId;
use chipcast::scenario::load_text;
use chipcast::tui::action::Action;
use chipcast::tui::app::{App, Settings};
use chipcast::tui::theme::Theme;
use chipcast::tui::{load_entries, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn codes(text: &str) -> Vec<String> {
    match load_text("o.ron", text, None) {
        Ok(_) => Vec::new(),
        Err(d) => d.into_iter().map(|d| d.code.to_string()).collect(),
    }
}

const SOURCES: &str = "sources: { \"k\": \"A source, 2025\" }";

#[test]
fn observations_are_checked_and_inherited() {
    let ok = format!(
        "Scenario(name: \"o\", extends: \"bundled:baseline\", {SOURCES}, observations: [(metric: \"diverted_accelerators\", year: 2025, low: 70000.0, high: 90000.0, source: \"k\")])"
    );
    let s = load_text("o.ron", &ok, None).unwrap();
    // The baseline's three and this file's one.
    assert_eq!(s.observations.len(), 4, "{:?}", s.observations);
    let mine = s.observations.last().unwrap();
    assert_eq!(
        (mine.metric, mine.year, mine.low, mine.high),
        (MetricId::Diverted, 2025, 70000.0, 90000.0)
    );

    let bad = |entry: &str| {
        codes(&format!(
            "Scenario(name: \"o\", {SOURCES}, observations: [{entry}])"
        ))
    };
    assert_eq!(
        bad("(metric: \"domestic_accelerator\", year: 2025, value: 1.0, source: \"k\")"),
        ["unknown-metric"]
    );
    assert_eq!(
        bad("(metric: \"domestic_accelerators\", year: 2025, value: 1.0, source: \"nope\")"),
        ["unknown-source"]
    );
    assert_eq!(
        bad("(metric: \"domestic_accelerators\", year: 2040, value: 1.0, source: \"k\")"),
        ["observation-outside-horizon"]
    );
    assert_eq!(
        bad("(metric: \"domestic_accelerators\", year: 2025, low: 5.0, high: 1.0, source: \"k\")"),
        ["bad-observation"]
    );
    assert_eq!(
        bad("(metric: \"domestic_accelerators\", year: 2025, value: 1.0, low: 1.0, source: \"k\")"),
        ["bad-observation"]
    );
    assert_eq!(
        bad("(metric: \"domestic_accelerators\", year: 2025, value: 1.0)"),
        ["missing-field"]
    );
    assert_eq!(bad("(metric: \"domestic_accelerators\", year: 2025, value: 1.0, colour: \"red\", source: \"k\")").len(), 1);
}

#[test]
fn the_baseline_carries_huaweis_2025_range_and_the_charts_draw_it() {
    let s = chipcast::scenario::bundled("baseline").unwrap();
    let range = s
        .observations
        .iter()
        .find(|o| o.metric == MetricId::DomesticHuawei && o.year == 2025)
        .expect("Huawei's 2025 range");
    assert_eq!((range.low, range.high), (200_000.0, 805_000.0));
    assert!(
        s.sources[&range.source].contains("200,000") && s.sources[&range.source].contains("805k")
    );

    let settings = Settings {
        samples: 0,
        seed: 7,
        inline: true,
    };
    let mut app = App::new(load_entries(&[]).unwrap(), settings, Theme::COLOR).unwrap();
    for (w, h) in [(80, 24), (120, 40), (200, 60)] {
        app.update(Action::Resize(w, h));
        app.update(Action::SelectYear(2024));
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        t.draw(|f| view::render(&app, f)).unwrap();
        let buf = t.backend().buffer();
        let screen: String = (0..h)
            .map(|y| (0..w).map(|x| buf[(x, y)].symbol()).collect::<String>() + "\n")
            .collect();
        // The 2025 range is a bar, the 2024 value a cross, in the Output panel's top chart.
        assert!(
            screen.contains('┬') && screen.contains('┴'),
            "{w}x{h}:\n{screen}"
        );
        assert!(screen.contains('×'), "{w}x{h}:\n{screen}");
        if w >= 120 {
            assert!(
                screen.contains("× observed"),
                "{w}x{h}: the legend names the mark\n{screen}"
            );
            assert!(
                screen.contains("2024: ") && screen.contains("observed licensed"),
                "{w}x{h}:\n{screen}"
            );
        }
    }
}
