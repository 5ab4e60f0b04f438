//! `hanji save` and `hanji hash`: the write path from the command line, and
//! what a `kill -9` in the middle of a save leaves (the old note or the new
//! one, whole, never a part).

// Tests fail loudly on purpose: an unwrap here is an assertion.
#![allow(clippy::unwrap_used)]

use std::io::Write;
use std::process::{Command, Output, Stdio};
use std::time::Duration;

fn hanji(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_hanji"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).trim().to_owned()
}

#[test]
fn save_writes_only_over_the_content_it_was_told_about() {
    let dir = tempfile::tempdir().unwrap();
    let vault = dir.path().join("vault");
    std::fs::create_dir_all(&vault).unwrap();
    let (v, c) = (vault.display().to_string(), dir.path().join("cache").display().to_string());
    let created = hanji(&["save", &v, "면접/답변.md", "--new", "--cache-dir", &c], "# 답변\n");
    assert!(created.status.success(), "{}", text(&created.stderr));
    let h1 = text(&created.stdout);
    assert_eq!(text(&hanji(&["hash", &v, "면접/답변.md"], "").stdout), h1);
    // A second --new, and a stale --expect, are conflicts (exit 3).
    let again = hanji(&["save", &v, "면접/답변.md", "--new", "--cache-dir", &c], "x");
    assert_eq!(again.status.code(), Some(3), "{}", text(&again.stderr));
    std::fs::write(vault.join("면접/답변.md"), "# 답변, 다른 곳에서\n").unwrap();
    let stale =
        hanji(&["save", &v, "면접/답변.md", "--expect", &h1, "--cache-dir", &c], "# 덮어쓰기\n");
    assert_eq!(stale.status.code(), Some(3));
    assert!(text(&stale.stderr).contains("changed on disk"), "{}", text(&stale.stderr));
    assert_eq!(
        std::fs::read_to_string(vault.join("면접/답변.md")).unwrap(),
        "# 답변, 다른 곳에서\n"
    );
    let h2 = text(&hanji(&["hash", &v, "면접/답변.md"], "").stdout);
    let ok = hanji(&["save", &v, "면접/답변.md", "--expect", &h2, "--cache-dir", &c], "# 최종\n");
    assert!(ok.status.success(), "{}", text(&ok.stderr));
    assert_eq!(std::fs::read_to_string(vault.join("면접/답변.md")).unwrap(), "# 최종\n");
    // The cache and index kept by the save answer like a fresh load.
    let found = hanji(&["search", &v, "최종", "--json", "--cache-dir", &c], "");
    assert!(text(&found.stdout).contains("면접/답변.md"), "{}", text(&found.stdout));
}

/// `kill -9` of `hanji save` at a different moment each round: the note on
/// disk is always exactly the old text or the new one, and no other file
/// becomes visible in the vault (a leftover temporary file is hidden, so
/// neither Hanji nor Obsidian lists it).
#[cfg(unix)]
#[test]
fn kill_9_mid_save_leaves_the_old_note_or_the_new_one() {
    let dir = tempfile::tempdir().unwrap();
    let vault = dir.path().join("vault");
    std::fs::create_dir_all(&vault).unwrap();
    let note = vault.join("큰 노트.md");
    let texts: Vec<String> = (0..2)
        .map(|k| {
            format!("# 버전 {k}\n{}\n", format!("{k} 쿠버네티스를 공부했다. ").repeat(300_000))
        })
        .collect();
    std::fs::write(&note, &texts[0]).unwrap();
    let (v, c) = (vault.display().to_string(), dir.path().join("cache").display().to_string());
    let mut current = 0;
    let mut killed_mid = 0;
    for round in 0..20u64 {
        let next = 1 - current;
        let hash = text(&hanji(&["hash", &v, "큰 노트.md"], "").stdout);
        let mut child = Command::new(env!("CARGO_BIN_EXE_hanji"))
            .args(["save", &v, "큰 노트.md", "--expect", &hash, "--cache-dir", &c])
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(texts[next].as_bytes()).unwrap();
        drop(stdin);
        std::thread::sleep(Duration::from_millis(round * 15 % 200));
        let finished = child.try_wait().unwrap().is_some();
        let _ = child.kill();
        let _ = child.wait();
        let on_disk = std::fs::read_to_string(&note).unwrap();
        let which = texts.iter().position(|t| *t == on_disk);
        assert!(
            which.is_some(),
            "round {round}: the note is neither version ({} bytes)",
            on_disk.len()
        );
        if which == Some(next) {
            current = next;
        } else if !finished {
            killed_mid += 1;
        }
        let visible: Vec<String> = std::fs::read_dir(&vault)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| !n.starts_with('.'))
            .collect();
        assert_eq!(visible, ["큰 노트.md"], "round {round}");
    }
    assert!(killed_mid > 0, "some kills landed before the save finished");
    let check = Command::new(env!("CARGO_BIN_EXE_hanji"))
        .args(["check", &v, "--json", "--no-cache"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&check.stdout).contains("\"notes\": 1,"));
}
