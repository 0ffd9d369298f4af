//! Diagnostics for anything a user hands chipcast (scenario files, themes, command-line
//! values): file:line:col, the field path, what was wrong and expected, and a hint — shown as a
//! source snippet (through miette), one line, or JSON for editors. `text` holds a file's text
//! and spans into it; `read` reads files with a size cap and checks they are UTF-8.
//!
//! Invariant: nothing from a file reaches the output raw — snippet text and messages pass
//! through [`sanitize`], which replaces control characters. Uses nothing else of ours.

pub mod read;
mod text;
pub mod width;

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, MietteError,
    MietteSpanContents, SourceCode, SourceSpan, SpanContents,
};
use serde::Serialize;

pub use text::{SourceText, Span};

use text::floor_char_boundary;

/// Longest source line shown in a snippet.
const MAX_SNIPPET_LINE: usize = 240;

/// Most diagnostics shown for one file (printed, or listed in `check --format json`); the rest
/// are counted ("… and N more problems in FILE"), so a file with thousands of problems prints
/// a screenful, not megabytes.
pub const MAX_SHOWN: usize = 50;

/// Longest quotation of a file's text (a name in backticks) in a message: longer ones are cut
/// from the middle with `…`, so a megabyte-long unknown name is not echoed whole.
pub const MAX_ECHO: usize = 80;

/// Longest message, field path, expectation or hint, cut from the middle beyond this.
const MAX_MESSAGE: usize = 400;

/// Lines of context a snippet shows on each side (miette's default is 1).
const SNIPPET_CONTEXT: usize = 2;

/// Most lines of a span a snippet shows: a longer span is cut short.
const MAX_SNIPPET_LINES: usize = 40;

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
    source: Option<SourceText>,
    /// A file that could not be written (see [`Diagnostic::write_failed`]): the reason is
    /// shown before the path.
    #[serde(skip)]
    write_failure: bool,
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
            field: clip(&field.into(), MAX_MESSAGE),
            code,
            message: clip_message(message.into()),
            expected: None,
            hint: None,
            span: Some(span),
            source: Some(source.clone()),
            write_failure: false,
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
            message: clip_message(message.into()),
            expected: None,
            hint: None,
            span: None,
            source: None,
            write_failure: false,
        }
    }

    /// A file that could not be written, and why (`reason`: the system's words, as
    /// [`io_reason`] gives them, such as "read-only file system"). The reason comes first in
    /// both the one-line form (`read-only file system: cannot write out/chart.svg`) and the
    /// report, so a line cut short by a narrow screen still says why; the path goes last.
    pub fn write_failed(file: impl Into<String>, reason: impl Into<String>) -> Diagnostic {
        let mut d = Diagnostic::file(file, "write-failed", reason);
        // Not a place in a file: the location is the path alone.
        d.line = 0;
        d.column = 0;
        d.write_failure = true;
        d
    }

    /// A problem with a command-line value (`--set`), shown without a file.
    pub fn arg(
        arg: impl Into<String>,
        code: &'static str,
        field: impl Into<String>,
        message: impl Into<String>,
    ) -> Diagnostic {
        let mut d = Diagnostic::file(arg, code, message);
        d.field = clip(&field.into(), MAX_MESSAGE);
        // Not in a file: line and column 0 say so, and the location shows the argument alone.
        d.line = 0;
        d.column = 0;
        d
    }

    /// The bytes of the file the problem is at, when it is at a place in a file.
    pub fn span(&self) -> Option<Span> {
        self.span
    }

    /// The text of the file the problem is in, when it is at a place in a file.
    pub fn source_text(&self) -> Option<&SourceText> {
        self.source.as_ref()
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
        self.expected = Some(clip_message(expected.into()));
        self
    }

    /// Sets the suggestion for fixing the problem.
    pub fn hint(mut self, hint: impl Into<String>) -> Diagnostic {
        self.hint = Some(clip_message(hint.into()));
        self
    }

    /// Sets the hint when there is one (such as [`did_you_mean`]'s answer); otherwise leaves it.
    pub fn maybe_hint(self, hint: Option<String>) -> Diagnostic {
        match hint {
            Some(h) => self.hint(h),
            None => self,
        }
    }

    /// `file:line:col: message [field]; expected ...; hint`, one line, sanitized: for status
    /// bars and banners. A write failure reads `reason: cannot write FILE; hint` instead.
    pub fn one_line(&self) -> String {
        let mut s = if self.write_failure {
            format!("{}: cannot write {}", self.message, self.file)
        } else {
            format!("{}: {}", self.location(), self.message)
        };
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

    /// [`Diagnostic::one_line`] under a heading that names `file` already: without the file
    /// when it is that one (`3:5: unknown lever ...`), so a narrow line keeps the message.
    pub fn one_line_in(&self, file: &str) -> String {
        if self.file != file || self.line == 0 || self.write_failure {
            return self.one_line();
        }
        let mut d = self.clone();
        d.file = String::new();
        let line = d.one_line();
        line.strip_prefix(':').unwrap_or(&line).to_string()
    }

    /// The full report with a source snippet, as a compiler shows it.
    pub fn render(&self, color: bool) -> String {
        let mut text = if self.write_failure {
            format!(
                "{}: cannot write {} [{}]",
                self.message, self.file, self.code
            )
        } else {
            format!("{} [{}]", self.message, self.code)
        };
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
        let snippet = match (&self.span, &self.source) {
            (Some(span), Some(source)) => Window::around(source, *span),
            _ => None,
        };
        match snippet {
            Some((window, start, len)) => {
                let label = self.expected.as_ref().map(|e| format!("expected {e}"));
                diag = diag.with_label(LabeledSpan::new(label.map(|l| sanitize(&l)), start, len));
                let report = miette::Report::new(diag).with_source_code(window);
                let _ = handler.render_report(&mut out, report.as_ref());
            }
            None => {
                let report = miette::Report::new(diag);
                let _ = handler.render_report(&mut out, report.as_ref());
                // A write failure names its file after the reason, in the message.
                out = if self.write_failure {
                    out.trim_start().to_string()
                } else {
                    format!("{}: {}", sanitize(&self.location()), out.trim_start())
                };
            }
        }
        out
    }
}

/// The lines of a file a snippet shows, sanitized, standing in for the whole file: miette
/// finds line numbers by scanning its source from the start, so handing it the file would
/// cost the file's length for every diagnostic.
#[derive(Debug)]
struct Window {
    name: String,
    /// The window's text: whole lines of the file.
    text: String,
    /// Where `text` starts in the file.
    offset: usize,
    /// The 0-based line of the file `text` starts on.
    line: usize,
}

impl Window {
    /// The window around `span` and the span's start and length in file offsets (cut short
    /// after [`MAX_SNIPPET_LINES`] lines), or `None` when the span's line is too long to show.
    fn around(source: &SourceText, span: Span) -> Option<(Window, usize, usize)> {
        let text = &source.text;
        let start = floor_char_boundary(text, span.start.min(text.len()));
        let first = source.line_index(start);
        let (line_start, line_end) = source.line_range(first);
        if line_end - line_start > MAX_SNIPPET_LINE {
            return None;
        }
        let mut end = floor_char_boundary(text, span.end.max(span.start).min(text.len()));
        let mut last = source.line_index(end);
        if last > first + MAX_SNIPPET_LINES {
            last = first + MAX_SNIPPET_LINES;
            end = source.line_range(last).1;
        }
        // Context lines too long to show are left out (with those beyond them).
        let too_long = |line: usize| {
            let (a, b) = source.line_range(line);
            b - a > MAX_SNIPPET_LINE
        };
        let mut from = first;
        while from > first.saturating_sub(SNIPPET_CONTEXT) && !too_long(from - 1) {
            from -= 1;
        }
        let max_to = (last + SNIPPET_CONTEXT).min(source.line_starts().len() - 1);
        let mut to = last;
        while to < max_to && !too_long(to + 1) {
            to += 1;
        }
        let window_start = source.line_range(from).0;
        let window_end = match source.line_starts().get(to + 1) {
            Some(&next) => next,
            None => text.len(),
        };
        let window = Window {
            name: sanitize(&source.name),
            text: sanitize(&text[window_start..window_end]),
            offset: window_start,
            line: from,
        };
        Some((window, start, end - start))
    }
}

impl SourceCode for Window {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let local = SourceSpan::new(span.offset().saturating_sub(self.offset).into(), span.len());
        let inner = self.text.as_str().read_span(&local, before, after)?;
        let data: &'a [u8] = inner.data();
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            data,
            SourceSpan::new(
                (inner.span().offset() + self.offset).into(),
                inner.span().len(),
            ),
            inner.line() + self.line,
            inner.column(),
            inner.line_count(),
        )))
    }
}

/// Why an I/O operation failed, in the system's words without the error number, starting in
/// lower case: "read-only file system", "no space left on device", "permission denied", "not
/// a directory". The path `tempfile` appends to its errors (its temporary file's) is left
/// out: messages name the file the user asked for.
pub fn io_reason(e: &std::io::Error) -> String {
    let text = e.to_string();
    // "Read-only file system (os error 30)", and from tempfile `… at path "/x/.name.tmp"`.
    let end = [" (os error ", " at path \""]
        .iter()
        .filter_map(|marker| text.find(marker))
        .min()
        .unwrap_or(text.len());
    let text = &text[..end];
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        // "Read-only" -> "read-only", but an acronym ("IO error") stays.
        (Some(first), Some(second)) if first.is_uppercase() && !second.is_uppercase() => first
            .to_lowercase()
            .chain(text[first.len_utf8()..].chars())
            .collect(),
        _ => text.to_string(),
    }
}

/// `text` cut to at most `max` characters and `max` terminal columns by replacing its middle
/// with `…`, at grapheme boundaries (a base character keeps its combining marks).
pub fn clip(text: &str, max: usize) -> String {
    width::cap_middle(text, max, max)
}

/// A message with each backticked quotation cut to [`MAX_ECHO`] characters, then the whole
/// to [`MAX_MESSAGE`].
fn clip_message(message: String) -> String {
    if message.len() <= MAX_ECHO {
        return message;
    }
    let mut out = String::with_capacity(message.len().min(4 * MAX_MESSAGE));
    for (i, part) in message.split('`').enumerate() {
        if i > 0 {
            out.push('`');
        }
        // Odd parts lie between backticks.
        if i % 2 == 1 {
            out.push_str(&clip(part, MAX_ECHO));
        } else {
            out.push_str(part);
        }
    }
    clip(&out, MAX_MESSAGE)
}

/// Replaces control characters (other than newline) and every invisible format character
/// (Unicode's Cc, Cf, Zl and Zp: bidirectional overrides and isolates, zero-width characters,
/// line and paragraph separators, the BOM, tag characters) so that text from a file can never
/// drive, reorder or disguise the terminal. Each replacement is visible and has the same UTF-8
/// length as what it replaces, so byte offsets into the text stay valid.
pub fn sanitize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' => out.push('\n'),
            '\t' => out.push(' '),
            c if c.is_control() || is_format(c) => out.push_str(match c.len_utf8() {
                1 => "?",
                // The inverted question mark takes two bytes, as do C1 controls.
                2 => "\u{BF}",
                // The replacement character takes three bytes.
                3 => "\u{FFFD}",
                _ => "\u{FFFD}?",
            }),
            c => out.push(c),
        }
    }
    out
}

/// Whether `c` is a control character or an invisible format character or separator
/// (Unicode's Cc, Cf, Zl and Zp): what [`sanitize`] replaces, newline and tab aside.
pub fn is_invisible(c: char) -> bool {
    c.is_control() || is_format(c)
}

/// Whether `c` is an invisible format character or a line or paragraph separator (Unicode's
/// general categories Cf, Zl and Zp, as of Unicode 15).
fn is_format(c: char) -> bool {
    matches!(
        c,
        '\u{AD}'
            | '\u{600}'..='\u{605}'
            | '\u{61C}'
            | '\u{6DD}'
            | '\u{70F}'
            | '\u{890}'..='\u{891}'
            | '\u{8E2}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{2028}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206F}'
            | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{110BD}'
            | '\u{110CD}'
            | '\u{13430}'..='\u{1343F}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0001}'
            | '\u{E0020}'..='\u{E007F}'
    )
}

/// Renders several diagnostics as a JSON array (for `--format json`).
pub fn to_json(diagnostics: &[Diagnostic]) -> serde_json::Value {
    serde_json::to_value(diagnostics).unwrap_or(serde_json::Value::Null)
}

/// The closest of `candidates` to `name`, if close enough to suggest. Names longer than
/// [`MAX_ECHO`] get no suggestion: nobody misspells a name that long, and comparing a
/// megabyte-long name with every candidate would take a while.
pub fn did_you_mean<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    if name.len() > MAX_ECHO {
        return None;
    }
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

    /// Every invisible or terminal-driving character is replaced by a visible one of the
    /// same UTF-8 length: C0 and C1 controls, bidi overrides and isolates, zero-width
    /// characters, line and paragraph separators, the BOM and tag characters (issue 13, item 8).
    #[test]
    fn io_reasons_are_the_systems_words_without_numbers_or_temporary_paths() {
        use std::io::{Error, ErrorKind};
        // EROFS and ENOTDIR on Linux.
        #[cfg(target_os = "linux")]
        {
            assert_eq!(
                io_reason(&Error::from_raw_os_error(30)),
                "read-only file system"
            );
            assert_eq!(io_reason(&Error::from_raw_os_error(20)), "not a directory");
            assert_eq!(
                io_reason(&Error::from_raw_os_error(28)),
                "no space left on device"
            );
        }
        let wrapped = Error::new(
            ErrorKind::NotADirectory,
            "Not a directory (os error 20) at path \"/x/.s-1.ron.Ab12.tmp\"",
        );
        assert_eq!(io_reason(&wrapped), "not a directory");
        assert_eq!(io_reason(&Error::other("IO error")), "IO error");
    }

    #[test]
    fn under_its_files_name_a_diagnostic_leaves_the_name_out() {
        let d = Diagnostic::file("a/b.ron", "too-large", "the file is too large");
        assert_eq!(d.one_line_in("a/b.ron"), "1:1: the file is too large");
        assert_eq!(d.one_line_in("c.ron"), "a/b.ron:1:1: the file is too large");
    }

    #[test]
    fn a_write_failure_names_its_reason_before_its_file() {
        let d = Diagnostic::write_failed("out/chart.svg", "read-only file system");
        assert_eq!(
            d.one_line(),
            "read-only file system: cannot write out/chart.svg"
        );
        let report = d.render(false);
        assert!(
            report.starts_with("× read-only file system: cannot write out/chart.svg"),
            "{report}"
        );
    }

    #[test]
    fn sanitize_replaces_every_control_and_format_character_in_place() {
        let hostile = [
            '\u{1B}',
            '\u{7}',
            '\u{9B}',
            '\u{AD}',
            '\u{61C}',
            '\u{200B}',
            '\u{200E}',
            '\u{2028}',
            '\u{2029}',
            '\u{202E}',
            '\u{2066}',
            '\u{2069}',
            '\u{FEFF}',
            '\u{E0001}',
            '\u{E0041}',
        ];
        for c in hostile {
            let text = format!("a{c}b");
            let clean = sanitize(&text);
            assert_eq!(clean.len(), text.len(), "{:?}", c);
            assert!(!clean.contains(c), "{:?} kept", c);
            assert!(clean.starts_with('a') && clean.ends_with('b'));
            assert!(clean.chars().all(|k| !k.is_control() && !is_format(k)));
        }
        assert_eq!(sanitize("Huawei 910C ✓\nline"), "Huawei 910C ✓\nline");
    }

    #[test]
    fn line_and_column_count_characters() {
        let src = SourceText::new("f.ron", "ab\ncé d\n");
        assert_eq!(src.line_col(0), (1, 1));
        assert_eq!(src.line_col(3), (2, 1));
        assert_eq!(src.line_col(7), (2, 4));
    }

    #[test]
    fn long_quotations_are_cut_from_the_middle() {
        let name = "x".repeat(1_000_000);
        let d = Diagnostic::file("f.ron", "unknown-lever", format!("unknown lever `{name}`"));
        assert!(d.message.chars().count() < 100, "{}", d.message);
        assert!(d.message.starts_with("unknown lever `xxx"));
        assert!(d.message.contains('…'));
        assert!(d.message.ends_with("xx`"));
        assert_eq!(clip("abcdef", 5), "ab…ef");
        assert_eq!(clip("abc", 5), "abc");
    }

    #[test]
    fn snippets_show_the_right_lines_of_a_long_file() {
        let text: String = (0..1000).map(|i| format!("line{i}\n")).collect();
        let src = SourceText::new("f.ron", text.as_str());
        let at = text.find("line500").unwrap();
        let d = Diagnostic::at(&src, Span::new(at, at + 7), "c", "", "here");
        let shown = d.render(false);
        assert!(shown.contains("f.ron:501:1"), "{shown}");
        assert!(shown.contains("501 │ line500"), "{shown}");
        assert!(shown.contains("500 │ line499"), "{shown}");
    }

    #[test]
    fn snippets_leave_out_long_context_lines() {
        let long = "y".repeat(10_000);
        let text = format!("{long}\nbad\n{long}\n");
        let src = SourceText::new("f.ron", text.as_str());
        let d = Diagnostic::at(
            &src,
            Span::new(long.len() + 1, long.len() + 4),
            "c",
            "",
            "here",
        );
        let shown = d.render(false);
        assert!(shown.contains("2 │ bad"), "{shown}");
        assert!(shown.len() < 1_000, "{shown}");
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
