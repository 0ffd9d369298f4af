//! `chipcast fmt FILE...`: lays scenario files out as the bundled ones are
//! (`scenario::format`), in place (written atomically) or, with `--check`, only saying which
//! files would change.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::diag::Diagnostic;
use crate::output::{files, report};
use crate::scenario::Origin;
use crate::scenario::format::format;
use crate::scenario::read::read_source;

/// `chipcast fmt`'s arguments.
#[derive(clap::Args, Debug)]
pub struct FmtOptions {
    /// Scenario files to format in place.
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
    /// Change nothing: list the files that are not formatted and exit 1 if there are any.
    #[arg(long)]
    pub check: bool,
}

/// Formats each file; exit 1 when a file could not be read or written, or (with `--check`)
/// when one is not formatted.
pub fn fmt(opts: &FmtOptions) -> ExitCode {
    let mut problems: Vec<Diagnostic> = Vec::new();
    let mut unformatted = 0;
    for path in &opts.files {
        let source = match read_source(&Origin::Disk(path.clone())) {
            Ok(s) => s,
            Err(d) => {
                problems.push(d);
                continue;
            }
        };
        let formatted = format(&source.text);
        if formatted == *source.text {
            continue;
        }
        if opts.check {
            unformatted += 1;
            println!("{}", crate::diag::sanitize(&path.display().to_string()));
        } else if let Err(d) = files::write_replace(path, &formatted) {
            problems.push(d);
        }
    }
    report(&problems);
    if problems.is_empty() && unformatted == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
