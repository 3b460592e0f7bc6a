//! Safe wording fixes: applied to the text, shown as a unified diff
//! (`similar`), or written back atomically in the file's own encoding.

use crate::diagnostic::Diagnostic;
use encoding_rs::{UTF_8, UTF_16BE, UTF_16LE};
use std::io::Write;
use std::path::{Path, PathBuf};

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

/// Encodes text in the encoding its file was read in (text read from a PDF
/// or Word document, or from nothing, is written as UTF-8).
pub fn encode(text: &str, encoding: crate::model::Encoding, bom: bool) -> Result<Vec<u8>, WriteError> {
    let mut out = Vec::with_capacity(text.len() + 4);
    let enc = match encoding {
        crate::model::Encoding::Text(e) => e,
        _ => UTF_8,
    };
    if enc == UTF_16LE || enc == UTF_16BE {
        let be = enc == UTF_16BE;
        if bom {
            out.extend_from_slice(if be { &[0xFE, 0xFF] } else { &[0xFF, 0xFE] });
        }
        for u in text.encode_utf16() {
            out.extend_from_slice(&if be { u.to_be_bytes() } else { u.to_le_bytes() });
        }
        return Ok(out);
    }
    if bom && enc == UTF_8 {
        out.extend_from_slice(b"\xEF\xBB\xBF");
    }
    let (bytes, _, unmappable) = enc.encode(text);
    if unmappable {
        return Err(WriteError::Unencodable(crate::decode::display_name(enc).to_string()));
    }
    out.extend_from_slice(&bytes);
    Ok(out)
}

/// A file held for fixing: an advisory lock (`flock`) on it from before it
/// is read until its fixed content has replaced it, so that two runs fixing
/// the same file take turns (the second reads what the first wrote) rather
/// than one losing the other's fixes.
pub struct Held {
    file: std::fs::File,
    target: PathBuf,
}

/// How many times a file replaced while waiting for its lock is tried again.
const HOLD_TRIES: usize = 8;

impl Held {
    /// Locks the file at `path` (the target of a symlink), waiting for
    /// another run that holds it; a file replaced meanwhile (by that run's
    /// rename) is locked again under its new content.
    pub fn take(path: &Path) -> Result<Held, WriteError> {
        for _ in 0..HOLD_TRIES {
            let target = std::fs::canonicalize(path).map_err(WriteError::Io)?;
            let file = std::fs::File::open(&target).map_err(WriteError::Io)?;
            file.lock().map_err(WriteError::Io)?;
            let now = std::fs::metadata(&target).map_err(WriteError::Io)?;
            if same_inode(&file.metadata().map_err(WriteError::Io)?, &now) {
                return Ok(Held { file, target });
            }
        }
        Err(WriteError::Refused("it keeps being replaced while ogilint waits for it".into()))
    }

    /// The file's content now, read through the lock.
    pub fn read(&self) -> std::io::Result<Vec<u8>> {
        use std::io::{Read, Seek};
        let mut f = &self.file;
        f.seek(std::io::SeekFrom::Start(0))?;
        let mut out = Vec::new();
        f.read_to_end(&mut out)?;
        Ok(out)
    }
}

fn same_inode(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        a.dev() == b.dev() && a.ino() == b.ino()
    }
    #[cfg(not(unix))]
    {
        a.len() == b.len() && a.modified().ok() == b.modified().ok()
    }
}

/// The suffix of the temporary files a fix writes (`.NAME.XXXXXX.ogilint.tmp`).
const TEMP_SUFFIX: &str = ".ogilint.tmp";

/// Removes the temporary files of fixes of `name` in `dir` that a killed run
/// left behind. Called under the file's lock, so no run is writing one.
fn remove_stale_temps(dir: &Path, name: &str) {
    let prefix = format!(".{name}.");
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let file_name = e.file_name();
        let Some(n) = file_name.to_str() else { continue };
        let Some(middle) = n.strip_prefix(&prefix).and_then(|r| r.strip_suffix(TEMP_SUFFIX)) else { continue };
        // tempfile's random part: six letters or digits.
        if middle.len() == 6
            && middle.bytes().all(|b| b.is_ascii_alphanumeric())
            && e.file_type().is_ok_and(|t| t.is_file())
        {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// Copies the extended attributes (ACLs, SELinux labels, user attributes)
/// of `from` to `to`; one that cannot be kept refuses the fix rather than
/// being dropped.
#[cfg(target_os = "linux")]
fn copy_xattrs(from: &std::fs::File, to: &std::fs::File) -> Result<(), WriteError> {
    use rustix::fs::{XattrFlags, fgetxattr, flistxattr, fsetxattr};
    let mut names = vec![0u8; 64 * 1024];
    let len = match flistxattr(from, &mut names[..]) {
        Ok(n) => n,
        // No extended attributes on this file system: nothing to keep.
        Err(e) if e == rustix::io::Errno::NOTSUP || e == rustix::io::Errno::NOSYS => return Ok(()),
        Err(e) => return Err(WriteError::Io(e.into())),
    };
    let mut value = vec![0u8; 64 * 1024];
    for name in names[..len].split(|&b| b == 0).filter(|n| !n.is_empty()) {
        let Ok(text) = std::str::from_utf8(name) else { continue };
        let n = fgetxattr(from, text, &mut value[..]).map_err(|e| WriteError::Io(e.into()))?;
        fsetxattr(to, text, &value[..n], XattrFlags::empty()).map_err(|e| {
            WriteError::Refused(format!("its extended attribute `{text}` cannot be kept on the fixed file ({e})"))
        })?;
    }
    Ok(())
}

#[cfg(not(target_os = "linux"))]
fn copy_xattrs(_: &std::fs::File, _: &std::fs::File) -> Result<(), WriteError> {
    Ok(())
}

/// The programs (by process id) that hold the file open for writing: their
/// writes would go to the old file once the fixed one replaces it.
#[cfg(target_os = "linux")]
fn open_for_writing(meta: &std::fs::Metadata) -> Vec<u32> {
    use std::os::unix::fs::MetadataExt;
    let me = std::process::id();
    let mut out = Vec::new();
    let Ok(procs) = std::fs::read_dir("/proc") else { return out };
    for p in procs.flatten() {
        let Some(pid) = p.file_name().to_str().and_then(|n| n.parse::<u32>().ok()) else { continue };
        if pid == me {
            continue;
        }
        let Ok(fds) = std::fs::read_dir(p.path().join("fd")) else { continue };
        for fd in fds.flatten() {
            let Ok(m) = std::fs::metadata(fd.path()) else { continue };
            if m.dev() != meta.dev() || m.ino() != meta.ino() {
                continue;
            }
            // `flags:` in fdinfo is octal; O_WRONLY is 1, O_RDWR 2.
            let info = std::fs::read_to_string(p.path().join("fdinfo").join(fd.file_name())).unwrap_or_default();
            let flags = info
                .lines()
                .find_map(|l| l.strip_prefix("flags:"))
                .and_then(|v| u32::from_str_radix(v.trim(), 8).ok())
                .unwrap_or(0);
            if flags & 0o3 != 0 && !out.contains(&pid) {
                out.push(pid);
            }
        }
    }
    out
}

#[cfg(not(target_os = "linux"))]
fn open_for_writing(_: &std::fs::Metadata) -> Vec<u32> {
    Vec::new()
}

/// Writes the fixed `bytes` over the held file, whose content was
/// `original` when it was read, or refuses with the reason:
/// - a symlink is followed: its target is fixed, the link left as it is;
/// - a file that is not a regular file, has other hard links, or is
///   read-only (even for root) is refused;
/// - a file another program holds open for writing (a log appended to) is
///   refused: its writes would go to the replaced file;
/// - the new content goes to a temporary file created exclusively, with an
///   unpredictable name, in the same folder (`tempfile`), with the file's
///   mode, owner, group and extended attributes; it is synced, then renamed
///   over the file; temporary files a killed run left are removed first;
/// - just before the rename the file is read again: if it changed since it
///   was read (another edit), the fix is refused and the file left alone.
pub fn write_atomic(held: &Held, original: &[u8], bytes: &[u8]) -> Result<(), WriteError> {
    let target = &held.target;
    let meta = std::fs::metadata(target).map_err(WriteError::Io)?;
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
    let writers = open_for_writing(&meta);
    if !writers.is_empty() {
        let ids: Vec<String> = writers.iter().map(u32::to_string).collect();
        return Err(WriteError::Refused(format!(
            "another program has it open for writing (process {}); close it and run again",
            ids.join(", ")
        )));
    }
    let dir = target.parent().unwrap_or(Path::new("."));
    let name = target.file_name().and_then(|n| n.to_str()).unwrap_or("report");
    remove_stale_temps(dir, name);
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(TEMP_SUFFIX)
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
    copy_xattrs(&held.file, tmp.as_file())?;
    tmp.as_file().sync_all().map_err(WriteError::Io)?;
    let now = held.read().map_err(WriteError::Io)?;
    if now != original {
        return Err(WriteError::Refused("it changed since it was read; run again".into()));
    }
    tmp.persist(target).map_err(|e| WriteError::Io(e.error))?;
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
        use crate::model::Encoding::Text;
        use encoding_rs::GB18030;
        let gbk = encode("行政许可", Text(GB18030), false).unwrap_or_default();
        assert_eq!(GB18030.decode(&gbk).0, "行政许可");
        assert_eq!(encode("a", Text(UTF_16LE), true).unwrap_or_default(), vec![0xFF, 0xFE, b'a', 0]);
        assert_eq!(encode("a", Text(UTF_16BE), false).unwrap_or_default(), vec![0, b'a']);
        assert_eq!(encode("a", Text(UTF_8), true).unwrap_or_default(), b"\xEF\xBB\xBFa");
        // Characters Big5 lacks: an encoding that cannot write the fixed text
        // refuses it.
        let big5 = encoding_rs::BIG5;
        assert!(matches!(encode("𠀀𪚥", Text(big5), false), Err(WriteError::Unencodable(_))));
    }

    #[test]
    fn atomic_write_replaces_the_file() {
        let dir = std::env::temp_dir().join(format!("ogilint-fix-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let p = dir.join("r.txt");
        let _ = std::fs::write(&p, "old");
        let held = Held::take(&p).expect("held");
        assert!(write_atomic(&held, b"old", b"new").is_ok());
        drop(held);
        assert_eq!(std::fs::read(&p).unwrap_or_default(), b"new");
        let leftovers = std::fs::read_dir(&dir).map(|d| d.count()).unwrap_or(0);
        assert_eq!(leftovers, 1);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
