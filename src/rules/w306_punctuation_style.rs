//! W306 punctuation-style (off by default): a label differs from the standard
//! only in punctuation width or style, or spacing.

use super::wording::same_words;
use super::{Ctx, Rule, RuleMeta};
use crate::diagnostic::{Code, Diagnostic, Msg};
use crate::model::Span;
use crate::template::SECTIONS;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: crate::diagnostic::Code::W306,
        summary: (
            "a label differs from the standard only in punctuation or spacing (opt-in)",
            "标签与规定格式只在标点或空格上不同（需手动启用）",
        ),
        explain: (
            "What: a heading or row label has the standard words but other punctuation or spacing: \
ASCII `(一)` for full-width `（一）`, `,` for `，`, straight for curly quotes, `1、` for `1.`, spaces \
inside (`(一) 予以公开`). Off unless selected (`--select W306`): crawlers and editors change these freely.\n\
Why: the official template is written with full-width punctuation (国办公开办函〔2021〕30号); an office \
that wants its published text to match the template to the letter can check it.\n\
Fails:  (一) 予以公开\n\
Passes: （一）予以公开\n\
Fix: use the template's punctuation (`--fix --select W306`).",
            "检查内容：标题或行标签措辞与规定相同，但标点或空格不同：半角“(一)”代替全角“（一）”、“,”代替“，”、直引号代替弯引号、“1、”代替“1.”、标签中有空格（如“(一) 予以公开”）。默认不启用（--select W306 启用）：网页抓取和编辑器常会改动这些。\n\
依据：官方模板使用全角标点（国办公开办函〔2021〕30号）；希望公开文本与模板逐字一致的单位可以检查此项。\n\
错误示例：(一) 予以公开\n\
正确示例：（一）予以公开\n\
修改方法：使用模板中的标点（--fix --select W306）。",
        ),
        fixable: true,
    },
    check: Some(check),
};

fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let report = ctx.report();
    let text = ctx.text();
    let mut items: Vec<(Span, &'static str)> = Vec::new();
    for s in &report.sections {
        if let Some(def) = SECTIONS.iter().find(|d| d.number == s.number) {
            items.push((s.span, def.heading));
        }
    }
    for table in [&report.active, &report.requests].into_iter().flatten() {
        items.extend(table.rows.iter().map(|r| (r.label_span, r.def.label)));
    }
    for (span, standard) in items {
        let written = text[span.start..span.end].trim();
        if written == standard || !same_words(written, standard) || written.contains('\n') {
            continue;
        }
        out.push(
            Diagnostic::new(
                Code::W306,
                Msg::new(
                    format!("`{written}` differs from the standard `{standard}` in punctuation or spacing"),
                    format!("“{written}”与规定的“{standard}”在标点或空格上不同"),
                ),
            )
            .primary(span, Msg::new("punctuation or spacing", "标点或空格"))
            .fix(span, standard),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{run, seed};

    #[test]
    fn fails_on_ascii_punctuation_passes_on_the_template_text() {
        assert!(run("W306", &seed()).iter().any(|d| d.message.en.contains("(一) 予以公开")));
        let exact = "某县人民政府2024年政府信息公开工作年度报告\n一、总体情况\n内容。\n";
        assert!(run("W306", exact).is_empty());
    }
}
