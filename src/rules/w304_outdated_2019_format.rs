//! W304 outdated-2019-format: a report for 2021 or later uses the 2019 trial format.

use super::{Ctx, Rule, RuleMeta};
use crate::diagnostic::{Code, Diagnostic, Msg};
use crate::model::Span;
use crate::template::Format;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: crate::diagnostic::Code::W304,
        summary: (
            "the report follows the 2019 trial format instead of the 2021 one",
            "报告沿用了 2019 年试行格式，而非 2021 年格式",
        ),
        explain: (
            "What: a report for 2021 or later has the tables of the 2019 trial format \
(国办公开办函〔2019〕60号): table 2 with 本年新制作数量 / 本年新公开数量 / 对外公开总数量, 上一年项目数量 / \
本年增/减, 其他对外管理服务事项, 第二十条第（九）项 政府集中采购; or table 3 with a single （六）其他处理 \
row. The message names the labels that gave it away.\n\
Why: the revised format (国办公开办函〔2021〕30号, issued 2021-09-26) applies from the reports for 2021 on; \
the old table 2 counts other things (published documents, not issued / repealed / in force) and the old \
（六） does not separate the three kinds of 其他处理.\n\
Fails: a 2023 report with 规范性文件\t本年新制作数量 …\n\
Passes: a 2023 report with 行政规范性文件\t本年制发件数\t本年废止件数\t现行有效件数; any 2019 or 2020 report in the trial format.\n\
Fix: rebuild tables 2 and 3 on the 2021 template.",
            "检查内容：2021 年及以后的报告使用了 2019 年试行格式（国办公开办函〔2019〕60号）的表格：表二为“本年新制作数量／本年新公开数量／对外公开总数量”“上一年项目数量／本年增/减”“其他对外管理服务事项”“第二十条第（九）项 政府集中采购”，或表三“（六）其他处理”只有一行。提示列出暴露问题的标签。\n\
依据：修订后的格式（国办公开办函〔2021〕30号，2021年9月26日印发）适用于 2021 年度起的年报；旧表二统计口径不同（公开件数，而非制发、废止、现行有效件数），旧表三“（六）”也不区分三种其他处理情形。\n\
错误示例：2023 年度报告中“规范性文件\t本年新制作数量……”\n\
正确示例：2023 年度报告中“行政规范性文件\t本年制发件数\t本年废止件数\t现行有效件数”；2019、2020 年度报告使用试行格式则无误。\n\
修改方法：按 2021 年格式重做表二、表三。",
        ),
        fixable: false,
    },
    check: Some(check),
};

fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let report = ctx.report();
    // Without a year nothing says the trial format was wrong for the report.
    if report.format != Some(Format::F2019) || report.year.is_none_or(|y| y < crate::template::FIRST_2021_FORMAT_YEAR) {
        return;
    }
    let labels: Vec<&str> = report.format_evidence.iter().map(|(w, _)| w.as_str()).collect();
    let span = report.format_evidence.first().map(|e| e.1).unwrap_or(Span::new(0, 0));
    let year = report.year.map_or(String::from("?"), |y| y.to_string());
    let mut d = Diagnostic::new(
        Code::W304,
        Msg::new(
            format!("this {year} report uses the 2019 trial format (国办公开办函〔2019〕60号), not the 2021 format"),
            format!("本报告（{year} 年度）使用的是 2019 年试行格式（国办公开办函〔2019〕60号），而非 2021 年格式"),
        ),
    )
    .primary(span, Msg::new("a label of the 2019 format", "2019 年格式的标签"));
    for (_, s) in report.format_evidence.iter().skip(1).take(5) {
        d = d.secondary(*s, Msg::new("also 2019", "同为 2019 年格式"));
    }
    out.push(
        d.note(Msg::new(
            format!("labels of the 2019 format: {}", labels.join("、")),
            format!("2019 年格式的标签：{}", labels.join("、")),
        ))
        .help(Msg::new("use the tables of 国办公开办函〔2021〕30号", "请按国办公开办函〔2021〕30号的格式填报统计表")),
    );
}

#[cfg(test)]
mod tests {
    use super::super::testing::{run, seed};

    fn with_2019_table(year: &str) -> String {
        seed()
            .replace("本年制发件数\t本年废止件数\t现行有效件数", "本年新制作数量\t本年新公开数量\t对外公开总数量")
            .replace("行政规范性文件\t0", "规范性文件\t0")
            .replace("2024 年政府信息公开", &format!("{year} 年政府信息公开"))
    }

    #[test]
    fn fails_on_a_2024_report_in_the_2019_format_passes_otherwise() {
        let d = run("W304", &with_2019_table("2024"));
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].notes[0].en.contains("本年新制作数量"));
        assert!(run("W304", &with_2019_table("2020")).is_empty());
        assert!(run("W304", &seed()).is_empty());
    }
}
