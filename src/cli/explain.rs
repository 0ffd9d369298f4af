//! `chipcast explain SCENARIO --metric ID --year Y`: one number of the central run explained:
//! the chain of factors that gives it, the binding input of each product, each input's slack,
//! and (with `--set` or `--against`) the waterfall that splits the difference among the
//! levers. The model computes; this file only formats.

use std::process::ExitCode;

use serde::Serialize;

use super::run::{self, Input, Manifest, load_input, parse_metric, to_json};
use crate::args::Sets;
use crate::diag::Diagnostic;
use crate::model::explain::{self, Explanation, Factor, Waterfall};
use crate::model::path::central_path;
use crate::model::scenario::Overrides;
use crate::output::explain::{chain_rows, waterfall_rows};
use crate::output::format::{self, Align, metric_value, percent};
use crate::output::report;

/// Output formats of `chipcast explain`. Each variant's doc is its line in `--help`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ExplainFormat {
    /// Aligned columns, for reading in a terminal.
    Table,
    /// One JSON document, for scripts.
    Json,
}

/// What `chipcast explain` was asked for: its command-line arguments.
#[derive(clap::Args, Clone, Debug)]
pub struct ExplainOptions {
    /// A scenario file, or a bundled scenario's name.
    #[arg(value_name = "SCENARIO")]
    pub scenario: String,
    /// The metric to explain.
    #[arg(long, value_name = "ID")]
    pub metric: String,
    /// The year, within the scenario's horizon (default: the scenario's last year).
    #[arg(long, value_name = "YEAR")]
    pub year: Option<i32>,
    /// Lever changes; their effect is split among the levers (the waterfall).
    #[command(flatten)]
    pub sets: Sets,
    /// Split the difference against this scenario (its file values) instead of the
    /// scenario's own file values.
    #[arg(long, value_name = "SCENARIO")]
    pub against: Option<String>,
    /// Output format: a table or JSON.
    #[arg(long, value_enum, default_value_t = ExplainFormat::Table)]
    pub format: ExplainFormat,
    /// `--root DIR`: more folders `extends` may read parents from.
    #[command(flatten)]
    pub scope: crate::args::Scope,
}

/// The layout of the output, for `chipcast explain --help`.
pub const JSON_HELP: &str = "\
Every number is from the central run (every distribution at its central value). The factors,
applied left to right (x, /, +, -, min, max), give the metric's value; a factor's parts give
the factor. With --set (against the file's values) or --against SCENARIO, the difference is
split among the levers whose values differ by Shapley values (exact up to 12 levers, else
averaged over 256 seeded random orders); the parts sum to the difference.

JSON output (--format json):
  {\"scenario\", \"file\", \"metric\", \"unit\", \"year\", \"run\": \"central\", \"value\", \"note\",
   \"factors\": [{\"op\", \"name\", \"value\", \"unit\", \"parts\": [...]}, ...],
   \"products\": [{\"key\", \"name\", \"units\", \"binding\"}, ...],
   \"slack\": {\"wafers\", \"hbm\", \"packaging\", \"demand\"}, \"binding_constraint\",
   \"waterfall\": {\"against\", \"reference\", \"current\", \"difference\", \"method\",
                 \"parts\": [{\"lever\", \"part\"}, ...]} or null,
   \"manifest\": {...}}";

/// `chipcast explain`.
pub fn explain(opts: &ExplainOptions) -> ExitCode {
    let mut diags = Vec::new();
    let roots = opts.scope.roots(&[]);
    let input = load_input(&opts.scenario, &opts.sets.set, &roots, &mut diags);
    let against = opts
        .against
        .as_ref()
        .and_then(|a| load_input(a, &[], &roots, &mut diags));
    let metric = parse_metric(&opts.metric, &mut diags);
    let year = input
        .as_ref()
        .map_or(0, |i| opts.year.unwrap_or(i.scenario().last_year));
    for s in [input.as_ref(), against.as_ref()].into_iter().flatten() {
        let s = s.scenario();
        if !(s.first_year..=s.last_year).contains(&year) {
            diags.push(
                Diagnostic::arg(
                    "--year",
                    "year-out-of-range",
                    "",
                    format!("{year} is outside the horizon of {}", s.name),
                )
                .expected(format!("a year from {} to {}", s.first_year, s.last_year)),
            );
        }
    }
    let (Some(input), Some(metric)) = (input, metric) else {
        report(&diags);
        return ExitCode::from(1);
    };
    if !diags.is_empty() {
        report(&diags);
        return ExitCode::from(1);
    }
    let current = central_path(input.scenario(), &input.overrides);
    let Some(e) = explain::explain(&current, metric, year) else {
        return ExitCode::from(1);
    };
    let (reference, against_name) = match &against {
        Some(a) => (central_path(a.scenario(), &Overrides::default()), a.name()),
        None => (
            central_path(input.scenario(), &Overrides::default()),
            format!("{} (file values)", input.name()),
        ),
    };
    let w = if against.is_some() || !input.overrides.is_empty() {
        explain::waterfall(&reference, &current, metric, year, 0)
    } else {
        None
    };
    let text = match opts.format {
        ExplainFormat::Table => table(&input, &e, w.as_ref(), &against_name),
        ExplainFormat::Json => json(&input, &e, w.as_ref(), &against_name),
    };
    run::print(&text)
}

fn table(input: &Input, e: &Explanation, w: Option<&Waterfall>, against: &str) -> String {
    let m = e.metric.metric();
    let mut out = run::header(input, 0, 0);
    out.push_str(&format!(
        "\nExplain {} ({}, {}) in {}: {}\n  central run: every distribution at its central value\n  {}\n\n",
        m.label,
        m.key,
        format::metric_unit(m),
        e.year,
        metric_value(m, e.value),
        e.note
    ));
    if !e.factors.is_empty() {
        let rows: Vec<Vec<String>> = chain_rows(e)
            .into_iter()
            .map(|r| {
                vec![
                    format!("{}{}", "    ".repeat(r.depth), r.op),
                    r.name,
                    r.value,
                    r.unit.to_string(),
                ]
            })
            .collect();
        out.push_str(&format::table(
            &rows,
            &[Align::Left, Align::Left, Align::Right, Align::Left],
            2,
        ));
    }
    out.push_str(&format!("\nBinding input by product ({})\n", e.year));
    let mut rows = vec![["product", "units", "binding"].map(String::from).to_vec()];
    for p in &e.products {
        rows.push(vec![
            p.product.product().name.to_string(),
            format::thousands(p.units, 0),
            p.binding.name().to_string(),
        ]);
    }
    out.push_str(&format::table(
        &rows,
        &[Align::Left, Align::Right, Align::Left],
        2,
    ));
    let slack: Vec<String> = e
        .slacks()
        .map(|(i, s)| format!("{} {}", i.name(), percent(s)))
        .collect();
    out.push_str(&format!(
        "\nSlack (share of each input left unused): {}\nMost units bound by: {}\n",
        slack.join(", "),
        e.binding.name()
    ));
    if let Some(w) = w {
        out.push_str(&format!(
            "\nWaterfall in {}: {} → {} (central runs)\n  method: {}\n",
            e.year,
            against,
            input.name(),
            w.method.describe()
        ));
        let mut rows = vec![vec!["reference".to_string(), metric_value(m, w.reference)]];
        rows.extend(waterfall_rows(e, w).into_iter().map(|(a, b)| vec![a, b]));
        rows.push(vec!["current".into(), metric_value(m, w.current)]);
        if w.parts.is_empty() {
            out.push_str("  no lever differs up to this year\n");
        }
        out.push_str(&format::table(&rows, &[Align::Left, Align::Right], 2));
    }
    out
}

#[derive(Serialize)]
struct JsonFactor {
    op: &'static str,
    name: String,
    value: f64,
    unit: &'static str,
    parts: Vec<JsonFactor>,
}

fn json_factors(f: &[Factor]) -> Vec<JsonFactor> {
    f.iter()
        .map(|f| JsonFactor {
            op: f.op.symbol(),
            name: f.name.clone(),
            value: f.value,
            unit: f.unit,
            parts: json_factors(&f.parts),
        })
        .collect()
}

#[derive(Serialize)]
struct JsonProduct {
    key: &'static str,
    name: &'static str,
    units: f64,
    binding: &'static str,
}

#[derive(Serialize)]
struct JsonPart {
    lever: &'static str,
    part: f64,
}

#[derive(Serialize)]
struct JsonWaterfall {
    against: String,
    reference: f64,
    current: f64,
    difference: f64,
    method: String,
    parts: Vec<JsonPart>,
}

#[derive(Serialize)]
struct JsonExplain {
    scenario: String,
    file: String,
    metric: &'static str,
    unit: &'static str,
    year: i32,
    run: &'static str,
    value: f64,
    note: &'static str,
    factors: Vec<JsonFactor>,
    products: Vec<JsonProduct>,
    slack: run::Ordered<f64>,
    binding_constraint: &'static str,
    waterfall: Option<JsonWaterfall>,
    manifest: Manifest,
}

fn json(input: &Input, e: &Explanation, w: Option<&Waterfall>, against: &str) -> String {
    let m = e.metric.metric();
    let doc = JsonExplain {
        scenario: input.scenario().name.clone(),
        file: input.scenario().file.clone(),
        metric: m.key,
        unit: m.unit,
        year: e.year,
        run: "central",
        value: e.value,
        note: e.note,
        factors: json_factors(&e.factors),
        products: e
            .products
            .iter()
            .map(|p| JsonProduct {
                key: p.product.product().key,
                name: p.product.product().name,
                units: p.units,
                binding: p.binding.name(),
            })
            .collect(),
        slack: run::Ordered(e.slacks().map(|(i, s)| (i.name(), s)).collect()),
        binding_constraint: e.binding.name(),
        waterfall: w.map(|w| JsonWaterfall {
            against: against.to_string(),
            reference: w.reference,
            current: w.current,
            difference: w.difference(),
            method: w.method.describe(),
            parts: w
                .parts
                .iter()
                .map(|(id, part)| JsonPart {
                    lever: id.key(),
                    part: *part,
                })
                .collect(),
        }),
        manifest: Manifest::of(input),
    };
    to_json(&doc)
}
