//! Rows whose digits run together (`1510015`): the glued solver's readings
//! of each row, chosen so that the table's sums hold (row totals, the
//! column sums of table 3), and the rows it cannot settle said as S109.

use super::cells::cell_value;
use super::glued::{self, Choice, Columns, Constraint, Piece, Reading, Readings, Slot};
use super::tokens::*;
use crate::diagnostic::{Code, Diagnostic, Msg};
use crate::model::{Cell, Row, Span};
use crate::normalize::Normalized;
use crate::template::{self, Format, RowId, TableDef, row};

/// The readings of a glued run, with its variants: the next label's
/// enumerator digit taken as a value, and a year glued to the prose that
/// follows (`…30000032024年，本机关…`) left out.
pub(super) fn glued_readings(
    text: &str,
    toks: &[Tok],
    k: usize,
    constraint: Constraint,
    enum_digit: Option<usize>,
) -> Readings {
    let pieces: Vec<Piece> = toks
        .iter()
        .map(|t| {
            let s = &text[t.start..t.end];
            Piece { text: s.to_string(), start: t.start, single: !s.bytes().all(|b| b.is_ascii_digit()) }
        })
        .collect();
    let mut all = glued::readings(&pieces, k, constraint);
    let Some(last) = pieces.last().filter(|p| !p.single) else { return all };
    let last_end = last.start + last.text.len();
    if let Some(d) = enum_digit.filter(|&d| d == last_end) {
        let mut longer = pieces.clone();
        if let Some(l) = longer.last_mut() {
            l.text.push_str(&text[d..d + 1]);
        }
        all.merge(glued::readings(&longer, k, constraint));
    }
    let year = last.text.len() >= 5 && text[last_end..].starts_with('年');
    if year && last.text[last.text.len() - 4..].parse::<u32>().is_ok_and(|y| (1990..=2100).contains(&y)) {
        let mut shorter = pieces.clone();
        if let Some(l) = shorter.last_mut() {
            l.text.truncate(l.text.len() - 4);
        }
        all.merge(glued::readings(&shorter, k, constraint));
    }
    all
}

/// Model cells from a reading, marked as recovered.
pub(super) fn cells_of(norm: &Normalized, reading: &Reading) -> Vec<Option<Cell>> {
    reading
        .iter()
        .map(|&(_, s, e)| {
            let raw = &norm.text[s..e];
            let kind = cell_value(raw).map_or(TokKind::Text, TokKind::Value);
            let mut cell = to_cell(norm, &Tok { kind, start: s, end: e });
            cell.recovered = true;
            Some(cell)
        })
        .collect()
}

pub(super) fn known_values(cells: &[Option<Cell>]) -> Vec<Option<i64>> {
    cells.iter().map(|c| c.as_ref().and_then(Cell::int)).collect()
}

/// What the sums of table 3's columns decide among the readings of its
/// glued rows (none for the other tables).
pub(super) fn choices_of(def: &TableDef, rows: &[Row], slots: &[Slot]) -> Vec<Option<Choice>> {
    let idx = |id: RowId| rows.iter().position(|r| r.def.id == id);
    if def.id == template::REQUESTS.id {
        let sub_rows = rows.iter().any(|r| r.def.formats == [Format::F2021]);
        let leaves: Vec<usize> = rows
            .iter()
            .enumerate()
            .filter(|(_, r)| {
                template::outcome_leaves(Format::F2021).any(|l| l.id == r.def.id)
                    || (!sub_rows && r.def.id == row::OTHER_UNDIVIDED)
            })
            .map(|(i, _)| i)
            .collect();
        let cols = Columns {
            leaves,
            total: idx(row::OUTCOME_TOTAL),
            new: idx(row::NEW_RECEIVED),
            carried: idx(row::CARRIED_OVER),
            forward: idx(row::CARRIED_FORWARD),
        };
        glued::solve_columns(slots, &cols, template::REQUEST_COLUMNS.len())
    } else {
        vec![None; slots.len()]
    }
}

/// The diagnostic of a glued row no reading could be chosen for: S107 when
/// none adds up or none exists, S109 when several do, with the likeliest
/// readings named.
pub(super) fn unresolved(
    norm: &Normalized,
    row: &Row,
    readings: &Readings,
    toks: &[Tok],
    cands: &[Reading],
) -> Diagnostic {
    let text = norm.text.as_str();
    let consistent = !readings.consistent.is_empty();
    // Balanced readings (no very long cell) first: the likelier ones.
    let mut order: Vec<&Reading> = cands.iter().collect();
    order.sort_by_key(|r| {
        (r.iter().map(|c| c.2 - c.1).max().unwrap_or(0), r.iter().map(|c| c.2 - c.1).collect::<Vec<_>>())
    });
    let shown: Vec<String> = order.iter().take(6).map(|r| glued::show(text, r)).collect();
    let more = cands.len().saturating_sub(shown.len());
    let digits: Vec<&str> = toks.iter().map(|t| &text[t.start..t.end]).collect();
    let label = row.label.trim().to_string();
    let (digits, width, n) = (digits.join(" "), row.cells.len(), cands.len());
    let (code, message) = if !readings.any {
        (
            Code::S107,
            Msg::new(
                format!("row `{label}`: the digits `{digits}` cannot be read as {width} cells"),
                format!("“{label}”行：连在一起的数字“{digits}”无法拆成 {width} 个单元格"),
            ),
        )
    } else if consistent {
        (
            Code::S109,
            Msg::new(
                format!(
                    "row `{label}`: the digits `{digits}` can be read in {n} ways as {width} cells; the values are left unknown"
                ),
                format!(
                    "“{label}”行：连在一起的数字“{digits}”有 {n} 种拆法可以拆成 {width} 个单元格，无法确定，数值暂不采用"
                ),
            ),
        )
    } else {
        (
            Code::S107,
            Msg::new(
                format!("row `{label}`: no way of reading the digits `{digits}` as {width} cells adds up"),
                format!("“{label}”行：连在一起的数字“{digits}”无论怎样拆成 {width} 个单元格，合计都对不上"),
            ),
        )
    };
    let mut d = Diagnostic::new(code, message).primary(row.label_span, Msg::new("this row", "该行"));
    for t in toks {
        let (s, e) = norm.to_source(t.start, t.end);
        d = d.secondary(Span::new(s, e), Msg::new("digits run together", "数字连在一起"));
    }
    if !shown.is_empty() {
        let list = shown.join(", ");
        let more_en = if more > 0 { format!(" (and {more} more)") } else { String::new() };
        let more_zh = if more > 0 { format!("（另有 {more} 种）") } else { String::new() };
        d = d.note(if consistent {
            Msg::new(format!("readings: {list}{more_en}"), format!("可能的拆法：{list}{more_zh}"))
        } else {
            Msg::new(format!("closest readings: {list}{more_en}"), format!("最接近的拆法：{list}{more_zh}"))
        });
    }
    if readings.truncated {
        d = d.note(Msg::new("the run is too long to try every reading", "数字串过长，无法逐一尝试所有拆法"));
    }
    d.help(Msg::new(
        "separate the cells of the row (tabs or a table) so that each number stands alone",
        "请用表格或制表符分隔该行的单元格，使每个数字单独成格",
    ))
}

/// Resolves the glued rows of a table: each row by its own sums, then (table
/// 3) the rest jointly by the column sums.
pub(super) fn resolve_glued(
    norm: &Normalized,
    def: &'static TableDef,
    rows: &mut [Row],
    glued: &[Option<(Readings, Vec<Tok>)>],
    diags: &mut Vec<Diagnostic>,
) {
    let mut slots: Vec<Slot> = Vec::with_capacity(rows.len());
    for (row, g) in rows.iter_mut().zip(glued) {
        let slot = match g {
            None => Slot::Known(known_values(&row.cells)),
            Some((r, _)) => {
                let (cands, consistent) = r.candidates();
                if consistent && cands.len() == 1 {
                    row.cells = cells_of(norm, &cands[0]);
                    Slot::Known(known_values(&row.cells))
                } else {
                    Slot::Choice(cands.to_vec())
                }
            }
        };
        slots.push(slot);
    }
    let choices = choices_of(def, rows, &slots);
    for (i, (row, g)) in rows.iter_mut().zip(glued).enumerate() {
        let (Some((readings, toks)), Slot::Choice(cands)) = (g, &slots[i]) else { continue };
        let consistent = !readings.consistent.is_empty();
        let pick = match choices.get(i).cloned().flatten() {
            Some(Choice::Unique(c)) => Some(c),
            Some(_) => None,
            None => (cands.len() == 1).then_some(0),
        };
        if let Some(reading) = pick.and_then(|c| cands.get(c)) {
            row.cells = cells_of(norm, reading);
            continue;
        }
        if consistent {
            row.readings = cands.iter().map(|r| r.iter().map(|c| c.0).collect()).collect();
        }
        diags.push(unresolved(norm, row, readings, toks, cands));
    }
}
