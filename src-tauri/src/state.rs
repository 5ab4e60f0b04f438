//! The open vault and its lifecycle: opening it off the UI thread with
//! progress events, forwarding the watcher's change events to the web view,
//! and switching to another vault. Commands wait here (on a blocking
//! thread) until the first vault is ready; a vault restored from its cache
//! is ready at once, while its comparison with the disk runs behind. The
//! list of recent vaults is kept in the app's config folder.
//!
//! Switching is atomic: the vault on screen stays open and answering until
//! the next one has opened, and stays if that fails. Opens are serialised.
//! Only folders the user chose are opened: the one given on the command
//! line, one picked in the folder dialog, or one in the recent list; a path
//! the web view makes up is refused.
//!
//! The vault itself is owned by `hanji-live`; this module holds no vault
//! logic and never writes to the vault.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use hanji_core::Progress as Work;
use hanji_live::{LiveSession, Phase};
use tauri::{AppHandle, Emitter, Manager};

use crate::dto::{ApiError, Progress, VaultChanged};

/// How long a command waits for a vault that is still opening.
const OPEN_WAIT: Duration = Duration::from_secs(600);
/// How often progress is reported while a vault opens.
const PROGRESS_TICK: Duration = Duration::from_millis(100);
/// How many recent vaults are remembered.
const RECENT_MAX: usize = 10;

enum Status {
    /// No vault was asked for (or opening one failed).
    Closed(Option<ApiError>),
    Opening,
    Open(Arc<LiveSession>),
}

/// Tauri's managed state: the one vault this window shows. Cheap to clone
/// (shared), so a command can take it onto a blocking thread.
#[derive(Clone, Default)]
pub struct AppState(Arc<Inner>);

pub struct Inner {
    status: Mutex<Status>,
    changed: Condvar,
    /// Held for the whole of an open: one at a time.
    opening: Mutex<()>,
    /// Folders the user chose this run: the command line's and those picked
    /// in the folder dialog ([`AppState::offer`]).
    chosen: Mutex<HashSet<PathBuf>>,
    /// Counts calls of `unlinked_mentions`, so a scan can tell that a newer
    /// one replaced it.
    unlinked_calls: Arc<AtomicU64>,
}

impl Default for Inner {
    fn default() -> Self {
        Inner {
            status: Mutex::new(Status::Closed(None)),
            changed: Condvar::new(),
            opening: Mutex::new(()),
            chosen: Mutex::new(HashSet::new()),
            unlinked_calls: Arc::default(),
        }
    }
}

impl std::ops::Deref for AppState {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}

impl AppState {
    /// Records that the user chose `dir` (command line, folder dialog), so
    /// [`may_open`] lets the web view open it.
    pub fn offer(&self, dir: &Path) {
        self.chosen.lock().unwrap_or_else(|e| e.into_inner()).insert(dir.to_owned());
    }

    /// Whether the web view may open `dir`: one the user chose this run, or
    /// one in the recent list.
    pub fn may_open(&self, dir: &Path, recent: &[String]) -> bool {
        let chosen = self.chosen.lock().unwrap_or_else(|e| e.into_inner());
        may_open(dir, &chosen, recent)
    }

    /// The open vault, waiting while one is opening.
    pub fn session(&self) -> Result<Arc<LiveSession>, ApiError> {
        let status = self.status.lock().unwrap_or_else(|e| e.into_inner());
        let (status, _) = self
            .changed
            .wait_timeout_while(status, OPEN_WAIT, |s| matches!(s, Status::Opening))
            .unwrap_or_else(|e| e.into_inner());
        match &*status {
            Status::Open(live) => Ok(Arc::clone(live)),
            Status::Opening => Err(ApiError::new("internal", "the vault is still opening")),
            Status::Closed(Some(e)) => Err(e.clone()),
            Status::Closed(None) => Err(ApiError::new("no_vault", "no vault is open")),
        }
    }

    pub fn unlinked_calls(&self) -> Arc<AtomicU64> {
        Arc::clone(&self.unlinked_calls)
    }

    fn set(&self, new: Status) {
        let mut status = self.status.lock().unwrap_or_else(|e| e.into_inner());
        *status = new;
        self.changed.notify_all();
    }

    /// Whether a vault is open (and answering).
    fn is_open(&self) -> bool {
        matches!(*self.status.lock().unwrap_or_else(|e| e.into_inner()), Status::Open(_))
    }
}

/// The rule of [`AppState::may_open`]: `dir` exactly as chosen or as listed
/// in the recent vaults, never a path the web view composed.
fn may_open(dir: &Path, chosen: &HashSet<PathBuf>, recent: &[String]) -> bool {
    chosen.contains(dir) || recent.iter().any(|r| Path::new(r) == dir)
}

/// How long a vault restored from its cache holds back its comparison with
/// the disk: zero, unless `HANJI_TEST_VERIFY_DELAY_MS` says otherwise (a
/// test hook: the end-to-end test that the window answers from the cache
/// before verification ends).
fn verify_delay() -> Duration {
    std::env::var("HANJI_TEST_VERIFY_DELAY_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .map_or(Duration::ZERO, Duration::from_millis)
}

/// Tells the window which phase of opening is under way and, when the phase
/// counts its work, how far it has come (`total` 0: not counted).
fn progress(app: &AppHandle, phase: &'static str, message: &str, done: usize, total: usize) {
    // A window that is gone cannot be told anything; nothing to do then.
    let _ =
        app.emit("vault://progress", Progress { phase, message: message.to_owned(), done, total });
}

/// Opens the vault at `dir` (blocking: call it off the UI thread), one open
/// at a time. The vault open before, if any, keeps answering until this one
/// is open, and stays open if this one fails. From then on the `vault:`
/// scheme (`assets.rs`) serves files of this vault only.
pub fn open(app: &AppHandle, dir: &Path) -> Result<(), ApiError> {
    let state = app.state::<AppState>().inner().clone();
    let _one_at_a_time = state.opening.lock().unwrap_or_else(|e| e.into_inner());
    if !state.is_open() {
        state.set(Status::Opening);
    }
    match open_session(app, dir) {
        Ok(live) => {
            // The old session is dropped here, after the new one is in.
            state.set(Status::Open(live));
            remember(app, dir);
            progress(app, "ready", "ready", 0, 0);
            Ok(())
        }
        Err(e) => {
            if !state.is_open() {
                state.set(Status::Closed(Some(e.clone())));
            }
            progress(app, "ready", &e.message, 0, 0);
            Err(e)
        }
    }
}

fn open_session(app: &AppHandle, dir: &Path) -> Result<Arc<LiveSession>, ApiError> {
    let cache_dir = hanji_core::cache_dir::default_cache_dir(dir);
    let work = Work::default();
    let phase = Mutex::new(("load", "Reading notes"));
    let finished = AtomicBool::new(false);
    let (live, _report, events) = std::thread::scope(|scope| {
        // Reports how far the phase that counts has come, a few times a
        // second, so a large vault shows a moving bar; the work itself never
        // waits for this.
        let ticker = scope.spawn(|| {
            let mut last = None;
            while !finished.load(Ordering::Relaxed) {
                std::thread::park_timeout(PROGRESS_TICK);
                let (done, total) = work.get();
                let (name, message) = *phase.lock().unwrap_or_else(|e| e.into_inner());
                if total > 0 && last != Some((name, done)) {
                    last = Some((name, done));
                    progress(app, name, message, done, total);
                }
            }
        });
        let result = LiveSession::open_at_once(
            dir,
            cache_dir.as_deref(),
            hanji_core::watch::DEFAULT_DEBOUNCE,
            &mut |p| {
                let (name, message) = match p {
                    Phase::Loading => ("load", "Reading notes"),
                    Phase::Verifying => ("scan", "Checking for changes"),
                    Phase::Indexing => ("index", "Indexing for search"),
                };
                *phase.lock().unwrap_or_else(|e| e.into_inner()) = (name, message);
                progress(app, name, message, 0, 0);
            },
            &work,
            verify_delay(),
        );
        finished.store(true, Ordering::Relaxed);
        ticker.thread().unpark();
        result
    })?;
    let handle = app.clone();
    std::thread::spawn(move || {
        // Ends when the session is dropped (its channel closes).
        for e in events {
            let changed = VaultChanged {
                added: e.added,
                modified: e.modified,
                removed: e.removed,
                renamed: e.renamed.into_iter().map(|(from, to)| [from, to]).collect(),
                own_write: e.own_write,
                operation: e.operation,
                vault_gone: e.vault_gone,
                warnings: e.warnings,
                graph: e.graph.into(),
                verified: e.verified,
            };
            let _ = handle.emit("vault://changed", changed);
        }
    });
    Ok(Arc::new(live))
}

fn recent_file(app: &AppHandle) -> Option<PathBuf> {
    app.path().app_config_dir().ok().map(|d| d.join("recent-vaults.json"))
}

/// Vaults opened before, most recent first.
pub fn recent(app: &AppHandle) -> Vec<String> {
    recent_file(app)
        .and_then(|f| std::fs::read(f).ok())
        .and_then(|bytes| serde_json::from_slice::<Vec<String>>(&bytes).ok())
        .unwrap_or_default()
}

/// Puts `dir` first in the recent list. The list is a convenience: failing
/// to write it loses nothing, so errors are ignored.
fn remember(app: &AppHandle, dir: &Path) {
    let Some(file) = recent_file(app) else { return };
    let dir = dir.display().to_string();
    let mut list = recent(app);
    list.retain(|d| *d != dir);
    list.insert(0, dir);
    list.truncate(RECENT_MAX);
    if let (Some(parent), Ok(bytes)) = (file.parent(), serde_json::to_vec_pretty(&list)) {
        let _ = std::fs::create_dir_all(parent);
        let _ = write_atomically(&file, &bytes);
    }
}

/// Takes `dir` off the recent list (the folder itself is not touched);
/// answers the list left.
pub fn forget(app: &AppHandle, dir: &str) -> Vec<String> {
    let mut list = recent(app);
    list.retain(|d| d != dir);
    if let (Some(file), Ok(bytes)) = (recent_file(app), serde_json::to_vec_pretty(&list)) {
        let _ = write_atomically(&file, &bytes);
    }
    list
}

/// A temporary file, fsync, rename: a crash leaves the old list or the new.
pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let tmp = path.with_extension("tmp");
    let mut f = std::fs::File::create(&tmp)?;
    f.write_all(bytes)?;
    f.sync_all()?;
    std::fs::rename(&tmp, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 11, security: the web view cannot open a folder the user did
    /// not choose (`open_vault` with a made-up path).
    #[test]
    fn only_chosen_or_recent_folders_may_be_opened() {
        let chosen: HashSet<PathBuf> = [PathBuf::from("/home/u/notes")].into();
        let recent = vec!["/home/u/old vault".to_owned()];
        assert!(may_open(Path::new("/home/u/notes"), &chosen, &recent));
        assert!(may_open(Path::new("/home/u/old vault"), &chosen, &recent));
        for made_up in ["/", "/etc", "/home/u", "/home/u/notes/sub", "/home/u/notes/.."] {
            assert!(!may_open(Path::new(made_up), &chosen, &recent), "{made_up} was allowed");
        }
    }
}
