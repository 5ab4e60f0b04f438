//! Finding out what changed on disk: the paths a watcher reports (or the
//! whole folder, on reopen) are looked at, and become the file changes that
//! `update` applies.
//!
//! This is the only part of live updates that touches the disk: it lists
//! folders (through `scan`), stats notes, and reads the notes that changed
//! (through `read`). It never writes.

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::read::{load_one, Loaded};
use super::update::{is_listing_kind, FileChange, Update};
use super::{Content, Vault};
use crate::cache::CacheRow;
use crate::diagnostic::{Diagnostic, DiagnosticKind};
use crate::path::{nfc, VaultPath};
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
        let mut rels: Vec<String> = Vec::new();
        for p in paths {
            let Some(rel) = p
                .strip_prefix(&self.root)
                .ok()
                .or_else(|| real_root.as_deref().and_then(|r| p.strip_prefix(r).ok()))
            else {
                continue;
            };
            rels.push(match rel.to_str() {
                Some(s) => s.replace('\\', "/"),
                // A name that is not Unicode cannot be a note, but the scan
                // reports it: list its nearest nameable folder again.
                None => nameable_parent(rel),
            });
        }
        rels.retain(|rel| !rel.split('/').any(|c| c.starts_with('.')));
        rels.sort_unstable();
        rels.dedup();
        let mut changes: Vec<FileChange> = Vec::new();
        let mut seen: HashSet<VaultPath> = HashSet::default();
        let mut to_read: Vec<ScanEntry> = Vec::new();
        let mut names = Listings::new(self.case_insensitive());
        let mut folders: Option<HashSet<Box<str>>> = None;
        for rel in rels {
            let Some(path) = VaultPath::new(&rel) else {
                // The root itself: list everything again.
                self.rescan_into(&self.root.clone(), "", &mut changes, &mut to_read, &mut seen);
                continue;
            };
            let reported = self.root.join(&rel);
            // The name on disk, not the event's spelling: a case-only rename
            // on a case-insensitive disk, or the NFD copy of a name deleted
            // beside its NFC twin, must not keep or drop the wrong file.
            let alone = self.has_no_twin(&path, &reported);
            let found = names.locate(&reported, alone);
            match found.first() {
                Some((disk, m)) if m.is_file() => {
                    // A folder replaced by a file: what was under it is gone.
                    // (Which paths are folders is worked out once a batch,
                    // not by a pass over every file for each file named.)
                    let live = self.live();
                    let known_file = live.note_ids.contains_key(&path)
                        || live.attachment_ids.contains_key(&path);
                    if !known_file
                        && folders.get_or_insert_with(|| self.folders()).contains(path.as_str())
                    {
                        self.forget_under_folder(&path, &mut changes, &mut seen);
                    }
                    self.refresh_duplicates(&path, &found);
                    if seen.insert(path.clone()) {
                        let entry = ScanEntry { path, disk_path: disk.clone() };
                        if entry.path.is_markdown() {
                            to_read.push(entry);
                        } else {
                            changes.push(FileChange::Attachment(entry));
                        }
                    }
                }
                Some((disk, m)) if m.is_dir() => {
                    // A file replaced by a folder: the file is gone.
                    self.forget_file(&path, &mut changes, &mut seen);
                    let disk = disk.clone();
                    self.rescan_into(&disk, path.as_str(), &mut changes, &mut to_read, &mut seen)
                }
                _ => {
                    self.refresh_duplicates(&path, &[]);
                    self.forget_under(&path, &mut changes, &mut seen)
                }
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
        crate::diagnostic::sort(&mut self.diagnostics);
        update
    }

    /// Whether the file reported at `disk` (vault path `path`) is sure to
    /// have no NFC twin (another name on disk equal to it in NFC): its name
    /// is NFC, and the vault either does not know the path or knows it at
    /// this very name, with no twin reported. A twin appearing beside it is
    /// reported by its own (differently spelled) name, which is not sure.
    fn has_no_twin(&mut self, path: &VaultPath, disk: &Path) -> bool {
        let Some(name) = disk.file_name().and_then(|n| n.to_str()) else { return false };
        if !matches!(nfc(name), std::borrow::Cow::Borrowed(_)) {
            return false;
        }
        if self
            .diagnostics
            .iter()
            .any(|d| d.kind == DiagnosticKind::DuplicatePath && d.path == path.as_str())
        {
            return false;
        }
        let live = self.live();
        let known = match (live.note_ids.get(path), live.attachment_ids.get(path)) {
            (Some(&id), _) => Some(self.disk_path(id)),
            (None, Some(&id)) => Some(self.attachments[id.0 as usize].disk_path.clone()),
            (None, None) => None,
        };
        known.is_none_or(|known| known == disk)
    }

    /// Every folder that holds a known file, at any depth.
    fn folders(&self) -> HashSet<Box<str>> {
        let mut out: HashSet<Box<str>> = HashSet::default();
        let paths =
            self.notes.iter().map(|n| &n.path).chain(self.attachments.iter().map(|a| &a.path));
        for p in paths {
            let p = p.as_str();
            for (i, _) in p.rmatch_indices('/') {
                if !out.insert(p[..i].into()) {
                    // Its parents are in already.
                    break;
                }
            }
        }
        out
    }

    /// Whether the vault's disk ignores case in names (macOS, Windows by
    /// default), found once by asking for a note under another case.
    fn case_insensitive(&mut self) -> bool {
        if let Some(known) = self.case_insensitive {
            return known;
        }
        let probe = self.notes.iter().find_map(|n| {
            let name = n.path.file_name();
            let swapped: String =
                name.chars()
                    .map(|c| {
                        if c.is_lowercase() {
                            c.to_ascii_uppercase()
                        } else {
                            c.to_ascii_lowercase()
                        }
                    })
                    .collect();
            (swapped != name).then(|| (self.disk_path_of(n), swapped))
        });
        // With no name to try, assume the worst: names are checked by listing.
        let known = probe.is_none_or(|(disk, swapped)| {
            let other = disk.with_file_name(swapped);
            match (std::fs::metadata(&disk), std::fs::metadata(&other)) {
                (Ok(a), Ok(b)) => same_file(&a, &b),
                _ => false,
            }
        });
        self.case_insensitive = Some(known);
        known
    }

    /// Keeps the `duplicate_path` diagnostics of `path` in step with the
    /// files on disk that carry its name (`found`, the kept one first), as a
    /// fresh scan reports them.
    fn refresh_duplicates(&mut self, path: &VaultPath, found: &[(PathBuf, std::fs::Metadata)]) {
        self.diagnostics
            .retain(|d| !(d.kind == DiagnosticKind::DuplicatePath && d.path == path.as_str()));
        let kind_of = |m: &std::fs::Metadata| m.is_file();
        let Some((_, first)) = found.first() else { return };
        for (disk, m) in &found[1..] {
            if kind_of(m) == kind_of(first) && m.is_file() {
                let entry = ScanEntry { path: path.clone(), disk_path: disk.clone() };
                self.diagnostics.push(scan::duplicate_diagnostic(&entry));
            }
        }
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
        let folder = format!("{prefix}/");
        let under = |p: &VaultPath| prefix.is_empty() || p.as_str().starts_with(&folder);
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
        // The folder's own entry counts: a loop or an unreadable folder is
        // reported at its path.
        let under_str = |p: &str| prefix.is_empty() || p == prefix || p.starts_with(&folder);
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
        self.linked_folders.retain(|(rel, _)| !(under_str(rel)));
        self.linked_folders.extend(listed.linked_folders);
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
        self.forget_file(path, changes, seen);
        self.forget_under_folder(path, changes, seen);
    }

    /// Queues the removal of the file at `path`, if there is one.
    fn forget_file(
        &mut self,
        path: &VaultPath,
        changes: &mut Vec<FileChange>,
        seen: &mut HashSet<VaultPath>,
    ) {
        let live = self.live();
        let known = live.note_ids.contains_key(path) || live.attachment_ids.contains_key(path);
        if known && seen.insert(path.clone()) {
            changes.push(FileChange::Removed(path.clone()));
        }
    }

    /// Queues the removal of every file under the folder `path`.
    fn forget_under_folder(
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
            .filter(|p| p.as_str().starts_with(&folder))
            .cloned()
            .collect();
        for p in gone {
            if seen.insert(p.clone()) {
                changes.push(FileChange::Removed(p));
            }
        }
        // What listing the folder reported (loops, odd names) went with it.
        self.diagnostics.retain(|d| !d.path.starts_with(&folder));
        self.linked_folders.retain(|(rel, _)| rel != path.as_str() && !rel.starts_with(&folder));
    }
}

/// The nearest folder of `rel` (a vault-relative path with a name that is
/// not Unicode) whose path is Unicode; `""` for the root.
fn nameable_parent(rel: &Path) -> String {
    let mut at = rel.parent();
    while let Some(p) = at {
        if let Some(s) = p.to_str() {
            return s.replace('\\', "/");
        }
        at = p.parent();
    }
    String::new()
}

fn same_file(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        a.dev() == b.dev() && a.ino() == b.ino()
    }
    #[cfg(not(unix))]
    {
        a.len() == b.len() && a.modified().ok() == b.modified().ok() && a.is_dir() == b.is_dir()
    }
}

/// Folder listings taken during one refresh, so that checking the real
/// names of many files in one folder lists it once.
struct Listings {
    /// When false (a case-sensitive disk), a name found by `stat` is the name
    /// on disk unless it could have an NFC twin (non-ASCII).
    case_insensitive: bool,
    folders: HashMap<PathBuf, Vec<OsString>>,
}

impl Listings {
    fn new(case_insensitive: bool) -> Listings {
        Listings { case_insensitive, folders: HashMap::default() }
    }

    /// The files on disk whose name is `reported`'s name, exactly, once
    /// both are in NFC: the one a scan keeps first (the smallest name on
    /// disk), then its NFC twins. Empty when there is none.
    /// `alone`: the caller knows the name cannot have an NFC twin on disk
    /// (see `Vault::has_no_twin`); then, on a case-sensitive disk, a name
    /// that `stat` finds is the name the disk holds, and the folder (which
    /// may hold thousands of notes) is not listed.
    fn locate(&mut self, reported: &Path, alone: bool) -> Vec<(PathBuf, std::fs::Metadata)> {
        let (Some(parent), Some(name)) = (reported.parent(), reported.file_name()) else {
            return Vec::new();
        };
        let stat = std::fs::metadata(reported);
        if !self.case_insensitive && stat.is_ok() && alone {
            // The common case: the name is what the disk holds.
            return stat.map(|m| vec![(reported.to_owned(), m)]).unwrap_or_default();
        }
        let listing = self.folders.entry(parent.to_owned()).or_insert_with(|| {
            std::fs::read_dir(parent)
                .map(|entries| entries.flatten().map(|e| e.file_name()).collect())
                .unwrap_or_default()
        });
        let mut matching: Vec<&OsString> = listing.iter().filter(|n| same_name(n, name)).collect();
        matching.sort_by(|a, b| a.as_encoded_bytes().cmp(b.as_encoded_bytes()));
        matching
            .into_iter()
            .filter_map(|n| {
                let disk = parent.join(n);
                std::fs::metadata(&disk).ok().map(|m| (disk, m))
            })
            .collect()
    }
}

/// Whether two names on disk name the same vault path: equal once in NFC,
/// case included.
fn same_name(on_disk: &OsStr, reported: &OsStr) -> bool {
    match (on_disk.to_str(), reported.to_str()) {
        (Some(a), Some(b)) => a == b || nfc(a) == nfc(b),
        _ => on_disk == reported,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_on_disk_are_compared_exactly_in_nfc() {
        let nfd = "\u{1106}\u{1167}\u{11ab}\u{110c}\u{1165}\u{11b8}.md";
        let check = |a: &str, b: &str, expect: bool| {
            assert_eq!(same_name(OsStr::new(a), OsStr::new(b)), expect, "{a:?} vs {b:?}");
        };
        check("Note.md", "Note.md", true);
        // After `note.md` -> `Note.md` on a case-insensitive disk, the old
        // spelling still stats, but it is not the name on disk.
        check("Note.md", "note.md", false);
        check("면접.md", nfd, true);
        check(nfd, "면접.md", true);
        check("면접.md", "면접 .md", false);
    }
}
