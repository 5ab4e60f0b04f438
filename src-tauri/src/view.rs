//! The reading view's command: a note rendered by `hanji-render`, with the
//! vault answering the renderer's questions (which file a link names, the
//! text of an embedded note or section, the `vault:` URL of an image). The
//! renderer sanitizes the HTML; this module adds nothing to it.

use hanji_core::query::section_text;
use hanji_core::{Node, Note, Vault};
use hanji_render::{render_note, Context, Rendered, Resolved};
use tauri::State;

use crate::commands::{note_at, with_session};
use crate::dto::{ApiError, Fragment, NotePreview, NoteView, OutlineItem, Property};
use crate::state::AppState;

/// The renderer's view of the vault, from one note's folder.
struct VaultContext<'v> {
    vault: &'v Vault,
    source_dir: String,
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
        crate::assets::url_of(vault_path)
    }
}

/// One note, rendered: sanitized HTML, front-matter properties, outline and
/// tags.
#[tauri::command]
pub async fn note_view(state: State<'_, AppState>, path: String) -> Result<NoteView, ApiError> {
    with_session(state, move |s| view_of(s.vault(), &path)).await
}

/// `text` rendered as written in `note`: links and embeds resolved from its
/// folder. The reading view and the editor's fragments both render here.
fn render_in(vault: &Vault, note: &Note, text: &str) -> Rendered {
    render_note(text, &VaultContext { vault, source_dir: note.path.parent().to_owned() })
}

fn properties_of(r: &mut Rendered) -> Vec<Property> {
    let front = r.tags.get(..r.front_tags).unwrap_or_default();
    std::mem::take(&mut r.properties)
        .into_iter()
        .map(|(key, value)| {
            let tags = if hanji_syntax::frontmatter::is_tags_key(&key) {
                front.to_vec()
            } else {
                Vec::new()
            };
            Property { key, value, tags }
        })
        .collect()
}

pub fn view_of(vault: &Vault, path: &str) -> Result<NoteView, ApiError> {
    let id = note_at(vault, path)?;
    let note = vault.note(id);
    let text = vault
        .read_text(id)
        .ok_or_else(|| ApiError::new("vault_unreadable", format!("cannot read {path}")))?;
    let mut r = render_in(vault, note, &text);
    let properties = properties_of(&mut r);
    Ok(NoteView {
        path: note.path.to_string(),
        title: note.title.clone(),
        html: r.html,
        properties,
        outline: r
            .outline
            .into_iter()
            .map(|o| OutlineItem { level: o.level, text: o.text, anchor: o.anchor, line: o.line })
            .collect(),
        tags: r.tags,
    })
}

/// `text` rendered as if written in the note at `from` (its links and
/// embeds resolved from that note's folder): what the editor's live preview
/// shows for an embed, a table or a callout, exactly as the reading view
/// would render it.
#[tauri::command]
pub async fn render_fragment(
    state: State<'_, AppState>,
    from: String,
    text: String,
) -> Result<Fragment, ApiError> {
    with_session(state, move |s| fragment_of(s.vault(), &from, &text)).await
}

pub fn fragment_of(vault: &Vault, from: &str, text: &str) -> Result<Fragment, ApiError> {
    let mut r = render_in(vault, vault.note(note_at(vault, from)?), text);
    let properties = properties_of(&mut r);
    Ok(Fragment { html: r.html, properties })
}

/// A page preview: the note `path`, or the heading or block whose element
/// id (a rendered link's `data-anchor`) is `anchor`.
#[tauri::command]
pub async fn note_preview(
    state: State<'_, AppState>,
    path: String,
    anchor: Option<String>,
) -> Result<NotePreview, ApiError> {
    with_session(state, move |s| preview_of(s.vault(), &path, anchor.as_deref())).await
}

pub fn preview_of(
    vault: &Vault,
    path: &str,
    anchor: Option<&str>,
) -> Result<NotePreview, ApiError> {
    let whole = view_of(vault, path)?;
    let part = anchor.filter(|a| !a.is_empty()).and_then(|a| part_of(vault, &whole, a));
    Ok(match part {
        None => NotePreview {
            path: whole.path,
            title: whole.title,
            part: None,
            html: whole.html,
            properties: whole.properties,
        },
        Some((name, text)) => {
            let note = vault.note(note_at(vault, path)?);
            NotePreview {
                path: whole.path,
                title: whole.title,
                part: Some(name),
                html: render_in(vault, note, &text).html,
                properties: Vec::new(),
            }
        }
    })
}

/// The Markdown of the part `anchor` names, and its name. A heading is
/// found by the rendered outline's own ids (so a repeated heading's `-1` is
/// the second one, as the reading view numbers them), and runs to the next
/// heading of its level or above; a block is its line.
fn part_of(vault: &Vault, whole: &NoteView, anchor: &str) -> Option<(String, String)> {
    let id = note_at(vault, &whole.path).ok()?;
    let text = vault.read_text(id)?;
    if anchor.starts_with('^') {
        return section_text(vault.note(id), &text, anchor).map(|t| (anchor.to_owned(), t));
    }
    let k = whole.outline.iter().position(|o| o.anchor == anchor)?;
    let heading = &whole.outline[k];
    let lines: Vec<&str> = hanji_syntax::lines::lines(&text).collect();
    let start = (heading.line as usize).checked_sub(1)?;
    let end = whole.outline[k + 1..]
        .iter()
        .find(|o| o.level <= heading.level)
        .map_or(lines.len(), |o| (o.line as usize).saturating_sub(1));
    Some((heading.text.clone(), lines.get(start..end.clamp(start, lines.len()))?.join("\n")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commands::sample_vault as sample;

    #[test]
    fn a_note_renders_with_resolved_links_and_vault_images() {
        let v = sample();
        let view = view_of(&v, "Interview/Redis.md").expect("renders");
        assert_eq!(view.title, "Redis 면접 질문");
        assert!(view.html.contains(r#"data-path="CS/Redis.md""#), "{}", view.html);
        assert!(!view.outline.is_empty());
        let dev = view_of(&v, "Interview/Developer.md").expect("renders");
        assert!(
            dev.html.contains("src=\"vault://localhost/Attachments%2F"),
            "images use the vault scheme with vault paths: {}",
            dev.html
        );
        assert!(dev.tags.iter().any(|t| t == "면접"), "{:?}", dev.tags);
        assert_eq!(view_of(&v, "Missing.md").map_err(|e| e.code), Err("note_not_found"));
    }

    /// Issue 16: a page preview shows the section or block a link names,
    /// found by the ids the reading view gives them; the whole note when
    /// the anchor names nothing (or there is none).
    #[test]
    fn a_preview_shows_the_part_a_link_names() {
        let v = sample();
        let whole = preview_of(&v, "CS/Redis.md", None).expect("renders");
        assert_eq!((whole.title.as_str(), whole.part.as_deref()), ("Redis 개념 정리", None));
        assert!(whole.html.contains("Single Thread") && !whole.properties.is_empty());
        // The anchor a rendered `[[CS/Redis#자료구조]]` carries.
        let link = view_of(&v, "Interview/Redis.md").expect("renders");
        let anchor = link
            .html
            .split(r#"data-path="CS/Redis.md" data-anchor=""#)
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .expect("the link to the section");
        let part = preview_of(&v, "CS/Redis.md", Some(anchor)).expect("renders");
        assert_eq!(part.part.as_deref(), Some("자료구조"));
        assert!(part.html.contains("Sorted Set"), "{}", part.html);
        assert!(
            !part.html.contains("Single Thread"),
            "the next section is left out: {}",
            part.html
        );
        assert!(part.properties.is_empty());
        let block = preview_of(&v, "Interview/Redis.md", Some("^redlock-answer")).expect("renders");
        assert_eq!(block.part.as_deref(), Some("^redlock-answer"));
        assert!(
            block.html.contains("fencing token") && !block.html.contains("<h"),
            "{}",
            block.html
        );
        let missing = preview_of(&v, "CS/Redis.md", Some("no-such-heading")).expect("renders");
        assert_eq!((missing.part, missing.html), (None, whole.html));
        assert_eq!(preview_of(&v, "Missing.md", None).map_err(|e| e.code), Err("note_not_found"));
    }

    /// Issue 11, security: the web view's CSP and the sanitizer agree on
    /// image sources. The CSP's `img-src` is the app's own files and the
    /// vault scheme, nothing else; every image the renderer hands over comes
    /// from the vault scheme, and a remote or `data:` image in a note (raw
    /// HTML or Markdown) keeps no source.
    #[test]
    fn the_csp_and_the_sanitizer_agree_on_image_sources() {
        let conf: serde_json::Value =
            serde_json::from_str(include_str!("../../tauri.conf.json")).expect("valid config");
        let img_src = conf["app"]["security"]["csp"]["img-src"].as_str().expect("img-src set");
        let mut sources: Vec<&str> = img_src.split_whitespace().collect();
        sources.sort_unstable();
        assert_eq!(sources, ["'self'", "http://vault.localhost", "vault:"]);

        let v = sample();
        for path in ["Interview/Developer.md", "Interview/Redis.md"] {
            let html = view_of(&v, path).expect("renders").html;
            for src in html.split(r#"<img src=""#).skip(1) {
                assert!(src.starts_with("vault://localhost/"), "{path}: an image from {src:.60}");
            }
        }
        let note = "![](https://e.vil/a.png) <img src=\"https://e.vil/b.gif\"> \
                    <img src=\"data:image/png;base64,AAAA\"> ![[nowhere.png]]";
        let html = hanji_render::render_note(note, &NoContext).html;
        assert!(!html.contains("src="), "no source kept: {html}");
        assert!(html.contains(r#"href="https://e.vil/a.png""#), "a remote image is a link: {html}");
    }

    #[test]
    fn a_fragment_renders_as_part_of_its_note() {
        let v = sample();
        let f = fragment_of(
            &v,
            "Interview/Developer.md",
            "![[CS/Redis#Single Thread]]\n\n| a | b |\n|---|---|\n| 1 | [[Redis]] |",
        )
        .expect("renders");
        assert!(f.html.contains(r#"class="embed""#), "{}", f.html);
        assert!(f.html.contains("<table>"), "{}", f.html);
        assert!(f.properties.is_empty());
        let props = fragment_of(&v, "CS/Redis.md", "---\ntags: [a, b]\n---\n").expect("renders");
        assert_eq!(
            props.properties,
            [Property {
                key: "tags".into(),
                value: "a, b".into(),
                tags: vec!["a".into(), "b".into()]
            }]
        );
        assert_eq!(fragment_of(&v, "Missing.md", "x").map_err(|e| e.code), Err("note_not_found"));
    }

    struct NoContext;
    impl hanji_render::Context for NoContext {
        fn resolve(&self, _: &str) -> hanji_render::Resolved {
            hanji_render::Resolved::Unresolved
        }
        fn embed_text(&self, _: &str, _: Option<&str>) -> Option<String> {
            None
        }
        fn asset_url(&self, vault_path: &str) -> String {
            format!("vault://localhost/{vault_path}")
        }
    }
}
