//! Deciding whether the index folder may be cleared, and clearing it.
//!
//! The folder is given by the caller (`--cache-dir`), so it may be anything,
//! a vault's own `search/` folder included. Only a folder that is provably
//! the index's is ever emptied: one with the version marker (`hanji-version`,
//! whatever version it names), an empty one, or one in which every entry is
//! a file Tantivy or Hanji writes. Anything else is refused and left as it
//! was.

use std::fs;
use std::path::Path;

use crate::error::{io_err, SearchError};

/// The marker naming the schema version; its presence (any content) says
/// the folder is a search index's.
pub(crate) const VERSION_FILE: &str = "hanji-version";

/// Who the folder belongs to, as far as its contents tell.
pub(crate) enum Owner {
    /// It has the version marker; this is what it says (`None`: unreadable).
    Marked(Option<String>),
    /// Empty (or just created).
    Empty,
    /// No marker, but only files Tantivy or Hanji write (an index left
    /// half-made by a crash, or from before the marker).
    IndexFiles,
}

/// Looks at `dir` (which exists) and says whose it is; a folder with
/// anything else in it is [`SearchError::NotAnIndex`].
pub(crate) fn owner(dir: &Path) -> Result<Owner, SearchError> {
    let marker = dir.join(VERSION_FILE);
    if fs::symlink_metadata(&marker).is_ok_and(|m| m.is_file()) {
        return Ok(Owner::Marked(fs::read_to_string(&marker).ok()));
    }
    let mut any = false;
    for entry in fs::read_dir(dir).map_err(io_err(dir))? {
        let entry = entry.map_err(io_err(dir))?;
        let is_file = entry.file_type().map_err(io_err(&entry.path()))?.is_file();
        let name = entry.file_name();
        if !is_file || !name.to_str().is_some_and(is_index_file_name) {
            return Err(SearchError::NotAnIndex { path: dir.to_owned(), entry: entry.path() });
        }
        any = true;
    }
    Ok(if any { Owner::IndexFiles } else { Owner::Empty })
}

/// Names of files Tantivy or Hanji write in an index folder.
fn is_index_file_name(name: &str) -> bool {
    if matches!(name, "meta.json" | ".managed.json") || name.starts_with("hanji-") {
        return true;
    }
    if let Some(lock) = name.strip_prefix(".tantivy-") {
        return lock.ends_with(".lock");
    }
    // Tantivy's atomic writes go through `tempfile` (`.tmpXXXXXX`), which a
    // crash can leave behind.
    if let Some(rest) = name.strip_prefix(".tmp") {
        return !rest.is_empty() && rest.chars().all(|c| c.is_ascii_alphanumeric());
    }
    // Segment files: `<32 hex>.<ext>`, deletes `<32 hex>.<opstamp>.del`.
    match name.split_once('.') {
        Some((id, ext)) => {
            id.len() == 32
                && id.bytes().all(|b| b.is_ascii_hexdigit())
                && !ext.is_empty()
                && ext.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.')
        }
        None => false,
    }
}

/// Removes everything inside `dir`, keeping the folder. Call only after
/// [`owner`] said the folder is the index's.
pub(crate) fn clear(dir: &Path) -> Result<(), SearchError> {
    for entry in fs::read_dir(dir).map_err(io_err(dir))? {
        let entry = entry.map_err(io_err(dir))?;
        let path = entry.path();
        // `file_type` does not follow symbolic links: a link is removed, not
        // what it points to.
        let removed = match entry.file_type() {
            Ok(t) if t.is_dir() => fs::remove_dir_all(&path),
            _ => fs::remove_file(&path),
        };
        match removed {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(io_err(&path)(e)),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_file_names() {
        for (name, ours) in [
            ("meta.json", true),
            (".managed.json", true),
            (".tantivy-writer.lock", true),
            (".tantivy-meta.lock", true),
            ("hanji-manifest.tsv", true),
            ("hanji-manifest.tmp", true),
            ("hanji-version", true),
            (".tmpA1b2C3", true),
            ("0123456789abcdef0123456789ABCDEF.store", true),
            ("0123456789abcdef0123456789abcdef.12.del", true),
            ("0123456789abcdef0123456789abcdef.store.temp", true),
            ("0123456789abcdef0123456789abcdef", false),
            ("0123456789abcdef0123456789abcde.idx", false),
            ("0123456789abcdef0123456789abcdeg.idx", false),
            ("notes.md", false),
            ("meta.json.bak", false),
            (".tmp", false),
            (".tantivy-x", false),
            ("면접.md", false),
        ] {
            assert_eq!(is_index_file_name(name), ours, "{name}");
        }
    }
}
