//! Lines and positions: where a line ends, and a byte offset as a 1-based
//! line and column.
//!
//! A line ends at `\n`, `\r\n` or a `\r` alone (old Mac files), the line
//! endings of CommonMark and so of pulldown-cmark: every line number, column
//! and context line in Hanji follows this one definition. Pure; columns
//! count Unicode scalar values, so a position inside Hangul text means the
//! same to every client.

use std::ops::Range;
use std::sync::OnceLock;

/// A 1-based line and column. The column counts Unicode scalar values, not
/// bytes, so a position inside Hangul text means the same to every client.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Pos {
    pub line: u32,
    pub col: u32,
}

/// The byte range of the first line break at or after `from`: `\n`, `\r\n`,
/// or a `\r` alone (old Mac files), the line endings of CommonMark and so of
/// pulldown-cmark. The one definition of a line that every line number and
/// context line in the engine follows.
pub(crate) fn next_break(text: &[u8], from: usize) -> Option<Range<usize>> {
    let at = from + memchr::memchr2(b'\n', b'\r', text.get(from..)?)?;
    let crlf = text[at] == b'\r' && text.get(at + 1) == Some(&b'\n');
    Some(at..at + 1 + usize::from(crlf))
}

/// The lines of `text`, without their line breaks (`\n`, `\r\n`, or a lone
/// `\r`, as the parser sees them). Like [`str::lines`] otherwise: a final
/// line break does not start another line, and `""` has no lines. Line `n`
/// of [`LineIndex`] is item `n - 1` here.
pub fn lines(text: &str) -> Lines<'_> {
    Lines { text, at: 0 }
}

/// The iterator of [`lines`].
#[derive(Debug, Clone)]
pub struct Lines<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Iterator for Lines<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let start = self.at;
        if start >= self.text.len() {
            return None;
        }
        let (end, next) = match next_break(self.text.as_bytes(), start) {
            Some(br) => (br.start, br.end),
            None => (self.text.len(), self.text.len()),
        };
        self.at = next;
        // Breaks are ASCII, so both ends are character boundaries.
        self.text.get(start..end)
    }
}

/// Columns within this many bytes of their line's start are counted
/// directly; farther ones use [`LineIndex`]'s character table.
const COUNT_DIRECT: usize = 512;

/// Bytes between two entries of [`LineIndex`]'s character table.
const CHUNK: usize = 256;

/// Maps byte offsets to 1-based line and character columns.
///
/// A column counts the characters between the line's start and the offset.
/// On a long line (a 10 MB note on one line, with thousands of links) that
/// count is taken from a table of characters before every [`CHUNK`]-th byte,
/// built the first time it is needed, so every position costs a bounded
/// amount of work, not the length of the line before it.
#[derive(Debug)]
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<u32>,
    /// Characters before byte `i * CHUNK`, for each `i`.
    chars_before: OnceLock<Vec<u32>>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = Vec::with_capacity(text.len() / 40 + 1);
        starts.push(0);
        let mut from = 0;
        while let Some(br) = next_break(bytes, from) {
            starts.push(br.end as u32);
            from = br.end;
        }
        LineIndex { text, starts, chars_before: OnceLock::new() }
    }

    pub fn pos(&self, offset: usize) -> Pos {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&s| s as usize <= offset);
        let start = self.starts[line - 1] as usize;
        let col = if !self.text.is_char_boundary(offset) {
            offset - start
        } else if offset - start <= COUNT_DIRECT {
            count_chars(&self.text.as_bytes()[start..offset])
        } else {
            self.chars_upto(offset) - self.chars_upto(start)
        };
        Pos { line: line as u32, col: col as u32 + 1 }
    }

    /// How many characters `text[..offset]` holds (`offset` a character
    /// boundary), from the table and at most one chunk counted.
    fn chars_upto(&self, offset: usize) -> usize {
        let bytes = self.text.as_bytes();
        let table = self.chars_before.get_or_init(|| {
            let mut total = 0u32;
            bytes
                .chunks(CHUNK)
                .map(|c| {
                    let before = total;
                    total += count_chars(c) as u32;
                    before
                })
                .collect()
        });
        let chunk = offset / CHUNK;
        let base = table.get(chunk).map_or(0, |&c| c as usize);
        base + count_chars(&bytes[(chunk * CHUNK).min(offset)..offset])
    }

    /// Byte range of the line holding `offset`, without its line break.
    pub fn line_range(&self, offset: usize) -> Range<usize> {
        let line = self.starts.partition_point(|&s| s as usize <= offset);
        let start = self.starts[line - 1] as usize;
        let bytes = self.text.as_bytes();
        let end = match self.starts.get(line) {
            // The next line starts right after this one's break.
            Some(&next) => {
                let next = next as usize;
                let crlf = next >= 2 && bytes[next - 1] == b'\n' && bytes[next - 2] == b'\r';
                next - 1 - usize::from(crlf)
            }
            None => self.text.len(),
        };
        start..end.max(start)
    }
}

/// Characters in `bytes`, a slice of UTF-8 text: the bytes that start one.
fn count_chars(bytes: &[u8]) -> usize {
    crate::work::count_column_bytes(bytes.len());
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Splits `text` with [`lines`] and checks every line's number and range
    /// in [`LineIndex`] against it.
    fn check(text: &str, expect: &[&str]) {
        let got: Vec<&str> = lines(text).collect();
        assert_eq!(got, expect, "lines of {text:?}");
        let index = LineIndex::new(text);
        let mut at = 0;
        for (i, line) in got.iter().enumerate() {
            assert!(text[at..].starts_with(line), "{text:?} line {}", i + 1);
            assert_eq!(index.pos(at), Pos { line: i as u32 + 1, col: 1 }, "{text:?} at {at}");
            assert_eq!(&text[index.line_range(at)], *line, "{text:?} line {}", i + 1);
            at += line.len();
            let rest = &text[at..];
            at += if rest.starts_with("\r\n") { 2 } else { usize::from(!rest.is_empty()) };
        }
        assert_eq!(at, text.len(), "{text:?}: every line seen");
    }

    /// Issue 10, item 17: `\r` alone ends a line, as pulldown-cmark sees it.
    #[test]
    fn every_line_break_ends_a_line() {
        check("", &[]);
        check("one", &["one"]);
        check("a\nb\n", &["a", "b"]);
        check("a\r\nb\r\n", &["a", "b"]);
        check("a\rb\r", &["a", "b"]);
        check("a\r\rb", &["a", "", "b"]);
        check("a\r\n\rb\n\r\nc", &["a", "", "b", "", "c"]);
        check("\r\n", &[""]);
        check("\r", &[""]);
        check("면접\r질문\r\n답", &["면접", "질문", "답"]);
    }

    /// Issue 10, item 19: every position on a line counted the characters
    /// from the line's start, so a 10 MB note on one line with thousands of
    /// links took time in their product to parse.
    #[test]
    fn columns_on_a_long_line_cost_a_bounded_count() {
        let mut text = String::from("intro\n");
        let mut offsets = Vec::new();
        for i in 0..2000 {
            text.push_str(&"가나다 abc ".repeat(60));
            offsets.push(text.len());
            text.push_str(&format!("[[note {i}]] "));
        }
        let index = LineIndex::new(&text);
        crate::work::reset();
        for &off in &offsets {
            let col = text[6..off].chars().count() as u32 + 1;
            assert_eq!(index.pos(off), Pos { line: 2, col });
        }
        let per_position = crate::work::counted() / offsets.len();
        assert!(per_position < 4 * COUNT_DIRECT, "{per_position} bytes counted per position");
    }
}
