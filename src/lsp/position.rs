//! Byte offsets <-> LSP positions: lines from `SourceText`'s index, columns in UTF-16 code
//! units as the protocol counts them (an emoji is two, `—` and `华` one), clamped, never
//! panicking on positions past a line or the text.

use lsp_types::{Position, Range};

use crate::diag::{SourceText, Span};

/// The LSP position of byte `offset` (clamped to the text, moved back to a char boundary).
pub fn position(source: &SourceText, offset: usize) -> Position {
    let text = &*source.text;
    let mut offset = offset.min(text.len());
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let line = source.line_index(offset);
    let (start, _) = source.line_range(line);
    let character: usize = text[start..offset].chars().map(char::len_utf16).sum();
    Position::new(to_u32(line), to_u32(character))
}

/// The LSP range of a byte span.
pub fn range(source: &SourceText, span: Span) -> Range {
    Range::new(
        position(source, span.start),
        position(source, span.end.max(span.start)),
    )
}

/// The byte offset of an LSP position: a column past the end of its line is the line's end, a
/// line past the end of the text is the text's end, and a column inside a surrogate pair is
/// the character's start.
pub fn offset(source: &SourceText, pos: Position) -> usize {
    let line = pos.line as usize;
    if line >= source.line_starts().len() {
        return source.text.len();
    }
    let (start, end) = source.line_range(line);
    let mut units = 0usize;
    for (i, c) in source.text[start..end].char_indices() {
        units += c.len_utf16();
        if units > pos.character as usize {
            return start + i;
        }
    }
    end
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_utf16_units() {
        let src = SourceText::new("f", "a\n\"华—😀\" x");
        let x = src.text.find('x').unwrap();
        assert_eq!(position(&src, x), Position::new(1, 7));
        assert_eq!(offset(&src, Position::new(1, 7)), x);
        // Inside the emoji's surrogate pair: its start.
        let emoji = src.text.find('😀').unwrap();
        assert_eq!(offset(&src, Position::new(1, 4)), emoji);
        assert_eq!(offset(&src, Position::new(1, 99)), src.text.len());
        assert_eq!(offset(&src, Position::new(9, 0)), src.text.len());
        assert_eq!(position(&src, 999), Position::new(1, 8));
    }
}
