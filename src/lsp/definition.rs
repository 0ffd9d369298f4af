//! Go to definition: `extends` opens the parent file; a lever jumps to where the file sets it,
//! or where the nearest parent does (the lever's own setting here jumps to the parent's); a
//! source key jumps to its `sources` entry here or in a parent. Parents are found as the
//! loader finds them (`chain::parent_origin`), only under the allowed folders; a bundled
//! parent has no file to open, so the chain ends there.

use std::path::Path;

use lsp_types::{GotoDefinitionResponse, Location, Position, Range, Url};

use crate::model::levers::LeverId;
use crate::scenario::chain::{MAX_CHAIN, parent_origin};
use crate::scenario::read::read_source;
use crate::scenario::tokens::{KeyAt, TokenKind, keys, tokenize};
use crate::scenario::{Origin, Roots};

use super::hover::{is_source_key, lever_at, unquote};
use super::{Cursor, Document, position};

/// Where the thing at `pos` is defined, if it is something with a definition.
pub fn definition(doc: &Document, roots: &Roots, pos: Position) -> Option<GotoDefinitionResponse> {
    let Cursor { source, ctx, .. } = doc.cursor(pos);
    let token = ctx.token?;
    let word = token.text(&doc.text);
    let location = if token.kind == TokenKind::Str
        && ctx.frames.len() == 1
        && ctx.key.as_deref() == Some("extends")
    {
        match parent_origin(&doc.origin, unquote(word))? {
            Origin::Disk(p) if allowed(&doc.origin, &p, roots) => {
                Location::new(uri_of(&p)?, Range::default())
            }
            _ => return None,
        }
    } else if let Some(id) = lever_at(&ctx, token, word).filter(|_| ctx.token_is_key) {
        let here = keys(&doc.text)
            .into_iter()
            .find(|k| is_setting(k, id) && k.span != token.span);
        let own_setting = keys(&doc.text)
            .iter()
            .any(|k| k.span == token.span && is_setting(k, id));
        match here {
            Some(k) if !own_setting => {
                Location::new(uri_of_doc(doc)?, position::range(&source, k.span))
            }
            _ => in_parents(doc, roots, |k| is_setting(k, id))?,
        }
    } else if token.kind == TokenKind::Str && is_source_key(&ctx) {
        let key = unquote(word);
        let is_entry = |k: &KeyAt| k.name == key && k.path == ["sources"];
        match keys(&doc.text).into_iter().find(is_entry) {
            Some(k) if k.span != token.span => {
                Location::new(uri_of_doc(doc)?, position::range(&source, k.span))
            }
            _ => in_parents(doc, roots, is_entry)?,
        }
    } else {
        return None;
    };
    Some(GotoDefinitionResponse::Scalar(location))
}

/// Whether a field name sets lever `id`: in `levers` or a `schedule` entry's `set`.
fn is_setting(k: &KeyAt, id: LeverId) -> bool {
    k.name == id.key()
        && k.path.first().is_none_or(|p| p != "story")
        && matches!(k.path.last().map(String::as_str), Some("levers" | "set"))
}

/// The first field name `wanted` in the document's parents on disk, nearest first.
fn in_parents(doc: &Document, roots: &Roots, wanted: impl Fn(&KeyAt) -> bool) -> Option<Location> {
    let mut origin = doc.origin.clone();
    let mut text = doc.text.clone();
    for _ in 0..MAX_CHAIN {
        let target = extends_of(&text)?;
        let parent = parent_origin(&origin, &target)?;
        let Origin::Disk(path) = &parent else {
            return None;
        };
        if !allowed(&doc.origin, path, roots) {
            return None;
        }
        let source = read_source(&parent).ok()?;
        if let Some(k) = keys(&source.text).into_iter().find(&wanted) {
            return Some(Location::new(
                uri_of(path)?,
                position::range(&source, k.span),
            ));
        }
        text = source.text.to_string();
        origin = parent;
    }
    None
}

/// The `extends` value of a scenario's text, read from its tokens (the file need not parse).
fn extends_of(text: &str) -> Option<String> {
    let key = keys(text)
        .into_iter()
        .find(|k| k.name == "extends" && k.path.is_empty())?;
    let rest = text.get(key.span.end..)?;
    let tok = tokenize(rest)
        .into_iter()
        .find(|t| t.kind == TokenKind::Str)?;
    Some(unquote(tok.text(rest)).to_string())
}

/// Whether the loader would read `path` as a parent of `named`: under its folder or a root.
fn allowed(named: &Origin, path: &Path, roots: &Roots) -> bool {
    let Ok(real) = std::fs::canonicalize(path) else {
        return false;
    };
    roots.with_folder_of(named).allows(&real)
}

fn uri_of(path: &Path) -> Option<Url> {
    Url::from_file_path(std::fs::canonicalize(path).ok()?).ok()
}

fn uri_of_doc(doc: &Document) -> Option<Url> {
    Some(doc.uri.clone())
}
