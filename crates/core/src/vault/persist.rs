//! The vault's persistence: opening a vault from its metadata cache and
//! writing what changed back to it. The model (`vault`'s other modules)
//! knows nothing of SQLite; this module is where the two meet, and the
//! dependency goes one way only: `vault::persist` uses `cache`, and `cache`
//! never uses `vault` (it stores rows of parse results, paths and encoded
//! links).
//!
//! Architecture Invariant: a cache failure never fails an open. A damaged
//! cache is rebuilt, a busy one is bypassed (the notes are read from disk),
//! and what could not be written is a warning in the [`CacheReport`].

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::read::{load_one, Loaded};
use super::{Update, Vault};
use crate::cache::{Cache, CacheError, CacheRow, CacheWrite};
use crate::error::VaultError;
use crate::path::VaultPath;
use crate::progress::Progress;
use crate::scan;
use crate::NoteId;

/// A vault opened from its cache ([`Vault::open_cached`]).
pub enum Opened {
    /// The cache was empty or unusable: the vault was loaded from disk.
    Verified(Vault, CacheReport),
    /// Restored from the cache and usable, not yet compared with the disk.
    Restored(Restored),
}

/// A vault restored from its cache, to be compared with the disk.
pub struct Restored {
    pub vault: Vault,
    /// Notes whose stored links could not be used.
    stale: Vec<VaultPath>,
    report: CacheReport,
}

impl Restored {
    /// Lists the folder and applies what changed since the cache was
    /// written (new, changed and deleted files) as live updates, which
    /// resolve again only the links they can affect; ids are put back in
    /// path order and the cache gets the new rows and links.
    pub fn verify(&mut self, cache: &mut Cache) -> CacheReport {
        let pending = Pending {
            stale: std::mem::take(&mut self.stale),
            report: std::mem::take(&mut self.report),
        };
        pending.verify(&mut self.vault, cache).1
    }

    /// The restored vault, and the comparison with the disk it still owes,
    /// apart: a caller can answer from one copy of the vault while another
    /// is verified ([`Pending::verify`]).
    pub fn defer(self) -> (Vault, Pending) {
        (self.vault, Pending { stale: self.stale, report: self.report })
    }
}

/// The comparison with the disk that a restored vault still owes.
#[derive(Debug)]
pub struct Pending {
    /// Notes whose stored links could not be used.
    stale: Vec<VaultPath>,
    report: CacheReport,
}

impl Pending {
    /// [`Restored::verify`] on `vault`, the vault this was deferred from
    /// (or a copy of it), also returning what changed.
    pub fn verify(self, vault: &mut Vault, cache: &mut Cache) -> (Update, CacheReport) {
        let root = vault.root.clone();
        let update = vault.refresh_and_relink(&[root], &self.stale);
        if !update.is_empty() || !update.relinked.is_empty() {
            vault.renumber_by_path();
        }
        let mut report = self.report;
        if let Err(e) = vault.save_update(cache, &update) {
            report.warnings.push(format!("cache not updated: {e}"));
        }
        report.parsed = update.cache_rows.len();
        report.reused = vault.notes.len() - report.parsed;
        report.removed = update.removed.len();
        (update, report)
    }
}

/// What a cached load did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CacheReport {
    /// Notes taken from the cache without reading them.
    pub reused: usize,
    /// Notes read and parsed (new, changed, or not cached).
    pub parsed: usize,
    /// Cache rows of notes that are gone.
    pub removed: usize,
    /// Why the cache file was rebuilt on open, if it was.
    pub rebuilt: Option<String>,
    pub warnings: Vec<String>,
}

impl Vault {
    /// Loads the vault at `root` using `cache`: [`Vault::open_cached`], then
    /// [`Vault::verify`]. The result equals [`Vault::load`]'s, ids included.
    pub fn load_cached(
        root: impl AsRef<Path>,
        cache: &mut Cache,
    ) -> Result<(Vault, CacheReport), VaultError> {
        match Self::open_cached(root, cache)? {
            Opened::Verified(vault, report) => Ok((vault, report)),
            Opened::Restored(mut restored) => {
                let report = restored.verify(cache);
                Ok((restored.vault, report))
            }
        }
    }

    /// Opens the vault at `root` from `cache` without reading any note: the
    /// vault as it was cached, links already resolved, usable at once (for a
    /// first paint) but not yet compared with the disk; call
    /// [`Restored::verify`] next. An empty or unreadable cache gives a full
    /// load instead (and fills the cache).
    pub fn open_cached(root: impl AsRef<Path>, cache: &mut Cache) -> Result<Opened, VaultError> {
        Self::open_cached_counting(root, cache, &Progress::default())
    }

    /// [`Vault::open_cached`], counting notes read into `progress` when the
    /// cache was empty and every note is read (the only long case).
    pub fn open_cached_counting(
        root: impl AsRef<Path>,
        cache: &mut Cache,
        progress: &Progress,
    ) -> Result<Opened, VaultError> {
        let root = root.as_ref().to_owned();
        scan::check_root(&root)?;
        let mut report = CacheReport { rebuilt: cache.rebuilt.clone(), ..CacheReport::default() };
        let rows = match cache.load_all() {
            Ok(rows) => rows,
            Err(e) if e.is_damage() => {
                // Damage inside the file: start over rather than trust any of it.
                let why = format!("unreadable: {e}");
                if let Err(e) = cache.reset(why.clone()) {
                    report.warnings.push(format!("cache not rebuilt: {e}"));
                }
                report.rebuilt = Some(why);
                Vec::new()
            }
            Err(e) => {
                // A good cache that cannot be read now (another process holds
                // it too long): read the notes, and leave the cache alone.
                report.warnings.push(format!("cache not used: {e}"));
                return Ok(Opened::Verified(Self::load(root)?, report));
            }
        };
        if rows.is_empty() {
            let (vault, report) = Self::fill_cache(root, cache, report, progress)?;
            return Ok(Opened::Verified(vault, report));
        }
        let attachments = cache.load_attachments().unwrap_or_else(|e| {
            report.warnings.push(format!("cached attachments not read: {e}"));
            Vec::new()
        });
        let (vault, stale) = Vault::restore(root, rows, attachments);
        Ok(Opened::Restored(Restored { vault, stale, report }))
    }

    /// Writes what `update` changed to `cache` in one transaction: rows of
    /// the notes read, the resolved links of every note resolved again, and
    /// the notes and attachments that came and went. Keeps the cache's stored
    /// links in step with its rows.
    pub fn save_update(&mut self, cache: &mut Cache, update: &Update) -> Result<(), CacheError> {
        let ids: Vec<Option<NoteId>> = match &self.live {
            Some(_) => update.relinked.iter().map(|p| self.note_id(p)).collect(),
            // Without live updates, notes are in path order.
            None => update
                .relinked
                .iter()
                .map(|p| {
                    self.notes.binary_search_by(|n| n.path.cmp(p)).ok().map(|i| NoteId(i as u32))
                })
                .collect(),
        };
        let links: Vec<(String, Vec<u8>)> = ids
            .into_iter()
            .flatten()
            .map(|id| (self.note(id).path.to_string(), self.stored_links(id)))
            .collect();
        let strings = |v: &[VaultPath]| v.iter().map(ToString::to_string).collect::<Vec<_>>();
        cache.write(&CacheWrite {
            upserts: &update.cache_rows,
            removed: &strings(&update.removed),
            links: &links,
            attachments_added: &strings(&update.attachments_added),
            attachments_removed: &strings(&update.attachments_removed),
            replace_attachments: false,
        })
    }

    /// A load that fills an empty cache: every note is read, and its row and
    /// resolved links are written.
    fn fill_cache(
        root: PathBuf,
        cache: &mut Cache,
        mut report: CacheReport,
        progress: &Progress,
    ) -> Result<(Vault, CacheReport), VaultError> {
        let scan = scan::scan(&root)?;
        progress.start(scan.notes.len());
        let results: Vec<(Loaded, Option<CacheRow>)> = scan
            .notes
            .into_par_iter()
            .map(|e| {
                let one = load_one(e, None);
                progress.step();
                one
            })
            .collect();
        let mut loaded = Vec::with_capacity(results.len());
        let mut upserts = Vec::with_capacity(results.len());
        for (l, row) in results {
            upserts.extend(row);
            loaded.push(l);
        }
        let mut vault = Self::finish(root, loaded, scan.attachments, scan.diagnostics);
        vault.linked_folders = scan.linked_folders;
        let links: Vec<(String, Vec<u8>)> = (0..vault.notes.len())
            .into_par_iter()
            .map(|i| (vault.notes[i].path.to_string(), vault.stored_links(NoteId(i as u32))))
            .collect();
        let attachments: Vec<String> =
            vault.attachments.iter().map(|a| a.path.to_string()).collect();
        let write = CacheWrite {
            upserts: &upserts,
            removed: &[],
            links: &links,
            attachments_added: &attachments,
            attachments_removed: &[],
            replace_attachments: true,
        };
        if let Err(e) = cache.write(&write) {
            report.warnings.push(format!("cache not updated: {e}"));
        }
        report.parsed = upserts.len();
        Ok((vault, report))
    }
}
