//! W302 non-standard-row-label: a row label differs from the standard one.

use super::wording::{change_note, likeness, same_words};
use super::{Ctx, Rule, RuleMeta};
use crate::diagnostic::{Code, Diagnostic, Msg};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: crate::diagnostic::Code::W302,
        summary: ("a row label differs from the standard one", "表格行标签与规定格式不一致"),
        explain: (
            "What: the label of a table row is worded otherwise than in the format: a typo, a \
paraphrase, missing words, or old wording (规范性文件 where the 2021 table says 行政规范性文件). \
Differences of punctuation width, quote style and spacing are not counted (W306). The fix is the \
standard label.\n\
Why: the format prescribes the tables cell by cell (国办公开办函〔2021〕30号, annex; \"严格按照统一的格式模板进行编制\"); \
a changed label makes a reader wonder whether the row still counts the same thing.\n\
Fails:  规范性文件\t13\t0\t55   (in a 2021-format table 2)\n\
Passes: 行政规范性文件\t13\t0\t55\n\
Fix: use the standard label (`--fix` where the label stands on one line).",
            "检查内容：表格某行标签的措辞与年报格式不同：错字、改写、缺字或旧称（如 2021 年格式表二写成“规范性文件”，应为“行政规范性文件”）。标点全半角、引号样式和空格的差异不计（见 W306）。修改建议为规定标签。\n\
依据：年报格式逐格规定了统计表（国办公开办函〔2021〕30号附件；“严格按照统一的格式模板进行编制”）；标签一改，读者会疑惑该行统计口径是否还相同。\n\
错误示例：规范性文件\t13\t0\t55（2021 年格式表二）\n\
正确示例：行政规范性文件\t13\t0\t55\n\
修改方法：改用规定标签（标签在同一行内时 --fix 可自动修改）。",
        ),
        fixable: true,
    },
    check: Some(check),
};

/// Whether `text[start..end]` fills its cell: a separator or line start
/// before it, a separator or line break after it (not the end of the text,
/// where a cut-off report may stop inside a label).
fn whole_cell(text: &str, start: usize, end: usize) -> bool {
    let before = text.get(..start).unwrap_or("");
    let after = text.get(end..).unwrap_or("");
    (before.is_empty() || before.ends_with(['\t', '|', '\n'])) && after.starts_with(['\t', '|', '\n', '\r'])
}

fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let report = ctx.report();
    // A label the text stops in is cut, not reworded.
    let cut_at = ctx.cut().map(|c| c.at);
    for table in [&report.active, &report.requests].into_iter().flatten().filter(|t| !t.layout_lost) {
        for row in &table.rows {
            if cut_at.is_some_and(|at| row.label_span.end >= at) {
                continue;
            }
            let standard = row.def.label;
            // A label broken apart by PDF extraction keeps too little of the
            // standard to say what was meant: S107/S105 speak of it instead.
            // A label alone in its cell is judged down to half the standard.
            let least = if whole_cell(ctx.text(), row.label_span.start, row.label_span.end) { 0.5 } else { 0.6 };
            if same_words(&row.label, standard) || likeness(&row.label, standard) < least {
                continue;
            }
            let written = row.label.trim();
            let mut d = Diagnostic::new(
                Code::W302,
                Msg::new(
                    format!("row label `{written}` differs from the standard `{standard}`"),
                    format!("行标签“{written}”与规定标签“{standard}”不一致"),
                ),
            )
            .primary(row.label_span, Msg::new("non-standard label", "不规范的标签"))
            .note(change_note(written, standard))
            .help(Msg::new(format!("write `{standard}`"), format!("改为“{standard}”")));
            let source = &ctx.text()[row.label_span.start..row.label_span.end];
            // Only a label that stands whole at its span is replaced: never a
            // piece of a label wrapped around its values.
            if !source.contains('\n') && same_words(source, &row.label) {
                d = d.fix(row.label_span, standard);
            }
            out.push(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{run, seed};

    #[test]
    fn fails_on_old_wording_passes_on_the_seed() {
        let text = seed().replace("行政规范性文件\t0", "规范性文件\t0");
        let d = run("W302", &text);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].fix.as_ref().map(|f| f.replacement.as_str()), Some("行政规范性文件"));
        // The seed's ASCII parentheses and commas are no wording difference.
        assert!(run("W302", &seed()).is_empty());
    }
}
