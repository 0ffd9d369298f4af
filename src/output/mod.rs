//! The output layer both front ends and the chart export share: how numbers become text
//! (`format`), the run CSV (`csv`), files written atomically and paths shown relative
//! (`files`), and diagnostics printed to stderr (`report`). It formats and writes what
//! `scenario` and `model` produce; it never computes a projection and never touches a
//! terminal beyond writing to stderr.

pub mod csv;
pub mod files;
pub mod format;

use std::io::{IsTerminal, Write};

use crate::diag::Diagnostic;

/// Whether stderr wants colour: a terminal, and `NO_COLOR` unset.
pub fn stderr_color() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Prints diagnostics to stderr, each with its snippet.
pub fn report(diags: &[Diagnostic]) {
    let color = stderr_color();
    let mut err = std::io::stderr().lock();
    for d in diags {
        let _ = writeln!(err, "{}", d.render(color));
    }
}
