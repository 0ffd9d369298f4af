//! `chipcast fmt` and `scenario::format`: formatting keeps comments and the scenario (every
//! bundled file and a messy fixture read back to the same `Scenario`), is idempotent, leaves
//! the bundled files as they are, and `--check` changes nothing.

use std::path::Path;

use assert_cmd::Command;
use chipcast::scenario::format::format;
use chipcast::scenario::load_text;

fn comments(text: &str) -> Vec<String> {
    use chipcast::scenario::tokens::{TokenKind, tokenize};
    tokenize(text)
        .into_iter()
        .filter(|t| t.kind == TokenKind::Comment)
        .map(|t| {
            t.text(text)
                .lines()
                .map(str::trim)
                .collect::<Vec<_>>()
                .join("\n")
        })
        .collect()
}

fn same_scenario(name: &str, text: &str, dir: Option<&Path>) {
    let formatted = format(text);
    assert_eq!(
        format(&formatted),
        formatted,
        "{name}: formatting twice changes it"
    );
    let before = load_text(name, text, dir).unwrap_or_else(|d| panic!("{name}: {d:?}"));
    let after =
        load_text(name, &formatted, dir).unwrap_or_else(|d| panic!("{name} formatted: {d:?}"));
    assert_eq!(before, after, "{name}: formatting changed the scenario");
    assert_eq!(
        comments(text),
        comments(&formatted),
        "{name}: comments changed"
    );
}

#[test]
fn bundled_scenarios_are_already_formatted_and_read_back_the_same() {
    let dir = Path::new("scenarios");
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let name = path.file_name().unwrap().to_str().unwrap();
        same_scenario(name, &text, Some(dir));
        assert_eq!(
            format(&text),
            text,
            "{name} is not laid out as the formatter lays it out"
        );
    }
}

#[test]
fn a_messy_file_is_laid_out_and_reads_back_the_same() {
    let text = std::fs::read_to_string("tests/fixtures/fmt/messy.ron").unwrap();
    same_scenario("messy.ron", &text, None);
    let formatted = format(&text);
    assert!(
        formatted.contains("\n    name: \"Messy — 华为 ☃\",\n"),
        "{formatted}"
    );
    assert!(
        formatted.contains("\n   this one keeps its    spacing   \",\n"),
        "{formatted}"
    );
    assert!(formatted.contains("\n        hub_enforcement: Triangular(low: 0.2,\n                                    mode: 0.5,\n"), "{formatted}");
    assert!(
        formatted.contains("\n    ],\n    sources: {\n        \"k\""),
        "{formatted}"
    );
    assert!(!formatted.contains("\n\n\n") && formatted.ends_with(")\n"));
    assert!(
        formatted
            .lines()
            .all(|l| l == l.trim_end() || l.ends_with("spacing   \","))
    );
}

#[test]
fn fmt_writes_in_place_and_check_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("messy.ron");
    let text = std::fs::read_to_string("tests/fixtures/fmt/messy.ron").unwrap();
    std::fs::write(&path, &text).unwrap();
    let out = Command::cargo_bin("chipcast")
        .unwrap()
        .args(["fmt", "--check"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("messy.ron"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    Command::cargo_bin("chipcast")
        .unwrap()
        .arg("fmt")
        .arg(&path)
        .assert()
        .success();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), format(&text));
    Command::cargo_bin("chipcast")
        .unwrap()
        .args(["fmt", "--check"])
        .arg(&path)
        .assert()
        .success();
    Command::cargo_bin("chipcast")
        .unwrap()
        .args(["fmt", "--check", "scenarios/hardline.ron"])
        .assert()
        .success();
    Command::cargo_bin("chipcast")
        .unwrap()
        .args(["fmt"])
        .arg(dir.path().join("none.ron"))
        .assert()
        .code(1);
}
