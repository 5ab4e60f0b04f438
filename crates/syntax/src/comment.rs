//! Obsidian comments, `%% … %%`, inline or across lines, and the Markdown
//! parser options every pass over a note uses.
//!
//! A comment is not part of the note as Obsidian shows it: it is never
//! rendered, and what is written inside it (a link, a tag, a block id) is
//! not a link, a tag or a block id. The engine, the renderer and the link
//! planner all take the note's text through [`strip`], so they agree on
//! that. `%%` inside code (spans, fenced blocks, math) is text, not a
//! marker, as in Obsidian; a comment that never closes runs to the end of
//! the text.
//!
//! Pure and total. Positions: [`Stripped::original`] turns a position in the
//! stripped text back into one in the text given, so whoever parses the
//! stripped text still reports the bytes on disk.

use std::borrow::Cow;
use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag};

/// The pulldown-cmark options with which Hanji reads a note: wiki-links,
/// tables, task lists, strikethrough, footnotes and math. One home, so the
/// engine, the renderer and comment detection see the same structure.
pub fn options() -> Options {
    Options::ENABLE_WIKILINKS
        | Options::ENABLE_TABLES
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_MATH
}

/// A text with its comments cut out, line breaks inside them kept (so line
/// numbers still match), and the way back to the original's positions.
#[derive(Debug, Clone)]
pub struct Stripped<'a> {
    pub text: Cow<'a, str>,
    /// For each cut, in order: where it is in the stripped text and how many
    /// bytes were cut there and before.
    cuts: Vec<(usize, usize)>,
}

impl Stripped<'_> {
    /// The position in the original text of byte `at` of the stripped text.
    /// At a cut, the position after the comment: what follows the cut.
    pub fn original(&self, at: usize) -> usize {
        let i = self.cuts.partition_point(|&(pos, _)| pos <= at);
        at + if i == 0 { 0 } else { self.cuts[i - 1].1 }
    }

    /// Like [`Stripped::original`], but at a cut the position before the
    /// comment: for the end of a range, which then does not take in a
    /// comment that followed it.
    pub fn original_end(&self, at: usize) -> usize {
        let i = self.cuts.partition_point(|&(pos, _)| pos < at);
        at + if i == 0 { 0 } else { self.cuts[i - 1].1 }
    }

    /// The ranges of the original text that `range` (of the stripped text)
    /// came from: one, or more when comments were cut out of it.
    pub fn original_ranges(&self, range: Range<usize>, mut each: impl FnMut(Range<usize>)) {
        let mut start = range.start;
        let first = self.cuts.partition_point(|&(pos, _)| pos <= start);
        for &(pos, _) in self.cuts[first..].iter().take_while(|&&(pos, _)| pos < range.end) {
            if pos > start {
                each(self.original(start)..self.original_end(pos));
            }
            start = pos;
        }
        if range.end > start {
            each(self.original(start)..self.original_end(range.end));
        }
    }

    /// Whether anything was cut.
    pub fn has_comments(&self) -> bool {
        !self.cuts.is_empty()
    }
}

/// `text` with its comments removed (line breaks kept); borrowed when there
/// are none, which is nearly always.
pub fn strip(text: &str) -> Stripped<'_> {
    let found = ranges(text);
    if found.is_empty() {
        return Stripped { text: Cow::Borrowed(text), cuts: Vec::new() };
    }
    let mut out = String::with_capacity(text.len());
    let mut cuts = Vec::with_capacity(found.len());
    let mut copied_to = 0;
    let mut removed = 0;
    for r in found {
        out.push_str(&text[copied_to..r.start]);
        // Line breaks are kept where the comment was; each stays a cut
        // point of its own, so positions on later lines map exactly.
        let mut last = r.start;
        for (i, b) in text[r.start..r.end].bytes().enumerate() {
            if b == b'\n' || b == b'\r' {
                let at = r.start + i;
                removed += at - last;
                cuts.push((out.len(), removed));
                out.push(b as char);
                last = at + 1;
            }
        }
        removed += r.end - last;
        cuts.push((out.len(), removed));
        copied_to = r.end;
    }
    out.push_str(&text[copied_to..]);
    Stripped { text: Cow::Owned(out), cuts }
}

/// The byte ranges of the comments in `text`, markers included, in order.
pub fn ranges(text: &str) -> Vec<Range<usize>> {
    if !text.contains("%%") {
        return Vec::new();
    }
    let code = code_ranges(text);
    let in_code = |pos: usize| {
        let i = code.partition_point(|r| r.start <= pos);
        i > 0 && code[i - 1].contains(&pos)
    };
    let mut markers = text.match_indices("%%").map(|(i, _)| i).filter(|&i| !in_code(i));
    let mut out = Vec::new();
    let mut end = 0;
    while let Some(open) = markers.next() {
        if open < end {
            continue;
        }
        end = markers.find(|&c| c >= open + 2).map_or(text.len(), |c| c + 2);
        out.push(open..end);
    }
    out
}

/// Byte ranges of code and math, sorted by start; they never overlap.
fn code_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        if matches!(
            event,
            Event::Start(Tag::CodeBlock(_))
                | Event::Code(_)
                | Event::InlineMath(_)
                | Event::DisplayMath(_)
        ) {
            // A code block's start event spans the whole block; anything
            // inside it is already covered.
            if out.last().is_some_and(|last| last.end > range.start) {
                continue;
            }
            out.push(range);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, expect: &str) {
        let s = strip(text);
        assert_eq!(s.text, expect, "stripping comments from {text:?}");
        // Every byte kept maps back to the same byte of the original.
        for (i, b) in s.text.bytes().enumerate() {
            assert_eq!(text.as_bytes()[s.original(i)], b, "byte {i} of {text:?}");
        }
    }

    #[test]
    fn comments() {
        check("no comment", "no comment");
        check("a %%hidden%% b", "a  b");
        check("a\n%%\nhidden\nlines\n%%\nb", "a\n\n\n\n\nb");
        check("a\r\n%%x\r\n%%\r\nb", "a\r\n\r\n\r\nb");
        check("`%%code%%` and %%x%%", "`%%code%%` and ");
        check("```\n%% in code\n```\n%%gone", "```\n%% in code\n```\n");
        check("100%% sure", "100");
        check("%%%%after", "after");
        check("%% 한글 %%끝", "끝");
        check("[[a]]%%c%%[[b]]", "[[a]][[b]]");
    }

    #[test]
    fn positions_at_a_cut() {
        let text = "[[a]]%%c%%[[b]]";
        let s = strip(text);
        // The end of `[[a]]` stays before the comment, the start of `[[b]]`
        // moves after it.
        assert_eq!(s.original_end(5), 5);
        assert_eq!(s.original(5), 10);
        assert_eq!(s.original(s.text.len()), text.len());
        assert_eq!(ranges(text), vec![5..10]);
        let mut parts = Vec::new();
        s.original_ranges(0..s.text.len(), |r| parts.push(&text[r]));
        assert_eq!(parts, ["[[a]]", "[[b]]"]);
    }
}
