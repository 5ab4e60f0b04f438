//! Benchmark of file operations on a large vault (issue 13): planning and
//! applying the rename of a note with 1,000 backlinks, and the move of a
//! folder of about 1,000 notes, each followed by its undo, through a live
//! session (so the vault, index and cache are brought in step too).
//!
//!   cargo run --release -p hanji-live --example ops_bench -- VAULT [RUNS] [FOLDER]
//!
//! The vault is copied to a temporary folder first (the copy is changed:
//! 1,000 notes get a link to a hub note); the original is not touched.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use hanji_core::ops::Operation;
use hanji_core::path::VaultPath;
use hanji_live::Session;

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("folder");
    for e in std::fs::read_dir(from).expect("list") {
        let e = e.expect("entry");
        let name = e.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        let dest = to.join(&name);
        if e.file_type().expect("type").is_dir() {
            copy_dir(&e.path(), &dest);
        } else {
            std::fs::copy(e.path(), &dest).expect("copy");
        }
    }
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1000.0)
}

fn vp(p: &str) -> VaultPath {
    VaultPath::new(p).expect("vault path")
}

/// Times `op` and its undo `runs` times: (plan, apply with the session's
/// update, undo), and the plan's size.
fn time(
    s: &mut Session,
    op: &Operation,
    runs: usize,
) -> (Duration, Duration, Duration, usize, usize) {
    let (mut plans, mut applies, mut undos) = (Vec::new(), Vec::new(), Vec::new());
    let mut updates = Vec::new();
    let (mut notes, mut edits) = (0, 0);
    for _ in 0..runs {
        let t = Instant::now();
        let plan = s.plan(op).expect("plan");
        plans.push(t.elapsed());
        notes = plan.notes.len();
        edits = plan.edit_count();
        let t = Instant::now();
        let done = s.operate(op).expect("apply");
        applies.push(t.elapsed());
        updates.push(done.event.elapsed);
        assert!(done.event.warnings.is_empty(), "{:?}", done.event.warnings);
        let t = Instant::now();
        s.undo().expect("undo");
        undos.push(t.elapsed());
    }
    eprintln!("  of which the session's update (vault, index, cache): {}", ms(median(updates)));
    (median(plans), median(applies), median(undos), notes, edits)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let source = PathBuf::from(args.get(1).expect("usage: ops_bench VAULT [RUNS] [FOLDER]"));
    let runs: usize = args.get(2).and_then(|r| r.parse().ok()).unwrap_or(5);
    let folder = args.get(3).cloned().unwrap_or_else(|| "Archive".to_owned());
    let tmp = tempfile::tempdir().expect("temp dir");
    let root = tmp.path().join("vault");
    let cache = tmp.path().join("cache");
    copy_dir(&source, &root);

    // A hub with 1,000 backlinks: the first 1,000 notes outside `folder`
    // (in path order) link to it, in three forms.
    let mut notes: Vec<PathBuf> = Vec::new();
    let mut stack = vec![root.clone()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("list").flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "md") {
                notes.push(p);
            }
        }
    }
    notes.sort();
    notes.retain(|p| !p.starts_with(root.join(&folder)));
    std::fs::write(root.join("Bench Hub.md"), "# Bench Hub\n").expect("hub");
    for p in notes.iter().take(1000) {
        let mut text = std::fs::read_to_string(p).expect("read");
        text.push_str("\n[[Bench Hub]] · [[Bench Hub|허브]] · [hub](Bench%20Hub.md)\n");
        std::fs::write(p, text).expect("write");
    }
    let t = Instant::now();
    let (mut s, _) = Session::open(&root, Some(&cache)).expect("open");
    eprintln!("opened {} notes in {}", s.vault().notes().len(), ms(t.elapsed()));

    let rename = Operation::Move { from: vp("Bench Hub.md"), to: vp("Career/벤치 허브.md") };
    let (plan, apply, undo, n, e) = time(&mut s, &rename, runs);
    println!(
        "rename a note with 1,000 backlinks ({n} notes, {e} links rewritten): plan {} · plan+apply+session update {} · undo {}  (median of {runs})",
        ms(plan),
        ms(apply),
        ms(undo)
    );
    let count = s
        .vault()
        .notes()
        .iter()
        .filter(|x| x.path.as_str().starts_with(&format!("{folder}/")))
        .count();
    let mv = Operation::Move { from: vp(&folder), to: vp(&format!("Old/{folder}")) };
    let (plan, apply, undo, n, e) = time(&mut s, &mv, runs);
    println!(
        "move the folder {folder}/ of {count} notes ({n} notes, {e} links rewritten): plan {} · plan+apply+session update {} · undo {}  (median of {runs})",
        ms(plan),
        ms(apply),
        ms(undo)
    );
}
