//! The pest grammar of the document (`grammar/report.pest`) and the outline
//! it yields: every line, classified as heading (three levels), table row,
//! paragraph or blank.

use pest::Parser;
use pest_derive::Parser;

/// The mark of an enumerator (`、`, `.`) stands within its first characters
/// (`十二、`, `12.`).
const ENUMERATOR_MARK_WITHIN: usize = 4;

#[derive(Parser)]
#[grammar = "../grammar/report.pest"]
pub struct ReportGrammar;

/// What one line of the document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// `一、…`
    Heading1,
    /// `（一）…`
    Heading2,
    /// `1.…`
    Heading3,
    /// Cells separated by tabs or `|`.
    TableRow,
    Paragraph,
    Blank,
}

/// One line of the normalised text.
#[derive(Debug, Clone, Copy)]
pub struct Line {
    pub kind: LineKind,
    /// Byte range in the normalised text, without the newline.
    pub start: usize,
    pub end: usize,
    /// For headings: where the text after the enumerator starts.
    pub text_start: usize,
}

/// Splits the normalised text into classified lines.
pub fn outline(text: &str) -> Vec<Line> {
    let mut lines = Vec::with_capacity(text.len() / 40 + 1);
    let mut start = 0;
    for raw in text.split('\n') {
        let end = start + raw.len();
        let (kind, text_start) = classify(raw);
        lines.push(Line { kind, start, end, text_start: start + text_start });
        start = end + 1;
    }
    lines
}

/// Whether a text (normalised) starts with a heading's or a row's
/// enumerator: `四、`, `(四)`, `3.`.
pub(crate) fn starts_with_enumerator(text: &str) -> bool {
    matches!(classify(text.trim_start()).0, LineKind::Heading1 | LineKind::Heading2 | LineKind::Heading3)
}

/// Leader characters of a table of contents (`一、总体情况 ...... 1`).
const LEADERS: &[char] = &['.', '…', '·', '_', '-', '—'];
/// A run of this many leaders before a page number makes a contents entry.
const MIN_LEADERS: usize = 3;

/// Whether a line is an entry of a table of contents (目录): words, a run of
/// leaders, a page number (`二、主动公开政府信息情况 ........ 10`). It names a
/// section; it is not one.
pub(crate) fn is_contents_entry(line: &str) -> bool {
    let rest = line.trim_end();
    let number = rest.trim_end_matches(|c: char| c.is_ascii_digit());
    if number.len() == rest.len() || rest.len() - number.len() > 3 {
        return false;
    }
    let before = number.trim_end_matches([' ', '\t']);
    let leaders = before.trim_end_matches(|c: char| LEADERS.contains(&c) || c == ' ');
    // (An ellipsis `…` is three dots.)
    let dots: usize = before[leaders.len()..].chars().map(|c| if c == '…' { 3 } else { usize::from(c != ' ') }).sum();
    dots >= MIN_LEADERS
}

/// The kind of one line and where its text starts (after a heading's enumerator).
fn classify(line: &str) -> (LineKind, usize) {
    if line.trim().is_empty() {
        return (LineKind::Blank, 0);
    }
    if memchr::memchr2(b'\t', b'|', line.as_bytes()).is_some() {
        return (LineKind::TableRow, 0);
    }
    // The grammar reads only the enumerator at the start of the line; a line
    // that cannot start one is a paragraph without asking (a failed parse
    // costs pest an error with line information).
    let body = line.trim_start_matches([' ', '\t', '#']);
    let first = body.chars().next().unwrap_or(' ');
    let marked = body.chars().take(ENUMERATOR_MARK_WITHIN).any(|c| matches!(c, '、' | '.' | ','));
    let cn = matches!(first, '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十');
    if !(first == '(' || (marked && (cn || first.is_ascii_digit()))) || is_contents_entry(body) {
        return (LineKind::Paragraph, 0);
    }
    let Ok(mut pairs) = ReportGrammar::parse(Rule::heading, line) else {
        return (LineKind::Paragraph, 0);
    };
    let Some(heading) = pairs.next() else { return (LineKind::Paragraph, 0) };
    let end = heading.as_span().end();
    let kind = match heading.into_inner().next().map(|p| p.as_rule()) {
        Some(Rule::heading1) => LineKind::Heading1,
        Some(Rule::heading2) => LineKind::Heading2,
        Some(Rule::heading3) => LineKind::Heading3,
        _ => LineKind::Paragraph,
    };
    (kind, end)
}

/// Parses a level-1 heading (`一、总体情况`) starting exactly at `pos`:
/// returns the byte offset where its text starts and the numeral's value.
pub(crate) fn inline_heading_at(text: &str, pos: usize) -> Option<(usize, u32)> {
    let rest = text.get(pos..)?;
    let heading = ReportGrammar::parse(Rule::inline_heading, rest).ok()?.next()?;
    let text_start = pos + heading.as_span().end();
    let number = heading
        .into_inner()
        .find(|p| p.as_rule() == Rule::l1_mark)
        .and_then(|m| m.into_inner().next())
        .and_then(|n| super::cells::chinese_numeral(n.as_str()))?;
    Some((text_start, number))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<LineKind> {
        outline(text).iter().map(|l| l.kind).collect()
    }

    #[test]
    fn classifies_lines() {
        let text = "淮滨县芦集乡人民政府 2024 年政府信息公开工作年度报告\n\n一、总体情况\n(一)政务公开情况\n1. 属于国家秘密\n规章\t0\t0\t0\n## 二、主动公开政府信息情况\n|";
        assert_eq!(
            kinds(text),
            vec![
                LineKind::Paragraph,
                LineKind::Blank,
                LineKind::Heading1,
                LineKind::Heading2,
                LineKind::Heading3,
                LineKind::TableRow,
                LineKind::Heading1,
                LineKind::TableRow,
            ]
        );
    }

    /// A table of contents (a provincial department's report of 2019, as
    /// its PDF prints it) names the sections; its entries are no headings.
    #[test]
    fn contents_entries_are_no_headings() {
        let toc = "目录\n一、总体情况.............................................. 1\n\
                   (一) 围绕机制保障强化公开,全面加强政务公开能力建设 ..... 1\n\
                   二、主动公开政府信息情况 ................................ 10\n\
                   六、其他需要报告的事项 …… 13\n一、总体情况\n";
        assert_eq!(
            kinds(toc),
            vec![
                LineKind::Paragraph,
                LineKind::Paragraph,
                LineKind::Paragraph,
                LineKind::Paragraph,
                LineKind::Paragraph,
                LineKind::Heading1,
                LineKind::Blank,
            ]
        );
        // A heading that ends with a number, or a row with a dash, is not one.
        assert!(!is_contents_entry("三、2024年政府信息公开工作要点 2"));
        assert!(!is_contents_entry("1.其他 - 0"));
        assert!(is_contents_entry("五、存在的主要问题及改进情况 ··············· 12"));
    }

    #[test]
    fn a_decimal_is_not_a_heading() {
        assert_eq!(kinds("1.5万元"), vec![LineKind::Paragraph]);
    }

    #[test]
    fn heading_text_starts_after_the_enumerator() {
        let text = "## 一、 总体情况";
        let l = outline(text)[0];
        assert_eq!(&text[l.text_start..], "总体情况");
    }

    #[test]
    fn inline_heading_in_a_glued_line() {
        let text = "联系。 一、总体情况 2023年";
        let pos = text.find('一').unwrap();
        let (start, n) = inline_heading_at(text, pos).unwrap();
        assert_eq!(n, 1);
        assert!(text[start..].starts_with("总体情况"));
    }
}
