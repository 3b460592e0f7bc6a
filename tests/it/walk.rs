//! The walk survives a hostile tree: a symlink loop, a FIFO, a symlink to a
//! device, a dangling link and a 2 GB sparse file each get their diagnostic,
//! the reports beside them are linted, and the run ends in well under a second.

#![cfg(unix)]

use crate::common;

use std::process::Command;

#[test]
fn a_hostile_tree_is_walked_with_a_diagnostic_for_each_problem() {
    let dir = common::temp_dir("walk", "hostile");
    std::fs::create_dir_all(dir.join("sub")).expect("dirs");
    let seed = common::corpus("seed/huaibin-luji_2024.txt");
    std::fs::write(dir.join("a.txt"), &seed).expect("a");
    let faulty = String::from_utf8_lossy(&seed).replacen("行政规范性文件\t", "规范性文件\t", 1);
    std::fs::write(dir.join("sub/b.txt"), faulty).expect("b");
    std::os::unix::fs::symlink("..", dir.join("sub/loop")).expect("loop");
    std::os::unix::fs::symlink("/dev/zero", dir.join("zero.txt")).expect("zero");
    std::os::unix::fs::symlink(dir.join("nothing"), dir.join("dangling.txt")).expect("dangling");
    let fifo = dir.join("fifo.txt");
    let made = Command::new("mkfifo").arg(&fifo).status().map(|s| s.success()).unwrap_or(false);
    let sparse = std::fs::File::create(dir.join("sparse.txt")).expect("sparse");
    sparse.set_len(2 << 30).expect("2 GB");
    let out = common::ogilint().args(["check", "--format", "concise"]).arg(&dir).output().expect("run");
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    for (name, why) in [
        ("sub/loop", "symlink loop"),
        ("zero.txt", "device"),
        ("dangling.txt", "cannot be read"),
        ("sparse.txt", "above the limit"),
    ] {
        assert!(text.lines().any(|l| l.contains(name) && l.contains("I001") && l.contains(why)), "{name}: {text}");
    }
    if made {
        assert!(text.lines().any(|l| l.contains("fifo.txt") && l.contains("FIFO")), "{text}");
        // Given directly, the same message, not a hang or "no such file".
        let direct = common::ogilint().args(["check", "--format", "concise"]).arg(&fifo).output().expect("run");
        assert!(String::from_utf8_lossy(&direct.stdout).contains("FIFO"));
    }
    // The reports beside the problems are linted: the seed has no diagnostic,
    // its faulty copy its one W302.
    assert!(!text.lines().any(|l| l.contains("a.txt")), "{text}");
    assert!(text.lines().any(|l| l.contains("sub/b.txt") && l.contains("W302")), "{text}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// A folder's other files are counted and said, never skipped in silence;
/// PDF and Word files are read; `--glob` reads any name it selects.
#[test]
fn files_passed_over_by_name_are_counted_and_said() {
    let dir = common::temp_dir("walk", "passed");
    let seed = common::corpus("seed/huaibin-luji_2024.txt");
    std::fs::write(dir.join("a.txt"), &seed).expect("a");
    // Saved server pages and names with no ending are read by content.
    std::fs::write(dir.join("page.jsp"), &seed).expect("jsp");
    std::fs::write(dir.join("art_1984"), &seed).expect("no ending");
    std::fs::write(dir.join("list.php"), "<?php echo $rows; ?>").expect("php");
    std::fs::write(dir.join("photo.jpg"), b"\xFF\xD8\xFF").expect("jpg");
    std::fs::copy(common::root().join("tests/fixtures/office/report_7_01.docx"), dir.join("r.docx")).expect("docx");
    for verb in [["check", "--format", "concise"], ["scan", "--format", "concise"], ["export", "--format", "csv"]] {
        let out = common::ogilint().args(verb).arg(&dir).output().expect("run");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("2 file(s) passed over") && err.contains(".jpg 1") && err.contains(".php 1"),
            "{verb:?}: {err}"
        );
    }
    let out = common::ogilint().args(["scan", "--format", "jsonl"]).arg(&dir).output().expect("run");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!text.contains("r.docx\",\"code\":\"I001"), "the .docx is read: {text}");
    let out = common::ogilint().args(["export", "--format", "csv"]).arg(&dir).output().expect("run");
    let rows = String::from_utf8_lossy(&out.stdout);
    for name in ["page.jsp", "art_1984"] {
        assert!(rows.lines().any(|l| l.contains(name)), "{name} is read by its content: {rows}");
    }
    let out =
        common::ogilint().args(["scan", "--format", "concise", "--glob", "*.php"]).arg(&dir).output().expect("run");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("passed over"), "{err}");
    let files_read = String::from_utf8_lossy(&out.stderr).to_string() + &String::from_utf8_lossy(&out.stdout);
    assert!(files_read.contains("1 file"), "{files_read}");
}

/// `check` closes with a summary on standard error (none with `-q`), and
/// `--diff` with fixes pending exits 1, as ruff does.
#[test]
fn check_closes_with_a_summary_and_diff_fails_with_fixes_pending() {
    let dir = common::temp_dir("walk", "summary");
    let seed = String::from_utf8(common::corpus("seed/huaibin-luji_2024.txt")).expect("UTF-8");
    std::fs::write(dir.join("ok.txt"), &seed).expect("w");
    let out = common::ogilint().args(["check", "--lang", "en"]).arg(&dir).output().expect("run");
    assert_eq!(String::from_utf8_lossy(&out.stderr).trim(), "No problems found in 1 file(s)");
    let paraphrased = seed.replacen("五、存在的主要问题及改进情况", "五、政府信息公开工作存在的主要问题及改进情况", 1);
    std::fs::write(dir.join("w.txt"), paraphrased).expect("w");
    let out = common::ogilint().args(["check", "--lang", "zh", "--format", "concise"]).arg(&dir).output().expect("run");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("发现 0 个错误、1 个警告") && err.contains("1 个可用 --fix"), "{err}");
    let out = common::ogilint().args(["check", "-q"]).arg(&dir).output().expect("run");
    assert!(String::from_utf8_lossy(&out.stderr).is_empty());
    let out = common::ogilint().args(["check", "--diff"]).arg(&dir).output().expect("run");
    assert_eq!(out.status.code(), Some(1), "a fix is pending");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Output that cannot be written (a full disk) is a failure with a message,
/// never a silent exit 0.
#[test]
fn a_full_disk_is_an_error_for_every_verb() {
    if !std::path::Path::new("/dev/full").exists() {
        return;
    }
    let real = common::root().join("corpus/real");
    for args in [
        vec!["check", "--format", "json"],
        vec!["scan", "-o", "/dev/full"],
        vec!["export", "-o", "/dev/full"],
        vec!["parse", "--format", "json"],
    ] {
        let out = common::ogilint()
            .args(&args)
            .arg(&real)
            .stdout(std::fs::File::create("/dev/full").expect("/dev/full"))
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("cannot write the output"), "{args:?}");
    }
}

/// A finding about a whole file (I001–I003) names its file in human output.
#[test]
fn human_output_names_the_file_of_a_finding_without_a_place() {
    let dir = common::temp_dir("walk", "named");
    std::fs::write(dir.join("empty.txt"), "").expect("w");
    let out = common::ogilint().args(["check", "--lang", "en"]).arg(dir.join("empty.txt")).output().expect("run");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("error[I001]") && text.contains("file: ") && text.contains("empty.txt"), "{text}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// An empty folder is said, not passed in silence.
#[test]
fn an_empty_folder_is_said() {
    let dir = common::temp_dir("walk", "empty-folder");
    for verb in ["check", "scan"] {
        let out = common::ogilint().arg(verb).arg(&dir).output().expect("run");
        assert!(String::from_utf8_lossy(&out.stderr).contains("holds no report file"), "{verb}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
