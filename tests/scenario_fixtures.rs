//! Scenario loader against the fixture folders: every valid edge case loads; every invalid
//! file fails with the diagnostic its name promises, snapshotted as a user sees it.

use std::path::{Path, PathBuf};

use chipcast::diag::Diagnostic;
use chipcast::model::levers::LeverId;
use chipcast::model::scenario::Dist;
use chipcast::scenario::{self, Origin};

fn fixtures(kind: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(Path::new("tests/fixtures").join(kind))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    files.sort();
    files
}

fn load(path: &Path) -> Result<chipcast::model::scenario::Scenario, Vec<Diagnostic>> {
    // chain_bottom.ron extends the repository's scenarios folder, outside its own: allowed as
    // `--root scenarios` allows it.
    let roots = scenario::Roots::new(["scenarios"]);
    scenario::load_within(&Origin::Disk(path.to_path_buf()), &roots).map(|l| l.scenario)
}

/// The diagnostic code each invalid fixture must produce.
const EXPECTED: &[(&str, &str)] = &[
    ("control_character", "control-character"),
    ("deep_nesting", "syntax"),
    ("distribution_inverted", "inverted-bounds"),
    ("distribution_outside_range", "out-of-range"),
    ("duplicate_key", "duplicate-key"),
    ("duplicate_lever", "duplicate-key"),
    ("empty_file", "empty-file"),
    ("extends_broken_parent", "out-of-range"),
    ("extends_cycle_a", "extends-cycle"),
    ("extends_cycle_b", "extends-cycle"),
    ("extends_missing_parent", "missing-parent"),
    ("first_year_after_last", "horizon-inverted"),
    ("infinite_value", "not-finite"),
    ("missing_name", "missing-field"),
    ("month_out_of_order", "schedule-out-of-order"),
    ("month_string", "wrong-type"),
    ("month_thirteen", "month-out-of-range"),
    ("month_zero", "month-out-of-range"),
    ("nan_value", "not-finite"),
    ("not_utf8", "not-utf8"),
    ("out_of_range", "out-of-range"),
    ("probability_out_of_range", "out-of-range"),
    ("schedule_out_of_order", "schedule-out-of-order"),
    ("schedule_outside_horizon", "schedule-outside-horizon"),
    ("syntax_error", "syntax"),
    ("missing_comma_line_end", "syntax"),
    ("unknown_field", "unknown-field"),
    ("unknown_lever", "unknown-lever"),
    ("unknown_option", "unknown-option"),
    ("unknown_panel", "unknown-panel"),
    ("unknown_source", "unknown-source"),
    ("unsupported_version", "unsupported-version"),
    ("wrong_type", "wrong-type"),
    ("wrong_year_type", "year-out-of-range"),
    ("year_outside_range", "year-out-of-range"),
];

#[test]
fn every_invalid_fixture_fails_with_its_diagnostic() {
    let files = fixtures("invalid");
    assert_eq!(
        files.len(),
        EXPECTED.len(),
        "every invalid fixture needs an expected code"
    );
    for path in files {
        let stem = path.file_stem().unwrap().to_str().unwrap().to_string();
        let code = EXPECTED
            .iter()
            .find(|(s, _)| *s == stem)
            .unwrap_or_else(|| panic!("no expectation for {stem}"))
            .1;
        let diags = load(&path).expect_err(&stem);
        assert!(
            diags.iter().any(|d| d.code == code),
            "{stem}: expected {code}, got {:?}",
            diags.iter().map(|d| d.code).collect::<Vec<_>>()
        );
        for d in &diags {
            assert!(d.line >= 1 && d.column >= 1, "{stem}: no position");
            assert!(!d.file.is_empty());
        }
        let rendered: String = diags
            .iter()
            .map(|d| d.render(false))
            .collect::<Vec<_>>()
            .join("\n");
        assert!(
            !rendered.contains('\u{1b}'),
            "{stem}: raw escape reached the output"
        );
        insta::assert_snapshot!(stem.clone(), rendered);
    }
}

#[test]
fn one_line_form_names_file_line_column_and_field() {
    let diags = load(Path::new("tests/fixtures/invalid/out_of_range.ron")).unwrap_err();
    assert_eq!(
        diags[0].one_line(),
        "tests/fixtures/invalid/out_of_range.ron:3:29: 0.9 is outside the range of `revenue_share` [levers.revenue_share]; expected a number from 0 to 0.5 (fraction); `revenue_share`: Share of licensed China sales paid to the US government"
    );
}

#[test]
fn every_valid_fixture_loads() {
    for path in fixtures("valid") {
        if let Err(diags) = load(&path) {
            panic!("{} failed: {}", path.display(), diags[0].render(false));
        }
    }
}

#[test]
fn three_level_chain_resolves_parent_first() {
    let loaded = scenario::load_within(
        &Origin::Disk("tests/fixtures/valid/chain_top.ron".into()),
        &scenario::Roots::new(["scenarios"]),
    )
    .unwrap();
    let chain = loaded.chain();
    let s = loaded.scenario;
    assert_eq!(s.name, "Chain: top");
    assert_eq!(chain.len(), 4, "baseline, bottom, middle, top: {chain:?}");
    assert_eq!(
        (s.first_year, s.last_year),
        (2024, 2035),
        "horizon inherited from the bottom"
    );
    assert_eq!(s.levers[LeverId::HubEnforcement as usize], Dist::Fixed(0.9));
    // The top's own hub_enforcement drops the baseline's 2025 change of that lever.
    assert!(
        s.schedule
            .iter()
            .all(|c| c.set.iter().all(|(l, _)| *l != LeverId::HubEnforcement))
    );
    // The middle's 2028 change overrides the baseline's 2026 import block from 2028 on.
    let last_block = s
        .schedule
        .iter()
        .rfind(|c| c.set.iter().any(|(l, _)| *l == LeverId::ImportBlock))
        .unwrap();
    assert_eq!(last_block.year, 2028);
}

#[test]
fn a_scenario_that_sets_nothing_uses_the_lever_defaults() {
    let s = load(Path::new("tests/fixtures/valid/sets_nothing.ron")).unwrap();
    for id in LeverId::ALL {
        assert_eq!(s.levers[*id as usize], Dist::Fixed(id.lever().default));
    }
    assert!(s.schedule.is_empty());
}

#[test]
fn a_file_over_one_mebibyte_is_refused_before_parsing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("too_large.ron");
    let mut text = String::from("Scenario(name: \"big\")\n");
    while text.len() <= 1024 * 1024 {
        text.push_str("// padding padding padding padding padding padding padding padding\n");
    }
    std::fs::write(&path, text).unwrap();
    let diags = load(&path).unwrap_err();
    assert_eq!(diags.len(), 1);
    assert_eq!(diags[0].code, "too-large");
}

#[test]
fn a_missing_file_is_a_diagnostic_not_a_panic() {
    let diags = load(Path::new("tests/fixtures/no/such/file.ron")).unwrap_err();
    assert_eq!(diags[0].code, "missing-file");
}

#[test]
fn several_problems_are_reported_in_one_pass() {
    let text = "Scenario(name: \"x\", levers: (hub_enforcment: 0.5, revenue_share: 2.0, duv_controls: most), colour: 1)";
    let diags = scenario::load_text("many.ron", text, None).unwrap_err();
    let codes: Vec<_> = diags.iter().map(|d| d.code).collect();
    assert_eq!(
        codes,
        [
            "unknown-lever",
            "out-of-range",
            "unknown-option",
            "unknown-field"
        ]
    );
}

#[test]
fn overrides_get_the_same_checks_as_files() {
    let o = scenario::parse_override("hub_enforcement=0.8").unwrap();
    assert_eq!(
        (o.lever, o.value, o.from),
        (LeverId::HubEnforcement, Dist::Fixed(0.8), None)
    );
    let dist = scenario::parse_override("demand_growth=Uniform(low: 0.2, high: 0.3)")
        .unwrap()
        .value;
    assert_eq!(
        dist,
        Dist::Uniform {
            low: 0.2,
            high: 0.3
        }
    );
    let e = scenario::parse_override("hub_enforcment=0.8").unwrap_err();
    assert_eq!(e.hint.as_deref(), Some("did you mean `hub_enforcement`?"));
    let e = scenario::parse_override("revenue_share=0.9").unwrap_err();
    assert_eq!((e.code, e.column), ("out-of-range", 15));
    assert_eq!(
        scenario::parse_override("nonsense").unwrap_err().code,
        "bad-override"
    );
}

#[test]
fn bundled_scenarios_all_resolve_and_extend_the_baseline() {
    for name in scenario::bundled::NAMES {
        let loaded = scenario::load(&Origin::Bundled(name))
            .unwrap_or_else(|_| panic!("{name} does not load"));
        let s = &loaded.scenario;
        assert!(!s.description.is_empty(), "{name} needs a description");
        assert!(
            !s.sources.is_empty(),
            "{name} needs sources (inherited or its own)"
        );
        if *name != "baseline" {
            assert_eq!(
                loaded.chain()[0],
                "bundled:baseline.ron",
                "{name} should extend the baseline"
            );
        }
    }
}

#[test]
fn bundled_files_are_real_ron() {
    // A second reader as a check that the format is RON, not a dialect of our own.
    for name in scenario::bundled::NAMES {
        let text = scenario::bundled::text(name).unwrap();
        if let Err(e) = ron::from_str::<ron::Value>(text) {
            panic!("{name} is not RON to the ron crate: {e}");
        }
    }
}

/// `LEVER=VALUE@YEAR` sets a lever from a year on; the year is split off at the last `@`, so a
/// distribution works too, and a bad year is reported at its own columns with a hint.
#[test]
fn an_override_can_start_in_a_year() {
    let o = scenario::parse_override("hub_enforcement=0.9@2027").unwrap();
    assert_eq!(
        (o.lever, o.value, o.from),
        (LeverId::HubEnforcement, Dist::Fixed(0.9), Some(2027))
    );
    let o =
        scenario::parse_override("demand_growth=Triangular(low: 0.1, mode: 0.2, high: 0.3)@2030")
            .unwrap();
    assert_eq!(
        (o.value, o.from),
        (
            Dist::Triangular {
                low: 0.1,
                mode: 0.2,
                high: 0.3
            },
            Some(2030)
        )
    );
    let o = scenario::parse_override("import_block=true@ 2026").unwrap();
    assert_eq!((o.value, o.from), (Dist::Fixed(1.0), Some(2026)));

    // Not a year: the columns of what follows `@`.
    let e = scenario::parse_override("hub_enforcement=0.9@20x7").unwrap_err();
    assert_eq!((e.code, e.column), ("year-out-of-range", 21));
    assert!(
        e.message.contains("`20x7` after `@` is not a year"),
        "{}",
        e.message
    );
    assert!(e.hint.as_deref().unwrap().contains("whole horizon"));
    // Outside 2020-2050.
    let e = scenario::parse_override("hub_enforcement=0.9@2051").unwrap_err();
    assert_eq!((e.code, e.column), ("year-out-of-range", 21));
    assert!(
        e.message.contains("2051 is outside 2020-2050"),
        "{}",
        e.message
    );
    let e = scenario::parse_override("hub_enforcement=0.9@1999").unwrap_err();
    assert_eq!(e.code, "year-out-of-range");
    let e = scenario::parse_override("hub_enforcement=0.9@2027.5").unwrap_err();
    assert_eq!(e.code, "year-out-of-range");
    let e = scenario::parse_override("hub_enforcement=0.9@").unwrap_err();
    assert!(
        e.message.contains("not followed by a year"),
        "{}",
        e.message
    );
    // An `@` inside a distribution leaves a year that is not one: rejected, not misread.
    let e =
        scenario::parse_override("demand_growth=Uniform(low: 0.1@2027, high: 0.3)").unwrap_err();
    assert_eq!(e.code, "year-out-of-range");
    // The value's own checks still apply with a year.
    let e = scenario::parse_override("revenue_share=0.9@2027").unwrap_err();
    assert_eq!((e.code, e.column), ("out-of-range", 15));

    // `parse_overrides` keeps the start year.
    let o = scenario::parse_overrides(&["hub_enforcement=0.9@2027".to_string()]).unwrap();
    assert_eq!(o.entry(LeverId::HubEnforcement).unwrap().from, Some(2027));
}
