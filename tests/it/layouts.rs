//! Layout independence: the seed report rewritten in each layout that real
//! reports come in, and in each encoding, gives the identical model.

use crate::common;

use crate::common::{Kind, parse_bytes, parse_with};
use encoding_rs::GB18030;
use ogilint::decode::EncodingChoice;

fn seed() -> String {
    String::from_utf8(common::corpus("seed/huaibin-luji_2024.txt")).expect("seed is UTF-8")
}

/// The model without the fields that legitimately differ (encoding).
fn model(bytes: &[u8], encoding: EncodingChoice) -> serde_json::Value {
    let parsed = parse_with(bytes, Kind::Auto, encoding);
    assert!(
        parsed.diagnostics.is_empty(),
        "unexpected diagnostics: {:?}",
        parsed.diagnostics.iter().map(|d| &d.message).collect::<Vec<_>>()
    );
    let mut json = common::model_json(&parsed);
    if let Some(o) = json.as_object_mut() {
        o.remove("encoding");
        // Sections are compared by number and heading; lines move with the layout.
        if let Some(serde_json::Value::Array(sections)) = o.get_mut("sections") {
            for s in sections {
                if let Some(s) = s.as_object_mut() {
                    s.remove("line");
                }
            }
        }
        if let Some(p) = o.get_mut("period").and_then(|p| p.as_object_mut()) {
            p.remove("line");
        }
    }
    json
}

use common::relayout;

fn expected() -> serde_json::Value {
    model(seed().as_bytes(), EncodingChoice::Auto)
}

#[test]
fn the_seed_model_is_complete() {
    let m = expected();
    assert_eq!(m["title"], "淮滨县芦集乡人民政府 2024 年政府信息公开工作年度报告");
    assert_eq!(m["agency"], "淮滨县芦集乡人民政府");
    assert_eq!(m["year"], 2024);
    assert_eq!(m["format"], "2021");
    assert_eq!(m["sections"].as_array().map(Vec::len), Some(6));
    let parsed = parse_bytes(seed().as_bytes(), Kind::Auto);
    // 10 + 25 × 7 + 15 values, all read.
    assert_eq!(parsed.report.cells().count(), 10 + 175 + 15);
    assert!(parsed.report.cells().all(|(_, c)| c.int() == Some(0)));
}

#[test]
fn one_cell_per_line() {
    let text = relayout(&seed(), |cells| cells.iter().map(|c| c.trim()).collect::<Vec<_>>().join("\n"));
    assert_eq!(model(text.as_bytes(), EncodingChoice::Auto), expected());
}

#[test]
fn one_cell_per_line_with_pipes_and_blank_lines() {
    // HTML stripped with ` |` after each cell and a blank line between cells.
    let text = relayout(&seed(), |cells| {
        cells
            .iter()
            .filter(|c| !c.trim().is_empty())
            .map(|c| format!("{} |", c.trim()))
            .collect::<Vec<_>>()
            .join("\n\n")
    });
    assert_eq!(model(text.as_bytes(), EncodingChoice::Auto), expected());
}

#[test]
fn lone_pipe_lines_between_cells() {
    let text = relayout(&seed(), |cells| {
        cells.iter().filter(|c| !c.trim().is_empty()).map(|c| c.trim().to_string()).collect::<Vec<_>>().join("\n|\n")
    });
    assert_eq!(model(text.as_bytes(), EncodingChoice::Auto), expected());
}

#[test]
fn markdown_pipe_tables() {
    let mut first = true;
    let text = relayout(&seed(), |cells| {
        let row = format!("| {} |", cells.iter().map(|c| c.trim()).collect::<Vec<_>>().join(" | "));
        if std::mem::take(&mut first) { format!("{row}\n|{}", "---|".repeat(cells.len())) } else { row }
    });
    assert_eq!(model(text.as_bytes(), EncodingChoice::Auto), expected());
}

#[test]
fn space_separated_pdf_text() {
    let text = relayout(&seed(), |cells| {
        cells.iter().map(|c| c.trim()).filter(|c| !c.is_empty()).collect::<Vec<_>>().join(" ")
    });
    assert_eq!(model(text.as_bytes(), EncodingChoice::Auto), expected());
}

#[test]
fn glued_cells_with_every_tab_removed() {
    let text = seed().replace('\t', "");
    let parsed = parse_bytes(text.as_bytes(), Kind::Auto);
    assert!(parsed.report.cells().any(|(_, c)| c.recovered), "values come from the splitter");
    assert_eq!(model(text.as_bytes(), EncodingChoice::Auto), expected());
}

#[test]
fn gb18030() {
    let text = seed();
    let (bytes, _, _) = GB18030.encode(&text);
    let parsed = parse_bytes(&bytes, Kind::Auto);
    assert_eq!(parsed.report.encoding, "GB18030");
    assert_eq!(model(&bytes, EncodingChoice::Auto), expected());
    assert_eq!(model(&bytes, EncodingChoice::Gb18030), expected());
}

fn utf16(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
    let mut out = Vec::new();
    if bom {
        out.extend_from_slice(if big_endian { &[0xFE, 0xFF] } else { &[0xFF, 0xFE] });
    }
    for u in text.encode_utf16() {
        out.extend_from_slice(&if big_endian { u.to_be_bytes() } else { u.to_le_bytes() });
    }
    out
}

#[test]
fn utf16_le_and_be() {
    let le = utf16(&seed(), false, true);
    assert_eq!(parse_bytes(&le, Kind::Auto).report.encoding, "UTF-16LE");
    assert_eq!(model(&le, EncodingChoice::Auto), expected());
    let be = utf16(&seed(), true, true);
    assert_eq!(parse_bytes(&be, Kind::Auto).report.encoding, "UTF-16BE");
    assert_eq!(model(&be, EncodingChoice::Auto), expected());
}

#[test]
fn full_width_digits_and_crlf() {
    let text = seed()
        .chars()
        .map(|c| if c.is_ascii_digit() { char::from_u32(c as u32 + 0xFEE0).unwrap_or(c) } else { c })
        .collect::<String>()
        .replace('\n', "\r\n");
    assert_eq!(model(text.as_bytes(), EncodingChoice::Auto), expected());
}

#[test]
fn spans_point_at_the_values_in_every_layout() {
    let text = relayout(&seed(), |cells| cells.iter().map(|c| c.trim()).collect::<Vec<_>>().join("\n"));
    let parsed = parse_bytes(text.as_bytes(), Kind::Auto);
    for (id, cell) in parsed.report.cells() {
        assert_eq!(&parsed.text[cell.span.start..cell.span.end], cell.raw, "{id}");
    }
}

/// The seed with distinct, consistent numbers in place of its zeros, so that a
/// value placed in the wrong cell cannot go unnoticed.
fn numbered_seed() -> String {
    // Table 3: 21 leaves of 6 applicant columns, the rest derived from the sums.
    let leaves: Vec<[i64; 6]> = (0..21).map(|r| std::array::from_fn(|c| ((r * 7 + c * 3) % 5) as i64)).collect();
    let outcome: [i64; 6] = std::array::from_fn(|c| leaves.iter().map(|l| l[c]).sum());
    let carried: [i64; 6] = std::array::from_fn(|c| (c % 3) as i64);
    let forward: [i64; 6] = std::array::from_fn(|c| ((c + 1) % 2) as i64);
    let new: [i64; 6] = std::array::from_fn(|c| outcome[c] + forward[c] - carried[c]);
    let mut rows3: Vec<[i64; 6]> = vec![new, carried];
    rows3.extend(leaves);
    rows3.push(outcome);
    rows3.push(forward);
    let mut t3 = rows3.iter().map(|r| {
        let mut v: Vec<i64> = r.to_vec();
        v.push(r.iter().sum());
        v
    });
    let t2 = [["1", "2", "3"], ["4", "5", "6"]];
    let singles = ["7", "8", "9", "3.5"];
    let t4 = ["2", "1", "0", "3", "6", "1", "0", "2", "0", "3", "0", "4", "1", "1", "6"];
    let (mut i2, mut s2) = (0, 0);
    let mut out = Vec::new();
    let mut section = 0;
    for line in seed().lines() {
        if line.starts_with("二、主动") {
            section = 2;
        } else if line.starts_with("三、收到") {
            section = 3;
        } else if line.starts_with("四、政府") {
            section = 4;
        } else if line.starts_with("五、存在") {
            section = 5;
        }
        let cells: Vec<&str> = line.split('\t').collect();
        if !line.contains('\t') || !cells.contains(&"0") {
            out.push(line.to_string());
            continue;
        }
        let values: Vec<String> = match section {
            2 if cells.iter().filter(|c| **c == "0").count() == 3 => {
                i2 += 1;
                t2[i2 - 1].iter().map(|s| s.to_string()).collect()
            }
            2 => {
                s2 += 1;
                vec![singles[s2 - 1].to_string()]
            }
            3 => t3.next().map(|v| v.iter().map(|n| n.to_string()).collect()).unwrap_or_default(),
            _ => t4.iter().map(|s| s.to_string()).collect(),
        };
        let mut it = values.into_iter();
        let rewritten: Vec<String> = cells
            .iter()
            .map(|c| if *c == "0" { it.next().unwrap_or_else(|| "0".into()) } else { c.to_string() })
            .collect();
        out.push(rewritten.join("\t"));
    }
    out.join("\n")
}

#[test]
fn numbered_seed_in_every_layout() {
    let text = numbered_seed();
    let base = model(text.as_bytes(), EncodingChoice::Auto);
    assert_eq!(base["active"]["normative_documents"]["in_force"], 6);
    assert_eq!(base["active"]["fees"], 3.5);
    assert_eq!(base["review"]["litigation_after_reconsideration"]["upheld"], 0);
    assert_eq!(base["review"]["litigation_after_reconsideration"]["corrected"], 4);
    assert_eq!(base["requests"]["denied"]["state_secret"]["commercial"], ((2 * 7 + 3) % 5));
    // The layouts the fix round trip uses too (tests/common).
    let layouts = common::layouts(&text);
    assert_eq!(layouts.len(), 7);
    for (name, variant) in layouts {
        assert_eq!(model(variant.as_bytes(), EncodingChoice::Auto), base, "layout: {name}");
    }
}

/// Cells as some real reports write them: a Chinese numeral (`三`) in a cell
/// of its own is that number, not a blank cell; a 2019 本年增/减 cell written
/// as its increase and decrease in brackets (`+(3) -(1)`) is one value, their
/// sum, not glued digits that drop the row.
#[test]
fn chinese_numerals_and_bracketed_changes_are_values() {
    let seed = seed();
    let row = seed.lines().find(|l| l.starts_with("一、本年新收")).expect("row");
    let with_numeral = seed.replacen(row, &row.replacen("\t\t0\t", "\t\t三\t", 1), 1);
    let parsed = parse_bytes(with_numeral.as_bytes(), Kind::Auto);
    let cells: std::collections::BTreeMap<String, Option<i64>> =
        parsed.report.cells().map(|(id, c)| (id, c.int())).collect();
    assert_eq!(cells.get("requests.new_received.natural_person"), Some(&Some(3)), "{cells:?}");

    let excerpt = String::from_utf8(common::corpus("excerpts/ankang_shiju_2019.txt")).expect("UTF-8");
    let before = "行政许可\n|\n0\n|\n0\n";
    assert!(excerpt.contains(before));
    for (written, sum) in [("+(3) -(1)", 2), ("+(0) -(0)", 0), ("+（2）", 2)] {
        let text = excerpt.replacen(before, &format!("行政许可\n|\n0\n|\n{written}\n"), 1);
        let parsed = parse_bytes(text.as_bytes(), Kind::Auto);
        let cells: std::collections::BTreeMap<String, Option<i64>> =
            parsed.report.cells().map(|(id, c)| (id, c.int())).collect();
        assert_eq!(cells.get("active_2019.licensing.change"), Some(&Some(sum)), "{written}: {cells:?}");
        assert!(!parsed.diagnostics.iter().any(|d| d.code == "S107" || d.code == "S109"), "{written}");
    }
}
