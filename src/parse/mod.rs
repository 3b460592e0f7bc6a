//! Stage 3: parse. The pest grammar gives the lines and headings
//! ([`grammar`]); the document facts come from [`sections`]; the tables from
//! [`tables`], with nom reading the cells ([`cells`]).

pub mod cells;
pub mod cut;
pub(crate) mod flat;
pub mod glued;
pub mod grammar;
pub mod labels;
mod review;
mod rows;
pub mod sections;
mod shape;
pub mod tables;
mod tokens;
mod unglue;

use crate::diagnostic::{Code, Diagnostic};
use crate::model::{Period, Report, Section, Span};
use crate::normalize::Normalized;
use crate::source::LineIndex;
use crate::template::{self, Format, row};

/// The text being parsed and the sections found in it, which every stage
/// below reads.
struct Doc<'a> {
    norm: &'a Normalized,
    text: &'a str,
    found: &'a [sections::FoundSection],
}

impl Doc<'_> {
    /// A span of the normalised text, in the decoded text's bytes.
    fn span(&self, s: usize, e: usize) -> Span {
        let (a, b) = self.norm.to_source(s, e);
        Span::new(a, b)
    }

    fn has(&self, n: u8) -> bool {
        self.found.iter().any(|s| s.number == n)
    }

    /// A table's window: from its section's heading to the next heading.
    fn window(&self, number: u8) -> (usize, usize) {
        let found = self.found;
        let start = match found.iter().find(|s| s.number == number) {
            Some(s) => s.end,
            None => found.iter().filter(|s| s.number < number).map(|s| s.end).max().unwrap_or(0),
        };
        let end = found
            .iter()
            .filter(|s| s.start >= start && s.number != number)
            .map(|s| s.start)
            .min()
            .unwrap_or(self.text.len());
        (start, end.max(start))
    }

    /// Where the first of `words` stands in `[from, to)`.
    fn header_at(&self, from: usize, to: usize, words: &[&str]) -> Option<usize> {
        tables::find_words(self.text, from, to, words).first().map(|m| m.1)
    }
}

/// Parses normalised text into the model. `lines` indexes the decoded text.
/// The stages: the outline and the sections, the document's facts (title,
/// agency, year, period), the three tables, what a text that lost its
/// tables' rows keeps, and the format.
pub fn parse(norm: &Normalized, lines: &LineIndex, diags: &mut Vec<Diagnostic>) -> Report {
    let text = norm.text.as_str();
    let outline = grammar::outline(text);
    let (found, duplicates): (Vec<_>, Vec<_>) =
        sections::find_sections(text, &outline).into_iter().partition(|s| !s.duplicate);
    let doc = Doc { norm, text, found: &found };
    let mut report = Report::default();
    for (f, list) in found.iter().map(|f| (f, 0)).chain(duplicates.iter().map(|f| (f, 1))) {
        let sp = doc.span(f.start, f.end);
        let section = Section {
            number: f.number,
            heading: text[f.start..f.end].trim().to_string(),
            span: sp,
            line: lines.line_col(sp.start).0,
        };
        if list == 0 { report.sections.push(section) } else { report.section_duplicates.push(section) }
    }
    document_facts(&doc, &outline, &mut report);
    let active_format = read_active(&doc, &mut report, diags);
    let requests_format = read_requests(&doc, &mut report, diags);
    let (v_from, v_to) = doc.window(4);
    // Without its heading, table 4 needs its own header: two of its labels.
    let v_anchor = tables::find_words(text, v_from, v_to, template::REVIEW_ANCHORS);
    if doc.has(4) || v_anchor.len() >= 2 {
        report.review = review::parse_review(norm, v_from, v_to, diags);
    }
    if let Some(first) = diags.iter().position(|d| d.code == Code::I004) {
        keep_what_lost_layout_leaves(&mut report, diags, first);
    }
    report.format = format_of(&doc, &mut report, active_format, requests_format);
    report
}

/// The title, agency, year and statistical period.
fn document_facts(doc: &Doc, outline: &[grammar::Line], report: &mut Report) {
    let (text, found) = (doc.text, doc.found);
    let first_section = found.iter().map(|s| s.start).min().unwrap_or(text.len());
    if let Some((title, s, e)) = sections::find_title(text, outline, first_section.max(1)) {
        let (agency, year) = sections::agency_and_year(&title);
        report.agency = agency.or_else(|| sections::agency_near(text, outline, s));
        report.year = year;
        // The title's own end: a title over two lines is longer in the text
        // than the joined title.
        report.title = Some((title.clone(), doc.span(s, e.min(text.len()))));
    }
    // The period is stated in the opening of the report, before its tables.
    let opening = found.iter().find(|s| s.number >= 2).map_or(text.len(), |s| s.start);
    if let Some((from, to, s, e)) = sections::find_period(&text[..opening], first_section) {
        report.period = Some(Period { from, to, span: doc.span(s, e) });
        if report.year.is_none() {
            report.year = from.year;
        }
    } else if let Some((s, e)) = sections::find_garbled_period(&text[..opening]) {
        report.period_unreadable = Some(doc.span(s, e));
    }
    // Failing title and period, the first year the report's text names
    // (`2019年，我局…`) in its opening or first section.
    if report.year.is_none() {
        let first_body = found.iter().find(|s| s.number == 1).map_or(0, |s| s.end);
        let end = found.iter().find(|s| s.number >= 2).map_or(text.len(), |s| s.start).max(first_body);
        report.year = cells::first_year(&text[..end.min(text.len())]).map(|(_, y)| y);
    }
}

/// Table 2, in the format its header words tell; that format.
fn read_active(doc: &Doc, report: &mut Report, diags: &mut Vec<Diagnostic>) -> Format {
    // The header of table 3 ends table 2 when table 3's heading is missing:
    // table 2 does not run on into table 3's rows.
    let (a_from, mut a_to) = doc.window(2);
    if !doc.has(3)
        && let Some(at) = doc.header_at(a_from, a_to, template::REQUESTS_ANCHORS)
    {
        a_to = at;
    }
    let (active_format, tells) = tables::active_format(doc.text, a_from, a_to);
    let active_def = if active_format == Format::F2019 { &template::ACTIVE_2019 } else { &template::ACTIVE };
    // A table is looked for in its section or, where the section heading is
    // missing, from its own first header; never in the prose of another section.
    let a_anchor = doc.header_at(a_from, a_to, &[template::BLOCK_1, "第二十条", template::CONTENT_HEADER]);
    if doc.has(2) || a_anchor.is_some() {
        report.active = tables::parse_table(doc.norm, active_def, a_anchor.unwrap_or(a_from), a_to, diags);
    }
    for (w, s, e) in tells {
        report.format_evidence.push((w, doc.span(s, e)));
    }
    active_format
}

/// Table 3, with the rows of the format it turns out to be in; that format.
fn read_requests(doc: &Doc, report: &mut Report, diags: &mut Vec<Diagnostic>) -> Format {
    let (r_from, mut r_to) = doc.window(3);
    let r_anchor = doc.header_at(r_from, r_to, template::REQUESTS_ANCHORS);
    // Likewise, table 4's header ends table 3 when table 4's heading is missing.
    if !doc.has(4)
        && let Some(at) = doc.header_at(r_anchor.unwrap_or(r_from), r_to, template::REVIEW_ANCHORS)
    {
        r_to = at;
    }
    let mut requests = if doc.has(3) || r_anchor.is_some() {
        tables::parse_table(doc.norm, &template::REQUESTS, r_anchor.unwrap_or(r_from), r_to, diags)
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
    requests_format
}

/// A text that lost a table's rows (I004: a PDF's text printed column by
/// column) lost cells of the other tables too: a row with cells missing or
/// too many (S107) is the extraction's loss, not the report's, and is not
/// reported; the rows' words are still checked. I004 (the `first`
/// diagnostic of that code) is said once.
fn keep_what_lost_layout_leaves(report: &mut Report, diags: &mut Vec<Diagnostic>, first: usize) {
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
        !(d.code == Code::S107 || (d.code == Code::I004 && i - 1 != first))
    });
}

/// The report's format, from its tables.
fn format_of(doc: &Doc, report: &mut Report, active_format: Format, requests_format: Format) -> Option<Format> {
    // The old structure is looked for only where the standard table 3 is absent.
    // The tables decide, not the prose: the old structure's headings alone
    // (`政府信息公开的收费及减免情况` as a sub-heading of a 2020 report) say
    // nothing of a report after 2018; its indicator table does.
    // A table 2 with the 2019 trial format's own header words is of that
    // format, whatever the prose calls the tables (`政府信息公开情况统计表(见附件)`).
    let text = doc.text;
    let headers_2019 =
        report.format_evidence.iter().filter(|(w, _)| template::HEADERS_2019.contains(&w.as_str())).count();
    let pre = match &report.requests {
        None if headers_2019 < 2 => tables::find_words(text, 0, text.len(), template::TELLTALES_PRE_2019),
        _ => Vec::new(),
    };
    let old_table = pre.iter().any(|(w, _, _)| template::INDICATORS_PRE_2019.contains(&w.as_str()));
    let pre = if old_table || report.year.is_none_or(|y| y < 2019) { pre } else { Vec::new() };
    if !pre.is_empty() {
        for (w, s, e) in pre {
            report.format_evidence.push((w, doc.span(s, e)));
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
    }
}
