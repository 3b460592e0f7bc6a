//! HTML input: the real pages of the corpus, the seed rebuilt as HTML with
//! the official template's rowspan/colspan (UTF-8 and GBK), and pages that
//! are broken or huge.

use crate::common;
use ogilint::template::{col, row};

use crate::common::{Kind, parse_bytes};
use encoding_rs::GB18030;
use ogilint::template::{self, ACTIVE, REQUESTS, REVIEW};

fn html_options() -> Kind {
    Kind::Html
}

/// The model JSON without the fields that differ between a page and a text
/// (encoding, line numbers).
fn values(parsed: &ogilint::Parsed) -> serde_json::Value {
    let mut json = parsed.report.to_json(None, &parsed.lines);
    if let Some(o) = json.as_object_mut() {
        o.remove("encoding");
        o.remove("sections");
        o.remove("period");
    }
    json
}

/// Every value of `text` that is known is the same in `html`.
fn assert_same_values(html: &serde_json::Value, text: &serde_json::Value, path: &str) {
    match (html, text) {
        (serde_json::Value::Object(h), serde_json::Value::Object(t)) => {
            for (k, tv) in t {
                let hv = h.get(k).unwrap_or_else(|| panic!("{path}.{k}: in the text, not in the page"));
                assert_same_values(hv, tv, &format!("{path}.{k}"));
            }
        }
        (h, t) => assert_eq!(h, t, "{path}"),
    }
}

#[test]
fn real_pages_give_the_values_of_their_crawled_text() {
    for (page, text) in [("pingtan_2023", "pingtan_2023"), ("pingtan_2025", "pingtan_2025")] {
        let p = parse_bytes(&common::corpus(&format!("html/{page}.html")), html_options());
        let t = parse_bytes(&common::corpus(&format!("real/{text}.txt")), Kind::Auto);
        let (pv, tv) = (values(&p), values(&t));
        for table in ["active", "requests", "review"] {
            assert_same_values(&pv[table], &tv[table], table);
        }
        // The page settles what the glued text could not.
        assert!(pv["active"]["normative_documents"]["in_force"].is_number(), "{page}");
        assert_eq!(p.report.cells().count(), 200, "{page}: every value of the three tables");
    }
}

#[test]
fn html_snapshots() {
    for path in std::fs::read_dir(common::root().join("corpus/html")).expect("corpus/html").flatten().map(|e| e.path())
    {
        if path.extension().and_then(|e| e.to_str()) != Some("html") {
            continue;
        }
        let parsed = parse_bytes(&std::fs::read(&path).expect("page"), Kind::Auto);
        assert!(parsed.html.is_some(), "{} is sniffed as HTML", path.display());
        let name = format!("html/{}", path.file_name().and_then(|n| n.to_str()).unwrap_or(""));
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_suffix(common::file_stem(&path));
        settings.set_prepend_module_to_snapshot(false);
        settings.bind(|| insta::assert_snapshot!("html", common::describe_display(&name, &parsed)));
    }
}

#[test]
fn spans_point_into_the_page() {
    let bytes = common::corpus("html/pingtan_2023.html");
    let parsed = parse_bytes(&bytes, html_options());
    let (page, _) = parsed.display();
    let report = parsed.display_report();
    for (id, cell) in report.cells() {
        let shown = &page[cell.span.start..cell.span.end];
        assert_eq!(shown, cell.raw, "{id}");
    }
    for s in &report.sections {
        assert!(page[s.span.start..].starts_with(&s.heading[..3]), "{}", s.heading);
    }
}

/// The seed's tables rebuilt as the official template lays them out.
fn template_html(values: &mut dyn Iterator<Item = String>, prose: &str) -> String {
    let mut h = String::from("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>page</title></head><body>");
    h.push_str("<div class=\"nav\">首页 &gt; 政府信息公开 0 1 2</div><div class=\"article\">");
    let mut sections = prose.split("\n\n");
    let mut para = |h: &mut String, until: &str| {
        for block in sections.by_ref() {
            let stop = block.trim_start().starts_with(until);
            h.push_str(&format!("<p>{}</p>\n", block.replace('\n', "<br>")));
            if stop {
                break;
            }
        }
    };
    let cell = |attrs: &str, text: &str| format!("<td {attrs}><p><span>{text}</span></p></td>");
    para(&mut h, &template::SECTIONS[1].heading[..6]);
    // Table 2.
    h.push_str("<table border=1>");
    let mut block = None;
    for row in ACTIVE.rows {
        if row.block != block {
            block = row.block;
            h.push_str(&format!("<tr>{}</tr>", cell("colspan=\"4\"", row.block.unwrap_or(""))));
            let cols: String = row
                .columns
                .iter()
                .map(|c| cell(if row.columns.len() == 1 { "colspan=\"3\"" } else { "" }, c.label))
                .collect();
            h.push_str(&format!("<tr>{}{cols}</tr>", cell("", template::CONTENT_HEADER)));
        }
        let span = if row.columns.len() == 1 { "colspan=\"3\"" } else { "" };
        let vals: String = row.columns.iter().map(|_| cell(span, &values.next().unwrap_or_default())).collect();
        h.push_str(&format!("<tr>{}{vals}</tr>", cell("", row.label)));
    }
    h.push_str("</table>");
    para(&mut h, &template::SECTIONS[2].heading[..6]);
    // Table 3: the corner note, 申请人情况 over seven columns, 法人或其他组织 over five.
    h.push_str("<table border=1><tr>");
    h.push_str(&cell("colspan=\"3\" rowspan=\"3\"", template::REQUESTS_NOTE));
    h.push_str(&cell("colspan=\"7\"", REQUESTS.header_labels[1]));
    h.push_str("</tr><tr>");
    h.push_str(&cell("rowspan=\"2\"", template::REQUEST_COLUMNS[0].label));
    h.push_str(&cell("colspan=\"5\"", REQUESTS.header_labels[3]));
    h.push_str(&cell("rowspan=\"2\"", template::REQUEST_COLUMNS[6].label));
    h.push_str("</tr><tr>");
    for c in &template::REQUEST_COLUMNS[1..6] {
        h.push_str(&cell("", c.label));
    }
    h.push_str("</tr>");
    let rows: Vec<_> = REQUESTS.rows.iter().filter(|r| r.formats.contains(&template::Format::F2021)).collect();
    let mut group = None;
    for (i, row) in rows.iter().enumerate() {
        h.push_str("<tr>");
        let vals: String = row.columns.iter().map(|_| cell("", &values.next().unwrap_or_default())).collect();
        match row.group {
            None => h.push_str(&cell("colspan=\"3\"", row.label)),
            Some(g) => {
                if i == 2 {
                    h.push_str(&cell("rowspan=\"22\"", template::REQUESTS_RESULTS));
                }
                if g == template::REQUESTS_RESULTS {
                    h.push_str(&cell("colspan=\"2\"", row.label));
                } else {
                    if group != Some(g) {
                        let n = rows.iter().filter(|r| r.group == Some(g)).count();
                        h.push_str(&cell(&format!("rowspan=\"{n}\""), g));
                    }
                    h.push_str(&cell("", row.label));
                }
            }
        }
        group = row.group;
        h.push_str(&vals);
        h.push_str("</tr>");
    }
    h.push_str("</table>");
    para(&mut h, &template::SECTIONS[3].heading[..6]);
    // Table 4: 行政复议 over five columns, 行政诉讼 over ten.
    h.push_str("<table border=1><tr>");
    h.push_str(&cell("colspan=\"5\"", REVIEW.header_labels[0]));
    h.push_str(&cell("colspan=\"10\"", REVIEW.header_labels[1]));
    h.push_str("</tr><tr>");
    for c in template::REVIEW_COLUMNS {
        h.push_str(&cell("rowspan=\"2\"", c.label));
    }
    h.push_str(&cell("colspan=\"5\"", REVIEW.header_labels[2]));
    h.push_str(&cell("colspan=\"5\"", REVIEW.header_labels[3]));
    h.push_str("</tr><tr>");
    for _ in 0..2 {
        for c in template::REVIEW_COLUMNS {
            h.push_str(&cell("", c.label));
        }
    }
    h.push_str("</tr><tr>");
    for _ in 0..15 {
        h.push_str(&cell("", &values.next().unwrap_or_default()));
    }
    h.push_str("</tr></table>");
    for block in sections {
        h.push_str(&format!("<p>{}</p>\n", block.replace('\n', "<br>")));
    }
    h.push_str("</div><div class=\"footer\">版权所有 2024</div></body></html>");
    h
}

/// The seed's prose (everything but its tables).
fn seed_prose() -> String {
    let seed = String::from_utf8(common::corpus("seed/huaibin-luji_2024.txt")).unwrap_or_default();
    seed.lines()
        .filter(|l| !l.contains('\t') && !l.chars().all(|c| c.is_ascii_digit() || c.is_whitespace()) || l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_seed_as_an_official_html_template_in_utf8_and_gbk() {
    let seed = parse_bytes(&common::corpus("seed/huaibin-luji_2024.txt"), Kind::Auto);
    let mut zeros = std::iter::repeat_with(|| "0".to_string());
    let page = template_html(&mut zeros, &seed_prose());
    let from_html = parse_bytes(page.as_bytes(), Kind::Auto);
    assert!(from_html.html.is_some());
    assert_eq!(values(&from_html), values(&seed));
    let gbk = GB18030.encode(&page.replace("charset=\"utf-8\"", "charset=\"gbk\"")).0.into_owned();
    let from_gbk = parse_bytes(&gbk, Kind::Auto);
    assert_eq!(from_gbk.report.encoding, "GB18030");
    assert_eq!(values(&from_gbk), values(&seed));
}

#[test]
fn distinct_numbers_land_in_their_cells() {
    let mut n = 0;
    let mut numbers = std::iter::repeat_with(move || {
        n += 1;
        n.to_string()
    });
    let page = template_html(&mut numbers, &seed_prose());
    let parsed = parse_bytes(page.as_bytes(), Kind::Auto);
    let t = parsed.report.requests.as_ref().expect("table 3");
    assert_eq!(t.cell(row::NEW_RECEIVED, col::NATURAL_PERSON).and_then(|c| c.int()), Some(11));
    assert_eq!(t.cell(row::CARRIED_FORWARD, col::TOTAL).and_then(|c| c.int()), Some(10 + 25 * 7));
    assert_eq!(
        parsed
            .report
            .review
            .as_ref()
            .and_then(|r| r.cell(row::LITIGATION_AFTER_RECONSIDERATION, col::TOTAL))
            .and_then(|c| c.int()),
        Some(10 + 175 + 15)
    );
    assert_eq!(
        parsed.report.active.as_ref().and_then(|a| a.cell(row::FEES, col::SINGLE)).and_then(|c| c.int()),
        Some(10)
    );
    assert_eq!(parsed.report.cells().count(), 200);
}

#[test]
fn broken_and_huge_pages() {
    // Unclosed and mis-nested tags.
    let broken = "<html><body><p>一、总体情况<div><table><tr><td>规章<td>1<td>2</tr><p>二、主动公开政府信息情况<b><i>x</b></i><table><tr><td>";
    let p = parse_bytes(broken.as_bytes(), html_options());
    assert!(!p.report.sections.is_empty());
    // 10 000 nested <div>s.
    let deep = format!("<html><body>{}一、总体情况{}</body></html>", "<div>".repeat(10_000), "</div>".repeat(10_000));
    let p = parse_bytes(deep.as_bytes(), html_options());
    assert_eq!(p.report.sections.len(), 1);
    // 45 000 (5.7 s before: the tree builder's scope checks are quadratic):
    // refused at once with I001.
    let deeper = format!("<html><body>{}一、总体情况{}</body></html>", "<div>".repeat(45_000), "</div>".repeat(45_000));
    let p = parse_bytes(deeper.as_bytes(), html_options());
    assert!(p.diagnostics.iter().any(|d| d.code == "I001" && d.message.en.contains("deep")));
    // Nested tables beyond any sense.
    let tables =
        format!("<html><body>{}0{}</body></html>", "<table><tr><td>".repeat(300), "</td></tr></table>".repeat(300));
    let _ = parse_bytes(tables.as_bytes(), html_options());
    // A 4 MB page of 100,000 rows: read to the end, every row kept. (It
    // was 50 MB, 46 s of every `cargo test` in a debug build; a step that
    // grew faster than the page would show at this size too.)
    let row = "<tr><td>行政许可</td><td>1</td></tr>";
    let rows = 4 * 1024 * 1024 / row.len();
    let huge = format!("<html><body><table>{}</table></body></html>", row.repeat(rows));
    let p = parse_bytes(huge.as_bytes(), html_options());
    assert_eq!(p.text.matches("行政许可").count(), rows);
    let _ = p.report.to_json(None, &p.lines);
}

/// Table 4 in a page whose blank cells are `&nbsp;`, the last ones too (as
/// the 2019 page of 上海市政府办公厅 prints it): every cell keeps its column,
/// the blanks are C403, no row is "malformed".
#[test]
fn blank_cells_at_the_end_of_a_table_4_row_keep_their_columns() {
    let cell = |v: &str| if v.is_empty() { "<td>&nbsp;</td>".to_string() } else { format!("<td><p>{v}</p></td>") };
    let row: String =
        ["5", "", "", "2", "7", "8", "", "", "1", "9", "", "", "", "", ""].iter().map(|v| cell(v)).collect();
    let page = format!(
        "<html><body><p>四、政府信息公开行政复议、行政诉讼情况</p><table>\
         <tr><td colspan=5>行政复议</td><td colspan=10>行政诉讼</td></tr>\
         <tr><td rowspan=2>结果维持</td><td rowspan=2>结果纠正</td><td rowspan=2>其他结果</td><td rowspan=2>尚未审结</td><td rowspan=2>总计</td>\
         <td colspan=5>未经复议直接起诉</td><td colspan=5>复议后起诉</td></tr>\
         <tr><td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td>\
         <td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td></tr>\
         <tr>{row}</tr></table><p>五、存在的主要问题及改进情况</p></body></html>"
    );
    let (parsed, diags) = common::lint_bytes(page.as_bytes(), html_options(), &ogilint::rules::Settings::default());
    let t = parsed.report.review.as_ref().expect("table 4");
    let total = |r| t.cell(r, col::TOTAL).and_then(|c| c.int());
    assert_eq!(total(row::RECONSIDERATION), Some(7));
    assert_eq!(total(row::LITIGATION_DIRECT), Some(9));
    assert_eq!(t.cell(row::LITIGATION_DIRECT, col::PENDING).and_then(|c| c.int()), Some(1));
    assert!(!diags.iter().any(|d| d.code == "S107"), "{diags:?}");
    assert!(diags.iter().any(|d| d.code == "C403"), "{diags:?}");
}

/// A page whose row has cells beyond the table's (10 where 7 are) gets one
/// S107 for that row; the extra cells are not dropped in silence, nor is
/// the table taken for PDF text that lost its rows.
#[test]
fn a_row_with_extra_cells_is_malformed() {
    let seed = String::from_utf8(common::corpus("seed/huaibin-luji_2024.txt")).expect("UTF-8");
    let mut page = String::from("<html><body>\n");
    let mut in_table = false;
    for line in seed.lines() {
        if line.contains('\t') {
            if !in_table {
                page.push_str("<table>\n");
                in_table = true;
            }
            let mut cells: Vec<&str> = line.split('\t').collect();
            if line.starts_with("一、本年新收") {
                cells.extend(["5", "6", "7"]);
            }
            page.push_str("<tr>");
            for c in cells {
                page.push_str(&format!("<td>{c}</td>"));
            }
            page.push_str("</tr>\n");
        } else {
            if in_table {
                page.push_str("</table>\n");
                in_table = false;
            }
            page.push_str(&format!("<p>{line}</p>\n"));
        }
    }
    page.push_str("</body></html>\n");
    let result = ogilint::engine::Engine::default().lint(&ogilint::engine::Document {
        kind: ogilint::engine::Kind::Html,
        ..ogilint::engine::Document::new("page.html", page.as_bytes())
    });
    let codes: Vec<&str> = result.diagnostics.iter().map(|d| d.code.as_str()).collect();
    assert!(codes.contains(&"S107") && !codes.contains(&"I004"), "{codes:?}");
    let s107 = result.diagnostics.iter().find(|d| d.code == "S107").expect("S107");
    assert!(s107.message.en.contains("has 10 values where 7 are expected"), "{}", s107.message.en);
}

/// The facts a page leaves for the rules across reports stand where the
/// model as shown puts their cells, in the page (line and column included).
#[test]
fn the_facts_of_a_page_stand_where_its_shown_model_puts_the_cells() {
    let mut zeros = std::iter::repeat_with(|| "0".to_string());
    let page = template_html(&mut zeros, &seed_prose());
    let engine = ogilint::engine::Engine::new(Default::default()).expect("default settings");
    let result = engine.lint(&ogilint::engine::Document::new("page.html", page.as_bytes()));
    assert!(result.is_html);
    let facts = result.facts().expect("an agency and a year");
    let shown: Vec<_> = result.report().cells().map(|(_, c)| c.span).collect();
    let all: Vec<_> = facts
        .carried_over
        .iter()
        .chain(&facts.carried_forward)
        .chain(&facts.counts)
        .chain(facts.documents.iter().flat_map(|(_, d)| d))
        .flatten()
        .collect();
    assert!(all.len() > 20, "{}", all.len());
    for f in all {
        assert!(shown.contains(&f.span), "{:?} is no cell of the shown model", f.span);
        assert!(page[f.span.start..f.span.end].contains('0'), "{:?}", f.span);
        let at = result.position(f.span.start);
        assert_eq!((f.line, f.column), (at.line, at.column));
    }
}
