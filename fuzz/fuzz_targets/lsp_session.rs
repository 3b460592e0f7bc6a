//! The language server's whole message loop on any bytes a client could
//! send: framing (bad or missing lengths, glued headers, bodies that are no
//! JSON), the lifecycle, and every handler on whatever documents and edits
//! the messages make. A valid `initialize` comes first, so that the input
//! reaches the handlers; every session must end without a panic or a hang.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let init = br#"{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"capabilities":{}}}"#;
    let mut input = format!("Content-Length: {}\r\n\r\n", init.len()).into_bytes();
    input.extend_from_slice(init);
    input.extend_from_slice(data);
    let _ = ogilint::lsp::session(&input, ogilint::diagnostic::Lang::En);
});
