//! Scanning: listing the notes and attachments of a vault folder.
//!
//! This is one of the few modules that touch the disk, and it only lists
//! folders; it neither reads nor stats files (the file type comes with the
//! folder listing), which keeps a 100k-note scan close to `find`. Like Obsidian
//! it skips hidden files and folders (`.obsidian`, `.git`, `.trash`). It
//! follows symbolic links but never into one of its own ancestors (a loop),
//! and a folder it cannot read becomes a diagnostic, never a failure of the
//! whole scan. Sub-folders are listed in parallel.

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
}

fn is_hidden(name: &OsStr) -> bool {
    name.as_encoded_bytes().first() == Some(&b'.')
}

/// A folder to list: where it is on disk, its vault-relative name, and its
/// real location (to recognise a symlink that points back at an ancestor).
struct Folder {
    disk: PathBuf,
    rel: String,
    real: PathBuf,
}

/// Lists the vault at `root`. Fails only when `root` itself is not a readable
/// folder.
pub fn scan(root: &Path) -> Result<Scan, VaultError> {
    let real = check_root(root)?;
    let mut out = list(Folder { disk: root.to_owned(), rel: String::new(), real });
    out.notes.par_sort_unstable_by(|a, b| a.path.cmp(&b.path));
    out.attachments.par_sort_unstable_by(|a, b| a.path.cmp(&b.path));
    for list in [&mut out.notes, &mut out.attachments] {
        remove_duplicates(list, &mut out.diagnostics);
    }
    out.diagnostics.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
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
/// when a folder appears or moves while the vault is open.
pub fn scan_folder(root: &Path, disk: &Path, prefix: &str) -> Scan {
    let Ok(real) = fs::canonicalize(disk) else { return Scan::default() };
    // A folder that resolves to one of the vault's own ancestors is a loop.
    if fs::canonicalize(root).is_ok_and(|r| r.starts_with(&real) && r != real) {
        return Scan::default();
    }
    let mut out = list(Folder { disk: disk.to_owned(), rel: prefix.to_owned(), real });
    out.notes.sort_unstable_by(|a, b| a.path.cmp(&b.path));
    out.attachments.sort_unstable_by(|a, b| a.path.cmp(&b.path));
    for list in [&mut out.notes, &mut out.attachments] {
        remove_duplicates(list, &mut out.diagnostics);
    }
    out
}

/// Two names that differ on disk but are equal in NFC (an NFC and an NFD copy
/// of one Hangul name) cannot both be linked to; the first one is kept.
fn remove_duplicates(list: &mut Vec<ScanEntry>, diagnostics: &mut Vec<Diagnostic>) {
    let mut kept: Vec<ScanEntry> = Vec::with_capacity(list.len());
    for entry in list.drain(..) {
        match kept.last() {
            Some(prev) if prev.path == entry.path => diagnostics.push(Diagnostic {
                kind: DiagnosticKind::DuplicatePath,
                path: entry.path.to_string(),
                pos: None,
                message: format!(
                    "{} and another file have the same name in Unicode NFC; only one is used",
                    entry.disk_path.display()
                ),
            }),
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

/// Lists one folder, then its sub-folders in parallel.
fn list(folder: Folder) -> Scan {
    let mut out = Scan::default();
    let entries = match fs::read_dir(&folder.disk) {
        Ok(e) => e,
        Err(e) => {
            out.diagnostics.push(unlistable(&folder.rel, &e));
            return out;
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
        match classify(&disk, &rel, file_type, &folder, &mut out.diagnostics) {
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
            Kind::Folder(real) => subfolders.push(Folder { disk, rel, real }),
            Kind::Skip => {}
        }
    }
    let nested: Vec<Scan> = subfolders.into_par_iter().map(list).collect();
    for n in nested {
        out.notes.extend(n.notes);
        out.attachments.extend(n.attachments);
        out.diagnostics.extend(n.diagnostics);
    }
    out
}

enum Kind {
    File,
    Folder(PathBuf),
    Skip,
}

/// Decides what a folder entry is, following symbolic links. A link to an
/// ancestor folder (a loop) or to nothing is reported and skipped.
fn classify(
    disk: &Path,
    rel: &str,
    file_type: FileType,
    parent: &Folder,
    diags: &mut Vec<Diagnostic>,
) -> Kind {
    if file_type.is_file() {
        return Kind::File;
    }
    if file_type.is_dir() {
        return Kind::Folder(parent.real.join(disk.file_name().unwrap_or_default()));
    }
    if !file_type.is_symlink() {
        return Kind::Skip;
    }
    let target = match fs::metadata(disk) {
        Ok(m) => m,
        Err(e) => {
            diags.push(diagnostic(
                DiagnosticKind::Unreadable,
                rel,
                format!("cannot follow symbolic link: {e}"),
            ));
            return Kind::Skip;
        }
    };
    if target.is_file() {
        return Kind::File;
    }
    if !target.is_dir() {
        return Kind::Skip;
    }
    match fs::canonicalize(disk) {
        Ok(real) if parent.real.starts_with(&real) => {
            diags.push(diagnostic(
                DiagnosticKind::SymlinkLoop,
                rel,
                format!("symbolic link loops back to {}; not followed", real.display()),
            ));
            Kind::Skip
        }
        Ok(real) => Kind::Folder(real),
        Err(e) => {
            diags.push(diagnostic(
                DiagnosticKind::Unreadable,
                rel,
                format!("cannot follow symbolic link: {e}"),
            ));
            Kind::Skip
        }
    }
}
