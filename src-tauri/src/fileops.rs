//! The file operations' commands: preview a rename, move or delete
//! (`plan_operation`), carry it out (`apply_operation`), undo the last one
//! (`undo_operation`, `undo_info`) and create a note (`create_note`).
//! Thin: the live session plans (every link kept, proved), applies
//! all-or-nothing and publishes what changed; this module converts paths
//! and plans to their DTOs. Paths from the UI are vault paths, checked as
//! such by the core.

use hanji_core::ops::{Operation, Plan};
use hanji_core::path::VaultPath;
use tauri::State;

use crate::commands::{with_live, with_session};
use crate::dto::{
    hash_text, ApiError, CreatedNote, OperationArg, PlanMove, PlanNote, PlanView, UndoInfo,
};
use crate::state::AppState;

fn vault_path(p: &str) -> Result<VaultPath, ApiError> {
    VaultPath::new(p)
        .ok_or_else(|| ApiError::new("bad_name", format!("{p:?} is not a path in the vault")))
}

fn operation(op: &OperationArg) -> Result<Operation, ApiError> {
    Ok(match op {
        OperationArg::Move { from, to } => {
            Operation::Move { from: vault_path(from)?, to: vault_path(to)? }
        }
        OperationArg::Delete { path } => Operation::Delete { path: vault_path(path)? },
        OperationArg::RenameHeading { note, old, new } => {
            Operation::RenameHeading { note: vault_path(note)?, old: old.clone(), new: new.clone() }
        }
        OperationArg::Relink { pairs } => Operation::Relink {
            pairs: pairs
                .iter()
                .map(|[was, now]| Ok((vault_path(was)?, vault_path(now)?)))
                .collect::<Result<_, ApiError>>()?,
        },
    })
}

/// The DTO of a plan.
pub fn view(plan: &Plan) -> PlanView {
    let label = plan.operation.label();
    PlanView {
        label,
        moves: plan
            .moves
            .iter()
            .map(|(f, t)| PlanMove { from: f.to_string(), to: t.to_string() })
            .collect(),
        deletes: plan.deletes.iter().map(|d| d.to_string()).collect(),
        notes: plan
            .notes
            .iter()
            .map(|n| PlanNote {
                path: n.path.to_string(),
                path_after: n.path_after.to_string(),
                count: n.edits.len() as u32,
            })
            .collect(),
        edit_count: plan.edit_count() as u32,
        adopted: plan.adopted as u32,
        unresolved: plan.unresolved as u32,
        always_update_links: false,
    }
}

/// What `op` would do; changes nothing.
#[tauri::command]
pub async fn plan_operation(
    state: State<'_, AppState>,
    op: OperationArg,
) -> Result<PlanView, ApiError> {
    with_session(state, move |s| {
        let op = operation(&op)?;
        let always_update_links = s.settings().0.always_update_links;
        Ok(PlanView { always_update_links, ..view(&s.plan(&op)?) })
    })
    .await
}

/// Carries `op` out, all-or-nothing; answers what it did.
#[tauri::command]
pub async fn apply_operation(
    state: State<'_, AppState>,
    op: OperationArg,
) -> Result<PlanView, ApiError> {
    with_live(state, move |live| Ok(view(&live.operate(&operation(&op)?)?.plan))).await
}

/// Undoes the last file operation; answers what it was.
#[tauri::command]
pub async fn undo_operation(state: State<'_, AppState>) -> Result<UndoInfo, ApiError> {
    with_live(state, |live| Ok(UndoInfo { label: Some(live.undo()?) })).await
}

/// What `undo_operation` would undo.
#[tauri::command]
pub async fn undo_info(state: State<'_, AppState>) -> Result<UndoInfo, ApiError> {
    with_live(state, |live| Ok(UndoInfo { label: live.undo_label()? })).await
}

/// Creates an empty note at `path` (with its folders); `exists` when the
/// path is taken.
#[tauri::command]
pub async fn create_note(
    state: State<'_, AppState>,
    path: String,
) -> Result<CreatedNote, ApiError> {
    with_live(state, move |live| {
        let saved = live.create_note(&path)?;
        Ok(CreatedNote { path, hash: hash_text(saved.hash) })
    })
    .await
}

/// The folder a new note goes to, per `newFileLocation` in
/// `.obsidian/app.json`: the root, the folder of `current` (the note open
/// now), or the folder the setting names.
#[tauri::command]
pub async fn new_note_folder(
    state: State<'_, AppState>,
    current: Option<String>,
) -> Result<String, ApiError> {
    with_session(state, move |s| Ok(s.settings().0.new_file_location.folder(current.as_deref())))
        .await
}
