//! The graph view's filters and the local graph, over the fixture vault
//! `tests/testdata/graph-view-filters`: a hub note, two notes that link to
//! each other, an orphan, an unresolved link, an attachment, nested and
//! Korean tags. Each check renders the view as text: one line a node
//! (`id kind degree [group] [distance]`), then one line an edge.

// Tests fail loudly on purpose: an unwrap here is an assertion.
#![allow(clippy::unwrap_used)]

use std::collections::HashSet;
use std::path::Path;

use hanji_core::graph_view::{self, Filters, Kind, Local, View};
use hanji_core::{NoteId, Vault};

fn vault() -> Vault {
    Vault::load(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/testdata/graph-view-filters"),
    )
    .unwrap()
}

const DEFAULT: Filters = Filters {
    show_tags: false,
    show_attachments: false,
    hide_unresolved: false,
    show_orphans: true,
};

fn render(v: &View) -> String {
    let mut out = String::new();
    for n in &v.nodes {
        let kind = match n.kind {
            Kind::Note => "note",
            Kind::Attachment => "file",
            Kind::Unresolved => "unresolved",
            Kind::Tag => "tag",
        };
        out.push_str(&format!("{} {kind} {}", n.id, n.degree));
        if let Some(g) = n.group {
            out.push_str(&format!(" g{g}"));
        }
        if let Some(d) = n.distance {
            out.push_str(&format!(" d{d}"));
        }
        out.push('\n');
    }
    for (s, t) in &v.edges {
        out.push_str(&format!("{} -> {}\n", v.nodes[*s as usize].id, v.nodes[*t as usize].id));
    }
    out
}

fn check(view: View, expect: &str) {
    assert_eq!(render(&view), expect);
}

fn no_group(_: NoteId) -> Option<u16> {
    None
}

fn ids(v: &Vault, paths: &[&str]) -> HashSet<NoteId> {
    paths.iter().map(|p| v.note_by_path(p).unwrap()).collect()
}

#[test]
fn obsidians_defaults_show_notes_and_unresolved_links() {
    let v = vault();
    check(
        graph_view::global(&v, DEFAULT, None, &no_group),
        "CS/Cache.md note 2\nCS/Redis.md note 4\nHome.md note 3\nInterview/면접.md note 2\nLonely.md note 0\n?Missing unresolved 1\n\
         CS/Cache.md -> CS/Redis.md\nCS/Redis.md -> CS/Cache.md\nHome.md -> CS/Redis.md\nHome.md -> ?Missing\n\
         Interview/면접.md -> CS/Redis.md\nInterview/면접.md -> Home.md\n",
    );
}

#[test]
fn toggles_add_tags_and_attachments_and_drop_orphans_and_unresolved() {
    let v = vault();
    let f = Filters {
        show_tags: true,
        show_attachments: true,
        hide_unresolved: true,
        show_orphans: false,
    };
    check(
        graph_view::global(&v, f, None, &no_group),
        "CS/Cache.md note 3\nCS/Redis.md note 5\nHome.md note 4\nInterview/면접.md note 3\nimg.png file 1\n#cs/db tag 2\n#hub tag 1\n#면접 tag 1\n\
         CS/Cache.md -> CS/Redis.md\nCS/Cache.md -> #cs/db\nCS/Redis.md -> CS/Cache.md\nCS/Redis.md -> #cs/db\n\
         Home.md -> CS/Redis.md\nHome.md -> img.png\nHome.md -> #hub\n\
         Interview/면접.md -> CS/Redis.md\nInterview/면접.md -> Home.md\nInterview/면접.md -> #면접\n",
    );
}

#[test]
fn a_query_keeps_the_notes_it_finds_and_groups_colour_them_first_match_first() {
    let v = vault();
    // As `path:CS/` would find.
    let found = ids(&v, &["CS/Redis.md", "CS/Cache.md"]);
    let group = |id: NoteId| (v.note(id).path.as_str() == "CS/Redis.md").then_some(0);
    check(
        graph_view::global(&v, DEFAULT, Some(&found), &group),
        "CS/Cache.md note 2\nCS/Redis.md note 2 g0\nCS/Cache.md -> CS/Redis.md\nCS/Redis.md -> CS/Cache.md\n",
    );
}

#[test]
fn the_local_graph_follows_the_directions_asked_for_to_its_depth() {
    let v = vault();
    let center = v.note_by_path("CS/Redis.md").unwrap();
    let both = Local { center, depth: 1, incoming: true, outgoing: true, neighbours: false };
    check(
        graph_view::local(&v, DEFAULT, None, &no_group, both),
        "CS/Cache.md note 2 d1\nCS/Redis.md note 4 d0\nHome.md note 1 d1\nInterview/면접.md note 1 d1\n\
         CS/Cache.md -> CS/Redis.md\nCS/Redis.md -> CS/Cache.md\nHome.md -> CS/Redis.md\nInterview/면접.md -> CS/Redis.md\n",
    );
    // Depth 2 reaches what Home links to.
    let deep = graph_view::local(&v, DEFAULT, None, &no_group, Local { depth: 2, ..both });
    assert!(render(&deep).contains("?Missing unresolved 1 d2\n"), "{}", render(&deep));
    // Outgoing links only: what Redis links to.
    check(
        graph_view::local(&v, DEFAULT, None, &no_group, Local { incoming: false, ..both }),
        "CS/Cache.md note 1 d1\nCS/Redis.md note 1 d0\nCS/Redis.md -> CS/Cache.md\n",
    );
    // An orphan centre is shown alone.
    let lonely = v.note_by_path("Lonely.md").unwrap();
    check(
        graph_view::local(&v, DEFAULT, None, &no_group, Local { center: lonely, ..both }),
        "Lonely.md note 0 d0\n",
    );
}

#[test]
fn links_among_neighbours_are_shown_only_when_asked() {
    let v = vault();
    // Home and 면접 both link to Redis, and 면접 links to Home: a link
    // between two of Redis's neighbours, on no path from the centre.
    let center = v.note_by_path("CS/Redis.md").unwrap();
    let l = Local { center, depth: 1, incoming: true, outgoing: true, neighbours: false };
    let without = render(&graph_view::local(&v, DEFAULT, None, &no_group, l));
    let with =
        render(&graph_view::local(&v, DEFAULT, None, &no_group, Local { neighbours: true, ..l }));
    assert!(!without.contains("Interview/면접.md -> Home.md"), "{without}");
    assert!(with.contains("Interview/면접.md -> Home.md"), "{with}");
    assert!(with.contains("Home.md note 2 d1\n"), "degrees count the view's edges: {with}");
}
