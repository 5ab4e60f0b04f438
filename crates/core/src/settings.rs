//! The Obsidian settings the engine acts on, in the vault's `.obsidian/`
//! folder and in Obsidian's own format: `app.json` (how new links are
//! written, where new notes and deleted files go), `daily-notes.json` and
//! `templates.json`.
//!
//! Read leniently, as Obsidian does: a missing file or key is Obsidian's
//! default, an unknown value is the default too, and JSON that does not
//! parse is reported (the caller decides whether to go on) and never
//! written over. [`SettingsFile`] writes a file back atomically, every key
//! it does not know kept where it was, and only over the content it read.

use std::io;
use std::path::{Path, PathBuf};

pub mod graph;
pub mod hotkeys;
pub mod schema;

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

impl NewFileLocation {
    /// The folder a new note goes in (a vault path, `""` the root), when
    /// the note open now is at `current` (`None`: no note is open, or a
    /// command line, where "current" means the root).
    pub fn folder(&self, current: Option<&str>) -> String {
        match self {
            NewFileLocation::Root => String::new(),
            NewFileLocation::Current => current
                .and_then(crate::path::VaultPath::new)
                .map(|p| p.parent().to_owned())
                .unwrap_or_default(),
            NewFileLocation::Folder(f) => {
                crate::path::VaultPath::new(f).map(|p| p.to_string()).unwrap_or_default()
            }
        }
    }
}

/// The keys of `.obsidian/app.json` the engine uses.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AppSettings {
    pub new_link_format: LinkFormat,
    pub use_markdown_links: bool,
    pub trash: TrashOption,
    pub new_file_location: NewFileLocation,
    /// `alwaysUpdateLinks`: rename and move without showing the plan first.
    pub always_update_links: bool,
    /// `attachmentFolderPath`, as written (`/` or `""`: the root; `./`, `./sub`, `folder`).
    pub attachment_folder: String,
    /// `userIgnoreFilters`: what search, the graph, unlinked mentions and
    /// suggestions leave out.
    pub excluded: Excluded,
}

impl AppSettings {
    /// The folder a new attachment of the note at `note` goes in, by
    /// `attachmentFolderPath`: `/` (or nothing) the vault's root, `./` the
    /// note's folder, `./sub` a folder under it, anything else that folder
    /// of the vault. A path that would leave the vault is the root.
    pub fn attachment_folder_for(&self, note: &crate::path::VaultPath) -> String {
        let setting = self.attachment_folder.trim();
        let joined = if setting == "." || setting == "./" {
            note.parent().to_owned()
        } else if let Some(sub) = setting.strip_prefix("./") {
            match note.parent() {
                "" => sub.to_owned(),
                dir => format!("{dir}/{sub}"),
            }
        } else {
            setting.to_owned()
        };
        let trimmed = joined.trim_matches('/');
        if trimmed.is_empty()
            || trimmed.split('/').any(|p| p == ".." || p == "." || p.starts_with('.'))
        {
            return String::new();
        }
        crate::path::VaultPath::new(trimmed).map(|p| p.to_string()).unwrap_or_default()
    }
}

/// Obsidian's excluded files: each filter a path prefix, or a regular
/// expression between slashes (`/\.excalidraw$/`) tested against the path.
#[derive(Debug, Clone, Default)]
pub struct Excluded {
    prefixes: Vec<String>,
    patterns: Vec<regex::Regex>,
    /// Filters that are not regular expressions Hanji can read.
    pub invalid: Vec<String>,
}

impl PartialEq for Excluded {
    fn eq(&self, other: &Excluded) -> bool {
        self.prefixes == other.prefixes
            && self.invalid == other.invalid
            && self
                .patterns
                .iter()
                .map(|r| r.as_str())
                .eq(other.patterns.iter().map(|r| r.as_str()))
    }
}
impl Eq for Excluded {}

impl Excluded {
    pub fn new<'a>(filters: impl IntoIterator<Item = &'a str>) -> Excluded {
        let mut out = Excluded::default();
        for f in filters.into_iter().map(str::trim).filter(|f| !f.is_empty()) {
            match f.strip_prefix('/').and_then(|r| r.strip_suffix('/')).filter(|r| !r.is_empty()) {
                Some(pattern) => match regex::Regex::new(pattern) {
                    Ok(r) => out.patterns.push(r),
                    Err(_) => out.invalid.push(f.to_owned()),
                },
                // Obsidian compares the vault path with the filter as typed,
                // in the vault's normal form (NFC) so a Hangul folder matches.
                None => out.prefixes.push(crate::text::nfc(f).into_owned()),
            }
        }
        out
    }

    pub fn is_empty(&self) -> bool {
        self.prefixes.is_empty() && self.patterns.is_empty()
    }

    /// Text that differs whenever two filters exclude differently (for a
    /// cache of what they exclude).
    pub fn key(&self) -> String {
        let mut key = String::new();
        for p in &self.prefixes {
            key.push_str(p);
            key.push('\0');
        }
        for r in &self.patterns {
            key.push('/');
            key.push_str(r.as_str());
            key.push('\0');
        }
        key
    }

    /// Whether the file at vault path `path` is excluded.
    pub fn contains(&self, path: &str) -> bool {
        self.prefixes.iter().any(|p| path.starts_with(p.as_str()))
            || self.patterns.iter().any(|r| r.is_match(path))
    }
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
    #[error(
        "{path} changed on disk since it was read (Obsidian may have written it); not overwritten"
    )]
    Changed { path: PathBuf },
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
            always_update_links: value
                .get("alwaysUpdateLinks")
                .and_then(|v| v.as_bool())
                .unwrap_or(false),
            attachment_folder: key("attachmentFolderPath").unwrap_or("").trim().to_owned(),
            excluded: Excluded::new(
                value
                    .get("userIgnoreFilters")
                    .and_then(|v| v.as_array())
                    .into_iter()
                    .flatten()
                    .filter_map(|v| v.as_str()),
            ),
        })
    }
}

/// One of Obsidian's settings files, as read: every key, in its order.
#[derive(Debug, Clone)]
pub struct SettingsFile {
    path: PathBuf,
    values: serde_json::Map<String, serde_json::Value>,
    /// The content hash of what was read (`None`: there was no file).
    read: Option<u64>,
}

impl SettingsFile {
    /// `.obsidian/<name>` of the vault at `root`; an empty file of settings
    /// when there is none. JSON that does not parse, or is not an object,
    /// is an error: the file is then never written.
    pub fn read(root: &Path, name: &str) -> Result<SettingsFile, SettingsError> {
        let path = root.join(".obsidian").join(name);
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                return Ok(SettingsFile { path, values: serde_json::Map::new(), read: None })
            }
            Err(source) => return Err(SettingsError::Io { path, source }),
        };
        let read = Some(crate::cache::content_hash(&bytes));
        match serde_json::from_slice::<serde_json::Value>(&bytes) {
            Ok(serde_json::Value::Object(values)) => Ok(SettingsFile { path, values, read }),
            Ok(_) => {
                Err(SettingsError::Malformed { path, message: "it is not a JSON object".into() })
            }
            Err(e) => Err(SettingsError::Malformed { path, message: e.to_string() }),
        }
    }

    /// No settings: what a missing file reads as (for a file that could not
    /// be read, whose defaults apply).
    pub fn empty(root: &Path, name: &str) -> SettingsFile {
        SettingsFile {
            path: root.join(".obsidian").join(name),
            values: serde_json::Map::new(),
            read: None,
        }
    }

    pub fn str(&self, key: &str) -> Option<&str> {
        self.values.get(key).and_then(|v| v.as_str())
    }

    pub fn bool(&self, key: &str) -> Option<bool> {
        self.values.get(key).and_then(|v| v.as_bool())
    }

    /// Sets `key` (kept in its place when it was there, else added last).
    pub fn set(&mut self, key: &str, value: serde_json::Value) {
        self.values.insert(key.to_owned(), value);
    }

    /// Takes `key` out (the others keep their order).
    pub fn remove(&mut self, key: &str) {
        self.values.shift_remove(key);
    }

    /// Every key as read (or set since).
    pub fn values(&self) -> &serde_json::Map<String, serde_json::Value> {
        &self.values
    }

    /// Writes the settings back as Obsidian writes them (two-space JSON),
    /// atomically, and only over what was read: a file changed since (by
    /// Obsidian, open beside Hanji) is a conflict, and is left as it is.
    pub fn write(&mut self) -> Result<(), SettingsError> {
        let mut text = serde_json::to_string_pretty(&self.values).map_err(|e| {
            SettingsError::Malformed { path: self.path.clone(), message: e.to_string() }
        })?;
        text.push('\n');
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|source| SettingsError::Io { path: dir.to_owned(), source })?;
        }
        let expected = match self.read {
            Some(h) => crate::write::Expected::Hash(h),
            None => crate::write::Expected::Absent,
        };
        let hash = crate::write::write_note(&self.path, expected, text.as_bytes()).map_err(
            |e| match e {
                crate::write::WriteError::Conflict { path, .. } => SettingsError::Changed { path },
                other => SettingsError::Io {
                    path: self.path.clone(),
                    source: io::Error::other(other.to_string()),
                },
            },
        )?;
        self.read = Some(hash);
        Ok(())
    }
}

/// `.obsidian/daily-notes.json`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DailyNotes {
    /// The folder daily notes go in (a vault path; `""` is the root).
    pub folder: String,
    /// A Moment format; slashes make subfolders.
    pub format: String,
    /// The template's vault path without `.md`, if any.
    pub template: Option<String>,
    /// Open today's note when the vault opens.
    pub autorun: bool,
}

impl DailyNotes {
    /// The settings in `file`, with Obsidian's defaults for what is missing.
    pub fn from_file(file: &SettingsFile) -> DailyNotes {
        let trimmed = |k: &str| {
            file.str(k).map(|s| s.trim().trim_matches('/').to_owned()).filter(|s| !s.is_empty())
        };
        DailyNotes {
            folder: trimmed("folder").unwrap_or_default(),
            format: file
                .str("format")
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .unwrap_or("YYYY-MM-DD")
                .to_owned(),
            template: trimmed("template"),
            autorun: file.bool("autorun").unwrap_or(false),
        }
    }
}

/// Hanji's own settings for a vault, in `.obsidian/hanji.json` (Obsidian
/// ignores a file it does not know): the ones no Obsidian file has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HanjiSettings {
    /// Before this hour, "today" is still the day before (`dayStartHour`, 0–23).
    pub day_start_hour: u8,
    /// The language dates are written in (`dateLocale`: `en` or `ko`; by
    /// default the system's, from `LC_ALL`, `LC_TIME` or `LANG`).
    pub locale: hanji_dates::Locale,
}

impl HanjiSettings {
    pub fn from_file(file: &SettingsFile) -> HanjiSettings {
        let hour = file.values.get("dayStartHour").and_then(|v| v.as_u64()).filter(|h| *h < 24);
        let locale = match file.str("dateLocale") {
            Some("ko") => hanji_dates::Locale::Ko,
            Some("en") => hanji_dates::Locale::En,
            _ => system_locale(),
        };
        HanjiSettings { day_start_hour: hour.map_or(0, |h| h as u8), locale }
    }
}

/// The system's language for dates: Korean when the locale says so.
fn system_locale() -> hanji_dates::Locale {
    let lang = ["LC_ALL", "LC_TIME", "LANG"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.is_empty()))
        .unwrap_or_default();
    if lang.starts_with("ko") {
        hanji_dates::Locale::Ko
    } else {
        hanji_dates::Locale::En
    }
}

/// `.obsidian/templates.json`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Templates {
    pub folder: Option<String>,
    pub date_format: String,
    pub time_format: String,
}

impl Templates {
    pub fn from_file(file: &SettingsFile) -> Templates {
        let non_empty =
            |k: &str| file.str(k).map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned);
        Templates {
            folder: non_empty("folder").map(|f| f.trim_matches('/').to_owned()),
            date_format: non_empty("dateFormat").unwrap_or_else(|| "YYYY-MM-DD".to_owned()),
            time_format: non_empty("timeFormat").unwrap_or_else(|| "HH:mm".to_owned()),
        }
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
        assert_eq!(s.new_file_location.folder(Some("A/b.md")), "Inbox");
        assert_eq!(NewFileLocation::Current.folder(Some("면접/질문.md")), "면접");
        assert_eq!(NewFileLocation::Current.folder(None), "");
        assert_eq!(NewFileLocation::Root.folder(Some("A/b.md")), "");
    }

    #[test]
    fn attachments_go_where_attachment_folder_path_says() {
        let note = crate::path::VaultPath::new("면접/질문.md").expect("path");
        let root_note = crate::path::VaultPath::new("Home.md").expect("path");
        let at = |setting: &str, n: &crate::path::VaultPath| {
            AppSettings { attachment_folder: setting.into(), ..AppSettings::default() }
                .attachment_folder_for(n)
        };
        assert_eq!(at("", &note), "");
        assert_eq!(at("/", &note), "");
        assert_eq!(at("./", &note), "면접");
        assert_eq!(at("./", &root_note), "");
        assert_eq!(at("./첨부", &note), "면접/첨부");
        assert_eq!(at("./첨부", &root_note), "첨부");
        assert_eq!(at("Attachments/", &note), "Attachments");
        assert_eq!(at("../outside", &note), "", "never outside the vault");
        assert_eq!(at(".obsidian", &note), "", "never a hidden folder");
    }

    #[test]
    fn excluded_files_are_prefixes_or_patterns() {
        let s = AppSettings::parse(
            r#"{"userIgnoreFilters":["Archive/","/\\.excalidraw\\.md$/","/(/","상"]}"#,
        )
        .expect("valid");
        let x = &s.excluded;
        assert!(x.contains("Archive/old.md"));
        assert!(!x.contains("Notes/Archive/old.md"), "a prefix of the whole path");
        assert!(x.contains("Drawings/map.excalidraw.md"));
        assert!(x.contains("상자/a.md"), "a decomposed filter matches the NFC path");
        assert!(!x.contains("Notes/a.md"));
        assert_eq!(x.invalid, ["/(/"]);
        assert!(AppSettings::default().excluded.is_empty());
    }

    #[test]
    fn settings_files_keep_what_they_do_not_know() {
        let dir = tempfile::tempdir().expect("temp");
        let obsidian = dir.path().join(".obsidian");
        std::fs::create_dir_all(&obsidian).expect("folder");
        std::fs::write(
            obsidian.join("daily-notes.json"),
            "{\n  \"zebra\": [1, 2],\n  \"folder\": \"Daily/\",\n  \"format\": \"YYYY/MM/YYYY-MM-DD ddd\",\n  \"plugin\": {\"x\": \"한\"}\n}",
        )
        .expect("write");
        let mut f = SettingsFile::read(dir.path(), "daily-notes.json").expect("read");
        let d = DailyNotes::from_file(&f);
        assert_eq!(
            (d.folder.as_str(), d.format.as_str(), d.template, d.autorun),
            ("Daily", "YYYY/MM/YYYY-MM-DD ddd", None, false)
        );
        f.set("template", serde_json::json!("Templates/일간"));
        f.write().expect("written");
        assert_eq!(
            std::fs::read_to_string(obsidian.join("daily-notes.json")).expect("read"),
            "{\n  \"zebra\": [\n    1,\n    2\n  ],\n  \"folder\": \"Daily/\",\n  \"format\": \"YYYY/MM/YYYY-MM-DD ddd\",\n  \"plugin\": {\n    \"x\": \"한\"\n  },\n  \"template\": \"Templates/일간\"\n}\n",
            "every key kept, in its order, the new one last"
        );
        // Changed since it was read (Obsidian wrote it): not overwritten.
        std::fs::write(obsidian.join("daily-notes.json"), "{\"folder\": \"Journal\"}")
            .expect("write");
        f.set("autorun", serde_json::json!(true));
        assert!(matches!(f.write(), Err(SettingsError::Changed { .. })));
        assert_eq!(
            std::fs::read_to_string(obsidian.join("daily-notes.json")).expect("read"),
            "{\"folder\": \"Journal\"}"
        );
        // Malformed: an error, and the file is never written.
        std::fs::write(obsidian.join("templates.json"), "{oops").expect("write");
        assert!(matches!(
            SettingsFile::read(dir.path(), "templates.json"),
            Err(SettingsError::Malformed { .. })
        ));
        assert_eq!(
            std::fs::read_to_string(obsidian.join("templates.json")).expect("read"),
            "{oops"
        );
        // Missing: defaults.
        let t = Templates::from_file(&SettingsFile::read(dir.path(), "none.json").expect("empty"));
        assert_eq!(
            (t.folder, t.date_format.as_str(), t.time_format.as_str()),
            (None, "YYYY-MM-DD", "HH:mm")
        );
    }
}
