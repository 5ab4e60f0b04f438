//! Daily notes, found and named as Obsidian's Daily notes plugin does: a
//! note per day, in the configured folder, named with the configured
//! Moment format (slashes make subfolders), from a template.
//!
//! Pure but for [`Vault`] lookups: which day "today" is (with a day-start
//! hour, so writing after midnight still counts for the day before), the
//! path of a day's note, the day a note is for (its name read back with the
//! format, strictly), the daily notes of a vault in order, and the text a
//! new one starts with. Creating the file is the caller's (`hanji-live`).

use hanji_dates::{format, parse, Locale};
use jiff::civil::Date;
use jiff::Zoned;

use crate::path::VaultPath;
use crate::settings::{DailyNotes, Templates};
use crate::templates::{self, Context};
use crate::vault::Vault;
use crate::NoteId;

/// The day `now` belongs to: before `day_start_hour`, still the day before.
pub fn today(now: &Zoned, day_start_hour: u8) -> Date {
    let date = now.date();
    if now.hour() < day_start_hour as i8 {
        date.yesterday().unwrap_or(date)
    } else {
        date
    }
}

/// The vault path of `date`'s note; `None` when the format writes no usable
/// path (empty, `..`, a hidden name).
pub fn path_for(date: Date, settings: &DailyNotes, locale: Locale) -> Option<VaultPath> {
    let zoned = date.to_zoned(jiff::tz::TimeZone::UTC).ok()?;
    let name = format(&zoned, &settings.format, locale);
    let full =
        if settings.folder.is_empty() { name } else { format!("{}/{name}", settings.folder) };
    let path = VaultPath::new(&format!("{full}.md"))?;
    let visible = path.as_str().split('/').all(|part| !part.starts_with('.'));
    visible.then_some(path)
}

/// The day the note at `path` is for, if its name (under the folder, without
/// `.md`) is written with the format.
pub fn date_of(path: &VaultPath, settings: &DailyNotes, locale: Locale) -> Option<Date> {
    let rel = if settings.folder.is_empty() {
        path.as_str()
    } else {
        path.as_str().strip_prefix(&settings.folder)?.strip_prefix('/')?
    };
    parse(rel.strip_suffix(".md")?, &settings.format, locale)
}

/// Every daily note of the vault, by day (a day with two notes, in two
/// spellings of the format, lists the first by path).
pub fn daily_notes(vault: &Vault, settings: &DailyNotes, locale: Locale) -> Vec<(Date, NoteId)> {
    let mut out: Vec<(Date, NoteId)> = vault
        .notes()
        .iter()
        .enumerate()
        .filter_map(|(i, n)| Some((date_of(&n.path, settings, locale)?, NoteId(i as u32))))
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| vault.note(a.1).path.cmp(&vault.note(b.1).path)));
    out.dedup_by_key(|(d, _)| *d);
    out
}

/// The daily note before (or after) `day`, skipping days without one.
pub fn neighbour(notes: &[(Date, NoteId)], day: Date, forward: bool) -> Option<(Date, NoteId)> {
    if forward {
        notes.iter().find(|(d, _)| *d > day).copied()
    } else {
        notes.iter().rev().find(|(d, _)| *d < day).copied()
    }
}

/// A month as a calendar shows it: whole weeks, starting on the locale's
/// first day of the week, each with its week number (Moment's `w`).
pub fn month_weeks(year: i16, month: i8, locale: Locale) -> Vec<(i64, [Date; 7])> {
    let Ok(first) = Date::new(year, month, 1) else { return Vec::new() };
    let (dow, _) = hanji_dates::week_start(locale);
    let back = (i64::from(first.weekday().to_sunday_zero_offset()) - dow).rem_euclid(7);
    let Ok(mut day) = first.checked_sub(jiff::Span::new().days(back)) else { return Vec::new() };
    let mut weeks = Vec::new();
    while weeks.is_empty() || (day.year() == year && day.month() == month) {
        let mut days = [day; 7];
        for (i, d) in days.iter_mut().enumerate() {
            *d = day.checked_add(jiff::Span::new().days(i as i64)).unwrap_or(day);
        }
        weeks.push((hanji_dates::week_number(days[0], locale), days));
        match days[6].tomorrow() {
            Ok(next) => day = next,
            Err(_) => break,
        }
        if weeks.len() > 6 {
            break;
        }
    }
    weeks
}

/// The text `date`'s new note starts with: the template (if any) expanded
/// with that day as `{{date}}` (at the time of day of `now`) and the note's
/// name as `{{title}}`. As in Obsidian's daily notes (and the calendar
/// plugins), `{{date}}`, `{{yesterday}}` and `{{tomorrow}}` without a
/// format of their own are written in the daily notes' format; `{{time}}`
/// in the templates' time format.
pub fn initial_text(
    template: Option<&str>,
    date: Date,
    path: &VaultPath,
    now: &Zoned,
    settings: &DailyNotes,
    templates: &Templates,
    locale: Locale,
) -> String {
    let Some(template) = template else { return String::new() };
    let at = date
        .to_datetime(now.time())
        .to_zoned(now.time_zone().clone())
        .unwrap_or_else(|_| now.clone());
    let ctx = Context {
        title: path.stem().to_owned(),
        now: at,
        date_format: settings.format.clone(),
        time_format: templates.time_format.clone(),
        locale,
    };
    templates::expand(template, &ctx)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn settings(folder: &str, format: &str) -> DailyNotes {
        DailyNotes { folder: folder.into(), format: format.into(), template: None, autorun: false }
    }

    #[test]
    fn paths_and_days() {
        let s = settings("Daily", "YYYY/MM/YYYY-MM-DD ddd");
        let p = path_for(date(2024, 3, 6), &s, Locale::Ko).expect("a path");
        assert_eq!(p.as_str(), "Daily/2024/03/2024-03-06 수.md");
        assert_eq!(date_of(&p, &s, Locale::Ko), Some(date(2024, 3, 6)));
        assert_eq!(
            date_of(&VaultPath::new("Daily/2024/03/notes.md").expect("path"), &s, Locale::Ko),
            None
        );
        assert_eq!(
            date_of(
                &VaultPath::new("Other/2024/03/2024-03-06 수.md").expect("path"),
                &s,
                Locale::Ko
            ),
            None
        );
        assert_eq!(path_for(date(2024, 3, 6), &settings("", ".hidden YYYY"), Locale::En), None);
    }

    #[test]
    fn a_month_in_whole_weeks() {
        let weeks = month_weeks(2026, 12, Locale::Ko);
        assert_eq!(weeks.len(), 5);
        assert_eq!(weeks[0].1[0], date(2026, 11, 29), "weeks start on Sunday");
        assert_eq!(weeks[0].0, 49);
        assert_eq!(weeks[4].1[6], date(2027, 1, 2));
        assert_eq!(weeks[4].0, 1, "the last week of December counts in the new year");
        assert_eq!(month_weeks(2026, 13, Locale::En), Vec::new());
    }

    #[test]
    fn the_day_starts_at_the_day_start_hour() {
        let late: Zoned = "2024-03-07T02:30:00[Asia/Seoul]".parse().expect("zoned");
        assert_eq!(today(&late, 0), date(2024, 3, 7));
        assert_eq!(today(&late, 4), date(2024, 3, 6));
        let morning: Zoned = "2024-03-07T04:00:00[Asia/Seoul]".parse().expect("zoned");
        assert_eq!(today(&morning, 4), date(2024, 3, 7));
    }

    #[test]
    fn a_new_note_is_its_day_not_now() {
        let now: Zoned = "2024-03-07T21:15:00[Asia/Seoul]".parse().expect("zoned");
        let t = Templates {
            folder: None,
            date_format: "YYYY-MM-DD".into(),
            time_format: "HH:mm".into(),
        };
        let p = VaultPath::new("Daily/2024-03-01.md").expect("path");
        let s = settings("Daily", "YYYY-MM-DD ddd");
        let text = initial_text(
            Some("# {{title}}\n{{date:dddd}} {{time}}\n{{yesterday}} {{date}}"),
            date(2024, 3, 1),
            &p,
            &now,
            &s,
            &t,
            Locale::Ko,
        );
        assert_eq!(text, "# 2024-03-01\n금요일 21:15\n2024-02-29 목 2024-03-01 금");
    }
}
