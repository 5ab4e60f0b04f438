//! The planner: what an operation on files does to the vault's links, found
//! without touching the disk.
//!
//! Given an operation (move or rename a note, an attachment or a folder;
//! delete one), the plan lists the files that move and, for every note whose
//! links would otherwise change target, the exact edits: byte range, old
//! text, new text. It reads the notes it looks at (through the caller's
//! reader) and writes nothing.
//!
//! Which notes can be affected is known without reading the vault: a link's
//! target can only change when a file with the link's key (its file name,
//! lower-case, without `.md`) appears or disappears, or when the note
//! holding it moves to another folder. Those notes are read and parsed
//! again (so the plan works on what is on disk now, not on what the vault
//! last saw), and each of their links is resolved twice: against the files
//! as they are, from the note's folder, and against the files as they will
//! be, from the note's new folder. Where the two disagree, the link's path
//! is rewritten in its own style (`style`), and the plan is then checked as
//! a whole (`check`).

use std::io;
use std::ops::Range;

use rayon::prelude::*;
use rustc_hash::FxHashSet as HashSet;

use crate::cache::content_hash;
use crate::parse::{self, link, LineIndex, Link, LinkSyntax};
use crate::path::{file_name_of, nfc, VaultPath};
use crate::resolve::{file_key, link_key, FileIndex, FileIx, Resolution};
use crate::settings::LinkFormat;
use crate::vault::{Note, Vault, ATTACHMENT_BIT};

use super::check;
use super::style;

/// What to do to a file or folder of the vault.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Operation {
    /// Rename or move the note, attachment or folder at `from` to `to`.
    Move { from: VaultPath, to: VaultPath },
    /// Delete the note, attachment or folder at `path`.
    Delete { path: VaultPath },
    /// The files were renamed outside Hanji (a file manager, git, a sync
    /// tool): each pair is where a file was and where it is now. Nothing
    /// moves; the links that led to the old paths are rewritten to lead to
    /// the new ones.
    Relink { pairs: Vec<(VaultPath, VaultPath)> },
    /// Rename the heading `old` of the note at `note` to `new`, and every
    /// link that points at it.
    RenameHeading { note: VaultPath, old: String, new: String },
}

impl Operation {
    /// What the operation does, for people: `Rename a.md to b.md`, `Move
    /// a.md to Folder`, `Delete a.md`; an undo record and a menu item say it.
    pub fn label(&self) -> String {
        match self {
            Operation::Move { from, to } if from.parent() == to.parent() => {
                format!("Rename {} to {}", from.file_name(), to.file_name())
            }
            Operation::Move { from, to } => match to.parent() {
                "" => format!("Move {} to the vault's root", from.as_str()),
                folder => format!("Move {} to {folder}", from.as_str()),
            },
            Operation::Delete { path } => format!("Delete {}", path.as_str()),
            Operation::Relink { pairs } => match pairs.as_slice() {
                [(was, now)] => format!(
                    "Update the links to {} (renamed from {} outside Hanji)",
                    now.as_str(),
                    was.as_str()
                ),
                _ => format!("Update the links to {} notes renamed outside Hanji", pairs.len()),
            },
            Operation::RenameHeading { note, old, new } => {
                format!("Rename the heading \"{old}\" of {} to \"{new}\"", note.as_str())
            }
        }
    }
}

/// One change of text in a note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextEdit {
    /// Byte range in the note's current text.
    pub range: Range<usize>,
    /// 1-based line of the edit.
    pub line: u32,
    pub old: String,
    pub new: String,
}

/// A note whose links the operation rewrites.
#[derive(Debug, Clone)]
pub struct NoteEdit {
    /// Where the note is now.
    pub path: VaultPath,
    /// Where it will be (the same unless the operation moves it).
    pub path_after: VaultPath,
    /// The content hash of the text the edits apply to: applying writes
    /// only over this content.
    pub hash: u64,
    /// In text order, never overlapping.
    pub edits: Vec<TextEdit>,
    /// The note's text after the edits.
    pub text: String,
}

/// What an operation will do.
#[derive(Debug, Clone)]
pub struct Plan {
    pub operation: Operation,
    /// `Some((from, to))` when a whole folder moves (one rename on disk).
    pub folder: Option<(VaultPath, VaultPath)>,
    /// Every file that moves, in path order: from, to.
    pub moves: Vec<(VaultPath, VaultPath)>,
    /// Every file deleted, in path order.
    pub deletes: Vec<VaultPath>,
    /// Notes whose text changes, in path order.
    pub notes: Vec<NoteEdit>,
    /// The content hash of every file that moves or is deleted without an
    /// edit (notes only; attachments are checked by size), so applying
    /// can tell that it is moving what was planned.
    pub hashes: Vec<(VaultPath, u64)>,
    /// Links that were unresolved and will point at a moved file, because
    /// they name it by its new name (`[[Redis 운영]]` written before the
    /// note was renamed so).
    pub adopted: usize,
    /// Links to a deleted file, which will be unresolved.
    pub unresolved: usize,
}

impl Plan {
    /// How many links the plan rewrites.
    pub fn edit_count(&self) -> usize {
        self.notes.iter().map(|n| n.edits.len()).sum()
    }
}

/// Why an operation cannot be planned. Nothing was changed.
#[derive(Debug, thiserror::Error)]
pub enum PlanError {
    #[error("nothing in the vault is at {path}")]
    NotFound { path: String },
    #[error("{path} already exists; Hanji never moves a file over another")]
    Exists { path: String },
    #[error("{from} and {to} are the same path")]
    Same { from: String, to: String },
    #[error("cannot move the folder {from} into itself ({to})")]
    IntoItself { from: String, to: String },
    #[error("{name:?} cannot be used as a name: {reason}")]
    BadName { name: String, reason: &'static str },
    #[error("cannot read {path}: {source}")]
    Unreadable {
        path: String,
        #[source]
        source: io::Error,
    },
    /// A link whose new text cannot be written or proved.
    #[error("{path}:{line}: {reason}; nothing was changed")]
    Link { path: String, line: u32, reason: String },
    /// The invariant check refused the plan.
    #[error("{path}: the plan would change what a link points at ({reason}); nothing was changed")]
    Invariant { path: String, reason: String },
}

/// Characters a moved file's name may not contain: a wiki-link could not
/// name it (`#` starts an anchor, `|` an alias, `^` a block), or (`/`,
/// NUL) no file system allows them in a name.
const FORBIDDEN: &[char] = &['#', '|', '^', '[', ']', '\\', '\0'];

/// Checks one component of a new path: a name links can say, that the
/// scan does not skip.
pub fn check_name(name: &str) -> Result<(), PlanError> {
    let bad = |reason| Err(PlanError::BadName { name: name.to_owned(), reason });
    if name.trim().is_empty() {
        return bad("it is empty");
    }
    if name.starts_with('.') {
        return bad("a name starting with `.` is hidden, and would leave the vault");
    }
    if name.contains(FORBIDDEN) || name.chars().any(char::is_control) {
        return bad("links cannot name a file with `# | ^ [ ] \\` or control characters in it");
    }
    if name != name.trim() {
        return bad("it starts or ends with a space, which links cannot keep");
    }
    Ok(())
}

/// A file of the vault, as the planner sees it.
#[derive(Debug, Clone)]
struct File {
    ix: FileIx,
    path: VaultPath,
    /// `None` when deleted.
    to: Option<VaultPath>,
}

/// Plans `op` on `vault`. `read` gives a note's bytes as they are on disk.
///
/// A move of a folder the vault lists no file under (an empty folder, or
/// one holding hidden files only) is planned only when `empty_folder` says
/// it exists; otherwise the path names nothing.
pub fn plan(
    vault: &Vault,
    op: &Operation,
    format: LinkFormat,
    empty_folder: bool,
    read: &(dyn Fn(&Note) -> io::Result<Vec<u8>> + Sync),
) -> Result<Plan, PlanError> {
    if let Operation::RenameHeading { note, old, new } = op {
        return super::heading::plan_heading(vault, note, old, new, read);
    }
    let files = affected_files(vault, op, empty_folder)?;
    // The files as they are and as they will be. For a rename done outside,
    // the vault already has the new paths: the files as they were are made
    // up, with each renamed file back at its old path.
    let relink = matches!(op, Operation::Relink { .. });
    let mut other = vault.file_index().clone();
    for f in &files {
        other.remove(if relink { f.to.as_ref().unwrap_or(&f.path) } else { &f.path });
    }
    for f in &files {
        match (&f.to, relink) {
            (Some(_), true) => other.insert(f.path.clone(), f.ix),
            (Some(to), false) => other.insert(to.clone(), f.ix),
            (None, _) => {}
        }
    }
    let (before, after) =
        if relink { (&other, vault.file_index()) } else { (vault.file_index(), &other) };
    let moved: HashSet<FileIx> = files.iter().filter(|f| f.to.is_some()).map(|f| f.ix).collect();
    let target_of: rustc_hash::FxHashMap<FileIx, Option<&VaultPath>> =
        files.iter().map(|f| (f.ix, f.to.as_ref())).collect();
    let mut keys: HashSet<String> = HashSet::default();
    for f in &files {
        keys.insert(file_key(&f.path));
        if let Some(to) = &f.to {
            keys.insert(file_key(to));
        }
    }
    let ctx =
        Context { vault, before, after, files: &files, target_of, moved, format, keys, relink };

    // The notes that can be affected: moved ones, and those with a link of
    // an affected key. Deleted notes have no links left to keep.
    let candidates: Vec<usize> = (0..vault.notes().len())
        .into_par_iter()
        .filter(|&i| {
            let n = &vault.notes()[i];
            match ctx.file(i as FileIx) {
                Some(f) => f.to.is_some(),
                None => n.links.iter().any(|l| ctx.keys.contains(&link_key(&l.link.path))),
            }
        })
        .collect();
    let looked: Vec<Result<Looked, PlanError>> = candidates
        .into_par_iter()
        .map(|i| {
            let note = &vault.notes()[i];
            let bytes = read(note).map_err(|source| PlanError::Unreadable {
                path: note.path.as_str().to_owned(),
                source,
            })?;
            // Where the note's links were written from, and where it will be.
            let (was, path_after) = match ctx.file(i as FileIx) {
                Some(File { path, to: Some(to), .. }) if ctx.relink => (path.clone(), to.clone()),
                Some(File { to: Some(to), .. }) => (note.path.clone(), to.clone()),
                _ => (note.path.clone(), note.path.clone()),
            };
            ctx.look(&note.path, was.parent(), path_after, bytes)
        })
        .collect();
    let mut notes = Vec::new();
    let mut adopted = 0;
    let mut unresolved = 0;
    for l in looked {
        let l = l?;
        adopted += l.adopted;
        unresolved += l.unresolved;
        if let Some(edit) = l.edit {
            notes.push(edit);
        }
    }
    notes.sort_by(|a, b| a.path.cmp(&b.path));
    let mut hashes = Vec::new();
    for f in files.iter().filter(|_| !relink) {
        let Some(id) = note_of(f.ix) else { continue };
        if notes.iter().any(|n| n.path == f.path) {
            continue;
        }
        let note = &vault.notes()[id];
        let bytes = read(note).map_err(|source| PlanError::Unreadable {
            path: note.path.as_str().to_owned(),
            source,
        })?;
        hashes.push((f.path.clone(), content_hash(&bytes)));
    }
    let folder = match op {
        Operation::Move { from, to } if !is_file(vault, from) => Some((from.clone(), to.clone())),
        _ => None,
    };
    // A rename done outside has happened already: nothing moves.
    let mut moves: Vec<(VaultPath, VaultPath)> = if relink {
        Vec::new()
    } else {
        files.iter().filter_map(|f| Some((f.path.clone(), f.to.clone()?))).collect()
    };
    moves.sort();
    let mut deletes: Vec<VaultPath> =
        files.iter().filter(|f| f.to.is_none()).map(|f| f.path.clone()).collect();
    deletes.sort();
    Ok(Plan { operation: op.clone(), folder, moves, deletes, notes, hashes, adopted, unresolved })
}

fn note_of(ix: FileIx) -> Option<usize> {
    (ix & ATTACHMENT_BIT == 0).then_some(ix as usize)
}

fn is_file(vault: &Vault, path: &VaultPath) -> bool {
    vault.notes().iter().any(|n| &n.path == path)
        || vault.attachments().iter().any(|a| &a.path == path)
}

/// The files `op` moves or deletes, with their new paths; checks the names.
fn affected_files(
    vault: &Vault,
    op: &Operation,
    empty_folder: bool,
) -> Result<Vec<File>, PlanError> {
    let (from, to) = match op {
        Operation::Move { from, to } => (from, Some(to)),
        Operation::Delete { path } => (path, None),
        Operation::Relink { pairs } => return relinked_files(vault, pairs),
        Operation::RenameHeading { note, .. } => {
            return Err(PlanError::NotFound { path: note.as_str().to_owned() })
        }
    };
    let all = vault.notes().iter().enumerate().map(|(i, n)| (i as FileIx, &n.path)).chain(
        vault
            .attachments()
            .iter()
            .enumerate()
            .map(|(i, a)| (ATTACHMENT_BIT | i as FileIx, &a.path)),
    );
    let prefix = format!("{}/", from.as_str());
    let mut files: Vec<File> = Vec::new();
    let mut single = false;
    for (ix, path) in all {
        let rest = if path == from {
            single = true;
            ""
        } else if let Some(rest) = path.as_str().strip_prefix(&prefix) {
            rest
        } else {
            continue;
        };
        let new = match to {
            None => None,
            Some(to) if rest.is_empty() => Some(to.clone()),
            Some(to) => {
                Some(VaultPath::new(&format!("{}/{rest}", to.as_str())).ok_or_else(|| {
                    PlanError::BadName { name: rest.to_owned(), reason: "it is not a vault path" }
                })?)
            }
        };
        files.push(File { ix, path: path.clone(), to: new });
    }
    if files.is_empty() && !empty_folder {
        return Err(PlanError::NotFound { path: from.as_str().to_owned() });
    }
    let Some(to) = to else { return Ok(files) };
    if from == to {
        return Err(PlanError::Same { from: from.as_str().into(), to: to.as_str().into() });
    }
    if !single && to.as_str().starts_with(&prefix) {
        return Err(PlanError::IntoItself { from: from.as_str().into(), to: to.as_str().into() });
    }
    // Every component the move creates is a name links must be able to say.
    let keep = common_prefix_len(from.as_str(), to.as_str());
    for name in to.as_str()[keep..].split('/') {
        check_name(name)?;
    }
    if single {
        let (old, new) = (from.is_markdown(), to.is_markdown());
        if old != new {
            return Err(PlanError::BadName {
                name: to.file_name().to_owned(),
                reason: if old {
                    "a note keeps the `.md` extension (without it, it would be an attachment)"
                } else {
                    "an attachment cannot become a note by taking `.md`"
                },
            });
        }
    }
    // Never onto an existing file: a case-only rename of the file itself is
    // the one exception (it is the same file on a disk that ignores case).
    let moving: HashSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let to_prefix = format!("{}/", to.as_str());
    for p in
        vault.notes().iter().map(|n| &n.path).chain(vault.attachments().iter().map(|a| &a.path))
    {
        let clash = p == to || p.as_str().starts_with(&to_prefix);
        if clash && !moving.contains(p.as_str()) {
            return Err(PlanError::Exists { path: p.as_str().to_owned() });
        }
    }
    Ok(files)
}

/// The files of a rename done outside: each is in the vault at its new
/// path, and its old path is free.
fn relinked_files(vault: &Vault, pairs: &[(VaultPath, VaultPath)]) -> Result<Vec<File>, PlanError> {
    let mut files = Vec::new();
    for (was, now) in pairs {
        let ix = vault
            .notes()
            .iter()
            .position(|n| &n.path == now)
            .map(|i| i as FileIx)
            .or_else(|| {
                vault
                    .attachments()
                    .iter()
                    .position(|a| &a.path == now)
                    .map(|i| ATTACHMENT_BIT | i as FileIx)
            })
            .ok_or_else(|| PlanError::NotFound { path: now.as_str().to_owned() })?;
        if vault.notes().iter().any(|n| &n.path == was)
            || vault.attachments().iter().any(|a| &a.path == was)
        {
            return Err(PlanError::Exists { path: was.as_str().to_owned() });
        }
        files.push(File { ix, path: was.clone(), to: Some(now.clone()) });
    }
    Ok(files)
}

/// The length of the folders `a` and `b` share, as a byte offset after the
/// shared folders' last `/`.
fn common_prefix_len(a: &str, b: &str) -> usize {
    let mut keep = 0;
    for ((i, x), y) in a.char_indices().zip(b.chars()) {
        if x != y {
            break;
        }
        if x == '/' {
            keep = i + 1;
        }
    }
    keep
}

/// What the planner knows while it looks at notes.
pub(super) struct Context<'a> {
    vault: &'a Vault,
    pub(super) before: &'a FileIndex,
    pub(super) after: &'a FileIndex,
    files: &'a [File],
    target_of: rustc_hash::FxHashMap<FileIx, Option<&'a VaultPath>>,
    pub(super) moved: HashSet<FileIx>,
    format: LinkFormat,
    keys: HashSet<String>,
    /// The operation is a rename done outside (the vault has the new paths).
    relink: bool,
}

/// Where a link leads: a file, or nowhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Lands {
    File(FileIx),
    Nowhere,
}

pub(super) fn lands(r: Resolution) -> Lands {
    match r {
        Resolution::Found { file, .. } => Lands::File(file),
        Resolution::Unresolved(_) => Lands::Nowhere,
    }
}

/// One note looked at.
struct Looked {
    edit: Option<NoteEdit>,
    adopted: usize,
    unresolved: usize,
}

impl Context<'_> {
    /// The affected file now at `path` (for a rename done outside).
    fn file_at(&self, path: &VaultPath) -> Option<&File> {
        self.files.iter().find(|f| f.to.as_ref() == Some(path))
    }

    fn file(&self, ix: FileIx) -> Option<&File> {
        self.target_of.get(&ix)?;
        self.files.iter().find(|f| f.ix == ix)
    }

    /// Where a link that led to `before` must lead after the operation.
    pub(super) fn expected(&self, before: Lands) -> Lands {
        match before {
            Lands::File(ix) => match self.target_of.get(&ix) {
                Some(None) => Lands::Nowhere,
                _ => Lands::File(ix),
            },
            Lands::Nowhere => Lands::Nowhere,
        }
    }

    /// Whether a link that led to `before` may lead to `after`: the
    /// expected target, or, for a link that was unresolved, a moved file
    /// now named as the link says (adopted).
    pub(super) fn allowed(&self, before: Lands, after: Lands) -> Allowed {
        let expected = self.expected(before);
        if after == expected {
            return Allowed::Same;
        }
        match (before, after) {
            (Lands::Nowhere, Lands::File(ix)) if self.moved.contains(&ix) => Allowed::Adopted,
            _ => Allowed::No,
        }
    }

    /// Reads one candidate note (now at `path`, its links written from
    /// folder `dir`) and plans its edits.
    fn look(
        &self,
        path: &VaultPath,
        dir: &str,
        path_after: VaultPath,
        bytes: Vec<u8>,
    ) -> Result<Looked, PlanError> {
        let hash = content_hash(&bytes);
        let utf8 = String::from_utf8(bytes);
        let text = match &utf8 {
            Ok(t) => std::borrow::Cow::Borrowed(t.as_str()),
            Err(e) => String::from_utf8_lossy(e.as_bytes()),
        };
        let parsed = parse::parse_note(&text);
        let new_dir = path_after.parent();
        let moved_note = dir != new_dir || self.relink && self.file_at(path).is_some();
        let mut edits: Vec<TextEdit> = Vec::new();
        let mut adopted = 0;
        let mut unresolved = 0;
        let lines = LineIndex::new(&text);
        for l in &parsed.links {
            if l.path.trim().is_empty() || (!moved_note && !self.keys.contains(&link_key(&l.path)))
            {
                continue;
            }
            let before = lands(self.before.resolve(dir, &l.path));
            let after = lands(self.after.resolve(new_dir, &l.path));
            let expected = self.expected(before);
            unresolved += usize::from(before != expected);
            let needs = match self.allowed(before, after) {
                Allowed::Same => {
                    self.case_renamed(before, &l.path)
                        || self.names_whole_path(before, &l.path, dir)
                }
                Allowed::Adopted => {
                    adopted += 1;
                    false
                }
                Allowed::No => true,
            };
            if !needs {
                continue;
            }
            let line = lines.pos(l.span.start as usize).line;
            let fail =
                |reason: String| PlanError::Link { path: path.as_str().to_owned(), line, reason };
            if utf8.is_err() {
                return Err(fail(
                    "the note is not valid UTF-8, so its links cannot be rewritten safely".into(),
                ));
            }
            let edit = self.rewrite(&text, l, dir, new_dir, before, expected).map_err(fail)?;
            edits.push(TextEdit { line, ..edit });
        }
        if edits.is_empty() {
            return Ok(Looked { edit: None, adopted, unresolved });
        }
        edits.sort_by_key(|e| e.range.start);
        let new_text = apply_edits(&text, &edits);
        check::note(self, path, dir, &path_after, &text, &new_text, &edits)?;
        Ok(Looked {
            edit: Some(NoteEdit { path: path.clone(), path_after, hash, edits, text: new_text }),
            adopted,
            unresolved,
        })
    }

    /// A link that still leads to its target but names it by the old
    /// spelling of a case-only rename (`[[redis]]` when `redis.md` becomes
    /// `Redis.md`): rewritten, as the user renamed the file to change that
    /// spelling.
    fn case_renamed(&self, before: Lands, written: &str) -> bool {
        let Lands::File(ix) = before else { return false };
        let Some(f) = self.file(ix) else { return false };
        let Some(to) = &f.to else { return false };
        let (old, new) = (f.path.file_name(), to.file_name());
        if old == new {
            return false;
        }
        let name = nfc(file_name_of(written.trim()));
        let strip = |s: &str| s.strip_suffix(".md").unwrap_or(s).to_owned();
        strip(&name) == strip(old) && strip(old).to_lowercase() == strip(new).to_lowercase()
    }

    /// Whether any link in the vault points at a heading of the note at
    /// `path` whose key is `key`.
    pub(super) fn heading_is_linked(&self, path: &VaultPath, key: &str) -> bool {
        let Some(id) = self.vault.note_by_path(path.as_str()) else { return false };
        self.vault.notes().iter().flat_map(|n| &n.links).any(|l| {
            matches!(l.target, crate::vault::Target::Note { note, .. } if note == id)
                && matches!(l.link.anchor.as_deref(), Some(link::Anchor::Heading(chain))
                    if chain.iter().any(|h| hanji_syntax::heading::key(h) == key))
        })
    }

    /// A link that still leads to a moved file but spelled out its whole old
    /// path (`[[Interview/Redis]]` when `Interview/` moves under `Career/`):
    /// rewritten to the whole new path, so it keeps its form.
    fn names_whole_path(&self, before: Lands, written: &str, dir: &str) -> bool {
        let Lands::File(ix) = before else { return false };
        let Some(File { path, to: Some(to), .. }) = self.file(ix) else { return false };
        path != to
            && matches!(
                style::form_of(written, path, dir, self.format),
                style::Form::Full | style::Form::Rooted
            )
    }

    /// The edit that makes link `l` lead to `expected`.
    fn rewrite(
        &self,
        text: &str,
        l: &Link,
        dir: &str,
        new_dir: &str,
        before: Lands,
        expected: Lands,
    ) -> Result<TextEdit, String> {
        let span = l.span.start as usize..l.span.end as usize;
        let raw = text.get(span.clone()).ok_or("the link's position is outside the note")?;
        let (range, angle) = match l.syntax {
            LinkSyntax::Wiki => (link::wiki_path_range(raw).ok_or("the link's path cannot be found in its text")?, false),
            LinkSyntax::Markdown => link::markdown_path_range(raw)
                .ok_or("a reference-style link names its target in a definition elsewhere; rename it by hand")?,
        };
        let written_raw = &raw[range.clone()];
        let written = match l.syntax {
            LinkSyntax::Wiki => written_raw.to_owned(),
            LinkSyntax::Markdown => link::decode_markdown_dest(written_raw),
        };
        if nfc(written.trim()) != nfc(l.path.trim()) {
            return Err(format!("the link's text {written_raw:?} is not what it was read as"));
        }
        let with_md = written.trim().to_lowercase().ends_with(".md");
        let new = match expected {
            Lands::File(ix) => {
                let target = self.path_after(ix).ok_or("the target is not in the vault")?;
                let old = self.path_before(before).unwrap_or(target);
                let form = style::form_of(&written, old, dir, self.format);
                style::link_text(self.after, new_dir, target, ix, form, with_md).ok_or_else(
                    || format!("no link text from {new_dir:?} leads to {}", target.as_str()),
                )?
            }
            Lands::Nowhere => {
                // A link to a deleted file that would now land on a namesake:
                // it keeps naming the deleted path, from the root.
                let old = self.path_before(before).ok_or("the link's target is unknown")?;
                let p = old.as_str();
                let p = if with_md { p } else { p.strip_suffix(".md").unwrap_or(p) };
                format!("/{p}")
            }
        };
        let new = match l.syntax {
            LinkSyntax::Wiki => new,
            LinkSyntax::Markdown => {
                let non_ascii = written_raw.is_ascii() && !written.is_ascii();
                link::encode_markdown_dest(&new, angle, non_ascii)
                    .ok_or_else(|| format!("{new:?} cannot be written in this Markdown link"))?
            }
        };
        let start = span.start + range.start;
        Ok(TextEdit {
            range: start..span.start + range.end,
            line: 0,
            old: written_raw.to_owned(),
            new,
        })
    }

    fn path_after(&self, ix: FileIx) -> Option<&VaultPath> {
        match self.target_of.get(&ix) {
            Some(to) => *to,
            None => self.path_now(ix),
        }
    }

    fn path_before(&self, before: Lands) -> Option<&VaultPath> {
        let Lands::File(ix) = before else { return None };
        self.file(ix).map(|f| &f.path).or_else(|| self.path_now(ix))
    }

    /// The path of file `ix` before the operation.
    fn path_now(&self, ix: FileIx) -> Option<&VaultPath> {
        match note_of(ix) {
            Some(i) => self.vault.notes().get(i).map(|n| &n.path),
            None => self.vault.attachments().get((ix & !ATTACHMENT_BIT) as usize).map(|a| &a.path),
        }
    }
}

/// `text` with `edits` (in text order, not overlapping) made.
pub(super) fn apply_edits(text: &str, edits: &[TextEdit]) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    let mut at = 0;
    for e in edits {
        out.push_str(&text[at..e.range.start]);
        out.push_str(&e.new);
        at = e.range.end;
    }
    out.push_str(&text[at..]);
    out
}

/// Whether a link's new target is acceptable.
pub(super) enum Allowed {
    Same,
    Adopted,
    No,
}
