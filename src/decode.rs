//! Stage 1: bytes → text.
//!
//! BOM sniffing (UTF-8, UTF-16LE/BE), then strict UTF-8, else GB18030 (a
//! superset of GBK and GB2312, the usual encoding of older government sites).
//! Bytes that are invalid in the chosen encoding are replaced and counted, never
//! fatal: the caller turns the count into an I002 diagnostic.

use encoding_rs::{Encoding, GB18030, UTF_8, UTF_16BE, UTF_16LE};

/// The encoding a user may force with `--encoding`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EncodingChoice {
    #[default]
    Auto,
    Utf8,
    Gb18030,
    Utf16Le,
    Utf16Be,
}

impl EncodingChoice {
    /// Parses the value of `--encoding` (case-insensitive; `gbk` and `gb2312`
    /// mean GB18030, which contains both).
    pub fn from_name(name: &str) -> Option<Self> {
        match name.to_ascii_lowercase().replace('_', "-").as_str() {
            "auto" => Some(Self::Auto),
            "utf-8" | "utf8" => Some(Self::Utf8),
            "gb18030" | "gbk" | "gb2312" => Some(Self::Gb18030),
            "utf-16le" | "utf16le" => Some(Self::Utf16Le),
            "utf-16be" | "utf16be" => Some(Self::Utf16Be),
            _ => None,
        }
    }
}

/// The decoded text of one input and how it was obtained.
#[derive(Debug, Clone)]
pub struct Decoded {
    pub text: String,
    /// The encoding used, by its WHATWG name (`UTF-8`, `gb18030`, `UTF-16LE`…).
    pub encoding: &'static Encoding,
    /// Whether a byte-order mark was present (and stripped).
    pub bom: bool,
    /// Number of malformed byte sequences replaced by U+FFFD.
    pub lossy_sequences: usize,
    /// Byte offset (in the input bytes) of the first malformed sequence.
    pub first_lossy_byte: Option<usize>,
}

impl Decoded {
    /// The name shown to users and written in the model (`UTF-8`, `GB18030`, `UTF-16LE`).
    pub(crate) fn encoding_name(&self) -> &'static str {
        display_name(self.encoding)
    }
}

/// The user-facing name of an encoding.
pub fn display_name(enc: &'static Encoding) -> &'static str {
    if enc == GB18030 { "GB18030" } else { enc.name() }
}

/// Decodes `bytes` as asked. Never fails: undecodable bytes are replaced and counted.
pub fn decode(bytes: &[u8], choice: EncodingChoice) -> Decoded {
    decode_checked(bytes, choice, simdutf8::basic::from_utf8(bytes).ok())
}

/// [`decode`], with the bytes' UTF-8 validity already checked by the caller
/// (`valid_utf8` is the bytes as text when they are valid UTF-8).
pub(crate) fn decode_checked(bytes: &[u8], choice: EncodingChoice, valid_utf8: Option<&str>) -> Decoded {
    let (bom_enc, bom_len) = match Encoding::for_bom(bytes) {
        Some((enc, len)) => (Some(enc), len),
        None => (None, 0),
    };
    let encoding = match choice {
        EncodingChoice::Utf8 => UTF_8,
        EncodingChoice::Gb18030 => GB18030,
        EncodingChoice::Utf16Le => UTF_16LE,
        EncodingChoice::Utf16Be => UTF_16BE,
        EncodingChoice::Auto => match bom_enc {
            Some(enc) => enc,
            None if valid_utf8.is_some() => UTF_8,
            None => sniff_utf16(bytes).unwrap_or_else(|| if mostly_utf8(bytes) { UTF_8 } else { GB18030 }),
        },
    };
    // A BOM is stripped only when it belongs to the encoding in use.
    let body = if bom_enc == Some(encoding) { &bytes[bom_len..] } else { bytes };
    let bom = bom_enc == Some(encoding);
    let (text, lossy_sequences, first_lossy_byte) = match valid_utf8 {
        // The common case, valid UTF-8: one copy, no decoder.
        Some(s) if encoding == UTF_8 => (s[if bom { bom_len } else { 0 }..].to_string(), 0, None),
        _ => decode_counting(encoding, body),
    };
    let first_lossy_byte = first_lossy_byte.map(|o| o + if bom { bom_len } else { 0 });
    Decoded { text, encoding, bom, lossy_sequences, first_lossy_byte }
}

/// Whether invalid bytes are strays in UTF-8 text (a byte damaged in
/// transit, a cut character): its valid multi-byte characters outnumber the
/// invalid sequences ten to one. GBK text read as UTF-8 is nearly all invalid.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut valid_multibyte, mut invalid) = (0usize, 0usize);
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                valid_multibyte += s.chars().filter(|c| !c.is_ascii()).count();
                break;
            }
            Err(e) => {
                let (good, after) = rest.split_at(e.valid_up_to());
                valid_multibyte += std::str::from_utf8(good).map_or(0, |s| s.chars().filter(|c| !c.is_ascii()).count());
                invalid += 1;
                if invalid * 10 > valid_multibyte + 1000 {
                    return false;
                }
                let skip = e.error_len().unwrap_or(after.len()).max(1).min(after.len());
                rest = &after[skip..];
            }
        }
    }
    invalid > 0 && valid_multibyte >= 10 * invalid
}

/// UTF-16 without a BOM: text that is mostly CJK or ASCII has a NUL in every
/// other byte (ASCII) or is valid 16-bit code units throughout. We only accept
/// the unambiguous ASCII-heavy signal: many NULs at one parity and none at the other.
fn sniff_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let sample = &bytes[..bytes.len().min(4096)];
    let (mut even, mut odd) = (0usize, 0usize);
    for (i, b) in sample.iter().enumerate() {
        if *b == 0 {
            if i % 2 == 0 { even += 1 } else { odd += 1 }
        }
    }
    let pairs = sample.len() / 2;
    if odd * 4 >= pairs && even == 0 {
        Some(UTF_16LE)
    } else if even * 4 >= pairs && odd == 0 {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Decodes without BOM handling, counting malformed sequences.
fn decode_counting(encoding: &'static Encoding, bytes: &[u8]) -> (String, usize, Option<usize>) {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(
        decoder.max_utf8_buffer_length_without_replacement(bytes.len()).unwrap_or(bytes.len() * 3),
    );
    let mut count = 0usize;
    let mut first = None;
    let mut consumed = 0usize;
    loop {
        let (result, read) = decoder.decode_to_string_without_replacement(&bytes[consumed..], &mut out, true);
        consumed += read;
        match result {
            encoding_rs::DecoderResult::InputEmpty => break,
            encoding_rs::DecoderResult::OutputFull => {
                out.reserve(bytes.len().saturating_sub(consumed) * 3 + 16);
            }
            encoding_rs::DecoderResult::Malformed(bad, pending) => {
                count += 1;
                if first.is_none() {
                    first = Some(consumed.saturating_sub(bad as usize + pending as usize));
                }
                out.push('\u{FFFD}');
            }
        }
    }
    (out, count, first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stray_byte_in_utf8_text_keeps_it_utf8() {
        let mut bytes = "一、总体情况\n本机关2024年主动公开政府信息".repeat(3).into_bytes();
        bytes.insert(9, 0xFF);
        let d = decode(&bytes, EncodingChoice::Auto);
        assert_eq!(d.encoding, UTF_8);
        assert_eq!(d.lossy_sequences, 1);
        assert!(d.text.contains("主动公开"));
        // GBK text stays GB18030.
        let (gbk, _, _) = GB18030.encode("一、总体情况\n本机关2024年主动公开政府信息");
        assert_eq!(decode(&gbk, EncodingChoice::Auto).encoding, GB18030);
    }

    #[test]
    fn utf8_is_taken_as_is() {
        let d = decode("规章 0".as_bytes(), EncodingChoice::Auto);
        assert_eq!(d.text, "规章 0");
        assert_eq!(d.encoding_name(), "UTF-8");
        assert_eq!(d.lossy_sequences, 0);
    }

    #[test]
    fn gbk_bytes_fall_back_to_gb18030() {
        let (bytes, _, _) = GB18030.encode("行政许可\t12");
        let d = decode(&bytes, EncodingChoice::Auto);
        assert_eq!(d.text, "行政许可\t12");
        assert_eq!(d.encoding_name(), "GB18030");
    }

    #[test]
    fn utf16_bom_is_honoured_and_stripped() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "总计 7".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        let d = decode(&bytes, EncodingChoice::Auto);
        assert!(d.bom);
        assert_eq!(d.text, "总计 7");
        assert_eq!(d.encoding_name(), "UTF-16LE");
    }

    #[test]
    fn utf8_bom_is_stripped() {
        let d = decode(b"\xEF\xBB\xBFabc", EncodingChoice::Auto);
        assert_eq!(d.text, "abc");
        assert!(d.bom);
    }

    #[test]
    fn forced_utf8_counts_bad_bytes() {
        let d = decode(b"ab\xFFcd\xFE", EncodingChoice::Utf8);
        assert_eq!(d.lossy_sequences, 2);
        assert_eq!(d.first_lossy_byte, Some(2));
        assert_eq!(d.text, "ab\u{FFFD}cd\u{FFFD}");
    }

    #[test]
    fn encoding_names_parse() {
        assert_eq!(EncodingChoice::from_name("GBK"), Some(EncodingChoice::Gb18030));
        assert_eq!(EncodingChoice::from_name("utf-16le"), Some(EncodingChoice::Utf16Le));
        assert_eq!(EncodingChoice::from_name("latin1"), None);
    }
}
