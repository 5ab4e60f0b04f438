//! `hanji daily`: the day's note made where and as Obsidian's Daily notes
//! would make it (folder, a format with subfolders and a Korean weekday, a
//! Korean template expanded for that day), and found, not made again, the
//! second time.

// Tests fail loudly on purpose: an unwrap here is an assertion.
#![allow(clippy::unwrap_used)]

use std::fs;
use std::process::{Command, Output};

fn hanji(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hanji")).args(args).env("LANG", "C.UTF-8").output().unwrap()
}

#[test]
fn daily_makes_the_note_obsidian_would_once() {
    let dir = tempfile::tempdir().unwrap();
    let vault = dir.path().join("vault");
    fs::create_dir_all(vault.join(".obsidian")).unwrap();
    fs::create_dir_all(vault.join("Templates")).unwrap();
    fs::write(
        vault.join(".obsidian/daily-notes.json"),
        r#"{"folder":"Daily","format":"YYYY/MM/YYYY-MM-DD ddd","template":"Templates/일간 노트"}"#,
    )
    .unwrap();
    fs::write(vault.join(".obsidian/hanji.json"), r#"{"dateLocale":"ko"}"#).unwrap();
    fs::write(
        vault.join("Templates/일간 노트.md"),
        "---\ntags: [daily]\n---\n# {{title}}\n\n{{date:YYYY년 M월 D일 dddd}} · 어제 [[{{yesterday:YYYY/MM/YYYY-MM-DD ddd}}]]\n\n## 할 일\n- [ ] \n",
    )
    .unwrap();
    let (v, c) = (vault.to_str().unwrap(), dir.path().join("cache"));
    let c = c.to_str().unwrap();
    let out = hanji(&["daily", v, "--date", "2024-03-06", "--json", "--cache-dir", c]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let answer: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(answer["path"], "Daily/2024/03/2024-03-06 수.md");
    assert_eq!(answer["created"], true);
    assert_eq!(
        fs::read_to_string(vault.join("Daily/2024/03/2024-03-06 수.md")).unwrap(),
        "---\ntags: [daily]\n---\n# 2024-03-06 수\n\n2024년 3월 6일 수요일 · 어제 [[2024/03/2024-03-05 화]]\n\n## 할 일\n- [ ] \n"
    );
    // Again: found, not made twice, not touched.
    fs::write(vault.join("Daily/2024/03/2024-03-06 수.md"), "written since\n").unwrap();
    let again = hanji(&["daily", v, "--date", "2024-03-06", "--json", "--cache-dir", c]);
    let answer: serde_json::Value = serde_json::from_slice(&again.stdout).unwrap();
    assert_eq!(answer["created"], false);
    assert_eq!(
        fs::read_to_string(vault.join("Daily/2024/03/2024-03-06 수.md")).unwrap(),
        "written since\n"
    );
    let entries = fs::read_dir(vault.join("Daily/2024/03")).unwrap().count();
    assert_eq!(entries, 1);
    // A date that is not one is an error.
    assert_eq!(
        hanji(&["daily", v, "--date", "2024-02-30", "--cache-dir", c]).status.code(),
        Some(1)
    );
}
