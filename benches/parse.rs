//! Throughput of decode + normalise + parse on the bundled corpus.
//! `cargo bench --bench parse`; the README records the figures.

use divan::counter::BytesCount;
use std::path::PathBuf;

fn main() {
    divan::main();
}

/// Every text report of the corpus, in memory.
fn corpus() -> Vec<(String, Vec<u8>)> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut files = Vec::new();
    for dir in ["seed", "real", "excerpts", "html"] {
        let Ok(rd) = std::fs::read_dir(root.join(dir)) else { continue };
        for e in rd.flatten() {
            let p = e.path();
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("").to_string();
            if (name.ends_with(".txt") || name.ends_with(".md") || name.ends_with(".html"))
                && name != "SOURCES.md"
                && name != "README.md"
                && let Ok(bytes) = std::fs::read(&p)
            {
                files.push((format!("{dir}/{name}"), bytes));
            }
        }
    }
    files.sort();
    files
}

/// The whole text corpus, one file after another.
#[divan::bench]
fn whole_corpus(bencher: divan::Bencher) {
    let files: Vec<_> = corpus().into_iter().filter(|f| !f.0.ends_with(".html")).collect();
    let total: usize = files.iter().map(|f| f.1.len()).sum();
    bencher.counter(BytesCount::new(total)).bench(|| {
        for (_, bytes) in &files {
            divan::black_box(ogilint::engine::Engine::default().read(&ogilint::engine::Document::new("bench", bytes)));
        }
    });
}

/// One file of each layout.
#[divan::bench(args = ["seed/huaibin-luji_2024.txt", "real/pingtan_2023.txt", "real/shuyang-county-gov_2025.txt", "real/shanghai-stcsm_2024.md"])]
fn one_report(bencher: divan::Bencher, name: &str) {
    let bytes = corpus().into_iter().find(|f| f.0 == name).map(|f| f.1).unwrap_or_default();
    bencher.counter(BytesCount::new(bytes.len())).bench(|| {
        divan::black_box(ogilint::engine::Engine::default().read(&ogilint::engine::Document::new("bench", &bytes)))
    });
}

/// `check` end to end on one report (decode, parse, every rule), the largest
/// of the corpus.
/// What the language server does between a change and its diagnostics: a
/// 50 KB report (the seed's text repeated) linted through the engine. The
/// aim is under 20 ms.
#[divan::bench]
fn lsp_relint_50kb(bencher: divan::Bencher) {
    let seed = corpus().into_iter().find(|f| f.0 == "seed/huaibin-luji_2024.txt").map(|f| f.1).unwrap_or_default();
    let mut text = seed.clone();
    while text.len() < 50 * 1024 {
        text.extend_from_slice(b"\n");
        text.extend_from_slice(&seed);
    }
    let engine = ogilint::engine::Engine::default();
    bencher.counter(divan::counter::BytesCount::new(text.len())).bench(|| {
        let doc = ogilint::engine::Document::new("edit.txt", divan::black_box(&text));
        engine.lint(&doc)
    });
}

#[divan::bench(args = ["real/pingtan_2019.txt", "real/shuyang-county-gov_2025.txt"])]
fn check_report(bencher: divan::Bencher, name: &str) {
    let bytes = corpus().into_iter().find(|f| f.0 == name).map(|f| f.1).unwrap_or_default();
    let engine = ogilint::engine::Engine::default();
    bencher
        .counter(BytesCount::new(bytes.len()))
        .bench(|| divan::black_box(engine.lint(&ogilint::engine::Document::new("bench", &bytes))));
}

/// `check` (parse and every rule) over the whole text corpus: the figure
/// the README's before/after comparison uses.
#[divan::bench]
fn check_corpus(bencher: divan::Bencher) {
    let files: Vec<_> = corpus().into_iter().filter(|f| !f.0.ends_with(".html")).collect();
    let total: usize = files.iter().map(|f| f.1.len()).sum();
    let engine = ogilint::engine::Engine::default();
    bencher.counter(BytesCount::new(total)).bench(|| {
        for (_, bytes) in &files {
            divan::black_box(engine.lint(&ogilint::engine::Document::new("bench", bytes)));
        }
    });
}

/// The same report as a saved page and as crawled text: the page costs the
/// HTML parse and the extraction on top of the text pipeline.
#[divan::bench(args = ["html/pingtan_2023.html", "real/pingtan_2023.txt", "html/pingtan_2025.html", "real/pingtan_2025.txt"])]
fn page_or_text(bencher: divan::Bencher, name: &str) {
    let bytes = corpus().into_iter().find(|f| f.0 == name).map(|f| f.1).unwrap_or_default();
    bencher.counter(BytesCount::new(bytes.len())).bench(|| {
        divan::black_box(ogilint::engine::Engine::default().read(&ogilint::engine::Document::new("bench", &bytes)))
    });
}

/// A table-3 row whose 30 digits run together and add up in no way (7
/// cells): the glued-row solver's worst case, read through the engine.
#[divan::bench]
fn glued_run_of_30_digits(bencher: divan::Bencher) {
    let text = "三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量 123456789012345678901234567890\n";
    bencher.bench(|| {
        divan::black_box(
            ogilint::engine::Engine::default().read(&ogilint::engine::Document::new("glued.txt", text.as_bytes())),
        )
    });
}

/// Reports as published, read and linted end to end through the engine: the
/// three real WPS PDFs (5–8 pages), a 10-page Chromium print of a page, and
/// a generated report as .docx, LibreOffice PDF and .doc. The aim for a
/// 10-page PDF is under 50 ms.
#[divan::bench(args = [
    "corpus/pdf/huaian_shizhengfu_2024.pdf",
    "corpus/pdf/huaian-hongze_quzhengfu_2023.pdf",
    "tests/fixtures/print/pingtan_2023.pdf",
    "tests/fixtures/print/shuyang-fagaiju_2023.pdf",
    "tests/fixtures/office/report_7_00.pdf",
    "tests/fixtures/office/report_7_00.docx",
    "tests/fixtures/office/report_7_00.doc",
])]
fn published_file(bencher: divan::Bencher, path: &str) {
    let bytes = std::fs::read(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap_or_default();
    let engine = ogilint::engine::Engine::default();
    bencher
        .counter(BytesCount::new(bytes.len()))
        .bench(|| divan::black_box(engine.lint(&ogilint::engine::Document::new(path, &bytes))));
}
