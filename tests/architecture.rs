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
        "crate::lsp",
        "lsp_types",
        "lsp_server",
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
    let found = uses_of("src/output", &["cli", "tui", "lsp"]);
    assert!(found.is_empty(), "output uses a front end: {found:#?}");
    // The language server is a third front end: it adapts, reusing scenario, model and output.
    let found = uses_of("src/lsp", &["cli", "tui"]);
    assert!(found.is_empty(), "lsp uses another front end: {found:#?}");
    for other in ["src/cli", "src/tui"] {
        let found = uses_of(other, &["lsp"]);
        assert!(found.is_empty(), "{other} uses lsp: {found:#?}");
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

/// Whether a line assigns to (or mutably borrows) a field of `app.ui` / `app.data`:
/// `app.ui.x = …`, `app.data.x.y += …`, `&mut app.ui.x`, `app.data.x.push(…)` is not caught
/// (method calls are), but every tui file outside `src/tui/app/` only reads the app.
fn writes_app_state(line: &str) -> bool {
    for root in ["app.ui.", "app.data.", "app.ui ", "app.data "] {
        let mut rest = line;
        while let Some(i) = rest.find(root) {
            let before = &rest[..i];
            let after = &rest[i + root.len()..];
            if before.ends_with("&mut ") {
                return true;
            }
            // Skip the field path, then look at what follows it.
            let path_end = after
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.'))
                .unwrap_or(after.len());
            let tail = after[path_end..].trim_start();
            let assigns = tail.starts_with('=') && !tail.starts_with("==")
                || ["+=", "-=", "*=", "/=", "|=", "&="]
                    .iter()
                    .any(|op| tail.starts_with(op));
            if assigns {
                return true;
            }
            rest = after;
        }
    }
    false
}

/// Whether a line builds a `Status { … }` literal (not a return type or a definition).
fn builds_status(line: &str) -> bool {
    line.match_indices("Status {").any(|(i, _)| {
        let before = line[..i].trim_end();
        !["->", "struct", "impl", "for"]
            .iter()
            .any(|w| before.ends_with(w))
    })
}

#[test]
fn only_the_update_path_writes_the_explorers_state() {
    assert!(writes_app_state("        app.ui.status = None;"));
    assert!(writes_app_state("app.data.banner = Some(b);"));
    assert!(writes_app_state("let p = &mut app.ui.mode;"));
    assert!(writes_app_state("app.ui.size.0 += 1"));
    assert!(!writes_app_state("if app.ui.year == y {"));
    assert!(!writes_app_state("let t = app.ui.theme;"));
    assert!(builds_status("app.say(Status { text, error: false });"));
    assert!(!builds_status("pub fn export(app: &App) -> Status {"));
    let mut files = Vec::new();
    rust_files(Path::new("src/tui"), &mut files);
    let update_path = Path::new("src/tui/app");
    let mut checked = 0;
    for file in files.iter().filter(|f| !f.starts_with(update_path)) {
        let text = std::fs::read_to_string(file).unwrap();
        for line in text.lines().filter(|l| !l.trim_start().starts_with("//")) {
            assert!(
                !writes_app_state(line),
                "{} changes the app outside App::update: {line}",
                file.display()
            );
            assert!(
                !builds_status(line),
                "{} builds a Status literal (use App::say with Status::info/error): {line}",
                file.display()
            );
        }
        checked += 1;
    }
    assert!(checked > 10, "the scan found the tui sources");
}
