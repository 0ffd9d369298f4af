//! The `chipcast` binary: parses the command line with clap and hands off to `cli` (headless
//! commands) or `tui` (the explorer). Nothing else lives here.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use chipcast::cli::{self, Format};

/// Explore how export controls on AI chips play out: scenario files, a sourced projection
/// model, and an interactive terminal explorer.
#[derive(Parser, Debug)]
#[command(name = "chipcast", version, about, long_about = None)]
struct Args {
    #[command(subcommand)]
    command: Option<Command>,
    /// Scenario files or folders to open in the explorer (default: the bundled scenarios).
    paths: Vec<PathBuf>,
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
    /// List every lever: kind, unit, range, default, meaning and source.
    Levers {
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Write NAME.ron, a commented scenario extending the baseline (or --from); never overwrites.
    New {
        name: String,
        /// The scenario to extend: a path or a bundled scenario's name.
        #[arg(long)]
        from: Option<String>,
    },
}

fn main() -> ExitCode {
    let args = Args::parse();
    match args.command {
        Some(Command::Check { paths, format }) => cli::check(&paths, format),
        Some(Command::Levers { format }) => cli::levers(format),
        Some(Command::New { name, from }) => cli::new(&name, from.as_deref()),
        None => chipcast::tui::run(&args.paths),
    }
}
