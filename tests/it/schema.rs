//! The JSON output against its published schemas (`docs/schema/`): every
//! diagnostic record of `check --format json` and `scan --format jsonl` on
//! the corpus (the results across reports included), and every report of
//! `parse --format json-locations` and `export --format jsonl`.
//!
//! The schemas are standard JSON Schema (2020-12), for any validator; the
//! test checks them with the keywords they use, implemented below, so that
//! no validator and its dependencies are built with the tests. A keyword it
//! does not know fails the test, so the schemas cannot outgrow the check.

use crate::common::{ogilint, root};
use serde_json::Value;

fn schema(name: &str) -> Value {
    let path = root().join("docs/schema").join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The faults of `v` against `s` (within the schema document `root`), each
/// with its JSON path.
fn check(root: &Value, s: &Value, v: &Value, at: &str, faults: &mut Vec<String>) {
    let Some(map) = s.as_object() else {
        faults.push(format!("{at}: the schema is not an object"));
        return;
    };
    for (key, want) in map {
        match key.as_str() {
            "$schema" | "$id" | "title" | "description" | "$defs" => {}
            "$ref" => {
                let name = want.as_str().and_then(|r| r.strip_prefix("#/$defs/")).unwrap_or("");
                match root["$defs"].get(name) {
                    Some(def) => check(root, def, v, at, faults),
                    None => faults.push(format!("{at}: unknown $ref {want}")),
                }
            }
            "type" => {
                let types: Vec<&str> = match want {
                    Value::String(t) => vec![t.as_str()],
                    Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
                    _ => Vec::new(),
                };
                let is = |t: &str| match t {
                    "object" => v.is_object(),
                    "array" => v.is_array(),
                    "string" => v.is_string(),
                    "integer" => v.is_i64() || v.is_u64(),
                    "number" => v.is_number(),
                    "boolean" => v.is_boolean(),
                    "null" => v.is_null(),
                    _ => false,
                };
                if !types.iter().any(|t| is(t)) {
                    faults.push(format!("{at}: {v} is not of type {want}"));
                }
            }
            "const" if v != want => faults.push(format!("{at}: {v} is not {want}")),
            "const" => {}
            "enum" if !want.as_array().is_some_and(|a| a.contains(v)) => {
                faults.push(format!("{at}: {v} is not one of {want}"));
            }
            "enum" => {}
            "required" => {
                for k in want.as_array().into_iter().flatten().filter_map(Value::as_str) {
                    if v.is_object() && v.get(k).is_none() {
                        faults.push(format!("{at}: no `{k}`"));
                    }
                }
            }
            "properties" => {
                for (k, sub) in want.as_object().into_iter().flatten() {
                    if let Some(x) = v.get(k).filter(|_| v.is_object()) {
                        check(root, sub, x, &format!("{at}.{k}"), faults);
                    }
                }
            }
            "additionalProperties" => {
                let known = map.get("properties").and_then(Value::as_object);
                for (k, x) in v.as_object().into_iter().flatten() {
                    if known.is_some_and(|p| p.contains_key(k)) {
                        continue;
                    }
                    match want {
                        Value::Bool(false) => faults.push(format!("{at}: unexpected `{k}`")),
                        Value::Bool(true) => {}
                        sub => check(root, sub, x, &format!("{at}.{k}"), faults),
                    }
                }
            }
            "items" => {
                for (i, x) in v.as_array().into_iter().flatten().enumerate() {
                    check(root, want, x, &format!("{at}[{i}]"), faults);
                }
            }
            "anyOf" => {
                let fits = want.as_array().into_iter().flatten().any(|sub| {
                    let mut inner = Vec::new();
                    check(root, sub, v, at, &mut inner);
                    inner.is_empty()
                });
                if !fits {
                    faults.push(format!("{at}: {v} fits none of anyOf"));
                }
            }
            "minimum" | "maximum" => {
                let (Some(x), Some(bound)) = (v.as_f64(), want.as_f64()) else { continue };
                if (key == "minimum" && x < bound) || (key == "maximum" && x > bound) {
                    faults.push(format!("{at}: {x} is out of {key} {bound}"));
                }
            }
            "minLength" => {
                if v.as_str().is_some_and(|t| (t.chars().count() as u64) < want.as_u64().unwrap_or(0)) {
                    faults.push(format!("{at}: {v} is shorter than {want}"));
                }
            }
            "pattern" => {
                let re = regex::Regex::new(want.as_str().unwrap_or("")).expect("a valid pattern");
                if v.as_str().is_some_and(|t| !re.is_match(t)) {
                    faults.push(format!("{at}: {v} does not match {want}"));
                }
            }
            other => faults.push(format!("{at}: the test does not know the keyword `{other}`")),
        }
    }
}

fn faults(schema: &Value, v: &Value) -> Vec<String> {
    let mut out = Vec::new();
    check(schema, schema, v, "$", &mut out);
    out
}

/// Every line of a command's standard output, as JSON.
fn json_lines(args: &[&str]) -> Vec<Value> {
    let out = ogilint().args(args).current_dir(root()).output().expect("runs");
    assert!(out.status.code().is_some_and(|c| c <= 1), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    text.lines().map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{args:?}: {e}: {l}"))).collect()
}

fn assert_valid(schema: &Value, records: &[Value], what: &str) {
    let mut bad = Vec::new();
    for r in records {
        bad.extend(faults(schema, r).into_iter().map(|f| format!("{}: {f}", r["file"])));
    }
    assert!(bad.is_empty(), "{what}: {} faults, first: {:#?}", bad.len(), &bad[..bad.len().min(10)]);
}

#[test]
fn diagnostics_of_check_and_scan_follow_their_schema() {
    let schema = schema("diagnostic.schema.json");
    let check = json_lines(&["check", "corpus/", "--format", "json"]);
    // A planted pair for the results across reports: the 2023 report carries
    // 5 requests forward, the 2024 report (the seed) carried over none.
    let dir = crate::common::temp_dir("schema", "across");
    let seed = String::from_utf8(crate::common::corpus("seed/huaibin-luji_2024.txt")).expect("UTF-8");
    let forward = "四、结转下年度继续办理\t\t0\t0\t0\t0\t0\t0\t0";
    assert!(seed.contains(forward));
    let last_year = seed.replace("2024", "2023").replacen(forward, "四、结转下年度继续办理\t\t5\t0\t0\t0\t0\t0\t5", 1);
    std::fs::write(dir.join("a_2023.txt"), last_year).expect("write");
    std::fs::write(dir.join("a_2024.txt"), &seed).expect("write");
    let pair = dir.to_string_lossy().into_owned();
    let scan = json_lines(&["scan", "corpus/", &pair, "--format", "jsonl", "-j", "2"]);
    let _ = std::fs::remove_dir_all(&dir);
    assert!(check.len() > 100, "the corpus has findings: {}", check.len());
    // Every kind of record is in the set: a PDF's place, a fix, a finding
    // about the whole file (no span), and results across reports.
    assert!(check.iter().any(|r| r["spans"][0]["place"].is_object()), "a PDF or Word place");
    assert!(check.iter().any(|r| r["fix"].is_object()), "a fix");
    assert!(scan.iter().any(|r| ["A205", "A206", "P502"].contains(&r["code"].as_str().unwrap_or(""))), "across");
    assert_valid(&schema, &check, "check --format json");
    assert_valid(&schema, &scan, "scan --format jsonl");
}

#[test]
fn reports_of_parse_and_export_follow_their_schema() {
    let schema = schema("report.schema.json");
    let dir = root().join("corpus");
    let mut files: Vec<String> = Vec::new();
    for sub in ["seed", "excerpts", "html", "pdf", "real"] {
        for f in crate::common::files_in(sub) {
            files.push(f.strip_prefix(&dir).map(|p| format!("corpus/{}", p.display())).unwrap_or_default());
        }
    }
    let mut args = vec!["parse", "--format", "json-locations"];
    args.extend(files.iter().map(String::as_str));
    let parsed = json_lines(&args);
    assert_eq!(parsed.len(), files.len(), "one object per report");
    assert!(
        parsed.iter().any(|r| r["locations"].as_object().is_some_and(|l| l.values().any(|x| x["place"].is_object())))
    );
    assert_valid(&schema, &parsed, "parse --format json-locations");
    let exported = json_lines(&["export", "corpus/", "--format", "jsonl"]);
    assert!(exported.len() > 20, "the corpus's reports: {}", exported.len());
    assert_valid(&schema, &exported, "export --format jsonl");
}

/// The check finds what breaks the schema: a record without its version, a
/// severity of its own, a field the schema does not name, a span at line 0.
#[test]
fn the_schema_check_can_fail() {
    let schema = schema("diagnostic.schema.json");
    let good = serde_json::json!({"version": 1, "file": "a.txt", "code": "A204", "name": "review-total",
        "severity": "error", "message": "m", "spans": [], "notes": [], "help": []});
    assert_eq!(faults(&schema, &good), Vec::<String>::new());
    let mut cases = Vec::new();
    let mut v = good.clone();
    v.as_object_mut().map(|o| o.remove("version"));
    cases.push(v);
    let mut v = good.clone();
    v["severity"] = "fatal".into();
    cases.push(v);
    let mut v = good.clone();
    v["extra"] = 1.into();
    cases.push(v);
    let mut v = good.clone();
    v["spans"] = serde_json::json!([{"line_start": 0, "column_start": 1, "line_end": 1, "column_end": 1,
        "byte_start": 0, "byte_end": 0, "primary": true, "label": ""}]);
    cases.push(v);
    let mut v = good;
    v["code"] = "a204".into();
    cases.push(v);
    for case in cases {
        assert!(!faults(&schema, &case).is_empty(), "accepted: {case}");
    }
}
