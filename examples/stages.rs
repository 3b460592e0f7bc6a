//! Times each stage of the pipeline on one file (a development aid):
//! `cargo run --release --example stages -- FILE`.
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
    let t = Instant::now();
    let outline = ogilint::parse::grammar::outline(&norm.text);
    let t_outline = t.elapsed();
    let t = Instant::now();
    let sections = ogilint::parse::sections::find_sections(&norm.text, &outline);
    let t_sections = t.elapsed();
    let t = Instant::now();
    let parsed = ogilint::engine::Engine::default().read(&ogilint::engine::Document::new("bench", &bytes));
    let t_all = t.elapsed();
    println!(
        "{} bytes: decode {t_decode:?}, normalize {t_norm:?}, outline {t_outline:?} ({} lines), sections {t_sections:?} ({}), whole parse {t_all:?} ({} values)",
        bytes.len(),
        outline.len(),
        sections.len(),
        parsed.report.cells().count()
    );
}
