//! The app's workspace for a vault: the open tabs, each with its history of
//! places (a note's path and how far it was scrolled), and which tab was
//! active, kept in the cache folder (per vault, per machine: derived data,
//! like the graph's positions) so a vault reopens as it was left. Never
//! written into the vault: Obsidian's own `workspace.json` is its business.

use serde::{Deserialize, Serialize};

use crate::Session;

/// One tab: the places of its history, oldest first, and where it is in them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TabPlaces {
    pub paths: Vec<String>,
    pub scrolls: Vec<f64>,
    pub index: u32,
}

/// The open tabs, in order, and the active one; the notes opened last.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Workspace {
    pub tabs: Vec<TabPlaces>,
    pub active: u32,
    /// Newest first, across tabs (missing in a file kept before it was).
    #[serde(default)]
    pub recent: Vec<String>,
}

impl Workspace {
    /// Whether it says something coherent (as many scrolls as paths, an
    /// index within them, an active tab that exists).
    fn is_whole(&self) -> bool {
        self.tabs
            .iter()
            .all(|t| t.paths.len() == t.scrolls.len() && (t.index as usize) < t.paths.len().max(1))
            && (self.active as usize) < self.tabs.len().max(1)
    }
}

const FILE: &str = "workspace.json";

impl Session {
    /// The workspace kept last time; none without a cache folder, or when
    /// it cannot be read (it is a convenience, never worth an error).
    pub fn workspace(&self) -> Option<Workspace> {
        let dir = self.cache_dir.as_ref()?;
        let bytes = std::fs::read(dir.join(FILE)).ok()?;
        serde_json::from_slice::<Workspace>(&bytes).ok().filter(Workspace::is_whole)
    }

    /// Keeps `workspace` for next time (written whole, atomically).
    pub fn save_workspace(&self, workspace: &Workspace) -> std::io::Result<()> {
        let Some(dir) = &self.cache_dir else { return Ok(()) };
        if !workspace.is_whole() {
            return Err(std::io::Error::other(
                "a tab with more paths than scroll offsets, or an index past them",
            ));
        }
        std::fs::create_dir_all(dir)?;
        let tmp = dir.join(format!(".{FILE}.tmp"));
        std::fs::write(&tmp, serde_json::to_vec(workspace).map_err(std::io::Error::other)?)?;
        std::fs::rename(&tmp, dir.join(FILE))
    }
}

#[cfg(test)]
mod tests {
    // Tests fail loudly on purpose: an unwrap here is an assertion.
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn the_workspace_is_kept_in_the_cache_and_read_back() {
        let vault = tempfile::tempdir().unwrap();
        std::fs::write(vault.path().join("A.md"), "# A\n").unwrap();
        let cache = tempfile::tempdir().unwrap();
        let (s, _) = Session::open(vault.path(), Some(cache.path())).unwrap();
        assert_eq!(s.workspace(), None, "nothing kept yet");
        let w = Workspace {
            tabs: vec![
                TabPlaces {
                    paths: vec!["A.md".into(), "B.md".into()],
                    scrolls: vec![0.0, 120.5],
                    index: 1,
                },
                TabPlaces::default(),
            ],
            active: 1,
            recent: vec!["B.md".into(), "A.md".into()],
        };
        s.save_workspace(&w).unwrap();
        assert_eq!(s.workspace(), Some(w));
        // A file kept before the recent notes were is still read.
        std::fs::write(cache.path().join(FILE), br#"{"tabs":[],"active":0}"#).unwrap();
        assert_eq!(s.workspace().map(|w| w.recent), Some(vec![]));
        // Nothing of it in the vault.
        let names: Vec<_> =
            std::fs::read_dir(vault.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, ["A.md"]);
        // A workspace that does not hold together is refused, and one that
        // is not JSON is no workspace.
        let bad = Workspace {
            tabs: vec![TabPlaces { paths: vec!["A.md".into()], scrolls: vec![], index: 0 }],
            active: 0,
            recent: vec![],
        };
        assert!(s.save_workspace(&bad).is_err());
        std::fs::write(cache.path().join(FILE), b"{not json").unwrap();
        assert_eq!(s.workspace(), None);
    }
}
