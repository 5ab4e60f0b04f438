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

fn line_end(text: &str, from: usize) -> Option<usize> {
    if from > text.len() {
        return None;
    }
    Some(memchr::memchr(b'\n', &text.as_bytes()[from..]).map_or(text.len(), |i| from + i))
}

fn next_line(text: &str, line_end: usize) -> usize {
    (line_end + 1).min(text.len())
}

/// Reads the YAML. `Err` carries the parser's message for a diagnostic.
pub(crate) fn read(yaml: &str) -> Result<FrontMatter, String> {
    if yaml.trim().is_empty() {
        return Ok(FrontMatter::default());
    }
    // YAML 1.2 booleans only: Obsidian reads `aliases: [y, n]` as strings, not
    // as true/false. Snippets are off because the message becomes one line.
    let mut options = serde_saphyr::Options::default();
    options.strict_booleans = true;
    options.with_snippet = false;
    options.leading_zero_numbers_as_strings = true;
    let value: Value = serde_saphyr::from_str_with_options(yaml, options)
        .map_err(|e| first_line(&e.to_string()))?;
    let map = match value {
        Value::Object(map) => map,
        Value::Null => return Ok(FrontMatter::default()),
        _ => return Err("front matter is not a mapping of keys to values".to_owned()),
    };
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
    Ok(fm)
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
