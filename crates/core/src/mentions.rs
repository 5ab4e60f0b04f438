//! Unlinked mentions: plain-text occurrences of a note's title or aliases in
//! another note's prose.
//!
//! Pure: works on a note's text, never reads it. Only prose counts (not code,
//! not link text, not front matter, not a tag: `#daily` is a tag, not a
//! mention of the note `Daily`; what a tag is, is `hanji_syntax::tag`'s). Matching ignores case. A mention must
//! start at a word boundary; it must also end at one, except where Korean
//! attaches a particle directly: after a Hangul term anything may follow
//! (`이력서를` mentions `이력서`), and any term may be followed by Hangul
//! (`Redis를` mentions `Redis`).

use std::ops::Range;

use crate::parse::{prose_ranges, LineIndex, Pos};

/// One plain-text mention.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub pos: Pos,
    /// Which of the searched terms matched.
    pub term: usize,
    /// Byte offset of the mention in the text.
    pub offset: usize,
    /// Byte range of the line it is on, without the line break (the
    /// caller cuts the context it wants from it; copying the line here
    /// would cost its length per mention on a long line).
    pub line: Range<usize>,
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn is_hangul(c: char) -> bool {
    matches!(c, '\u{AC00}'..='\u{D7A3}' | '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}')
}

/// Finds mentions of any of `terms` in `text`. Empty terms are ignored; where
/// terms overlap, the longest one at a position wins.
pub fn find_mentions(text: &str, terms: &[String]) -> Vec<Mention> {
    let lowered: Vec<Vec<char>> = terms
        .iter()
        .map(|t| t.trim().chars().flat_map(char::to_lowercase).collect::<Vec<char>>())
        .collect();
    if lowered.iter().all(Vec::is_empty) {
        return Vec::new();
    }
    let lines = LineIndex::new(text);
    let mut out = Vec::new();
    for range in prose_ranges(text) {
        // Tags in this stretch, as the tag index counts them.
        let mut tags: Vec<Range<usize>> = Vec::new();
        hanji_syntax::tag::scan(text, range.start, range.end, |hash, name| {
            tags.push(hash..hash + 1 + name.len());
        });
        let slice = &text[range.clone()];
        let chars: Vec<(usize, char)> = slice.char_indices().collect();
        let folded: Vec<char> = chars.iter().map(|&(_, c)| fold(c)).collect();
        let mut i = 0;
        while i < chars.len() {
            let before_ok = i == 0 && !text[..range.start].chars().next_back().is_some_and(is_word)
                || i > 0 && !is_word(chars[i - 1].1);
            let mut best: Option<(usize, usize)> = None;
            if before_ok {
                for (t, term) in lowered.iter().enumerate() {
                    let n = term.len();
                    if n == 0 || i + n > chars.len() || folded[i..i + n] != term[..] {
                        continue;
                    }
                    let last = term[n - 1];
                    let after_ok = is_hangul(last)
                        || chars.get(i + n).is_none_or(|&(_, c)| !is_word(c) || is_hangul(c));
                    if after_ok && best.is_none_or(|(_, len)| n > len) {
                        best = Some((t, n));
                    }
                }
            }
            let offset = range.start + chars[i].0;
            if tags.iter().any(|t| t.contains(&offset)) {
                best = None;
            }
            match best {
                Some((term, n)) => {
                    let line = lines.line_range(offset);
                    out.push(Mention { pos: lines.pos(offset), term, offset, line });
                    i += n;
                }
                None => i += 1,
            }
        }
    }
    out
}

/// Case folding for one character; characters whose lower case is longer than
/// one character are kept as they are.
fn fold(c: char) -> char {
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, terms: &[&str], expect: &[(u32, u32, usize)]) {
        let terms: Vec<String> = terms.iter().map(|s| s.to_string()).collect();
        let got: Vec<(u32, u32, usize)> =
            find_mentions(text, &terms).iter().map(|m| (m.pos.line, m.pos.col, m.term)).collect();
        assert_eq!(got, expect, "mentions of {terms:?} in {text:?}");
    }

    #[test]
    fn mentions() {
        check("이력서를 고쳤다", &["이력서"], &[(1, 1, 0)]);
        check("새 이력서, [[이력서]]", &["이력서"], &[(1, 3, 0)]);
        check("자기이력서", &["이력서"], &[]);
        check("Redis and redis-cluster, Rediska", &["redis"], &[(1, 1, 0), (1, 11, 0)]);
        check("Redis를 썼다", &["redis"], &[(1, 1, 0)]);
        check("`Redis` in code\n\n```\nRedis\n```", &["Redis"], &[]);
        check("System Design and Design", &["Design", "System Design"], &[(1, 1, 1), (1, 19, 0)]);
        check("---\ntitle: Redis\n---\nnone here", &["Redis"], &[]);
        check("anything", &[""], &[]);
        // A tag is not a mention, whatever it spells; the word is.
        check("#daily and daily", &["Daily"], &[(1, 12, 0)]);
        check("#면접/준비 면접", &["면접"], &[(1, 8, 0)]);
        check("issue #1984 daily", &["daily"], &[(1, 13, 0)]);
    }
}
