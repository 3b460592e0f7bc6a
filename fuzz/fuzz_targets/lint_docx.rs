//! Any bytes as the main part of a Word document (`word/document.xml` in a
//! zip), through the .docx reader and the whole pipeline; and any bytes as
//! the zip itself.
#![no_main]

#[path = "common.rs"]
mod common;

use std::io::Write;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    if zip.start_file("word/document.xml", options).is_ok() && zip.write_all(data).is_ok() {
        if let Ok(cursor) = zip.finish() {
            common::lint_and_render(&cursor.into_inner(), ogilint::engine::Kind::Auto);
        }
    }
    let mut raw = b"PK\x03\x04".to_vec();
    raw.extend_from_slice(data);
    common::lint_and_render(&raw, ogilint::engine::Kind::Auto);
});
