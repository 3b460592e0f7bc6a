//! The renderers over arbitrary spans of arbitrary text: a wrong span may
//! show a wrong window, never panic.
#![no_main]

use ogilint::diagnostic::{Code, Diagnostic, Lang, Msg};
use ogilint::model::Span;
use ogilint::render::{self, FileReport};
use ogilint::source::LineIndex;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if data.len() < 8 {
        return;
    }
    let (head, body) = data.split_at(8);
    let text = String::from_utf8_lossy(body).into_owned();
    let at = |i: usize| u16::from_le_bytes([head[i], head[i + 1]]) as usize;
    let d = Diagnostic::new(Code::A201, Msg::new("m\x1b", "消息"))
        .primary(Span::new(at(0), at(2)), Msg::new("here", "此处"))
        .secondary(Span::new(at(4), at(6)), Msg::new("there", "彼处"))
        .fix(Span::new(at(2), at(4)), "行政规范性文件");
    let lines = LineIndex::new(text.as_str().into());
    let diags = [d];
    let file = FileReport { name: "f", text: &text, lines: &lines, diagnostics: &diags };
    let _ = render::human::render(&file, Lang::En, true);
    let _ = render::concise(&file, Lang::Zh);
    let _ = render::json::render(&file, Lang::En);
    let _ = render::github::render(&file, Lang::En);
    let _ = render::sarif::render(std::slice::from_ref(&file), Lang::En);
    let _ = ogilint::fix::apply(&text, &diags);
});
