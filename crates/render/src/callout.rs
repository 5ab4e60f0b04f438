//! Callouts: a blockquote whose first line is `[!type]` (an optional `+` or
//! `-` fold marker, an optional title after it) becomes
//! `<div class="callout" data-callout="type">` with a title and a content
//! part, as Obsidian shows it.
//!
//! Pure and total. This pass only rewrites the event list (`render::Item`):
//! it replaces the blockquote's start and end, drops the `[!type]` marker, and
//! marks where the title ends; the render pass writes the HTML. It never
//! removes or reorders other events, so every start still meets its end.

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use crate::render::Item;

/// Rewrites every callout blockquote in `items`.
pub(crate) fn mark(items: &mut [Item<'_>]) {
    // One entry per open blockquote: whether it is a callout.
    let mut open: Vec<bool> = Vec::new();
    for i in 0..items.len() {
        if matches!(&items[i], Item::Md(Event::Start(Tag::BlockQuote(_)), _)) {
            let is_callout = rewrite(items, i);
            open.push(is_callout);
        } else if matches!(&items[i], Item::Md(Event::End(TagEnd::BlockQuote(_)), _))
            && open.pop() == Some(true)
        {
            items[i] = Item::CalloutEnd;
        }
    }
}

/// Turns the blockquote starting at `i` into a callout if its first line is a
/// callout marker. Returns whether it did.
fn rewrite(items: &mut [Item<'_>], i: usize) -> bool {
    let (
        Some(Item::Md(Event::Start(Tag::Paragraph), _)),
        Some(Item::Md(Event::Text(first), range)),
    ) = (items.get(i + 1), items.get(i + 2))
    else {
        return false;
    };
    let Some((kind, rest_at)) = parse_marker(first) else { return false };
    let rest = first.get(rest_at..).unwrap_or("").trim_start();
    let stripped = first.len() - rest.len();
    let rest_item = if rest.is_empty() {
        Item::Skip
    } else {
        let range = range.start + stripped..range.end;
        Item::Md(Event::Text(CowStr::from(rest.to_owned())), range)
    };
    // The title is the rest of the first line: it ends at the first line
    // break outside inline markup, or with the paragraph.
    let mut depth = 0usize;
    let mut end = None;
    for (j, item) in items.iter().enumerate().skip(i + 3) {
        match item {
            Item::Md(Event::Start(_), _) => depth += 1,
            Item::Md(Event::End(TagEnd::Paragraph), _) if depth == 0 => {
                end = Some((j, false));
                break;
            }
            Item::Md(Event::End(_), _) => depth = depth.saturating_sub(1),
            Item::Md(Event::SoftBreak | Event::HardBreak, _) if depth == 0 => {
                end = Some((j, true));
                break;
            }
            _ => {}
        }
    }
    // Without an end the event list is malformed; leave it a blockquote.
    let Some((end, reopen_paragraph)) = end else { return false };
    let title_given = !rest.is_empty() || end > i + 3;
    items[i] = Item::CalloutStart { kind, title_given };
    items[i + 1] = Item::Skip;
    items[i + 2] = rest_item;
    items[end] = Item::CalloutTitleEnd { reopen_paragraph };
    true
}

/// Reads `[!type]`, `[!type]+` or `[!type]-` at the start of `text`. Returns
/// the type in lower case and where the title starts.
fn parse_marker(text: &str) -> Option<(String, usize)> {
    let inner = text.strip_prefix("[!")?;
    let close = inner.find(']')?;
    let kind = inner.get(..close)?;
    if kind.is_empty() || kind.chars().any(|c| c.is_whitespace() || c == '[') {
        return None;
    }
    let mut at = 2 + close + 1;
    if text.get(at..).is_some_and(|r| r.starts_with(['+', '-'])) {
        at += 1;
    }
    let after = text.get(at..)?;
    if !(after.is_empty() || after.starts_with(char::is_whitespace)) {
        return None;
    }
    Some((kind.to_lowercase(), at))
}

/// The title shown when a callout has none: its type, capitalised.
pub(crate) fn default_title(kind: &str) -> String {
    let mut chars = kind.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers() {
        assert_eq!(parse_marker("[!info]"), Some(("info".to_owned(), 7)));
        assert_eq!(parse_marker("[!WARNING]- Title"), Some(("warning".to_owned(), 11)));
        assert_eq!(parse_marker("[!faq]+"), Some(("faq".to_owned(), 7)));
        assert_eq!(parse_marker("[!note]text"), None);
        assert_eq!(parse_marker("[!]"), None);
        assert_eq!(parse_marker("[!a b]"), None);
        assert_eq!(parse_marker("[info]"), None);
        assert_eq!(default_title("info"), "Info");
        assert_eq!(default_title("메모"), "메모");
    }
}
