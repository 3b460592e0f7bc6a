//! The page as the renderer reads it: a small tree of elements and text, made
//! either by the streaming reader (`build.rs`, text as ranges of the decoded
//! stream) or from html5ever's tree when that reader is unsure (text as
//! strings, found in the stream afterwards).

use ego_tree::NodeRef;
use scraper::Node as Html5Node;

/// No node.
pub(super) const NONE: u32 = u32::MAX;

/// A tag name as the renderer compares it: lowercased, in 15 bytes. A longer
/// name (a custom element, `mdbook-sidebar-scrollbox`) keeps its first 11
/// bytes and a hash of the whole: it equals only the same name, and never a
/// name the readers know (all shorter).
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub(super) struct Tag {
    bytes: [u8; 15],
    len: u8,
}

impl Tag {
    pub(super) fn new(name: &[u8]) -> Tag {
        let mut t = Tag::default();
        for (o, b) in t.bytes.iter_mut().zip(name) {
            *o = b.to_ascii_lowercase();
        }
        if name.len() > 15 {
            let hash = name
                .iter()
                .fold(0x811c_9dc5_u32, |h, b| (h ^ u32::from(b.to_ascii_lowercase())).wrapping_mul(0x0100_0193));
            t.bytes[11..].copy_from_slice(&hash.to_le_bytes());
        }
        t.len = name.len().min(15) as u8;
        t
    }

    pub(super) fn as_str(&self) -> &str {
        std::str::from_utf8(self.name()).unwrap_or("")
    }

    pub(super) fn name(&self) -> &[u8] {
        &self.bytes[..usize::from(self.len)]
    }

    /// Whether this is `name` (a lowercase name): bytes compared, no
    /// UTF-8 check (tags are compared for every token of every page).
    #[inline]
    pub(super) fn is(&self, name: &str) -> bool {
        self.name() == name.as_bytes()
    }

    pub(super) fn is_any(&self, names: &[&str]) -> bool {
        let own = self.name();
        names.iter().any(|n| n.as_bytes().first() == own.first() && n.as_bytes() == own)
    }

    /// A tag of a lowercase name of at most 15 bytes, made at compile time
    /// for the sets of tags the tree builder and the renderer test.
    pub(super) const fn named(name: &str) -> Tag {
        let b = name.as_bytes();
        assert!(b.len() <= 15, "a known tag name fits a Tag");
        let mut bytes = [0u8; 15];
        let mut i = 0;
        while i < b.len() {
            bytes[i] = b[i];
            i += 1;
        }
        Tag { bytes, len: b.len() as u8 }
    }

    /// Whether this is one of `tags`.
    #[inline]
    pub(super) fn is_one_of(&self, tags: &[Tag]) -> bool {
        // The length and first byte settle most comparisons without a call.
        tags.iter().any(|t| t.len == self.len && t.bytes[0] == self.bytes[0] && t.bytes == self.bytes)
    }

    /// Whether this is one of `names` (a list of names or of tags).
    #[inline]
    pub(super) fn in_names(&self, names: impl Names) -> bool {
        names.has(self)
    }
}

/// The tags of `names`, at compile time.
pub(super) const fn tags<const N: usize>(names: [&str; N]) -> [Tag; N] {
    let mut out = [Tag { bytes: [0; 15], len: 0 }; N];
    let mut i = 0;
    while i < N {
        out[i] = Tag::named(names[i]);
        i += 1;
    }
    out
}

/// Tag names given as strings or as tags.
pub(super) trait Names: Copy {
    fn has(self, tag: &Tag) -> bool;
}

impl Names for &[&str] {
    fn has(self, tag: &Tag) -> bool {
        tag.is_any(self)
    }
}

impl<const N: usize> Names for &[&str; N] {
    fn has(self, tag: &Tag) -> bool {
        tag.is_any(self)
    }
}

impl Names for &[Tag] {
    fn has(self, tag: &Tag) -> bool {
        tag.is_one_of(self)
    }
}

/// What the renderer needs of an element.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Element {
    pub name: Tag,
    /// Site chrome (navigation, header, footer, scripts, forms' controls),
    /// by its name or the words of its `class` and `id`.
    pub chrome: bool,
    /// A block: on lines of its own.
    pub block: bool,
    pub colspan: usize,
    pub rowspan: usize,
    /// For a table cell: where its content begins in the page.
    pub content_at: Option<usize>,
}

/// Elements rendered on lines of their own.
const BLOCKS: &[Tag] = &tags([
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "form",
    "fieldset",
    "address",
    "center",
    "table",
    "tr",
    "hr",
    "caption",
    "body",
    "html",
]);

/// Elements whose content is never shown as the report's text.
const SKIPPED: &[Tag] = &tags([
    "script", "style", "noscript", "iframe", "template", "svg", "head", "select", "option", "button", "object",
    "embed", "canvas", "map", "textarea", "input", "nav", "header", "footer",
]);
/// Words in class or id names of site chrome.
const CHROME: &[&str] = &[
    "header",
    "footer",
    "menu",
    "nav",
    "search",
    "banner",
    "breadcrumb",
    "crumb",
    "sidebar",
    "share",
    "copyright",
    "toolbar",
    "weather",
    "logo",
];
/// For each byte, the words of [`CHROME`] that start with it (either case),
/// as bits: a class name's letters are tried only against those words.
const CHROME_BY_FIRST: [u16; 256] = {
    assert!(CHROME.len() <= 16, "one bit per word");
    let mut table = [0u16; 256];
    let mut k = 0;
    while k < CHROME.len() {
        let first = CHROME[k].as_bytes()[0];
        table[first as usize] |= 1 << k;
        table[first.to_ascii_uppercase() as usize] |= 1 << k;
        k += 1;
    }
    table
};

impl Element {
    /// An element from its name and the attributes the renderer reads.
    pub(super) fn new(name: Tag, class: &str, id: &str, colspan: Option<&str>, rowspan: Option<&str>) -> Element {
        // Each place whose letter starts a word is tried with those words.
        let words = |s: &str| {
            let s = s.as_bytes();
            (0..s.len()).any(|i| {
                let mut starting = CHROME_BY_FIRST[usize::from(s[i])];
                while starting != 0 {
                    let w = CHROME[starting.trailing_zeros() as usize].as_bytes();
                    starting &= starting - 1;
                    if s.get(i..i + w.len()).is_some_and(|part| part.eq_ignore_ascii_case(w)) {
                        return true;
                    }
                }
                false
            })
        };
        let span = |v: Option<&str>| v.and_then(|v| v.trim().parse::<usize>().ok()).unwrap_or(1).clamp(1, 200);
        Element {
            name,
            chrome: name.is_one_of(SKIPPED) || words(class) || words(id),
            block: name.is_one_of(BLOCKS),
            colspan: span(colspan),
            rowspan: span(rowspan),
            content_at: None,
        }
    }
}

/// Ranges of the decoded stream, in order: one for most text nodes (no
/// allocation), more where the tree builder joins text across a tag it
/// drops.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Ranges {
    first: (usize, usize),
    more: Vec<(usize, usize)>,
}

impl Ranges {
    pub(super) fn one(a: usize, b: usize) -> Ranges {
        Ranges { first: (a, b), more: Vec::new() }
    }

    pub(super) fn push(&mut self, a: usize, b: usize) {
        self.more.push((a, b));
    }

    pub(super) fn iter(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        std::iter::once(self.first).chain(self.more.iter().copied())
    }

    pub(super) fn len(&self) -> usize {
        1 + self.more.len()
    }
}

/// A text node.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Text {
    /// Ranges of the decoded stream (the streaming reader's).
    Stream(Ranges),
    /// Text from html5ever's tree, to be found in the stream.
    Owned(String),
}

#[derive(Clone, Debug, PartialEq)]
pub(super) enum Kind {
    Document,
    Element(Element),
    Text(Text),
    /// Comments and the doctype.
    Other,
}

#[derive(Clone, Debug)]
pub(super) struct Node {
    pub kind: Kind,
    pub parent: u32,
    pub first: u32,
    pub last: u32,
    pub next: u32,
}

/// A document as an arena of nodes; node 0 is the document.
#[derive(Clone, Debug)]
pub(super) struct Tree {
    pub nodes: Vec<Node>,
    /// Text nodes hold their own strings (html5ever's tree), found in the
    /// stream by the renderer as it goes; otherwise they are ranges of it.
    pub owned_text: bool,
}

/// A step of a walk through a subtree.
#[derive(Clone, Copy)]
pub(super) enum Edge {
    Open(u32),
    Close(u32),
}

impl Tree {
    pub(super) fn new() -> Tree {
        Tree::with_capacity(1)
    }

    pub(super) fn with_capacity(nodes: usize) -> Tree {
        let mut tree = Tree { nodes: Vec::with_capacity(nodes.max(1)), owned_text: false };
        tree.nodes.push(Node { kind: Kind::Document, parent: NONE, first: NONE, last: NONE, next: NONE });
        tree
    }

    pub(super) fn node(&self, id: u32) -> &Node {
        &self.nodes[id as usize]
    }

    pub(super) fn element(&self, id: u32) -> Option<&Element> {
        match &self.nodes.get(id as usize)?.kind {
            Kind::Element(e) => Some(e),
            _ => None,
        }
    }

    pub(super) fn name(&self, id: u32) -> Option<Tag> {
        self.element(id).map(|e| e.name)
    }

    /// Appends a node as the last child of `parent`.
    pub(super) fn append(&mut self, parent: u32, kind: Kind) -> u32 {
        let id = self.nodes.len() as u32;
        self.nodes.push(Node { kind, parent, first: NONE, last: NONE, next: NONE });
        let p = &mut self.nodes[parent as usize];
        let prev = p.last;
        p.last = id;
        if prev == NONE {
            p.first = id;
        } else {
            self.nodes[prev as usize].next = id;
        }
        id
    }

    pub(super) fn children(&self, id: u32) -> impl Iterator<Item = u32> + '_ {
        std::iter::successors(Some(self.node(id).first).filter(|&c| c != NONE), move |&c| {
            Some(self.node(c).next).filter(|&n| n != NONE)
        })
    }

    /// The subtree of `root` in document order, each element opened and closed.
    pub(super) fn traverse(&self, root: u32) -> Traverse<'_> {
        Traverse { tree: self, root, next: Some(Edge::Open(root)) }
    }

    /// The first element named `name` in document order.
    pub(super) fn find(&self, name: &str) -> Option<u32> {
        self.traverse(0).find_map(|e| match e {
            Edge::Open(id) if self.name(id).is_some_and(|n| n.is(name)) => Some(id),
            _ => None,
        })
    }

    /// html5ever's tree, as this tree (text as strings).
    pub(super) fn from_html5ever(root: NodeRef<Html5Node>) -> Tree {
        let mut tree = Tree::new();
        tree.owned_text = true;
        let mut stack: Vec<(NodeRef<Html5Node>, u32)> = root.children().rev().map(|c| (c, 0)).collect();
        while let Some((node, parent)) = stack.pop() {
            let kind = match node.value() {
                Html5Node::Element(e) => Kind::Element(Element::new(
                    Tag::new(e.name().as_bytes()),
                    e.attr("class").unwrap_or(""),
                    e.attr("id").unwrap_or(""),
                    e.attr("colspan"),
                    e.attr("rowspan"),
                )),
                Html5Node::Text(t) => Kind::Text(Text::Owned(t.to_string())),
                _ => Kind::Other,
            };
            let id = tree.append(parent, kind);
            stack.extend(node.children().rev().map(|c| (c, id)));
        }
        tree
    }
}

pub(super) struct Traverse<'t> {
    tree: &'t Tree,
    root: u32,
    next: Option<Edge>,
}

impl Traverse<'_> {
    /// Passes over the children of `id`, just opened: its close comes next.
    pub(super) fn skip_children(&mut self, id: u32) {
        if let Some(Edge::Open(child)) = self.next
            && self.tree.node(child).parent == id
        {
            self.next = Some(Edge::Close(id));
        }
    }
}

impl Iterator for Traverse<'_> {
    type Item = Edge;

    fn next(&mut self) -> Option<Edge> {
        let edge = self.next.take()?;
        let t = self.tree;
        let out = edge;
        self.next = match edge {
            Edge::Open(id) => match t.node(id).first {
                NONE => Some(Edge::Close(id)),
                c => Some(Edge::Open(c)),
            },
            Edge::Close(id) if id == self.root => None,
            Edge::Close(id) => match t.node(id).next {
                NONE => Some(Edge::Close(t.node(id).parent)),
                n => Some(Edge::Open(n)),
            },
        };
        Some(out)
    }
}
