//! Watching a vault folder: file-system events from `notify`, debounced, as
//! batches of paths that changed.
//!
//! The watcher does not interpret events. Whether a path was created,
//! written, renamed or deleted, the vault finds out by looking at the disk
//! ([`crate::Vault::refresh`]), so a missed or reordered event cannot leave
//! the vault believing something the disk does not say. For the same reason
//! the debouncing here is deliberately simple: every path named by any event
//! is kept until the folder has been quiet for the debounce time. (Debouncers
//! that merge events, such as rewriting a rename followed by a delete into a
//! single delete, can drop the old path of a move, and then a note that moved
//! away would linger.) When the operating system drops events (a queue
//! overflow), the batch asks for a full rescan.
//!
//! A folder the vault lists through a symbolic link is not under the root
//! as the operating system sees it, so it is watched on its own
//! ([`Watcher::follow_links`]) and what happens there is reported under the
//! link's path, the path the vault knows it by. This module never reads or
//! writes files itself.
//!
//! When the operating system will not watch the folder (on Linux, a vault
//! with more folders than `fs.inotify.max_user_watches` allows), the
//! watcher falls back to polling the folder every [`POLL_INTERVAL`], and
//! says so ([`Watcher::polling`]): changes then arrive late, never not at
//! all, and the vault still opens.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use notify::event::EventKind;
use notify::{Event, PollWatcher, RecursiveMode, Watcher as _};

/// How long a path must stay quiet before its change is reported. Short
/// enough that a save shows up at once, long enough that an editor's
/// write-then-rename save arrives as one change.
pub const DEFAULT_DEBOUNCE: Duration = Duration::from_millis(50);

/// How often a polling watcher (the fallback) looks at the folder.
pub const POLL_INTERVAL: Duration = Duration::from_secs(2);

/// However busy the folder, a batch is sent at least this often, so a long
/// burst (a `git checkout` of thousands of files) shows progress.
pub const MAX_BATCH_DELAY: Duration = Duration::from_millis(500);

/// Paths that changed, with the time the first of them was reported.
#[derive(Debug, Clone)]
pub struct WatchBatch {
    /// Absolute paths (files or folders), sorted and without duplicates.
    pub paths: Vec<PathBuf>,
    /// Events were lost: the whole vault must be compared with the disk.
    pub rescan: bool,
    /// Problems the watcher reported (a folder it could not watch, say).
    pub errors: Vec<String>,
    pub received: Instant,
}

#[derive(Debug, thiserror::Error)]
pub enum WatchError {
    #[error("cannot watch {path}: {source}")]
    Watch {
        path: PathBuf,
        #[source]
        source: notify::Error,
    },
}

/// Linked folders being watched: (real folder, the link's path under the
/// root), longest real path first so the innermost folder wins.
type Links = Arc<Mutex<Vec<(PathBuf, PathBuf)>>>;

/// A running watcher; dropping it stops watching (and, once the last batch
/// is sent, closes the channel).
pub struct Watcher {
    watcher: Box<dyn notify::Watcher + Send>,
    links: Links,
    /// Why the folder is polled instead of watched, when it is.
    polling: Option<String>,
}

impl std::fmt::Debug for Watcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Watcher")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_in_linked_folders_are_reported_under_the_link() {
        let links = vec![
            (PathBuf::from("/elsewhere/notes/sub"), PathBuf::from("/vault/deep")),
            (PathBuf::from("/elsewhere/notes"), PathBuf::from("/vault/linked")),
        ];
        let check = |p: &str, expect: &str| {
            assert_eq!(through_links(PathBuf::from(p), &links), PathBuf::from(expect), "{p}");
        };
        check("/elsewhere/notes/a.md", "/vault/linked/a.md");
        check("/elsewhere/notes/sub/b.md", "/vault/deep/b.md");
        check("/elsewhere/notes", "/vault/linked");
        check("/elsewhere/notesx/c.md", "/elsewhere/notesx/c.md");
        check("/vault/x.md", "/vault/x.md");
    }

    /// Issue 11: a folder the operating system will not watch is polled,
    /// and changes still arrive.
    #[test]
    fn a_polled_folder_still_reports_changes() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().canonicalize().expect("canonical");
        let (watcher, batches) =
            Watcher::start_with(&root, Duration::from_millis(50), true).expect("polling starts");
        let why = watcher.polling().expect("says it polls");
        assert!(why.contains("checked for changes every 2 s"), "{why}");
        // The poller's first look is its baseline; a change after it is news.
        std::thread::sleep(POLL_INTERVAL / 2);
        std::fs::write(root.join("면접.md"), "# 면접\n").expect("write");
        let deadline = Instant::now() + POLL_INTERVAL * 5;
        let mut seen = Vec::new();
        while Instant::now() < deadline && !seen.contains(&root.join("면접.md")) {
            if let Ok(batch) = batches.recv_timeout(POLL_INTERVAL) {
                seen.extend(batch.paths);
            }
        }
        assert!(seen.contains(&root.join("면접.md")), "the new note was reported: {seen:?}");
        let (native, _) = Watcher::start(&root, Duration::from_millis(50)).expect("starts");
        assert_eq!(native.polling(), None, "inotify works here: not polled");
    }
}

impl Watcher {
    /// Watches `root` and everything under it. Batches arrive on the returned
    /// channel once no event has come for `debounce`.
    /// When the operating system's watcher cannot be had, the folder is
    /// polled instead ([`Watcher::polling`] says why).
    pub fn start(
        root: &Path,
        debounce: Duration,
    ) -> Result<(Watcher, Receiver<WatchBatch>), WatchError> {
        Self::start_with(root, debounce, false)
    }

    /// [`Watcher::start`]; with `poll`, polling from the start (what a
    /// vault gets when the operating system refuses to watch it; for tests).
    pub fn start_with(
        root: &Path,
        debounce: Duration,
        poll: bool,
    ) -> Result<(Watcher, Receiver<WatchBatch>), WatchError> {
        let err = |source| WatchError::Watch { path: root.to_owned(), source };
        let (raw_tx, raw_rx) = channel::<notify::Result<Event>>();
        let (tx, rx) = channel();
        let native = if poll {
            Err("polling was asked for".to_owned())
        } else {
            notify::recommended_watcher(raw_tx.clone())
                .and_then(|mut w| w.watch(root, RecursiveMode::Recursive).map(|()| w))
                .map_err(|e| e.to_string())
        };
        let (watcher, polling): (Box<dyn notify::Watcher + Send>, _) = match native {
            Ok(w) => (Box::new(w), None),
            Err(why) => {
                let config = notify::Config::default().with_poll_interval(POLL_INTERVAL);
                let mut w = PollWatcher::new(raw_tx, config).map_err(err)?;
                w.watch(root, RecursiveMode::Recursive).map_err(err)?;
                (Box::new(w), Some(why))
            }
        };
        let links: Links = Arc::default();
        let shared = Arc::clone(&links);
        std::thread::Builder::new()
            .name("hanji-watch".to_owned())
            .spawn(move || debounce_loop(&raw_rx, &tx, debounce, &shared))
            .map_err(|e| err(notify::Error::io(e)))?;
        Ok((Watcher { watcher, links, polling }, rx))
    }

    /// When the folder is polled rather than watched (the operating system
    /// refused to watch it), a sentence saying so and why, for the user.
    pub fn polling(&self) -> Option<String> {
        self.polling.as_ref().map(|why| {
            format!(
                "the vault folder cannot be watched ({why}); it is checked for changes every {} s instead",
                POLL_INTERVAL.as_secs()
            )
        })
    }

    /// Watches the real folders behind the vault's linked folders (pairs
    /// of the link's path and the real folder), and stops watching those
    /// that are no longer linked. What changed in a newly watched folder
    /// before its watch began was seen by nobody, so the links' paths are
    /// returned in `added`, for the caller to look at once.
    pub fn follow_links(&mut self, linked: &[(PathBuf, PathBuf)]) -> Followed {
        let mut links = self.links.lock().unwrap_or_else(|e| e.into_inner());
        let mut out = Followed::default();
        for (real, _) in links.iter() {
            if !linked.iter().any(|(_, r)| r == real) {
                // Already gone with its folder, if it is gone.
                let _ = self.watcher.unwatch(real);
            }
        }
        let mut next: Vec<(PathBuf, PathBuf)> = Vec::with_capacity(linked.len());
        for (alias, real) in linked {
            if links.iter().any(|(r, _)| r == real) {
                next.push((real.clone(), alias.clone()));
            } else if self.watcher.watch(real, RecursiveMode::Recursive).is_ok() {
                next.push((real.clone(), alias.clone()));
                out.added.push(alias.clone());
            } else {
                out.warnings.push(format!(
                    "cannot watch {}, linked as {}",
                    real.display(),
                    alias.display()
                ));
            }
        }
        next.sort_by_key(|(real, _)| std::cmp::Reverse(real.as_os_str().len()));
        *links = next;
        out
    }
}

/// What [`Watcher::follow_links`] did.
#[derive(Debug, Default)]
pub struct Followed {
    /// Links whose folders are watched from now on (paths under the root).
    pub added: Vec<PathBuf>,
    /// Folders that could not be watched.
    pub warnings: Vec<String>,
}

/// `path` as the vault knows it: under a link's path when it is inside a
/// linked folder's real location.
fn through_links(path: PathBuf, links: &[(PathBuf, PathBuf)]) -> PathBuf {
    for (real, alias) in links {
        if let Ok(rest) = path.strip_prefix(real) {
            return if rest.as_os_str().is_empty() { alias.clone() } else { alias.join(rest) };
        }
    }
    path
}

/// Gathers raw events into batches until the watcher goes away.
fn debounce_loop(
    raw: &Receiver<notify::Result<Event>>,
    out: &Sender<WatchBatch>,
    debounce: Duration,
    links: &Links,
) {
    // The first event of a batch: wait as long as it takes.
    while let Ok(first) = raw.recv() {
        let received = Instant::now();
        let mut batch =
            WatchBatch { paths: Vec::new(), rescan: false, errors: Vec::new(), received };
        add(&mut batch, first);
        let mut open = true;
        while received.elapsed() < MAX_BATCH_DELAY {
            match raw.recv_timeout(debounce) {
                Ok(event) => add(&mut batch, event),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => {
                    open = false;
                    break;
                }
            }
        }
        {
            let links = links.lock().unwrap_or_else(|e| e.into_inner());
            if !links.is_empty() {
                let paths = std::mem::take(&mut batch.paths);
                batch.paths = paths.into_iter().map(|p| through_links(p, &links)).collect();
            }
        }
        batch.paths.sort_unstable();
        batch.paths.dedup();
        if (!batch.paths.is_empty() || batch.rescan || !batch.errors.is_empty())
            && out.send(batch).is_err()
        {
            return;
        }
        if !open {
            return;
        }
    }
}

fn add(batch: &mut WatchBatch, event: notify::Result<Event>) {
    match event {
        Ok(e) => {
            batch.rescan |= e.need_rescan();
            // Opening or reading a file changes nothing.
            if !matches!(e.kind, EventKind::Access(_)) {
                batch.paths.extend(e.paths);
            }
        }
        Err(e) => {
            batch.rescan = true;
            batch.errors.push(e.to_string());
        }
    }
}
