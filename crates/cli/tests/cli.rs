//! End-to-end tests of the `hanji` binary: real processes, real vaults, the
//! JSON contract that scripts rely on, and errors on stderr with a non-zero
//! exit.

// Tests fail loudly on purpose: an unwrap here is an assertion.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Runs `hanji` with `args`; without an explicit `--cache-dir`, with
/// `--no-cache`, so tests never write to the user's cache folder.
fn hanji(args: &[&str]) -> Output {
    let mut all = args.to_vec();
    if !args.contains(&"--cache-dir") && !args.contains(&"--no-cache") {
        all.push("--no-cache");
    }
    Command::new(env!("CARGO_BIN_EXE_hanji"))
        .args(&all)
        .current_dir(repo_root())
        .output()
        .expect("hanji runs")
}

/// Runs `hanji … --json`, asserts success and parses stdout.
fn json(args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.push("--json");
    let out = hanji(&all);
    assert!(
        out.status.success(),
        "hanji {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("stdout is JSON")
}

/// Every `.md` file of vault-sample outside hidden folders.
fn sample_notes() -> Vec<String> {
    fn walk(dir: &Path, root: &Path, out: &mut Vec<String>) {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                continue;
            }
            let p = e.path();
            if p.is_dir() {
                walk(&p, root, out);
            } else if name.ends_with(".md") {
                out.push(p.strip_prefix(root).unwrap().to_string_lossy().into_owned());
            }
        }
    }
    let root = repo_root().join("vault-sample");
    let mut out = Vec::new();
    walk(&root, &root, &mut out);
    out.sort();
    out
}

#[test]
fn check_vault_sample_reports_only_the_deliberate_unresolved_links() {
    let v = json(&["check", "vault-sample"]);
    for field in [
        "notes",
        "attachments",
        "links",
        "embeds",
        "resolved",
        "unresolved",
        "ambiguous",
        "broken_anchors",
        "diagnostics",
    ] {
        assert!(v[field].is_u64(), "{field} is an integer in {v}");
    }
    assert_eq!(v["notes"].as_u64().unwrap() as usize, sample_notes().len());
    assert_eq!(v["attachments"], 4);
    assert_eq!(v["unresolved"], 2);
    assert_eq!(v["ambiguous"], 0);
    assert_eq!(v["broken_anchors"], 0);
    assert_eq!(v["diagnostics"], 0);
    assert_eq!(v["resolved"].as_u64().unwrap() + 2, v["links"].as_u64().unwrap());
    assert!(v["embeds"].as_u64().unwrap() >= 4, "the seed's four image embeds at least");
    let problems: Vec<(String, String)> = v["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (p["kind"].as_str().unwrap().to_owned(), p["target"].as_str().unwrap_or("").to_owned())
        })
        .collect();
    let mut expected = vec![
        ("unresolved".to_owned(), "네트워크 면접 질문".to_owned()),
        ("unresolved".to_owned(), "System Design Interview 2판".to_owned()),
    ];
    let mut got = problems.clone();
    got.sort();
    expected.sort();
    assert_eq!(got, expected);
}

#[test]
fn every_link_the_seeds_wrote_resolves_where_it_should() {
    let links = json(&["links", "vault-sample", "Interview/Developer"]);
    let by_target = |t: &str| -> Value {
        links
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["target"] == t)
            .cloned()
            .unwrap_or_else(|| panic!("no link {t}"))
    };
    let expect = [
        ("-Resume", "Career/-Resume.md"),
        ("About_Development#같이 일하고 싶은 개발자", "Career/About_Development.md"),
        ("Economics", ""),
        ("blog/Deploy_ERP_server_story", "blog/Deploy_ERP_server_story.md"),
        ("Coding#SOLID", ""),
        ("Python#Key Point", ""),
        ("Golang#Key point", ""),
        ("Software#Concurrency", ""),
        ("Architecture#Database", ""),
        ("Architecture#Distributed Systems", ""),
        ("Computer_Architecture#Process, Thread", ""),
        ("Computer_Architecture#memory management", ""),
        ("Software", ""),
        ("Data_Structure", ""),
        ("Team_management", ""),
        ("chatdiagram.jpg", "Attachments/chatdiagram.jpg"),
        ("Pasted image 20250219180643.png", "Attachments/Pasted image 20250219180643.png"),
        ("IMG_0440.jpg", "Attachments/IMG_0440.jpg"),
        ("Pasted image 20240525094542.png", "Attachments/Pasted image 20240525094542.png"),
    ];
    for (target, path) in expect {
        let l = by_target(target);
        assert_ne!(l["kind"], "unresolved", "{target}: {l}");
        assert_ne!(l["anchor"], "broken", "{target}: {l}");
        assert_eq!(l["ambiguous"], false, "{target}: {l}");
        if !path.is_empty() {
            assert_eq!(l["path"], path, "{target}");
        }
        if target.contains('#') {
            assert_eq!(l["anchor"], "found", "{target}: {l}");
        }
    }
}

#[test]
fn backlinks_tags_and_graph_on_the_sample() {
    let back = json(&["backlinks", "vault-sample", "About_Development"]);
    let back = back.as_array().unwrap();
    assert!(back.iter().any(|b| b["source"] == "Interview/Developer.md"), "{back:?}");
    for b in back {
        assert!(b["line"].as_u64().unwrap() >= 1);
        // The line as the note reads: the link's text, not its brackets.
        let snippet = b["snippet"].as_str().unwrap();
        assert!(!snippet.is_empty() && !snippet.contains("[["), "{b}");
    }

    let tags = json(&["tags", "vault-sample"]);
    let tag = |name: &str| tags.as_array().unwrap().iter().find(|t| t["tag"] == name).cloned();
    assert!(tag("면접").is_some_and(|t| t["notes"].as_u64().unwrap() >= 2), "{tags}");
    let interview = tag("interview").expect("#interview exists");
    assert!(
        interview["notes_with_children"].as_u64().unwrap() >= interview["notes"].as_u64().unwrap()
    );

    let prep = json(&["tag", "vault-sample", "면접"]);
    assert!(
        prep.as_array().unwrap().iter().any(|n| n["path"] == "Interview/Developer.md"),
        "{prep}"
    );

    let g = json(&["graph", "vault-sample", "--local", "Developer", "--depth", "1"]);
    let nodes = g["nodes"].as_array().unwrap();
    assert_eq!(nodes[0]["id"], "Interview/Developer.md");
    assert_eq!(nodes[0]["distance"], 0);
    assert!(nodes.iter().any(|n| n["id"] == "Career/About_Development.md"));
    assert!(g["edges"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["links"].as_u64().unwrap() + e["embeds"].as_u64().unwrap() > 0));

    let dot = hanji(&["graph", "vault-sample", "--format", "dot"]);
    let dot = String::from_utf8(dot.stdout).unwrap();
    assert!(
        dot.starts_with("digraph vault {")
            && dot.contains("\"Interview/Developer.md\" -> \"Career/About_Development.md\""),
        "{dot}"
    );
}

#[test]
fn fixture_vault_commands() {
    let orphans = json(&["orphans", "tests/testdata/orphans-and-ghosts"]);
    assert_eq!(orphans, serde_json::json!([{ "path": "Alone.md", "title": "Alone" }]));

    let unlinked = json(&["unlinked", "tests/testdata/unlinked-mentions", "쿠버네티스"]);
    let terms: Vec<&str> =
        unlinked.as_array().unwrap().iter().map(|m| m["term"].as_str().unwrap()).collect();
    assert_eq!(terms, ["쿠버네티스", "k8s", "Kubernetes", "쿠버네티스"]);

    let check = json(&["check", "tests/testdata/links-escaping-vault"]);
    assert_eq!(check["unresolved"], 5);
    assert!(check["problems"].as_array().unwrap().iter().all(|p| p["kind"] == "escapes_vault"));
}

#[test]
fn errors_go_to_stderr_with_a_failure_status() {
    let out = hanji(&["check", "no/such/vault"]);
    assert!(!out.status.success());
    assert!(out.stdout.is_empty());
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).trim(),
        "hanji: error: vault folder no/such/vault does not exist"
    );

    let out = hanji(&["backlinks", "vault-sample", "No Such Note", "--json"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no note matches \"No Such Note\""));

    let out = hanji(&["links", "vault-sample", "chatdiagram.jpg"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("names an attachment"));

    let out = hanji(&["frobnicate"]);
    assert!(!out.status.success());
}

#[test]
fn text_output_is_readable() {
    let out = hanji(&["check", "vault-sample"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("2 unresolved"), "{text}");
    assert!(text.contains("unresolved: no file matches \"네트워크 면접 질문\""), "{text}");
}

#[test]
fn search_prints_ranked_json_results() {
    let cache = std::env::temp_dir().join(format!("hanji-cli-search-{}", std::process::id()));
    let cache_arg = cache.to_str().unwrap();
    let hits =
        json(&["search", "vault-sample", "쿠버네티스", "--limit", "0", "--cache-dir", cache_arg]);
    let hits = hits.as_array().unwrap();
    assert!(hits.len() >= 3, "{hits:?}");
    for h in hits {
        for field in ["path", "title", "snippet"] {
            assert!(h[field].is_string(), "{field} in {h}");
        }
        assert!(h["score"].as_f64().unwrap() > 0.0);
        assert!(h["line"].as_u64().unwrap() >= 1);
        let snippet: Vec<char> = h["snippet"].as_str().unwrap().chars().collect();
        let first = &h["highlights"][0];
        let (a, b) = (first[0].as_u64().unwrap() as usize, first[1].as_u64().unwrap() as usize);
        assert_eq!(snippet[a..b].iter().collect::<String>(), "쿠버네티스");
    }
    let scores: Vec<f64> = hits.iter().map(|h| h["score"].as_f64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]));

    let limited =
        json(&["search", "vault-sample", "쿠버네티스", "--limit", "1", "--cache-dir", cache_arg]);
    assert_eq!(limited.as_array().unwrap().len(), 1);
    assert_eq!(limited[0]["path"], hits[0]["path"]);

    let out = hanji(&["search", "vault-sample", "-", "--cache-dir", cache_arg]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("nothing to search for"));
    let _ = std::fs::remove_dir_all(&cache);
}

#[test]
fn the_metadata_cache_gives_the_same_answers() {
    let cache = std::env::temp_dir().join(format!("hanji-cli-cache-{}", std::process::id()));
    let cache_arg = cache.to_str().unwrap();
    let fresh = json(&["check", "vault-sample", "--no-cache"]);
    let cold = json(&["check", "vault-sample", "--cache-dir", cache_arg]);
    assert!(cache.join("metadata.sqlite").is_file());
    let warm = json(&["check", "vault-sample", "--cache-dir", cache_arg]);
    assert_eq!(cold, fresh);
    assert_eq!(warm, fresh);

    // A cache that is garbage is rebuilt, with a warning, never fatal.
    std::fs::write(cache.join("metadata.sqlite"), b"not a database").unwrap();
    let out = hanji(&["check", "vault-sample", "--json", "--cache-dir", cache_arg]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("metadata cache was rebuilt"));
    assert_eq!(serde_json::from_slice::<Value>(&out.stdout).unwrap(), fresh);

    let out = hanji(&["check", "vault-sample", "--no-cache", "--cache-dir", cache_arg]);
    assert!(!out.status.success(), "--no-cache and --cache-dir conflict");
    let _ = std::fs::remove_dir_all(&cache);
}
