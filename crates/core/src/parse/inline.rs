//! Things pulldown-cmark treats as plain text but Obsidian gives meaning to:
//! inline `#tags`, block ids `^id`, and bare `https://` URLs.
//!
//! Pure: these scanners look at slices of the note's source and never allocate
//! per character. They never see code: the caller hands them only prose ranges.

/// True for characters Obsidian allows inside a tag name.
pub(crate) fn is_tag_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '-' || c == '/'
}

/// Finds `#tag` occurrences in `src[range]`. A tag starts at `#` that sits at
/// the start of the text or after whitespace (so `a#b` and URL fragments are
/// not tags), and must contain something other than digits (`#1984` is not a
/// tag). Calls `found(byte_offset_of_hash, tag_without_hash)`.
pub(crate) fn scan_tags(src: &str, start: usize, end: usize, mut found: impl FnMut(usize, &str)) {
    let bytes = src.as_bytes();
    let mut from = start;
    while let Some(i) = memchr::memchr(b'#', &bytes[from..end]) {
        let hash = from + i;
        from = hash + 1;
        let preceded_ok =
            hash == 0 || src[..hash].chars().next_back().is_some_and(char::is_whitespace);
        if !preceded_ok {
            continue;
        }
        let rest = &src[hash + 1..end];
        let len: usize = rest.chars().take_while(|&c| is_tag_char(c)).map(char::len_utf8).sum();
        let name = rest[..len].trim_end_matches('/');
        if name.is_empty()
            || name.starts_with('/')
            || name.chars().all(|c| c.is_ascii_digit() || c == '/')
        {
            continue;
        }
        found(hash, name);
        from = hash + 1 + len;
    }
}

/// Finds a block id at the end of a line: `text ^my-id`. Obsidian allows Latin
/// letters, digits and dashes. Calls `found(byte_offset_of_caret, id)`.
pub(crate) fn scan_block_ids(
    src: &str,
    start: usize,
    end: usize,
    mut found: impl FnMut(usize, &str),
) {
    let bytes = src.as_bytes();
    let mut from = start;
    while let Some(i) = memchr::memchr(b'^', &bytes[from..end]) {
        let caret = from + i;
        from = caret + 1;
        let preceded_ok = caret == 0 || matches!(bytes[caret - 1], b' ' | b'\t' | b'\n' | b'\r');
        if !preceded_ok {
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
            found(caret, &src[caret + 1..after]);
        }
    }
}

/// Finds bare `http://` and `https://` URLs in prose. Calls
/// `found(byte_offset, url)`.
pub(crate) fn scan_urls(src: &str, start: usize, end: usize, mut found: impl FnMut(usize, &str)) {
    static FINDER: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"://"));
    let hay = &src.as_bytes()[start..end];
    for i in FINDER.find_iter(hay) {
        let sep = start + i;
        let scheme_start = if src[..sep].ends_with("https") {
            sep - 5
        } else if src[..sep].ends_with("http") {
            sep - 4
        } else {
            continue;
        };
        if scheme_start < start {
            continue;
        }
        let tail = &src[sep + 3..end];
        let len: usize = tail
            .chars()
            .take_while(|c| !c.is_whitespace() && !matches!(c, '<' | '>' | '"' | '`'))
            .map(char::len_utf8)
            .sum();
        if len == 0 {
            continue;
        }
        let url =
            src[scheme_start..sep + 3 + len].trim_end_matches(['.', ',', ')', ';', ':', '!', '?']);
        found(scheme_start, url);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(s: &str) -> Vec<String> {
        let mut out = Vec::new();
        scan_tags(s, 0, s.len(), |_, t| out.push(t.to_owned()));
        out
    }

    #[test]
    fn tag_forms() {
        assert_eq!(tags("#면접 준비"), ["면접"]);
        assert_eq!(tags("a #interview/question, b"), ["interview/question"]);
        assert_eq!(tags("a#b c"), Vec::<String>::new());
        assert_eq!(tags("#1984 #y2k"), ["y2k"]);
        assert_eq!(tags("# heading"), Vec::<String>::new());
        assert_eq!(tags("#a/ #/b #c_d-e"), ["a", "c_d-e"]);
        assert_eq!(tags("이력서#태그 #태그2"), ["태그2"]);
        assert_eq!(tags("#"), Vec::<String>::new());
    }

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
    }
}
