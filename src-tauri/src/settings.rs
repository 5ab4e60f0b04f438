//! The settings view's commands: every setting with its value now
//! (`settings_view`), and one setting written (`write_setting`). Thin: the
//! list, the checks and the atomic write that keeps every other key are
//! `hanji_core::settings::schema`'s; nothing here knows a key.

use hanji_core::daily;
use hanji_core::settings::hotkeys::{self, Hotkey};
use hanji_core::settings::schema::{self, Kind};
use tauri::State;

use crate::commands::with_session;
use crate::dto::{
    ApiError, CommandHotkeys, HotkeyView, HotkeysView, SettingOption, SettingView, SettingsView,
};
use crate::state::AppState;

/// The settings of the vault at `root`, as the view shows them.
pub fn view_of(s: &hanji_live::Session) -> SettingsView {
    let settings = schema::read_all(s.vault().root())
        .into_iter()
        .map(|c| {
            let (min, max) = match c.setting.kind {
                Kind::Number { min, max } => (Some(min), Some(max)),
                _ => (None, None),
            };
            let (kind, options): (&'static str, &[(&str, &str)]) = match c.setting.kind {
                Kind::Bool => ("bool", &[]),
                Kind::Text => ("text", &[]),
                Kind::Folder => ("folder", &[]),
                Kind::Note => ("note", &[]),
                Kind::Choice(options) => ("choice", options),
                Kind::Hour => ("hour", &[]),
                Kind::Number { .. } => ("number", &[]),
                Kind::List => ("list", &[]),
            };
            SettingView {
                file: c.setting.file.to_owned(),
                key: c.setting.key.to_owned(),
                section: c.setting.section.title().to_owned(),
                label: c.setting.label.to_owned(),
                help: c.setting.help.to_owned(),
                kind,
                options: options
                    .iter()
                    .map(|(v, l)| SettingOption { value: (*v).to_owned(), label: (*l).to_owned() })
                    .collect(),
                value: c.value,
                min,
                max,
                error: c.error,
            }
        })
        .collect();
    let d = s.daily_settings();
    let today = daily::today(&jiff::Zoned::now(), d.hanji.day_start_hour);
    let daily_preview = daily::path_for(today, &d.daily, d.hanji.locale).map(|p| p.to_string());
    SettingsView { settings, daily_preview }
}

#[tauri::command]
pub async fn settings_view(state: State<'_, AppState>) -> Result<SettingsView, ApiError> {
    with_session(state, |s| Ok(view_of(s))).await
}

/// Sets `key` of `.obsidian/<file>` (every other key kept) and answers the
/// view as it is now.
#[tauri::command]
pub async fn write_setting(
    state: State<'_, AppState>,
    file: String,
    key: String,
    value: serde_json::Value,
) -> Result<SettingsView, ApiError> {
    with_session(state, move |s| {
        schema::write_setting(s.vault().root(), &file, &key, &value)?;
        Ok(view_of(s))
    })
    .await
}

/// The hotkeys set in `.obsidian/hotkeys.json`.
#[tauri::command]
pub async fn hotkeys(state: State<'_, AppState>) -> Result<HotkeysView, ApiError> {
    with_session(state, |s| Ok(hotkeys_of(s.vault().root()))).await
}

/// Sets one command's hotkeys (`null`: back to its default), every other
/// key of the file kept; answers them all as they are now.
#[tauri::command]
pub async fn write_hotkey(
    state: State<'_, AppState>,
    command: String,
    hotkeys: Option<Vec<HotkeyView>>,
) -> Result<HotkeysView, ApiError> {
    with_session(state, move |s| {
        let root = s.vault().root();
        let list = hotkeys
            .map(|l| {
                l.iter()
                    .map(|h| Hotkey::normalised(&h.modifiers, &h.key))
                    .collect::<Result<Vec<_>, _>>()
            })
            .transpose()
            .map_err(|e| ApiError::new("bad_setting", e.to_string()))?;
        hotkeys::write(root, &command, list.as_deref())?;
        Ok(hotkeys_of(root))
    })
    .await
}

fn hotkeys_of(root: &std::path::Path) -> HotkeysView {
    match hotkeys::read(root) {
        Ok(list) => HotkeysView {
            commands: list
                .into_iter()
                .map(|(command, keys)| CommandHotkeys {
                    command,
                    hotkeys: keys
                        .into_iter()
                        .map(|h| HotkeyView { modifiers: h.modifiers, key: h.key })
                        .collect(),
                })
                .collect(),
            error: None,
        },
        Err(e) => HotkeysView { commands: Vec::new(), error: Some(e.to_string()) },
    }
}
