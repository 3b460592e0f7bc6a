//! Comparing what a report wrote with the standard wording: differences of
//! wording count (W301–W303); differences of punctuation width, quote style
//! and spacing do not (they are W306's, off by default).

use crate::parse::labels::{class, is_soft, lcs};

/// The characters compared: full-width forms and traditional characters
/// folded, spaces and line breaks removed, punctuation by class.
pub(crate) fn comparable(s: &str) -> Vec<char> {
    // (`?` and U+FFFD stand for characters a page or a decoder lost: no
    // standard label has them, and they are no wording.)
    let kept = |c: &char| !is_soft(*c) && !matches!(c, '\t' | '?' | '\u{FFFD}');
    if s.contains(['(', '（', '\r']) {
        // Brackets (pinyin after a character is dropped) and carriage
        // returns (CRLF) are read with their neighbours: the whole normaliser.
        return crate::normalize::normalize(s).text.chars().filter(kept).map(class).collect();
    }
    // Otherwise normalising folds each character alone (labels are compared
    // by the hundred per report: no normalised copy is made, and the vector
    // is sized once).
    let mut out = Vec::with_capacity(s.len());
    out.extend(s.chars().filter_map(crate::normalize::fold_char).filter(kept).map(class));
    out
}

/// Whether two labels say the same words.
pub(crate) fn same_words(written: &str, standard: &str) -> bool {
    comparable(written) == comparable(standard)
}

/// How much of the standard label the written one keeps (0–1).
pub(crate) fn likeness(written: &str, standard: &str) -> f64 {
    let (a, b) = (comparable(written), comparable(standard));
    lcs(&a, &b) as f64 / a.len().max(b.len()).max(1) as f64
}

/// A one-line character diff: `[-removed-]{+added+}` marks.
pub fn diff(written: &str, standard: &str) -> String {
    let written: String = written.chars().filter(|c| !matches!(c, '\n' | '\t')).collect();
    let d = similar::TextDiff::from_chars(written.as_str(), standard);
    let mut out = String::new();
    for change in d.iter_all_changes() {
        let v = change.value();
        match change.tag() {
            similar::ChangeTag::Equal => out.push_str(v),
            similar::ChangeTag::Delete => {
                out.push_str("[-");
                out.push_str(v);
                out.push_str("-]");
            }
            similar::ChangeTag::Insert => {
                out.push_str("{+");
                out.push_str(v);
                out.push_str("+}");
            }
        }
    }
    out.replace("-][-", "").replace("+}{+", "")
}

/// The edits that turn `written` into `standard`, in words a clerk reads
/// (no diff markup): `add `行政``, ``章` → `范``; in Chinese 补上“行政”,
/// “章”改为“范”. At most five edits are named.
pub(crate) fn change_note(written: &str, standard: &str) -> crate::diagnostic::Msg {
    const MOST: usize = 5;
    let written: String = written.chars().filter(|c| !matches!(c, '\n' | '\t')).collect();
    let d = similar::TextDiff::from_chars(written.as_str(), standard);
    // Runs of removed and added text, in order; a removal right before an
    // addition is one replacement.
    let mut edits: Vec<(String, String)> = Vec::new();
    let mut last_equal = true;
    for change in d.iter_all_changes() {
        let v = change.value();
        match change.tag() {
            similar::ChangeTag::Equal => last_equal = true,
            tag => {
                if last_equal || edits.is_empty() {
                    edits.push((String::new(), String::new()));
                }
                last_equal = false;
                if let Some(e) = edits.last_mut() {
                    if tag == similar::ChangeTag::Delete { e.0.push_str(v) } else { e.1.push_str(v) }
                }
            }
        }
    }
    let more = edits.len() > MOST;
    let (mut en, mut zh): (Vec<String>, Vec<String>) = edits
        .iter()
        .take(MOST)
        .map(|(gone, added)| match (gone.is_empty(), added.is_empty()) {
            (true, _) => (format!("add `{added}`"), format!("补上“{added}”")),
            (_, true) => (format!("remove `{gone}`"), format!("删去“{gone}”")),
            _ => (format!("`{gone}` → `{added}`"), format!("“{gone}”改为“{added}”")),
        })
        .unzip();
    if more {
        en.push("…".into());
        zh.push("……".into());
    }
    crate::diagnostic::Msg::new(format!("to change: {}", en.join(", ")), format!("需修改：{}", zh.join("，")))
}

/// Whether `span` of `text` is a whole line (apart from spaces, `#` marks and
/// list markers): only then is a replacement safe.
pub(crate) fn whole_line(text: &str, start: usize, end: usize) -> bool {
    let line_start = text[..start].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let line_end = text[end..].find(['\n', '\r']).map_or(text.len(), |i| end + i);
    text[line_start..start].chars().all(|c| c == ' ' || c == '#' || c == '\t' || c == '\u{3000}')
        && text[end..line_end].trim().is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn punctuation_and_spaces_are_not_wording() {
        assert!(same_words(
            "(二) 部分公开 (区分处理的, 只计这一情形, 不计其他情形)",
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
        ));
        assert!(!same_words("五、政府信息公开工作存在的主要问题及改进情况", "五、存在的主要问题及改进情况"));
    }

    #[test]
    fn labels_compare_as_the_normaliser_reads_them() {
        use crate::template::{ACTIVE, ACTIVE_2019, REQUESTS, REVIEW};
        let by_normaliser = |s: &str| -> Vec<char> {
            let n = crate::normalize::normalize(s);
            n.text.chars().filter(|c| !is_soft(*c) && !matches!(c, '\t' | '?' | '\u{FFFD}')).map(class).collect()
        };
        let tables = [&ACTIVE, &ACTIVE_2019, &REQUESTS, &REVIEW];
        let labels = tables.iter().flat_map(|t| {
            t.rows.iter().flat_map(|r| std::iter::once(r.label).chain(r.columns.iter().map(|c| c.label)))
        });
        let odd = [
            "规章\u{3000}１２\u{200B}件",
            "行政許可\u{00A0}總計？",
            "法律服務機構\t\u{FFFD}?",
            "国家秘密\u{FEFF}\u{2060}、．，。",
            "其他(guī)法律\r\n行政法规",
            "（三）不予公开\r其他",
        ];
        for label in labels.chain(odd) {
            assert_eq!(comparable(label), by_normaliser(label), "{label}");
        }
    }

    #[test]
    fn diff_marks_words() {
        assert_eq!(diff("规范性文件", "行政规范性文件"), "{+行政+}规范性文件");
        assert_eq!(change_note("规范性文件", "行政规范性文件").zh, "需修改：补上“行政”");
        assert_eq!(change_note("规章性文件", "规范性文件").en, "to change: `章` → `范`");
        assert_eq!(change_note("一、总体情况概述", "一、总体情况").zh, "需修改：删去“概述”");
        assert_eq!(diff("五、存在问题及改进情况", "五、存在的主要问题及改进情况"), "五、存在{+的主要+}问题及改进情况");
    }
}
