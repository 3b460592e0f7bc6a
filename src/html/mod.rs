//! HTML input: a scraped page becomes the text the parser reads, with every
//! character traced back to its place in the HTML source.
//!
//! A page is read in one pass by the streaming reader (`build.rs`): its tags
//! and text are tokenised, the tree is built as HTML's tree construction
//! builds it for the pages that occur, and every text node is a range of the
//! decoded text, so its place in the page is known. Where a page needs a
//! repair that reader does not make (text moved out of a table, a formatting
//! element closed across a block…), it is read by html5ever (through
//! `scraper`) instead: a real HTML5 tree builder, which repairs what browsers
//! repair and never recurses on depth. Its tree does not say where its text
//! came from, so text nodes, met in document order, are found in the stream
//! of the page's text runs from a moving cursor. Both trees are rendered by
//! the same code (`tree.rs` holds the tree they share).
//!
//! Tables become exact grids: `rowspan`/`colspan` are expanded, each row is a
//! line with its cells separated by tabs, and a spanned cell's text stands in
//! its first position only — the layout the parser reads for flattened tables.
//! Site chrome (scripts, navigation, headers, footers, search boxes) is left
//! out; what remains is found by the words of the format, as for text.

mod build;
mod tree;

use crate::source::OffsetMap;
use scraper::Html;
use std::collections::HashMap;
use tree::{Edge, Kind, Text, Tree};

/// Whether bytes look like an HTML page (whatever the file is called).
pub(crate) fn looks_like_html(bytes: &[u8]) -> bool {
    // A page starts with `<` (after a BOM and white space); a report does not.
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if body.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'<') {
        return false;
    }
    let head = &bytes[..bytes.len().min(4096)];
    let text = String::from_utf8_lossy(head).to_ascii_lowercase();
    let start = text.trim_start_matches(['\u{feff}', ' ', '\n', '\r', '\t']);
    start.starts_with("<!doctype html")
        || start.starts_with("<html")
        || (start.starts_with('<')
            && ["<body", "<div", "<table", "<p>", "<p ", "<head"].iter().any(|t| text.contains(t)))
}

/// The charset a page declares in its first bytes (`<meta charset="gbk">`,
/// `<meta http-equiv="Content-Type" content="text/html; charset=gb2312">`).
pub(crate) fn declared_charset(bytes: &[u8]) -> Option<String> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    let at = head.find("charset=")?;
    let rest = head[at + "charset=".len()..].trim_start_matches(['"', '\'', ' ']);
    let name: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect();
    (!name.is_empty()).then_some(name)
}

/// The text of the source, run by run, with entities decoded, and the map
/// from its offsets to the source's.
struct Stream {
    text: String,
    /// Stream offsets to source offsets.
    map: OffsetMap,
    /// Where the content of each `<td>`/`<th>` begins (after its start tag),
    /// in source order: blank cells are placed by it.
    cell_starts: Vec<usize>,
}

/// A reader of the character reference at the start of a text: the
/// character, the bytes used, and whether html5ever reads it the same.
type Reference = fn(&str) -> (Option<char>, usize, bool);

impl Stream {
    /// The stream's next byte comes from source offset `src`.
    fn point(&mut self, src: usize) {
        self.map.mark(self.text.len(), src);
    }

    /// Decodes source `from..to` into the stream: character references by
    /// `reference` (none in raw text), CR LF and a lone CR as LF, as
    /// html5ever gives them. The stream range it became, and whether every
    /// reference was read as html5ever reads it.
    fn push_source(
        &mut self,
        src: &str,
        from: usize,
        to: usize,
        reference: Option<Reference>,
    ) -> ((usize, usize), bool) {
        let begin = self.text.len();
        let mut sure = true;
        if from >= to {
            return ((begin, begin), sure);
        }
        self.point(from);
        let piece = &src[from..to];
        let pb = piece.as_bytes();
        let mut k = 0;
        while k < pb.len() {
            match (pb[k], reference) {
                (b'&', Some(read)) => {
                    let (decoded, used, same) = read(&piece[k..]);
                    sure &= same;
                    match decoded {
                        Some(d) => {
                            self.text.push(d);
                            k += used;
                            self.point(from + k);
                        }
                        None => {
                            self.text.push('&');
                            k += 1;
                        }
                    }
                }
                (b'\r', _) => {
                    self.text.push('\n');
                    k += if pb.get(k + 1) == Some(&b'\n') { 2 } else { 1 };
                    self.point(from + k);
                }
                _ => {
                    let stop = match reference {
                        Some(_) => memchr::memchr2(b'&', b'\r', &pb[k..]),
                        None => memchr::memchr(b'\r', &pb[k..]),
                    };
                    let next = stop.map_or(pb.len(), |n| k + n);
                    self.text.push_str(&piece[k..next]);
                    k = next;
                }
            }
        }
        ((begin, self.text.len()), sure)
    }
}

/// Named character references the pages use; others stay as written (the
/// node is then placed approximately).
const ENTITIES: &[(&str, &str)] = &[
    ("nbsp", "\u{a0}"),
    ("amp", "&"),
    ("lt", "<"),
    ("gt", ">"),
    ("quot", "\""),
    ("apos", "'"),
    ("ensp", "\u{2002}"),
    ("emsp", "\u{2003}"),
    ("thinsp", "\u{2009}"),
    ("middot", "·"),
    ("mdash", "—"),
    ("ndash", "–"),
    ("ldquo", "“"),
    ("rdquo", "”"),
    ("lsquo", "‘"),
    ("rsquo", "’"),
    ("hellip", "…"),
    ("times", "×"),
    ("copy", "©"),
    ("reg", "®"),
    ("yen", "¥"),
    ("bull", "•"),
];

/// Elements whose content is raw text (no tags, no entities inside).
const RAW_TEXT: &[&str] = &["script", "style", "xmp", "iframe", "noembed", "noframes", "textarea", "title"];

/// Scans the source once: text between tags, entities decoded, CR/LF as
/// html5ever gives them.
fn scan(src: &str) -> Stream {
    let bytes = src.as_bytes();
    let mut s =
        Stream { text: String::with_capacity(src.len() / 2), map: OffsetMap::default(), cell_starts: Vec::new() };
    let mut i = 0;
    let mut run_start = 0;
    let flush = |s: &mut Stream, from: usize, to: usize| {
        s.push_source(src, from, to, Some(entity));
    };
    while i < bytes.len() {
        if bytes[i] != b'<' {
            i += 1;
            continue;
        }
        let rest = &src[i..];
        let tag_end = if rest.starts_with("<!--") {
            rest.find("-->").map_or(src.len(), |e| i + e + 3)
        } else if rest.len() > 1 && (bytes[i + 1].is_ascii_alphabetic() || matches!(bytes[i + 1], b'/' | b'!' | b'?')) {
            end_of_tag(src, i)
        } else {
            i += 1;
            continue;
        };
        flush(&mut s, run_start, i);
        // Raw-text elements: their content is one run, not decoded.
        let name: String =
            rest[1..].chars().take_while(|c| c.is_ascii_alphanumeric()).collect::<String>().to_ascii_lowercase();
        i = tag_end;
        run_start = i;
        if name == "td" || name == "th" {
            if !rest.starts_with("</") {
                s.cell_starts.push(i);
            }
        } else if RAW_TEXT.contains(&name.as_str()) && !rest.starts_with("</") {
            let end = closing_tag(bytes, i, name.as_bytes()).unwrap_or(src.len());
            if name == "textarea" || name == "title" {
                flush(&mut s, i, end);
            } else if end > i {
                s.point(i);
                s.text.push_str(&src[i..end]);
            }
            i = end;
            run_start = i;
        }
    }
    flush(&mut s, run_start, src.len());
    s
}

/// Where the closing tag of a raw-text element (`</script>`, in any case)
/// starts, searched from `from` without copying the page: a page with many
/// scripts was lowercased whole once per script.
fn closing_tag(bytes: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    memchr::memmem::find_iter(bytes.get(from..)?, b"</")
        .map(|k| from + k)
        .find(|&at| bytes.get(at + 2..at + 2 + name.len()).is_some_and(|n| n.eq_ignore_ascii_case(name)))
}

/// The end of a tag starting at `at`, quotes respected.
fn end_of_tag(src: &str, at: usize) -> usize {
    let b = src.as_bytes();
    let mut quote = 0u8;
    let mut i = at + 1;
    while i < b.len() {
        match (quote, b[i]) {
            (0, b'"' | b'\'') => quote = b[i],
            (q, c) if q != 0 && c == q => quote = 0,
            (0, b'>') => return i + 1,
            _ => {}
        }
        i += 1;
    }
    src.len()
}

/// Decodes a character reference at the start of `s`: the text and the bytes used.
fn entity(s: &str) -> (Option<char>, usize, bool) {
    let body = &s[1..];
    if let Some(num) = body.strip_prefix('#') {
        let (digits, radix, skip) = match num.strip_prefix(['x', 'X']) {
            Some(hex) => (hex.chars().take_while(char::is_ascii_hexdigit).collect::<String>(), 16, 3),
            None => (num.chars().take_while(char::is_ascii_digit).collect::<String>(), 10, 2),
        };
        if digits.is_empty() {
            return (None, 1, true);
        }
        let c = u32::from_str_radix(&digits, radix).ok().and_then(char::from_u32).unwrap_or('\u{FFFD}');
        let used = skip + digits.len() + usize::from(s.as_bytes().get(skip + digits.len()) == Some(&b';'));
        return (Some(c), used, true);
    }
    for (name, value) in ENTITIES {
        if let Some(after) = body.strip_prefix(name) {
            let semi = after.starts_with(';');
            // Legacy references may omit the `;` (`&nbsp`).
            if semi
                || matches!(*name, "nbsp" | "amp" | "lt" | "gt" | "quot" | "copy" | "reg" | "yen" | "times" | "middot")
            {
                return (value.chars().next(), 1 + name.len() + usize::from(semi), true);
            }
        }
    }
    (None, 1, true)
}

/// The text of a page for the parser, and where each of its bytes came from.
#[derive(Debug, Clone)]
pub struct Extracted {
    pub text: String,
    /// Offsets of `text` to offsets of the page.
    map: OffsetMap,
    src_len: usize,
}

impl Extracted {
    /// Text derived from a source by another reader (`layout_text.rs`), with
    /// its map back to the source.
    pub(crate) fn from_parts(text: String, map: OffsetMap, src_len: usize) -> Self {
        Extracted { text, map, src_len }
    }

    /// The source offset of an offset of the extracted text.
    pub(crate) fn source_offset(&self, at: usize) -> usize {
        if at >= self.text.len() { self.src_len } else { self.map.source(at).min(self.src_len) }
    }
}

struct Out<'s> {
    text: String,
    map: OffsetMap,
    stream: &'s Stream,
    /// For text from html5ever's tree: where in the stream to look next.
    cursor: usize,
    /// Source offset of each table cell's content, by node (html5ever's
    /// tree; the streaming reader's cells carry their own).
    cells: HashMap<u32, usize>,
}

impl Out<'_> {
    /// Appends text that is not in the source (separators).
    fn push_sep(&mut self, sep: char) {
        self.text.push(sep);
    }

    fn at_line_start(&self) -> bool {
        self.text.is_empty() || self.text.ends_with('\n')
    }

    /// Appends a text node (or, with `render` false, only passes over it).
    fn push_text(&mut self, node: &Text, render: bool) {
        match node {
            Text::Owned(t) => self.push_node(t, render),
            Text::Stream(ranges) if render => {
                let stream = &self.stream.text;
                if ranges.iter().all(|(a, b)| stream[a..b].trim().is_empty()) {
                    let any = ranges.iter().any(|(a, b)| a < b);
                    if any && !self.text.ends_with([' ', '\n', '\t']) && !self.text.is_empty() {
                        self.text.push(' ');
                    }
                    return;
                }
                for (a, b) in ranges.iter() {
                    self.push_range(a, b);
                }
            }
            Text::Stream(_) => {}
        }
    }

    /// Appends the stream's bytes `a..b`, mapped to the page.
    fn push_range(&mut self, a: usize, b: usize) {
        let start = self.text.len();
        let piece = &self.stream.text[a..b];
        // Line breaks and tabs inside a text node are spaces (1:1 bytes keep
        // offsets); the runs between them copied whole.
        let mut rest = piece;
        while let Some(k) = memchr::memchr2(b'\n', b'\t', rest.as_bytes()) {
            self.text.push_str(&rest[..k]);
            self.text.push(' ');
            rest = &rest[k + 1..];
        }
        self.text.push_str(rest);
        let s = &self.stream.map;
        self.map.mark(start, s.source(a));
        for (sp, src) in s.points_in(a, b) {
            self.map.mark(start + (sp - a), src);
        }
    }

    /// Appends a text node of html5ever's tree: found in the stream from the
    /// cursor, so that its bytes map to the source.
    fn push_node(&mut self, node: &str, render: bool) {
        if node.trim().is_empty() {
            if render && !node.is_empty() && !self.text.ends_with([' ', '\n', '\t']) && !self.text.is_empty() {
                self.text.push(' ');
            }
            return;
        }
        let found = self
            .stream
            .text
            .get(self.cursor..)
            .and_then(|s| memchr::memmem::find(s.as_bytes(), node.as_bytes()))
            .map(|p| self.cursor + p);
        let stream_at = found.unwrap_or(self.cursor);
        if let Some(p) = found {
            self.cursor = p + node.len();
        }
        if !render {
            return;
        }
        let start = self.text.len();
        self.text.extend(node.chars().map(|c| if matches!(c, '\n' | '\t') { ' ' } else { c }));
        // Map this node's bytes through the stream's own change points.
        let s = &self.stream.map;
        self.map.mark(start, s.source(stream_at));
        for (sp, src) in s.points_in(stream_at, stream_at + node.len()) {
            self.map.mark(start + (sp - stream_at), src);
        }
    }
}

/// Renders a subtree as text: blocks on lines, tables as grids.
fn render(tree: &Tree, root: u32, out: &mut Out, in_cell: bool, depth: usize) {
    // A subtree passed over: chrome (its text still moves the cursor, so that
    // a `0` in a menu is never taken for a cell's `0`), or a table already
    // rendered as a grid (its text is consumed).
    let mut skip: Option<(u32, bool)> = None;
    let mut walk = tree.traverse(root);
    while let Some(edge) = walk.next() {
        match edge {
            Edge::Open(node) => {
                let kind = &tree.node(node).kind;
                if let Some((_, consumed)) = skip {
                    if let (false, Kind::Text(t)) = (consumed, kind) {
                        out.push_text(t, false);
                    }
                    continue;
                }
                match kind {
                    Kind::Text(t) => out.push_text(t, true),
                    Kind::Element(e) if node != root && e.chrome => {
                        skip = Some((node, false));
                        // Only html5ever's text must be passed over, to move
                        // the cursor; ranges of the stream need no walk.
                        if !tree.owned_text {
                            walk.skip_children(node);
                        }
                    }
                    Kind::Element(e) => {
                        if e.name.is("table") && node != root && depth < 16 {
                            if !in_cell && !out.at_line_start() {
                                out.push_sep('\n');
                            }
                            render_table(tree, node, out, depth + 1);
                            skip = Some((node, true));
                            walk.skip_children(node);
                            continue;
                        }
                        if e.block || e.name.is("br") {
                            separate(out, in_cell);
                        }
                    }
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if skip.is_some_and(|(id, _)| id == node) {
                    skip = None;
                    if tree.name(node).is_some_and(|n| n.is("table")) {
                        separate(out, in_cell);
                    }
                    continue;
                }
                if skip.is_none() && tree.element(node).is_some_and(|e| e.block) {
                    separate(out, in_cell);
                }
            }
        }
    }
}

fn separate(out: &mut Out, in_cell: bool) {
    if in_cell {
        if !out.text.is_empty() && !out.text.ends_with([' ', '\t', '\n']) {
            out.push_sep(' ');
        }
    } else if !out.at_line_start() {
        out.push_sep('\n');
    }
}

/// The rows of a table (not of the tables inside it) and their cells.
fn table_rows(tree: &Tree, table: u32) -> Vec<Vec<u32>> {
    let is = |id: u32, names: &[&str]| tree.name(id).is_some_and(|n| n.is_any(names));
    let mut rows = Vec::new();
    let mut stack: Vec<u32> = tree.children(table).collect::<Vec<_>>().into_iter().rev().collect();
    while let Some(n) = stack.pop() {
        if is(n, &["tr"]) {
            rows.push(tree.children(n).filter(|&c| is(c, &["td", "th"])).collect());
        } else if is(n, &["thead", "tbody", "tfoot"]) {
            stack.extend(tree.children(n).collect::<Vec<_>>().into_iter().rev());
        }
    }
    rows
}

/// A table as a grid: rows on lines, cells separated by tabs. A cell that
/// spans rows leaves an empty cell in the rows below (a merged group label
/// before the row labels); a cell that spans columns is one cell, so that a
/// label merged over two columns adds no empty cell before the row's values.
fn render_table(tree: &Tree, table: u32, out: &mut Out, depth: usize) {
    let rows = table_rows(tree, table);
    // Per column: rows still covered by a cell from above, and whether the
    // column is the first of that cell (only the first shows as a cell).
    let mut carried: Vec<(usize, bool)> = Vec::new();
    for cells in rows {
        let mut col = 0;
        let mut placed: Vec<(usize, Option<u32>)> = Vec::new();
        let mut cell_iter = cells.into_iter();
        let mut next = cell_iter.next();
        loop {
            if let Some(&(_, first)) = carried.get(col).filter(|c| c.0 > 0) {
                if first {
                    placed.push((col, None));
                }
                col += 1;
                continue;
            }
            let Some(cell) = next else { break };
            let (cs, rs) = tree.element(cell).map_or((1, 1), |e| (e.colspan, e.rowspan));
            if carried.len() < col + cs {
                carried.resize(col + cs, (0, false));
            }
            for k in 0..cs {
                carried[col + k] = (rs, k == 0);
            }
            placed.push((col, Some(cell)));
            col += cs;
            next = cell_iter.next();
        }
        // Columns still covered beyond the last cell of this row.
        while col < carried.len() {
            if carried[col].0 > 0 && carried[col].1 {
                placed.push((col, None));
            }
            col += 1;
        }
        placed.sort_by_key(|p| p.0);
        for (i, (_, cell)) in placed.iter().enumerate() {
            if i > 0 {
                out.push_sep('\t');
            }
            if let Some(c) = *cell {
                // A cell with no text still has its place in the page.
                let at = tree.element(c).and_then(|e| e.content_at).or_else(|| out.cells.get(&c).copied());
                if let Some(at) = at {
                    out.map.mark(out.text.len(), at);
                }
                render(tree, c, out, true, depth);
                while out.text.ends_with(' ') {
                    out.text.pop();
                }
            }
        }
        // A blank last cell ends with its own tab, as every other cell does:
        // `…\t9\t\t` then the line end, so that it is counted as a cell.
        if placed.len() > 1 && out.text.ends_with('\t') {
            out.push_sep('\t');
        }
        out.push_sep('\n');
        for c in carried.iter_mut() {
            c.0 = c.0.saturating_sub(1);
        }
    }
}

/// The deepest nesting of elements a page may have (real pages stay under a
/// few hundred; the tree builder's time grows with its square).
pub(crate) const MAX_DEPTH: usize = 16_384;

/// Elements that have no end tag.
const VOID: &[&[u8]] = &[
    b"br",
    b"img",
    b"meta",
    b"link",
    b"input",
    b"hr",
    b"col",
    b"area",
    b"base",
    b"wbr",
    b"source",
    b"embed",
    b"param",
    b"track",
    b"keygen",
    b"basefont",
    b"frame",
];

/// A tag name as the depth count keeps it: its first bytes, lowercased.
type TagName = [u8; 12];

fn tag_name(raw: &[u8]) -> TagName {
    let mut out = [0u8; 12];
    for (o, b) in out.iter_mut().zip(raw) {
        *o = b.to_ascii_lowercase();
    }
    out
}

/// A tag name's bytes padded as [`tag_name`] pads them.
const fn padded(word: &[u8]) -> TagName {
    let mut out = [0u8; 12];
    let mut i = 0;
    while i < word.len() && i < out.len() {
        out[i] = word[i];
        i += 1;
    }
    out
}

/// Whether a tag name is `word`: one comparison of twelve bytes, no call
/// (per tag of every page, this was a tenth of reading a page).
#[inline]
fn is(name: &TagName, word: &[u8]) -> bool {
    *name == padded(word)
}

/// The names of a list, padded once.
fn padded_all(words: &[&[u8]]) -> Vec<TagName> {
    words.iter().map(|w| padded(w)).collect()
}

/// Start tags that close an open `<p>` (HTML's "close a p element").
const CLOSES_P: &[&[u8]] = &[
    b"address",
    b"article",
    b"aside",
    b"blockquote",
    b"div",
    b"dl",
    b"fieldset",
    b"footer",
    b"form",
    b"h1",
    b"h2",
    b"h3",
    b"h4",
    b"h5",
    b"h6",
    b"header",
    b"hr",
    b"main",
    b"nav",
    b"ol",
    b"p",
    b"pre",
    b"section",
    b"table",
    b"ul",
];

/// How far down the open elements an end tag looks for its start tag.
const END_TAG_REACH: usize = 64;

/// The deepest nesting of elements in a page, from its bytes, as a browser
/// nests them: an element whose end tag HTML makes optional is closed by
/// the start tag that closes it implicitly (16,385 `<p>` without `</p>` nest
/// one deep, not 16,385), and an end tag closes the elements opened inside
/// its own. Approximate: comments and scripts are not skipped.
pub(crate) fn max_depth(bytes: &[u8]) -> usize {
    static LISTS: std::sync::LazyLock<(Vec<TagName>, Vec<TagName>)> =
        std::sync::LazyLock::new(|| (padded_all(VOID), padded_all(CLOSES_P)));
    let (void, closes_p) = (&LISTS.0, &LISTS.1);
    let mut open: Vec<TagName> = Vec::new();
    let mut max = 0usize;
    for i in memchr::memchr_iter(b'<', bytes) {
        let rest = &bytes[i + 1..];
        let (end, rest) = match rest.first() {
            Some(b'/') => (true, &rest[1..]),
            _ => (false, rest),
        };
        let name_len = rest.iter().take_while(|b| b.is_ascii_alphanumeric()).count();
        if name_len == 0 {
            continue;
        }
        let name = tag_name(&rest[..name_len]);
        if end {
            let reach = open.len().saturating_sub(END_TAG_REACH);
            if let Some(at) = open[reach..].iter().rposition(|n| *n == name) {
                open.truncate(reach + at);
            }
            continue;
        }
        if void.contains(&name) {
            continue;
        }
        let top_is = |open: &[TagName], words: &[&[u8]]| open.last().is_some_and(|t| words.iter().any(|w| is(t, w)));
        if closes_p.contains(&name) && top_is(&open, &[b"p"]) {
            open.pop();
        }
        if is(&name, b"li") && top_is(&open, &[b"li"]) {
            open.pop();
        }
        if (is(&name, b"dt") || is(&name, b"dd")) && top_is(&open, &[b"dt", b"dd"]) {
            open.pop();
        }
        if is(&name, b"option") && top_is(&open, &[b"option"]) {
            open.pop();
        }
        if (is(&name, b"td") || is(&name, b"th") || is(&name, b"tr")) && top_is(&open, &[b"td", b"th"]) {
            open.pop();
        }
        if is(&name, b"tr") && top_is(&open, &[b"tr"]) {
            open.pop();
        }
        open.push(name);
        max = max.max(open.len());
    }
    max
}

/// A page nested deeper than [`MAX_DEPTH`] (how deep, as [`max_depth`] counts).
#[derive(Debug)]
pub(crate) struct TooDeep(pub(crate) usize);

/// Renders the body of an HTML page (decoded text) as report text: read by
/// the streaming reader, or by html5ever where that reader is unsure. A page
/// nested deeper than [`MAX_DEPTH`] is not read.
pub(crate) fn extract(source: &str) -> Result<Extracted, TooDeep> {
    match build::build(source) {
        Ok((tree, stream)) => Ok(render_page(source, &tree, &stream, HashMap::new())),
        Err(build::Unsure) => {
            let depth = max_depth(source.as_bytes());
            if depth > MAX_DEPTH {
                return Err(TooDeep(depth));
            }
            Ok(extract_html5ever(source))
        }
    }
}

/// The page read by html5ever, its text nodes found in the stream.
fn extract_html5ever(source: &str) -> Extracted {
    let stream = scan(source);
    // (Scripts were blanked here before the tree was built, to save
    // html5ever reading them; a quote in an unquoted attribute could make the
    // blanking run past the script, and html5ever now reads only the pages
    // the streaming reader leaves it, so it reads the page as it is.)
    let document = Html::parse_document(source);
    let tree = Tree::from_html5ever(document.tree.root());
    // Table cells in tree order match their start tags in source order when
    // the parser made no cell of its own; otherwise blank cells stay unplaced.
    let cell_nodes: Vec<u32> = tree
        .traverse(0)
        .filter_map(|e| match e {
            Edge::Open(id) if tree.name(id).is_some_and(|n| n.is_any(&["td", "th"])) => Some(id),
            _ => None,
        })
        .collect();
    let cells = if cell_nodes.len() == stream.cell_starts.len() {
        cell_nodes.into_iter().zip(stream.cell_starts.iter().copied()).collect()
    } else {
        HashMap::new()
    };
    render_page(source, &tree, &stream, cells)
}

fn render_page(source: &str, tree: &Tree, stream: &Stream, cells: HashMap<u32, usize>) -> Extracted {
    let mut out =
        Out { text: String::with_capacity(source.len() / 3), map: OffsetMap::default(), stream, cursor: 0, cells };
    // The page title first (the report's name when the body has no heading).
    if let Some(title) = tree.find("title") {
        for d in tree.traverse(title) {
            let Edge::Open(id) = d else { continue };
            let Kind::Text(text) = &tree.node(id).kind else { continue };
            let (whole, at) = match text {
                Text::Owned(t) => (t.clone(), None),
                Text::Stream(r) => {
                    (r.iter().map(|(a, b)| &stream.text[a..b]).collect::<String>(), r.iter().next().map(|p| p.0))
                }
            };
            // Page titles append the column and the site: `报告_年报_网站`.
            let dash = whole.rfind(['-', '—']).filter(|&i| !whole[i..].chars().any(|c| c.is_ascii_digit()));
            let cut = whole.find(['_', '|', '｜']).or(dash).unwrap_or(whole.len());
            let kept = if crate::template::TITLE_KINDS.iter().any(|k| whole[..cut].contains(k)) {
                &whole[..cut]
            } else {
                &whole[..]
            };
            match (text, at) {
                (Text::Stream(r), Some(a)) if r.len() == 1 => {
                    out.push_text(&Text::Stream(tree::Ranges::one(a, a + kept.len())), true)
                }
                _ => out.push_node(kept, true),
            }
        }
        out.push_sep('\n');
    }
    match tree.find("body") {
        Some(b) => render(tree, b, &mut out, false, 0),
        None => render(tree, 0, &mut out, false, 0),
    }
    Extracted { text: out.text, map: out.map, src_len: source.len() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_counts_elements_as_a_browser_nests_them() {
        // Unclosed `<p>`, `<li>`, `<td>` and `<tr>` close one another.
        assert_eq!(max_depth(format!("<body>{}", "<p>x".repeat(16_385)).as_bytes()), 2);
        assert_eq!(max_depth(b"<ul><li>a<li>b<li>c</ul>"), 2);
        assert_eq!(max_depth(b"<table><tr><td>1<td>2<tr><td>3</table>"), 3);
        // An end tag closes what was opened inside its element.
        assert_eq!(max_depth(b"<div><span><b>x</div><div>y</div>"), 3);
        // Real nesting still counts.
        assert_eq!(max_depth(format!("<body>{}", "<div>".repeat(100)).as_bytes()), 101);
        assert_eq!(max_depth(b"<p><br><img src=x>a</p>"), 1);
    }

    #[test]
    fn tables_become_grids_row_spans_kept_column_spans_one_cell() {
        let html = "<table><tr><td rowspan=2>A</td><td colspan=2>B</td></tr><tr><td>1</td><td>2</td></tr></table>";
        let e = extract(html).expect("read");
        assert_eq!(e.text.trim(), "A\tB\n\t1\t2");
        // A label merged over two columns, then a blank 总计: the values stay
        // in their columns (not one to the right).
        let row = "<table><tr><td rowspan=3>三</td><td colspan=2>（一）予以公开</td><td>258</td><td>0</td><td>&nbsp;</td></tr></table>";
        // (The blank last cell ends with its own tab, as every cell does.)
        assert_eq!(extract(row).expect("read").text.trim_matches('\n'), "三\t（一）予以公开\t258\t0\t\t");
    }

    #[test]
    fn every_character_maps_to_its_source() {
        let html = "<p>规章&nbsp;<span>1</span><span>2</span></p><table><tr><td>总计</td><td>&#55;</td></tr></table>";
        let e = extract(html).expect("read");
        let at = e.text.find("12").expect("joined spans");
        assert_eq!(&html[e.source_offset(at)..e.source_offset(at) + 1], "1");
        let total = e.text.find("总计").expect("cell");
        assert!(html[e.source_offset(total)..].starts_with("总计"));
        let seven = e.text.find('7').expect("entity");
        assert!(html[e.source_offset(seven)..].starts_with("&#55;"));
    }

    #[test]
    fn chrome_and_scripts_are_left_out() {
        let html = "<body><div class=\"header\">首页 导航 0 1 2</div><script>var a = '<p>0</p>';</script><p>一、总体情况</p></body>";
        let e = extract(html).expect("read");
        assert_eq!(e.text.trim(), "一、总体情况");
        // Chrome by a word anywhere in a class or id, in either case.
        let html =
            "<div class=\"x TopMenuBar\">首页</div><div id=\"pageFOOTER2\">版权</div><div class=\"main\">正文</div>";
        assert_eq!(extract(html).expect("read").text.trim(), "正文");
    }

    #[test]
    fn the_streaming_reader_answers_plain_pages_and_leaves_repairs_to_html5ever() {
        let cases = [
            // Implied `<tbody>`/`<tr>`, cells closed by cells, `<p>` by `<p>`.
            ("<table><td>1<td>2<tr><td>3</table><p>一<p>二", true),
            ("<html><head><title>报告_网站</title></head><body><ul><li>a<li>b</ul></body></html>", true),
            ("<p><b>粗<i>斜</b>后</i></p>", true),
            // The newline after `<pre>` is dropped unless a token comes first,
            // `</>` included.
            ("<pre>\n一</pre><pre></>\n二</pre>", true),
            // Text inside a table but in no cell is moved before the table.
            ("<table>总计<tr><td>7</td></tr></table>", false),
            // A formatting element closed across a block.
            ("<b><div>一</b>二</div>", false),
            // An entity outside the reader's table.
            ("<p>&deg;</p>", false),
            // A script "double escaped" by `<!--` and `<script`: its first
            // `</script>` does not end it.
            ("<script><!--\ndocument.write('<script></script>');\n--></script><p>后</p>", false),
            // A second byte-order mark, which html5ever drops after a script.
            ("<p>a<script src=x></script>\u{feff}b</p>", false),
            // A comment ends at whichever of `-->` and `--!>` comes first.
            ("<p>一<!-- a --!> 二 --> 三</p><p>四<!-- b --> 五 --!> 六</p>", true),
            ("<p>一<!-- a --!> 二</p>", true),
            ("<p>一<!-- a", true),
            // Formatting elements with more attributes than are kept in
            // place, one name twice, reopened after a paragraph.
            ("<p><b a=1 b=2 c=3 d=4 e=5 f=6 g=7 h=8 i=9 j=10 a=11>一<p>二</b>三<b j=10 i=9>四<b>五", true),
        ];
        for (page, answers) in cases {
            assert_eq!(build::build(page).is_ok(), answers, "{page}");
            assert_eq!(extract(page).expect("read").text, extract_html5ever(page).text, "{page}");
        }
    }

    #[test]
    fn sniffing() {
        assert!(looks_like_html(b"<!DOCTYPE html><html>"));
        assert!(looks_like_html(b"\n  <div><table>"));
        assert!(!looks_like_html("一、总体情况".as_bytes()));
        assert_eq!(
            declared_charset(b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">").as_deref(),
            Some("gb2312")
        );
    }
}

#[cfg(test)]
mod compare {
    use super::*;

    /// Whether offset `at` of the page can be where text character `c` came
    /// from: the character itself, a character reference, or (for a line
    /// break, tab or space the renderer adds) any place. html5ever's text is
    /// found in the page by searching, which can land on the same words in a
    /// script or a menu: where the two readers differ, the streaming reader's
    /// place must be one of these.
    pub(super) fn plausible(page: &str, at: usize, c: char) -> bool {
        matches!(c, '\n' | '\t' | ' ') || page.get(at..).is_some_and(|t| t.starts_with(c) || t.starts_with('&'))
    }

    /// The first character the streaming reader maps to an implausible place.
    pub(super) fn misplaced(page: &str, fast: &Extracted) -> Option<String> {
        let (k, c) = fast.text.char_indices().find(|&(k, c)| !plausible(page, fast.source_offset(k), c))?;
        let at = fast.source_offset(k);
        Some(format!(
            "{c:?} at {k} mapped to {at}: {:?}",
            page.get(at..).map(|t| t.chars().take(16).collect::<String>())
        ))
    }
    use crate::decode::{EncodingChoice, decode};

    fn page_text(bytes: &[u8]) -> String {
        let choice = if std::str::from_utf8(bytes).is_ok() {
            EncodingChoice::Auto
        } else {
            match declared_charset(bytes).as_deref() {
                Some("utf-8" | "utf8") => EncodingChoice::Utf8,
                _ => EncodingChoice::Gb18030,
            }
        };
        decode(bytes, choice).text
    }

    /// Where the two readers differ on a page, if they do (`None` when the
    /// streaming reader is unsure and leaves the page to html5ever).
    fn difference(source: &str) -> Option<Option<String>> {
        let (tree, stream) = build::build(source).ok()?;
        let fast = render_page(source, &tree, &stream, HashMap::new());
        let slow = extract_html5ever(source);
        if fast.text != slow.text {
            let at = fast.text.bytes().zip(slow.text.bytes()).position(|(a, b)| a != b).unwrap_or(0);
            let at =
                (0..=at).rev().find(|&k| fast.text.is_char_boundary(k) && slow.text.is_char_boundary(k)).unwrap_or(0);
            let show = |t: &str| t[at..].chars().take(60).collect::<String>();
            return Some(Some(format!("text differs at {at}: {:?} / {:?}", show(&fast.text), show(&slow.text))));
        }
        if let Some(m) = misplaced(source, &fast) {
            return Some(Some(m));
        }
        Some(None)
    }

    fn pages(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                pages(&p, out);
            } else if std::fs::read(&p).is_ok_and(|b| looks_like_html(&b)) {
                out.push(p);
            }
        }
    }

    /// A page read by the streaming reader with its chrome passed over
    /// (`pass`) or built: its text and every byte's source offset (`None`
    /// when the reader is unsure), and how many nodes it built.
    pub(super) fn read_both_ways(page: &str, pass: bool) -> (Option<(String, Vec<usize>)>, usize) {
        match build::build_with(page, pass) {
            Ok((tree, stream)) => {
                let out = render_page(page, &tree, &stream, HashMap::new());
                let offsets = (0..=out.text.len()).map(|k| out.map.source(k)).collect();
                (Some((out.text, offsets)), tree.nodes.len())
            }
            Err(build::Unsure) => (None, 0),
        }
    }

    /// The real pages of the corpus read the same with their chrome (menus,
    /// headers, footers) passed over or built: text, offsets, and whether
    /// html5ever is needed; and chrome is passed over on them.
    #[test]
    fn chrome_of_real_pages_passed_over_reads_as_built() {
        let root = std::env::var("OGILINT_COMPARE_DIR")
            .unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/corpus").into());
        let mut files = Vec::new();
        pages(std::path::Path::new(&root), &mut files);
        let mut passed = 0;
        for f in &files {
            let Ok(bytes) = std::fs::read(f) else { continue };
            let page = page_text(&bytes);
            let (fast, fast_nodes) = read_both_ways(&page, true);
            let (whole, whole_nodes) = read_both_ways(&page, false);
            assert!(fast == whole, "{}: chrome passed over reads otherwise than chrome built", f.display());
            passed += usize::from(fast_nodes < whole_nodes);
        }
        assert!(passed > 0, "no chrome passed over on {} pages", files.len());
    }

    /// The streaming reader gives html5ever's text and offsets on every page
    /// of the corpus where it answers.
    #[test]
    fn streaming_reader_agrees_with_html5ever() {
        let root = std::env::var("OGILINT_COMPARE_DIR")
            .unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/corpus").into());
        let mut files = Vec::new();
        pages(std::path::Path::new(&root), &mut files);
        files.sort();
        let (mut same, mut unsure, mut differ) = (0, 0, Vec::new());
        for f in &files {
            let Ok(bytes) = std::fs::read(f) else { continue };
            match difference(&page_text(&bytes)) {
                None => unsure += 1,
                Some(None) => same += 1,
                Some(Some(d)) => differ.push(format!("{}: {d}", f.display())),
            }
        }
        eprintln!("{} pages: {same} the same, {unsure} left to html5ever, {} different", files.len(), differ.len());
        assert!(differ.is_empty(), "{}", differ.join("\n"));
        assert!(same > 0);
    }
}

#[cfg(test)]
mod soup {
    use super::*;

    /// Random tag soup of the elements and mistakes pages have: wherever the
    /// streaming reader answers, it answers as html5ever does.
    #[test]
    fn streaming_reader_agrees_with_html5ever_on_tag_soup() {
        const PIECES: &[&str] = &[
            "<p>",
            "</p>",
            "<div>",
            "</div>",
            "<div class=\"nav\">",
            "<span>",
            "</span>",
            "<b>",
            "</b>",
            "<font color=red>",
            "</font>",
            "<table>",
            "</table>",
            "<tr>",
            "</tr>",
            "<td>",
            "</td>",
            "<td colspan=2>",
            "<td rowspan=\"2\">",
            "<th>",
            "</th>",
            "<tbody>",
            "</tbody>",
            "<thead>",
            "<ul>",
            "</ul>",
            "<li>",
            "</li>",
            "<br>",
            "</br>",
            "<br/>",
            "<a href=x>",
            "</a>",
            "<h1>",
            "</h1>",
            "<h2>",
            "<pre>",
            "</pre>",
            "<form>",
            "</form>",
            "<select>",
            "<option>",
            "</select>",
            "<!-- c -->",
            "<script>var a='<p>';</script>",
            "<style>p{}</style>",
            "<img src=x>",
            "<input type=hidden>",
            "<input>",
            "总计",
            "12",
            " ",
            "\n",
            "\r\n",
            "&nbsp;",
            "&amp;",
            "&#55;",
            "&lt;",
            "a&b",
            "<strong>",
            "</strong>",
            "<center>",
            "</center>",
            "<dl>",
            "<dt>",
            "<dd>",
            "</dl>",
            "<caption>",
            "</caption>",
            "<colgroup>",
            "<col>",
            "<hr>",
            "<em>",
            "</em>",
            "<i>",
            "</i>",
            "<u>",
            "<html>",
            "<head>",
            "</head>",
            "<body>",
            "</body>",
            "</html>",
            "<meta charset=utf-8>",
            "<svg><path d=x /></svg>",
            "<noscript><p>x</p></noscript>",
            "<textarea>t</textarea>",
            "<iframe>i</iframe>",
            "<button>b</button>",
            "<label>",
            "</label>",
            "<nav>",
            "</nav>",
            "<section>",
            "</section>",
            "<object>",
            "</object>",
            "<tfoot>",
            "<th colspan=3>",
            "<p class=\"footer\">",
            "<TD>",
            "</TD>",
            "<TR>",
            "<TABLE border=1>",
            "</TABLE>",
            "<P>",
            "<td width=50%\">",
            "&deg;",
            "&copy",
            "&#150;",
            "<td><table><tr><td>",
            "</table></td>",
            "<b><p>",
            "</p></b>",
            "<a><a>",
            "<nobr>",
            "<span class='menu'>",
            "<div id=\"header\">",
            "<li><p>",
            "<listing>",
            "<xmp><b></xmp>",
            "<!DOCTYPE html>",
            "<!doctype html public>",
            "<?xml?>",
            "</ >",
            "</>",
            "< p>",
            "a < b",
            "<td/>",
            "<br />",
            "<marquee>",
            "<math><mi>x</mi></math>",
            "<svg><title>t</title></svg>",
            "<svg><p>",
            "<tr><td>1</td><td>2</td></tr>",
            "<p>一、总体情况</p>",
            "<o:p></o:p>",
            "<![if !supportMisalignedColumns]>",
            "<![endif]>",
            "<!--[if gte mso 9]><xml></xml><![endif]-->",
            "<td style=\"width:20pt\"><p><span lang=EN-US>3<o:p></o:p></span></p></td>",
            "<tbody><tr><td>",
            "<label>",
        ];
        let mut seed: u64 =
            std::env::var("OGILINT_SOUP_SEED").ok().and_then(|v| v.parse().ok()).unwrap_or(0x9E37_79B9_7F4A_7C15);
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let (mut same, mut unsure) = (0, 0);
        let mut failures = Vec::new();
        let iterations: usize = std::env::var("OGILINT_SOUP").ok().and_then(|v| v.parse().ok()).unwrap_or(20_000);
        for _ in 0..iterations {
            let n = 5 + (next() % 40) as usize;
            // (html5ever's text is found in the page after the title's, so the
            // title comes first, as in pages.)
            let title = if next() % 2 == 0 { "<title>报告_网站</title>" } else { "" };
            let page: String =
                std::iter::once(title).chain((0..n).map(|_| PIECES[(next() % PIECES.len() as u64) as usize])).collect();
            let Ok((tree, stream)) = build::build(&page) else {
                unsure += 1;
                continue;
            };
            let fast = render_page(&page, &tree, &stream, HashMap::new());
            let slow = extract_html5ever(&page);
            let wrong = super::compare::misplaced(&page, &fast);
            if fast.text == slow.text && wrong.is_none() {
                same += 1;
            } else if failures.len() < 5 {
                failures.push(format!("{page:?}\n  fast {:?}\n  slow {:?}\n  {wrong:?}", fast.text, slow.text));
            }
        }
        eprintln!("tag soup: {same} the same, {unsure} left to html5ever");
        assert!(failures.is_empty(), "{}", failures.join("\n"));
        assert!(same > iterations / 10, "the streaming reader answered only {same} times");
    }
}
