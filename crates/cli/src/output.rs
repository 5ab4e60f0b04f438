//! Turning core answers into output: a DTO printed as JSON, or plain text for
//! people. Each function here is one command's printing; none computes
//! anything the core could. Every write goes through [`done`]: a reader that
//! stopped reading (`hanji graph V | head -1`) ends the program quietly, as
//! it ends `cat`, instead of a panic.

use std::io::Write;

use hanji_core::resolve::Unresolved;
use hanji_core::{AnchorStatus, Node, NoteId, Target, Vault};
use serde::Serialize;

use crate::dto;

/// Checks a write to stdout: a closed pipe ends the program with success
/// (the reader has what it wanted); any other failure (a full disk) is an
/// error, reported once.
fn done<E: Into<std::io::Error>>(written: Result<(), E>) {
    if let Err(e) = written {
        let e: std::io::Error = e.into();
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("hanji: error: cannot write the output: {e}");
        std::process::exit(1);
    }
}

/// `println!` that goes through [`done`].
macro_rules! outln {
    ($($arg:tt)*) => {
        done(writeln!(std::io::stdout().lock(), $($arg)*))
    };
}

fn print_json<T: Serialize>(value: &T) {
    // Buffered: stdout alone flushes at every line of the pretty JSON.
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    done(serde_json::to_writer_pretty(&mut out, value));
    done(writeln!(out));
    done(out.flush());
}

fn note_ref(v: &Vault, id: NoteId) -> dto::NoteRef {
    let n = v.note(id);
    dto::NoteRef { path: n.path.to_string(), title: n.title.clone() }
}

pub fn check(v: &Vault, json: bool) {
    let s = v.stats();
    let problems: Vec<dto::Problem> = v
        .problems()
        .into_iter()
        .map(|p| dto::Problem {
            kind: p.kind.code(),
            path: p.path,
            line: p.pos.map(|p| p.line),
            column: p.pos.map(|p| p.col),
            target: p.target,
            message: p.message,
        })
        .collect();
    if json {
        print_json(&dto::Check {
            notes: s.notes,
            attachments: s.attachments,
            links: s.links,
            embeds: s.embeds,
            resolved: s.resolved,
            unresolved: s.unresolved,
            ambiguous: s.ambiguous,
            broken_anchors: s.broken_anchors,
            diagnostics: s.diagnostics,
            external_links: s.external_links,
            tags: s.tags,
            tasks: s.tasks,
            problems,
        });
        return;
    }
    outln!("{} notes, {} attachments, {} tags, {} tasks", s.notes, s.attachments, s.tags, s.tasks);
    outln!(
        "{} links ({} embeds, {} external): {} resolved, {} unresolved, {} ambiguous, {} broken anchors",
        s.links, s.embeds, s.external_links, s.resolved, s.unresolved, s.ambiguous, s.broken_anchors
    );
    outln!("{} diagnostics", s.diagnostics);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for p in problems {
        let at = match (p.line, p.column) {
            (Some(l), Some(c)) => format!("{}:{l}:{c}", p.path),
            _ => p.path,
        };
        done(writeln!(out, "{at}: {}: {}", p.kind, p.message));
    }
    done(out.flush());
}

pub fn backlinks(v: &Vault, id: NoteId, json: bool) {
    let items: Vec<dto::Backlink> = v
        .backlinks(id)
        .into_iter()
        .map(|b| dto::Backlink {
            source: v.note(b.source).path.to_string(),
            source_title: v.note(b.source).title.clone(),
            line: b.link.link.pos.line,
            column: b.link.link.pos.col,
            embed: b.link.link.embed,
            target: b.link.link.target_text(),
            snippet: b.snippet,
        })
        .collect();
    if json {
        return print_json(&items);
    }
    for b in items {
        outln!("{}:{}:{}: {}", b.source, b.line, b.column, b.snippet.unwrap_or_default());
    }
}

pub fn links(v: &Vault, id: NoteId, json: bool) {
    let items: Vec<dto::OutLink> = v
        .note(id)
        .links
        .iter()
        .map(|l| {
            let (kind, path, anchor, reason) = match l.target {
                Target::Note { note, anchor } => (
                    "note",
                    Some(v.note(note).path.to_string()),
                    match anchor {
                        AnchorStatus::NotChecked => None,
                        AnchorStatus::Found => Some("found"),
                        AnchorStatus::Broken => Some("broken"),
                    },
                    None,
                ),
                Target::Attachment(a) => {
                    ("attachment", Some(v.attachment(a).path.to_string()), None, None)
                }
                Target::Unresolved { reason, .. } => (
                    "unresolved",
                    None,
                    None,
                    Some(match reason {
                        Unresolved::NotFound => "not_found",
                        Unresolved::EscapesVault => "escapes_vault",
                    }),
                ),
            };
            dto::OutLink {
                target: l.link.target_text(),
                display: l.link.display.as_deref().map(str::to_owned),
                line: l.link.pos.line,
                column: l.link.pos.col,
                embed: l.link.embed,
                kind,
                path,
                anchor,
                ambiguous: l.is_ambiguous(),
                reason,
            }
        })
        .collect();
    if json {
        return print_json(&items);
    }
    for l in items {
        let to = match (&l.path, l.reason) {
            (Some(p), _) => p.clone(),
            (None, Some(r)) => format!("({r})"),
            (None, None) => String::new(),
        };
        let mut notes = Vec::new();
        if l.embed {
            notes.push("embed");
        }
        if l.ambiguous {
            notes.push("ambiguous");
        }
        if l.anchor == Some("broken") {
            notes.push("broken anchor");
        }
        let notes =
            if notes.is_empty() { String::new() } else { format!(" [{}]", notes.join(", ")) };
        outln!("{}:{}: {} -> {to}{notes}", l.line, l.column, l.target);
    }
}

pub fn tags(v: &Vault, json: bool) {
    let items: Vec<dto::TagCount> = v
        .tags()
        .all()
        .into_iter()
        .map(|t| dto::TagCount {
            tag: t.name,
            notes: t.notes,
            notes_with_children: t.notes_with_children,
            occurrences: t.occurrences,
        })
        .collect();
    if json {
        return print_json(&items);
    }
    for t in items {
        let depth = t.tag.matches('/').count();
        outln!("{}#{} ({})", "  ".repeat(depth), t.tag, t.notes_with_children);
    }
}

pub fn tag(v: &Vault, tag: &str, json: bool) {
    let items: Vec<dto::NoteRef> =
        v.tags().notes_with(tag).into_iter().map(|n| note_ref(v, n)).collect();
    print_notes(items, json);
}

pub fn orphans(v: &Vault, json: bool) {
    let items: Vec<dto::NoteRef> = v.orphans().into_iter().map(|n| note_ref(v, n)).collect();
    print_notes(items, json);
}

fn print_notes(items: Vec<dto::NoteRef>, json: bool) {
    if json {
        return print_json(&items);
    }
    for n in items {
        outln!("{}\t{}", n.path, n.title);
    }
}

pub fn unlinked(v: &Vault, id: NoteId, json: bool) {
    let items: Vec<dto::Mention> = v
        .unlinked_mentions(id)
        .into_iter()
        .map(|m| dto::Mention {
            source: v.note(m.source).path.to_string(),
            line: m.pos.line,
            column: m.pos.col,
            term: m.term,
            snippet: m.snippet,
        })
        .collect();
    if json {
        return print_json(&items);
    }
    for m in items {
        outln!("{}:{}:{}: {}", m.source, m.line, m.column, m.snippet);
    }
}

fn node_id(v: &Vault, node: Node) -> String {
    match node {
        Node::Ghost(_) => format!("ghost:{}", v.node_path(node)),
        _ => v.node_path(node).to_owned(),
    }
}

fn node_kind(node: Node) -> &'static str {
    match node {
        Node::Note(_) => "note",
        Node::Attachment(_) => "attachment",
        Node::Ghost(_) => "ghost",
    }
}

pub fn graph(v: &Vault, center: Option<NoteId>, depth: u32, dot: bool) {
    let (nodes, edges): (Vec<(Node, Option<u32>)>, _) = match center {
        Some(c) => {
            let hood = v.graph().neighbourhood(Node::Note(c), depth);
            (hood.nodes.into_iter().map(|(n, d)| (n, Some(d))).collect(), hood.edges)
        }
        None => {
            let nodes = (0..v.notes().len() as u32)
                .map(|i| Node::Note(NoteId(i)))
                .chain(
                    (0..v.attachments().len() as u32)
                        .map(|i| Node::Attachment(hanji_core::AttachmentId(i))),
                )
                .chain((0..v.ghosts().len() as u32).map(|i| Node::Ghost(hanji_core::GhostId(i))))
                .map(|n| (n, None))
                .collect();
            (nodes, v.graph().edges())
        }
    };
    let g = dto::Graph {
        nodes: nodes
            .into_iter()
            .map(|(n, distance)| dto::GraphNode {
                id: node_id(v, n),
                kind: node_kind(n),
                label: v.node_label(n).to_owned(),
                distance,
            })
            .collect(),
        edges: edges
            .into_iter()
            .map(|e| dto::GraphEdge {
                source: node_id(v, Node::Note(e.source)),
                target: node_id(v, e.target),
                links: e.weight.links,
                embeds: e.weight.embeds,
            })
            .collect(),
    };
    if !dot {
        return print_json(&g);
    }
    let q = |s: &str| format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""));
    outln!("digraph vault {{");
    for n in &g.nodes {
        let shape = match n.kind {
            "note" => "box",
            "attachment" => "note",
            _ => "ellipse\", style=\"dashed",
        };
        outln!("  {} [label={}, shape=\"{shape}\"];", q(&n.id), q(&n.label));
    }
    for e in &g.edges {
        let style = if e.links == 0 { " [style=\"dotted\"]" } else { "" };
        outln!("  {} -> {}{style};", q(&e.source), q(&e.target));
    }
    outln!("}}");
}

/// `graph --view`: the graph view's nodes (with degree and colour group)
/// and edges.
pub fn graph_view(view: &hanji_core::graph_view::View) {
    use hanji_core::graph_view::Kind;
    let g = dto::GraphView {
        nodes: view
            .nodes
            .iter()
            .map(|n| dto::GraphViewNode {
                id: n.id.clone(),
                kind: match n.kind {
                    Kind::Note => "note",
                    Kind::Attachment => "attachment",
                    Kind::Unresolved => "unresolved",
                    Kind::Tag => "tag",
                },
                label: n.label.clone(),
                degree: n.degree,
                group: n.group,
                distance: n.distance,
            })
            .collect(),
        edges: view
            .edges
            .iter()
            .map(|&(s, t)| dto::GraphViewEdge {
                source: view.nodes[s as usize].id.clone(),
                target: view.nodes[t as usize].id.clone(),
            })
            .collect(),
    };
    print_json(&g);
}

pub fn search(results: &hanji_search::SearchResults, json: bool) {
    let items: Vec<dto::SearchHit> = results
        .hits
        .iter()
        .map(|h| dto::SearchHit {
            path: h.path.clone(),
            title: h.title.clone(),
            score: h.score,
            line: h.line,
            snippet: h.snippet.clone(),
            highlights: h.highlights.iter().map(|&(a, b)| [a, b]).collect(),
            matches: h.matches,
        })
        .collect();
    if json {
        return print_json(&items);
    }
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for h in &items {
        // Text output marks highlights with [ ].
        let mut marked = String::new();
        for (i, c) in h.snippet.chars().enumerate() {
            let i = i as u32;
            if h.highlights.iter().any(|r| r[0] == i) {
                marked.push('[');
            }
            marked.push(c);
            if h.highlights.iter().any(|r| r[1] == i + 1) {
                marked.push(']');
            }
        }
        done(writeln!(out, "{}:{}: {}\n    {marked}", h.path, h.line, h.title));
    }
    done(writeln!(out, "{} of {} matching notes", items.len(), results.total));
    done(out.flush());
}

fn ms(d: std::time::Duration) -> f64 {
    (d.as_secs_f64() * 1e5).round() / 100.0
}

pub fn watch_ready(v: &Vault, report: &hanji_live::OpenReport, json: bool) {
    let parsed = report.cache.as_ref().map_or(v.notes().len(), |c| c.parsed);
    let ready = dto::WatchReady {
        event: "ready",
        notes: v.notes().len(),
        attachments: v.attachments().len(),
        parsed,
        indexed: report.index.indexed,
        restored_ms: report.restored.map(ms),
        load_ms: ms(report.load),
        index_ms: ms(report.index_sync),
    };
    if json {
        print_json_line(&ready);
    } else {
        outln!(
            "watching {} ({} notes; {} parsed, {} indexed; ready in {:.0} ms)",
            v.root().display(),
            ready.notes,
            ready.parsed,
            ready.indexed,
            ready.load_ms + ready.index_ms
        );
    }
}

pub fn watch_change(e: hanji_live::ChangeEvent, json: bool) {
    let change = dto::WatchChange {
        event: "change",
        elapsed_ms: ms(e.elapsed),
        added: e.added,
        modified: e.modified,
        removed: e.removed,
        renamed: e.renamed.into_iter().map(|(from, to)| [from, to]).collect(),
        attachments_added: e.attachments_added,
        attachments_removed: e.attachments_removed,
        relinked: e.relinked,
        rescan: e.rescan,
        warnings: e.warnings,
        vault_gone: e.vault_gone,
    };
    if json {
        print_json_line(&change);
        return;
    }
    for (sign, list) in [
        ("+", &change.added),
        ("~", &change.modified),
        ("-", &change.removed),
        ("+", &change.attachments_added),
        ("-", &change.attachments_removed),
    ] {
        for p in list {
            outln!("{sign} {p}");
        }
    }
    for w in &change.warnings {
        eprintln!("hanji: warning: {w}");
    }
}

/// One JSON object on one line, flushed at once: a reader of `hanji watch`
/// must see each change when it happens, not when a buffer fills.
fn print_json_line<T: Serialize>(value: &T) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    done(serde_json::to_writer(&mut out, value));
    done(writeln!(out));
    done(out.flush());
}

/// `save`: the note's path and the hash of what is on disk now.
pub fn saved(path: &str, hash: u64, json: bool) {
    if json {
        print_json_line(&dto::Saved { path: path.to_owned(), hash: format!("{hash:016x}") });
    } else {
        outln!("{hash:016x}");
    }
}

/// `hash`: the content hash of the file at a vault path, if there is one.
pub fn hash(path: &str, hash: Option<u64>, json: bool) {
    let hash = hash.map(|h| format!("{h:016x}"));
    if json {
        print_json_line(&dto::Hash { path: path.to_owned(), hash });
    } else if let Some(h) = hash {
        outln!("{h}");
    }
}

/// `mv`, `rm`: the plan (applied or not).
pub fn plan(plan: &hanji_core::ops::Plan, applied: bool, json: bool) {
    use hanji_core::ops::Operation;
    let (operation, from, to) = match &plan.operation {
        Operation::Move { from, to } => ("move", from.to_string(), Some(to.to_string())),
        Operation::Delete { path } => ("delete", path.to_string(), None),
        Operation::RenameHeading { note, old, new } => {
            ("rename_heading", format!("{note}#{old}"), Some(format!("{note}#{new}")))
        }
        Operation::Relink { pairs } => (
            "relink",
            pairs.iter().map(|(w, _)| w.to_string()).collect::<Vec<_>>().join(", "),
            Some(pairs.iter().map(|(_, n)| n.to_string()).collect::<Vec<_>>().join(", ")),
        ),
    };
    if json {
        print_json(&dto::Plan {
            operation,
            from,
            to,
            applied,
            folder: plan.folder.is_some(),
            moves: plan
                .moves
                .iter()
                .map(|(f, t)| dto::Move { from: f.to_string(), to: t.to_string() })
                .collect(),
            deletes: plan.deletes.iter().map(|d| d.to_string()).collect(),
            notes: plan
                .notes
                .iter()
                .map(|n| dto::NoteEdits {
                    path: n.path.to_string(),
                    path_after: n.path_after.to_string(),
                    count: n.edits.len(),
                    edits: n
                        .edits
                        .iter()
                        .map(|e| dto::Edit {
                            line: e.line,
                            start: e.range.start,
                            end: e.range.end,
                            old: e.old.clone(),
                            new: e.new.clone(),
                        })
                        .collect(),
                })
                .collect(),
            edit_count: plan.edit_count(),
            adopted: plan.adopted,
            unresolved: plan.unresolved,
        });
        return;
    }
    let verb = if applied { "" } else { "would " };
    match &to {
        Some(_) if operation != "move" => outln!(
            "{}{} ({} links in {} notes rewritten)",
            if applied { "" } else { "would: " },
            plan.operation.label(),
            plan.edit_count(),
            plan.notes.len()
        ),
        Some(to) => outln!(
            "{verb}move {from} to {to} ({} files, {} links in {} notes rewritten)",
            plan.moves.len(),
            plan.edit_count(),
            plan.notes.len()
        ),
        None => outln!(
            "{verb}delete {from} ({} files; {} links to it become unresolved)",
            plan.deletes.len(),
            plan.unresolved
        ),
    }
    for n in &plan.notes {
        outln!("  {} ({} links)", n.path, n.edits.len());
        for e in &n.edits {
            outln!("    {}: {} -> {}", e.line, e.old, e.new);
        }
    }
    if plan.adopted > 0 {
        outln!("  {} unresolved links now lead to it", plan.adopted);
    }
}

/// `new`: the note created.
pub fn created(path: &str, hash: u64, json: bool) {
    if json {
        print_json_line(&dto::Created { path: path.to_owned(), hash: format!("{hash:016x}") });
    } else {
        outln!("created {path}");
    }
}

/// `undo`: what was undone.
pub fn undone(label: &str, json: bool) {
    if json {
        print_json_line(&dto::Undone { undone: label.to_owned() });
    } else {
        outln!("undone: {label}");
    }
}

/// `daily`: the day's note.
pub fn daily(note: &hanji_live::DailyNote, json: bool) {
    if json {
        print_json_line(&dto::Daily {
            path: note.path.to_string(),
            date: note.date.to_string(),
            created: note.created,
        });
    } else {
        outln!("{}", note.path);
    }
}
