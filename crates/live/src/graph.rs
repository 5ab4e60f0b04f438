//! The graph view from a session: `.obsidian/graph.json`'s filters and
//! colour groups applied to the vault's link graph. The queries (the
//! filter's and each group's) are answered by the search index, so the
//! graph understands exactly what search does (`tag:면접`, `path:CS/`,
//! words, Korean stems); the vault's excluded files (`userIgnoreFilters`)
//! are never shown, as in Obsidian. The shaping itself is
//! `hanji_core::graph_view`'s.

use std::collections::HashSet;

use hanji_core::graph_view::{self, Filters, Local, View};
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
