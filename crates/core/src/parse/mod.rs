//! Parsing one note: Markdown text in, a [`ParsedNote`] out.
//!
//! This stage is pure: it takes a `&str`, does no IO, allocates only for the
//! metadata it returns, and never panics on any input. Problems (malformed
//! front matter and the like) come back as [`ParseDiagnostic`]s next to the
//! result, never as a failure: a note with broken YAML still has a body worth
//! indexing. Knowing which file the text came from, or what a link points at,
//! is not this module's business (see `scan` and `resolve`).

mod frontmatter;
mod inline;
pub mod link;

use crate::work::{self, Work};
use std::ops::Range;
use std::sync::OnceLock;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

pub use frontmatter::FrontMatter;
pub use link::{Anchor, ImageSize};

/// A 1-based line and column. The column counts Unicode scalar values, not
/// bytes, so a position inside Hangul text means the same to every client.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Pos {
    pub line: u32,
    pub col: u32,
}

/// Everything the engine keeps about one note after parsing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParsedNote {
    pub front_matter: Option<FrontMatter>,
    /// The text of the first level-1 heading, if any.
    pub first_h1: Option<String>,
    pub headings: Vec<Heading>,
    pub tags: Vec<TagUse>,
    pub block_ids: Vec<BlockId>,
    pub tasks: Vec<Task>,
    pub links: Vec<Link>,
    pub external_links: Vec<ExternalLink>,
    pub diagnostics: Vec<ParseDiagnostic>,
}

impl ParsedNote {
    /// The title Obsidian users expect: front-matter `title`, else the first
    /// H1, else the file name without its extension.
    pub fn title<'a>(&'a self, file_stem: &'a str) -> &'a str {
        self.front_matter
            .as_ref()
            .and_then(|fm| fm.title.as_deref())
            .or(self.first_h1.as_deref())
            .unwrap_or(file_stem)
    }

    pub fn aliases(&self) -> &[String] {
        self.front_matter.as_ref().map_or(&[], |fm| &fm.aliases)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub text: Box<str>,
    pub pos: Pos,
}

/// Where a tag was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TagSource {
    FrontMatter,
    Inline,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagUse {
    /// The tag as written, without `#`.
    pub name: Box<str>,
    pub source: TagSource,
    /// Position of the `#` for inline tags; line 0 for front matter.
    pub pos: Pos,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockId {
    pub id: Box<str>,
    pub pos: Pos,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Task {
    pub done: bool,
    /// Byte range of the task's text (after `- [ ]`) on its line. The text is
    /// note text, which the vault does not keep: read it from the file.
    pub text: Range<u32>,
    pub pos: Pos,
}

/// How a link was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LinkSyntax {
    /// `[[Note]]` or `![[Note]]`.
    Wiki,
    /// `[text](Note.md)` or `![alt](img.png)`.
    Markdown,
}

/// A link to something inside the vault (resolved later).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub syntax: LinkSyntax,
    /// `![[...]]` or `![](...)`: the target is shown inline.
    pub embed: bool,
    /// The path part as written (percent-decoded for Markdown links); empty for
    /// a link into the same note such as `[[#Heading]]`.
    pub path: Box<str>,
    /// Boxed: most links have no anchor, and the box keeps `Link` small.
    pub anchor: Option<Box<Anchor>>,
    /// The alias or link text, when it differs from the target.
    pub display: Option<Box<str>>,
    /// For image embeds, `|300` or `|640x480`.
    pub size: Option<ImageSize>,
    pub pos: Pos,
    /// Byte range of the whole link syntax in the note.
    pub span: Range<u32>,
}

impl Link {
    /// The target as a user would write it: `Note#Heading`.
    pub fn target_text(&self) -> String {
        match &self.anchor {
            Some(a) => format!("{}#{}", self.path, a.to_link_text()),
            None => self.path.to_string(),
        }
    }
}

/// A link whose destination is a URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExternalLink {
    pub url: Box<str>,
    pub embed: bool,
    pub pos: Pos,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseDiagnostic {
    pub kind: ParseDiagnosticKind,
    pub pos: Pos,
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ParseDiagnosticKind {
    /// The YAML between the fences could not be read.
    MalformedFrontMatter,
    /// A `---` opened front matter that never closed; the text is read as body.
    UnclosedFrontMatter,
}

/// The byte range of the first line break at or after `from`: `\n`, `\r\n`,
/// or a `\r` alone (old Mac files), the line endings of CommonMark and so of
/// pulldown-cmark. The one definition of a line that every line number and
/// context line in the engine follows.
fn next_break(text: &[u8], from: usize) -> Option<Range<usize>> {
    let at = from + memchr::memchr2(b'\n', b'\r', text.get(from..)?)?;
    let crlf = text[at] == b'\r' && text.get(at + 1) == Some(&b'\n');
    Some(at..at + 1 + usize::from(crlf))
}

/// The lines of `text`, without their line breaks (`\n`, `\r\n`, or a lone
/// `\r`, as the parser sees them). Like [`str::lines`] otherwise: a final
/// line break does not start another line, and `""` has no lines. Line `n`
/// of [`LineIndex`] is item `n - 1` here.
pub fn lines(text: &str) -> Lines<'_> {
    Lines { text, at: 0 }
}

/// The iterator of [`lines`].
#[derive(Debug, Clone)]
pub struct Lines<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Iterator for Lines<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let start = self.at;
        if start >= self.text.len() {
            return None;
        }
        let (end, next) = match next_break(self.text.as_bytes(), start) {
            Some(br) => (br.start, br.end),
            None => (self.text.len(), self.text.len()),
        };
        self.at = next;
        // Breaks are ASCII, so both ends are character boundaries.
        self.text.get(start..end)
    }
}

/// Columns within this many bytes of their line's start are counted
/// directly; farther ones use [`LineIndex`]'s character table.
const COUNT_DIRECT: usize = 512;

/// Bytes between two entries of [`LineIndex`]'s character table.
const CHUNK: usize = 256;

/// Maps byte offsets to 1-based line and character columns.
///
/// A column counts the characters between the line's start and the offset.
/// On a long line (a 10 MB note on one line, with thousands of links) that
/// count is taken from a table of characters before every [`CHUNK`]-th byte,
/// built the first time it is needed, so every position costs a bounded
/// amount of work, not the length of the line before it.
#[derive(Debug)]
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<u32>,
    /// Characters before byte `i * CHUNK`, for each `i`.
    chars_before: OnceLock<Vec<u32>>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = Vec::with_capacity(text.len() / 40 + 1);
        starts.push(0);
        let mut from = 0;
        while let Some(br) = next_break(bytes, from) {
            starts.push(br.end as u32);
            from = br.end;
        }
        LineIndex { text, starts, chars_before: OnceLock::new() }
    }

    pub fn pos(&self, offset: usize) -> Pos {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&s| s as usize <= offset);
        let start = self.starts[line - 1] as usize;
        let col = if !self.text.is_char_boundary(offset) {
            offset - start
        } else if offset - start <= COUNT_DIRECT {
            count_chars(&self.text.as_bytes()[start..offset])
        } else {
            self.chars_upto(offset) - self.chars_upto(start)
        };
        Pos { line: line as u32, col: col as u32 + 1 }
    }

    /// How many characters `text[..offset]` holds (`offset` a character
    /// boundary), from the table and at most one chunk counted.
    fn chars_upto(&self, offset: usize) -> usize {
        let bytes = self.text.as_bytes();
        let table = self.chars_before.get_or_init(|| {
            let mut total = 0u32;
            bytes
                .chunks(CHUNK)
                .map(|c| {
                    let before = total;
                    total += count_chars(c) as u32;
                    before
                })
                .collect()
        });
        let chunk = offset / CHUNK;
        let base = table.get(chunk).map_or(0, |&c| c as usize);
        base + count_chars(&bytes[(chunk * CHUNK).min(offset)..offset])
    }

    /// Byte range of the line holding `offset`, without its line break.
    pub fn line_range(&self, offset: usize) -> Range<usize> {
        let line = self.starts.partition_point(|&s| s as usize <= offset);
        let start = self.starts[line - 1] as usize;
        let bytes = self.text.as_bytes();
        let end = match self.starts.get(line) {
            // The next line starts right after this one's break.
            Some(&next) => {
                let next = next as usize;
                let crlf = next >= 2 && bytes[next - 1] == b'\n' && bytes[next - 2] == b'\r';
                next - 1 - usize::from(crlf)
            }
            None => self.text.len(),
        };
        start..end.max(start)
    }
}

/// Characters in `bytes`, a slice of UTF-8 text: the bytes that start one.
fn count_chars(bytes: &[u8]) -> usize {
    work::count(Work::ColumnBytes, bytes.len());
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

fn markdown_options() -> Options {
    Options::ENABLE_WIKILINKS
        | Options::ENABLE_TABLES
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_MATH
}

/// Splits a UTF-8 byte-order mark off the front, which some editors write.
fn body_offset_after_bom(text: &str) -> usize {
    if text.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    }
}

/// Parses a note. Never fails; see the module docs.
pub fn parse_note(text: &str) -> ParsedNote {
    let mut note = ParsedNote::default();
    let lines = LineIndex::new(text);
    let bom = body_offset_after_bom(text);
    let mut body_start = bom;
    match frontmatter::find(&text[bom..]) {
        frontmatter::Found::Block(block) => {
            body_start = bom + block.body_start;
            let yaml = &text[bom + block.yaml_start..bom + block.yaml_end];
            match frontmatter::read(yaml) {
                Ok(fm) => note.front_matter = Some(fm),
                Err(message) => note.diagnostics.push(ParseDiagnostic {
                    kind: ParseDiagnosticKind::MalformedFrontMatter,
                    pos: lines.pos(bom),
                    message: format!("malformed front matter: {message}"),
                }),
            }
        }
        frontmatter::Found::Unclosed => note.diagnostics.push(ParseDiagnostic {
            kind: ParseDiagnosticKind::UnclosedFrontMatter,
            pos: lines.pos(bom),
            message: "front matter opened with `---` is never closed; read as body".to_owned(),
        }),
        frontmatter::Found::None => {}
    }
    if let Some(fm) = &note.front_matter {
        note.tags.extend(fm.tags.iter().map(|t| TagUse {
            name: t.as_str().into(),
            source: TagSource::FrontMatter,
            pos: Pos::default(),
        }));
    }
    Walker { text, lines: &lines, note: &mut note }.walk(body_start);
    // A vault keeps these for every note: give back the growth slack.
    note.headings.shrink_to_fit();
    note.tags.shrink_to_fit();
    note.block_ids.shrink_to_fit();
    note.tasks.shrink_to_fit();
    note.links.shrink_to_fit();
    note.external_links.shrink_to_fit();
    note
}

/// State for one pass over pulldown-cmark's events.
struct Walker<'a, 'n> {
    text: &'a str,
    lines: &'a LineIndex<'a>,
    note: &'n mut ParsedNote,
}

/// A link or image whose end tag has not been seen yet.
struct OpenLink {
    syntax: LinkSyntax,
    embed: bool,
    external: bool,
    has_pothole: bool,
    dest: String,
    start: usize,
    display: String,
}

impl Walker<'_, '_> {
    fn walk(&mut self, body_start: usize) {
        let body = &self.text[body_start..];
        let parser = Parser::new_ext(body, markdown_options()).into_offset_iter();
        let mut open: Vec<OpenLink> = Vec::new();
        let mut heading: Option<(u8, usize)> = None;
        let mut in_code_block = false;
        // Prose ranges (absolute byte offsets), merged when adjacent, so a tag
        // that pulldown-cmark split across two text events is seen whole.
        let mut prose: Vec<Range<usize>> = Vec::new();
        // Code ranges, so block ids are never read from inside code.
        let mut code: Vec<Range<usize>> = Vec::new();

        for (event, range) in parser {
            let range = range.start + body_start..range.end + body_start;
            match event {
                Event::Start(Tag::Link { link_type, dest_url, .. }) => {
                    open.push(self.open_link(link_type, &dest_url, range.start, false));
                }
                Event::Start(Tag::Image { link_type, dest_url, .. }) => {
                    open.push(self.open_link(link_type, &dest_url, range.start, true));
                }
                Event::End(TagEnd::Link | TagEnd::Image) => {
                    if let Some(link) = open.pop() {
                        self.close_link(link, range.end);
                    }
                }
                Event::Start(Tag::Heading { level, .. }) => {
                    heading = Some((level as u8, range.start))
                }
                Event::End(TagEnd::Heading(_)) => {
                    if let Some((level, start)) = heading.take() {
                        self.push_heading(level, start, range.end);
                    }
                }
                Event::Start(Tag::CodeBlock(_)) => {
                    in_code_block = true;
                    code.push(range);
                }
                Event::End(TagEnd::CodeBlock) => in_code_block = false,
                Event::Text(t) => {
                    if let Some(link) = open.last_mut() {
                        link.display.push_str(&t);
                    } else if !in_code_block {
                        match prose.last_mut() {
                            Some(last) if last.end == range.start => last.end = range.end,
                            _ => prose.push(range),
                        }
                    }
                }
                Event::Code(t) => {
                    if let Some(link) = open.last_mut() {
                        link.display.push_str(&t);
                    }
                    code.push(range);
                }
                Event::InlineMath(_)
                | Event::DisplayMath(_)
                | Event::Html(_)
                | Event::InlineHtml(_) => {
                    code.push(range);
                }
                Event::TaskListMarker(done) => self.push_task(done, range),
                _ => {}
            }
        }
        // Unclosed links cannot happen with a well-formed event stream; if one
        // does, it is dropped rather than guessed at.
        for r in &prose {
            let (start, end) = (r.start, r.end);
            let mut found_tags = Vec::new();
            inline::scan_tags(self.text, start, end, |off, name| {
                found_tags.push((off, name.to_owned()))
            });
            for (off, name) in found_tags {
                let pos = self.lines.pos(off);
                self.note.tags.push(TagUse { name: name.into(), source: TagSource::Inline, pos });
            }
            let mut urls = Vec::new();
            inline::scan_urls(self.text, start, end, |off, url| urls.push((off, url.to_owned())));
            for (off, url) in urls {
                let pos = self.lines.pos(off);
                self.note.external_links.push(ExternalLink { url: url.into(), embed: false, pos });
            }
        }
        self.scan_block_ids(body_start, &code);
        self.note.external_links.sort_by_key(|l| l.pos);
    }

    fn open_link(&self, link_type: LinkType, dest: &str, start: usize, embed: bool) -> OpenLink {
        let (syntax, has_pothole) = match link_type {
            LinkType::WikiLink { has_pothole } => (LinkSyntax::Wiki, has_pothole),
            _ => (LinkSyntax::Markdown, false),
        };
        let external = match link_type {
            LinkType::Email => true,
            LinkType::WikiLink { .. } => false,
            _ => link::is_external(dest) || dest.starts_with("//"),
        };
        OpenLink {
            syntax,
            embed,
            external,
            has_pothole,
            dest: dest.to_owned(),
            start,
            display: String::new(),
        }
    }

    fn close_link(&mut self, link: OpenLink, end: usize) {
        let pos = self.lines.pos(link.start);
        if link.external {
            self.note.external_links.push(ExternalLink {
                url: link.dest.into(),
                embed: link.embed,
                pos,
            });
            return;
        }
        let dest = match link.syntax {
            LinkSyntax::Wiki => link::clean_wiki_dest(&link.dest).to_owned(),
            LinkSyntax::Markdown => link::decode_markdown_dest(&link.dest),
        };
        let (path, anchor) = link::split_anchor(&dest);
        if path.is_empty() && anchor.is_none() {
            return;
        }
        let mut display = match link.syntax {
            LinkSyntax::Wiki if link.has_pothole => Some(link.display),
            LinkSyntax::Wiki => None,
            LinkSyntax::Markdown => (!link.display.is_empty()).then_some(link.display),
        };
        let mut size = None;
        if link.embed {
            if let Some(s) = display.as_deref().and_then(link::parse_size) {
                size = Some(s);
                display = None;
            }
        }
        self.note.links.push(Link {
            syntax: link.syntax,
            embed: link.embed,
            path: path.into(),
            anchor: anchor.map(Box::new),
            display: display.map(String::into_boxed_str),
            size,
            pos,
            span: link.start as u32..end as u32,
        });
    }

    fn push_heading(&mut self, level: u8, start: usize, end: usize) {
        let raw = &self.text[start..end];
        let text = heading_text(raw);
        if level == 1 && self.note.first_h1.is_none() && !text.is_empty() {
            self.note.first_h1 = Some(text.clone());
        }
        self.note.headings.push(Heading {
            level,
            text: text.into_boxed_str(),
            pos: self.lines.pos(start),
        });
    }

    fn push_task(&mut self, done: bool, range: Range<usize>) {
        let line = self.lines.line_range(range.start);
        let after = range.end.min(line.end);
        let rest = &self.text[after..line.end];
        let start = after + (rest.len() - rest.trim_start().len());
        let end = after + rest.trim_end().len();
        let text = start as u32..end.max(start) as u32;
        self.note.tasks.push(Task { done, text, pos: self.lines.pos(line.start) });
    }

    fn scan_block_ids(&mut self, body_start: usize, code: &[Range<usize>]) {
        let mut found = Vec::new();
        inline::scan_block_ids(self.text, body_start, self.text.len(), |off, id| {
            if !code.iter().any(|r| r.contains(&off)) {
                found.push((off, id.to_owned()));
            }
        });
        for (off, id) in found {
            let pos = self.lines.pos(off);
            self.note.block_ids.push(BlockId { id: id.into(), pos });
        }
    }
}

/// The text of a heading from its source: ATX markers and closing hashes
/// removed; for a setext heading, its text lines without the underline.
fn heading_text(raw: &str) -> String {
    let trimmed = raw.trim();
    if let Some(rest) = trimmed.strip_prefix('#') {
        let rest = rest.trim_start_matches('#');
        let rest = rest.trim();
        // A closing sequence of `#` counts only after a space.
        let rest = match rest.trim_end_matches('#') {
            r if r.len() < rest.len() && (r.is_empty() || r.ends_with([' ', '\t'])) => r.trim_end(),
            _ => rest,
        };
        return rest.to_owned();
    }
    // Setext: text lines, then the underline (any line ending, `\r` too).
    let mut text_lines: Vec<&str> = lines(trimmed).collect();
    text_lines.pop();
    text_lines.iter().map(|l| l.trim()).collect::<Vec<_>>().join(" ")
}

/// Byte ranges of the prose in `text` (outside code, links, HTML and math), as
/// used for tags. Unlinked-mention search uses the same notion of prose.
pub(crate) fn prose_ranges(text: &str) -> Vec<Range<usize>> {
    let bom = body_offset_after_bom(text);
    let body_start = match frontmatter::find(&text[bom..]) {
        frontmatter::Found::Block(b) => bom + b.body_start,
        _ => bom,
    };
    let mut depth_link = 0usize;
    let mut in_code = false;
    let mut out: Vec<Range<usize>> = Vec::new();
    for (event, range) in
        Parser::new_ext(&text[body_start..], markdown_options()).into_offset_iter()
    {
        let range = range.start + body_start..range.end + body_start;
        match event {
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => depth_link += 1,
            Event::End(TagEnd::Link | TagEnd::Image) => depth_link = depth_link.saturating_sub(1),
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Text(_) if depth_link == 0 && !in_code => match out.last_mut() {
                Some(last) if last.end == range.start => last.end = range.end,
                _ => out.push(range),
            },
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod line_tests {
    use super::*;

    /// Splits `text` with [`lines`] and checks every line's number and range
    /// in [`LineIndex`] against it.
    fn check(text: &str, expect: &[&str]) {
        let got: Vec<&str> = lines(text).collect();
        assert_eq!(got, expect, "lines of {text:?}");
        let index = LineIndex::new(text);
        let mut at = 0;
        for (i, line) in got.iter().enumerate() {
            assert!(text[at..].starts_with(line), "{text:?} line {}", i + 1);
            assert_eq!(index.pos(at), Pos { line: i as u32 + 1, col: 1 }, "{text:?} at {at}");
            assert_eq!(&text[index.line_range(at)], *line, "{text:?} line {}", i + 1);
            at += line.len();
            let rest = &text[at..];
            at += if rest.starts_with("\r\n") { 2 } else { usize::from(!rest.is_empty()) };
        }
        assert_eq!(at, text.len(), "{text:?}: every line seen");
    }

    /// Issue 10, item 17: a note with `\r` alone as its line ending (old Mac
    /// files) was one long line to the engine, though pulldown-cmark sees
    /// separate lines, so positions and context lines were wrong.
    #[test]
    fn cr_only_line_endings_end_lines() {
        check("", &[]);
        check("one", &["one"]);
        check("a\nb\n", &["a", "b"]);
        check("a\r\nb\r\n", &["a", "b"]);
        check("a\rb\r", &["a", "b"]);
        check("a\r\rb", &["a", "", "b"]);
        check("a\r\n\rb\n\r\nc", &["a", "", "b", "", "c"]);
        check("\r\n", &[""]);
        check("\r", &[""]);
        check("면접\r질문\r\n답", &["면접", "질문", "답"]);

        let note = "# Title\r\rSee [[Other]] and #tag.\r\r- [ ] task\r## Second\r^block-1\r";
        let parsed = parse_note(note);
        let headings: Vec<(u32, &str)> =
            parsed.headings.iter().map(|h| (h.pos.line, &*h.text)).collect();
        assert_eq!(headings, [(1, "Title"), (6, "Second")]);
        assert_eq!(parsed.links[0].pos, Pos { line: 3, col: 5 });
        assert_eq!(parsed.tags[0].pos, Pos { line: 3, col: 19 });
        let task = &parsed.tasks[0];
        assert_eq!(
            (task.pos.line, &note[task.text.start as usize..task.text.end as usize]),
            (5, "task")
        );
        let setext = parse_note("Title\r===\r\rbody");
        assert_eq!(setext.headings[0].text.as_ref(), "Title");
    }

    /// Issue 10, item 19: every position on a line counted the characters
    /// from the line's start, so a 10 MB note on one line with thousands of
    /// links took time in their product to parse.
    #[test]
    fn columns_on_a_long_line_cost_a_bounded_count() {
        let mut text = String::from("intro\n");
        let mut offsets = Vec::new();
        for i in 0..2000 {
            text.push_str(&"가나다 abc ".repeat(60));
            offsets.push(text.len());
            text.push_str(&format!("[[note {i}]] "));
        }
        let index = LineIndex::new(&text);
        crate::work::reset(crate::work::Work::ColumnBytes);
        for &off in &offsets {
            let col = text[6..off].chars().count() as u32 + 1;
            assert_eq!(index.pos(off), Pos { line: 2, col });
        }
        let per_position = crate::work::counted(crate::work::Work::ColumnBytes) / offsets.len();
        assert!(per_position < 4 * COUNT_DIRECT, "{per_position} bytes counted per position");
    }
}
