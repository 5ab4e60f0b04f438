//! The last step of every render: ammonia with an explicit allow-list, so the
//! HTML handed to the web view can hold nothing executable, whatever the note
//! contained.
//!
//! Notes may hold raw HTML, and Obsidian shows it, so raw HTML goes through
//! the same filter as what the renderer writes: only the tags and attributes
//! below survive; `<script>`, `<style>` and the like lose their content too;
//! URLs keep only the `http`, `https`, `mailto` and `vault` schemes, and a
//! relative URL only when it is a fragment (`#fn-1`); an image's source only
//! the `vault:` scheme, as the web view's CSP (`img-src`) allows; `class` keeps only the
//! classes the UI styles; inline `style` never survives (the web view's
//! content security policy would refuse it anyway). This module must never
//! loosen these rules for one caller: every caller gets the same filter.

use std::borrow::Cow;
use std::sync::LazyLock;

use ammonia::{Builder, UrlRelative};

/// Sanitizes an HTML fragment.
pub(crate) fn clean(html: &str) -> String {
    static CLEANER: LazyLock<Builder<'static>> = LazyLock::new(builder);
    CLEANER.clean(html).to_string()
}

/// Deeper HTML than this is not handed to the sanitizer: html5ever's tree
/// builder looks through the stack of open elements for each new one, so the
/// time grows with the square of the depth (20,000 nested `>` took 11 s in a
/// debug build). Browsers stop nesting at 512 too; no real note comes close.
const MAX_DEPTH: usize = 512;

/// True when `html` may nest deeper than [`MAX_DEPTH`]. An estimate from the
/// tags alone: every start tag opens an element except void elements and
/// those whose end tag is optional (which the parser closes by itself, and
/// which raw HTML often leaves open); every end tag closes one.
pub(crate) fn too_deep(html: &str) -> bool {
    const NOT_NESTING: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot",
        "option", "optgroup", "colgroup", "caption", "rb", "rt", "rp", "html", "head", "body",
    ];
    let mut depth = 0usize;
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        rest = rest.get(at + 1..).unwrap_or("");
        if rest.starts_with('/') {
            depth = depth.saturating_sub(1);
            continue;
        }
        let name_len = rest.bytes().take_while(u8::is_ascii_alphanumeric).count();
        let Some(name) =
            rest.get(..name_len).filter(|n| n.starts_with(|c: char| c.is_ascii_alphabetic()))
        else {
            continue;
        };
        if !NOT_NESTING.iter().any(|v| v.eq_ignore_ascii_case(name)) {
            depth += 1;
            if depth > MAX_DEPTH {
                return true;
            }
        }
    }
    false
}

const TAGS: &[&str] = &[
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "details",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "input",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "samp",
    "small",
    "span",
    "strike",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
    "var",
];

/// Elements removed with everything inside them: their content is code,
/// styles or a foreign document, never text meant for the reader.
const REMOVED_WITH_CONTENT: &[&str] = &[
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "noscript", "template",
    "textarea", "title", "svg", "math", "select", "button", "form",
];

/// Attributes allowed on every element.
const GENERIC_ATTRIBUTES: &[&str] = &[
    "class",
    "id",
    "title",
    "data-path",
    "data-anchor",
    "data-target",
    "data-tag",
    "data-callout",
];

/// The classes the renderer writes and the UI styles.
const CLASSES: &[&str] = &[
    "internal-link",
    "unresolved",
    "external-link",
    "remote-image",
    "tag",
    "block-id",
    "embed",
    "embed-source",
    "callout",
    "callout-title",
    "callout-content",
    "task-list-item",
    "is-checked",
    "math",
    "math-inline",
    "math-display",
    "footnote-reference",
    "footnote-definition",
    "footnote-definition-label",
];

/// Put before every id that note-derived HTML carries (headings, block ids,
/// footnotes), so that no note can give an element the id of one of the
/// app's own (a heading called `search-input` would otherwise shadow the
/// search box for `getElementById`). In-page links (`#…`) get it too. It
/// starts with a capital letter, which heading ids (lower-cased) never do:
/// ammonia leaves an id that already starts with the prefix as it is, so a
/// lower-case prefix would let a heading such as `Note in a` keep its id
/// unprefixed and collide with `In a`'s.
pub const ID_PREFIX: &str = "N-";

fn builder() -> Builder<'static> {
    let mut b = Builder::empty();
    b.add_tags(TAGS)
        .clean_content_tags(REMOVED_WITH_CONTENT.iter().copied().collect())
        .add_generic_attributes(GENERIC_ATTRIBUTES)
        .add_tag_attributes("a", &["href"])
        .add_tag_attributes("img", &["src", "alt", "width", "height"])
        .add_tag_attributes("input", &["type", "checked"])
        .add_tag_attributes("th", &["align", "colspan", "rowspan"])
        .add_tag_attributes("td", &["align", "colspan", "rowspan"])
        .add_tag_attributes("ol", &["start"])
        .add_tag_attributes("details", &["open"])
        // A checkbox in the reading view shows state; it never takes input.
        .set_tag_attribute_value("input", "disabled", "")
        .url_schemes(["http", "https", "mailto", "vault"].into_iter().collect())
        .url_relative(UrlRelative::Custom(Box::new(fragment_only)))
        .attribute_filter(filter_attribute)
        .link_rel(Some("noopener noreferrer"))
        .id_prefix(Some(ID_PREFIX))
        .strip_comments(true);
    b
}

/// Relative URLs: only in-page fragments (footnote references) are kept,
/// pointing at the prefixed ids ([`ID_PREFIX`]); a relative path would
/// resolve against the app's own origin.
fn fragment_only(url: &str) -> Option<Cow<'_, str>> {
    url.strip_prefix('#').map(|fragment| Cow::Owned(format!("#{ID_PREFIX}{fragment}")))
}

/// Narrows attribute values that the allow-list admits by name.
fn filter_attribute<'u>(element: &str, attribute: &str, value: &'u str) -> Option<Cow<'u, str>> {
    match (element, attribute) {
        (_, "class") => {
            let kept: Vec<&str> =
                value.split_ascii_whitespace().filter(|c| allowed_class(c)).collect();
            (!kept.is_empty()).then(|| Cow::Owned(kept.join(" ")))
        }
        ("input", "type") => {
            value.eq_ignore_ascii_case("checkbox").then_some(Cow::Borrowed("checkbox"))
        }
        (_, "width" | "height" | "colspan" | "rowspan" | "start") => {
            let v = value.trim();
            (!v.is_empty() && v.len() <= 6 && v.bytes().all(|b| b.is_ascii_digit()))
                .then_some(Cow::Borrowed(v))
        }
        (_, "align") => {
            matches!(value, "left" | "center" | "right").then_some(Cow::Borrowed(value))
        }
        // Images load from the vault only, which is also all the web view's
        // content security policy allows (`img-src` in tauri.conf.json): a
        // remote `<img>` in raw HTML would be a request the note makes.
        ("img", "src") => is_vault_url(value).then_some(Cow::Borrowed(value)),
        _ => Some(Cow::Borrowed(value)),
    }
}

/// A URL of the shell's `vault:` scheme (`vault://localhost/…`, or
/// `http://vault.localhost/…` where the web view maps custom schemes to
/// http, as on Windows).
fn is_vault_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    lower.starts_with("vault://localhost/") || lower.starts_with("http://vault.localhost/")
}

/// A class the UI knows, or a code block's `language-…`.
fn allowed_class(class: &str) -> bool {
    if let Some(lang) = class.strip_prefix("language-") {
        return !lang.is_empty()
            && lang.len() <= 40
            && lang.bytes().all(|b| {
                b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'+' | b'#' | b'.')
            });
    }
    CLASSES.contains(&class)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expect: &str) {
        assert_eq!(clean(input), expect, "sanitizing {input:?}");
    }

    #[test]
    fn depth() {
        assert!(!too_deep(&"<blockquote>".repeat(512)));
        assert!(too_deep(&"<blockquote>".repeat(513)));
        assert!(!too_deep(&"<div></div>".repeat(10_000)));
        assert!(!too_deep(&"<p><li><br><img><td>".repeat(10_000)));
        assert!(!too_deep(&"a < b <3 <-".repeat(1_000)));
        assert!(too_deep(&"<DIV x='>'>".repeat(600)));
    }

    #[test]
    fn allow_list() {
        check("<script>alert(1)</script>x", "x");
        check("<img src=x onerror=alert(1)>", "<img>");
        check(r#"<a href="javascript:alert(1)">x</a>"#, r#"<a rel="noopener noreferrer">x</a>"#);
        check(r#"<p style="color:red" onclick="x()">p</p>"#, "<p>p</p>");
        check("<iframe src=https://e.vil></iframe><style>*{}</style>ok", "ok");
        check(
            r#"<a class="internal-link evil" data-path="a.md" href="/x">a</a>"#,
            r#"<a class="internal-link" data-path="a.md" rel="noopener noreferrer">a</a>"#,
        );
        check(r#"<span class="evil">s</span>"#, "<span>s</span>");
        check(r#"<code class="language-c++ x">c</code>"#, r#"<code class="language-c++">c</code>"#);
        check(
            r#"<img src="vault://localhost/%2Fv%2Fpic.png" width="300" height="50%">"#,
            r#"<img src="vault://localhost/%2Fv%2Fpic.png" width="300">"#,
        );
        check(r#"<input type="text" value="x">"#, r#"<input disabled="">"#);
        check(
            r#"<input type="checkbox" checked>"#,
            r#"<input type="checkbox" checked="" disabled="">"#,
        );
        check(
            r##"<a href="#fn-1">1</a>"##,
            r##"<a href="#N-fn-1" rel="noopener noreferrer">1</a>"##,
        );
        check(r#"<img src="data:image/png;base64,AAAA">"#, "<img>");
        // Issue 11: image sources agree with the CSP's img-src (vault only).
        check(r#"<img src="https://e.vil/pixel.gif" alt="x">"#, r#"<img alt="x">"#);
        check(
            r#"<img src="http://vault.localhost/a%2Fb.png">"#,
            r#"<img src="http://vault.localhost/a%2Fb.png">"#,
        );
        check(r#"<svg><a title="</svg><img src onerror=alert(1)>">x</a></svg>"#, "");
        check(r#"<td align="center" style="x">c</td>"#, "c");
    }
}
