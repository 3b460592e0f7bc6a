//! Any bytes after a PDF header, through the PDF reader and the whole
//! pipeline (seed the corpus with `corpus/pdf/*.pdf` and
//! `tests/fixtures/office/*.pdf`).
#![no_main]

#[path = "common.rs"]
mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let mut bytes = Vec::with_capacity(data.len() + 9);
    if !data.starts_with(b"%PDF-") {
        bytes.extend_from_slice(b"%PDF-1.7\n");
    }
    bytes.extend_from_slice(data);
    common::lint_and_render(&bytes, ogilint::engine::Kind::Auto);
});
