//! File operations that keep every link pointing where it pointed: rename
//! and move notes, attachments and folders, delete them, and undo.
//!
//! Three stages, kept apart:
//! - `plan` (pure but for reading notes): what the operation does, as file
//!   moves and exact text edits, in the links' own style (`style`);
//! - `check` (pure): the invariant, proved on the planned text with the
//!   real resolver; a plan that would break it is refused with the reason;
//! - `apply`: the plan carried out all-or-nothing through a journal in the
//!   cache folder (`journal`), finished or rolled back at the next open if
//!   the process dies half-way, with a record that undoes it.
//!
//! Architecture Invariant: a plan never overwrites a file (a move onto an
//! existing path is refused), never writes a note whose content differs
//! from what it was planned against, and changes no byte of a note outside
//! the path of a link it rewrites.

mod apply;
mod check;
mod heading;
mod journal;
mod plan;
pub(crate) mod style;
mod trash;

pub use apply::{apply, undo, undo_label, Applied, ApplyError};
pub use journal::{recover, Recovery};
pub use plan::{check_name, plan, NoteEdit, Operation, Plan, PlanError, TextEdit};

use std::path::PathBuf;

use crate::path::VaultPath;
use crate::settings::LinkFormat;
use crate::vault::Vault;

impl Vault {
    /// Plans `op` over this vault, reading the notes it looks at from disk.
    pub fn plan_operation(&self, op: &Operation, format: LinkFormat) -> Result<Plan, PlanError> {
        let empty_folder = match op {
            Operation::Move { from, .. } => self.root().join(from.as_str()).is_dir(),
            Operation::Delete { path } => self.root().join(path.as_str()).is_dir(),
            Operation::Relink { .. } | Operation::RenameHeading { .. } => false,
        };
        if let Operation::Move { from, to } = op {
            // The vault lists files, not folders: a folder (or a hidden file)
            // already at the new path is only seen on disk. On a disk that
            // ignores case, a case-only rename finds the file itself there.
            let (a, b) = (self.root().join(from.as_str()), self.root().join(to.as_str()));
            if let Ok(there) = std::fs::symlink_metadata(&b) {
                if !same_file(&a, &there) {
                    return Err(PlanError::Exists { path: to.as_str().to_owned() });
                }
            }
        }
        plan(self, op, format, empty_folder, &|n| std::fs::read(self.disk_path_of(n)))
    }

    /// The real place on disk of the note or attachment at `path` (its name
    /// there may be in another Unicode form), `None` for any other path.
    pub fn disk_place(&self, path: &VaultPath) -> Option<PathBuf> {
        if let Some(id) = self.note_by_path(path.as_str()) {
            return Some(self.disk_path(id));
        }
        self.attachments().iter().find(|a| &a.path == path).map(|a| a.disk_path.clone())
    }
}

/// Whether `there` (the metadata of what is at a new path) is the file at
/// `a` itself.
fn same_file(a: &std::path::Path, there: &std::fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::symlink_metadata(a).is_ok_and(|m| m.dev() == there.dev() && m.ino() == there.ino())
    }
    #[cfg(not(unix))]
    {
        let _ = (a, there);
        false
    }
}
