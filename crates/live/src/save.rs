//! Saving a note from a session: the write path an editor stands on.
//!
//! [`Session::save`] writes through `hanji_core::write` (atomic, and only
//! over the content the caller last saw), applies the change to the vault,
//! the index and the cache at once, and remembers what it wrote so that the
//! watcher's report of that same write is recognised by its hash and not
//! applied or announced again. [`Session::source`] is the other half: a
//! note's exact text with the hash a save then expects, or the reason it
//! cannot be edited. Nothing else in this crate writes to a vault.

use std::path::{Path, PathBuf};

use hanji_core::cache::content_hash;
use hanji_core::path::VaultPath;
use hanji_core::write::{write_note, Expected, WriteError};
use hanji_core::Content;

use crate::{ChangeEvent, Session};

/// A save that did not happen; the disk is as it was.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error("{path:?} is not a note's path in the vault")]
    NotANote { path: String },
    /// The note is not valid UTF-8 and was read with replacement
    /// characters: saving that reading would destroy its bytes.
    #[error("{path} is not valid UTF-8; it is read-only in Hanji")]
    Lossy { path: String },
    #[error(transparent)]
    Write(#[from] WriteError),
}

/// The most an editor opens: a note above this is shown in the reading view
/// only. (The engine parses notes up to `hanji_core::vault::MAX_NOTE_BYTES`;
/// editing a note this large in a web view is not something to do safely.)
pub const EDIT_MAX_BYTES: u64 = 8 * 1024 * 1024;

/// A note as an editor opens it: every byte of it, and the hash a save of
/// it then expects ([`Expected::Hash`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// The text exactly as on disk: a byte-order mark, `\r\n` line endings
    /// and a missing final newline included.
    pub text: String,
    pub hash: u64,
}

/// Why a note cannot be opened for editing (it can still be read).
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    #[error("{path:?} is not a note in the vault")]
    NotANote { path: String },
    #[error("{path} is not valid UTF-8: editing it could not keep its bytes")]
    NotUtf8 { path: String },
    #[error("{path} is {size} bytes, more than the {EDIT_MAX_BYTES} bytes Hanji edits")]
    TooLarge { path: String, size: u64 },
    #[error("{path} is read-only on disk")]
    ReadOnly { path: String },
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// What a save did.
#[derive(Debug, Clone)]
pub struct Saved {
    /// The hash of the content now on disk: what to expect next time.
    pub hash: u64,
    /// The change, applied to the vault, the index and the cache.
    pub event: ChangeEvent,
}

impl Session {
    /// The note at vault path `path` for editing: its exact text and the
    /// hash of those bytes, read once (so the hash is of what the editor
    /// shows). A note that is not UTF-8, larger than [`EDIT_MAX_BYTES`] or
    /// read-only on disk is refused with the reason.
    pub fn source(&self, path: &str) -> Result<Source, SourceError> {
        let not_a_note = || SourceError::NotANote { path: path.to_owned() };
        let id = self.vault.note_by_path(path).ok_or_else(not_a_note)?;
        let disk = self.vault.disk_path(id);
        let io = |source| SourceError::Io { path: disk.clone(), source };
        let meta = std::fs::metadata(&disk).map_err(io)?;
        if meta.len() > EDIT_MAX_BYTES {
            return Err(SourceError::TooLarge { path: path.to_owned(), size: meta.len() });
        }
        if meta.permissions().readonly() {
            return Err(SourceError::ReadOnly { path: path.to_owned() });
        }
        let bytes = std::fs::read(&disk).map_err(io)?;
        let hash = content_hash(&bytes);
        let text =
            String::from_utf8(bytes).map_err(|_| SourceError::NotUtf8 { path: path.to_owned() })?;
        Ok(Source { text, hash })
    }

    /// Saves `text` as the note at vault path `path` (a new note when
    /// `expected` is [`Expected::Absent`]), atomically, and only over the
    /// content the caller last saw ([`Expected::Hash`], from a previous
    /// save or [`hanji_core::cache::content_hash`] of what it read): otherwise a conflict, and
    /// the disk is left as it was. A note read lossily (not UTF-8) is never
    /// saved. The change is applied at once; when the watcher reports it,
    /// it is recognised by its hash and not applied or announced again.
    pub fn save(&mut self, path: &str, expected: Expected, text: &str) -> Result<Saved, SaveError> {
        let not_a_note = || SaveError::NotANote { path: path.to_owned() };
        let vault_path =
            VaultPath::new(path).filter(VaultPath::is_markdown).ok_or_else(not_a_note)?;
        let disk = match self.vault.note_by_path(vault_path.as_str()) {
            Some(id) => {
                if self.vault.note(id).content == Content::Lossy {
                    return Err(SaveError::Lossy { path: vault_path.to_string() });
                }
                self.vault.disk_path(id)
            }
            None => {
                let disk = self.vault.root().join(vault_path.as_str());
                if let Some(dir) = disk.parent() {
                    std::fs::create_dir_all(dir)
                        .map_err(|source| WriteError::Io { path: dir.to_owned(), source })?;
                }
                disk
            }
        };
        let hash = write_note(&disk, expected, text.as_bytes())?;
        let mut event = self.refresh(&[disk]);
        event.own_write = true;
        // From now on, the watcher's report of this write is not news.
        self.own_writes.insert(vault_path, hash);
        Ok(Saved { hash, event })
    }

    /// The vault path of `disk`, a path under the root as a watcher reports it.
    fn vault_path_of(&self, disk: &Path) -> Option<VaultPath> {
        let root = self.vault.root();
        let rel = disk.strip_prefix(root).ok().map(Path::to_owned).or_else(|| {
            let real = std::fs::canonicalize(root).ok()?;
            disk.strip_prefix(real).ok().map(Path::to_owned)
        })?;
        VaultPath::new(&rel.to_str()?.replace('\\', "/"))
    }

    /// Drops from `paths` the notes this session saved itself whose disk
    /// still holds exactly what it wrote: already applied, not news.
    pub(crate) fn without_own_writes(&mut self, paths: &[PathBuf]) -> Vec<PathBuf> {
        if self.own_writes.is_empty() {
            return paths.to_vec();
        }
        paths
            .iter()
            .filter(|p| {
                let Some(vp) = self.vault_path_of(p) else { return true };
                let Some(wrote) = self.own_writes.remove(&vp) else { return true };
                // Changed again since (by another program): that is news.
                hanji_core::write::disk_hash(p).ok().flatten() != Some(wrote)
            })
            .cloned()
            .collect()
    }
}
