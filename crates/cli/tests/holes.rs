//! Regression tests of the `hanji` binary for the holes found by attacking
//! it, each named after the defect: a cache folder inside the vault (whose
//! `search/` folder a rebuild deleted), panics on a closed pipe and on a
//! huge `--limit`, queries starting with `-`, cache folders left behind for
//! a mistyped vault, and phantom search hits or a drifting cache after
//! `kill -9` of `watch` in the middle of random churn.

// Tests fail loudly on purpose: an unwrap here is an assertion.
#![allow(clippy::unwrap_used)]

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use serde_json::Value;

fn hanji(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hanji")).args(args).output().expect("hanji runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn sample() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../vault-sample").display().to_string()
}

/// `hanji search VAULT q --cache-dir VAULT` used to delete the vault's own
/// `search/` folder (the index folder had no version file, so it was
/// "rebuilt"). A cache folder inside the vault is refused, and nothing in
/// the vault is touched.
#[test]
fn a_cache_dir_inside_the_vault_is_refused_and_nothing_is_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let vault = dir.path().join("vault");
    std::fs::create_dir_all(vault.join("search")).unwrap();
    std::fs::write(vault.join("search/검색 엔진.md"), "# 검색 엔진\n").unwrap();
    std::fs::write(vault.join("a.md"), "# A\n").unwrap();
    let v = vault.display().to_string();
    for cache in
        [v.clone(), format!("{v}/search"), format!("{v}/new-cache")].iter().map(String::as_str)
    {
        for cmd in [&["search", &v, "엔진"][..], &["check", &v][..]] {
            let mut args = cmd.to_vec();
            args.extend(["--cache-dir", cache]);
            let out = hanji(&args);
            assert_eq!(out.status.code(), Some(1), "{args:?}: {}", text(&out.stdout));
            assert!(text(&out.stderr).contains("inside the vault"), "{}", text(&out.stderr));
        }
    }
    assert_eq!(
        std::fs::read_to_string(vault.join("search/검색 엔진.md")).unwrap(),
        "# 검색 엔진\n"
    );
    let mut left: Vec<String> = std::fs::read_dir(&vault)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, ["a.md", "search"], "nothing was created in the vault");
}

/// Text output into a closed pipe (`hanji graph V --format dot | head -1`)
/// panicked. It now ends quietly, with success.
#[test]
fn output_into_a_closed_pipe_ends_quietly() {
    let v = sample();
    let commands: &[&[&str]] = &[
        &["graph", &v, "--format", "dot"],
        &["graph", &v],
        &["backlinks", &v, "Developer"],
        &["links", &v, "Developer"],
        &["orphans", &v],
        &["tag", &v, "면접"],
        &["tags", &v],
        &["check", &v],
        &["check", &v, "--json"],
        &["search", &v, "면접"],
    ];
    for args in commands {
        let mut all = args.to_vec();
        all.push("--no-cache");
        let mut child = Command::new(env!("CARGO_BIN_EXE_hanji"))
            .args(&all)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Closed before the vault is even loaded: every write meets a
        // closed pipe.
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let stderr = text(&out.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert!(out.status.success(), "{args:?}: {:?} {stderr}", out.status);
    }
}

/// `--limit 18446744073709551615` panicked with "capacity overflow"; a
/// large limit now means "all", without allocating it.
#[test]
fn a_huge_search_limit_means_all() {
    let v = sample();
    let all = hanji(&["search", &v, "면접", "--limit", "0", "--json", "--no-cache"]);
    let huge =
        hanji(&["search", &v, "면접", "--limit", "18446744073709551615", "--json", "--no-cache"]);
    assert!(huge.status.success(), "{}", text(&huge.stderr));
    let (a, b): (Value, Value) = (
        serde_json::from_slice(&all.stdout).unwrap(),
        serde_json::from_slice(&huge.stdout).unwrap(),
    );
    let paths = |v: &Value| -> Vec<String> {
        v.as_array().unwrap().iter().map(|h| h["path"].as_str().unwrap().to_owned()).collect()
    };
    assert!(!paths(&a).is_empty());
    assert_eq!(paths(&a), paths(&b));
}

/// `hanji search V "-draft 면접"` was taken as an unknown flag (exit 2).
#[test]
fn a_query_starting_with_a_minus_is_a_query() {
    let v = sample();
    let out = hanji(&["search", &v, "-draft 면접", "--json", "--no-cache"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let hits: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(!hits.as_array().unwrap().is_empty(), "면접 notes without 'draft'");
}

/// A mistyped vault path used to leave a cache folder behind.
#[test]
fn a_mistyped_vault_leaves_no_cache_folder() {
    let dir = tempfile::tempdir().unwrap();
    let cache_home = dir.path().join("cache-home");
    for cmd in ["check", "search", "watch"] {
        let mut args = vec![cmd, "/no/such/vault-typo"];
        if cmd == "search" {
            args.push("q");
        }
        let out = Command::new(env!("CARGO_BIN_EXE_hanji"))
            .args(&args)
            .env("XDG_CACHE_HOME", &cache_home)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{cmd}");
        assert!(text(&out.stderr).contains("does not exist"), "{}", text(&out.stderr));
    }
    assert!(!cache_home.exists(), "no cache folder was made");
}

/// The notes whose search hits `hanji search` prints, read from its JSON.
fn hit_paths(args: &[&str]) -> Vec<String> {
    let out = hanji(args);
    assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
    let hits: Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut paths: Vec<String> =
        hits.as_array().unwrap().iter().map(|h| h["path"].as_str().unwrap().to_owned()).collect();
    paths.sort();
    paths
}

#[path = "../../../tests/support/churn.rs"]
mod churn;

/// `hanji check --json` with the kept cache against a fresh load: the
/// counts and the problems (as sorted lines) must be the same.
fn check_summary(args: &[&str]) -> (Value, Vec<String>) {
    let out = hanji(args);
    assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
    let mut report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut problems: Vec<String> =
        report["problems"].as_array().unwrap().iter().map(|p| p.to_string()).collect();
    problems.sort();
    report.as_object_mut().unwrap().remove("problems");
    (report, problems)
}

/// `kill -9` of `hanji watch` during a burst used to leave search hits for
/// files that no longer exist, for good (the index committed before the
/// manifest said so). Each round runs `watch`, writes a burst of notes
/// mixed with random churn (edits, moves, deletes, NFC/NFD twins, a folder
/// replaced by a file, names that are not Unicode), kills `watch` at a
/// different moment of it, changes more while nothing runs, and then asks
/// through the kept cache and index: search results and `check` must equal
/// those of a fresh load.
#[cfg(unix)]
#[test]
fn kill_9_of_watch_mid_burst_leaves_no_phantom_hits() {
    let dir = tempfile::tempdir().unwrap();
    let vault = dir.path().join("vault");
    let cache = dir.path().join("cache");
    std::fs::create_dir_all(&vault).unwrap();
    std::fs::write(vault.join("기존.md"), "# 기존\n유령 아님\n").unwrap();
    let mut rng = churn::Rng::new(77);
    for _ in 0..15 {
        churn::step(&vault, &mut rng);
    }
    let (v, c) = (vault.display().to_string(), cache.display().to_string());
    for round in 0..30u64 {
        let mut watch = Command::new(env!("CARGO_BIN_EXE_hanji"))
            .args(["watch", &v, "--cache-dir", &c, "--json", "--debounce-ms", "5"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(watch.stdout.take().unwrap()).lines();
        let ready = lines.next().unwrap().unwrap();
        assert!(ready.contains("\"ready\""), "{ready}");
        // A burst of new notes, each mentioning the word, with churn in
        // between, written a few milliseconds apart so that batches are
        // being applied (indexed, committed, journaled) when the kill lands,
        // at a different moment each round.
        let kill_after = 5 + (round * 7) % 40;
        for i in 0..50u64 {
            std::fs::write(
                vault.join(format!("유령 {round}-{i}.md")),
                format!("# 유령 {i}\n유령 노트\n"),
            )
            .unwrap();
            if i % 5 == 0 {
                let _ = if rng.below(2) == 0 {
                    churn::step(&vault, &mut rng)
                } else {
                    churn::awkward(&vault, &mut rng)
                };
            }
            std::thread::sleep(Duration::from_millis(2 + (i * 7 + round) % 7));
            if i == kill_after {
                std::thread::sleep(Duration::from_micros((round * 1_337) % 9_000));
                watch.kill().unwrap();
            }
        }
        let _ = watch.wait();
        // While nothing runs, some of the burst goes away again, and more
        // churn happens.
        for i in (0..50u64).filter(|i| i % 3 != 0) {
            let _ = std::fs::remove_file(vault.join(format!("유령 {round}-{i}.md")));
        }
        churn::step(&vault, &mut rng);
        for q in ["유령", "쿠버네티스", "tag:면접"] {
            let kept = hit_paths(&["search", &v, q, "--limit", "0", "--json", "--cache-dir", &c]);
            let fresh = hit_paths(&["search", &v, q, "--limit", "0", "--json", "--no-cache"]);
            let phantoms: Vec<&String> = kept.iter().filter(|p| !fresh.contains(p)).collect();
            let missing: Vec<&String> = fresh.iter().filter(|p| !kept.contains(p)).collect();
            assert!(
                phantoms.is_empty() && missing.is_empty(),
                "round {round}, killed after note {kill_after}, {q}: \
                 phantom hits {phantoms:?}, missing {missing:?}"
            );
        }
        assert_eq!(
            check_summary(&["check", &v, "--json", "--cache-dir", &c]),
            check_summary(&["check", &v, "--json", "--no-cache"]),
            "round {round}"
        );
    }
}
