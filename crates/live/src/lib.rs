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
//! This crate is glue between `hanji-core` and `hanji-search`: it holds no
//! parsing, resolving or indexing logic, and it never writes to the vault.
//! The cache and the index are copies: if either cannot be written, the
//! session keeps working from memory and says so in the event's warnings.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex, RwLock, RwLockReadGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use hanji_core::cache::{Cache, CacheError};
use hanji_core::path::VaultPath;
use hanji_core::watch::{WatchBatch, WatchError, Watcher};
use hanji_core::{CacheReport, NoteId, Opened, Progress, Vault, VaultError};
use hanji_search::{IndexStats, SearchError, SearchIndex, SearchResults};

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
}

/// What one applied batch changed, by vault path.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChangeEvent {
    pub added: Vec<String>,
    pub modified: Vec<String>,
    pub removed: Vec<String>,
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
}

impl ChangeEvent {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.modified.is_empty()
            && self.removed.is_empty()
            && self.attachments_added.is_empty()
            && self.attachments_removed.is_empty()
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
        let started = Instant::now();
        progress(Phase::Loading);
        let mut report = OpenReport::default();
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
        let (vault, cache) = match cache_dir {
            Some(dir) => {
                let mut cache = Cache::open(&dir.join("metadata.sqlite"))?;
                let vault = match Vault::open_cached_counting(root, &mut cache, work)? {
                    Opened::Verified(vault, r) => {
                        report.cache = Some(r);
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
        work.start(0);
        progress(Phase::Indexing);
        report.index = index.sync_counting(&vault, work)?;
        report.index_sync = started.elapsed() - report.load;
        Ok((Session { vault, cache, index, throwaway }, report))
    }

    pub fn vault(&self) -> &Vault {
        &self.vault
    }

    pub fn index(&self) -> &SearchIndex {
        &self.index
    }

    pub fn search(&self, query: &str, limit: usize) -> Result<SearchResults, SearchError> {
        self.index.search(&self.vault, query, limit)
    }

    /// Applies one watcher batch: the vault, then the search index, then the
    /// cache. Never fails: a step that cannot be done is a warning, and the
    /// next open compares everything again anyway.
    pub fn apply(&mut self, batch: &WatchBatch) -> ChangeEvent {
        let started = Instant::now();
        let mut event = ChangeEvent { rescan: batch.rescan, ..ChangeEvent::default() };
        event.warnings.extend(batch.errors.iter().map(|e| format!("watcher: {e}")));
        let update = if batch.rescan {
            let root = self.vault.root().to_owned();
            self.vault.refresh(&[root])
        } else {
            self.vault.refresh(&batch.paths)
        };
        let changed: Vec<NoteId> = update
            .added
            .iter()
            .chain(&update.modified)
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
        event.relinked = update.relinked.len();
        event.added = paths(update.added);
        event.modified = paths(update.modified);
        event.removed = paths(update.removed);
        event.attachments_added = paths(update.attachments_added);
        event.attachments_removed = paths(update.attachments_removed);
        event.elapsed = started.elapsed();
        event
    }

    /// Releases what is only worth keeping while changes come in quick
    /// succession (the search index writer and its memory).
    pub fn idle(&mut self) {
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

/// A session updated by a file watcher on a thread of its own. Queries take
/// a read lock ([`LiveSession::read`]); dropping it stops the watcher and the
/// thread.
pub struct LiveSession {
    session: Arc<RwLock<Session>>,
    watcher: Option<Watcher>,
    thread: Option<JoinHandle<()>>,
}

impl LiveSession {
    /// Starts watching `session`'s vault. Every batch that changes something
    /// is published on the returned channel, after it is applied.
    pub fn start(
        session: Session,
        debounce: Duration,
    ) -> Result<(LiveSession, Receiver<ChangeEvent>), LiveError> {
        let (watcher, batches) = Watcher::start(session.vault().root(), debounce)?;
        let session = Arc::new(RwLock::new(session));
        let (tx, rx) = channel();
        let shared = Arc::clone(&session);
        let thread = std::thread::spawn(move || {
            loop {
                let batch = match batches.recv_timeout(IDLE) {
                    Ok(batch) => batch,
                    Err(RecvTimeoutError::Timeout) => {
                        // Quiet for a while: give back the index writer's
                        // memory, and wait for the next change.
                        shared.write().unwrap_or_else(|e| e.into_inner()).idle();
                        match batches.recv() {
                            Ok(batch) => batch,
                            Err(_) => return,
                        }
                    }
                    Err(RecvTimeoutError::Disconnected) => return,
                };
                let event = {
                    // A panic while another thread held the lock cannot
                    // leave the session half-updated in a way that matters
                    // more than stopping: keep serving.
                    let mut s = shared.write().unwrap_or_else(|e| e.into_inner());
                    s.apply(&batch)
                };
                if (!event.is_empty() || !event.warnings.is_empty()) && tx.send(event).is_err() {
                    // Nobody listens any more; keep the session in step anyway.
                    continue;
                }
            }
        });
        Ok((LiveSession { session, watcher: Some(watcher), thread: Some(thread) }, rx))
    }

    /// The session, for queries. Updates wait while this is held.
    pub fn read(&self) -> RwLockReadGuard<'_, Session> {
        self.session.read().unwrap_or_else(|e| e.into_inner())
    }
}

impl Drop for LiveSession {
    fn drop(&mut self) {
        // Dropping the watcher closes the batch channel, which ends the thread.
        self.watcher.take();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}
