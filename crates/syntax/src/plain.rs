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
    read(line, None).0
}

/// [`line_text`] with the part `mark` (a byte range of `line`: a link, a
/// word) found again: the text, and the `[start, end)` characters in it
/// that the marked part reads as (a link's text, a word without the
/// emphasis around it). `None` when nothing of it is shown.
pub fn line_text_marking(
    line: &str,
    mark: std::ops::Range<usize>,
) -> (String, Option<(usize, usize)>) {
    read(line, Some(mark))
}

/// Which characters of `text` (read from the source bytes `range` of
/// `line`) the byte range `mark` covers: exactly, when the text is the
/// source as written; all of it when it is not (an entity decoded) and the
/// ranges meet.
fn covered(
    line: &str,
    mark: Option<&std::ops::Range<usize>>,
    text: &str,
    range: &std::ops::Range<usize>,
) -> Option<(usize, usize)> {
    let m = mark?;
    if m.start >= range.end || m.end <= range.start {
        return None;
    }
    if line.get(range.clone()) != Some(text) {
        return Some((0, text.chars().count()));
    }
    let at = |b: usize| text.char_indices().take_while(|(i, _)| *i < b).count();
    let (a, b) =
        (at(m.start.max(range.start) - range.start), at(m.end.min(range.end) - range.start));
    (b > a).then_some((a, b))
}

/// One pass of the parser over `line`, following the source range of each
/// piece of text, so a marked byte range can be found in the output.
fn read(line: &str, mark: Option<std::ops::Range<usize>>) -> (String, Option<(usize, usize)>) {
    let mut out = String::with_capacity(line.len());
    let mut chars = 0usize;
    let mut found: Option<(usize, usize)> = None;
    let mut add = |out: &mut String, text: &str, marked: Option<(usize, usize)>| {
        if let Some((a, b)) = marked {
            let (s, e) = (chars + a, chars + b);
            found = Some(found.map_or((s, e), |(fs, fe)| (fs.min(s), fe.max(e))));
        }
        out.push_str(text);
        chars += text.chars().count();
    };
    // Inside an embed, whose own text (a size, an alias) is not shown.
    let mut in_embed = false;
    for (event, range) in Parser::new_ext(line, crate::comment::options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Image { link_type: LinkType::WikiLink { .. }, dest_url, .. }) => {
                // An embed shows its target's name.
                let name = wiki_name(&dest_url);
                let whole = line.get(range.clone()).unwrap_or_default();
                let marked =
                    covered(line, mark.as_ref(), whole, &range).map(|_| (0, name.chars().count()));
                add(&mut out, &name, marked);
                in_embed = true;
            }
            Event::End(TagEnd::Image) => in_embed = false,
            // A link reads as the reading view shows it: its display text,
            // or (the parser gives it) its destination as written.
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t)
                if !in_embed =>
            {
                let marked = covered(line, mark.as_ref(), &t, &range);
                add(&mut out, &t, marked);
            }
            Event::SoftBreak | Event::HardBreak => add(&mut out, " ", None),
            Event::TaskListMarker(done) => add(&mut out, if done { "☑ " } else { "☐ " }, None),
            Event::Html(h) | Event::InlineHtml(h) => {
                let marked = covered(line, mark.as_ref(), &h, &range);
                add(&mut out, &h, marked);
            }
            _ => {}
        }
    }
    let text = out.trim();
    if text.is_empty() {
        // What the Markdown leaves nothing of is shown as written.
        let shown = line.trim();
        let skipped = line.len() - line.trim_start().len();
        let marked = mark.and_then(|m| {
            let at = |b: usize| {
                shown.char_indices().take_while(|(i, _)| *i < b.saturating_sub(skipped)).count()
            };
            let (a, b) = (at(m.start), at(m.end));
            (b > a).then_some((a, b))
        });
        return (shown.to_owned(), marked);
    }
    let lead = out.chars().take_while(|c| c.is_whitespace()).count();
    let len = text.chars().count();
    let found = found
        .map(|(a, b)| (a.saturating_sub(lead).min(len), b.saturating_sub(lead).min(len)))
        .filter(|(a, b)| b > a);
    (text.to_owned(), found)
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
        // A word inside emphasis: the word, without the stars.
        assert_eq!(
            line_text_marking("- [ ] **Redis** 정리", 8..13),
            ("☐ Redis 정리".to_owned(), Some((2, 7)))
        );
        // A word inside a longer text: that word only.
        assert_eq!(
            line_text_marking("Redis를 공부했다", 0..5),
            ("Redis를 공부했다".to_owned(), Some((0, 5)))
        );
        // Nothing of it shown (a link's destination): no mark.
        assert_eq!(line_text_marking("[[Kubernetes|쿠버]]", 2..12), ("쿠버".to_owned(), None));
    }

    #[test]
    fn a_line_markdown_leaves_empty_is_shown_as_written() {
        check("```rust", "```rust");
        check("---", "---");
        check("   ", "");
        check("", "");
    }
}
