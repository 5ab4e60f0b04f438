//! Templates from a session: the notes of the templates folder
//! (`templates.json`'s `folder`), a template inserted into a note being
//! edited (expanded for that note, its front matter merged), and a new note
//! made from a template. The rules are `hanji_core::templates`'; this module
//! finds the files and the settings they need.

use std::path::PathBuf;

use hanji_core::daily;
use hanji_core::path::VaultPath;
use hanji_core::templates::{self, insert::Insertion, Context};
use jiff::Zoned;

use crate::ops::OpsError;
use crate::Session;

/// A template that could not be used; nothing was changed.
#[derive(Debug, thiserror::Error)]
pub enum TemplateError {
    #[error(
        "no template folder is set: choose one in Settings → Templates (templates.json's folder)"
    )]
    NoFolder,
    #[error("no template {name:?} in {folder}/")]
    NotFound { name: String, folder: String },
    #[error("cannot read the template {path}: {source}")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl Session {
    /// The templates folder and its notes, in path order (`None`: no folder
    /// is set).
    pub fn templates(&self) -> Option<(String, Vec<VaultPath>)> {
        let folder = self.daily_settings().templates.folder?;
        let prefix = format!("{folder}/");
        let mut notes: Vec<VaultPath> = self
            .vault
            .notes()
            .iter()
            .filter(|n| n.path.as_str().starts_with(&prefix))
            .map(|n| n.path.clone())
            .collect();
        notes.sort();
        Some((folder, notes))
    }

    /// The text of the template `name`: a vault path in the templates
    /// folder (`.md` may be left out), or a name or path inside it.
    fn template_source(&self, name: &str) -> Result<String, TemplateError> {
        let (folder, notes) = self.templates().ok_or(TemplateError::NoFolder)?;
        let wanted = hanji_core::text::nfc(name.trim().trim_end_matches(".md")).into_owned();
        let found = notes.iter().find(|p| {
            let stem = p.as_str().trim_end_matches(".md");
            stem == wanted || stem == format!("{folder}/{wanted}") || p.stem() == wanted
        });
        let path =
            found.ok_or_else(|| TemplateError::NotFound { name: name.to_owned(), folder })?;
        let disk = self.vault.root().join(path.as_str());
        std::fs::read_to_string(&disk).map_err(|source| TemplateError::Read { path: disk, source })
    }

    /// What inserting the template `name` into the note at `note` (whose
    /// text in the editor is `text`, cursor at byte `cursor`) changes. The
    /// template is expanded for that note: `{{title}}` is its name, and in
    /// a daily note `{{date}}` is its day, as when the note was made.
    pub fn template_insertion(
        &self,
        note: &str,
        name: &str,
        text: &str,
        cursor: usize,
        now: &Zoned,
    ) -> Result<Insertion, TemplateError> {
        let template = self.template_source(name)?;
        let expanded = match VaultPath::new(note) {
            Some(path) => self.expand_for(&template, &path, now),
            None => template,
        };
        Ok(templates::insert::insert(text, cursor, &expanded))
    }

    /// `template` expanded for the note at `path`.
    fn expand_for(&self, template: &str, path: &VaultPath, now: &Zoned) -> String {
        let s = self.daily_settings();
        let locale = s.hanji.locale;
        if let Some(day) = daily::date_of(path, &s.daily, locale) {
            return daily::initial_text(
                Some(template),
                day,
                path,
                now,
                &s.daily,
                &s.templates,
                locale,
            );
        }
        let ctx = Context {
            title: path.stem().to_owned(),
            now: now.clone(),
            date_format: s.templates.date_format,
            time_format: s.templates.time_format,
            locale,
        };
        templates::expand(template, &ctx)
    }

    /// Creates the note at `path` from the template `name` (expanded for
    /// it), or empty when `name` is `None`; never over an existing file.
    pub fn create_from_template(
        &mut self,
        path: &str,
        name: Option<&str>,
        now: &Zoned,
    ) -> Result<crate::Saved, NewNoteError> {
        let text = match name {
            Some(name) => {
                let template = self.template_source(name)?;
                match VaultPath::new(path) {
                    Some(p) => self.expand_for(&template, &p, now),
                    None => template,
                }
            }
            None => String::new(),
        };
        Ok(self.create_note_with(path, &text)?)
    }
}

/// A new note that was not made.
#[derive(Debug, thiserror::Error)]
pub enum NewNoteError {
    #[error(transparent)]
    Template(#[from] TemplateError),
    #[error(transparent)]
    Create(#[from] OpsError),
}
