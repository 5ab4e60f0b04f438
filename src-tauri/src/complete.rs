//! The editor's link commands: the link text to insert for a chosen file
//! (`link_texts`), the headings and block ids a `[[Note#` can name
//! (`note_anchors`), and where a link leads when Ctrl+clicked
//! (`resolve_link`). Thin: the core's resolver decides both, so what the
//! editor inserts is what every other part of the app will resolve; nothing
//! here guesses a link or writes anything.

use hanji_core::query::section_text;
use hanji_core::{Node, Vault};
use tauri::State;

use crate::commands::{note_at, with_session};
use crate::dto::{AnchorBlock, AnchorHeading, ApiError, LinkTarget, LinkTexts, NoteAnchors};
use crate::state::AppState;
use hanji_core::settings::LinkFormat;
use hanji_syntax::heading;
use hanji_syntax::link::{clean_wiki_dest, split_anchor};

/// The text a new link from the note `from` writes for each of `targets`
/// (vault paths of notes or attachments), in order, as `.obsidian/app.json`
/// says (`newLinkFormat`, `useMarkdownLinks`); `note_not_found` when `from`
/// or a target is not in the vault.
#[tauri::command]
pub async fn link_texts(
    state: State<'_, AppState>,
    from: String,
    targets: Vec<String>,
) -> Result<LinkTexts, ApiError> {
    with_session(state, move |s| {
        let settings = s.settings().0;
        let markdown = settings.use_markdown_links;
        let texts = texts_of(s.vault(), &from, &targets, settings.new_link_format, markdown)?;
        Ok(LinkTexts { markdown, texts })
    })
    .await
}

pub fn texts_of(
    vault: &Vault,
    from: &str,
    targets: &[String],
    format: LinkFormat,
    markdown: bool,
) -> Result<Vec<String>, ApiError> {
    let dir = vault.note(note_at(vault, from)?).path.parent().to_owned();
    targets
        .iter()
        .map(|t| {
            vault.new_link_path(&dir, t, format, markdown).ok_or_else(|| {
                ApiError::new("note_not_found", format!("{t} is not a file of the vault"))
            })
        })
        .collect()
}

/// The headings and block ids of the note that `link` (a link's path as
/// written, without `#`) names from the note `from`; `""` names `from`
/// itself, as `[[#Heading]]` does. `None` when it names no note.
#[tauri::command]
pub async fn note_anchors(
    state: State<'_, AppState>,
    from: String,
    link: String,
) -> Result<Option<NoteAnchors>, ApiError> {
    with_session(state, move |s| anchors_of(s.vault(), &from, &link)).await
}

pub fn anchors_of(vault: &Vault, from: &str, link: &str) -> Result<Option<NoteAnchors>, ApiError> {
    let source = note_at(vault, from)?;
    let id = if link.trim().is_empty() {
        source
    } else {
        match vault.resolve_from(vault.note(source).path.parent(), link) {
            Some(Node::Note(id)) => id,
            _ => return Ok(None),
        }
    };
    let note = vault.note(id);
    let headings = note
        .headings
        .iter()
        .map(|h| AnchorHeading {
            level: h.level,
            text: h.text.to_string(),
            link: heading::link_text(&h.text),
        })
        .collect();
    // The block's line is read from the file: the vault keeps no note text.
    let text = vault.read_text(id).unwrap_or_default();
    let blocks = note
        .block_ids
        .iter()
        .map(|b| AnchorBlock {
            id: b.id.to_string(),
            text: section_text(note, &text, &format!("^{}", b.id)).unwrap_or_default(),
        })
        .collect();
    Ok(Some(NoteAnchors { path: note.path.to_string(), headings, blocks }))
}

/// Where the link text `link` (a wiki-link's inside before `|`, such as
/// `Redis#Persistence`) written in the note `from` leads: a file and the
/// element id of its anchor; `None` when it names no file.
#[tauri::command]
pub async fn resolve_link(
    state: State<'_, AppState>,
    from: String,
    link: String,
) -> Result<Option<LinkTarget>, ApiError> {
    with_session(state, move |s| target_of(s.vault(), &from, &link)).await
}

pub fn target_of(vault: &Vault, from: &str, link: &str) -> Result<Option<LinkTarget>, ApiError> {
    let source = vault.note(note_at(vault, from)?);
    let (dest, anchor) = split_anchor(clean_wiki_dest(link));
    let path = if dest.trim().is_empty() {
        source.path.to_string()
    } else {
        match vault.resolve_from(source.path.parent(), dest) {
            Some(node) => vault.node_path(node).to_owned(),
            None => return Ok(None),
        }
    };
    Ok(Some(LinkTarget { path, anchor: anchor.map(|a| a.element_id()) }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commands::sample_vault as sample;

    #[test]
    fn link_texts_are_the_shortest_that_resolve_back() {
        let v = sample();
        let from = "Interview/Redis.md";
        let targets: Vec<String> =
            ["CS/Redis.md", "Interview/Developer.md"].map(String::from).into();
        let texts = texts_of(&v, from, &targets, LinkFormat::Shortest, false).expect("both exist");
        // Two notes are called Redis: the name alone would be ambiguous.
        assert_eq!(texts[0], "CS/Redis");
        for (text, target) in texts.iter().zip(&targets) {
            let node = v.resolve_from("Interview", text).expect("resolves");
            assert_eq!(v.node_path(node), target);
        }
        let missing = texts_of(&v, from, &["Nowhere.md".to_owned()], LinkFormat::Shortest, false)
            .map_err(|e| e.code);
        assert_eq!(missing, Err("note_not_found"));
        let md = texts_of(&v, from, &targets, LinkFormat::Absolute, true).expect("both exist");
        assert_eq!(md, ["CS/Redis.md", "Interview/Developer.md"]);
    }

    #[test]
    fn links_lead_to_a_file_and_the_element_of_their_anchor() {
        let v = sample();
        let from = "Interview/Developer.md";
        let t = target_of(&v, from, "CS/Redis#Single Thread").expect("from exists");
        let t = t.expect("resolves");
        assert_eq!((t.path.as_str(), t.anchor.as_deref()), ("CS/Redis.md", Some("single-thread")));
        let own = target_of(&v, from, "#^x").expect("exists").expect("itself");
        assert_eq!((own.path.as_str(), own.anchor.as_deref()), (from, Some("^x")));
        assert_eq!(target_of(&v, from, "Nowhere").expect("from exists"), None);
    }

    #[test]
    fn anchors_are_the_named_notes_headings_and_blocks() {
        let v = sample();
        let a = anchors_of(&v, "Interview/Developer.md", "CS/Redis").expect("from exists");
        let a = a.expect("resolves");
        assert_eq!(a.path, "CS/Redis.md");
        assert!(!a.headings.is_empty());
        let own = anchors_of(&v, "CS/Redis.md", "").expect("exists").expect("itself");
        assert_eq!(own.headings, a.headings);
        let answers =
            anchors_of(&v, "CS/Redis.md", "Interview/Redis").expect("exists").expect("found");
        let block = answers.blocks.iter().find(|b| b.id == "redlock-answer").expect("the block");
        assert!(block.text.starts_with("- Redlock") && !block.text.contains('^'), "{block:?}");
        assert_eq!(anchors_of(&v, "CS/Redis.md", "Nowhere").expect("from exists"), None);
    }
}
