//! Every setting the settings view shows, once: which file and key it is,
//! what kind of value it takes, Obsidian's default, and the words that
//! explain it. The view is drawn from this list and every write goes
//! through [`write_setting`], which checks the value against it, so a
//! setting cannot be written in a shape Obsidian would not read.
//!
//! Pure but for [`read_all`] and [`write_setting`], which read and write
//! through [`SettingsFile`] (atomic, unknown keys kept, never over a file
//! that does not parse or changed since it was read).

use std::path::Path;

use serde_json::Value;

use super::{SettingsError, SettingsFile};

/// Where in the view a setting is listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Appearance,
    Editor,
    FilesAndLinks,
    DailyNotes,
    Templates,
    Graph,
}

impl Section {
    pub fn title(self) -> &'static str {
        match self {
            Section::Appearance => "Appearance",
            Section::Editor => "Editor",
            Section::FilesAndLinks => "Files and links",
            Section::DailyNotes => "Daily notes",
            Section::Templates => "Templates",
            Section::Graph => "Graph",
        }
    }
}

/// What a setting's value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Bool,
    /// Free text (a format, a path written as Obsidian takes it).
    Text,
    /// A folder of the vault (`""` is the root); written without slashes
    /// at either end.
    Folder,
    /// A note of the vault, written as a path without `.md`.
    Note,
    /// One of these values, each with the words the view shows.
    Choice(&'static [(&'static str, &'static str)]),
    /// An hour of the day, 0 to 23.
    Hour,
    /// A whole number from `min` to `max`.
    Number {
        min: u64,
        max: u64,
    },
    /// A list of text (one entry a line in the view).
    List,
}

/// The value a missing key means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Default {
    Bool(bool),
    Str(&'static str),
    Int(u64),
    EmptyList,
}

impl Default {
    pub fn value(self) -> Value {
        match self {
            Default::Bool(b) => Value::Bool(b),
            Default::Str(s) => Value::String(s.to_owned()),
            Default::Int(n) => Value::from(n),
            Default::EmptyList => Value::Array(Vec::new()),
        }
    }
}

/// One setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Setting {
    /// The file in `.obsidian/`.
    pub file: &'static str,
    pub key: &'static str,
    pub section: Section,
    pub label: &'static str,
    pub help: &'static str,
    pub kind: Kind,
    pub default: Default,
}

const LOCATIONS: &[(&str, &str)] = &[
    ("root", "Vault folder"),
    ("current", "Same folder as current file"),
    ("folder", "In the folder specified below"),
];
const LINK_FORMATS: &[(&str, &str)] = &[
    ("shortest", "Shortest path when possible"),
    ("relative", "Relative path to file"),
    ("absolute", "Absolute path in vault"),
];
const TRASH: &[(&str, &str)] = &[
    ("local", "Move to the vault's .trash folder"),
    ("system", "Move to system trash"),
    ("none", "Permanently delete"),
];
const RENDERERS: &[(&str, &str)] = &[
    ("auto", "WebGL, when it draws here"),
    ("canvas", "Canvas 2D (slower; for graphics drivers WebGL fails on)"),
];
const THEMES: &[(&str, &str)] =
    &[("system", "Follow the system"), ("moonstone", "Light"), ("obsidian", "Dark")];
const HOVER: &[(&str, &str)] =
    &[("ctrl", "When Ctrl is held"), ("delay", "After a short pause, Ctrl not needed")];
const LOCALES: &[(&str, &str)] =
    &[("system", "The system's language"), ("en", "English"), ("ko", "한국어")];

/// Every setting, in the order the view lists them.
pub const SETTINGS: &[Setting] = &[
    Setting {
        file: "appearance.json",
        key: "theme",
        section: Section::Appearance,
        label: "Base color scheme",
        help: "Light or dark, or as the system is set.",
        kind: Kind::Choice(THEMES),
        default: Default::Str("system"),
    },
    Setting {
        file: "appearance.json",
        key: "baseFontSize",
        section: Section::Appearance,
        label: "Font size",
        help: "The size of a note's text, in pixels, reading and editing.",
        kind: Kind::Number { min: 10, max: 30 },
        default: Default::Int(16),
    },
    Setting {
        file: "app.json",
        key: "readableLineLength",
        section: Section::Appearance,
        label: "Readable line length",
        help: "Keep lines of text to a width that reads well, however wide the window.",
        kind: Kind::Bool,
        default: Default::Bool(true),
    },
    Setting {
        file: "app.json",
        key: "spellcheck",
        section: Section::Editor,
        label: "Spellcheck",
        help: "Underline words the system's dictionary does not know, while editing.",
        kind: Kind::Bool,
        default: Default::Bool(false),
    },
    Setting {
        file: "app.json",
        key: "showLineNumber",
        section: Section::Editor,
        label: "Show line numbers",
        help: "Number the lines in the editor's gutter.",
        kind: Kind::Bool,
        default: Default::Bool(false),
    },
    Setting {
        file: "app.json",
        key: "autoPairBrackets",
        section: Section::Editor,
        label: "Auto-pair brackets",
        help: "Typing an opening bracket or quote types its closing one after the cursor.",
        kind: Kind::Bool,
        default: Default::Bool(true),
    },
    Setting {
        file: "app.json",
        key: "useTab",
        section: Section::Editor,
        label: "Indent using tabs",
        help: "Tab indents with a tab character; off, with spaces (as many as the tab size).",
        kind: Kind::Bool,
        default: Default::Bool(true),
    },
    Setting {
        file: "app.json",
        key: "tabSize",
        section: Section::Editor,
        label: "Tab size",
        help: "How wide a tab is shown, in spaces, and how many spaces an indent is without tabs.",
        kind: Kind::Number { min: 1, max: 8 },
        default: Default::Int(4),
    },
    Setting {
        file: "app.json",
        key: "newFileLocation",
        section: Section::FilesAndLinks,
        label: "Default location for new notes",
        help: "Where newly created notes are placed.",
        kind: Kind::Choice(LOCATIONS),
        default: Default::Str("root"),
    },
    Setting {
        file: "app.json",
        key: "newFileFolderPath",
        section: Section::FilesAndLinks,
        label: "Folder to create new notes in",
        help: "Used when new notes go in a specified folder.",
        kind: Kind::Folder,
        default: Default::Str(""),
    },
    Setting {
        file: "app.json",
        key: "alwaysUpdateLinks",
        section: Section::FilesAndLinks,
        label: "Automatically update internal links",
        help: "Rename and move without showing the notes whose links change first.",
        kind: Kind::Bool,
        default: Default::Bool(false),
    },
    Setting {
        file: "app.json",
        key: "newLinkFormat",
        section: Section::FilesAndLinks,
        label: "New link format",
        help: "How links are written when Hanji writes them.",
        kind: Kind::Choice(LINK_FORMATS),
        default: Default::Str("shortest"),
    },
    Setting {
        file: "app.json",
        key: "useMarkdownLinks",
        section: Section::FilesAndLinks,
        label: "Use Markdown links",
        help: "Write [text](path.md) links instead of [[wikilinks]] (Obsidian's \"Use [[Wikilinks]]\" turned off).",
        kind: Kind::Bool,
        default: Default::Bool(false),
    },
    Setting {
        file: "app.json",
        key: "attachmentFolderPath",
        section: Section::FilesAndLinks,
        label: "Default location for new attachments",
        help: "/ for the vault folder, ./ for the note's folder, ./name for a folder under it, or a folder path.",
        kind: Kind::Text,
        default: Default::Str("/"),
    },
    Setting {
        file: "app.json",
        key: "trashOption",
        section: Section::FilesAndLinks,
        label: "Deleted files",
        help: "What happens to a file when you delete it.",
        kind: Kind::Choice(TRASH),
        default: Default::Str("local"),
    },
    Setting {
        file: "app.json",
        key: "userIgnoreFilters",
        section: Section::FilesAndLinks,
        label: "Excluded files",
        help: "One a line: a path prefix, or /a regular expression/. Left out of search, the graph, unlinked mentions and suggestions.",
        kind: Kind::List,
        default: Default::EmptyList,
    },
    Setting {
        file: "hanji.json",
        key: "hoverPreview",
        section: Section::FilesAndLinks,
        label: "Page preview",
        help: "When hovering a link shows the note it leads to. Ctrl always shows it at once.",
        kind: Kind::Choice(HOVER),
        default: Default::Str("ctrl"),
    },
    Setting {
        file: "daily-notes.json",
        key: "format",
        section: Section::DailyNotes,
        label: "Date format",
        help: "A Moment.js format; slashes make subfolders (YYYY/MM/YYYY-MM-DD).",
        kind: Kind::Text,
        default: Default::Str("YYYY-MM-DD"),
    },
    Setting {
        file: "daily-notes.json",
        key: "folder",
        section: Section::DailyNotes,
        label: "New file location",
        help: "New daily notes are placed here.",
        kind: Kind::Folder,
        default: Default::Str(""),
    },
    Setting {
        file: "daily-notes.json",
        key: "template",
        section: Section::DailyNotes,
        label: "Template file location",
        help: "The note a new daily note starts from.",
        kind: Kind::Note,
        default: Default::Str(""),
    },
    Setting {
        file: "daily-notes.json",
        key: "autorun",
        section: Section::DailyNotes,
        label: "Open daily note on startup",
        help: "Open today's daily note when the vault opens.",
        kind: Kind::Bool,
        default: Default::Bool(false),
    },
    Setting {
        file: "hanji.json",
        key: "dayStartHour",
        section: Section::DailyNotes,
        label: "Day starts at",
        help: "Before this hour, today's note is still yesterday's: for writing after midnight.",
        kind: Kind::Hour,
        default: Default::Int(0),
    },
    Setting {
        file: "hanji.json",
        key: "dateLocale",
        section: Section::DailyNotes,
        label: "Date language",
        help: "The language of month and weekday names in dates and the calendar.",
        kind: Kind::Choice(LOCALES),
        default: Default::Str("system"),
    },
    Setting {
        file: "templates.json",
        key: "folder",
        section: Section::Templates,
        label: "Template folder location",
        help: "Insert template lists the notes in this folder.",
        kind: Kind::Folder,
        default: Default::Str(""),
    },
    Setting {
        file: "templates.json",
        key: "dateFormat",
        section: Section::Templates,
        label: "Date format",
        help: "What {{date}} writes.",
        kind: Kind::Text,
        default: Default::Str("YYYY-MM-DD"),
    },
    Setting {
        file: "templates.json",
        key: "timeFormat",
        section: Section::Templates,
        label: "Time format",
        help: "What {{time}} writes.",
        kind: Kind::Text,
        default: Default::Str("HH:mm"),
    },
    Setting {
        file: "hanji.json",
        key: "graphRenderer",
        section: Section::Graph,
        label: "Draw the graph with",
        help: "The graph view's filters, groups and forces are in the graph itself (⚙), saved in graph.json.",
        kind: Kind::Choice(RENDERERS),
        default: Default::Str("auto"),
    },
];

/// The setting `key` of `file`, if the view has it.
pub fn find(file: &str, key: &str) -> Option<&'static Setting> {
    SETTINGS.iter().find(|s| s.file == file && s.key == key)
}

/// A value that does not fit its setting.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ValueError {
    #[error("{file} has no setting {key:?} that Hanji writes")]
    Unknown { file: String, key: String },
    #[error("{key} takes {expected}")]
    Shape { key: &'static str, expected: String },
}

/// `value` as it is written for `setting`: checked against its kind, text
/// trimmed, folders and notes without slashes at the ends, list entries
/// trimmed and the empty ones dropped (pure).
pub fn normalise(setting: &Setting, value: &Value) -> Result<Value, ValueError> {
    let shape = |expected: &str| ValueError::Shape { key: setting.key, expected: expected.into() };
    match setting.kind {
        Kind::Bool => value.as_bool().map(Value::Bool).ok_or_else(|| shape("true or false")),
        Kind::Text => {
            value.as_str().map(|s| Value::String(s.trim().to_owned())).ok_or_else(|| shape("text"))
        }
        Kind::Folder | Kind::Note => {
            let s = value.as_str().ok_or_else(|| shape("a path in the vault"))?;
            let s = s.trim().trim_matches('/');
            let s = if setting.kind == Kind::Note { s.strip_suffix(".md").unwrap_or(s) } else { s };
            if s.split('/').any(|part| part == ".." || part == ".") {
                return Err(shape("a path inside the vault"));
            }
            Ok(Value::String(s.to_owned()))
        }
        Kind::Choice(options) => {
            let s = value.as_str().unwrap_or_default();
            if options.iter().any(|(v, _)| *v == s) {
                Ok(Value::String(s.to_owned()))
            } else {
                let names: Vec<&str> = options.iter().map(|(v, _)| *v).collect();
                Err(shape(&format!("one of {}", names.join(", "))))
            }
        }
        Kind::Hour => match value.as_u64() {
            Some(h) if h < 24 => Ok(Value::from(h)),
            _ => Err(shape("an hour from 0 to 23")),
        },
        Kind::Number { min, max } => match value.as_u64() {
            Some(n) if (min..=max).contains(&n) => Ok(Value::from(n)),
            _ => Err(shape(&format!("a whole number from {min} to {max}"))),
        },
        Kind::List => {
            let items = value.as_array().ok_or_else(|| shape("a list of text"))?;
            let mut out = Vec::with_capacity(items.len());
            for item in items {
                let s = item.as_str().ok_or_else(|| shape("a list of text"))?.trim();
                if !s.is_empty() {
                    out.push(Value::String(s.to_owned()));
                }
            }
            Ok(Value::Array(out))
        }
    }
}

/// One setting as the vault has it now.
#[derive(Debug, Clone)]
pub struct Current {
    pub setting: &'static Setting,
    /// The value in the file, or the default when the key is missing (or
    /// the file cannot be read).
    pub value: Value,
    /// The file could not be read: why (its settings cannot be changed
    /// until it is fixed, so Obsidian's copy is never lost).
    pub error: Option<String>,
}

/// Every setting of the vault at `root`, in the view's order.
pub fn read_all(root: &Path) -> Vec<Current> {
    let mut files: Vec<(&str, Result<SettingsFile, String>)> = Vec::new();
    SETTINGS
        .iter()
        .map(|setting| {
            let at = match files.iter().position(|(f, _)| *f == setting.file) {
                Some(i) => i,
                None => {
                    let read = SettingsFile::read(root, setting.file).map_err(|e| e.to_string());
                    files.push((setting.file, read));
                    files.len() - 1
                }
            };
            match &files[at].1 {
                Ok(file) => Current {
                    setting,
                    value: file
                        .values
                        .get(setting.key)
                        .cloned()
                        .unwrap_or_else(|| setting.default.value()),
                    error: None,
                },
                Err(e) => {
                    Current { setting, value: setting.default.value(), error: Some(e.clone()) }
                }
            }
        })
        .collect()
}

/// Writing a setting failed; the file is as it was.
#[derive(Debug, thiserror::Error)]
pub enum WriteSettingError {
    #[error(transparent)]
    Value(#[from] ValueError),
    #[error(transparent)]
    File(#[from] SettingsError),
}

/// Sets `key` of `.obsidian/<file>` to `value` (checked and normalised),
/// every other key kept; returns the value written.
pub fn write_setting(
    root: &Path,
    file: &str,
    key: &str,
    value: &Value,
) -> Result<Value, WriteSettingError> {
    let setting = find(file, key)
        .ok_or_else(|| ValueError::Unknown { file: file.to_owned(), key: key.to_owned() })?;
    let value = normalise(setting, value)?;
    let mut settings = SettingsFile::read(root, file)?;
    settings.set(key, value.clone());
    settings.write()?;
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn check(file: &str, key: &str, value: Value, expect: Result<Value, &str>) {
        let setting = find(file, key).expect("a setting");
        let got = normalise(setting, &value).map_err(|e| e.to_string());
        assert_eq!(got, expect.map_err(str::to_owned), "{file} {key} {value}");
    }

    #[test]
    fn values_are_checked_against_their_kind() {
        check("daily-notes.json", "folder", json!(" /Daily/ "), Ok(json!("Daily")));
        check(
            "daily-notes.json",
            "folder",
            json!("../out"),
            Err("folder takes a path inside the vault"),
        );
        check(
            "daily-notes.json",
            "template",
            json!("Templates/일간.md"),
            Ok(json!("Templates/일간")),
        );
        check("daily-notes.json", "autorun", json!("yes"), Err("autorun takes true or false"));
        check("hanji.json", "dayStartHour", json!(4), Ok(json!(4)));
        check("appearance.json", "baseFontSize", json!(18), Ok(json!(18)));
        check(
            "appearance.json",
            "baseFontSize",
            json!(99),
            Err("baseFontSize takes a whole number from 10 to 30"),
        );
        check("appearance.json", "theme", json!("obsidian"), Ok(json!("obsidian")));
        check(
            "hanji.json",
            "dayStartHour",
            json!(24),
            Err("dayStartHour takes an hour from 0 to 23"),
        );
        check("app.json", "newLinkFormat", json!("relative"), Ok(json!("relative")));
        check(
            "app.json",
            "newLinkFormat",
            json!("short"),
            Err("newLinkFormat takes one of shortest, relative, absolute"),
        );
        check(
            "app.json",
            "userIgnoreFilters",
            json!([" Archive/ ", "", "/\\.excalidraw$/"]),
            Ok(json!(["Archive/", "/\\.excalidraw$/"])),
        );
    }

    #[test]
    fn every_setting_has_a_default_of_its_kind() {
        for s in SETTINGS {
            let default = s.default.value();
            // Folders and notes default to "" (the root, none), which is
            // already normal; every other default must pass its own check.
            assert_eq!(normalise(s, &default).as_ref(), Ok(&default), "{} {}", s.file, s.key);
            assert_eq!(
                SETTINGS.iter().filter(|o| o.file == s.file && o.key == s.key).count(),
                1,
                "{} {} listed once",
                s.file,
                s.key
            );
        }
    }

    #[test]
    fn a_write_keeps_other_keys_and_refuses_a_malformed_file() {
        let dir = tempfile::tempdir().expect("temp");
        let obsidian = dir.path().join(".obsidian");
        std::fs::create_dir_all(&obsidian).expect("folder");
        std::fs::write(obsidian.join("app.json"), "{\"promptDelete\": false, \"theme\": \"moss\"}")
            .expect("write");
        write_setting(dir.path(), "app.json", "alwaysUpdateLinks", &json!(true)).expect("written");
        assert_eq!(
            std::fs::read_to_string(obsidian.join("app.json")).expect("read"),
            "{\n  \"promptDelete\": false,\n  \"theme\": \"moss\",\n  \"alwaysUpdateLinks\": true\n}\n"
        );
        let all = read_all(dir.path());
        let get = |file: &str, key: &str| {
            all.iter().find(|c| c.setting.file == file && c.setting.key == key).expect("listed")
        };
        assert_eq!(get("app.json", "alwaysUpdateLinks").value, json!(true));
        assert_eq!(get("daily-notes.json", "format").value, json!("YYYY-MM-DD"), "the default");

        std::fs::write(obsidian.join("templates.json"), "{\"folder\": ").expect("write");
        assert!(get("templates.json", "folder").error.is_none(), "read before it broke");
        let all = read_all(dir.path());
        let broken = all.iter().find(|c| c.setting.file == "templates.json").expect("listed");
        assert!(broken.error.as_deref().unwrap_or_default().contains("not valid JSON"));
        let refused = write_setting(dir.path(), "templates.json", "folder", &json!("T"));
        assert!(matches!(refused, Err(WriteSettingError::File(SettingsError::Malformed { .. }))));
        assert_eq!(
            std::fs::read_to_string(obsidian.join("templates.json")).expect("read"),
            "{\"folder\": "
        );
        assert!(matches!(
            write_setting(dir.path(), "app.json", "vimMode", &json!(true)),
            Err(WriteSettingError::Value(ValueError::Unknown { .. }))
        ));
    }
}
