//! Parsing one note: Markdown text in, a [`ParsedNote`] out.
//!
//! This stage is pure: it takes a `&str`, does no IO, allocates only for the
//! metadata it returns, and never panics on any input. Problems (malformed
//! front matter and the like) come back as [`ParseDiagnostic`]s next to the
//! result, never as a failure: a note with broken YAML still has a body worth
//! indexing. Knowing which file the text came from, or what a link points at,
//! is not this module's business (see `scan` and `resolve`).
//!
//! What is inside an Obsidian comment (`%% … %%`) is not part of the note:
//! the body is parsed with its comments cut out (`hanji_syntax::comment`),
//! and every position is mapped back to the bytes on disk. Links written as
//! property values in the front matter (`related: "[[Note]]"`) are links,
//! as in Obsidian: they come first in [`ParsedNote::links`].

use std::ops::Range;

use hanji_syntax::comment::{self, Stripped};
use hanji_syntax::{frontmatter, heading, inline, tag};
use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

pub use hanji_syntax::frontmatter::FrontMatter;
pub use hanji_syntax::lines::{lines, LineIndex, Lines, Pos};
pub use hanji_syntax::link::{self, Anchor, ImageSize};

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

fn markdown_options() -> Options {
    comment::options()
}

/// Parses a note. Never fails; see the module docs.
pub fn parse_note(text: &str) -> ParsedNote {
    let mut note = ParsedNote::default();
    let lines = LineIndex::new(text);
    let bom = frontmatter::bom_len(text);
    let mut body_start = bom;
    match frontmatter::find(text) {
        frontmatter::Found::Block(block) => {
            body_start = block.body_start;
            let yaml = &text[block.yaml_start..block.yaml_end];
            match frontmatter::read(yaml) {
                Ok(fm) => {
                    note.front_matter = Some(fm);
                    for r in frontmatter::wiki_links(yaml) {
                        let span = block.yaml_start + r.start..block.yaml_start + r.end;
                        push_property_link(&mut note, &lines, text, span);
                    }
                }
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
    let stripped = comment::strip(&text[body_start..]);
    let body: &str = &stripped.text;
    Walker { text, body, cuts: &stripped, body_start, lines: &lines, note: &mut note }.walk();
    // A vault keeps these for every note: give back the growth slack.
    note.headings.shrink_to_fit();
    note.tags.shrink_to_fit();
    note.block_ids.shrink_to_fit();
    note.tasks.shrink_to_fit();
    note.links.shrink_to_fit();
    note.external_links.shrink_to_fit();
    note
}

/// A wiki-link written as a front-matter value; `span` is its bytes in
/// `text`, `[[` to `]]` (a leading `!` included).
fn push_property_link(
    note: &mut ParsedNote,
    lines: &LineIndex<'_>,
    text: &str,
    span: Range<usize>,
) {
    let raw = &text[span.clone()];
    let embed = raw.starts_with('!');
    let inner = raw.trim_start_matches('!');
    let inner = &inner[2..inner.len() - 2];
    let (dest, display) = link::split_wiki_inner(inner);
    let (path, anchor) = link::split_anchor(link::clean_wiki_dest(dest));
    if path.is_empty() && anchor.is_none() {
        return;
    }
    let mut display = display.map(str::to_owned);
    let mut size = None;
    if embed {
        if let Some(s) = display.as_deref().and_then(link::parse_size) {
            size = Some(s);
            display = None;
        }
    }
    note.links.push(Link {
        syntax: LinkSyntax::Wiki,
        embed,
        path: path.into(),
        anchor: anchor.map(Box::new),
        display: display.map(String::into_boxed_str),
        size,
        pos: lines.pos(span.start),
        span: span.start as u32..span.end as u32,
    });
}

/// State for one pass over pulldown-cmark's events. The events' ranges are
/// in `body`, the note's body with its comments cut out; `at` and `end`
/// turn them into offsets of the note's text.
struct Walker<'a, 'n> {
    text: &'a str,
    body: &'a str,
    cuts: &'a Stripped<'a>,
    body_start: usize,
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
    /// The offset in the note's text of `at`, a start in `body`.
    fn at(&self, at: usize) -> usize {
        self.body_start + self.cuts.original(at)
    }

    /// The offset in the note's text of `end`, an end in `body`.
    fn end(&self, end: usize) -> usize {
        self.body_start + self.cuts.original_end(end)
    }

    fn walk(&mut self) {
        let parser = Parser::new_ext(self.body, markdown_options()).into_offset_iter();
        let mut open: Vec<OpenLink> = Vec::new();
        let mut heading: Option<(u8, usize)> = None;
        let mut in_code_block = false;
        // Prose ranges (offsets in `body`), merged when adjacent, so a tag
        // that pulldown-cmark split across two text events is seen whole.
        let mut prose: Vec<Range<usize>> = Vec::new();
        // Code ranges, so block ids are never read from inside code.
        let mut code: Vec<Range<usize>> = Vec::new();

        for (event, range) in parser {
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
            tag::scan(self.body, start, end, |off, name| found_tags.push((off, name.to_owned())));
            for (off, name) in found_tags {
                let pos = self.lines.pos(self.at(off));
                self.note.tags.push(TagUse { name: name.into(), source: TagSource::Inline, pos });
            }
            let mut urls = Vec::new();
            inline::scan_urls(self.body, start, end, |off, url| urls.push((off, url.to_owned())));
            for (off, url) in urls {
                let pos = self.lines.pos(self.at(off));
                self.note.external_links.push(ExternalLink { url: url.into(), embed: false, pos });
            }
        }
        self.scan_block_ids(&code);
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
        let (start, end) = (self.at(link.start), self.end(end));
        let pos = self.lines.pos(start);
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
            span: start as u32..end as u32,
        });
    }

    fn push_heading(&mut self, level: u8, start: usize, end: usize) {
        let raw = &self.body[start..end];
        let start = self.at(start);
        let text = heading::text(raw);
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
        // The task's text is read from the note's text: a comment on the
        // task's line is part of it.
        let range = self.at(range.start)..self.end(range.end);
        let line = self.lines.line_range(range.start);
        let after = range.end.min(line.end);
        let rest = &self.text[after..line.end];
        let start = after + (rest.len() - rest.trim_start().len());
        let end = after + rest.trim_end().len();
        let text = start as u32..end.max(start) as u32;
        self.note.tasks.push(Task { done, text, pos: self.lines.pos(line.start) });
    }

    fn scan_block_ids(&mut self, code: &[Range<usize>]) {
        let mut found = Vec::new();
        inline::scan_block_ids(self.body, 0, self.body.len(), |off, id| {
            if !code.iter().any(|r| r.contains(&off)) {
                found.push((off, id.to_owned()));
            }
        });
        for (off, id) in found {
            let pos = self.lines.pos(self.at(off));
            self.note.block_ids.push(BlockId { id: id.into(), pos });
        }
    }
}

/// Byte ranges of the prose in `text` (outside code, links, HTML, math and
/// comments), as used for tags. Unlinked-mention search uses the same notion
/// of prose.
pub(crate) fn prose_ranges(text: &str) -> Vec<Range<usize>> {
    let body_start = frontmatter::body_start(text);
    let stripped = comment::strip(&text[body_start..]);
    let mut depth_link = 0usize;
    let mut in_code = false;
    let mut found: Vec<Range<usize>> = Vec::new();
    for (event, range) in Parser::new_ext(&stripped.text, markdown_options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => depth_link += 1,
            Event::End(TagEnd::Link | TagEnd::Image) => depth_link = depth_link.saturating_sub(1),
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Text(_) if depth_link == 0 && !in_code => match found.last_mut() {
                Some(last) if last.end == range.start => last.end = range.end,
                _ => found.push(range),
            },
            _ => {}
        }
    }
    let mut out = Vec::with_capacity(found.len());
    for r in found {
        stripped.original_ranges(r, |o| out.push(o.start + body_start..o.end + body_start));
    }
    out
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod line_tests {
    use super::*;

    /// Issue 10, item 17: a note with `\r` alone as its line ending (old Mac
    /// files) was one long line to the engine, though pulldown-cmark sees
    /// separate lines, so positions and context lines were wrong.
    #[test]
    fn cr_only_line_endings_end_lines() {
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
}
