//! Reading notes for a load: from disk (read, check UTF-8, parse) or, in a
//! cached load, from the note's cache row when the file has not changed.
//!
//! Along with `scan` and `cache`, the only code in the vault that touches the
//! disk; it reads files and never writes any.

use std::fs::File;
use std::io::Read;
use std::time::SystemTime;

use super::{Content, MAX_NOTE_BYTES};
use crate::cache::{CacheRow, CachedFile};
use crate::diagnostic::{Diagnostic, DiagnosticKind};
use crate::parse::{self, ParsedNote};
use crate::path::VaultPath;
use crate::scan::ScanEntry;
use hanji_syntax::heading;

/// The result of reading and parsing one note, before resolution.
pub(super) struct Loaded {
    pub(super) entry: ScanEntry,
    pub(super) content: Content,
    pub(super) size: u64,
    pub(super) modified: Option<SystemTime>,
    pub(super) parsed: ParsedNote,
    /// Headings normalised for anchor checks, computed once per note here (in
    /// parallel) instead of once per link that points at the note.
    pub(super) normalised_headings: Vec<String>,
    pub(super) diagnostics: Vec<Diagnostic>,
    /// The content hash, `0` when it was not computed (a plain load).
    pub(super) hash: u64,
}

pub(super) fn read_and_parse(entry: ScanEntry) -> Loaded {
    let mut diagnostics = Vec::new();
    let read = read_note(&entry, &mut diagnostics, false);
    loaded_from(entry, read, diagnostics, true)
}

/// A loaded note from what reading (or the cache) gave, with the parse
/// diagnostics turned into vault diagnostics. Headings are normalised for
/// anchor checks only when the note's links will be resolved in bulk.
pub(super) fn loaded_from(
    entry: ScanEntry,
    read: FileRead,
    mut diagnostics: Vec<Diagnostic>,
    normalise: bool,
) -> Loaded {
    let FileRead { parsed, content, size, modified, hash } = read;
    let display = entry.path.as_str();
    for d in &parsed.diagnostics {
        diagnostics.push(Diagnostic {
            kind: d.kind.into(),
            path: display.to_owned(),
            pos: Some(d.pos),
            message: d.message.clone(),
        });
    }
    let normalised_headings = if normalise {
        parsed.headings.iter().map(|h| heading::key(&h.text)).collect()
    } else {
        Vec::new()
    };
    Loaded { entry, content, size, modified, parsed, normalised_headings, diagnostics, hash }
}

/// What reading a note's file gave.
pub(super) struct FileRead {
    pub(super) parsed: ParsedNote,
    pub(super) content: Content,
    pub(super) size: u64,
    pub(super) modified: Option<SystemTime>,
    /// The content hash, when asked for (for the cache).
    pub(super) hash: u64,
}

/// Reads one note from disk and parses it; problems become diagnostics. The
/// size and modification time come from the open file, so the scan does not
/// need to stat every file.
pub(super) fn read_note(
    entry: &ScanEntry,
    diagnostics: &mut Vec<Diagnostic>,
    want_hash: bool,
) -> FileRead {
    let display = || entry.path.to_string();
    let mut unreadable = |e: std::io::Error| {
        diagnostics.push(Diagnostic {
            kind: DiagnosticKind::Unreadable,
            path: display(),
            pos: None,
            message: format!("cannot read: {e}"),
        });
        FileRead {
            parsed: ParsedNote::default(),
            content: Content::Unreadable,
            size: 0,
            modified: None,
            hash: 0,
        }
    };
    let mut file = match File::open(&entry.disk_path) {
        Ok(f) => f,
        Err(e) => return unreadable(e),
    };
    let (size, modified) = match file.metadata() {
        Ok(m) => (m.len(), m.modified().ok()),
        Err(e) => return unreadable(e),
    };
    if size > MAX_NOTE_BYTES {
        diagnostics.extend(content_diagnostic(&entry.path, Content::TooLarge, size));
        return FileRead {
            parsed: ParsedNote::default(),
            content: Content::TooLarge,
            size,
            modified,
            hash: 0,
        };
    }
    let mut bytes = Vec::with_capacity(size as usize);
    if let Err(e) = file.read_to_end(&mut bytes) {
        return unreadable(e);
    }
    let hash = if want_hash { crate::cache::content_hash(&bytes) } else { 0 };
    // The SIMD check is several times faster on Hangul-heavy text.
    let (parsed, content) = match simdutf8::basic::from_utf8(&bytes) {
        Ok(text) => (parse::parse_note(text), Content::Parsed),
        Err(_) => (parse::parse_note(&String::from_utf8_lossy(&bytes)), Content::Lossy),
    };
    diagnostics.extend(content_diagnostic(&entry.path, content, size));
    FileRead { parsed, content, size, modified, hash }
}

/// The diagnostic a note's content state calls for. A function of the state
/// alone, so a note restored from the cache reports exactly what a fresh read
/// would.
pub(super) fn content_diagnostic(
    path: &VaultPath,
    content: Content,
    size: u64,
) -> Option<Diagnostic> {
    let (kind, message) = match content {
        Content::Parsed | Content::Unreadable => return None,
        Content::Lossy => {
            (DiagnosticKind::InvalidUtf8, "not valid UTF-8; read lossily, read-only".to_owned())
        }
        Content::TooLarge => (
            DiagnosticKind::TooLarge,
            format!("note is {size} bytes, above the {MAX_NOTE_BYTES} byte limit; not parsed"),
        ),
    };
    Some(Diagnostic { kind, path: path.to_string(), pos: None, message })
}

pub(super) fn mtime_ns(t: Option<SystemTime>) -> u128 {
    t.and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok()).map_or(0, |d| d.as_nanos())
}

/// Loads one note for a cached load: from its row when size and modification
/// time still match (an unreadable note is always tried again), else from
/// disk, returning the row to write back.
pub(super) fn load_one(entry: ScanEntry, row: Option<CachedFile>) -> (Loaded, Option<CacheRow>) {
    if let (Some(row), Ok(meta)) = (row, std::fs::metadata(&entry.disk_path)) {
        let modified = meta.modified().ok();
        if row.size == meta.len()
            && row.mtime_ns == mtime_ns(modified)
            && row.content != Content::Unreadable
        {
            let diagnostics =
                content_diagnostic(&entry.path, row.content, row.size).into_iter().collect();
            let read = FileRead {
                parsed: row.parsed,
                content: row.content,
                size: row.size,
                modified,
                hash: row.hash,
            };
            return (loaded_from(entry, read, diagnostics, true), None);
        }
    }
    let mut diagnostics = Vec::new();
    let read = read_note(&entry, &mut diagnostics, true);
    let row = CacheRow {
        path: entry.path.to_string(),
        size: read.size,
        mtime_ns: mtime_ns(read.modified),
        hash: read.hash,
        content: read.content,
        blob: crate::cache::encode(&read.parsed),
    };
    (loaded_from(entry, read, diagnostics, true), Some(row))
}
