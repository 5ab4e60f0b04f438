//! Writes Hanji's answers for the Moment.js oracle: thousands of dates
//! (leap days, ISO week 53, the days around every new year, midnight,
//! noon and the last second of a day) formatted with every token, in both
//! locales, and a set of formats people write (daily notes, brackets,
//! escapes, long formats), to `ui/src/dates-oracle.json`. The UI's tests
//! (`ui/src/dates.test.ts`) format the same dates with the real `moment`
//! package and compare, byte for byte. This test fails when the committed
//! file is not what the code answers now; `HANJI_WRITE_BINDINGS=1 cargo
//! test -p hanji-dates oracle` writes it.

use std::path::Path;

use hanji_dates::{format, Locale};
use jiff::civil::{date, Date};
use jiff::Zoned;

/// Every token Moment knows, one format string (separated so each reads alone).
const ALL_TOKENS: &str = "YYYY|YY|Y|YYYYY|YYYYYY|Q|Qo|M|MM|MMM|MMMM|Mo|D|DD|Do|DDD|DDDD|DDDo|d|do|dd|ddd|dddd|e|E|w|ww|wo|W|WW|Wo|gg|gggg|ggggg|GG|GGGG|GGGGG|H|HH|h|hh|k|kk|hmm|hmmss|Hmm|Hmmss|m|mm|s|ss|S|SS|SSS|SSSS|A|a|X|x|Z|ZZ|z|N|NNNN|y|yy|yyyy";

/// Formats as people write them in `.obsidian/daily-notes.json` and templates.
const FORMATS: &[&str] = &[
    ALL_TOKENS,
    "YYYY-MM-DD",
    "YYYY/MM/YYYY-MM-DD ddd",
    "YYYY년 MM월 DD일 dddd",
    "gggg-[W]ww",
    "GGGG-[W]WW-E",
    "[Week] w [of] gggg",
    "dddd, MMMM Do YYYY, h:mm:ss a",
    "YY.M.D (ddd) A h시 m분",
    "\\YYYY-[MM]-\\DD \\[x]",
    "[[YYYY]] [unclosed",
    "LT|LTS|L|LL|LLL|LLLL|l|ll|lll|llll|[LL] \\LT",
    "YYYYYYY DDDDD ddddd MMMMM",
    "",
];

fn dates() -> Vec<Date> {
    let mut out = Vec::new();
    // Around every new year from 1999 to 2031: ISO weeks 52/53 and week-years.
    for y in 1999..=2031 {
        let start = date(y - 1, 12, 24);
        for i in 0..15 {
            out.push(start.checked_add(jiff::Span::new().days(i)).expect("a date"));
        }
    }
    // Leap days and their neighbours, century years included.
    for y in [1900, 2000, 2004, 2020, 2024, 2028, 2100] {
        for (m, d) in [(2, 28), (3, 1), (12, 31)] {
            out.push(date(y, m, d));
        }
        if let Ok(d) = Date::new(y, 2, 29) {
            out.push(d);
        }
    }
    // One day every 11 days through 2024–2026 (every weekday, month, quarter).
    let mut d = date(2024, 1, 1);
    while d.year() < 2027 {
        out.push(d);
        d = d.checked_add(jiff::Span::new().days(11)).expect("a date");
    }
    out
}

/// Midnight, 1 a.m., just before noon, noon, 1 p.m. and the last millisecond.
const TIMES: &[(i8, i8, i8, i16)] = &[
    (0, 0, 0, 0),
    (1, 2, 3, 4),
    (11, 59, 59, 999),
    (12, 0, 0, 0),
    (13, 5, 9, 120),
    (23, 59, 59, 999),
];

fn render() -> String {
    let mut entries = Vec::new();
    for (i, day) in dates().into_iter().enumerate() {
        let (h, m, s, ms) = TIMES[i % TIMES.len()];
        let dt = day.at(h, m, s, i32::from(ms) * 1_000_000);
        let zoned: Zoned = dt.to_zoned(jiff::tz::TimeZone::UTC).expect("a UTC time");
        let iso = format!("{}Z", dt.strftime("%Y-%m-%dT%H:%M:%S%.3f"));
        for locale in [Locale::En, Locale::Ko] {
            for (f, fmt) in FORMATS.iter().enumerate() {
                // The whole list of formats for a tenth of the dates; every
                // token for all of them.
                if f != 0 && i % 10 != 0 {
                    continue;
                }
                entries.push(serde_json::json!([
                    iso,
                    locale.code(),
                    f,
                    format(&zoned, fmt, locale)
                ]));
            }
        }
    }
    let doc = serde_json::json!({
        "about": "Hanji's answers (hanji-dates) for the Moment.js oracle: [UTC time, locale, format index, output]. Written by crates/dates/tests/oracle.rs; ui/src/dates.test.ts checks each against moment.",
        "formats": FORMATS,
        "entries": entries,
    });
    let mut text = serde_json::to_string(&doc).expect("json");
    text.push('\n');
    text
}

#[test]
fn oracle_json_is_current() {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/dates-oracle.json");
    let now = render();
    if std::env::var_os("HANJI_WRITE_BINDINGS").is_some() {
        std::fs::write(&file, &now).expect("write the oracle file");
        return;
    }
    let committed = std::fs::read_to_string(&file).unwrap_or_default();
    assert!(
        committed == now,
        "ui/src/dates-oracle.json is stale: run HANJI_WRITE_BINDINGS=1 cargo test -p hanji-dates oracle"
    );
}
