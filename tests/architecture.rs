//! The codemap's invariants, checked on the source: the model, the scenario format, `diag` and
//! `ron_tree` never import a front-end crate, dependencies point one way (`model` uses nothing
//! of ours; the two front ends never use each other; `output` uses neither; `diag` and
//! `ron_tree` use no other layer), and every source file opens with a `//!` line saying what
//! it is for.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn model_and_scenario_never_import_front_end_crates() {
    let forbidden = [
        "ratatui",
        "crossterm",
        "clap",
        "plotters",
        "notify",
        "signal_hook",
        "tui_big_text",
        "crate::cli",
        "crate::tui",
        "crate::export",
    ];
    for layer in ["src/model", "src/scenario", "src/diag", "src/ron_tree.rs"] {
        let mut files = Vec::new();
        if layer.ends_with(".rs") {
            files.push(PathBuf::from(layer));
        }
        if Path::new(layer).is_dir() {
            rust_files(Path::new(layer), &mut files);
        }
        assert!(!files.is_empty());
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            for line in text.lines().filter(|l| !l.trim_start().starts_with("//")) {
                for name in forbidden {
                    assert!(
                        !line.contains(&format!("{name}::"))
                            && !line.contains(&format!("use {name}")),
                        "{} uses {name}: {line}",
                        file.display()
                    );
                }
            }
        }
    }
}

/// The modules of ours a layer may not use, with the paths that would name them.
fn uses_of(layer: &str, forbidden: &[&str]) -> Vec<String> {
    let mut files = Vec::new();
    rust_files(Path::new(layer), &mut files);
    assert!(!files.is_empty(), "{layer}");
    let mut found = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for line in text.lines().filter(|l| !l.trim_start().starts_with("//")) {
            for module in forbidden {
                if line.contains(&format!("crate::{module}")) {
                    found.push(format!("{}: {}", file.display(), line.trim()));
                }
            }
        }
    }
    found
}

#[test]
fn the_model_uses_nothing_of_ours() {
    let ours = [
        "scenario", "cli", "tui", "output", "export", "args", "diag", "ron_tree",
    ];
    let found = uses_of("src/model", &ours);
    assert!(found.is_empty(), "the model depends on: {found:#?}");
}

#[test]
fn the_front_ends_never_use_each_other() {
    let found = uses_of("src/tui", &["cli"]);
    assert!(found.is_empty(), "tui uses cli: {found:#?}");
    let found = uses_of("src/cli", &["tui"]);
    assert!(found.is_empty(), "cli uses tui: {found:#?}");
    let found = uses_of("src/output", &["cli", "tui"]);
    assert!(found.is_empty(), "output uses a front end: {found:#?}");
}

#[test]
fn diag_and_the_ron_reader_use_no_other_layer() {
    let mut files = vec![PathBuf::from("src/ron_tree.rs")];
    rust_files(Path::new("src/diag"), &mut files);
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for layer in [
            "crate::model",
            "crate::scenario",
            "crate::cli",
            "crate::tui",
        ] {
            assert!(
                !text.contains(layer),
                "{} depends on {layer}",
                file.display()
            );
        }
    }
}

#[test]
fn every_source_file_says_what_it_is_for() {
    let mut files = Vec::new();
    for dir in ["src", "tests", "benches"] {
        rust_files(Path::new(dir), &mut files);
    }
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(
            text.trim_start().starts_with("//!"),
            "{} does not open with a //! line",
            file.display()
        );
    }
}
