//! The explorer's logic without a terminal: actions and key events applied to `App`, the
//! resulting state asserted (selection, lever values, undo history, pinned comparison,
//! stale Monte Carlo results dropped, files loaded for the picker).

use chipcast::model::levers::LeverId;
use chipcast::model::metrics::MetricId;
use chipcast::model::scenario::Dist;
use chipcast::scenario::story::Panel;
use chipcast::tui::action::Action;
use chipcast::tui::app::{App, Entry, Mode, Settings};
use chipcast::tui::theme::Theme;
use chipcast::tui::{input, load_entries, worker};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers};

fn app() -> App {
    let entries = load_entries(&[]).expect("bundled scenarios load");
    App::new(
        entries,
        Settings {
            samples: 0,
            seed: 7,
            inline: true,
        },
        Theme::COLOR,
    )
    .expect("a valid scenario")
}

fn select(app: &mut App, id: LeverId) {
    app.update(Action::SelectLever(id));
    assert_eq!(app.ui().lever, id);
}

fn fixed(app: &App, id: LeverId) -> f64 {
    app.value(id).central()
}

#[test]
fn selection_moves_through_the_grouped_list_and_stops_at_the_ends() {
    let mut a = app();
    let first = a.ui().lever;
    a.update(Action::MoveLever(-1));
    assert_eq!(a.ui().lever, first);
    a.update(Action::MoveLever(1));
    assert_eq!(a.ui().lever, LeverId::DuvControls);
    a.update(Action::MoveLever(1000));
    assert_eq!(
        a.ui().lever,
        *chipcast::tui::app::lever_order().last().unwrap()
    );
}

#[test]
fn toggling_a_bool_marks_it_changed_and_toggling_back_clears_the_mark() {
    let mut a = app();
    select(&mut a, LeverId::EuvAccess);
    assert_eq!(fixed(&a, LeverId::EuvAccess), 0.0);
    a.update(Action::Toggle);
    assert_eq!(fixed(&a, LeverId::EuvAccess), 1.0);
    assert!(a.is_changed(LeverId::EuvAccess));
    a.update(Action::Toggle);
    assert_eq!(fixed(&a, LeverId::EuvAccess), 0.0);
    assert!(
        !a.is_changed(LeverId::EuvAccess),
        "back at the file's value, unscheduled: no override"
    );
    assert_eq!(a.data().undo.len(), 2);
}

#[test]
fn choices_cycle_both_ways() {
    let mut a = app();
    select(&mut a, LeverId::DuvControls);
    let start = fixed(&a, LeverId::DuvControls);
    a.update(Action::Toggle);
    assert_eq!(fixed(&a, LeverId::DuvControls), (start + 1.0) % 3.0);
    a.update(Action::Step(-1));
    a.update(Action::Step(-1));
    assert_eq!(fixed(&a, LeverId::DuvControls), (start + 2.0) % 3.0);
}

#[test]
fn numbers_step_within_their_range_and_keep_their_distribution() {
    let mut a = app();
    select(&mut a, LeverId::HubEnforcement);
    let start = fixed(&a, LeverId::HubEnforcement);
    a.update(Action::Step(1));
    assert!((fixed(&a, LeverId::HubEnforcement) - (start + 0.1)).abs() < 1e-9);
    for _ in 0..30 {
        a.update(Action::Step(1));
    }
    assert_eq!(fixed(&a, LeverId::HubEnforcement), 1.0);
    let history = a.data().undo.len();
    a.update(Action::Step(1));
    assert_eq!(
        a.data().undo.len(),
        history,
        "a step past the end changes nothing and records nothing"
    );
    assert!(a.ui().status.as_ref().unwrap().text.contains("highest"));

    // An uncertain lever keeps its shape when stepped.
    select(&mut a, LeverId::YieldLearning);
    let before = a.value(LeverId::YieldLearning);
    assert!(before.is_uncertain());
    a.update(Action::Step(1));
    match (before, a.value(LeverId::YieldLearning)) {
        (
            Dist::Triangular { low, mode, high },
            Dist::Triangular {
                low: l2,
                mode: m2,
                high: h2,
            },
        ) => {
            assert!((m2 - (mode + 1.0)).abs() < 1e-9);
            assert!((l2 - (low + 1.0)).abs() < 1e-9 && (h2 - (high + 1.0)).abs() < 1e-9);
        }
        other => panic!("expected triangular distributions, got {other:?}"),
    }
    // Toggle on a number does not change it.
    let n = a.data().undo.len();
    a.update(Action::Toggle);
    assert_eq!(a.data().undo.len(), n);
}

#[test]
fn undo_and_redo_cover_every_change_including_resets() {
    let mut a = app();
    select(&mut a, LeverId::EuvAccess);
    a.update(Action::Toggle);
    select(&mut a, LeverId::HubEnforcement);
    a.update(Action::Step(1));
    a.update(Action::ResetLever);
    assert!(!a.is_changed(LeverId::HubEnforcement));
    a.update(Action::Undo);
    assert!(
        a.is_changed(LeverId::HubEnforcement),
        "undo brings back what reset removed"
    );
    a.update(Action::ResetAll);
    assert!(a.data().overrides.is_empty());
    a.update(Action::Undo);
    assert_eq!(a.data().overrides.0.len(), 2);
    a.update(Action::Undo);
    assert_eq!(a.data().overrides.0.len(), 1);
    a.update(Action::Undo);
    assert!(a.data().overrides.is_empty());
    a.update(Action::Undo);
    assert_eq!(a.ui().status.as_ref().unwrap().text, "nothing to undo");
    a.update(Action::Redo);
    assert!(a.is_changed(LeverId::EuvAccess));
    // A new change after undo drops the redo branch.
    a.update(Action::Undo);
    select(&mut a, LeverId::ServicingBan);
    a.update(Action::Toggle);
    a.update(Action::Redo);
    assert_eq!(a.ui().status.as_ref().unwrap().text, "nothing to redo");
    assert!(!a.is_changed(LeverId::EuvAccess));
}

#[test]
fn every_change_reprojects_at_once() {
    let mut a = app();
    let year = a.ui().year;
    let before = a
        .data()
        .now
        .value(MetricId::AdvancedCapacity, year)
        .unwrap();
    select(&mut a, LeverId::EuvAccess);
    a.update(Action::Toggle);
    let after = a
        .data()
        .now
        .value(MetricId::AdvancedCapacity, year)
        .unwrap();
    assert!(
        after > before,
        "EUV access raises advanced capacity: {before} -> {after}"
    );
    // The comparison (the file's values) did not move.
    assert_eq!(
        a.data()
            .reference
            .value(MetricId::AdvancedCapacity, year)
            .unwrap(),
        before
    );
}

#[test]
fn pinning_compares_with_the_pinned_state_and_pinning_it_again_unpins() {
    let mut a = app();
    select(&mut a, LeverId::EuvAccess);
    a.update(Action::Toggle);
    a.update(Action::Pin);
    let pinned = a.data().pinned.clone().expect("pinned");
    assert!(pinned.label.contains("+ 1 change"), "{}", pinned.label);
    let year = a.ui().year;
    let with_euv = a
        .data()
        .now
        .value(MetricId::AdvancedCapacity, year)
        .unwrap();
    a.update(Action::Toggle);
    assert_eq!(
        a.data()
            .reference
            .value(MetricId::AdvancedCapacity, year)
            .unwrap(),
        with_euv
    );
    assert!(
        a.data()
            .now
            .value(MetricId::AdvancedCapacity, year)
            .unwrap()
            < with_euv
    );
    // Pinning a different state re-pins; pinning the same state again unpins.
    a.update(Action::Pin);
    assert_eq!(
        a.data().pinned.as_ref().unwrap().label,
        a.data().now.basis.label()
    );
    a.update(Action::Pin);
    assert!(a.data().pinned.is_none());
}

#[test]
fn panels_years_and_metrics_switch_and_the_tornado_follows() {
    let mut a = app();
    assert_eq!(a.ui().panel, Panel::Output);
    a.update(Action::PrevPanel);
    assert_eq!(a.ui().panel, Panel::Sensitivity);
    assert!(
        a.data().sweep.is_some(),
        "the tornado is computed when its panel shows"
    );
    a.update(Action::NextPanel);
    assert_eq!(a.ui().panel, Panel::Output);
    a.update(Action::ShowPanel(5));
    let sweep = a.data().sweep.clone().unwrap();
    assert_eq!((sweep.metric, sweep.year), (a.ui().metric, a.ui().year));
    a.update(Action::Metric(1));
    assert_eq!(a.data().sweep.as_ref().unwrap().metric, a.ui().metric);
    assert_ne!(a.ui().metric, sweep.metric);
    a.update(Action::Year(-100));
    assert_eq!(a.ui().year, a.scenario().first_year);
    assert_eq!(a.data().sweep.as_ref().unwrap().year, a.ui().year);
    a.update(Action::Year(100));
    assert_eq!(a.ui().year, a.scenario().last_year);
    a.update(Action::ShowPanel(6));
    assert_eq!(a.ui().panel, Panel::Sensitivity, "no seventh panel");
}

#[test]
fn the_picker_opens_another_scenario_and_drops_lever_changes() {
    let mut a = app();
    select(&mut a, LeverId::EuvAccess);
    a.update(Action::Toggle);
    a.update(Action::OpenPicker);
    assert!(matches!(a.ui().mode, Mode::Picker(0)));
    a.update(Action::PickerMove(1));
    // With a lever changed, the first Enter asks; the second opens and drops the change.
    a.update(Action::PickerOpen);
    assert!(matches!(a.ui().mode, Mode::Picker(1)));
    a.update(Action::PickerOpen);
    assert!(matches!(a.ui().mode, Mode::Explore));
    assert_eq!(a.data().current, 1);
    assert!(a.data().overrides.is_empty() && a.data().undo.is_empty());
    assert_eq!(
        a.data().reference.basis.entry,
        1,
        "unpinned: compare with the new file's values"
    );
    // Pin a scenario from the picker.
    a.update(Action::OpenPicker);
    a.update(Action::PickerMove(-1));
    a.update(Action::PickerPin);
    assert_eq!(a.data().reference.basis.entry, 0);
    assert!(a.data().pinned.is_some());
    // Esc closes an overlay first, then quits.
    a.update(Action::ToggleHelp);
    a.update(Action::Back);
    assert!(matches!(a.ui().mode, Mode::Explore));
    assert!(!a.ui().quit);
    a.update(Action::Back);
    assert!(a.ui().quit);
}

fn key(code: KeyCode, modifiers: KeyModifiers, kind: KeyEventKind) -> Event {
    Event::Key(KeyEvent {
        code,
        modifiers,
        kind,
        state: KeyEventState::NONE,
    })
}

#[test]
fn key_events_go_through_the_keymap_and_releases_are_ignored() {
    let mut a = app();
    let press = |c| key(KeyCode::Char(c), KeyModifiers::NONE, KeyEventKind::Press);
    for ev in [
        press('j'),
        key(
            KeyCode::Char('j'),
            KeyModifiers::NONE,
            KeyEventKind::Release,
        ),
        press(' '),
    ] {
        if let Some(action) = input::translate(&a, &ev) {
            a.update(action);
        }
    }
    assert_eq!(a.ui().lever, LeverId::DuvControls);
    assert!(a.is_changed(LeverId::DuvControls));
    let undo = input::translate(&a, &press('u')).unwrap();
    a.update(undo);
    assert!(!a.is_changed(LeverId::DuvControls));
    let redo = input::translate(
        &a,
        &key(
            KeyCode::Char('r'),
            KeyModifiers::CONTROL,
            KeyEventKind::Press,
        ),
    )
    .unwrap();
    assert_eq!(redo, Action::Redo);
    assert_eq!(input::translate(&a, &press('w')), Some(Action::Save));
    a.update(Action::ToggleHelp);
    assert_eq!(
        input::translate(
            &a,
            &key(KeyCode::Esc, KeyModifiers::NONE, KeyEventKind::Press)
        ),
        Some(Action::Back)
    );
}

#[test]
fn stale_monte_carlo_results_are_dropped_and_requests_coalesce() {
    let entries = load_entries(&[]).unwrap();
    let mut a = App::new(
        entries,
        Settings {
            samples: 20,
            seed: 3,
            inline: false,
        },
        Theme::COLOR,
    )
    .unwrap();
    let first = a.take_jobs();
    assert_eq!(
        first.len(),
        2,
        "one request for the current state, one for the comparison"
    );
    assert!(a.pending());
    select(&mut a, LeverId::HubEnforcement);
    for _ in 0..5 {
        a.update(Action::Step(1));
    }
    let jobs = a.take_jobs();
    assert_eq!(jobs.len(), 1, "held keys leave one request, the newest");
    let stale = first
        .iter()
        .find(|j| j.slot == worker::Slot::Current)
        .unwrap();
    a.update(Action::Computed(worker::compute(stale)));
    assert!(
        a.data().now.mc.is_none(),
        "a result for an old state is dropped"
    );
    a.update(Action::Computed(worker::compute(&jobs[0])));
    assert!(a.data().now.mc.is_some());
}

#[test]
fn files_given_are_loaded_broken_ones_kept_for_the_picker() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a_good.ron"),
        "Scenario(version: 1, name: \"Good\", extends: \"bundled:baseline\")",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("b_bad.ron"),
        "Scenario(version: 1, name: \"Bad\", levers: (euv_acess: true))",
    )
    .unwrap();
    let entries = load_entries(&[dir.path().to_path_buf()]).unwrap();
    assert_eq!(entries.len(), 2);
    assert!(matches!(&entries[0], Entry::Ready { scenario, .. } if scenario.name == "Good"));
    assert!(matches!(&entries[1], Entry::Broken { diagnostics, .. } if !diagnostics.is_empty()));

    std::fs::remove_file(dir.path().join("a_good.ron")).unwrap();
    let only_bad = load_entries(&[dir.path().to_path_buf()]).unwrap_err();
    assert!(only_bad.iter().any(|d| d.code == "no-valid-scenario"));
    let missing = load_entries(&[dir.path().join("nope.ron")]).unwrap_err();
    assert_eq!(missing[0].code, "missing-file");
}

fn mouse(kind: crossterm::event::MouseEventKind, column: u16, row: u16) -> Event {
    Event::Mouse(crossterm::event::MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    })
}

#[test]
fn mouse_clicks_select_levers_and_tabs_and_the_wheel_steps_a_lever() {
    use crossterm::event::{MouseButton, MouseEventKind};
    let mut a = app();
    a.update(Action::Resize(120, 40));
    let areas =
        chipcast::tui::view::layout::areas(ratatui::layout::Rect::new(0, 0, 120, 40)).unwrap();
    // The first row of the lever list is the controls heading; the second the first lever.
    let row = areas.levers.y + 2;
    let click =
        input::translate(&a, &mouse(MouseEventKind::Down(MouseButton::Left), 5, row)).unwrap();
    assert_eq!(click, Action::SelectLever(LeverId::DuvControls));
    a.update(click);
    let wheel =
        input::translate(&a, &mouse(MouseEventKind::ScrollUp, 5, areas.levers.y + 1)).unwrap();
    assert_eq!(wheel, Action::StepLever(LeverId::EuvAccess, 1));
    a.update(wheel);
    assert!(a.is_changed(LeverId::EuvAccess));
    let (panel, x, _) = chipcast::tui::view::layout::tab_spans(areas.tabs)[3];
    let tab = input::translate(
        &a,
        &mouse(MouseEventKind::Down(MouseButton::Left), x + 1, areas.tabs.y),
    )
    .unwrap();
    a.update(tab);
    assert_eq!(a.ui().panel, panel);
    // A click on the time axis selects that year.
    let plot = chipcast::tui::view::chart::plot_area(areas.panel);
    let s = a.scenario().clone();
    let col =
        chipcast::tui::view::chart::year_column(plot, s.first_year, s.last_year, s.first_year + 2);
    let year = input::translate(
        &a,
        &mouse(MouseEventKind::Down(MouseButton::Left), col, plot.bottom()),
    )
    .unwrap();
    assert_eq!(year, Action::SelectYear(s.first_year + 2));
    // Too small a screen: nothing to hit.
    a.update(Action::Resize(40, 10));
    assert_eq!(
        input::translate(&a, &mouse(MouseEventKind::Down(MouseButton::Left), 5, row)),
        None
    );
}

/// A hot reload reaches the app as an action: the data and the footer follow it.
#[test]
fn a_reload_delivered_as_an_action_updates_the_data_and_status() {
    use chipcast::diag::Diagnostic;
    use chipcast::scenario::{self, Origin};
    use chipcast::tui::watch::Reload;
    let mut a = app();
    let current = a.data().current;
    let newer = scenario::load(&Origin::Bundled("hardline")).unwrap();
    let name = newer.scenario.name.clone();
    let before = a.data().now.central.clone();
    a.update(Action::Reloaded(Box::new(Reload {
        entry: current,
        result: Ok(newer),
        changed: Vec::new(),
    })));
    assert_eq!(a.scenario().name, name);
    assert_ne!(a.data().now.central, before, "re-projected");
    let status = a.ui().status.clone().expect("a message");
    assert!(status.text.starts_with("reloaded"), "{}", status.text);
    assert!(!status.error);
    // A broken save keeps what is on screen under a banner.
    a.update(Action::Reloaded(Box::new(Reload {
        entry: current,
        result: Err(vec![Diagnostic::file("x.ron", "bad", "a problem")]),
        changed: Vec::new(),
    })));
    assert_eq!(a.scenario().name, name);
    assert!(a.data().banner.is_some());
    assert!(a.ui().status.clone().unwrap().error);
}

/// Presentation moves are actions too, and never touch the explorer's own state.
#[test]
fn a_presentation_move_delivered_as_an_action() {
    use chipcast::tui::present::Cue;
    let mut a = app();
    a.update(Action::SelectLever(LeverId::HubEnforcement));
    a.update(Action::Step(1));
    let overrides = a.data().overrides.clone();
    a.update(Action::Present(Cue::Enter));
    assert_eq!(a.presentation().map(|p| p.index), Some(0));
    a.update(Action::Present(Cue::Next));
    let p = a.presentation().expect("presenting");
    assert_eq!(p.index, 1);
    assert_eq!(
        p.now().basis.overrides,
        chipcast::tui::present::cumulative(&p.story, 2)
    );
    assert_eq!(
        a.data().overrides,
        overrides,
        "the explorer's levers are untouched"
    );
    a.update(Action::Present(Cue::Leave));
    assert!(matches!(a.ui().mode, Mode::Explore));
}

/// One mode at a time: opening one replaces the other, and Esc always returns to exploring.
#[test]
fn one_mode_at_a_time_and_esc_returns_to_explore() {
    use chipcast::tui::present::Cue;
    let esc = Event::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    let mut a = app();
    a.update(Action::ToggleHelp);
    a.update(Action::OpenPicker);
    assert!(
        matches!(a.ui().mode, Mode::Picker(_)),
        "the picker replaces help"
    );
    a.update(Action::SelectLever(LeverId::HubEnforcement));
    a.update(Action::Step(1));
    let enter: [fn(&mut App); 4] = [
        |a| a.update(Action::ToggleHelp),
        |a| a.update(Action::OpenPicker),
        |a| a.update(Action::Save),
        |a| a.update(Action::Present(Cue::Enter)),
    ];
    a.update(Action::Back);
    for (i, open) in enter.iter().enumerate() {
        assert!(matches!(a.ui().mode, Mode::Explore));
        open(&mut a);
        assert!(!a.ui().mode.is_explore(), "mode {i} opened");
        let action = input::translate(&a, &esc).expect("Esc is bound in every mode");
        a.update(action);
        assert!(matches!(a.ui().mode, Mode::Explore), "Esc leaves mode {i}");
        assert!(!a.ui().quit);
    }
}
