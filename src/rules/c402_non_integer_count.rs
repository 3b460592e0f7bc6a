//! C402 non-integer-count: a count is negative or fractional.

use super::{Ctx, Rule, RuleMeta, cell_name, placed_cells};
use crate::diagnostic::{Code, Diagnostic, Msg};
use crate::model::Value;
use crate::template::Unit;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: crate::diagnostic::Code::C402,
        summary: ("a count is negative or fractional", "件数为负数或小数"),
        explain: (
            "What: a cell that counts documents, decisions, requests or cases holds a negative number or \
a fraction. Only 本年收费金额（单位：万元） may be fractional (and never negative); the 2019 format's \
本年增/减 may be negative.\n\
Why: a count of 件 is a whole number (国办公开办函〔2021〕30号: every cell but the fee counts 件, decisions \
or cases).\n\
Fails:  行政处罚\t12.5\n\
Passes: 行政处罚\t12 / 行政事业性收费\t3.25\n\
Fix: write the whole number; if a fee was put in a count column, move it.",
            "检查内容：统计文件、决定、申请或案件数量的单元格中是负数或小数。只有“本年收费金额（单位：万元）”可以是小数（但不能为负）；2019 年格式的“本年增/减”可以为负。\n\
依据：件数是整数（国办公开办函〔2021〕30号：除收费金额外，每格都是件数、决定数或案件数）。\n\
错误示例：行政处罚\t12.5\n\
正确示例：行政处罚\t12；行政事业性收费\t3.25\n\
修改方法：填写整数；如果把金额填进了件数列，请移到正确位置。",
        ),
        fixable: false,
    },
    check: Some(check),
};

fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    for (table, row, col, cell) in placed_cells(ctx.report()) {
        let bad = match (&cell.value, col.unit) {
            // Digits only, but beyond any integer: no fraction, a number too large.
            (Value::Decimal(_), Unit::Count | Unit::Signed)
                if cell.raw.chars().all(|c| c.is_ascii_digit() || c == ',') =>
            {
                Some(("too large to be a count", "数值过大，不可能是件数"))
            }
            (Value::Decimal(_), Unit::Count | Unit::Signed) => Some(("fractional", "小数")),
            (Value::Int(i), Unit::Count | Unit::TenThousandYuan) if *i < 0 => Some(("negative", "负数")),
            (Value::Decimal(d), Unit::TenThousandYuan) if *d < 0.0 => Some(("negative", "负数")),
            _ => None,
        };
        let Some((en, zh)) = bad else { continue };
        let name = cell_name(table, row.def.id, col.id);
        out.push(
            Diagnostic::new(
                Code::C402,
                Msg::new(
                    format!("`{}` is {en} ({}); a count is a whole number of 0 or more", name.en, cell.raw),
                    format!("“{}”为{zh}（{}），件数应为不小于 0 的整数", name.zh, cell.raw),
                ),
            )
            .primary(cell.span, Msg::new("not a count", "不是件数")),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{run, seed};

    #[test]
    fn fails_on_a_fraction_passes_on_the_seed() {
        let text = seed().replacen("行政处罚\t0", "行政处罚\t12.5", 1);
        assert_eq!(run("C402", &text).len(), 1);
        let fee = seed().replacen("行政事业性收费\t0", "行政事业性收费\t3.25", 1);
        assert!(run("C402", &fee).is_empty());
        assert!(run("C402", &seed()).is_empty());
        let huge = seed().replacen("行政处罚\t0", "行政处罚\t12345678901234567890", 1);
        let d = run("C402", &huge);
        assert!(d.len() == 1 && d[0].message.en.contains("too large"), "{d:?}");
    }
}
