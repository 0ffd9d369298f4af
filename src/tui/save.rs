//! Writing files from the explorer: `w` saves the current lever changes as a new scenario that
//! `extends` the open one and sets only what changed (asking for the name in the footer, and
//! y/n before replacing a file); `e` exports the current panel's figures as CSV
//! (`metric,unit,year,p10,p50,p90`, as `chipcast run --format csv`) and its charts as SVG beside the
//! scenario (in the current folder for bundled ones).
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
use crate::model::scenario::Panel;
use crate::output::files::{relative, write_new, write_replace};
use crate::scenario::write::child_text;
use crate::scenario::{self, Origin};

use super::app::{App, Status};
use super::watch::entry_files;

/// The footer prompt of `w`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Prompt {
    pub kind: PromptKind,
    /// The file name being typed.
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
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
const MAX_NAME: usize = 1024;

fn tell(app: &mut App, text: String, error: bool) {
    app.ui.status = Some(Status { text, error });
}

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

/// `<stem>-<n>.ron` beside the scenario, with the smallest `n` not taken.
pub fn default_name(origin: &Origin) -> PathBuf {
    let (dir, stem) = home(origin);
    (1..)
        .map(|n| dir.join(format!("{stem}-{n}.ron")))
        .find(|p| !p.exists())
        .unwrap_or_else(|| dir.join(format!("{stem}-new.ron")))
}

/// `w`: opens the name prompt (or says why there is nothing to save).
pub fn start(app: &mut App) {
    if app.data.overrides.is_empty() {
        tell(
            app,
            "no lever differs from the file: nothing to save".into(),
            false,
        );
        return;
    }
    let Some((origin, _)) = current_origin(app) else {
        return;
    };
    let text = default_name(&origin).display().to_string();
    app.ui.prompt = Some(Prompt {
        kind: PromptKind::SaveAs,
        text,
    });
}

/// A typed character.
pub fn input(app: &mut App, c: char) {
    let Some(p) = &mut app.ui.prompt else { return };
    match &p.kind {
        PromptKind::SaveAs => {
            if !c.is_control() && p.text.chars().count() < MAX_NAME {
                p.text.push(c);
            }
        }
        PromptKind::Replace(path) => match c {
            'y' | 'Y' => {
                let path = path.clone();
                app.ui.prompt = None;
                save_to(app, &path, true);
            }
            'n' | 'N' => {
                p.text = path.display().to_string();
                p.kind = PromptKind::SaveAs;
            }
            _ => {}
        },
    }
}

pub fn backspace(app: &mut App) {
    if let Some(Prompt {
        kind: PromptKind::SaveAs,
        text,
    }) = &mut app.ui.prompt
    {
        text.pop();
    }
}

pub fn cancel(app: &mut App) {
    if app.ui.prompt.take().is_some() {
        tell(app, "not saved".into(), false);
    }
}

/// Enter: saves under the typed name, or asks before replacing an existing file.
pub fn confirm(app: &mut App) {
    let Some(p) = app.ui.prompt.clone() else {
        return;
    };
    match p.kind {
        PromptKind::Replace(_) => {
            tell(
                app,
                "press y to replace the file, n to choose another name".into(),
                false,
            );
        }
        PromptKind::SaveAs => {
            let name = p.text.trim();
            if name.is_empty() {
                tell(app, "type a file name, or Esc to cancel".into(), true);
                return;
            }
            let mut path = PathBuf::from(name);
            if path.extension().is_none() {
                path.set_extension("ron");
            }
            if let Some(why) = refuse(app, &path) {
                tell(app, why, true);
                return;
            }
            if path.exists() {
                app.ui.prompt = Some(Prompt {
                    kind: PromptKind::Replace(path),
                    text: p.text,
                });
                return;
            }
            app.ui.prompt = None;
            save_to(app, &path, false);
        }
    }
}

/// Why a path may not be written: it is one of the files the scenario reads, or a folder.
fn refuse(app: &App, path: &Path) -> Option<String> {
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

fn save_to(app: &mut App, path: &Path, replace: bool) {
    let Some(text) = scenario_text(app, path) else {
        return;
    };
    let shown = sanitize(&path.display().to_string());
    let written = if replace {
        write_replace(path, &text)
    } else {
        write_new(path, &text)
    };
    if let Err(d) = written {
        tell(app, d.one_line(), true);
        return;
    }
    // The file must load back to what is on screen; say so if it somehow does not.
    match scenario::load(&Origin::Disk(path.to_path_buf())) {
        Ok(_) => {
            let n = app.data.overrides.0.len();
            let what = if n == 1 {
                "1 lever".to_string()
            } else {
                format!("{n} levers")
            };
            tell(app, format!("wrote {shown} ({what} set)"), false);
        }
        Err(d) => tell(
            app,
            format!(
                "wrote {shown}, but it does not load: {}",
                d.first().map(Diagnostic::one_line).unwrap_or_default()
            ),
            true,
        ),
    }
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
    pub csv: PathBuf,
    pub charts: Vec<PathBuf>,
}

/// Chart size in pixels (16:9, for slides).
const CHART_SIZE: (u32, u32) = (1200, 675);

/// `e`: writes the current panel's CSV and charts; the footer says where.
pub fn export(app: &mut App) -> Option<Exported> {
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
            tell(
                app,
                format!(
                    "exported to {}: {} + {charts}",
                    sanitize(&dir.display().to_string()),
                    name(&done.csv),
                ),
                false,
            );
            Some(done)
        }
        Err(d) => {
            tell(app, format!("export failed: {}", d.one_line()), true);
            None
        }
    }
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
    write_new(&out.csv, &crate::output::csv::projection(&now, &metrics))?;
    let pinned = app
        .data
        .pinned
        .as_ref()
        .and(app.data.reference.mc.as_ref())
        .map(|p| (app.data.reference.basis.scenario.as_ref(), p.as_ref()));
    let scenario = app.scenario();
    for (m, path) in charted.iter().zip(&out.charts) {
        let spec = ChartSpec::new(scenario, &now, *m, pinned);
        write_chart(&spec, path, CHART_SIZE)?;
    }
    Ok(out)
}
