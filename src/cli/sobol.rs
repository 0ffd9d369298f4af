//! `chipcast sensitivity --method sobol`: the scenario's uncertain inputs ranked by their
//! Sobol indices (first-order and total, with 95% bootstrap intervals) for one metric in one
//! year. The model computes the indices (`model::sobol`); this file only formats them.

use serde::Serialize;

use super::Format;
use super::run::{self, Input, Manifest, to_json};
use crate::model::metrics::MetricId;
use crate::model::sobol::{self, CONFIDENCE, Estimate, RESAMPLES, Ranking};
use crate::output::format::{self, Align, csv_field, csv_number, metric_value};

/// The JSON layout of `--method sobol`, for `chipcast sensitivity --help`.
pub const JSON_HELP: &str = "\
With --method sobol, every uncertain input (each lever value drawn from a distribution, after
--set; and the sampled policy-regime switches as one input, policy_regimes) is ranked by its
Sobol total index for the metric in the year: Saltelli sampling of --samples N base rows
(default 1024; N(k + 2) projections for k inputs) from --seed, first-order (Saltelli 2010) and
total (Jansen) estimators, 95% bootstrap intervals from 100 resamples.

JSON output (--method sobol --format json):
  {\"scenario\", \"file\", \"metric\", \"unit\", \"year\", \"method\": \"sobol\", \"samples\",
   \"runs\", \"seed\", \"confidence\": 0.95, \"resamples\", \"mean\", \"variance\",
   \"inputs\": [{\"input\", \"lever\", \"from_year\", \"distribution\", \"s1\", \"s1_low\",
   \"s1_high\", \"st\", \"st_low\", \"st_high\"}, ...],
   \"manifest\": {\"version\", \"scenario_sha256\", \"files\", \"overrides\"}}
  input is the lever key (lever@YEAR for a dated value) or policy_regimes (lever, from_year
  and distribution null); inputs are ranked by st, largest first.
CSV output (--method sobol --format csv):
  input,lever,from_year,s1,s1_low,s1_high,st,st_low,st_high";

/// Computes the ranking and formats it; `None` when the year is outside the horizon (the
/// caller has checked it).
pub fn report(
    input: &Input,
    metric: MetricId,
    year: i32,
    samples: usize,
    seed: u64,
    form: Format,
) -> Option<String> {
    let r = sobol::rank(
        input.scenario(),
        &input.overrides,
        metric,
        year,
        samples,
        seed,
    )?;
    Some(match form {
        Format::Table => table(input, &r),
        Format::Csv => csv(&r),
        Format::Json => json(input, &r),
    })
}

/// "N base samples (R runs), seed S; 95% bootstrap intervals (100 resamples)".
pub fn description(r: &Ranking) -> String {
    format!(
        "Sobol indices from {} base samples ({} runs), seed {}; {:.0}% bootstrap intervals ({} resamples)",
        format::thousands(r.samples as f64, 0),
        format::thousands(r.runs as f64, 0),
        r.seed,
        CONFIDENCE * 100.0,
        RESAMPLES
    )
}

/// "0.42 [0.38, 0.47]": two decimals, a rounded −0 shown as 0.00.
fn index(e: Estimate) -> String {
    let two = |x: f64| {
        let t = format!("{x:.2}");
        if t == "-0.00" { "0.00".to_string() } else { t }
    };
    format!("{} [{}, {}]", two(e.value), two(e.low), two(e.high))
}

fn table(input: &Input, r: &Ranking) -> String {
    let m = r.metric.metric();
    let mut out = run::header(input, 0, 0).replace(&run::run_description(0, 0), &description(r));
    out.push_str(&format!(
        "\nGlobal sensitivity of {} ({}, {}) in {}\n",
        m.label,
        m.key,
        format::metric_unit(m),
        r.year
    ));
    out.push_str(&format!(
        "  mean {}, standard deviation {}; S1: share of the variance the input explains alone, \
         ST: with its interactions\n\n",
        metric_value(m, r.mean),
        metric_value(m, r.variance.sqrt())
    ));
    if r.inputs.is_empty() {
        out.push_str(
            "  no input is uncertain: every lever is fixed and no policy switch is sampled\n",
        );
        return out;
    }
    if r.variance == 0.0 {
        out.push_str("  the metric does not vary in this year: every index is 0\n");
    }
    let mut t = vec![
        ["input", "distribution", "S1 [95% CI]", "ST [95% CI]"]
            .map(String::from)
            .to_vec(),
    ];
    for i in &r.inputs {
        t.push(vec![
            i.input.name(),
            distribution(&i.input).unwrap_or_else(|| "regime switches".to_string()),
            index(i.first),
            index(i.total),
        ]);
    }
    out.push_str(&format::table(
        &t,
        &[Align::Left, Align::Left, Align::Right, Align::Right],
        2,
    ));
    out
}

fn distribution(input: &sobol::Input) -> Option<String> {
    match input {
        sobol::Input::Lever(u) => Some(format::dist(u.lever.lever(), u.dist)),
        sobol::Input::Regimes => None,
    }
}

fn csv(r: &Ranking) -> String {
    let mut out = String::from("input,lever,from_year,s1,s1_low,s1_high,st,st_low,st_high\n");
    for i in &r.inputs {
        let lever = i.input.lever().map_or("", |l| l.key());
        let from = match i.input {
            sobol::Input::Lever(u) => u.from_year.map_or(String::new(), |y| y.to_string()),
            sobol::Input::Regimes => String::new(),
        };
        out.push_str(&format!(
            "{},{},{},{},{},{},{},{},{}\n",
            csv_field(&i.input.name()),
            lever,
            from,
            csv_number(i.first.value),
            csv_number(i.first.low),
            csv_number(i.first.high),
            csv_number(i.total.value),
            csv_number(i.total.low),
            csv_number(i.total.high)
        ));
    }
    out
}

fn json(input: &Input, r: &Ranking) -> String {
    let m = r.metric.metric();
    let doc = JsonSobol {
        scenario: input.scenario().name.clone(),
        file: input.scenario().file.clone(),
        metric: m.key,
        unit: m.unit,
        year: r.year,
        method: "sobol",
        samples: r.samples,
        runs: r.runs,
        seed: r.seed,
        confidence: CONFIDENCE,
        resamples: RESAMPLES,
        mean: r.mean,
        variance: r.variance,
        inputs: r
            .inputs
            .iter()
            .map(|i| JsonInput {
                input: i.input.name(),
                lever: i.input.lever().map(|l| l.key()),
                from_year: match i.input {
                    sobol::Input::Lever(u) => u.from_year,
                    sobol::Input::Regimes => None,
                },
                distribution: distribution(&i.input),
                s1: i.first.value,
                s1_low: i.first.low,
                s1_high: i.first.high,
                st: i.total.value,
                st_low: i.total.low,
                st_high: i.total.high,
            })
            .collect(),
        manifest: Manifest::of(input),
    };
    to_json(&doc)
}

#[derive(Serialize)]
struct JsonInput {
    input: String,
    lever: Option<&'static str>,
    from_year: Option<i32>,
    distribution: Option<String>,
    s1: f64,
    s1_low: f64,
    s1_high: f64,
    st: f64,
    st_low: f64,
    st_high: f64,
}

#[derive(Serialize)]
struct JsonSobol {
    scenario: String,
    file: String,
    metric: &'static str,
    unit: &'static str,
    year: i32,
    method: &'static str,
    samples: usize,
    runs: usize,
    seed: u64,
    confidence: f64,
    resamples: usize,
    mean: f64,
    variance: f64,
    inputs: Vec<JsonInput>,
    manifest: Manifest,
}
