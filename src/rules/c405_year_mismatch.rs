//! C405 year-mismatch: the title year and the period's year disagree.

use super::{Ctx, Rule, RuleMeta};
use crate::diagnostic::{Code, Diagnostic, Msg};
use crate::model::Span;
use crate::template::{TITLE_KINDS, TITLE_SHORT_SUBJECT};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: crate::diagnostic::Code::C405,
        summary: (
            "the title year and the year of the stated period or of the preamble disagree",
            "标题年度与统计期限或编制说明的年度不一致",
        ),
        explain: (
            "What: the title names one year (…2024年政府信息公开工作年度报告) and the statistical period \
another (统计期限自2023年1月1日…), or the preamble before 一、总体情况 names another year's report \
(本报告是…2023年政府信息公开工作年度报告).\n\
Why: such a report was usually made from last year's by changing part of the dates; the format names \
copied content (\"内容雷同\") among the faults, and a reader cannot tell which year the figures are for.\n\
Fails: 2024年…年度报告 … 统计期限为2023年1月1日至2023年12月31日\n\
Passes: the same year in both.\n\
Fix: correct the title or the period, and check the figures are this year's.",
            "检查内容：标题写的是一个年度（……2024年政府信息公开工作年度报告），统计期限写的是另一个年度（统计期限自2023年1月1日……），或“一、总体情况”之前的编制说明写的是另一年度的报告（本报告是……2023年政府信息公开工作年度报告）。\n\
依据：这种报告多半是改了上年报告的部分日期而成；年报格式将“内容雷同”列为问题，读者也无法判断数据属于哪一年。\n\
错误示例：2024年……年度报告……统计期限为2023年1月1日至2023年12月31日\n\
正确示例：两处年度一致。\n\
修改方法：改正标题或统计期限，并核实数据确为本年度数据。",
        ),
        fixable: false,
    },
    check: Some(check),
};

/// How far after the subject the preamble's name of a report ends
/// (`2022年政府信息公开工作年度报告`: 信息公开 + 工作年度报告).
const NAME_TAIL_CHARS: usize = 8;

/// Words after a report's name that make it a document cited, not the
/// report itself (`…年度报告编制发布工作的通知`).
const CITED_AFTER: &[&str] = &["编制", "通知", "工作的"];

/// The years of the reports the preamble names (`本报告是…2022年政府信息
/// 公开工作年度报告`), with where each is written.
fn named_in_preamble(ctx: &Ctx) -> Vec<(i32, Span)> {
    let Some((from, to)) = ctx.preamble() else { return Vec::new() };
    let text = ctx.text();
    let Some(region) = text.get(from..to) else { return Vec::new() };
    let mut out = Vec::new();
    for (i, _) in region.match_indices(TITLE_SHORT_SUBJECT) {
        let at = from + i;
        let tail: String = text[at..].chars().skip(TITLE_SHORT_SUBJECT.chars().count()).take(NAME_TAIL_CHARS).collect();
        if !TITLE_KINDS.iter().any(|k| tail.contains(k)) {
            continue;
        }
        // A document cited (`《关于做好2024年政府信息公开工作年度报告编制
        // 发布工作的通知》`), not this report's name.
        let opened = text[..at].rfind('《').is_some_and(|o| !text[o..at].contains('》'));
        let after: String = text[at..].chars().take(NAME_TAIL_CHARS + 8).collect();
        if opened || CITED_AFTER.iter().any(|w| after.contains(w)) {
            continue;
        }
        let before = text[..at].trim_end_matches("政府").trim_end();
        let before = before.strip_suffix("年度").or_else(|| before.strip_suffix('年')).map(str::trim_end);
        let Some(before) = before else { continue };
        let digits: String = before.chars().rev().take_while(char::is_ascii_digit).collect();
        if digits.len() != 4 {
            continue;
        }
        let Ok(year) = digits.chars().rev().collect::<String>().parse::<i32>() else { continue };
        out.push((year, Span::new(before.len() - 4, at)));
    }
    out
}

fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let report = ctx.report();
    // The preamble naming another year's report (copied from last year's).
    if let Some((title, title_span)) = &report.title
        && let Some((_, year)) = crate::parse::cells::first_year(title)
    {
        for (named, span) in named_in_preamble(ctx).into_iter().filter(|(y, _)| *y != year) {
            out.push(
                Diagnostic::new(
                    Code::C405,
                    Msg::new(
                        format!("the title is for {year} but the preamble names the report for {named}"),
                        format!("标题为 {year} 年度，编制说明却写的是 {named} 年度的报告"),
                    ),
                )
                .primary(span, Msg::new(format!("{named}"), format!("{named} 年")))
                .secondary(*title_span, Msg::new(format!("title says {year}"), format!("标题为 {year} 年度"))),
            );
        }
    }
    let (Some((title, title_span)), Some(p)) = (&report.title, &report.period) else { return };
    let Some((_, title_year)) = crate::parse::cells::first_year(title) else { return };
    let Some(period_year) = p.from.year else { return };
    if title_year == period_year {
        return;
    }
    out.push(
        Diagnostic::new(
            Code::C405,
            Msg::new(
                format!("the title is for {title_year} but the statistical period is in {period_year}"),
                format!("标题为 {title_year} 年度，统计期限却是 {period_year} 年"),
            ),
        )
        .primary(p.span, Msg::new(format!("{period_year}"), format!("{period_year} 年")))
        .secondary(*title_span, Msg::new(format!("title says {title_year}"), format!("标题为 {title_year} 年度"))),
    );
}

#[cfg(test)]
mod tests {
    use super::super::testing::{run, seed};

    #[test]
    fn fails_when_title_and_period_disagree_passes_on_the_seed() {
        let text = seed().replace("2024 年 1 月 1 日至 2024 年 12 月 31 日", "2023 年 1 月 1 日至 2023 年 12 月 31 日");
        assert_eq!(run("C405", &text).len(), 1);
        assert!(run("C405", &seed()).is_empty());
    }

    /// A real preamble that names the report by its year, then the same
    /// preamble left from last year's report.
    #[test]
    fn fails_when_the_preamble_names_another_years_report() {
        let text = std::fs::read_to_string(format!(
            "{}/corpus/excerpts/wuqia_xianzhengfubangongshi_2025.txt",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap_or_default();
        assert!(run("C405", &text).is_empty(), "{:?}", run("C405", &text));
        let named = text.replacen("本年度政府信息公开工作报告", "2025年政府信息公开工作年度报告", 1);
        assert_ne!(named, text);
        assert!(run("C405", &named).is_empty(), "{:?}", run("C405", &named));
        let cited = text.replacen(
            "本年度政府信息公开工作报告",
            "本报告按《关于做好2024年政府信息公开工作年度报告编制发布工作的通知》编制，本年度政府信息公开工作报告",
            1,
        );
        assert!(run("C405", &cited).is_empty(), "{:?}", run("C405", &cited));
        let copied = text.replacen("本年度政府信息公开工作报告", "2024年政府信息公开工作年度报告", 1);
        let d = run("C405", &copied);
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].message.en.contains("preamble names the report for 2024"), "{}", d[0].message.en);
    }
}
