//! `.obsidian/hotkeys.json`: the hotkeys a person set, by command id, as
//! Obsidian keeps them (`{"app:go-back": [{"modifiers": ["Alt"], "key":
//! "ArrowLeft"}]}`; an empty list means the command's default hotkey was
//! taken away; a command not in the file has its default). Hanji reads the
//! commands it knows and writes one command's entry at a time, through
//! [`SettingsFile`]: every other key kept as it was, never over malformed
//! JSON or a file changed since it was read.
//!
//! Pure but for [`read`] and [`write`].

use std::path::Path;

use serde_json::{json, Value};

use super::{SettingsError, SettingsFile};

pub const FILE: &str = "hotkeys.json";

/// The modifiers a hotkey may hold, as Obsidian writes them (`Mod` is Ctrl,
/// or Cmd on macOS).
pub const MODIFIERS: &[&str] = &["Mod", "Ctrl", "Meta", "Shift", "Alt"];

/// One hotkey.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hotkey {
    /// In [`MODIFIERS`]' order, each once.
    pub modifiers: Vec<String>,
    /// A key as the web names it (`D`, `ArrowLeft`, `,`, `F2`).
    pub key: String,
}

/// A hotkey that cannot be kept.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum HotkeyError {
    #[error("{0:?} is not a modifier (Mod, Ctrl, Meta, Shift or Alt)")]
    Modifier(String),
    #[error("a hotkey needs a key")]
    NoKey,
    #[error("{0:?} is not a command id")]
    Command(String),
}

impl Hotkey {
    /// The hotkey checked and put in order (modifiers deduplicated, in
    /// [`MODIFIERS`]' order; a single letter in upper case, as Obsidian).
    pub fn normalised(modifiers: &[String], key: &str) -> Result<Hotkey, HotkeyError> {
        if let Some(bad) = modifiers.iter().find(|m| !MODIFIERS.contains(&m.as_str())) {
            return Err(HotkeyError::Modifier(bad.clone()));
        }
        let key = key.trim();
        if key.is_empty() {
            return Err(HotkeyError::NoKey);
        }
        let key = if key.chars().count() == 1 { key.to_uppercase() } else { key.to_owned() };
        let modifiers = MODIFIERS
            .iter()
            .filter(|m| modifiers.iter().any(|x| x == *m))
            .map(|m| (*m).to_owned())
            .collect();
        Ok(Hotkey { modifiers, key })
    }

    fn from_value(v: &Value) -> Option<Hotkey> {
        let modifiers: Vec<String> = v
            .get("modifiers")?
            .as_array()?
            .iter()
            .map(|m| m.as_str().map(str::to_owned))
            .collect::<Option<_>>()?;
        Hotkey::normalised(&modifiers, v.get("key")?.as_str()?).ok()
    }

    fn to_value(&self) -> Value {
        json!({ "modifiers": self.modifiers, "key": self.key })
    }
}

/// The hotkeys of `text` (hotkeys.json's content), by command id, in the
/// file's order. An entry Hanji cannot read (not a list of hotkeys) is left
/// out here, and left as it is in the file.
pub fn parse(values: &serde_json::Map<String, Value>) -> Vec<(String, Vec<Hotkey>)> {
    values
        .iter()
        .filter_map(|(command, list)| {
            let keys =
                list.as_array()?.iter().map(Hotkey::from_value).collect::<Option<Vec<_>>>()?;
            Some((command.clone(), keys))
        })
        .collect()
}

/// The hotkeys set in the vault at `root` (none without a file).
pub fn read(root: &Path) -> Result<Vec<(String, Vec<Hotkey>)>, SettingsError> {
    Ok(parse(SettingsFile::read(root, FILE)?.values()))
}

/// Sets the hotkeys of `command` (an empty list: none, its default taken
/// away), or with `None` takes its entry out (its default applies again).
pub fn write(root: &Path, command: &str, hotkeys: Option<&[Hotkey]>) -> Result<(), WriteError> {
    if command.trim().is_empty() || command.chars().any(char::is_whitespace) {
        return Err(WriteError::Hotkey(HotkeyError::Command(command.to_owned())));
    }
    let mut file = SettingsFile::read(root, FILE)?;
    match hotkeys {
        Some(list) => file.set(command, Value::Array(list.iter().map(Hotkey::to_value).collect())),
        None => file.remove(command),
    }
    Ok(file.write()?)
}

/// Why hotkeys were not written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error(transparent)]
    Hotkey(#[from] HotkeyError),
    #[error(transparent)]
    Settings(#[from] SettingsError),
}

#[cfg(test)]
mod tests {
    // Tests fail loudly on purpose: an unwrap here is an assertion.
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn key(mods: &[&str], key: &str) -> Hotkey {
        Hotkey::normalised(&mods.iter().map(|m| m.to_string()).collect::<Vec<_>>(), key).unwrap()
    }

    #[test]
    fn hotkeys_are_put_in_obsidians_order_and_checked() {
        assert_eq!(
            key(&["Shift", "Mod", "Shift"], "d"),
            Hotkey { modifiers: vec!["Mod".into(), "Shift".into()], key: "D".into() }
        );
        assert_eq!(key(&[], " ArrowLeft "), Hotkey { modifiers: vec![], key: "ArrowLeft".into() });
        assert_eq!(
            Hotkey::normalised(&["Super".into()], "A"),
            Err(HotkeyError::Modifier("Super".into()))
        );
        assert_eq!(Hotkey::normalised(&[], " "), Err(HotkeyError::NoKey));
    }

    #[test]
    fn one_command_is_written_and_every_other_key_kept() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join(".obsidian")).unwrap();
        let file = dir.path().join(".obsidian").join(FILE);
        std::fs::write(
            &file,
            "{\n  \"app:go-back\": [\n    {\n      \"modifiers\": [\"Alt\"],\n      \"key\": \"ArrowLeft\"\n    }\n  ],\n  \"plugin:unknown\": {\"odd\": true}\n}\n",
        )
        .unwrap();
        assert_eq!(
            read(dir.path()).unwrap(),
            vec![("app:go-back".to_owned(), vec![key(&["Alt"], "ArrowLeft")])]
        );
        write(dir.path(), "daily-notes", Some(&[key(&["Mod", "Shift"], "D")])).unwrap();
        write(dir.path(), "app:go-back", Some(&[])).unwrap();
        let text = std::fs::read_to_string(&file).unwrap();
        let v: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["plugin:unknown"], json!({"odd": true}), "what Hanji does not read is kept");
        assert_eq!(v["app:go-back"], json!([]), "the default taken away");
        assert_eq!(v["daily-notes"], json!([{"modifiers": ["Mod", "Shift"], "key": "D"}]));
        let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
        assert_eq!(
            keys,
            ["app:go-back", "plugin:unknown", "daily-notes"],
            "in their order, the new one last"
        );
        write(dir.path(), "daily-notes", None).unwrap();
        assert!(
            read(dir.path()).unwrap().iter().all(|(c, _)| c != "daily-notes"),
            "back to its default"
        );
        // Malformed JSON is never written over.
        std::fs::write(&file, "{ not json").unwrap();
        assert!(matches!(
            write(dir.path(), "x", Some(&[])),
            Err(WriteError::Settings(SettingsError::Malformed { .. }))
        ));
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "{ not json");
    }
}
