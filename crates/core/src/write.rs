//! Writing a note: the only code in Hanji that writes into a vault.
//!
//! A note is the user's work, so a write is atomic and checked. The new text
//! goes to a unique hidden temporary file in the note's own folder (hidden,
//! so neither Hanji's scan nor Obsidian lists it; same folder, so the rename
//! cannot cross file systems), is fsynced, and is renamed over the note;
//! then the folder is fsynced, so the rename itself survives a power cut. A
//! reader (Obsidian, an editor, a backup) sees the old file or the new one,
//! never a part. And a write only happens over the content the caller last
//! saw: the disk's content hash is compared with the one the caller
//! expects, just before the rename, and a difference is a [`WriteError::Conflict`]
//! that leaves the disk as it was. This module never deletes a note and never
//! writes anywhere but the note's folder.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::cache::content_hash;

/// What the caller believes the disk holds at the note's path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    /// Nothing: the note is new, and must not exist yet.
    Absent,
    /// The content whose [`content_hash`] is this.
    Hash(u64),
}

/// A write that did not happen; the disk is as it was.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The disk no longer holds what the caller last saw (another program
    /// changed or created the file): nothing was overwritten.
    #[error("{path} changed on disk since it was read; not overwritten")]
    Conflict {
        path: PathBuf,
        /// The hash of what the disk holds now (`None`: nothing is there).
        on_disk: Option<u64>,
    },
    /// The note is read-only on disk: Hanji does not replace it (a rename
    /// over it would succeed, and drop the read-only mark with the old file).
    #[error("{path} is read-only on disk; not written")]
    ReadOnly { path: PathBuf },
    #[error("cannot write {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
}

/// The hash of what is at `path` now, or `None` when there is no file.
pub fn disk_hash(path: &Path) -> io::Result<Option<u64>> {
    match fs::read(path) {
        Ok(bytes) => Ok(Some(content_hash(&bytes))),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

fn matches(expected: Expected, on_disk: Option<u64>) -> bool {
    match expected {
        Expected::Absent => on_disk.is_none(),
        Expected::Hash(h) => on_disk == Some(h),
    }
}

/// A temporary name beside `path` that no other write uses: hidden, with
/// the process id and a counter in it.
fn temp_beside(path: &Path) -> PathBuf {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    path.with_file_name(format!(".{name}.{}-{n}.hanji-tmp", std::process::id()))
}

/// Writes `bytes` to `path` atomically, if the disk holds what `expected`
/// says; returns the new content's hash. The folder must exist. A note that
/// is read-only on disk is refused; any other keeps its permission bits
/// (the new file takes them before it replaces the old one).
pub fn write_note(path: &Path, expected: Expected, bytes: &[u8]) -> Result<u64, WriteError> {
    let io_err = |source| WriteError::Io { path: path.to_owned(), source };
    let conflict = |on_disk| WriteError::Conflict { path: path.to_owned(), on_disk };
    let before = disk_hash(path).map_err(io_err)?;
    if !matches(expected, before) {
        return Err(conflict(before));
    }
    let permissions = match fs::metadata(path) {
        Ok(meta) if meta.permissions().readonly() => {
            return Err(WriteError::ReadOnly { path: path.to_owned() })
        }
        Ok(meta) => Some(meta.permissions()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(io_err(e)),
    };
    let tmp = temp_beside(path);
    let written = (|| {
        let mut f = OpenOptions::new().write(true).create_new(true).open(&tmp)?;
        f.write_all(bytes)?;
        if let Some(p) = permissions {
            f.set_permissions(p)?;
        }
        f.sync_all()
    })();
    if let Err(source) = written {
        let _ = fs::remove_file(&tmp);
        return Err(WriteError::Io { path: tmp, source });
    }
    // Checked again just before the rename: the window in which another
    // program's write could still be lost is the rename itself.
    let now = match disk_hash(path) {
        Ok(now) => now,
        Err(source) => {
            let _ = fs::remove_file(&tmp);
            return Err(io_err(source));
        }
    };
    if !matches(expected, now) {
        let _ = fs::remove_file(&tmp);
        return Err(conflict(now));
    }
    if let Err(source) = fs::rename(&tmp, path) {
        let _ = fs::remove_file(&tmp);
        return Err(io_err(source));
    }
    // The rename is durable once the folder is; a failure here leaves the
    // new content in place, so it is not an error of the write.
    if let Some(dir) = path.parent() {
        let _ = File::open(dir).and_then(|d| d.sync_all());
    }
    Ok(content_hash(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_only_over_what_was_expected() {
        let dir = tempfile::tempdir().expect("temp dir");
        let p = dir.path().join("면접.md");
        let h1 = write_note(&p, Expected::Absent, "# 하나\n".as_bytes()).expect("created");
        assert_eq!(fs::read_to_string(&p).expect("read"), "# 하나\n");
        // A second create, or a write over content not seen, is refused.
        assert!(matches!(
            write_note(&p, Expected::Absent, b"x"),
            Err(WriteError::Conflict { on_disk: Some(h), .. }) if h == h1
        ));
        assert!(matches!(
            write_note(&p, Expected::Hash(h1 ^ 1), b"x"),
            Err(WriteError::Conflict { .. })
        ));
        assert_eq!(fs::read_to_string(&p).expect("read"), "# 하나\n");
        let h2 = write_note(&p, Expected::Hash(h1), "# 둘\n".as_bytes()).expect("written");
        assert_eq!(disk_hash(&p).expect("hash"), Some(h2));
        // No temporary file is left behind.
        let names: Vec<String> = fs::read_dir(dir.path())
            .expect("list")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["면접.md"]);
    }

    /// A save keeps the note's permission bits, and a read-only note is
    /// not replaced (renaming over it would succeed and drop the mark).
    #[cfg(unix)]
    #[test]
    fn permissions_are_kept_and_read_only_notes_are_not_replaced() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("temp dir");
        let p = dir.path().join("비밀.md");
        let h = write_note(&p, Expected::Absent, b"private").expect("created");
        fs::set_permissions(&p, fs::Permissions::from_mode(0o600)).expect("chmod");
        let h = write_note(&p, Expected::Hash(h), b"still private").expect("written");
        let mode = fs::metadata(&p).expect("stat").permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "the note's mode is kept");
        fs::set_permissions(&p, fs::Permissions::from_mode(0o444)).expect("chmod");
        assert!(matches!(
            write_note(&p, Expected::Hash(h), b"overwritten"),
            Err(WriteError::ReadOnly { .. })
        ));
        assert_eq!(fs::read(&p).expect("read"), b"still private");
        let mode = fs::metadata(&p).expect("stat").permissions().mode() & 0o777;
        assert_eq!(mode, 0o444);
    }
}
