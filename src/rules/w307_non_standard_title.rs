//! W307 non-standard-title: the title calls the report otherwise than
//! 政府信息公开工作年度报告.

use super::wording::change_note;
use super::{Ctx, Rule, RuleMeta};
use crate::diagnostic::{Code, Diagnostic, Msg};
use crate::model::Span;
use crate::parse::labels;
use crate::template::{TITLE_KINDS, TITLE_SHORT_SUBJECT, TITLE_STANDARD_NAME, TITLE_SUBJECT};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: crate::diagnostic::Code::W307,
        summary: (
            "the title calls the report otherwise than 政府信息公开工作年度报告",
            "标题中的报告名称不是“政府信息公开工作年度报告”",
        ),
        explain: (
            "What: the title names the document otherwise than the regulation does: words dropped \
(…2022年信息公开工作年度报告, …政府信息公开年度报告, …政府信息公开工作报告) or in another order \
(…政府信息公开年度工作报告). Spacing and traditional characters are not counted, nor what stands \
before the name (the agency and year, checked by S108 and C405).\n\
Why: 条例 第四十九条、第五十条 name the document 政府信息公开工作年度报告, and the format's own title \
uses the name (国办公开办函〔2021〕30号); readers, search engines and the disclosure office find the \
reports of every agency under the one name.\n\
Fails:  XX县教育局2022年政府信息公开年度工作报告\n\
Passes: XX县教育局2022年政府信息公开工作年度报告\n\
Fix: write the name as the regulation does (`ogilint check --fix`).",
            "检查内容：标题中报告的名称与《条例》不同：少字（如“……2022年信息公开工作年度报告”“……政府信息公开年度报告”“……政府信息公开工作报告”）或词序不同（如“……政府信息公开年度工作报告”）。空格、繁体字以及名称前的机关名称和年度（由 S108、C405 检查）不计。\n\
依据：《条例》第四十九条、第五十条称之为“政府信息公开工作年度报告”，年报格式的标题也用此名称（国办公开办函〔2021〕30号）；各机关的报告用同一名称，读者、搜索引擎和公开工作主管部门才能找到。\n\
错误示例：XX县教育局2022年政府信息公开年度工作报告\n\
正确示例：XX县教育局2022年政府信息公开工作年度报告\n\
修改方法：按《条例》写出报告名称（ogilint check --fix 可自动修改）。",
        ),
        fixable: true,
    },
    check: Some(check),
};

/// More characters than the standard name has, beyond which the words
/// taken are more than a name.
const MAX_EXTRA_CHARS: usize = 4;

/// Where the report's name stands in the title line: from its subject
/// (`政府信息公开`, or `信息公开` when 政府 is dropped) to the end of the
/// word that calls it a report (`报告`, `年报`).
fn name_in(title: &str) -> Option<(usize, usize)> {
    let full = labels::pattern(TITLE_SUBJECT);
    let short = labels::pattern(TITLE_SHORT_SUBJECT);
    let (start, after) =
        labels::find(title, 0, title.len(), &full).or_else(|| labels::find(title, 0, title.len(), &short))?;
    let end = TITLE_KINDS
        .iter()
        .filter_map(|k| labels::find(title, after, title.len(), &labels::pattern(k)).map(|(_, e)| e))
        .min()?;
    Some((start, end))
}

fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let Some((_, span)) = &ctx.report().title else { return };
    let text = ctx.text();
    let Some(line) = text.get(span.start..span.end) else { return };
    let Some((s, e)) = name_in(line) else { return };
    let written = &line[s..e];
    let folded = crate::template::normalized(written);
    if labels::pattern(&folded) == labels::pattern(TITLE_STANDARD_NAME) {
        return;
    }
    // A year or other words inside what was taken for the name
    // (`…政府信息公开工作2023年度报告`, an agency named `…政府信息公开办公室`):
    // not a name reworded, and no fix may drop them.
    let extra = folded.chars().count().saturating_sub(TITLE_STANDARD_NAME.chars().count());
    if folded.contains(|c: char| c.is_ascii_digit()) || extra > MAX_EXTRA_CHARS {
        return;
    }
    let at = Span::new(span.start + s, span.start + e);
    out.push(
        Diagnostic::new(
            Code::W307,
            Msg::new(
                format!("the title calls the report `{written}`: the regulation's name is `{TITLE_STANDARD_NAME}`"),
                format!("标题中的报告名称为“{written}”，《条例》规定的名称是“{TITLE_STANDARD_NAME}”"),
            ),
        )
        .primary(at, Msg::new("the report's name", "报告名称"))
        .note(change_note(written, TITLE_STANDARD_NAME))
        .fix(at, TITLE_STANDARD_NAME),
    );
}

#[cfg(test)]
mod tests {
    use super::super::testing::{run, seed};

    const STANDARD: &str = "政府信息公开工作年度报告";

    #[test]
    fn fails_on_other_names_passes_on_the_seed() {
        assert!(run("W307", &seed()).is_empty());
        for other in
            ["政府信息公开年度工作报告", "信息公开工作年度报告", "政府信息公开年度报告", "政府信息公开工作报告"]
        {
            let text = seed().replacen(STANDARD, other, 1);
            let d = run("W307", &text);
            assert_eq!(d.len(), 1, "{other}: {d:?}");
            assert_eq!(d[0].fix.as_ref().map(|f| f.replacement.as_str()), Some(STANDARD));
        }
    }

    /// A year or an office inside the words taken for the name is left alone.
    #[test]
    fn a_year_or_an_office_inside_the_name_is_left_alone() {
        for title in ["淮滨县芦集乡人民政府政府信息公开工作2024年度报告", "淮滨县政府信息公开办公室2024年工作报告"]
        {
            let text = seed().replacen("淮滨县芦集乡人民政府 2024 年政府信息公开工作年度报告", title, 1);
            assert!(run("W307", &text).is_empty(), "{title}: {:?}", run("W307", &text));
        }
    }

    /// Real titles as published: spaces inside, traditional characters, a
    /// year written 2023年度.
    #[test]
    fn real_titles_with_spaces_and_traditional_characters_pass() {
        for title in
            ["沐阳县人民政府 2025 年 政府信息公开工作年度报告", "平潭综合实验区2023年度政府信息公開工作年度報告"]
        {
            let text = seed().replacen("淮滨县芦集乡人民政府 2024 年政府信息公开工作年度报告", title, 1);
            assert_ne!(text, seed());
            assert!(run("W307", &text).is_empty(), "{title}: {:?}", run("W307", &text));
        }
    }
}
