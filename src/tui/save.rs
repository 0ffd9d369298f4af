//! Writing files from the explorer: `w` saves the current lever changes as a new scenario that
//! `extends` the open one and sets only what changed (asking for the name in the footer, and
//! y/n before replacing a file); `e` exports the current panel's figures as CSV
//! (`metric,unit,year,p10,p50,p90`, as `chipcast run --format csv`) and its charts as SVG beside the
//! scenario (in the current folder for bundled ones).
//!
//! The functions here read the app and do the writing; they return what the footer should
//! say (a `Status`) and never change the app: `App::update` applies their results.
//!
//! Invariants: the author's file and every file it extends are never written; every write is
//! atomic (a temporary file, then a link or rename); nothing is overwritten without a `y`;
//! export never overwrites (it numbers its files instead).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diag::{Diagnostic, sanitize};
use crate::export::{ChartSpec, write_chart};
use crate::model::metrics::MetricId;
use crate::model::montecarlo::{self, Projection};
use crate::output::files::Existing;
use crate::output::files::{relative, write_new, write_replace};
use crate::scenario::story::Panel;
use crate::scenario::write::child_text;
use crate::scenario::{self, Origin};

use super::app::{App, Entry, Status};
use super::watch::entry_files;

/// The footer prompt of `w`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Prompt {
    /// What the prompt is asking.
    pub kind: PromptKind,
    /// The file name being typed.
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
/// The question the `w` prompt is asking: the file name, then (if it exists) whether to replace
/// it.
pub enum PromptKind {
    /// Asking for the file name.
    SaveAs,
    /// The file exists: replace it (y) or not (n)?
    Replace(PathBuf),
}

impl Prompt {
    /// The prompt's question, for the footer.
    pub fn question(&self) -> String {
        match &self.kind {
            PromptKind::SaveAs => "save as: ".into(),
            PromptKind::Replace(p) => {
                format!(
                    "{} exists: replace it? y/n ",
                    sanitize(&p.display().to_string())
                )
            }
        }
    }
}

/// Longest file name typed in the prompt.
pub const MAX_NAME: usize = 1024;

/// The open entry's origin and the files it reads.
fn current_origin(app: &App) -> Option<(Origin, Vec<Origin>)> {
    app.data.entries.get(app.data.current).and_then(entry_files)
}

/// The folder new files go in, and the stem they are named after: beside the scenario, or
/// the current folder for a bundled one.
fn home(origin: &Origin) -> (PathBuf, String) {
    match origin {
        Origin::Disk(p) => (
            p.parent()
                .filter(|d| !d.as_os_str().is_empty())
                .map_or_else(|| PathBuf::from("."), Path::to_path_buf),
            p.file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_else(|| "scenario".into()),
        ),
        Origin::Bundled(n) => (PathBuf::from("."), (*n).to_string()),
    }
}

/// The file name (no folder) the prompt suggests for the open scenario: `<stem>-<n>.ron`.
pub fn suggested_file_name(app: &App) -> PathBuf {
    current_origin(app)
        .map(|(origin, _)| default_name(&origin))
        .and_then(|p| p.file_name().map(PathBuf::from))
        .unwrap_or_else(|| PathBuf::from("scenario-1.ron"))
}

/// `<stem>-<n>.ron` beside the scenario, with the smallest `n` not taken.
pub fn default_name(origin: &Origin) -> PathBuf {
    free_name(origin, "")
}

/// `<stem><tag>-<n>.ron` beside the scenario (`tag` such as `-demo`), the smallest `n` not taken.
fn free_name(origin: &Origin, tag: &str) -> PathBuf {
    let (dir, stem) = home(origin);
    (1..)
        .map(|n| dir.join(format!("{stem}{tag}-{n}.ron")))
        .find(|p| !p.exists())
        .unwrap_or_else(|| dir.join(format!("{stem}{tag}-new.ron")))
}

/// `w`: the name prompt to open, or why there is nothing to save (`None`: no file is open).
pub fn prompt(app: &App) -> Result<Prompt, Option<Status>> {
    if app.data.overrides.is_empty() {
        return Err(Some(Status::info(
            "no lever differs from the file: nothing to save",
        )));
    }
    let (origin, _) = current_origin(app).ok_or(None)?;
    let text = default_name(&origin).display().to_string();
    Ok(Prompt {
        kind: PromptKind::SaveAs,
        text,
    })
}

/// Why a path may not be written: it is one of the files the scenario reads, or a folder.
pub fn refuse(app: &App, path: &Path) -> Option<String> {
    let (_, files) = current_origin(app)?;
    let same = |a: &Path, b: &Path| match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    };
    if path.is_dir() {
        return Some(format!(
            "{} is a folder: name a file",
            sanitize(&path.display().to_string())
        ));
    }
    files.iter().find_map(|o| match o {
        Origin::Disk(f) if same(f, path) => Some(format!(
            "{} is read by this scenario: chipcast never rewrites it; choose another name",
            sanitize(&f.display().to_string())
        )),
        _ => None,
    })
}

/// The scenario text `w` writes to `path`.
pub fn scenario_text(app: &App, path: &Path) -> Option<String> {
    let (origin, _) = current_origin(app)?;
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let extends = match &origin {
        Origin::Bundled(n) => format!("bundled:{n}"),
        Origin::Disk(p) => relative(p, dir),
    };
    let s = app.scenario();
    let keys: Vec<&str> = app.data.overrides.iter().map(|o| o.lever.key()).collect();
    let description = format!(
        "Saved from the chipcast explorer: {} with {} changed.",
        s.name,
        keys.join(", ")
    );
    Some(child_text(
        &app.data.now.basis.label(),
        &description,
        &extends,
        &app.data.overrides,
    ))
}

/// What `w` did: what the footer says, and the new file as a picker entry when it was
/// written and loads back.
pub struct Saved {
    /// The line for the footer.
    pub status: Status,
    /// The saved scenario, ready to open.
    pub entry: Option<Entry>,
}

/// Writes the scenario `w` saves to `path` (replacing a file only when asked). `None` when no
/// file is open.
pub fn write(app: &App, path: &Path, replace: bool) -> Option<Saved> {
    let text = scenario_text(app, path)?;
    let shown = sanitize(&path.display().to_string());
    let written = if replace {
        write_replace(path, &text)
    } else {
        write_new(path, &text)
    };
    if let Err(d) = written {
        return Some(Saved {
            status: failure("", &d),
            entry: None,
        });
    }
    // The file must load back to what is on screen; say so if it somehow does not.
    // The new file extends the open one, wherever it was saved: the open file's folder counts.
    let roots = match current_origin(app) {
        Some((open, _)) => app.data.roots.with_folder_of(&open),
        None => app.data.roots.clone(),
    };
    let origin = Origin::Disk(path.to_path_buf());
    Some(match scenario::load_within(&origin, &roots) {
        Ok(loaded) => {
            let n = app.data.overrides.0.len();
            let what = if n == 1 {
                "1 lever".to_string()
            } else {
                format!("{n} levers")
            };
            Saved {
                status: Status::info(format!("wrote {shown} ({what} set); now exploring it")),
                entry: Some(Entry::Ready {
                    file: origin.display(),
                    origin,
                    files: loaded.files,
                    scenario: Arc::new(loaded.scenario),
                    story: loaded.story.into(),
                }),
            }
        }
        Err(d) => Saved {
            status: Status::error(format!(
                "wrote {shown}, but it does not load: {}",
                d.first().map(Diagnostic::one_line).unwrap_or_default()
            )),
            entry: None,
        },
    })
}

/// The metrics a panel's CSV holds and the ones it charts (the headline of each chart), read
/// from the series the views in `view/` draw, so an export never drifts from the screen.
pub fn panel_metrics(panel: Panel, sensitivity: MetricId) -> (Vec<MetricId>, Vec<MetricId>) {
    let charts = super::view::panel_series(panel);
    if charts.is_empty() {
        return (vec![sensitivity], vec![sensitivity]);
    }
    let mut all: Vec<MetricId> = Vec::new();
    for m in charts.iter().flatten() {
        if !all.contains(m) {
            all.push(*m);
        }
    }
    let headlines = charts.iter().filter_map(|c| c.first().copied()).collect();
    (all, headlines)
}

/// What `e` wrote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Exported {
    /// The CSV of the panel's metrics, by year.
    pub csv: PathBuf,
    /// One SVG per chart of the panel, named after the chart's headline metric.
    pub charts: Vec<PathBuf>,
}

/// Chart size in pixels (16:9, full HD, for slides).
const CHART_SIZE: (u32, u32) = (1920, 1080);

/// `e`: writes the current panel's CSV and charts; what the footer says (where they went).
pub fn export(app: &App) -> Status {
    match export_files(app) {
        Ok(done) => {
            let dir = done
                .csv
                .parent()
                .filter(|d| !d.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            let name = |p: &Path| {
                p.file_name()
                    .map(|n| sanitize(&n.to_string_lossy()))
                    .unwrap_or_default()
            };
            // Where first: the footer keeps a message's start when it must cut it.
            let charts = match done.charts.len() {
                1 => "1 SVG chart".to_string(),
                n => format!("{n} SVG charts"),
            };
            Status::info(format!(
                "exported to {}: {} + {charts}",
                sanitize(&dir.display().to_string()),
                name(&done.csv),
            ))
        }
        Err(d) => failure("export failed: ", &d),
    }
}

/// A failure to write a file, for the footer: `what`, the reason, then the file (`export
/// failed: read-only file system: /home/ana/…/s-output.csv`), so a narrow footer shortens
/// the path, not the reason.
fn failure(what: &str, d: &Diagnostic) -> Status {
    let mut why = format!("{what}{}", sanitize(&d.message));
    if d.file.is_empty() {
        return Status::error(why);
    }
    why.push_str(": ");
    Status::error_about(why, &sanitize(&d.file))
}

fn export_files(app: &App) -> Result<Exported, Diagnostic> {
    let Some((origin, _)) = current_origin(app) else {
        return Err(Diagnostic::file("", "no-scenario", "no scenario is open"));
    };
    let (dir, stem) = home(&origin);
    let panel = app.ui.panel;
    let (metrics, charted) = panel_metrics(panel, app.ui.metric);
    let settings = app.data.settings;
    let now: Arc<Projection> = app.data.now.mc.clone().unwrap_or_else(|| {
        let b = &app.data.now.basis;
        Arc::new(montecarlo::simulate(
            &b.scenario,
            &b.overrides,
            settings.samples,
            settings.seed,
        ))
    });
    let base = format!("{stem}-{}", panel.name());
    let names = |n: usize| {
        let suffix = if n == 1 {
            String::new()
        } else {
            format!("-{n}")
        };
        let csv = dir.join(format!("{base}{suffix}.csv"));
        let charts: Vec<PathBuf> = charted
            .iter()
            .map(|m| dir.join(format!("{base}-{}{suffix}.svg", m.key())))
            .collect();
        Exported { csv, charts }
    };
    let out = (1..10_000)
        .map(names)
        .find(|e| !e.csv.exists() && e.charts.iter().all(|p| !p.exists()))
        .ok_or_else(|| {
            Diagnostic::file(
                dir.display().to_string(),
                "exists",
                "too many earlier exports here",
            )
        })?;
    let pinned = app
        .data
        .pinned
        .as_ref()
        .and(app.data.reference.mc.as_ref())
        .map(|p| (app.data.reference.basis.scenario.as_ref(), p.as_ref()));
    let scenario = app.scenario();
    let theme = app.ui.theme.chart();
    // All or nothing: each file is written atomically and none existed before, so when one
    // fails (a full or read-only disk) the ones already written are removed again.
    let mut written: Vec<&Path> = Vec::new();
    let result = write_new(&out.csv, &crate::output::csv::projection(&now, &metrics))
        .map(|()| written.push(&out.csv))
        .and_then(|()| {
            for (m, path) in charted.iter().zip(&out.charts) {
                let spec = ChartSpec::new(scenario, &now, *m, pinned);
                // The explorer's theme, as on screen (`--theme`, `t`).
                write_chart(&spec, path, CHART_SIZE, &theme, Existing::Refuse)?;
                written.push(path);
            }
            Ok(())
        });
    if let Err(d) = result {
        for path in written {
            let _ = std::fs::remove_file(path);
        }
        return Err(d);
    }
    Ok(out)
}

/// `o` stopped: writes the recorded demo as a new scenario beside the open one
/// (`<stem>-demo-<n>.ron`, never over a file): it extends the open file, starts from the lever
/// changes recording began with, and carries the steps as its story. What the footer says.
pub fn write_demo(app: &App, r: &super::app::record::Recording) -> Status {
    let Some((origin, _)) = current_origin(app) else {
        return Status::error("no file is open: nothing to record into");
    };
    let (dir, _) = home(&origin);
    let path = free_name(&origin, "-demo");
    let extends = match &origin {
        Origin::Bundled(n) => format!("bundled:{n}"),
        Origin::Disk(p) => relative(p, &dir),
    };
    let name = format!("{} (demo)", app.scenario().name);
    let mut text = child_text(
        &name,
        &format!(
            "A demo recorded in the chipcast explorer on {}: {} steps.",
            app.scenario().name,
            r.steps.len()
        ),
        &extends,
        &r.start,
    );
    // The story goes before the closing parenthesis.
    if let Some(end) = text.rfind(")\n") {
        text.insert_str(end, &crate::scenario::write::story_text(&r.steps));
    }
    let shown = sanitize(&path.display().to_string());
    if let Err(d) = write_new(&path, &text) {
        return failure("", &d);
    }
    let roots = app.data.roots.with_folder_of(&origin);
    match scenario::load_within(&Origin::Disk(path.clone()), &roots) {
        Ok(_) => Status::info(format!(
            "recorded {} steps to {shown}: chipcast present {shown}",
            r.steps.len()
        )),
        Err(d) => Status::error(format!(
            "wrote {shown}, but it does not load: {}",
            d.first().map(Diagnostic::one_line).unwrap_or_default()
        )),
    }
}
