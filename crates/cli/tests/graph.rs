//! `hanji graph --view`: the graph view as the app draws it, from the
//! vault's own `.obsidian/graph.json` (a query in the search's language,
//! tags as nodes, a colour group) with excluded files left out.

// Tests fail loudly on purpose: an unwrap here is an assertion.
#![allow(clippy::unwrap_used)]

use std::fs;
use std::path::Path;
use std::process::Command;

fn copy(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for e in fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_dir() {
            copy(&e.path(), &to.join(e.file_name()));
        } else {
            fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

fn view(vault: &Path, cache: &Path) -> serde_json::Value {
    let out = Command::new(env!("CARGO_BIN_EXE_hanji"))
        .args([
            "graph",
            vault.to_str().unwrap(),
            "--view",
            "--json",
            "--cache-dir",
            cache.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn ids(v: &serde_json::Value) -> Vec<String> {
    v["nodes"].as_array().unwrap().iter().map(|n| n["id"].as_str().unwrap().to_owned()).collect()
}

#[test]
fn the_view_applies_graph_json_with_the_search_language() {
    let dir = tempfile::tempdir().unwrap();
    let vault = dir.path().join("vault");
    copy(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/testdata/graph-view-filters"),
        &vault,
    );
    fs::create_dir_all(vault.join(".obsidian")).unwrap();
    let cache = dir.path().join("cache");

    // Obsidian's defaults: every note and the unresolved link.
    let all = view(&vault, &cache);
    assert_eq!(ids(&all).len(), 6, "{all}");
    assert_eq!(all["edges"].as_array().unwrap().len(), 6);

    fs::write(
        vault.join(".obsidian/graph.json"),
        r#"{"search": "redis OR path:Interview/", "showTags": true, "showOrphans": false,
            "colorGroups": [{"query": "tag:#면접", "color": {"a": 1, "rgb": 16711680}},
                            {"query": "path:CS/", "color": {"a": 1, "rgb": 255}}],
            "scale": 0.5}"#,
    )
    .unwrap();
    let v = view(&vault, &cache);
    assert_eq!(
        ids(&v),
        [
            "CS/Cache.md",
            "CS/Redis.md",
            "Home.md",
            "Interview/면접.md",
            "?Missing",
            "#cs/db",
            "#hub",
            "#면접"
        ],
        "the notes that mention Redis or are under Interview/, what they link to, their tags"
    );
    let group = |id: &str| {
        v["nodes"].as_array().unwrap().iter().find(|n| n["id"] == id).unwrap()["group"].clone()
    };
    assert_eq!(group("Interview/면접.md"), 0, "the first group that finds it");
    assert_eq!(group("CS/Redis.md"), 1);
    assert!(group("Home.md").is_null());

    // Excluded files are never in the graph.
    fs::write(vault.join(".obsidian/app.json"), r#"{"userIgnoreFilters": ["CS/"]}"#).unwrap();
    fs::write(vault.join(".obsidian/graph.json"), "{}").unwrap();
    let v = view(&vault, &cache);
    assert!(ids(&v).iter().all(|id| !id.starts_with("CS/")), "{v}");
    assert!(ids(&v).contains(&"Home.md".to_owned()));
}
