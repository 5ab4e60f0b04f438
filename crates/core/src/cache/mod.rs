//! The metadata cache: one SQLite file per vault (in the cache folder, never
//! in the vault) holding every note's size, modification time, content hash
//! and parsed metadata, so a vault reopens without reading note bodies.
//!
//! The cache is a copy, never the truth: a file that is corrupt, truncated,
//! from another schema version, or from a crash mid-write is detected,
//! deleted and rebuilt with a warning. Opening it never fails because of its
//! contents. This module and its codec are the only code that knows the
//! format.

mod codec;

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use rusqlite::{params, Connection, OpenFlags};

use crate::parse::ParsedNote;
use crate::vault::Content;

pub use codec::{decode, encode};

/// Version of the schema *and* of the encoded metadata. A cache written with
/// another version is rebuilt. Migrations for future versions go in
/// [`MIGRATIONS`].
pub const SCHEMA_VERSION: i64 = 1;

/// `MIGRATIONS[i]` takes the schema from version `i` to `i + 1`.
const MIGRATIONS: &[&str] = &["
    CREATE TABLE files (
        path     TEXT PRIMARY KEY NOT NULL,
        size     INTEGER NOT NULL,
        mtime_ns INTEGER NOT NULL,
        hash     INTEGER NOT NULL,
        content  INTEGER NOT NULL,
        parsed   BLOB NOT NULL
    ) WITHOUT ROWID;
"];

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
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|source| CacheError::Io { path: dir.to_owned(), source })?;
        }
        match Self::try_open(path) {
            Ok(conn) => Ok(Cache { path: path.to_owned(), conn, rebuilt: None }),
            Err(reason) => {
                for suffix in ["", "-wal", "-shm", "-journal"] {
                    let mut p = path.as_os_str().to_owned();
                    p.push(suffix);
                    match std::fs::remove_file(&p) {
                        Ok(()) => {}
                        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                        Err(source) => {
                            return Err(CacheError::Io { path: PathBuf::from(p), source })
                        }
                    }
                }
                let conn = Self::try_open(path).map_err(|_| CacheError::Sqlite {
                    path: path.to_owned(),
                    source: rusqlite::Error::InvalidPath(path.to_owned()),
                })?;
                Ok(Cache { path: path.to_owned(), conn, rebuilt: Some(reason) })
            }
        }
    }

    /// Opens and checks the file; `Err` says why it cannot be used.
    fn try_open(path: &Path) -> Result<Connection, String> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn =
            Connection::open_with_flags(path, flags).map_err(|e| format!("cannot open: {e}"))?;
        let check: String = conn
            .query_row("PRAGMA quick_check", [], |r| r.get(0))
            .map_err(|e| format!("unreadable: {e}"))?;
        if check != "ok" {
            return Err(format!("corrupt: {check}"));
        }
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(|e| format!("cannot use WAL: {e}"))?;
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(|e| format!("cannot set sync: {e}"))?;
        let version: i64 =
            conn.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(|e| e.to_string())?;
        if !(0..=SCHEMA_VERSION).contains(&version) {
            return Err(format!("schema version {version}, this build knows {SCHEMA_VERSION}"));
        }
        for (from, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
            let tx = conn.unchecked_transaction().map_err(|e| e.to_string())?;
            tx.execute_batch(sql).map_err(|e| format!("migration {from}: {e}"))?;
            tx.pragma_update(None, "user_version", from as i64 + 1).map_err(|e| e.to_string())?;
            tx.commit().map_err(|e| e.to_string())?;
        }
        Ok(conn)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Every cached note. Rows that do not decode are skipped (those notes are
    /// parsed again).
    pub fn load_all(&self) -> Result<Vec<CachedFile>, CacheError> {
        let err = |source| CacheError::Sqlite { path: self.path.clone(), source };
        let mut stmt = self
            .conn
            .prepare("SELECT path, size, mtime_ns, hash, content, parsed FROM files")
            .map_err(err)?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, i64>(2)?,
                    r.get::<_, i64>(3)?,
                    r.get::<_, i64>(4)?,
                    r.get::<_, Vec<u8>>(5)?,
                ))
            })
            .map_err(err)?;
        let raw: Vec<(String, i64, i64, i64, i64, Vec<u8>)> =
            rows.collect::<Result<_, _>>().map_err(err)?;
        // SQLite reads on one thread; decoding, the larger part, runs on all.
        let out = raw
            .into_par_iter()
            .filter_map(|(path, size, mtime, hash, content, blob)| {
                Some(CachedFile {
                    path,
                    size: size as u64,
                    mtime_ns: u128::try_from(mtime).ok()?,
                    hash: hash as u64,
                    content: content_of(content)?,
                    parsed: decode(&blob)?,
                })
            })
            .collect();
        Ok(out)
    }

    /// Writes `upserts` and deletes `removed` paths in one transaction.
    pub fn apply(&mut self, upserts: &[CacheRow], removed: &[String]) -> Result<(), CacheError> {
        let path = self.path.clone();
        let err = |source| CacheError::Sqlite { path: path.clone(), source };
        let tx = self.conn.transaction().map_err(err)?;
        {
            let mut put = tx
                .prepare_cached(
                    "INSERT OR REPLACE INTO files (path, size, mtime_ns, hash, content, parsed) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                )
                .map_err(err)?;
            for f in upserts {
                put.execute(params![
                    f.path,
                    f.size as i64,
                    i64::try_from(f.mtime_ns).unwrap_or(i64::MAX),
                    f.hash as i64,
                    content_code(f.content),
                    f.blob
                ])
                .map_err(err)?;
            }
            let mut del = tx.prepare_cached("DELETE FROM files WHERE path = ?1").map_err(err)?;
            for p in removed {
                del.execute(params![p]).map_err(err)?;
            }
        }
        tx.commit().map_err(err)
    }
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
        let cache = Cache::open(&path).expect("opens anyway");
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
        let cache = Cache::open(&path).expect("opens anyway");
        assert!(
            cache.rebuilt.as_deref().is_some_and(|r| r.contains("schema version")),
            "{:?}",
            cache.rebuilt
        );
        assert!(cache.load_all().expect("reads").is_empty());
    }
}
