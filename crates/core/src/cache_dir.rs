//! Where Hanji keeps derived data (the search index) for a vault: in the OS
//! cache directory, never inside the vault, in a folder named after the vault
//! and a hash of its absolute path, so two vaults with the same name do not
//! share it.
//!
//! Only computes and checks paths; creates nothing.

use std::path::{Component, Path, PathBuf};

use crate::error::VaultError;

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

/// Refuses a cache folder inside the vault (the vault itself included): its
/// files would be listed as notes and attachments, and rebuilding a damaged
/// index there could delete the user's own folder of that name. Inside a
/// hidden folder of the vault (`.cache/…` when the vault is the home
/// folder) is fine: hidden folders are not part of the vault.
pub fn check_outside(vault_root: &Path, cache_dir: &Path) -> Result<(), VaultError> {
    let (Some(vault), Some(cache)) = (real_path(vault_root), real_path(cache_dir)) else {
        return Ok(());
    };
    let Ok(inside) = cache.strip_prefix(&vault) else { return Ok(()) };
    let hidden = inside.components().any(|c| match c {
        Component::Normal(name) => name.as_encoded_bytes().first() == Some(&b'.'),
        _ => false,
    });
    if hidden {
        return Ok(());
    }
    Err(VaultError::CacheInsideVault { cache: cache_dir.to_owned(), vault: vault_root.to_owned() })
}

/// The real location of `path`, which need not exist yet: the real path of
/// its nearest existing ancestor, with the rest appended.
fn real_path(path: &Path) -> Option<PathBuf> {
    // `..` in a part that does not exist yet cannot be resolved on disk:
    // take it lexically (for the part that exists, the disk decides).
    let mut absolute = PathBuf::new();
    for c in std::path::absolute(path).ok()?.components() {
        match c {
            Component::ParentDir if !absolute.exists() => {
                absolute.pop();
            }
            other => absolute.push(other),
        }
    }
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = std::fs::canonicalize(existing) {
            return Some(rest.iter().rev().fold(real, |p: PathBuf, c| p.join(c)));
        }
        rest.push(existing.file_name()?.to_owned());
        existing = existing.parent()?;
    }
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
    fn a_cache_folder_inside_the_vault_is_refused() {
        let dir = tempfile::tempdir().expect("temp dir");
        let vault = dir.path().join("vault");
        std::fs::create_dir_all(vault.join("sub")).expect("vault");
        let refused = |cache: &Path| check_outside(&vault, cache).is_err();
        assert!(refused(&vault));
        assert!(refused(&vault.join("sub")));
        assert!(refused(&vault.join("not/yet/made")));
        assert!(refused(&vault.join("sub/../sub/x")));
        assert!(refused(&vault.join("nope/../x")));
        assert!(!refused(&vault.join(".cache/hanji/v")));
        assert!(!refused(&dir.path().join("cache")));
        assert!(!refused(&dir.path().join("vault-cache")));
    }

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
