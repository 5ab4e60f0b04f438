//! Front matter for the reading view: where the YAML block at the top of a
//! note ends (it is never rendered), its top-level keys as displayable
//! properties, and its tags.
//!
//! Pure and total: malformed YAML gives no properties, never an error, and the
//! body still starts after the block. The block rules are the core's (see
//! ARCHITECTURE.md, "Parsing rules"): `---` as the very first line (after an
//! optional byte-order mark), closed by a `---` or `...` line; a block that
//! never closes is not front matter. The core keeps only the keys it uses, so
//! the YAML is read again here, with the same parser options, to keep every
//! key in the order written.

use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::Value;

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
    let bom = bom_len(text);
    let Some((yaml, body_start)) = find(text, bom) else {
        return FrontMatter { body_start: bom, ..FrontMatter::default() };
    };
    let mut fm = FrontMatter { body_start, ..FrontMatter::default() };
    for (key, value) in parse(yaml) {
        if matches!(key.to_lowercase().as_str(), "tags" | "tag") {
            collect_tags(&value, &mut fm.tags);
        }
        fm.properties.push((key, display(&value)));
    }
    fm
}

/// Where the body of `text` starts, without reading the YAML (for embedded
/// notes, whose properties are not shown).
pub(crate) fn body_start(text: &str) -> usize {
    let bom = bom_len(text);
    find(text, bom).map_or(bom, |(_, start)| start)
}

/// A UTF-8 byte-order mark, which some editors write, is not part of the note.
fn bom_len(text: &str) -> usize {
    if text.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    }
}

/// The YAML between the fences and the body's start, both from `text[from..]`.
fn find(text: &str, from: usize) -> Option<(&str, usize)> {
    let rest = text.get(from..)?;
    let mut lines = rest.split_inclusive('\n');
    if lines.next()?.trim_end() != "---" {
        return None;
    }
    let yaml_start = from + rest.find('\n')? + 1;
    let mut pos = yaml_start;
    for line in lines {
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            return Some((text.get(yaml_start..pos)?, pos + line.len()));
        }
        pos += line.len();
    }
    None
}

/// The top-level mapping, keys in the order written; empty when the YAML is
/// malformed or not a mapping.
fn parse(yaml: &str) -> Vec<(String, Value)> {
    if yaml.trim().is_empty() {
        return Vec::new();
    }
    // The core's options: YAML 1.2 booleans only (`aliases: [y, n]` stays
    // text), and `007` stays a string as Obsidian shows it.
    let mut options = serde_saphyr::Options::default();
    options.strict_booleans = true;
    options.with_snippet = false;
    options.leading_zero_numbers_as_strings = true;
    serde_saphyr::from_str_with_options::<Ordered>(yaml, options)
        .map_or_else(|_| Vec::new(), |o| o.0)
}

/// A mapping read into a vector, because `serde_json::Map` sorts its keys
/// (the workspace does not turn on `preserve_order`) and the UI shows the
/// properties as written.
struct Ordered(Vec<(String, Value)>);

impl<'de> Deserialize<'de> for Ordered {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct OrderedVisitor;
        impl<'de> Visitor<'de> for OrderedVisitor {
            type Value = Ordered;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a mapping of keys to values")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Ordered, A::Error> {
                let mut out = Vec::new();
                while let Some((key, value)) = map.next_entry::<Value, Value>()? {
                    out.push((display(&key), value));
                }
                Ok(Ordered(out))
            }
            fn visit_unit<E: serde::de::Error>(self) -> Result<Ordered, E> {
                Ok(Ordered(Vec::new()))
            }
            fn visit_none<E: serde::de::Error>(self) -> Result<Ordered, E> {
                Ok(Ordered(Vec::new()))
            }
        }
        deserializer.deserialize_any(OrderedVisitor)
    }
}

/// A value as the properties panel shows it: scalars as text, lists joined
/// with ", ", nested mappings as compact JSON (rare in notes, and unambiguous).
fn display(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(display).collect::<Vec<_>>().join(", "),
        Value::Object(_) => serde_json::to_string(value).unwrap_or_default(),
    }
}

/// Tags as the core reads them: a list, or a string split on commas and
/// spaces; a leading `#` dropped.
fn collect_tags(value: &Value, out: &mut Vec<String>) {
    let mut push = |s: &str| {
        for part in s.split(|c: char| c == ',' || c.is_whitespace()) {
            let part = part.strip_prefix('#').unwrap_or(part);
            if !part.is_empty() {
                out.push(part.to_owned());
            }
        }
    };
    match value {
        Value::Array(items) => {
            for item in items {
                if !matches!(item, Value::Array(_) | Value::Object(_)) {
                    push(&display(item));
                }
            }
        }
        Value::Object(_) => {}
        other => push(&display(other)),
    }
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
