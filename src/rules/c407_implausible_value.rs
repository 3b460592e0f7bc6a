//! C407 implausible-value: a value implausible for its field.

use super::{Ctx, Rule, RuleMeta};
use crate::diagnostic::{Code, Diagnostic, Msg, Severity};
use crate::model::Value;
use crate::template::{TableId, col, row};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "C407",
        name: "implausible-value",
        default: Some(Severity::Warning),
        summary: ("a value is implausible for its field", "数值与该栏目明显不符"),
        explain: (
            "What: a value that the field can hardly hold: a fee of more than 100 000 万元 (10亿元; \
usually an amount in 元 put where 万元 is asked), or 规章 reported by a township (乡、镇、街道), which \
cannot make 规章.\n\
Why: the fee column states its unit, 本年收费金额（单位：万元） (国办公开办函〔2021〕30号); 规章 are made \
only by the State Council's departments and by provincial and 设区的市 governments (立法法 第九十一条、第九十三条), \
so a township's 规章 row counts something else.\n\
Fails:  行政事业性收费\t3850000   (元 in a 万元 column)\n\
Passes: 行政事业性收费\t385\n\
Fix: convert the fee to 万元; move documents that are not 规章 to 行政规范性文件 or leave them out.",
            "检查内容：数值与栏目明显不符：收费金额超过 100000 万元（10亿元，通常是把“元”填进了“万元”栏），或乡、镇、街道报告了规章（乡镇无权制定规章）。\n\
依据：收费栏注明单位“本年收费金额（单位：万元）”（国办公开办函〔2021〕30号）；规章只能由国务院部门和省级、设区的市人民政府制定（《立法法》第九十一条、第九十三条），乡镇“规章”一行统计的必是别的文件。\n\
错误示例：行政事业性收费\t3850000（以元填入万元栏）\n\
正确示例：行政事业性收费\t385\n\
修改方法：把金额换算为万元；不属于规章的文件改计入行政规范性文件或不计。",
        ),
        fixable: false,
    },
    check: Some(check),
};

/// Above this, a fee in 万元 is very likely in 元.
const MAX_FEE: f64 = 100_000.0;
/// Agencies that cannot make 规章: township-level governments.
const TOWNSHIP_SUFFIXES: &[&str] = &["乡人民政府", "镇人民政府", "街道办事处", "乡政府", "镇政府"];

fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let report = ctx.report();
    let Some(table) = report.active.as_ref().filter(|t| t.def.id == TableId::Active) else { return };
    if let Some(fee) = table.cell(row::FEES, col::SINGLE) {
        let v = match fee.value {
            Value::Int(i) => i as f64,
            Value::Decimal(d) => d,
            _ => 0.0,
        };
        if v > MAX_FEE {
            out.push(
                Diagnostic::new(
                    Code::C407,
                    Msg::new(
                        format!("a fee of {} 万元 ({:.1} 亿元) is implausible: is it in 元?", fee.raw, v / 10_000.0),
                        format!("收费金额 {} 万元（约 {:.1} 亿元）不合常理，是否按“元”填写了？", fee.raw, v / 10_000.0),
                    ),
                )
                .primary(fee.span, Msg::new("本年收费金额（单位：万元）", "本年收费金额（单位：万元）")),
            );
        }
    }
    let township = report.agency.as_deref().is_some_and(|a| TOWNSHIP_SUFFIXES.iter().any(|s| a.ends_with(s)));
    if township && let Some(row) = table.row(row::REGULATIONS) {
        let any = row.cells.iter().flatten().find(|c| c.int().is_some_and(|v| v > 0));
        if let Some(c) = any {
            let agency = report.agency.as_deref().unwrap_or("");
            out.push(
                Diagnostic::new(
                    Code::C407,
                    Msg::new(
                        format!("{agency} reports 规章, but a township government cannot make 规章"),
                        format!("{agency}报告了规章，但乡镇（街道）无权制定规章"),
                    ),
                )
                .primary(c.span, Msg::new("规章 of a township", "乡镇的规章"))
                .secondary(row.label_span, Msg::from("规章")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{run, seed};

    #[test]
    fn fails_on_regulations_of_a_township_and_huge_fees_passes_on_the_seed() {
        let text = seed().replacen("规章\t0\t0\t0", "规章\t2\t0\t2", 1);
        assert_eq!(run("C407", &text).len(), 1);
        let fee = seed().replacen("行政事业性收费\t0", "行政事业性收费\t3850000", 1);
        assert_eq!(run("C407", &fee).len(), 1);
        assert!(run("C407", &seed()).is_empty());
    }
}
