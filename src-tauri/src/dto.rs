//! The shapes the web view receives: one DTO per answer or event, serialised
//! with snake_case fields. Each derives `TS` as well as `Serialize`, so the
//! UI's types (`ui/src/bindings.ts`, written by `bindings.rs`) come from these
//! definitions and cannot drift from them; a `&'static str` code gets its
//! TypeScript union here, next to the field. Core types are never serialised;
//! the commands convert them here. Nothing in this module touches the vault
//! or the disk.
//!
//! Keys the UI compares by (a tag's key, a heading's anchor) are computed on
//! this side, with `hanji_syntax`'s one rule, and sent along: the UI never
//! lower-cases, normalises or splits names itself.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use hanji_core::VaultError;
use hanji_live::LiveError;
use hanji_search::SearchError;
use hanji_syntax::link::Anchor;

/// A command's failure. `code` is stable (the UI branches on it); `message`
/// is for people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ApiError {
    /// Every code the shell uses (`bindings.rs` checks the list against the
    /// sources). `vault_failed`: a change could not be applied and the vault
    /// could not be read again; `not_allowed`: a folder the user did not
    /// choose; `conflict`: the note changed on disk since it was read, and
    /// nothing was written; `not_editable`: the note can be read but not
    /// edited safely (the message says why); `save_failed`: the disk
    /// refused the write, which did not happen; `exists`: a file operation
    /// would land on a path that is taken; `bad_name`: a name links could
    /// not say (or hidden, or changing a note's kind); `refused`: a file
    /// operation that would break a link, or that the disk refused before
    /// anything changed; `nothing_to_undo`; `bad_setting`: a value a
    /// setting does not take; `settings_malformed`: a settings file that is
    /// not valid JSON, left as it is; `no_template`: no templates folder, or
    /// no such template in it, or it cannot be read.
    #[ts(
        type = r#""vault_not_found" | "not_a_folder" | "vault_unreadable" | "vault_failed" | "no_vault" | "not_allowed" | "note_not_found" | "bad_query" | "search_failed" | "cancelled" | "conflict" | "not_editable" | "save_failed" | "exists" | "bad_name" | "refused" | "nothing_to_undo" | "bad_setting" | "settings_malformed" | "no_template" | "internal""#
    )]
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
        // Each arm names its code in an `ApiError::new` call, where the
        // bindings test finds every code the shell can send.
        let message = e.to_string();
        match &e {
            VaultError::NotFound { .. } => ApiError::new("vault_not_found", message),
            VaultError::NotADirectory { .. } => ApiError::new("not_a_folder", message),
            VaultError::NoteNotFound { .. } | VaultError::NotANote { .. } => {
                ApiError::new("note_not_found", message)
            }
            _ => ApiError::new("vault_unreadable", message),
        }
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
        use hanji_live::{SaveError, SourceError, WriteError};
        match e {
            LiveError::Vault(v) => v.into(),
            LiveError::Search(s) => s.into(),
            LiveError::Source(SourceError::NotANote { path })
            | LiveError::Save(SaveError::NotANote { path }) => ApiError::note_not_found(&path),
            LiveError::Source(SourceError::Io { source, .. }) => {
                ApiError::new("vault_unreadable", source.to_string())
            }
            LiveError::Source(why) => ApiError::new("not_editable", why.to_string()),
            LiveError::Save(SaveError::Lossy { path }) => {
                ApiError::new("not_editable", format!("{path} is not valid UTF-8"))
            }
            LiveError::Save(SaveError::Write(WriteError::Conflict { .. })) => ApiError::new(
                "conflict",
                "the note changed on disk since it was opened; nothing was written",
            ),
            LiveError::Save(SaveError::Write(WriteError::Io { source, .. })) => {
                ApiError::new("save_failed", format!("the note was not saved: {source}"))
            }
            LiveError::Save(SaveError::Write(WriteError::ReadOnly { .. })) => {
                ApiError::new("save_failed", "the note was not saved: it is read-only on disk")
            }
            LiveError::Ops(e) => e.into(),
            LiveError::Attach(hanji_live::AttachError::NotANote { note }) => {
                ApiError::note_not_found(&note)
            }
            LiveError::Attach(e @ hanji_live::AttachError::BadName { .. }) => {
                ApiError::new("bad_name", e.to_string())
            }
            LiveError::Attach(e) => {
                ApiError::new("save_failed", format!("the attachment was not saved: {e}"))
            }
            failed @ LiveError::Failed { .. } => ApiError::new("vault_failed", failed.to_string()),
            other => ApiError::new("vault_unreadable", other.to_string()),
        }
    }
}

impl From<hanji_core::settings::schema::WriteSettingError> for ApiError {
    fn from(e: hanji_core::settings::schema::WriteSettingError) -> ApiError {
        use hanji_core::settings::schema::WriteSettingError as W;
        use hanji_core::settings::SettingsError as S;
        let message = e.to_string();
        match e {
            W::Value(_) => ApiError::new("bad_setting", message),
            W::File(S::Malformed { .. }) => ApiError::new("settings_malformed", message),
            W::File(S::Changed { .. }) => ApiError::new("conflict", message),
            W::File(S::Io { .. }) => ApiError::new("save_failed", message),
        }
    }
}

impl From<hanji_core::settings::hotkeys::WriteError> for ApiError {
    fn from(e: hanji_core::settings::hotkeys::WriteError) -> ApiError {
        use hanji_core::settings::hotkeys::WriteError as W;
        use hanji_core::settings::SettingsError as S;
        let message = e.to_string();
        match e {
            W::Hotkey(_) => ApiError::new("bad_setting", message),
            W::Settings(S::Malformed { .. }) => ApiError::new("settings_malformed", message),
            W::Settings(S::Changed { .. }) => ApiError::new("conflict", message),
            W::Settings(S::Io { .. }) => ApiError::new("save_failed", message),
        }
    }
}

impl From<hanji_live::TemplateError> for ApiError {
    fn from(e: hanji_live::TemplateError) -> ApiError {
        ApiError::new("no_template", e.to_string())
    }
}

impl From<hanji_live::OpsError> for ApiError {
    fn from(e: hanji_live::OpsError) -> ApiError {
        use hanji_core::ops::{ApplyError, PlanError};
        use hanji_live::{OpsError, SaveError, WriteError};
        let m = e.to_string();
        match &e {
            OpsError::Plan(PlanError::NotFound { .. }) => ApiError::new("note_not_found", m),
            OpsError::Plan(PlanError::Exists { .. })
            | OpsError::Apply(ApplyError::Exists { .. })
            | OpsError::Save(SaveError::Write(WriteError::Conflict { .. })) => {
                ApiError::new("exists", m)
            }
            OpsError::Plan(PlanError::BadName { .. } | PlanError::Same { .. }) => {
                ApiError::new("bad_name", m)
            }
            OpsError::Apply(ApplyError::Changed { .. }) => ApiError::new("conflict", m),
            OpsError::Apply(ApplyError::NothingToUndo) => ApiError::new("nothing_to_undo", m),
            OpsError::Apply(ApplyError::Step { .. } | ApplyError::Recover { .. }) => {
                ApiError::new("vault_failed", m)
            }
            _ => ApiError::new("refused", m),
        }
    }
}

/// A file operation, as the UI asks for it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum OperationArg {
    /// Rename or move a note, attachment or folder.
    Move { from: String, to: String },
    /// Delete one (into the trash the vault's settings name).
    Delete { path: String },
    /// Files were renamed outside Hanji, `[was, now]`: rewrite the links
    /// that led to the old paths.
    Relink { pairs: Vec<[String; 2]> },
    /// Rename the heading `old` of the note at `note` to `new`, with every
    /// link that points at it.
    RenameHeading { note: String, old: String, new: String },
}

/// What a file operation does (or did): the preview the UI shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PlanView {
    /// `Rename "a" to "b"`-style description of the operation.
    pub label: String,
    /// Every file that moves (a folder's contents included): from, to.
    pub moves: Vec<PlanMove>,
    pub deletes: Vec<String>,
    /// Notes whose links are rewritten, in path order, with how many.
    pub notes: Vec<PlanNote>,
    pub edit_count: u32,
    /// Unresolved links that will lead to the moved file (they name it by
    /// its new name).
    pub adopted: u32,
    /// Links to a deleted file, which will be unresolved.
    pub unresolved: u32,
    /// `app.json`'s `alwaysUpdateLinks`: a rename or move is done without
    /// showing this plan first (Undo still offered).
    pub always_update_links: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PlanMove {
    pub from: String,
    pub to: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PlanNote {
    pub path: String,
    pub path_after: String,
    pub count: u32,
}

/// The label of what `undo_operation` would undo, if anything.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct UndoInfo {
    pub label: Option<String>,
}

/// A day's note (`open_daily`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DailyNoteView {
    pub path: String,
    /// YYYY-MM-DD.
    pub date: String,
    /// Made just now from its template: the editor opens it with the cursor
    /// at the end.
    pub created: bool,
}

/// One setting of the settings view, with its value now.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SettingView {
    /// The file in `.obsidian/` (`app.json`, `daily-notes.json`, …).
    pub file: String,
    pub key: String,
    /// The section it is listed under.
    pub section: String,
    pub label: String,
    pub help: String,
    #[ts(type = r#""bool" | "text" | "folder" | "note" | "choice" | "hour" | "number" | "list""#)]
    pub kind: &'static str,
    /// For a choice: its values and their words.
    pub options: Vec<SettingOption>,
    /// The value in the file, or the default when the key is missing.
    #[ts(type = "boolean | number | string | string[]")]
    pub value: serde_json::Value,
    /// For a number: the least and the most it may be.
    #[ts(type = "number | null")]
    pub min: Option<u64>,
    #[ts(type = "number | null")]
    pub max: Option<u64>,
    /// Why the file cannot be read (its settings cannot be changed until
    /// it is fixed); null when it can.
    pub error: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SettingOption {
    pub value: String,
    pub label: String,
}

/// The settings view's content.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SettingsView {
    pub settings: Vec<SettingView>,
    /// Where today's daily note is, by the settings now (null when the
    /// format writes no usable name).
    pub daily_preview: Option<String>,
}

/// A pasted or dropped file, saved as an attachment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AttachmentSaved {
    pub path: String,
    /// What the note writes to embed it (`![[…]]` or `![](…)`).
    pub link: String,
}

/// The link texts the editor's completion inserts, as `app.json` says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LinkTexts {
    /// `useMarkdownLinks`: write `[name](path)`, each text a destination
    /// (`.md` written, encoded); else `[[text]]`.
    pub markdown: bool,
    /// One per target, in order.
    pub texts: Vec<String>,
}

/// The templates folder and its notes, for the Insert template picker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TemplateList {
    /// `templates.json`'s folder; null when none is set.
    pub folder: Option<String>,
    /// Vault paths, in path order.
    pub templates: Vec<String>,
}

/// What inserting a template changes in the editor's text: edits in order,
/// in UTF-16 offsets of the text as it was, applied as one change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TemplateInsertion {
    pub edits: Vec<TemplateEdit>,
    /// Where the cursor goes once the edits are made (after the body).
    pub cursor: u32,
    /// Why the front matter was not merged (it is not valid YAML).
    pub warning: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TemplateEdit {
    pub from: u32,
    pub to: u32,
    pub insert: String,
}

/// `.obsidian/graph.json`, as the graph view's controls show and change it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct GraphSettingsView {
    pub search: String,
    pub show_tags: bool,
    pub show_attachments: bool,
    pub hide_unresolved: bool,
    pub show_orphans: bool,
    pub color_groups: Vec<ColorGroupView>,
    pub show_arrow: bool,
    pub text_fade_multiplier: f64,
    pub node_size_multiplier: f64,
    pub line_size_multiplier: f64,
    pub center_strength: f64,
    pub repel_strength: f64,
    pub link_strength: f64,
    pub link_distance: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ColorGroupView {
    pub query: String,
    /// `0xRRGGBB`.
    pub rgb: u32,
    pub alpha: f64,
}

/// The local graph's own settings (kept in `.obsidian/hanji.json`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LocalGraphView {
    pub depth: u32,
    pub incoming: bool,
    pub outgoing: bool,
    pub neighbours: bool,
}

/// A graph view's content, column by column (one entry a node in each of
/// `ids`…`distances`; one a edge in `sources` and `targets`, indexes into
/// the nodes): a 10,000-note graph is a few arrays, not 60,000 objects.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct GraphData {
    /// Which answer this is: asking again with it (`since`) answers with
    /// what changed since, a [`GraphViewDelta`], where that is smaller.
    pub generation: u32,
    /// Stable across updates: a vault path, `#key` for a tag, `?` + the
    /// link text for an unresolved target.
    pub ids: Vec<String>,
    pub labels: Vec<String>,
    /// 0 note, 1 attachment, 2 unresolved, 3 tag.
    pub kinds: Vec<u8>,
    pub degrees: Vec<u32>,
    /// The colour group (an index into `settings.color_groups`); -1: none.
    pub groups: Vec<i32>,
    /// From the centre, in a local graph; -1 in the global one.
    pub distances: Vec<i32>,
    pub sources: Vec<u32>,
    pub targets: Vec<u32>,
    pub settings: GraphSettingsView,
    pub local: LocalGraphView,
    /// Draw with Canvas 2D even where WebGL works: `hanji.json`'s
    /// `graphRenderer` is `canvas`, or the window draws without hardware
    /// acceleration (see `rendering.rs`).
    pub prefer_canvas: bool,
    /// What of the settings could not be used (a query that does not parse).
    pub warnings: Vec<String>,
}

/// What changed in a graph view since the generation the view has: nodes
/// gone (with their edges), nodes new or changed (whole, as columns like
/// [`GraphData`]'s), and edges added or removed, by node id.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct GraphViewDelta {
    pub generation: u32,
    pub removed: Vec<String>,
    pub ids: Vec<String>,
    pub labels: Vec<String>,
    pub kinds: Vec<u8>,
    pub degrees: Vec<u32>,
    pub groups: Vec<i32>,
    pub distances: Vec<i32>,
    pub added_sources: Vec<String>,
    pub added_targets: Vec<String>,
    pub removed_sources: Vec<String>,
    pub removed_targets: Vec<String>,
    pub settings: GraphSettingsView,
    pub local: LocalGraphView,
    pub warnings: Vec<String>,
}

/// The graph view's answer: the whole view, or what changed since.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum GraphUpdate {
    Whole(GraphData),
    Delta(GraphViewDelta),
}

/// One tab of the workspace: its history's places (path and scroll
/// offset, oldest first) and where it is in them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TabPlacesView {
    pub paths: Vec<String>,
    pub scrolls: Vec<f64>,
    pub index: u32,
}

/// One pane's tabs, in order, and the active one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PaneTabsView {
    pub tabs: Vec<TabPlacesView>,
    pub active: u32,
}

/// A node of the panes' layout, in preorder: a split (`row`: side by side,
/// `column`: one above the other) with its number of children, or, with no
/// `dir`, a pane (the next of `WorkspaceView.panes`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct LayoutNodeView {
    #[ts(type = r#""row" | "column" | null"#)]
    pub dir: Option<String>,
    pub children: u32,
    /// A split's share of its room for each child; empty: even shares.
    #[serde(default)]
    pub sizes: Vec<f64>,
}

/// The note area of a vault as it was left: its panes and their layout
/// (empty: one pane), the active pane, and the notes opened last.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct WorkspaceView {
    pub panes: Vec<PaneTabsView>,
    pub layout: Vec<LayoutNodeView>,
    /// The active pane.
    pub active: u32,
    /// The notes opened last, across tabs, newest first (the quick
    /// switcher's list before anything is typed).
    pub recent: Vec<String>,
}

/// Node positions kept between runs (cache), by id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct GraphPositions {
    pub ids: Vec<String>,
    pub x: Vec<f32>,
    pub y: Vec<f32>,
}

/// A month of the calendar panel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CalendarView {
    /// YYYY-MM.
    pub month: String,
    /// The month as the locale writes it (`2026년 12월`, `December 2026`).
    pub title: String,
    /// YYYY-MM-DD, by the day-start hour.
    pub today: String,
    /// The weekdays' short names, in the order the weeks start.
    pub weekdays: Vec<String>,
    /// "Today" in the locale.
    pub today_label: String,
    pub weeks: Vec<CalendarWeek>,
    /// `daily-notes.json`'s `autorun`: open today's note at launch.
    pub autorun: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CalendarWeek {
    /// The locale's week number.
    pub number: u32,
    pub days: Vec<CalendarDay>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CalendarDay {
    /// YYYY-MM-DD.
    pub date: String,
    pub day: u8,
    /// The day is in the month shown (not a neighbour's day filling a week).
    pub in_month: bool,
    /// The day's daily note, if it has one.
    pub path: Option<String>,
    /// Its size in bytes (0 without a note): the dot's size.
    #[ts(type = "number")]
    pub size: u64,
}

/// A note created: its path and the hash a save of it expects.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CreatedNote {
    pub path: String,
    pub hash: String,
}

/// A note opened for editing: every byte of its text, and the hash a save
/// of it expects (16 hex digits; a JavaScript number cannot hold 64 bits).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct NoteSource {
    pub path: String,
    pub text: String,
    pub hash: String,
}

/// A save that happened: the hash of what is on disk now, to expect next.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SavedNote {
    pub hash: String,
}

/// What `[[Note#` and `[[Note#^` can complete to: the headings and block
/// ids of the note a link names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct NoteAnchors {
    /// The note the link resolved to.
    pub path: String,
    pub headings: Vec<AnchorHeading>,
    pub blocks: Vec<AnchorBlock>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AnchorHeading {
    pub level: u8,
    /// As written after the `#`s.
    pub text: String,
    /// What a link writes after `#` to point at it (`hanji_syntax::heading::link_text`).
    pub link: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AnchorBlock {
    /// Without `^`.
    pub id: String,
    /// The line that carries it, without the id.
    pub text: String,
}

/// Markdown rendered as part of a note (an embed, a table or a callout of
/// the editor's live preview): sanitized HTML, as `NoteView.html`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Fragment {
    pub html: String,
    /// The front matter's properties, when the text starts with one.
    pub properties: Vec<Property>,
}

/// One hotkey, as `.obsidian/hotkeys.json` writes it: modifiers (`Mod`,
/// `Ctrl`, `Meta`, `Shift`, `Alt`, in that order) and a key as the web
/// names it (`D`, `ArrowLeft`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct HotkeyView {
    pub modifiers: Vec<String>,
    pub key: String,
}

/// A command's hotkeys as set in the vault (an empty list: none, its
/// default taken away).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CommandHotkeys {
    /// The command's id in hotkeys.json (Obsidian's, where Hanji's command
    /// is one of Obsidian's; else `hanji:…`).
    pub command: String,
    pub hotkeys: Vec<HotkeyView>,
}

/// The hotkeys set in the vault; commands not listed have their defaults.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct HotkeysView {
    pub commands: Vec<CommandHotkeys>,
    /// Why hotkeys.json cannot be read (then nothing can be changed until
    /// it is fixed, and the defaults apply); null when it can.
    pub error: Option<String>,
}

/// What a page preview shows (a link hovered with Ctrl held): the note a
/// link names, or only the section or block its anchor names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct NotePreview {
    pub path: String,
    pub title: String,
    /// The heading or block shown (`Heading`, `^id`); `None` for the whole
    /// note, also when the anchor names nothing in it (then the note is
    /// shown, as Obsidian does).
    pub part: Option<String>,
    /// Sanitized HTML, as `NoteView.html`.
    pub html: String,
    /// The note's properties (none when a part is shown).
    pub properties: Vec<Property>,
}

/// What a link in the editor points at, for Ctrl+click.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LinkTarget {
    /// The note or attachment, a vault path.
    pub path: String,
    /// The element id of the heading or block the link names in the reading
    /// view (as `data-anchor` of a rendered link), if any.
    pub anchor: Option<String>,
}

/// A content hash as the UI holds it.
pub fn hash_text(hash: u64) -> String {
    format!("{hash:016x}")
}

/// The hash the UI sent back; `None` when it is not 16 hex digits.
pub fn hash_of(text: &str) -> Option<u64> {
    (text.len() == 16).then(|| u64::from_str_radix(text, 16).ok()).flatten()
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct VaultInfo {
    pub root: String,
    pub name: String,
    pub notes: usize,
    pub attachments: usize,
    pub links: usize,
    pub tags: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TreeNode {
    pub name: String,
    /// Vault path; "" for the root.
    pub path: String,
    #[ts(type = r#""folder" | "note" | "attachment""#)]
    pub kind: &'static str,
    /// Notes in this folder and below (1 for a note, 0 for an attachment).
    pub note_count: usize,
    /// Files (notes and attachments) in this folder and below: what the
    /// tree lists under it (1 for a file).
    pub file_count: usize,
    /// Folders first, then files, each sorted by name.
    pub children: Vec<TreeNode>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Property {
    pub key: String,
    /// Lists are joined with ", ".
    pub value: String,
    /// For the key that holds the note's tags (`tags`): each tag, without
    /// `#`, shown as a tag rather than as text; empty for any other key.
    pub tags: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct OutlineItem {
    pub level: u8,
    pub text: String,
    /// The heading element's id in `html`, without the renderer's `N-`
    /// prefix; empty when the heading has no id.
    pub anchor: String,
    pub line: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct NoteView {
    pub path: String,
    pub title: String,
    /// Sanitized HTML of the note body (front matter excluded), as
    /// `hanji-render` documents it: internal links are `<a
    /// class="internal-link" data-path="…" data-anchor="…">` (the extra class
    /// `unresolved` and `data-target` when nothing matches), with
    /// `data-anchor` the id of the element the link points at; external links
    /// are `<a class="external-link" href="…">`; every id the note brings
    /// (headings, block ids `^id`, footnotes) starts with `N-`; images from
    /// the vault use `vault://localhost/<encoded vault path>` URLs; embedded
    /// notes are `<div class="embed" data-path="…">`; inline tags `<a
    /// class="tag" data-tag="…">`; callouts `<div class="callout"
    /// data-callout="…">` with a `callout-title`; code blocks `<pre><code
    /// class="language-x">`.
    pub html: String,
    pub properties: Vec<Property>,
    pub outline: Vec<OutlineItem>,
    /// Front-matter tags, then inline tags, as first written, without `#`.
    pub tags: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Mention {
    pub source: String,
    pub source_title: String,
    pub line: u32,
    /// The source line as the note reads (no Markdown around the words),
    /// cut to 160 characters around the mention.
    pub snippet: String,
    /// Where the mention is in `snippet` (the link's text, or the title,
    /// alias or file name written): `[start, end)` code points.
    pub highlights: Vec<(u32, u32)>,
}

/// One page of a note's linked mentions: the mentions from `limit` source
/// notes starting at `offset` (in path order), and the totals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LinkedPage {
    /// How many notes link here.
    pub notes: usize,
    /// How many links (embeds included) point here from those notes.
    pub links: usize,
    /// Index of the page's first source note.
    pub offset: usize,
    /// Every mention from the page's source notes, by source then line.
    pub mentions: Vec<Mention>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct OutgoingLink {
    /// The link as written (`Note#Heading`).
    pub target: String,
    /// The resolved vault path; null when unresolved.
    pub path: Option<String>,
    #[ts(type = r#""note" | "attachment" | "unresolved""#)]
    pub kind: &'static str,
    /// The id (without `N-`) of the element the link points at in the target
    /// note, as the rendered link's `data-anchor` gives it; null without
    /// `#anchor`.
    pub anchor: Option<String>,
    pub line: u32,
}

/// The element id (before the renderer's `N-`) a link's anchor points at:
/// the last heading of a chain as `hanji_syntax::heading::anchor` makes it, or
/// a block's `^id` in lower case, as block elements are named. The same
/// answer as the rendered link's `data-anchor` (a test below holds the two
/// together).
pub fn link_anchor(anchor: &Anchor) -> String {
    anchor.element_id()
}

/// One tag with its counts. Listed in key order, implied parents included
/// (`a` for `a/b`), so a tag's parent always comes before it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TagCount {
    /// The tag as first written, without `#`.
    pub name: String,
    /// What tags are compared by (`hanji_syntax::tag::key`: no `#`, NFC,
    /// lower case); `Rust` and `rust` share one.
    pub key: String,
    /// The key of the tag this one nests under (`a/b` for `a/b/c`); null
    /// for a top-level tag.
    pub parent: Option<String>,
    /// Notes that carry exactly this tag.
    pub notes: usize,
    /// Notes that carry this tag or one nested under it.
    pub notes_with_children: usize,
}

impl From<hanji_core::tags::TagCount> for TagCount {
    fn from(t: hanji_core::tags::TagCount) -> TagCount {
        let key = hanji_syntax::tag::key(&t.name);
        let parent = hanji_syntax::tag::ancestors(&key).last().map(str::to_owned);
        TagCount {
            name: t.name,
            key,
            parent,
            notes: t.notes,
            notes_with_children: t.notes_with_children,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct NoteRef {
    pub path: String,
    pub title: String,
}

/// The notes of one tag (and of the tags nested under it), in path order,
/// with the key the tag asked for compares by: a tag named in a note
/// (`#Rust`) is found in the tag list (`rust`) by this key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TagNotes {
    pub key: String,
    pub notes: Vec<NoteRef>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SearchHit {
    pub path: String,
    pub title: String,
    pub line: u32,
    pub snippet: String,
    /// `[start, end)` offsets into `snippet`, counted in Unicode code points
    /// (not UTF-16 units: iterate with `Array.from(snippet)`).
    pub highlights: Vec<(u32, u32)>,
    /// Every line of the note with a match, in order (the first 20), each
    /// shown and marked as `snippet` is.
    pub lines: Vec<SearchLine>,
    /// How many matches the note has in all.
    pub matches: u32,
}

/// One matching line of a search hit.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SearchLine {
    pub line: u32,
    pub snippet: String,
    /// As [`SearchHit::highlights`].
    pub highlights: Vec<(u32, u32)>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SearchResults {
    pub total: usize,
    pub hits: Vec<SearchHit>,
    /// Terms of the query the index cannot search, each a sentence saying
    /// what was done with it (ignored, or matching nothing).
    pub unsearchable: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SwitcherItem {
    pub path: String,
    pub title: String,
    pub aliases: Vec<String>,
    /// In the vault's excluded files (`userIgnoreFilters`): listed after
    /// the rest, as Obsidian makes them less noticeable.
    pub excluded: bool,
}

/// The `vault://progress` event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Progress {
    #[ts(type = r#""scan" | "load" | "index" | "ready""#)]
    pub phase: &'static str,
    pub message: String,
    /// Notes done so far in this phase, out of `total`; `total` is 0 when
    /// the phase is not counted.
    pub done: usize,
    pub total: usize,
}

/// The `vault://changed` event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct VaultChanged {
    pub added: Vec<String>,
    pub modified: Vec<String>,
    pub removed: Vec<String>,
    /// `[from, to]` pairs of notes that moved (also in `removed`/`added`).
    pub renamed: Vec<[String; 2]>,
    /// The change is Hanji's own save, not another program's.
    pub own_write: bool,
    /// The change is one of Hanji's file operations (its label): its
    /// renames were done by Hanji, links updated already.
    pub operation: Option<String>,
    /// The vault folder was deleted or moved away; nothing more will come.
    pub vault_gone: bool,
    /// Problems that did not stop the change (an index or cache not
    /// written, a folder that could not be watched).
    pub warnings: Vec<String>,
    /// How the link graph changed.
    pub graph: GraphDelta,
    /// This event ends the comparison of a vault opened from its cache with
    /// the disk: it lists what changed while the vault was closed, and
    /// search is up to date from now on.
    pub verified: bool,
}

/// A node of the link graph, keyed by `id`: a vault path for notes and
/// attachments, the normalised link text for a ghost (a target that does
/// not exist).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct GraphNode {
    pub id: String,
    #[ts(type = r#""note" | "attachment" | "ghost""#)]
    pub kind: &'static str,
}

/// Every link from one note (`source`, a vault path) to one node.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct GraphEdge {
    pub source: String,
    pub target: String,
    #[ts(type = r#""note" | "attachment" | "ghost""#)]
    pub target_kind: &'static str,
    pub links: u32,
    pub embeds: u32,
}

/// What one change did to the link graph. An edge whose counts changed is
/// in both lists (old counts removed, new ones added); the edges of a
/// removed node are listed as removed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Renders `text` with every link resolving to `Note.md`.
    fn rendered(text: &str) -> String {
        struct AllNote;
        impl hanji_render::Context for AllNote {
            fn resolve(&self, _: &str) -> hanji_render::Resolved {
                hanji_render::Resolved::Note { path: "Note.md".to_owned() }
            }
            fn embed_text(&self, _: &str, _: Option<&str>) -> Option<String> {
                None
            }
            fn asset_url(&self, p: &str) -> String {
                p.to_owned()
            }
        }
        hanji_render::render_note(text, &AllNote).html
    }

    #[test]
    fn outgoing_anchors_are_the_rendered_links_data_anchor() {
        for link in ["Note#A: **B**", "Note#Top#면접  질문", "Note#^Block-1", "Note#C# ", "#Local"]
        {
            let (_, anchor) = hanji_syntax::link::split_anchor(link);
            let anchor = link_anchor(&anchor.expect(link));
            let html = rendered(&format!("[[{link}]]"));
            assert!(
                html.contains(&format!(r#"data-anchor="{anchor}""#)),
                "{link}: {anchor} in {html}"
            );
        }
    }

    #[test]
    fn tag_counts_carry_the_key_and_the_parent_key() {
        let dto = |name: &str| {
            TagCount::from(hanji_core::tags::TagCount {
                name: name.to_owned(),
                notes: 1,
                notes_with_children: 2,
                occurrences: 1,
            })
        };
        let nested = dto("Lang/Rust/Async");
        assert_eq!(nested.key, "lang/rust/async");
        assert_eq!(nested.parent.as_deref(), Some("lang/rust"));
        assert_eq!(nested.name, "Lang/Rust/Async");
        let top = dto("면접");
        assert_eq!((top.key.as_str(), top.parent), ("면접", None));
    }
}
