//! A row label with one wrong, missing or extra character is still the row:
//! it keeps every value and gets W302 (non-standard label) on its own line,
//! never S105 (row missing) or S106 (unexpected row).

use crate::common;
use crate::common::Kind;

use ogilint::rules::Settings;

fn seed() -> String {
    String::from_utf8(common::corpus("seed/huaibin-luji_2024.txt")).expect("UTF-8 seed")
}

/// The seed's row labels of tables 2 and 3, as written: (byte range of the
/// label's words, its standard label).
fn labels(seed: &str) -> Vec<(usize, usize, &'static str)> {
    let parsed = common::parse_str(seed);
    let mut out = Vec::new();
    for table in [&parsed.report.active, &parsed.report.requests].into_iter().flatten() {
        for row in &table.rows {
            let (s, e) = (row.label_span.start, row.label_span.end);
            let written = &seed[s..e];
            // The words: after the enumerator and its mark, before a closing note.
            let skip = written
                .char_indices()
                .find(|(_, c)| {
                    !(c.is_ascii_digit() || matches!(c, '.' | '、' | ' ' | '(' | ')' | '（' | '）') || is_numeral(*c))
                })
                .map_or(0, |(i, _)| i);
            out.push((s + skip, e, row.def.label));
        }
    }
    out
}

fn is_numeral(c: char) -> bool {
    "一二三四五六七八".contains(c)
}

#[test]
fn one_character_off_in_any_label_is_w302_and_keeps_every_value() {
    let seed = seed();
    let reference = common::parse_str(&seed);
    let values: Vec<_> = reference.report.cells().map(|(id, c)| (id, c.value.clone())).collect();
    let mut cases = 0;
    let mut failures = Vec::new();
    for (s, e, standard) in labels(&seed) {
        let words: Vec<(usize, char)> = seed[s..e].char_indices().map(|(i, c)| (s + i, c)).collect();
        for &(at, c) in &words {
            if !('\u{4E00}'..='\u{9FFF}').contains(&c) {
                continue;
            }
            let next = at + c.len_utf8();
            let variants = [
                format!("{}{}", &seed[..at], &seed[next..]),   // deleted
                format!("{}某{}", &seed[..at], &seed[next..]), // changed
                format!("{}某{}", &seed[..at], &seed[at..]),   // inserted
            ];
            for text in variants {
                cases += 1;
                let (parsed, diags) = common::lint_bytes(text.as_bytes(), Kind::Auto, &Settings::default());
                let got: Vec<_> = parsed.report.cells().map(|(id, c)| (id, c.value.clone())).collect();
                let line = parsed.lines.line_col(at).0;
                let w302 = diags.iter().any(|d| {
                    d.code == "W302" && d.primary_span().is_some_and(|sp| parsed.lines.line_col(sp.start).0 == line)
                });
                let others: Vec<_> = diags.iter().filter(|d| d.code != "W302").map(|d| d.code.as_str()).collect();
                if got != values || !w302 || !others.is_empty() {
                    failures.push(format!(
                        "{standard} @{at}: values {} w302 {w302} others {others:?}",
                        if got == values { "kept" } else { "changed" }
                    ));
                }
            }
        }
    }
    assert!(cases > 500, "only {cases} cases");
    assert!(failures.is_empty(), "{} of {cases} cases fail:\n{}", failures.len(), failures.join("\n"));
}
