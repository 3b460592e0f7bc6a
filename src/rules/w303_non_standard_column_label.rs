//! W303 non-standard-column-label: a column header of table 2 differs from the standard.

use super::wording::change_note;
use super::{Ctx, Rule, RuleMeta};
use crate::diagnostic::{Code, Diagnostic, Msg, Severity};
use crate::model::Span;
use crate::parse::labels;
use crate::template::TableId;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "W303",
        name: "non-standard-column-label",
        default: Some(Severity::Warning),
        summary: ("a column header differs from the standard one", "表格列标题与规定格式不一致"),
        explain: (
            "What: a column header of table 2 is cut short (现行有效件 for 现行有效件数) or has words added \
(现行有效件数 (历史累计)). The headers are 本年制发件数, 本年废止件数, 现行有效件数, 本年处理决定数量 and \
本年收费金额（单位：万元）. Punctuation width and spacing are not counted (W306).\n\
Why: the format prescribes the headers (国办公开办函〔2021〕30号, annex); a changed header changes, or \
seems to change, what the column counts (现行有效件数 is the stock at year end, not a history).\n\
Fails:  信息内容\t本年制发件数\t本年废止件数\t现行有效件数 (历史累计)\n\
Passes: 信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n\
Fix: use the standard header.",
            "检查内容：表二的列标题被截短（如“现行有效件”应为“现行有效件数”）或被加字（如“现行有效件数（历史累计）”）。规定列标题为：本年制发件数、本年废止件数、现行有效件数、本年处理决定数量、本年收费金额（单位：万元）。标点全半角和空格不计（见 W306）。\n\
依据：年报格式规定了列标题（国办公开办函〔2021〕30号附件）；改动列标题会改变（或让人以为改变了）该列的统计口径（现行有效件数是年末存量，不是历史累计）。\n\
错误示例：信息内容\t本年制发件数\t本年废止件数\t现行有效件数（历史累计）\n\
正确示例：信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n\
修改方法：改用规定列标题。",
        ),
        fixable: true,
    },
    check: Some(check),
};

fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let Some(table) = ctx.report().active.as_ref().filter(|t| t.def.id == TableId::Active) else { return };
    let mut headers: Vec<&str> = Vec::new();
    for c in table.def.rows.iter().flat_map(|r| r.columns.iter()) {
        if !headers.contains(&c.label) {
            headers.push(c.label);
        }
    }
    let text = ctx.text();
    for l in &table.loose {
        let written = &text[l.span.start..l.span.end];
        for &h in &headers {
            let full = labels::pattern(h);
            // The first four characters name the column (本年制发, 现行有效, …).
            let head: Vec<char> = full.iter().take(4).copied().collect();
            let Some((s, e)) = labels::find(written, 0, written.len(), &head) else { continue };
            let (ws, we, problem) = match labels::match_at(written, s, written.len(), &full) {
                Some(end) => {
                    // Words added after the full header in the same cell: `(历史累计)`.
                    let rest = written[end..].trim_start();
                    if !rest.starts_with(['(', '（']) {
                        continue;
                    }
                    let close = rest
                        .find([')', '）'])
                        .map_or(rest.len(), |i| i + rest[i..].chars().next().map_or(1, char::len_utf8));
                    (s, written.len() - rest.len() + close, "added")
                }
                None => {
                    // Cut short: the cell ends before the header does (not the
                    // file: a truncated page says nothing about the header).
                    let cut = written[e..].find(|c: char| c.is_whitespace()).map_or(written.len(), |i| e + i);
                    if text[l.span.start + cut..].trim().is_empty() {
                        continue;
                    }
                    // Only a beginning of the header is cut short; other words
                    // in its place are a different wording (现行有效数量).
                    let shown = labels::pattern(&written[s..cut]);
                    // The same words with brackets or colons lost (`本年收费金额
                    // 单位:万元`): punctuation, which is W306's, not wording.
                    let words = |p: &[char]| -> Vec<char> {
                        p.iter().filter(|c| !matches!(c, '(' | ')' | ':' | ',')).copied().collect()
                    };
                    if words(&shown) == words(&full) {
                        continue;
                    }
                    (s, cut, if full.starts_with(&shown) { "cut" } else { "other" })
                }
            };
            let span = Span::new(l.span.start + ws, l.span.start + we);
            let shown = &written[ws..we];
            let (en, zh) = match problem {
                "added" => ("has words added", "多了文字"),
                "cut" => ("is cut short", "不完整"),
                _ => ("is worded otherwise", "措辞不同"),
            };
            out.push(
                Diagnostic::new(
                    Code::W303,
                    Msg::new(
                        format!("column header `{shown}` {en}: the standard is `{h}`"),
                        format!("列标题“{shown}”{zh}，规定为“{h}”"),
                    ),
                )
                .primary(span, Msg::new("non-standard header", "不规范的列标题"))
                .note(change_note(shown, h))
                .fix(span, h),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{run, seed};

    #[test]
    fn fails_on_added_or_cut_headers_passes_on_the_seed() {
        let added = seed().replace("\t现行有效件数", "\t现行有效件数 (历史累计)");
        assert_eq!(run("W303", &added).len(), 1);
        let cut = seed().replace("\t现行有效件数", "\t现行有效件");
        assert_eq!(run("W303", &cut).len(), 1);
        assert!(run("W303", &seed()).is_empty());
    }

    #[test]
    fn other_words_are_not_called_cut_short() {
        let text = super::super::testing::seed().replacen("现行有效件数", "现行有效数量", 1);
        let d = super::super::testing::run("W303", &text);
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].message.en.contains("worded otherwise"), "{:?}", d[0].message.en);
    }

    /// A page that lost the brackets of a header keeps its words: no W303.
    #[test]
    fn lost_brackets_are_no_other_wording() {
        let text = seed().replacen("本年收费金额（单位：万元）", "本年收费金额单位:万元", 1);
        assert_ne!(text, seed());
        assert!(run("W303", &text).is_empty(), "{:?}", run("W303", &text));
    }
}
