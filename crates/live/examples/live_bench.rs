//! Benchmark of the live session on a generated vault: cold load against
//! warm reopen, one-file changes, watcher latency (write to searchable), and
//! a burst of writes. Run by `bench/live.sh` (which measures memory in a
//! separate `hanji watch` process); prints one JSON object.
//!
//! Usage: live_bench VAULT [CHANGES]
//! The vault is modified (notes get a line appended) and restored at the end.

// A benchmark aborts on any failure; an unwrap here is an assertion.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use hanji_core::Vault;
use hanji_live::{LiveSession, Session};

#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn median(v: &mut [f64]) -> f64 {
    percentile(v, 50.0)
}

fn percentile(v: &mut [f64], p: f64) -> f64 {
    v.sort_by(f64::total_cmp);
    let i = ((p / 100.0) * (v.len() - 1) as f64).round() as usize;
    v[i.min(v.len() - 1)]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

struct Rng(u64);
impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let root = PathBuf::from(args.get(1).expect("usage: live_bench VAULT [CHANGES]"));
    let changes: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(200);
    let work = tempfile::tempdir().unwrap();
    let cache_dir = work.path().join("cache");

    // Cold: no cache, every note read and parsed, index built from nothing.
    let t = Instant::now();
    let (cold, cold_report) = Session::open(&root, None).unwrap();
    let cold_total = ms(t.elapsed());
    let cold_load = ms(cold_report.load);
    drop(cold);

    // Fill the cache and the index once, then reopen warm several times.
    drop(Session::open(&root, Some(&cache_dir)).unwrap());
    let mut warm_restored = Vec::new();
    let mut warm_load = Vec::new();
    let mut warm_total = Vec::new();
    for _ in 0..7 {
        let t = Instant::now();
        let (s, report) = Session::open(&root, Some(&cache_dir)).unwrap();
        warm_total.push(ms(t.elapsed()));
        warm_restored.push(report.restored.map_or(f64::NAN, ms));
        warm_load.push(ms(report.load));
        assert_eq!(report.cache.as_ref().map(|c| c.parsed), Some(0));
        assert_eq!(report.index.indexed, 0);
        // Search and backlinks answer at once after a warm open.
        assert!(s.search("쿠버네티스", 10).is_ok());
        drop(s);
    }

    let (mut session, _) = Session::open(&root, Some(&cache_dir)).unwrap();
    let paths: Vec<PathBuf> = (0..session.vault().notes().len())
        .map(|i| session.vault().disk_path(hanji_core::NoteId(i as u32)))
        .collect();
    let mut originals: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);

    // One-file changes applied directly: parse, resolve, graph, tags, index, cache.
    let mut change_ms = Vec::new();
    for i in 0..changes {
        let p = &paths[rng.below(paths.len())];
        let text = fs::read(p).unwrap();
        originals.push((p.clone(), text.clone()));
        let mut new = text;
        new.extend_from_slice(format!("\n변경 {i} [[쿠버네티스]] #bench\n").as_bytes());
        fs::write(p, new).unwrap();
        let e = session.refresh(std::slice::from_ref(p));
        assert_eq!(e.modified.len(), 1, "{e:?}");
        change_ms.push(ms(e.elapsed));
    }

    // Through the watcher: from a write by "another program" to the change
    // being applied (searchable, in backlinks), debounce included.
    let (live, events) = LiveSession::start(session, Duration::from_millis(50)).unwrap();
    let mut latency_ms = Vec::new();
    for i in 0..changes.min(100) {
        let p = &paths[rng.below(paths.len())];
        let text = fs::read(p).unwrap();
        originals.push((p.clone(), text.clone()));
        let token = format!("hanjitoken{i}x");
        let mut new = text;
        new.extend_from_slice(format!("\n{token} [[쿠버네티스]]\n").as_bytes());
        let t = Instant::now();
        fs::write(p, new).unwrap();
        loop {
            let e = events.recv_timeout(Duration::from_secs(5)).expect("change event");
            if !e.modified.is_empty() {
                break;
            }
        }
        latency_ms.push(ms(t.elapsed()));
        let found = live.read().unwrap().search(&token, 1).unwrap().total;
        assert_eq!(found, 1, "{token} is searchable once the event is out");
    }

    // A burst, like a git checkout: 2,000 notes rewritten at once.
    let burst: Vec<&PathBuf> = paths.iter().take(2000).collect();
    let t = Instant::now();
    for (i, p) in burst.iter().enumerate() {
        let text = fs::read(p).unwrap();
        originals.push(((*p).clone(), text.clone()));
        let mut new = text;
        new.extend_from_slice(format!("\nburst {i}\n").as_bytes());
        fs::write(p, new).unwrap();
    }
    let mut seen = std::collections::HashSet::new();
    while seen.len() < burst.len() {
        let e = events.recv_timeout(Duration::from_secs(30)).expect("burst events");
        seen.extend(e.modified);
    }
    let burst_s = t.elapsed().as_secs_f64();
    let burst_hits = live.read().unwrap().search("burst", 0).unwrap().total;
    drop(live);

    // Put the vault back as it was (first saved copy of each file wins).
    let mut restored = std::collections::HashSet::new();
    for (p, text) in originals {
        if restored.insert(p.clone()) {
            fs::write(&p, text).unwrap();
        }
    }

    let notes = Vault::load(&root).map(|v| v.notes().len()).unwrap_or(0);
    println!(
        "{{\"vault\":{:?},\"notes\":{notes},\"cold_load_ms\":{cold_load:.1},\"cold_total_ms\":{cold_total:.1},\
         \"warm_restored_ms\":{:.1},\"warm_load_ms\":{:.1},\"warm_total_ms\":{:.1},\
         \"change_p50_ms\":{:.2},\"change_p99_ms\":{:.2},\
         \"write_to_searchable_p50_ms\":{:.1},\"write_to_searchable_p99_ms\":{:.1},\
         \"burst_2000_s\":{burst_s:.2},\"burst_hits\":{burst_hits}}}",
        root.display().to_string(),
        median(&mut warm_restored),
        median(&mut warm_load),
        median(&mut warm_total),
        median(&mut change_ms),
        percentile(&mut change_ms, 99.0),
        median(&mut latency_ms),
        percentile(&mut latency_ms, 99.0),
    );
}
