//! Which parsing and link-resolution rules a cache was written under.
//!
//! A cache row is reused when a note's size and modification time are
//! unchanged, so a fix to the parser or the resolver would never reach notes
//! that did not change: the cache would keep serving what the old rules
//! made of them. The cache therefore records the rules it was written with,
//! and a cache from other rules is emptied (every note is parsed again).
//!
//! The rules are named twice over: [`RULES_VERSION`], bumped by hand with
//! any deliberate change, and a fingerprint of what the rules actually do
//! to a probe note and a probe set of links, so a change nobody thought to
//! bump the version for is caught too. Pure: computing it reads nothing.

use crate::cache::codec::encode;
use crate::cache::content_hash;
use crate::parse::parse_note;
use crate::path::VaultPath;
use crate::resolve::{FileIndex, Resolution};
use hanji_syntax::heading;

/// Bump with any deliberate change to what `parse` extracts or how
/// `resolve` picks a file.
pub const RULES_VERSION: u32 = 3;

/// A note exercising every rule the parser has: front matter, headings,
/// tags (inline, nested, in code, numeric), block ids, tasks, every link
/// form, comments, CR line endings.
const PROBE_NOTE: &str = "---\ntitle: 프로브\naliases: [probe, 'p r']\ntags: [면접, a/b]\n---\n\
# 제목 #태그\n\n## A: B | C\r\nText #면접/질문 #1984 #2024년 `#code` [[Note]] [[Note|alias]] \
[[Note#Head#Sub]] [[Note#^blk]] ![[img.png|300]] ![[Note#Sec]] [md](Other%20Note.md) \
[a](<X Y.md>) <https://example.com> https://bare.example ^block-1\n\n\
- [ ] open task\n- [x] done task\n\t- [ ] nested\n\n| a | b |\n|---|---|\n| [[T\\|x]] | c |\n\n\
```\n[[not a link]] #nottag\n```\n%% [[hidden]] %%\n$[[math]]$\n<div>[[html]]</div>\n\
> [!note] Callout [[InCallout]]\n\n[[../up]] [[./here]] [[/root]] [[a/b/c]]\r# CR heading\r[[cr]]\n";

/// Paths and the links resolved against them from several folders.
const PROBE_FILES: &[&str] = &[
    "Note.md",
    "a/Note.md",
    "b/note.md",
    "a/b/c.md",
    "img.png",
    "x/img.PNG",
    "면접.md",
    "v1.2.md",
    "deep/x/y/z.md",
];
const PROBE_LINKS: &[(&str, &str)] = &[
    ("", "Note"),
    ("a", "Note"),
    ("b", "note"),
    ("", "NOTE.md"),
    ("", "b/Note"),
    ("a", "./Note"),
    ("a/b", "../Note"),
    ("", "/Note"),
    ("", "img.png"),
    ("", "img"),
    ("", "\u{1106}\u{1167}\u{11ab}\u{110c}\u{1165}\u{11b8}"),
    ("", "v1.2"),
    ("", "y/z"),
    ("", "../../etc/passwd"),
    ("", ""),
];

/// The rules this build parses and resolves with, as stored in a cache:
/// the version and the fingerprint.
pub fn current() -> String {
    let mut bytes = encode(&parse_note(PROBE_NOTE));
    let files = FileIndex::new(
        PROBE_FILES.iter().enumerate().filter_map(|(i, p)| Some((VaultPath::new(p)?, i as u32))),
    );
    for (dir, link) in PROBE_LINKS {
        match files.resolve(dir, link) {
            Resolution::Found { file, candidates } => {
                bytes.push(0);
                bytes.extend_from_slice(&file.to_le_bytes());
                bytes.extend_from_slice(&candidates.to_le_bytes());
            }
            Resolution::Unresolved(why) => bytes.extend(format!("{why:?}").bytes()),
        }
    }
    for heading in ["A: B | C", "**Bold** `x`", "Process, Thread", "  면접   질문 "] {
        bytes.extend(heading::key(heading).bytes());
        bytes.push(0);
    }
    format!("{RULES_VERSION}-{:016x}", content_hash(&bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_are_stable_within_a_build() {
        assert_eq!(current(), current());
        assert!(current().starts_with(&format!("{RULES_VERSION}-")));
    }
}
