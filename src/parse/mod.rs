//! Stage 3: parse. The pest grammar gives the lines and headings
//! ([`grammar`]); the document facts come from [`sections`]; the tables from
//! [`tables`], with nom reading the cells ([`cells`]).

pub mod cells;
pub mod glued;
pub mod grammar;
pub mod labels;
pub mod sections;
pub mod tables;

use crate::diagnostic::Diagnostic;
use crate::model::{Period, Report, Section, Span};
use crate::normalize::Normalized;
use crate::source::LineIndex;
use crate::template::{self, Format, row};

/// Parses normalised text into the model. `lines` indexes the decoded text.
pub fn parse(norm: &Normalized, lines: &LineIndex, diags: &mut Vec<Diagnostic>) -> Report {
    let text = norm.text.as_str();
    let span = |s: usize, e: usize| {
        let (a, b) = norm.to_source(s, e);
        Span::new(a, b)
    };
    let outline = grammar::outline(text);
    let (found, duplicates): (Vec<_>, Vec<_>) =
        sections::find_sections(text, &outline).into_iter().partition(|s| !s.duplicate);

    let mut report = Report::default();
    for (f, list) in found.iter().map(|f| (f, 0)).chain(duplicates.iter().map(|f| (f, 1))) {
        let sp = span(f.start, f.end);
        let section = Section {
            number: f.number,
            heading: text[f.start..f.end].trim().to_string(),
            span: sp,
            line: lines.line_col(sp.start).0,
        };
        if list == 0 { report.sections.push(section) } else { report.section_duplicates.push(section) }
    }

    let first_section = found.iter().map(|s| s.start).min().unwrap_or(text.len());
    if let Some((title, s, e)) = sections::find_title(text, &outline, first_section.max(1)) {
        let (agency, year) = sections::agency_and_year(&title);
        report.agency = agency.or_else(|| sections::agency_near(text, &outline, s));
        report.year = year;
        // The title's own end: a title over two lines is longer in the text
        // than the joined title.
        report.title = Some((title.clone(), span(s, e.min(text.len()))));
    }
    // The period is stated in the opening of the report, before its tables.
    let opening = found.iter().find(|s| s.number >= 2).map_or(text.len(), |s| s.start);
    if let Some((from, to, s, e)) = sections::find_period(&text[..opening], first_section) {
        report.period = Some(Period { from, to, span: span(s, e) });
        if report.year.is_none() {
            report.year = from.year;
        }
    } else if let Some((s, e)) = sections::find_garbled_period(&text[..opening]) {
        report.period_unreadable = Some(span(s, e));
    }

    // Failing title and period, the first year the report's text names
    // (`2019年，我局…`) in its opening or first section.
    if report.year.is_none() {
        let first_body = found.iter().find(|s| s.number == 1).map_or(0, |s| s.end);
        let end = found.iter().find(|s| s.number >= 2).map_or(text.len(), |s| s.start).max(first_body);
        report.year = cells::first_year(&text[..end.min(text.len())]).map(|(_, y)| y);
    }

    // Windows of the tables: from their section's heading to the next heading.
    let window = |number: u8| -> (usize, usize) {
        let this = found.iter().find(|s| s.number == number);
        let start = match this {
            Some(s) => s.end,
            None => found.iter().filter(|s| s.number < number).map(|s| s.end).max().unwrap_or(0),
        };
        let end = found
            .iter()
            .filter(|s| s.start >= start && s.number != number)
            .map(|s| s.start)
            .min()
            .unwrap_or(text.len());
        (start, end.max(start))
    };

    let has = |n: u8| found.iter().any(|s| s.number == n);
    // The header of table 3 or 4 ends the table before it when its section
    // heading is missing: table 2 does not run on into table 3's rows.
    let header_at =
        |from: usize, to: usize, words: &[&str]| tables::find_words(text, from, to, words).first().map(|m| m.1);
    let (a_from, mut a_to) = window(2);
    if !has(3)
        && let Some(at) = header_at(a_from, a_to, template::REQUESTS_ANCHORS)
    {
        a_to = at;
    }
    let (active_format, tells) = tables::active_format(text, a_from, a_to);
    let active_def = if active_format == Format::F2019 { &template::ACTIVE_2019 } else { &template::ACTIVE };
    // A table is looked for in its section or, where the section heading is
    // missing, from its own first header; never in the prose of another section.
    let a_anchor = tables::find_words(text, a_from, a_to, &[template::BLOCK_1, "第二十条", template::CONTENT_HEADER])
        .first()
        .map(|m| m.1);
    if has(2) || a_anchor.is_some() {
        report.active = tables::parse_table(norm, active_def, a_anchor.unwrap_or(a_from), a_to, diags);
    }
    for (w, s, e) in tells {
        report.format_evidence.push((w, span(s, e)));
    }

    let (r_from, mut r_to) = window(3);
    let r_anchor = header_at(r_from, r_to, template::REQUESTS_ANCHORS);
    if !has(4)
        && let Some(at) = header_at(r_anchor.unwrap_or(r_from), r_to, template::REVIEW_ANCHORS)
    {
        r_to = at;
    }
    let mut requests = if has(3) || r_anchor.is_some() {
        tables::parse_table(norm, &template::REQUESTS, r_anchor.unwrap_or(r_from), r_to, diags)
    } else {
        None
    };
    let mut requests_format = Format::F2021;
    if let Some(t) = requests.as_mut() {
        let has_2021_rows = t.rows.iter().any(|r| r.def.formats == [Format::F2021]);
        // (六)其他处理 as a row of its own: with values, or, in a table printed
        // with labels only, followed by (七)总计 with no sub-row between.
        let undivided = t.row(row::OTHER_UNDIVIDED).is_some_and(|r| {
            r.cells.iter().any(Option::is_some)
                || t.row(row::OUTCOME_TOTAL).is_some_and(|o| o.label_span.start > r.label_span.start)
        });
        if undivided && !has_2021_rows {
            requests_format = Format::F2019;
            if let Some(r) = t.row(row::OTHER_UNDIVIDED) {
                report.format_evidence.push((r.label.clone(), r.label_span));
            }
        }
        t.rows.retain(|r| r.def.formats.contains(&requests_format));
    }
    report.requests = requests;

    let (v_from, v_to) = window(4);
    // Without its heading, table 4 needs its own header: two of its labels.
    let v_anchor = tables::find_words(text, v_from, v_to, template::REVIEW_ANCHORS);
    if has(4) || v_anchor.len() >= 2 {
        report.review = tables::parse_review(norm, v_from, v_to, diags);
    }

    // A text that lost a table's rows (I004: a PDF's text printed column by
    // column) lost cells of the other tables too: a row with cells missing
    // or too many (S107) is the extraction's loss, not the report's, and is
    // not reported; the rows' words are still checked. I004 is said once.
    if let Some(first) = diags.iter().position(|d| d.code == "I004") {
        // Table 4's fifteen values in such a text are kept only where each
        // group adds up, and never when a table's cells came out column by
        // column (none of its values kept): such a text prints table 4 out
        // of order too, and a group that still adds up may hold its values
        // swapped (`纠正 0 … 尚未审结 3` for `纠正 3 … 尚未审结 0`).
        // A table with not one value in such a text lost its cells with the
        // rest (printed under another table's heading): not a blank table.
        for t in [&mut report.active, &mut report.requests].into_iter().flatten() {
            if t.rows.iter().all(|r| r.cells.iter().all(Option::is_none)) {
                t.layout_lost = true;
            }
        }
        let disorder = [&report.active, &report.requests]
            .into_iter()
            .flatten()
            .any(|t| t.layout_lost && t.rows.iter().all(|r| r.cells.iter().all(Option::is_none)));
        if let Some(review) = report.review.as_mut() {
            let adds_up = review.rows.iter().all(|r| {
                let v: Option<Vec<i64>> = r.cells.iter().map(|c| c.as_ref().and_then(|c| c.int())).collect();
                v.is_some_and(|v| v.len() >= 2 && v[..v.len() - 1].iter().sum::<i64>() == v[v.len() - 1])
            });
            if disorder || !adds_up {
                for r in review.rows.iter_mut() {
                    r.cells.iter_mut().for_each(|c| *c = None);
                }
                review.layout_lost = true;
            }
        }
        let mut i = 0;
        diags.retain(|d| {
            i += 1;
            !(d.code == "S107" || (d.code == "I004" && i - 1 != first))
        });
    }

    // The old structure is looked for only where the standard table 3 is absent.
    // The tables decide, not the prose: the old structure's headings alone
    // (`政府信息公开的收费及减免情况` as a sub-heading of a 2020 report) say
    // nothing of a report after 2018; its indicator table does.
    // A table 2 with the 2019 trial format's own header words is of that
    // format, whatever the prose calls the tables (`政府信息公开情况统计表(见附件)`).
    let headers_2019 =
        report.format_evidence.iter().filter(|(w, _)| template::HEADERS_2019.contains(&w.as_str())).count();
    let pre = match &report.requests {
        None if headers_2019 < 2 => tables::find_words(text, 0, text.len(), template::TELLTALES_PRE_2019),
        _ => Vec::new(),
    };
    let old_table = pre.iter().any(|(w, _, _)| template::INDICATORS_PRE_2019.contains(&w.as_str()));
    let pre = if old_table || report.year.is_none_or(|y| y < 2019) { pre } else { Vec::new() };
    report.format = if !pre.is_empty() {
        for (w, s, e) in pre {
            report.format_evidence.push((w, span(s, e)));
        }
        // The old indicator tables are not the standard tables: whatever
        // matched a key there is no value of the model.
        report.active = None;
        report.review = None;
        Some(Format::Pre2019)
    } else if active_format == Format::F2019 || requests_format == Format::F2019 {
        Some(Format::F2019)
    } else if report.tables().next().is_some() {
        Some(Format::F2021)
    } else {
        None
    };
    report
}
