//! Template variables, as Obsidian's Templates plugin and the calendar
//! plugins write them: `{{title}}`, `{{date}}`, `{{time}}`,
//! `{{date:FORMAT}}`, `{{time:FORMAT}}`, offsets (`{{date+1d:FORMAT}}`,
//! units `y q M w d h m s`, signs `+` and `-`), `{{yesterday}}` and
//! `{{tomorrow}}`. Names are read case-insensitively and spaces around
//! them are allowed; anything else in `{{…}}` is left as written.
//!
//! Pure: the caller gives "now" (for a daily note, that day at the time of
//! day it is created) and the formats; dates are written by `hanji-dates`.

pub mod insert;

use hanji_dates::{format, Locale};
use jiff::{Span, Zoned};

/// What a template is expanded with.
#[derive(Debug, Clone)]
pub struct Context {
    /// The note's title (its file name without `.md`).
    pub title: String,
    /// The moment `{{date}}` and `{{time}}` write.
    pub now: Zoned,
    /// `templates.json`'s `dateFormat` and `timeFormat`.
    pub date_format: String,
    pub time_format: String,
    pub locale: Locale,
}

/// `template` with its variables replaced.
pub fn expand(template: &str, ctx: &Context) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find("{{") {
        out.push_str(&rest[..open]);
        let after = &rest[open + 2..];
        let Some(close) = after.find("}}") else {
            out.push_str(&rest[open..]);
            return out;
        };
        let inner = &after[..close];
        match variable(inner, ctx) {
            Some(text) => out.push_str(&text),
            None => out.push_str(&rest[open..open + 2 + close + 2]),
        }
        rest = &after[close + 2..];
    }
    out.push_str(rest);
    out
}

/// What `{{inner}}` writes, `None` when it is no variable.
fn variable(inner: &str, ctx: &Context) -> Option<String> {
    let (head, custom) = match inner.split_once(':') {
        Some((h, f)) => (h.trim(), Some(f)),
        None => (inner.trim(), None),
    };
    let lower = head.to_ascii_lowercase();
    let day = |days: i64| ctx.now.checked_add(Span::new().days(days)).ok();
    match lower.as_str() {
        "title" if custom.is_none() => return Some(ctx.title.clone()),
        "yesterday" => {
            return Some(format(&day(-1)?, custom.unwrap_or(&ctx.date_format), ctx.locale))
        }
        "tomorrow" => {
            return Some(format(&day(1)?, custom.unwrap_or(&ctx.date_format), ctx.locale))
        }
        _ => {}
    }
    let (name, offset) = if let Some(rest) = lower.strip_prefix("date") {
        ("date", rest)
    } else if let Some(rest) = lower.strip_prefix("time") {
        ("time", rest)
    } else {
        return None;
    };
    // The offset is read from the original text: `M` (months) and `m`
    // (minutes) differ only by case.
    let offset_raw = &head[head.len() - offset.len()..];
    let at = shifted(&ctx.now, offset_raw.trim())?;
    let fmt = custom.unwrap_or(if name == "date" { &ctx.date_format } else { &ctx.time_format });
    Some(format(&at, fmt, ctx.locale))
}

/// `now` moved by an offset such as `+1d`, `-2w`, `+3M` (`""`: not moved).
fn shifted(now: &Zoned, offset: &str) -> Option<Zoned> {
    if offset.is_empty() {
        return Some(now.clone());
    }
    let (sign, rest) = match offset.as_bytes().first()? {
        b'+' => (1, &offset[1..]),
        b'-' => (-1, &offset[1..]),
        _ => return None,
    };
    let unit = rest.chars().last()?;
    let n: i64 = rest[..rest.len() - unit.len_utf8()].trim().parse().ok()?;
    let n = sign * n;
    let span = match unit {
        'y' => Span::new().try_years(n).ok()?,
        'q' => Span::new().try_months(n.checked_mul(3)?).ok()?,
        'M' => Span::new().try_months(n).ok()?,
        'w' => Span::new().try_weeks(n).ok()?,
        'd' => Span::new().try_days(n).ok()?,
        'h' => Span::new().try_hours(n).ok()?,
        'm' => Span::new().try_minutes(n).ok()?,
        's' => Span::new().try_seconds(n).ok()?,
        _ => return None,
    };
    now.checked_add(span).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx(locale: Locale) -> Context {
        Context {
            title: "2024-03-06".into(),
            now: "2024-03-06T21:07:00[Asia/Seoul]".parse().expect("zoned"),
            date_format: "YYYY-MM-DD".into(),
            time_format: "HH:mm".into(),
            locale,
        }
    }

    fn check(template: &str, locale: Locale, expect: &str) {
        assert_eq!(expand(template, &ctx(locale)), expect, "{template:?}");
    }

    #[test]
    fn every_variable() {
        check("# {{title}}\n{{date}} {{time}}", Locale::En, "# 2024-03-06\n2024-03-06 21:07");
        check("{{date:dddd}} {{time:A h시}}", Locale::Ko, "수요일 오후 9시");
        check("{{ DATE : YYYY }}", Locale::En, " 2024 ");
        check(
            "{{yesterday}} {{tomorrow}} {{tomorrow:ddd}}",
            Locale::En,
            "2024-03-05 2024-03-07 Thu",
        );
        check(
            "{{date+1d:YYYY-MM-DD}} {{date-1w}} {{date+1M:MMMM}} {{date+1q:Q}} {{date-1y:YYYY}}",
            Locale::En,
            "2024-03-07 2024-02-28 April 2 2023",
        );
        check("{{time+90m}} {{time-1h:HH}} {{time+30s:ss}}", Locale::En, "22:37 20 30");
        check(
            "{{date+1x}} {{weather}} {{unclosed",
            Locale::En,
            "{{date+1x}} {{weather}} {{unclosed",
        );
        check("{{date:[Week] ww}}", Locale::En, "Week 10");
    }
}
