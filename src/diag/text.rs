//! A file's name and text ([`SourceText`]) and byte spans into it ([`Span`]), with the
//! line and column (in characters) of an offset.
//!
//! The offsets where lines start are indexed once per file (on the first lookup, shared by
//! every clone), so locating a span costs a binary search and the characters of one line,
//! not a scan of the file: a file with thousands of problems is located in linear time.

use std::sync::{Arc, OnceLock};

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
    /// Where lines start and how many characters precede each block (built on first use,
    /// shared by clones).
    index: Arc<OnceLock<Index>>,
}

/// Bytes per block of [`Index::continuations`].
const BLOCK: usize = 1024;

/// A text's line starts, and the UTF-8 continuation bytes before each [`BLOCK`], so that a
/// column (in characters) is found without counting a whole long line.
#[derive(Debug, Default)]
struct Index {
    line_starts: Vec<usize>,
    /// `continuations[k]`: UTF-8 continuation bytes in `text[..k * BLOCK]`.
    continuations: Vec<usize>,
}

impl SourceText {
    /// A named text.
    pub fn new(name: impl Into<String>, text: impl Into<Arc<str>>) -> SourceText {
        SourceText {
            name: name.into(),
            text: text.into(),
            index: Arc::default(),
        }
    }

    /// The byte offset where each line starts: 0, then one past every newline.
    pub fn line_starts(&self) -> &[usize] {
        &self.index().line_starts
    }

    fn index(&self) -> &Index {
        self.index.get_or_init(|| {
            let bytes = self.text.as_bytes();
            let line_starts = std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(i, _)| i + 1))
                .collect();
            let mut continuations = vec![0];
            for block in bytes.chunks(BLOCK) {
                let last = continuations[continuations.len() - 1];
                continuations.push(last + continuation_bytes(block));
            }
            Index {
                line_starts,
                continuations,
            }
        })
    }

    /// Characters in `text[..offset]` (`offset` a char boundary).
    fn chars_before(&self, offset: usize) -> usize {
        let block = offset / BLOCK;
        let cont = self.index().continuations[block]
            + continuation_bytes(&self.text.as_bytes()[block * BLOCK..offset]);
        offset - cont
    }

    /// The 0-based line holding byte `offset` (clamped to the text).
    pub fn line_index(&self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        // The last line start at or before `offset`.
        self.line_starts().partition_point(|&s| s <= offset) - 1
    }

    /// The byte range of 0-based line `line` without its newline (empty past the end).
    pub fn line_range(&self, line: usize) -> (usize, usize) {
        let starts = self.line_starts();
        let Some(&start) = starts.get(line) else {
            return (self.text.len(), self.text.len());
        };
        let end = starts
            .get(line + 1)
            .map_or(self.text.len(), |&next| next - 1);
        (start, end)
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let line = self.line_index(offset);
        let line_start = self.line_starts()[line];
        let column = if offset - line_start <= BLOCK {
            // A short way into the line: count it directly.
            offset - line_start - continuation_bytes(&self.text.as_bytes()[line_start..offset])
        } else {
            self.chars_before(offset) - self.chars_before(line_start)
        } + 1;
        (line + 1, column)
    }
}

/// How many bytes of `bytes` continue a UTF-8 character (`10xxxxxx`).
fn continuation_bytes(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b & 0xC0 == 0x80).count()
}

/// The largest char boundary of `s` at or before `i`.
pub(crate) fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_indexed() {
        let src = SourceText::new("f.ron", "ab\n\ncd");
        assert_eq!(src.line_starts(), &[0, 3, 4]);
        assert_eq!(src.line_index(0), 0);
        assert_eq!(src.line_index(2), 0);
        assert_eq!(src.line_index(3), 1);
        assert_eq!(src.line_index(99), 2);
        assert_eq!(src.line_range(0), (0, 2));
        assert_eq!(src.line_range(1), (3, 3));
        assert_eq!(src.line_range(2), (4, 6));
        assert_eq!(src.line_col(6), (3, 3));
    }

    #[test]
    fn columns_count_characters_across_blocks() {
        let text = format!("x\n{}é{}", "é".repeat(BLOCK), "a".repeat(3 * BLOCK));
        let src = SourceText::new("f.ron", text.as_str());
        for offset in [
            2,
            4,
            2 + 2 * BLOCK,
            2 + 2 * BLOCK + 2,
            text.len() - 1,
            text.len(),
        ] {
            let naive = text[2..offset].chars().count() + 1;
            assert_eq!(src.line_col(offset), (2, naive), "offset {offset}");
        }
    }
}
