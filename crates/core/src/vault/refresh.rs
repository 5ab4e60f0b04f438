//! Finding out what changed on disk: the paths a watcher reports (or the
//! whole folder, on reopen) are looked at, and become the file changes that
//! `update` applies.
//!
//! This is the only part of live updates that touches the disk: it lists
//! folders (through `scan`), stats notes, and reads the notes that changed
//! (through `read`). It never writes.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use rustc_hash::FxHashSet as HashSet;

use super::read::{load_one, Loaded};
use super::update::{is_listing_kind, FileChange, Update};
use super::{Content, Vault};
use crate::cache::CacheRow;
use crate::diagnostic::{Diagnostic, DiagnosticKind};
use crate::path::VaultPath;
use crate::scan::{self, ScanEntry};
use crate::{AttachmentId, NoteId};

impl Vault {
    /// Brings the vault in step with the disk for `paths` (absolute paths
    /// under the root, as a file watcher reports them): each one is read
    /// again if it is a file, listed again if it is a folder, and forgotten
    /// (with everything under it) if it is gone.
    pub fn refresh(&mut self, paths: &[PathBuf]) -> Update {
        self.refresh_and_relink(paths, &[])
    }

    /// [`Vault::refresh`], also resolving the links of `relink` again.
    pub(super) fn refresh_and_relink(&mut self, paths: &[PathBuf], relink: &[VaultPath]) -> Update {
        // A watcher may report absolute paths for a root given as relative.
        let real_root = std::fs::canonicalize(&self.root).ok();
        let mut rels: Vec<String> = paths
            .iter()
            .filter_map(|p| {
                p.strip_prefix(&self.root)
                    .ok()
                    .or_else(|| real_root.as_deref().and_then(|r| p.strip_prefix(r).ok()))
            })
            .filter_map(|p| p.to_str().map(|s| s.replace('\\', "/")))
            .filter(|rel| !rel.split('/').any(|c| c.starts_with('.')))
            .collect();
        rels.sort_unstable();
        rels.dedup();
        let mut changes: Vec<FileChange> = Vec::new();
        let mut seen: HashSet<VaultPath> = HashSet::default();
        let mut to_read: Vec<ScanEntry> = Vec::new();
        for rel in rels {
            let disk = self.root.join(&rel);
            let Some(path) = VaultPath::new(&rel) else {
                // The root itself: list everything again.
                self.rescan_into(&self.root.clone(), "", &mut changes, &mut to_read, &mut seen);
                continue;
            };
            match std::fs::metadata(&disk) {
                Ok(m) if m.is_file() => {
                    if seen.insert(path.clone()) {
                        let entry = ScanEntry { path, disk_path: disk };
                        if entry.path.is_markdown() {
                            to_read.push(entry);
                        } else {
                            changes.push(FileChange::Attachment(entry));
                        }
                    }
                }
                Ok(m) if m.is_dir() => {
                    self.rescan_into(&disk, path.as_str(), &mut changes, &mut to_read, &mut seen)
                }
                _ => self.forget_under(&path, &mut changes, &mut seen),
            }
        }
        let read: Vec<(Loaded, Option<CacheRow>)> =
            to_read.into_par_iter().map(|e| load_one(e, None)).collect();
        let mut rows = Vec::with_capacity(read.len());
        for (loaded, row) in read {
            rows.extend(row);
            changes.push(FileChange::Note(Box::new(loaded)));
        }
        let mut update = self.apply(changes, relink);
        update.cache_rows = rows;
        update
    }

    /// Lists the folder `disk` (vault path `prefix`) and queues what is new
    /// in it and what is gone from it. Files already known are read again
    /// only if their size or modification time changed.
    fn rescan_into(
        &mut self,
        disk: &Path,
        prefix: &str,
        changes: &mut Vec<FileChange>,
        to_read: &mut Vec<ScanEntry>,
        seen: &mut HashSet<VaultPath>,
    ) {
        let listed = scan::scan_folder(&self.root, disk, prefix);
        let mut present: HashSet<&VaultPath> = HashSet::default();
        for entry in listed.notes.iter().chain(&listed.attachments) {
            present.insert(&entry.path);
        }
        let under =
            |p: &VaultPath| prefix.is_empty() || p.as_str().starts_with(&format!("{prefix}/"));
        let gone: Vec<VaultPath> = self
            .notes
            .iter()
            .map(|n| &n.path)
            .chain(self.attachments.iter().map(|a| &a.path))
            .filter(|p| under(p) && !present.contains(p))
            .cloned()
            .collect();
        for p in gone {
            if seen.insert(p.clone()) {
                changes.push(FileChange::Removed(p));
            }
        }
        // Problems with the listing itself (loops, unreadable folders, odd
        // names) are replaced by what this listing found.
        let under_str = |p: &str| prefix.is_empty() || p.starts_with(&format!("{prefix}/"));
        let root = self.root.clone();
        let mut diagnostics = std::mem::take(&mut self.diagnostics);
        let live = self.live();
        let from_listing = |d: &Diagnostic| {
            is_listing_kind(d.kind)
                || (d.kind == DiagnosticKind::Unreadable
                    && !VaultPath::new(&d.path).is_some_and(|p| live.note_ids.contains_key(&p)))
        };
        diagnostics.retain(|d| !(under_str(&d.path) && from_listing(d)));
        diagnostics.extend(listed.diagnostics);
        self.diagnostics = diagnostics;
        let live = self.live();
        let mut stale_notes = Vec::new();
        let mut moved_on_disk: Vec<(NoteId, PathBuf)> = Vec::new();
        for entry in listed.notes {
            if seen.contains(&entry.path) {
                continue;
            }
            let known = live.note_ids.get(&entry.path).copied();
            if let Some(id) = known {
                if entry.disk_path != root.join(entry.path.as_str()) {
                    moved_on_disk.push((id, entry.disk_path.clone()));
                }
            }
            stale_notes.push((entry, known));
        }
        let mut attachment_disk: Vec<(AttachmentId, PathBuf)> = Vec::new();
        for entry in listed.attachments {
            match live.attachment_ids.get(&entry.path).copied() {
                Some(id) => attachment_disk.push((id, entry.disk_path)),
                None => {
                    if seen.insert(entry.path.clone()) {
                        changes.push(FileChange::Attachment(entry));
                    }
                }
            }
        }
        // A name on disk that is not NFC (macOS Hangul) is remembered.
        for (id, disk) in moved_on_disk {
            self.notes[id.0 as usize].disk_path = Some(disk);
        }
        for (id, disk) in attachment_disk {
            self.attachments[id.0 as usize].disk_path = disk;
        }
        // Size and time of every known note, in parallel: the one part of a
        // reopen that grows with the vault and cannot come from the cache.
        let notes = &self.notes;
        let unchanged: Vec<bool> = stale_notes
            .par_iter()
            .map(|(entry, known)| {
                known.is_some_and(|id| {
                    let note = &notes[id.0 as usize];
                    note.content != Content::Unreadable
                        && std::fs::metadata(&entry.disk_path).is_ok_and(|m| {
                            m.len() == note.size && m.modified().ok() == note.modified
                        })
                })
            })
            .collect();
        for ((entry, _), same) in stale_notes.into_iter().zip(unchanged) {
            if !same && seen.insert(entry.path.clone()) {
                to_read.push(entry);
            }
        }
    }

    /// Queues the removal of `path` and, if it was a folder, of every file
    /// under it.
    fn forget_under(
        &mut self,
        path: &VaultPath,
        changes: &mut Vec<FileChange>,
        seen: &mut HashSet<VaultPath>,
    ) {
        let folder = format!("{}/", path.as_str());
        let gone: Vec<VaultPath> = self
            .notes
            .iter()
            .map(|n| &n.path)
            .chain(self.attachments.iter().map(|a| &a.path))
            .filter(|p| *p == path || p.as_str().starts_with(&folder))
            .cloned()
            .collect();
        for p in gone {
            if seen.insert(p.clone()) {
                changes.push(FileChange::Removed(p));
            }
        }
    }
}
