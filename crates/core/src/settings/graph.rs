//! `.obsidian/graph.json`: the graph view's filters, colour groups, display
//! and forces, in Obsidian's own format, so a vault's graph looks the same
//! in Hanji and in Obsidian. Read leniently (a missing or mistyped key is
//! Obsidian's default); written back through [`SettingsFile`], so every key
//! Hanji does not know (Obsidian's `collapse-*` panels, `scale`, a plugin's)
//! stays as it was.
//!
//! Pure but for [`GraphSettings::read`] and [`GraphSettings::write`].

use std::path::Path;

use serde_json::{json, Value};

use super::{SettingsError, SettingsFile};

/// The file, in `.obsidian/`.
pub const FILE: &str = "graph.json";

/// A colour group: the notes its query finds are drawn in its colour
/// (groups in order; the first that matches wins).
#[derive(Debug, Clone, PartialEq)]
pub struct ColorGroup {
    /// A search query, in the search's own language.
    pub query: String,
    /// `0xRRGGBB`, as Obsidian stores it (`r << 16 | g << 8 | b`).
    pub rgb: u32,
    /// Opacity, 0 to 1.
    pub alpha: f64,
}

/// What `graph.json` says.
#[derive(Debug, Clone, PartialEq)]
pub struct GraphSettings {
    /// Only the notes this search query finds (empty: every note).
    pub search: String,
    pub show_tags: bool,
    pub show_attachments: bool,
    pub hide_unresolved: bool,
    pub show_orphans: bool,
    pub color_groups: Vec<ColorGroup>,
    pub show_arrow: bool,
    pub text_fade_multiplier: f64,
    pub node_size_multiplier: f64,
    pub line_size_multiplier: f64,
    pub center_strength: f64,
    pub repel_strength: f64,
    pub link_strength: f64,
    pub link_distance: f64,
}

impl Default for GraphSettings {
    /// Obsidian's defaults.
    fn default() -> GraphSettings {
        GraphSettings {
            search: String::new(),
            show_tags: false,
            show_attachments: false,
            hide_unresolved: false,
            show_orphans: true,
            color_groups: Vec::new(),
            show_arrow: false,
            text_fade_multiplier: 0.0,
            node_size_multiplier: 1.0,
            line_size_multiplier: 1.0,
            center_strength: 0.518_713_248_970_312,
            repel_strength: 10.0,
            link_strength: 1.0,
            link_distance: 250.0,
        }
    }
}

impl GraphSettings {
    /// The settings in `file` (pure), defaults for what is missing or of
    /// the wrong type.
    pub fn from_file(file: &SettingsFile) -> GraphSettings {
        let d = GraphSettings::default();
        let v = &file.values;
        let b = |k: &str, def: bool| v.get(k).and_then(Value::as_bool).unwrap_or(def);
        let n = |k: &str, def: f64| {
            v.get(k).and_then(Value::as_f64).filter(|x| x.is_finite()).unwrap_or(def)
        };
        GraphSettings {
            search: v.get("search").and_then(Value::as_str).unwrap_or_default().to_owned(),
            show_tags: b("showTags", d.show_tags),
            show_attachments: b("showAttachments", d.show_attachments),
            hide_unresolved: b("hideUnresolved", d.hide_unresolved),
            show_orphans: b("showOrphans", d.show_orphans),
            color_groups: v
                .get("colorGroups")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(color_group)
                .collect(),
            show_arrow: b("showArrow", d.show_arrow),
            text_fade_multiplier: n("textFadeMultiplier", d.text_fade_multiplier),
            node_size_multiplier: n("nodeSizeMultiplier", d.node_size_multiplier),
            line_size_multiplier: n("lineSizeMultiplier", d.line_size_multiplier),
            center_strength: n("centerStrength", d.center_strength),
            repel_strength: n("repelStrength", d.repel_strength),
            link_strength: n("linkStrength", d.link_strength),
            link_distance: n("linkDistance", d.link_distance),
        }
    }

    /// Sets every key these settings hold into `file`, in Obsidian's
    /// spelling (keys already there keep their place; others are kept).
    pub fn into_file(&self, file: &mut SettingsFile) {
        let num = |x: f64| json!(x);
        file.set("search", json!(self.search));
        file.set("showTags", json!(self.show_tags));
        file.set("showAttachments", json!(self.show_attachments));
        file.set("hideUnresolved", json!(self.hide_unresolved));
        file.set("showOrphans", json!(self.show_orphans));
        file.set(
            "colorGroups",
            Value::Array(
                self.color_groups
                    .iter()
                    .map(|g| json!({"query": g.query, "color": {"a": g.alpha, "rgb": g.rgb}}))
                    .collect(),
            ),
        );
        file.set("showArrow", json!(self.show_arrow));
        file.set("textFadeMultiplier", num(self.text_fade_multiplier));
        file.set("nodeSizeMultiplier", num(self.node_size_multiplier));
        file.set("lineSizeMultiplier", num(self.line_size_multiplier));
        file.set("centerStrength", num(self.center_strength));
        file.set("repelStrength", num(self.repel_strength));
        file.set("linkStrength", num(self.link_strength));
        file.set("linkDistance", num(self.link_distance));
    }

    /// The settings of the vault at `root` (defaults when there is no file;
    /// an error, and the defaults meanwhile, when it is not valid JSON).
    pub fn read(root: &Path) -> Result<GraphSettings, SettingsError> {
        Ok(GraphSettings::from_file(&SettingsFile::read(root, FILE)?))
    }

    /// Writes these settings into the vault's `graph.json`, atomically,
    /// every other key kept; never over a file that is not valid JSON.
    pub fn write(&self, root: &Path) -> Result<(), SettingsError> {
        let mut file = SettingsFile::read(root, FILE)?;
        self.into_file(&mut file);
        file.write()
    }
}

/// The local graph's own settings: in `.obsidian/hanji.json`'s
/// `localGraph` (Obsidian keeps them per pane in its workspace, which Hanji
/// does not share), with the global graph's filters and groups.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LocalGraphSettings {
    /// 1 to 3.
    pub depth: u32,
    pub incoming: bool,
    pub outgoing: bool,
    pub neighbours: bool,
}

impl Default for LocalGraphSettings {
    fn default() -> LocalGraphSettings {
        LocalGraphSettings { depth: 1, incoming: true, outgoing: true, neighbours: false }
    }
}

/// Whether `hanji.json` asks for the graph to be drawn with Canvas 2D
/// (`graphRenderer: "canvas"`, a choice of the settings view) even where
/// WebGL works; a file that cannot be read means no.
pub fn prefers_canvas(root: &Path) -> bool {
    SettingsFile::read(root, LOCAL_FILE).is_ok_and(|f| f.str("graphRenderer") == Some("canvas"))
}

/// The file and key the local graph's settings are kept under.
pub const LOCAL_FILE: &str = "hanji.json";
const LOCAL_KEY: &str = "localGraph";

impl LocalGraphSettings {
    pub fn from_file(file: &SettingsFile) -> LocalGraphSettings {
        let d = LocalGraphSettings::default();
        let Some(v) = file.values.get(LOCAL_KEY) else { return d };
        let b = |k: &str, def: bool| v.get(k).and_then(Value::as_bool).unwrap_or(def);
        LocalGraphSettings {
            depth: v.get("depth").and_then(Value::as_u64).map_or(d.depth, |n| n.clamp(1, 3) as u32),
            incoming: b("incoming", d.incoming),
            outgoing: b("outgoing", d.outgoing),
            neighbours: b("neighbours", d.neighbours),
        }
    }

    pub fn read(root: &Path) -> Result<LocalGraphSettings, SettingsError> {
        Ok(LocalGraphSettings::from_file(&SettingsFile::read(root, LOCAL_FILE)?))
    }

    /// Writes them into `hanji.json`, every other key kept.
    pub fn write(&self, root: &Path) -> Result<(), SettingsError> {
        let mut file = SettingsFile::read(root, LOCAL_FILE)?;
        file.set(
            LOCAL_KEY,
            json!({"depth": self.depth.clamp(1, 3), "incoming": self.incoming,
                   "outgoing": self.outgoing, "neighbours": self.neighbours}),
        );
        file.write()
    }
}

/// Named graph presets: the graph view's settings saved under a name, each
/// a file of `.obsidian/graph-presets/` in `graph.json`'s own format, so
/// they travel with the vault (and Obsidian, which does not know them,
/// leaves them alone).
pub const PRESETS: &str = "graph-presets";

/// A preset name that cannot be a file name.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("{name:?} cannot name a preset: {reason}")]
pub struct BadPresetName {
    pub name: String,
    pub reason: &'static str,
}

/// The file of preset `name` under `.obsidian/` (checked, NFC).
fn preset_file(name: &str) -> Result<String, BadPresetName> {
    let name = crate::text::nfc(name.trim()).into_owned();
    let bad = |reason| BadPresetName { name: name.clone(), reason };
    if name.is_empty() {
        return Err(bad("it is empty"));
    }
    if name.starts_with('.')
        || name.contains(['/', '\\', '\0'])
        || name.chars().any(char::is_control)
    {
        return Err(bad("a name has no slash and does not start with a dot"));
    }
    if name.chars().count() > 100 {
        return Err(bad("it is longer than 100 characters"));
    }
    Ok(format!("{PRESETS}/{name}.json"))
}

/// The presets of the vault at `root`, by name (sorted); none when there
/// is no presets folder.
pub fn presets(root: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(root.join(".obsidian").join(PRESETS)) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| !n.starts_with('.'))
        .filter_map(|n| n.strip_suffix(".json").map(|s| crate::text::nfc(s).into_owned()))
        .collect();
    names.sort();
    names
}

/// Why a preset was not saved, read or applied.
#[derive(Debug, thiserror::Error)]
pub enum PresetError {
    #[error(transparent)]
    Name(#[from] BadPresetName),
    #[error(transparent)]
    File(#[from] SettingsError),
    #[error("there is no preset {name:?}")]
    Missing { name: String },
}

/// Saves `settings` as the preset `name` (over a preset of that name,
/// every key of its file Hanji does not know kept).
pub fn save_preset(root: &Path, name: &str, settings: &GraphSettings) -> Result<(), PresetError> {
    let file = preset_file(name)?;
    let mut f = SettingsFile::read(root, &file)?;
    settings.into_file(&mut f);
    f.write()?;
    Ok(())
}

/// The settings of the preset `name`.
pub fn read_preset(root: &Path, name: &str) -> Result<GraphSettings, PresetError> {
    let file = preset_file(name)?;
    if !root.join(".obsidian").join(&file).is_file() {
        return Err(PresetError::Missing { name: name.to_owned() });
    }
    Ok(GraphSettings::from_file(&SettingsFile::read(root, &file)?))
}

/// Makes the preset `name` the graph's settings (written into
/// `graph.json`, its other keys kept); returns them.
pub fn apply_preset(root: &Path, name: &str) -> Result<GraphSettings, PresetError> {
    let settings = read_preset(root, name)?;
    settings.write(root)?;
    Ok(settings)
}

/// Removes the preset `name` (a preset that is not there is not an error).
pub fn delete_preset(root: &Path, name: &str) -> Result<(), PresetError> {
    let file = preset_file(name)?;
    let path = root.join(".obsidian").join(file);
    match std::fs::remove_file(&path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(source) => Err(PresetError::File(SettingsError::Io { path, source })),
    }
}

/// One `{query, color: {a, rgb}}`; `None` when it is not that shape.
fn color_group(v: &Value) -> Option<ColorGroup> {
    let query = v.get("query")?.as_str()?.to_owned();
    let color = v.get("color")?;
    let rgb = color.get("rgb")?.as_u64().filter(|c| *c <= 0xFF_FFFF)? as u32;
    let alpha =
        color.get("a").and_then(Value::as_f64).filter(|a| (0.0..=1.0).contains(a)).unwrap_or(1.0);
    Some(ColorGroup { query, rgb, alpha })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn obsidians_graph_json_round_trips_with_unknown_keys_kept() {
        let dir = tempfile::tempdir().expect("temp");
        let obsidian = dir.path().join(".obsidian");
        std::fs::create_dir_all(&obsidian).expect("folder");
        // As Obsidian 1.x writes it, `collapse-*` and `scale` included.
        let written = r#"{
  "collapse-filter": true,
  "search": "path:Interview/",
  "showTags": true,
  "showAttachments": false,
  "hideUnresolved": false,
  "showOrphans": true,
  "collapse-color-groups": false,
  "colorGroups": [
    {"query": "tag:#면접", "color": {"a": 1, "rgb": 14701138}},
    {"query": "bad", "color": {"rgb": "red"}},
    {"query": "path:CS/", "color": {"a": 0.5, "rgb": 5431378}}
  ],
  "showArrow": false,
  "textFadeMultiplier": -1.2,
  "nodeSizeMultiplier": 1.1,
  "lineSizeMultiplier": 1,
  "centerStrength": 0.518713248970312,
  "repelStrength": 10,
  "linkStrength": 1,
  "linkDistance": 250,
  "scale": 0.4,
  "close": true
}"#;
        std::fs::write(obsidian.join(FILE), written).expect("write");
        let mut g = GraphSettings::read(dir.path()).expect("read");
        assert_eq!(g.search, "path:Interview/");
        assert!(g.show_tags && !g.show_attachments && g.show_orphans);
        assert_eq!(
            g.color_groups,
            vec![
                ColorGroup { query: "tag:#면접".into(), rgb: 0xE05252, alpha: 1.0 },
                ColorGroup { query: "path:CS/".into(), rgb: 0x52E052, alpha: 0.5 },
            ],
            "the malformed group is left out"
        );
        assert_eq!(g.text_fade_multiplier, -1.2);
        g.show_orphans = false;
        g.write(dir.path()).expect("written");
        let back: Value =
            serde_json::from_str(&std::fs::read_to_string(obsidian.join(FILE)).expect("read"))
                .expect("json");
        assert_eq!(back["collapse-filter"], json!(true), "unknown keys kept");
        assert_eq!(back["scale"], json!(0.4));
        assert_eq!(back["close"], json!(true));
        assert_eq!(back["showOrphans"], json!(false));
        assert_eq!(back["colorGroups"][1]["color"], json!({"a": 0.5, "rgb": 5431378}));
        let keys: Vec<&String> = back.as_object().expect("object").keys().collect();
        assert_eq!(keys[0], "collapse-filter", "keys keep their places");
        assert_eq!(GraphSettings::read(dir.path()).expect("again"), g);
        // Missing: Obsidian's defaults; malformed: an error, never written.
        assert_eq!(
            GraphSettings::from_file(&SettingsFile::empty(dir.path(), FILE)),
            GraphSettings::default()
        );
        std::fs::write(obsidian.join(FILE), "{").expect("write");
        assert!(g.write(dir.path()).is_err());
        assert_eq!(std::fs::read_to_string(obsidian.join(FILE)).expect("read"), "{");
    }

    #[test]
    fn presets_are_files_of_the_vault_applied_into_graph_json() {
        let dir = tempfile::tempdir().expect("temp");
        let root = dir.path();
        std::fs::create_dir_all(root.join(".obsidian")).expect("folder");
        std::fs::write(root.join(".obsidian/graph.json"), r#"{"scale": 0.3, "search": ""}"#)
            .expect("write");
        assert!(presets(root).is_empty());
        let interview = GraphSettings {
            search: "path:Interview/".into(),
            show_tags: true,
            color_groups: vec![ColorGroup {
                query: "tag:#면접".into(), rgb: 0xE05252, alpha: 1.0
            }],
            ..GraphSettings::default()
        };
        save_preset(root, "면접 준비", &interview).expect("saved");
        save_preset(root, "All", &GraphSettings::default()).expect("saved");
        assert_eq!(presets(root), ["All", "면접 준비"]);
        assert!(
            root.join(".obsidian/graph-presets/면접 준비.json").is_file(),
            "a file in the vault"
        );
        assert_eq!(apply_preset(root, "면접 준비").expect("applied"), interview);
        let graph = std::fs::read_to_string(root.join(".obsidian/graph.json")).expect("read");
        assert!(graph.contains("\"scale\": 0.3") && graph.contains("path:Interview/"), "{graph}");
        assert_eq!(GraphSettings::read(root).expect("read"), interview);
        for bad in ["", "../x", "a/b", ".hidden"] {
            assert!(
                matches!(save_preset(root, bad, &interview), Err(PresetError::Name(_))),
                "{bad:?}"
            );
        }
        assert!(matches!(apply_preset(root, "none"), Err(PresetError::Missing { .. })));
        delete_preset(root, "All").expect("deleted");
        delete_preset(root, "All").expect("deleting twice is no error");
        assert_eq!(presets(root), ["면접 준비"]);
    }

    #[test]
    fn the_local_graph_keeps_its_settings_in_hanji_json() {
        let dir = tempfile::tempdir().expect("temp");
        std::fs::create_dir_all(dir.path().join(".obsidian")).expect("folder");
        std::fs::write(
            dir.path().join(".obsidian/hanji.json"),
            r#"{"dayStartHour": 4, "localGraph": {"depth": 9}}"#,
        )
        .expect("write");
        let l = LocalGraphSettings::read(dir.path()).expect("read");
        assert_eq!(
            l,
            LocalGraphSettings { depth: 3, ..LocalGraphSettings::default() },
            "depth clamped"
        );
        LocalGraphSettings { depth: 2, neighbours: true, ..l }.write(dir.path()).expect("written");
        let back = LocalGraphSettings::read(dir.path()).expect("read");
        assert_eq!((back.depth, back.neighbours), (2, true));
        assert!(!prefers_canvas(dir.path()));
        let mut f = SettingsFile::read(dir.path(), LOCAL_FILE).expect("read");
        f.set("graphRenderer", json!("canvas"));
        f.write().expect("written");
        assert!(prefers_canvas(dir.path()));
        let text = std::fs::read_to_string(dir.path().join(".obsidian/hanji.json")).expect("read");
        assert!(text.contains("\"dayStartHour\": 4"), "{text}");
    }
}
