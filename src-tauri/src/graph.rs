//! The graph view's commands: its content (`graph_data`, global or the
//! local graph of a note), its settings written back (`write_graph_settings`
//! into `.obsidian/graph.json`, `write_local_graph` into `hanji.json`) and
//! the node positions kept in the cache between runs. Thin: the filters,
//! queries and colour groups are the live session's and
//! `hanji_core::graph_view`'s; this module converts to columns.

use hanji_core::graph_view::{Kind, Local, ViewNode};
use hanji_core::settings::graph::{ColorGroup, GraphSettings, LocalGraphSettings};
use hanji_live::FeedAnswer;
use tauri::State;

use crate::commands::{note_at, with_live, with_session};
use crate::dto::{
    ApiError, ColorGroupView, GraphData, GraphPositions, GraphSettingsView, GraphUpdate,
    GraphViewDelta, LocalGraphView,
};
use crate::state::AppState;

impl From<&GraphSettings> for GraphSettingsView {
    fn from(s: &GraphSettings) -> GraphSettingsView {
        GraphSettingsView {
            search: s.search.clone(),
            show_tags: s.show_tags,
            show_attachments: s.show_attachments,
            hide_unresolved: s.hide_unresolved,
            show_orphans: s.show_orphans,
            color_groups: s
                .color_groups
                .iter()
                .map(|g| ColorGroupView { query: g.query.clone(), rgb: g.rgb, alpha: g.alpha })
                .collect(),
            show_arrow: s.show_arrow,
            text_fade_multiplier: s.text_fade_multiplier,
            node_size_multiplier: s.node_size_multiplier,
            line_size_multiplier: s.line_size_multiplier,
            center_strength: s.center_strength,
            repel_strength: s.repel_strength,
            link_strength: s.link_strength,
            link_distance: s.link_distance,
        }
    }
}

impl From<&GraphSettingsView> for GraphSettings {
    fn from(s: &GraphSettingsView) -> GraphSettings {
        GraphSettings {
            search: s.search.clone(),
            show_tags: s.show_tags,
            show_attachments: s.show_attachments,
            hide_unresolved: s.hide_unresolved,
            show_orphans: s.show_orphans,
            color_groups: s
                .color_groups
                .iter()
                .map(|g| ColorGroup {
                    query: g.query.clone(),
                    rgb: g.rgb & 0xFF_FFFF,
                    alpha: g.alpha.clamp(0.0, 1.0),
                })
                .collect(),
            show_arrow: s.show_arrow,
            text_fade_multiplier: s.text_fade_multiplier,
            node_size_multiplier: s.node_size_multiplier,
            line_size_multiplier: s.line_size_multiplier,
            center_strength: s.center_strength,
            repel_strength: s.repel_strength,
            link_strength: s.link_strength,
            link_distance: s.link_distance,
        }
    }
}

fn local_view(l: LocalGraphSettings) -> LocalGraphView {
    LocalGraphView {
        depth: l.depth,
        incoming: l.incoming,
        outgoing: l.outgoing,
        neighbours: l.neighbours,
    }
}

/// The graph view's content: the global graph, or (with `local`, a note's
/// path) that note's local graph, by the vault's settings. A view that has
/// the generation `since` gets what changed since (a link added moves one
/// edge and two degrees over the bridge, not the whole graph).
#[tauri::command]
pub async fn graph_data(
    state: State<'_, AppState>,
    drawing: State<'_, crate::prefs::RenderingNow>,
    local: Option<String>,
    since: Option<u32>,
) -> Result<GraphUpdate, ApiError> {
    let accelerated = drawing.0.accelerated;
    with_live(state, move |live| {
        let s = live.read()?;
        let root = s.vault().root();
        let mut warnings = Vec::new();
        let local_settings = LocalGraphSettings::read(root).unwrap_or_else(|e| {
            warnings.push(e.to_string());
            LocalGraphSettings::default()
        });
        // Without compositing, WebKitGTK shows a WebGL canvas's first
        // frame and then a blank one after each redraw (seen under Xvfb
        // with WebKitGTK 2.50): the graph is drawn with Canvas 2D there, as
        // WebGL would be in software anyway.
        let prefer_canvas = !accelerated || hanji_core::settings::graph::prefers_canvas(root);
        let centre = local
            .as_deref()
            .map(|path| -> Result<Local, ApiError> {
                Ok(Local {
                    center: note_at(s.vault(), path)?,
                    depth: local_settings.depth,
                    incoming: local_settings.incoming,
                    outgoing: local_settings.outgoing,
                    neighbours: local_settings.neighbours,
                })
            })
            .transpose()?;
        let g = s.graph_view(None, centre);
        warnings.extend(g.warnings);
        let settings = GraphSettingsView::from(&g.settings);
        let local_view = local_view(local_settings);
        // Generations stay within what a JavaScript number holds exactly.
        let answer = live.graph_feed().answer(local.as_deref(), since.map(u64::from), &g.view);
        Ok(match answer {
            FeedAnswer::Whole { generation } => {
                let nodes = &g.view.nodes;
                let c = columns(nodes);
                GraphUpdate::Whole(GraphData {
                    generation: generation as u32,
                    ids: c.ids,
                    labels: c.labels,
                    kinds: c.kinds,
                    degrees: c.degrees,
                    groups: c.groups,
                    distances: c.distances,
                    sources: g.view.edges.iter().map(|e| e.0).collect(),
                    targets: g.view.edges.iter().map(|e| e.1).collect(),
                    settings,
                    local: local_view,
                    prefer_canvas,
                    warnings,
                })
            }
            FeedAnswer::Delta { generation, delta } => {
                let c = columns(&delta.upserted);
                let (added_sources, added_targets) = delta.edges_added.into_iter().unzip();
                let (removed_sources, removed_targets) = delta.edges_removed.into_iter().unzip();
                GraphUpdate::Delta(GraphViewDelta {
                    generation: generation as u32,
                    removed: delta.removed,
                    ids: c.ids,
                    labels: c.labels,
                    kinds: c.kinds,
                    degrees: c.degrees,
                    groups: c.groups,
                    distances: c.distances,
                    added_sources,
                    added_targets,
                    removed_sources,
                    removed_targets,
                    settings,
                    local: local_view,
                    warnings,
                })
            }
        })
    })
    .await
}

/// Nodes as columns, one entry a node in each.
struct Columns {
    ids: Vec<String>,
    labels: Vec<String>,
    kinds: Vec<u8>,
    degrees: Vec<u32>,
    groups: Vec<i32>,
    distances: Vec<i32>,
}

fn columns(nodes: &[ViewNode]) -> Columns {
    Columns {
        ids: nodes.iter().map(|n| n.id.clone()).collect(),
        labels: nodes.iter().map(|n| n.label.clone()).collect(),
        kinds: nodes
            .iter()
            .map(|n| match n.kind {
                Kind::Note => 0,
                Kind::Attachment => 1,
                Kind::Unresolved => 2,
                Kind::Tag => 3,
            })
            .collect(),
        degrees: nodes.iter().map(|n| n.degree).collect(),
        groups: nodes.iter().map(|n| n.group.map_or(-1, i32::from)).collect(),
        distances: nodes.iter().map(|n| n.distance.map_or(-1, |d| d as i32)).collect(),
    }
}

/// Writes the graph view's settings into `.obsidian/graph.json`, every key
/// Hanji does not know kept (Obsidian's own, a plugin's).
#[tauri::command]
pub async fn write_graph_settings(
    state: State<'_, AppState>,
    settings: GraphSettingsView,
) -> Result<(), ApiError> {
    with_session(state, move |s| {
        GraphSettings::from(&settings).write(s.vault().root()).map_err(settings_error)
    })
    .await
}

/// Writes the local graph's settings into `.obsidian/hanji.json`.
#[tauri::command]
pub async fn write_local_graph(
    state: State<'_, AppState>,
    local: LocalGraphView,
) -> Result<(), ApiError> {
    with_session(state, move |s| {
        let l = LocalGraphSettings {
            depth: local.depth.clamp(1, 3),
            incoming: local.incoming,
            outgoing: local.outgoing,
            neighbours: local.neighbours,
        };
        l.write(s.vault().root()).map_err(settings_error)
    })
    .await
}

fn settings_error(e: hanji_core::settings::SettingsError) -> ApiError {
    hanji_core::settings::schema::WriteSettingError::File(e).into()
}

/// The node positions kept last time.
#[tauri::command]
pub async fn graph_positions(state: State<'_, AppState>) -> Result<GraphPositions, ApiError> {
    with_session(state, |s| {
        let p = s.graph_positions();
        Ok(GraphPositions { ids: p.ids, x: p.x, y: p.y })
    })
    .await
}

/// Keeps node positions for next time (in the cache: derived data).
#[tauri::command]
pub async fn save_graph_positions(
    state: State<'_, AppState>,
    positions: GraphPositions,
) -> Result<(), ApiError> {
    with_session(state, move |s| {
        let p = hanji_live::Positions { ids: positions.ids, x: positions.x, y: positions.y };
        s.save_graph_positions(&p)
            .map_err(|e| ApiError::new("save_failed", format!("graph positions not kept: {e}")))
    })
    .await
}

fn preset_error(e: hanji_core::settings::graph::PresetError) -> ApiError {
    use hanji_core::settings::graph::PresetError;
    match e {
        PresetError::Name(n) => ApiError::new("bad_name", n.to_string()),
        PresetError::File(f) => settings_error(f),
        missing @ PresetError::Missing { .. } => ApiError::new("bad_setting", missing.to_string()),
    }
}

/// The vault's graph presets, by name.
#[tauri::command]
pub async fn graph_presets(state: State<'_, AppState>) -> Result<Vec<String>, ApiError> {
    with_session(state, |s| Ok(hanji_core::settings::graph::presets(s.vault().root()))).await
}

/// Saves the graph's settings as the preset `name` (a file of
/// `.obsidian/graph-presets/`, so it travels with the vault).
#[tauri::command]
pub async fn save_graph_preset(
    state: State<'_, AppState>,
    name: String,
    settings: GraphSettingsView,
) -> Result<Vec<String>, ApiError> {
    with_session(state, move |s| {
        let root = s.vault().root();
        hanji_core::settings::graph::save_preset(root, &name, &GraphSettings::from(&settings))
            .map_err(preset_error)?;
        Ok(hanji_core::settings::graph::presets(root))
    })
    .await
}

/// Makes the preset `name` the graph's settings (written into graph.json).
#[tauri::command]
pub async fn apply_graph_preset(
    state: State<'_, AppState>,
    name: String,
) -> Result<GraphSettingsView, ApiError> {
    with_session(state, move |s| {
        let applied = hanji_core::settings::graph::apply_preset(s.vault().root(), &name)
            .map_err(preset_error)?;
        Ok(GraphSettingsView::from(&applied))
    })
    .await
}

/// Removes the preset `name`.
#[tauri::command]
pub async fn delete_graph_preset(
    state: State<'_, AppState>,
    name: String,
) -> Result<Vec<String>, ApiError> {
    with_session(state, move |s| {
        let root = s.vault().root();
        hanji_core::settings::graph::delete_preset(root, &name).map_err(preset_error)?;
        Ok(hanji_core::settings::graph::presets(root))
    })
    .await
}
