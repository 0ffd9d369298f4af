//! Command-line conventions on the real binary: a misspelled command gets a suggestion and
//! exit 2, shell completions and the manual page print, bounds are usage errors (never an
//! abort), `sensitivity --year` defaults to the last year, and the explorer without a
//! terminal says what to use instead.

mod common;

use std::process::{Output, Stdio};

use common::chipcast;

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn a_misspelled_command_suggests_the_right_one_and_exits_2() {
    let o = chipcast(&["chek"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("did you mean `check`?"),
        "{}",
        stderr(&o)
    );
    assert!(stdout(&o).is_empty());
}

#[test]
fn a_real_file_named_like_a_command_still_opens() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("chek"), "Scenario(").unwrap();
    let o = assert_cmd::cargo::cargo_bin_cmd!("chipcast")
        .arg("chek")
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    // The explorer reads it (and finds it broken): a diagnostic, exit 1, no suggestion.
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(!stderr(&o).contains("did you mean"), "{}", stderr(&o));
    assert!(stderr(&o).contains("chek"), "{}", stderr(&o));
}

#[test]
fn completions_for_every_shell_name_the_commands() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let o = chipcast(&["completions", shell]);
        assert_eq!(o.status.code(), Some(0), "{shell}: {}", stderr(&o));
        let out = stdout(&o);
        assert!(out.contains("chipcast"), "{shell}: {out}");
        assert!(out.contains("sensitivity"), "{shell} names a subcommand");
    }
    assert_eq!(chipcast(&["completions", "tcsh"]).status.code(), Some(2));
}

#[test]
fn the_manual_page_is_roff() {
    let o = chipcast(&["man"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.lines().any(|l| l.starts_with(".TH chipcast")), "{out}");
    assert!(out.contains("sensitivity"));
}

#[test]
fn help_about_help_is_not_a_usage_error() {
    for args in [&["help", "--help"][..], &["help"], &["help", "run"]] {
        let o = chipcast(args);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        assert!(!stdout(&o).is_empty(), "{args:?}");
    }
    assert!(stdout(&chipcast(&["help", "run"])).contains("--samples"));
    assert_eq!(chipcast(&["help", "nope"]).status.code(), Some(2));
}

#[test]
fn theme_flags_belong_to_the_drawing_commands() {
    assert_eq!(
        chipcast(&["run", "baseline", "--theme", "light"])
            .status
            .code(),
        Some(2)
    );
    assert!(stdout(&chipcast(&["snapshot", "--help"])).contains("--theme"));
    assert!(stdout(&chipcast(&["present", "--help"])).contains("--markers"));
}

#[test]
fn export_samples_has_the_same_bound_as_run() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("chart.svg");
    for cmd in ["run", "export"] {
        let mut args = vec![cmd, "baseline", "--samples", "1000000000"];
        if cmd == "export" {
            args.extend(["--metric", "domestic_accelerators", "--out"]);
            args.push(out.to_str().unwrap());
        }
        let o = chipcast(&args);
        assert_eq!(o.status.code(), Some(2), "{cmd}: {}", stderr(&o));
        assert!(stderr(&o).contains("0..=200000"), "{cmd}: {}", stderr(&o));
    }
    assert!(!out.exists());
}

#[test]
fn sensitivity_defaults_to_the_scenarios_last_year() {
    let json = |args: &[&str]| -> serde_json::Value {
        let o = chipcast(args);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        serde_json::from_str(&stdout(&o)).unwrap()
    };
    let base = [
        "sensitivity",
        "baseline",
        "--samples",
        "100",
        "--metric",
        "die_yield",
        "--format",
        "json",
    ];
    let default = json(&base);
    let last = chipcast::scenario::bundled("baseline").unwrap().last_year;
    assert_eq!(default["year"], serde_json::json!(last));
    let mut explicit = base.to_vec();
    let year = last.to_string();
    explicit.extend(["--year", &year]);
    assert_eq!(default, json(&explicit));
    assert!(stdout(&chipcast(&["sensitivity", "--help"])).contains("last year"));
}

#[test]
fn the_explorer_without_a_terminal_says_what_to_use() {
    for args in [&[][..], &["present", "baseline"]] {
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_chipcast"))
            .args(args)
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1), "{args:?}: {}", stderr(&o));
        assert_eq!(
            stderr(&o).trim(),
            "chipcast needs a terminal; use `chipcast run` for text output",
            "{args:?}"
        );
    }
}
