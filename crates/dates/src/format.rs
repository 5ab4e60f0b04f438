//! Moment's `format`: a format string's tokens read the way Moment's own
//! tokenizer reads them (`[literal]`, `\`-escaped tokens, the longest token
//! first), each written from the date in the locale. Pure and total.

use jiff::civil::Date;
use jiff::Zoned;

use crate::locale::{Locale, Period};

/// `time` written as Moment's `moment(time).locale(locale).format(format)`
/// writes it.
pub fn format(time: &Zoned, format: &str, locale: Locale) -> String {
    let facts = Facts::of(time, locale);
    // An empty format is Moment's default: ISO 8601, `Z` for UTC.
    let format = match format {
        "" if facts.utc => "YYYY-MM-DDTHH:mm:ss[Z]",
        "" => "YYYY-MM-DDTHH:mm:ssZ",
        f => f,
    };
    let expanded = expand_long_formats(format, locale);
    let mut out = String::with_capacity(expanded.len() + 16);
    let mut rest = expanded.as_str();
    while !rest.is_empty() {
        let (token, len) = next_token(rest);
        match token {
            Token::Literal(text) => out.push_str(text),
            Token::Escaped(text) => out.push_str(&text.replace('\\', "")),
            Token::Format(name) => match facts.write(name, locale) {
                Some(text) => out.push_str(&text),
                None => out.push_str(&name.replace('\\', "")),
            },
        }
        rest = &rest[len..];
    }
    out
}

/// What one step of the tokenizer found.
pub(crate) enum Token<'a> {
    /// `[text]`: the text inside.
    Literal(&'a str),
    /// A token after `\`: written as it stands (backslashes dropped).
    Escaped(&'a str),
    /// A token (or a single other character).
    Format(&'a str),
}

/// The tokens Moment knows, longest first where one is a prefix of another
/// (the order of Moment's `formattingTokens` alternation).
const TOKENS: &[&str] = &[
    "Hmmss",
    "hmmss",
    "Hmm",
    "hmm",
    "Mo",
    "MMMM",
    "MMM",
    "MM",
    "M",
    "Do",
    "DDDo",
    "DDDD",
    "DDD",
    "DD",
    "D",
    "dddd",
    "ddd",
    "dd",
    "do",
    "d",
    "wo",
    "w|",
    "ww",
    "w",
    "Wo",
    "W|",
    "WW",
    "W",
    "Qo",
    "Q",
    "NNNNN",
    "NNNN",
    "NNN",
    "NN",
    "N",
    "YYYYYY",
    "YYYYY",
    "YYYY",
    "YY",
    "yyyy",
    "yyy",
    "yy",
    "yo",
    "y",
    "ggggg",
    "gggg",
    "gg",
    "GGGGG",
    "GGGG",
    "GG",
    "e",
    "E",
    "a",
    "A",
    "hh",
    "h",
    "HH",
    "H",
    "kk",
    "k",
    "mm",
    "m",
    "ss",
    "s",
    "SSSSSSSSS",
    "SSSSSSSS",
    "SSSSSSS",
    "SSSSSS",
    "SSSSS",
    "SSSS",
    "SSS",
    "SS",
    "S",
    "x",
    "X",
    "zz",
    "z",
    "ZZ",
    "Z",
];

/// The token at the start of `s` (never empty) and its length in bytes.
pub(crate) fn next_token(s: &str) -> (Token<'_>, usize) {
    if let Some(inner) = s.strip_prefix('[') {
        // `\[[^\[]*\]`: up to the first `]`, with no `[` before it.
        if let Some(end) = inner.find(['[', ']']).filter(|&i| inner.as_bytes()[i] == b']') {
            return (Token::Literal(&inner[..end]), end + 2);
        }
    }
    if let Some(after) = s.strip_prefix('\\') {
        let len = token_len(after);
        return (Token::Escaped(&s[..1 + len]), 1 + len);
    }
    let len = token_len(s);
    (Token::Format(&s[..len]), len)
}

/// Whether `t` is one of Moment's format tokens.
pub(crate) fn is_token(t: &str) -> bool {
    TOKENS.contains(&t) || t == "Y"
}

/// The length of the longest token at the start of `s`, else of its first
/// character (0 only for an empty `s`).
fn token_len(s: &str) -> usize {
    TOKENS
        .iter()
        .find(|t| s.starts_with(**t))
        .map_or_else(|| s.chars().next().map_or(0, char::len_utf8), |t| t.len())
}

/// Moment's `expandFormat`: `LT`, `LL`… replaced by the locale's formats
/// (a few rounds, as a long format may name another); `[…]` and `\`-escaped
/// text left as they are.
pub(crate) fn expand_long_formats(format: &str, locale: Locale) -> String {
    let mut text = format.to_owned();
    for _ in 0..5 {
        let mut out = String::with_capacity(text.len());
        let mut rest = text.as_str();
        let mut changed = false;
        while !rest.is_empty() {
            if let Some(inner) = rest.strip_prefix('[') {
                if let Some(end) = inner.find(['[', ']']).filter(|&i| inner.as_bytes()[i] == b']') {
                    out.push_str(&rest[..end + 2]);
                    rest = &rest[end + 2..];
                    continue;
                }
            }
            let escaped = rest.starts_with('\\');
            let body = if escaped { &rest[1..] } else { rest };
            let key = ["LTS", "LT", "LLLL", "LLL", "LL", "L", "llll", "lll", "ll", "l"]
                .into_iter()
                .find(|k| body.starts_with(k));
            match key {
                Some(k) if !escaped => {
                    match locale.long_format(k) {
                        Some(f) => {
                            out.push_str(f);
                            changed = true;
                        }
                        None => out.push_str(k),
                    }
                    rest = &body[k.len()..];
                }
                Some(k) => {
                    out.push('\\');
                    out.push_str(k);
                    rest = &body[k.len()..];
                }
                None => {
                    let c = rest.chars().next().map_or(1, char::len_utf8);
                    out.push_str(&rest[..c]);
                    rest = &rest[c..];
                }
            }
        }
        text = out;
        if !changed {
            break;
        }
    }
    text
}

/// Everything a token can ask about the date, worked out once.
struct Facts {
    year: i64,
    /// 0-based, as Moment counts months.
    month0: i64,
    day: i64,
    day_of_year: i64,
    /// 0 is Sunday.
    weekday: i64,
    hour: i8,
    minute: i64,
    second: i64,
    millisecond: i64,
    iso_week: i64,
    iso_year: i64,
    week: i64,
    week_year: i64,
    unix_seconds: i64,
    unix_millis: i64,
    offset_seconds: i32,
    utc: bool,
}

impl Facts {
    fn of(time: &Zoned, locale: Locale) -> Facts {
        let dt = time.datetime();
        let date = dt.date();
        let iso = date.iso_week_date();
        let (dow, doy) = locale.week();
        let (week, week_year) = week_of_year(date, dow, doy);
        let ts = time.timestamp();
        Facts {
            year: i64::from(date.year()),
            month0: i64::from(date.month()) - 1,
            day: i64::from(date.day()),
            day_of_year: i64::from(date.day_of_year()),
            weekday: i64::from(date.weekday().to_sunday_zero_offset()),
            hour: dt.hour(),
            minute: i64::from(dt.minute()),
            second: i64::from(dt.second()),
            millisecond: i64::from(dt.millisecond()),
            iso_week: i64::from(iso.week()),
            iso_year: i64::from(iso.year()),
            week,
            week_year,
            // Moment floors: a time before 1970 with milliseconds is the second before.
            unix_seconds: ts.as_millisecond().div_euclid(1000),
            unix_millis: ts.as_millisecond(),
            offset_seconds: time.offset().seconds(),
            utc: time.time_zone().iana_name() == Some("UTC"),
        }
    }

    /// What token `t` writes, `None` when it is not a token.
    fn write(&self, t: &str, l: Locale) -> Option<String> {
        let pad = |n: i64, width: usize| zero_fill(n, width, false);
        let h12 = if self.hour % 12 == 0 { 12 } else { i64::from(self.hour % 12) };
        let hour = i64::from(self.hour);
        let month = self.month0 + 1;
        let locale_weekday = (self.weekday + 7 - l.week().0) % 7;
        let iso_weekday = if self.weekday == 0 { 7 } else { self.weekday };
        let quarter = self.month0 / 3 + 1;
        Some(match t {
            "M" => month.to_string(),
            "MM" => pad(month, 2),
            "Mo" => l.ordinal(month, Period::Month),
            "MMM" => l.month_short(self.month0 as usize).to_owned(),
            "MMMM" => l.month(self.month0 as usize).to_owned(),
            "D" => self.day.to_string(),
            "DD" => pad(self.day, 2),
            "Do" => l.ordinal(self.day, Period::DayOfMonth),
            "DDD" => self.day_of_year.to_string(),
            "DDDD" => pad(self.day_of_year, 3),
            "DDDo" => l.ordinal(self.day_of_year, Period::DayOfYear),
            "d" => self.weekday.to_string(),
            "do" => l.ordinal(self.weekday, Period::DayOfWeek),
            "dd" => l.weekday_min(self.weekday as usize).to_owned(),
            "ddd" => l.weekday_short(self.weekday as usize).to_owned(),
            "dddd" => l.weekday(self.weekday as usize).to_owned(),
            "e" => locale_weekday.to_string(),
            "E" => iso_weekday.to_string(),
            "w" => self.week.to_string(),
            "ww" => pad(self.week, 2),
            "wo" => l.ordinal(self.week, Period::Week),
            "W" => self.iso_week.to_string(),
            "WW" => pad(self.iso_week, 2),
            "Wo" => l.ordinal(self.iso_week, Period::Week),
            "gg" => pad(self.week_year.rem_euclid(100), 2),
            "gggg" => pad(self.week_year, 4),
            "ggggg" => pad(self.week_year, 5),
            "GG" => pad(self.iso_year.rem_euclid(100), 2),
            "GGGG" => pad(self.iso_year, 4),
            "GGGGG" => pad(self.iso_year, 5),
            "Q" => quarter.to_string(),
            "Qo" => l.ordinal(quarter, Period::Quarter),
            "Y" if self.year <= 9999 => pad(self.year, 4),
            "Y" => format!("+{}", self.year),
            "YY" => pad(self.year.rem_euclid(100), 2),
            "YYYY" => pad(self.year, 4),
            "YYYYY" => pad(self.year, 5),
            "YYYYYY" => zero_fill(self.year, 6, true),
            "y" => self.year.to_string(),
            "yo" => self.year.to_string(),
            "yy" => pad(self.year, 2),
            "yyy" => pad(self.year, 3),
            "yyyy" => pad(self.year, 4),
            "N" | "NN" | "NNN" | "NNNNN" => "AD".to_owned(),
            "NNNN" => "Anno Domini".to_owned(),
            "H" => hour.to_string(),
            "HH" => pad(hour, 2),
            "h" => h12.to_string(),
            "hh" => pad(h12, 2),
            "k" => (if hour == 0 { 24 } else { hour }).to_string(),
            "kk" => pad(if hour == 0 { 24 } else { hour }, 2),
            "hmm" => format!("{h12}{}", pad(self.minute, 2)),
            "hmmss" => format!("{h12}{}{}", pad(self.minute, 2), pad(self.second, 2)),
            "Hmm" => format!("{hour}{}", pad(self.minute, 2)),
            "Hmmss" => format!("{hour}{}{}", pad(self.minute, 2), pad(self.second, 2)),
            "m" => self.minute.to_string(),
            "mm" => pad(self.minute, 2),
            "s" => self.second.to_string(),
            "ss" => pad(self.second, 2),
            "a" => l.meridiem(self.hour, true).to_owned(),
            "A" => l.meridiem(self.hour, false).to_owned(),
            "X" => self.unix_seconds.to_string(),
            "x" => self.unix_millis.to_string(),
            "z" | "zz" => (if self.utc { "UTC" } else { "" }).to_owned(),
            "Z" => offset(self.offset_seconds, ":"),
            "ZZ" => offset(self.offset_seconds, ""),
            s if s.starts_with('S') && s.bytes().all(|b| b == b'S') => {
                let n = s.len();
                let value = match n {
                    1 => self.millisecond / 100,
                    2 => self.millisecond / 10,
                    _ => self.millisecond * 10_i64.pow(n as u32 - 3),
                };
                pad(value, n)
            }
            _ => return None,
        })
    }
}

/// Moment's `zeroFill`: at least `width` digits, the sign in front (`+`
/// too when `sign` says so).
fn zero_fill(n: i64, width: usize, sign: bool) -> String {
    let digits = n.unsigned_abs().to_string();
    let zeros = "0".repeat(width.saturating_sub(digits.len()));
    let prefix = if n < 0 {
        "-"
    } else if sign {
        "+"
    } else {
        ""
    };
    format!("{prefix}{zeros}{digits}")
}

/// `+09:00` (or `+0900` with an empty separator).
fn offset(seconds: i32, sep: &str) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let minutes = seconds.unsigned_abs() / 60;
    format!("{sign}{:02}{sep}{:02}", minutes / 60, minutes % 60)
}

/// Moment's `weekOfYear` with a locale's `dow` and `doy`: the week of
/// `date` and the year that week counts in.
pub(crate) fn week_of_year(date: Date, dow: i64, doy: i64) -> (i64, i64) {
    let year = i64::from(date.year());
    let offset = first_week_offset(year, dow, doy);
    let week = (i64::from(date.day_of_year()) - offset - 1).div_euclid(7) + 1;
    if week < 1 {
        (week + weeks_in_year(year - 1, dow, doy), year - 1)
    } else if week > weeks_in_year(year, dow, doy) {
        (week - weeks_in_year(year, dow, doy), year + 1)
    } else {
        (week, year)
    }
}

/// Moment's `firstWeekOffset`.
pub(crate) fn first_week_offset(year: i64, dow: i64, doy: i64) -> i64 {
    let fwd = 7 + dow - doy;
    let weekday = Date::new(year as i16, 1, fwd as i8)
        .map_or(0, |d| i64::from(d.weekday().to_sunday_zero_offset()));
    let fwdlw = (7 + weekday - dow).rem_euclid(7);
    -fwdlw + fwd - 1
}

/// Moment's `weeksInYear`.
fn weeks_in_year(year: i64, dow: i64, doy: i64) -> i64 {
    let days = if Date::new(year as i16, 12, 31).is_ok_and(|d| d.day_of_year() == 366) {
        366
    } else {
        365
    };
    (days - first_week_offset(year, dow, doy) + first_week_offset(year + 1, dow, doy)) / 7
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> Zoned {
        format!("{s}[UTC]").parse().expect("a zoned time")
    }

    fn check(time: &str, fmt: &str, locale: Locale, expect: &str) {
        assert_eq!(
            format(&at(time), fmt, locale),
            expect,
            "{fmt:?} at {time} in {}",
            locale.code()
        );
    }

    #[test]
    fn tokens_of_daily_notes() {
        check("2024-03-06T09:05:07", "YYYY-MM-DD", Locale::En, "2024-03-06");
        check("2024-03-06T09:05:07", "YYYY/MM/YYYY-MM-DD ddd", Locale::Ko, "2024/03/2024-03-06 수");
        check("2024-03-06T15:05:07", "dddd A h:mm", Locale::Ko, "수요일 오후 3:05");
        check("2024-03-06T00:05:07", "[Week] ww, Do MMMM k", Locale::En, "Week 10, 6th March 24");
        check("2024-03-06T00:05:07", "\\YYYY YYY", Locale::En, "YYYY 242024");
        check("2024-03-06T00:05:07", "LL", Locale::Ko, "2024년 3월 6일");
        check("2020-12-31T12:00:00", "GGGG-[W]WW gggg-ww", Locale::En, "2020-W53 2021-01");
    }
}
