//! Scanning: listing the notes and attachments of a vault folder.
//!
//! This is one of the few modules that touch the disk, and it only lists
//! folders; it neither reads nor stats files (the file type comes with the
//! folder listing), which keeps a 100k-note scan close to `find`. Like Obsidian
//! it skips hidden files and folders (`.obsidian`, `.git`, `.trash`). It
//! follows symbolic links, but lists each real folder once (by device and
//! inode): a link back to an ancestor, or to a folder already listed under
//! another path, is a `symlink_loop` diagnostic, not a second copy. A folder
//! it cannot read becomes a diagnostic, never a failure of the whole scan.
//! Sub-folders are listed in parallel; the outcome does not depend on the
//! order threads finish in.

use std::ffi::OsStr;
use std::fs::{self, FileType};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, DiagnosticKind};
use crate::error::VaultError;
use crate::path::VaultPath;

/// One file found in the vault.
#[derive(Debug, Clone)]
pub struct ScanEntry {
    pub path: VaultPath,
    /// Where the file is on disk. Differs from `root/path` when the name on
    /// disk is not NFC (macOS writes Hangul in NFD).
    pub disk_path: PathBuf,
}

#[derive(Debug, Default)]
pub struct Scan {
    /// Markdown notes, sorted by path.
    pub notes: Vec<ScanEntry>,
    /// Every other file, sorted by path.
    pub attachments: Vec<ScanEntry>,
    pub diagnostics: Vec<Diagnostic>,
    /// A symbolic link to a folder was met (followed or not).
    pub links_followed: bool,
    /// The symbolic links to folders that were followed: their vault path
    /// and the real folder listed through them (a watcher must watch those
    /// folders too, and report what changes there under the link's path).
    pub linked_folders: Vec<(String, PathBuf)>,
}

fn is_hidden(name: &OsStr) -> bool {
    name.as_encoded_bytes().first() == Some(&b'.')
}

/// A folder to list: where it is on disk and its vault-relative name.
struct Folder {
    disk: PathBuf,
    rel: String,
}

/// What identifies a real folder however it is reached: device and inode
/// on Unix, the canonical path elsewhere.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum FolderId {
    #[cfg(unix)]
    Inode(u64, u64),
    #[cfg(not(unix))]
    Path(PathBuf),
}

fn folder_id(disk: &Path, meta: &fs::Metadata) -> Option<FolderId> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let _ = disk;
        Some(FolderId::Inode(meta.dev(), meta.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        fs::canonicalize(disk).ok().map(FolderId::Path)
    }
}

/// The real folders listed so far, each with the vault path it is listed
/// under. A real folder is listed once, however many symbolic links lead to
/// it: links between sibling folders would otherwise list the same notes
/// under ever longer paths (exponentially many with two links per folder).
#[derive(Default)]
struct Claims(std::sync::Mutex<std::collections::HashMap<FolderId, String>>);

impl Claims {
    /// Claims `id` for `rel`; on failure, the path that holds it.
    fn claim(&self, id: FolderId, rel: &str) -> Result<(), String> {
        let mut map = self.0.lock().unwrap_or_else(|e| e.into_inner());
        match map.get(&id) {
            Some(holder) => Err(holder.clone()),
            None => {
                map.insert(id, rel.to_owned());
                Ok(())
            }
        }
    }
}

/// A symbolic link to a folder, found while listing and followed only
/// after every real folder is claimed.
struct PendingLink {
    folder: Folder,
    id: FolderId,
}

/// Lists the vault at `root`. Fails only when `root` itself is not a readable
/// folder.
pub fn scan(root: &Path) -> Result<Scan, VaultError> {
    check_root(root)?;
    let mut out = walk(root, Folder { disk: root.to_owned(), rel: String::new() });
    out.notes.par_sort_unstable_by(entry_order);
    out.attachments.par_sort_unstable_by(entry_order);
    for list in [&mut out.notes, &mut out.attachments] {
        remove_duplicates(list, &mut out.diagnostics);
    }
    crate::diagnostic::sort(&mut out.diagnostics);
    Ok(out)
}

/// Path order; two disk names with the same NFC path in byte order of the
/// name on disk, so which copy is kept does not depend on listing order.
fn entry_order(a: &ScanEntry, b: &ScanEntry) -> std::cmp::Ordering {
    a.path.cmp(&b.path).then_with(|| {
        a.disk_path.as_os_str().as_encoded_bytes().cmp(b.disk_path.as_os_str().as_encoded_bytes())
    })
}

/// Lists `top` and everything under it: first every real folder (in
/// parallel), then the symbolic links to folders found on the way, shallowest
/// first and in path order, each followed only if its real folder was not
/// listed yet. Real paths therefore always win over links, and the outcome
/// does not depend on thread timing.
fn walk(root: &Path, top: Folder) -> Scan {
    let claims = Claims::default();
    let mut out = Scan::default();
    // The vault root and every folder above it: a link to any of them loops.
    let mut ancestor = fs::canonicalize(root).ok();
    let mut first = true;
    while let Some(dir) = ancestor {
        if let Some(id) = fs::metadata(&dir).ok().and_then(|m| folder_id(&dir, &m)) {
            let holder = if first { String::new() } else { format!("{}", dir.display()) };
            let _ = claims.claim(id, &holder);
        }
        first = false;
        ancestor = dir.parent().map(Path::to_owned);
    }
    let mut tops = Vec::new();
    match fs::metadata(&top.disk) {
        Ok(m) => match folder_id(&top.disk, &m) {
            Some(_) if top.rel.is_empty() => tops.push(top),
            Some(id) => match claims.claim(id, &top.rel) {
                Ok(()) => tops.push(top),
                Err(holder) => out.diagnostics.push(loop_diagnostic(&top.rel, &holder)),
            },
            None => tops.push(top),
        },
        Err(e) => out.diagnostics.push(unlistable(&top.rel, &e)),
    }
    let mut pending: Vec<PendingLink> = Vec::new();
    while !tops.is_empty() {
        let listed: Vec<(Scan, Vec<PendingLink>)> =
            tops.into_par_iter().map(|f| list(f, &claims)).collect();
        for (scan, links) in listed {
            out.notes.extend(scan.notes);
            out.attachments.extend(scan.attachments);
            out.diagnostics.extend(scan.diagnostics);
            pending.extend(links);
        }
        pending.sort_by(|a, b| {
            let depth = |l: &PendingLink| l.folder.rel.matches('/').count();
            (depth(a), &a.folder.rel).cmp(&(depth(b), &b.folder.rel))
        });
        tops = Vec::new();
        for link in pending.drain(..) {
            match claims.claim(link.id, &link.folder.rel) {
                Ok(()) => {
                    if let Ok(real) = fs::canonicalize(&link.folder.disk) {
                        out.linked_folders.push((link.folder.rel.clone(), real));
                    }
                    tops.push(link.folder)
                }
                Err(holder) => out.diagnostics.push(loop_diagnostic(&link.folder.rel, &holder)),
            }
        }
    }
    out
}

fn loop_diagnostic(rel: &str, holder: &str) -> Diagnostic {
    let message = if holder.is_empty() {
        "symbolic link leads back to the vault folder; not followed".to_owned()
    } else if holder.starts_with('/') || holder.contains(':') {
        format!("symbolic link leads to {holder}, which holds the vault; not followed")
    } else {
        format!("symbolic link leads to a folder already listed as {holder}; not followed")
    };
    diagnostic(DiagnosticKind::SymlinkLoop, rel, message)
}

/// Checks that `root` is a readable folder; returns its real location.
pub fn check_root(root: &Path) -> Result<PathBuf, VaultError> {
    let meta = fs::metadata(root).map_err(|source| match source.kind() {
        std::io::ErrorKind::NotFound => VaultError::NotFound { path: root.to_owned() },
        _ => VaultError::Io { path: root.to_owned(), source },
    })?;
    if !meta.is_dir() {
        return Err(VaultError::NotADirectory { path: root.to_owned() });
    }
    let real = fs::canonicalize(root)
        .map_err(|source| VaultError::Io { path: root.to_owned(), source })?;
    fs::read_dir(root).map_err(|source| VaultError::Io { path: root.to_owned(), source })?;
    Ok(real)
}

/// Lists one folder of the vault (`disk`, whose vault path is `prefix`) and
/// everything under it, as [`scan`] would list that part of the vault. Used
/// when a folder appears or moves while the vault is open. Where symbolic
/// links to folders are involved, which path lists a real folder depends on
/// the whole vault, so then the whole vault is listed and cut to `prefix`.
pub fn scan_folder(root: &Path, disk: &Path, prefix: &str) -> Scan {
    let mut out = walk(root, Folder { disk: disk.to_owned(), rel: prefix.to_owned() });
    let links_involved = out.links_followed
        || out.diagnostics.iter().any(|d| d.kind == DiagnosticKind::SymlinkLoop)
        || fs::symlink_metadata(disk).is_ok_and(|m| m.file_type().is_symlink());
    if links_involved && !prefix.is_empty() {
        let Ok(mut all) = scan(root) else { return Scan::default() };
        let under = |p: &str| p == prefix || p.starts_with(&format!("{prefix}/"));
        all.notes.retain(|e| under(e.path.as_str()));
        all.attachments.retain(|e| under(e.path.as_str()));
        all.diagnostics.retain(|d| under(&d.path));
        all.linked_folders.retain(|(rel, _)| under(rel));
        return all;
    }
    out.notes.sort_unstable_by(entry_order);
    out.attachments.sort_unstable_by(entry_order);
    for list in [&mut out.notes, &mut out.attachments] {
        remove_duplicates(list, &mut out.diagnostics);
    }
    crate::diagnostic::sort(&mut out.diagnostics);
    out
}

/// What is reported for `entry`, a second file on disk whose name equals
/// another's in NFC.
pub(crate) fn duplicate_diagnostic(entry: &ScanEntry) -> Diagnostic {
    Diagnostic {
        kind: DiagnosticKind::DuplicatePath,
        path: entry.path.to_string(),
        pos: None,
        message: format!(
            "{} and another file have the same name in Unicode NFC; only one is used",
            entry.disk_path.display()
        ),
    }
}

/// Two names that differ on disk but are equal in NFC (an NFC and an NFD copy
/// of one Hangul name) cannot both be linked to; the first one is kept.
fn remove_duplicates(list: &mut Vec<ScanEntry>, diagnostics: &mut Vec<Diagnostic>) {
    let mut kept: Vec<ScanEntry> = Vec::with_capacity(list.len());
    for entry in list.drain(..) {
        match kept.last() {
            Some(prev) if prev.path == entry.path => diagnostics.push(duplicate_diagnostic(&entry)),
            _ => kept.push(entry),
        }
    }
    *list = kept;
}

fn diagnostic(kind: DiagnosticKind, rel: &str, message: String) -> Diagnostic {
    Diagnostic { kind, path: rel.to_owned(), pos: None, message }
}

fn unlistable(rel: &str, e: &std::io::Error) -> Diagnostic {
    diagnostic(DiagnosticKind::Unreadable, rel, format!("cannot list folder: {e}"))
}

/// Lists one folder, then its real sub-folders in parallel; symbolic links
/// to folders are returned, to be followed once every real folder is known.
fn list(folder: Folder, claims: &Claims) -> (Scan, Vec<PendingLink>) {
    let mut out = Scan::default();
    let mut links = Vec::new();
    let entries = match fs::read_dir(&folder.disk) {
        Ok(e) => e,
        Err(e) => {
            out.diagnostics.push(unlistable(&folder.rel, &e));
            return (out, links);
        }
    };
    let mut subfolders: Vec<Folder> = Vec::new();
    for entry in entries {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                out.diagnostics.push(unlistable(&folder.rel, &e));
                continue;
            }
        };
        let name = entry.file_name();
        if is_hidden(&name) {
            continue;
        }
        let disk = entry.path();
        let Some(name_str) = name.to_str() else {
            let rel = format!("{}/{}", folder.rel, name.to_string_lossy());
            out.diagnostics.push(diagnostic(
                DiagnosticKind::NonUnicodeName,
                rel.trim_start_matches('/'),
                "file name is not valid Unicode; it is skipped".to_owned(),
            ));
            continue;
        };
        let rel = if folder.rel.is_empty() {
            name_str.to_owned()
        } else {
            format!("{}/{name_str}", folder.rel)
        };
        let Ok(file_type) = entry.file_type() else {
            out.diagnostics.push(diagnostic(
                DiagnosticKind::Unreadable,
                &rel,
                "cannot tell what kind of file this is".to_owned(),
            ));
            continue;
        };
        match classify(&disk, &rel, file_type, &mut out.diagnostics) {
            Kind::File => {
                if let Some(path) = VaultPath::new(&rel) {
                    let item = ScanEntry { path, disk_path: disk };
                    if item.path.is_markdown() {
                        out.notes.push(item);
                    } else {
                        out.attachments.push(item);
                    }
                }
            }
            Kind::Folder(id) => match claims.claim(id, &rel) {
                Ok(()) => subfolders.push(Folder { disk, rel }),
                // Already claimed by a link followed in an earlier round (or
                // reached twice through a bind mount).
                Err(holder) => out.diagnostics.push(loop_diagnostic(&rel, &holder)),
            },
            Kind::Link(id) => {
                out.links_followed = true;
                links.push(PendingLink { folder: Folder { disk, rel }, id });
            }
            Kind::Skip => {}
        }
    }
    let nested: Vec<(Scan, Vec<PendingLink>)> =
        subfolders.into_par_iter().map(|f| list(f, claims)).collect();
    for (n, l) in nested {
        out.notes.extend(n.notes);
        out.attachments.extend(n.attachments);
        out.diagnostics.extend(n.diagnostics);
        out.links_followed |= n.links_followed;
        links.extend(l);
    }
    (out, links)
}

enum Kind {
    File,
    /// A real folder.
    Folder(FolderId),
    /// A symbolic link to a folder.
    Link(FolderId),
    Skip,
}

/// Decides what a folder entry is, following symbolic links. A link to
/// nothing is reported and skipped.
fn classify(disk: &Path, rel: &str, file_type: FileType, diags: &mut Vec<Diagnostic>) -> Kind {
    if file_type.is_file() {
        return Kind::File;
    }
    if !file_type.is_dir() && !file_type.is_symlink() {
        return Kind::Skip;
    }
    let meta = match fs::metadata(disk) {
        Ok(m) => m,
        Err(e) => {
            let what = if file_type.is_symlink() { "follow symbolic link" } else { "open folder" };
            diags.push(diagnostic(DiagnosticKind::Unreadable, rel, format!("cannot {what}: {e}")));
            return Kind::Skip;
        }
    };
    if meta.is_file() {
        return Kind::File;
    }
    if !meta.is_dir() {
        return Kind::Skip;
    }
    let Some(id) = folder_id(disk, &meta) else {
        diags.push(diagnostic(
            DiagnosticKind::Unreadable,
            rel,
            "cannot tell where this folder really is".to_owned(),
        ));
        return Kind::Skip;
    };
    if file_type.is_symlink() {
        Kind::Link(id)
    } else {
        Kind::Folder(id)
    }
}
