//! Renders a vault's whole observable state as text, for snapshots and for
//! comparing a live-updated vault with a fresh load. Shared by the test
//! binaries of several crates (included with `#[path]`).

#![allow(dead_code)]

use std::fmt::Write;

use hanji_core::{AnchorStatus, Node, Target, Vault};

/// The whole observable state of a loaded vault, as text.
pub fn report(v: &Vault) -> String {
    render(v, false)
}

/// The same state with every list in path order instead of id order, so a
/// vault updated live (whose ids are handed out as files come and go) can be
/// compared with a fresh load of the same folder.
pub fn canonical(v: &Vault) -> String {
    render(v, true)
}

fn render(v: &Vault, by_path: bool) -> String {
    let mut out = String::new();
    let s = v.stats();
    let _ = writeln!(
        out,
        "stats: notes={} attachments={} links={} embeds={} resolved={} unresolved={} ambiguous={} broken_anchors={} diagnostics={}",
        s.notes, s.attachments, s.links, s.embeds, s.resolved, s.unresolved, s.ambiguous, s.broken_anchors, s.diagnostics
    );
    let mut notes: Vec<&hanji_core::Note> = v.notes().iter().collect();
    if by_path {
        notes.sort_by(|a, b| a.path.cmp(&b.path));
    }
    for note in notes {
        let _ =
            writeln!(out, "note {} title={:?} aliases={:?}", note.path, note.title, note.aliases);
        for l in &note.links {
            let to = match l.target {
                Target::Note { note: t, anchor } => format!(
                    "{}{}",
                    v.note(t).path,
                    match anchor {
                        AnchorStatus::NotChecked => "",
                        AnchorStatus::Found => " (anchor found)",
                        AnchorStatus::Broken => " (anchor BROKEN)",
                    }
                ),
                Target::Attachment(a) => format!("{} (attachment)", v.attachment(a).path),
                Target::Unresolved { ghost, reason } => {
                    format!("UNRESOLVED {:?} ghost={:?}", reason, v.ghost(ghost).name)
                }
            };
            let amb = if l.is_ambiguous() {
                format!(" [ambiguous: {} candidates]", l.candidates)
            } else {
                String::new()
            };
            let _ = writeln!(
                out,
                "  {}:{} {}{:?} -> {to}{amb}",
                l.link.pos.line,
                l.link.pos.col,
                if l.link.embed { "embed " } else { "" },
                l.link.target_text()
            );
        }
    }
    let mut section = |mut lines: Vec<String>| {
        if by_path {
            lines.sort();
        }
        for l in lines {
            out.push_str(&l);
            out.push('\n');
        }
    };
    section(
        v.problems()
            .iter()
            .map(|p| {
                let at = p.pos.map(|p| format!(":{}:{}", p.line, p.col)).unwrap_or_default();
                format!("problem {}{at} {}: {}", p.path, p.kind.code(), p.message)
            })
            .collect(),
    );
    section(
        v.tags()
            .all()
            .iter()
            .map(|t| {
                let mut notes: Vec<&str> =
                    v.tags().notes_with(&t.name).iter().map(|&n| v.note(n).path.as_str()).collect();
                notes.sort_unstable();
                let listed = if by_path { format!(" {notes:?}") } else { String::new() };
                format!(
                    "tag #{} notes={} with_children={} x{}{listed}",
                    t.name, t.notes, t.notes_with_children, t.occurrences
                )
            })
            .collect(),
    );
    section(
        v.graph()
            .edges()
            .iter()
            .map(|e| {
                format!(
                    "edge {} -> {} links={} embeds={}",
                    v.note(e.source).path,
                    v.node_path(e.target),
                    e.weight.links,
                    e.weight.embeds
                )
            })
            .collect(),
    );
    section(v.orphans().iter().map(|&o| format!("orphan {}", v.note(o).path)).collect());
    if by_path {
        let mut ghosts: Vec<String> = v
            .ghosts()
            .iter()
            .enumerate()
            .map(|(i, g)| {
                let node = Node::Ghost(hanji_core::GhostId(i as u32));
                format!("ghost {:?} linked from {}", g.name, v.graph().incoming(node).len())
            })
            .collect();
        ghosts.sort();
        for g in ghosts {
            let _ = writeln!(out, "{g}");
        }
    }
    out
}

/// The lines only one of two renderings has, marked `-` (only in `a`) and
/// `+` (only in `b`): what a failed comparison prints instead of two
/// screenfuls of text.
pub fn diff(a: &str, b: &str) -> String {
    let (la, lb): (Vec<&str>, Vec<&str>) = (a.lines().collect(), b.lines().collect());
    let mut out = String::new();
    for l in &la {
        if !lb.contains(l) {
            let _ = writeln!(out, "- {l}");
        }
    }
    for l in &lb {
        if !la.contains(l) {
            let _ = writeln!(out, "+ {l}");
        }
    }
    if out.is_empty() && a != b {
        out.push_str("(same lines, in another order or count)\n");
    }
    out
}
