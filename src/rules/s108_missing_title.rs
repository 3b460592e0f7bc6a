//! S108 missing-title: no title line naming agency, year and the report.

use super::{Ctx, Rule, RuleMeta};
use crate::diagnostic::{Code, Diagnostic, Msg};
use crate::model::Span;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: crate::diagnostic::Code::S108,
        summary: (
            "no title naming agency, year and 政府信息公开工作年度报告",
            "没有写明机关、年度和“政府信息公开工作年度报告”的标题",
        ),
        explain: (
            "What: no line near the start of the report names it: the agency, the year and \
政府信息公开工作年度报告 (for example 淮滨县芦集乡人民政府2024年政府信息公开工作年度报告). A title that \
lacks the agency or the year is reported too.\n\
Why: the title identifies the report among the tens of thousands published each year (条例 第四十九条, \
第五十条); without agency and year a reader cannot tell whose report it is, or for which year.\n\
Fails: a report that starts with 一、总体情况; a title 2022年政府信息公开工作年度报告 with no agency.\n\
Passes: XX县人民政府2024年政府信息公开工作年度报告\n\
Fix: put the full title on the first line.",
            "检查内容：报告开头没有写明报告的标题行：机关名称、年度和“政府信息公开工作年度报告”（如“淮滨县芦集乡人民政府2024年政府信息公开工作年度报告”）。标题缺机关或年度的也会提示。\n\
依据：每年公布的年报数以万计，标题是识别报告的依据（《条例》第四十九条、第五十条）；没有机关和年度，读者无法知道是谁、哪一年的报告。\n\
错误示例：报告直接以“一、总体情况”开头；标题为“2022年政府信息公开工作年度报告”而没有机关名称。\n\
正确示例：XX县人民政府2024年政府信息公开工作年度报告\n\
修改方法：在第一行写出完整标题。",
        ),
        fixable: false,
    },
    check: Some(check),
};

fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let report = ctx.report();
    // The first line, without its line break (nor the CR of a CRLF one).
    let first = ctx.text().split('\n').next().unwrap_or("");
    let start = Span::new(0, first.strip_suffix('\r').unwrap_or(first).len());
    match &report.title {
        // A text that starts in the middle of the report: its title is
        // before the start, with what S101 says is missing.
        None if ctx.head_cut().is_some() => {}
        None => out.push(Diagnostic::new(Code::S108, Msg::new("the report has no title", "报告没有标题")).primary(
            start,
            Msg::new(
                "expected a title such as `XX县人民政府2024年政府信息公开工作年度报告`",
                "应有“XX县人民政府2024年政府信息公开工作年度报告”这样的标题",
            ),
        )),
        Some((title, span)) => {
            // (A year written without 年 before the subject counts: the title
            // names it, `…办公室2020` / `政府信息公开工作年度报告`.)
            let (agency, year) = crate::parse::sections::agency_and_year(title);
            let year = year.is_some();
            // An agency on its own line next to the title counts (two-line titles).
            let agency_in_title = agency.is_some() || report.agency.is_some();
            if !year || !agency_in_title {
                let (en, zh) = match (agency_in_title, year) {
                    (false, false) => ("the agency and the year", "机关名称和年度"),
                    (false, true) => ("the agency", "机关名称"),
                    _ => ("the year", "年度"),
                };
                out.push(
                    Diagnostic::new(
                        Code::S108,
                        Msg::new(format!("the title does not name {en}"), format!("标题没有写明{zh}")),
                    )
                    .primary(without_cr(ctx.text(), *span), Msg::new("title", "标题")),
                );
            }
        }
    }
}

/// `span` without a CR at its end (a CRLF line's).
fn without_cr(text: &str, span: Span) -> Span {
    let end = if span.end > span.start && text.as_bytes().get(span.end - 1) == Some(&b'\r') {
        span.end - 1
    } else {
        span.end
    };
    Span::new(span.start, end)
}

#[cfg(test)]
mod tests {
    use super::super::testing::{run, seed};

    #[test]
    fn fails_without_a_title_passes_on_the_seed() {
        let text = seed().replace("淮滨县芦集乡人民政府 2024 年政府信息公开工作年度报告", "");
        assert_eq!(run("S108", &text).len(), 1);
        let no_agency =
            seed().replace("淮滨县芦集乡人民政府 2024 年政府信息公开工作年度报告", "2024年政府信息公开工作年度报告");
        assert_eq!(run("S108", &no_agency).len(), 1);
        assert!(run("S108", &seed()).is_empty());
    }

    /// A year written without 年 before the subject is named (a district
    /// office's title over two lines, `…办公室2020` / `政府信息公开工作年度报告`);
    /// a title with no year at all is not.
    #[test]
    fn a_year_without_its_character_is_named() {
        let title = "淮滨县芦集乡人民政府 2024 年政府信息公开工作年度报告";
        let bare = seed().replace(title, "淮滨县芦集乡人民政府2024\n政府信息公开工作年度报告");
        assert!(run("S108", &bare).is_empty(), "{:?}", run("S108", &bare));
        let none = seed().replace(title, "淮滨县芦集乡人民政府政府信息公开工作年度报告");
        assert!(run("S108", &none).iter().any(|d| d.message.en.contains("year")));
    }

    #[test]
    fn the_span_of_a_crlf_line_has_no_cr() {
        let text = seed()
            .replace("淮滨县芦集乡人民政府 2024 年政府信息公开工作年度报告", "政府信息公开工作报告")
            .replace('\n', "\r\n");
        let found = run("S108", &text);
        let span = found[0].primary_span().expect("span");
        assert!(!text[span.start..span.end].contains('\r'), "{:?}", &text[span.start..span.end]);
        assert!(span.end > span.start);
    }
}
