//! `chipcast run`: load a scenario (with `--set` overrides), ask the model for a seeded Monte
//! Carlo projection, and print it as a table, tidy CSV or JSON with a run manifest.
//!
//! Also holds what `diff` and `sensitivity` share with it: loading a SCENARIO argument with
//! every problem reported in one pass, choosing metrics by id, and the manifest's scenario
//! hash. Nothing here computes a projection; `model::montecarlo::simulate` does.
//!
//! # The scenario hash (`manifest.scenario_sha256`)
//! SHA-256 over the resolved inputs, framed so that no two inputs hash alike:
//! `chipcast-scenario-v1\n`, then for each file of the `extends` chain, parent first,
//! `file <byte length>\n<text>\n`, then `overrides <count>\n` and one `<lever>=<value>\n` per
//! `--set` override, sorted by lever id, the value in an exact canonical form
//! (`Fixed(0.8)`, `Uniform(0.1,0.3)`, ...; an override that starts in a year adds ` from YEAR`). File names are not hashed, so the same texts give the
//! same hash wherever they live; the seed and sample count are reported beside the hash.

use std::process::ExitCode;

use serde::Serialize;
use serde::ser::SerializeMap;
use sha2::{Digest, Sha256};

use super::Format;
use crate::args::{Sampling, Sets};
use crate::diag::did_you_mean;
use crate::diag::{Diagnostic, sanitize};
use crate::model::metrics::{METRICS, MetricId};
use crate::model::montecarlo::{self, Projection};
use crate::model::products::{PRODUCTS, Product, VENDORS};
use crate::model::project::{Constraint, Run, ScarceInput};
use crate::model::scenario::{Overrides, Scenario};
use crate::output::format::{self, Align, metric_value};
use crate::output::report;
use crate::scenario::{self, Loaded};

/// What `chipcast run` was asked for: its command-line arguments.
#[derive(clap::Args, Clone, Debug)]
pub struct RunOptions {
    /// A scenario file, or a bundled scenario's name (baseline, hardline, ...).
    #[arg(value_name = "SCENARIO")]
    pub scenario: String,
    /// The `--set LEVER=VALUE[@YEAR]` overrides, applied over the scenario.
    #[command(flatten)]
    pub sets: Sets,
    /// Output format: a table, tidy CSV or JSON.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// `--samples` and `--seed`: how many Monte Carlo samples to draw, from which seed.
    #[command(flatten)]
    pub sampling: Sampling,
    /// Metrics to show (repeatable or comma-separated; default: all).
    #[arg(long = "metric", value_name = "ID", value_delimiter = ',')]
    pub metrics: Vec<String>,
    /// `--root DIR`: more folders `extends` may read parents from.
    #[command(flatten)]
    pub scope: crate::args::Scope,
}

/// A scenario argument loaded, with its overrides and the hash of both.
pub struct Input {
    /// The scenario with its `extends` chain: the files read and the text each held.
    pub loaded: Loaded,
    /// The parsed `--set` overrides, applied over the scenario when projecting.
    pub overrides: Overrides,
    /// [`scenario_sha256`] of the chain's texts and the overrides: 64 lowercase hex digits.
    pub sha256: String,
}

impl Input {
    /// The resolved scenario (without the overrides, which the model applies).
    pub fn scenario(&self) -> &Scenario {
        &self.loaded.scenario
    }

    /// The scenario's file as shown to users (sanitized).
    pub fn file(&self) -> String {
        sanitize(&self.loaded.scenario.file)
    }

    /// The scenario's name as shown to users (sanitized).
    pub fn name(&self) -> String {
        sanitize(&self.loaded.scenario.name)
    }
}

/// Loads a SCENARIO argument and parses its `--set` overrides, collecting every problem of
/// both before giving up.
pub fn load_input(
    arg: &str,
    set: &[String],
    roots: &scenario::Roots,
    diags: &mut Vec<Diagnostic>,
) -> Option<Input> {
    let (_, loaded, overrides) = scenario::load_with_overrides(arg, set, roots)
        .map_err(|d| diags.extend(d))
        .ok()?;
    let sha256 = scenario_sha256(&loaded, &overrides);
    Some(Input {
        loaded,
        overrides,
        sha256,
    })
}

/// The SHA-256 of the resolved inputs, as described in this module's documentation: the texts
/// the loader read, so the hash always describes what was projected.
pub fn scenario_sha256(loaded: &Loaded, overrides: &Overrides) -> String {
    let mut hasher = Sha256::new();
    hasher.update(b"chipcast-scenario-v1\n");
    // The loader lists the named file first, then each parent; hash parent first.
    for text in loaded.texts.iter().rev() {
        hasher.update(format!("file {}\n", text.len()).as_bytes());
        hasher.update(text.as_bytes());
        hasher.update(b"\n");
    }
    let overrides = canonical_overrides(overrides);
    hasher.update(format!("overrides {}\n", overrides.len()).as_bytes());
    for o in &overrides {
        hasher.update(o.as_bytes());
        hasher.update(b"\n");
    }
    hex(&hasher.finalize())
}

/// The overrides as `lever=Value` lines (`lever=Value from YEAR` for one that starts in a
/// year), sorted by lever id (they commute).
pub fn canonical_overrides(overrides: &Overrides) -> Vec<String> {
    let mut items: Vec<_> = overrides.iter().collect();
    items.sort_by_key(|o| o.lever);
    items
        .iter()
        .map(|o| {
            format!(
                "{}={}{}",
                o.lever.key(),
                format::dist_canonical(o.value),
                from_suffix(o.from)
            )
        })
        .collect()
}

/// ` from YEAR` for an override that starts in a year, else nothing.
fn from_suffix(from: Option<i32>) -> String {
    from.map(|y| format!(" from {y}")).unwrap_or_default()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The metrics named by `--metric` (in the order given, duplicates dropped), or every metric
/// when none is named; unknown ids are reported with a did-you-mean.
pub fn parse_metrics(ids: &[String], diags: &mut Vec<Diagnostic>) -> Vec<MetricId> {
    if ids.is_empty() {
        return MetricId::ALL.to_vec();
    }
    let mut out = Vec::new();
    for id in ids {
        if let Some(m) = parse_metric(id, diags)
            && !out.contains(&m)
        {
            out.push(m);
        }
    }
    out
}

/// One metric id; `None`, with a diagnostic and a did-you-mean, if there is no such metric.
pub fn parse_metric(id: &str, diags: &mut Vec<Diagnostic>) -> Option<MetricId> {
    let key = id.trim();
    let found = MetricId::from_key(key);
    if found.is_none() {
        let hint = did_you_mean(key, METRICS.iter().map(|m| m.key))
            .unwrap_or_else(|| "`chipcast run --help` lists every metric id".to_string());
        diags.push(
            Diagnostic::arg(
                "--metric",
                "unknown-metric",
                "",
                format!("unknown metric `{}`", sanitize(key)),
            )
            .hint(hint),
        );
    }
    found
}

/// Every metric id with its unit and label, for `--help`.
pub fn metric_help() -> String {
    let mut s = String::from("Metric ids (for --metric):\n");
    for m in &METRICS {
        s.push_str(&format!("  {:<34} {:<10} {}\n", m.key, m.unit, m.label));
    }
    s
}

/// The crate version recorded in manifests.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// One metric's series from a projection: p10, p50, p90 per year (all three the central
/// run's values when there are no samples).
pub struct Series<'a> {
    /// The 10th percentile per year, first year first, in the metric's unit.
    pub p10: &'a [f64],
    /// The median per year, in the metric's unit.
    pub p50: &'a [f64],
    /// The 90th percentile per year, in the metric's unit.
    pub p90: &'a [f64],
}

/// The p10 / p50 / p90 series of a metric.
pub fn series(projection: &Projection, metric: MetricId) -> Series<'_> {
    let band = projection.band(metric);
    Series {
        p10: &band.p10,
        p50: &band.p50,
        p90: &band.p90,
    }
}

/// The years a projection covers.
pub fn years_of(projection: &Projection) -> Vec<i32> {
    projection.years().collect()
}

/// The binding constraint on domestic output in each year of the central run.
pub fn binding_names(projection: &Projection) -> Vec<&'static str> {
    projection
        .central
        .binding
        .iter()
        .map(|c| c.name())
        .collect()
}

/// `chipcast run`.
pub fn run(opts: &RunOptions) -> ExitCode {
    let mut diags = Vec::new();
    let input = load_input(
        &opts.scenario,
        &opts.sets.set,
        &opts.scope.roots(&[]),
        &mut diags,
    );
    let metrics = parse_metrics(&opts.metrics, &mut diags);
    let Some(input) = input.filter(|_| diags.is_empty()) else {
        report(&diags);
        return ExitCode::from(1);
    };
    // Only the metrics shown are sampled: memory follows what is printed.
    let projection = montecarlo::simulate_metrics(
        input.scenario(),
        &input.overrides,
        opts.sampling.count(),
        opts.sampling.seed,
        &metrics,
    );
    let text = match opts.format {
        Format::Table => table(&input, &projection, &metrics),
        Format::Csv => crate::output::csv::projection(&projection, &metrics),
        Format::Json => json(&input, &projection, &metrics),
    };
    print(&text)
}

pub use crate::output::print;

/// How a projection was run, for headers: "1,000 Monte Carlo samples, seed 42" or
/// "deterministic central run (...)".
pub fn run_description(samples: usize, seed: u64) -> String {
    if samples == 0 {
        "deterministic central run (every distribution at its central value)".to_string()
    } else {
        format!(
            "{} Monte Carlo sample{}, seed {seed}",
            format::thousands(samples as f64, 0),
            if samples == 1 { "" } else { "s" }
        )
    }
}

/// The header lines shared by the tables of `run` and `sensitivity`.
pub fn header(input: &Input, samples: usize, seed: u64) -> String {
    let s = input.scenario();
    let mut rows = vec![
        vec!["file".to_string(), input.file()],
        vec![
            "horizon".to_string(),
            format!("{}–{}", s.first_year, s.last_year),
        ],
        vec![
            "run".to_string(),
            if samples == 0 {
                run_description(samples, seed)
            } else {
                format!(
                    "{}; p50 with the p10–p90 band",
                    run_description(samples, seed)
                )
            },
        ],
    ];
    if !input.overrides.is_empty() {
        let sets: Vec<String> = input
            .overrides
            .iter()
            .map(|o| {
                format!(
                    "{}={}{}",
                    o.lever.key(),
                    format::dist(o.lever.lever(), o.value),
                    from_suffix(o.from)
                )
            })
            .collect();
        rows.push(vec!["overrides".to_string(), sets.join(", ")]);
    }
    rows.push(vec![
        "manifest".to_string(),
        format!(
            "chipcast {VERSION}, scenario sha256 {}",
            &input.sha256[..16]
        ),
    ]);
    format!(
        "{}\n{}",
        input.name(),
        format::table(&rows, &[Align::Left, Align::Left], 2)
    )
}

/// The table: a header, the binding constraint per year, the central run's supply and market
/// blocks, then one block per metric with a row per year (p50, then the p10–p90 band when
/// sampled).
pub fn table(input: &Input, projection: &Projection, metrics: &[MetricId]) -> String {
    let mut out = header(input, projection.samples, projection.seed);
    let years = years_of(projection);
    out.push_str("\nBinding constraint on domestic output (central run)\n");
    out.push_str(&binding_spans(&years, &binding_names(projection)));
    out.push_str(&supply_table(&projection.central));
    out.push_str(&market_table(&projection.central));
    for &id in metrics {
        let m = id.metric();
        let s = series(projection, id);
        out.push_str(&format!(
            "\n{} — {}, {}\n",
            m.label,
            m.key,
            format::metric_unit(m)
        ));
        let at = |v: &[f64], i: usize| metric_value(m, v.get(i).copied().unwrap_or(f64::NAN));
        let mut rows = Vec::with_capacity(years.len() + 1);
        if projection.samples == 0 {
            rows.push(vec!["year".to_string(), "value".to_string()]);
            for (i, y) in years.iter().enumerate() {
                rows.push(vec![y.to_string(), at(s.p50, i)]);
            }
        } else {
            let p10: Vec<String> = (0..years.len()).map(|i| at(s.p10, i)).collect();
            let p90: Vec<String> = (0..years.len()).map(|i| at(s.p90, i)).collect();
            let w10 = p10.iter().map(|t| t.chars().count()).max().unwrap_or(0);
            let w90 = p90.iter().map(|t| t.chars().count()).max().unwrap_or(0);
            rows.push(["year", "p50", "p10 – p90"].map(String::from).to_vec());
            for (i, y) in years.iter().enumerate() {
                let band = format!("{:>w10$} – {:>w90$}", p10[i], p90[i]);
                rows.push(vec![y.to_string(), at(s.p50, i), band]);
            }
        }
        out.push_str(&format::table(
            &rows,
            &[Align::Left, Align::Right, Align::Right],
            2,
        ));
    }
    out
}

/// The supply side of the central run: each product's units and binding input per year
/// (products with no output over the horizon are left out), then each input's slack. Years
/// come in blocks of at most ten so no line passes 100 columns.
pub fn supply_table(run: &Run) -> String {
    let years: Vec<i32> = run.year_range().collect();
    let shown: Vec<&Product> = PRODUCTS
        .iter()
        .filter(|p| run.product_series(p.id).iter().any(|&u| u >= 0.5))
        .collect();
    let block = |title: &str, cell: &dyn Fn(usize, i32) -> String, names: &[&str]| {
        year_blocks(title, &years, names, cell)
    };
    let keys: Vec<&str> = shown.iter().map(|p| p.key).collect();
    let units = |r: usize, y: i32| {
        let p = shown[r];
        let u = run.product_series(p.id)[(y - run.first_year) as usize];
        if u >= 0.5 {
            format::compact(u)
        } else {
            "-".into()
        }
    };
    let binds = |r: usize, y: i32| {
        let p = shown[r];
        let u = run.product_series(p.id)[(y - run.first_year) as usize];
        match run.product_binding(p.id, y) {
            Some(c) if u >= 0.5 => match c {
                Constraint::DieBank => "bank".to_string(),
                Constraint::Packaging => "pack".to_string(),
                other => other.name().to_string(),
            },
            _ => "-".into(),
        }
    };
    let inputs: Vec<&str> = ScarceInput::ALL.iter().map(|i| i.name()).collect();
    let slack = |r: usize, y: i32| {
        format::percent(run.slack_in(ScarceInput::ALL[r], y).unwrap_or(f64::NAN))
    };
    let mut out = block("Units by product (central run), units/yr", &units, &keys);
    out.push_str(&block(
        "Binding input by product (central run; bank = die_bank, pack = packaging)",
        &binds,
        &keys,
    ));
    out.push_str(&block(
        "Slack (central run): the share of each input left unused; 0% where it binds",
        &slack,
        &inputs,
    ));
    out
}

/// A titled table with a row per name and a column per year, in blocks of at most ten years
/// so no line passes 100 columns; `cell(row, year)` gives each cell.
fn year_blocks(
    title: &str,
    years: &[i32],
    names: &[&str],
    cell: &dyn Fn(usize, i32) -> String,
) -> String {
    let mut out = format!("\n{title}\n");
    for chunk in years.chunks(10) {
        let mut head = vec![String::new()];
        head.extend(chunk.iter().map(|y| y.to_string()));
        let mut rows = vec![head];
        for (r, name) in names.iter().enumerate() {
            let mut row = vec![name.to_string()];
            row.extend(chunk.iter().map(|&y| cell(r, y)));
            rows.push(row);
        }
        let mut align = vec![Align::Left];
        align.extend(chunk.iter().map(|_| Align::Right));
        out.push_str(&format::table(&rows, &align, 2));
    }
    out
}

/// The market's dollars per year, in the Market block's order.
pub const MARKET_USD: [(MetricId, &str); 6] = [
    (MetricId::ChinaSpending, "market"),
    (MetricId::DomesticSales, "domestic"),
    (MetricId::UsVendorRevenue, "US vendors (licensed)"),
    (MetricId::UsRevenueShare, "US government's share"),
    (MetricId::DivertedSpending, "diverted"),
    (MetricId::UnservedSpending, "unserved"),
];
/// The market's units per year, in the Market block's order.
pub const MARKET_UNITS: [(MetricId, &str); 3] = [
    (MetricId::Domestic, "domestic"),
    (MetricId::Imported, "licensed imports"),
    (MetricId::Diverted, "diverted"),
];

/// The market in the central run: what buyers would spend and who was paid, in $bn (one
/// decimal below $100bn, none above, so ten years fit in 100 columns), then the units each
/// supplier delivered. The US government's share is part of US vendors' sales; the diverted
/// row is spending on smuggled chips, with the premium; unserved is what no supply met.
pub fn market_table(run: &Run) -> String {
    let years: Vec<i32> = run.year_range().collect();
    let value = |m: MetricId, y: i32| run.get(m, y).unwrap_or(f64::NAN);
    let usd = |r: usize, y: i32| {
        let v = value(MARKET_USD[r].0, y);
        format::thousands(v, if v.abs() < 100.0 { 1 } else { 0 })
    };
    let units = |r: usize, y: i32| format::compact(value(MARKET_UNITS[r].0, y));
    let mut out = year_blocks(
        "Market (central run), $bn/yr: what buyers would spend, and who was paid",
        &years,
        &MARKET_USD.map(|(_, n)| n),
        &usd,
    );
    out.push_str(&year_blocks(
        "Market (central run), units/yr: new accelerators by supplier",
        &years,
        &MARKET_UNITS.map(|(_, n)| n),
        &units,
    ));
    out
}

/// The binding constraint per year, consecutive years with the same one joined:
/// `  2024 yield · 2025–2032 hbm`, wrapped at 100 columns.
pub fn binding_spans(years: &[i32], names: &[&str]) -> String {
    let mut spans: Vec<(i32, i32, &str)> = Vec::new();
    for (y, name) in years.iter().zip(names) {
        match spans.last_mut() {
            Some((_, last, n)) if n == name && *last + 1 == *y => *last = *y,
            _ => spans.push((*y, *y, name)),
        }
    }
    let mut out = String::new();
    let mut line = String::from(" ");
    for (first, last, name) in spans {
        let item = if first == last {
            format!("{first} {name}")
        } else {
            format!("{first}–{last} {name}")
        };
        let sep = if line.trim().is_empty() { " " } else { " · " };
        if line.chars().count() + sep.chars().count() + item.chars().count() > 100 {
            out.push_str(&line);
            out.push('\n');
            line = format!("  {item}");
        } else {
            line.push_str(sep);
            line.push_str(&item);
        }
    }
    out.push_str(&line);
    out.push('\n');
    out
}

/// A series for JSON: `null` where a value is not finite.
fn finite(values: &[f64]) -> Vec<Option<f64>> {
    values.iter().map(|v| v.is_finite().then_some(*v)).collect()
}

#[derive(Serialize)]
struct JsonMetric {
    unit: &'static str,
    label: &'static str,
    p10: Vec<Option<f64>>,
    p50: Vec<Option<f64>>,
    p90: Vec<Option<f64>>,
}

/// Metrics keyed by id, in the order asked for (JSON objects keep it).
pub struct Ordered<T>(pub Vec<(&'static str, T)>);

impl<T: Serialize> Serialize for Ordered<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// The run manifest: what produced these numbers.
#[derive(Serialize)]
pub struct Manifest {
    /// The chipcast version that ran the projection ([`VERSION`]).
    pub version: &'static str,
    /// The scenario hash described in this module's documentation, as lowercase hex.
    pub scenario_sha256: String,
    /// The files hashed, parent first.
    pub files: Vec<String>,
    /// The overrides hashed, canonical and sorted.
    pub overrides: Vec<String>,
}

impl Manifest {
    /// The manifest of a run of `input`.
    pub fn of(input: &Input) -> Manifest {
        Manifest {
            version: VERSION,
            scenario_sha256: input.sha256.clone(),
            files: input
                .loaded
                .files
                .iter()
                .rev()
                .map(|o| o.display())
                .collect(),
            overrides: canonical_overrides(&input.overrides),
        }
    }
}

#[derive(Serialize)]
struct JsonRun {
    scenario: String,
    file: String,
    seed: u64,
    samples: usize,
    years: Vec<i32>,
    metrics: Ordered<JsonMetric>,
    binding_constraint: Vec<&'static str>,
    products: Vec<JsonProduct>,
    slack: Ordered<Vec<Option<f64>>>,
    manifest: Manifest,
}

/// One product's central-run supply.
#[derive(Serialize)]
struct JsonProduct {
    key: &'static str,
    name: &'static str,
    vendor: &'static str,
    units: Vec<Option<f64>>,
    /// The binding input per year (`null` when the line is not in production).
    binding: Vec<Option<&'static str>>,
}

/// The JSON document described in `chipcast run --help`.
pub fn json(input: &Input, projection: &Projection, metrics: &[MetricId]) -> String {
    let doc = JsonRun {
        scenario: input.scenario().name.clone(),
        file: input.scenario().file.clone(),
        seed: projection.seed,
        samples: projection.samples,
        years: years_of(projection),
        metrics: Ordered(
            metrics
                .iter()
                .map(|&id| {
                    let m = id.metric();
                    let s = series(projection, id);
                    (
                        m.key,
                        JsonMetric {
                            unit: m.unit,
                            label: m.label,
                            p10: finite(s.p10),
                            p50: finite(s.p50),
                            p90: finite(s.p90),
                        },
                    )
                })
                .collect(),
        ),
        binding_constraint: binding_names(projection),
        products: PRODUCTS
            .iter()
            .map(|p| {
                let run = &projection.central;
                JsonProduct {
                    key: p.key,
                    name: p.name,
                    vendor: VENDORS[p.vendor as usize].key,
                    units: finite(run.product_series(p.id)),
                    binding: run
                        .year_range()
                        .map(|y| run.product_binding(p.id, y).map(|c| c.name()))
                        .collect(),
                }
            })
            .collect(),
        slack: Ordered(
            ScarceInput::ALL
                .iter()
                .map(|&i| {
                    let run = &projection.central;
                    let v: Vec<f64> = run
                        .year_range()
                        .map(|y| run.slack_in(i, y).unwrap_or(f64::NAN))
                        .collect();
                    (i.name(), finite(&v))
                })
                .collect(),
        ),
        manifest: Manifest::of(input),
    };
    to_json(&doc)
}

/// Pretty JSON with a final newline.
pub fn to_json<T: Serialize>(doc: &T) -> String {
    crate::output::json(doc)
}
