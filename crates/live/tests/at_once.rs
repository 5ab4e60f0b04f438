//! Opening a cached vault answers at once (issue 11): with
//! `LiveSession::open_at_once`, queries answer from the vault and the search
//! index as the last session left them while the comparison with the disk
//! runs behind, and what changed while the vault was closed arrives as one
//! event marked `verified`, after which everything is up to date.

// Tests fail loudly on purpose: an unwrap here is an assertion.
#![allow(clippy::unwrap_used)]

use std::time::Duration;

use hanji_core::Progress;
use hanji_live::{Expected, LiveSession, Session};

fn open_at_once(
    root: &std::path::Path,
    cache: &std::path::Path,
    delay: Duration,
) -> (LiveSession, std::sync::mpsc::Receiver<hanji_live::ChangeEvent>) {
    let (live, report, events) = LiveSession::open_at_once(
        root,
        Some(cache),
        Duration::from_millis(30),
        &mut |_| {},
        &Progress::default(),
        delay,
    )
    .unwrap();
    assert!(report.restored.is_some(), "the vault was restored from its cache");
    (live, events)
}

fn hits(live: &LiveSession, query: &str) -> Vec<String> {
    let s = live.read().unwrap();
    s.search(query, 10).unwrap().hits.into_iter().map(|h| h.path).collect()
}

#[test]
fn a_cached_vault_answers_before_it_is_verified() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("vault");
    let cache = dir.path().join("cache");
    std::fs::create_dir_all(&root).unwrap();
    std::fs::write(root.join("Redis.md"), "# Redis\n캐시 서버, [[면접]]\n").unwrap();
    std::fs::write(root.join("면접.md"), "# 면접\n쿠버네티스를 공부했다\n").unwrap();
    // The first session fills the cache and the index.
    drop(Session::open(&root, Some(&cache)).unwrap());
    // While the vault is closed: one note changes, one goes, one comes.
    std::fs::write(root.join("면접.md"), "# 면접\n카프카를 공부했다\n").unwrap();
    std::fs::remove_file(root.join("Redis.md")).unwrap();
    std::fs::write(root.join("New.md"), "[[면접]] 새 노트\n").unwrap();

    let (live, events) = open_at_once(&root, &cache, Duration::from_secs(2));
    // At once: the vault and search as they were cached.
    {
        let s = live.read().unwrap();
        let paths: Vec<&str> = s.vault().notes().iter().map(|n| n.path.as_str()).collect();
        assert_eq!(paths, ["Redis.md", "면접.md"]);
    }
    assert_eq!(hits(&live, "쿠버네티스"), ["면접.md"]);
    assert!(events.try_recv().is_err(), "verification was held back, nothing changed yet");

    let event = events.recv_timeout(Duration::from_secs(20)).unwrap();
    assert!(event.verified, "the first event ends the verification: {event:?}");
    assert_eq!(event.added, ["New.md"]);
    assert_eq!(event.removed, ["Redis.md"]);
    assert_eq!(event.modified, ["면접.md"]);
    let delta = &event.graph;
    assert!(delta.nodes_added.iter().any(|n| n.id == "New.md"), "{delta:?}");
    {
        let s = live.read().unwrap();
        let paths: Vec<&str> = s.vault().notes().iter().map(|n| n.path.as_str()).collect();
        assert_eq!(paths, ["New.md", "면접.md"]);
        let target = s.vault().note_by_path("면접.md").unwrap();
        let from: Vec<String> = s
            .vault()
            .backlinks(target)
            .iter()
            .map(|b| s.vault().note(b.source).path.to_string())
            .collect();
        assert_eq!(from, ["New.md"]);
    }
    assert_eq!(hits(&live, "쿠버네티스"), Vec::<String>::new());
    assert_eq!(hits(&live, "카프카"), ["면접.md"]);

    // Live updates go on after it, and a save works.
    let hash = hanji_core::write::disk_hash(&root.join("New.md")).unwrap().unwrap();
    live.save("New.md", Expected::Hash(hash), "[[면접]] 고친 노트\n").unwrap();
    assert_eq!(hits(&live, "고친"), ["New.md"]);
}

/// A save made while the verification runs is not lost when the verified
/// copy of the vault is swapped in.
#[test]
fn a_save_during_verification_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("vault");
    let cache = dir.path().join("cache");
    std::fs::create_dir_all(&root).unwrap();
    for i in 0..300 {
        std::fs::write(root.join(format!("n{i}.md")), format!("# n{i}\n[[n{}]] 본문\n", i + 1))
            .unwrap();
    }
    drop(Session::open(&root, Some(&cache)).unwrap());
    std::fs::write(root.join("n5.md"), "# n5\n바뀐 본문\n").unwrap();
    let (live, events) = open_at_once(&root, &cache, Duration::ZERO);
    let hash = hanji_core::write::disk_hash(&root.join("n7.md")).unwrap().unwrap();
    live.save("n7.md", Expected::Hash(hash), "# n7\n저장한 본문\n").unwrap();
    let mut verified = false;
    while let Ok(e) = events.recv_timeout(Duration::from_secs(20)) {
        verified |= e.verified;
        if verified {
            break;
        }
    }
    assert!(verified);
    assert_eq!(hits(&live, "저장한"), ["n7.md"]);
    assert_eq!(hits(&live, "바뀐"), ["n5.md"]);
}
