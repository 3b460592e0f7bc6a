//! Stage 2: normalisation with an offset map back to the decoded text.
//!
//! Every later stage works on the normalised text; every span it produces is
//! mapped back with [`Normalized::to_source`] so that diagnostics point into the
//! text the user sees. What is folded:
//! - full-width ASCII forms (`０-９`, `（）`, `：`, `，`, `．`, `／`, `－`…) to ASCII;
//! - U+3000, NBSP and the other Unicode spaces to a plain space;
//! - zero-width characters (ZWSP, ZWNJ, ZWJ, word joiner, BOM) are dropped;
//! - CRLF and lone CR become LF.
//!
//! Spaces inside labels (`结果 维持`) are kept here; matching skips them.

/// Text after normalisation, with the byte offset in the source of every byte.
#[derive(Debug, Clone)]
pub struct Normalized {
    pub text: String,
    /// `map[i]` is the source byte offset of normalised byte `i`;
    /// `map[text.len()]` is the source length.
    map: Vec<u32>,
}

impl Normalized {
    /// Maps a normalised byte range to the source byte range it came from.
    pub fn to_source(&self, start: usize, end: usize) -> (usize, usize) {
        let s = self.map[start.min(self.text.len())] as usize;
        let e = self.map[end.min(self.text.len())] as usize;
        (s, e.max(s))
    }
}

#[path = "normalize_trad.rs"]
mod trad;

/// The simplified form of a traditional character of the format's vocabulary.
fn simplified(c: char) -> Option<char> {
    trad::PAIRS.binary_search_by_key(&c, |p| p.0).ok().map(|i| trad::PAIRS[i].1)
}

/// The normalised form of one character, if it changes.
#[inline]
fn fold(c: char) -> Option<Option<char>> {
    if !c.is_ascii() && ('\u{4E00}'..='\u{9FFF}').contains(&c) {
        return simplified(c).map(Some);
    }
    match c {
        '\u{FF01}'..='\u{FF5E}' => Some(char::from_u32(c as u32 - 0xFEE0)),
        '\u{3000}' | '\u{00A0}' | '\u{2002}'..='\u{200A}' | '\u{202F}' | '\u{205F}' => Some(Some(' ')),
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => Some(None),
        '\r' => Some(Some('\n')),
        _ => None,
    }
}

/// Normalises `src`. Offsets are `u32`: inputs above 4 GiB are refused earlier.
pub fn normalize(src: &str) -> Normalized {
    let mut text = String::with_capacity(src.len());
    let mut map = Vec::with_capacity(src.len() + 1);
    let mut chars = src.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let out = match fold(c) {
            None => Some(c),
            Some(folded) => folded,
        };
        if c == '\r' && matches!(chars.peek(), Some((_, '\n'))) {
            // CRLF: the CR goes, the LF that follows stays.
            continue;
        }
        if let Some(o) = out {
            let before = text.len();
            text.push(o);
            map.extend(std::iter::repeat_n(i as u32, text.len() - before));
        }
    }
    map.push(src.len() as u32);
    Normalized { text, map }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_full_width_and_keeps_offsets() {
        let src = "（七）总计：１２";
        let n = normalize(src);
        assert_eq!(n.text, "(七)总计:12");
        let at = n.text.find("12").unwrap();
        let (s, e) = n.to_source(at, at + 2);
        assert_eq!(&src[s..e], "１２");
    }

    #[test]
    fn drops_zero_width_and_crlf() {
        let src = "a\u{200B}b\r\nc\u{3000}d";
        let n = normalize(src);
        assert_eq!(n.text, "ab\nc d");
        let at = n.text.find('c').unwrap();
        assert_eq!(n.to_source(at, at + 1), (src.find('c').unwrap(), src.find('c').unwrap() + 1));
        let (s, e) = n.to_source(0, n.text.len());
        assert_eq!((s, e), (0, src.len()));
    }

    #[test]
    fn traditional_table_is_sorted() {
        assert!(trad::PAIRS.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn traditional_characters_are_folded() {
        assert_eq!(normalize("一、總體情況").text, "一、总体情况");
        assert_eq!(normalize("政府信息公開工作年度報告").text, "政府信息公开工作年度报告");
    }

    #[test]
    fn lone_cr_is_a_newline() {
        assert_eq!(normalize("a\rb").text, "a\nb");
    }
}
