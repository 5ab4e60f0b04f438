//! The tag index: which notes carry which tags, with Obsidian's nesting
//! (`#interview/question` lives under `#interview`).
//!
//! Pure: built from note ids and tag names, no IO. Tags compare
//! case-insensitively (and in NFC), as in Obsidian; the spelling shown is the
//! first one met in path order.

use std::collections::BTreeMap;

use crate::NoteId;

#[derive(Debug, Clone, Default)]
struct Entry {
    display: String,
    notes: Vec<NoteId>,
    occurrences: u32,
}

/// One tag with its counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagCount {
    /// The tag as first written, without `#`.
    pub name: String,
    /// Notes that carry exactly this tag.
    pub notes: usize,
    /// Notes that carry this tag or one nested under it.
    pub notes_with_children: usize,
    /// How many times the tag was written (front matter and inline).
    pub occurrences: u32,
}

#[derive(Debug, Clone, Default)]
pub struct TagIndex {
    entries: BTreeMap<String, Entry>,
}

/// The key a tag is compared by (the syntax crate's one rule).
pub use hanji_syntax::tag::key as tag_key;

impl TagIndex {
    /// Adds one use of `name` by `note`. Notes must be added in id order so
    /// that note lists stay sorted without a sort.
    pub fn add(&mut self, note: NoteId, name: &str) {
        self.add_keyed(note, tag_key(name), name);
    }

    /// Like [`TagIndex::add`], with the key already computed by [`tag_key`]
    /// (the vault computes keys in parallel).
    pub fn add_keyed(&mut self, note: NoteId, key: String, name: &str) {
        if key.is_empty() {
            return;
        }
        let entry = match self.entries.get_mut(&key) {
            Some(e) => e,
            None => self
                .entries
                .entry(key)
                .or_insert_with(|| Entry { display: Self::display_of(name), ..Entry::default() }),
        };
        entry.occurrences += 1;
        if entry.notes.last() != Some(&note) {
            entry.notes.push(note);
        }
    }

    /// Restores the sorted, de-duplicated note lists after out-of-order adds.
    pub fn finish(&mut self) {
        for e in self.entries.values_mut() {
            e.notes.sort_unstable();
            e.notes.dedup();
        }
    }

    /// Adds one use of the tag `key` (spelled `name`) by `note`, keeping the
    /// note list sorted; for live updates after [`TagIndex::finish`]. A new
    /// tag takes this spelling; see [`TagIndex::set_display`].
    pub fn insert(&mut self, note: NoteId, key: &str, name: &str) {
        if key.is_empty() {
            return;
        }
        let entry = self
            .entries
            .entry(key.to_owned())
            .or_insert_with(|| Entry { display: Self::display_of(name), ..Entry::default() });
        entry.occurrences += 1;
        if let Err(at) = entry.notes.binary_search(&note) {
            entry.notes.insert(at, note);
        }
    }

    /// Takes back one use of `key` by `note`; `last_use` says whether the
    /// note has no other use of it. A tag nobody uses any more disappears.
    pub fn remove(&mut self, note: NoteId, key: &str, last_use: bool) {
        let Some(entry) = self.entries.get_mut(key) else { return };
        entry.occurrences = entry.occurrences.saturating_sub(1);
        if last_use {
            if let Ok(at) = entry.notes.binary_search(&note) {
                entry.notes.remove(at);
            }
        }
        if entry.occurrences == 0 || entry.notes.is_empty() {
            self.entries.remove(key);
        }
    }

    /// Gives `from`'s uses of `key` to `to` (a note that changed id).
    pub fn renumber(&mut self, key: &str, from: NoteId, to: NoteId) {
        let Some(entry) = self.entries.get_mut(key) else { return };
        if let Ok(at) = entry.notes.binary_search(&from) {
            entry.notes.remove(at);
            if let Err(at) = entry.notes.binary_search(&to) {
                entry.notes.insert(at, to);
            }
        }
    }

    /// The notes that carry exactly the tag `key`, sorted by id.
    pub fn notes_of_key(&self, key: &str) -> &[NoteId] {
        self.entries.get(key).map_or(&[], |e| &e.notes)
    }

    /// Sets how the tag `key` is shown (the vault picks the spelling of the
    /// first note in path order, as a full load does).
    pub fn set_display(&mut self, key: &str, display: String) {
        if let Some(e) = self.entries.get_mut(key) {
            e.display = display;
        }
    }

    /// The spelling a tag name is shown with.
    pub fn display_of(name: &str) -> String {
        hanji_syntax::tag::display(name)
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Every tag, in key order (so parents come right before their children),
    /// including parents that are only implied by nested tags (`a` for `a/b`).
    pub fn all(&self) -> Vec<TagCount> {
        let mut keys: Vec<(String, Option<&Entry>)> = Vec::new();
        let mut seen = std::collections::BTreeSet::new();
        for (key, entry) in &self.entries {
            let mut prefix_end = 0;
            while let Some(i) = key[prefix_end..].find('/') {
                let parent = &key[..prefix_end + i];
                if !self.entries.contains_key(parent) && seen.insert(parent.to_owned()) {
                    keys.push((parent.to_owned(), None));
                }
                prefix_end += i + 1;
            }
            keys.push((key.clone(), Some(entry)));
        }
        keys.sort_by(|a, b| a.0.cmp(&b.0));
        keys.into_iter()
            .map(|(key, entry)| {
                let display = match entry {
                    Some(e) => e.display.clone(),
                    None => self.implied_display(&key),
                };
                TagCount {
                    name: display,
                    notes: entry.map_or(0, |e| e.notes.len()),
                    notes_with_children: self.notes_with(&key).len(),
                    occurrences: entry.map_or(0, |e| e.occurrences),
                }
            })
            .collect()
    }

    /// The spelling of an implied parent, taken from its first child.
    fn implied_display(&self, key: &str) -> String {
        let child = format!("{key}/");
        self.entries
            .range(child.clone()..)
            .next()
            .filter(|(k, _)| k.starts_with(&child))
            .map(|(_, e)| e.display.chars().take(key.chars().count()).collect())
            .unwrap_or_else(|| key.to_owned())
    }

    /// Notes tagged `tag` or any tag nested under it, sorted by id.
    pub fn notes_with(&self, tag: &str) -> Vec<NoteId> {
        let key = tag_key(tag);
        let mut out: Vec<NoteId> = Vec::new();
        if let Some(e) = self.entries.get(&key) {
            out.extend(&e.notes);
        }
        let child = format!("{key}/");
        for (_, e) in self.entries.range(child.clone()..).take_while(|(k, _)| k.starts_with(&child))
        {
            out.extend(&e.notes);
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_and_case() {
        let mut ix = TagIndex::default();
        ix.add(NoteId(0), "interview/question");
        ix.add(NoteId(0), "면접");
        ix.add(NoteId(1), "Interview/Behavioral");
        ix.add(NoteId(1), "#면접");
        ix.add(NoteId(2), "interview");
        ix.add(NoteId(2), "interviews");
        ix.finish();
        let rendered: Vec<String> = ix
            .all()
            .iter()
            .map(|t| format!("{} {}/{} x{}", t.name, t.notes, t.notes_with_children, t.occurrences))
            .collect();
        assert_eq!(
            rendered,
            [
                "interview 1/3 x1",
                "Interview/Behavioral 1/1 x1",
                "interview/question 1/1 x1",
                "interviews 1/1 x1",
                "면접 2/2 x2"
            ]
        );
        assert_eq!(ix.notes_with("INTERVIEW"), [NoteId(0), NoteId(1), NoteId(2)]);
        assert_eq!(ix.notes_with("#면접"), [NoteId(0), NoteId(1)]);
        assert_eq!(ix.notes_with("inter"), Vec::<NoteId>::new());
    }

    #[test]
    fn implied_parents() {
        let mut ix = TagIndex::default();
        ix.add(NoteId(3), "cs/network/tcp");
        ix.finish();
        let names: Vec<(String, usize, usize)> =
            ix.all().into_iter().map(|t| (t.name, t.notes, t.notes_with_children)).collect();
        assert_eq!(
            names,
            [("cs".into(), 0, 1), ("cs/network".into(), 0, 1), ("cs/network/tcp".into(), 1, 1)]
        );
    }
}
