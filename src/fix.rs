//! Safe wording fixes: applied to the text, shown as a unified diff
//! (`similar`), or written back atomically in the file's own encoding.

use crate::diagnostic::Diagnostic;
use encoding_rs::{Encoding, GB18030, UTF_8};
use std::io::Write;
use std::path::Path;

/// The text with every non-overlapping fix applied (the earlier wins).
pub fn apply(text: &str, diags: &[Diagnostic]) -> (String, usize) {
    let mut fixes: Vec<_> = diags.iter().filter_map(|d| d.fix.as_ref()).collect();
    fixes.sort_by_key(|f| (f.span.start, f.span.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    let mut applied = 0;
    for f in fixes {
        if f.span.start < at
            || f.span.end > text.len()
            || !text.is_char_boundary(f.span.start)
            || !text.is_char_boundary(f.span.end)
        {
            continue;
        }
        out.push_str(&text[at..f.span.start]);
        out.push_str(&f.replacement);
        at = f.span.end;
        applied += 1;
    }
    out.push_str(&text[at..]);
    (out, applied)
}

/// A unified diff of the fixes.
pub fn diff(name: &str, before: &str, after: &str) -> String {
    similar::TextDiff::from_lines(before, after).unified_diff().context_radius(1).header(name, name).to_string()
}

/// Why a fixed text cannot be written back.
#[derive(Debug)]
pub enum WriteError {
    /// The file was decoded with replacements: writing it back would lose bytes.
    Lossy(usize),
    /// A character of the new text has no form in the file's encoding.
    Unencodable(String),
    /// The file is not one a fix may replace.
    Refused(String),
    Io(std::io::Error),
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::Lossy(n) => {
                write!(f, "{n} byte sequence(s) could not be decoded; refusing to rewrite the file")
            }
            WriteError::Unencodable(enc) => write!(f, "the fixed text cannot be written in {enc}"),
            WriteError::Refused(why) => write!(f, "not fixed: {why}"),
            WriteError::Io(e) => write!(f, "{e}"),
        }
    }
}

/// Encodes text in the named encoding (as `Decoded::encoding_name` gives it).
pub fn encode(text: &str, encoding: &str, bom: bool) -> Result<Vec<u8>, WriteError> {
    let mut out = Vec::with_capacity(text.len() + 4);
    match encoding {
        "UTF-16LE" | "UTF-16BE" => {
            let be = encoding == "UTF-16BE";
            if bom {
                out.extend_from_slice(if be { &[0xFE, 0xFF] } else { &[0xFF, 0xFE] });
            }
            for u in text.encode_utf16() {
                out.extend_from_slice(&if be { u.to_be_bytes() } else { u.to_le_bytes() });
            }
        }
        other => {
            let enc: &'static Encoding =
                if other == "GB18030" { GB18030 } else { Encoding::for_label(other.as_bytes()).unwrap_or(UTF_8) };
            if bom && enc == UTF_8 {
                out.extend_from_slice(b"\xEF\xBB\xBF");
            }
            let (bytes, _, unmappable) = enc.encode(text);
            if unmappable {
                return Err(WriteError::Unencodable(other.to_string()));
            }
            out.extend_from_slice(&bytes);
        }
    }
    Ok(out)
}

/// Writes the fixed `bytes` over the file at `path`, whose content was
/// `original` when it was read, or refuses with the reason:
/// - a symlink is followed: its target is fixed, the link left as it is;
/// - a file that is not a regular file, has other hard links, or is
///   read-only (even for root) is refused;
/// - the new content goes to a temporary file created exclusively, with an
///   unpredictable name, in the same folder (`tempfile`), with the file's
///   mode, owner and group; it is synced, then renamed over the file;
/// - just before the rename the file is read again: if it changed since it
///   was read (another edit), the fix is refused and the file left alone.
pub fn write_atomic(path: &Path, original: &[u8], bytes: &[u8]) -> Result<(), WriteError> {
    let target = std::fs::canonicalize(path).map_err(WriteError::Io)?;
    let meta = std::fs::metadata(&target).map_err(WriteError::Io)?;
    if !meta.is_file() {
        return Err(WriteError::Refused("it is not a regular file".into()));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if meta.nlink() > 1 {
            return Err(WriteError::Refused(format!(
                "it has {} hard links, which a rewrite would separate",
                meta.nlink()
            )));
        }
        if meta.mode() & 0o222 == 0 {
            return Err(WriteError::Refused("it is read-only".into()));
        }
    }
    #[cfg(not(unix))]
    if meta.permissions().readonly() {
        return Err(WriteError::Refused("it is read-only".into()));
    }
    let dir = target.parent().unwrap_or(Path::new("."));
    let name = target.file_name().and_then(|n| n.to_str()).unwrap_or("report");
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".ogilint.tmp")
        .tempfile_in(dir)
        .map_err(WriteError::Io)?;
    tmp.write_all(bytes).map_err(WriteError::Io)?;
    std::fs::set_permissions(tmp.path(), meta.permissions()).map_err(WriteError::Io)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        // Keep the owner and group (a run as root must not take the file).
        std::os::unix::fs::fchown(tmp.as_file(), Some(meta.uid()), Some(meta.gid())).map_err(WriteError::Io)?;
    }
    tmp.as_file().sync_all().map_err(WriteError::Io)?;
    let now = std::fs::read(&target).map_err(WriteError::Io)?;
    if now != original {
        return Err(WriteError::Refused("it changed since it was read; run again".into()));
    }
    tmp.persist(&target).map_err(|e| WriteError::Io(e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Code, Diagnostic};
    use crate::model::Span;

    #[test]
    fn applies_non_overlapping_fixes() {
        let text = "五、存在问题\n规范性文件\t0";
        let a =
            Diagnostic::new(Code::W301, "x").fix(Span::new(0, "五、存在问题".len()), "五、存在的主要问题及改进情况");
        let start = text.find("规范性文件").unwrap_or(0);
        let b = Diagnostic::new(Code::W302, "y").fix(Span::new(start, start + "规范性文件".len()), "行政规范性文件");
        let (out, n) = apply(text, &[b, a]);
        assert_eq!(n, 2);
        assert_eq!(out, "五、存在的主要问题及改进情况\n行政规范性文件\t0");
    }

    #[test]
    fn encodes_in_the_files_own_encoding() {
        let gbk = encode("行政许可", "GB18030", false).unwrap_or_default();
        assert_eq!(GB18030.decode(&gbk).0, "行政许可");
        assert_eq!(encode("a", "UTF-16LE", true).unwrap_or_default(), vec![0xFF, 0xFE, b'a', 0]);
        assert_eq!(encode("a", "UTF-8", true).unwrap_or_default(), b"\xEF\xBB\xBFa");
    }

    #[test]
    fn atomic_write_replaces_the_file() {
        let dir = std::env::temp_dir().join(format!("ogilint-fix-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let p = dir.join("r.txt");
        let _ = std::fs::write(&p, "old");
        assert!(write_atomic(&p, b"old", b"new").is_ok());
        assert_eq!(std::fs::read(&p).unwrap_or_default(), b"new");
        let leftovers = std::fs::read_dir(&dir).map(|d| d.count()).unwrap_or(0);
        assert_eq!(leftovers, 1);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
