//! The app's workspace for a vault: the note area's panes (a layout of
//! splits), each pane's open tabs, each tab with its history of places (a
//! note's path and how far it was scrolled), which tab and pane were active,
//! and the notes opened last. Kept in the cache folder (per vault, per
//! machine: derived data, like the graph's positions) so a vault reopens as
//! it was left. Never written into the vault: Obsidian's own
//! `workspace.json` is its business.

use serde::{Deserialize, Serialize};

use crate::Session;

/// One tab: the places of its history, oldest first, and where it is in them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TabPlaces {
    pub paths: Vec<String>,
    pub scrolls: Vec<f64>,
    pub index: u32,
}

/// One pane: its tabs, in order, and the active one.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PaneTabs {
    pub tabs: Vec<TabPlaces>,
    pub active: u32,
}

/// Which way a split lays out its children.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SplitDir {
    /// Side by side.
    Row,
    /// One above the other.
    Column,
}

/// A node of the layout, in preorder: a split with its number of children,
/// or (no `dir`) a pane, the next of [`Workspace::panes`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LayoutNode {
    pub dir: Option<SplitDir>,
    pub children: u32,
    /// A split's share of its room for each child (a divider dragged);
    /// empty, or not one a child, or not all positive: even shares. Kept
    /// as given; the UI reads it back.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sizes: Vec<f64>,
}

/// The panes, their layout and the active pane; the notes opened last.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Workspace {
    pub panes: Vec<PaneTabs>,
    /// Empty: one pane.
    pub layout: Vec<LayoutNode>,
    /// The active pane.
    pub active: u32,
    /// Newest first, across tabs.
    pub recent: Vec<String>,
}

/// A workspace kept before there were panes: one pane's tabs.
#[derive(Deserialize)]
struct OnePane {
    tabs: Vec<TabPlaces>,
    active: u32,
    #[serde(default)]
    recent: Vec<String>,
}

impl Workspace {
    /// Whether it says something coherent: as many scrolls as paths, an
    /// index within them, active tabs and an active pane that exist, and a
    /// layout (if any) that is a whole tree with one leaf per pane.
    fn is_whole(&self) -> bool {
        let tabs_whole = self.panes.iter().all(|p| {
            p.tabs.iter().all(|t| {
                t.paths.len() == t.scrolls.len() && (t.index as usize) < t.paths.len().max(1)
            }) && (p.active as usize) < p.tabs.len().max(1)
        });
        tabs_whole
            && (self.active as usize) < self.panes.len().max(1)
            && (self.layout.is_empty() || layout_leaves(&self.layout) == Some(self.panes.len()))
    }

    /// `bytes` as a kept workspace, also one kept before there were panes.
    fn read(bytes: &[u8]) -> Option<Workspace> {
        serde_json::from_slice::<Workspace>(bytes).ok().or_else(|| {
            let old = serde_json::from_slice::<OnePane>(bytes).ok()?;
            Some(Workspace {
                panes: vec![PaneTabs { tabs: old.tabs, active: old.active }],
                layout: Vec::new(),
                active: 0,
                recent: old.recent,
            })
        })
    }
}

/// How many panes a preorder layout holds, if it is exactly one whole tree
/// (every split with at least one child and a positive share for each, if
/// it has shares, nothing left over).
fn layout_leaves(layout: &[LayoutNode]) -> Option<usize> {
    // Nodes still owed by the splits above; the root is owed first.
    let mut owed = 1usize;
    let mut leaves = 0;
    for node in layout {
        owed = owed.checked_sub(1)?;
        let shares = node.sizes.is_empty()
            || (node.sizes.len() == node.children as usize
                && node.sizes.iter().all(|s| s.is_finite() && *s > 0.0));
        match node.dir {
            _ if !shares => return None,
            None if !node.sizes.is_empty() => return None,
            None => leaves += 1,
            Some(_) if node.children == 0 => return None,
            Some(_) => owed += node.children as usize,
        }
    }
    (owed == 0).then_some(leaves)
}

const FILE: &str = "workspace.json";

impl Session {
    /// The workspace kept last time; none without a cache folder, or when
    /// it cannot be read (it is a convenience, never worth an error).
    pub fn workspace(&self) -> Option<Workspace> {
        let dir = self.cache_dir.as_ref()?;
        let bytes = std::fs::read(dir.join(FILE)).ok()?;
        Workspace::read(&bytes).filter(Workspace::is_whole)
    }

    /// Keeps `workspace` for next time (written whole, atomically).
    pub fn save_workspace(&self, workspace: &Workspace) -> std::io::Result<()> {
        let Some(dir) = &self.cache_dir else { return Ok(()) };
        if !workspace.is_whole() {
            return Err(std::io::Error::other(
                "a tab with more paths than scroll offsets, an index past them, or a layout that does not hold the panes",
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

    fn tab(paths: &[&str], index: u32) -> TabPlaces {
        TabPlaces {
            paths: paths.iter().map(|p| p.to_string()).collect(),
            scrolls: vec![0.0; paths.len()],
            index,
        }
    }

    const PANE: LayoutNode = LayoutNode { dir: None, children: 0, sizes: Vec::new() };

    fn split(dir: SplitDir, children: u32) -> LayoutNode {
        LayoutNode { dir: Some(dir), children, sizes: Vec::new() }
    }

    #[test]
    fn the_workspace_is_kept_in_the_cache_and_read_back() {
        let vault = tempfile::tempdir().unwrap();
        std::fs::write(vault.path().join("A.md"), "# A\n").unwrap();
        let cache = tempfile::tempdir().unwrap();
        let (s, _) = Session::open(vault.path(), Some(cache.path())).unwrap();
        assert_eq!(s.workspace(), None, "nothing kept yet");
        let w = Workspace {
            panes: vec![
                PaneTabs { tabs: vec![tab(&["A.md", "B.md"], 1), TabPlaces::default()], active: 1 },
                PaneTabs { tabs: vec![tab(&["C.md"], 0)], active: 0 },
                PaneTabs { tabs: vec![tab(&["D.md"], 0)], active: 0 },
            ],
            layout: vec![
                LayoutNode { sizes: vec![0.3, 0.7], ..split(SplitDir::Row, 2) },
                PANE,
                split(SplitDir::Column, 2),
                PANE,
                PANE,
            ],
            active: 2,
            recent: vec!["B.md".into(), "A.md".into()],
        };
        s.save_workspace(&w).unwrap();
        assert_eq!(s.workspace(), Some(w));
        // A file kept before there were panes is one pane.
        std::fs::write(
            cache.path().join(FILE),
            br#"{"tabs":[{"paths":["A.md"],"scrolls":[3.5],"index":0}],"active":0}"#,
        )
        .unwrap();
        let old = s.workspace().unwrap();
        assert_eq!((old.panes.len(), old.layout.len(), old.active), (1, 0, 0));
        assert_eq!(old.panes[0].tabs[0].scrolls, [3.5]);
    }

    #[test]
    fn an_incoherent_workspace_is_neither_kept_nor_read() {
        let vault = tempfile::tempdir().unwrap();
        let cache = tempfile::tempdir().unwrap();
        let (s, _) = Session::open(vault.path(), Some(cache.path())).unwrap();
        let one = PaneTabs { tabs: vec![tab(&["A.md"], 0)], active: 0 };
        let bad_tab = Workspace {
            panes: vec![PaneTabs {
                tabs: vec![TabPlaces { paths: vec!["A.md".into()], scrolls: vec![], index: 0 }],
                active: 0,
            }],
            ..Workspace::default()
        };
        assert!(s.save_workspace(&bad_tab).is_err());
        for layout in [
            vec![split(SplitDir::Row, 2), PANE],
            vec![PANE, PANE],
            vec![split(SplitDir::Row, 0)],
            vec![LayoutNode { sizes: vec![1.0], ..split(SplitDir::Row, 2) }, PANE, PANE],
            vec![LayoutNode { sizes: vec![0.5, 0.0], ..split(SplitDir::Row, 2) }, PANE, PANE],
            vec![LayoutNode { sizes: vec![0.5, f64::NAN], ..split(SplitDir::Row, 2) }, PANE, PANE],
        ] {
            let w =
                Workspace { panes: vec![one.clone(), one.clone()], layout, ..Workspace::default() };
            assert!(s.save_workspace(&w).is_err(), "{:?}", w.layout);
        }
        let w = Workspace { panes: vec![one.clone()], active: 1, ..Workspace::default() };
        assert!(s.save_workspace(&w).is_err(), "no second pane to be active");
        std::fs::write(cache.path().join(FILE), b"{not json").unwrap();
        assert_eq!(s.workspace(), None);
    }
}
