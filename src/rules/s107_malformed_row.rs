//! S107 malformed-row — reported by the table parser (`parse/tables.rs`,
//! `parse/glued.rs`).

use super::{Ctx, Rule, RuleMeta};
use crate::diagnostic::Diagnostic;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: crate::diagnostic::Code::S107,
        summary: ("a row's values cannot be placed in its columns", "某行的数值个数不对，无法对应到各列"),
        explain: (
            "What: a row of a table has more or fewer values than its columns (table 3 rows have 7: \
自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计), or its digits run together in a way \
that no split makes add up. The cells found are shown.\n\
Why: the format fixes the columns of every table (国办公开办函〔2021〕30号, annex); a value that cannot \
be placed cannot be checked and is lost to anyone reading the data.\n\
Fails:  一、本年新收政府信息公开申请数量\t5\t0\t5          (3 values for 7 columns)\n\
Passes: 一、本年新收政府信息公开申请数量\t5\t0\t0\t0\t0\t0\t5\n\
Fix: give the row exactly one value per column; write 0 for none, and keep the cells separate.",
            "检查内容：表格某行的数值多于或少于应有的列数（表三每行 7 列：自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他、总计），或数字连在一起、怎么拆合计都对不上。提示列出读到的单元格。\n\
依据：年报格式规定了每张表的列（国办公开办函〔2021〕30号附件）；无法对应到列的数值无法核对，也无法被使用。\n\
错误示例：一、本年新收政府信息公开申请数量\t5\t0\t5（7 列只有 3 个数）\n\
正确示例：一、本年新收政府信息公开申请数量\t5\t0\t0\t0\t0\t0\t5\n\
修改方法：每列填一个数，没有的填 0，单元格之间保持分隔。",
        ),
        fixable: false,
    },
    check: Some(check),
};

/// The parser's findings of rows it could not place, except where the
/// layout is reported otherwise: in a pre-2019 report the old indicator
/// table is no standard table (W305 says so), and the row a cut-short text
/// stops in is short because of the cut (S101 says so).
fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    if ctx.report().format == Some(crate::template::Format::Pre2019) {
        return;
    }
    let cut_row = ctx.cut().and_then(|c| c.last_row_span());
    out.extend(
        super::findings(ctx, crate::diagnostic::Code::S107)
            .filter(|d| cut_row.is_none() || d.primary_span() != cut_row),
    );
}

#[cfg(test)]
mod tests {
    use super::super::testing::{run, seed, seed_with};

    #[test]
    fn fails_on_a_short_row_passes_on_the_seed() {
        let text = seed_with(
            "一、本年新收政府信息公开申请数量\t\t0\t0\t0\t0\t0\t0\t0",
            "一、本年新收政府信息公开申请数量\t\t5\t0\t5",
            0,
        );
        assert_eq!(run("S107", &text).len(), 1);
        assert!(run("S107", &seed()).is_empty());
    }
}
