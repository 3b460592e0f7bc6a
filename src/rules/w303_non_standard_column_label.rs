//! W303 non-standard-column-label: a column header of a table differs from the standard.

use super::wording::change_note;
use super::{Ctx, Rule, RuleMeta};
use crate::diagnostic::{Code, Diagnostic, Msg};
use crate::model::Span;
use crate::parse::labels;
use crate::template::{FIRST_2021_FORMAT_YEAR, TableId};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: crate::diagnostic::Code::W303,
        summary: ("a column header differs from the standard one", "表格列标题与规定格式不一致"),
        explain: (
            "What: a column header of a table is cut short (现行有效件 for 现行有效件数), has words added \
(现行有效件数 (历史累计), 上一年项目数量 2019年), is worded otherwise (本年新制发件数, 法律服务组织 for \
法律服务机构, 尚在审理 for 尚未审结), or is printed twice where another belongs (本年新制作数量 twice, the \
second for 本年新公开数量). Every table's headers are checked: table 2 (本年制发件数, 本年废止件数, 现行有效件数, \
本年处理决定数量, 本年收费金额（单位：万元）; in the 2019 format 本年新制作数量, 本年新公开数量, 对外公开总数量, \
上一年项目数量, 本年增/减, 处理决定数量, 采购项目数量, 采购总金额), table 3 (自然人, 商业企业, 科研机构, \
社会公益组织, 法律服务机构, 其他, 总计) and table 4 (结果维持, 结果纠正, 其他结果, 尚未审结, 总计). \
Punctuation width and spacing are not counted (W306), nor traditional characters. A header wrapped over \
lines (社会公益 / 组织) is whole. Headers of a table pieced together from a printed page (PDF text) are \
checked only within their cells, and a 2019 table in a report of 2021 or later is W304's, not this rule's.\n\
Why: the format prescribes the headers (国办公开办函〔2021〕30号, annex; 国办公开办函〔2019〕60号 for \
the 2019 format); a changed header changes, or seems to change, what the column counts (现行有效件数 is \
the stock at year end, not a history).\n\
Fails:  信息内容\t本年制发件数\t本年废止件数\t现行有效件数 (历史累计)\n\
Passes: 信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n\
Fix: use the standard header.",
            "检查内容：各表的列标题被截短（如“现行有效件”应为“现行有效件数”）、被加字（如“现行有效件数（历史累计）”“上一年项目数量 2019年”）、措辞不同（如“本年新制发件数”，“法律服务组织”应为“法律服务机构”，“尚在审理”应为“尚未审结”），或在应为另一标题处重复出现（“本年新制作数量”出现两次，第二处应为“本年新公开数量”）。检查表二（本年制发件数、本年废止件数、现行有效件数、本年处理决定数量、本年收费金额（单位：万元）；2019 年格式为本年新制作数量、本年新公开数量、对外公开总数量、上一年项目数量、本年增/减、处理决定数量、采购项目数量、采购总金额）、表三（自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他、总计）和表四（结果维持、结果纠正、其他结果、尚未审结、总计）。标点全半角、空格（见 W306）和繁体字不计；跨行折行的标题（社会公益 / 组织）视为完整。从 PDF 版面拼出的表格只检查单元格内的标题；2021 年及以后报告中的 2019 年格式表格由 W304 处理。\n\
依据：年报格式规定了列标题（国办公开办函〔2021〕30号附件；2019 年格式见国办公开办函〔2019〕60号）；改动列标题会改变（或让人以为改变了）该列的统计口径（现行有效件数是年末存量，不是历史累计）。\n\
错误示例：信息内容\t本年制发件数\t本年废止件数\t现行有效件数（历史累计）\n\
正确示例：信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n\
修改方法：改用规定列标题。",
        ),
        fixable: true,
    },
    check: Some(check),
};

/// Headers this short are compared only whole: two characters apart would
/// make a different word of them (其他, 总计).
const MIN_FUZZY_CHARS: usize = 4;
/// At most this many characters changed (inserted, dropped or replaced) for
/// a word to be read as a header worded otherwise (`本年新制发件数`,
/// `法律服务组织`, `尚在审理`), and fewer than half the header's.
const MAX_CHANGED_CHARS: usize = 2;
/// The longest word compared with the headers: longer ones are prose.
const MAX_WORD_CHARS: usize = 12;

/// One cell of a table's loose text (a header, a group label, a note), its
/// bytes in the text.
#[derive(Clone, Copy)]
struct Word<'a> {
    text: &'a str,
    start: usize,
    end: usize,
}

/// What the rule compares a table's words with, made once per table of the
/// template: its headers, their comparable characters, and the other words
/// the template knows in it.
struct Vocabulary {
    headers: Vec<&'static str>,
    full: Vec<Vec<char>>,
    /// Sorted, to be searched.
    known: Vec<Vec<char>>,
}

fn vocabulary(id: TableId) -> Option<&'static Vocabulary> {
    static ALL: std::sync::LazyLock<Vec<(TableId, Vocabulary)>> = std::sync::LazyLock::new(|| {
        use crate::template::{ACTIVE, ACTIVE_2019, REQUESTS, REVIEW};
        [&ACTIVE, &ACTIVE_2019, &REQUESTS, &REVIEW]
            .iter()
            .map(|def| {
                let (headers, known) = headers_of(def);
                let full = headers.iter().map(|h| labels::pattern(h)).collect();
                (def.id, Vocabulary { headers, full, known })
            })
            .collect()
    });
    ALL.iter().find(|(t, _)| *t == id).map(|(_, v)| v)
}

/// The column headers of a table's format, in order and deduplicated, and
/// every other word the template knows in it (row and group labels).
fn headers_of(def: &crate::template::TableDef) -> (Vec<&'static str>, Vec<Vec<char>>) {
    let mut headers: Vec<&'static str> = Vec::new();
    for c in def.rows.iter().flat_map(|r| r.columns.iter()) {
        if !headers.contains(&c.label) {
            headers.push(c.label);
        }
    }
    let mut known: Vec<Vec<char>> = def
        .rows
        .iter()
        .map(|r| r.label)
        .chain(def.header_labels.iter().copied())
        .chain(def.rows.iter().filter_map(|r| r.group))
        .chain(crate::template::REVIEW_HEADER_WORDS.iter().copied())
        .map(labels::pattern)
        .collect();
    known.sort();
    known.dedup();
    (headers, known)
}

/// The words of a table's loose text, and of its header when the parser
/// keeps it in the table's span before the first row (table 4), split at
/// white space and table rules (`|`), in order.
fn words_of<'a>(text: &'a str, table: &crate::model::Table) -> Vec<Word<'a>> {
    let mut pieces: Vec<Span> = table.loose.iter().map(|l| l.span).collect();
    // Where the first value stands: table 4's header is above its values.
    let first_value = table.rows.iter().flat_map(|r| r.cells.iter().flatten()).map(|c| c.span.start).min();
    if table.loose.is_empty()
        && let Some(first) = first_value.filter(|&f| f > table.span.start)
    {
        // The header's lines, not the values line's own words.
        let end = text[..first].rfind('\n').map_or(first, |i| i.max(table.span.start));
        pieces.push(Span::new(table.span.start, end));
    }
    let mut out = Vec::new();
    for span in pieces {
        // A piece of loose text is where the parser took no value: a header
        // with a number in it (`本年(2023)制发件数`) is cut there. A word is
        // the whole cell it stands in, so its message quotes the cell and
        // its fix replaces all of it.
        let span = whole_cells(text, span);
        let Some(written) = text.get(span.start..span.end) else { continue };
        let mut at = 0;
        for piece in written.split(is_cell_rule) {
            let start = span.start + at;
            at += piece.len() + written[at + piece.len()..].chars().next().map_or(0, char::len_utf8);
            // Two spaces or more part cells; one stays inside a header
            // (`结果 维持`), as tables print them.
            let mut from = 0;
            for cell in piece.split("  ") {
                let lead = cell.len() - cell.trim_start().len();
                let cell_start = start + from + lead;
                from += cell.len() + 2;
                let cell = cell.trim();
                if !cell.is_empty() {
                    out.push(Word { text: cell, start: cell_start, end: cell_start + cell.len() });
                }
            }
        }
    }
    out
}

/// `span` grown over the characters of the cells it starts and ends in (no
/// white space, no cell rule on the way).
fn whole_cells(text: &str, span: Span) -> Span {
    let inside = |c: char| !c.is_whitespace() && !is_cell_rule(c);
    let start = text.get(..span.start).map_or(span.start, |before| {
        before.char_indices().rev().take_while(|(_, c)| inside(*c)).last().map_or(span.start, |(i, _)| i)
    });
    let end = text.get(span.end..).map_or(span.end, |after| {
        span.end + after.char_indices().find(|(_, c)| !inside(*c)).map_or(after.len(), |(i, _)| i)
    });
    Span::new(start, end)
}

/// What always parts two cells: a tab, a table rule, a line break.
fn is_cell_rule(c: char) -> bool {
    matches!(c, '\t' | '|' | '\n' | '\r' | '\u{3000}')
}

/// Characters inserted, dropped or replaced to make `a` into `b`.
fn changed_chars(a: &[char], b: &[char]) -> usize {
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let here = row[j + 1];
            row[j + 1] = if ca == cb { prev } else { 1 + prev.min(here).min(row[j]) };
            prev = here;
        }
    }
    row[b.len()]
}

/// How far after a header's beginning its rest is looked for: a header
/// wrapped in a narrow column (`社会公益` / `组织`, as PDF text and pages
/// print it) has its rest on a following line, after the other headers.
const WRAP_WINDOW: usize = 400;
/// Bytes past a table's words that the rule reads besides (a header matched
/// from a word's start, the year after it): far more than any header.
const READ_PAST: usize = 256;

/// Whether the part of header `full` that `shown` lacks (between what they
/// share at the start and at the end) stands near the word, within the
/// table: a header wrapped in a narrow column (`社会公益` / `组织`, or `社会`
/// above `公益组织`, as PDF text and pages print it), not one cut short.
fn wrapped(text: &str, word: Span, full: &[char], shown: &[char]) -> bool {
    let p = full.iter().zip(shown).take_while(|(a, b)| a == b).count();
    let q = full[p..].iter().rev().zip(shown[p.min(shown.len())..].iter().rev()).take_while(|(a, b)| a == b).count();
    let missing: Vec<char> =
        full[p..full.len() - q].iter().copied().filter(|c| !matches!(c, '(' | ')' | ':')).collect();
    if missing.is_empty() {
        return false;
    }
    let floor = |mut i: usize| {
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let from = floor(word.start.saturating_sub(WRAP_WINDOW));
    let to = floor((word.end + WRAP_WINDOW).min(text.len()));
    // The rest stands as a word of its own (`组织`, `数`), not inside another
    // (`法人或其他组织`, `本年处理决定数量`).
    let apart = |c: Option<char>| c.is_none_or(|c| c.is_whitespace() || c == '|');
    let mut at = from;
    while let Some((s, e)) = labels::find(text, at, to, &missing) {
        let outside = e <= word.start || s >= word.end;
        if outside && apart(text[..s].chars().next_back()) && apart(text[e..].chars().next()) {
            return true;
        }
        at = e;
    }
    false
}

/// Whether two headers have the same words, brackets, colons and commas
/// aside (`本年收费金额 单位:万元`): punctuation, which is W306's, not wording.
fn same_words(a: &[char], b: &[char]) -> bool {
    let words =
        |p: &[char]| -> Vec<char> { p.iter().filter(|c| !matches!(c, '(' | ')' | ':' | ',')).copied().collect() };
    words(a) == words(b)
}

/// Whether a cell is pieces of several headers side by side (`企业 机构`:
/// the lower halves of `商业 / 企业` and `科研 / 机构` stacked in narrow
/// columns, as text extracted from a PDF has them).
fn stacked(cell: &str, headers: &[Vec<char>]) -> bool {
    let parts: Vec<Vec<char>> = cell.split_whitespace().map(labels::pattern).collect();
    parts.len() >= 2
        && parts
            .iter()
            .all(|p| p.len() >= 2 && headers.iter().any(|h| h.len() > p.len() && (h.starts_with(p) || h.ends_with(p))))
}

/// Whether a word holds another header whole (`法律服务机构其他`,
/// `总计服务机构`): cells run together in PDF text, not a header reworded.
fn glued(word: &[char], headers: &[Vec<char>]) -> bool {
    headers.iter().any(|h| h.len() >= 2 && h.len() < word.len() && word.windows(h.len()).any(|w| w == h.as_slice()))
}

/// The end of a year written after a header on its line (` 2019年`,
/// `（2020年度）` is a note in brackets, left to the cell rule).
fn year_after(text: &str, at: usize) -> Option<usize> {
    let rest = text.get(at..)?;
    let digits_at = rest.len() - rest.trim_start_matches([' ', '\u{3000}']).len();
    let digits: String = rest[digits_at..].chars().take_while(char::is_ascii_digit).collect();
    if digits.len() != 4 {
        return None;
    }
    let after = &rest[digits_at + 4..];
    let unit = ["年度", "年"].iter().find(|u| after.starts_with(*u))?;
    Some(at + digits_at + 4 + unit.len())
}

fn push(out: &mut Vec<Diagnostic>, span: Span, shown: &str, h: &str, en: &str, zh: &str) {
    out.push(
        Diagnostic::new(
            Code::W303,
            Msg::new(
                format!("column header `{shown}` {en}: the standard is `{h}`"),
                format!("列标题“{shown}”{zh}，规定为“{h}”"),
            ),
        )
        .primary(span, Msg::new("non-standard header", "不规范的列标题"))
        .note(change_note(shown, h))
        .fix(span, h),
    );
}

fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    // Headers in traditional characters (`現行有效件數`) read as the parser
    // reads them; offsets stay those of the text.
    let report = ctx.report();
    // Only the tables are read (their words, and what lies within
    // `WRAP_WINDOW` of them): only they are folded.
    let spans = report.tables().flat_map(|t| std::iter::once(t.span).chain(t.loose.iter().map(|l| l.span)));
    let Some((from, to)) = spans.fold(None, |r: Option<(usize, usize)>, s| {
        Some(r.map_or((s.start, s.end), |(a, b)| (a.min(s.start), b.max(s.end))))
    }) else {
        return;
    };
    let margin = WRAP_WINDOW + READ_PAST;
    let folded = crate::normalize::fold_traditional(ctx.text(), from.saturating_sub(margin), to + margin);
    let text: &str = &folded;
    for table in report.tables() {
        // A 2019 table in a later year's report has the wrong format
        // altogether (W304), not wrong headers.
        if table.def.id == TableId::Active2019 && report.year.is_some_and(|y| y >= FIRST_2021_FORMAT_YEAR) {
            continue;
        }
        let Some(Vocabulary { headers, full, known }) = vocabulary(table.def.id) else { continue };
        let mut said: Vec<Span> = Vec::new();
        within_cells(text, table, (headers, full), out, &mut said);
        // Headers pieced together from positions on a page are not the
        // writer's words: only the checks within a cell apply to them.
        if ctx.parsed.placed_by_position() {
            continue;
        }
        let words = words_of(text, table);
        printed_twice(table, &words, out, &mut said);
        other_words(text, &words, (headers, full), known, out, &mut said);
    }
}

/// A header printed twice in a run of headers where another belongs
/// (`本年新制作数量 本年新制作数量 对外公开总数量`, the second for 本年新公开数量).
fn printed_twice(table: &crate::model::Table, words: &[Word], out: &mut Vec<Diagnostic>, said: &mut Vec<Span>) {
    let norm = |w: &str| -> Vec<char> { labels::pattern(w) };
    let mut runs: Vec<&[crate::template::ColumnDef]> = table.def.rows.iter().map(|r| r.columns).collect();
    runs.retain(|r| r.len() >= 2);
    runs.dedup_by(|a, b| std::ptr::eq(*a, *b));
    // Each word's pattern once, not once per window it stands in.
    let normed: Vec<Vec<char>> = words.iter().map(|w| norm(w.text)).collect();
    for run in runs {
        let want: Vec<Vec<char>> = run.iter().map(|c| norm(c.label)).collect();
        for (k, window) in words.windows(run.len()).enumerate() {
            let got = &normed[k..k + run.len()];
            let mut differ = (0..run.len()).filter(|&i| got[i] != want[i]);
            let (Some(i), None) = (differ.next(), differ.next()) else { continue };
            if !want.iter().enumerate().any(|(j, w)| j != i && *w == got[i]) {
                continue;
            }
            let w = window[i];
            let span = Span::new(w.start, w.end);
            if said.contains(&span) {
                continue;
            }
            said.push(span);
            push(out, span, w.text, run[i].label, "is printed twice", "重复出现");
        }
    }
}

/// Words near a header but not it (`本年新制发件数`, `法律服务组织`,
/// `尚在审理`), and a year written after a header.
fn other_words(
    text: &str,
    words: &[Word],
    (headers, full): (&[&str], &[Vec<char>]),
    known: &[Vec<char>],
    out: &mut Vec<Diagnostic>,
    said: &mut Vec<Span>,
) {
    for w in words {
        if said.iter().any(|s| s.start < w.end && w.start < s.end) {
            continue;
        }
        // (The text's traditional characters are folded already.)
        let chars = labels::pattern(w.text);
        if full.contains(&chars) {
            continue;
        }
        // A year written after a header (`上一年项目数量 2019年`), in the cell
        // or just after it where the parser took the digits for a value.
        let year = full.iter().enumerate().find_map(|(h, f)| {
            let end = labels::match_at(text, w.start, crate::floor_boundary(text, w.end + READ_PAST), f)?;
            Some((h, year_after(text, end)?))
        });
        if let Some((h, end)) = year {
            let span = Span::new(w.start, end);
            said.push(span);
            push(out, span, &text[w.start..end], headers[h], "has words added", "多了文字");
            continue;
        }
        let n = chars.len();
        if !(MIN_FUZZY_CHARS..=MAX_WORD_CHARS).contains(&n)
            || chars.iter().any(|c| c.is_ascii_digit())
            || full.contains(&chars)
            || known.binary_search(&chars).is_ok()
            || glued(&chars, full)
            || stacked(w.text, full)
        {
            continue;
        }
        let nearest = full
            .iter()
            .enumerate()
            .filter(|(_, h)| h.len() >= MIN_FUZZY_CHARS)
            .map(|(i, h)| (changed_chars(&chars, h), i))
            .min();
        let Some((changed, i)) = nearest else { continue };
        // A header at the very end of the text is cut by the file, not the writer.
        if changed == 0
            || text[w.end..].trim().is_empty()
            || changed > MAX_CHANGED_CHARS
            || 2 * changed > full[i].len()
            || same_words(&chars, &full[i])
            || chars.last() == Some(&'/')
            || wrapped(text, Span::new(w.start, w.end), &full[i], &chars)
        {
            continue;
        }
        let span = Span::new(w.start, w.end);
        said.push(span);
        let (en, zh) = if full[i].starts_with(&chars) {
            ("is cut short", "不完整")
        } else {
            ("is worded otherwise", "措辞不同")
        };
        push(out, span, w.text, headers[i], en, zh);
    }
}

/// A header cut short or with words added within its cell (`现行有效件`,
/// `现行有效件数 (历史累计)`), found by the header's first four characters.
fn within_cells(
    text: &str,
    table: &crate::model::Table,
    (headers, patterns): (&[&str], &[Vec<char>]),
    out: &mut Vec<Diagnostic>,
    said: &mut Vec<Span>,
) {
    for l in &table.loose {
        let Some(written) = text.get(l.span.start..l.span.end) else { continue };
        for (&h, full) in headers.iter().zip(patterns) {
            if full.len() < MIN_FUZZY_CHARS {
                continue;
            }
            // The first four characters name the column (本年制发, 现行有效, …).
            let head = &full[..4];
            let Some((s, e)) = labels::find(written, 0, written.len(), head) else { continue };
            let (ws, we, problem) = match labels::match_at(written, s, written.len(), full) {
                Some(end) => {
                    // Words added after the full header in the same cell: `(历史累计)`.
                    let rest = written[end..].trim_start();
                    if !rest.starts_with(['(', '（']) {
                        continue;
                    }
                    // Only words closed in the cell: a note the parser cut at a
                    // number (`(指2019年事项数)`) is not all there to replace.
                    let Some(i) = rest.find([')', '）']) else { continue };
                    let close = i + rest[i..].chars().next().map_or(1, char::len_utf8);
                    (s, written.len() - rest.len() + close, "added")
                }
                None => {
                    // Cut short: the cell ends before the header does (not the
                    // file: a truncated page says nothing about the header).
                    let cut =
                        written[e..].find(|c: char| c.is_whitespace() || c == '|').map_or(written.len(), |i| e + i);
                    if text[l.span.start + cut..].trim().is_empty() {
                        continue;
                    }
                    // Only a beginning of the header is cut short; other words
                    // in its place are a different wording (现行有效数量).
                    let shown = labels::pattern(&written[s..cut]);
                    let word = Span::new(l.span.start + s, l.span.start + cut);
                    // Cut right after a slash (`本年增/`): the line broke where
                    // a wrapped header breaks, and the crawl lost the rest.
                    if same_words(&shown, full) || wrapped(text, word, full, &shown) || shown.last() == Some(&'/') {
                        continue;
                    }
                    (s, cut, if full.starts_with(&shown) { "cut" } else { "other" })
                }
            };
            let span = Span::new(l.span.start + ws, l.span.start + we);
            if said.iter().any(|x| x.start < span.end && span.start < x.end) {
                continue;
            }
            said.push(span);
            let shown = &written[ws..we];
            let (en, zh) = match problem {
                "added" => ("has words added", "多了文字"),
                "cut" => ("is cut short", "不完整"),
                _ => ("is worded otherwise", "措辞不同"),
            };
            push(out, span, shown, h, en, zh);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{run, seed};

    /// A header with a year in it (`本年(2023)制发件数`, a street office's
    /// report of 2023): never a piece of it quoted, and never a fix that
    /// would replace a piece (`)制发件数` → `本年(2023本年制发件数`).
    #[test]
    fn a_header_with_a_number_in_it_is_taken_whole() {
        let text = seed().replace("本年制发件数", "本年(2023)制发件数");
        for d in run("W303", &text) {
            assert!(!d.message.en.contains("`)"), "{}", d.message.en);
            if let Some(fix) = &d.fix {
                assert!(!text[fix.span.start..fix.span.end].starts_with(')'), "{fix:?}");
            }
        }
    }

    #[test]
    fn fails_on_added_or_cut_headers_passes_on_the_seed() {
        let added = seed().replace("\t现行有效件数", "\t现行有效件数 (历史累计)");
        assert_eq!(run("W303", &added).len(), 1);
        let cut = seed().replace("\t现行有效件数", "\t现行有效件");
        assert_eq!(run("W303", &cut).len(), 1);
        assert!(run("W303", &seed()).is_empty());
    }

    #[test]
    fn other_words_are_not_called_cut_short() {
        let text = super::super::testing::seed().replacen("现行有效件数", "现行有效数量", 1);
        let d = super::super::testing::run("W303", &text);
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].message.en.contains("worded otherwise"), "{:?}", d[0].message.en);
    }

    /// A page that lost the brackets of a header keeps its words: no W303.
    #[test]
    fn lost_brackets_are_no_other_wording() {
        let text = seed().replacen("本年收费金额（单位：万元）", "本年收费金额单位:万元", 1);
        assert_ne!(text, seed());
        assert!(run("W303", &text).is_empty(), "{:?}", run("W303", &text));
    }

    fn real(file: &str) -> String {
        std::fs::read_to_string(format!("{}/corpus/{file}", env!("CARGO_MANIFEST_DIR"))).unwrap_or_default()
    }

    /// Headers of every table, reworded as unseen reports reword them.
    #[test]
    fn reworded_headers_of_tables_2_3_and_4() {
        for (from, to, standard) in [
            ("本年制发件数", "本年新制发件数", "本年制发件数"),
            ("法律服务机构", "法律服务组织", "法律服务机构"),
            ("尚未 审结", "尚在审理", "尚未审结"),
        ] {
            let text = seed().replacen(from, to, 1);
            assert_ne!(text, seed(), "{from}");
            let d = run("W303", &text);
            assert_eq!(d.len(), 1, "{to}: {d:?}");
            assert!(d[0].message.en.contains(&format!("`{to}` is worded otherwise: the standard is `{standard}`")));
        }
    }

    /// A 2019-format report (real text): a header printed twice where
    /// another belongs, and a year written after a header.
    #[test]
    fn headers_of_the_2019_format() {
        let report = real("excerpts/quyang_zhuangkexiang_2020.txt");
        assert!(run("W303", &report).is_empty());
        let twice = report.replacen("本年新公开数量", "本年新制作数量", 1);
        let d = run("W303", &twice);
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].message.en.contains("printed twice: the standard is `本年新公开数量`"), "{}", d[0].message.en);
        let year = report.replacen("上一年项目数量", "上一年项目数量 2019年", 1);
        let d = run("W303", &year);
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].message.en.contains("has words added"), "{}", d[0].message.en);
    }

    /// Headers wrapped in narrow columns (PDF text) and in traditional
    /// characters are the standard ones.
    #[test]
    fn wrapped_and_traditional_headers_pass() {
        let wrapped = seed().replacen("社会公益组织\t法律服务机构", "社会公益\t法律服务\n组织\t机构", 1);
        assert!(run("W303", &wrapped).is_empty(), "{:?}", run("W303", &wrapped));
        // The lower halves of two stacked headers, their upper halves far off.
        let stacked = seed().replacen("商业企业\t科研机构", "企业 机构\t", 1);
        assert!(run("W303", &stacked).is_empty(), "{:?}", run("W303", &stacked));
        let traditional =
            seed().replacen("本年制发件数\t本年废止件数\t现行有效件数", "本年制發件數\t本年廢止件數\t現行有效件數", 1);
        assert!(run("W303", &traditional).is_empty(), "{:?}", run("W303", &traditional));
    }
}
