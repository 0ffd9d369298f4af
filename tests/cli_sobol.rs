//! `chipcast sensitivity --method sobol`: the JSON document's shape and ranking, the table and
//! CSV, determinism by seed, `--set` reaching the inputs, and the sampling options refused
//! without `--method sobol`.

mod common;

use common::{chipcast, json, ok, top_level_keys};

const ARGS: [&str; 8] = [
    "sensitivity",
    "baseline",
    "--metric",
    "domestic_accelerators",
    "--year",
    "2030",
    "--method",
    "sobol",
];

fn with(extra: &[&str]) -> Vec<&'static str> {
    let mut v: Vec<&'static str> = ARGS.to_vec();
    for e in extra {
        v.push(Box::leak(e.to_string().into_boxed_str()));
    }
    v
}

#[test]
fn sobol_json_has_the_documented_shape() {
    let args = with(&["--samples", "256", "--seed", "4", "--format", "json"]);
    let text = ok(&args);
    assert_eq!(
        top_level_keys(&text),
        [
            "scenario",
            "file",
            "metric",
            "unit",
            "year",
            "method",
            "samples",
            "runs",
            "seed",
            "confidence",
            "resamples",
            "mean",
            "variance",
            "inputs",
            "manifest"
        ]
    );
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(doc["method"], "sobol");
    assert_eq!(doc["samples"], 256);
    assert_eq!(doc["seed"], 4);
    assert_eq!(doc["confidence"], 0.95);
    let inputs = doc["inputs"].as_array().unwrap();
    assert!(inputs.len() > 5);
    assert_eq!(doc["runs"], 256 * (inputs.len() + 2));
    let st: Vec<f64> = inputs.iter().map(|i| i["st"].as_f64().unwrap()).collect();
    assert!(st.windows(2).all(|w| w[0] >= w[1]), "ranked by ST: {st:?}");
    for i in inputs {
        // serde_json's map sorts its keys.
        let keys: Vec<&str> = i.as_object().unwrap().keys().map(String::as_str).collect();
        let mut want = [
            "input",
            "lever",
            "from_year",
            "distribution",
            "s1",
            "s1_low",
            "s1_high",
            "st",
            "st_low",
            "st_high",
        ];
        want.sort_unstable();
        assert_eq!(keys, want);
        for (v, lo, hi) in [("s1", "s1_low", "s1_high"), ("st", "st_low", "st_high")] {
            let (v, lo, hi) = (
                i[v].as_f64().unwrap(),
                i[lo].as_f64().unwrap(),
                i[hi].as_f64().unwrap(),
            );
            assert!(lo <= v && v <= hi, "{i}");
        }
    }
    // The policy switches are one input, with no lever.
    let regimes = inputs
        .iter()
        .find(|i| i["input"] == "policy_regimes")
        .expect("baseline samples policy switches");
    assert!(regimes["lever"].is_null());
    // HBM growth dominates domestic output in 2030 (see the tornado too).
    assert_eq!(inputs[0]["lever"], "hbm_domestic_growth");
}

#[test]
fn sobol_is_deterministic_by_seed() {
    let a = ok(&with(&[
        "--samples",
        "64",
        "--seed",
        "9",
        "--format",
        "csv",
    ]));
    let b = ok(&with(&[
        "--samples",
        "64",
        "--seed",
        "9",
        "--format",
        "csv",
    ]));
    let c = ok(&with(&[
        "--samples",
        "64",
        "--seed",
        "10",
        "--format",
        "csv",
    ]));
    assert_eq!(a, b);
    assert_ne!(a, c);
    assert_eq!(
        a.lines().next(),
        Some("input,lever,from_year,s1,s1_low,s1_high,st,st_low,st_high")
    );
}

#[test]
fn sobol_table_shows_samples_and_confidence() {
    let out = ok(&with(&["--samples", "64"]));
    assert!(out.contains("Sobol indices from 64 base samples"), "{out}");
    assert!(out.contains("95% bootstrap intervals"), "{out}");
    assert!(
        out.contains("S1 [95% CI]") && out.contains("ST [95% CI]"),
        "{out}"
    );
    assert!(!out.contains("-0.00"), "{out}");
}

#[test]
fn a_fixed_override_removes_an_input() {
    let all = json(&with(&["--samples", "32", "--format", "json"]));
    let fixed = json(&with(&[
        "--samples",
        "32",
        "--format",
        "json",
        "--set",
        "hbm_domestic_growth=0.5",
    ]));
    let names = |d: &serde_json::Value| -> Vec<String> {
        d["inputs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["input"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(names(&all).contains(&"hbm_domestic_growth".to_string()));
    assert!(!names(&fixed).contains(&"hbm_domestic_growth".to_string()));
    assert_eq!(names(&fixed).len() + 1, names(&all).len());
}

#[test]
fn samples_mean_the_tornados_monte_carlo_or_sobols_base_samples() {
    // Without --method sobol, --samples is the tornado's Monte Carlo (its medians' basis).
    let doc = json(&[
        "sensitivity",
        "baseline",
        "--metric",
        "domestic_accelerators",
        "--samples",
        "64",
        "--format",
        "json",
    ]);
    assert_eq!(doc["samples"], 64);
    let o = chipcast(&with(&["--samples", "8"]));
    assert_eq!(
        o.status.code(),
        Some(2),
        "below 16 base samples is a usage error"
    );
    assert!(String::from_utf8_lossy(&o.stderr).contains("16 to 65536"));
    let help = ok(&["sensitivity", "--help"]);
    assert!(help.contains("--method sobol --format json"), "{help}");
}
