//! `hanji mv`, `rm`, `heading`, `new` and `undo` from the command line: the
//! plan printed (`--json`), `--dry-run` changing nothing, the exit status of
//! a refusal, and undo.

// Tests fail loudly on purpose: an unwrap here is an assertion.
#![allow(clippy::unwrap_used)]

use std::fs;
use std::process::{Command, Output};

fn hanji(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hanji")).args(args).output().unwrap()
}

fn json(out: &Output) -> serde_json::Value {
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn mv_prints_its_plan_changes_nothing_on_a_dry_run_and_undoes() {
    let dir = tempfile::tempdir().unwrap();
    let vault = dir.path().join("vault");
    fs::create_dir_all(vault.join("CS")).unwrap();
    fs::write(vault.join("CS/Redis.md"), "# Redis\n").unwrap();
    fs::write(vault.join("Home.md"), "[[Redis]] [r](CS/Redis.md)\n").unwrap();
    let (v, c) = (vault.to_str().unwrap(), dir.path().join("cache"));
    let c = c.to_str().unwrap();

    let dry = json(&hanji(&[
        "mv",
        v,
        "CS/Redis",
        "CS/Redis 운영",
        "--dry-run",
        "--json",
        "--cache-dir",
        c,
    ]));
    assert_eq!(dry["applied"], false);
    assert_eq!(dry["from"], "CS/Redis.md", "`.md` may be left out");
    assert_eq!(dry["to"], "CS/Redis 운영.md");
    assert_eq!(dry["edit_count"], 2);
    assert_eq!(dry["notes"][0]["path"], "Home.md");
    assert_eq!(dry["notes"][0]["edits"][0]["old"], "Redis");
    assert_eq!(dry["notes"][0]["edits"][0]["new"], "Redis 운영");
    assert_eq!(dry["notes"][0]["edits"][0]["start"], 2);
    assert!(vault.join("CS/Redis.md").exists(), "a dry run changes nothing");

    let done =
        json(&hanji(&["mv", v, "CS/Redis.md", "CS/Redis 운영.md", "--json", "--cache-dir", c]));
    assert_eq!(done["applied"], true);
    assert_eq!(
        fs::read_to_string(vault.join("Home.md")).unwrap(),
        "[[Redis 운영]] [r](CS/Redis%20운영.md)\n"
    );

    // Onto an existing file: refused, exit 1, nothing changed.
    fs::write(vault.join("Taken.md"), "mine\n").unwrap();
    let refused = hanji(&["mv", v, "CS/Redis 운영.md", "Taken.md", "--cache-dir", c]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("Taken.md already exists"));
    assert_eq!(fs::read_to_string(vault.join("Taken.md")).unwrap(), "mine\n");

    let undone = json(&hanji(&["undo", v, "--json", "--cache-dir", c]));
    assert_eq!(undone["undone"], "Rename Redis.md to Redis 운영.md");
    assert_eq!(fs::read_to_string(vault.join("Home.md")).unwrap(), "[[Redis]] [r](CS/Redis.md)\n");
    assert!(vault.join("CS/Redis.md").exists());
    let nothing = hanji(&["undo", v, "--cache-dir", c]);
    assert_eq!(nothing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&nothing.stderr).contains("nothing to undo"));
}

#[test]
fn rm_new_and_heading() {
    let dir = tempfile::tempdir().unwrap();
    let vault = dir.path().join("vault");
    fs::create_dir_all(&vault).unwrap();
    let (v, c) = (vault.to_str().unwrap(), dir.path().join("cache"));
    let c = c.to_str().unwrap();
    let created = json(&hanji(&["new", v, "면접/질문", "--json", "--cache-dir", c]));
    assert_eq!(created["path"], "면접/질문.md");
    assert_eq!(fs::read_to_string(vault.join("면접/질문.md")).unwrap(), "");
    assert_eq!(
        hanji(&["new", v, "면접/질문.md", "--cache-dir", c]).status.code(),
        Some(3),
        "taken: a conflict"
    );

    fs::write(vault.join("면접/질문.md"), "## 옛 제목\n").unwrap();
    fs::write(vault.join("Refs.md"), "[[질문#옛 제목]]\n").unwrap();
    let renamed = json(&hanji(&[
        "heading",
        v,
        "면접/질문.md",
        "옛 제목",
        "새 제목",
        "--json",
        "--cache-dir",
        c,
    ]));
    assert_eq!(renamed["operation"], "rename_heading");
    assert_eq!(fs::read_to_string(vault.join("Refs.md")).unwrap(), "[[질문#새 제목]]\n");
    assert_eq!(fs::read_to_string(vault.join("면접/질문.md")).unwrap(), "## 새 제목\n");

    let deleted = json(&hanji(&["rm", v, "면접/질문.md", "--json", "--cache-dir", c]));
    assert_eq!(deleted["operation"], "delete");
    assert_eq!(deleted["unresolved"], 1);
    assert_eq!(fs::read_to_string(vault.join(".trash/질문.md")).unwrap(), "## 새 제목\n");
    assert_eq!(fs::read_to_string(vault.join("Refs.md")).unwrap(), "[[질문#새 제목]]\n");

    // Without a cache folder there is no journal: refused before anything.
    let no_cache = hanji(&["rm", v, "Refs.md", "--no-cache"]);
    assert_eq!(no_cache.status.code(), Some(1));
    assert!(vault.join("Refs.md").exists());
}
