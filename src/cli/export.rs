//! `chipcast export SCENARIO --metric ID --out FILE.svg|FILE.png`: loads, projects and hands
//! the chart to `crate::export`.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::diag::{Diagnostic, sanitize};
use crate::export::{ChartSpec, write_chart};
use crate::model::metrics::MetricId;
use crate::model::montecarlo;
use crate::model::scenario::{Overrides, Scenario};
use crate::scenario;

use super::report;

/// Options of `chipcast export`.
#[derive(Clone, Debug)]
pub struct ExportArgs {
    pub scenario: String,
    pub metric: String,
    pub set: Vec<String>,
    pub pin: Option<String>,
    pub samples: usize,
    pub seed: u64,
    pub out: PathBuf,
    pub size: (u32, u32),
}

fn load(arg: &str, set: &[String]) -> Result<(Scenario, Overrides), Vec<Diagnostic>> {
    let loaded = scenario::load(&scenario::origin_of(arg))?;
    let overrides = scenario::parse_overrides(set)?;
    Ok((loaded.scenario, overrides))
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
    let (s, o) = match load(&args.scenario, &args.set) {
        Ok(x) => x,
        Err(d) => {
            report(&d);
            return ExitCode::from(1);
        }
    };
    let pinned = match &args.pin {
        None => None,
        Some(pin) => match load(pin, &[]) {
            Ok((ps, po)) => {
                let pp = montecarlo::simulate(&ps, &po, args.samples, args.seed);
                Some((ps, pp))
            }
            Err(d) => {
                report(&d);
                return ExitCode::from(1);
            }
        },
    };
    let p = montecarlo::simulate(&s, &o, args.samples, args.seed);
    let spec = ChartSpec::new(&s, &p, metric, pinned.as_ref().map(|(ps, pp)| (ps, pp)));
    match write_chart(&spec, &args.out, args.size) {
        Ok(()) => {
            println!("wrote {}", args.out.display());
            ExitCode::SUCCESS
        }
        Err(d) => {
            report(&[d]);
            ExitCode::from(1)
        }
    }
}
