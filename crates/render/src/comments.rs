//! Obsidian comments: `%% … %%`, inline or across lines, are never rendered.
//!
//! Pure and total. Comments are cut out of the text before the Markdown is
//! parsed, because a comment may span blocks, which no single event of
//! pulldown-cmark covers. Line breaks inside a comment are kept, so every
//! line number after it (the outline's) still matches the note. `%%` inside
//! code (spans, fenced blocks, math) is text, not a comment marker, as in
//! Obsidian; a comment that never closes runs to the end of the note.

use std::borrow::Cow;
use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag};

/// `body` with its comments removed (line breaks kept); borrowed when there
/// are none, which is nearly always.
pub(crate) fn strip(body: &str) -> Cow<'_, str> {
    if !body.contains("%%") {
        return Cow::Borrowed(body);
    }
    let code = code_ranges(body);
    let in_code = |pos: usize| {
        let i = code.partition_point(|r| r.start <= pos);
        i > 0 && code[i - 1].contains(&pos)
    };
    let mut markers = body.match_indices("%%").map(|(i, _)| i).filter(|&i| !in_code(i));
    let mut out = String::with_capacity(body.len());
    let mut copied_to = 0;
    while let Some(open) = markers.next() {
        if open < copied_to {
            continue;
        }
        let close = markers.find(|&c| c >= open + 2).map_or(body.len(), |c| c + 2);
        out.push_str(&body[copied_to..open]);
        out.extend(body[open..close].chars().filter(|&c| c == '\n'));
        copied_to = close;
    }
    out.push_str(&body[copied_to..]);
    Cow::Owned(out)
}

/// Byte ranges of code and math, sorted by start; they never overlap.
fn code_ranges(body: &str) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for (event, range) in Parser::new_ext(body, crate::render::options()).into_offset_iter() {
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

    fn check(body: &str, expect: &str) {
        assert_eq!(strip(body), expect, "stripping comments from {body:?}");
    }

    #[test]
    fn comments() {
        check("no comment", "no comment");
        check("a %%hidden%% b", "a  b");
        check("a\n%%\nhidden\nlines\n%%\nb", "a\n\n\n\n\nb");
        check("`%%code%%` and %%x%%", "`%%code%%` and ");
        check("```\n%% in code\n```\n%%gone", "```\n%% in code\n```\n");
        check("100%% sure", "100");
        check("%%%%after", "after");
        check("%% 한글 %%끝", "끝");
    }
}
