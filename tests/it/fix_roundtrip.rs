//! `--fix` then `check`: the fixed text reads to the same values, keeps no
//! diagnostic a fix was meant to remove, gains none, and differs from the
//! original only inside the spans the fixes replaced.

use crate::common;
use crate::common::Kind;

use ogilint::rules::Settings;
use std::collections::BTreeMap;

fn values(parsed: &ogilint::Parsed) -> BTreeMap<String, String> {
    parsed.report.cells().map(|(id, c)| (id.to_string(), format!("{:?}", c.value))).collect()
}

/// Lints, fixes, lints again; returns how many fixes were applied.
fn round_trip(name: &str, text: &str) -> usize {
    let settings = Settings::default();
    let (before, diags) = common::lint_bytes(text.as_bytes(), Kind::Text, &settings);
    let (fixed, n) = ogilint::fix::apply(&before.text, &diags);
    if n == 0 {
        return 0;
    }
    let (after, diags_after) = common::lint_bytes(fixed.as_bytes(), Kind::Text, &settings);
    assert_eq!(values(&before), values(&after), "{name}: the fix changed values");
    assert!(diags_after.iter().all(|d| d.fix.is_none()), "{name}: a fix is still offered: {diags_after:?}");
    let said = |d: &ogilint::diagnostic::Diagnostic| (d.code, d.message.en.clone());
    let old: Vec<_> = diags.iter().map(said).collect();
    for d in &diags_after {
        assert!(old.contains(&said(d)), "{name}: the fix brought {} {}", d.code, d.message.en);
    }
    // Outside the replaced spans the text is byte for byte the same.
    let mut spans: Vec<_> =
        diags.iter().filter_map(|d| d.fix.as_ref()).map(|f| (f.span.start, f.span.end, f.replacement.len())).collect();
    spans.sort();
    let (mut at, mut shift) = (0usize, 0isize);
    for (s, e, len) in spans {
        if s < at {
            continue;
        }
        let fs = (s as isize + shift) as usize;
        assert_eq!(
            &before.text[at..s],
            &fixed[(at as isize + shift) as usize..fs],
            "{name}: text outside the fixes changed"
        );
        shift += len as isize - (e - s) as isize;
        at = e;
    }
    assert_eq!(&before.text[at..], &fixed[(at as isize + shift) as usize..], "{name}: text after the fixes changed");
    n
}

#[test]
fn fixing_every_corpus_text_is_safe() {
    let mut fixed = 0;
    for dir in ["seed", "real", "excerpts", "pdf"] {
        for path in common::files_in(dir) {
            let bytes = std::fs::read(&path).expect("corpus file");
            let text = String::from_utf8_lossy(&bytes).into_owned();
            fixed += round_trip(&path.display().to_string(), &text);
        }
    }
    assert!(fixed > 0, "no fix was applied on the corpus");
}

const TYPOS: [(&str, &str); 5] = [
    ("2. 其他法律行政法规禁止公开", "2. 其他法律行政止公开"),
    ("5. 属于三类内部事务信息", "5. 属于三类内容事务信息"),
    ("4. 保护第三方合法权益", "4. 保护第三方合法权利"),
    ("二、上年结转政府信息公开申请数量", "二、上年度结转政府信息公开申请数"),
    ("行政规范性文件", "规范性文件"),
];

/// Every one-character typo in a label of the seed, fixed, gives back the seed.
#[test]
fn fixing_a_label_typo_restores_the_standard_label() {
    let seed = String::from_utf8(common::corpus("seed/huaibin-luji_2024.txt")).expect("UTF-8");
    let mut cases = 0;
    for (from, to) in TYPOS {
        assert!(seed.contains(from), "{from}");
        let text = seed.replacen(from, to, 1);
        assert!(round_trip(to, &text) >= 1, "{to}: no fix");
        cases += 1;
    }
    assert_eq!(cases, 5);
}

/// The seed with all its label typos, in every layout of the layout test:
/// each is fixed, and the fixed text keeps every value and changes nothing
/// but the labels.
#[test]
fn fixing_labels_is_safe_in_every_layout() {
    let seed = String::from_utf8(common::corpus("seed/huaibin-luji_2024.txt")).expect("UTF-8");
    let typos = TYPOS.iter().fold(seed, |text, (from, to)| text.replacen(from, to, 1));
    let layouts = common::layouts(&typos);
    assert_eq!(layouts.len(), 7);
    for (name, text) in layouts {
        let fixed = round_trip(name, &text);
        assert_eq!(fixed, TYPOS.len(), "{name}: {fixed} of {} labels fixed", TYPOS.len());
    }
}
