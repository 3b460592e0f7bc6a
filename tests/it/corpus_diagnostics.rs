//! The diagnostics of every real report of the corpus, kept as a snapshot:
//! each line was checked by hand against the report (see corpus/README.md),
//! and any change of behaviour on real reports shows up in review.

use crate::common;
use crate::common::Kind;

use ogilint::diagnostic::Lang;
use ogilint::render::{self, FileReport};
use ogilint::rules::Settings;

fn concise_for(dir: &str) -> String {
    let mut out = String::new();
    for path in common::files_in(dir) {
        let bytes = std::fs::read(&path).expect("corpus file");
        let (parsed, diags) = common::lint_bytes(&bytes, Kind::Auto, &Settings::default());
        let name = format!("{dir}/{}", path.file_name().and_then(|n| n.to_str()).unwrap_or(""));
        let diags = parsed.display_diagnostics(diags);
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
fn pdf_texts() {
    insta::assert_snapshot!("pdf", concise_for("pdf"));
}

/// Both texts of a PDF report read into the same values: every value the
/// default text gives is the one the `-layout` text gives, and the layout
/// text (rows on lines) gives every value of the three tables.
#[test]
fn pdf_texts_agree() {
    for name in ["huaian_shizhengfu_2024", "huaian-hongze_quzhengfu_2023", "huaian-hongze_quzhengfu_2024"] {
        let read = |file: String| {
            let bytes = common::corpus(&format!("pdf/{file}"));
            let parsed = common::parse_bytes(&bytes, Kind::Auto);
            parsed.report.cells().map(|(id, c)| (id, c.raw.clone())).collect::<std::collections::BTreeMap<_, _>>()
        };
        let (plain, layout) = (read(format!("{name}.txt")), read(format!("{name}_layout.txt")));
        for (id, raw) in &plain {
            assert_eq!(layout.get(id), Some(raw), "{name}: {id}");
        }
        // 10 values of table 2, 23 rows of 7 in table 3 (25 in the 2021
        // format; 洪泽 keeps the 2019 format's undivided （六）), 15 in table 4.
        assert!(layout.len() >= 10 + 23 * 7 + 15, "{name}: {} values", layout.len());
    }
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
