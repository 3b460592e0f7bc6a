//! `ogilint lsp` spoken to over its standard input and output, as an editor
//! does: initialize, diagnostics at the right UTF-16 ranges (with CJK and an
//! astral-plane character before them), a change that clears an error, the
//! quick fix and its edit, hover on a value, pull diagnostics, bad input,
//! shutdown and exit.

use crate::common;

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, ChildStdout, Stdio};

struct Client {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
    next_id: i64,
    /// Dropped with the client; until then a watchdog kills a server that
    /// runs a minute, so a read from a silent server fails, not hangs.
    _watchdog: std::sync::mpsc::Sender<()>,
}

/// How long a test's server may run.
const SERVER_LIFETIME: std::time::Duration = std::time::Duration::from_secs(60);

impl Client {
    fn start() -> Client {
        let mut child = common::ogilint()
            .arg("lsp")
            .env("LANG", "C")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn ogilint lsp");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = BufReader::new(child.stdout.take().expect("stdout"));
        let (watchdog, watch) = std::sync::mpsc::channel::<()>();
        let pid = child.id().to_string();
        std::thread::spawn(move || {
            if let Err(std::sync::mpsc::RecvTimeoutError::Timeout) = watch.recv_timeout(SERVER_LIFETIME) {
                let _ = std::process::Command::new("kill").args(["-9", &pid]).status();
            }
        });
        Client { child, stdin, stdout, next_id: 1, _watchdog: watchdog }
    }

    fn send_raw(&mut self, body: &str) {
        let _ = write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len());
        let _ = self.stdin.flush();
    }

    fn send(&mut self, msg: Value) {
        self.send_raw(&msg.to_string());
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        loop {
            let msg = self.read();
            if msg["id"] == json!(id) {
                return msg;
            }
        }
    }

    fn read(&mut self) -> Value {
        let mut len = 0;
        loop {
            let mut line = String::new();
            let n = self.stdout.read_line(&mut line).expect("read header");
            assert!(n > 0, "the server closed its output");
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(v) = line.strip_prefix("Content-Length: ") {
                len = v.parse().expect("length");
            }
        }
        let mut body = vec![0; len];
        self.stdout.read_exact(&mut body).expect("read body");
        serde_json::from_slice(&body).expect("JSON body")
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics(&mut self, uri: &str) -> Vec<Value> {
        loop {
            let msg = self.read();
            if msg["method"] == "textDocument/publishDiagnostics" && msg["params"]["uri"] == uri {
                return msg["params"]["diagnostics"].as_array().cloned().unwrap_or_default();
            }
        }
    }
}

const URI: &str = "file:///tmp/report.txt";

/// The seed with a wrong table-4 total (A204) and `规范性文件` (W302) in a
/// row whose first cell holds CJK and an astral-plane character.
fn faulty() -> String {
    let seed = String::from_utf8(common::corpus("seed/huaibin-luji_2024.txt")).expect("UTF-8");
    let review = "0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0";
    assert!(seed.contains(review));
    seed.replacen("行政规范性文件\t", "注𠀀\t规范性文件\t", 1).replacen(
        review,
        "1\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0",
        1,
    )
}

fn codes(diags: &[Value]) -> Vec<String> {
    let mut v: Vec<String> = diags.iter().map(|d| d["code"].as_str().unwrap_or("").to_string()).collect();
    v.sort();
    v
}

fn line_of(text: &str, needle: &str) -> u64 {
    text[..text.find(needle).expect(needle)].matches('\n').count() as u64
}

#[test]
fn an_editor_session() {
    let mut c = Client::start();
    let init = c.request("initialize", json!({ "processId": null, "rootUri": null, "capabilities": {} }));
    assert_eq!(init["result"]["capabilities"]["positionEncoding"], "utf-16");
    c.notify("initialized", json!({}));

    let text = faulty();
    c.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": URI, "languageId": "plaintext", "version": 1, "text": text } }),
    );
    let diags = c.diagnostics(URI);
    assert_eq!(codes(&diags), ["A204", "W302"], "{diags:#?}");
    // W302 on `规范性文件`, after `注𠀀\t`: UTF-16 columns 4..9 (𠀀 is two units).
    let w302 = diags.iter().find(|d| d["code"] == "W302").expect("W302");
    let line = line_of(&text, "注𠀀\t规范性文件");
    assert_eq!(w302["range"]["start"], json!({ "line": line, "character": 4 }));
    assert_eq!(w302["range"]["end"], json!({ "line": line, "character": 9 }));
    assert_eq!(w302["source"], "ogilint");
    // A204 on the total of 行政复议 (the fifth cell of the values line).
    let a204 = diags.iter().find(|d| d["code"] == "A204").expect("A204");
    let values = line_of(&text, "1\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0");
    assert_eq!(a204["range"]["start"], json!({ "line": values, "character": 8 }));
    assert!(a204["relatedInformation"].as_array().is_some_and(|a| !a.is_empty()), "operand cells");

    // Hover on the 1: its value id.
    let hover = c.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": URI }, "position": { "line": values, "character": 0 } }),
    );
    let md = hover["result"]["contents"]["value"].as_str().unwrap_or("");
    assert!(md.contains("review.reconsideration.upheld"), "{hover}");

    // The quick fix for W302, applied as the editor would.
    let actions = c.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": URI }, "range": w302["range"], "context": { "diagnostics": [w302] } }),
    );
    let fix = actions["result"]
        .as_array()
        .and_then(|a| a.iter().find(|x| x["kind"] == "quickfix"))
        .cloned()
        .expect("a quick fix");
    let edit = &fix["edit"]["changes"][URI][0];
    assert_eq!(edit["newText"], "行政规范性文件");
    c.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": URI, "version": 2 }, "contentChanges": [{ "range": edit["range"], "text": edit["newText"] }] }),
    );
    assert_eq!(codes(&c.diagnostics(URI)), ["A204"]);

    // Correct the number (incremental change of one character): nothing left.
    c.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": URI, "version": 3 }, "contentChanges": [{
            "range": { "start": { "line": values, "character": 0 }, "end": { "line": values, "character": 1 } },
            "text": "0" }] }),
    );
    assert!(c.diagnostics(URI).is_empty());

    // Pull diagnostics agree.
    let pulled = c.request("textDocument/diagnostic", json!({ "textDocument": { "uri": URI } }));
    assert_eq!(pulled["result"]["kind"], "full");
    assert_eq!(pulled["result"]["items"], json!([]));

    // Bad input: an unknown method, malformed JSON, a 5 MB document, junk bytes.
    let unknown = c.request("ogilint/nothing", json!({}));
    assert_eq!(unknown["error"]["code"], -32601, "MethodNotFound: {unknown}");
    let bad = c.request("textDocument/hover", json!({ "nonsense": true }));
    assert_eq!(bad["error"]["code"], -32602, "InvalidParams: {bad}");
    let big = text.repeat(5 * 1024 * 1024 / text.len() + 1);
    c.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": "file:///big.txt", "languageId": "plaintext", "version": 1, "text": big } }),
    );
    let _ = c.diagnostics("file:///big.txt");
    let junk: String = (0..20_000u32).map(|i| char::from_u32((i * 7919) % 0x2FFFF).unwrap_or('\u{FFFD}')).collect();
    c.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": "file:///junk.html", "languageId": "html", "version": 1, "text": junk } }),
    );
    let _ = c.diagnostics("file:///junk.html");

    let shutdown = c.request("shutdown", json!(null));
    assert!(shutdown["result"].is_null());
    c.notify("exit", json!(null));
    let status = c.child.wait().expect("exit");
    assert_eq!(status.code(), Some(0));
}

#[test]
fn utf8_positions_when_the_client_offers_them_and_malformed_json_survives() {
    let mut c = Client::start();
    let init = c.request(
        "initialize",
        json!({ "processId": null, "rootUri": null, "capabilities": { "general": { "positionEncodings": ["utf-8", "utf-16"] } } }),
    );
    assert_eq!(init["result"]["capabilities"]["positionEncoding"], "utf-8");
    c.notify("initialized", json!({}));
    // A body that is not JSON: the server answers nothing for it and goes on.
    c.send_raw("{ this is not json");
    let text = faulty();
    c.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": URI, "languageId": "plaintext", "version": 1, "text": text } }),
    );
    let diags = c.diagnostics(URI);
    let w302 = diags.iter().find(|d| d["code"] == "W302").expect("W302");
    // 注 (3 bytes) + 𠀀 (4) + tab: byte 8; 规范性文件 is 15 bytes.
    assert_eq!(w302["range"]["start"]["character"], 8);
    assert_eq!(w302["range"]["end"]["character"], 23);
    let _ = c.request("shutdown", json!(null));
    c.notify("exit", json!(null));
    let _ = c.child.wait();
}

/// The editor sees what `check` says: a document is linted with the
/// `ogilint.toml` nearest to its file, and an invalid one is shown to the
/// user, not ignored.
#[test]
fn the_language_server_reads_ogilint_toml() {
    let dir = common::temp_dir("lsp", "config");
    std::fs::create_dir_all(dir.join("bad")).expect("dir");
    std::fs::write(dir.join("ogilint.toml"), "ignore = [\"W302\"]\n").expect("w");
    std::fs::write(dir.join("bad/ogilint.toml"), "ignore = [\"NO-SUCH-RULE\"]\n").expect("w");
    let mut c = Client::start();
    c.request("initialize", json!({ "processId": null, "rootUri": null, "capabilities": {} }));
    c.notify("initialized", json!({}));
    let uri = format!("file://{}", dir.join("report.txt").display()).replace(' ', "%20");
    c.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "plaintext", "version": 1, "text": faulty() } }),
    );
    assert_eq!(codes(&c.diagnostics(&uri)), ["A204"], "W302 is ignored by the folder's ogilint.toml");
    let bad = format!("file://{}", dir.join("bad/report.txt").display()).replace(' ', "%20");
    c.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": bad, "languageId": "plaintext", "version": 1, "text": faulty() } }),
    );
    let shown = loop {
        let msg = c.read();
        if msg["method"] == "window/showMessage" {
            break msg;
        }
    };
    assert!(shown["params"]["message"].as_str().is_some_and(|m| m.contains("NO-SUCH-RULE")), "{shown}");
    let _ = c.child.kill();
    let _ = std::fs::remove_dir_all(&dir);
}

/// Closing a document clears its diagnostics in the editor.
#[test]
fn did_close_clears_the_diagnostics() {
    let mut c = Client::start();
    c.request("initialize", json!({ "processId": null, "rootUri": null, "capabilities": {} }));
    c.notify("initialized", json!({}));
    c.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": URI, "languageId": "plaintext", "version": 1, "text": faulty() } }),
    );
    assert!(!c.diagnostics(URI).is_empty());
    c.notify("textDocument/didClose", json!({ "textDocument": { "uri": URI } }));
    assert!(c.diagnostics(URI).is_empty(), "cleared on close");
    let _ = c.child.kill();
}

/// A document that starts with a byte-order mark keeps every position where
/// the editor has it; a page is known by its language id or its content,
/// not only by its name.
#[test]
fn a_bom_keeps_positions_and_pages_are_known_by_language_or_content() {
    let mut c = Client::start();
    c.request("initialize", json!({ "processId": null, "rootUri": null, "capabilities": {} }));
    c.notify("initialized", json!({}));
    // Line 0 is a title without its agency (S108 there), and the rows have
    // their faults further down: both documents give the same ranges.
    let seed = String::from_utf8(common::corpus("seed/huaibin-luji_2024.txt")).expect("UTF-8");
    let body = seed.replacen("淮滨县芦集乡人民政府 2024 年政府信息公开工作年度报告", "", 1);
    let text = format!("2024年政府信息公开工作年度报告\n{}", body.split_once('\n').map_or("", |x| x.1));
    let with_bom = format!("\u{feff}{text}");
    let (a, b) = ("file:///tmp/a.txt", "file:///tmp/b.txt");
    c.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": a, "languageId": "plaintext", "version": 1, "text": text } }),
    );
    let plain = c.diagnostics(a);
    c.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": b, "languageId": "plaintext", "version": 1, "text": with_bom } }),
    );
    let bom = c.diagnostics(b);
    // In the editor the mark is the first character of line 0: what follows
    // it stands one unit further right; other lines are unchanged.
    let shifted = |d: &Value| {
        let mut r = d["range"].clone();
        for end in ["start", "end"] {
            if r[end]["line"] == 0 {
                r[end]["character"] = json!(r[end]["character"].as_u64().unwrap_or(0) + 1);
            }
        }
        r
    };
    assert!(plain.iter().any(|d| d["code"] == "S108" && d["range"]["start"]["line"] == 0), "{plain:?}");
    assert_eq!(
        plain.iter().map(shifted).collect::<Vec<_>>(),
        bom.iter().map(|d| d["range"].clone()).collect::<Vec<_>>()
    );
    // An unsaved page: the client says html.
    let page = std::fs::read_to_string(common::root().join("corpus/html/pingtan_2025.html")).expect("page");
    let u = "untitled:Untitled-1";
    c.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": u, "languageId": "html", "version": 1, "text": page } }),
    );
    let diags = c.diagnostics(u);
    assert!(!codes(&diags).iter().any(|c| c == "I003" || c == "S104"), "{:?}", codes(&diags));
    let _ = c.child.kill();
}

impl Client {
    fn send_bytes(&mut self, bytes: &[u8]) {
        let _ = self.stdin.write_all(bytes);
        let _ = self.stdin.flush();
    }

    /// The exit code, waiting at most five seconds for it.
    fn exit_code(mut self) -> Option<i32> {
        drop(self.stdin);
        let start = std::time::Instant::now();
        while start.elapsed() < std::time::Duration::from_secs(5) {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status.code();
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        let _ = self.child.kill();
        None
    }
}

fn initialized() -> Client {
    let mut c = Client::start();
    let _ = c.request("initialize", json!({ "processId": null, "rootUri": null, "capabilities": {} }));
    c.notify("initialized", json!({}));
    c
}

/// A frame whose `Content-Length` is no length (negative, not a number,
/// absent, beyond 2^64), followed by its body, a header with a byte that
/// is not UTF-8, or a header line of megabytes: each is skipped, and the
/// next request is answered (the stream comes back in step).
#[test]
fn bad_frames_are_skipped_and_the_stream_comes_back_in_step() {
    let body = json!({ "jsonrpc": "2.0", "id": 999, "method": "textDocument/hover", "params": {} }).to_string();
    let frames: Vec<Vec<u8>> = vec![
        format!("Content-Length: -1\r\n\r\n{body}").into_bytes(),
        format!("Content-Length: abc\r\n\r\n{body}").into_bytes(),
        format!("Content-Type: x\r\n\r\n{body}").into_bytes(),
        format!("Content-Length: 99999999999999999999999\r\n\r\n{body}").into_bytes(),
        [b"X-Bad: \xff\xfe\r\n".as_slice(), format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes()]
            .concat(),
        [vec![b'x'; 3 << 20], b"\r\n\r\n".to_vec()].concat(),
    ];
    for (i, frame) in frames.iter().enumerate() {
        let mut c = initialized();
        // A server out of step never answers: it is killed after ten
        // seconds, and the read below fails rather than hangs.
        let (done, watch) = std::sync::mpsc::channel::<()>();
        let pid = c.child.id().to_string();
        let watchdog = std::thread::spawn(move || {
            if watch.recv_timeout(std::time::Duration::from_secs(10)).is_err() {
                let _ = std::process::Command::new("kill").args(["-9", &pid]).status();
            }
        });
        c.send_bytes(frame);
        let reply = c.request(
            "textDocument/hover",
            json!({ "textDocument": { "uri": URI }, "position": { "line": 0, "character": 0 } }),
        );
        assert!(reply.get("result").is_some() || reply.get("error").is_some(), "frame {i}: {reply}");
        let _ = c.request("shutdown", json!(null));
        c.notify("exit", json!(null));
        assert_eq!(c.exit_code(), Some(0), "frame {i}");
        let _ = done.send(());
        let _ = watchdog.join();
    }
}

/// A change whose range does not parse is refused, not taken for the whole
/// new text: the document keeps its diagnostics.
#[test]
fn a_malformed_change_range_replaces_nothing() {
    let mut c = initialized();
    let text = faulty();
    c.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": URI, "languageId": "plaintext", "version": 1, "text": text } }),
    );
    assert_eq!(codes(&c.diagnostics(URI)), ["A204", "W302"]);
    for range in [
        json!({ "start": { "line": -1, "character": 0 }, "end": { "line": 0, "character": 0 } }),
        json!({ "start": { "line": 0, "character": 0.5 }, "end": { "line": 0, "character": 1 } }),
        json!({ "start": { "line": 0, "character": 0 } }),
    ] {
        c.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": URI, "version": 2 }, "contentChanges": [{ "range": range, "text": "x" }] }),
        );
        assert_eq!(codes(&c.diagnostics(URI)), ["A204", "W302"], "{range}");
    }
}

/// The lifecycle as the protocol has it: a request before `initialize` is
/// refused with ServerNotInitialized (-32002) and the server goes on; after
/// `shutdown` a request is refused with InvalidRequest; `exit` ends the
/// process at once, with 0 after `shutdown` and 1 without it.
#[test]
fn the_lifecycle_follows_the_protocol() {
    let mut c = Client::start();
    let early = c.request("textDocument/hover", json!({}));
    assert_eq!(early["error"]["code"], -32002, "{early}");
    let init = c.request("initialize", json!({ "processId": null, "rootUri": null, "capabilities": {} }));
    assert!(init["result"]["capabilities"].is_object(), "{init}");
    c.notify("initialized", json!({}));
    let down = c.request("shutdown", json!(null));
    assert_eq!(down["result"], Value::Null, "{down}");
    let late = c.request("textDocument/hover", json!({}));
    assert_eq!(late["error"]["code"], -32600, "{late}");
    c.notify("exit", json!(null));
    // Standard input stays open: the process ends on `exit` alone.
    let start = std::time::Instant::now();
    let code = loop {
        if let Ok(Some(s)) = c.child.try_wait() {
            break s.code();
        }
        assert!(start.elapsed() < std::time::Duration::from_secs(5), "the server lingers after exit");
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    assert_eq!(code, Some(0));

    let mut c = initialized();
    c.notify("exit", json!(null));
    assert_eq!(c.exit_code(), Some(1), "exit without shutdown");
}

/// Random incremental edits (CJK, astral-plane characters, tabs, digits,
/// line breaks), checked against a full-sync oracle: after every few edits,
/// the diagnostics of the edited document equal those of a second document
/// opened with the text the edits should have made.
#[test]
fn random_incremental_edits_agree_with_full_sync() {
    struct Lcg(u64);
    impl Lcg {
        fn below(&mut self, n: usize) -> usize {
            self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            ((self.0 >> 33) as usize) % n.max(1)
        }
    }
    fn position(text: &str, at: usize) -> Value {
        let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let line = text[..at].matches('\n').count();
        json!({ "line": line, "character": text[line_start..at].encode_utf16().count() })
    }
    let pieces = ["", "0", "12", "\t", "\n", "三", "行政", "𠀀", "规范性文件", "（一）", " ", "\t7\t"];
    let mut rng = Lcg(20261204);
    let mut c = initialized();
    let mut text = faulty();
    c.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": URI, "languageId": "plaintext", "version": 1, "text": text } }),
    );
    let first = codes(&c.diagnostics(URI));
    let mut changed = false;
    for round in 0..12 {
        for _ in 0..8 {
            let boundaries: Vec<usize> =
                text.char_indices().map(|(i, _)| i).chain(std::iter::once(text.len())).collect();
            let a = boundaries[rng.below(boundaries.len())];
            let b = boundaries.iter().copied().filter(|&x| x >= a).take(6).nth(rng.below(6)).unwrap_or(a);
            let new = pieces[rng.below(pieces.len())];
            let range = json!({ "start": position(&text, a), "end": position(&text, b) });
            text.replace_range(a..b, new);
            c.notify(
                "textDocument/didChange",
                json!({ "textDocument": { "uri": URI, "version": round + 2 }, "contentChanges": [{ "range": range, "text": new }] }),
            );
        }
        let oracle = format!("file:///tmp/oracle-{round}.txt");
        c.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": oracle, "languageId": "plaintext", "version": 1, "text": text } }),
        );
        let pull = |c: &mut Client, uri: &str| {
            let r = c.request("textDocument/diagnostic", json!({ "textDocument": { "uri": uri } }));
            let mut items: Vec<(String, String, String)> = r["result"]["items"]
                .as_array()
                .cloned()
                .unwrap_or_default()
                .iter()
                .map(|d| (d["code"].to_string(), d["range"].to_string(), d["message"].to_string()))
                .collect();
            items.sort();
            items
        };
        let edited = pull(&mut c, URI);
        let whole = pull(&mut c, &oracle);
        assert_eq!(edited, whole, "round {round}");
        let mut now: Vec<String> = whole.iter().map(|(code, _, _)| code.trim_matches('"').to_string()).collect();
        now.sort();
        changed |= now != first;
        c.notify("textDocument/didClose", json!({ "textDocument": { "uri": oracle } }));
    }
    // The edits did change what is found (the oracle is no constant).
    assert!(changed, "no edit changed the diagnostics");
}

/// In Chinese (`"lang": "zh"`), the editor's words are Chinese too: the
/// diagnostics, the quick fixes' titles and the hover.
#[test]
fn a_session_in_chinese() {
    let mut c = Client::start();
    c.request(
        "initialize",
        json!({ "processId": null, "rootUri": null, "capabilities": {}, "initializationOptions": { "lang": "zh" } }),
    );
    c.notify("initialized", json!({}));
    let text = faulty();
    c.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": URI, "languageId": "plaintext", "version": 1, "text": text } }),
    );
    let diags = c.diagnostics(URI);
    let w302 = diags.iter().find(|d| d["code"] == "W302").expect("W302").clone();
    assert!(w302["message"].as_str().is_some_and(|m| m.contains("行标签")), "{w302}");
    let actions = c.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": URI }, "range": w302["range"], "context": { "diagnostics": [w302] } }),
    );
    let titles: Vec<&str> = actions["result"]
        .as_array()
        .map(|a| a.iter().filter_map(|x| x["title"].as_str()).collect())
        .unwrap_or_default();
    assert!(titles.contains(&"W302：改为“行政规范性文件”"), "{titles:?}");
    assert!(titles.iter().any(|t| t.contains("修正全部")), "{titles:?}");
    let values = line_of(&text, "1\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0");
    let hover = c.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": URI }, "position": { "line": values, "character": 0 } }),
    );
    let md = hover["result"]["contents"]["value"].as_str().unwrap_or("");
    assert!(md.starts_with("**行政复议 · 结果维持** = `1`") && md.contains("A204"), "{md}");
    c.request("shutdown", json!(null));
    c.notify("exit", json!(null));
}

/// What clients send that the protocol's types would refuse is still read:
/// an `initialize` whose workspace URI has a space keeps the user's options
/// (here `ignore = ["W302"]`) and the UTF-8 positions; a document URI with a
/// space, brackets and a Chinese name, unescaped, is linted and answered
/// under the client's own string, fixes included; a `didOpen` with no
/// version or language id opens the document.
#[test]
fn uris_and_fields_the_protocol_types_refuse_are_still_read() {
    let mut c = Client::start();
    let init = c.request(
        "initialize",
        json!({ "processId": null, "rootUri": "file:///tmp/my reports", "capabilities": {
            "general": { "positionEncodings": ["utf-8", "utf-16"] } },
            "initializationOptions": { "ignore": ["A204"] } }),
    );
    assert_eq!(init["result"]["capabilities"]["positionEncoding"], "utf-8", "{init}");
    c.notify("initialized", json!({}));
    let uri = "file:///tmp/my 报告[2023].txt";
    c.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "plaintext", "version": 1, "text": faulty() } }),
    );
    let diags = c.diagnostics(uri);
    assert_eq!(codes(&diags), ["W302"], "A204 ignored by the options; published under the client's URI");
    let actions = c.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": uri }, "range": diags[0]["range"], "context": { "diagnostics": [] } }),
    );
    let edits = &actions["result"][0]["edit"]["changes"];
    assert!(edits.get(uri).is_some(), "the edit names the client's URI: {actions}");
    let bare = "file:///tmp/bare.txt";
    c.notify("textDocument/didOpen", json!({ "textDocument": { "uri": bare, "text": faulty() } }));
    assert_eq!(codes(&c.diagnostics(bare)), ["W302"]);
}
