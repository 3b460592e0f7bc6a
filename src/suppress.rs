//! Suppressions: findings a disclosure office has looked at and accepted,
//! named in `ogilint.toml` with the reason, so that they are not shown again
//! and a PDF or Word file, which cannot hold a comment, needs none.
//!
//! ```toml
//! [[suppress]]
//! path = "2023/*街道*.pdf"             # files, from this file's folder (default: all;
//!                                     # a glob with no slash matches at any depth)
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

use crate::diagnostic::{Code, Diagnostic, Lang};
use crate::model::Report;
use crate::rules::{RULES, Selection, Settings};
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
    /// Files of this run the entry selected (distinct: `--fix` lints a
    /// file again after fixing it), and findings it hid.
    files: std::sync::Mutex<std::collections::HashSet<PathBuf>>,
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
                    // As `--glob` and .gitignore read them: a glob with no
                    // slash matches a name at any depth; `./` is the folder.
                    let trimmed = p.trim_start_matches("./");
                    let pattern = if trimmed.contains('/') { trimmed.to_string() } else { format!("**/{trimmed}") };
                    let glob = globset::GlobBuilder::new(&pattern)
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
                files: Default::default(),
                hidden: AtomicUsize::new(0),
            });
        }
        // (`--config ogilint.toml`: its folder is the current one, not "".)
        let config_abs = std::path::absolute(config).unwrap_or_else(|_| config.to_path_buf());
        let dir = config_abs.parent().map_or_else(PathBuf::new, Path::to_path_buf);
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
    pub(crate) fn apply(
        &self,
        path: Option<&Path>,
        report: &Report,
        selection: &Selection,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        if self.entries.is_empty() {
            return;
        }
        let relative = path.and_then(|p| self.relative(p));
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
            // An entry whose rules this run does not run (`--select A`)
            // selects nothing: it is not unused, only idle.
            if !selected || !e.runs_under(selection) {
                continue;
            }
            e.select(relative.as_deref());
            let before = diagnostics.len();
            diagnostics.retain(|d| !e.accepts(d, report, &cells));
            e.hidden.fetch_add(before - diagnostics.len(), Ordering::Relaxed);
        }
    }

    /// A file's path from the configuration's folder: made absolute first,
    /// its folder resolved (a file not yet saved, given by
    /// `--stdin-filename` or an editor, has no path of its own to resolve).
    fn relative(&self, path: &Path) -> Option<PathBuf> {
        let abs = std::path::absolute(path).ok()?;
        let resolved = match (abs.parent().map(std::fs::canonicalize), abs.file_name()) {
            (Some(Ok(dir)), Some(name)) => dir.join(name),
            _ => abs,
        };
        resolved.strip_prefix(&self.base).ok().map(Path::to_path_buf)
    }

    /// Whether an entry accepts a finding across reports (`scan`'s A205,
    /// A206, P502, P503) of the file at `path`: by its path and rule, the
    /// only things such a finding has.
    pub fn hides_across(&self, path: &Path, code: Code, selection: &Selection) -> bool {
        let relative = self.relative(path);
        let meta = crate::rules::meta(code);
        self.entries.iter().any(|e| {
            let selected = match (&e.path, &relative) {
                (None, _) => true,
                (Some((_, glob)), Some(rel)) => glob.is_match(rel),
                (Some(_), None) => false,
            };
            let hides = selected
                && e.value.is_none()
                && e.heading.is_none()
                && e.runs_under(selection)
                && Settings::matches(&e.rule, meta);
            if hides {
                e.select(relative.as_deref());
                e.hidden.fetch_add(1, Ordering::Relaxed);
            }
            hides
        })
    }

    /// The entries that selected files of this run and hid nothing in
    /// them, one line each, naming the file and line to remove. Entries
    /// only for the rules across reports are left out where those rules did
    /// not run (`check`, the language server): `across_ran` says whether
    /// they did.
    pub fn unused(&self, lang: Lang, across_ran: bool) -> Vec<String> {
        let file = crate::walk::name_of(&self.config);
        self.entries
            .iter()
            .filter(|e| across_ran || !e.across_only())
            .filter(|e| e.selected() > 0 && e.hidden.load(Ordering::Relaxed) == 0)
            .map(|e| {
                let n = e.selected();
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
    /// Counts a file as selected.
    fn select(&self, relative: Option<&Path>) {
        if let Ok(mut files) = self.files.lock() {
            files.insert(relative.map_or_else(PathBuf::new, Path::to_path_buf));
        }
    }

    fn selected(&self) -> usize {
        self.files.lock().map_or(0, |f| f.len())
    }

    /// Whether a rule the entry names runs under this selection.
    fn runs_under(&self, selection: &Selection) -> bool {
        RULES.iter().any(|r| Settings::matches(&self.rule, &r.meta) && selection.runs(r.meta.code))
    }

    /// Whether every rule the entry names is one across reports.
    fn across_only(&self) -> bool {
        RULES
            .iter()
            .filter(|r| Settings::matches(&self.rule, &r.meta))
            .all(|r| crate::rules::across::CODES.contains(&r.meta.code))
    }

    fn accepts(&self, d: &Diagnostic, report: &Report, cells: &[(String, crate::model::Span)]) -> bool {
        if !Settings::matches(&self.rule, crate::rules::meta(d.code)) {
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
