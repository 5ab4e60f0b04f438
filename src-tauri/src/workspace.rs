//! The workspace commands: the open tabs of a vault, kept in its cache
//! folder between runs (`hanji_live::Workspace`). Thin: conversion only.

use tauri::State;

use crate::commands::with_session;
use crate::dto::{ApiError, TabPlacesView, WorkspaceView};
use crate::state::AppState;

/// The tabs kept when the vault was last open; none the first time.
#[tauri::command]
pub async fn workspace(state: State<'_, AppState>) -> Result<Option<WorkspaceView>, ApiError> {
    with_session(state, |s| {
        Ok(s.workspace().map(|w| WorkspaceView {
            tabs: w
                .tabs
                .into_iter()
                .map(|t| TabPlacesView { paths: t.paths, scrolls: t.scrolls, index: t.index })
                .collect(),
            active: w.active,
            recent: w.recent,
        }))
    })
    .await
}

/// Keeps the open tabs for the next time the vault opens.
#[tauri::command]
pub async fn save_workspace(
    state: State<'_, AppState>,
    workspace: WorkspaceView,
) -> Result<(), ApiError> {
    with_session(state, move |s| {
        let w = hanji_live::Workspace {
            tabs: workspace
                .tabs
                .into_iter()
                .map(|t| hanji_live::TabPlaces {
                    paths: t.paths,
                    scrolls: t.scrolls,
                    index: t.index,
                })
                .collect(),
            active: workspace.active,
            recent: workspace.recent,
        };
        s.save_workspace(&w)
            .map_err(|e| ApiError::new("save_failed", format!("the open tabs were not kept: {e}")))
    })
    .await
}
