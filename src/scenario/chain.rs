//! `extends` chains: loading a file and its parents (parent first; cycles, missing parents
//! and over-long chains are errors), then handing each file's shape to `validate`.

use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use crate::diag::{Diagnostic, SourceText, sanitize};
use crate::model::scenario::Scenario;
use crate::ron_tree;
use crate::scenario::story::Slide;

use super::bundled;
use super::raw;
use super::read::{Origin, read_source};
use super::validate::apply;

/// Longest `extends` chain followed.
pub const MAX_CHAIN: usize = 32;

/// A loaded scenario, every file its chain read (for watching), and the text each held when
/// it was read (for the run manifest's hash: what was hashed is what was loaded).
#[derive(Clone, Debug)]
pub struct Loaded {
    /// The scenario resolved and validated: the named file's settings over its parents', what
    /// the model projects.
    pub scenario: Scenario,
    /// The presenter's steps: the file's own, else the nearest ancestor's (empty if none).
    pub story: Vec<Slide>,
    /// The named file first, then each parent.
    pub files: Vec<Origin>,
    /// The text of each of `files`, in the same order.
    pub texts: Vec<Arc<str>>,
}

impl Loaded {
    /// The `extends` chain as named in messages: the first ancestor first, ending with the
    /// named file.
    pub fn chain(&self) -> Vec<String> {
        self.files.iter().rev().map(Origin::display).collect()
    }
}

/// The files a chain has read so far, with their texts.
type Read = Vec<(Origin, Arc<str>)>;

/// The folders an `extends` chain may read parents from. The folder of the scenario named
/// (the chain's first file) always counts; these are the others, given on the command line: a
/// folder argument of `check` or the explorer, or `--root DIR`. Held canonical, so a symbolic
/// link or `..` cannot step outside them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Roots(Vec<PathBuf>);

impl Roots {
    /// The folders among `paths` (files are skipped: a named file's own folder counts anyway).
    /// A folder that cannot be resolved is skipped: nothing can be read under it.
    pub fn new<P: AsRef<Path>>(paths: impl IntoIterator<Item = P>) -> Roots {
        Roots(
            paths
                .into_iter()
                .filter(|p| p.as_ref().is_dir())
                .filter_map(|p| std::fs::canonicalize(p).ok())
                .collect(),
        )
    }

    /// These roots and the folder `origin` is in (when it is a file on disk).
    pub fn with_folder_of(&self, origin: &Origin) -> Roots {
        let mut roots = self.clone();
        if let Origin::Disk(path) = origin
            && let Ok(dir) = std::fs::canonicalize(folder_of(path))
        {
            roots.0.push(dir);
        }
        roots
    }

    /// Whether the canonical path `path` lies under one of the roots.
    pub fn allows(&self, path: &Path) -> bool {
        self.0.iter().any(|root| path.starts_with(root))
    }

    /// The roots as named in a message.
    fn describe(&self) -> String {
        let names: Vec<String> = self
            .0
            .iter()
            .map(|r| sanitize(&r.display().to_string()))
            .collect();
        names.join(", ")
    }
}

/// The folder a file path is in (`.` for a bare file name).
fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Where `target` written in the file at `from` leads, as a canonical path: symbolic links
/// resolved when it exists, else `..` and `.` folded by hand (so that a missing file outside
/// the roots is refused as outside, without saying whether it exists).
fn resolved(from: &Path, target: &Path) -> Option<PathBuf> {
    let joined = folder_of(from).join(target);
    if let Ok(real) = std::fs::canonicalize(&joined) {
        return Some(real);
    }
    let base = std::fs::canonicalize(folder_of(from)).ok()?;
    let mut out = PathBuf::new();
    for c in base.join(target).components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    Some(out)
}

/// Loads, resolves and validates a scenario and its `extends` chain; parents are read only
/// under the named file's folder.
pub fn load(origin: &Origin) -> Result<Loaded, Vec<Diagnostic>> {
    load_within(origin, &Roots::default())
}

/// Like [`load`], with more folders parents may be read from (see [`Roots`]).
pub fn load_within(origin: &Origin, roots: &Roots) -> Result<Loaded, Vec<Diagnostic>> {
    let roots = roots.with_folder_of(origin);
    let mut diags = Vec::new();
    let mut stack = Vec::new();
    let mut files = Vec::new();
    let resolved = load_chain(origin, &roots, &mut stack, &mut files, &mut diags);
    loaded(resolved, files, diags)
}

/// Like [`load_within`], with the named file's text given rather than read: an editor's
/// unsaved buffer for `origin` (its parents are still read from disk, under `roots` and the
/// file's folder). Diagnostics name the file as `origin` does.
pub fn load_buffer(origin: &Origin, text: &str, roots: &Roots) -> Result<Loaded, Vec<Diagnostic>> {
    let roots = roots.with_folder_of(origin);
    let source = SourceText::new(origin.display(), text);
    let mut diags = Vec::new();
    let mut stack = vec![key_of(origin)];
    let mut files: Read = vec![(origin.clone(), source.text.clone())];
    let resolved = resolve_source(origin, &source, &roots, &mut stack, &mut files, &mut diags);
    loaded(resolved, files, diags)
}

/// The outcome of resolving a chain: what it read, or every problem in reading order. A
/// chain with any diagnostic is not loaded, even when a scenario came out of it.
fn loaded(
    resolved: Option<(Scenario, Vec<Slide>)>,
    files: Read,
    diags: Vec<Diagnostic>,
) -> Result<Loaded, Vec<Diagnostic>> {
    match resolved {
        Some((scenario, story)) if diags.is_empty() => {
            let (files, texts) = files.into_iter().unzip();
            Ok(Loaded {
                scenario,
                story,
                files,
                texts,
            })
        }
        _ => Err(in_reading_order(diags)),
    }
}

/// Loads scenario text that did not come from a file on disk (tests, fuzzing); `extends` is
/// resolved against `dir` if given, else against the bundled scenarios.
pub fn load_text(name: &str, text: &str, dir: Option<&Path>) -> Result<Scenario, Vec<Diagnostic>> {
    let mut diags = Vec::new();
    let source = SourceText::new(name, text);
    let mut stack = vec![name.to_string()];
    let mut files = Vec::new();
    let here = dir.map(|d| d.join(name));
    let origin = here.map_or(Origin::Bundled("inline"), Origin::Disk);
    let roots = Roots::default().with_folder_of(&origin);
    let result = resolve_source(&origin, &source, &roots, &mut stack, &mut files, &mut diags);
    match result {
        Some((s, _story)) if diags.is_empty() => Ok(s),
        _ => Err(in_reading_order(diags)),
    }
}

/// Orders diagnostics by line and column within each file, keeping files in the order met.
fn in_reading_order(mut diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut files: Vec<String> = Vec::new();
    for d in &diags {
        if !files.contains(&d.file) {
            files.push(d.file.clone());
        }
    }
    diags.sort_by_key(|d| (files.iter().position(|f| *f == d.file), d.line, d.column));
    diags
}

fn load_chain(
    origin: &Origin,
    roots: &Roots,
    stack: &mut Vec<String>,
    files: &mut Read,
    diags: &mut Vec<Diagnostic>,
) -> Option<(Scenario, Vec<Slide>)> {
    let source = match read_source(origin) {
        Ok(s) => s,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    stack.push(key_of(origin));
    files.push((origin.clone(), source.text.clone()));
    let result = resolve_source(origin, &source, roots, stack, files, diags);
    stack.pop();
    result
}

fn key_of(origin: &Origin) -> String {
    match origin {
        Origin::Disk(p) => std::fs::canonicalize(p)
            .unwrap_or_else(|_| p.clone())
            .display()
            .to_string(),
        Origin::Bundled(n) => format!("bundled:{n}"),
    }
}

/// Where `extends: "target"` written in `from` points: a path relative to `from`'s folder, or
/// a bundled scenario by name (`"baseline.ron"` when no such file exists, or `"bundled:baseline"`).
pub fn parent_origin(from: &Origin, target: &str) -> Option<Origin> {
    if let Some(name) = target.strip_prefix("bundled:") {
        return bundled::lookup(name.trim_end_matches(".ron")).map(Origin::Bundled);
    }
    if let Origin::Disk(path) = from {
        let candidate = path.parent().unwrap_or(Path::new(".")).join(target);
        if candidate.exists() {
            return Some(Origin::Disk(candidate));
        }
    }
    let stem = Path::new(target).file_stem()?.to_str()?;
    if Path::new(target).components().count() == 1 {
        return bundled::lookup(stem).map(Origin::Bundled);
    }
    if let Origin::Disk(path) = from {
        return Some(Origin::Disk(
            path.parent().unwrap_or(Path::new(".")).join(target),
        ));
    }
    None
}

fn resolve_source(
    origin: &Origin,
    source: &SourceText,
    roots: &Roots,
    stack: &mut Vec<String>,
    files: &mut Read,
    diags: &mut Vec<Diagnostic>,
) -> Option<(Scenario, Vec<Slide>)> {
    // A byte-order mark is invisible in most editors; name it rather than report an empty
    // token where the file seems to start.
    if source.text.starts_with('\u{feff}') {
        diags.push(
            Diagnostic::at(
                source,
                crate::diag::Span::new(0, '\u{feff}'.len_utf8()),
                "byte-order-mark",
                "",
                "the file starts with a UTF-8 byte-order mark (U+FEFF)",
            )
            .hint("save the file as UTF-8 without a BOM (most editors call it \"UTF-8\", not \"UTF-8 with BOM\")"),
        );
        return None;
    }
    let root = match ron_tree::parse(&source.text) {
        Ok(root) => root,
        Err(e) => {
            let code = if e.message.contains("empty") {
                "empty-file"
            } else {
                "syntax"
            };
            diags.push(Diagnostic::at(source, e.span, code, "", e.message).maybe_hint(e.hint));
            return None;
        }
    };
    let before = diags.len();
    let raw = raw::decode(source, &root, diags);

    // Every problem with `extends` points at its value.
    let at_extends = |target: &raw::Spanned<String>, code, message: String| {
        Diagnostic::at(source, target.span, code, "extends", message)
    };
    let parent = match &raw.extends {
        None => Some((Scenario::defaults(""), Vec::new())),
        Some(target) => match parent_origin(origin, &target.value) {
            None => {
                diags.push(
                    at_extends(
                        target,
                        "missing-parent",
                        format!("`{}` names no scenario file", target.value),
                    )
                    .hint(format!(
                        "give a path relative to this file, or a bundled scenario ({})",
                        bundled::NAMES.join(", ")
                    )),
                );
                None
            }
            Some(Origin::Disk(_)) if outside(origin, &target.value, roots) => {
                // Not read, and not even looked for: `extends` stays inside the folders the
                // user named, so a shared scenario cannot make chipcast read (or say whether
                // there is) anything else on the machine.
                diags.push(
                    at_extends(
                        target,
                        "parent-outside",
                        format!(
                            "the parent `{}` is outside the folders scenarios may extend from",
                            sanitize(&target.value)
                        ),
                    )
                    .hint(format!(
                        "a parent must be a .ron file under this scenario's folder or a folder given on the command line (a folder to check or explore, or --root DIR); allowed here: {}; nothing of that file was read",
                        roots.describe()
                    )),
                );
                None
            }
            Some(parent) if stack.contains(&key_of(&parent)) => {
                let chain: Vec<_> = stack.iter().map(|s| short(s)).collect();
                diags.push(
                    at_extends(
                        target,
                        "extends-cycle",
                        format!(
                            "`extends` makes a cycle: {} -> {}",
                            chain.join(" -> "),
                            short(&key_of(&parent))
                        ),
                    )
                    .hint("a scenario cannot extend itself or one of its descendants"),
                );
                None
            }
            Some(_) if stack.len() >= MAX_CHAIN => {
                diags.push(at_extends(
                    target,
                    "extends-depth",
                    format!("the `extends` chain is more than {MAX_CHAIN} files long"),
                ));
                None
            }
            Some(Origin::Disk(p))
                if !p.extension().is_some_and(|e| e.eq_ignore_ascii_case("ron")) =>
            {
                // Not read at all: `extends` names scenario files, and a file of another kind
                // (a password file, a mount table, a key) must not be quoted in a message.
                diags.push(
                    at_extends(
                        target,
                        "bad-parent",
                        format!(
                            "the parent `{}` is not a `.ron` scenario file",
                            sanitize(&target.value)
                        ),
                    )
                    .hint("`extends` names another scenario file (*.ron) or a bundled scenario; nothing of that file was read"),
                );
                None
            }
            Some(parent) => {
                if let Origin::Disk(p) = &parent
                    && !p.exists()
                {
                    diags.push(
                        at_extends(
                            target,
                            "missing-parent",
                            format!("the parent `{}` does not exist", target.value),
                        )
                        .hint(format!(
                            "paths are relative to this file's folder; bundled scenarios: {}",
                            bundled::NAMES.join(", ")
                        )),
                    );
                    return None;
                }
                let count = diags.len();
                let loaded = load_chain(&parent, roots, stack, files, diags);
                // A parent that does not read as a scenario is named, never quoted: its own
                // diagnostics would show its lines.
                // (A parent that could not be read at all has only its read error, which
                // quotes nothing.)
                let hide = files
                    .iter()
                    .rev()
                    .find(|(o, _)| *o == parent)
                    .is_some_and(|(_, text)| !looks_like_a_scenario(text));
                if loaded.is_none() && diags.len() > count && hide {
                    diags.truncate(count);
                    diags.push(
                        at_extends(
                            target,
                            "not-a-scenario",
                            format!(
                                "the parent `{}` is not a scenario file",
                                sanitize(&target.value)
                            ),
                        )
                        .hint("a parent must hold `Scenario( ... )`; its contents are not shown"),
                    );
                    return None;
                }
                if loaded.is_none() && diags.len() > count {
                    let d = at_extends(
                        target,
                        "broken-parent",
                        format!("the parent `{}` has errors (reported above)", target.value),
                    );
                    diags.push(d);
                }
                loaded
            }
        },
    };
    let parent = parent?;
    let scenario = apply(origin, source, parent, &raw, diags);
    (diags.len() == before).then_some(scenario)
}

/// Whether `extends: "target"` written in the file at `from` leads outside `roots`.
fn outside(from: &Origin, target: &str, roots: &Roots) -> bool {
    match from {
        Origin::Disk(path) => resolved(path, Path::new(target)).is_none_or(|p| !roots.allows(&p)),
        Origin::Bundled(_) => false,
    }
}

/// Whether a parent's text reads as a scenario far enough for its own problems to be shown
/// with its lines: RON that parses, with `Scenario( ... )` (or an unnamed `( ... )`) at the top.
fn looks_like_a_scenario(text: &str) -> bool {
    matches!(
        ron_tree::parse(text).map(|root| root.kind),
        Ok(ron_tree::ValueKind::Struct { name, .. })
            if name.as_ref().is_none_or(|n| n.name == "Scenario")
    )
}

fn short(key: &str) -> String {
    Path::new(key)
        .file_name()
        .map_or_else(|| key.to_string(), |f| f.to_string_lossy().into_owned())
}
