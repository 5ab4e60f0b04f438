//! Inserting a template into a note, as Obsidian's Templates plugin does:
//! the template's body goes in at the cursor, and its front matter is
//! merged into the note's: a key the note lacks is added (as the template
//! writes it), a list is joined (the template's items the note does not
//! have, after the note's), and the note's own value of any other key is
//! kept.
//!
//! The answer is a few edits of the note's text, not a new text: every
//! byte outside them is the user's and stays as it is (the editor applies
//! them as one change, undone as one). Pure and total: a front matter that
//! is not valid YAML (the note's or the template's) is never rewritten; the
//! body still goes in, and the reason is returned.

use std::ops::Range;

use hanji_syntax::frontmatter::{self, Found};
use serde_json::Value;

/// One edit of the note's text: `range` (byte offsets in the text as it
/// was) replaced by `insert`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub range: Range<usize>,
    pub insert: String,
}

/// What inserting a template does to a note.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Insertion {
    /// In order, not overlapping.
    pub edits: Vec<Edit>,
    /// Where the cursor goes: just after the inserted body, as a byte offset
    /// in the text once the edits are made.
    pub cursor: usize,
    /// Why the front matter was not merged, when it was not.
    pub warning: Option<String>,
}

/// Keys Obsidian types as lists even when a note writes one value
/// (`tags: daily`): joined like lists.
const LIST_KEYS: &[&str] = &["tags", "aliases", "cssclasses", "tag", "alias", "cssclass"];

/// Inserts `template` (already expanded) into `note` at byte `cursor`
/// (clamped to the text and to a character boundary; a cursor inside the
/// front matter inserts at the start of the body).
pub fn insert(note: &str, cursor: usize, template: &str) -> Insertion {
    let (t_yaml, t_body) = match frontmatter::find(template) {
        Found::Block(b) => (&template[b.yaml_start..b.yaml_end], &template[b.body_start..]),
        _ => ("", &template[frontmatter::bom_len(template)..]),
    };
    let mut cursor = cursor.min(note.len());
    while !note.is_char_boundary(cursor) {
        cursor -= 1;
    }
    let note_block = match frontmatter::find(note) {
        Found::Block(b) => Some(b),
        _ => None,
    };
    let body_start = frontmatter::body_start(note);
    if cursor < body_start {
        cursor = body_start;
    }
    let mut edits = Vec::new();
    let mut warning = None;
    if !t_yaml.trim().is_empty() {
        match merged_front_matter(note_block.map(|b| &note[b.yaml_start..b.yaml_end]), t_yaml) {
            Ok(Some(yaml)) => edits.push(match note_block {
                Some(b) => Edit { range: b.yaml_start..b.yaml_end, insert: yaml },
                None => {
                    let at = frontmatter::bom_len(note);
                    Edit { range: at..at, insert: format!("---\n{yaml}---\n") }
                }
            }),
            Ok(None) => {}
            Err(why) => warning = Some(why),
        }
    }
    let mut body = t_body.to_owned();
    // At a line's end with text before it, the template starts a new line.
    let line_start = note[..cursor].rfind('\n').map_or(0, |i| i + 1).max(body_start);
    if !note[line_start..cursor].trim().is_empty() && !body.starts_with('\n') {
        body.insert(0, '\n');
    }
    let shift: isize = edits.iter().map(|e| e.insert.len() as isize - e.range.len() as isize).sum();
    let after = (cursor as isize + shift) as usize + body.len();
    if !body.is_empty() {
        edits.push(Edit { range: cursor..cursor, insert: body });
    }
    Insertion { edits, cursor: after, warning }
}

/// The note's YAML with the template's merged in (`None`: nothing to
/// change); an error when either is not a YAML mapping.
fn merged_front_matter(note: Option<&str>, template: &str) -> Result<Option<String>, String> {
    let t_props = frontmatter::properties(template);
    if t_props.is_empty() {
        return if frontmatter::read(template).is_err() {
            Err("the template's front matter is not valid YAML; only its body was inserted".into())
        } else {
            Ok(None)
        };
    }
    let Some(note) = note.filter(|n| !n.trim().is_empty()) else {
        let mut yaml = template.to_owned();
        if !yaml.ends_with('\n') {
            yaml.push('\n');
        }
        return Ok(Some(yaml));
    };
    let n_props = frontmatter::properties(note);
    if n_props.is_empty() {
        return Err("the note's front matter is not valid YAML; it was left as it is and only the template's body was inserted".into());
    }
    let t_sections = sections(template);
    let mut out = note.to_owned();
    if !out.ends_with('\n') {
        out.push('\n');
    }
    let mut changed = false;
    for (key, t_value) in &t_props {
        let Some((_, n_value)) = n_props.iter().find(|(k, _)| k == key) else {
            // A key the note lacks: the template's lines, as written.
            if let Some(s) = t_sections.iter().find(|s| s.key == *key) {
                out.push_str(&template[s.range.clone()]);
                if !out.ends_with('\n') {
                    out.push('\n');
                }
                changed = true;
            }
            continue;
        };
        let listy = n_value.is_array() || LIST_KEYS.contains(&key.to_ascii_lowercase().as_str());
        if !listy {
            continue;
        }
        let have = items(n_value);
        let new: Vec<String> = items(t_value).into_iter().filter(|i| !have.contains(i)).collect();
        if new.is_empty() {
            continue;
        }
        let Some(section) = sections(&out).into_iter().find(|s| s.key == *key) else { continue };
        let text = &out[section.range.clone()];
        let replacement = match block_list_indent(text) {
            // A block list: the new items after the last, as it indents them.
            Some(indent) => {
                let mut t = text.trim_end_matches(['\n', '\r']).to_owned();
                for item in &new {
                    t.push_str(&format!("\n{indent}- {}", yaml_scalar(item)));
                }
                t.push('\n');
                t
            }
            // One value or a flow list: written again as a block list, as
            // Obsidian writes lists.
            None => {
                let mut t = format!("{key}:\n");
                for item in have.iter().chain(&new) {
                    t.push_str(&format!("  - {}\n", yaml_scalar(item)));
                }
                t
            }
        };
        out.replace_range(section.range, &replacement);
        changed = true;
    }
    Ok(changed.then_some(out))
}

/// A top-level key's lines in a YAML mapping: from its `key:` line to the
/// next top-level line (indented lines, `- ` items, blank lines and
/// comments belong to it).
struct Section {
    key: String,
    range: Range<usize>,
}

fn sections(yaml: &str) -> Vec<Section> {
    let mut out: Vec<Section> = Vec::new();
    let mut pos = 0;
    for line in yaml.split_inclusive('\n') {
        let start = pos;
        pos += line.len();
        let top = !line.starts_with([' ', '\t', '-', '#', '\r', '\n']) && !line.trim().is_empty();
        if top {
            if let Some(key) = top_key(line) {
                out.push(Section { key, range: start..pos });
                continue;
            }
        }
        if let Some(last) = out.last_mut() {
            last.range.end = pos;
        }
    }
    // Blank lines and comments after a section's value belong to no key.
    for s in &mut out {
        let text = &yaml[s.range.clone()];
        let mut end = text.len();
        for line in text.split_inclusive('\n').rev() {
            let t = line.trim();
            if (t.is_empty() || t.starts_with('#')) && end - line.len() > 0 {
                end -= line.len();
            } else {
                break;
            }
        }
        s.range.end = s.range.start + end;
    }
    out
}

/// The key of a top-level `key: value` line (quotes removed).
fn top_key(line: &str) -> Option<String> {
    let line = line.trim_end();
    let (key, _) = if let Some(rest) = line.strip_prefix('"') {
        let close = rest.find('"')?;
        return rest[close + 1..].starts_with(':').then(|| rest[..close].to_owned());
    } else if let Some(rest) = line.strip_prefix('\'') {
        let close = rest.find('\'')?;
        return rest[close + 1..].starts_with(':').then(|| rest[..close].to_owned());
    } else {
        line.split_once(':')?
    };
    Some(key.trim().to_owned())
}

/// The indent of a block list's items (`""` for `- a` under the key), if
/// `section` is `key:` followed by `- item` lines.
fn block_list_indent(section: &str) -> Option<String> {
    let mut lines = section.lines();
    let first = lines.next()?;
    if !first.trim_end().ends_with(':') {
        return None;
    }
    let item = lines.find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))?;
    let indent = &item[..item.len() - item.trim_start().len()];
    item.trim_start().starts_with("- ").then(|| indent.to_owned())
}

/// A value's items as text: a list's, or the one value.
fn items(value: &Value) -> Vec<String> {
    match value {
        Value::Null => Vec::new(),
        Value::Array(list) => list.iter().map(frontmatter::display).collect(),
        other => vec![frontmatter::display(other)],
    }
}

/// `text` as a YAML scalar: plain when that reads back as the same text,
/// else double-quoted (JSON's quoting is YAML's).
fn yaml_scalar(text: &str) -> String {
    let special = text.is_empty()
        || text.starts_with([
            '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%',
            '@', '`', ' ',
        ])
        || text.ends_with(' ')
        || text.contains(": ")
        || text.contains(" #")
        || text.contains(['\n', '\r', '\t'])
        || matches!(
            text.to_ascii_lowercase().as_str(),
            "true" | "false" | "null" | "yes" | "no" | "~"
        )
        || text.parse::<f64>().is_ok();
    if special {
        serde_json::to_string(text).unwrap_or_default()
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The note after the insertion, with `|` where the cursor lands.
    fn check(note_with_cursor: &str, template: &str, expect: &str) {
        let cursor = note_with_cursor.find('|').expect("a | marks the cursor");
        let note = note_with_cursor.replacen('|', "", 1);
        let ins = insert(&note, cursor, template);
        let mut text = note.clone();
        for e in ins.edits.iter().rev() {
            text.replace_range(e.range.clone(), &e.insert);
        }
        text.insert(ins.cursor, '|');
        assert_eq!(text, expect, "template {template:?}");
        // Every byte outside the edits is the note's.
        let mut last = 0;
        for e in &ins.edits {
            assert!(e.range.start >= last, "edits in order");
            last = e.range.end;
        }
    }

    #[test]
    fn the_body_goes_in_at_the_cursor() {
        check("# 회의\n\n|", "## 안건\n- ", "# 회의\n\n## 안건\n- |");
        check("text| after", "X", "textX| after".replace("X", "\nX").as_str());
        check("|", "", "|");
        // A cursor in the front matter inserts at the start of the body.
        check("---\na: 1\n|---\nbody", "T\n", "---\na: 1\n---\nT\n|body");
    }

    #[test]
    fn front_matter_is_merged_keys_added_lists_joined_scalars_kept() {
        check(
            "---\ntitle: 내 노트\ntags:\n  - 면접\n---\n본문\n|",
            "---\ntitle: 템플릿\ntags:\n  - daily\n  - 면접\nstatus: draft\n---\n## 할 일\n",
            "---\ntitle: 내 노트\ntags:\n  - 면접\n  - daily\nstatus: draft\n---\n본문\n## 할 일\n|",
        );
        // One value and a flow list become a block list with every item.
        check(
            "---\ntags: daily\naliases: [a, b]\n---\n|",
            "---\ntags: [work, \"2024\"]\naliases:\n- b\n- c\n---\n",
            "---\ntags:\n  - daily\n  - work\n  - \"2024\"\naliases:\n  - a\n  - b\n  - c\n---\n|",
        );
        // An item list under the key, as written, without indentation.
        check(
            "---\ntags:\n- a\n# a comment\n\nlater: x\n---\n|",
            "---\ntags:\n  - b\n---\n",
            "---\ntags:\n- a\n- b\n# a comment\n\nlater: x\n---\n|",
        );
        // Nothing new: the front matter is untouched.
        check("---\ntags: [a]\n---\n|", "---\ntags: [a]\n---\nB", "---\ntags: [a]\n---\nB|");
        // A note without front matter gets the template's.
        check("본문 |", "---\ntags: [x]\n---\nT", "---\ntags: [x]\n---\n본문 \nT|");
    }

    #[test]
    fn malformed_front_matter_is_never_rewritten() {
        let note = "---\ntags: [a\n---\nbody\n";
        let ins = insert(note, note.len(), "---\ntags: [b]\n---\nT");
        assert_eq!(ins.edits, vec![Edit { range: note.len()..note.len(), insert: "T".into() }]);
        assert!(ins.warning.as_deref().unwrap_or_default().contains("note's front matter"));
        let ins = insert("x", 1, "---\n: [\n---\nT");
        assert!(ins.warning.as_deref().unwrap_or_default().contains("template's front matter"));
    }

    #[test]
    fn never_panics_on_odd_input() {
        for note in ["", "---", "---\n", "\u{feff}---\na: 1\n---\n", "한글", "---\n---\n"] {
            for cursor in [0, 1, 2, 3, 100] {
                for template in ["", "---\n---\n", "---\na: [1]\n---\n", "한"] {
                    let ins = insert(note, cursor, template);
                    let mut text = note.to_owned();
                    for e in ins.edits.iter().rev() {
                        text.replace_range(e.range.clone(), &e.insert);
                    }
                    assert!(ins.cursor <= text.len() && text.is_char_boundary(ins.cursor));
                }
            }
        }
    }
}
