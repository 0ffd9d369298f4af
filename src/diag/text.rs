//! A file's name and text ([`SourceText`]) and byte spans into it ([`Span`]), with the
//! line and column (in characters) of an offset.

use std::sync::Arc;

/// A byte range in a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Span {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset just past the last byte (`start == end` marks a point, such as end of file).
    pub end: usize,
}

impl Span {
    /// The bytes `start..end`.
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }
}

/// A file's name and text, for locating spans.
#[derive(Clone, Debug)]
pub struct SourceText {
    /// The name diagnostics show for the file (its path as given, or a bundled scenario's name).
    pub name: String,
    /// The whole text, shared so that each diagnostic can keep it for its snippet cheaply.
    pub text: Arc<str>,
}

impl SourceText {
    /// A named text.
    pub fn new(name: impl Into<String>, text: impl Into<Arc<str>>) -> SourceText {
        SourceText {
            name: name.into(),
            text: text.into(),
        }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let before = &self.text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        (line, column)
    }
}

/// The largest char boundary of `s` at or before `i`.
pub(crate) fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}
