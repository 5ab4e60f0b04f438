//! What a graph view shows: the vault's link graph filtered as Obsidian's
//! graph view filters it (a search query, tags as nodes, attachments,
//! unresolved links, orphans), each node with its degree and colour group,
//! and the local graph of one note (depth 1 to 3; backlinks, outgoing links
//! and links among neighbours each on or off).
//!
//! Pure: the search query and the colour groups' queries are answered by
//! the caller (with the search index, so the query language has one home)
//! and given here as which notes match. Nodes are identified by what a
//! view keeps across updates: a file's vault path, `#tag` for a tag (by its
//! key), and the link text for an unresolved target.

use std::collections::{HashMap, HashSet, VecDeque};

use crate::graph::Node;
use crate::vault::Vault;
use crate::NoteId;

/// What a node stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Note,
    Attachment,
    /// A link target that does not exist.
    Unresolved,
    Tag,
}

/// One node of a view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ViewNode {
    /// Stable across updates: a vault path, `#key` for a tag, or the
    /// unresolved link's text prefixed with `?`.
    pub id: String,
    pub kind: Kind,
    pub label: String,
    /// Edges in the view that touch it.
    pub degree: u32,
    /// The first colour group whose query finds it (notes only).
    pub group: Option<u16>,
    /// Its distance from the centre, in a local graph.
    pub distance: Option<u32>,
}

/// A graph view's content: nodes, and edges as (source, target) indexes
/// into `nodes`, each pair once.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct View {
    pub nodes: Vec<ViewNode>,
    pub edges: Vec<(u32, u32)>,
}

/// The filters of `graph.json` that shape a view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Filters {
    pub show_tags: bool,
    pub show_attachments: bool,
    pub hide_unresolved: bool,
    pub show_orphans: bool,
}

/// The local graph's own settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Local {
    pub center: NoteId,
    /// 1 to 3 (clamped).
    pub depth: u32,
    /// Notes that link to a node in the view.
    pub incoming: bool,
    /// What a node in the view links to.
    pub outgoing: bool,
    /// Links between nodes both reached from the centre by other links.
    pub neighbours: bool,
}

/// A node before it has an index in the view.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Key {
    Graph(Node),
    Tag(String),
}

/// The global view: every note `matches` keeps (all of them when it is
/// `None`, the search query being empty), what they link to as `filters`
/// allow, and the tags they carry when tags are shown. `group` answers the
/// colour group of a note (the caller's queries, first match first).
pub fn global(
    vault: &Vault,
    filters: Filters,
    matches: Option<&HashSet<NoteId>>,
    group: &dyn Fn(NoteId) -> Option<u16>,
) -> View {
    let (keys, edges) = full(vault, filters, matches);
    assemble(vault, keys, edges, filters.show_orphans, group, &HashMap::new())
}

/// The local view around `local.center`, within the filtered graph.
pub fn local(
    vault: &Vault,
    filters: Filters,
    matches: Option<&HashSet<NoteId>>,
    group: &dyn Fn(NoteId) -> Option<u16>,
    local: Local,
) -> View {
    let (keys, edges) = full(vault, filters, matches);
    let center = Key::Graph(Node::Note(local.center));
    if !keys.contains(&center) {
        return View::default();
    }
    let depth = local.depth.clamp(1, 3);
    let mut out_of: HashMap<&Key, Vec<&Key>> = HashMap::new();
    let mut into: HashMap<&Key, Vec<&Key>> = HashMap::new();
    for (s, t) in &edges {
        out_of.entry(s).or_default().push(t);
        into.entry(t).or_default().push(s);
    }
    // Breadth first from the centre, along the directions allowed; the
    // edges that reached a node are kept whatever `neighbours` says.
    let mut dist: HashMap<&Key, u32> = HashMap::from([(&center, 0)]);
    let mut tree: HashSet<(&Key, &Key)> = HashSet::new();
    let mut queue = VecDeque::from([&center]);
    while let Some(k) = queue.pop_front() {
        let d = dist[k];
        if d >= depth {
            continue;
        }
        let forward =
            if local.outgoing { out_of.get(k).cloned().unwrap_or_default() } else { Vec::new() };
        let backward =
            if local.incoming { into.get(k).cloned().unwrap_or_default() } else { Vec::new() };
        for t in forward {
            tree.insert((k, t));
            if !dist.contains_key(t) {
                dist.insert(t, d + 1);
                queue.push_back(t);
            }
        }
        for s in backward {
            tree.insert((s, k));
            if !dist.contains_key(s) {
                dist.insert(s, d + 1);
                queue.push_back(s);
            }
        }
    }
    let kept: Vec<Key> = keys.iter().filter(|k| dist.contains_key(k)).cloned().collect();
    let edges: Vec<(Key, Key)> = edges
        .iter()
        .filter(|(s, t)| dist.contains_key(s) && dist.contains_key(t))
        .filter(|(s, t)| local.neighbours || tree.contains(&(s, t)))
        .cloned()
        .collect();
    let distances: HashMap<Key, u32> = dist.into_iter().map(|(k, d)| (k.clone(), d)).collect();
    // The centre and what it reaches are shown even when they have no
    // edge left (an orphan centre is still the note you are on).
    assemble(vault, kept, edges, true, group, &distances)
}

/// The filtered graph: its node keys in a fixed order, and its edges.
fn full(
    vault: &Vault,
    filters: Filters,
    matches: Option<&HashSet<NoteId>>,
) -> (Vec<Key>, Vec<(Key, Key)>) {
    let kept = |id: NoteId| matches.is_none_or(|m| m.contains(&id));
    let mut keys: Vec<Key> = Vec::new();
    let mut linked: HashSet<Key> = HashSet::new();
    let mut edges: Vec<(Key, Key)> = Vec::new();
    for e in vault.graph().edges() {
        if !kept(e.source) {
            continue;
        }
        let allowed = match e.target {
            Node::Note(t) => kept(t),
            Node::Attachment(_) => filters.show_attachments,
            Node::Ghost(_) => !filters.hide_unresolved,
        };
        if allowed {
            linked.insert(Key::Graph(e.target));
            edges.push((Key::Graph(Node::Note(e.source)), Key::Graph(e.target)));
        }
    }
    for i in 0..vault.notes().len() as u32 {
        if kept(NoteId(i)) {
            keys.push(Key::Graph(Node::Note(NoteId(i))));
        }
    }
    // With a query, an attachment or an unresolved link is shown only when
    // a note the query found links to it, as Obsidian's search filter does.
    let free = matches.is_none();
    if filters.show_attachments {
        for i in 0..vault.attachments().len() as u32 {
            let k = Key::Graph(Node::Attachment(crate::AttachmentId(i)));
            if free || linked.contains(&k) {
                keys.push(k);
            }
        }
    }
    if !filters.hide_unresolved {
        for i in 0..vault.ghosts().len() as u32 {
            let k = Key::Graph(Node::Ghost(crate::GhostId(i)));
            if linked.contains(&k) {
                keys.push(k);
            }
        }
    }
    if filters.show_tags {
        let mut tags: Vec<String> = Vec::new();
        let mut seen: HashSet<String> = HashSet::new();
        for (i, note) in vault.notes().iter().enumerate() {
            if !kept(NoteId(i as u32)) {
                continue;
            }
            let mut own: HashSet<String> = HashSet::new();
            for t in &note.tags {
                let key = hanji_syntax::tag::key(&t.name);
                if own.insert(key.clone()) {
                    edges.push((Key::Graph(Node::Note(NoteId(i as u32))), Key::Tag(key.clone())));
                }
                if seen.insert(key.clone()) {
                    tags.push(key);
                }
            }
        }
        tags.sort();
        keys.extend(tags.into_iter().map(Key::Tag));
    }
    (keys, edges)
}

fn assemble(
    vault: &Vault,
    keys: Vec<Key>,
    edges: Vec<(Key, Key)>,
    show_orphans: bool,
    group: &dyn Fn(NoteId) -> Option<u16>,
    distances: &HashMap<Key, u32>,
) -> View {
    let mut degree: HashMap<&Key, u32> = HashMap::new();
    for (s, t) in &edges {
        *degree.entry(s).or_default() += 1;
        *degree.entry(t).or_default() += 1;
    }
    let keys: Vec<&Key> =
        keys.iter().filter(|k| show_orphans || degree.get(k).copied().unwrap_or(0) > 0).collect();
    let index: HashMap<&Key, u32> = keys.iter().enumerate().map(|(i, k)| (*k, i as u32)).collect();
    // A tag node shows the tag as first written.
    let tag_names: HashMap<String, String> = if keys.iter().any(|k| matches!(k, Key::Tag(_))) {
        vault.tags().all().into_iter().map(|t| (hanji_syntax::tag::key(&t.name), t.name)).collect()
    } else {
        HashMap::new()
    };
    let nodes = keys
        .iter()
        .map(|k| {
            let (id, kind, label, grp) = match k {
                Key::Graph(n @ Node::Note(id)) => (
                    vault.node_path(*n).to_owned(),
                    Kind::Note,
                    vault.node_label(*n).to_owned(),
                    group(*id),
                ),
                Key::Graph(n @ Node::Attachment(_)) => (
                    vault.node_path(*n).to_owned(),
                    Kind::Attachment,
                    vault.node_label(*n).to_owned(),
                    None,
                ),
                Key::Graph(n @ Node::Ghost(_)) => (
                    format!("?{}", vault.node_label(*n)),
                    Kind::Unresolved,
                    vault.node_label(*n).to_owned(),
                    None,
                ),
                Key::Tag(key) => {
                    let display = tag_names.get(key).unwrap_or(key);
                    (format!("#{key}"), Kind::Tag, format!("#{display}"), None)
                }
            };
            ViewNode {
                id,
                kind,
                label,
                degree: degree.get(k).copied().unwrap_or(0),
                group: grp,
                distance: distances.get(*k).copied(),
            }
        })
        .collect();
    let mut pairs: Vec<(u32, u32)> =
        edges.iter().filter_map(|(s, t)| Some((*index.get(s)?, *index.get(t)?))).collect();
    pairs.sort_unstable();
    pairs.dedup();
    View { nodes, edges: pairs }
}

/// What changed from one view to the next, by node id: what a view on
/// screen needs to become the next one without being built again.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Delta {
    /// Nodes gone (their edges go with them), in the old view's order.
    pub removed: Vec<String>,
    /// Nodes new, or whose kind, label, degree, group or distance changed,
    /// whole, in the new view's order.
    pub upserted: Vec<ViewNode>,
    /// Edges new, as (source id, target id), in the new view's order.
    pub edges_added: Vec<(String, String)>,
    /// Edges gone between nodes that both stay, in the old view's order.
    pub edges_removed: Vec<(String, String)>,
}

impl Delta {
    pub fn is_empty(&self) -> bool {
        self.removed.is_empty()
            && self.upserted.is_empty()
            && self.edges_added.is_empty()
            && self.edges_removed.is_empty()
    }

    /// How many things it says: nodes and edges, added, changed or gone.
    pub fn len(&self) -> usize {
        self.removed.len() + self.upserted.len() + self.edges_added.len() + self.edges_removed.len()
    }
}

/// What changed from `old` to `new`. Node ids are stable across views
/// (paths, `#key`, `?text`), so a node is the same node when its id is.
pub fn diff(old: &View, new: &View) -> Delta {
    let old_nodes: HashMap<&str, &ViewNode> =
        old.nodes.iter().map(|n| (n.id.as_str(), n)).collect();
    let new_ids: HashSet<&str> = new.nodes.iter().map(|n| n.id.as_str()).collect();
    let removed: Vec<String> = old
        .nodes
        .iter()
        .filter(|n| !new_ids.contains(n.id.as_str()))
        .map(|n| n.id.clone())
        .collect();
    let upserted: Vec<ViewNode> = new
        .nodes
        .iter()
        .filter(|n| old_nodes.get(n.id.as_str()).is_none_or(|o| *o != *n))
        .cloned()
        .collect();
    let pair = |v: &View, (s, t): (u32, u32)| -> Option<(String, String)> {
        Some((v.nodes.get(s as usize)?.id.clone(), v.nodes.get(t as usize)?.id.clone()))
    };
    let old_edges: HashSet<(&str, &str)> = old
        .edges
        .iter()
        .filter_map(|&(s, t)| {
            Some((old.nodes.get(s as usize)?.id.as_str(), old.nodes.get(t as usize)?.id.as_str()))
        })
        .collect();
    let new_edges: HashSet<(&str, &str)> = new
        .edges
        .iter()
        .filter_map(|&(s, t)| {
            Some((new.nodes.get(s as usize)?.id.as_str(), new.nodes.get(t as usize)?.id.as_str()))
        })
        .collect();
    let edges_added = new
        .edges
        .iter()
        .filter_map(|&e| pair(new, e))
        .filter(|(s, t)| !old_edges.contains(&(s.as_str(), t.as_str())))
        .collect();
    // An edge of a removed node goes with it: it is not listed.
    let edges_removed = old
        .edges
        .iter()
        .filter_map(|&e| pair(old, e))
        .filter(|(s, t)| {
            new_ids.contains(s.as_str())
                && new_ids.contains(t.as_str())
                && !new_edges.contains(&(s.as_str(), t.as_str()))
        })
        .collect();
    Delta { removed, upserted, edges_added, edges_removed }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A view from `id:degree` nodes and `a>b` edges.
    fn view(nodes: &str, edges: &str) -> View {
        let nodes: Vec<ViewNode> = nodes
            .split_whitespace()
            .map(|n| {
                let (id, degree) = n.split_once(':').unwrap_or((n, "0"));
                ViewNode {
                    id: id.to_owned(),
                    kind: Kind::Note,
                    label: id.to_owned(),
                    degree: degree.parse().unwrap_or(0),
                    group: None,
                    distance: None,
                }
            })
            .collect();
        let at = |id: &str| nodes.iter().position(|n| n.id == id).unwrap_or(usize::MAX) as u32;
        let edges = edges
            .split_whitespace()
            .filter_map(|e| e.split_once('>'))
            .map(|(s, t)| (at(s), at(t)))
            .collect();
        View { nodes, edges }
    }

    fn render(d: &Delta) -> String {
        let mut out = String::new();
        for id in &d.removed {
            out.push_str(&format!("- {id}\n"));
        }
        for n in &d.upserted {
            out.push_str(&format!("* {}:{}\n", n.id, n.degree));
        }
        for (s, t) in &d.edges_added {
            out.push_str(&format!("+ {s}>{t}\n"));
        }
        for (s, t) in &d.edges_removed {
            out.push_str(&format!("x {s}>{t}\n"));
        }
        out
    }

    /// Applies `d` to `old` as a view on screen would, as sets.
    fn apply(old: &View, d: &Delta) -> (Vec<ViewNode>, Vec<(String, String)>) {
        let mut nodes: HashMap<String, ViewNode> =
            old.nodes.iter().map(|n| (n.id.clone(), n.clone())).collect();
        let mut edges: HashSet<(String, String)> = old
            .edges
            .iter()
            .map(|&(s, t)| (old.nodes[s as usize].id.clone(), old.nodes[t as usize].id.clone()))
            .collect();
        for id in &d.removed {
            nodes.remove(id);
            edges.retain(|(s, t)| s != id && t != id);
        }
        for n in &d.upserted {
            nodes.insert(n.id.clone(), n.clone());
        }
        edges.extend(d.edges_added.iter().cloned());
        for e in &d.edges_removed {
            edges.remove(e);
        }
        let mut nodes: Vec<ViewNode> = nodes.into_values().collect();
        nodes.sort_by(|a, b| a.id.cmp(&b.id));
        let mut edges: Vec<(String, String)> = edges.into_iter().collect();
        edges.sort();
        (nodes, edges)
    }

    fn check(old: (&str, &str), new: (&str, &str), expect: &str) {
        let (old, new) = (view(old.0, old.1), view(new.0, new.1));
        let d = diff(&old, &new);
        assert_eq!(render(&d), expect);
        // Whatever it says, it takes `old` to `new`.
        let empty = Delta::default();
        let whole = apply(&View::default(), &diff(&View::default(), &new));
        assert_eq!(apply(&old, &d), whole);
        assert_eq!(d.is_empty(), expect.is_empty());
        assert_eq!(d.len(), expect.lines().count());
        assert_eq!(apply(&new, &empty), whole);
    }

    #[test]
    fn the_same_view_changes_nothing() {
        check(("a:1 b:1", "a>b"), ("a:1 b:1", "a>b"), "");
    }

    #[test]
    fn a_link_added_is_an_edge_and_two_degrees() {
        check(("a:1 b:1 c:0", "a>b"), ("a:2 b:1 c:1", "a>b a>c"), "* a:2\n* c:1\n+ a>c\n");
    }

    #[test]
    fn a_note_gone_takes_its_edges_with_it() {
        check(("a:2 b:1 c:1", "a>b a>c"), ("a:1 b:1", "a>b"), "- c\n* a:1\n");
    }

    #[test]
    fn a_rename_is_a_node_gone_and_one_new() {
        check(("a:1 b:1", "a>b"), ("a:1 b2:1", "a>b2"), "- b\n* b2:1\n+ a>b2\n");
    }

    #[test]
    fn a_link_removed_between_notes_that_stay() {
        check(("a:2 b:2 c:2", "a>b b>c c>a"), ("a:1 b:2 c:1", "a>b b>c"), "* a:1\n* c:1\nx c>a\n");
    }

    #[test]
    fn order_does_not_make_a_change() {
        check(("a:1 b:1", "a>b"), ("b:1 a:1", "a>b"), "");
    }

    #[test]
    fn edges_that_point_nowhere_are_left_out() {
        // Indexes past the nodes (never made by `assemble`) are not edges.
        let old = View { nodes: view("a", "").nodes, edges: vec![(0, 9)] };
        let d = diff(&old, &view("a", ""));
        assert!(d.is_empty(), "{d:?}");
    }
}
