//! Headings: the text of a heading from its source, the key two headings
//! (or a heading and a link's `#anchor`) are compared by, and the anchor a
//! heading's element gets in the reading view.
//!
//! Pure and total. The key and the anchor are one rule seen two ways: the
//! characters Obsidian does not allow in a link anchor (`# | ^ : [ ] %` and
//! `\`) and whitespace separate words, `*` and backticks vanish, case is
//! folded and text is NFC; the key joins words with a space, the anchor with
//! `-`. So `## A: B`, `[[X#A B]]` and `[[X#a: b]]` all meet at key `a b`,
//! anchor `a-b`.

use crate::lines::lines;
use crate::text::nfc;

/// The text of a heading from its source, as links are written against it
/// (`[[Note#**Bold** title]]`): ATX markers and a closing `#` run removed;
/// for a setext heading, its text lines joined by a space, without the
/// underline.
pub fn text(raw: &str) -> String {
    let trimmed = raw.trim();
    if let Some(rest) = trimmed.strip_prefix('#') {
        let rest = rest.trim_start_matches('#').trim();
        // A closing sequence of `#` counts only after a space.
        let rest = match rest.trim_end_matches('#') {
            r if r.len() < rest.len() && (r.is_empty() || r.ends_with([' ', '\t'])) => r.trim_end(),
            _ => rest,
        };
        return rest.to_owned();
    }
    // Setext: text lines, then the underline (any line ending, `\r` too).
    let mut text_lines: Vec<&str> = lines(trimmed).collect();
    text_lines.pop();
    text_lines.iter().map(|l| l.trim()).collect::<Vec<_>>().join(" ")
}

/// The words of a heading as compared: NFC, lower case, split where
/// [`is_separator`] says, `*` and backticks dropped.
fn words(s: &str, sep: char) -> String {
    let s = nfc(s);
    let mut out = String::with_capacity(s.len());
    let mut pending = false;
    for c in s.chars() {
        if is_separator(c) {
            pending = true;
            continue;
        }
        if matches!(c, '*' | '`') {
            continue;
        }
        if pending && !out.is_empty() {
            out.push(sep);
        }
        pending = false;
        out.extend(c.to_lowercase());
    }
    out
}

/// Whitespace and the characters a link anchor cannot hold.
fn is_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, '#' | '|' | '^' | ':' | '[' | ']' | '%' | '\\')
}

/// The key a heading is compared by, against another heading or the anchor
/// of a link: `## Process, Thread` and `[[X#process, thread]]` share
/// `process, thread`.
pub fn key(heading: &str) -> String {
    words(heading, ' ')
}

/// What a link writes after `#` to point at a heading (`[[Note#…]]`): the
/// heading's text with each run of the characters a link anchor cannot hold
/// (and whitespace) made one space, as Obsidian writes it; case, `*` and
/// backticks kept. Its [`key`] is the heading's, so it always finds it.
pub fn link_text(heading: &str) -> String {
    let mut out = String::with_capacity(heading.len());
    for word in heading.split(is_separator).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The element id a heading gets in the reading view (before the renderer's
/// prefix and its `-1`, `-2` for repeated headings): the key's words joined
/// by `-`, with leading and trailing `-` trimmed; Hangul kept as is.
pub fn anchor(heading: &str) -> String {
    words(heading, '-').trim_matches('-').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(raw: &str, expect: &str) {
        let t = text(raw);
        let got = format!("{t:?} key={:?} anchor={:?}", key(&t), anchor(&t));
        assert_eq!(got, expect, "heading {raw:?}");
    }

    #[test]
    fn text_key_and_anchor() {
        check(
            "## Process, Thread",
            r#""Process, Thread" key="process, thread" anchor="process,-thread""#,
        );
        check("# A: B #", r#""A: B" key="a b" anchor="a-b""#);
        check("# C# ", r##""C#" key="c" anchor="c""##);
        check("### **Bold** `code`", r#""**Bold** `code`" key="bold code" anchor="bold-code""#);
        check(
            "Title\nline two\n===",
            r#""Title line two" key="title line two" anchor="title-line-two""#,
        );
        check("Title\r===", r#""Title" key="title" anchor="title""#);
        check("## - dash -", r#""- dash -" key="- dash -" anchor="dash""#);
        check("# 면접  질문", r#""면접  질문" key="면접 질문" anchor="면접-질문""#);
        check("#", r#""" key="" anchor="""#);
        // NFD Hangul compares as NFC.
        assert_eq!(key("\u{1106}\u{1167}\u{11ab}\u{110c}\u{1165}\u{11b8}"), "면접");
        assert_eq!(key("[[x]] | y^z%"), "x y z");
    }

    #[test]
    fn link_text_finds_its_heading() {
        for (heading, link) in [
            ("Persistence: RDB / AOF", "Persistence RDB / AOF"),
            ("C# 기초", "C 기초"),
            ("a|b^c[d]e%f\\g", "a b c d e f g"),
            ("**굵게** 제목", "**굵게** 제목"),
            ("  공백   많은  ", "공백 많은"),
            (":#:", ""),
        ] {
            assert_eq!(link_text(heading), link, "{heading:?}");
            assert_eq!(key(&link_text(heading)), key(heading), "{heading:?} is found by its link");
        }
    }
}
