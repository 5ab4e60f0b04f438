//! Carrying out a plan on disk, all-or-nothing, and undoing it.
//!
//! A [`Plan`] becomes a change set (folders to make, new contents, steps,
//! and what the disk must hold for it to go ahead), which `journal` runs in
//! its two phases. Before the commit, the record that undoes the change is
//! written to the cache folder (the old content of every note it rewrites
//! or deletes for good, and the steps back); [`undo`] applies that record
//! as a change set of its own, over exactly what the operation left, and
//! refuses if anything changed since.
//!
//! This module writes only inside the vault (temporaries beside their
//! notes, renames, removals the plan lists) and inside the cache folder it
//! is given (the journal and the undo records).

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use serde::{Deserialize, Serialize};

use crate::cache::content_hash;
use crate::path::VaultPath;
use crate::settings::TrashOption;

use super::journal::{self, Journal, State, Step};
use super::plan::Plan;

/// How many operations can be undone, newest first.
const UNDO_KEPT: usize = 20;

/// Applying or undoing failed. Before the commit nothing changed; after it
/// (only [`ApplyError::Step`]) the journal stays, and the next open
/// finishes the change.
#[derive(Debug, thiserror::Error)]
pub enum ApplyError {
    #[error("{path} changed on disk since the plan was made; nothing was changed")]
    Changed { path: PathBuf },
    #[error("{path} is missing; nothing was changed")]
    Missing { path: PathBuf },
    #[error("{path} already exists; nothing was changed")]
    Exists { path: PathBuf },
    #[error("{path}: {source}; nothing was changed")]
    Prepare {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("the change was committed but a step failed ({source}); it is finished the next time the vault opens")]
    Step {
        #[source]
        source: io::Error,
    },
    #[error("another change to this vault did not finish and could not be completed: {source}")]
    Recover {
        #[source]
        source: io::Error,
    },
    #[error("there is nothing to undo")]
    NothingToUndo,
    #[error("cannot read the undo record {path}: {source}")]
    UndoRecord {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
}

/// What the disk must hold at a path for a change set to go ahead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "is", rename_all = "snake_case")]
enum Expect {
    Hash { hash: u64 },
    Present,
    Absent,
}

/// A new content to put at `path` (relative to the root, after the renames).
#[derive(Debug, Clone)]
struct Write {
    path: PathBuf,
    bytes: Vec<u8>,
}

/// A change set: what `journal` runs.
#[derive(Debug, Clone, Default)]
struct Changes {
    /// Folders to make, shallowest first.
    mkdirs: Vec<PathBuf>,
    renames: Vec<(PathBuf, PathBuf)>,
    writes: Vec<Write>,
    removes: Vec<(PathBuf, u64)>,
    /// Folders to remove afterwards if empty, deepest first.
    rmdirs: Vec<PathBuf>,
    checks: Vec<(PathBuf, Expect)>,
    /// Files outside the vault written during prepare (the system trash's
    /// info files): deleted if the change is rolled back, kept otherwise.
    extra: Vec<(PathBuf, Vec<u8>)>,
    /// What the user should know (the system trash was not usable).
    warnings: Vec<String>,
}

/// What applying did.
#[derive(Debug, Clone)]
pub struct Applied {
    /// Every path of the vault that changed (old and new places), relative
    /// to the root: what a live vault must look at again.
    pub touched: Vec<PathBuf>,
    /// What the user should know (a delete went to `.trash/` because the
    /// system trash is on another file system).
    pub warnings: Vec<String>,
}

/// An undo record, as stored (contents in files beside it).
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Record {
    /// What the operation was, for a menu item (`Rename "a" to "b"`).
    label: String,
    mkdirs: Vec<PathBuf>,
    renames: Vec<(PathBuf, PathBuf)>,
    /// Paths whose old content is stored, one after another, in
    /// `contents.bin`, with the length of each.
    writes: Vec<PathBuf>,
    lengths: Vec<u64>,
    rmdirs: Vec<PathBuf>,
    checks: Vec<(PathBuf, Expect)>,
    /// Files outside the vault to remove (a system trash's info file), by hash.
    #[serde(default)]
    removes: Vec<(PathBuf, u64)>,
}

/// A vault path's place relative to the root: its name on disk when the
/// vault knows one (a Hangul name written in NFD), else the path itself.
fn rel(root: &Path, disk: Option<&PathBuf>, path: &VaultPath) -> PathBuf {
    disk.and_then(|d| d.strip_prefix(root).ok().map(Path::to_owned))
        .unwrap_or_else(|| PathBuf::from(path.as_str()))
}

/// A name for a temporary file in folder `dir` no other write uses.
fn temp_in(dir: &Path, name: &str) -> PathBuf {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    dir.join(format!(".{name}.{}-{n}.hanji-tmp", std::process::id()))
}

/// Where `p` (a place after `renames`) is before them: folder renames
/// undone, newest first.
fn before_renames(p: &Path, renames: &[(PathBuf, PathBuf)]) -> PathBuf {
    let mut p = p.to_owned();
    for (from, to) in renames.iter().rev() {
        if let Ok(rest) = p.strip_prefix(to) {
            p = if rest.as_os_str().is_empty() { from.clone() } else { from.join(rest) };
        }
    }
    p
}

/// Two names the disk may take for one (differing in case or in Unicode
/// form only): renamed through a temporary name, which works whether the
/// file system tells them apart or not.
fn same_on_some_disks(a: &Path, b: &Path) -> bool {
    let norm = |p: &Path| crate::text::nfc(&p.to_string_lossy()).to_lowercase();
    norm(a) == norm(b)
}

fn push_rename(c: &mut Changes, from: PathBuf, to: PathBuf) {
    if same_on_some_disks(&from, &to) {
        let name = to.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let via = temp_in(to.parent().unwrap_or(Path::new("")), &name);
        c.renames.push((from, via.clone()));
        c.renames.push((via, to));
    } else {
        c.renames.push((from, to));
    }
}

/// Folders `dir` needs made, shallowest first, that do not exist yet.
fn missing_folders(root: &Path, dir: &Path, c: &mut Changes) {
    let mut missing = Vec::new();
    let mut d = Some(dir);
    while let Some(x) = d.filter(|x| !x.as_os_str().is_empty()) {
        if root.join(x).exists() || c.mkdirs.iter().any(|m| m == x) {
            break;
        }
        missing.push(x.to_owned());
        d = x.parent();
    }
    c.mkdirs.extend(missing.into_iter().rev());
}

/// A free name in the vault's `.trash/` for `name`: `name`, else
/// `name 1`, `name 2`… before the extension, as Obsidian does.
fn trash_name(root: &Path, name: &str, taken: &[PathBuf]) -> PathBuf {
    let (stem, ext) = match name.rfind('.') {
        Some(i) if i > 0 => (&name[..i], &name[i..]),
        _ => (name, ""),
    };
    (0..)
        .map(|n| {
            let candidate = if n == 0 { name.to_owned() } else { format!("{stem} {n}{ext}") };
            PathBuf::from(".trash").join(candidate)
        })
        .find(|p| !root.join(p).exists() && !taken.contains(p))
        .unwrap_or_else(|| PathBuf::from(".trash").join(name))
}

/// The change set of a plan. `disk` gives a vault path's real place, when
/// it differs from the path.
fn changes(
    root: &Path,
    plan: &Plan,
    disk: &dyn Fn(&VaultPath) -> Option<PathBuf>,
    trash: TrashOption,
) -> io::Result<Changes> {
    let mut c = Changes::default();
    let place = |p: &VaultPath| rel(root, disk(p).as_ref(), p);
    match &plan.folder {
        Some((from, to)) => {
            let to_rel = PathBuf::from(to.as_str());
            missing_folders(root, to_rel.parent().unwrap_or(Path::new("")), &mut c);
            c.checks.push((to_rel.clone(), Expect::Absent));
            // The folder as the disk spells it (a name written in NFD on
            // disk is NFC in the vault): found through a file under it.
            let from_rel = folder_place(root, plan, from, disk);
            c.checks.push((from_rel.clone(), Expect::Present));
            push_rename(&mut c, from_rel, to_rel);
        }
        None => {
            for (from, to) in &plan.moves {
                let to_rel = PathBuf::from(to.as_str());
                missing_folders(root, to_rel.parent().unwrap_or(Path::new("")), &mut c);
                if !same_on_some_disks(&place(from), &to_rel) {
                    c.checks.push((to_rel.clone(), Expect::Absent));
                }
                push_rename(&mut c, place(from), to_rel);
            }
        }
    }
    for (path, hash) in &plan.hashes {
        if plan.moves.iter().any(|(f, _)| f == path) || plan.deletes.contains(path) {
            c.checks.push((place(path), Expect::Hash { hash: *hash }));
        }
    }
    for (from, _) in &plan.moves {
        if !plan.hashes.iter().any(|(p, _)| p == from)
            && !plan.notes.iter().any(|n| &n.path == from)
        {
            c.checks.push((place(from), Expect::Present));
        }
    }
    for n in &plan.notes {
        c.checks.push((place(&n.path), Expect::Hash { hash: n.hash }));
        let final_place = if n.path == n.path_after {
            place(&n.path)
        } else {
            PathBuf::from(n.path_after.as_str())
        };
        c.writes.push(Write { path: final_place, bytes: n.text.clone().into_bytes() });
    }
    if !plan.deletes.is_empty() {
        let gone: Vec<&VaultPath> = match &plan.operation {
            super::Operation::Delete { path } if !plan.deletes.contains(path) => vec![path],
            _ => plan.deletes.iter().collect(),
        };
        let system = match trash {
            TrashOption::System => {
                let found = super::trash::SystemTrash::for_vault(root);
                if found.is_none() {
                    c.warnings.push(
                        "the system trash is not on the vault's disk: deleted into the vault's .trash/ instead"
                            .to_owned(),
                    );
                }
                found
            }
            _ => None,
        };
        // What goes to a trash: each deleted file, or the folder as one; with its name.
        let sources = gone.into_iter().map(|p| {
            let from =
                if plan.deletes.contains(p) { place(p) } else { folder_place(root, plan, p, disk) };
            let name =
                from.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            (from, name)
        });
        match (trash, system) {
            (TrashOption::System, Some(system)) => {
                let mut taken = Vec::new();
                for (from, name) in sources {
                    let (file, info) = system.reserve(&name, &taken);
                    taken.push(file.clone());
                    let original =
                        std::path::absolute(root.join(&from)).unwrap_or(root.join(&from));
                    c.extra.push((info, super::trash::info_text(&original).into_bytes()));
                    c.checks.push((from.clone(), Expect::Present));
                    c.renames.push((from, file));
                }
            }
            (TrashOption::Local | TrashOption::System, _) => {
                let mut taken = Vec::new();
                for (from, name) in sources {
                    let to = trash_name(root, &name, &taken);
                    taken.push(to.clone());
                    if !root.join(".trash").exists()
                        && !c.mkdirs.iter().any(|m| m == Path::new(".trash"))
                    {
                        c.mkdirs.push(PathBuf::from(".trash"));
                    }
                    c.checks.push((from.clone(), Expect::Present));
                    c.renames.push((from, to));
                }
            }
            (TrashOption::None, _) => {
                for p in &plan.deletes {
                    let at = place(p);
                    let bytes = fs::read(root.join(&at))?;
                    c.removes.push((at, content_hash(&bytes)));
                }
                if let super::Operation::Delete { path } = &plan.operation {
                    if !plan.deletes.contains(path) {
                        c.rmdirs.push(folder_place(root, plan, path, disk));
                    }
                }
            }
        }
    }
    Ok(c)
}

/// The real place of a folder the plan names: taken from a file under it
/// whose name on disk is known, else the path as written.
fn folder_place(
    root: &Path,
    plan: &Plan,
    folder: &VaultPath,
    disk: &dyn Fn(&VaultPath) -> Option<PathBuf>,
) -> PathBuf {
    let prefix = format!("{}/", folder.as_str());
    let files = plan.moves.iter().map(|(f, _)| f).chain(&plan.deletes);
    for f in files {
        let Some(rest) = f.as_str().strip_prefix(&prefix) else { continue };
        if let Some(d) = disk(f) {
            let mut p = d.strip_prefix(root).map(Path::to_owned).unwrap_or(d.clone());
            for _ in 0..rest.split('/').count() {
                p.pop();
            }
            return p;
        }
    }
    PathBuf::from(folder.as_str())
}

/// Applies `plan` to the vault at `root`, with its journal and undo records
/// in `ops_dir`. `disk` gives a vault path's real place on disk when it
/// differs from the path (see `Vault::disk_path`).
pub fn apply(
    root: &Path,
    ops_dir: &Path,
    plan: &Plan,
    disk: &dyn Fn(&VaultPath) -> Option<PathBuf>,
    trash: TrashOption,
) -> Result<Applied, ApplyError> {
    let _lock = journal::lock(ops_dir)
        .map_err(|source| ApplyError::Prepare { path: ops_dir.to_owned(), source })?;
    journal::recover_locked(root, ops_dir).map_err(|source| ApplyError::Recover { source })?;
    let c = changes(root, plan, disk, trash)
        .map_err(|source| ApplyError::Prepare { path: root.to_owned(), source })?;
    let record = undo_record(root, &c, plan.operation.label())?;
    run(root, ops_dir, &c, Some(record))
}

/// The record that undoes `c`, with the old contents it needs.
fn undo_record(
    root: &Path,
    c: &Changes,
    label: String,
) -> Result<(Record, Vec<Vec<u8>>), ApplyError> {
    let mut renames: Vec<(PathBuf, PathBuf)> =
        c.renames.iter().rev().map(|(a, b)| (b.clone(), a.clone())).collect();
    renames.dedup();
    let mut writes = Vec::new();
    let mut contents = Vec::new();
    let mut checks = Vec::new();
    for w in &c.writes {
        // Where the old content was read from, and where it goes back.
        let old_place = unrename_file(&w.path, &c.renames);
        let bytes = fs::read(root.join(&old_place))
            .map_err(|source| ApplyError::Prepare { path: root.join(&old_place), source })?;
        checks.push((w.path.clone(), Expect::Hash { hash: content_hash(&w.bytes) }));
        writes.push(old_place);
        contents.push(bytes);
    }
    for (at, _) in &c.removes {
        let bytes = fs::read(root.join(at))
            .map_err(|source| ApplyError::Prepare { path: root.join(at), source })?;
        checks.push((at.clone(), Expect::Absent));
        writes.push(at.clone());
        contents.push(bytes);
    }
    for (_, to) in &c.renames {
        if !c.renames.iter().any(|(f, _)| f == to) {
            checks.push((to.clone(), Expect::Present));
        }
    }
    let rmdirs = c.mkdirs.iter().rev().cloned().collect();
    let lengths = contents.iter().map(|c| c.len() as u64).collect();
    let removes = c.extra.iter().map(|(p, bytes)| (p.clone(), content_hash(bytes))).collect();
    Ok((
        Record { label, mkdirs: Vec::new(), renames, writes, lengths, rmdirs, checks, removes },
        contents,
    ))
}

/// Where the file now at `p` was before the renames, file renames included.
fn unrename_file(p: &Path, renames: &[(PathBuf, PathBuf)]) -> PathBuf {
    let mut p = p.to_owned();
    for (from, to) in renames.iter().rev() {
        if &p == to {
            p = from.clone();
        } else if let Ok(rest) = p.strip_prefix(to) {
            p = from.join(rest);
        }
    }
    p
}

fn io_at(path: &Path) -> impl FnOnce(io::Error) -> ApplyError + '_ {
    move |source| ApplyError::Prepare { path: path.to_owned(), source }
}

/// Runs a change set: prepare, commit, steps. `record` is stored (as the
/// newest undo) before the commit.
fn run(
    root: &Path,
    ops_dir: &Path,
    c: &Changes,
    record: Option<(Record, Vec<Vec<u8>>)>,
) -> Result<Applied, ApplyError> {
    // The temporaries: beside each write's final place, made where that
    // folder is before the renames (a note in a moved folder travels with it).
    let temps: Vec<(PathBuf, PathBuf)> = c
        .writes
        .iter()
        .map(|w| {
            let dir = w.path.parent().unwrap_or(Path::new("")).to_owned();
            let name =
                w.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let after = temp_in(&dir, &name);
            (before_renames(&after, &c.renames), after)
        })
        .collect();
    let mut steps: Vec<Step> = c
        .renames
        .iter()
        .map(|(from, to)| Step::Rename { from: from.clone(), to: to.clone() })
        .collect();
    for ((_, after), w) in temps.iter().zip(&c.writes) {
        steps.push(Step::Replace { temp: after.clone(), path: w.path.clone() });
    }
    for (path, hash) in &c.removes {
        steps.push(Step::Remove { path: path.clone(), hash: *hash });
    }
    for d in &c.rmdirs {
        steps.push(Step::RemoveEmptyFolder { path: d.clone() });
    }
    let mut j = Journal {
        state: State::Prepared,
        temps: temps
            .iter()
            .map(|(now, _)| now.clone())
            .chain(c.extra.iter().map(|(p, _)| p.clone()))
            .collect(),
        made: c.mkdirs.clone(),
        steps,
    };
    journal::save(ops_dir, &j).map_err(io_at(ops_dir))?;
    let prepared = prepare(root, ops_dir, c, &temps, record);
    let undo_dir = match prepared {
        Ok(dir) => dir,
        Err(e) => {
            // Nothing in the vault changed but the temporaries and folders
            // made for them: roll back now rather than at the next open.
            let _ = journal::recover_locked(root, ops_dir);
            return Err(e);
        }
    };
    j.state = State::Committed;
    if let Err(source) = journal::save(ops_dir, &j) {
        let _ = journal::recover_locked(root, ops_dir);
        if let Some(d) = undo_dir {
            let _ = fs::remove_dir_all(d);
        }
        return Err(ApplyError::Prepare { path: journal::path(ops_dir), source });
    }
    pause();
    let mut touched: Vec<PathBuf> = Vec::new();
    let mut dirs = Vec::new();
    for step in &j.steps {
        journal::run(root, step).map_err(|source| ApplyError::Step { source })?;
        dirs.extend(journal::folders(root, step));
        match step {
            Step::Rename { from, to } => touched.extend([from.clone(), to.clone()]),
            Step::Replace { path, .. } | Step::Remove { path, .. } => touched.push(path.clone()),
            Step::RemoveEmptyFolder { path } => touched.push(path.clone()),
        }
        pause();
    }
    dirs.sort();
    dirs.dedup();
    for d in &dirs {
        journal::sync_dir(d);
    }
    journal::remove(ops_dir).map_err(|source| ApplyError::Step { source })?;
    touched.retain(|p| !p.to_string_lossy().contains(".hanji-tmp") && p.is_relative());
    touched.sort();
    touched.dedup();
    Ok(Applied { touched, warnings: c.warnings.clone() })
}

/// Prepare: folders, temporaries (fsynced), the undo record, then the
/// checks, last, so the window before the commit is as small as it can be.
/// Returns the undo record's folder.
fn prepare(
    root: &Path,
    ops_dir: &Path,
    c: &Changes,
    temps: &[(PathBuf, PathBuf)],
    record: Option<(Record, Vec<Vec<u8>>)>,
) -> Result<Option<PathBuf>, ApplyError> {
    for d in &c.mkdirs {
        fs::create_dir(root.join(d))
            .or_else(|e| if e.kind() == io::ErrorKind::AlreadyExists { Ok(()) } else { Err(e) })
            .map_err(io_at(&root.join(d)))?;
        pause();
    }
    for (path, bytes) in &c.extra {
        let written = (|| {
            use std::io::Write as _;
            let mut f = fs::OpenOptions::new().write(true).create_new(true).open(path)?;
            f.write_all(bytes)?;
            f.sync_all()
        })();
        written.map_err(io_at(path))?;
    }
    // In parallel, on more threads than cores: each temporary is fsynced,
    // and a thread waiting for the disk uses no CPU.
    use rayon::prelude::*;
    let pool = rayon::ThreadPoolBuilder::new().num_threads(16).build().ok();
    let write_all = || {
        temps.par_iter().zip(&c.writes).try_for_each(|((now, _), w)| {
            let at = root.join(now);
            let written = (|| {
                use std::io::Write as _;
                let mut f = fs::OpenOptions::new().write(true).create_new(true).open(&at)?;
                f.write_all(&w.bytes)?;
                // The note's permission bits go with its new content.
                if let Ok(meta) = fs::metadata(root.join(unrename_file(&w.path, &c.renames))) {
                    f.set_permissions(meta.permissions())?;
                }
                f.sync_all()
            })();
            pause();
            written.map_err(io_at(&at))
        })
    };
    match &pool {
        Some(pool) => pool.install(write_all)?,
        None => write_all()?,
    }
    let undo_dir = match record {
        Some((record, contents)) => {
            Some(save_record(ops_dir, &record, &contents).map_err(io_at(ops_dir))?)
        }
        None => None,
    };
    for (path, expect) in &c.checks {
        let at = root.join(path);
        let ok = match expect {
            Expect::Absent => fs::symlink_metadata(&at).is_err(),
            Expect::Present => fs::symlink_metadata(&at).is_ok(),
            Expect::Hash { hash } => match fs::read(&at) {
                Ok(bytes) => content_hash(&bytes) == *hash,
                Err(_) => false,
            },
        };
        if !ok {
            if let Some(d) = &undo_dir {
                let _ = fs::remove_dir_all(d);
            }
            return Err(match expect {
                Expect::Absent => ApplyError::Exists { path: at },
                Expect::Present => ApplyError::Missing { path: at },
                Expect::Hash { .. } if fs::symlink_metadata(&at).is_err() => {
                    ApplyError::Missing { path: at }
                }
                Expect::Hash { .. } => ApplyError::Changed { path: at },
            });
        }
    }
    Ok(undo_dir)
}

fn undo_root(ops_dir: &Path) -> PathBuf {
    ops_dir.join("undo")
}

/// The undo records, oldest first (folder names are increasing numbers).
fn records(ops_dir: &Path) -> Vec<PathBuf> {
    let mut found: Vec<(u64, PathBuf)> = fs::read_dir(undo_root(ops_dir))
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| Some((e.file_name().to_str()?.parse().ok()?, e.path())))
        .collect();
    found.sort();
    found.into_iter().map(|(_, p)| p).collect()
}

fn save_record(ops_dir: &Path, record: &Record, contents: &[Vec<u8>]) -> io::Result<PathBuf> {
    let existing = records(ops_dir);
    let next = existing
        .last()
        .and_then(|p| p.file_name()?.to_str()?.parse::<u64>().ok())
        .map_or(1, |n| n + 1);
    let dir = undo_root(ops_dir).join(format!("{next:08}"));
    fs::create_dir_all(&dir)?;
    // One file for every old content: one fsync, not one per note.
    journal::write_durably(&dir.join("contents.bin"), &contents.concat())?;
    let json = serde_json::to_vec_pretty(record).map_err(io::Error::other)?;
    journal::write_durably(&dir.join("record.json"), &json)?;
    for old in existing.iter().rev().skip(UNDO_KEPT - 1) {
        let _ = fs::remove_dir_all(old);
    }
    Ok(dir)
}

/// What the newest undo record would undo (its label), if any.
pub fn undo_label(ops_dir: &Path) -> Option<String> {
    let dir = records(ops_dir).pop()?;
    let bytes = fs::read(dir.join("record.json")).ok()?;
    serde_json::from_slice::<Record>(&bytes).ok().map(|r| r.label)
}

/// Undoes the newest operation still on record: every file it moved goes
/// back, every note it rewrote or deleted gets its old content, all at
/// once; refused (nothing changed) when any of those files changed since.
pub fn undo(root: &Path, ops_dir: &Path) -> Result<(String, Applied), ApplyError> {
    let _lock = journal::lock(ops_dir)
        .map_err(|source| ApplyError::Prepare { path: ops_dir.to_owned(), source })?;
    journal::recover_locked(root, ops_dir).map_err(|source| ApplyError::Recover { source })?;
    let dir = records(ops_dir).pop().ok_or(ApplyError::NothingToUndo)?;
    let record_err = |source| ApplyError::UndoRecord { path: dir.clone(), source };
    let bytes = fs::read(dir.join("record.json")).map_err(record_err)?;
    let record: Record = serde_json::from_slice(&bytes)
        .map_err(|e| ApplyError::UndoRecord { path: dir.clone(), source: io::Error::other(e) })?;
    let all = fs::read(dir.join("contents.bin"))
        .map_err(|source| ApplyError::UndoRecord { path: dir.clone(), source })?;
    let mut writes = Vec::new();
    let mut at = 0usize;
    for (path, &len) in record.writes.iter().zip(&record.lengths) {
        let end = at.saturating_add(len as usize);
        let bytes = all.get(at..end).ok_or_else(|| ApplyError::UndoRecord {
            path: dir.clone(),
            source: io::Error::new(
                io::ErrorKind::InvalidData,
                "contents.bin is shorter than its record",
            ),
        })?;
        writes.push(Write { path: path.clone(), bytes: bytes.to_vec() });
        at = end;
    }
    // A note rewritten in place is replaced by its old content; the check
    // that it holds what the operation wrote is in the record.
    let c = Changes {
        mkdirs: record.mkdirs.clone(),
        renames: record.renames.clone(),
        writes,
        removes: record.removes.clone(),
        rmdirs: record.rmdirs.clone(),
        checks: record.checks.clone(),
        extra: Vec::new(),
        warnings: Vec::new(),
    };
    let applied = run(root, ops_dir, &c, None)?;
    let _ = fs::remove_dir_all(&dir);
    Ok((record.label, applied))
}

/// Test hook for the crash test: with `HANJI_OPS_PAUSE_US` set, every step
/// of applying waits that long, so a test can kill the process at a random
/// moment of a long apply. Unset (always, outside that test), it does
/// nothing.
fn pause() {
    static PAUSE: std::sync::OnceLock<u64> = std::sync::OnceLock::new();
    let us = *PAUSE.get_or_init(|| {
        std::env::var("HANJI_OPS_PAUSE_US").ok().and_then(|v| v.parse().ok()).unwrap_or(0)
    });
    if us > 0 {
        std::thread::sleep(std::time::Duration::from_micros(us));
    }
}
