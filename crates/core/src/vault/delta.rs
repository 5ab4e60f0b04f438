//! What a live update did to the link graph, by path: the nodes and edges
//! that came and went, so a graph view (or anything else keeping a copy of
//! the graph) can follow without reading the whole graph again.
//!
//! Ids are renumbered during an update (a removed node hands its id to the
//! last one of its kind), so nothing here holds an id: before an update
//! touches a note's edges, [`DeltaLog::record`] copies them out keyed by
//! path, and [`DeltaLog::finish`] compares each copy with the note's edges
//! after the update. Pure: no IO.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::graph::{EdgeWeight, Node};
use crate::path::VaultPath;

/// A node's kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NodeKind {
    Note,
    Attachment,
    /// A link target that does not exist.
    Ghost,
}

/// A node by what it is, not by id: a vault path for notes and attachments,
/// the ghost's comparison key (the normalised link text) for a ghost.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NodeKey {
    pub kind: NodeKind,
    pub id: String,
}

/// An edge by its ends: every link from `source` to `target`, with counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EdgeKey {
    pub source: VaultPath,
    pub target: NodeKey,
    pub weight: EdgeWeight,
}

/// What one update did to the graph. An edge whose counts changed is in
/// both lists (old counts removed, new ones added); the edges of a removed
/// node are listed as removed. Sorted, so equal updates give equal deltas.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GraphDelta {
    pub nodes_added: Vec<NodeKey>,
    pub nodes_removed: Vec<NodeKey>,
    pub edges_added: Vec<EdgeKey>,
    pub edges_removed: Vec<EdgeKey>,
}

impl GraphDelta {
    pub fn is_empty(&self) -> bool {
        self.nodes_added.is_empty()
            && self.nodes_removed.is_empty()
            && self.edges_added.is_empty()
            && self.edges_removed.is_empty()
    }
}

/// The edges of the notes an update touched, as they were before it, and
/// the nodes it added and removed.
#[derive(Debug, Clone, Default)]
pub(super) struct DeltaLog {
    before: HashMap<VaultPath, Vec<(NodeKey, EdgeWeight)>>,
    added: HashSet<NodeKey>,
    removed: HashSet<NodeKey>,
}

impl DeltaLog {
    /// Whether `source`'s edges before the update are already kept.
    pub(super) fn has(&self, source: &VaultPath) -> bool {
        self.before.contains_key(source)
    }

    /// Keeps `source`'s edges as they are now, if not kept yet: call before
    /// anything changes them.
    pub(super) fn record(&mut self, source: &VaultPath, edges: Vec<(NodeKey, EdgeWeight)>) {
        self.before.entry(source.clone()).or_insert(edges);
    }

    pub(super) fn node_added(&mut self, node: NodeKey) {
        if !self.removed.remove(&node) {
            self.added.insert(node);
        }
    }

    pub(super) fn node_removed(&mut self, node: NodeKey) {
        if !self.added.remove(&node) {
            self.removed.insert(node);
        }
    }

    /// The delta, given each recorded note's edges after the update (`None`
    /// for a note that is gone).
    pub(super) fn finish(
        self,
        mut after: impl FnMut(&VaultPath) -> Option<Vec<(NodeKey, EdgeWeight)>>,
    ) -> GraphDelta {
        let mut delta = GraphDelta {
            nodes_added: self.added.into_iter().collect(),
            nodes_removed: self.removed.into_iter().collect(),
            ..GraphDelta::default()
        };
        for (source, before) in self.before {
            let now: HashMap<NodeKey, EdgeWeight> =
                after(&source).unwrap_or_default().into_iter().collect();
            let was: HashMap<&NodeKey, EdgeWeight> = before.iter().map(|(k, w)| (k, *w)).collect();
            for (target, weight) in &before {
                if now.get(target) != Some(weight) {
                    delta.edges_removed.push(EdgeKey {
                        source: source.clone(),
                        target: target.clone(),
                        weight: *weight,
                    });
                }
            }
            for (target, weight) in now {
                if was.get(&target) != Some(&weight) {
                    delta.edges_added.push(EdgeKey { source: source.clone(), target, weight });
                }
            }
        }
        delta.nodes_added.sort();
        delta.nodes_removed.sort();
        let order = |a: &EdgeKey, b: &EdgeKey| (&a.source, &a.target).cmp(&(&b.source, &b.target));
        delta.edges_added.sort_by(order);
        delta.edges_removed.sort_by(order);
        delta
    }
}

/// The kind of a graph node.
pub(super) fn kind_of(node: Node) -> NodeKind {
    match node {
        Node::Note(_) => NodeKind::Note,
        Node::Attachment(_) => NodeKind::Attachment,
        Node::Ghost(_) => NodeKind::Ghost,
    }
}
