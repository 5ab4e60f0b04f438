//! Acquiring the index writer when someone else may hold it.
//!
//! Tantivy's writer lock is a file lock, so a `hanji watch` (which keeps its
//! writer for a couple of seconds after each change) and a CLI `search`
//! that brings the index up to date take turns on it. A busy lock is waited
//! for, with a short backoff, for longer than the live session holds it idle.

use std::thread::sleep;
use std::time::{Duration, Instant};

use tantivy::directory::error::LockError;
use tantivy::{IndexWriter, TantivyError};

/// How long to wait for another writer to let go. More than the live
/// session's idle hold (2 s), so a CLI sync never fails just because
/// `watch` applied a change a moment ago.
pub const WRITER_LOCK_WAIT: Duration = Duration::from_secs(10);

const FIRST_BACKOFF: Duration = Duration::from_millis(5);
const MAX_BACKOFF: Duration = Duration::from_millis(200);

/// Why no writer was acquired.
pub(crate) enum AcquireError {
    /// Still locked after waiting this long.
    Busy(Duration),
    Other(TantivyError),
}

/// Calls `make` until it gives a writer, waiting while the lock is busy, for
/// at most `wait`.
pub(crate) fn acquire(
    wait: Duration,
    mut make: impl FnMut() -> tantivy::Result<IndexWriter>,
) -> Result<IndexWriter, AcquireError> {
    let started = Instant::now();
    let mut backoff = FIRST_BACKOFF;
    loop {
        match make() {
            Ok(w) => return Ok(w),
            Err(TantivyError::LockFailure(LockError::LockBusy, _)) => {
                let waited = started.elapsed();
                if waited >= wait {
                    return Err(AcquireError::Busy(waited));
                }
                sleep(backoff.min(wait - waited));
                backoff = (backoff * 2).min(MAX_BACKOFF);
            }
            Err(e) => return Err(AcquireError::Other(e)),
        }
    }
}
