//! `chipcast compare` (issue 14, item 5, headless): every scenario side by side for one year,
//! against the first; the three formats agree, and a year outside the horizons is refused.

use assert_cmd::Command;

fn chipcast() -> Command {
    Command::cargo_bin("chipcast").unwrap()
}

#[test]
fn compare_puts_each_scenario_against_the_first() {
    let out = chipcast()
        .args(["compare", "baseline", "hardline", "thaw", "--year", "2030"])
        .args(["--samples", "200", "--format", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["year"], 2030);
    let scenarios = doc["scenarios"].as_array().unwrap();
    assert_eq!(scenarios.len(), 3);
    assert_eq!(doc["reference"], scenarios[0]["scenario"]);
    let p50 = |k: usize, m: &str| scenarios[k]["metrics"][m]["p50"].as_f64().unwrap();
    // Six headline metrics by default, each with a band around its median.
    assert_eq!(scenarios[0]["metrics"].as_object().unwrap().len(), 6);
    for s in scenarios {
        let m = &s["metrics"]["domestic_accelerators"];
        assert!(m["p10"].as_f64().unwrap() <= m["p50"].as_f64().unwrap());
        assert!(m["p50"].as_f64().unwrap() <= m["p90"].as_f64().unwrap());
    }
    // Full denial makes less at home than the baseline; the reference is 0% from itself.
    assert!(p50(1, "domestic_accelerators") < p50(0, "domestic_accelerators"));
    assert_eq!(
        scenarios[0]["metrics"]["domestic_accelerators"]["vs_reference_pct"],
        0.0
    );
    let pct = scenarios[1]["metrics"]["domestic_accelerators"]["vs_reference_pct"]
        .as_f64()
        .unwrap();
    let expected =
        (p50(1, "domestic_accelerators") / p50(0, "domestic_accelerators") - 1.0) * 100.0;
    assert!((pct - expected).abs() < 1e-9, "{pct} vs {expected}");

    // The table and the CSV say the same.
    let table = chipcast()
        .args([
            "compare",
            "baseline",
            "hardline",
            "thaw",
            "--year",
            "2030",
            "--samples",
            "200",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(table.stdout).unwrap();
    assert!(
        text.contains("Compare, 2030") && text.contains("Hardline") && text.contains("ref"),
        "{text}"
    );
    let csv = chipcast()
        .args([
            "compare",
            "baseline",
            "hardline",
            "--year",
            "2030",
            "--samples",
            "200",
        ])
        .args(["--format", "csv", "--metric", "domestic_accelerators"])
        .output()
        .unwrap();
    let csv = String::from_utf8(csv.stdout).unwrap();
    assert_eq!(csv.lines().count(), 3, "{csv}");
    assert!(csv.starts_with("scenario,metric,unit,year,p10,p50,p90,vs_reference_pct\n"));
}

#[test]
fn a_year_no_scenario_covers_is_refused() {
    let out = chipcast()
        .args(["compare", "baseline", "hardline", "--year", "2040"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("year-out-of-range") && err.contains("2024 to 2032"),
        "{err}"
    );
}
