//! The `chipcast` binary: parses the command line with clap and hands off to `cli` (headless
//! commands) or `tui` (the explorer). Nothing else lives here.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use chipcast::cli::run::MAX_SAMPLES;
use chipcast::cli::{self, Format, LeversFormat, diff, run, sensitivity};
use chipcast::model::montecarlo::{DEFAULT_SAMPLES, DEFAULT_SEED};
use chipcast::model::scenario::Panel;
use chipcast::tui::{present, snapshot};

/// Explore how export controls on AI chips play out: scenario files, a sourced projection
/// model, and an interactive terminal explorer.
#[derive(Parser, Debug)]
#[command(name = "chipcast", version, about, long_about = None)]
struct Args {
    #[command(subcommand)]
    command: Option<Command>,
    /// Scenario files or folders to open in the explorer (default: the bundled scenarios).
    paths: Vec<PathBuf>,
    /// The explorer's colours: dark (default), light, high-contrast, or a theme file that
    /// changes what it names (copy one from assets/themes/). NO_COLOR turns colours off.
    #[arg(long, value_name = "NAME|PATH", global = true)]
    theme: Option<String>,
    /// How chart lines are drawn: braille (finest), block or dot (for fonts that draw braille
    /// badly). Overrides the theme's choice.
    #[arg(long, value_name = "STYLE", value_parser = ["braille", "block", "dot"], global = true)]
    markers: Option<String>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Validate scenario files or folders (default: the bundled scenarios); exit 1 if any is invalid.
    Check {
        paths: Vec<PathBuf>,
        /// Output format (json for editors and CI).
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// List every lever: kind, unit, range, default, meaning and source; with --effects, how
    /// each lever moves China's output, compute and the compute gap.
    #[command(after_long_help = cli::effects::HELP)]
    Levers {
        /// Output format (markdown: for docs).
        #[arg(long, value_enum, default_value_t = LeversFormat::Table)]
        format: LeversFormat,
        /// Measure each lever's effect: low end to high end of its range, per scenario, on
        /// domestic accelerators, domestic compute, China's compute stock and the compute gap.
        #[arg(long)]
        effects: bool,
        /// A scenario to measure (file or bundled name; repeatable; default baseline and
        /// hardline).
        #[arg(long = "scenario", value_name = "NAME|PATH", requires = "effects")]
        scenarios: Vec<String>,
        /// The year the levers move from (default 2026); anchor levers move over the whole
        /// horizon.
        #[arg(long, value_name = "YEAR", requires = "effects", value_parser = cli::effects::parse_from)]
        from: Option<i32>,
    },
    /// Write NAME.ron, a commented scenario extending the baseline (or --from); never overwrites.
    New {
        name: String,
        /// The scenario to extend: a path or a bundled scenario's name.
        #[arg(long)]
        from: Option<String>,
    },
    /// Project a scenario: p50 with the p10-p90 band per metric and year, the binding
    /// constraint, and a run manifest.
    #[command(after_long_help = run_help())]
    Run {
        /// A scenario file, or a bundled scenario's name (baseline, hardline, ...).
        scenario: String,
        /// Override a lever, as in a file: LEVER=VALUE for every year of the horizon, or
        /// LEVER=VALUE@YEAR from YEAR on (earlier years keep the scenario's path); repeatable.
        #[arg(long = "set", value_name = "LEVER=VALUE[@YEAR]")]
        set: Vec<String>,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
        /// Monte Carlo samples; 0 is the deterministic central run.
        #[arg(long, default_value_t = DEFAULT_SAMPLES as u32,
              value_parser = clap::value_parser!(u32).range(0..=i64::from(MAX_SAMPLES)))]
        samples: u32,
        /// Random seed: the same seed gives the same numbers on every run.
        #[arg(long, default_value_t = DEFAULT_SEED)]
        seed: u64,
        /// Metrics to show (repeatable or comma-separated; default: all).
        #[arg(long = "metric", value_name = "ID", value_delimiter = ',')]
        metrics: Vec<String>,
    },
    /// Compare two scenarios: what differs in their inputs, and B - A per metric and year.
    #[command(after_long_help = diff_help())]
    Diff {
        /// Scenario A (file or bundled name).
        a: String,
        /// Scenario B (file or bundled name).
        b: String,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
        /// Monte Carlo samples for both (same seed); 0 compares the central runs.
        #[arg(long, default_value_t = DEFAULT_SAMPLES as u32,
              value_parser = clap::value_parser!(u32).range(0..=i64::from(MAX_SAMPLES)))]
        samples: u32,
        #[arg(long, default_value_t = DEFAULT_SEED)]
        seed: u64,
        /// Metrics to compare (repeatable or comma-separated; default: all).
        #[arg(long = "metric", value_name = "ID", value_delimiter = ',')]
        metrics: Vec<String>,
    },
    /// Rank the levers by how much each swings one metric in one year (the tornado chart).
    #[command(after_long_help = sensitivity_help())]
    Sensitivity {
        /// A scenario file, or a bundled scenario's name.
        scenario: String,
        /// The metric to explain.
        #[arg(long, value_name = "ID")]
        metric: String,
        /// The year, within the scenario's horizon.
        #[arg(long)]
        year: i32,
        /// Override a lever: LEVER=VALUE for every year of the horizon, or LEVER=VALUE@YEAR
        /// from YEAR on (earlier years keep the scenario's path); repeatable. Their effect is
        /// split by lever group.
        #[arg(long = "set", value_name = "LEVER=VALUE[@YEAR]")]
        set: Vec<String>,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Render one metric as a chart file (SVG or PNG) with its p10-p90 band, for slides.
    Export {
        /// A scenario file, or a bundled scenario's name.
        scenario: String,
        /// The metric to chart.
        #[arg(long, value_name = "ID")]
        metric: String,
        /// The chart file to write; its extension (.svg or .png) picks the format.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Override a lever: LEVER=VALUE for every year of the horizon, or LEVER=VALUE@YEAR
        /// from YEAR on (earlier years keep the scenario's path); repeatable.
        #[arg(long = "set", value_name = "LEVER=VALUE[@YEAR]")]
        set: Vec<String>,
        /// A scenario to overlay for comparison (its median, dashed).
        #[arg(long, value_name = "SCENARIO")]
        pin: Option<String>,
        #[arg(long, default_value_t = DEFAULT_SAMPLES)]
        samples: usize,
        #[arg(long, default_value_t = DEFAULT_SEED)]
        seed: u64,
        /// Image size in pixels, WIDTHxHEIGHT.
        #[arg(long, value_parser = parse_size, default_value = "1200x675")]
        size: (u32, u32),
    },
    /// Play a scenario's story full screen, one step at a time (presentation mode).
    Present {
        /// A scenario file with a story, or a bundled scenario's name.
        scenario: String,
        /// The step to start at, from 1.
        #[arg(long, value_name = "N")]
        step: Option<usize>,
        #[arg(long, default_value_t = DEFAULT_SEED)]
        seed: u64,
        /// Monte Carlo samples per step.
        #[arg(long, default_value_t = DEFAULT_SAMPLES as u32,
              value_parser = clap::value_parser!(u32).range(0..=100_000))]
        samples: u32,
    },
    /// Draw the explorer's screen into a file, SVG or text, with the live screen's code.
    Snapshot {
        /// A scenario file, or a bundled scenario's name.
        scenario: String,
        /// The screen in character cells, COLUMNSxROWS.
        #[arg(long, value_parser = snapshot::parse_size, default_value = "120x40")]
        size: (u16, u16),
        /// Set a lever as if in the explorer: LEVER=VALUE for every year of the horizon, or
        /// LEVER=VALUE@YEAR from YEAR on (earlier years keep the scenario's path); repeatable.
        #[arg(long = "set", value_name = "LEVER=VALUE[@YEAR]")]
        set: Vec<String>,
        /// The panel to show (output, capacity, supply, routes, market, sensitivity).
        #[arg(long, value_name = "NAME", value_parser = snapshot::parse_panel)]
        panel: Option<Panel>,
        /// The selected year.
        #[arg(long)]
        year: Option<i32>,
        #[arg(long, default_value_t = DEFAULT_SAMPLES as u32,
              value_parser = clap::value_parser!(u32).range(0..=100_000))]
        samples: u32,
        #[arg(long, default_value_t = DEFAULT_SEED)]
        seed: u64,
        /// The file to write; its extension (.svg or .txt) picks the format.
        #[arg(long, value_name = "FILE", value_parser = snapshot::parse_out)]
        out: PathBuf,
    },
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

fn run_help() -> String {
    format!(
        "{}\n{}\n{}",
        "JSON output (--format json): {\"scenario\", \"file\", \"seed\", \"samples\", \"years\": [...],
  \"metrics\": {ID: {\"unit\", \"label\", \"p10\": [...], \"p50\": [...], \"p90\": [...]}},
  \"binding_constraint\": [one per year, central run], \"products\": [{\"key\", \"name\",
  \"vendor\", \"units\": [...], \"binding\": [input or null, ...]}, ...] (central run),
  \"slack\": {\"wafers\"|\"hbm\"|\"packaging\"|\"demand\": [share unused, ...]} (central run),
  \"manifest\": {\"version\",
  \"scenario_sha256\", \"files\", \"overrides\"}}. scenario_sha256 hashes the texts of the
  extends chain (parent first) and the canonical --set overrides; not the seed or samples.
CSV output (--format csv): metric,year,p10,p50,p90. Numbers that are not finite are null in
JSON and empty in CSV.",
        "Bad --set values and unknown metrics get diagnostics and exit 1; usage errors exit 2.",
        run::metric_help()
    )
}

fn diff_help() -> String {
    format!("{}\n\n{}", diff::JSON_HELP, run::metric_help())
}

fn sensitivity_help() -> String {
    format!("{}\n\n{}", sensitivity::JSON_HELP, run::metric_help())
}

fn main() -> ExitCode {
    let args = Args::parse();
    match args.command {
        Some(Command::Check { paths, format }) => cli::check(&paths, format),
        Some(Command::Export {
            scenario,
            metric,
            out,
            set,
            pin,
            samples,
            seed,
            size,
        }) => cli::export::export(&cli::export::ExportArgs {
            scenario,
            metric,
            set,
            pin,
            samples,
            seed,
            out,
            size,
        }),
        Some(Command::Levers {
            format,
            effects: false,
            ..
        }) => cli::levers(format),
        Some(Command::Levers {
            format,
            scenarios,
            from,
            ..
        }) => cli::effects::effects(&cli::effects::EffectsOptions {
            scenarios,
            from,
            format,
        }),
        Some(Command::Present {
            scenario,
            step,
            seed,
            samples,
        }) => match chipcast::tui::theme::choose(
            args.theme.as_deref(),
            args.markers.as_deref(),
            chipcast::tui::theme::no_color(),
        ) {
            Ok(theme) => present::run(&present::PresentOptions {
                scenario,
                step,
                seed,
                samples: samples as usize,
                theme,
            }),
            Err(diags) => {
                cli::report(&diags);
                ExitCode::from(1)
            }
        },
        Some(Command::Snapshot {
            scenario,
            size,
            set,
            panel,
            year,
            samples,
            seed,
            out,
        }) => snapshot::run(&snapshot::SnapshotOptions {
            scenario,
            set,
            panel,
            year,
            size,
            samples: samples as usize,
            seed,
            out,
        }),
        Some(Command::New { name, from }) => cli::new(&name, from.as_deref()),
        Some(Command::Run {
            scenario,
            set,
            format,
            samples,
            seed,
            metrics,
        }) => run::run(&run::RunOptions {
            scenario,
            set,
            format,
            samples: samples as usize,
            seed,
            metrics,
        }),
        Some(Command::Diff {
            a,
            b,
            format,
            samples,
            seed,
            metrics,
        }) => diff::diff(&diff::DiffOptions {
            a,
            b,
            format,
            samples: samples as usize,
            seed,
            metrics,
        }),
        Some(Command::Sensitivity {
            scenario,
            metric,
            year,
            set,
            format,
        }) => sensitivity::sensitivity(&sensitivity::SensitivityOptions {
            scenario,
            set,
            format,
            metric,
            year,
        }),
        None => match chipcast::tui::theme::choose(
            args.theme.as_deref(),
            args.markers.as_deref(),
            chipcast::tui::theme::no_color(),
        ) {
            Ok(theme) => chipcast::tui::run_with(&args.paths, theme),
            Err(diags) => {
                cli::report(&diags);
                ExitCode::from(1)
            }
        },
    }
}
