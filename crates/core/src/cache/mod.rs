//! The metadata cache: one SQLite file per vault (in the cache folder, never
//! in the vault) holding every note's size, modification time, content hash
//! and parsed metadata, so a vault reopens without reading note bodies.
//!
//! The cache is a copy, never the truth: a file that is corrupt, truncated,
//! from another schema version, or from a crash mid-write is detected,
//! deleted and rebuilt with a warning; a cache written under other parsing
//! or resolution rules is emptied; a row whose checksum does not match is
//! dropped and its note parsed again. A cache that is merely busy (another
//! Hanji process writing it) is waited for, never deleted. Opening it never
//! fails because of its contents. This module and its codec are the only
//! code that knows the format.

mod codec;
pub mod rules;

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use rusqlite::{params, Connection, OpenFlags};

use crate::content::Content;
use crate::parse::ParsedNote;

pub use codec::{decode, decode_targets, encode, encode_targets, StoredTarget};

/// Version of the schema *and* of the encoded metadata. A cache written with
/// another version is rebuilt. Migrations for future versions go in
/// [`MIGRATIONS`].
pub const SCHEMA_VERSION: i64 = 3;

/// How long a statement waits for another connection (another Hanji
/// process) to let go of the database before giving up with a busy error.
const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// `MIGRATIONS[i]` takes the schema from version `i` to `i + 1`.
const MIGRATIONS: &[&str] = &[
    "
    CREATE TABLE files (
        path     TEXT PRIMARY KEY NOT NULL,
        size     INTEGER NOT NULL,
        mtime_ns INTEGER NOT NULL,
        hash     INTEGER NOT NULL,
        content  INTEGER NOT NULL,
        parsed   BLOB NOT NULL
    ) WITHOUT ROWID;
",
    "
    -- Resolved link targets (NULL until resolved), and the attachments they
    -- may point at, so that a reopen does not resolve every link again.
    ALTER TABLE files ADD COLUMN links BLOB;
    CREATE TABLE attachments (path TEXT PRIMARY KEY NOT NULL) WITHOUT ROWID;
",
    "
    -- Checksums over each row's fields and over its stored links, so a
    -- damaged row is parsed again instead of answering wrongly; and the
    -- rules the rows were made with. Older rows have no checksum: drop them.
    ALTER TABLE files ADD COLUMN sum INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE files ADD COLUMN links_sum INTEGER;
    CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL) WITHOUT ROWID;
    DELETE FROM files;
    DELETE FROM attachments;
",
];

#[derive(Debug, thiserror::Error)]
pub enum CacheError {
    #[error("cache {path}: {source}")]
    Sqlite {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },
    #[error("cache {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cache {path} is in use by another process and stayed busy: {source}")]
    Busy {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },
}

impl CacheError {
    /// True when the error says the file is damaged (not a database,
    /// corrupt), so deleting and rebuilding it is the cure; false for a
    /// busy database, a permission problem or a full disk, where deleting
    /// would only lose a good cache.
    pub fn is_damage(&self) -> bool {
        match self {
            CacheError::Sqlite { source, .. } => is_damage(source),
            CacheError::Io { .. } | CacheError::Busy { .. } => false,
        }
    }
}

fn is_damage(e: &rusqlite::Error) -> bool {
    use rusqlite::ErrorCode::{DatabaseCorrupt, NotADatabase};
    matches!(e.sqlite_error_code(), Some(DatabaseCorrupt | NotADatabase))
}

fn is_busy(e: &rusqlite::Error) -> bool {
    use rusqlite::ErrorCode::{DatabaseBusy, DatabaseLocked};
    matches!(e.sqlite_error_code(), Some(DatabaseBusy | DatabaseLocked))
}

/// Why a cache file could not be used as it is.
enum OpenFailure {
    /// Damaged, or from another schema: delete it and start over.
    Untrusted(String),
    /// A good file that could not be opened now (busy, permissions): keep it.
    Failed(rusqlite::Error),
}

impl OpenFailure {
    fn from_sqlite(what: &str, e: rusqlite::Error) -> OpenFailure {
        if is_damage(&e) {
            OpenFailure::Untrusted(format!("{what}: {e}"))
        } else {
            OpenFailure::Failed(e)
        }
    }
}

/// A row to write: the metadata already encoded, which is several times
/// smaller than the parsed form it stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CacheRow {
    pub path: String,
    pub size: u64,
    pub mtime_ns: u128,
    pub hash: u64,
    pub content: Content,
    pub blob: Vec<u8>,
}

impl From<&CachedFile> for CacheRow {
    fn from(f: &CachedFile) -> CacheRow {
        CacheRow {
            path: f.path.clone(),
            size: f.size,
            mtime_ns: f.mtime_ns,
            hash: f.hash,
            content: f.content,
            blob: encode(&f.parsed),
        }
    }
}

/// One cached note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CachedFile {
    pub path: String,
    pub size: u64,
    pub mtime_ns: u128,
    pub hash: u64,
    pub content: Content,
    pub parsed: ParsedNote,
    /// The note's resolved links ([`encode_targets`]), if stored.
    pub links: Option<Vec<u8>>,
}

/// Everything one update writes, in one transaction.
#[derive(Debug, Default)]
pub struct CacheWrite<'a> {
    /// Notes read again; their stored links are cleared.
    pub upserts: &'a [CacheRow],
    /// Notes that are gone.
    pub removed: &'a [String],
    /// Resolved links of notes, by path ([`encode_targets`]).
    pub links: &'a [(String, Vec<u8>)],
    pub attachments_added: &'a [String],
    pub attachments_removed: &'a [String],
    /// Replace the attachment list with `attachments_added`.
    pub replace_attachments: bool,
}

pub struct Cache {
    path: PathBuf,
    conn: Connection,
    /// Why the cache was rebuilt on open, if it was.
    pub rebuilt: Option<String>,
}

fn content_code(c: Content) -> i64 {
    match c {
        Content::Parsed => 0,
        Content::Lossy => 1,
        Content::TooLarge => 2,
        Content::Unreadable => 3,
    }
}

fn content_of(code: i64) -> Option<Content> {
    Some(match code {
        0 => Content::Parsed,
        1 => Content::Lossy,
        2 => Content::TooLarge,
        3 => Content::Unreadable,
        _ => return None,
    })
}

impl Cache {
    /// Opens (or creates) the cache file at `path`. A cache that cannot be
    /// trusted is deleted and created anew; `rebuilt` says why.
    pub fn open(path: &Path) -> Result<Cache, CacheError> {
        Self::open_waiting(path, BUSY_TIMEOUT)
    }

    /// [`Cache::open`], waiting at most `wait` for another connection that
    /// holds the database; after that, [`CacheError::Busy`], and the file is
    /// left as it is.
    pub fn open_waiting(path: &Path, wait: std::time::Duration) -> Result<Cache, CacheError> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|source| CacheError::Io { path: dir.to_owned(), source })?;
        }
        match Self::try_open(path, wait) {
            Ok((conn, rules_changed)) => {
                Ok(Cache { path: path.to_owned(), conn, rebuilt: rules_changed })
            }
            Err(OpenFailure::Untrusted(reason)) => Self::recreate(path, reason),
            Err(OpenFailure::Failed(source)) => Err(Self::failure(path, source)),
        }
    }

    fn failure(path: &Path, source: rusqlite::Error) -> CacheError {
        if is_busy(&source) {
            CacheError::Busy { path: path.to_owned(), source }
        } else {
            CacheError::Sqlite { path: path.to_owned(), source }
        }
    }

    /// Deletes whatever is at `path` (with SQLite's side files) and creates
    /// an empty cache there.
    fn recreate(path: &Path, reason: String) -> Result<Cache, CacheError> {
        let wait = BUSY_TIMEOUT;
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let mut p = path.as_os_str().to_owned();
            p.push(suffix);
            match std::fs::remove_file(&p) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(source) => return Err(CacheError::Io { path: PathBuf::from(p), source }),
            }
        }
        match Self::try_open(path, wait) {
            Ok((conn, _)) => Ok(Cache { path: path.to_owned(), conn, rebuilt: Some(reason) }),
            Err(OpenFailure::Failed(source)) => Err(Self::failure(path, source)),
            Err(OpenFailure::Untrusted(_)) => Err(CacheError::Sqlite {
                path: path.to_owned(),
                source: rusqlite::Error::InvalidPath(path.to_owned()),
            }),
        }
    }

    /// Opens and checks the file, bringing its schema and rules up to date.
    /// `Ok` carries why the rows were emptied (the rules changed), if they
    /// were; `Err` says whether the file must go or only could not be used
    /// now.
    fn try_open(
        path: &Path,
        wait: std::time::Duration,
    ) -> Result<(Connection, Option<String>), OpenFailure> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(OpenFailure::Failed)?;
        // Another Hanji process (the app beside the CLI) may be writing: wait
        // for it rather than take its lock for damage.
        conn.busy_timeout(wait).map_err(OpenFailure::Failed)?;
        // A file that is not a database fails here. Damage deeper inside is
        // found when the rows are read (checksums, SQLite's own checks), and
        // `reset` starts over then; a full integrity check on every open
        // would read the whole file (30 ms at 100k notes).
        let fail = OpenFailure::from_sqlite;
        conn.pragma_update(None, "journal_mode", "WAL").map_err(|e| fail("cannot use WAL", e))?;
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(|e| fail("cannot set sync", e))?;
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| fail("cannot read the schema version", e))?;
        if !(0..=SCHEMA_VERSION).contains(&version) {
            return Err(OpenFailure::Untrusted(format!(
                "schema version {version}, this build knows {SCHEMA_VERSION}"
            )));
        }
        for (from, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
            let migrate = || -> rusqlite::Result<()> {
                let tx = conn.unchecked_transaction()?;
                // Another process may have migrated meanwhile.
                let now: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
                if now == from as i64 {
                    tx.execute_batch(sql)?;
                    tx.pragma_update(None, "user_version", from as i64 + 1)?;
                }
                tx.commit()
            };
            migrate().map_err(|e| match e {
                e if is_busy(&e) => OpenFailure::Failed(e),
                e => OpenFailure::Untrusted(format!("migration {from}: {e}")),
            })?;
        }
        let rules_changed = Self::check_rules(&conn)?;
        Ok((conn, rules_changed))
    }

    /// Empties the rows when they were made under other parsing or
    /// resolution rules than this build's ([`rules::current`]).
    fn check_rules(conn: &Connection) -> Result<Option<String>, OpenFailure> {
        let current = rules::current();
        let stored: Option<String> = conn
            .query_row("SELECT value FROM meta WHERE key = 'rules'", [], |r| r.get(0))
            .map(Some)
            .or_else(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => Ok(None),
                e => Err(e),
            })
            .map_err(|e| OpenFailure::from_sqlite("cannot read the rules", e))?;
        if stored.as_deref() == Some(current.as_str()) {
            return Ok(None);
        }
        let reset = || -> rusqlite::Result<()> {
            let tx = conn.unchecked_transaction()?;
            tx.execute("DELETE FROM files", [])?;
            tx.execute("DELETE FROM attachments", [])?;
            tx.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES ('rules', ?1)",
                params![current],
            )?;
            tx.commit()
        };
        reset().map_err(|e| OpenFailure::from_sqlite("cannot record the rules", e))?;
        Ok(stored.map(|old| format!("written under other parsing rules ({old}, now {current})")))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Deletes the cache file and starts an empty one, after damage was
    /// found while reading it; `why` becomes [`Cache::rebuilt`].
    pub fn reset(&mut self, why: String) -> Result<(), CacheError> {
        // Close the damaged file first: SQLite removes its side files by
        // name on close, which must not hit the new cache's.
        let placeholder = Connection::open_in_memory()
            .map_err(|source| CacheError::Sqlite { path: self.path.clone(), source })?;
        drop(std::mem::replace(&mut self.conn, placeholder));
        *self = Self::recreate(&self.path, why)?;
        Ok(())
    }

    /// Every cached note. Rows that do not decode or whose checksum does not
    /// match are left out (those notes are parsed again) and deleted.
    pub fn load_all(&mut self) -> Result<Vec<CachedFile>, CacheError> {
        let path = self.path.clone();
        let err = |source| Self::failure(&path, source);
        let mut stmt = self
            .conn
            .prepare("SELECT path, size, mtime_ns, hash, content, parsed, sum, links, links_sum FROM files")
            .map_err(err)?;
        type Raw = (String, i64, i64, i64, i64, Vec<u8>, i64, Option<Vec<u8>>, Option<i64>);
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                    r.get(8)?,
                ))
            })
            .map_err(err)?;
        let raw: Vec<Raw> = rows.collect::<Result<_, _>>().map_err(err)?;
        drop(stmt);
        // SQLite reads on one thread; decoding, the larger part, runs on all.
        let decoded: Vec<Result<CachedFile, String>> = raw
            .into_par_iter()
            .map(|(path, size, mtime, hash, content, blob, sum, links, links_sum)| {
                let good = row_sum(&path, size, mtime, hash, content, &blob) == sum;
                let file = good
                    .then(|| {
                        Some(CachedFile {
                            size: size as u64,
                            mtime_ns: u128::try_from(mtime).ok()?,
                            hash: hash as u64,
                            content: content_of(content)?,
                            parsed: decode(&blob)?,
                            // Damaged stored links are only resolved again.
                            links: links.filter(|l| Some(links_sum_of(&path, l)) == links_sum),
                            path: path.clone(),
                        })
                    })
                    .flatten();
                file.ok_or(path)
            })
            .collect();
        let mut out = Vec::with_capacity(decoded.len());
        let mut bad = Vec::new();
        for d in decoded {
            match d {
                Ok(f) => out.push(f),
                Err(path) => bad.push(path),
            }
        }
        if !bad.is_empty() {
            // Best effort: a bad row left behind is skipped again next time.
            let _ = self.apply(&[], &bad);
        }
        Ok(out)
    }

    /// The attachments known when links were last stored.
    pub fn load_attachments(&self) -> Result<Vec<String>, CacheError> {
        let err = |source| CacheError::Sqlite { path: self.path.clone(), source };
        let mut stmt = self.conn.prepare("SELECT path FROM attachments").map_err(err)?;
        let rows = stmt.query_map([], |r| r.get(0)).map_err(err)?;
        rows.collect::<Result<_, _>>().map_err(err)
    }

    /// Writes `upserts` and deletes `removed` paths in one transaction.
    pub fn apply(&mut self, upserts: &[CacheRow], removed: &[String]) -> Result<(), CacheError> {
        self.write(&CacheWrite { upserts, removed, ..CacheWrite::default() })
    }

    /// Writes everything in `w` in one transaction: after a crash the cache
    /// holds all of it or none of it.
    pub fn write(&mut self, w: &CacheWrite<'_>) -> Result<(), CacheError> {
        let path = self.path.clone();
        let err = |source| Self::failure(&path, source);
        let tx = self.conn.transaction().map_err(err)?;
        {
            let mut put = tx
                .prepare_cached(
                    "INSERT OR REPLACE INTO files (path, size, mtime_ns, hash, content, parsed, sum, links, links_sum) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, NULL, NULL)",
                )
                .map_err(err)?;
            for f in w.upserts {
                let (size, mtime, hash, content) = (
                    f.size as i64,
                    i64::try_from(f.mtime_ns).unwrap_or(i64::MAX),
                    f.hash as i64,
                    content_code(f.content),
                );
                let sum = row_sum(&f.path, size, mtime, hash, content, &f.blob);
                put.execute(params![f.path, size, mtime, hash, content, f.blob, sum])
                    .map_err(err)?;
            }
            let mut del = tx.prepare_cached("DELETE FROM files WHERE path = ?1").map_err(err)?;
            for p in w.removed {
                del.execute(params![p]).map_err(err)?;
            }
            let mut links = tx
                .prepare_cached("UPDATE files SET links = ?2, links_sum = ?3 WHERE path = ?1")
                .map_err(err)?;
            for (p, blob) in w.links {
                links.execute(params![p, blob, links_sum_of(p, blob)]).map_err(err)?;
            }
            if w.replace_attachments {
                tx.execute("DELETE FROM attachments", []).map_err(err)?;
            }
            let mut add = tx
                .prepare_cached("INSERT OR IGNORE INTO attachments (path) VALUES (?1)")
                .map_err(err)?;
            for p in w.attachments_added {
                add.execute(params![p]).map_err(err)?;
            }
            let mut del =
                tx.prepare_cached("DELETE FROM attachments WHERE path = ?1").map_err(err)?;
            for p in w.attachments_removed {
                del.execute(params![p]).map_err(err)?;
            }
        }
        tx.commit().map_err(err)
    }
}

/// The checksum a row carries over every field it is trusted for: a row
/// whose bytes were damaged on disk no longer matches it. A word-at-a-time
/// hash (not the byte-wise FNV of `content_hash`): every row is checked on
/// every reopen, and this is several times faster on the blobs. Its only
/// job is telling damage apart; a new hash in a later build just means
/// every row is parsed again once.
fn row_sum(path: &str, size: i64, mtime: i64, hash: i64, content: i64, blob: &[u8]) -> i64 {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    h.write_usize(path.len());
    h.write(path.as_bytes());
    for v in [size, mtime, hash, content] {
        h.write_i64(v);
    }
    h.write_usize(blob.len());
    h.write(blob);
    h.finish() as i64
}

/// The checksum of a note's stored links, tied to its path.
fn links_sum_of(path: &str, blob: &[u8]) -> i64 {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    h.write_usize(path.len());
    h.write(path.as_bytes());
    h.write_usize(blob.len());
    h.write(blob);
    h.finish() as i64
}

/// FNV-1a over a note's bytes: cheap, stable, and only used to tell whether
/// content changed when size and time cannot say.
pub fn content_hash(bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .fold(0xcbf2_9ce4_8422_2325, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse_note;

    fn row(path: &str, text: &str) -> CachedFile {
        CachedFile {
            path: path.to_owned(),
            size: text.len() as u64,
            mtime_ns: 1_700_000_000_123_456_789,
            hash: content_hash(text.as_bytes()),
            content: Content::Parsed,
            parsed: parse_note(text),
            links: None,
        }
    }

    #[test]
    fn stores_and_loads_rows() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("cache.sqlite");
        let mut cache = Cache::open(&path).expect("opens");
        assert_eq!(cache.rebuilt, None);
        let a = row("a.md", "# A\n[[b]] #면접\n");
        let b = row("폴더/b.md", "---\ntags: [x]\n---\n- [ ] task ^blk\n");
        cache.apply(&[CacheRow::from(&a), CacheRow::from(&b)], &[]).expect("writes");
        drop(cache);
        let mut cache = Cache::open(&path).expect("reopens");
        let mut rows = cache.load_all().expect("reads");
        rows.sort_by(|x, y| x.path.cmp(&y.path));
        assert_eq!(rows, [a.clone(), b]);
        cache.apply(&[], &["폴더/b.md".to_owned()]).expect("deletes");
        assert_eq!(cache.load_all().expect("reads"), [a]);
    }

    #[test]
    fn untrusted_caches_are_rebuilt() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("cache.sqlite");
        let mut cache = Cache::open(&path).expect("opens");
        cache.apply(&[CacheRow::from(&row("a.md", "# A\n"))], &[]).expect("writes");
        drop(cache);

        // Truncated file.
        let bytes = std::fs::read(&path).expect("cache file exists");
        std::fs::write(&path, &bytes[..bytes.len().min(100)]).expect("truncate");
        let mut cache = Cache::open(&path).expect("opens anyway");
        assert!(cache.rebuilt.is_some());
        assert!(cache.load_all().expect("reads").is_empty());
        drop(cache);

        // Garbage.
        std::fs::write(&path, b"this is not a database, not even close").expect("write");
        let cache = Cache::open(&path).expect("opens anyway");
        assert!(cache.rebuilt.is_some(), "garbage is detected");
        drop(cache);

        // A schema from a future version.
        let conn = Connection::open(&path).expect("raw open");
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1).expect("set version");
        drop(conn);
        let mut cache = Cache::open(&path).expect("opens anyway");
        assert!(
            cache.rebuilt.as_deref().is_some_and(|r| r.contains("schema version")),
            "{:?}",
            cache.rebuilt
        );
        assert!(cache.load_all().expect("reads").is_empty());
    }
}
