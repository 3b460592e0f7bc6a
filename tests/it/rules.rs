//! Every rule against its fixtures, the registry against the catalogue, the
//! rendered output of a report with several errors, and mutations of the seed
//! that the arithmetic rules must point at.

use crate::common;
use crate::common::Kind;

use ogilint::diagnostic::Lang;
use ogilint::render::{self, FileReport};
use ogilint::rules::{RULES, Settings};
use std::collections::BTreeSet;

fn lint(text: &str, select: &[&str]) -> Vec<ogilint::diagnostic::Diagnostic> {
    let parsed = common::parse_str(text);
    let settings = Settings { select: select.iter().map(|s| s.to_string()).collect(), ..Settings::default() };
    common::check(&parsed, &settings)
}

/// `tests/fixtures/rules/CODE/{fail,pass}.txt`: the failing one must give
/// the rule's diagnostic, the passing one must not.
#[test]
fn every_rule_has_a_failing_and_a_passing_fixture() {
    let dir = common::root().join("tests/fixtures/rules");
    for rule in RULES {
        let code = rule.meta.code.as_str();
        // Rules across reports have fixtures of two reports (tests/scan.rs).
        if ["A205", "A206", "P502", "P503"].contains(&code) {
            continue;
        }
        for (kind, must_fire) in [("fail", true), ("pass", false)] {
            let path = dir.join(code).join(format!("{kind}.txt"));
            let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let parsed = common::parse_bytes(&bytes, Kind::Auto);
            let settings = Settings { select: vec![code.to_string()], ..Settings::default() };
            let fired = common::check(&parsed, &settings).iter().any(|d| d.code == code);
            assert_eq!(fired, must_fire, "{code} on {kind}.txt");
        }
    }
}

fn codes_in(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for line in text.lines() {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        if let Some(c) = cells.get(1) {
            let b = c.as_bytes();
            if b.len() == 4 && b[0].is_ascii_uppercase() && b[1..].iter().all(u8::is_ascii_digit) {
                out.insert(c.to_string());
            }
        }
    }
    out
}

#[test]
fn codes_agree_between_source_rules_readme_and_catalogue() {
    let registry: BTreeSet<String> = RULES.iter().map(|r| r.meta.code.to_string()).collect();
    // `ogilint rules` prints the registry.
    let out = common::ogilint().arg("rules").output().expect("run ogilint rules");
    let listed: BTreeSet<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .skip(1)
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .collect();
    assert_eq!(listed, registry);
    // The typed codes are the registry's codes, no more, no fewer.
    let typed: BTreeSet<String> = ogilint::diagnostic::Code::ALL.iter().map(|c| c.as_str().to_string()).collect();
    assert_eq!(typed, registry, "diagnostic::Code and the registry");
    let readme = std::fs::read_to_string(common::root().join("README.md")).expect("README");
    assert_eq!(codes_in(&readme), registry, "README rule table");
    // The rule reference in docs/ is the registry's own output, current.
    let generated = common::ogilint().args(["rules", "--format", "markdown"]).output().expect("run ogilint rules");
    let generated = String::from_utf8_lossy(&generated.stdout);
    assert_eq!(codes_in(&generated), registry, "rules --format markdown");
    let committed = std::fs::read_to_string(common::root().join("docs/rules.md")).unwrap_or_default();
    assert!(
        committed == generated,
        "docs/rules.md is not current: run `cargo run -- rules --format markdown > docs/rules.md`"
    );
}

/// The seed with several faults: a wrong row total, a wrong outcome total, a
/// paraphrased heading, an old row label, a blank cell, no fee statement.
fn faulty_report() -> String {
    let s = String::from_utf8(common::corpus("seed/huaibin-luji_2024.txt")).unwrap_or_default();
    s.replacen("一、本年新收政府信息公开申请数量\t\t0\t0", "一、本年新收政府信息公开申请数量\t\t3\t0", 1)
        .replacen("(七) 总计\t0\t0\t0\t0\t0\t0\t0", "(七) 总计\t2\t0\t0\t0\t0\t0\t2", 1)
        .replacen("五、存在的主要问题及改进情况", "五、政府信息公开工作存在的主要问题及改进情况", 1)
        .replacen("行政规范性文件\t0", "规范性文件\t0", 1)
        .replacen("行政处罚\t0", "行政处罚\t/", 1)
        .replacen("2024年未收取政府信息处理费。", "无。", 1)
}

#[test]
fn rendered_output_of_a_faulty_report() {
    let text = faulty_report();
    let parsed = common::parse_str(&text);
    let diags = common::check(&parsed, &Settings::default());
    let file = FileReport { name: "faulty.txt", text: &parsed.text, lines: &parsed.lines, diagnostics: &diags };
    insta::assert_snapshot!("faulty_human_en", render::human::render(&file, Lang::En, false));
    insta::assert_snapshot!("faulty_human_zh", render::human::render(&file, Lang::Zh, false));
    insta::assert_snapshot!("faulty_concise", render::concise(&file, Lang::En));
    insta::assert_snapshot!("faulty_json", render::json::render(&file, Lang::En));
    insta::assert_snapshot!("faulty_github", render::github::render(&file, Lang::En));
}

#[test]
fn sarif_is_valid_json_with_rules_and_results() {
    let text = faulty_report();
    let parsed = common::parse_str(&text);
    let diags = common::check(&parsed, &Settings::default());
    let file = FileReport { name: "faulty.txt", text: &parsed.text, lines: &parsed.lines, diagnostics: &diags };
    let sarif: serde_json::Value = serde_json::from_str(&render::sarif::render(&[file], Lang::En)).expect("JSON");
    assert_eq!(sarif["version"], "2.1.0");
    assert_eq!(sarif["runs"][0]["tool"]["driver"]["rules"].as_array().map(Vec::len), Some(RULES.len()));
    assert_eq!(sarif["runs"][0]["results"].as_array().map(Vec::len), Some(diags.len()));
}

#[test]
fn json_lines_have_the_shape_of_cli_md() {
    let parsed = common::parse_str(&faulty_report());
    let diags = common::check(&parsed, &Settings::default());
    let file = FileReport { name: "r.txt", text: &parsed.text, lines: &parsed.lines, diagnostics: &diags };
    for line in render::json::render(&file, Lang::En).lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("one JSON object per line");
        for key in ["file", "code", "name", "severity", "message", "spans", "notes", "help"] {
            assert!(v.get(key).is_some(), "{key} missing in {line}");
        }
        let span = &v["spans"][0];
        for key in
            ["line_start", "column_start", "line_end", "column_end", "byte_start", "byte_end", "primary", "label"]
        {
            assert!(span.get(key).is_some(), "{key} missing in {line}");
        }
    }
}

/// A dozen single-number changes in table 3 of the seed, across the four
/// arithmetic rules: each must give an A-diagnostic on the changed cell's line.
#[test]
fn mutations_of_table_3_are_pointed_at() {
    let seed = String::from_utf8(common::corpus("seed/huaibin-luji_2024.txt")).unwrap_or_default();
    // (line prefix, which of its "0" cells to change (0-based), new value)
    let mutations: &[(&str, usize, &str)] = &[
        ("一、本年新收政府信息公开申请数量", 0, "4"),
        ("一、本年新收政府信息公开申请数量", 6, "4"),
        ("二、上年结转政府信息公开申请数量", 2, "1"),
        ("三、本年度办理结果\t(一) 予以公开", 1, "2"),
        ("\t(二) 部分公开", 6, "9"),
        ("\t\t3. 危及", 3, "5"),
        ("\t\t8. 属于行政查询事项", 5, "1"),
        ("\t(四) 无法提供\t1. 本机关不掌握", 0, "7"),
        ("5. 要求行政机关确认", 4, "3"),
        ("\t3. 其他", 6, "2"),
        ("(七) 总计", 0, "6"),
        ("四、结转下年度继续办理", 6, "8"),
    ];
    for (prefix, nth, value) in mutations {
        let lines: Vec<&str> = seed.lines().collect();
        let Some(idx) = lines.iter().position(|l| l.starts_with(prefix)) else { panic!("no line {prefix}") };
        let mut cells: Vec<String> = lines[idx].split('\t').map(str::to_string).collect();
        let zero =
            cells.iter().enumerate().filter(|(_, c)| c.as_str() == "0").map(|(i, _)| i).nth(*nth).expect("a 0 cell");
        cells[zero] = value.to_string();
        let mut new_lines: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        new_lines[idx] = cells.join("\t");
        let text = new_lines.join("\n");
        let diags = lint(&text, &["A"]);
        let parsed = common::parse_str(&text);
        let hit = diags.iter().any(|d| d.primary_span().is_some_and(|s| parsed.lines.line_col(s.start).0 == idx + 1));
        assert!(
            hit,
            "{prefix} cell {nth} = {value}: {:?}",
            diags.iter().map(|d| (d.code, &d.message.en)).collect::<Vec<_>>()
        );
    }
    // Review table: a group total.
    let text =
        seed.replacen("0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0", "0\t0\t0\t0\t1\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0", 1);
    assert!(lint(&text, &["A204"]).iter().any(|d| d.code == "A204"));
}

/// The parser stays in named stages: no function in `src/parse/` is longer
/// than 80 lines (a new layout should be a small, obvious change).
#[test]
fn parser_functions_stay_short() {
    const MOST: usize = 80;
    let dir = crate::common::root().join("src/parse");
    let mut long = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("src/parse") {
        let path = entry.expect("entry").path();
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let body = line.trim_start();
            let indent = line.len() - body.len();
            let is_fn = ["fn ", "pub fn ", "pub(crate) fn ", "pub(super) fn ", "const fn ", "pub const fn "]
                .iter()
                .any(|p| body.starts_with(p));
            if !is_fn {
                continue;
            }
            // The body opens at the first line ending in `{`, and closes at
            // the next line with the signature's indent starting with `}`.
            let Some(open) =
                (i..lines.len()).find(|&j| lines[j].trim_end().ends_with('{') || lines[j].trim_end().ends_with(';'))
            else {
                continue;
            };
            if lines[open].trim_end().ends_with(';') {
                continue;
            }
            let close = (open + 1..lines.len()).find(|&j| {
                lines[j].len() > indent && lines[j][indent..].starts_with('}') && lines[j][..indent].trim().is_empty()
            });
            if let Some(close) = close
                && close - i + 1 > MOST
            {
                long.push(format!("{}:{}: {} lines", path.display(), i + 1, close - i + 1));
            }
        }
    }
    assert!(long.is_empty(), "functions over {MOST} lines:\n{}", long.join("\n"));
}

/// Each rule's file is named after its code and name, and its first line
/// says them: the table of codes (`codes!` in diagnostic.rs) and the rule's
/// own file agree.
#[test]
fn each_rule_file_names_the_code_and_name_of_the_table() {
    for rule in RULES {
        let (code, name) = (rule.meta.code.as_str(), rule.meta.name());
        let file = format!("src/rules/{}_{}.rs", code.to_ascii_lowercase(), name.replace('-', "_"));
        let text = std::fs::read_to_string(common::root().join(&file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        let first = text.lines().next().unwrap_or_default();
        assert!(first.starts_with(&format!("//! {code} {name}")), "{file} begins `{first}`");
    }
}
