//! C404 period-mismatch: the stated statistical period is not the report year.

use super::{Ctx, Rule, RuleMeta};
use crate::diagnostic::{Code, Diagnostic, Msg};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: crate::diagnostic::Code::C404,
        summary: (
            "the statistical period is not 1 January – 31 December of the report year",
            "统计期限不是报告年度的 1月1日至12月31日",
        ),
        explain: (
            "What: the sentence that states the period of the data (本报告所列数据的统计期限自……至……) gives \
other dates than 1月1日 to 12月31日 of the report year.\n\
Why: the annual report covers the calendar year (条例 第四十九条: 上一年度; the 2021 reports state \
\"统计期限自2023年1月1日至2023年12月31日\"); a shifted period makes the figures incomparable with other \
reports and with last year's.\n\
Fails: 2024年政府信息公开工作年度报告 … 统计期限为2023年12月1日至2024年11月30日\n\
Passes: … 统计期限为2024年1月1日至2024年12月31日\n\
Fix: report the calendar year, or correct the dates in the sentence.",
            "检查内容：说明数据统计期限的语句（本报告所列数据的统计期限自……至……）给出的日期不是报告年度的 1月1日至12月31日。\n\
依据：年度报告统计的是一个自然年度（《条例》第四十九条“上一年度”；2021 年度起的报告写明“统计期限自2023年1月1日至2023年12月31日”）；期限偏移会使数据无法与其他报告、上年报告比较。\n\
错误示例：2024年政府信息公开工作年度报告……统计期限为2023年12月1日至2024年11月30日\n\
正确示例：……统计期限为2024年1月1日至2024年12月31日\n\
修改方法：按自然年度统计，或改正该句中的日期。",
        ),
        fixable: false,
    },
    check: Some(check),
};

fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let report = ctx.report();
    if let (None, Some(span)) = (&report.period, report.period_unreadable) {
        let stated = ctx.text().get(span.start..span.end).unwrap_or("");
        out.push(
            Diagnostic::new(
                Code::C404,
                Msg::new(
                    format!("the statistical period `{stated}` cannot be read as dates: the year runs into the month"),
                    format!("统计期限“{stated}”无法读作日期：年份与月份连在一起"),
                ),
            )
            .primary(span, Msg::new("no date range can be read here", "此处读不出起止日期"))
            .help(match report.year {
                Some(y) => Msg::new(
                    format!("write the period as `自{y}年1月1日至{y}年12月31日`"),
                    format!("请写作“自{y}年1月1日至{y}年12月31日”"),
                ),
                None => Msg::new(
                    "write the period as `自2024年1月1日至2024年12月31日`, with the report's year",
                    "请按报告年度写作“自2024年1月1日至2024年12月31日”的形式",
                ),
            }),
        );
        return;
    }
    let Some(p) = &report.period else { return };
    let Some(year) = report.year.or(p.from.year) else { return };
    let from_year = p.from.year.unwrap_or(year);
    let to_year = p.to.year.unwrap_or(from_year);
    let ok = (p.from.month, p.from.day, p.to.month, p.to.day) == (1, 1, 12, 31) && from_year == year && to_year == year;
    if ok {
        return;
    }
    let stated =
        format!("{}-{:02}-{:02} – {}-{:02}-{:02}", from_year, p.from.month, p.from.day, to_year, p.to.month, p.to.day);
    // In Chinese, dates as a reader writes them (`2023年12月1日`), not ISO.
    let stated_zh =
        format!("{from_year}年{}月{}日至{to_year}年{}月{}日", p.from.month, p.from.day, p.to.month, p.to.day);
    out.push(
        Diagnostic::new(
            Code::C404,
            Msg::new(
                format!("the statistical period {stated} is not 1 January – 31 December {year}"),
                format!("统计期限为{stated_zh}，不是{year}年1月1日至12月31日"),
            ),
        )
        .primary(
            p.span,
            Msg::new(format!("expected {year}-01-01 – {year}-12-31"), format!("应为{year}年1月1日至{year}年12月31日")),
        ),
    );
}

#[cfg(test)]
mod tests {
    use super::super::testing::{run, seed};

    #[test]
    fn fails_on_a_shifted_period_passes_on_the_seed() {
        let text =
            seed().replace("2024 年 1 月 1 日至 2024 年 12 月 31 日", "2023 年 12 月 1 日至 2024 年 11 月 30 日");
        assert_eq!(run("C404", &text).len(), 1);
        assert!(run("C404", &seed()).is_empty());
    }

    /// A year run into the month (a typing slip, or a year field filled in
    /// without its `年`): the period is said to be unreadable, once.
    #[test]
    fn a_period_with_the_year_run_into_the_month_is_unreadable() {
        let text = seed().replace("2024 年 1 月 1 日至 2024 年 12 月 31 日", "20241月1日起至202412月31日");
        let d = run("C404", &text);
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].message.en.contains("20241月1日起至202412月31日"), "{d:?}");
        // With both 年 and 月 gone, a copy more likely lost them: no finding.
        let lost = seed().replace("2024 年 1 月 1 日至 2024 年 12 月 31 日", "202411日至20241231日");
        assert!(run("C404", &lost).is_empty(), "{:?}", run("C404", &lost));
    }
}
