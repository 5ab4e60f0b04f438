//! One line of a note as a reader sees it, for a snippet: the Markdown
//! around the words taken away (heading and list markers, a task's box,
//! emphasis, code ticks, a link's brackets and destination), a link shown
//! as the reading view shows it (its display text, else its destination as
//! written), an embed as its file's name. Search and backlinks show their
//! lines this way: `#### Redis` reads `Redis`,
//! `[[CS/Redis#Pub/Sub|Redis Pub/Sub]]` reads `Redis Pub/Sub`.
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
    // Inside an embed, whose own text (a size, an alias) is not shown.
    let mut in_embed = false;
    for event in Parser::new_ext(line, crate::comment::options()) {
        match event {
            Event::Start(Tag::Image { link_type: LinkType::WikiLink { .. }, dest_url, .. }) => {
                // An embed shows its target's name.
                push(&mut out, &wiki_name(&dest_url));
                in_embed = true;
            }
            Event::End(TagEnd::Image) => in_embed = false,
            // A link reads as the reading view shows it: its display text,
            // or (the parser gives it) its destination as written.
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                if !in_embed {
                    push(&mut out, &t);
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

/// [`line_text`] with the part `mark` (a byte range of `line`, such as a
/// link) found again: the text, and the `[start, end)` characters in it that
/// the marked part reads as. The parts are read on their own (the line up
/// to the mark, the mark, the rest), each as [`line_text`] reads it, with
/// the spaces between them kept.
pub fn line_text_marking(line: &str, mark: std::ops::Range<usize>) -> (String, Option<(usize, usize)>) {
    let boundary = |mut i: usize| {
        i = i.min(line.len());
        while !line.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let (a, b) = (boundary(mark.start), boundary(mark.end.max(mark.start)));
    let (before, part, after) = (&line[..a], &line[a..b], &line[b..]);
    let mut text = line_text(before);
    if !text.is_empty() && before.ends_with(char::is_whitespace) {
        text.push(' ');
    }
    let start = text.chars().count();
    let marked = line_text(part);
    text.push_str(&marked);
    let end = start + marked.chars().count();
    let rest = line_text(after);
    if !rest.is_empty() {
        if after.starts_with(char::is_whitespace) && !text.is_empty() {
            text.push(' ');
        }
        text.push_str(&rest);
    }
    (text, (end > start).then_some((start, end)))
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
        // As the reading view shows a link without display text: as written.
        check("see [[CS/Redis]] and [[Redis#자료구조]]", "see CS/Redis and Redis#자료구조");
        check("[[#Heading]] here", "#Heading here");
        check("[text](https://example.com) and ![alt](a.png)", "text and alt");
        check("![[photo.png|300]] caption", "photo.png caption");
        check("tag #면접 stays", "tag #면접 stays");
    }

    #[test]
    fn a_marked_part_is_found_again_in_the_text() {
        let line = "- [ ] task [[Target#Part|the part]] done";
        let at = line.find("[[").unwrap_or(0);
        let end = line.find("]]").unwrap_or(0) + 2;
        let (text, mark) = line_text_marking(line, at..end);
        assert_eq!(text, "☐ task the part done");
        let (s, e) = mark.unwrap_or_default();
        assert_eq!(text.chars().skip(s).take(e - s).collect::<String>(), "the part");
        // At the start, at the end, and a range past the line.
        assert_eq!(line_text_marking("[[A]] b", 0..5), ("A b".to_owned(), Some((0, 1))));
        assert_eq!(line_text_marking("b [[A]].", 2..7), ("b A.".to_owned(), Some((2, 3))));
        assert_eq!(line_text_marking("한글 [[노트]]", 7..99).0, "한글 노트");
    }

    #[test]
    fn a_line_markdown_leaves_empty_is_shown_as_written() {
        check("```rust", "```rust");
        check("---", "---");
        check("   ", "");
        check("", "");
    }
}
