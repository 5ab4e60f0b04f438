//! The shapes the web view receives: one DTO per answer, serialised with
//! snake_case fields exactly as `ui/src/api.ts` declares them. Core types are
//! never serialised; the commands convert them here. Nothing in this module
//! touches the vault or the disk.

use serde::Serialize;

use hanji_core::VaultError;
use hanji_live::LiveError;
use hanji_search::SearchError;

/// A command's failure. `code` is stable (the UI branches on it); `message`
/// is for people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ApiError {
    pub code: &'static str,
    pub message: String,
}

impl ApiError {
    pub fn new(code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError { code, message: message.into() }
    }

    pub fn note_not_found(path: &str) -> ApiError {
        ApiError::new("note_not_found", format!("no note at {path}"))
    }
}

impl From<VaultError> for ApiError {
    fn from(e: VaultError) -> ApiError {
        let code = match &e {
            VaultError::NotFound { .. } => "vault_not_found",
            VaultError::NotADirectory { .. } => "not_a_folder",
            VaultError::NoteNotFound { .. } | VaultError::NotANote { .. } => "note_not_found",
            _ => "vault_unreadable",
        };
        ApiError::new(code, e.to_string())
    }
}

impl From<SearchError> for ApiError {
    fn from(e: SearchError) -> ApiError {
        match e {
            SearchError::Query(q) => ApiError::new("bad_query", q.to_string()),
            other => ApiError::new("search_failed", other.to_string()),
        }
    }
}

impl From<LiveError> for ApiError {
    fn from(e: LiveError) -> ApiError {
        match e {
            LiveError::Vault(v) => v.into(),
            LiveError::Search(s) => s.into(),
            failed @ LiveError::Failed { .. } => ApiError::new("vault_failed", failed.to_string()),
            other => ApiError::new("vault_unreadable", other.to_string()),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VaultInfo {
    pub root: String,
    pub name: String,
    pub notes: usize,
    pub attachments: usize,
    pub links: usize,
    pub tags: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TreeNode {
    pub name: String,
    pub path: String,
    pub kind: &'static str,
    pub note_count: usize,
    pub children: Vec<TreeNode>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Property {
    pub key: String,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OutlineItem {
    pub level: u8,
    pub text: String,
    pub anchor: String,
    pub line: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NoteView {
    pub path: String,
    pub title: String,
    pub html: String,
    pub properties: Vec<Property>,
    pub outline: Vec<OutlineItem>,
    pub tags: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mention {
    pub source: String,
    pub source_title: String,
    pub line: u32,
    pub snippet: String,
}

/// One page of a note's linked mentions: the mentions from `limit` source
/// notes starting at `offset` (in path order), and the totals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LinkedPage {
    /// How many notes link here.
    pub notes: usize,
    /// How many links (embeds included) point here from those notes.
    pub links: usize,
    pub offset: usize,
    pub mentions: Vec<Mention>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OutgoingLink {
    pub target: String,
    pub path: Option<String>,
    pub kind: &'static str,
    pub line: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TagCount {
    pub name: String,
    pub notes: usize,
    pub notes_with_children: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NoteRef {
    pub path: String,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchHit {
    pub path: String,
    pub title: String,
    pub line: u32,
    pub snippet: String,
    pub highlights: Vec<(u32, u32)>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchResults {
    pub total: usize,
    pub hits: Vec<SearchHit>,
    /// Terms of the query the index cannot search, each a sentence saying
    /// what was done with it (ignored, or matching nothing).
    pub unsearchable: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SwitcherItem {
    pub path: String,
    pub title: String,
    pub aliases: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Progress {
    pub phase: &'static str,
    pub message: String,
    /// Notes done so far in this phase, out of `total`; `total` is 0 when
    /// the phase is not counted.
    pub done: usize,
    pub total: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VaultChanged {
    pub added: Vec<String>,
    pub modified: Vec<String>,
    pub removed: Vec<String>,
    /// `[from, to]` pairs of notes that moved (also in `removed`/`added`).
    pub renamed: Vec<[String; 2]>,
    /// The change is Hanji's own save, not another program's.
    pub own_write: bool,
    /// The vault folder was deleted or moved away; nothing more will come.
    pub vault_gone: bool,
    /// Problems that did not stop the change (an index or cache not
    /// written, a folder that could not be watched).
    pub warnings: Vec<String>,
    /// How the link graph changed.
    pub graph: GraphDelta,
}

/// A node of the link graph, keyed by `id`: a vault path for notes and
/// attachments, the normalised link text for a ghost (a target that does
/// not exist).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GraphNode {
    pub id: String,
    pub kind: &'static str,
}

/// Every link from one note (`source`, a vault path) to one node.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GraphEdge {
    pub source: String,
    pub target: String,
    pub target_kind: &'static str,
    pub links: u32,
    pub embeds: u32,
}

/// What one change did to the link graph. An edge whose counts changed is
/// in both lists (old counts removed, new ones added); the edges of a
/// removed node are listed as removed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct GraphDelta {
    pub nodes_added: Vec<GraphNode>,
    pub nodes_removed: Vec<GraphNode>,
    pub edges_added: Vec<GraphEdge>,
    pub edges_removed: Vec<GraphEdge>,
}

impl From<hanji_core::vault::GraphDelta> for GraphDelta {
    fn from(d: hanji_core::vault::GraphDelta) -> GraphDelta {
        use hanji_core::vault::{EdgeKey, NodeKey, NodeKind};
        let kind = |k: NodeKind| match k {
            NodeKind::Note => "note",
            NodeKind::Attachment => "attachment",
            NodeKind::Ghost => "ghost",
        };
        let node = |n: NodeKey| GraphNode { id: n.id, kind: kind(n.kind) };
        let edge = |e: EdgeKey| GraphEdge {
            source: e.source.to_string(),
            target: e.target.id,
            target_kind: kind(e.target.kind),
            links: e.weight.links,
            embeds: e.weight.embeds,
        };
        GraphDelta {
            nodes_added: d.nodes_added.into_iter().map(node).collect(),
            nodes_removed: d.nodes_removed.into_iter().map(node).collect(),
            edges_added: d.edges_added.into_iter().map(edge).collect(),
            edges_removed: d.edges_removed.into_iter().map(edge).collect(),
        }
    }
}
