//! P503 year-on-year-jump — across reports, checked by the bulk scan
//! (`across.rs`).

use super::{Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: crate::diagnostic::Code::P503,
        summary: (
            "a count grew more than 5× or fell below a fifth of last year's",
            "某项数量比上一年增长超过 5 倍或降至不足五分之一",
        ),
        explain: (
            "What: across two reports of one agency (ogilint scan), a headline count of this year's report \
is more than 5 times last year's, or less than a fifth of it: applications received (一、本年新收 · 总计), \
handled (（七）总计 · 总计), granted (（一）予以公开 · 总计), 行政许可, 行政处罚 and 行政强制 decisions, \
行政规范性文件 issued, and 行政复议 cases. Counts where both years are under 20 are left alone: small \
numbers move freely. A hint, not a fault.\n\
Why: a jump is often a typing slip (an extra digit, a total put in a column), a unit changed, or \
last year's figure left in place; when it is real, the report should explain it (条例 第五十条 asks \
for the year's situation). Cross-year comparison of this kind is what reviewers of annual reports do \
by hand.\n\
Fails:  2023: 行政许可 10; 2024: 行政许可 80.\n\
Passes: 2023: 行政许可 10; 2024: 行政许可 40.\n\
Fix: check the figure; if it is right, say in the text why it changed.",
            "检查内容：同一机关相邻两年的年报（ogilint scan），本年某项主要数量超过上一年的 5 倍，或不足上一年的五分之一：本年新收申请（一、本年新收·总计）、办理总数（（七）总计·总计）、予以公开（（一）予以公开·总计）、行政许可、行政处罚、行政强制处理决定数、行政规范性文件制发件数、行政复议案件数。两年都小于 20 的不检查（小数字波动大）。仅为提示，不一定是错误。\n\
依据：大幅变化常是录入错误（多打一位、把合计填进某一栏）、单位改变或沿用了上年数字；确有变化的，报告应说明原因（《条例》第五十条要求报告本年度情况）。年报审核人员通常也会这样逐年比对。\n\
错误示例：2023 年行政许可 10 件，2024 年 80 件。\n\
正确示例：2023 年行政许可 10 件，2024 年 40 件。\n\
修改方法：核实该数字；如果无误，在正文中说明变化的原因。",
        ),
        fixable: false,
    },
    check: None,
};
