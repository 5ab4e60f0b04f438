//! The link graph: notes, attachments and unresolved link targets ("ghosts") as
//! nodes, links as edges, on petgraph.
//!
//! Pure: built from resolved ids, no IO, no strings. An edge aggregates every
//! occurrence of a link from one note to one target, so the graph stays the
//! size of the vault's structure, not of its text. Links from a note to itself
//! (`[[#Heading]]`) are not edges. Callers never see petgraph types.

use std::collections::{HashMap, VecDeque};

use petgraph::stable_graph::{NodeIndex, StableDiGraph};
use petgraph::visit::{EdgeRef, IntoEdgeReferences};
use petgraph::Direction;

use crate::{AttachmentId, GhostId, NoteId};

/// A node of the link graph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Node {
    Note(NoteId),
    Attachment(AttachmentId),
    /// A link target that does not exist (yet).
    Ghost(GhostId),
}

/// How often a note links to one target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct EdgeWeight {
    /// Plain links (`[[x]]`, `[t](x.md)`).
    pub links: u32,
    /// Embeds (`![[x]]`).
    pub embeds: u32,
}

/// An edge as the graph's users see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Edge {
    pub source: NoteId,
    pub target: Node,
    pub weight: EdgeWeight,
}

/// A part of the graph around one node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Neighbourhood {
    /// Nodes with their distance from the centre, nearest first.
    pub nodes: Vec<(Node, u32)>,
    pub edges: Vec<Edge>,
}

#[derive(Debug, Clone, Default)]
pub struct LinkGraph {
    g: StableDiGraph<Node, EdgeWeight, u32>,
    notes: Vec<NodeIndex<u32>>,
    attachments: Vec<NodeIndex<u32>>,
    ghosts: Vec<NodeIndex<u32>>,
}

impl LinkGraph {
    /// A graph with one node per note, attachment and ghost, and no edges.
    pub fn new(notes: usize, attachments: usize, ghosts: usize) -> LinkGraph {
        let mut g = StableDiGraph::with_capacity(notes + attachments + ghosts, notes * 4);
        let notes = (0..notes).map(|i| g.add_node(Node::Note(NoteId(i as u32)))).collect();
        let attachments = (0..attachments)
            .map(|i| g.add_node(Node::Attachment(AttachmentId(i as u32))))
            .collect();
        let ghosts = (0..ghosts).map(|i| g.add_node(Node::Ghost(GhostId(i as u32)))).collect();
        LinkGraph { g, notes, attachments, ghosts }
    }

    fn index(&self, node: Node) -> Option<NodeIndex<u32>> {
        match node {
            Node::Note(NoteId(i)) => self.notes.get(i as usize),
            Node::Attachment(AttachmentId(i)) => self.attachments.get(i as usize),
            Node::Ghost(GhostId(i)) => self.ghosts.get(i as usize),
        }
        .copied()
    }

    /// Adds the links of `source`, one `(target, is_embed)` per occurrence.
    /// Occurrences of the same target are merged into one edge.
    pub fn add_links(&mut self, source: NoteId, targets: impl IntoIterator<Item = (Node, bool)>) {
        let Some(from) = self.index(Node::Note(source)) else { return };
        let mut all: Vec<(Node, bool)> = targets
            .into_iter()
            .filter(|&(t, _)| t != Node::Note(source) && self.index(t).is_some())
            .collect();
        all.sort_unstable();
        for group in all.chunk_by(|a, b| a.0 == b.0) {
            let embeds = group.iter().filter(|(_, e)| *e).count() as u32;
            let weight = EdgeWeight { links: group.len() as u32 - embeds, embeds };
            if let Some(to) = self.index(group[0].0) {
                self.g.add_edge(from, to, weight);
            }
        }
    }

    /// Replaces every outgoing edge of `source` with `targets` (as in
    /// [`LinkGraph::add_links`]).
    pub fn set_links(&mut self, source: NoteId, targets: impl IntoIterator<Item = (Node, bool)>) {
        let Some(from) = self.index(Node::Note(source)) else { return };
        let old: Vec<_> =
            self.g.edges_directed(from, Direction::Outgoing).map(|e| e.id()).collect();
        for e in old {
            self.g.remove_edge(e);
        }
        self.add_links(source, targets);
    }

    /// Adds a node with the next id of its kind; `node` must carry that id.
    pub fn push_node(&mut self, node: Node) {
        let ix = self.g.add_node(node);
        let (list, id) = match node {
            Node::Note(NoteId(i)) => (&mut self.notes, i),
            Node::Attachment(AttachmentId(i)) => (&mut self.attachments, i),
            Node::Ghost(GhostId(i)) => (&mut self.ghosts, i),
        };
        debug_assert_eq!(list.len(), id as usize, "nodes are pushed in id order");
        list.push(ix);
    }

    /// Removes `node` with its edges. The last node of the same kind takes
    /// its id (as `Vec::swap_remove` does); that node's old id is returned,
    /// and the caller renumbers what refers to it.
    pub fn swap_remove(&mut self, node: Node) -> Option<Node> {
        let (list, id) = match node {
            Node::Note(NoteId(i)) => (&mut self.notes, i as usize),
            Node::Attachment(AttachmentId(i)) => (&mut self.attachments, i as usize),
            Node::Ghost(GhostId(i)) => (&mut self.ghosts, i as usize),
        };
        if id >= list.len() {
            return None;
        }
        let last = list.len() - 1;
        let ix = list.swap_remove(id);
        self.g.remove_node(ix);
        if id == last {
            return None;
        }
        let moved_ix = list[id];
        let renamed = match node {
            Node::Note(_) => Node::Note(NoteId(id as u32)),
            Node::Attachment(_) => Node::Attachment(AttachmentId(id as u32)),
            Node::Ghost(_) => Node::Ghost(GhostId(id as u32)),
        };
        let old = std::mem::replace(&mut self.g[moved_ix], renamed);
        Some(old)
    }

    /// The notes that link to `node`, in no particular order.
    pub fn sources(&self, node: Node) -> Vec<NoteId> {
        let Some(ix) = self.index(node) else { return Vec::new() };
        self.g
            .edges_directed(ix, Direction::Incoming)
            .filter_map(|e| match self.g[e.source()] {
                Node::Note(n) => Some(n),
                _ => None,
            })
            .collect()
    }

    pub fn edge_count(&self) -> usize {
        self.g.edge_count()
    }

    /// Notes that link to `node`, with how often, in note-id order.
    pub fn incoming(&self, node: Node) -> Vec<(NoteId, EdgeWeight)> {
        let Some(ix) = self.index(node) else { return Vec::new() };
        let mut out: Vec<(NoteId, EdgeWeight)> = self
            .g
            .edges_directed(ix, Direction::Incoming)
            .filter_map(|e| match self.g[e.source()] {
                Node::Note(n) => Some((n, *e.weight())),
                _ => None,
            })
            .collect();
        out.sort_by_key(|(n, _)| *n);
        out
    }

    /// Targets `note` links to, with how often, in node order.
    pub fn outgoing(&self, note: NoteId) -> Vec<(Node, EdgeWeight)> {
        let Some(ix) = self.index(Node::Note(note)) else { return Vec::new() };
        let mut out: Vec<(Node, EdgeWeight)> = self
            .g
            .edges_directed(ix, Direction::Outgoing)
            .map(|e| (self.g[e.target()], *e.weight()))
            .collect();
        out.sort_by_key(|(n, _)| *n);
        out
    }

    /// True when nothing links to `node` and it links to nothing.
    pub fn is_isolated(&self, node: Node) -> bool {
        self.index(node).is_none_or(|ix| self.g.neighbors_undirected(ix).next().is_none())
    }

    /// Every edge, sorted by source then target.
    pub fn edges(&self) -> Vec<Edge> {
        let mut out: Vec<Edge> = (&self.g)
            .edge_references()
            .filter_map(|e| match self.g[e.source()] {
                Node::Note(source) => {
                    Some(Edge { source, target: self.g[e.target()], weight: *e.weight() })
                }
                _ => None,
            })
            .collect();
        out.sort_by_key(|e| (e.source, e.target));
        out
    }

    /// Nodes within `depth` links of `center`, following links in both
    /// directions (as Obsidian's local graph does), and the edges among them.
    pub fn neighbourhood(&self, center: Node, depth: u32) -> Neighbourhood {
        let Some(start) = self.index(center) else {
            return Neighbourhood { nodes: Vec::new(), edges: Vec::new() };
        };
        let mut dist: HashMap<NodeIndex<u32>, u32> = HashMap::from([(start, 0)]);
        let mut queue = VecDeque::from([start]);
        while let Some(ix) = queue.pop_front() {
            let d = dist[&ix];
            if d >= depth {
                continue;
            }
            for next in self.g.neighbors_undirected(ix) {
                if let std::collections::hash_map::Entry::Vacant(v) = dist.entry(next) {
                    v.insert(d + 1);
                    queue.push_back(next);
                }
            }
        }
        let mut nodes: Vec<(Node, u32)> = dist.iter().map(|(&ix, &d)| (self.g[ix], d)).collect();
        nodes.sort_by_key(|&(n, d)| (d, n));
        let mut edges: Vec<Edge> = Vec::new();
        for &ix in dist.keys() {
            for e in self.g.edges_directed(ix, Direction::Outgoing) {
                if let (Node::Note(source), true) = (self.g[ix], dist.contains_key(&e.target())) {
                    edges.push(Edge { source, target: self.g[e.target()], weight: *e.weight() });
                }
            }
        }
        edges.sort_by_key(|e| (e.source, e.target));
        Neighbourhood { nodes, edges }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(i: u32) -> Node {
        Node::Note(NoteId(i))
    }

    #[test]
    fn merges_and_queries() {
        let mut g = LinkGraph::new(4, 1, 1);
        g.add_links(NoteId(0), [(n(1), false), (n(1), false), (n(1), true), (n(0), false)]);
        g.add_links(NoteId(1), [(n(2), false), (Node::Ghost(GhostId(0)), false)]);
        g.add_links(NoteId(2), [(Node::Attachment(AttachmentId(0)), true)]);
        assert_eq!(g.edge_count(), 4);
        assert_eq!(g.incoming(n(1)), [(NoteId(0), EdgeWeight { links: 2, embeds: 1 })]);
        assert_eq!(g.outgoing(NoteId(1)).len(), 2);
        assert!(g.is_isolated(n(3)));
        assert!(!g.is_isolated(n(0)));
        let near = g.neighbourhood(n(1), 1);
        assert_eq!(near.nodes, [(n(1), 0), (n(0), 1), (n(2), 1), (Node::Ghost(GhostId(0)), 1)]);
        assert_eq!(near.edges.len(), 3);
        let far = g.neighbourhood(n(0), 3);
        assert_eq!(far.nodes.len(), 5);
        assert_eq!(g.neighbourhood(n(3), 2).nodes, [(n(3), 0)]);
    }

    #[test]
    fn nodes_come_and_go() {
        let mut g = LinkGraph::new(3, 0, 0);
        g.add_links(NoteId(0), [(n(2), false)]);
        g.add_links(NoteId(1), [(n(2), true), (n(0), false)]);
        // Removing note 0 moves note 2 into its id; edges follow the node.
        assert_eq!(g.swap_remove(n(0)), Some(n(2)));
        assert_eq!(g.incoming(n(0)), [(NoteId(1), EdgeWeight { links: 0, embeds: 1 })]);
        assert_eq!(g.edge_count(), 1);
        g.push_node(n(2));
        g.set_links(NoteId(1), [(n(2), false), (n(2), false)]);
        assert_eq!(g.outgoing(NoteId(1)), [(n(2), EdgeWeight { links: 2, embeds: 0 })]);
        assert_eq!(g.sources(n(2)), [NoteId(1)]);
        assert!(g.is_isolated(n(0)));
        assert_eq!(g.swap_remove(n(2)), None, "the last node moves nothing");
        assert_eq!(g.swap_remove(n(7)), None);
        assert_eq!(g.edge_count(), 0);
    }
}
