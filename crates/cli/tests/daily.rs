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

/// `hanji new VAULT TITLE --template NAME`: the note goes where
/// newFileLocation says, named as typed (NFC on disk), from the template
/// expanded for it; a taken name is refused and the file left alone.
#[test]
fn new_makes_a_note_from_a_template_where_obsidian_would() {
    let dir = tempfile::tempdir().unwrap();
    let vault = dir.path().join("vault");
    fs::create_dir_all(vault.join(".obsidian")).unwrap();
    fs::create_dir_all(vault.join("틀/회의")).unwrap();
    fs::write(
        vault.join(".obsidian/app.json"),
        r#"{"newFileLocation":"folder","newFileFolderPath":"Inbox/","theme":"moss"}"#,
    )
    .unwrap();
    fs::write(vault.join(".obsidian/templates.json"), r#"{"folder":"틀","dateFormat":"YYYY"}"#)
        .unwrap();
    fs::write(vault.join("틀/회의/주간.md"), "---\ntags: [회의]\n---\n# {{title}}\n{{date}}년\n")
        .unwrap();
    let (v, c) = (vault.to_str().unwrap(), dir.path().join("cache"));
    let c = c.to_str().unwrap();
    // Typed decomposed (as macOS keyboards and some IMEs send it).
    let title: String = unicode_normalization::UnicodeNormalization::nfd("팀 회의").collect();
    let out = hanji(&["new", v, &title, "--template", "주간", "--json", "--cache-dir", c]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let answer: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(answer["path"], "Inbox/팀 회의.md");
    let year = jiff::Zoned::now().year();
    assert_eq!(
        fs::read_to_string(vault.join("Inbox/팀 회의.md")).unwrap(),
        format!("---\ntags: [회의]\n---\n# 팀 회의\n{year}년\n")
    );
    let names: Vec<String> = fs::read_dir(vault.join("Inbox"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(names, ["팀 회의.md"], "one file, its name in NFC");

    // Taken: a conflict, the note as it was.
    let again = hanji(&["new", v, "팀 회의", "--template", "주간", "--cache-dir", c]);
    assert_eq!(again.status.code(), Some(3));
    assert!(fs::read_to_string(vault.join("Inbox/팀 회의.md")).unwrap().contains("# 팀 회의"));
    let unknown = hanji(&["new", v, "다른", "--template", "없는 틀", "--cache-dir", c]);
    assert_eq!(unknown.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("no template \"없는 틀\" in 틀/"));
    assert!(!vault.join("Inbox/다른.md").exists());
    // A path: that path, empty without a template.
    let out = hanji(&["new", v, "면접/질문", "--json", "--cache-dir", c]);
    assert!(out.status.success());
    assert_eq!(fs::read_to_string(vault.join("면접/질문.md")).unwrap(), "");
}
