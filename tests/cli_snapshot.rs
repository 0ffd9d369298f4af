//! `chipcast snapshot`: the text file equals the explorer drawn into a `TestBackend` with the
//! same settings; the SVG is well formed, names the scenario, carries colour, and is the same
//! byte for byte on a second run; bad arguments exit 2, bad scenarios exit 1, and a failed
//! write leaves no file behind.

use std::path::Path;

use assert_cmd::Command;
use chipcast::scenario::parse_overrides;
use chipcast::scenario::story::Panel;
use chipcast::tui::action::Action;
use chipcast::tui::app::{App, Settings};
use chipcast::tui::theme::Theme;
use chipcast::tui::{load_entries, snapshot, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const SAMPLES: &str = "50";
const SEED: &str = "11";

fn snapshot_cmd(out: &Path, extra: &[&str]) -> std::process::Output {
    Command::cargo_bin("chipcast")
        .unwrap()
        .args(["snapshot", "baseline", "--samples", SAMPLES, "--seed", SEED])
        .args(extra)
        .arg("--out")
        .arg(out)
        .output()
        .unwrap()
}

/// The explorer as the command draws it, built here from the public API.
fn expected_text(w: u16, h: u16, set: &[&str], panel: Panel) -> String {
    let path = std::path::PathBuf::from("scenarios/baseline.ron");
    let mut app = App::new(
        load_entries(&[path]).unwrap(),
        Settings {
            samples: SAMPLES.parse().unwrap(),
            seed: SEED.parse().unwrap(),
            inline: true,
        },
        Theme::COLOR,
    )
    .unwrap();
    app.update(Action::Resize(w, h));
    let set: Vec<String> = set.iter().map(|s| s.to_string()).collect();
    app.update(Action::SetLevers(parse_overrides(&set).unwrap()));
    let i = Panel::ALL.iter().position(|p| *p == panel).unwrap();
    app.update(Action::ShowPanel(i));
    app.update(Action::ClearStatus);
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| view::render(&app, f)).unwrap();
    // TestBackend's own rendering: one quoted line per row.
    t.backend()
        .to_string()
        .lines()
        .map(|l| {
            let inner = l.strip_prefix('"').unwrap();
            let inner = &inner[..inner.rfind('"').unwrap()];
            format!("{}\n", inner.trim_end())
        })
        .collect()
}

#[test]
fn text_equals_the_test_backend_render() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("screen.txt");
    let o = snapshot_cmd(
        &out,
        &[
            "--size",
            "100x30",
            "--set",
            "euv_access=true",
            "--panel",
            "capacity",
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(o.stdout.is_empty(), "data goes to the file, not stdout");
    let got = std::fs::read_to_string(&out).unwrap();
    // The bundled baseline and the file on disk are the same text.
    let want = expected_text(100, 30, &["euv_access=true"], Panel::Capacity);
    assert_eq!(got.lines().count(), 30);
    assert_eq!(
        got,
        want.replace("scenarios/baseline.ron", "bundled:baseline.ron")
    );
    assert!(got.contains("euv_access"));
    assert!(got.lines().all(|l| l == l.trim_end()));
    // No temporary file is left beside it.
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(names.len(), 1);
}

/// Checks that tags open and close in order (a small well-formedness check).
fn balanced(svg: &str) -> Result<(), String> {
    let mut stack: Vec<&str> = Vec::new();
    let mut rest = svg;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        let end = rest.find('>').ok_or("unclosed tag")?;
        let tag = &rest[..end];
        rest = &rest[end + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            let open = stack.pop().ok_or(format!("</{name}> without opening"))?;
            if open != name {
                return Err(format!("<{open}> closed by </{name}>"));
            }
        } else if !tag.ends_with('/') {
            let name = tag.split_whitespace().next().unwrap_or("");
            stack.push(name);
        }
    }
    if stack.is_empty() {
        Ok(())
    } else {
        Err(format!("unclosed: {stack:?}"))
    }
}

#[test]
fn svg_is_well_formed_and_the_same_on_every_run() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.svg"), dir.path().join("b.svg"));
    let args = ["--size", "90x26", "--set", "hbm_controls=false"];
    assert!(snapshot_cmd(&a, &args).status.success());
    assert!(snapshot_cmd(&b, &args).status.success());
    let svg = std::fs::read_to_string(&a).unwrap();
    assert_eq!(svg, std::fs::read_to_string(&b).unwrap(), "deterministic");
    assert!(svg.starts_with("<svg"));
    assert!(svg.trim_end().ends_with("</svg>"));
    balanced(&svg).unwrap();
    assert!(svg.contains("Baseline: the path to 2026, then held"));
    assert!(svg.contains("width=\"900\" height=\"520\""));
    // Colour carries meaning: the changed lever's mark in the theme's orange, the year in its
    // yellow; merged runs keep the file small.
    assert!(svg.contains("fill=\"#e69f00\""), "orange present");
    assert!(svg.contains("#f0e442"), "yellow present");
    let texts = svg.matches("<text").count();
    assert!(texts < 90 * 26 / 3, "{texts} text runs for 2340 cells");
    assert!(!svg.contains('\u{1b}'));
}

#[test]
fn svg_helpers_escape_and_map_colours() {
    use ratatui::style::Color;
    assert_eq!(
        snapshot::escape("a<b & \"c\"'"),
        "a&lt;b &amp; &quot;c&quot;&apos;"
    );
    assert_eq!(snapshot::escape("x\u{7}y"), "x y");
    assert_eq!(snapshot::rgb(Color::Reset), None);
    assert_eq!(snapshot::rgb(Color::Rgb(1, 2, 3)), Some((1, 2, 3)));
    assert_eq!(snapshot::rgb(Color::Indexed(196)), Some((255, 0, 0)));
    assert_eq!(snapshot::rgb(Color::Indexed(232)), Some((8, 8, 8)));
    assert_eq!(snapshot::rgb(Color::Red), Some((205, 0, 0)));
}

#[test]
fn bad_arguments_and_inputs() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("x.svg");
    let run = |args: &[&str]| {
        Command::cargo_bin("chipcast")
            .unwrap()
            .arg("snapshot")
            .args(args)
            .output()
            .unwrap()
    };
    let o = out.to_str().unwrap();
    // Usage errors: exit 2.
    assert_eq!(run(&["baseline", "--out", "x.gif"]).status.code(), Some(2));
    assert_eq!(
        run(&["baseline", "--size", "12", "--out", o]).status.code(),
        Some(2)
    );
    assert_eq!(
        run(&["baseline", "--panel", "nope", "--out", o])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(run(&["baseline"]).status.code(), Some(2));
    // Bad input: exit 1 with diagnostics, nothing written.
    let bad = run(&["baseline", "--set", "euv_acess=true", "--out", o]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&bad.stderr).contains("euv_access"),
        "did you mean"
    );
    assert_eq!(
        run(&["no_such_scenario", "--out", o]).status.code(),
        Some(1)
    );
    assert_eq!(
        run(&["baseline", "--year", "1999", "--out", o])
            .status
            .code(),
        Some(1)
    );
    assert!(!out.exists());
    // A folder that does not exist: exit 1, no temporary file anywhere.
    let nested = dir.path().join("missing/x.txt");
    let o = run(&[
        "baseline",
        "--samples",
        "0",
        "--out",
        nested.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

/// A file `export` or `snapshot` cannot write is reported with the reason first, then the
/// path (issue 13, "error reasons are lost"): `× not a directory: cannot write …`. The
/// target's folder is a regular file, so the error is the same for every user, root too.
#[cfg(unix)]
#[test]
fn a_failed_write_names_its_reason_before_the_path() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("not-a-folder");
    std::fs::write(&blocker, "a regular file").unwrap();
    for (command, name, extra) in [
        ("export", "chart.svg", ["--metric", "domestic_accelerators"]),
        ("snapshot", "screen.txt", ["--panel", "output"]),
    ] {
        let out = blocker.join(name);
        let output = Command::cargo_bin("chipcast")
            .unwrap()
            .args([command, "baseline", "--samples", "20"])
            .args(extra)
            .arg("--out")
            .arg(&out)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1), "{command}");
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        let first = stderr.lines().next().unwrap_or_default();
        assert!(
            first.starts_with(&format!(
                "× not a directory: cannot write {}",
                out.display()
            )),
            "{command}: {stderr}"
        );
        assert!(!stderr.contains("os error"), "{command}: {stderr}");
    }
}

/// The PNG is the SVG rasterised at twice its size with the bundled fonts; in the SVG every
/// cell sits at its grid position: braille as dots, the band's shade as cells, lines as
/// strokes, and no braille or box-drawing character left to a viewer's font.
#[test]
fn png_is_the_svg_rasterised_with_cells_on_the_grid() {
    let dir = tempfile::tempdir().unwrap();
    let (svg_path, png_path) = (dir.path().join("s.svg"), dir.path().join("s.png"));
    let args = ["--size", "100x30"];
    assert!(snapshot_cmd(&svg_path, &args).status.success());
    let out = snapshot_cmd(&png_path, &args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let svg = std::fs::read_to_string(&svg_path).unwrap();
    assert!(svg.contains("<circle"), "braille dots are drawn as circles");
    assert!(
        svg.contains("fill-opacity=\"0.3\""),
        "the band's ░ cells are drawn as shades"
    );
    assert!(svg.contains("<line"), "box drawing is drawn as strokes");
    let text: String = svg
        .split("<text")
        .skip(1)
        .filter_map(|t| {
            t.split_once('>')
                .map(|(_, r)| r.split("</text>").next().unwrap_or(""))
        })
        .collect();
    assert!(
        !text
            .chars()
            .any(|c| ('\u{2800}'..='\u{28ff}').contains(&c) || "│─┤░".contains(c)),
        "drawn as shapes, not text: {text}"
    );
    let bytes = std::fs::read(&png_path).unwrap();
    let pixmap = resvg::tiny_skia::Pixmap::decode_png(&bytes).expect("a PNG");
    assert_eq!((pixmap.width(), pixmap.height()), (2000, 1200));
}
