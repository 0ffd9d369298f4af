//! Lever edits from the selected year (issue 14, item 1): the lever panel shows each lever's
//! setting in the selected year with its nearest dated change, moving the year updates it, an
//! edit applies from the selected year on and keeps the years before, one toggle reaches the
//! value asked for, undo names what it undid, and a change from a year is marked on the
//! panel and on the time axis.

use chipcast::model::levers::LeverId;
use chipcast::model::metrics::MetricId;
use chipcast::tui::action::Action;
use chipcast::tui::app::{App, Settings};
use chipcast::tui::theme::Theme;
use chipcast::tui::{load_entries, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn open(name: &str) -> App {
    let entries = load_entries(&[]).expect("bundled scenarios load");
    let mut app = App::new(
        entries,
        Settings {
            samples: 0,
            seed: 7,
            inline: true,
        },
        Theme::COLOR,
    )
    .unwrap();
    let index = app
        .data()
        .entries
        .iter()
        .position(|e| e.file().contains(name))
        .unwrap();
    app.update(Action::OpenPicker);
    app.update(Action::PickerSelect(index));
    app.update(Action::PickerOpen);
    assert!(
        app.scenario().name.to_lowercase().contains(name),
        "{}",
        app.scenario().name
    );
    app
}

fn screen(app: &mut App, w: u16, h: u16) -> Vec<String> {
    app.update(Action::Resize(w, h));
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| view::render(app, f)).unwrap();
    let buf = t.backend().buffer();
    (0..h)
        .map(|y| (0..w).map(|x| buf[(x, y)].symbol()).collect::<String>())
        .collect()
}

/// The lever panel's row for a lever, at the given size.
fn row(app: &mut App, id: LeverId, w: u16, h: u16) -> String {
    let key = id.lever().key;
    app.update(Action::SelectLever(id));
    screen(app, w, h)
        .into_iter()
        .find(|l| l.contains(&format!("{key} ")) || l.contains(&format!("{key}…")))
        .unwrap_or_else(|| panic!("no row for {key}"))
}

fn central(app: &App, m: MetricId) -> Vec<f64> {
    app.data().now.central.series(m).to_vec()
}

#[test]
fn the_panel_shows_each_levers_setting_in_the_selected_year() {
    let mut base = open("baseline");
    base.update(Action::SelectYear(2030));
    let v = |a: &App, id: LeverId| a.value(id).central();
    // The file sets these from 2025 (and 2026): 2030 shows them, not the first-year values.
    assert_eq!(v(&base, LeverId::HbmControls), 1.0);
    assert_eq!(v(&base, LeverId::HubEnforcement), 0.4);
    assert_eq!(
        LeverId::ChipExports
            .lever()
            .format_value(v(&base, LeverId::ChipExports)),
        "licensed"
    );
    // The year moves, the panel follows.
    base.update(Action::SelectYear(2024));
    assert_eq!(v(&base, LeverId::HbmControls), 0.0);
    assert_eq!(v(&base, LeverId::HubEnforcement), 0.2);

    // Hardline's panel is not Baseline's.
    let mut hard = open("hardline");
    hard.update(Action::SelectYear(2030));
    base.update(Action::SelectYear(2030));
    let differ = LeverId::ALL
        .iter()
        .filter(|&&id| hard.value(id) != base.value(id))
        .count();
    assert!(differ >= 3, "only {differ} levers differ in 2030");

    // The dated change shows at every width, the side in force bright.
    for (w, h) in [(80, 24), (120, 40), (200, 60)] {
        let r = row(&mut base, LeverId::HubEnforcement, w, h);
        assert!(r.contains("0.2→0.4'25"), "{w}x{h}: {r}");
        let r = row(&mut base, LeverId::HbmControls, w, h);
        assert!(r.contains("'25"), "{w}x{h}: {r}");
    }
}

#[test]
fn an_edit_applies_from_the_selected_year_and_keeps_the_years_before() {
    let mut a = open("baseline");
    let before_gap = central(&a, MetricId::ComputeGap);
    let before_diverted = central(&a, MetricId::Diverted);
    a.update(Action::SelectYear(2027));
    a.update(Action::SelectLever(LeverId::HubEnforcement));
    assert_eq!(a.value(LeverId::HubEnforcement).central(), 0.4);
    a.update(Action::Step(1));
    let stepped = a.value(LeverId::HubEnforcement).central();
    assert!(stepped > 0.4, "{stepped}");
    let status = a.ui().status.clone().unwrap().text;
    assert!(status.contains("from 2027"), "{status}");

    // 2024-2026 are untouched; from 2027 on, more enforcement diverts less.
    let diverted = central(&a, MetricId::Diverted);
    let first = a.scenario().first_year;
    for y in 2024..2027 {
        let i = (y - first) as usize;
        assert_eq!(diverted[i], before_diverted[i], "{y}");
        assert_eq!(central(&a, MetricId::ComputeGap)[i], before_gap[i], "{y}");
    }
    let i2030 = (2030 - first) as usize;
    assert!(
        diverted[i2030] < before_diverted[i2030],
        "more enforcement diverts less"
    );
    // The file's 2025 change is kept: 2026 is still 0.4.
    assert_eq!(a.value_in(LeverId::HubEnforcement, 2026).central(), 0.4);

    // Marked: the panel row shows the change in '27, the time axis a ● in 2027.
    let r = row(&mut a, LeverId::HubEnforcement, 120, 40);
    assert!(r.contains("●") && r.contains("'27"), "{r}");
    let s = screen(&mut a, 120, 40).join("\n");
    assert!(s.contains("● your change"), "{s}");

    // Undo names what it undid.
    a.update(Action::Undo);
    let status = a.ui().status.clone().unwrap().text;
    assert!(
        status.contains(&format!(
            "undid hub_enforcement {} from 2027",
            LeverId::HubEnforcement.lever().format_value(stepped)
        )),
        "{status}"
    );
    assert_eq!(central(&a, MetricId::Diverted), before_diverted);
}

#[test]
fn one_toggle_reaches_the_value_asked_for_and_a_second_returns_to_the_file() {
    let mut a = open("baseline");
    a.update(Action::SelectYear(2030));
    a.update(Action::SelectLever(LeverId::HbmControls));
    assert_eq!(a.value(LeverId::HbmControls).central(), 1.0);
    // One toggle lifts HBM controls in 2030.
    a.update(Action::Toggle);
    assert_eq!(a.value(LeverId::HbmControls).central(), 0.0);
    assert!(a.is_changed(LeverId::HbmControls));
    // The years before keep the file's path (controls from 2025).
    assert_eq!(a.value_in(LeverId::HbmControls, 2026).central(), 1.0);
    // A second toggle is the file again: no change left.
    a.update(Action::Toggle);
    assert_eq!(a.value(LeverId::HbmControls).central(), 1.0);
    assert!(
        !a.is_changed(LeverId::HbmControls),
        "{:?}",
        a.data().overrides
    );
    let s = screen(&mut a, 80, 24).join("\n");
    assert!(!s.contains("changed"), "{s}");
}

#[test]
fn edits_in_two_years_keep_both() {
    let mut a = open("baseline");
    a.update(Action::SelectLever(LeverId::DomesticMandate));
    a.update(Action::SelectYear(2027));
    a.update(Action::Step(1));
    let v27 = a.value(LeverId::DomesticMandate);
    a.update(Action::SelectYear(2030));
    a.update(Action::Step(1));
    let v30 = a.value(LeverId::DomesticMandate);
    assert_ne!(v27, v30);
    assert_eq!(a.value_in(LeverId::DomesticMandate, 2028), v27);
    assert_eq!(a.value_in(LeverId::DomesticMandate, 2031), v30);
    assert_eq!(a.data().overrides.len(), 2);
}

/// `w` saves an edit from a year as a dated change of the new file, which reproduces the
/// explorer's central run exactly. (Its Monte Carlo draws come in another order than the
/// explorer's, so the bands agree within sampling noise, not bit for bit.)
#[test]
fn a_saved_edit_from_a_year_reproduces_the_central_run() {
    use chipcast::model::montecarlo::simulate;
    use chipcast::model::scenario::Overrides;
    use chipcast::scenario::{Origin, load};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("base.ron");
    std::fs::copy("scenarios/baseline.ron", &path).unwrap();
    let entries = load_entries(std::slice::from_ref(&path)).unwrap();
    let settings = Settings {
        samples: 0,
        seed: 7,
        inline: true,
    };
    let mut a = App::new(entries, settings, Theme::COLOR).unwrap();
    a.update(Action::SelectYear(2029));
    a.update(Action::SelectLever(LeverId::EuvAccess));
    a.update(Action::Toggle);
    a.update(Action::Save);
    a.update(Action::PromptConfirm);
    let saved = dir.path().join("base-1.ron");
    let text = std::fs::read_to_string(&saved).unwrap();
    assert!(
        text.contains("(year: 2029, label: \"set in the explorer\", set: (euv_access: true))"),
        "{text}"
    );
    let child = load(&Origin::Disk(saved)).unwrap().scenario;
    let again = simulate(&child, &Overrides::default(), 0, 7);
    assert_eq!(again.central, a.data().now.central);
}

/// `s` then Enter on another scenario asks before it drops the lever changes (issue 14: they
/// were dropped without asking); Enter again opens it.
#[test]
fn opening_another_scenario_asks_before_dropping_changes() {
    let mut a = open("baseline");
    a.update(Action::SelectLever(LeverId::EuvAccess));
    a.update(Action::Toggle);
    assert!(a.is_changed(LeverId::EuvAccess));
    let other = a
        .data()
        .entries
        .iter()
        .position(|e| e.file().contains("thaw"))
        .unwrap();
    a.update(Action::OpenPicker);
    a.update(Action::PickerSelect(other));
    a.update(Action::PickerOpen);
    assert!(a.scenario().name.contains("Baseline"), "not opened yet");
    assert!(a.is_changed(LeverId::EuvAccess), "the change is kept");
    let s = screen(&mut a, 80, 24).join("\n");
    assert!(s.contains("drops your 1 lever change"), "{s}");
    a.update(Action::PickerOpen);
    assert!(a.scenario().name.contains("Thaw"), "{}", a.scenario().name);
    assert!(a.data().overrides.is_empty());
}
