//! The interactive explorer: `run(paths)` loads scenarios, opens the terminal, and runs the
//! synchronous event loop of `event_loop.rs` on it — poll input, apply actions to the `App`,
//! hand Monte Carlo requests to the worker thread, hand its results and hot reloads back to
//! the `App` as actions, redraw when something changed.
//!
//! Invariants: nothing touches the terminal before every file has been read (a bad command
//! line prints diagnostics and exits 1 with the terminal untouched); the terminal is restored
//! (raw mode off, mouse capture off, alternate screen left) on quit, on error, on panic and on
//! SIGTERM, SIGHUP or SIGINT; only key presses are handled, never releases or repeats of
//! releases; input never waits for the Monte Carlo.

pub mod action;
pub mod app;
pub mod compare;
pub mod describe;
pub mod event_loop;
pub mod input;
pub mod keymap;
pub mod present;
pub mod save;
pub mod snapshot;
pub mod sobol;
pub mod theme;
pub mod view;
pub mod watch;
pub mod worker;

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicI32, Ordering};
use std::time::{Duration, Instant};

use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use crossterm::execute;

use crate::diag::Diagnostic;
use crate::output::report;
use crate::scenario::{self, Origin};

use app::{App, Entry, Settings};
use theme::Theme;
use worker::Worker;

/// Reads the scenarios named on the command line (the bundled ones when none is), keeping
/// broken files with their diagnostics for the picker. Errors when a path does not exist or
/// when no file is a valid scenario; the diagnostics then say why.
pub fn load_entries(paths: &[PathBuf]) -> Result<Vec<Entry>, Vec<Diagnostic>> {
    load_entries_within(paths, &scenario::Roots::new(paths))
}

/// Like [`load_entries`], with the folders `extends` may read parents from (the folders among
/// `paths` and `--root`).
pub fn load_entries_within(
    paths: &[PathBuf],
    roots: &scenario::Roots,
) -> Result<Vec<Entry>, Vec<Diagnostic>> {
    let gathered = scenario::gather(paths);
    if !gathered.missing.is_empty() {
        return Err(gathered
            .missing
            .iter()
            .map(|path| {
                Diagnostic::file(
                    path.display().to_string(),
                    "missing-file",
                    "no such file or folder",
                )
                .hint("check the path; with no path, chipcast opens the bundled scenarios")
            })
            .collect());
    }
    let mut entries: Vec<Entry> = gathered
        .problems
        .into_iter()
        .map(|e| Entry::Broken {
            file: e.file.clone(),
            origin: None,
            diagnostics: vec![e],
        })
        .collect();
    for origin in gathered.origins {
        let file = origin.display();
        entries.push(match scenario::load_within(&origin, roots) {
            Ok(loaded) => Entry::Ready {
                file,
                origin,
                files: loaded.files,
                scenario: Arc::new(loaded.scenario),
                story: loaded.story.into(),
            },
            Err(diagnostics) => Entry::Broken {
                file,
                origin: Some(origin),
                diagnostics,
            },
        });
    }
    // Valid files first, in the order given; broken ones after.
    entries.sort_by_key(|e| e.scenario().is_none());
    if entries.iter().all(|e| e.scenario().is_none()) {
        let mut all: Vec<Diagnostic> = entries
            .into_iter()
            .flat_map(|e| match e {
                Entry::Broken { diagnostics, .. } => diagnostics,
                Entry::Ready { .. } => Vec::new(),
            })
            .collect();
        all.push(Diagnostic::file(
            paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(" "),
            "no-valid-scenario",
            "no valid scenario to open",
        ));
        return Err(all);
    }
    Ok(entries)
}

/// The explorer's entry for a scenario read from `origin`.
pub fn ready_entry(origin: Origin, loaded: scenario::Loaded) -> Entry {
    Entry::Ready {
        file: origin.display(),
        origin,
        files: loaded.files,
        scenario: Arc::new(loaded.scenario),
        story: loaded.story.into(),
    }
}

/// `chipcast [PATH ...]`: the explorer, in the default theme (`NO_COLOR` respected).
pub fn run(paths: &[PathBuf]) -> ExitCode {
    run_with(
        paths,
        &scenario::Roots::new(paths),
        Theme::from_env(),
        Settings::default(),
    )
}

/// `chipcast [--theme ...] [--markers ...] [PATH ...]`: the explorer in a chosen theme.
pub fn run_with(
    paths: &[PathBuf],
    roots: &scenario::Roots,
    theme: Theme,
    settings: Settings,
) -> ExitCode {
    let started = Instant::now();
    let entries = match load_entries_within(paths, roots) {
        Ok(e) => e,
        Err(diags) => {
            report(&diags);
            return ExitCode::from(1);
        }
    };
    let Some(app) = App::new(entries, settings, theme) else {
        return ExitCode::from(1);
    };
    let app = app.within(roots.clone());
    exit_code(explore(app, started))
}

/// The explorer's exit status: 0 after `q`, 128 + the signal after SIGINT (130), SIGHUP (129)
/// or SIGTERM (143), as shells expect, and 1 when the terminal failed.
pub(crate) fn exit_code(result: io::Result<i32>) -> ExitCode {
    match result {
        Ok(0) => ExitCode::SUCCESS,
        Ok(signal) => ExitCode::from(u8::try_from(128 + signal).unwrap_or(1)),
        Err(e) => {
            eprintln!("chipcast: the terminal failed: {e}");
            ExitCode::from(1)
        }
    }
}

/// Leaves the terminal as it was found.
fn restore() {
    let _ = execute!(io::stdout(), DisableMouseCapture);
    ratatui::restore();
}

/// What the explorer says, before touching anything, when stdin or stdout is not a terminal.
pub const NEEDS_TERMINAL: &str = "chipcast needs a terminal; use `chipcast run` for text output";

/// Runs the explorer until `q` or a signal; returns the signal that ended it (0 for `q`).
fn explore(mut app: App, started: Instant) -> io::Result<i32> {
    // Without a terminal there is nothing to draw on: say what to use instead and exit 1
    // (nothing has been opened or changed yet).
    if !(io::stdin().is_terminal() && io::stdout().is_terminal()) {
        eprintln!("{NEEDS_TERMINAL}");
        std::process::exit(1);
    }
    // Signals set a flag the loop checks between polls; the loop then restores and returns.
    // A watchdog covers the loop being stuck: when the terminal hangs up, crossterm's reader
    // spins on the dead tty without returning, so the flag is never looked at. If the loop has
    // not ended shortly after a signal, the watchdog restores the terminal and exits.
    // The signal that asked to stop (0: none).
    let stop = Arc::new(AtomicI32::new(0));
    let mut signals = signal_hook::iterator::Signals::new([
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
    ])?;
    let flag = Arc::clone(&stop);
    std::thread::Builder::new()
        .name("chipcast-signals".into())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                flag.store(signal, Ordering::Relaxed);
                std::thread::sleep(Duration::from_millis(500));
                restore();
                std::process::exit(128 + signal);
            }
        })?;
    let worker = Worker::spawn()?;
    let sobol_worker = sobol::SobolWorker::spawn()?;
    let compare_worker = compare::CompareWorker::spawn()?;
    let mut terminal = ratatui::try_init()?;
    // ratatui's hook restores raw mode and the screen; this one also releases the mouse.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(io::stdout(), DisableMouseCapture);
        hook(info);
    }));
    let workers = event_loop::Workers {
        monte_carlo: &worker,
        sobol: &sobol_worker,
        compare: &compare_worker,
    };
    let mut trace = Trace::open(started);
    let result = execute!(io::stdout(), EnableMouseCapture).and_then(|()| {
        event_loop::run(
            &mut terminal,
            &mut app,
            workers,
            (&mut event_loop::TerminalEvents, &mut trace),
            &stop,
            event_loop::Timing::default(),
        )
    });
    restore();
    result.map(|()| stop.load(Ordering::Relaxed))
}

/// Timing lines for `docs/performance.md`, written when `CHIPCAST_TRACE` names a file:
/// `first_frame_us` and `bands_in_us` (from the start), `key_to_frame_us` (from reading a key
/// to the end of the frame that shows it).
struct Trace {
    file: Option<std::fs::File>,
    started: Instant,
    first_frame: bool,
    key_at: Option<Instant>,
    awaiting_bands: bool,
}

impl Trace {
    fn open(started: Instant) -> Trace {
        Trace {
            file: std::env::var_os("CHIPCAST_TRACE").and_then(|p| {
                std::fs::OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(p)
                    .ok()
            }),
            started,
            first_frame: true,
            key_at: None,
            awaiting_bands: true,
        }
    }

    fn line(&mut self, what: &str, d: Duration) {
        if let Some(f) = &mut self.file {
            let _ = writeln!(f, "{what} {}", d.as_micros());
        }
    }
}

impl event_loop::Probe for Trace {
    fn key(&mut self) {
        self.key_at.get_or_insert_with(Instant::now);
    }

    fn frame(&mut self, app: &App) {
        if std::mem::take(&mut self.first_frame) {
            self.line("first_frame_us", self.started.elapsed());
        }
        if let Some(t) = self.key_at.take() {
            self.line("key_to_frame_us", t.elapsed());
        }
        if self.awaiting_bands && !app.pending() {
            self.awaiting_bands = false;
            self.line("bands_in_us", self.started.elapsed());
        }
    }
}
