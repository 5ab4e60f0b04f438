//! Tags: what `#tag` in prose is, and the key tags are compared by.
//!
//! Pure and total. The engine counts tags with [`scan`], the reading view
//! shows them with [`at`] and [`may_follow`], and search and the tag index
//! compare them by [`key`]: one rule, so the tag pane counts exactly what
//! the reading view shows. Callers hand in prose only; code is theirs to
//! leave out.

use crate::text::nfc;

/// True for characters Obsidian allows inside a tag name.
pub fn is_tag_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '-' || c == '/'
}

/// Whether a `#` after `prev` can open a tag: at the start of the text
/// (`None`) or after whitespace, so `a#b` and URL fragments are not tags.
pub fn may_follow(prev: Option<char>) -> bool {
    prev.is_none_or(char::is_whitespace)
}

/// The tag name at the start of `s`, which starts with `#`: letters, digits,
/// `_`, `-` and `/`, a trailing `/` left out, not empty, not starting with
/// `/` and not only digits (`#1984` is not a tag). Without the `#`.
pub fn at(s: &str) -> Option<&str> {
    let rest = s.strip_prefix('#')?;
    let len: usize = rest.chars().take_while(|&c| is_tag_char(c)).map(char::len_utf8).sum();
    let name = rest.get(..len)?.trim_end_matches('/');
    let valid = !name.is_empty()
        && !name.starts_with('/')
        && !name.chars().all(|c| c.is_ascii_digit() || c == '/');
    valid.then_some(name)
}

/// Finds the tags in `src[start..end]` (prose), calling
/// `found(byte_offset_of_hash, name)` for each; `src[..start]` is looked at
/// only for the character before a `#`.
pub fn scan(src: &str, start: usize, end: usize, mut found: impl FnMut(usize, &str)) {
    let Some(hay) = src.get(..end) else { return };
    let mut from = start;
    while let Some(i) = hay.get(from..).and_then(|r| memchr::memchr(b'#', r.as_bytes())) {
        let hash = from + i;
        from = hash + 1;
        if !may_follow(hay[..hash].chars().next_back()) {
            continue;
        }
        if let Some(name) = at(&hay[hash..]) {
            found(hash, name);
            from = hash + 1 + name.len();
        }
    }
}

/// The key a tag is compared by: without `#` and outer `/`, NFC, lower
/// case (`#면접`, `면접/` and the NFD spelling share one key).
pub fn key(name: &str) -> String {
    nfc(name.trim_start_matches('#').trim_matches('/')).to_lowercase()
}

/// The spelling a tag is shown with: as written, without `#` and outer `/`,
/// in NFC.
pub fn display(name: &str) -> String {
    nfc(name.trim_start_matches('#').trim_matches('/')).into_owned()
}

/// The keys of a tag's ancestors, nearest last: `a/b/c` gives `a`, `a/b`.
pub fn ancestors(key: &str) -> impl Iterator<Item = &str> {
    key.match_indices('/').map(move |(i, _)| &key[..i])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(s: &str) -> Vec<String> {
        let mut out = Vec::new();
        scan(s, 0, s.len(), |_, t| out.push(t.to_owned()));
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
        assert_eq!(tags("#2024년"), ["2024년"]);
        // Only the range is scanned, but the character before it counts.
        let s = "x#a #b";
        let mut got = Vec::new();
        scan(s, 1, s.len(), |off, t| got.push((off, t.to_owned())));
        assert_eq!(got, [(4, "b".to_owned())]);
    }

    #[test]
    fn keys_and_ancestors() {
        assert_eq!(key("#Interview/Question/"), "interview/question");
        assert_eq!(key("\u{1106}\u{1167}\u{11ab}\u{110c}\u{1165}\u{11b8}"), "면접");
        assert_eq!(ancestors("a/b/c").collect::<Vec<_>>(), ["a", "a/b"]);
        assert_eq!(ancestors("a").count(), 0);
    }
}
