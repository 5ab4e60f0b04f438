//! The JSON shapes `hanji --json` prints. They are the CLI's stable contract,
//! kept apart from the core's types so the engine can change without breaking
//! scripts. Field names are snake_case; positions are 1-based, columns count
//! characters.

use serde::Serialize;

#[derive(Serialize)]
pub struct Check {
    pub notes: usize,
    pub attachments: usize,
    pub links: usize,
    pub embeds: usize,
    pub resolved: usize,
    pub unresolved: usize,
    pub ambiguous: usize,
    pub broken_anchors: usize,
    pub diagnostics: usize,
    pub external_links: usize,
    pub tags: usize,
    pub tasks: usize,
    pub problems: Vec<Problem>,
}

#[derive(Serialize)]
pub struct Problem {
    pub kind: &'static str,
    pub path: String,
    pub line: Option<u32>,
    pub column: Option<u32>,
    pub target: Option<String>,
    pub message: String,
}

#[derive(Serialize)]
pub struct Backlink {
    pub source: String,
    pub source_title: String,
    pub line: u32,
    pub column: u32,
    pub embed: bool,
    pub target: String,
    pub snippet: Option<String>,
}

#[derive(Serialize)]
pub struct OutLink {
    pub target: String,
    pub display: Option<String>,
    pub line: u32,
    pub column: u32,
    pub embed: bool,
    /// `note`, `attachment` or `unresolved`.
    pub kind: &'static str,
    /// The vault path it resolved to; `null` when unresolved.
    pub path: Option<String>,
    /// `found`, `broken`, or `null` when the link has no anchor to check.
    pub anchor: Option<&'static str>,
    pub ambiguous: bool,
    /// Why an unresolved link did not resolve: `not_found` or `escapes_vault`.
    pub reason: Option<&'static str>,
}

#[derive(Serialize)]
pub struct TagCount {
    pub tag: String,
    pub notes: usize,
    pub notes_with_children: usize,
    pub occurrences: u32,
}

#[derive(Serialize)]
pub struct NoteRef {
    pub path: String,
    pub title: String,
}

#[derive(Serialize)]
pub struct Mention {
    pub source: String,
    pub line: u32,
    pub column: u32,
    pub term: String,
    pub snippet: String,
}

#[derive(Serialize)]
pub struct Graph {
    pub nodes: Vec<GraphNode>,
    pub edges: Vec<GraphEdge>,
}

/// `graph --view`.
#[derive(Serialize)]
pub struct GraphView {
    pub nodes: Vec<GraphViewNode>,
    pub edges: Vec<GraphViewEdge>,
}

#[derive(Serialize)]
pub struct GraphViewNode {
    /// The vault path of a note or attachment, `#key` for a tag, `?` + the
    /// link text for an unresolved target.
    pub id: String,
    /// `note`, `attachment`, `unresolved` or `tag`.
    pub kind: &'static str,
    pub label: String,
    /// Edges of the view that touch it.
    pub degree: u32,
    /// The first colour group of graph.json that finds it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub distance: Option<u32>,
}

#[derive(Serialize)]
pub struct GraphViewEdge {
    pub source: String,
    pub target: String,
}

#[derive(Serialize)]
pub struct GraphNode {
    /// The vault path for notes and attachments, `ghost:` + link text for
    /// unresolved targets.
    pub id: String,
    /// `note`, `attachment` or `ghost`.
    pub kind: &'static str,
    pub label: String,
    /// Distance from the centre, for `--local`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub distance: Option<u32>,
}

#[derive(Serialize)]
pub struct GraphEdge {
    pub source: String,
    pub target: String,
    pub links: u32,
    pub embeds: u32,
}

#[derive(Serialize)]
pub struct SearchHit {
    pub path: String,
    pub title: String,
    pub score: f32,
    /// 1-based line of the best match.
    pub line: u32,
    /// The best line, shortened to 160 characters around the first match.
    pub snippet: String,
    /// `[start, end)` character offsets into `snippet` to highlight.
    pub highlights: Vec<[u32; 2]>,
    /// How many matches the note has in all.
    pub matches: u32,
}

/// `hanji watch --json`: the first line, once the vault is open.
#[derive(Serialize)]
pub struct WatchReady {
    pub event: &'static str,
    pub notes: usize,
    pub attachments: usize,
    /// Notes read and parsed on open (the rest came from the cache).
    pub parsed: usize,
    pub indexed: usize,
    /// Until the cached vault and index answered (absent on a first open).
    pub restored_ms: Option<f64>,
    /// Until the vault was compared with the disk.
    pub load_ms: f64,
    /// Bringing the search index in step, after that.
    pub index_ms: f64,
}

/// `hanji watch --json`: one line per applied change.
#[derive(Serialize)]
pub struct WatchChange {
    pub event: &'static str,
    pub added: Vec<String>,
    pub modified: Vec<String>,
    pub removed: Vec<String>,
    /// `[from, to]` pairs of notes that moved (also in `removed`/`added`).
    pub renamed: Vec<[String; 2]>,
    pub attachments_added: Vec<String>,
    pub attachments_removed: Vec<String>,
    pub relinked: usize,
    pub rescan: bool,
    pub elapsed_ms: f64,
    pub warnings: Vec<String>,
    /// The vault folder was deleted or moved away; `watch` stops after this.
    pub vault_gone: bool,
}

/// `hanji save --json`: what was saved.
#[derive(Serialize)]
pub struct Saved {
    pub path: String,
    /// 16 hexadecimal digits; `save --expect` takes it.
    pub hash: String,
}

/// `hanji hash --json`.
#[derive(Serialize)]
pub struct Hash {
    pub path: String,
    /// 16 hexadecimal digits, or `null` when there is no file.
    pub hash: Option<String>,
}

/// `mv`, `rm`: the plan, and whether it was carried out.
#[derive(Serialize)]
pub struct Plan {
    /// `"move"` or `"delete"`.
    pub operation: &'static str,
    pub from: String,
    /// The new path; absent for a delete.
    pub to: Option<String>,
    /// False with `--dry-run`.
    pub applied: bool,
    /// Whether a whole folder moves.
    pub folder: bool,
    pub moves: Vec<Move>,
    pub deletes: Vec<String>,
    /// Notes whose links are rewritten, in path order.
    pub notes: Vec<NoteEdits>,
    /// How many links are rewritten in all.
    pub edit_count: usize,
    /// Links that were unresolved and now lead to the moved file, which has
    /// the name they give.
    pub adopted: usize,
    /// Links to a deleted file, now unresolved (not edited).
    pub unresolved: usize,
}

#[derive(Serialize)]
pub struct Move {
    pub from: String,
    pub to: String,
}

#[derive(Serialize)]
pub struct NoteEdits {
    pub path: String,
    /// Where the note is after the operation.
    pub path_after: String,
    pub count: usize,
    pub edits: Vec<Edit>,
}

/// One rewritten link path: byte range in the note before the operation.
#[derive(Serialize)]
pub struct Edit {
    pub line: u32,
    pub start: usize,
    pub end: usize,
    pub old: String,
    pub new: String,
}

/// `new`: the note created.
#[derive(Serialize)]
pub struct Created {
    pub path: String,
    pub hash: String,
}

/// `undo`: what was undone.
#[derive(Serialize)]
pub struct Undone {
    pub undone: String,
}

/// `daily --json`: the day's note, and whether it was made just now.
#[derive(Serialize)]
pub struct Daily {
    pub path: String,
    /// YYYY-MM-DD.
    pub date: String,
    pub created: bool,
}
