//! The command line: verbs, formats, exit codes, fixes written back in the
//! file's own encoding, configuration discovery.

use crate::common;

use encoding_rs::GB18030;
use std::io::Write;
use std::process::Stdio;

fn temp_dir(name: &str) -> common::TempDir {
    common::temp_dir("cli", name)
}

use common::ogilint;

fn seed() -> String {
    String::from_utf8(common::corpus("seed/huaibin-luji_2024.txt")).unwrap_or_default()
}

fn paraphrased() -> String {
    seed().replace("五、存在的主要问题及改进情况", "五、政府信息公开工作存在的主要问题及改进情况")
}

#[test]
fn exit_codes() {
    let seed = common::root().join("corpus/seed/huaibin-luji_2024.txt");
    assert_eq!(ogilint().arg("check").arg(&seed).status().ok().and_then(|s| s.code()), Some(0));
    let real = common::root().join("corpus/real/shanghai-stcsm_2024.md");
    assert_eq!(ogilint().arg("check").arg(&real).output().ok().and_then(|o| o.status.code()), Some(1));
    assert_eq!(
        ogilint().args(["check", "--exit-zero"]).arg(&real).output().ok().and_then(|o| o.status.code()),
        Some(0)
    );
    assert_eq!(
        ogilint().args(["check", "--select", "Z999"]).arg(&seed).output().ok().and_then(|o| o.status.code()),
        Some(2)
    );
    assert_eq!(
        ogilint().args(["check", "--encoding", "latin9"]).arg(&seed).output().ok().and_then(|o| o.status.code()),
        Some(2)
    );
}

#[test]
fn fix_writes_back_in_gb18030_and_diff_changes_nothing() {
    let dir = temp_dir("fix");
    let path = dir.join("report.txt");
    let source = paraphrased();
    let (bytes, _, _) = GB18030.encode(&source);
    std::fs::write(&path, &bytes).expect("write");
    let diff = ogilint().args(["check", "--diff"]).arg(&path).output().expect("run");
    let diff_text = String::from_utf8_lossy(&diff.stdout);
    assert!(diff_text.contains("-五、政府信息公开工作存在的主要问题及改进情况"), "{diff_text}");
    assert!(diff_text.contains("+五、存在的主要问题及改进情况"), "{diff_text}");
    assert_eq!(std::fs::read(&path).expect("read"), bytes.to_vec(), "--diff changed the file");
    let fixed = ogilint().args(["check", "--fix"]).arg(&path).output().expect("run");
    assert!(fixed.status.success() || fixed.status.code() == Some(1));
    let after = std::fs::read(&path).expect("read");
    let (text, _, bad) = GB18030.decode(&after);
    assert!(!bad);
    assert!(text.contains("五、存在的主要问题及改进情况") && !text.contains("政府信息公开工作存在"));
    assert_eq!(std::str::from_utf8(&after).ok(), None, "the file stays in GB18030");
    // Nothing left to fix: the file is the seed again, byte for byte in GB18030.
    assert_eq!(after, GB18030.encode(&seed()).0.to_vec());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn fix_refuses_a_lossily_decoded_file() {
    let dir = temp_dir("lossy");
    let path = dir.join("report.txt");
    let mut bytes = paraphrased().into_bytes();
    bytes.extend_from_slice(b"\n\xFF\xFE\xFF\n");
    std::fs::write(&path, &bytes).expect("write");
    let out = ogilint().args(["check", "--fix", "--encoding", "utf-8"]).arg(&path).output().expect("run");
    assert!(String::from_utf8_lossy(&out.stderr).contains("refusing"));
    assert_eq!(std::fs::read(&path).expect("read"), bytes, "the file must not change");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn stdin_with_a_file_name_and_chinese_messages() {
    let mut child = ogilint()
        .args(["check", "-", "--stdin-filename", "草稿.txt", "--format", "concise", "--lang", "zh"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn");
    if let Some(mut stdin) = child.stdin.take() {
        let _ = stdin.write_all(paraphrased().as_bytes());
    }
    let out = child.wait_with_output().expect("wait");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("草稿.txt:80:1: 警告[W301] [*] 章节标题"), "{text}");
}

#[test]
fn locale_picks_the_language() {
    let dir = temp_dir("locale");
    let path = dir.join("r.txt");
    std::fs::write(&path, paraphrased()).expect("write");
    let zh =
        ogilint().env("LANG", "zh_CN.UTF-8").args(["check", "--format", "concise"]).arg(&path).output().expect("run");
    assert!(String::from_utf8_lossy(&zh.stdout).contains("与规定标题"));
    let en = ogilint().args(["check", "--format", "concise"]).arg(&path).output().expect("run");
    assert!(String::from_utf8_lossy(&en.stdout).contains("differs from the standard"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn configuration_is_found_above_the_file() {
    let dir = temp_dir("config");
    let sub = dir.join("county/town");
    std::fs::create_dir_all(&sub).expect("dirs");
    std::fs::write(dir.join("ogilint.toml"), "[severity]\nW301 = \"error\"\n").expect("write");
    let path = sub.join("r.txt");
    std::fs::write(&path, paraphrased()).expect("write");
    let out = ogilint().args(["check", "--format", "concise"]).arg(&path).output().expect("run");
    assert!(String::from_utf8_lossy(&out.stdout).contains("error[W301]"));
    assert_eq!(out.status.code(), Some(1));
    let shown = ogilint().args(["check", "--show-config"]).arg(&path).output().expect("run");
    assert!(String::from_utf8_lossy(&shown.stdout).contains("W301 non-standard-heading"));
    let ignored = ogilint().args(["check", "--ignore", "W", "--format", "concise"]).arg(&path).output().expect("run");
    assert_eq!(String::from_utf8_lossy(&ignored.stdout), "");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn explain_and_rules() {
    let out = ogilint().args(["explain", "A201"]).output().expect("run");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.starts_with("A201 applicant-total (error)") && text.contains("Fails:") && text.contains("Passes:"),
        "{text}"
    );
    let zh = ogilint().args(["explain", "request-balance", "--lang", "zh"]).output().expect("run");
    assert!(String::from_utf8_lossy(&zh.stdout).contains("勾稽关系"));
    assert_eq!(ogilint().args(["explain", "X000"]).output().ok().and_then(|o| o.status.code()), Some(2));
    let rules = ogilint().arg("rules").output().expect("run");
    assert!(String::from_utf8_lossy(&rules.stdout).contains("W306   punctuation-style            off"));
}

#[test]
fn every_format_renders_the_corpus() {
    for format in ["human", "concise", "json", "sarif", "github"] {
        let out = ogilint()
            .args(["check", "--format", format])
            .arg(common::root().join("corpus/real"))
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(1), "{format}");
        assert!(!out.stdout.is_empty(), "{format}");
        assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"), "{format}");
    }
}

/// The README's main job, in every output format: never a panic or exit 2,
/// and every span of the JSON output lies on character boundaries of the
/// file it names (an HTML page's bytes, not the text extracted from it).
#[test]
fn the_corpus_in_every_format() {
    let corpus = common::root().join("corpus");
    for format in ["human", "concise", "json", "sarif", "github"] {
        let out = ogilint().args(["check", "--format", format]).arg(&corpus).output().expect("run ogilint");
        let code = out.status.code();
        assert!(
            matches!(code, Some(0 | 1)),
            "--format {format}: exit {code:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!out.stdout.is_empty(), "--format {format}: no output");
    }
    let out = ogilint().args(["check", "--format", "json"]).arg(&corpus).output().expect("run ogilint");
    let mut spans = 0;
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let d: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
        let file = d["file"].as_str().expect("file");
        let bytes = std::fs::read(file).expect("the named file");
        let Ok(text) = std::str::from_utf8(&bytes) else { continue };
        for s in d["spans"].as_array().expect("spans") {
            let (a, b) = (s["byte_start"].as_u64().unwrap_or(0) as usize, s["byte_end"].as_u64().unwrap_or(0) as usize);
            assert!(text.get(a..b).is_some(), "{file}: {}: span {a}..{b} cuts a character", d["code"]);
            spans += 1;
        }
    }
    assert!(spans > 100, "only {spans} spans checked");
}

/// `check`, `scan` and `export` with no path read the current directory, as
/// ruff and ripgrep do.
#[test]
fn no_path_means_the_current_directory() {
    let seed = common::root().join("corpus/seed");
    for verb in [&["check", "--format", "concise"][..], &["scan", "--format", "concise"][..], &["export"][..]] {
        let out = common::ogilint().args(verb).current_dir(&seed).output().expect("run");
        assert_eq!(out.status.code(), Some(0), "{verb:?}: {}", String::from_utf8_lossy(&out.stderr));
        let said = String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
        assert!(said.contains("huaibin") || said.contains("1 file"), "{verb:?}: {said}");
    }
}

/// `rules --format json`: every rule of the registry, with both languages.
#[test]
fn rules_as_json() {
    let out = common::ogilint().args(["rules", "--format", "json"]).output().expect("run");
    let rules: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let rules = rules.as_array().expect("array");
    assert_eq!(rules.len(), ogilint::rules::RULES.len());
    let a201 = rules.iter().find(|r| r["code"] == "A201").expect("A201");
    assert_eq!(a201["default"], "error");
    assert!(a201["explain"]["zh"].as_str().is_some_and(|t| !t.is_empty()));
}

/// In Chinese, the tables, headers and summaries are Chinese too: the rule
/// table, a rule's explanation, the scan summary and concise severities.
#[test]
fn chinese_throughout() {
    let run = |args: &[&str]| {
        let out = common::ogilint().args(args).current_dir(common::root()).output().expect("run");
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr)
    };
    assert!(run(&["rules", "--lang", "zh"]).starts_with("代码"));
    assert!(run(&["explain", "W302", "--lang", "zh"]).lines().next().is_some_and(|l| l.contains("（警告")));
    assert!(run(&["scan", "--lang", "zh", "--format", "concise", "corpus/seed"]).contains("共读取 1 个文件"));
    let concise = run(&["check", "--lang", "zh", "--format", "concise", "corpus/excerpts/zhashui_yibaoju_2024.txt"]);
    assert!(concise.contains(": 警告[S108]") && !concise.contains("warning["), "{concise}");
}

/// Shell completions and a manual page, from the command line's own
/// definition.
#[test]
fn completions_and_manual_page() {
    let out = common::ogilint().args(["completions", "bash"]).output().expect("run");
    assert!(String::from_utf8_lossy(&out.stdout).contains("_ogilint()"));
    let out = common::ogilint().args(["completions", "zsh"]).output().expect("run");
    assert!(String::from_utf8_lossy(&out.stdout).contains("#compdef ogilint"));
    let out = common::ogilint().arg("man").output().expect("run");
    let page = String::from_utf8_lossy(&out.stdout);
    assert!(page.contains(".TH ogilint 1") && page.contains("check"), "{page}");
}

/// A baseline: the findings of a run recorded as accepted, then a later run
/// shows only what is new (a finding whose line moved is still known).
#[test]
fn a_baseline_shows_only_new_findings() {
    let dir = temp_dir("baseline");
    let report = dir.join("r.txt");
    let base = dir.join("ogilint-baseline.json");
    let faulty = seed().replacen("五、存在的主要问题及改进情况", "五、政府信息公开工作存在的主要问题及改进情况", 1);
    std::fs::write(&report, &faulty).expect("w");
    let out = ogilint().arg("check").arg(&report).arg("--write-baseline").arg(&base).output().expect("run");
    assert_eq!(out.status.code(), Some(0));
    let recorded = std::fs::read_to_string(&base).expect("baseline written");
    assert!(recorded.contains("\"W301\""), "{recorded}");
    // The accepted finding, two lines further down, and a new one.
    let later = format!("\n\n{}", faulty.replacen("行政规范性文件\t", "规范性文件\t", 1));
    std::fs::write(&report, later).expect("w");
    let out = ogilint()
        .args(["check", "--format", "concise", "--select", "W"])
        .arg(&report)
        .arg("--baseline")
        .arg(&base)
        .output()
        .expect("run");
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(shown.contains("[W302]") && !shown.contains("[W301]"), "{shown}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("1 finding(s) accepted in the baseline"));
    let bad = ogilint().arg("check").arg(&report).arg("--baseline").arg(&report).output().expect("run");
    assert_eq!(bad.status.code(), Some(2), "a file that is no baseline is an error");
    let _ = std::fs::remove_dir_all(&dir);
}

/// `--column-unit byte` gives the columns Vim's `%c` counts (UTF-8 bytes);
/// the default counts characters.
#[test]
fn concise_columns_in_bytes_for_vim() {
    let file = common::root().join("corpus/excerpts/zhashui_yibaoju_2024.txt");
    let line = |unit: &str| {
        let out = ogilint()
            .args(["check", "--format", "concise", "--lang", "en", "--select", "S101", "--column-unit", unit])
            .arg(&file)
            .output()
            .expect("run");
        String::from_utf8_lossy(&out.stdout).lines().next().unwrap_or("").to_string()
    };
    let (chars, bytes) = (line("char"), line("byte"));
    assert!(chars.contains(":9:7: "), "{chars}");
    // Two CJK characters (three bytes each) before the cut: 6 + 2·3 + … = byte 17.
    assert!(bytes.contains(":9:17: "), "{bytes}");
}

/// `[[suppress]]` entries hide the findings a disclosure office accepted
/// (by path glob, rule, value id or section), and an entry that hides
/// nothing in the files it selects is said with its line, as ruff's RUF100.
#[test]
fn suppressions_hide_accepted_findings_and_unused_ones_are_said() {
    let dir = temp_dir("suppress");
    let year = dir.join("2024");
    std::fs::create_dir_all(&year).expect("dir");
    std::fs::write(year.join("stcsm.md"), common::corpus("real/shanghai-stcsm_2024.md")).expect("copy");
    let config = "\
[[suppress]]
path = \"2024/*.md\"
rule = \"C403\"
value = \"requests.carried_forward\"
reason = \"结转数另表报送\"

[[suppress]]
rule = \"non-standard-heading\"
heading = \"收到和处理\"
reason = \"标题编号按本单位格式\"

[[suppress]]
path = \"2023/*\"
rule = \"W302\"
reason = \"不选中本次的文件\"

[[suppress]]
rule = \"A201\"
reason = \"已不需要\"
";
    std::fs::write(dir.join("ogilint.toml"), config).expect("config");
    let run = |extra: &[&str]| {
        let out = ogilint().args(["check", "--format", "concise"]).args(extra).arg(&year).output().expect("run");
        (String::from_utf8_lossy(&out.stdout).to_string(), String::from_utf8_lossy(&out.stderr).to_string())
    };
    let (all, _) = run(&["--isolated"]);
    let (kept, err) = run(&[]);
    for line in [":178:42: warning[C403]", ":91:1: warning[W301]"] {
        assert!(all.contains(line), "{line} without the configuration: {all}");
        assert!(!kept.contains(line), "{line} is suppressed: {kept}");
    }
    // Other findings of the same rules stay: another section, another rule.
    for line in [":73:1: warning[W301]", ":89:3: warning[W302]"] {
        assert!(kept.contains(line), "{line} is not suppressed: {kept}");
    }
    // The A201 entry selected the file and hid nothing; the W302 entry
    // selected no file of the run, so nothing is known of it.
    assert!(err.contains("ogilint.toml:18: unused suppression (A201)"), "{err}");
    assert_eq!(err.matches("unused suppression").count(), 1, "{err}");
    // The scan hides the same findings and says the same.
    let out = ogilint().args(["scan", "--format", "concise"]).arg(&year).output().expect("scan");
    let (scanned, err) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(!scanned.contains(":178:42: warning[C403]") && scanned.contains(":73:1: warning[W301]"), "{scanned}");
    assert!(err.contains("ogilint.toml:18: unused suppression (A201)"), "{err}");
    // Rules this run does not run leave their entries idle, not unused.
    let out = ogilint().args(["check", "--format", "concise", "--select", "W"]).arg(&year).output().expect("run");
    assert!(!String::from_utf8_lossy(&out.stderr).contains("unused suppression"), "{out:?}");
    // `--config` with a bare name, from its folder; a glob with no slash
    // matches at any depth, as `--glob` and .gitignore read it.
    std::fs::write(
        dir.join("other.toml"),
        "[[suppress]]\npath = \"*.md\"\nrule = \"C403\"\nreason = \"结转数另表报送\"\n",
    )
    .expect("config");
    let out = ogilint()
        .current_dir(&dir)
        .args(["check", "--format", "concise", "--config", "other.toml", "2024"])
        .output()
        .expect("run");
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(!shown.contains("warning[C403]") && shown.contains("warning[W301]"), "{shown}");
    // An entry without a reason, or naming a value the model lacks, stops the run.
    for bad in [
        "[[suppress]]\nrule = \"A201\"\nreason = \" \"\n",
        "[[suppress]]\nrule = \"A201\"\nvalue = \"requests.nothing\"\nreason = \"x\"\n",
    ] {
        std::fs::write(dir.join("ogilint.toml"), bad).expect("config");
        let out = ogilint().args(["check"]).arg(&year).output().expect("run");
        assert_eq!(out.status.code(), Some(2), "{bad}: {}", String::from_utf8_lossy(&out.stderr));
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// A baseline knows a finding by the report's agency and year, its rule,
/// message and value id: recorded from a saved page, it still knows the
/// findings in the page's text saved under another name and reflowed.
#[test]
fn baseline_fingerprints_survive_a_reflow_and_a_page_read_as_text() {
    let dir = temp_dir("baseline-reflow");
    let page = common::root().join("corpus/html/shuyang-fagaiju_2023.html");
    let base = dir.join("baseline.json");
    let out = ogilint().arg("check").arg(&page).arg("--write-baseline").arg(&base).output().expect("record");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let text = ogilint().args(["parse", "--text"]).arg(&page).output().expect("text").stdout;
    let text = String::from_utf8_lossy(&text).to_string();
    // Reflowed: blank lines between paragraphs, and the file renamed.
    let reflowed = format!("\n\n{}", text.replace("\n", "\n\n"));
    let file = dir.join("recrawled-2023.txt");
    std::fs::write(&file, &reflowed).expect("w");
    let run = |extra: &[&str]| {
        let out = ogilint().args(["check", "--format", "concise"]).args(extra).arg(&file).output().expect("check");
        String::from_utf8_lossy(&out.stdout).to_string()
    };
    let all = run(&[]);
    assert!(all.matches("[C403]").count() >= 10 && all.contains("[W302]"), "{all}");
    let base = base.to_string_lossy().to_string();
    let shown = run(&["--baseline", &base]);
    assert!(!shown.contains("[C403]") && !shown.contains("[W302]"), "all accepted: {shown}");
    // A changed value is a new finding.
    let changed = reflowed.replacen("规范性文件", "规范性文", 1);
    std::fs::write(&file, changed).expect("w");
    assert!(run(&["--baseline", &base]).contains("[W302]"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// A zh run of every verb on the corpus says nothing in English: what is
/// left of its output once the report's own text (the quoted source lines),
/// file names, rule codes and names, option names and the names of file
/// formats are taken out has no Latin word.
#[test]
fn zh_runs_of_every_verb_say_nothing_in_english() {
    let names: Vec<&str> = ogilint::rules::RULES.iter().map(|r| r.meta.name()).collect();
    // Names of programs, file formats and encodings, written as they are
    // in Chinese text too.
    let allowed = [
        "ogilint",
        "PDF",
        "Word",
        "Office",
        "HTML",
        "XX",
        "UTF",
        "utf",
        "GBK",
        "GB",
        "JPEG",
        "NUL",
        "FF",
        "U",
        "FFFD",
        "pdftotext",
        "layout",
        "check",
        "scan",
        "export",
        "parse",
        "rules",
        "explain",
        "lsp",
        "serve",
    ];
    let mut runs: Vec<Vec<String>> = [
        vec!["check", "--format", "human", "corpus"],
        vec!["check", "--format", "concise", "corpus"],
        vec!["check", "--format", "json", "corpus"],
        vec!["check", "--format", "sarif", "corpus"],
        vec!["scan", "--format", "concise", "corpus"],
        vec!["scan", "--format", "jsonl", "corpus"],
        vec!["export", "--format", "csv", "corpus"],
        vec!["parse", "--format", "json", "corpus/seed"],
        vec!["rules"],
        vec!["check", "--format", "concise", "corpus/nothing-here"],
    ]
    .iter()
    .map(|r| r.iter().map(|s| s.to_string()).collect())
    .collect();
    runs.extend(ogilint::rules::RULES.iter().map(|r| vec!["explain".to_string(), r.meta.code.to_string()]));
    let mut english = Vec::new();
    for run in &runs {
        let out = ogilint().current_dir(common::root()).env("LANG", "zh_CN.UTF-8").args(run).output().expect("run");
        // Machine formats are read by programs: their keys stay; what they
        // say on standard error is for the user.
        let machine = run.iter().any(|a| ["json", "sarif", "jsonl", "csv"].contains(&a.as_str()));
        let mut said = String::from_utf8_lossy(&out.stderr).to_string();
        if !machine {
            said += &String::from_utf8_lossy(&out.stdout);
        }
        for line in said.lines() {
            // The report's own lines, quoted under a diagnostic.
            let quoted =
                line.trim_start().split_once('│').is_some_and(|(n, _)| n.trim().chars().all(|c| c.is_ascii_digit()));
            if quoted || line.trim_start().starts_with('┌') {
                continue;
            }
            // Code quoted to be typed or matched (`<meta name="PubDate">`).
            let line: String = line.split('`').step_by(2).collect::<Vec<_>>().join(" ");
            let words = line
                .split(|c: char| c.is_whitespace() || "，。：；、（）()“”`[]:,".contains(c))
                .filter(|w| !w.is_empty())
                .filter(|w| {
                    !(w.contains('/')
                        || w.contains(".txt")
                        || w.contains(".md")
                        || w.contains(".html")
                        || w.contains(".pdf"))
                })
                .filter(|w| !w.starts_with("--"))
                .filter(|w| !names.contains(w) && !allowed.contains(w))
                .filter(|w| {
                    !(w.len() == 4
                        && w.as_bytes()[0].is_ascii_uppercase()
                        && w[1..].bytes().all(|b| b.is_ascii_digit()))
                });
            for w in words {
                let latin: Vec<String> = w
                    .split(|c: char| !c.is_ascii_alphabetic())
                    .filter(|p| p.len() >= 2 && !allowed.contains(p))
                    .map(str::to_string)
                    .collect();
                if !latin.is_empty() {
                    english.push(format!("{}: {w} in `{line}`", run.join(" ")));
                }
            }
        }
    }
    english.dedup();
    assert!(
        english.is_empty(),
        "{} English words, e.g.:\n{}",
        english.len(),
        english[..english.len().min(30)].join("\n")
    );
}
