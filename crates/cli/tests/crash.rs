//! The crash test of issue 13: `hanji mv` renaming a note with 200
//! backlinks is killed with SIGKILL at random moments, 200 times; after
//! each, the next command on the vault finishes or rolls back the
//! operation's journal, and every file is then entirely old or entirely
//! new (never a mix, never missing), with every link resolved.
//!
//! `HANJI_OPS_PAUSE_US` makes each step of applying wait, and the kill
//! times are spread uniformly from a little before the apply starts (the
//! time a `--dry-run`, which opens and plans, takes) to the end of an
//! uninterrupted run, so most kills land inside the operation rather than
//! in the vault's opening.

#![cfg(unix)]

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

const BACKLINKS: usize = 200;

fn hanji(args: &[&str], cache: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_hanji"))
        .args(args)
        .arg("--cache-dir")
        .arg(cache)
        .output()
        .expect("hanji runs")
}

fn old_text(i: usize) -> String {
    format!("# 노트 {i}\n\n[[Hub]] 와 [[Hub|허브]] 그리고 [m](Hub.md).\n")
}

fn new_text(i: usize) -> String {
    format!("# 노트 {i}\n\n[[Hub 운영]] 와 [[Hub 운영|허브]] 그리고 [m](Hub%20운영.md).\n")
}

fn setup(root: &Path) {
    let _ = fs::remove_dir_all(root);
    fs::create_dir_all(root.join("notes")).expect("vault");
    fs::write(root.join("Hub.md"), "# Hub\n").expect("hub");
    for i in 0..BACKLINKS {
        fs::write(root.join("notes").join(format!("n{i:03}.md")), old_text(i)).expect("note");
    }
}

/// `Some(false)`: every file old; `Some(true)`: every file new.
fn state(root: &Path) -> Result<bool, String> {
    let old_hub = root.join("Hub.md").exists();
    let new_hub = root.join("Hub 운영.md").exists();
    if old_hub == new_hub {
        return Err(format!("hub old {old_hub}, new {new_hub}"));
    }
    for i in 0..BACKLINKS {
        let p = root.join("notes").join(format!("n{i:03}.md"));
        let text = fs::read_to_string(&p).map_err(|e| format!("{}: {e}", p.display()))?;
        let want = if new_hub { new_text(i) } else { old_text(i) };
        if text != want {
            return Err(format!(
                "{} is {text:?} with the hub {}",
                p.display(),
                if new_hub { "new" } else { "old" }
            ));
        }
    }
    let temps: Vec<_> = walk(root).into_iter().filter(|p| p.contains("hanji-tmp")).collect();
    if !temps.is_empty() {
        return Err(format!("temporary files left: {temps:?}"));
    }
    Ok(new_hub)
}

fn walk(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for e in fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p.to_string_lossy().into_owned());
        }
    }
    out
}

#[test]
fn a_killed_rename_is_all_or_nothing() {
    let dir = tempfile::tempdir().expect("temp");
    let root = dir.path().join("vault");
    let cache = dir.path().join("cache");
    let root_s = root.to_str().expect("utf-8 path");
    // How long opening and planning take, and an uninterrupted run, to
    // spread the kills over the apply.
    setup(&root);
    let _ = hanji(&["check", root_s], &cache);
    let started = Instant::now();
    let dry = hanji(&["mv", root_s, "Hub.md", "Hub 운영.md", "--dry-run"], &cache);
    assert!(dry.status.success(), "{}", String::from_utf8_lossy(&dry.stderr));
    let planned = started.elapsed();
    let started = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_hanji"))
        .args(["mv", root_s, "Hub.md", "Hub 운영.md", "--cache-dir"])
        .arg(&cache)
        .env("HANJI_OPS_PAUSE_US", "500")
        .output()
        .expect("runs");
    let full = started.elapsed();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(state(&root), Ok(true));

    let mut rng = 0x2545_F491_4F6C_DD1Du64;
    let (mut old, mut new, mut mid) = (0, 0, 0);
    for round in 0..200 {
        setup(&root);
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        let from = planned.mul_f64(0.8).min(full);
        let at = from + (full - from).mul_f64((rng % 10_000) as f64 / 10_000.0);
        let mut child = Command::new(env!("CARGO_BIN_EXE_hanji"))
            .args(["mv", root_s, "Hub.md", "Hub 운영.md", "--cache-dir"])
            .arg(&cache)
            .env("HANJI_OPS_PAUSE_US", "500")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        std::thread::sleep(at);
        // SIGKILL: no destructor, no cleanup, as a crash or power cut.
        let _ = child.kill();
        let _ = child.wait();
        mid += usize::from(cache.join("ops").join("journal.json").exists());
        // The next command recovers, then checks the links.
        let out = hanji(&["check", root_s, "--json"], &cache);
        let report = String::from_utf8_lossy(&out.stdout);
        match state(&root) {
            Ok(true) => new += 1,
            Ok(false) => old += 1,
            Err(e) => panic!("round {round}, killed after {at:?}: {e}"),
        }
        assert!(report.contains("\"unresolved\": 0"), "round {round}: {report}");
    }
    eprintln!("200 kills from {planned:?} to {full:?}: {old} old, {new} new, {mid} with a journal to recover");
    assert!(old >= 10 && new >= 10 && mid >= 20, "{old} old, {new} new, {mid} mid-operation");
}
