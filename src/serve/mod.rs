//! `ogilint serve`: a local web page over the engine, for people who work in
//! a browser rather than a shell. One binary, offline: the page and its
//! script are compiled in, nothing is fetched, nothing is stored (a file is
//! held only for its request), and the API never touches the file system.
//!
//! axum on tokio: a small, well-kept stack whose body limits, multipart
//! parsing and graceful errors we would otherwise write ourselves. The
//! engine's work runs on blocking threads, at most one per core at a time,
//! each request within a time bound.

use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use ogilint::diagnostic::{Code, Lang, Severity};
use ogilint::engine::{Document, Engine, FileResult};
use ogilint::render;
use ogilint::rules::{self, RULES};
use serde::Deserialize;
use serde_json::{Value, json};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Semaphore;

const PAGE: &str = include_str!("page.html");
const SCRIPT: &str = include_str!("app.js");
const STYLE: &str = include_str!("app.css");

/// What one request may send: several reports of a few MB each.
pub const MAX_REQUEST: usize = 64 * 1024 * 1024;
/// Files one request may hold.
pub const MAX_FILES: usize = 500;
/// The time one request's work may take.
pub const TIME_BOUND: Duration = Duration::from_secs(30);

#[derive(Clone)]
struct AppState {
    engine: Arc<Engine>,
    /// Linting at most one file per core at a time.
    workers: Arc<Semaphore>,
}

/// How the server is started.
pub struct Options {
    pub host: String,
    pub port: u16,
    pub engine: Engine,
}

/// The router, for the server and its tests.
fn router(engine: Engine) -> Router {
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let state = AppState { engine: Arc::new(engine), workers: Arc::new(Semaphore::new(cores)) };
    Router::new()
        .route("/", get(page))
        .route("/app.js", get(script))
        .route("/app.css", get(style))
        .route("/api/check", post(check))
        .route("/api/fix", post(fix))
        .route("/api/rules", get(rules_list))
        .layer(DefaultBodyLimit::max(MAX_REQUEST))
        .layer(axum::middleware::from_fn(same_origin))
        .with_state(state)
}

/// Another web page open in the user's browser may send requests to this
/// server: a request that says it comes from another origin, or that names
/// another host (DNS rebinding), is refused.
async fn same_origin(request: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let headers = request.headers();
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok()).unwrap_or("");
    let origin = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok());
    let host_name = host.rsplit_once(':').map_or(host, |(h, _)| h);
    let local = matches!(host_name, "127.0.0.1" | "localhost" | "[::1]" | "");
    let bound_local = LOOPBACK.load(std::sync::atomic::Ordering::Relaxed);
    if bound_local && !local {
        return error(StatusCode::FORBIDDEN, "this server answers requests to 127.0.0.1 only");
    }
    if let Some(o) = origin
        && o != format!("http://{host}")
        && o != "null"
    {
        return error(StatusCode::FORBIDDEN, "requests from other web pages are refused");
    }
    next.run(request).await
}

/// Whether the server listens on the loopback address only.
static LOOPBACK: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(true);

/// Runs the server until it is stopped (Ctrl-C).
pub fn run(options: Options) -> Result<(), String> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the server: {e}"))?;
    runtime.block_on(async move {
        let address = format!("{}:{}", options.host, options.port);
        let listener =
            tokio::net::TcpListener::bind(&address).await.map_err(|e| format!("cannot listen on {address}: {e}"))?;
        let local = listener.local_addr().map_err(|e| e.to_string())?;
        let loopback = local.ip().is_loopback();
        LOOPBACK.store(loopback, std::sync::atomic::Ordering::Relaxed);
        eprintln!("ogilint: serving the checker on http://{local}/ (Ctrl-C to stop)");
        if !loopback {
            eprintln!(
                "ogilint: warning: {} is reachable from other machines; reports sent to it are read by this computer",
                local.ip()
            );
        }
        axum::serve(listener, router(options.engine))
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
            .map_err(|e| e.to_string())
    })
}

fn asset(body: &'static str, kind: &'static str) -> Response {
    let mut r = body.into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'",
        ),
    );
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    r
}

async fn page() -> Response {
    asset(PAGE, "text/html; charset=utf-8")
}
async fn script() -> Response {
    asset(SCRIPT, "text/javascript; charset=utf-8")
}
async fn style() -> Response {
    asset(STYLE, "text/css; charset=utf-8")
}

/// An error as JSON: `{"error": "..."}` with its status.
fn error(status: StatusCode, message: impl Into<String>) -> Response {
    (status, axum::Json(json!({ "error": message.into() }))).into_response()
}

#[derive(Deserialize)]
struct LangQuery {
    lang: Option<String>,
    name: Option<String>,
}

fn lang_of(q: &LangQuery) -> Lang {
    if q.lang.as_deref() == Some("en") { Lang::En } else { Lang::Zh }
}

/// A file's name as shown, never a path: the last component, control
/// characters dropped, at most 200 characters.
fn clean_name(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = last.chars().filter(|c| !c.is_control()).take(200).collect();
    if cleaned.trim().is_empty() || cleaned == "." || cleaned == ".." { "report.txt".into() } else { cleaned }
}

/// The files of a request: multipart fields named `file` (each with its
/// file name), a field `text` (pasted text), or a raw body named by `?name=`.
async fn files_of(headers: &HeaderMap, q: &LangQuery, body: Bytes) -> Result<Vec<(String, Vec<u8>)>, Response> {
    let original = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    // Media types are case-insensitive; the boundary is not.
    let lower = original.to_ascii_lowercase();
    let kind = lower.as_str();
    if kind.starts_with("multipart/form-data") {
        let stream = futures_util_stream(body);
        let boundary = multer::parse_boundary(original)
            .map_err(|e| error(StatusCode::BAD_REQUEST, format!("bad multipart request: {e}")))?;
        let mut multipart = multer::Multipart::new(stream, boundary);
        let mut out = Vec::new();
        loop {
            let field = match multipart.next_field().await {
                Ok(Some(f)) => f,
                Ok(None) => break,
                Err(e) => return Err(error(StatusCode::BAD_REQUEST, format!("bad multipart request: {e}"))),
            };
            let field_name = field.name().unwrap_or("").to_string();
            let file_name = field.file_name().map(clean_name);
            let data = field
                .bytes()
                .await
                .map_err(|e| error(StatusCode::BAD_REQUEST, format!("bad multipart request: {e}")))?;
            match field_name.as_str() {
                "file" => out.push((file_name.unwrap_or_else(|| "report.txt".into()), data.to_vec())),
                "text" if !data.is_empty() => out.push(("pasted.txt".into(), data.to_vec())),
                _ => {}
            }
            if out.len() > MAX_FILES {
                return Err(error(StatusCode::PAYLOAD_TOO_LARGE, format!("at most {MAX_FILES} files in one request")));
            }
        }
        if out.is_empty() {
            return Err(error(StatusCode::BAD_REQUEST, "no file in the request (a field named `file`)"));
        }
        Ok(out)
    } else if kind.is_empty()
        || kind.starts_with("application/octet-stream")
        || kind.starts_with("text/")
        || kind.starts_with("application/pdf")
    {
        if body.is_empty() {
            return Err(error(StatusCode::BAD_REQUEST, "the request has no body"));
        }
        Ok(vec![(clean_name(q.name.as_deref().unwrap_or("report.txt")), body.to_vec())])
    } else {
        Err(error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            format!("send the file as multipart/form-data (field `file`) or as the raw body, not `{kind}`"),
        ))
    }
}

/// The request body, already in memory, as the stream `multer` reads.
fn futures_util_stream(
    body: Bytes,
) -> impl futures_util::Stream<Item = Result<Bytes, std::convert::Infallible>> + Send + 'static {
    futures_util::stream::once(std::future::ready(Ok(body)))
}

/// Runs the engine's work on a blocking thread, within the worker bound and
/// the time bound.
async fn work<T: Send + 'static>(
    state: &AppState,
    f: impl FnOnce(&Engine) -> T + Send + 'static,
) -> Result<T, Response> {
    let engine = state.engine.clone();
    let run = async {
        // The permit goes with the work: a request that times out frees its
        // place only when its work has really ended.
        let permit = state.workers.clone().acquire_owned().await.map_err(|_| ())?;
        tokio::task::spawn_blocking(move || {
            let _permit = permit;
            f(&engine)
        })
        .await
        .map_err(|_| ())
    };
    match tokio::time::timeout(TIME_BOUND, run).await {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(())) => Err(error(StatusCode::INTERNAL_SERVER_ERROR, "the check failed")),
        Err(_) => Err(error(
            StatusCode::SERVICE_UNAVAILABLE,
            format!("the check took longer than {} s: try fewer files at a time", TIME_BOUND.as_secs()),
        )),
    }
}

/// A body over the limit, said clearly (axum's own answer is terse).
fn too_large(body_len: Option<usize>) -> Response {
    let mb = MAX_REQUEST / (1024 * 1024);
    let got = body_len.map_or(String::new(), |n| format!(" ({} MB sent)", n / (1024 * 1024)));
    error(
        StatusCode::PAYLOAD_TOO_LARGE,
        format!("the request is larger than {mb} MB{got}: send fewer or smaller files"),
    )
}

async fn read_body(headers: &HeaderMap, body: axum::body::Body) -> Result<Bytes, Response> {
    let declared = headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse().ok());
    if declared.is_some_and(|n: usize| n > MAX_REQUEST) {
        return Err(too_large(declared));
    }
    axum::body::to_bytes(body, MAX_REQUEST).await.map_err(|_| too_large(declared))
}

/// The files a request sends, its body read within the limit.
async fn request_files(
    headers: &HeaderMap,
    q: &LangQuery,
    body: axum::body::Body,
) -> Result<Vec<(String, Vec<u8>)>, Response> {
    let body = read_body(headers, body).await?;
    files_of(headers, q, body).await
}

async fn check(
    State(state): State<AppState>,
    Query(q): Query<LangQuery>,
    headers: HeaderMap,
    body: axum::body::Body,
) -> Response {
    let files = match request_files(&headers, &q, body).await {
        Ok(f) => f,
        Err(r) => return r,
    };
    let lang = lang_of(&q);
    match work(&state, move |engine| check_files(engine, files, lang)).await {
        Ok(v) => axum::Json(v).into_response(),
        Err(r) => r,
    }
}

/// Lints every file, and the rules across reports over all of them.
fn check_files(engine: &Engine, files: Vec<(String, Vec<u8>)>, lang: Lang) -> Value {
    let mut out = Vec::new();
    let mut facts = Vec::new();
    for (name, bytes) in files {
        let result = engine.lint(&Document::new(&name, &bytes));
        if let Some(f) = result.facts() {
            facts.push(f);
        }
        out.push(file_json(&result, lang));
    }
    // The results across reports as `scan --format jsonl` writes them.
    let across: Vec<Value> = rules::across::check(&facts, engine.selection())
        .iter()
        .map(|(file, d)| {
            // The fact pointed at, in whichever upload of that name holds it
            // (browsers send base names: two years' `index.html`).
            let fact = facts.iter().filter(|f| &f.file == file).find_map(|f| f.fact_of(d));
            serde_json::to_value(render::json::across_record(file, fact, d, lang)).unwrap_or(Value::Null)
        })
        .collect();
    json!({ "version": ogilint::JSON_VERSION, "ogilint": env!("CARGO_PKG_VERSION"), "files": out, "across": across })
}

/// One file's result: the diagnostics as `check --format json` gives them,
/// the model, and for the page the text the parser read with each
/// diagnostic's and value's place in it.
fn file_json(result: &FileResult, lang: Lang) -> Value {
    let report = result.file_report();
    let diagnostics: Vec<Value> =
        render::json::render(&report, lang).lines().filter_map(|l| serde_json::from_str(l).ok()).collect();
    // The same diagnostics in the coordinates of the text the parser read
    // (they differ from what is shown only for an HTML page).
    let marks: Vec<Value> = result
        .in_text()
        .iter()
        .map(|d| {
            json!({
                "code": d.code,
                "severity": d.severity.as_str(),
                "message": d.message.get(lang),
                "labels": d.labels.iter().map(|l| json!({
                    "start": l.span.start, "end": l.span.end, "primary": l.primary, "label": l.message.get(lang),
                })).collect::<Vec<_>>(),
                "notes": d.notes.iter().map(|n| n.get(lang)).collect::<Vec<_>>(),
                "help": d.help.iter().map(|n| n.get(lang)).collect::<Vec<_>>(),
                "fix": d.fix.as_ref().map(|f| json!({"start": f.span.start, "end": f.span.end, "replacement": f.replacement})),
            })
        })
        .collect();
    let count = |s: Severity| result.diagnostics.iter().filter(|d| d.severity == s).count();
    let fixable = if result.parsed.html.is_none() && result.parsed.layout.is_none() {
        result.diagnostics.iter().filter(|d| d.fix.is_some()).count()
    } else {
        0
    };
    json!({
        "file": result.name,
        "encoding": result.encoding,
        "agency": result.report().agency,
        "year": result.report().year,
        "errors": count(Severity::Error),
        "warnings": count(Severity::Warning),
        "infos": count(Severity::Info),
        "fixable": fixable,
        "diagnostics": diagnostics,
        "model": result.report().to_json(Some(&result.name), &result.lines),
        "text": &*result.parsed.text,
        "marks": marks,
        "values": result.parsed.report.locations_json(&result.parsed.lines),
        "labels": labels(&result.parsed.report),
    })
}

/// The official name of every value read (`三、本年度办理结果 · （一）予以公开 · 自然人`), by id.
fn labels(report: &ogilint::model::Report) -> Value {
    let mut out = serde_json::Map::new();
    for (table, row, col, _) in rules::placed_cells(report) {
        let id = ogilint::template::value_id(table.def.id, row.def.id, col.id);
        let mut name = rules::cell_name(table, row.def.id, col.id).zh;
        if let Some(g) = row.def.group {
            name = format!("{g} · {name}");
        }
        out.insert(id, json!(name));
    }
    Value::Object(out)
}

async fn fix(
    State(state): State<AppState>,
    Query(q): Query<LangQuery>,
    headers: HeaderMap,
    body: axum::body::Body,
) -> Response {
    let mut files = match request_files(&headers, &q, body).await {
        Ok(f) => f,
        Err(r) => return r,
    };
    if files.len() != 1 {
        return error(StatusCode::BAD_REQUEST, "send one file to fix");
    }
    let (name, bytes) = files.remove(0);
    let lang = lang_of(&q);
    let done = work(&state, move |engine| {
        let result = engine.lint(&Document::new(&name, &bytes));
        if result.parsed.html.is_some() || result.parsed.layout.is_some() {
            return Err("fixes are made to text files only: correct a page, a PDF or a Word file in its source".into());
        }
        if let Some(d) = result.diagnostics.iter().find(|d| d.code == Code::I001) {
            return Err(d.message.get(lang).to_string());
        }
        if result.lossy > 0 {
            return Err(ogilint::fix::WriteError::Lossy(result.lossy).to_string());
        }
        let (fixed, n) = ogilint::fix::apply(&result.parsed.text, &result.diagnostics);
        let encoded = ogilint::fix::encode(&fixed, result.encoding, result.bom).map_err(|e| e.to_string())?;
        Ok((name, encoded, n))
    })
    .await;
    match done {
        Ok(Ok((name, encoded, n))) => {
            let mut r = encoded.into_response();
            let h = r.headers_mut();
            h.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/octet-stream"));
            let ascii: String =
                name.chars().map(|c| if c.is_ascii_alphanumeric() || ".-_".contains(c) { c } else { '_' }).collect();
            let encoded_name: String = name
                .bytes()
                .map(|b| {
                    if b.is_ascii_alphanumeric() || b".-_".contains(&b) {
                        (b as char).to_string()
                    } else {
                        format!("%{b:02X}")
                    }
                })
                .collect();
            if let Ok(v) =
                HeaderValue::from_str(&format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded_name}"))
            {
                h.insert(header::CONTENT_DISPOSITION, v);
            }
            if let Ok(v) = HeaderValue::from_str(&n.to_string()) {
                h.insert("x-ogilint-fixes", v);
            }
            r
        }
        Ok(Err(why)) => error(StatusCode::UNPROCESSABLE_ENTITY, why),
        Err(r) => r,
    }
}

async fn rules_list() -> Response {
    let rules: Vec<Value> = RULES
        .iter()
        .map(|r| {
            let m = &r.meta;
            json!({
                "code": m.code, "name": m.name(),
                "default": m.default().map_or("off", Severity::as_str),
                "fixable": m.fixable,
                "summary": {"en": m.summary.0, "zh": m.summary.1},
                "explain": {"en": m.explain.0, "zh": m.explain.1},
            })
        })
        .collect();
    axum::Json(json!({ "version": ogilint::JSON_VERSION, "ogilint": env!("CARGO_PKG_VERSION"), "rules": rules }))
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_never_paths() {
        assert_eq!(clean_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_name("C:\\x\\报告.txt"), "报告.txt");
        assert_eq!(clean_name(".."), "report.txt");
        assert_eq!(clean_name("a\u{1b}b.txt"), "ab.txt");
    }
}
