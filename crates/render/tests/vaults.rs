//! Whole notes of the repository's vaults (`vault-sample/` and every
//! `tests/testdata/<scenario>/`), rendered with a context that resolves links
//! with the core's own `FileIndex`, as the shell does.
//!
//! Two kinds of test: insta snapshots of a few real notes, reviewed as HTML
//! next to their outline, properties and tags; and invariants that must hold
//! for every note (nothing executable, unique element ids, the outline
//! matching the heading ids). The vault files are read once, up front; the
//! renderer itself never touches the disk.

use std::collections::{BTreeMap, HashSet};
use std::fmt::Write;
use std::path::{Path, PathBuf};

use hanji_core::path::VaultPath;
use hanji_core::resolve::{FileIndex, Resolution};
use hanji_render::{heading_anchor, render_note, Context, Rendered, Resolved};

/// A vault read into memory.
struct Vault {
    /// Every file by vault path; notes with their text, attachments empty.
    files: BTreeMap<String, Option<String>>,
    paths: Vec<String>,
    index: FileIndex,
}

impl Vault {
    fn load(root: &Path) -> Vault {
        let mut files = BTreeMap::new();
        walk(root, root, &mut files);
        let paths: Vec<String> = files.keys().cloned().collect();
        let index = FileIndex::new(
            paths.iter().enumerate().filter_map(|(i, p)| Some((VaultPath::new(p)?, i as u32))),
        );
        Vault { files, paths, index }
    }

    fn notes(&self) -> impl Iterator<Item = (&str, &str)> {
        self.files.iter().filter_map(|(p, t)| Some((p.as_str(), t.as_deref()?)))
    }

    fn render(&self, path: &str) -> Rendered {
        let text = self.files[path].as_deref().expect("a note");
        let dir = path.rsplit_once('/').map_or("", |(d, _)| d);
        render_note(text, &NoteContext { vault: self, dir })
    }
}

/// Lists `dir` recursively, skipping hidden entries as the core's scan does.
fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Option<String>>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("readable folder")
        .map(|e| e.expect("entry").path())
        .collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.starts_with('.') {
            continue;
        }
        if path.is_dir() {
            walk(root, &path, out);
            continue;
        }
        let rel =
            path.strip_prefix(root).expect("inside root").to_string_lossy().replace('\\', "/");
        let rel = VaultPath::new(&rel).expect("valid path").as_str().to_owned();
        let text = rel.ends_with(".md").then(|| {
            String::from_utf8_lossy(&std::fs::read(&path).expect("readable note")).into_owned()
        });
        out.insert(rel, text);
    }
}

/// The context of one note: links resolve from its folder.
struct NoteContext<'v> {
    vault: &'v Vault,
    dir: &'v str,
}

impl Context for NoteContext<'_> {
    fn resolve(&self, path: &str) -> Resolved {
        match self.vault.index.resolve(self.dir, path) {
            Resolution::Found { file, .. } => {
                let path = self.vault.paths[file as usize].clone();
                if path.ends_with(".md") {
                    Resolved::Note { path }
                } else {
                    Resolved::Attachment { path }
                }
            }
            Resolution::Unresolved(_) => Resolved::Unresolved,
        }
    }

    fn embed_text(&self, vault_path: &str, anchor: Option<&str>) -> Option<String> {
        let text = self.vault.files.get(vault_path)?.as_deref()?;
        let Some(anchor) = anchor else { return Some(text.to_owned()) };
        if let Some(id) = anchor.strip_prefix('^') {
            let suffix = format!("^{}", id.to_lowercase());
            return text
                .lines()
                .find(|l| l.trim_end().to_lowercase().ends_with(&suffix))
                .map(str::to_owned);
        }
        // The section of the last heading of the chain, to the next heading
        // of the same or a higher level.
        let want = heading_anchor(anchor.rsplit('#').next().unwrap_or(anchor));
        let mut out = String::new();
        let mut level = None;
        for line in text.lines() {
            let hashes = line.bytes().take_while(|&b| b == b'#').count();
            let is_heading = (1..=6).contains(&hashes) && line[hashes..].starts_with(' ');
            match level {
                None if is_heading && heading_anchor(&line[hashes..]) == want => {
                    level = Some(hashes)
                }
                Some(l) if is_heading && hashes <= l => break,
                _ => {}
            }
            if level.is_some() {
                out.push_str(line);
                out.push('\n');
            }
        }
        level.map(|_| out)
    }

    fn asset_url(&self, vault_path: &str) -> String {
        format!("vault://localhost/{}", vault_path.replace('/', "%2F").replace(' ', "%20"))
    }
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every vault of the repository.
fn vaults() -> Vec<(String, Vault)> {
    let mut out = vec![("vault-sample".to_owned(), Vault::load(&repo().join("vault-sample")))];
    let testdata = repo().join("tests/testdata");
    let mut scenarios: Vec<PathBuf> = std::fs::read_dir(&testdata)
        .expect("tests/testdata")
        .map(|e| e.expect("entry").path())
        .collect();
    scenarios.sort();
    for dir in scenarios.into_iter().filter(|p| p.is_dir()) {
        let name = dir.file_name().expect("name").to_string_lossy().into_owned();
        out.push((name, Vault::load(&dir)));
    }
    out
}

/// A rendered note as text for a snapshot.
fn describe(r: &Rendered) -> String {
    let mut out = String::new();
    for (k, v) in &r.properties {
        let _ = writeln!(out, "property {k}: {v}");
    }
    let _ = writeln!(out, "tags: {:?}", r.tags);
    for o in &r.outline {
        let _ = writeln!(out, "outline {}: h{} {:?} #{}", o.line, o.level, o.text, o.anchor);
    }
    let _ = write!(out, "---\n{}", r.html);
    out
}

#[test]
fn snapshots() {
    let sample = Vault::load(&repo().join("vault-sample"));
    insta::assert_snapshot!("interview_redis", describe(&sample.render("Interview/Redis.md")));
    insta::assert_snapshot!("home", describe(&sample.render("Home.md")));
    let forms = Vault::load(&repo().join("tests/testdata/every-link-form"));
    insta::assert_snapshot!("every_link_form", describe(&forms.render("Forms.md")));
}

/// The values of `attr="…"` in `html`, in order, unescaped.
fn attribute_values(html: &str, attr: &str) -> Vec<String> {
    let needle = format!(" {attr}=\"");
    html.match_indices(&needle)
        .filter_map(|(i, _)| {
            let rest = &html[i + needle.len()..];
            rest.find('"').map(|end| {
                rest[..end]
                    .replace("&quot;", "\"")
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&amp;", "&")
            })
        })
        .collect()
}

#[test]
fn every_note_renders_safely() {
    let mut notes = 0;
    for (name, vault) in vaults() {
        for (path, _) in vault.notes() {
            notes += 1;
            let r = vault.render(path);
            let lower = r.html.to_lowercase();
            for bad in [
                "<script",
                "<iframe",
                "<style",
                "javascript:",
                " style=",
                " onerror",
                " onclick",
                " onload",
            ] {
                assert!(!lower.contains(bad), "{name}/{path}: {bad} in\n{}", r.html);
            }
            let ids = attribute_values(&r.html, "id");
            // Every note-derived id is prefixed, so none can shadow one of the
            // app's own (`search-input`, `file-tree`…).
            for id in &ids {
                assert!(id.starts_with(hanji_render::ID_PREFIX), "{name}/{path}: id {id:?}");
            }
            let ids: Vec<String> =
                ids.iter().map(|id| id[hanji_render::ID_PREFIX.len()..].to_owned()).collect();
            let unique: HashSet<&str> = ids.iter().map(String::as_str).collect();
            assert_eq!(unique.len(), ids.len(), "{name}/{path}: repeated element ids {ids:?}");
            // Block ids start with `^`; footnote definitions are numbered.
            let heading_ids: Vec<&str> = ids
                .iter()
                .map(String::as_str)
                .filter(|id| !id.starts_with('^') && !id.chars().all(|c| c.is_ascii_digit()))
                .collect();
            let outline: Vec<&str> =
                r.outline.iter().map(|o| o.anchor.as_str()).filter(|a| !a.is_empty()).collect();
            assert_eq!(heading_ids, outline, "{name}/{path}: outline and heading ids differ");
            for href in attribute_values(&r.html, "href") {
                assert!(
                    ["http://", "https://", "mailto:", "#"].iter().any(|s| href.starts_with(s)),
                    "{name}/{path}: href {href}"
                );
            }
            for src in attribute_values(&r.html, "src") {
                assert!(
                    ["vault://", "http://", "https://"].iter().any(|s| src.starts_with(s)),
                    "{name}/{path}: src {src}"
                );
            }
        }
    }
    assert!(notes > 40, "only {notes} notes found");
}
