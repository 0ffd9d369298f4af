//! The explorer's compare view (`c`, issue 14 item 5) drawn into a `TestBackend` at 80×24,
//! 120×40 and 200×60, driven by actions: its cells equal `chipcast compare --format json` for
//! the same year, samples and seed; a row above the reference is drawn in the "up" style and one
//! below in the "down" style; Enter opens the selected scenario (asking first when lever
//! changes would be dropped); the explorer's edits apply to the open row only; rows are
//! computed off the input path (jobs for the worker, "computing…" until they arrive) and cached.

use assert_cmd::Command;
use chipcast::model::levers::LeverId;
use chipcast::model::metrics::{HEADLINE, MetricId};
use chipcast::model::scenario::{Dist, Overrides};
use chipcast::output::format::value;
use chipcast::tui::action::Action;
use chipcast::tui::app::{App, Mode, Settings};
use chipcast::tui::theme::Theme;
use chipcast::tui::{compare, load_entries, view, worker};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

const SAMPLES: usize = 200;
const SEED: u64 = 42;

fn app_with(inline: bool) -> App {
    let entries = load_entries(&[]).expect("bundled scenarios load");
    App::new(
        entries,
        Settings {
            samples: SAMPLES,
            seed: SEED,
            inline,
        },
        Theme::COLOR,
    )
    .expect("a valid scenario")
}

fn app() -> App {
    app_with(true)
}

fn draw(app: &mut App, w: u16, h: u16) -> Buffer {
    app.update(Action::Resize(w, h));
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| view::render(app, f)).unwrap();
    t.backend().buffer().clone()
}

fn text(buf: &Buffer) -> String {
    let mut s = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            s.push_str(buf[(x, y)].symbol());
        }
        s.push('\n');
    }
    s
}

fn lines(buf: &Buffer) -> Vec<String> {
    text(buf).lines().map(str::to_string).collect()
}

fn two_changes() -> Overrides {
    [
        (LeverId::StateInvestment, Dist::Fixed(40.0)),
        (LeverId::PackagingGrowth, Dist::Fixed(0.1)),
    ]
    .into_iter()
    .collect()
}

#[test]
fn the_view_at_three_sizes() {
    for (w, h) in [(80, 24), (120, 40), (200, 60)] {
        let mut a = app();
        a.update(Action::OpenCompare);
        assert!(matches!(a.ui().mode, Mode::Compare(_)));
        let buf = draw(&mut a, w, h);
        let screen = text(&buf);
        assert!(screen.contains("Compare scenarios"), "{w}x{h}\n{screen}");
        assert!(screen.contains("Baseline"), "{w}x{h}\n{screen}");
        assert!(!screen.contains("computing…"), "{w}x{h}\n{screen}");
        // At 80 columns not every KPI fits: the title says how many are hidden.
        assert_eq!(screen.contains("more →"), w < 100, "{w}x{h}\n{screen}");
        insta::assert_snapshot!(format!("compare_{w}x{h}"), screen);
    }
    // With edits, and scrolled to the last columns at 80×24.
    let mut a = app();
    a.update(Action::SetLevers(two_changes()));
    a.update(Action::OpenCompare);
    a.update(Action::Resize(80, 24));
    for _ in 0..5 {
        a.update(Action::CompareColumn(1));
    }
    let screen = text(&draw(&mut a, 80, 24));
    assert!(screen.contains("← 2 more"), "{screen}");
    assert!(screen.contains("Gap US/CN"), "{screen}");
    assert!(
        screen.contains("your 2 lever changes apply to this row only"),
        "{screen}"
    );
    insta::assert_snapshot!("compare_edits_scrolled_80x24", screen);
}

/// Each cell is `chipcast compare`'s p10, p50 and p90 for the same year, samples and seed,
/// and the screen shows its p50.
#[test]
fn cells_equal_chipcast_compare() {
    let mut a = app();
    a.update(Action::OpenCompare);
    let year = a.ui().year;
    let out = Command::cargo_bin("chipcast")
        .unwrap()
        .args(["compare", "--year", &year.to_string()])
        .args([
            "--samples",
            &SAMPLES.to_string(),
            "--seed",
            &SEED.to_string(),
        ])
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let scenarios = doc["scenarios"].as_array().unwrap();
    let screen = text(&draw(&mut a, 200, 60));
    let m = a.matrix();
    assert_eq!(m.rows.len(), scenarios.len());
    assert_eq!(m.rows[m.reference].name, "Baseline");
    for (i, s) in scenarios.iter().enumerate() {
        let full = s["scenario"].as_str().unwrap();
        assert!(full.starts_with(&m.rows[i].name), "{full}");
        for metric in HEADLINE {
            let j = &s["metrics"][metric.key()];
            let cell = m.cell(i, metric, year).expect("computed");
            let cli = [
                j["p10"].as_f64().unwrap(),
                j["p50"].as_f64().unwrap(),
                j["p90"].as_f64().unwrap(),
            ];
            assert_eq!(cell, cli, "{full} {}", metric.key());
            let p50 = value(metric.metric().scale, cli[1]);
            assert!(screen.contains(&p50), "{p50} of {full}\n{screen}");
        }
    }
}

/// The first cell on the screen line of a row (found by its name) that starts with `needle`.
fn find(buf: &Buffer, name: &str, needle: &str) -> (u16, u16) {
    let ls = lines(buf);
    let y = ls
        .iter()
        .position(|l| l.contains(&format!(" {name} ")) && l.contains(needle))
        .unwrap_or_else(|| panic!("no {needle} on the {name} row\n{}", text(buf)));
    let chars: Vec<String> = (0..buf.area.width)
        .map(|x| buf[(x, y as u16)].symbol().to_string())
        .collect();
    let n: Vec<String> = needle.chars().map(|c| c.to_string()).collect();
    let x = (0..chars.len().saturating_sub(n.len()))
        .find(|&x| chars[x..x + n.len()] == n[..])
        .unwrap_or_else(|| panic!("no {needle} on the {name} row\n{}", text(buf)));
    (x as u16, y as u16)
}

#[test]
fn higher_and_lower_rows_are_shaded() {
    let mut a = app();
    a.update(Action::OpenCompare);
    let buf = draw(&mut a, 200, 60);
    let year = a.ui().year;
    let m = a.matrix();
    let metric = MetricId::Domestic;
    let scale = metric.metric().scale;
    let reference = m.cell(m.reference, metric, year).unwrap()[1];
    let (mut higher, mut lower) = (None, None);
    for (i, row) in m.rows.iter().enumerate() {
        let p50 = m.cell(i, metric, year).unwrap()[1];
        if p50 > reference * 1.001 {
            higher = Some((row.name.clone(), p50));
        } else if p50 < reference * 0.999 {
            lower = Some((row.name.clone(), p50));
        }
    }
    let (up_name, up) = higher.expect("a scenario above the baseline");
    let (down_name, down) = lower.expect("a scenario below the baseline");
    let (x, y) = find(&buf, &up_name, &format!("{} ▲", value(scale, up)));
    assert_eq!(buf[(x, y)].fg, Theme::COLOR.up().fg.unwrap(), "{up_name}");
    let (x, y) = find(&buf, &down_name, &format!("{} ▼", value(scale, down)));
    assert_eq!(
        buf[(x, y)].fg,
        Theme::COLOR.down().fg.unwrap(),
        "{down_name}"
    );
    assert_ne!(Theme::COLOR.up().fg, Theme::COLOR.down().fg);
    // The reference row says so.
    find(
        &buf,
        "Baseline",
        &format!("{} ref", value(scale, reference)),
    );
}

#[test]
fn without_colour_the_arrows_carry_the_direction() {
    let entries = load_entries(&[]).unwrap();
    let mut a = App::new(
        entries,
        Settings {
            samples: SAMPLES,
            seed: SEED,
            inline: true,
        },
        Theme::PLAIN,
    )
    .unwrap();
    a.update(Action::OpenCompare);
    let screen = text(&draw(&mut a, 120, 40));
    assert!(screen.contains('▲') && screen.contains('▼'), "{screen}");
}

#[test]
fn enter_opens_the_selected_scenario() {
    let mut a = app();
    assert!(a.scenario().name.starts_with("Baseline"));
    a.update(Action::OpenCompare);
    a.update(Action::CompareMove(1));
    a.update(Action::CompareOpen);
    assert!(a.ui().mode.is_explore());
    assert!(
        a.scenario().name.starts_with("Hardline"),
        "{}",
        a.scenario().name
    );

    // With lever changes, the first Enter asks, the second opens (as the picker does).
    let mut a = app();
    a.update(Action::SetLevers(two_changes()));
    a.update(Action::OpenCompare);
    a.update(Action::CompareMove(2));
    a.update(Action::CompareOpen);
    assert!(matches!(a.ui().mode, Mode::Compare(_)));
    assert!(a.scenario().name.starts_with("Baseline"));
    let said = a.ui().status.clone().unwrap();
    assert!(said.text.contains("drops your 2 lever changes"), "{said:?}");
    a.update(Action::CompareOpen);
    assert!(a.ui().mode.is_explore());
    assert!(
        a.scenario().name.starts_with("Thaw"),
        "{}",
        a.scenario().name
    );
    assert!(a.data().overrides.is_empty());

    // Esc and the same key close without opening anything.
    let mut a = app();
    a.update(Action::OpenCompare);
    a.update(Action::CompareMove(1));
    a.update(Action::Back);
    assert!(a.ui().mode.is_explore());
    assert!(a.scenario().name.starts_with("Baseline"));
}

#[test]
fn edits_apply_to_the_open_row_only() {
    let mut plain = app();
    plain.update(Action::OpenCompare);
    let year = plain.ui().year;
    let mut edited = app();
    edited.update(Action::SetLevers(two_changes()));
    edited.update(Action::OpenCompare);
    let (p, e) = (plain.matrix(), edited.matrix());
    let open = e.rows.iter().position(|r| r.open).unwrap();
    assert_eq!(e.rows[open].changes, 2);
    for (i, row) in e.rows.iter().enumerate() {
        let differs = HEADLINE
            .iter()
            .any(|m| p.cell(i, *m, year) != e.cell(i, *m, year));
        if i == open {
            assert!(differs, "the edits change the open row");
        } else {
            assert_eq!(row.changes, 0);
            assert!(!differs, "{} has no edits", row.name);
        }
    }
}

#[test]
fn rows_compute_off_the_input_path_and_are_cached() {
    let mut a = app_with(false);
    // The explorer's own bands, so that "computing…" on screen is the compare view's.
    for job in a.take_jobs() {
        a.update(Action::Computed(worker::compute(&job)));
    }
    a.update(Action::OpenCompare);
    assert!(a.compare_pending());
    let job = a.take_compare_job().expect("a request for the worker");
    assert_eq!(job.rows.len(), 6);
    let screen = text(&draw(&mut a, 120, 40));
    assert!(screen.contains("computing…"), "{screen}");
    // The rows arrive one by one, as the worker sends them.
    let first = compare::compute(job.generation, &job.rows[0]);
    a.update(Action::CompareComputed(first));
    assert!(a.matrix().rows[0].projection.is_some());
    assert!(a.matrix().rows[1].projection.is_none());
    // A stale answer is dropped.
    let stale = compare::compute(job.generation + 1000, &job.rows[1]);
    a.update(Action::CompareComputed(stale));
    assert!(a.matrix().rows[1].projection.is_none());
    for key in &job.rows[1..] {
        a.update(Action::CompareComputed(compare::compute(
            job.generation,
            key,
        )));
    }
    assert!(!a.compare_pending());
    let screen = text(&draw(&mut a, 120, 40));
    assert!(!screen.contains("computing…"), "{screen}");
    // Reopening asks for nothing: every row is cached.
    a.update(Action::Back);
    a.update(Action::OpenCompare);
    assert!(!a.compare_pending());
    assert!(a.take_compare_job().is_none());
    // A lever change asks for the open row alone.
    a.update(Action::Back);
    a.update(Action::SetLevers(two_changes()));
    a.update(Action::OpenCompare);
    let job = a.take_compare_job().expect("the open row again");
    assert_eq!(job.rows.len(), 1);
    assert_eq!(job.rows[0].entry, a.data().current);
}

#[test]
fn the_key_is_in_the_help() {
    let mut a = app();
    a.update(Action::ToggleHelp);
    for _ in 0..20 {
        a.update(Action::HelpScroll(1));
    }
    let screen = text(&draw(&mut a, 120, 40));
    assert!(screen.contains("Compare scenarios"), "{screen}");
    let mut a = app();
    a.update(Action::ToggleHelp);
    let screen = text(&draw(&mut a, 200, 60));
    assert!(screen.contains("compare the open scenarios"), "{screen}");
}
