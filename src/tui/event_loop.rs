//! The explorer's event loop, apart from the terminal: events come from an [`Events`] source
//! (crossterm's, or a script in `benches/explorer.rs`) and frames go to any ratatui backend,
//! so the benchmark times the very loop the binary runs. A [`Probe`] hears of each key and
//! frame (the binary's `CHIPCAST_TRACE` lines, the benchmark's timings).
//!
//! Each turn: hand Monte Carlo and Sobol requests to their threads, redraw when something
//! changed, wait for input (briefly while bands are awaited), apply a batch of events, take
//! finished runs and hot reloads. Invariant: input never waits for a computation.

use std::io;
use std::sync::atomic::{AtomicI32, Ordering};
use std::time::{Duration, Instant};

use crossterm::event::{self, Event};
use ratatui::Terminal;
use ratatui::backend::Backend;

use super::action::Action;
use super::app::App;
use super::compare::CompareWorker;
use super::sobol::{Answer, SobolJob, SobolWorker};
use super::worker::{Job, Slot, Worker};
use super::{input, view, watch};

/// Where the loop's events come from.
pub trait Events {
    /// Whether an event is ready, waiting at most `timeout` for one.
    fn poll(&mut self, timeout: Duration) -> io::Result<bool>;
    /// The next event (called after `poll` said one is ready).
    fn read(&mut self) -> io::Result<Event>;
}

/// The terminal's events, through crossterm.
pub struct TerminalEvents;

impl Events for TerminalEvents {
    fn poll(&mut self, timeout: Duration) -> io::Result<bool> {
        event::poll(timeout)
    }

    fn read(&mut self) -> io::Result<Event> {
        event::read()
    }
}

/// Hears what the loop does, for timing; the app is only read.
pub trait Probe {
    /// A key press was read and is about to be applied.
    fn key(&mut self) {}
    /// A frame of `app` has just been drawn.
    fn frame(&mut self, _app: &App) {}
}

/// No probe.
impl Probe for () {}

/// The two computing threads the loop feeds.
#[derive(Clone, Copy)]
pub struct Workers<'a> {
    /// The Monte Carlo thread (bands).
    pub monte_carlo: &'a Worker,
    /// The Sobol thread (the Sensitivity panel's ranking).
    pub sobol: &'a SobolWorker,
    /// The compare view's rows.
    pub compare: &'a CompareWorker,
}

/// The loop's timings.
#[derive(Clone, Copy, Debug)]
pub struct Timing {
    /// Monte Carlo requests wait until input has been quiet this long (0: none; the events
    /// of one batch, up to 64 or 8 ms of them, start one run in any case).
    pub hold: Duration,
    /// How often the loop looks for finished runs while bands are awaited (crossterm's poll
    /// cannot be woken by another thread, so this bounds how late bands are drawn).
    pub wait: Duration,
}

/// Monte Carlo requests go to the worker as soon as a batch of input has been applied: no
/// hold. Measured with benches/explorer.rs on 2 loaded cores, a 10 ms hold put the bands of a
/// key 8–14 ms later at the median and a 30 ms hold 30 ms later, while key-to-frame was the
/// same with or without it (the worker keeps only the newest request, and a stale 10,000-sample
/// run is ~10 ms). docs/performance.md ("Explorer at 10,000 samples") has the figures.
pub const HOLD: Duration = Duration::ZERO;

/// Looks for finished runs every millisecond while bands are awaited.
pub const WAIT: Duration = Duration::from_millis(1);

impl Default for Timing {
    fn default() -> Timing {
        Timing {
            hold: HOLD,
            wait: WAIT,
        }
    }
}

/// Most events applied before a redraw, and the longest time spent applying them, so a flood
/// of input (a held key) still redraws at least every frame.
const BATCH: usize = 64;
const BATCH_TIME: Duration = Duration::from_millis(8);

/// Whether the Sensitivity panel still waits for this ranking (the current state's, for the
/// metric and year shown, not yet answered).
fn awaits(app: &App, job: &SobolJob) -> bool {
    app.data.now.generation == job.generation
        && (app.data.sobol.as_ref().is_some_and(|v| {
            v.ranking.is_none()
                && (v.generation, v.metric, v.year) == (job.generation, job.metric, job.year)
        }) || app.data.sweep.as_ref().is_some_and(|s| {
            s.swings.is_none()
                && (s.generation, s.metric, s.year) == (job.generation, job.metric, job.year)
        }))
}

/// Which of the two projections have their bands.
fn bands_in(app: &App) -> (bool, bool) {
    (app.data.now.mc.is_some(), app.data.reference.mc.is_some())
}

/// A backend's error as an I/O error (crossterm's already is one).
fn io_error<E: std::error::Error + Send + Sync + 'static>(e: E) -> io::Error {
    let boxed: Box<dyn std::error::Error + Send + Sync> = Box::new(e);
    match boxed.downcast::<io::Error>() {
        Ok(e) => *e,
        Err(other) => io::Error::other(other),
    }
}

/// Runs the explorer on `terminal` until `q` (or `stop` holds a signal).
pub fn run<B, E, P>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    workers: Workers<'_>,
    (events, probe): (&mut E, &mut P),
    stop: &AtomicI32,
    timing: Timing,
) -> io::Result<()>
where
    B: Backend,
    B::Error: Send + Sync + 'static,
    E: Events,
    P: Probe,
{
    let size = terminal.size().map_err(io_error)?;
    app.update(Action::Resize(size.width, size.height));
    let mut dirty = true;
    let mut queued: Vec<Job> = Vec::new();
    let mut sobol_queued: Option<SobolJob> = None;
    // The ranking sent and not yet answered.
    let mut sobol_sent: Option<SobolJob> = None;
    let mut last_input: Option<Instant> = None;
    let quiet_for = |last: Option<Instant>| last.map_or(Duration::MAX, |t| t.elapsed());
    // Hot reload: the watcher re-reads saved files on its own thread; the loop applies them.
    let mut watcher =
        watch::Watcher::spawn(&app.data.entries, &app.data.roots).unwrap_or_else(|e| {
            app.update(Action::WatchFailed(format!(
                "not watching the files for changes: {e}"
            )));
            None
        });
    // Entries the watcher knows of; a scenario saved with `w` joins the picker and is watched.
    let mut watched = app.data.entries.len();
    loop {
        for job in app.take_jobs() {
            queued.retain(|j| j.slot != job.slot);
            queued.push(job);
        }
        if let Some(job) = app.take_sobol_job() {
            sobol_queued = Some(job);
        }
        // Held until input has been quiet for `timing.hold` (none by default). The worker
        // keeps only the newest request a slot, the current state's first.
        let quiet = quiet_for(last_input) >= timing.hold;
        if quiet && !queued.is_empty() {
            queued.sort_by_key(|j| j.slot != Slot::Current);
            for job in queued.drain(..) {
                workers.monte_carlo.send(job);
            }
            // The bands come first: a ranking under way stops, and is sent again after them
            // if the panel still waits for it.
            if let Some(mut job) = sobol_sent.take() {
                workers.sobol.interrupt();
                if sobol_queued.is_none() && awaits(app, &job) {
                    // A tornado already in is not computed again.
                    job.tornado = app.data.sweep.as_ref().is_some_and(|s| s.swings.is_none());
                    sobol_queued = Some(job);
                }
            }
        }
        // The Sobol ranking (a few hundred ms of every core) starts once the bands are in:
        // beside the Monte Carlo, on two cores it would halve the bands' speed.
        if quiet
            && queued.is_empty()
            && !app.pending()
            && let Some(job) = sobol_queued.take()
        {
            workers.sobol.send(job.clone());
            sobol_sent = Some(job);
        }
        // The compare view asks once when it opens (or a row's inputs change): no held key
        // repeats it, so it goes at once.
        if let Some(job) = app.take_compare_job() {
            workers.compare.send(job);
        }
        if dirty {
            terminal.draw(|f| view::render(app, f)).map_err(io_error)?;
            dirty = false;
            probe.frame(app);
        }
        if app.ui.quit || stop.load(Ordering::Relaxed) != 0 {
            return Ok(());
        }
        let timeout = if !queued.is_empty() {
            // Wake when the hold ends, to send the requests.
            timing
                .hold
                .saturating_sub(quiet_for(last_input))
                .max(Duration::from_micros(100))
        } else if app.pending() {
            // Bands awaited: look for them often, so they show as soon as they are in.
            timing.wait
        } else if sobol_queued.is_some() || app.sobol_pending() || app.compare_pending() {
            Duration::from_millis(5)
        } else if watcher.is_some() {
            // A save shows within 200 ms: debounce, then at most one poll.
            watch::POLL
        } else {
            Duration::from_millis(100)
        };
        if events.poll(timeout)? {
            let batch_start = Instant::now();
            for _ in 0..BATCH {
                let ev = events.read()?;
                if let Some(action) = input::translate(app, &ev) {
                    if input::is_key(&ev) {
                        probe.key();
                    }
                    app.update(action);
                    last_input = Some(Instant::now());
                    dirty = true;
                }
                if matches!(ev, Event::Resize(..)) {
                    dirty = true;
                }
                if app.ui.quit
                    || batch_start.elapsed() > BATCH_TIME
                    || !events.poll(Duration::ZERO)?
                {
                    break;
                }
            }
        }
        while let Some(done) = workers.monte_carlo.try_recv() {
            let before = bands_in(app);
            app.update(Action::Computed(done));
            // A stale run changes nothing on screen: no redraw for it.
            dirty |= bands_in(app) != before;
        }
        while let Some(done) = workers.sobol.try_recv() {
            let answers = |j: &Option<SobolJob>| {
                j.as_ref().is_some_and(|j| {
                    (j.generation, j.metric, j.year) == (done.generation, done.metric, done.year)
                })
            };
            // The tornado comes first; a request is done with its ranking.
            let last = matches!(done.answer, Answer::Ranking(_));
            if last && answers(&sobol_sent) {
                sobol_sent = None;
            }
            if last && answers(&sobol_queued) {
                // It finished just before it was stopped: no need to run it again.
                sobol_queued = None;
            }
            app.update(Action::SobolComputed(done));
            dirty = true;
        }
        while let Some(done) = workers.compare.try_recv() {
            app.update(Action::CompareComputed(done));
            dirty = true;
        }
        if let Err(e) = watch::follow(
            &mut watcher,
            &app.data.entries,
            &app.data.roots,
            &mut watched,
        ) {
            app.update(Action::WatchFailed(format!(
                "not watching the saved file for changes: {}",
                crate::diag::sanitize(&e.to_string())
            )));
            dirty = true;
        }
        if let Some(w) = &mut watcher
            && watch::pump(app, w)
        {
            dirty = true;
        }
    }
}
