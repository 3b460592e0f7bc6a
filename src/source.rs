//! The decoded text of one file and a line index over it: byte offset to
//! line and column (in Unicode scalar values, as `cli.md` asks), and to UTF-16
//! units (for the language server).

/// Start offsets of the lines of a text.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    text_len: usize,
    text: std::sync::Arc<str>,
    /// Characters before every [`CHECKPOINT`]th byte (at the next character
    /// boundary), made on the first column asked on a long line: a saved page
    /// is often one line of 100 KB, and each column on it was counted from
    /// the line's start.
    checkpoints: std::sync::OnceLock<Vec<(usize, usize)>>,
}

/// Bytes between two checkpoints of [`LineIndex`].
const CHECKPOINT: usize = 4096;

impl LineIndex {
    pub fn new(text: std::sync::Arc<str>) -> Self {
        // Lines end at LF, CRLF, or a lone CR (old Mac files).
        let mut starts = vec![0];
        let b = text.as_bytes();
        for i in memchr::memchr2_iter(b'\n', b'\r', b) {
            if b[i] == b'\n' || b.get(i + 1) != Some(&b'\n') {
                starts.push(i + 1);
            }
        }
        LineIndex { starts, text_len: text.len(), text, checkpoints: std::sync::OnceLock::new() }
    }

    /// The number of characters in `text[start..end]` (both on boundaries).
    fn chars_between(&self, start: usize, end: usize) -> usize {
        let count = |a: usize, b: usize| self.text.get(a..b).map_or(0, |s| s.chars().count());
        if end.saturating_sub(start) < 2 * CHECKPOINT {
            return count(start, end);
        }
        let points = self.checkpoints.get_or_init(|| {
            let mut points = vec![(0, 0)];
            let mut at = CHECKPOINT;
            while at < self.text_len {
                let mut b = at;
                while !self.text.is_char_boundary(b) {
                    b += 1;
                }
                let (prev, chars) = points[points.len() - 1];
                points.push((b, chars + count(prev, b)));
                at += CHECKPOINT;
            }
            points
        });
        // Characters before a boundary `x`, from the checkpoint at or before it.
        let before = |x: usize| {
            let k = points.partition_point(|p| p.0 <= x).saturating_sub(1);
            let (at, chars) = points[k];
            chars + count(at, x)
        };
        before(end) - before(start)
    }

    /// 1-based line and column (scalar values) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text_len);
        let line = match self.starts.binary_search(&offset) {
            Ok(l) => l,
            Err(l) => l - 1,
        };
        let mut start = self.starts[line];
        // Offsets from the normaliser always fall on char boundaries; be safe anyway.
        while !self.text.is_char_boundary(start) {
            start += 1;
        }
        let mut end = offset;
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        let column = self.chars_between(start, end.max(start)) + 1;
        (line + 1, column)
    }

    /// The position of a byte offset in every unit a front end needs: the
    /// line, and the column in Unicode scalar values (`cli.md`), in UTF-16
    /// code units (the language server's default) and in UTF-8 bytes. An
    /// offset inside a character is taken at that character's start.
    pub fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text_len);
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = match self.starts.binary_search(&offset) {
            Ok(l) => l,
            Err(l) => l - 1,
        };
        let start = self.starts[line];
        let before = self.text.get(start..offset).unwrap_or("");
        Position {
            line: line + 1,
            column: self.chars_between(start, offset) + 1,
            utf16: before.encode_utf16().count(),
            byte: offset - start,
        }
    }

    /// The byte offset of a 0-based line and a column counted in UTF-16
    /// units (`utf16`) or bytes: the inverse of [`LineIndex::position`], as a
    /// language server receives positions. Past the end of a line (or of the
    /// text) it stops at the line's end (the text's end).
    pub fn offset(&self, line: usize, column: usize, utf16: bool) -> usize {
        let Some(&start) = self.starts.get(line) else { return self.text_len };
        let end = self.starts.get(line + 1).map_or(self.text_len, |s| *s);
        let mut counted = 0;
        for (i, c) in self.text[start..end].char_indices() {
            if counted >= column || c == '\n' || c == '\r' {
                return start + i;
            }
            counted += if utf16 { c.len_utf16() } else { c.len_utf8() };
        }
        end.min(self.text_len)
    }

    /// Number of lines.
    pub fn len(&self) -> usize {
        self.starts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.text_len == 0
    }

    /// The byte range of a 1-based line, without its newline.
    pub fn line_range(&self, line: usize) -> (usize, usize) {
        let i = line.saturating_sub(1).min(self.starts.len() - 1);
        let start = self.starts[i];
        let mut end = self.starts.get(i + 1).map_or(self.text_len, |s| s - 1);
        // The CR of a CRLF is not part of the line.
        if end > start
            && self.text.as_bytes().get(end - 1) == Some(&b'\r')
            && self.text.as_bytes().get(end) == Some(&b'\n')
        {
            end -= 1;
        }
        (start, end.max(start))
    }
}

/// Where an offset is: 1-based line and column (scalar values), and the
/// 0-based column in UTF-16 code units and in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
    pub utf16: usize,
    pub byte: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_in_three_units() {
        // `𠀀` is one scalar value, two UTF-16 units and four bytes.
        let idx = LineIndex::new("x\n总𠀀计\t7".into());
        let seven = "x\n总𠀀计\t".len();
        assert_eq!(idx.position(seven), Position { line: 2, column: 5, utf16: 5, byte: 11 });
        assert_eq!(idx.position(seven).column, idx.line_col(seven).1);
    }

    #[test]
    fn lines_and_columns() {
        let idx = LineIndex::new("ab\n总计\t7\n".into());
        assert_eq!(idx.line_col(0), (1, 1));
        assert_eq!(idx.line_col(3), (2, 1));
        let seven = "ab\n总计\t".len();
        assert_eq!(idx.line_col(seven), (2, 4));
        assert_eq!(idx.line_range(2), (3, 3 + "总计\t7".len()));
    }

    #[test]
    fn columns_on_a_long_line_are_counted_from_checkpoints_alike() {
        // A page on one line: CJK, ASCII and four-byte characters, past
        // several checkpoints, after a short first line.
        let line: String = (0..20_000).map(|i| ["总", "a", "𠀀", "\t"][i % 7 % 4]).collect();
        let text = format!("head\n{line}\n");
        let idx = LineIndex::new(text.as_str().into());
        for at in (5..text.len()).step_by(997).filter(|&at| text.is_char_boundary(at)) {
            let column = text[5..at].chars().count() + 1;
            assert_eq!(idx.line_col(at), (2, column), "at {at}");
            assert_eq!(idx.position(at).column, column, "at {at}");
        }
    }
}

/// A piecewise map from offsets of a derived text (normalised, extracted from
/// HTML) to offsets of the text it came from: from each point on, bytes map
/// one to one until the next point. Most texts need few points.
#[derive(Debug, Clone, Default)]
pub struct OffsetMap {
    points: Vec<(usize, usize)>,
}

impl OffsetMap {
    /// Records that derived offset `at` comes from source offset `src`
    /// (points arrive in order; a point that says nothing new is dropped).
    pub fn mark(&mut self, at: usize, src: usize) {
        match self.points.last_mut() {
            Some(p) if p.0 == at => p.1 = src,
            Some(p) if p.1 as isize - p.0 as isize == src as isize - at as isize => {}
            _ => self.points.push((at, src)),
        }
    }

    /// Records a point that may come before the last one.
    pub fn insert(&mut self, at: usize, src: usize) {
        let i = self.points.partition_point(|p| p.0 < at);
        match self.points.get_mut(i) {
            Some(p) if p.0 == at => p.1 = src,
            _ => self.points.insert(i, (at, src)),
        }
    }

    /// The source offset of a derived offset.
    pub fn source(&self, at: usize) -> usize {
        let i = self.points.partition_point(|p| p.0 <= at);
        match i.checked_sub(1).map(|i| self.points[i]) {
            Some((d, s)) => s + (at - d),
            None => at,
        }
    }

    /// The points from derived offset `from` (inclusive) to `to` (exclusive).
    pub(crate) fn points_in(&self, from: usize, to: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
        let first = self.points.partition_point(|p| p.0 <= from);
        self.points[first..].iter().copied().take_while(move |p| p.0 < to)
    }
}

#[cfg(test)]
mod offset_tests {
    use super::OffsetMap;

    #[test]
    fn maps_piecewise() {
        let mut m = OffsetMap::default();
        m.mark(0, 0);
        m.mark(2, 5); // three source bytes became nothing before offset 2
        m.mark(3, 6); // nothing new: dropped
        assert_eq!(m.source(1), 1);
        assert_eq!(m.source(4), 7);
        m.insert(1, 1);
        assert_eq!(m.source(1), 1);
        assert_eq!(m.points_in(0, 3).collect::<Vec<_>>(), [(1, 1), (2, 5)]);
    }
}
