//! C401 invalid-number: a count cell holds text that is no number.

use super::{Ctx, Rule, RuleMeta, cell_name, placed_cells};
use crate::diagnostic::{Code, Diagnostic, Msg};
use crate::model::Value;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: crate::diagnostic::Code::C401,
        summary: ("a cell holds text that is no number", "单元格中填的不是数字"),
        explain: (
            "What: a value cell of a table holds words (若干, 不详, 见附件) instead of a number.\n\
Why: every cell of the three tables is a figure (国办公开办函〔2021〕30号, annex); text cannot be added \
up, compared or exported, and hides the real figure.\n\
Fails:  规章\t0\t若干\t0\n\
Passes: 规章\t0\t3\t0\n\
Fix: write the number; 0 where there is none.",
            "检查内容：统计表的数值单元格中填的是文字（如“若干”“不详”“见附件”）而不是数字。\n\
依据：三张统计表的每个单元格都是数字（国办公开办函〔2021〕30号附件）；文字无法相加、比较和导出，也掩盖了真实数字。\n\
错误示例：规章\t0\t若干\t0\n\
正确示例：规章\t0\t3\t0\n\
修改方法：填写数字，没有的填 0。",
        ),
        fixable: false,
    },
    check: Some(check),
};

fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    for (table, row, col, cell) in placed_cells(ctx.report()) {
        if cell.value != Value::Invalid {
            continue;
        }
        let name = cell_name(table, row.def.id, col.id);
        out.push(
            Diagnostic::new(
                Code::C401,
                Msg::new(
                    format!("`{}` holds `{}`, which is no number", name.en, cell.raw),
                    format!("“{}”填的是“{}”，不是数字", name.zh, cell.raw),
                ),
            )
            .primary(cell.span, Msg::new("expected a number", "应为数字")),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{run, seed};

    #[test]
    fn fails_on_text_in_a_cell_passes_on_the_seed() {
        let text = seed().replacen("规章\t0\t0\t0", "规章\t0\t若干\t0", 1);
        assert_eq!(run("C401", &text).len(), 1);
        assert!(run("C401", &seed()).is_empty());
    }
}
