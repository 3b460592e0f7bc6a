//! C407 implausible-value: a value implausible for its field.

use super::{Ctx, Rule, RuleMeta};
use crate::diagnostic::{Code, Diagnostic, Msg};
use crate::model::Value;
use crate::template::{self, TableId, col, row};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: crate::diagnostic::Code::C407,
        summary: ("a value is implausible for its field", "数值与该栏目明显不符"),
        explain: (
            "What: a value that the field can hardly hold: a fee of more than 100 000 万元 (10亿元; \
usually an amount in 元 put where 万元 is asked), or 规章 reported by a body of county level or below \
(a county or district government or one of its departments, a zone's committee, a township), which \
cannot make 规章. A city's bureau is left alone: it may count the city's 规章 it drafted.\n\
Why: the fee column states its unit, 本年收费金额（单位：万元） (国办公开办函〔2021〕30号); 规章 are made \
only by the State Council's departments and by provincial and 设区的市 governments (立法法 第九十一条、第九十三条), \
so such a body's 规章 row counts something else.\n\
Fails:  行政事业性收费\t3850000   (元 in a 万元 column)\n\
Passes: 行政事业性收费\t385\n\
Fix: convert the fee to 万元; move documents that are not 规章 to 行政规范性文件 or leave them out.",
            "检查内容：数值与栏目明显不符：收费金额超过 100000 万元（10亿元，通常是把“元”填进了“万元”栏），或县（区）级及以下机关（县、区人民政府及其部门、开发区管委会、乡镇街道）报告了规章（它们无权制定规章）；设区的市的部门可能统计其起草的规章，不检查。\n\
依据：收费栏注明单位“本年收费金额（单位：万元）”（国办公开办函〔2021〕30号）；规章只能由国务院部门和省级、设区的市人民政府制定（《立法法》第九十一条、第九十三条），县级以下“规章”一行统计的必是别的文件。\n\
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

fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let report = ctx.report();
    let Some(table) = report.active.as_ref() else { return };
    if table.def.id == TableId::Active
        && let Some(fee) = table.cell(row::FEES, col::SINGLE)
    {
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
    let below = report.agency.as_deref().is_some_and(template::below_city_level);
    if below && let Some(row) = table.row(row::REGULATIONS) {
        // Either format's row: 本年制发/废止/现行有效 (2021) or
        // 本年新制作/新公开/对外公开总数量 (2019).
        let any = row.cells.iter().flatten().find(|c| c.int().is_some_and(|v| v > 0));
        if let Some(c) = any {
            let agency = report.agency.as_deref().unwrap_or("");
            out.push(
                Diagnostic::new(
                    Code::C407,
                    Msg::new(
                        format!(
                            "{agency} reports 规章, but a body of a county, a district or a township cannot make 规章"
                        ),
                        format!("{agency}报告了规章，但县（区）级及以下机关无权制定规章"),
                    ),
                )
                .primary(c.span, Msg::new("规章 of a body below a city", "县（区）级及以下机关的规章"))
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

    /// A county government's and a district bureau's reports (real text)
    /// with 规章 filled in: a county or district body cannot make them; a
    /// city bureau may have drafted some, and is left alone.
    #[test]
    fn regulations_below_a_city_but_not_of_a_city_bureau() {
        let text = |file: &str| {
            std::fs::read_to_string(format!("{}/corpus/{file}", env!("CARGO_MANIFEST_DIR"))).unwrap_or_default()
        };
        let county = text("real/shuyang-county-gov_2025.txt");
        assert!(county.contains("| 规章 | 0 | 0 | 0 |"), "the fixture's row");
        assert!(run("C407", &county).is_empty());
        let d = run("C407", &county.replacen("| 规章 | 0 | 0 | 0 |", "| 规章 | 2 | 0 | 2 |", 1));
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].message.en.contains("县人民政府"), "{}", d[0].message.en);
        let district = text("excerpts/xinfu_fagaiju_2020.txt");
        assert!(district.contains("规章\n\n  0\n\n 0\n\n 0"), "the fixture's row");
        assert!(run("C407", &district).is_empty());
        let d = run("C407", &district.replacen("规章\n\n  0\n\n 0\n\n 0", "规章\n\n  1\n\n 1\n\n 1", 1));
        assert_eq!(d.len(), 1, "{d:?}");
        let city = text("excerpts/heihe_qixiangju_2021.txt");
        assert!(city.contains("规章 | 0 | 0 | 0"), "the fixture's row");
        assert!(run("C407", &city.replacen("规章 | 0 | 0 | 0", "规章 | 2 | 0 | 2", 1)).is_empty());
    }
}
