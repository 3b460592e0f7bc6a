//! The rule registry: one file per rule, each with its code, name, default
//! severity, long explanation (`ogilint explain CODE`) and check. Rules of the
//! I family and S107/S109 are reported by the parser; their files hold their
//! metadata and documentation. Codes are never renumbered.

use crate::Parsed;
use crate::diagnostic::{Code, Diagnostic, Lang, Msg, Severity};
use crate::model::{Cell, Report, Table};
use crate::template::{self, ColId, RowId};

mod a201_applicant_total;
mod a202_outcome_total;
mod a203_request_balance;
mod a204_review_total;
mod a205_carry_over_continuity;
mod a206_in_force_continuity;
mod a207_narrative_mismatch;
pub mod across;
mod c401_invalid_number;
mod c402_non_integer_count;
mod c403_blank_cell;
mod c404_period_mismatch;
mod c405_year_mismatch;
mod c406_fee_statement_missing;
mod c407_implausible_value;
mod i001_unreadable_input;
mod i002_lossy_decoding;
mod i003_not_an_annual_report;
mod i004_lost_layout;
mod p501_late_publication;
mod p502_copied_report;
mod p503_year_on_year_jump;
mod s101_missing_section;
mod s102_duplicate_section;
mod s103_section_order;
mod s104_missing_table;
mod s105_missing_row;
mod s106_unexpected_row;
mod s107_malformed_row;
mod s108_missing_title;
mod s109_ambiguous_cells;
mod s110_preamble_parts;
mod w301_non_standard_heading;
mod w302_non_standard_row_label;
mod w303_non_standard_column_label;
mod w304_outdated_2019_format;
mod w305_pre_2019_format;
mod w306_punctuation_style;
mod w307_non_standard_title;
pub mod wording;

/// What a rule is, for the registry, `ogilint rules` and `ogilint explain`.
#[derive(Debug)]
pub struct RuleMeta {
    /// The code; the rule's name and default severity are the code's
    /// ([`Code::name`], [`Code::default_severity`]), in the table of codes
    /// that diagnostics are made from.
    pub code: Code,
    /// One line, English and Chinese.
    pub summary: (&'static str, &'static str),
    /// The long text: what, why (with the source in the format or the
    /// regulation), a failing and a passing fragment, how to fix.
    pub explain: (&'static str, &'static str),
    /// The rule offers a safe fix (`--fix`, `--diff`).
    pub fixable: bool,
}

impl RuleMeta {
    /// The rule's name (`applicant-total`).
    pub fn name(&self) -> &'static str {
        self.code.name()
    }

    /// `None`: off unless selected.
    pub fn default(&self) -> Option<Severity> {
        self.code.default_severity()
    }
}

/// What a rule checks the report with.
pub struct Ctx<'a> {
    pub parsed: &'a Parsed,
}

impl<'a> Ctx<'a> {
    pub fn report(&self) -> &'a Report {
        &self.parsed.report
    }

    /// The text of the report as the user sees it.
    pub fn text(&self) -> &'a str {
        &self.parsed.text
    }

    pub fn new(parsed: &'a Parsed) -> Self {
        Ctx { parsed }
    }

    /// Where a text that starts in the middle of a document says so (the
    /// parser's finding, [`crate::model::HeadCut`]).
    pub(crate) fn head_cut(&self) -> Option<crate::model::HeadCut> {
        self.report().head_cut
    }

    /// Where a report cut short (an interrupted download, an archive's
    /// excerpt) stops, as the parser found it: what is missing after that
    /// point is said once (S101), not once per section, table and row.
    pub fn cut(&self) -> Option<&'a crate::model::Cut> {
        self.report().cut.as_ref()
    }

    /// The preamble (编制说明), read by S110 and C405: from the end of the
    /// title (or the start) to the first section's heading.
    pub fn preamble(&self) -> Option<(usize, usize)> {
        let report = self.report();
        let first = report.sections.iter().map(|s| s.span.start).min()?;
        let from = report.title.as_ref().map_or(0, |(_, s)| s.end).min(first);
        Some((from, first))
    }
}

pub type Check = fn(&Ctx, &mut Vec<Diagnostic>);

/// A rule: its metadata and, unless the parser reports it, its check.
pub struct Rule {
    pub meta: RuleMeta,
    pub check: Option<Check>,
}

/// Every rule, in code order.
pub static RULES: &[&Rule] = &[
    &i001_unreadable_input::RULE,
    &i002_lossy_decoding::RULE,
    &i003_not_an_annual_report::RULE,
    &i004_lost_layout::RULE,
    &s101_missing_section::RULE,
    &s102_duplicate_section::RULE,
    &s103_section_order::RULE,
    &s104_missing_table::RULE,
    &s105_missing_row::RULE,
    &s106_unexpected_row::RULE,
    &s107_malformed_row::RULE,
    &s108_missing_title::RULE,
    &s109_ambiguous_cells::RULE,
    &s110_preamble_parts::RULE,
    &a201_applicant_total::RULE,
    &a202_outcome_total::RULE,
    &a203_request_balance::RULE,
    &a204_review_total::RULE,
    &a205_carry_over_continuity::RULE,
    &a206_in_force_continuity::RULE,
    &a207_narrative_mismatch::RULE,
    &w301_non_standard_heading::RULE,
    &w302_non_standard_row_label::RULE,
    &w303_non_standard_column_label::RULE,
    &w304_outdated_2019_format::RULE,
    &w305_pre_2019_format::RULE,
    &w306_punctuation_style::RULE,
    &w307_non_standard_title::RULE,
    &c401_invalid_number::RULE,
    &c402_non_integer_count::RULE,
    &c403_blank_cell::RULE,
    &c404_period_mismatch::RULE,
    &c405_year_mismatch::RULE,
    &c406_fee_statement_missing::RULE,
    &c407_implausible_value::RULE,
    &p501_late_publication::RULE,
    &p502_copied_report::RULE,
    &p503_year_on_year_jump::RULE,
];

/// The rule with this code written out (`A204`, any case).
pub fn rule(code: &str) -> Option<&'static Rule> {
    Code::parse(code).map(of)
}

/// The rule of a code: the registry is in the order of [`Code::ALL`] (a
/// test keeps it so).
pub fn of(code: Code) -> &'static Rule {
    RULES[code.index()]
}

/// The metadata of the rule with this code.
pub fn meta(code: Code) -> &'static RuleMeta {
    &of(code).meta
}

/// The rule with this code or name (`A201`, `applicant-total`).
pub fn by_code_or_name(key: &str) -> Option<&'static Rule> {
    rule(key).or_else(|| RULES.iter().copied().find(|r| r.meta.name() == key))
}

/// Which rules run and at which severity.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// Only these codes (or code prefixes such as `A`, `W30`), when given.
    pub select: Vec<String>,
    /// Never these codes or prefixes.
    pub ignore: Vec<String>,
    /// Severity per code; `None` turns a rule off.
    pub severity: Vec<(String, Option<Severity>)>,
}

impl Settings {
    /// Checks every key (codes, prefixes such as `A` or `W30`, or names):
    /// an unknown one is an error naming it and its key.
    pub fn validate(&self) -> Result<(), String> {
        let keys = self.select.iter().map(|k| ("select", k)).chain(self.ignore.iter().map(|k| ("ignore", k)));
        let keys = keys.chain(self.severity.iter().map(|(k, _)| ("severity", k)));
        for (what, key) in keys {
            if !RULES.iter().any(|r| Self::matches(key, &r.meta)) {
                return Err(format!("unknown rule or prefix `{key}` in `{what}` (see `ogilint rules`)"));
            }
        }
        Ok(())
    }

    pub(crate) fn matches(key: &str, meta: &RuleMeta) -> bool {
        let key = key.trim();
        // (A prefix of the code in any case, compared without copies: the
        // settings are matched for every rule wherever a selection is made.)
        !key.is_empty()
            && (meta.name() == key
                || meta
                    .code
                    .as_str()
                    .as_bytes()
                    .get(..key.len())
                    .is_some_and(|p| p.eq_ignore_ascii_case(key.as_bytes())))
    }

    /// The severity a rule runs at, or `None` when it does not run.
    pub(crate) fn severity_of(&self, meta: &RuleMeta) -> Option<Severity> {
        if self.ignore.iter().any(|k| Self::matches(k, meta)) {
            return None;
        }
        let selected = self.select.iter().any(|k| Self::matches(k, meta));
        if !self.select.is_empty() && !selected {
            return None;
        }
        if let Some((_, sev)) = self.severity.iter().rev().find(|(k, _)| Self::matches(k, meta)) {
            return *sev;
        }
        // Off-by-default rules run when selected explicitly.
        meta.default().or(if selected { Some(Severity::Warning) } else { None })
    }
}

/// Which rules run and at which severity, resolved once from [`Settings`]
/// (prefixes, names, `[severity]`): a table by rule, so that no prefix is
/// matched again for each finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Selection {
    severity: [Option<Severity>; Code::COUNT],
}

impl Selection {
    /// The severity a rule runs at, or `None` when it does not run.
    pub fn severity(&self, code: Code) -> Option<Severity> {
        self.severity[code.index()]
    }

    pub fn runs(&self, code: Code) -> bool {
        self.severity(code).is_some()
    }
}

impl From<&Settings> for Selection {
    fn from(settings: &Settings) -> Selection {
        let mut severity = [None; Code::COUNT];
        for (slot, rule) in severity.iter_mut().zip(RULES) {
            *slot = settings.severity_of(&rule.meta);
        }
        Selection { severity }
    }
}

impl From<&Selection> for Selection {
    fn from(s: &Selection) -> Selection {
        *s
    }
}

impl Default for Selection {
    fn default() -> Selection {
        Selection::from(&Settings::default())
    }
}

/// Runs every rule on a parsed report. The parser's own diagnostics are
/// included, filtered and re-graded by the same settings. The result is
/// sorted by position, then code.
pub fn check(parsed: &Parsed, selection: impl Into<Selection>) -> Vec<Diagnostic> {
    let selection: Selection = selection.into();
    let mut out: Vec<Diagnostic> = Vec::new();
    let ctx = Ctx::new(parsed);
    // An input that could not be read, or is no annual report, gets only
    // the rules that say so.
    let unreadable = parsed.diagnostics.iter().any(|d| d.code == Code::I001 || d.code == Code::I003);
    for rule in RULES {
        let Some(check) = rule.check else { continue };
        if !selection.runs(rule.meta.code) || (unreadable && !rule.meta.code.as_str().starts_with('I')) {
            continue;
        }
        check(&ctx, &mut out);
    }
    out.retain_mut(|d| match selection.severity(d.code) {
        Some(sev) => {
            d.severity = sev;
            true
        }
        None => false,
    });
    out.sort_by_key(|d| (d.primary_span().map_or(0, |s| s.start), d.code));
    out
}

/// The findings of the parser (what it could not read: I001–I003, S107,
/// S109), which their rules turn into diagnostics like every other rule.
pub(crate) fn findings<'a>(ctx: &'a Ctx, code: Code) -> impl Iterator<Item = Diagnostic> + 'a {
    ctx.parsed.diagnostics.iter().filter(move |d| d.code == code).cloned()
}

/// The one-line summary of a rule in a language.
pub fn summary(meta: &RuleMeta, lang: Lang) -> &'static str {
    match lang {
        Lang::En => meta.summary.0,
        Lang::Zh => meta.summary.1,
    }
}

/// The long explanation of a rule in a language.
/// The rule reference (`docs/rules.md`), generated from the registry: one
/// section per rule with its code, name, default level, fix, and its long
/// text in English and Chinese.
/// Every rule as JSON, for tools: code, name, default severity (`null`
/// when off unless selected), fixable, and the summary and explanation in
/// both languages.
pub fn reference_json() -> String {
    let rules: Vec<serde_json::Value> = RULES
        .iter()
        .map(|r| {
            let m = &r.meta;
            serde_json::json!({
                "code": m.code,
                "name": m.name(),
                "default": m.default().map(Severity::as_str),
                "fixable": m.fixable,
                "summary": { "en": m.summary.0, "zh": m.summary.1 },
                "explain": { "en": m.explain.0, "zh": m.explain.1 },
            })
        })
        .collect();
    serde_json::to_string_pretty(&rules).unwrap_or_default()
}

pub fn reference_markdown() -> String {
    use std::fmt::Write as _;
    let mut out = String::from(
        "# Rules\n\n<!-- Generated by `ogilint rules --format markdown`; a test keeps it current. -->\n\n\
| code | name | default | fix | summary |\n|---|---|---|---|---|\n",
    );
    for r in RULES {
        let m = &r.meta;
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} / {} |",
            m.code,
            m.name(),
            m.default().map_or("off", Severity::as_str),
            if m.fixable { "yes" } else { "" },
            m.summary.0.replace('|', "\\|"),
            m.summary.1.replace('|', "\\|"),
        );
    }
    for r in RULES {
        let m = &r.meta;
        let _ = write!(
            out,
            "\n## {}\n\n`{}` · default: {} · fix: {}\n\n{}\n\n```text\n{}\n```\n\n{}\n\n```text\n{}\n```\n",
            m.code,
            m.name(),
            m.default().map_or("off", Severity::as_str),
            if m.fixable { "yes" } else { "no" },
            m.summary.0,
            m.explain.0.replace('\t', "  "),
            m.summary.1,
            m.explain.1.replace('\t', "  "),
        );
    }
    out
}

pub fn explain(meta: &RuleMeta, lang: Lang) -> &'static str {
    match lang {
        Lang::En => meta.explain.0,
        Lang::Zh => meta.explain.1,
    }
}

// ------------------------------------------------------------- helpers

/// The label of a cell for messages: `（七）总计 · 自然人`.
pub fn cell_name(table: &Table, row: RowId, col: ColId) -> Msg {
    let r = table.def.rows.iter().find(|r| r.id == row);
    let row_label = r.map_or(row.as_str(), |r| r.label);
    let col_label = r.and_then(|r| r.columns.iter().find(|c| c.id == col)).map_or(col.as_str(), |c| c.label);
    let text = if col_label.is_empty() || r.is_some_and(|r| r.columns.len() == 1) {
        row_label.to_string()
    } else {
        format!("{row_label} · {col_label}")
    };
    Msg::from(text)
}

/// Every cell placed in a table, with its table, row and column.
pub fn placed_cells(
    report: &Report,
) -> impl Iterator<Item = (&Table, &crate::model::Row, &template::ColumnDef, &Cell)> {
    report.tables().flat_map(|t| {
        t.rows.iter().flat_map(move |r| {
            r.def.columns.iter().zip(&r.cells).filter_map(move |(col, cell)| cell.as_ref().map(|c| (t, r, col, c)))
        })
    })
}

/// The integer of a cell, if it has one.
pub fn int(cell: Option<&Cell>) -> Option<i64> {
    cell.and_then(Cell::int)
}

/// The standard label of a row.
pub(crate) fn row_label(id: RowId) -> &'static str {
    [&template::ACTIVE, &template::ACTIVE_2019, &template::REQUESTS, &template::REVIEW]
        .iter()
        .flat_map(|t| t.rows.iter())
        .find(|r| r.id == id)
        .map_or("", |r| r.label)
}

#[cfg(test)]
pub(crate) mod testing {
    //! Helpers for the rules' own tests.
    use super::*;

    /// The diagnostics of `code` for a report text.
    pub fn run(code: &str, text: &str) -> Vec<Diagnostic> {
        let parsed = crate::parse_str(text);
        let settings = Settings { select: vec![code.to_string()], ..Settings::default() };
        check(&parsed, &settings).into_iter().filter(|d| d.code == code).collect()
    }

    /// The seed report, the clean reference every rule must pass.
    pub fn seed() -> String {
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/corpus/seed/huaibin-luji_2024.txt"))
            .unwrap_or_default()
    }

    /// The seed with the `n`-th occurrence of `from` replaced by `to`.
    pub(crate) fn seed_with(from: &str, to: &str, n: usize) -> String {
        let s = seed();
        match s.match_indices(from).nth(n) {
            Some((at, _)) => format!("{}{}{}", &s[..at], to, &s[at + from.len()..]),
            None => s,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_setting_names_rules_by_code_prefix_in_any_case_or_by_name() {
        let chosen = |key: &str| -> Vec<&str> {
            RULES.iter().filter(|r| Settings::matches(key, &r.meta)).map(|r| r.meta.code.as_str()).collect()
        };
        assert_eq!(chosen("w30"), chosen("W30"));
        assert!(chosen(" w301 ") == ["W301"] && chosen("non-standard-heading") == ["W301"]);
        assert!(chosen("W").len() > 5 && chosen("W").iter().all(|c| c.starts_with('W')));
        // A full-width letter, a longer key and a blank one name nothing.
        assert!(chosen("Ｗ301").is_empty() && chosen("W3011").is_empty() && chosen(" ").is_empty());
    }

    #[test]
    fn codes_are_unique_and_in_catalogue_order() {
        let codes: Vec<&str> = RULES.iter().map(|r| r.meta.code.as_str()).collect();
        let mut unique = codes.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), codes.len());
        // Families in the order of rules.md, codes ascending within each.
        let family = |c: &str| "ISAWCP".find(&c[..1]).unwrap_or(9);
        assert!(codes.windows(2).all(|w| (family(w[0]), w[0]) < (family(w[1]), w[1])), "{codes:?}");
    }

    #[test]
    fn every_rule_is_documented_in_both_languages() {
        for r in RULES {
            let m = &r.meta;
            assert!(!m.summary.0.is_empty() && !m.summary.1.is_empty(), "{}", m.code);
            for text in [m.explain.0, m.explain.1] {
                assert!(text.len() > 200, "{}: explanation too short", m.code);
            }
        }
    }

    #[test]
    fn the_seed_has_no_error() {
        let parsed = crate::parse_str(&testing::seed());
        let diags = check(&parsed, &Settings::default());
        assert!(
            diags.iter().all(|d| d.severity != Severity::Error),
            "{:?}",
            diags.iter().map(|d| (d.code, &d.message.en)).collect::<Vec<_>>()
        );
    }

    /// `rules::of` indexes the registry by a code's place in `Code::ALL`.
    #[test]
    fn the_registry_is_in_the_order_of_the_codes() {
        for (code, rule) in Code::ALL.iter().zip(RULES) {
            assert_eq!(*code, rule.meta.code);
        }
        assert_eq!(Code::ALL.len(), RULES.len());
    }

    #[test]
    fn select_ignore_and_severity() {
        let m = meta(Code::W306);
        let s = Settings::default();
        assert_eq!(s.severity_of(m), None);
        let s = Settings { select: vec!["W306".into()], ..Settings::default() };
        assert_eq!(s.severity_of(m), Some(Severity::Warning));
        let a = meta(Code::A201);
        let s = Settings { ignore: vec!["A".into()], ..Settings::default() };
        assert_eq!(s.severity_of(a), None);
        let s = Settings { severity: vec![("applicant-total".into(), Some(Severity::Warning))], ..Settings::default() };
        assert_eq!(s.severity_of(a), Some(Severity::Warning));
    }
}
