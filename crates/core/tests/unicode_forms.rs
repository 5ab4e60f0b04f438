//! Korean written in either Unicode form is the same Korean: notes written
//! on macOS (NFD jamo) and elsewhere (NFC) mention, tag and find each other
//! (issue 10, item 2; search has its own test in `crates/search`).

// Tests fail loudly on purpose: an unwrap here is an assertion.
#![allow(clippy::unwrap_used)]

use hanji_core::Vault;

/// Unlinked mentions compared NFD text (a note written on macOS) with an NFC
/// title, byte for byte, and found nothing; the other way round too.
#[test]
fn unlinked_mentions_are_found_across_unicode_forms() {
    use unicode_normalization::UnicodeNormalization;
    let nfd = |s: &str| s.nfd().collect::<String>();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("쿠버네티스.md"), "# 쿠버네티스\n").unwrap();
    std::fs::write(dir.path().join("mac.md"), nfd("쿠버네티스를 공부했다\n")).unwrap();
    std::fs::write(dir.path().join(nfd("레디스.md")), nfd("# 레디스\n")).unwrap();
    std::fs::write(dir.path().join("linux.md"), "레디스를 배웠다\n").unwrap();
    let v = Vault::load(dir.path()).unwrap();
    let sources = |note: &str| -> Vec<String> {
        let id = v.find_note(note).unwrap();
        v.unlinked_mentions(id).iter().map(|m| v.note(m.source).path.to_string()).collect()
    };
    assert_eq!(sources("쿠버네티스"), ["mac.md"], "NFC title, NFD text");
    assert_eq!(sources("레디스"), ["linux.md"], "NFD title, NFC text");
}

/// Tags written in NFD are the same tag as in NFC: `tag_key` already
/// normalised; this keeps it so now that the rule lives in `text::nfc`.
#[test]
fn nfd_tags_are_the_nfc_tag() {
    use unicode_normalization::UnicodeNormalization;
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("mac.md"),
        "#면접 질문
"
        .nfd()
        .collect::<String>(),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("linux.md"),
        "#면접
",
    )
    .unwrap();
    let v = Vault::load(dir.path()).unwrap();
    let notes: Vec<&str> =
        v.tags().notes_with("면접").iter().map(|&n| v.note(n).path.as_str()).collect();
    assert_eq!(notes, ["linux.md", "mac.md"]);
    assert_eq!(v.tags().len(), 1);
}
