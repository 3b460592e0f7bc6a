//! The pest grammar of the document (`grammar/report.pest`) and the outline
//! it yields: every line, classified as heading (three levels), table row,
//! paragraph or blank.

use pest::Parser;
use pest_derive::Parser;

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
    let mut lines = Vec::new();
    let Ok(mut pairs) = ReportGrammar::parse(Rule::document, text) else {
        // The grammar accepts every input; fall back to plain lines anyway.
        let mut start = 0;
        for l in text.split('\n') {
            lines.push(Line { kind: LineKind::Paragraph, start, end: start + l.len(), text_start: start });
            start += l.len() + 1;
        }
        return lines;
    };
    let Some(document) = pairs.next() else { return lines };
    for line in document.into_inner() {
        if line.as_rule() != Rule::line {
            continue;
        }
        let span = line.as_span();
        let Some(inner) = line.into_inner().next() else { continue };
        let kind = match inner.as_rule() {
            Rule::heading1 => LineKind::Heading1,
            Rule::heading2 => LineKind::Heading2,
            Rule::heading3 => LineKind::Heading3,
            Rule::table_row => LineKind::TableRow,
            Rule::blank => LineKind::Blank,
            _ => LineKind::Paragraph,
        };
        let text_start =
            inner.into_inner().find(|p| p.as_rule() == Rule::rest).map(|p| p.as_span().start()).unwrap_or(span.start());
        lines.push(Line { kind, start: span.start(), end: span.end(), text_start });
    }
    lines
}

/// Parses a level-1 heading (`一、总体情况`) starting exactly at `pos`:
/// returns the byte offset where its text starts and the numeral's value.
pub fn inline_heading_at(text: &str, pos: usize) -> Option<(usize, u32)> {
    let rest = text.get(pos..)?;
    let mut pairs = ReportGrammar::parse(Rule::inline_heading, rest).ok()?;
    let heading = pairs.next()?;
    let mut number = None;
    let mut text_start = None;
    for p in heading.into_inner() {
        match p.as_rule() {
            Rule::l1_mark => {
                number = p.into_inner().next().and_then(|n| super::cells::chinese_numeral(n.as_str()));
            }
            Rule::rest => text_start = Some(pos + p.as_span().start()),
            _ => {}
        }
    }
    Some((text_start?, number?))
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
