//! The output layer both front ends and the chart export share: how numbers become text
//! (`format`), the run CSV (`csv`), files written atomically and paths shown relative
//! (`files`), and diagnostics printed to stderr (`report`). It formats and writes what
//! `scenario` and `model` produce; it never computes a projection and never touches a
//! terminal beyond writing to stderr.

pub mod csv;
pub mod explain;
pub mod files;
pub mod format;

use std::io::{IsTerminal, Write};

use crate::diag::{Diagnostic, MAX_SHOWN, sanitize};

/// Pretty JSON of `doc` with a final newline, every control, format, line- or
/// paragraph-separator character in it written as a `\uXXXX` escape: the same JSON value,
/// but a bidi override or zero-width character from a scenario file cannot reorder or hide
/// text when the output is read in a terminal.
pub fn json<T: serde::Serialize>(doc: &T) -> String {
    let text =
        serde_json::to_string_pretty(doc).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    let mut out = String::with_capacity(text.len() + 1);
    for c in text.chars() {
        // Such characters only ever stand inside strings (serde writes the structure with
        // newlines and spaces), where an escape means the same character.
        if c != '\n' && crate::diag::is_invisible(c) {
            let mut units = [0_u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    out.push('\n');
    out
}

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

/// Writes to stdout; a closed pipe (`| head`) is not an error worth a panic.
pub fn print(text: &str) -> std::process::ExitCode {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("chipcast: cannot write the output: {e}");
            std::process::ExitCode::from(1)
        }
    }
}
