//! Hot reload driven for real: a scenario in a temporary folder, the file watcher on it, and
//! the explorer's screen (a `TestBackend`) checked after each kind of save — a valid change, a
//! broken file (banner, last good state kept), a fix saved by rename, a burst of saves, an edit
//! of the parent it extends, and a save that makes a lever change redundant.
//!
//! Deterministic and fast: each step polls for its expected state with a timeout instead of
//! sleeping a fixed time; projections are the central runs, computed inline.

use std::path::Path;
use std::time::{Duration, Instant};

use chipcast::model::levers::LeverId;
use chipcast::model::metrics::MetricId;
use chipcast::tui::action::Action;
use chipcast::tui::app::{App, Settings};
use chipcast::tui::theme::Theme;
use chipcast::tui::watch::{self, Watcher};
use chipcast::tui::{load_entries, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// How long a step may take before the test fails (generous: the machine is shared).
const PATIENCE: Duration = Duration::from_secs(10);

fn screen(app: &mut App) -> String {
    app.update(Action::Resize(120, 40));
    let mut t = Terminal::new(TestBackend::new(120, 40)).unwrap();
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

/// Applies reloads until `done` holds; returns how long it took.
fn wait_until(app: &mut App, w: &mut Watcher, what: &str, done: impl Fn(&App) -> bool) -> Duration {
    let start = Instant::now();
    loop {
        watch::pump(app, w);
        if done(app) {
            return start.elapsed();
        }
        assert!(
            start.elapsed() < PATIENCE,
            "timed out waiting for {what}; status: {:?}",
            app.ui().status
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// `w`, the prompt's text replaced by `path`, Enter.
fn save_as(app: &mut App, path: &Path) {
    app.update(Action::Save);
    let n = app.prompt().as_ref().unwrap().text.chars().count();
    for _ in 0..n {
        app.update(Action::PromptBackspace);
    }
    for c in path.to_string_lossy().chars() {
        app.update(Action::PromptChar(c));
    }
    app.update(Action::PromptConfirm);
}

/// The central-run explorer (no sampling) on these entries.
fn explorer(entries: Vec<chipcast::tui::app::Entry>) -> App {
    App::new(
        entries,
        Settings {
            samples: 0,
            seed: 7,
            inline: true,
        },
        Theme::COLOR,
    )
    .unwrap()
}

fn child(name: &str, hub: f64) -> String {
    format!(
        "// A scenario under test.\nScenario(\n    version: 1,\n    name: \"{name}\",\n    description: \"hot reload\",\n    extends: \"parent.ron\",\n    levers: (\n        hub_enforcement: {hub},\n    ),\n)\n"
    )
}

fn parent(demand_growth: f64) -> String {
    format!(
        "Scenario(version: 1, name: \"Parent\", description: \"p\", extends: \"bundled:baseline\", levers: (demand_growth: {demand_growth}))\n"
    )
}

fn write(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap();
}

fn diverted(app: &App) -> Vec<f64> {
    app.data().now.central.series(MetricId::Diverted).to_vec()
}

#[test]
fn saves_reload_the_explorer_and_broken_saves_keep_the_last_good_state() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.ron");
    let parent_path = dir.path().join("parent.ron");
    write(&parent_path, &parent(0.3));
    write(&path, &child("Reload v1", 0.2));
    let entries = load_entries(std::slice::from_ref(&path)).unwrap();
    let mut app = explorer(entries);
    app.update(Action::ShowPanel(3));
    // A lever change made in the explorer, which must survive reloads.
    app.update(Action::SelectLever(LeverId::ServicingBan));
    app.update(Action::Toggle);
    assert!(app.is_changed(LeverId::ServicingBan));
    let mut w = Watcher::spawn(&app.data().entries, &app.data().roots)
        .expect("the watcher starts")
        .expect("a file on disk is watched");
    let first = screen(&mut app);
    assert!(first.contains("Reload v1"), "{first}");
    let v1 = diverted(&app);

    // 1. A valid change (written in place: truncate, then write).
    write(&path, &child("Reload v2", 0.9));
    let took = wait_until(&mut app, &mut w, "the valid change", |a| {
        a.scenario().name == "Reload v2"
    });
    eprintln!("valid save applied {took:?} after the write");
    assert!(took < PATIENCE);
    let v2 = diverted(&app);
    assert_ne!(
        v1, v2,
        "stricter hub enforcement changes the diverted series"
    );
    assert!(
        app.is_changed(LeverId::ServicingBan),
        "the lever change survives"
    );
    let s = screen(&mut app);
    assert!(s.contains("Reload v2") && s.contains("● 1 changed"), "{s}");
    assert!(s.contains("reloaded"), "the footer says so: {s}");
    assert_ne!(s, first);

    // 2. A broken save: banner with file:line:col, the first problem's hint, how many more
    // and the command that lists them; the last good state kept.
    write(
        &path,
        "Scenario(\n    version: 1,\n    name: \"Broken\",\n    extends: \"parent.ron\",\n    levers: (hub_enforcement: 7.0, hub_malaysia: 9.0),\n)\n",
    );
    wait_until(&mut app, &mut w, "the banner", |a| {
        a.data().banner.is_some()
    });
    let banner = app.data().banner.clone().unwrap();
    assert!(banner.first.contains("x.ron:5:"), "{banner:?}");
    assert_eq!(app.scenario().name, "Reload v2");
    assert_eq!(diverted(&app), v2);
    let s = screen(&mut app);
    assert!(s.contains("the file has problems"), "{s}");
    assert!(s.contains("x.ron:5:"), "{s}");
    assert!(s.contains(" hint: "), "the first problem's hint: {s}");
    assert!(
        s.contains("+1 more (chipcast check ") && s.contains("x.ron)"),
        "how many more, and where to see them: {s}"
    );
    assert!(s.contains("Reload v2"), "the last good version stays: {s}");

    // 3. The fix, saved as editors do by rename: a temporary file renamed over the original.
    let tmp = dir.path().join(".x.ron.swp");
    write(&tmp, &child("Reload v3", 0.6));
    std::fs::rename(&tmp, &path).unwrap();
    wait_until(&mut app, &mut w, "the rename-save", |a| {
        a.scenario().name == "Reload v3" && a.data().banner.is_none()
    });
    let s = screen(&mut app);
    assert!(
        s.contains("Reload v3") && !s.contains("the file has problems"),
        "{s}"
    );
    assert!(
        s.contains("fixed"),
        "the footer says the file is fixed: {s}"
    );

    // 4. A burst of ten saves: the last one is what shows.
    for i in 4..14 {
        write(
            &path,
            &child(&format!("Reload v{i}"), f64::from(i % 10) / 10.0),
        );
        std::thread::sleep(Duration::from_millis(3));
    }
    wait_until(&mut app, &mut w, "the end of the burst", |a| {
        a.scenario().name == "Reload v13"
    });
    // Nothing older arrives after the newest.
    std::thread::sleep(watch::DEBOUNCE * 3);
    watch::pump(&mut app, &mut w);
    assert_eq!(app.scenario().name, "Reload v13");
    assert_eq!(
        app.scenario().levers[LeverId::HubEnforcement as usize].central(),
        0.3
    );
    let s = screen(&mut app);
    assert!(s.contains("Reload v13"), "{s}");

    // 5. A save of the parent it extends reloads it too.
    let before = app.data().now.central.clone();
    write(&parent_path, &parent(0.05));
    wait_until(&mut app, &mut w, "the parent's change", |a| {
        a.scenario().levers[LeverId::DemandGrowth as usize].central() == 0.05
    });
    assert_ne!(app.data().now.central, before);
    let s = screen(&mut app);
    assert!(s.contains("parent.ron changed"), "{s}");

    // 6. The file now sets the lever as the explorer had it: the change is dropped, and said.
    let text = child("Reload v14", 0.3).replace(
        "hub_enforcement: 0.3,",
        "hub_enforcement: 0.3,\n        servicing_ban: true,",
    );
    write(&path, &text);
    wait_until(&mut app, &mut w, "the redundant change", |a| {
        a.scenario().name == "Reload v14"
    });
    assert!(!app.is_changed(LeverId::ServicingBan));
    let s = screen(&mut app);
    assert!(
        s.contains("change dropped: x.ron now sets servicing_ban"),
        "{s}"
    );
}

#[test]
fn bundled_scenarios_are_not_watched() {
    let entries = load_entries(&[]).unwrap();
    assert!(
        Watcher::spawn(&entries, &Default::default())
            .unwrap()
            .is_none()
    );
}

/// A scenario saved with `w` joins the picker and is watched from then on, also when the
/// explorer opened on bundled scenarios only (no watcher was running).
#[test]
fn a_scenario_saved_in_the_session_reloads_when_edited_outside() {
    /// What the event loop does after each input.
    fn follow(app: &App, watcher: &mut Option<Watcher>, known: &mut usize) {
        watch::follow(watcher, &app.data().entries, &app.data().roots, known).unwrap();
        assert_eq!(*known, app.data().entries.len());
    }
    /// An edit made outside the explorer: the scenario's name in the file changes.
    fn rename_outside(path: &Path, from: &str, to: &str) {
        let text = std::fs::read_to_string(path).unwrap();
        let edited = text.replacen(&format!("name: \"{from}\""), &format!("name: \"{to}\""), 1);
        assert_ne!(edited, text, "the saved file names the scenario: {text}");
        write(path, &edited);
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("saved.ron");
    let mut app = explorer(load_entries(&[]).unwrap());
    let mut watcher = Watcher::spawn(&app.data().entries, &app.data().roots).unwrap();
    assert!(
        watcher.is_none(),
        "bundled scenarios only: nothing to watch"
    );
    let mut known = app.data().entries.len();
    app.update(Action::SelectYear(app.scenario().first_year));
    app.update(Action::SelectLever(LeverId::ServicingBan));
    app.update(Action::Toggle);
    save_as(&mut app, &path);
    assert!(path.is_file(), "saved: {:?}", app.ui().status);
    assert_eq!(
        app.data().entries.len(),
        known + 1,
        "the saved file joins the picker"
    );
    follow(&app, &mut watcher, &mut known);
    let mut w = watcher.take().expect("the saved file is watched");
    rename_outside(&path, &app.scenario().name.clone(), "Edited outside");
    wait_until(&mut app, &mut w, "the outside edit", |a| {
        a.scenario().name == "Edited outside"
    });
    assert!(screen(&mut app).contains("Edited outside"));

    // A second save, into another folder, joins the running watcher; the file extends the
    // first one, so its reload reads from the first one's folder.
    let other = tempfile::tempdir().unwrap();
    let second = other.path().join("second.ron");
    app.update(Action::SelectLever(LeverId::DuvControls));
    app.update(Action::Step(1));
    save_as(&mut app, &second);
    assert!(second.is_file(), "saved: {:?}", app.ui().status);
    let mut watcher = Some(w);
    follow(&app, &mut watcher, &mut known);
    let mut w = watcher.unwrap();
    rename_outside(&second, &app.scenario().name.clone(), "Second, edited");
    wait_until(&mut app, &mut w, "the second outside edit", |a| {
        a.scenario().name == "Second, edited"
    });
}

/// The open file replaced by a FIFO (issue 13, item 2): the watcher does not block on it, the
/// banner names the file type, and reload goes on working once a real file is back.
#[cfg(unix)]
#[test]
fn a_fifo_renamed_over_the_open_file_is_named_and_reload_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.ron");
    write(&dir.path().join("parent.ron"), &parent(0.3));
    write(&path, &child("Fifo v1", 0.2));
    let entries = load_entries(std::slice::from_ref(&path)).unwrap();
    let settings = Settings {
        samples: 0,
        seed: 7,
        inline: true,
    };
    let mut app = App::new(entries, settings, Theme::COLOR).unwrap();
    let mut w = Watcher::spawn(&app.data().entries, &app.data().roots)
        .unwrap()
        .unwrap();

    let fifo = dir.path().join("f.tmp");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    std::fs::rename(&fifo, &path).unwrap();
    wait_until(&mut app, &mut w, "the FIFO banner", |a| {
        a.data().banner.is_some()
    });
    let s = screen(&mut app);
    assert!(s.contains("FIFO"), "the banner names the file type: {s}");
    assert_eq!(app.scenario().name, "Fifo v1", "the last good state stays");

    // A real file again: the reload thread was not blocked, so it is picked up.
    let tmp = dir.path().join("x.tmp");
    write(&tmp, &child("Fifo v2", 0.5));
    std::fs::rename(&tmp, &path).unwrap();
    wait_until(&mut app, &mut w, "the file back", |a| {
        a.scenario().name == "Fifo v2" && a.data().banner.is_none()
    });
}
