//! The on-disk Tantivy index: schema, opening (and rebuilding when it cannot
//! be trusted), keeping it in step with a loaded vault, and answering queries.
//!
//! Only this module (with [`crate::folder`], [`crate::manifest`] and
//! [`crate::writer`]) touches the index directory; [`crate::document`] says
//! what a note becomes in it, [`crate::tquery`] what a query becomes. The index is derived
//! data: one that is from another version, fails to open, or turns out
//! damaged while it is written is deleted and built again; a read that fails
//! or panics inside Tantivy is [`SearchError::Damaged`], for the caller to
//! [`SearchIndex::rebuild`], sync and ask again. Freshness is tracked in the
//! manifest (see [`crate::manifest`]).

use std::collections::{BTreeSet, HashMap, HashSet};
use std::fs;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::Duration;

use hanji_core::settings::Excluded;
use hanji_core::{NoteId, Progress, Vault};
use tantivy::schema::{Field, Schema, Value};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument};

use crate::collect::{ExcludedCache, TopByScoreThenPath};
use crate::document::{mtime_ns, schema, write_notes, Fields, PATH_FIELD};
use crate::error::{index_err, io_err, panic_message, SearchError};
use crate::folder::{self, Owner, VERSION_FILE};
use crate::manifest::{write_atomically, Manifest, Stamp};
use crate::query;
use crate::snippet::{note_matches, NoteMatches};
use crate::tokenizer::{self, HanjiTokenizer};
use crate::tquery::{self, Unsearchable};
use crate::writer::{self, AcquireError, WRITER_LOCK_WAIT};

/// Bumped whenever the schema or the tokenizer changes: an index written by
/// another version is rebuilt, never trusted. 2: long words are indexed
/// (cut and hashed), and the path is a fast field (ties sort by path).
const SCHEMA_VERSION: &str = "hanji-search 2";
const WRITER_MEMORY: usize = 64 * 1024 * 1024;
/// A live update indexes a handful of notes: one thread and Tantivy's
/// smallest arena are plenty and keep memory low.
const LIVE_WRITER_MEMORY: usize = 15_000_000;
/// What one search found.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchHit {
    pub path: String,
    pub title: String,
    pub score: f32,
    /// 1-based line of the best match in the note.
    pub line: u32,
    pub snippet: String,
    /// `[start, end)` character ranges in `snippet` to highlight.
    pub highlights: Vec<(u32, u32)>,
    /// Every line with a match, in order (at most [`LINES_PER_HIT`]).
    pub lines: Vec<crate::snippet::Snippet>,
    /// How many matches the note has in all.
    pub matches: u32,
}

/// How many of a note's matching lines a hit lists.
pub const LINES_PER_HIT: usize = 20;

#[derive(Debug, Clone, PartialEq)]
pub struct SearchResults {
    /// How many notes match in all (not just those returned).
    pub total: usize,
    pub hits: Vec<SearchHit>,
    /// Query terms that could not be searched as written (each says what
    /// was done instead); show them next to the results.
    pub unsearchable: Vec<Unsearchable>,
}

/// A note ranked by [`SearchIndex::rank`].
#[derive(Debug, Clone, PartialEq)]
pub struct RankedDoc {
    pub score: f32,
    pub path: String,
    pub title: String,
}

/// The index's answer to a query, before snippets.
#[derive(Debug, Clone, PartialEq)]
pub struct Ranked {
    pub total: usize,
    pub docs: Vec<RankedDoc>,
    /// The query's positive terms, lower-cased, for highlighting.
    pub needles: Vec<String>,
    /// As [`SearchResults::unsearchable`].
    pub unsearchable: Vec<Unsearchable>,
}

/// What bringing the index up to date did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct IndexStats {
    pub indexed: usize,
    pub removed: usize,
    pub unchanged: usize,
    /// True when the index was (re)built from nothing
    /// ([`SearchIndex::rebuild_reason`] says why, when it was not new).
    pub rebuilt: bool,
}

pub struct SearchIndex {
    dir: PathBuf,
    schema: Schema,
    index: Index,
    reader: IndexReader,
    fields: Fields,
    manifest: Manifest,
    /// Kept between live updates: setting a writer up costs more than the
    /// update, and a kept writer merges the small segments each commit
    /// leaves in the background instead of letting them pile up.
    live_writer: Option<IndexWriter>,
    rebuilt: bool,
    rebuild_reason: Option<String>,
    /// Paths whose live update failed (the writer lock stayed busy, say):
    /// retried by the next update; the next sync looks at them anyway.
    pending: BTreeSet<String>,
    /// Set by a rebuild until a full sync has filled the index again: an
    /// update then syncs everything, not just its notes.
    needs_full_sync: bool,
    lock_wait: Duration,
    /// Test hook: the next commit is the last thing a sync or update does,
    /// as if the process were killed right after it.
    crash_after_commit: bool,
    /// What the vault's excluded files are, per segment.
    excluded: ExcludedCache,
}

/// Why a write did not happen.
enum Failure {
    /// The index's files are damaged: rebuild and write everything again.
    Damaged(String),
    Error(SearchError),
}

impl From<SearchError> for Failure {
    fn from(e: SearchError) -> Failure {
        Failure::Error(e)
    }
}

/// What went wrong inside Tantivy: an error, or a panic (caught).
enum Inside {
    Error(tantivy::TantivyError),
    Panic(String),
}

/// Runs `f`, turning a panic inside Tantivy into a value.
fn contain<T>(f: impl FnOnce() -> tantivy::Result<T>) -> Result<T, Inside> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(e)) => Err(Inside::Error(e)),
        Err(payload) => Err(Inside::Panic(panic_message(&*payload))),
    }
}

/// A fresh reader on `index`, with the tokenizer registered.
fn reader_of(index: &Index) -> tantivy::Result<IndexReader> {
    index.tokenizers().register(tokenizer::NAME, HanjiTokenizer::default());
    index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()
}

/// Opens the index in `dir` and checks it whole: schema, every segment
/// file's checksum (a flipped byte would otherwise give wrong answers or
/// panics later), and a reader over every segment. `Err` says why not.
fn open_checked(dir: &Path, schema: &Schema) -> Result<(Index, IndexReader), String> {
    let opened = contain(|| {
        let index = Index::open_in_dir(dir)?;
        if index.schema() != *schema {
            return Ok(Err("its schema differs".to_owned()));
        }
        let damaged = index.validate_checksum()?;
        if !damaged.is_empty() {
            let mut names: Vec<String> = damaged.iter().map(|p| p.display().to_string()).collect();
            names.sort();
            return Ok(Err(format!("damaged files: {}", names.join(", "))));
        }
        let reader = reader_of(&index)?;
        Ok(Ok((index, reader)))
    });
    match opened {
        Ok(Ok(pair)) => Ok(pair),
        Ok(Err(why)) => Err(why),
        Err(Inside::Error(e)) => Err(e.to_string()),
        Err(Inside::Panic(msg)) => Err(msg),
    }
}

impl SearchIndex {
    /// Opens the index in `dir`, creating it, or rebuilding it from nothing
    /// when it is from another version or cannot be opened (then
    /// [`SearchIndex::rebuild_reason`] says why). A folder holding anything
    /// but an index is refused ([`SearchError::NotAnIndex`]) and left alone.
    pub fn open(dir: &Path) -> Result<SearchIndex, SearchError> {
        let (schema, fields) = schema();
        fs::create_dir_all(dir).map_err(io_err(dir))?;
        let why = match folder::owner(dir)? {
            Owner::Marked(Some(v)) if v.trim() == SCHEMA_VERSION => {
                match open_checked(dir, &schema) {
                    Ok((index, reader)) => {
                        let manifest = Manifest::load(dir);
                        return Ok(SearchIndex::assemble(
                            dir, schema, fields, index, reader, manifest, false,
                        ));
                    }
                    Err(why) => Some(format!("it could not be opened ({why})")),
                }
            }
            Owner::Marked(Some(v)) => {
                Some(format!("it was written by another version ({:?})", v.trim()))
            }
            Owner::Marked(None) => Some("its version file is unreadable".to_owned()),
            Owner::IndexFiles => Some("it has no version file".to_owned()),
            Owner::Empty => None,
        };
        let (index, reader) = create_fresh(dir, &schema)?;
        let mut opened =
            SearchIndex::assemble(dir, schema, fields, index, reader, Manifest::empty(dir), true);
        opened.rebuild_reason = why.map(|why| rebuilt_because(dir, &why));
        Ok(opened)
    }

    fn assemble(
        dir: &Path,
        schema: Schema,
        fields: Fields,
        index: Index,
        reader: IndexReader,
        manifest: Manifest,
        rebuilt: bool,
    ) -> SearchIndex {
        SearchIndex {
            dir: dir.to_owned(),
            schema,
            index,
            reader,
            fields,
            manifest,
            live_writer: None,
            rebuilt,
            rebuild_reason: None,
            pending: BTreeSet::new(),
            needs_full_sync: rebuilt,
            lock_wait: WRITER_LOCK_WAIT,
            crash_after_commit: false,
            excluded: ExcludedCache::default(),
        }
    }

    /// Why the index was rebuilt (another version, damage…), as a sentence
    /// to show as a warning; `None` when it was not, or was simply new.
    pub fn rebuild_reason(&self) -> Option<&str> {
        self.rebuild_reason.as_deref()
    }

    /// True when some live update's changes are not in the index yet (its
    /// writer lock stayed busy): the next [`SearchIndex::update`] (with no
    /// notes, if need be) or [`SearchIndex::sync`] retries them.
    pub fn has_pending(&self) -> bool {
        !self.pending.is_empty() || self.needs_full_sync
    }

    /// How long acquiring the writer waits for another process to let go of
    /// it ([`WRITER_LOCK_WAIT`] unless set).
    pub fn set_writer_lock_wait(&mut self, wait: Duration) {
        self.lock_wait = wait;
    }

    /// Test hook: the next sync or update stops right after its commit, as
    /// a process killed there would (its final manifest lines unwritten).
    #[doc(hidden)]
    pub fn crash_after_next_commit(&mut self) {
        self.crash_after_commit = true;
    }

    /// Deletes the index's contents and starts an empty one (the manifest
    /// too): what to do on [`SearchError::Damaged`], followed by a
    /// [`SearchIndex::sync`] of the vault.
    pub fn rebuild(&mut self) -> Result<(), SearchError> {
        self.rebuild_because("a rebuild was asked for".to_owned())
    }

    fn rebuild_because(&mut self, why: String) -> Result<(), SearchError> {
        self.live_writer = None;
        // Let go of the old files (mapped in memory) before deleting them.
        let placeholder = Index::create_in_ram(self.schema.clone());
        self.reader = reader_of(&placeholder).map_err(index_err(&self.dir))?;
        self.index = placeholder;
        // Still refuse a folder someone filled with other files meanwhile.
        folder::owner(&self.dir)?;
        let (index, reader) = create_fresh(&self.dir, &self.schema)?;
        self.index = index;
        self.reader = reader;
        self.manifest = Manifest::empty(&self.dir);
        self.rebuilt = true;
        self.needs_full_sync = true;
        self.rebuild_reason = Some(rebuilt_because(&self.dir, &why));
        Ok(())
    }

    /// Brings the index in step with `vault`: notes whose size or
    /// modification time changed (or that are new) are re-indexed, notes that
    /// are gone are removed, then one commit.
    pub fn sync(&mut self, vault: &Vault) -> Result<IndexStats, SearchError> {
        self.sync_counting(vault, &Progress::default())
    }

    /// [`SearchIndex::sync`], counting into `progress` two steps per note to
    /// index: one when its text is read, one when it is handed to the writer.
    pub fn sync_counting(
        &mut self,
        vault: &Vault,
        progress: &Progress,
    ) -> Result<IndexStats, SearchError> {
        match self.try_sync(vault, progress) {
            Ok(stats) => Ok(stats),
            Err(Failure::Error(e)) => Err(e),
            Err(Failure::Damaged(why)) => self.rebuild_and_sync(vault, progress, why),
        }
    }

    fn rebuild_and_sync(
        &mut self,
        vault: &Vault,
        progress: &Progress,
        why: String,
    ) -> Result<IndexStats, SearchError> {
        self.rebuild_because(format!("it was found damaged while writing ({why})"))?;
        match self.try_sync(vault, progress) {
            Ok(stats) => Ok(stats),
            Err(Failure::Error(e)) => Err(e),
            Err(Failure::Damaged(why)) => {
                Err(SearchError::Damaged { path: self.dir.clone(), reason: why })
            }
        }
    }

    fn try_sync(&mut self, vault: &Vault, progress: &Progress) -> Result<IndexStats, Failure> {
        let mut stats = IndexStats { rebuilt: self.rebuilt, ..IndexStats::default() };
        let current: HashMap<&str, Stamp> = vault
            .notes()
            .iter()
            .map(|n| (n.path.as_str(), (n.size, mtime_ns(n.modified))))
            .collect();
        let changed: Vec<NoteId> = vault
            .notes()
            .iter()
            .enumerate()
            .filter(|(_, n)| {
                let path = n.path.as_str();
                self.pending.contains(path)
                    || current.get(path).is_none_or(|&s| !self.manifest.is_fresh(path, s))
            })
            .map(|(i, _)| NoteId(i as u32))
            .collect();
        let removed: BTreeSet<String> = self
            .manifest
            .paths()
            .chain(self.pending.iter().map(String::as_str))
            .filter(|p| !current.contains_key(p))
            .map(str::to_owned)
            .collect();
        stats.unchanged = vault.notes().len() - changed.len();
        if changed.is_empty() && removed.is_empty() {
            self.pending.clear();
            self.needs_full_sync = false;
            return Ok(stats);
        }
        // Only one writer may hold the index: let go of the live one first.
        self.live_writer = None;
        let mut writer = self.acquire(|index| index.writer(WRITER_MEMORY))?;
        let removed_paths: Vec<&str> = removed.iter().map(String::as_str).collect();
        let changed_paths = changed.iter().map(|&id| vault.note(id).path.as_str());
        self.manifest.write_intents(changed_paths.chain(removed_paths.iter().copied()))?;
        progress.start(2 * changed.len());
        let fields = self.fields;
        let written =
            contain(|| write_notes(&mut writer, fields, vault, &changed, &removed_paths, progress));
        if let Err(inside) = written {
            drop(writer);
            return Err(self.failure(inside));
        }
        if std::mem::take(&mut self.crash_after_commit) {
            return Ok(stats);
        }
        let reader = &self.reader;
        if let Err(inside) =
            contain(|| writer.wait_merging_threads().and_then(|()| reader.reload()))
        {
            return Err(self.failure(inside));
        }
        stats.indexed = changed.len();
        stats.removed = removed.len();
        self.manifest
            .replace(current.into_iter().map(|(p, s)| (p.to_owned(), Some(s))).collect())?;
        self.pending.clear();
        self.needs_full_sync = false;
        Ok(stats)
    }

    /// Re-indexes the notes `changed` and removes the notes at `removed`
    /// (vault paths), then one commit: the live-update twin of
    /// [`SearchIndex::sync`], which compares every note. The manifest gets
    /// the same entries appended, so a later open knows these are fresh.
    ///
    /// Changes an earlier update could not write (the writer lock stayed
    /// busy) are written too; if this one cannot either, its changes are
    /// kept for the next. A damaged index is rebuilt and synced whole.
    pub fn update(
        &mut self,
        vault: &Vault,
        changed: &[NoteId],
        removed: &[&str],
    ) -> Result<IndexStats, SearchError> {
        if self.needs_full_sync {
            return self.sync(vault);
        }
        let mut ids: Vec<NoteId> = changed.to_vec();
        let mut gone: Vec<String> = removed.iter().map(|p| (*p).to_owned()).collect();
        if !self.pending.is_empty() {
            let mut seen_ids: HashSet<NoteId> = ids.iter().copied().collect();
            let mut seen_gone: HashSet<String> = gone.iter().cloned().collect();
            for path in std::mem::take(&mut self.pending) {
                match vault.note_by_path(&path) {
                    Some(id) => {
                        if seen_ids.insert(id) {
                            ids.push(id);
                        }
                    }
                    None => {
                        if seen_gone.insert(path.clone()) {
                            gone.push(path);
                        }
                    }
                }
            }
        }
        if ids.is_empty() && gone.is_empty() {
            return Ok(IndexStats::default());
        }
        let gone: Vec<&str> = gone.iter().map(String::as_str).collect();
        match self.try_update(vault, &ids, &gone) {
            Ok(stats) => Ok(stats),
            Err(Failure::Damaged(why)) => self.rebuild_and_sync(vault, &Progress::default(), why),
            Err(Failure::Error(e)) => {
                // Never lost: the next update retries these, and the next
                // sync looks at them whatever the manifest said.
                for path in ids.iter().map(|&id| vault.note(id).path.as_str()).chain(gone) {
                    self.manifest.mark_unknown(path);
                    self.pending.insert(path.to_owned());
                }
                Err(e)
            }
        }
    }

    fn try_update(
        &mut self,
        vault: &Vault,
        changed: &[NoteId],
        removed: &[&str],
    ) -> Result<IndexStats, Failure> {
        let writer = match self.live_writer.take() {
            Some(w) => w,
            None => self.acquire(|index| index.writer_with_num_threads(1, LIVE_WRITER_MEMORY))?,
        };
        let live = self.live_writer.insert(writer);
        let changed_paths = changed.iter().map(|&id| vault.note(id).path.as_str());
        self.manifest.write_intents(changed_paths.chain(removed.iter().copied()))?;
        let fields = self.fields;
        let written =
            contain(|| write_notes(live, fields, vault, changed, removed, &Progress::default()));
        if let Err(inside) = written {
            // A writer that failed may be half-dead: set up a new one next.
            self.live_writer = None;
            return Err(self.failure(inside));
        }
        if std::mem::take(&mut self.crash_after_commit) {
            return Ok(IndexStats::default());
        }
        let reader = &self.reader;
        if let Err(inside) = contain(|| reader.reload()) {
            return Err(self.failure(inside));
        }
        let written: Vec<(&str, Stamp)> = changed
            .iter()
            .map(|&id| {
                let note = vault.note(id);
                (note.path.as_str(), (note.size, mtime_ns(note.modified)))
            })
            .collect();
        self.manifest.write_stamps(removed, &written)?;
        Ok(IndexStats { indexed: changed.len(), removed: removed.len(), ..IndexStats::default() })
    }

    /// A writer from `make`, waiting for a busy lock up to the set bound.
    fn acquire(
        &self,
        make: impl Fn(&Index) -> tantivy::Result<IndexWriter>,
    ) -> Result<IndexWriter, Failure> {
        let index = &self.index;
        match writer::acquire(self.lock_wait, || match contain(|| make(index)) {
            Ok(w) => Ok(w),
            Err(Inside::Error(e)) => Err(e),
            Err(Inside::Panic(msg)) => Err(tantivy::TantivyError::SystemError(msg)),
        }) {
            Ok(w) => Ok(w),
            Err(AcquireError::Busy(waited)) => {
                Err(Failure::Error(SearchError::Busy { path: self.dir.clone(), waited }))
            }
            Err(AcquireError::Other(e)) => Err(self.failure(Inside::Error(e))),
        }
    }

    /// Decides whether a failed write means the index is damaged: a panic
    /// or corrupt data inside Tantivy does, and so does any other error
    /// when a segment file's checksum no longer matches. Otherwise (a full
    /// disk, say) it is an error, and the index is left as it is.
    fn failure(&self, inside: Inside) -> Failure {
        let error = match inside {
            Inside::Panic(msg) => return Failure::Damaged(msg),
            Inside::Error(e @ tantivy::TantivyError::DataCorruption(_)) => {
                return Failure::Damaged(e.to_string())
            }
            Inside::Error(e) => e,
        };
        let checked = contain(|| self.index.validate_checksum());
        match checked {
            Ok(damaged) if damaged.is_empty() => Failure::Error(index_err(&self.dir)(error)),
            Ok(_) | Err(_) => Failure::Damaged(error.to_string()),
        }
    }

    /// Lets go of the writer kept between live updates (and the memory it
    /// holds), after waiting for its background merges. The next update
    /// sets a new one up.
    pub fn release_writer(&mut self) -> Result<(), SearchError> {
        match self.live_writer.take() {
            Some(w) => match contain(|| w.wait_merging_threads()) {
                Ok(()) => Ok(()),
                Err(Inside::Error(e)) => Err(index_err(&self.dir)(e)),
                Err(Inside::Panic(reason)) => {
                    Err(SearchError::Damaged { path: self.dir.clone(), reason })
                }
            },
            None => Ok(()),
        }
    }

    /// Runs `query` against the index only: the total number of matching
    /// notes and up to `limit` of them (0: all), best first and equal
    /// scores by path, without reading any note. A failure inside the index
    /// is [`SearchError::Damaged`].
    pub fn rank(&self, query: &str, limit: usize) -> Result<Ranked, SearchError> {
        self.rank_excluding(query, limit, &Excluded::default())
    }

    /// [`SearchIndex::rank`] without the files `excluded` names (the
    /// vault's `userIgnoreFilters`), in the hits and in the total.
    pub fn rank_excluding(
        &self,
        query: &str,
        limit: usize,
        excluded: &Excluded,
    ) -> Result<Ranked, SearchError> {
        let parsed = query::parse(query)?;
        let built = tquery::build(self.fields.query(), &parsed);
        let searcher = self.reader.searcher();
        // Never more room than there are notes: `limit` may be anything.
        let num_docs = usize::try_from(searcher.num_docs()).unwrap_or(usize::MAX);
        let wanted = if limit == 0 { num_docs } else { limit.min(num_docs) };
        let top = TopByScoreThenPath {
            field: PATH_FIELD,
            limit: wanted.max(1),
            excluded,
            cache: &self.excluded,
        };
        let fields = self.fields;
        let found = contain(|| {
            let (total, top) = searcher.search(&*built.query, &top)?;
            let mut docs = Vec::with_capacity(top.len());
            for (score, _, addr) in top {
                let doc: TantivyDocument = searcher.doc(addr)?;
                let text = |f: Field| {
                    doc.get_first(f).and_then(|v| v.as_str()).unwrap_or_default().to_owned()
                };
                docs.push(RankedDoc { score, path: text(fields.path), title: text(fields.title) });
            }
            Ok((total, docs))
        });
        let (total, docs) = match found {
            Ok(found) => found,
            Err(Inside::Error(e)) => {
                return Err(SearchError::Damaged { path: self.dir.clone(), reason: e.to_string() })
            }
            Err(Inside::Panic(reason)) => {
                return Err(SearchError::Damaged { path: self.dir.clone(), reason })
            }
        };
        Ok(Ranked {
            total,
            docs,
            needles: tquery::needles(&parsed),
            unsearchable: built.unsearchable,
        })
    }

    /// Runs `query` and returns up to `limit` hits (0: all), best first, each
    /// with the best line of the note and a highlighted snippet.
    pub fn search(
        &self,
        vault: &Vault,
        query: &str,
        limit: usize,
    ) -> Result<SearchResults, SearchError> {
        self.search_excluding(vault, query, limit, &Excluded::default())
    }

    /// [`SearchIndex::search`] without the files `excluded` names.
    pub fn search_excluding(
        &self,
        vault: &Vault,
        query: &str,
        limit: usize,
        excluded: &Excluded,
    ) -> Result<SearchResults, SearchError> {
        let ranked = self.rank_excluding(query, limit, excluded)?;
        let hits = ranked
            .docs
            .into_iter()
            .map(|d| {
                // The exact path: a link lookup would read `C# notes.md` as
                // `C` with an anchor.
                let text = vault
                    .note_by_path(&d.path)
                    .and_then(|id| vault.read_text(id))
                    .unwrap_or_default();
                // The needles are NFC; so must the text be to find them.
                let text = hanji_syntax::nfc(&text);
                let NoteMatches { best: snip, lines, count: matches } =
                    note_matches(&text, &ranked.needles, LINES_PER_HIT);
                SearchHit {
                    path: d.path,
                    title: d.title,
                    score: d.score,
                    line: snip.line,
                    snippet: snip.text,
                    highlights: snip.highlights,
                    lines,
                    matches: matches.min(u32::MAX as usize) as u32,
                }
            })
            .collect();
        Ok(SearchResults { total: ranked.total, hits, unsearchable: ranked.unsearchable })
    }

    /// Size of the index on disk, in bytes.
    pub fn disk_size(&self) -> u64 {
        dir_size(&self.dir)
    }
}

fn rebuilt_because(dir: &Path, why: &str) -> String {
    format!("the search index at {} was rebuilt: {why}", dir.display())
}

/// Empties `dir` (which [`folder::owner`] has accepted) and creates an
/// empty index in it. The version marker is written first, so a crash
/// half-way leaves a folder that is still recognised as the index's.
fn create_fresh(dir: &Path, schema: &Schema) -> Result<(Index, IndexReader), SearchError> {
    folder::clear(dir)?;
    write_atomically(&dir.join(VERSION_FILE), SCHEMA_VERSION.as_bytes())?;
    let index = Index::create_in_dir(dir, schema.clone()).map_err(index_err(dir))?;
    let reader = reader_of(&index).map_err(index_err(dir))?;
    Ok((index, reader))
}

fn dir_size(dir: &Path) -> u64 {
    fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| match e.metadata() {
                    Ok(m) if m.is_dir() => dir_size(&e.path()),
                    Ok(m) => m.len(),
                    Err(_) => 0,
                })
                .sum()
        })
        .unwrap_or(0)
}
