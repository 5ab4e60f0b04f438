//! Reading a date back from text written with a Moment format: what finds
//! a vault's existing daily notes by their file names, whatever format they
//! were written in.
//!
//! Strict, as Obsidian's daily-notes lookup is: the text is read token by
//! token (digits for numbers, the locale's names for names, literal text as
//! itself), a date is made from what was read, and it counts only if
//! writing that date with the same format gives the same text back. So
//! `2024-02-30` is no date, and a name that merely starts like a date is not
//! taken. Pure and total.

use jiff::civil::Weekday;
use jiff::civil::{Date, ISOWeekDate};
use jiff::tz::TimeZone;

use crate::format::{expand_long_formats, first_week_offset, format, next_token, Token};
use crate::locale::Locale;

/// The date `text` writes with `format` in `locale`, if it is one.
pub fn parse(text: &str, fmt: &str, locale: Locale) -> Option<Date> {
    let expanded = expand_long_formats(fmt, locale);
    let mut read = Read::default();
    let mut rest = text;
    let mut f = expanded.as_str();
    while !f.is_empty() {
        let (token, len) = next_token(f);
        f = &f[len..];
        match token {
            Token::Literal(lit) => rest = rest.strip_prefix(lit)?,
            Token::Escaped(lit) => rest = rest.strip_prefix(lit.replace('\\', "").as_str())?,
            Token::Format(name) => rest = read.token(name, rest, locale)?,
        }
    }
    if !rest.is_empty() {
        return None;
    }
    let date = read.date(locale)?;
    // Strict: the date, written again, is the text.
    let zoned = date.to_zoned(TimeZone::UTC).ok()?;
    (format(&zoned, fmt, locale) == text).then_some(date)
}

/// What the tokens read.
#[derive(Default)]
struct Read {
    year: Option<i64>,
    month: Option<i64>,
    day: Option<i64>,
    day_of_year: Option<i64>,
    iso_year: Option<i64>,
    iso_week: Option<i64>,
    iso_weekday: Option<i64>,
    week_year: Option<i64>,
    week: Option<i64>,
    /// 0 is the locale's first day.
    locale_weekday: Option<i64>,
    /// 0 is Sunday.
    weekday: Option<i64>,
}

/// Up to `max` digits at the start of `s` (at least `min`).
fn digits(s: &str, min: usize, max: usize) -> Option<(i64, &str)> {
    let n = s.bytes().take(max).take_while(u8::is_ascii_digit).count();
    if n < min {
        return None;
    }
    Some((s[..n].parse().ok()?, &s[n..]))
}

/// The first of `names` (longest first) `s` starts with: its index.
fn name(s: &str, names: impl Iterator<Item = &'static str>) -> Option<(usize, &str)> {
    let mut found: Option<(usize, usize)> = None;
    for (i, n) in names.enumerate() {
        if s.starts_with(n) && found.is_none_or(|(_, len)| n.len() > len) {
            found = Some((i, n.len()));
        }
    }
    found.map(|(i, len)| (i, &s[len..]))
}

impl Read {
    /// Reads token `t` from the start of `s`; the rest, or `None`.
    fn token<'a>(&mut self, t: &str, s: &'a str, l: Locale) -> Option<&'a str> {
        let num = |min, max| digits(s, min, max);
        let ordinal = |s: &'a str| -> Option<(i64, &'a str)> {
            let (n, rest) = digits(s, 1, 3)?;
            let suffix_len = match l {
                Locale::En => 2,
                Locale::Ko => rest.chars().next()?.len_utf8(),
            };
            Some((n, rest.get(suffix_len..)?))
        };
        let (value, rest, field): (i64, &str, &mut Option<i64>) = match t {
            "YYYY" | "Y" => {
                let (v, r) = num(4, 4)?;
                (v, r, &mut self.year)
            }
            "YY" => {
                let (v, r) = num(2, 2)?;
                (v + if v > 68 { 1900 } else { 2000 }, r, &mut self.year)
            }
            "M" => {
                let (v, r) = num(1, 2)?;
                (v, r, &mut self.month)
            }
            "MM" => {
                let (v, r) = num(2, 2)?;
                (v, r, &mut self.month)
            }
            "Mo" => {
                let (v, r) = ordinal(s)?;
                (v, r, &mut self.month)
            }
            "MMM" => {
                let (i, r) = name(s, (0..12).map(|m| l.month_short(m)))?;
                (i as i64 + 1, r, &mut self.month)
            }
            "MMMM" => {
                let (i, r) = name(s, (0..12).map(|m| l.month(m)))?;
                (i as i64 + 1, r, &mut self.month)
            }
            "D" => {
                let (v, r) = num(1, 2)?;
                (v, r, &mut self.day)
            }
            "DD" => {
                let (v, r) = num(2, 2)?;
                (v, r, &mut self.day)
            }
            "Do" => {
                let (v, r) = ordinal(s)?;
                (v, r, &mut self.day)
            }
            "DDD" => {
                let (v, r) = num(1, 3)?;
                (v, r, &mut self.day_of_year)
            }
            "DDDD" => {
                let (v, r) = num(3, 3)?;
                (v, r, &mut self.day_of_year)
            }
            "DDDo" => {
                let (v, r) = ordinal(s)?;
                (v, r, &mut self.day_of_year)
            }
            "d" => {
                let (v, r) = num(1, 1)?;
                (v, r, &mut self.weekday)
            }
            "dd" => {
                let (i, r) = name(s, (0..7).map(|d| l.weekday_min(d)))?;
                (i as i64, r, &mut self.weekday)
            }
            "ddd" => {
                let (i, r) = name(s, (0..7).map(|d| l.weekday_short(d)))?;
                (i as i64, r, &mut self.weekday)
            }
            "dddd" => {
                let (i, r) = name(s, (0..7).map(|d| l.weekday(d)))?;
                (i as i64, r, &mut self.weekday)
            }
            "e" => {
                let (v, r) = num(1, 1)?;
                (v, r, &mut self.locale_weekday)
            }
            "E" => {
                let (v, r) = num(1, 1)?;
                (v, r, &mut self.iso_weekday)
            }
            "w" => {
                let (v, r) = num(1, 2)?;
                (v, r, &mut self.week)
            }
            "ww" => {
                let (v, r) = num(2, 2)?;
                (v, r, &mut self.week)
            }
            "wo" => {
                let (v, r) = ordinal(s)?;
                (v, r, &mut self.week)
            }
            "W" => {
                let (v, r) = num(1, 2)?;
                (v, r, &mut self.iso_week)
            }
            "WW" => {
                let (v, r) = num(2, 2)?;
                (v, r, &mut self.iso_week)
            }
            "Wo" => {
                let (v, r) = ordinal(s)?;
                (v, r, &mut self.iso_week)
            }
            "gggg" => {
                let (v, r) = num(4, 4)?;
                (v, r, &mut self.week_year)
            }
            "gg" => {
                let (v, r) = num(2, 2)?;
                (v + if v > 68 { 1900 } else { 2000 }, r, &mut self.week_year)
            }
            "GGGG" => {
                let (v, r) = num(4, 4)?;
                (v, r, &mut self.iso_year)
            }
            "GG" => {
                let (v, r) = num(2, 2)?;
                (v + if v > 68 { 1900 } else { 2000 }, r, &mut self.iso_year)
            }
            // Tokens that say nothing about the day (quarters, times,
            // eras): read as their digits or names, checked when the
            // date is written back.
            "Q" | "H" | "h" | "k" | "m" | "s" => return num(1, 2).map(|(_, r)| r),
            "HH" | "hh" | "kk" | "mm" | "ss" => return num(2, 2).map(|(_, r)| r),
            "A" | "a" => {
                return [l.meridiem(0, t == "a"), l.meridiem(12, t == "a")]
                    .into_iter()
                    .find_map(|m| s.strip_prefix(m))
            }
            other if crate::format::is_token(other) => return None,
            other => return s.strip_prefix(other),
        };
        if field.is_some_and(|old| old != value) {
            return None;
        }
        *field = Some(value);
        Some(rest)
    }

    /// The date the fields make: a day of a month, a day of an ISO or a
    /// locale week, or a day of the year.
    fn date(&self, l: Locale) -> Option<Date> {
        let small = |v: i64| i8::try_from(v).ok();
        if let (Some(y), Some(m)) = (self.year, self.month) {
            return Date::new(i16::try_from(y).ok()?, small(m)?, small(self.day.unwrap_or(1))?)
                .ok();
        }
        if let (Some(y), Some(w)) = (self.iso_year, self.iso_week) {
            let weekday =
                Weekday::from_monday_one_offset(small(self.iso_weekday.unwrap_or(1))?).ok()?;
            return ISOWeekDate::new(i16::try_from(y).ok()?, small(w)?, weekday)
                .ok()
                .map(|d| d.date());
        }
        if let (Some(y), Some(w)) = (self.week_year, self.week) {
            // Moment's dayOfYearFromWeeks.
            let (dow, doy) = l.week();
            let weekday =
                self.locale_weekday.or(self.weekday.map(|d| (d + 7 - dow) % 7)).unwrap_or(0);
            let day_of_year = 1 + 7 * (w - 1) + weekday + first_week_offset(y, dow, doy);
            let jan1 = Date::new(i16::try_from(y).ok()?, 1, 1).ok()?;
            return jan1.checked_add(jiff::Span::new().days(day_of_year - 1)).ok();
        }
        if let (Some(y), Some(d)) = (self.year, self.day_of_year) {
            let jan1 = Date::new(i16::try_from(y).ok()?, 1, 1).ok()?;
            return jan1.checked_add(jiff::Span::new().days(d - 1)).ok();
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn check(text: &str, fmt: &str, l: Locale, expect: Option<Date>) {
        assert_eq!(parse(text, fmt, l), expect, "{text:?} with {fmt:?}");
    }

    #[test]
    fn daily_note_names() {
        check("2024-03-06", "YYYY-MM-DD", Locale::En, Some(date(2024, 3, 6)));
        check(
            "2024/03/2024-03-06 수",
            "YYYY/MM/YYYY-MM-DD ddd",
            Locale::Ko,
            Some(date(2024, 3, 6)),
        );
        check("2024/03/2024-03-06 목", "YYYY/MM/YYYY-MM-DD ddd", Locale::Ko, None);
        check("2024-02-30", "YYYY-MM-DD", Locale::En, None);
        check("2024-03-06 draft", "YYYY-MM-DD", Locale::En, None);
        check(
            "2024년 03월 06일 수요일",
            "YYYY년 MM월 DD일 dddd",
            Locale::Ko,
            Some(date(2024, 3, 6)),
        );
        check(
            "Wednesday, March 6th 2024",
            "dddd, MMMM Do YYYY",
            Locale::En,
            Some(date(2024, 3, 6)),
        );
        check("2020-W53-4", "GGGG-[W]WW-E", Locale::En, Some(date(2020, 12, 31)));
        check("2021-01", "gggg-ww", Locale::En, Some(date(2020, 12, 27)));
        check("24.3.6", "YY.M.D", Locale::En, Some(date(2024, 3, 6)));
        check("2024-066", "YYYY-DDDD", Locale::En, Some(date(2024, 3, 6)));
        check("", "YYYY-MM-DD", Locale::En, None);
        check("한글", "", Locale::Ko, None);
    }

    /// Every date of several years, written and read back, in every format
    /// a daily note is named with.
    #[test]
    fn round_trips() {
        let formats = [
            "YYYY-MM-DD",
            "YYYY/MM/YYYY-MM-DD ddd",
            "YYYY년 M월 D일 dddd",
            "GGGG-[W]WW-E",
            "DD.MM.YY",
            "MMMM Do, YYYY",
        ];
        for l in [Locale::En, Locale::Ko] {
            let mut d = date(2019, 12, 20);
            while d < date(2027, 1, 10) {
                let zoned = d.to_zoned(TimeZone::UTC).expect("zoned");
                for f in formats {
                    let text = format(&zoned, f, l);
                    assert_eq!(parse(&text, f, l), Some(d), "{text:?} with {f:?} in {}", l.code());
                }
                d = d.tomorrow().expect("tomorrow");
            }
        }
    }
}
