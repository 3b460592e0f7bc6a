//! `ogilint lsp`: a language server on standard input and output, on the
//! synchronous stack rust-analyzer and ruff use (`lsp-server`). Every lint
//! goes through the engine; positions come from its line index, in UTF-16
//! code units (the protocol's default) or UTF-8 bytes when the client offers
//! them.
//!
//! Messages are the protocol's types (`lsp-types`) both ways; a request
//! whose parameters do not fit them gets InvalidParams, an unknown method
//! MethodNotFound, and the server goes on; a notification that does not
//! fit is said on standard error and dropped (a `didChange` with one
//! malformed change among others changes nothing, and the document's
//! diagnostics are sent again). What clients commonly send outside the
//! types is still read: a document URI that is not quite a URI (a space,
//! brackets or a Chinese name left unescaped) is percent-encoded to be
//! read and answered under the client's own string; `didOpen` without a
//! version or language id opens the document; `initialize`'s options and
//! position encodings are read whatever its other fields hold.
//!
//! The transport is read here, in bounded memory, and never falls out of
//! step: a frame with no valid `Content-Length` is skipped and the next
//! header is found even glued to the end of its unread body; a header line
//! keeps only its last few kilobytes; a body grows as it arrives; at most
//! `READ_AHEAD` messages wait for the server, so a client that never reads
//! its replies is slowed down, not buffered (measured: 300,000 pipelined
//! requests 6.6 MB, a 500 MB header line 6 MB). The lifecycle is the
//! protocol's: ServerNotInitialized before `initialize`, InvalidRequest
//! after `shutdown`, exit code 0 after `shutdown` and 1 without it.

use crate::decode::EncodingChoice;
use crate::diagnostic::{Diagnostic, Lang, Severity};
use crate::engine::{Document, Engine, FileResult, Kind};
use crate::model::Span;
use crate::rules::Settings;
use crate::template;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types as lsp;
use serde_json::Value;
use std::collections::{BTreeSet, HashMap};
use std::str::FromStr;

/// An open document: its text as the editor has it, and its last lint.
struct Doc {
    /// Its URI as the client named it (repaired if need be).
    uri: lsp::Uri,
    text: String,
    version: i32,
    /// The client's language id (`html` for a page, whatever its name).
    language: String,
    result: Option<FileResult>,
    /// Over `MAX_DOCUMENT`: said once, not linted.
    too_large: bool,
}

struct Server {
    /// Each document's settings: the `ogilint.toml` nearest to its file,
    /// under the client's options, as `check` resolves them.
    resolver: crate::config::Resolver,
    /// For a document with no file (an unsaved buffer) or a broken file.
    engine: Engine,
    /// Errors not yet shown to the user (an invalid configuration, a
    /// document too large to lint).
    pending_messages: Vec<String>,
    lang: Lang,
    /// Columns in UTF-8 bytes (negotiated) rather than UTF-16 units.
    utf8: bool,
    docs: HashMap<String, Doc>,
    /// Documents changed since they were last linted.
    dirty: BTreeSet<String>,
    /// `shutdown` was asked: requests are refused until `exit`.
    shut_down: bool,
    /// Repaired document URIs and the client's own strings, written back in
    /// what is sent.
    aliases: HashMap<String, String>,
}

/// The file a `file://` URI names, percent-decoded.
fn file_path(uri: &str) -> Option<std::path::PathBuf> {
    let rest = uri.strip_prefix("file://")?;
    let bytes = rest.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1).copied().and_then(hex), bytes.get(i + 2).copied().and_then(hex)) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    let path = String::from_utf8(out).ok()?;
    // `file:///C:/x` on Windows; `file:///x` elsewhere.
    let path = path.strip_prefix('/').filter(|p| p.get(1..2) == Some(":")).map_or(path.as_str(), |p| p);
    Some(std::path::PathBuf::from(path))
}

/// The largest message accepted (a report of several megabytes, as JSON).
const MAX_MESSAGE: usize = 256 * 1024 * 1024;
/// The largest document linted, as the command line refuses larger files.
const MAX_DOCUMENT: usize = 64 * 1024 * 1024;
/// The longest header line kept (headers are a few dozen bytes; a longer
/// line keeps its end, where a header glued to a skipped body stands).
const MAX_HEADER_LINE: usize = 4 * 1024;
/// Messages read ahead of the server: a client that sends without reading
/// the replies is slowed down, not buffered without end.
const READ_AHEAD: usize = 64;

/// Where a header line ended.
enum Line {
    /// A line, its end kept (at most `MAX_HEADER_LINE` bytes, without the
    /// line break).
    Text(Vec<u8>),
    /// The end of input.
    End,
}

/// Reads one header line of any length in bounded memory: bytes beyond
/// `MAX_HEADER_LINE` are dropped from its start.
fn header_line(input: &mut impl std::io::BufRead) -> std::io::Result<Line> {
    let mut line = Vec::new();
    loop {
        let buf = match input.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buf.is_empty() {
            return Ok(if line.is_empty() { Line::End } else { Line::Text(line) });
        }
        let newline = buf.iter().position(|&b| b == b'\n');
        let (part, done) = match newline {
            Some(i) => (&buf[..i], i + 1),
            None => (buf, buf.len()),
        };
        line.extend_from_slice(part);
        if line.len() > 2 * MAX_HEADER_LINE {
            line.drain(..line.len() - MAX_HEADER_LINE);
        }
        let found = newline.is_some();
        input.consume(done);
        if found {
            if line.last() == Some(&b'\r') {
                line.pop();
            }
            return Ok(Line::Text(line));
        }
    }
}

/// The value of a `Content-Length` header found anywhere in the line (a
/// header glued to the end of a body that a bad frame left unread is found
/// too, so that the stream comes back in step): `Some(None)` when its value
/// is no length.
fn content_length(line: &[u8]) -> Option<Option<usize>> {
    const KEY: &[u8] = b"content-length:";
    let at = line.windows(KEY.len()).rposition(|w| w.eq_ignore_ascii_case(KEY))?;
    let value = std::str::from_utf8(&line[at + KEY.len()..]).ok().map(str::trim);
    Some(value.and_then(|v| v.parse::<usize>().ok()))
}

/// Reads frames from `input` and sends their messages until `exit` or the
/// end of input. A frame with no valid length, too long, or whose body is
/// no JSON-RPC message is said on standard error and skipped.
fn read_frames(mut input: impl std::io::BufRead, to_server: crossbeam_channel::Sender<Message>) {
    use std::io::Read;
    loop {
        let mut len: Option<Option<usize>> = None;
        let mut headers = 0;
        loop {
            let line = match header_line(&mut input) {
                Ok(Line::Text(l)) => l,
                Ok(Line::End) | Err(_) => return,
            };
            if line.is_empty() {
                if headers == 0 {
                    continue;
                }
                break;
            }
            headers += 1;
            if let Some(l) = content_length(&line) {
                len = Some(l);
            }
        }
        let len = match len {
            Some(Some(n)) => n,
            Some(None) => {
                eprintln!("ogilint lsp: skipped a frame whose Content-Length is no length");
                continue;
            }
            None => {
                eprintln!("ogilint lsp: skipped a frame with no Content-Length");
                continue;
            }
        };
        if len > MAX_MESSAGE {
            eprintln!("ogilint lsp: skipped a message of {len} bytes (at most {MAX_MESSAGE})");
            match std::io::copy(&mut input.by_ref().take(len as u64), &mut std::io::sink()) {
                Ok(n) if n == len as u64 => continue,
                _ => return,
            }
        }
        // The body grows as it arrives, not to the length announced.
        let mut body = Vec::new();
        match input.by_ref().take(len as u64).read_to_end(&mut body) {
            Ok(n) if n == len => {}
            _ => return,
        }
        match serde_json::from_slice::<Message>(&body) {
            Ok(msg) => {
                let exit = matches!(&msg, Message::Notification(n) if n.method == "exit");
                if to_server.send(msg).is_err() || exit {
                    return;
                }
            }
            Err(e) => eprintln!("ogilint lsp: skipped a message that is not JSON-RPC: {e}"),
        }
    }
}

/// Standard input and output as a connection, read in bounded memory.
fn stdio() -> (Connection, std::thread::JoinHandle<()>) {
    use std::io::Write;
    let (to_server, receiver) = crossbeam_channel::bounded::<Message>(READ_AHEAD);
    let (sender, from_server) = crossbeam_channel::bounded::<Message>(0);
    std::thread::spawn(move || read_frames(std::io::stdin().lock(), to_server));
    let writer = std::thread::spawn(move || {
        let stdout = std::io::stdout();
        for msg in from_server {
            let mut out = stdout.lock();
            if msg.write(&mut out).is_err() || out.flush().is_err() {
                return;
            }
        }
    });
    (Connection { sender, receiver }, writer)
}

/// How the session ended.
pub enum Ended {
    /// `exit` after `shutdown` (exit code 0).
    Clean,
    /// `exit` without `shutdown`, or the end of input (exit code 1, as the
    /// protocol asks).
    Abrupt,
}

/// Replies to requests before `initialize` with ServerNotInitialized and
/// drops notifications, as the protocol asks, until `initialize`: its id and
/// parameters. `None` when the client leaves first.
fn await_initialize(conn: &Connection) -> Option<(lsp_server::RequestId, Value)> {
    const SERVER_NOT_INITIALIZED: i32 = -32002;
    for msg in &conn.receiver {
        match msg {
            Message::Request(req) if req.method == "initialize" => return Some((req.id, req.params)),
            Message::Request(req) => {
                let err = Response::new_err(req.id, SERVER_NOT_INITIALIZED, "the server is not initialized yet".into());
                let _ = conn.sender.send(Message::Response(err));
            }
            Message::Notification(n) if n.method == "exit" => return None,
            _ => {}
        }
    }
    None
}

/// Runs the server on standard input and output until the client says
/// `exit` or leaves.
pub fn run(lang: Lang) -> Result<Ended, String> {
    let (conn, writer) = stdio();
    let ended = serve(&conn, lang);
    // Every reply is written before the process ends; the reader, blocked on
    // standard input, ends with the process.
    drop(conn);
    let _ = writer.join();
    Ok(ended)
}

/// A whole session read from `input` (the bytes a client sends), its
/// replies dropped: the fuzz target's door to the transport, the lifecycle
/// and every handler.
pub fn session(input: &[u8], lang: Lang) -> Ended {
    let (to_server, receiver) = crossbeam_channel::unbounded::<Message>();
    read_frames(input, to_server);
    let (sender, replies) = crossbeam_channel::unbounded::<Message>();
    let conn = Connection { sender, receiver };
    let ended = serve(&conn, lang);
    drop(replies);
    ended
}

/// What the server can do, as `initialize` answers it.
fn capabilities(utf8: bool) -> lsp::ServerCapabilities {
    lsp::ServerCapabilities {
        position_encoding: Some(if utf8 { lsp::PositionEncodingKind::UTF8 } else { lsp::PositionEncodingKind::UTF16 }),
        text_document_sync: Some(lsp::TextDocumentSyncCapability::Options(lsp::TextDocumentSyncOptions {
            open_close: Some(true),
            change: Some(lsp::TextDocumentSyncKind::INCREMENTAL),
            save: Some(lsp::TextDocumentSyncSaveOptions::SaveOptions(lsp::SaveOptions { include_text: Some(false) })),
            ..Default::default()
        })),
        code_action_provider: Some(lsp::CodeActionProviderCapability::Options(lsp::CodeActionOptions {
            code_action_kinds: Some(vec![lsp::CodeActionKind::QUICKFIX, lsp::CodeActionKind::SOURCE_FIX_ALL]),
            ..Default::default()
        })),
        hover_provider: Some(lsp::HoverProviderCapability::Simple(true)),
        diagnostic_provider: Some(lsp::DiagnosticServerCapabilities::Options(lsp::DiagnosticOptions {
            inter_file_dependencies: false,
            workspace_diagnostics: false,
            ..Default::default()
        })),
        ..Default::default()
    }
}

/// A value as the protocol's JSON (the types of `lsp-types` always
/// serialise).
fn to_json(v: impl serde::Serialize) -> Value {
    serde_json::to_value(v).unwrap_or(Value::Null)
}

/// The session on a connection: `initialize`, then messages until `exit` or
/// the end of input.
fn serve(conn: &Connection, lang: Lang) -> Ended {
    let Some((id, params)) = await_initialize(conn) else { return Ended::Abrupt };
    // Parameters that do not fit the protocol's types still start a server,
    // with its defaults.
    // The two things the server takes from `initialize` are read from the
    // message as it is: a client's other fields (a workspace URI with a
    // space, an enum value of a newer protocol) do not cost the user's
    // options or the position encoding.
    let utf8 = params
        .pointer("/capabilities/general/positionEncodings")
        .and_then(Value::as_array)
        .is_some_and(|a| a.iter().any(|e| e.as_str() == Some(lsp::PositionEncodingKind::UTF8.as_str())));
    let opts = params.get("initializationOptions").cloned().unwrap_or(Value::Null);
    let list = |key: &str| -> Vec<String> {
        opts[key]
            .as_array()
            .map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_string)).collect())
            .unwrap_or_default()
    };
    let lang = match opts["lang"].as_str() {
        Some("zh") => Lang::Zh,
        Some("en") => Lang::En,
        _ => lang,
    };
    // Unknown rules in the options: the server still starts, with none.
    let settings = Settings { select: list("select"), ignore: list("ignore"), severity: Vec::new() };
    let engine = Engine::new(settings.clone()).unwrap_or_default();
    let resolver = crate::config::Resolver::new(settings);
    let init = lsp::InitializeResult {
        capabilities: capabilities(utf8),
        server_info: Some(lsp::ServerInfo { name: "ogilint".into(), version: Some(env!("CARGO_PKG_VERSION").into()) }),
    };
    let _ = conn.sender.send(Message::Response(Response::new_ok(id, to_json(init))));
    let mut server = Server {
        resolver,
        engine,
        pending_messages: Vec::new(),
        lang,
        utf8,
        docs: HashMap::new(),
        dirty: BTreeSet::new(),
        shut_down: false,
        aliases: HashMap::new(),
    };
    server.main_loop(conn)
}

/// A URI as the protocol's type; one that does not parse as it stands (an
/// unescaped space, Chinese name or `%`) is percent-encoded first.
fn lenient_uri(s: &str) -> Option<lsp::Uri> {
    if let Ok(u) = lsp::Uri::from_str(s) {
        return Some(u);
    }
    let bytes = s.as_bytes();
    let mut out = String::with_capacity(s.len() + 16);
    for (i, &b) in bytes.iter().enumerate() {
        let escaped_already = b == b'%' && bytes.get(i + 1..i + 3).is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit));
        // `[` and `]` belong to a host, never to a path (the `url` crate
        // leaves them unescaped in file names).
        let keep = b.is_ascii_alphanumeric() || b"-._~:/?#@!$&'()*+,;=".contains(&b) || escaped_already;
        if keep {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    lsp::Uri::from_str(&out).ok()
}

/// A document URI as the protocol's type, and the client's own string when
/// it had to be repaired.
fn repaired_uri(p: &mut Value) -> Option<(String, String)> {
    let uri = p.pointer_mut("/textDocument/uri")?;
    let original = uri.as_str()?.to_string();
    let fixed = lenient_uri(&original)?.as_str().to_string();
    *uri = Value::String(fixed.clone());
    (fixed != original).then_some((fixed, original))
}

/// Writes the client's own URI strings back where repaired ones stand (as
/// strings and as keys of a workspace edit's `changes`).
fn restore_uris(v: &mut Value, aliases: &HashMap<String, String>) {
    match v {
        Value::String(s) => {
            if let Some(original) = aliases.get(s.as_str()) {
                *s = original.clone();
            }
        }
        Value::Array(a) => a.iter_mut().for_each(|x| restore_uris(x, aliases)),
        Value::Object(m) => {
            let keys: Vec<String> = m.keys().filter(|k| aliases.contains_key(*k)).cloned().collect();
            for k in keys {
                if let (Some(x), Some(original)) = (m.remove(&k), aliases.get(&k)) {
                    m.insert(original.clone(), x);
                }
            }
            m.values_mut().for_each(|x| restore_uris(x, aliases));
        }
        _ => {}
    }
}

impl Server {
    /// The parameters of a message as `T`, after repairing the document's
    /// URI (`textDocument.uri`); a message that does not fit is said on
    /// standard error and dropped.
    fn params<T: serde::de::DeserializeOwned>(&mut self, mut p: Value, method: &str) -> Option<T> {
        if let Some((fixed, original)) = repaired_uri(&mut p) {
            self.aliases.insert(fixed, original);
        }
        match serde_json::from_value(p) {
            Ok(t) => Some(t),
            Err(e) => {
                eprintln!("ogilint lsp: {method}: parameters that do not fit the protocol, dropped: {e}");
                None
            }
        }
    }

    /// A reply or a notification as JSON, with the client's own URIs.
    fn json(&self, v: impl serde::Serialize) -> Value {
        let mut v = to_json(v);
        if !self.aliases.is_empty() {
            restore_uris(&mut v, &self.aliases);
        }
        v
    }

    /// Sends a notification of the protocol.
    fn notify<N: lsp::notification::Notification>(&self, conn: &Connection, params: N::Params) {
        let note = Notification::new(N::METHOD.into(), self.json(params));
        let _ = conn.sender.send(Message::Notification(note));
    }

    fn main_loop(&mut self, conn: &Connection) -> Ended {
        loop {
            // Changes coalesce: lint only when no message is waiting (the
            // debounce of a client that types fast).
            let msg = if self.dirty.is_empty() {
                match conn.receiver.recv() {
                    Ok(m) => m,
                    Err(_) => return Ended::Abrupt,
                }
            } else {
                match conn.receiver.try_recv() {
                    Ok(m) => m,
                    Err(crossbeam_channel::TryRecvError::Empty) => {
                        self.publish_dirty(conn);
                        continue;
                    }
                    Err(crossbeam_channel::TryRecvError::Disconnected) => return Ended::Abrupt,
                }
            };
            match msg {
                Message::Request(req) => {
                    let resp = if self.shut_down {
                        Response::new_err(
                            req.id.clone(),
                            ErrorCode::InvalidRequest as i32,
                            "the server is shut down: only `exit` is accepted".into(),
                        )
                    } else if req.method == "shutdown" {
                        self.shut_down = true;
                        self.dirty.clear();
                        Response::new_ok(req.id.clone(), Value::Null)
                    } else {
                        self.request(req)
                    };
                    let _ = conn.sender.send(Message::Response(resp));
                }
                Message::Notification(n) if n.method == "exit" => {
                    return if self.shut_down { Ended::Clean } else { Ended::Abrupt };
                }
                Message::Notification(_) if self.shut_down => {}
                Message::Notification(n) => self.notification(conn, n),
                Message::Response(_) => {}
            }
        }
    }

    fn request(&mut self, req: Request) -> Response {
        let id = req.id.clone();
        let method = req.method.clone();
        let result = match req.method.as_str() {
            "textDocument/codeAction" => {
                self.params(req.params, &method).and_then(|p| self.code_actions(&p)).map(|r| self.json(r))
            }
            "textDocument/hover" => self.params(req.params, &method).and_then(|p| self.hover(&p)).map(|r| self.json(r)),
            "textDocument/diagnostic" => {
                self.params(req.params, &method).and_then(|p| self.pull_diagnostics(&p)).map(|r| self.json(r))
            }
            _ => {
                return Response::new_err(
                    id,
                    ErrorCode::MethodNotFound as i32,
                    format!("unknown method {}", req.method),
                );
            }
        };
        match result {
            Some(v) => Response::new_ok(id, v),
            None => Response::new_err(id, ErrorCode::InvalidParams as i32, "invalid parameters".into()),
        }
    }

    fn notification(&mut self, conn: &Connection, n: Notification) {
        use lsp::notification::Notification as _;
        use lsp::notification::{
            DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, DidSaveTextDocument,
        };
        match n.method.as_str() {
            DidOpenTextDocument::METHOD => {
                // A document with no version or language id is still opened
                // (version 0, no language), as before the protocol's types.
                let mut raw = n.params;
                if let Some(doc) = raw.get_mut("textDocument").and_then(Value::as_object_mut) {
                    doc.entry("version").or_insert(Value::from(0));
                    doc.entry("languageId").or_insert(Value::from(""));
                }
                let Some(p) = self.params::<lsp::DidOpenTextDocumentParams>(raw, &n.method) else { return };
                let doc = p.text_document;
                let key = doc.uri.as_str().to_string();
                let language = doc.language_id.to_ascii_lowercase();
                let entry = Doc {
                    uri: doc.uri,
                    text: doc.text,
                    version: doc.version,
                    language,
                    result: None,
                    too_large: false,
                };
                self.docs.insert(key.clone(), entry);
                self.dirty.insert(key);
            }
            DidChangeTextDocument::METHOD => {
                let uri = n.params.pointer("/textDocument/uri").and_then(Value::as_str).and_then(lenient_uri);
                let Some(p) = self.params::<lsp::DidChangeTextDocumentParams>(n.params, &n.method) else {
                    // A change that does not parse (a negative line, a
                    // fractional character, a range with no end) is
                    // refused, not taken for a replacement of the whole
                    // text; the document's diagnostics are sent again.
                    if let Some(uri) = uri.filter(|u| self.docs.contains_key(u.as_str())) {
                        self.dirty.insert(uri.as_str().to_string());
                    }
                    return;
                };
                let key = p.text_document.uri.as_str().to_string();
                let Some(doc) = self.docs.get_mut(&key) else { return };
                doc.version = p.text_document.version;
                for change in p.content_changes {
                    // A change with no range replaces the document.
                    let Some(range) = change.range else {
                        doc.text = change.text;
                        continue;
                    };
                    let (s, e) = range_of(&doc.text, range, self.utf8);
                    doc.text.replace_range(s..e, &change.text);
                }
                doc.result = None;
                self.dirty.insert(key);
            }
            DidSaveTextDocument::METHOD => {
                let Some(p) = self.params::<lsp::DidSaveTextDocumentParams>(n.params, &n.method) else { return };
                self.dirty.insert(p.text_document.uri.as_str().to_string());
            }
            DidCloseTextDocument::METHOD => {
                let Some(p) = self.params::<lsp::DidCloseTextDocumentParams>(n.params, &n.method) else { return };
                let uri = p.text_document.uri;
                self.docs.remove(uri.as_str());
                self.dirty.remove(uri.as_str());
                // A closed document's diagnostics are cleared in the editor,
                // not left behind.
                let clear = lsp::PublishDiagnosticsParams { uri, diagnostics: Vec::new(), version: None };
                self.notify::<lsp::notification::PublishDiagnostics>(conn, clear);
            }
            _ => {}
        }
    }

    /// An invalid `ogilint.toml` is said to the user (once per error), as
    /// the command line refuses it; its documents are linted with the
    /// client's settings meanwhile.
    fn show_pending_messages(&mut self, conn: &Connection, dirty: &BTreeSet<String>) {
        for uri in dirty {
            let _ = self.lint(uri);
        }
        for why in std::mem::take(&mut self.pending_messages) {
            let message = lsp::ShowMessageParams { typ: lsp::MessageType::ERROR, message: format!("ogilint: {why}") };
            self.notify::<lsp::notification::ShowMessage>(conn, message);
        }
    }

    /// Lints a document if needed; its result.
    fn lint(&mut self, uri: &str) -> Option<&FileResult> {
        // The settings of the file's own folder, as the command line has them.
        let engine = match file_path(uri).map(|p| self.resolver.engine_for(&p)) {
            Some(Ok(e)) => Some(e),
            Some(Err(why)) => {
                let said = format!("invalid configuration: {why}");
                if !self.pending_messages.contains(&said) {
                    self.pending_messages.push(said);
                }
                None
            }
            None => None,
        };
        let engine = engine.as_deref().unwrap_or(&self.engine);
        let doc = self.docs.get_mut(uri)?;
        // Larger documents are not linted, as the command line refuses
        // larger files; the user is told once per document.
        if doc.text.len() > MAX_DOCUMENT {
            if !doc.too_large {
                doc.too_large = true;
                let mb = doc.text.len() / (1024 * 1024);
                self.pending_messages.push(format!(
                    "{uri} is {mb} MiB: documents over {} MiB are not linted",
                    MAX_DOCUMENT / (1024 * 1024)
                ));
            }
            return None;
        }
        if doc.result.is_none() {
            // A page by the client's language id, by the path's ending
            // (before any query or fragment), or by its content, as `check`
            // sniffs it.
            let lower = uri.to_ascii_lowercase();
            let path = lower.split(['?', '#']).next().unwrap_or("");
            let kind = if doc.language == "html"
                || [".html", ".htm", ".shtml", ".xhtml"].iter().any(|e| path.ends_with(e))
                || crate::html::looks_like_html(doc.text.as_bytes())
            {
                Kind::Html
            } else {
                Kind::Text
            };
            // A byte-order mark is a character of the editor's line 0: it is
            // kept as one space (one UTF-16 unit), not dropped, so that every
            // position on that line stays where the editor has it.
            let text;
            let bytes = match doc.text.strip_prefix('\u{feff}') {
                Some(rest) => {
                    text = format!(" {rest}");
                    text.as_bytes()
                }
                None => doc.text.as_bytes(),
            };
            let path = file_path(uri);
            let d = Document { name: uri, bytes, kind, encoding: EncodingChoice::Utf8, path: path.as_deref() };
            doc.result = Some(engine.lint(&d));
        }
        doc.result.as_ref()
    }

    fn publish_dirty(&mut self, conn: &Connection) {
        let dirty = std::mem::take(&mut self.dirty);
        self.show_pending_messages(conn, &dirty);
        for key in dirty {
            let (utf8, lang) = (self.utf8, self.lang);
            let Some((uri, version)) = self.docs.get(&key).map(|d| (d.uri.clone(), d.version)) else { continue };
            let Some(result) = self.lint(&key) else { continue };
            let diagnostics = result.diagnostics.iter().map(|d| diagnostic(result, &uri, d, utf8, lang)).collect();
            let params = lsp::PublishDiagnosticsParams { uri, diagnostics, version: Some(version) };
            self.notify::<lsp::notification::PublishDiagnostics>(conn, params);
        }
    }

    fn pull_diagnostics(&mut self, p: &lsp::DocumentDiagnosticParams) -> Option<lsp::DocumentDiagnosticReportResult> {
        let uri = &p.text_document.uri;
        let (utf8, lang) = (self.utf8, self.lang);
        let result = self.lint(uri.as_str())?;
        let items = result.diagnostics.iter().map(|d| diagnostic(result, uri, d, utf8, lang)).collect();
        let full = lsp::FullDocumentDiagnosticReport { result_id: None, items };
        let report =
            lsp::RelatedFullDocumentDiagnosticReport { related_documents: None, full_document_diagnostic_report: full };
        Some(lsp::DocumentDiagnosticReportResult::Report(lsp::DocumentDiagnosticReport::Full(report)))
    }

    /// Quick fixes for the diagnostics in the range, and one action that
    /// applies every fix of the document.
    fn code_actions(&mut self, p: &lsp::CodeActionParams) -> Option<lsp::CodeActionResponse> {
        let uri = &p.text_document.uri;
        let (utf8, lang) = (self.utf8, self.lang);
        let result = self.lint(uri.as_str())?;
        let (from, to) = range_of(&result.source, p.range, utf8);
        let mut actions = Vec::new();
        let mut all = Vec::new();
        let mut last_end = 0;
        let mut fixes: Vec<&Diagnostic> = result.diagnostics.iter().filter(|d| d.fix.is_some()).collect();
        fixes.sort_by_key(|d| d.fix.as_ref().map(|f| f.span.start));
        let edit_of = |edits: Vec<lsp::TextEdit>| lsp::WorkspaceEdit {
            changes: Some(HashMap::from([(uri.clone(), edits)])),
            ..Default::default()
        };
        for d in fixes {
            let Some(fix) = &d.fix else { continue };
            let edit = lsp::TextEdit { range: range(result, fix.span, utf8), new_text: fix.replacement.clone() };
            if fix.span.start >= last_end {
                all.push(edit.clone());
                last_end = fix.span.end;
            }
            if fix.span.start <= to && from <= fix.span.end {
                actions.push(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                    title: match lang {
                        Lang::Zh => format!("{}：改为“{}”", d.code, fix.replacement),
                        Lang::En => format!("{}: replace with `{}`", d.code, fix.replacement),
                    },
                    kind: Some(lsp::CodeActionKind::QUICKFIX),
                    is_preferred: Some(true),
                    diagnostics: Some(vec![diagnostic(result, uri, d, utf8, lang)]),
                    edit: Some(edit_of(vec![edit])),
                    ..Default::default()
                }));
            }
        }
        if !all.is_empty() {
            actions.push(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                title: match lang {
                    Lang::Zh => "ogilint：修正全部可安全修正的措辞",
                    Lang::En => "ogilint: fix all safe wording fixes",
                }
                .into(),
                kind: Some(lsp::CodeActionKind::SOURCE_FIX_ALL),
                edit: Some(edit_of(all)),
                ..Default::default()
            }));
        }
        Some(actions)
    }

    /// On a value of a table: its id, its row and column, and what the rules
    /// say of it. `Some(None)`: no value there.
    fn hover(&mut self, p: &lsp::HoverParams) -> Option<Option<lsp::Hover>> {
        let at = &p.text_document_position_params;
        let (utf8, lang) = (self.utf8, self.lang);
        let result = self.lint(at.text_document.uri.as_str())?;
        let at = result.lines.offset(at.position.line as usize, at.position.character as usize, !utf8);
        for table in result.report().tables() {
            for row in &table.rows {
                for (col, cell) in row.def.columns.iter().zip(&row.cells) {
                    let Some(cell) = cell else { continue };
                    if !(cell.span.start <= at && at <= cell.span.end.max(cell.span.start + 1)) {
                        continue;
                    }
                    let id = template::value_id(table.def.id, row.def.id, col.id);
                    let column = if col.label.is_empty() { String::new() } else { format!(" · {}", col.label) };
                    // In Chinese the value is named by its table's words; the
                    // id, which data users need, comes after.
                    let mut md = match lang {
                        Lang::Zh => format!("**{}{column}** = `{}`\n\n导出列 `{id}`", row.def.label, cell.raw),
                        Lang::En => format!("**`{id}`**\n\n{}{column} = `{}`", row.def.label, cell.raw),
                    };
                    if cell.recovered {
                        md.push_str(match lang {
                            Lang::Zh => "（从连在一起的数字中拆出）",
                            Lang::En => " (split out of glued digits)",
                        });
                    }
                    let about: Vec<String> = result
                        .diagnostics
                        .iter()
                        .filter(|d| {
                            d.labels.iter().any(|l| l.span.start <= cell.span.end && cell.span.start <= l.span.end)
                        })
                        .map(|d| format!("- {}: {}", d.code, d.message.get(lang)))
                        .collect();
                    md.push_str(match (about.is_empty(), lang) {
                        (true, Lang::Zh) => "\n\n各规则均未发现问题。",
                        (true, Lang::En) => "\n\nNo rule finds fault with it.",
                        (false, _) => "\n\n",
                    });
                    md.push_str(&about.join("\n"));
                    let contents = lsp::MarkupContent { kind: lsp::MarkupKind::Markdown, value: md };
                    return Some(Some(lsp::Hover {
                        contents: lsp::HoverContents::Markup(contents),
                        range: Some(range(result, cell.span, utf8)),
                    }));
                }
            }
        }
        Some(None)
    }
}

/// A protocol range as byte offsets of `text` (a position past a line's end
/// or the text's end is taken as that end).
fn range_of(text: &str, range: lsp::Range, utf8: bool) -> (usize, usize) {
    let lines = crate::source::LineIndex::new(text.into());
    let at = |p: lsp::Position| lines.offset(p.line as usize, p.character as usize, !utf8);
    let (s, e) = (at(range.start), at(range.end));
    (s.min(e), e.max(s))
}

fn position(result: &FileResult, offset: usize, utf8: bool) -> lsp::Position {
    let p = result.position(offset);
    let character = if utf8 { p.byte } else { p.utf16 };
    lsp::Position { line: (p.line - 1) as u32, character: character as u32 }
}

fn range(result: &FileResult, span: Span, utf8: bool) -> lsp::Range {
    lsp::Range { start: position(result, span.start, utf8), end: position(result, span.end, utf8) }
}

fn diagnostic(result: &FileResult, uri: &lsp::Uri, d: &Diagnostic, utf8: bool, lang: Lang) -> lsp::Diagnostic {
    let span = d.primary_span().unwrap_or(Span::new(0, 0));
    let related = d
        .labels
        .iter()
        .filter(|l| !l.primary)
        .map(|l| lsp::DiagnosticRelatedInformation {
            location: lsp::Location { uri: uri.clone(), range: range(result, l.span, utf8) },
            message: l.message.get(lang).to_string(),
        })
        .collect();
    let severity = match d.severity {
        Severity::Error => lsp::DiagnosticSeverity::ERROR,
        Severity::Warning => lsp::DiagnosticSeverity::WARNING,
        Severity::Info => lsp::DiagnosticSeverity::INFORMATION,
    };
    let mut message = d.message.get(lang).to_string();
    for n in d.notes.iter().chain(&d.help) {
        message.push('\n');
        message.push_str(n.get(lang));
    }
    lsp::Diagnostic {
        range: range(result, span, utf8),
        severity: Some(severity),
        code: Some(lsp::NumberOrString::String(d.code.to_string())),
        source: Some("ogilint".into()),
        message,
        related_information: Some(related),
        data: Some(serde_json::json!({ "name": d.name, "explain": format!("ogilint explain {}", d.code) })),
        ..Default::default()
    }
}
