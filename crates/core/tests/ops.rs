//! The file-operation planner and its apply, over fixture vaults named for
//! what they prove. Each case plans an operation, compares the plan (moves
//! and every edit) with what is expected, applies it, and proves the
//! invariant with a fresh load of the vault (`support::ops::prove`).

mod support;

use std::fs;

use hanji_core::ops::{self, PlanError};
use hanji_core::settings::{LinkFormat, TrashOption};
use hanji_core::Vault;
use support::ops::*;

/// Plans `op` on a copy of `scenario`, checks the rendered plan, applies it
/// and proves the invariant. Returns the copy for further checks.
fn check(scenario: &str, op: hanji_core::ops::Operation, expect: &str) -> Scratch {
    let s = Scratch::of(scenario);
    let v = Vault::load(s.root()).expect("load");
    let plan = v.plan_operation(&op, LinkFormat::Shortest).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(render(&plan), expect, "plan of {op:?} in {scenario}");
    apply_and_prove(&s.root(), &s.ops(), &op);
    s
}

fn refused(scenario: &str, op: hanji_core::ops::Operation) -> PlanError {
    let s = Scratch::of(scenario);
    let v = Vault::load(s.root()).expect("load");
    match v.plan_operation(&op, LinkFormat::Shortest) {
        Ok(plan) => panic!("{op:?} was planned: {}", render(&plan)),
        Err(e) => e,
    }
}

#[test]
fn every_link_form_is_rewritten_and_keeps_its_style() {
    let s = check(
        "rename-every-link-form",
        mv("Redis.md", "Career/Redis 운영.md"),
        "move Redis.md -> Career/Redis 운영.md\n\
         edit Forms.md:3 \"Redis\" -> \"Redis 운영\"\n\
         edit Forms.md:3 \"Redis\" -> \"Redis 운영\"\n\
         edit Forms.md:3 \"Redis\" -> \"Redis 운영\"\n\
         edit Forms.md:3 \"Redis\" -> \"Redis 운영\"\n\
         edit Forms.md:4 \"Redis\" -> \"Redis 운영\"\n\
         edit Forms.md:4 \"Redis\" -> \"Redis 운영\"\n\
         edit Forms.md:5 \"Redis.md\" -> \"Redis%20운영.md\"\n\
         edit Forms.md:5 \"Redis.md\" -> \"Redis 운영.md\"\n\
         edit Forms.md:5 \"Redis.md\" -> \"Redis%20운영.md\"\n\
         edit Forms.md:8 \"Redis\" -> \"Redis 운영\"\n\
         edit Forms.md:8 \"redis\" -> \"Redis 운영\"\n",
    );
    let text = s.read("Forms.md");
    assert!(
        text.contains("[[Redis 운영|레디스]] and [[Redis 운영#Heading]] and [[Redis 운영#^blk]]")
    );
    assert!(text.contains("![[Redis 운영#Heading|섹션]]"));
    assert!(text.contains("[angle](<Redis 운영.md>)"));
    assert!(text.contains("[anchor](Redis%20운영.md#Heading \"title\")"));
    assert!(text.contains("[[ Redis 운영 ]] keeps its spaces"));
}

#[test]
fn attachments_and_encoded_paths() {
    let s = check(
        "rename-every-link-form",
        mv("pics/chart.png", "pics/차트 2024.png"),
        "move pics/chart.png -> pics/차트 2024.png\n\
         edit Forms.md:7 \"chart.png\" -> \"차트 2024.png\"\n\
         edit Forms.md:7 \"pics/chart.png\" -> \"pics/차트%202024.png\"\n",
    );
    assert!(s.read("Forms.md").contains("![[차트 2024.png|300]]"));
    check(
        "rename-every-link-form",
        mv("My Note.md", "Your Note.md"),
        "move My Note.md -> Your Note.md\n\
         edit Forms.md:6 \"My%20Note.md\" -> \"Your%20Note.md\"\n\
         edit Forms.md:6 \"My Note.md\" -> \"Your Note.md\"\n",
    );
}

#[test]
fn links_in_tables_and_front_matter() {
    let s = check(
        "rename-tables-and-front-matter",
        mv("Redis.md", "캐시.md"),
        "move Redis.md -> 캐시.md\n\
         edit Table.md:2 \"Redis\" -> \"캐시\"\n\
         edit Table.md:4 \"Redis\" -> \"캐시\"\n\
         edit Table.md:12 \"Redis\" -> \"캐시\"\n\
         edit Table.md:13 \"Redis\" -> \"캐시\"\n",
    );
    let text = s.read("Table.md");
    assert!(text
        .starts_with("---\nrelated: \"[[캐시]]\"\nsee:\n  - '[[캐시|레디스]]'\n  - \"[[Other]]\""));
    assert!(text.contains("| 캐시 | [[캐시\\|레디스]] |"));
}

#[test]
fn code_and_comments_are_not_touched() {
    let s = check(
        "rename-leaves-code-and-comments",
        mv("Redis.md", "Valkey.md"),
        "move Redis.md -> Valkey.md\nedit Code.md:3 \"Redis\" -> \"Valkey\"\n",
    );
    let text = s.read("Code.md");
    assert_eq!(text.matches("[[Redis]]").count(), 4, "{text}");
}

#[test]
fn a_name_made_ambiguous_lengthens_the_links_to_the_other_note() {
    let s = check(
        "rename-ambiguous-basenames",
        mv("Draft.md", "Note.md"),
        "move Draft.md -> Note.md\n\
         edit Links.md:1 \"Note\" -> \"a/Note\"\n\
         edit Links.md:1 \"Note\" -> \"a/Note\"\n\
         edit Links.md:1 \"Note.md\" -> \"a/Note.md\"\n",
    );
    assert_eq!(
        s.read("Links.md"),
        "Links to a/Note: [[a/Note]] and [[a/Note|the note]] and [n](a/Note.md).\n"
    );
}

#[test]
fn case_only_rename_goes_through_a_temporary_name() {
    let s = check(
        "rename-case-only",
        mv("redis.md", "Redis.md"),
        "move redis.md -> Redis.md\n\
         edit Links.md:1 \"redis\" -> \"Redis\"\n\
         edit Links.md:1 \"redis\" -> \"Redis\"\n\
         edit Links.md:1 \"redis.md\" -> \"Redis.md\"\n",
    );
    let names: Vec<String> = fs::read_dir(s.root())
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names.contains(&"Redis.md".to_owned()) && !names.contains(&"redis.md".to_owned()),
        "{names:?}"
    );
    // `[[REDIS]]` did not spell the old name; it still leads there untouched.
    assert!(s.read("Links.md").contains("[[REDIS]]"));
}

#[test]
fn a_folder_move_keeps_relative_links_both_ways() {
    let s = check(
        "move-folder-relative-links",
        mv("Interview", "Career/Interview"),
        "folder Interview -> Career/Interview\n\
         move Interview/Redis.md -> Career/Interview/Redis.md\n\
         move Interview/Sibling.md -> Career/Interview/Sibling.md\n\
         move Interview/img/diagram.png -> Career/Interview/img/diagram.png\n\
         edit Index.md:3 \"Interview/Redis\" -> \"Career/Interview/Redis\"\n\
         edit Index.md:3 \"Interview/Redis.md\" -> \"Career/Interview/Redis.md\"\n\
         edit Index.md:3 \"/Interview/Sibling\" -> \"/Career/Interview/Sibling\"\n\
         edit Index.md:3 \"Interview/img/diagram.png\" -> \"Career/Interview/img/diagram.png\"\n\
         edit Interview/Redis.md:3 \"../Index.md\" -> \"../../Index.md\"\n\
         edit Interview/Redis.md:3 \"../Index\" -> \"../../Index\"\n",
    );
    assert!(s
        .read("Career/Interview/Redis.md")
        .contains("[[./Sibling]] [s](./Sibling.md) ![d](img/diagram.png) [[Index]]"));
    assert!(!s.root().join("Interview").exists());
}

#[test]
fn moving_one_note_fixes_its_own_relative_links() {
    check(
        "move-folder-relative-links",
        mv("Interview/Redis.md", "Redis.md"),
        "move Interview/Redis.md -> Redis.md\n\
         edit Index.md:3 \"Interview/Redis\" -> \"Redis\"\n\
         edit Index.md:3 \"Interview/Redis.md\" -> \"Redis.md\"\n\
         edit Interview/Redis.md:3 \"../Index.md\" -> \"./Index.md\"\n\
         edit Interview/Redis.md:3 \"../Index\" -> \"./Index\"\n\
         edit Interview/Redis.md:3 \"./Sibling\" -> \"./Interview/Sibling\"\n\
         edit Interview/Redis.md:3 \"./Sibling.md\" -> \"./Interview/Sibling.md\"\n",
    );
}

#[test]
fn onto_an_existing_file_is_refused() {
    let e = refused("rename-ambiguous-basenames", mv("Draft.md", "Links.md"));
    assert!(matches!(e, PlanError::Exists { .. }), "{e}");
    let e = refused("move-folder-relative-links", mv("Interview", "Interview/Sub"));
    assert!(matches!(e, PlanError::IntoItself { .. }), "{e}");
    let e = refused("rename-case-only", mv("redis.md", "re#dis.md"));
    assert!(matches!(e, PlanError::BadName { .. }), "{e}");
    let e = refused("rename-case-only", mv("redis.md", ".hidden.md"));
    assert!(matches!(e, PlanError::BadName { .. }), "{e}");
    let e = refused("rename-case-only", mv("redis.md", "redis.txt"));
    assert!(matches!(e, PlanError::BadName { .. }), "{e}");
    let e = refused("rename-case-only", mv("nothing.md", "x.md"));
    assert!(matches!(e, PlanError::NotFound { .. }), "{e}");
}

#[test]
fn a_ghost_named_by_the_new_name_is_adopted() {
    let s = Scratch::empty();
    s.write("Draft.md", "# draft\n");
    s.write("Wish.md", "I want [[Redis 운영]] notes.\n");
    let plan = apply_and_prove(&s.root(), &s.ops(), &mv("Draft.md", "Redis 운영.md"));
    assert_eq!(plan.adopted, 1);
    assert!(plan.notes.is_empty());
}

#[test]
fn hangul_names_in_either_normal_form() {
    use unicode_normalization::UnicodeNormalization;
    let s = Scratch::empty();
    let nfd: String = "면접.md".nfd().collect();
    s.write(&nfd, "# 면접\n");
    let nfd_link: String = "[[면접]]".nfd().collect();
    s.write(
        "Links.md",
        &format!("NFC [[면접]] and NFD {nfd_link} and [m](%EB%A9%B4%EC%A0%91.md)\n"),
    );
    let plan = apply_and_prove(&s.root(), &s.ops(), &mv("면접.md", "면접 질문.md"));
    assert_eq!(plan.edit_count(), 3, "{}", render(&plan));
    assert_eq!(
        s.read("Links.md"),
        "NFC [[면접 질문]] and NFD [[면접 질문]] and [m](%EB%A9%B4%EC%A0%91%20%EC%A7%88%EB%AC%B8.md)\n"
    );
    assert!(s.root().join("면접 질문.md").exists());
}

#[test]
fn delete_goes_to_the_trash_and_links_stay_unresolved() {
    let s = Scratch::of("rename-tables-and-front-matter");
    let plan = apply_and_prove(&s.root(), &s.ops(), &rm("Redis.md"));
    assert!(plan.notes.is_empty(), "links to a deleted note are not edited");
    assert_eq!(plan.unresolved, 4);
    assert_eq!(s.read(".trash/Redis.md"), "# Redis\n");
    // Undo restores it.
    let (label, _) = ops::undo(&s.root(), &s.ops()).expect("undo");
    assert_eq!(label, "Delete Redis.md");
    assert_eq!(s.read("Redis.md"), "# Redis\n");
    assert!(!s.root().join(".trash").exists());
}

#[test]
fn a_deleted_note_whose_name_another_shares_keeps_its_links_unresolved() {
    let s = Scratch::empty();
    s.write("a/Note.md", "# in a\n");
    s.write("b/Note.md", "# in b\n");
    s.write("a/Links.md", "[[Note]]\n");
    let plan = apply_and_prove(&s.root(), &s.ops(), &rm("a/Note.md"));
    assert_eq!(s.read("a/Links.md"), "[[/a/Note]]\n", "{}", render(&plan));
}

#[test]
fn undo_restores_every_file_of_a_folder_move() {
    let s = Scratch::of("move-folder-relative-links");
    let before = Vault::load(s.root()).expect("load");
    let c0 = contents(&before);
    apply_and_prove(&s.root(), &s.ops(), &mv("Interview", "Career/Interview"));
    assert_eq!(ops::undo_label(&s.ops()).as_deref(), Some("Move Interview to Career"));
    ops::undo(&s.root(), &s.ops()).expect("undo");
    let after = Vault::load(s.root()).expect("load");
    assert_eq!(contents(&after), c0, "every file is back, byte for byte");
    assert!(!s.root().join("Career").exists(), "the folder made for the move is gone");
    assert!(matches!(ops::undo(&s.root(), &s.ops()), Err(ops::ApplyError::NothingToUndo)));
}

/// A folder whose name is decomposed (NFD) on disk, as macOS writes
/// Hangul, moves: the vault spells it in NFC, the disk does not. Found by
/// the property test below once a fixture was added.
#[test]
fn a_folder_named_in_nfd_on_disk_moves() {
    let s = Scratch::of("non-ascii");
    apply_and_prove(&s.root(), &s.ops(), &mv("폴더", "Interview/공부 노트"));
    let after = Vault::load(s.root()).expect("load");
    assert!(after.note_by_path("Interview/공부 노트/이력서.md").is_some());
    assert!(
        after.notes().iter().all(|n| !n.path.as_str().starts_with("폴더/")),
        "the folder left its place"
    );
}

#[test]
fn undo_refuses_over_a_later_change() {
    let s = Scratch::of("rename-ambiguous-basenames");
    apply_and_prove(&s.root(), &s.ops(), &mv("Draft.md", "Note.md"));
    s.write("Links.md", "changed by hand\n");
    let e = ops::undo(&s.root(), &s.ops()).expect_err("refused");
    assert!(matches!(e, ops::ApplyError::Changed { .. }), "{e}");
    assert_eq!(s.read("Links.md"), "changed by hand\n");
    assert!(s.root().join("Note.md").exists());
}

#[test]
fn apply_refuses_a_note_changed_after_planning() {
    let s = Scratch::of("rename-ambiguous-basenames");
    let v = Vault::load(s.root()).expect("load");
    let plan = v.plan_operation(&mv("Draft.md", "Note.md"), LinkFormat::Shortest).expect("plan");
    s.write("Links.md", "edited meanwhile [[Note]]\n");
    let e = ops::apply(&s.root(), &s.ops(), &plan, &|p| v.disk_place(p), TrashOption::Local)
        .expect_err("refused");
    assert!(matches!(e, ops::ApplyError::Changed { .. }), "{e}");
    assert!(s.root().join("Draft.md").exists() && !s.root().join("Note.md").exists());
    assert_eq!(s.read("Links.md"), "edited meanwhile [[Note]]\n");
    let leftovers: Vec<_> = fs::read_dir(s.root())
        .expect("list")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains("hanji-tmp"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary file is left");
}

/// A small deterministic generator (xorshift), so a failure names its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[(self.next() % items.len() as u64) as usize]
    }
}

/// The property test of issue 13: on every fixture vault and on
/// vault-sample, rename or move random notes, attachments and folders to
/// random names (Hangul, spaces, names other files already have), or
/// delete them, many times; after each operation a fresh load proves the
/// invariant (a deleted file's links lead nowhere). A plan
/// may be refused only because the new path is taken (or a note to rewrite
/// is not UTF-8).
#[test]
fn random_operations_keep_every_link() {
    let root = testdata("");
    let mut vaults: Vec<std::path::PathBuf> = fs::read_dir(&root)
        .expect("testdata")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_dir())
        .collect();
    vaults.sort();
    vaults.push(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../vault-sample"));
    let names = [
        "면접",
        "레디스 운영",
        "캐시",
        "Redis",
        "Note",
        "index",
        "draft 2",
        "이력서",
        "a",
        "공부 노트",
    ];
    let folders = ["", "Career", "면접/질문", "Interview", "a/b", "아카이브"];
    let (mut applied, mut refused, mut edits) = (0, 0, 0);
    for (v, vault) in vaults.iter().enumerate() {
        let s = Scratch::empty();
        copy_dir(vault, &s.root());
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ ((v as u64 + 1) * 0x1000_0001));
        for round in 0..30 {
            let loaded = Vault::load(s.root()).expect("load");
            let mut files: Vec<String> =
                loaded.notes().iter().map(|n| n.path.as_str().to_owned()).collect();
            files.extend(loaded.attachments().iter().map(|a| a.path.as_str().to_owned()));
            if files.is_empty() {
                break;
            }
            let file = rng.pick(&files).clone();
            let folder_of = |p: &str| p.rsplit_once('/').map(|(d, _)| d.to_owned());
            let from = match (rng.next() % 4, folder_of(&file)) {
                (0, Some(dir)) => dir,
                _ => file.clone(),
            };
            let is_file = files.contains(&from);
            let ext = if is_file {
                from.rsplit_once('.').map(|(_, e)| format!(".{e}")).unwrap_or_default()
            } else {
                String::new()
            };
            let dir = rng.pick(&folders);
            let name = format!("{}{}", rng.pick(&names), ext);
            let to = if dir.is_empty() { name } else { format!("{dir}/{name}") };
            // One operation in eight deletes a file (into .trash/).
            let op = if rng.next().is_multiple_of(8) { rm(&file) } else { mv(&from, &to) };
            match loaded.plan_operation(&op, LinkFormat::Shortest) {
                Ok(_) => {
                    let plan = apply_and_prove(&s.root(), &s.ops(), &op);
                    applied += 1;
                    edits += plan.edit_count();
                }
                Err(
                    PlanError::Exists { .. }
                    | PlanError::Same { .. }
                    | PlanError::IntoItself { .. },
                ) => refused += 1,
                // A note that is not UTF-8 is never rewritten (its text was
                // read lossily): the only other refusal allowed.
                Err(PlanError::Link { reason, .. }) if reason.contains("not valid UTF-8") => {
                    refused += 1
                }
                Err(e) => panic!("{} round {round}: {op:?} refused: {e}", vault.display()),
            }
        }
    }
    eprintln!(
        "{applied} operations applied ({edits} links rewritten), {refused} refused (path taken)"
    );
    assert!(applied > 450 && edits > 300, "{applied} applied, {edits} edits");
}

/// Issue 13: a rename done outside Hanji (a file manager, git) leaves links
/// dangling; the same planner, told where the file was, rewrites them to
/// lead to it again, relative links inside the moved note included.
#[test]
fn links_left_dangling_by_a_rename_outside_are_rewritten() {
    let s = Scratch::empty();
    s.write("Redis.md", "# Redis\n[up](Index.md)\n");
    s.write("Index.md", "[[Redis]] [[Redis#Redis|r]] [m](Redis.md)\n");
    s.write("Other.md", "[[Index]]\n");
    fs::create_dir_all(s.root().join("db")).expect("folder");
    fs::rename(s.root().join("Redis.md"), s.root().join("db/Redis 캐시.md"))
        .expect("rename outside");
    let v = Vault::load(s.root()).expect("load");
    assert_eq!(v.stats().unresolved, 3, "the links dangle");
    let op = ops::Operation::Relink { pairs: vec![(vp("Redis.md"), vp("db/Redis 캐시.md"))] };
    let plan = v.plan_operation(&op, LinkFormat::Shortest).expect("plan");
    assert!(plan.moves.is_empty(), "nothing moves: it moved already");
    assert_eq!(
        render(&plan),
        "edit Index.md:1 \"Redis\" -> \"Redis 캐시\"\n\
         edit Index.md:1 \"Redis\" -> \"Redis 캐시\"\n\
         edit Index.md:1 \"Redis.md\" -> \"Redis%20캐시.md\"\n"
    );
    ops::apply(&s.root(), &s.ops(), &plan, &|p| v.disk_place(p), TrashOption::Local)
        .expect("apply");
    let after = Vault::load(s.root()).expect("load");
    assert_eq!(after.stats().unresolved, 0, "{:?}", after.problems());
    assert_eq!(s.read("Other.md"), "[[Index]]\n");
}

/// Issue 13: renaming a heading rewrites its line and every link that
/// points at it by its text: wiki-links (aliases, chains, embeds), the
/// note's own `[[#…]]`, Markdown links with an encoded anchor; links to
/// other headings and to other notes' headings of the same text are left.
#[test]
fn a_heading_rename_updates_every_link_to_it() {
    let s = Scratch::empty();
    s.write("Redis.md", "# Redis\n\n## 자료 구조\n\nSee [[#자료 구조]].\n\n## Other\n");
    s.write(
        "Links.md",
        "[[Redis#자료 구조|구조]] ![[Redis#Redis#자료 구조]] [m](Redis.md#%EC%9E%90%EB%A3%8C%20%EA%B5%AC%EC%A1%B0) [[Redis#Other]]\n",
    );
    s.write("Elsewhere.md", "## 자료 구조\n[[#자료 구조]] [[Elsewhere#자료 구조]]\n");
    let v = Vault::load(s.root()).expect("load");
    let op = ops::Operation::RenameHeading {
        note: vp("Redis.md"),
        old: "자료 구조".into(),
        new: "Data structures".into(),
    };
    let plan = v.plan_operation(&op, LinkFormat::Shortest).expect("plan");
    assert_eq!(
        render(&plan),
        "edit Links.md:1 \"자료 구조\" -> \"Data structures\"\n\
         edit Links.md:1 \"Redis#자료 구조\" -> \"Redis#Data structures\"\n\
         edit Links.md:1 \"%EC%9E%90%EB%A3%8C%20%EA%B5%AC%EC%A1%B0\" -> \"Data%20structures\"\n\
         edit Redis.md:3 \"자료 구조\" -> \"Data structures\"\n\
         edit Redis.md:5 \"자료 구조\" -> \"Data structures\"\n"
    );
    let before = contents(&v);
    ops::apply(&s.root(), &s.ops(), &plan, &|p| v.disk_place(p), TrashOption::Local)
        .expect("apply");
    assert_eq!(
        s.read("Redis.md"),
        "# Redis\n\n## Data structures\n\nSee [[#Data structures]].\n\n## Other\n"
    );
    assert_eq!(
        s.read("Links.md"),
        "[[Redis#Data structures|구조]] ![[Redis#Redis#Data structures]] [m](Redis.md#Data%20structures) [[Redis#Other]]\n"
    );
    assert_eq!(s.read("Elsewhere.md"), "## 자료 구조\n[[#자료 구조]] [[Elsewhere#자료 구조]]\n");
    let after = Vault::load(s.root()).expect("load");
    assert_eq!(after.stats().broken_anchors, 0, "{:?}", after.problems());
    // One undo puts it all back.
    ops::undo(&s.root(), &s.ops()).expect("undo");
    assert_eq!(contents(&Vault::load(s.root()).expect("load")), before);
}

/// A heading's text is what is written after its `#`s, formatting
/// included: renaming replaces all of it. A name another heading of the
/// note has is refused (links to the two could not be told apart).
#[test]
fn a_heading_rename_replaces_its_written_text_and_refuses_a_taken_name() {
    let s = Scratch::empty();
    s.write("N.md", "## **Bold** title\n## Taken\n");
    let v = Vault::load(s.root()).expect("load");
    let rename = |old: &str, new: &str| {
        v.plan_operation(
            &ops::Operation::RenameHeading { note: vp("N.md"), old: old.into(), new: new.into() },
            LinkFormat::Shortest,
        )
    };
    let plan = rename("Bold title", "Plain").expect("planned");
    assert_eq!(plan.notes[0].text, "## Plain\n## Taken\n");
    assert!(matches!(rename("Taken", "**Bold** title"), Err(PlanError::Link { .. })));
    assert!(matches!(rename("Taken", "Taken"), Err(PlanError::Same { .. })));
}

/// Two changes to one vault at once (the app and `hanji mv`) take turns on
/// the vault's file-operation lock: both are done, each whole, and neither
/// journal is lost to the other.
#[test]
fn two_operations_at_once_take_turns() {
    let s = Scratch::empty();
    for i in 0..20 {
        s.write(&format!("a{i}.md"), &format!("[[b{i}]]\n"));
        s.write(&format!("b{i}.md"), "# b\n");
    }
    let v = Vault::load(s.root()).expect("load");
    let plans: Vec<_> = (0..20)
        .map(|i| {
            v.plan_operation(&mv(&format!("b{i}.md"), &format!("c{i}.md")), LinkFormat::Shortest)
                .expect("plan")
        })
        .collect();
    std::thread::scope(|scope| {
        for plan in &plans {
            let (root, ops_dir, v) = (s.root(), s.ops(), &v);
            scope.spawn(move || {
                ops::apply(&root, &ops_dir, plan, &|p| v.disk_place(p), TrashOption::Local)
                    .expect("apply");
            });
        }
    });
    for i in 0..20 {
        assert_eq!(s.read(&format!("a{i}.md")), format!("[[c{i}]]\n"));
        assert_eq!(s.read(&format!("c{i}.md")), "# b\n");
    }
    assert!(!s.ops().join("journal.json").exists());
}
