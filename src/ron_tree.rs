//! RON text -> a spanned value tree: a reader for the RON subset scenario and theme files use,
//! every value keeping its byte span so later checks can point at the exact line and column.
//!
//! The `ron` crate's serde path neither keeps spans for values nor reports more than the first
//! error, so scenario files are read here into a small tree instead. The reader never panics
//! and never recurses deeper than [`MAX_DEPTH`]; it stops at the first syntax error (later
//! text cannot be trusted after one), and everything after parsing reports all problems.

use std::fmt;

pub use crate::diag::Span;

/// Deepest nesting accepted. Scenario files need about six levels; this bounds the stack.
pub const MAX_DEPTH: usize = 48;

/// A value with the span it was read from.
#[derive(Clone, Debug, PartialEq)]
pub struct Value {
    /// What was written, with any nested values.
    pub kind: ValueKind,
    /// The bytes of the source text the whole value covers, brackets included.
    pub span: Span,
}

/// A field name with its span.
#[derive(Clone, Debug, PartialEq)]
pub struct Ident {
    /// The identifier as written (letters, digits and `_`).
    pub name: String,
    /// The bytes of the source text the identifier covers.
    pub span: Span,
}

/// The kinds of value the reader knows, each holding what was written.
#[derive(Clone, Debug, PartialEq)]
pub enum ValueKind {
    /// `true` or `false`.
    Bool(bool),
    /// Any number: integers and decimals alike are read as `f64`, as are `inf`, `-inf` and
    /// `NaN` (whether a whole number is needed is for the reader of the tree to check).
    Number(f64),
    /// A string in double quotes or a raw string (`r"..."`, `r#"..."#`), escapes resolved.
    Str(String),
    /// A bare identifier: an enum variant without fields (`partial`, `None`).
    Ident(String),
    /// `Name(field: value, ...)` or `(field: value, ...)`.
    Struct {
        /// The struct's name before the parenthesis, if one was written.
        name: Option<Ident>,
        /// The fields in the order written, duplicates kept (the decoder reports them).
        fields: Vec<(Ident, Value)>,
    },
    /// `Name(value, ...)` or `(value, ...)`.
    Tuple {
        /// The tuple's name before the parenthesis, if one was written.
        name: Option<Ident>,
        /// The items in order; `()` is an empty tuple.
        items: Vec<Value>,
    },
    /// `[value, ...]`, items in order.
    List(Vec<Value>),
    /// `{key: value, ...}`: key and value pairs in the order written, duplicates kept.
    Map(Vec<(Value, Value)>),
}

impl ValueKind {
    /// What a user would call this kind of value, for "expected X, found Y".
    pub fn describe(&self) -> String {
        match self {
            ValueKind::Bool(_) => "a bool".into(),
            ValueKind::Number(_) => "a number".into(),
            ValueKind::Str(_) => "a string".into(),
            ValueKind::Ident(name) => format!("the name `{name}`"),
            ValueKind::Struct { name: Some(n), .. } => format!("`{}(...)`", n.name),
            ValueKind::Struct { name: None, .. } => "a struct `( ... )`".into(),
            ValueKind::Tuple { name: Some(n), .. } => format!("`{}(...)`", n.name),
            ValueKind::Tuple { name: None, .. } => "a tuple `( ... )`".into(),
            ValueKind::List(_) => "a list `[ ... ]`".into(),
            ValueKind::Map(_) => "a map `{ ... }`".into(),
        }
    }
}

/// A syntax error: where and what.
#[derive(Clone, Debug, PartialEq)]
pub struct SyntaxError {
    /// Where the error is: the offending text, or an empty span where something is missing.
    pub span: Span,
    /// What is wrong ("expected `,` or `)`, found `x`").
    pub message: String,
    /// How to fix it, when the reader can tell ("close it with `*/`").
    pub hint: Option<String>,
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// Reads one value (with optional `#![enable(...)]` attributes before it) from `text`.
pub fn parse(text: &str) -> Result<Value, SyntaxError> {
    parse_range(text, 0..text.len())
}

/// Reads one value from `text[range]` (a value embedded in a larger text, such as the value
/// of a `--set` argument), with spans into the whole of `text`.
pub fn parse_range(text: &str, range: std::ops::Range<usize>) -> Result<Value, SyntaxError> {
    let end = range.end.min(text.len());
    let src = text.get(..end).unwrap_or(text);
    let start = range.start.min(src.len());
    let mut p = Parser { src, pos: start };
    p.skip_trivia()?;
    while p.peek_str("#!") {
        p.skip_attribute()?;
        p.skip_trivia()?;
    }
    if p.pos >= p.src.len() {
        return Err(SyntaxError {
            span: Span::new(start, start),
            message: "the file is empty".into(),
            hint: Some(
                "a scenario starts with `Scenario(` — `chipcast new NAME` writes a template".into(),
            ),
        });
    }
    let value = p.value(0)?;
    p.skip_trivia()?;
    if p.pos < p.src.len() {
        let end = p.next_char_end();
        return Err(p.error_at(
            Span::new(p.pos, end),
            "unexpected text after the end of the scenario",
            Some("a file holds exactly one `Scenario( ... )`; check for an extra `)`"),
        ));
    }
    Ok(value)
}

struct Parser<'a> {
    src: &'a str,
    pos: usize,
}

impl Parser<'_> {
    fn rest(&self) -> &str {
        &self.src[self.pos..]
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn peek_str(&self, s: &str) -> bool {
        self.rest().starts_with(s)
    }

    fn next_char_end(&self) -> usize {
        self.pos + self.peek().map_or(0, char::len_utf8)
    }

    fn error_at(&self, span: Span, message: &str, hint: Option<&str>) -> SyntaxError {
        SyntaxError {
            span,
            message: message.to_string(),
            hint: hint.map(str::to_string),
        }
    }

    fn unexpected(&self, expected: &str) -> SyntaxError {
        match self.peek() {
            None => self.error_at(
                Span::new(self.pos, self.pos),
                &format!("the file ends where {expected} was expected"),
                Some("an opening bracket or quote may be missing its closing partner"),
            ),
            Some(c) if c.is_alphanumeric() || c == '_' => {
                let word: String = self
                    .rest()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .take(40)
                    .collect();
                self.error_at(
                    Span::new(self.pos, self.pos + word.len()),
                    &format!("expected {expected}, found `{word}`"),
                    None,
                )
            }
            Some(c) => self.error_at(
                Span::new(self.pos, self.next_char_end()),
                &format!("expected {expected}, found {}", describe_char(c)),
                None,
            ),
        }
    }

    /// Skips whitespace and comments (`//` to end of line, nested `/* */`).
    fn skip_trivia(&mut self) -> Result<(), SyntaxError> {
        loop {
            let Some(c) = self.peek() else { return Ok(()) };
            if c.is_whitespace() {
                self.pos += c.len_utf8();
            } else if self.peek_str("//") {
                match self.rest().find('\n') {
                    Some(i) => self.pos += i + 1,
                    None => self.pos = self.src.len(),
                }
            } else if self.peek_str("/*") {
                let start = self.pos;
                self.pos += 2;
                let mut depth = 1usize;
                while depth > 0 {
                    if self.peek_str("*/") {
                        depth -= 1;
                        self.pos += 2;
                    } else if self.peek_str("/*") {
                        depth += 1;
                        self.pos += 2;
                    } else if let Some(c) = self.peek() {
                        self.pos += c.len_utf8();
                    } else {
                        return Err(self.error_at(
                            Span::new(start, start + 2),
                            "this block comment is never closed",
                            Some("close it with `*/`"),
                        ));
                    }
                }
            } else {
                return Ok(());
            }
        }
    }

    fn skip_attribute(&mut self) -> Result<(), SyntaxError> {
        // `#![enable(implicit_some)]` and friends: accepted and ignored.
        let start = self.pos;
        self.pos += 2;
        if !self.peek_str("[") {
            return Err(self.unexpected("`[` after `#!`"));
        }
        match self.rest().find(']') {
            Some(i) => {
                self.pos += i + 1;
                Ok(())
            }
            None => Err(self.error_at(
                Span::new(start, self.src.len()),
                "this attribute is never closed",
                Some("close it with `]`"),
            )),
        }
    }

    fn expect(&mut self, c: char, what: &str) -> Result<(), SyntaxError> {
        self.skip_trivia()?;
        if self.peek() == Some(c) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.unexpected(what))
        }
    }

    fn value(&mut self, depth: usize) -> Result<Value, SyntaxError> {
        self.skip_trivia()?;
        if depth >= MAX_DEPTH {
            return Err(self.error_at(
                Span::new(self.pos, self.next_char_end()),
                &format!("values are nested more than {MAX_DEPTH} levels deep"),
                Some("scenario files need only a few levels; check for runaway brackets"),
            ));
        }
        let start = self.pos;
        let Some(c) = self.peek() else {
            return Err(self.unexpected("a value"));
        };
        let kind = match c {
            '"' => ValueKind::Str(self.string()?),
            'r' if self.peek_str("r\"") || self.peek_str("r#") => {
                ValueKind::Str(self.raw_string()?)
            }
            '[' => {
                self.pos += 1;
                let mut items = Vec::new();
                self.sequence(']', |p| {
                    items.push(p.value(depth + 1)?);
                    Ok(())
                })?;
                ValueKind::List(items)
            }
            '{' => {
                self.pos += 1;
                let mut entries = Vec::new();
                self.sequence('}', |p| {
                    let key = p.value(depth + 1)?;
                    p.expect(':', "`:` after a map key")?;
                    entries.push((key, p.value(depth + 1)?));
                    Ok(())
                })?;
                ValueKind::Map(entries)
            }
            '(' => self.parens(None, depth)?,
            c if c.is_ascii_digit() || c == '-' || c == '+' || c == '.' => self.number()?,
            c if c.is_alphabetic() || c == '_' => {
                let ident = self.ident();
                match ident.name.as_str() {
                    "true" => ValueKind::Bool(true),
                    "false" => ValueKind::Bool(false),
                    "NaN" => ValueKind::Number(f64::NAN),
                    "inf" => ValueKind::Number(f64::INFINITY),
                    _ => {
                        self.skip_trivia()?;
                        if self.peek() == Some('(') {
                            self.parens(Some(ident), depth)?
                        } else {
                            ValueKind::Ident(ident.name)
                        }
                    }
                }
            }
            _ => return Err(self.unexpected("a value")),
        };
        Ok(Value {
            kind,
            span: Span::new(start, self.pos),
        })
    }

    /// Reads comma-separated items up to and including `close` (a trailing comma allowed),
    /// calling `item` at the start of each; the opening bracket is already consumed.
    fn sequence(
        &mut self,
        close: char,
        mut item: impl FnMut(&mut Self) -> Result<(), SyntaxError>,
    ) -> Result<(), SyntaxError> {
        loop {
            self.skip_trivia()?;
            if self.peek() == Some(close) {
                self.pos += 1;
                return Ok(());
            }
            item(self)?;
            let end = self.pos;
            self.skip_trivia()?;
            match self.peek() {
                Some(',') => self.pos += 1,
                Some(c) if c == close => {}
                // The next item on a later line: the comma at the end of this one is missing,
                // so point there, not at the next line.
                Some(_) if self.src[end..self.pos].contains('\n') => {
                    return Err(self.error_at(
                        Span::new(end, end),
                        &format!("missing `,` after this value (or `{close}` to close)"),
                        Some("separate the items with a comma: end the line with `,`"),
                    ));
                }
                _ => return Err(self.unexpected(&format!("`,` or `{close}`"))),
            }
        }
    }

    fn ident(&mut self) -> Ident {
        let start = self.pos;
        while let Some(c) = self.peek() {
            if c.is_alphanumeric() || c == '_' {
                self.pos += c.len_utf8();
            } else {
                break;
            }
        }
        Ident {
            name: self.src[start..self.pos].to_string(),
            span: Span::new(start, self.pos),
        }
    }

    /// `( ... )` after an optional name: a struct when the first item is `ident:`, else a tuple.
    fn parens(&mut self, name: Option<Ident>, depth: usize) -> Result<ValueKind, SyntaxError> {
        self.pos += 1; // '('
        self.skip_trivia()?;
        if self.peek() == Some(')') {
            self.pos += 1;
            return Ok(ValueKind::Tuple {
                name,
                items: Vec::new(),
            });
        }
        if self.looks_like_field() {
            let mut fields = Vec::new();
            self.sequence(')', |p| {
                if !p.peek().is_some_and(|c| c.is_alphabetic() || c == '_') {
                    return Err(p.unexpected("a field name"));
                }
                let field = p.ident();
                p.expect(':', &format!("`:` after the field name `{}`", field.name))?;
                fields.push((field, p.value(depth + 1)?));
                Ok(())
            })?;
            Ok(ValueKind::Struct { name, fields })
        } else {
            let mut items = Vec::new();
            self.sequence(')', |p| {
                items.push(p.value(depth + 1)?);
                Ok(())
            })?;
            Ok(ValueKind::Tuple { name, items })
        }
    }

    /// Whether the text at the cursor is `identifier :` (but not `identifier ::`).
    fn looks_like_field(&self) -> bool {
        let rest = self.rest();
        let len: usize = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .map(char::len_utf8)
            .sum();
        if len == 0 || !rest.starts_with(|c: char| c.is_alphabetic() || c == '_') {
            return false;
        }
        let after = rest[len..].trim_start();
        after.starts_with(':') && !after.starts_with("::")
    }

    fn number(&mut self) -> Result<ValueKind, SyntaxError> {
        let start = self.pos;
        let negative = self.peek() == Some('-');
        if matches!(self.peek(), Some('-' | '+')) {
            self.pos += 1;
        }
        if self.peek_str("inf") {
            self.pos += 3;
            return Ok(ValueKind::Number(if negative {
                f64::NEG_INFINITY
            } else {
                f64::INFINITY
            }));
        }
        if self.peek_str("NaN") {
            self.pos += 3;
            return Ok(ValueKind::Number(f64::NAN));
        }
        while let Some(c) = self.peek() {
            let exponent_sign = matches!(c, '+' | '-')
                && matches!(
                    self.src.as_bytes().get(self.pos.wrapping_sub(1)),
                    Some(b'e' | b'E')
                );
            if c.is_ascii_alphanumeric() || c == '.' || c == '_' || exponent_sign {
                self.pos += 1;
            } else {
                break;
            }
        }
        let text: String = self.src[start..self.pos]
            .chars()
            .filter(|c| *c != '_')
            .collect();
        text.parse::<f64>().map(ValueKind::Number).map_err(|_| {
            self.error_at(
                Span::new(start, self.pos),
                &format!("`{}` is not a number", &self.src[start..self.pos]),
                Some("write numbers like 42, 0.25, -3 or 1.5e6"),
            )
        })
    }

    fn string(&mut self) -> Result<String, SyntaxError> {
        let start = self.pos;
        self.pos += 1;
        let mut out = String::new();
        loop {
            let Some(c) = self.peek() else {
                return Err(self.error_at(
                    Span::new(start, start + 1),
                    "this string is never closed",
                    Some("add the closing `\"`"),
                ));
            };
            match c {
                '"' => {
                    self.pos += 1;
                    return Ok(out);
                }
                '\\' => {
                    let esc_start = self.pos;
                    self.pos += 1;
                    let Some(e) = self.peek() else { continue };
                    self.pos += e.len_utf8();
                    match e {
                        'n' => out.push('\n'),
                        't' => out.push('\t'),
                        'r' => out.push('\r'),
                        '0' => out.push('\0'),
                        '\\' => out.push('\\'),
                        '"' => out.push('"'),
                        '\'' => out.push('\''),
                        'u' => out.push(self.unicode_escape(esc_start)?),
                        _ => {
                            return Err(self.error_at(
                                Span::new(esc_start, self.pos),
                                &format!("unknown escape `\\{}`", e.escape_default()),
                                Some("valid escapes: \\n \\t \\\\ \\\" \\u{...}"),
                            ));
                        }
                    }
                }
                c => {
                    out.push(c);
                    self.pos += c.len_utf8();
                }
            }
        }
    }

    fn unicode_escape(&mut self, esc_start: usize) -> Result<char, SyntaxError> {
        let bad = |p: &Parser| {
            p.error_at(
                Span::new(esc_start, p.pos),
                "malformed unicode escape",
                Some("write it as \\u{1F600}"),
            )
        };
        if self.peek() != Some('{') {
            return Err(bad(self));
        }
        self.pos += 1;
        let hex_start = self.pos;
        while self.peek().is_some_and(|c| c.is_ascii_hexdigit()) && self.pos - hex_start < 6 {
            self.pos += 1;
        }
        let hex = &self.src[hex_start..self.pos];
        if self.peek() != Some('}') {
            return Err(bad(self));
        }
        self.pos += 1;
        u32::from_str_radix(hex, 16)
            .ok()
            .and_then(char::from_u32)
            .ok_or_else(|| bad(self))
    }

    fn raw_string(&mut self) -> Result<String, SyntaxError> {
        let start = self.pos;
        self.pos += 1; // 'r'
        let hashes = self.rest().chars().take_while(|c| *c == '#').count();
        self.pos += hashes;
        if self.peek() != Some('"') {
            return Err(self.unexpected("`\"` to open a raw string"));
        }
        self.pos += 1;
        let close = format!("\"{}", "#".repeat(hashes));
        match self.rest().find(&close) {
            Some(i) => {
                let s = self.rest()[..i].to_string();
                self.pos += i + close.len();
                Ok(s)
            }
            None => Err(self.error_at(
                Span::new(start, start + 1 + hashes),
                "this raw string is never closed",
                Some(&format!("close it with `{close}`")),
            )),
        }
    }
}

fn describe_char(c: char) -> String {
    if c.is_control() {
        format!("the control character U+{:04X}", c as u32)
    } else {
        format!("`{c}`")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_structs_maps_lists_and_spans() {
        let v = parse(
            "Scenario(a: 1, b: [true, \"x\"], c: {\"k\": Uniform(low: 0, high: 1)}, d: partial,)",
        )
        .unwrap();
        let ValueKind::Struct { name, fields } = v.kind else {
            panic!("not a struct")
        };
        assert_eq!(name.unwrap().name, "Scenario");
        assert_eq!(fields.len(), 4);
        assert_eq!(fields[0].1.kind, ValueKind::Number(1.0));
        assert_eq!(fields[0].1.span, Span::new(12, 13));
        assert_eq!(fields[3].1.kind, ValueKind::Ident("partial".into()));
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let text = "[".repeat(100_000);
        let err = parse(&text).unwrap_err();
        assert!(err.message.contains("nested"), "{}", err.message);
    }

    #[test]
    fn unterminated_things_are_reported() {
        assert!(
            parse("(a: \"x)")
                .unwrap_err()
                .message
                .contains("never closed")
        );
        assert!(parse("/* x").unwrap_err().message.contains("never closed"));
        assert!(parse("").unwrap_err().message.contains("empty"));
        assert!(parse("(a: 1").unwrap_err().message.contains("ends"));
    }

    #[test]
    fn numbers_including_non_finite() {
        assert_eq!(parse("1_000.5").unwrap().kind, ValueKind::Number(1000.5));
        assert_eq!(parse("-2e3").unwrap().kind, ValueKind::Number(-2000.0));
        assert!(matches!(parse("NaN").unwrap().kind, ValueKind::Number(n) if n.is_nan()));
        assert_eq!(
            parse("-inf").unwrap().kind,
            ValueKind::Number(f64::NEG_INFINITY)
        );
        assert!(parse("12abc").is_err());
    }
}
