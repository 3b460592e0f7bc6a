//! W301 non-standard-heading: a section heading differs from the standard one.

use super::wording::{change_note, same_words, whole_line};
use super::{Ctx, Rule, RuleMeta};
use crate::diagnostic::{Code, Diagnostic, Msg};
use crate::template::{Format, SECTIONS};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: crate::diagnostic::Code::W301,
        summary: ("a section heading differs from the standard one", "章节标题与规定格式不一致"),
        explain: (
            "What: the heading of one of the six sections is worded otherwise than in the format, or \
numbered otherwise (the standard headings are 一、总体情况 … 六、其他需要报告的事项). Differences of \
punctuation width and spacing are not counted (see W306). The fix is the standard text.\n\
Why: the format is a 统一格式 (国办公开办函〔2021〕30号, 条例 第五十条): the same headings in every report \
let readers and tools find each part. Paraphrases of 条例 第五十条 such as \
五、政府信息公开工作存在的主要问题及改进情况 are common and should give way to the standard wording.\n\
Fails: 五、政府信息公开工作存在的主要问题及改进情况\n\
Passes: 五、存在的主要问题及改进情况\n\
Fix: use the standard heading (`ogilint check --fix` does it where the heading is a line of its own).",
            "检查内容：六个部分之一的标题措辞或序号与年报格式不同（规定标题为“一、总体情况”至“六、其他需要报告的事项”）。标点全半角和空格的差异不计（见 W306）。修改建议为规定标题。\n\
依据：年报格式是“统一格式”（国办公开办函〔2021〕30号、《条例》第五十条），各报告标题一致，读者和工具才能找到各部分。照搬《条例》第五十条的说法（如“五、政府信息公开工作存在的主要问题及改进情况”）很常见，应改用规定措辞。\n\
错误示例：五、政府信息公开工作存在的主要问题及改进情况\n\
正确示例：五、存在的主要问题及改进情况\n\
修改方法：改用规定标题（标题独占一行时，ogilint check --fix 可自动修改）。",
        ),
        fixable: true,
    },
    check: Some(check),
};

fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let report = ctx.report();
    if report.format == Some(Format::Pre2019) {
        return;
    }
    // A heading the text stops in is cut, not reworded.
    let cut_at = ctx.cut().map(|c| c.at);
    for s in &report.sections {
        let Some(def) = SECTIONS.iter().find(|d| d.number == s.number) else { continue };
        if cut_at.is_some_and(|at| s.span.end >= at) {
            continue;
        }
        if same_words(&s.heading, def.heading) {
            continue;
        }
        let mut d = Diagnostic::new(
            Code::W301,
            Msg::new(
                format!("section heading `{}` differs from the standard `{}`", s.heading, def.heading),
                format!("章节标题“{}”与规定标题“{}”不一致", s.heading, def.heading),
            ),
        )
        .primary(s.span, Msg::new("non-standard heading", "不规范的标题"))
        .note(change_note(&s.heading, def.heading))
        .help(Msg::new(format!("write `{}`", def.heading), format!("改为“{}”", def.heading)));
        if whole_line(ctx.text(), s.span.start, s.span.end) {
            d = d.fix(s.span, def.heading);
        }
        out.push(d);
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{run, seed};

    #[test]
    fn fails_on_a_paraphrase_passes_on_the_seed() {
        let text = seed().replace("五、存在的主要问题及改进情况", "五、政府信息公开工作存在的主要问题及改进情况");
        let d = run("W301", &text);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].fix.as_ref().map(|f| f.replacement.as_str()), Some("五、存在的主要问题及改进情况"));
        assert!(run("W301", &seed()).is_empty());
    }
}
