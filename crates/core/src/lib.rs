//! hanji-core: the vault engine behind the Hanji app and the `hanji` CLI.
//!
//! A vault is a folder of Markdown notes. This crate scans it, parses every
//! note, resolves links the way Obsidian does, and answers questions about the
//! result: backlinks, tags, the link graph. It knows nothing about Tauri, the
//! UI or the command line, and none of its types are serialised: the shells
//! convert them to their own data-transfer types.
//!
//! Pure stages (`parse`, `resolve`, `graph`, `tags`, `mentions`) do no IO and
//! never panic; only `scan`, `vault`, `query`, `cache` and `watch` touch the
//! disk, and only `write` writes into the vault (atomically, and never over
//! a change it did not see). See ARCHITECTURE.md for the map.

pub mod cache;
pub mod cache_dir;
pub mod content;
pub mod daily;
pub mod diagnostic;
pub mod error;
pub mod graph;
pub mod graph_view;
pub mod mentions;
pub mod ops;
pub mod parse;
pub mod progress;
pub mod query;
pub mod resolve;
pub mod scan;
pub mod settings;
pub mod tags;
pub mod templates;
pub mod vault;
pub mod watch;
mod work;
pub mod write;

/// Vault paths and Unicode normalisation are syntax rules (`hanji-syntax`);
/// they are re-exported here because the engine's API speaks in them.
pub use hanji_syntax::{path, text};

pub use diagnostic::{Diagnostic, DiagnosticKind};
pub use error::VaultError;
pub use graph::{Edge, EdgeWeight, Neighbourhood, Node};
pub use progress::Progress;
pub use query::{Backlink, BacklinkSource, MentionScan, Problem, ProblemKind, UnlinkedMention};
pub use vault::{
    AnchorStatus, Attachment, CacheReport, Content, Ghost, Note, NoteLink, Opened, Restored, Stats,
    Target, Vault,
};

/// A note, by its position in the vault's path-sorted note list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NoteId(pub u32);

/// An attachment (any file that is not a note), by position.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AttachmentId(pub u32);

/// An unresolved link target, grouped by its normalised text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct GhostId(pub u32);
