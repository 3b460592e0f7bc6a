//! The bulk scan and export: the same diagnostics as `check` file by file,
//! the rules across reports on planted pairs of years and nowhere else, an
//! export that reads back, and a hostile tree scanned to the end.

use crate::common;

use std::path::Path;
use std::process::Command;

fn temp_dir(name: &str) -> common::TempDir {
    common::temp_dir("scan", name)
}

use common::ogilint;

fn sorted_lines(bytes: &[u8]) -> Vec<String> {
    let mut v: Vec<String> = String::from_utf8_lossy(bytes).lines().map(str::to_string).collect();
    v.sort();
    v
}

#[test]
fn scan_gives_the_diagnostics_of_check_for_every_corpus_file() {
    let corpus = common::root().join("corpus");
    let scan = ogilint().args(["scan", "-j", "2"]).arg(&corpus).output().expect("scan");
    let check = ogilint().args(["check", "--format", "json"]).arg(&corpus).output().expect("check");
    assert_eq!(scan.status.code(), check.status.code());
    let (s, c) = (sorted_lines(&scan.stdout), sorted_lines(&check.stdout));
    assert!(c.len() > 100, "{} diagnostics", c.len());
    assert_eq!(s, c);
    let summary = String::from_utf8_lossy(&scan.stderr);
    assert!(summary.contains("files read") && summary.contains("files/s"), "{summary}");
}

/// The seed as another year: the year in its title and period, and lines
/// replaced as given.
fn year_of_seed(year: i32, replace: &[(&str, &str)]) -> String {
    let mut s = String::from_utf8(common::corpus("seed/huaibin-luji_2024.txt"))
        .expect("UTF-8")
        .replace("2024", &year.to_string());
    for (from, to) in replace {
        assert!(s.contains(from), "{from}");
        s = s.replacen(from, to, 1);
    }
    s
}

const FORWARD_0: &str = "四、结转下年度继续办理\t\t0\t0\t0\t0\t0\t0\t0";
const OVER_0: &str = "二、上年结转政府信息公开申请数量\t\t0\t0\t0\t0\t0\t0\t0";

#[test]
fn rules_across_reports_fire_on_planted_pairs_and_nowhere_else() {
    let dir = temp_dir("across");
    // 2023 carries 5 requests of natural persons forward; 2024 says it carried over 3.
    std::fs::write(
        dir.join("a_2023.txt"),
        year_of_seed(2023, &[(FORWARD_0, "四、结转下年度继续办理\t\t5\t0\t0\t0\t0\t0\t5")]),
    )
    .expect("w");
    std::fs::write(
        dir.join("a_2024.txt"),
        year_of_seed(
            2024,
            &[(OVER_0, "二、上年结转政府信息公开申请数量\t\t3\t0\t0\t0\t0\t0\t3"), ("规章\t0\t0\t0", "规章\t0\t0\t2")],
        ),
    )
    .expect("w");
    // Another agency, consistent over two years: nothing.
    let other = |y| year_of_seed(y, &[("淮滨县芦集乡人民政府", "淮滨县张里乡人民政府")]);
    std::fs::write(dir.join("b_2023.txt"), other(2023)).expect("w");
    std::fs::write(dir.join("b_2024.txt"), other(2024)).expect("w");
    // A third agency rewrites its prose each year: no P502 for it.
    let third = |y: i32| {
        let s = year_of_seed(y, &[("淮滨县芦集乡人民政府", "淮滨县王店乡人民政府")]);
        if y == 2023 {
            return s;
        }
        s.lines()
            .map(|l| {
                if l.chars().filter(|c| ('\u{4E00}'..='\u{9FFF}').contains(c)).count() >= 12 && !l.contains('\t') {
                    format!("本年新写：{l}改")
                } else {
                    l.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    std::fs::write(dir.join("c_2023.txt"), third(2023)).expect("w");
    std::fs::write(dir.join("c_2024.txt"), third(2024)).expect("w");
    let out = ogilint().args(["scan", "--format", "concise"]).arg(&dir).output().expect("scan");
    let text = String::from_utf8_lossy(&out.stdout);
    // P502: the copies of the seed (agencies a and b) repeat their 2023 prose;
    // agency c rewrote its own.
    let copied: Vec<&str> = text.lines().filter(|l| l.contains("[P502]")).collect();
    assert_eq!(copied.len(), 2, "{text}");
    assert!(
        copied.iter().any(|l| l.contains("a_2024.txt")) && copied.iter().any(|l| l.contains("b_2024.txt")),
        "{text}"
    );
    let lines: Vec<&str> = text.lines().filter(|l| l.contains("[A205]") || l.contains("[A206]")).collect();
    // A205 for 自然人 and 总计; A206 for 规章 (0 + 0 − 0 ≠ 2).
    assert_eq!(lines.len(), 3, "{text}");
    assert!(lines.iter().all(|l| l.contains("a_2024.txt")), "{text}");
    assert_eq!(lines.iter().filter(|l| l.contains("[A205]")).count(), 2);
    assert!(lines.iter().any(|l| l.contains("[A206]") && l.contains("规章")));
    // A finding across reports is accepted by path and rule like any other.
    std::fs::write(
        dir.join("ogilint.toml"),
        "[[suppress]]\npath = \"a_2024.txt\"\nrule = \"A206\"\nreason = \"规章数按市政府口径\"\n",
    )
    .expect("config");
    let out = ogilint().args(["scan", "--format", "concise"]).arg(&dir).output().expect("scan");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!text.contains("[A206]") && text.contains("[A205]"), "{text}");
    assert!(!String::from_utf8_lossy(&out.stderr).contains("unused suppression"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// P503: a headline count that grows more than 5× (or falls below a fifth)
/// against the same agency's last report is a hint; smaller moves, and
/// moves between small numbers, are not.
#[test]
fn a_year_on_year_jump_is_a_hint_on_planted_pairs_only() {
    let dir = temp_dir("jump");
    let agency = ("淮滨县芦集乡人民政府", "淮滨县期思镇人民政府");
    let year = |y: i32, licensing: &str, punishment: &str, coercion: &str| {
        year_of_seed(
            y,
            &[
                agency,
                ("行政许可\t0\t", &format!("行政许可\t{licensing}\t")),
                ("行政处罚\t0\t", &format!("行政处罚\t{punishment}\t")),
                ("行政强制\t0\t", &format!("行政强制\t{coercion}\t")),
            ],
        )
    };
    // 10 → 80 is a jump; 30 → 40 is not; 2 → 15 is a jump between small numbers.
    std::fs::write(dir.join("d_2023.txt"), year(2023, "10", "30", "2")).expect("w");
    std::fs::write(dir.join("d_2024.txt"), year(2024, "80", "40", "15")).expect("w");
    let out = ogilint().args(["scan", "--format", "concise"]).arg(&dir).output().expect("scan");
    let text = String::from_utf8_lossy(&out.stdout);
    let hints: Vec<&str> = text.lines().filter(|l| l.contains("[P503]")).collect();
    assert_eq!(hints.len(), 1, "{text}");
    assert!(
        hints[0].contains("d_2024.txt") && hints[0].contains("行政许可 grew from 10 in 2023 to 80 in 2024"),
        "{text}"
    );
    assert!(hints[0].contains("info[P503]"), "a hint: {text}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Rows and results come in the order of the files, whichever worker
/// finishes first: a data set exported twice is the same file, and with
/// four workers on PDFs, pages and short texts the finishing order is not
/// the files' order.
#[test]
fn export_and_scan_write_in_the_order_of_the_files() {
    let corpus = common::root().join("corpus");
    let out = ogilint().args(["export", "-j", "4"]).arg(&corpus).output().expect("export");
    let text = String::from_utf8_lossy(&out.stdout);
    let files: Vec<&str> = text.lines().skip(1).map(|l| l.split(',').next().unwrap_or_default()).collect();
    assert!(files.len() > 20, "{text}");
    assert!(files.is_sorted(), "{files:?}");
    let out = ogilint().args(["scan", "-j", "4", "--format", "concise"]).arg(&corpus).output().expect("scan");
    let text = String::from_utf8_lossy(&out.stdout);
    // Each file's results together, the files in order (the results across
    // reports, about later years, come last).
    let mut seen: Vec<&str> = Vec::new();
    for line in text.lines().filter(|l| !l.contains("[A205]") && !l.contains("[A206]") && !l.contains("[P50")) {
        let file = line.split(':').next().unwrap_or_default();
        if seen.last() != Some(&file) {
            seen.push(file);
        }
    }
    assert!(seen.len() > 20 && seen.is_sorted(), "{seen:?}");
}

#[test]
fn export_reads_back_with_the_hand_checked_values() {
    let dir = temp_dir("export");
    let csv_path = dir.join("data.csv");
    let out =
        ogilint().args(["export", "-o"]).arg(&csv_path).arg(common::root().join("corpus")).output().expect("export");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let mut reader = csv::Reader::from_path(&csv_path).expect("csv");
    let header: Vec<String> = reader.headers().expect("header").iter().map(str::to_string).collect();
    assert_eq!(&header[..5], ["file", "agency", "year", "format", "encoding"]);
    assert_eq!(header.len(), 5 + ogilint::template::value_ids().len() + 1);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap_or_else(|| panic!("{name}"));
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    let row = rows.iter().find(|r| r[0].ends_with("huaian_shizhengfu_2024_layout.txt")).expect("淮安 2024");
    for (id, value) in [
        ("active.regulations.in_force", "11"),
        ("active.normative_documents.repealed", "26"),
        ("active.licensing", "447228"),
        ("active.punishment", "3985758"),
        ("active.coercion", "88283"),
        ("active.fees", "96171.6"),
        ("requests.new_received.natural_person", "3001"),
        ("requests.new_received.total", "3119"),
        ("requests.outcome_total.total", "3050"),
        ("requests.carried_forward.total", "103"),
        ("review.reconsideration.total", "351"),
        ("review.litigation_after_reconsideration.total", "20"),
    ] {
        assert_eq!(&row[col(id)], value, "{id}");
    }
    assert_eq!((&row[col("year")], &row[col("format")]), ("2024", "2021"));
    // Unknown values are blank, never 0: the default-mode PDF text of the
    // same report does not give table 4.
    let plain = rows.iter().find(|r| r[0].ends_with("huaian_shizhengfu_2024.txt")).expect("default text");
    assert_eq!(&plain[col("review.reconsideration.total")], "");
    let _ = std::fs::remove_dir_all(&dir);
}

#[cfg(unix)]
#[test]
fn a_hostile_tree_is_scanned_to_the_end() {
    use std::os::unix::ffi::OsStrExt;
    let dir = temp_dir("hostile");
    let seed = common::corpus("seed/huaibin-luji_2024.txt");
    std::fs::write(dir.join("ok.txt"), &seed).expect("w");
    std::os::unix::fs::symlink(".", dir.join("loop")).expect("loop");
    let _ = Command::new("mkfifo").arg(dir.join("fifo.txt")).status();
    std::fs::write(dir.join("big.txt"), vec![b'x'; 4096]).expect("w");
    let bad_name = Path::new(std::ffi::OsStr::from_bytes(b"\xff\xfe-report.txt"));
    std::fs::write(dir.join(bad_name), &seed).expect("w");
    let out =
        ogilint().args(["scan", "--format", "concise", "--max-file-size", "3000"]).arg(&dir).output().expect("scan");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("loop") && text.contains("symlink loop"), "{text}");
    assert!(text.contains("big.txt") && text.contains("above the limit"), "{text}");
    if dir.join("fifo.txt").exists() {
        assert!(text.contains("fifo.txt") && text.contains("FIFO"), "{text}");
    }
    let summary = String::from_utf8_lossy(&out.stderr);
    // ok.txt and the file with a name that is not UTF-8 are both read.
    assert!(summary.contains("annual reports"), "{summary}");
    assert!(summary.starts_with(|c: char| c.is_ascii_digit()), "{summary}");
    let read: usize = summary.split_whitespace().next().and_then(|n| n.parse().ok()).unwrap_or(0);
    assert!(read >= 4, "{summary}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// SARIF as GitHub code scanning takes it: a location on every result (a
/// finding about the whole file at its start), URIs percent-encoded, the
/// cells of a failed sum as related locations, wording fixes as SARIF fixes,
/// fingerprints, and in `scan` the results across reports.
#[test]
fn sarif_results_all_have_locations_encoded_uris_and_cross_report_results() {
    let dir = temp_dir("sarif");
    let sub = dir.join("报告 #1?");
    std::fs::create_dir_all(&sub).expect("dir");
    std::fs::write(
        sub.join("a_2023.txt"),
        year_of_seed(2023, &[(FORWARD_0, "四、结转下年度继续办理\t\t5\t0\t0\t0\t0\t0\t5")]),
    )
    .expect("w");
    let faulty = year_of_seed(
        2024,
        &[
            (OVER_0, "二、上年结转政府信息公开申请数量\t\t3\t0\t0\t0\t0\t0\t3"),
            ("五、存在的主要问题及改进情况", "五、政府信息公开工作存在的主要问题及改进情况"),
        ],
    );
    std::fs::write(sub.join("a_2024.txt"), faulty).expect("w");
    std::fs::write(sub.join("empty.txt"), "").expect("w");
    for verb in ["check", "scan"] {
        let out = ogilint().args([verb, "--format", "sarif"]).arg(&dir).output().expect("run");
        let log: serde_json::Value = serde_json::from_slice(&out.stdout).expect("SARIF JSON");
        let results = log["runs"][0]["results"].as_array().expect("results");
        assert!(!results.is_empty());
        for r in results {
            let loc = &r["locations"][0]["physicalLocation"];
            let uri = loc["artifactLocation"]["uri"].as_str().expect("uri");
            assert!(uri.bytes().all(|b| b.is_ascii_graphic() && b != b'#' && b != b'?' && b != b' '), "{uri}");
            assert!(uri.contains("%E6%8A%A5%E5%91%8A%20%231%3F/"), "{uri}");
            assert!(loc["region"]["startLine"].as_u64().is_some_and(|l| l >= 1), "{r}");
            assert!(r["partialFingerprints"]["ogilintFinding/v1"].is_string());
        }
        let code = |c: &'static str| results.iter().filter(move |r| r["ruleId"] == c);
        assert_eq!(code("I001").count(), 1, "the empty file");
        assert!(code("A203").any(|r| r["relatedLocations"].as_array().is_some_and(|l| l.len() >= 2)));
        let w301 = code("W301").next().expect("W301");
        assert_eq!(
            w301["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"],
            "五、存在的主要问题及改进情况"
        );
        let across = code("A205").count();
        if verb == "scan" {
            assert!(across >= 1, "scan's SARIF holds the results across reports");
        } else {
            assert_eq!(across, 0);
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// `scan` and `export` take `--encoding` as `check` does: an unknown one is
/// refused, a known one is used.
#[test]
fn scan_and_export_use_and_check_the_encoding() {
    for verb in [&["scan"][..], &["export", "-o", "-"][..]] {
        let out = ogilint()
            .args(verb)
            .args(["--encoding", "bogus", "corpus/seed"])
            .current_dir(common::root())
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(2), "{verb:?}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("unknown encoding `bogus`"));
    }
    let dir = temp_dir("encoding");
    let seed = String::from_utf8(common::corpus("seed/huaibin-luji_2024.txt")).expect("UTF-8");
    let (gbk, _, _) = encoding_rs::GB18030.encode(&seed);
    std::fs::write(dir.join("r.txt"), &gbk).expect("w");
    // Read as UTF-8 on purpose, the bytes do not decode: I002/I001 say so.
    let out = ogilint().args(["scan", "--format", "concise", "--encoding", "utf-8"]).arg(&dir).output().expect("run");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("[I00"), "{text}");
    let out = ogilint().args(["scan", "--format", "concise", "--encoding", "gb18030"]).arg(&dir).output().expect("run");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!text.contains("[I00"), "{text}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Each file is linted with the `ogilint.toml` nearest to it, whatever the
/// verb and the order of the paths; the command line's --select wins over a
/// file's ignore; --stdin-filename takes part in discovery.
#[test]
fn settings_are_resolved_per_file_whatever_the_verb_and_order() {
    let dir = temp_dir("config");
    let (x, y) = (dir.join("x"), dir.join("y"));
    std::fs::create_dir_all(&x).expect("x");
    std::fs::create_dir_all(y.join("sub")).expect("y");
    let faulty = year_of_seed(2024, &[(OVER_0, "二、上年结转政府信息公开申请数量\t\t3\t0\t0\t0\t0\t0\t3")]);
    std::fs::write(x.join("r.txt"), &faulty).expect("w");
    std::fs::write(y.join("sub/r.txt"), &faulty).expect("w");
    std::fs::write(y.join("ogilint.toml"), "ignore = [\"A203\"]\n").expect("w");
    let count = |args: &[&str], paths: &[&std::path::PathBuf]| {
        let out = ogilint().args(args).args(paths).output().expect("run");
        String::from_utf8_lossy(&out.stdout).lines().filter(|l| l.contains("[A203]")).count()
    };
    let check = count(&["check", "--format", "concise"], &[&x, &y]);
    assert!(check >= 1);
    for paths in [[&x, &y], [&y, &x]] {
        assert_eq!(count(&["scan", "--format", "concise"], &paths), check, "{paths:?}");
    }
    assert_eq!(count(&["check", "--format", "concise"], &[&y]), 0);
    assert!(count(&["check", "--format", "concise", "--select", "A203"], &[&y]) >= 1);
    // Standard input, named as a file of y: y's settings.
    let mut child = ogilint()
        .args(["check", "--format", "concise", "--stdin-filename"])
        .arg(y.join("sub/r.txt"))
        .arg("-")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("run");
    use std::io::Write;
    child.stdin.take().expect("stdin").write_all(faulty.as_bytes()).expect("write");
    let out = child.wait_with_output().expect("wait");
    assert!(!String::from_utf8_lossy(&out.stdout).contains("[A203]"));
    // --isolated reads no configuration file; --config FILE uses that one
    // for every report, wherever it stands.
    for verb in ["check", "scan"] {
        assert!(count(&[verb, "--format", "concise", "--isolated"], &[&y]) >= 1, "{verb} --isolated");
        let cfg = y.join("ogilint.toml");
        let with = [verb, "--format", "concise", "--config", cfg.to_str().expect("UTF-8 path")];
        assert_eq!(count(&with, &[&x]), 0, "{verb} --config");
    }
    let missing = ogilint().args(["check", "--config", "/nonexistent/ogilint.toml"]).arg(&x).output().expect("run");
    assert_eq!(missing.status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&dir);
}

/// A name that a spreadsheet would run as a formula is neutralised in CSV.
#[test]
fn csv_cells_that_look_like_formulas_are_neutralised() {
    let dir = temp_dir("formula");
    let paraphrased =
        year_of_seed(2024, &[("五、存在的主要问题及改进情况", "五、政府信息公开工作存在的主要问题及改进情况")]);
    std::fs::write(dir.join("=HYPERLINK(1).txt"), paraphrased).expect("w");
    for args in [&["export", "-o", "-"][..], &["scan", "--format", "csv"][..]] {
        // Named as given, relative: the name starts with `=`.
        let out = ogilint().args(args).arg("=HYPERLINK(1).txt").current_dir(&dir).output().expect("run");
        let text = String::from_utf8_lossy(&out.stdout);
        let rows: Vec<&str> = text.lines().filter(|l| l.contains("HYPERLINK")).collect();
        assert!(!rows.is_empty(), "{args:?}: {text}");
        for line in rows {
            assert!(line.starts_with("'=HYPERLINK"), "{line}");
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// A run's output never destroys its input: an output file named as an
/// input is refused before it is created (exit 2, the file intact); one
/// inside a folder being read is not read as a report by the next run.
#[test]
fn the_output_is_kept_apart_from_the_inputs() {
    let dir = temp_dir("output-apart");
    let seed = common::corpus("seed/huaibin-luji_2024.txt");
    let report = dir.join("r.txt");
    std::fs::write(&report, &seed).expect("w");
    for verb in ["scan", "export"] {
        let out = ogilint().arg(verb).arg(&report).arg("-o").arg(&report).output().expect("run");
        assert_eq!(out.status.code(), Some(2), "{verb}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("also an input"), "{verb}");
        assert_eq!(std::fs::read(&report).expect("r"), seed, "{verb} emptied its input");
    }
    // An output named like a report, inside the folder scanned, twice.
    let output = dir.join("out.txt");
    for _ in 0..2 {
        let out =
            ogilint().args(["scan", "--format", "concise"]).arg(&dir).arg("-o").arg(&output).output().expect("run");
        assert!(out.status.code().is_some_and(|c| c <= 1), "{out:?}");
        let written = std::fs::read_to_string(&output).expect("output");
        assert!(!written.contains("out.txt"), "the last output was read as a report: {written}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// File names that are not UTF-8 keep their bytes in output (`\xFF`), so
/// two of them never read as the same name.
#[cfg(unix)]
#[test]
fn file_names_that_are_not_utf8_stay_apart() {
    use std::os::unix::ffi::OsStrExt;
    let dir = temp_dir("names");
    let seed = common::corpus("seed/huaibin-luji_2024.txt");
    for b in [0xff_u8, 0xfe] {
        let bytes = [b'b', b'a', b'd', b, b'.', b't', b'x', b't'];
        std::fs::write(dir.join(std::ffi::OsStr::from_bytes(&bytes)), &seed).expect("w");
    }
    for verb in
        [&["check", "--format", "concise", "--select", "W"][..], &["scan", "--format", "concise", "--select", "W"][..]]
    {
        let out = ogilint().args(verb).arg(&dir).output().expect("run");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("bad\\xFF.txt") && text.contains("bad\\xFE.txt"), "{verb:?}: {text}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Pages that are no report (a site's list of report titles, the same
/// chrome every year) get their one I003 and take no part in the rules
/// across reports: no P502 between two years' list pages.
#[test]
fn pages_that_are_no_report_are_not_compared_across_years() {
    let dir = temp_dir("lists");
    let list = |year: i32| {
        let items: String = (0..20)
            .map(|k| {
                format!("<li><a href=\"/art/{k}.html\">淮滨县第{k}乡人民政府{year}年政府信息公开工作年度报告</a></li>")
            })
            .collect();
        let chrome = "<p>主办单位：淮滨县人民政府办公室，地址：淮滨县人民政府大院，联系电话：0376-0000000，网站标识码：4115270001。</p>".repeat(12);
        format!(
            "<html><head><title>政府信息公开年报</title></head><body><h1>政府信息公开年报</h1><ul>{items}</ul>{chrome}</body></html>"
        )
    };
    std::fs::write(dir.join("list_2023.html"), list(2023)).expect("w");
    std::fs::write(dir.join("list_2024.html"), list(2024)).expect("w");
    let out = ogilint().args(["scan", "--format", "concise"]).arg(&dir).output().expect("scan");
    let text = String::from_utf8_lossy(&out.stdout);
    let codes: Vec<&str> = text.lines().filter_map(|l| l.split('[').nth(1)?.split(']').next()).collect();
    assert_eq!(codes, ["I003", "I003"], "{text}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// The summary gives the workers' time by kind of file (a PDF costs far
/// more than a text), in the user's language.
#[test]
fn the_summary_times_each_kind_of_file_apart() {
    let out = ogilint().args(["scan", "corpus/", "-j", "2"]).current_dir(common::root()).output().expect("scan");
    let err = String::from_utf8_lossy(&out.stderr);
    let line = err.lines().find(|l| l.starts_with("time by kind of file:")).unwrap_or_else(|| panic!("{err}"));
    for kind in ["text 72 in", "pages 3 in", "PDF 3 in"] {
        assert!(line.contains(kind), "{line}");
    }
    let zh = ogilint().args(["scan", "corpus/", "--lang", "zh"]).current_dir(common::root()).output().expect("scan");
    assert!(
        String::from_utf8_lossy(&zh.stderr).contains("按文件类型计时：文本 72 个"),
        "{}",
        String::from_utf8_lossy(&zh.stderr)
    );
}
