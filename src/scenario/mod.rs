//! The scenario file format: reading a file (`read`), its one-to-one shape from the spanned
//! value tree of `ron_tree` (`raw`), `extends` chains (`chain`), merging and validation into the
//! model's checked `Scenario` (`validate`, with lever values decoded in `value`), `--set`
//! overrides (`overrides`), with diagnostics (`crate::diag`) that name file, line, column,
//! field, expectation and hint.
//!
//! Invariant: uses `model` (the lever table and the `Scenario` type) and nothing of the
//! front ends; never imports ratatui, crossterm or clap; never panics on any input.

pub mod bundled;
pub mod chain;
pub mod overrides;
pub mod raw;
pub mod read;
pub mod validate;
pub mod value;
pub mod write;

use std::path::{Path, PathBuf};

pub use chain::{Loaded, load, load_text};
pub use overrides::{parse_override, parse_overrides};
pub use read::Origin;

use crate::diag::Diagnostic;

use crate::model::scenario::Scenario;

/// A bundled scenario by name, resolved. `None` if there is no such name (bundled files are
/// checked by the test suite, so they always resolve).
pub fn bundled(name: &str) -> Option<Scenario> {
    let name = bundled::lookup(name)?;
    load(&Origin::Bundled(name)).ok().map(|l| l.scenario)
}

/// Where a SCENARIO argument points: an existing path, else a bundled scenario's name.
pub fn origin_of(arg: &str) -> Origin {
    let path = Path::new(arg);
    if !path.exists() {
        let stem = arg
            .strip_prefix("bundled:")
            .unwrap_or(arg)
            .trim_end_matches(".ron");
        if let Some(name) = bundled::lookup(stem) {
            return Origin::Bundled(name);
        }
    }
    Origin::Disk(path.to_path_buf())
}

/// Every `*.ron` file at or below `path` (a file is returned as is), sorted; folders that
/// cannot be read are reported.
pub fn collect_files(path: &Path, out: &mut Vec<PathBuf>, errors: &mut Vec<Diagnostic>) {
    collect(path, out, errors, 0);
    out.sort();
}

fn collect(path: &Path, out: &mut Vec<PathBuf>, errors: &mut Vec<Diagnostic>, depth: usize) {
    if !path.is_dir() {
        out.push(path.to_path_buf());
        return;
    }
    if depth > 16 {
        return;
    }
    match std::fs::read_dir(path) {
        Ok(entries) => {
            for entry in entries.flatten() {
                let p = entry.path();
                let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
                if is_dir {
                    collect(&p, out, errors, depth + 1);
                } else if p.extension().is_some_and(|e| e == "ron") {
                    out.push(p);
                }
            }
        }
        Err(e) => errors.push(Diagnostic::file(
            path.display().to_string(),
            "unreadable",
            format!("cannot read the folder: {e}"),
        )),
    }
}
