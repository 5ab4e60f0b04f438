//! The index's manifest: which version of each note the index holds, as
//! (size, modification time), so that a reopen re-indexes only what changed.
//!
//! The file is `path\tsize\tmtime` lines, later lines winning: written whole
//! and atomically after a full sync, appended to after each live update. A
//! removal is `path\t-\t-`. Paths are escaped (`\\`, `\t`, `\n`, `\r`), so a
//! file name with a tab or a newline round-trips.
//!
//! The index commit and the manifest are two writes, and a process can be
//! killed between them. So before each commit every path about to be written
//! or removed gets an intent line, `path\t?\t?`, fsynced; its real stamp is
//! appended after the commit. A path whose last line is an intent is
//! [`Stamp`]-less: it never equals a note on disk, so the next sync
//! re-indexes it if the note exists and removes it from the index if not.
//! A line that cannot be read only costs a re-index of that note.

use std::collections::HashMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{io_err, SearchError};

pub(crate) const MANIFEST_FILE: &str = "hanji-manifest.tsv";

/// A note's size and modification time (nanoseconds since the epoch).
pub(crate) type Stamp = (u64, u128);

/// Written instead of a stamp for a path whose index write is under way.
const INTENT: &str = "?";
/// Written instead of a stamp for a path removed from the index.
const REMOVED: &str = "-";

/// The manifest, in memory and on disk.
pub(crate) struct Manifest {
    file: PathBuf,
    /// `None`: the index may or may not hold this path's current version
    /// (an intent without its stamp, or an update that failed).
    entries: HashMap<String, Option<Stamp>>,
    /// Lines appended to the file since it was last written whole.
    journal_lines: usize,
}

impl Manifest {
    /// The manifest of the index in `dir`, as far as it can be read.
    pub(crate) fn load(dir: &Path) -> Manifest {
        let file = dir.join(MANIFEST_FILE);
        let entries = fs::read_to_string(&file).map(|t| parse(&t)).unwrap_or_default();
        Manifest { file, entries, journal_lines: 0 }
    }

    /// An empty manifest for a new index in `dir` (nothing is written yet).
    pub(crate) fn empty(dir: &Path) -> Manifest {
        Manifest { file: dir.join(MANIFEST_FILE), entries: HashMap::new(), journal_lines: 0 }
    }

    pub(crate) fn get(&self, path: &str) -> Option<Option<Stamp>> {
        self.entries.get(path).copied()
    }

    /// True when the index holds exactly this version of the note.
    pub(crate) fn is_fresh(&self, path: &str, stamp: Stamp) -> bool {
        self.get(path) == Some(Some(stamp))
    }

    pub(crate) fn paths(&self) -> impl Iterator<Item = &str> {
        self.entries.keys().map(String::as_str)
    }

    /// Marks `path` as not known to be fresh, in memory only: the next sync
    /// looks at it again whatever the disk says.
    pub(crate) fn mark_unknown(&mut self, path: &str) {
        self.entries.insert(path.to_owned(), None);
    }

    /// Before a commit: records on disk (fsynced) that `paths` are about to
    /// change in the index, so that a crash after the commit cannot leave
    /// index documents the manifest does not know about.
    pub(crate) fn write_intents<'a>(
        &mut self,
        paths: impl Iterator<Item = &'a str>,
    ) -> Result<(), SearchError> {
        let mut out = String::new();
        let mut lines = 0;
        for path in paths {
            push_line(&mut out, path, INTENT, INTENT);
            self.entries.insert(path.to_owned(), None);
            lines += 1;
        }
        if lines == 0 {
            return Ok(());
        }
        self.append(out.as_bytes(), true)?;
        self.journal_lines += lines;
        Ok(())
    }

    /// After a live update's commit: the real stamps of the notes written
    /// and the removals. Not fsynced: losing these lines only costs a
    /// re-index, since their intents are on disk.
    pub(crate) fn write_stamps(
        &mut self,
        removed: &[&str],
        written: &[(&str, Stamp)],
    ) -> Result<(), SearchError> {
        let mut out = String::new();
        for path in removed {
            self.entries.remove(*path);
            push_line(&mut out, path, REMOVED, REMOVED);
        }
        for &(path, (size, mtime)) in written {
            self.entries.insert(path.to_owned(), Some((size, mtime)));
            push_line(&mut out, path, &size.to_string(), &mtime.to_string());
        }
        self.journal_lines += removed.len() + written.len();
        if self.journal_lines > self.entries.len() + 1000 {
            // Appended lines would outgrow the manifest: write it afresh.
            self.write_whole()
        } else {
            self.append(out.as_bytes(), false)
        }
    }

    /// After a full sync's commit: the manifest is exactly `entries`.
    pub(crate) fn replace(
        &mut self,
        entries: HashMap<String, Option<Stamp>>,
    ) -> Result<(), SearchError> {
        self.entries = entries;
        self.write_whole()
    }

    fn write_whole(&mut self) -> Result<(), SearchError> {
        self.journal_lines = 0;
        let mut out = String::with_capacity(self.entries.len() * 64);
        for (path, stamp) in &self.entries {
            match stamp {
                Some((size, mtime)) => {
                    push_line(&mut out, path, &size.to_string(), &mtime.to_string())
                }
                None => push_line(&mut out, path, INTENT, INTENT),
            }
        }
        write_atomically(&self.file, out.as_bytes())
    }

    fn append(&self, bytes: &[u8], sync: bool) -> Result<(), SearchError> {
        let mut f = fs::OpenOptions::new()
            .append(true)
            .create(true)
            .open(&self.file)
            .map_err(io_err(&self.file))?;
        f.write_all(bytes).map_err(io_err(&self.file))?;
        if sync {
            f.sync_data().map_err(io_err(&self.file))?;
        }
        Ok(())
    }
}

fn push_line(out: &mut String, path: &str, size: &str, mtime: &str) {
    escape_into(out, path);
    out.push('\t');
    out.push_str(size);
    out.push('\t');
    out.push_str(mtime);
    out.push('\n');
}

fn escape_into(out: &mut String, path: &str) {
    for c in path.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
}

/// Undoes [`escape_into`]. A backslash before anything else is kept as
/// written, so a manifest from before escaping reads its (rare) paths with
/// backslashes as they were.
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let decoded = match chars.peek() {
            Some('\\') => '\\',
            Some('t') => '\t',
            Some('n') => '\n',
            Some('r') => '\r',
            _ => {
                out.push('\\');
                continue;
            }
        };
        chars.next();
        out.push(decoded);
    }
    out
}

/// Reads manifest text: later lines win; a line that does not parse is
/// skipped, so at worst that note is indexed again.
fn parse(text: &str) -> HashMap<String, Option<Stamp>> {
    let mut out = HashMap::new();
    for line in text.split('\n') {
        let mut parts = line.rsplitn(3, '\t');
        let (Some(mtime), Some(size), Some(path)) = (parts.next(), parts.next(), parts.next())
        else {
            continue;
        };
        let path = unescape(path);
        if (mtime, size) == (REMOVED, REMOVED) {
            out.remove(&path);
        } else if (mtime, size) == (INTENT, INTENT) {
            out.insert(path, None);
        } else if let (Ok(size), Ok(mtime)) = (size.parse(), mtime.parse()) {
            out.insert(path, Some((size, mtime)));
        }
    }
    out
}

/// Writes `path` so that a crash leaves either the old or the new content:
/// a temporary file, fsync, rename.
pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), SearchError> {
    let tmp = path.with_extension("tmp");
    let mut f = fs::File::create(&tmp).map_err(io_err(&tmp))?;
    f.write_all(bytes).map_err(io_err(&tmp))?;
    f.sync_all().map_err(io_err(&tmp))?;
    fs::rename(&tmp, path).map_err(io_err(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(m: HashMap<String, Option<Stamp>>) -> Vec<(String, Option<Stamp>)> {
        let mut v: Vec<_> = m.into_iter().collect();
        v.sort();
        v
    }

    #[test]
    fn manifest_lines_apply_in_order_and_bad_lines_are_skipped() {
        let text = "a.md\t10\t100\n면접/b.md\t20\t200\na.md\t11\t101\nb\tc\nc.md\t-\t-\n\
                    면접/b.md\t-\t-\nc.md\t5\t50\ngarbage\nd.md\t?\t?\n";
        assert_eq!(
            sorted(parse(text)),
            [
                ("a.md".to_owned(), Some((11, 101))),
                ("c.md".to_owned(), Some((5, 50))),
                ("d.md".to_owned(), None)
            ]
        );
    }

    #[test]
    fn paths_with_tabs_newlines_and_backslashes_round_trip() {
        let cases = [
            "plain.md",
            "new\nline.md",
            "tab\there.md",
            "cr\r.md",
            "back\\slash.md",
            "\\t.md",
            "끝\\",
        ];
        for path in cases {
            let mut line = String::new();
            push_line(&mut line, path, "1", "2");
            assert_eq!(line.matches('\n').count(), 1, "{path:?} is one line: {line:?}");
            assert_eq!(sorted(parse(&line)), [(path.to_owned(), Some((1, 2)))], "{path:?}");
        }
    }

    #[test]
    fn old_unescaped_lines_read_as_written() {
        // Before escaping, a backslash was written as is.
        for (line, path) in [("a\\b.md\t1\t2\n", "a\\b.md"), ("x\\\t1\t2\n", "x\\")] {
            assert_eq!(sorted(parse(line)), [(path.to_owned(), Some((1, 2)))], "{line:?}");
        }
    }

    #[test]
    fn intents_are_on_disk_before_stamps() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut m = Manifest::empty(dir.path());
        m.write_intents(["a.md", "b\nc.md"].into_iter()).expect("intents");
        // A crash here: both paths are known, neither is fresh.
        let reread = Manifest::load(dir.path());
        assert_eq!(reread.get("a.md"), Some(None));
        assert_eq!(reread.get("b\nc.md"), Some(None));
        m.write_stamps(&["a.md"], &[("b\nc.md", (3, 4))]).expect("stamps");
        let reread = Manifest::load(dir.path());
        assert_eq!(reread.get("a.md"), None);
        assert!(reread.is_fresh("b\nc.md", (3, 4)));
    }
}
