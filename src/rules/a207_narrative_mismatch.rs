//! A207 narrative-mismatch: a figure stated in the prose contradicts the tables.

use super::{Ctx, Rule, RuleMeta};
use crate::diagnostic::{Code, Diagnostic, Msg};
use crate::model::{Report, Span, Table};
use crate::parse::labels;
use crate::template::{ColId, RowId, TableId, col, row};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: crate::diagnostic::Code::A207,
        summary: ("a figure stated in the prose contradicts the table", "正文中的数字与统计表不一致"),
        explain: (
            "What: a number written in the text contradicts the table it repeats: applications received \
(收到/受理…申请 N 件, compared with 一、本年新收, or 新收 + 上年结转, since reports use both; 新收…申请 N 件, \
the table's own word, with 一、本年新收 alone), 予以公开 N 件 \
(and 予以公开及部分公开 N 件), 行政复议 N 件, 行政诉讼 N 件 (both groups), 现行有效 (行政)规范性文件 N 件 \
and 制发…规范性文件 N 件.\n\
Why: the prose of 一、总体情况 summarises the tables; when they disagree, one of them is wrong \
(\"数据失准\", 国办公开办函〔2021〕30号 asks for reports that are \"准确\").\n\
Fails: 全年共收到政府信息公开申请 81 件 … with 一、本年新收 · 总计 = 80 and 上年结转 = 0.\n\
Passes: the same text with 80 in the table (or 80 new + 1 carried over).\n\
Fix: correct the text or the table so that both say the same.",
            "检查内容：正文中的数字与其复述的统计表不一致：收到/受理……申请 N 件（与“一、本年新收”或“新收+上年结转”比较，两种写法都有；“新收……申请 N 件”沿用表中用语，只与“一、本年新收”比较）、予以公开 N 件（及“予以公开及部分公开 N 件”）、行政复议 N 件、行政诉讼 N 件（两组之和）、现行有效（行政）规范性文件 N 件、制发……规范性文件 N 件。\n\
依据：“一、总体情况”等正文是对统计表的概述，两者不一致说明其中之一有误（“数据失准”；年报格式要求内容“准确”）。\n\
错误示例：正文“全年共收到政府信息公开申请 81 件”，表三“一、本年新收·总计”为 80、上年结转为 0。\n\
正确示例：表中为 80 时正文也写 80（或新收 80、上年结转 1）。\n\
修改方法：改正正文或统计表，使两者一致。",
        ),
        fixable: false,
    },
    check: Some(check),
};

/// A figure of the tables: the values it may have (several when its cells
/// were glued and could not be split for certain) and where it is.
#[derive(Clone)]
struct Figure {
    values: Vec<i64>,
    span: Span,
    what: (&'static str, &'static str),
}

/// The possible values of one cell: known, or one per reading of its row.
fn possible(table: &Table, row: RowId, col: ColId) -> Option<(Vec<i64>, Span)> {
    let r = table.row(row)?;
    if let Some(c) = r.cell(col) {
        return c.int().map(|v| (vec![v], c.span));
    }
    let i = r.def.columns.iter().position(|c| c.id == col)?;
    let vals: Vec<i64> = r.readings.iter().filter_map(|x| x.get(i).copied().flatten()).collect();
    (!vals.is_empty()).then_some((vals, r.label_span))
}

fn sum_of(a: Option<(Vec<i64>, Span)>, b: Option<(Vec<i64>, Span)>) -> Option<(Vec<i64>, Span)> {
    let (a, sa) = a?;
    let (b, _) = b?;
    Some((a.iter().flat_map(|x| b.iter().filter_map(move |y| x.checked_add(*y))).collect(), sa))
}

/// The verbs of applications received, and whether each counts the new
/// applications alone (`新收`) rather than, as reports also write, new and
/// carried over together.
const RECEIVED_VERBS: &[(&str, bool)] = &[("收到", false), ("受理", false), ("接收", false), ("新收", true)];

/// The number (and its range) after `at`, past a few filler characters:
/// `共计81件`, ` 749 件`, `为2件`.
fn number_after(text: &str, at: usize, max_fill: usize) -> Option<(i64, usize, usize)> {
    let mut pos = at;
    for (n, c) in text[at..].char_indices() {
        if c.is_ascii_digit() {
            pos = at + n;
            break;
        }
        if n >= max_fill * 3
            || !matches!(c, ' ' | '\n' | '共' | '计' | '为' | '了' | '的' | ':' | '"' | '“' | '”' | '达')
        {
            return None;
        }
    }
    let digits: String = text[pos..].chars().take_while(|c| c.is_ascii_digit() || *c == ',').collect();
    let end = pos + digits.len();
    let after = text[end..].trim_start_matches(' ');
    if !after.starts_with('件') {
        return None;
    }
    Some((digits.replace(',', "").parse().ok()?, pos, end))
}

/// Where `word` occurs in `text`, one match after another (SIMD search: the
/// standard library's searcher took a tenth of `check` on short CJK words).
fn occurrences<'a>(text: &'a str, word: &'a str) -> impl Iterator<Item = usize> + 'a {
    memchr::memmem::find_iter(text.as_bytes(), word.as_bytes())
}

fn inside_tables(report: &Report, span: Span) -> bool {
    report.tables().any(|t| t.span.start <= span.start && span.end <= t.span.end.max(t.span.start))
}

/// A figure the prose states after words of its own (`办结 N 件`,
/// `予以公开 N 件`, `行政复议案件 N 件`), and the cells of the tables it
/// repeats.
struct Claim {
    /// The words the figure follows; at one place of the text the first
    /// claim whose words match it is the one read (`予以公开及部分公开` before
    /// `予以公开`).
    words: &'static [&'static str],
    /// Found as a label is (spaces, line breaks and traditional characters
    /// between the words), not only as written.
    loose: bool,
    /// A word that may stand between the words and the figure (`案件`).
    then: Option<&'static str>,
    /// Filler characters allowed before the figure (`共计`, `为`).
    fill: usize,
    /// The table whose cells the figure repeats.
    table: fn(&Report) -> Option<&Table>,
    /// Those cells (their total columns, summed).
    rows: &'static [RowId],
    what: (&'static str, &'static str),
}

fn requests(r: &Report) -> Option<&Table> {
    r.requests.as_ref()
}

fn review(r: &Report) -> Option<&Table> {
    r.review.as_ref()
}

/// The claims read by their words, in the order they are read.
static CLAIMS: &[Claim] = &[
    Claim {
        words: &["办结"],
        loose: false,
        then: None,
        fill: 1,
        table: requests,
        rows: &[row::OUTCOME_TOTAL],
        what: ("（七）总计 · 总计", "（七）总计·总计"),
    },
    Claim {
        words: &["结转下一年度", "结转下一年", "结转下年度继续办理", "结转下年度办理", "结转下年度"],
        loose: false,
        then: None,
        fill: 1,
        table: requests,
        rows: &[row::CARRIED_FORWARD],
        what: ("四、结转下年度继续办理 · 总计", "四、结转下年度继续办理·总计"),
    },
    Claim {
        words: &["予以公开及部分公开", "予以公开和部分公开"],
        loose: true,
        then: None,
        fill: 2,
        table: requests,
        rows: &[row::GRANTED, row::PARTIALLY_GRANTED],
        what: ("（一）予以公开 + （二）部分公开", "予以公开与部分公开之和"),
    },
    Claim {
        words: &["予以公开"],
        loose: true,
        then: None,
        fill: 2,
        table: requests,
        rows: &[row::GRANTED],
        what: ("（一）予以公开 · 总计", "（一）予以公开·总计"),
    },
    Claim {
        words: &["行政复议"],
        loose: true,
        then: Some("案件"),
        fill: 1,
        table: review,
        rows: &[row::RECONSIDERATION],
        what: ("行政复议 · 总计", "行政复议·总计"),
    },
    Claim {
        words: &["行政诉讼"],
        loose: true,
        then: Some("案件"),
        fill: 1,
        table: review,
        rows: &[row::LITIGATION_DIRECT, row::LITIGATION_AFTER_RECONSIDERATION],
        what: ("行政诉讼 · 总计 (both groups)", "行政诉讼两组总计之和"),
    },
];

/// A figure of the prose, `(value, start, end)` in the normalised text,
/// and the figures of the tables it may repeat (any one agreeing is enough).
type Stated = ((i64, usize, usize), Vec<Figure>);

/// The possible sums of a claim's cells.
fn figure_of(report: &Report, claim: &Claim) -> Option<Figure> {
    let t = (claim.table)(report)?;
    let mut cells = claim.rows.iter().map(|r| possible(t, *r, col::TOTAL));
    let first = cells.next()??;
    let (values, span) = cells.try_fold(first, |acc, c| sum_of(Some(acc), c))?;
    Some(Figure { values, span, what: claim.what })
}

/// Where a claim's words stand in the text, `(start, end)`.
fn places(text: &str, claim: &Claim, word: &str) -> Vec<(usize, usize)> {
    if claim.loose {
        let pat = labels::pattern(word);
        let mut out = Vec::new();
        let mut at = 0;
        while let Some((s, e)) = labels::find(text, at, text.len(), &pat) {
            out.push((s, e));
            at = e;
        }
        out
    } else {
        occurrences(text, word).map(|p| (p, p + word.len())).collect()
    }
}

/// The figures stated after the words of [`CLAIMS`].
fn by_their_words(report: &Report, text: &str) -> Vec<Stated> {
    let mut seen: Vec<(usize, usize)> = Vec::new();
    let mut stated = Vec::new();
    for claim in CLAIMS {
        // Words read stand for their claim even when its table lacks the
        // cells: `予以公开及部分公开 N 件` is never read as `予以公开 N 件`.
        let figure = figure_of(report, claim);
        for word in claim.words {
            for (s, e) in places(text, claim, word) {
                if seen.iter().any(|(a, b)| *a <= s && s < *b) {
                    continue;
                }
                seen.push((s, e));
                let Some(figure) = &figure else { continue };
                let e = claim.then.filter(|w| text[e..].starts_with(w)).map_or(e, |w| e + w.len());
                if let Some(n) = number_after(text, e, claim.fill) {
                    stated.push((n, vec![figure.clone()]));
                }
            }
        }
    }
    stated
}

/// `一、本年新收 · 总计`, and `一 + 二` after it when the table has both,
/// for applications received.
fn received_figures(t: &Table) -> Vec<Figure> {
    let new = possible(t, row::NEW_RECEIVED, col::TOTAL);
    let both = sum_of(new.clone(), possible(t, row::CARRIED_OVER, col::TOTAL));
    let Some((v1, s1)) = new else { return Vec::new() };
    let mut out =
        vec![Figure { values: v1, span: s1, what: ("一、本年新收 · 总计", "一、本年新收·总计") }];
    if let Some((v2, s2)) = both {
        out.push(Figure { values: v2, span: s2, what: ("一 + 二 (新收 + 上年结转)", "第一项加第二项") });
    }
    out
}

/// Applications received: `收到/受理/接收…申请 N 件` (compared with the new
/// applications or with new and carried over, as reports write both),
/// `新收…申请 N 件` (the table's own word: the new alone), and `收到 N 件申请`.
fn received(report: &Report, text: &str) -> Vec<Stated> {
    let figures = report.requests.as_ref().map(received_figures).unwrap_or_default();
    if figures.is_empty() {
        return Vec::new();
    }
    let mut stated = Vec::new();
    let pat = labels::pattern("申请");
    let mut at = 0;
    while let Some((s, e)) = labels::find(text, at, text.len(), &pat) {
        at = e;
        let before: String = text[..s].chars().rev().take(30).collect::<Vec<_>>().into_iter().rev().collect();
        // The verb nearest the noun.
        let Some((verb, new_only)) =
            RECEIVED_VERBS.iter().filter_map(|(v, new_only)| Some((before.rfind(v)?, *new_only))).max()
        else {
            continue;
        };
        // `上年结转和本年新收申请共 N 件`: new and carried over together.
        if new_only && ["结转", "上年"].iter().any(|w| before.contains(w)) {
            continue;
        }
        let between = &before[verb..];
        if between.contains(['。', ',', ';']) || ["结转", "办结", "上年"].iter().any(|w| between.contains(w)) {
            continue;
        }
        let wanted = if new_only { 1 } else { 2 };
        if let Some(n) = number_after(text, e, 3).filter(|_| figures.len() >= wanted) {
            stated.push((n, figures[..wanted].to_vec()));
        }
    }
    // 收到 N 件申请 (the number before the word 申请).
    for (verb, _) in RECEIVED_VERBS.iter().filter(|(_, new_only)| !new_only) {
        for p in occurrences(text, verb) {
            let Some(n) = number_after(text, p + verb.len(), 1) else { continue };
            let after: String = text[n.2..].chars().skip(1).take(12).collect();
            if (after.starts_with("申请") || after.starts_with("政府信息公开申请")) && figures.len() == 2 {
                stated.push((n, figures.clone()));
            }
        }
    }
    stated
}

/// `现行有效(行政)规范性文件 N 件`, `制发…规范性文件 N 件`.
fn documents(report: &Report, text: &str) -> Vec<Stated> {
    let Some(t) = report.active.as_ref().filter(|t| t.def.id == TableId::Active) else { return Vec::new() };
    let mut stated = Vec::new();
    for (lead, col, what) in [
        ("现行有效", col::IN_FORCE, ("行政规范性文件 · 现行有效件数", "行政规范性文件·现行有效件数")),
        ("制发", col::ISSUED, ("行政规范性文件 · 本年制发件数", "行政规范性文件·本年制发件数")),
    ] {
        let Some((values, span)) = possible(t, row::NORMATIVE_DOCUMENTS, col) else { continue };
        for s in occurrences(text, lead) {
            let at = s + lead.len();
            let window: String = text[at..].chars().take(14).collect();
            let Some(k) = window.find("规范性文件") else { continue };
            if window[..k].contains(['。', ',', ';']) {
                continue;
            }
            if let Some(n) = number_after(text, at + k + "规范性文件".len(), 1) {
                stated.push((n, vec![Figure { values: values.clone(), span, what }]));
            }
        }
    }
    stated
}

fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let report = ctx.report();
    let norm = &ctx.parsed.norm;
    let text = norm.text.as_str();
    let mut stated = received(report, text);
    stated.extend(by_their_words(report, text));
    stated.extend(documents(report, text));
    for ((n, s, e), figs) in stated {
        let (src_s, src_e) = norm.to_source(s, e);
        let span = Span::new(src_s, src_e);
        if inside_tables(report, span) || figs.iter().any(|f| f.values.contains(&n)) {
            continue;
        }
        out.push(mismatch(n, span, &figs));
    }
}

/// The diagnostic of a figure of the prose no figure of the tables agrees with.
fn mismatch(n: i64, span: Span, figs: &[Figure]) -> Diagnostic {
    let shown = |f: &Figure| {
        if f.values.len() == 1 {
            f.values[0].to_string()
        } else {
            format!("one of {:?}", f.values.iter().take(6).collect::<Vec<_>>())
        }
    };
    let table_en = figs.iter().map(|f| format!("{} = {}", f.what.0, shown(f))).collect::<Vec<_>>().join(", ");
    let table_zh = figs
        .iter()
        .map(|f| format!("{}为{}", f.what.1, shown(f).replace("one of ", "以下之一：")))
        .collect::<Vec<_>>()
        .join("，");
    let f = &figs[0];
    Diagnostic::new(
        Code::A207,
        Msg::new(
            format!("the text says {n}, but the table says {table_en}"),
            format!("正文为 {n}，但统计表中{table_zh}"),
        ),
    )
    .primary(span, Msg::new(format!("{n} in the text"), format!("正文中的 {n}")))
    .secondary(f.span, Msg::new(format!("{} in the table", f.what.0), format!("表中的{}", f.what.1)))
}

#[cfg(test)]
mod tests {
    use super::super::testing::{run, seed};

    #[test]
    fn fails_when_the_prose_contradicts_passes_on_the_seed() {
        let text = seed()
            .replace("2024年未收取政府信息处理费。", "2024年全年共收到政府信息公开申请 3 件，未收取政府信息处理费。");
        let d = run("A207", &text);
        assert_eq!(d.len(), 1, "{d:?}");
        let ok = seed().replace("2024年未收取政府信息处理费。", "2024年全年共收到政府信息公开申请 0 件。");
        assert!(run("A207", &ok).is_empty());
        assert!(run("A207", &seed()).is_empty());
    }

    #[test]
    fn numbers_before_the_noun_and_handled_and_carried_figures() {
        let before = seed().replace("2024年未收取政府信息处理费。", "本年度共收到5件申请。");
        assert_eq!(run("A207", &before).len(), 1);
        let handled = seed().replace("2024年未收取政府信息处理费。", "共办结 3 件，结转下年度 2 件。");
        assert_eq!(run("A207", &handled).len(), 2);
    }

    /// The table's own word: `全年共新收…申请 N 件`, `本年度新收政府信息公开申请 N 件`,
    /// compared with the new applications alone.
    #[test]
    fn new_applications_in_the_tables_own_words() {
        for phrase in ["全年共新收政府信息公开申请 3 件。", "本年度新收政府信息公开申请3件。"]
        {
            let text = seed().replace("2024年未收取政府信息处理费。", phrase);
            assert_eq!(run("A207", &text).len(), 1, "{phrase}");
            let right = seed().replace("2024年未收取政府信息处理费。", &phrase.replace('3', "0"));
            assert!(run("A207", &right).is_empty(), "{right}");
            let both = seed().replace("2024年未收取政府信息处理费。", "上年结转和本年新收政府信息公开申请共 3 件。");
            assert!(run("A207", &both).len() <= 1, "compared with 新收 alone: {:?}", run("A207", &both));
            assert!(run("A207", &right).is_empty(), "{right}");
        }
    }

    #[test]
    fn glued_readings_that_cannot_give_the_prose_figure() {
        let text = seed()
            .replace("行政规范性文件\t0\t0\t0", "行政规范性文件77132470")
            .replace("2024年未收取政府信息处理费。", "清理并集中发布现行有效行政规范性文件393件。");
        let d = run("A207", &text);
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].message.en.contains("393"));
    }
}
