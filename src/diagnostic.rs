//! The diagnostic as data (code, severity, message, labelled spans, notes,
//! help, fix), rendered by `render`. Spans are byte ranges in the decoded text.
//! Every text a user reads exists in Chinese and in English ([`Msg`]).

use crate::model::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }

    /// The word a reader sees in `lang` (`警告` in Chinese).
    pub fn word(self, lang: Lang) -> &'static str {
        match (lang, self) {
            (Lang::En, s) => s.as_str(),
            (Lang::Zh, Severity::Error) => "错误",
            (Lang::Zh, Severity::Warning) => "警告",
            (Lang::Zh, Severity::Info) => "提示",
        }
    }

    pub fn from_name(s: &str) -> Option<Self> {
        match s {
            "error" => Some(Severity::Error),
            "warning" | "warn" => Some(Severity::Warning),
            "info" => Some(Severity::Info),
            _ => None,
        }
    }
}

/// The language of messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    Zh,
}

impl Lang {
    /// From `--lang`, or the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`).
    pub fn from_env(explicit: Option<&str>, vars: impl Fn(&str) -> Option<String>) -> Lang {
        let pick = |s: &str| if s.to_ascii_lowercase().starts_with("zh") { Lang::Zh } else { Lang::En };
        if let Some(e) = explicit {
            return pick(e);
        }
        for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let Some(v) = vars(var).filter(|v| !v.is_empty()) {
                return pick(&v);
            }
        }
        Lang::En
    }
}

/// A text in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Msg {
    pub en: String,
    pub zh: String,
}

impl Msg {
    pub fn new(en: impl Into<String>, zh: impl Into<String>) -> Self {
        Msg { en: en.into(), zh: zh.into() }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Zh => &self.zh,
        }
    }
}

/// The same text in both languages (values, labels quoted from the report).
impl From<&str> for Msg {
    fn from(s: &str) -> Self {
        Msg::new(s, s)
    }
}

impl From<String> for Msg {
    fn from(s: String) -> Self {
        Msg::new(s.clone(), s)
    }
}

/// A labelled place in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Label {
    pub span: Span,
    pub message: Msg,
    pub primary: bool,
    /// For PDF and Word input: where the span stands in the document.
    pub place: Option<crate::layout::Place>,
}

/// A replacement of a span by new text (a safe wording fix).
#[derive(Debug, Clone, PartialEq)]
pub struct Fix {
    pub span: Span,
    pub replacement: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    pub code: Code,
    pub name: &'static str,
    pub severity: Severity,
    pub message: Msg,
    pub labels: Vec<Label>,
    pub notes: Vec<Msg>,
    pub help: Vec<Msg>,
    pub fix: Option<Fix>,
}

impl Diagnostic {
    /// A diagnostic of rule `code`, with the rule's name and default severity.
    pub fn new(code: Code, message: impl Into<Msg>) -> Self {
        let (name, severity) = (code.name(), code.default_severity().unwrap_or(Severity::Warning));
        Diagnostic {
            code,
            name,
            severity,
            message: message.into(),
            labels: Vec::new(),
            notes: Vec::new(),
            help: Vec::new(),
            fix: None,
        }
    }

    pub fn primary(mut self, span: Span, message: impl Into<Msg>) -> Self {
        self.labels.push(Label { span, message: message.into(), primary: true, place: None });
        self
    }

    pub fn secondary(mut self, span: Span, message: impl Into<Msg>) -> Self {
        self.labels.push(Label { span, message: message.into(), primary: false, place: None });
        self
    }

    pub fn note(mut self, note: impl Into<Msg>) -> Self {
        self.notes.push(note.into());
        self
    }

    pub fn help(mut self, help: impl Into<Msg>) -> Self {
        self.help.push(help.into());
        self
    }

    pub fn fix(mut self, span: Span, replacement: impl Into<String>) -> Self {
        self.fix = Some(Fix { span, replacement: replacement.into() });
        self
    }

    /// The span of the primary label (or the first label), for sorting and locating.
    pub fn primary_span(&self) -> Option<Span> {
        self.labels.iter().find(|l| l.primary).or(self.labels.first()).map(|l| l.span)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_from_locale() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| pairs.iter().find(|p| p.0 == k).map(|p| p.1.to_string())
        };
        assert_eq!(Lang::from_env(None, env(&[("LANG", "zh_CN.UTF-8")])), Lang::Zh);
        assert_eq!(Lang::from_env(None, env(&[("LANG", "en_US.UTF-8")])), Lang::En);
        assert_eq!(Lang::from_env(None, env(&[("LC_ALL", "C"), ("LANG", "zh_CN")])), Lang::En);
        assert_eq!(Lang::from_env(Some("zh"), env(&[("LANG", "en_US")])), Lang::Zh);
        assert_eq!(Lang::from_env(None, env(&[])), Lang::En);
    }
}

macro_rules! codes {
    ($($code:ident $name:literal $default:expr),* $(,)?) => {
        /// A rule: its code. Only the codes of the catalogue exist as values,
        /// so an unknown code cannot be written; the registry test checks
        /// that this list and the rules agree. Every diagnostic carries one.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Code {
            $($code),*
        }

        impl Code {
            /// Every code, in order.
            pub const ALL: &'static [Code] = &[$(Code::$code),*];

            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$code => stringify!($code)),*
                }
            }

            /// The rule's name (`applicant-total`).
            pub const fn name(self) -> &'static str {
                match self {
                    $(Code::$code => $name),*
                }
            }

            /// The rule's severity unless the settings say otherwise; `None`:
            /// off unless selected.
            pub const fn default_severity(self) -> Option<Severity> {
                #[allow(unused_imports)]
                use Severity::{Error, Info, Warning};
                match self {
                    $(Code::$code => $default),*
                }
            }
        }
    };
}

codes!(
    I001 "unreadable-input" Some(Error),
    I002 "lossy-decoding" Some(Warning),
    I003 "not-an-annual-report" Some(Error),
    I004 "lost-layout" Some(Info),
    S101 "missing-section" Some(Error),
    S102 "duplicate-section" Some(Error),
    S103 "section-order" Some(Warning),
    S104 "missing-table" Some(Error),
    S105 "missing-row" Some(Error),
    S106 "unexpected-row" Some(Warning),
    S107 "malformed-row" Some(Error),
    S108 "missing-title" Some(Warning),
    S109 "ambiguous-cells" Some(Warning),
    S110 "preamble-parts" Some(Warning),
    A201 "applicant-total" Some(Error),
    A202 "outcome-total" Some(Error),
    A203 "request-balance" Some(Error),
    A204 "review-total" Some(Error),
    A205 "carry-over-continuity" Some(Error),
    A206 "in-force-continuity" Some(Warning),
    A207 "narrative-mismatch" Some(Warning),
    W301 "non-standard-heading" Some(Warning),
    W302 "non-standard-row-label" Some(Warning),
    W303 "non-standard-column-label" Some(Warning),
    W304 "outdated-2019-format" Some(Warning),
    W305 "pre-2019-format" Some(Warning),
    W306 "punctuation-style" None,
    W307 "non-standard-title" Some(Warning),
    C401 "invalid-number" Some(Error),
    C402 "non-integer-count" Some(Error),
    C403 "blank-cell" Some(Warning),
    C404 "period-mismatch" Some(Warning),
    C405 "year-mismatch" Some(Warning),
    C406 "fee-statement-missing" Some(Warning),
    C407 "implausible-value" Some(Warning),
    P501 "late-publication" Some(Warning),
    P502 "copied-report" Some(Warning),
    P503 "year-on-year-jump" Some(Info),
);

impl Code {
    /// How many rules there are.
    pub(crate) const COUNT: usize = Code::ALL.len();

    /// Its place in [`Code::ALL`] (a table indexed by rule).
    pub(crate) fn index(self) -> usize {
        self as usize
    }

    /// The code written as `A204` (any case).
    pub fn parse(s: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|c| c.as_str().eq_ignore_ascii_case(s))
    }
}

/// Codes sort as they are written (`A204` before `I001`), as the output's
/// order has always been.
impl Ord for Code {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl PartialOrd for Code {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<str> for Code {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}
