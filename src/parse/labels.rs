//! Finding labels in normalised text: a key is matched with spaces and line
//! breaks ignored (`结果 维持`, `社会公益 组织`, labels broken over lines by
//! PDF extraction) and with equivalent punctuation (`、` `,` `.`; straight and
//! curly quotes) taken as equal. Cell separators (tab, `|`) are never skipped.

/// Characters skipped inside a label.
#[inline]
pub(crate) fn is_soft(c: char) -> bool {
    c == ' ' || c == '\n'
}

/// The class a character is compared by.
#[inline]
pub fn class(c: char) -> char {
    match c {
        '、' | ',' | '.' | '，' | '．' | '。' => ',',
        '“' | '”' | '"' | '「' | '」' | '‘' | '’' | '\'' => '"',
        '（' => '(',
        '）' => ')',
        '：' => ':',
        _ => c,
    }
}

/// The comparable characters of a label: classes, without soft characters.
pub fn pattern(label: &str) -> Vec<char> {
    // (Sized for the longest outcome, one character a byte: grown a step at
    // a time, the vectors of labels were a fifth of a report's reallocations.)
    let mut out = Vec::with_capacity(label.len());
    out.extend(pattern_chars(label));
    out
}

/// The characters of [`pattern`], one by one (no vector made).
pub(crate) fn pattern_chars(label: &str) -> impl Iterator<Item = char> + Clone + '_ {
    label
        .chars()
        .map(|c| match c {
            // Full-width ASCII forms, as the normaliser folds them.
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .filter(|c| !is_soft(*c))
        .map(class)
}

/// Whether the pattern of `text` is where `pat` starts (`at_end`: ends).
pub(crate) fn pattern_is_affix(pat: &[char], text: &str, at_end: bool) -> bool {
    let found = pattern_chars(text);
    let n = found.clone().count();
    let Some(skip) = pat.len().checked_sub(n) else { return false };
    let part = if at_end { &pat[skip..] } else { &pat[..n] };
    part.iter().copied().eq(found)
}

/// Matches `pat` at byte `at` of `text`, skipping soft characters between
/// (not before) pattern characters. Returns the end of the match.
pub(crate) fn match_at(text: &str, at: usize, limit: usize, pat: &[char]) -> Option<usize> {
    let mut chars = text.get(at..limit)?.char_indices();
    let mut i = 0;
    let mut end = at;
    while i < pat.len() {
        let (off, c) = chars.next()?;
        if i > 0 && is_soft(c) {
            continue;
        }
        if class(c) != pat[i] {
            return None;
        }
        i += 1;
        end = at + off + c.len_utf8();
    }
    Some(end)
}

/// The first match of `pat` in `text[from..to]`: `(start, end)`.
pub fn find(text: &str, from: usize, to: usize, pat: &[char]) -> Option<(usize, usize)> {
    let first = *pat.first()?;
    let hay = text.get(from..to)?;
    if matches!(first, ',' | '"' | '(' | ')' | ':') {
        // A class of several characters: look at every character.
        for (off, c) in hay.char_indices() {
            if class(c) == first
                && let Some(end) = match_at(text, from + off, to, pat)
            {
                return Some((from + off, end));
            }
        }
        return None;
    }
    // A plain first character: jump between the occurrences of its UTF-8
    // bytes (SIMD substring search; a CJK character's last byte alone is too
    // common to search for).
    let mut buf = [0u8; 4];
    let needle = first.encode_utf8(&mut buf).as_bytes();
    // (`find` from each place on, not `find_iter`, which copies the
    // searcher each call.)
    let search = |finder: &memchr::memmem::Finder| {
        let mut pos = 0;
        while let Some(i) = finder.find(&hay.as_bytes()[pos..]) {
            let at = from + pos + i;
            if let Some(end) = match_at(text, at, to, pat) {
                return Some((at, end));
            }
            pos += i + needle.len();
        }
        None
    };
    // Each character's searcher is made once per thread: labels are
    // searched thousands of times a report, and making the searcher cost
    // more than searching a short stretch of text.
    FINDERS.with(|cache| match cache.try_borrow_mut() {
        Ok(mut cache) => search(cache.entry(first).or_insert_with(|| memchr::memmem::Finder::new(needle).into_owned())),
        Err(_) => search(&memchr::memmem::Finder::new(needle)),
    })
}

thread_local! {
    /// Searchers for the first characters of labels, by character.
    static FINDERS: std::cell::RefCell<std::collections::HashMap<char, memchr::memmem::Finder<'static>, CharHash>> =
        std::cell::RefCell::new(std::collections::HashMap::default());
}

/// A hasher for a character key (one multiplication): the searchers' cache
/// is looked up on every label search, and SipHash took a percent of a scan.
#[derive(Default, Clone, Copy)]
struct CharHash;

impl std::hash::BuildHasher for CharHash {
    type Hasher = CharHasher;
    fn build_hasher(&self) -> CharHasher {
        CharHasher(0)
    }
}

struct CharHasher(u64);

impl std::hash::Hasher for CharHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.write_u32(u32::from(*b));
        }
    }
    fn write_u32(&mut self, n: u32) {
        // An odd multiplier: the low bits (the bucket) stay a one-to-one map
        // of the key's, the high bits (the tag) mix all of it.
        self.0 = (self.0 ^ u64::from(n)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

/// Extends a key match `[start, end)` to as much of the full `label` as the
/// text agrees with, backwards (down to `lo`) and forwards (up to `hi`).
pub fn extend(
    text: &str,
    start: usize,
    end: usize,
    label: &[char],
    key: &[char],
    lo: usize,
    hi: usize,
) -> (usize, usize) {
    let Some(k) = label.windows(key.len().max(1)).position(|w| w == key) else {
        return (start, end);
    };
    // Forwards.
    let mut i = k + key.len();
    let mut new_end = end;
    if let Some(rest) = text.get(end..hi) {
        for (off, c) in rest.char_indices() {
            if i >= label.len() {
                break;
            }
            if is_soft(c) {
                continue;
            }
            if class(c) != label[i] {
                break;
            }
            i += 1;
            new_end = end + off + c.len_utf8();
        }
    }
    // Backwards.
    let mut j = k;
    let mut new_start = start;
    if let Some(before) = text.get(lo..start) {
        for (off, c) in before.char_indices().rev() {
            if j == 0 {
                break;
            }
            if is_soft(c) {
                continue;
            }
            if class(c) != label[j - 1] {
                break;
            }
            j -= 1;
            new_start = lo + off;
        }
    }
    (new_start, new_end)
}

/// Length of the longest common subsequence of two char slices.
pub(crate) fn lcs(a: &[char], b: &[char]) -> usize {
    let (a, b) = if b.len() <= 64 { (a, b) } else { (b, a) };
    if b.len() <= 64 { lcs_bits(a, b) } else { lcs_table(a, b) }
}

/// [`lcs`] for `b` of at most 64 characters, a bit per character of `b`
/// (Hyyrö's bit-parallel form): a step per character of `a`, no table.
fn lcs_bits(a: &[char], b: &[char]) -> usize {
    // The characters of `b`, each with the places it stands in.
    let mut masks: Vec<(char, u64)> = Vec::with_capacity(b.len());
    for (j, c) in b.iter().enumerate() {
        match masks.iter_mut().find(|(m, _)| m == c) {
            Some((_, bits)) => *bits |= 1 << j,
            None => masks.push((*c, 1 << j)),
        }
    }
    let all = if b.len() == 64 { u64::MAX } else { (1u64 << b.len()) - 1 };
    let mut v = all;
    for x in a {
        let Some(&(_, m)) = masks.iter().find(|(c, _)| c == x) else { continue };
        let u = v & m;
        v = (v.wrapping_add(u) | (v - u)) & all;
    }
    (!v & all).count_ones() as usize
}

/// [`lcs`] by the table of prefixes, for longer words.
fn lcs_table(a: &[char], b: &[char]) -> usize {
    let mut prev = vec![0usize; b.len() + 1];
    let mut cur = vec![0usize; b.len() + 1];
    for x in a {
        for (j, y) in b.iter().enumerate() {
            cur[j + 1] = if x == y { prev[j] + 1 } else { cur[j].max(prev[j + 1]) };
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bit_parallel_lcs_equals_the_table() {
        // Words over small alphabets (many repeats), of every length to 70.
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..3000 {
            let (n, m, k) = (next() % 71, next() % 71, 2 + next() % 5);
            let word = |len: u64, next: &mut dyn FnMut() -> u64| -> Vec<char> {
                (0..len).map(|_| ['总', '计', '公', '开', 'a', ','][(next() % k) as usize]).collect()
            };
            let a = word(n, &mut next);
            let b = word(m, &mut next);
            assert_eq!(lcs(&a, &b), lcs_table(&a, &b), "{a:?} {b:?}");
        }
        assert_eq!(lcs(&pattern("本年新制发件数"), &pattern("本年制发件数")), 6);
    }

    #[test]
    fn finds_keys_across_spaces_and_lines() {
        let text = "社会公益 组织\t结果 维持\n（二）部分公开（区分处理的，只计这一情\n形，不计其他情形） 447";
        let t = crate::normalize::normalize(text).text;
        assert!(find(&t, 0, t.len(), &pattern("社会公益组织")).is_some());
        assert!(find(&t, 0, t.len(), &pattern("结果维持")).is_some());
        let key = pattern("部分公开");
        let (s, e) = find(&t, 0, t.len(), &key).unwrap();
        let label = pattern("（二）部分公开（区分处理的，只计这一情形，不计其他情形）");
        let (ls, le) = extend(&t, s, e, &label, &key, 0, t.len());
        assert!(t[ls..].starts_with("(二)部分公开"));
        assert_eq!(&t[le..], " 447");
    }

    #[test]
    fn tabs_are_not_skipped() {
        let t = "结果\t维持";
        assert!(find(t, 0, t.len(), &pattern("结果维持")).is_none());
    }

    #[test]
    fn punctuation_classes() {
        let t = "1、申请人无正当理由逾期不补正,行政机关不再处理其政府信息公开申请\t0";
        let key = pattern("逾期不补正");
        let (s, e) = find(t, 0, t.len(), &key).unwrap();
        let label = pattern("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请");
        let (ls, le) = extend(t, s, e, &label, &key, 0, t.len());
        assert_eq!((ls, &t[le..]), (0, "\t0"));
    }

    #[test]
    fn lcs_counts_common_subsequence() {
        let a: Vec<char> = "政府信息公开工作存在的主要问题及改进情况".chars().collect();
        let b: Vec<char> = "存在的主要问题及改进情况".chars().collect();
        assert_eq!(lcs(&a, &b), b.len());
    }
}
