//! `hanji check`'s problem list comes back in one order, whatever order the
//! notes were read or updated in (issue 10, item 16).

// Tests fail loudly on purpose: an unwrap here is an assertion.
#![allow(clippy::unwrap_used)]

use hanji_core::{Problem, Vault};

fn summary(problems: &[Problem]) -> Vec<String> {
    problems
        .iter()
        .map(|p| {
            let at = p.pos.map_or(String::new(), |p| format!(":{}:{}", p.line, p.col));
            format!("{}{at} {} {}", p.path, p.kind.code(), p.message)
        })
        .collect()
}

/// Issue 10, item 16: problems followed the notes' ids, which live updates
/// reorder, and then load diagnostics after every link problem; a live
/// vault and a fresh load of the same folder listed them differently.
#[test]
fn problems_are_listed_in_one_order_after_live_updates() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let note = |name: &str| root.join(name);
    for name in ["a.md", "b.md", "c.md", "d.md"] {
        std::fs::write(note(name), format!("[[missing {name}]] and [[gone]]\n")).unwrap();
    }
    std::fs::write(note("b2.md"), "---\ntitle: [unclosed\n---\n[[nowhere]]\n").unwrap();
    let mut v = Vault::load(root).unwrap();
    let sorted = |v: &Vault| {
        let mut s = summary(&v.problems());
        s.sort();
        s
    };
    assert_eq!(summary(&v.problems()), sorted(&v), "a fresh load lists problems sorted");
    // `a.md` goes (the last note takes its id) and comes back (last id).
    let content = std::fs::read_to_string(note("a.md")).unwrap();
    std::fs::remove_file(note("a.md")).unwrap();
    v.refresh(&[note("a.md")]);
    std::fs::write(note("a.md"), content).unwrap();
    v.refresh(&[note("a.md")]);
    let fresh = Vault::load(root).unwrap();
    assert_eq!(summary(&v.problems()), summary(&fresh.problems()));
    assert_eq!(summary(&v.problems()), sorted(&v));
}
