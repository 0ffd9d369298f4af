//! A file's name and text ([`SourceText`]) and byte spans into it ([`Span`]), with the
//! line and column (in characters) of an offset.

use std::sync::Arc;

/// A byte range in a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }
}

/// A file's name and text, for locating spans.
#[derive(Clone, Debug)]
pub struct SourceText {
    pub name: String,
    pub text: Arc<str>,
}

impl SourceText {
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
