//! Prints the text ogilint reads from an HTML page (a development aid):
//! `cargo run --example extract -- PAGE.html`.
fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: extract PAGE.html");
        return;
    };
    let bytes = std::fs::read(&path).unwrap_or_default();
    let parsed = ogilint::engine::Engine::default().read(&ogilint::engine::Document {
        kind: ogilint::engine::Kind::Html,
        ..ogilint::engine::Document::new("page", &bytes)
    });
    print!("{}", parsed.text);
}
