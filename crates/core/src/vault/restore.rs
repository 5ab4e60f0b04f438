//! Reopening a vault from its metadata cache: the notes as they were last
//! seen, with their links already resolved, then compared with the disk.
//!
//! A restored vault is exactly the vault that was cached; [`Vault::load_cached`]
//! then lists the folder, reads what changed, and applies the differences
//! with the same live-update code the watcher uses, so whatever happened
//! while the vault was closed is handled like a change seen while it was
//! open. Only when something changed are ids put back in path order. This
//! module reads the cache rows it is given and the folder through `update`;
//! it never writes.

use std::path::PathBuf;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;

use super::link::{assemble, GHOST_PENDING};
use super::read::{loaded_from, FileRead};
use super::{AnchorStatus, Attachment, Note, Target, Vault};
use crate::cache::{decode_targets, encode_targets, CachedFile, StoredTarget};
use crate::diagnostic::Diagnostic;
use crate::path::VaultPath;
use crate::resolve::Unresolved;
use crate::scan::ScanEntry;
use crate::tags::tag_key;
use crate::{AttachmentId, NoteId};

const NOTE: u8 = 0;
const ATTACHMENT: u8 = 1;
const NOT_FOUND: u8 = 2;
const ESCAPES: u8 = 3;

fn anchor_code(a: AnchorStatus) -> u8 {
    match a {
        AnchorStatus::NotChecked => 0,
        AnchorStatus::Found => 1,
        AnchorStatus::Broken => 2,
    }
}

fn anchor_of(code: u8) -> Option<AnchorStatus> {
    Some(match code {
        0 => AnchorStatus::NotChecked,
        1 => AnchorStatus::Found,
        2 => AnchorStatus::Broken,
        _ => return None,
    })
}

fn time_of(mtime_ns: u128) -> Option<SystemTime> {
    let ns = u64::try_from(mtime_ns).ok().filter(|&ns| ns > 0)?;
    UNIX_EPOCH.checked_add(Duration::from_nanos(ns))
}

/// A note restored from its row: the note, its tag keys, its diagnostics,
/// and whether its stored links could not be used.
type Restored = (Note, Vec<String>, Vec<Diagnostic>, bool);

impl Vault {
    /// The resolved links of a note, encoded for the cache.
    pub(super) fn stored_links(&self, id: NoteId) -> Vec<u8> {
        let note = self.note(id);
        encode_targets(note.links.iter().map(|l| {
            let (kind, anchor, path) = match l.target {
                Target::Note { note, anchor } => {
                    (NOTE, anchor_code(anchor), self.note(note).path.as_str())
                }
                Target::Attachment(a) => (ATTACHMENT, 0, self.attachment(a).path.as_str()),
                Target::Unresolved { reason: Unresolved::NotFound, .. } => (NOT_FOUND, 0, ""),
                Target::Unresolved { reason: Unresolved::EscapesVault, .. } => (ESCAPES, 0, ""),
            };
            StoredTarget { kind, anchor, candidates: l.candidates, path }
        }))
    }

    /// The vault as cached: `rows` (any order) with their stored links, and
    /// the attachments they may point at. Nothing is read from disk. Returns
    /// the notes whose stored links were missing or did not fit (they need
    /// resolving).
    pub(super) fn restore(
        root: PathBuf,
        mut rows: Vec<CachedFile>,
        mut attachment_paths: Vec<String>,
    ) -> (Vault, Vec<VaultPath>) {
        rows.par_sort_unstable_by(|a, b| a.path.cmp(&b.path));
        rows.dedup_by(|a, b| a.path == b.path);
        attachment_paths.sort_unstable();
        attachment_paths.dedup();
        let attachments: Vec<Attachment> = attachment_paths
            .iter()
            .filter_map(|p| VaultPath::new(p))
            .map(|path| Attachment { disk_path: root.join(path.as_str()), path })
            .collect();
        let keys: Vec<String> = rows.iter().map(|r| r.path.clone()).collect();
        let note_ids: HashMap<&str, u32> =
            keys.iter().enumerate().map(|(i, p)| (p.as_str(), i as u32)).collect();
        let attachment_ids: HashMap<&str, u32> =
            attachments.iter().enumerate().map(|(i, a)| (a.path.as_str(), i as u32)).collect();

        let target_of = |t: &StoredTarget<'_>| -> Option<Target> {
            Some(match t.kind {
                NOTE => Target::Note {
                    note: NoteId(*note_ids.get(t.path)?),
                    anchor: anchor_of(t.anchor)?,
                },
                ATTACHMENT => Target::Attachment(AttachmentId(*attachment_ids.get(t.path)?)),
                NOT_FOUND => {
                    Target::Unresolved { ghost: GHOST_PENDING, reason: Unresolved::NotFound }
                }
                ESCAPES => {
                    Target::Unresolved { ghost: GHOST_PENDING, reason: Unresolved::EscapesVault }
                }
                _ => return None,
            })
        };
        let restored: Vec<Option<Restored>> = rows
            .into_par_iter()
            .map(|row| {
                let path = VaultPath::new(&row.path)?;
                let links = row.links.as_deref().and_then(decode_targets).and_then(|stored| {
                    (stored.len() == row.parsed.links.len())
                        .then(|| {
                            stored.iter().map(|t| Some((target_of(t)?, t.candidates))).collect()
                        })
                        .flatten()
                });
                let stale = links.is_none();
                let targets: Vec<(Target, u32)> = links.unwrap_or_else(|| {
                    let pending =
                        Target::Unresolved { ghost: GHOST_PENDING, reason: Unresolved::NotFound };
                    vec![(pending, 0); row.parsed.links.len()]
                });
                let entry = ScanEntry { disk_path: root.join(path.as_str()), path };
                let diagnostics =
                    super::read::content_diagnostic(&entry.path, row.content, row.size)
                        .into_iter()
                        .collect();
                let read = FileRead {
                    parsed: row.parsed,
                    content: row.content,
                    size: row.size,
                    modified: time_of(row.mtime_ns),
                    hash: row.hash,
                };
                let loaded = loaded_from(entry, read, diagnostics, false);
                let (note, keys, diags) = assemble(&root, loaded, targets);
                Some((note, keys, diags, stale))
            })
            .collect();
        let mut notes = Vec::with_capacity(restored.len());
        let mut tag_keys = Vec::with_capacity(restored.len());
        let mut diagnostics = Vec::new();
        let mut stale = Vec::new();
        for (note, keys, diags, is_stale) in restored.into_iter().flatten() {
            if is_stale {
                stale.push(note.path.clone());
            }
            notes.push(note);
            tag_keys.push(keys);
            diagnostics.extend(diags);
        }
        (Vault::from_parts(root, notes, tag_keys, attachments, diagnostics, None), stale)
    }

    /// Puts notes and attachments back in path order (ids are handed out as
    /// files come and go during live updates; a load gives path order).
    pub(super) fn renumber_by_path(&mut self) {
        let mut note_order: Vec<u32> = (0..self.notes.len() as u32).collect();
        note_order.par_sort_unstable_by(|&a, &b| {
            self.notes[a as usize].path.cmp(&self.notes[b as usize].path)
        });
        let mut att_order: Vec<u32> = (0..self.attachments.len() as u32).collect();
        att_order.sort_unstable_by(|&a, &b| {
            self.attachments[a as usize].path.cmp(&self.attachments[b as usize].path)
        });
        let mut new_note = vec![0u32; note_order.len()];
        for (new, &old) in note_order.iter().enumerate() {
            new_note[old as usize] = new as u32;
        }
        let mut new_att = vec![0u32; att_order.len()];
        for (new, &old) in att_order.iter().enumerate() {
            new_att[old as usize] = new as u32;
        }
        let mut old_notes: Vec<Option<Note>> =
            std::mem::take(&mut self.notes).into_iter().map(Some).collect();
        let mut notes: Vec<Note> =
            note_order.iter().filter_map(|&old| old_notes[old as usize].take()).collect();
        notes.par_iter_mut().for_each(|note| {
            for l in &mut note.links {
                l.target = match l.target {
                    Target::Note { note, anchor } => {
                        Target::Note { note: NoteId(new_note[note.0 as usize]), anchor }
                    }
                    Target::Attachment(a) => {
                        Target::Attachment(AttachmentId(new_att[a.0 as usize]))
                    }
                    Target::Unresolved { reason, .. } => {
                        Target::Unresolved { ghost: GHOST_PENDING, reason }
                    }
                };
            }
        });
        let mut old_atts: Vec<Option<Attachment>> =
            std::mem::take(&mut self.attachments).into_iter().map(Some).collect();
        let attachments: Vec<Attachment> =
            att_order.iter().filter_map(|&old| old_atts[old as usize].take()).collect();
        let tag_keys: Vec<Vec<String>> =
            notes.par_iter().map(|n| n.tags.iter().map(|t| tag_key(&t.name)).collect()).collect();
        let diagnostics = std::mem::take(&mut self.diagnostics);
        let root = std::mem::take(&mut self.root);
        let linked_folders = std::mem::take(&mut self.linked_folders);
        let case_insensitive = self.case_insensitive;
        *self = Vault::from_parts(root, notes, tag_keys, attachments, diagnostics, None);
        self.linked_folders = linked_folders;
        self.case_insensitive = case_insensitive;
    }
}
