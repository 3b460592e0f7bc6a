//! I003 not-an-annual-report — reported by the parser (`lib.rs`).

use super::{Ctx, Rule, RuleMeta};
use crate::diagnostic::Diagnostic;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: crate::diagnostic::Code::I003,
        summary: ("nothing in the file looks like a disclosure annual report", "文件内容不像政府信息公开工作年度报告"),
        explain: (
            "What: the file has none of the six standard section headings and none of the three \
statistical tables. With a report's title and no more, it is a page that links the report as an \
attachment (附件) or a news item about it; the message says which.\n\
Why: the annual report has a fixed national format (国办公开办函〔2021〕30号): six sections and three \
tables. A file with none of them is another document (a news item, a navigation page, a novel), and is \
said once rather than as every section and table missing.\n\
Fails: a page that holds only site navigation, a notice about the report, or the report's title and a \
link to its PDF.\n\
Passes: any text with a standard heading such as 一、总体情况, or a table (a report cut short after its \
first section is a report: S101 says where it stops).\n\
Fix: check that the right file or page was saved; lint the report itself.",
            "检查内容：文件既没有六个规定章节标题中的任何一个，也没有三张统计表中的任何一张。只有年报标题而没有正文的，是以附件发布年报的页面或相关新闻，提示中会说明是哪一种。\n\
依据：年度报告有全国统一格式（国办公开办函〔2021〕30号）：六个部分、三张表。一样都没有的文件是别的文件（新闻、导航页等），只提示一次，不逐一报告缺少的章节和表格。\n\
错误示例：只有网站导航的页面；关于年报的通知而非年报本身；只有年报标题和 PDF 附件链接的页面。\n\
正确示例：有“一、总体情况”等规定章节标题或统计表的文本（只写到第一部分就中断的，仍是年报，由 S101 指出中断位置）。\n\
修改方法：确认保存的是正确的文件或页面，检查年报本身。",
        ),
        fixable: false,
    },
    check: Some(check),
};

/// The parser's findings, as diagnostics.
fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    out.extend(super::findings(ctx, crate::diagnostic::Code::I003));
}

#[cfg(test)]
mod tests {
    #[test]
    fn fails_on_a_novel_passes_on_a_report() {
        let codes = |t: &str| crate::parse_str(t).diagnostics.iter().map(|d| d.code.as_str()).collect::<Vec<_>>();
        assert!(codes("第一章 风起\n他走进了那座老城。").contains(&"I003"));
        assert!(!codes(&super::super::testing::seed()).contains(&"I003"));
    }

    /// A page with a report's title and nothing of the report (an
    /// attachment's link, a news item) gets one I003, not every section and
    /// table missing; a report cut short after its first section does not.
    #[test]
    fn a_title_alone_is_no_report_but_a_report_cut_short_is() {
        let lint = |t: &str| super::super::check(&crate::parse_str(t), &super::super::Settings::default());
        let stub = "淮滨县芦集乡人民政府2024年政府信息公开工作年度报告\n发布时间：2025-01-20\n附件：淮滨县芦集乡人民政府2024年政府信息公开工作年度报告.pdf\n";
        let r = lint(stub);
        let codes: Vec<&str> = r.iter().map(|d| d.code.as_str()).collect();
        assert_eq!(codes, ["I003"]);
        assert!(r[0].message.zh.contains("附件"));
        let news = "我县发布2024年政府信息公开工作年度报告\n近日，县政府办公室召开会议，部署年度报告编制工作。\n";
        let codes: Vec<&str> = lint(news).iter().map(|d| d.code.as_str()).collect();
        assert_eq!(codes, ["I003"]);
        let seed = super::super::testing::seed();
        let cut = &seed[..seed.find("二、主动公开政府信息情况").expect("section 2")];
        let codes: Vec<&str> = lint(cut).iter().map(|d| d.code.as_str()).collect();
        assert!(!codes.contains(&"I003") && codes.contains(&"S101"), "{codes:?}");
    }
}
