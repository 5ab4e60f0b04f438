//! hanji-dates: dates written the way Moment.js writes them.
//!
//! Obsidian names daily notes and expands template dates with Moment.js
//! format strings (`YYYY-MM-DD`, `YYYY/MM/YYYY-MM-DD ddd`, `[Week] ww`), so
//! a vault is full of them. This crate turns a date and such a format into
//! the same text Moment does, in English and Korean. The calendar arithmetic
//! (weekdays, ISO weeks, leap years, day offsets) is jiff's; only the token
//! translation is ours, and a test holds it to the real `moment` package
//! (`ui/src/dates.test.ts` over `dates-oracle.json`). [`parse`] reads a
//! date back from such text, strictly (it must write back the same), which
//! is how existing daily notes are found by their names.
//!
//! Architecture Invariant: pure. No IO, no clock (the caller says what
//! "now" is), no global state; any format string gives an answer.

mod format;
mod locale;
mod parse;

pub use format::format;
pub use locale::Locale;
pub use parse::parse;

/// The locale's first day of the week (0: Sunday), as Moment has it.
pub fn week_start(locale: Locale) -> (i64, i64) {
    locale.week()
}

/// The locale's week number of `date` (Moment's `w`).
pub fn week_number(date: jiff::civil::Date, locale: Locale) -> i64 {
    let (dow, doy) = locale.week();
    format::week_of_year(date, dow, doy).0
}
