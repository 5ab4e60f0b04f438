//! Shared by the file-operation tests: copying a fixture vault, rendering a
//! plan as text, and the proof that an applied operation kept every link.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use hanji_core::ops::{Operation, Plan};
use hanji_core::path::VaultPath;
use hanji_core::settings::{LinkFormat, TrashOption};
use hanji_core::{Target, Vault};

pub fn testdata(scenario: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/testdata").join(scenario)
}

/// Copies the folder `from` into `to` (created), following nothing special.
pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("make folder");
    for e in fs::read_dir(from).expect("list") {
        let e = e.expect("entry");
        let dest = to.join(e.file_name());
        if e.file_type().expect("type").is_dir() {
            copy_dir(&e.path(), &dest);
        } else {
            fs::copy(e.path(), &dest).expect("copy");
        }
    }
}

/// A temporary copy of a fixture vault, and a cache folder beside it.
pub struct Scratch {
    pub dir: tempfile::TempDir,
}

impl Scratch {
    pub fn of(scenario: &str) -> Scratch {
        let dir = tempfile::tempdir().expect("temp dir");
        copy_dir(&testdata(scenario), &dir.path().join("vault"));
        Scratch { dir }
    }

    pub fn empty() -> Scratch {
        let dir = tempfile::tempdir().expect("temp dir");
        fs::create_dir_all(dir.path().join("vault")).expect("vault");
        Scratch { dir }
    }

    pub fn root(&self) -> PathBuf {
        self.dir.path().join("vault")
    }

    pub fn ops(&self) -> PathBuf {
        self.dir.path().join("cache").join("ops")
    }

    pub fn write(&self, path: &str, text: &str) {
        let p = self.root().join(path);
        fs::create_dir_all(p.parent().expect("parent")).expect("folders");
        fs::write(p, text).expect("write");
    }

    pub fn read(&self, path: &str) -> String {
        fs::read_to_string(self.root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
    }
}

pub fn mv(from: &str, to: &str) -> Operation {
    Operation::Move { from: vp(from), to: vp(to) }
}

pub fn rm(path: &str) -> Operation {
    Operation::Delete { path: vp(path) }
}

pub fn vp(p: &str) -> VaultPath {
    VaultPath::new(p).unwrap_or_else(|| panic!("{p:?} is not a vault path"))
}

/// The plan as lines: moves, deletes, then each edit.
pub fn render(plan: &Plan) -> String {
    let mut out = String::new();
    if let Some((f, t)) = &plan.folder {
        out += &format!("folder {} -> {}\n", f.as_str(), t.as_str());
    }
    for (f, t) in &plan.moves {
        out += &format!("move {} -> {}\n", f.as_str(), t.as_str());
    }
    for d in &plan.deletes {
        out += &format!("delete {}\n", d.as_str());
    }
    for n in &plan.notes {
        for e in &n.edits {
            out += &format!("edit {}:{} {:?} -> {:?}\n", n.path.as_str(), e.line, e.old, e.new);
        }
    }
    if plan.adopted > 0 {
        out += &format!("adopted {}\n", plan.adopted);
    }
    if plan.unresolved > 0 {
        out += &format!("unresolved {}\n", plan.unresolved);
    }
    out
}

/// Every link of every note: (note path, link index) → target path, or
/// `None` when unresolved.
pub fn targets(v: &Vault) -> BTreeMap<(String, usize), Option<String>> {
    let mut out = BTreeMap::new();
    for n in v.notes() {
        for (i, l) in n.links.iter().enumerate() {
            let t = match l.target {
                Target::Note { note, .. } => Some(v.note(note).path.as_str().to_owned()),
                Target::Attachment(a) => Some(v.attachment(a).path.as_str().to_owned()),
                Target::Unresolved { .. } => None,
            };
            out.insert((n.path.as_str().to_owned(), i), t);
        }
    }
    out
}

/// Where `path` is after `op` (`None`: deleted).
pub fn mapped(op: &Operation, path: &str) -> Option<String> {
    match op {
        Operation::Move { from, to } => {
            if path == from.as_str() {
                return Some(to.as_str().to_owned());
            }
            match path.strip_prefix(&format!("{}/", from.as_str())) {
                Some(rest) => Some(format!("{}/{rest}", to.as_str())),
                None => Some(path.to_owned()),
            }
        }
        Operation::Delete { path: p } => {
            let gone = path == p.as_str() || path.starts_with(&format!("{}/", p.as_str()));
            (!gone).then(|| path.to_owned())
        }
        // The files are at their new paths already.
        Operation::Relink { .. } | Operation::RenameHeading { .. } => Some(path.to_owned()),
    }
}

/// Every file's bytes by vault path (notes and attachments).
pub fn contents(v: &Vault) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for n in v.notes() {
        let id = v.note_by_path(n.path.as_str()).expect("note");
        out.insert(n.path.as_str().to_owned(), fs::read(v.disk_path(id)).expect("read note"));
    }
    for a in v.attachments() {
        out.insert(a.path.as_str().to_owned(), fs::read(&a.disk_path).expect("read attachment"));
    }
    out
}

/// Plans and applies `op` on the vault at `root`, then proves the
/// invariant with a fresh load: every link leads where it led (the moved
/// file at its new path; a deleted one nowhere), every unresolved link
/// stays unresolved unless it was adopted, and every file the plan did not
/// edit has the same bytes. Returns the plan.
pub fn apply_and_prove(root: &Path, ops: &Path, op: &Operation) -> Plan {
    let before = Vault::load(root).expect("load before");
    let plan =
        before.plan_operation(op, LinkFormat::Shortest).unwrap_or_else(|e| panic!("{op:?}: {e}"));
    let t0 = targets(&before);
    let c0 = contents(&before);
    hanji_core::ops::apply(root, ops, &plan, &|p| before.disk_place(p), TrashOption::Local)
        .unwrap_or_else(|e| panic!("applying {op:?}: {e}"));
    let after = Vault::load(root).expect("load after");
    prove(op, &plan, &t0, &c0, &after);
    plan
}

pub fn prove(
    op: &Operation,
    plan: &Plan,
    t0: &BTreeMap<(String, usize), Option<String>>,
    c0: &BTreeMap<String, Vec<u8>>,
    after: &Vault,
) {
    let t1 = targets(after);
    let moved: Vec<String> = plan.moves.iter().map(|(_, t)| t.as_str().to_owned()).collect();
    let mut adopted = 0;
    for ((note, i), target) in t0 {
        let Some(note_after) = mapped(op, note) else { continue };
        let got = t1
            .get(&(note_after.clone(), *i))
            .unwrap_or_else(|| panic!("{op:?}: link {i} of {note} is gone from {note_after}"));
        let want = target.as_deref().and_then(|t| mapped(op, t));
        if want.is_none() && got.as_ref().is_some_and(|g| moved.contains(g)) && target.is_none() {
            adopted += 1;
            continue;
        }
        assert_eq!(got, &want, "{op:?}: link {i} of {note} (now {note_after})");
    }
    assert_eq!(adopted, plan.adopted, "{op:?}: adopted links");
    let links_after = t1.len();
    let links_before = t0.keys().filter(|(n, _)| mapped(op, n).is_some()).count();
    assert_eq!(links_after, links_before, "{op:?}: the number of links");
    let c1 = contents(after);
    let edited: Vec<&str> = plan.notes.iter().map(|n| n.path_after.as_str()).collect();
    for (path, bytes) in c0 {
        let Some(now) = mapped(op, path) else {
            assert!(!c1.contains_key(path), "{op:?}: {path} was deleted");
            continue;
        };
        if edited.contains(&now.as_str()) {
            continue;
        }
        assert_eq!(c1.get(&now), Some(bytes), "{op:?}: {path} (now {now}) keeps its bytes");
    }
    for n in &plan.notes {
        let at = after.disk_place(&n.path_after).expect("edited note is in the vault");
        let text = fs::read_to_string(at).expect("edited note");
        assert_eq!(text, n.text, "{op:?}: {} holds the planned text", n.path_after.as_str());
    }
}
