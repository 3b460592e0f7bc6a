//! Prints what the PDF reader sees on one page: ruling edges and table cells
//! (a tool for studying a PDF that reads wrongly).
//!
//!     cargo run --example pdf_cells -- FILE.pdf PAGE
use pdfplumber::{Pdf, TableSettings};

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(path), page) = (args.next(), args.next().and_then(|p| p.parse::<usize>().ok()).unwrap_or(1)) else {
        eprintln!("usage: pdf_cells FILE.pdf [PAGE]");
        return;
    };
    let bytes = std::fs::read(&path).unwrap_or_default();
    let Ok(pdf) = Pdf::open_bytes(&bytes, None) else { return eprintln!("not a readable PDF") };
    let Ok(p) = pdf.page(page.saturating_sub(1)) else { return eprintln!("no page {page}") };
    for e in p.edges() {
        println!("edge {:?} x {:.1}-{:.1} y {:.1}-{:.1}", e.orientation, e.x0, e.x1, e.top, e.bottom);
    }
    for (i, t) in p.find_tables(&TableSettings::default()).iter().enumerate() {
        for c in &t.cells {
            println!(
                "table {i} cell x {:.1}-{:.1} y {:.1}-{:.1} {:?}",
                c.bbox.x0, c.bbox.x1, c.bbox.top, c.bbox.bottom, c.text
            );
        }
    }
}
