//! `--fix` cannot hurt: it writes only through an exclusive, unpredictable
//! temporary file, follows a symlink to its target, refuses hard links,
//! read-only files, standard input, files changed since they were read and
//! files another program has open for writing, keeps owner, mode, extended
//! attributes, line endings, encoding and BOM, takes turns with another run
//! on the same file, cleans what a killed run left, and reaches its fixed
//! point in one run.

use crate::common;

use std::path::Path;
use std::process::{Output, Stdio};

fn temp_dir(name: &str) -> common::TempDir {
    common::temp_dir("fixsafe", name)
}

use common::ogilint;

/// The seed with one fixable label (`规范性文件` for `行政规范性文件`).
fn fixable() -> String {
    String::from_utf8(common::corpus("seed/huaibin-luji_2024.txt")).expect("UTF-8").replacen(
        "行政规范性文件\t",
        "规范性文件\t",
        1,
    )
}

fn fix(path: &Path) -> Output {
    ogilint().args(["check", "--fix", "--format", "concise"]).arg(path).output().expect("run")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn a_symlink_planted_at_the_old_temporary_name_is_not_followed() {
    let dir = temp_dir("plant");
    let report = dir.join("r.txt");
    std::fs::write(&report, fixable()).expect("write");
    let victim = dir.join("victim");
    std::fs::write(&victim, "keep me").expect("write");
    // The names an older ogilint used, for every pid nearby: all symlinks.
    #[cfg(unix)]
    for pid in 0..64u32 {
        let _ = std::os::unix::fs::symlink(&victim, dir.join(format!(".r.txt.ogilint-{pid}.tmp")));
    }
    let o = fix(&report);
    assert!(stderr(&o).contains("fix(es) applied"), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&victim).unwrap_or_default(), "keep me");
    assert!(std::fs::read_to_string(&report).unwrap_or_default().contains("\n行政规范性文件\t"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[cfg(unix)]
#[test]
fn a_symlink_is_fixed_through_to_its_target_and_stays_a_link() {
    let dir = temp_dir("link");
    let target = dir.join("target.txt");
    std::fs::write(&target, fixable()).expect("write");
    let link = dir.join("link.txt");
    std::os::unix::fs::symlink(&target, &link).expect("symlink");
    let o = fix(&link);
    assert!(stderr(&o).contains("fix(es) applied"), "{}", stderr(&o));
    assert!(std::fs::symlink_metadata(&link).map(|m| m.file_type().is_symlink()).unwrap_or(false));
    assert!(std::fs::read_to_string(&target).unwrap_or_default().contains("\n行政规范性文件\t"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[cfg(unix)]
#[test]
fn hard_links_and_read_only_files_are_refused_and_left_alone() {
    use std::os::unix::fs::PermissionsExt;
    let dir = temp_dir("refuse");
    let a = dir.join("a.txt");
    std::fs::write(&a, fixable()).expect("write");
    std::fs::hard_link(&a, dir.join("b.txt")).expect("hard link");
    let o = fix(&a);
    assert!(stderr(&o).contains("hard links"), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&a).unwrap_or_default(), fixable());
    let ro = dir.join("ro.txt");
    std::fs::write(&ro, fixable()).expect("write");
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o444)).expect("chmod");
    let o = fix(&ro);
    assert!(stderr(&o).contains("read-only"), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&ro).unwrap_or_default(), fixable());
    let _ = std::fs::remove_dir_all(&dir);
}

#[cfg(unix)]
#[test]
fn mode_and_owner_are_kept() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let dir = temp_dir("owner");
    let p = dir.join("r.txt");
    std::fs::write(&p, fixable()).expect("write");
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    // As root, give the file away first: the fix must not take it back.
    let _ = std::os::unix::fs::chown(&p, Some(4321), Some(4321));
    let before = std::fs::metadata(&p).expect("meta");
    let o = fix(&p);
    assert!(stderr(&o).contains("fix(es) applied"), "{}", stderr(&o));
    let after = std::fs::metadata(&p).expect("meta");
    assert_eq!((after.mode() & 0o7777, after.uid(), after.gid()), (0o640, before.uid(), before.gid()));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_file_changed_since_it_was_read_is_not_overwritten() {
    let dir = temp_dir("race");
    let p = dir.join("r.txt");
    std::fs::write(&p, "edited meanwhile").expect("write");
    let held = ogilint::fix::Held::take(&p).expect("held");
    let e = ogilint::fix::write_atomic(&held, b"what was read", b"fixed").expect_err("changed");
    drop(held);
    assert!(e.to_string().contains("changed"), "{e}");
    assert_eq!(std::fs::read_to_string(&p).unwrap_or_default(), "edited meanwhile");
    assert_eq!(std::fs::read_dir(&dir).map(|d| d.count()).unwrap_or(0), 1, "no temporary file left");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn crlf_and_cr_only_files_keep_their_line_endings() {
    let dir = temp_dir("eol");
    for (name, eol) in [("crlf.txt", "\r\n"), ("cr.txt", "\r")] {
        let p = dir.join(name);
        let text = fixable().replace('\n', eol);
        std::fs::write(&p, &text).expect("write");
        let o = fix(&p);
        assert!(stderr(&o).contains("fix(es) applied"), "{name}: {}", stderr(&o));
        let fixed = std::fs::read_to_string(&p).unwrap_or_default();
        assert_eq!(fixed, text.replacen("规范性文件\t", "行政规范性文件\t", 1), "{name}");
        // A heading fix (a whole line) keeps the line's ending too, and the
        // diagnostic is on the heading's own line.
        let heading = text.replace("五、存在的主要问题及改进情况", "五、政府信息公开工作存在的主要问题及改进情况");
        std::fs::write(&p, &heading).expect("write");
        let o = ogilint().args(["check", "--format", "concise"]).arg(&p).output().expect("run");
        assert!(String::from_utf8_lossy(&o.stdout).contains(":80:1: warning[W301]"), "{name}: {o:?}");
        let o = fix(&p);
        assert!(stderr(&o).contains("fix(es) applied"), "{name}: {}", stderr(&o));
        let standard = text.replacen("规范性文件\t", "行政规范性文件\t", 1);
        assert_eq!(std::fs::read_to_string(&p).unwrap_or_default(), standard, "{name}: heading fix");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn fix_on_standard_input_is_refused() {
    let mut child =
        ogilint().args(["check", "-", "--fix"]).stdin(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("spawn");
    if let Some(mut stdin) = child.stdin.take() {
        use std::io::Write;
        let _ = stdin.write_all(fixable().as_bytes());
    }
    let o = child.wait_with_output().expect("wait");
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("standard input"), "{}", stderr(&o));
}

/// Two runs fixing the same file at once, each with its own rule: they take
/// turns on the file's lock, and the file ends with both runs' fixes.
#[test]
fn two_runs_on_one_file_keep_both_fixes() {
    let dir = temp_dir("concurrent");
    // W302 fixes `规范性文件`; W306 fixes the seed's `(一) 予以公开`.
    let text = fixable();
    for round in 0..8 {
        let p = dir.join(format!("r{round}.txt"));
        std::fs::write(&p, &text).expect("write");
        let runs: Vec<std::process::Child> = ["W302", "W306"]
            .iter()
            .map(|rule| {
                ogilint()
                    .args(["check", "--fix", "--format", "concise", "--select", rule])
                    .arg(&p)
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .spawn()
                    .expect("spawn")
            })
            .collect();
        for mut r in runs {
            let _ = r.wait();
        }
        let after = std::fs::read_to_string(&p).expect("read");
        assert!(
            after.contains("行政规范性文件\t") && after.contains("（一）予以公开"),
            "round {round}: a run's fixes were lost"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// A file another program holds open for writing (a log being appended
/// to) is refused: its later writes would go to the replaced file.
#[cfg(target_os = "linux")]
#[test]
fn a_file_open_for_writing_elsewhere_is_refused() {
    let dir = temp_dir("appender");
    let p = dir.join("r.txt");
    std::fs::write(&p, fixable()).expect("write");
    let mut writer = std::process::Command::new("sh")
        .arg("-c")
        .arg("exec 3>>\"$1\"; sleep 30")
        .arg("sh")
        .arg(&p)
        .spawn()
        .expect("sh");
    // Wait until the shell has the file open (its descriptor 3 is the file).
    use std::os::unix::fs::MetadataExt;
    let ino = std::fs::metadata(&p).expect("meta").ino();
    let start = std::time::Instant::now();
    while start.elapsed() < std::time::Duration::from_secs(5) {
        if std::fs::metadata(format!("/proc/{}/fd/3", writer.id())).is_ok_and(|m| m.ino() == ino) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let out = fix(&p);
    let _ = writer.kill();
    let _ = writer.wait();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("open for writing"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&p).expect("read"), fixable());
    let _ = std::fs::remove_dir_all(&dir);
}

/// Extended attributes (where the file system has them) are on the fixed
/// file too.
#[cfg(target_os = "linux")]
#[test]
fn extended_attributes_are_kept() {
    let dir = temp_dir("xattr");
    let p = dir.join("r.txt");
    std::fs::write(&p, fixable()).expect("write");
    let set = std::process::Command::new("python3")
        .args(["-c", "import os,sys; os.setxattr(sys.argv[1], 'user.ogilint', b'kept')"])
        .arg(&p)
        .status();
    if !set.is_ok_and(|s| s.success()) {
        // No python3 or no user attributes on this file system.
        let _ = std::fs::remove_dir_all(&dir);
        return;
    }
    let out = fix(&p);
    assert!(stderr(&out).contains("fix(es) applied"), "{}", stderr(&out));
    let got = std::process::Command::new("python3")
        .args(["-c", "import os,sys; sys.stdout.write(os.getxattr(sys.argv[1], 'user.ogilint').decode())"])
        .arg(&p)
        .output()
        .expect("python3");
    assert_eq!(String::from_utf8_lossy(&got.stdout), "kept");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Temporary files that a killed run left next to the file are removed by
/// the next fix of it; other files are left alone.
#[test]
fn temporary_files_of_a_killed_run_are_cleaned() {
    let dir = temp_dir("stale");
    let p = dir.join("r.txt");
    std::fs::write(&p, fixable()).expect("write");
    std::fs::write(dir.join(".r.txt.AbC123.ogilint.tmp"), "half a fix").expect("write");
    std::fs::write(dir.join(".r.txt.notes"), "mine").expect("write");
    let out = fix(&p);
    assert!(stderr(&out).contains("fix(es) applied"), "{}", stderr(&out));
    let mut names: Vec<String> =
        std::fs::read_dir(&dir).expect("dir").flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    assert_eq!(names, [".r.txt.notes", "r.txt"]);
    let _ = std::fs::remove_dir_all(&dir);
}

/// A fix that makes room for another (`现行有效 (`: the header is completed,
/// then its added words removed) is carried to its end in one run.
#[test]
fn one_run_reaches_the_fixed_point() {
    let dir = temp_dir("fixed-point");
    let p = dir.join("r.txt");
    let text = fixable().replacen("现行有效件数", "现行有效 (", 1);
    std::fs::write(&p, &text).expect("write");
    let out = fix(&p);
    assert!(stderr(&out).contains("fix(es) applied"), "{}", stderr(&out));
    let again = ogilint().args(["check", "--format", "concise", "--select", "W"]).arg(&p).output().expect("run");
    assert_eq!(again.status.code(), Some(0), "{}", String::from_utf8_lossy(&again.stdout));
    let _ = std::fs::remove_dir_all(&dir);
}

/// After `--fix`, the output says what is left (not the findings just
/// fixed) and the summary counts the fixes; concise output marks a
/// fixable finding with `[*]`, as ruff does.
#[test]
fn fix_says_what_is_left_and_concise_marks_fixable_findings() {
    let dir = temp_dir("left");
    let p = dir.join("r.txt");
    std::fs::write(&p, fixable()).expect("write");
    let before = ogilint().args(["check", "--format", "concise", "--select", "W302"]).arg(&p).output().expect("run");
    assert!(String::from_utf8_lossy(&before.stdout).contains("warning[W302] [*] "), "{before:?}");
    let out =
        ogilint().args(["check", "--fix", "--format", "concise", "--select", "W302"]).arg(&p).output().expect("run");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "", "the fixed finding is said again");
    assert!(stderr(&out).contains("1 fixed"), "{}", stderr(&out));
    assert_eq!(out.status.code(), Some(0));
    let _ = std::fs::remove_dir_all(&dir);
}
