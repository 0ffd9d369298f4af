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
pub mod format;
pub mod overrides;
pub mod raw;
pub mod read;
pub mod story;
pub mod tokens;
pub mod validate;
pub mod value;
pub mod write;

use std::path::{Path, PathBuf};

pub use chain::{Loaded, Roots, load, load_buffer, load_text, load_within};
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

/// What PATH arguments name: the scenarios to read (the bundled ones when there is no path;
/// each file once, in the order given), the problems met looking (a folder that cannot be read
/// or holds no `.ron` file), and the paths that do not exist, for the caller to report in its
/// own words. The one folder walk `chipcast check` and the explorer share.
#[derive(Debug, Default)]
pub struct Gathered {
    /// The scenario files to read, each once, in the order the paths named them.
    pub origins: Vec<Origin>,
    /// Folders that could not be read or hold no `.ron` file, one diagnostic each.
    pub problems: Vec<Diagnostic>,
    /// The paths given that do not exist, as given.
    pub missing: Vec<PathBuf>,
}

/// Gathers the scenario files `paths` name; see [`Gathered`].
pub fn gather(paths: &[PathBuf]) -> Gathered {
    let mut out = Gathered::default();
    if paths.is_empty() {
        out.origins
            .extend(bundled::NAMES.iter().map(|n| Origin::Bundled(n)));
    }
    for path in paths {
        if !path.exists() {
            // A bundled scenario's name (`hardline`, `bundled:hardline`), as every command takes.
            match path.to_str().map(origin_of) {
                Some(origin @ Origin::Bundled(_)) => {
                    if !out.origins.contains(&origin) {
                        out.origins.push(origin);
                    }
                }
                _ => out.missing.push(path.clone()),
            }
            continue;
        }
        let mut files = Vec::new();
        let mut errors = Vec::new();
        collect_files(path, &mut files, &mut errors);
        if files.is_empty() && errors.is_empty() {
            errors.push(Diagnostic::file(
                path.display().to_string(),
                "no-scenarios",
                "the folder holds no .ron files",
            ));
        }
        out.problems.extend(errors);
        // A file found in a folder must really be inside it: a symbolic link in a shared folder
        // must not make `check DIR` print a file from elsewhere. (A file named by itself is
        // read wherever it is: the user chose it.)
        let inside = path
            .is_dir()
            .then(|| std::fs::canonicalize(path).ok())
            .flatten();
        let (files, outside): (Vec<PathBuf>, Vec<PathBuf>) =
            files.into_iter().partition(|f| match &inside {
                None => true,
                Some(root) => std::fs::canonicalize(f).is_ok_and(|real| real.starts_with(root)),
            });
        out.problems.extend(outside.iter().map(|f| {
            let what = if f.exists() {
                "a symbolic link to a file outside the folder; not read"
            } else {
                "a broken symbolic link; not read"
            };
            Diagnostic::file(f.display().to_string(), "link-outside", what).hint(
                "in a folder, chipcast reads only files inside it; name the file itself to read it",
            )
        }));
        for f in files {
            // One file named two ways (`a.ron` and the folder `.`) is listed once.
            let real = std::fs::canonicalize(&f).ok();
            let seen = out.origins.iter().any(|o| match (o, &real) {
                (Origin::Disk(p), Some(real)) => std::fs::canonicalize(p).is_ok_and(|r| &r == real),
                (o, _) => *o == Origin::Disk(f.clone()),
            });
            if !seen {
                out.origins.push(Origin::Disk(f));
            }
        }
    }
    out
}

/// A Scenario argument and its `--set` overrides, read together so that every problem of
/// both is reported in one pass: where the scenario came from, what the loader read, and the
/// parsed overrides. The one loader `run`, `diff`, `sensitivity`, `export` and `snapshot` use.
pub fn load_with_overrides(
    arg: &str,
    set: &[String],
    roots: &Roots,
) -> Result<(Origin, Loaded, crate::model::scenario::Overrides), Vec<Diagnostic>> {
    let origin = origin_of(arg);
    match (load_within(&origin, roots), parse_overrides(set)) {
        (Ok(loaded), Ok(overrides)) => Ok((origin, loaded, overrides)),
        (loaded, overrides) => {
            let mut diags = loaded.err().unwrap_or_default();
            diags.extend(overrides.err().unwrap_or_default());
            Err(diags)
        }
    }
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
