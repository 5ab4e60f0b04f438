//! Regression tests for the ways a live session used to drift from the
//! disk or stop without saying so, each named after the defect: edits made
//! while the vault opened, edits inside a folder reached through a symbolic
//! link, a vault folder deleted while watched, a panic while applying a
//! change, and awkward churn (NFC/NFD twins, a folder replaced by a file,
//! names that are not Unicode) under a real watcher.

// Tests fail loudly on purpose: an unwrap here is an assertion.
#![allow(clippy::unwrap_used)]

#[path = "../../../tests/support/churn.rs"]
mod churn;
#[path = "../../../tests/support/render.rs"]
mod render;

use std::path::Path;
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

use hanji_core::{Progress, Vault};
use hanji_live::{ChangeEvent, LiveSession, Phase, Session};
use render::canonical;

const DEBOUNCE: Duration = Duration::from_millis(30);

/// Waits (up to 20 s) until the live vault equals a fresh load of `root`,
/// returning the events seen; a real divergence never catches up and the
/// caller's assertion shows it.
fn catch_up(live: &LiveSession, events: &Receiver<ChangeEvent>, root: &Path) -> Vec<ChangeEvent> {
    let want = canonical(&Vault::load(root).unwrap());
    let started = Instant::now();
    let mut seen = Vec::new();
    while started.elapsed() < Duration::from_secs(20) {
        while let Ok(e) = events.recv_timeout(Duration::from_millis(300)) {
            seen.push(e);
        }
        if canonical(live.read().unwrap().vault()) == want {
            break;
        }
    }
    seen
}

fn search_paths(s: &Session, q: &str) -> Vec<String> {
    let mut p: Vec<String> = s.search(q, 0).unwrap().hits.into_iter().map(|h| h.path).collect();
    p.sort();
    p
}

/// The watcher used to start only after the vault was opened, verified and
/// indexed, so a note saved meanwhile was missing until the next launch.
#[test]
fn edits_made_while_the_vault_opens_are_applied() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("vault");
    std::fs::create_dir_all(&root).unwrap();
    for i in 0..50 {
        std::fs::write(root.join(format!("노트 {i}.md")), format!("# 노트 {i}\n")).unwrap();
    }
    let written = root.join("여는 중에 쓴 노트.md");
    let mut on_phase = |p: Phase| {
        // Written after the folder was listed and compared: only a watcher
        // already running can see it.
        if p == Phase::Indexing {
            std::fs::write(&written, "# 여는 중\n쿠버네티스를 배운다\n").unwrap();
        }
    };
    let (live, _, events) = LiveSession::open(
        &root,
        Some(&dir.path().join("cache")),
        DEBOUNCE,
        &mut on_phase,
        &Progress::default(),
    )
    .unwrap();
    catch_up(&live, &events, &root);
    let s = live.read().unwrap();
    assert!(s.vault().note_by_path("여는 중에 쓴 노트.md").is_some(), "the note is known");
    assert_eq!(search_paths(&s, "쿠버네티스"), ["여는 중에 쓴 노트.md"]);
}

/// Notes in a folder the vault lists through a symbolic link were never
/// updated: the operating system reports those changes under the real
/// folder, which the watcher of the root does not see.
#[cfg(unix)]
#[test]
fn edits_inside_a_linked_folder_are_seen() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("vault");
    let outside = dir.path().join("elsewhere");
    std::fs::create_dir_all(&root).unwrap();
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(outside.join("밖.md"), "# 밖\n").unwrap();
    std::os::unix::fs::symlink(&outside, root.join("linked")).unwrap();
    std::fs::write(root.join("안.md"), "[[새 노트]]\n").unwrap();
    let (session, _) = Session::open(&root, Some(&dir.path().join("cache"))).unwrap();
    let (live, events) = LiveSession::start(session, DEBOUNCE).unwrap();
    std::thread::sleep(Duration::from_millis(100));
    std::fs::write(outside.join("새 노트.md"), "# 새 노트\n레디스를 쓴다\n").unwrap();
    std::fs::write(outside.join("밖.md"), "# 밖, 고쳐 씀\n").unwrap();
    let seen = catch_up(&live, &events, &root);
    let s = live.read().unwrap();
    assert_eq!(canonical(s.vault()), canonical(&Vault::load(&root).unwrap()), "{seen:?}");
    assert!(s.vault().note_by_path("linked/새 노트.md").is_some(), "{seen:?}");
    assert_eq!(s.vault().stats().unresolved, 0, "[[새 노트]] resolves now");
    assert_eq!(search_paths(&s, "레디스"), ["linked/새 노트.md"]);
}

/// Deleting the vault folder while it was watched gave no event, and
/// `hanji watch` kept running blind. Now an event says the vault is gone
/// and the session stops following it.
#[test]
fn a_vault_folder_deleted_while_watched_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("vault");
    std::fs::create_dir_all(root.join("sub")).unwrap();
    std::fs::write(root.join("sub/a.md"), "# A\n").unwrap();
    let (session, _) = Session::open(&root, Some(&dir.path().join("cache"))).unwrap();
    let (live, events) = LiveSession::start(session, DEBOUNCE).unwrap();
    std::fs::remove_dir_all(&root).unwrap();
    let started = Instant::now();
    let mut gone = false;
    while !gone && started.elapsed() < Duration::from_secs(10) {
        if let Ok(e) = events.recv_timeout(Duration::from_millis(200)) {
            gone = e.vault_gone;
        }
    }
    assert!(gone, "an event says the vault folder is gone");
    // The channel closes: nothing more will come.
    assert!(events.recv_timeout(Duration::from_secs(2)).is_err());
    drop(live);
}

/// A panic while applying a batch used to kill the update thread silently:
/// later changes were never applied, and readers were served whatever the
/// half-applied batch had left. Now the session is read again from disk
/// (readers wait), the event says so, and updates go on.
#[test]
fn a_panic_while_applying_a_change_is_contained() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("vault");
    std::fs::create_dir_all(&root).unwrap();
    std::fs::write(root.join("a.md"), "# A\n[[b]]\n").unwrap();
    let (session, _) = Session::open(&root, Some(&dir.path().join("cache"))).unwrap();
    let (live, events) = LiveSession::start(session, DEBOUNCE).unwrap();
    live.panic_on_next_batch();
    std::fs::write(root.join("b.md"), "# B\n면접 준비\n").unwrap();
    let mut seen = catch_up(&live, &events, &root);
    // The event is sent once the session is back and the lock released:
    // the state may be seen caught up a moment before it arrives.
    let said = |e: &ChangeEvent| e.warnings.iter().any(|w| w.contains("read again from disk"));
    let started = Instant::now();
    while !seen.iter().any(said) && started.elapsed() < Duration::from_secs(10) {
        seen.extend(events.recv_timeout(Duration::from_millis(200)));
    }
    assert!(seen.iter().any(said), "the event says what happened: {seen:?}");
    {
        let s = live.read().unwrap();
        assert_eq!(s.vault().stats().unresolved, 0);
        assert_eq!(search_paths(&s, "면접"), ["b.md"]);
    }
    // Later changes are applied as usual.
    std::fs::write(root.join("c.md"), "# C\n쿠버네티스\n").unwrap();
    catch_up(&live, &events, &root);
    assert_eq!(search_paths(&live.read().unwrap(), "쿠버네티스"), ["c.md"]);
}

/// The changes that made live updates drift from the disk (deleting the NFD
/// copy of a name also removed its NFC twin; a folder moved away and a file
/// put in its place kept the folder's notes; names that are not Unicode gave
/// no diagnostic; linked folders), many of them, under a real watcher: the
/// live vault and its search results must equal a fresh rebuild.
#[test]
fn awkward_churn_under_the_watcher_equals_a_fresh_rebuild() {
    for seed in [31, 32] {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("vault");
        std::fs::create_dir_all(&root).unwrap();
        let mut rng = churn::Rng::new(seed);
        for _ in 0..20 {
            churn::step(&root, &mut rng);
        }
        let (session, _) = Session::open(&root, Some(&dir.path().join("cache"))).unwrap();
        let (live, events) = LiveSession::start(session, DEBOUNCE).unwrap();
        for round in 0..4 {
            let mut log = Vec::new();
            for _ in 0..25 {
                let step = if rng.below(2) == 0 {
                    churn::awkward(&root, &mut rng)
                } else {
                    churn::step(&root, &mut rng)
                };
                log.push(step.description);
                if rng.below(3) == 0 {
                    std::thread::sleep(Duration::from_millis(rng.below(60) as u64));
                }
            }
            let seen = catch_up(&live, &events, &root);
            let s = live.read().unwrap();
            let (got, want) = (canonical(s.vault()), canonical(&Vault::load(&root).unwrap()));
            assert!(
                got == want,
                "seed {seed}, round {round}, steps {log:#?}\nlive (-) against fresh (+):\n{}",
                render::diff(&got, &want)
            );
            assert!(seen.iter().all(|e| e.warnings.is_empty()), "{seen:?}");
            let (fresh, _) = Session::open(&root, None).unwrap();
            for q in ["쿠버네티스", "면접", "tag:면접", "내용"] {
                assert_eq!(search_paths(&s, q), search_paths(&fresh, q), "seed {seed}, {q}");
            }
        }
    }
}

/// An index damaged while open (here: every stored-field file overwritten
/// in place, as a bad disk or a stray program would) used to fail every
/// later search, or panic inside Tantivy. The search now finds the damage,
/// rebuilds the index from the vault and answers as a fresh index does.
#[test]
fn a_search_index_damaged_while_open_is_rebuilt_on_search() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("vault");
    std::fs::create_dir_all(&root).unwrap();
    for i in 0..30 {
        let text = format!("# 노트 {i}\n면접 준비 {i} 쿠버네티스를 배운다\n");
        std::fs::write(root.join(format!("노트 {i}.md")), text).unwrap();
    }
    let cache = dir.path().join("cache");
    let (mut session, _) = Session::open(&root, Some(&cache)).unwrap();
    let (fresh, _) = Session::open(&root, None).unwrap();
    let want = search_paths(&fresh, "면접");
    assert_eq!(want.len(), 30);
    let mut damaged = 0;
    for e in std::fs::read_dir(cache.join("search")).unwrap().flatten() {
        let p = e.path();
        if p.extension().is_some_and(|x| x == "store") {
            let len = std::fs::metadata(&p).unwrap().len() as usize;
            // In place, same size: the open index's mapping sees it.
            std::fs::OpenOptions::new()
                .write(true)
                .open(&p)
                .and_then(|mut f| std::io::Write::write_all(&mut f, &vec![0x5a; len]))
                .unwrap();
            damaged += 1;
        }
    }
    assert!(damaged > 0, "the index has stored fields to damage");
    match session.search("면접", 0) {
        Err(e) => assert!(e.is_damage(), "{e}"),
        Ok(r) => panic!("a damaged index answered: {:?}", r.hits.first()),
    }
    let got = session.search_repairing("면접", 0).unwrap();
    let mut paths: Vec<String> = got.hits.into_iter().map(|h| h.path).collect();
    paths.sort();
    assert_eq!(paths, want);
    // And it stays repaired.
    assert_eq!(search_paths(&session, "쿠버네티스"), search_paths(&fresh, "쿠버네티스"));
}

/// Issue 16: opening a folder that does not exist (a recent vault since
/// moved, a typo) fails with a clear error and creates nothing: neither the
/// folder nor a cache folder for it.
#[test]
fn a_vault_that_is_not_there_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("없는 볼트");
    let cache = dir.path().join("cache").join("vault");
    let err = match Session::open(&missing, Some(&cache)) {
        Ok(_) => panic!("a missing folder opened"),
        Err(e) => e.to_string(),
    };
    assert!(err.contains("없는 볼트"), "the error names the folder: {err}");
    assert!(!missing.exists(), "the vault folder was not made");
    assert!(!dir.path().join("cache").exists(), "no cache folder was made");
}
