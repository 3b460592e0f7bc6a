//! A207 narrative-mismatch: a figure stated in the prose contradicts the tables.

use super::{Ctx, Rule, RuleMeta};
use crate::diagnostic::{Code, Diagnostic, Msg, Severity};
use crate::model::{Report, Span, Table};
use crate::parse::labels;
use crate::template::{ColId, RowId, TableId, col, row};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: crate::diagnostic::Code::A207,
        name: "narrative-mismatch",
        default: Some(Severity::Warning),
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

fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let report = ctx.report();
    let norm = &ctx.parsed.norm;
    let text = norm.text.as_str();
    let mut seen: Vec<(usize, usize)> = Vec::new();
    let mut claims: Vec<((i64, usize, usize), Vec<Figure>)> = Vec::new();

    // Applications received.
    if let Some(t) = &report.requests {
        let new = possible(t, row::NEW_RECEIVED, col::TOTAL);
        let with_carried =
            sum_of(possible(t, row::NEW_RECEIVED, col::TOTAL), possible(t, row::CARRIED_OVER, col::TOTAL));
        let mut at = 0;
        let pat = labels::pattern("申请");
        while let Some((s, e)) = labels::find(text, at, text.len(), &pat) {
            at = e;
            let before: String = text[..s].chars().rev().take(30).collect::<Vec<_>>().into_iter().rev().collect();
            // The verb nearest the noun; `新收` (the table's own word, as in
            // 全年共新收…申请 N 件) is the new applications alone.
            let Some((verb, new_only)) =
                RECEIVED_VERBS.iter().filter_map(|(v, new_only)| Some((before.rfind(v)?, *new_only))).max()
            else {
                continue;
            };
            // `上年结转和本年新收申请共 N 件`: new and carried over together,
            // not the new alone.
            if new_only && ["结转", "上年"].iter().any(|w| before.contains(w)) {
                continue;
            }
            let between = &before[verb..];
            if between.contains(['。', ',', ';']) || ["结转", "办结", "上年"].iter().any(|w| between.contains(w))
            {
                continue;
            }
            if let Some(n) = number_after(text, e, 3) {
                let mut figs = Vec::new();
                let wanted = if new_only { 1 } else { 2 };
                for (f, what) in [
                    (new.clone(), ("一、本年新收 · 总计", "一、本年新收·总计")),
                    (with_carried.clone(), ("一 + 二 (新收 + 上年结转)", "第一项加第二项")),
                ]
                .into_iter()
                .take(wanted)
                {
                    if let Some((values, span)) = f {
                        figs.push(Figure { values, span, what });
                    }
                }
                if figs.len() == wanted {
                    claims.push((n, figs));
                }
            }
        }
        // 收到 N 件申请 (the number before the word 申请).
        for (verb, _) in RECEIVED_VERBS.iter().filter(|(_, new_only)| !new_only) {
            for p in occurrences(text, verb) {
                let e = p + verb.len();
                let Some(n) = number_after(text, e, 1) else { continue };
                let after: String = text[n.2..].chars().skip(1).take(12).collect();
                if !(after.starts_with("申请") || after.starts_with("政府信息公开申请")) {
                    continue;
                }
                if let (Some((v1, s1)), Some((v2, s2))) = (new.clone(), with_carried.clone()) {
                    claims.push((
                        n,
                        vec![
                            Figure {
                                values: v1, span: s1, what: ("一、本年新收 · 总计", "一、本年新收·总计")
                            },
                            Figure {
                                values: v2, span: s2, what: ("一 + 二 (新收 + 上年结转)", "第一项加第二项")
                            },
                        ],
                    ));
                }
            }
        }
        // 办结 N 件; 结转下年度 N 件.
        for (words, row, what) in [
            (&["办结"][..], row::OUTCOME_TOTAL, ("（七）总计 · 总计", "（七）总计·总计")),
            (
                &["结转下一年度", "结转下一年", "结转下年度继续办理", "结转下年度办理", "结转下年度"][..],
                row::CARRIED_FORWARD,
                ("四、结转下年度继续办理 · 总计", "四、结转下年度继续办理·总计"),
            ),
        ] {
            let Some((values, span)) = possible(t, row, col::TOTAL) else { continue };
            for w in words {
                for p in occurrences(text, w) {
                    let e = p + w.len();
                    if seen.iter().any(|(a, b)| *a <= p && p < *b) {
                        continue;
                    }
                    seen.push((e - w.len(), e));
                    if let Some(n) = number_after(text, e, 1) {
                        claims.push((n, vec![Figure { values: values.clone(), span, what }]));
                    }
                }
            }
        }
        // 予以公开 N 件; 予以公开及部分公开 N 件.
        for (phrase, both) in [("予以公开及部分公开", true), ("予以公开和部分公开", true), ("予以公开", false)]
        {
            let pat = labels::pattern(phrase);
            let mut at = 0;
            while let Some((s, e)) = labels::find(text, at, text.len(), &pat) {
                at = e;
                if seen.iter().any(|(a, b)| *a <= s && s < *b) {
                    continue;
                }
                seen.push((s, e));
                let Some(n) = number_after(text, e, 2) else { continue };
                let fig = if both {
                    sum_of(possible(t, row::GRANTED, col::TOTAL), possible(t, row::PARTIALLY_GRANTED, col::TOTAL))
                } else {
                    possible(t, row::GRANTED, col::TOTAL)
                };
                if let Some((values, span)) = fig {
                    let what = if both {
                        ("（一）予以公开 + （二）部分公开", "予以公开与部分公开之和")
                    } else {
                        ("（一）予以公开 · 总计", "（一）予以公开·总计")
                    };
                    claims.push((n, vec![Figure { values, span, what }]));
                }
            }
        }
    }
    // 行政复议 N 件, 行政诉讼 N 件.
    if let Some(t) = &report.review {
        let recon = possible(t, row::RECONSIDERATION, col::TOTAL);
        let lit = sum_of(
            possible(t, row::LITIGATION_DIRECT, col::TOTAL),
            possible(t, row::LITIGATION_AFTER_RECONSIDERATION, col::TOTAL),
        );
        for (word, fig, what) in [
            ("行政复议", recon, ("行政复议 · 总计", "行政复议·总计")),
            ("行政诉讼", lit, ("行政诉讼 · 总计 (both groups)", "行政诉讼两组总计之和")),
        ] {
            let Some((values, span)) = fig else { continue };
            let pat = labels::pattern(word);
            let mut at = 0;
            while let Some((_, e)) = labels::find(text, at, text.len(), &pat) {
                at = e;
                let e2 = if text[e..].starts_with("案件") { e + "案件".len() } else { e };
                if let Some(n) = number_after(text, e2, 1) {
                    claims.push((n, vec![Figure { values: values.clone(), span, what }]));
                }
            }
        }
    }
    // 现行有效(行政)规范性文件 N 件; 制发…规范性文件 N 件.
    if let Some(t) = report.active.as_ref().filter(|t| t.def.id == TableId::Active) {
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
                    claims.push((n, vec![Figure { values: values.clone(), span, what }]));
                }
            }
        }
    }

    for ((n, s, e), figs) in claims {
        let (src_s, src_e) = norm.to_source(s, e);
        let span = Span::new(src_s, src_e);
        if inside_tables(report, span) || figs.iter().any(|f| f.values.contains(&n)) {
            continue;
        }
        let f = &figs[0];
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
        out.push(
            Diagnostic::new(
                Code::A207,
                Msg::new(
                    format!("the text says {n}, but the table says {table_en}"),
                    format!("正文为 {n}，但统计表中{table_zh}"),
                ),
            )
            .primary(span, Msg::new(format!("{n} in the text"), format!("正文中的 {n}")))
            .secondary(f.span, Msg::new(format!("{} in the table", f.what.0), format!("表中的{}", f.what.1))),
        );
    }
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
