//! A206 in-force-continuity — across reports, checked by the bulk scan
//! (`across.rs`).

use super::{Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: crate::diagnostic::Code::A206,
        summary: (
            "documents in force do not follow from last year's and this year's issued and repealed",
            "现行有效件数与上年现行有效及本年制发、废止件数对不上",
        ),
        explain: (
            "What: across two reports of one agency (ogilint scan), this year's 现行有效件数 of 规章 or \
行政规范性文件 differs from last year's 现行有效件数 + this year's 本年制发件数 − 本年废止件数.\n\
Why: the documents in force at the end of a year are those of the year before, plus those issued, \
less those repealed; a difference means a count is wrong, or documents expired without being \
counted as repealed (a warning, not an error, for that reason).\n\
Fails: 2023: 行政规范性文件 现行有效 55; 2024: 制发 13, 废止 0, 现行有效 60.\n\
Passes: 2024: 现行有效 68.\n\
Fix: check the three counts; say in the text why documents left force otherwise.",
            "检查内容：同一机关相邻两年的年报（ogilint scan），本年规章或行政规范性文件的“现行有效件数”不等于上年“现行有效件数”加本年“制发件数”减本年“废止件数”。\n\
依据：年末现行有效的文件，是上年末现行有效的，加上本年制发的，减去本年废止的；不等说明有计数错误，或有文件失效而未计为废止（因此为警告而非错误）。\n\
错误示例：2023 年行政规范性文件现行有效 55；2024 年制发 13、废止 0、现行有效 60。\n\
正确示例：2024 年现行有效 68。\n\
修改方法：核对三项数字；其他原因失效的，在正文中说明。",
        ),
        fixable: false,
    },
    check: None,
};
