//! The daily notes' commands: `open_daily` (a day's note, made from its
//! template when there is none: the UI then opens it to write) and
//! `daily_neighbour` (the daily note before or after one, skipping days
//! without a note). Thin: the live session and `hanji_core::daily` decide
//! names, folders, templates and days.

use hanji_core::daily;
use tauri::State;

use crate::commands::{with_live, with_session};
use crate::dto::{ApiError, DailyNoteView};
use crate::state::AppState;

fn date_of(text: &str) -> Result<jiff::civil::Date, ApiError> {
    text.parse()
        .map_err(|_| ApiError::new("bad_name", format!("{text:?} is not a date (YYYY-MM-DD)")))
}

/// The note of `date` (YYYY-MM-DD; today when null), made if needed.
#[tauri::command]
pub async fn open_daily(
    state: State<'_, AppState>,
    date: Option<String>,
) -> Result<DailyNoteView, ApiError> {
    with_live(state, move |live| {
        let date = date.as_deref().map(date_of).transpose()?;
        let note = live.open_daily(date, &jiff::Zoned::now())?;
        Ok(DailyNoteView {
            path: note.path.to_string(),
            date: note.date.to_string(),
            created: note.created,
        })
    })
    .await
}

/// The daily note after (`forward`) or before the day of note `path` (or
/// of today, when `path` is no daily note); null when there is none.
#[tauri::command]
pub async fn daily_neighbour(
    state: State<'_, AppState>,
    path: Option<String>,
    forward: bool,
) -> Result<Option<String>, ApiError> {
    with_session(state, move |s| {
        let settings = s.daily_settings();
        let locale = settings.hanji.locale;
        let day = path
            .as_deref()
            .and_then(hanji_core::path::VaultPath::new)
            .and_then(|p| daily::date_of(&p, &settings.daily, locale))
            .unwrap_or_else(|| daily::today(&jiff::Zoned::now(), settings.hanji.day_start_hour));
        let notes = daily::daily_notes(s.vault(), &settings.daily, locale);
        Ok(daily::neighbour(&notes, day, forward)
            .map(|(_, id)| s.vault().note(id).path.to_string()))
    })
    .await
}
