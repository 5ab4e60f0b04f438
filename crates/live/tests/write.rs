//! The write path a note editor stands on (`Session::save`): atomic, never
//! over a change it did not see, never from a lossy reading, and Hanji's
//! own writes not echoed back as outside changes.

// Tests fail loudly on purpose: an unwrap here is an assertion.
#![allow(clippy::unwrap_used)]

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use hanji_core::cache::content_hash;
use hanji_live::{Expected, LiveError, LiveSession, SaveError, Session, WriteError};

fn vault_with(files: &[(&str, &[u8])]) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("vault");
    std::fs::create_dir_all(&root).unwrap();
    for (p, bytes) in files {
        let full = root.join(p);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, bytes).unwrap();
    }
    (dir, root)
}

/// A reader that opens the note while it is being saved sees the old text
/// or the new one, whole, never a part (the text goes to a temporary file
/// that is renamed over the note).
#[test]
fn a_save_is_never_seen_half_written() {
    let a = format!("# 가\n{}\n", "쿠버네티스를 공부했다. ".repeat(40_000));
    let b = format!("# 나\n{}\n", "Redis 면접 준비. ".repeat(60_000));
    let (dir, root) = vault_with(&[("면접.md", a.as_bytes())]);
    let (mut s, _) = Session::open(&root, Some(&dir.path().join("cache"))).unwrap();
    let stop = Arc::new(AtomicBool::new(false));
    let reader = {
        let (stop, path, a, b) = (Arc::clone(&stop), root.join("면접.md"), a.clone(), b.clone());
        std::thread::spawn(move || {
            let mut reads = 0;
            while !stop.load(Ordering::Relaxed) {
                let got = std::fs::read_to_string(&path).unwrap();
                assert!(got == a || got == b, "a partial file was visible: {} bytes", got.len());
                reads += 1;
            }
            reads
        })
    };
    let mut hash = content_hash(a.as_bytes());
    for i in 0..20 {
        let text = if i % 2 == 0 { &b } else { &a };
        hash = s.save("면접.md", Expected::Hash(hash), text).unwrap().hash;
    }
    stop.store(true, Ordering::Relaxed);
    let reads = reader.join().unwrap();
    assert!(reads > 20, "the reader read while saves went on ({reads} reads)");
    assert_eq!(std::fs::read_to_string(root.join("면접.md")).unwrap(), a);
    let names: Vec<String> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["면접.md"], "no temporary file is left");
}

/// When another program changed the note after it was read, a save is a
/// conflict and the disk keeps the other program's text; so does creating
/// a note that exists meanwhile.
#[test]
fn a_stale_hash_is_a_conflict_and_the_disk_is_untouched() {
    let (dir, root) = vault_with(&[("a.md", b"# A\n")]);
    let (mut s, _) = Session::open(&root, Some(&dir.path().join("cache"))).unwrap();
    let seen = content_hash(b"# A\n");
    std::fs::write(root.join("a.md"), "# A, changed in Obsidian\n").unwrap();
    match s.save("a.md", Expected::Hash(seen), "# A, from Hanji\n") {
        Err(SaveError::Write(WriteError::Conflict { on_disk, .. })) => {
            assert_eq!(on_disk, Some(content_hash(b"# A, changed in Obsidian\n")));
        }
        other => panic!("expected a conflict, got {other:?}"),
    }
    assert_eq!(std::fs::read_to_string(root.join("a.md")).unwrap(), "# A, changed in Obsidian\n");
    // A new note whose file appeared meanwhile is not overwritten either.
    std::fs::write(root.join("b.md"), "made elsewhere\n").unwrap();
    assert!(matches!(
        s.save("b.md", Expected::Absent, "# B\n"),
        Err(SaveError::Write(WriteError::Conflict { on_disk: Some(_), .. }))
    ));
    assert_eq!(std::fs::read_to_string(root.join("b.md")).unwrap(), "made elsewhere\n");
    // A truly new note, in a new folder, is created and known at once.
    let saved = s.save("새 폴더/새 노트.md", Expected::Absent, "# 새 노트\n[[a]]\n").unwrap();
    assert_eq!(saved.event.added, ["새 폴더/새 노트.md"]);
    assert!(s.vault().note_by_path("새 폴더/새 노트.md").is_some());
    assert_eq!(s.search("노트", 0).unwrap().hits[0].path, "새 폴더/새 노트.md");
    // Paths that are not a note's are refused.
    for bad in ["../outside.md", "a.png", ""] {
        assert!(
            matches!(s.save(bad, Expected::Absent, "x"), Err(SaveError::NotANote { .. })),
            "{bad}"
        );
    }
}

/// A note that is not valid UTF-8 was read with replacement characters;
/// saving that reading would destroy its bytes, so it is refused.
#[test]
fn a_lossy_note_is_never_saved() {
    let bytes: &[u8] = b"# caf\xe9 latin-1\n";
    let (dir, root) = vault_with(&[("old.md", bytes)]);
    let (mut s, _) = Session::open(&root, Some(&dir.path().join("cache"))).unwrap();
    let r = s.save("old.md", Expected::Hash(content_hash(bytes)), "# café\n");
    assert!(matches!(r, Err(SaveError::Lossy { .. })), "{r:?}");
    assert_eq!(std::fs::read(root.join("old.md")).unwrap(), bytes);
}

/// Hanji's own save is applied once, at once, and announced as its own;
/// when the watcher reports the same write, nothing more is announced. A
/// later write by another program is an outside change as before.
#[test]
fn our_own_save_comes_back_from_the_watcher_as_no_external_change() {
    let (dir, root) = vault_with(&[("a.md", b"# A\n"), ("b.md", b"[[a]]\n")]);
    let (live, _, events) = LiveSession::open(
        &root,
        Some(&dir.path().join("cache")),
        Duration::from_millis(30),
        &mut |_| {},
        &hanji_core::Progress::default(),
    )
    .unwrap();
    let saved =
        live.save("a.md", Expected::Hash(content_hash(b"# A\n")), "# A\n면접 준비\n").unwrap();
    assert_eq!(saved.event.modified, ["a.md"]);
    let mut seen = Vec::new();
    let started = Instant::now();
    while started.elapsed() < Duration::from_millis(1500) {
        seen.extend(events.recv_timeout(Duration::from_millis(100)));
    }
    let about_a: Vec<_> = seen.iter().filter(|e| e.modified.iter().any(|p| p == "a.md")).collect();
    assert_eq!(about_a.len(), 1, "announced once: {seen:?}");
    assert!(about_a[0].own_write, "as Hanji's own: {seen:?}");
    assert_eq!(live.read().unwrap().search("면접", 0).unwrap().total, 1);

    std::fs::write(root.join("a.md"), "# A\n바깥에서 고침\n").unwrap();
    let started = Instant::now();
    let mut outside = None;
    while outside.is_none() && started.elapsed() < Duration::from_secs(10) {
        if let Ok(e) = events.recv_timeout(Duration::from_millis(100)) {
            if e.modified.iter().any(|p| p == "a.md") {
                outside = Some(e);
            }
        }
    }
    let outside = outside.expect("the outside write is announced");
    assert!(!outside.own_write);
    // And a save over content Hanji did not see is refused.
    let r = live.save("a.md", Expected::Hash(saved.hash), "# A\n덮어쓰기\n");
    assert!(
        matches!(r, Err(LiveError::Save(SaveError::Write(WriteError::Conflict { .. })))),
        "{r:?}"
    );
}

/// Waits up to `for_` for events, returning them all.
fn gather(
    events: &std::sync::mpsc::Receiver<hanji_live::ChangeEvent>,
    for_: Duration,
) -> Vec<hanji_live::ChangeEvent> {
    let mut seen = Vec::new();
    let started = Instant::now();
    while started.elapsed() < for_ {
        seen.extend(events.recv_timeout(Duration::from_millis(100)));
    }
    seen
}

fn open_live(
    root: &std::path::Path,
    cache: &std::path::Path,
) -> (LiveSession, std::sync::mpsc::Receiver<hanji_live::ChangeEvent>) {
    let (live, _, events) = LiveSession::open(
        root,
        Some(cache),
        Duration::from_millis(30),
        &mut |_| {},
        &hanji_core::Progress::default(),
    )
    .unwrap();
    (live, events)
}

/// Touching a note, or an editor saving the same text again, used to be
/// announced as `modified` (every re-read was): now only a change of
/// content is.
#[test]
fn touching_a_note_without_changing_it_sends_no_modified() {
    let (dir, root) = vault_with(&[("a.md", "# A\n면접\n".as_bytes())]);
    let (live, events) = open_live(&root, &dir.path().join("cache"));
    let file = std::fs::File::options().write(true).open(root.join("a.md")).unwrap();
    file.set_modified(std::time::SystemTime::now() + Duration::from_secs(5)).unwrap();
    drop(file);
    std::fs::write(root.join("a.md"), "# A\n면접\n").unwrap();
    let seen = gather(&events, Duration::from_millis(1000));
    assert!(seen.iter().all(|e| e.modified.is_empty()), "{seen:?}");
    // A real change is announced as ever.
    std::fs::write(root.join("a.md"), "# A\n면접 준비\n").unwrap();
    let seen = gather(&events, Duration::from_millis(1000));
    assert!(seen.iter().any(|e| e.modified == ["a.md"]), "{seen:?}");
    assert_eq!(live.read().unwrap().search("준비", 0).unwrap().total, 1);
}

/// A note moved by another program (a file manager, `git mv`) arrives as
/// `renamed {from, to}`, so an editor showing it can follow it.
#[test]
fn a_rename_by_another_program_arrives_as_renamed() {
    let (dir, root) = vault_with(&[("a.md", "# A\n쿠버네티스\n".as_bytes()), ("b.md", b"[[a]]\n")]);
    let (live, events) = open_live(&root, &dir.path().join("cache"));
    std::fs::create_dir_all(root.join("보관")).unwrap();
    std::fs::rename(root.join("a.md"), root.join("보관/a.md")).unwrap();
    let seen = gather(&events, Duration::from_millis(1000));
    let renamed: Vec<&(String, String)> = seen.iter().flat_map(|e| &e.renamed).collect();
    assert_eq!(renamed, [&("a.md".to_owned(), "보관/a.md".to_owned())], "{seen:?}");
    // The link still finds its note where it went.
    assert_eq!(live.read().unwrap().vault().stats().unresolved, 0);
}

/// Issue 12's base: a note opened for editing comes back byte for byte (a
/// byte-order mark, `\r\n` line endings, no final newline), with the hash a
/// save expects; an edit in one place saved over it changes only that
/// place. What cannot be edited safely is refused with the reason.
#[test]
fn a_note_opened_for_editing_keeps_every_byte_and_says_why_it_cannot() {
    let crlf =
        "\u{feff}---\r\ntags: [면접]\r\n---\r\n# 제목\r\n\r\n쿠버네티스를 공부했다\r\n마지막 줄";
    let (dir, root) = vault_with(&[
        ("Windows.md", crlf.as_bytes()),
        ("Latin1.md", b"caf\xe9\n"),
        ("Locked.md", b"# locked\n"),
        ("Big.md", &vec![b'a'; hanji_live::EDIT_MAX_BYTES as usize + 1]),
    ]);
    let locked = root.join("Locked.md");
    let mut perms = std::fs::metadata(&locked).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&locked, perms).unwrap();
    let (mut s, _) = Session::open(&root, Some(&dir.path().join("cache"))).unwrap();

    let source = s.source("Windows.md").unwrap();
    assert_eq!(source.text, crlf, "every byte, as on disk");
    assert_eq!(source.hash, content_hash(crlf.as_bytes()));
    let edited = source.text.replace("공부했다", "복습했다");
    let saved = s.save("Windows.md", Expected::Hash(source.hash), &edited).unwrap();
    let on_disk = std::fs::read(root.join("Windows.md")).unwrap();
    assert_eq!(on_disk, edited.as_bytes(), "only the edited word changed");
    assert_eq!(saved.hash, content_hash(&on_disk));
    // The old hash no longer matches: a second save with it is a conflict.
    assert!(matches!(
        s.save("Windows.md", Expected::Hash(source.hash), "x"),
        Err(SaveError::Write(WriteError::Conflict { .. }))
    ));

    let why = |p: &str| s.source(p).map(|_| ()).unwrap_err().to_string();
    assert!(why("Latin1.md").contains("not valid UTF-8"), "{}", why("Latin1.md"));
    assert!(why("Big.md").contains("more than the"), "{}", why("Big.md"));
    assert!(why("Missing.md").contains("not a note"), "{}", why("Missing.md"));
    // Root may write a read-only file anyway; Hanji still refuses to.
    assert!(why("Locked.md").contains("read-only"), "{}", why("Locked.md"));
}
