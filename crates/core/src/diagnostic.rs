//! Problems found while loading a vault that do not stop it from loading: an
//! unreadable file, a symlink loop, malformed front matter. Each names the file
//! and, where it makes sense, the line.
//!
//! This module only describes problems; it never decides what to do about them.

use std::fmt;

use crate::parse::{ParseDiagnosticKind, Pos};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DiagnosticKind {
    MalformedFrontMatter,
    UnclosedFrontMatter,
    /// The note is not valid UTF-8; it was read with replacement characters
    /// and must not be written back from that reading.
    InvalidUtf8,
    /// The note is larger than the engine parses; it is listed but not read.
    TooLarge,
    /// The file or folder could not be read (permissions, vanished, IO error).
    Unreadable,
    /// A symbolic link points back at one of its own ancestors, or at a
    /// folder already listed under another path.
    SymlinkLoop,
    /// The file name is not valid Unicode, so no link can name it.
    NonUnicodeName,
    /// Two files have the same name once normalised to NFC.
    DuplicatePath,
}

impl DiagnosticKind {
    /// A stable, machine-readable code for the CLI and the UI.
    pub fn code(self) -> &'static str {
        match self {
            DiagnosticKind::MalformedFrontMatter => "malformed_front_matter",
            DiagnosticKind::UnclosedFrontMatter => "unclosed_front_matter",
            DiagnosticKind::InvalidUtf8 => "invalid_utf8",
            DiagnosticKind::TooLarge => "too_large",
            DiagnosticKind::Unreadable => "unreadable",
            DiagnosticKind::SymlinkLoop => "symlink_loop",
            DiagnosticKind::NonUnicodeName => "non_unicode_name",
            DiagnosticKind::DuplicatePath => "duplicate_path",
        }
    }
}

impl From<ParseDiagnosticKind> for DiagnosticKind {
    fn from(k: ParseDiagnosticKind) -> Self {
        match k {
            ParseDiagnosticKind::MalformedFrontMatter => DiagnosticKind::MalformedFrontMatter,
            ParseDiagnosticKind::UnclosedFrontMatter => DiagnosticKind::UnclosedFrontMatter,
        }
    }
}

/// One problem, with the vault-relative path it concerns (as displayed: a
/// non-Unicode name is shown lossily).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub kind: DiagnosticKind,
    pub path: String,
    pub pos: Option<Pos>,
    pub message: String,
}

/// Puts diagnostics in the one order every listing of them uses: by path,
/// then position, kind and message, so the same vault reports its problems
/// in the same order however it was loaded or updated.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (&a.path, a.pos, a.kind, &a.message).cmp(&(&b.path, b.pos, b.kind, &b.message))
    });
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.pos {
            Some(p) => write!(f, "{}:{}:{}: {}", self.path, p.line, p.col, self.message),
            None => write!(f, "{}: {}", self.path, self.message),
        }
    }
}
