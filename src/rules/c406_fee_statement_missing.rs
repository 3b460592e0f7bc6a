//! C406 fee-statement-missing: section 六 does not say whether 信息处理费 was charged.

use super::{Ctx, Rule, RuleMeta};
use crate::diagnostic::{Code, Diagnostic, Msg};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: crate::diagnostic::Code::C406,
        summary: ("section 六 does not state whether 信息处理费 was charged", "第六部分未说明是否收取信息处理费"),
        explain: (
            "What: section 六、其他需要报告的事项 says nothing about the 信息处理费 (fees for handling \
requests): neither the amount collected nor that none was collected.\n\
Why: since 《政府信息公开信息处理费管理办法》(国办函〔2020〕109号) agencies may charge for large or \
repeated requests, and the 2021 format asks section 六 to report the charging (as we recall the format's \
text; the evidence is the practice of real reports, so this is a warning).\n\
Fails:  六、其他需要报告的事项 / 无。\n\
Passes: 六、其他需要报告的事项 / 2024年未收取政府信息处理费。\n\
Fix: add one sentence: the number of 收费通知 and the amount collected, or that none was charged.",
            "检查内容：“六、其他需要报告的事项”没有提到信息处理费：既没有说明收取金额，也没有说明未收取。\n\
依据：《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）施行后，行政机关可对大量、频繁的申请收取信息处理费；2021 年格式要求在第六部分报告收费情况（据我们对格式原文的记忆，依据是实际报告的普遍做法，故为提醒）。\n\
错误示例：六、其他需要报告的事项／无。\n\
正确示例：六、其他需要报告的事项／2024年未收取政府信息处理费。\n\
修改方法：补充一句：发出收费通知的件数和收取金额，或说明未收取。",
        ),
        fixable: false,
    },
    check: Some(check),
};

/// Words that show the fee is dealt with.
const FEE_WORDS: &[&str] = &["处理费", "收费", "收取"];

fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let report = ctx.report();
    // The statement is asked for by the 2021 format only.
    if report.format != Some(crate::template::Format::F2021) || report.year.is_some_and(|y| y < 2021) {
        return;
    }
    let Some(six) = report.sections.iter().find(|s| s.number == 6) else { return };
    // Section 六 runs to the next heading after it, or to the end.
    let end = report
        .sections
        .iter()
        .filter(|s| s.span.start > six.span.start)
        .map(|s| s.span.start)
        .min()
        .unwrap_or(ctx.text().len());
    let body = crate::normalize::normalize(&ctx.text()[six.span.start..end]).text;
    if FEE_WORDS.iter().any(|w| body.contains(w)) {
        return;
    }
    out.push(
        Diagnostic::new(
            Code::C406,
            Msg::new("section 六 does not say whether 信息处理费 was charged", "第六部分未说明是否收取信息处理费"),
        )
        .primary(six.span, Msg::new("no word on 信息处理费 in this section", "本部分未提及信息处理费"))
        .help(Msg::new("add e.g. `本年度未收取信息处理费。`", "可补充如“本年度未收取信息处理费。”")),
    );
}

#[cfg(test)]
mod tests {
    use super::super::testing::{run, seed};

    #[test]
    fn fails_without_a_fee_statement_passes_on_the_seed() {
        let text = seed().replace("2024年未收取政府信息处理费。", "无。");
        assert_eq!(run("C406", &text).len(), 1);
        assert!(run("C406", &seed()).is_empty());
    }
}
