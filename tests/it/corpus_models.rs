//! Snapshots of the model of every report of the bundled corpus. Each
//! snapshot was checked by hand against its source; `corpus/README.md` says
//! what was verified in each and which quirks it has.

use crate::common;
use crate::common::Kind;

fn snapshot_dir(dir: &str) {
    let files = common::files_in(dir);
    assert!(!files.is_empty(), "no files in corpus/{dir}");
    for path in files {
        let bytes = std::fs::read(&path).expect("readable corpus file");
        let parsed = common::parse_bytes(&bytes, Kind::Auto);
        let name = format!("{dir}/{}", path.file_name().and_then(|n| n.to_str()).unwrap_or(""));
        let mut settings = insta::Settings::clone_current();
        // A PDF or Word file is named apart from the texts extracted from it.
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        let suffix = match ext {
            "pdf" | "docx" | "doc" => format!("{}_{ext}", common::file_stem(&path)),
            _ => common::file_stem(&path),
        };
        settings.set_snapshot_suffix(suffix);
        settings.set_prepend_module_to_snapshot(false);
        settings.bind(|| insta::assert_snapshot!(dir, common::describe(&name, &parsed)));
    }
}

#[test]
fn seed() {
    snapshot_dir("seed");
}

#[test]
fn real() {
    snapshot_dir("real");
}

#[test]
fn excerpts() {
    snapshot_dir("excerpts");
}

/// The three PDF reports, read directly and in the two texts `pdftotext` makes.
#[test]
fn pdf() {
    snapshot_dir("pdf");
}
