//! Glued cells on real crawls: the enumerator of the next label, and
//! published arithmetic errors that the splitter must keep.

use crate::common;
use ogilint::template::{RowId, col, row};

use crate::common::{Kind, parse_bytes, parse_str};
use ogilint::rules::Settings;

fn pingtan_2023() -> String {
    String::from_utf8(common::corpus("real/pingtan_2023.txt")).unwrap_or_default()
}

fn row(parsed: &ogilint::Parsed, id: RowId) -> Vec<Option<i64>> {
    let t = parsed.report.requests.as_ref().expect("table 3");
    t.row(id).map(|r| r.cells.iter().map(|c| c.as_ref().and_then(|c| c.int())).collect()).unwrap_or_default()
}

#[test]
fn the_next_labels_enumerator_is_not_swallowed() {
    // `…相关政府信息3100000312.没有现成…`: 31|0|0|0|0|0|31, and `2.` starts the next row.
    let parsed = parse_bytes(&common::corpus("real/pingtan_2023.txt"), Kind::Auto);
    assert_eq!(row(&parsed, row::UNABLE_NOT_HELD), [31, 0, 0, 0, 0, 0, 31].map(Some));
    let t = parsed.report.requests.as_ref().expect("table 3");
    assert!(t.row(row::UNABLE_NEEDS_CREATION).is_some_and(|r| r.label.starts_with('2')));
    assert!(t.row(row::UNABLE_NOT_HELD).and_then(|r| r.cell(col::TOTAL)).is_some_and(|c| c.recovered));
}

#[test]
fn a_wrong_outcome_total_is_read_as_published_and_reported() {
    // The publisher's （七）总计 says 81 natural persons where the rows give 80.
    let text = pingtan_2023().replace("（七）总计801000081", "（七）总计811000082");
    let parsed = parse_str(&text);
    assert_eq!(row(&parsed, row::OUTCOME_TOTAL), [81, 1, 0, 0, 0, 0, 82].map(Some));
    let diags = common::check(&parsed, &Settings::default());
    assert!(diags.iter().any(|d| d.code == "A202" && d.message.en.contains("says 81")), "{diags:?}");
}

#[test]
fn a_row_whose_own_total_is_wrong_keeps_its_digits() {
    // 一、本年新收: 80 + 1 published with a total of 82. No split adds up; the
    // column sums choose 80|1|0|0|0|0|82, and A201 reports the row.
    let text = pingtan_2023().replace("本年新收政府信息公开申请数量801000081", "本年新收政府信息公开申请数量801000082");
    let parsed = parse_str(&text);
    assert_eq!(row(&parsed, row::NEW_RECEIVED), [80, 1, 0, 0, 0, 0, 82].map(Some));
    let diags = common::check(&parsed, &Settings::default());
    assert!(diags.iter().any(|d| d.code == "A201"), "{diags:?}");
}

#[test]
fn ambiguity_is_shown_not_guessed() {
    let parsed = parse_str(&pingtan_2023());
    let t = parsed.report.active.as_ref().expect("table 2");
    let r = t.row(row::NORMATIVE_DOCUMENTS).expect("row");
    assert!(r.cells.iter().all(Option::is_none));
    assert_eq!(r.readings.len(), 21);
    assert!(parsed.diagnostics.iter().any(|d| d.code == "S109" && d.notes[0].en.contains("77|132|470")));
}

#[test]
fn a_fee_of_zero_glued_to_the_year_of_the_next_sentence_is_zero() {
    // `行政事业性收费02025年，我局…`: the cell is 0 and the year starts the prose;
    // never a fee of 2025.
    let text = pingtan_2023().replacen("行政事业性收费5949.088667", "行政事业性收费02025年，我局全年未收费。", 1);
    let parsed = parse_str(&text);
    let fees = parsed.report.active.as_ref().and_then(|t| t.cell(row::FEES, col::SINGLE)).expect("fee cell");
    assert_eq!((fees.raw.as_str(), fees.recovered), ("0", true));
}

#[test]
fn a_glued_label_with_a_wrong_character_keeps_its_enumerator_and_values() {
    // `…00000007.属于行政执法案件1000001`: 案件 for 案卷. The rows before and after
    // keep their values, the row is W302 and keeps its own.
    let text = pingtan_2023().replacen("属于行政执法案卷", "属于行政执法案件", 1);
    let (parsed, diags) = common::lint_bytes(text.as_bytes(), Kind::Auto, &Settings::default());
    assert_eq!(row(&parsed, row::DENIED_PROCESS_INFORMATION), [1, 0, 0, 0, 0, 0, 1].map(Some));
    assert_eq!(row(&parsed, row::DENIED_ENFORCEMENT_FILES), [1, 0, 0, 0, 0, 0, 1].map(Some));
    assert!(diags.iter().any(|d| d.code == "W302" && d.message.en.contains("7.属于行政执法案件")), "{diags:?}");
    assert!(!diags.iter().any(|d| matches!(d.code.as_str(), "S105" | "S106" | "S107")), "{diags:?}");
}

#[test]
fn table_4_whose_heading_runs_into_a_sentence_is_found() {
    // Heading, a sentence, the header words and fifteen zeros, all glued.
    let text = pingtan_2023()
        .replacen(
            "行政诉讼情况行政复议行政诉讼",
            "行政诉讼情况本年度未发生因政府信息公开引起的行政复议、行政诉讼。行政复议行政诉讼",
            1,
        )
        .replacen("总计110024001510102", "总计000000000000000", 1);
    let parsed = parse_str(&text);
    let review = parsed.report.review.as_ref().expect("table 4");
    assert!(review.rows.iter().all(|r| r.cells.iter().all(|c| c.as_ref().and_then(|c| c.int()) == Some(0))));
}
