//! A205 carry-over-continuity — across reports, checked by the bulk scan
//! (`across.rs`).

use super::{Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: crate::diagnostic::Code::A205,
        summary: (
            "this year's carried-over requests differ from last year's carried forward",
            "本年“上年结转”与上一年“结转下年度继续办理”不一致",
        ),
        explain: (
            "What: across two reports of one agency (ogilint scan), this year's 二、上年结转政府信息公开申请数量 \
differs, in some applicant column, from the previous year's 四、结转下年度继续办理.\n\
Why: what one year carries forward is what the next year carries over; the two tables describe \
the same requests (国办公开办函〔2021〕30号, table 3).\n\
Fails: 2023: 四、结转下年度继续办理 · 总计 = 5; 2024: 二、上年结转 · 总计 = 3.\n\
Passes: 2024: 二、上年结转 · 总计 = 5.\n\
Fix: correct the figure that is wrong, in this year's report or (by a correction notice) last year's.",
            "检查内容：同一机关相邻两年的年报（ogilint scan），本年“二、上年结转政府信息公开申请数量”某一申请人列与上一年“四、结转下年度继续办理”不同。\n\
依据：上一年结转下年度的申请，就是本年的上年结转申请，两表说的是同一批申请（国办公开办函〔2021〕30号 表三）。\n\
错误示例：2023 年“四、结转下年度继续办理·总计”为 5，2024 年“二、上年结转·总计”为 3。\n\
正确示例：2024 年“二、上年结转·总计”为 5。\n\
修改方法：改正有误的一方：本年报告，或（以更正说明）上一年报告。",
        ),
        fixable: false,
    },
    check: None,
};
