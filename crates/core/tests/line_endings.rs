//! Notes whose lines end in `\r` alone (old Mac files) or `\r\n` (Windows):
//! the engine's line numbers, context lines and sections follow the same
//! line breaks as the Markdown parser (issue 10, item 17).

// Tests fail loudly on purpose: an unwrap here is an assertion.
#![allow(clippy::unwrap_used)]

use hanji_core::Vault;

/// Issue 10, item 17: a CR-only note was one long line to everything but
/// the parser: wrong line numbers, and snippets with raw `\r` in them.
#[test]
fn cr_only_notes_have_their_line_numbers_and_clean_snippets() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join("Target.md"), "# Target\r\r## Part\rtext in part\r\rmore\r").unwrap();
    let old_mac = "# Old Mac\r\rFirst line links [[Target]].\r\r- [ ] task [[Target#Part]]\r\
                   ## Later\rlast [[Target]] here, Target again\r";
    std::fs::write(root.join("Old.md"), old_mac).unwrap();
    let windows = "# Windows\r\n\r\nsee [[Target]]\r\n- [x] done\r\n";
    std::fs::write(root.join("Win.md"), windows).unwrap();
    let v = Vault::load(root).unwrap();

    let old = v.note(v.find_note("Old").unwrap());
    let headings: Vec<(u32, &str)> = old.headings.iter().map(|h| (h.pos.line, &*h.text)).collect();
    assert_eq!(headings, [(1, "Old Mac"), (6, "Later")]);
    let links: Vec<(u32, u32)> =
        old.links.iter().map(|l| (l.link.pos.line, l.link.pos.col)).collect();
    assert_eq!(links, [(3, 18), (5, 12), (7, 6)]);
    let tasks: Vec<u32> = old.tasks.iter().map(|t| t.pos.line).collect();
    assert_eq!(tasks, [5]);
    let win = v.note(v.find_note("Win").unwrap());
    assert_eq!(win.links[0].link.pos.line, 3);
    assert_eq!(win.tasks[0].pos.line, 4);

    let target = v.find_note("Target").unwrap();
    let snippets: Vec<String> =
        v.backlinks(target).into_iter().map(|b| b.snippet.unwrap()).collect();
    assert_eq!(
        snippets,
        [
            "First line links Target.",
            "☐ task Target#Part",
            "last Target here, Target again",
            "see Target",
        ]
    );
    let mentions: Vec<(u32, String)> =
        v.unlinked_mentions(target).into_iter().map(|m| (m.pos.line, m.snippet)).collect();
    assert_eq!(mentions, [(7, "last Target here, Target again".to_owned())]);
    // An embed's section is cut at the same lines.
    assert_eq!(v.embed_text(target, Some("Part")).unwrap(), "## Part\ntext in part\n\nmore");
}

/// Front matter and block ids in a CR-only note used to be missed: the fence
/// search and the block-id scan looked for `\n` only, so the whole note was
/// one line to them (the YAML's first line then ran to the end of the note).
#[test]
fn cr_only_front_matter_and_block_ids_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let old_mac = "---\rtitle: 옛 맥\rtags: [면접, cs]\raliases: [Old]\r---\r# Heading\r\
                   a paragraph ^para-1\r\rsecond ^two\r";
    std::fs::write(root.join("Old.md"), old_mac).unwrap();
    std::fs::write(root.join("Link.md"), "[[Old#^para-1]] [[Old#^two]]\r").unwrap();
    let v = Vault::load(root).unwrap();
    let old = v.note(v.find_note("Old").unwrap());
    assert_eq!(old.title, "옛 맥");
    assert_eq!(old.aliases, ["Old"]);
    let tags: Vec<&str> = old.tags.iter().map(|t| &*t.name).collect();
    assert_eq!(tags, ["면접", "cs"]);
    let ids: Vec<(u32, &str)> = old.block_ids.iter().map(|b| (b.pos.line, &*b.id)).collect();
    assert_eq!(ids, [(7, "para-1"), (9, "two")]);
    assert_eq!(v.stats().broken_anchors, 0, "both block links find their block");
    assert!(v.diagnostics().is_empty(), "{:?}", v.diagnostics());
}
