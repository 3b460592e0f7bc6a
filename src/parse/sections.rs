//! Document-level facts: the six sections (by their words, wherever their
//! heading stands: at a line start, or glued inside one crawled line), the
//! title with agency and year, and the stated statistical period.

use super::grammar::{Line, LineKind, inline_heading_at, is_contents_entry};
use super::labels::{class, is_soft, lcs};
use crate::template::{self, SECTIONS};

/// The longest Chinese-numeral enumerator before `、` (三 characters of
/// three bytes: `十二、`), so that a numeral inside words is not one.
const MAX_ENUMERATOR_BYTES: usize = 9;
/// A section's key words stand within this many characters of its heading's
/// start (`二、主动公开政府信息情况`; a heading reworded with a lead of its own,
/// `二、关于主动公开…`, still).
const KEY_WITHIN_CHARS: usize = 16;
/// The key words of a bare heading (no enumerator) stand nearer its start.
const BARE_KEY_WITHIN_CHARS: usize = 8;
/// The characters of a heading's line compared with the standard heading
/// (the longest standard heading has 19).
const HEADING_HEAD_CHARS: usize = 40;
/// The title is among the first non-blank lines (a page's crumbs and
/// menus come before it).
const TITLE_LINES: usize = 40;
/// An agency's name is shorter than this; more is a sentence.
const MAX_AGENCY_CHARS: usize = 40;
/// The statistical period follows its words within this many characters.
const PERIOD_WINDOW_CHARS: usize = 40;

/// A section heading found in the normalised text.
#[derive(Debug, Clone, Copy)]
pub struct FoundSection {
    pub number: u8,
    /// Another heading of a section already found (S102).
    pub duplicate: bool,
    /// Start of the enumerator, end of the heading text.
    pub start: usize,
    pub end: usize,
}

/// Chinese numerals that can start a level-1 enumerator.
fn is_cn_digit(c: char) -> bool {
    matches!(c, '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十')
}

struct Candidate {
    start: usize,
    text_start: usize,
    at_line_start: bool,
    line_end: usize,
}

fn candidates(text: &str, lines: &[Line]) -> Vec<Candidate> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut line_iter = lines.iter().peekable();
    // Enumerator marks: `、` (E3 80 81), `.` and `,` (full-width forms are
    // folded already). A byte scan finds them; the numeral stands before.
    for i in memchr::memchr3_iter(b'.', b',', 0xE3, bytes) {
        if bytes[i] == 0xE3 && bytes.get(i + 1..i + 3) != Some(&[0x80, 0x81]) {
            continue;
        }
        // Up to three Chinese numerals right before the mark.
        let mut start = i;
        while start >= 3
            && text.is_char_boundary(start - 3)
            && text[start - 3..start].chars().next().is_some_and(is_cn_digit)
        {
            start -= 3;
            if i - start >= MAX_ENUMERATOR_BYTES {
                break;
            }
        }
        if start == i {
            continue;
        }
        // Inside a sentence (`第二十、二十一条`) an enumerator follows a Han
        // character; a heading follows a line break, a space, punctuation, or
        // in glued crawls the last digit of a table.
        let mut before = text[..start].chars().rev();
        let (prev, prev2) = (before.next(), before.next());
        let han = crate::normalize::is_han;
        // (A unit after a number, `…432.52元三、`, ends a table cell.)
        if prev.is_some_and(han) && !prev2.is_some_and(|c| c.is_ascii_digit()) {
            continue;
        }
        let Some((text_start, _)) = inline_heading_at(text, start) else { continue };
        while line_iter.peek().is_some_and(|l| l.end < start) {
            line_iter.next();
        }
        // An entry of a table of contents names a section; it is not one.
        if line_iter.peek().is_some_and(|l| is_contents_entry(&text[l.start..l.end])) {
            continue;
        }
        let (at_line_start, line_end) = match line_iter.peek() {
            Some(l) => {
                let lead = &text[l.start..start];
                let lead_ok = lead.chars().all(|c| c == ' ' || c == '#' || c == '\t');
                (lead_ok && matches!(l.kind, LineKind::Heading1), l.end)
            }
            None => (false, text.len()),
        };
        out.push(Candidate { start, text_start, at_line_start, line_end });
    }
    out
}

/// Substring search for a short haystack (a heading's first words), where
/// setting up a general searcher costs more than looking.
fn find_short(hay: &str, needle: &str) -> Option<usize> {
    let n = needle.len();
    if n == 0 || n > hay.len() {
        return None;
    }
    // The first byte compared inline: a call to memcmp per window cost more
    // than the rest of the section search.
    let first = needle.as_bytes()[0];
    hay.as_bytes().windows(n).position(|w| w[0] == first && w == needle.as_bytes())
}

/// Whether `s` has at most `n` characters, looking at no more than `n + 1`
/// of them (a glued crawl's one line can be the whole report).
fn at_most(s: &str, n: usize) -> bool {
    s.chars().nth(n).is_none()
}

fn chars_of(s: &str) -> Vec<char> {
    let mut out = Vec::with_capacity(s.len());
    out.extend(s.chars().filter(|c| !is_soft(*c)).map(class));
    out
}

/// The end of an inline heading: the shortest prefix of the text after the
/// enumerator that matches the standard heading as well as any longer one.
fn inline_end(text: &str, text_start: usize, limit: usize, standard: &[char]) -> usize {
    // A heading holds no digits and no sentence punctuation: glued prose
    // (`…改进情况2025年，我区…`) starts there.
    let limit = text[text_start..limit]
        .find(|c: char| c.is_ascii_digit() || matches!(c, '。' | ',' | ';' | ':'))
        .map_or(limit, |at| text_start + at);
    let window: Vec<(usize, char)> = text[text_start..limit]
        .char_indices()
        .take(standard.len() + 16)
        .map(|(o, c)| (text_start + o + c.len_utf8(), class(c)))
        .collect();
    let chars: Vec<char> = window.iter().map(|(_, c)| *c).collect();
    let best = lcs(&chars, standard);
    if best == 0 {
        return text_start;
    }
    // Smallest prefix reaching `best`.
    let (mut lo, mut hi) = (1, chars.len());
    while lo < hi {
        let mid = (lo + hi) / 2;
        if lcs(&chars[..mid], standard) >= best { hi = mid } else { lo = mid + 1 }
    }
    window[lo - 1].0
}

/// Finds the standard sections. Each standard section takes the candidate
/// heading whose words fit it best; ties go to a heading at a line start, then
/// to the earlier one.
/// The sections whose headings have their words (a key near the start),
/// each the best-scoring candidate, and any second heading of one.
fn by_their_words(text: &str, cands: &[Candidate], heads: &[(String, Vec<char>)]) -> Vec<FoundSection> {
    let mut found = Vec::new();
    for def in &SECTIONS {
        let own_numeral = def.heading.chars().next().unwrap_or('一');
        let standard = chars_of(&template::normalized(def.heading));
        // The standard text without its enumerator (`一、`).
        let body: Vec<char> = standard.iter().skip_while(|c| **c != ',').skip(1).copied().collect();
        let mut best: Option<(f64, &Candidate)> = None;
        for (cand, (squeezed, head_chars)) in cands.iter().zip(heads) {
            let hit = def
                .keys
                .iter()
                .any(|k| find_short(squeezed, k).is_some_and(|at| squeezed[..at].chars().count() <= KEY_WITHIN_CHARS));
            if !hit {
                continue;
            }
            let prefix = &head_chars[..head_chars.len().min(body.len() + 8)];
            let mut score = lcs(prefix, &body) as f64 / body.len().max(1) as f64;
            if cand.at_line_start {
                score += 0.25;
            }
            // Its own numeral (`二、` for section 二) beats an item of another
            // list that starts with the same words (`三、主动公开政府信息情况。…`
            // in section 一's list of work items).
            if text[cand.start..cand.text_start].starts_with(own_numeral) {
                score += 0.1;
            }
            if best.is_none_or(|(s, _)| score > s + 1e-9) {
                best = Some((score, cand));
            }
        }
        if let Some((_, cand)) = best {
            let end = if cand.at_line_start && at_most(&text[cand.start..cand.line_end], 60) {
                cand.start + text[cand.start..cand.line_end].trim_end().len()
            } else {
                let key_end = def
                    .keys
                    .iter()
                    .filter_map(|k| {
                        text[cand.text_start..cand.line_end].find(k).map(|at| cand.text_start + at + k.len())
                    })
                    .min()
                    .unwrap_or(cand.text_start);
                inline_end(text, cand.text_start, cand.line_end, &body).max(key_end)
            };
            found.push(FoundSection { number: def.number, duplicate: false, start: cand.start, end });
            // Other headings at a line start that give this section's words
            // exactly, after the same numeral: a second heading of it.
            let numeral = &text[cand.start..cand.text_start];
            for (other, (_, head_chars)) in cands.iter().zip(heads) {
                if std::ptr::eq(other, cand) || !other.at_line_start || &text[other.start..other.text_start] != numeral
                {
                    continue;
                }
                if head_chars.starts_with(&body) && head_chars.len() <= body.len() + 2 {
                    let end = other.start + text[other.start..other.line_end].trim_end().len();
                    found.push(FoundSection { number: def.number, duplicate: true, start: other.start, end });
                }
            }
        }
    }
    found
}

/// The sections whose words were not found, found reworded or bare in
/// their place between the sections found (W301 then says so).
fn reworded(text: &str, lines: &[Line], cands: &[Candidate], found: &mut Vec<FoundSection>) {
    // A section whose words were not found: a short heading at a line start
    // with the section's own numeral (`一、工作基本情况`), between the
    // sections found before and after it, is that section, reworded (W301).
    const NUMERALS: [char; 6] = ['一', '二', '三', '四', '五', '六'];
    for def in &SECTIONS {
        if found.iter().any(|f| f.number == def.number) {
            continue;
        }
        let after = found.iter().filter(|f| f.number < def.number).map(|f| f.end).max().unwrap_or(0);
        let before = found.iter().filter(|f| f.number > def.number).map(|f| f.start).min().unwrap_or(text.len());
        let numeral = NUMERALS[usize::from(def.number).saturating_sub(1).min(5)];
        let heading = cands.iter().find(|c| {
            let mark = &text[c.start..c.text_start];
            let line = text[c.start..c.line_end].trim_end();
            c.at_line_start
                && c.start >= after
                && c.start < before
                && mark.starts_with(numeral)
                && mark.chars().nth(1).is_some_and(|m| matches!(m, '、' | ',' | '.'))
                && at_most(line, 30)
                && !line.contains(['。', '；', ';'])
                // Table 3's own numbered labels (三、本年度办理结果, 四、结转…),
                // also cut short (`四、结转下年` at the end of a text).
                && !template::REQUESTS.rows.iter().any(|r| line.contains(r.key))
                && !line.contains(template::REQUESTS_RESULTS.trim_start_matches(['三', '、']))
                && !is_cut_table_label(&text[c.text_start..c.line_end])
        });
        if let Some(c) = heading {
            let end = c.start + text[c.start..c.line_end].trim_end().len();
            found.push(FoundSection { number: def.number, duplicate: false, start: c.start, end });
            continue;
        }
        // The numeral with a slip of the pen for its mark (`三是收到和处理…`):
        // a line of the standard words alone after it.
        let body_text: String = def.heading.chars().skip_while(|c| *c != '、').skip(1).collect();
        let slip = lines.iter().find(|l| {
            let line = text[l.start..l.end].trim();
            l.start >= after
                && l.start < before
                && line.starts_with(numeral)
                && line[numeral.len_utf8()..].starts_with(['是', '，', '：', ' '])
                && chars_of(line).ends_with(&chars_of(&body_text))
                && at_most(line, body_text.chars().count() + 3)
        });
        // Or the standard words alone on their line, without any numeral
        // (`总体情况`).
        let bare_words = chars_of(&body_text);
        let bare = || {
            lines.iter().find(|l| {
                // (Lengths first: most lines are far longer or shorter.)
                let raw = l.end - l.start;
                if l.start < after || l.start >= before || raw + 6 < body_text.len() || raw > body_text.len() + 64 {
                    return false;
                }
                let line = text[l.start..l.end].trim();
                line.len().abs_diff(body_text.len()) <= 6 && chars_of(line) == bare_words
            })
        };
        if let Some(l) = slip.or_else(bare) {
            let start = l.start + (text[l.start..l.end].len() - text[l.start..l.end].trim_start().len());
            let end = l.start + text[l.start..l.end].trim_end().len();
            found.push(FoundSection { number: def.number, duplicate: false, start, end });
        }
    }
}

pub fn find_sections(text: &str, lines: &[Line]) -> Vec<FoundSection> {
    let cands = candidates(text, lines);
    // The first words of each candidate's text, once: spaces removed for the
    // key test, classes for the similarity.
    let heads: Vec<(String, Vec<char>)> = cands
        .iter()
        .map(|c| {
            let head = text[c.text_start..c.line_end.max(c.text_start)].chars().take(HEADING_HEAD_CHARS);
            let mut squeezed = String::with_capacity(HEADING_HEAD_CHARS * 3);
            squeezed.extend(head.filter(|c| !is_soft(*c)));
            let mut classes = Vec::with_capacity(HEADING_HEAD_CHARS);
            classes.extend(squeezed.chars().map(class));
            (squeezed, classes)
        })
        .collect();
    let mut found = by_their_words(text, &cands, &heads);
    reworded(text, lines, &cands, &mut found);
    if found.is_empty() {
        found = lower_level_sections(text, lines);
    }
    found.sort_by_key(|s| s.start);
    found
}

/// Whether the words after a numeral are the beginning of one of table 3's
/// numbered labels (`结转下年` of `四、结转下年度继续办理`).
fn is_cut_table_label(words: &str) -> bool {
    let words = chars_of(words.trim());
    words.len() >= 2
        && template::REQUESTS.rows.iter().map(|r| r.label).chain([template::REQUESTS_RESULTS]).any(|label| {
            let body = chars_of(label);
            let start = body.iter().position(|c| *c == ',').map_or(0, |i| i + 1);
            body[start..].starts_with(&words)
        })
}

/// A report that numbers its six parts as sub-headings (`1、总体情况`,
/// `（一）总体情况`) and has no `一、` heading at all: its short heading lines
/// that give a section's words closely, in order, are its sections (W301
/// speaks of their numbering). Sub-items such as `1、主动公开。…` (prose
/// after them, or only a part of the section's words) are not.
fn lower_level_sections(text: &str, lines: &[Line]) -> Vec<FoundSection> {
    let mut found: Vec<FoundSection> = Vec::new();
    let mut after = 0;
    for def in &SECTIONS {
        let standard = chars_of(&template::normalized(def.heading));
        let body: Vec<char> = standard.iter().skip_while(|c| **c != ',').skip(1).copied().collect();
        let hit = lines.iter().filter(|l| matches!(l.kind, LineKind::Heading2 | LineKind::Heading3)).find(|l| {
            let words = text[l.text_start.min(l.end)..l.end].trim_end();
            let squeezed: String = words.chars().filter(|c| !is_soft(*c)).collect();
            l.start >= after
                && at_most(words, 30)
                && !words.contains(['。', ';', '；'])
                && def.keys.iter().any(|k| {
                    find_short(&squeezed, k).is_some_and(|at| squeezed[..at].chars().count() <= BARE_KEY_WITHIN_CHARS)
                })
                && lcs(&chars_of(words), &body) * 2 >= body.len()
        });
        if let Some(l) = hit {
            let start = l.start + (text[l.start..l.end].len() - text[l.start..l.end].trim_start().len());
            let end = l.start + text[l.start..l.end].trim_end().len();
            found.push(FoundSection { number: def.number, duplicate: false, start, end });
            after = l.end;
        }
    }
    found
}

/// The title line: `(text, start, end)` in the normalised text.
pub(crate) fn find_title(text: &str, lines: &[Line], before: usize) -> Option<(String, usize, usize)> {
    let visible: Vec<&Line> =
        lines.iter().filter(|l| l.kind != LineKind::Blank && l.start < before).take(TITLE_LINES).collect();
    let mut held = HeldTitles::default();
    for (n, line) in visible.iter().enumerate() {
        let raw = &text[line.start..line.end];
        let (start, body) = strip_title_prefix(raw, line.start);
        let body = without_trailing_field(body);
        // A letter that sends the report (`…关于报送《2020年政府信息公开工作年度报告》的函`)
        // names it in book-title marks; a navigation line (`首页 > 政务公开 >
        // … > …年度报告`) too: neither is the title.
        if quotes_the_report(body) || template::is_breadcrumb(body) {
            continue;
        }
        if let Some(next) = visible.get(n + 1)
            && let Some(joined) = two_line_title(body, text[next.start..next.end].trim())
        {
            let found = (joined, start, next.start + text[next.start..next.end].trim_end().len());
            if let Some(title) = held.offer(found, n, true) {
                return Some(title);
            }
            continue;
        }
        // A page flattened to one line that starts with its title, run into
        // what follows (`随县经济开发区2019年政府信息公开工作年度报告2019年,…`):
        // the title up to its standard end.
        if n == 0
            && !at_most(body, RUN_IN_TITLE_LINE_CHARS)
            && let Some(end) = run_in_title_end(body)
        {
            return Some((body[..end].to_string(), start, start + end));
        }
        if template::has_title_words(body)
            && title_short(body)
            && let Some(title) = held.offer((body.to_string(), start, start + body.len()), n, false)
        {
            return Some(title);
        }
        if held.waited(n) {
            break;
        }
    }
    held.partial.map(|h| h.0).or(held.fallback.map(|h| h.0))
}

/// Short enough for a title, and no sentence.
fn title_short(s: &str) -> bool {
    at_most(s, 64) && !s.contains('。') && !s.contains(',') && !s.contains('，')
}

/// A title broken over two lines, anywhere (`2024年南关区永吉街道办事处` /
/// `政府信息公开工作年度报告`, or `…2024年度政府` / `信息公开工作年度报告`):
/// the two lines together, when the first is a short line without the
/// words and the two together have them and complete the second (a whole
/// title on the next line takes this line only when it lacks the agency
/// or the year that this line gives).
fn two_line_title(body: &str, next: &str) -> Option<String> {
    let has_words = template::has_title_words;
    if has_words(body) || !title_short(body) || !at_most(body, 40) || body.contains(['：', ':', '>', '/', '|', '»']) {
        return None;
    }
    let joined = format!("{body}{next}");
    let completes = if has_words(next) {
        let (agency, year) = agency_and_year(next);
        let (agency2, year2) = agency_and_year(&joined);
        (agency.is_none() && agency2.is_some()) || (year.is_none() && year2.is_some())
    } else {
        at_most(next, 16)
    };
    (has_words(&joined) && title_short(&joined) && completes).then_some(joined)
}

type HeldTitle = ((String, usize, usize), usize);

/// Titles found that may yield to a better one among the next few lines:
/// one that names an agency or a year but not both (a site's name and its
/// column, `北京市西城区人民政府` / `政府信息公开年报`, or a page's header line,
/// `关于2021年度政府信息公开工作的年度报告`, above the report's title), and one
/// that names neither (a subtitle, `关于政府信息公开情况的报告`).
#[derive(Default)]
struct HeldTitles {
    partial: Option<HeldTitle>,
    fallback: Option<HeldTitle>,
}

impl HeldTitles {
    /// A title found on line `n`: itself when it names an agency and a year;
    /// otherwise it is held. (A title over two lines that names neither is
    /// held as partial: the two lines together are the title.)
    fn offer(&mut self, found: (String, usize, usize), n: usize, joined: bool) -> Option<(String, usize, usize)> {
        let (agency, year) = agency_and_year(&found.0);
        if year.is_some() && agency.is_some() {
            return Some(found);
        }
        let slot = if agency.is_some() || year.is_some() || joined { &mut self.partial } else { &mut self.fallback };
        if slot.is_none() {
            *slot = Some((found, n));
        }
        None
    }

    /// Whether the lines after a held title have been looked through.
    fn waited(&self, n: usize) -> bool {
        match (&self.partial, &self.fallback) {
            (Some((_, line)), _) | (None, Some((_, line))) => n >= line + 3,
            (None, None) => false,
        }
    }
}

/// A first line this long is a page flattened to one line, whose title may
/// run into the text after it.
const RUN_IN_TITLE_LINE_CHARS: usize = 200;
/// The longest title read from the start of such a line.
const RUN_IN_TITLE_CHARS: usize = 48;

/// Where a title that starts `line` ends, when the line runs on after it:
/// at the first standard end of a title, the words before it short, without
/// a sentence's punctuation, and naming an agency or a year.
fn run_in_title_end(line: &str) -> Option<usize> {
    let window = line.char_indices().nth(RUN_IN_TITLE_CHARS).map_or(line.len(), |(i, _)| i);
    let end = template::title_end(&line[..window])?;
    let title = &line[..end];
    let sentence = title.contains(['。', ',', '，', ';', ':', '《', '》']);
    let (agency, year) = agency_and_year(title);
    (template::has_title_words(title) && !sentence && (agency.is_some() || year.is_some())).then_some(end)
}

/// A title line without the page's next metadata field run onto it
/// (`XX2020年度政府信息公开工作年度报告 发布日期: 2021年01月14日`): cut at the
/// title's standard end when a field (a word and a colon) follows it.
fn without_trailing_field(body: &str) -> &str {
    let end = template::title_end(body);
    match end {
        Some(end) if body[end..].starts_with([' ', '\t']) && body[end..].contains([':', '：']) => &body[..end],
        _ => body,
    }
}

/// Whether a line names the report only inside book-title marks (`《…年度报告》`).
fn quotes_the_report(body: &str) -> bool {
    let Some(open) = body.find('《') else { return false };
    let close = body[open..].find('》').map_or(body.len(), |c| open + c);
    let inside = &body[open..close];
    template::TITLE_SUFFIXES.iter().any(|s| inside.contains(s))
        && !template::TITLE_SUFFIXES.iter().any(|s| body[..open].contains(s) || body[close..].contains(s))
}

fn strip_title_prefix(raw: &str, offset: usize) -> (usize, &str) {
    let trimmed = raw.trim_start_matches(['#', ' ', '\t']);
    let mut start = offset + raw.len() - trimmed.len();
    let mut body = trimmed;
    let rest = after_page_head(body)
        .or_else(|| template::TITLE_FIELD_LABELS.iter().find_map(|label| after_field_label(body, label)));
    if let Some(rest) = rest {
        start += body.len() - rest.len();
        body = rest;
    }
    (start, body.trim_end())
}

fn is_gap(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{3000}')
}

/// What follows a field label and its colon at the start of `line` (`名 称:
/// …`, the label's characters possibly spaced apart), trimmed.
fn after_field_label<'a>(line: &'a str, label: &str) -> Option<&'a str> {
    let mut rest = line;
    for c in label.chars() {
        rest = rest.trim_start_matches(is_gap).strip_prefix(c)?;
    }
    let rest = rest.trim_start_matches(is_gap);
    Some(rest.strip_prefix([':', '：'])?.trim_start_matches(is_gap))
}

/// What follows a page's running head (`Page 8 - `) at the start of `line`.
fn after_page_head(line: &str) -> Option<&str> {
    let rest = line.strip_prefix(template::PAGE_HEAD)?;
    let rest = rest.trim_start_matches(|c: char| c.is_ascii_digit());
    (rest.len() < line.len() - template::PAGE_HEAD.len())
        .then(|| rest.trim_start_matches(is_gap))?
        .strip_prefix(['-', '–', '—'])
        .map(|r| r.trim_start_matches(is_gap))
}

/// The agency and year named in a title.
pub(crate) fn agency_and_year(title: &str) -> (Option<String>, Option<i32>) {
    let year = super::cells::first_year(title).or_else(|| year_before_subject(title));
    let mut rest = title.to_string();
    if let Some((at, _)) = year {
        // Remove `2024 年` / `2024年度` (with the spaces around it).
        let after = &title[at + 4..];
        let mut cut = at + 4;
        for c in after.chars() {
            if c == ' ' || c == '年' || c == '度' {
                cut += c.len_utf8();
            } else {
                break;
            }
        }
        rest = format!("{}{}", &title[..at], &title[cut..]);
    }
    for suffix in template::TITLE_SUFFIXES {
        if let Some(at) = rest.find(suffix) {
            // The 政府 of 人民政府 stays with the agency when the report's name
            // lacks its own (`会仪镇人民政府2021年信息公开年度报告`).
            let own = template::AGENCY_GOVERNMENT
                .strip_suffix(template::GOVERNMENT)
                .is_some_and(|people| rest[..at].ends_with(people) && suffix.starts_with(template::GOVERNMENT));
            rest.truncate(if own { at + template::GOVERNMENT.len() } else { at });
            break;
        }
    }
    // Other wordings (`关于政府信息公开情况的报告`): the agency stands
    // before the subject, never after it.
    if let Some(at) = rest.find(template::TITLE_SUBJECT).or_else(|| rest.find(template::TITLE_SHORT_SUBJECT)) {
        rest.truncate(at);
    }
    let mut agency = rest.trim().trim_matches(|c: char| matches!(c, ' ' | ':' | '—' | '-' | '_'));
    for link in template::TITLE_AGENCY_LINKS {
        agency = agency.trim_start_matches(link).trim_end_matches(link).trim();
    }
    // A mirror site's name run into the title (`puroview.com东城街道`): a
    // domain is no part of an agency's name.
    let domain = agency.char_indices().find(|(_, c)| !c.is_ascii_alphanumeric() && !matches!(c, '.' | '-'));
    if let Some((at, _)) = domain
        && agency[..at].contains('.')
        && agency[..at].chars().any(|c| c.is_ascii_alphabetic())
    {
        agency = agency[at..].trim_start();
    }
    // An agency is named in Chinese: what is left without a Chinese
    // character (`>`, a page's marks) is none.
    let agency = if agency.chars().any(crate::normalize::is_han) { agency } else { "" };
    let agency = agency.to_string();
    let agency = (!agency.is_empty() && agency.chars().count() <= MAX_AGENCY_CHARS).then_some(agency);
    (agency, year.map(|(_, y)| y))
}

/// A year written without 年 right before the title's subject
/// (`北京市西城区人民防空办公室2020政府信息公开工作年度报告`, its title over two
/// lines): its offset and value.
fn year_before_subject(title: &str) -> Option<(usize, i32)> {
    let at = title.find(template::TITLE_SUBJECT)?;
    let digits = title[..at].trim_end();
    let start = digits.len().checked_sub(4)?;
    let year: i32 = digits.get(start..)?.parse().ok()?;
    let alone = !digits[..start].ends_with(|c: char| c.is_ascii_digit());
    (alone && (1990..=2100).contains(&year)).then_some((start, year))
}

/// An agency written on a line of its own next to a title that names none.
pub(crate) fn agency_near(text: &str, lines: &[Line], title_start: usize) -> Option<String> {
    let visible: Vec<&Line> = lines.iter().filter(|l| l.kind != LineKind::Blank).collect();
    let i = visible.iter().position(|l| l.start <= title_start && title_start <= l.end)?;
    let looks_like_agency = |l: &Line| {
        let s = text[l.start..l.end].trim();
        let n = s.chars().count();
        (2..=30).contains(&n)
            && !s.chars().any(|c| c.is_ascii_digit() || matches!(c, '，' | ',' | '。' | ':' | '：' | '(' | '、'))
            && !s.contains(template::TITLE_SUBJECT)
    };
    let before = i.checked_sub(1).and_then(|j| visible.get(j)).filter(|l| looks_like_agency(l));
    let after = visible.get(i + 1).filter(|l| looks_like_agency(l));
    before.or(after).map(|l| text[l.start..l.end].trim().to_string())
}

/// The statistical period: a date range after one of the period words, or
/// failing that the first date range in the opening of the report.
/// A period after its words whose dates cannot be read because a year runs
/// into the month (`自20201月1日起至202012月31日止`): its range, from the
/// first digit to the last `日`.
pub(crate) fn find_garbled_period(text: &str) -> Option<(usize, usize)> {
    for word in template::PERIOD_WORDS {
        let Some(pos) = memchr::memmem::find(text.as_bytes(), word.as_bytes()) else { continue };
        let from = pos + word.len();
        let window: String = text[from..].chars().take(PERIOD_WINDOW_CHARS).collect();
        let window = window.split(['。', ';']).next().unwrap_or("");
        // A year run into its month (`20201月`): five or six digits before
        // 月. (Where both 年 and 月 are gone, `202011日`, the characters
        // were more likely lost by the page or its copy than typed so: no
        // finding.)
        let glued = window.split('月').any(|before| {
            let digits = before.chars().rev().take_while(char::is_ascii_digit).count();
            (5..=6).contains(&digits)
        });
        let start = window.find(|c: char| c.is_ascii_digit());
        let end = window.rfind('日');
        if let (true, Some(s), Some(e)) = (glued, start, end)
            && s < e
        {
            return Some((from + s, from + e + '日'.len_utf8()));
        }
    }
    None
}

pub(crate) fn find_period(text: &str, before: usize) -> Option<(super::cells::Date, super::cells::Date, usize, usize)> {
    let try_from = |from: usize, span: usize| {
        let end = (from + span).min(text.len());
        // A period wrapped over two lines (`…至2024年` / `12月31日`): line
        // breaks read as spaces, which keeps every byte offset.
        let mut stop = (end + 80).min(text.len());
        while !text.is_char_boundary(stop) {
            stop -= 1;
        }
        let flat = text.get(from..stop)?.replace('\n', " ");
        let slice = flat.as_str();
        for (off, c) in slice.char_indices() {
            if from + off >= end {
                break;
            }
            if c.is_ascii_digit()
                && (off == 0 || !slice[..off].ends_with(|p: char| p.is_ascii_digit()))
                && let Ok((rest, (a, b))) = super::cells::period(&slice[off..])
            {
                return Some((a, b, from + off, from + slice.len() - rest.len()));
            }
        }
        None
    };
    for word in template::PERIOD_WORDS {
        let mut at = 0;
        while let Some(pos) = text.get(at..).and_then(|s| memchr::memmem::find(s.as_bytes(), word.as_bytes())) {
            let p = at + pos + word.len();
            if let Some(found) = try_from(p, 90) {
                return Some(found);
            }
            at = p;
        }
    }
    try_from(0, before.min(4000)).or_else(|| {
        // Failing both, a whole year's range later in the opening, in
        // section 一 (`本报告内容涵盖我局2025年1月1日至12月31日期间的…`, a report
        // that starts at 一 with no words of a period).
        let whole_year = |a: &super::cells::Date, b: &super::cells::Date| {
            (a.month, a.day, b.month, b.day) == (1, 1, 12, 31) && b.year.is_none_or(|y| a.year == Some(y))
        };
        let mut at = before.min(text.len());
        while at < text.len().min(4000) {
            let found = try_from(at, 4000 - at)?;
            if whole_year(&found.0, &found.1) {
                return Some(found);
            }
            at = found.3;
        }
        None
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::grammar::outline;

    fn title(text: &str) -> Option<(String, Option<String>, Option<i32>)> {
        let lines = outline(text);
        let (t, _, _) = find_title(text, &lines, text.len())?;
        let (agency, year) = agency_and_year(&t);
        Some((t, agency, year))
    }

    /// The agency stands before the subject: a subtitle names none.
    #[test]
    fn the_agency_is_never_taken_from_after_the_subject() {
        assert_eq!(agency_and_year("关于政府信息公开情况的报告"), (None, None));
        assert_eq!(agency_and_year("——关于2024年政府信息公开情况的报告"), (None, Some(2024)));
        assert_eq!(
            agency_and_year("XX县财政局关于2024年度政府信息公开工作情况的报告").0.as_deref(),
            Some("XX县财政局")
        );
        assert_eq!(agency_and_year("铁边城镇2022年度政府信息公开年报").0.as_deref(), Some("铁边城镇"));
        // The 政府 of 人民政府 before a name without its own (a township, 2021).
        assert_eq!(agency_and_year("会仪镇人民政府2021年信息公开年度报告").0.as_deref(), Some("会仪镇人民政府"));
        assert_eq!(agency_and_year("会仪镇人民政府2021年政府信息公开年度报告").0.as_deref(), Some("会仪镇人民政府"));
        assert_eq!(agency_and_year("新抚区发改局2020年信息公开年度报告").0.as_deref(), Some("新抚区发改局"));
        assert_eq!(
            agency_and_year("puroview.com东城街道2019年政府信息公开工作年度报告").0.as_deref(),
            Some("东城街道")
        );
        assert!(template::has_title_words("新抚区发改局2020年信息公开年度报告"));
        assert!(!template::has_title_words("关于加强信息公开工作的报告"));
        // Marks left of a page's navigation are no agency.
        assert_eq!(agency_and_year("> 信息公开年度报告").0, None);
    }

    /// A period wrapped over two lines is read whole, with its span in the
    /// text as it stands.
    #[test]
    fn a_period_over_two_lines_is_found() {
        let text = "本报告统计期限自2024年1月1日起至2024年\n12月31日止。";
        let (from, to, s, e) = find_period(text, text.len()).expect("period");
        assert_eq!((from.month, from.day, to.year, to.month, to.day), (1, 1, Some(2024), 12, 31));
        assert_eq!(&text[s..e], "2024年1月1日起至2024年\n12月31日");
    }

    /// A period from a street office's report (xialuqu.gov.cn, 2022),
    /// its first date followed by `始`.
    #[test]
    fn a_period_written_from_start_to_end_is_found() {
        let text = "报告中所列数据统计期限自2022年1月1日始至2022年12月31日止。\n一、总体情况\n";
        let (from, to, s, e) = find_period(text, text.len()).expect("period");
        assert_eq!((from.year, from.month, from.day), (Some(2022), 1, 1));
        assert_eq!((to.year, to.month, to.day), (Some(2022), 12, 31));
        assert_eq!(&text[s..e], "2022年1月1日始至2022年12月31日");
    }

    /// A report that starts at section 一 with its period in a sentence of
    /// it, with no period words (a water bureau's report of 2025, in
    /// traditional characters on a mirror): a whole year's range is the
    /// period; another range is not.
    #[test]
    fn a_whole_years_range_in_section_1_is_the_period() {
        let text = "一、总体情况\n根据条例的规定,现向社会公布开平市水利局2025年信息公开工作年度报告。\
                    本报告内容涵盖我局2025年1月1日至12月31日期间的政府信息公开工作情况。\n";
        let (from, to, s, e) = find_period(text, 0).expect("period");
        assert_eq!((from.year, from.month, to.month, to.day), (Some(2025), 1, 12, 31));
        assert_eq!(&text[s..e], "2025年1月1日至12月31日");
        let campaign = "一、总体情况\n2025年3月1日至6月30日开展专项行动。\n";
        assert!(find_period(campaign, 0).is_none());
    }

    /// A report with its table of contents after the title (as a PDF
    /// prints one: leaders and page numbers) reads as the report without it:
    /// the entries are neither sections, nor sections twice, nor headings
    /// worded otherwise.
    #[test]
    fn a_table_of_contents_is_no_section() {
        let seed = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/corpus/seed/huaibin-luji_2024.txt"))
            .unwrap_or_default();
        let at = seed.find("一、总体情况").expect("section 一");
        let toc: String = template::SECTIONS
            .iter()
            .enumerate()
            .map(|(i, s)| format!("{} {} {}\n", s.heading, ".".repeat(30), i + 1))
            .collect();
        let with_toc = format!("{}目录\n{toc}{}", &seed[..at], &seed[at..]);
        let codes = |text: &str| {
            let parsed = crate::parse_str(text);
            let sections: Vec<_> = parsed.report.sections.iter().map(|s| s.number).collect();
            let codes: Vec<_> =
                crate::rules::check(&parsed, crate::rules::Selection::default()).iter().map(|d| d.code).collect();
            (sections, codes)
        };
        assert_eq!(codes(&with_toc), codes(&seed));
        assert_eq!(codes(&with_toc).0, [1, 2, 3, 4, 5, 6]);
    }

    /// A page flattened to one line with no space after its title (a mirror
    /// of a development zone's report, 2019): the title up to its standard
    /// end; a long first sentence that names the report is no title.
    #[test]
    fn a_title_run_into_a_flattened_line_is_read() {
        let rest =
            "2019年,随县经济开发区在县委、县政府的正确领导下,认真贯彻落实《条例》和中央、省、市、县工作部署要求。"
                .repeat(4);
        let page = format!("随县经济开发区2019年政府信息公开工作年度报告{rest}\n");
        let t = title(&page).expect("title");
        assert_eq!(
            (t.0.as_str(), t.1.as_deref()),
            ("随县经济开发区2019年政府信息公开工作年度报告", Some("随县经济开发区"))
        );
        let preamble = format!("根据《条例》,现公布桐梓县2022年政府信息公开工作年度报告{rest}\n");
        assert_eq!(title(&preamble), None);
    }

    /// A letter sending the report is not its title, and the page's next
    /// field after a title is not part of it (two mirrors of 2020 reports).
    #[test]
    fn a_covering_letter_and_a_trailing_field_are_no_title() {
        let letter = "四川省发展和改革委员会关于报送《2020年政府信息公开工作年度报告》的函(川发改函〔2021〕6号)\n\
                      发布日期:2021-01-25 信息来源:办公室\n四川省发展和改革委员会\n2020年政府信息公开工作年度报告\n一、总体情况\n";
        let t = title(letter).expect("title");
        assert_eq!(t.1.as_deref(), Some("四川省发展和改革委员会"), "{t:?}");
        let field = "名 称: 咸宁高新区2020年度政府信息公开工作年度报告 发布日期: 2021年01月14日\n一、总体情况\n";
        let t = title(field).expect("title");
        assert_eq!((t.0.as_str(), t.1.as_deref()), ("咸宁高新区2020年度政府信息公开工作年度报告", Some("咸宁高新区")));
    }

    /// A site's name and its column above the title (`北京市西城区人民政府` /
    /// `政府信息公开年报`, a district office's page of 2020) yield to the title
    /// below them, whose year is written without 年 at the end of its first
    /// line.
    #[test]
    fn a_sites_name_and_column_yield_to_the_title_with_a_year() {
        let page = "北京市西城区人民政府\n\n政府信息公开年报\n\n北京市西城区人民防空办公室2020\n\n政府信息公开工作年度报告\n\n\
                    发布时间:2021-01-19\n\n一、总体情况\n";
        let t = title(page).expect("title");
        assert_eq!((t.1.as_deref(), t.2), (Some("北京市西城区人民防空办公室"), Some(2020)), "{t:?}");
        // Alone, a title without a year is the title (S108 says what it lacks).
        let t = title("会同县林业局信息公开工作年度报告\n一、总体情况\n").expect("title");
        assert_eq!((t.1.as_deref(), t.2), (Some("会同县林业局"), None));
    }

    /// A page's header line that names the report but no agency yields to
    /// the title below it that names both (a township's page of 2021).
    #[test]
    fn a_page_header_without_the_agency_yields_to_the_title() {
        let page = "关于2021年度政府信息公开工作的年度报告\n发布时间:2022-01-20\n来源:新九镇\n\
                    盐边县新九镇人民政府\n\n关于2021年度政府信息公开工作的年度报告\n一、总体情况\n";
        let t = title(page).expect("title");
        assert_eq!((t.1.as_deref(), t.2), (Some("盐边县新九镇人民政府"), Some(2021)), "{t:?}");
        // Alone, a title without the agency is the title.
        let t = title("2023年政府信息公开工作年度报告\n一、总体情况\n").expect("title");
        assert_eq!((t.1, t.2), (None, Some(2023)));
    }

    /// A title after a page's metadata label (`名 称:`, spaced, from a street
    /// office's page) or a flipbook page's running head (`Page 8 - `): the
    /// title is what follows, its span too.
    #[test]
    fn labels_and_page_heads_before_a_title_are_not_part_of_it() {
        let page = "- 设为首页\n- 加入收藏\n- 无障碍阅读\n- 长者版\n\
                    名 称: 新下陆街道办事处2022年度 政府信息公开工作年度报告\n\
                    索 引 号: 000014349/2023-05239 发布日期: 2023-01-17 发布机构: 新下陆街道\n\
                    新下陆街道办事处2022年度 政府信息公开工作年度报告\n一、总体情况\n";
        let (t, s, e) = find_title(page, &outline(page), page.len()).expect("title");
        assert_eq!(t, "新下陆街道办事处2022年度 政府信息公开工作年度报告");
        assert_eq!(&page[s..e], t);
        assert!(page[..s].ends_with("名 称: "));
        assert_eq!(agency_and_year(&t), (Some("新下陆街道办事处".to_string()), Some(2022)));
        let flipbook = "Page 8 - 威海市文登区信访局2022年政府信息公开工作年度报告\nP. 8\n\
                        四、因政府信息公开工作被申请行政复议提起行政诉讼情况\n";
        let t = title(flipbook).expect("title");
        assert_eq!(
            (t.0.as_str(), t.1.as_deref()),
            ("威海市文登区信访局2022年政府信息公开工作年度报告", Some("威海市文登区信访局"))
        );
        for (line, expected) in [
            ("标题:XX县财政局2024年政府信息公开工作年度报告", Some("XX县财政局2024年政府信息公开工作年度报告")),
            ("标 题 ： XX县财政局2024年政府信息公开工作年度报告", Some("XX县财政局2024年政府信息公开工作年度报告")),
            ("Page 12 — XX县财政局2024年政府信息公开工作年度报告", Some("XX县财政局2024年政府信息公开工作年度报告")),
        ] {
            assert_eq!(title(line).map(|t| t.0).as_deref(), expected, "{line}");
        }
        // No colon, no number: no label, no page head.
        assert_eq!(after_field_label("名称规范的XX局2024年政府信息公开工作年度报告", "名称"), None);
        assert_eq!(after_page_head("Page - XX局"), None);
        assert_eq!(after_page_head("Page 3 XX局"), None);
    }

    /// A subtitle before the title yields to it; a breadcrumb is no title.
    #[test]
    fn subtitles_and_breadcrumbs_yield_to_the_title() {
        let t = title("关于政府信息公开情况的报告\n\nXX县财政局2024年政府信息公开工作年度报告\n一、总体情况\n");
        assert_eq!(t.map(|t| t.0).as_deref(), Some("XX县财政局2024年政府信息公开工作年度报告"));
        let t =
            title("首页 > 政务公开 > 年报 > 部门政府信息公开工作年度报告\nXX县财政局2024年政府信息公开工作年度报告\n");
        assert_eq!(t.and_then(|t| t.1).as_deref(), Some("XX县财政局"));
        for crumb in ["> 信息公开年度报告", "您当前的位置: 首页 > 政府信息公开年报"] {
            let t = title(&format!("{crumb}\n\nXX县财政局2024年政府信息公开工作年度报告\n一、总体情况\n"));
            assert_eq!(t.and_then(|t| t.1).as_deref(), Some("XX县财政局"), "{crumb}");
        }
        // Alone, the subtitle is the title (S108 then says what it lacks).
        let t = title("关于政府信息公开情况的报告\n一、总体情况\n");
        assert_eq!(t.map(|t| (t.0, t.1)), Some(("关于政府信息公开情况的报告".to_string(), None)));
    }
}
