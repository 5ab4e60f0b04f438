//! Resolving every loaded note's links at once, and turning loaded notes into
//! the [`Note`]s the vault keeps. Pure: works on what was read, no IO.

use std::path::Path;

use rayon::prelude::*;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::read::Loaded;
use super::{AnchorStatus, Note, NoteLink, Target, ATTACHMENT_BIT};
use crate::diagnostic::Diagnostic;
use crate::parse::{Anchor, Heading, Link};
use crate::path::nfc;
use crate::resolve::{FileIndex, Resolution, Unresolved};
use crate::tags::tag_key;
use crate::{AttachmentId, GhostId, NoteId};
use hanji_syntax::heading;

/// Checks `anchor` against the headings and block ids of a loaded note.
pub(super) fn anchor_status(note: &Loaded, anchor: &Anchor) -> AnchorStatus {
    let ok = match anchor {
        Anchor::Block(id) => note.parsed.block_ids.iter().any(|b| b.id.eq_ignore_ascii_case(id)),
        Anchor::Heading(chain) => {
            let wanted: Vec<String> = chain.iter().map(|h| heading::key(h)).collect();
            heading_chain_exists(&note.parsed.headings, &note.normalised_headings, &wanted)
        }
    };
    if ok {
        AnchorStatus::Found
    } else {
        AnchorStatus::Broken
    }
}

/// `[[Note#A#B]]` needs a heading B inside the section of a heading A.
pub(super) fn heading_chain_exists(
    headings: &[Heading],
    normalised: &[String],
    wanted: &[String],
) -> bool {
    fn search(
        headings: &[Heading],
        norm: &[String],
        wanted: &[String],
        from: usize,
        parent_level: u8,
    ) -> bool {
        let Some((first, rest)) = wanted.split_first() else { return true };
        for i in from..headings.len() {
            if headings[i].level <= parent_level {
                return false;
            }
            if &norm[i] == first && search(headings, norm, rest, i + 1, headings[i].level) {
                return true;
            }
        }
        false
    }
    search(headings, normalised, wanted, 0, 0)
}

/// The key that groups unresolved links into one ghost node.
pub(super) fn ghost_key(path: &str) -> String {
    let p = nfc(path.trim()).to_lowercase();
    match p.strip_suffix(".md") {
        Some(s) => s.to_owned(),
        None => p,
    }
}

/// A placeholder ghost id, replaced once every note is resolved.
pub(super) const GHOST_PENDING: GhostId = GhostId(u32::MAX);

pub(super) fn is_relative(path: &str) -> bool {
    path == "." || path == ".." || path.starts_with("./") || path.starts_with("../")
}

/// Resolves every link of every note. Each distinct link text is resolved
/// once: the answer only depends on the linking note when the text is
/// relative (`./x`) or matches several files (the tie-break prefers the
/// note's own folder), and those cases are resolved per link.
pub(super) fn resolve_all(loaded: &[Loaded], files: &FileIndex) -> Vec<Vec<(Target, u32)>> {
    let distinct: HashSet<&str> = loaded
        .par_iter()
        .fold(HashSet::default, |mut set, l| {
            set.extend(
                l.parsed
                    .links
                    .iter()
                    .map(|link| &*link.path)
                    .filter(|p| !p.is_empty() && !is_relative(p)),
            );
            set
        })
        .reduce(HashSet::default, |mut a, b| {
            if a.len() < b.len() {
                return merge(b, a);
            }
            a.extend(b);
            a
        });
    let shared: HashMap<&str, Resolution> =
        distinct.into_par_iter().map(|p| (p, files.resolve("", p))).collect();

    let target_of = |source: u32, link: &Link| -> (Target, u32) {
        let self_note = &loaded[source as usize];
        if link.path.is_empty() {
            let anchor = link
                .anchor
                .as_deref()
                .map_or(AnchorStatus::NotChecked, |a| anchor_status(self_note, a));
            return (Target::Note { note: NoteId(source), anchor }, 1);
        }
        let resolution = match shared.get(&*link.path) {
            Some(r @ (Resolution::Unresolved(_) | Resolution::Found { candidates: 1, .. })) => *r,
            _ => files.resolve(self_note.entry.path.parent(), &link.path),
        };
        match resolution {
            Resolution::Found { file, candidates } if file & ATTACHMENT_BIT == 0 => {
                let anchor = link
                    .anchor
                    .as_deref()
                    .map_or(AnchorStatus::NotChecked, |a| anchor_status(&loaded[file as usize], a));
                (Target::Note { note: NoteId(file), anchor }, candidates)
            }
            Resolution::Found { file, candidates } => {
                (Target::Attachment(AttachmentId(file & !ATTACHMENT_BIT)), candidates)
            }
            Resolution::Unresolved(reason) => {
                (Target::Unresolved { ghost: GHOST_PENDING, reason }, 0)
            }
        }
    };
    loaded
        .par_iter()
        .enumerate()
        .map(|(i, l)| l.parsed.links.iter().map(|link| target_of(i as u32, link)).collect())
        .collect()
}

pub(super) fn merge<'a>(mut big: HashSet<&'a str>, small: HashSet<&'a str>) -> HashSet<&'a str> {
    big.extend(small);
    big
}

/// Like [`assemble`], for a note whose links are resolved afterwards (a live
/// update): every target is a placeholder until then.
pub(super) fn assemble_note(root: &Path, l: Loaded) -> (Note, Vec<String>, Vec<Diagnostic>) {
    let pending = (Target::Unresolved { ghost: GHOST_PENDING, reason: Unresolved::NotFound }, 0);
    let targets = vec![pending; l.parsed.links.len()];
    assemble(root, l, targets)
}

/// Turns a loaded note and its resolved link targets into the kept [`Note`],
/// with the note's tag keys (computed here, in parallel) and diagnostics.
pub(super) fn assemble(
    root: &Path,
    l: Loaded,
    targets: Vec<(Target, u32)>,
) -> (Note, Vec<String>, Vec<Diagnostic>) {
    let stem = l.entry.path.stem().to_owned();
    let mut parsed = l.parsed;
    let title = parsed.title(&stem).to_owned();
    let aliases = parsed.front_matter.take().map(|fm| fm.aliases).unwrap_or_default();
    let links = parsed
        .links
        .into_iter()
        .zip(targets)
        .map(|(link, (target, candidates))| NoteLink { link, target, candidates })
        .collect();
    // Only a name that differs on disk (NFD Hangul, say) is worth remembering.
    let disk_path =
        (l.entry.disk_path != root.join(l.entry.path.as_str())).then_some(l.entry.disk_path);
    let note = Note {
        path: l.entry.path,
        disk_path,
        hash: l.hash,
        size: l.size,
        modified: l.modified,
        content: l.content,
        title,
        aliases,
        headings: parsed.headings,
        tags: parsed.tags,
        block_ids: parsed.block_ids,
        tasks: parsed.tasks,
        links,
        external_links: parsed.external_links,
    };
    let tag_keys = note.tags.iter().map(|t| tag_key(&t.name)).collect();
    (note, tag_keys, l.diagnostics)
}
