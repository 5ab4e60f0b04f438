//! The graph view from a session: `.obsidian/graph.json`'s filters and
//! colour groups applied to the vault's link graph. The queries (the
//! filter's and each group's) are answered by the search index, so the
//! graph understands exactly what search does (`tag:면접`, `path:CS/`,
//! words, Korean stems); the vault's excluded files (`userIgnoreFilters`)
//! are never shown, as in Obsidian. The shaping itself is
//! `hanji_core::graph_view`'s.

use std::collections::HashSet;
use std::sync::Mutex;

use hanji_core::graph_view::{self, Delta, Filters, Local, View};
use hanji_core::settings::graph::GraphSettings;
use hanji_core::NoteId;

use crate::Session;

/// A view, with what could not be used of the settings.
#[derive(Debug, Clone)]
pub struct GraphView {
    pub view: View,
    pub settings: GraphSettings,
    /// A query that could not be read, a graph.json that is not valid JSON.
    pub warnings: Vec<String>,
}

impl Session {
    /// The vault's graph settings (Obsidian's defaults, with the reason,
    /// when `graph.json` cannot be read).
    pub fn graph_settings(&self) -> (GraphSettings, Option<String>) {
        match GraphSettings::read(self.vault.root()) {
            Ok(s) => (s, None),
            Err(e) => (GraphSettings::default(), Some(e.to_string())),
        }
    }

    /// The notes a query finds, excluded files left out; `None` for an
    /// empty query (every note but the excluded).
    fn notes_found(&self, query: &str, warnings: &mut Vec<String>) -> Option<HashSet<NoteId>> {
        let (app, _) = self.settings();
        if query.trim().is_empty() {
            if app.excluded.is_empty() {
                return None;
            }
            return Some(
                (0..self.vault.notes().len() as u32)
                    .map(NoteId)
                    .filter(|&id| !app.excluded.contains(self.vault.note(id).path.as_str()))
                    .collect(),
            );
        }
        match self.index.rank_excluding(query, 0, &app.excluded) {
            Ok(ranked) => {
                Some(ranked.docs.iter().filter_map(|d| self.vault.note_by_path(&d.path)).collect())
            }
            Err(e) => {
                warnings.push(format!("the graph's query {query:?} was not used: {e}"));
                None
            }
        }
    }

    /// The graph view by `settings` (the vault's `graph.json` when `None`):
    /// the global graph, or the local graph of `local`'s centre.
    pub fn graph_view(&self, settings: Option<GraphSettings>, local: Option<Local>) -> GraphView {
        let mut warnings = Vec::new();
        let settings = settings.unwrap_or_else(|| {
            let (s, why) = self.graph_settings();
            warnings.extend(why);
            s
        });
        let filters = Filters {
            show_tags: settings.show_tags,
            show_attachments: settings.show_attachments,
            hide_unresolved: settings.hide_unresolved,
            show_orphans: settings.show_orphans,
        };
        let found = self.notes_found(&settings.search, &mut warnings);
        let groups: Vec<HashSet<NoteId>> = settings
            .color_groups
            .iter()
            .map(|g| {
                if g.query.trim().is_empty() {
                    HashSet::new()
                } else {
                    self.notes_found(&g.query, &mut warnings).unwrap_or_default()
                }
            })
            .collect();
        let group = |id: NoteId| groups.iter().position(|g| g.contains(&id)).map(|i| i as u16);
        let view = match local {
            Some(l) => graph_view::local(&self.vault, filters, found.as_ref(), &group, l),
            None => graph_view::global(&self.vault, filters, found.as_ref(), &group),
        };
        GraphView { view, settings, warnings }
    }
}

/// Where the graph view last placed its nodes, by node id: kept in the
/// cache folder (derived data), so a graph reopens as it was left and only
/// new nodes need a place.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Positions {
    pub ids: Vec<String>,
    pub x: Vec<f32>,
    pub y: Vec<f32>,
}

const POSITIONS: &str = "graph-positions.json";

impl Session {
    /// The positions kept last time (none without a cache folder, or when
    /// the file cannot be read: they are only a head start).
    pub fn graph_positions(&self) -> Positions {
        let Some(dir) = &self.cache_dir else { return Positions::default() };
        std::fs::read(dir.join(POSITIONS))
            .ok()
            .and_then(|b| serde_json::from_slice::<Positions>(&b).ok())
            .filter(|p| p.ids.len() == p.x.len() && p.ids.len() == p.y.len())
            .unwrap_or_default()
    }

    /// Keeps `positions` for next time (written whole, atomically; without
    /// a cache folder, nowhere).
    pub fn save_graph_positions(&self, positions: &Positions) -> std::io::Result<()> {
        let Some(dir) = &self.cache_dir else { return Ok(()) };
        if positions.ids.len() != positions.x.len() || positions.ids.len() != positions.y.len() {
            return Err(std::io::Error::other("as many positions as ids"));
        }
        std::fs::create_dir_all(dir)?;
        let tmp = dir.join(format!(".{POSITIONS}.tmp"));
        let bytes = serde_json::to_vec(positions).map_err(std::io::Error::other)?;
        std::fs::write(&tmp, bytes)?;
        std::fs::rename(&tmp, dir.join(POSITIONS))
    }
}

/// What a graph on screen was last sent, so that the next answer can be
/// what changed since: one global graph and one local graph (the panel
/// shows one note's at a time), each with the generation it was sent as.
/// Only a hint: an answer that cannot be a delta (nothing kept, another
/// generation, a change as big as the view) is the whole view.
#[derive(Debug, Default)]
pub struct GraphFeed {
    state: Mutex<FeedState>,
}

#[derive(Debug, Default)]
struct FeedState {
    /// The last generation given out; each answer takes the next.
    last: u64,
    global: Option<(u64, View)>,
    /// The local graph's centre, its generation and view.
    local: Option<(String, u64, View)>,
}

/// The feed's answer: the whole view, or what changed since the generation
/// asked about. Either way the view is kept as `generation`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FeedAnswer {
    Whole { generation: u64 },
    Delta { generation: u64, delta: Delta },
}

impl GraphFeed {
    /// Answers for `view`, the graph of `local`'s centre (a vault path) or
    /// the global one, to a client that has `since`.
    pub fn answer(&self, local: Option<&str>, since: Option<u64>, view: &View) -> FeedAnswer {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        state.last += 1;
        let generation = state.last;
        let kept = match (local, &state.local) {
            (None, _) => state.global.as_ref().map(|(g, v)| (*g, v)),
            (Some(centre), Some((c, g, v))) if c == centre => Some((*g, v)),
            _ => None,
        };
        let delta = match (kept, since) {
            (Some((g, old)), Some(since)) if g == since => Some(graph_view::diff(old, view)),
            _ => None,
        }
        // A change as large as the view is cheaper sent whole.
        .filter(|d| d.len() <= (view.nodes.len() + view.edges.len()) / 2);
        match local {
            None => state.global = Some((generation, view.clone())),
            Some(centre) => state.local = Some((centre.to_owned(), generation, view.clone())),
        }
        match delta {
            Some(delta) => FeedAnswer::Delta { generation, delta },
            None => FeedAnswer::Whole { generation },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hanji_core::graph_view::{Kind, ViewNode};

    fn node(id: &str, degree: u32) -> ViewNode {
        ViewNode {
            id: id.into(),
            kind: Kind::Note,
            label: id.into(),
            degree,
            group: None,
            distance: None,
        }
    }

    /// Two linked notes among orphans (a change must be small beside the
    /// view to be sent as a delta).
    fn pair() -> View {
        let mut nodes = vec![node("a.md", 1), node("b.md", 1)];
        nodes.extend((0..6).map(|i| node(&format!("orphan {i}.md"), 0)));
        View { nodes, edges: vec![(0, 1)] }
    }

    fn three() -> View {
        let mut v = pair();
        v.nodes[0].degree = 2;
        v.nodes.push(node("c.md", 1));
        v.edges.push((0, v.nodes.len() as u32 - 1));
        v
    }

    #[test]
    fn a_client_with_the_last_generation_gets_what_changed() {
        let feed = GraphFeed::default();
        let FeedAnswer::Whole { generation } = feed.answer(None, None, &pair()) else {
            panic!("the first answer is whole")
        };
        match feed.answer(None, Some(generation), &three()) {
            FeedAnswer::Delta { generation: next, delta } => {
                assert!(next > generation);
                assert_eq!(delta.upserted, vec![node("a.md", 2), node("c.md", 1)]);
                assert_eq!(delta.edges_added, vec![("a.md".into(), "c.md".into())]);
                assert!(delta.removed.is_empty() && delta.edges_removed.is_empty());
            }
            whole => panic!("expected a delta, got {whole:?}"),
        }
    }

    #[test]
    fn another_generation_or_centre_gets_the_whole_view() {
        let feed = GraphFeed::default();
        let FeedAnswer::Whole { generation } = feed.answer(Some("a.md"), None, &pair()) else {
            panic!("the first answer is whole")
        };
        // A client that missed an answer.
        assert!(matches!(
            feed.answer(Some("a.md"), Some(generation + 7), &pair()),
            FeedAnswer::Whole { .. }
        ));
        // Another note's local graph.
        let g = match feed.answer(Some("a.md"), None, &pair()) {
            FeedAnswer::Whole { generation } => generation,
            d => panic!("{d:?}"),
        };
        assert!(matches!(feed.answer(Some("b.md"), Some(g), &pair()), FeedAnswer::Whole { .. }));
        // The global graph was never sent.
        assert!(matches!(feed.answer(None, Some(g), &pair()), FeedAnswer::Whole { .. }));
    }

    #[test]
    fn a_change_as_big_as_the_view_is_sent_whole() {
        let feed = GraphFeed::default();
        let FeedAnswer::Whole { generation } = feed.answer(None, None, &pair()) else {
            panic!("the first answer is whole")
        };
        let other = View { nodes: vec![node("x.md", 1), node("y.md", 1)], edges: vec![(0, 1)] };
        assert!(pair().nodes.len() > other.nodes.len());
        assert!(matches!(feed.answer(None, Some(generation), &other), FeedAnswer::Whole { .. }));
    }
}
