//! `chipcast levers --effects` on the real binary: one CSV row per lever per scenario, JSON
//! that reads back, usage errors (exit 2) for a bad `--from`, and a clear error (exit 1) for a
//! scenario that does not exist.

mod common;

use chipcast::model::effects::{METRIC_KEYS, YEARS};
use chipcast::model::levers::LEVERS;
use common::{chipcast, ok};

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn csv_has_a_header_and_a_row_per_lever_per_scenario() {
    let out = ok(&["levers", "--effects", "--format", "csv"]);
    let mut lines = out.lines();
    let header = lines.next().unwrap();
    assert!(
        header.starts_with("scenario,lever,direction,applied_from,low,high,as_documented,"),
        "{header}"
    );
    let columns = header.split(',').count();
    assert_eq!(columns, 7 + YEARS.len() * METRIC_KEYS.len());
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), 2 * LEVERS.len());
    for (i, scenario) in ["baseline", "hardline"].iter().enumerate() {
        for (row, lever) in rows[i * LEVERS.len()..].iter().zip(&LEVERS) {
            let cells: Vec<&str> = row.split(',').collect();
            assert_eq!(cells.len(), columns, "{row}");
            assert_eq!(cells[0], *scenario);
            assert_eq!(cells[1], lever.key);
            for c in &cells[7..] {
                assert!(c.parse::<f64>().is_ok_and(f64::is_finite), "{row}");
            }
        }
    }
}

#[test]
fn scenarios_and_start_year_can_be_chosen() {
    let out = ok(&[
        "levers",
        "--effects",
        "--scenario",
        "thaw",
        "--from",
        "2027",
        "--format",
        "json",
    ]);
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["from"], 2027);
    let scenarios = doc["scenarios"].as_array().unwrap();
    assert_eq!(scenarios.len(), 1);
    assert_eq!(scenarios[0]["scenario"], "thaw");
    let levers = scenarios[0]["levers"].as_array().unwrap();
    assert_eq!(levers.len(), LEVERS.len());
    for l in levers {
        let whole = l["whole_horizon"].as_bool().unwrap();
        assert_eq!(l["applied_from"].is_null(), whole);
        if !whole {
            assert_eq!(l["applied_from"], 2027);
        }
        for y in YEARS {
            for k in METRIC_KEYS {
                assert!(l["changes"][y.to_string()][k].is_number(), "{l}");
            }
        }
    }
}

#[test]
fn table_and_markdown_list_every_lever() {
    for format in ["table", "markdown"] {
        let out = ok(&["levers", "--effects", "--format", format]);
        // The first cell of each line: `key` or `key*` (an anchor lever).
        let firsts: Vec<String> = out
            .lines()
            .filter_map(|l| {
                let l = l.trim_start().trim_start_matches("| ");
                l.split([' ', '|']).next()
            })
            .map(|c| {
                c.trim_matches('`')
                    .trim_end_matches('*')
                    .trim_matches('`')
                    .to_string()
            })
            .collect();
        for lever in &LEVERS {
            let n = firsts.iter().filter(|c| *c == lever.key).count();
            assert_eq!(n, 2, "{format}: {} once per scenario\n{out}", lever.key);
        }
    }
}

#[test]
fn a_bad_start_year_is_a_usage_error() {
    for from in ["1999", "2031", "soon"] {
        let o = chipcast(&["levers", "--effects", "--from", from]);
        assert_eq!(o.status.code(), Some(2), "{from}: {}", stderr(&o));
        let err = stderr(&o);
        assert!(
            err.contains("--from") && err.contains("expected a year from 2020 to 2030"),
            "{err}"
        );
        assert!(o.stdout.is_empty());
    }
    // --from and --scenario belong to --effects.
    let o = chipcast(&["levers", "--from", "2027"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--effects"));
}

#[test]
fn an_unknown_scenario_is_a_clear_error() {
    let o = chipcast(&["levers", "--effects", "--scenario", "no_such_scenario"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("no_such_scenario") && err.contains("cannot read the file"),
        "{err}"
    );
    assert!(o.stdout.is_empty(), "no partial table");
}
