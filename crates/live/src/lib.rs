//! hanji-live: a vault kept in step with its folder.
//!
//! A [`Session`] owns the three views of one vault: the loaded [`Vault`]
//! (links, backlinks, tags, graph), its SQLite metadata cache, and its Tantivy
//! search index. Opening one reuses the cache and the index, so only notes
//! that changed since last time are read. [`Session::apply`] takes a batch of
//! changed paths from the watcher and updates all three, returning a
//! [`ChangeEvent`] that says what changed. [`LiveSession`] runs the watcher
//! and applies its batches on a thread of its own, publishing each event on a
//! channel that a UI (or `hanji watch`) subscribes to.
//!
//! [`LiveSession::open`] starts watching before it reads anything, so a note
//! saved while a large vault opens is applied as soon as the open is done.
//! A batch whose application panics is never served half-applied: the
//! session is opened again from the disk (readers wait meanwhile), and if
//! even that fails every later read says so. The vault folder disappearing
//! ends the session with an event that says so.
//!
//! Modules: this one (the session and its events), `live` (the watcher's
//! thread, the deferred verification, recovery), `save` (the write path).
//!
//! This crate is glue between `hanji-core` and `hanji-search`: it holds no
//! parsing, resolving or indexing logic; it writes to the vault only through
//! `hanji_core::write`, in [`Session::save`].
//! The cache and the index are copies: if either cannot be written, the
//! session keeps working from memory and says so in the event's warnings.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use hanji_core::cache::{Cache, CacheError};
use hanji_core::path::VaultPath;
use hanji_core::vault::{GraphDelta, Pending, Update};
use hanji_core::watch::{WatchBatch, WatchError};
pub use hanji_core::write::{Expected, WriteError};
use hanji_core::{CacheReport, NoteId, Opened, Progress, Vault, VaultError};
use hanji_search::{IndexStats, SearchError, SearchIndex, SearchResults};

mod attach;
mod daily;
mod graph;
mod live;
mod ops;
mod save;
mod templates;
mod workspace;

pub use attach::{AttachError, Attached};
pub use daily::{DailyNote, DailySettings};
pub use graph::{FeedAnswer, GraphFeed, GraphView, Positions};
pub use live::LiveSession;
pub use ops::{Done, OpsError};
pub use save::{SaveError, Saved, Source, SourceError, EDIT_MAX_BYTES};
pub use templates::{NewNoteError, TemplateError};
pub use workspace::{LayoutNode, PaneTabs, SplitDir, TabPlaces, Workspace};

#[derive(Debug, thiserror::Error)]
pub enum LiveError {
    #[error(transparent)]
    Vault(#[from] VaultError),
    #[error(transparent)]
    Cache(#[from] CacheError),
    #[error(transparent)]
    Search(#[from] SearchError),
    #[error(transparent)]
    Watch(#[from] WatchError),
    #[error(transparent)]
    Save(#[from] SaveError),
    #[error(transparent)]
    Source(#[from] SourceError),
    #[error(transparent)]
    Ops(#[from] OpsError),
    #[error(transparent)]
    Attach(#[from] AttachError),
    /// Applying a change failed inside the engine and reopening the vault
    /// failed too: nothing this session holds can be trusted any more.
    #[error("the vault at {root} could not be kept up to date ({reason}); open it again")]
    Failed { root: PathBuf, reason: String },
}

/// The phases of opening a session, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Restoring from the cache, or reading every note when there is none.
    Loading,
    /// Comparing the restored vault with the disk.
    Verifying,
    /// Bringing the search index in step (everything, on a first open).
    Indexing,
}

/// What opening a session did.
#[derive(Debug, Clone, Default)]
pub struct OpenReport {
    /// `None` without a cache.
    pub cache: Option<CacheReport>,
    pub index: IndexStats,
    /// When the vault was restored from the cache: the time until then,
    /// when search, links, backlinks and tags already answer (as of the
    /// last session).
    pub restored: Option<Duration>,
    /// The time until the vault was loaded and compared with the disk.
    pub load: Duration,
    /// Bringing the search index in step: search is usable.
    pub index_sync: Duration,
    /// A file operation that did not finish last time, and what was done
    /// with it.
    pub recovered: Option<hanji_core::ops::Recovery>,
    /// A file operation that did not finish last time and could not be
    /// finished now (its journal is kept for the next try).
    pub recovery_failed: Option<String>,
}

/// What one applied batch changed, by vault path.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChangeEvent {
    pub added: Vec<String>,
    /// Notes whose content changed (a note read again with the same
    /// content, as after a `touch`, is not listed).
    pub modified: Vec<String>,
    pub removed: Vec<String>,
    /// Notes that moved, `(from, to)`: a path gone and one come with the
    /// same content. Both are in `removed` and `added` too.
    pub renamed: Vec<(String, String)>,
    pub attachments_added: Vec<String>,
    pub attachments_removed: Vec<String>,
    /// Notes whose links were resolved again.
    pub relinked: usize,
    /// The watcher lost events and the whole vault was compared with disk.
    pub rescan: bool,
    /// Time spent applying the batch: reading, parsing, resolving, graph,
    /// tags, search index and cache.
    pub elapsed: Duration,
    /// Problems that did not stop the update (a cache that could not be
    /// written, a watcher error).
    pub warnings: Vec<String>,
    /// The vault folder is gone (deleted or moved away): the session has
    /// stopped following it.
    pub vault_gone: bool,
    /// The change is Hanji's own save ([`Session::save`]), not another
    /// program's: an editor showing the note has nothing to reload.
    pub own_write: bool,
    /// The change is a file operation of Hanji's (its label): the renames
    /// in it are not renames done outside, whose links might need updating.
    pub operation: Option<String>,
    /// What changed in the link graph, by path.
    pub graph: GraphDelta,
    /// This event ends the comparison of a vault restored from its cache
    /// with the disk ([`LiveSession::open_at_once`]): it lists what changed
    /// while the vault was closed, and search is up to date from now on.
    pub verified: bool,
}

impl ChangeEvent {
    /// Takes what `update` changed, by path.
    fn fill(&mut self, update: Update) {
        self.relinked = update.relinked.len();
        self.graph = update.graph;
        self.renamed = update
            .renamed
            .into_iter()
            .map(|(from, to)| (from.to_string(), to.to_string()))
            .collect();
        self.added = paths(update.added);
        self.modified = paths(update.modified);
        self.removed = paths(update.removed);
        self.attachments_added = paths(update.attachments_added);
        self.attachments_removed = paths(update.attachments_removed);
    }

    pub fn is_empty(&self) -> bool {
        !self.vault_gone
            && self.added.is_empty()
            && self.modified.is_empty()
            && self.removed.is_empty()
            && self.attachments_added.is_empty()
            && self.attachments_removed.is_empty()
            && self.graph.is_empty()
            && !self.verified
    }
}

/// How long a live session waits after a change before releasing what it
/// keeps only while changes come (the search index writer).
pub const IDLE: Duration = Duration::from_secs(2);

/// A vault with its cache and search index, kept in step by [`Session::apply`].
pub struct Session {
    vault: Vault,
    /// Behind a mutex only so that a session can be shared between threads
    /// (a SQLite connection may move between threads but not be shared);
    /// only `apply`, which holds the session mutably, uses it.
    cache: Option<Mutex<Cache>>,
    index: SearchIndex,
    /// Set when the index lives in a throwaway folder (no cache directory).
    throwaway: Option<PathBuf>,
    /// Where the cache and index live, to open the session again from.
    cache_dir: Option<PathBuf>,
    /// Notes this session wrote, with the hash of what it wrote, until the
    /// watcher reports them: that report is the session's own write coming
    /// back, already applied, and is not an outside change.
    own_writes: HashMap<VaultPath, u64>,
}

impl Drop for Session {
    fn drop(&mut self) {
        if let Some(dir) = &self.throwaway {
            // Best effort: a temporary index left behind harms nothing.
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

fn paths(list: Vec<VaultPath>) -> Vec<String> {
    list.into_iter().map(|p| p.to_string()).collect()
}

impl Session {
    /// Opens the vault at `root`. With a `cache_dir`, the metadata cache
    /// (`metadata.sqlite`) and the search index (`search/`) there are reused
    /// and updated; a cache or index that cannot be trusted is rebuilt, with
    /// the reason in the report. Without one, every note is read and the
    /// index is built in a temporary folder.
    pub fn open(root: &Path, cache_dir: Option<&Path>) -> Result<(Session, OpenReport), LiveError> {
        Self::open_with_progress(root, cache_dir, &mut |_| {}, &Progress::default())
    }

    /// [`Session::open`], telling `progress` as each phase starts and
    /// counting the notes read and indexed into `work` (restarted by each
    /// phase that counts), so a UI can show a bar while a large vault opens.
    pub fn open_with_progress(
        root: &Path,
        cache_dir: Option<&Path>,
        progress: &mut dyn FnMut(Phase),
        work: &Progress,
    ) -> Result<(Session, OpenReport), LiveError> {
        let (session, report, _) = Self::open_inner(root, cache_dir, progress, work, false)?;
        Ok((session, report))
    }

    /// [`Session::open_with_progress`]; with `defer`, a vault restored from
    /// the cache is returned as it was cached, with the index as last
    /// committed, and the comparison with the disk and the index sync still
    /// owed (the [`Pending`] returned: see [`LiveSession::open_at_once`]).
    fn open_inner(
        root: &Path,
        cache_dir: Option<&Path>,
        progress: &mut dyn FnMut(Phase),
        work: &Progress,
        defer: bool,
    ) -> Result<(Session, OpenReport, Option<Pending>), LiveError> {
        let started = Instant::now();
        // Nothing is created for a vault that is not there, and nothing
        // derived is ever put inside one.
        hanji_core::scan::check_root(root)?;
        if let Some(dir) = cache_dir {
            hanji_core::cache_dir::check_outside(root, dir)?;
        }
        progress(Phase::Loading);
        let mut report = OpenReport::default();
        // A file operation a dead process left half-done is finished (or
        // rolled back) before anything reads the vault.
        if let Some(dir) = cache_dir {
            match hanji_core::ops::recover(root, &dir.join("ops")) {
                Ok(None) => {}
                Ok(Some(r)) => report.recovered = Some(r),
                Err(e) => report.recovery_failed = Some(e.to_string()),
            }
        }
        let (index_dir, throwaway) = match cache_dir {
            Some(dir) => (dir.join("search"), None),
            None => {
                let dir = std::env::temp_dir().join(format!(
                    "hanji-search-{}-{}",
                    std::process::id(),
                    started.elapsed().as_nanos()
                ));
                (dir.clone(), Some(dir))
            }
        };
        // The index opens first: with a restored vault, search answers (as
        // of the last session) before anything is compared with the disk.
        let mut index = SearchIndex::open(&index_dir)?;
        let mut pending = None;
        let (vault, cache) = match cache_dir {
            Some(dir) => {
                let mut cache = Cache::open(&dir.join("metadata.sqlite"))?;
                let vault = match Vault::open_cached_counting(root, &mut cache, work)? {
                    Opened::Verified(vault, r) => {
                        report.cache = Some(r);
                        vault
                    }
                    Opened::Restored(restored) if defer => {
                        report.restored = Some(started.elapsed());
                        let (vault, owed) = restored.defer();
                        pending = Some(owed);
                        vault
                    }
                    Opened::Restored(mut restored) => {
                        report.restored = Some(started.elapsed());
                        progress(Phase::Verifying);
                        report.cache = Some(restored.verify(&mut cache));
                        restored.vault
                    }
                };
                (vault, Some(Mutex::new(cache)))
            }
            None => (Vault::load(root)?, None),
        };
        report.load = started.elapsed();
        // A deferred verification syncs the index after it (the vault may
        // still change); until then search answers as of the last session.
        if pending.is_none() {
            work.start(0);
            progress(Phase::Indexing);
            report.index = index.sync_counting(&vault, work)?;
            report.index_sync = started.elapsed() - report.load;
        }
        let cache_dir = cache_dir.map(Path::to_owned);
        let session =
            Session { vault, cache, index, throwaway, cache_dir, own_writes: HashMap::new() };
        Ok((session, report, pending))
    }

    pub fn vault(&self) -> &Vault {
        &self.vault
    }

    pub fn index(&self) -> &SearchIndex {
        &self.index
    }

    /// Searches the vault, without the files `.obsidian/app.json` excludes
    /// (`userIgnoreFilters`), as Obsidian's search leaves them out.
    pub fn search(&self, query: &str, limit: usize) -> Result<SearchResults, SearchError> {
        let (settings, _) = self.settings();
        self.index.search_excluding(&self.vault, query, limit, &settings.excluded)
    }

    /// [`Session::search`], and when the index turns out to be damaged
    /// (a read failed or panicked inside the index library), rebuilds it
    /// from the vault and asks once more.
    pub fn search_repairing(
        &mut self,
        query: &str,
        limit: usize,
    ) -> Result<SearchResults, SearchError> {
        match self.search(query, limit) {
            Err(e) if e.is_damage() => {
                self.repair_index()?;
                self.search(query, limit)
            }
            other => other,
        }
    }

    /// Throws the search index away and builds it again from the vault:
    /// the cure for [`SearchError::Damaged`] (the index is derived data).
    pub fn repair_index(&mut self) -> Result<IndexStats, SearchError> {
        self.index.rebuild()?;
        self.index.sync(&self.vault)
    }

    /// Applies one watcher batch: the vault, then the search index, then the
    /// cache. Never fails: a step that cannot be done is a warning, and the
    /// next open compares everything again anyway.
    pub fn apply(&mut self, batch: &WatchBatch) -> ChangeEvent {
        let started = Instant::now();
        let mut event = ChangeEvent { rescan: batch.rescan, ..ChangeEvent::default() };
        event.warnings.extend(batch.errors.iter().map(|e| format!("watcher: {e}")));
        let update = if batch.rescan {
            self.own_writes.clear();
            let root = self.vault.root().to_owned();
            self.vault.refresh(&[root])
        } else {
            let paths = self.without_own_writes(&batch.paths);
            self.vault.refresh(&paths)
        };
        // Notes read again unchanged are re-indexed too, so that the index's
        // record of their size and time stays in step; they are not news.
        let changed: Vec<NoteId> = update
            .added
            .iter()
            .chain(&update.modified)
            .chain(&update.unchanged)
            .filter_map(|p| self.vault.note_id(p))
            .collect();
        let removed: Vec<&str> = update.removed.iter().map(VaultPath::as_str).collect();
        if let Err(e) = self.index.update(&self.vault, &changed, &removed) {
            event.warnings.push(format!("search index not updated: {e}"));
        }
        if let Some(cache) = &mut self.cache {
            let cache = cache.get_mut().unwrap_or_else(|e| e.into_inner());
            if let Err(e) = self.vault.save_update(cache, &update) {
                event.warnings.push(format!("cache not updated: {e}"));
            }
        }
        event.fill(update);
        event.elapsed = started.elapsed();
        event
    }

    /// Releases what is only worth keeping while changes come in quick
    /// succession (the search index writer and its memory).
    pub fn idle(&mut self) {
        // Changes the index could not take (another process held its writer)
        // are written now rather than with the next edit, whenever that is.
        if self.index.has_pending() {
            let _ = self.index.update(&self.vault, &[], &[]);
        }
        // A failed merge leaves the committed index as it was: nothing is lost.
        let _ = self.index.release_writer();
    }

    /// Applies changes to `paths` without a watcher (tests, and callers
    /// that know what they just wrote).
    pub fn refresh(&mut self, paths: &[PathBuf]) -> ChangeEvent {
        let batch = WatchBatch {
            paths: paths.to_vec(),
            rescan: false,
            errors: Vec::new(),
            received: Instant::now(),
        };
        self.apply(&batch)
    }
}
