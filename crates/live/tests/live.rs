//! The live session against a real folder, a real notify watcher, a real
//! SQLite cache and a real Tantivy index: random churn is applied on disk
//! while the watcher runs, and afterwards every view (graph, tags, links,
//! search results, cache rows) must equal a fresh rebuild from the folder.

// Tests fail loudly on purpose: an unwrap here is an assertion.
#![allow(clippy::unwrap_used)]

#[path = "../../../tests/support/churn.rs"]
mod churn;
#[path = "../../../tests/support/render.rs"]
mod render;

use std::path::Path;
use std::sync::mpsc::Receiver;
use std::time::Duration;

use hanji_core::cache::Cache;
use hanji_core::{Progress, Vault};
use hanji_live::{ChangeEvent, LiveSession, Phase, Session};
use render::canonical;

const QUERIES: &[&str] = &[
    "쿠버네티스",
    "면접",
    "tag:면접",
    "tag:cs",
    "redis",
    "\"내용 1\"",
    "자기소개 -면접",
    "title:이력서",
];

/// Waits until the watcher has been quiet for `quiet`, returning every event.
fn settle(events: &Receiver<ChangeEvent>, quiet: Duration) -> Vec<ChangeEvent> {
    let mut out = Vec::new();
    while let Ok(e) = events.recv_timeout(quiet) {
        out.push(e);
    }
    out
}

/// Search results as sorted paths with the total; ranking may differ between
/// an index updated in place and one built fresh (deleted documents still
/// count in term statistics until segments merge), the matches may not.
fn results(s: &Session, query: &str) -> (usize, Vec<String>) {
    let r = s.search(query, 0).unwrap();
    let mut paths: Vec<String> = r.hits.iter().map(|h| h.path.clone()).collect();
    paths.sort();
    (r.total, paths)
}

fn cache_rows(path: &Path) -> Vec<(String, u64, u64)> {
    let mut cache = Cache::open(path).unwrap();
    let mut rows: Vec<(String, u64, u64)> =
        cache.load_all().unwrap().into_iter().map(|r| (r.path, r.size, r.hash)).collect();
    rows.sort();
    rows
}

fn churn_under_watcher(seed: u64, rounds: usize, steps: usize) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("vault");
    let cache_dir = dir.path().join("cache");
    std::fs::create_dir_all(&root).unwrap();
    let mut rng = churn::Rng::new(seed);
    for _ in 0..15 {
        churn::step(&root, &mut rng);
    }
    let (mut session, _) = Session::open(&root, Some(&cache_dir)).unwrap();
    for round in 0..rounds {
        let (live, events) = LiveSession::start(session, Duration::from_millis(30)).unwrap();
        let mut log = Vec::new();
        for _ in 0..steps {
            log.push(churn::step(&root, &mut rng).description);
            // Sometimes back to back (one debounced batch), sometimes apart.
            if rng.below(3) == 0 {
                std::thread::sleep(Duration::from_millis(rng.below(60) as u64));
            }
        }
        let fresh = Vault::load(&root).unwrap();
        let want = canonical(&fresh);
        // Quiet for 700 ms usually means done; on a loaded machine a batch
        // can take longer to apply, so wait (up to a deadline) for the state
        // to catch up. A real divergence never does, and fails below.
        let started = std::time::Instant::now();
        let mut applied = Vec::new();
        loop {
            applied.extend(settle(&events, Duration::from_millis(700)));
            if canonical(live.read().unwrap().vault()) == want
                || started.elapsed() > Duration::from_secs(20)
            {
                break;
            }
        }
        assert!(!applied.is_empty(), "the watcher reported the churn");
        assert!(applied.iter().all(|e| e.warnings.is_empty()), "{applied:?}");
        {
            let s = live.read().unwrap();
            let at = format!("seed {seed}, round {round}; steps: {log:#?}");
            assert_eq!(canonical(s.vault()), want, "{at}");
            let (rebuilt, _) = Session::open(&root, None).unwrap();
            for q in QUERIES {
                assert_eq!(results(&s, q), results(&rebuilt, q), "{at}, query {q}");
            }
        }
        drop(live);

        // The cache the watcher kept equals one filled from scratch, and a
        // warm reopen from it (stored links and all) reads no note at all.
        let fresh_cache = dir.path().join(format!("fresh-{round}.sqlite"));
        Vault::load_cached(&root, &mut Cache::open(&fresh_cache).unwrap()).unwrap();
        let kept = cache_dir.join("metadata.sqlite");
        assert_eq!(cache_rows(&kept), cache_rows(&fresh_cache), "seed {seed}, round {round}");
        let (reopened, report) = Session::open(&root, Some(&cache_dir)).unwrap();
        assert_eq!(report.cache.as_ref().map(|c| c.parsed), Some(0), "{report:?}");
        assert_eq!(report.index.indexed, 0, "the index was already in step: {report:?}");
        assert_eq!(canonical(reopened.vault()), canonical(&fresh), "seed {seed}, round {round}");
        session = reopened;
    }
}

#[test]
fn churn_under_the_watcher_equals_a_fresh_rebuild() {
    for seed in [11, 12, 13] {
        churn_under_watcher(seed, 4, 40);
    }
}

#[test]
fn a_burst_of_files_settles_into_the_same_state() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("vault");
    std::fs::create_dir_all(root.join("Inbox")).unwrap();
    let (session, _) = Session::open(&root, Some(&dir.path().join("cache"))).unwrap();
    let (live, events) = LiveSession::start(session, Duration::from_millis(30)).unwrap();
    // Like a `git checkout`: many files at once, linking to each other.
    for i in 0..500 {
        let text = format!("# 노트 {i}\n[[노트 {}]] 쿠버네티스를 배운다 #면접\n", (i + 1) % 500);
        std::fs::write(root.join(format!("Inbox/노트 {i}.md")), text).unwrap();
    }
    let want = canonical(&Vault::load(&root).unwrap());
    let started = std::time::Instant::now();
    loop {
        settle(&events, Duration::from_millis(500));
        if canonical(live.read().unwrap().vault()) == want
            || started.elapsed() > Duration::from_secs(20)
        {
            break;
        }
    }
    let s = live.read().unwrap();
    assert_eq!(s.vault().notes().len(), 500);
    assert_eq!(canonical(s.vault()), want);
    assert_eq!(s.search("쿠버네티스", 0).unwrap().total, 500);
    assert_eq!(s.vault().stats().unresolved, 0);
}

#[test]
fn a_deleted_search_index_is_rebuilt_on_open() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("vault");
    std::fs::create_dir_all(&root).unwrap();
    std::fs::write(root.join("쿠버네티스.md"), "# 쿠버네티스\n쿠버네티스를 배운다\n").unwrap();
    let cache_dir = dir.path().join("cache");
    let (s, _) = Session::open(&root, Some(&cache_dir)).unwrap();
    assert_eq!(s.search("쿠버네티스", 0).unwrap().total, 1);
    drop(s);
    std::fs::remove_dir_all(cache_dir.join("search")).unwrap();
    let (s, report) = Session::open(&root, Some(&cache_dir)).unwrap();
    assert!(report.index.rebuilt, "{report:?}");
    assert_eq!(report.index.indexed, 1);
    assert_eq!(s.search("쿠버네티스", 0).unwrap().total, 1);
    drop(s);
    // An index folder holding garbage is rebuilt too.
    std::fs::write(cache_dir.join("search/meta.json"), "{ not json").unwrap();
    let (s, report) = Session::open(&root, Some(&cache_dir)).unwrap();
    assert!(report.index.rebuilt, "{report:?}");
    assert_eq!(s.search("쿠버네티스", 0).unwrap().total, 1);
}

#[test]
fn links_resolved_again_by_a_change_are_stored_for_the_next_open() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("vault");
    let cache_dir = dir.path().join("cache");
    std::fs::create_dir_all(root.join("CS")).unwrap();
    std::fs::write(root.join("a.md"), "[[Redis]] [[없는 노트]]\n").unwrap();
    std::fs::write(root.join("CS/Redis.md"), "# Redis\n").unwrap();
    let (mut s, _) = Session::open(&root, Some(&cache_dir)).unwrap();
    // A second Redis makes a.md's link ambiguous, and the missing note
    // appears: a.md itself is not read again, only its links change.
    std::fs::create_dir_all(root.join("면접")).unwrap();
    std::fs::write(root.join("면접/Redis.md"), "# Redis\n").unwrap();
    std::fs::write(root.join("없는 노트.md"), "이제 있다\n").unwrap();
    let e = s.refresh(&[root.join("면접/Redis.md"), root.join("없는 노트.md")]);
    assert_eq!(e.added.len(), 2, "{e:?}");
    assert!(e.relinked >= 1, "{e:?}");
    let fresh = canonical(&Vault::load(&root).unwrap());
    assert_eq!(canonical(s.vault()), fresh);
    drop(s);
    let (reopened, report) = Session::open(&root, Some(&cache_dir)).unwrap();
    assert_eq!(report.cache.as_ref().map(|c| c.parsed), Some(0), "{report:?}");
    assert_eq!(canonical(reopened.vault()), fresh);
}

#[test]
fn opening_reports_its_phases_and_counts_the_notes_it_reads_and_indexes() {
    let vault = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    for i in 0..25 {
        std::fs::write(
            vault.path().join(format!("노트 {i}.md")),
            format!("# {i}\n면접 [[노트 0]]\n"),
        )
        .unwrap();
    }
    let open = |seen: &mut Vec<(Phase, (usize, usize))>| {
        let work = Progress::default();
        let (s, _) = Session::open_with_progress(
            vault.path(),
            Some(cache.path()),
            &mut |p| seen.push((p, work.get())),
            &work,
        )
        .unwrap();
        (s, work.get())
    };
    // First open: every note read (one step each), then indexed (two each).
    let mut seen = Vec::new();
    let (s, end) = open(&mut seen);
    assert_eq!(seen, [(Phase::Loading, (0, 0)), (Phase::Indexing, (0, 0))]);
    assert_eq!(end, (50, 50));
    assert_eq!(results(&s, "면접").0, 25);
    drop(s);
    // Warm open: restored and verified, nothing to read or index.
    let mut seen = Vec::new();
    let (_s, end) = open(&mut seen);
    assert_eq!(
        seen.iter().map(|p| p.0).collect::<Vec<_>>(),
        [Phase::Loading, Phase::Verifying, Phase::Indexing]
    );
    assert_eq!(end, (0, 0));
}
