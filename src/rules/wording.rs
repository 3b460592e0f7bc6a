//! Comparing what a report wrote with the standard wording: differences of
//! wording count (W301–W303); differences of punctuation width, quote style
//! and spacing do not (they are W306's, off by default).

use crate::parse::labels::{class, is_soft, lcs};

/// The characters compared: full-width forms and traditional characters
/// folded, spaces and line breaks removed, punctuation by class.
pub fn comparable(s: &str) -> Vec<char> {
    // (`?` and U+FFFD stand for characters a page or a decoder lost: no
    // standard label has them, and they are no wording.)
    crate::normalize::normalize(s)
        .text
        .chars()
        .filter(|c| !is_soft(*c) && !matches!(c, '\t' | '?' | '\u{FFFD}'))
        .map(class)
        .collect()
}

/// Whether two labels say the same words.
pub fn same_words(written: &str, standard: &str) -> bool {
    comparable(written) == comparable(standard)
}

/// How much of the standard label the written one keeps (0–1).
pub fn likeness(written: &str, standard: &str) -> f64 {
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

/// Whether `span` of `text` is a whole line (apart from spaces, `#` marks and
/// list markers): only then is a replacement safe.
pub fn whole_line(text: &str, start: usize, end: usize) -> bool {
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
    fn diff_marks_words() {
        assert_eq!(diff("规范性文件", "行政规范性文件"), "{+行政+}规范性文件");
        assert_eq!(diff("五、存在问题及改进情况", "五、存在的主要问题及改进情况"), "五、存在{+的主要+}问题及改进情况");
    }
}
