//! `chipcast export`: chart files for slides — valid SVG and PNG with the band, the median,
//! the title, units and sources; atomic writes; bad output names refused.

use assert_cmd::Command;

fn chipcast() -> Command {
    Command::cargo_bin("chipcast").unwrap()
}

#[test]
fn svg_export_has_title_units_band_markers_and_sources() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("chart.svg");
    chipcast()
        .args([
            "export",
            "baseline",
            "--metric",
            "domestic_accelerators",
            "--samples",
            "100",
            "--out",
        ])
        .arg(&out)
        .assert()
        .success();
    let svg = std::fs::read_to_string(&out).unwrap();
    assert!(svg.starts_with("<svg"), "not an SVG document");
    assert!(svg.trim_end().ends_with("</svg>"), "SVG is not complete");
    assert!(svg.contains("Domestic accelerators"), "title missing");
    assert!(svg.contains("units/yr"), "unit missing");
    assert!(svg.contains("<polygon"), "p10-p90 band missing");
    assert!(svg.contains("H200 at 25%"), "policy marker missing");
    assert!(svg.contains("Sources:"), "sources line missing");
    // No temporary file is left beside it.
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
}

#[test]
fn png_export_is_a_png_of_the_requested_size_with_a_pinned_comparison() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("chart.png");
    chipcast()
        .args([
            "export",
            "hardline",
            "--metric",
            "us_vendor_china_revenue_usd_bn",
            "--pin",
            "thaw",
            "--samples",
            "50",
            "--size",
            "800x450",
            "--out",
        ])
        .arg(&out)
        .assert()
        .success();
    let bytes = std::fs::read(&out).unwrap();
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "not a PNG");
    // IHDR holds width and height, big-endian, at bytes 16..24.
    let width = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
    let height = u32::from_be_bytes(bytes[20..24].try_into().unwrap());
    assert_eq!((width, height), (800, 450));
}

#[test]
fn pinned_comparison_is_drawn_as_its_own_series() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.svg"), dir.path().join("b.svg"));
    for (out, pin) in [(&a, None), (&b, Some("hardline"))] {
        let mut cmd = chipcast();
        cmd.args([
            "export",
            "baseline",
            "--metric",
            "imported_accelerators",
            "--samples",
            "0",
            "--out",
        ])
        .arg(out);
        if let Some(p) = pin {
            cmd.args(["--pin", p]);
        }
        cmd.assert().success();
    }
    let (a, b) = (
        std::fs::read_to_string(a).unwrap(),
        std::fs::read_to_string(b).unwrap(),
    );
    assert!(!a.contains("pinned:"));
    assert!(b.contains("pinned: Hardline"));
}

#[test]
fn unknown_extension_and_metric_are_refused_without_writing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("chart.gif");
    chipcast()
        .args([
            "export",
            "baseline",
            "--metric",
            "domestic_accelerators",
            "--out",
        ])
        .arg(&out)
        .assert()
        .code(1);
    let err = String::from_utf8(
        chipcast()
            .args([
                "export",
                "baseline",
                "--metric",
                "domestic_accelerators",
                "--out",
            ])
            .arg(&out)
            .output()
            .unwrap()
            .stderr,
    )
    .unwrap();
    assert!(err.contains(".svg or .png"), "{err}");
    assert!(!out.exists());
    let output = chipcast()
        .args([
            "export",
            "baseline",
            "--metric",
            "domestic_acelerators",
            "--out",
        ])
        .arg(dir.path().join("x.svg"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("did you mean `domestic_accelerators`?")
    );
    assert!(!dir.path().join("x.svg").exists());
}

/// An existing `--out` is never replaced without `--force` (export and snapshot alike): the
/// file keeps its bytes and the error says why; with `--force` it is replaced.
#[test]
fn an_existing_out_file_is_refused_without_force() {
    let dir = tempfile::tempdir().unwrap();
    for (command, name, extra) in [
        ("export", "chart.svg", ["--metric", "domestic_accelerators"]),
        ("snapshot", "screen.txt", ["--panel", "output"]),
    ] {
        let out = dir.path().join(name);
        std::fs::write(&out, "mine").unwrap();
        let run = |force: bool| {
            let mut c = chipcast();
            c.args([command, "baseline", "--samples", "20"])
                .args(extra)
                .arg("--out")
                .arg(&out);
            if force {
                c.arg("--force");
            }
            c.assert()
        };
        let refused = run(false).failure();
        let stderr = String::from_utf8_lossy(&refused.get_output().stderr).into_owned();
        assert!(stderr.contains("already exists"), "{command}: {stderr}");
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "mine", "{command}");
        run(true).success();
        assert_ne!(std::fs::read_to_string(&out).unwrap(), "mine", "{command}");
    }
}

/// Setting one lever twice is an error, not a silent last-one-wins.
#[test]
fn a_lever_set_twice_is_an_error() {
    let out = chipcast()
        .args(["run", "baseline", "--samples", "0"])
        .args([
            "--set",
            "hub_enforcement=0.1",
            "--set",
            "hub_enforcement=0.2",
        ])
        .assert()
        .failure();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(stderr.contains("duplicate-override"), "{stderr}");
    assert!(stderr.contains("set twice"), "{stderr}");
}

/// A path with terminal control characters is written, but never echoed raw: the "wrote"
/// line shows the escape visibly, so it cannot retitle or recolour the user's terminal.
#[test]
fn control_characters_in_out_paths_never_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("a\u{1b}]0;X\u{7}.svg");
    let done = chipcast()
        .args(["export", "baseline", "--metric", "domestic_accelerators"])
        .args(["--samples", "20", "--out"])
        .arg(&out)
        .assert()
        .success();
    let text = [&done.get_output().stdout[..], &done.get_output().stderr[..]].concat();
    assert!(
        !text.contains(&0x1b) && !text.contains(&0x07),
        "raw control bytes echoed"
    );
    assert!(out.exists());
}
