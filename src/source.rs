//! The decoded text of one file and a line index over it: byte offset to
//! line and column (in Unicode scalar values, as `cli.md` asks), and to UTF-16
//! units (for the language server).

/// Start offsets of the lines of a text.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    text_len: usize,
    text: std::sync::Arc<str>,
}

impl LineIndex {
    pub fn new(text: std::sync::Arc<str>) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts, text_len: text.len(), text }
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
        let column = self.text.get(start..end.max(start)).map_or(0, |s| s.chars().count()) + 1;
        (line + 1, column)
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
        let end = self.starts.get(i + 1).map_or(self.text_len, |s| s - 1);
        (start, end.max(start))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns() {
        let idx = LineIndex::new("ab\n总计\t7\n".into());
        assert_eq!(idx.line_col(0), (1, 1));
        assert_eq!(idx.line_col(3), (2, 1));
        let seven = "ab\n总计\t".len();
        assert_eq!(idx.line_col(seven), (2, 4));
        assert_eq!(idx.line_range(2), (3, 3 + "总计\t7".len()));
    }
}
