//! Completion from the cursor's context (read from tokens, so half-typed files work): lever
//! ids with their docs among lever settings; a lever's values there (bools, a choice's
//! options, distributions as snippets); panels and metrics in `story` and `observations`;
//! the file's source keys after `source:`; `extends` targets (sibling `.ron` files and the
//! bundled scenarios).

use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionResponse, CompletionTextEdit, Documentation,
    InsertTextFormat, MarkupContent, MarkupKind, Position, TextEdit,
};

use crate::diag::Span;
use crate::model::levers::{Kind, LEVERS, LeverId};
use crate::model::metrics::METRICS;
use crate::output::format;
use crate::scenario::bundled;
use crate::scenario::story::Panel;
use crate::scenario::tokens::{Context, TokenKind, keys};
use crate::scenario::{Origin, Roots};

use super::hover::lever_text;
use super::{Cursor, Document, position};

/// The distribution snippets, with what each means.
const SNIPPETS: [(&str, &str, &str); 4] = [
    (
        "Triangular",
        "Triangular(low: ${1}, mode: ${2}, high: ${3})",
        "low <= mode <= high, low < high; the run uses the mode",
    ),
    (
        "Uniform",
        "Uniform(low: ${1}, high: ${2})",
        "low < high; the run uses the midpoint",
    ),
    (
        "Normal",
        "Normal(mean: ${1}, sd: ${2})",
        "sd > 0, truncated to the lever's range; the run uses the mean",
    ),
    ("Fixed", "Fixed(${1})", "the same as the number alone"),
];

/// The completions at `pos`.
pub fn complete(doc: &Document, roots: &Roots, pos: Position) -> CompletionResponse {
    let Cursor {
        source,
        offset,
        ctx,
    } = doc.cursor(pos);
    // What a completion replaces: the word being typed (inside its quotes for a string).
    let (replace, quoted) = match ctx.token {
        Some(t) if t.kind == TokenKind::Str => {
            let start = t.span.start + 1;
            let text = t.text(&doc.text);
            let end = if text.len() >= 2 && text.ends_with('"') {
                t.span.end - 1
            } else {
                t.span.end
            };
            (Span::new(start, end.max(start)), true)
        }
        Some(t) if t.kind == TokenKind::Ident => (Span::new(t.span.start, offset), false),
        _ => (Span::new(offset, offset), false),
    };
    let range = position::range(&source, replace);
    let mut items = candidates(doc, roots, &ctx, quoted);
    for item in &mut items {
        let text = item
            .insert_text
            .take()
            .unwrap_or_else(|| item.label.clone());
        item.text_edit = Some(CompletionTextEdit::Edit(TextEdit::new(range, text)));
    }
    CompletionResponse::Array(items)
}

fn candidates(doc: &Document, roots: &Roots, ctx: &Context, quoted: bool) -> Vec<CompletionItem> {
    let string = |name: &str| {
        if quoted {
            name.to_string()
        } else {
            format!("\"{name}\"")
        }
    };
    let in_settings = ctx.in_settings();
    // The lever whose value is being written: `lever: |` or `lever: (value: |`.
    let value_of = if in_settings {
        ctx.key.as_deref().and_then(LeverId::from_key)
    } else if ctx.key.as_deref() == Some("value") && ctx.frames.len() >= 3 {
        ctx.frame_key().and_then(LeverId::from_key)
    } else {
        None
    };
    if let Some(id) = value_of {
        return lever_values(id);
    }
    if in_settings && ctx.key.is_none() {
        let scenario = doc.load(roots).ok().map(|l| l.scenario);
        return LEVERS
            .iter()
            .map(|l| CompletionItem {
                label: l.key.to_string(),
                kind: Some(CompletionItemKind::FIELD),
                detail: Some(detail(l)),
                documentation: Some(markdown(lever_text(l, scenario.as_ref()))),
                insert_text: Some(format!("{}: ", l.key)),
                ..CompletionItem::default()
            })
            .collect();
    }
    let path = ctx.path();
    match ctx.key.as_deref() {
        Some("panel") if path.first() == Some(&"story") => Panel::ALL
            .iter()
            .map(|p| {
                item(
                    p.name(),
                    CompletionItemKind::ENUM_MEMBER,
                    "panel",
                    p.name().into(),
                )
            })
            .collect(),
        Some("metric") => METRICS
            .iter()
            .map(|m| {
                item(
                    m.key,
                    CompletionItemKind::CONSTANT,
                    &format!("{} ({})", m.label, m.unit),
                    string(m.key),
                )
            })
            .collect(),
        Some("source") => source_keys(doc, roots)
            .into_iter()
            .map(|(k, c)| item(&k, CompletionItemKind::REFERENCE, &c, string(&k)))
            .collect(),
        Some("extends") if ctx.frames.len() == 1 => extends_targets(doc)
            .into_iter()
            .map(|t| item(&t, CompletionItemKind::FILE, "parent scenario", string(&t)))
            .collect(),
        _ => Vec::new(),
    }
}

/// A plain completion item.
fn item(label: &str, kind: CompletionItemKind, detail: &str, insert: String) -> CompletionItem {
    CompletionItem {
        label: label.to_string(),
        kind: Some(kind),
        detail: Some(detail.to_string()),
        insert_text: Some(insert),
        ..CompletionItem::default()
    }
}

fn markdown(value: String) -> Documentation {
    Documentation::MarkupContent(MarkupContent {
        kind: MarkupKind::Markdown,
        value,
    })
}

/// A lever's kind, range and unit in a line.
fn detail(l: &crate::model::levers::Lever) -> String {
    match l.kind {
        Kind::Bool => "bool".into(),
        Kind::Choice(options) => format!("choice: {}", options.join(" | ")),
        Kind::Number { min, max, .. } => format!(
            "number {} to {} {}",
            format::lever_value(l, min),
            format::lever_value(l, max),
            l.unit
        )
        .trim_end()
        .to_string(),
    }
}

/// What a lever's value may be: `true`/`false`, its options, or its default and the
/// distributions as snippets.
fn lever_values(id: LeverId) -> Vec<CompletionItem> {
    let lever = id.lever();
    let value = |v: String, detail: &str| item(&v, CompletionItemKind::VALUE, detail, v.clone());
    match lever.kind {
        Kind::Bool => vec![value("true".into(), "bool"), value("false".into(), "bool")],
        Kind::Choice(options) => options
            .iter()
            .map(|o| value((*o).to_string(), &format!("{} option", lever.key)))
            .collect(),
        Kind::Number { .. } => {
            let mut items = vec![value(
                crate::model::levers::format_number(lever.default),
                "the lever's default",
            )];
            items.extend(SNIPPETS.iter().map(|(label, snippet, doc)| CompletionItem {
                label: (*label).to_string(),
                kind: Some(CompletionItemKind::SNIPPET),
                detail: Some((*doc).to_string()),
                insert_text: Some((*snippet).to_string()),
                insert_text_format: Some(InsertTextFormat::SNIPPET),
                ..CompletionItem::default()
            }));
            items
        }
    }
}

/// The source keys this file may cite: its own `sources` and its parents', with citations.
fn source_keys(doc: &Document, roots: &Roots) -> Vec<(String, String)> {
    if let Ok(loaded) = doc.load(roots) {
        return loaded.scenario.sources.into_iter().collect();
    }
    keys(&doc.text)
        .into_iter()
        .filter(|k| k.path == ["sources"])
        .map(|k| (k.name, String::from("source")))
        .collect()
}

/// What `extends` may name: the `.ron` files beside this one and the bundled scenarios.
fn extends_targets(doc: &Document) -> Vec<String> {
    let mut out = Vec::new();
    if let Origin::Disk(path) = &doc.origin
        && let Some(dir) = path.parent()
        && let Ok(entries) = std::fs::read_dir(dir)
    {
        let mut files: Vec<String> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "ron") && p != path)
            .filter_map(|p| p.file_name()?.to_str().map(String::from))
            .collect();
        files.sort();
        out.extend(files.into_iter().take(200));
    }
    out.extend(bundled::NAMES.iter().map(|n| format!("bundled:{n}")));
    out
}
