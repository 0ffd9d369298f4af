//! End-to-end tests of `chipcast run` and `chipcast sensitivity` on the bundled scenarios:
//! the three output formats, determinism by seed, `--set` and `--metric` errors, and golden
//! snapshots of the deterministic central run.

use std::process::Output;

use serde_json::Value;

mod common;

use common::{chipcast, json, ok, top_level_keys};

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// Replaces what changes with every release or scenario edit (the version and the hash) so
/// the snapshots pin the layout and the numbers.
fn redact(text: &str) -> String {
    let mut out = text.replace(env!("CARGO_PKG_VERSION"), "[version]");
    if let Some(i) = out.find("scenario sha256 ") {
        let start = i + "scenario sha256 ".len();
        out.replace_range(start..start + 16, "[sha256]");
    }
    out
}

const HEADLINE: &str = "domestic_accelerators,self_reliance,die_yield,compute_gap_ratio,us_vendor_china_revenue_usd_bn";

#[test]
fn table_of_the_central_run() {
    let out = ok(&["run", "baseline", "--samples", "0", "--metric", HEADLINE]);
    insta::assert_snapshot!("run_baseline_central_table", redact(&out));
}

#[test]
fn table_with_bands_reads_with_units_and_separators() {
    let out = ok(&[
        "run",
        "baseline",
        "--samples",
        "200",
        "--metric",
        "domestic_accelerators,self_reliance",
    ]);
    assert!(out.starts_with("Baseline"), "{out}");
    assert!(out.contains("200 Monte Carlo samples, seed"), "{out}");
    assert!(
        out.contains("Binding constraint on domestic output"),
        "{out}"
    );
    assert!(out.contains("p10") && out.contains("p90"), "{out}");
    // Counts carry thousands separators; shares read as percentages.
    assert!(
        out.lines()
            .any(|l| l.starts_with("  2030") && l.contains(',')),
        "{out}"
    );
    assert!(out.contains('%'), "{out}");
    assert!(
        out.lines().all(|l| l.chars().count() <= 100),
        "a line is wider than 100 columns:\n{out}"
    );
}

#[test]
fn csv_is_tidy_and_bands_are_ordered() {
    let out = ok(&["run", "baseline", "--samples", "200", "--format", "csv"]);
    let mut lines = out.lines();
    assert_eq!(lines.next(), Some("metric,unit,year,p10,p50,p90"));
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    let metrics = chipcast::model::metrics::METRICS.len();
    assert_eq!(rows.len(), metrics * 9, "every metric for 2024-2032");
    for r in &rows {
        assert_eq!(r.len(), 6, "{r:?}");
        let id = chipcast::model::metrics::MetricId::from_key(r[0]);
        assert!(id.is_some(), "{r:?}");
        assert_eq!(r[1], id.unwrap().metric().unit, "the metric's unit: {r:?}");
        let v: Vec<f64> = r[3..].iter().map(|x| x.parse().unwrap()).collect();
        assert!(v[0] <= v[1] && v[1] <= v[2], "p10 <= p50 <= p90: {r:?}");
    }
}

#[test]
fn csv_of_the_central_run_is_pinned() {
    let out = ok(&[
        "run",
        "baseline",
        "--samples",
        "0",
        "--format",
        "csv",
        "--metric",
        HEADLINE,
    ]);
    insta::assert_snapshot!("run_baseline_central_csv", out);
}

#[test]
fn json_has_the_documented_keys() {
    let text = ok(&[
        "run",
        "baseline",
        "--samples",
        "200",
        "--format",
        "json",
        "--metric",
        "die_yield,hub_flow.malaysia",
    ]);
    let doc: Value = serde_json::from_str(&text).unwrap();
    let keys = top_level_keys(&text);
    assert_eq!(
        keys,
        [
            "scenario",
            "file",
            "seed",
            "samples",
            "years",
            "metrics",
            "binding_constraint",
            "products",
            "slack",
            "manifest"
        ]
    );
    assert_eq!(doc["file"], "bundled:baseline.ron");
    assert_eq!(doc["samples"], 200);
    let years = doc["years"].as_array().unwrap();
    assert_eq!(years.first(), Some(&Value::from(2024)));
    assert_eq!(years.len(), 9);
    let metrics = doc["metrics"].as_object().unwrap();
    assert_eq!(
        metrics.keys().collect::<Vec<_>>(),
        ["die_yield", "hub_flow.malaysia"]
    );
    for (id, m) in metrics {
        assert!(m["unit"].is_string(), "{id}");
        for band in ["p10", "p50", "p90"] {
            let series = m[band].as_array().unwrap();
            assert_eq!(series.len(), years.len(), "{id} {band}");
            assert!(series.iter().all(Value::is_f64), "{id} {band}: {series:?}");
        }
    }
    let binding = doc["binding_constraint"].as_array().unwrap();
    assert_eq!(binding.len(), years.len());
    assert!(
        binding
            .iter()
            .all(|b| b.as_str().is_some_and(|s| !s.is_empty()))
    );
    assert_eq!(doc["manifest"]["version"], env!("CARGO_PKG_VERSION"));
    let sha = doc["manifest"]["scenario_sha256"].as_str().unwrap();
    assert_eq!(sha.len(), 64);
    assert!(sha.bytes().all(|b| b.is_ascii_hexdigit()));
}

#[test]
fn the_same_seed_gives_the_same_output_and_another_seed_differs() {
    let args = |seed: &'static str| {
        [
            "run",
            "baseline",
            "--samples",
            "200",
            "--seed",
            seed,
            "--format",
            "json",
        ]
    };
    let first = ok(&args("7"));
    assert_eq!(first, ok(&args("7")));
    let other = ok(&args("8"));
    assert_ne!(first, other);
    let (a, b): (Value, Value) = (
        serde_json::from_str(&first).unwrap(),
        serde_json::from_str(&other).unwrap(),
    );
    assert_eq!(
        a["manifest"], b["manifest"],
        "the seed is not part of the scenario hash"
    );
    assert_ne!(
        a["metrics"]["domestic_accelerators"]["p50"],
        b["metrics"]["domestic_accelerators"]["p50"]
    );
}

#[test]
fn zero_samples_is_the_deterministic_central_run() {
    let doc = json(&[
        "run",
        "baseline",
        "--samples",
        "0",
        "--format",
        "json",
        "--seed",
        "1",
    ]);
    let again = json(&[
        "run",
        "baseline",
        "--samples",
        "0",
        "--format",
        "json",
        "--seed",
        "2",
    ]);
    assert_eq!(
        doc["metrics"], again["metrics"],
        "the seed cannot matter without samples"
    );
    for (id, m) in doc["metrics"].as_object().unwrap() {
        assert_eq!(m["p10"], m["p50"], "{id}");
        assert_eq!(m["p90"], m["p50"], "{id}");
    }
}

#[test]
fn set_changes_the_projection_and_the_hash() {
    let base = json(&["run", "baseline", "--samples", "0", "--format", "json"]);
    let set = json(&[
        "run",
        "baseline",
        "--samples",
        "0",
        "--format",
        "json",
        "--set",
        "euv_access=true",
    ]);
    assert_ne!(
        base["manifest"]["scenario_sha256"],
        set["manifest"]["scenario_sha256"]
    );
    assert_eq!(
        set["manifest"]["overrides"],
        serde_json::json!(["euv_access=Fixed(1.0)"])
    );
    assert_ne!(
        base["metrics"]["advanced_capacity_wpm"],
        set["metrics"]["advanced_capacity_wpm"]
    );
    // The same resolved input hashes the same however it is written.
    let same = json(&[
        "run",
        "baseline",
        "--samples",
        "0",
        "--format",
        "json",
        "--set",
        "euv_access = true",
    ]);
    assert_eq!(
        same["manifest"]["scenario_sha256"],
        set["manifest"]["scenario_sha256"]
    );
}

#[test]
fn a_bad_set_gets_the_scenario_diagnostics_and_exit_1() {
    let o = chipcast(&[
        "run",
        "baseline",
        "--set",
        "hub_enforcment=0.5",
        "--set",
        "revenue_share=2",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
    let err = stderr(&o);
    assert!(err.contains("unknown lever `hub_enforcment`"), "{err}");
    assert!(err.contains("did you mean `hub_enforcement`?"), "{err}");
    assert!(
        err.contains("outside the range of `revenue_share`"),
        "both problems in one pass: {err}"
    );
}

#[test]
fn an_unknown_metric_gets_a_did_you_mean_and_exit_1() {
    let o = chipcast(&[
        "run",
        "baseline",
        "--samples",
        "0",
        "--metric",
        "self_reliace",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
    let err = stderr(&o);
    assert!(err.contains("unknown metric `self_reliace`"), "{err}");
    assert!(err.contains("did you mean `self_reliance`?"), "{err}");
}

#[test]
fn a_missing_scenario_exits_1_with_a_diagnostic() {
    let o = chipcast(&["run", "no_such_scenario.ron"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("no_such_scenario.ron"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn every_bundled_scenario_runs() {
    for name in chipcast::scenario::bundled::NAMES {
        let doc = json(&["run", name, "--samples", "0", "--format", "json"]);
        assert_eq!(doc["file"], format!("bundled:{name}.ron"));
    }
}

#[test]
fn sensitivity_ranks_the_swings() {
    let doc = json(&[
        "sensitivity",
        "baseline",
        "--samples",
        "100",
        "--metric",
        "domestic_accelerators",
        "--year",
        "2030",
        "--format",
        "json",
    ]);
    assert_eq!(doc["metric"], "domestic_accelerators");
    assert_eq!(doc["year"], 2030);
    assert_eq!(doc["samples"], 100, "the basis is stated");
    assert!(doc["split"].is_null(), "no overrides, no split");
    let swings = doc["swings"].as_array().unwrap();
    assert_eq!(swings.len(), chipcast::model::levers::LEVERS.len());
    let sizes: Vec<f64> = swings
        .iter()
        .map(|s| s["swing"].as_f64().unwrap().abs())
        .collect();
    assert!(
        sizes.windows(2).all(|w| w[0] >= w[1]),
        "ranked by size: {sizes:?}"
    );
    assert!(sizes[0] > 0.0, "some lever moves domestic output");
    for s in swings {
        let d = s["high"].as_f64().unwrap() - s["low"].as_f64().unwrap();
        assert!((d - s["swing"].as_f64().unwrap()).abs() < 1e-6 * d.abs().max(1.0));
    }
}

#[test]
fn sensitivity_table_and_split_with_overrides() {
    let out = ok(&[
        "sensitivity",
        "baseline",
        "--samples",
        "100",
        "--metric",
        "domestic_accelerators",
        "--year",
        "2030",
        "--set",
        "hbm_controls=false",
        "--set",
        "hbm_domestic_growth=1.0",
    ]);
    insta::assert_snapshot!("sensitivity_baseline_2030_table", redact(&out));
    assert!(out.contains("by lever group"), "{out}");

    let out = ok(&[
        "sensitivity",
        "baseline",
        "--samples",
        "100",
        "--metric",
        "self_reliance",
        "--year",
        "2028",
        "--format",
        "csv",
    ]);
    assert_eq!(
        out.lines().next(),
        Some("lever,group,since,low_value,high_value,low,high,swing")
    );
    assert_eq!(
        out.lines().count(),
        chipcast::model::levers::LEVERS.len() + 1
    );
}

#[test]
fn sensitivity_outside_the_horizon_names_the_valid_range() {
    let o = chipcast(&[
        "sensitivity",
        "baseline",
        "--samples",
        "100",
        "--metric",
        "die_yield",
        "--year",
        "2040",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("2040 is outside the scenario's horizon"),
        "{err}"
    );
    assert!(err.contains("a year from 2024 to 2032"), "{err}");
}

/// The `years` array of a `run --format json` document.
fn years_of(doc: &Value) -> Vec<i64> {
    doc["years"]
        .as_array()
        .unwrap()
        .iter()
        .map(|y| y.as_i64().unwrap())
        .collect()
}

/// A table cell as a number and half a unit of its last shown digit: `25.0` → (25, 0.05),
/// `112` → (112, 0.5), `1.2M` → (1.2e6, 5e4), `321k` → (321e3, 500).
fn cell_number(cell: &str) -> (f64, f64) {
    let (digits, scale) = [("bn", 1e9), ("M", 1e6), ("k", 1e3)]
        .iter()
        .find_map(|(s, f)| cell.strip_suffix(s).map(|d| (d, *f)))
        .unwrap_or((cell, 1.0));
    let digits = digits.replace(',', "");
    let decimals = digits.split_once('.').map_or(0, |(_, f)| f.len());
    let value: f64 = digits
        .parse()
        .unwrap_or_else(|_| panic!("not a number: {cell}"));
    (value * scale, 0.5 * 10f64.powi(-(decimals as i32)) * scale)
}

/// The rows of a titled block of `run`'s table: each row's name and cells, every year block
/// joined, with the years they cover.
fn block_rows(out: &str, title: &str) -> (Vec<i64>, Vec<(String, Vec<String>)>) {
    let start = out
        .find(title)
        .unwrap_or_else(|| panic!("no block {title:?}:\n{out}"));
    let body = &out[start..];
    let mut years = Vec::new();
    let mut rows: Vec<(String, Vec<String>)> = Vec::new();
    let mut block_row = 0;
    for line in body.lines().skip(1) {
        if line.trim().is_empty() {
            break;
        }
        let cells: Vec<&str> = line.split_whitespace().collect();
        if cells
            .iter()
            .all(|c| c.parse::<i64>().is_ok_and(|y| y > 1900))
        {
            years.extend(cells.iter().map(|c| c.parse::<i64>().unwrap()));
            block_row = 0;
            continue;
        }
        // Names may hold spaces and parentheses; the cells are the last ones, one per year of
        // this block.
        let done = rows.get(block_row).map_or(0, |r| r.1.len());
        let n = years.len() - done;
        let split = cells.len() - n;
        let name = cells[..split].join(" ");
        let values = cells[split..].iter().map(|c| c.to_string());
        match rows.get_mut(block_row) {
            Some((existing, v)) => {
                assert_eq!(*existing, name, "{title}: rows out of order");
                v.extend(values);
            }
            None => rows.push((name, values.collect())),
        }
        block_row += 1;
    }
    (years, rows)
}

#[test]
fn the_table_has_a_market_block_agreeing_with_the_json() {
    // The block comes with any --metric choice, as the supply blocks do.
    let out = ok(&["run", "baseline", "--samples", "0", "--metric", "die_yield"]);
    let doc = json(&["run", "baseline", "--samples", "0", "--format", "json"]);
    let metrics = doc["metrics"].as_object().unwrap();
    let json_years = years_of(&doc);
    let blocks = [
        (
            "Market (central run), $bn/yr",
            vec![
                ("market", "china_ai_chip_spending_usd_bn"),
                ("domestic", "domestic_sales_usd_bn"),
                ("US vendors (licensed)", "us_vendor_china_revenue_usd_bn"),
                ("US government's share", "us_revenue_share_usd_bn"),
                ("diverted", "diverted_spending_usd_bn"),
                ("unserved", "unserved_spending_usd_bn"),
            ],
        ),
        (
            "Market (central run), units/yr",
            vec![
                ("domestic", "domestic_accelerators"),
                ("licensed imports", "imported_accelerators"),
                ("diverted", "diverted_accelerators"),
            ],
        ),
    ];
    for (title, expected) in &blocks {
        let (years, rows) = block_rows(&out, title);
        assert_eq!(years, json_years, "{title}");
        let names: Vec<&str> = rows.iter().map(|(n, _)| n.as_str()).collect();
        let want: Vec<&str> = expected.iter().map(|(n, _)| *n).collect();
        assert_eq!(names, want, "{title}");
        for ((name, cells), (_, key)) in rows.iter().zip(expected) {
            let p50 = metrics[*key]["p50"].as_array().unwrap();
            assert_eq!(cells.len(), p50.len(), "{title} {name}");
            for ((cell, v), year) in cells.iter().zip(p50).zip(&years) {
                let v = v.as_f64().unwrap();
                let (shown, half) = cell_number(cell);
                assert!(
                    (shown - v).abs() <= half * 1.0001,
                    "{title} {name} {year}: table {cell}, JSON {v}"
                );
            }
        }
    }
    assert!(
        out.lines().all(|l| l.chars().count() <= 100),
        "a line is wider than 100 columns:\n{out}"
    );
    // CSV carries the same metrics.
    let csv = ok(&["run", "baseline", "--samples", "0", "--format", "csv"]);
    for (_, rows) in &blocks {
        for (_, key) in rows {
            assert!(
                csv.lines()
                    .any(|l| l.starts_with(&format!("{key},")) && l.contains(",2032,")),
                "{key}"
            );
        }
    }
}

/// `--set LEVER=VALUE@YEAR` leaves the years before YEAR as the plain run has them and
/// changes the years from it; the manifest echoes the override with its year.
#[test]
fn an_override_from_a_year_keeps_the_earlier_years() {
    let args = |set: Option<&'static str>| {
        let mut a = vec!["run", "baseline", "--samples", "0", "--format", "json"];
        if let Some(s) = set {
            a.extend(["--set", s]);
        }
        a
    };
    let plain = json(&args(None));
    let from = json(&args(Some("hub_enforcement=0.9@2027")));
    let years = years_of(&plain);
    let metric = |run: &serde_json::Value, key: &str| run["metrics"][key]["p50"].clone();
    let (a, b) = (
        metric(&plain, "diverted_accelerators"),
        metric(&from, "diverted_accelerators"),
    );
    for (i, y) in years.iter().enumerate() {
        if *y < 2027 {
            assert_eq!(a[i], b[i], "diverted_accelerators in {y}");
        } else {
            assert_ne!(a[i], b[i], "diverted_accelerators in {y}");
        }
    }
    // Every metric is unchanged before 2027.
    for (key, m) in plain["metrics"].as_object().unwrap() {
        for (i, y) in years.iter().enumerate().take_while(|(_, y)| **y < 2027) {
            assert_eq!(m["p50"][i], from["metrics"][key]["p50"][i], "{key} in {y}");
        }
    }
    let echoed = from["manifest"]["overrides"].to_string();
    assert!(
        echoed.contains("hub_enforcement=Fixed(0.9) from 2027"),
        "{echoed}"
    );
}
