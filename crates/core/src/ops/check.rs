//! The invariant every plan is held to before it is applied, proved on the
//! planned text itself: the note's new text is parsed again and each of its
//! links resolved with the real resolver against the files as they will be.
//!
//! For every link of an edited note: it leads where the same link led before
//! (the moved file at its new path), a link that was unresolved stays so
//! (unless it names a moved file by its new name: adopted, and counted), it
//! keeps its alias, anchor, embed marker and size, and not one byte outside
//! the links' paths changes; the note's headings, tags, block ids and front
//! matter read the same. Pure.

use crate::parse::{parse_note, Heading};
use crate::path::VaultPath;
use hanji_syntax::heading;

use super::plan::{lands, Allowed, Context, PlanError, TextEdit};

/// Checks the edits of one note; `Err` is the first way the plan breaks the
/// invariant.
pub(super) fn note(
    ctx: &Context<'_>,
    path: &VaultPath,
    dir: &str,
    path_after: &VaultPath,
    old_text: &str,
    new_text: &str,
    edits: &[TextEdit],
) -> Result<(), PlanError> {
    let refuse = |reason: String| PlanError::Invariant { path: path.as_str().to_owned(), reason };
    let old = parse_note(old_text);
    let new = parse_note(new_text);
    for e in edits {
        let inside = old.links.iter().any(|l| {
            (l.span.start as usize) <= e.range.start && e.range.end <= l.span.end as usize
        });
        if !inside {
            return Err(refuse(format!("an edit at line {} is outside every link", e.line)));
        }
    }
    if old.links.len() != new.links.len() {
        return Err(refuse(format!(
            "{} links before and {} after",
            old.links.len(),
            new.links.len()
        )));
    }
    // The text between the links, link by link, is the same.
    let gaps = |text: &str, spans: &mut dyn Iterator<Item = (usize, usize)>| {
        let mut out = Vec::new();
        let mut at = 0;
        for (s, e) in spans {
            out.push(text.get(at..s).unwrap_or("").to_owned());
            at = e;
        }
        out.push(text.get(at..).unwrap_or("").to_owned());
        out
    };
    let old_gaps =
        gaps(old_text, &mut old.links.iter().map(|l| (l.span.start as usize, l.span.end as usize)));
    let new_gaps =
        gaps(new_text, &mut new.links.iter().map(|l| (l.span.start as usize, l.span.end as usize)));
    if old_gaps != new_gaps {
        return Err(refuse("text outside the links would change".to_owned()));
    }
    let new_dir = path_after.parent();
    for (a, b) in old.links.iter().zip(&new.links) {
        let line = || old_text[..a.span.start as usize].matches('\n').count() + 1;
        if a.syntax != b.syntax
            || a.embed != b.embed
            || a.anchor != b.anchor
            || a.display != b.display
            || a.size != b.size
        {
            return Err(refuse(format!("the link at line {} would change its form", line())));
        }
        if a.path.trim().is_empty() && b.path.trim().is_empty() {
            continue;
        }
        let before = lands(ctx.before.resolve(dir, &a.path));
        let after = lands(ctx.after.resolve(new_dir, &b.path));
        if let Allowed::No = ctx.allowed(before, after) {
            return Err(refuse(format!("the link at line {} would lead elsewhere", line())));
        }
    }
    headings(ctx, path, &old.headings, &new.headings, edits).map_err(refuse)?;
    let same = old.front_matter == new.front_matter
        && texts(&old.tags, |t| &t.name) == texts(&new.tags, |t| &t.name)
        && texts(&old.block_ids, |b| &b.id) == texts(&new.block_ids, |b| &b.id);
    if !same {
        return Err(refuse(
            "its headings, tags, block ids or properties would read differently".into(),
        ));
    }
    Ok(())
}

/// Headings read the same, except one that holds a rewritten link (`####
/// [[Resume]]`): its text follows the link, as in Obsidian, provided no
/// link in the vault points at it by its old text.
fn headings(
    ctx: &Context<'_>,
    path: &VaultPath,
    old: &[Heading],
    new: &[Heading],
    edits: &[TextEdit],
) -> Result<(), String> {
    if old.len() != new.len() {
        return Err(format!("{} headings before and {} after", old.len(), new.len()));
    }
    for (a, b) in old.iter().zip(new) {
        if a.text == b.text {
            continue;
        }
        if !edits.iter().any(|e| e.line == a.pos.line) {
            return Err(format!("the heading at line {} would read differently", a.pos.line));
        }
        let old_key = heading::key(&a.text);
        if ctx.heading_is_linked(path, &old_key) {
            return Err(format!(
                "the heading at line {} holds the link, and links point at it by its text",
                a.pos.line
            ));
        }
    }
    Ok(())
}

fn texts<T>(items: &[T], f: impl Fn(&T) -> &str) -> Vec<&str> {
    items.iter().map(f).collect()
}
