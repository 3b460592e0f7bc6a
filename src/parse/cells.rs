//! nom parsers for the small things inside cells and sentences: numbers (with
//! thousands separators, decimals, signs, units, and the "no value" marks),
//! Chinese numerals and dates. Input is normalised text (ASCII digits).

use nom::{
    IResult, Parser,
    branch::alt,
    bytes::complete::{tag, take_while_m_n},
    character::complete::{char, digit1, one_of, space0},
    combinator::{all_consuming, map_res, opt, recognize},
    multi::many0,
    sequence::{pair, preceded},
};

/// What one cell's text says.
#[derive(Debug, Clone, PartialEq)]
pub enum CellText {
    /// A number as written: its value, whether it has a fraction, its sign and unit.
    Number { value: f64, integer: Option<i64>, signed: bool, unit: Option<String> },
    /// A mark that means "no value": `-`, `—`, `/`, `无`.
    Dash,
}

const NO_VALUE_MARKS: &[&str] = &["——", "--", "—", "–", "-", "/", "\\", "无", "×", "__", "_"];
const UNITS: &[&str] = &["万元", "元", "件", "个", "条", "项", "次", "宗", "人"];

fn thousands_number(input: &str) -> IResult<&str, &str> {
    recognize(pair(
        take_while_m_n(1, 3, |c: char| c.is_ascii_digit()),
        nom::multi::many1(preceded(char(','), take_while_m_n(3, 3, |c: char| c.is_ascii_digit()))),
    ))
    .parse(input)
}

fn unsigned_number(input: &str) -> IResult<&str, &str> {
    recognize(pair(alt((thousands_number, digit1)), opt(pair(char('.'), digit1)))).parse(input)
}

fn unit(input: &str) -> IResult<&str, &str> {
    for u in UNITS {
        if let Some(rest) = input.strip_prefix(u) {
            return Ok((rest, &input[..u.len()]));
        }
    }
    Err(nom::Err::Error(nom::error::Error::new(input, nom::error::ErrorKind::Tag)))
}

/// `+` or `-`, or the words 增 and 减 of a 本年增/减 cell (`减44`).
fn sign(input: &str) -> IResult<&str, char> {
    alt((one_of("+-"), nom::combinator::value('+', char('增')), nom::combinator::value('-', char('减')))).parse(input)
}

fn number(input: &str) -> IResult<&str, CellText> {
    let (rest, (sign, digits, _, unit)) = (opt(sign), unsigned_number, space0, opt(unit)).parse(input)?;
    // (Thousands separators dropped; most numbers have none, and are read
    // as they stand.)
    let plain: std::borrow::Cow<str> =
        if digits.contains(',') { digits.chars().filter(|c| *c != ',').collect() } else { digits.into() };
    let value: f64 = plain.parse().unwrap_or(f64::NAN);
    let integer = if plain.contains('.') { None } else { plain.parse::<i64>().ok() };
    let negative = sign == Some('-');
    Ok((
        rest,
        CellText::Number {
            value: if negative { -value } else { value },
            integer: integer.map(|i| if negative { -i } else { i }),
            signed: sign.is_some(),
            unit: unit.map(str::to_string),
        },
    ))
}

fn dash(input: &str) -> IResult<&str, CellText> {
    for m in NO_VALUE_MARKS {
        if let Some(rest) = input.strip_prefix(m)
            && rest.trim().is_empty()
        {
            return Ok(("", CellText::Dash));
        }
    }
    Err(nom::Err::Error(nom::error::Error::new(input, nom::error::ErrorKind::Tag)))
}

/// Reads a whole cell (already trimmed). `None` when it is text, not a value.
pub(crate) fn cell_value(text: &str) -> Option<CellText> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    // Most cells are a plain count (`0`, `12`): read without the parsers,
    // to the same value. (Up to 18 digits always fits an i64.)
    if text.len() <= 18 && text.bytes().all(|b| b.is_ascii_digit()) {
        let n: i64 = text.parse().ok()?;
        return Some(CellText::Number { value: n as f64, integer: Some(n), signed: false, unit: None });
    }
    alt((all_consuming(number), dash)).parse(text).ok().map(|(_, v)| v)
}

/// One part of a 2019 本年增/减 cell written with its sign and the number in
/// brackets (`+(3)`, `-(0)`, `减(2)`): its signed value.
pub(crate) fn bracketed_change(word: &str) -> Option<i64> {
    // Every word of a table is asked: most have no bracket at all.
    if !word.contains(['(', '（']) {
        return None;
    }
    let (rest, (sign, _, _, digits, _)) =
        (opt(sign), space0, one_of("(（"), digit1::<&str, nom::error::Error<&str>>, one_of(")）")).parse(word).ok()?;
    if !rest.trim().is_empty() {
        return None;
    }
    let n: i64 = digits.parse().ok()?;
    Some(if sign == Some('-') { -n } else { n })
}

/// The longest Chinese numeral a cell holds (`一千二百`); longer is words.
const MAX_NUMERAL_CELL_CHARS: usize = 4;

/// A cell that holds a Chinese numeral (`三`, `十二`): its value, as a number
/// written with digits. Only for a whole cell set apart by separators; a
/// numeral in prose or a label is no cell.
pub(crate) fn chinese_numeral_cell(cell: &str) -> Option<CellText> {
    let cell = cell.trim();
    if cell.is_empty() || cell.chars().count() > MAX_NUMERAL_CELL_CHARS {
        return None;
    }
    let n = chinese_numeral(cell)?;
    Some(CellText::Number { value: f64::from(n), integer: Some(i64::from(n)), signed: false, unit: None })
}

/// A number at the start of `word` followed by text: its length and value.
pub(crate) fn number_prefix(word: &str) -> Option<(usize, CellText)> {
    let (rest, v) = number(word).ok()?;
    let len = word.len() - rest.len();
    (len > 0 && !rest.is_empty()).then_some((len, v))
}

/// The value of a Chinese numeral (`三`, `十二`, `二十`, `一百零五`, `两千`).
pub(crate) fn chinese_numeral(s: &str) -> Option<u32> {
    fn digit(c: char) -> Option<u32> {
        Some(match c {
            '零' | '〇' => 0,
            '一' => 1,
            '二' | '两' => 2,
            '三' => 3,
            '四' => 4,
            '五' => 5,
            '六' => 6,
            '七' => 7,
            '八' => 8,
            '九' => 9,
            _ => return None,
        })
    }
    if s.is_empty() {
        return None;
    }
    let (mut total, mut section, mut current) = (0u32, 0u32, None::<u32>);
    for c in s.chars() {
        if let Some(d) = digit(c) {
            current = Some(d);
            continue;
        }
        let unit = match c {
            '十' => 10,
            '百' => 100,
            '千' => 1000,
            '万' => {
                section = (section + current.take().unwrap_or(0)).checked_mul(10_000)?;
                total = total.checked_add(section)?;
                section = 0;
                continue;
            }
            _ => return None,
        };
        // 十 alone means ten.
        section += current.take().unwrap_or(1) * unit;
    }
    Some(total + section + current.unwrap_or(0))
}

pub use crate::model::Date;

fn num_u32(input: &str) -> IResult<&str, u32> {
    map_res(digit1, str::parse::<u32>).parse(input)
}

fn year_cn(input: &str) -> IResult<&str, i32> {
    let (rest, (y, _, _, _)) =
        (map_res(take_while_m_n(4, 4, |c: char| c.is_ascii_digit()), str::parse::<i32>), space0, tag("年"), space0)
            .parse(input)?;
    Ok((rest, y))
}

fn date_cn(input: &str) -> IResult<&str, Date> {
    let (rest, (year, month, _, _, _, day, _, _)) =
        (opt(year_cn), num_u32, space0, tag("月"), space0, num_u32, space0, opt(tag("日"))).parse(input)?;
    Ok((rest, Date { year, month, day }))
}

fn date_sep(input: &str) -> IResult<&str, Date> {
    let (rest, (year, sep, month)) =
        (map_res(take_while_m_n(4, 4, |c: char| c.is_ascii_digit()), str::parse::<i32>), one_of(".-/"), num_u32)
            .parse(input)?;
    let (rest, day) = preceded(char(sep), num_u32).parse(rest)?;
    Ok((rest, Date { year: Some(year), month, day }))
}

/// A date at the start of `input`: `2024 年 1 月 1 日`, `2024年1月1日`,
/// `12月31日`, `2024.1.1`, `2024-01-01`, `2024/1/1`.
pub(crate) fn date(input: &str) -> IResult<&str, Date> {
    let (rest, d) = alt((date_sep, date_cn)).parse(input)?;
    if !(1..=12).contains(&d.month) || !(1..=31).contains(&d.day) {
        return Err(nom::Err::Error(nom::error::Error::new(input, nom::error::ErrorKind::Verify)));
    }
    Ok((rest, d))
}

/// A period `DATE 至 DATE` (also `起至`, `始至`, `开始至`, `—`, `到`, `-`, with
/// `止`/`起` around).
pub fn period(input: &str) -> IResult<&str, (Date, Date)> {
    let (rest, (from, _, _, _, _, to)) = (
        date,
        space0,
        opt(alt((tag("开始"), tag("起"), tag("始")))),
        many0(alt((tag(" "), tag(",")))),
        alt((tag("至"), tag("到"), tag("—"), tag("-"), tag("~"))),
        preceded(space0, date),
    )
        .parse(input)?;
    Ok((rest, (from, to)))
}

/// A four-digit year followed by `年`: the first in `text`, with its byte offset.
pub(crate) fn first_year(text: &str) -> Option<(usize, i32)> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i + 4 <= bytes.len() {
        if bytes[i].is_ascii_digit()
            && (i == 0 || !bytes[i - 1].is_ascii_digit())
            && let Ok((_, y)) = year_cn(&text[i..])
            && (1990..=2100).contains(&y)
        {
            return Some((i, y));
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn int(v: i64) -> Option<CellText> {
        Some(CellText::Number { value: v as f64, integer: Some(v), signed: false, unit: None })
    }

    #[test]
    fn numbers() {
        assert_eq!(cell_value("0"), int(0));
        assert_eq!(cell_value(" 517645 "), int(517645));
        assert_eq!(cell_value("3,985,758"), int(3_985_758));
        match cell_value("4068.208") {
            Some(CellText::Number { value, integer: None, .. }) => assert!((value - 4068.208).abs() < 1e-9),
            other => panic!("{other:?}"),
        }
        assert_eq!(
            cell_value("-18"),
            Some(CellText::Number { value: -18.0, integer: Some(-18), signed: true, unit: None })
        );
        match cell_value("160.5964万元") {
            Some(CellText::Number { unit: Some(u), .. }) => assert_eq!(u, "万元"),
            other => panic!("{other:?}"),
        }
    }

    /// The plain-count fast path reads what the parsers read, leading zeros,
    /// 18 digits and the 19 digits it leaves to them included.
    #[test]
    fn plain_counts_read_as_the_parsers_read_them() {
        let parsers = |s: &str| alt((all_consuming(number), dash)).parse(s).ok().map(|(_, v)| v);
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        let mut words: Vec<String> =
            ["0", "00", "007", "999999999999999999", "1000000000000000000", "9223372036854775807"]
                .map(String::from)
                .to_vec();
        for _ in 0..2000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let len = 1 + (x % 20) as usize;
            words.push((0..len).map(|i| char::from(b'0' + ((x >> (i * 3)) % 10) as u8)).collect());
        }
        for w in &words {
            assert_eq!(cell_value(w), parsers(w), "{w}");
        }
    }

    #[test]
    fn a_change_written_in_words_is_signed() {
        let v = |s: &str| match cell_value(s) {
            Some(CellText::Number { integer, signed, .. }) => (integer, signed),
            _ => (None, false),
        };
        assert_eq!(v("减44"), (Some(-44), true));
        assert_eq!(v("增3"), (Some(3), true));
        assert_eq!(v("增加"), (None, false));
    }

    #[test]
    fn no_value_marks() {
        for m in ["-", "—", "/", "无", "——", "_", "__"] {
            assert_eq!(cell_value(m), Some(CellText::Dash), "{m}");
        }
    }

    #[test]
    fn text_is_not_a_value() {
        assert_eq!(cell_value("规章"), None);
        assert_eq!(cell_value("12a"), None);
        assert_eq!(cell_value(""), None);
        assert_eq!(cell_value("1,23"), None);
    }

    #[test]
    fn chinese_numerals() {
        assert_eq!(chinese_numeral("三"), Some(3));
        assert_eq!(chinese_numeral("十"), Some(10));
        assert_eq!(chinese_numeral("十二"), Some(12));
        assert_eq!(chinese_numeral("二十一"), Some(21));
        assert_eq!(chinese_numeral("一百零五"), Some(105));
        assert_eq!(chinese_numeral("两千"), Some(2000));
        assert_eq!(chinese_numeral("三万二千"), Some(32000));
        assert_eq!(chinese_numeral("甲"), None);
    }

    #[test]
    fn dates() {
        let d = |y, m, day| Date { year: y, month: m, day };
        assert_eq!(date("2024 年 1 月 1 日").unwrap().1, d(Some(2024), 1, 1));
        assert_eq!(date("2024年12月31日止").unwrap(), ("止", d(Some(2024), 12, 31)));
        assert_eq!(date("2024.1.1").unwrap().1, d(Some(2024), 1, 1));
        assert_eq!(date("2024-01-01").unwrap().1, d(Some(2024), 1, 1));
        assert_eq!(date("12月31日").unwrap().1, d(None, 12, 31));
        assert!(date("2024年13月1日").is_err());
    }

    #[test]
    fn periods() {
        let (_, (a, b)) = period("2024 年 1 月 1 日至 2024 年 12 月 31 日").unwrap();
        assert_eq!((a.year, a.month, b.year, b.month, b.day), (Some(2024), 1, Some(2024), 12, 31));
        let (_, (_, b)) = period("2023年1月1日起至2023年12月31日止").unwrap();
        assert_eq!(b.day, 31);
        // `始至`, `开始至` (a street office's report of 2022).
        for written in ["2022年1月1日始至2022年12月31日止", "2022年1月1日开始至2022年12月31日"] {
            let (_, (a, b)) = period(written).unwrap();
            assert_eq!((a.year, a.month, a.day, b.year, b.month, b.day), (Some(2022), 1, 1, Some(2022), 12, 31));
        }
        let (_, (_, b)) = period("2021年1月1日—12月31日").unwrap();
        assert_eq!((b.year, b.month), (None, 12));
    }

    #[test]
    fn years() {
        assert_eq!(first_year("淮滨县 2024 年政府"), Some((10, 2024)));
        assert_eq!(first_year("平潭2023年度"), Some((6, 2023)));
        assert_eq!(first_year("电话12345"), None);
    }
}
