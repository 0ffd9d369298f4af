//! The codemap's invariants, checked on the source: the model, the scenario format, `diag` and
//! `ron_tree` never import a front-end crate, `diag` and `ron_tree` use no other layer of ours,
//! and every source file opens with a `//!` line saying what it is for.

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

#[test]
fn the_model_never_imports_the_scenario_format() {
    let mut files = Vec::new();
    rust_files(Path::new("src/model"), &mut files);
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(
            !text.contains("crate::scenario"),
            "{} depends on the file format",
            file.display()
        );
    }
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
