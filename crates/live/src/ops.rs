//! File operations from a session: plan, apply, undo, with the vault, the
//! search index and the cache brought in step at once.
//!
//! The engine does the work (`hanji_core::ops`); this module supplies what
//! it needs from the session (the vault's settings in `.obsidian/app.json`,
//! the journal's folder in the cache folder) and applies what changed on
//! disk to the session as a change event. A session without a cache folder
//! can plan but not apply: the journal that makes applying all-or-nothing
//! lives there.

use std::path::PathBuf;

use hanji_core::ops::{self, ApplyError, Operation, Plan, PlanError};

use hanji_core::settings::AppSettings;

use crate::{ChangeEvent, Session};

/// A file operation that did not happen (or, for [`ApplyError::Step`],
/// that will be finished at the next open).
#[derive(Debug, thiserror::Error)]
pub enum OpsError {
    #[error(transparent)]
    Plan(#[from] PlanError),
    #[error(transparent)]
    Apply(#[from] ApplyError),
    #[error(transparent)]
    Save(#[from] crate::SaveError),
    #[error("changing files needs the cache folder, where the journal that makes it all-or-nothing is kept; run without --no-cache")]
    NoCacheFolder,
}

/// An operation done: the plan it carried out, and what the session saw change.
#[derive(Debug)]
pub struct Done {
    pub plan: Plan,
    pub event: ChangeEvent,
}

impl Session {
    /// The vault's `.obsidian/app.json` settings; a file that cannot be read
    /// means the defaults, with the reason.
    pub fn settings(&self) -> (AppSettings, Option<String>) {
        match AppSettings::read(self.vault.root()) {
            Ok(s) => (s, None),
            Err(e) => (AppSettings::default(), Some(e.to_string())),
        }
    }

    /// Plans `op` without changing anything.
    pub fn plan(&self, op: &Operation) -> Result<Plan, OpsError> {
        let (settings, _) = self.settings();
        Ok(self.vault.plan_operation(op, settings.new_link_format)?)
    }

    fn ops_dir(&self) -> Result<PathBuf, OpsError> {
        self.cache_dir.as_ref().map(|d| d.join("ops")).ok_or(OpsError::NoCacheFolder)
    }

    /// Plans and applies `op`, all-or-nothing, and applies the result to the
    /// session.
    pub fn operate(&mut self, op: &Operation) -> Result<Done, OpsError> {
        let ops_dir = self.ops_dir()?;
        let plan = self.plan(op)?;
        let (settings, _) = self.settings();
        let vault = &self.vault;
        let applied =
            ops::apply(vault.root(), &ops_dir, &plan, &|p| vault.disk_place(p), settings.trash)?;
        let mut event = self.after(applied);
        // A moved note whose links were rewritten has new content at its
        // new path, which the refresh cannot tell from a delete and a
        // create: the plan says what moved.
        event.renamed = plan
            .moves
            .iter()
            .filter(|(from, _)| from.is_markdown())
            .map(|(from, to)| (from.to_string(), to.to_string()))
            .collect();
        event.operation = Some(plan.operation.label());
        Ok(Done { plan, event })
    }

    /// Creates an empty note at `path` (a vault path ending in `.md`), with
    /// the folders it needs; refused when anything is there.
    pub fn create_note(&mut self, path: &str) -> Result<crate::Saved, OpsError> {
        self.create_note_with(path, "")
    }

    /// Creates the note at `path` holding `text`, as [`Session::create_note`].
    pub fn create_note_with(&mut self, path: &str, text: &str) -> Result<crate::Saved, OpsError> {
        let vp = hanji_core::path::VaultPath::new(path).filter(|p| p.is_markdown()).ok_or_else(
            || PlanError::BadName { name: path.to_owned(), reason: "a note's path ends in `.md`" },
        )?;
        for name in vp.as_str().split('/') {
            ops::check_name(name)?;
        }
        let dir = self.vault.root().join(vp.parent());
        std::fs::create_dir_all(&dir)
            .map_err(|source| OpsError::Apply(ApplyError::Prepare { path: dir.clone(), source }))?;
        Ok(self.save(vp.as_str(), hanji_core::write::Expected::Absent, text)?)
    }

    /// Undoes the newest operation on record; returns its label.
    pub fn undo(&mut self) -> Result<(String, ChangeEvent), OpsError> {
        let ops_dir = self.ops_dir()?;
        let (label, applied) = ops::undo(self.vault.root(), &ops_dir)?;
        let mut event = self.after(applied);
        event.operation = Some(format!("Undo: {label}"));
        Ok((label, event))
    }

    /// What the newest undo record would undo.
    pub fn undo_label(&self) -> Option<String> {
        ops::undo_label(&self.ops_dir().ok()?)
    }

    fn after(&mut self, applied: ops::Applied) -> ChangeEvent {
        let root = self.vault.root().to_owned();
        let paths: Vec<PathBuf> = applied.touched.iter().map(|p| root.join(p)).collect();
        let mut event = self.refresh(&paths);
        event.warnings.extend(applied.warnings);
        event
    }
}
