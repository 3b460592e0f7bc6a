//! Suppressions: findings a disclosure office has looked at and accepted,
//! named in `ogilint.toml` with the reason, so that they are not shown again
//! and a PDF or Word file, which cannot hold a comment, needs none.
//!
//! ```toml
//! [[suppress]]
//! path = "2023/*街道*.pdf"             # files, from this file's folder (default: all)
//! rule = "A203"                       # a code, a prefix or a name
//! value = "requests.carried_forward"  # a value id, or the start of one (optional)
//! reason = "结转数按上级口径填报，已备案"
//!
//! [[suppress]]
//! rule = "W306"
//! heading = "五"                      # a section: its number or words of its heading
//! reason = "标点按本单位公文格式"
//! ```
//!
//! An entry hides the findings of its rule in the files its path selects,
//! narrowed to those that point into the value (any of its cells) or the
//! section it names. One that selects files of a run but hides nothing there
//! is said at the end of the run, as ruff's RUF100 says an unused `noqa`.

use crate::diagnostic::{Diagnostic, Lang};
use crate::model::Report;
use crate::rules::{RULES, Settings};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// One `[[suppress]]` entry as the file writes it.
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Raw {
    #[serde(default)]
    path: Option<String>,
    rule: toml::Spanned<String>,
    #[serde(default)]
    value: Option<String>,
    #[serde(default)]
    heading: Option<String>,
    reason: String,
}

/// One entry, checked, with what it did in this run.
#[derive(Debug)]
struct Entry {
    path: Option<(String, globset::GlobMatcher)>,
    rule: String,
    value: Option<String>,
    heading: Option<String>,
    reason: String,
    /// Line of the entry's `rule` in the configuration file (1-based).
    line: usize,
    /// Files of this run the entry selected, and findings it hid.
    files: AtomicUsize,
    hidden: AtomicUsize,
}

/// The suppressions of one configuration file.
#[derive(Debug, Default)]
pub struct Suppressions {
    /// The configuration file, and its folder (canonical) that paths start from.
    config: PathBuf,
    base: PathBuf,
    entries: Vec<Entry>,
}

impl Suppressions {
    /// Checks the entries of the configuration file `config` (whose text is
    /// `text`): a rule no registry code, prefix or name matches, a bad glob,
    /// a value id the model does not have, a missing reason, are errors.
    pub(crate) fn new(config: &Path, text: &str, raw: Vec<Raw>) -> Result<Self, String> {
        let ids = crate::template::value_ids();
        let mut entries = Vec::new();
        for r in raw {
            let line = text.get(..r.rule.span().start).map_or(1, |t| t.lines().count().max(1));
            let rule = r.rule.into_inner();
            let at = format!("[[suppress]] at line {line}");
            if !RULES.iter().any(|m| Settings::matches(&rule, &m.meta)) {
                return Err(format!("{at}: unknown rule or prefix `{rule}` (see `ogilint rules`)"));
            }
            if r.reason.trim().is_empty() {
                return Err(format!("{at}: `reason` is empty; say why the finding is accepted"));
            }
            if let Some(v) = &r.value
                && !ids.iter().any(|id| covers(v, id))
            {
                return Err(format!("{at}: no value id is or starts with `{v}` (see `ogilint export`'s columns)"));
            }
            let path = match r.path {
                None => None,
                Some(p) => {
                    let glob = globset::GlobBuilder::new(&p)
                        .literal_separator(true)
                        .build()
                        .map_err(|e| format!("{at}: bad path glob `{p}`: {e}"))?;
                    Some((p, glob.compile_matcher()))
                }
            };
            entries.push(Entry {
                path,
                rule,
                value: r.value,
                heading: r.heading.filter(|h| !h.trim().is_empty()),
                reason: r.reason,
                line,
                files: AtomicUsize::new(0),
                hidden: AtomicUsize::new(0),
            });
        }
        let dir = config.parent().map_or_else(PathBuf::new, Path::to_path_buf);
        let base = std::fs::canonicalize(&dir).unwrap_or(dir);
        Ok(Suppressions { config: config.to_path_buf(), base, entries })
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Removes from `diagnostics` (of the file at `path`, whose model is
    /// `report`, both in the parse's coordinates) the findings an entry
    /// accepts. A file with no path (standard input, an unsaved editor
    /// buffer) is selected only by entries with no `path`.
    pub(crate) fn apply(&self, path: Option<&Path>, report: &Report, diagnostics: &mut Vec<Diagnostic>) {
        if self.entries.is_empty() {
            return;
        }
        let relative = path.and_then(|p| {
            let p = std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
            p.strip_prefix(&self.base).ok().map(Path::to_path_buf)
        });
        let cells: Vec<(String, crate::model::Span)> = if self.entries.iter().any(|e| e.value.is_some()) {
            report.cells().map(|(id, c)| (id, c.span)).collect()
        } else {
            Vec::new()
        };
        for e in &self.entries {
            let selected = match (&e.path, &relative) {
                (None, _) => true,
                (Some((_, glob)), Some(rel)) => glob.is_match(rel),
                (Some(_), None) => false,
            };
            if !selected {
                continue;
            }
            e.files.fetch_add(1, Ordering::Relaxed);
            let before = diagnostics.len();
            diagnostics.retain(|d| !e.accepts(d, report, &cells));
            e.hidden.fetch_add(before - diagnostics.len(), Ordering::Relaxed);
        }
    }

    /// The entries that selected files of this run and hid nothing in
    /// them, one line each, naming the file and line to remove.
    pub fn unused(&self, lang: Lang) -> Vec<String> {
        let file = crate::walk::name_of(&self.config);
        self.entries
            .iter()
            .filter(|e| e.files.load(Ordering::Relaxed) > 0 && e.hidden.load(Ordering::Relaxed) == 0)
            .map(|e| {
                let n = e.files.load(Ordering::Relaxed);
                let what = e.describe(lang);
                match lang {
                    Lang::Zh => format!(
                        "{file}:{}：抑制条目（{what}）在本次检查的 {n} 个文件中没有抑制任何问题，可以删除（理由：{}）",
                        e.line, e.reason
                    ),
                    Lang::En => format!(
                        "{file}:{}: unused suppression ({what}): it selected {n} file(s) of this run and hid nothing; remove it (reason given: {})",
                        e.line, e.reason
                    ),
                }
            })
            .collect()
    }
}

impl Entry {
    fn accepts(&self, d: &Diagnostic, report: &Report, cells: &[(String, crate::model::Span)]) -> bool {
        let Some(rule) = RULES.iter().find(|r| r.meta.code == d.code) else { return false };
        if !Settings::matches(&self.rule, &rule.meta) {
            return false;
        }
        if let Some(v) = &self.value {
            let in_value =
                d.labels.iter().any(|l| cells.iter().any(|(id, span)| covers(v, id) && overlaps(l.span, *span)));
            if !in_value {
                return false;
            }
        }
        if let Some(h) = &self.heading {
            let Some(at) = d.primary_span().map(|s| s.start) else { return false };
            if !section_at(report, at).is_some_and(|s| names_section(h, s)) {
                return false;
            }
        }
        true
    }

    fn describe(&self, lang: Lang) -> String {
        let mut parts = vec![self.rule.clone()];
        if let Some((p, _)) = &self.path {
            parts.push(p.clone());
        }
        if let Some(v) = &self.value {
            parts.push(v.clone());
        }
        if let Some(h) = &self.heading {
            parts.push(match lang {
                Lang::Zh => format!("第{h}部分"),
                Lang::En => format!("section {h}"),
            });
        }
        parts.join(match lang {
            Lang::Zh => "，",
            Lang::En => ", ",
        })
    }
}

/// Whether two spans share a byte (an empty span counts as its first byte).
fn overlaps(a: crate::model::Span, b: crate::model::Span) -> bool {
    a.start < b.end.max(b.start + 1) && b.start < a.end.max(a.start + 1)
}

/// Whether the value id `given` is `id` or a start of it at a dot
/// (`requests.denied` covers `requests.denied.state_secret.total`).
fn covers(given: &str, id: &str) -> bool {
    id == given || id.strip_prefix(given).is_some_and(|rest| rest.starts_with('.'))
}

/// The section a byte offset lies in: the last whose heading starts at or
/// before it.
fn section_at(report: &Report, at: usize) -> Option<&crate::model::Section> {
    report.sections.iter().filter(|s| s.span.start <= at).max_by_key(|s| s.span.start)
}

/// Whether `given` names a section: its number (`3`, `三`) or words of its
/// heading (`收到和处理`).
fn names_section(given: &str, section: &crate::model::Section) -> bool {
    let given = given.trim();
    given == section.number.to_string()
        || crate::parse::cells::chinese_numeral(given) == Some(u32::from(section.number))
        || section.heading.contains(given)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_id_covers_the_ids_it_starts() {
        assert!(covers("requests.denied", "requests.denied.state_secret.total"));
        assert!(covers("active.licensing", "active.licensing"));
        assert!(!covers("requests.denied.state", "requests.denied.state_secret.total"));
    }
}
