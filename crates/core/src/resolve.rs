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
//!    linking note's folder, else the one with the fewest path components,
//!    else the shortest path, else the alphabetically first.
//!
//! Cost: a name shared by thousands of files (an `index.md` in every folder)
//! is common, and its ambiguous links are resolved once per linking note, so
//! a lookup must not look at every namesake. Each bucket of same-named files
//! is kept sorted, and large ones get lookup tables on first use
//! (`Orders`): a lookup is a few binary searches, whatever the bucket size.

use crate::work::{self, Work};
use std::cmp::Ordering;
use std::ops::Range;
use std::sync::OnceLock;

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

#[derive(Debug, Clone)]
struct File {
    ix: FileIx,
    path: VaultPath,
    lower: Box<str>,
}

/// Buckets up to this size are answered by looking at every file, which is
/// cheaper than building their [`Orders`].
const SCAN_LIMIT: usize = 8;

/// Every file with one lower-case file name, sorted by lower-case path, then
/// path (so the files at one lower-case path are a run found by binary
/// search), with the orderings that answer larger buckets, built on first use.
#[derive(Debug, Clone, Default)]
struct Bucket {
    files: Vec<File>,
    /// Reset whenever `files` gains or loses a file. A `OnceLock`, because
    /// links are resolved in parallel over a shared `&FileIndex`.
    orders: OnceLock<Orders>,
}

/// Lookup tables over a bucket's files. The files whose path ends with a
/// given text are one run when paths are sorted by their bytes read
/// backwards; so both the candidates of a link (compared case-insensitively)
/// and its exact-case matches are at most two runs each, found by binary
/// search, and the tie-break winner of a run is a range-minimum query.
#[derive(Debug, Clone)]
struct Orders {
    /// Positions in `files`, sorted by the lower-case path read backwards.
    by_lower: Vec<u32>,
    lower_min: RangeMin,
    /// Positions in `files`, sorted by the path read backwards.
    by_exact: Vec<u32>,
    exact_min: RangeMin,
    /// `files` positions in tie-break order (fewest components, shortest,
    /// alphabetical): the range minima are ranks into this.
    by_rank: Vec<u32>,
}

impl Orders {
    fn new(files: &[File]) -> Orders {
        work::count(Work::FilesExamined, files.len());
        let positions = || (0..files.len() as u32).collect::<Vec<u32>>();
        let mut by_rank = positions();
        by_rank.sort_unstable_by(|&a, &b| {
            tie_break(&files[a as usize]).cmp(&tie_break(&files[b as usize]))
        });
        let mut rank = vec![0u32; files.len()];
        for (r, &f) in by_rank.iter().enumerate() {
            rank[f as usize] = r as u32;
        }
        let sorted_backwards = |key: fn(&File) -> &str| {
            let mut order = positions();
            order.sort_unstable_by(|&a, &b| {
                backwards(key(&files[a as usize]), key(&files[b as usize]))
            });
            order
        };
        let by_lower = sorted_backwards(lower_of);
        let by_exact = sorted_backwards(path_of);
        let lower_min = RangeMin::new(by_lower.iter().map(|&f| rank[f as usize]).collect());
        let exact_min = RangeMin::new(by_exact.iter().map(|&f| rank[f as usize]).collect());
        Orders { by_lower, lower_min, by_exact, exact_min, by_rank }
    }
}

fn lower_of(f: &File) -> &str {
    &f.lower
}

fn path_of(f: &File) -> &str {
    f.path.as_str()
}

/// Compares two strings by their bytes read from the end.
fn backwards(a: &str, b: &str) -> Ordering {
    a.bytes().rev().cmp(b.bytes().rev())
}

/// The runs of `order` (positions into `files`, sorted backwards by `key`)
/// whose key is `text`, and whose key ends with `/` + `text`.
fn suffix_runs(
    files: &[File],
    order: &[u32],
    key: fn(&File) -> &str,
    text: &str,
) -> [Range<usize>; 2] {
    let at = |i: u32| {
        work::count(Work::FilesExamined, 1);
        key(&files[i as usize])
    };
    let slash_text = || text.bytes().rev().chain(std::iter::once(b'/'));
    let equal_start = order.partition_point(|&i| backwards(at(i), text) == Ordering::Less);
    let equal_end = order.partition_point(|&i| backwards(at(i), text) != Ordering::Greater);
    let below = |k: &str| k.bytes().rev().cmp(slash_text()) == Ordering::Less;
    let suffix_start = order.partition_point(|&i| below(at(i)));
    let suffix_end = order.partition_point(|&i| {
        let k = at(i);
        below(k) || ends_with_component(k, text)
    });
    [equal_start..equal_end, suffix_start..suffix_end]
}

/// `path` is `text` or ends with `/` + `text`.
fn is_suffix_match(path: &str, text: &str) -> bool {
    path == text || ends_with_component(path, text)
}

/// `path` ends with `/` + `text`.
fn ends_with_component(path: &str, text: &str) -> bool {
    path.len() > text.len()
        && path.ends_with(text)
        && path.as_bytes()[path.len() - text.len() - 1] == b'/'
}

/// Minimum of any range of a fixed list of values in constant time (a sparse
/// table: `levels[k][i]` is the minimum of `values[i..i + 2^k]`).
#[derive(Debug, Clone)]
struct RangeMin {
    levels: Vec<Vec<u32>>,
}

impl RangeMin {
    fn new(values: Vec<u32>) -> RangeMin {
        let mut levels = vec![values];
        let mut width = 1;
        while let Some(last) = levels.last() {
            if last.len() <= width {
                break;
            }
            let next = (0..last.len() - width).map(|i| last[i].min(last[i + width])).collect();
            levels.push(next);
            width *= 2;
        }
        RangeMin { levels }
    }

    /// The minimum of `range`, `None` when it is empty.
    fn min(&self, range: Range<usize>) -> Option<u32> {
        let len = range.end.checked_sub(range.start).filter(|&l| l > 0)?;
        let k = len.ilog2() as usize;
        let level = self.levels.get(k)?;
        let a = *level.get(range.start)?;
        let b = *level.get(range.end - (1 << k))?;
        Some(a.min(b))
    }
}

impl Bucket {
    /// The files whose lower-case path is `lower`.
    fn run(&self, lower: &str) -> &[File] {
        let at = |f: &File| {
            work::count(Work::FilesExamined, 1);
            f.lower.as_ref().cmp(lower)
        };
        let start = self.files.partition_point(|f| at(f) == Ordering::Less);
        let end = self.files.partition_point(|f| at(f) != Ordering::Greater);
        &self.files[start..end.max(start)]
    }

    /// Where `path` (with lower-case form `lower`) is, or would be inserted.
    fn find(&self, lower: &str, path: &VaultPath) -> Result<usize, usize> {
        self.files.binary_search_by(|f| (&*f.lower, f.path.as_str()).cmp(&(lower, path.as_str())))
    }

    /// Resolves `variant` (lower-case `lower`, not anchored) in a bucket
    /// larger than [`SCAN_LIMIT`], without looking at every file.
    fn resolve_large(
        &self,
        variant: &str,
        lower: &str,
        in_dir: Option<String>,
    ) -> Option<Resolution> {
        let orders = self.orders.get_or_init(|| Orders::new(&self.files));
        let files = &self.files;
        let exact = suffix_runs(files, &orders.by_exact, path_of, variant);
        let exact_count: usize = exact.iter().map(|r| r.len()).sum();
        let (runs, table) = if exact_count > 0 {
            (exact, &orders.exact_min)
        } else {
            (suffix_runs(files, &orders.by_lower, lower_of, lower), &orders.lower_min)
        };
        let candidates: usize = runs.iter().map(|r| r.len()).sum();
        if candidates == 0 {
            return None;
        }
        // The file in the linking note's folder: the files at that one
        // lower-case path, if they are among the kept candidates.
        let in_dir = in_dir.as_deref().map_or(&[][..], |d| self.run(d));
        work::count(Work::FilesExamined, in_dir.len());
        let local = in_dir
            .iter()
            .filter(|f| {
                is_suffix_match(&f.lower, lower)
                    && (exact_count == 0 || is_suffix_match(f.path.as_str(), variant))
            })
            .min_by(|a, b| tie_break(a).cmp(&tie_break(b)));
        let file = match local {
            Some(f) => f,
            None => {
                let rank = runs.into_iter().filter_map(|r| table.min(r)).min()?;
                &files[*orders.by_rank.get(rank as usize)? as usize]
            }
        };
        Some(Resolution::Found { file: file.ix, candidates: candidates as u32 })
    }
}

/// Lookup tables over every file of the vault, grouped by lower-case file
/// name (only files with the link's name can ever match it). Files can be
/// added, removed and renumbered, so a live vault keeps one index.
#[derive(Debug, Clone, Default)]
pub struct FileIndex {
    by_name: FxHashMap<Box<str>, Bucket>,
    len: usize,
}

impl FileIndex {
    /// Builds the index from `(path, id)` pairs; of a path given twice, the
    /// last id counts.
    pub fn new(files: impl IntoIterator<Item = (VaultPath, FileIx)>) -> FileIndex {
        let files = files.into_iter();
        let mut by_name: FxHashMap<Box<str>, Bucket> =
            FxHashMap::with_capacity_and_hasher(files.size_hint().0, Default::default());
        for (path, ix) in files {
            let lower: Box<str> = path.as_str().to_lowercase().into();
            let bucket = by_name.entry(file_name_of(&lower).into()).or_default();
            bucket.files.push(File { ix, path, lower });
        }
        let mut len = 0;
        for bucket in by_name.values_mut() {
            // Stable, so of equal paths the last given is last.
            bucket.files.sort_by(|a, b| (&a.lower, &a.path).cmp(&(&b.lower, &b.path)));
            bucket.files.dedup_by(|later, earlier| {
                let same = later.path == earlier.path;
                if same {
                    earlier.ix = later.ix;
                }
                same
            });
            len += bucket.files.len();
        }
        FileIndex { by_name, len }
    }

    /// Adds a file; a path already present gets the new id.
    pub fn insert(&mut self, path: VaultPath, ix: FileIx) {
        let lower: Box<str> = path.as_str().to_lowercase().into();
        let bucket = self.by_name.entry(file_name_of(&lower).into()).or_default();
        match bucket.find(&lower, &path) {
            // The orders hold positions, not ids: they stay valid.
            Ok(at) => bucket.files[at].ix = ix,
            Err(at) => {
                bucket.files.insert(at, File { ix, path, lower });
                bucket.orders = OnceLock::new();
                self.len += 1;
            }
        }
    }

    /// Removes a file; returns its id if it was there.
    pub fn remove(&mut self, path: &VaultPath) -> Option<FileIx> {
        let lower = path.as_str().to_lowercase();
        let name = file_name_of(&lower);
        let bucket = self.by_name.get_mut(name)?;
        let at = bucket.find(&lower, path).ok()?;
        let file = bucket.files.remove(at);
        bucket.orders = OnceLock::new();
        if bucket.files.is_empty() {
            self.by_name.remove(name);
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
            if let Some(found) = self.resolve_variant(variant, anchored, source_dir) {
                return found;
            }
        }
        Resolution::Unresolved(Unresolved::NotFound)
    }

    /// The shortest link text that a note in folder `source_dir` can write to
    /// point at `target` (Obsidian's "shortest" link format): the file name
    /// (without `.md` for a note), else its path with as few leading folders
    /// as make it unique, else the vault-absolute path. Each candidate is
    /// proved with [`FileIndex::resolve`]: it must resolve to `target` and
    /// to nothing else, so that a file added beside the linking note later
    /// cannot take the link over. `None` when `target` is not in the index.
    /// The id of the file at `path`, if the index has it.
    pub fn ix_of(&self, path: &VaultPath) -> Option<FileIx> {
        let lower = path.as_str().to_lowercase();
        let bucket = self.by_name.get(file_name_of(&lower))?;
        Some(bucket.files[bucket.find(&lower, path).ok()?].ix)
    }

    pub fn shortest_link(&self, source_dir: &str, target: &VaultPath) -> Option<String> {
        let ix = self.ix_of(target)?;
        let path = target.as_str();
        let written = match path.strip_suffix(".md") {
            Some(stem) if target.is_markdown() && !stem.ends_with('/') => stem,
            _ => path,
        };
        let unique = |text: &str| matches!(self.resolve(source_dir, text), Resolution::Found { file, candidates: 1 } if file == ix);
        // Suffixes of the path from one component to all of them: the first
        // unique one is the shortest.
        let starts = std::iter::once(0).chain(written.match_indices('/').map(|(i, _)| i + 1));
        let mut starts: Vec<usize> = starts.collect();
        starts.reverse();
        if let Some(text) = starts.into_iter().map(|i| &written[i..]).find(|t| unique(t)) {
            return Some(text.to_owned());
        }
        // Only a name that differs from another by case alone is left: the
        // absolute path with its exact case is the one file it can mean.
        let absolute = format!("/{written}");
        unique(&absolute).then_some(absolute).or_else(|| Some(format!("/{path}")))
    }

    /// Resolves one spelling of the link (`Note` or `Note.md`); `None` when no
    /// file matches it. The candidates are the files whose path is `variant`,
    /// or (unless `anchored`) ends with `/variant`, compared
    /// case-insensitively; a bare name's are its whole bucket.
    fn resolve_variant(
        &self,
        variant: &str,
        anchored: bool,
        source_dir: &str,
    ) -> Option<Resolution> {
        let lower = variant.to_lowercase();
        let bucket = self.by_name.get(file_name_of(&lower))?;
        let in_dir = || VaultPath::join(source_dir, variant).map(|p| p.as_str().to_lowercase());
        if anchored {
            // Only the files at exactly this path, which sort together.
            return choose(bucket.run(&lower), variant, in_dir());
        }
        if bucket.files.len() <= SCAN_LIMIT {
            work::count(Work::FilesExamined, bucket.files.len());
            let found = bucket.files.iter().filter(|f| is_suffix_match(&f.lower, &lower));
            return choose(found, variant, in_dir());
        }
        bucket.resolve_large(variant, &lower, in_dir())
    }
}

/// Picks among `found` (every candidate of `variant`) by the rules: exact-case
/// matches only if there are any, then the tie-break. `None` when `found` is
/// empty.
fn choose<'a>(
    found: impl IntoIterator<Item = &'a File>,
    variant: &str,
    in_source_dir: Option<String>,
) -> Option<Resolution> {
    let mut found: Vec<&File> = found.into_iter().collect();
    if found.is_empty() {
        return None;
    }
    if found.iter().any(|f| is_suffix_match(f.path.as_str(), variant)) {
        found.retain(|f| is_suffix_match(f.path.as_str(), variant));
    }
    let candidates = found.len() as u32;
    let dir = in_source_dir.as_deref();
    let file = found
        .into_iter()
        .min_by(|a, b| {
            (dir != Some(&*a.lower), tie_break(a)).cmp(&(dir != Some(&*b.lower), tie_break(b)))
        })
        .map_or(0, |f| f.ix);
    Some(Resolution::Found { file, candidates })
}

/// After "in the linking note's folder": the fewest path components, then
/// the shortest path, then alphabetical order.
fn tie_break(f: &File) -> (usize, usize, &str) {
    let p = f.path.as_str();
    (p.matches('/').count(), p.len(), p)
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

    /// The shortest link from a note in `source_dir` to `target`, and that it
    /// resolves back to `target` with no other candidate.
    fn check_shortest(ix: &(FileIndex, Vec<&str>), source_dir: &str, target: &str, expect: &str) {
        let (index, _) = ix;
        let path = VaultPath::new(target).expect("valid path");
        let got = index.shortest_link(source_dir, &path).expect("target is indexed");
        assert_eq!(got, expect, "shortest link to {target:?} from {source_dir:?}");
        check(ix, source_dir, &got, target);
    }

    #[test]
    fn shortest_links_resolve_back_uniquely() {
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
            "x/Note.png",
        ]);
        check_shortest(&ix, "", "Note.md", "Note");
        check_shortest(&ix, "a", "Interview/면접.md", "면접");
        check_shortest(&ix, "", "img/pic.png", "pic.png");
        check_shortest(&ix, "", "x/Note.png", "Note.png");
        check_shortest(&ix, "", "v1.2.md", "v1.2");
        // `Dup` alone would resolve from `a` (its own folder wins), but is
        // ambiguous: a second folder's note is one rename away from taking it.
        check_shortest(&ix, "a", "a/Dup.md", "a/Dup");
        check_shortest(&ix, "", "b/Dup.md", "b/Dup");
        check_shortest(&ix, "", "b/c/Dup.md", "c/Dup");
        // Names that differ only by case: exact case picks one.
        check_shortest(&ix, "", "a/Case.md", "Case");
        check_shortest(&ix, "", "a/case.md", "case");
        let (index, _) = &ix;
        assert_eq!(index.shortest_link("", &VaultPath::new("Missing.md").expect("valid")), None);
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
        // Of a path given twice, the last id counts.
        let twice = ["a/Dup.md", "b/Dup.md", "a/Dup.md"].map(|p| VaultPath::new(p).expect("path"));
        let ix = FileIndex::new(twice.into_iter().zip(0..));
        assert_eq!(
            (ix.len(), ix.resolve("a", "Dup")),
            (2, Resolution::Found { file: 2, candidates: 2 })
        );
    }

    /// The rules written out plainly over a list of files (every file looked
    /// at for every link, as the index once did): what the index must answer.
    fn reference(files: &[(VaultPath, FileIx)], source_dir: &str, link: &str) -> Resolution {
        let link = nfc(link.trim());
        let link: &str = &link;
        let relative =
            link == "." || link == ".." || link.starts_with("./") || link.starts_with("../");
        let normalised =
            if relative { VaultPath::join(source_dir, link) } else { VaultPath::new(link) };
        let Some(normalised) = normalised else {
            let nothing = link.trim_matches(['/', '.', ' ']).is_empty() && !link.contains("..");
            return Resolution::Unresolved(if nothing {
                Unresolved::NotFound
            } else {
                Unresolved::EscapesVault
            });
        };
        let anchored = relative || link.starts_with('/');
        let text = normalised.as_str().to_owned();
        let mut variants = vec![text.clone()];
        if !is_markdown_name(file_name_of(&text)) {
            variants.push(format!("{text}.md"));
        }
        for variant in variants {
            let lower = variant.to_lowercase();
            let mut found: Vec<&(VaultPath, FileIx)> = files
                .iter()
                .filter(|(p, _)| {
                    let p = p.as_str().to_lowercase();
                    p == lower || (!anchored && p.ends_with(&format!("/{lower}")))
                })
                .collect();
            if found.is_empty() {
                continue;
            }
            let exact: Vec<&(VaultPath, FileIx)> = found
                .iter()
                .copied()
                .filter(|(p, _)| {
                    p.as_str() == variant || p.as_str().ends_with(&format!("/{variant}"))
                })
                .collect();
            if !exact.is_empty() {
                found = exact;
            }
            let dir = VaultPath::join(source_dir, &variant).map(|p| p.as_str().to_lowercase());
            let best = found.iter().min_by_key(|(p, _)| {
                let p = p.as_str();
                (dir.as_deref() != Some(&p.to_lowercase()), p.matches('/').count(), p.len(), p)
            });
            let file = best.map_or(0, |(_, ix)| *ix);
            return Resolution::Found { file, candidates: found.len() as u32 };
        }
        Resolution::Unresolved(Unresolved::NotFound)
    }

    /// A small deterministic generator (xorshift), so failures reproduce.
    struct Rng(u64);

    impl Rng {
        fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % n as u64) as usize
        }

        fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
            xs[self.below(xs.len())]
        }
    }

    const NFD_MYEONJEOP: &str = "\u{1106}\u{1167}\u{11ab}\u{110c}\u{1165}\u{11b8}";

    /// Folders, names and links chosen to collide: one name in many folders,
    /// case variants of names and folders, Hangul in NFC and NFD, suffix
    /// paths, attachments, and names that are the start or end of others.
    fn adversarial_vault(rng: &mut Rng, files: usize) -> Vec<(VaultPath, FileIx)> {
        let folders = ["", "a", "A", "b", "a/sub", "A/Sub", "b/sub", "면접", NFD_MYEONJEOP, "x y"];
        let names = [
            "index.md",
            "Index.md",
            "INDEX.md",
            "면접.md",
            "\u{1106}\u{1167}\u{11ab}\u{110c}\u{1165}\u{11b8}.md",
            "pic.png",
            "Pic.PNG",
            "v1.2.md",
            "dex.md",
            "sub.md",
        ];
        let mut out: Vec<(VaultPath, FileIx)> = Vec::new();
        for i in 0..files {
            // Many generated folders too, so buckets grow past SCAN_LIMIT.
            let folder = match rng.below(3) {
                0 => rng.pick(&folders).to_owned(),
                1 => format!("d{}", rng.below(40)),
                _ => format!("d{}/{}", rng.below(40), rng.pick(&["sub", "Sub", "a"])),
            };
            let Some(path) = VaultPath::join(&folder, rng.pick(&names)) else { continue };
            if out.iter().all(|(p, _)| *p != path) {
                out.push((path, i as FileIx));
            }
        }
        out
    }

    const LINKS: &[&str] = &[
        "index",
        "Index",
        "INDEX",
        "index.md",
        "Index.MD",
        "sub/index",
        "Sub/Index",
        "a/sub/index",
        "d3/sub/index",
        "d7/index.md",
        "/index",
        "/a/index",
        "./index",
        "../index",
        "../sub/Index",
        "면접",
        "\u{1106}\u{1167}\u{11ab}\u{110c}\u{1165}\u{11b8}",
        "면접/면접",
        "pic.png",
        "PIC.png",
        "pic",
        "v1.2",
        "dex",
        "sub",
        "x y/index",
        "ndex",
    ];

    fn agree(ix: &FileIndex, files: &[(VaultPath, FileIx)], dirs: &[String]) {
        for dir in dirs {
            for link in LINKS {
                assert_eq!(
                    ix.resolve(dir, link),
                    reference(files, dir, link),
                    "{link:?} from {dir:?} among {} files",
                    files.len()
                );
            }
        }
    }

    #[test]
    fn lookups_agree_with_the_rules_written_plainly() {
        let mut large = 0;
        for seed in 1..=30u64 {
            let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15));
            let size = 20 + rng.below(300);
            let mut files = adversarial_vault(&mut rng, size);
            let mut dirs: Vec<String> = files.iter().map(|(p, _)| p.parent().to_owned()).collect();
            dirs.extend(["", "nowhere", "a/sub/deeper"].map(String::from));
            dirs.sort();
            dirs.dedup();
            let mut ix = FileIndex::new(files.iter().cloned());
            large += ix.by_name.values().filter(|b| b.files.len() > SCAN_LIMIT).count();
            agree(&ix, &files, &dirs);
            // Live updates: some files go, others come, some get a new id.
            for _ in 0..files.len() / 3 {
                let (path, _) = files.swap_remove(rng.below(files.len()));
                assert!(ix.remove(&path).is_some());
            }
            for (path, id) in adversarial_vault(&mut rng, 40) {
                let id = id + 1000;
                match files.iter_mut().find(|(p, _)| *p == path) {
                    Some(f) => f.1 = id,
                    None => files.push((path.clone(), id)),
                }
                ix.insert(path, id);
            }
            assert_eq!(ix.len(), files.len());
            agree(&ix, &files, &dirs);
        }
        assert!(large >= 30, "only {large} buckets were large enough for the orders");
    }

    /// Issue 10, item 18: a name shared by thousands of notes (an `index.md`
    /// per folder) made every link to it look at every namesake, so a vault
    /// of them took quadratic time to resolve.
    #[test]
    fn shared_names_resolve_without_scanning_every_namesake() {
        let n = 4096;
        let mut paths: Vec<VaultPath> =
            (0..n).map(|i| VaultPath::new(&format!("f{i:04}/index.md")).expect("path")).collect();
        let mut ix = FileIndex::new(paths.iter().cloned().zip(0..));
        crate::work::reset(crate::work::Work::FilesExamined);
        let mut links = 0;
        for (i, p) in paths.iter().enumerate() {
            let all = n as u32;
            assert_eq!(
                ix.resolve(p.parent(), "index"),
                Resolution::Found { file: i as u32, candidates: all }
            );
            assert_eq!(
                ix.resolve("elsewhere", "INDEX"),
                Resolution::Found { file: 0, candidates: all }
            );
            assert_eq!(ix.resolve("", "f0007/index"), Resolution::Found { file: 7, candidates: 1 });
            links += 3;
        }
        // Live updates: a new namesake, then every link to the name again.
        for round in 0..8u32 {
            let path = VaultPath::new(&format!("g{round}/index.md")).expect("path");
            ix.insert(path.clone(), n as u32 + round);
            paths.push(path);
            for p in paths.iter().step_by(8) {
                assert!(matches!(ix.resolve(p.parent(), "index"), Resolution::Found { .. }));
                links += 1;
            }
        }
        let per_link = crate::work::counted(crate::work::Work::FilesExamined) / links;
        assert!(per_link < 100, "{per_link} files looked at per link among {n} namesakes");
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
}
