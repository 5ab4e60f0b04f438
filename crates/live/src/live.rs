//! [`LiveSession`]: a [`Session`] kept in step by a file watcher, on a
//! thread of its own, behind a read-write lock; the thread's loop, the
//! deferred verification of a vault opened from its cache, and the recovery
//! from a batch that panicked.
//!
//! Readers (the UI's queries) only ever take the read lock; every change is
//! applied by the session's thread under the write lock, or by a save,
//! which takes the writer lock first. This module holds no vault logic.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, RwLock, RwLockReadGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use hanji_core::vault::Pending;
use hanji_core::watch::{WatchBatch, Watcher};
use hanji_core::Progress;
use hanji_search::IndexStats;

use crate::{ChangeEvent, Expected, LiveError, OpenReport, Phase, Saved, Session, IDLE};

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
    /// What the graph view was last sent (for deltas).
    graph_feed: crate::GraphFeed,
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
        Self::open_inner(root, cache_dir, debounce, progress, work, None)
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
        Self::open_inner(root, cache_dir, debounce, progress, work, Some(verify_delay))
    }

    /// Both opens: the watcher first, then the session, deferring its
    /// verification when `verify_delay` is given.
    fn open_inner(
        root: &Path,
        cache_dir: Option<&Path>,
        debounce: Duration,
        progress: &mut dyn FnMut(Phase),
        work: &Progress,
        verify_delay: Option<Duration>,
    ) -> Result<(LiveSession, OpenReport, Receiver<ChangeEvent>), LiveError> {
        hanji_core::scan::check_root(root)?;
        if let Some(dir) = cache_dir {
            hanji_core::cache_dir::check_outside(root, dir)?;
        }
        let (watcher, batches) = Watcher::start(root, debounce)?;
        let defer = verify_delay.is_some();
        let (session, report, pending) =
            Session::open_inner(root, cache_dir, progress, work, defer)?;
        let deferred = pending.zip(verify_delay);
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
            graph_feed: crate::GraphFeed::default(),
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

    /// What the graph view was last sent, to answer with what changed.
    pub fn graph_feed(&self) -> &crate::GraphFeed {
        &self.shared.graph_feed
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

    /// Plans a file operation without changing anything.
    pub fn plan(
        &self,
        op: &hanji_core::ops::Operation,
    ) -> Result<hanji_core::ops::Plan, LiveError> {
        Ok(self.read()?.plan(op)?)
    }

    /// Plans and applies a file operation, all-or-nothing, and publishes
    /// what changed.
    pub fn operate(&self, op: &hanji_core::ops::Operation) -> Result<crate::Done, LiveError> {
        drop(self.read()?);
        let done = {
            let _writer = self.shared.writer.lock().unwrap_or_else(|e| e.into_inner());
            let mut s = self.shared.session.write().unwrap_or_else(|e| e.into_inner());
            s.operate(op)?
        };
        self.shared.publish(done.event.clone());
        Ok(done)
    }

    /// Undoes the newest file operation on record and publishes what changed.
    pub fn undo(&self) -> Result<String, LiveError> {
        drop(self.read()?);
        let (label, event) = {
            let _writer = self.shared.writer.lock().unwrap_or_else(|e| e.into_inner());
            let mut s = self.shared.session.write().unwrap_or_else(|e| e.into_inner());
            s.undo()?
        };
        self.shared.publish(event);
        Ok(label)
    }

    /// What the newest undo record would undo.
    pub fn undo_label(&self) -> Result<Option<String>, LiveError> {
        Ok(self.read()?.undo_label())
    }

    /// Creates an empty note, with its folders, and publishes it.
    pub fn create_note(&self, path: &str) -> Result<Saved, LiveError> {
        drop(self.read()?);
        let saved = {
            let _writer = self.shared.writer.lock().unwrap_or_else(|e| e.into_inner());
            let mut s = self.shared.session.write().unwrap_or_else(|e| e.into_inner());
            s.create_note(path)?
        };
        self.shared.publish(saved.event.clone());
        Ok(saved)
    }

    /// Saves a pasted or dropped file as an attachment of `note` and
    /// publishes it.
    pub fn save_attachment(
        &self,
        note: &str,
        name: Option<&str>,
        ext: &str,
        bytes: &[u8],
        now: &jiff::Zoned,
    ) -> Result<crate::Attached, LiveError> {
        drop(self.read()?);
        let attached = {
            let _writer = self.shared.writer.lock().unwrap_or_else(|e| e.into_inner());
            let mut s = self.shared.session.write().unwrap_or_else(|e| e.into_inner());
            s.save_attachment(note, name, ext, bytes, now)?
        };
        self.shared.publish(attached.event.clone());
        Ok(attached)
    }

    /// The daily note of `date` (today when `None`), created from its
    /// template if there is none yet; publishes a creation.
    pub fn open_daily(
        &self,
        date: Option<jiff::civil::Date>,
        now: &jiff::Zoned,
    ) -> Result<crate::DailyNote, LiveError> {
        drop(self.read()?);
        let (note, event) = {
            let _writer = self.shared.writer.lock().unwrap_or_else(|e| e.into_inner());
            let mut s = self.shared.session.write().unwrap_or_else(|e| e.into_inner());
            s.open_daily(date, now)?
        };
        if let Some(event) = event {
            self.shared.publish(event);
        }
        Ok(note)
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
