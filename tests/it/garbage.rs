//! Garbage in: a clear message and exit code 0 or 1, never a panic, through
//! the library and through the binary.

use crate::common;
use ogilint::template::{col, row};

use crate::common::{Kind, parse_bytes};

fn codes(bytes: &[u8]) -> Vec<&'static str> {
    parse_bytes(bytes, Kind::Auto).diagnostics.iter().map(|d| d.code.as_str()).collect()
}

/// Runs `ogilint parse` on `bytes` written to a temporary file.
fn cli(name: &str, bytes: &[u8]) -> (i32, String) {
    let dir = common::temp_dir("garbage", name);
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write temp file");
    let out = common::ogilint().arg("check").arg(&path).output().expect("run ogilint");
    let _ = std::fs::remove_dir_all(&dir);
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(!text.contains("panicked"), "{name}: {text}");
    (out.status.code().unwrap_or(-1), text)
}

/// A deterministic pseudo-random byte stream (xorshift).
fn random_bytes(n: usize, mut seed: u64) -> Vec<u8> {
    (0..n)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed >> 24) as u8
        })
        .collect()
}

#[test]
fn empty_file() {
    assert_eq!(codes(b""), ["I001"]);
    assert_eq!(codes(b" \n\t\n"), ["I001"]);
    let (code, text) = cli("empty.txt", b"");
    assert_eq!(code, 1);
    assert!(text.contains("I001") && text.contains("empty"), "{text}");
}

#[test]
fn jpeg() {
    let mut jpeg = vec![0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, b'J', b'F', b'I', b'F', 0];
    jpeg.extend(random_bytes(4000, 7));
    assert_eq!(codes(&jpeg), ["I001"]);
    let (code, text) = cli("photo.txt", &jpeg);
    assert_eq!(code, 1);
    assert!(text.contains("JPEG"), "{text}");
}

#[test]
fn binary_with_nul_bytes() {
    let mut bin = b"\x7FELF".to_vec();
    bin.extend(random_bytes(2000, 3));
    assert_eq!(codes(&bin), ["I001"]);
    let zeros = vec![0u8; 5000];
    assert_eq!(codes(&zeros), ["I001"]);
}

#[test]
fn random_bytes_never_panic() {
    for seed in 1..40u64 {
        let bytes = random_bytes(3000 + seed as usize * 17, seed);
        let parsed = parse_bytes(&bytes, Kind::Auto);
        assert!(!parsed.diagnostics.is_empty(), "seed {seed}: random bytes must be reported");
    }
    let (code, _) = cli("random.txt", &random_bytes(50_000, 99));
    assert!(code == 0 || code == 1);
}

#[test]
fn ten_megabytes_on_one_line() {
    let line = "平潭综合实验区123行政规范性文件4567结果维持".repeat(10 * 1024 * 1024 / 60);
    let parsed = parse_bytes(line.as_bytes(), Kind::Auto);
    // It has labels but no report structure: whatever is found, no panic.
    let _ = parsed.report.to_json(None, &parsed.lines);
    let digits = "1".repeat(10 * 1024 * 1024);
    let parsed = parse_bytes(digits.as_bytes(), Kind::Auto);
    assert!(parsed.diagnostics.iter().any(|d| d.code == "I003"));
}

#[test]
fn a_novel_with_no_tables() {
    let novel = "第一章 风起\n\n他走进了那座老城，街上行人稀少。雨一直下，直到傍晚。\n\n第二章 夜行\n\n灯火渐暗，远处传来钟声。\n".repeat(200);
    assert_eq!(codes(novel.as_bytes()), ["I003"]);
    let (code, text) = cli("novel.txt", novel.as_bytes());
    assert_eq!(code, 1);
    assert!(text.contains("I003"), "{text}");
}

#[test]
fn glued_digit_run_of_absurd_length_is_refused() {
    let text = format!("三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量{}\n", "7".repeat(5000));
    let parsed = parse_bytes(text.as_bytes(), Kind::Auto);
    assert!(parsed.diagnostics.iter().any(|d| d.code == "S107"), "{:?}", parsed.diagnostics);
}

#[test]
fn missing_path_is_exit_2() {
    let out = common::ogilint().args(["parse", "/no/such/report.txt"]).output().expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no such file"));
}

#[test]
fn a_truncated_report_still_yields_what_is_there() {
    let parsed = parse_bytes(&common::corpus("excerpts/zhanjiang_difangzhiban_2023.txt"), Kind::Auto);
    let requests = parsed.report.requests.as_ref().expect("table 3 begins in the excerpt");
    assert_eq!(requests.cell(row::GRANTED, col::TOTAL).and_then(|c| c.int()), Some(0));
    assert!(requests.row(row::CARRIED_FORWARD).is_none());
}
