//! Dates as articles, feeds and people write them: ISO days and timestamps
//! (RFC 3339, with or without a zone), RFC 2822 as in RSS
//! ("Sun, 03 Mar 2024 14:00:00 +0000"), written-out days ("March 3, 2024",
//! "3 Mar. 2024", "Sunday, March 3rd, 2024 at 5 p.m."), a month
//! ("2024-03", "March 2024") and, for filters, a year. Parsed with the
//! `time` crate's format descriptions; the day is the one written (a
//! timestamp's own zone), not moved to UTC.

use time::format_description::well_known::Rfc2822;
use time::macros::format_description;
use time::{Date, Month, OffsetDateTime};

/// The days a written date covers: one day, a month or a year.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Period {
    pub first: Date,
    pub last: Date,
}

impl Period {
    fn day(d: Date) -> Period {
        Period { first: d, last: d }
    }

    fn month(year: i32, month: Month) -> Option<Period> {
        let first = Date::from_calendar_date(year, month, 1).ok()?;
        let last = Date::from_calendar_date(year, month, month.length(year)).ok()?;
        Some(Period { first, last })
    }

    fn year(year: i32) -> Option<Period> {
        Some(Period {
            first: Date::from_calendar_date(year, Month::January, 1).ok()?,
            last: Date::from_calendar_date(year, Month::December, 31).ok()?,
        })
    }

    fn is_year(&self) -> bool {
        self.first.ordinal() == 1
            && self.last.month() == Month::December
            && self.last.day() == 31
            && self.first.year() == self.last.year()
    }
}

/// An article's date: a day, or the first day of a month. A bare year is
/// too vague to date an article by.
pub fn parse_date(text: &str) -> Result<Date, String> {
    let period = parse_period(text)?;
    if period.is_year() {
        return Err(format!("date {:?} names a year, not a day", text.trim()));
    }
    Ok(period.first)
}

/// `--since`: the first day of what is written ("2024" is 2024-01-01).
pub fn parse_since(text: &str) -> Result<Date, String> {
    parse_period(text).map(|p| p.first)
}

/// `--until`: the last day of what is written ("2024-06" is 2024-06-30).
pub fn parse_until(text: &str) -> Result<Date, String> {
    parse_period(text).map(|p| p.last)
}

/// The days `text` covers, in any of the forms this module reads.
pub fn parse_period(text: &str) -> Result<Period, String> {
    let text = text.trim();
    iso(text)
        .or_else(|| rfc2822(text))
        .or_else(|| written(text))
        .ok_or_else(|| {
            format!(
                "date {text:?} is not a date quarry reads (2024-03-03, 2024-03, 2024, \
                 March 3, 2024, or RFC 2822/3339)"
            )
        })
}

/// `2024-03-03`, `2024-03-03T14:03:00-05:00` (its own day), `2024/03/03`,
/// `2024-03`, `2024`.
fn iso(text: &str) -> Option<Period> {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let (date, rest) = match text.find(['T', 't', ' ']) {
        Some(i) => (&text[..i], &text[i..]),
        None => (text, ""),
    };
    let parts: Vec<&str> = date.split(['-', '/']).collect();
    if !parts.iter().all(|p| digits(p)) || parts[0].len() != 4 {
        return None;
    }
    let year: i32 = parts[0].parse().ok()?;
    let month = |m: &str| Month::try_from(m.parse::<u8>().ok()?).ok();
    match parts[..] {
        [_, m, d] if m.len() <= 2 && d.len() <= 2 => {
            // A time after the day must look like one.
            let time = rest.trim_start_matches(['T', 't', ' ']);
            if !(time.is_empty() || time.starts_with(|c: char| c.is_ascii_digit())) {
                return None;
            }
            Date::from_calendar_date(year, month(m)?, d.parse().ok()?)
                .ok()
                .map(Period::day)
        }
        [_, m] if rest.is_empty() && m.len() <= 2 => Period::month(year, month(m)?),
        [_] if rest.is_empty() => Period::year(year),
        _ => None,
    }
}

/// RSS's dates: "Sun, 03 Mar 2024 14:00:00 +0000".
fn rfc2822(text: &str) -> Option<Period> {
    OffsetDateTime::parse(text, &Rfc2822)
        .ok()
        .map(|t| Period::day(t.date()))
}

/// "March 3, 2024", "Mar. 3 2024", "3 March 2024", "Sunday, March 3rd,
/// 2024, 5:00 PM", "March 2024".
fn written(text: &str) -> Option<Period> {
    let words: Vec<String> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .map(|w| w.trim_end_matches('.').to_lowercase())
        .collect();
    let mut month = None;
    let mut day = None;
    let mut year = None;
    for w in &words {
        if let Some(m) = month_named(w) {
            if month.is_some() {
                return None;
            }
            month = Some(m);
            continue;
        }
        let number = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        let ordinal = &w[number.len()..];
        if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
            // Weekdays, "at", times, zones: after the date is read.
            if year.is_some() || is_weekday(w) {
                continue;
            }
            if month.is_some() && day.is_some() {
                continue;
            }
            return None;
        }
        if !matches!(ordinal, "" | "st" | "nd" | "rd" | "th") {
            continue;
        }
        match number.len() {
            4 if year.is_none() => year = number.parse::<i32>().ok(),
            1 | 2 if day.is_none() && year.is_none() => day = number.parse::<u8>().ok(),
            _ if year.is_some() => {}
            _ => return None,
        }
    }
    let (month, year) = (month?, year?);
    match day {
        Some(d) => Date::from_calendar_date(year, month, d)
            .ok()
            .map(Period::day),
        None => Period::month(year, month),
    }
}

/// A month by its name or its three-letter abbreviation ("sept" too), lower case.
fn month_named(word: &str) -> Option<Month> {
    if word == "sept" {
        return Some(Month::September);
    }
    let mut month = Month::January;
    for _ in 0..12 {
        let name = month.to_string().to_lowercase();
        if word == name || word == &name[..3] {
            return Some(month);
        }
        month = month.next();
    }
    None
}

fn is_weekday(word: &str) -> bool {
    [
        "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
    ]
    .contains(&word)
        || word.ends_with("day")
}

/// Formats a date as `YYYY-MM-DD`.
pub fn format_date(date: Date) -> String {
    date.format(format_description!("[year]-[month]-[day]"))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn days_in_the_forms_feeds_and_front_matter_use() {
        let d = date!(2024 - 03 - 03);
        for text in [
            "2024-03-03",
            "2024-03-03T14:03:00Z",
            "2024-03-03T23:30:00-05:00",
            "2024-03-03 09:00",
            "2024/03/03",
            "Sun, 03 Mar 2024 14:00:00 +0000",
            "March 3, 2024",
            "Mar. 3, 2024",
            "3 March 2024",
            "Sunday, March 3rd, 2024 at 5:00 p.m. ET",
            "MARCH 3 2024",
        ] {
            assert_eq!(parse_date(text), Ok(d), "{text}");
        }
        assert_eq!(parse_date("2024-03"), Ok(date!(2024 - 03 - 01)));
        assert_eq!(parse_date("March 2024"), Ok(date!(2024 - 03 - 01)));
        for bad in [
            "2024",
            "2016-13-01",
            "12/09/2016",
            "2016-09-123",
            "someday",
            "March",
            "Feb 30, 2024",
        ] {
            assert!(parse_date(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn filters_take_a_year_or_a_month() {
        assert_eq!(parse_since("2024"), Ok(date!(2024 - 01 - 01)));
        assert_eq!(parse_until("2024"), Ok(date!(2024 - 12 - 31)));
        assert_eq!(parse_until("2024-06"), Ok(date!(2024 - 06 - 30)));
        assert_eq!(parse_until("2024-02"), Ok(date!(2024 - 02 - 29)));
        assert_eq!(parse_since("2024-06-15"), Ok(date!(2024 - 06 - 15)));
    }
}
