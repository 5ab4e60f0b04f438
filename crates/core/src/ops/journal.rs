//! The journal that makes applying a change set all-or-nothing.
//!
//! A change set is carried out in two phases. *Prepare*: the journal is
//! written (state `prepared`, naming the temporary files about to be
//! made), then every new content is written to a temporary file beside its
//! final place and fsynced, and the files the set expects are checked.
//! *Commit*: the journal is rewritten with state `committed`, atomically and
//! fsynced; from that moment the change will happen. Then the steps run in
//! order (renames, temporaries over their notes, removals), the folders
//! touched are fsynced, and the journal is deleted.
//!
//! If the process dies (kill -9, a power cut), [`recover`] at the next open
//! looks at the journal: `prepared` is rolled back (the temporaries are
//! deleted, the folders made for them removed if empty; nothing else was
//! touched), `committed` is rolled forward (every step is idempotent: a
//! rename already done, a temporary already moved, a file already removed
//! is skipped). So every file ends entirely old or entirely new.
//!
//! Paths in the journal are relative to the vault root (real disk names).

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// One step of a committed change set; each can be done again safely.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub(crate) enum Step {
    /// Rename the file or folder `from` to `to`.
    Rename { from: PathBuf, to: PathBuf },
    /// Move the prepared temporary file over `path`.
    Replace { temp: PathBuf, path: PathBuf },
    /// Delete the file `path`, if it still holds the content hashed `hash`.
    Remove { path: PathBuf, hash: u64 },
    /// Remove the folder `path` if it is empty.
    RemoveEmptyFolder { path: PathBuf },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum State {
    Prepared,
    Committed,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Journal {
    pub(crate) state: State,
    /// Where the temporary files are made during prepare (before any
    /// rename), for rolling back.
    pub(crate) temps: Vec<PathBuf>,
    /// Folders made during prepare, deepest last, for rolling back.
    pub(crate) made: Vec<PathBuf>,
    pub(crate) steps: Vec<Step>,
}

/// What recovering a journal did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recovery {
    /// The change had not been committed: the vault is as before it.
    RolledBack,
    /// The change had been committed: it is now complete.
    Finished,
}

pub(crate) fn path(ops_dir: &Path) -> PathBuf {
    ops_dir.join("journal.json")
}

/// How long to wait for another process (the app, `hanji mv`) to finish
/// changing files of the same vault.
pub const LOCK_WAIT: std::time::Duration = std::time::Duration::from_secs(10);

/// Holds the vault's file-operation lock (a file lock on `ops/lock`): one
/// change set at a time per vault, across processes, and no recovery of a
/// journal that another live process is still carrying out. Released when
/// dropped (or when the process dies).
pub(crate) struct Lock {
    _file: File,
}

pub(crate) fn lock(ops_dir: &Path) -> io::Result<Lock> {
    fs::create_dir_all(ops_dir)?;
    let file =
        OpenOptions::new().create(true).truncate(false).write(true).open(ops_dir.join("lock"))?;
    let started = std::time::Instant::now();
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(Lock { _file: file }),
            Err(fs::TryLockError::WouldBlock) if started.elapsed() < LOCK_WAIT => {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            Err(fs::TryLockError::WouldBlock) => {
                return Err(io::Error::new(
                    io::ErrorKind::WouldBlock,
                    "another Hanji process is changing files of this vault",
                ))
            }
            Err(fs::TryLockError::Error(e)) => return Err(e),
        }
    }
}

/// Writes `bytes` to `path` atomically and durably (temporary beside it,
/// fsync, rename, fsync of the folder).
pub(crate) fn write_durably(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let tmp = path.with_extension("tmp");
    {
        let mut f = OpenOptions::new().write(true).create(true).truncate(true).open(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
    }
    fs::rename(&tmp, path)?;
    sync_dir(dir);
    Ok(())
}

/// Fsyncs a folder, so renames in it survive a power cut. Best effort: a
/// file system that cannot sync folders has made them durable already.
pub(crate) fn sync_dir(dir: &Path) {
    let _ = File::open(dir).and_then(|d| d.sync_all());
}

pub(crate) fn save(ops_dir: &Path, journal: &Journal) -> io::Result<()> {
    let bytes = serde_json::to_vec_pretty(journal).map_err(io::Error::other)?;
    write_durably(&path(ops_dir), &bytes)
}

pub(crate) fn load(ops_dir: &Path) -> io::Result<Option<Journal>> {
    match fs::read(path(ops_dir)) {
        Ok(bytes) => serde_json::from_slice(&bytes)
            .map(Some)
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

pub(crate) fn remove(ops_dir: &Path) -> io::Result<()> {
    match fs::remove_file(path(ops_dir)) {
        Ok(()) => {
            sync_dir(ops_dir);
            Ok(())
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}

fn exists(p: &Path) -> bool {
    fs::symlink_metadata(p).is_ok()
}

/// Runs one committed step; done already is fine.
pub(crate) fn run(root: &Path, step: &Step) -> io::Result<()> {
    match step {
        Step::Rename { from, to } => {
            let (from, to) = (root.join(from), root.join(to));
            if exists(&from) && !exists(&to) {
                fs::rename(&from, &to)?;
            } else if exists(&from) && exists(&to) {
                return Err(io::Error::new(
                    io::ErrorKind::AlreadyExists,
                    format!("{} appeared while it was being moved to; left as it is", to.display()),
                ));
            }
            // Only `to` exists: done already.
        }
        Step::Replace { temp, path } => {
            let temp = root.join(temp);
            if exists(&temp) {
                fs::rename(&temp, root.join(path))?;
            }
        }
        Step::Remove { path, hash } => {
            let path = root.join(path);
            if let Ok(bytes) = fs::read(&path) {
                if crate::cache::content_hash(&bytes) == *hash {
                    fs::remove_file(&path)?;
                }
            }
        }
        Step::RemoveEmptyFolder { path } => {
            // `remove_dir` only removes an empty folder.
            let _ = fs::remove_dir(root.join(path));
        }
    }
    Ok(())
}

/// The folders a step touched, to be fsynced.
pub(crate) fn folders(root: &Path, step: &Step) -> Vec<PathBuf> {
    let parent = |p: &Path| root.join(p).parent().map(Path::to_owned);
    match step {
        Step::Rename { from, to } => [parent(from), parent(to)].into_iter().flatten().collect(),
        Step::Replace { path, .. } | Step::Remove { path, .. } => {
            parent(path).into_iter().collect()
        }
        Step::RemoveEmptyFolder { path } => parent(path).into_iter().collect(),
    }
}

/// Finishes or rolls back the change set a dead process left, if any
/// (waiting while a live one is still carrying its own out).
pub fn recover(root: &Path, ops_dir: &Path) -> io::Result<Option<Recovery>> {
    if !path(ops_dir).exists() {
        return Ok(None);
    }
    let _lock = lock(ops_dir)?;
    recover_locked(root, ops_dir)
}

/// [`recover`], the lock held by the caller.
pub(crate) fn recover_locked(root: &Path, ops_dir: &Path) -> io::Result<Option<Recovery>> {
    let Some(journal) = load(ops_dir)? else { return Ok(None) };
    let outcome = match journal.state {
        State::Prepared => {
            for t in &journal.temps {
                match fs::remove_file(root.join(t)) {
                    Ok(()) => {}
                    Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                    Err(e) => return Err(e),
                }
            }
            for d in journal.made.iter().rev() {
                let _ = fs::remove_dir(root.join(d));
            }
            Recovery::RolledBack
        }
        State::Committed => {
            let mut touched = Vec::new();
            for step in &journal.steps {
                run(root, step)?;
                touched.extend(folders(root, step));
            }
            touched.sort();
            touched.dedup();
            for d in &touched {
                sync_dir(d);
            }
            Recovery::Finished
        }
    };
    remove(ops_dir)?;
    Ok(Some(outcome))
}
