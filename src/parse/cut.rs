//! Where a text is cut short: at its end (an interrupted download, an
//! archive's excerpt that stops inside a table or mid-sentence before
//! section 六) or at its head (a page of a flipbook or a PDF viewer, an
//! excerpt that starts inside a section). Found once, after the rest of the
//! parse, and kept in the model ([`Report::cut`], [`Report::head_cut`]), so
//! that the rules say what is missing once, not once per section, table
//! and row.

use crate::model::{Cut, CutRow, HeadCut, Report, Span};
use crate::normalize::Normalized;

/// A page mark (`P. 9`, `第9页`) is looked for in this many first lines: a
/// viewer's page prints its number above the text, never further down.
const PAGE_MARK_LINES: usize = 4;
/// What may follow a table's last row and still be the table's (header
/// words, a row that is no standard row): a section's prose is longer, or
/// has a full stop.
const TABLE_TAIL_CHARS: usize = 40;

/// Records where the text (decoded, `text`; normalised, `norm`) is cut.
pub fn record(text: &str, norm: &Normalized, report: &mut Report) {
    report.head_cut = find_head_cut(text, norm);
    report.cut = find_cut(text, norm, report);
}

/// A text that starts in the middle of a document: a page mark of a later
/// page, or a later sub-heading as its first line.
fn find_head_cut(text: &str, norm: &Normalized) -> Option<HeadCut> {
    find_page_mark(text).or_else(|| find_sub_heading_start(norm))
}

/// A text whose first line is a sub-heading after the first (`（二）…`,
/// `3.…`): an excerpt that starts inside a section, whose beginning is not
/// in the file. No report starts that way.
fn find_sub_heading_start(normalized: &Normalized) -> Option<HeadCut> {
    let norm = &normalized.text;
    let lead = norm.len() - norm.trim_start().len();
    let line = norm[lead..].lines().next()?.trim_end();
    let rest = line.trim_start_matches(['#', ' ']);
    let numeral = |s: &str| -> Option<(u32, usize)> {
        let c = s.chars().next()?;
        let n = c.to_digit(10).or_else(|| super::cells::chinese_numeral(c.encode_utf8(&mut [0; 4])))?;
        Some((n, c.len_utf8()))
    };
    let later = if let Some(inner) = rest.strip_prefix('(') {
        numeral(inner).filter(|(_, len)| inner[*len..].starts_with(')')).map(|(n, _)| n)
    } else {
        numeral(rest)
            .filter(|(n, len)| {
                // `2.` or `2、` before words (not `2020年`, not `2.5`).
                rest.as_bytes().first().is_some_and(u8::is_ascii_digit)
                    && rest[*len..]
                        .strip_prefix(['.', '、'])
                        .is_some_and(|after| !after.starts_with(|c: char| c.is_ascii_digit()))
                    && *n >= 2
            })
            .map(|(n, _)| n)
    }?;
    if later < 2 {
        return None;
    }
    let (s, e) = normalized.to_source(lead, lead + line.len());
    Some(HeadCut { page: None, span: Span::new(s, e) })
}

/// A page mark among the first lines (`P. 9`, `第9页`, `Page 9 -`) with a page
/// after the first: the text is one page of a longer document.
fn find_page_mark(text: &str) -> Option<HeadCut> {
    let mut at = 0;
    for line in text.split_inclusive('\n').take(PAGE_MARK_LINES) {
        let t = line.trim();
        let lead = line.len() - line.trim_start().len();
        let number = |rest: &str| -> Option<u32> {
            let digits: String = rest.trim_start().chars().take_while(char::is_ascii_digit).collect();
            digits.parse().ok()
        };
        let page = if let Some(rest) = t.strip_prefix("P.").or_else(|| t.strip_prefix("Page ")) {
            number(rest)
        } else if let Some(rest) = t.strip_prefix('第') {
            number(rest).filter(|_| rest.trim_start_matches(|c: char| c.is_ascii_digit() || c == ' ').starts_with('页'))
        } else {
            None
        };
        if let Some(p) = page.filter(|p| *p >= 2) {
            return Some(HeadCut { page: Some(p), span: Span::new(at + lead, at + lead + t.len()) });
        }
        at += line.len();
    }
    None
}

fn find_cut(text: &str, norm: &Normalized, report: &Report) -> Option<Cut> {
    let end = text.trim_end().len();
    let last_section = report.sections.iter().map(|s| s.number).max().unwrap_or(0);
    if last_section >= 6 || end == 0 {
        return None;
    }
    // The text stops inside the last table: nothing follows its last
    // cell read, and rows after it are missing.
    if let Some(last_table) = report.tables().max_by_key(|t| t.span.start)
        && let Some(last_row) = last_table.rows.iter().max_by_key(|r| r.label_span.start)
        && let Some(last_row_at) = last_table.def.rows.iter().position(|d| d.id == last_row.def.id)
    {
        let rows_after = last_table.def.rows[last_row_at + 1..]
            .iter()
            .filter(|d| d.formats.iter().any(|f| Some(*f) == report.format))
            .count();
        let tail_start = last_table.span.end.max(last_row.label_span.end);
        let tail = text.get(tail_start..end).unwrap_or("");
        // What follows the last row is table text (header words, rows that
        // are no standard row, a few characters), not the prose of a section.
        let table_tail =
            tail.chars().filter(|c| !c.is_whitespace()).count() <= TABLE_TAIL_CHARS || !tail.contains(['。', '；']);
        // A report never ends with a table: 五 and 六 follow the last one.
        // So a text whose last section holds its last table, and that stops
        // there, is cut, whether or not the table's rows are all there.
        if last_table.def.section >= last_section
            && table_tail
            && (rows_after > 0
                || last_section >= 1
                || last_table.rows.iter().any(|r| r.cells.iter().all(Option::is_none)))
        {
            let row = CutRow { table: last_table.def, row: last_row_at, label: last_row.label_span };
            return Some(Cut { at: end, in_table: Some(row), section: last_section });
        }
    }
    // The text stops in the middle of a sentence or a heading (a Chinese
    // character, a comma, an open bracket last) before section 六: in the
    // prose, or in a table's header before its first row.
    // (In the normalised text: a mirror's pinyin, `進(jìn)`, is not the end
    // of a sentence.)
    let norm_text = norm.text.trim_end();
    let last = norm_text.chars().next_back()?;
    let han = crate::normalize::is_han;
    // A figure glued to the words of a sentence (`…政务动态类信息636`) at the
    // very end: the sentence goes on after it.
    let last_line = norm_text.rsplit('\n').next().unwrap_or("");
    let figure_in_prose = last.is_ascii_digit()
        && !last_line.contains(['\t', '|'])
        && last_line.trim_end_matches(|c: char| c.is_ascii_digit()).chars().next_back().is_some_and(han);
    let mid_sentence = han(last)
        || figure_in_prose
        || matches!(last, '，' | ',' | '、' | '：' | ':' | '（' | '(' | '《' | '“' | '「' | '【' | '〔' | '|');
    // A text whose last section is one with a table (二 to 四) has stopped
    // early however it ends: 五 and 六 always follow.
    let in_table_sections = (2..=4).contains(&last_section) && report.tables().all(|t| t.def.section < last_section);
    // One page of a longer document (a page mark of a later page above it):
    // its end is the page's, and the sections after it are on the pages
    // that follow, however its last sentence ends.
    let one_page = report.head_cut.is_some_and(|h| h.page.is_some());
    (last_section >= 1 && (mid_sentence || in_table_sections || one_page)).then_some(Cut {
        at: end,
        in_table: None,
        section: last_section,
    })
}

#[cfg(test)]
mod tests {
    use crate::template::TableId;

    fn seed() -> String {
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/corpus/seed/huaibin-luji_2024.txt"))
            .unwrap_or_default()
    }

    #[test]
    fn a_whole_report_is_not_cut() {
        let parsed = crate::parse_str(&seed());
        assert!(parsed.report.cut.is_none() && parsed.report.head_cut.is_none());
    }

    /// A text that stops inside table 3: the model says so, with the table
    /// and its last row found.
    #[test]
    fn a_text_that_stops_in_a_table_is_cut_there() {
        let seed = seed();
        let at = seed.find("(三) 不予公开").expect("a row of table 3");
        let parsed = crate::parse_str(&seed[..at]);
        let cut = parsed.report.cut.expect("cut");
        let row = cut.in_table.expect("in a table");
        assert_eq!(row.table.id, TableId::Requests);
        assert_eq!(cut.reach(), 3);
        assert!(parsed.report.requests.as_ref().is_some_and(|t| cut.stops_in(t)));
    }

    /// A text that stops mid-sentence in section 一 is cut, in no table.
    #[test]
    fn a_text_that_stops_mid_sentence_is_cut() {
        let seed = seed();
        let at = seed.find("二、主动公开").expect("section 二");
        let head = seed[..at].trim_end().trim_end_matches(['。', '；']);
        let parsed = crate::parse_str(head);
        let cut = parsed.report.cut.expect("cut");
        assert!(cut.in_table.is_none());
        assert_eq!(cut.section, 1);
    }

    /// A page of a longer document (`P. 3` among the first lines).
    #[test]
    fn a_page_mark_of_a_later_page_is_a_head_cut() {
        let parsed = crate::parse_str(&format!("P. 3\n{}", seed()));
        assert_eq!(parsed.report.head_cut.and_then(|h| h.page), Some(3));
        // The whole report on it: nothing is cut at its end.
        assert!(parsed.report.cut.is_none());
    }

    /// A page of a longer document that ends with a whole sentence before
    /// section 六 (as a flipbook's page 9 ends on `…中的重要作用。`) is cut
    /// there too: what follows is on the next pages. The same text without
    /// its page mark is a report that lacks 六.
    #[test]
    fn a_page_of_a_longer_document_is_cut_at_its_end() {
        let seed = seed();
        let at = seed.find("六、").expect("section 六");
        let body = seed[..at].trim_end();
        assert!(body.ends_with('。'), "{:?}", &body[body.len() - 12..]);
        let page = crate::parse_str(&format!("P. 9\n{body}"));
        assert_eq!(page.report.cut.map(|c| c.section), Some(5));
        assert!(crate::parse_str(body).report.cut.is_none());
    }
}
