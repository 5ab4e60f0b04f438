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

/// A file's id in the [`FileIndex`], chosen by whoever adds the file (the
/// vault encodes notes and attachments in it).
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

#[derive(Debug)]
struct File {
    ix: FileIx,
    path: VaultPath,
    lower: Box<str>,
}

/// Lookup tables over every file of the vault, grouped by lower-case file
/// name (only files with the link's name can ever match it). Files can be
/// added, removed and renumbered, so a live vault keeps one index.
#[derive(Debug, Default)]
pub struct FileIndex {
    by_name: FxHashMap<Box<str>, Vec<File>>,
    len: usize,
}

impl FileIndex {
    /// Builds the index from `(path, id)` pairs.
    pub fn new(files: impl IntoIterator<Item = (VaultPath, FileIx)>) -> FileIndex {
        let files = files.into_iter();
        let mut ix = FileIndex {
            by_name: FxHashMap::with_capacity_and_hasher(files.size_hint().0, Default::default()),
            len: 0,
        };
        for (path, id) in files {
            ix.insert(path, id);
        }
        ix
    }

    /// Adds a file; a path already present gets the new id.
    pub fn insert(&mut self, path: VaultPath, ix: FileIx) {
        let lower: Box<str> = path.as_str().to_lowercase().into();
        let bucket = self.by_name.entry(file_name_of(&lower).into()).or_default();
        match bucket.iter_mut().find(|f| f.path == path) {
            Some(f) => f.ix = ix,
            None => {
                bucket.push(File { ix, path, lower });
                self.len += 1;
            }
        }
    }

    /// Removes a file; returns its id if it was there.
    pub fn remove(&mut self, path: &VaultPath) -> Option<FileIx> {
        let name = path.file_name().to_lowercase();
        let bucket = self.by_name.get_mut(name.as_str())?;
        let at = bucket.iter().position(|f| f.path == *path)?;
        let file = bucket.swap_remove(at);
        if bucket.is_empty() {
            self.by_name.remove(name.as_str());
        }
        self.len -= 1;
        Some(file.ix)
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
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
                return Self::choose(found, variant, source_dir);
            }
        }
        Resolution::Unresolved(Unresolved::NotFound)
    }

    /// Files whose path is `variant`, or (unless `anchored`) ends with
    /// `/variant`, compared case-insensitively.
    fn candidates(&self, variant: &str, anchored: bool) -> Vec<&File> {
        let lower = variant.to_lowercase();
        let Some(same_name) = self.by_name.get(file_name_of(&lower)) else { return Vec::new() };
        same_name
            .iter()
            .filter(|f| {
                let p = &*f.lower;
                p == lower
                    || (!anchored
                        && p.len() > lower.len()
                        && p.ends_with(&lower)
                        && p.as_bytes()[p.len() - lower.len() - 1] == b'/')
            })
            .collect()
    }

    fn choose(mut found: Vec<&File>, variant: &str, source_dir: &str) -> Resolution {
        let exact: Vec<&File> = found
            .iter()
            .copied()
            .filter(|f| {
                let p = f.path.as_str();
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
            .min_by(|a, b| {
                let dir = in_source_dir.as_deref();
                tie_break_key(a, dir).cmp(&tie_break_key(b, dir))
            })
            .map_or(0, |f| f.ix);
        Resolution::Found { file, candidates }
    }
}

/// Files in the linking note's folder first, then the shortest path, then
/// alphabetical order.
fn tie_break_key<'a>(f: &'a File, in_source_dir: Option<&str>) -> (bool, usize, usize, &'a str) {
    let p = f.path.as_str();
    (in_source_dir != Some(&*f.lower), p.matches('/').count(), p.len(), p)
}

/// The key under which a file can be found by links: its lower-case NFC file
/// name, without `.md` for a note. Every link that can resolve to the file
/// has the same [`link_key`], so when a file appears or disappears only links
/// with its key need resolving again.
pub fn file_key(path: &VaultPath) -> String {
    strip_md(path.file_name().to_lowercase())
}

/// The key of a link's path (see [`file_key`]); `""` when the last component
/// is `.`, `..` or empty, whose target cannot be told from the name alone.
pub fn link_key(link: &str) -> String {
    let link = nfc(link.trim());
    let name = file_name_of(&link);
    if name.is_empty() || name == "." || name == ".." {
        return String::new();
    }
    strip_md(name.to_lowercase())
}

fn strip_md(mut name: String) -> String {
    if name.len() > 3 && name.ends_with(".md") {
        name.truncate(name.len() - 3);
    }
    name
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

    fn index(paths: &[&'static str]) -> (FileIndex, Vec<&'static str>) {
        let files = paths
            .iter()
            .enumerate()
            .map(|(i, p)| (VaultPath::new(p).expect("valid path"), i as FileIx));
        (FileIndex::new(files), paths.to_vec())
    }

    /// Resolves `link` from a note in `source_dir` and renders the outcome.
    fn check(ix: &(FileIndex, Vec<&str>), source_dir: &str, link: &str, expect: &str) {
        let (ix, paths) = ix;
        let got = match ix.resolve(source_dir, link) {
            Resolution::Found { file, candidates: 1 } => paths[file as usize].to_owned(),
            Resolution::Found { file, candidates } => {
                format!("{} (ambiguous: {candidates})", paths[file as usize])
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
    fn files_come_and_go() {
        let mut ix = index(&["a/Dup.md", "b/Dup.md", "pic.png"]);
        check(&ix, "", "Dup", "a/Dup.md (ambiguous: 2)");
        assert_eq!(ix.0.remove(&VaultPath::new("a/Dup.md").expect("path")), Some(0));
        assert_eq!(ix.0.remove(&VaultPath::new("a/Dup.md").expect("path")), None);
        check(&ix, "", "Dup", "b/Dup.md");
        ix.0.insert(VaultPath::new("c/dup.md").expect("path"), 0);
        ix.1[0] = "c/dup.md";
        check(&ix, "", "dup", "c/dup.md");
        check(&ix, "", "Dup", "b/Dup.md");
        check(&ix, "", "DUP", "b/Dup.md (ambiguous: 2)");
        assert_eq!(ix.0.len(), 3);
    }

    #[test]
    fn keys_match_files_to_links() {
        let file = |p: &str| file_key(&VaultPath::new(p).expect("path"));
        assert_eq!(file("a/Note.md"), "note");
        assert_eq!(file("img/Pic.PNG"), "pic.png");
        assert_eq!(file("v1.2.md"), "v1.2");
        assert_eq!(link_key("Note"), "note");
        assert_eq!(link_key(" ./x/NOTE.md "), "note");
        assert_eq!(link_key("img/pic.png"), "pic.png");
        assert_eq!(link_key("\u{1106}\u{1167}\u{11ab}\u{110c}\u{1165}\u{11b8}"), "면접");
        assert_eq!(link_key("a/.."), "");
        assert_eq!(link_key(""), "");
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
