//! Presentation mode: every step of every bundled story drawn at 80×24 (insta snapshots), the
//! keys that move through a story, leaving back to an explorer left exactly as it was, the
//! same screen on every draw, and `chipcast present`'s errors for bad input.
//!
//! Fast: a small sample count, computed inline.

use assert_cmd::Command;
use chipcast::diag::sanitize;
use chipcast::model::levers::LeverId;
use chipcast::model::metrics::MetricId;
use chipcast::model::scenario::Dist;
use chipcast::scenario::story::Panel;
use chipcast::tui::action::Action;
use chipcast::tui::app::{App, Mode, Settings};
use chipcast::tui::present::{self, CAPTION_ROWS, Cue, Presentation};
use chipcast::tui::theme::Theme;
use chipcast::tui::{input, load_entries, view};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

const SETTINGS: Settings = Settings {
    samples: 100,
    seed: 42,
    inline: true,
};

/// A valid scenario without a story.
const NO_STORY: &str = "tests/fixtures/valid/sets_nothing.ron";

/// The explorer on a bundled scenario.
fn explorer(name: &str) -> App {
    let mut app = App::new(load_entries(&[]).unwrap(), SETTINGS, Theme::COLOR).unwrap();
    let i = app
        .data()
        .entries
        .iter()
        .position(|e| e.scenario().is_some_and(|s| s.file.contains(name)))
        .unwrap_or_else(|| panic!("{name} is bundled"));
    app.update(Action::OpenPicker);
    app.update(Action::PickerSelect(i));
    app.update(Action::PickerOpen);
    app.update(Action::Resize(80, 24));
    app.update(Action::ClearStatus);
    app
}

fn presenting(app: &App) -> &Presentation {
    app.presentation().expect("presentation mode is on")
}

fn key(app: &mut App, code: KeyCode) {
    let ev = Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
    if let Some(action) = input::translate(app, &ev) {
        app.update(action);
    }
}

fn draw(app: &App, w: u16, h: u16) -> Buffer {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| view::render(app, f)).unwrap();
    t.backend().buffer().clone()
}

fn text(buf: &Buffer) -> String {
    let mut s = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            s.push_str(buf[(x, y)].symbol());
        }
        s.push('\n');
    }
    s
}

/// The bundled scenarios that tell a story.
fn storied() -> Vec<&'static str> {
    let names = present::bundled_with_story();
    assert!(
        names.len() >= 2,
        "baseline and at least one other bundled scenario tell a story: {names:?}"
    );
    names
}

#[test]
fn every_step_of_every_bundled_story_at_80x24_and_120x40() {
    for (w, h) in [(80, 24), (120, 40)] {
        every_step_at(w, h);
    }
}

fn every_step_at(w: u16, h: u16) {
    for name in storied() {
        let mut app = explorer(name);
        app.update(Action::Present(Cue::Enter));
        let n = presenting(&app).count();
        for k in 0..n {
            let p = presenting(&app);
            assert_eq!(p.index, k);
            let screen = text(&draw(&app, w, h));
            // The counter, the caption's first words and the big number are on screen.
            assert!(
                screen
                    .lines()
                    .next()
                    .unwrap()
                    .contains(&format!("{}/{n}", k + 1))
            );
            let first_words: String = p.caption().chars().take(20).collect();
            assert!(screen.contains(&first_words), "{name} step {}", k + 1);
            // Editing chrome is hidden: no lever list, no key hints.
            assert!(!screen.contains("US & ALLIED CONTROLS"));
            assert!(!screen.contains("toggle"));
            insta::assert_snapshot!(format!("present_{name}_step_{}_{w}x{h}", k + 1), screen);
            app.update(Action::Present(Cue::Next));
        }
        // Past the last step it stays there.
        assert_eq!(presenting(&app).index, n - 1);
    }
}

/// Each bundled step names its year; the caption says the same year ("2024: …", "by 2028",
/// "in 2030": the first such year in it); and the headline is read in that year whichever
/// way presentation mode is entered — from the explorer with any year selected, or with
/// `chipcast present`.
#[test]
fn every_caption_year_is_its_headline_year_however_it_is_entered() {
    for name in storied() {
        let story = story_of(name);
        for (i, step) in story.iter().enumerate() {
            let year = step
                .year
                .unwrap_or_else(|| panic!("{name} step {} names no year", i + 1));
            let said = caption_year(&step.caption)
                .unwrap_or_else(|| panic!("{name} step {}: no year in {:?}", i + 1, step.caption));
            assert_eq!(said, year, "{name} step {}: {}", i + 1, step.caption);
        }
        let headline_years = |app: &mut App| -> Vec<i32> {
            let n = presenting(app).count();
            (0..n)
                .map(|_| {
                    let y = presenting(app).headline().year;
                    app.update(Action::Present(Cue::Next));
                    y
                })
                .collect()
        };
        let want: Vec<i32> = story.iter().map(|s| s.year.unwrap()).collect();
        for selected in [2024, 2030] {
            let mut app = explorer(name);
            app.update(Action::SelectYear(selected));
            app.update(Action::Present(Cue::Enter));
            assert_eq!(
                headline_years(&mut app),
                want,
                "{name}, entered at {selected}"
            );
        }
        let opts = present::PresentOptions {
            scenario: name.into(),
            step: None,
            seed: 1,
            samples: 0,
            roots: Default::default(),
            theme: Theme::from_env(),
        };
        let mut app = present::load(&opts).unwrap();
        assert_eq!(
            headline_years(&mut app),
            want,
            "{name} with chipcast present"
        );
    }
}

/// The year a caption is about: one that opens it ("2024: …", "2025 in one chart") or the
/// first after "in " or
/// "by " (any case); other years ("from 2027", "Dec 2025") are dates of events.
fn caption_year(caption: &str) -> Option<i32> {
    let lower = caption.to_lowercase();
    let year_at = |i: usize| -> Option<i32> {
        let s = lower.get(i..i + 4)?;
        let next = lower[i + 4..].chars().next();
        (s.chars().all(|c| c.is_ascii_digit()) && !next.is_some_and(|c| c.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    if let Some(y) = year_at(0) {
        return Some(y);
    }
    lower
        .match_indices(['i', 'b'])
        .filter_map(|(i, _)| {
            let word = lower.get(i..i + 3)?;
            let starts = i == 0 || !lower[..i].ends_with(|c: char| c.is_alphanumeric());
            ((word == "in " || word == "by ") && starts).then(|| year_at(i + 3))?
        })
        .next()
}

#[test]
fn every_caption_fits_its_rows_at_80x24() {
    for name in storied() {
        let story = story_of(name);
        for (i, step) in story.iter().enumerate() {
            let caption = sanitize(&step.caption);
            let lines = present::wrap(&caption, 78);
            assert!(
                lines.len() <= 2,
                "{name} step {}: {} lines at 80 columns (2 at most keep the chart tall): {caption}",
                i + 1,
                lines.len()
            );
            assert!(lines.len() <= CAPTION_ROWS);
        }
    }
}

#[test]
fn steps_apply_cumulatively_and_the_headline_shows_the_change() {
    let story = story_of("baseline");
    let euv = story
        .iter()
        .position(|st| st.set.iter().any(|(l, _)| *l == LeverId::EuvAccess))
        .expect("a baseline step gives China EUV");
    let o = present::cumulative(&story, euv + 1);
    assert_eq!(o.get(LeverId::EuvAccess), Some(Dist::Fixed(1.0)));
    assert_eq!(present::cumulative(&story, 0).0, Vec::new());

    let mut app = explorer("baseline");
    app.update(Action::Present(Cue::Enter));
    for _ in 0..euv {
        app.update(Action::Present(Cue::Next));
    }
    let p = presenting(&app);
    assert_eq!(
        p.now().basis.overrides.get(LeverId::EuvAccess),
        o.get(LeverId::EuvAccess)
    );
    let h = p.headline();
    assert_eq!(h.metric, present::step_metric(p.step()));
    assert_eq!(
        Some(h.year),
        p.step().year,
        "the step's own year, whatever the explorer's"
    );
    let (v, prev) = (h.value.unwrap(), h.previous.unwrap());
    assert!(v > prev, "EUV raises {:?}: {v} vs {prev}", h.metric);
    let screen = text(&draw(&app, 80, 24));
    assert!(screen.contains(&format!("vs step {euv}")), "{screen}");
    assert!(screen.contains("this step: euv_access"), "{screen}");
}

#[test]
fn keys_move_through_the_story_and_jump() {
    let mut app = explorer("baseline");
    key(&mut app, KeyCode::Char('P'));
    let n = presenting(&app).count();
    assert!(n >= 4);
    let at = |app: &App| presenting(app).index;
    for next in [
        KeyCode::Char(' '),
        KeyCode::Right,
        KeyCode::PageDown,
        KeyCode::Enter,
    ] {
        let before = at(&app);
        key(&mut app, next);
        assert_eq!(at(&app), (before + 1).min(n - 1), "{next:?}");
    }
    assert_eq!(at(&app), 4.min(n - 1));
    for back in [KeyCode::Left, KeyCode::PageUp, KeyCode::Backspace] {
        let before = at(&app);
        key(&mut app, back);
        assert_eq!(at(&app), before.saturating_sub(1), "{back:?}");
    }
    key(&mut app, KeyCode::End);
    assert_eq!(at(&app), n - 1);
    key(&mut app, KeyCode::Home);
    assert_eq!(at(&app), 0);
    key(&mut app, KeyCode::Left);
    assert_eq!(at(&app), 0, "before the first step it stays there");

    // g, a number, Enter: with fewer than ten steps the digit alone goes.
    key(&mut app, KeyCode::Char('g'));
    assert_eq!(presenting(&app).jump.as_deref(), Some(""));
    key(&mut app, KeyCode::Char('3'));
    assert_eq!(at(&app), 2);
    assert_eq!(presenting(&app).jump, None);
    // Esc cancels a jump being typed and stays in presentation mode.
    key(&mut app, KeyCode::Char('g'));
    key(&mut app, KeyCode::Esc);
    assert!(app.presentation().is_some());
    assert_eq!(at(&app), 2);
    // A number past the end goes to the last step.
    key(&mut app, KeyCode::Char('g'));
    key(&mut app, KeyCode::Char('9'));
    assert_eq!(at(&app), n - 1);
    // g then Enter with nothing typed stays put.
    key(&mut app, KeyCode::Char('g'));
    key(&mut app, KeyCode::Enter);
    assert_eq!(at(&app), n - 1);
    // The year keys move the headline's year, not the explorer's.
    let year = app.ui().year;
    key(&mut app, KeyCode::Char('['));
    assert_eq!(presenting(&app).year(), year - 1);
    assert_eq!(app.ui().year, year);
}

/// The clicker keys: `b` and `.` black the screen out, `w` and `,` white it out, and any key
/// (which does nothing else) brings the same slide back, at 80×24, 120×40 and 200×60.
#[test]
fn blank_keys_black_or_white_out_the_screen_and_any_key_brings_it_back() {
    use ratatui::style::Color;
    for (w, h) in [(80, 24), (120, 40), (200, 60)] {
        let mut app = explorer("baseline");
        key(&mut app, KeyCode::Char('P'));
        key(&mut app, KeyCode::Right);
        let slide = text(&draw(&app, w, h));
        for (blank, colour) in [
            (KeyCode::Char('b'), Color::Black),
            (KeyCode::Char('.'), Color::Black),
            (KeyCode::Char('w'), Color::White),
            (KeyCode::Char(','), Color::White),
        ] {
            key(&mut app, blank);
            let buf = draw(&app, w, h);
            assert!(
                buf.content()
                    .iter()
                    .all(|c| c.symbol() == " " && c.bg == colour),
                "{w}x{h} {blank:?}: every cell blank on {colour:?}"
            );
            // Any key: the slide comes back and the key does nothing else (Right would
            // otherwise move on a step).
            key(&mut app, KeyCode::Right);
            assert_eq!(presenting(&app).index, 1, "{blank:?}");
            assert_eq!(text(&draw(&app, w, h)), slide, "{w}x{h} {blank:?}");
        }
    }
    // The help lists them.
    let help = chipcast::tui::keymap::help_rows(chipcast::tui::keymap::Scope::Present);
    let keys: String = help
        .iter()
        .map(|(k, _)| k.clone())
        .collect::<Vec<_>>()
        .join(" ");
    for k in ["b", ".", "w", ","] {
        assert!(keys.split(' ').any(|x| x == k), "{k} in {keys}");
    }
}

#[test]
fn a_two_digit_step_waits_for_enter() {
    let mut app = explorer("baseline");
    app.update(Action::Present(Cue::Enter));
    let n = presenting(&app).count();
    // With fewer than ten steps, `1` cannot start a longer number and goes at once; `0` can
    // and waits.
    app.update(Action::Present(Cue::Jump));
    app.update(Action::Present(Cue::Digit(0)));
    assert_eq!(presenting(&app).jump.as_deref(), Some("0"));
    app.update(Action::Present(Cue::Digit(2)));
    assert_eq!(presenting(&app).index, 1.min(n - 1));
    app.update(Action::Present(Cue::Jump));
    app.update(Action::Present(Cue::Digit(0)));
    app.update(Action::Present(Cue::Back));
    assert_eq!(presenting(&app).jump.as_deref(), Some(""));
    app.update(Action::Present(Cue::Back));
    assert_eq!(presenting(&app).jump, None);
    assert_eq!(presenting(&app).index, 1.min(n - 1));
}

#[test]
fn leaving_restores_the_explorer_as_it_was() {
    let mut app = explorer("baseline");
    app.update(Action::Pin);
    app.update(Action::SelectLever(LeverId::HubEnforcement));
    app.update(Action::Step(1));
    app.update(Action::ShowPanel(3));
    app.update(Action::Year(2));
    let before = (
        app.ui().lever,
        app.ui().panel,
        app.ui().year,
        app.data().overrides.clone(),
        app.data().undo.len(),
        app.data().pinned.as_ref().map(|p| p.label.clone()),
        app.data().now.basis.overrides.clone(),
        app.data().reference.basis.overrides.clone(),
    );
    let screen = text(&draw(&app, 80, 24));
    key(&mut app, KeyCode::Char('P'));
    assert!(app.presentation().is_some());
    for _ in 0..3 {
        key(&mut app, KeyCode::Char(' '));
    }
    key(&mut app, KeyCode::Char(']'));
    key(&mut app, KeyCode::Char('q'));
    assert!(app.presentation().is_none(), "q leaves presentation mode");
    assert!(!app.ui().quit, "leaving does not quit the explorer");
    let after = (
        app.ui().lever,
        app.ui().panel,
        app.ui().year,
        app.data().overrides.clone(),
        app.data().undo.len(),
        app.data().pinned.as_ref().map(|p| p.label.clone()),
        app.data().now.basis.overrides.clone(),
        app.data().reference.basis.overrides.clone(),
    );
    assert_eq!(before, after);
    assert_eq!(app.ui().panel, Panel::Routes);
    assert_eq!(
        text(&draw(&app, 80, 24)),
        screen,
        "the same screen as before"
    );
    // Esc leaves too; Ctrl-c quits from presentation mode.
    key(&mut app, KeyCode::Char('P'));
    key(&mut app, KeyCode::Esc);
    assert!(app.presentation().is_none());
    key(&mut app, KeyCode::Char('P'));
    let ctrl_c = Event::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
    let action = input::translate(&app, &ctrl_c).unwrap();
    app.update(action);
    assert!(app.ui().quit);
}

#[test]
fn presentation_ignores_the_mouse_and_explorer_keys() {
    let mut app = explorer("baseline");
    app.update(Action::Present(Cue::Enter));
    let lever = app.ui().lever;
    let click = Event::Mouse(crossterm::event::MouseEvent {
        kind: crossterm::event::MouseEventKind::Down(crossterm::event::MouseButton::Left),
        column: 5,
        row: 6,
        modifiers: KeyModifiers::NONE,
    });
    assert_eq!(input::translate(&app, &click), None);
    for c in ['j', 'u', 'r', 'R', 'p', 's'] {
        key(&mut app, KeyCode::Char(c));
    }
    assert_eq!(app.ui().lever, lever);
    assert!(app.data().overrides.is_empty());
    assert!(app.data().pinned.is_none());
    assert!(
        matches!(app.ui().mode, Mode::Present(_)),
        "no overlay opens over the presentation"
    );
    assert!(app.presentation().is_some());
}

#[test]
fn a_scenario_without_a_story_says_so_and_stays_in_the_explorer() {
    let file = std::path::PathBuf::from(NO_STORY);
    let mut app = App::new(load_entries(&[file]).unwrap(), SETTINGS, Theme::COLOR).unwrap();
    assert!(app.story().is_empty());
    app.update(Action::Present(Cue::Enter));
    assert!(app.presentation().is_none());
    let status = app.ui().status.clone().expect("a message");
    assert!(status.error);
    assert!(status.text.contains("no story"), "{}", status.text);
    assert!(status.text.contains("baseline"), "{}", status.text);
}

#[test]
fn the_same_step_draws_the_same_screen_every_time() {
    let draw_step = |k: usize| {
        let opts = present::PresentOptions {
            scenario: "hardline".into(),
            step: Some(k),
            seed: 7,
            samples: 100,
            roots: Default::default(),
            theme: Theme::from_env(),
        };
        text(&draw(&present::load(&opts).unwrap(), 80, 24))
    };
    let first = draw_step(2);
    assert_eq!(first, draw_step(2));
    assert_ne!(first, draw_step(1));
    assert!(first.lines().next().unwrap().contains("2/"));
}

#[test]
fn present_starts_at_the_last_year_and_its_step() {
    let opts = present::PresentOptions {
        scenario: "baseline".into(),
        step: Some(2),
        seed: 1,
        samples: 0,
        roots: Default::default(),
        theme: Theme::from_env(),
    };
    let app = present::load(&opts).unwrap();
    let p = presenting(&app);
    assert_eq!(p.index, 1);
    assert!(p.exit_on_leave);
    let h = p.headline();
    assert_eq!(Some(h.year), p.step().year);
    assert_eq!(
        h.metric,
        MetricId::from_key(p.step().metric.as_deref().unwrap_or("")).unwrap_or(h.metric)
    );
}

#[test]
fn present_rejects_bad_input_without_touching_the_terminal() {
    // No story: exit 1, a hint naming the bundled scenarios that have one.
    let out = Command::cargo_bin("chipcast")
        .unwrap()
        .args(["present", NO_STORY])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no story"), "{err}");
    assert!(err.contains("baseline"), "{err}");
    assert!(out.stdout.is_empty(), "nothing drawn: {:?}", out.stdout);
    // No such step.
    let out = Command::cargo_bin("chipcast")
        .unwrap()
        .args(["present", "baseline", "--step", "99"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--step"));
    assert!(out.stdout.is_empty());
    // A missing file.
    let out = Command::cargo_bin("chipcast")
        .unwrap()
        .args(["present", "no/such/file.ron"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    // A usage error.
    let out = Command::cargo_bin("chipcast")
        .unwrap()
        .args(["present", "baseline", "--step", "two"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

/// A bundled scenario's story, as the loader gives it.
fn story_of(name: &'static str) -> Vec<chipcast::scenario::story::Slide> {
    chipcast::scenario::load(&chipcast::scenario::Origin::Bundled(name))
        .expect("bundled scenario loads")
        .story
}
