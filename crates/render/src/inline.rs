//! What pulldown-cmark leaves as plain text but Obsidian gives meaning to:
//! inline `#tags`, bare `http(s)://` URLs, `==highlights==`, and block ids
//! `^id` at the end of a block.
//!
//! Pure and total: these scanners look at one text event's string and return
//! pieces of it; they never see code, link text or HTML (the caller hands them
//! prose only), and every index they use comes from `char_indices` or an ASCII
//! byte, so no slice can fall inside a character. Every rule is the syntax
//! crate's (`hanji_syntax::{tag, inline}`), so the reading view shows as tags
//! exactly what the tag pane counts; this module only cuts one text event
//! into pieces with them.

use hanji_syntax::inline::{highlight_at, url_at};
use hanji_syntax::tag;

pub(crate) use hanji_syntax::inline::split_block_id;

/// One piece of a text event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Piece<'t> {
    Text(&'t str),
    /// A tag name, without `#`.
    Tag(&'t str),
    Url(&'t str),
    MarkOpen,
    MarkClose,
}

/// Splits prose into text, tags, URLs and highlight markers. `start_ok` says
/// whether the text's first character follows whitespace (or the start of a
/// block) in the note, which a tag at offset 0 needs.
pub(crate) fn scan(text: &str, start_ok: bool) -> Vec<Piece<'_>> {
    let mut pieces = Vec::new();
    let mut plain_from = 0;
    let mut mark_close: Option<usize> = None;
    let mut i = 0;
    fn flush<'t>(pieces: &mut Vec<Piece<'t>>, text: &'t str, from: usize, to: usize) {
        if to > from {
            if let Some(s) = text.get(from..to) {
                pieces.push(Piece::Text(s));
            }
        }
    }
    while let Some(c) = text.get(i..).and_then(|s| s.chars().next()) {
        if mark_close == Some(i) {
            flush(&mut pieces, text, plain_from, i);
            pieces.push(Piece::MarkClose);
            mark_close = None;
            i += 2;
            plain_from = i;
            continue;
        }
        // Nothing found inside a highlight may run past its closing `==`.
        let limit = mark_close.unwrap_or(text.len());
        let rest = text.get(i..limit).unwrap_or("");
        if c == 'h' {
            if let Some(url) = url_at(rest) {
                flush(&mut pieces, text, plain_from, i);
                pieces.push(Piece::Url(url));
                i += url.len();
                plain_from = i;
                continue;
            }
        }
        if c == '#' {
            let preceded_ok = match text.get(..i).and_then(|s| s.chars().next_back()) {
                Some(p) => tag::may_follow(Some(p)),
                None => start_ok,
            };
            if let Some(name) = preceded_ok.then(|| tag::at(rest)).flatten() {
                flush(&mut pieces, text, plain_from, i);
                pieces.push(Piece::Tag(name));
                i += 1 + name.len();
                plain_from = i;
                continue;
            }
        }
        if c == '=' && mark_close.is_none() {
            if let Some(close) = highlight_at(rest) {
                flush(&mut pieces, text, plain_from, i);
                pieces.push(Piece::MarkOpen);
                mark_close = Some(i + close);
                i += 2;
                plain_from = i;
                continue;
            }
        }
        i += c.len_utf8();
    }
    flush(&mut pieces, text, plain_from, text.len());
    if mark_close.is_some() {
        // Unreachable by construction (the closer lies inside the text and
        // every step stops at it), but a `<mark>` must never stay open.
        pieces.push(Piece::MarkClose);
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, expect: &str) {
        let got: Vec<String> = scan(text, true)
            .iter()
            .map(|p| match p {
                Piece::Text(t) => format!("{t:?}"),
                Piece::Tag(t) => format!("tag:{t}"),
                Piece::Url(u) => format!("url:{u}"),
                Piece::MarkOpen => "<mark>".to_owned(),
                Piece::MarkClose => "</mark>".to_owned(),
            })
            .collect();
        assert_eq!(got.join(" "), expect, "scanning {text:?}");
    }

    #[test]
    fn pieces() {
        check("plain", r#""plain""#);
        check(
            "#면접 준비 #cs/network, a#b #1984 #2024년",
            r#"tag:면접 " 준비 " tag:cs/network ", a#b #1984 " tag:2024년"#,
        );
        check("#a/ #/b", r#"tag:a "/ #/b""#);
        check(
            "see https://a.b/c#d. and (http://x.y/z)",
            r#""see " url:https://a.b/c#d ". and (" url:http://x.y/z ")""#,
        );
        check("https:// alone", r#""https:// alone""#);
        check("a ==mark #tag== b", r#""a " <mark> "mark " tag:tag </mark> " b""#);
        check("x == y == z", r#""x == y == z""#);
        check("==unclosed", r#""==unclosed""#);
        check("==https://a.b/?q==x== y", r#"<mark> url:https://a.b/?q </mark> "x== y""#);
        check("====", r#""====""#);
        assert_eq!(scan("#tag", false), vec![Piece::Text("#tag")]);
    }
}
