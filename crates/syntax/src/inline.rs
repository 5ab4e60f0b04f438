//! What pulldown-cmark leaves as plain text but Obsidian gives meaning to,
//! besides tags (`tag`): block ids `^id` at the end of a block, bare
//! `http(s)://` URLs and `==highlights==`.
//!
//! Pure and total: these scanners look at slices of the note's source and
//! never allocate per character; every index comes from `char_indices` or an
//! ASCII byte, so no slice falls inside a character. They never see code:
//! callers hand them prose only.

/// True for a block id's text: Latin letters, digits and `-`, not empty.
pub fn is_block_id(id: &str) -> bool {
    !id.is_empty() && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// Whether a `^` after `prev` can open a block id: at the start of the text
/// (`None`) or after a space, a tab or a line break.
fn may_open_block_id(prev: Option<char>) -> bool {
    prev.is_none_or(|c| matches!(c, ' ' | '\t' | '\n' | '\r'))
}

/// Finds block ids in `src[start..end]`: `^id` after whitespace with nothing
/// but whitespace after it on its line (`text ^my-id`). Calls
/// `found(byte_offset_of_caret, id)`.
pub fn scan_block_ids(src: &str, start: usize, end: usize, mut found: impl FnMut(usize, &str)) {
    let Some(hay) = src.get(..end) else { return };
    let bytes = hay.as_bytes();
    let mut from = start;
    while let Some(i) = hay.get(from..).and_then(|r| memchr::memchr(b'^', r.as_bytes())) {
        let caret = from + i;
        from = caret + 1;
        if !may_open_block_id(hay[..caret].chars().next_back()) {
            continue;
        }
        let id_len = bytes[caret + 1..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-')
            .count();
        if id_len == 0 {
            continue;
        }
        let after = caret + 1 + id_len;
        let line_rest = &bytes[after..];
        // Any line break ends the line, `\r` alone included (as in `lines`).
        let eol =
            line_rest.iter().position(|&b| b == b'\n' || b == b'\r').unwrap_or(line_rest.len());
        if line_rest[..eol].iter().all(|b| b.is_ascii_whitespace()) {
            found(caret, &hay[caret + 1..after]);
        }
    }
}

/// Splits a block id off the end of a block's last text, the way
/// [`scan_block_ids`] finds it: `text ^abc-1` gives `("text", Some("abc-1"))`.
/// `start_ok` says whether the text's start counts as following whitespace
/// (it begins the block).
pub fn split_block_id(text: &str, start_ok: bool) -> (&str, Option<&str>) {
    let trimmed = text.trim_end();
    let Some(caret) = trimmed.rfind('^') else { return (text, None) };
    let id = trimmed.get(caret + 1..).unwrap_or("");
    if !is_block_id(id) {
        return (text, None);
    }
    let before = trimmed.get(..caret).unwrap_or("");
    let separated = match before.chars().next_back() {
        Some(p) => may_open_block_id(Some(p)),
        None => start_ok,
    };
    if separated {
        (before.trim_end(), Some(id))
    } else {
        (text, None)
    }
}

/// A bare URL at the start of `s`: `http://` or `https://`, up to whitespace,
/// `<>"` or a backtick, without trailing punctuation (`.,);:!?`), and more
/// than the scheme.
pub fn url_at(s: &str) -> Option<&str> {
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

/// Finds bare URLs ([`url_at`]) in `src[start..end]`. Calls
/// `found(byte_offset, url)`.
pub fn scan_urls(src: &str, start: usize, end: usize, mut found: impl FnMut(usize, &str)) {
    static FINDER: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"://"));
    let Some(hay) = src.get(start..end) else { return };
    let mut next_free = 0;
    for sep in FINDER.find_iter(hay.as_bytes()) {
        let scheme_start = if hay[..sep].ends_with("https") {
            sep - 5
        } else if hay[..sep].ends_with("http") {
            sep - 4
        } else {
            continue;
        };
        if scheme_start < next_free {
            continue;
        }
        if let Some(url) = url_at(&hay[scheme_start..]) {
            found(start + scheme_start, url);
            next_free = scheme_start + url.len();
        }
    }
}

/// For `s` starting with `==`, the offset of the closing `==`: the content
/// must be non-empty and neither start nor end with whitespace, so
/// `a == b` is not a highlight.
pub fn highlight_at(s: &str) -> Option<usize> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(s: &str) -> Vec<String> {
        let mut out = Vec::new();
        scan_block_ids(s, 0, s.len(), |_, t| out.push(t.to_owned()));
        out
    }

    #[test]
    fn block_id_forms() {
        assert_eq!(blocks("text ^abc-1\nmore"), ["abc-1"]);
        assert_eq!(blocks("^only\n"), ["only"]);
        assert_eq!(blocks("x^no"), Vec::<String>::new());
        assert_eq!(blocks("2^10 is big"), Vec::<String>::new());
        assert_eq!(blocks("a ^id trailing"), Vec::<String>::new());
        assert_eq!(blocks("a ^id  "), ["id"]);
    }

    #[test]
    fn url_forms() {
        let mut out = Vec::new();
        let s = "see https://subicura.com/2021/06/27/study-guide. and (http://a.b/c#d)";
        scan_urls(s, 0, s.len(), |_, u| out.push(u.to_owned()));
        assert_eq!(out, ["https://subicura.com/2021/06/27/study-guide", "http://a.b/c#d"]);
        out.clear();
        // A URL inside another is not a second one; the scheme alone is none.
        let s = "https://a.b/?u=http://c.d https://. http://";
        scan_urls(s, 0, s.len(), |_, u| out.push(u.to_owned()));
        assert_eq!(out, ["https://a.b/?u=http://c.d"]);
    }

    #[test]
    fn block_ids_split_off_a_block() {
        assert_eq!(split_block_id("text ^abc-1", false), ("text", Some("abc-1")));
        assert_eq!(split_block_id("text ^abc-1  ", false), ("text", Some("abc-1")));
        assert_eq!(split_block_id("^only", true), ("", Some("only")));
        assert_eq!(split_block_id("^only", false), ("^only", None));
        assert_eq!(split_block_id("2^10", true), ("2^10", None));
        assert_eq!(split_block_id("a ^한글", true), ("a ^한글", None));
        assert_eq!(split_block_id("a ^", true), ("a ^", None));
    }
}
