//! S106 unexpected-row: a labelled row with values that is no standard row.

use super::wording::comparable;
use super::{Ctx, Rule, RuleMeta};
use crate::diagnostic::{Code, Diagnostic, Msg};
use crate::template::TableDef;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: crate::diagnostic::Code::S106,
        summary: ("a row that belongs to no standard row", "表中有不属于规定格式的行"),
        explain: (
            "What: inside a table, a label followed by values matches none of the standard rows \
(a home-made subtotal such as 小计, or a row of the old format).\n\
Why: the format fixes the rows (国办公开办函〔2021〕30号, annex); an extra row is either invented or a \
standard row whose label was changed beyond recognition, and its values are in no standard cell.\n\
Fails:  （三）不予公开小计\t3\t0\t0\t0\t0\t0\t3\n\
Passes: only the standard rows.\n\
Fix: remove the row, or give it the standard label it stands for.",
            "检查内容：表格中某个带数值的行标签与任何规定的行都对不上（如自行增加的“小计”，或旧格式的行）。\n\
依据：年报格式规定了表中的行；多出的行要么是自行增加的，要么是规定行的标签被改得认不出来，其数值不在任何规定单元格中。\n\
错误示例：（三）不予公开小计\t3\t0\t0\t0\t0\t0\t3\n\
正确示例：只有规定的行。\n\
修改方法：删除该行，或改用它所对应的规定标签。",
        ),
        fixable: false,
    },
    check: Some(check),
};

/// The known labels of a table (headers, row and column labels), comparable.
fn known_labels(def: &TableDef) -> Vec<String> {
    let labels = def.header_labels.iter().copied().chain(def.rows.iter().map(|r| r.label));
    let columns = def.rows.iter().flat_map(|r| r.columns.iter().map(|c| c.label));
    let mut known: Vec<String> = labels.chain(columns).map(|l| comparable(l).into_iter().collect()).collect();
    known.sort();
    known.dedup();
    known
}

/// [`known_labels`] of each table of the template, made once: a table's
/// column labels repeat on every row, and each is normalised to compare.
fn known_labels_of(def: &'static TableDef) -> std::borrow::Cow<'static, [String]> {
    static ALL: std::sync::LazyLock<Vec<(&'static TableDef, Vec<String>)>> = std::sync::LazyLock::new(|| {
        use crate::template::{ACTIVE, ACTIVE_2019, REQUESTS, REVIEW};
        [&ACTIVE, &ACTIVE_2019, &REQUESTS, &REVIEW].into_iter().map(|def| (def, known_labels(def))).collect()
    });
    match ALL.iter().find(|(d, _)| std::ptr::eq(*d, def)) {
        Some((_, known)) => std::borrow::Cow::Borrowed(known),
        None => std::borrow::Cow::Owned(known_labels(def)),
    }
}

fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let report = ctx.report();
    for table in [&report.active, &report.requests].into_iter().flatten().filter(|t| !t.layout_lost) {
        let width = table.def.rows.first().map_or(1, |r| r.width());
        for l in &table.loose {
            let text = l.text.trim();
            if l.values_after < 2.max(width.min(3))
                || text.chars().count() < 2
                || !text.chars().any(crate::normalize::is_han)
            {
                continue;
            }
            // A header, or a piece of a row label that PDF extraction broke
            // apart, is no unexpected row.
            let t: String = comparable(text).into_iter().collect();
            if known_labels_of(table.def).iter().any(|k| k.contains(&t)) {
                continue;
            }
            out.push(
                Diagnostic::new(
                    Code::S106,
                    Msg::new(
                        format!("`{text}` is no row of the standard table, but {} values follow it", l.values_after),
                        format!("“{text}”不是规定表格中的行，但其后有 {} 个数值", l.values_after),
                    ),
                )
                .primary(l.span, Msg::new("unknown row", "无法识别的行")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{run, seed};

    #[test]
    fn fails_on_a_subtotal_row_passes_on_the_seed() {
        let text = seed().replace("\t(四) 无法提供", "\t不予公开小计\t3\t0\t0\t0\t0\t0\t3\n\t(四) 无法提供");
        let d = run("S106", &text);
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(run("S106", &seed()).is_empty());
        // A header cell with dashes under it, or a piece of a broken label, is no row.
        let header = seed().replace("\t(四) 无法提供", "\t其他\t-\t-\t-\t-\t-\n\t(四) 无法提供");
        assert!(run("S106", &header).is_empty());
    }
}
