//! The open vault and its lifecycle: opening it off the UI thread with
//! progress events, forwarding the watcher's change events to the web view,
//! and switching to another vault. Commands wait here until the vault is
//! ready. The list of recent vaults is kept in the app's config folder.
//!
//! The vault itself is owned by `hanji-live`; this module holds no vault
//! logic and never writes to the vault.

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

/// Tauri's managed state: the one vault this window shows.
pub struct AppState {
    status: Mutex<Status>,
    changed: Condvar,
    /// Counts calls of `unlinked_mentions`, so a scan can tell that a newer
    /// one replaced it.
    unlinked_calls: Arc<AtomicU64>,
}

impl Default for AppState {
    fn default() -> Self {
        AppState {
            status: Mutex::new(Status::Closed(None)),
            changed: Condvar::new(),
            unlinked_calls: Arc::default(),
        }
    }
}

impl AppState {
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
}

/// Tells the window which phase of opening is under way and, when the phase
/// counts its work, how far it has come (`total` 0: not counted).
fn progress(app: &AppHandle, phase: &'static str, message: &str, done: usize, total: usize) {
    // A window that is gone cannot be told anything; nothing to do then.
    let _ =
        app.emit("vault://progress", Progress { phase, message: message.to_owned(), done, total });
}

/// Opens the vault at `dir` (blocking: call it off the UI thread). The
/// previous vault, if any, is closed first. From then on the `vault:` scheme
/// (`assets.rs`) serves files of this vault only.
pub fn open(app: &AppHandle, dir: &Path) -> Result<(), ApiError> {
    let state = app.state::<AppState>();
    state.set(Status::Opening);
    let result = open_session(app, dir);
    match result {
        Ok(live) => {
            state.set(Status::Open(live));
            remember(app, dir);
            progress(app, "ready", "ready", 0, 0);
            Ok(())
        }
        Err(e) => {
            state.set(Status::Closed(Some(e.clone())));
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
        let result = LiveSession::open(
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
                vault_gone: e.vault_gone,
                warnings: e.warnings,
                graph: e.graph.into(),
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

/// A temporary file, fsync, rename: a crash leaves the old list or the new.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let tmp = path.with_extension("tmp");
    let mut f = std::fs::File::create(&tmp)?;
    f.write_all(bytes)?;
    f.sync_all()?;
    std::fs::rename(&tmp, path)
}
