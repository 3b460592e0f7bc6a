//! P501 late-publication: the publication date a page states is past the
//! legal deadline for the report's year.

use super::{Ctx, Rule, RuleMeta};
use crate::diagnostic::{Code, Diagnostic, Msg};
use crate::model::Span;
use crate::parse::cells::{Date, date};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: crate::diagnostic::Code::P501,
        summary: ("the report was published after the legal deadline", "年报发布时间晚于法定期限"),
        explain: (
            "What: the page states when it was published (`<meta name=\"PubDate\">` and the like, or \
发布日期/发布时间 in the text), and that date is after the deadline for the report's year: 31 January \
of the next year for a department's report, 31 March for a people's government's (人民政府).\n\
Why: 条例 第四十九条: 政府部门应当于每年1月31日前向本级政府信息公开工作主管部门提交本部门的年度报告并向社会公布; \
县级以上地方人民政府的政府信息公开工作主管部门应当于每年3月31日前向社会公布本级政府的年度报告.\n\
Fails: a 2024 report of 某县发展和改革局 with 发布日期：2025-02-14.\n\
Passes: the same with 发布日期：2025-01-20.\n\
Fix: publish on time; a page republished later should keep its first publication date.",
            "检查内容：网页标明的发布时间（如 `<meta name=\"PubDate\">`，或正文中的“发布日期/发布时间”）晚于该年度报告的法定期限：部门报告为次年1月31日，人民政府报告为次年3月31日。\n\
依据：《条例》第四十九条：政府部门应当于每年1月31日前向本级政府信息公开工作主管部门提交本部门的年度报告并向社会公布；县级以上地方人民政府的政府信息公开工作主管部门应当于每年3月31日前向社会公布本级政府的年度报告。\n\
错误示例：某县发展和改革局 2024 年度报告，发布日期：2025-02-14。\n\
正确示例：发布日期：2025-01-20。\n\
修改方法：按期公布；日后重新发布的页面应保留首次发布日期。",
        ),
        fixable: false,
    },
    check: Some(check),
};

/// Words that introduce a publication date, in a page's markup or text.
const DATE_KEYS: &[&str] =
    &["PubDate", "pubdate", "publishdate", "PublishDate", "firstpublishedtime", "发布日期", "发布时间", "发布于"];

/// The first publication date after one of the keys in `text`, with where
/// its digits are.
fn publication_date(text: &str) -> Option<(Date, usize, usize)> {
    // Pages and crawls state it in their head, before the report's body:
    // the first 16 KB are searched, not the whole report.
    let text = &text[..crate::floor_boundary(text, 16 * 1024)];
    let mut best: Option<(Date, usize, usize)> = None;
    for key in DATE_KEYS {
        let finder = memchr::memmem::Finder::new(key.as_bytes());
        let mut from = 0;
        while let Some(p) = finder.find(&text.as_bytes()[from..]) {
            let after = from + p + key.len();
            from = after;
            // The date within a few characters (`">`, `content="`, `：`).
            let window: String = text[after..].chars().take(24).collect();
            let Some(d) = window.char_indices().find(|(_, c)| c.is_ascii_digit()).map(|(i, _)| i) else { continue };
            if let Ok((rest, found)) = date(&window[d..])
                && found.year.is_some()
            {
                let s = after + d;
                let e = s + (window.len() - d - rest.len());
                if best.as_ref().is_none_or(|b| s < b.1) {
                    best = Some((found, s, e));
                }
                break;
            }
        }
    }
    best
}

fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let report = ctx.report();
    let (Some(year), Some(agency)) = (report.year, report.agency.as_deref()) else { return };
    // The page's own markup first (a saved page), then the text.
    let (date, span) = match ctx.parsed.html.as_ref().and_then(|h| publication_date(&h.text)) {
        // A date in the markup has no place in the text: the title stands for it.
        Some((d, _, _)) => (d, report.title.as_ref().map_or(Span::new(0, 0), |t| t.1)),
        None => match publication_date(ctx.text()) {
            Some((d, s, e)) if ctx.parsed.html.is_none() => (d, Span::new(s, e)),
            _ => return,
        },
    };
    let Some(published) = date.year else { return };
    // 31 January only for a body that is clearly a department (its name ends
    // as departments' do); any other (a people's government, a 管委会, a
    // 实验区, a name not understood) gets the later deadline.
    let name = agency.trim();
    let department = !name.ends_with("管理委员会")
        && !name.ends_with("管委会")
        && !name.ends_with("政府")
        && ["局", "厅", "委员会", "委", "办公室", "办", "中心", "署", "部"].iter().any(|e| name.ends_with(e));
    let government = !department;
    let (month, day) = if government { (3, 31) } else { (1, 31) };
    if (published, date.month, date.day) <= (year + 1, month, day) {
        return;
    }
    let (who_en, who_zh) =
        if government { ("a people's government", "人民政府") } else { ("a department", "政府部门") };
    out.push(
        Diagnostic::new(
            Code::P501,
            Msg::new(
                format!(
                    "published {published}-{:02}-{:02}, after the deadline {}-{month:02}-{day:02} for {who_en}'s report of {year} (条例 第四十九条)",
                    date.month,
                    date.day,
                    year + 1
                ),
                format!(
                    "发布于 {published}年{}月{}日，晚于{who_zh}{year} 年度报告的法定期限 {}年{month}月{day}日（《条例》第四十九条）",
                    date.month,
                    date.day,
                    year + 1
                ),
            ),
        )
        .primary(span, Msg::new("publication date", "发布日期")),
    );
}

#[cfg(test)]
mod tests {
    use super::super::testing::{run, seed};

    #[test]
    fn fails_after_the_deadline_passes_before_it() {
        // 芦集乡人民政府 is a people's government: 31 March of the next year.
        let late = format!("发布日期：2025-04-02\n{}", seed());
        let d = run("P501", &late);
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].message.en.contains("2025-03-31"));
        assert!(run("P501", &format!("发布日期：2025-03-20\n{}", seed())).is_empty());
        assert!(run("P501", &seed()).is_empty());
        // A department's report: 31 January.
        let dept = seed().replace("淮滨县芦集乡人民政府", "淮滨县发展和改革委员会");
        assert_eq!(run("P501", &format!("发布时间：2025年2月14日\n{dept}")).len(), 1);
    }

    #[test]
    fn a_page_states_it_in_its_markup() {
        let body: String = seed().lines().map(|l| format!("<p>{l}</p>\n")).collect();
        let page = format!(
            "<html><head><meta name=\"PubDate\" content=\"2025-05-06 10:00\"></head><body>{body}</body></html>"
        );
        let parsed = crate::parse_bytes(page.as_bytes(), crate::Options { html: Some(true), ..Default::default() });
        let settings = crate::rules::Settings { select: vec!["P501".into()], ..Default::default() };
        let d = crate::rules::check(&parsed, &settings);
        assert!(d.iter().any(|d| d.code == "P501"), "{d:?}");
    }
}
