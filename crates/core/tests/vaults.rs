//! Integration tests over real mini-vaults in `tests/testdata/<scenario>/`.
//!
//! Every scenario is loaded from disk and rendered as a text report (notes,
//! every link and what it resolved to, problems, tags, graph edges) that is
//! compared with an insta snapshot. The tests below the snapshots state the
//! rules each scenario exists for, so a reviewer does not have to read a
//! snapshot to know what is promised. Vaults that cannot live in git (a 20 MB
//! note, a symlink loop) are made in a temporary folder.

// Tests fail loudly on purpose: an unwrap here is an assertion.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use hanji_core::{AnchorStatus, Content, DiagnosticKind, Node, Target, Vault};

fn testdata(scenario: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/testdata").join(scenario)
}

fn load(scenario: &str) -> Vault {
    Vault::load(testdata(scenario)).unwrap_or_else(|e| panic!("loading {scenario}: {e}"))
}

#[path = "../../../tests/support/render.rs"]
mod render;
use render::{canonical, report};

/// Every scenario folder is snapshotted; adding a folder adds a test case.
#[test]
fn snapshots_of_every_scenario() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/testdata");
    let mut scenarios: Vec<String> = std::fs::read_dir(&root)
        .expect("tests/testdata exists")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    scenarios.sort();
    assert!(scenarios.len() >= 10, "expected the fixture vaults, found {scenarios:?}");
    for scenario in scenarios {
        let rendered = report(&load(&scenario));
        insta::assert_snapshot!(scenario.clone(), rendered);
    }
}

/// Finds the link with `text` (as written) in note `from` and renders its target.
fn target_of(v: &Vault, from: &str, text: &str) -> String {
    let id = v.find_note(from).expect("source note exists");
    let link = v
        .note(id)
        .links
        .iter()
        .find(|l| l.link.target_text() == text)
        .unwrap_or_else(|| panic!("{from} has no link {text:?}"));
    let base = match link.target {
        Target::Note { note, anchor: AnchorStatus::Broken } => {
            format!("{} #broken", v.note(note).path)
        }
        Target::Note { note, .. } => v.note(note).path.to_string(),
        Target::Attachment(a) => v.attachment(a).path.to_string(),
        Target::Unresolved { reason, .. } => format!("{reason:?}"),
    };
    if link.is_ambiguous() {
        format!("{base} ?{}", link.candidates)
    } else {
        base
    }
}

#[test]
fn every_link_form_resolves() {
    let v = load("every-link-form");
    let s = v.stats();
    // 18 links and embeds outside code (the two in code are not links);
    // the three URLs are external.
    assert_eq!(
        (s.links, s.resolved, s.unresolved, s.broken_anchors, s.ambiguous),
        (18, 18, 0, 0, 0)
    );
    assert_eq!(s.embeds, 5);
    assert_eq!(s.external_links, 3);
    let forms = v.note(v.find_note("Forms").unwrap());
    let table: Vec<_> =
        forms.links.iter().filter(|l| l.link.display.as_deref() == Some("table alias")).collect();
    assert_eq!(table.len(), 1);
    assert_eq!(table[0].link.path.as_ref(), "Note");
}

#[test]
fn duplicate_basenames_use_same_folder_then_shortest_then_alphabetical() {
    let v = load("same-filename-different-directories");
    assert_eq!(target_of(&v, "a/Neighbour", "Note"), "a/Note.md ?3");
    assert_eq!(target_of(&v, "b/deeper/Sibling", "Note"), "b/deeper/Note.md ?3");
    assert_eq!(target_of(&v, "Root", "Note"), "a/Note.md ?3");
    assert_eq!(target_of(&v, "Root", "b/Note"), "b/Note.md");
    assert_eq!(target_of(&v, "Root", "deeper/Note"), "b/deeper/Note.md");
    assert_eq!(target_of(&v, "Root", "a/Note.md"), "a/Note.md");
}

#[test]
fn nfd_file_names_and_link_text_resolve() {
    let v = load("non-ascii");
    // The scanned paths come out in NFC whatever the bytes on disk.
    let paths: Vec<&str> = v.notes().iter().map(|n| n.path.as_str()).collect();
    assert_eq!(paths, ["링크.md", "면접 질문.md", "폴더/이력서.md"]);
    let links: Vec<String> = v.notes()[0].links.iter().map(|l| format!("{:?}", l.target)).collect();
    assert!(
        v.notes()[0].links.iter().all(|l| matches!(
            l.target,
            Target::Note { anchor: AnchorStatus::NotChecked | AnchorStatus::Found, .. }
        )),
        "{links:?}"
    );
    assert_eq!(v.stats().resolved, 4);
    // The note is still readable through its NFD name on disk.
    assert!(v.read_text(v.find_note("면접 질문").unwrap()).unwrap().contains("자기소개"));
}

#[test]
fn links_never_leave_the_vault() {
    let v = load("links-escaping-vault");
    for text in ["../../etc/passwd", "../../../outside", "../../secret.md", "../../../../img.png"] {
        assert_eq!(target_of(&v, "sub/Inside", text), "EscapesVault", "{text}");
    }
    assert_eq!(target_of(&v, "Top", "sub/../../x"), "EscapesVault");
    assert_eq!(target_of(&v, "sub/Inside", "../Top"), "Top.md");
    assert_eq!(target_of(&v, "sub/Inside", "/Top"), "Top.md");
}

#[test]
fn malformed_front_matter_still_indexes_the_body() {
    let v = load("malformed-front-matter");
    let broken = v.note(v.find_note("Broken").unwrap());
    assert_eq!(broken.title, "Still Parsed");
    assert_eq!(broken.links.len(), 1);
    assert!(broken.tags.iter().any(|t| &*t.name == "still-tagged"));
    let kinds: Vec<(String, DiagnosticKind)> =
        v.diagnostics().iter().map(|d| (d.path.clone(), d.kind)).collect();
    assert_eq!(
        kinds,
        [
            ("Broken.md".to_owned(), DiagnosticKind::MalformedFrontMatter),
            ("Not a mapping.md".to_owned(), DiagnosticKind::MalformedFrontMatter),
            ("Unclosed.md".to_owned(), DiagnosticKind::UnclosedFrontMatter),
        ]
    );
    let target = v.note(v.find_note("Target").unwrap());
    assert_eq!(target.title, "The Target");
    assert_eq!(target.aliases, ["타깃"]);
    assert_eq!(v.stats().resolved, 3);
}

#[test]
fn non_utf8_note_is_flagged_and_still_linked() {
    let v = load("non-utf8");
    let latin = v.note(v.find_note("Latin1").unwrap());
    assert_eq!(latin.content, Content::Lossy);
    assert_eq!(target_of(&v, "Latin1", "Good"), "Good.md");
    assert_eq!(v.diagnostics().len(), 1);
    assert_eq!(v.diagnostics()[0].kind, DiagnosticKind::InvalidUtf8);
}

#[test]
fn anchors_are_checked() {
    let v = load("heading-and-block-anchors");
    let ok = [
        "Target#Process, Thread",
        "Target#process, thread",
        "Target#Key point",
        "Target#A B",
        "Target#Process, Thread#memory management",
        "Target#Other#memory management",
        "Target#^para-1",
        "Target#^item-2",
        "Target#^PARA-1",
    ];
    for text in ok {
        assert_eq!(target_of(&v, "Source", text), "Target.md", "{text}");
    }
    for text in ["Target#Key Point#memory management", "Target#Missing", "Target#^nope"] {
        assert_eq!(target_of(&v, "Source", text), "Target.md #broken", "{text}");
    }
    assert_eq!(target_of(&v, "Source", "#Local"), "Source.md");
    assert_eq!(target_of(&v, "Source", "#Nowhere"), "Source.md #broken");
    assert_eq!(v.stats().broken_anchors, 4);
}

#[test]
fn exact_case_is_preferred() {
    let v = load("case-insensitive");
    assert_eq!(target_of(&v, "Links", "Readme"), "Readme.md");
    assert_eq!(target_of(&v, "Links", "readme"), "sub/readme.md");
    assert_eq!(target_of(&v, "Links", "README"), "Readme.md ?2");
    assert_eq!(target_of(&v, "Links", "links"), "Links.md");
}

#[test]
fn relative_root_and_suffix_paths() {
    let v = load("relative-and-root-paths");
    let from = "projects/web/Plan";
    assert_eq!(target_of(&v, from, "./Notes"), "projects/web/Notes.md");
    assert_eq!(target_of(&v, from, "../Roadmap"), "projects/Roadmap.md");
    assert_eq!(target_of(&v, from, "/Index"), "Index.md");
    assert_eq!(target_of(&v, from, "web/Notes"), "projects/web/Notes.md");
    assert_eq!(target_of(&v, from, "eb/Notes"), "NotFound");
    assert_eq!(target_of(&v, "Index", "./projects/Roadmap"), "projects/Roadmap.md");
}

#[test]
fn attachments_need_their_extension() {
    let v = load("attachments");
    assert_eq!(target_of(&v, "Embeds", "Pasted image 1.png"), "Attachments/Pasted image 1.png");
    assert_eq!(target_of(&v, "Embeds", "diagram.png"), "deep/folder/diagram.png");
    assert_eq!(target_of(&v, "Embeds", "diagram"), "NotFound");
    assert_eq!(target_of(&v, "Embeds", "paper.pdf#page=3"), "files/paper.pdf");
    assert_eq!(
        target_of(&v, "Embeds", "Attachments/Pasted image 1.png"),
        "Attachments/Pasted image 1.png"
    );
    let sizes: Vec<_> =
        v.note(v.find_note("Embeds").unwrap()).links.iter().filter_map(|l| l.link.size).collect();
    assert_eq!(sizes.len(), 2);
    assert_eq!((sizes[1].width, sizes[1].height), (640, Some(480)));
}

#[test]
fn markdown_links_are_percent_decoded() {
    let v = load("markdown-links");
    assert_eq!(target_of(&v, "Links", "Folder/My Note.md"), "Folder/My Note.md");
    assert_eq!(target_of(&v, "Links", "Folder/My Note.md#Some Heading"), "Folder/My Note.md");
    assert_eq!(target_of(&v, "Links", "한글 노트.md"), "한글 노트.md");
    assert_eq!(target_of(&v, "Links", "My Note"), "Folder/My Note.md");
    assert_eq!(v.stats().external_links, 1);
}

#[test]
fn tags_nest_and_parents_include_children() {
    let v = load("tags-nested");
    let paths = |tag: &str| -> Vec<String> {
        v.tags().notes_with(tag).into_iter().map(|n| v.note(n).path.to_string()).collect()
    };
    assert_eq!(paths("interview"), ["One.md", "Two.md"]);
    assert_eq!(paths("면접"), ["One.md", "Two.md"]);
    assert_eq!(paths("interviews"), ["Three.md"]);
    assert_eq!(paths("nope"), Vec::<String>::new());
    assert_eq!(paths("notatag"), Vec::<String>::new());
    assert_eq!(paths("123"), Vec::<String>::new());
}

#[test]
fn orphans_and_ghosts() {
    let v = load("orphans-and-ghosts");
    let orphans: Vec<&str> = v.orphans().into_iter().map(|n| v.note(n).path.as_str()).collect();
    assert_eq!(orphans, ["Alone.md"]);
    let ghosts: Vec<&str> = v.ghosts().iter().map(|g| g.name.as_str()).collect();
    assert_eq!(ghosts, ["Missing note", "Other ghost", "Nobody"]);
    let hub = v.find_note("Hub").unwrap();
    let into_ghost = v.graph().incoming(Node::Ghost(hanji_core::GhostId(0)));
    assert_eq!(into_ghost.len(), 1);
    assert_eq!(into_ghost[0].0, hub);
    assert_eq!(into_ghost[0].1.links, 3);
}

#[test]
fn backlinks_carry_their_line() {
    let v = load("orphans-and-ghosts");
    let hub = v.find_note("Hub").unwrap();
    let back = v.backlinks(hub);
    assert_eq!(back.len(), 1);
    assert_eq!(v.note(back[0].source).path.as_str(), "Spoke.md");
    assert_eq!(back[0].snippet.as_deref(), Some("back to Hub"));
    // The link's text is marked in it.
    assert_eq!(back[0].marks, [(8, 11)]);
    assert_eq!((back[0].link.link.pos.line, back[0].link.link.pos.col), (1, 9));
}

#[test]
fn backlinks_page_in_path_order_and_survive_edited_files() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join("Hub.md"), "# Hub\n").unwrap();
    // Hangul and Latin names, so path order is not creation order.
    let names = ["나.md", "b.md", "가.md", "A/z.md", "a.md", "다.md", "c.md"];
    std::fs::create_dir(root.join("A")).unwrap();
    for (i, name) in names.iter().enumerate() {
        let extra = if i % 3 == 0 { "\n다시 ![[Hub]] 한 번 더\n" } else { "" };
        std::fs::write(root.join(name), format!("{i}번째: [[Hub]] 링크{extra}")).unwrap();
    }
    let v = Vault::load(root).unwrap();
    let hub = v.find_note("Hub").unwrap();
    let sources = v.backlink_sources(hub);
    let paths: Vec<&str> = sources.iter().map(|s| v.note(s.source).path.as_str()).collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted);
    assert_eq!(sources.iter().map(|s| s.links).sum::<usize>(), 10);

    // Pages of three sources, put together, are the whole list.
    let all: Vec<(String, u32, Option<String>)> = v
        .backlinks(hub)
        .into_iter()
        .map(|b| (v.note(b.source).path.to_string(), b.link.link.pos.line, b.snippet))
        .collect();
    let ids: Vec<_> = sources.iter().map(|s| s.source).collect();
    let paged: Vec<(String, u32, Option<String>)> = ids
        .chunks(3)
        .flat_map(|page| v.backlinks_from(hub, page))
        .map(|b| (v.note(b.source).path.to_string(), b.link.link.pos.line, b.snippet))
        .collect();
    assert_eq!(paged, all);
    assert_eq!(all.len(), 10);
    assert_eq!(all[0], ("A/z.md".to_owned(), 1, Some("3번째: Hub 링크".to_owned())));
    assert_eq!(all[1].2.as_deref(), Some("다시 Hub 한 번 더"));

    // A file rewritten after loading (shorter, multi-byte) gives whatever
    // its lines now hold, never a panic.
    std::fs::write(root.join("나.md"), "가").unwrap();
    let after: Vec<Option<String>> = v
        .backlinks(hub)
        .into_iter()
        .filter(|b| v.note(b.source).path.as_str() == "나.md")
        .map(|b| b.snippet)
        .collect();
    assert_eq!(after.len(), 2);
}

#[test]
fn a_mention_scan_runs_detached_and_stops_when_cancelled() {
    let v = load("unlinked-mentions");
    let k8s = v.find_note("쿠버네티스").unwrap();
    let scan = v.mention_scan(k8s);
    assert_eq!(scan.run(&|| true), None);
    let found = scan.run(&|| false).unwrap();
    assert_eq!(found, v.unlinked_mentions(k8s));
    let paths: Vec<&str> = found.iter().filter_map(|m| scan.source_path(m.source)).collect();
    assert_eq!(paths, ["Notes.md", "Notes.md", "Notes.md", "Other.md"]);
    assert_eq!(scan.source_path(k8s), None);
}

#[test]
fn unlinked_mentions_find_korean_with_particles() {
    let v = load("unlinked-mentions");
    let k8s = v.find_note("쿠버네티스").unwrap();
    let found: Vec<String> = v
        .unlinked_mentions(k8s)
        .iter()
        .map(|m| format!("{}:{}:{} {}", v.note(m.source).path, m.pos.line, m.pos.col, m.term))
        .collect();
    assert_eq!(
        found,
        [
            "Notes.md:1:1 쿠버네티스",
            "Notes.md:1:14 k8s",
            "Notes.md:4:1 Kubernetes",
            "Other.md:1:5 쿠버네티스"
        ]
    );
}

#[test]
fn a_20_mb_note_loads() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("---\ntags: [big]\n---\n# Big\n");
    let paragraph = "쿠버네티스를 이용한 배포 파이프라인과 Redis 클러스터 운영 경험을 정리한다. [[Small]] #면접\n\n";
    while text.len() < 20 * 1024 * 1024 {
        text.push_str(paragraph);
    }
    std::fs::write(dir.path().join("Big.md"), &text).unwrap();
    std::fs::write(dir.path().join("Small.md"), "# Small\n").unwrap();
    let v = Vault::load(dir.path()).unwrap();
    let big = v.note(v.find_note("Big").unwrap());
    assert_eq!(big.content, Content::Parsed);
    let expected_links = text.matches("[[Small]]").count();
    assert!(expected_links > 100_000);
    assert_eq!(big.links.len(), expected_links);
    assert_eq!(
        v.graph().incoming(Node::Note(v.find_note("Small").unwrap()))[0].1.links as usize,
        expected_links
    );
    assert_eq!(v.tags().notes_with("면접").len(), 1);
    assert!(v.diagnostics().is_empty());
}

#[cfg(unix)]
#[test]
fn symlink_loops_are_reported_not_followed_forever() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("sub");
    std::fs::create_dir(&sub).unwrap();
    std::fs::write(sub.join("Note.md"), "[[Other]]\n").unwrap();
    std::fs::write(dir.path().join("Other.md"), "# Other\n").unwrap();
    std::os::unix::fs::symlink(dir.path(), sub.join("loop")).unwrap();
    std::os::unix::fs::symlink(dir.path().join("missing-target"), dir.path().join("dangling.md"))
        .unwrap();
    let v = Vault::load(dir.path()).unwrap();
    let paths: Vec<&str> = v.notes().iter().map(|n| n.path.as_str()).collect();
    assert_eq!(paths, ["Other.md", "sub/Note.md"]);
    let kinds: Vec<DiagnosticKind> = v.diagnostics().iter().map(|d| d.kind).collect();
    assert!(kinds.contains(&DiagnosticKind::SymlinkLoop), "{:?}", v.diagnostics());
    assert!(kinds.contains(&DiagnosticKind::Unreadable), "{:?}", v.diagnostics());
    assert_eq!(v.stats().resolved, 1);
}

#[cfg(unix)]
#[test]
fn unreadable_note_is_a_diagnostic() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("Secret.md");
    std::fs::write(&path, "[[x]]").unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    // Root can read anything; the check only means something for other users.
    if std::fs::read(&path).is_ok() {
        return;
    }
    let v = Vault::load(dir.path()).unwrap();
    assert_eq!(v.note(v.find_note("Secret").unwrap()).content, Content::Unreadable);
    assert_eq!(v.diagnostics()[0].kind, DiagnosticKind::Unreadable);
}

#[test]
fn a_missing_vault_is_an_error_naming_the_path() {
    let err = Vault::load("/definitely/not/here").unwrap_err();
    assert_eq!(err.to_string(), "vault folder /definitely/not/here does not exist");
    let file = tempfile::NamedTempFile::new().unwrap();
    let err = Vault::load(file.path()).unwrap_err();
    assert!(err.to_string().ends_with("is not a folder"), "{err}");
}

/// A vault loaded through the metadata cache, cold and then warm, is the same
/// as a fresh load, for every scenario and the sample vault.
#[test]
fn cached_loads_equal_fresh_loads() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/testdata");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../vault-sample"));
    for dir in dirs {
        let fresh = report(&Vault::load(&dir).unwrap());
        let cache_dir = tempfile::tempdir().unwrap();
        let mut cache =
            hanji_core::cache::Cache::open(&cache_dir.path().join("cache.sqlite")).unwrap();
        let (cold, r1) = Vault::load_cached(&dir, &mut cache).unwrap();
        assert_eq!(report(&cold), fresh, "cold cached load of {}", dir.display());
        assert_eq!((r1.reused, r1.parsed), (0, cold.notes().len()));
        drop(cache);
        let mut cache =
            hanji_core::cache::Cache::open(&cache_dir.path().join("cache.sqlite")).unwrap();
        let (warm, r2) = Vault::load_cached(&dir, &mut cache).unwrap();
        assert_eq!(report(&warm), fresh, "warm cached load of {}", dir.display());
        assert_eq!(
            (r2.reused, r2.parsed, r2.removed),
            (warm.notes().len(), 0, 0),
            "{}",
            dir.display()
        );
        assert!(r2.warnings.is_empty() && r2.rebuilt.is_none());
    }
}

#[test]
fn cached_load_reparses_only_what_changed() {
    let dir = tempfile::tempdir().unwrap();
    let vault = dir.path().join("vault");
    std::fs::create_dir(&vault).unwrap();
    std::fs::write(vault.join("a.md"), "# A\n[[b]] #면접\n").unwrap();
    std::fs::write(vault.join("b.md"), "# B\n").unwrap();
    std::fs::write(vault.join("c.md"), "# C\n[[a]]\n").unwrap();
    let cache_path = dir.path().join("cache").join("cache.sqlite");
    let mut cache = hanji_core::cache::Cache::open(&cache_path).unwrap();
    Vault::load_cached(&vault, &mut cache).unwrap();

    std::fs::write(vault.join("b.md"), "# B, longer now\n[[c]]\n").unwrap();
    std::fs::remove_file(vault.join("c.md")).unwrap();
    std::fs::write(vault.join("새 노트.md"), "[[a]]\n").unwrap();
    let (v, r) = Vault::load_cached(&vault, &mut cache).unwrap();
    assert_eq!((r.reused, r.parsed, r.removed), (1, 2, 1));
    assert_eq!(report(&v), report(&Vault::load(&vault).unwrap()));

    // A corrupt cache file is rebuilt with a warning, and the load is unharmed.
    drop(cache);
    std::fs::write(&cache_path, b"garbage").unwrap();
    let mut cache = hanji_core::cache::Cache::open(&cache_path).unwrap();
    let (v, r) = Vault::load_cached(&vault, &mut cache).unwrap();
    assert!(r.rebuilt.is_some());
    assert_eq!(r.parsed, 3);
    assert_eq!(report(&v), report(&Vault::load(&vault).unwrap()));
}

#[path = "../../../tests/support/churn.rs"]
mod churn;

/// Random churn (creates, edits, moves, deletes, folder renames, Hangul and
/// NFD names, attachments) applied to a real folder and told to the vault a
/// few paths at a time, as a watcher would: after every refresh the vault
/// must describe exactly what a fresh load of the folder describes.
#[test]
fn live_updates_equal_fresh_loads() {
    for seed in 1..=4u64 {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("vault");
        std::fs::create_dir_all(&root).unwrap();
        let mut rng = churn::Rng::new(seed);
        for _ in 0..12 {
            churn::step(&root, &mut rng);
        }
        let mut v = Vault::load(&root).unwrap();
        let mut pending: Vec<PathBuf> = Vec::new();
        let mut log: Vec<String> = Vec::new();
        for i in 0..300 {
            let step = churn::step(&root, &mut rng);
            pending.extend(step.touched);
            log.push(step.description);
            // Sometimes several changes arrive in one batch.
            if seed % 2 == 0 && rng.below(3) != 0 {
                continue;
            }
            let update = v.refresh(&pending);
            pending.clear();
            let fresh = Vault::load(&root).unwrap();
            let (live, fresh) = (canonical(&v), canonical(&fresh));
            assert!(
                live == fresh,
                "seed {seed}, step {i}, after: {:?}\nlive (-) against fresh (+):\n{}",
                &log[log.len().saturating_sub(4)..],
                render::diff(&live, &fresh)
            );
            assert_eq!(
                update.cache_rows.len(),
                update.added.len() + update.modified.len() + update.unchanged.len()
            );
        }
        assert!(v.stats().notes > 3, "the churn kept some notes");
    }
}

/// Changes made while the vault is closed (random churn between opens) are
/// found on reopen: the cached load equals a fresh load exactly, ids
/// included, and reads only the notes that changed.
#[test]
fn reopening_after_offline_changes_equals_fresh_loads() {
    for seed in 21..=23u64 {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("vault");
        std::fs::create_dir_all(&root).unwrap();
        let mut cache = hanji_core::cache::Cache::open(&dir.path().join("c.sqlite")).unwrap();
        let mut rng = churn::Rng::new(seed);
        for round in 0..40 {
            let mut log = Vec::new();
            for _ in 0..rng.below(6) {
                log.push(churn::step(&root, &mut rng).description);
            }
            let (v, r) = Vault::load_cached(&root, &mut cache).unwrap();
            let fresh = Vault::load(&root).unwrap();
            assert_eq!(report(&v), report(&fresh), "seed {seed}, round {round}: {log:?}");
            assert!(r.warnings.is_empty(), "{r:?}");
            if log.is_empty() && round > 0 {
                assert_eq!(r.parsed, 0, "nothing changed, nothing read: {r:?}");
            }
        }
    }
}

/// A cache file damaged in the middle (a crash, a bad disk) is never
/// trusted: the load still equals a fresh one, and the cache heals.
#[test]
fn a_cache_damaged_inside_is_rebuilt_not_trusted() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.sqlite");
    let vault = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../vault-sample");
    let fresh = report(&Vault::load(&vault).unwrap());
    drop(Vault::load_cached(&vault, &mut hanji_core::cache::Cache::open(&path).unwrap()).unwrap());
    let mut bytes = std::fs::read(&path).unwrap();
    assert!(bytes.len() > 8192, "the cache spans several pages");
    let end = bytes.len() - 1024;
    for b in &mut bytes[4096..end] {
        *b ^= 0x5a;
    }
    std::fs::write(&path, &bytes).unwrap();
    let _ = std::fs::remove_file(dir.path().join("c.sqlite-wal"));
    let mut cache = hanji_core::cache::Cache::open(&path).unwrap();
    let (v, r) = Vault::load_cached(&vault, &mut cache).unwrap();
    assert_eq!(report(&v), fresh, "{r:?}");
    let (v, r) = Vault::load_cached(&vault, &mut cache).unwrap();
    assert_eq!(report(&v), fresh);
    assert_eq!(r.parsed, 0, "healed: the next open reads nothing: {r:?}");
}

#[test]
fn embeds_show_the_named_section_or_block() {
    let dir = tempfile::tempdir().unwrap();
    let text = "# 위\n소개\n## 장점\n빠르다\n### 세부\n깊다\n## B\nb 문단 ^blk\n";
    std::fs::write(dir.path().join("노트.md"), text).unwrap();
    let v = Vault::load(dir.path()).unwrap();
    let id = v.find_note("노트").unwrap();
    let check = |anchor: Option<&str>, expect: Option<&str>| {
        assert_eq!(v.embed_text(id, anchor).as_deref(), expect, "anchor {anchor:?}");
    };
    check(None, Some(text));
    check(Some("장점"), Some("## 장점\n빠르다\n### 세부\n깊다"));
    check(Some("장점#세부"), Some("### 세부\n깊다"));
    check(Some("B#세부"), None);
    check(Some("^BLK"), Some("b 문단"));
    check(Some("없음"), None);
    check(Some("^none"), None);
    assert_eq!(v.resolve_from("", "노트"), Some(Node::Note(id)));
    assert_eq!(v.resolve_from("", "없는 노트"), None);
}

/// A new link (the editor's completion, a pasted image) is written as
/// Obsidian would: newLinkFormat's form, proved to lead to the file; a
/// Markdown link with `.md` and a space as `%20`, Hangul as typed.
#[test]
fn new_links_follow_new_link_format_and_markdown_links() {
    use hanji_core::settings::LinkFormat::{Absolute, Relative, Shortest};
    let v = load("same-filename-different-directories");
    let new = |from: &str, to: &str, format, md| v.new_link_path(from, to, format, md).unwrap();
    assert_eq!(new("", "b/deeper/Sibling.md", Shortest, false), "Sibling");
    assert_eq!(
        new("", "b/deeper/Note.md", Shortest, false),
        "deeper/Note",
        "lengthened: Note is ambiguous"
    );
    assert_eq!(new("a", "b/deeper/Note.md", Relative, false), "../b/deeper/Note");
    assert_eq!(new("b/deeper", "b/deeper/Note.md", Relative, true), "./Note.md");
    assert_eq!(new("a", "b/Note.md", Absolute, true), "b/Note.md");
    assert_eq!(v.new_link_path("", "nowhere.md", Shortest, false), None);
    let k = load("non-ascii");
    assert_eq!(k.new_link_path("", "면접 질문.md", Shortest, true).unwrap(), "면접%20질문.md");
    assert_eq!(k.new_link_path("", "폴더/이력서.md", Absolute, false).unwrap(), "폴더/이력서");
}
