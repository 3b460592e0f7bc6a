//! Rules across reports (the bulk scan): the same agency's reports of
//! consecutive years must continue each other. Each report leaves a few
//! facts (its agency, year and the cells these rules compare); the scan
//! keeps only those, and compares them once every file is read.

use crate::Parsed;
use crate::diagnostic::{Code, Diagnostic, Msg};
use crate::model::Span;
use crate::source::LineIndex;
use crate::template::{ColId, REQUEST_COLUMNS, RowId, TableId, col, row};
use std::collections::BTreeMap;

/// A value the cross-report rules compare: its number, where it is, and
/// where that is as `line:column` (for the message in the other file).
#[derive(Debug, Clone, Copy)]
pub struct Fact {
    pub value: i64,
    pub span: Span,
    pub line: usize,
    pub column: usize,
    /// The column just after it (characters, as `column`).
    pub column_end: usize,
}

/// What one report leaves for the rules across reports.
#[derive(Debug, Clone)]
pub struct Facts {
    pub file: String,
    /// The agency, normalised for grouping.
    pub agency: String,
    pub year: i32,
    /// Per applicant column: 二、上年结转 and 四、结转下年度继续办理.
    pub carried_over: Vec<Option<Fact>>,
    pub carried_forward: Vec<Option<Fact>>,
    /// 规章 and 行政规范性文件: (issued, repealed, in force).
    pub documents: Vec<(RowId, [Option<Fact>; 3])>,
    /// The headline counts compared year on year (P503), in the order of
    /// `JUMP_VALUES`.
    pub counts: Vec<Option<Fact>>,
    /// The prose: per line of running text, a hash of its words (digits,
    /// spaces and punctuation left out, so that this year's figures do not
    /// hide a copied sentence) and its line number.
    pub prose: Vec<(u64, usize)>,
}

impl Facts {
    /// The fact a finding across reports about this report points at (its
    /// line and columns), when it points at one.
    pub fn fact_of(&self, d: &Diagnostic) -> Option<&Fact> {
        let span = d.primary_span()?;
        let cells = self.carried_over.iter().chain(&self.carried_forward).chain(&self.counts).flatten();
        let mut all = cells.chain(self.documents.iter().flat_map(|(_, c)| c.iter().flatten()));
        all.find(|x| x.span == span)
    }
}

/// The prose lines of a report: lines of running text (at least twelve
/// Chinese characters, no table cells), hashed by their words.
fn prose(parsed: &Parsed) -> Vec<(u64, usize)> {
    prose_of(&parsed.norm.text)
}

fn prose_of(text: &str) -> Vec<(u64, usize)> {
    let mut out = Vec::new();
    // (The normalised text has no carriage return: its lines end at `\n`.)
    for (i, line) in text.split('\n').enumerate() {
        let b = line.as_bytes();
        if memchr::memchr2(b'\t', b'|', b).is_some() {
            continue;
        }
        // FNV-1a over the line's Han characters (U+4E00–U+9FFF), read from
        // their bytes, with no copy of them: the hashes are compared within
        // one run only. (A lead byte E4–E9 is never inside another character,
        // so the other bytes are passed over one by one.)
        let (mut hash, mut words) = (0xcbf2_9ce4_8422_2325_u64, 0);
        let mut k = 0;
        while k < b.len() {
            match crate::normalize::cjk_code_at(b, k) {
                Some(code) => {
                    if code >= 0x4E00 {
                        hash = (hash ^ u64::from(code)).wrapping_mul(0x0100_0000_01b3);
                        words += 1;
                    }
                    k += 3;
                }
                None => k += 1,
            }
        }
        if words < 12 {
            continue;
        }
        out.push((hash, i + 1));
    }
    out
}

/// The note that points at last year's report: `last year: FILE:LINE:COLUMN`.
fn last_year(file: &str, fact: &Fact) -> Msg {
    Msg::new(
        format!("last year: {file}:{}:{}", fact.line, fact.column),
        format!("上一年：{file}:{}:{}", fact.line, fact.column),
    )
}

/// A value as the user reads it: `行政许可`, `一、本年新收… · 总计`.
fn value_name(row: RowId, column: ColId) -> String {
    let label = super::row_label(row);
    let col_label = [&crate::template::ACTIVE, &crate::template::REQUESTS, &crate::template::REVIEW]
        .iter()
        .flat_map(|t| t.rows.iter())
        .filter(|r| r.id == row && r.columns.len() > 1)
        .flat_map(|r| r.columns.iter())
        .find(|c| c.id == column)
        .map(|c| c.label);
    match col_label {
        Some(c) => format!("{label} · {c}"),
        None => label.to_string(),
    }
}

/// The agency name in a form shared by its reports of different years:
/// year, 年度, spaces and punctuation removed, traditional forms folded.
pub(crate) fn agency_key(agency: &str) -> String {
    let folded = crate::normalize::normalize(agency).text;
    let mut s: String =
        folded.chars().filter(|c| !c.is_whitespace() && !c.is_ascii_digit() && !c.is_ascii_punctuation()).collect();
    for w in ["年度", "政府信息公开工作", "年"] {
        s = s.replace(w, "");
    }
    s
}

/// The rules across reports, run by `scan` once every file is read.
pub(crate) const CODES: &[Code] = &[Code::A205, Code::A206, Code::P502, Code::P503];

/// The headline counts compared year on year (P503): table, row, column.
pub(crate) const JUMP_VALUES: &[(TableId, RowId, ColId)] = &[
    (TableId::Requests, row::NEW_RECEIVED, col::TOTAL),
    (TableId::Requests, row::OUTCOME_TOTAL, col::TOTAL),
    (TableId::Requests, row::GRANTED, col::TOTAL),
    (TableId::Active, row::LICENSING, col::SINGLE),
    (TableId::Active, row::PUNISHMENT, col::SINGLE),
    (TableId::Active, row::COERCION, col::SINGLE),
    (TableId::Active, row::NORMATIVE_DOCUMENTS, col::ISSUED),
    (TableId::Review, row::RECONSIDERATION, col::TOTAL),
];
/// A count this many times last year's, or this fraction of it, is a jump.
const JUMP_RATIO: i64 = 5;
/// Counts where both years are under this are left alone.
const JUMP_FLOOR: i64 = 20;

/// The facts of a linted report (`name`, as parsed, and the line index of
/// the text shown), when it names its agency and year; their places are in
/// the text shown.
pub fn facts(name: &str, parsed: &Parsed, lines: &LineIndex) -> Option<Facts> {
    let report = &parsed.report;
    // A page that is no report (a list of report titles, a news item) or a
    // file that could not be read leaves nothing to compare.
    if parsed.diagnostics.iter().any(|d| d.code == Code::I001 || d.code == Code::I003) {
        return None;
    }
    let agency = agency_key(report.agency.as_deref()?);
    let year = report.year?;
    if agency.is_empty() {
        return None;
    }
    let fact = |c: Option<&crate::model::Cell>| {
        let c = c?;
        let span = parsed.display_span(c.span);
        let (line, column) = lines.line_col(span.start);
        let column_end = lines.line_col(span.end).1;
        c.int().map(|value| Fact { value, span, line, column, column_end })
    };
    let t3 = report.requests.as_ref().filter(|t| !t.layout_lost);
    let column = |row: RowId| REQUEST_COLUMNS.iter().map(|c| fact(t3.and_then(|t| t.cell(row, c.id)))).collect();
    let t2 = report.active.as_ref().filter(|t| !t.layout_lost);
    let docs = [row::REGULATIONS, row::NORMATIVE_DOCUMENTS].map(|row| {
        (row, [col::ISSUED, col::REPEALED, col::IN_FORCE].map(|col| fact(t2.and_then(|t| t.cell(row, col)))))
    });
    let counts = JUMP_VALUES
        .iter()
        .map(|(table, row, col)| {
            let t = report.tables().find(|t| t.def.id == *table && !t.layout_lost);
            fact(t.and_then(|t| t.cell(*row, *col)))
        })
        .collect();
    Some(Facts {
        file: name.to_string(),
        counts,
        agency,
        year,
        carried_over: column(row::CARRIED_OVER),
        carried_forward: column(row::CARRIED_FORWARD),
        documents: docs.to_vec(),
        prose: prose(parsed),
    })
}

/// The diagnostics across reports, each for the later report's file.
pub fn check(all: &[Facts], selection: &super::Selection) -> Vec<(String, Diagnostic)> {
    let mut by_agency: BTreeMap<(&str, i32), Vec<&Facts>> = BTreeMap::new();
    for f in all {
        by_agency.entry((&f.agency, f.year)).or_default().push(f);
    }
    // The same findings whatever order the files were read in (a scan's
    // threads finish in any order): an agency's reports of a year by name.
    for reports in by_agency.values_mut() {
        reports.sort_by(|a, b| a.file.cmp(&b.file));
    }
    let mut out = Vec::new();
    let on = |code: Code| selection.severity(code);
    for ((agency, year), reports) in &by_agency {
        // One report of a year per agency: duplicates (a page and its text)
        // would compare a report with its own copy.
        let (Some(this), Some(last)) = (reports.first(), by_agency.get(&(agency, year - 1)).and_then(|l| l.first()))
        else {
            continue;
        };
        if let Some(sev) = on(Code::A205) {
            for (i, col) in REQUEST_COLUMNS.iter().enumerate() {
                let (Some(Some(now)), Some(Some(before))) = (this.carried_over.get(i), last.carried_forward.get(i))
                else {
                    continue;
                };
                if now.value == before.value {
                    continue;
                }
                let mut d = Diagnostic::new(
                    Code::A205,
                    Msg::new(
                        format!(
                            "{year}: 二、上年结转 · {} is {} but the {} report carried {} forward (四、结转下年度继续办理)",
                            col.label,
                            now.value,
                            year - 1,
                            before.value
                        ),
                        format!(
                            "{year} 年“二、上年结转·{}”为 {}，但 {} 年报告“四、结转下年度继续办理”为 {}",
                            col.label,
                            now.value,
                            year - 1,
                            before.value
                        ),
                    ),
                )
                .primary(now.span, Msg::new("carried over this year", "本年上年结转"))
                .note(last_year(&last.file, before));
                d.severity = sev;
                out.push((this.file.clone(), d));
            }
        }
        if let Some(sev) = on(Code::P502)
            && this.prose.len() >= 10
        {
            let before: std::collections::HashSet<u64> = last.prose.iter().map(|p| p.0).collect();
            let same: Vec<usize> = this.prose.iter().filter(|p| before.contains(&p.0)).map(|p| p.1).collect();
            let share = same.len() as f64 / this.prose.len() as f64;
            if share >= 0.9 {
                let pct = (share * 100.0).round();
                let first: Vec<String> = same.iter().take(5).map(|l| l.to_string()).collect();
                let mut d = Diagnostic::new(
                    Code::P502,
                    Msg::new(
                        format!(
                            "{pct}% of the prose of the {year} report repeats the {} report word for word (figures aside)",
                            year - 1
                        ),
                        format!("{year} 年报告正文有 {pct}% 与 {} 年报告逐字相同（数字除外）", year - 1),
                    ),
                )
                .primary(Span::new(0, 0), Msg::new("this report", "本报告"))
                .note(Msg::new(
                    format!("unchanged lines include {}; last year: {}", first.join(", "), last.file),
                    format!("相同的行包括第 {} 行；上一年：{}", first.join("、"), last.file),
                ));
                d.severity = sev;
                out.push((this.file.clone(), d));
            }
        }
        if let Some(sev) = on(Code::P503) {
            for (i, (_, row, column)) in JUMP_VALUES.iter().enumerate() {
                let (Some(Some(now)), Some(Some(before))) = (this.counts.get(i), last.counts.get(i)) else { continue };
                let (n, b) = (now.value, before.value);
                let jump = b > 0
                    && n.max(b) >= JUMP_FLOOR
                    && (n > b.saturating_mul(JUMP_RATIO) || n.saturating_mul(JUMP_RATIO) < b);
                if !jump {
                    continue;
                }
                let what = value_name(*row, *column);
                let (en, zh) = if n > b { ("grew", "增长到") } else { ("fell", "降到") };
                let times = if n > b {
                    format!("{:.1}×", n as f64 / b as f64)
                } else {
                    format!("{:.2}×", n as f64 / b as f64)
                };
                let mut d = Diagnostic::new(
                    Code::P503,
                    Msg::new(
                        format!(
                            "{what} {en} from {b} in {} to {n} in {year} ({times}): check the figure, or say why",
                            year - 1
                        ),
                        format!("{what}从 {} 年的 {b} {zh} {year} 年的 {n}（{times}），请核实数字或说明原因", year - 1),
                    ),
                )
                .primary(now.span, Msg::new(format!("{n} this year"), format!("本年 {n}")))
                .note(last_year(&last.file, before));
                d.severity = sev;
                out.push((this.file.clone(), d));
            }
        }
        if let Some(sev) = on(Code::A206) {
            for ((row, now), (_, before)) in this.documents.iter().zip(&last.documents) {
                let ([Some(issued), Some(repealed), Some(in_force)], Some(prev)) = (now, before[2]) else { continue };
                let Some(expected) = prev.value.checked_add(issued.value).and_then(|v| v.checked_sub(repealed.value))
                else {
                    continue;
                };
                if expected == in_force.value {
                    continue;
                }
                let label = super::row_label(*row);
                let mut d = Diagnostic::new(
                    Code::A206,
                    Msg::new(
                        format!(
                            "{year}: {label} in force is {} but last year's {} + {} issued − {} repealed = {expected}",
                            in_force.value, prev.value, issued.value, repealed.value
                        ),
                        format!(
                            "{year} 年{label}现行有效 {} 件，但上年现行有效 {} + 本年制发 {} − 本年废止 {} = {expected}",
                            in_force.value, prev.value, issued.value, repealed.value
                        ),
                    ),
                )
                .primary(in_force.span, Msg::new("in force this year", "本年现行有效"))
                .note(last_year(&last.file, &prev));
                d.severity = sev;
                out.push((this.file.clone(), d));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts_of(name: &str, text: &str) -> Facts {
        let parsed = crate::parse_str(text);
        facts(name, &parsed, &parsed.lines).expect("an agency and a year")
    }

    #[test]
    fn prose_lines_are_hashed_by_their_chinese_characters_alone() {
        let by_chars = |text: &str| -> Vec<(u64, usize)> {
            let mut out = Vec::new();
            for (i, line) in text.lines().enumerate() {
                if line.contains(['\t', '|']) {
                    continue;
                }
                let han: Vec<char> = line.chars().filter(|c| crate::normalize::is_han(*c)).collect();
                let hash = han.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, c| {
                    (h ^ u64::from(u32::from(*c))).wrapping_mul(0x0100_0000_01b3)
                });
                if han.len() >= 12 {
                    out.push((hash, i + 1));
                }
            }
            out
        };
        // Chinese characters among ASCII, punctuation, CJK extension A
        // (`㐀`, not counted), a four-byte character and a table line.
        let text = "本机关2024年认真贯彻落实条例，㐀主动公开政府信息𠀀共计12条（见附表）。\n\
            短行\n规章\t0\t1\n本年度收到政府信息公开申请同比增长，办理结果均依法答复\n";
        let hashed = prose_of(text);
        assert_eq!(hashed, by_chars(text));
        assert_eq!(hashed.iter().map(|h| h.1).collect::<Vec<_>>(), [1, 4]);
    }

    /// A fact's columns count characters: a full-width `５` is one column
    /// wide, not its three bytes.
    #[test]
    fn a_facts_columns_count_characters() {
        let seed = super::super::testing::seed();
        let over = "二、上年结转政府信息公开申请数量\t\t0\t0\t0\t0\t0\t0\t0";
        assert!(seed.contains(over));
        let wide = seed.replacen(over, "二、上年结转政府信息公开申请数量\t\t５\t0\t0\t0\t0\t0\t５", 1);
        let f = facts_of("a_2024.txt", &wide);
        let fact = f.carried_over[0].expect("自然人");
        assert_eq!(fact.value, 5);
        assert_eq!(fact.column_end - fact.column, 1, "{fact:?}");
        assert_eq!(fact.span.end - fact.span.start, 3);
    }

    /// Two copies of a year's report (a page and its text) and last year's:
    /// the findings do not depend on the order the files were read in, as a
    /// scan's threads finish in any order.
    #[test]
    fn findings_do_not_depend_on_the_order_of_the_files() {
        let seed = super::super::testing::seed();
        let forward = "四、结转下年度继续办理\t\t0\t0\t0\t0\t0\t0\t0";
        let last_year =
            seed.replace("2024", "2023").replacen(forward, "四、结转下年度继续办理\t\t5\t0\t0\t0\t0\t0\t5", 1);
        let all = [facts_of("a_2023.txt", &last_year), facts_of("b_2024.html", &seed), facts_of("c_2024.txt", &seed)];
        let files = |found: Vec<(String, Diagnostic)>| found.into_iter().map(|(f, d)| (f, d.code)).collect::<Vec<_>>();
        let forward_order = files(check(&all, &crate::rules::Selection::default()));
        assert!(forward_order.iter().any(|(_, c)| *c == Code::A205), "{forward_order:?}");
        let mut reversed = all.to_vec();
        reversed.reverse();
        assert_eq!(files(check(&reversed, &crate::rules::Selection::default())), forward_order);
    }
}
