//! Vault-relative paths: the one place where file names become the strings the
//! engine compares.
//!
//! A [`VaultPath`] is `/`-separated, relative to the vault root, in Unicode NFC,
//! and never contains `.` or `..` components. Hangul file names written on macOS
//! arrive in NFD; normalising them here, once, means every other stage can compare
//! plain strings. This module does no IO and must never produce a path that
//! points outside the vault.

use std::fmt;

pub use crate::text::nfc;

/// A normalised path of a file inside the vault, such as `Interview/면접.md`.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct VaultPath(Box<str>);

impl VaultPath {
    /// Builds a vault path from `/`-separated components, normalising to NFC and
    /// resolving `.` and `..`. Returns `None` when the path would leave the vault
    /// or is empty.
    pub fn new(raw: &str) -> Option<VaultPath> {
        join_components("", raw).map(|s| VaultPath(s.into_boxed_str()))
    }

    /// Joins `rel` onto the folder `base` (both vault-relative). `None` when the
    /// result would climb above the vault root.
    pub fn join(base: &str, rel: &str) -> Option<VaultPath> {
        join_components(base, rel).map(|s| VaultPath(s.into_boxed_str()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The folder part, `""` for a file at the vault root.
    pub fn parent(&self) -> &str {
        parent_of(&self.0)
    }

    /// The last component, with its extension.
    pub fn file_name(&self) -> &str {
        file_name_of(&self.0)
    }

    /// The last component without its extension (`Note` for `a/Note.md`).
    pub fn stem(&self) -> &str {
        let name = self.file_name();
        match name.rfind('.') {
            Some(i) if i > 0 => &name[..i],
            _ => name,
        }
    }

    /// The extension in lower case, without the dot.
    pub fn extension(&self) -> Option<String> {
        extension_of(self.file_name()).map(str::to_lowercase)
    }

    /// True when this path names a Markdown note.
    pub fn is_markdown(&self) -> bool {
        is_markdown_name(self.file_name())
    }
}

impl fmt::Display for VaultPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for VaultPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

pub fn parent_of(path: &str) -> &str {
    match path.rfind('/') {
        Some(i) => &path[..i],
        None => "",
    }
}

pub fn file_name_of(path: &str) -> &str {
    match path.rfind('/') {
        Some(i) => &path[i + 1..],
        None => path,
    }
}

/// The extension of a file name (`png` for `a.png`), `None` for dotfiles and
/// names without a dot.
pub fn extension_of(name: &str) -> Option<&str> {
    match name.rfind('.') {
        Some(i) if i > 0 && i + 1 < name.len() => Some(&name[i + 1..]),
        _ => None,
    }
}

/// Markdown notes are `.md` files, compared case-insensitively as Obsidian does.
pub fn is_markdown_name(name: &str) -> bool {
    extension_of(name).is_some_and(|e| e.eq_ignore_ascii_case("md"))
}

fn join_components(base: &str, rel: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    let normalised_base;
    let normalised_rel = nfc(rel);
    // A leading `/` means "from the vault root": the base folder is ignored.
    let rel_str: &str = &normalised_rel;
    if !rel_str.starts_with('/') {
        normalised_base = nfc(base);
        for c in normalised_base.split('/') {
            push_component(&mut parts, c)?;
        }
    }
    for c in rel_str.split(['/', '\\']) {
        push_component(&mut parts, c)?;
    }
    if parts.is_empty() {
        return None;
    }
    Some(parts.join("/"))
}

fn push_component<'a>(parts: &mut Vec<&'a str>, c: &'a str) -> Option<()> {
    match c {
        "" | "." => Some(()),
        ".." => parts.pop().map(|_| ()),
        _ => {
            parts.push(c);
            Some(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(base: &str, rel: &str, expect: Option<&str>) {
        let got = VaultPath::join(base, rel);
        assert_eq!(got.as_ref().map(VaultPath::as_str), expect, "join({base:?}, {rel:?})");
    }

    #[test]
    fn joins_and_normalises() {
        check("", "Note.md", Some("Note.md"));
        check("a/b", "./c.md", Some("a/b/c.md"));
        check("a/b", "../c.md", Some("a/c.md"));
        check("a/b", "/c.md", Some("c.md"));
        check("a", "../../etc/passwd", None);
        check("", "..", None);
        check("", "", None);
        check("a", "x\\y.md", Some("a/x/y.md"));
        // NFD Hangul (ᄆ + ᅧ + ᆫ ...) comes out as NFC.
        check("", "\u{1106}\u{1167}\u{11ab}\u{110c}\u{1165}\u{11b8}.md", Some("면접.md"));
    }

    #[test]
    fn parts() {
        let p = VaultPath::new("Interview/Developer.MD").expect("valid path");
        assert_eq!(p.parent(), "Interview");
        assert_eq!(p.file_name(), "Developer.MD");
        assert_eq!(p.stem(), "Developer");
        assert_eq!(p.extension().as_deref(), Some("md"));
        assert!(p.is_markdown());
        let dot = VaultPath::new(".hidden").expect("valid path");
        assert_eq!(dot.stem(), ".hidden");
        assert!(!dot.is_markdown());
    }
}
