//! S103 section-order: sections out of the standard order.

use super::{Ctx, Rule, RuleMeta};
use crate::diagnostic::{Code, Diagnostic, Msg};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: crate::diagnostic::Code::S103,
        summary: ("sections are out of the standard order", "各部分顺序与规定不符"),
        explain: (
            "What: a standard section comes before one that should precede it (五 before 四).\n\
Why: the format fixes the order of the six sections (国办公开办函〔2021〕30号); readers and bulk \
tools look for each part in its place.\n\
Fails: … 五、存在的主要问题及改进情况 … 四、政府信息公开行政复议、行政诉讼情况 …\n\
Passes: 一 to 六 in order.\n\
Fix: move the section to its place.",
            "检查内容：某个规定部分出现在应排在它前面的部分之前（如“五”在“四”之前）。\n\
依据：年报格式规定了六个部分的顺序；读者和批量工具按位置查找各部分。\n\
错误示例：……五、存在的主要问题及改进情况……四、政府信息公开行政复议、行政诉讼情况……\n\
正确示例：一至六按顺序排列。\n\
修改方法：把该部分移到规定的位置。",
        ),
        fixable: false,
    },
    check: Some(check),
};

fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let sections = &ctx.report().sections; // sorted by position
    for (i, s) in sections.iter().enumerate() {
        if let Some(later) = sections[i + 1..].iter().find(|o| o.number < s.number) {
            out.push(
                Diagnostic::new(
                    Code::S103,
                    Msg::new(
                        format!("section `{}` comes before `{}`", s.heading, later.heading),
                        format!("“{}”排在了“{}”之前", s.heading, later.heading),
                    ),
                )
                .primary(s.span, Msg::new("out of order", "顺序不对"))
                .secondary(later.span, Msg::new("should come first", "应排在前面")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{run, seed};

    #[test]
    fn fails_when_five_precedes_four_passes_on_the_seed() {
        let s = seed();
        let four = s.find("四、政府信息公开行政复议").unwrap_or(0);
        let five = s.find("五、存在的主要问题").unwrap_or(0);
        let six = s.find("六、其他需要报告").unwrap_or(0);
        let swapped = format!("{}{}{}{}", &s[..four], &s[five..six], &s[four..five], &s[six..]);
        assert_eq!(run("S103", &swapped).len(), 1);
        assert!(run("S103", &seed()).is_empty());
    }
}
