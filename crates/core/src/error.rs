//! Errors of the parts that touch the disk. Each variant names the path
//! involved, so a message can always say which file or folder failed.
//!
//! Pure stages never return these: they report problems as diagnostics.

use std::io;
use std::path::PathBuf;

/// Opening or querying a vault failed.
#[derive(Debug, thiserror::Error)]
pub enum VaultError {
    #[error("vault folder {path} does not exist")]
    NotFound { path: PathBuf },
    #[error("{path} is not a folder")]
    NotADirectory { path: PathBuf },
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("no note matches {query:?}")]
    NoteNotFound { query: String },
    #[error("{query:?} names an attachment, not a note")]
    NotANote { query: String },
    /// Derived data (cache, search index) must live outside the vault: a
    /// cache folder inside it would be listed as notes and could be
    /// deleted when the index is rebuilt.
    #[error("the cache folder {cache} is inside the vault {vault}; choose a folder outside it")]
    CacheInsideVault { cache: PathBuf, vault: PathBuf },
}
