//! The two locales Hanji writes dates in, with Moment's own data for each
//! (`moment/locale/ko.js`, and Moment's built-in `en`): month and weekday
//! names, ordinals, morning and afternoon, the first day of the week and
//! the long date formats (`LT`, `LL`…).

/// A locale for dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Locale {
    #[default]
    En,
    Ko,
}

/// The part of a date an ordinal is for (Moment's `period`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Period {
    Month,
    DayOfMonth,
    DayOfYear,
    DayOfWeek,
    Week,
    Quarter,
}

const EN_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const EN_MONTHS_SHORT: [&str; 12] =
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const EN_WEEKDAYS: [&str; 7] =
    ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const EN_WEEKDAYS_SHORT: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const EN_WEEKDAYS_MIN: [&str; 7] = ["Su", "Mo", "Tu", "We", "Th", "Fr", "Sa"];
const KO_MONTHS: [&str; 12] =
    ["1월", "2월", "3월", "4월", "5월", "6월", "7월", "8월", "9월", "10월", "11월", "12월"];
const KO_WEEKDAYS: [&str; 7] =
    ["일요일", "월요일", "화요일", "수요일", "목요일", "금요일", "토요일"];
const KO_WEEKDAYS_SHORT: [&str; 7] = ["일", "월", "화", "수", "목", "금", "토"];

impl Locale {
    /// `MMMM`; `month0` counts from 0.
    pub(crate) fn month(self, month0: usize) -> &'static str {
        match self {
            Locale::En => EN_MONTHS[month0 % 12],
            Locale::Ko => KO_MONTHS[month0 % 12],
        }
    }

    /// `MMM`.
    pub(crate) fn month_short(self, month0: usize) -> &'static str {
        match self {
            Locale::En => EN_MONTHS_SHORT[month0 % 12],
            Locale::Ko => KO_MONTHS[month0 % 12],
        }
    }

    /// `dddd`; `day` counts from Sunday, 0.
    pub(crate) fn weekday(self, day: usize) -> &'static str {
        match self {
            Locale::En => EN_WEEKDAYS[day % 7],
            Locale::Ko => KO_WEEKDAYS[day % 7],
        }
    }

    /// `ddd`.
    pub(crate) fn weekday_short(self, day: usize) -> &'static str {
        match self {
            Locale::En => EN_WEEKDAYS_SHORT[day % 7],
            Locale::Ko => KO_WEEKDAYS_SHORT[day % 7],
        }
    }

    /// `dd`.
    pub(crate) fn weekday_min(self, day: usize) -> &'static str {
        match self {
            Locale::En => EN_WEEKDAYS_MIN[day % 7],
            Locale::Ko => KO_WEEKDAYS_SHORT[day % 7],
        }
    }

    /// `A` (`lower`: `a`).
    pub(crate) fn meridiem(self, hour: i8, lower: bool) -> &'static str {
        match (self, hour < 12, lower) {
            (Locale::En, true, false) => "AM",
            (Locale::En, false, false) => "PM",
            (Locale::En, true, true) => "am",
            (Locale::En, false, true) => "pm",
            (Locale::Ko, true, _) => "오전",
            (Locale::Ko, false, _) => "오후",
        }
    }

    /// `Do`, `Mo`, `wo`…
    pub(crate) fn ordinal(self, n: i64, period: Period) -> String {
        match self {
            Locale::En => {
                let b = n % 10;
                let suffix = if (n % 100) / 10 == 1 {
                    "th"
                } else {
                    match b {
                        1 => "st",
                        2 => "nd",
                        3 => "rd",
                        _ => "th",
                    }
                };
                format!("{n}{suffix}")
            }
            Locale::Ko => match period {
                Period::DayOfMonth | Period::DayOfYear | Period::DayOfWeek => format!("{n}일"),
                Period::Month => format!("{n}월"),
                Period::Week => format!("{n}주"),
                Period::Quarter => n.to_string(),
            },
        }
    }

    /// The locale's week: its first day (0: Sunday) and the day of January
    /// that is always in the first week (Moment's `dow` and `doy`).
    pub(crate) fn week(self) -> (i64, i64) {
        match self {
            Locale::En | Locale::Ko => (0, 6),
        }
    }

    /// A long date format (`LT`, `LTS`, `L`, `LL`, `LLL`, `LLLL` and the
    /// lower-case `l`…`llll`), in the locale's tokens.
    pub(crate) fn long_format(self, key: &str) -> Option<&'static str> {
        Some(match (self, key) {
            (Locale::En, "LT") => "h:mm A",
            (Locale::En, "LTS") => "h:mm:ss A",
            (Locale::En, "L") => "MM/DD/YYYY",
            (Locale::En, "LL") => "MMMM D, YYYY",
            (Locale::En, "LLL") => "MMMM D, YYYY h:mm A",
            (Locale::En, "LLLL") => "dddd, MMMM D, YYYY h:mm A",
            (Locale::En, "l") => "M/D/YYYY",
            (Locale::En, "ll") => "MMM D, YYYY",
            (Locale::En, "lll") => "MMM D, YYYY h:mm A",
            (Locale::En, "llll") => "ddd, MMM D, YYYY h:mm A",
            (Locale::Ko, "LT") => "A h:mm",
            (Locale::Ko, "LTS") => "A h:mm:ss",
            (Locale::Ko, "L") => "YYYY.MM.DD.",
            (Locale::Ko, "LL") => "YYYY년 MMMM D일",
            (Locale::Ko, "LLL") => "YYYY년 MMMM D일 A h:mm",
            (Locale::Ko, "LLLL") => "YYYY년 MMMM D일 dddd A h:mm",
            (Locale::Ko, "l") => "YYYY.MM.DD.",
            (Locale::Ko, "ll") => "YYYY년 MMMM D일",
            (Locale::Ko, "lll") => "YYYY년 MMMM D일 A h:mm",
            (Locale::Ko, "llll") => "YYYY년 MMMM D일 dddd A h:mm",
            _ => return None,
        })
    }

    /// The locale's code, as Moment names it.
    pub fn code(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Ko => "ko",
        }
    }
}
