//! The event pass: pulldown-cmark's events for one note, rewritten into the
//! HTML the reading view needs (heading ids, internal links, embeds, tags,
//! block ids, callouts, task items, table alignment), then written with
//! pulldown-cmark's own HTML writer.
//!
//! Pure and total: the vault is reached only through [`Context`], and every
//! slice of the note is taken with `get`, so no input can make it panic. The
//! HTML it returns is NOT sanitized: raw HTML from the note passes through
//! untouched, and only `lib.rs` may hand it out, after `sanitize::clean`.
//! Everything this module writes itself is escaped (`esc`).

use std::collections::HashSet;
use std::fmt::Write;
use std::ops::Range;

use hanji_syntax::link::{self, Anchor};
use hanji_syntax::{heading, LineIndex, VaultPath};
use pulldown_cmark::utils::TextMergeWithOffset;
use pulldown_cmark::{Alignment, CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};

use crate::inline::{self, Piece};
use crate::{callout, frontmatter, heading_anchor, Context, OutlineItem, Resolved};

/// Embedded notes nest at most this deep; an embed found deeper is a link.
const MAX_EMBED_DEPTH: usize = 3;
/// At most this many notes are embedded in one render, however they nest, so
/// a vault of notes that all embed each other cannot make a render explode.
const MAX_EMBEDS: usize = 100;

/// The Markdown extensions of the core's parser, so the reading view shows
/// the links and tasks the engine indexed.
/// The parser options: the same as the engine's (`hanji_syntax::comment`).
pub(crate) fn options() -> Options {
    hanji_syntax::comment::options()
}

/// One entry of the event list between parsing and writing: a pulldown-cmark
/// event with its byte range in the body, or something the callout pass put
/// in its place.
#[derive(Debug)]
pub(crate) enum Item<'a> {
    Md(Event<'a>, Range<usize>),
    /// A removed event.
    Skip,
    /// Opens a callout and its title; `title_given` is false when the first
    /// line had only the `[!type]` marker.
    CalloutStart {
        kind: String,
        title_given: bool,
    },
    /// Ends the title and opens the content; `reopen_paragraph` when the
    /// first paragraph goes on after the title line.
    CalloutTitleEnd {
        reopen_paragraph: bool,
    },
    CalloutEnd,
}

/// State shared by a note and everything embedded in it during one render.
pub(crate) struct Embeds<'t> {
    /// The text of the note being rendered: an embedded note with exactly
    /// this text is the note itself, whose path the renderer is not told.
    top_text: &'t str,
    /// Vault paths of the notes being embedded, outermost first.
    stack: Vec<String>,
    /// The rendered note's own path, once an embed has revealed it.
    top_path: Option<String>,
    /// Paths known not to be the rendered note.
    not_top: HashSet<String>,
    left: usize,
}

impl<'t> Embeds<'t> {
    pub(crate) fn new(top_text: &'t str) -> Self {
        Embeds {
            top_text,
            stack: Vec::new(),
            top_path: None,
            not_top: HashSet::new(),
            left: MAX_EMBEDS,
        }
    }

    /// True when `path` is the note being rendered. The path is not part of
    /// the `Context` contract, so it is recognised by its text (a note whose
    /// text equals the rendered one would, embedded, embed the same notes
    /// again: a cycle either way). A section embed needs the full text, asked
    /// for once per path.
    fn is_top(&mut self, ctx: &dyn Context, path: &str, anchored: bool, text: &str) -> bool {
        if let Some(top) = &self.top_path {
            return top == path;
        }
        if self.not_top.contains(path) {
            return false;
        }
        let same = if anchored {
            ctx.embed_text(path, None).is_some_and(|full| full == self.top_text)
        } else {
            text == self.top_text
        };
        if same {
            self.top_path = Some(path.to_owned());
        } else {
            self.not_top.insert(path.to_owned());
        }
        same
    }
}

/// What only the top-level note reports.
#[derive(Debug, Default)]
pub(crate) struct Collected {
    pub outline: Vec<OutlineItem>,
    pub tags: Vec<String>,
}

/// Renders the body of `text` (from `body_start`) to unsanitized HTML.
/// `collect` is given for the top-level note only; embedded notes have no
/// outline, tags or element ids of their own, so the ids of the page stay
/// unique.
pub(crate) fn render_body(
    text: &str,
    body_start: usize,
    ctx: &dyn Context,
    embeds: &mut Embeds<'_>,
    collect: Option<&mut Collected>,
) -> String {
    let before = text.get(..body_start).unwrap_or("");
    let body = hanji_syntax::comment::strip(text.get(body_start..).unwrap_or("")).text;
    let mut items: Vec<Item<'_>> =
        TextMergeWithOffset::new(Parser::new_ext(&body, options()).into_offset_iter())
            .map(|(event, range)| Item::Md(event, range))
            .collect();
    callout::mark(&mut items);
    let own_path = embeds.stack.last().cloned();
    let mut walker = Walker {
        src: &body,
        lines: LineIndex::new(&body),
        line_offset: before.matches('\n').count() as u32,
        ctx,
        embeds,
        own_path,
        collect,
        out: Vec::with_capacity(items.len()),
        ids: HashSet::new(),
        links: Vec::new(),
        paragraph: None,
        in_code_block: false,
        table: Table::default(),
    };
    walker.walk(items);
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(
        &mut html,
        walker.out.into_iter().map(|out| match out {
            Out::Md(event) => event,
            Out::Html(html, _) => Event::InlineHtml(CowStr::from(html)),
        }),
    );
    if crate::sanitize::too_deep(&html) {
        // Only a pathological note nests this deep; showing its source keeps
        // the render fast (see `sanitize::too_deep`).
        return format!("<pre><code>{}</code></pre>", esc(&body));
    }
    html
}

/// How a piece of HTML this module wrote sits in a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Inline,
    /// A block (an embedded note): a paragraph holding one is split around
    /// it, since a `<div>` inside `<p>` is invalid HTML.
    Block,
    /// Nothing visible (a block-id marker).
    Invisible,
}

enum Out<'a> {
    Md(Event<'a>),
    Html(String, Kind),
}

#[derive(Default)]
struct Table {
    alignments: Vec<Alignment>,
    in_head: bool,
    column: usize,
}

/// A link whose end has not been seen yet.
struct OpenLink {
    /// Whether an `<a>` was written (a link to nothing is written as text).
    written: bool,
    /// Index in `out` of the opening tag, and what to show if nothing follows
    /// it (`[[Note|]]`).
    opened_at: usize,
    fallback: String,
}

struct Walker<'a, 'w, 't> {
    src: &'a str,
    lines: LineIndex<'a>,
    line_offset: u32,
    ctx: &'w dyn Context,
    embeds: &'w mut Embeds<'t>,
    /// The vault path of the note being rendered when it is embedded.
    own_path: Option<String>,
    collect: Option<&'w mut Collected>,
    out: Vec<Out<'a>>,
    ids: HashSet<String>,
    links: Vec<OpenLink>,
    /// Index in `out` of the open paragraph's start.
    paragraph: Option<usize>,
    in_code_block: bool,
    table: Table,
}

impl<'a> Walker<'a, '_, '_> {
    fn walk(&mut self, mut items: Vec<Item<'a>>) {
        let mut i = 0;
        while i < items.len() {
            let item = std::mem::replace(&mut items[i], Item::Skip);
            match item {
                Item::Skip => {}
                Item::CalloutStart { kind, title_given } => {
                    let mut html = format!(
                        r#"<div class="callout" data-callout="{}"><div class="callout-title">"#,
                        esc(&kind)
                    );
                    if !title_given {
                        html.push_str(&esc(&callout::default_title(&kind)));
                    }
                    self.out.push(Out::Html(html, Kind::Block));
                }
                Item::CalloutTitleEnd { reopen_paragraph } => {
                    self.html(r#"</div><div class="callout-content">"#, Kind::Block);
                    if reopen_paragraph {
                        self.paragraph = Some(self.out.len());
                        self.out.push(Out::Md(Event::Start(Tag::Paragraph)));
                    }
                }
                Item::CalloutEnd => self.html("</div></div>", Kind::Block),
                Item::Md(event, range) => i = self.event(event, range, &items, i),
            }
            i += 1;
        }
    }

    /// Handles one event; returns the index of the last item it consumed.
    fn event(
        &mut self,
        event: Event<'a>,
        range: Range<usize>,
        items: &[Item<'a>],
        i: usize,
    ) -> usize {
        match event {
            Event::Start(Tag::Paragraph) => {
                self.paragraph = Some(self.out.len());
                self.push(Event::Start(Tag::Paragraph));
            }
            Event::End(TagEnd::Paragraph) => self.end_paragraph(),
            Event::Start(Tag::Heading { level, .. }) => {
                let id = self.heading(level as u8, &range, items, i);
                self.push(Event::Start(Tag::Heading {
                    level,
                    id: id.map(CowStr::from),
                    classes: Vec::new(),
                    attrs: Vec::new(),
                }));
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                self.in_code_block = true;
                self.push(Event::Start(Tag::CodeBlock(kind)));
            }
            Event::End(TagEnd::CodeBlock) => {
                self.in_code_block = false;
                self.push(Event::End(TagEnd::CodeBlock));
            }
            Event::Start(Tag::Table(alignments)) => {
                self.table = Table { alignments: alignments.clone(), ..Table::default() };
                self.push(Event::Start(Tag::Table(alignments)));
            }
            Event::Start(Tag::TableHead) => {
                self.table.in_head = true;
                self.table.column = 0;
                self.push(Event::Start(Tag::TableHead));
            }
            Event::End(TagEnd::TableHead) => {
                self.table.in_head = false;
                self.push(Event::End(TagEnd::TableHead));
            }
            Event::Start(Tag::TableRow) => {
                self.table.column = 0;
                self.push(Event::Start(Tag::TableRow));
            }
            // pulldown-cmark aligns cells with a `style` attribute, which the
            // web view's content security policy refuses: `align` instead.
            Event::Start(Tag::TableCell) => {
                let cell = if self.table.in_head { "th" } else { "td" };
                let align = match self.table.alignments.get(self.table.column) {
                    Some(Alignment::Left) => r#" align="left""#,
                    Some(Alignment::Center) => r#" align="center""#,
                    Some(Alignment::Right) => r#" align="right""#,
                    _ => "",
                };
                self.html(&format!("<{cell}{align}>"), Kind::Inline);
            }
            Event::End(TagEnd::TableCell) => {
                let cell = if self.table.in_head { "th" } else { "td" };
                self.html(&format!("</{cell}>"), Kind::Inline);
                self.table.column += 1;
            }
            Event::Start(Tag::Item) => {
                let task = items.iter().skip(i + 1).take(2).find_map(|item| match item {
                    Item::Md(Event::TaskListMarker(done), _) => Some(*done),
                    _ => None,
                });
                match task {
                    Some(true) => {
                        self.html(r#"<li class="task-list-item is-checked">"#, Kind::Block)
                    }
                    Some(false) => self.html(r#"<li class="task-list-item">"#, Kind::Block),
                    None => self.push(Event::Start(Tag::Item)),
                }
            }
            Event::Start(Tag::Link { link_type, dest_url, title, .. }) => {
                self.open_link(link_type, &dest_url, &title);
            }
            Event::End(TagEnd::Link) => self.close_link(),
            Event::Start(Tag::Image { link_type, dest_url, title, .. }) => {
                let (alt, end) = image_alt(items, i);
                self.image(link_type, &dest_url, &title, &alt);
                return end;
            }
            Event::Text(text) => {
                if self.in_code_block || !self.links.is_empty() {
                    self.push(Event::Text(text));
                } else {
                    let ends_block = matches!(
                        items.get(i + 1),
                        Some(Item::Md(
                            Event::End(TagEnd::Paragraph | TagEnd::Item)
                                | Event::Start(Tag::List(_)),
                            _
                        ))
                    );
                    self.prose(text, &range, ends_block);
                }
            }
            // Obsidian's default (strict line breaks off) shows a line break
            // in the source as one in the reading view.
            Event::SoftBreak => self.push(Event::HardBreak),
            other => self.push(other),
        }
        i
    }

    fn push(&mut self, event: Event<'a>) {
        self.out.push(Out::Md(event));
    }

    fn html(&mut self, html: &str, kind: Kind) {
        self.out.push(Out::Html(html.to_owned(), kind));
    }

    /// Closes a paragraph. A paragraph holding an embedded note (a `<div>`,
    /// invalid inside `<p>`) is split around it, and a part with nothing
    /// visible (only line breaks, or only a block-id marker) gets no `<p>`.
    fn end_paragraph(&mut self) {
        let Some(start) = self.paragraph.take() else {
            self.push(Event::End(TagEnd::Paragraph));
            return;
        };
        let content = self.out.get(start + 1..).unwrap_or(&[]);
        let has_block = content.iter().any(|o| matches!(o, Out::Html(_, Kind::Block)));
        if !has_block && content.iter().any(is_visible) {
            self.push(Event::End(TagEnd::Paragraph));
            return;
        }
        let content: Vec<Out<'a>> = self.out.drain(start..).skip(1).collect();
        let mut run = Vec::new();
        for out in content {
            if matches!(out, Out::Html(_, Kind::Block)) {
                self.flush_run(&mut run);
                self.out.push(out);
            } else {
                run.push(out);
            }
        }
        self.flush_run(&mut run);
    }

    /// Writes part of a split paragraph: as a paragraph without the line
    /// breaks at its ends when something in it is visible, else only its
    /// invisible markers.
    fn flush_run(&mut self, run: &mut Vec<Out<'a>>) {
        if run.iter().any(is_visible) {
            let first = run.iter().position(|o| !is_blank(o)).unwrap_or(0);
            let last = run.iter().rposition(|o| !is_blank(o)).map_or(run.len(), |i| i + 1);
            self.push(Event::Start(Tag::Paragraph));
            self.out.extend(run.drain(..).skip(first).take(last.saturating_sub(first)));
            self.push(Event::End(TagEnd::Paragraph));
        } else {
            self.out.extend(run.drain(..).filter(|o| matches!(o, Out::Html(..))));
        }
        run.clear();
    }

    /// Records a heading in the outline and returns its element id (none in
    /// embedded notes, whose ids could clash with the page's).
    fn heading(
        &mut self,
        level: u8,
        range: &Range<usize>,
        items: &[Item<'a>],
        i: usize,
    ) -> Option<String> {
        let collect = self.collect.as_deref_mut()?;
        let raw = heading::text(self.src.get(range.clone()).unwrap_or(""));
        let base = heading_anchor(&raw);
        let mut anchor = base.clone();
        if !base.is_empty() {
            let mut n = 0;
            while self.ids.contains(&anchor) {
                n += 1;
                anchor = format!("{base}-{n}");
            }
            self.ids.insert(anchor.clone());
        }
        let mut text = String::new();
        for item in items.iter().skip(i + 1) {
            match item {
                Item::Md(Event::End(TagEnd::Heading(_)), _) => break,
                Item::Md(Event::Text(t) | Event::Code(t) | Event::InlineMath(t), _) => {
                    text.push_str(t)
                }
                Item::Md(Event::SoftBreak | Event::HardBreak, _) => text.push(' '),
                _ => {}
            }
        }
        collect.outline.push(OutlineItem {
            level,
            text: text.trim().to_owned(),
            anchor: anchor.clone(),
            line: self.line_offset + self.lines.pos(range.start).line,
        });
        (!anchor.is_empty()).then_some(anchor)
    }

    /// Prose: the block id at the end of a block, then tags, bare URLs and
    /// highlights.
    fn prose(&mut self, text: CowStr<'a>, range: &Range<usize>, ends_block: bool) {
        // A tag or block id at offset 0 needs whitespace (or nothing) before
        // it in the note, and the text must begin where its range does: `\#x`
        // arrives as text `#x` but is not a tag.
        let start_ok = {
            let first = text.chars().next();
            let at = self.src.get(range.start..).and_then(|s| s.chars().next());
            let before = self.src.get(..range.start).and_then(|s| s.chars().next_back());
            first.is_some() && first == at && before.is_none_or(char::is_whitespace)
        };
        let (visible, block_id) =
            if ends_block { inline::split_block_id(&text, start_ok) } else { (&*text, None) };
        let pieces = inline::scan(visible, start_ok);
        if block_id.is_none()
            && matches!(pieces.as_slice(), [Piece::Text(t)] if t.len() == text.len())
        {
            self.push(Event::Text(text));
            return;
        }
        for piece in pieces {
            match piece {
                Piece::Text(t) => self.push(Event::Text(CowStr::from(t.to_owned()))),
                Piece::Tag(name) => {
                    if let Some(collect) = self.collect.as_deref_mut() {
                        collect.tags.push(name.to_owned());
                    }
                    let html = format!(r##"<a class="tag" data-tag="{0}">#{0}</a>"##, esc(name));
                    self.out.push(Out::Html(html, Kind::Inline));
                }
                Piece::Url(url) => {
                    let html = format!(r#"<a class="external-link" href="{0}">{0}</a>"#, esc(url));
                    self.out.push(Out::Html(html, Kind::Inline));
                }
                Piece::MarkOpen => self.html("<mark>", Kind::Inline),
                Piece::MarkClose => self.html("</mark>", Kind::Inline),
            }
        }
        // Only the page's own block ids get an element: an embedded note's
        // could clash with them.
        if let (Some(id), Some(_)) = (block_id, self.collect.as_ref()) {
            let html =
                format!(r#"<span class="block-id" id="^{}"></span>"#, esc(&id.to_lowercase()));
            self.out.push(Out::Html(html, Kind::Invisible));
        }
    }

    fn open_link(&mut self, link_type: LinkType, dest: &str, title: &str) {
        let opened_at = self.out.len();
        let (html, fallback) = match link_type {
            LinkType::WikiLink { .. } => {
                let dest = link::clean_wiki_dest(dest);
                let (path, anchor) = link::split_anchor(dest);
                (self.internal_open(path, anchor.as_ref()), dest.to_owned())
            }
            LinkType::Email => (external_open(&format!("mailto:{dest}"), title), dest.to_owned()),
            _ if link::is_external(dest) || dest.starts_with("//") => {
                (external_open(dest, title), dest.to_owned())
            }
            _ => {
                let decoded = link::decode_markdown_dest(dest);
                let (path, anchor) = link::split_anchor(&decoded);
                (self.internal_open(path, anchor.as_ref()), decoded.clone())
            }
        };
        let written = html.is_some();
        if let Some(html) = html {
            self.out.push(Out::Html(html, Kind::Inline));
        }
        self.links.push(OpenLink { written, opened_at, fallback });
    }

    fn close_link(&mut self) {
        let Some(link) = self.links.pop() else { return };
        if !link.written {
            return;
        }
        let empty = self
            .out
            .get(link.opened_at + 1..)
            .unwrap_or(&[])
            .iter()
            .all(|o| matches!(o, Out::Md(Event::Text(t)) if t.trim().is_empty()));
        if empty {
            self.push(Event::Text(CowStr::from(link.fallback)));
        }
        self.html("</a>", Kind::Inline);
    }

    /// The opening `<a>` of a link into the vault; `None` for a link to
    /// nothing (`[x]()`), which is shown as its text.
    fn internal_open(&mut self, path: &str, anchor: Option<&Anchor>) -> Option<String> {
        if path.is_empty() && anchor.is_none() {
            return None;
        }
        let anchor_attr =
            anchor.map_or(String::new(), |a| format!(r#" data-anchor="{}""#, esc(&a.element_id())));
        if path.is_empty() {
            let own = self.own_path.as_deref().unwrap_or("");
            return Some(format!(
                r#"<a class="internal-link" data-path="{}"{anchor_attr}>"#,
                esc(own)
            ));
        }
        Some(match self.resolve(path) {
            Resolved::Note { path } | Resolved::Attachment { path } => {
                format!(r#"<a class="internal-link" data-path="{}"{anchor_attr}>"#, esc(&path))
            }
            Resolved::Unresolved => format!(
                r#"<a class="internal-link unresolved" data-target="{}"{anchor_attr}>"#,
                esc(path)
            ),
        })
    }

    /// Resolves a link's path. In an embedded note, `./x` and `../x` are
    /// relative to that note's folder, not to the page's, so they are turned
    /// into a path from the vault root (`/…`) before the context sees them.
    fn resolve(&self, written: &str) -> Resolved {
        let relative = written == "."
            || written == ".."
            || written.starts_with("./")
            || written.starts_with("../");
        match (&self.own_path, relative) {
            (Some(own), true) => {
                let folder = own.rfind('/').map_or("", |i| own.get(..i).unwrap_or(""));
                match VaultPath::join(folder, written) {
                    Some(p) => self.ctx.resolve(&format!("/{p}")),
                    None => Resolved::Unresolved,
                }
            }
            _ => self.ctx.resolve(written),
        }
    }

    /// An image or embed: `![[…]]` or `![alt](…)`.
    fn image(&mut self, link_type: LinkType, dest: &str, title: &str, alt: &str) {
        let wiki = matches!(link_type, LinkType::WikiLink { .. });
        let has_alt = match link_type {
            LinkType::WikiLink { has_pothole } => has_pothole,
            _ => !alt.is_empty(),
        };
        let (alt, size) = if has_alt { split_alt_size(alt) } else { (None, None) };
        if !wiki && (link::is_external(dest) || dest.starts_with("//")) {
            let html = if has_scheme(dest, &["http", "https"]) {
                // Images come from the vault only (the sanitizer and the web
                // view's CSP say the same): a remote image is a link to it,
                // so opening a note never tells a server it was read.
                let text = alt.filter(|a| !a.is_empty()).unwrap_or(dest.trim());
                format!(
                    r#"<a class="external-link remote-image" href="{}">{}</a>"#,
                    esc(dest.trim()),
                    esc(text)
                )
            } else {
                // A `data:` or `file:` image is not loaded; its alt text stays.
                esc(alt.unwrap_or(""))
            };
            self.out.push(Out::Html(html, Kind::Inline));
            return;
        }
        let dest = if wiki {
            link::clean_wiki_dest(dest).to_owned()
        } else {
            link::decode_markdown_dest(dest)
        };
        let (path, anchor) = link::split_anchor(&dest);
        let label = alt.unwrap_or(&dest).to_owned();
        let link = |walker: &mut Self| {
            let html = match walker.internal_open(path, anchor.as_ref()) {
                Some(open) => format!("{open}{}</a>", esc(&label)),
                None => esc(&label),
            };
            walker.out.push(Out::Html(html, Kind::Inline));
        };
        if path.is_empty() {
            // `![[#Heading]]` embeds the page in itself.
            return link(self);
        }
        match self.resolve(path) {
            Resolved::Attachment { path: vault_path } if is_image(&vault_path) => {
                let name = path.rsplit('/').next().unwrap_or(path);
                let html = img(&self.ctx.asset_url(&vault_path), alt.unwrap_or(name), size, title);
                self.out.push(Out::Html(html, Kind::Inline));
            }
            Resolved::Note { path: vault_path } => match self.embed(&vault_path, anchor.as_ref()) {
                Some(html) => self.out.push(Out::Html(html, Kind::Block)),
                None => link(self),
            },
            Resolved::Attachment { .. } | Resolved::Unresolved => link(self),
        }
    }

    /// The HTML of an embedded note, or `None` when it must stay a link: too
    /// deep, a cycle, over budget, or nothing to show.
    fn embed(&mut self, vault_path: &str, anchor: Option<&Anchor>) -> Option<String> {
        let embeds = &mut *self.embeds;
        if embeds.left == 0
            || embeds.stack.len() >= MAX_EMBED_DEPTH
            || embeds.stack.iter().any(|p| p == vault_path)
            || embeds.top_path.as_deref() == Some(vault_path)
        {
            return None;
        }
        let anchor_text = anchor.map(Anchor::to_link_text);
        let text = self.ctx.embed_text(vault_path, anchor_text.as_deref())?;
        if embeds.is_top(self.ctx, vault_path, anchor.is_some(), &text) {
            return None;
        }
        embeds.left -= 1;
        embeds.stack.push(vault_path.to_owned());
        let body_start = frontmatter::body_start(&text);
        let inner = render_body(&text, body_start, self.ctx, embeds, None);
        embeds.stack.pop();
        let mut html = format!(r#"<div class="embed" data-path="{}""#, esc(vault_path));
        let mut anchor_attr = String::new();
        if let Some(a) = anchor {
            anchor_attr = format!(r#" data-anchor="{}""#, esc(&a.element_id()));
            html.push_str(&anchor_attr);
        }
        // Where it comes from, as a link to it: the note's name, and the
        // heading chain or block (`Note › Heading`).
        let name = vault_path.rsplit('/').next().unwrap_or(vault_path);
        let name = name.strip_suffix(".md").unwrap_or(name);
        let mut source = name.to_owned();
        if let Some(a) = anchor {
            let part = match a {
                Anchor::Heading(chain) => chain.join(" › "),
                Anchor::Block(id) => format!("^{id}"),
            };
            let _ = write!(source, " › {part}");
        }
        let _ = write!(
            html,
            r#"><div class="embed-source"><a class="internal-link" data-path="{}"{anchor_attr}>{}</a></div>"#,
            esc(vault_path),
            esc(&source)
        );
        // Sanitizing the embedded note on its own balances its tags, so a
        // stray `</div>` in its raw HTML cannot close this wrapper early.
        let _ = write!(html, "{}</div>", crate::sanitize::clean(&inner));
        Some(html)
    }
}

/// Line breaks and whitespace: what a paragraph part may be trimmed of.
fn is_blank(out: &Out<'_>) -> bool {
    match out {
        Out::Md(Event::SoftBreak | Event::HardBreak) => true,
        Out::Md(Event::Text(t)) => t.trim().is_empty(),
        _ => false,
    }
}

/// Anything but blanks and invisible markers.
fn is_visible(out: &Out<'_>) -> bool {
    !is_blank(out) && !matches!(out, Out::Html(_, Kind::Invisible))
}

/// The text of an image's alt (its inner events, up to the matching end) and
/// the index of that end.
fn image_alt(items: &[Item<'_>], i: usize) -> (String, usize) {
    let mut alt = String::new();
    let mut depth = 1usize;
    let mut j = i + 1;
    while let Some(item) = items.get(j) {
        match item {
            Item::Md(Event::Start(Tag::Image { .. }), _) => depth += 1,
            Item::Md(Event::End(TagEnd::Image), _) => {
                depth -= 1;
                if depth == 0 {
                    return (alt, j);
                }
            }
            Item::Md(Event::Text(t) | Event::Code(t) | Event::InlineMath(t), _) => alt.push_str(t),
            Item::Md(Event::SoftBreak | Event::HardBreak, _) => alt.push(' '),
            _ => {}
        }
        j += 1;
    }
    (alt, items.len().saturating_sub(1).max(i))
}

/// `alt|300`, `alt|640x480`, `300`: the alt text and the size. Obsidian puts
/// the size after the last `|`, in wiki embeds and Markdown alt text alike.
fn split_alt_size(alt: &str) -> (Option<&str>, Option<link::ImageSize>) {
    if let Some(size) = link::parse_size(alt) {
        return (None, Some(size));
    }
    if let Some((text, last)) = alt.rsplit_once('|') {
        if let Some(size) = link::parse_size(last) {
            let text = text.trim();
            return ((!text.is_empty()).then_some(text), Some(size));
        }
    }
    let alt = alt.trim();
    ((!alt.is_empty()).then_some(alt), None)
}

fn img(src: &str, alt: &str, size: Option<link::ImageSize>, title: &str) -> String {
    let mut html = format!(r#"<img src="{}" alt="{}""#, esc(src), esc(alt));
    if let Some(size) = size {
        let _ = write!(html, r#" width="{}""#, size.width);
        if let Some(h) = size.height {
            let _ = write!(html, r#" height="{h}""#);
        }
    }
    if !title.is_empty() {
        let _ = write!(html, r#" title="{}""#, esc(title));
    }
    html.push('>');
    html
}

/// The opening `<a>` of a link out of the vault. Only `http`, `https` and
/// `mailto` keep their address; any other scheme (`javascript:`, `data:`,
/// `file:`, `obsidian:`) is shown as a link that goes nowhere.
fn external_open(dest: &str, title: &str) -> Option<String> {
    let mut html = String::from(r#"<a class="external-link""#);
    if has_scheme(dest, &["http", "https", "mailto"]) {
        let _ = write!(html, r#" href="{}""#, esc(dest.trim()));
    }
    if !title.is_empty() {
        let _ = write!(html, r#" title="{}""#, esc(title));
    }
    html.push('>');
    Some(html)
}

fn has_scheme(dest: &str, schemes: &[&str]) -> bool {
    let dest = dest.trim();
    dest.split_once(':')
        .is_some_and(|(scheme, _)| schemes.iter().any(|s| scheme.eq_ignore_ascii_case(s)))
}

/// Formats the browser displays as images.
fn is_image(path: &str) -> bool {
    let ext = path.rsplit_once('.').map_or("", |(_, e)| e).to_ascii_lowercase();
    crate::IMAGE_EXTENSIONS.contains(&ext.as_str())
}

/// Escapes text for an HTML attribute value or element content.
pub(crate) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}
