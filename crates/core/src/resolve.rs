//! Link resolution: from the text of a link to a file of the vault, following
//! Obsidian's rules.
//!
//! Pure: the [`FileIndex`] is built from a list of vault paths and answers
//! questions in memory; nothing here reads the disk. A link can never resolve to
//! anything outside the vault: `..` that climbs above the root is unresolved.
//!
//! The rules, in order (ARCHITECTURE.md has the rationale):
//! 1. Link text and file names are compared in Unicode NFC.
//! 2. `./x` and `../x` are relative to the linking note's folder; `/x` is from
//!    the vault root. Anything else matches every file whose path equals the
//!    text or ends with `/` + the text (so a bare name matches anywhere).
//! 3. `.md` is optional for notes; attachments need their extension.
//! 4. Matching is case-insensitive, but exact-case matches win if there are any.
//! 5. Several matches: the link is *ambiguous*; the winner is the file in the
//!    linking note's folder, else the one with the shortest path, else the
//!    alphabetically first.

use rustc_hash::FxHashMap;

use crate::path::{file_name_of, is_markdown_name, nfc, VaultPath};

/// Index of a file in the [`FileIndex`]'s path list.
pub type FileIx = u32;

/// Why a link did not resolve.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unresolved {
    /// No file matches.
    NotFound,
    /// The link climbs above the vault root (`[[../../etc/passwd]]`).
    EscapesVault,
}

/// The outcome of resolving a link path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolution {
    /// `candidates` is how many files matched equally well; more than one means
    /// the link is ambiguous and `file` was picked by the tie-break rule.
    Found {
        file: FileIx,
        candidates: u32,
    },
    Unresolved(Unresolved),
}

/// Lookup tables over every file of the vault.
#[derive(Debug, Default)]
pub struct FileIndex {
    paths: Vec<VaultPath>,
    lower: Vec<Box<str>>,
    by_name: FxHashMap<Box<str>, Vec<FileIx>>,
}

impl FileIndex {
    /// Builds the index; `paths[i]` becomes `FileIx` `i`.
    pub fn new(paths: Vec<VaultPath>) -> FileIndex {
        let lower: Vec<Box<str>> =
            paths.iter().map(|p| p.as_str().to_lowercase().into_boxed_str()).collect();
        let mut by_name: FxHashMap<Box<str>, Vec<FileIx>> =
            FxHashMap::with_capacity_and_hasher(paths.len(), Default::default());
        for (i, l) in lower.iter().enumerate() {
            by_name.entry(file_name_of(l).into()).or_default().push(i as FileIx);
        }
        FileIndex { paths, lower, by_name }
    }

    pub fn path(&self, file: FileIx) -> &VaultPath {
        &self.paths[file as usize]
    }

    pub fn len(&self) -> usize {
        self.paths.len()
    }

    pub fn is_empty(&self) -> bool {
        self.paths.is_empty()
    }

    /// Resolves `link` (the path part of a link, without anchor) written in a
    /// note whose folder is `source_dir`.
    pub fn resolve(&self, source_dir: &str, link: &str) -> Resolution {
        let link = nfc(link.trim());
        let link: &str = &link;
        let explicit_relative =
            link == "." || link == ".." || link.starts_with("./") || link.starts_with("../");
        let normalised = if explicit_relative {
            VaultPath::join(source_dir, link)
        } else {
            VaultPath::new(link)
        };
        let Some(normalised) = normalised else {
            let nothing = link.trim_matches(['/', '.', ' ']).is_empty() && !link.contains("..");
            return Resolution::Unresolved(if nothing {
                Unresolved::NotFound
            } else {
                Unresolved::EscapesVault
            });
        };
        let anchored = explicit_relative || link.starts_with('/');
        let text = normalised.as_str();
        let with_md;
        let mut variants: [Option<&str>; 2] = [Some(text), None];
        if !is_markdown_name(file_name_of(text)) {
            with_md = format!("{text}.md");
            variants[1] = Some(&with_md);
        }
        for variant in variants.into_iter().flatten() {
            let found = self.candidates(variant, anchored);
            if !found.is_empty() {
                return self.choose(found, variant, source_dir);
            }
        }
        Resolution::Unresolved(Unresolved::NotFound)
    }

    /// Files whose path is `variant`, or (unless `anchored`) ends with
    /// `/variant`, compared case-insensitively.
    fn candidates(&self, variant: &str, anchored: bool) -> Vec<FileIx> {
        let lower = variant.to_lowercase();
        let Some(same_name) = self.by_name.get(file_name_of(&lower)) else { return Vec::new() };
        same_name
            .iter()
            .copied()
            .filter(|&f| {
                let p = &*self.lower[f as usize];
                p == lower
                    || (!anchored
                        && p.len() > lower.len()
                        && p.ends_with(&lower)
                        && p.as_bytes()[p.len() - lower.len() - 1] == b'/')
            })
            .collect()
    }

    fn choose(&self, mut found: Vec<FileIx>, variant: &str, source_dir: &str) -> Resolution {
        let exact: Vec<FileIx> = found
            .iter()
            .copied()
            .filter(|&f| {
                let p = self.paths[f as usize].as_str();
                p == variant
                    || (p.ends_with(variant) && p.as_bytes()[p.len() - variant.len() - 1] == b'/')
            })
            .collect();
        if !exact.is_empty() {
            found = exact;
        }
        let candidates = found.len() as u32;
        let in_source_dir = VaultPath::join(source_dir, variant).map(|p| p.as_str().to_lowercase());
        let file = found
            .into_iter()
            .min_by(|&a, &b| {
                let key = |f: FileIx| {
                    let p = self.paths[f as usize].as_str();
                    let same_dir = in_source_dir.as_deref() == Some(&*self.lower[f as usize]);
                    (!same_dir, p.matches('/').count(), p.len(), p)
                };
                key(a).cmp(&key(b))
            })
            .unwrap_or(0);
        Resolution::Found { file, candidates }
    }
}

/// Normalises a heading (or a heading anchor in a link) the way Obsidian
/// compares them: NFC, case-insensitive, and the characters that cannot appear
/// in a link anchor (`# | ^ : [ ] %` and `\`) count as spaces, with runs of
/// spaces collapsed. So `## Process, Thread` matches `[[X#process, thread]]`,
/// and `## A: B` matches `[[X#A B]]`.
pub fn normalize_heading(s: &str) -> String {
    let s = nfc(s);
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars() {
        if c.is_whitespace() || matches!(c, '#' | '|' | '^' | ':' | '[' | ']' | '%' | '\\') {
            pending_space = true;
            continue;
        }
        if matches!(c, '*' | '`') {
            continue;
        }
        if pending_space && !out.is_empty() {
            out.push(' ');
        }
        pending_space = false;
        out.extend(c.to_lowercase());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(paths: &[&str]) -> FileIndex {
        FileIndex::new(paths.iter().map(|p| VaultPath::new(p).expect("valid path")).collect())
    }

    /// Resolves `link` from a note in `source_dir` and renders the outcome.
    fn check(ix: &FileIndex, source_dir: &str, link: &str, expect: &str) {
        let got = match ix.resolve(source_dir, link) {
            Resolution::Found { file, candidates: 1 } => ix.path(file).to_string(),
            Resolution::Found { file, candidates } => {
                format!("{} (ambiguous: {candidates})", ix.path(file))
            }
            Resolution::Unresolved(Unresolved::NotFound) => "not found".to_owned(),
            Resolution::Unresolved(Unresolved::EscapesVault) => "escapes vault".to_owned(),
        };
        assert_eq!(got, expect, "resolving {link:?} from {source_dir:?}");
    }

    #[test]
    fn obsidian_rules() {
        let ix = index(&[
            "Note.md",
            "a/Dup.md",
            "b/Dup.md",
            "b/c/Dup.md",
            "a/Case.md",
            "a/case.md",
            "img/pic.png",
            "Interview/면접.md",
            "v1.2.md",
            "x/sub/Deep.md",
        ]);
        check(&ix, "", "Note", "Note.md");
        check(&ix, "", "Note.md", "Note.md");
        check(&ix, "", "note", "Note.md");
        check(&ix, "zzz", "Note", "Note.md");
        check(&ix, "a", "Dup", "a/Dup.md (ambiguous: 3)");
        check(&ix, "b/c", "Dup", "b/c/Dup.md (ambiguous: 3)");
        check(&ix, "", "Dup", "a/Dup.md (ambiguous: 3)");
        check(&ix, "", "b/Dup", "b/Dup.md");
        check(&ix, "", "c/Dup", "b/c/Dup.md");
        check(&ix, "", "Case", "a/Case.md");
        check(&ix, "", "case", "a/case.md");
        check(&ix, "", "CASE", "a/Case.md (ambiguous: 2)");
        check(&ix, "", "pic.png", "img/pic.png");
        check(&ix, "", "pic", "not found");
        check(&ix, "", "면접", "Interview/면접.md");
        check(&ix, "", "\u{1106}\u{1167}\u{11ab}\u{110c}\u{1165}\u{11b8}", "Interview/면접.md");
        check(&ix, "", "v1.2", "v1.2.md");
        check(&ix, "a", "./Case", "a/Case.md");
        check(&ix, "a", "../Note", "Note.md");
        check(&ix, "a", "./Note", "not found");
        check(&ix, "a", "/Note", "Note.md");
        check(&ix, "", "/Dup", "not found");
        check(&ix, "", "sub/Deep", "x/sub/Deep.md");
        check(&ix, "", "ub/Deep", "not found");
        check(&ix, "a", "../../etc/passwd", "escapes vault");
        check(&ix, "", "a/../../etc/passwd", "escapes vault");
        check(&ix, "", "Missing", "not found");
        check(&ix, "", "", "not found");
        check(&ix, "", "..", "escapes vault");
    }

    #[test]
    fn heading_normalisation() {
        assert_eq!(normalize_heading("Process, Thread"), "process, thread");
        assert_eq!(normalize_heading("  Key   Point "), "key point");
        assert_eq!(normalize_heading("A: B"), "a b");
        assert_eq!(normalize_heading("[[-Resume]]"), "-resume");
        assert_eq!(normalize_heading("**Bold** `code`"), "bold code");
        assert_eq!(normalize_heading("같이 일하고 싶은 개발자"), "같이 일하고 싶은 개발자");
    }
}
