//! Times each stage of the pipeline on one file (a development aid):
//! `cargo run --release --example stages -- FILE`. The stages inside the
//! parser are private to the library; `perf` splits them (docs/speed.md).
use std::time::Instant;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: stages FILE");
        return;
    };
    let bytes = std::fs::read(&path).unwrap_or_default();
    let t = Instant::now();
    let decoded = ogilint::decode::decode(&bytes, ogilint::decode::EncodingChoice::Auto);
    let t_decode = t.elapsed();
    let t = Instant::now();
    let norm = ogilint::normalize::normalize(&decoded.text);
    let t_norm = t.elapsed();
    let engine = ogilint::engine::Engine::default();
    let t = Instant::now();
    let parsed = engine.read(&ogilint::engine::Document::new("bench", &bytes));
    let t_all = t.elapsed();
    let t = Instant::now();
    let diagnostics = engine.check(&parsed);
    let t_rules = t.elapsed();
    println!(
        "{} bytes ({} lines): decode {t_decode:?}, normalize {t_norm:?}, whole read {t_all:?} ({} sections, {} values), rules {t_rules:?} ({} diagnostics)",
        bytes.len(),
        norm.text.lines().count(),
        parsed.report.sections.len(),
        parsed.report.cells().count(),
        diagnostics.len()
    );
}
