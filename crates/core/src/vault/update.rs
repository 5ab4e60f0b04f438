//! Live updates: applying files that appeared, changed or disappeared to a
//! loaded [`Vault`] without loading it again.
//!
//! The rule that keeps this small: a link can only resolve to a file whose
//! [`file_key`] equals the link's [`link_key`]. So when a file comes or goes,
//! only the notes holding a link with that key are resolved again; when a
//! note's headings or block ids change, only the notes linking to it are.
//! Ids stay dense: a removed note, attachment or ghost hands its id to the
//! last one of its kind, and every reference to that one is renumbered. After
//! any sequence of updates the vault describes the same notes, links, tags
//! and graph as a fresh load of the folder; only the ids may differ.
//!
//! This module does no IO: `refresh` looks at the disk and hands it the
//! changes.

use rayon::prelude::*;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::delta::{kind_of, DeltaLog, GraphDelta, NodeKey, NodeKind};
use super::link::{ghost_key, heading_chain_exists, is_relative};
use super::read::Loaded;
use super::{assemble_note, Attachment, Ghost, Note, Target, Vault, ATTACHMENT_BIT};
use crate::cache::CacheRow;
use crate::diagnostic::DiagnosticKind;
use crate::graph::{EdgeWeight, Node};
use crate::parse::Anchor;
use crate::path::VaultPath;
use crate::resolve::{file_key, link_key, Resolution};
use crate::scan::ScanEntry;
use crate::tags::{tag_key, TagIndex};
use crate::{AnchorStatus, AttachmentId, GhostId, NoteId};
use hanji_syntax::heading;

/// The lookup tables live updates need and one-shot loads do not, built on
/// the first update.
#[derive(Debug, Clone, Default)]
pub(super) struct LiveIndex {
    pub(super) note_ids: HashMap<VaultPath, NoteId>,
    pub(super) attachment_ids: HashMap<VaultPath, AttachmentId>,
    ghost_ids: HashMap<String, GhostId>,
    /// For each link key, the notes with at least one link of that key.
    /// Built on the first update that changes something (a reopen that
    /// finds nothing changed never needs it).
    by_link_key: HashMap<String, Vec<NoteId>>,
    link_keys_ready: bool,
    /// What the update in progress did to the graph (taken at its end).
    delta: DeltaLog,
}

/// One file to apply.
pub(super) enum FileChange {
    /// A note read from disk (new or changed).
    Note(Box<Loaded>),
    /// An attachment that exists (new, or touched).
    Attachment(ScanEntry),
    /// A file that is gone.
    Removed(VaultPath),
}

/// What an update did, by path.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Update {
    /// Notes that appeared.
    pub added: Vec<VaultPath>,
    /// Notes whose content changed.
    pub modified: Vec<VaultPath>,
    /// Notes read again whose content had not changed (a `touch`, an editor
    /// saving the same text): nothing to tell anyone.
    pub unchanged: Vec<VaultPath>,
    /// Notes that moved: one path disappeared and a new one appeared with
    /// the same content (by hash), `(from, to)`. Both paths are in `removed`
    /// and `added` as well (every other record keeps to those two).
    pub renamed: Vec<(VaultPath, VaultPath)>,
    /// Notes that are gone.
    pub removed: Vec<VaultPath>,
    pub attachments_added: Vec<VaultPath>,
    pub attachments_removed: Vec<VaultPath>,
    /// Notes whose links were resolved again (the changed notes included).
    pub relinked: Vec<VaultPath>,
    /// Cache rows for the notes that were read.
    pub cache_rows: Vec<CacheRow>,
    /// What changed in the link graph, by path.
    pub graph: GraphDelta,
}

impl Update {
    /// Whether nothing changed (notes read again unchanged do not count).
    pub fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.modified.is_empty()
            && self.removed.is_empty()
            && self.attachments_added.is_empty()
            && self.attachments_removed.is_empty()
    }
}

/// Diagnostics that only a folder listing gives (an unreadable folder is
/// one too, but an unreadable note is not: see `rescan_into`).
pub(super) fn is_listing_kind(kind: DiagnosticKind) -> bool {
    matches!(
        kind,
        DiagnosticKind::SymlinkLoop
            | DiagnosticKind::NonUnicodeName
            | DiagnosticKind::DuplicatePath
    )
}

fn distinct_link_keys(note: &Note) -> Vec<String> {
    let mut keys: Vec<String> = note
        .links
        .iter()
        .filter(|l| !l.link.path.is_empty())
        .map(|l| if is_relative(&l.link.path) { String::new() } else { link_key(&l.link.path) })
        .collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

fn tag_keys(note: &Note) -> Vec<String> {
    note.tags.iter().map(|t| tag_key(&t.name)).collect()
}

/// Whether `anchor` exists in `note` (the live-update twin of the check done
/// at load, which works on notes before they are kept).
fn anchor_in(note: &Note, anchor: &Anchor) -> AnchorStatus {
    let ok = match anchor {
        Anchor::Block(id) => note.block_ids.iter().any(|b| b.id.eq_ignore_ascii_case(id)),
        Anchor::Heading(chain) => {
            let normalised: Vec<String> =
                note.headings.iter().map(|h| heading::key(&h.text)).collect();
            let wanted: Vec<String> = chain.iter().map(|h| heading::key(h)).collect();
            heading_chain_exists(&note.headings, &normalised, &wanted)
        }
    };
    if ok {
        AnchorStatus::Found
    } else {
        AnchorStatus::Broken
    }
}

impl Vault {
    pub(super) fn live(&mut self) -> &mut LiveIndex {
        if self.live.is_none() {
            let mut live = LiveIndex::default();
            for (i, n) in self.notes.iter().enumerate() {
                live.note_ids.insert(n.path.clone(), NoteId(i as u32));
            }
            for (i, a) in self.attachments.iter().enumerate() {
                live.attachment_ids.insert(a.path.clone(), AttachmentId(i as u32));
            }
            for (i, g) in self.ghosts.iter().enumerate() {
                live.ghost_ids.insert(ghost_key(&g.name), GhostId(i as u32));
            }
            self.live = Some(live);
        }
        self.live.get_or_insert_with(LiveIndex::default)
    }

    /// Builds the link-key index if it is not there yet.
    fn ensure_link_keys(&mut self) {
        if self.live().link_keys_ready {
            return;
        }
        let keys: Vec<Vec<String>> = self.notes.par_iter().map(distinct_link_keys).collect();
        let live = self.live();
        for (i, keys) in keys.into_iter().enumerate() {
            for k in keys {
                live.by_link_key.entry(k).or_default().push(NoteId(i as u32));
            }
        }
        live.link_keys_ready = true;
    }

    /// The id of the note at `path`, if there is one.
    pub fn note_id(&mut self, path: &VaultPath) -> Option<NoteId> {
        self.live().note_ids.get(path).copied()
    }

    /// A graph node by path (or ghost key), as [`GraphDelta`] names it.
    pub fn node_key(&self, node: Node) -> NodeKey {
        let id = match node {
            Node::Note(n) => self.notes[n.0 as usize].path.to_string(),
            Node::Attachment(a) => self.attachments[a.0 as usize].path.to_string(),
            Node::Ghost(g) => ghost_key(&self.ghosts[g.0 as usize].name),
        };
        NodeKey { kind: kind_of(node), id }
    }

    /// A note's outgoing edges by key.
    fn edges_by_key(&self, id: NoteId) -> Vec<(NodeKey, EdgeWeight)> {
        self.graph.outgoing(id).into_iter().map(|(n, w)| (self.node_key(n), w)).collect()
    }

    /// Keeps a note's edges as they are before the update changes them.
    fn record_edges(&mut self, id: NoteId) {
        let path = self.notes[id.0 as usize].path.clone();
        if self.live().delta.has(&path) {
            return;
        }
        let edges = self.edges_by_key(id);
        self.live().delta.record(&path, edges);
    }

    /// Applies `changes`, then resolves again every link they can affect.
    pub(super) fn apply(&mut self, changes: Vec<FileChange>, extra_relink: &[VaultPath]) -> Update {
        let mut update = Update::default();
        if changes.is_empty() && extra_relink.is_empty() {
            return update;
        }
        self.ensure_link_keys();
        let mut touched_keys: HashSet<String> = HashSet::default();
        let mut reread: Vec<VaultPath> = Vec::new();
        let mut anchors_changed: Vec<VaultPath> = Vec::new();
        let mut tags_touched: HashSet<String> = HashSet::default();
        let mut ghosts_touched: HashSet<String> = HashSet::default();

        // Removals first, so that a path that moved is free again.
        let (removals, others): (Vec<_>, Vec<_>) =
            changes.into_iter().partition(|c| matches!(c, FileChange::Removed(_)));
        // Hashes of the notes removed, to tell a move from a delete.
        let mut removed_hashes: HashMap<u64, VaultPath> = HashMap::default();
        for change in removals {
            let FileChange::Removed(path) = change else { continue };
            let live = self.live();
            if let Some(id) = live.note_ids.get(&path).copied() {
                let hash = self.notes[id.0 as usize].hash;
                if hash != 0 {
                    removed_hashes.insert(hash, path.clone());
                }
                self.remove_note(id, &mut tags_touched, &mut ghosts_touched);
                touched_keys.insert(file_key(&path));
                update.removed.push(path);
            } else if let Some(id) = live.attachment_ids.get(&path).copied() {
                self.remove_attachment(id);
                touched_keys.insert(file_key(&path));
                update.attachments_removed.push(path);
            }
        }
        for change in others {
            match change {
                FileChange::Note(loaded) => {
                    let path = loaded.entry.path.clone();
                    let (note, keys, diagnostics) = assemble_note(&self.root, *loaded);
                    self.diagnostics.retain(|d| d.path != path.as_str() || is_listing_kind(d.kind));
                    self.diagnostics.extend(diagnostics);
                    match self.live().note_ids.get(&path).copied() {
                        Some(id) => {
                            let old = &self.notes[id.0 as usize];
                            if old.headings != note.headings || old.block_ids != note.block_ids {
                                anchors_changed.push(path.clone());
                            }
                            let same = old.hash != 0 && old.hash == note.hash;
                            self.unlink_note(id, &mut tags_touched, &mut ghosts_touched);
                            self.notes[id.0 as usize] = note;
                            self.link_note(id, &keys, &mut tags_touched);
                            if same {
                                update.unchanged.push(path.clone());
                            } else {
                                update.modified.push(path.clone());
                            }
                        }
                        None => {
                            let moved_from = (note.hash != 0)
                                .then(|| removed_hashes.remove(&note.hash))
                                .flatten();
                            let id = NoteId(self.notes.len() as u32);
                            self.live()
                                .delta
                                .node_added(NodeKey { kind: NodeKind::Note, id: path.to_string() });
                            self.notes.push(note);
                            self.graph.push_node(Node::Note(id));
                            self.files.insert(path.clone(), id.0);
                            self.live().note_ids.insert(path.clone(), id);
                            self.link_note(id, &keys, &mut tags_touched);
                            touched_keys.insert(file_key(&path));
                            if let Some(from) = moved_from {
                                update.renamed.push((from, path.clone()));
                            }
                            update.added.push(path.clone());
                        }
                    }
                    reread.push(path);
                }
                FileChange::Attachment(entry) => {
                    if self.live().attachment_ids.contains_key(&entry.path) {
                        continue;
                    }
                    let id = AttachmentId(self.attachments.len() as u32);
                    self.live().delta.node_added(NodeKey {
                        kind: NodeKind::Attachment,
                        id: entry.path.to_string(),
                    });
                    self.graph.push_node(Node::Attachment(id));
                    self.files.insert(entry.path.clone(), ATTACHMENT_BIT | id.0);
                    self.live().attachment_ids.insert(entry.path.clone(), id);
                    touched_keys.insert(file_key(&entry.path));
                    update.attachments_added.push(entry.path.clone());
                    self.attachments
                        .push(Attachment { path: entry.path, disk_path: entry.disk_path });
                }
                FileChange::Removed(_) => {}
            }
        }

        // Every note whose links may now resolve differently.
        let mut relink: HashSet<NoteId> = HashSet::default();
        {
            let live = self.live();
            for p in reread.iter().chain(extra_relink) {
                relink.extend(live.note_ids.get(p).copied());
            }
            if !touched_keys.is_empty() {
                touched_keys.insert(String::new());
            }
            for key in &touched_keys {
                relink.extend(live.by_link_key.get(key).into_iter().flatten().copied());
            }
        }
        for p in &anchors_changed {
            if let Some(id) = self.live().note_ids.get(p).copied() {
                relink.extend(self.graph.sources(Node::Note(id)));
            }
        }
        let mut relink: Vec<NoteId> = relink.into_iter().collect();
        relink.sort_unstable();
        self.relink(&relink, &mut ghosts_touched);
        self.drop_unused_ghosts(ghosts_touched);
        for key in tags_touched {
            self.refresh_tag_display(&key);
        }
        crate::diagnostic::sort(&mut self.diagnostics);
        update.relinked = relink.iter().map(|&id| self.notes[id.0 as usize].path.clone()).collect();
        let log = std::mem::take(&mut self.live().delta);
        let note_ids = self.live.as_ref().map(|l| &l.note_ids);
        update.graph =
            log.finish(|p| note_ids.and_then(|ids| ids.get(p)).map(|&id| self.edges_by_key(id)));
        update
    }

    /// Takes a note's tags and link keys out of the indexes and its edges out
    /// of the graph, before its content is replaced or it is removed.
    fn unlink_note(
        &mut self,
        id: NoteId,
        tags_touched: &mut HashSet<String>,
        ghosts_touched: &mut HashSet<String>,
    ) {
        self.record_edges(id);
        let note = &self.notes[id.0 as usize];
        let keys = tag_keys(note);
        let link_keys = distinct_link_keys(note);
        for l in &note.links {
            if let Target::Unresolved { .. } = l.target {
                ghosts_touched.insert(ghost_key(&l.link.path));
            }
        }
        for (i, key) in keys.iter().enumerate() {
            let last_use = !keys[i + 1..].contains(key);
            self.tags.remove(id, key, last_use);
            tags_touched.insert(key.clone());
        }
        let live = self.live();
        for k in link_keys {
            if let Some(v) = live.by_link_key.get_mut(&k) {
                v.retain(|&n| n != id);
                if v.is_empty() {
                    live.by_link_key.remove(&k);
                }
            }
        }
        self.graph.set_links(id, []);
    }

    /// Puts a note's tags and link keys into the indexes (its links are
    /// resolved later, in [`Vault::relink`]).
    fn link_note(&mut self, id: NoteId, tag_keys: &[String], tags_touched: &mut HashSet<String>) {
        let note = &self.notes[id.0 as usize];
        for (tag, key) in note.tags.iter().zip(tag_keys) {
            self.tags.insert(id, key, &tag.name);
            tags_touched.insert(key.clone());
        }
        let link_keys = distinct_link_keys(note);
        let live = self.live();
        for k in link_keys {
            live.by_link_key.entry(k).or_default().push(id);
        }
    }

    fn remove_note(
        &mut self,
        id: NoteId,
        tags_touched: &mut HashSet<String>,
        ghosts_touched: &mut HashSet<String>,
    ) {
        self.unlink_note(id, tags_touched, ghosts_touched);
        let path = self.notes[id.0 as usize].path.clone();
        self.files.remove(&path);
        self.diagnostics.retain(|d| d.path != path.as_str() || is_listing_kind(d.kind));
        self.live().note_ids.remove(&path);
        for source in self.graph.sources(Node::Note(id)) {
            self.record_edges(source);
        }
        self.live().delta.node_removed(NodeKey { kind: NodeKind::Note, id: path.to_string() });
        let moved = self.graph.swap_remove(Node::Note(id));
        self.notes.swap_remove(id.0 as usize);
        let Some(Node::Note(from)) = moved else { return };
        // The last note now has `id`: renumber every reference to it.
        for source in self.graph.sources(Node::Note(id)).into_iter().chain([id]) {
            for l in &mut self.notes[source.0 as usize].links {
                if let Target::Note { note, .. } = &mut l.target {
                    if *note == from {
                        *note = id;
                    }
                }
            }
        }
        let note = &self.notes[id.0 as usize];
        let mut keys = tag_keys(note);
        keys.sort_unstable();
        keys.dedup();
        for key in keys {
            self.tags.renumber(&key, from, id);
        }
        let link_keys = distinct_link_keys(note);
        let path = note.path.clone();
        self.files.insert(path.clone(), id.0);
        let live = self.live();
        live.note_ids.insert(path, id);
        for k in link_keys {
            for n in live.by_link_key.entry(k).or_default() {
                if *n == from {
                    *n = id;
                }
            }
        }
    }

    fn remove_attachment(&mut self, id: AttachmentId) {
        let path = self.attachments[id.0 as usize].path.clone();
        self.files.remove(&path);
        self.live().attachment_ids.remove(&path);
        for source in self.graph.sources(Node::Attachment(id)) {
            self.record_edges(source);
        }
        self.live()
            .delta
            .node_removed(NodeKey { kind: NodeKind::Attachment, id: path.to_string() });
        let moved = self.graph.swap_remove(Node::Attachment(id));
        self.attachments.swap_remove(id.0 as usize);
        let Some(Node::Attachment(from)) = moved else { return };
        for source in self.graph.sources(Node::Attachment(id)) {
            for l in &mut self.notes[source.0 as usize].links {
                if l.target == Target::Attachment(from) {
                    l.target = Target::Attachment(id);
                }
            }
        }
        let path = self.attachments[id.0 as usize].path.clone();
        self.files.insert(path.clone(), ATTACHMENT_BIT | id.0);
        self.live().attachment_ids.insert(path, id);
    }

    /// Resolves every link of `notes` again and rebuilds their edges.
    fn relink(&mut self, notes: &[NoteId], ghosts_touched: &mut HashSet<String>) {
        for &id in notes {
            self.record_edges(id);
        }
        let resolved: Vec<Vec<(Target, u32)>> = notes
            .par_iter()
            .map(|&id| {
                let note = &self.notes[id.0 as usize];
                note.links
                    .iter()
                    .map(|l| {
                        let link = &l.link;
                        if link.path.is_empty() {
                            let anchor = link
                                .anchor
                                .as_deref()
                                .map_or(AnchorStatus::NotChecked, |a| anchor_in(note, a));
                            return (Target::Note { note: id, anchor }, 1);
                        }
                        match self.files.resolve(note.path.parent(), &link.path) {
                            Resolution::Found { file, candidates }
                                if file & ATTACHMENT_BIT != 0 =>
                            {
                                (
                                    Target::Attachment(AttachmentId(file & !ATTACHMENT_BIT)),
                                    candidates,
                                )
                            }
                            Resolution::Found { file, candidates } => {
                                let target = &self.notes[file as usize];
                                let anchor = link
                                    .anchor
                                    .as_deref()
                                    .map_or(AnchorStatus::NotChecked, |a| anchor_in(target, a));
                                (Target::Note { note: NoteId(file), anchor }, candidates)
                            }
                            Resolution::Unresolved(reason) => {
                                (Target::Unresolved { ghost: GhostId(u32::MAX), reason }, 0)
                            }
                        }
                    })
                    .collect()
            })
            .collect();
        for (&id, targets) in notes.iter().zip(resolved) {
            let mut note = std::mem::take(&mut self.notes[id.0 as usize].links);
            for (l, (mut target, candidates)) in note.iter_mut().zip(targets) {
                if let Target::Unresolved { .. } = l.target {
                    ghosts_touched.insert(ghost_key(&l.link.path));
                }
                if let Target::Unresolved { ghost, .. } = &mut target {
                    let key = ghost_key(&l.link.path);
                    *ghost = self.ghost_for(&key, &l.link.path);
                    ghosts_touched.insert(key);
                }
                l.target = target;
                l.candidates = candidates;
            }
            self.notes[id.0 as usize].links = note;
            let links: Vec<(Node, bool)> = self.notes[id.0 as usize]
                .links
                .iter()
                .map(|l| (super::node_of(l.target), l.link.embed))
                .collect();
            self.graph.set_links(id, links);
        }
    }

    fn ghost_for(&mut self, key: &str, name: &str) -> GhostId {
        if let Some(&g) = self.live().ghost_ids.get(key) {
            return g;
        }
        let id = GhostId(self.ghosts.len() as u32);
        self.live().delta.node_added(NodeKey { kind: NodeKind::Ghost, id: key.to_owned() });
        self.ghosts.push(Ghost { name: name.trim().to_owned() });
        self.graph.push_node(Node::Ghost(id));
        self.live().ghost_ids.insert(key.to_owned(), id);
        id
    }

    /// Ghosts nothing links to any more are removed; the others are named
    /// after the first link to them in path order, as a full load names them.
    fn drop_unused_ghosts(&mut self, keys: HashSet<String>) {
        for key in keys {
            let Some(id) = self.live().ghost_ids.get(&key).copied() else { continue };
            let mut sources = self.graph.sources(Node::Ghost(id));
            if sources.is_empty() {
                self.live().ghost_ids.remove(&key);
                self.live().delta.node_removed(NodeKey { kind: NodeKind::Ghost, id: key.clone() });
                let moved = self.graph.swap_remove(Node::Ghost(id));
                self.ghosts.swap_remove(id.0 as usize);
                let Some(Node::Ghost(from)) = moved else { continue };
                for source in self.graph.sources(Node::Ghost(id)) {
                    for l in &mut self.notes[source.0 as usize].links {
                        if let Target::Unresolved { ghost, .. } = &mut l.target {
                            if *ghost == from {
                                *ghost = id;
                            }
                        }
                    }
                }
                let moved_key = ghost_key(&self.ghosts[id.0 as usize].name);
                self.live().ghost_ids.insert(moved_key, id);
                continue;
            }
            sources
                .sort_by(|a, b| self.notes[a.0 as usize].path.cmp(&self.notes[b.0 as usize].path));
            let first = &self.notes[sources[0].0 as usize];
            if let Some(l) = first.links.iter().find(|l| l.target.ghost() == Some(id)) {
                self.ghosts[id.0 as usize].name = l.link.path.trim().to_owned();
            }
        }
    }

    /// A tag is shown as first written in the first note, in path order,
    /// that carries it.
    fn refresh_tag_display(&mut self, key: &str) {
        let Some(first) = self
            .tags
            .notes_of_key(key)
            .iter()
            .min_by(|a, b| self.notes[a.0 as usize].path.cmp(&self.notes[b.0 as usize].path))
        else {
            return;
        };
        let note = &self.notes[first.0 as usize];
        if let Some(t) = note.tags.iter().find(|t| tag_key(&t.name) == key) {
            let display = TagIndex::display_of(&t.name);
            self.tags.set_display(key, display);
        }
    }
}
