//! Link text: turning what a wiki-link or Markdown link says into a target path,
//! an anchor, a display text and (for image embeds) a size.
//!
//! Pure and total: any string gives an answer. Resolving the path against the
//! vault is `resolve`'s job, not this module's.

use std::ops::Range;

use percent_encoding::percent_decode_str;

/// The part after `#` in a link.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Anchor {
    /// `[[Note#H1#H2]]`: a chain of headings, outermost first.
    Heading(Vec<String>),
    /// `[[Note#^block-id]]`.
    Block(String),
}

impl Anchor {
    /// The element id (before the renderer's prefix) this anchor points at
    /// in the reading view: a heading chain its last heading's
    /// [`crate::heading::anchor`], a block its `^id` in lower case, as the
    /// block's element is named.
    pub fn element_id(&self) -> String {
        match self {
            Anchor::Heading(chain) => {
                chain.last().map_or(String::new(), |h| crate::heading::anchor(h))
            }
            Anchor::Block(id) => format!("^{}", id.to_lowercase()),
        }
    }

    /// The anchor as it would be written after `#`.
    pub fn to_link_text(&self) -> String {
        match self {
            Anchor::Heading(hs) => hs.join("#"),
            Anchor::Block(id) => format!("^{id}"),
        }
    }
}

/// The width (and optional height) of an image embed: `![[img.png|300]]`,
/// `![[img.png|640x480]]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImageSize {
    pub width: u32,
    pub height: Option<u32>,
}

/// Splits `Note#H1#H2` or `Note#^id` into the path and the anchor. An empty path
/// means the link points into the note that contains it (`[[#Heading]]`).
pub fn split_anchor(dest: &str) -> (&str, Option<Anchor>) {
    let Some(hash) = dest.find('#') else { return (dest.trim(), None) };
    let path = dest[..hash].trim();
    let rest = &dest[hash + 1..];
    if let Some(id) = rest.strip_prefix('^') {
        let id = id.trim();
        return (path, (!id.is_empty()).then(|| Anchor::Block(id.to_owned())));
    }
    let headings: Vec<String> =
        rest.split('#').map(str::trim).filter(|h| !h.is_empty()).map(str::to_owned).collect();
    (path, (!headings.is_empty()).then_some(Anchor::Heading(headings)))
}

/// Cleans a wiki-link destination as pulldown-cmark reports it. Inside a table
/// `[[Note\|alias]]` arrives as `Note\`; the backslash only escaped the pipe.
pub fn clean_wiki_dest(dest: &str) -> &str {
    dest.strip_suffix('\\').unwrap_or(dest).trim()
}

/// Reads `300` or `640x480` as an image size.
pub fn parse_size(s: &str) -> Option<ImageSize> {
    let s = s.trim();
    let (w, h) = match s.split_once(['x', 'X']) {
        Some((w, h)) => (w, Some(h)),
        None => (s, None),
    };
    let width = parse_dim(w)?;
    let height = match h {
        Some(h) => Some(parse_dim(h)?),
        None => None,
    };
    Some(ImageSize { width, height })
}

fn parse_dim(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 6 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// True for destinations with a URL scheme (`https:`, `mailto:`, `obsidian:`),
/// which point outside the vault. A Windows drive letter is not a scheme.
pub fn is_external(dest: &str) -> bool {
    let Some(colon) = dest.find(':') else { return false };
    let scheme = &dest[..colon];
    scheme.len() >= 2
        && scheme.as_bytes()[0].is_ascii_alphabetic()
        && scheme.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'-' || b == b'.')
}

/// Decodes a Markdown link destination: `Folder/My%20Note.md` names
/// `Folder/My Note.md`. Invalid UTF-8 after decoding keeps the raw text.
pub fn decode_markdown_dest(dest: &str) -> String {
    let dest = dest.trim();
    let dest = dest.strip_prefix('<').and_then(|d| d.strip_suffix('>')).unwrap_or(dest);
    match percent_decode_str(dest).decode_utf8() {
        Ok(s) => s.into_owned(),
        Err(_) => dest.to_owned(),
    }
}

/// Splits the inside of a wiki-link (`Note#H|alias`) at its first `|` into
/// the destination and the display text, as Obsidian does. Inside a table
/// the pipe is written `\|`; the backslash stays on the destination, which
/// [`clean_wiki_dest`] removes.
pub fn split_wiki_inner(inner: &str) -> (&str, Option<&str>) {
    match inner.split_once('|') {
        Some((dest, display)) => (dest, Some(display)),
        None => (inner, None),
    }
}

/// Where the path is in the raw text of a wiki-link (`[[Note#H|a]]`,
/// `![[img.png|300]]`, `[[Note\|a]]` in a table): the bytes a rename
/// replaces, surrounding spaces and the table's `\` left out. `None` when
/// `raw` is not a wiki-link or its path is empty (`[[#Heading]]`).
pub fn wiki_path_range(raw: &str) -> Option<Range<usize>> {
    let (open, dest) = wiki_dest(raw)?;
    let path = dest.find('#').map_or(dest, |h| &dest[..h]);
    trimmed(open, path)
}

/// The destination of a raw wiki-link (before any `|`, the table's `\`
/// left out) and where it starts in `raw`; `None` when `raw` is not a
/// wiki-link.
fn wiki_dest(raw: &str) -> Option<(usize, &str)> {
    let open = if raw.starts_with("![[") { 3 } else { 2 };
    if !raw.get(..open)?.ends_with("[[") || !raw.ends_with("]]") || raw.len() < open + 2 {
        return None;
    }
    let (dest, _) = split_wiki_inner(&raw[open..raw.len() - 2]);
    Some((open, dest.strip_suffix('\\').unwrap_or(dest)))
}

/// Where the path is in the raw text of an inline Markdown link
/// (`[text](Folder/My%20Note.md#H "title")`, `![alt](<My Note.png>)`): the
/// destination up to its `#`, in its written (encoded) form, and whether it
/// is written in angle brackets. `None` for anything else (a reference
/// link `[a][ref]`, whose destination is written elsewhere).
pub fn markdown_path_range(raw: &str) -> Option<(Range<usize>, bool)> {
    let (dest, angle) = markdown_dest_range(raw)?;
    let text = &raw[dest.clone()];
    let path = text.find('#').map_or(text, |h| &text[..h]);
    (!path.is_empty()).then_some((dest.start..dest.start + path.len(), angle))
}

/// Where the anchor is (after `#`, to the end of the destination) in the
/// raw text of a wiki-link or an inline Markdown link, and whether the link
/// is a Markdown link in angle brackets (its anchor then unencoded). `None`
/// without an anchor.
pub fn anchor_range(raw: &str, wiki: bool) -> Option<(Range<usize>, bool)> {
    if wiki {
        let (open, dest) = wiki_dest(raw)?;
        let hash = dest.find('#')?;
        return Some((open + hash + 1..open + dest.len(), false));
    }
    let (dest, angle) = markdown_dest_range(raw)?;
    let hash = raw[dest.clone()].find('#')?;
    Some((dest.start + hash + 1..dest.end, angle))
}

/// Where the whole destination is in an inline Markdown link's raw text,
/// and whether it is in angle brackets.
fn markdown_dest_range(raw: &str) -> Option<(Range<usize>, bool)> {
    let bytes = raw.as_bytes();
    let mut i = usize::from(raw.starts_with('!'));
    if bytes.get(i) != Some(&b'[') {
        return None;
    }
    // The `]` closing the link text: brackets nest, `\` escapes, and a code
    // span hides both.
    let mut depth = 0usize;
    loop {
        match *bytes.get(i)? {
            b'\\' => i += 1,
            b'`' => {
                let run = bytes[i..].iter().take_while(|&&b| b == b'`').count();
                let fence = &raw[i..i + run];
                i += run;
                i += raw[i..].find(fence)? + run - 1;
            }
            b'[' => depth += 1,
            b']' => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            _ => {}
        }
        i += 1;
    }
    if bytes.get(i + 1) != Some(&b'(') {
        return None;
    }
    let mut start = i + 2;
    while bytes.get(start).is_some_and(|b| b.is_ascii_whitespace()) {
        start += 1;
    }
    if bytes.get(start) == Some(&b'<') {
        let end = start + 1 + raw[start + 1..].find('>')?;
        return Some((start + 1..end, true));
    }
    let mut end = start;
    let mut parens = 0usize;
    while let Some(&b) = bytes.get(end) {
        match b {
            b'\\' => end += 1,
            b'(' => parens += 1,
            b')' if parens == 0 => break,
            b')' => parens -= 1,
            b if b.is_ascii_whitespace() => break,
            _ => {}
        }
        end += 1;
    }
    raw.get(start..end.min(raw.len()))?;
    Some((start..end.min(raw.len()), false))
}

/// `part` (a slice of the raw link starting at `from`) without its
/// surrounding spaces, as a range of the raw link; `None` when nothing is
/// left.
fn trimmed(from: usize, part: &str) -> Option<Range<usize>> {
    let lead = part.len() - part.trim_start().len();
    let kept = part.trim();
    (!kept.is_empty()).then(|| from + lead..from + lead + kept.len())
}

/// Writes `path` as a Markdown link destination, the inverse of
/// [`decode_markdown_dest`]: in angle brackets when `angle` (only `<`, `>`
/// and line breaks cannot be written there), else percent-encoded where the
/// text would otherwise end the destination or be read as an escape or an
/// anchor (spaces, parentheses, `%`, `#`, `<`, `>`, `\`, control
/// characters) and, when `encode_non_ascii` (the link was written that
/// way), every byte outside ASCII.
pub fn encode_markdown_dest(path: &str, angle: bool, encode_non_ascii: bool) -> Option<String> {
    if angle {
        return (!path.contains(['<', '>', '\n', '\r', '#'])).then(|| path.to_owned());
    }
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        let special = matches!(c, ' ' | '(' | ')' | '%' | '#' | '<' | '>' | '\\' | '^' | '|')
            || c.is_control()
            || (encode_non_ascii && !c.is_ascii());
        if special {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        } else {
            out.push(c);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors() {
        let h = |v: &[&str]| Some(Anchor::Heading(v.iter().map(|s| s.to_string()).collect()));
        assert_eq!(split_anchor("Note"), ("Note", None));
        assert_eq!(split_anchor("Note#Heading"), ("Note", h(&["Heading"])));
        assert_eq!(split_anchor("Note#H1#H2"), ("Note", h(&["H1", "H2"])));
        assert_eq!(split_anchor("#Heading"), ("", h(&["Heading"])));
        assert_eq!(split_anchor("Note#^abc-1"), ("Note", Some(Anchor::Block("abc-1".into()))));
        assert_eq!(split_anchor("Note#"), ("Note", None));
        assert_eq!(split_anchor("Note#^"), ("Note", None));
        assert_eq!(
            split_anchor("Computer_Architecture#Process, Thread"),
            ("Computer_Architecture", h(&["Process, Thread"]))
        );
    }

    #[test]
    fn sizes() {
        assert_eq!(parse_size("300"), Some(ImageSize { width: 300, height: None }));
        assert_eq!(parse_size("640x480"), Some(ImageSize { width: 640, height: Some(480) }));
        assert_eq!(parse_size("alt text"), None);
        assert_eq!(parse_size("x480"), None);
        assert_eq!(parse_size("99999999999"), None);
    }

    #[test]
    fn externals() {
        assert!(is_external("https://example.com/a#b"));
        assert!(is_external("mailto:a@b.c"));
        assert!(is_external("obsidian://open?vault=x"));
        assert!(!is_external("Note.md"));
        assert!(!is_external("C:/notes/a.md"));
        assert!(!is_external("Folder/Note: part 2.md"));
    }

    #[test]
    fn decoding() {
        assert_eq!(decode_markdown_dest("Folder/My%20Note.md"), "Folder/My Note.md");
        assert_eq!(decode_markdown_dest("<My Note.md>"), "My Note.md");
        assert_eq!(decode_markdown_dest("%ED%95%9C.md"), "한.md");
        assert_eq!(decode_markdown_dest("%FF.md"), "%FF.md");
        assert_eq!(clean_wiki_dest("Note\\"), "Note");
    }
}

#[cfg(test)]
mod range_tests {
    use super::*;

    fn wiki(raw: &str, expect: Option<&str>) {
        assert_eq!(wiki_path_range(raw).map(|r| &raw[r]), expect, "path of {raw:?}");
    }

    fn md(raw: &str, expect: Option<(&str, bool)>) {
        let got = markdown_path_range(raw).map(|(r, angle)| (&raw[r], angle));
        assert_eq!(got, expect, "path of {raw:?}");
    }

    #[test]
    fn wiki_paths() {
        wiki("[[Note]]", Some("Note"));
        wiki("[[ Note ]]", Some("Note"));
        wiki("[[Note|alias]]", Some("Note"));
        wiki("[[Note#H1#H2|a]]", Some("Note"));
        wiki("[[Note#^blk]]", Some("Note"));
        wiki("![[img.png|300]]", Some("img.png"));
        wiki("[[Note\\|alias]]", Some("Note"));
        wiki("[[면접/이력서]]", Some("면접/이력서"));
        wiki("[[#Heading]]", None);
        wiki("[Note]", None);
        wiki("[[", None);
    }

    #[test]
    fn markdown_paths() {
        md("[a](Note.md)", Some(("Note.md", false)));
        md("[a](My%20Note.md#H \"title\")", Some(("My%20Note.md", false)));
        md("![alt](<My Note.png>)", Some(("My Note.png", true)));
        md("[a [nested] `](x)`](f(1).md)", Some(("f(1).md", false)));
        md("[a\\]](b.md)", Some(("b.md", false)));
        md("[a][ref]", None);
        md("[a](#local)", None);
        md("[a](", None);
    }

    #[test]
    fn anchors_in_raw_links() {
        fn a(raw: &str, wiki: bool) -> Option<&str> {
            anchor_range(raw, wiki).map(|(r, _)| &raw[r])
        }
        assert_eq!(a("[[Note#Heading|alias]]", true), Some("Heading"));
        assert_eq!(a("[[Note#H1#H2]]", true), Some("H1#H2"));
        assert_eq!(a("[[#Local]]", true), Some("Local"));
        assert_eq!(a("[[Note#H\\|a]]", true), Some("H"));
        assert_eq!(a("[[Note]]", true), None);
        assert_eq!(a("[t](Note.md#Some%20Heading \"x\")", false), Some("Some%20Heading"));
        assert_eq!(a("[t](<Note.md#Some Heading>)", false), Some("Some Heading"));
        assert_eq!(a("[t](Note.md)", false), None);
    }

    #[test]
    fn encoding_round_trips() {
        for (path, angle, non_ascii) in [
            ("Folder/My Note.md", false, false),
            ("f(1) 100%#.md", false, false),
            ("한글 노트.md", false, true),
            ("한글 노트.md", false, false),
            ("My Note.md", true, false),
        ] {
            let written = encode_markdown_dest(path, angle, non_ascii).expect("writable");
            let raw = if angle { format!("<{written}>") } else { written.clone() };
            assert_eq!(decode_markdown_dest(&raw), path, "{written:?}");
            assert!(angle || !written.contains(' '));
        }
        assert_eq!(encode_markdown_dest("a>b", true, false), None);
    }
}
