//! S101 missing-section: one of the six standard sections is absent.

use super::{Ctx, Rule, RuleMeta};
use crate::diagnostic::{Code, Diagnostic, Msg};
use crate::model::Span;
use crate::template::{Format, SECTIONS};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: crate::diagnostic::Code::S101,
        summary: ("one of the six standard sections is absent", "缺少六个规定部分之一"),
        explain: (
            "What: one of the six sections of the national format is not in the report: 一、总体情况, \
二、主动公开政府信息情况, 三、收到和处理政府信息公开申请情况, 四、政府信息公开行政复议、行政诉讼情况, \
五、存在的主要问题及改进情况, 六、其他需要报告的事项. The message names it and where it was expected.\n\
Why: 条例 第五十条 lists what the report must contain, and the format (国办公开办函〔2021〕30号) says its \
content \"不能遗漏\"; inspectors name incomplete reports (\"不全面\") among the faults to be held to account.\n\
Fails: a report that goes from 三、收到和处理政府信息公开申请情况 straight to 五、存在的主要问题及改进情况.\n\
Passes: all six headings, in order.\n\
Fix: add the section with its standard heading (and its table for sections 二 to 四); write 无 or 0 where \
there is nothing to report rather than leaving the section out.",
            "检查内容：报告缺少全国统一格式六个部分之一：一、总体情况；二、主动公开政府信息情况；三、收到和处理政府信息公开申请情况；四、政府信息公开行政复议、行政诉讼情况；五、存在的主要问题及改进情况；六、其他需要报告的事项。提示指出缺哪一部分、应在何处。\n\
依据：《条例》第五十条规定了年报应包括的内容，年报格式（国办公开办函〔2021〕30号）要求“不能遗漏”；“不全面”是通报问责的问题之一。\n\
错误示例：报告在“三、收到和处理政府信息公开申请情况”之后直接是“五、存在的主要问题及改进情况”。\n\
正确示例：六个标题齐全、顺序正确。\n\
修改方法：按规定标题补上该部分（第二至第四部分还应附相应统计表）；没有内容的写“无”或填 0，不要整段省略。",
        ),
        fixable: false,
    },
    check: Some(check),
};

fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let report = ctx.report();
    if report.format == Some(Format::Pre2019) {
        return; // W305 says what the old structure is.
    }
    let cut = ctx.cut();
    if let Some(cut) = &cut {
        let missing: Vec<&str> = SECTIONS.iter().filter(|d| d.number > cut.reach()).map(|d| d.heading).collect();
        let line = ctx.parsed.lines.line_col(cut.at).0;
        let (where_en, where_zh) = match cut.in_table {
            Some(t) => (format!("inside table `{}`", t.table.title), format!("位于“{}”表中", t.table.title)),
            None => {
                let heading = SECTIONS.iter().find(|d| d.number == cut.section).map_or("", |d| d.heading);
                (format!("in the middle of section `{heading}`"), format!("位于“{heading}”部分中"))
            }
        };
        let list = missing.join("、");
        out.push(
            Diagnostic::new(
                Code::S101,
                Msg::new(
                    format!(
                        "the text stops at line {line}, {where_en}: the rest of the report is not in the file ({list}); the file is cut short"
                    ),
                    format!("文字在第 {line} 行中断，{where_zh}：报告其余部分（{list}）不在文件中，文件不完整"),
                ),
            )
            .primary(Span::new(cut.at, cut.at), Msg::new("the text stops here", "文字在此中断"))
            .help(Msg::new("lint the whole report", "请检查完整的报告")),
        );
    }
    // A page from the middle of a document: the sections before the first
    // one on it are said once.
    let first = report.sections.iter().map(|s| s.number).min().unwrap_or(7);
    if let Some(head) = ctx.head_cut() {
        let before: Vec<&str> = SECTIONS
            .iter()
            .filter(|d| d.number < first && cut.is_none_or(|c| d.number <= c.reach()))
            .map(|d| d.heading)
            .collect();
        if !before.is_empty() {
            let list = before.join("、");
            let (message, label) = match head.page {
                Some(page) => (
                    Msg::new(
                        format!(
                            "the text is page {page} of a longer document, from the middle of the report: what comes before it is not in the file ({list})"
                        ),
                        format!("文字是较长文档的第 {page} 页，从报告中间开始：此前的内容（{list}）不在文件中"),
                    ),
                    Msg::new("a page of a longer document", "长文档中的一页"),
                ),
                None => (
                    Msg::new(
                        format!(
                            "the text starts in the middle of the report, at a later sub-heading: what comes before it is not in the file ({list})"
                        ),
                        format!("文字从报告中间的小标题开始：此前的内容（{list}）不在文件中"),
                    ),
                    Msg::new("the text starts here", "文字从此开始"),
                ),
            };
            out.push(
                Diagnostic::new(Code::S101, message)
                    .primary(head.span, label)
                    .help(Msg::new("lint the whole report", "请检查完整的报告")),
            );
        }
    }
    let head_cut = ctx.head_cut().is_some();
    for def in &SECTIONS {
        if report.sections.iter().any(|s| s.number == def.number) {
            continue;
        }
        if head_cut && def.number < first {
            continue;
        }
        if cut.is_some_and(|c| def.number > c.reach()) {
            continue;
        }
        // Expected after the last section found with a smaller number.
        let prev = report.sections.iter().filter(|s| s.number < def.number).max_by_key(|s| s.number);
        let (at, where_en, where_zh) = match prev {
            Some(p) => (p.span, format!("after `{}`", p.heading), format!("应在“{}”之后", p.heading)),
            None => (Span::new(0, 0), "at the start of the report".to_string(), "应在报告开头".to_string()),
        };
        let span = if at.end > at.start { at } else { report.title.as_ref().map_or(at, |t| t.1) };
        out.push(
            Diagnostic::new(
                Code::S101,
                Msg::new(
                    format!("section `{}` is missing", def.heading),
                    format!(
                        "缺少第{}部分“{}”",
                        ['一', '二', '三', '四', '五', '六'][def.number as usize - 1],
                        def.heading
                    ),
                ),
            )
            .primary(span, Msg::new(format!("expected {where_en}"), where_zh))
            .help(Msg::new(
                format!("add the heading `{}` and its content", def.heading),
                format!("请补充标题“{}”及其内容", def.heading),
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{run, seed};

    #[test]
    fn fails_without_section_five_passes_on_the_seed() {
        let text = seed().replace("五、存在的主要问题及改进情况", "存在的问题");
        let d = run("S101", &text);
        assert_eq!(d.len(), 1);
        assert!(d[0].message.en.contains("五、存在的主要问题及改进情况"));
        assert!(run("S101", &seed()).is_empty());
    }

    /// A text whose first line is a later sub-heading (`（二）…`) starts in
    /// the middle of section 一: said once, no S101 for 一 of its own. A
    /// first sub-heading `（一）` or a year in brackets is no such start.
    #[test]
    fn a_text_starting_at_a_later_sub_heading_is_said_once() {
        let from_two = seed().find("二、主动公开").map(|at| seed()[at..].to_string()).unwrap_or_default();
        let text = format!("（二）政府信息依申请公开情况\n本年度受理申请0件。\n{from_two}");
        let d = run("S101", &text);
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].message.en.contains("starts in the middle") && d[0].message.en.contains("一、总体情况"));
        for first in ["（一）总体情况", "（2024年）"] {
            let text = format!("{first}\n本年度受理申请0件。\n{from_two}");
            let d = run("S101", &text);
            assert!(d.iter().all(|d| !d.message.en.contains("starts in the middle")), "{first}: {d:?}");
        }
    }

    /// A heading reworded entirely, at its place and with its numeral, is
    /// the section (W301 speaks of its words), not a missing one.
    #[test]
    fn a_reworded_heading_with_its_numeral_is_the_section() {
        let text = seed().replacen("一、总体情况", "一、工作基本情况", 1);
        assert!(run("S101", &text).is_empty(), "{:?}", run("S101", &text));
        let w = run("W301", &text);
        assert!(w.iter().any(|d| d.message.en.contains("一、工作基本情况")), "{w:?}");
        // Table 3's numbered labels are no section: with section 三's heading
        // gone, `三、本年度办理结果` is not taken for it.
        let no_three = seed().replacen("三、收到和处理政府信息公开申请情况", "收到和处理", 1);
        assert!(run("W301", &no_three).iter().all(|d| !d.message.en.contains("本年度办理结果")));
        assert!(run("S101", &no_three).iter().any(|d| d.message.en.contains("三、收到和处理")));
        // A slip of the pen for the numeral's mark: `三是收到和处理…` alone on its line.
        let slip = seed().replacen("三、收到和处理政府信息公开申请情况", "三是收到和处理政府信息公开申请情况", 1);
        assert!(run("S101", &slip).is_empty(), "{:?}", run("S101", &slip));
        assert!(run("W301", &slip).iter().any(|d| d.message.en.contains("三是")));
    }
}
