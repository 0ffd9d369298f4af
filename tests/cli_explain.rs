//! `chipcast explain`: the table states the central run and shows the chain, products, slack
//! and waterfall; the JSON's factors give the value and its waterfall parts sum to the
//! difference; bad input exits 1.

mod common;

use common::{chipcast, ok};
use serde_json::Value;

fn fold(factors: &[Value]) -> f64 {
    factors.iter().fold(0.0, |acc, f| {
        let x = f["value"].as_f64().unwrap();
        match f["op"].as_str().unwrap() {
            "" => x,
            "×" => acc * x,
            "÷" => {
                if x == 0.0 {
                    0.0
                } else {
                    acc / x
                }
            }
            "+" => acc + x,
            "−" => acc - x,
            "min" => acc.min(x),
            "max" => acc.max(x),
            op => panic!("unknown op {op}"),
        }
    })
}

#[test]
fn json_chain_gives_the_value_and_the_waterfall_sums() {
    let out = ok(&[
        "explain",
        "baseline",
        "--metric",
        "domestic_compute_h100e",
        "--year",
        "2029",
        "--set",
        "state_investment_usd_bn=40",
        "--set",
        "euv_access=true",
        "--set",
        "packaging_growth=0.5",
        "--format",
        "json",
    ]);
    let doc: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["run"], "central");
    let value = doc["value"].as_f64().unwrap();
    let got = fold(doc["factors"].as_array().unwrap());
    assert!((got - value).abs() <= 1e-9 * value.abs());
    let w = &doc["waterfall"];
    let sum: f64 = w["parts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["part"].as_f64().unwrap())
        .sum();
    let diff = w["difference"].as_f64().unwrap();
    assert!((sum - diff).abs() <= 1e-9 * value.abs().max(diff.abs()));
    assert_eq!(w["current"].as_f64().unwrap(), value);
    assert_eq!(w["parts"].as_array().unwrap().len(), 3);
    assert!(w["method"].as_str().unwrap().contains("exact Shapley"));
    assert!(!doc["products"].as_array().unwrap().is_empty());
}

#[test]
fn the_table_and_against_another_scenario() {
    let text = ok(&[
        "explain",
        "baseline",
        "--metric",
        "ai_wafers_wpm",
        "--year",
        "2028",
        "--against",
        "hardline",
    ]);
    for needle in [
        "central run",
        "AI wafer share (ai_wafer_share)",
        "Binding input by product",
        "Slack",
        "Waterfall in 2028",
        "Shapley",
        "sum of parts",
    ] {
        assert!(text.contains(needle), "lacks {needle:?}:\n{text}");
    }
    let bad = chipcast(&["explain", "baseline", "--metric", "nope", "--year", "2028"]);
    assert_eq!(bad.status.code(), Some(1));
    let bad = chipcast(&[
        "explain",
        "baseline",
        "--metric",
        "ai_wafers_wpm",
        "--year",
        "1990",
    ]);
    assert_eq!(bad.status.code(), Some(1));
}
