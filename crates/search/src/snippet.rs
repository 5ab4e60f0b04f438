//! Picking the line that best shows why a note matched, shown as a reader
//! sees it (no Markdown around the words), and marking the matches in it.
//!
//! Pure: works on text it is given. Offsets in the result count characters
//! (not bytes), and cuts fall on character boundaries, so Hangul (three bytes
//! a syllable in UTF-8) is never split.

use hanji_core::query::cut_marked;
use hanji_syntax::frontmatter;
use hanji_syntax::lines::lines;

/// The best line of a note for a query, shortened, with highlight ranges.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    /// 1-based line number in the note.
    pub line: u32,
    pub text: String,
    /// `[start, end)` character ranges of matches within `text`.
    pub highlights: Vec<(u32, u32)>,
}

fn fold(c: char) -> char {
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

/// Character ranges in `line` where any needle occurs, case-insensitively,
/// merged and sorted, and how many distinct needles occur.
fn find(line: &[char], needles: &[Vec<char>]) -> (Vec<(usize, usize)>, usize) {
    let folded: Vec<char> = line.iter().map(|&c| fold(c)).collect();
    let mut hits: Vec<(usize, usize)> = Vec::new();
    let mut distinct = 0;
    for needle in needles.iter().filter(|n| !n.is_empty()) {
        let n = needle.len();
        let before = hits.len();
        let mut i = 0;
        while i + n <= folded.len() {
            if folded[i..i + n] == needle[..] {
                hits.push((i, i + n));
                i += n;
            } else {
                i += 1;
            }
        }
        distinct += usize::from(hits.len() > before);
    }
    hits.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (s, e) in hits {
        match merged.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    (merged, distinct)
}

/// What a note shows for a query: its best line, every line with a match
/// (at most a cap of them) and how many matches it has in all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteMatches {
    /// The line matching the most distinct needles; see [`note_matches`].
    pub best: Snippet,
    /// Every line with a match, in order, at most the cap asked for.
    pub lines: Vec<Snippet>,
    /// Every occurrence of a needle, the lines past the cap included.
    pub count: usize,
}

/// One pass over `text` for a search hit (issue 16: the best line and the
/// matching lines were two scans, on the per-keystroke path):
/// - `best`: the line matching the most distinct `needles` (ties: the
///   earliest), outside front matter when the body has a match at all;
///   without any match, the first non-empty body line;
/// - `lines`: every line with a match, in order (front matter left out when
///   the body has a match), at most `cap`;
/// - `count`: the matches of those lines, every occurrence counted.
///
/// Each line is shown as a reader sees it ([`shown`]).
pub fn note_matches(text: &str, needles: &[String], cap: usize) -> NoteMatches {
    let needles: Vec<Vec<char>> = needles.iter().map(|n| n.chars().map(fold).collect()).collect();
    let body_start = front_matter_lines(text);
    // (line index, line, distinct needles) of the lines with a match.
    let mut body: Vec<(usize, &str, usize)> = Vec::new();
    let mut front: Vec<(usize, &str, usize)> = Vec::new();
    let (mut in_body, mut in_front) = (0, 0);
    let mut fallback: Option<(usize, &str)> = None;
    for (i, line) in lines(text).enumerate() {
        if fallback.is_none() && i >= body_start && !line.trim().is_empty() {
            fallback = Some((i, line));
        }
        let chars: Vec<char> = line.chars().collect();
        let (hits, distinct) = find(&chars, &needles);
        if hits.is_empty() {
            continue;
        }
        if i < body_start {
            in_front += hits.len();
            front.push((i, line, distinct));
        } else {
            in_body += hits.len();
            body.push((i, line, distinct));
        }
    }
    let (found, count) = if body.is_empty() { (front, in_front) } else { (body, in_body) };
    // The first of the lines with the most distinct needles.
    let best_at = found
        .iter()
        .enumerate()
        .fold(None, |best: Option<(usize, usize)>, (k, &(_, _, d))| match best {
            Some((_, most)) if most >= d => best,
            _ => Some((k, d)),
        })
        .map(|(k, _)| k);
    let lines: Vec<Snippet> =
        found.iter().take(cap).map(|&(i, line, _)| shown(i, line, &needles)).collect();
    let best = match best_at {
        Some(k) if k < lines.len() => lines[k].clone(),
        Some(k) => shown(found[k].0, found[k].1, &needles),
        None => {
            let (i, line) = fallback.unwrap_or((0, ""));
            shown(i, line, &[])
        }
    };
    NoteMatches { best, lines, count }
}

/// The best line of [`note_matches`] alone.
pub fn best_line(text: &str, needles: &[String]) -> Snippet {
    note_matches(text, needles, 0).best
}

/// The line as a reader sees it (`hanji_syntax::plain`: no `####`, a
/// link's text rather than its brackets), shortened around its first
/// match, the matches marked in what is shown. A match only in what is not
/// shown (a link's destination) leaves the line unmarked.
fn shown(index: usize, line: &str, needles: &[Vec<char>]) -> Snippet {
    let plain = hanji_syntax::plain::line_text(line);
    let chars: Vec<char> = plain.chars().collect();
    let (hits, _) = find(&chars, needles);
    cut(index, &plain, &hits)
}

/// How many lines front matter takes at the top (0 without front matter).
fn front_matter_lines(text: &str) -> usize {
    match frontmatter::find(text) {
        frontmatter::Found::Block(b) => lines(&text[..b.body_start]).count(),
        _ => 0,
    }
}

/// Shortens a line around its first hit (the core's one rule for
/// snippets with highlights, [`cut_marked`]).
fn cut(index: usize, line: &str, hits: &[(usize, usize)]) -> Snippet {
    let (text, highlights) = cut_marked(line, hits);
    Snippet { line: index as u32 + 1, text, highlights }
}

#[cfg(test)]
mod tests {
    use hanji_core::query::SNIPPET_CHARS;

    use super::*;

    fn check(text: &str, needles: &[&str], expect: (u32, &str, &[(u32, u32)])) {
        let needles: Vec<String> = needles.iter().map(|s| s.to_string()).collect();
        let s = best_line(text, &needles);
        assert_eq!(
            (s.line, s.text.as_str(), &s.highlights[..]),
            expect,
            "{text:?} for {needles:?}"
        );
    }

    #[test]
    fn picks_the_line_with_most_terms() {
        check(
            "intro\nRedis only\nRedis와 쿠버네티스를 함께\n",
            &["redis", "쿠버네티스"],
            (3, "Redis와 쿠버네티스를 함께", &[(0, 5), (7, 12)]),
        );
        check(
            "---\ntitle: Redis\n---\nbody has redis too\n",
            &["redis"],
            (4, "body has redis too", &[(9, 14)]),
        );
        check("---\ntitle: Redis\n---\nnothing\n", &["redis"], (2, "title: Redis", &[(7, 12)]));
        check("\n\n  first line  \nsecond", &["absent"], (3, "first line", &[]));
        check("", &["x"], (1, "", &[]));
    }

    /// Issue 16: every matching line, in order, and the note's count.
    #[test]
    fn every_matching_line_is_listed_with_the_count() {
        let text = "---\ntags: redis\n---\n# Redis\nno\n- redis, REDIS\n";
        let matching = |text: &str, cap| {
            let m = note_matches(text, &["redis".to_string()], cap);
            (m.lines, m.count)
        };
        let (lines, count) = matching(text, 10);
        let got: Vec<(u32, &str)> = lines.iter().map(|s| (s.line, s.text.as_str())).collect();
        assert_eq!(got, [(4, "Redis"), (6, "redis, REDIS")]);
        assert_eq!(lines[1].highlights, [(0, 5), (7, 12)]);
        assert_eq!(count, 3, "the body's matches; the front matter's only without them");
        let (lines, count) = matching(text, 1);
        assert_eq!((lines.len(), count), (1, 3));
        let (lines, count) = matching("---\ntags: redis\n---\nbody\n", 10);
        assert_eq!((lines.len(), count), (1, 1));
        assert_eq!(matching("nothing", 10).0, []);
    }

    /// Issue 16: a snippet reads as the note does, not as its Markdown.
    #[test]
    fn snippets_are_shown_without_their_markdown() {
        check("#### Redis 정리\n", &["redis"], (1, "Redis 정리", &[(0, 5)]));
        check(
            "intro\n- [[CS/Redis#Pub/Sub|Redis Pub/Sub]] 정리\n",
            &["pub/sub"],
            (2, "Redis Pub/Sub 정리", &[(6, 13)]),
        );
        check(
            "- [ ] **쿠버네티스**를 공부\n",
            &["쿠버네티스"],
            (1, "☐ 쿠버네티스를 공부", &[(2, 7)]),
        );
        // Found in a link's destination only: the line, unmarked.
        check("see [[Kubernetes|쿠버]] here\n", &["kubernetes"], (1, "see 쿠버 here", &[]));
    }

    /// Issue 10, item 17: a note ending its lines with `\r` alone was one
    /// line here, so the snippet was the whole note with raw `\r` in it.
    #[test]
    fn cr_only_line_endings_end_lines() {
        check(
            "intro\rRedis only\rRedis와 쿠버네티스를 함께\r",
            &["redis", "쿠버네티스"],
            (3, "Redis와 쿠버네티스를 함께", &[(0, 5), (7, 12)]),
        );
        check(
            "---\rtitle: Redis\r---\rbody has redis too\r",
            &["redis"],
            (4, "body has redis too", &[(9, 14)]),
        );
        check("a\r\nb redis\r\rc", &["redis"], (2, "b redis", &[(2, 7)]));
    }

    #[test]
    fn long_lines_are_cut_on_characters() {
        let line = format!("{}면접{}", "가".repeat(300), "나".repeat(300));
        let s = best_line(&line, &["면접".to_string()]);
        assert_eq!(s.text.chars().count(), SNIPPET_CHARS);
        assert!(s.text.starts_with('…') && s.text.ends_with('…'));
        let (a, b) = s.highlights[0];
        let marked: String = s.text.chars().skip(a as usize).take((b - a) as usize).collect();
        assert_eq!(marked, "면접");
    }
}
