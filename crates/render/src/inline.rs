//! What pulldown-cmark leaves as plain text but Obsidian gives meaning to:
//! inline `#tags`, bare `http(s)://` URLs, `==highlights==`, and block ids
//! `^id` at the end of a block.
//!
//! Pure and total: these scanners look at one text event's string and return
//! pieces of it; they never see code, link text or HTML (the caller hands them
//! prose only), and every index they use comes from `char_indices` or an ASCII
//! byte, so no slice can fall inside a character. The tag and block-id rules
//! are the core's (`hanji_core::parse`), so the reading view shows as tags
//! exactly what the tag pane counts.

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

/// True for characters Obsidian allows inside a tag name.
fn is_tag_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '-' || c == '/'
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
                Some(p) => p.is_whitespace(),
                None => start_ok,
            };
            if let Some(name) = preceded_ok.then(|| tag_at(rest)).flatten() {
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

/// The tag name at `s`, which starts with `#`: letters, digits, `_`, `-`,
/// `/`, not all digits (`#1984` is not a tag), trailing `/` left out.
fn tag_at(s: &str) -> Option<&str> {
    let rest = s.strip_prefix('#')?;
    let len: usize = rest.chars().take_while(|&c| is_tag_char(c)).map(char::len_utf8).sum();
    let name = rest.get(..len)?.trim_end_matches('/');
    let valid = !name.is_empty()
        && !name.starts_with('/')
        && !name.chars().all(|c| c.is_ascii_digit() || c == '/');
    valid.then_some(name)
}

/// A bare URL at the start of `s`: `http://` or `https://`, up to whitespace
/// or `<>"` and a backtick, without trailing punctuation (the core's rule).
fn url_at(s: &str) -> Option<&str> {
    let after = s.strip_prefix("https://").or_else(|| s.strip_prefix("http://"))?;
    let scheme_len = s.len() - after.len();
    let len: usize = after
        .chars()
        .take_while(|c| !c.is_whitespace() && !matches!(c, '<' | '>' | '"' | '`'))
        .map(char::len_utf8)
        .sum();
    let url = s.get(..scheme_len + len)?.trim_end_matches(['.', ',', ')', ';', ':', '!', '?']);
    (url.len() > scheme_len).then_some(url)
}

/// For `s` starting with `==`, the offset of the closing `==`: the content
/// must be non-empty and neither start nor end with whitespace, so
/// `a == b` is not a highlight.
fn highlight_at(s: &str) -> Option<usize> {
    let inner = s.strip_prefix("==")?;
    let first = inner.chars().next()?;
    if first.is_whitespace() || first == '=' {
        return None;
    }
    let mut from = 0;
    while let Some(found) = inner.get(from..).and_then(|r| r.find("==")) {
        let at = from + found;
        if at > 0
            && inner
                .get(..at)
                .and_then(|p| p.chars().next_back())
                .is_some_and(|p| !p.is_whitespace())
        {
            return Some(2 + at);
        }
        from = at + 1;
    }
    None
}

/// Splits a block id off the end of a block's last text: `text ^abc-1` gives
/// `("text", Some("abc-1"))`. The id is Latin letters, digits and `-`, after
/// whitespace (or alone, when `start_ok`).
pub(crate) fn split_block_id(text: &str, start_ok: bool) -> (&str, Option<&str>) {
    let trimmed = text.trim_end();
    let Some(caret) = trimmed.rfind('^') else { return (text, None) };
    let id = trimmed.get(caret + 1..).unwrap_or("");
    if id.is_empty() || !id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
        return (text, None);
    }
    let before = trimmed.get(..caret).unwrap_or("");
    let separated = match before.chars().next_back() {
        Some(p) => p.is_whitespace(),
        None => start_ok,
    };
    if separated {
        (before.trim_end(), Some(id))
    } else {
        (text, None)
    }
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

    #[test]
    fn block_ids() {
        assert_eq!(split_block_id("text ^abc-1", false), ("text", Some("abc-1")));
        assert_eq!(split_block_id("text ^abc-1  ", false), ("text", Some("abc-1")));
        assert_eq!(split_block_id("^only", true), ("", Some("only")));
        assert_eq!(split_block_id("^only", false), ("^only", None));
        assert_eq!(split_block_id("2^10", true), ("2^10", None));
        assert_eq!(split_block_id("a ^한글", true), ("a ^한글", None));
        assert_eq!(split_block_id("a ^", true), ("a ^", None));
    }
}
