//! The reading view's command: a note rendered by `hanji-render`, with the
//! vault answering the renderer's questions (which file a link names, the
//! text of an embedded note or section, the asset URL of an image). The
//! renderer sanitizes the HTML; this module adds nothing to it.

use std::path::Path;

use hanji_core::{Node, Vault};
use hanji_render::{render_note, Context, Resolved};
use percent_encoding::{utf8_percent_encode, NON_ALPHANUMERIC};
use tauri::State;

use crate::commands::{node_at, note_at, with_session};
use crate::dto::{ApiError, NoteView, OutlineItem, Property};
use crate::state::AppState;

/// The renderer's view of the vault, from one note's folder.
struct VaultContext<'v> {
    vault: &'v Vault,
    source_dir: String,
}

/// The URL under which the web view's asset protocol serves `file` (what
/// Tauri's `convertFileSrc` gives in the UI).
pub fn asset_url(file: &Path) -> String {
    let abs = std::path::absolute(file).unwrap_or_else(|_| file.to_owned());
    let encoded = utf8_percent_encode(&abs.to_string_lossy(), NON_ALPHANUMERIC).to_string();
    if cfg!(windows) {
        format!("http://asset.localhost/{encoded}")
    } else {
        format!("asset://localhost/{encoded}")
    }
}

impl Context for VaultContext<'_> {
    fn resolve(&self, path: &str) -> Resolved {
        match self.vault.resolve_from(&self.source_dir, path) {
            Some(Node::Note(id)) => Resolved::Note { path: self.vault.note(id).path.to_string() },
            Some(Node::Attachment(a)) => {
                Resolved::Attachment { path: self.vault.attachment(a).path.to_string() }
            }
            _ => Resolved::Unresolved,
        }
    }

    fn embed_text(&self, vault_path: &str, anchor: Option<&str>) -> Option<String> {
        let id = note_at(self.vault, vault_path).ok()?;
        self.vault.embed_text(id, anchor)
    }

    fn asset_url(&self, vault_path: &str) -> String {
        let disk = match node_at(self.vault, vault_path) {
            Some(Node::Attachment(a)) => self.vault.attachment(a).disk_path.clone(),
            Some(Node::Note(id)) => self.vault.disk_path(id),
            _ => self.vault.root().join(vault_path),
        };
        asset_url(&disk)
    }
}

/// One note, rendered: sanitized HTML, front-matter properties, outline and
/// tags.
#[tauri::command]
pub async fn note_view(state: State<'_, AppState>, path: String) -> Result<NoteView, ApiError> {
    with_session(state, move |s| view_of(s.vault(), &path)).await
}

pub fn view_of(vault: &Vault, path: &str) -> Result<NoteView, ApiError> {
    let id = note_at(vault, path)?;
    let note = vault.note(id);
    let text = vault
        .read_text(id)
        .ok_or_else(|| ApiError::new("vault_unreadable", format!("cannot read {path}")))?;
    let ctx = VaultContext { vault, source_dir: note.path.parent().to_owned() };
    let r = render_note(&text, &ctx);
    Ok(NoteView {
        path: note.path.to_string(),
        title: note.title.clone(),
        html: r.html,
        properties: r.properties.into_iter().map(|(key, value)| Property { key, value }).collect(),
        outline: r
            .outline
            .into_iter()
            .map(|o| OutlineItem { level: o.level, text: o.text, anchor: o.anchor, line: o.line })
            .collect(),
        tags: r.tags,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vault {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("vault-sample");
        Vault::load(dir).expect("vault-sample loads")
    }

    #[test]
    fn a_note_renders_with_resolved_links_and_asset_images() {
        let v = sample();
        let view = view_of(&v, "Interview/Redis.md").expect("renders");
        assert_eq!(view.title, "Redis 면접 질문");
        assert!(view.html.contains(r#"data-path="CS/Redis.md""#), "{}", view.html);
        assert!(!view.outline.is_empty());
        let dev = view_of(&v, "Interview/Developer.md").expect("renders");
        assert!(dev.html.contains("src=\"asset://localhost/"), "images use the asset protocol");
        assert!(dev.tags.iter().any(|t| t == "면접"), "{:?}", dev.tags);
        assert_eq!(view_of(&v, "Missing.md").map_err(|e| e.code), Err("note_not_found"));
    }

    #[test]
    #[cfg(unix)]
    fn asset_urls_encode_the_whole_path() {
        assert_eq!(
            asset_url(Path::new("/v/사진 1.png")),
            "asset://localhost/%2Fv%2F%EC%82%AC%EC%A7%84%201%2Epng"
        );
    }
}
