//! Front matter for the reading view: where the YAML block at the top of a
//! note ends (it is never rendered), its top-level keys as displayable
//! properties, and its tags.
//!
//! Every rule here is the syntax crate's (`hanji_syntax::frontmatter`): the
//! fence, the YAML options, how a value reads as text and which values are
//! tags; this module only puts them together for one rendered note.

use hanji_syntax::frontmatter::{self as fm, Found};

/// What the front matter contributes to a rendered note.
#[derive(Debug, Default)]
pub(crate) struct FrontMatter {
    /// Byte offset where the Markdown body starts (0 without front matter).
    pub body_start: usize,
    pub properties: Vec<(String, String)>,
    pub tags: Vec<String>,
}

/// Finds and reads the front matter of `text`.
pub(crate) fn read(text: &str) -> FrontMatter {
    let Found::Block(block) = fm::find(text) else {
        return FrontMatter { body_start: fm::bom_len(text), ..FrontMatter::default() };
    };
    let yaml = text.get(block.yaml_start..block.yaml_end).unwrap_or("");
    FrontMatter {
        body_start: block.body_start,
        properties: fm::properties(yaml).iter().map(|(k, v)| (k.clone(), fm::display(v))).collect(),
        tags: fm::read(yaml).map(|f| f.tags).unwrap_or_default(),
    }
}

/// Where the body of `text` starts, without reading the YAML (for embedded
/// notes, whose properties are not shown).
pub(crate) fn body_start(text: &str) -> usize {
    fm::body_start(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rules are the syntax crate's (tested there); this checks that a
    /// rendered note gets them put together: the body after the block,
    /// every property in order and the tags, and nothing without a block.
    #[test]
    fn a_note_gets_its_properties_tags_and_body() {
        let text = "\u{feff}---\nzeta: 1\ntags: [면접, \"#cs/db\"]\n---\nBody";
        let fm = read(text);
        assert_eq!(&text[fm.body_start..], "Body");
        assert_eq!(
            fm.properties,
            [("zeta".into(), "1".into()), ("tags".into(), "면접, #cs/db".into())]
        );
        assert_eq!(fm.tags, ["면접", "cs/db"]);
        let unclosed = read("---\ntitle: x\n");
        assert_eq!((unclosed.body_start, unclosed.properties.len()), (0, 0));
        assert_eq!(body_start(text), fm.body_start);
    }
}
