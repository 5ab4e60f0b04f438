//! Tauri commands: thin adapters from the web view to `hanji-core`.
//!
//! Each command's permission is declared in `src-tauri/permissions/` and granted in
//! `src-tauri/capabilities/`; a command missing there cannot be invoked.

use std::path::Path;

use serde::Serialize;
use tauri::State;

use crate::OpenVault;

/// What the window shows about the open vault (the `vault_summary` command's answer).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VaultSummary {
    /// The vault's root folder.
    pub root: String,
    /// Number of Markdown notes.
    pub notes: usize,
    /// Number of other files (images, PDFs, ...).
    pub attachments: usize,
    /// Number of links between notes.
    pub links: usize,
}

/// Loads the vault at `dir` and counts its notes, attachments and links.
pub fn summarize(dir: &Path) -> Result<VaultSummary, String> {
    let vault = hanji_core::Vault::load(dir).map_err(|error| error.to_string())?;
    let stats = vault.stats();
    Ok(VaultSummary {
        root: dir.display().to_string(),
        notes: stats.notes,
        attachments: stats.attachments,
        links: stats.links,
    })
}

/// Summarizes the open vault. Loading reads every note, so it runs on a blocking thread,
/// away from the UI thread.
#[tauri::command]
pub async fn vault_summary(vault: State<'_, OpenVault>) -> Result<VaultSummary, String> {
    let dir = vault.dir().to_path_buf();
    tauri::async_runtime::spawn_blocking(move || summarize(&dir))
        .await
        .map_err(|error| format!("loading the vault failed: {error}"))?
}
