//! The Obsidian settings the engine acts on, read from `.obsidian/app.json`
//! in the vault: how new links are written and where deleted files go.
//!
//! Read leniently, as Obsidian does: a missing file or key is Obsidian's
//! default, an unknown value is the default too, and JSON that does not
//! parse is reported (the caller decides whether to go on) and never
//! written over. This module only reads.

use std::io;
use std::path::{Path, PathBuf};

/// `newLinkFormat`: how a link to a file is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LinkFormat {
    /// The shortest text that names the file alone (Obsidian's default).
    #[default]
    Shortest,
    /// The path from the linking note's folder.
    Relative,
    /// The path from the vault root.
    Absolute,
}

/// `trashOption`: what deleting a file does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TrashOption {
    /// Into the vault's `.trash/` folder, restorable (Hanji's default).
    #[default]
    Local,
    /// Into the operating system's trash (the freedesktop home trash,
    /// when it is on the vault's disk; else the vault's `.trash/`).
    System,
    /// Deleted for good (undo still restores it while Hanji keeps the
    /// operation's record).
    None,
}

/// `newFileLocation` (with `newFileFolderPath`): where a new note goes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum NewFileLocation {
    /// The vault's root (Obsidian's default).
    #[default]
    Root,
    /// The folder of the note open now.
    Current,
    /// This folder (a vault path; `""` is the root).
    Folder(String),
}

/// The keys of `.obsidian/app.json` the engine uses.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AppSettings {
    pub new_link_format: LinkFormat,
    pub use_markdown_links: bool,
    pub trash: TrashOption,
    pub new_file_location: NewFileLocation,
}

/// Reading `.obsidian/app.json` failed; the defaults apply meanwhile.
#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("{path} is not valid JSON ({message}); Obsidian's defaults are used and the file is left as it is")]
    Malformed { path: PathBuf, message: String },
}

impl AppSettings {
    /// The settings of the vault at `root`: defaults when there is no
    /// `.obsidian/app.json`.
    pub fn read(root: &Path) -> Result<AppSettings, SettingsError> {
        let path = root.join(".obsidian").join("app.json");
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(AppSettings::default()),
            Err(source) => return Err(SettingsError::Io { path, source }),
        };
        AppSettings::parse(&text).map_err(|message| SettingsError::Malformed { path, message })
    }

    /// The settings in the text of an `app.json` (pure).
    pub fn parse(text: &str) -> Result<AppSettings, String> {
        let value: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
        let key = |k: &str| value.get(k).and_then(|v| v.as_str());
        Ok(AppSettings {
            new_link_format: match key("newLinkFormat") {
                Some("relative") => LinkFormat::Relative,
                Some("absolute") => LinkFormat::Absolute,
                _ => LinkFormat::Shortest,
            },
            use_markdown_links: value
                .get("useMarkdownLinks")
                .and_then(|v| v.as_bool())
                .unwrap_or(false),
            trash: match key("trashOption") {
                Some("system") => TrashOption::System,
                Some("none") => TrashOption::None,
                _ => TrashOption::Local,
            },
            new_file_location: match key("newFileLocation") {
                Some("current") => NewFileLocation::Current,
                Some("folder") => NewFileLocation::Folder(
                    key("newFileFolderPath").unwrap_or("").trim_matches('/').to_owned(),
                ),
                _ => NewFileLocation::Root,
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_obsidian_writes() {
        let s = AppSettings::parse(
            r#"{"newLinkFormat":"relative","trashOption":"none","useMarkdownLinks":true,"other":1}"#,
        )
        .expect("valid");
        assert_eq!(s.new_link_format, LinkFormat::Relative);
        assert_eq!(s.trash, TrashOption::None);
        assert!(s.use_markdown_links);
        assert_eq!(AppSettings::parse("{}"), Ok(AppSettings::default()));
        assert_eq!(
            AppSettings::parse(r#"{"newLinkFormat":"weird"}"#).map(|s| s.new_link_format),
            Ok(LinkFormat::Shortest)
        );
        assert!(AppSettings::parse("{not json").is_err());
        let s = AppSettings::parse(r#"{"newFileLocation":"folder","newFileFolderPath":"Inbox/"}"#)
            .expect("valid");
        assert_eq!(s.new_file_location, NewFileLocation::Folder("Inbox".into()));
    }
}
