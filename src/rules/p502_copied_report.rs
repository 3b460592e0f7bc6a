//! P502 copied-report — across reports, checked by the bulk scan
//! (`across.rs`).

use super::{Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: crate::diagnostic::Code::P502,
        summary: ("the prose repeats last year's report nearly word for word", "正文与上一年报告几乎逐字相同"),
        explain: (
            "What: across two reports of one agency (ogilint scan), at least 90% of the lines of running \
text of this year's report repeat last year's, word for word once the figures are left aside.\n\
Why: the national assessments of annual reports name copied content (内容雷同) as the most common \
fault: a report describes its own year's work (条例 第五十条).\n\
Fails: a 2024 report whose 总体情况 and 存在的主要问题及改进情况 are the 2023 text with new numbers.\n\
Passes: a report that says what was done, and what is still to do, this year.\n\
Fix: write the year's own work, problems and improvements.",
            "检查内容：同一机关相邻两年的年报（ogilint scan），本年正文至少 90% 的行在去掉数字后与上一年逐字相同。\n\
依据：历次年报评估通报中最常见的问题是“内容雷同”；年报应报告本年度的工作（《条例》第五十条）。\n\
错误示例：2024 年报告的“总体情况”“存在的主要问题及改进情况”只是把 2023 年的文字换了数字。\n\
正确示例：报告写明本年做了什么、还存在什么问题。\n\
修改方法：按本年度的实际工作、问题和改进措施撰写。",
        ),
        fixable: false,
    },
    check: None,
};
