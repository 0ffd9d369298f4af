//! RON text as a flat list of tokens that never fails (unterminated strings and comments run to
//! the end), and the cursor's context in it (the enclosing fields, the field being written):
//! for the formatter and the language server, which must work on half-typed files the
//! parser (`ron_tree`) rejects.

use crate::diag::Span;

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// An identifier: a field name, a bare option, `true`, a struct name.
    Ident,
    /// A string, quotes included (its text may run over lines).
    Str,
    /// A number or any other run of characters that is not punctuation.
    Other,
    /// `(`, `[` or `{`.
    Open,
    /// `)`, `]` or `}`.
    Close,
    /// `:`.
    Colon,
    /// `,`.
    Comma,
    /// A `//` comment (to the end of the line) or a `/* */` comment (maybe over lines).
    Comment,
}

/// One token and the bytes it covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// What it is.
    pub kind: TokenKind,
    /// Where it is.
    pub span: Span,
}

impl Token {
    /// The token's text in `text`.
    pub fn text(self, text: &str) -> &str {
        text.get(self.span.start..self.span.end).unwrap_or("")
    }
}

/// Splits `text` into tokens; whitespace is dropped. Never fails.
pub fn tokenize(text: &str) -> Vec<Token> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let next_char = |i: usize| text[i..].chars().next().map_or(1, char::len_utf8);
    while i < bytes.len() {
        let b = bytes[i];
        let start = i;
        let kind = match b {
            b' ' | b'\t' | b'\r' | b'\n' => {
                i += 1;
                continue;
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                i = text[i..].find('\n').map_or(bytes.len(), |n| i + n);
                TokenKind::Comment
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                let mut depth = 0usize;
                while i < bytes.len() {
                    if bytes[i..].starts_with(b"/*") {
                        depth += 1;
                        i += 2;
                    } else if bytes[i..].starts_with(b"*/") {
                        depth -= 1;
                        i += 2;
                        if depth == 0 {
                            break;
                        }
                    } else {
                        i += 1;
                    }
                }
                TokenKind::Comment
            }
            b'"' => {
                i += 1;
                while i < bytes.len() {
                    match bytes[i] {
                        b'\\' => i += 2,
                        b'"' => {
                            i += 1;
                            break;
                        }
                        _ => i += 1,
                    }
                }
                TokenKind::Str
            }
            b'r' if matches!(bytes.get(i + 1), Some(b'"' | b'#'))
                && raw_string_len(&bytes[i..]).is_some() =>
            {
                i += raw_string_len(&bytes[i..]).unwrap_or(1);
                TokenKind::Str
            }
            b'(' | b'[' | b'{' => {
                i += 1;
                TokenKind::Open
            }
            b')' | b']' | b'}' => {
                i += 1;
                TokenKind::Close
            }
            b':' => {
                i += 1;
                TokenKind::Colon
            }
            b',' => {
                i += 1;
                TokenKind::Comma
            }
            b if b.is_ascii_alphabetic() || b == b'_' => {
                while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                    i += 1;
                }
                TokenKind::Ident
            }
            _ => {
                i += next_char(i);
                while i < bytes.len()
                    && !matches!(
                        bytes[i],
                        b' ' | b'\t'
                            | b'\r'
                            | b'\n'
                            | b'('
                            | b')'
                            | b'['
                            | b']'
                            | b'{'
                            | b'}'
                            | b':'
                            | b','
                            | b'"'
                            | b'/'
                    )
                {
                    i += next_char(i);
                }
                TokenKind::Other
            }
        };
        let end = i.min(bytes.len());
        // Keep spans on character boundaries whatever the bytes were.
        let end = (end..=bytes.len())
            .find(|&e| text.is_char_boundary(e))
            .unwrap_or(bytes.len());
        i = end;
        out.push(Token {
            kind,
            span: Span::new(start, end),
        });
    }
    out
}

/// The length of a raw string `r#"..."#` at the start of `bytes`, if it is one.
fn raw_string_len(bytes: &[u8]) -> Option<usize> {
    let hashes = bytes[1..].iter().take_while(|&&b| b == b'#').count();
    if bytes.get(1 + hashes) != Some(&b'"') {
        return None;
    }
    let body = 2 + hashes;
    let mut closing = vec![b'"'];
    closing.extend(std::iter::repeat_n(b'#', hashes));
    let end = bytes[body..]
        .windows(closing.len())
        .position(|w| w == closing.as_slice())
        .map_or(bytes.len(), |p| body + p + closing.len());
    Some(end)
}

/// An open bracket around the cursor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Frame {
    /// `(`, `[` or `{`.
    pub open: char,
    /// Where the bracket is.
    pub at: usize,
    /// The field whose value the bracket opens (`levers` in `levers: (`), if any.
    pub key: Option<String>,
    /// The name written before the bracket (`Triangular` in `Triangular(`), if any.
    pub name: Option<String>,
}

/// Where the cursor is in the file's structure.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Context {
    /// The brackets open at the cursor, outermost first.
    pub frames: Vec<Frame>,
    /// The field whose value is being written at the cursor (`chip_exports` after
    /// `chip_exports: `), or `None` where a field name goes.
    pub key: Option<String>,
    /// The identifier or string the cursor is in or just after, if any.
    pub token: Option<Token>,
    /// Whether that token is followed by `:` (it is a field name).
    pub token_is_key: bool,
}

impl Context {
    /// The keys of the enclosing fields, outermost first (`["schedule", "set"]`).
    pub fn path(&self) -> Vec<&str> {
        self.frames
            .iter()
            .filter_map(|f| f.key.as_deref())
            .collect()
    }

    /// The innermost frame's key, if the innermost bracket opens a field's value.
    pub fn frame_key(&self) -> Option<&str> {
        self.frames.last().and_then(|f| f.key.as_deref())
    }

    /// Whether the cursor is among lever settings (`levers: (...)` or a `set: (...)`).
    pub fn in_settings(&self) -> bool {
        matches!(self.frame_key(), Some("levers" | "set")) && self.frames.len() >= 2
    }
}

/// The context at byte `offset` of `text` (`tokens` from [`tokenize`]).
pub fn context_at(text: &str, tokens: &[Token], offset: usize) -> Context {
    let mut frames: Vec<(Frame, Option<String>)> = Vec::new();
    let mut top_key: Option<String> = None;
    let mut ctx = Context::default();
    let significant: Vec<&Token> = tokens
        .iter()
        .filter(|t| t.kind != TokenKind::Comment)
        .collect();
    for (i, tok) in significant.iter().enumerate() {
        let inside = tok.span.start < offset && offset <= tok.span.end
            || tok.span.start == offset && matches!(tok.kind, TokenKind::Ident | TokenKind::Str);
        if tok.span.start >= offset && !inside {
            break;
        }
        if inside
            && matches!(
                tok.kind,
                TokenKind::Ident | TokenKind::Str | TokenKind::Other
            )
        {
            ctx.token = Some(**tok);
            ctx.token_is_key = significant
                .get(i + 1)
                .is_some_and(|t| t.kind == TokenKind::Colon);
            break;
        }
        let pending = frames.last_mut().map_or(&mut top_key, |(_, k)| k);
        match tok.kind {
            TokenKind::Ident | TokenKind::Str
                if significant
                    .get(i + 1)
                    .is_some_and(|t| t.kind == TokenKind::Colon) =>
            {
                let t = tok.text(text);
                *pending = Some(t.trim_matches('"').to_string());
            }
            TokenKind::Comma => *pending = None,
            TokenKind::Open => {
                let name = (i > 0
                    && significant[i - 1].kind == TokenKind::Ident
                    && significant[i - 1].span.end == tok.span.start)
                    .then(|| significant[i - 1].text(text).to_string());
                let key = pending.clone();
                frames.push((
                    Frame {
                        open: text[tok.span.start..].chars().next().unwrap_or('('),
                        at: tok.span.start,
                        key,
                        name,
                    },
                    None,
                ));
            }
            TokenKind::Close => {
                frames.pop();
            }
            _ => {}
        }
    }
    ctx.key = frames.last().map_or(top_key, |(_, k)| k.clone());
    ctx.frames = frames.into_iter().map(|(f, _)| f).collect();
    ctx
}

/// A field name written in key position with the keys of its enclosing fields.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyAt {
    /// The name (a string key without its quotes).
    pub name: String,
    /// Where it is written.
    pub span: Span,
    /// The keys of the enclosing fields, outermost first.
    pub path: Vec<String>,
}

/// Every field name of `text` with its enclosing fields, in the order written.
pub fn keys(text: &str) -> Vec<KeyAt> {
    let tokens = tokenize(text);
    let significant: Vec<&Token> = tokens
        .iter()
        .filter(|t| t.kind != TokenKind::Comment)
        .collect();
    let mut frames: Vec<(Option<String>, Option<String>)> = Vec::new();
    let mut top: Option<String> = None;
    let mut out = Vec::new();
    for (i, tok) in significant.iter().enumerate() {
        let path = || {
            frames
                .iter()
                .filter_map(|(k, _)| k.clone())
                .collect::<Vec<_>>()
        };
        match tok.kind {
            TokenKind::Ident | TokenKind::Str
                if significant
                    .get(i + 1)
                    .is_some_and(|t| t.kind == TokenKind::Colon) =>
            {
                let name = tok.text(text).trim_matches('"').to_string();
                out.push(KeyAt {
                    name: name.clone(),
                    span: tok.span,
                    path: path(),
                });
                *frames.last_mut().map_or(&mut top, |(_, k)| k) = Some(name);
            }
            TokenKind::Comma => *frames.last_mut().map_or(&mut top, |(_, k)| k) = None,
            TokenKind::Open => {
                let key = frames.last().map_or(top.clone(), |(_, k)| k.clone());
                frames.push((key, None));
            }
            TokenKind::Close => {
                frames.pop();
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_names_the_enclosing_fields() {
        let text = "Scenario(\n  levers: (chip_exports: ban";
        let tokens = tokenize(text);
        let ctx = context_at(text, &tokens, text.len());
        assert_eq!(ctx.path(), ["levers"]);
        assert_eq!(ctx.key.as_deref(), Some("chip_exports"));
        assert_eq!(ctx.token.map(|t| t.text(text)), Some("ban"));
        let ctx = context_at(text, &tokens, text.find("chip").unwrap() + 2);
        assert!(ctx.token_is_key && ctx.in_settings());
        let text = "Scenario(schedule: [(year: 2027, set: (x: Triangular(low: 1, ";
        let ctx = context_at(text, &tokenize(text), text.len());
        assert_eq!(ctx.path(), ["schedule", "set", "x"]);
        assert_eq!(
            ctx.frames.last().unwrap().name.as_deref(),
            Some("Triangular")
        );
    }

    #[test]
    fn tokenizing_never_fails() {
        for text in ["\"abc", "r#\"x", "/* a /* b */", "é(", "r", "//", "\"\\"] {
            let toks = tokenize(text);
            assert!(toks.iter().all(|t| t.span.end <= text.len()));
        }
    }

    #[test]
    fn keys_carry_their_paths() {
        let k = keys("Scenario(levers: (a: 1, b: (value: 2)), sources: {\"ms\": \"x\"})");
        let names: Vec<_> = k
            .iter()
            .map(|k| (k.name.as_str(), k.path.join(".")))
            .collect();
        assert_eq!(
            names,
            [
                ("levers", "".into()),
                ("a", "levers".to_string()),
                ("b", "levers".into()),
                ("value", "levers.b".into()),
                ("sources", "".into()),
                ("ms", "sources".into())
            ]
        );
    }
}
