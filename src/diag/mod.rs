//! Diagnostics for anything a user hands chipcast (scenario files, themes, command-line
//! values): file:line:col, the field path, what was wrong and expected, and a hint — shown as a
//! source snippet (through miette), one line, or JSON for editors. `text` holds a file's text
//! and spans into it; `read` reads files with a size cap and checks they are UTF-8.
//!
//! Invariant: nothing from a file reaches the output raw — snippet text and messages pass
//! through [`sanitize`], which replaces control characters. Uses nothing else of ours.

pub mod read;
mod text;

use std::sync::Arc;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, NamedSource};
use serde::Serialize;

pub use text::{SourceText, Span};

use text::floor_char_boundary;

/// Longest source line shown in a snippet.
const MAX_SNIPPET_LINE: usize = 240;

/// One problem in one file.
#[derive(Clone, Debug, Serialize)]
pub struct Diagnostic {
    /// The file's name as shown to the user; for a problem with a command-line value (see
    /// [`Diagnostic::arg`]), the argument it concerns (`--metric`, `--year 2040`).
    pub file: String,
    /// 1-based line of the span's start (1 for a problem with a whole file); 0 when the
    /// problem is not in a file (see [`Diagnostic::arg`]).
    pub line: usize,
    /// 1-based column of the span's start, counted in characters; 0 when not in a file.
    pub column: usize,
    /// The field path, such as `levers.hub_enforcement` or `schedule[2].year`.
    pub field: String,
    /// A stable short name for the kind of problem (`out-of-range`, `unknown-lever`, ...).
    pub code: &'static str,
    /// What is wrong, as one sentence without the location ("unknown field `levrs`").
    pub message: String,
    /// What would have been accepted there ("a number from 0 to 1"), if there is one to name.
    pub expected: Option<String>,
    /// A suggestion for fixing it ("did you mean `levers`?"), if there is one.
    pub hint: Option<String>,
    #[serde(skip)]
    span: Option<Span>,
    #[serde(skip)]
    text: Option<Arc<str>>,
}

impl Diagnostic {
    /// A problem at a span of a source.
    pub fn at(
        source: &SourceText,
        span: Span,
        code: &'static str,
        field: impl Into<String>,
        message: impl Into<String>,
    ) -> Diagnostic {
        let (line, column) = source.line_col(span.start);
        Diagnostic {
            file: source.name.clone(),
            line,
            column,
            field: field.into(),
            code,
            message: message.into(),
            expected: None,
            hint: None,
            span: Some(span),
            text: Some(source.text.clone()),
        }
    }

    /// A problem with a whole file (it cannot be read, it is too large, ...).
    pub fn file(
        file: impl Into<String>,
        code: &'static str,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            file: file.into(),
            line: 1,
            column: 1,
            field: String::new(),
            code,
            message: message.into(),
            expected: None,
            hint: None,
            span: None,
            text: None,
        }
    }

    /// A problem with a command-line value (`--set`), shown without a file.
    pub fn arg(
        arg: impl Into<String>,
        code: &'static str,
        field: impl Into<String>,
        message: impl Into<String>,
    ) -> Diagnostic {
        let mut d = Diagnostic::file(arg, code, message);
        d.field = field.into();
        // Not in a file: line and column 0 say so, and the location shows the argument alone.
        d.line = 0;
        d.column = 0;
        d
    }

    /// Where the problem is: `file:line:col`, or just the argument for command-line values.
    pub fn location(&self) -> String {
        if self.line == 0 {
            self.file.clone()
        } else {
            format!("{}:{}:{}", self.file, self.line, self.column)
        }
    }

    /// Sets what would have been accepted (shown as the snippet's label, or as `expected ...`).
    pub fn expected(mut self, expected: impl Into<String>) -> Diagnostic {
        self.expected = Some(expected.into());
        self
    }

    /// Sets the suggestion for fixing the problem.
    pub fn hint(mut self, hint: impl Into<String>) -> Diagnostic {
        self.hint = Some(hint.into());
        self
    }

    /// Sets the hint when there is one (such as [`did_you_mean`]'s answer); otherwise leaves it.
    pub fn maybe_hint(self, hint: Option<String>) -> Diagnostic {
        match hint {
            Some(h) => self.hint(h),
            None => self,
        }
    }

    /// `file:line:col: error[code]: message (field ...; expected ...; hint ...)`, one line,
    /// sanitized: for status bars and banners.
    pub fn one_line(&self) -> String {
        let mut s = format!("{}: {}", self.location(), self.message);
        if !self.field.is_empty() {
            s.push_str(&format!(" [{}]", self.field));
        }
        if let Some(e) = &self.expected {
            s.push_str(&format!("; expected {e}"));
        }
        if let Some(h) = &self.hint {
            s.push_str(&format!("; {h}"));
        }
        sanitize(&s)
    }

    /// The full report with a source snippet, as a compiler shows it.
    pub fn render(&self, color: bool) -> String {
        let mut text = format!("{} [{}]", self.message, self.code);
        if !self.field.is_empty() {
            text = format!("{}: {text}", self.field);
        }
        let mut diag = MietteDiagnostic::new(sanitize(&text));
        let mut help = Vec::new();
        // With a snippet, `expected` labels the span; without one it goes in the help.
        if let (Some(e), None) = (&self.expected, &self.span) {
            help.push(format!("expected {e}"));
        }
        if let Some(h) = &self.hint {
            help.push(h.clone());
        }
        if !help.is_empty() {
            diag = diag.with_help(sanitize(&help.join("\n")));
        }
        let theme = if color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        let handler = GraphicalReportHandler::new_themed(theme).with_width(100);
        let mut out = String::new();
        // A snippet of a very long line (deep nesting, minified text) would flood the screen.
        let snippet_fits = match (&self.span, &self.text) {
            (Some(span), Some(text)) => {
                let at = floor_char_boundary(text, span.start.min(text.len()));
                let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
                let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
                line_end - line_start <= MAX_SNIPPET_LINE
            }
            _ => false,
        };
        match (&self.span, &self.text) {
            (Some(span), Some(text)) if snippet_fits => {
                let label = self.expected.as_ref().map(|e| format!("expected {e}"));
                let end = span.end.max(span.start).min(text.len());
                let start = span.start.min(end);
                let len = end.saturating_sub(start);
                diag = diag.with_label(LabeledSpan::new(label.map(|l| sanitize(&l)), start, len));
                let report = miette::Report::new(diag)
                    .with_source_code(NamedSource::new(sanitize(&self.file), sanitize(text)));
                let _ = handler.render_report(&mut out, report.as_ref());
            }
            _ => {
                let report = miette::Report::new(diag);
                let _ = handler.render_report(&mut out, report.as_ref());
                out = format!("{}: {}", sanitize(&self.location()), out.trim_start());
            }
        }
        out
    }
}

/// Replaces control characters (other than newline) and bidirectional overrides so that text
/// from a file can never drive or disguise the terminal. Each replacement has the same UTF-8
/// length as what it replaces, so byte offsets into the text stay valid.
pub fn sanitize(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\n' => '\n',
            '\t' => ' ',
            c if c.is_control() && c.len_utf8() == 1 => '?',
            // C1 controls take two bytes in UTF-8, as does the inverted question mark.
            c if c.is_control() => '\u{BF}',
            // Bidirectional overrides take three bytes, as does the replacement character.
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => '\u{FFFD}',
            c => c,
        })
        .collect()
}

/// Renders several diagnostics as a JSON array (for `--format json`).
pub fn to_json(diagnostics: &[Diagnostic]) -> serde_json::Value {
    serde_json::to_value(diagnostics).unwrap_or(serde_json::Value::Null)
}

/// The closest of `candidates` to `name`, if close enough to suggest.
pub fn did_you_mean<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(name, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| format!("did you mean `{c}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        let src = SourceText::new("f.ron", "ab\ncé d\n");
        assert_eq!(src.line_col(0), (1, 1));
        assert_eq!(src.line_col(3), (2, 1));
        assert_eq!(src.line_col(7), (2, 4));
    }

    #[test]
    fn sanitize_removes_escape_sequences() {
        assert_eq!(sanitize("a\u{1b}[31mb\u{7}"), "a?[31mb?");
    }

    #[test]
    fn suggests_close_names() {
        assert_eq!(
            did_you_mean("hub_enforcment", ["hub_enforcement", "euv_access"]).as_deref(),
            Some("did you mean `hub_enforcement`?")
        );
        assert_eq!(did_you_mean("zzz", ["hub_enforcement"]), None);
    }
}
