//! Save (`w`) and export (`e`) from the explorer, in throwaway folders: the saved scenario
//! extends the open file, sets only what changed, leaves the author's file untouched, and loads
//! back to exactly the projection on screen; replacing a file needs a `y`; the scenario's own
//! files are refused; export writes the panel's CSV and SVG charts beside the scenario, never
//! over an earlier export.

use std::path::{Path, PathBuf};

use chipcast::model::levers::LeverId;
use chipcast::model::metrics::MetricId;
use chipcast::model::montecarlo::simulate;
use chipcast::model::scenario::{Dist, Overrides};
use chipcast::scenario::story::Panel;
use chipcast::scenario::{Origin, load};
use chipcast::tui::action::Action;
use chipcast::tui::app::{App, Settings};
use chipcast::tui::save::{self, PromptKind};
use chipcast::tui::theme::Theme;
use chipcast::tui::{load_entries, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const SAMPLES: usize = 120;
const SEED: u64 = 11;

const AUTHOR: &str = "// The author's own file, with comments that must survive.\nScenario(\n    version: 1,\n    name: \"Mine\",\n    description: \"an author's scenario\",\n    extends: \"bundled:baseline\",\n    levers: (\n        hub_enforcement: 0.4, // a comment\n        demand_growth: Triangular(low: 0.1, mode: 0.25, high: 0.4),\n    ),\n)\n";

fn open(paths: &[PathBuf]) -> App {
    let entries = load_entries(paths).unwrap();
    App::new(
        entries,
        Settings {
            samples: SAMPLES,
            seed: SEED,
            inline: true,
        },
        Theme::COLOR,
    )
    .unwrap()
}

fn footer(app: &mut App) -> String {
    app.update(Action::Resize(120, 40));
    let mut t = Terminal::new(TestBackend::new(120, 40)).unwrap();
    t.draw(|f| view::render(app, f)).unwrap();
    let buf = t.backend().buffer();
    (0..buf.area.width)
        .map(|x| buf[(x, buf.area.height - 1)].symbol().to_string())
        .collect()
}

fn status(app: &App) -> String {
    app.ui().status.clone().map(|s| s.text).unwrap_or_default()
}

/// Replaces the prompt's text with `name`, key by key.
fn type_name(app: &mut App, name: &str) {
    let n = app.prompt().as_ref().unwrap().text.chars().count();
    for _ in 0..n {
        app.update(Action::PromptBackspace);
    }
    for c in name.chars() {
        app.update(Action::PromptChar(c));
    }
}

/// Three lever changes for every year (made with the first year selected: an edit applies
/// from the selected year on).
fn change_levers(app: &mut App) {
    let first = app.scenario().first_year;
    app.update(Action::SelectYear(first));
    app.update(Action::SelectLever(LeverId::ServicingBan));
    app.update(Action::Toggle);
    app.update(Action::SelectLever(LeverId::DuvControls));
    app.update(Action::Step(1));
    app.update(Action::SelectLever(LeverId::DemandGrowth));
    app.update(Action::Step(1));
    assert_eq!(app.data().overrides.0.len(), 3);
}

fn no_temp_files(dir: &Path) {
    for e in std::fs::read_dir(dir).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().into_owned();
        assert!(!name.contains(".tmp-"), "a temporary file was left: {name}");
    }
}

#[test]
fn w_saves_a_child_that_reproduces_the_screen_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mine.ron");
    std::fs::write(&path, AUTHOR).unwrap();
    let mut app = open(std::slice::from_ref(&path));
    app.update(Action::Save);
    assert!(app.prompt().is_none());
    assert!(status(&app).contains("nothing to save"), "{}", status(&app));

    change_levers(&mut app);
    app.update(Action::Save);
    let prompt = app.prompt().cloned().expect("the footer asks for a name");
    assert_eq!(prompt.kind, PromptKind::SaveAs);
    assert_eq!(PathBuf::from(&prompt.text), dir.path().join("mine-1.ron"));
    assert!(
        footer(&mut app).contains("save as: "),
        "{}",
        footer(&mut app)
    );
    let changes = app.data().overrides.clone();
    app.update(Action::PromptConfirm);
    assert!(app.prompt().is_none());
    let saved = dir.path().join("mine-1.ron");
    let said = footer(&mut app);
    assert!(
        said.contains("wrote ") && said.contains("mine-1.ron"),
        "{said}"
    );
    // The saved file joins the picker and is what the explorer now shows, with no changes
    // pending: they are the file's values now.
    let entries = &app.data().entries;
    let joined = entries
        .iter()
        .position(|e| e.file().ends_with("mine-1.ron"))
        .expect("the saved file is in the picker");
    assert_eq!(app.data().current, joined);
    assert!(app.data().overrides.is_empty());
    assert!(
        status(&app).contains("now exploring it"),
        "{}",
        status(&app)
    );

    // The author's file is untouched; the child extends it and sets only the three levers.
    assert_eq!(std::fs::read_to_string(&path).unwrap(), AUTHOR);
    let text = std::fs::read_to_string(&saved).unwrap();
    assert!(text.contains("extends: \"mine.ron\""), "{text}");
    for key in ["servicing_ban", "duv_controls", "demand_growth"] {
        assert!(text.contains(&format!("        {key}: ")), "{text}");
    }
    assert!(!text.contains("hub_enforcement"), "{text}");
    // Stepped values are written as the decimals they look like: no float noise
    // (`0.30000000000000004`) from adding a step to a bound.
    assert!(
        !text.contains("0000000") && !text.contains("9999999"),
        "{text}"
    );

    // It loads back to exactly what is on screen: same seed, equal bands.
    let child = load(&Origin::Disk(saved.clone())).unwrap().scenario;
    let on_screen = app.data().now.mc.clone().expect("computed inline");
    let again = simulate(&child, &Overrides::default(), SAMPLES, SEED);
    for m in MetricId::ALL {
        assert_eq!(again.band(*m), on_screen.band(*m), "{}", m.key());
    }
    let parent = load(&Origin::Disk(path.clone())).unwrap().scenario;
    assert_eq!(simulate(&parent, &changes, SAMPLES, SEED), *on_screen);
    no_temp_files(dir.path());

    // Saving the same file again replaces its picker entry instead of adding a second one.
    let before = app.data().entries.len();
    app.update(Action::SelectLever(LeverId::HubEnforcement));
    app.update(Action::Step(1));
    app.update(Action::Save);
    type_name(&mut app, saved.to_str().unwrap());
    app.update(Action::PromptConfirm);
    assert!(
        status(&app).contains("never rewrites it"),
        "the open file is refused: {}",
        status(&app)
    );
    app.update(Action::PromptCancel);

    // From the parent again, the next default name skips the one taken.
    let mut app = open(std::slice::from_ref(&path));
    change_levers(&mut app);
    assert_eq!(app.data().entries.len(), before - 1);
    app.update(Action::Save);
    assert_eq!(
        PathBuf::from(&app.prompt().as_ref().unwrap().text),
        dir.path().join("mine-2.ron")
    );
    app.update(Action::PromptCancel);
    assert!(status(&app).contains("not saved"));
}

#[test]
fn replacing_a_file_needs_a_y_and_the_scenarios_own_files_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mine.ron");
    std::fs::write(&path, AUTHOR).unwrap();
    let other = dir.path().join("other.ron");
    std::fs::write(&other, "// someone else's\n").unwrap();
    let mut app = open(std::slice::from_ref(&path));
    change_levers(&mut app);

    // The open file itself: refused, untouched, the prompt stays open.
    app.update(Action::Save);
    type_name(&mut app, path.to_str().unwrap());
    app.update(Action::PromptConfirm);
    assert!(app.prompt().is_some());
    assert!(
        status(&app).contains("never rewrites it"),
        "{}",
        status(&app)
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), AUTHOR);

    // An existing file: asked; n goes back to the name, Enter alone does not replace.
    type_name(&mut app, other.to_str().unwrap());
    app.update(Action::PromptConfirm);
    assert!(matches!(
        &app.prompt().as_ref().unwrap().kind,
        PromptKind::Replace(p) if *p == other
    ));
    assert!(footer(&mut app).contains("exists: replace it? y/n"));
    app.update(Action::PromptConfirm);
    app.update(Action::PromptChar('n'));
    assert_eq!(app.prompt().as_ref().unwrap().kind, PromptKind::SaveAs);
    assert_eq!(
        std::fs::read_to_string(&other).unwrap(),
        "// someone else's\n"
    );
    // y replaces it, atomically, with a scenario that loads.
    app.update(Action::PromptConfirm);
    app.update(Action::PromptChar('y'));
    assert!(app.prompt().is_none());
    let text = std::fs::read_to_string(&other).unwrap();
    assert!(text.contains("extends: \"mine.ron\""), "{text}");
    load(&Origin::Disk(other.clone())).unwrap();
    no_temp_files(dir.path());
    // The explorer now shows the replaced file.
    assert!(
        app.data().entries[app.data().current]
            .file()
            .ends_with("other.ron")
    );

    // A name without an extension gets .ron; a file in a subfolder extends "../other.ron".
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    let sub = dir.path().join("sub").join("deeper");
    change_levers(&mut app);
    let changes = app.data().overrides.clone();
    app.update(Action::Save);
    type_name(&mut app, sub.to_str().unwrap());
    app.update(Action::PromptConfirm);
    let text = std::fs::read_to_string(sub.with_extension("ron")).unwrap();
    assert!(text.contains("extends: \"../other.ron\""), "{text}");
    // Its parent is outside its own folder: it loads where the folder holding both is allowed
    // (as `--root` or a folder argument allows it), as the explorer allows the open file's.
    let roots = chipcast::scenario::Roots::new([dir.path()]);
    let child = chipcast::scenario::load_within(&Origin::Disk(sub.with_extension("ron")), &roots)
        .unwrap()
        .scenario;
    assert!(load(&Origin::Disk(sub.with_extension("ron"))).is_err());
    assert_eq!(
        simulate(&child, &Overrides::default(), 0, SEED),
        simulate(
            &load(&Origin::Disk(other)).unwrap().scenario,
            &changes,
            0,
            SEED
        )
    );
}

#[test]
fn a_bundled_scenario_saves_to_the_current_folder_extending_it_by_name() {
    assert_eq!(
        save::default_name(&Origin::Bundled("baseline")),
        Path::new(".").join("baseline-1.ron")
    );
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(&[]);
    app.update(Action::SelectLever(LeverId::HbmControls));
    app.update(Action::Toggle);
    app.update(Action::Save);
    let target = dir.path().join("b.ron");
    type_name(&mut app, target.to_str().unwrap());
    app.update(Action::PromptConfirm);
    let text = std::fs::read_to_string(&target).unwrap();
    assert!(text.contains("extends: \"bundled:baseline\""), "{text}");
    let child = load(&Origin::Disk(target)).unwrap().scenario;
    assert_eq!(
        simulate(&child, &Overrides::default(), SAMPLES, SEED),
        *app.data().now.mc.clone().unwrap()
    );
}

#[test]
fn e_exports_the_panels_csv_and_charts_beside_the_scenario() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mine.ron");
    std::fs::write(&path, AUTHOR).unwrap();
    let mut app = open(std::slice::from_ref(&path));
    app.update(Action::SelectLever(LeverId::HubEnforcement));
    app.update(Action::Step(1));
    app.update(Action::Pin);
    app.update(Action::Step(1));
    app.update(Action::ShowPanel(0));
    app.update(Action::Export);
    let csv_path = dir.path().join("mine-output.csv");
    let said = footer(&mut app);
    let told = status(&app);
    assert!(
        told.starts_with(&format!("exported to {}: ", dir.path().display())),
        "{told}"
    );
    assert!(told.ends_with("mine-output.csv + 2 SVG charts"), "{told}");
    assert!(said.contains("exported to "), "{said}");

    // The CSV holds the panel's metrics for every year, as `chipcast run --format csv` writes.
    let csv = std::fs::read_to_string(&csv_path).unwrap();
    let (metrics, charted) = save::panel_metrics(Panel::Output, app.ui().metric);
    let projection = app.data().now.mc.clone().unwrap();
    assert_eq!(
        csv,
        chipcast::output::csv::projection(&projection, &metrics)
    );
    assert!(csv.starts_with("metric,unit,year,p10,p50,p90\n"));
    let years = projection.years().count();
    assert_eq!(csv.lines().count(), 1 + years * metrics.len());
    let unit = chipcast::model::metrics::MetricId::Domestic.metric().unit;
    assert!(csv.contains(&format!(
        "domestic_accelerators,{unit},{},",
        projection.first_year
    )));

    // One SVG per chart of the panel, with the pinned comparison's name in it.
    assert_eq!(charted.len(), 2);
    for m in &charted {
        let svg_path = dir.path().join(format!("mine-output-{}.svg", m.key()));
        let svg = std::fs::read_to_string(&svg_path).unwrap();
        assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
        assert!(
            svg.contains(&m.metric().label.replace('\'', "&apos;"))
                || svg.contains(m.metric().label)
        );
    }

    // Again: new names, the earlier files untouched.
    app.update(Action::Export);
    assert!(dir.path().join("mine-output-2.csv").exists());
    assert!(
        dir.path()
            .join(format!("mine-output-{}-2.svg", charted[0].key()))
            .exists()
    );
    assert_eq!(std::fs::read_to_string(&csv_path).unwrap(), csv);

    // The sensitivity panel exports the metric it ranks levers for.
    app.update(Action::ShowPanel(5));
    app.update(Action::Metric(1));
    app.update(Action::Export);
    let csv = std::fs::read_to_string(dir.path().join("mine-sensitivity.csv")).unwrap();
    let key = app.ui().metric.key();
    assert!(
        csv.lines()
            .skip(1)
            .all(|l| l.starts_with(&format!("{key},"))),
        "{csv}"
    );
    no_temp_files(dir.path());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), AUTHOR);
}

#[test]
fn the_prompt_takes_letters_as_text_not_commands() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mine.ron");
    std::fs::write(&path, AUTHOR).unwrap();
    let mut app = open(std::slice::from_ref(&path));
    app.update(Action::SelectLever(LeverId::ServicingBan));
    app.update(Action::Toggle);
    app.update(Action::Save);
    let press = |c: char| {
        crossterm::event::Event::Key(crossterm::event::KeyEvent::new(
            crossterm::event::KeyCode::Char(c),
            crossterm::event::KeyModifiers::NONE,
        ))
    };
    for c in ['q', 'p', 'e'] {
        let action = chipcast::tui::input::translate(&app, &press(c)).unwrap();
        assert_eq!(action, Action::PromptChar(c));
        app.update(action);
    }
    assert!(!app.ui().quit);
    assert!(app.prompt().as_ref().unwrap().text.ends_with("qpe"));
    assert_eq!(app.value(LeverId::ServicingBan), Dist::Fixed(1.0));
}

/// The prompt says why Enter did not save, on the prompt's own line (issue 13, item 6): an
/// empty name and the open file are refused visibly; typing clears the message. A folder
/// saves inside it under the suggested name, and a name with another extension gets `.ron`.
#[test]
fn the_prompt_shows_its_refusals_and_saves_into_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mine.ron");
    std::fs::write(&path, AUTHOR).unwrap();
    std::fs::create_dir(dir.path().join("exp")).unwrap();
    let mut app = open(std::slice::from_ref(&path));
    change_levers(&mut app);

    app.update(Action::Save);
    type_name(&mut app, "");
    app.update(Action::PromptConfirm);
    let line = footer(&mut app);
    assert!(line.contains("type a file name"), "{line}");
    type_name(&mut app, path.to_str().unwrap());
    assert!(!footer(&mut app).contains("type a file name"));
    app.update(Action::PromptConfirm);
    let line = footer(&mut app);
    assert!(line.contains("never rewrites it"), "{line}");

    let folder = format!("{}/", dir.path().join("exp").display());
    type_name(&mut app, &folder);
    app.update(Action::PromptConfirm);
    assert!(app.prompt().is_none(), "{}", status(&app));
    assert!(
        dir.path().join("exp").join("mine-1.ron").exists(),
        "{}",
        status(&app)
    );
    assert!(!dir.path().join("exp.ron").exists());

    // (Each save opens the saved file with nothing pending: change something again.)
    change_levers(&mut app);
    app.update(Action::Save);
    type_name(&mut app, dir.path().join("v1.2").to_str().unwrap());
    app.update(Action::PromptConfirm);
    assert!(dir.path().join("v1.2.ron").exists(), "{}", status(&app));

    // Asked to replace, Enter alone says which keys answer, on the prompt's line.
    let unrelated = dir.path().join("unrelated.ron");
    std::fs::write(&unrelated, "// not read by the open scenario\n").unwrap();
    change_levers(&mut app);
    app.update(Action::Save);
    type_name(&mut app, unrelated.to_str().unwrap());
    app.update(Action::PromptConfirm);
    app.update(Action::PromptConfirm);
    let line = footer(&mut app);
    assert!(line.contains("press y to replace"), "{line}");
}

/// `e` writes all of its files or none (issue 13, item 5): when a chart cannot be written
/// (here a dangling link stands where the last chart goes), the CSV and the charts already
/// written are removed again and the footer says the export failed.
#[cfg(unix)]
#[test]
fn an_export_that_fails_part_way_leaves_no_files() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mine.ron");
    std::fs::write(&path, AUTHOR).unwrap();
    let mut app = open(std::slice::from_ref(&path));
    app.update(Action::ShowPanel(0));
    let (_, charted) = save::panel_metrics(Panel::Output, app.ui().metric);
    assert!(charted.len() >= 2, "the test needs a chart after the first");
    let last = charted.last().unwrap().key();
    let blocked = dir.path().join(format!("mine-output-{last}.svg"));
    std::os::unix::fs::symlink(dir.path().join("nowhere"), &blocked).unwrap();
    let entries = || std::fs::read_dir(dir.path()).unwrap().count();
    let before = entries();
    app.update(Action::Export);
    assert!(
        status(&app).starts_with("export failed"),
        "{}",
        status(&app)
    );
    assert_eq!(entries(), before, "files were left behind");
    assert!(!dir.path().join("mine-output.csv").exists());
}

/// The footer line of the screen drawn at `w`×`h`.
fn footer_at(app: &mut App, w: u16, h: u16) -> String {
    app.update(Action::Resize(w, h));
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| view::render(app, f)).unwrap();
    let buf = t.backend().buffer();
    (0..buf.area.width)
        .map(|x| buf[(x, buf.area.height - 1)].symbol().to_string())
        .collect()
}

/// A failed save says why at 80 columns (issue 13, "error reasons are lost"): the reason comes
/// first and the path, shortened from the middle, keeps its file name. The target's folder is
/// a regular file, so the failure ("not a directory") is the same for every user, root too.
#[cfg(unix)]
#[test]
fn a_failed_save_shows_its_reason_first_at_80_columns() {
    let dir = tempfile::tempdir().unwrap();
    let deep = dir
        .path()
        .join("a-folder-with-a-rather-long-name-for-scenarios");
    std::fs::create_dir(&deep).unwrap();
    let path = deep.join("mine.ron");
    std::fs::write(&path, AUTHOR).unwrap();
    let blocker = deep.join("not-a-folder");
    std::fs::write(&blocker, "a regular file").unwrap();
    let mut app = open(std::slice::from_ref(&path));
    change_levers(&mut app);
    app.update(Action::Save);
    type_name(
        &mut app,
        blocker.join("saved-scenario.ron").to_str().unwrap(),
    );
    app.update(Action::PromptConfirm);
    assert!(app.prompt().is_none());
    let said = status(&app);
    assert!(said.starts_with("not a directory: "), "{said}");
    let line = footer_at(&mut app, 80, 24);
    assert!(line.starts_with("not a directory: "), "{line}");
    assert!(line.contains("…/saved-scenario.ron"), "{line}");
    // The path keeps its start too.
    let start: String = dir.path().display().to_string().chars().take(4).collect();
    assert!(line.contains(&format!(": {start}")), "{line}");
    assert!(!blocker.with_file_name("saved-scenario.ron").exists());
}

/// The same for `e`: an export into a folder that is no longer there (a regular file stands
/// in its place) says "export failed: not a directory: …/mine-output.csv" at 80 columns.
#[cfg(unix)]
#[test]
fn a_failed_export_shows_its_reason_first_at_80_columns() {
    let dir = tempfile::tempdir().unwrap();
    let deep = dir
        .path()
        .join("a-folder-with-a-rather-long-name-for-scenarios");
    std::fs::create_dir(&deep).unwrap();
    let path = deep.join("mine.ron");
    std::fs::write(&path, AUTHOR).unwrap();
    let mut app = open(std::slice::from_ref(&path));
    app.update(Action::ShowPanel(0));
    // The scenario is loaded; now its folder becomes a file.
    std::fs::rename(&deep, dir.path().join("moved")).unwrap();
    std::fs::write(&deep, "a regular file").unwrap();
    app.update(Action::Export);
    let said = status(&app);
    assert!(
        said.starts_with("export failed: not a directory: "),
        "{said}"
    );
    let line = footer_at(&mut app, 80, 24);
    assert!(
        line.starts_with("export failed: not a directory: "),
        "{line}"
    );
    assert!(line.contains("…/mine-output.csv"), "{line}");
}
