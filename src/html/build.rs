//! The streaming reader: the page's tags and text read in one pass, with the
//! tree built as HTML's tree construction builds it for the pages that occur
//! (implied `<html>`, `<head>`, `<body>`, `<tbody>` and `<tr>`, paragraphs,
//! list items and cells closed by what follows them, stray end tags ignored,
//! formatting elements reopened), and every text node a range of the decoded
//! text, so that no text has to be found again to know where it came from.
//!
//! Where a page needs a repair this reader does not make (text or tags
//! moved out of a table, a formatting element closed across a block, an
//! entity outside the few pages use, foreign content that breaks out, a
//! `<template>` or a frameset), it says so and the page is read by html5ever
//! instead: the two give the same tree wherever this one answers (the tests
//! compare them on every page of the corpus).
//!
//! Site chrome (a menu, a header, a footer), which the renderer never reads
//! inside, is passed over to its end tag without being built wherever its
//! content is plain enough that building it could change nothing outside it
//! ([`Tokenizer::pass_chrome`]).

use super::tree::{Element, Kind, NONE, Names, Ranges, Tag, Text, Tree, tags};
use super::{ENTITIES, Stream};
use crate::source::OffsetMap;

/// The most elements open at once that this reader follows. Real pages stay
/// under a few hundred; scopes are checked by walking the open elements, so
/// a deeper page (a hostile one) is left to the depth guard and html5ever
/// rather than walked at every tag.
const MAX_OPEN: usize = 1_000;

/// The reader met something it does not rebuild as html5ever would.
#[derive(Debug)]
pub(super) struct Unsure;

type R = Result<(), Unsure>;

/// A start tag and the attributes the tree needs.
#[derive(Clone, Copy, Debug)]
struct Start<'s> {
    name: Tag,
    class: &'s str,
    id: &'s str,
    colspan: Option<&'s str>,
    rowspan: Option<&'s str>,
    kind: Option<&'s str>,
    /// The attributes' bytes, hashed: formatting elements are compared by
    /// name and attributes.
    hash: u64,
    self_closing: bool,
    /// Where the tag ends in the page.
    end: usize,
}

impl Start<'_> {
    fn bare(name: &str) -> Start<'static> {
        Start {
            name: Tag::new(name.as_bytes()),
            class: "",
            id: "",
            colspan: None,
            rowspan: None,
            kind: None,
            hash: 0,
            self_closing: false,
            end: 0,
        }
    }

    fn element(&self) -> Element {
        let mut e = Element::new(self.name, self.class, self.id, self.colspan, self.rowspan);
        if self.name.is_any(&["td", "th"]) {
            e.content_at = Some(self.end);
        }
        e
    }
}

#[derive(Clone, Copy, Debug)]
enum Token<'s> {
    Start(Start<'s>),
    End(Tag),
    /// A run of text: a range of the stream.
    Text(usize, usize),
    Comment,
    /// A doctype, or `</>`: no node anywhere, but a token all the same
    /// (html5ever's tree builder takes the parse error of `</>` as one,
    /// and a newline after `<pre></>` is then kept).
    NoNode,
    Eof,
}

fn is_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | b'\x0C' | b'\r' | b' ')
}

/// The page's tokens, with text decoded into the stream as it is met.
struct Tokenizer<'s> {
    src: &'s str,
    pos: usize,
    stream: Stream,
    unsure: bool,
    /// The last comment was `<![CDATA[`: a comment in HTML, a CDATA
    /// section in `<svg>` and `<math>`.
    cdata: bool,
}

impl<'s> Tokenizer<'s> {
    fn bytes(&self) -> &'s [u8] {
        self.src.as_bytes()
    }

    /// Whether a `<` at `at` starts markup (otherwise it is text).
    fn markup_at(&self, at: usize) -> bool {
        match self.bytes().get(at + 1) {
            Some(b) if b.is_ascii_alphabetic() || matches!(b, b'!' | b'?') => true,
            Some(b'/') => at + 2 < self.bytes().len(),
            _ => false,
        }
    }

    fn next(&mut self) -> Token<'s> {
        let b = self.bytes();
        if self.pos >= b.len() {
            return Token::Eof;
        }
        if b[self.pos] != b'<' || !self.markup_at(self.pos) {
            let mut at = self.pos + 1;
            let end = loop {
                match memchr::memchr(b'<', &b[at..]) {
                    Some(k) if self.markup_at(at + k) => break at + k,
                    Some(k) => at += k + 1,
                    None => break b.len(),
                }
            };
            let from = self.pos;
            self.pos = end;
            let range = self.text(from, end, true);
            return Token::Text(range.0, range.1);
        }
        let at = self.pos;
        match b[at + 1] {
            b'!' if b[at..].starts_with(b"<!--") => {
                self.pos = comment_end(b, at);
                Token::Comment
            }
            b'!' | b'?' => {
                self.pos = memchr::memchr(b'>', &b[at..]).map_or(b.len(), |k| at + k + 1);
                self.cdata = b[at..].starts_with(b"<![CDATA[");
                let doctype = b.get(at + 2..at + 9).is_some_and(|w| w.eq_ignore_ascii_case(b"doctype"));
                if doctype { Token::NoNode } else { Token::Comment }
            }
            b'/' if b[at + 2].is_ascii_alphabetic() => {
                let (name, _, end) = self.tag(at + 2);
                self.pos = end;
                Token::End(name.name)
            }
            b'/' => {
                // `</>` makes no node; `</` then anything else a comment.
                self.pos = memchr::memchr(b'>', &b[at..]).map_or(b.len(), |k| at + k + 1);
                if b[at + 2] == b'>' { Token::NoNode } else { Token::Comment }
            }
            _ => {
                let (mut start, self_closing, end) = self.tag(at + 1);
                start.self_closing = self_closing;
                start.end = end;
                self.pos = end;
                Token::Start(start)
            }
        }
    }

    /// A tag's name and attributes from `at` (the name's first byte): the
    /// start tag, whether it closes itself, and where it ends.
    fn tag(&mut self, at: usize) -> (Start<'s>, bool, usize) {
        let (b, src) = (self.bytes(), self.src);
        let mut i = at;
        while i < b.len() && !is_space(b[i]) && b[i] != b'/' && b[i] != b'>' {
            i += 1;
        }
        let mut start = Start::bare("");
        start.name = Tag::new(&b[at..i]);
        let mut hash: u64 = 0;
        // Only formatting elements are compared by their attributes (asked
        // at the first attribute: most tags have none).
        let name = start.name;
        let hashed = std::cell::LazyCell::new(|| name.is_one_of(FORMATTING) || name.is_any(&["a", "nobr"]));
        // The attribute names met, hashed: the first few in place (a link has
        // one or two; every `<a href>` of a page allocated here before).
        let mut first_names = [0u64; 8];
        let mut named = 0;
        let mut more_names: Vec<u64> = Vec::new();
        let mut seen = 0u8;
        loop {
            let (name, value) = match attribute(src, &mut i) {
                Attribute::Pair(name, value) => (name, value),
                Attribute::End { self_closing, end } => return (start, self_closing, end),
                Attribute::Cut => {
                    // A tag cut off by the end of the page is dropped.
                    self.unsure = true;
                    return (start, false, b.len());
                }
            };
            // Each attribute hashed alone (FNV-1a, its name lowercased), the
            // first of a name only, and the hashes added: HTML compares
            // formatting elements' attributes in any order.
            if *hashed {
                let mut one: u64 = 0xcbf2_9ce4_8422_2325;
                for c in name.bytes().map(|c| c.to_ascii_lowercase()).chain(*b"=").chain(value.bytes()) {
                    one = (one ^ u64::from(c)).wrapping_mul(0x0100_0000_01b3);
                }
                let name_only =
                    name.bytes().fold(0u64, |h, c| h.wrapping_mul(31).wrapping_add(u64::from(c.to_ascii_lowercase())));
                if !first_names[..named].contains(&name_only) && !more_names.contains(&name_only) {
                    if named < first_names.len() {
                        first_names[named] = name_only;
                        named += 1;
                    } else {
                        more_names.push(name_only);
                    }
                    hash = hash.wrapping_add(one);
                    start.hash = hash;
                }
            }
            // The first of two attributes of one name counts.
            let Some(k) = READ.iter().position(|n| name.eq_ignore_ascii_case(n)) else { continue };
            if seen & (1 << k) != 0 {
                continue;
            }
            seen |= 1 << k;
            if value.contains('&') {
                self.unsure = true;
            }
            match k {
                0 => start.class = value,
                1 => start.id = value,
                2 => start.colspan = Some(value),
                3 => start.rowspan = Some(value),
                _ => start.kind = Some(value),
            }
        }
    }

    /// Decodes source `from..to` into the stream (character references when
    /// `refs`): the stream range it became.
    fn text(&mut self, from: usize, to: usize, refs: bool) -> (usize, usize) {
        let (range, sure) = self.stream.push_source(self.src, from, to, refs.then_some(reference as super::Reference));
        self.unsure |= !sure;
        range
    }

    /// Where the end tag of raw-text element `name` whose content starts at
    /// `from` begins (its `<`).
    fn raw_close(&self, name: Tag, from: usize) -> Option<usize> {
        let b = self.bytes();
        let n = name.as_str().as_bytes();
        memchr::memmem::find_iter(&b[from..], b"</").map(|k| from + k).find(|&at| {
            b.get(at + 2..at + 2 + n.len()).is_some_and(|w| w.eq_ignore_ascii_case(n))
                && b.get(at + 2 + n.len()).is_some_and(|&c| is_space(c) || c == b'/' || c == b'>')
        })
    }

    /// Passes over the content of chrome element `x`, just opened (a menu, a
    /// header, a footer: never shown), up to its end tag, where building it
    /// could change nothing outside it. That is, in the content:
    /// - only the tags of [`PASSED`] (and raw text: scripts, styles,
    ///   frames), each closed by its own end tag in order (`x` closed by the
    ///   first end tag at its level), no deeper than [`MAX_PASSED_DEPTH`] or
    ///   `around.room`;
    /// - nothing a tree builder closes, reopens or ignores on its own beyond
    ///   a `<p>` closed by a block opening right in it: no heading in a heading, no list item that
    ///   closes another, no link in a link, no form or button in another,
    ///   formatting elements only where none is open outside `x` since the
    ///   last marker, in a `<select>` only its options (see [`Around`]);
    /// - nothing the reader would be unsure of (a character reference it
    ///   does not read as html5ever does, a tag cut off, a script that may
    ///   be double escaped); and the tokenizer left as reading the content
    ///   would leave it (whether the last `<!…>` was `<![CDATA[`).
    ///
    /// Whether it passed; if not, nothing was read and the content is read
    /// as usual. Either way the tree differs only inside `x`, which the
    /// renderer passes over.
    fn pass_chrome(&mut self, x: Tag, around: Around) -> bool {
        let (src, b) = (self.src, self.bytes());
        let mut open = [Tag::default(); MAX_PASSED_DEPTH];
        let mut depth = 0;
        let mut i = self.pos;
        // Whether the last `<!…>` or `<?…>` passed over was `<![CDATA[`, as
        // the tokenizer records it for foreign content after `x`.
        let mut cdata = None;
        loop {
            // Text up to the next tag: only its character references matter.
            let mut lt = i;
            let markup = loop {
                match memchr::memchr(b'<', &b[lt..]) {
                    Some(k) if self.markup_at(lt + k) => break lt + k,
                    Some(k) => lt += k + 1,
                    None => return false,
                }
            };
            let mut k = i;
            while let Some(amp) = memchr::memchr(b'&', &b[k..markup]) {
                let (decoded, used, same) = reference(&src[k + amp..]);
                if !same {
                    return false;
                }
                k += amp + if decoded.is_some() { used } else { 1 };
            }
            i = markup;
            match b[i + 1] {
                b'!' if b[i..].starts_with(b"<!--") => i = comment_end(b, i),
                b'!' | b'?' => match memchr::memchr(b'>', &b[i..]) {
                    Some(k) => {
                        cdata = Some(b[i..].starts_with(b"<![CDATA["));
                        i += k + 1;
                    }
                    None => return false,
                },
                b'/' if b[i + 2].is_ascii_alphabetic() => {
                    let Some((name, end)) = pass_tag(src, i + 2) else { return false };
                    if depth == 0 {
                        if name == x {
                            self.pos = i;
                            if let Some(cdata) = cdata {
                                self.cdata = cdata;
                            }
                            return true;
                        }
                        return false;
                    }
                    if name != open[depth - 1] {
                        return false;
                    }
                    depth -= 1;
                    i = end;
                }
                b'/' => match memchr::memchr(b'>', &b[i..]) {
                    Some(k) => i += k + 1,
                    None => return false,
                },
                _ => {
                    let Some((name, end)) = pass_tag(src, i + 1) else { return false };
                    i = end;
                    // A block, heading, item, rule or form closes an open
                    // `<p>`: followed where the `<p>` is the innermost open
                    // element (only it is closed), not past what it holds.
                    let closes_p = name.is_one_of(CLOSES_P)
                        || name.is_one_of(HEADINGS)
                        || name.is_any(&["li", "dd", "dt", "form", "hr"]);
                    if closes_p && open[..depth].iter().any(|t| t.is("p")) {
                        if !open[..depth].last().is_some_and(|t| t.is("p")) {
                            return false;
                        }
                        depth -= 1;
                    }
                    let within = &open[..depth];
                    // In a `<select>`, options and scripts only (anything
                    // else ends it, or is left to html5ever).
                    let in_select = within.last().is_some_and(|t| t.is_any(&["select", "optgroup", "option"]));
                    let option = name.is_any(&["option", "optgroup"]);
                    if in_select && !option && !name.is_any(&["script", "style"]) || option && !in_select {
                        return false;
                    }
                    if name.is_one_of(PASSED_RAW) {
                        let Some(close) = self.raw_close(name, i) else { return false };
                        if memchr::memmem::find(&b[i..close], b"<!--").is_some() {
                            return false;
                        }
                        let Some((_, end)) = pass_tag(src, close + 2) else { return false };
                        i = end;
                        continue;
                    }
                    if name.is_one_of(PASSED_VOID) {
                        continue;
                    }
                    if !name.is_one_of(PASSED) {
                        return false;
                    }
                    let item = name.is_any(&["li", "dd", "dt"]);
                    if name.is("option") && !within.last().is_some_and(|t| t.is_any(&["select", "optgroup"]))
                        || name.is("optgroup") && !within.last().is_some_and(|t| t.is("select"))
                    {
                        return false;
                    }
                    // A form opens only where none is (otherwise it is
                    // dropped); a button closes an open one.
                    let twice =
                        |what: &str, outside: bool| name.is(what) && (outside || within.iter().any(|t| t.is(what)));
                    if twice("form", around.form) || twice("button", around.button) {
                        return false;
                    }
                    if name.is_one_of(HEADINGS) && within.last().is_some_and(|t| t.is_one_of(HEADINGS)) {
                        return false;
                    }
                    if item {
                        // An item closes the open item of its kind, looked
                        // for up to the nearest list (or block other than a
                        // `<div>`, `<p>`, `<address>`), `x` included.
                        let (kind, past_x) = if name.is("li") { (LI, around.li) } else { (DD_DT, around.dd) };
                        let mut closes_one = past_x;
                        for t in within.iter().rev() {
                            if t.is_any(kind) {
                                closes_one = true;
                                break;
                            }
                            if stops_item_search(*t) {
                                closes_one = false;
                                break;
                            }
                        }
                        if closes_one {
                            return false;
                        }
                    }
                    if (name.is_one_of(FORMATTING) || name.is("a")) && !around.formatting {
                        return false;
                    }
                    if name.is("a") && within.iter().any(|t| t.is("a")) {
                        return false;
                    }
                    if depth == MAX_PASSED_DEPTH || depth + 1 > around.room {
                        return false;
                    }
                    open[depth] = name;
                    depth += 1;
                }
            }
        }
    }

    /// The content of a raw-text element (`<script>`, `<title>`…) up to its
    /// end tag, which is read too: its range in the stream when `keep`.
    fn raw(&mut self, name: Tag, refs: bool, keep: bool) -> (usize, usize) {
        let b = self.bytes();
        let from = self.pos;
        let close = self.raw_close(name, from);
        let to = close.unwrap_or(b.len());
        // A script that holds `<!--` and then `<script` is "double escaped":
        // its first `</script>` does not end it. Left to html5ever.
        if name.is("script")
            && let Some(open) = memchr::memmem::find(&b[from..to], b"<!--")
            && b[from + open..to].windows(7).any(|w| w.eq_ignore_ascii_case(b"<script"))
        {
            self.unsure = true;
        }
        let range = if keep { self.text(from, to, refs) } else { (self.stream.text.len(), self.stream.text.len()) };
        self.pos = match close {
            Some(at) => self.tag(at + 2).2,
            None => b.len(),
        };
        range
    }
}

/// The attributes a start tag is read for; the first of two of one name counts.
const READ: [&str; 5] = ["class", "id", "colspan", "rowspan", "type"];

/// One step through a tag's attributes.
enum Attribute<'s> {
    /// An attribute: its name and value (empty when it has none).
    Pair(&'s str, &'s str),
    /// The tag's end: whether it closes itself (`/>`), and the offset after it.
    End { self_closing: bool, end: usize },
    /// The page ends inside the tag (or inside a quoted value).
    Cut,
}

/// The attribute or the tag's end at `*i` (in a tag, after its name), with
/// `*i` moved past it: how a start or end tag is read wherever it is read.
fn attribute<'s>(src: &'s str, i: &mut usize) -> Attribute<'s> {
    let b = src.as_bytes();
    loop {
        while *i < b.len() && is_space(b[*i]) {
            *i += 1;
        }
        if *i >= b.len() {
            return Attribute::Cut;
        }
        match b[*i] {
            b'>' => return Attribute::End { self_closing: false, end: *i + 1 },
            b'/' if b.get(*i + 1) == Some(&b'>') => return Attribute::End { self_closing: true, end: *i + 2 },
            b'/' => {
                *i += 1;
                continue;
            }
            _ => break,
        }
    }
    let name_at = *i;
    *i += 1;
    while *i < b.len() && !is_space(b[*i]) && !matches!(b[*i], b'/' | b'>' | b'=') {
        *i += 1;
    }
    let name = &src[name_at..*i];
    while *i < b.len() && is_space(b[*i]) {
        *i += 1;
    }
    let mut value = "";
    if b.get(*i) == Some(&b'=') {
        *i += 1;
        while *i < b.len() && is_space(b[*i]) {
            *i += 1;
        }
        match b.get(*i) {
            Some(&q @ (b'"' | b'\'')) => match memchr::memchr(q, &b[*i + 1..]) {
                Some(k) => {
                    value = &src[*i + 1..*i + 1 + k];
                    *i += k + 2;
                }
                None => return Attribute::Cut,
            },
            Some(b'>') => {}
            _ => {
                let from = *i;
                while *i < b.len() && !is_space(b[*i]) && b[*i] != b'>' {
                    *i += 1;
                }
                value = &src[from..*i];
            }
        }
    }
    Attribute::Pair(name, value)
}

/// A tag read as [`Tokenizer::tag`] reads it, to pass over it: its name and
/// where it ends; `None` where that reader would be unsure (the tag cut off,
/// a character reference in an attribute it reads).
fn pass_tag(src: &str, at: usize) -> Option<(Tag, usize)> {
    let b = src.as_bytes();
    let mut i = at;
    while i < b.len() && !is_space(b[i]) && b[i] != b'/' && b[i] != b'>' {
        i += 1;
    }
    let name = Tag::new(&b[at..i]);
    let mut seen = 0u8;
    loop {
        match attribute(src, &mut i) {
            Attribute::Cut => return None,
            Attribute::End { end, .. } => return Some((name, end)),
            Attribute::Pair(attr, value) => {
                if let Some(k) = READ.iter().position(|n| attr.eq_ignore_ascii_case(n))
                    && seen & (1 << k) == 0
                {
                    seen |= 1 << k;
                    if value.contains('&') {
                        return None;
                    }
                }
            }
        }
    }
}

/// Where a comment starting at `at` (`<!--`) ends.
fn comment_end(b: &[u8], at: usize) -> usize {
    let body = at + 4;
    if b.get(body) == Some(&b'>') {
        return body + 1;
    }
    if b.get(body..body + 2) == Some(b"->") {
        return body + 2;
    }
    // Whichever of `-->` and `--!>` starts first ends it: `--!>` is only
    // looked for before the first `-->` (a page without one would otherwise
    // be searched to its end for every comment).
    let plain = memchr::memmem::find(&b[body..], b"-->").map(|k| body + k);
    let bang_within = plain.map_or(b.len(), |p| (p + 3).min(b.len()));
    match memchr::memmem::find(&b[body..bang_within], b"--!>") {
        Some(k) => body + k + 4,
        None => plain.map_or(b.len(), |p| p + 3),
    }
}

/// A character reference at the start of `s`: the character, the bytes
/// used, and whether html5ever reads it the same (named references beyond
/// the table, and numeric ones it remaps, are not).
fn reference(s: &str) -> (Option<char>, usize, bool) {
    let b = s.as_bytes();
    if b.get(1) == Some(&b'#') {
        let hex = matches!(b.get(2), Some(b'x' | b'X'));
        let skip = if hex { 3 } else { 2 };
        let digits =
            b[skip..].iter().take_while(|c| if hex { c.is_ascii_hexdigit() } else { c.is_ascii_digit() }).count();
        if digits == 0 {
            return (None, 1, true);
        }
        let value = u32::from_str_radix(&s[skip..skip + digits], if hex { 16 } else { 10 }).ok();
        let used = skip + digits + usize::from(b.get(skip + digits) == Some(&b';'));
        return match value {
            Some(0) | Some(0x80..=0x9F) => (None, 1, false),
            Some(v) => (Some(char::from_u32(v).unwrap_or('\u{FFFD}')), used, true),
            None => (Some('\u{FFFD}'), used, true),
        };
    }
    let name_len = b[1..].iter().take_while(|c| c.is_ascii_alphanumeric()).count();
    if name_len == 0 {
        return (None, 1, true);
    }
    let name = &s[1..1 + name_len];
    let semi = b.get(1 + name_len) == Some(&b';');
    if semi && let Some((_, v)) = ENTITIES.iter().find(|(n, _)| *n == name) {
        let c = v.chars().next().unwrap_or('\u{FFFD}');
        return (Some(c), name_len + 2, true);
    }
    (None, 1, false)
}

/// How far a page got before `<body>`.
#[derive(Clone, Copy, PartialEq)]
enum Phase {
    BeforeHead,
    InHead,
    AfterHead,
    Body,
}

/// Which rules the next token follows, from the open elements (as HTML's
/// "reset the insertion mode" finds it).
#[derive(Clone, Copy, PartialEq, Debug)]
enum Mode {
    Body,
    Table,
    TableBody,
    Row,
    Cell,
    Caption,
    ColumnGroup,
    Select,
}

/// Chrome elements whose content may be passed over unread (see
/// [`Tokenizer::pass_chrome`]): blocks that close a `<p>` as they open.
const CHROME_BOXES: &[Tag] = &tags(["div", "ul", "ol", "dl", "nav", "header", "footer", "section", "aside", "article"]);
/// The elements a passed-over chrome element may hold.
const PASSED: &[Tag] = &tags([
    "div", "ul", "ol", "li", "dl", "dt", "dd", "p", "span", "a", "b", "i", "em", "strong", "font", "small", "u", "s",
    "strike", "big", "tt", "code", "sub", "sup", "label", "h1", "h2", "h3", "h4", "h5", "h6", "nav", "header",
    "footer", "section", "aside", "article", "center", "form", "button", "select", "option", "optgroup",
]);
/// The raw-text elements it may hold (their content read as no character
/// references, as the tree builder reads it).
const PASSED_RAW: &[Tag] = &tags(["script", "style", "iframe", "noscript", "noframes", "noembed"]);
/// The void elements it may hold.
const PASSED_VOID: &[Tag] = &tags(["br", "img", "wbr", "input", "hr"]);
/// What a chrome element's content could reach outside it, as it opens.
#[derive(Clone, Copy)]
struct Around {
    /// How many more elements may be open at once.
    room: usize,
    /// An `<li>` (and a `<dd>` or `<dt>`) is open where one opened in the
    /// chrome, outside any list in it, would close it.
    li: bool,
    dd: bool,
    /// No formatting element is open since the last marker, so that one
    /// opened in the chrome is no fourth of its kind and no link closes a link.
    formatting: bool,
    /// A form is open (a form in the chrome would be dropped).
    form: bool,
    /// A button is in scope (a button in the chrome would be unsure).
    button: bool,
}
const LI: &[&str] = &["li"];
const DD_DT: &[&str] = &["dd", "dt"];
/// Where an `<li>`, `<dd>` or `<dt>` opening stops looking for an open one
/// of its kind to close: a block other than `<address>`, `<div>` and `<p>`.
fn stops_item_search(t: Tag) -> bool {
    t.is_one_of(SPECIAL) && !t.is_any(&["address", "div", "p"])
}
/// How deep the content of a passed-over element may nest.
const MAX_PASSED_DEPTH: usize = 32;
const FORMATTING: &[Tag] = &tags(["b", "big", "code", "em", "font", "i", "s", "small", "strike", "strong", "tt", "u"]);
const HEAD_VOID: &[Tag] = &tags(["base", "basefont", "bgsound", "link", "meta"]);
/// Raw-text elements whose content is read as is (never shown, or shown as text).
const RAW: &[Tag] = &tags(["style", "noframes", "script", "iframe", "noembed", "noscript", "xmp"]);
const VOID: &[Tag] = &tags(["area", "br", "embed", "img", "keygen", "wbr", "input", "param", "source", "track", "hr"]);
const CLOSES_P: &[Tag] = &tags([
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "header",
    "hgroup",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "search",
    "section",
    "summary",
    "ul",
]);
/// End tags that close a block: those of the start tags that close a `<p>`,
/// `<p>` aside, and `<button>`, `<listing>`, `<pre>`.
fn is_block_end(n: Tag) -> bool {
    (n.is_one_of(CLOSES_P) && !n.is("p")) || n.is_any(&["button", "listing", "pre"])
}
const HEADINGS: &[Tag] = &tags(["h1", "h2", "h3", "h4", "h5", "h6"]);
const IMPLIED_END: &[Tag] = &tags(["dd", "dt", "li", "optgroup", "option", "p", "rb", "rp", "rt", "rtc"]);
const SCOPE: &[Tag] = &tags(["applet", "caption", "html", "table", "td", "th", "marquee", "object", "template"]);
const SPECIAL: &[Tag] = &tags([
    "address",
    "applet",
    "area",
    "article",
    "aside",
    "base",
    "basefont",
    "bgsound",
    "blockquote",
    "body",
    "br",
    "button",
    "caption",
    "center",
    "col",
    "colgroup",
    "dd",
    "details",
    "dir",
    "div",
    "dl",
    "dt",
    "embed",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "frame",
    "frameset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hgroup",
    "hr",
    "html",
    "iframe",
    "img",
    "input",
    "isindex",
    "li",
    "link",
    "listing",
    "main",
    "marquee",
    "menu",
    "meta",
    "nav",
    "noembed",
    "noframes",
    "noscript",
    "object",
    "ol",
    "p",
    "param",
    "plaintext",
    "pre",
    "script",
    "section",
    "select",
    "source",
    "style",
    "summary",
    "table",
    "tbody",
    "td",
    "template",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "track",
    "ul",
    "wbr",
    "xmp",
]);
/// Start tags inside `<svg>` or `<math>` that end the foreign content.
const BREAKOUT: &[Tag] = &tags([
    "b",
    "big",
    "blockquote",
    "body",
    "br",
    "center",
    "code",
    "dd",
    "div",
    "dl",
    "dt",
    "em",
    "embed",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "hr",
    "i",
    "img",
    "li",
    "listing",
    "menu",
    "meta",
    "nobr",
    "ol",
    "p",
    "pre",
    "ruby",
    "s",
    "small",
    "span",
    "strong",
    "strike",
    "sub",
    "sup",
    "table",
    "tt",
    "u",
    "ul",
    "var",
    "font",
    "foreignobject",
    "annotation-xml",
    "desc",
    "mi",
    "mo",
    "mn",
    "ms",
    "mtext",
]);

struct Builder<'s> {
    tok: Tokenizer<'s>,
    tree: Tree,
    stack: Vec<u32>,
    /// Open formatting elements and markers (`None`), with their attributes' hash.
    formatting: Vec<Option<(u32, u64)>>,
    head: u32,
    body: u32,
    form: u32,
    phase: Phase,
    /// A `<pre>` or `<listing>` just opened: a newline right after it is dropped.
    drop_newline: bool,
    /// After `</body>` or `</html>`: comments go to the `<html>` element
    /// until anything but white space comes.
    after_body: bool,
    /// Chrome's content is passed over where it can be (off only in tests,
    /// which compare the two).
    pass: bool,
}

/// Reads a page: its tree and its decoded text, or `Unsure`.
pub(super) fn build(src: &str) -> Result<(Tree, Stream), Unsure> {
    build_with(src, true)
}

/// [`build`], with chrome's content passed over (`pass`) or built.
pub(super) fn build_with(src: &str, pass: bool) -> Result<(Tree, Stream), Unsure> {
    // NUL is dropped or replaced by html5ever by where it stands; U+FEFF
    // (a second byte-order mark, from an include file) is dropped at the
    // start and after every `</script>` and charset `<meta>`.
    if memchr::memchr(0, src.as_bytes()).is_some()
        || memchr::memmem::find(src.as_bytes(), "\u{feff}".as_bytes()).is_some()
    {
        return Err(Unsure);
    }
    let stream =
        Stream { text: String::with_capacity(src.len() / 2), map: OffsetMap::default(), cell_starts: Vec::new() };
    let mut b = Builder {
        tok: Tokenizer { src, pos: 0, stream, unsure: false, cdata: false },
        // About one node for every 40 bytes of a saved page.
        tree: Tree::with_capacity(src.len() / 40),
        stack: Vec::new(),
        formatting: Vec::new(),
        head: NONE,
        body: NONE,
        form: NONE,
        phase: Phase::BeforeHead,
        drop_newline: false,
        after_body: false,
        pass,
    };
    loop {
        let token = b.tok.next();
        if b.tok.unsure {
            return Err(Unsure);
        }
        if let Token::Eof = token {
            break;
        }
        b.process(token)?;
        if b.tok.unsure {
            return Err(Unsure);
        }
    }
    if b.body == NONE {
        b.open_body(Start::bare("body"));
    }
    Ok((b.tree, b.tok.stream))
}

impl<'s> Builder<'s> {
    fn current(&self) -> u32 {
        self.stack.last().copied().unwrap_or(0)
    }

    fn name(&self, id: u32) -> Tag {
        self.tree.name(id).unwrap_or_default()
    }

    fn current_is(&self, names: impl Names) -> bool {
        self.stack.last().is_some_and(|&id| self.name(id).in_names(names))
    }

    fn ws_prefix(&self, a: usize, b: usize) -> usize {
        a + self.tok.stream.text.as_bytes()[a..b].iter().take_while(|c| is_space(**c)).count()
    }

    /// Text before the head or body: its leading white space is dropped;
    /// the rest, if any, is handed on after `then` (which opens the element
    /// that takes it).
    fn past_space(&mut self, a: usize, b: usize, then: impl FnOnce(&mut Self)) -> Option<Token<'s>> {
        let a = self.ws_prefix(a, b);
        (a < b).then(|| {
            then(self);
            Token::Text(a, b)
        })
    }

    fn insert(&mut self, start: &Start) -> u32 {
        let parent = self.current();
        self.tree.append(parent, Kind::Element(start.element()))
    }

    fn push(&mut self, start: &Start) -> u32 {
        let id = self.insert(start);
        self.stack.push(id);
        if self.stack.len() > MAX_OPEN {
            self.tok.unsure = true;
        }
        id
    }

    /// A chrome element just opened (`id`, named `n`): its content passed
    /// over unread where [`Tokenizer::pass_chrome`] can, in the modes where
    /// its tags would all be read by the rules of "in body", and where no
    /// formatting element waits to be reopened by its text.
    fn pass_chrome(&mut self, id: u32, n: Tag) {
        if !self.pass || !self.tree.element(id).is_some_and(|e| e.chrome) || !n.is_one_of(CHROME_BOXES) {
            return;
        }
        if !matches!(self.mode(), Mode::Body | Mode::Cell) || self.tok.unsure {
            return;
        }
        let idle = self.formatting.last().is_none_or(|e| e.is_none_or(|(f, _)| self.stack.contains(&f)));
        if !idle {
            return;
        }
        let formatting = self.formatting.last().is_none_or(Option::is_none);
        // An item opened in the chrome looks for an open one of its kind
        // down the open elements, `id` first, to the nearest list.
        let open_item = |kind: &[&str]| {
            for &e in self.stack.iter().rev() {
                let t = self.name(e);
                if t.is_any(kind) {
                    return true;
                }
                if stops_item_search(t) {
                    return false;
                }
            }
            false
        };
        let around = Around {
            room: MAX_OPEN.saturating_sub(self.stack.len()),
            li: open_item(LI),
            dd: open_item(DD_DT),
            formatting,
            form: self.form != NONE,
            button: self.in_scope(&["button"]),
        };
        self.tok.pass_chrome(n, around);
    }

    /// A comment (it parts the text nodes on either side).
    fn comment(&mut self) {
        let parent = self.current();
        self.tree.append(parent, Kind::Other);
    }

    fn insert_text(&mut self, a: usize, b: usize) {
        if a >= b {
            return;
        }
        let parent = self.current();
        let last = self.tree.node(parent).last;
        if last != NONE
            && let Kind::Text(Text::Stream(ranges)) = &mut self.tree.nodes[last as usize].kind
        {
            ranges.push(a, b);
            return;
        }
        self.tree.append(parent, Kind::Text(Text::Stream(Ranges::one(a, b))));
    }

    /// A raw-text element: inserted, its content read, closed.
    fn raw(&mut self, start: &Start) {
        let id = self.insert(start);
        let name = start.name;
        let title = name.is("title");
        let shown = !name.is_any(&["script", "style", "textarea"]);
        let (a, b) = self.tok.raw(name, title || name.is("textarea"), shown);
        if a < b {
            self.tree.append(id, Kind::Text(Text::Stream(Ranges::one(a, b))));
        }
    }

    fn open_html(&mut self) {
        if self.stack.is_empty() {
            let id = self.tree.append(0, Kind::Element(Start::bare("html").element()));
            self.stack.push(id);
        }
    }

    fn open_head(&mut self, start: Start) {
        self.open_html();
        self.head = self.push(&start);
        self.phase = Phase::InHead;
    }

    fn open_body(&mut self, start: Start) {
        self.open_html();
        self.stack.truncate(1);
        self.body = self.push(&start);
        self.phase = Phase::Body;
    }

    fn process(&mut self, mut token: Token<'s>) -> R {
        loop {
            let again = match self.phase {
                Phase::BeforeHead => self.before_head(token)?,
                Phase::InHead => self.in_head(token)?,
                Phase::AfterHead => self.after_head(token)?,
                Phase::Body => self.dispatch(token)?,
            };
            match again {
                Some(t) => token = t,
                None => return Ok(()),
            }
        }
    }

    fn before_head(&mut self, token: Token<'s>) -> Result<Option<Token<'s>>, Unsure> {
        Ok(match token {
            Token::Text(a, b) => self.past_space(a, b, |me| me.open_head(Start::bare("head"))),
            Token::Start(s) if s.name.is("html") => {
                if self.stack.is_empty() {
                    let id = self.tree.append(0, Kind::Element(s.element()));
                    self.stack.push(id);
                }
                None
            }
            Token::Start(s) if s.name.is("head") => {
                self.open_head(s);
                None
            }
            Token::End(n) if !n.is_any(&["head", "body", "html", "br"]) => None,
            Token::Comment | Token::NoNode | Token::Eof => None,
            other => {
                self.open_head(Start::bare("head"));
                Some(other)
            }
        })
    }

    fn head_content(&mut self, s: &Start) -> Result<bool, Unsure> {
        let n = s.name;
        if n.is_one_of(HEAD_VOID) {
            self.insert(s);
        } else if n.is_any(&["title", "noscript", "noframes", "style", "script"]) {
            self.raw(s);
        } else if n.is("template") {
            return Err(Unsure);
        } else {
            return Ok(false);
        }
        Ok(true)
    }

    fn in_head(&mut self, token: Token<'s>) -> Result<Option<Token<'s>>, Unsure> {
        let leave = |me: &mut Self| {
            me.stack.retain(|&id| id != me.head);
            me.phase = Phase::AfterHead;
        };
        Ok(match token {
            Token::Text(a, b) => self.past_space(a, b, leave),
            Token::Start(s) if self.head_content(&s)? => None,
            Token::Start(s) if s.name.is_any(&["head", "html"]) => None,
            Token::End(n) if n.is("head") => {
                leave(self);
                None
            }
            Token::End(n) if !n.is_any(&["body", "html", "br"]) => None,
            Token::Comment | Token::NoNode | Token::Eof => None,
            other => {
                leave(self);
                Some(other)
            }
        })
    }

    fn after_head(&mut self, token: Token<'s>) -> Result<Option<Token<'s>>, Unsure> {
        Ok(match token {
            Token::Text(a, b) => self.past_space(a, b, |me| me.open_body(Start::bare("body"))),
            Token::Start(s) if s.name.is("body") => {
                self.open_body(s);
                None
            }
            Token::Start(s) if s.name.is_any(&["html", "head"]) => None,
            Token::Start(s) if s.name.is("frameset") => return Err(Unsure),
            Token::Start(s)
                if s.name.is_one_of(HEAD_VOID) || s.name.is_any(&["title", "noframes", "style", "script"]) =>
            {
                // Put into the head, as HTML does with late head elements.
                self.stack.push(self.head);
                self.head_content(&s)?;
                self.stack.pop();
                None
            }
            Token::End(n) if !n.is_any(&["body", "html", "br"]) => None,
            Token::Comment | Token::NoNode | Token::Eof => None,
            other => {
                self.open_body(Start::bare("body"));
                Some(other)
            }
        })
    }

    fn mode(&self) -> Mode {
        for &id in self.stack.iter().rev() {
            let n = self.name(id);
            let mode = match n.name() {
                b"select" => Mode::Select,
                b"td" | b"th" => Mode::Cell,
                b"tr" => Mode::Row,
                b"tbody" | b"thead" | b"tfoot" => Mode::TableBody,
                b"caption" => Mode::Caption,
                b"colgroup" => Mode::ColumnGroup,
                b"table" => Mode::Table,
                _ => continue,
            };
            return mode;
        }
        Mode::Body
    }

    fn dispatch(&mut self, token: Token<'s>) -> Result<Option<Token<'s>>, Unsure> {
        if self.after_body {
            match token {
                Token::Comment => {
                    let html = self.stack.first().copied().unwrap_or(0);
                    self.tree.append(html, Kind::Other);
                    return Ok(None);
                }
                Token::NoNode => return Ok(None),
                Token::Text(a, b) if self.ws_prefix(a, b) == b => {}
                Token::End(n) if n.is("html") => return Ok(None),
                Token::Start(s) if s.name.is("html") => return Ok(None),
                _ => self.after_body = false,
            }
        }
        let newline = std::mem::take(&mut self.drop_newline);
        let token = match token {
            Token::Text(a, b) if newline && self.tok.stream.text.as_bytes().get(a) == Some(&b'\n') => {
                Token::Text(a + 1, b)
            }
            t => t,
        };
        match self.mode() {
            Mode::Body => self.in_body(token).map(|()| None),
            Mode::Table => self.in_table(token).map(|()| None),
            Mode::TableBody => self.in_table_body(token),
            Mode::Row => self.in_row(token),
            Mode::Cell => self.in_cell(token),
            Mode::Caption => self.in_caption(token),
            Mode::ColumnGroup => self.in_column_group(token),
            Mode::Select => self.in_select(token),
        }
    }

    // Scopes, implied end tags, the list of formatting elements.

    fn in_scope_where(&self, is_target: impl Fn(u32) -> bool, boundary: impl Fn(Tag) -> bool) -> bool {
        for &id in self.stack.iter().rev() {
            if is_target(id) {
                return true;
            }
            if boundary(self.name(id)) {
                return false;
            }
        }
        false
    }

    fn in_scope(&self, names: impl Names) -> bool {
        self.in_scope_where(|id| self.name(id).in_names(names), |n| n.is_one_of(SCOPE))
    }

    fn in_button_scope(&self, name: &str) -> bool {
        self.in_scope_where(|id| self.name(id).is(name), |n| n.is_one_of(SCOPE) || n.is("button"))
    }

    fn in_list_scope(&self, name: &str) -> bool {
        self.in_scope_where(|id| self.name(id).is(name), |n| n.is_one_of(SCOPE) || n.is_any(&["ol", "ul"]))
    }

    fn in_table_scope(&self, names: impl Names) -> bool {
        self.in_scope_where(|id| self.name(id).in_names(names), |n| n.is_any(&["html", "table", "template"]))
    }

    fn implied_end_tags(&mut self, except: &str) {
        while self.current_is(IMPLIED_END) && !self.current_is(&[except]) {
            self.stack.pop();
        }
    }

    /// Pops until an element of one of `names` has been popped.
    fn pop_until(&mut self, names: impl Names) {
        while let Some(id) = self.stack.pop() {
            if self.name(id).in_names(names) {
                return;
            }
        }
    }

    fn close_p(&mut self) {
        if self.in_button_scope("p") {
            self.implied_end_tags("p");
            self.pop_until(&["p"]);
        }
    }

    fn clear_to_marker(&mut self) {
        while let Some(entry) = self.formatting.pop() {
            if entry.is_none() {
                return;
            }
        }
    }

    fn reconstruct(&mut self) {
        let on_stack = |me: &Self, e: &Option<(u32, u64)>| e.is_none_or(|(id, _)| me.stack.contains(&id));
        let Some(last) = self.formatting.last() else { return };
        if on_stack(self, last) {
            return;
        }
        let mut from = self.formatting.len() - 1;
        while from > 0 && !on_stack(self, &self.formatting[from - 1]) {
            from -= 1;
        }
        for k in from..self.formatting.len() {
            let Some((id, hash)) = self.formatting[k] else { continue };
            let Some(element) = self.tree.element(id).cloned() else { continue };
            let parent = self.current();
            let copy = self.tree.append(parent, Kind::Element(element));
            self.stack.push(copy);
            if self.stack.len() > MAX_OPEN {
                self.tok.unsure = true;
            }
            self.formatting[k] = Some((copy, hash));
        }
    }

    fn push_formatting(&mut self, id: u32, hash: u64) {
        let name = self.name(id);
        let after_marker = self.formatting.iter().rposition(Option::is_none).map_or(0, |m| m + 1);
        let same: Vec<usize> = (after_marker..self.formatting.len())
            .filter(|&k| self.formatting[k].is_some_and(|(e, h)| h == hash && self.name(e) == name))
            .collect();
        if same.len() >= 3 {
            self.formatting.remove(same[0]);
        }
        self.formatting.push(Some((id, hash)));
    }

    // The rules of "in body".

    fn in_body(&mut self, token: Token<'s>) -> R {
        match token {
            Token::Text(a, b) => {
                if a < b {
                    self.reconstruct();
                    self.insert_text(a, b);
                }
                Ok(())
            }
            Token::Start(s) => self.body_start(s),
            Token::End(n) => self.body_end(n),
            Token::Comment => {
                self.comment();
                Ok(())
            }
            Token::NoNode | Token::Eof => Ok(()),
        }
    }

    fn body_start(&mut self, s: Start<'s>) -> R {
        let n = s.name;
        let name = n.as_str();
        if self.head_content(&s)? {
            return Ok(());
        }
        match name {
            "html" | "body" | "caption" | "col" | "colgroup" | "frame" | "head" | "tbody" | "td" | "tfoot" | "th"
            | "thead" | "tr" => {}
            "frameset" | "plaintext" | "image" | "template" => return Err(Unsure),
            _ if n.is_one_of(CLOSES_P) => {
                self.close_p();
                let id = self.push(&s);
                self.pass_chrome(id, n);
            }
            _ if n.is_one_of(HEADINGS) => {
                self.close_p();
                if self.current_is(HEADINGS) {
                    return Err(Unsure);
                }
                self.push(&s);
            }
            "pre" | "listing" => {
                self.close_p();
                self.push(&s);
                self.drop_newline = true;
            }
            "form" => {
                if self.form == NONE {
                    self.close_p();
                    self.form = self.push(&s);
                }
            }
            "li" | "dd" | "dt" => {
                let closes: &[&str] = if name == "li" { &["li"] } else { &["dd", "dt"] };
                for k in (0..self.stack.len()).rev() {
                    let here = self.name(self.stack[k]);
                    if here.is_any(closes) {
                        self.implied_end_tags(here.as_str());
                        self.pop_until(&[here.as_str()]);
                        break;
                    }
                    if stops_item_search(here) {
                        break;
                    }
                }
                self.close_p();
                self.push(&s);
            }
            "button" | "nobr" if self.in_scope(&[name]) => return Err(Unsure),
            "a" => {
                // An `<a>` still in the list of formatting elements (`<a
                // name=x/>` is not closed by its slash) is closed first, by
                // HTML's adoption agency, and leaves the list and the stack.
                let after_marker = self.formatting.iter().rposition(Option::is_none).map_or(0, |m| m + 1);
                let open_a = (after_marker..self.formatting.len())
                    .find_map(|k| self.formatting[k].filter(|(e, _)| self.name(*e).is("a")));
                if let Some((e, _)) = open_a {
                    self.adoption(n)?;
                    self.formatting.retain(|x| x.is_none_or(|(id, _)| id != e));
                    self.stack.retain(|&id| id != e);
                }
                self.reconstruct();
                let id = self.push(&s);
                self.push_formatting(id, s.hash);
            }
            _ if n.is_one_of(FORMATTING) || name == "nobr" => {
                self.reconstruct();
                let id = self.push(&s);
                self.push_formatting(id, s.hash);
            }
            "applet" | "marquee" | "object" => {
                self.reconstruct();
                self.push(&s);
                self.formatting.push(None);
            }
            "table" => {
                // Whether a `<table>` closes an open `<p>` depends on the
                // doctype's quirks: left to html5ever.
                if self.in_button_scope("p") {
                    return Err(Unsure);
                }
                self.push(&s);
            }
            "hr" => {
                self.close_p();
                self.insert(&s);
            }
            _ if n.is_one_of(VOID) => {
                if !n.is_any(&["param", "source", "track"]) {
                    self.reconstruct();
                }
                self.insert(&s);
            }
            "textarea" => self.raw(&s),
            "xmp" => {
                self.close_p();
                self.reconstruct();
                self.raw(&s);
            }
            _ if n.is_one_of(RAW) => self.raw(&s),
            "select" => {
                self.reconstruct();
                self.push(&s);
            }
            "optgroup" | "option" => {
                if self.current_is(&["option"]) {
                    self.stack.pop();
                }
                self.reconstruct();
                self.push(&s);
            }
            "rb" | "rtc" | "rp" | "rt" if self.in_scope(&["ruby"]) => return Err(Unsure),
            "rb" | "rtc" | "rp" | "rt" => {
                self.push(&s);
            }
            "svg" | "math" => {
                self.reconstruct();
                self.foreign(&s)?;
            }
            _ => {
                self.reconstruct();
                self.push(&s);
            }
        }
        Ok(())
    }

    /// An `<svg>` or `<math>` subtree, as long as it stays foreign.
    fn foreign(&mut self, root: &Start) -> R {
        let top = self.push(root);
        if root.self_closing {
            self.stack.pop();
            return Ok(());
        }
        let depth = self.stack.len();
        loop {
            match self.tok.next() {
                Token::Start(s) if s.name.is_one_of(BREAKOUT) => return Err(Unsure),
                Token::Start(s) => {
                    self.push(&s);
                    if s.self_closing {
                        self.stack.pop();
                    }
                }
                Token::End(n) => {
                    if self.stack.len() >= depth && self.name(self.current()) == n {
                        let closed = self.stack.pop();
                        if closed == Some(top) {
                            return Ok(());
                        }
                    } else {
                        return Err(Unsure);
                    }
                }
                Token::Text(a, b) => self.insert_text(a, b),
                Token::Comment if self.tok.cdata => return Err(Unsure),
                Token::Comment => self.comment(),
                Token::NoNode => {}
                Token::Eof => return Ok(()),
            }
            if self.tok.unsure {
                return Err(Unsure);
            }
        }
    }

    fn body_end(&mut self, n: Tag) -> R {
        let name = n.as_str();
        match name {
            "template" => return Err(Unsure),
            "body" | "html" => self.after_body = self.in_scope(&["body"]),
            _ if is_block_end(n) => {
                if self.in_scope(&[name]) {
                    self.implied_end_tags("");
                    self.pop_until(&[name]);
                }
            }
            "form" => {
                let node = std::mem::replace(&mut self.form, NONE);
                if node != NONE && self.in_scope_where(|id| id == node, |t| t.is_one_of(SCOPE)) {
                    self.implied_end_tags("");
                    self.stack.retain(|&id| id != node);
                }
            }
            "p" => {
                if !self.in_button_scope("p") {
                    self.push(&Start::bare("p"));
                }
                self.implied_end_tags("p");
                self.pop_until(&["p"]);
            }
            "li" => {
                if self.in_list_scope("li") {
                    self.implied_end_tags("li");
                    self.pop_until(&["li"]);
                }
            }
            "dd" | "dt" => {
                if self.in_scope(&[name]) {
                    self.implied_end_tags(name);
                    self.pop_until(&[name]);
                }
            }
            _ if n.is_one_of(HEADINGS) => {
                if self.in_scope(HEADINGS) {
                    self.implied_end_tags("");
                    self.pop_until(HEADINGS);
                }
            }
            "a" | "nobr" => self.adoption(n)?,
            _ if n.is_one_of(FORMATTING) => self.adoption(n)?,
            "applet" | "marquee" | "object" => {
                if self.in_scope(&[name]) {
                    self.implied_end_tags("");
                    self.pop_until(&[name]);
                    self.clear_to_marker();
                }
            }
            "br" => {
                self.reconstruct();
                self.insert(&Start::bare("br"));
            }
            _ => self.other_end(n),
        }
        Ok(())
    }

    fn other_end(&mut self, n: Tag) {
        for k in (0..self.stack.len()).rev() {
            let here = self.name(self.stack[k]);
            if here == n {
                self.implied_end_tags(n.as_str());
                self.stack.truncate(k.min(self.stack.len()));
                return;
            }
            if here.is_one_of(SPECIAL) {
                return;
            }
        }
    }

    /// The end tag of a formatting element, where no block was opened inside
    /// it (HTML's adoption agency with nothing to adopt).
    fn adoption(&mut self, n: Tag) -> R {
        let current = self.current();
        if self.name(current) == n && !self.formatting.iter().flatten().any(|(e, _)| *e == current) {
            self.stack.pop();
            return Ok(());
        }
        let after_marker = self.formatting.iter().rposition(Option::is_none).map_or(0, |m| m + 1);
        let Some(at) = (after_marker..self.formatting.len())
            .rev()
            .find(|&k| self.formatting[k].is_some_and(|(e, _)| self.name(e) == n))
        else {
            self.other_end(n);
            return Ok(());
        };
        let Some((element, _)) = self.formatting[at] else { return Ok(()) };
        let Some(pos) = self.stack.iter().position(|&e| e == element) else {
            self.formatting.remove(at);
            return Ok(());
        };
        if !self.in_scope_where(|id| id == element, |t| t.is_one_of(SCOPE)) {
            return Ok(());
        }
        if self.stack[pos + 1..].iter().any(|&e| self.name(e).is_one_of(SPECIAL)) {
            return Err(Unsure);
        }
        self.stack.truncate(pos);
        self.formatting.remove(at);
        Ok(())
    }

    // The rules of tables.

    fn clear_to(&mut self, names: impl Names) {
        while !self.current_is(names) && !self.current_is(&["html", "template"]) && self.stack.len() > 1 {
            self.stack.pop();
        }
    }

    fn in_table(&mut self, token: Token<'s>) -> R {
        match token {
            Token::Text(a, b) => {
                if self.ws_prefix(a, b) < b {
                    return Err(Unsure);
                }
                self.insert_text(a, b);
            }
            Token::Comment => self.comment(),
            Token::NoNode | Token::Eof => {}
            Token::Start(s) => match s.name.as_str() {
                "caption" => {
                    self.clear_to(&["table"]);
                    self.formatting.push(None);
                    self.push(&s);
                }
                "colgroup" | "tbody" | "tfoot" | "thead" => {
                    self.clear_to(&["table"]);
                    self.push(&s);
                }
                "col" => {
                    self.clear_to(&["table"]);
                    self.push(&Start::bare("colgroup"));
                    self.insert(&s);
                }
                "td" | "th" | "tr" => {
                    self.clear_to(&["table"]);
                    self.push(&Start::bare("tbody"));
                    return self.process(Token::Start(s));
                }
                "style" | "script" => self.raw(&s),
                "input" if s.kind.is_some_and(|k| k.eq_ignore_ascii_case("hidden")) => {
                    self.insert(&s);
                }
                "form" if self.form != NONE => {}
                "form" => self.form = self.insert(&s),
                _ => return Err(Unsure),
            },
            Token::End(n) => match n.as_str() {
                "table" => {
                    if self.in_table_scope(&["table"]) {
                        self.pop_until(&["table"]);
                    }
                }
                "body" | "caption" | "col" | "colgroup" | "html" | "tbody" | "td" | "tfoot" | "th" | "thead" | "tr" => {
                }
                "p" | "br" | "template" => return Err(Unsure),
                _ => self.body_end(n)?,
            },
        }
        Ok(())
    }

    fn in_table_body(&mut self, token: Token<'s>) -> Result<Option<Token<'s>>, Unsure> {
        const SECTIONS: &[&str] = &["tbody", "thead", "tfoot"];
        match token {
            Token::Start(s) if s.name.is("tr") => {
                self.clear_to(SECTIONS);
                self.push(&s);
            }
            Token::Start(s) if s.name.is_any(&["td", "th"]) => {
                self.clear_to(SECTIONS);
                self.push(&Start::bare("tr"));
                return Ok(Some(token));
            }
            Token::Start(s) if s.name.is_any(&["caption", "col", "colgroup", "tbody", "tfoot", "thead"]) => {
                return Ok(self.leave_section(token));
            }
            Token::End(n) if n.is("table") => return Ok(self.leave_section(token)),
            Token::End(n) if n.is_any(SECTIONS) => {
                if self.in_table_scope(&[n.as_str()]) {
                    self.clear_to(SECTIONS);
                    self.stack.pop();
                }
            }
            Token::End(n) if n.is_any(&["body", "caption", "col", "colgroup", "html", "td", "th", "tr"]) => {}
            other => self.in_table(other)?,
        }
        Ok(None)
    }

    fn leave_section(&mut self, token: Token<'s>) -> Option<Token<'s>> {
        if !self.in_table_scope(&["tbody", "thead", "tfoot"]) {
            return None;
        }
        self.clear_to(&["tbody", "thead", "tfoot"]);
        self.stack.pop();
        Some(token)
    }

    fn in_row(&mut self, token: Token<'s>) -> Result<Option<Token<'s>>, Unsure> {
        let leave = |me: &mut Self| {
            me.clear_to(&["tr"]);
            me.stack.pop();
        };
        match token {
            Token::Start(s) if s.name.is_any(&["td", "th"]) => {
                self.clear_to(&["tr"]);
                self.push(&s);
                self.formatting.push(None);
            }
            Token::End(n) if n.is("tr") => {
                if self.in_table_scope(&["tr"]) {
                    leave(self);
                }
            }
            Token::Start(s) if s.name.is_any(&["caption", "col", "colgroup", "tbody", "tfoot", "thead", "tr"]) => {
                if self.in_table_scope(&["tr"]) {
                    leave(self);
                    return Ok(Some(token));
                }
            }
            Token::End(n) if n.is("table") => {
                if self.in_table_scope(&["tr"]) {
                    leave(self);
                    return Ok(Some(token));
                }
            }
            Token::End(n) if n.is_any(&["tbody", "tfoot", "thead"]) => {
                if self.in_table_scope(&[n.as_str()]) && self.in_table_scope(&["tr"]) {
                    leave(self);
                    return Ok(Some(token));
                }
            }
            Token::End(n) if n.is_any(&["body", "caption", "col", "colgroup", "html", "td", "th"]) => {}
            other => self.in_table(other)?,
        }
        Ok(None)
    }

    fn close_cell(&mut self) {
        self.implied_end_tags("");
        self.pop_until(&["td", "th"]);
        self.clear_to_marker();
    }

    fn in_cell(&mut self, token: Token<'s>) -> Result<Option<Token<'s>>, Unsure> {
        match token {
            Token::End(n) if n.is_any(&["td", "th"]) => {
                if self.in_table_scope(&[n.as_str()]) {
                    self.implied_end_tags("");
                    self.pop_until(&[n.as_str()]);
                    self.clear_to_marker();
                }
            }
            Token::Start(s)
                if s.name.is_any(&["caption", "col", "colgroup", "tbody", "td", "tfoot", "th", "thead", "tr"]) =>
            {
                if self.in_table_scope(&["td", "th"]) {
                    self.close_cell();
                    return Ok(Some(token));
                }
            }
            Token::End(n) if n.is_any(&["body", "caption", "col", "colgroup", "html"]) => {}
            Token::End(n) if n.is_any(&["table", "tbody", "tfoot", "thead", "tr"]) => {
                if self.in_table_scope(&[n.as_str()]) {
                    self.close_cell();
                    return Ok(Some(token));
                }
            }
            other => self.in_body(other)?,
        }
        Ok(None)
    }

    fn in_caption(&mut self, token: Token<'s>) -> Result<Option<Token<'s>>, Unsure> {
        let close = |me: &mut Self| {
            me.implied_end_tags("");
            me.pop_until(&["caption"]);
            me.clear_to_marker();
        };
        match token {
            Token::End(n) if n.is("caption") => {
                if self.in_table_scope(&["caption"]) {
                    close(self);
                }
            }
            Token::Start(s)
                if s.name.is_any(&["caption", "col", "colgroup", "tbody", "td", "tfoot", "th", "thead", "tr"]) =>
            {
                if self.in_table_scope(&["caption"]) {
                    close(self);
                    return Ok(Some(token));
                }
            }
            Token::End(n) if n.is("table") => {
                if self.in_table_scope(&["caption"]) {
                    close(self);
                    return Ok(Some(token));
                }
            }
            Token::End(n)
                if n.is_any(&["body", "col", "colgroup", "html", "tbody", "td", "tfoot", "th", "thead", "tr"]) => {}
            other => self.in_body(other)?,
        }
        Ok(None)
    }

    fn in_column_group(&mut self, token: Token<'s>) -> Result<Option<Token<'s>>, Unsure> {
        match token {
            Token::Text(a, b) if self.ws_prefix(a, b) == b => self.insert_text(a, b),
            Token::Comment => self.comment(),
            Token::NoNode | Token::Eof => {}
            Token::Start(s) if s.name.is("col") => {
                self.insert(&s);
            }
            Token::End(n) if n.is("colgroup") => {
                if self.current_is(&["colgroup"]) {
                    self.stack.pop();
                }
            }
            Token::End(n) if n.is("col") => {}
            Token::Start(s) if s.name.is("template") => return Err(Unsure),
            Token::End(n) if n.is("template") => return Err(Unsure),
            other => {
                if !self.current_is(&["colgroup"]) {
                    return Err(Unsure);
                }
                self.stack.pop();
                return Ok(Some(other));
            }
        }
        Ok(None)
    }

    fn in_select(&mut self, token: Token<'s>) -> Result<Option<Token<'s>>, Unsure> {
        let in_select_scope =
            |me: &Self| me.in_scope_where(|id| me.name(id).is("select"), |t| !t.is_any(&["optgroup", "option"]));
        match token {
            Token::Text(a, b) => self.insert_text(a, b),
            Token::Comment => self.comment(),
            Token::NoNode | Token::Eof => {}
            Token::Start(s) if s.name.is("option") => {
                if self.current_is(&["option"]) {
                    self.stack.pop();
                }
                self.push(&s);
            }
            Token::Start(s) if s.name.is("optgroup") => {
                if self.current_is(&["option"]) {
                    self.stack.pop();
                }
                if self.current_is(&["optgroup"]) {
                    self.stack.pop();
                }
                self.push(&s);
            }
            Token::End(n) if n.is("optgroup") => {
                let below = self.stack.len().checked_sub(2).map(|k| self.name(self.stack[k]));
                if self.current_is(&["option"]) && below.is_some_and(|b| b.is("optgroup")) {
                    self.stack.pop();
                }
                if self.current_is(&["optgroup"]) {
                    self.stack.pop();
                }
            }
            Token::End(n) if n.is("option") => {
                if self.current_is(&["option"]) {
                    self.stack.pop();
                }
            }
            Token::End(n) if n.is("select") => {
                if in_select_scope(self) {
                    self.pop_until(&["select"]);
                }
            }
            // What else ends a `<select>` changed with HTML's "customizable
            // select": left to html5ever.
            Token::Start(s) if s.name.is_any(&["script", "style"]) => self.raw(&s),
            _ => return Err(Unsure),
        }
        Ok(None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The attributes' hash of the first tag of `page`.
    fn hash_of(page: &str) -> u64 {
        let stream = Stream { text: String::new(), map: OffsetMap::default(), cell_starts: Vec::new() };
        let mut tok = Tokenizer { src: page, pos: 0, stream, unsure: false, cdata: false };
        match tok.next() {
            Token::Start(s) => s.hash,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn formatting_elements_compare_their_attributes_in_any_order_the_first_of_a_name_counting() {
        // More attributes than are kept in place, one name written twice.
        let many = "<b a=1 b=2 c=3 d=4 e=5 f=6 g=7 h=8 i=9 j=10 a=11>";
        let reordered = "<b J=10 i=9 h=8 g=7 f=6 e=5 d=4 c=3 b=2 A=1 j=12>";
        assert_eq!(hash_of(many), hash_of(reordered));
        // The later value of a name does not count; the first does.
        assert_ne!(hash_of(many), hash_of("<b a=11 b=2 c=3 d=4 e=5 f=6 g=7 h=8 i=9 j=10 a=1>"));
        assert_ne!(hash_of(many), hash_of("<b a=1 b=2 c=3 d=4 e=5 f=6 g=7 h=8 i=9 j=11>"));
        // A name past the eighth, written twice, counts once.
        assert_eq!(
            hash_of("<b a=1 b=2 c=3 d=4 e=5 f=6 g=7 h=8 i=9 i=0>"),
            hash_of("<b a=1 b=2 c=3 d=4 e=5 f=6 g=7 h=8 i=9>")
        );
        // Elements that are not compared by attributes are not hashed.
        assert_eq!(hash_of("<p class=x>"), 0);
    }

    /// Chrome passed over unread reads as chrome built, in random
    /// surroundings with random content: the mistakes pages make, the tags
    /// that close, reopen or drop others, and what makes the reader unsure.
    /// The page is the same (text, offsets, and whether html5ever reads it),
    /// and the content is passed over often enough to be tested.
    #[test]
    fn chrome_passed_over_reads_as_chrome_built() {
        const BEFORE: &[&str] = &[
            "<p>",
            "<li>",
            "<ul><li>",
            "<dl><dd>",
            "<dt>",
            "<b>",
            "<a href=x>",
            "<p><b>x</p>",
            "<table><tr><td>",
            "<form>",
            "<button>",
            "<font class=\"menu\">",
            "<div>",
            "<h2>",
            "正文",
            "<b><i>",
            "<td>",
            "<select>",
            "<table><caption>",
            "<pre>",
            "<address>",
            "<p><span>",
            "<object>",
            "<marquee>",
            "<p><button>",
            "<![CDATA[x]]>",
            "<?x>",
            "<div class=\"menu\"><p>",
        ];
        const CHROME: &[&str] = &[
            "<div class=\"nav\">",
            "<ul id=\"menu\">",
            "<nav>",
            "<footer>",
            "<header class=top>",
            "<div class=\"foot copyright\">",
            "<section class=\"share\">",
            "<ol class=crumb>",
            "<dl class=\"sidebar\">",
            "<aside class=\"banner\">",
        ];
        // What menus hold (closed in order below), and the rest, rarer.
        const COMMON: &[(&str, &str)] = &[
            ("<li>", "</li>"),
            ("<a href=\"/x\">", "</a>"),
            ("<ul>", "</ul>"),
            ("<p>", "</p>"),
            ("<div>", "</div>"),
            ("<span>", "</span>"),
            ("<b>", "</b>"),
            ("<dl><dt>", "</dt></dl>"),
            ("<h3>", "</h3>"),
            ("<form>", "</form>"),
            ("<select><option>", "</option></select>"),
            ("<button>", "</button>"),
            ("<font color=red>", "</font>"),
            ("<label>", "</label>"),
            ("<ol>", "</ol>"),
            // A paragraph closed by the next block, as footers write them.
            ("<p>甲<p>乙", "</p>"),
            ("<p>丙<div>", "</div>"),
            ("<p>丁<ul><li>", "</li></ul>"),
            ("<p><span>戊<h4>", "</h4>"),
        ];
        const RARE: &[&str] = &[
            "<li>",
            "</li>",
            "</a>",
            "<p>",
            "</p>",
            "</div>",
            "<h4>",
            "<input>",
            "<option>",
            "<optgroup>",
            "</optgroup>",
            "<script>x='</div>'</script>",
            "<script><!--<script></script>",
            "<style>a{}</style>",
            "<iframe src=x></iframe>",
            "<!-- c -->",
            "<!x>",
            "</>",
            "</ x>",
            "&nbsp;",
            "&bogus;",
            "&#128;",
            "&amp",
            "<br>",
            "</br>",
            "<hr>",
            "<img src=x>",
            "<dd>",
            "<dt>",
            "</dd>",
            "<dl>",
            "<table>",
            "<td>",
            "菜单",
            "12",
            " ",
            "<a class=\"nav\" href=y>",
            "<![CDATA[x]]>",
            "<?x>",
            "<!x>",
            "<ul class=\"menu\">",
            "<div id=\"footer\">",
            "<div class=\"a&b\">",
            "<p class='x",
            "<title>t</title>",
            "<textarea>x</textarea>",
            "<svg>",
            "<li class=\"nav\">",
            "<em>",
            "<nav>",
            "</nav>",
            "<center>",
            "<footer>",
            "</footer>",
            "<DIV>",
            "</DIV>",
            "<a href='x>y'>",
            "<div/>",
            "<noscript>n</noscript>",
            "</span>",
            "<xmp>",
            "<pre>",
            "<select>",
            "<b>",
            "<a href=z>",
        ];
        let mut seed: u64 =
            std::env::var("OGILINT_SOUP_SEED").ok().and_then(|v| v.parse().ok()).unwrap_or(0x2545_f491_4f6c_dd1d);
        let mut next = move |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        let (mut passed, mut unsure, mut failures) = (0, 0, Vec::new());
        let iterations: usize = std::env::var("OGILINT_SOUP").ok().and_then(|v| v.parse().ok()).unwrap_or(20_000);
        for _ in 0..iterations {
            let mut page = String::from(["", "<title>报告_网站</title>"][next(2)]);
            for _ in 0..next(4) {
                page.push_str(BEFORE[next(BEFORE.len())]);
            }
            let chrome = CHROME[next(CHROME.len())];
            page.push_str(chrome);
            // Content closed in order, as menus are, with a rare mistake.
            let mut open: Vec<&str> = Vec::new();
            for _ in 0..next(24) {
                match next(20) {
                    0 => page.push_str(RARE[next(RARE.len())]),
                    1..=8 => {
                        if let Some(end) = open.pop() {
                            page.push_str(end);
                        }
                    }
                    9..=11 => page.push_str(["栏目", "首页", "12", "&nbsp;", "<br>", "<img src=a.png>"][next(6)]),
                    _ => {
                        let (start, end) = COMMON[next(COMMON.len())];
                        page.push_str(start);
                        open.push(end);
                    }
                }
            }
            while let Some(end) = open.pop() {
                page.push_str(end);
            }
            if next(8) > 0 {
                let name = &chrome[1..chrome.find([' ', '>']).unwrap_or(chrome.len() - 1)];
                page.push_str(&format!("</{name}>"));
            }
            for _ in 0..next(4) {
                const AFTER: [&str; 11] = [
                    "<p>总计 12</p>",
                    "</b>",
                    "</a>",
                    "</li>",
                    "文字",
                    "<li>项",
                    "</p>",
                    "</td>",
                    "<svg><!--c--></svg>",
                    "<math><!--c--><mi>x</mi></math>",
                    "</object>",
                ];
                page.push_str(AFTER[next(AFTER.len())]);
            }
            let (fast, fast_nodes) = super::super::compare::read_both_ways(&page, true);
            let (slow, slow_nodes) = super::super::compare::read_both_ways(&page, false);
            if fast != slow {
                if failures.len() < 5 {
                    failures.push(format!("{page:?}\n  passed {fast:?}\n  built  {slow:?}"));
                }
            } else if fast.is_none() {
                unsure += 1;
            } else if fast_nodes < slow_nodes {
                passed += 1;
            }
        }
        eprintln!("chrome: passed over {passed} times, {unsure} pages left to html5ever");
        assert!(failures.is_empty(), "{}", failures.join("\n"));
        assert!(passed > iterations / 5, "passed over only {passed} times");
    }
}
