//! Regression tests for derived data that is busy, damaged or stale, and for
//! folder shapes that used to hang the scan. Each test is named after the
//! defect it keeps fixed: the metadata cache deleted while another process
//! held it, rows reused after the parsing rules changed, damaged rows
//! trusted, and symbolic links between sibling folders listing the same
//! notes exponentially many times.

// Tests fail loudly on purpose: an unwrap here is an assertion.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::time::Duration;

use hanji_core::cache::Cache;
use hanji_core::{DiagnosticKind, Vault};

#[path = "../../../tests/support/render.rs"]
mod render;
use render::report;

#[path = "../../../tests/support/churn.rs"]
mod churn;

fn sample_vault() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../vault-sample")
}

fn side_files(path: &Path) {
    for suffix in ["-wal", "-shm"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(p);
    }
}

/// Holds an exclusive lock on the cache at `path` (as a second Hanji
/// process writing a long transaction does) for `hold`; returns once held.
fn hold_cache(path: &Path, hold: Duration) -> std::thread::JoinHandle<()> {
    let (locked_tx, locked_rx) = std::sync::mpsc::channel();
    let path = path.to_owned();
    let holder = std::thread::spawn(move || {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "locking_mode", "EXCLUSIVE").unwrap();
        conn.execute_batch("BEGIN EXCLUSIVE; UPDATE files SET size = size;").unwrap();
        locked_tx.send(()).unwrap();
        std::thread::sleep(hold);
        conn.execute_batch("COMMIT;").unwrap();
    });
    locked_rx.recv().unwrap();
    holder
}

/// A second Hanji process holding the cache longer than the wait (rusqlite's
/// default of 5 s; a first open of a large vault writes for longer) made
/// `Cache::open` take the busy error for damage and delete the database.
/// Now it waits, and past the wait it says the cache is busy and leaves the
/// file alone: the rows are all still there afterwards.
#[test]
fn a_busy_cache_is_waited_for_not_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.sqlite");
    let vault = sample_vault();
    let (v, _) = Vault::load_cached(&vault, &mut Cache::open(&path).unwrap()).unwrap();
    let notes = v.notes().len();

    // Held past the wait: a clear error, nothing deleted.
    let holder = hold_cache(&path, Duration::from_millis(800));
    match Cache::open_waiting(&path, Duration::from_millis(100)) {
        Err(e) => {
            assert!(matches!(e, hanji_core::cache::CacheError::Busy { .. }), "{e}");
            assert!(!e.is_damage());
        }
        Ok(c) => panic!("a held cache opened: rebuilt {:?}", c.rebuilt),
    }
    holder.join().unwrap();

    // Held for less than the wait: it waits.
    let holder = hold_cache(&path, Duration::from_millis(500));
    let mut cache = Cache::open(&path).unwrap();
    let (v, r) = Vault::load_cached(&vault, &mut cache).unwrap();
    holder.join().unwrap();
    assert_eq!(r.rebuilt, None, "{r:?}");
    assert_eq!((r.reused, r.parsed), (notes, 0), "the rows survived: {r:?}");
    assert_eq!(report(&v), report(&Vault::load(&vault).unwrap()));
}

/// A row whose stored metadata was changed in place (a bad disk, a stray
/// write) used to be served as is: wrong titles and tags with no warning.
/// Its checksum no longer matches, so the note is parsed again.
#[test]
fn a_cache_row_damaged_in_place_is_parsed_again() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("vault");
    std::fs::create_dir(&root).unwrap();
    std::fs::write(root.join("a.md"), "# 진짜 제목\n#면접 [[b]]\n").unwrap();
    std::fs::write(root.join("b.md"), "# B\n").unwrap();
    let path = dir.path().join("c.sqlite");
    drop(Vault::load_cached(&root, &mut Cache::open(&path).unwrap()).unwrap());

    let wrong = hanji_core::cache::encode(&hanji_core::parse::parse_note("# 가짜 제목\n#가짜\n"));
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute("UPDATE files SET parsed = ?1 WHERE path = 'a.md'", [&wrong]).unwrap();
    drop(conn);

    let (v, r) = Vault::load_cached(&root, &mut Cache::open(&path).unwrap()).unwrap();
    let a = v.find_note("a").unwrap();
    assert_eq!(v.note(a).title, "진짜 제목");
    assert_eq!(r.parsed, 1, "only the damaged row is parsed again: {r:?}");
    assert_eq!(report(&v), report(&Vault::load(&root).unwrap()));
}

/// Rows made under other parsing or resolution rules (an older build) used
/// to be reused for every unchanged note, so parser fixes never reached
/// them. A cache from other rules is emptied and every note parsed again.
#[test]
fn cached_notes_are_parsed_again_when_the_rules_change() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.sqlite");
    let vault = sample_vault();
    let (v, _) = Vault::load_cached(&vault, &mut Cache::open(&path).unwrap()).unwrap();
    let notes = v.notes().len();
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute("UPDATE meta SET value = '0-0000000000000000' WHERE key = 'rules'", []).unwrap();
    drop(conn);

    let mut cache = Cache::open(&path).unwrap();
    assert!(cache.rebuilt.as_deref().is_some_and(|r| r.contains("rules")), "{:?}", cache.rebuilt);
    let (v, r) = Vault::load_cached(&vault, &mut cache).unwrap();
    assert_eq!(r.parsed, notes, "{r:?}");
    assert_eq!(report(&v), report(&Vault::load(&vault).unwrap()));
    // And the next open trusts the rows again.
    let (_, r) = Vault::load_cached(&vault, &mut Cache::open(&path).unwrap()).unwrap();
    assert_eq!((r.parsed, r.rebuilt.as_deref()), (0, None), "{r:?}");
}

/// Random byte flips anywhere in the SQLite file gave silent wrong answers
/// in 7 of 60 trials. Now every trial ends in the vault a fresh load gives:
/// damaged pages reset the cache, damaged rows are parsed again.
#[test]
fn random_byte_flips_in_the_cache_never_give_wrong_answers() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.sqlite");
    let vault = sample_vault();
    let fresh = report(&Vault::load(&vault).unwrap());
    drop(Vault::load_cached(&vault, &mut Cache::open(&path).unwrap()).unwrap());
    side_files(&path);
    let good = std::fs::read(&path).unwrap();
    let mut rng = churn::Rng::new(60);
    for trial in 0..60 {
        let mut bytes = good.clone();
        let flips = 1 + rng.below(4);
        let mut at = Vec::new();
        for _ in 0..flips {
            let i = rng.below(bytes.len());
            bytes[i] ^= 1 << rng.below(8);
            at.push(i);
        }
        std::fs::write(&path, &bytes).unwrap();
        side_files(&path);
        let mut cache = Cache::open(&path).unwrap();
        let (v, r) = Vault::load_cached(&vault, &mut cache).unwrap();
        assert_eq!(report(&v), fresh, "trial {trial}, bytes flipped at {at:?}: {r:?}");
        drop(cache);
    }
}

/// Folders that link to each other (`a/x1 -> ../b`, `a/x2 -> ../c`, and so
/// on for b and c) made the scan exponential: with two links per folder it
/// never finished, with one link each way 3 notes were listed as 83. Each
/// real folder is now listed once; the other ways in are `symlink_loop`.
#[cfg(unix)]
#[test]
fn symlinks_between_sibling_folders_are_listed_once() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let r = dir.path().join("r");
    for f in ["a", "b", "c"] {
        std::fs::create_dir_all(r.join(f)).unwrap();
        std::fs::write(r.join(f).join(format!("n{f}.md")), format!("# {f}\n")).unwrap();
    }
    for (from, to) in [("a", ["b", "c"]), ("b", ["c", "a"]), ("c", ["a", "b"])] {
        for (i, t) in to.iter().enumerate() {
            symlink(format!("../{t}"), r.join(from).join(format!("x{}", i + 1))).unwrap();
        }
    }
    let v = Vault::load(&r).unwrap();
    let paths: Vec<&str> = v.notes().iter().map(|n| n.path.as_str()).collect();
    assert_eq!(paths, ["a/na.md", "b/nb.md", "c/nc.md"]);
    let loops: Vec<&str> = v
        .diagnostics()
        .iter()
        .filter(|d| d.kind == DiagnosticKind::SymlinkLoop)
        .map(|d| d.path.as_str())
        .collect();
    assert_eq!(loops, ["a/x1", "a/x2", "b/x1", "b/x2", "c/x1", "c/x2"]);
    // The same answer however the folder is looked at again.
    let mut live = Vault::load(&r).unwrap();
    live.refresh(&[r.join("a"), r.join("b/x1")]);
    assert_eq!(report(&live), report(&v));
}

/// A symbolic link to a folder outside the vault is still followed, once,
/// and a second link to the same folder is reported instead of listed.
#[cfg(unix)]
#[test]
fn a_linked_folder_outside_the_vault_is_listed_once() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let outside = dir.path().join("outside");
    std::fs::create_dir_all(outside.join("sub")).unwrap();
    std::fs::write(outside.join("sub/o.md"), "# O\n").unwrap();
    let r = dir.path().join("vault");
    std::fs::create_dir_all(&r).unwrap();
    symlink(&outside, r.join("ext")).unwrap();
    symlink(&outside, r.join("zz-again")).unwrap();
    symlink(outside.join("sub"), r.join("sub-link")).unwrap();
    let v = Vault::load(&r).unwrap();
    let paths: Vec<&str> = v.notes().iter().map(|n| n.path.as_str()).collect();
    // `sub-link` is at depth 1 like `ext`, so it claims `sub` before the
    // walk under `ext` reaches it.
    assert_eq!(paths, ["sub-link/o.md"]);
    let loops: Vec<&str> = v
        .diagnostics()
        .iter()
        .filter(|d| d.kind == DiagnosticKind::SymlinkLoop)
        .map(|d| d.path.as_str())
        .collect();
    assert_eq!(loops, ["ext/sub", "zz-again"]);
}
