//! The operating system's trash on Linux and other freedesktop systems
//! (the FreeDesktop.org Trash specification): a deleted file goes to
//! `$XDG_DATA_HOME/Trash/files/` (`~/.local/share/Trash/files/`), with an
//! `info/NAME.trashinfo` beside it saying where it came from and when, so
//! the desktop's file manager lists it and can restore it.
//!
//! Only the home trash is used, and only when it is on the vault's file
//! system (a rename, not a copy: a copy could fail half-way). Otherwise the
//! caller falls back to the vault's `.trash/`. Computes paths and formats
//! the info file; creates the trash's folders when asked; never moves a
//! file itself (the journal does).

use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

/// A usable home trash.
#[derive(Debug, Clone)]
pub(crate) struct SystemTrash {
    files: PathBuf,
    info: PathBuf,
}

impl SystemTrash {
    /// The home trash, its folders made, if it is on the same file system
    /// as `root`; `None` otherwise (or where there is no such trash).
    pub(crate) fn for_vault(root: &Path) -> Option<SystemTrash> {
        let base = std::env::var_os("XDG_DATA_HOME")
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))?;
        let trash = base.join("Trash");
        let (files, info) = (trash.join("files"), trash.join("info"));
        std::fs::create_dir_all(&files).ok()?;
        std::fs::create_dir_all(&info).ok()?;
        same_device(root, &files).then_some(SystemTrash { files, info })
    }

    /// A name free in both folders for a file called `name`, and the paths
    /// of the file and its info there. `taken` are names given out already.
    pub(crate) fn reserve(&self, name: &str, taken: &[PathBuf]) -> (PathBuf, PathBuf) {
        let (stem, ext) = match name.rfind('.') {
            Some(i) if i > 0 => (&name[..i], &name[i..]),
            _ => (name, ""),
        };
        for n in 0u32.. {
            let candidate = if n == 0 { name.to_owned() } else { format!("{stem} {n}{ext}") };
            let file = self.files.join(&candidate);
            let info = self.info.join(format!("{candidate}.trashinfo"));
            if !file.exists() && !info.exists() && !taken.contains(&file) {
                return (file, info);
            }
        }
        (self.files.join(name), self.info.join(format!("{name}.trashinfo")))
    }
}

/// The `.trashinfo` of a file that was at `original` (absolute), deleted now.
pub(crate) fn info_text(original: &Path) -> String {
    let path = original.to_string_lossy();
    let mut encoded = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"/-_.~".contains(&b) {
            encoded.push(b as char);
        } else {
            encoded.push_str(&format!("%{b:02X}"));
        }
    }
    format!("[Trash Info]\nPath={encoded}\nDeletionDate={}\n", timestamp(SystemTime::now()))
}

/// `YYYY-MM-DDThh:mm:ss`, in UTC (the specification asks for local time;
/// file managers read either).
fn timestamp(t: SystemTime) -> String {
    let secs = t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let (days, rest) = ((secs / 86_400) as i64, secs % 86_400);
    // Howard Hinnant's days-to-civil algorithm.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}",
        rest / 3600,
        rest / 60 % 60,
        rest % 60
    )
}

#[cfg(unix)]
fn same_device(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(x), Ok(y)) => x.dev() == y.dev(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_device(_: &Path, _: &Path) -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn info_files_as_the_specification_writes_them() {
        let t = UNIX_EPOCH + Duration::from_secs(1_764_612_245);
        assert_eq!(timestamp(t), "2025-12-01T18:04:05");
        assert_eq!(timestamp(UNIX_EPOCH + Duration::from_secs(951_782_400)), "2000-02-29T00:00:00");
        let info = info_text(Path::new("/home/u/vault/면접 노트.md"));
        assert!(info.starts_with("[Trash Info]\nPath=/home/u/vault/%EB%A9%B4%EC%A0%91%20%EB%85%B8%ED%8A%B8.md\nDeletionDate="));
    }
}
