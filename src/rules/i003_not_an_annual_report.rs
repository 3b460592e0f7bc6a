//! I003 not-an-annual-report — reported by the parser (`lib.rs`).

use super::{Ctx, Rule, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "I003",
        name: "not-an-annual-report",
        default: Some(Severity::Error),
        summary: ("nothing in the file looks like a disclosure annual report", "文件内容不像政府信息公开工作年度报告"),
        explain: (
            "What: the file has no title naming 政府信息公开 … 报告, none of the six standard section \
headings, and none of the three statistical tables.\n\
Why: the annual report has a fixed national format (国办公开办函〔2021〕30号): six sections and three \
tables. A file with none of them is another document (a news item, a navigation page, a novel).\n\
Fails: a page that holds only site navigation, or a notice about the report instead of the report.\n\
Passes: any text with the title, a standard heading such as 一、总体情况, or a table.\n\
Fix: check that the right file or page was saved; lint the report itself.",
            "检查内容：文件既没有含“政府信息公开……报告”的标题，也没有六个规定章节标题中的任何一个，也没有三张统计表中的任何一张。\n\
依据：年度报告有全国统一格式（国办公开办函〔2021〕30号）：六个部分、三张表。一样都没有的文件是别的文件（新闻、导航页等）。\n\
错误示例：只有网站导航的页面；关于年报的通知而非年报本身。\n\
正确示例：有标题、有“一、总体情况”等规定章节标题或统计表的文本。\n\
修改方法：确认保存的是正确的文件或页面，检查年报本身。",
        ),
        fixable: false,
    },
    check: Some(check),
};

/// The parser's findings, as diagnostics.
fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    out.extend(super::findings(ctx, "I003"));
}

#[cfg(test)]
mod tests {
    #[test]
    fn fails_on_a_novel_passes_on_a_report() {
        let codes = |t: &str| crate::parse_str(t).diagnostics.iter().map(|d| d.code).collect::<Vec<_>>();
        assert!(codes("第一章 风起\n他走进了那座老城。").contains(&"I003"));
        assert!(!codes(&super::super::testing::seed()).contains(&"I003"));
    }
}
