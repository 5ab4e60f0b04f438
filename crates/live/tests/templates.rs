//! Templates from a session on a real vault folder: the templates folder
//! listed, a template inserted into a note as Obsidian's Templates plugin
//! does (expanded for that note, a daily note's `{{date}}` its own day, the
//! front matter merged), and the excluded files left out of search.

// Tests fail loudly on purpose: an unwrap here is an assertion.
#![allow(clippy::unwrap_used)]

use std::fs;

use hanji_live::{Session, TemplateError};

fn vault() -> (tempfile::TempDir, Session) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("vault");
    fs::create_dir_all(root.join(".obsidian")).unwrap();
    fs::create_dir_all(root.join("Templates")).unwrap();
    fs::create_dir_all(root.join("Daily")).unwrap();
    fs::create_dir_all(root.join("Archive")).unwrap();
    fs::write(
        root.join(".obsidian/templates.json"),
        r#"{"folder":"Templates/","dateFormat":"YYYY.MM.DD"}"#,
    )
    .unwrap();
    fs::write(
        root.join(".obsidian/daily-notes.json"),
        r#"{"folder":"Daily","format":"YYYY-MM-DD ddd"}"#,
    )
    .unwrap();
    fs::write(root.join(".obsidian/hanji.json"), r#"{"dateLocale":"ko"}"#).unwrap();
    fs::write(root.join(".obsidian/app.json"), r#"{"userIgnoreFilters":["Archive/"]}"#).unwrap();
    fs::write(
        root.join("Templates/회의.md"),
        "---\ntags:\n  - 회의\nstatus: draft\n---\n## {{title}} · {{date}} {{date:dddd}}\n",
    )
    .unwrap();
    fs::write(
        root.join("Daily/2024-03-06 수.md"),
        "---\ntags: [daily]\nstatus: done\n---\n# 오늘\n",
    )
    .unwrap();
    fs::write(root.join("Archive/old.md"), "쿠버네티스 옛 노트\n").unwrap();
    fs::write(root.join("Study.md"), "쿠버네티스를 공부했다\n").unwrap();
    let (session, _) = Session::open(&root, Some(&dir.path().join("cache"))).unwrap();
    (dir, session)
}

fn applied(text: &str, ins: &hanji_core::templates::insert::Insertion) -> String {
    let mut out = text.to_owned();
    for e in ins.edits.iter().rev() {
        out.replace_range(e.range.clone(), &e.insert);
    }
    out
}

#[test]
fn a_template_is_expanded_for_its_note_and_merged_into_it() {
    let (_dir, s) = vault();
    let (folder, notes) = s.templates().unwrap();
    assert_eq!(folder, "Templates");
    assert_eq!(notes.iter().map(|p| p.as_str()).collect::<Vec<_>>(), ["Templates/회의.md"]);

    let now: jiff::Zoned = "2026-12-01T09:30:00[Asia/Seoul]".parse().unwrap();
    let text = fs::read_to_string(s.vault().root().join("Daily/2024-03-06 수.md")).unwrap();
    let ins =
        s.template_insertion("Daily/2024-03-06 수.md", "회의", &text, text.len(), &now).unwrap();
    assert_eq!(
        applied(&text, &ins),
        "---\ntags:\n  - daily\n  - 회의\nstatus: done\n---\n# 오늘\n## 2024-03-06 수 · 2024-03-06 수 수요일\n",
        "a daily note's {{{{date}}}} is its day in the daily format; its status kept, tags joined"
    );
    assert_eq!(ins.cursor, applied(&text, &ins).len());

    // Any other note: now, in templates.json's date format.
    let ins = s.template_insertion("Study.md", "Templates/회의.md", "", 0, &now).unwrap();
    assert_eq!(
        applied("", &ins),
        "---\ntags:\n  - 회의\nstatus: draft\n---\n## Study · 2026.12.01 화요일\n"
    );
    assert!(matches!(
        s.template_insertion("Study.md", "없음", "", 0, &now),
        Err(TemplateError::NotFound { .. })
    ));
}

#[test]
fn excluded_files_are_left_out_of_search() {
    let (_dir, s) = vault();
    let hits: Vec<String> =
        s.search("쿠버네티스", 0).unwrap().hits.into_iter().map(|h| h.path).collect();
    assert_eq!(hits, ["Study.md"]);
}
