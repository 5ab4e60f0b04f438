//! Search benchmark: builds the index for a vault from nothing, then times a
//! fixed, mixed set of 200 queries (Korean and English words, AND, OR,
//! phrases, tag filters, prefixes), and ripgrep over the same files for the
//! same words, in the same run.
//!
//! `cargo run --release -p hanji-search --example search_bench -- VAULT`
//! (bench/search.sh runs it over the generated vaults). Prints Markdown.

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use hanji_core::Vault;
use hanji_search::SearchIndex;

const KO: &[&str] = &[
    "프로젝트",
    "회의",
    "일정",
    "계획",
    "데이터",
    "서버",
    "사용자",
    "문제",
    "해결",
    "결과",
    "분석",
    "정리",
    "면접",
    "이력서",
    "검색",
    "색인",
    "메모리",
    "알고리즘",
    "데이터베이스",
    "동기화",
    "백업",
    "보안",
    "클라우드",
    "생각",
    "기록",
    "피드백",
    "책",
    "습관",
    "운동",
    "커피",
];
const EN: &[&str] = &[
    "rust",
    "tauri",
    "sqlite",
    "search",
    "index",
    "graph",
    "memory",
    "latency",
    "review",
    "design",
    "Architecture",
    "Performance",
    "Workflow",
    "Zettelkasten",
    "Obsidian",
    "Markdown",
    "project",
    "notes",
    "tokenizer",
    "release",
];
const PHRASES: &[&str] =
    &["밀접한 관련이", "이야기를 나눴다", "다시 살펴봐야", "차이를 이해하는", "nothing like this"];
const TAGS: &[&str] = &["개발", "project/alpha", "dev/rust", "독서", "회의", "area/career", "idea"];
const PREFIXES: &[&str] = &["perf*", "arch*", "zettel*", "sync*", "tok*"];

/// A small deterministic generator, so every run asks the same queries.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) as usize
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.next() % xs.len()]
    }
}

fn queries(n: usize) -> Vec<String> {
    let mut r = Lcg(42);
    (0..n)
        .map(|i| match i % 10 {
            0..=2 => r.pick(KO).to_owned(),
            3..=4 => r.pick(EN).to_owned(),
            5 => format!("{} {}", r.pick(KO), r.pick(EN)),
            6 => format!("{} OR {}", r.pick(KO), r.pick(KO)),
            7 => format!("\"{}\"", r.pick(PHRASES)),
            8 => format!("tag:{} {}", r.pick(TAGS), r.pick(KO)),
            _ => r.pick(PREFIXES).to_owned(),
        })
        .collect()
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn ms(d: Duration) -> String {
    format!("{:.3}", d.as_secs_f64() * 1e3)
}

fn main() {
    let vault_dir = PathBuf::from(std::env::args().nth(1).expect("usage: search_bench VAULT"));
    let runs: usize = 5;

    let t = Instant::now();
    let vault = Vault::load(&vault_dir).expect("vault loads");
    let load = t.elapsed();
    let index_dir = std::env::temp_dir().join(format!("hanji-search-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&index_dir);
    let t = Instant::now();
    let mut index = SearchIndex::open(&index_dir).expect("index opens");
    index.sync(&vault).expect("index builds");
    let build = t.elapsed();
    let text_bytes: u64 = vault.notes().iter().map(|n| n.size).sum();
    let index_bytes = index.disk_size();
    // Reopening checks every segment file's checksum (a damaged index is
    // rebuilt, not trusted): what that costs on a warm page cache.
    drop(index);
    let t = Instant::now();
    let mut index = SearchIndex::open(&index_dir).expect("index reopens");
    let reopen = t.elapsed();
    index.sync(&vault).expect("index is in step");
    let reopen_sync = t.elapsed();

    let qs = queries(200);
    // One warm-up pass, then `runs` timed passes over every query.
    let mut totals = Vec::new();
    for q in &qs {
        totals.push(index.rank(q, 20).map(|r| r.total).unwrap_or(0));
    }
    let mut rank_times = Vec::new();
    let mut search_times = Vec::new();
    let mut excluding_times = Vec::new();
    // Excluded files (userIgnoreFilters) as a vault might set them: a
    // folder prefix and a regular expression.
    let excluded = hanji_core::settings::Excluded::new(["Archive/", "/^Daily/"]);
    for _ in 0..runs {
        for q in &qs {
            let t = Instant::now();
            let _ = index.rank(q, 20);
            rank_times.push(t.elapsed());
            let t = Instant::now();
            let _ = index.rank_excluding(q, 20, &excluded);
            excluding_times.push(t.elapsed());
            let t = Instant::now();
            let _ = index.search(&vault, q, 20);
            search_times.push(t.elapsed());
        }
    }
    rank_times.sort();
    search_times.sort();
    excluding_times.sort();

    // ripgrep over the same files for the single words of the query set.
    let mut words: Vec<&str> = KO.iter().take(10).chain(EN.iter().take(10)).copied().collect();
    words.dedup();
    let mut rg_times = Vec::new();
    let rg_ok = Command::new("rg").arg("--version").output().is_ok();
    if rg_ok {
        for w in &words {
            for _ in 0..3 {
                let t = Instant::now();
                let _ = Command::new("rg")
                    .args(["-l", "-F", "-i", "--glob", "*.md", w])
                    .arg(&vault_dir)
                    .output();
                rg_times.push(t.elapsed());
            }
        }
        rg_times.sort();
    }

    let notes = vault.notes().len();
    println!("| notes | load (s) | index build (s) | load + index (s) | text (MB) | index (MB) | index / text |");
    println!("|---:|---:|---:|---:|---:|---:|---:|");
    println!(
        "| {notes} | {:.3} | {:.3} | {:.3} | {:.1} | {:.1} | {:.2}× |",
        load.as_secs_f64(),
        build.as_secs_f64(),
        (load + build).as_secs_f64(),
        text_bytes as f64 / 1e6,
        index_bytes as f64 / 1e6,
        index_bytes as f64 / text_bytes as f64
    );
    println!();
    println!(
        "Reopening the index (every segment's checksum checked): {} ms; with a sync that \
         finds nothing changed: {} ms.",
        ms(reopen),
        ms(reopen_sync)
    );
    println!();
    println!(
        "| {notes} notes, {} queries × {runs} | p50 (ms) | p90 (ms) | p99 (ms) | max (ms) |",
        qs.len()
    );
    println!("|---|---:|---:|---:|---:|");
    for (name, t) in [
        ("rank: top 20 + total", &rank_times),
        ("rank, `Archive/` and `/^Daily/` excluded", &excluding_times),
        ("search: + best line and snippet", &search_times),
    ] {
        println!(
            "| {name} | {} | {} | {} | {} |",
            ms(percentile(t, 0.5)),
            ms(percentile(t, 0.9)),
            ms(percentile(t, 0.99)),
            ms(*t.last().unwrap_or(&Duration::ZERO))
        );
    }
    if rg_ok {
        println!(
            "| ripgrep `rg -l -F -i WORD` ({} words × 3) | {} | {} | {} | {} |",
            words.len(),
            ms(percentile(&rg_times, 0.5)),
            ms(percentile(&rg_times, 0.9)),
            ms(percentile(&rg_times, 0.99)),
            ms(*rg_times.last().unwrap_or(&Duration::ZERO))
        );
    }
    let matched = totals.iter().filter(|&&t| t > 0).count();
    println!();
    println!("{matched} of {} queries match at least one note; median total {}.", qs.len(), {
        let mut t = totals.clone();
        t.sort();
        t[t.len() / 2]
    });
    let _ = std::fs::remove_dir_all(&index_dir);
}
