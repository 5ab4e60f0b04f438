//! The daily notes' commands: `open_daily` (a day's note, made from its
//! template when there is none: the UI then opens it to write) and
//! `daily_neighbour` (the daily note before or after one, skipping days
//! without a note). Thin: the live session and `hanji_core::daily` decide
//! names, folders, templates and days.

use hanji_core::daily;
use tauri::State;

use crate::commands::{with_live, with_session};
use crate::dto::{ApiError, CalendarDay, CalendarView, CalendarWeek, DailyNoteView};
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

/// A month of the calendar panel (`month`: YYYY-MM; null: today's month):
/// its weeks with their numbers, and each day's daily note with its size.
#[tauri::command]
pub async fn daily_calendar(
    state: State<'_, AppState>,
    month: Option<String>,
) -> Result<CalendarView, ApiError> {
    with_session(state, move |s| {
        use hanji_dates::{format, Locale};
        let settings = s.daily_settings();
        let locale = settings.hanji.locale;
        let today = daily::today(&jiff::Zoned::now(), settings.hanji.day_start_hour);
        let first = match month.as_deref() {
            Some(m) => date_of(&format!("{m}-01"))?,
            None => today.first_of_month(),
        };
        let notes = daily::daily_notes(s.vault(), &settings.daily, locale);
        let note_on = |d: jiff::civil::Date| {
            notes.binary_search_by(|(nd, _)| nd.cmp(&d)).ok().map(|i| s.vault().note(notes[i].1))
        };
        let weeks = daily::month_weeks(first.year(), first.month(), locale)
            .into_iter()
            .map(|(number, days)| CalendarWeek {
                number: number as u32,
                days: days
                    .into_iter()
                    .map(|d| {
                        let note = note_on(d);
                        CalendarDay {
                            date: d.to_string(),
                            day: d.day() as u8,
                            in_month: d.month() == first.month(),
                            path: note.map(|n| n.path.to_string()),
                            size: note.map_or(0, |n| n.size),
                        }
                    })
                    .collect(),
            })
            .collect();
        let zoned = |d: jiff::civil::Date| d.to_zoned(jiff::tz::TimeZone::UTC).ok();
        let title_format = if locale == Locale::Ko { "YYYY년 MMMM" } else { "MMMM YYYY" };
        let title = zoned(first).map(|z| format(&z, title_format, locale)).unwrap_or_default();
        let weekdays = daily::month_weeks(first.year(), first.month(), locale)
            .first()
            .map(|(_, days)| {
                days.iter().filter_map(|d| zoned(*d)).map(|z| format(&z, "dd", locale)).collect()
            })
            .unwrap_or_default();
        Ok(CalendarView {
            month: format!("{:04}-{:02}", first.year(), first.month()),
            title,
            today: today.to_string(),
            weekdays,
            today_label: if locale == Locale::Ko { "오늘" } else { "Today" }.to_owned(),
            weeks,
            autorun: settings.daily.autorun,
        })
    })
    .await
}
