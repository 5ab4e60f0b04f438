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

    fn check(text: &str, expect: &str) {
        let fm = read(text);
        let mut got = format!("body: {:?}\n", &text[fm.body_start..]);
        for (k, v) in &fm.properties {
            got.push_str(&format!("{k} = {v:?}\n"));
        }
        got.push_str(&format!("tags: {:?}", fm.tags));
        assert_eq!(got.trim(), expect.trim(), "front matter of {text:?}");
    }

    #[test]
    fn blocks_and_properties() {
        check(
            "---\ntitle   : Developer\ndate    : 2020-04-08 22:40:39 +0100\ntags    : [strong_base, 면접]\n---\nBody",
            r#"
body: "Body"
title = "Developer"
date = "2020-04-08 22:40:39 +0100"
tags = "strong_base, 면접"
tags: ["strong_base", "면접"]"#,
        );
        check(
            "\u{feff}---\nzeta: 1\naliases:\n  - Redis 면접 질문\nalpha: true\ntag: \"#a, b c\"\n...\n",
            r##"
body: ""
zeta = "1"
aliases = "Redis 면접 질문"
alpha = "true"
tag = "#a, b c"
tags: ["a", "b", "c"]"##,
        );
        check(
            "---\nnested: {a: 1}\nempty:\nn: 007\n---\n",
            "body: \"\"\nnested = \"{\\\"a\\\":1}\"\nempty = \"\"\nn = \"007\"\ntags: []",
        );
    }

    #[test]
    fn not_front_matter() {
        check("---\ntitle: x\n", "body: \"---\\ntitle: x\\n\"\ntags: []");
        check("text\n---\na: b\n---\n", "body: \"text\\n---\\na: b\\n---\\n\"\ntags: []");
        check("---\n[unclosed: \n---\nBody", "body: \"Body\"\ntags: []");
        check("---\n- a\n- b\n---\nBody", "body: \"Body\"\ntags: []");
        check("---", "body: \"---\"\ntags: []");
        check("", "body: \"\"\ntags: []");
    }
}
