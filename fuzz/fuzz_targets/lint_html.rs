//! Any bytes, read as an HTML page, through the whole pipeline.
#![no_main]

#[path = "common.rs"]
mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    common::lint_and_render(data, ogilint::engine::Kind::Html);
});
