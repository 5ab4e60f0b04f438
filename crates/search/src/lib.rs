//! hanji-search: full-text search over a vault, on a Tantivy index stored on
//! disk (in the cache directory, never inside the vault unless asked).
//!
//! The index holds one document per note: path, title and aliases, headings,
//! tags (with their parents, so `tag:a` finds `#a/b`), file name and body,
//! with positions for phrases. Korean is tokenized into bigrams (see
//! [`tokenizer`]); queries use the small language in [`query`]; results carry
//! the best line and a highlighted snippet ([`snippet`]). The index is updated
//! per note (upsert and remove by path) and committed without blocking
//! readers. This crate reads notes through `hanji-core`; it never writes to
//! the vault.

pub mod query;
pub mod snippet;
pub mod tokenizer;

mod collect;
mod document;
mod error;
mod folder;
mod index;
mod manifest;
mod tquery;
mod writer;

pub use error::SearchError;
pub use index::{IndexStats, Ranked, RankedDoc, SearchHit, SearchIndex, SearchResults};
pub use tquery::{Unsearchable, UnsearchableReason};
pub use writer::WRITER_LOCK_WAIT;
