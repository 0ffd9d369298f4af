//! `chipcast export`: chart files for slides — valid SVG and PNG with the band, the median,
//! the title, units in words and sources; slide quality at 1920×1080 (every text at least
//! 18 px, nothing cut off, themes applied, the PNG rasterised from the SVG); one picture per
//! story step; atomic writes; bad output names and existing files refused.

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
    assert!(svg.contains("units per year"), "unit in words missing");
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

/// The `<text>` elements of an SVG: each one's attributes and its text (entities decoded).
fn texts(svg: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for part in svg.split("<text").skip(1) {
        let Some((attrs, rest)) = part.split_once('>') else {
            continue;
        };
        let body = rest.split("</text>").next().unwrap_or("");
        let body = body
            .trim()
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&apos;", "'")
            .replace("&#39;", "'")
            .replace("&amp;", "&");
        out.push((attrs.to_string(), body));
    }
    out
}

/// The value of attribute `name` in a tag's attribute text.
fn attr(attrs: &str, name: &str) -> Option<String> {
    let key = format!(" {name}=\"");
    let start = attrs.find(&key)? + key.len();
    Some(attrs[start..].split('"').next()?.to_string())
}

fn export(args: &[&str], out: &std::path::Path) -> assert_cmd::assert::Assert {
    chipcast()
        .arg("export")
        .args(args)
        .arg("--out")
        .arg(out)
        .assert()
}

/// The test: at 1920×1080 every text is at least 18 px, nothing is cut off with "…",
/// the whole sources line is there (wrapped over lines), and the y label says the unit in
/// words, for the compute gap (unit `x`) with its dated markers.
#[test]
fn slide_quality_at_1920x1080_text_size_and_nothing_cut_off() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("gap.svg");
    export(
        &[
            "hardline",
            "--metric",
            "compute_gap_ratio",
            "--samples",
            "50",
        ],
        &out,
    )
    .success();
    let svg = std::fs::read_to_string(&out).unwrap();
    assert!(
        svg.contains("width=\"1920\" height=\"1080\""),
        "the default size is 1920x1080"
    );
    let texts = texts(&svg);
    assert!(texts.len() > 10, "{} texts", texts.len());
    for (attrs, body) in &texts {
        let size: f64 = attr(attrs, "font-size")
            .unwrap_or_else(|| panic!("no font-size: {attrs}"))
            .parse()
            .unwrap();
        assert!(size >= 18.0, "{size} px: {body:?}");
        assert!(
            !body.ends_with('…') && !body.ends_with("..."),
            "cut off: {body:?}"
        );
    }
    // The sources line, whole, across its wrapped lines.
    let loaded =
        chipcast::scenario::load(&chipcast::scenario::Origin::Bundled("hardline")).unwrap();
    let sources = loaded
        .scenario
        .sources
        .values()
        .map(|v| chipcast::diag::sanitize(v))
        .collect::<Vec<_>>()
        .join("; ");
    assert!(sources.len() > 150, "a long sources line tests wrapping");
    let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let all = words(
        &texts
            .iter()
            .map(|(_, b)| b.as_str())
            .collect::<Vec<_>>()
            .join(" "),
    );
    assert!(
        all.contains(&words(&format!("Sources: {sources}"))),
        "the sources are not all there:\n{all}"
    );
    let sources_lines = texts
        .iter()
        .skip_while(|(_, b)| !b.starts_with("Sources:"))
        .count();
    assert!(sources_lines >= 2, "the sources line wraps at 1920 px");
    // The y label: the unit in words, drawn rotated; never the bare `x`.
    let words_x = chipcast::model::metrics::unit_words("x");
    assert_eq!(words_x, "ratio, US to China (×)");
    let label = texts
        .iter()
        .find(|(_, b)| b == words_x)
        .expect("the y label names the unit in words");
    assert!(
        label.0.contains("rotate("),
        "the y label is drawn up the axis"
    );
    assert!(!texts.iter().any(|(_, b)| b == "x"), "a bare `x` label");
    // The [1] tag of the marker at the first year sits inside the plot, right of the y axis's
    // tick labels (drawn right-aligned, ending left of the axis).
    let x_of = |attrs: &str| -> f64 { attr(attrs, "x").unwrap().parse().unwrap() };
    let ticks_end = texts
        .iter()
        .filter(|(a, b)| a.contains("text-anchor=\"end\"") && b.ends_with('x'))
        .map(|(a, _)| x_of(a))
        .fold(f64::MIN, f64::max);
    assert!(ticks_end > 0.0, "y tick labels found");
    let tag = texts.iter().find(|(_, b)| b == "[1]").expect("the [1] tag");
    assert!(
        tag.0.contains("text-anchor=\"start\"") && x_of(&tag.0) > ticks_end + 8.0,
        "the [1] tag overlaps the y axis: {} vs ticks ending at {ticks_end}",
        tag.0
    );
    // Title and markers' footnotes are whole too.
    assert!(all.contains("US / China installed AI compute") || all.contains("compute"));
    assert!(
        texts.iter().any(|(_, b)| b.starts_with("[1] ")),
        "footnotes"
    );
}

/// The PNG is the SVG rasterised: it decodes, has the asked size, and `--theme` sets the
/// background (dark gives a dark corner, light a light one, the default is light).
#[test]
fn png_decodes_at_its_size_and_the_theme_sets_the_background() {
    use chipcast::export::rasterise;
    let _ = rasterise; // the same path the command uses
    let dir = tempfile::tempdir().unwrap();
    let luma = |path: &std::path::Path| {
        let bytes = std::fs::read(path).unwrap();
        let pixmap = resvg::tiny_skia::Pixmap::decode_png(&bytes).expect("a valid PNG");
        assert_eq!((pixmap.width(), pixmap.height()), (1920, 1080));
        let p = pixmap.pixel(3, 3).unwrap();
        // The plot is drawn: the picture is not one flat colour.
        let centre = pixmap.pixel(960, 540).unwrap();
        let distinct = pixmap
            .pixels()
            .iter()
            .step_by(97)
            .map(|p| (p.red(), p.green(), p.blue()))
            .collect::<std::collections::BTreeSet<_>>()
            .len();
        assert!(distinct > 8, "{distinct} colours");
        let _ = centre;
        (u32::from(p.red()) * 299 + u32::from(p.green()) * 587 + u32::from(p.blue()) * 114) / 1000
    };
    for (theme, dark) in [
        (Some("dark"), true),
        (Some("light"), false),
        (Some("high-contrast"), true),
        (None, false),
    ] {
        let out = dir
            .path()
            .join(format!("{}.png", theme.unwrap_or("default")));
        let mut args = vec![
            "baseline",
            "--metric",
            "domestic_accelerators",
            "--samples",
            "30",
        ];
        if let Some(t) = theme {
            args.extend(["--theme", t]);
        }
        export(&args, &out).success();
        let l = luma(&out);
        if dark {
            assert!(l < 60, "{theme:?}: corner luma {l}");
        } else {
            assert!(l > 200, "{theme:?}: corner luma {l}");
        }
    }
    // `--theme` before the subcommand applies too.
    let out = dir.path().join("before.png");
    chipcast()
        .args([
            "--theme",
            "dark",
            "export",
            "baseline",
            "--metric",
            "die_yield",
        ])
        .args(["--samples", "20", "--out"])
        .arg(&out)
        .assert()
        .success();
    assert!(luma(&out) < 60);
    // An unknown theme is an error, and nothing is written.
    let out = dir.path().join("nope.png");
    export(
        &["baseline", "--metric", "die_yield", "--theme", "sepia"],
        &out,
    )
    .failure();
    assert!(!out.exists());
}

/// `export --story S --out DIR` writes one picture per story step, numbered in the story's
/// order and named from its caption; it refuses to overwrite any of them without --force.
#[test]
fn story_export_writes_one_picture_per_step_and_never_overwrites() {
    use chipcast::cli::export::{StoryFormat, story_files};
    let dir = tempfile::tempdir().unwrap();
    let slides = dir.path().join("slides");
    let loaded =
        chipcast::scenario::load(&chipcast::scenario::Origin::Bundled("baseline")).unwrap();
    assert!(loaded.story.len() >= 2, "the baseline has a story");
    let expected = story_files(&loaded.story, &slides, StoryFormat::Png);
    export(&["--story", "baseline", "--samples", "20"], &slides).success();
    let mut names: Vec<String> = std::fs::read_dir(&slides)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let want: Vec<String> = expected
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, want, "one file per step, in order, nothing else");
    for (i, name) in names.iter().enumerate() {
        assert!(name.starts_with(&format!("{:02}-", i + 1)), "{name}");
        let bytes = std::fs::read(slides.join(name)).unwrap();
        let pixmap = resvg::tiny_skia::Pixmap::decode_png(&bytes).unwrap();
        assert_eq!((pixmap.width(), pixmap.height()), (1920, 1080));
    }
    // Again: refused, and every file keeps its bytes.
    let before: Vec<Vec<u8>> = expected.iter().map(|p| std::fs::read(p).unwrap()).collect();
    let refused = export(
        &["--story", "baseline", "--samples", "20", "--seed", "7"],
        &slides,
    )
    .code(1);
    let stderr = String::from_utf8_lossy(&refused.get_output().stderr).into_owned();
    assert!(stderr.contains("already exists"), "{stderr}");
    let after: Vec<Vec<u8>> = expected.iter().map(|p| std::fs::read(p).unwrap()).collect();
    assert!(before == after, "a refused export changed a file");
    // With --force they are replaced; as SVG, each step's caption is its title and the step
    // before it the comparison line.
    export(
        &["--story", "baseline", "--samples", "20", "--format", "svg"],
        &slides,
    )
    .success();
    let svgs = story_files(&loaded.story, &slides, StoryFormat::Svg);
    let first = std::fs::read_to_string(&svgs[0]).unwrap();
    assert!(first.contains("Step 1 of"), "step title");
    assert!(first.contains("pinned: the scenario as written"));
    let second = std::fs::read_to_string(&svgs[1]).unwrap();
    assert!(second.contains("pinned: step 1"));
    for (attrs, body) in texts(&second) {
        let size: f64 = attr(&attrs, "font-size").unwrap().parse().unwrap();
        assert!(size >= 18.0, "{size}: {body}");
        assert!(!body.ends_with('…'), "{body}");
    }
    export(
        &["--story", "baseline", "--samples", "20", "--force"],
        &slides,
    )
    .success();
    // A chart file name is not a folder.
    export(&["--story", "baseline"], &dir.path().join("x.png")).code(1);
    // --story takes no --metric.
    export(
        &["--story", "baseline", "--metric", "die_yield"],
        &dir.path().join("d"),
    )
    .code(2);
}
