//! S109 ambiguous-cells — reported by the splitter of glued digits
//! (`parse/glued.rs`). New in ogilint: not yet in `rules.md`.

use super::{Ctx, Rule, RuleMeta};
use crate::diagnostic::Diagnostic;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: crate::diagnostic::Code::S109,
        summary: ("glued digits can be split into cells in several ways", "连在一起的数字有多种拆分方式，无法确定"),
        explain: (
            "What: the cells of a row were published with no separator between them (`行政规范性文件77132470`), \
and more than one split into the row's columns satisfies every sum the table offers. The readings are \
listed and the values are left unknown rather than guessed.\n\
Why: a value read wrongly is worse than a value not read: the data set and every sum check would carry \
the error. Table 2 rows have no sums at all, so a glued table-2 row is often ambiguous.\n\
Fails:  规章000行政规范性文件6233440   (6233440 = 62|33|440 or 6|233|440 or …)\n\
Passes: 规章\t0\t0\t0 / 行政规范性文件\t62\t33\t440\n\
Fix: publish the table with its cells separated (a real table, tabs, or spaces between numbers).",
            "检查内容：某行的单元格之间没有分隔（如“行政规范性文件77132470”），而符合表内所有合计关系的拆法不止一种。提示列出各种拆法，数值不作猜测、暂不采用。\n\
依据：读错的数比读不出的数更糟：数据集和所有勾稽核对都会带上错误。表二各行没有合计关系，连在一起时常常无法确定。\n\
错误示例：规章000行政规范性文件6233440（6233440 可拆为 62|33|440，也可拆为 6|233|440 等）\n\
正确示例：规章\t0\t0\t0 / 行政规范性文件\t62\t33\t440\n\
修改方法：发布时保持表格单元格分隔（使用真正的表格、制表符，或在数字间留空格）。",
        ),
        fixable: false,
    },
    check: Some(check),
};

/// The parser's findings, as diagnostics.
fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    out.extend(super::findings(ctx, crate::diagnostic::Code::S109));
}

#[cfg(test)]
mod tests {
    use super::super::testing::{run, seed};

    #[test]
    fn fails_on_an_ambiguous_glued_row_passes_on_the_seed() {
        let text = seed().replace("行政规范性文件\t0\t0\t0", "行政规范性文件6233440");
        assert_eq!(run("S109", &text).len(), 1);
        assert!(run("S109", &seed()).is_empty());
    }
}
