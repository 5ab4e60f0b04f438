//! Where Hanji keeps derived data (the search index) for a vault: in the OS
//! cache directory, never inside the vault, in a folder named after the vault
//! and a hash of its absolute path, so two vaults with the same name do not
//! share it.
//!
//! Only computes a path; creates nothing.

use std::path::{Path, PathBuf};

/// The cache folder for the vault at `vault_root`: `$XDG_CACHE_HOME/hanji/…`,
/// else `$HOME/.cache/hanji/…` (on macOS `~/Library/Caches/hanji/…`, on
/// Windows `%LOCALAPPDATA%\hanji\…`). `None` when no home is known.
pub fn default_cache_dir(vault_root: &Path) -> Option<PathBuf> {
    let base = os_cache_home()?;
    let absolute = std::fs::canonicalize(vault_root)
        .or_else(|_| std::path::absolute(vault_root))
        .unwrap_or_else(|_| vault_root.to_owned());
    let name: String = absolute
        .file_name()
        .map(|n| {
            n.to_string_lossy()
                .chars()
                .map(|c| if c.is_alphanumeric() || c == '-' || c == '_' { c } else { '_' })
                .collect()
        })
        .unwrap_or_else(|| "vault".to_owned());
    Some(
        base.join("hanji")
            .join(format!("{name}-{:016x}", fnv1a(absolute.as_os_str().as_encoded_bytes()))),
    )
}

fn os_cache_home() -> Option<PathBuf> {
    let env = |k: &str| std::env::var_os(k).filter(|v| !v.is_empty()).map(PathBuf::from);
    if cfg!(target_os = "windows") {
        return env("LOCALAPPDATA");
    }
    if cfg!(target_os = "macos") {
        return env("HOME").map(|h| h.join("Library/Caches"));
    }
    env("XDG_CACHE_HOME").or_else(|| env("HOME").map(|h| h.join(".cache")))
}

/// FNV-1a: a stable hash (unlike std's, which may change between releases).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .fold(0xcbf2_9ce4_8422_2325, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stable_and_distinct() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        let a = default_cache_dir(Path::new("/no/such/vault-a"));
        let b = default_cache_dir(Path::new("/no/such/other/vault-a"));
        if let (Some(a), Some(b)) = (a, b) {
            assert_ne!(a, b);
            assert!(a.to_string_lossy().contains("vault-a-"));
        }
    }
}
