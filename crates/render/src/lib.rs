//! The reading view: one note's Markdown in, sanitized HTML out, with the
//! note's outline, properties and tags beside it.
//!
//! This crate is pure. It does no IO of its own: everything it needs to know
//! about the vault (which file a link names, the text of an embedded note, the
//! URL under which the web view loads an attachment) it asks the caller through
//! [`Context`]. It never panics, whatever the input, and the HTML it returns has
//! always been through the sanitizer (`sanitize`): whatever raw HTML a note
//! holds, no script, event handler, `style` attribute, `<iframe>` or
//! `javascript:` URL survives.
//!
//! The HTML is a contract with the UI (`ui/src/api.ts`):
//! - headings carry `id` = their anchor ([`heading_anchor`], with `-1`, `-2`…
//!   for repeated headings), and [`Rendered::outline`] lists them;
//! - internal links are `<a class="internal-link" data-path="…"
//!   data-anchor="…">`, unresolved ones `<a class="internal-link unresolved"
//!   data-target="…">`, and none has an `href`; external links are
//!   `<a class="external-link" href="…">` for `http`, `https` and `mailto` only;
//! - images from the vault are `<img src="{Context::asset_url}">`, embedded notes
//!   `<div class="embed" data-path="…">`, inline tags `<a class="tag"
//!   data-tag="…">`, block ids `<span class="block-id" id="N-^id">`, callouts
//!   `<div class="callout" data-callout="…">` with a `callout-title` and a
//!   `callout-content`;
//! - nothing has an inline `style`: the web view's content security policy
//!   forbids it, so table alignment is the `align` attribute;
//! - every `id` a note brings (headings, block ids, footnotes, raw HTML)
//!   starts with [`ID_PREFIX`] (`N-`), and in-page links (`href="#N-…"`)
//!   follow, so no note can shadow an element of the app; the UI compares
//!   anchors without it (`ui/src/locate.ts`).
//!
//! Modules, in the order a note goes through them: `frontmatter` (the YAML
//! block and the properties), comments cut out by `hanji_syntax::comment`, `callout` (marks
//! callout blockquotes in the event list), `render` (the event pass: headings,
//! links, embeds, tags, block ids, tables), `inline` (what pulldown-cmark
//! leaves as plain text: tags, bare URLs, `==highlights==`, block ids), and
//! `sanitize` (ammonia with an explicit allow-list).

mod callout;
mod frontmatter;
mod inline;
mod render;
mod sanitize;

pub use sanitize::ID_PREFIX;

/// The extensions (lower case) of the files an embed shows as an image;
/// the window's image viewer takes the same (bindings.ts exports them).
pub const IMAGE_EXTENSIONS: &[&str] =
    &["png", "jpg", "jpeg", "gif", "bmp", "svg", "webp", "avif", "ico"];

#[cfg(test)]
mod tests;

/// What the renderer asks the caller about the vault. Implementations may do
/// IO (the shell reads embedded notes from disk); the renderer itself never
/// does.
pub trait Context {
    /// Resolves a link's path part (as written, e.g. "Interview/Developer",
    /// "pic.png", "./x") from the note being rendered.
    fn resolve(&self, path: &str) -> Resolved;
    /// Markdown text of an embedded note, or of one section of it: `anchor` is
    /// `Some("Heading")`, `Some("Heading#Sub")` or `Some("^blockid")` as written
    /// after `#`. None when not found. The renderer renders it recursively
    /// (embeds inside embeds too) but stops at depth 3 and never embeds a note
    /// inside itself (cycle): then it emits the plain link instead.
    fn embed_text(&self, vault_path: &str, anchor: Option<&str>) -> Option<String>;
    /// The URL under which the web view can load a vault file (the shell gives
    /// `vault:` URLs such as `vault://localhost/img%2Fpic%2Epng`).
    fn asset_url(&self, vault_path: &str) -> String;
}

/// What a link's path names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// A Markdown note, by vault path (`Interview/Developer.md`).
    Note {
        path: String,
    },
    /// Any other file of the vault, by vault path (`Attachments/pic.png`).
    Attachment {
        path: String,
    },
    Unresolved,
}

/// One heading of the rendered note, in document order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutlineItem {
    /// 1 to 6.
    pub level: u8,
    /// The heading as plain text, without Markdown markup.
    pub text: String,
    /// The heading element's `id` in [`Rendered::html`]; empty when the
    /// heading has no text to make one from (then the element has no `id`).
    pub anchor: String,
    /// 1-based line of the heading in the note text (front matter counted).
    pub line: u32,
}

/// A rendered note.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rendered {
    /// Sanitized HTML of the body (front matter excluded).
    pub html: String,
    /// The headings of the note itself (not of embedded notes).
    pub outline: Vec<OutlineItem>,
    /// Top-level front-matter keys in the order written, values as text
    /// (lists joined with ", ").
    pub properties: Vec<(String, String)>,
    /// Front-matter tags, then inline tags, without `#`, in order, each once
    /// (compared case-insensitively, first spelling kept).
    pub tags: Vec<String>,
    /// How many of `tags`, from the first, are the front matter's (the
    /// reading view shows those in the properties, the rest where written).
    pub front_tags: usize,
}

/// Renders a note's text to HTML. Total: any text, however broken, gives a
/// result; see the module docs for the shape of the HTML.
pub fn render_note(text: &str, ctx: &dyn Context) -> Rendered {
    let fm = frontmatter::read(text);
    let mut embeds = render::Embeds::new(text);
    let mut collected = render::Collected::default();
    let html = render::render_body(text, fm.body_start, ctx, &mut embeds, Some(&mut collected));
    let mut tags: Vec<String> = Vec::with_capacity(fm.tags.len() + collected.tags.len());
    let mut seen = std::collections::HashSet::new();
    let mut add = |tag: String, tags: &mut Vec<String>| {
        if seen.insert(tag.to_lowercase()) {
            tags.push(tag);
        }
    };
    for tag in fm.tags {
        add(tag, &mut tags);
    }
    let front_tags = tags.len();
    for tag in collected.tags {
        add(tag, &mut tags);
    }
    Rendered {
        html: sanitize::clean(&html),
        outline: collected.outline,
        properties: fm.properties,
        tags,
        front_tags,
    }
}

/// The element id a heading gets, also used for `[[Note#Heading]]` targets
/// (before [`ID_PREFIX`] and the `-1`, `-2` of repeated headings): the
/// syntax crate's one rule, `hanji_syntax::heading::anchor`.
pub use hanji_syntax::heading::anchor as heading_anchor;
