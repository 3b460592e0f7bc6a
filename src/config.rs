//! `ogilint.toml`: found by walking up from each file's folder (like ruff's
//! configuration discovery); it selects, ignores and re-grades rules.
//!
//! ```toml
//! select = ["S", "A", "W", "C"]   # codes, prefixes or names
//! ignore = ["C403"]
//! [severity]
//! W302 = "error"                  # error, warning, info or off
//! C406 = "off"
//!
//! [[suppress]]                    # findings accepted, with the reason
//! path = "2023/*.txt"
//! rule = "A203"
//! reason = "…"
//! ```
//!
//! The `[[suppress]]` entries are read and applied by `src/suppress.rs`; the README shows them in use.

use crate::diagnostic::Severity;
use crate::rules::Settings;
use crate::suppress::Suppressions;
use std::path::{Path, PathBuf};

pub(crate) const FILE_NAME: &str = "ogilint.toml";

#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    #[serde(default)]
    select: Vec<String>,
    #[serde(default)]
    ignore: Vec<String>,
    #[serde(default)]
    severity: std::collections::BTreeMap<String, String>,
    #[serde(default)]
    suppress: Vec<crate::suppress::Raw>,
}

/// Reads a configuration file into settings.
pub fn load(path: &Path) -> Result<Settings, String> {
    load_all(path).map(|(settings, _)| settings)
}

/// Reads a configuration file into settings and suppressions.
pub(crate) fn load_all(path: &Path) -> Result<(Settings, Suppressions), String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let raw: Raw = toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let suppressions = Suppressions::new(path, &text, raw.suppress.clone())
        .map_err(|e| format!("{}: {e}", crate::walk::name_of(path)))?;
    let settings = settings_of(raw).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok((settings, suppressions))
}

/// Parses the text of a configuration file (its settings; suppressions are
/// read with the file, whose folder their paths start from).
pub fn parse(text: &str) -> Result<Settings, String> {
    let raw: Raw = toml::from_str(text).map_err(|e| e.to_string())?;
    settings_of(raw)
}

fn settings_of(raw: Raw) -> Result<Settings, String> {
    let mut severity = Vec::new();
    for (key, value) in raw.severity {
        let sev = match value.as_str() {
            "off" | "none" => None,
            v => Some(
                Severity::from_name(v)
                    .ok_or_else(|| format!("unknown severity `{v}` for {key} (error, warning, info, off)"))?,
            ),
        };
        severity.push((key, sev));
    }
    let settings = Settings { select: raw.select, ignore: raw.ignore, severity };
    settings.validate()?;
    Ok(settings)
}

/// The configuration file that applies to `file`: the nearest `ogilint.toml`
/// in its folder or above.
pub(crate) fn find_for(file: &Path) -> Option<PathBuf> {
    let start = if file.is_dir() { file.to_path_buf() } else { file.parent()?.to_path_buf() };
    let start = std::fs::canonicalize(&start).unwrap_or(start);
    start.ancestors().map(|d| d.join(FILE_NAME)).find(|p| p.is_file())
}

/// Settings from a file, overridden by the command line.
pub fn merge(file: Settings, cli: &Settings) -> Settings {
    Settings {
        select: if cli.select.is_empty() { file.select } else { cli.select.clone() },
        // A rule the command line selects by name is not ignored by the file.
        ignore: file
            .ignore
            .into_iter()
            .filter(|i| !cli.select.iter().any(|s| s.eq_ignore_ascii_case(i)))
            .chain(cli.ignore.iter().cloned())
            .collect(),
        severity: file.severity.into_iter().chain(cli.severity.iter().cloned()).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_select_ignore_and_severities() {
        let s = parse("select = [\"A\", \"W\"]\nignore = [\"W306\"]\n[severity]\nW302 = \"error\"\nC406 = \"off\"\n")
            .expect("valid");
        assert_eq!(s.select, ["A", "W"]);
        assert_eq!(s.severity, vec![("C406".to_string(), None), ("W302".to_string(), Some(Severity::Error))]);
        assert!(parse("[severity]\nW302 = \"loud\"\n").is_err());
        assert!(parse("colour = 1\n").is_err());
        // Unknown codes are errors in every key, as on the command line.
        for bad in ["select = [\"Z9\"]\n", "ignore = [\"nonsense\"]\n", "[severity]\nX123 = \"error\"\n"] {
            let e = parse(bad).expect_err(bad);
            assert!(e.contains("unknown rule"), "{e}");
        }
    }

    #[test]
    fn is_found_in_a_parent_folder() {
        let dir = std::env::temp_dir().join(format!("ogilint-config-{}", std::process::id()));
        let sub = dir.join("a/b");
        let _ = std::fs::create_dir_all(&sub);
        let _ = std::fs::write(dir.join(FILE_NAME), "ignore = [\"C\"]\n");
        let _ = std::fs::write(sub.join("r.txt"), "x");
        let found = find_for(&sub.join("r.txt"));
        assert_eq!(found.and_then(|p| p.file_name().map(|n| n.to_owned())), Some(FILE_NAME.into()));
        let _ = std::fs::remove_dir_all(&dir);
    }
}

/// The settings of each file: the `ogilint.toml` nearest to it (found once
/// per folder), merged with the command line's, which win. Every front end
/// that reads files (`check`, `scan`, `export`, the language server) resolves
/// through one of these, so a file gets the same settings whichever way it is
/// linted and whatever the order of the paths.
#[derive(Debug, Default)]
pub struct Resolver {
    cli: Settings,
    /// Which configuration files apply.
    source: Source,
    /// Folder → the configuration file that applies there.
    found: std::collections::HashMap<PathBuf, Option<PathBuf>>,
    /// Configuration file → its engine.
    engines: std::collections::HashMap<Option<PathBuf>, std::sync::Arc<crate::engine::Engine>>,
}

/// Where the settings of files come from besides the command line.
#[derive(Debug, Default, Clone)]
pub enum Source {
    /// The `ogilint.toml` nearest to each file.
    #[default]
    Discover,
    /// This file, for every file (`--config FILE`).
    File(PathBuf),
    /// No configuration file at all (`--isolated`).
    Isolated,
}

impl Resolver {
    pub fn new(cli: Settings) -> Self {
        Resolver { cli, ..Resolver::default() }
    }

    /// A resolver whose configuration files come from `source`; a given file
    /// is read and checked now, so that a bad one stops the run before it
    /// starts.
    pub fn with_source(cli: Settings, source: Source) -> Result<Self, String> {
        if let Source::File(p) = &source {
            load(p)?;
        }
        Ok(Resolver { cli, source, ..Resolver::default() })
    }

    /// The configuration file for a path (`None`: none applies, or standard input).
    pub fn config_for(&mut self, path: &Path) -> Option<PathBuf> {
        match &self.source {
            Source::File(p) => return Some(p.clone()),
            Source::Isolated => return None,
            Source::Discover => {}
        }
        if path.as_os_str() == "-" {
            return None;
        }
        let dir =
            if path.is_dir() { path.to_path_buf() } else { path.parent().map_or_else(PathBuf::new, Path::to_path_buf) };
        if let Some(c) = self.found.get(&dir) {
            return c.clone();
        }
        let c = find_for(path);
        self.found.insert(dir, c.clone());
        c
    }

    /// The engine for a path. An invalid configuration file is an error.
    pub fn engine_for(&mut self, path: &Path) -> Result<std::sync::Arc<crate::engine::Engine>, String> {
        let config = self.config_for(path);
        if let Some(e) = self.engines.get(&config) {
            return Ok(e.clone());
        }
        let (file, suppressions) = match &config {
            Some(p) => load_all(p)?,
            None => (Settings::default(), Suppressions::default()),
        };
        let engine =
            std::sync::Arc::new(crate::engine::Engine::new(merge(file, &self.cli))?.with_suppressions(suppressions));
        self.engines.insert(config, engine.clone());
        Ok(engine)
    }

    /// The suppressions of the configuration files read in this run that
    /// selected files and hid nothing, one line each (see
    /// `Suppressions::unused`).
    pub fn unused_suppressions(&self, lang: crate::diagnostic::Lang, across_ran: bool) -> Vec<String> {
        let mut lines: Vec<String> =
            self.engines.values().flat_map(|e| e.suppressions().unused(lang, across_ran)).collect();
        lines.sort();
        lines.dedup();
        lines
    }

    /// The engine of the command line's settings alone (for the rules across
    /// reports, which see many files).
    pub fn cli_engine(&mut self) -> Result<std::sync::Arc<crate::engine::Engine>, String> {
        if let Some(e) = self.engines.get(&None) {
            return Ok(e.clone());
        }
        let engine = std::sync::Arc::new(crate::engine::Engine::new(merge(Settings::default(), &self.cli))?);
        self.engines.insert(None, engine.clone());
        Ok(engine)
    }
}
