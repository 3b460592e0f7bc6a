//! The model of one report: title, agency, year, sections and the three
//! tables, every value with its span in the decoded text. Ids are those of
//! `model.md` and come from [`crate::template`].

use crate::template::{self, ColId, Format, RowDef, RowId, TableDef, TableId, Unit};
use serde_json::{Map, Value as Json, json};

/// A byte range in the decoded text (what the user sees).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end: end.max(start) }
    }
}

/// What a cell holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A whole number.
    Int(i64),
    /// A number with a fraction.
    Decimal(f64),
    /// Left blank, or a dash / `/` / `无`.
    Empty,
    /// Text that is no number (C401).
    Invalid,
}

/// One value cell.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub value: Value,
    /// The cell's text as written (trimmed), empty for a blank cell.
    pub raw: String,
    /// A unit written in the cell (`万元`, `元`, `件`).
    pub unit: Option<String>,
    /// Where the text is; for a blank cell, the place it would be.
    pub span: Span,
    /// The value was recovered from a digit run with no separators.
    pub recovered: bool,
}

impl Cell {
    /// The value as an integer, if it is one.
    pub fn int(&self) -> Option<i64> {
        match self.value {
            Value::Int(i) => Some(i),
            _ => None,
        }
    }

    fn to_json(&self, unit: Unit) -> Option<Json> {
        match &self.value {
            Value::Int(i) if unit == Unit::Amount => Some(json!(amount_text(*i as f64, self.unit.as_deref()))),
            Value::Decimal(d) if unit == Unit::Amount => Some(json!(amount_text(*d, self.unit.as_deref()))),
            Value::Int(i) => Some(json!(i)),
            Value::Decimal(d) => Some(json!(d)),
            Value::Empty => Some(Json::Null),
            Value::Invalid => None,
        }
    }
}

fn amount_text(v: f64, unit: Option<&str>) -> String {
    format!("{v}{}", unit.unwrap_or(""))
}

/// One row of a table as found in the text.
#[derive(Debug, Clone)]
pub struct Row {
    pub def: &'static RowDef,
    /// The label as written (normalised text), e.g. `(一) 予以公开`.
    pub label: String,
    pub label_span: Span,
    /// One slot per column of the template; `None` where no value could be placed.
    pub cells: Vec<Option<Cell>>,
    /// For glued digits that could not be split for certain: every reading
    /// that fits (the values stay unknown in `cells`).
    pub readings: Vec<Vec<Option<i64>>>,
}

impl Row {
    /// The cell of a column, by column id.
    pub fn cell(&self, column: ColId) -> Option<&Cell> {
        let i = self.def.columns.iter().position(|c| c.id == column)?;
        self.cells.get(i)?.as_ref()
    }
}

/// A statistical table.
#[derive(Debug, Clone)]
pub struct Table {
    pub def: &'static TableDef,
    pub span: Span,
    pub rows: Vec<Row>,
    /// Text of the table that belongs to no row found: headers, block
    /// headers, and labels that matched no standard row, each with the number
    /// of values that follow it.
    pub loose: Vec<Loose>,
    /// The text does not keep the table's rows (cells printed column by
    /// column): no value of it is read, and no rule judges its rows.
    pub layout_lost: bool,
}

/// A piece of table text outside the rows found.
#[derive(Debug, Clone, PartialEq)]
pub struct Loose {
    /// As written (normalised text).
    pub text: String,
    pub span: Span,
    /// Values right after it (a row label that is no standard row has some).
    pub values_after: usize,
}

impl Table {
    /// The row with this id, if the report has it.
    pub fn row(&self, id: RowId) -> Option<&Row> {
        self.rows.iter().find(|r| r.def.id == id)
    }

    /// The cell `row`·`column`.
    pub fn cell(&self, row: RowId, column: ColId) -> Option<&Cell> {
        self.row(row)?.cell(column)
    }

    /// The model JSON of the table: nested objects in template order; a value
    /// that could not be read is absent.
    pub fn to_json(&self) -> Json {
        let mut top = Map::new();
        for row in &self.rows {
            let mut values = Map::new();
            let mut scalar = None;
            for (col, cell) in row.def.columns.iter().zip(&row.cells) {
                let Some(v) = cell.as_ref().and_then(|c| c.to_json(col.unit)) else { continue };
                if col.id.is_single() {
                    scalar = Some(v);
                } else {
                    values.insert(col.id.as_str().to_string(), v);
                }
            }
            let value = match scalar {
                Some(v) => v,
                None if values.is_empty() && row.def.columns.len() == 1 => continue,
                None => Json::Object(values),
            };
            insert_dotted(&mut top, row.def.id.as_str(), value);
        }
        Json::Object(top)
    }
}

fn insert_dotted(map: &mut Map<String, Json>, id: &str, value: Json) {
    match id.split_once('.') {
        None => {
            map.insert(id.to_string(), value);
        }
        Some((head, tail)) => {
            let entry = map.entry(head.to_string()).or_insert_with(|| Json::Object(Map::new()));
            if let Json::Object(inner) = entry {
                insert_dotted(inner, tail, value);
            }
        }
    }
}

/// A section heading found in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// The standard section it is (1–6).
    pub number: u8,
    /// The heading as written (normalised text).
    pub heading: String,
    pub span: Span,
    /// 1-based line in the decoded text.
    pub line: usize,
}

/// A date as written; the year may be left out (`12月31日` after a full date).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Date {
    pub year: Option<i32>,
    pub month: u32,
    pub day: u32,
}

/// A text cut short before its end (an interrupted download, an archive's
/// excerpt): found by the parser (`parse::cut`).
#[derive(Debug, Clone, Copy)]
pub struct Cut {
    /// Where its text ends.
    pub at: usize,
    /// The table the text stops in, when it stops in one.
    pub in_table: Option<CutRow>,
    /// The number of the last section found (0: none).
    pub section: u8,
}

/// The table a cut text stops in, and its last row found.
#[derive(Debug, Clone, Copy)]
pub struct CutRow {
    pub table: &'static TableDef,
    /// The template index of the last row found.
    pub row: usize,
    /// That row's label.
    pub label: Span,
}

impl Cut {
    /// The last section the text reaches: what comes after it is missing
    /// because of the cut.
    pub(crate) fn reach(&self) -> u8 {
        self.section.max(self.in_table.map_or(0, |t| t.table.section))
    }

    /// Whether the text stops in this table.
    pub(crate) fn stops_in(&self, table: &Table) -> bool {
        self.in_table.is_some_and(|t| t.table.id == table.def.id)
    }

    /// The label of the row the text stops in.
    pub(crate) fn last_row_span(&self) -> Option<Span> {
        self.in_table.map(|t| t.label)
    }
}

/// A text that starts in the middle of a document.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HeadCut {
    /// The page it starts at, when a page mark says so (a page of a flipbook
    /// or a PDF viewer).
    pub page: Option<u32>,
    /// The page mark, or the first line.
    pub span: Span,
}

/// The statistical period stated in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Period {
    pub from: Date,
    pub to: Date,
    pub span: Span,
}

/// How a report's file was read: decoded as text in an encoding, or taken
/// from the text layer of a PDF or Word document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    /// Not read (an empty or unreadable input).
    #[default]
    Unknown,
    Text(&'static encoding_rs::Encoding),
    Document(crate::layout::DocKind),
}

impl Encoding {
    /// As the output writes it: `UTF-8`, `GB18030`, `UTF-16LE`, `PDF`, `DOCX`,
    /// `DOC`; empty when unknown.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Unknown => "",
            Encoding::Text(e) => crate::decode::display_name(e),
            Encoding::Document(kind) => kind.name(),
        }
    }
}

impl std::fmt::Display for Encoding {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl PartialEq<&str> for Encoding {
    fn eq(&self, other: &&str) -> bool {
        self.name() == *other
    }
}

impl serde::Serialize for Encoding {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

/// The model of one report.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub encoding: Encoding,
    pub title: Option<(String, Span)>,
    pub agency: Option<String>,
    pub year: Option<i32>,
    pub format: Option<Format>,
    /// Labels that show which format the report follows (2019 / pre-2019 tell-tales).
    pub format_evidence: Vec<(String, Span)>,
    pub period: Option<Period>,
    /// A period stated in words that no date range can be read from
    /// (`自20201月1日起至202012月31日止`: the year run into the month).
    pub period_unreadable: Option<Span>,
    pub sections: Vec<Section>,
    /// Further headings of a standard section after the first (S102).
    pub section_duplicates: Vec<Section>,
    pub active: Option<Table>,
    pub requests: Option<Table>,
    pub review: Option<Table>,
    /// Where the text is cut short at its end, when it is.
    pub cut: Option<Cut>,
    /// Where the text starts in the middle of a document, when it does.
    pub head_cut: Option<HeadCut>,
}

impl Report {
    /// Applies `f` to every span of the model.
    pub(crate) fn map_spans(&mut self, f: &dyn Fn(Span) -> Span) {
        if let Some(t) = &mut self.title {
            t.1 = f(t.1);
        }
        for e in &mut self.format_evidence {
            e.1 = f(e.1);
        }
        if let Some(p) = &mut self.period {
            p.span = f(p.span);
        }
        if let Some(p) = &mut self.period_unreadable {
            *p = f(*p);
        }
        for s in self.sections.iter_mut().chain(self.section_duplicates.iter_mut()) {
            s.span = f(s.span);
        }
        if let Some(c) = &mut self.cut {
            c.at = f(Span::new(c.at, c.at)).start;
            if let Some(r) = &mut c.in_table {
                r.label = f(r.label);
            }
        }
        if let Some(h) = &mut self.head_cut {
            h.span = f(h.span);
        }
        for t in [&mut self.active, &mut self.requests, &mut self.review].into_iter().flatten() {
            t.span = f(t.span);
            for l in &mut t.loose {
                l.span = f(l.span);
            }
            for r in &mut t.rows {
                r.label_span = f(r.label_span);
                for c in r.cells.iter_mut().flatten() {
                    c.span = f(c.span);
                }
            }
        }
    }

    /// The three tables that are present.
    pub fn tables(&self) -> impl Iterator<Item = &Table> {
        [&self.active, &self.requests, &self.review].into_iter().flatten()
    }

    /// Every cell with its full value id (`requests.granted.total`).
    pub fn cells(&self) -> impl Iterator<Item = (String, &Cell)> {
        self.cells_by_place().map(|(t, r, c, cell)| (template::value_id(t, r, c), cell))
    }

    /// Every cell with its table, row and column (no id string made).
    pub(crate) fn cells_by_place(&self) -> impl Iterator<Item = (TableId, RowId, ColId, &Cell)> {
        self.tables().flat_map(|t| {
            t.rows.iter().flat_map(move |r| {
                r.def
                    .columns
                    .iter()
                    .zip(&r.cells)
                    .filter_map(move |(c, cell)| Some((t.def.id, r.def.id, c.id, cell.as_ref()?)))
            })
        })
    }

    /// The model as the JSON of `model.md`. `file` is the path shown.
    pub fn to_json(&self, file: Option<&str>, lines: &crate::source::LineIndex) -> Json {
        let mut out = Map::new();
        out.insert("version".into(), json!(crate::JSON_VERSION));
        if let Some(f) = file {
            out.insert("file".into(), json!(f));
        }
        out.insert("encoding".into(), json!(self.encoding.name()));
        out.insert("format".into(), json!(self.format.map(Format::as_str)));
        out.insert("title".into(), json!(self.title.as_ref().map(|t| &t.0)));
        out.insert("agency".into(), json!(self.agency));
        out.insert("year".into(), json!(self.year));
        if let Some(p) = &self.period {
            out.insert("period".into(), json!({"from": p.from, "to": p.to, "line": lines.line_col(p.span.start).0}));
        }
        let sections: Vec<Json> =
            self.sections.iter().map(|s| json!({"number": s.number, "heading": s.heading, "line": s.line})).collect();
        out.insert("sections".into(), Json::Array(sections));
        for (key, table) in [("active", &self.active), ("requests", &self.requests), ("review", &self.review)] {
            if let Some(t) = table {
                out.insert(key.into(), t.to_json());
            }
        }
        Json::Object(out)
    }

    /// Where each value is: `{id: {line, column, byte_start, byte_end, raw, recovered?}}`.
    pub fn locations_json(&self, lines: &crate::source::LineIndex) -> Json {
        let mut out = Map::new();
        for (id, cell) in self.cells() {
            let (line, column) = lines.line_col(cell.span.start);
            let mut loc = json!({
                "line": line, "column": column,
                "byte_start": cell.span.start, "byte_end": cell.span.end,
                "raw": cell.raw,
            });
            if cell.recovered {
                loc["recovered"] = json!(true);
            }
            out.insert(id, loc);
        }
        Json::Object(out)
    }
}
