//! From the parsed query ([`crate::query`]) to a Tantivy query, on the
//! index's fields.
//!
//! A term the index cannot answer exactly is never dropped silently, since
//! dropping a required term widens the results: it matches nothing and is
//! reported as [`Unsearchable`]. Prefixes on the exact-key fields (`path:`,
//! `tag:x*`) are term ranges, which have no size limit (a regular
//! expression on a 500-character path failed to build). A term without a
//! letter or digit (`!!!`) is ignored, as the tokenizer ignores
//! punctuation, and reported too.

use std::fmt;
use std::ops::Bound;

use hanji_syntax::tag::key as tag_key;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, EmptyQuery, Occur, PhraseQuery, Query as TQuery,
    RangeQuery, RegexQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::Term;

use crate::query::{self, Clause, Field as QField, Term as QTerm, TermKind};
use crate::tokenizer::{self, MAX_WORD_BYTES};

/// Boosts: a note titled with the query word ranks above a passing mention.
const TITLE_BOOST: f32 = 4.0;
const HEADING_BOOST: f32 = 2.0;
const FILE_BOOST: f32 = 2.0;

/// The index fields a query reads.
#[derive(Clone, Copy)]
pub(crate) struct QueryFields {
    pub(crate) path_lc: Field,
    pub(crate) title: Field,
    pub(crate) headings: Field,
    pub(crate) tags: Field,
    pub(crate) file: Field,
    pub(crate) body: Field,
}

/// A query term the index could not search as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unsearchable {
    /// The term as written in the query (without its field).
    pub term: String,
    pub reason: UnsearchableReason,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnsearchableReason {
    /// `x*` where `x` is longer than the part of a long word the index keeps:
    /// the term matches nothing.
    PrefixTooLong,
    /// The term has no letter or digit: it was ignored.
    NoWords,
    /// The index could not build a query for it: it matches nothing.
    NotBuildable,
    /// An exclusion that cannot be searched: no result can be trusted to
    /// lack it, so the whole query matches nothing.
    ExclusionUnsearchable,
}

impl fmt::Display for Unsearchable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let term = &self.term;
        match self.reason {
            UnsearchableReason::PrefixTooLong => write!(
                f,
                "`{term}*` could not be searched: a prefix longer than {MAX_WORD_BYTES} bytes \
                 is not indexed, so nothing matches it"
            ),
            UnsearchableReason::NoWords => {
                write!(f, "`{term}` has no letters or digits and was ignored")
            }
            UnsearchableReason::NotBuildable => {
                write!(f, "`{term}` could not be searched, so nothing matches it")
            }
            UnsearchableReason::ExclusionUnsearchable => {
                write!(f, "the exclusion `-{term}` could not be searched, so nothing is returned")
            }
        }
    }
}

/// A Tantivy query and what it could not search.
pub(crate) struct Built {
    pub(crate) query: Box<dyn TQuery>,
    pub(crate) unsearchable: Vec<Unsearchable>,
}

/// What one term becomes.
enum Lookup {
    Query(Box<dyn TQuery>),
    /// No letter or digit: nothing to look up.
    NoWords,
    /// Cannot be searched exactly.
    Unsearchable(UnsearchableReason),
}

fn nothing() -> Box<dyn TQuery> {
    Box::new(EmptyQuery)
}

fn term_text(t: &QTerm) -> &str {
    match &t.kind {
        TermKind::Words(s) | TermKind::Phrase(s) | TermKind::Prefix(s) => s,
    }
}

pub(crate) fn build(f: QueryFields, q: &query::Query) -> Built {
    let mut notes = Vec::new();
    let mut note = |t: &QTerm, reason| {
        notes.push(Unsearchable { term: term_text(t).to_owned(), reason });
    };
    let mut clauses: Vec<(Occur, Box<dyn TQuery>)> = Vec::new();
    for clause in &q.clauses {
        match clause {
            Clause::Must(t) => match term_query(f, t) {
                Lookup::Query(q) => clauses.push((Occur::Must, q)),
                Lookup::NoWords => note(t, UnsearchableReason::NoWords),
                Lookup::Unsearchable(reason) => {
                    note(t, reason);
                    clauses.push((Occur::Must, nothing()));
                }
            },
            Clause::MustNot(t) => match term_query(f, t) {
                Lookup::Query(q) => clauses.push((Occur::MustNot, q)),
                Lookup::NoWords => note(t, UnsearchableReason::NoWords),
                Lookup::Unsearchable(_) => {
                    note(t, UnsearchableReason::ExclusionUnsearchable);
                    clauses.push((Occur::Must, nothing()));
                }
            },
            Clause::AnyOf(ts) => {
                let mut any: Vec<(Occur, Box<dyn TQuery>)> = Vec::new();
                let mut searchable = false;
                for t in ts {
                    match term_query(f, t) {
                        Lookup::Query(q) => {
                            searchable = true;
                            any.push((Occur::Should, q));
                        }
                        Lookup::NoWords => note(t, UnsearchableReason::NoWords),
                        Lookup::Unsearchable(reason) => {
                            // One alternative that matches nothing narrows
                            // the results, never widens them.
                            searchable = true;
                            note(t, reason);
                        }
                    }
                }
                if !any.is_empty() {
                    clauses.push((Occur::Must, Box::new(BooleanQuery::new(any))));
                } else if searchable {
                    clauses.push((Occur::Must, nothing()));
                }
            }
        }
    }
    if !clauses.iter().any(|(o, _)| *o == Occur::Must) {
        // Every positive term was punctuation only: nothing can match it.
        return Built {
            query: Box::new(BooleanQuery::new(vec![(Occur::MustNot, Box::new(AllQuery))])),
            unsearchable: notes,
        };
    }
    Built { query: Box::new(BooleanQuery::new(clauses)), unsearchable: notes }
}

/// The Tantivy query for one term.
fn term_query(f: QueryFields, t: &QTerm) -> Lookup {
    let text = term_text(t);
    match t.field {
        Some(QField::Tag) => {
            let key = tag_key(text);
            match &t.kind {
                // `tag:면*`: every tag starting with it (`tag:*`: any tag).
                TermKind::Prefix(_) => Lookup::Query(prefix_range(f.tags, &key)),
                _ if key.is_empty() => Lookup::NoWords,
                _ => Lookup::Query(Box::new(TermQuery::new(
                    Term::from_field_text(f.tags, &key),
                    IndexRecordOption::Basic,
                ))),
            }
        }
        Some(QField::Path) => {
            let prefix = text.trim_start_matches('/').to_lowercase();
            Lookup::Query(prefix_range(f.path_lc, &prefix))
        }
        Some(QField::Title) => text_query(f.title, &t.kind),
        Some(QField::File) => text_query(f.file, &t.kind),
        None => {
            let mut per_field: Vec<(Occur, Box<dyn TQuery>)> = Vec::new();
            for (field, boost) in [
                (f.title, TITLE_BOOST),
                (f.headings, HEADING_BOOST),
                (f.file, FILE_BOOST),
                (f.body, 1.0),
            ] {
                // Every field tokenizes alike, so they all answer alike.
                let q = match text_query(field, &t.kind) {
                    Lookup::Query(q) => q,
                    other => return other,
                };
                let q: Box<dyn TQuery> =
                    if boost == 1.0 { q } else { Box::new(BoostQuery::new(q, boost)) };
                per_field.push((Occur::Should, q));
            }
            Lookup::Query(Box::new(BooleanQuery::new(per_field)))
        }
    }
}

/// Every term of `field` starting with `prefix`, as a term range (an empty
/// prefix: every term).
fn prefix_range(field: Field, prefix: &str) -> Box<dyn TQuery> {
    let lower = Term::from_field_text(field, prefix);
    // The first byte string after every string starting with `prefix`: its
    // last byte plus one. UTF-8 never has a 0xFF byte, so this never carries.
    let upper = match prefix.as_bytes().split_last() {
        Some((&last, init)) => {
            let mut upper = Term::from_field_text(field, "");
            upper.append_bytes(init);
            upper.append_bytes(&[last.saturating_add(1)]);
            Bound::Excluded(upper)
        }
        None => Bound::Unbounded,
    };
    Box::new(RangeQuery::new(Bound::Included(lower), upper))
}

/// A query on one tokenized field: a term, a phrase of tokens, or a prefix.
fn text_query(field: Field, kind: &TermKind) -> Lookup {
    let (text, prefix) = match kind {
        TermKind::Words(s) | TermKind::Phrase(s) => (s, false),
        TermKind::Prefix(s) => (s, true),
    };
    let tokens = tokenizer::tokens(text);
    let Some((last, init)) = tokens.split_last() else { return Lookup::NoWords };
    let term = |s: &str| Term::from_field_text(field, s);
    let last_query: Box<dyn TQuery> = if prefix {
        if tokenizer::is_long_word(last) {
            // Only the first bytes of a long word are kept, then a hash of
            // the whole: a longer prefix cannot be compared with them.
            return Lookup::Unsearchable(UnsearchableReason::PrefixTooLong);
        }
        prefix_range(field, last)
    } else if last.chars().count() == 1 && last.chars().all(tokenizer::is_cjk) && init.is_empty() {
        // One syllable: any token containing it (`책` in `책을`, `전자책`).
        let c = regex_escape(last);
        match RegexQuery::from_pattern(&format!("{c}.?|.{c}"), field) {
            Ok(q) => Box::new(q),
            Err(_) => return Lookup::Unsearchable(UnsearchableReason::NotBuildable),
        }
    } else if init.is_empty() {
        Box::new(TermQuery::new(term(last), IndexRecordOption::WithFreqs))
    } else {
        let terms: Vec<Term> = tokens.iter().map(|s| term(s)).collect();
        return Lookup::Query(Box::new(PhraseQuery::new(terms)));
    };
    if init.is_empty() {
        return Lookup::Query(last_query);
    }
    // A multi-token prefix (`redis-clu*`): the leading tokens as a phrase or
    // term, and the last one as a prefix.
    let lead: Box<dyn TQuery> = if init.len() == 1 {
        Box::new(TermQuery::new(term(&init[0]), IndexRecordOption::WithFreqs))
    } else {
        Box::new(PhraseQuery::new(init.iter().map(|s| term(s)).collect()))
    };
    Lookup::Query(Box::new(BooleanQuery::new(vec![(Occur::Must, lead), (Occur::Must, last_query)])))
}

fn regex_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 2);
    for c in s.chars() {
        if "\\.+*?()|[]{}^$#&-~\"<>@".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The strings to highlight: every positive term's text, lower-cased.
pub(crate) fn needles(q: &query::Query) -> Vec<String> {
    let mut out = Vec::new();
    let mut push = |t: &QTerm| {
        if matches!(t.field, Some(QField::Tag | QField::Path)) {
            return;
        }
        let s = term_text(t);
        if !s.trim().is_empty() {
            out.push(s.trim().to_lowercase());
        }
    };
    for c in &q.clauses {
        match c {
            Clause::Must(t) => push(t),
            Clause::AnyOf(ts) => ts.iter().for_each(&mut push),
            Clause::MustNot(_) => {}
        }
    }
    out
}
