//! Hot reload: watches every scenario file the explorer opened or saved with `w` (see
//! [`follow`]) and every file it `extends`, re-resolves a scenario when one of its files is
//! saved, and hands the result to the event loop, which hands it to `App::update` as an
//! action with [`pump`] between inputs.
//!
//! The parent folders are watched (not recursively) and events filtered by path, so editors
//! that save by writing a temporary file and renaming it, or by truncating and rewriting, are
//! seen like any other save; `notify-debouncer-full` folds a burst of saves into one reload.
//! Loading runs on the debouncer's thread, never on the input path.
//!
//! Invariants: a broken save never replaces what is on screen — the open scenario keeps its
//! last good version and a [`Banner`] names the first problem; bundled scenarios are not on
//! disk and are never watched; our own reads of a file (open/close events) never trigger a
//! reload.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use notify::{EventKind, RecommendedWatcher, RecursiveMode, event::AccessKind, event::AccessMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use crate::diag::{Diagnostic, sanitize};
use crate::scenario::{self, Loaded, Origin};

use super::action::Action;
use super::app::{App, Entry};

/// How long a file must be quiet before it is reloaded: long enough to fold an editor's
/// write-rename dance and a burst of saves into one reload, short enough that a save shows
/// well within 200 ms.
pub const DEBOUNCE: Duration = Duration::from_millis(60);
/// The event loop's longest wait for input while files are watched, so a reload is applied
/// at most this long after it is ready.
pub const POLL: Duration = Duration::from_millis(40);

/// The open scenario's file has problems; the screen shows its last good version.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Banner {
    /// The first diagnostic without its hint, one line, sanitized.
    pub first: String,
    /// The first diagnostic's hint, sanitized, if it has one.
    pub hint: Option<String>,
    /// How many more there are.
    pub more: usize,
    /// The file to name in `chipcast check FILE` for the rest, sanitized.
    pub file: String,
}

impl Banner {
    /// The banner for a failed reload: the first diagnostic, its hint, and how many more there
    /// are (a placeholder message if the list is empty).
    pub fn of(diagnostics: &[Diagnostic]) -> Banner {
        let first = diagnostics.first();
        Banner {
            first: first.map_or_else(
                || "the file cannot be read".into(),
                |d| {
                    let mut d = d.clone();
                    d.hint = None;
                    d.one_line()
                },
            ),
            hint: first
                .and_then(|d| d.hint.as_deref())
                .map(crate::diag::sanitize),
            more: diagnostics.len().saturating_sub(1),
            file: first.map_or_else(String::new, |d| crate::diag::sanitize(&d.file)),
        }
    }
}

/// A scenario re-read after one of its files changed.
#[derive(Clone, Debug)]
pub struct Reload {
    /// Index of the entry in `App::data.entries`.
    pub entry: usize,
    /// The scenario as re-read, or the problems that stopped it loading.
    pub result: Result<Loaded, Vec<Diagnostic>>,
    /// The watched files that changed (for the footer).
    pub changed: Vec<PathBuf>,
}

/// Two reloads are equal when they name the same entry, files and outcome (the scenario and
/// files read, or the same problems), so an `Action` carrying one can be compared.
impl PartialEq for Reload {
    fn eq(&self, other: &Reload) -> bool {
        let same = match (&self.result, &other.result) {
            (Ok(a), Ok(b)) => a.scenario == b.scenario && a.files == b.files,
            (Err(a), Err(b)) => a
                .iter()
                .map(Diagnostic::one_line)
                .eq(b.iter().map(Diagnostic::one_line)),
            _ => false,
        };
        same && self.entry == other.entry && self.changed == other.changed
    }
}

/// What the watcher tells the event loop.
#[derive(Debug)]
pub enum Notice {
    /// A watched scenario was re-read (successfully or not).
    Reload(Box<Reload>),
    /// The watcher itself failed (too many watches, a folder vanished, ...).
    Failed(String),
}

/// One watched scenario: the file to load and the files it reads, as watched paths.
#[derive(Clone, Debug)]
struct Target {
    entry: usize,
    path: PathBuf,
    files: Vec<PathBuf>,
    roots: scenario::Roots,
}

/// The file watcher and its channel to the event loop.
pub struct Watcher {
    debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
    targets: Arc<Mutex<Vec<Target>>>,
    rx: Receiver<Notice>,
    dirs: HashSet<PathBuf>,
}

/// The path under which events name a file: its folder made absolute, then its name.
fn watch_key(path: &Path) -> PathBuf {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let dir = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    match path.file_name() {
        Some(name) => dir.join(name),
        None => dir,
    }
}

/// An entry's origin and the files it reads (its `extends` chain, itself last; only itself
/// for a broken file), if it is a file.
pub fn entry_files(e: &Entry) -> Option<(Origin, Vec<Origin>)> {
    match e {
        Entry::Ready { origin, files, .. } => {
            let mut files = files.clone();
            if !files.contains(origin) {
                files.push(origin.clone());
            }
            Some((origin.clone(), files))
        }
        Entry::Broken { origin, .. } => origin.clone().map(|o| (o.clone(), vec![o])),
    }
}

/// The files on disk among origins, as watch keys.
fn disk_keys(files: &[Origin]) -> Vec<PathBuf> {
    files
        .iter()
        .filter_map(|o| match o {
            Origin::Disk(p) => Some(watch_key(p)),
            Origin::Bundled(_) => None,
        })
        .collect()
}

/// Whether an event says a file's content may have changed (not merely that it was read).
fn is_change(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    }
}

/// The watch targets of the entries from index `from` on that are read from disk. A reload
/// may read from the folders of the files the scenario read when it was loaded: a file saved
/// with `w` extends the open one wherever that lives, as the save's own load-back allowed.
/// (For a file opened at start this adds nothing: its chain was read under `roots`.)
fn targets_of(entries: &[Entry], from: usize, roots: &scenario::Roots) -> Vec<Target> {
    let mut targets = Vec::new();
    for (i, e) in entries.iter().enumerate().skip(from) {
        if let Some((Origin::Disk(path), files)) = entry_files(e) {
            targets.push(Target {
                entry: i,
                path,
                roots: files.iter().fold(roots.clone(), |r, f| r.with_folder_of(f)),
                files: disk_keys(&files),
            });
        }
    }
    targets
}

/// Keeps the watcher on what the picker holds: entries added since the first `*known` (a
/// scenario saved with `w` joins the picker) are watched as well, and a watcher is started
/// if none was running (the explorer opened on bundled scenarios only). Entries replaced in
/// place keep their target: a replacement is always the same file.
pub fn follow(
    watcher: &mut Option<Watcher>,
    entries: &[Entry],
    roots: &scenario::Roots,
    known: &mut usize,
) -> notify::Result<()> {
    if entries.len() == *known {
        return Ok(());
    }
    let from = (*known).min(entries.len());
    *known = entries.len();
    let added = targets_of(entries, from, roots);
    match watcher {
        Some(w) => w.add(added),
        None if added.is_empty() => Ok(()),
        None => {
            *watcher = Watcher::start(added)?;
            Ok(())
        }
    }
}

impl Watcher {
    /// Watches the files of every entry read from disk. `None` when no entry is on disk.
    pub fn spawn(entries: &[Entry], roots: &scenario::Roots) -> notify::Result<Option<Watcher>> {
        Watcher::start(targets_of(entries, 0, roots))
    }

    /// Watches these targets. `None` when there are none.
    fn start(targets: Vec<Target>) -> notify::Result<Option<Watcher>> {
        if targets.is_empty() {
            return Ok(None);
        }
        let shared = Arc::new(Mutex::new(targets));
        let (tx, rx) = mpsc::channel();
        let for_thread = Arc::clone(&shared);
        let debouncer = new_debouncer(DEBOUNCE, None, move |res: DebounceEventResult| {
            on_events(res, &for_thread, &tx);
        })?;
        let mut w = Watcher {
            debouncer,
            targets: shared,
            rx,
            dirs: HashSet::new(),
        };
        let all: Vec<PathBuf> = w
            .targets
            .lock()
            .map(|t| t.iter().flat_map(|t| t.files.clone()).collect())
            .unwrap_or_default();
        w.watch_dirs(&all)?;
        Ok(Some(w))
    }

    /// Watches these targets too.
    fn add(&mut self, targets: Vec<Target>) -> notify::Result<()> {
        let keys: Vec<PathBuf> = targets.iter().flat_map(|t| t.files.clone()).collect();
        if let Ok(mut all) = self.targets.lock() {
            all.extend(targets);
        }
        self.watch_dirs(&keys)
    }

    /// Watches the folders of these files that are not watched yet.
    fn watch_dirs(&mut self, files: &[PathBuf]) -> notify::Result<()> {
        for f in files {
            let Some(dir) = f.parent() else { continue };
            if self.dirs.contains(dir) || !dir.is_dir() {
                continue;
            }
            self.debouncer.watch(dir, RecursiveMode::NonRecursive)?;
            self.dirs.insert(dir.to_path_buf());
        }
        Ok(())
    }

    /// After a good reload, follows the scenario's new `extends` chain.
    fn retarget(&mut self, entry: usize, files: &[Origin]) -> notify::Result<()> {
        let keys = disk_keys(files);
        if let Ok(mut targets) = self.targets.lock() {
            for t in targets.iter_mut().filter(|t| t.entry == entry) {
                t.files = keys.clone();
            }
        }
        self.watch_dirs(&keys)
    }

    /// The next notice, if one is waiting; never blocks.
    pub fn try_recv(&self) -> Option<Notice> {
        self.rx.try_recv().ok()
    }

    /// Waits up to `timeout` for a notice (tests).
    pub fn recv_timeout(&self, timeout: Duration) -> Option<Notice> {
        self.rx.recv_timeout(timeout).ok()
    }
}

/// On the debouncer's thread: reloads every scenario that reads a changed file.
fn on_events(res: DebounceEventResult, targets: &Mutex<Vec<Target>>, tx: &Sender<Notice>) {
    let events = match res {
        Ok(events) => events,
        Err(errors) => {
            let text = errors
                .iter()
                .map(|e| e.to_string())
                .collect::<Vec<_>>()
                .join("; ");
            let _ = tx.send(Notice::Failed(sanitize(&text)));
            return;
        }
    };
    let rescan = events.iter().any(|e| e.need_rescan());
    let changed: HashSet<&PathBuf> = events
        .iter()
        .filter(|e| is_change(&e.kind))
        .flat_map(|e| e.paths.iter())
        .collect();
    if changed.is_empty() && !rescan {
        return;
    }
    let targets = match targets.lock() {
        Ok(t) => t.clone(),
        Err(_) => return,
    };
    for t in targets {
        let hit: Vec<PathBuf> = t
            .files
            .iter()
            .filter(|f| changed.contains(f))
            .cloned()
            .collect();
        if hit.is_empty() && !rescan {
            continue;
        }
        let result = scenario::load_within(&Origin::Disk(t.path.clone()), &t.roots);
        let notice = Notice::Reload(Box::new(Reload {
            entry: t.entry,
            result,
            changed: hit,
        }));
        if tx.send(notice).is_err() {
            return;
        }
    }
}

/// Hands every waiting notice to the app as an action; returns whether anything changed on
/// screen. Of several reloads of one entry only the newest is applied.
pub fn pump(app: &mut App, watcher: &mut Watcher) -> bool {
    let mut reloads: Vec<Reload> = Vec::new();
    let mut any = false;
    while let Some(n) = watcher.try_recv() {
        match n {
            Notice::Reload(r) => {
                reloads.retain(|x| x.entry != r.entry);
                reloads.push(*r);
            }
            Notice::Failed(text) => {
                app.update(Action::WatchFailed(format!(
                    "watching files failed: {text}"
                )));
                any = true;
            }
        }
    }
    for r in reloads {
        if let Ok(loaded) = &r.result
            && let Err(e) = watcher.retarget(r.entry, &loaded.files)
        {
            app.update(Action::WatchFailed(format!(
                "watching files failed: {}",
                sanitize(&e.to_string())
            )));
        }
        app.update(Action::Reloaded(Box::new(r)));
        any = true;
    }
    any
}
