//! W305 pre-2019-format: the report follows the structure of the 2008 条例.

use super::{Ctx, Rule, RuleMeta};
use crate::diagnostic::{Code, Diagnostic, Msg};
use crate::model::Span;
use crate::template::Format;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: crate::diagnostic::Code::W305,
        summary: ("the report follows the pre-2019 structure", "报告沿用了 2019 年以前的结构"),
        explain: (
            "What: the report is built on the structure of the 2008 条例 (第三十二条): sections such as 概述, \
依申请公开政府信息情况, 政府信息公开的收费及减免情况, 因政府信息公开申请行政复议、提起行政诉讼的情况, and \
indicator tables (受理依申请公开信息总数, 同意公开答复数…) instead of the three standard tables. The message \
names the labels that gave it away.\n\
Why: since the revised 条例 (国务院令第711号, in force 2019-05-15) reports follow the national format: \
the trial format for 2019–2020, 国办公开办函〔2021〕30号 from 2021. For a report of 2018 or earlier the old \
structure was the rule of its time; the other checks do not apply to it.\n\
Fails: a report with 四、因政府信息公开申请行政复议、提起行政诉讼的情况 and a 政府信息公开情况统计表.\n\
Passes: a report with the six sections and three tables of the current format.\n\
Fix: rewrite the report on the current format.",
            "检查内容：报告采用 2008 年《条例》（第三十二条）的结构：“概述”“依申请公开政府信息情况”“政府信息公开的收费及减免情况”“因政府信息公开申请行政复议、提起行政诉讼的情况”等部分，以及“受理依申请公开信息总数”“同意公开答复数”等指标表，而不是三张规定统计表。提示列出暴露问题的标签。\n\
依据：修订后的《条例》（国务院令第711号，2019年5月15日施行）实施以来，年报应使用全国统一格式：2019—2020 年度用试行格式，2021 年度起用国办公开办函〔2021〕30号格式。2018 年及以前的报告使用旧结构是当时的规定，其他检查不适用于它。\n\
错误示例：报告中有“四、因政府信息公开申请行政复议、提起行政诉讼的情况”和“政府信息公开情况统计表”。\n\
正确示例：报告有现行格式的六个部分和三张统计表。\n\
修改方法：按现行格式重写报告。",
        ),
        fixable: false,
    },
    check: Some(check),
};

fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let report = ctx.report();
    if report.format != Some(Format::Pre2019) {
        return;
    }
    let labels: Vec<&str> = report.format_evidence.iter().map(|(w, _)| w.as_str()).collect();
    let span = report.format_evidence.first().map(|e| e.1).unwrap_or(Span::new(0, 0));
    let year = report.year.map_or(String::from("?"), |y| y.to_string());
    let (en, zh) = if report.year.is_some_and(|y| y < 2019) {
        (
            "(the structure of its time; the current format's checks do not apply)",
            "（为当时的规定结构，现行格式的检查不适用）",
        )
    } else {
        ("instead of the current national format", "而非现行全国统一格式")
    };
    out.push(
        Diagnostic::new(
            Code::W305,
            Msg::new(
                format!("this {year} report follows the pre-2019 structure of the 2008 条例 {en}"),
                format!("本报告（{year} 年度）采用 2008 年《条例》的旧结构{zh}"),
            ),
        )
        .primary(span, Msg::new("a label of the old structure", "旧结构的标签"))
        .note(Msg::new(
            format!("labels of the old structure: {}", labels.join("、")),
            format!("旧结构的标签：{}", labels.join("、")),
        )),
    );
}

#[cfg(test)]
mod tests {
    use super::super::testing::{run, seed};

    #[test]
    fn fails_on_the_old_structure_passes_on_the_seed() {
        let old = "某县人民政府2022年政府信息公开工作年度报告\n一、概述\n本年度工作。\n二、主动公开政府信息情况\n三、依申请公开政府信息情况\n受理依申请公开信息总数 0 条\n四、政府信息公开的收费及减免情况\n无。\n";
        assert_eq!(run("W305", old).len(), 1);
        assert!(run("W305", &seed()).is_empty());
    }

    /// A 2021 report whose table 3 was not recognised and whose overview uses
    /// the old words as sub-headings is not of the old structure.
    #[test]
    fn old_words_in_the_prose_of_a_recent_report_are_not_the_old_structure() {
        let seed = seed();
        let t3 = seed.find("三、收到和处理").expect("table 3");
        let t4 = seed.find("四、政府信息公开行政复议").expect("table 4");
        let text = format!(
            "{}三、收到和处理政府信息公开申请情况\n（表格为图片）\n{}",
            &seed[..t3].replace("2024", "2021").replacen(
                "一、总体情况\n",
                "一、总体情况\n（三）政府信息公开的收费及减免情况\n未收取费用。\n",
                1
            ),
            &seed[t4..]
        );
        assert!(run("W305", &text).is_empty(), "{:?}", run("W305", &text));
    }
}
