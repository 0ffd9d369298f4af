//! `chipcast diff A B`: what differs in the inputs of two scenarios (horizon, volatility,
//! lever values, dated changes) and, per metric and common year, B − A on the p50 of each,
//! absolute and in percent, with the split of the change between lever groups.
//!
//! Both projections use the same seed and sample count, so the Monte Carlo noise is common to
//! both and the deltas show the scenarios' difference. Nothing here computes a projection.

use std::collections::BTreeMap;
use std::process::ExitCode;

use serde::Serialize;

use super::Format;
use super::run::{self, Input, Ordered, VERSION, load_input, parse_metrics, series, to_json};
use crate::args::Sampling;
use crate::diag::sanitize;
use crate::model::levers::{LEVERS, LeverId};
use crate::model::metrics::MetricId;
use crate::model::montecarlo::{self, Projection};
use crate::model::scenario::{Dist, Scenario, Volatility, when};
use crate::model::sensitivity;
use crate::output::format::csv_field;
use crate::output::format::{self, Align, csv_number, metric_delta, metric_value};
use crate::output::report;

/// What `chipcast diff` was asked for: its command-line arguments.
#[derive(clap::Args, Clone, Debug)]
pub struct DiffOptions {
    /// Scenario A: a file, or a bundled scenario's name.
    #[arg(value_name = "A")]
    pub a: String,
    /// Scenario B: a file, or a bundled scenario's name.
    #[arg(value_name = "B")]
    pub b: String,
    /// Output format: a table, tidy CSV or JSON.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Both scenarios are sampled alike (same samples, same seed).
    #[command(flatten)]
    pub sampling: Sampling,
    /// Metrics to compare (repeatable or comma-separated; default: all).
    #[arg(long = "metric", value_name = "ID", value_delimiter = ',')]
    pub metrics: Vec<String>,
    /// `--root DIR`: more folders `extends` may read parents from.
    #[command(flatten)]
    pub scope: crate::args::Scope,
}

/// The JSON layout, for `chipcast diff --help`.
pub const JSON_HELP: &str = "\
JSON output (--format json):
  {
    \"a\": {\"scenario\", \"file\", \"scenario_sha256\"},   \"b\": {the same for B},
    \"seed\", \"samples\",
    \"years\": [the years both horizons share],
    \"inputs\": [{\"field\", \"a\", \"b\"}, ...]   what differs; a value a side lacks is null,
    \"metrics\": {ID: {\"unit\", \"a\": [p50 ...], \"b\": [p50 ...], \"delta\": [B - A ...],
                     \"pct\": [100 (B - A) / |A| ..., null where A is 0]}},
    \"attribution\": {\"year\", \"metrics\": {ID: {\"controls\", \"response\", \"world\"}}},
    \"manifest\": {\"version\"}
  }
  attribution splits B - A in the last common year between the lever groups, on the same basis
  as \"metrics\" (the p50 of the same samples, or the central run with --samples 0): Shapley
  values whose parts sum to the delta of that year.
CSV output (--format csv): metric,year,a,b,delta,pct (pct empty where A is 0).";

/// One input that differs: its field path and each side's value (`None` where absent).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct InputDiff {
    /// Where the input lives, as a field path (`levers.hub_enforcement`,
    /// `schedule[2027].euv_access`).
    pub field: String,
    /// Scenario A's value as a user would write it, or `None` where A does not set it.
    pub a: Option<String>,
    /// Scenario B's value as a user would write it, or `None` where B does not set it.
    pub b: Option<String>,
}

/// Every input that differs between two scenarios: horizon, volatility, each lever's value
/// from the first year, and each dated change (by year and lever).
pub fn input_diffs(a: &Scenario, b: &Scenario) -> Vec<InputDiff> {
    let mut out = Vec::new();
    let mut push = |field: String, x: Option<String>, y: Option<String>| {
        if x != y {
            out.push(InputDiff { field, a: x, b: y });
        }
    };
    let horizon = |s: &Scenario| Some(format!("{}–{}", s.first_year, s.last_year));
    push("horizon".into(), horizon(a), horizon(b));
    let num = |v: f64| Some(format::plain(v));
    let odds = |v: &Volatility| {
        [
            ("us_policy_switch", v.us_policy_switch),
            ("china_acceptance_flip", v.china_acceptance_flip),
            ("us_policy_revert", v.us_policy_revert),
            ("china_acceptance_revert", v.china_acceptance_revert),
            ("china_counter", v.china_counter),
        ]
    };
    for ((field, x), (_, y)) in odds(&a.volatility).into_iter().zip(odds(&b.volatility)) {
        push(format!("volatility.{field}"), num(x), num(y));
    }
    for lever in &LEVERS {
        let i = lever.id as usize;
        if a.levers[i] != b.levers[i] {
            push(
                format!("levers.{}", lever.key),
                Some(format::dist(lever, a.levers[i])),
                Some(format::dist(lever, b.levers[i])),
            );
        }
    }
    let (sa, sb) = (schedule_map(a), schedule_map(b));
    let mut keys: Vec<&(i32, u8, LeverId)> = sa.keys().chain(sb.keys()).collect();
    keys.sort();
    keys.dedup();
    for key in keys {
        let (year, month, id) = *key;
        let year = when(year, month);
        let show = |d: Option<&Dist>| d.map(|d| format::dist(id.lever(), *d));
        let (x, y) = (sa.get(key), sb.get(key));
        if x != y {
            push(format!("schedule[{year}].{}", id.key()), show(x), show(y));
        }
    }
    out
}

/// A scenario's dated changes as (year, month, lever) → value; within a month, a later
/// change wins.
fn schedule_map(s: &Scenario) -> BTreeMap<(i32, u8, LeverId), Dist> {
    let mut map = BTreeMap::new();
    for change in &s.schedule {
        for (id, d) in &change.set {
            map.insert((change.year, change.month, *id), *d);
        }
    }
    map
}

/// One metric's p50 for A and B over the common years.
struct MetricDiff {
    id: MetricId,
    a: Vec<f64>,
    b: Vec<f64>,
}

impl MetricDiff {
    fn delta(&self) -> Vec<f64> {
        self.a.iter().zip(&self.b).map(|(a, b)| b - a).collect()
    }

    fn pct(&self) -> Vec<Option<f64>> {
        self.a
            .iter()
            .zip(&self.b)
            .map(|(a, b)| format::pct_change(*a, *b))
            .collect()
    }
}

/// The p50 of `metric` in `years`, from a projection that covers them.
fn p50_in(projection: &Projection, metric: MetricId, years: &[i32]) -> Vec<f64> {
    let p50 = series(projection, metric).p50;
    years
        .iter()
        .map(|y| {
            usize::try_from(y - projection.first_year)
                .ok()
                .and_then(|i| p50.get(i).copied())
                .unwrap_or(f64::NAN)
        })
        .collect()
}

/// The split of B − A between lever groups, for one metric in one year. Each part is a
/// Shapley value in the metric's unit; the three sum to B − A.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct Split {
    /// The part due to the US and allied export-control levers.
    pub controls: f64,
    /// The part due to China's response levers.
    pub response: f64,
    /// The part due to the market and technology levers.
    pub world: f64,
}

/// `chipcast diff`.
pub fn diff(opts: &DiffOptions) -> ExitCode {
    let mut diags = Vec::new();
    let roots = opts.scope.roots(&[]);
    let a = load_input(&opts.a, &[], &roots, &mut diags);
    let b = load_input(&opts.b, &[], &roots, &mut diags);
    let metrics = parse_metrics(&opts.metrics, &mut diags);
    let (Some(a), Some(b)) = (a, b) else {
        report(&diags);
        return ExitCode::from(1);
    };
    if !diags.is_empty() {
        report(&diags);
        return ExitCode::from(1);
    }
    let pa = montecarlo::simulate(
        a.scenario(),
        &a.overrides,
        opts.sampling.count(),
        opts.sampling.seed,
    );
    let pb = montecarlo::simulate(
        b.scenario(),
        &b.overrides,
        opts.sampling.count(),
        opts.sampling.seed,
    );
    let first = a.scenario().first_year.max(b.scenario().first_year);
    let last = a.scenario().last_year.min(b.scenario().last_year);
    let years: Vec<i32> = (first..=last).collect();
    let rows: Vec<MetricDiff> = metrics
        .iter()
        .map(|&id| MetricDiff {
            id,
            a: p50_in(&pa, id, &years),
            b: p50_in(&pb, id, &years),
        })
        .collect();
    let basis = sensitivity::Basis {
        samples: opts.sampling.count(),
        seed: opts.sampling.seed,
    };
    let splits: Vec<(MetricId, Split)> = years
        .last()
        .and_then(|&year| {
            sensitivity::attribution(
                (a.scenario(), &a.overrides),
                (b.scenario(), &b.overrides),
                &metrics,
                year,
                basis,
            )
        })
        .map(|groups| {
            metrics
                .iter()
                .zip(groups)
                .map(|(&id, g)| {
                    (
                        id,
                        Split {
                            controls: g.controls,
                            response: g.response,
                            world: g.world,
                        },
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    let text = match opts.format {
        Format::Table => table(&a, &b, opts, &years, &rows, &splits),
        Format::Csv => csv(&years, &rows),
        Format::Json => json(&a, &b, opts, &years, &rows, &splits),
    };
    run::print(&text)
}

fn table(
    a: &Input,
    b: &Input,
    opts: &DiffOptions,
    years: &[i32],
    rows: &[MetricDiff],
    splits: &[(MetricId, Split)],
) -> String {
    let mut out = String::from("Diff: B − A\n");
    let head = vec![
        vec!["A".to_string(), a.name(), a.file()],
        vec!["B".to_string(), b.name(), b.file()],
    ];
    out.push_str(&format::table(&head, &[Align::Left; 3], 2));
    out.push_str(&format!(
        "  {}\n",
        run::run_description(opts.sampling.count(), opts.sampling.seed)
    ));

    let inputs = input_diffs(a.scenario(), b.scenario());
    out.push_str("\nInputs that differ\n");
    if inputs.is_empty() {
        out.push_str("  none: the scenarios set the same values\n");
    } else {
        let mut t = vec![["field", "A", "B"].map(String::from).to_vec()];
        let side = |v: &Option<String>| v.as_deref().map_or("—".to_string(), sanitize);
        t.extend(
            inputs
                .iter()
                .map(|d| vec![d.field.clone(), side(&d.a), side(&d.b)]),
        );
        out.push_str(&format::table(&t, &[Align::Left; 3], 2));
    }

    if years.is_empty() {
        out.push_str("\nThe horizons share no year: there are no outputs to compare.\n");
        return out;
    }
    let what = if opts.sampling.count() == 0 {
        "central run"
    } else {
        "p50"
    };
    out.push_str(&format!(
        "\nOutputs ({what}) in the years both horizons share\n"
    ));
    for r in rows {
        let m = r.id.metric();
        out.push_str(&format!(
            "\n{} — {}, {}\n",
            m.label,
            m.key,
            format::metric_unit(m)
        ));
        let mut t = vec![["year", "A", "B", "B − A", "%"].map(String::from).to_vec()];
        let (delta, pct) = (r.delta(), r.pct());
        for (i, y) in years.iter().enumerate() {
            t.push(vec![
                y.to_string(),
                metric_value(m, r.a[i]),
                metric_value(m, r.b[i]),
                metric_delta(m, delta[i]),
                format::signed_percent(pct[i]),
            ]);
        }
        out.push_str(&format::table(
            &t,
            &[
                Align::Left,
                Align::Right,
                Align::Right,
                Align::Right,
                Align::Right,
            ],
            2,
        ));
    }

    if let Some(year) = years.last() {
        out.push_str(&format!(
            "\nB − A in {year} by lever group: Shapley values of the {what}s above (parts sum to \
             the total)\n"
        ));
        let mut t = vec![
            ["metric", "controls", "response", "world", "total"]
                .map(String::from)
                .to_vec(),
        ];
        for (id, s) in splits {
            let m = id.metric();
            t.push(vec![
                m.key.to_string(),
                metric_delta(m, s.controls),
                metric_delta(m, s.response),
                metric_delta(m, s.world),
                metric_delta(m, s.controls + s.response + s.world),
            ]);
        }
        out.push_str(&format::table(
            &t,
            &[
                Align::Left,
                Align::Right,
                Align::Right,
                Align::Right,
                Align::Right,
            ],
            2,
        ));
    }
    out
}

/// Tidy CSV: `metric,year,a,b,delta,pct`.
fn csv(years: &[i32], rows: &[MetricDiff]) -> String {
    let mut out = String::from("metric,year,a,b,delta,pct\n");
    for r in rows {
        let (delta, pct) = (r.delta(), r.pct());
        for (i, y) in years.iter().enumerate() {
            out.push_str(&format!(
                "{},{y},{},{},{},{}\n",
                csv_field(r.id.key()),
                csv_number(r.a[i]),
                csv_number(r.b[i]),
                csv_number(delta[i]),
                pct[i].map(csv_number).unwrap_or_default()
            ));
        }
    }
    out
}

#[derive(Serialize)]
struct Side {
    scenario: String,
    file: String,
    scenario_sha256: String,
}

impl Side {
    fn of(input: &Input) -> Side {
        Side {
            scenario: input.scenario().name.clone(),
            file: input.scenario().file.clone(),
            scenario_sha256: input.sha256.clone(),
        }
    }
}

#[derive(Serialize)]
struct JsonMetric {
    unit: &'static str,
    a: Vec<Option<f64>>,
    b: Vec<Option<f64>>,
    delta: Vec<Option<f64>>,
    pct: Vec<Option<f64>>,
}

#[derive(Serialize)]
struct JsonAttribution {
    year: i32,
    metrics: Ordered<Split>,
}

#[derive(Serialize)]
struct JsonManifest {
    version: &'static str,
}

#[derive(Serialize)]
struct JsonDiff {
    a: Side,
    b: Side,
    seed: u64,
    samples: usize,
    years: Vec<i32>,
    inputs: Vec<InputDiff>,
    metrics: Ordered<JsonMetric>,
    attribution: Option<JsonAttribution>,
    manifest: JsonManifest,
}

fn finite(values: impl IntoIterator<Item = f64>) -> Vec<Option<f64>> {
    values
        .into_iter()
        .map(|v| v.is_finite().then_some(v))
        .collect()
}

fn json(
    a: &Input,
    b: &Input,
    opts: &DiffOptions,
    years: &[i32],
    rows: &[MetricDiff],
    splits: &[(MetricId, Split)],
) -> String {
    let doc = JsonDiff {
        a: Side::of(a),
        b: Side::of(b),
        seed: opts.sampling.seed,
        samples: opts.sampling.count(),
        years: years.to_vec(),
        inputs: input_diffs(a.scenario(), b.scenario()),
        metrics: Ordered(
            rows.iter()
                .map(|r| {
                    let m = r.id.metric();
                    let metric = JsonMetric {
                        unit: m.unit,
                        a: finite(r.a.iter().copied()),
                        b: finite(r.b.iter().copied()),
                        delta: finite(r.delta()),
                        pct: r
                            .pct()
                            .into_iter()
                            .map(|p| p.filter(|p| p.is_finite()))
                            .collect(),
                    };
                    (m.key, metric)
                })
                .collect(),
        ),
        attribution: years.last().map(|&year| JsonAttribution {
            year,
            // serde_json writes a non-finite part as null.
            metrics: Ordered(splits.iter().map(|(id, s)| (id.key(), *s)).collect()),
        }),
        manifest: JsonManifest { version: VERSION },
    };
    to_json(&doc)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::scenario::PolicyChange;

    #[test]
    fn identical_scenarios_have_no_input_diffs() {
        let s = Scenario::defaults("x");
        assert!(input_diffs(&s, &s).is_empty());
    }

    #[test]
    fn lever_schedule_horizon_and_volatility_diffs_are_named() {
        let a = Scenario::defaults("a");
        let mut b = Scenario::defaults("b");
        b.last_year = 2030;
        b.volatility.us_policy_switch = 0.3;
        b.levers[LeverId::HubEnforcement as usize] = Dist::Uniform {
            low: 0.5,
            high: 0.9,
        };
        b.schedule.push(PolicyChange {
            year: 2027,
            month: 1,
            label: "ban".into(),
            set: vec![(LeverId::ChipExports, Dist::Fixed(0.0))],
        });
        let fields: Vec<(String, Option<String>, Option<String>)> = input_diffs(&a, &b)
            .into_iter()
            .map(|d| (d.field, d.a, d.b))
            .collect();
        assert_eq!(
            fields,
            vec![
                (
                    "horizon".into(),
                    Some("2024–2032".into()),
                    Some("2024–2030".into())
                ),
                (
                    "volatility.us_policy_switch".into(),
                    Some("0".into()),
                    Some("0.3".into())
                ),
                (
                    "levers.hub_enforcement".into(),
                    Some("0.5".into()),
                    Some("Uniform(0.5..0.9)".into())
                ),
                (
                    "schedule[2027].chip_exports".into(),
                    None,
                    Some("banned".into())
                ),
            ]
        );
    }
}
