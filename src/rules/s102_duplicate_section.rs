//! S102 duplicate-section: a section heading appears twice.

use super::{Ctx, Rule, RuleMeta};
use crate::diagnostic::{Code, Diagnostic, Msg};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: crate::diagnostic::Code::S102,
        summary: ("a section number or heading appears twice", "某部分的标题出现了两次"),
        explain: (
            "What: the heading of a standard section stands twice at the start of a line, with the same \
numeral (two 二、主动公开政府信息情况).\n\
Why: each of the six sections appears once in the format (国办公开办函〔2021〕30号); a repeated section \
usually means a pasted block from another report or from last year's, which the format names as a fault \
(\"内容雷同\").\n\
Fails: 二、主动公开政府信息情况 … 二、主动公开政府信息情况 (a second time further down).\n\
Passes: each heading once.\n\
Fix: merge the two sections, or remove the copy.",
            "检查内容：某个规定部分的标题以相同序号在行首出现两次（如两个“二、主动公开政府信息情况”）。\n\
依据：年报格式中六个部分各出现一次；重复的部分通常是从其他报告或上年报告粘贴的内容，格式文件将“内容雷同”列为问题。\n\
错误示例：“二、主动公开政府信息情况”在后文又出现一次。\n\
正确示例：每个标题只出现一次。\n\
修改方法：合并两个部分，或删去重复的部分。",
        ),
        fixable: false,
    },
    check: Some(check),
};

fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let report = ctx.report();
    for dup in &report.section_duplicates {
        let Some(first) = report.sections.iter().find(|s| s.number == dup.number) else { continue };
        out.push(
            Diagnostic::new(
                Code::S102,
                Msg::new(format!("section `{}` appears twice", dup.heading), format!("“{}”出现了两次", dup.heading)),
            )
            .primary(dup.span, Msg::new("the second time", "第二次出现"))
            .secondary(
                first.span,
                Msg::new(format!("first here, line {}", first.line), format!("第一次在第 {} 行", first.line)),
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{run, seed};

    #[test]
    fn fails_on_a_repeated_heading_passes_on_the_seed() {
        let text = format!("{}\n\n二、主动公开政府信息情况\n\n重复的内容。\n", seed());
        assert_eq!(run("S102", &text).len(), 1);
        assert!(run("S102", &seed()).is_empty());
    }
}
