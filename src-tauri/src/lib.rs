//! The Hanji desktop shell: a Tauri 2 window over the vault engine (`hanji-core`, kept live by
//! `hanji-live`).
//!
//! The shell owns only what the web view needs (managed state in `state`, commands in
//! `commands`, their DTOs in `dto`); the vault engine lives in the crates. Commands live in [`commands`], not in this file: a
//! `pub #[tauri::command]` defined in the crate root fails with E0255.

mod assets;
mod attach;
mod bindings;
mod closing;
mod commands;
mod complete;
mod daily;
mod dto;
mod edit;
mod fileops;
mod graph;
mod ime;
mod oracle;
mod prefs;
mod rendering;
mod settings;
mod state;
mod templates;
mod view;
mod workspace;

pub use commands::{tree_of, vault_info_of};
pub use dto::{ApiError, TreeNode, VaultInfo};

use std::ffi::OsString;
use std::path::PathBuf;

/// Environment variable naming the vault when no command-line argument does.
pub const VAULT_ENV: &str = "HANJI_VAULT";

/// Chooses the vault folder: the first command-line argument, else the `HANJI_VAULT`
/// environment variable; an empty value counts as absent. A relative path is made absolute
/// against the current directory. None when neither names one: the app then opens the vault
/// opened last, else asks for one (started from the desktop's menu, it is given no folder).
pub fn choose_vault_dir(arg: Option<OsString>, env: Option<OsString>) -> Option<PathBuf> {
    let chosen = arg
        .filter(|value| !value.is_empty())
        .or_else(|| env.filter(|value| !value.is_empty()))
        .map(PathBuf::from)?;
    Some(std::path::absolute(&chosen).unwrap_or(chosen))
}

/// Whether the web view may go to `url`: only the app's own pages (the
/// `tauri:` scheme, or its `http://tauri.localhost` form on Windows), and in
/// a development build the dev server. Links to the web open in the
/// browser through `open_external`, never in the app's window.
pub fn navigation_allowed(url: &tauri::Url, dev: bool) -> bool {
    match (url.scheme(), url.host_str()) {
        ("tauri", Some("localhost")) => true,
        ("http" | "https", Some("tauri.localhost")) => true,
        ("http", Some("localhost")) if dev => url.port() == Some(5173),
        _ => false,
    }
}

/// Runs the desktop app on the vault chosen by [`choose_vault_dir`] from this process's
/// arguments and environment, until its last window closes. The vault opens on a thread of its
/// own, so the window appears at once and shows progress.
pub fn run() -> tauri::Result<()> {
    let dir = choose_vault_dir(std::env::args_os().nth(1), std::env::var_os(VAULT_ENV));
    tauri::Builder::default()
        // Only for `commands::pick_vault_folder`: no dialog permission is
        // granted to the web view.
        .plugin(tauri_plugin_dialog::init())
        // Only for `commands::open_external`, which checks the address
        // first, and `commands::open_attachment`, which opens only a file
        // the vault lists: no opener permission is granted to the web view.
        .plugin(tauri_plugin_opener::init())
        .manage(closing::Unsaved::default())
        .on_window_event(closing::on_window_event)
        .manage({
            let state = state::AppState::default();
            // The folder given on the command line is the user's choice.
            if let Some(dir) = &dir {
                state.offer(dir);
            }
            state
        })
        // Images and other attachments of the open vault, checked per request.
        .register_asynchronous_uri_scheme_protocol(assets::SCHEME, |ctx, request, responder| {
            let app = ctx.app_handle().clone();
            let path = request.uri().path().to_owned();
            // Off the web view's thread: the answer may wait for the vault.
            tauri::async_runtime::spawn_blocking(move || {
                let state = tauri::Manager::state::<state::AppState>(&app);
                responder.respond(assets::respond(&state, &path));
            });
        })
        .setup(move |app| {
            // The window is made here rather than from the configuration
            // alone, so that navigation is checked in Rust: whatever a note
            // or a script does, the web view never leaves the app.
            let config = app
                .config()
                .app
                .windows
                .iter()
                .find(|w| w.label == "main")
                .cloned()
                .unwrap_or_default();
            let window = tauri::WebviewWindowBuilder::from_config(app.handle(), &config)?
                .on_navigation(|url| navigation_allowed(url, tauri::is_dev()))
                // The window's title is the page's (`Note — vault — Hanji`),
                // set by the UI as notes open: no window permission needed.
                .on_document_title_changed(|window, title| {
                    let _ = window.set_title(&title);
                })
                .build()?;
            // Korean (and every IME) composes inline, as in a native entry.
            ime::enable_inline_composition(&window)?;
            let drawing = prefs::rendering_at_launch(app.handle());
            rendering::apply(&window, &drawing)?;
            tauri::Manager::manage(app, prefs::RenderingNow(drawing));
            prefs::restore_zoom(&window);
            let handle = app.handle().clone();
            // No folder given: the vault opened last (in the recent list,
            // which the user chose), else none, and the UI asks for one.
            if let Some(dir) = dir.or_else(|| state::recent(&handle).first().map(PathBuf::from)) {
                std::thread::spawn(move || {
                    // A failure is kept in the state and reported to the UI by every command.
                    let _ = state::open(&handle, &dir);
                });
            }
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::open_vault,
            commands::vault_info,
            commands::recent_vaults,
            commands::forget_vault,
            prefs::zoom,
            prefs::set_zoom,
            prefs::rendering,
            prefs::set_hardware_acceleration,
            workspace::workspace,
            workspace::save_workspace,
            commands::pick_vault_folder,
            commands::file_tree,
            view::note_view,
            commands::backlinks,
            commands::unlinked_mentions,
            commands::outgoing,
            commands::tags,
            commands::tag_notes,
            commands::search,
            commands::switcher_items,
            commands::open_external,
            commands::open_attachment,
            edit::note_source,
            edit::save_note,
            complete::link_texts,
            complete::note_anchors,
            complete::resolve_link,
            view::render_fragment,
            view::note_preview,
            closing::set_unsaved,
            closing::close_window,
            fileops::plan_operation,
            fileops::apply_operation,
            fileops::undo_operation,
            fileops::undo_info,
            fileops::create_note,
            fileops::new_note_folder,
            daily::open_daily,
            daily::daily_neighbour,
            daily::daily_calendar,
            settings::settings_view,
            settings::write_setting,
            settings::hotkeys,
            settings::write_hotkey,
            templates::template_list,
            templates::insert_template,
            attach::save_attachment,
            graph::graph_data,
            graph::write_graph_settings,
            graph::write_local_graph,
            graph::graph_positions,
            graph::save_graph_positions,
            graph::graph_presets,
            graph::save_graph_preset,
            graph::apply_graph_preset,
            graph::delete_graph_preset,
        ])
        .run(tauri::generate_context!())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn os(value: &str) -> Option<OsString> {
        Some(OsString::from(value))
    }

    #[test]
    fn the_argument_wins_over_the_environment() {
        let dir = choose_vault_dir(os("/notes/arg"), os("/notes/env"));
        assert_eq!(dir, Some(PathBuf::from("/notes/arg")));
    }

    #[test]
    fn the_environment_is_used_without_an_argument() {
        assert_eq!(choose_vault_dir(None, os("/notes/env")), Some(PathBuf::from("/notes/env")));
        assert_eq!(choose_vault_dir(os(""), os("/notes/env")), Some(PathBuf::from("/notes/env")));
    }

    /// Started from the desktop's menu the app is given no folder: it is
    /// none (the vault opened last, else the chooser), never a folder the
    /// current directory happens to hold.
    #[test]
    fn no_folder_given_is_none() {
        assert_eq!(choose_vault_dir(None, None), None);
        assert_eq!(choose_vault_dir(os(""), os("")), None);
    }

    /// The capability grants exactly what the UI uses: the two event
    /// permissions (`listen`, `unlisten`) and one permission per command the
    /// shell registers, each allowing that command only. `core:default`,
    /// which also enables window, menu, tray, path, image and webview
    /// commands, used to be granted.
    #[test]
    fn granted_permissions_are_exactly_what_the_ui_uses() {
        let capability: serde_json::Value =
            serde_json::from_str(include_str!("../capabilities/default.json")).expect("JSON");
        let granted: std::collections::BTreeSet<String> = capability["permissions"]
            .as_array()
            .expect("a list")
            .iter()
            .map(|p| p.as_str().expect("a name").to_owned())
            .collect();
        // `identifier = "allow-x"` followed by `commands.allow = ["x"]`.
        let toml = include_str!("../permissions/vault.toml");
        let mut allows = std::collections::BTreeMap::new();
        let mut current = None;
        for line in toml.lines() {
            if let Some(id) = line.strip_prefix("identifier = ") {
                current = Some(id.trim_matches('"').to_owned());
            } else if let Some(cmds) = line.strip_prefix("commands.allow = ") {
                let cmds: Vec<String> = serde_json::from_str(cmds).expect("a list of commands");
                allows.insert(current.take().expect("an identifier first"), cmds);
            }
        }
        let mut expected: std::collections::BTreeSet<String> = allows.keys().cloned().collect();
        expected.insert("core:event:allow-listen".to_owned());
        expected.insert("core:event:allow-unlisten".to_owned());
        assert_eq!(granted, expected);
        // Every registered command has its permission, and nothing else is allowed.
        let source = include_str!("lib.rs");
        let handler = source
            .split("generate_handler![")
            .nth(1)
            .and_then(|rest| rest.split("])").next())
            .expect("the handler list");
        let registered: std::collections::BTreeSet<String> = handler
            .split(',')
            .filter_map(|c| c.trim().rsplit("::").next())
            .filter(|c| !c.is_empty())
            .map(str::to_owned)
            .collect();
        let allowed: std::collections::BTreeSet<String> = allows
            .values()
            .inspect(|cmds| assert_eq!(cmds.len(), 1, "one command per permission"))
            .flatten()
            .cloned()
            .collect();
        assert_eq!(registered, allowed);
        assert_eq!(registered.len(), 56);
    }

    /// Navigation used to be stopped in the page's script only; it is
    /// checked in Rust now, against the app's own origins.
    #[test]
    fn the_window_never_navigates_away_from_the_app() {
        let allowed = |u: &str, dev: bool| navigation_allowed(&u.parse().expect("a URL"), dev);
        assert!(allowed("tauri://localhost/", false));
        assert!(allowed("tauri://localhost/index.html#x", false));
        assert!(allowed("http://tauri.localhost/", false));
        assert!(allowed("http://localhost:5173/", true));
        for u in [
            "https://example.com/",
            "http://localhost:5173/",
            "http://localhost:8080/",
            "file:///etc/passwd",
            "vault://localhost/x.png",
            "javascript:alert(1)",
            "tauri://evil.example/",
            "data:text/html,<script>1</script>",
        ] {
            assert!(!allowed(u, false), "{u}");
        }
        assert!(!allowed("https://example.com/", true));
    }

    #[test]
    fn relative_paths_become_absolute() {
        let cwd = std::env::current_dir().expect("current dir");
        assert_eq!(choose_vault_dir(os("my vault/한지"), None), Some(cwd.join("my vault/한지")));
    }
}
