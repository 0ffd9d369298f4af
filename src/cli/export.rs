//! `chipcast export SCENARIO --metric ID --out FILE.svg|FILE.png`: loads, projects and hands
//! the chart to `crate::export`.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::args::{Sampling, Sets};
use crate::diag::{Diagnostic, sanitize};
use crate::export::{ChartSpec, write_chart};
use crate::model::metrics::MetricId;
use crate::model::montecarlo;
use crate::model::scenario::{Overrides, Scenario};
use crate::output::files::Existing;
use crate::scenario;

use crate::output::report;

/// What `chipcast export` was asked for: its command-line arguments.
#[derive(clap::Args, Clone, Debug)]
pub struct ExportArgs {
    /// A scenario file, or a bundled scenario's name.
    #[arg(value_name = "SCENARIO")]
    pub scenario: String,
    /// The metric to chart.
    #[arg(long, value_name = "ID")]
    pub metric: String,
    /// The chart file to write; its extension (.svg or .png) picks the format. An existing
    /// file is refused unless --force is given.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// Replace the --out file if it exists.
    #[arg(long)]
    pub force: bool,
    /// The `--set LEVER=VALUE[@YEAR]` overrides, applied to the scenario (not to `--pin`).
    #[command(flatten)]
    pub sets: Sets,
    /// A scenario to overlay for comparison (its median, dashed).
    #[arg(long, value_name = "SCENARIO")]
    pub pin: Option<String>,
    /// `--samples` and `--seed`, used for the scenario and the pinned one alike.
    #[command(flatten)]
    pub sampling: Sampling,
    /// Image size in pixels, WIDTHxHEIGHT (each 64 to 8192).
    #[arg(long, value_name = "WxH", value_parser = parse_size, default_value = "1200x675")]
    pub size: (u32, u32),
    /// `--root DIR`: more folders `extends` may read parents from.
    #[command(flatten)]
    pub scope: crate::args::Scope,
}

/// Parses `WIDTHxHEIGHT` (each 64 to 8192 pixels).
fn parse_size(text: &str) -> Result<(u32, u32), String> {
    let (w, h) = text
        .split_once(['x', 'X'])
        .ok_or("expected WIDTHxHEIGHT, such as 1200x675")?;
    let parse = |s: &str| {
        s.trim()
            .parse::<u32>()
            .ok()
            .filter(|n| (64..=8192).contains(n))
    };
    match (parse(w), parse(h)) {
        (Some(w), Some(h)) => Ok((w, h)),
        _ => Err("each side must be a whole number of pixels from 64 to 8192".into()),
    }
}

fn load(
    arg: &str,
    set: &[String],
    roots: &scenario::Roots,
) -> Result<(Scenario, Overrides), Vec<Diagnostic>> {
    scenario::load_with_overrides(arg, set, roots)
        .map(|(_, loaded, overrides)| (loaded.scenario, overrides))
}

/// `chipcast export SCENARIO --metric ID --out FILE.svg|FILE.png`.
pub fn export(args: &ExportArgs) -> ExitCode {
    let Some(metric) = MetricId::from_key(&args.metric) else {
        let keys = crate::model::metrics::METRICS.iter().map(|m| m.key);
        let d = Diagnostic::arg(
            "--metric",
            "unknown-metric",
            &args.metric,
            format!("unknown metric `{}`", sanitize(&args.metric)),
        )
        .maybe_hint(crate::diag::did_you_mean(&args.metric, keys));
        report(&[d]);
        return ExitCode::from(1);
    };
    let roots = args.scope.roots(&[]);
    let (s, o) = match load(&args.scenario, &args.sets.set, &roots) {
        Ok(x) => x,
        Err(d) => {
            report(&d);
            return ExitCode::from(1);
        }
    };
    let pinned = match &args.pin {
        None => None,
        Some(pin) => match load(pin, &[], &roots) {
            Ok((ps, po)) => {
                let pp = montecarlo::simulate_metrics(
                    &ps,
                    &po,
                    args.sampling.count(),
                    args.sampling.seed,
                    &[metric],
                );
                Some((ps, pp))
            }
            Err(d) => {
                report(&d);
                return ExitCode::from(1);
            }
        },
    };
    // Only the charted metric is sampled, so memory stays small at any allowed --samples.
    let p =
        montecarlo::simulate_metrics(&s, &o, args.sampling.count(), args.sampling.seed, &[metric]);
    let spec = ChartSpec::new(&s, &p, metric, pinned.as_ref().map(|(ps, pp)| (ps, pp)));
    let existing = if args.force {
        Existing::Replace
    } else {
        Existing::Refuse
    };
    match write_chart(&spec, &args.out, args.size, existing) {
        Ok(()) => {
            println!("wrote {}", sanitize(&args.out.display().to_string()));
            ExitCode::SUCCESS
        }
        Err(d) => {
            report(&[d]);
            ExitCode::from(1)
        }
    }
}
