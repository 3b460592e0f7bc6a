//! Stage 2: normalisation with an offset map back to the decoded text.
//!
//! Every later stage works on the normalised text; every span it produces is
//! mapped back with `Normalized::to_source` so that diagnostics point into the
//! text the user sees. What is folded:
//! - full-width ASCII forms (`０-９`, `（）`, `：`, `，`, `．`, `／`, `－`…) to ASCII;
//! - U+3000, NBSP and the other Unicode spaces to a plain space;
//! - zero-width characters (ZWSP, ZWNJ, ZWJ, word joiner, BOM) are dropped;
//! - CRLF and lone CR become LF;
//! - pinyin that mirror sites insert after characters (`規(guī)章`) is dropped.
//!
//! Spaces inside labels (`结果 维持`) are kept here; matching skips them.

use crate::source::OffsetMap;

/// Text after normalisation, with a map back to source offsets.
#[derive(Debug, Clone)]
pub struct Normalized {
    pub text: String,
    map: OffsetMap,
    src_len: usize,
    /// Source characters dropped before a normalised offset: (offset, source
    /// start, source end).
    dropped: Vec<(usize, usize, usize)>,
}

impl Normalized {
    /// The source byte offset of a normalised byte offset.
    pub(crate) fn source_offset(&self, at: usize) -> usize {
        if at >= self.text.len() { self.src_len } else { self.map.source(at) }
    }

    /// Maps a normalised byte range to the source byte range it came from.
    /// The end is where the span's last character ends in the source, so
    /// characters dropped right after the span (the CR of a CRLF, a
    /// zero-width space) are not part of it.
    pub(crate) fn to_source(&self, start: usize, end: usize) -> (usize, usize) {
        let s = self.source_offset(start);
        let mut e = self.source_offset(end);
        if end > start
            && let Ok(i) = self.dropped.binary_search_by_key(&end, |d| d.0)
            && self.dropped[i].2 == e
        {
            e = self.dropped[i].1;
        }
        (s, e.max(s))
    }
}

#[path = "normalize_trad.rs"]
mod trad;

/// Whether a code point is a traditional character of the table.
#[inline]
fn is_traditional(code: u32) -> bool {
    let Some(bit) = (code as usize).checked_sub(0x4E00).filter(|b| *b < 0x5200) else { return false };
    TRADITIONAL_BITS[bit / 64] & (1 << (bit % 64)) != 0
}

/// The simplified form of a traditional character of the format's vocabulary.
fn simplified(c: char) -> Option<char> {
    if !is_traditional(c as u32) {
        return None;
    }
    trad::PAIRS.binary_search_by_key(&c, |p| p.0).ok().map(|i| trad::PAIRS[i].1)
}

/// The code of the character whose UTF-8 starts at `b[i]` when it is one of
/// U+4000–U+9FFF (three bytes led by E4–E9: the CJK block and the end of
/// extension A), read from its bytes.
#[inline]
pub(crate) fn cjk_code_at(b: &[u8], i: usize) -> Option<u32> {
    match b.get(i..i + 3)? {
        &[lead @ 0xE4..=0xE9, b1, b2] => {
            Some(u32::from(lead & 0x0F) << 12 | u32::from(b1 & 0x3F) << 6 | u32::from(b2 & 0x3F))
        }
        _ => None,
    }
}

/// Whether `text` holds a traditional character of the table (read on its
/// bytes: a lead byte E4–E9 is never inside another character).
fn has_traditional(text: &str) -> bool {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match cjk_code_at(b, i) {
            Some(code) if is_traditional(code) => return true,
            Some(_) => i += 3,
            None => i += 1,
        }
    }
    false
}

/// `text` with the traditional characters of the format's vocabulary in
/// `text[from..to]` (both taken down to character boundaries) folded to
/// simplified ones, byte for byte in place (both are three bytes in UTF-8),
/// so that every offset into it is one into `text`; the rest as it is (a
/// rule that reads only the tables folds only them).
pub(crate) fn fold_traditional(text: &str, from: usize, to: usize) -> std::borrow::Cow<'_, str> {
    let to = crate::floor_boundary(text, to.min(text.len()));
    let from = crate::floor_boundary(text, from.min(to));
    let cjk = |c: char| ('\u{4E00}'..='\u{9FFF}').contains(&c);
    let region = &text[from..to];
    if !has_traditional(region) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..from]);
    out.extend(region.chars().map(|c| match cjk(c).then(|| simplified(c)).flatten() {
        Some(s) if s.len_utf8() == c.len_utf8() => s,
        _ => c,
    }));
    out.push_str(&text[to..]);
    std::borrow::Cow::Owned(out)
}

/// One bit per character of the CJK block U+4E00–U+9FFF: set for the
/// traditional characters of the table, so most characters cost one load.
const TRADITIONAL_BITS: [u64; 328] = {
    let mut bits = [0u64; 328];
    let mut i = 0;
    while i < trad::PAIRS.len() {
        let c = trad::PAIRS[i].0 as usize;
        if c >= 0x4E00 && c <= 0x9FFF {
            let b = c - 0x4E00;
            bits[b / 64] |= 1 << (b % 64);
        }
        i += 1;
    }
    bits
};

/// Whether a character is a Chinese character (CJK Unified Ideographs).
#[inline]
pub(crate) fn is_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// One character as the normaliser leaves it when its neighbours do not
/// matter (no `(` or CR): itself, folded, or nothing.
#[inline]
pub(crate) fn fold_char(c: char) -> Option<char> {
    fold(c).unwrap_or(Some(c))
}

/// The normalised form of one character, if it changes.
#[inline]
fn fold(c: char) -> Option<Option<char>> {
    if !c.is_ascii() && is_han(c) {
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

/// The end of a pinyin annotation at `at` (`(guī)`, `（yè）`) right after a
/// CJK character: one to six Latin letters with at least one tone mark.
fn pinyin_group(src: &str, at: usize) -> Option<usize> {
    let before = src[..at].chars().next_back()?;
    if !is_han(before) {
        return None;
    }
    let open = src[at..].chars().next()?;
    let inner_start = at + open.len_utf8();
    let mut toned = false;
    for (n, (j, c)) in src[inner_start..].char_indices().enumerate() {
        match c {
            ')' | '）' if n > 0 && toned => return Some(inner_start + j + c.len_utf8()),
            'a'..='z' | 'ü' if n < 6 => {}
            'ā' | 'á' | 'ǎ' | 'à' | 'ē' | 'é' | 'ě' | 'è' | 'ī' | 'í' | 'ǐ' | 'ì' | 'ō' | 'ó' | 'ǒ' | 'ò' | 'ū'
            | 'ú' | 'ǔ' | 'ù' | 'ǖ' | 'ǘ' | 'ǚ' | 'ǜ'
                if n < 6 =>
            {
                toned = true
            }
            _ => return None,
        }
    }
    None
}

/// Normalises `src`. Offsets are `u32`: inputs above 4 GiB are refused earlier.
pub fn normalize(src: &str) -> Normalized {
    let mut text = String::with_capacity(src.len());
    let mut map = OffsetMap::default();
    let mut dropped: Vec<(usize, usize, usize)> = Vec::new();
    // Start of the run of unchanged characters not yet copied.
    let mut run = 0;
    let bytes = src.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let lead = bytes[i];
        // The fast paths, on bytes: ASCII other than `(` and CR, and Chinese
        // characters (U+4000–U+9FFF, three bytes from E4–E9) that are not
        // traditional, never change.
        if lead < 0x80 && lead != b'(' && lead != b'\r' {
            i += 1;
            continue;
        }
        if let Some(code) = cjk_code_at(bytes, i)
            && !is_traditional(code)
        {
            i += 3;
            continue;
        }
        let Some(c) = src[i..].chars().next() else { break };
        let len = c.len_utf8();
        if matches!(c, '(' | '（')
            && let Some(end) = pinyin_group(src, i)
        {
            text.push_str(&src[run..i]);
            dropped.push((text.len(), i, end));
            run = end;
            map.mark(text.len(), run);
            i = end;
            continue;
        }
        i += len;
        let Some(folded) = fold(c) else { continue };
        let at = i - len;
        text.push_str(&src[run..at]);
        let crlf = c == '\r' && bytes.get(i) == Some(&b'\n');
        let out = if crlf { None } else { folded };
        match out {
            Some(o) => text.push(o),
            None => match dropped.last_mut() {
                Some(d) if d.0 == text.len() && d.2 == at => d.2 = i,
                _ => dropped.push((text.len(), at, i)),
            },
        }
        run = i;
        map.mark(text.len(), run);
        // The folded character itself maps to its source character.
        if let Some(o) = out {
            map.insert(text.len() - o.len_utf8(), at);
        }
    }
    text.push_str(&src[run..]);
    Normalized { text, map, src_len: src.len(), dropped }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_pinyin_of_mirror_sites() {
        let src = "行政規(guī)范性文件\t0\t行政事業(yè)性收費（fèi）\t附件(a)";
        let n = normalize(src);
        assert_eq!(n.text, "行政规范性文件\t0\t行政事业性收费\t附件(a)");
        let at = n.text.find('0').unwrap();
        assert_eq!(&src[n.source_offset(at)..n.source_offset(at) + 1], "0");
    }

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
    fn the_fast_paths_on_bytes_fold_as_each_character_does() {
        // Every character from ASCII to the end of the CJK block, and the
        // full-width forms, one after another (brackets and CR, which look
        // at their neighbours, aside).
        let src: String = (0x20u32..0xA000)
            .chain(0xFF00..0xFF70)
            .filter_map(char::from_u32)
            .filter(|c| !matches!(c, '(' | '（' | '\r'))
            .collect();
        let expected: String = src.chars().filter_map(fold_char).collect();
        assert_eq!(normalize(&src).text, expected);
        assert_ne!(expected, src, "some characters fold");
        // The byte test for a traditional character, character by character.
        for c in (0x3000u32..0xA100).filter_map(char::from_u32) {
            let one = format!("a{c}b");
            assert_eq!(has_traditional(&one), is_han(c) && simplified(c).is_some(), "{c}");
        }
    }

    /// The normaliser as it was written first, a character at a time: the
    /// reference for the reading on bytes.
    fn by_characters(src: &str) -> Normalized {
        let mut text = String::with_capacity(src.len());
        let mut map = OffsetMap::default();
        let mut dropped: Vec<(usize, usize, usize)> = Vec::new();
        let mut run = 0;
        let mut chars = src.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if matches!(c, '(' | '（')
                && let Some(end) = pinyin_group(src, i)
            {
                text.push_str(&src[run..i]);
                dropped.push((text.len(), i, end));
                run = end;
                map.mark(text.len(), run);
                while chars.peek().is_some_and(|(j, _)| *j < end) {
                    chars.next();
                }
                continue;
            }
            let Some(folded) = fold(c) else { continue };
            text.push_str(&src[run..i]);
            let crlf = c == '\r' && matches!(chars.peek(), Some((_, '\n')));
            let out = if crlf { None } else { folded };
            match out {
                Some(o) => text.push(o),
                None => match dropped.last_mut() {
                    Some(d) if d.0 == text.len() && d.2 == i => d.2 = i + c.len_utf8(),
                    _ => dropped.push((text.len(), i, i + c.len_utf8())),
                },
            }
            run = i + c.len_utf8();
            map.mark(text.len(), run);
            if let Some(o) = out {
                map.insert(text.len() - o.len_utf8(), i);
            }
        }
        text.push_str(&src[run..]);
        Normalized { text, map, src_len: src.len(), dropped }
    }

    #[test]
    fn the_reading_on_bytes_makes_the_same_text_map_and_drops() {
        let every: String = (0x20u32..0xA000).chain(0xFF00..0xFF70).filter_map(char::from_u32).collect();
        let cases = [
            every.as_str(),
            "a\r\nb\rc\r\r\n\u{200B}\u{200B}\u{FEFF}d（三）總計：１２\u{3000}e",
            "规章(guī)章（yè）x(abc) 總體\u{200D}\u{2060}情况(\r\n",
            "㐀一\u{9FFF}\u{4DFF}𠀀\u{00A0}\u{2009}\u{202F}end",
            "",
        ];
        for src in cases {
            let (a, b) = (normalize(src), by_characters(src));
            assert_eq!(a.text, b.text);
            assert_eq!(a.dropped, b.dropped);
            let points = |n: &Normalized| n.map.points_in(0, usize::MAX).collect::<Vec<_>>();
            assert_eq!(points(&a), points(&b));
        }
    }

    #[test]
    fn traditional_table_is_sorted() {
        assert!(trad::PAIRS.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn traditional_characters_are_folded() {
        assert_eq!(normalize("一、總體情況").text, "一、总体情况");
        assert_eq!(normalize("政府信息公開工作年度報告").text, "政府信息公开工作年度报告");
        // A place name of a mirror site's title (义乌, 乌鲁木齐).
        assert_eq!(normalize("義烏工商職業技術學院").text, "义乌工商职业技术学院");
        assert_eq!(normalize("板栗樹鄉").text, "板栗树乡");
    }

    #[test]
    fn every_offset_maps_into_the_source() {
        let src = "a（一）\r\n１２\u{200B}b\u{3000}總计x";
        let n = normalize(src);
        assert_eq!(n.text, "a(一)\n12b 总计x");
        for (i, c) in n.text.char_indices() {
            let s = n.source_offset(i);
            let orig: String = src[s..].chars().take(1).collect();
            assert_eq!(normalize(&orig).text, c.to_string(), "at {i}: {orig:?}");
        }
        assert_eq!(n.to_source(0, n.text.len()), (0, src.len()));
    }

    #[test]
    fn traditional_characters_are_folded_in_place_within_the_range() {
        let text = "總體\t社會公益組織\t總計";
        let (a, b) = (text.find('\t').unwrap_or(0), text.rfind('\t').unwrap_or(0));
        let folded = fold_traditional(text, a, b);
        assert_eq!(folded, "總體\t社会公益组织\t總計");
        assert_eq!(folded.len(), text.len());
        // A range that ends inside a character is taken down to its start.
        assert_eq!(fold_traditional(text, 0, 4), "总體\t社會公益組織\t總計");
        assert!(matches!(fold_traditional(text, a, a + 1), std::borrow::Cow::Borrowed(_)));
        assert_eq!(fold_traditional(text, 0, usize::MAX), "总体\t社会公益组织\t总计");
    }

    #[test]
    fn lone_cr_is_a_newline() {
        assert_eq!(normalize("a\rb").text, "a\nb");
    }
}
