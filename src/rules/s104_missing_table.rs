//! S104 missing-table: table 2, 3 or 4 is absent.

use super::{Ctx, Rule, RuleMeta};
use crate::diagnostic::{Code, Diagnostic, Msg};
use crate::model::Span;
use crate::template::Format;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: crate::diagnostic::Code::S104,
        summary: ("table 2, 3 or 4 is absent from its section", "第二、三、四部分缺少统计表"),
        explain: (
            "What: the statistical table of section 二 (主动公开政府信息情况), 三 (收到和处理政府信息公开申请情况) \
or 四 (政府信息公开行政复议、行政诉讼情况) is not in the report; prose alone does not replace it.\n\
Why: the three tables are the core of the format (国办公开办函〔2021〕30号, annex): the same cells in \
every report, so that reports can be checked and compared. A report that writes 本年度未收到申请 \
still fills table 3 with 0.\n\
Fails: 三、收到和处理政府信息公开申请情况 / 本年度未收到政府信息公开申请。 (no table)\n\
Passes: the heading followed by the table, every cell filled (0 where none).\n\
Fix: add the standard table and fill it.",
            "检查内容：第二部分（主动公开政府信息情况）、第三部分（收到和处理政府信息公开申请情况）或第四部分（政府信息公开行政复议、行政诉讼情况）缺少统计表，只有文字说明不能代替。\n\
依据：三张统计表是年报格式的核心（国办公开办函〔2021〕30号附件）：每份报告都是同样的单元格，便于核对和比较。本年度未收到申请的，表三也应填 0。\n\
错误示例：三、收到和处理政府信息公开申请情况／本年度未收到政府信息公开申请。（没有表）\n\
正确示例：标题之后是完整的表格，每格都填写（没有的填 0）。\n\
修改方法：补上规定的统计表并填写。",
        ),
        fixable: false,
    },
    check: Some(check),
};

fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let report = ctx.report();
    if report.format == Some(Format::Pre2019) {
        return;
    }
    let tables = [
        (2u8, report.active.is_some(), "table 2", crate::template::ACTIVE.title),
        (3, report.requests.is_some(), "table 3", crate::template::REQUESTS.title),
        (4, report.review.is_some(), "table 4", crate::template::REVIEW.title),
    ];
    // Tables after the point where a cut-short text stops are said by S101.
    // The section the text stops in may have lost its table to the cut.
    let cut = ctx.cut().map_or(u8::MAX, |c| if c.in_table.is_some() { c.reach() + 1 } else { c.reach() });
    // Tables before the first section of a page from the middle of a
    // document are said by S101 too.
    let first = report.sections.iter().map(|s| s.number).min().unwrap_or(7);
    let head = if ctx.head_cut().is_some() { first } else { 0 };
    for (number, present, en, title) in tables {
        if present || number >= cut || number < head {
            continue;
        }
        let section = report.sections.iter().find(|s| s.number == number);
        let span = section.map(|s| s.span).or(report.title.as_ref().map(|t| t.1)).unwrap_or(Span::new(0, 0));
        let mut d =
            Diagnostic::new(Code::S104, Msg::new(format!("{en} ({title}) is missing"), format!("缺少“{title}”统计表")));
        d = match section {
            Some(_) => d.primary(span, Msg::new("this section has no table", "该部分没有统计表")),
            None => d.primary(span, Msg::new("neither the section nor its table was found", "未找到该部分及其统计表")),
        };
        out.push(d);
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{run, seed};

    #[test]
    fn fails_without_table_four_passes_on_the_seed() {
        let s = seed();
        let start = s.find("行政复议\t").unwrap_or(0);
        let end = s.find("五、存在").unwrap_or(s.len());
        let text = format!("{}本年度未发生行政复议、行政诉讼。\n\n{}", &s[..start], &s[end..]);
        let d = run("S104", &text);
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].message.en.contains("table 4"));
        assert!(run("S104", &seed()).is_empty());
    }
}
