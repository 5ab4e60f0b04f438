//! The on-disk Tantivy index: schema, opening (and rebuilding when it cannot
//! be trusted), keeping it in step with a loaded vault, and answering queries.
//!
//! Only this module touches the index directory. Freshness is tracked in a
//! small manifest (path, size, modification time): written whole and
//! atomically after a full sync, appended to after each live update. A note
//! whose entry differs is re-indexed, a note that is gone is removed, and a
//! manifest line that cannot be read only costs a re-index of that note.

use std::collections::HashMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use hanji_core::tags::tag_key;
use hanji_core::{Content, NoteId, Progress, Vault};
use rayon::prelude::*;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, Occur, PhraseQuery, Query as TQuery, RegexQuery, TermQuery,
};
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, Value, STORED, STRING,
};
use tantivy::{
    doc, DocAddress, Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term,
};

use crate::query::{self, Clause, Field as QField, QueryError, Term as QTerm, TermKind};
use crate::snippet::best_line;
use crate::tokenizer::{self, HanjiTokenizer};

/// Bumped whenever the schema or the tokenizer changes: an index written by
/// another version is rebuilt, never trusted.
const SCHEMA_VERSION: &str = "hanji-search 1";
const VERSION_FILE: &str = "hanji-version";
const MANIFEST_FILE: &str = "hanji-manifest.tsv";
const WRITER_MEMORY: usize = 64 * 1024 * 1024;
/// A live update indexes a handful of notes: one thread and Tantivy's
/// smallest arena are plenty and keep memory low.
const LIVE_WRITER_MEMORY: usize = 15_000_000;

/// Boosts: a note titled with the query word ranks above a passing mention.
const TITLE_BOOST: f32 = 4.0;
const HEADING_BOOST: f32 = 2.0;
const FILE_BOOST: f32 = 2.0;

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("search index at {path}: {source}")]
    Index {
        path: PathBuf,
        #[source]
        source: tantivy::TantivyError,
    },
    #[error("search index at {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{0}")]
    Query(#[from] QueryError),
}

#[derive(Clone, Copy)]
struct Fields {
    path: Field,
    path_lc: Field,
    title: Field,
    headings: Field,
    tags: Field,
    file: Field,
    body: Field,
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(tokenizer::NAME)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let fields = Fields {
        path: b.add_text_field("path", STRING | STORED),
        path_lc: b.add_text_field("path_lc", STRING),
        title: b.add_text_field("title", text.clone() | STORED),
        headings: b.add_text_field("headings", text.clone()),
        tags: b.add_text_field("tags", STRING),
        file: b.add_text_field("file", text.clone()),
        body: b.add_text_field("body", text),
    };
    (b.build(), fields)
}

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
}

#[derive(Debug, Clone, PartialEq)]
pub struct SearchResults {
    /// How many notes match in all (not just those returned).
    pub total: usize,
    pub hits: Vec<SearchHit>,
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
}

/// What bringing the index up to date did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct IndexStats {
    pub indexed: usize,
    pub removed: usize,
    pub unchanged: usize,
    /// True when the index was (re)built from nothing.
    pub rebuilt: bool,
}

pub struct SearchIndex {
    dir: PathBuf,
    index: Index,
    reader: IndexReader,
    fields: Fields,
    manifest: HashMap<String, (u64, u128)>,
    /// Lines appended to the manifest file since it was last written whole.
    journal_lines: usize,
    /// Kept between live updates: setting a writer up costs more than the
    /// update, and a kept writer merges the small segments each commit
    /// leaves in the background instead of letting them pile up.
    live_writer: Option<IndexWriter>,
    rebuilt: bool,
}

fn index_err(dir: &Path) -> impl Fn(tantivy::TantivyError) -> SearchError + '_ {
    move |source| SearchError::Index { path: dir.to_owned(), source }
}

fn io_err(path: &Path) -> impl Fn(std::io::Error) -> SearchError + '_ {
    move |source| SearchError::Io { path: path.to_owned(), source }
}

impl SearchIndex {
    /// Opens the index in `dir`, creating it, or rebuilding it from nothing
    /// when it is from another version or cannot be opened.
    pub fn open(dir: &Path) -> Result<SearchIndex, SearchError> {
        let (schema, fields) = schema();
        fs::create_dir_all(dir).map_err(io_err(dir))?;
        let version_ok =
            fs::read_to_string(dir.join(VERSION_FILE)).is_ok_and(|v| v.trim() == SCHEMA_VERSION);
        let opened = if version_ok {
            Index::open_in_dir(dir).ok().filter(|i| i.schema() == schema)
        } else {
            None
        };
        let (index, rebuilt) = match opened {
            Some(index) => (index, false),
            None => {
                // Anything else in the folder is a stale or broken index.
                fs::remove_dir_all(dir).map_err(io_err(dir))?;
                fs::create_dir_all(dir).map_err(io_err(dir))?;
                let index = Index::create_in_dir(dir, schema).map_err(index_err(dir))?;
                write_atomically(&dir.join(VERSION_FILE), SCHEMA_VERSION.as_bytes())?;
                (index, true)
            }
        };
        index.tokenizers().register(tokenizer::NAME, HanjiTokenizer::default());
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(index_err(dir))?;
        let manifest =
            if rebuilt { HashMap::new() } else { read_manifest(&dir.join(MANIFEST_FILE)) };
        Ok(SearchIndex {
            dir: dir.to_owned(),
            index,
            reader,
            fields,
            manifest,
            journal_lines: 0,
            live_writer: None,
            rebuilt,
        })
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
        let mut stats = IndexStats { rebuilt: self.rebuilt, ..IndexStats::default() };
        let current: HashMap<&str, (u64, u128)> = vault
            .notes()
            .iter()
            .map(|n| (n.path.as_str(), (n.size, mtime_ns(n.modified))))
            .collect();
        let changed: Vec<NoteId> = vault
            .notes()
            .iter()
            .enumerate()
            .filter(|(_, n)| self.manifest.get(n.path.as_str()) != current.get(n.path.as_str()))
            .map(|(i, _)| NoteId(i as u32))
            .collect();
        let removed: Vec<String> = self
            .manifest
            .keys()
            .filter(|p| !current.contains_key(String::as_str(p)))
            .cloned()
            .collect();
        stats.unchanged = vault.notes().len() - changed.len();
        if changed.is_empty() && removed.is_empty() {
            return Ok(stats);
        }
        // Only one writer may hold the index: let go of the live one first.
        self.live_writer = None;
        let mut writer: IndexWriter =
            self.index.writer(WRITER_MEMORY).map_err(index_err(&self.dir))?;
        let removed_paths: Vec<&str> = removed.iter().map(String::as_str).collect();
        progress.start(2 * changed.len());
        write_notes(&mut writer, self.fields, vault, &changed, &removed_paths, progress)
            .map_err(index_err(&self.dir))?;
        writer.wait_merging_threads().map_err(index_err(&self.dir))?;
        self.reader.reload().map_err(index_err(&self.dir))?;
        stats.indexed = changed.len();
        stats.removed = removed.len();
        self.manifest = current.into_iter().map(|(p, v)| (p.to_owned(), v)).collect();
        self.write_manifest()?;
        Ok(stats)
    }

    /// Re-indexes the notes `changed` and removes the notes at `removed`
    /// (vault paths), then one commit: the live-update twin of
    /// [`SearchIndex::sync`], which compares every note. The manifest gets
    /// the same entries appended, so a later open knows these are fresh.
    pub fn update(
        &mut self,
        vault: &Vault,
        changed: &[NoteId],
        removed: &[&str],
    ) -> Result<IndexStats, SearchError> {
        let mut stats = IndexStats::default();
        if changed.is_empty() && removed.is_empty() {
            return Ok(stats);
        }
        let writer = match &mut self.live_writer {
            Some(w) => w,
            None => self.live_writer.insert(
                self.index
                    .writer_with_num_threads(1, LIVE_WRITER_MEMORY)
                    .map_err(index_err(&self.dir))?,
            ),
        };
        write_notes(writer, self.fields, vault, changed, removed, &Progress::default())
            .map_err(index_err(&self.dir))?;
        self.reader.reload().map_err(index_err(&self.dir))?;
        stats.indexed = changed.len();
        stats.removed = removed.len();
        let mut journal = String::new();
        for path in removed {
            self.manifest.remove(*path);
            journal.push_str(&format!("{path}\t-\t-\n"));
        }
        for &id in changed {
            let note = vault.note(id);
            let stamp = (note.size, mtime_ns(note.modified));
            self.manifest.insert(note.path.to_string(), stamp);
            journal.push_str(&format!("{}\t{}\t{}\n", note.path, stamp.0, stamp.1));
        }
        self.journal_lines += changed.len() + removed.len();
        if self.journal_lines > self.manifest.len() + 1000 {
            // Appended lines would outgrow the manifest: write it afresh.
            self.write_manifest()?;
        } else {
            let path = self.dir.join(MANIFEST_FILE);
            fs::OpenOptions::new()
                .append(true)
                .create(true)
                .open(&path)
                .and_then(|mut f| f.write_all(journal.as_bytes()))
                .map_err(io_err(&path))?;
        }
        Ok(stats)
    }

    /// Lets go of the writer kept between live updates (and the memory it
    /// holds), after waiting for its background merges. The next update
    /// sets a new one up.
    pub fn release_writer(&mut self) -> Result<(), SearchError> {
        match self.live_writer.take() {
            Some(w) => w.wait_merging_threads().map_err(index_err(&self.dir)),
            None => Ok(()),
        }
    }

    fn write_manifest(&mut self) -> Result<(), SearchError> {
        self.journal_lines = 0;
        let mut out = String::with_capacity(self.manifest.len() * 64);
        for (path, (size, mtime)) in &self.manifest {
            // Paths never contain tabs or newlines that matter here: such a
            // line is skipped on reading and the note is simply re-indexed.
            out.push_str(&format!("{path}\t{size}\t{mtime}\n"));
        }
        write_atomically(&self.dir.join(MANIFEST_FILE), out.as_bytes())
    }

    /// Runs `query` against the index only: the total number of matching
    /// notes and up to `limit` of them (0: all), best first, without reading
    /// any note.
    pub fn rank(&self, query: &str, limit: usize) -> Result<Ranked, SearchError> {
        let parsed = query::parse(query)?;
        let tquery = self.build(&parsed);
        let searcher = self.reader.searcher();
        let err = index_err(&self.dir);
        let (total, top): (usize, Vec<(f32, DocAddress)>) = if limit == 0 {
            let total = searcher.search(&*tquery, &Count).map_err(&err)?;
            let top = searcher
                .search(&*tquery, &TopDocs::with_limit(total.max(1)).order_by_score())
                .map_err(&err)?;
            (total, top)
        } else {
            searcher
                .search(&*tquery, &(Count, TopDocs::with_limit(limit).order_by_score()))
                .map_err(&err)?
        };
        let mut docs = Vec::with_capacity(top.len());
        for (score, addr) in top {
            let doc: TantivyDocument = searcher.doc(addr).map_err(&err)?;
            let text =
                |f: Field| doc.get_first(f).and_then(|v| v.as_str()).unwrap_or_default().to_owned();
            docs.push(RankedDoc {
                score,
                path: text(self.fields.path),
                title: text(self.fields.title),
            });
        }
        Ok(Ranked { total, docs, needles: needles(&parsed) })
    }

    /// Runs `query` and returns up to `limit` hits (0: all), best first, each
    /// with the best line of the note and a highlighted snippet.
    pub fn search(
        &self,
        vault: &Vault,
        query: &str,
        limit: usize,
    ) -> Result<SearchResults, SearchError> {
        let ranked = self.rank(query, limit)?;
        let hits = ranked
            .docs
            .into_iter()
            .map(|d| {
                let text = vault
                    .find_note(&d.path)
                    .ok()
                    .and_then(|id| vault.read_text(id))
                    .unwrap_or_default();
                let snip = best_line(&text, &ranked.needles);
                SearchHit {
                    path: d.path,
                    title: d.title,
                    score: d.score,
                    line: snip.line,
                    snippet: snip.text,
                    highlights: snip.highlights,
                }
            })
            .collect();
        Ok(SearchResults { total: ranked.total, hits })
    }

    /// Size of the index on disk, in bytes.
    pub fn disk_size(&self) -> u64 {
        dir_size(&self.dir)
    }

    fn build(&self, q: &query::Query) -> Box<dyn TQuery> {
        let mut clauses: Vec<(Occur, Box<dyn TQuery>)> = Vec::new();
        for clause in &q.clauses {
            match clause {
                Clause::Must(t) => {
                    if let Some(tq) = self.term_query(t) {
                        clauses.push((Occur::Must, tq));
                    }
                }
                Clause::MustNot(t) => {
                    if let Some(tq) = self.term_query(t) {
                        clauses.push((Occur::MustNot, tq));
                    }
                }
                Clause::AnyOf(ts) => {
                    let any: Vec<(Occur, Box<dyn TQuery>)> = ts
                        .iter()
                        .filter_map(|t| self.term_query(t))
                        .map(|q| (Occur::Should, q))
                        .collect();
                    if !any.is_empty() {
                        clauses.push((Occur::Must, Box::new(BooleanQuery::new(any))));
                    }
                }
            }
        }
        if !clauses.iter().any(|(o, _)| *o == Occur::Must) {
            // Every positive term was punctuation only: nothing can match it.
            return Box::new(BooleanQuery::new(vec![(Occur::MustNot, Box::new(AllQuery))]));
        }
        Box::new(BooleanQuery::new(clauses))
    }

    /// The Tantivy query for one term, or `None` when it has no searchable
    /// token (punctuation only).
    fn term_query(&self, t: &QTerm) -> Option<Box<dyn TQuery>> {
        let f = self.fields;
        let text = match &t.kind {
            TermKind::Words(s) | TermKind::Phrase(s) | TermKind::Prefix(s) => s.as_str(),
        };
        match t.field {
            Some(QField::Tag) => {
                let key = tag_key(text);
                (!key.is_empty()).then(|| {
                    Box::new(TermQuery::new(
                        Term::from_field_text(f.tags, &key),
                        IndexRecordOption::Basic,
                    )) as Box<dyn TQuery>
                })
            }
            Some(QField::Path) => {
                let prefix = text.trim_start_matches('/').to_lowercase();
                let pattern = format!("{}.*", regex_escape(&prefix));
                RegexQuery::from_pattern(&pattern, f.path_lc)
                    .ok()
                    .map(|q| Box::new(q) as Box<dyn TQuery>)
            }
            Some(QField::Title) => text_query(f.title, &t.kind),
            Some(QField::File) => text_query(f.file, &t.kind),
            None => {
                let per_field: Vec<(Occur, Box<dyn TQuery>)> = [
                    (f.title, TITLE_BOOST),
                    (f.headings, HEADING_BOOST),
                    (f.file, FILE_BOOST),
                    (f.body, 1.0),
                ]
                .into_iter()
                .filter_map(|(field, boost)| {
                    text_query(field, &t.kind).map(|q| {
                        let q: Box<dyn TQuery> =
                            if boost == 1.0 { q } else { Box::new(BoostQuery::new(q, boost)) };
                        (Occur::Should, q)
                    })
                })
                .collect();
                (!per_field.is_empty())
                    .then(|| Box::new(BooleanQuery::new(per_field)) as Box<dyn TQuery>)
            }
        }
    }
}

/// A query on one tokenized field: a term, a phrase of tokens, or a prefix.
fn text_query(field: Field, kind: &TermKind) -> Option<Box<dyn TQuery>> {
    let (text, prefix) = match kind {
        TermKind::Words(s) | TermKind::Phrase(s) => (s, false),
        TermKind::Prefix(s) => (s, true),
    };
    let tokens = tokenizer::tokens(text);
    let (last, init) = tokens.split_last()?;
    let term = |s: &str| Term::from_field_text(field, s);
    let last_query: Box<dyn TQuery> = if prefix {
        Box::new(RegexQuery::from_pattern(&format!("{}.*", regex_escape(last)), field).ok()?)
    } else if last.chars().count() == 1 && last.chars().all(tokenizer::is_cjk) && init.is_empty() {
        // One syllable: any token containing it (`책` in `책을`, `전자책`).
        let c = regex_escape(last);
        Box::new(RegexQuery::from_pattern(&format!("{c}.?|.{c}"), field).ok()?)
    } else if init.is_empty() {
        Box::new(TermQuery::new(term(last), IndexRecordOption::WithFreqs))
    } else if !prefix {
        let terms: Vec<Term> = tokens.iter().map(|s| term(s)).collect();
        return Some(Box::new(PhraseQuery::new(terms)));
    } else {
        Box::new(RegexQuery::from_pattern(&format!("{}.*", regex_escape(last)), field).ok()?)
    };
    if init.is_empty() {
        return Some(last_query);
    }
    // A multi-token prefix (`redis-clu*`): the leading tokens as a phrase or
    // term, and the last one as a prefix.
    let lead: Box<dyn TQuery> = if init.len() == 1 {
        Box::new(TermQuery::new(term(&init[0]), IndexRecordOption::WithFreqs))
    } else {
        Box::new(PhraseQuery::new(init.iter().map(|s| term(s)).collect()))
    };
    Some(Box::new(BooleanQuery::new(vec![(Occur::Must, lead), (Occur::Must, last_query)])))
}

fn regex_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 2);
    for c in s.chars() {
        if "\\.+*?()|[]{}^$#&-~\"<>@".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The strings to highlight: every positive term's text, lower-cased.
fn needles(q: &query::Query) -> Vec<String> {
    let mut out = Vec::new();
    let mut push = |t: &QTerm| {
        if matches!(t.field, Some(QField::Tag | QField::Path)) {
            return;
        }
        let s = match &t.kind {
            TermKind::Words(s) | TermKind::Phrase(s) | TermKind::Prefix(s) => s,
        };
        if !s.trim().is_empty() {
            out.push(s.trim().to_lowercase());
        }
    };
    for c in &q.clauses {
        match c {
            Clause::Must(t) => push(t),
            Clause::AnyOf(ts) => ts.iter().for_each(&mut push),
            Clause::MustNot(_) => {}
        }
    }
    out
}

/// Removes the notes at `removed`, replaces the documents of `changed`
/// (built in parallel, their text read from disk), and commits.
fn write_notes(
    writer: &mut IndexWriter,
    fields: Fields,
    vault: &Vault,
    changed: &[NoteId],
    removed: &[&str],
    progress: &Progress,
) -> tantivy::Result<()> {
    for path in removed {
        writer.delete_term(Term::from_field_text(fields.path, path));
    }
    let docs: Vec<TantivyDocument> = changed
        .par_iter()
        .map(|&id| {
            let doc = note_document(vault, id, fields);
            progress.step();
            doc
        })
        .collect();
    for (id, doc) in changed.iter().zip(docs) {
        writer.delete_term(Term::from_field_text(fields.path, vault.note(*id).path.as_str()));
        writer.add_document(doc)?;
        progress.step();
    }
    writer.commit()?;
    Ok(())
}

/// Builds the index document of one note; its text is read from disk.
fn note_document(vault: &Vault, id: NoteId, f: Fields) -> TantivyDocument {
    let note = vault.note(id);
    let body = match note.content {
        Content::Parsed | Content::Lossy => vault.read_text(id).unwrap_or_default(),
        Content::TooLarge | Content::Unreadable => String::new(),
    };
    let mut d = doc!(
        f.path => note.path.as_str(),
        f.path_lc => note.path.as_str().to_lowercase(),
        f.title => note.title.as_str(),
        f.file => note.path.stem(),
        f.body => body,
    );
    for alias in &note.aliases {
        d.add_text(f.title, alias);
    }
    for h in &note.headings {
        d.add_text(f.headings, &*h.text);
    }
    let mut keys: Vec<String> = Vec::new();
    for t in &note.tags {
        let key = tag_key(&t.name);
        // `#a/b/c` is also found by `tag:a` and `tag:a/b`.
        for (i, _) in key.match_indices('/') {
            keys.push(key[..i].to_owned());
        }
        keys.push(key);
    }
    keys.sort_unstable();
    keys.dedup();
    for k in keys.iter().filter(|k| !k.is_empty()) {
        d.add_text(f.tags, k);
    }
    d
}

fn mtime_ns(t: Option<std::time::SystemTime>) -> u128 {
    t.and_then(|t| t.duration_since(UNIX_EPOCH).ok()).map_or(0, |d| d.as_nanos())
}

/// Reads the manifest: `path\tsize\tmtime` lines, later lines winning, and
/// `path\t-\t-` for a note removed since. A line that does not parse is
/// skipped, so at worst that note is indexed again.
fn read_manifest(path: &Path) -> HashMap<String, (u64, u128)> {
    let Ok(text) = fs::read_to_string(path) else { return HashMap::new() };
    let mut out = HashMap::new();
    for line in text.lines() {
        let mut parts = line.rsplitn(3, '\t');
        let (Some(mtime), Some(size), Some(path)) = (parts.next(), parts.next(), parts.next())
        else {
            continue;
        };
        if (mtime, size) == ("-", "-") {
            out.remove(path);
        } else if let (Ok(size), Ok(mtime)) = (size.parse(), mtime.parse()) {
            out.insert(path.to_owned(), (size, mtime));
        }
    }
    out
}

/// Writes `path` so that a crash leaves either the old or the new content:
/// a temporary file, fsync, rename.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), SearchError> {
    let tmp = path.with_extension("tmp");
    let mut f = fs::File::create(&tmp).map_err(io_err(&tmp))?;
    f.write_all(bytes).map_err(io_err(&tmp))?;
    f.sync_all().map_err(io_err(&tmp))?;
    fs::rename(&tmp, path).map_err(io_err(path))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifest_lines_apply_in_order_and_bad_lines_are_skipped() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join(MANIFEST_FILE);
        let text = "a.md\t10\t100\n면접/b.md\t20\t200\na.md\t11\t101\nb\tc\nc.md\t-\t-\n\
                    면접/b.md\t-\t-\nc.md\t5\t50\ngarbage\n";
        fs::write(&path, text).expect("write");
        let mut got: Vec<(String, (u64, u128))> = read_manifest(&path).into_iter().collect();
        got.sort();
        assert_eq!(got, [("a.md".to_owned(), (11, 101)), ("c.md".to_owned(), (5, 50))]);
    }
}
