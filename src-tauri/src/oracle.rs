//! The oracle the editor's grammar is held to (`ui/src/editor/syntax.ts`,
//! which styles tags and highlights while typing and so must see them where
//! the core does). Generated here from `hanji-syntax`, the one home of those
//! rules, into `ui/src/editor/syntax-oracle.json`: every `#` and `==` in
//! vault-sample's notes and the test fixtures, plus edge cases, with the
//! core's answer; `syntax.test.ts` checks the editor gives the same answer
//! for each. A test fails when the committed file is stale
//! (`HANJI_WRITE_BINDINGS=1` rewrites it, as for the bindings).
//!
//! Test-only: nothing here runs in the app, and it writes only that file,
//! only when asked to.
#![cfg(test)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use hanji_syntax::{inline, tag};

const FILE: &str = "ui/src/editor/syntax-oracle.json";

const GENERATED_BY: &str = "src-tauri/src/oracle.rs from hanji-syntax; regenerate with \
    HANJI_WRITE_BINDINGS=1 cargo test --workspace --features hanji-app/custom-protocol oracle";

/// Cases the notes may not have: the rules' edges.
const EDGES: &[&str] = &[
    "#",
    "#1984",
    "#19/84",
    "#/x",
    "#a/",
    "#a//b",
    "#면접/기술/",
    "#v2",
    "#a_b-c.",
    "#tag,",
    "#태그)",
    "#한글#두번",
    "==",
    "====",
    "==a==",
    "== a ==",
    "==a ==b==",
    "==a",
    "==한 글==",
    "==a\n==",
    "===a==",
];

fn markdown_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            markdown_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "md") {
            out.push(path);
        }
    }
}

/// `text` from byte `at`, at most `chars` characters.
fn window(text: &str, at: usize, chars: usize) -> &str {
    let rest = &text[at..];
    let end = rest.char_indices().nth(chars).map_or(rest.len(), |(i, _)| i);
    &rest[..end]
}

fn utf16_len(s: &str) -> usize {
    s.encode_utf16().count()
}

fn render() -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    markdown_files(&root.join("vault-sample"), &mut files);
    markdown_files(&root.join("tests/testdata"), &mut files);
    files.sort();
    let mut tags: BTreeSet<String> =
        EDGES.iter().filter(|e| e.starts_with('#')).map(|e| e.to_string()).collect();
    let mut highlights: BTreeSet<String> =
        EDGES.iter().filter(|e| e.starts_with("==")).map(|e| e.to_string()).collect();
    for file in &files {
        let Ok(text) = std::fs::read_to_string(file) else { continue };
        for (at, _) in text.match_indices('#') {
            tags.insert(window(&text, at, 40).to_owned());
        }
        for (at, _) in text.match_indices("==") {
            highlights.insert(window(&text, at, 60).to_owned());
        }
    }
    let tags: Vec<(String, Option<String>)> = tags
        .into_iter()
        .map(|s| {
            let name = tag::at(&s).map(str::to_owned);
            (s, name)
        })
        .collect();
    // Offsets in UTF-16 code units, as JavaScript counts them.
    let highlights: Vec<(String, i64)> = highlights
        .into_iter()
        .map(|s| {
            let end = inline::highlight_at(&s).map_or(-1, |b| utf16_len(&s[..b]) as i64);
            (s, end)
        })
        .collect();
    let follow: Vec<(String, bool)> =
        ["", " ", "\t", "\u{3000}", "a", "(", "가", "#", "\u{a0}", "/"]
            .iter()
            .map(|p| (p.to_string(), tag::may_follow(p.chars().next())))
            .collect();
    // One case a line, so a change in the rules reads as a short diff.
    let lines = |cases: Vec<serde_json::Value>| {
        cases.iter().map(|c| format!("    {c}")).collect::<Vec<_>>().join(",\n")
    };
    fn pair(a: impl serde::Serialize, b: impl serde::Serialize) -> serde_json::Value {
        serde_json::json!([a, b])
    }
    format!(
        "{{\n  \"generated_by\": {},\n  \"tag_at\": [\n{}\n  ],\n  \"highlight_end\": [\n{}\n  ],\n  \"tag_may_follow\": [\n{}\n  ]\n}}\n",
        serde_json::to_string(GENERATED_BY).expect("a string serialises"),
        lines(tags.iter().map(|(s, n)| pair(s, n)).collect()),
        lines(highlights.iter().map(|(s, e)| pair(s, e)).collect()),
        lines(follow.iter().map(|(p, ok)| pair(p, ok)).collect()),
    )
}

#[test]
fn oracle_json_is_generated_from_hanji_syntax() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(FILE);
    let want = render();
    if std::env::var_os("HANJI_WRITE_BINDINGS").is_some() {
        std::fs::write(&path, &want).expect("write the oracle");
        return;
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "{FILE} is not what hanji-syntax answers now: regenerate it with\n  \
         HANJI_WRITE_BINDINGS=1 cargo test --workspace --features hanji-app/custom-protocol oracle\n\
         and check ui/src/editor/syntax.ts against it (npm test)."
    );
}
