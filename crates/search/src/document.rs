//! What a note becomes in the index: the schema, the document built from a
//! note (its text read from disk), and writing a batch of them.

use std::time::UNIX_EPOCH;

use hanji_core::{Content, NoteId, Progress, Vault};
use hanji_syntax::tag::key as tag_key;
use rayon::prelude::*;
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, STORED, STRING,
};
use tantivy::{doc, IndexWriter, TantivyDocument, Term};

use crate::tokenizer;
use crate::tquery::QueryFields;

/// The fast field the path is in (for ordering ties).
pub(crate) const PATH_FIELD: &str = "path";

#[derive(Clone, Copy)]
pub(crate) struct Fields {
    pub(crate) path: Field,
    path_lc: Field,
    pub(crate) title: Field,
    headings: Field,
    tags: Field,
    file: Field,
    body: Field,
}

impl Fields {
    pub(crate) fn query(self) -> QueryFields {
        QueryFields {
            path_lc: self.path_lc,
            title: self.title,
            headings: self.headings,
            tags: self.tags,
            file: self.file,
            body: self.body,
        }
    }
}

pub(crate) fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(tokenizer::NAME)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let fields = Fields {
        path: b.add_text_field(PATH_FIELD, STRING | STORED | FAST),
        path_lc: b.add_text_field("path_lc", STRING),
        title: b.add_text_field("title", text.clone() | STORED),
        headings: b.add_text_field("headings", text.clone()),
        tags: b.add_text_field("tags", STRING),
        file: b.add_text_field("file", text.clone()),
        body: b.add_text_field("body", text),
    };
    (b.build(), fields)
}

/// Removes the notes at `removed`, replaces the documents of `changed`
/// (built in parallel, their text read from disk), and commits.
pub(crate) fn write_notes(
    writer: &mut IndexWriter,
    fields: Fields,
    vault: &Vault,
    changed: &[NoteId],
    removed: &[&str],
    progress: &Progress,
) -> tantivy::Result<()> {
    for path in removed {
        writer.delete_term(Term::from_field_text(fields.path, path));
    }
    let docs: Vec<TantivyDocument> = changed
        .par_iter()
        .map(|&id| {
            let doc = note_document(vault, id, fields);
            progress.step();
            doc
        })
        .collect();
    for (id, doc) in changed.iter().zip(docs) {
        writer.delete_term(Term::from_field_text(fields.path, vault.note(*id).path.as_str()));
        writer.add_document(doc)?;
        progress.step();
    }
    writer.commit()?;
    Ok(())
}

/// Builds the index document of one note; its text is read from disk.
fn note_document(vault: &Vault, id: NoteId, f: Fields) -> TantivyDocument {
    let note = vault.note(id);
    let body = match note.content {
        Content::Parsed | Content::Lossy => vault.read_text(id).unwrap_or_default(),
        Content::TooLarge | Content::Unreadable => String::new(),
    };
    let mut d = doc!(
        f.path => note.path.as_str(),
        f.path_lc => note.path.as_str().to_lowercase(),
        f.title => note.title.as_str(),
        f.file => note.path.stem(),
        f.body => body,
    );
    for alias in &note.aliases {
        d.add_text(f.title, alias);
    }
    for h in &note.headings {
        d.add_text(f.headings, &*h.text);
    }
    let mut keys: Vec<String> = Vec::new();
    for t in &note.tags {
        let key = tag_key(&t.name);
        // `#a/b/c` is also found by `tag:a` and `tag:a/b`.
        for (i, _) in key.match_indices('/') {
            keys.push(key[..i].to_owned());
        }
        keys.push(key);
    }
    keys.sort_unstable();
    keys.dedup();
    for k in keys.iter().filter(|k| !k.is_empty()) {
        d.add_text(f.tags, k);
    }
    d
}

pub(crate) fn mtime_ns(t: Option<std::time::SystemTime>) -> u128 {
    t.and_then(|t| t.duration_since(UNIX_EPOCH).ok()).map_or(0, |d| d.as_nanos())
}
