//! The graph delta of a live update (issue 11): each step of a script of
//! file changes is applied with `Vault::refresh`, and its `GraphDelta` must
//! (1) read as expected and (2) turn the graph before the step into the
//! graph after it, edge for edge and node for node, so a live graph view
//! following the deltas never drifts from the vault.

// Tests fail loudly on purpose: an unwrap here is an assertion.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::Path;

use hanji_core::vault::{GraphDelta, NodeKey, NodeKind};
use hanji_core::{Node, Vault};

type Graph = (BTreeMap<NodeKey, ()>, BTreeMap<(String, NodeKey), (u32, u32)>);

/// The whole graph by keys: every node, and every edge with its counts.
fn graph(v: &Vault) -> Graph {
    let mut nodes = BTreeMap::new();
    for i in 0..v.notes().len() {
        nodes.insert(v.node_key(Node::Note(hanji_core::NoteId(i as u32))), ());
    }
    for i in 0..v.attachments().len() {
        nodes.insert(v.node_key(Node::Attachment(hanji_core::AttachmentId(i as u32))), ());
    }
    for i in 0..v.ghosts().len() {
        nodes.insert(v.node_key(Node::Ghost(hanji_core::GhostId(i as u32))), ());
    }
    let edges = v
        .graph()
        .edges()
        .into_iter()
        .map(|e| {
            let source = v.note(e.source).path.to_string();
            ((source, v.node_key(e.target)), (e.weight.links, e.weight.embeds))
        })
        .collect();
    (nodes, edges)
}

fn apply(g: &mut Graph, d: &GraphDelta) {
    for n in &d.nodes_removed {
        assert!(g.0.remove(n).is_some(), "removed node {n:?} was not there");
    }
    for e in &d.edges_removed {
        let key = (e.source.to_string(), e.target.clone());
        let was = g.1.remove(&key);
        assert_eq!(was, Some((e.weight.links, e.weight.embeds)), "removed edge {key:?}");
    }
    for n in &d.nodes_added {
        assert!(g.0.insert(n.clone(), ()).is_none(), "added node {n:?} was there");
    }
    for e in &d.edges_added {
        let key = (e.source.to_string(), e.target.clone());
        assert!(g.1.insert(key.clone(), (e.weight.links, e.weight.embeds)).is_none(), "{key:?}");
    }
}

fn show(d: &GraphDelta) -> String {
    let kind = |k: NodeKind| match k {
        NodeKind::Note => "note",
        NodeKind::Attachment => "file",
        NodeKind::Ghost => "ghost",
    };
    let mut out = String::new();
    for n in &d.nodes_added {
        let _ = writeln!(out, "+{} {}", kind(n.kind), n.id);
    }
    for n in &d.nodes_removed {
        let _ = writeln!(out, "-{} {}", kind(n.kind), n.id);
    }
    for (sign, edges) in [("+", &d.edges_added), ("-", &d.edges_removed)] {
        for e in edges {
            let _ = writeln!(
                out,
                "{sign}edge {} -> {} {} ({}, {})",
                e.source,
                kind(e.target.kind),
                e.target.id,
                e.weight.links,
                e.weight.embeds
            );
        }
    }
    out
}

/// Runs one step: `change` edits the folder, then the vault refreshes the
/// paths it names; the delta must read as `expect` and carry the graph
/// from before to after.
fn step(v: &mut Vault, root: &Path, paths: &[&str], change: impl FnOnce(&Path), expect: &str) {
    let mut g = graph(v);
    change(root);
    let abs: Vec<_> = paths.iter().map(|p| root.join(p)).collect();
    let update = v.refresh(&abs);
    assert_eq!(show(&update.graph).trim(), expect.trim(), "delta after changing {paths:?}");
    apply(&mut g, &update.graph);
    assert_eq!(g, graph(v), "the delta after {paths:?} does not give the new graph");
}

#[test]
fn graph_deltas_turn_the_old_graph_into_the_new() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join("Redis.md"), "# Redis\nsee [[Cache]] and [[Cache]]\n").unwrap();
    std::fs::write(root.join("면접.md"), "[[Redis]] ![[pic.png]]\n").unwrap();
    std::fs::write(root.join("pic.png"), b"png").unwrap();
    let mut v = Vault::load(root).unwrap();
    let w =
        |p: &'static str, t: &'static str| move |r: &Path| std::fs::write(r.join(p), t).unwrap();

    // A ghost becomes a note: links to it now go to the note.
    step(
        &mut v,
        root,
        &["Cache.md"],
        w("Cache.md", "# Cache\n"),
        "
+note Cache.md
-ghost cache
+edge Redis.md -> note Cache.md (2, 0)
-edge Redis.md -> ghost cache (2, 0)",
    );
    // A link more to one target changes the edge's counts; a new ghost.
    step(
        &mut v,
        root,
        &["Redis.md"],
        w("Redis.md", "[[Cache]] [[Cache]] [[Cache]] [[Queue]]\n"),
        "
+ghost queue
+edge Redis.md -> note Cache.md (3, 0)
+edge Redis.md -> ghost queue (1, 0)
-edge Redis.md -> note Cache.md (2, 0)",
    );
    // Touching a note changes nothing.
    step(
        &mut v,
        root,
        &["Redis.md"],
        w("Redis.md", "[[Cache]] [[Cache]] [[Cache]] [[Queue]]\n"),
        "",
    );
    // A rename: the old node and its edges go, links to it become a ghost.
    step(
        &mut v,
        root,
        &["Redis.md", "Redis 운영.md"],
        |r| {
            std::fs::rename(r.join("Redis.md"), r.join("Redis 운영.md")).unwrap();
        },
        "
+note Redis 운영.md
+ghost redis
-note Redis.md
+edge Redis 운영.md -> note Cache.md (3, 0)
+edge Redis 운영.md -> ghost queue (1, 0)
+edge 면접.md -> ghost redis (1, 0)
-edge Redis.md -> note Cache.md (3, 0)
-edge Redis.md -> ghost queue (1, 0)
-edge 면접.md -> note Redis.md (1, 0)",
    );
    // An attachment deleted: its embed becomes a ghost.
    step(
        &mut v,
        root,
        &["pic.png"],
        |r| std::fs::remove_file(r.join("pic.png")).unwrap(),
        "
+ghost pic.png
-file pic.png
+edge 면접.md -> ghost pic.png (0, 1)
-edge 면접.md -> file pic.png (0, 1)",
    );
}
