//! Hover: on a lever id, its row of the lever table (kind, unit, range, default, meaning,
//! source and full citations) and its setting in force in each year of this scenario; on a
//! distribution, its p10, median and p90; on a source key, its citation.

use std::fmt::Write as _;

use lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind, Position};

use crate::diag::{SourceText, Span};
use crate::model::levers::{Kind, Lever, LeverId};
use crate::model::scenario::{Dist, Overrides, Scenario};
use crate::model::sensitivity::setting_in;
use crate::model::sources;
use crate::output::format;
use crate::ron_tree::{self, Value, ValueKind};
use crate::scenario::tokens::{Context, Token, TokenKind, keys, tokenize};
use crate::scenario::{Roots, value};

use super::{Cursor, Document, position};

/// The names a distribution is written with.
pub const DISTRIBUTIONS: [&str; 4] = ["Fixed", "Uniform", "Triangular", "Normal"];

/// The hover at `pos`, if there is something to say there.
pub fn hover(doc: &Document, roots: &Roots, pos: Position) -> Option<Hover> {
    let Cursor {
        source,
        offset,
        ctx,
    } = doc.cursor(pos);
    let token = ctx.token?;
    let word = token.text(&doc.text);
    let scenario = || doc.load(roots).ok().map(|l| l.scenario);
    let (text, span) = if token.kind == TokenKind::Ident && DISTRIBUTIONS.contains(&word) {
        (distribution(&source, &ctx, offset)?, token.span)
    } else if let Some(id) = lever_at(&ctx, token, word) {
        (lever_text(id.lever(), scenario().as_ref()), token.span)
    } else if token.kind == TokenKind::Str && is_source_key(&ctx) {
        let key = unquote(word);
        (
            source_text(key, &doc.text, scenario().as_ref())?,
            token.span,
        )
    } else {
        return None;
    };
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: text,
        }),
        range: Some(position::range(&source, span)),
    })
}

/// The lever a token names: a field name among lever settings, or a lever's value there.
pub fn lever_at(ctx: &Context, token: Token, word: &str) -> Option<LeverId> {
    if token.kind != TokenKind::Ident || !ctx.in_settings() {
        return None;
    }
    if ctx.token_is_key || ctx.key.is_none() {
        LeverId::from_key(word)
    } else {
        LeverId::from_key(ctx.key.as_deref()?)
    }
}

/// Whether a string at the cursor is a source key: a `source:` value or a key of `sources`.
pub fn is_source_key(ctx: &Context) -> bool {
    ctx.key.as_deref() == Some("source") || ctx.frame_key() == Some("sources") && ctx.token_is_key
}

/// A string token's text without its quotes.
pub fn unquote(word: &str) -> &str {
    let w = word.strip_prefix('"').unwrap_or(word);
    w.strip_suffix('"').unwrap_or(w)
}

/// A lever's table row and its settings in force year by year, as Markdown.
pub fn lever_text(lever: &Lever, scenario: Option<&Scenario>) -> String {
    let mut s = format!(
        "**{}** ({}, {})\n\n",
        lever.key,
        lever.kind.name(),
        lever.group.name()
    );
    let _ = writeln!(s, "{}\n", lever.meaning);
    match lever.kind {
        Kind::Bool => {}
        Kind::Choice(options) => {
            let _ = writeln!(s, "- options: {}", options.join(" | "));
        }
        Kind::Number { min, max, .. } => {
            let _ = writeln!(
                s,
                "- range: {} to {}",
                format::lever_value(lever, min),
                format::lever_value(lever, max)
            );
        }
    }
    if !lever.unit.is_empty() {
        let _ = writeln!(s, "- unit: {}", lever.unit);
    }
    let _ = writeln!(
        s,
        "- default: {}",
        format::lever_value(lever, lever.default)
    );
    let _ = writeln!(s, "- direction: {}", lever.direction.describe());
    let _ = writeln!(s, "\nSource: {}\n", lever.source);
    for key in lever.cites {
        match sources::find(key) {
            Some(c) => {
                let _ = writeln!(s, "- `{key}`: {}", c.citation());
            }
            None => {
                let _ = writeln!(s, "- `{key}`");
            }
        }
    }
    match scenario {
        Some(sc) => {
            let _ = writeln!(s, "\nIn this scenario:\n");
            for (first, last, dist, since) in settings_by_year(sc, lever.id) {
                let years = if first == last {
                    first.to_string()
                } else {
                    format!("{first}–{last}")
                };
                let origin = if since > sc.first_year {
                    format!(" (from {since})")
                } else if sc.set_by_file[lever.id as usize] {
                    String::new()
                } else {
                    " (default)".into()
                };
                let _ = writeln!(s, "- {years}: {}{origin}", format::dist(lever, dist));
            }
        }
        None => {
            let _ = writeln!(
                s,
                "\n(The file has errors: its values by year are not shown.)"
            );
        }
    }
    s
}

/// The lever's setting in force over the horizon, as runs of years with one setting:
/// `(first, last, setting, year it took effect)`.
pub fn settings_by_year(sc: &Scenario, id: LeverId) -> Vec<(i32, i32, Dist, i32)> {
    let none = Overrides::default();
    let mut out: Vec<(i32, i32, Dist, i32)> = Vec::new();
    for year in sc.years() {
        let (dist, since) = setting_in(sc, &none, id, year);
        match out.last_mut() {
            Some(run) if run.2 == dist && run.3 == since => run.1 = year,
            _ => out.push((year, year, dist, since)),
        }
    }
    out
}

/// The distribution whose name is at `offset`, decoded for its lever, with its percentiles.
fn distribution(source: &SourceText, ctx: &Context, offset: usize) -> Option<String> {
    let lever = ctx
        .frames
        .iter()
        .rev()
        .filter_map(|f| f.key.as_deref())
        .chain(ctx.key.as_deref())
        .find_map(LeverId::from_key)?
        .lever();
    let root = ron_tree::parse(&source.text).ok()?;
    let node = innermost_named(&root, offset)?;
    let mut diags = Vec::new();
    let dist = value::lever_value(source, lever, node, "", &mut diags)?;
    let range = lever.kind.range();
    let (p10, p90) = dist.p10_p90(range);
    let n = |v: f64| format::lever_value(lever, v);
    let unit = if lever.unit.is_empty() {
        String::new()
    } else {
        format!(" {}", lever.unit)
    };
    Some(format!(
        "**{}** for `{}`\n\n- p10: {}{unit}\n- p50: {}{unit}\n- p90: {}{unit}\n\nThe deterministic run uses {}{unit} (the central value).",
        format::dist(lever, dist),
        lever.key,
        n(p10),
        n(dist.median(range)),
        n(p90),
        n(dist.central()),
    ))
}

/// The innermost distribution-named value whose name covers `offset`.
fn innermost_named(value: &Value, offset: usize) -> Option<&Value> {
    let inside = |s: Span| s.start <= offset && offset <= s.end;
    if !inside(value.span) {
        return None;
    }
    let children: Vec<&Value> = match &value.kind {
        ValueKind::Struct { fields, .. } => fields.iter().map(|(_, v)| v).collect(),
        ValueKind::Tuple { items, .. } | ValueKind::List(items) => items.iter().collect(),
        ValueKind::Map(pairs) => pairs.iter().flat_map(|(k, v)| [k, v]).collect(),
        _ => Vec::new(),
    };
    if let Some(found) = children
        .into_iter()
        .find_map(|c| innermost_named(c, offset))
    {
        return Some(found);
    }
    let name = match &value.kind {
        ValueKind::Struct { name, .. } | ValueKind::Tuple { name, .. } => name.as_ref(),
        _ => None,
    }?;
    (DISTRIBUTIONS.contains(&name.name.as_str()) && inside(name.span)).then_some(value)
}

/// A source key's citation: the file's `sources` entry (or an ancestor's), and the
/// bibliography's row for each key it names in brackets, or for the key itself.
pub fn source_text(key: &str, text: &str, scenario: Option<&Scenario>) -> Option<String> {
    let written = scenario
        .and_then(|s| s.sources.get(key).cloned())
        .or_else(|| {
            // A file with errors: its own `sources` entries, read from the text.
            keys(text)
                .into_iter()
                .find(|k| k.name == key && k.path == ["sources"])
                .and_then(|k| string_after(text, k.span))
        });
    let mut s = String::new();
    if let Some(w) = &written {
        let _ = writeln!(s, "**{key}**: {w}\n");
    }
    let mut bib: Vec<&str> = Vec::new();
    if sources::find(key).is_some() {
        bib.push(key);
    }
    if let Some(w) = &written {
        for part in w.split('[').skip(1) {
            for k in part.split(']').next().unwrap_or("").split(',') {
                let k = k.trim();
                if sources::find(k).is_some() && !bib.contains(&k) {
                    bib.push(k);
                }
            }
        }
    }
    for k in bib {
        if let Some(c) = sources::find(k) {
            let _ = writeln!(s, "- `{k}`: {}", c.citation());
        }
    }
    (!s.is_empty()).then_some(s)
}

/// The string value written after the field name at `span` (`"ms": "Morgan Stanley"`).
fn string_after(text: &str, span: Span) -> Option<String> {
    let tokens = tokenize(text.get(span.end..)?);
    let t = tokens.iter().find(|t| t.kind == TokenKind::Str)?;
    Some(unquote(t.text(&text[span.end..])).to_string())
}
