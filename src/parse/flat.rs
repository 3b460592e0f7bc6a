//! Pages flattened to one line: a scraper that joined a page's text with
//! spaces leaves the headings, sub-headings and title run into the prose.
//! The line breaks they stood at are put back (in the normalised text, a
//! space for a line break: every offset stays) before the outline is read.

use crate::normalize::Normalized;
use crate::template;

/// A line at least this long is a page flattened to one line (a scraper
/// that joined the page's text with spaces), when a section heading or the
/// title's end stands in it after a space: no heading or title is longer.
const FLAT_LINE_CHARS: usize = 300;
/// How far into a run-in heading, after its numeral, a section's key word
/// is looked for (`一、总体情况`, `二、主动公开政府信息情况`).
const RUN_IN_KEY_CHARS: usize = 12;
/// How far after a run-in heading's key word its end (a space) is looked
/// for: the rest of the longest standard heading is shorter.
const HEADING_TAIL_CHARS: usize = 24;
/// How far into a flattened first line the title's end is looked for.
const RUN_IN_TITLE_CHARS: usize = 80;

/// Breaks a page flattened to one line where a line break stood: before
/// each section heading run in after a space (` 一、总体情况 `), and after the
/// title when the line starts with it (`XX局 2024年度政府信息公开工作年度报告
/// 2024年,…`). The space becomes a line break, so every offset stays as it
/// was. Other text, and lines of ordinary length, are left as they are.
pub(crate) fn break_flattened_lines(norm: &mut Normalized) {
    let mut breaks: Vec<usize> = Vec::new();
    let mut start = 0;
    let mut first = true;
    for line in norm.text.split('\n') {
        let here = start;
        start += line.len() + 1;
        if line.trim().is_empty() {
            continue;
        }
        let first_line = std::mem::take(&mut first);
        // (Bytes first: most lines are far shorter.)
        if line.len() < FLAT_LINE_CHARS || line.chars().count() < FLAT_LINE_CHARS {
            continue;
        }
        for (i, _) in line.match_indices(' ') {
            let rest = &line[i + 1..];
            if let Some(key_end) = run_in_heading(rest) {
                breaks.push(here + i);
                // And after the heading: the first space after its key word,
                // before the prose (`六、其他需要报告的事项 2024年未收取…`).
                let tail = &rest[key_end..];
                if let Some((sp, _)) = tail.char_indices().take(HEADING_TAIL_CHARS).find(|(_, c)| *c == ' ') {
                    breaks.push(here + i + 1 + key_end + sp);
                }
            } else if run_in_item(rest) {
                breaks.push(here + i);
            }
        }
        if first_line {
            let head: String = line.chars().take(RUN_IN_TITLE_CHARS).collect();
            let end = template::title_end(&head);
            if let Some(end) = end
                && line[end..].starts_with(' ')
                && template::has_title_words(&line[..end])
            {
                breaks.push(here + end);
            }
        }
    }
    breaks.sort_unstable();
    breaks.dedup();
    for at in breaks {
        norm.text.replace_range(at..at + 1, "\n");
    }
}

/// Whether `rest` starts with a section's heading: its numeral and `、`, and
/// one of its key words soon after; where that key word ends in `rest`.
fn run_in_heading(rest: &str) -> Option<usize> {
    template::SECTIONS.iter().find_map(|s| {
        let numeral = s.heading.chars().next()?;
        let words = rest.strip_prefix(numeral)?.strip_prefix('、')?;
        let lead = rest.len() - words.len();
        let window = words.char_indices().nth(RUN_IN_KEY_CHARS).map_or(words.len(), |(i, _)| i);
        s.keys.iter().filter_map(|k| words[..window].find(k).map(|at| lead + at + k.len())).min()
    })
}

/// Whether `rest` starts with a numbered item before words (`1、政府信息…`,
/// `(二)依申请公开`): a sub-heading, or a table's row label.
fn run_in_item(rest: &str) -> bool {
    let after = if let Some(inner) = rest.strip_prefix('(') {
        let numeral =
            inner.trim_start_matches(|c: char| super::cells::chinese_numeral(c.encode_utf8(&mut [0; 4])).is_some());
        (numeral.len() < inner.len()).then(|| numeral.strip_prefix(')')).flatten()
    } else {
        let digits = rest.trim_start_matches(|c: char| c.is_ascii_digit());
        (digits.len() < rest.len() && rest.len() - digits.len() <= 2).then(|| digits.strip_prefix('、')).flatten()
    };
    after.and_then(|a| a.chars().next()).is_some_and(crate::normalize::is_han)
}

#[cfg(test)]
mod tests {
    use super::break_flattened_lines;
    use crate::normalize::normalize;

    fn broken(text: &str) -> String {
        let mut norm = normalize(text);
        break_flattened_lines(&mut norm);
        norm.text
    }

    /// A water bureau's page flattened to one line (xyxz.gov.cn, 2024): the
    /// title and the heading of section 一 stand on lines of their own, the
    /// sub-item `1、…` too, and nothing else moves.
    #[test]
    fn a_flattened_page_gets_its_line_breaks_back() {
        let prose = "本年度,我们致力于深化政府信息公开的制度建设、流程规范与信息标准化工作,确保人民群众的信息获取权与监督参与权得到充分保障。"
            .repeat(5);
        let page = format!(
            "襄州区水利局 2024年度政府信息公开工作年度报告 2024年,区水利局秉承公开透明、服务为民的原则。{prose}现将实施情况概述如下: \
             一、总体情况 1、政府信息主动公开情况 2024年,共发布信息56条,其中1条财政资金、11条行政许可。"
        );
        let text = broken(&page);
        assert_eq!(text.len(), normalize(&page).text.len());
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "襄州区水利局 2024年度政府信息公开工作年度报告");
        assert!(lines.contains(&"一、总体情况"), "{lines:?}");
        assert!(lines.iter().any(|l| l.starts_with("1、政府信息主动公开情况 2024年")), "{lines:?}");
        // The same text on lines of ordinary length is left alone.
        let short = "一、总体情况 本年度我们致力于公开。 二、主动公开政府信息情况 见下表。";
        assert_eq!(broken(short), normalize(short).text);
    }

    /// A whole report flattened (every line and cell joined with a space):
    /// its model is the one of the report as published, title included.
    #[test]
    fn a_flattened_report_reads_as_the_report() {
        let seed = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/corpus/seed/huaibin-luji_2024.txt"))
            .unwrap_or_default();
        let flat: Vec<&str> = seed.split(['\n', '\t']).map(str::trim).filter(|p| !p.is_empty()).collect();
        let (whole, flat) = (crate::parse_str(&seed), crate::parse_str(&flat.join(" ")));
        assert!(flat.report.title.is_some());
        assert_eq!(flat.report.agency, whole.report.agency);
        let numbers = |p: &crate::Parsed| -> Vec<String> {
            p.report.cells_by_place().map(|(.., c)| format!("{:?}", c.value)).collect()
        };
        assert_eq!(numbers(&flat), numbers(&whole));
        assert!(numbers(&whole).len() >= 200);
        let sections = |p: &crate::Parsed| p.report.sections.iter().map(|s| s.number).collect::<Vec<_>>();
        assert_eq!(sections(&flat), [1, 2, 3, 4, 5, 6]);
        let codes = |p: &crate::Parsed| {
            crate::rules::check(p, crate::rules::Selection::default()).iter().map(|d| d.code).collect::<Vec<_>>()
        };
        assert_eq!(codes(&flat), codes(&whole));
    }
}
