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
//! This crate is glue between `hanji-core` and `hanji-search`: it holds no
//! parsing, resolving or indexing logic; it writes to the vault only through
//! `hanji_core::write`, in [`Session::save`].
//! The cache and the index are copies: if either cannot be written, the
//! session keeps working from memory and says so in the event's warnings.

use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, RwLock, RwLockReadGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use hanji_core::cache::{Cache, CacheError};
use hanji_core::path::VaultPath;
use hanji_core::vault::{GraphDelta, Pending, Update};
use hanji_core::watch::{WatchBatch, WatchError, Watcher};
pub use hanji_core::write::{Expected, WriteError};
use hanji_core::{CacheReport, NoteId, Opened, Progress, Vault, VaultError};
use hanji_search::{IndexStats, SearchError, SearchIndex, SearchResults};

mod save;

pub use save::{SaveError, Saved};

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

    pub fn search(&self, query: &str, limit: usize) -> Result<SearchResults, SearchError> {
        self.index.search(&self.vault, query, limit)
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

/// How long a live update waits for another process to let go of the
/// search index's writer before leaving its changes pending.
const LIVE_WRITER_LOCK_WAIT: Duration = Duration::from_secs(1);

/// How often a quiet live session checks that its vault folder still
/// exists (a deleted root may give no event at all).
const ROOT_CHECK: Duration = Duration::from_millis(500);

/// A session updated by a file watcher on a thread of its own. Queries take
/// a read lock ([`LiveSession::read`]); dropping it stops the watcher and the
/// thread.
pub struct LiveSession {
    shared: Arc<Shared>,
    watcher: Arc<Mutex<Option<Watcher>>>,
    thread: Option<JoinHandle<()>>,
}

/// What the updating thread and the readers share.
struct Shared {
    session: RwLock<Session>,
    /// Where events go; taken when the updating thread stops for good (the
    /// vault is gone, or the session failed), which closes the channel.
    events: Mutex<Option<Sender<ChangeEvent>>>,
    /// Set when a batch could not be applied and the vault could not be
    /// opened again: every read fails from then on.
    failed: Mutex<Option<String>>,
    /// Test hook: the next batch panics inside the engine's place.
    panic_next: AtomicBool,
    /// Held by whatever changes the session outside its thread's batches
    /// (a save) and by a deferred verification for its whole length, which
    /// works on a copy of the vault: a save meanwhile would be applied to
    /// the copy's predecessor and lost when the copy is swapped in.
    writer: Mutex<()>,
}

impl LiveSession {
    /// Opens the vault at `root` with the watcher already running, so what
    /// changes while the vault is read, compared with the cache and
    /// indexed is applied right after, instead of being missed until the
    /// next open. `progress` and `work` are as for
    /// [`Session::open_with_progress`].
    pub fn open(
        root: &Path,
        cache_dir: Option<&Path>,
        debounce: Duration,
        progress: &mut dyn FnMut(Phase),
        work: &Progress,
    ) -> Result<(LiveSession, OpenReport, Receiver<ChangeEvent>), LiveError> {
        hanji_core::scan::check_root(root)?;
        if let Some(dir) = cache_dir {
            hanji_core::cache_dir::check_outside(root, dir)?;
        }
        let (watcher, batches) = Watcher::start(root, debounce)?;
        let (session, report) = Session::open_with_progress(root, cache_dir, progress, work)?;
        let (live, events) = Self::run(session, watcher, batches, None);
        Ok((live, report, events))
    }

    /// [`LiveSession::open`], returning as soon as the vault is restored
    /// from its cache: queries answer at once from the vault and search
    /// index as the last session left them, while the comparison with the
    /// disk and the index sync run on the session's thread. That thread
    /// verifies a copy of the vault (holding the session only for reading,
    /// so queries go on), then swaps it in and syncs the index, and
    /// publishes what changed as an event with [`ChangeEvent::verified`]
    /// set. Changes the watcher reports meanwhile are applied after it.
    /// Without a usable cache this is [`LiveSession::open`]. `verify_delay`
    /// holds the verification back (a test hook: an end-to-end test shows
    /// that the app answers before verification ends); pass zero.
    pub fn open_at_once(
        root: &Path,
        cache_dir: Option<&Path>,
        debounce: Duration,
        progress: &mut dyn FnMut(Phase),
        work: &Progress,
        verify_delay: Duration,
    ) -> Result<(LiveSession, OpenReport, Receiver<ChangeEvent>), LiveError> {
        hanji_core::scan::check_root(root)?;
        if let Some(dir) = cache_dir {
            hanji_core::cache_dir::check_outside(root, dir)?;
        }
        let (watcher, batches) = Watcher::start(root, debounce)?;
        let (session, report, pending) =
            Session::open_inner(root, cache_dir, progress, work, true)?;
        let deferred = pending.map(|p| (p, verify_delay));
        let (live, events) = Self::run(session, watcher, batches, deferred);
        Ok((live, report, events))
    }

    /// Starts watching `session`'s vault. Every batch that changes something
    /// is published on the returned channel, after it is applied. Changes
    /// made before this call and after the session was opened are not seen:
    /// prefer [`LiveSession::open`].
    pub fn start(
        session: Session,
        debounce: Duration,
    ) -> Result<(LiveSession, Receiver<ChangeEvent>), LiveError> {
        let (watcher, batches) = Watcher::start(session.vault().root(), debounce)?;
        Ok(Self::run(session, watcher, batches, None))
    }

    fn run(
        mut session: Session,
        mut watcher: Watcher,
        batches: Receiver<WatchBatch>,
        deferred: Option<(Pending, Duration)>,
    ) -> (LiveSession, Receiver<ChangeEvent>) {
        // Updates wait for the index writer while holding the session for
        // writing, so readers (the UI) wait too: wait briefly, and leave
        // what could not be written pending for the next update or idle.
        session.index.set_writer_lock_wait(LIVE_WRITER_LOCK_WAIT);
        // The session has just listed these folders: nothing to look at again.
        let mut warnings: Vec<String> = watcher.polling().into_iter().collect();
        warnings.extend(watcher.follow_links(&session.vault().linked_folders()).warnings);
        let (tx, rx) = channel();
        let shared = Arc::new(Shared {
            session: RwLock::new(session),
            events: Mutex::new(Some(tx)),
            failed: Mutex::new(None),
            panic_next: AtomicBool::new(false),
            writer: Mutex::new(()),
        });
        let watcher = Arc::new(Mutex::new(Some(watcher)));
        if !warnings.is_empty() {
            shared.publish(ChangeEvent { warnings, ..ChangeEvent::default() });
        }
        let thread = {
            let shared = Arc::clone(&shared);
            let watcher = Arc::clone(&watcher);
            std::thread::spawn(move || {
                if let Some((pending, delay)) = deferred {
                    std::thread::sleep(delay);
                    let event = verify_behind(&shared, pending);
                    shared.publish(event);
                }
                update_loop(&shared, &watcher, &batches);
                // Nothing more will come: close the channel.
                shared.events.lock().unwrap_or_else(|e| e.into_inner()).take();
            })
        };
        (LiveSession { shared, watcher, thread: Some(thread) }, rx)
    }

    /// The session, for queries. Updates wait while this is held. Fails
    /// only when a change could not be applied and the vault could not be
    /// opened again (the state would be wrong).
    pub fn read(&self) -> Result<RwLockReadGuard<'_, Session>, LiveError> {
        if let Some(reason) = self.shared.failed.lock().unwrap_or_else(|e| e.into_inner()).clone() {
            let root = self
                .shared
                .session
                .read()
                .unwrap_or_else(|e| e.into_inner())
                .vault
                .root()
                .to_owned();
            return Err(LiveError::Failed { root, reason });
        }
        // Never poisoned by an update: those run under `catch_unwind`.
        Ok(self.shared.session.read().unwrap_or_else(|e| e.into_inner()))
    }

    /// Rebuilds a damaged search index (see [`Session::repair_index`]),
    /// holding the session for writing meanwhile.
    pub fn repair_index(&self) -> Result<IndexStats, LiveError> {
        // A failed session stays failed: nothing to repair in it.
        drop(self.read()?);
        let mut s = self.shared.session.write().unwrap_or_else(|e| e.into_inner());
        Ok(s.repair_index()?)
    }

    /// [`Session::save`] on the live session: the vault is held for writing
    /// meanwhile, and the change is published to the subscriber (marked
    /// [`ChangeEvent::own_write`]) as well as returned.
    pub fn save(&self, path: &str, expected: Expected, text: &str) -> Result<Saved, LiveError> {
        drop(self.read()?);
        let saved = {
            let _writer = self.shared.writer.lock().unwrap_or_else(|e| e.into_inner());
            let mut s = self.shared.session.write().unwrap_or_else(|e| e.into_inner());
            s.save(path, expected, text)?
        };
        self.shared.publish(saved.event.clone());
        Ok(saved)
    }

    /// Makes the next batch panic where the engine would, to test that a
    /// panic is contained. Not for use outside tests.
    #[doc(hidden)]
    pub fn panic_on_next_batch(&self) {
        self.shared.panic_next.store(true, Ordering::SeqCst);
    }
}

impl Shared {
    /// Sends `event` to the subscriber; one that stopped listening is no
    /// reason to stop keeping the session in step.
    fn publish(&self, event: ChangeEvent) {
        if let Some(tx) = self.events.lock().unwrap_or_else(|e| e.into_inner()).as_ref() {
            let _ = tx.send(event);
        }
    }
}

/// Applies batches as they come until the watcher goes away or the vault
/// folder does.
fn update_loop(shared: &Shared, watcher: &Mutex<Option<Watcher>>, batches: &Receiver<WatchBatch>) {
    let root = shared.session.read().unwrap_or_else(|e| e.into_inner()).vault.root().to_owned();
    let mut last_change = Instant::now();
    let mut idle = true;
    loop {
        let batch = match batches.recv_timeout(ROOT_CHECK) {
            Ok(batch) => Some(batch),
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => return,
        };
        if !root.is_dir() {
            let warning =
                format!("the vault folder {} is gone; stopped following it", root.display());
            shared.publish(ChangeEvent {
                vault_gone: true,
                warnings: vec![warning],
                ..ChangeEvent::default()
            });
            return;
        }
        let Some(batch) = batch else {
            // Changes the index could not take yet are tried again, at the
            // idle pace, until they are in.
            let pending =
                || shared.session.read().unwrap_or_else(|e| e.into_inner()).index.has_pending();
            if last_change.elapsed() >= IDLE && (!idle || pending()) {
                // Quiet for a while: give back the index writer's memory.
                let mut s = shared.session.write().unwrap_or_else(|e| e.into_inner());
                let _ = catch_unwind(AssertUnwindSafe(|| s.idle()));
                idle = true;
            }
            continue;
        };
        last_change = Instant::now();
        idle = false;
        let mut event = {
            let mut s = shared.session.write().unwrap_or_else(|e| e.into_inner());
            let applied = catch_unwind(AssertUnwindSafe(|| {
                if shared.panic_next.swap(false, Ordering::SeqCst) {
                    panic!("injected panic while applying a batch");
                }
                s.apply(&batch)
            }));
            match applied {
                Ok(event) => event,
                Err(panic) => recover(&mut s, shared, &*panic),
            }
        };
        follow_links(shared, watcher, &mut event);
        let failed = shared.failed.lock().unwrap_or_else(|e| e.into_inner()).is_some();
        if !event.is_empty() || !event.warnings.is_empty() {
            shared.publish(event);
        }
        if failed {
            return;
        }
    }
}

/// The verification [`LiveSession::open_at_once`] deferred: a copy of the
/// vault is compared with the disk while readers go on with the session,
/// then swapped in, and the index is synced. A panic on the way is contained
/// like one while applying a batch.
fn verify_behind(shared: &Shared, pending: Pending) -> ChangeEvent {
    let _writer = shared.writer.lock().unwrap_or_else(|e| e.into_inner());
    let started = Instant::now();
    let mut event = ChangeEvent { verified: true, ..ChangeEvent::default() };
    let verified = catch_unwind(AssertUnwindSafe(|| {
        let s = shared.session.read().unwrap_or_else(|e| e.into_inner());
        let cache = s.cache.as_ref()?;
        let mut copy = s.vault.clone();
        let mut cache = cache.lock().unwrap_or_else(|e| e.into_inner());
        let (update, report) = pending.verify(&mut copy, &mut cache);
        Some((copy, update, report))
    }));
    let mut s = shared.session.write().unwrap_or_else(|e| e.into_inner());
    match verified {
        Ok(Some((vault, update, report))) => {
            s.vault = vault;
            event.warnings.extend(report.warnings);
            event.fill(update);
            let session = &mut *s;
            match catch_unwind(AssertUnwindSafe(|| session.index.sync(&session.vault))) {
                Ok(Ok(_)) => {}
                Ok(Err(e)) => event.warnings.push(format!("search index not updated: {e}")),
                Err(_) => event.warnings.push("search index not updated: it panicked".into()),
            }
        }
        // Only a vault restored from a cache has a verification owed.
        Ok(None) => {}
        Err(panic) => event = ChangeEvent { verified: true, ..recover(&mut s, shared, &*panic) },
    }
    event.elapsed = started.elapsed();
    event
}

/// Keeps the watcher on the folders the vault lists through symbolic links.
/// A folder linked just now may have changed before its watch began, so it
/// is looked at once more, and what that finds joins `event`.
fn follow_links(shared: &Shared, watcher: &Mutex<Option<Watcher>>, event: &mut ChangeEvent) {
    let mut guard = watcher.lock().unwrap_or_else(|e| e.into_inner());
    let Some(w) = guard.as_mut() else { return };
    let linked = shared.session.read().unwrap_or_else(|e| e.into_inner()).vault.linked_folders();
    let followed = w.follow_links(&linked);
    drop(guard);
    event.warnings.extend(followed.warnings);
    if followed.added.is_empty() {
        return;
    }
    let mut s = shared.session.write().unwrap_or_else(|e| e.into_inner());
    if let Ok(more) = catch_unwind(AssertUnwindSafe(|| s.refresh(&followed.added))) {
        event.added.extend(more.added);
        event.modified.extend(more.modified);
        event.removed.extend(more.removed);
        event.attachments_added.extend(more.attachments_added);
        event.attachments_removed.extend(more.attachments_removed);
        event.relinked += more.relinked;
        event.warnings.extend(more.warnings);
    }
}

/// After a panic while applying a batch, the session may be half-updated:
/// it is opened again from the disk (and its cache), which also applies
/// whatever the batch was about. Readers wait on the write lock meanwhile,
/// so they never see the broken state. If reopening fails too, the session
/// is marked failed.
fn recover(s: &mut Session, shared: &Shared, panic: &(dyn std::any::Any + Send)) -> ChangeEvent {
    let what = panic
        .downcast_ref::<&str>()
        .map(|m| (*m).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_owned());
    let root = s.vault.root().to_owned();
    // The index writer's lock must be free for the new session's sync.
    let _ = catch_unwind(AssertUnwindSafe(|| s.idle()));
    let reopened = catch_unwind(AssertUnwindSafe(|| Session::open(&root, s.cache_dir.as_deref())));
    let mut event = ChangeEvent { rescan: true, ..ChangeEvent::default() };
    match reopened {
        Ok(Ok((fresh, _))) => {
            *s = fresh;
            event.warnings.push(format!(
                "an internal error interrupted a change ({what}); the vault was read again from disk"
            ));
        }
        Ok(Err(e)) => {
            let reason = format!("{what}; reopening failed: {e}");
            *shared.failed.lock().unwrap_or_else(|e| e.into_inner()) = Some(reason.clone());
            event.warnings.push(reason);
        }
        Err(_) => {
            let reason = format!("{what}; reopening panicked too");
            *shared.failed.lock().unwrap_or_else(|e| e.into_inner()) = Some(reason.clone());
            event.warnings.push(reason);
        }
    }
    event
}

impl Drop for LiveSession {
    fn drop(&mut self) {
        // Dropping the watcher closes the batch channel, which ends the thread.
        self.watcher.lock().unwrap_or_else(|e| e.into_inner()).take();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}
