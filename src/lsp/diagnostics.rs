//! `chipcast check`'s diagnostics for an open document as LSP diagnostics: the loader's own
//! codes, spans (in UTF-16 columns), expectations and hints. A parent's problems show on the
//! child's `extends` line (the loader's `broken-parent`), each parent problem listed in the
//! message and, for parents on disk, as related information at its own place.

use lsp_types::{
    DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, Position, Range,
    Url,
};

use crate::diag::{Diagnostic, MAX_SHOWN, sanitize};
use crate::scenario::{Origin, Roots};

use super::{Document, position};

/// Most parent problems listed under the child's `extends` line.
const MAX_PARENT: usize = 20;

/// The document's diagnostics: empty when it loads cleanly.
pub fn of(doc: &Document, roots: &Roots) -> Vec<lsp_types::Diagnostic> {
    match doc.load(roots) {
        Ok(_) => Vec::new(),
        Err(diags) => convert(doc, &diags),
    }
}

/// The loader's diagnostics for `doc` (its own and its parents') as the editor shows them.
pub fn convert(doc: &Document, diags: &[Diagnostic]) -> Vec<lsp_types::Diagnostic> {
    let name = doc.origin.display();
    let source = doc.source();
    let (own, parents): (Vec<&Diagnostic>, Vec<&Diagnostic>) =
        diags.iter().partition(|d| d.file == name);
    let mut out: Vec<lsp_types::Diagnostic> = own
        .iter()
        .take(MAX_SHOWN)
        .map(|d| {
            let range = match d.span() {
                Some(span) => position::range(&source, span),
                None => Range::new(Position::new(0, 0), Position::new(0, 0)),
            };
            lsp_diagnostic(d, range)
        })
        .collect();
    if parents.is_empty() {
        return out;
    }
    // The loader names a broken parent at the `extends` value; the parent's own problems go
    // there, so the author sees them without opening the parent.
    let listed: Vec<String> = parents
        .iter()
        .take(MAX_PARENT)
        .map(|d| format!("{}: {}", d.location(), d.message))
        .collect();
    let related: Vec<DiagnosticRelatedInformation> = parents
        .iter()
        .take(MAX_PARENT)
        .filter_map(|d| {
            Some(DiagnosticRelatedInformation {
                location: location_of(d)?,
                message: sanitize(&d.message),
            })
        })
        .collect();
    let more = parents.len().saturating_sub(MAX_PARENT);
    let mut suffix = format!("\n{}", sanitize(&listed.join("\n")));
    if more > 0 {
        suffix.push_str(&format!("\n… and {more} more"));
    }
    let at_extends = own.iter().position(|d| d.field == "extends");
    match at_extends {
        Some(i) if i < out.len() => {
            out[i].message.push_str(&suffix);
            out[i].related_information = Some(related);
        }
        _ => {
            let mut d = lsp_diagnostic(
                &Diagnostic::file(&name, "broken-parent", "a parent scenario has errors"),
                Range::new(Position::new(0, 0), Position::new(0, 0)),
            );
            d.message.push_str(&suffix);
            d.related_information = Some(related);
            out.push(d);
        }
    }
    out
}

/// One diagnostic: message, then what was expected and the hint on lines of their own.
fn lsp_diagnostic(d: &Diagnostic, range: Range) -> lsp_types::Diagnostic {
    let mut message = d.message.clone();
    if !d.field.is_empty() {
        message.push_str(&format!(" [{}]", d.field));
    }
    if let Some(e) = &d.expected {
        message.push_str(&format!("\nexpected {e}"));
    }
    if let Some(h) = &d.hint {
        message.push_str(&format!("\nhint: {h}"));
    }
    lsp_types::Diagnostic {
        range,
        severity: Some(DiagnosticSeverity::ERROR),
        code: Some(NumberOrString::String(d.code.to_string())),
        source: Some("chipcast".into()),
        message: sanitize(&message),
        ..lsp_types::Diagnostic::default()
    }
}

/// Where a parent's problem is, when the parent is a file on disk.
fn location_of(d: &Diagnostic) -> Option<Location> {
    let source = d.source_text()?;
    let path = std::fs::canonicalize(&d.file).ok()?;
    let uri = Url::from_file_path(path).ok()?;
    Some(Location::new(uri, position::range(source, d.span()?)))
}

/// What is published when checking a document failed inside the server (never expected).
pub fn internal_error() -> lsp_types::Diagnostic {
    lsp_types::Diagnostic {
        severity: Some(DiagnosticSeverity::ERROR),
        source: Some("chipcast".into()),
        message: "chipcast lsp: internal error checking this file".into(),
        ..lsp_types::Diagnostic::default()
    }
}

/// Whether a document is a file on disk (definitions and `extends` completion need one).
pub fn on_disk(doc: &Document) -> Option<&std::path::Path> {
    match &doc.origin {
        Origin::Disk(p) => Some(p),
        Origin::Bundled(_) => None,
    }
}
