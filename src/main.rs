//! The `chipcast` binary: parses the command line with clap and hands off to `cli` (headless
//! commands) or `tui` (the explorer). Nothing else lives here.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};

use chipcast::args::{Scope, ScreenSampling};
use chipcast::cli::{self, compare, diff, explain, run, sensitivity};
use chipcast::output::report;
use chipcast::tui::theme::{self, ThemeArgs};
use chipcast::tui::{present, snapshot};

/// Explore how export controls on AI chips play out: scenario files, a sourced projection
/// model, and an interactive terminal explorer.
#[derive(Parser, Debug)]
#[command(name = "chipcast", version, about, long_about = None, disable_help_subcommand = true)]
struct Args {
    #[command(subcommand)]
    command: Option<Command>,
    /// Scenario files or folders to open in the explorer (default: the bundled scenarios).
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    theme: ThemeArgs,
    #[command(flatten)]
    scope: Scope,
    /// The explorer's Monte Carlo: `--samples` (10,000 by default) and `--seed`.
    #[command(flatten)]
    sampling: ScreenSampling,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Validate scenario files or folders (default: the bundled scenarios); exit 1 if any is invalid.
    Check(cli::CheckOptions),
    /// List every lever: kind, unit, range, default, meaning and source; with --effects, how
    /// each lever moves China's output, compute and the compute gap.
    #[command(after_long_help = cli::effects::HELP)]
    Levers(cli::LeversOptions),
    /// Write NAME.ron, a commented scenario extending the baseline (or --from); never overwrites.
    New(cli::NewOptions),
    /// Project a scenario: p50 with the p10-p90 band per metric and year, the binding
    /// constraint, and a run manifest.
    #[command(after_long_help = run_help())]
    Run(run::RunOptions),
    /// Compare two scenarios: what differs in their inputs, and B - A per metric and year.
    #[command(after_long_help = diff_help())]
    Diff(diff::DiffOptions),
    /// Compare scenarios side by side for one year: headline metrics' p50 and p10-p90, and
    /// each one's change against the first scenario.
    #[command(after_long_help = compare::JSON_HELP)]
    Compare(compare::CompareOptions),
    /// Rank the levers by how much each swings one metric in one year (the tornado chart).
    #[command(after_long_help = sensitivity_help())]
    Sensitivity(sensitivity::SensitivityOptions),
    /// Explain one number of the central run: its chain of factors, the binding input of each
    /// product, each input's slack, and the lever-by-lever waterfall of a difference.
    #[command(after_long_help = explain_help())]
    Explain(explain::ExplainOptions),
    /// Render one metric as a chart file (SVG or PNG, 1920x1080 by default) with its p10-p90
    /// band, for slides; with --story, one picture per story step.
    Export(cli::export::ExportArgs),
    /// Play a scenario's story full screen, one step at a time (presentation mode).
    Present(PresentArgs),
    /// Draw the explorer's screen into a file, SVG, PNG or text, with the live screen's code.
    Snapshot(snapshot::SnapshotOptions),
    /// Describe a panel in words for a screen reader: each series' level and trend, the
    /// band's width, the binding constraint, dated events and what changed
    Describe(chipcast::tui::describe::DescribeOptions),
    /// Lay scenario files out as the bundled ones are (comments kept), in place or --check.
    Fmt(cli::fmt::FmtOptions),
    /// Run the language server for scenario files on stdin and stdout (for editors).
    Lsp,
    /// Print a shell completion script to stdout (for example
    /// `chipcast completions bash > /etc/bash_completion.d/chipcast`).
    Completions {
        /// The shell to complete in.
        #[arg(value_enum, value_name = "SHELL")]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff) to stdout, for example `chipcast man > chipcast.1`.
    Man,
    /// Print this help, or a command's help.
    Help {
        /// The command to explain.
        #[arg(value_name = "COMMAND")]
        command: Option<String>,
    },
}

/// `chipcast present`'s arguments (the options the explorer takes are built from them).
#[derive(clap::Args, Debug)]
struct PresentArgs {
    /// A scenario file with a story, or a bundled scenario's name.
    #[arg(value_name = "SCENARIO")]
    scenario: String,
    /// The step to start at, from 1.
    #[arg(long, value_name = "N")]
    step: Option<usize>,
    /// Monte Carlo samples per step (10,000 by default, as in the explorer), and the seed.
    #[command(flatten)]
    sampling: ScreenSampling,
    #[command(flatten)]
    theme: ThemeArgs,
    #[command(flatten)]
    scope: Scope,
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
CSV output (--format csv): metric,unit,year,p10,p50,p90. Numbers that are not finite are null
in JSON and empty in CSV.",
        "Bad --set values and unknown metrics get diagnostics and exit 1; usage errors exit 2.",
        run::metric_help()
    )
}

fn diff_help() -> String {
    format!("{}\n\n{}", diff::JSON_HELP, run::metric_help())
}

fn sensitivity_help() -> String {
    format!(
        "{}\n\n{}\n\n{}",
        sensitivity::JSON_HELP,
        cli::sobol::JSON_HELP,
        run::metric_help()
    )
}

fn explain_help() -> String {
    format!("{}\n\n{}", explain::JSON_HELP, run::metric_help())
}

/// The subcommand a lone PATH that does not exist was probably meant to be, if it is close.
fn misspelled_command(paths: &[PathBuf]) -> Option<(String, String)> {
    let [path] = paths else { return None };
    if path.exists() {
        return None;
    }
    let typed = path.to_str()?;
    if matches!(
        chipcast::scenario::origin_of(typed),
        chipcast::scenario::Origin::Bundled(_)
    ) {
        return None;
    }
    let names: Vec<String> = Args::command()
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    names
        .into_iter()
        .map(|n| (strsim::damerau_levenshtein(typed, &n), n))
        .filter(|(d, n)| *d <= 2 && *d * 3 <= n.len() + 1)
        .min_by_key(|(d, _)| *d)
        .map(|(_, n)| (typed.to_string(), n))
}

fn explore(
    paths: &[PathBuf],
    scope: &Scope,
    theme: &ThemeArgs,
    sampling: ScreenSampling,
) -> ExitCode {
    let settings = chipcast::tui::app::Settings {
        samples: sampling.count(),
        seed: sampling.seed,
        ..Default::default()
    };
    match theme.choose(theme::no_color()) {
        Ok(theme) => chipcast::tui::run_with(paths, &scope.roots(paths), theme, settings),
        Err(diags) => {
            report(&diags);
            ExitCode::from(1)
        }
    }
}

fn main() -> ExitCode {
    let args = Args::parse();
    let Some(command) = args.command else {
        if let Some((typed, name)) = misspelled_command(&args.paths) {
            Args::command()
                .error(
                    clap::error::ErrorKind::InvalidSubcommand,
                    format!(
                        "unrecognized subcommand `{typed}`, and no such file or folder\n\n  \
                         tip: did you mean `{name}`?"
                    ),
                )
                .exit();
        }
        return explore(&args.paths, &args.scope, &args.theme, args.sampling);
    };
    match command {
        Command::Check(opts) => cli::check_command(&opts),
        Command::Levers(opts) => cli::levers_command(&opts),
        Command::New(opts) => cli::new_command(&opts),
        Command::Run(opts) => run::run(&opts),
        Command::Diff(opts) => diff::diff(&opts),
        Command::Compare(opts) => compare::compare(&opts),
        Command::Sensitivity(opts) => sensitivity::sensitivity(&opts),
        Command::Explain(opts) => explain::explain(&opts),
        Command::Export(opts) => {
            // `--theme` after `export` or before it; files default to the light look.
            let name = opts.theme.as_deref().or(args.theme.theme.as_deref());
            match theme::choose(Some(name.unwrap_or("light")), None, false) {
                Ok(t) => cli::export::export(&opts, &t.chart()),
                Err(diags) => {
                    report(&diags);
                    ExitCode::from(1)
                }
            }
        }
        Command::Snapshot(opts) => snapshot::run(&opts),
        Command::Describe(opts) => chipcast::tui::describe::run(&opts),
        Command::Fmt(opts) => cli::fmt::fmt(&opts),
        Command::Lsp => chipcast::lsp::run(),
        Command::Present(p) => match p.theme.choose(theme::no_color()) {
            Ok(theme) => present::run(&present::PresentOptions {
                scenario: p.scenario,
                step: p.step,
                seed: p.sampling.seed,
                samples: p.sampling.count(),
                roots: p.scope.roots(&[]),
                theme,
            }),
            Err(diags) => {
                report(&diags);
                ExitCode::from(1)
            }
        },
        Command::Completions { shell } => {
            clap_complete::generate(
                shell,
                &mut Args::command(),
                "chipcast",
                &mut std::io::stdout(),
            );
            ExitCode::SUCCESS
        }
        Command::Man => {
            match clap_mangen::Man::new(Args::command()).render(&mut std::io::stdout()) {
                Ok(()) => ExitCode::SUCCESS,
                // A reader that stops early (`chipcast man | head`) is not an error.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("chipcast: cannot write the manual page: {e}");
                    ExitCode::from(1)
                }
            }
        }
        Command::Help { command } => {
            let mut cmd = Args::command();
            let target = match command.as_deref() {
                None => Some(&mut cmd),
                Some(name) => cmd.find_subcommand_mut(name),
            };
            match target {
                Some(c) => {
                    let _ = c.print_long_help();
                    ExitCode::SUCCESS
                }
                None => Args::command()
                    .error(
                        clap::error::ErrorKind::InvalidSubcommand,
                        format!("no command `{}`", command.unwrap_or_default()),
                    )
                    .exit(),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_is_well_formed() {
        Args::command().debug_assert();
    }

    /// Every argument of every command says what it is for in `--help`.
    #[test]
    fn every_argument_has_a_description() {
        fn walk(cmd: &clap::Command, path: &str, missing: &mut Vec<String>) {
            for arg in cmd.get_arguments() {
                let id = arg.get_id().as_str();
                if arg.get_help().is_none() && !matches!(id, "help" | "version") {
                    missing.push(format!("{path} {id}"));
                }
            }
            for sub in cmd.get_subcommands() {
                walk(sub, &format!("{path} {}", sub.get_name()), missing);
            }
        }
        let mut cmd = Args::command();
        cmd.build();
        let mut missing = Vec::new();
        walk(&cmd, "chipcast", &mut missing);
        assert!(
            missing.is_empty(),
            "arguments without a description: {missing:?}"
        );
    }

    #[test]
    fn a_lone_path_close_to_a_command_is_taken_for_a_typo() {
        let guess = |p: &str| misspelled_command(&[PathBuf::from(p)]).map(|(_, n)| n);
        assert_eq!(guess("chek").as_deref(), Some("check"));
        assert_eq!(guess("snapshto").as_deref(), Some("snapshot"));
        assert_eq!(guess("no-such-scenario.ron"), None);
        assert_eq!(
            misspelled_command(&[PathBuf::from("chek"), PathBuf::from("x")]),
            None
        );
    }
}
