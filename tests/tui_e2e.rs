//! End to end: the real binary in a pseudo-terminal. Keys are typed, the screen is read back
//! through a terminal parser (vt100), and the figures on screen and the terminal's state after
//! exit are checked.

use std::io::{Read, Write};
use std::process::Command;
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

const BIN: &str = env!("CARGO_BIN_EXE_chipcast");

struct Session {
    parser: vt100::Parser,
    raw: Vec<u8>,
    rx: Receiver<Vec<u8>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    _master: Box<dyn MasterPty + Send>,
}

impl Session {
    fn start(args: &[&str], cols: u16, rows: u16) -> Session {
        let pty = native_pty_system();
        let pair = pty
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pty");
        let mut cmd = CommandBuilder::new(BIN);
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        let child = pair.slave.spawn_command(cmd).expect("chipcast starts");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        Session {
            parser: vt100::Parser::new(rows, cols, 0),
            raw: Vec::new(),
            rx,
            writer,
            child,
            _master: pair.master,
        }
    }

    fn pump(&mut self, wait: Duration) {
        if let Ok(bytes) = self.rx.recv_timeout(wait) {
            self.parser.process(&bytes);
            self.raw.extend_from_slice(&bytes);
        }
        while let Ok(bytes) = self.rx.try_recv() {
            self.parser.process(&bytes);
            self.raw.extend_from_slice(&bytes);
        }
    }

    fn screen(&self) -> String {
        self.parser.screen().contents()
    }

    /// Reads output until none has come for 50 ms (at most 1 s), so that a frame the
    /// program was writing is on the screen whole.
    fn quiet(&mut self) {
        let until = Instant::now() + Duration::from_secs(1);
        while Instant::now() < until {
            match self.rx.recv_timeout(Duration::from_millis(50)) {
                Ok(bytes) => {
                    self.parser.process(&bytes);
                    self.raw.extend_from_slice(&bytes);
                }
                Err(_) => return,
            }
        }
    }

    /// Waits until the screen satisfies `ok`, failing with the screen after 30 s. The screen
    /// returned is the one after output has gone quiet, and it still satisfies `ok`: the
    /// reader can hand over half a frame, and a check made on the first screen that matched
    /// saw an overlay's top line above the panel it was covering.
    fn wait_for(&mut self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if ok(&self.screen()) {
                self.quiet();
                let s = self.screen();
                if ok(&s) {
                    return s;
                }
            }
            let s = self.screen();
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}; screen:\n{s}"
            );
            self.pump(Duration::from_millis(50));
        }
    }

    /// Waits for the screen to show `needle` with the Monte Carlo bands in.
    fn settled(&mut self, what: &str, needle: &str) -> String {
        self.wait_for(what, |s| s.contains(needle) && !s.contains("bands…"))
    }

    fn keys(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    fn exit(&mut self) -> portable_pty::ExitStatus {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            self.pump(Duration::from_millis(20));
            if let Some(status) = self.child.try_wait().unwrap() {
                self.pump(Duration::from_millis(100));
                return status;
            }
            assert!(
                Instant::now() < deadline,
                "chipcast did not exit; screen:\n{}",
                self.screen()
            );
        }
    }

    fn assert_restored(&self) {
        assert!(
            !self.parser.screen().alternate_screen(),
            "the alternate screen was left"
        );
        let raw = String::from_utf8_lossy(&self.raw);
        assert!(
            raw.contains("\x1b[?1049l"),
            "leave-alternate-screen was sent"
        );
        assert!(
            raw.contains("\x1b[?1000l"),
            "mouse capture was switched off"
        );
    }
}

/// The KPI strip's value row: the line that starts with "vs file" or "vs pinned".
fn kpi_row(screen: &str) -> String {
    screen
        .lines()
        .find(|l| l.trim_start().starts_with("vs "))
        .unwrap_or_default()
        .to_string()
}

#[test]
fn toggle_switch_pin_undo_and_quit() {
    let mut s = Session::start(&[], 120, 40);
    let start = s.settled("the first frame", "Domestic accel.");
    assert!(start.contains("Baseline"), "{start}");
    let before = kpi_row(&start);
    assert!(
        before.contains('='),
        "no change against the file yet: {before}"
    );

    // euv_access is the first lever (selected at the start): toggle it on. (hbm_controls,
    // toggled here before, binds from 2025 anyway and now moves 2028 by too little to show.)
    s.keys(" ");
    let toggled = s.settled("the toggle", "● 1 changed");
    assert!(toggled.contains("euv_access = true"), "{toggled}");
    let after = kpi_row(&toggled);
    assert_ne!(before, after, "the headline figures follow the toggle");
    assert!(
        after.contains('▼') || after.contains('▲'),
        "a change against the file is shown: {after}"
    );

    // Switch panel, pin the current state.
    s.keys("3");
    s.settled("the supply panel", "New accelerators by source");
    s.keys("p");
    let pinned = s.settled("the pin", "┄ pinned: Baseline");
    assert!(
        kpi_row(&pinned).contains('='),
        "pinned = current: no difference"
    );

    // Undo the toggle: the pin stays, the figures now differ from it.
    s.keys("u");
    let undone = s.wait_for("the undo", |x| {
        x.contains("undid euv_access true from 2028")
            && !x.contains("● 1 changed")
            && !x.contains("bands…")
    });
    assert!(undone.contains("euv_access = false"), "{undone}");
    let vs_pinned = kpi_row(&undone);
    assert!(
        vs_pinned.contains("vs pinned") && (vs_pinned.contains('▲') || vs_pinned.contains('▼')),
        "{vs_pinned}"
    );

    s.keys("q");
    let status = s.exit();
    assert!(status.success(), "{status:?}");
    s.assert_restored();
}

/// SIGTERM, SIGHUP and SIGINT restore the terminal and exit with 128 + the signal (143, 129,
/// 130), as shells expect, not 0.
#[test]
fn signals_restore_the_terminal_and_exit_128_plus_the_signal() {
    for (signal, code) in [("TERM", 143), ("HUP", 129), ("INT", 130)] {
        let mut s = Session::start(&[], 100, 30);
        s.settled("the first frame", "Domestic");
        let pid = s.child.process_id().expect("a pid");
        let killed = Command::new("kill")
            .args([format!("-{signal}"), pid.to_string()])
            .status()
            .unwrap();
        assert!(killed.success());
        let status = s.exit();
        assert_eq!(status.exit_code(), code, "after SIG{signal}");
        s.assert_restored();
    }
}

#[test]
fn a_bad_path_prints_diagnostics_and_leaves_the_terminal_alone() {
    let out = Command::new(BIN)
        .arg("no/such/scenario.ron")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        out.stdout.is_empty(),
        "nothing on stdout, no terminal set-up"
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no/such/scenario.ron") && err.contains("no such file"),
        "{err}"
    );

    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("bad.ron"),
        "Scenario(version: 1, name: \"B\", levers: (euv_acess: true))",
    )
    .unwrap();
    let out = Command::new(BIN).arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("euv_acess") && err.contains("no valid scenario"),
        "{err}"
    );
}

#[test]
fn broken_files_are_listed_in_the_picker() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("good.ron"),
        "Scenario(version: 1, name: \"Mine\", extends: \"bundled:hardline\")",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("typo.ron"),
        "Scenario(version: 1, name: \"T\", levers: (euv_acess: true))",
    )
    .unwrap();
    let mut s = Session::start(&[dir.path().to_str().unwrap()], 120, 40);
    s.settled("the first frame", "Mine");
    s.keys("s");
    let picker = s.wait_for("the picker", |x| x.contains("Scenarios"));
    assert!(
        picker.contains("typo.ron") && picker.contains("1 problem"),
        "{picker}"
    );
    assert!(
        picker.contains("euv_acess"),
        "the diagnostic is shown: {picker}"
    );
    s.keys("q");
    assert!(s.exit().success());
    s.assert_restored();
}

/// A bundled scenario's name opens the explorer on it, as every subcommand takes it
/// (issue 14: `chipcast hardline` said "no such file or folder").
#[test]
fn a_bundled_name_opens_the_explorer_on_it() {
    for arg in ["hardline", "bundled:hardline"] {
        let mut s = Session::start(&[arg], 80, 24);
        let first = s.settled("the first frame", "Hardline");
        assert!(first.contains("Hardline"), "{arg}: {first}");
        s.keys("q");
        assert!(s.exit().success());
        s.assert_restored();
    }
}

/// Issue 14 in the real binary at 80×24, 120×40 and 200×60: an edit from the selected year,
/// explain (`x`), compare (`c`), the panel in words (`d`), the Sensitivity panel on the
/// headline's basis (`6`) and the observations on the Output panel, then a clean exit.
#[test]
fn the_explorer_v2_views_at_three_sizes() {
    for (w, h) in [(80, 24), (120, 40), (200, 60)] {
        let mut s = Session::start(&["--samples", "300"], w, h);
        s.settled("the first frame", "Domestic");
        // hub_enforcement is the ninth lever: from the selected year + 2, one step up.
        s.keys("]]");
        s.keys(&"j".repeat(8));
        s.keys("l");
        let edited = s.wait_for("the edit", |x| {
            x.contains("hub_enforcement = ") && x.contains("● 1 changed") && !x.contains("bands…")
        });
        assert!(
            edited.contains(" from 20"),
            "{w}x{h}: the edit's year\n{edited}"
        );
        // The lever panel marks it.
        assert!(edited.contains('●'), "{w}x{h}\n{edited}");

        s.keys("x");
        let x = s.wait_for("explain", |x| x.contains("Explain:"));
        assert!(x.contains("central run"), "{w}x{h}\n{x}");
        s.keys("\x1b");
        s.wait_for("explain closed", |x| !x.contains("Explain:"));

        s.keys("c");
        let c = s.wait_for("compare rows", |x| {
            x.contains("Compare scenarios") && x.contains("Hardline") && !x.contains("computing")
        });
        assert!(c.contains("ref"), "{w}x{h}: the reference row\n{c}");
        s.keys("\x1b");
        s.wait_for("compare closed", |x| !x.contains("Compare scenarios"));

        s.keys("d");
        let d = s.wait_for("the words", |x| x.contains("The panel in words"));
        assert!(d.contains("Domestic accelerators"), "{w}x{h}\n{d}");
        s.keys("\x1b");
        s.wait_for("words closed", |x| !x.contains("The panel in words"));

        s.keys("6");
        let six = s.wait_for("the tornado", |x| x.contains("= p50 of 300 samples"));
        assert!(six.contains("What moves"), "{w}x{h}\n{six}");

        s.keys("1");
        // The Output panel, with the observations drawn (the baseline's 2024 figures).
        s.wait_for("the output panel with observations", |x| {
            !x.contains("What moves") && x.contains('×') && !x.contains("bands…")
        });

        s.keys("q");
        assert!(s.exit().success(), "{w}x{h}");
        s.assert_restored();
    }
}

/// A demo recorded in the real binary (`o`, an edit from a year, `o`) plays back with
/// `chipcast present`: the recorded step's caption, and the same p10–p90 band for domestic
/// output as the explorer's KPI row showed while recording.
#[test]
fn a_demo_recorded_in_the_terminal_plays_back_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let mine = dir.path().join("mine.ron");
    std::fs::write(
        &mine,
        "Scenario(version: 1, name: \"Mine\", extends: \"bundled:baseline\")\n",
    )
    .unwrap();
    let mut s = Session::start(&["--samples", "200", mine.to_str().unwrap()], 120, 40);
    s.settled("the first frame", "Mine");
    s.keys("o");
    s.wait_for("recording", |x| x.contains("● REC 0"));
    s.keys("[");
    s.keys(&"j".repeat(8));
    s.keys("l");
    let live = s.wait_for("two steps with their bands", |x| {
        let band_row = x
            .lines()
            .skip_while(|l| !l.trim_start().starts_with("vs "))
            .nth(1)
            .is_some_and(|l| !l.trim().is_empty());
        x.contains("● REC 2") && !x.contains("bands…") && !x.contains("computing") && band_row
    });
    // The band under domestic output in the KPI strip: the line after "vs file".
    let lines: Vec<&str> = live.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.trim_start().starts_with("vs "))
        .unwrap_or_else(|| panic!("no KPI row:\n{live}"));
    let band = lines[at + 1]
        .split_whitespace()
        .next()
        .unwrap_or_else(|| panic!("no band row:\n{live}"))
        .to_string();
    s.keys("o");
    s.wait_for("the demo written", |x| x.contains("recorded 2 steps"));
    s.keys("q");
    assert!(s.exit().success());
    s.assert_restored();

    let demo = dir.path().join("mine-demo-1.ron");
    let mut p = Session::start(
        &[
            "present",
            demo.to_str().unwrap(),
            "--samples",
            "200",
            "--step",
            "2",
        ],
        120,
        40,
    );
    let shown = p.wait_for("the second step", |x| x.contains("2/2"));
    assert!(
        shown.contains("hub_enforcement 0.4 → 0.5 from 2027"),
        "{shown}"
    );
    assert!(shown.contains(&band), "the live band {band}:\n{shown}");
    p.keys("q");
    assert!(p.exit().success());
    p.assert_restored();
}
