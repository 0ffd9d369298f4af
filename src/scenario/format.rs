//! The scenario formatter (`chipcast fmt`, the language server's formatting): re-indents each
//! line by its brackets as the bundled scenarios are laid out, trims trailing whitespace and
//! runs of blank lines, and keeps everything else — comments, line breaks, the text of strings
//! — as written, so the file reads back to the same scenario.
//!
//! Indentation: inside a bracket that ends its line, four spaces more than that line; inside a
//! bracket followed by more on its line, aligned one column after the bracket; a line starting
//! with a closing bracket takes the indentation of the line that opened it. Lines that begin
//! inside a string or a block comment are left exactly as they are.

use super::tokens::{Token, TokenKind, tokenize};

/// Spaces per level of a bracket that ends its line.
pub const INDENT: usize = 4;

/// An open bracket: where its contents go, and the indentation of the line it is on.
struct Open {
    child: usize,
    line_indent: usize,
}

/// `text` laid out; the same text when it already is. Never fails: text that does not parse is
/// re-indented by what its brackets say.
pub fn format(text: &str) -> String {
    let tokens = tokenize(text);
    let mut out = String::with_capacity(text.len() + 64);
    let mut stack: Vec<Open> = Vec::new();
    let mut blank_run = 0usize;
    let mut next = 0usize; // first token not yet on a finished line
    let mut start = 0usize;
    let text_body = text.strip_prefix('\u{feff}').map_or(text, |t| t);
    let bom = text.len() - text_body.len();
    if bom > 0 {
        out.push('\u{feff}');
        start = bom;
    }
    while start <= text.len() {
        let end = text[start..].find('\n').map_or(text.len(), |n| start + n);
        let line = &text[start..end];
        // Tokens before this line are done; find one that spans the line start.
        while next < tokens.len() && tokens[next].span.end <= start {
            next += 1;
        }
        let continues = tokens
            .get(next)
            .is_some_and(|t| t.span.start < start && t.span.end > start);
        let ends_inside = tokens[next..]
            .iter()
            .take_while(|t| t.span.start < end)
            .any(|t| t.span.end > end && matches!(t.kind, TokenKind::Str | TokenKind::Comment));
        let on_line: Vec<Token> = tokens[next..]
            .iter()
            .take_while(|t| t.span.start < end)
            .filter(|t| t.span.start >= start)
            .copied()
            .collect();
        let content = if ends_inside {
            line.trim_start()
        } else {
            line.trim()
        };
        let content = if continues { line } else { content };
        if !continues && content.is_empty() {
            blank_run += 1;
        } else {
            if blank_run > 0 && !out.is_empty() && !out.ends_with("\n\n") {
                // Keep one blank line where there were several (none at the top).
                if out.len() > bom {
                    out.push('\n');
                }
            }
            blank_run = 0;
            let indent = if continues {
                0
            } else {
                match on_line.first() {
                    Some(t) if t.kind == TokenKind::Close => {
                        stack.last().map_or(0, |o| o.line_indent)
                    }
                    _ => stack.last().map_or(0, |o| o.child),
                }
            };
            if !continues {
                out.extend(std::iter::repeat_n(' ', indent));
            }
            // Where the content starts in the original line, to turn offsets into columns.
            let lead = if continues {
                start
            } else {
                end - line.trim_start().len()
            };
            out.push_str(content);
            out.push('\n');
            let significant: Vec<&Token> = on_line
                .iter()
                .filter(|t| t.kind != TokenKind::Comment)
                .collect();
            for (k, t) in significant.iter().enumerate() {
                match t.kind {
                    TokenKind::Open => {
                        let last = k + 1 == significant.len()
                            && !tokens[next..]
                                .iter()
                                .any(|x| x.span.start < end && x.span.end > end);
                        let child = if last || continues {
                            indent + INDENT
                        } else {
                            indent + text[lead..t.span.end].chars().count()
                        };
                        stack.push(Open {
                            child,
                            line_indent: indent,
                        });
                    }
                    TokenKind::Close => {
                        stack.pop();
                    }
                    _ => {}
                }
            }
        }
        if end == text.len() {
            break;
        }
        start = end + 1;
    }
    // One newline at the end, none after it.
    while out.ends_with("\n\n") {
        out.pop();
    }
    if !out.ends_with('\n') && !out.is_empty() {
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reindents_by_brackets() {
        let messy = "Scenario(\nname: \"x\",   \n\n\n  levers: (\n        a: 1,\n      ),\n   story: [(caption: \"c\",\n panel: output),\n],\n)";
        let want = "Scenario(\n    name: \"x\",\n\n    levers: (\n        a: 1,\n    ),\n    story: [(caption: \"c\",\n             panel: output),\n    ],\n)\n";
        assert_eq!(format(messy), want);
        assert_eq!(format(want), want);
    }

    #[test]
    fn strings_and_comments_over_lines_are_kept() {
        let text = "Scenario(\n    description: \"a\n  b  \n\",\n    /* x\n   y */\n)\n";
        assert_eq!(format(text), text);
    }

    #[test]
    fn never_fails() {
        for text in ["", ")))", "(((", "\"", "/*", "\u{feff}(", "\n\n", "é\n  )"] {
            let _ = format(text);
        }
    }
}
