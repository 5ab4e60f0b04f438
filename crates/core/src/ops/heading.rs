//! Renaming a heading: the heading's line in its note, and every link that
//! points at it by its text (`[[Note#Old]]`, `[[#Old]]` in the note itself,
//! `[t](Note.md#Old%20text)`, a chain `[[Note#Top#Old]]`), planned as the
//! file operations are: exact edits, proved on the planned text before
//! anything is written, applied all-or-nothing with an undo record (the plan
//! moves no file).
//!
//! Only reads (through the caller's reader). A heading whose text is not
//! written verbatim on its line (formatting, a link inside it) is refused:
//! the user renames it in the editor.

use std::io;
use std::ops::Range;

use hanji_syntax::heading;
use rayon::prelude::*;

use crate::cache::content_hash;
use crate::parse::{self, link, Anchor, LineIndex, LinkSyntax};
use crate::path::VaultPath;
use crate::vault::{Note, Target, Vault};

use super::plan::{apply_edits, NoteEdit, Operation, Plan, PlanError, TextEdit};

/// Plans renaming the heading `old` (its text, or anything with the same
/// key) of the note at `path` to `new`.
pub fn plan_heading(
    vault: &Vault,
    path: &VaultPath,
    old: &str,
    new: &str,
    read: &(dyn Fn(&Note) -> io::Result<Vec<u8>> + Sync),
) -> Result<Plan, PlanError> {
    let id = vault
        .note_by_path(path.as_str())
        .ok_or_else(|| PlanError::NotFound { path: path.to_string() })?;
    let new = new.trim();
    let refuse = |reason: &str| PlanError::Link {
        path: path.to_string(),
        line: 0,
        reason: reason.to_owned(),
    };
    if new.is_empty() || new.contains(['\n', '\r']) {
        return Err(refuse("a heading's new text is one line, not empty"));
    }
    let (old_key, new_key) = (heading::key(old), heading::key(new));
    if old_key == new_key && old.trim() == new {
        return Err(PlanError::Same { from: old.to_owned(), to: new.to_owned() });
    }
    let target = vault.note(id);
    if target
        .headings
        .iter()
        .any(|h| heading::key(&h.text) == new_key && heading::key(&h.text) != old_key)
    {
        return Err(refuse("the note already has a heading with that text; links to either could not be told apart"));
    }
    let anchor_text = heading::link_text(new);
    // The notes with a link at this heading, the note itself always (its
    // own `[[#Old]]` links and the heading's line).
    let mut sources: Vec<usize> = (0..vault.notes().len())
        .into_par_iter()
        .filter(|&i| {
            i == id.0 as usize
                || vault.notes()[i]
                    .links
                    .iter()
                    .any(|l| points_at(l.target, id, l.link.anchor.as_deref(), &old_key))
        })
        .collect();
    sources.sort_unstable();
    let edits: Vec<Result<Option<NoteEdit>, PlanError>> = sources
        .into_par_iter()
        .map(|i| {
            let note = &vault.notes()[i];
            let bytes = read(note).map_err(|source| PlanError::Unreadable { path: note.path.to_string(), source })?;
            let hash = content_hash(&bytes);
            let text = String::from_utf8(bytes).map_err(|_| PlanError::Link {
                path: note.path.to_string(),
                line: 0,
                reason: "the note is not valid UTF-8, so its links cannot be rewritten safely".into(),
            })?;
            let mut edits = Vec::new();
            if i == id.0 as usize {
                edits.push(heading_edit(&text, &old_key, new).ok_or_else(|| PlanError::Link {
                    path: note.path.to_string(),
                    line: 0,
                    reason: "the heading is not written as plain text on its line (it has formatting or a link); rename it in the editor".into(),
                })?);
            }
            let parsed = parse::parse_note(&text);
            let lines = LineIndex::new(&text);
            for l in &parsed.links {
                let lands_here = l.path.trim().is_empty() && i == id.0 as usize
                    || matches!(vault.file_index().resolve(note.path.parent(), &l.path), crate::resolve::Resolution::Found { file, .. } if file == id.0);
                let Some(Anchor::Heading(chain)) = l.anchor.as_deref() else { continue };
                if !lands_here || !chain.iter().any(|h| heading::key(h) == old_key) {
                    continue;
                }
                let span = l.span.start as usize..l.span.end as usize;
                let raw = &text[span.clone()];
                let line = lines.pos(span.start).line;
                let fail = |reason: &str| PlanError::Link { path: note.path.to_string(), line, reason: reason.to_owned() };
                let (range, angle) = link::anchor_range(raw, l.syntax == LinkSyntax::Wiki)
                    .ok_or_else(|| fail("the link's anchor cannot be found in its text"))?;
                let written = &raw[range.clone()];
                let decoded = match l.syntax {
                    LinkSyntax::Markdown if !angle => link::decode_markdown_dest(written),
                    _ => written.to_owned(),
                };
                // Each `#` segment in turn; the one that names the heading is replaced.
                let out: Vec<&str> = decoded
                    .split('#')
                    .map(|seg| if heading::key(seg) == old_key { anchor_text.as_str() } else { seg })
                    .collect();
                let out = out.join("#");
                let new_text = match l.syntax {
                    // Encoded as the link was: non-ASCII too if it was written so.
                    LinkSyntax::Markdown if !angle => {
                        let non_ascii = written.is_ascii() && !decoded.is_ascii();
                        let parts: Option<Vec<String>> = out
                            .split('#')
                            .map(|p| link::encode_markdown_dest(p, false, non_ascii))
                            .collect();
                        parts.ok_or_else(|| fail("the new heading cannot be written in this link"))?.join("#")
                    }
                    _ => out,
                };
                edits.push(TextEdit {
                    range: span.start + range.start..span.start + range.end,
                    line,
                    old: written.to_owned(),
                    new: new_text,
                });
            }
            if edits.is_empty() {
                return Ok(None);
            }
            edits.sort_by_key(|e| e.range.start);
            let new_text = apply_edits(&text, &edits);
            check(&note.path, &text, &new_text, &edits, &old_key, &new_key, i == id.0 as usize)?;
            Ok(Some(NoteEdit { path: note.path.clone(), path_after: note.path.clone(), hash, edits, text: new_text }))
        })
        .collect();
    let mut notes = Vec::new();
    for e in edits {
        if let Some(n) = e? {
            notes.push(n);
        }
    }
    Ok(Plan {
        operation: Operation::RenameHeading {
            note: path.clone(),
            old: old.to_owned(),
            new: new.to_owned(),
        },
        folder: None,
        moves: Vec::new(),
        deletes: Vec::new(),
        notes,
        hashes: Vec::new(),
        adopted: 0,
        unresolved: 0,
    })
}

/// Whether a link with this target and anchor points at heading `key` of note `id`.
fn points_at(target: Target, id: crate::NoteId, anchor: Option<&Anchor>, key: &str) -> bool {
    matches!(target, Target::Note { note, .. } if note == id)
        && matches!(anchor, Some(Anchor::Heading(chain)) if chain.iter().any(|h| heading::key(h) == key))
}

/// The edit of the heading's own line: its text replaced where it is
/// written verbatim, after the `#` marks (or on a setext heading's line).
fn heading_edit(text: &str, key: &str, new: &str) -> Option<TextEdit> {
    let parsed = parse::parse_note(text);
    let h = parsed.headings.iter().find(|h| heading::key(&h.text) == key)?;
    let range = line_range(text, h.pos.line)?;
    let line = &text[range.clone()];
    let skip = line.len() - line.trim_start_matches(['#', ' ', '\t']).len();
    let at = line[skip..].find(&*h.text)? + skip;
    let start = range.start + at;
    Some(TextEdit {
        range: start..start + h.text.len(),
        line: h.pos.line,
        old: h.text.to_string(),
        new: new.to_owned(),
    })
}

/// The byte range of 1-based line `n` of `text`, without its line break.
fn line_range(text: &str, n: u32) -> Option<Range<usize>> {
    let line = hanji_syntax::lines::lines(text).nth((n as usize).checked_sub(1)?)?;
    // The line is a slice of `text`: its offset is where it starts.
    let start = line.as_ptr() as usize - text.as_ptr() as usize;
    Some(start..start + line.len())
}

/// The invariant of a heading rename, on the planned text: the same links
/// to the same places, each anchor that named the heading naming the new
/// text; the renamed heading (in the note itself) found by its new key; no
/// other heading, tag or property changed.
fn check(
    path: &VaultPath,
    old_text: &str,
    new_text: &str,
    edits: &[TextEdit],
    old_key: &str,
    new_key: &str,
    is_target: bool,
) -> Result<(), PlanError> {
    let refuse = |reason: String| PlanError::Invariant { path: path.to_string(), reason };
    let (a, b) = (parse::parse_note(old_text), parse::parse_note(new_text));
    if a.links.len() != b.links.len() {
        return Err(refuse(format!("{} links before and {} after", a.links.len(), b.links.len())));
    }
    for (x, y) in a.links.iter().zip(&b.links) {
        if x.path != y.path || x.display != y.display || x.embed != y.embed || x.syntax != y.syntax
        {
            return Err(refuse(format!(
                "the link at line {} would change more than its anchor",
                x.pos.line
            )));
        }
        let keys = |l: &parse::Link| match l.anchor.as_deref() {
            Some(Anchor::Heading(chain)) => {
                chain.iter().map(|h| heading::key(h)).collect::<Vec<_>>()
            }
            _ => Vec::new(),
        };
        let expect: Vec<String> = keys(x)
            .into_iter()
            .map(|k| {
                if k == old_key && edits.iter().any(|e| e.line == x.pos.line) {
                    new_key.to_owned()
                } else {
                    k
                }
            })
            .collect();
        if keys(y) != expect {
            return Err(refuse(format!(
                "the anchor of the link at line {} would not name the new heading",
                x.pos.line
            )));
        }
    }
    let heads = |n: &parse::ParsedNote| {
        n.headings.iter().map(|h| heading::key(&h.text)).collect::<Vec<_>>()
    };
    let expect: Vec<String> = heads(&a)
        .into_iter()
        .map(|k| if is_target && k == old_key { new_key.to_owned() } else { k })
        .collect();
    if heads(&b) != expect && is_target {
        return Err(refuse("the note's headings would read differently".into()));
    }
    if !is_target && heads(&a) != heads(&b) {
        return Err(refuse("a heading would change".into()));
    }
    if a.front_matter != b.front_matter || a.tags.len() != b.tags.len() {
        return Err(refuse("its tags or properties would read differently".into()));
    }
    Ok(())
}
