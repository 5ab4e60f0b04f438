//! Tauri commands: thin adapters from the web view to the core. Each takes
//! its arguments, asks the open session, and converts the answer to a DTO
//! (`dto.rs`); vault logic stays in the core. Work that reads files runs on
//! a blocking thread, never on the UI thread.
//!
//! Each command's permission is declared in `src-tauri/permissions/` and granted in
//! `src-tauri/capabilities/`; a command missing there cannot be invoked.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::Ordering;

use hanji_core::{Node, NoteId, Target, Vault};
use hanji_live::Session;
use tauri::{AppHandle, State};

use crate::dto::{
    ApiError, LinkedPage, Mention, NoteRef, OutgoingLink, SearchHit, SearchLine, SearchResults,
    SwitcherItem, TagCount, TreeNode, VaultInfo,
};
use crate::state::{self, AppState};

/// The most source notes one page of linked mentions may hold.
const PAGE_MAX: usize = 500;
/// The most search hits one call returns (the UI asks for up to 1,000).
const SEARCH_MAX: usize = 1000;

/// Runs `f` on the open session, on a blocking thread: waiting for a vault
/// that is still opening happens there too, never on a runtime worker.
pub(crate) async fn with_session<T, F>(state: State<'_, AppState>, f: F) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce(&Session) -> Result<T, ApiError> + Send + 'static,
{
    let state = state.inner().clone();
    tauri::async_runtime::spawn_blocking(move || f(&*state.session()?.read()?))
        .await
        .map_err(|e| ApiError::new("internal", format!("the command failed: {e}")))?
}

/// Runs `f` on the open live session itself (for the commands that change
/// the vault: the session takes its own writer lock), on a blocking thread.
pub(crate) async fn with_live<T, F>(state: State<'_, AppState>, f: F) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce(&hanji_live::LiveSession) -> Result<T, ApiError> + Send + 'static,
{
    let state = state.inner().clone();
    tauri::async_runtime::spawn_blocking(move || f(&*state.session()?))
        .await
        .map_err(|e| ApiError::new("internal", format!("the command failed: {e}")))?
}

/// The note at a vault path (as the DTOs give them), exactly.
pub(crate) fn note_at(vault: &Vault, path: &str) -> Result<NoteId, ApiError> {
    match node_at(vault, path) {
        Some(Node::Note(id)) if vault.note(id).path.as_str() == path => Ok(id),
        _ => Err(ApiError::note_not_found(path)),
    }
}

fn note_ref(vault: &Vault, id: NoteId) -> NoteRef {
    let n = vault.note(id);
    NoteRef { path: n.path.to_string(), title: n.title.clone() }
}

pub fn vault_info_of(vault: &Vault) -> VaultInfo {
    let stats = vault.stats();
    let root = vault.root();
    VaultInfo {
        root: root.display().to_string(),
        name: root
            .file_name()
            .map_or_else(|| root.display().to_string(), |n| n.to_string_lossy().into_owned()),
        notes: stats.notes,
        attachments: stats.attachments,
        links: stats.links,
        tags: stats.tags,
    }
}

/// Opens the vault at `path` (or reopens the current one when `path` is
/// null), reporting progress as `vault://progress` events. Only a folder
/// the user chose may be opened (the command line's, one picked in the
/// folder dialog, or one from the recent list): any other path is refused
/// with `not_allowed`, so a script in the web view cannot open `/`.
#[tauri::command]
pub async fn open_vault(
    app: AppHandle,
    state: State<'_, AppState>,
    path: Option<String>,
) -> Result<VaultInfo, ApiError> {
    let shared = state.inner().clone();
    let handle = app.clone();
    tauri::async_runtime::spawn_blocking(move || {
        let dir = match path {
            Some(p) => {
                let dir = PathBuf::from(&p);
                if !shared.may_open(&dir, &state::recent(&handle)) {
                    return Err(ApiError::new(
                        "not_allowed",
                        format!("{p} was not chosen in the folder dialog or the recent list"),
                    ));
                }
                dir
            }
            None => shared.session()?.read()?.vault().root().to_owned(),
        };
        state::open(&handle, &dir)
    })
    .await
    .map_err(|e| ApiError::new("internal", format!("opening failed: {e}")))??;
    with_session(state, |s| Ok(vault_info_of(s.vault()))).await
}

#[tauri::command]
pub async fn vault_info(state: State<'_, AppState>) -> Result<VaultInfo, ApiError> {
    with_session(state, |s| Ok(vault_info_of(s.vault()))).await
}

#[tauri::command]
pub fn recent_vaults(app: AppHandle) -> Vec<String> {
    state::recent(&app)
}

/// Removes a vault from the recent list (its folder is left as it is).
#[tauri::command]
pub fn forget_vault(app: AppHandle, path: String) -> Vec<String> {
    state::forget(&app, &path)
}

/// Asks for a vault folder with the system's folder dialog; `None` when the
/// dialog was cancelled. Nothing is opened or allowed here: the UI then calls
/// `open_vault` with the answer. (The dialog plugin's own JavaScript command
/// is not granted: it would also add any folder picked to Tauri's asset
/// protocol scope, which can only grow.)
#[tauri::command]
pub async fn pick_vault_folder(
    app: AppHandle,
    state: State<'_, AppState>,
) -> Result<Option<String>, ApiError> {
    use tauri_plugin_dialog::DialogExt;
    let state = state.inner().clone();
    tauri::async_runtime::spawn_blocking(move || {
        let picked = app
            .dialog()
            .file()
            .set_title("Open a vault folder")
            .blocking_pick_folder()
            .and_then(|f| f.into_path().ok())?;
        // The user chose it: `open_vault` may open it now.
        state.offer(&picked);
        Some(picked.display().to_string())
    })
    .await
    .map_err(|e| ApiError::new("internal", format!("the folder dialog failed: {e}")))
}

/// Every note and attachment as a folder tree, folders first.
#[tauri::command]
pub async fn file_tree(state: State<'_, AppState>) -> Result<TreeNode, ApiError> {
    with_session(state, |s| Ok(tree_of(s.vault()))).await
}

pub fn tree_of(vault: &Vault) -> TreeNode {
    #[derive(Default)]
    struct Folder {
        folders: BTreeMap<String, Folder>,
        files: Vec<(String, String, bool)>,
    }
    let mut root = Folder::default();
    let files = vault
        .notes()
        .iter()
        .map(|n| (&n.path, true))
        .chain(vault.attachments().iter().map(|a| (&a.path, false)));
    for (path, is_note) in files {
        let mut folder = &mut root;
        let mut parts: Vec<&str> = path.as_str().split('/').collect();
        let name = parts.pop().unwrap_or_default();
        for part in parts {
            folder = folder.folders.entry(part.to_owned()).or_default();
        }
        folder.files.push((name.to_owned(), path.to_string(), is_note));
    }
    fn build(name: String, path: String, folder: Folder) -> TreeNode {
        let mut children: Vec<TreeNode> = folder
            .folders
            .into_iter()
            .map(|(n, f)| {
                let p = if path.is_empty() { n.clone() } else { format!("{path}/{n}") };
                build(n, p, f)
            })
            .collect();
        let mut files = folder.files;
        files.sort();
        children.extend(files.into_iter().map(|(name, path, is_note)| TreeNode {
            name,
            path,
            kind: if is_note { "note" } else { "attachment" },
            note_count: usize::from(is_note),
            file_count: 1,
            children: Vec::new(),
        }));
        let note_count = children.iter().map(|c| c.note_count).sum();
        let file_count = children.iter().map(|c| c.file_count).sum();
        TreeNode { name, path, kind: "folder", note_count, file_count, children }
    }
    let name =
        vault.root().file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    build(name, String::new(), root)
}

/// One page of the linked mentions of the note at `path`: the links from
/// `limit` source notes starting at `offset`, each with its context line,
/// and the totals. Only the page's notes are read from disk, so a note that
/// thousands of notes link to opens as fast as any other.
#[tauri::command]
pub async fn backlinks(
    state: State<'_, AppState>,
    path: String,
    offset: usize,
    limit: usize,
) -> Result<LinkedPage, ApiError> {
    with_session(state, move |s| {
        let v = s.vault();
        let id = note_at(v, &path)?;
        let sources = v.backlink_sources(id);
        let page: Vec<NoteId> =
            sources.iter().skip(offset).take(limit.min(PAGE_MAX)).map(|s| s.source).collect();
        let mentions = v
            .backlinks_from(id, &page)
            .into_iter()
            .map(|b| Mention {
                source: v.note(b.source).path.to_string(),
                source_title: v.note(b.source).title.clone(),
                line: b.link.link.pos.line,
                snippet: b.snippet.unwrap_or_default(),
                highlights: b.marks,
            })
            .collect();
        Ok(LinkedPage {
            notes: sources.len(),
            links: sources.iter().map(|s| s.links).sum(),
            offset,
            mentions,
        })
    })
    .await
}

/// Plain-text mentions of the note at `path` in other notes. This reads
/// every note, so it runs without holding the vault: a change arriving
/// meanwhile is not kept waiting. A newer call makes an older one still
/// running stop early and fail with `cancelled`.
#[tauri::command]
pub async fn unlinked_mentions(
    state: State<'_, AppState>,
    path: String,
) -> Result<Vec<Mention>, ApiError> {
    let state = state.inner().clone();
    let latest = state.unlinked_calls();
    let call = latest.fetch_add(1, Ordering::SeqCst) + 1;
    tauri::async_runtime::spawn_blocking(move || {
        let live = state.session()?;
        let (scan, excluded) = {
            let s = live.read()?;
            (s.vault().mention_scan(note_at(s.vault(), &path)?), s.settings().0.excluded)
        };
        let cancelled = || latest.load(Ordering::SeqCst) != call;
        let found = scan
            .run(&cancelled)
            .ok_or_else(|| ApiError::new("cancelled", "a newer request replaced this one"))?;
        // Titles are taken afresh; a note deleted meanwhile is left out.
        let s = live.read()?;
        let v = s.vault();
        Ok(found
            .into_iter()
            .filter_map(|m| {
                let source = scan.source_path(m.source)?;
                // Excluded files are no mentions, as in Obsidian.
                if excluded.contains(source) {
                    return None;
                }
                let id = note_at(v, source).ok()?;
                Some(Mention {
                    source: source.to_owned(),
                    source_title: v.note(id).title.clone(),
                    line: m.pos.line,
                    snippet: m.snippet,
                    highlights: m.marks,
                })
            })
            .collect())
    })
    .await
    .map_err(|e| ApiError::new("internal", format!("the command failed: {e}")))?
}

/// The note's links, in the order written, with what each resolved to.
#[tauri::command]
pub async fn outgoing(
    state: State<'_, AppState>,
    path: String,
) -> Result<Vec<OutgoingLink>, ApiError> {
    with_session(state, move |s| {
        let v = s.vault();
        let id = note_at(v, &path)?;
        Ok(v.note(id)
            .links
            .iter()
            .map(|l| {
                let (kind, path) = match l.target {
                    Target::Note { note, .. } => ("note", Some(v.note(note).path.to_string())),
                    Target::Attachment(a) => ("attachment", Some(v.attachment(a).path.to_string())),
                    Target::Unresolved { .. } => ("unresolved", None),
                };
                OutgoingLink {
                    target: l.link.target_text(),
                    path,
                    kind,
                    anchor: l.link.anchor.as_deref().map(crate::dto::link_anchor),
                    line: l.link.pos.line,
                }
            })
            .collect())
    })
    .await
}

#[tauri::command]
pub async fn tags(state: State<'_, AppState>) -> Result<Vec<TagCount>, ApiError> {
    with_session(state, |s| Ok(s.vault().tags().all().into_iter().map(TagCount::from).collect()))
        .await
}

/// Notes carrying `tag` or a tag nested under it, in path order, with the
/// tag's key (so the UI finds `#Rust` in the tag list as `rust`).
#[tauri::command]
pub async fn tag_notes(
    state: State<'_, AppState>,
    tag: String,
) -> Result<crate::dto::TagNotes, ApiError> {
    with_session(state, move |s| {
        let v = s.vault();
        let mut notes: Vec<NoteRef> =
            v.tags().notes_with(&tag).into_iter().map(|id| note_ref(v, id)).collect();
        notes.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(crate::dto::TagNotes { key: hanji_syntax::tag::key(&tag), notes })
    })
    .await
}

#[tauri::command]
pub async fn search(
    state: State<'_, AppState>,
    query: String,
    limit: usize,
) -> Result<SearchResults, ApiError> {
    let state = state.inner().clone();
    tauri::async_runtime::spawn_blocking(move || {
        let live = state.session()?;
        // The page decides how many it asks for; the shell decides the most.
        let limit = limit.clamp(1, SEARCH_MAX);
        let found = live.read()?.search(&query, limit);
        let r = match found {
            // The index is derived data: a damaged one is rebuilt, once.
            Err(e) if e.is_damage() => {
                live.repair_index()?;
                live.read()?.search(&query, limit)?
            }
            other => other?,
        };
        Ok(SearchResults {
            unsearchable: r.unsearchable.iter().map(ToString::to_string).collect(),
            total: r.total,
            hits: r
                .hits
                .into_iter()
                .map(|h| SearchHit {
                    path: h.path,
                    title: h.title,
                    line: h.line,
                    snippet: h.snippet,
                    highlights: h.highlights,
                    lines: h
                        .lines
                        .into_iter()
                        .map(|l| SearchLine {
                            line: l.line,
                            snippet: l.text,
                            highlights: l.highlights,
                        })
                        .collect(),
                    matches: h.matches,
                })
                .collect(),
        })
    })
    .await
    .map_err(|e| ApiError::new("internal", format!("the command failed: {e}")))?
}

/// Every note's path, title and aliases, for the quick switcher.
#[tauri::command]
pub async fn switcher_items(state: State<'_, AppState>) -> Result<Vec<SwitcherItem>, ApiError> {
    with_session(state, |s| {
        let excluded = s.settings().0.excluded;
        Ok(s.vault()
            .notes()
            .iter()
            .map(|n| SwitcherItem {
                path: n.path.to_string(),
                title: n.title.clone(),
                aliases: n.aliases.clone(),
                excluded: excluded.contains(n.path.as_str()),
            })
            .collect())
    })
    .await
}

/// Opens an http(s) or mailto URL with the system's handler, through
/// tauri-plugin-opener; anything else is refused (a note must not be able to
/// launch programs or open local files). The plugin's own JavaScript
/// commands are not granted: this check is the only way in.
#[tauri::command]
pub fn open_external(app: AppHandle, url: String) -> Result<(), ApiError> {
    use tauri_plugin_opener::OpenerExt;
    let Some(url) = web_or_mail(&url) else {
        return Err(ApiError::new("internal", format!("not a web or mail address: {url}")));
    };
    app.opener()
        .open_url(url.as_str(), None::<&str>)
        .map_err(|e| ApiError::new("internal", open_failed(url.as_str(), &e)))
}

/// Opens a file of the open vault that the window does not show itself (a
/// PDF, a sound, a spreadsheet) with the system's default application. Only
/// a file the vault lists, really inside its folder ([`assets::file_of`],
/// the rule the `vault:` scheme serves by): never a path the page makes up.
#[tauri::command]
pub async fn open_attachment(
    app: AppHandle,
    state: State<'_, AppState>,
    path: String,
) -> Result<(), ApiError> {
    use tauri_plugin_opener::OpenerExt;
    let name = path.clone();
    let file = with_session(state, move |s| {
        crate::assets::file_of(s.vault(), &path).map_err(|e| match e {
            crate::assets::AssetError::OutsideVault(_) => {
                ApiError::new("not_allowed", format!("{path} leads outside the vault"))
            }
            _ => ApiError::new("note_not_found", format!("no file {path} in the vault")),
        })
    })
    .await?;
    app.opener().open_path(file.to_string_lossy(), None::<&str>).map_err(|e| match e {
        tauri_plugin_opener::Error::Io(_) => {
            ApiError::new("internal", format!("No application on this system opens {name}"))
        }
        other => ApiError::new("internal", format!("{name} could not be opened: {other}")),
    })
}

/// What to say when `url` could not be opened: once, plainly. The
/// opener's own message repeats the URL inside the launcher's command line
/// and ends in a wait status (`Launcher "xdg-open" "https://…" failed with
/// ExitStatus(unix_wait_status(768))`); what a person needs is that no
/// program here opens links.
fn open_failed(url: &str, e: &tauri_plugin_opener::Error) -> String {
    match e {
        tauri_plugin_opener::Error::Io(io) if io.kind() == std::io::ErrorKind::NotFound => {
            format!("Nothing on this system opens links (xdg-open is not installed): {url}")
        }
        // The launcher ran and failed: it found no browser to hand it to.
        tauri_plugin_opener::Error::Io(_) => format!("No browser is set up to open {url}"),
        other => format!("{url} could not be opened: {other}"),
    }
}

/// `text` as a URL when it is an `http`, `https` or `mailto` one (with a
/// host, for the web ones).
fn web_or_mail(text: &str) -> Option<tauri::Url> {
    let url = tauri::Url::parse(text.trim()).ok()?;
    match url.scheme() {
        "http" | "https" => url.host_str().is_some_and(|h| !h.is_empty()).then_some(url),
        "mailto" => Some(url),
        _ => None,
    }
}

/// The note or attachment at a vault path: resolved from the vault root,
/// exactly, as a `[[/path]]` link would be.
pub(crate) fn node_at(vault: &Vault, path: &str) -> Option<Node> {
    vault.resolve_from("", &format!("/{path}"))
}

/// vault-sample, loaded: the fixture of the shell's unit tests.
#[cfg(test)]
pub(crate) fn sample_vault() -> Vault {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("vault-sample");
    Vault::load(dir).expect("vault-sample loads")
}

#[cfg(test)]
mod tests {
    use super::sample_vault as sample;
    use super::*;

    #[test]
    fn the_tree_lists_folders_first_with_note_counts() {
        let v = sample();
        let tree = tree_of(&v);
        assert_eq!(tree.path, "");
        assert_eq!(tree.note_count, v.notes().len());
        let kinds: Vec<&str> = tree.children.iter().map(|c| c.kind).collect();
        let first_file = kinds.iter().position(|k| *k != "folder").unwrap_or(kinds.len());
        assert!(kinds[first_file..].iter().all(|k| *k != "folder"), "folders first: {kinds:?}");
        let interview = tree.children.iter().find(|c| c.name == "Interview").expect("Interview/");
        assert_eq!(interview.path, "Interview");
        assert!(interview.note_count > 0);
        // Issue 16: a folder of attachments counts what it lists.
        let attachments =
            tree.children.iter().find(|c| c.name == "Attachments").expect("Attachments/");
        assert_eq!(
            (attachments.note_count, attachments.file_count),
            (0, attachments.children.len())
        );
        assert!(attachments.file_count > 0);
        assert!(interview.children.iter().all(|c| c.path.starts_with("Interview/")));
    }

    #[test]
    fn notes_are_found_by_exact_path_only() {
        let v = sample();
        let id = note_at(&v, "CS/Redis.md").expect("CS/Redis.md");
        assert_eq!(v.note(id).path.as_str(), "CS/Redis.md");
        for bad in ["Redis", "cs/redis.md", "CS/Redis", "../etc/passwd", ""] {
            let e = note_at(&v, bad).expect_err(bad);
            assert_eq!(e.code, "note_not_found", "{bad}");
        }
    }

    #[test]
    fn a_link_that_cannot_be_opened_is_said_once_and_plainly() {
        let url = "https://example.com/a";
        let failed = std::io::Error::other(format!(
            "Launcher \"xdg-open\" \"{url}\" failed with ExitStatus(unix_wait_status(768))"
        ));
        let said = open_failed(url, &tauri_plugin_opener::Error::Io(failed));
        assert_eq!(said, format!("No browser is set up to open {url}"));
        assert_eq!(said.matches(url).count(), 1);
        let missing = std::io::Error::from(std::io::ErrorKind::NotFound);
        let said = open_failed(url, &tauri_plugin_opener::Error::Io(missing));
        assert!(said.contains("xdg-open is not installed") && !said.contains("os error"), "{said}");
    }

    #[test]
    fn only_web_and_mail_addresses_open_outside() {
        for url in [
            "javascript:alert(1)",
            "file:///etc/passwd",
            "/usr/bin/xterm",
            "vault://x",
            "http://",
            "ftp://a.b/c",
            "HTTPS",
        ] {
            assert_eq!(web_or_mail(url), None, "{url}");
        }
        for url in ["https://a.b/c?d#e", "HTTP://A.B", "mailto:a@b.c", " https://a.b "] {
            assert!(web_or_mail(url).is_some(), "{url}");
        }
    }
}
