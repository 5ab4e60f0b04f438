//! Vault shapes that once cost quadratic time (issue 10, items 18 and 19),
//! checked for the answers they give, at a size that shows them. Their speed
//! is measured by `bench/shared_names.py` (figures in BENCHMARKS.md), not
//! timed here; the unit tests beside the code count the work done.

// Tests fail loudly on purpose: an unwrap here is an assertion.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use hanji_core::query::SNIPPET_CHARS;
use hanji_core::{Target, Vault};

fn write(root: &Path, rel: &str, text: &str) -> PathBuf {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, text).unwrap();
    path
}

/// Where each link of `from` resolved, with its candidate count.
fn targets(v: &Vault, from: &str) -> Vec<(String, u32)> {
    let id = v.note_by_path(from).unwrap_or_else(|| panic!("no note {from}"));
    v.note(id)
        .links
        .iter()
        .map(|l| match l.target {
            Target::Note { note, .. } => (v.note(note).path.to_string(), l.candidates),
            other => (format!("{other:?}"), l.candidates),
        })
        .collect()
}

/// Issue 10, item 18: `index.md` in every folder, each linking `[[index]]`.
/// Each link is ambiguous and resolves to the note's own folder's file, on a
/// load and after files with the name come and go.
#[test]
fn a_name_shared_by_many_notes_resolves_to_each_notes_own_file() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let n = 400;
    for i in 0..n {
        write(root, &format!("f{i:03}/index.md"), "See [[index]] and [[INDEX]].\n");
    }
    write(root, "top/Other.md", "[[index]] [[f007/index]]\n");
    let mut v = Vault::load(root).unwrap();
    for i in [0, 7, n - 1] {
        let own = format!("f{i:03}/index.md");
        assert_eq!(targets(&v, &own), [(own.clone(), n), (own.clone(), n)]);
    }
    // Elsewhere: fewest components, then alphabetical.
    let first = "f000/index.md".to_owned();
    assert_eq!(targets(&v, "top/Other.md"), [(first.clone(), n), ("f007/index.md".into(), 1)]);

    // A namesake at the root wins from everywhere but the notes' own folders.
    let added = write(root, "index.md", "root\n");
    v.refresh(std::slice::from_ref(&added));
    assert_eq!(targets(&v, "top/Other.md")[0], ("index.md".into(), n + 1));
    assert_eq!(targets(&v, "f123/index.md")[0], ("f123/index.md".into(), n + 1));
    // A case variant in exact case beats every lower-case file.
    let upper = write(root, "zz/INDEX.md", "upper\n");
    v.refresh(&[upper]);
    let own = "f123/index.md".to_owned();
    assert_eq!(targets(&v, &own), [(own.clone(), n + 1), ("zz/INDEX.md".into(), 1)]);
    std::fs::remove_file(&added).unwrap();
    v.refresh(&[added]);
    assert_eq!(targets(&v, "top/Other.md")[0], (first, n));
    let fresh = Vault::load(root).unwrap();
    for i in 0..n {
        let p = format!("f{i:03}/index.md");
        assert_eq!(targets(&v, &p), targets(&fresh, &p), "{p}");
    }
}

/// A note on one long line: every link into `Target` on it.
fn long_line_vault(root: &Path, links: usize, gap: &str) -> String {
    write(root, "Target.md", "# Target\n");
    let mut line = String::new();
    for i in 0..links {
        line.push_str(gap);
        line.push_str(&format!("Target {i} [[Target]] "));
    }
    line.push_str(gap);
    write(root, "Long.md", &format!("{line}\n"));
    line
}

/// Issue 10, items 19 and 17: backlinks on a long line have the link's
/// column and a snippet around the link, within 160 characters.
#[test]
fn backlinks_on_a_long_line_show_each_link_in_160_characters() {
    let dir = tempfile::tempdir().unwrap();
    let gap = "가나다 lorem ipsum ".repeat(200);
    let line = long_line_vault(dir.path(), 300, &gap);
    let v = Vault::load(dir.path()).unwrap();
    let target = v.find_note("Target").unwrap();
    let backlinks = v.backlinks(target);
    assert_eq!(backlinks.len(), 300);
    let cols: Vec<u32> = line
        .match_indices("[[Target]]")
        .map(|(at, _)| line[..at].chars().count() as u32 + 1)
        .collect();
    for (i, b) in backlinks.iter().enumerate() {
        assert_eq!((b.link.link.pos.line, b.link.link.pos.col), (1, cols[i]));
        // Cut to 160 characters around the link, then read as the note
        // reads (the brackets gone), the link's text marked.
        let snippet = b.snippet.as_deref().unwrap();
        assert!(snippet.contains(&format!("Target {i} Target")), "{i}: {snippet:?}");
        assert!(snippet.chars().count() <= SNIPPET_CHARS, "{snippet:?}");
        assert!(snippet.chars().count() >= SNIPPET_CHARS - 8, "{snippet:?}");
        assert!(snippet.starts_with('…') && snippet.ends_with('…'), "{snippet:?}");
        let (a, e) = b.marks[0];
        assert_eq!(
            snippet.chars().skip(a as usize).take((e - a) as usize).collect::<String>(),
            "Target"
        );
    }
    // Unlinked mentions on the same line: the same bound.
    let mentions = v.unlinked_mentions(target);
    assert_eq!(mentions.len(), 300);
    for (i, m) in mentions.iter().enumerate() {
        assert!(m.snippet.contains(&format!("Target {i} Target")), "{:?}", m.snippet);
        assert!(m.snippet.chars().count() <= SNIPPET_CHARS, "{:?}", m.snippet);
    }
}
