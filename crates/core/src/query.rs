//! Questions asked of a loaded [`Vault`] that need a look at note text:
//! backlinks with the line they sit on, and unlinked mentions. Also the list
//! of problems `hanji check` reports.
//!
//! The vault keeps no note text, so these read the few files they need, on
//! demand; they never write. A file that cannot be read any more yields no
//! context rather than an error: the link itself is still known.

use crate::work::{self, Work};
use std::ops::Range;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostic::DiagnosticKind;
use crate::graph::Node;
use crate::mentions::{find_mentions, Mention};
use crate::parse::{LineIndex, Pos};
use crate::resolve::Unresolved;
use crate::vault::{AnchorStatus, Content, Note, NoteLink, Target, Vault};
use crate::NoteId;
use hanji_syntax::heading;

/// Longest snippet, in characters and ellipses included, around a backlink,
/// a mention or a search hit (see [`cut_line`]).
pub const SNIPPET_CHARS: usize = 160;

/// One link into a note, from another note, with its context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backlink<'v> {
    pub source: NoteId,
    pub link: &'v NoteLink,
    /// The source line as the note reads (no Markdown around the words),
    /// shortened around the link; `None` if the file could not be read again.
    pub snippet: Option<String>,
    /// Where the link's own text is in `snippet`: `[start, end)` characters.
    pub marks: Vec<(u32, u32)>,
}

/// A note linking into another, found in the graph without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BacklinkSource {
    pub source: NoteId,
    /// Links and embeds from `source` into the note.
    pub links: usize,
}

/// An unlinked mention of a note in another note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnlinkedMention {
    pub source: NoteId,
    pub pos: Pos,
    /// The title or alias that was found.
    pub term: String,
    /// The line as the note reads, cut around the mention.
    pub snippet: String,
    /// Where the mention is in `snippet`: `[start, end)` characters.
    pub marks: Vec<(u32, u32)>,
}

/// A scan for unlinked mentions, detached from the vault (see
/// [`Vault::mention_scan`]). Its note ids are those of the vault it was taken
/// from; if that vault changes before the results are used, the caller must
/// map them back with the paths it kept.
#[derive(Debug, Clone)]
pub struct MentionScan {
    terms: Vec<String>,
    lowered: Vec<String>,
    /// Each note to read, in id order: its id, vault path and file.
    files: Vec<(NoteId, String, PathBuf)>,
}

impl MentionScan {
    /// Reads every file of the scan in parallel and returns the mentions in
    /// source-id order. Returns `None` as soon as `cancelled` answers true,
    /// so a scan nobody waits for any more stops early.
    pub fn run(&self, cancelled: &(dyn Fn() -> bool + Sync)) -> Option<Vec<UnlinkedMention>> {
        let mut found: Vec<UnlinkedMention> = self
            .files
            .par_iter()
            .map(|(source, _, disk)| {
                if cancelled() {
                    return None;
                }
                Some(self.scan_file(*source, disk))
            })
            .collect::<Option<Vec<_>>>()?
            .into_iter()
            .flatten()
            .collect();
        found.sort_by_key(|m| (m.source, m.pos));
        Some(found)
    }

    /// The vault path `source` had when the scan was taken.
    pub fn source_path(&self, source: NoteId) -> Option<&str> {
        let i = self.files.binary_search_by_key(&source, |f| f.0).ok()?;
        Some(&self.files[i].1)
    }

    fn scan_file(&self, source: NoteId, disk: &Path) -> Vec<UnlinkedMention> {
        let Ok(bytes) = std::fs::read(disk) else { return Vec::new() };
        let text = String::from_utf8_lossy(&bytes);
        // Compared in NFC, like the terms: a note written on macOS (NFD
        // Hangul) mentions `면접` too. Positions are then those of the
        // normalised text, which for such a note may be a few columns off
        // the bytes on disk; the line is the same.
        let text = crate::text::nfc(&text);
        // A cheap filter first: most notes mention none of the terms.
        let lower = text.to_lowercase();
        if !self.lowered.iter().any(|t| lower.contains(t.as_str())) {
            return Vec::new();
        }
        find_mentions(&text, &self.terms)
            .into_iter()
            .map(|Mention { pos, term, offset, line }| {
                let at = offset.saturating_sub(line.start);
                let found = &self.terms[term];
                let (snippet, marks) = mention_snippet(
                    text.get(line.clone()).unwrap_or_default(),
                    at..at + found.len(),
                );
                UnlinkedMention { source, pos, term: found.clone(), snippet, marks }
            })
            .collect()
    }
}

/// What is wrong with one link or file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ProblemKind {
    Unresolved,
    EscapesVault,
    Ambiguous,
    BrokenAnchor,
    Diagnostic(DiagnosticKind),
}

impl ProblemKind {
    pub fn code(self) -> &'static str {
        match self {
            ProblemKind::Unresolved => "unresolved",
            ProblemKind::EscapesVault => "escapes_vault",
            ProblemKind::Ambiguous => "ambiguous",
            ProblemKind::BrokenAnchor => "broken_anchor",
            ProblemKind::Diagnostic(d) => d.code(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub kind: ProblemKind,
    pub path: String,
    pub pos: Option<Pos>,
    /// The link target as written, for link problems.
    pub target: Option<String>,
    pub message: String,
}

/// Where to cut one line for a snippet: the byte range kept, and whether
/// an ellipsis (`…`) marks a cut before or after it. See [`cut_line`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineCut {
    pub range: Range<usize>,
    pub before: bool,
    pub after: bool,
}

impl LineCut {
    /// The snippet: the kept text with its ellipses.
    pub fn text(&self, line: &str) -> String {
        let kept = line.get(self.range.clone()).unwrap_or_default();
        let mut s = String::with_capacity(kept.len() + 6);
        if self.before {
            s.push('…');
        }
        s.push_str(kept);
        if self.after {
            s.push('…');
        }
        s
    }
}

/// Cuts `line` (one line, without its line break) around the byte offset
/// `at`, for a snippet: the one rule for backlink, mention and search
/// snippets. Whitespace at the line's ends is dropped; a line of up to
/// [`SNIPPET_CHARS`] characters is kept whole; from a longer one, a third of
/// that before `at` and the rest after (shifted when `at` is near an end),
/// with an ellipsis for each cut, the ellipses counted in the
/// [`SNIPPET_CHARS`]. Cuts fall on character boundaries.
///
/// Looks at no more than twice [`SNIPPET_CHARS`] characters on either side
/// of `at`, so a line of 10 MB with thousands of links costs a bounded
/// amount per link. The price: a line that ends (or starts) with more than
/// [`SNIPPET_CHARS`] whitespace characters may show an ellipsis for them.
pub fn cut_line(line: &str, at: usize) -> LineCut {
    // Far enough to see past the window and up to SNIPPET_CHARS whitespace
    // characters beyond it, which decide whether the window is cut there.
    const REACH: usize = 2 * SNIPPET_CHARS;
    let mut at = at.min(line.len());
    while !line.is_char_boundary(at) {
        at -= 1;
    }
    // Character boundaries around `at`, ascending: `bounds[centre] == at`.
    let mut bounds: Vec<usize> =
        line[..at].char_indices().rev().take(REACH).map(|(i, _)| i).collect();
    bounds.reverse();
    let centre = bounds.len();
    bounds.push(at);
    bounds.extend(line[at..].char_indices().take(REACH).map(|(i, c)| at + i + c.len_utf8()));
    work::count(Work::SnippetChars, bounds.len());
    let whole_start = bounds.first() == Some(&0);
    let whole_end = bounds.last() == Some(&line.len());
    let is_space = |i: usize| line[bounds[i]..bounds[i + 1]].starts_with(char::is_whitespace);
    let last = bounds.len() - 1;
    let mut lo = 0;
    if whole_start {
        while lo < last && is_space(lo) {
            lo += 1;
        }
    }
    let mut hi = last;
    if whole_end {
        while hi > lo && is_space(hi - 1) {
            hi -= 1;
        }
    }
    let centre = centre.clamp(lo, hi);
    if whole_start && whole_end && hi - lo <= SNIPPET_CHARS {
        return LineCut { range: bounds[lo]..bounds[hi], before: false, after: false };
    }
    // Characters available on each side; unbounded where the walk stopped
    // before the line did.
    let available_before = if whole_start { centre - lo } else { usize::MAX };
    let available_after = if whole_end { hi - centre } else { usize::MAX };
    let mut before = available_before.min(SNIPPET_CHARS / 3);
    let mut after = available_after.min(SNIPPET_CHARS - before);
    if after < SNIPPET_CHARS - before {
        before = available_before.min(SNIPPET_CHARS - after);
    }
    let cut_before = before < available_before;
    let cut_after = after < available_after;
    // Room for the ellipses, taken from the longer side.
    if cut_after {
        after -= 1 + usize::from(cut_before);
    } else if cut_before {
        before -= 1;
    }
    LineCut {
        range: bounds[centre - before]..bounds[centre + after],
        before: cut_before,
        after: cut_after,
    }
}

/// The snippet of `line` around the byte offset `at` (see [`cut_line`]).
pub fn snippet_at(line: &str, at: usize) -> String {
    cut_line(line, at).text(line)
}

/// A snippet of `line` cut around the first of `marks` (`[start, end)`
/// character ranges of the whole line), with the marks moved onto the
/// snippet (its ellipsis counted) and those cut away dropped: the one rule
/// for a snippet with highlights (search hits, linked mentions).
pub fn cut_marked(line: &str, marks: &[(usize, usize)]) -> (String, Vec<(u32, u32)>) {
    let char_at = |chars: usize| line.char_indices().nth(chars).map_or(line.len(), |(i, _)| i);
    let cut = cut_line(line, marks.first().map_or(0, |h| char_at(h.0)));
    let start = line[..cut.range.start].chars().count();
    let end = start + line[cut.range.clone()].chars().count();
    let shift = usize::from(cut.before);
    let marks = marks
        .iter()
        .filter(|&&(s, e)| e > start && s < end)
        .map(|&(s, e)| ((s.max(start) - start + shift) as u32, (e.min(end) - start + shift) as u32))
        .collect();
    (cut.text(line), marks)
}

/// A mention's snippet (a link, or a title written out): its line cut
/// around it ([`cut_line`], so a 10 MB line costs what a short one does),
/// then read as the note reads (`hanji_syntax::plain`), the mention marked.
/// `at` is its byte range in `line`. A link the cut splits stays as written.
pub fn mention_snippet(line: &str, at: Range<usize>) -> (String, Vec<(u32, u32)>) {
    let cut = cut_line(line, at.start);
    let kept = line.get(cut.range.clone()).unwrap_or_default();
    let from = at.start.saturating_sub(cut.range.start);
    let to = at.end.min(cut.range.end).saturating_sub(cut.range.start).max(from);
    let (text, mark) = hanji_syntax::plain::line_text_marking(kept, from..to);
    let shift = usize::from(cut.before);
    let mut snippet = String::with_capacity(text.len() + 6);
    if cut.before {
        snippet.push('…');
    }
    snippet.push_str(&text);
    if cut.after {
        snippet.push('…');
    }
    let marks = mark.map(|(a, b)| ((a + shift) as u32, (b + shift) as u32)).into_iter().collect();
    (snippet, marks)
}

impl Vault {
    /// Reads a note's text again, for context. `None` when it cannot be read
    /// or was never parsed.
    pub fn read_text(&self, id: NoteId) -> Option<String> {
        let note = self.note(id);
        if matches!(note.content, Content::TooLarge | Content::Unreadable) {
            return None;
        }
        let bytes = std::fs::read(self.disk_path(id)).ok()?;
        Some(String::from_utf8_lossy(&bytes).into_owned())
    }

    /// The notes that link into `id`, in path order, with how many of their
    /// links (embeds included) point there. Reads nothing: this is what a
    /// caller pages through before asking [`Vault::backlinks_from`] for the
    /// context lines of one page.
    pub fn backlink_sources(&self, id: NoteId) -> Vec<BacklinkSource> {
        let mut out: Vec<BacklinkSource> = self
            .graph()
            .incoming(Node::Note(id))
            .into_iter()
            .map(|(source, w)| BacklinkSource { source, links: (w.links + w.embeds) as usize })
            .collect();
        out.sort_by(|a, b| self.note(a.source).path.cmp(&self.note(b.source).path));
        out
    }

    /// Links into `id` from each of `sources`, in the order given and then in
    /// the order written, each with the line it is on. The sources' files are
    /// read again in parallel, one pass per file.
    pub fn backlinks_from(&self, id: NoteId, sources: &[NoteId]) -> Vec<Backlink<'_>> {
        sources
            .par_iter()
            .map(|&source| {
                let text = self.read_text(source);
                let lines = text.as_deref().map(LineIndex::new);
                self.note(source)
                    .links
                    .iter()
                    .filter(|l| matches!(l.target, Target::Note { note, .. } if note == id))
                    .map(|link| {
                        let (snippet, marks) = match (&text, &lines) {
                            (Some(text), Some(lines)) => {
                                let start = link.link.span.start as usize;
                                let range = lines.line_range(start);
                                let line = text.get(range.clone()).unwrap_or_default();
                                let at = start.saturating_sub(range.start);
                                // The file may have changed since it was read:
                                // positions past its lines are taken as its end.
                                let end = (link.link.span.end as usize).saturating_sub(range.start);
                                let (s, m) = mention_snippet(line, at..end);
                                (Some(s), m)
                            }
                            _ => (None, Vec::new()),
                        };
                        Backlink { source, link, snippet, marks }
                    })
                    .collect::<Vec<_>>()
            })
            .collect::<Vec<_>>()
            .into_iter()
            .flatten()
            .collect()
    }

    /// Links from other notes into `id`, in source-path order, each with the
    /// line it is on.
    pub fn backlinks(&self, id: NoteId) -> Vec<Backlink<'_>> {
        let sources: Vec<NoteId> =
            self.backlink_sources(id).into_iter().map(|s| s.source).collect();
        self.backlinks_from(id, &sources)
    }

    /// Plain-text mentions of the note's title, aliases or file name in other
    /// notes that do not link there at that spot, in source order.
    pub fn unlinked_mentions(&self, id: NoteId) -> Vec<UnlinkedMention> {
        self.mention_scan(id).run(&|| false).unwrap_or_default()
    }

    /// What [`MentionScan::run`] needs to look for unlinked mentions of `id`:
    /// the terms and every other readable note's file. Taking this is cheap;
    /// the scan itself reads every note, so a caller holding a lock on the
    /// vault can release it before running the scan.
    pub fn mention_scan(&self, id: NoteId) -> MentionScan {
        let note = self.note(id);
        // Compared in NFC, as the text they are looked for in.
        let mut terms: Vec<String> = std::iter::once(note.title.as_str())
            .chain(note.aliases.iter().map(String::as_str))
            .chain(std::iter::once(note.path.stem()))
            .map(|t| crate::text::nfc(t).into_owned())
            .collect();
        let mut seen = std::collections::HashSet::new();
        terms.retain(|t| !t.trim().is_empty() && seen.insert(t.to_lowercase()));
        let lowered = terms.iter().map(|t| t.to_lowercase()).collect();
        let files = (0..self.notes().len() as u32)
            .map(NoteId)
            .filter(|&n| n != id)
            .filter(|&n| !matches!(self.note(n).content, Content::TooLarge | Content::Unreadable))
            .map(|n| (n, self.note(n).path.to_string(), self.disk_path(n)))
            .collect();
        MentionScan { terms, lowered, files }
    }

    /// Everything `hanji check` reports, link problems and load diagnostics,
    /// in one total order: by path, then position (none first), kind,
    /// message and target. The same vault gives the same list every run,
    /// whatever order the notes were read or updated in.
    pub fn problems(&self) -> Vec<Problem> {
        let mut out = Vec::new();
        for note in self.notes() {
            for l in &note.links {
                let target = Some(l.link.target_text());
                let path = note.path.to_string();
                let pos = Some(l.link.pos);
                match l.target {
                    Target::Unresolved { reason: Unresolved::NotFound, .. } => out.push(Problem {
                        kind: ProblemKind::Unresolved,
                        message: format!("no file matches {:?}", l.link.path),
                        path,
                        pos,
                        target,
                    }),
                    Target::Unresolved { reason: Unresolved::EscapesVault, .. } => {
                        out.push(Problem {
                            kind: ProblemKind::EscapesVault,
                            message: format!("{:?} points outside the vault", l.link.path),
                            path,
                            pos,
                            target,
                        })
                    }
                    Target::Note { note: t, anchor } => {
                        if l.is_ambiguous() {
                            out.push(Problem {
                                kind: ProblemKind::Ambiguous,
                                message: format!(
                                    "{:?} matches {} files; using {}",
                                    l.link.path,
                                    l.candidates,
                                    self.note(t).path
                                ),
                                path: path.clone(),
                                pos,
                                target: target.clone(),
                            });
                        }
                        if anchor == AnchorStatus::Broken {
                            out.push(Problem {
                                kind: ProblemKind::BrokenAnchor,
                                message: format!(
                                    "{} has no {} {:?}",
                                    self.note(t).path,
                                    match l.link.anchor.as_deref() {
                                        Some(crate::parse::Anchor::Block(_)) => "block",
                                        _ => "heading",
                                    },
                                    l.link
                                        .anchor
                                        .as_ref()
                                        .map(|a| a.to_link_text())
                                        .unwrap_or_default()
                                ),
                                path,
                                pos,
                                target,
                            });
                        }
                    }
                    Target::Attachment(a) => {
                        if l.is_ambiguous() {
                            out.push(Problem {
                                kind: ProblemKind::Ambiguous,
                                message: format!(
                                    "{:?} matches {} files; using {}",
                                    l.link.path,
                                    l.candidates,
                                    self.attachment(a).path
                                ),
                                path,
                                pos,
                                target,
                            });
                        }
                    }
                }
            }
        }
        out.extend(self.diagnostics().iter().map(|d| Problem {
            kind: ProblemKind::Diagnostic(d.kind),
            path: d.path.clone(),
            pos: d.pos,
            target: None,
            message: d.message.clone(),
        }));
        out.sort_by(|a, b| {
            (&a.path, a.pos, a.kind, &a.message, &a.target)
                .cmp(&(&b.path, b.pos, b.kind, &b.message, &b.target))
        });
        out
    }
}

/// The part of a note's `text` that `anchor` names, for an embed such as
/// `![[Note#Section]]` or `![[Note#^block]]`: a heading chain (`A#B`)
/// gives that heading's section, up to the next heading of the same or a
/// higher level; a block id gives the line that carries it, without the id.
/// `None` when the anchor is not in the note. Pure: works on the text given.
pub fn section_text(note: &Note, text: &str, anchor: &str) -> Option<String> {
    let lines: Vec<&str> = crate::parse::lines(text).collect();
    if let Some(id) = anchor.strip_prefix('^') {
        let block = note.block_ids.iter().find(|b| b.id.eq_ignore_ascii_case(id.trim()))?;
        let line = lines.get(block.pos.line.checked_sub(1)? as usize)?;
        let marker = line.rfind('^').unwrap_or(line.len());
        return Some(line[..marker].trim_end().to_owned());
    }
    let wanted: Vec<String> =
        anchor.split('#').map(str::trim).filter(|h| !h.is_empty()).map(heading::key).collect();
    // Walk the chain: each heading must sit inside the previous one's section.
    let mut from = 0;
    let mut parent_level = 0u8;
    let mut found: Option<usize> = None;
    for want in &wanted {
        let i = (from..note.headings.len())
            .take_while(|&i| found.is_none() || note.headings[i].level > parent_level)
            .find(|&i| heading::key(&note.headings[i].text) == *want)?;
        parent_level = note.headings[i].level;
        found = Some(i);
        from = i + 1;
    }
    let i = found?;
    let start = note.headings[i].pos.line.checked_sub(1)? as usize;
    let end = note.headings[i + 1..]
        .iter()
        .find(|h| h.level <= note.headings[i].level)
        .map_or(lines.len(), |h| (h.pos.line as usize).saturating_sub(1));
    Some(lines.get(start..end.max(start))?.join("\n"))
}

impl Vault {
    /// What a link written in a note of folder `source_dir` points at: a
    /// note or an attachment, or `None` when nothing matches (the same rules
    /// as every link in the vault).
    pub fn resolve_from(&self, source_dir: &str, link_path: &str) -> Option<Node> {
        self.resolve_link_path(source_dir, link_path)
    }

    /// The Markdown an embed of `id` shows: the whole note, or the section
    /// or block `anchor` names (see [`section_text`]).
    pub fn embed_text(&self, id: NoteId, anchor: Option<&str>) -> Option<String> {
        let text = self.read_text(id)?;
        match anchor {
            None => Some(text),
            Some(a) => section_text(self.note(id), &text, a),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mention_snippet_reads_as_the_note_and_marks_the_mention() {
        assert_eq!(
            mention_snippet("see [[A|b]] now", 4..11),
            ("see b now".to_owned(), vec![(4, 5)])
        );
        assert_eq!(
            mention_snippet("- [ ] **Redis** 정리", 8..13),
            ("☐ Redis 정리".to_owned(), vec![(2, 7)])
        );
        // Ranges past the line (a file shortened since it was read) never panic.
        for (line, at) in [("short", 3..99), ("", 0..5), ("가나다", 1..2), ("abc", 9..12)] {
            let _ = mention_snippet(line, at);
        }
    }

    /// Cuts `line` around the `at`-th character and compares the snippet.
    fn check(line: &str, at_char: usize, expect: &str) {
        let at = line.char_indices().nth(at_char).map_or(line.len(), |(i, _)| i);
        let got = snippet_at(line, at);
        assert_eq!(got, expect, "{line:?} around character {at_char}");
        assert!(got.chars().count() <= SNIPPET_CHARS, "{got:?} is longer than {SNIPPET_CHARS}");
    }

    #[test]
    fn snippets_keep_short_lines_whole() {
        check("  short line  ", 3, "short line");
        check("  short line  ", 0, "short line");
        check("  short line  ", 13, "short line");
        check("", 0, "");
        check("\t \t", 1, "");
        let full = "가".repeat(SNIPPET_CHARS);
        check(&format!("  {full}  "), 80, &full);
    }

    /// Issue 10, item 17: long lines came back as 162 characters, the
    /// ellipses added beyond the documented 160.
    #[test]
    fn snippets_fit_in_160_characters_with_ellipses() {
        let long = format!("{}X{}", "가".repeat(200), "나".repeat(199));
        // In the middle: 53 characters before, 105 after, an ellipsis each side.
        let middle = format!("…{}X{}…", "가".repeat(53), "나".repeat(104));
        check(&long, 200, &middle);
        // Near the start: no cut before, so 159 characters and one ellipsis.
        check(&long, 0, &format!("{}…", "가".repeat(159)));
        check(&long, 10, &format!("{}…", "가".repeat(159)));
        // Near the end: the window shifts back to keep 159 characters.
        check(&long, 399, &format!("…{}", "나".repeat(159)));
        check(&long, 400, &format!("…{}", "나".repeat(159)));
        let just_over = "a".repeat(SNIPPET_CHARS + 1);
        check(&just_over, 0, &format!("{}…", "a".repeat(SNIPPET_CHARS - 1)));
        // Whitespace at the ends does not count, nor is it cut.
        check(&format!("   {}   ", "b".repeat(SNIPPET_CHARS)), 5, &"b".repeat(SNIPPET_CHARS));
        let spaced = format!("{}{}", "b".repeat(SNIPPET_CHARS), " ".repeat(SNIPPET_CHARS));
        check(&spaced, 0, &"b".repeat(SNIPPET_CHARS));
    }

    /// Issue 10, item 19: each backlink's snippet counted every character of
    /// its line, so a 10 MB one-line note with thousands of links took
    /// their product.
    #[test]
    fn snippets_on_a_long_line_look_at_a_bounded_window() {
        let mut line = String::new();
        let mut offsets = Vec::new();
        for i in 0..2000 {
            line.push_str(&"가나다 abc ".repeat(60));
            offsets.push(line.len());
            line.push_str(&format!("[[note {i}]] "));
        }
        crate::work::reset(crate::work::Work::SnippetChars);
        for (i, &at) in offsets.iter().enumerate() {
            let s = snippet_at(&line, at);
            assert!(s.contains(&format!("[[note {i}]]")), "{s:?}");
            assert_eq!(s.chars().count(), SNIPPET_CHARS);
        }
        let per_snippet = crate::work::counted(crate::work::Work::SnippetChars) / offsets.len();
        assert!(per_snippet <= 4 * SNIPPET_CHARS + 1, "{per_snippet} characters per snippet");
    }
}
