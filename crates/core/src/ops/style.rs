//! The new text of a link whose target moved, written in the link's own
//! style, and proved with the resolver.
//!
//! Pure. A link keeps the form it was written in: a bare name stays the
//! shortest name that resolves uniquely; a path from the root stays a path
//! from the root (with or without the leading `/`); a path that was only
//! the last few folders keeps as many; `./` and `../` stay relative to the
//! linking note's folder; `.md` stays written if it was. A bare name to a
//! file at the root, or in the linking note's own folder, is both a name
//! and a path: `newLinkFormat` decides which it was. Every candidate is
//! resolved from the linking note's folder against the files as they will
//! be; the first that lands on the target is the answer, and `None` means
//! no text can (the plan is then refused).

use crate::path::VaultPath;
use crate::resolve::{FileIndex, FileIx, Resolution};
use crate::settings::LinkFormat;

/// How the path of a link was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Form {
    /// `Note`: a file name.
    Name,
    /// `Folder/Note`: the last `n` components of the path (n ≥ 2), or all of
    /// them.
    Suffix(usize),
    /// `Folder/Note` naming every component from the root.
    Full,
    /// `/Folder/Note`.
    Rooted,
    /// `./Note`, `../Folder/Note`.
    Relative,
}

/// The form of `written` (a link's path as the resolver reads it), which
/// named the file at `old` from a note in `source_dir`.
pub(crate) fn form_of(
    written: &str,
    old: &VaultPath,
    source_dir: &str,
    format: LinkFormat,
) -> Form {
    let w = written.trim();
    if w.starts_with("./") || w.starts_with("../") || w == "." || w == ".." {
        return Form::Relative;
    }
    if w.starts_with('/') {
        return Form::Rooted;
    }
    let parts = w.split('/').filter(|p| !p.is_empty()).count();
    let old_parts = old.as_str().split('/').count();
    if parts >= 2 {
        return if parts >= old_parts { Form::Full } else { Form::Suffix(parts) };
    }
    match format {
        LinkFormat::Absolute if old_parts == 1 => Form::Full,
        LinkFormat::Relative if old.parent() == source_dir => Form::Relative,
        _ => Form::Name,
    }
}

/// The text of a link to `target` (id `ix`, at its new path) from a note in
/// `source_dir`, in `form`, with `.md` written when `with_md`.
pub(crate) fn link_text(
    after: &FileIndex,
    source_dir: &str,
    target: &VaultPath,
    ix: FileIx,
    form: Form,
    with_md: bool,
) -> Option<String> {
    let path = target.as_str();
    let written = match path.strip_suffix(".md") {
        Some(stem) if target.is_markdown() && !with_md => stem,
        _ => path,
    };
    let lands = |text: &str| matches!(after.resolve(source_dir, text), Resolution::Found { file, .. } if file == ix);
    let unique = |text: &str| matches!(after.resolve(source_dir, text), Resolution::Found { file, candidates: 1 } if file == ix);
    let suffix = |n: usize| {
        let starts: Vec<usize> =
            std::iter::once(0).chain(written.match_indices('/').map(|(i, _)| i + 1)).collect();
        let at = starts.len().saturating_sub(n);
        written[starts[at]..].to_owned()
    };
    let mut tries: Vec<String> = Vec::new();
    match form {
        Form::Name | Form::Suffix(_) => {
            let least = if let Form::Suffix(n) = form { n } else { 1 };
            let depth = written.split('/').count();
            // As few components as the link had, more if that is ambiguous.
            for n in least.min(depth)..=depth {
                let t = suffix(n);
                if unique(&t) {
                    return Some(t);
                }
            }
            tries.push(format!("/{written}"));
        }
        Form::Full => tries.push(written.to_owned()),
        Form::Rooted => tries.push(format!("/{written}")),
        Form::Relative => {
            let rel = relative(source_dir, written);
            if rel.starts_with("../") {
                tries.push(rel);
            } else {
                tries.push(format!("./{rel}"));
            }
        }
    }
    tries.push(format!("/{written}"));
    tries.into_iter().find(|t| lands(t))
}

/// The path from folder `from` to `to` (both vault paths): `../` as many
/// times as needed, then the rest.
pub(crate) fn relative(from: &str, to: &str) -> String {
    let from: Vec<&str> = from.split('/').filter(|p| !p.is_empty()).collect();
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count()
        .min(to_parts.len().saturating_sub(1));
    let mut out = "../".repeat(from.len() - common);
    out.push_str(&to_parts[common..].join("/"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(paths: &[&str]) -> FileIndex {
        FileIndex::new(
            paths.iter().enumerate().map(|(i, p)| (VaultPath::new(p).expect("path"), i as FileIx)),
        )
    }

    fn check(paths: &[&str], from: &str, target: usize, form: Form, with_md: bool, expect: &str) {
        let ix = index(paths);
        let t = VaultPath::new(paths[target]).expect("path");
        let got = link_text(&ix, from, &t, target as FileIx, form, with_md);
        assert_eq!(got.as_deref(), Some(expect), "{form:?} to {} from {from:?}", paths[target]);
    }

    #[test]
    fn forms_are_kept() {
        let paths = ["Career/Redis 운영.md", "Other.md", "db/Redis.md", "a/b/img.png"];
        check(&paths, "", 0, Form::Name, false, "Redis 운영");
        check(&paths, "", 0, Form::Full, false, "Career/Redis 운영");
        check(&paths, "", 0, Form::Rooted, true, "/Career/Redis 운영.md");
        check(&paths, "db", 0, Form::Relative, false, "../Career/Redis 운영");
        check(&paths, "Career", 0, Form::Relative, true, "./Redis 운영.md");
        check(&paths, "", 3, Form::Suffix(2), false, "b/img.png");
    }

    #[test]
    fn a_name_is_lengthened_when_ambiguous() {
        let paths = ["a/Redis.md", "b/Redis.md"];
        check(&paths, "", 1, Form::Name, false, "b/Redis");
        let paths = ["Redis.md", "redis.md"];
        check(&paths, "", 0, Form::Name, false, "Redis");
    }

    #[test]
    fn forms_of_links() {
        let old = VaultPath::new("Interview/Redis.md").expect("path");
        let f = |w: &str, dir: &str, fmt| form_of(w, &old, dir, fmt);
        assert_eq!(f("Redis", "", LinkFormat::Shortest), Form::Name);
        assert_eq!(f("Interview/Redis", "", LinkFormat::Shortest), Form::Full);
        assert_eq!(f("/Interview/Redis", "", LinkFormat::Shortest), Form::Rooted);
        assert_eq!(f("../Interview/Redis", "x", LinkFormat::Shortest), Form::Relative);
        assert_eq!(f("Redis", "Interview", LinkFormat::Relative), Form::Relative);
        let deep = VaultPath::new("a/b/c.md").expect("path");
        assert_eq!(form_of("b/c", &deep, "", LinkFormat::Shortest), Form::Suffix(2));
        let root = VaultPath::new("Redis.md").expect("path");
        assert_eq!(form_of("Redis", &root, "", LinkFormat::Absolute), Form::Full);
    }

    #[test]
    fn relative_paths() {
        assert_eq!(relative("", "a/b.md"), "a/b.md");
        assert_eq!(relative("a", "a/b.md"), "b.md");
        assert_eq!(relative("a/x", "a/b.md"), "../b.md");
        assert_eq!(relative("x/y", "a/b.md"), "../../a/b.md");
    }
}
