//! Pasted and dropped files saved as attachments on a real vault folder:
//! where attachmentFolderPath says, under a name no file has (never over an
//! existing file), with the link Obsidian would write.

// Tests fail loudly on purpose: an unwrap here is an assertion.
#![allow(clippy::unwrap_used)]

use std::fs;

use hanji_live::{AttachError, Session};

#[test]
fn attachments_land_where_the_setting_says_under_a_free_name() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("vault");
    fs::create_dir_all(root.join(".obsidian")).unwrap();
    fs::create_dir_all(root.join("면접")).unwrap();
    fs::write(root.join(".obsidian/app.json"), r#"{"attachmentFolderPath":"./첨부"}"#).unwrap();
    fs::write(root.join("면접/질문.md"), "# 질문\n").unwrap();
    let (mut s, _) = Session::open(&root, Some(&dir.path().join("cache"))).unwrap();
    let now: jiff::Zoned = "2026-12-01T21:07:09[Asia/Seoul]".parse().unwrap();

    let a = s.save_attachment("면접/질문.md", None, "png", b"\x89PNG one", &now).unwrap();
    assert_eq!(a.path.as_str(), "면접/첨부/Pasted image 20261201210709.png");
    assert_eq!(a.link, "![[Pasted image 20261201210709.png]]");
    assert_eq!(fs::read(root.join(a.path.as_str())).unwrap(), b"\x89PNG one");
    assert_eq!(a.event.attachments_added, [a.path.to_string()]);
    assert!(s.vault().attachments().iter().any(|x| x.path == a.path), "the vault knows it at once");
    // The same second again: a free name, the first file untouched.
    let b = s.save_attachment("면접/질문.md", None, "png", b"two", &now).unwrap();
    assert_eq!(b.path.as_str(), "면접/첨부/Pasted image 20261201210709 1.png");
    assert_eq!(fs::read(root.join(a.path.as_str())).unwrap(), b"\x89PNG one");
    // A dropped file keeps its name; with Markdown links, a destination.
    fs::write(
        root.join(".obsidian/app.json"),
        r#"{"attachmentFolderPath":"Attachments","useMarkdownLinks":true}"#,
    )
    .unwrap();
    let c = s.save_attachment("면접/질문.md", Some("회의 자료.pdf"), "pdf", b"%PDF", &now).unwrap();
    assert_eq!(c.path.as_str(), "Attachments/회의 자료.pdf");
    assert_eq!(c.link, "![](회의%20자료.pdf)");
    // Names a link cannot say, notes and hidden files are refused; nothing is written.
    for bad in ["a#b.png", "노트.md", ".hidden.png", "../x.png"] {
        let refused = s.save_attachment("면접/질문.md", Some(bad), "png", b"x", &now);
        assert!(matches!(refused, Err(AttachError::BadName { .. })), "{bad}: {refused:?}");
    }
    assert!(matches!(
        s.save_attachment("없음.md", None, "png", b"x", &now),
        Err(AttachError::NotANote { .. })
    ));
    let mut files: Vec<String> = fs::read_dir(root.join("Attachments"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    files.sort();
    assert_eq!(files, ["회의 자료.pdf"]);
}
