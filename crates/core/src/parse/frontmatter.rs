//! Front matter: finding the YAML block at the very top of a note and reading
//! the keys Obsidian gives meaning to (`title`, `aliases`, `tags`).
//!
//! Pure: no IO. Malformed YAML never fails the note; it becomes a diagnostic and
//! the body is still parsed. Only a block that starts at offset 0 is front
//! matter: a `---` fence in the middle of a note is a thematic break.

use serde_json::Value;

/// The byte layout of a front-matter block within the note text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Block {
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
    pub tags: Vec<String>,
}

/// Outcome of looking for front matter at the top of `text`.
pub(crate) enum Found {
    None,
    Unclosed,
    Block(Block),
}

/// Finds a front-matter block: `---` on the first line and a closing `---` or
/// `...` line. The opening fence must be the very first bytes of the text.
pub(crate) fn find(text: &str) -> Found {
    let Some(first_end) = line_end(text, 0) else { return Found::None };
    if text[..first_end].trim_end() != "---" {
        return Found::None;
    }
    let yaml_start = next_line(text, first_end);
    let mut pos = yaml_start;
    while pos < text.len() {
        let end = line_end(text, pos).unwrap_or(text.len());
        let line = text[pos..end].trim_end();
        if line == "---" || line == "..." {
            return Found::Block(Block {
                yaml_start,
                yaml_end: pos,
                body_start: next_line(text, end),
            });
        }
        pos = next_line(text, end);
    }
    Found::Unclosed
}

/// Where the line starting at `from` ends: at `\n`, `\r\n` or a lone `\r`,
/// the line breaks [`super::lines`] knows.
fn line_end(text: &str, from: usize) -> Option<usize> {
    if from > text.len() {
        return None;
    }
    Some(memchr::memchr2(b'\n', b'\r', &text.as_bytes()[from..]).map_or(text.len(), |i| from + i))
}

fn next_line(text: &str, line_end: usize) -> usize {
    let bytes = text.as_bytes();
    let width = if bytes.get(line_end) == Some(&b'\r') && bytes.get(line_end + 1) == Some(&b'\n') {
        2
    } else {
        1
    };
    (line_end + width).min(text.len())
}

/// Reads the YAML. `Err` carries the parser's message for a diagnostic.
pub(crate) fn read(yaml: &str) -> Result<FrontMatter, String> {
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
    for line in super::lines(yaml) {
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
    // YAML 1.2 booleans only: Obsidian reads `aliases: [y, n]` as strings, not
    // as true/false. Snippets are off because the message becomes one line.
    let mut options = serde_saphyr::Options::default();
    options.strict_booleans = true;
    options.with_snippet = false;
    options.leading_zero_numbers_as_strings = true;
    let value: Value = serde_saphyr::from_str_with_options(yaml, options)
        .map_err(|e| first_line(&e.to_string()))?;
    match value {
        Value::Object(map) => Ok(extract(map)),
        Value::Null => Ok(FrontMatter::default()),
        _ => Err("front matter is not a mapping of keys to values".to_owned()),
    }
}

/// Picks the keys the engine uses out of a front-matter mapping.
fn extract(map: serde_json::Map<String, Value>) -> FrontMatter {
    let mut fm = FrontMatter::default();
    for (key, value) in map {
        match key.to_lowercase().as_str() {
            "title" => fm.title = scalar_string(&value).filter(|t| !t.trim().is_empty()),
            "aliases" | "alias" => collect_strings(&value, false, &mut fm.aliases),
            "tags" | "tag" => collect_strings(&value, true, &mut fm.tags),
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
}
