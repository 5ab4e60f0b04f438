//! Today's (or any day's) daily note from a session: found if it exists,
//! else created from its template, with the vault, index and cache brought
//! in step. Opening it twice never makes a second file: the day's path is
//! looked up first, and the create only happens over nothing
//! (`Expected::Absent`).

use hanji_core::daily;
use hanji_core::path::VaultPath;
use hanji_core::settings::{DailyNotes, HanjiSettings, SettingsFile, Templates};
use jiff::civil::Date;
use jiff::Zoned;

use crate::ops::OpsError;
use crate::Session;

/// A day's note.
#[derive(Debug, Clone)]
pub struct DailyNote {
    pub path: VaultPath,
    pub date: Date,
    /// It was made just now (from the template).
    pub created: bool,
    /// Settings that could not be read (the defaults were used).
    pub warnings: Vec<String>,
}

/// The vault's daily-note settings, and what could not be read.
pub struct DailySettings {
    pub daily: DailyNotes,
    pub templates: Templates,
    pub hanji: HanjiSettings,
    pub warnings: Vec<String>,
}

impl Session {
    /// The vault's daily-note settings (defaults for what cannot be read).
    pub fn daily_settings(&self) -> DailySettings {
        let root = self.vault.root();
        let mut warnings = Vec::new();
        let mut file = |name: &str| match SettingsFile::read(root, name) {
            Ok(f) => f,
            Err(e) => {
                warnings.push(e.to_string());
                SettingsFile::empty(root, name)
            }
        };
        let daily = DailyNotes::from_file(&file("daily-notes.json"));
        let templates = Templates::from_file(&file("templates.json"));
        let hanji = HanjiSettings::from_file(&file("hanji.json"));
        DailySettings { daily, templates, hanji, warnings }
    }

    /// The daily note of `date` (today, by the day-start hour, when `None`):
    /// the existing one, or a new one from the template, with the change
    /// event of its creation.
    pub fn open_daily(
        &mut self,
        date: Option<Date>,
        now: &Zoned,
    ) -> Result<(DailyNote, Option<crate::ChangeEvent>), OpsError> {
        let s = self.daily_settings();
        let locale = s.hanji.locale;
        let date = date.unwrap_or_else(|| daily::today(now, s.hanji.day_start_hour));
        let path = daily::path_for(date, &s.daily, locale).ok_or_else(|| {
            hanji_core::ops::PlanError::BadName {
                name: s.daily.format.clone(),
                reason: "the daily notes' format writes no usable file name",
            }
        })?;
        let exists = self.vault.note_by_path(path.as_str()).is_some()
            || self.vault.root().join(path.as_str()).exists();
        if exists {
            return Ok((DailyNote { path, date, created: false, warnings: s.warnings }, None));
        }
        let template = s.daily.template.as_deref().and_then(|t| self.template_text(t));
        let text = daily::initial_text(
            template.as_deref(),
            date,
            &path,
            now,
            &s.daily,
            &s.templates,
            locale,
        );
        let saved = self.create_note_with(path.as_str(), &text)?;
        Ok((DailyNote { path, date, created: true, warnings: s.warnings }, Some(saved.event)))
    }

    /// The text of the template a setting names (a vault path, `.md` left
    /// out, or any link text that resolves to a note).
    fn template_text(&self, name: &str) -> Option<String> {
        let id = self.vault.find_note(name).ok()?;
        std::fs::read_to_string(self.vault.disk_path(id)).ok()
    }
}
