//! One line of a note as a reader sees it, for a snippet: the Markdown
//! around the words taken away (heading and list markers, a task's box,
//! emphasis, code ticks, a link's brackets and destination), a wiki-link
//! shown as its display text or its note's name, an image or embed as its
//! name. Search shows its matching lines this way: `#### Redis` reads
//! `Redis`, `[[CS/Redis#Pub/Sub|Redis Pub/Sub]]` reads `Redis Pub/Sub`.
//!
//! Pure and total: any line gives a text (the line itself, trimmed, when
//! the Markdown leaves nothing, as a code fence's opening line does). The
//! line is read with the parser options every pass over a note uses
//! ([`crate::comment::options`]), so a snippet shows what the reading view
//! shows.

use pulldown_cmark::{Event, LinkType, Parser, Tag, TagEnd};

use crate::link::{clean_wiki_dest, split_wiki_inner};

/// `line` (one line, without its line break) as plain text.
pub fn line_text(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    // The destination of the wiki-link being read, shown when it has no
    // display text of its own.
    let mut wiki: Option<(String, bool)> = None;
    for event in Parser::new_ext(line, crate::comment::options()) {
        match event {
            Event::Start(Tag::Link {
                link_type: LinkType::WikiLink { has_pothole },
                dest_url,
                ..
            }) => {
                wiki = Some((dest_url.into_string(), has_pothole));
            }
            Event::Start(Tag::Image { link_type: LinkType::WikiLink { .. }, dest_url, .. }) => {
                // An embed shows its target's name.
                push(&mut out, &wiki_name(&dest_url));
                wiki = Some((String::new(), true));
            }
            Event::End(TagEnd::Link | TagEnd::Image) => wiki = None,
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                match &wiki {
                    // Inside a wiki-link without display text the parser
                    // gives the destination as written; it reads as the
                    // note's name (a heading after it, "Note > Heading").
                    Some((dest, false)) if !dest.is_empty() => push(&mut out, &wiki_name(dest)),
                    Some((_, true)) if t.is_empty() => {}
                    Some((dest, true)) if dest.is_empty() => {}
                    _ => push(&mut out, &t),
                }
            }
            Event::SoftBreak | Event::HardBreak => push(&mut out, " "),
            Event::TaskListMarker(done) => push(&mut out, if done { "☑ " } else { "☐ " }),
            Event::Html(h) | Event::InlineHtml(h) => push(&mut out, &h),
            _ => {}
        }
    }
    let text = out.trim();
    if text.is_empty() {
        line.trim().to_owned()
    } else {
        text.to_owned()
    }
}

fn push(out: &mut String, s: &str) {
    out.push_str(s);
}

/// How a wiki-link's destination reads: `Folder/Note#Heading` as
/// `Note > Heading`, `Note#^block` as `Note`, a file's extension kept
/// (`photo.png`) but a note's `.md` dropped.
fn wiki_name(dest: &str) -> String {
    let (dest, _) = split_wiki_inner(dest);
    let dest = clean_wiki_dest(dest);
    let (path, anchor) = match dest.split_once('#') {
        Some((p, a)) => (p, Some(a)),
        None => (dest, None),
    };
    let name = path.rsplit('/').next().unwrap_or(path);
    let name = name.strip_suffix(".md").unwrap_or(name);
    match anchor {
        Some(a) if !a.starts_with('^') && !a.is_empty() => {
            let heading = a.replace('#', " > ");
            if name.is_empty() {
                heading
            } else {
                format!("{name} > {heading}")
            }
        }
        _ => name.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(line: &str, expect: &str) {
        assert_eq!(line_text(line), expect, "{line:?}");
    }

    #[test]
    fn markdown_around_the_words_is_taken_away() {
        check("#### Redis 정리", "Redis 정리");
        check("- [ ] 쿠버네티스를 이용한 개발환경", "☐ 쿠버네티스를 이용한 개발환경");
        check("- [x] done", "☑ done");
        check("1. **굵게** and *기울임* and `code`", "굵게 and 기울임 and code");
        check("> 인용", "인용");
        check("~~gone~~ still", "gone still");
    }

    #[test]
    fn links_read_as_their_text() {
        check("- [[CS/Redis#Pub/Sub|Redis Pub/Sub]] 정리", "Redis Pub/Sub 정리");
        check("see [[CS/Redis]] and [[Redis#자료구조]]", "see Redis and Redis > 자료구조");
        check("[[Note#^block-1]]", "Note");
        check("[[#Heading]] here", "Heading here");
        check("[text](https://example.com) and ![alt](a.png)", "text and alt");
        check("![[photo.png|300]] caption", "photo.png caption");
        check("tag #면접 stays", "tag #면접 stays");
    }

    #[test]
    fn a_line_markdown_leaves_empty_is_shown_as_written() {
        check("```rust", "```rust");
        check("---", "---");
        check("   ", "");
        check("", "");
    }
}
