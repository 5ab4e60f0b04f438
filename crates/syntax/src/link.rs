//! Link text: turning what a wiki-link or Markdown link says into a target path,
//! an anchor, a display text and (for image embeds) a size.
//!
//! Pure and total: any string gives an answer. Resolving the path against the
//! vault is `resolve`'s job, not this module's.

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
