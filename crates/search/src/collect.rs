//! The best `limit` hits in a deterministic order: score, best first, and
//! equal scores by path.
//!
//! Tantivy's `TopDocs` breaks ties by document address, which depends on
//! how segments happened to be written and merged, so equal-score hits (a
//! `tag:` or `path:` filter alone gives every hit the same score) came back
//! in a different order, and a different set made the cut, from run to run.
//! Here each segment keeps its best `limit` by (score, path ordinal): within
//! a segment the fast field's term ordinals are in path order, so that is
//! the segment's exact best `limit` by (score, path). Their paths are then
//! read, and the union sorted by (score, path) and cut at `limit`.
//!
//! The vault's excluded files (`userIgnoreFilters`) are left out here, and
//! from the count, so a page of hits is always full and the total true:
//! each segment marks the path ordinals that are excluded before it
//! collects, once per segment and set of filters ([`ExcludedCache`]:
//! segments never change, so the marks hold until a merge replaces one).

use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashMap};
use std::sync::{Arc, Mutex};

use hanji_core::settings::Excluded;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::StrColumn;
use tantivy::index::SegmentId;
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

/// Which path ordinals of a segment are excluded.
type Marks = Arc<Vec<bool>>;

/// The excluded path ordinals of each segment, for one set of filters
/// (the filters' key, then the marks by segment).
#[derive(Default)]
pub(crate) struct ExcludedCache {
    inner: Mutex<(String, HashMap<SegmentId, Marks>)>,
}

impl ExcludedCache {
    /// The marks of `segment` under `excluded`, computed by `make` the
    /// first time.
    fn get(
        &self,
        excluded: &Excluded,
        segment: SegmentId,
        make: impl FnOnce() -> tantivy::Result<Vec<bool>>,
    ) -> tantivy::Result<Marks> {
        let key = excluded.key();
        {
            let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
            // Other filters, or segments merged away by now: start again.
            if inner.0 != key || inner.1.len() > 256 {
                *inner = (key.clone(), HashMap::new());
            }
            if let Some(marks) = inner.1.get(&segment) {
                return Ok(marks.clone());
            }
        }
        let marks = Arc::new(make()?);
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        if inner.0 == key {
            inner.1.insert(segment, marks.clone());
        }
        Ok(marks)
    }
}

/// One hit: its score, vault path and address.
pub(crate) type Hit = (Score, String, DocAddress);

pub(crate) struct TopByScoreThenPath<'a> {
    /// The fast field holding the path.
    pub(crate) field: &'static str,
    /// At least 1.
    pub(crate) limit: usize,
    pub(crate) excluded: &'a Excluded,
    pub(crate) cache: &'a ExcludedCache,
}

pub(crate) struct SegmentTop {
    segment: SegmentOrdinal,
    paths: Option<StrColumn>,
    limit: usize,
    /// Path ordinals that are excluded (empty: none is).
    excluded: Arc<Vec<bool>>,
    /// Hits not excluded.
    count: usize,
    /// The worst kept entry on top.
    heap: BinaryHeap<Entry>,
}

struct Entry {
    score: Score,
    ord: u64,
    doc: DocId,
}

impl Ord for Entry {
    /// Greater is worse: a lower score, or an equal score and a later path.
    fn cmp(&self, other: &Self) -> Ordering {
        other.score.total_cmp(&self.score).then(self.ord.cmp(&other.ord))
    }
}

impl PartialOrd for Entry {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Entry {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Entry {}

impl Collector for TopByScoreThenPath<'_> {
    /// The number of hits, and the best `limit`.
    type Fruit = (usize, Vec<Hit>);
    type Child = SegmentTop;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentTop> {
        let paths = reader.fast_fields().str(self.field)?;
        let excluded = match (&paths, self.excluded.is_empty()) {
            (Some(column), false) => {
                self.cache.get(self.excluded, reader.segment_id(), || {
                    // One pass over the segment's path dictionary, in
                    // ordinal order (a lookup per ordinal decodes a block
                    // each time: 20 ms at 10k notes).
                    let mut marks = vec![false; column.num_terms()];
                    let mut terms = column.dictionary().stream()?;
                    while terms.advance() {
                        let ord = terms.term_ord() as usize;
                        if let (Ok(path), Some(slot)) =
                            (std::str::from_utf8(terms.key()), marks.get_mut(ord))
                        {
                            *slot = self.excluded.contains(path);
                        }
                    }
                    Ok(marks)
                })?
            }
            _ => Arc::new(Vec::new()),
        };
        Ok(SegmentTop {
            segment,
            paths,
            limit: self.limit.max(1),
            excluded,
            count: 0,
            heap: BinaryHeap::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(&self, segments: Vec<(usize, Vec<Hit>)>) -> tantivy::Result<(usize, Vec<Hit>)> {
        let total = segments.iter().map(|(n, _)| n).sum();
        let mut all: Vec<Hit> = segments.into_iter().flat_map(|(_, hits)| hits).collect();
        all.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        all.truncate(self.limit.max(1));
        Ok((total, all))
    }
}

impl SegmentCollector for SegmentTop {
    type Fruit = (usize, Vec<Hit>);

    fn collect(&mut self, doc: DocId, score: Score) {
        if !self.excluded.is_empty() {
            let ord = self.paths.as_ref().and_then(|c| c.ords().first(doc));
            if ord.is_some_and(|o| self.excluded.get(o as usize).copied().unwrap_or(false)) {
                return;
            }
        }
        self.count += 1;
        if self.heap.len() >= self.limit {
            // Most hits lose on score alone: no need to read their path.
            if self.heap.peek().is_some_and(|worst| score < worst.score) {
                return;
            }
        }
        let ord = self.paths.as_ref().and_then(|c| c.ords().first(doc)).unwrap_or(u64::MAX);
        let entry = Entry { score, ord, doc };
        if self.heap.len() < self.limit {
            self.heap.push(entry);
        } else if self.heap.peek().is_some_and(|worst| entry < *worst) {
            self.heap.pop();
            self.heap.push(entry);
        }
    }

    fn harvest(self) -> (usize, Vec<Hit>) {
        let mut path = String::new();
        let hits = self
            .heap
            .into_iter()
            .map(|e| {
                path.clear();
                if let Some(c) = &self.paths {
                    // A path that cannot be read sorts first; the hit itself
                    // is still returned (its stored path is read later).
                    let _ = c.ord_to_str(e.ord, &mut path);
                }
                (e.score, path.clone(), DocAddress::new(self.segment, e.doc))
            })
            .collect();
        (self.count, hits)
    }
}
