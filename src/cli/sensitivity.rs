//! `chipcast sensitivity SCENARIO --metric ID --year Y`: the one-at-a-time swings behind a
//! tornado chart, ranked by size, and — when `--set` overrides are given — the split of their
//! effect between lever groups. The model computes the swings; this file only formats them.

use std::process::ExitCode;

use serde::Serialize;

use super::Format;
use super::run::{self, Input, Manifest, load_input, parse_metric, to_json};
use crate::args::Sets;
use crate::diag::Diagnostic;
use crate::model::metrics::MetricId;
use crate::model::scenario::Overrides;
use crate::model::sensitivity::{self, Basis, Swing};
use crate::output::format::csv_field;
use crate::output::format::{self, Align, csv_number, metric_delta, metric_value};
use crate::output::report;
use crate::scenario::write::value_text;

/// What `chipcast sensitivity` was asked for: its command-line arguments.
#[derive(clap::Args, Clone, Debug)]
pub struct SensitivityOptions {
    /// A scenario file, or a bundled scenario's name.
    #[arg(value_name = "SCENARIO")]
    pub scenario: String,
    /// The metric to explain.
    #[arg(long, value_name = "ID")]
    pub metric: String,
    /// The year, within the scenario's horizon (default: the scenario's last year).
    #[arg(long, value_name = "YEAR")]
    pub year: Option<i32>,
    /// Their effect is split by lever group.
    #[command(flatten)]
    pub sets: Sets,
    /// Output format: a table, tidy CSV or JSON.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// The method: one lever at a time (a tornado), or variance-based (Sobol indices of every
    /// uncertain input).
    #[arg(long, value_enum, default_value_t = Method::Tornado)]
    pub method: Method,
    /// Samples: for the tornado, the Monte Carlo samples its medians are taken over, 0 to
    /// 200000 (0: central runs) [default: 1000, as `run`]; with --method sobol, base samples
    /// N, 16 to 65536 (N(k + 2) projections for k uncertain inputs) [default: 1024].
    #[arg(long, value_name = "N",
          value_parser = clap::value_parser!(u32).range(0..=crate::args::MAX_SAMPLES as i64))]
    pub samples: Option<u32>,
    /// The random seed; the same seed gives the same figures [default: 20251211].
    #[arg(long, value_name = "SEED")]
    pub seed: Option<u64>,
    /// `--root DIR`: more folders `extends` may read parents from.
    #[command(flatten)]
    pub scope: crate::args::Scope,
}

/// How `chipcast sensitivity` ranks the levers. Each variant's doc is its line in `--help`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Method {
    /// One lever at a time, the others central: the swings behind a tornado chart.
    Tornado,
    /// Variance-based: Sobol first-order and total indices of every uncertain input.
    Sobol,
}

/// The JSON layout, for `chipcast sensitivity --help`.
pub const JSON_HELP: &str = "\
The tornado stands on the headline's basis: every figure is the metric's p50 over the same
Monte Carlo samples `run` draws (--samples, --seed; --samples 0 gives central runs). Each
lever's setting in force in the year (its first-year value, a dated change or a --set
override) is held at a low and a high value over the years it is in force, every other value
of every sample as drawn: an uncertain setting across its p10-p90, a fixed number across the
lever's range, a bool or choice at every option. Swings are ranked by |high - low|; levers
that do not move the metric are listed last with a swing of 0.

JSON output (--format json):
  {\"scenario\", \"file\", \"metric\", \"unit\", \"year\", \"samples\", \"seed\", \"base\",
   \"swings\": [{\"lever\", \"group\", \"setting\", \"since\", \"low_value\", \"high_value\",
                \"low\", \"high\", \"swing\"}, ...],
   \"split\": {\"controls\", \"response\", \"world\"} or null,
   \"manifest\": {\"version\", \"scenario_sha256\", \"files\", \"overrides\"}}
  setting is the value swung as a file writes it, since the year it took effect;
  low_value/high_value are the lever's values (as in files: true, licensed, 0.25); low/high
  the metric there; swing = high - low. split divides the effect of the --set overrides
  between lever groups on the same basis (null without --set).
CSV output (--format csv): lever,group,since,low_value,high_value,low,high,swing";

/// `chipcast sensitivity`.
pub fn sensitivity(opts: &SensitivityOptions) -> ExitCode {
    let mut diags = Vec::new();
    let input = load_input(
        &opts.scenario,
        &opts.sets.set,
        &opts.scope.roots(&[]),
        &mut diags,
    );
    let metric = parse_metric(&opts.metric, &mut diags);
    let year = input
        .as_ref()
        .map_or(0, |i| opts.year.unwrap_or(i.scenario().last_year));
    if let Some(input) = &input {
        let s = input.scenario();
        if !(s.first_year..=s.last_year).contains(&year) {
            diags.push(
                Diagnostic::arg(
                    "--year",
                    "year-out-of-range",
                    "",
                    format!("{year} is outside the scenario's horizon"),
                )
                .expected(format!("a year from {} to {}", s.first_year, s.last_year)),
            );
        }
    }
    let sobol_range = 16..=crate::model::sobol::MAX_SOBOL_SAMPLES;
    if let (Method::Sobol, Some(n)) = (opts.method, opts.samples)
        && !sobol_range.contains(&(n as usize))
    {
        report(&[Diagnostic::arg(
            "--samples",
            "samples-out-of-range",
            "",
            format!("{n} base samples is outside what --method sobol takes"),
        )
        .expected(format!(
            "{} to {} base samples",
            sobol_range.start(),
            sobol_range.end()
        ))]);
        return ExitCode::from(2);
    }
    let (Some(input), Some(metric)) = (input, metric) else {
        report(&diags);
        return ExitCode::from(1);
    };
    if !diags.is_empty() {
        report(&diags);
        return ExitCode::from(1);
    }
    if opts.method == Method::Sobol {
        let samples = opts
            .samples
            .map_or(crate::model::sobol::DEFAULT_SOBOL_SAMPLES, |n| n as usize);
        let seed = opts.seed.unwrap_or(crate::model::montecarlo::DEFAULT_SEED);
        let text = super::sobol::report(&input, metric, year, samples, seed, opts.format)
            .unwrap_or_default();
        return run::print(&text);
    }
    let basis = Basis {
        samples: opts
            .samples
            .map_or(crate::model::montecarlo::DEFAULT_SAMPLES, |n| n as usize),
        seed: opts.seed.unwrap_or(crate::model::montecarlo::DEFAULT_SEED),
    };
    // Ranked by the model: largest |high − low| first, ties in the lever table's order.
    let swings = sensitivity::sweep(input.scenario(), &input.overrides, metric, year, basis);
    let base = swings.first().map_or(f64::NAN, |s| s.base);
    let split = if input.overrides.is_empty() {
        None
    } else {
        sensitivity::attribution(
            (input.scenario(), &Overrides::default()),
            (input.scenario(), &input.overrides),
            &[metric],
            year,
            basis,
        )
        .and_then(|g| g.first().copied())
        .map(|g| Split {
            controls: g.controls,
            response: g.response,
            world: g.world,
        })
    };
    let report = Report {
        input: &input,
        basis,
        metric,
        year,
        base,
        swings: &swings,
        split,
    };
    let text = match opts.format {
        Format::Table => report.table(),
        Format::Csv => report.csv(),
        Format::Json => report.json(),
    };
    run::print(&text)
}

/// The effect of the overrides, split between lever groups.
#[derive(Clone, Copy, Debug, Serialize)]
struct Split {
    controls: f64,
    response: f64,
    world: f64,
}

struct Report<'a> {
    input: &'a Input,
    basis: Basis,
    metric: MetricId,
    year: i32,
    base: f64,
    swings: &'a [Swing],
    split: Option<Split>,
}

impl Report<'_> {
    fn table(&self) -> String {
        let m = self.metric.metric();
        let mut out = run::header(self.input, self.basis.samples, self.basis.seed);
        out.push_str(&format!(
            "\nSensitivity of {} ({}, {}) in {}\n",
            m.label,
            m.key,
            format::metric_unit(m),
            self.year
        ));
        out.push_str(&wrap(
            &format!(
                "  base {} ({}); each lever's {} setting held at a low and a high value over \
                 the years it is in force (from `since`), every other value as drawn",
                metric_value(m, self.base),
                basis_text(self.basis),
                self.year
            ),
            100,
            4,
        ));
        out.push('\n');
        let mut t = vec![
            [
                "lever",
                "group",
                "since",
                "low → high",
                "at low",
                "at high",
                "swing",
            ]
            .map(String::from)
            .to_vec(),
        ];
        let mut still = Vec::new();
        for s in self.swings {
            if s.high - s.low == 0.0 {
                still.push(s.lever.key());
                continue;
            }
            let lever = s.lever.lever();
            t.push(vec![
                lever.key.to_string(),
                lever.group.name().to_string(),
                s.since.to_string(),
                format!(
                    "{} → {}",
                    format::lever_value(lever, s.low_value),
                    format::lever_value(lever, s.high_value)
                ),
                metric_value(m, s.low),
                metric_value(m, s.high),
                metric_delta(m, s.high - s.low),
            ]);
        }
        if t.len() == 1 {
            out.push_str("  no lever moves this metric in this year\n");
        } else {
            let align = [
                Align::Left,
                Align::Left,
                Align::Left,
                Align::Left,
                Align::Right,
                Align::Right,
                Align::Right,
            ];
            out.push_str(&format::table(&t, &align, 2));
        }
        if !still.is_empty() {
            out.push_str(&wrap(&format!("  no effect: {}", still.join(", ")), 100, 4));
        }
        if let Some(split) = self.split {
            out.push('\n');
            out.push_str(&wrap(
                &format!(
                    "Effect of the overrides in {} split by lever group ({}; Shapley values, \
                     the same samples for every mix)",
                    self.year,
                    basis_text(self.basis)
                ),
                100,
                2,
            ));
            let t = vec![
                ["controls", "response", "world", "total"]
                    .map(String::from)
                    .to_vec(),
                vec![
                    metric_delta(m, split.controls),
                    metric_delta(m, split.response),
                    metric_delta(m, split.world),
                    metric_delta(m, split.controls + split.response + split.world),
                ],
            ];
            out.push_str(&format::table(&t, &[Align::Right; 4], 2));
        }
        out
    }

    fn csv(&self) -> String {
        let mut out = String::from("lever,group,since,low_value,high_value,low,high,swing\n");
        for s in self.swings {
            let lever = s.lever.lever();
            out.push_str(&format!(
                "{},{},{},{},{},{},{},{}\n",
                lever.key,
                lever.group.name(),
                s.since,
                csv_field(&lever.format_value(s.low_value)),
                csv_field(&lever.format_value(s.high_value)),
                csv_number(s.low),
                csv_number(s.high),
                csv_number(s.high - s.low)
            ));
        }
        out
    }

    fn json(&self) -> String {
        let m = self.metric.metric();
        let doc = JsonSensitivity {
            scenario: self.input.scenario().name.clone(),
            file: self.input.scenario().file.clone(),
            metric: m.key,
            unit: m.unit,
            year: self.year,
            samples: self.basis.samples,
            seed: self.basis.seed,
            base: self.base,
            swings: self
                .swings
                .iter()
                .map(|s| {
                    let lever = s.lever.lever();
                    JsonSwing {
                        lever: lever.key,
                        group: lever.group.name(),
                        setting: value_text(lever, s.setting),
                        since: s.since,
                        low_value: lever.format_value(s.low_value),
                        high_value: lever.format_value(s.high_value),
                        low: s.low,
                        high: s.high,
                        swing: s.high - s.low,
                    }
                })
                .collect(),
            split: self.split,
            manifest: Manifest::of(self.input),
        };
        to_json(&doc)
    }
}

/// The basis of the figures in words: "p50 of 1,000 samples" or "central runs".
fn basis_text(basis: Basis) -> String {
    if basis.samples == 0 {
        "central runs".into()
    } else {
        format!(
            "p50 of {} Monte Carlo samples, as `run` shows it",
            format::thousands(basis.samples as f64, 0)
        )
    }
}

/// Wraps a line at `width` characters, continuing with `indent` spaces.
fn wrap(text: &str, width: usize, indent: usize) -> String {
    let body = text.trim_start();
    let mut line = text[..text.len() - body.len()].to_string();
    let mut fresh = true;
    let mut out = String::new();
    for word in body.split_whitespace() {
        if !fresh && line.chars().count() + 1 + word.chars().count() > width {
            out.push_str(&line);
            out.push('\n');
            line = " ".repeat(indent);
            fresh = true;
        }
        if !fresh {
            line.push(' ');
        }
        line.push_str(word);
        fresh = false;
    }
    out.push_str(&line);
    out.push('\n');
    out
}

// serde_json writes the non-finite floats below as null.
#[derive(Serialize)]
struct JsonSwing {
    lever: &'static str,
    group: &'static str,
    setting: String,
    since: i32,
    low_value: String,
    high_value: String,
    low: f64,
    high: f64,
    swing: f64,
}

#[derive(Serialize)]
struct JsonSensitivity {
    scenario: String,
    file: String,
    metric: &'static str,
    unit: &'static str,
    year: i32,
    samples: usize,
    seed: u64,
    base: f64,
    swings: Vec<JsonSwing>,
    split: Option<Split>,
    manifest: Manifest,
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn wrap_breaks_long_lines_with_an_indent() {
        assert_eq!(wrap("  a bb cc", 6, 4), "  a bb\n    cc\n");
        assert_eq!(wrap("short", 100, 4), "short\n");
    }
}
