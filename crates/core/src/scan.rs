//! Scanning: listing the notes and attachments of a vault folder.
//!
//! This is one of the few modules that touch the disk, and it only lists and
//! stats files; reading them is the vault's job. Like Obsidian it skips hidden
//! files and folders (`.obsidian`, `.git`, `.trash`). It follows symbolic links
//! but detects loops, and a folder it cannot read becomes a diagnostic, never
//! a failure of the whole scan.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use walkdir::WalkDir;

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
    pub size: u64,
    pub modified: Option<SystemTime>,
}

#[derive(Debug, Default)]
pub struct Scan {
    /// Markdown notes, sorted by path.
    pub notes: Vec<ScanEntry>,
    /// Every other file, sorted by path.
    pub attachments: Vec<ScanEntry>,
    pub diagnostics: Vec<Diagnostic>,
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.as_encoded_bytes().first() == Some(&b'.')
}

/// Lists the vault at `root`. Fails only when `root` itself is not a readable
/// folder.
pub fn scan(root: &Path) -> Result<Scan, VaultError> {
    let meta = std::fs::metadata(root).map_err(|source| match source.kind() {
        std::io::ErrorKind::NotFound => VaultError::NotFound { path: root.to_owned() },
        _ => VaultError::Io { path: root.to_owned(), source },
    })?;
    if !meta.is_dir() {
        return Err(VaultError::NotADirectory { path: root.to_owned() });
    }
    std::fs::read_dir(root).map_err(|source| VaultError::Io { path: root.to_owned(), source })?;

    let mut out = Scan::default();
    let walker = WalkDir::new(root)
        .follow_links(true)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(err) => {
                out.diagnostics.push(walk_diagnostic(root, &err));
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry.path().strip_prefix(root).unwrap_or(entry.path());
        let Some(rel_str) = rel.to_str() else {
            out.diagnostics.push(Diagnostic {
                kind: DiagnosticKind::NonUnicodeName,
                path: rel.to_string_lossy().into_owned(),
                pos: None,
                message: "file name is not valid Unicode; it is skipped".to_owned(),
            });
            continue;
        };
        let Some(path) = VaultPath::new(&rel_str.replace(std::path::MAIN_SEPARATOR, "/")) else {
            continue;
        };
        let (size, modified) = match entry.metadata() {
            Ok(m) => (m.len(), m.modified().ok()),
            Err(_) => (0, None),
        };
        let item = ScanEntry { path, disk_path: entry.into_path(), size, modified };
        if item.path.is_markdown() {
            out.notes.push(item);
        } else {
            out.attachments.push(item);
        }
    }
    for list in [&mut out.notes, &mut out.attachments] {
        list.sort_by(|a, b| a.path.cmp(&b.path));
        let mut i = 1;
        while i < list.len() {
            if list[i].path == list[i - 1].path {
                let dup = list.remove(i);
                out.diagnostics.push(Diagnostic {
                    kind: DiagnosticKind::DuplicatePath,
                    path: dup.path.to_string(),
                    pos: None,
                    message: format!(
                        "{} and another file have the same name in Unicode NFC; only one is used",
                        dup.disk_path.display()
                    ),
                });
            } else {
                i += 1;
            }
        }
    }
    Ok(out)
}

fn walk_diagnostic(root: &Path, err: &walkdir::Error) -> Diagnostic {
    let path = err
        .path()
        .map(|p| p.strip_prefix(root).unwrap_or(p).to_string_lossy().into_owned())
        .unwrap_or_default();
    if let Some(ancestor) = err.loop_ancestor() {
        let ancestor = ancestor.strip_prefix(root).unwrap_or(ancestor);
        return Diagnostic {
            kind: DiagnosticKind::SymlinkLoop,
            path,
            pos: None,
            message: format!(
                "symbolic link loops back to {:?}; not followed",
                ancestor.display().to_string()
            ),
        };
    }
    let reason = err.io_error().map_or_else(|| err.to_string(), |e| e.to_string());
    Diagnostic {
        kind: DiagnosticKind::Unreadable,
        path,
        pos: None,
        message: format!("cannot read: {reason}"),
    }
}
