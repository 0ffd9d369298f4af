//! `chipcast lsp`: a language server for scenario files over stdio, synchronous, on
//! `lsp-server` (the connection, JSON-RPC framing, initialize and shutdown) and `lsp-types`
//! (the protocol's types). This layer only adapts: positions and JSON on one side, the scenario
//! loader, the lever table, the model and `output::format` on the other.
//!
//! One thread reads messages; a change marks its document dirty, and diagnostics are published
//! once no message has arrived for [`DEBOUNCE`] (or at most [`MAX_DELAY`] after the change),
//! so a burst of keystrokes is checked once, against the newest text. Every request is answered
//! inside `catch_unwind`: a bug answers one request with an error, never ends the server.

pub mod complete;
pub mod definition;
pub mod diagnostics;
pub mod hover;
pub mod inlay;
pub mod position;

use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use crossbeam_channel::RecvTimeoutError;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, DidSaveTextDocument,
    Notification as _, PublishDiagnostics,
};
use lsp_types::request::{
    Completion, Formatting, GotoDefinition, HoverRequest, InlayHintRequest, Request as _,
};
use lsp_types::{
    CompletionOptions, HoverProviderCapability, InitializeParams, OneOf, PublishDiagnosticsParams,
    ServerCapabilities, ServerInfo, TextDocumentSyncCapability, TextDocumentSyncKind, TextEdit,
    Url,
};
use serde_json::Value;

use crate::diag::SourceText;
use crate::scenario::tokens::{Context, context_at, tokenize};
use crate::scenario::{Loaded, Origin, Roots};

/// How long the server waits for quiet after a change before checking the file.
pub const DEBOUNCE: Duration = Duration::from_millis(20);

/// The longest a change waits for its diagnostics while messages keep arriving.
pub const MAX_DELAY: Duration = Duration::from_millis(40);

/// An open document: its text as the editor holds it (saved or not).
#[derive(Clone, Debug)]
pub struct Document {
    /// The editor's name for it.
    pub uri: Url,
    /// Where the file is (a path for `file:` URIs; otherwise checked as text alone).
    pub origin: Origin,
    /// The editor's text.
    pub text: String,
}

impl Document {
    /// The document for `uri` holding `text`.
    pub fn new(uri: &Url, text: String) -> Document {
        let origin = match uri.to_file_path() {
            Ok(path) if uri.scheme() == "file" => Origin::Disk(path),
            _ => Origin::Bundled("untitled"),
        };
        Document {
            uri: uri.clone(),
            origin,
            text,
        }
    }

    /// The text with the name diagnostics give it, for positions.
    pub fn source(&self) -> SourceText {
        SourceText::new(self.origin.display(), self.text.as_str())
    }

    /// What is at `pos`: the text for positions, the byte offset and the token context there
    /// (what hover, definition and completion each start from).
    pub fn cursor(&self, pos: lsp_types::Position) -> Cursor {
        let source = self.source();
        let offset = position::offset(&source, pos);
        let tokens = tokenize(&self.text);
        let ctx = context_at(&self.text, &tokens, offset);
        Cursor {
            source,
            offset,
            ctx,
        }
    }

    /// The document's scenario loaded from its text (parents from disk), or its problems.
    pub fn load(&self, roots: &Roots) -> Result<Loaded, Vec<crate::diag::Diagnostic>> {
        crate::scenario::load_buffer(&self.origin, &self.text, roots)
    }
}

/// A position in a document as [`Document::cursor`] reads it.
pub struct Cursor {
    /// The document's text, for turning spans back into positions.
    pub source: SourceText,
    /// The position as a byte offset into the text.
    pub offset: usize,
    /// The brackets, field and token at the position.
    pub ctx: Context,
}

/// The server's state: the open documents and the folders parents may come from.
pub struct Server {
    docs: HashMap<Url, Document>,
    roots: Roots,
    /// Documents changed since their diagnostics were last published, and when the first
    /// unpublished change came.
    dirty: Vec<Url>,
    dirty_since: Option<Instant>,
    /// Documents closed since the last message: their marks are cleared.
    closed: Vec<Url>,
}

/// What the server can do, as `initialize` answers.
pub fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Kind(TextDocumentSyncKind::FULL)),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec![":".into(), "\"".into(), "(".into(), " ".into()]),
            ..CompletionOptions::default()
        }),
        definition_provider: Some(OneOf::Left(true)),
        document_formatting_provider: Some(OneOf::Left(true)),
        inlay_hint_provider: Some(OneOf::Left(true)),
        ..ServerCapabilities::default()
    }
}

/// Runs the server on stdin and stdout until `exit`: 0 after `shutdown`, 1 otherwise (as the
/// protocol asks).
pub fn run() -> ExitCode {
    let (connection, io_threads) = Connection::stdio();
    let caps = serde_json::json!({
        "capabilities": capabilities(),
        "serverInfo": ServerInfo { name: "chipcast".into(), version: Some(env!("CARGO_PKG_VERSION").into()) },
    });
    let params = match connection.initialize_start() {
        Ok((id, params)) => {
            if connection.initialize_finish(id, caps).is_err() {
                return ExitCode::from(1);
            }
            params
        }
        Err(e) => {
            eprintln!("chipcast lsp: {e}");
            return ExitCode::from(1);
        }
    };
    let params: Option<InitializeParams> = serde_json::from_value(params).ok();
    let mut server = Server {
        docs: HashMap::new(),
        roots: params.as_ref().map_or_else(Roots::default, workspace_roots),
        dirty: Vec::new(),
        dirty_since: None,
        closed: Vec::new(),
    };
    let clean = server.serve(&connection);
    drop(connection);
    let joined = io_threads.join().is_ok();
    if clean && joined {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// The workspace folders the editor names (and its root), where parents may be read from.
fn workspace_roots(params: &InitializeParams) -> Roots {
    let mut paths: Vec<PathBuf> = Vec::new();
    for folder in params.workspace_folders.iter().flatten() {
        if let Ok(p) = folder.uri.to_file_path() {
            paths.push(p);
        }
    }
    #[allow(deprecated)]
    if let Some(Ok(p)) = params.root_uri.as_ref().map(Url::to_file_path) {
        paths.push(p);
    }
    Roots::new(paths)
}

impl Server {
    /// The message loop; true when it ended with `shutdown` then `exit`.
    fn serve(&mut self, connection: &Connection) -> bool {
        loop {
            let msg = match self.dirty_since {
                None => match connection.receiver.recv() {
                    Ok(m) => m,
                    Err(_) => return false,
                },
                Some(since) => {
                    let wait = DEBOUNCE.min(MAX_DELAY.saturating_sub(since.elapsed()));
                    match connection.receiver.recv_timeout(wait) {
                        Ok(m) => m,
                        Err(RecvTimeoutError::Timeout) => {
                            self.publish(connection);
                            continue;
                        }
                        Err(RecvTimeoutError::Disconnected) => return false,
                    }
                }
            };
            match msg {
                Message::Request(req) => {
                    match connection.handle_shutdown(&req) {
                        Ok(true) => return true,
                        Ok(false) => {}
                        Err(_) => return false,
                    }
                    let response = self.answer(req);
                    if connection.sender.send(Message::Response(response)).is_err() {
                        return false;
                    }
                }
                Message::Notification(note) => {
                    let _ = catch_unwind(AssertUnwindSafe(|| self.notified(note)));
                    for uri in std::mem::take(&mut self.closed) {
                        let params = PublishDiagnosticsParams::new(uri, Vec::new(), None);
                        let note = Notification::new(PublishDiagnostics::METHOD.into(), params);
                        let _ = connection.sender.send(Message::Notification(note));
                    }
                }
                Message::Response(_) => {}
            }
            if self
                .dirty_since
                .is_some_and(|since| since.elapsed() >= MAX_DELAY)
            {
                self.publish(connection);
            }
        }
    }

    /// Takes a notification: documents opened, changed, saved, closed.
    fn notified(&mut self, note: Notification) {
        match note.method.as_str() {
            DidOpenTextDocument::METHOD => {
                if let Ok(p) =
                    serde_json::from_value::<lsp_types::DidOpenTextDocumentParams>(note.params)
                {
                    let uri = p.text_document.uri;
                    self.docs
                        .insert(uri.clone(), Document::new(&uri, p.text_document.text));
                    self.mark(uri);
                }
            }
            DidChangeTextDocument::METHOD => {
                if let Ok(p) =
                    serde_json::from_value::<lsp_types::DidChangeTextDocumentParams>(note.params)
                {
                    let uri = p.text_document.uri;
                    // Full sync: the last change holds the whole text.
                    if let Some(change) = p.content_changes.into_iter().last() {
                        self.docs
                            .insert(uri.clone(), Document::new(&uri, change.text));
                        self.mark(uri);
                    }
                }
            }
            DidSaveTextDocument::METHOD => {
                // A saved parent changes its children: check every open document again.
                let all: Vec<Url> = self.docs.keys().cloned().collect();
                for uri in all {
                    self.mark(uri);
                }
            }
            DidCloseTextDocument::METHOD => {
                if let Ok(p) =
                    serde_json::from_value::<lsp_types::DidCloseTextDocumentParams>(note.params)
                {
                    self.docs.remove(&p.text_document.uri);
                    self.dirty.retain(|u| *u != p.text_document.uri);
                    self.closed.push(p.text_document.uri);
                }
            }
            _ => {}
        }
    }

    fn mark(&mut self, uri: Url) {
        if !self.dirty.contains(&uri) {
            self.dirty.push(uri);
        }
        self.dirty_since.get_or_insert_with(Instant::now);
    }

    /// Checks every dirty document and publishes its diagnostics (an empty list when clean).
    fn publish(&mut self, connection: &Connection) {
        self.dirty_since = None;
        for uri in std::mem::take(&mut self.dirty) {
            let Some(doc) = self.docs.get(&uri) else {
                continue;
            };
            let roots = &self.roots;
            let diagnostics = catch_unwind(AssertUnwindSafe(|| diagnostics::of(doc, roots)))
                .unwrap_or_else(|_| vec![diagnostics::internal_error()]);
            let params = PublishDiagnosticsParams::new(uri, diagnostics, None);
            let note = Notification::new(PublishDiagnostics::METHOD.into(), params);
            let _ = connection.sender.send(Message::Notification(note));
        }
    }

    /// Answers a request; a panic inside becomes an error response.
    fn answer(&mut self, req: Request) -> Response {
        let id = req.id.clone();
        match catch_unwind(AssertUnwindSafe(|| self.dispatch(req))) {
            Ok(Ok(value)) => Response::new_ok(id, value),
            Ok(Err((code, message))) => Response::new_err(id, code as i32, message),
            Err(_) => Response::new_err(
                id,
                ErrorCode::InternalError as i32,
                "chipcast lsp: internal error answering this request".into(),
            ),
        }
    }

    fn dispatch(&mut self, req: Request) -> Result<Value, (ErrorCode, String)> {
        let bad = |e: serde_json::Error| (ErrorCode::InvalidParams, e.to_string());
        let ok =
            |v: serde_json::Result<Value>| v.map_err(|e| (ErrorCode::InternalError, e.to_string()));
        match req.method.as_str() {
            HoverRequest::METHOD => {
                let p: lsp_types::HoverParams = serde_json::from_value(req.params).map_err(bad)?;
                let pos = p.text_document_position_params;
                let answer = self
                    .doc(&pos.text_document.uri)
                    .and_then(|doc| hover::hover(doc, &self.roots, pos.position));
                ok(serde_json::to_value(answer))
            }
            Completion::METHOD => {
                let p: lsp_types::CompletionParams =
                    serde_json::from_value(req.params).map_err(bad)?;
                let pos = p.text_document_position;
                let answer = self
                    .doc(&pos.text_document.uri)
                    .map(|doc| complete::complete(doc, &self.roots, pos.position));
                ok(serde_json::to_value(answer))
            }
            GotoDefinition::METHOD => {
                let p: lsp_types::GotoDefinitionParams =
                    serde_json::from_value(req.params).map_err(bad)?;
                let pos = p.text_document_position_params;
                let answer = self
                    .doc(&pos.text_document.uri)
                    .and_then(|doc| definition::definition(doc, &self.roots, pos.position));
                ok(serde_json::to_value(answer))
            }
            Formatting::METHOD => {
                let p: lsp_types::DocumentFormattingParams =
                    serde_json::from_value(req.params).map_err(bad)?;
                let answer = self.doc(&p.text_document.uri).map(formatting);
                ok(serde_json::to_value(answer))
            }
            InlayHintRequest::METHOD => {
                let p: lsp_types::InlayHintParams =
                    serde_json::from_value(req.params).map_err(bad)?;
                let answer = self
                    .doc(&p.text_document.uri)
                    .map(|doc| inlay::hints(doc, &self.roots));
                ok(serde_json::to_value(answer))
            }
            other => Err((
                ErrorCode::MethodNotFound,
                format!("chipcast lsp does not answer `{other}`"),
            )),
        }
    }

    fn doc(&self, uri: &Url) -> Option<&Document> {
        self.docs.get(uri)
    }
}

/// The edits that lay a document out as `chipcast fmt` does: none when it already is, else
/// one edit replacing the whole text.
pub fn formatting(doc: &Document) -> Vec<TextEdit> {
    let formatted = crate::scenario::format::format(&doc.text);
    if formatted == doc.text {
        return Vec::new();
    }
    let source = doc.source();
    let whole = position::range(&source, crate::diag::Span::new(0, doc.text.len()));
    vec![TextEdit::new(whole, formatted)]
}
