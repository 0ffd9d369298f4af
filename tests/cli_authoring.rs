//! Authoring that cannot mislead (issue 15, item 5): `new` shows each lever's dated changes
//! and what setting it does to them, `levers` says what "default" means and lists a
//! scenario's values in force in a year, a file named two ways is checked once, and `w`'s
//! stepped values are the decimals they look like.

mod common;
use common::{chipcast, json, ok};

#[test]
fn new_shows_the_parents_dated_changes_beside_each_lever() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mine.ron");
    let out = chipcast(&["new", path.to_str().unwrap()]);
    assert!(out.status.success());
    let text = std::fs::read_to_string(&path).unwrap();
    let line = |key: &str| {
        text.lines()
            .find(|l| l.trim_start().starts_with(&format!("// {key}:")))
            .unwrap_or_else(|| panic!("no line for {key}:\n{text}"))
            .to_string()
    };
    // The baseline switches HBM controls on in 2025: uncommenting `false` would undo that, and
    // the line says so.
    let hbm = line("hbm_controls");
    assert!(
        hbm.contains("parent: 2024: false; from 2025: true") && hbm.contains("replaces"),
        "{hbm}"
    );
    let hub = line("hub_enforcement");
    assert!(
        hub.contains("from Jul 2025: 0.4"),
        "the month is named: {hub}"
    );
    // A lever the parent never changes carries no history.
    assert!(!line("euv_access").contains("parent:"));
    assert!(text.contains("add a `schedule` entry"), "{text}");
}

#[test]
fn levers_says_what_default_means_and_lists_a_scenarios_values_in_a_year() {
    let table = ok(&["levers"]);
    assert!(
        table.contains("default (when no scenario sets it)"),
        "{table}"
    );

    let doc = json(&[
        "levers",
        "--scenario",
        "baseline",
        "--year",
        "2030",
        "--format",
        "json",
    ]);
    assert_eq!(doc["year"], 2030);
    let lever = |key: &str| {
        doc["levers"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["lever"] == key)
            .unwrap_or_else(|| panic!("no {key}"))
            .clone()
    };
    // Three "values" of one lever used to disagree; in force in 2030 it is true, since 2025.
    let hbm = lever("hbm_controls");
    assert_eq!(hbm["value"], "true");
    assert_eq!(hbm["since"], 2025);
    assert_eq!(hbm["set_by"], "scenario");
    assert_eq!(hbm["history"], "2024: false; from 2025: true");
    assert_eq!(lever("hub_enforcement")["value"], "0.4");
    // A file that sets one lever: every other lever is the table's default.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("b.ron");
    std::fs::write(
        &file,
        "Scenario(version: 1, name: \"B\", levers: (euv_access: true))\n",
    )
    .unwrap();
    let doc = json(&[
        "levers",
        "--scenario",
        file.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let set_by = |key: &str| {
        doc["levers"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["lever"] == key)
            .unwrap()["set_by"]
            .clone()
    };
    assert_eq!(set_by("euv_access"), "scenario");
    assert_eq!(set_by("hbm_controls"), "default");

    // Without a year: the first-year values, with the path beside them.
    let table = ok(&["levers", "--scenario", "baseline"]);
    assert!(table.contains("each lever's value from 2024"), "{table}");
    assert!(table.contains("2024: false; from 2025: true"), "{table}");

    let out = chipcast(&["levers", "--scenario", "baseline", "--year", "2099"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("outside the scenario's horizon"));
    let out = chipcast(&["levers", "--year", "2030"]);
    assert_eq!(out.status.code(), Some(2), "--year needs --scenario");
}

#[test]
fn a_file_named_twice_is_checked_once() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.ron");
    std::fs::write(
        &file,
        "Scenario(version: 1, name: \"A\", extends: \"bundled:baseline\")\n",
    )
    .unwrap();
    let dotted = dir.path().join(".").join("a.ron");
    let out = chipcast(&[
        "check",
        file.to_str().unwrap(),
        dotted.to_str().unwrap(),
        dir.path().to_str().unwrap(),
    ]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("1 file checked"), "{stdout}{stderr}");
    assert_eq!(stdout.matches("a.ron").count(), 1, "{stdout}");
}

#[test]
fn stepping_lands_on_the_decimal_it_looks_like() {
    use chipcast::model::levers::{LeverId, tidy};
    assert_eq!(tidy(0.1 + 0.05), 0.15);
    assert_eq!(tidy(0.1 + 0.2), 0.3);
    assert_eq!(tidy(1e-300), 1e-300);
    // Stepping a lever up and down from its default never leaves float noise behind.
    for lever in chipcast::model::levers::LEVERS.iter() {
        let mut v = lever.default;
        for dir in [1, 1, 1, -1, 1, -1, -1, -1] {
            v = lever.step(v, dir);
            let text = format!("{v}");
            assert!(
                text.len() < 14,
                "{}: {text}",
                LeverId::ALL[lever.id as usize].key()
            );
        }
    }
}
