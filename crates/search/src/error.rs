//! What can go wrong with the search index, each error carrying the index
//! folder it is about.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::query::QueryError;

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("search index at {path}: {source}")]
    Index {
        path: PathBuf,
        #[source]
        source: tantivy::TantivyError,
    },
    #[error("search index at {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{0}")]
    Query(#[from] QueryError),
    /// The folder given for the index holds files that are not a search
    /// index's (notes, say): it is left exactly as it was.
    #[error(
        "refusing to use {path} as the search index folder: it holds {entry}, which the \
         search index did not write; nothing was deleted (choose another cache folder)"
    )]
    NotAnIndex {
        path: PathBuf,
        /// The first entry found that the index did not write.
        entry: PathBuf,
    },
    /// The index failed (or panicked) while reading it: its files are
    /// damaged. It is derived data: [`crate::SearchIndex::rebuild`], sync
    /// the vault, and ask again.
    #[error("search index at {path} is damaged ({reason}); it needs a rebuild")]
    Damaged { path: PathBuf, reason: String },
    /// Another process (or another index value) kept the index's writer
    /// lock for longer than we wait. The changes are kept and retried by the
    /// next update or sync.
    #[error("search index at {path} is being written by another process (waited {waited:?})")]
    Busy { path: PathBuf, waited: Duration },
}

impl SearchError {
    /// True when the index itself is damaged: rebuild it, sync, and retry.
    pub fn is_damage(&self) -> bool {
        matches!(self, SearchError::Damaged { .. })
    }
}

pub(crate) fn index_err(dir: &Path) -> impl Fn(tantivy::TantivyError) -> SearchError + '_ {
    move |source| SearchError::Index { path: dir.to_owned(), source }
}

pub(crate) fn io_err(path: &Path) -> impl Fn(std::io::Error) -> SearchError + '_ {
    move |source| SearchError::Io { path: path.to_owned(), source }
}

/// The message of a panic caught with `catch_unwind`.
pub(crate) fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        format!("panic: {s}")
    } else if let Some(s) = payload.downcast_ref::<String>() {
        format!("panic: {s}")
    } else {
        "panic".to_owned()
    }
}
