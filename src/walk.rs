//! Finding the files to lint, for every front end that reads a file system
//! (`check`, the bulk scan): directories walked with the `ignore` crate
//! (`.gitignore` and hidden files respected, symlinks followed with loops
//! detected), special files (FIFOs, sockets, devices) never opened, every
//! problem reported for its path while the walk goes on, and files read
//! with a size limit checked before reading.

use std::io::Read;
use std::path::{Path, PathBuf};

/// File endings taken when a directory is walked.
pub(crate) const REPORT_EXTENSIONS: &[&str] =
    &["txt", "md", "text", "html", "htm", "shtml", "xhtml", "pdf", "docx", "doc"];

/// Endings of pages saved from a site's server scripts (`…/art_123.jsp`),
/// and names with no ending: each is read in part, and taken when its
/// content is a web page or a report's text (see [`looks_like_report`]).
pub(crate) const SNIFFED_EXTENSIONS: &[&str] = &["jsp", "jspx", "aspx", "asp", "php", "cgi", "do", "action", "shtm"];

/// How much of a file of unknown kind is read to decide: a page's `<html>`
/// or a report's title stands in its first lines.
const SNIFF_BYTES: usize = 4096;

/// Names that describe a corpus rather than hold a report.
const NOT_REPORTS: &[&str] = &["README.md", "SOURCES.md"];

/// The default largest file read (bytes): far above any annual report.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 64 * 1024 * 1024;

/// One path found: a file to read, or a path that cannot be linted and why.
#[derive(Debug, Clone)]
pub enum Found {
    File(PathBuf),
    Skipped(PathBuf, Unreadable),
    /// A file passed over by its name while walking a folder (not a report
    /// by its ending): counted and said, never silent.
    Passed(PathBuf),
}

/// What a walk passed over by name, as one line for the user: how many
/// files, by ending. `None` when nothing was.
pub fn passed_note(found: &[Found], lang: crate::diagnostic::Lang) -> Option<String> {
    let mut by_ext: std::collections::BTreeMap<String, usize> = Default::default();
    for f in found {
        if let Found::Passed(p) = f {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            // A corpus's README is named; other files go by their ending.
            let key = if NOT_REPORTS.contains(&name) {
                name.to_string()
            } else {
                p.extension()
                    .and_then(|e| e.to_str())
                    .map_or("(none)".into(), |e| format!(".{}", e.to_ascii_lowercase()))
            };
            *by_ext.entry(key).or_default() += 1;
        }
    }
    let total: usize = by_ext.values().sum();
    if total == 0 {
        return None;
    }
    let list: Vec<String> = by_ext.iter().map(|(e, n)| format!("{e} {n}")).collect();
    Some(match lang {
        crate::diagnostic::Lang::Zh => format!(
            "ogilint：跳过 {total} 个文件，按名称和内容都不是报告（{}）；如要检查，请直接写出文件名，或用 --glob 选中",
            list.join("、")
        ),
        crate::diagnostic::Lang::En => format!(
            "ogilint: {total} file(s) passed over, not reports by their names or contents ({}); name a file, or select it with --glob, to read it anyway",
            list.join(", ")
        ),
    })
}

/// Why a path cannot be linted, as the walk, the checks of a path and the
/// reader find it; said in English by `Display`, in Chinese by [`Unreadable::zh`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unreadable {
    Missing,
    Directory,
    Fifo,
    Socket,
    Device,
    NotRegular,
    SymlinkLoop,
    /// Passed over while walking a folder: no report by its name.
    NotReportByName,
    /// Over `--max-file-size`: its size when known before reading.
    TooLarge {
        size: Option<u64>,
        limit: u64,
    },
    /// A `--glob` that does not parse (the glob when known, and why).
    BadGlob {
        glob: Option<String>,
        why: String,
    },
    /// The system refused (its kind and its own message).
    Io(std::io::ErrorKind, String),
}

impl Unreadable {
    /// A read the system refused.
    pub fn io(e: &std::io::Error) -> Unreadable {
        Unreadable::Io(e.kind(), e.to_string())
    }

    /// In Chinese; the system's own message for a failed read is named by
    /// its kind.
    pub fn zh(&self) -> String {
        use std::io::ErrorKind as K;
        match self {
            Unreadable::Missing => "文件或文件夹不存在".into(),
            Unreadable::Directory => "是文件夹".into(),
            Unreadable::Fifo => "是命名管道（FIFO），未读取".into(),
            Unreadable::Socket => "是套接字，未读取".into(),
            Unreadable::Device => "是设备文件，未读取".into(),
            Unreadable::NotRegular => "不是普通文件，未读取".into(),
            Unreadable::SymlinkLoop => "是循环的符号链接，未跟随".into(),
            Unreadable::NotReportByName => "按名称不是报告，未读取".into(),
            Unreadable::TooLarge { limit, .. } => format!("超过大小上限 {limit} 字节（--max-file-size），未读取"),
            Unreadable::BadGlob { glob: Some(g), why } => format!("--glob 写法有误 `{g}`：{why}"),
            Unreadable::BadGlob { glob: None, why } => format!("--glob 写法有误：{why}"),
            Unreadable::Io(kind, system) => {
                let said = match kind {
                    K::PermissionDenied => "没有读取权限",
                    K::NotFound => "文件不存在",
                    K::IsADirectory => "是文件夹",
                    _ if system.contains("Too many levels of symbolic links") => "符号链接层数过多",
                    _ if system.contains("Input/output error") => "读写错误",
                    _ => system,
                };
                format!("无法读取：{said}")
            }
        }
    }
}

impl std::fmt::Display for Unreadable {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            Unreadable::Missing => write!(f, "no such file or directory"),
            Unreadable::Directory => write!(f, "is a directory"),
            Unreadable::Fifo => write!(f, "is a FIFO (named pipe): not read"),
            Unreadable::Socket => write!(f, "is a socket: not read"),
            Unreadable::Device => write!(f, "is a device: not read"),
            Unreadable::NotRegular => write!(f, "is not a regular file: not read"),
            Unreadable::SymlinkLoop => write!(f, "is a symlink loop: not followed"),
            Unreadable::NotReportByName => write!(f, "is not a report by its name: not read"),
            Unreadable::TooLarge { size: Some(size), limit } => {
                write!(f, "is {size} bytes, above the limit of {limit} (--max-file-size): not read")
            }
            Unreadable::TooLarge { size: None, limit } => {
                write!(f, "is larger than the limit of {limit} bytes (--max-file-size): not read")
            }
            Unreadable::BadGlob { glob: Some(g), why } => write!(f, "has a bad --glob `{g}`: {why}"),
            Unreadable::BadGlob { glob: None, why } => write!(f, "has a bad --glob: {why}"),
            Unreadable::Io(_, system) => write!(f, "cannot be read: {system}"),
        }
    }
}

/// Why a path is not a file that can be read, if it is not (symlinks followed).
fn special(path: &Path) -> Result<(), Unreadable> {
    let meta = std::fs::metadata(path).map_err(|e| Unreadable::io(&e))?;
    let ft = meta.file_type();
    if ft.is_file() {
        return Ok(());
    }
    if ft.is_dir() {
        return Err(Unreadable::Directory);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return Err(Unreadable::Fifo);
        }
        if ft.is_socket() {
            return Err(Unreadable::Socket);
        }
        if ft.is_char_device() || ft.is_block_device() {
            return Err(Unreadable::Device);
        }
    }
    Err(Unreadable::NotRegular)
}

/// Whether a file of unknown kind, from its first bytes, is a web page or a
/// report's text: markup that opens a page, or the words every report title
/// holds in UTF-8, UTF-16 or GB18030.
pub(crate) fn looks_like_report(head: &[u8]) -> bool {
    crate::html::looks_like_html(head)
        || subject_encodings().iter().any(|enc| memchr::memmem::find(head, enc).is_some())
}

/// The title's subject (`政府信息公开`, short form `信息公开`) in each
/// encoding a report is saved in.
fn subject_encodings() -> &'static [Vec<u8>] {
    static ENCODED: std::sync::OnceLock<Vec<Vec<u8>>> = std::sync::OnceLock::new();
    ENCODED.get_or_init(|| {
        let subject = crate::template::TITLE_SHORT_SUBJECT;
        let (gb, _, _) = encoding_rs::GB18030.encode(subject);
        let le: Vec<u8> = subject.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = subject.encode_utf16().flat_map(u16::to_be_bytes).collect();
        vec![subject.as_bytes().to_vec(), gb.into_owned(), le, be]
    })
}

/// Whether a name leaves its kind to the content: a saved server page or no
/// ending at all.
fn is_sniffed_name(path: &Path) -> bool {
    match path.extension().and_then(|e| e.to_str()) {
        None => true,
        Some(e) => SNIFFED_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()),
    }
}

/// Reads the head of a file of unknown kind and says whether it is one to
/// lint; a file that cannot be read is left to the reader, which says why.
fn sniff(path: &Path) -> bool {
    let Ok(file) = std::fs::File::open(path) else { return true };
    let mut head = Vec::with_capacity(SNIFF_BYTES);
    match file.take(SNIFF_BYTES as u64).read_to_end(&mut head) {
        Ok(_) => looks_like_report(&head),
        Err(_) => true,
    }
}

fn is_report_name(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    ext.as_deref().is_some_and(|e| REPORT_EXTENSIONS.contains(&e)) && !NOT_REPORTS.contains(&name)
}

/// The files below `root` (or `root` itself), sorted within each folder.
/// Every problem (a loop, a dangling link, an unreadable folder, a FIFO) is
/// a `Skipped` entry, and the walk goes on.
pub fn walk(root: &Path, each: impl FnMut(Found)) {
    walk_filtered(root, &[], each);
}

/// [`walk`], keeping only the paths that `globs` select (`*.html`; a glob
/// starting with `!` excludes), as ripgrep's `--glob`.
pub fn walk_filtered(root: &Path, globs: &[String], mut each: impl FnMut(Found)) {
    let mut builder = ignore::WalkBuilder::new(root);
    if !globs.is_empty() {
        let mut o = ignore::overrides::OverrideBuilder::new(root);
        for g in globs {
            if let Err(e) = o.add(g) {
                each(Found::Skipped(
                    root.to_path_buf(),
                    Unreadable::BadGlob { glob: Some(g.clone()), why: e.to_string() },
                ));
                return;
            }
        }
        match o.build() {
            Ok(o) => {
                builder.overrides(o);
            }
            Err(e) => {
                each(Found::Skipped(root.to_path_buf(), Unreadable::BadGlob { glob: None, why: e.to_string() }));
                return;
            }
        }
    }
    let walker = builder
        .follow_links(true)
        .hidden(true)
        .git_ignore(true)
        .git_exclude(true)
        .require_git(false)
        .sort_by_file_name(|a, b| a.cmp(b))
        .build();
    for entry in walker {
        match entry {
            Ok(e) => {
                let path = e.path();
                if e.file_type().is_some_and(|t| t.is_dir()) {
                    continue;
                }
                if !is_report_name(path) {
                    // Selected by a --glob: read whatever its name.
                    if globs.iter().any(|g| !g.starts_with('!')) {
                        if let Ok(()) = special(path) {
                            each(Found::File(path.to_path_buf()));
                        }
                        continue;
                    }
                    // A saved server page or a name with no ending: its
                    // content decides.
                    if is_sniffed_name(path) && special(path).is_ok() && sniff(path) {
                        each(Found::File(path.to_path_buf()));
                        continue;
                    }
                    each(Found::Passed(path.to_path_buf()));
                    continue;
                }
                match special(path) {
                    Ok(()) => each(Found::File(path.to_path_buf())),
                    Err(why) => each(Found::Skipped(path.to_path_buf(), why)),
                }
            }
            Err(err) => {
                let path = error_path(&err).unwrap_or_else(|| root.to_path_buf());
                let why = match &err {
                    e if loop_error(e) => Unreadable::SymlinkLoop,
                    e => Unreadable::Io(
                        e.io_error().map_or(std::io::ErrorKind::Other, std::io::Error::kind),
                        e.to_string().rsplit(": ").next().unwrap_or("error").to_string(),
                    ),
                };
                each(Found::Skipped(path, why));
            }
        }
    }
}

fn loop_error(e: &ignore::Error) -> bool {
    match e {
        ignore::Error::Loop { .. } => true,
        ignore::Error::WithPath { err, .. } | ignore::Error::WithDepth { err, .. } => loop_error(err),
        _ => false,
    }
}

fn error_path(e: &ignore::Error) -> Option<PathBuf> {
    match e {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => error_path(err),
        ignore::Error::Loop { child, .. } => Some(child.clone()),
        _ => None,
    }
}

/// Whether a path given on the command line can be linted: a regular file
/// (through symlinks), or a directory to walk.
pub fn check_given(path: &Path) -> Result<(), Unreadable> {
    match std::fs::metadata(path) {
        Ok(m) if m.is_dir() => Ok(()),
        Ok(_) => special(path),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(Unreadable::Missing),
        Err(e) => Err(Unreadable::io(&e)),
    }
}

/// Reads a file whose size is checked first (from its metadata) and again
/// while reading (a file that grows, a device behind a link): never more
/// than `max` bytes are held.
pub fn read_limited(path: &Path, max: u64) -> Result<Vec<u8>, Unreadable> {
    special(path)?;
    let file = std::fs::File::open(path).map_err(|e| Unreadable::io(&e))?;
    let len = file.metadata().map(|m| m.len()).unwrap_or(0);
    if len > max {
        return Err(Unreadable::TooLarge { size: Some(len), limit: max });
    }
    let mut buf = Vec::with_capacity(len as usize);
    file.take(max + 1).read_to_end(&mut buf).map_err(|e| Unreadable::io(&e))?;
    if buf.len() as u64 > max {
        return Err(Unreadable::TooLarge { size: None, limit: max });
    }
    Ok(buf)
}

/// Whether two paths name the same existing file (the same device and
/// inode where the system has them; the same canonical path elsewhere).
pub fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (std::fs::metadata(a), std::fs::metadata(b)) {
            (Ok(x), Ok(y)) => x.dev() == y.dev() && x.ino() == y.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        matches!((std::fs::canonicalize(a), std::fs::canonicalize(b)), (Ok(x), Ok(y)) if x == y)
    }
}

/// A path as the user reads it in output: as written where it is UTF-8;
/// each byte that is not (a name from another system's encoding) as `\xFF`,
/// so that two such names never read alike (`bad\xFF.txt`, `bad\xFE.txt`).
pub fn name_of(path: &Path) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let bytes = path.as_os_str().as_bytes();
        let mut out = String::with_capacity(bytes.len());
        for chunk in bytes.utf8_chunks() {
            out.push_str(chunk.valid());
            for b in chunk.invalid() {
                out.push_str(&format!("\\x{b:02X}"));
            }
        }
        out
    }
    #[cfg(not(unix))]
    {
        path.display().to_string()
    }
}
