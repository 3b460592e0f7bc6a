//! `check` time per file, best of 5 rounds of 40 runs, and the sum (a
//! development aid for before/after comparisons of the same files):
//! `cargo run --release --example check_files -- corpus/real/*.txt`.
use std::time::Instant;

fn main() {
    let mut files: Vec<String> = std::env::args().skip(1).collect();
    files.sort();
    let engine = ogilint::engine::Engine::default();
    let mut total = 0.0;
    for path in &files {
        let bytes = std::fs::read(path).unwrap_or_default();
        let mut best = f64::MAX;
        for _ in 0..5 {
            let t = Instant::now();
            for _ in 0..40 {
                std::hint::black_box(engine.lint(&ogilint::engine::Document::new("bench", &bytes)));
            }
            best = best.min(t.elapsed().as_secs_f64() / 40.0);
        }
        total += best;
        println!("{:>9.1} µs  {path}", best * 1e6);
    }
    println!("{:>9.1} µs  total ({} files)", total * 1e6, files.len());
}
