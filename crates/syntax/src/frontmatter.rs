//! Front matter: the YAML block at the very top of a note, where it ends,
//! the keys Obsidian gives meaning to (`title`, `aliases`, `tags`), and every
//! key in the order written, for a properties view.
//!
//! Pure and total: malformed YAML never fails the note (the engine turns the
//! message into a diagnostic) and the body still starts after the block.
//! The block: `---` as the very first line (after an optional byte-order
//! mark), closed by a `---` or `...` line; a block that never closes is not
//! front matter. A `---` fence in the middle of a note is a thematic break.

use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::Value;

use crate::lines::{lines, next_break};

/// The byte layout of a front-matter block within the note text; every
/// offset counts from the start of the text (a byte-order mark included).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Block {
    /// Byte range of the YAML between the fences.
    pub yaml_start: usize,
    pub yaml_end: usize,
    /// Where the Markdown body begins (just after the closing fence's line).
    pub body_start: usize,
}

/// What the front matter says, reduced to the keys the engine uses.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub aliases: Vec<String>,
    /// Tags without a leading `#`, as written (compare them by
    /// [`crate::tag::tag_key`]).
    pub tags: Vec<String>,
}

/// Outcome of looking for front matter at the top of a note.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    None,
    /// `---` opens the note but no fence closes it: all of it is body.
    Unclosed,
    Block(Block),
}

/// The length of a UTF-8 byte-order mark at the start of `text` (0 or 3),
/// which some editors write and which is not part of the note.
pub fn bom_len(text: &str) -> usize {
    if text.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    }
}

/// Finds the front-matter block of a note: `---` on the first line (after an
/// optional byte-order mark) and a closing `---` or `...` line.
pub fn find(text: &str) -> Found {
    let bytes = text.as_bytes();
    let open = bom_len(text);
    let (first_end, yaml_start) = match next_break(bytes, open) {
        Some(br) => (br.start, br.end),
        None => (text.len(), text.len()),
    };
    if text.get(open..first_end).map(str::trim_end) != Some("---") {
        return Found::None;
    }
    let mut pos = yaml_start;
    while pos < text.len() {
        let (end, next) = match next_break(bytes, pos) {
            Some(br) => (br.start, br.end),
            None => (text.len(), text.len()),
        };
        let line = text.get(pos..end).map_or("", str::trim_end);
        if line == "---" || line == "..." {
            return Found::Block(Block { yaml_start, yaml_end: pos, body_start: next });
        }
        pos = next;
    }
    Found::Unclosed
}

/// Where the Markdown body of `text` starts: after the front matter, else
/// after a byte-order mark, else 0.
pub fn body_start(text: &str) -> usize {
    match find(text) {
        Found::Block(b) => b.body_start,
        _ => bom_len(text),
    }
}

/// The wiki-links written as property values (`related: "[[Note]]"`, a
/// list item `- "[[Note|alias]]"`), as Obsidian reads them: byte ranges in
/// `yaml` of each `[[…]]`, a leading `!` included. A link is only taken when
/// its text needs no YAML escaping (no quote or backslash in it), so the
/// bytes are the value; a line that is a YAML comment has none.
pub fn wiki_links(yaml: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut pos = 0;
    for line in yaml.split_inclusive('\n') {
        let start = pos;
        pos += line.len();
        if line.trim_start().starts_with('#') {
            continue;
        }
        let mut from = 0;
        while let Some(open) = line[from..].find("[[").map(|i| i + from) {
            let Some(close) = line[open + 2..].find("]]").map(|i| i + open + 2) else { break };
            let inner = &line[open + 2..close];
            from = close + 2;
            if inner.trim().is_empty() || inner.contains(['[', ']', '"', '\'', '\\', '\r', '\n']) {
                continue;
            }
            let bang = usize::from(line[..open].ends_with('!'));
            out.push(start + open - bang..start + close + 2);
        }
    }
    out
}

/// Reads the YAML. `Err` carries the parser's message for a diagnostic.
pub fn read(yaml: &str) -> Result<FrontMatter, String> {
    if yaml.trim().is_empty() {
        return Ok(FrontMatter::default());
    }
    match read_simple(yaml) {
        Some(map) => Ok(extract(map)),
        None => read_full(yaml),
    }
}

/// Keys whose values the engine reads; the rest only need to be valid YAML.
fn is_known_key(key: &str) -> bool {
    matches!(key.to_lowercase().as_str(), "title" | "aliases" | "alias" | "tags" | "tag")
}

/// A fast path for the front matter most notes have: flat `key: value` lines
/// whose values are plain words or a one-line `[a, b]` list. It accepts only
/// text whose meaning in YAML is unambiguous, and returns `None` for anything
/// else (quotes, block lists, comments, numbers in the keys we read…), which
/// then goes to the full YAML parser. Full parsing costs as much as parsing the
/// Markdown of a typical note, and this path gives the same answer (a test
/// checks the two agree).
fn read_simple(yaml: &str) -> Option<serde_json::Map<String, Value>> {
    let mut map = serde_json::Map::new();
    for line in lines(yaml) {
        if line.trim().is_empty() {
            continue;
        }
        let colon = line.find(':')?;
        let key = line[..colon].trim_end_matches(' ');
        if key.is_empty()
            || !key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        {
            return None;
        }
        if key.starts_with('-') {
            return None;
        }
        let rest = &line[colon + 1..];
        if !(rest.is_empty() || rest.starts_with(' ')) {
            return None;
        }
        let known = is_known_key(key);
        let value = rest.trim_matches(' ');
        let value = if value.is_empty() {
            Value::Null
        } else if let Some(inner) = value.strip_prefix('[') {
            let inner = inner.strip_suffix(']')?;
            if inner.trim().is_empty() {
                Value::Array(Vec::new())
            } else {
                let items: Option<Vec<Value>> = inner
                    .split(',')
                    .map(|item| plain_scalar(item.trim_matches(' '), true, known))
                    .collect();
                Value::Array(items?)
            }
        } else {
            plain_scalar(value, false, known)?
        };
        if map.insert(key.to_owned(), value).is_some() {
            return None; // A duplicate key is an error for the full parser.
        }
    }
    Some(map)
}

/// The value of a plain (unquoted) YAML scalar, when it is certainly one:
/// `None` for anything an indicator character, a comment or a tab could make
/// mean something else. For the keys the engine reads (`typed`), numbers are
/// left to the full parser, which knows YAML's number forms.
fn plain_scalar(s: &str, in_list: bool, typed: bool) -> Option<Value> {
    let first = s.chars().next()?;
    if "-?:,[]{}#&*!|>'\"%@`".contains(first)
        || s.contains(": ")
        || s.contains(" #")
        || s.contains('\t')
        || s.ends_with(':')
    {
        return None;
    }
    if in_list && s.contains(['[', ']', '{', '}']) {
        return None;
    }
    if !typed {
        return Some(Value::Null);
    }
    if first.is_ascii_digit() || first == '+' || first == '.' {
        return None;
    }
    Some(match s {
        "~" | "null" | "Null" | "NULL" => Value::Null,
        "true" | "True" | "TRUE" => Value::Bool(true),
        "false" | "False" | "FALSE" => Value::Bool(false),
        _ => Value::String(s.to_owned()),
    })
}

/// Reads the YAML with the full parser.
fn read_full(yaml: &str) -> Result<FrontMatter, String> {
    let value: Value = serde_saphyr::from_str_with_options(yaml, yaml_options())
        .map_err(|e| first_line(&e.to_string()))?;
    match value {
        Value::Object(map) => Ok(extract(map)),
        Value::Null => Ok(FrontMatter::default()),
        _ => Err("front matter is not a mapping of keys to values".to_owned()),
    }
}

/// The YAML parser's options, the same for every reading: YAML 1.2 booleans
/// only (Obsidian reads `aliases: [y, n]` as strings, not as true/false),
/// `007` stays a string as Obsidian shows it, and no snippets, because a
/// message becomes one line of a diagnostic.
fn yaml_options() -> serde_saphyr::Options {
    let mut options = serde_saphyr::Options::default();
    options.strict_booleans = true;
    options.with_snippet = false;
    options.leading_zero_numbers_as_strings = true;
    options
}

/// Every top-level key of the front matter with its value, in the order
/// written (for a properties view); empty when the YAML is malformed or not
/// a mapping.
pub fn properties(yaml: &str) -> Vec<(String, Value)> {
    if yaml.trim().is_empty() {
        return Vec::new();
    }
    serde_saphyr::from_str_with_options::<Ordered>(yaml, yaml_options())
        .map_or_else(|_| Vec::new(), |o| o.0)
}

/// A mapping read into a vector, because `serde_json::Map` sorts its keys
/// (the workspace does not turn on `preserve_order`).
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

/// A value as text: scalars as written, lists joined with ", ", nested
/// mappings as compact JSON (rare in notes, and unambiguous).
pub fn display(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(display).collect::<Vec<_>>().join(", "),
        Value::Object(_) => serde_json::to_string(value).unwrap_or_default(),
    }
}

/// Whether a front-matter key holds the note's tags (`tags`, or `tag`, in
/// any case), as Obsidian reads them.
pub fn is_tags_key(key: &str) -> bool {
    matches!(key.to_lowercase().as_str(), "tags" | "tag")
}

/// Picks the keys the engine uses out of a front-matter mapping.
fn extract(map: serde_json::Map<String, Value>) -> FrontMatter {
    let mut fm = FrontMatter::default();
    for (key, value) in map {
        match key.to_lowercase().as_str() {
            "title" => fm.title = scalar_string(&value).filter(|t| !t.trim().is_empty()),
            "aliases" | "alias" => collect_strings(&value, false, &mut fm.aliases),
            k if is_tags_key(k) => collect_strings(&value, true, &mut fm.tags),
            _ => {}
        }
    }
    for tag in &mut fm.tags {
        if let Some(stripped) = tag.strip_prefix('#') {
            *tag = stripped.to_owned();
        }
    }
    fm.tags.retain(|t| !t.is_empty());
    fm
}

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or(s).trim().to_owned()
}

fn scalar_string(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.trim().to_owned()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Obsidian accepts a list or a single string; for tags a string may hold
/// several tags separated by commas or spaces.
fn collect_strings(value: &Value, split: bool, out: &mut Vec<String>) {
    match value {
        Value::Array(items) => {
            for item in items {
                if let Some(s) = scalar_string(item) {
                    push_split(&s, split, out);
                }
            }
        }
        other => {
            if let Some(s) = scalar_string(other) {
                push_split(&s, split, out);
            }
        }
    }
}

fn push_split(s: &str, split: bool, out: &mut Vec<String>) {
    if split {
        out.extend(
            s.split(|c: char| c == ',' || c.is_whitespace())
                .filter(|p| !p.is_empty())
                .map(str::to_owned),
        );
    } else if !s.trim().is_empty() {
        out.push(s.trim().to_owned());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fast path must agree with the full parser whenever it answers.
    fn agree(yaml: &str, expect_fast: bool) {
        let fast = read_simple(yaml).map(extract);
        assert_eq!(fast.is_some(), expect_fast, "fast path taken for {yaml:?}");
        if let Some(fast) = fast {
            assert_eq!(Ok(fast), read_full(yaml), "fast and full readings differ for {yaml:?}");
        }
    }

    #[test]
    fn fast_path_agrees_with_full_parser() {
        let taken = [
            "tags: [면접, interview/question]\ncreated: 2025-02-19",
            "title   : Developer\nsummary :\ndate    : 2020-04-08 22:40:39 +0100\ntags    : strong_base",
            "tags: [a, b]\naliases: [별칭]\nstatus: 진행중\n",
            "tags: [project/alpha, dev/rust, 독서]\ncreated: 2021-03-04\nstatus: evergreen\r\n",
            "title: true\naliases: null\ntags: []",
            "title: ~\ntags:\n",
            "Tags: x\ntags: y",
            "title: Key: not",
            "permalink: /career/\ntoc: true",
            "title: a:b",
            "aliases: [y, n, yes, no, on, off]",
            "cssclasses: [wide]\npublish: false",
            "tags: a, b c",
        ];
        for yaml in taken {
            agree(yaml, !yaml.contains(": not"));
        }
        let full = [
            "title: \"커리어\"\nexcerpt: \"난 개발자이다.\"",
            "tags:\n  - a\n  - b",
            "title: x # comment",
            "title: [unclosed",
            "tags: : bad",
            "title: 2024",
            "tags: [2024, 회고]",
            "title: x\ntitle: y",
            "aliases: [[nested]]",
            "title: 'single'",
            "# comment\ntitle: x",
            "title: |\n  block",
            "title: &anchor x",
            "- a\n- b",
            "title:\tx",
            "title: -5",
            "key: {a: b}",
        ];
        for yaml in full {
            agree(yaml, false);
        }
    }

    /// The block, the body, every property in order and the tags, as text.
    fn check(text: &str, expect: &str) {
        let (yaml, body) = match find(text) {
            Found::Block(b) => (&text[b.yaml_start..b.yaml_end], &text[b.body_start..]),
            Found::Unclosed | Found::None => ("", &text[bom_len(text)..]),
        };
        let mut got = format!("body: {body:?}\n");
        for (k, v) in properties(yaml) {
            got.push_str(&format!("{k} = {:?}\n", display(&v)));
        }
        got.push_str(&format!("tags: {:?}", read(yaml).map(|fm| fm.tags).unwrap_or_default()));
        assert_eq!(got.trim(), expect.trim(), "front matter of {text:?}");
        assert_eq!(&text[body_start(text)..], body, "body_start of {text:?}");
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
        check("---\r\na: b\r\n---\r\nBody", "body: \"Body\"\na = \"b\"\ntags: []");
        check("---\ra: b\r---\rBody", "body: \"Body\"\na = \"b\"\ntags: []");
    }

    #[test]
    fn not_front_matter() {
        check("---\ntitle: x\n", "body: \"---\\ntitle: x\\n\"\ntags: []");
        check("text\n---\na: b\n---\n", "body: \"text\\n---\\na: b\\n---\\n\"\ntags: []");
        check("---\n[unclosed: \n---\nBody", "body: \"Body\"\ntags: []");
        check("---\n- a\n- b\n---\nBody", "body: \"Body\"\ntags: []");
        check("---", "body: \"---\"\ntags: []");
        check("", "body: \"\"\ntags: []");
        assert_eq!(find("---\na: b\n"), Found::Unclosed);
        assert_eq!(find(" ---\na: b\n---\n"), Found::None);
    }
}

#[cfg(test)]
mod link_tests {
    use super::wiki_links;

    fn check(yaml: &str, expect: &[&str]) {
        let got: Vec<&str> = wiki_links(yaml).into_iter().map(|r| &yaml[r]).collect();
        assert_eq!(got, expect, "links in {yaml:?}");
    }

    #[test]
    fn property_links() {
        check("related: \"[[Redis]]\"\n", &["[[Redis]]"]);
        check("up: '[[면접/이력서|이력서]]'\n", &["[[면접/이력서|이력서]]"]);
        check("list:\n  - \"[[A]]\"\n  - \"[[B#H]]\"\n", &["[[A]]", "[[B#H]]"]);
        check("cover: \"![[img.png]]\"\n", &["![[img.png]]"]);
        check("# related: \"[[Commented]]\"\n", &[]);
        check("bad: \"[[a\\\"b]]\"\n", &[]);
        check("empty: \"[[]]\"\nnone: x\n", &[]);
        check("two: \"[[A]] and [[B]]\"", &["[[A]]", "[[B]]"]);
    }
}
