//! Random churn on a real vault folder, shared by the live-update tests of
//! several crates (included with `#[path]`): creates, edits, renames, moves
//! and deletes of notes with Hangul names that link to each other, of
//! attachments, and renames of whole folders. Deterministic for a seed, so a
//! failure can be replayed.

#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};

/// A small deterministic generator (xorshift64*); the tests need no crate for
/// randomness and stay reproducible across platforms.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const FOLDERS: &[&str] = &["", "면접", "CS", "CS/네트워크", "일기", "Projects"];
const NAMES: &[&str] = &[
    "쿠버네티스",
    "Redis",
    "redis",
    "이력서",
    "면접 질문",
    "프로세스와 스레드",
    "TCP",
    "자기소개",
    "Note",
    "회고",
];
const HEADINGS: &[&str] = &["개요", "장점", "Summary", "질문", "답변"];
const TAGS: &[&str] = &["#면접", "#cs/network", "#CS", "#이력서", "#면접/기술", "#todo"];

/// What one step did on disk: the paths a file watcher would report.
pub struct Step {
    pub description: String,
    pub touched: Vec<PathBuf>,
}

/// The files of the vault, as the churn sees them (relative paths).
fn files(root: &Path, ext: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_owned()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = fs::read_dir(&dir) else { continue };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|e| e == ext) {
                if let Ok(rel) = p.strip_prefix(root) {
                    out.push(rel.to_string_lossy().into_owned());
                }
            }
        }
    }
    out.sort();
    out
}

fn note_text(rng: &mut Rng) -> String {
    let mut s = String::new();
    if rng.below(3) == 0 {
        s.push_str(&format!(
            "---\ntags: [{}]\naliases: [별칭{}]\n---\n",
            &rng.pick(TAGS)[1..],
            rng.below(5)
        ));
    }
    for _ in 0..1 + rng.below(3) {
        s.push_str(&format!("## {}\n\n", rng.pick(HEADINGS)));
        for _ in 0..1 + rng.below(3) {
            let name = rng.pick(NAMES);
            let folder = rng.pick(FOLDERS);
            let link = match rng.below(9) {
                0 => format!("[[{name}]]"),
                1 => format!("[[{name}#{}]]", rng.pick(HEADINGS)),
                2 if !folder.is_empty() => format!("[[{folder}/{name}|별명]]"),
                3 => format!("![[pic{}.png]]", rng.below(2)),
                4 => format!("[[./{name}]]"),
                5 => "[[#개요]]".to_owned(),
                6 => format!("[{name}]({}.md)", name.replace(' ', "%20")),
                7 => format!("[[없는 노트 {}]]", rng.below(3)),
                _ => format!("쿠버네티스를 공부했다 {}", rng.pick(TAGS)),
            };
            s.push_str(&format!("- {link} 내용 {}\n", rng.below(100)));
        }
        s.push('\n');
    }
    s
}

fn write(path: &Path, text: &str) {
    if let Some(dir) = path.parent() {
        let _ = fs::create_dir_all(dir);
    }
    let _ = fs::write(path, text);
}

/// Applies one random change to the vault at `root`.
pub fn step(root: &Path, rng: &mut Rng) -> Step {
    let notes = files(root, "md");
    let roll = rng.below(100);
    let new_path = |rng: &mut Rng| {
        let folder = rng.pick(FOLDERS);
        let name = format!("{}{}.md", rng.pick(NAMES), ["", " 2"][rng.below(2)]);
        if folder.is_empty() {
            name
        } else {
            format!("{folder}/{name}")
        }
    };
    if notes.len() < 4 || roll < 25 {
        let rel = new_path(rng);
        let p = root.join(&rel);
        write(&p, &note_text(rng));
        return Step { description: format!("write {rel}"), touched: vec![p] };
    }
    if roll < 50 {
        let rel = rng.pick(&notes).clone();
        let p = root.join(&rel);
        write(&p, &note_text(rng));
        return Step { description: format!("edit {rel}"), touched: vec![p] };
    }
    if roll < 65 {
        let from = rng.pick(&notes).clone();
        let to = new_path(rng);
        if root.join(&to).exists() {
            return Step { description: format!("skip rename onto {to}"), touched: vec![] };
        }
        let (a, b) = (root.join(&from), root.join(&to));
        if let Some(dir) = b.parent() {
            let _ = fs::create_dir_all(dir);
        }
        let _ = fs::rename(&a, &b);
        return Step { description: format!("move {from} -> {to}"), touched: vec![a, b] };
    }
    if roll < 77 {
        let rel = rng.pick(&notes).clone();
        let p = root.join(&rel);
        let _ = fs::remove_file(&p);
        return Step { description: format!("delete {rel}"), touched: vec![p] };
    }
    if roll < 87 {
        let folder = rng.pick(FOLDERS);
        let rel = format!("{folder}/pic{}.png", rng.below(2)).trim_start_matches('/').to_owned();
        let p = root.join(&rel);
        if p.exists() {
            let _ = fs::remove_file(&p);
            return Step { description: format!("delete {rel}"), touched: vec![p] };
        }
        write(&p, "not really a png");
        return Step { description: format!("add {rel}"), touched: vec![p] };
    }
    if roll < 90 {
        // A Hangul name written in NFD, as macOS writes it.
        let rel =
            format!("{}/\u{1112}\u{1161}\u{11ab}\u{110c}\u{1175}.md", rng.pick(&FOLDERS[1..]));
        let p = root.join(&rel);
        write(&p, &note_text(rng));
        return Step { description: format!("write NFD {rel}"), touched: vec![p] };
    }
    if roll < 96 {
        return awkward(root, rng);
    }
    // Rename a whole folder (and back again later, by chance).
    let pairs = [
        ("면접", "Interview"),
        ("Interview", "면접"),
        ("CS/네트워크", "네트워크"),
        ("네트워크", "CS/네트워크"),
    ];
    let (from, to) = *rng.pick(&pairs);
    let (a, b) = (root.join(from), root.join(to));
    if !a.is_dir() || b.exists() {
        return Step { description: format!("skip folder move {from}"), touched: vec![] };
    }
    if let Some(dir) = b.parent() {
        let _ = fs::create_dir_all(dir);
    }
    let _ = fs::rename(&a, &b);
    Step { description: format!("move folder {from} -> {to}"), touched: vec![a, b] }
}

/// The NFC twin of the NFD name the churn writes (`한지.md`).
const NFC_TWIN: &str = "한지.md";
const NFD_TWIN: &str = "\u{1112}\u{1161}\u{11ab}\u{110c}\u{1175}.md";

/// Changes that used to make live updates drift from the disk: deleting one
/// of an NFC/NFD pair of names, a folder moved away and a file put in its
/// place in one batch, names that are not Unicode, and edits inside a folder
/// reached through a symbolic link.
pub fn awkward(root: &Path, rng: &mut Rng) -> Step {
    let folder = *rng.pick(&FOLDERS[1..]);
    match rng.below(4) {
        0 => {
            // One of the twins comes or goes; the other may still be there.
            let name = [NFC_TWIN, NFD_TWIN][rng.below(2)];
            let p = root.join(folder).join(name);
            if p.exists() {
                let _ = fs::remove_file(&p);
                return Step {
                    description: format!("delete twin {folder}/{name:?}"),
                    touched: vec![p],
                };
            }
            write(&p, &note_text(rng));
            Step { description: format!("write twin {folder}/{name:?}"), touched: vec![p] }
        }
        1 => {
            // `mv folder away && echo x > folder`, seen as one batch; later
            // the file goes and the folder comes back, also in one batch.
            let p = root.join(folder);
            let away = root.with_file_name(format!("away-{}", folder.replace('/', "-")));
            if p.is_dir() {
                let _ = fs::remove_dir_all(&away);
                let _ = fs::rename(&p, &away);
                let _ = fs::write(&p, "a file where a folder was");
                return Step {
                    description: format!("folder {folder} replaced by a file"),
                    touched: vec![p],
                };
            }
            let _ = fs::remove_file(&p);
            let _ = fs::rename(&away, &p);
            Step { description: format!("file {folder} replaced by its folder"), touched: vec![p] }
        }
        2 => non_unicode(root, folder),
        _ => linked_folder(root, rng),
    }
}

#[cfg(unix)]
fn non_unicode(root: &Path, folder: &str) -> Step {
    use std::os::unix::ffi::OsStrExt;
    let p = root.join(folder).join(std::ffi::OsStr::from_bytes(b"bad \xff name.md"));
    if p.exists() {
        let _ = fs::remove_file(&p);
        return Step {
            description: format!("delete non-Unicode name in {folder}"),
            touched: vec![p],
        };
    }
    write(&p, "# not nameable\n");
    Step { description: format!("write non-Unicode name in {folder}"), touched: vec![p] }
}

#[cfg(not(unix))]
fn non_unicode(_root: &Path, folder: &str) -> Step {
    Step { description: format!("skip non-Unicode name in {folder}"), touched: vec![] }
}

/// A folder outside the vault, linked in as `linked/`: notes written there
/// are reported by the vault path they have through the link.
#[cfg(unix)]
fn linked_folder(root: &Path, rng: &mut Rng) -> Step {
    let outside = root.with_file_name("outside");
    let link = root.join("linked");
    if fs::symlink_metadata(&link).is_err() {
        let _ = fs::create_dir_all(&outside);
        let _ = std::os::unix::fs::symlink(&outside, &link);
        return Step { description: "link linked -> outside".to_owned(), touched: vec![link] };
    }
    let name = format!("{}.md", rng.pick(NAMES));
    let p = outside.join(&name);
    if p.exists() && rng.below(3) == 0 {
        let _ = fs::remove_file(&p);
        return Step {
            description: format!("delete linked/{name}"),
            touched: vec![link.join(&name)],
        };
    }
    write(&p, &note_text(rng));
    Step { description: format!("write linked/{name}"), touched: vec![link.join(&name)] }
}

#[cfg(not(unix))]
fn linked_folder(_root: &Path, _rng: &mut Rng) -> Step {
    Step { description: "skip linked folder".to_owned(), touched: vec![] }
}
