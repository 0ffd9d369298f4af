//! `chipcast compare [SCENARIO ...] [--year Y]`: every scenario side by side for one year —
//! each headline metric's Monte Carlo p50 and p10–p90 (the same seed and samples for all), and
//! its change against the first scenario named (the reference). The matrix an analyst reads
//! to see which world a scenario lands in.

use std::process::ExitCode;

use crate::args::{Sampling, Scope};
use crate::diag::{Diagnostic, sanitize};
use crate::model::metrics::{HEADLINE, MetricId};
use crate::model::montecarlo::{self, Projection};
use crate::output::format::{
    Align, csv_field, csv_number, json_number, metric_value, pct_change, short_name,
    signed_percent, table,
};
use crate::output::report;
use crate::scenario::bundled;

use super::Format;
use super::run::{Input, load_input, parse_metrics, print};

/// What `chipcast compare` was asked for: its command-line arguments.
#[derive(clap::Args, Clone, Debug)]
pub struct CompareOptions {
    /// Scenario files or bundled names; the first is the reference the others are compared
    /// with (default: every bundled scenario, baseline first).
    #[arg(value_name = "SCENARIO")]
    pub scenarios: Vec<String>,
    /// The year compared (default: the last year every scenario covers).
    #[arg(long, value_name = "YEAR")]
    pub year: Option<i32>,
    /// Metrics to compare (repeatable or comma-separated; default: the six headline metrics).
    #[arg(long = "metric", value_name = "ID", value_delimiter = ',')]
    pub metrics: Vec<String>,
    /// Output format: a table, tidy CSV or JSON.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// `--samples` and `--seed`, the same for every scenario.
    #[command(flatten)]
    pub sampling: Sampling,
    /// `--root DIR`: more folders `extends` may read parents from.
    #[command(flatten)]
    pub scope: Scope,
}

/// The JSON layout, for `chipcast compare --help`.
pub const JSON_HELP: &str = "\
JSON output (--format json):
  {\"year\", \"seed\", \"samples\", \"reference\": SCENARIO NAME,
   \"scenarios\": [{\"scenario\", \"file\", \"metrics\": {ID: {\"unit\", \"p10\", \"p50\", \"p90\",
   \"vs_reference_pct\": p50 change against the reference's p50, or null}}}, ...]}
CSV output (--format csv): scenario,metric,unit,year,p10,p50,p90,vs_reference_pct.";

/// One scenario's bands for the compared year.
struct Row {
    input: Input,
    projection: Projection,
}

/// `chipcast compare`.
pub fn compare(opts: &CompareOptions) -> ExitCode {
    let mut diags = Vec::new();
    let names: Vec<String> = if opts.scenarios.is_empty() {
        bundled::NAMES.iter().map(|n| n.to_string()).collect()
    } else {
        opts.scenarios.clone()
    };
    let roots = opts.scope.roots(&[]);
    let inputs: Vec<Option<Input>> = names
        .iter()
        .map(|n| load_input(n, &[], &roots, &mut diags))
        .collect();
    let metrics = if opts.metrics.is_empty() {
        HEADLINE.to_vec()
    } else {
        parse_metrics(&opts.metrics, &mut diags)
    };
    if !diags.is_empty() {
        report(&diags);
        return ExitCode::from(1);
    }
    let inputs: Vec<Input> = inputs.into_iter().flatten().collect();
    let first = inputs
        .iter()
        .map(|i| i.scenario().first_year)
        .max()
        .unwrap_or(0);
    let last = inputs
        .iter()
        .map(|i| i.scenario().last_year)
        .min()
        .unwrap_or(0);
    let year = opts.year.unwrap_or(last);
    if first > last || !(first..=last).contains(&year) {
        let d = Diagnostic::arg(
            "--year",
            "year-out-of-range",
            "year",
            format!("{year} is not a year every scenario covers"),
        )
        .hint(if first <= last {
            format!("the scenarios all cover {first} to {last}")
        } else {
            "the scenarios' horizons do not overlap".to_string()
        });
        report(&[d]);
        return ExitCode::from(1);
    }
    let rows: Vec<Row> = inputs
        .into_iter()
        .map(|input| {
            let projection = montecarlo::simulate_metrics(
                input.scenario(),
                &input.overrides,
                opts.sampling.count(),
                opts.sampling.seed,
                &metrics,
            );
            Row { input, projection }
        })
        .collect();
    let text = match opts.format {
        Format::Table => text_table(&rows, &metrics, year, opts),
        Format::Csv => csv(&rows, &metrics, year),
        Format::Json => json(&rows, &metrics, year, opts),
    };
    print(&text)
}

/// p10, p50 and p90 of a metric in a year.
fn band(p: &Projection, m: MetricId, year: i32) -> [f64; 3] {
    p.percentiles_in(m, year).unwrap_or([f64::NAN; 3])
}

/// The p50's change against the reference (the first row), in percent.
fn vs_reference(rows: &[Row], row: &Row, m: MetricId, year: i32) -> Option<f64> {
    let reference = band(&rows.first()?.projection, m, year)[1];
    pct_change(reference, band(&row.projection, m, year)[1])
}

fn text_table(rows: &[Row], metrics: &[MetricId], year: i32, opts: &CompareOptions) -> String {
    let reference = rows
        .first()
        .map(|r| sanitize(&r.input.scenario().name))
        .unwrap_or_default();
    let mut out = format!(
        "Compare, {year}: p50 [p10–p90], and the p50's change against {reference}\n\
         ({} samples, seed {})\n\n",
        opts.sampling.samples, opts.sampling.seed
    );
    let mut header = vec!["scenario".to_string()];
    header.extend(metrics.iter().map(|m| m.metric().label.to_string()));
    let mut table_rows = vec![header];
    for (k, row) in rows.iter().enumerate() {
        let mut p50s = vec![short_name(&row.input.scenario().name)];
        let mut spans = vec![String::new()];
        for &m in metrics {
            let metric = m.metric();
            let [lo, mid, hi] = band(&row.projection, m, year);
            let change = if k == 0 {
                "ref".to_string()
            } else {
                signed_percent(vs_reference(rows, row, m, year))
            };
            p50s.push(format!("{} {change}", metric_value(metric, mid)));
            spans.push(format!(
                "{}–{}",
                metric_value(metric, lo),
                metric_value(metric, hi)
            ));
        }
        table_rows.push(p50s);
        table_rows.push(spans);
    }
    let mut align = vec![Align::Left];
    align.extend(metrics.iter().map(|_| Align::Right));
    out.push_str(&table(&table_rows, &align, 0));
    out
}

fn csv(rows: &[Row], metrics: &[MetricId], year: i32) -> String {
    let mut out = String::from("scenario,metric,unit,year,p10,p50,p90,vs_reference_pct\n");
    for row in rows {
        for &m in metrics {
            let [lo, mid, hi] = band(&row.projection, m, year);
            out.push_str(&format!(
                "{},{},{},{year},{},{},{},{}\n",
                csv_field(&row.input.scenario().name),
                m.key(),
                csv_field(m.metric().unit),
                csv_number(lo),
                csv_number(mid),
                csv_number(hi),
                vs_reference(rows, row, m, year).map_or(String::new(), csv_number),
            ));
        }
    }
    out
}

fn json(rows: &[Row], metrics: &[MetricId], year: i32, opts: &CompareOptions) -> String {
    let scenarios: Vec<serde_json::Value> = rows
        .iter()
        .map(|row| {
            let mut by_metric = serde_json::Map::new();
            for &m in metrics {
                let [lo, mid, hi] = band(&row.projection, m, year);
                by_metric.insert(
                    m.key().to_string(),
                    serde_json::json!({
                        "unit": m.metric().unit,
                        "p10": json_number(lo),
                        "p50": json_number(mid),
                        "p90": json_number(hi),
                        "vs_reference_pct": vs_reference(rows, row, m, year).map_or(serde_json::Value::Null, json_number),
                    }),
                );
            }
            serde_json::json!({
                "scenario": row.input.scenario().name,
                "file": row.input.file(),
                "metrics": by_metric,
            })
        })
        .collect();
    let doc = serde_json::json!({
        "year": year,
        "seed": opts.sampling.seed,
        "samples": opts.sampling.samples,
        "reference": rows.first().map(|r| r.input.scenario().name.clone()),
        "scenarios": scenarios,
    });
    crate::output::json(&doc)
}
