//! The explorer's latency at its default 10,000 samples (issue 14): the binary's own event
//! loop (`tui::event_loop::run`), the real App, views and worker threads, drawing into a
//! ratatui `TestBackend` and fed keys by a script at a user's pace. Prints, per screen size,
//! key-to-frame and key-to-bands (p50, p99, worst), then start to bands. Not a criterion
//! benchmark: the figures are distributions over hundreds of keys, not one mean.
//!
//! `cargo bench --bench explorer` (about three minutes). Environment: `KEYS` (keys a size,
//! default 300), `BURSTS` (held-key bursts, default 200), `HOLD_MS` (the loop's Monte Carlo
//! hold, default the binary's), `SIZES` (e.g. `120x40`), `STARTS` (default 15).
//! Figures and their commands are in docs/performance.md ("Explorer at 10,000 samples").

use std::cell::RefCell;
use std::collections::VecDeque;
use std::io;
use std::rc::Rc;
use std::sync::atomic::AtomicI32;
use std::time::{Duration, Instant};

use chipcast::scenario::story::Panel;
use chipcast::tui::app::{App, Settings};
use chipcast::tui::event_loop::{self, Events, Probe, Timing, Workers};
use chipcast::tui::sobol::SobolWorker;
use chipcast::tui::theme::Theme;
use chipcast::tui::worker::Worker;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// One key the script sends, and after how long a pause.
struct Planned {
    after: Duration,
    key: KeyCode,
    /// The last key before a pause: its bands are timed.
    last: bool,
}

/// A frame drawn: when, how many keys had been read, and the state's bands.
struct Frame {
    at: Instant,
    keys_read: usize,
    generation: u64,
    bands: bool,
    panel: Panel,
}

#[derive(Default)]
struct Log {
    /// When the bands of the opening state were first drawn (the script starts then).
    ready: Option<Instant>,
    /// Each key's due time (when a user would have pressed it).
    keys: Vec<Instant>,
    frames: Vec<Frame>,
    /// Quit once the opening bands are in (the start-up measurement).
    quit_when_ready: bool,
}

/// The key source: the plan's keys at their times, counted from the opening bands.
struct Script {
    plan: VecDeque<Planned>,
    next_due: Option<Instant>,
    log: Rc<RefCell<Log>>,
    quit_sent: bool,
}

impl Script {
    fn due(&mut self) -> Option<Instant> {
        if self.next_due.is_none() {
            let ready = self.log.borrow().ready?;
            let after = self
                .plan
                .front()
                .map_or(Duration::from_millis(300), |p| p.after);
            self.next_due = Some(ready.max(Instant::now()) + after);
        }
        self.next_due
    }
}

impl Events for Script {
    fn poll(&mut self, timeout: Duration) -> io::Result<bool> {
        if self.log.borrow().quit_when_ready && self.log.borrow().ready.is_some() {
            return Ok(true);
        }
        let Some(due) = self.due() else {
            std::thread::sleep(timeout);
            return Ok(false);
        };
        let now = Instant::now();
        if due <= now {
            return Ok(true);
        }
        if due <= now + timeout {
            std::thread::sleep(due - now);
            return Ok(true);
        }
        std::thread::sleep(timeout);
        Ok(false)
    }

    fn read(&mut self) -> io::Result<Event> {
        let press = |code| Ok(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
        let Some(p) = self.plan.pop_front() else {
            self.quit_sent = true;
            return press(KeyCode::Char('q'));
        };
        let due = self.next_due.take().expect("read after poll");
        self.log.borrow_mut().keys.push(due);
        let after = self
            .plan
            .front()
            .map_or(Duration::from_millis(400), |n| n.after);
        self.next_due = Some(due + after);
        press(p.key)
    }
}

struct Recorder(Rc<RefCell<Log>>);

impl Probe for Recorder {
    fn frame(&mut self, app: &App) {
        let mut log = self.0.borrow_mut();
        let bands = app.data().now.mc.is_some();
        if log.ready.is_none() && !app.pending() {
            log.ready = Some(Instant::now());
        }
        let keys_read = log.keys.len();
        log.frames.push(Frame {
            at: Instant::now(),
            keys_read,
            generation: app.data().now.generation,
            bands,
            panel: app.ui().panel,
        });
    }
}

/// A small deterministic generator for the key mix.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

/// A user's mix, one key every `gap`: lever steps, toggles, year changes, panel switches,
/// lever moves.
fn user_plan(n: usize, gap: Duration, seed: u64) -> VecDeque<Planned> {
    let mut rng = Lcg(seed);
    (0..n)
        .map(|_| {
            let key = match rng.below(100) {
                0..=19 => KeyCode::Right,
                20..=39 => KeyCode::Left,
                40..=49 => KeyCode::Char(' '),
                50..=54 => KeyCode::Char('['),
                55..=59 => KeyCode::Char(']'),
                60..=69 => KeyCode::Char(char::from(b'1' + rng.below(6) as u8)),
                70..=84 => KeyCode::Down,
                _ => KeyCode::Up,
            };
            Planned {
                after: gap,
                key,
                last: true,
            }
        })
        .collect()
}

/// A held key: `bursts` runs of `len` steps `gap` apart, each after `pause`; a lever move or
/// a panel switch now and then so the steps do not all stop at a range's end.
fn burst_plan(bursts: usize, len: usize, gap: Duration, pause: Duration) -> VecDeque<Planned> {
    let mut rng = Lcg(7);
    let mut plan = VecDeque::new();
    for _ in 0..bursts {
        if rng.below(4) == 0 {
            plan.push_back(Planned {
                after: pause,
                key: if rng.below(2) == 0 {
                    KeyCode::Down
                } else {
                    KeyCode::Char(char::from(b'1' + rng.below(6) as u8))
                },
                last: false,
            });
        }
        let key = if rng.below(2) == 0 {
            KeyCode::Right
        } else {
            KeyCode::Left
        };
        for i in 0..len {
            plan.push_back(Planned {
                after: if i == 0 { pause } else { gap },
                key,
                last: i + 1 == len,
            });
        }
    }
    plan
}

fn new_app() -> App {
    let entries = chipcast::tui::load_entries(&[]).expect("bundled scenarios");
    App::new(entries, Settings::default(), Theme::COLOR).expect("a valid scenario")
}

/// Runs the loop over `plan` on a `w`×`h` screen; the log of keys and frames.
fn drive(app: App, (w, h): (u16, u16), plan: VecDeque<Planned>, timing: Timing) -> Log {
    let mut app = app;
    let monte_carlo = Worker::spawn().expect("thread");
    let sobol = SobolWorker::spawn().expect("thread");
    let compare = chipcast::tui::compare::CompareWorker::spawn().expect("thread");
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("backend");
    let log = Rc::new(RefCell::new(Log::default()));
    let mut script = Script {
        plan,
        next_due: None,
        log: log.clone(),
        quit_sent: false,
    };
    let mut recorder = Recorder(log.clone());
    let stop = AtomicI32::new(0);
    event_loop::run(
        &mut terminal,
        &mut app,
        Workers {
            monte_carlo: &monte_carlo,
            sobol: &sobol,
            compare: &compare,
        },
        (&mut script, &mut recorder),
        &stop,
        timing,
    )
    .expect("the loop");
    assert!(script.quit_sent || log.borrow().quit_when_ready);
    drop(recorder);
    drop(script);
    Rc::try_unwrap(log).ok().expect("one owner").into_inner()
}

/// Times in ms, sorted.
struct Figures(Vec<f64>);

impl Figures {
    fn new(mut v: Vec<f64>) -> Figures {
        v.sort_by(f64::total_cmp);
        Figures(v)
    }

    /// Nearest-rank percentile.
    fn p(&self, q: f64) -> f64 {
        let n = self.0.len();
        if n == 0 {
            return f64::NAN;
        }
        let rank = ((q * n as f64).ceil() as usize).clamp(1, n);
        self.0[rank - 1]
    }

    fn row(&self, what: &str, size: &str) -> String {
        format!(
            "| {what} | {size} | {} | {:.2} | {:.2} | {:.2} | {} |",
            self.0.len(),
            self.p(0.5),
            self.p(0.99),
            self.0.last().copied().unwrap_or(f64::NAN),
            self.0.iter().filter(|&&x| x > 50.0).count()
        )
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// Key-to-frame of every key; key-to-bands of each timed key whose step changed the state,
/// split by whether the Sensitivity panel (and so the Sobol thread) was shown; and how many
/// timed keys were followed by another key before their bands came.
struct Measured {
    to_frame: Vec<f64>,
    to_bands: Vec<f64>,
    to_bands_sensitivity: Vec<f64>,
    overtaken: usize,
}

fn measure(log: &Log, last: &[bool]) -> Measured {
    let mut m = Measured {
        to_frame: Vec::new(),
        to_bands: Vec::new(),
        to_bands_sensitivity: Vec::new(),
        overtaken: 0,
    };
    for (i, due) in log.keys.iter().enumerate() {
        // The first frame drawn after this key was applied.
        let Some(k) = log.frames.iter().position(|f| f.keys_read > i) else {
            continue;
        };
        let frame = &log.frames[k];
        m.to_frame.push(ms(frame.at - *due));
        if !last[i] {
            continue;
        }
        // Did the key change the state (a new Monte Carlo)? Compare with the frame before.
        let before = log.frames[..k]
            .iter()
            .rev()
            .find(|f| f.keys_read <= i)
            .map(|f| f.generation);
        if before == Some(frame.generation) {
            continue;
        }
        match log.frames[k..]
            .iter()
            .take_while(|f| f.keys_read == i + 1)
            .find(|f| f.bands)
        {
            Some(f) => {
                let t = ms(f.at - *due);
                if f.panel == Panel::Sensitivity {
                    m.to_bands_sensitivity.push(t);
                } else {
                    m.to_bands.push(t);
                }
            }
            None => m.overtaken += 1,
        }
    }
    m
}

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() {
    let keys: usize = env_or("KEYS", 300);
    let bursts: usize = env_or("BURSTS", 200);
    let starts: usize = env_or("STARTS", 15);
    let mut timing = Timing::default();
    if let Some(h) = std::env::var("HOLD_MS").ok().and_then(|v| v.parse().ok()) {
        timing.hold = Duration::from_millis(h);
    }
    let sizes: Vec<(u16, u16)> = std::env::var("SIZES")
        .unwrap_or_else(|_| "80x24,120x40,200x60".into())
        .split(',')
        .filter_map(|s| {
            let (w, h) = s.split_once('x')?;
            Some((w.parse().ok()?, h.parse().ok()?))
        })
        .collect();
    println!(
        "explorer at {} samples, hold {} ms, {} cores",
        Settings::default().samples,
        timing.hold.as_millis(),
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    println!("| figure | size | n | p50 ms | p99 ms | worst ms | over 50 ms |");
    println!("|---|---|---|---|---|---|---|");
    for &(w, h) in &sizes {
        let size = format!("{w}×{h}");
        let plan = user_plan(keys, Duration::from_millis(100), 1);
        let last: Vec<bool> = plan.iter().map(|p| p.last).collect();
        let m = measure(&drive(new_app(), (w, h), plan, timing), &last);
        println!(
            "{}",
            Figures::new(m.to_frame).row("key to frame, a key every 100 ms", &size)
        );
        println!(
            "{}",
            Figures::new(m.to_bands).row("key to bands, a key every 100 ms (panels 1–5)", &size)
        );
        println!(
            "{}",
            Figures::new(m.to_bands_sensitivity).row(
                "key to bands, a key every 100 ms (Sensitivity panel)",
                &size
            )
        );
        if m.overtaken > 0 {
            println!(
                "| keys whose bands came after the next key | {size} | {} | | | | |",
                m.overtaken
            );
        }
        if bursts > 0 {
            let plan = burst_plan(
                bursts,
                5,
                Duration::from_millis(30),
                Duration::from_millis(250),
            );
            let last: Vec<bool> = plan.iter().map(|p| p.last).collect();
            let m = measure(&drive(new_app(), (w, h), plan, timing), &last);
            println!(
                "{}",
                Figures::new(m.to_frame).row("key to frame, held key (every 30 ms)", &size)
            );
            let mut all = m.to_bands;
            all.extend(m.to_bands_sensitivity);
            println!(
                "{}",
                Figures::new(all).row("last key of a held-key burst to bands", &size)
            );
            if m.overtaken > 0 {
                println!(
                    "| bursts whose bands came after the next key | {size} | {} | | | | |",
                    m.overtaken
                );
            }
        }
    }
    let mut start = Vec::new();
    for _ in 0..starts {
        let t0 = Instant::now();
        let app = new_app();
        let log = {
            // Quit as soon as the opening bands are drawn.
            let mut app = app;
            let monte_carlo = Worker::spawn().expect("thread");
            let sobol = SobolWorker::spawn().expect("thread");
            let compare = chipcast::tui::compare::CompareWorker::spawn().expect("thread");
            let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("backend");
            let log = Rc::new(RefCell::new(Log {
                quit_when_ready: true,
                ..Log::default()
            }));
            let mut script = Script {
                plan: VecDeque::new(),
                next_due: None,
                log: log.clone(),
                quit_sent: false,
            };
            event_loop::run(
                &mut terminal,
                &mut app,
                Workers {
                    monte_carlo: &monte_carlo,
                    sobol: &sobol,
                    compare: &compare,
                },
                (&mut script, &mut Recorder(log.clone())),
                &AtomicI32::new(0),
                timing,
            )
            .expect("the loop");
            log
        };
        let ready = log.borrow().ready.expect("bands");
        start.push(ms(ready - t0));
    }
    println!(
        "{}",
        Figures::new(start).row(
            "start to bands (load, App::new, first frame with bands)",
            "120×40"
        )
    );
}
