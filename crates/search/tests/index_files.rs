//! The index folder and its files under abuse (issue 10): a folder that is
//! not an index is never deleted; a damaged index is rebuilt, never a
//! permanent error or a panic; a process killed between the commit and the
//! manifest leaves no phantom hits; two writers take turns on the lock; and
//! file names with newlines are not re-indexed on every open.

// Tests fail loudly on purpose: an unwrap here is an assertion.
#![allow(clippy::unwrap_used)]

use std::fs;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::Duration;

use hanji_core::{NoteId, Vault};
use hanji_search::{SearchError, SearchIndex, SearchResults};

/// Writes `files` (vault path, text) under `root`.
fn write_vault(root: &Path, files: &[(String, String)]) {
    for (path, text) in files {
        let full = root.join(path);
        fs::create_dir_all(full.parent().unwrap()).unwrap();
        fs::write(full, text).unwrap();
    }
}

fn note_id(vault: &Vault, path: &str) -> NoteId {
    vault.note_by_path(path).unwrap_or_else(|| panic!("{path} is a note"))
}

fn total(index: &SearchIndex, vault: &Vault, q: &str) -> usize {
    index.search(vault, q, 0).unwrap_or_else(|e| panic!("{q}: {e}")).total
}

/// Item 1: `hanji search VAULT q --cache-dir VAULT` used the vault's own
/// `search/` folder as the index folder and deleted it.
#[test]
fn search_dir_without_marker_is_never_deleted() {
    // (what the folder holds, whether the index may use it)
    let cases: &[(&[&str], bool)] = &[
        (&["면접 준비.md"], false),
        (&["meta.json", "notes.md"], false),
        (&["sub/"], false),
        (&["0123456789abcdef0123456789abcdef.store", "hanji-version/"], false),
        (&[], true),
        (&["meta.json", ".managed.json", "0123456789abcdef0123456789abcdef.idx"], true),
        (&[".tantivy-writer.lock", "hanji-manifest.tsv"], true),
        // The marker says the folder is the index's, whatever else is in it.
        (&["hanji-version", "stray.txt"], true),
    ];
    for (entries, usable) in cases {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("search");
        fs::create_dir(&dir).unwrap();
        for e in *entries {
            match e.strip_suffix('/') {
                Some(sub) => fs::create_dir(dir.join(sub)).unwrap(),
                None => fs::write(dir.join(e), "keep me").unwrap(),
            }
        }
        let opened = SearchIndex::open(&dir);
        if *usable {
            let index = opened.unwrap_or_else(|e| panic!("{entries:?}: {e}"));
            drop(index);
            assert!(dir.join("hanji-version").is_file(), "{entries:?}");
        } else {
            match opened {
                Err(SearchError::NotAnIndex { path, .. }) => assert_eq!(path, dir),
                Err(e) => panic!("{entries:?}: wrong error {e}"),
                Ok(_) => panic!("{entries:?}: a folder with foreign files was used"),
            }
            for e in *entries {
                let p = dir.join(e.trim_end_matches('/'));
                assert!(p.exists(), "{entries:?}: {e} was deleted");
                if !e.ends_with('/') {
                    assert_eq!(fs::read_to_string(&p).unwrap(), "keep me", "{e}");
                }
            }
            let listed = fs::read_dir(&dir).unwrap().count();
            assert_eq!(listed, entries.len(), "{entries:?}: nothing added either");
        }
    }
}

/// A small deterministic generator (SplitMix64): the same seed, the same
/// damage.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const WORDS: &[&str] = &[
    "면접",
    "쿠버네티스를",
    "레디스",
    "이력서",
    "redis",
    "cluster",
    "배포",
    "책",
    "deadlock",
    "교착상태",
    "서버",
    "docker",
    "알고리즘을",
    "memory",
    "검색",
];

/// 30 notes, Hangul and Latin, some tagged, in two folders.
fn damage_vault(root: &Path) -> Vec<(String, String)> {
    let mut rng = Rng(7);
    let files: Vec<(String, String)> = (0..30)
        .map(|i| {
            let folder = if i % 3 == 0 { "면접" } else { "notes" };
            let words: Vec<&str> = (0..40).map(|_| WORDS[rng.below(WORDS.len())]).collect();
            let tag = if i % 4 == 0 { "\n#topic/sub" } else { "" };
            let text = format!("# 노트 {i}\n\n{}\n공통 문장 {i}{tag}\n", words.join(" "));
            (format!("{folder}/note {i:02}.md"), text)
        })
        .collect();
    write_vault(root, &files);
    files
}

const QUERIES: &[&str] = &[
    "면접",
    "redis",
    "쿠버네티스",
    "tag:topic",
    "path:notes/",
    "\"공통 문장\"",
    "dock*",
    "책",
    "교착상태 -memory",
];

/// What a query answers, scores aside (compared separately, loosely).
#[derive(Debug, PartialEq)]
struct Answer {
    total: usize,
    hits: Vec<(String, String, u32, String)>,
    scores: Vec<i64>,
}

fn answer(r: SearchResults) -> Answer {
    Answer {
        total: r.total,
        scores: r.hits.iter().map(|h| (h.score * 1e4).round() as i64).collect(),
        hits: r.hits.into_iter().map(|h| (h.path, h.title, h.line, h.snippet)).collect(),
    }
}

/// What a caller does: on `Damaged`, rebuild, sync the vault, ask again
/// once. Any other error is a permanent one, and fails the test.
fn ask(index: &mut SearchIndex, vault: &Vault, q: &str, limit: usize) -> Answer {
    match index.search(vault, q, limit) {
        Ok(r) => answer(r),
        Err(e) if e.is_damage() => {
            index.rebuild().unwrap();
            index.sync(vault).unwrap();
            answer(
                index.search(vault, q, limit).unwrap_or_else(|e| panic!("{q} after rebuild: {e}")),
            )
        }
        Err(e) => panic!("{q}: permanent error: {e}"),
    }
}

fn ask_all(index: &mut SearchIndex, vault: &Vault) -> Vec<Answer> {
    QUERIES.iter().flat_map(|q| [ask(index, vault, q, 5), ask(index, vault, q, 0)]).collect()
}

/// Opens the index as `hanji search` does, syncs, and asks every query.
fn open_and_ask(dir: &Path, vault: &Vault) -> Vec<Answer> {
    let mut index = SearchIndex::open(dir).unwrap_or_else(|e| panic!("open: {e}"));
    index.sync(vault).unwrap_or_else(|e| panic!("sync: {e}"));
    ask_all(&mut index, vault)
}

fn copy_dir(from: &Path, to: &Path) {
    let _ = fs::remove_dir_all(to);
    fs::create_dir_all(to).unwrap();
    for e in fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        fs::copy(e.path(), to.join(e.file_name())).unwrap();
    }
}

/// Segment files (`<32 hex>.<ext>`), by extension and size: segment ids
/// are random, so their names would make the seeds choose other files on
/// every run.
fn segment_files(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_str().unwrap();
            name.split_once('.')
                .is_some_and(|(id, _)| id.len() == 32 && id.bytes().all(|b| b.is_ascii_hexdigit()))
        })
        .collect();
    out.sort_by_key(|p| {
        let ext = p.file_name().unwrap().to_str().unwrap().split_once('.').unwrap().1.to_owned();
        (ext, fs::metadata(p).unwrap().len())
    });
    out
}

/// Damages one random segment file: a truncation (only when `truncate`),
/// or a few random bytes flipped in place. Returns what was done.
fn damage(dir: &Path, rng: &mut Rng, truncate: bool) -> String {
    let files = segment_files(dir);
    let file = &files[rng.below(files.len())];
    let mut bytes = fs::read(file).unwrap();
    let name = file.file_name().unwrap().to_string_lossy().into_owned();
    if bytes.is_empty() {
        return format!("{name} is empty");
    }
    if truncate && rng.below(4) == 0 {
        let len = rng.below(bytes.len());
        bytes.truncate(len);
        fs::write(file, &bytes).unwrap();
        return format!("{name} truncated to {len}");
    }
    let flips = 1 + rng.below(4);
    let mut at = Vec::new();
    for _ in 0..flips {
        let i = rng.below(bytes.len());
        bytes[i] ^= 1 + rng.below(255) as u8;
        at.push(i);
    }
    let what = format!("{name}: bytes {at:?} of {} flipped", bytes.len());
    // In place: the file may be mapped by an open index.
    use std::io::{Seek, SeekFrom, Write};
    let mut f = fs::OpenOptions::new().write(true).open(file).unwrap();
    f.seek(SeekFrom::Start(0)).unwrap();
    f.write_all(&bytes).unwrap();
    f.sync_all().unwrap();
    what
}

struct DamageSetup {
    _tmp: tempfile::TempDir,
    vault: Vault,
    pristine: PathBuf,
    fresh: Vec<Answer>,
    work: PathBuf,
}

/// A vault, an index of it in several segments (a sync, then a live
/// update adding a note), and the answers of a freshly built index.
fn damage_setup() -> DamageSetup {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("vault");
    let files = damage_vault(&root);
    let first = Vault::load(&root).unwrap();
    let pristine = tmp.path().join("pristine");
    let mut index = SearchIndex::open(&pristine).unwrap();
    index.sync(&first).unwrap();
    write_vault(
        &root,
        &[("notes/late.md".to_owned(), "# Late\nredis 면접 책 늦은 노트\n".to_owned())],
    );
    let vault = Vault::load(&root).unwrap();
    index.update(&vault, &[note_id(&vault, "notes/late.md")], &[]).unwrap();
    index.release_writer().unwrap();
    drop(index);
    assert_eq!(vault.notes().len(), files.len() + 1);
    let fresh = open_and_ask(&tmp.path().join("fresh"), &vault);
    let work = tmp.path().join("work");
    DamageSetup { _tmp: tmp, vault, pristine, fresh, work }
}

/// Item 8: a truncated `.store` made every later search fail with "Footer
/// magic byte mismatch"; flipped bytes gave permanent errors or panics
/// inside Tantivy. Whatever the damage, what a caller does (open, sync,
/// search; on `Damaged` rebuild, sync, retry) answers as a fresh index
/// does, and nothing panics.
#[test]
fn damaged_search_index_is_rebuilt() {
    let s = damage_setup();
    assert_eq!(open_and_ask(&s.pristine, &s.vault), s.fresh, "the undamaged index answers alike");
    let mut rng = Rng(0x5eed_0008);
    for trial in 0..48 {
        copy_dir(&s.pristine, &s.work);
        let what = damage(&s.work, &mut rng, true);
        let got = catch_unwind(AssertUnwindSafe(|| open_and_ask(&s.work, &s.vault)));
        match got {
            Ok(got) => assert!(got == s.fresh, "trial {trial} ({what}): answers differ"),
            Err(_) => panic!("trial {trial} ({what}): a panic escaped"),
        }
        let reopened = SearchIndex::open(&s.work).unwrap();
        assert!(reopened.rebuild_reason().is_none(), "trial {trial}: rebuilt once, then trusted");
    }
}

/// Item 8, with the index open while its files are damaged (as when the
/// disk goes bad under `hanji watch`): reads and writes never panic and
/// never end in a permanent error, and the next open answers as a fresh
/// index does.
#[test]
fn damage_under_an_open_index_is_contained() {
    let s = damage_setup();
    // The writer path adds a note (no deletions, so scores stay comparable).
    let extra = ("notes/extra.md".to_owned(), "# Extra\nredis 면접 덧붙인 노트\n".to_owned());
    write_vault(s.vault.root(), &[extra]);
    let plus = Vault::load(s.vault.root()).unwrap();
    let extra = note_id(&plus, "notes/extra.md");
    let fresh_plus = open_and_ask(&s.work.with_file_name("fresh-plus"), &plus);
    let mut rng = Rng(0x5eed_0108);
    for trial in 0..24 {
        copy_dir(&s.pristine, &s.work);
        let mut index = SearchIndex::open(&s.work).unwrap();
        let what = damage(&s.work, &mut rng, false);
        let run = catch_unwind(AssertUnwindSafe(|| {
            ask_all(&mut index, &s.vault);
            // The writer path on a damaged index: a rebuild, not an error.
            index.update(&plus, &[extra], &[]).unwrap_or_else(|e| panic!("update: {e}"));
            ask_all(&mut index, &plus);
            index.release_writer().ok();
        }));
        assert!(run.is_ok(), "trial {trial} ({what}): a panic escaped or an error was permanent");
        drop(index);
        let got = open_and_ask(&s.work, &plus);
        assert!(got == fresh_plus, "trial {trial} ({what}): answers differ after reopening");
    }
}

/// Item 10: the commit came before the manifest line, so a process killed
/// between them left a document the manifest did not know; once the note
/// was deleted while nothing ran, nobody ever removed it.
#[test]
fn killed_between_commit_and_manifest_leaves_no_phantom_hit() {
    for live in [true, false] {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("vault");
        let dir = tmp.path().join("index");
        write_vault(&root, &[("a.md".to_owned(), "# A\n평범한 노트\n".to_owned())]);
        let mut index = SearchIndex::open(&dir).unwrap();
        index.sync(&Vault::load(&root).unwrap()).unwrap();

        write_vault(&root, &[("유령.md".to_owned(), "# 유령\nphantom 유령 노트\n".to_owned())]);
        let vault = Vault::load(&root).unwrap();
        index.crash_after_next_commit();
        if live {
            index.update(&vault, &[note_id(&vault, "유령.md")], &[]).unwrap();
        } else {
            index.sync(&vault).unwrap();
        }
        // Killed: nothing more is written.
        drop(index);

        fs::remove_file(root.join("유령.md")).unwrap();
        let vault = Vault::load(&root).unwrap();
        let mut index = SearchIndex::open(&dir).unwrap();
        index.sync(&vault).unwrap();
        assert_eq!(total(&index, &vault, "phantom"), 0, "live {live}: phantom hit");
        assert_eq!(total(&index, &vault, "평범한"), 1, "live {live}");

        // And a note that stayed is re-indexed, found once.
        write_vault(&root, &[("b.md".to_owned(), "# B\nsurvivor\n".to_owned())]);
        let vault = Vault::load(&root).unwrap();
        index.crash_after_next_commit();
        if live {
            index.update(&vault, &[note_id(&vault, "b.md")], &[]).unwrap();
        } else {
            index.sync(&vault).unwrap();
        }
        drop(index);
        let mut index = SearchIndex::open(&dir).unwrap();
        let stats = index.sync(&vault).unwrap();
        assert_eq!(stats.indexed, 1, "live {live}: the unconfirmed note is indexed again");
        assert_eq!(total(&index, &vault, "survivor"), 1, "live {live}");
    }
}

/// Item 11: within 2 s of `watch` applying a change, a CLI search that
/// updated the index failed with `LockBusy`, and the other way round. Two
/// index values on one folder hold Tantivy's file lock as two processes do.
#[test]
fn live_session_and_cli_take_turns_on_the_writer_lock() {
    for holder_is_live in [true, false] {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("vault");
        let dir = tmp.path().join("index");
        write_vault(&root, &[("a.md".to_owned(), "# A\nfirst\n".to_owned())]);
        let vault = Vault::load(&root).unwrap();
        let mut holder = SearchIndex::open(&dir).unwrap();
        holder.sync(&vault).unwrap();
        let mut other = SearchIndex::open(&dir).unwrap();
        other.sync(&vault).unwrap();

        // The holder applies a change and keeps its writer (as `watch`
        // does for 2 s), then lets go a little later.
        write_vault(&root, &[("b.md".to_owned(), "# B\nsecond\n".to_owned())]);
        let vault = Vault::load(&root).unwrap();
        holder.update(&vault, &[note_id(&vault, "b.md")], &[]).unwrap();
        let releaser = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(300));
            holder.release_writer().unwrap();
            holder
        });
        write_vault(&root, &[("c.md".to_owned(), "# C\nthird\n".to_owned())]);
        let vault = Vault::load(&root).unwrap();
        let wrote = if holder_is_live {
            other.sync(&vault).map(|_| ())
        } else {
            other.update(&vault, &[note_id(&vault, "c.md")], &[]).map(|_| ())
        };
        wrote.unwrap_or_else(|e| panic!("holder is live: {holder_is_live}: {e}"));
        releaser.join().unwrap();
        assert_eq!(total(&other, &vault, "third"), 1);
        assert_eq!(total(&other, &vault, "second"), 1);
    }
}

/// Item 11, the other half: an update that cannot get the lock in time
/// keeps its changes and the next update (or sync) writes them; before, its
/// index missed that change for good.
#[test]
fn update_that_cannot_get_the_lock_is_retried() {
    for retry_by_sync in [false, true] {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("vault");
        let dir = tmp.path().join("index");
        write_vault(&root, &[("a.md".to_owned(), "# A\nfirst\n".to_owned())]);
        let vault = Vault::load(&root).unwrap();
        let mut cli = SearchIndex::open(&dir).unwrap();
        cli.sync(&vault).unwrap();
        let mut live = SearchIndex::open(&dir).unwrap();
        live.sync(&vault).unwrap();
        live.set_writer_lock_wait(Duration::from_millis(100));

        write_vault(&root, &[("b.md".to_owned(), "# B\nsecond\n".to_owned())]);
        let vault = Vault::load(&root).unwrap();
        cli.update(&vault, &[note_id(&vault, "b.md")], &[]).unwrap();
        // The CLI holds the writer; the live session edits `a.md` meanwhile.
        write_vault(&root, &[("a.md".to_owned(), "# A\nedited\n".to_owned())]);
        let vault = Vault::load(&root).unwrap();
        let busy = live.update(&vault, &[note_id(&vault, "a.md")], &[]);
        assert!(matches!(busy, Err(SearchError::Busy { .. })), "{busy:?}");
        assert!(live.has_pending());
        cli.release_writer().unwrap();
        drop(cli);

        if retry_by_sync {
            live.sync(&vault).unwrap();
        } else {
            let stats = live.update(&vault, &[], &[]).unwrap();
            assert_eq!(stats.indexed, 1);
        }
        assert!(!live.has_pending());
        assert_eq!(total(&live, &vault, "edited"), 1, "by sync: {retry_by_sync}");
        assert_eq!(total(&live, &vault, "first"), 0, "by sync: {retry_by_sync}");
    }
}

/// Item 17: manifest lines are `path\tsize\tmtime`, so a note whose name
/// has a newline was one unreadable line, and re-indexed on every open.
#[test]
fn note_with_newline_in_name_is_not_reindexed_on_open() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("vault");
    let dir = tmp.path().join("index");
    let names = ["line\nbreak.md", "tab\there.md", "cr\rname.md", "plain.md"];
    let files: Vec<(String, String)> =
        names.iter().map(|n| (n.to_string(), format!("# {n}\nbody\n"))).collect();
    write_vault(&root, &files);
    let vault = Vault::load(&root).unwrap();
    for n in names {
        note_id(&vault, n);
    }
    let mut index = SearchIndex::open(&dir).unwrap();
    assert_eq!(index.sync(&vault).unwrap().indexed, names.len());
    drop(index);
    for round in 0..2 {
        let mut index = SearchIndex::open(&dir).unwrap();
        let s = index.sync(&vault).unwrap();
        assert_eq!((s.indexed, s.removed, s.unchanged), (0, 0, names.len()), "reopen {round}");
        // A live update's appended lines read back alike.
        index.update(&vault, &[note_id(&vault, "line\nbreak.md")], &[]).unwrap();
    }
}
