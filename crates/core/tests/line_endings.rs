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
            "First line links [[Target]].",
            "- [ ] task [[Target#Part]]",
            "last [[Target]] here, Target again",
            "see [[Target]]",
        ]
    );
    let mentions: Vec<(u32, String)> =
        v.unlinked_mentions(target).into_iter().map(|m| (m.pos.line, m.snippet)).collect();
    assert_eq!(mentions, [(7, "last [[Target]] here, Target again".to_owned())]);
    // An embed's section is cut at the same lines.
    assert_eq!(v.embed_text(target, Some("Part")).unwrap(), "## Part\ntext in part\n\nmore");
}
