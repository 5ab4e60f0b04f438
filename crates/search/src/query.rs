//! The search query language, parsed into a small syntax tree.
//!
//! `redis 면접` (all words), `"exact phrase"`, `-exclude`, `a OR b`,
//! `tag:면접` (nested tags included), `path:Interview/`, `title:`, `file:`,
//! and `kube*` (prefix). Pure and total: any string gives either a query or a
//! clear [`QueryError`]; a stray quote opens a phrase that runs to the end, a
//! lone `-` or `*` is ignored, and an unknown `field:` is searched as text.

use std::fmt;

/// The longest query accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 1000;

/// A field a term can be restricted to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// `tag:x` — the tag or any tag nested under it.
    Tag,
    /// `path:x` — notes whose vault path starts with `x` (case-insensitive).
    Path,
    /// `title:x` — the title or an alias.
    Title,
    /// `file:x` — the file name.
    File,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TermKind {
    /// Free text: every token must occur, adjacent, as written.
    Words(String),
    /// `"…"`: the same, but the user said so explicitly.
    Phrase(String),
    /// `kube*`: a word starting with this.
    Prefix(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub field: Option<Field>,
    pub kind: TermKind,
}

/// One requirement of the query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Clause {
    /// This must match.
    Must(Term),
    /// This must not match.
    MustNot(Term),
    /// At least one of these must match (`a OR b OR c`).
    AnyOf(Vec<Term>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    pub clauses: Vec<Clause>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QueryError {
    TooLong {
        chars: usize,
    },
    /// Nothing to look for: empty, or only exclusions.
    NothingToFind,
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            QueryError::TooLong { chars } => {
                write!(f, "the query is {chars} characters long; the limit is {MAX_QUERY_CHARS}")
            }
            QueryError::NothingToFind => {
                f.write_str("the query has nothing to search for (it is empty or only excludes)")
            }
        }
    }
}

impl std::error::Error for QueryError {}

/// A lexical item of the query.
enum Item {
    Or,
    Atom { negated: bool, term: Term },
}

fn field_named(name: &str) -> Option<Field> {
    match name.to_lowercase().as_str() {
        "tag" => Some(Field::Tag),
        "path" => Some(Field::Path),
        "title" => Some(Field::Title),
        "file" => Some(Field::File),
        _ => None,
    }
}

/// Reads a quoted string starting after the opening quote; returns it and the
/// rest. An unclosed quote runs to the end of the query.
fn quoted(s: &str) -> (&str, &str) {
    match s.find('"') {
        Some(i) => (&s[..i], &s[i + 1..]),
        None => (s, ""),
    }
}

fn lex(mut s: &str) -> Vec<Item> {
    let mut items = Vec::new();
    loop {
        s = s.trim_start();
        if s.is_empty() {
            return items;
        }
        let mut negated = false;
        if let Some(rest) = s.strip_prefix('-') {
            negated = true;
            s = rest;
            if s.is_empty() || s.starts_with(char::is_whitespace) {
                continue; // A lone `-` means nothing.
            }
        }
        if let Some(rest) = s.strip_prefix('"') {
            let (phrase, rest) = quoted(rest);
            s = rest;
            items.push(Item::Atom {
                negated,
                term: Term { field: None, kind: TermKind::Phrase(phrase.to_owned()) },
            });
            continue;
        }
        let end = s.find(char::is_whitespace).unwrap_or(s.len());
        let word = &s[..end];
        if word == "OR" && !negated {
            s = &s[end..];
            items.push(Item::Or);
            continue;
        }
        if let Some((name, value)) = word.split_once(':') {
            if let Some(field) = field_named(name) {
                if let Some(rest) = s[name.len() + 1..].strip_prefix('"') {
                    let (phrase, rest) = quoted(rest);
                    s = rest;
                    let kind = TermKind::Phrase(phrase.to_owned());
                    items.push(Item::Atom { negated, term: Term { field: Some(field), kind } });
                    continue;
                }
                s = &s[end..];
                if !value.is_empty() {
                    items.push(Item::Atom {
                        negated,
                        term: Term { field: Some(field), kind: word_kind(value) },
                    });
                }
                continue;
            }
        }
        s = &s[end..];
        let kind = word_kind(word);
        if !matches!(&kind, TermKind::Prefix(p) if p.is_empty()) {
            items.push(Item::Atom { negated, term: Term { field: None, kind } });
        }
    }
}

fn word_kind(word: &str) -> TermKind {
    match word.strip_suffix('*') {
        Some(prefix) => TermKind::Prefix(prefix.trim_end_matches('*').to_owned()),
        None => TermKind::Words(word.to_owned()),
    }
}

/// Parses a query; see the module docs for the language.
pub fn parse(input: &str) -> Result<Query, QueryError> {
    // In NFC, as the index is (see the tokenizer): field values such as
    // `tag:` and `path:` and the words to highlight come from here.
    let input = &*hanji_syntax::nfc(input);
    let chars = input.chars().count();
    if chars > MAX_QUERY_CHARS {
        return Err(QueryError::TooLong { chars });
    }
    let mut clauses: Vec<Clause> = Vec::new();
    let mut pending_or = false;
    for item in lex(input) {
        match item {
            Item::Or => {
                pending_or = matches!(clauses.last(), Some(Clause::Must(_) | Clause::AnyOf(_)))
            }
            Item::Atom { negated: true, term } => {
                pending_or = false;
                clauses.push(Clause::MustNot(term));
            }
            Item::Atom { negated: false, term } => {
                if pending_or {
                    pending_or = false;
                    match clauses.pop() {
                        Some(Clause::Must(prev)) => clauses.push(Clause::AnyOf(vec![prev, term])),
                        Some(Clause::AnyOf(mut terms)) => {
                            terms.push(term);
                            clauses.push(Clause::AnyOf(terms));
                        }
                        Some(other) => {
                            clauses.push(other);
                            clauses.push(Clause::Must(term));
                        }
                        None => clauses.push(Clause::Must(term)),
                    }
                } else {
                    clauses.push(Clause::Must(term));
                }
            }
        }
    }
    if !clauses.iter().any(|c| matches!(c, Clause::Must(_) | Clause::AnyOf(_))) {
        return Err(QueryError::NothingToFind);
    }
    Ok(Query { clauses })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Renders a parse compactly: `+w(x)` must, `-p(x)` must not, `(a|b)` any.
    fn render(q: &Result<Query, QueryError>) -> String {
        fn term(t: &Term) -> String {
            let f = match t.field {
                None => "",
                Some(Field::Tag) => "tag:",
                Some(Field::Path) => "path:",
                Some(Field::Title) => "title:",
                Some(Field::File) => "file:",
            };
            match &t.kind {
                TermKind::Words(w) => format!("{f}w({w})"),
                TermKind::Phrase(p) => format!("{f}p({p})"),
                TermKind::Prefix(p) => format!("{f}pre({p})"),
            }
        }
        match q {
            Err(e) => format!("error: {e}"),
            Ok(q) => q
                .clauses
                .iter()
                .map(|c| match c {
                    Clause::Must(t) => format!("+{}", term(t)),
                    Clause::MustNot(t) => format!("-{}", term(t)),
                    Clause::AnyOf(ts) => {
                        format!("({})", ts.iter().map(term).collect::<Vec<_>>().join("|"))
                    }
                })
                .collect::<Vec<_>>()
                .join(" "),
        }
    }

    fn check(input: &str, expect: &str) {
        assert_eq!(render(&parse(input)), expect, "parsing {input:?}");
    }

    #[test]
    fn language() {
        check("redis 면접", "+w(redis) +w(면접)");
        check("\"교착 상태\" -deadlock", "+p(교착 상태) -w(deadlock)");
        check("redis OR 레디스 OR valkey 면접", "(w(redis)|w(레디스)|w(valkey)) +w(면접)");
        check(
            "tag:면접 path:Interview/ title:Developer file:career",
            "+tag:w(면접) +path:w(Interview/) +title:w(Developer) +file:w(career)",
        );
        check("title:\"Key Point\" kube*", "+title:p(Key Point) +pre(kube)");
        check("TAG:Interview/Question", "+tag:w(Interview/Question)");
        check("foo:bar", "+w(foo:bar)");
        check("a or b", "+w(a) +w(or) +w(b)");
    }

    #[test]
    fn malformed_queries_are_literal_or_clear_errors() {
        check("\"unclosed phrase", "+p(unclosed phrase)");
        check("say \"", "+w(say) +p()");
        check("- redis", "+w(redis)");
        check("-", "error: the query has nothing to search for (it is empty or only excludes)");
        check("", "error: the query has nothing to search for (it is empty or only excludes)");
        check(
            "-redis",
            "error: the query has nothing to search for (it is empty or only excludes)",
        );
        check("OR redis OR", "+w(redis)");
        check("* redis", "+w(redis)");
        check("tag: redis", "+w(redis)");
        check(&"가".repeat(10_000), "error: the query is 10000 characters long; the limit is 1000");
        check("\"\"\"\"", "+p() +p()");
    }
}
