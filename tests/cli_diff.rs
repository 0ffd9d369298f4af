//! End-to-end tests of `chipcast diff` on the bundled scenarios: what differs in the inputs,
//! B − A per metric over the common years, in every format.

use serde_json::Value;

mod common;

use common::{chipcast, json, ok, top_level_keys};

#[test]
fn table_names_the_input_differences_and_the_deltas() {
    let out = ok(&[
        "diff",
        "baseline",
        "hardline",
        "--samples",
        "0",
        "--metric",
        "domestic_accelerators,self_reliance",
    ]);
    insta::assert_snapshot!("diff_baseline_hardline_central_table", out);
}

#[test]
fn different_horizons_compare_over_the_common_years() {
    // whiplash runs 2024-2030, the baseline 2024-2032.
    let out = ok(&["diff", "baseline", "whiplash", "--samples", "0"]);
    assert!(
        out.contains("horizon") && out.contains("2024–2032") && out.contains("2024–2030"),
        "{out}"
    );
    assert!(out.contains("levers.policy_volatility"), "{out}");
    assert!(out.contains("volatility.us_policy_switch"), "{out}");
    assert!(
        !out.contains("\n  2031"),
        "2031 is not a common year:\n{out}"
    );
    assert!(
        out.lines().all(|l| l.chars().count() <= 100),
        "a line is wider than 100 columns:\n{out}"
    );

    let doc = json(&[
        "diff",
        "baseline",
        "whiplash",
        "--samples",
        "0",
        "--format",
        "json",
    ]);
    assert_eq!(
        doc["years"],
        serde_json::json!([2024, 2025, 2026, 2027, 2028, 2029, 2030])
    );
    assert_eq!(doc["attribution"]["year"], 2030);
}

#[test]
fn csv_is_tidy_and_delta_is_b_minus_a() {
    let out = ok(&[
        "diff",
        "baseline",
        "thaw",
        "--samples",
        "200",
        "--format",
        "csv",
    ]);
    let mut lines = out.lines();
    assert_eq!(lines.next(), Some("metric,year,a,b,delta,pct"));
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    assert_eq!(rows.len(), chipcast::model::metrics::METRICS.len() * 9);
    for r in &rows {
        assert_eq!(r.len(), 6, "{r:?}");
        let (a, b, d): (f64, f64, f64) = (
            r[2].parse().unwrap(),
            r[3].parse().unwrap(),
            r[4].parse().unwrap(),
        );
        assert!(
            (b - a - d).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0),
            "{r:?}"
        );
        if a == 0.0 {
            assert_eq!(r[5], "", "no percentage of zero: {r:?}");
        } else {
            let pct: f64 = r[5].parse().unwrap();
            assert!(
                (pct - d / a.abs() * 100.0).abs() < 1e-6 * pct.abs().max(1.0),
                "{r:?}"
            );
        }
    }
}

#[test]
fn json_has_the_documented_keys() {
    let text = ok(&[
        "diff",
        "baseline",
        "hardline",
        "--samples",
        "200",
        "--format",
        "json",
        "--metric",
        "imported_accelerators",
    ]);
    let doc: Value = serde_json::from_str(&text).unwrap();
    let keys = top_level_keys(&text);
    assert_eq!(
        keys,
        [
            "a",
            "b",
            "seed",
            "samples",
            "years",
            "inputs",
            "metrics",
            "attribution",
            "manifest"
        ]
    );
    assert_eq!(doc["a"]["file"], "bundled:baseline.ron");
    assert_eq!(doc["b"]["file"], "bundled:hardline.ron");
    assert_ne!(doc["a"]["scenario_sha256"], doc["b"]["scenario_sha256"]);
    let inputs = doc["inputs"].as_array().unwrap();
    assert!(!inputs.is_empty());
    for d in inputs {
        assert!(
            d["field"].is_string() && d.get("a").is_some() && d.get("b").is_some(),
            "{d}"
        );
        assert_ne!(d["a"], d["b"], "{d}");
    }
    let m = &doc["metrics"]["imported_accelerators"];
    for key in ["a", "b", "delta", "pct"] {
        assert_eq!(m[key].as_array().unwrap().len(), 9, "{key}");
    }
    let split = &doc["attribution"]["metrics"]["imported_accelerators"];
    for group in ["controls", "response", "world"] {
        assert!(split[group].is_f64(), "{group}: {split}");
    }
    assert_eq!(doc["manifest"]["version"], env!("CARGO_PKG_VERSION"));
}

#[test]
fn a_scenario_against_itself_differs_in_nothing() {
    let doc = json(&[
        "diff",
        "thaw",
        "thaw",
        "--samples",
        "200",
        "--format",
        "json",
    ]);
    assert_eq!(doc["inputs"], serde_json::json!([]));
    for (id, m) in doc["metrics"].as_object().unwrap() {
        assert!(
            m["delta"]
                .as_array()
                .unwrap()
                .iter()
                .all(|d| d.as_f64() == Some(0.0)),
            "{id}"
        );
    }
    let out = ok(&[
        "diff",
        "thaw",
        "thaw",
        "--samples",
        "0",
        "--metric",
        "die_yield",
    ]);
    assert!(
        out.contains("none: the scenarios set the same values"),
        "{out}"
    );
}

#[test]
fn a_broken_side_exits_1_with_its_diagnostics() {
    let o = chipcast(&[
        "diff",
        "baseline",
        "tests/fixtures/invalid/out_of_range.ron",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(err.contains("out_of_range.ron"), "{err}");

    let o = chipcast(&[
        "diff",
        "baseline",
        "thaw",
        "--metric",
        "domestic_acelerators",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        String::from_utf8(o.stderr)
            .unwrap()
            .contains("did you mean `domestic_accelerators`?")
    );
}

/// Two changes of one lever in one year are two inputs: the baseline changes `chip_exports`
/// in April, August and December 2025, and a file that licenses from August instead differs
/// in August and December, not in April (keyed by year alone, the last change of each year
/// hid the others and the two files looked the same).
#[test]
fn dated_changes_in_one_year_are_compared_month_by_month() {
    let dir = std::env::temp_dir().join(format!("chipcast-diff-months-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("august.ron");
    std::fs::write(
        &file,
        "Scenario(name: \"Licensed from August\", extends: \"bundled:baseline\", schedule: [\
         (year: 2025, month: 8, label: \"H200 early\", set: (chip_exports: licensed))])",
    )
    .unwrap();
    let out = ok(&["diff", "baseline", file.to_str().unwrap(), "--samples", "0"]);
    std::fs::remove_dir_all(&dir).unwrap();
    let inputs = &out[..out.find("Outputs").expect("an outputs section")];
    let row = |key: &str| {
        inputs
            .lines()
            .find_map(|l| l.trim_start().strip_prefix(key))
            .map(|rest| rest.split_whitespace().collect::<Vec<_>>())
    };
    assert_eq!(
        row("schedule[Aug 2025].chip_exports"),
        Some(vec!["downgraded", "licensed"]),
        "{inputs}"
    );
    assert_eq!(
        row("schedule[Dec 2025].chip_exports"),
        Some(vec!["licensed", "—"]),
        "{inputs}"
    );
    assert_eq!(row("schedule[Apr 2025].chip_exports"), None, "{inputs}");
}
