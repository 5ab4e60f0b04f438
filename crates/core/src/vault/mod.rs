//! The vault owner: loads a folder into a queryable [`Vault`] and keeps it in
//! step with the folder.
//!
//! Loading runs the stages in order — scan, read and parse (in parallel),
//! resolve (in parallel), graph, tags — and keeps only metadata: note text is
//! dropped as soon as a note is parsed, so memory follows the number of links
//! and headings, not the size of the notes. Resolved links hold ids, never
//! strings to resolve again. `read` reads the notes (from disk or the cache
//! row); `link` resolves them and builds the kept [`Note`]s; `update` applies
//! files that changed; `restore` rebuilds a vault from its cache rows; `persist`
//! opens a vault from the cache and writes changes back (the only module of
//! the vault that knows the cache). Along with `scan` and `cache`, this is
//! the only code that reads files; it writes only to the cache it is handed,
//! never to the vault.

mod delta;
mod link;
mod persist;
mod read;
mod refresh;
mod restore;
mod update;

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;

pub use crate::content::Content;
use crate::diagnostic::Diagnostic;
use crate::error::VaultError;
use crate::graph::{LinkGraph, Node};
use crate::parse::{self, BlockId, ExternalLink, Heading, Link, TagUse, Task};
use crate::path::VaultPath;
use crate::resolve::{FileIndex, Resolution, Unresolved};
use crate::scan::{self, ScanEntry};
use crate::tags::TagIndex;
use crate::{AttachmentId, GhostId, NoteId};
pub use delta::{EdgeKey, GraphDelta, NodeKey, NodeKind};
use link::{assemble, assemble_note, ghost_key, resolve_all};
pub use persist::{CacheReport, Opened, Pending, Restored};
use read::{read_and_parse, Loaded};
pub use update::Update;

/// Notes larger than this are listed but not parsed. A 20 MB note still
/// parses; anything beyond this is almost certainly not prose.
pub const MAX_NOTE_BYTES: u64 = 64 * 1024 * 1024;

/// Set in a [`FileIndex`] id for an attachment; notes use their id as is.
pub(crate) const ATTACHMENT_BIT: u32 = 1 << 31;

/// Whether a link's `#anchor` exists in its target note.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnchorStatus {
    /// The link has no anchor, or points at an attachment (whose anchors, such
    /// as PDF pages, are not checked).
    NotChecked,
    Found,
    Broken,
}

/// What a link points at after resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Note { note: NoteId, anchor: AnchorStatus },
    Attachment(AttachmentId),
    Unresolved { ghost: GhostId, reason: Unresolved },
}

/// A parsed link together with what it resolved to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteLink {
    pub link: Link,
    pub target: Target,
    /// How many files matched equally well; above 1 the link is ambiguous.
    pub candidates: u32,
}

impl Target {
    /// The ghost an unresolved link points at.
    pub fn ghost(&self) -> Option<GhostId> {
        match self {
            Target::Unresolved { ghost, .. } => Some(*ghost),
            _ => None,
        }
    }
}

impl NoteLink {
    pub fn is_ambiguous(&self) -> bool {
        self.candidates > 1
    }
}

/// A note's metadata. The text itself is not kept.
#[derive(Debug, Clone)]
pub struct Note {
    pub path: VaultPath,
    /// Set only when the name on disk differs from `path` (not NFC); see
    /// [`Vault::disk_path`].
    disk_path: Option<PathBuf>,
    /// The content hash ([`crate::cache::content_hash`]) when known: from
    /// the cache, or computed when the note was read for a cached or live
    /// vault; `0` after a plain [`Vault::load`], which does not hash.
    pub hash: u64,
    pub size: u64,
    pub modified: Option<SystemTime>,
    pub content: Content,
    pub title: String,
    pub aliases: Vec<String>,
    pub headings: Vec<Heading>,
    pub tags: Vec<TagUse>,
    pub block_ids: Vec<BlockId>,
    pub tasks: Vec<Task>,
    pub links: Vec<NoteLink>,
    pub external_links: Vec<ExternalLink>,
}

#[derive(Debug, Clone)]
pub struct Attachment {
    pub path: VaultPath,
    pub disk_path: PathBuf,
}

/// A link target that does not exist, named as first written.
#[derive(Debug, Clone)]
pub struct Ghost {
    pub name: String,
}

/// Counts over the whole vault. Link counts are occurrences, embeds included;
/// `resolved + unresolved == links`; `ambiguous` and `broken_anchors` are
/// resolved links with a caveat.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    pub notes: usize,
    pub attachments: usize,
    pub links: usize,
    pub embeds: usize,
    pub resolved: usize,
    pub unresolved: usize,
    pub ambiguous: usize,
    pub broken_anchors: usize,
    pub external_links: usize,
    pub diagnostics: usize,
    pub tags: usize,
    pub tasks: usize,
}

/// A loaded vault. Cheap to query; changed only through live updates
/// ([`Vault::refresh`]), which keep it equal to a fresh load of the folder.
#[derive(Debug, Clone)]
pub struct Vault {
    root: PathBuf,
    notes: Vec<Note>,
    attachments: Vec<Attachment>,
    ghosts: Vec<Ghost>,
    files: FileIndex,
    graph: LinkGraph,
    tags: TagIndex,
    diagnostics: Vec<Diagnostic>,
    /// Built on the first live update.
    live: Option<update::LiveIndex>,
    /// Whether the disk ignores case in names; found on the first refresh.
    case_insensitive: Option<bool>,
    /// Symbolic links to folders that were followed: vault path, real folder.
    linked_folders: Vec<(String, PathBuf)>,
}

impl Vault {
    /// Loads the vault at `root`. Fails only when `root` is not a readable
    /// folder; every problem with individual files becomes a diagnostic.
    pub fn load(root: impl AsRef<Path>) -> Result<Vault, VaultError> {
        let root = root.as_ref().to_owned();
        let scan = scan::scan(&root)?;
        let loaded: Vec<Loaded> = scan.notes.into_par_iter().map(read_and_parse).collect();
        let mut vault = Self::finish(root, loaded, scan.attachments, scan.diagnostics);
        vault.linked_folders = scan.linked_folders;
        Ok(vault)
    }

    /// The stages after reading: resolve, assemble, then [`Vault::from_parts`].
    fn finish(
        root: PathBuf,
        loaded: Vec<Loaded>,
        scan_attachments: Vec<ScanEntry>,
        mut diagnostics: Vec<Diagnostic>,
    ) -> Vault {
        let files = FileIndex::new(
            loaded.iter().enumerate().map(|(i, l)| (l.entry.path.clone(), i as u32)).chain(
                scan_attachments
                    .iter()
                    .enumerate()
                    .map(|(i, a)| (a.path.clone(), ATTACHMENT_BIT | i as u32)),
            ),
        );
        let targets = resolve_all(&loaded, &files);
        let assembled: Vec<(Note, Vec<String>, Vec<Diagnostic>)> =
            loaded.into_par_iter().zip(targets).map(|(l, t)| assemble(&root, l, t)).collect();
        let mut notes: Vec<Note> = Vec::with_capacity(assembled.len());
        let mut tag_keys: Vec<Vec<String>> = Vec::with_capacity(assembled.len());
        for (note, keys, diags) in assembled {
            diagnostics.extend(diags);
            notes.push(note);
            tag_keys.push(keys);
        }
        let attachments: Vec<Attachment> = scan_attachments
            .into_iter()
            .map(|a| Attachment { path: a.path, disk_path: a.disk_path })
            .collect();
        Self::from_parts(root, notes, tag_keys, attachments, diagnostics, Some(files))
    }

    /// A vault from notes whose links are resolved (ghost ids aside), with
    /// their tag keys: hands out ghost ids, builds the tag index and the
    /// graph, and the file index unless it is given.
    fn from_parts(
        root: PathBuf,
        mut notes: Vec<Note>,
        tag_keys: Vec<Vec<String>>,
        attachments: Vec<Attachment>,
        mut diagnostics: Vec<Diagnostic>,
        files: Option<FileIndex>,
    ) -> Vault {
        // Ghost ids are handed out in note order, so they are deterministic
        // whatever the thread schedule was; the keys are computed in parallel.
        let keys: Vec<Vec<String>> = notes
            .par_iter()
            .map(|n| {
                n.links
                    .iter()
                    .filter(|l| matches!(l.target, Target::Unresolved { .. }))
                    .map(|l| ghost_key(&l.link.path))
                    .collect()
            })
            .collect();
        let mut ghosts: Vec<Ghost> = Vec::new();
        let mut ghost_ids: HashMap<String, GhostId> = HashMap::default();
        for (note, keys) in notes.iter_mut().zip(keys) {
            let unresolved =
                note.links.iter_mut().filter(|l| matches!(l.target, Target::Unresolved { .. }));
            for (l, key) in unresolved.zip(keys) {
                if let Target::Unresolved { ghost, .. } = &mut l.target {
                    let name = &l.link.path;
                    *ghost = *ghost_ids.entry(key).or_insert_with(|| {
                        ghosts.push(Ghost { name: name.trim().to_owned() });
                        GhostId(ghosts.len() as u32 - 1)
                    });
                }
            }
        }

        // The indexes do not depend on each other: build them side by side.
        let build_tags = || {
            let mut tags = TagIndex::default();
            for (i, (note, keys)) in notes.iter().zip(tag_keys).enumerate() {
                for (tag, key) in note.tags.iter().zip(keys) {
                    tags.add_keyed(NoteId(i as u32), key, &tag.name);
                }
            }
            tags.finish();
            tags
        };
        let build_graph = || {
            let mut graph = LinkGraph::new(notes.len(), attachments.len(), ghosts.len());
            for (i, note) in notes.iter().enumerate() {
                graph.add_links(
                    NoteId(i as u32),
                    note.links.iter().map(|l| (node_of(l.target), l.link.embed)),
                );
            }
            graph
        };
        let build_files = || {
            files.unwrap_or_else(|| {
                FileIndex::new(
                    notes.iter().enumerate().map(|(i, n)| (n.path.clone(), i as u32)).chain(
                        attachments
                            .iter()
                            .enumerate()
                            .map(|(i, a)| (a.path.clone(), ATTACHMENT_BIT | i as u32)),
                    ),
                )
            })
        };
        let ((tags, graph), files) = rayon::join(
            || rayon::join(build_tags, build_graph),
            || {
                crate::diagnostic::sort(&mut diagnostics);
                build_files()
            },
        );
        Vault {
            root,
            notes,
            attachments,
            ghosts,
            files,
            graph,
            tags,
            diagnostics,
            live: None,
            case_insensitive: None,
            linked_folders: Vec::new(),
        }
    }

    /// Where a note is on disk.
    pub fn disk_path(&self, id: NoteId) -> PathBuf {
        self.disk_path_of(self.note(id))
    }

    pub(crate) fn disk_path_of(&self, note: &Note) -> PathBuf {
        match &note.disk_path {
            Some(p) => p.clone(),
            None => self.root.join(note.path.as_str()),
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The folders listed through symbolic links: where each link is (under
    /// the root) and the real folder it leads to. Changes inside those
    /// folders are not seen by watching the root alone.
    pub fn linked_folders(&self) -> Vec<(PathBuf, PathBuf)> {
        self.linked_folders.iter().map(|(rel, real)| (self.root.join(rel), real.clone())).collect()
    }

    pub fn notes(&self) -> &[Note] {
        &self.notes
    }

    pub fn note(&self, id: NoteId) -> &Note {
        &self.notes[id.0 as usize]
    }

    pub fn attachments(&self) -> &[Attachment] {
        &self.attachments
    }

    pub fn attachment(&self, id: AttachmentId) -> &Attachment {
        &self.attachments[id.0 as usize]
    }

    pub fn ghost(&self, id: GhostId) -> &Ghost {
        &self.ghosts[id.0 as usize]
    }

    pub fn ghosts(&self) -> &[Ghost] {
        &self.ghosts
    }

    pub fn graph(&self) -> &LinkGraph {
        &self.graph
    }

    pub fn tags(&self) -> &TagIndex {
        &self.tags
    }

    /// Problems found while loading (unreadable files, malformed front matter…).
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    /// A label for any graph node: a note's title, an attachment's path, a
    /// ghost's link text.
    pub fn node_label(&self, node: Node) -> &str {
        match node {
            Node::Note(n) => &self.note(n).title,
            Node::Attachment(a) => self.attachment(a).path.as_str(),
            Node::Ghost(g) => &self.ghost(g).name,
        }
    }

    /// The vault path of a note or attachment node; a ghost's name otherwise.
    pub fn node_path(&self, node: Node) -> &str {
        match node {
            Node::Note(n) => self.note(n).path.as_str(),
            Node::Attachment(a) => self.attachment(a).path.as_str(),
            Node::Ghost(g) => &self.ghost(g).name,
        }
    }

    pub fn stats(&self) -> Stats {
        let mut s = Stats {
            notes: self.notes.len(),
            attachments: self.attachments.len(),
            diagnostics: self.diagnostics.len(),
            tags: self.tags.len(),
            ..Stats::default()
        };
        for note in &self.notes {
            s.external_links += note.external_links.len();
            s.tasks += note.tasks.len();
            for l in &note.links {
                s.links += 1;
                s.embeds += usize::from(l.link.embed);
                match l.target {
                    Target::Unresolved { .. } => s.unresolved += 1,
                    Target::Note { anchor, .. } => {
                        s.resolved += 1;
                        s.broken_anchors += usize::from(anchor == AnchorStatus::Broken);
                    }
                    Target::Attachment(_) => s.resolved += 1,
                }
                s.ambiguous += usize::from(l.is_ambiguous());
            }
        }
        s
    }

    /// Finds the note a command-line argument names, resolved like a wiki-link
    /// written at the vault root (`Developer`, `Interview/Developer.md`).
    pub fn find_note(&self, query: &str) -> Result<NoteId, VaultError> {
        let (path, _) = parse::link::split_anchor(query);
        match self.files.resolve("", path) {
            Resolution::Found { file, .. } if file & ATTACHMENT_BIT == 0 => Ok(NoteId(file)),
            Resolution::Found { .. } => Err(VaultError::NotANote { query: query.to_owned() }),
            Resolution::Unresolved(_) => Err(VaultError::NoteNotFound { query: query.to_owned() }),
        }
    }

    /// The note at exactly this vault path (no link resolution: `C# notes.md`
    /// is that file, not `C.md` with an anchor). Uses the live-update map
    /// once it exists; before any live update notes are in path order.
    pub fn note_by_path(&self, path: &str) -> Option<NoteId> {
        match &self.live {
            Some(live) => live.note_ids.get(&VaultPath::new(path)?).copied(),
            None => self
                .notes
                .binary_search_by(|n| n.path.as_str().cmp(path))
                .ok()
                .map(|i| NoteId(i as u32)),
        }
    }

    /// Resolves `link_path` as written in a note of folder `source_dir`.
    pub(crate) fn resolve_link_path(&self, source_dir: &str, link_path: &str) -> Option<Node> {
        match self.files.resolve(source_dir, link_path) {
            Resolution::Found { file, .. } if file & ATTACHMENT_BIT != 0 => {
                Some(Node::Attachment(AttachmentId(file & !ATTACHMENT_BIT)))
            }
            Resolution::Found { file, .. } => Some(Node::Note(NoteId(file))),
            Resolution::Unresolved(_) => None,
        }
    }

    /// The shortest link text a note in folder `source_dir` can write for the
    /// file at vault path `target`, proved by the resolver to mean that file
    /// alone (see [`FileIndex::shortest_link`]); `None` when no note or
    /// attachment has that path.
    pub fn shortest_link(&self, source_dir: &str, target: &str) -> Option<String> {
        self.files.shortest_link(source_dir, &VaultPath::new(target)?)
    }

    /// The path a new link from a note in `source_dir` to the file at
    /// `target` writes, as Obsidian writes new links: `newLinkFormat`'s form
    /// (the shortest unique name, the path from the note's folder, or from
    /// the root), proved by the resolver; for a Markdown link
    /// (`useMarkdownLinks`), with `.md` and encoded as a destination
    /// (`%20` for a space). `None` when no file has that path.
    pub fn new_link_path(
        &self,
        source_dir: &str,
        target: &str,
        format: crate::settings::LinkFormat,
        markdown: bool,
    ) -> Option<String> {
        use crate::ops::style::{link_text, Form};
        use crate::settings::LinkFormat;
        let target = VaultPath::new(target)?;
        let ix = self.files.ix_of(&target)?;
        let form = match format {
            LinkFormat::Shortest => Form::Name,
            LinkFormat::Relative => Form::Relative,
            LinkFormat::Absolute => Form::Full,
        };
        let text = link_text(&self.files, source_dir, &target, ix, form, markdown)?;
        if markdown {
            hanji_syntax::link::encode_markdown_dest(&text, false, false)
        } else {
            Some(text)
        }
    }

    /// The lookup tables links are resolved with (for the file-operation
    /// planner, which resolves links against the files as they will be).
    pub(crate) fn file_index(&self) -> &FileIndex {
        &self.files
    }

    /// Notes that link to nothing and that nothing links to.
    pub fn orphans(&self) -> Vec<NoteId> {
        (0..self.notes.len() as u32)
            .map(NoteId)
            .filter(|&n| self.graph.is_isolated(Node::Note(n)))
            .collect()
    }
}

/// The graph node a link target is.
pub fn node_of(target: Target) -> Node {
    match target {
        Target::Note { note, .. } => Node::Note(note),
        Target::Attachment(a) => Node::Attachment(a),
        Target::Unresolved { ghost, .. } => Node::Ghost(ghost),
    }
}
