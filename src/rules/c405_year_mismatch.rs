//! C405 year-mismatch: the title year and the period's year disagree.

use super::{Ctx, Rule, RuleMeta};
use crate::diagnostic::{Code, Diagnostic, Msg, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "C405",
        name: "year-mismatch",
        default: Some(Severity::Warning),
        summary: ("the title year and the year of the stated period disagree", "标题年度与统计期限的年度不一致"),
        explain: (
            "What: the title names one year (…2024年政府信息公开工作年度报告) and the statistical period \
another (统计期限自2023年1月1日…).\n\
Why: such a report was usually made from last year's by changing part of the dates; the format names \
copied content (\"内容雷同\") among the faults, and a reader cannot tell which year the figures are for.\n\
Fails: 2024年…年度报告 … 统计期限为2023年1月1日至2023年12月31日\n\
Passes: the same year in both.\n\
Fix: correct the title or the period, and check the figures are this year's.",
            "检查内容：标题写的是一个年度（……2024年政府信息公开工作年度报告），统计期限写的是另一个年度（统计期限自2023年1月1日……）。\n\
依据：这种报告多半是改了上年报告的部分日期而成；年报格式将“内容雷同”列为问题，读者也无法判断数据属于哪一年。\n\
错误示例：2024年……年度报告……统计期限为2023年1月1日至2023年12月31日\n\
正确示例：两处年度一致。\n\
修改方法：改正标题或统计期限，并核实数据确为本年度数据。",
        ),
        fixable: false,
    },
    check: Some(check),
};

fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let report = ctx.report();
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
}
