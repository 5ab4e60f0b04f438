//! The workspace commands: the panes and open tabs of a vault, kept in its
//! cache folder between runs (`hanji_live::Workspace`). Thin: conversion
//! only.

use hanji_live::{LayoutNode, PaneTabs, SplitDir, TabPlaces, Workspace};
use tauri::State;

use crate::commands::with_session;
use crate::dto::{ApiError, LayoutNodeView, PaneTabsView, TabPlacesView, WorkspaceView};
use crate::state::AppState;

/// The panes and tabs kept when the vault was last open; none the first time.
#[tauri::command]
pub async fn workspace(state: State<'_, AppState>) -> Result<Option<WorkspaceView>, ApiError> {
    with_session(state, |s| Ok(s.workspace().map(view_of))).await
}

/// Keeps the panes and tabs for the next time the vault opens.
#[tauri::command]
pub async fn save_workspace(
    state: State<'_, AppState>,
    workspace: WorkspaceView,
) -> Result<(), ApiError> {
    with_session(state, move |s| {
        let w = workspace_of(workspace)?;
        s.save_workspace(&w)
            .map_err(|e| ApiError::new("save_failed", format!("the open tabs were not kept: {e}")))
    })
    .await
}

fn view_of(w: Workspace) -> WorkspaceView {
    WorkspaceView {
        panes: w
            .panes
            .into_iter()
            .map(|p| PaneTabsView {
                tabs: p
                    .tabs
                    .into_iter()
                    .map(|t| TabPlacesView { paths: t.paths, scrolls: t.scrolls, index: t.index })
                    .collect(),
                active: p.active,
            })
            .collect(),
        layout: w
            .layout
            .into_iter()
            .map(|n| LayoutNodeView {
                dir: n.dir.map(|d| match d {
                    SplitDir::Row => "row".to_owned(),
                    SplitDir::Column => "column".to_owned(),
                }),
                children: n.children,
                sizes: n.sizes,
            })
            .collect(),
        active: w.active,
        recent: w.recent,
    }
}

fn workspace_of(w: WorkspaceView) -> Result<Workspace, ApiError> {
    let layout = w
        .layout
        .into_iter()
        .map(|n| {
            let dir = match n.dir.as_deref() {
                None => None,
                Some("row") => Some(SplitDir::Row),
                Some("column") => Some(SplitDir::Column),
                Some(other) => {
                    return Err(ApiError::new(
                        "save_failed",
                        format!("the open tabs were not kept: a split goes {other:?}"),
                    ))
                }
            };
            Ok(LayoutNode { dir, children: n.children, sizes: n.sizes })
        })
        .collect::<Result<_, _>>()?;
    Ok(Workspace {
        panes: w
            .panes
            .into_iter()
            .map(|p| PaneTabs {
                tabs: p
                    .tabs
                    .into_iter()
                    .map(|t| TabPlaces { paths: t.paths, scrolls: t.scrolls, index: t.index })
                    .collect(),
                active: p.active,
            })
            .collect(),
        layout,
        active: w.active,
        recent: w.recent,
    })
}
