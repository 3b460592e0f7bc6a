//! Property tests: reports generated from the seed's template with random
//! numbers that satisfy every sum of the format get no A-diagnostic; one
//! count changed gets one on that count's line; every layout and encoding of
//! a generated report reads to the same model.

use crate::common;

use ogilint::engine::{Document, Engine};
use ogilint::template::REQUEST_COLUMNS;
use proptest::prelude::*;
use std::collections::BTreeMap;

fn seed() -> String {
    String::from_utf8(common::corpus("seed/huaibin-luji_2024.txt")).expect("UTF-8")
}

/// Table 3 and table 4 values that satisfy the format's sums: per applicant
/// column, the outcome rows add up to （七）, and 一 + 二 = （七） + 四; the
/// total column adds the six applicants; each table-4 group its four results.
#[derive(Debug, Clone)]
struct Values {
    /// Per table-3 row id, seven values.
    requests: BTreeMap<&'static str, [u32; 7]>,
    review: [u32; 15],
}

fn leaves() -> Vec<&'static str> {
    ogilint::template::outcome_leaves(ogilint::template::Format::F2021).map(|r| r.id.as_str()).collect()
}

fn values() -> impl Strategy<Value = Values> {
    let n = leaves().len();
    (
        proptest::collection::vec(proptest::collection::vec(0u32..40, 6), n),
        proptest::collection::vec(0u32..20, 6),
        proptest::collection::vec(0u32..20, 6),
        proptest::collection::vec(0u32..30, 12),
    )
        .prop_map(|(leaf_values, carried, forward_extra, review)| {
            let mut requests: BTreeMap<&'static str, [u32; 7]> = BTreeMap::new();
            let with_total = |six: &[u32]| {
                let mut row = [0u32; 7];
                row[..6].copy_from_slice(six);
                row[6] = six.iter().sum();
                row
            };
            let mut outcome = [0u32; 6];
            for (id, six) in leaves().into_iter().zip(&leaf_values) {
                for (o, v) in outcome.iter_mut().zip(six) {
                    *o += v;
                }
                requests.insert(id, with_total(six));
            }
            // 一 + 二 = （七） + 四: carried over ≤ outcome + forward.
            let forward: Vec<u32> = forward_extra.clone();
            let carried: Vec<u32> =
                carried.iter().zip(outcome.iter().zip(&forward)).map(|(c, (o, f))| (*c).min(o + f)).collect();
            let new: Vec<u32> = (0..6).map(|i| outcome[i] + forward[i] - carried[i]).collect();
            requests.insert("outcome_total", with_total(&outcome));
            requests.insert("carried_forward", with_total(&forward));
            requests.insert("carried_over", with_total(&carried));
            requests.insert("new_received", with_total(&new));
            let mut r = [0u32; 15];
            for g in 0..3 {
                let four = &review[g * 4..g * 4 + 4];
                r[g * 5..g * 5 + 4].copy_from_slice(four);
                r[g * 5 + 4] = four.iter().sum();
            }
            Values { requests, review: r }
        })
}

/// The seed with its table-3 and table-4 zeros replaced by `v`, and where
/// each value now stands (its byte offset), by value id.
fn report(v: &Values) -> (String, BTreeMap<String, usize>) {
    let seed = seed();
    let parsed = common::parse_str(&seed);
    let mut edits: Vec<(usize, usize, String, String)> = Vec::new();
    let requests = parsed.report.requests.as_ref().expect("table 3");
    for row in &requests.rows {
        let Some(values) = v.requests.get(row.def.id.as_str()) else { continue };
        for (i, (col, cell)) in REQUEST_COLUMNS.iter().zip(&row.cells).enumerate() {
            let cell = cell.as_ref().expect("seed cell");
            edits.push((
                cell.span.start,
                cell.span.end,
                values[i].to_string(),
                format!("requests.{}.{}", row.def.id, col.id),
            ));
        }
    }
    let review = parsed.report.review.as_ref().expect("table 4");
    let mut k = 0;
    for row in &review.rows {
        for (col, cell) in row.def.columns.iter().zip(&row.cells) {
            let cell = cell.as_ref().expect("seed cell");
            edits.push((
                cell.span.start,
                cell.span.end,
                v.review[k].to_string(),
                format!("review.{}.{}", row.def.id, col.id),
            ));
            k += 1;
        }
    }
    edits.sort();
    let mut text = String::new();
    let mut at = 0;
    let mut places = BTreeMap::new();
    for (s, e, new, id) in edits {
        text.push_str(&seed[at..s]);
        places.insert(id, text.len());
        text.push_str(&new);
        at = e;
    }
    text.push_str(&seed[at..]);
    (text, places)
}

fn lint(text: &str) -> ogilint::engine::FileResult {
    Engine::default().lint(&Document::new("generated.txt", text.as_bytes()))
}

fn a_codes(r: &ogilint::engine::FileResult) -> Vec<&'static str> {
    r.diagnostics.iter().filter(|d| d.code.as_str().starts_with('A')).map(|d| d.code.as_str()).collect()
}

fn model(r: &ogilint::engine::FileResult) -> BTreeMap<String, String> {
    r.report().cells().map(|(id, c)| (id, format!("{:?}", c.value))).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn consistent_numbers_get_no_a_diagnostic(v in values()) {
        let (text, _) = report(&v);
        let r = lint(&text);
        prop_assert!(a_codes(&r).is_empty(), "{:?}", r.diagnostics);
        prop_assert_eq!(r.report().cells().count(), 200);
    }

    #[test]
    fn one_count_changed_gets_an_a_diagnostic_on_its_line(v in values(), pick in 0usize..190) {
        let (text, places) = report(&v);
        let (id, at) = places.iter().nth(pick % places.len()).map(|(k, v)| (k.clone(), *v)).expect("a place");
        // Add one to the count standing there.
        let end = at + text[at..].find(|c: char| !c.is_ascii_digit()).unwrap_or(text.len() - at);
        let n: u64 = text[at..end].parse().expect("a count");
        let changed = format!("{}{}{}", &text[..at], n + 1, &text[end..]);
        let r = lint(&changed);
        let line = r.lines.line_col(at).0;
        let on_line = r.diagnostics.iter().any(|d| {
            d.code.as_str().starts_with('A') && d.labels.iter().any(|l| r.lines.line_col(l.span.start).0 == line)
        });
        prop_assert!(on_line, "{} at line {}: {:?}", id, line, a_codes(&r));
    }

    #[test]
    fn every_layout_and_encoding_keeps_the_model(v in values()) {
        let (text, _) = report(&v);
        let reference = model(&lint(&text));
        // Pipes, one cell per line, CRLF, GB18030, UTF-16LE with a BOM.
        let pipes: String = text.lines().map(|l| if l.contains('\t') { format!("| {} |\n", l.replace('\t', " | ")) } else { format!("{l}\n") }).collect();
        let per_line = text.replace('\t', "\n");
        let crlf = text.replace('\n', "\r\n");
        for (name, variant) in [("pipes", pipes), ("one cell per line", per_line), ("crlf", crlf)] {
            prop_assert_eq!(&model(&lint(&variant)), &reference, "{}", name);
        }
        let (gbk, _, _) = encoding_rs::GB18030.encode(&text);
        let r = Engine::default().lint(&Document::new("gbk.txt", &gbk));
        prop_assert_eq!(&model(&r), &reference, "GB18030");
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let r = Engine::default().lint(&Document::new("utf16.txt", &utf16));
        prop_assert_eq!(&model(&r), &reference, "UTF-16LE");
    }
}
