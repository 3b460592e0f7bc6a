//! Text from a report or a file name never drives the terminal: control
//! characters and bidi overrides are shown escaped in human, concise and
//! github output; JSON and SARIF keep them exactly (escaped by JSON itself).

use crate::common;

#[test]
fn control_characters_from_the_input_are_escaped() {
    let dir = common::temp_dir("term", "control");
    let seed = String::from_utf8(common::corpus("seed/huaibin-luji_2024.txt")).expect("UTF-8");
    // A clear-screen, a bell, a bare CR and a right-to-left override inside a
    // label and a heading that diagnostics quote and show.
    let text = seed.replacen("行政规范性文件\t", "规范\x1b[2J性\x07文\u{202E}件\t", 1).replacen(
        "五、存在的主要问题及改进情况",
        "五、存在的\x1b]0;pwned\x07问题\r及改进",
        1,
    );
    let path = dir.join("r\x1b[31m\nname.txt");
    std::fs::write(&path, text).expect("write");
    for format in ["human", "concise", "github"] {
        let out =
            common::ogilint().args(["check", "--color", "never", "--format", format]).arg(&path).output().expect("run");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(!stdout.is_empty(), "{format}: no output");
        for bad in ['\x1b', '\x07', '\r', '\u{202E}'] {
            assert!(!stdout.contains(bad), "{format}: {bad:?} reached the terminal:\n{stdout}");
        }
        if format == "concise" {
            // One line per diagnostic, even with a newline in the file name.
            assert!(stdout.lines().all(|l| l.contains("name.txt:")), "{stdout}");
        }
    }
    let json = common::ogilint().args(["check", "--format", "json"]).arg(&path).output().expect("run");
    let json = String::from_utf8_lossy(&json.stdout);
    assert!(json.contains("\\u001b"), "JSON keeps the character, escaped by JSON");
    let _ = std::fs::remove_dir_all(&dir);
}
