//! I001 unreadable-input — reported by the decoder (`lib.rs`).

use super::{Ctx, Rule, RuleMeta};
use crate::diagnostic::Diagnostic;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: crate::diagnostic::Code::I001,
        summary: ("the file cannot be read, is binary, or is empty", "文件无法读取、是二进制文件或为空"),
        explain: (
            "What: the input is empty, binary (an image, a PDF, an Office file, bytes with NUL), \
or cannot be decoded as text at all.\n\
Why: a report must be published as text that people and tools can read; nothing else \
can be checked until it is (条例 第四十九条 asks for publication of the report itself).\n\
Fails: a .txt file that is really a JPEG (starts with FF D8 FF); an empty file.\n\
Passes: the report's text, in UTF-8, GB18030/GBK or UTF-16.\n\
Fix: extract the text of the PDF or Word file (or save the web page as text or HTML) and lint that.",
            "检查内容：文件为空、是二进制文件（图片、PDF、Office 文档、含 NUL 字节），或根本无法解码为文本。\n\
依据：年度报告应以可读的文本公开（《条例》第四十九条要求向社会公布报告本身），无法读取的文件无从检查。\n\
错误示例：扩展名为 .txt、实际是 JPEG 图片的文件（以 FF D8 FF 开头）；空文件。\n\
正确示例：报告的文字，编码为 UTF-8、GB18030/GBK 或 UTF-16。\n\
修改方法：先从 PDF 或 Word 文件中提取文字（或将网页另存为文本或 HTML），再检查。",
        ),
        fixable: false,
    },
    check: Some(check),
};

/// The parser's findings, as diagnostics.
fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    out.extend(super::findings(ctx, crate::diagnostic::Code::I001));
}

#[cfg(test)]
mod tests {
    #[test]
    fn fails_on_empty_and_binary_passes_on_text() {
        let codes = |b: &[u8]| {
            crate::parse_bytes(b, crate::Options::default())
                .diagnostics
                .iter()
                .map(|d| d.code.as_str())
                .collect::<Vec<_>>()
        };
        assert!(codes(b"").contains(&"I001"));
        assert!(codes(b"%PDF-1.7 ...").contains(&"I001"));
        assert!(!codes(super::super::testing::seed().as_bytes()).contains(&"I001"));
    }
}
