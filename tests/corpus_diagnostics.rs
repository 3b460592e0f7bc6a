//! The diagnostics of every real report of the corpus, kept as a snapshot:
//! each line was checked by hand against the report (see corpus/README.md),
//! and any change of behaviour on real reports shows up in review.

mod common;

use ogilint::diagnostic::Lang;
use ogilint::render::{self, FileReport};
use ogilint::rules::{self, Settings};

fn concise_for(dir: &str) -> String {
    let mut out = String::new();
    for path in common::files_in(dir) {
        let bytes = std::fs::read(&path).expect("corpus file");
        let (parsed, diags) = rules::lint_bytes(&bytes, ogilint::Options::default(), &Settings::default());
        let name = format!("{dir}/{}", path.file_name().and_then(|n| n.to_str()).unwrap_or(""));
        let diags = parsed.display_diagnostics(&diags);
        let (text, lines) = parsed.display();
        let file = FileReport { name: &name, text, lines, diagnostics: &diags };
        out.push_str(&render::concise(&file, Lang::En));
    }
    out
}

#[test]
fn seed_and_real_reports() {
    insta::assert_snapshot!("seed", concise_for("seed"));
    insta::assert_snapshot!("real", concise_for("real"));
}

#[test]
fn html_pages() {
    insta::assert_snapshot!("html", concise_for("html"));
}

#[test]
fn excerpts() {
    insta::assert_snapshot!("excerpts", concise_for("excerpts"));
}

#[test]
fn the_seed_has_no_diagnostic_at_all() {
    assert_eq!(concise_for("seed"), "");
}

#[test]
fn pingtan_2023_prose_contradicts_its_table_2() {
    let out = concise_for("real");
    assert!(out.lines().any(|l| l.starts_with("real/pingtan_2023.txt")
        && l.contains("A207")
        && l.contains("393")
        && l.contains("470")));
}
