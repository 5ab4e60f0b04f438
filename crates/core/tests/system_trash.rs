//! `trashOption: "system"`: a deleted note goes to the freedesktop home
//! trash with its `.trashinfo` (so a file manager can restore it), and
//! Hanji's undo brings it back and removes the info. A test binary of its
//! own, because it sets `XDG_DATA_HOME` for the process.

mod support;

use std::fs;

use hanji_core::ops;
use hanji_core::settings::{LinkFormat, TrashOption};
use hanji_core::Vault;
use support::ops::*;

#[test]
fn a_delete_goes_to_the_system_trash_and_comes_back() {
    let s = Scratch::empty();
    let data = s.dir.path().join("data");
    // This test binary has this one test: no other thread reads the
    // environment meanwhile.
    std::env::set_var("XDG_DATA_HOME", &data);
    s.write("면접 초안.md", "초안\n");
    s.write("Links.md", "[[면접 초안]]\n");
    let v = Vault::load(s.root()).expect("load");
    let plan = v.plan_operation(&rm("면접 초안.md"), LinkFormat::Shortest).expect("plan");
    let applied = ops::apply(&s.root(), &s.ops(), &plan, &|p| v.disk_place(p), TrashOption::System)
        .expect("apply");
    assert!(applied.warnings.is_empty(), "{:?}", applied.warnings);
    let trashed = data.join("Trash/files/면접 초안.md");
    assert_eq!(fs::read_to_string(&trashed).expect("in the trash"), "초안\n");
    let info = fs::read_to_string(data.join("Trash/info/면접 초안.md.trashinfo")).expect("info");
    let original = std::path::absolute(s.root().join("면접 초안.md")).expect("absolute");
    assert!(info.contains("Path=/"), "{info}");
    assert!(info.contains("%EB%A9%B4%EC%A0%91%20%EC%B4%88%EC%95%88.md"), "{info}");
    assert!(!original.exists());
    assert_eq!(s.read("Links.md"), "[[면접 초안]]\n", "links to a deleted note are not edited");
    ops::undo(&s.root(), &s.ops()).expect("undo");
    assert_eq!(s.read("면접 초안.md"), "초안\n");
    assert!(!trashed.exists() && !data.join("Trash/info/면접 초안.md.trashinfo").exists());
}
