//! I002 lossy-decoding — reported by the decoder (`lib.rs`).

use super::{Ctx, Rule, RuleMeta};
use crate::diagnostic::Diagnostic;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: crate::diagnostic::Code::I002,
        summary: ("bytes invalid in the detected encoding were replaced", "部分字节在识别出的编码中无效，已被替换"),
        explain: (
            "What: some bytes are not valid in the encoding the file was read with (detected, or \
given with --encoding); they were replaced by U+FFFD. The message says how many and where the first is.\n\
Why: replaced characters may hide a label or a number; the values read near them may be wrong, \
and `--fix` refuses to write such a file back.\n\
Fails: a GBK page saved with one UTF-8 line pasted in, read as UTF-8 with --encoding utf-8.\n\
Passes: a file in one encoding throughout.\n\
Fix: re-save the file in one encoding (UTF-8 preferred), or pass the right --encoding.",
            "检查内容：文件中有字节在读取所用编码（自动识别或 --encoding 指定）中无效，已替换为 U+FFFD；提示给出数量和第一处位置。\n\
依据：被替换的字符可能正是表格标签或数字，附近读出的数值可能有误；这样的文件 --fix 也拒绝写回。\n\
错误示例：GBK 网页中混入一段 UTF-8 文字，又用 --encoding utf-8 读取。\n\
正确示例：全文使用同一种编码的文件。\n\
修改方法：将文件统一另存为一种编码（建议 UTF-8），或用 --encoding 指定正确的编码。",
        ),
        fixable: false,
    },
    check: Some(check),
};

/// The parser's findings, as diagnostics.
fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    out.extend(super::findings(ctx, crate::diagnostic::Code::I002));
}

#[cfg(test)]
mod tests {
    #[test]
    fn fails_on_bad_bytes_passes_on_clean_text() {
        let forced = crate::Options { encoding: crate::decode::EncodingChoice::Utf8, html: None };
        let bad = [super::super::testing::seed().as_bytes(), b"\xFF\xFE\xFD"].concat();
        let codes =
            |b: &[u8]| crate::parse_bytes(b, forced).diagnostics.iter().map(|d| d.code.as_str()).collect::<Vec<_>>();
        assert!(codes(&bad).contains(&"I002"));
        assert!(!codes(super::super::testing::seed().as_bytes()).contains(&"I002"));
    }
}
