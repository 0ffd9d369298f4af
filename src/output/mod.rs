//! The output layer both front ends and the chart export share: how numbers become text
//! (`format`), the run CSV (`csv`), files written atomically and paths shown relative
//! (`files`), and diagnostics printed to stderr (`report`). It formats and writes what
//! `scenario` and `model` produce; it never computes a projection and never touches a
//! terminal beyond writing to stderr.

pub mod csv;
pub mod files;
pub mod format;

use std::io::{IsTerminal, Write};

use crate::diag::{Diagnostic, MAX_SHOWN, sanitize};

/// Whether stderr wants colour: a terminal, and `NO_COLOR` unset.
pub fn stderr_color() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Prints diagnostics to stderr, each with its snippet: at most [`MAX_SHOWN`] of each file,
/// then "… and N more problems in FILE" for the rest.
pub fn report(diags: &[Diagnostic]) {
    let color = stderr_color();
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(report_text(diags, color).as_bytes());
}

/// What [`report`] prints: each diagnostic rendered (at most [`MAX_SHOWN`] a file, in order),
/// then a line for each file with more: "… and N more problems in FILE".
pub fn report_text(diags: &[Diagnostic], color: bool) -> String {
    let mut out = String::new();
    // Files in order of appearance, with how many of each were shown and left out.
    let mut files: Vec<(&str, usize, usize)> = Vec::new();
    for d in diags {
        let i = match files.iter().position(|(f, _, _)| *f == d.file) {
            Some(i) => i,
            None => {
                files.push((&d.file, 0, 0));
                files.len() - 1
            }
        };
        if files[i].1 < MAX_SHOWN {
            files[i].1 += 1;
            out.push_str(&d.render(color));
            out.push('\n');
        } else {
            files[i].2 += 1;
        }
    }
    for (file, _, more) in files {
        if more > 0 {
            let s = if more == 1 { "" } else { "s" };
            out.push_str(&format!(
                "… and {more} more problem{s} in {}\n",
                sanitize(file)
            ));
        }
    }
    out
}
