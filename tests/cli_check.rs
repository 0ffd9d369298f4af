//! End-to-end tests of `chipcast check`, `levers` and `new`, and of the usage contract shared
//! by every command (help, version, exit 2 for a usage error), run on the real binary.

use std::path::{Path, PathBuf};
use std::process::Output;

fn chipcast(args: &[&str]) -> Output {
    assert_cmd::cargo::cargo_bin_cmd!("chipcast")
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn chipcast_in(dir: &Path, args: &[&str]) -> Output {
    assert_cmd::cargo::cargo_bin_cmd!("chipcast")
        .current_dir(dir)
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

fn invalid_fixtures() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir("tests/fixtures/invalid")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    files.sort();
    files
}

#[test]
fn check_accepts_the_bundled_scenarios_and_the_valid_fixtures() {
    let o = chipcast(&["check"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("ok bundled:baseline.ron"),
        "{}",
        stdout(&o)
    );

    // chain_bottom.ron extends ../../../scenarios/baseline.ron, outside its folder: refused
    // until `--root` names the folder, then accepted.
    let o = chipcast(&["check", "tests/fixtures/valid"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("parent-outside"), "{}", stderr(&o));
    let o = chipcast(&["check", "tests/fixtures/valid", "--root", "scenarios"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let valid = std::fs::read_dir("tests/fixtures/valid").unwrap().count();
    assert_eq!(
        stdout(&o).lines().filter(|l| l.starts_with("ok ")).count(),
        valid
    );
}

#[test]
fn check_on_the_invalid_folder_exits_1_with_one_diagnostic_per_problem() {
    let files = invalid_fixtures();
    assert!(files.len() >= 10, "the invalid fixtures are missing");
    let o = chipcast(&["check", "--format", "json", "tests/fixtures/invalid"]);
    assert_eq!(o.status.code(), Some(1));
    let doc: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(doc["ok"], false);
    let reported = doc["files"].as_array().unwrap();
    assert_eq!(reported.len(), files.len(), "one entry per file");
    let mut problems = 0;
    for f in reported {
        let name = f["file"].as_str().unwrap();
        let diags = f["diagnostics"].as_array().unwrap();
        assert_eq!(f["ok"], false, "{name} passed");
        // One defect per fixture: one diagnostic in the file itself, with a position and a
        // code. (A file whose parent is broken also carries the parent's diagnostic.)
        let own: Vec<_> = diags.iter().filter(|d| d["file"] == name).collect();
        assert_eq!(own.len(), 1, "{name}: {diags:?}");
        assert!(own[0]["line"].as_u64().unwrap() >= 1, "{name}");
        assert!(!own[0]["code"].as_str().unwrap().is_empty(), "{name}");
        problems += diags.len();
    }
    assert_eq!(doc["problems"].as_u64().unwrap(), problems as u64);

    // The same folder as text: every file named on stderr, and a summary with the counts.
    let o = chipcast(&["check", "tests/fixtures/invalid"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    for f in &files {
        let name = f.file_name().unwrap().to_str().unwrap();
        assert!(err.contains(name), "{name} not reported:\n{err}");
    }
    let n = files.len();
    assert!(
        err.contains(&format!(
            "{n} files checked: 0 ok, {n} with problems ({problems} problems)"
        )),
        "{err}"
    );
    assert!(
        !err.contains('\u{1b}'),
        "no escape sequences under NO_COLOR or from a file"
    );
}

#[test]
fn check_of_a_missing_path_exits_1() {
    let o = chipcast(&["check", "tests/fixtures/no_such_folder"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("no such file or folder"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn levers_json_lists_every_lever() {
    let o = chipcast(&["levers", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0));
    let doc: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let ids: Vec<&str> = doc
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["id"].as_str().unwrap())
        .collect();
    let expected: Vec<&str> = chipcast::model::levers::LEVERS
        .iter()
        .map(|l| l.key)
        .collect();
    assert_eq!(ids, expected);
    for l in doc.as_array().unwrap() {
        for key in [
            "group", "kind", "unit", "default", "meaning", "source", "cites",
        ] {
            assert!(l.get(key).is_some(), "{} lacks {key}", l["id"]);
        }
        // Every lever cites at least one source, with its full citation.
        let cites = l["cites"].as_array().expect("cites is a list");
        assert!(!cites.is_empty(), "{} cites nothing", l["id"]);
        for c in cites {
            assert!(c["citation"].as_str().is_some_and(|t| t.len() > 20), "{c}");
        }
    }
}

#[test]
fn levers_csv_has_a_row_per_lever() {
    let o = chipcast(&["levers", "--format", "csv"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    let mut lines = out.lines();
    assert_eq!(
        lines.next(),
        Some("id,group,kind,unit,range,default,step,meaning,source,cites")
    );
    assert_eq!(lines.count(), chipcast::model::levers::LEVERS.len());
}

#[test]
fn new_writes_a_file_check_accepts_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let o = chipcast_in(dir.path(), &["new", "my_case"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let path = dir.path().join("my_case.ron");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("extends"), "{text}");

    let o = chipcast_in(dir.path(), &["check", "my_case.ron"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));

    std::fs::write(&path, "// edited by hand\n").unwrap();
    let o = chipcast_in(dir.path(), &["new", "my_case"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("already exists"), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "// edited by hand\n"
    );
    // No temporary file is left behind.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn help_and_version_exit_0() {
    for args in [
        &["--help"][..],
        &["--version"],
        &["run", "--help"],
        &["diff", "--help"],
        &["sensitivity", "--help"],
    ] {
        let o = chipcast(args);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        assert!(!stdout(&o).is_empty(), "{args:?}");
    }
    assert!(stdout(&chipcast(&["--version"])).contains(env!("CARGO_PKG_VERSION")));
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["check", "--format", "xml"][..],
        &["levers", "--no-such-flag"],
        &["new"],
        &["run"],
        &["run", "baseline", "--samples", "-1"],
        &["run", "baseline", "--seed", "abc"],
        &["diff", "baseline"],
        &["sensitivity", "baseline"],
    ] {
        let o = chipcast(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(stdout(&o).is_empty(), "{args:?}: usage errors go to stderr");
    }
}
