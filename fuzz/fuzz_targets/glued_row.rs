//! The glued-cell splitter: a table-3 row and table 4 whose cells are the
//! fuzzer's digits and separators, glued as crawlers glue them.
#![no_main]

#[path = "common.rs"]
mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    // Digits, spaces and a few marks only: the splitter's input.
    let cells: String = data
        .iter()
        .take(400)
        .map(|b| match b % 14 {
            0..=9 => char::from(b'0' + b % 14),
            10 => ' ',
            11 => '.',
            12 => '年',
            _ => '\t',
        })
        .collect();
    let text = format!(
        "一、总体情况\n三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量{cells}二、上年结转政府信息公开申请数量{cells}（七）总计{cells}\n四、政府信息公开行政复议、行政诉讼情况 行政复议 结果维持 总计{cells}"
    );
    common::lint_and_render(text.as_bytes(), ogilint::engine::Kind::Text);
});
