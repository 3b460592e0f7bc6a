//! I004 lost-layout — reported by the parser (`parse/tables.rs`): the text a
//! table was extracted into lost its rows (a PDF's text printed column by
//! column), which is the extraction's loss, not the report's fault.

use super::{Ctx, Rule, RuleMeta};
use crate::diagnostic::Diagnostic;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: crate::diagnostic::Code::I004,
        summary: (
            "the text lost a table's rows (as text extracted from a PDF): only what is certain is read",
            "文本丢失了表格的行结构（如从 PDF 提取的文字），只读取能确定的内容",
        ),
        explain: (
            "What: a table's cells come out of row order in the text: a run of values longer than a row \
follows one label, as `pdftotext` without `-layout` (and copying from a PDF viewer) prints a table column \
by column. The rows read whole are kept when every such run adds up row by row; otherwise no value of the \
table is used. Rows missing, rows out of place and cells miscounted in such a text are not reported: \
they are the extraction's loss, not the report's fault.\n\
Why: a number placed in the wrong row is worse than a number not read.\n\
Fails: `pdftotext report.pdf` output of a report whose table 3 prints column by column.\n\
Passes: the PDF itself, or `pdftotext -layout`, or the report's HTML page.\n\
Fix: give ogilint the PDF or Word file itself (it reads their tables from the page), not extracted text.",
            "检查内容：文本中某表的单元格未按行排列：一个标签后连续出现超过一行的数值，这是不带 -layout 的 pdftotext（或从 PDF 阅读器复制）按列输出表格的结果。若每段数值都能逐行对上合计，则保留完整读出的行；否则该表数值均不采用。此类文本中缺行、错行、单元格数目不对等情况不再报告：这是提取造成的损失，不是报告本身的错误。\n\
依据：放错行的数字比读不出的数字更糟。\n\
错误示例：表三按列输出的 `pdftotext report.pdf` 文本。\n\
正确示例：PDF 文件本身、`pdftotext -layout` 的文本或报告网页。\n\
修改方法：直接检查 PDF 或 Word 文件（ogilint 从页面读取其表格），不要用提取出的文字。",
        ),
        fixable: false,
    },
    check: Some(check),
};

/// The parser's findings, as diagnostics.
fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    out.extend(super::findings(ctx, crate::diagnostic::Code::I004));
}

#[cfg(test)]
mod tests {
    #[test]
    fn fails_on_a_table_printed_column_by_column_passes_on_its_layout_text() {
        let codes = |name: &str| {
            let bytes = std::fs::read(format!("{}/corpus/pdf/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap_or_default();
            let parsed = crate::parse_bytes(&bytes, crate::Options::default());
            crate::rules::check(&parsed, &crate::rules::Settings::default())
                .iter()
                .map(|d| d.code.as_str())
                .collect::<Vec<_>>()
        };
        let plain = codes("huaian-hongze_quzhengfu_2023.txt");
        assert_eq!(plain.iter().filter(|c| **c == "I004").count(), 1, "{plain:?}");
        assert!(!plain.iter().any(|c| matches!(*c, "S105" | "S106" | "S107")), "{plain:?}");
        assert!(!codes("huaian-hongze_quzhengfu_2023_layout.txt").contains(&"I004"));
    }
}
