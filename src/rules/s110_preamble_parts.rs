//! S110 preamble-parts: the preamble announces a number of parts other than
//! the parts it lists.

use super::{Ctx, Rule, RuleMeta};
use crate::diagnostic::{Code, Diagnostic, Msg};
use crate::model::Span;
use crate::template::{PREAMBLE_PART_WORDS, SECTIONS};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: crate::diagnostic::Code::S110,
        summary: ("the preamble announces more or fewer parts than it lists", "编制说明所称部分数与所列部分不符"),
        explain: (
            "What: the preamble, before 一、总体情况, says how many parts the report has (…等六个部分, \
共6个部分, 本报告共分6个部分：…) and lists them, and the two disagree: 六个部分 with five parts named.\n\
Why: the preamble is copied from year to year and from other agencies' reports; a part dropped from \
the list (or from the report) shows in the count. The format has six parts (国办公开办函〔2021〕30号).\n\
Fails:  全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、存在的主要问题及改进情况、\
其他需要报告的事项等六个部分。\n\
Passes: the same sentence with 政府信息公开行政复议、行政诉讼情况 in the list.\n\
Fix: list every part, and say their number right.",
            "检查内容：正文“一、总体情况”之前的编制说明写明报告有几个部分（“……等六个部分”“共6个部分”“本报告共分6个部分：……”）并列出各部分，两者不一致，如称“六个部分”却只列出五个。\n\
依据：编制说明常逐年照抄或抄自其他单位的报告；列举中漏掉（或报告中缺少）的部分会在数目上露出来。年报格式共六个部分（国办公开办函〔2021〕30号）。\n\
错误示例：全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、存在的主要问题及改进情况、其他需要报告的事项等六个部分。\n\
正确示例：同一句话中列出“政府信息公开行政复议、行政诉讼情况”。\n\
修改方法：列全各部分，并写对部分数。",
        ),
        fixable: false,
    },
    check: Some(check),
};

/// At least this many parts named, for a sentence to be a list of the parts.
const MIN_LISTED: usize = 3;

/// The number written just before `at` (`六`, `6`, `六个`), and where it starts.
fn count_before(text: &str, at: usize) -> Option<(u32, usize)> {
    let before = text[..at].strip_suffix('个').unwrap_or(&text[..at]);
    let digits: String = before.chars().rev().take_while(|c| c.is_ascii_digit()).collect();
    if !digits.is_empty() {
        let n = digits.chars().rev().collect::<String>().parse().ok()?;
        return Some((n, before.len() - digits.len()));
    }
    let c = before.chars().next_back()?;
    let n = crate::parse::cells::chinese_numeral(&c.to_string())?;
    Some((n, before.len() - c.len_utf8()))
}

/// How many items a list of the parts has, split at `、`: the list before
/// the count (`由…、…等六部分组成`) or after it (`共分6个部分：…、…`).
fn items_listed(before: &str, after: &str) -> Option<usize> {
    let from = LIST_OPENERS.iter().filter_map(|m| before.rfind(m).map(|i| i + m.len())).max();
    let list = match from {
        Some(i) if before[i..].contains('、') => before[i..].trim_end_matches(['等', '共', '计', ' ']),
        _ => after.trim_start_matches(['：', ':', ' ']),
    };
    // Section 四's own heading holds a `、` (`行政复议、行政诉讼`): one item.
    // Items parted by commas keep a `、` of their own (`…申请行政复议、提起行政
    // 诉讼情况,…`); parted by `、`, the pair 行政复议、行政诉讼 is one item.
    if list.contains([',', '，']) {
        return Some(list.split([',', '，']).filter(|i| !i.trim().is_empty()).count());
    }
    let list = list.replace("行政复议、行政诉讼", "行政复议和行政诉讼");
    list.contains('、').then(|| list.split('、').filter(|i| !i.trim().is_empty()).count())
}

/// Words after which a preamble lists the parts.
const LIST_OPENERS: &[&str] = &["包括", "由", "分为", "：", ":"];

fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    // Reports before the 2019 format had parts of their own (统计表, 收费).
    if ctx.report().format == Some(crate::template::Format::Pre2019) {
        return;
    }
    let Some((from, to)) = ctx.preamble() else { return };
    let text = ctx.text();
    let Some(region) = text.get(from..to) else { return };
    for word in PREAMBLE_PART_WORDS {
        for (i, _) in region.match_indices(word) {
            let at = from + i;
            let Some((announced, start)) = count_before(text, at) else { continue };
            // The sentence the count stands in, and the parts it names.
            let s = text[from..at].rfind('。').map_or(from, |k| from + k + '。'.len_utf8());
            let e = text[at..to].find('。').map_or(to, |k| at + k);
            let sentence = &text[s..e];
            let listed = SECTIONS.iter().filter(|d| d.keys.iter().any(|k| sentence.contains(k))).count();
            // The items as written, for a report whose parts are its own
            // (`…政府信息公开情况统计表等六部分`): said only when neither the
            // standard parts named nor the items listed make the count.
            let items = items_listed(&text[s..start], &text[at + word.len()..e]);
            if listed < MIN_LISTED || listed as u32 == announced || items == Some(announced as usize) {
                continue;
            }
            let span = Span::new(start, at + word.len());
            out.push(
                Diagnostic::new(
                    Code::S110,
                    Msg::new(
                        format!("the preamble announces {announced} parts but names {listed}"),
                        format!("编制说明称共 {announced} 个部分，实际列出 {listed} 个"),
                    ),
                )
                .primary(span, Msg::new(format!("{announced} parts"), format!("{announced} 个部分")))
                .secondary(Span::new(s, e), Msg::new(format!("{listed} parts named"), format!("列出 {listed} 个部分"))),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::run;

    fn real(file: &str) -> String {
        std::fs::read_to_string(format!("{}/corpus/{file}", env!("CARGO_MANIFEST_DIR"))).unwrap_or_default()
    }

    /// Real preambles: six parts listed and announced pass; one part taken
    /// out of the list fails, in each way of writing the count.
    /// Parts parted by commas, one of them with a `、` of its own (a
    /// development zone's report of 2019, in the 2019 wording of the parts):
    /// six named, six announced.
    #[test]
    fn parts_parted_by_commas_are_counted_by_commas() {
        let text = "本报告由概述,主动公开政府信息情况,政府信息依申请公开办理情况,政府信息公开收费及减免情况,\
                    因政府信息公开申请行政复议、提起行政诉讼情况,政府信息公开工作存在的主要问题及改进措施等6部分组成。\n\
                    一、概述\n";
        assert!(run("S110", text).is_empty(), "{:?}", run("S110", text));
        let five = text.replacen("政府信息公开收费及减免情况,", "", 1);
        assert_eq!(run("S110", &five).len(), 1);
    }

    #[test]
    fn fails_when_a_part_is_missing_from_the_list() {
        for file in [
            "excerpts/guizhou_sheng_jiguanshiwuguanliju_2020.txt",
            "excerpts/yibin-cuiping_qufubangongshi_2021.txt",
            "excerpts/wuqia_xianzhengfubangongshi_2025.txt",
            "real/pingtan_2025.txt",
        ] {
            let text = real(file);
            assert!(run("S110", &text).is_empty(), "{file}: {:?}", run("S110", &text));
            let five = text.replacen("政府信息公开行政复议和行政诉讼情况、", "", 1).replacen(
                "政府信息公开行政复议、行政诉讼情况、",
                "",
                1,
            );
            assert_ne!(five, text, "{file}");
            let d = run("S110", &five);
            assert_eq!(d.len(), 1, "{file}: {d:?}");
            assert!(d[0].message.en.contains("announces 6 parts but names 5"), "{}", d[0].message.en);
        }
    }
}
