//! Historical dates at their real precision: parsing the file notation, checking
//! it against the calendar, placing it on the time axis and writing it as a
//! historian would.
//!
//! The notation is `1956-08-30` (day), `1956-08` (month), `1956` (year),
//! `c. 1949` / `c. 1956-07` (circa), `1950s` (decade) and `early 1950s`,
//! `mid 1950s`, `late 1950s` (part of a decade), and a day with a time of day,
//! `1969-07-20T20:17Z`, `1969-07-20T20:17:40Z` or `1969-07-21T05:17+09:00` (a moment,
//! to the minute or the second; `Z` is UTC, or an offset east of UTC is given). A moment
//! is shown in UTC, or at the offset written: `20 July 1969, 20:17 UTC`.
//!
//! Time on the axis is measured in [`Days`]: days since 1970-01-01 as `f64`.
//!
//! # How uncertain each date is
//!
//! A date may lie anywhere in what it names; a "c." widens that by half its length on
//! each side, and by at least a day ([`HistDate::circa_margin`]), so that the margin is
//! proportional to the precision:
//!
//! | the date says | it lies in | with "c." it may also lie, on each side |
//! |---|---|---|
//! | `1969-07-20T20:17Z` (moment) | that minute (or second) | no "c.": a time is exact |
//! | `1956-08-30` (day) | that day | 1 day |
//! | `1956-07` (month) | the month | half the month: 14–15½ days |
//! | `1956` (year) | the year | half a year: 182½ or 183 days |
//! | `early 1950s` / `mid` / `late` | 1950–1953 / 1953–1956 / 1957–1959 | half of that: 2 / 2 / 1½ years |
//! | `1950s` (decade) | 1950–1959 | 5 years |
//!
//! So `c. July 1956` lies between mid-June and mid-August 1956 (15 June, noon, to
//! 16 August, noon). A day is taken whole:
//! a period from `1956-08-30` to `1956-08-31` surely covers both days. What a period
//! surely covers, and where it may reach, is [`DateSpan::extent`].

use std::fmt;

use jiff::civil::Date;

/// Days since 1970-01-01 (fractional days are times of day). The one unit of time on the axis.
pub type Days = f64;

/// Average length of a year in days, for durations given in years.
pub const DAYS_PER_YEAR: f64 = 365.2425;

/// The earliest and latest years the notation accepts; the timeline span narrows this.
const YEAR_RANGE: std::ops::RangeInclusive<i16> = 1..=9999;

/// How precisely a date is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DatePrecision {
    /// A moment to the second (`1969-07-20T20:17:40Z`).
    Second,
    /// A moment to the minute (`1969-07-20T20:17Z`).
    Minute,
    /// A single day.
    Day,
    /// A month.
    Month,
    /// A year.
    Year,
    /// A third of a decade ("early", "mid" or "late").
    PartOfDecade,
    /// A whole decade.
    Decade,
}

/// Which part of a decade: "early 1950s" is 1950–1953, "mid" 1953–1957, "late" 1957–1959.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DecadePart {
    /// The first years: x0 to x3.
    Early,
    /// The middle years: x3 to x6.
    Mid,
    /// The last years: x7 to x9.
    Late,
}

impl DecadePart {
    /// The years (offsets into the decade, inclusive) this part covers.
    fn year_offsets(self) -> (i16, i16) {
        match self {
            Self::Early => (0, 3),
            Self::Mid => (3, 6),
            Self::Late => (7, 9),
        }
    }

    fn word(self) -> &'static str {
        match self {
            Self::Early => "early",
            Self::Mid => "mid",
            Self::Late => "late",
        }
    }
}

/// A time of day as written after a day: hours, minutes, perhaps seconds, and the
/// offset from UTC (`Z` or `+09:00`) that they are counted in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TimeOfDay {
    /// 0 to 23.
    pub hour: i8,
    /// 0 to 59.
    pub minute: i8,
    /// 0 to 59, when seconds were written.
    pub second: Option<i8>,
    /// Minutes east of UTC; `None` for `Z` (UTC).
    pub offset_minutes: Option<i16>,
}

impl TimeOfDay {
    /// Seconds since the start of the day, counted in UTC (may fall outside one day
    /// when the offset moves the moment to the day before or after).
    fn utc_seconds_of_day(self) -> i64 {
        i64::from(self.hour) * 3600
            + i64::from(self.minute) * 60
            + i64::from(self.second.unwrap_or(0))
            - i64::from(self.offset_minutes.unwrap_or(0)) * 60
    }

    /// `20:17`, `20:17:40`.
    fn clock(self) -> String {
        match self.second {
            Some(second) => format!("{:02}:{:02}:{second:02}", self.hour, self.minute),
            None => format!("{:02}:{:02}", self.hour, self.minute),
        }
    }

    /// `Z` or `+09:00`, as in the notation.
    fn zone_notation(self) -> String {
        self.offset_minutes
            .map_or_else(|| "Z".to_owned(), |minutes| format!("{}", Offset(minutes)))
    }

    /// `UTC` or `UTC+09:00`, as shown.
    fn zone_shown(self) -> String {
        self.offset_minutes.map_or_else(
            || "UTC".to_owned(),
            |minutes| format!("UTC{}", Offset(minutes)),
        )
    }
}

/// An offset from UTC in minutes, written `+09:00` / `-03:30`.
struct Offset(i16);

impl fmt::Display for Offset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { '-' } else { '+' };
        let minutes = self.0.unsigned_abs();
        write!(f, "{sign}{:02}:{:02}", minutes / 60, minutes % 60)
    }
}

/// The largest offset from UTC accepted, in hours (the real ones lie within ±14:00).
const MAX_OFFSET_HOURS: i64 = 14;

/// What the date names, without the "circa".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DateKind {
    /// `1969-07-20T20:17Z`: a day and a time of day, in UTC or at an offset. The day is
    /// the one written (at that offset).
    Moment { date: Date, time: TimeOfDay },
    /// `1956-08-30`
    Day(Date),
    /// `1956-08`
    Month { year: i16, month: i8 },
    /// `1956`
    Year(i16),
    /// `1950s`, or `late 1950s` with a part.
    Decade {
        /// The first year of the decade, e.g. 1950.
        start_year: i16,
        /// Early, mid or late; the whole decade when `None`.
        part: Option<DecadePart>,
    },
}

/// A date as a historian states it: what is known, how precisely, and whether it is approximate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct HistDate {
    /// The day, month, year or decade.
    pub kind: DateKind,
    /// "c." — the date itself is approximate.
    pub circa: bool,
}

/// Why a date text could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    /// Nothing was written.
    #[error("empty date")]
    Empty,
    /// The text does not follow the notation.
    #[error(
        "cannot read date {0:?}: write 1956-08-30, 1956-08, 1956, c. 1956, 1950s or early/mid/late 1950s"
    )]
    Malformed(String),
    /// A time of day that does not follow the notation.
    #[error(
        "cannot read date {0:?}: write a time of day after a full date as 1969-07-20T20:17Z \
         (UTC), 1969-07-20T20:17:40Z (with seconds) or 1969-07-21T05:17+09:00 (at an offset)"
    )]
    MalformedTime(String),
    /// An hour, minute, second or offset the clock does not have.
    #[error("invalid time {text}: {why}")]
    NoSuchTime { text: String, why: String },
    /// "c." before a time of day.
    #[error(
        "invalid date {text}: a time of day is exact and cannot be approximate; write the \
         day alone (c. {day}) for an approximate day"
    )]
    CircaTime { text: String, day: String },
    /// A month outside 1..=12.
    #[error("invalid date {text}: there is no month {month}")]
    NoSuchMonth { text: String, month: i64 },
    /// A day the month does not have.
    #[error("invalid date {text}: {month_name} {year} has {days} days")]
    NoSuchDay {
        text: String,
        month_name: &'static str,
        year: i16,
        days: i8,
    },
    /// A year outside 1..=9999.
    #[error("invalid date {text}: year {year} is out of range (1 to 9999)")]
    YearOutOfRange { text: String, year: i64 },
    /// A decade that does not start at a multiple of ten ("1955s").
    #[error("invalid decade {text}: a decade starts at a year ending in 0, e.g. 1950s")]
    NotADecade { text: String },
}

const MONTH_NAMES: [&str; 12] = [
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

/// The English name of a month, 1-based; `"?"` outside 1..=12.
pub fn month_name(month: i8) -> &'static str {
    usize::try_from(month - 1)
        .ok()
        .and_then(|index| MONTH_NAMES.get(index))
        .copied()
        .unwrap_or("?")
}

/// Days since 1970-01-01 of the start of a calendar day.
pub fn days_from_date(date: Date) -> Days {
    let epoch = Date::constant(1970, 1, 1);
    // `Date - Date` is exact in days for civil dates; a Span in days has no calendar ambiguity.
    let span = date.since((jiff::Unit::Day, epoch)).unwrap_or_default();
    f64::from(span.get_days())
}

/// The calendar day containing `days`, clamped to the dates jiff supports
/// (-9999-01-01 to 9999-12-31).
pub fn date_from_days(days: Days) -> Date {
    let epoch = Date::constant(1970, 1, 1);
    let whole = if days.is_finite() {
        days.floor()
            .clamp(days_from_date(Date::MIN), days_from_date(Date::MAX))
    } else {
        0.0
    };
    // The clamp keeps the count well inside i32 and inside jiff's supported range.
    #[allow(clippy::cast_possible_truncation)]
    let whole = whole as i32;
    epoch
        .checked_add(jiff::Span::new().days(whole))
        .unwrap_or(epoch)
}

/// Days since 1970-01-01 of 1 January of `year` in the proleptic Gregorian calendar.
///
/// Exact for every `year`, including 10000, the end of the last year the notation
/// accepts, which lies beyond the dates jiff can represent.
pub fn days_from_year(year: i16) -> Days {
    // Howard Hinnant's `days_from_civil` for 1 January: whole 400-year eras, then the
    // years of the era before `year`, with March-based years so the leap day comes last.
    let y = i64::from(year) - 1; // January counts in the March-based year before.
    let era = y.div_euclid(400);
    let year_of_era = y.rem_euclid(400); // 0..=399
    let day_of_year = 306; // 1 January is day 306 of the year that begins on 1 March.
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    // At most a few million days: exact in f64.
    (era * 146_097 + day_of_era - 719_468) as f64
}

fn year_start(year: i16) -> Days {
    days_from_year(year)
}

fn month_start(year: i16, month: i8) -> Days {
    Date::new(year, month, 1).map_or_else(|_| year_start(year), days_from_date)
}

fn next_month_start(year: i16, month: i8) -> Days {
    if month >= 12 {
        year_start(year.saturating_add(1))
    } else {
        month_start(year, month + 1)
    }
}

impl HistDate {
    /// A day-precision date. Returns `None` for a day the calendar does not have.
    pub fn day(year: i16, month: i8, day: i8) -> Option<Self> {
        Date::new(year, month, day).ok().map(|date| Self {
            kind: DateKind::Day(date),
            circa: false,
        })
    }

    /// Reads the file notation (see the module documentation).
    pub fn parse(text: &str) -> Result<Self, DateError> {
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return Err(DateError::Empty);
        }
        let (circa, rest) = match trimmed
            .strip_prefix("c.")
            .or_else(|| trimmed.strip_prefix("ca."))
        {
            Some(rest) => (true, rest.trim_start()),
            None => (false, trimmed),
        };
        let malformed = || DateError::Malformed(text.to_owned());
        let (part, rest) = match rest.split_once(' ') {
            Some(("early", rest)) => (Some(DecadePart::Early), rest),
            Some(("mid", rest)) => (Some(DecadePart::Mid), rest),
            Some(("late", rest)) => (Some(DecadePart::Late), rest),
            Some(_) => return Err(malformed()),
            None => (None, rest),
        };
        if let Some(decade) = rest.strip_suffix('s') {
            let year = parse_year(decade, text)?;
            if year % 10 != 0 {
                return Err(DateError::NotADecade {
                    text: text.to_owned(),
                });
            }
            return Ok(Self {
                kind: DateKind::Decade {
                    start_year: year,
                    part,
                },
                circa,
            });
        }
        if part.is_some() {
            return Err(malformed());
        }
        if let Some((day, time)) = rest.split_once('T') {
            let day_error = |error| match error {
                DateError::Malformed(_) | DateError::Empty => {
                    DateError::MalformedTime(text.to_owned())
                }
                other => other,
            };
            let DateKind::Day(date) = Self::parse(day).map_err(day_error)?.kind else {
                return Err(DateError::MalformedTime(text.to_owned()));
            };
            if circa {
                return Err(DateError::CircaTime {
                    text: text.to_owned(),
                    day: day.to_owned(),
                });
            }
            let time = parse_time(time, text)?;
            return Ok(Self {
                kind: DateKind::Moment { date, time },
                circa,
            });
        }
        let mut pieces = rest.split('-');
        let year = parse_year(pieces.next().ok_or_else(malformed)?, text)?;
        let month = pieces
            .next()
            .map(|m| parse_number(m, 2, text))
            .transpose()?;
        let day = pieces
            .next()
            .map(|d| parse_number(d, 2, text))
            .transpose()?;
        if pieces.next().is_some() {
            return Err(malformed());
        }
        let kind = match (month, day) {
            (None, _) => DateKind::Year(year),
            (Some(month), day) => {
                let month = i8::try_from(month)
                    .ok()
                    .filter(|m| (1..=12).contains(m))
                    .ok_or(DateError::NoSuchMonth {
                        text: text.to_owned(),
                        month,
                    })?;
                match day {
                    None => DateKind::Month { year, month },
                    Some(day) => {
                        let first = Date::new(year, month, 1).map_err(|_| malformed())?;
                        let days_in_month = first.days_in_month();
                        let date = i8::try_from(day)
                            .ok()
                            .filter(|d| (1..=days_in_month).contains(d))
                            .and_then(|d| Date::new(year, month, d).ok())
                            .ok_or(DateError::NoSuchDay {
                                text: text.to_owned(),
                                month_name: month_name(month),
                                year,
                                days: days_in_month,
                            })?;
                        DateKind::Day(date)
                    }
                }
            }
        };
        Ok(Self { kind, circa })
    }

    /// How precisely the date is known (circa is separate).
    pub fn precision(&self) -> DatePrecision {
        match self.kind {
            DateKind::Moment { time, .. } if time.second.is_some() => DatePrecision::Second,
            DateKind::Moment { .. } => DatePrecision::Minute,
            DateKind::Day(_) => DatePrecision::Day,
            DateKind::Month { .. } => DatePrecision::Month,
            DateKind::Year(_) => DatePrecision::Year,
            DateKind::Decade { part: Some(_), .. } => DatePrecision::PartOfDecade,
            DateKind::Decade { part: None, .. } => DatePrecision::Decade,
        }
    }

    /// The interval the date names, `[start, end)` in days, without the circa margin.
    pub fn interval(&self) -> (Days, Days) {
        match self.kind {
            DateKind::Moment { date, time } => {
                // Exact in f64: whole seconds over a few million days.
                #[allow(clippy::cast_precision_loss)]
                let start = days_from_date(date) + time.utc_seconds_of_day() as f64 / 86_400.0;
                let length = if time.second.is_some() { 1.0 } else { 60.0 };
                (start, start + length / 86_400.0)
            }
            DateKind::Day(date) => {
                let start = days_from_date(date);
                (start, start + 1.0)
            }
            DateKind::Month { year, month } => {
                (month_start(year, month), next_month_start(year, month))
            }
            DateKind::Year(year) => (year_start(year), year_start(year.saturating_add(1))),
            DateKind::Decade { start_year, part } => {
                let (first, last) = part.map_or((0, 9), DecadePart::year_offsets);
                (
                    year_start(start_year + first),
                    year_start(start_year + last + 1),
                )
            }
        }
    }

    /// How far the true date may lie outside [`Self::interval`] because of a "c.", on
    /// each side: half the length of what the date names, and at least a day (the table
    /// in the module documentation). Nothing without a "c.".
    pub fn circa_margin(&self) -> Days {
        if !self.circa {
            return 0.0;
        }
        let (start, end) = self.interval();
        ((end - start) / 2.0).max(1.0)
    }

    /// The widest interval the true date may lie in: the named interval widened by the circa margin.
    pub fn uncertainty(&self) -> (Days, Days) {
        let (start, end) = self.interval();
        let margin = self.circa_margin();
        (start - margin, end + margin)
    }

    /// Where a period that begins at this date may have begun: anywhere in what the
    /// date names (and its circa margin), or, for a day, at the start of that day.
    pub fn start_range(&self) -> (Days, Days) {
        let (start, end) = self.interval();
        let margin = self.circa_margin();
        match self.kind {
            DateKind::Day(_) | DateKind::Moment { .. } => (start - margin, start + margin),
            _ => (start - margin, end + margin),
        }
    }

    /// Where a period that ends at this date may have ended: anywhere in what the
    /// date names (and its circa margin), or, for a day, at the end of that day.
    pub fn end_range(&self) -> (Days, Days) {
        let (start, end) = self.interval();
        let margin = self.circa_margin();
        match self.kind {
            DateKind::Day(_) | DateKind::Moment { .. } => (end - margin, end + margin),
            _ => (start - margin, end + margin),
        }
    }

    /// The best single point for the date: the middle of what it names.
    pub fn midpoint(&self) -> Days {
        let (start, end) = self.interval();
        (start + end) / 2.0
    }

    /// The date in the file notation; parsing it gives back `self`.
    pub fn notation(&self) -> String {
        let circa = if self.circa { "c. " } else { "" };
        let body = match self.kind {
            DateKind::Moment { date, time } => format!(
                "{:04}-{:02}-{:02}T{}{}",
                date.year(),
                date.month(),
                date.day(),
                time.clock(),
                time.zone_notation()
            ),
            DateKind::Day(date) => {
                format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
            }
            DateKind::Month { year, month } => format!("{year:04}-{month:02}"),
            DateKind::Year(year) => format!("{year:04}"),
            DateKind::Decade { start_year, part } => match part {
                Some(part) => format!("{} {start_year}s", part.word()),
                None => format!("{start_year}s"),
            },
        };
        format!("{circa}{body}")
    }
}

impl fmt::Display for HistDate {
    /// As a historian writes it: `30 August 1956`, `August 1956`, `c. 1949`, `late 1950s`,
    /// `20 July 1969, 20:17 UTC`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.circa {
            f.write_str("c. ")?;
        }
        match self.kind {
            DateKind::Moment { date, time } => write!(
                f,
                "{} {} {}, {} {}",
                date.day(),
                month_name(date.month()),
                date.year(),
                time.clock(),
                time.zone_shown()
            ),
            DateKind::Day(date) => write!(
                f,
                "{} {} {}",
                date.day(),
                month_name(date.month()),
                date.year()
            ),
            DateKind::Month { year, month } => write!(f, "{} {year}", month_name(month)),
            DateKind::Year(year) => write!(f, "{year}"),
            DateKind::Decade { start_year, part } => match part {
                Some(part) => write!(f, "{} {start_year}s", part.word()),
                None => write!(f, "{start_year}s"),
            },
        }
    }
}

/// Reads `HH:MM[:SS]` followed by `Z` or `±HH:MM`, the part after the `T`.
fn parse_time(written: &str, text: &str) -> Result<TimeOfDay, DateError> {
    let malformed = || DateError::MalformedTime(text.to_owned());
    let (clock, offset_minutes) = if let Some(clock) = written.strip_suffix(['Z', 'z']) {
        (clock, None)
    } else {
        let at = written.rfind(['+', '-']).ok_or_else(malformed)?;
        let (clock, offset) = written.split_at(at);
        let negative = offset.starts_with('-');
        let (hours, minutes) = offset
            .get(1..)
            .and_then(|o| o.split_once(':'))
            .ok_or_else(malformed)?;
        let hours = parse_number(hours, 2, text).map_err(|_| malformed())?;
        let minutes = parse_number(minutes, 2, text).map_err(|_| malformed())?;
        if minutes >= 60 || hours * 60 + minutes > MAX_OFFSET_HOURS * 60 {
            return Err(DateError::NoSuchTime {
                text: text.to_owned(),
                why: format!(
                    "an offset from UTC lies between -{MAX_OFFSET_HOURS}:00 and +{MAX_OFFSET_HOURS}:00"
                ),
            });
        }
        let total = hours * 60 + minutes;
        let total = if negative { -total } else { total };
        (clock, Some(i16::try_from(total).map_err(|_| malformed())?))
    };
    let mut pieces = clock.split(':');
    let mut next = || -> Result<Option<i64>, DateError> {
        pieces
            .next()
            .map(|p| parse_number(p, 2, text).map_err(|_| malformed()))
            .transpose()
    };
    let (Some(hour), Some(minute), second, None) = (next()?, next()?, next()?, next()?) else {
        return Err(malformed());
    };
    let no_such = |why: String| DateError::NoSuchTime {
        text: text.to_owned(),
        why,
    };
    // `parse_number` read two digits, so each is 0..=99 and fits an i8.
    let small = |n: i64| i8::try_from(n).map_err(|_| malformed());
    if hour > 23 {
        return Err(no_such(format!("there is no hour {hour} (0 to 23)")));
    }
    if minute > 59 {
        return Err(no_such(format!("there is no minute {minute} (0 to 59)")));
    }
    if let Some(second) = second.filter(|&s| s > 59) {
        return Err(no_such(format!("there is no second {second} (0 to 59)")));
    }
    Ok(TimeOfDay {
        hour: small(hour)?,
        minute: small(minute)?,
        second: second.map(small).transpose()?,
        offset_minutes,
    })
}

fn parse_number(digits: &str, width: usize, text: &str) -> Result<i64, DateError> {
    if digits.len() != width || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(DateError::Malformed(text.to_owned()));
    }
    digits
        .parse()
        .map_err(|_| DateError::Malformed(text.to_owned()))
}

fn parse_year(digits: &str, text: &str) -> Result<i16, DateError> {
    if digits.is_empty() || digits.len() > 5 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(DateError::Malformed(text.to_owned()));
    }
    let year: i64 = digits
        .parse()
        .map_err(|_| DateError::Malformed(text.to_owned()))?;
    i16::try_from(year)
        .ok()
        .filter(|y| YEAR_RANGE.contains(y))
        .ok_or(DateError::YearOutOfRange {
            text: text.to_owned(),
            year,
        })
}

/// Where an event surely lies and where it may lie, from [`DateSpan::extent`]; all
/// `(from, to)` in days, `from <= to`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Extent {
    /// From the earliest moment the event may have begun to the latest it may have
    /// ended: as far as any mark of it may reach.
    pub possible: (Days, Days),
    /// What the event surely covers, to be drawn solid: for a period, from the latest
    /// moment it may have begun to the earliest it may have ended; for a single date,
    /// its day when it is known to the day. `None` for a single date known less
    /// precisely (it lies somewhere in `possible`), and for a period whose uncertain
    /// ends overlap.
    pub sure: Option<(Days, Days)>,
    /// Where the event may have begun (for a single date, where it may lie).
    pub start: (Days, Days),
    /// Where the event may have ended (for a single date, where it may lie).
    pub end: (Days, Days),
}

/// A date or a period: a start and an optional end, each at its own precision.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DateSpan {
    /// When it happened or began.
    pub start: HistDate,
    /// When it ended, for periods.
    pub end: Option<HistDate>,
}

impl DateSpan {
    /// A single date.
    pub fn at(start: HistDate) -> Self {
        Self { start, end: None }
    }

    /// The interval the dates name: from the start of `start` to the end of `end` (or of `start`).
    pub fn interval(&self) -> (Days, Days) {
        let (first, start_end) = self.start.interval();
        let last = self.end.map_or(start_end, |end| end.interval().1);
        (first, last)
    }

    /// The widest interval, including the circa margins at both ends
    /// (`self.extent().possible`).
    pub fn uncertainty(&self) -> (Days, Days) {
        self.extent().possible
    }

    /// The part of a period that is surely covered: from the latest moment it may have
    /// begun to the earliest it may have ended. `None` for a single date, or when the
    /// two uncertain ends overlap.
    pub fn certain_core(&self) -> Option<(Days, Days)> {
        self.end?;
        self.extent().sure
    }

    /// Where the event surely lies and where it may lie, by the table in the module
    /// documentation: what a mark draws solid, and how far its margins reach.
    pub fn extent(&self) -> Extent {
        match self.end {
            Some(end) => {
                let start = self.start.start_range();
                let end = end.end_range();
                Extent {
                    possible: (start.0, end.1),
                    sure: (end.0 > start.1).then_some((start.1, end.0)),
                    start,
                    end,
                }
            }
            None => {
                let range = self.start.uncertainty();
                let exact = self.start.precision() <= DatePrecision::Day && !self.start.circa;
                Extent {
                    possible: range,
                    sure: exact.then_some(range),
                    start: range,
                    end: range,
                }
            }
        }
    }

    /// Whether this is a period (it has an end) rather than a single date.
    pub fn is_period(&self) -> bool {
        self.end.is_some()
    }

    /// For a single date known to the day (not "c.", no time): that day, which the event
    /// fills as surely as a period fills its dates (drawn as a bar over the day when the
    /// day is wide enough on screen, never as a moment at noon).
    pub fn whole_day(&self) -> Option<(Days, Days)> {
        let day =
            self.end.is_none() && !self.start.circa && self.start.precision() == DatePrecision::Day;
        day.then(|| self.start.interval())
    }

    /// Whether the whole span is known to the day.
    pub fn is_exact(&self) -> bool {
        let exact = |d: &HistDate| d.precision() <= DatePrecision::Day && !d.circa;
        exact(&self.start) && self.end.as_ref().is_none_or(exact)
    }

    /// The point the marker of a single date stands at, or where a period starts.
    pub fn anchor(&self) -> Days {
        if self.end.is_some() {
            self.interval().0
        } else {
            self.start.midpoint()
        }
    }
}

impl fmt::Display for DateSpan {
    /// `30–31 August 1956`, `28 August – 30 September 1946`, `June–August 1956`,
    /// `1957–1958`, `c. 1949 – c. 1953`, `1980s – 1990s`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Some(end) = self.end else {
            return write!(f, "{}", self.start);
        };
        let start = self.start;
        if !start.circa && !end.circa {
            match (start.kind, end.kind) {
                (DateKind::Day(a), DateKind::Day(b)) if a.year() == b.year() => {
                    return if a.month() == b.month() {
                        write!(
                            f,
                            "{}–{} {} {}",
                            a.day(),
                            b.day(),
                            month_name(a.month()),
                            a.year()
                        )
                    } else {
                        write!(
                            f,
                            "{} {} – {} {} {}",
                            a.day(),
                            month_name(a.month()),
                            b.day(),
                            month_name(b.month()),
                            b.year()
                        )
                    };
                }
                (
                    DateKind::Month {
                        year: ya,
                        month: ma,
                    },
                    DateKind::Month {
                        year: yb,
                        month: mb,
                    },
                ) if ya == yb => {
                    return write!(f, "{}–{} {ya}", month_name(ma), month_name(mb));
                }
                (DateKind::Year(a), DateKind::Year(b)) => return write!(f, "{a}–{b}"),
                (
                    DateKind::Moment { date: a, time: ta },
                    DateKind::Moment { date: b, time: tb },
                ) if a == b && ta.offset_minutes == tb.offset_minutes => {
                    return write!(
                        f,
                        "{} {} {}, {}–{} {}",
                        a.day(),
                        month_name(a.month()),
                        a.year(),
                        ta.clock(),
                        tb.clock(),
                        ta.zone_shown()
                    );
                }
                _ => {}
            }
        }
        write!(f, "{} – {}", start, end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> HistDate {
        HistDate::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    fn span(start: &str, end: Option<&str>) -> DateSpan {
        DateSpan {
            start: parse(start),
            end: end.map(parse),
        }
    }

    #[test]
    fn parses_every_precision() {
        let cases = [
            ("1956-08-30", DatePrecision::Day, false),
            ("1956-08", DatePrecision::Month, false),
            ("1956", DatePrecision::Year, false),
            ("c. 1949", DatePrecision::Year, true),
            ("c. 1956-07", DatePrecision::Month, true),
            ("1980s", DatePrecision::Decade, false),
            ("late 1950s", DatePrecision::PartOfDecade, false),
            ("c. early 1960s", DatePrecision::PartOfDecade, true),
            ("  1926 ", DatePrecision::Year, false),
        ];
        for (text, precision, circa) in cases {
            let date = parse(text);
            assert_eq!(date.precision(), precision, "{text}");
            assert_eq!(date.circa, circa, "{text}");
        }
    }

    #[test]
    fn rejects_impossible_dates_with_reasons() {
        let cases = [
            (
                "1956-02-30",
                "invalid date 1956-02-30: February 1956 has 29 days",
            ),
            (
                "1955-02-29",
                "invalid date 1955-02-29: February 1955 has 28 days",
            ),
            (
                "1956-04-31",
                "invalid date 1956-04-31: April 1956 has 30 days",
            ),
            ("1956-13", "invalid date 1956-13: there is no month 13"),
            ("1956-00-10", "invalid date 1956-00-10: there is no month 0"),
            (
                "1956-08-00",
                "invalid date 1956-08-00: August 1956 has 31 days",
            ),
            (
                "1955s",
                "invalid decade 1955s: a decade starts at a year ending in 0, e.g. 1950s",
            ),
            (
                "0000",
                "invalid date 0000: year 0 is out of range (1 to 9999)",
            ),
            ("", "empty date"),
        ];
        for (text, message) in cases {
            let error = HistDate::parse(text).expect_err(text);
            assert_eq!(error.to_string(), message, "{text}");
        }
        for malformed in [
            "1956/08/30",
            "56-8-30",
            "1956-8",
            "August 1956",
            "very late 1950s",
            "late 1956",
            "1956-08-30-01",
            "c.",
            "ｌ956",
        ] {
            assert!(
                matches!(HistDate::parse(malformed), Err(DateError::Malformed(_))),
                "{malformed} should be malformed"
            );
        }
    }

    #[test]
    fn notation_round_trips() {
        for text in [
            "1956-08-30",
            "1956-08",
            "1956",
            "c. 1949",
            "c. 1956-07",
            "1980s",
            "early 1960s",
            "mid 1950s",
            "late 1950s",
            "c. 2020-12-31",
        ] {
            assert_eq!(parse(text).notation(), text);
            assert_eq!(parse(&parse(text).notation()), parse(text));
        }
    }

    /// Issue 15: moments, `1969-07-20T20:17Z`, to the minute or second, in UTC or at an
    /// offset.
    #[test]
    fn moments_parse_show_and_round_trip() {
        let cases = [
            (
                "1969-07-20T20:17Z",
                DatePrecision::Minute,
                "20 July 1969, 20:17 UTC",
            ),
            (
                "1969-07-20T20:17:40Z",
                DatePrecision::Second,
                "20 July 1969, 20:17:40 UTC",
            ),
            (
                "1969-07-21T05:17+09:00",
                DatePrecision::Minute,
                "21 July 1969, 05:17 UTC+09:00",
            ),
            (
                "1969-07-20T16:47:40-03:30",
                DatePrecision::Second,
                "20 July 1969, 16:47:40 UTC-03:30",
            ),
            (
                "0001-01-01T00:00Z",
                DatePrecision::Minute,
                "1 January 1, 00:00 UTC",
            ),
        ];
        for (text, precision, shown) in cases {
            let date = parse(text);
            assert_eq!(date.precision(), precision, "{text}");
            assert!(!date.circa, "{text}");
            assert_eq!(date.to_string(), shown, "{text}");
            assert_eq!(date.notation(), text, "{text}");
            assert_eq!(parse(&date.notation()), date, "{text}");
        }
        // A lower-case z is read as Z and written as Z.
        assert_eq!(parse("1969-07-20T20:17z").notation(), "1969-07-20T20:17Z");
        // A period within one day names the day once.
        assert_eq!(
            span("1969-07-20T20:17Z", Some("1969-07-20T22:56Z")).to_string(),
            "20 July 1969, 20:17–22:56 UTC"
        );
        assert_eq!(
            span("1969-07-20T20:17Z", Some("1969-07-21T02:56Z")).to_string(),
            "20 July 1969, 20:17 UTC – 21 July 1969, 02:56 UTC"
        );
    }

    #[test]
    fn moments_lie_where_their_utc_time_is() {
        // Within a microsecond: f64 days carry about 1e-11 days of precision here.
        let close = |a: (Days, Days), b: (Days, Days)| {
            (a.0 - b.0).abs() < 1e-11 && (a.1 - b.1).abs() < 1e-11
        };
        let at = |hour: u32, minute: u32, second: u32| {
            day(1969, 7, 20) + f64::from(hour * 3600 + minute * 60 + second) / 86_400.0
        };
        let landing = parse("1969-07-20T20:17Z");
        assert!(close(landing.interval(), (at(20, 17, 0), at(20, 18, 0))));
        assert!(close(
            parse("1969-07-20T20:17:40Z").interval(),
            (at(20, 17, 40), at(20, 17, 41))
        ));
        // The same moment at +09:00 (the next morning there) and at -03:30.
        assert_eq!(
            parse("1969-07-21T05:17+09:00").interval(),
            landing.interval()
        );
        assert_eq!(
            parse("1969-07-20T16:47-03:30").interval(),
            landing.interval()
        );
        // A moment is exact: marked solid, no circa margin.
        assert!(span("1969-07-20T20:17Z", None).is_exact());
        assert_eq!(landing.circa_margin(), 0.0);
        assert_eq!(
            span("1969-07-20T20:17Z", None).extent().sure,
            Some(landing.interval())
        );
        // A period between moments starts at the first and takes the last minute whole.
        assert!(close(
            span("1969-07-20T20:17Z", Some("1969-07-20T22:56Z")).interval(),
            (at(20, 17, 0), at(22, 57, 0))
        ));
    }

    #[test]
    fn moments_of_one_day_sort_by_their_time() {
        let ordered = [
            "1969-07-20",
            "1969-07-20T13:00+09:00",
            "1969-07-20T20:17Z",
            "1969-07-20T20:17:40Z",
            "1969-07-20T20:18Z",
            "1969-07-21T05:19+09:00",
            "1969-07-20T23:59:59Z",
            "1969-07-21",
        ];
        let starts: Vec<Days> = ordered.iter().map(|t| parse(t).interval().0).collect();
        assert!(
            starts.windows(2).all(|w| w[0] < w[1]),
            "{:?}",
            ordered.iter().zip(&starts).collect::<Vec<_>>()
        );
        // Every moment of a day lies inside that day's interval (in UTC).
        let (from, to) = parse("1969-07-20").interval();
        for text in &ordered[1..7] {
            let (start, end) = parse(text).interval();
            assert!(from <= start && end <= to, "{text}");
        }
    }

    #[test]
    fn impossible_or_malformed_times_say_why() {
        let cases = [
            (
                "1969-07-20T24:00Z",
                "invalid time 1969-07-20T24:00Z: there is no hour 24 (0 to 23)",
            ),
            (
                "1969-07-20T20:60Z",
                "invalid time 1969-07-20T20:60Z: there is no minute 60 (0 to 59)",
            ),
            (
                "1969-07-20T20:17:60Z",
                "invalid time 1969-07-20T20:17:60Z: there is no second 60 (0 to 59)",
            ),
            (
                "1969-07-20T20:17+15:00",
                "invalid time 1969-07-20T20:17+15:00: an offset from UTC lies between -14:00 and +14:00",
            ),
            (
                "c. 1969-07-20T20:17Z",
                "invalid date c. 1969-07-20T20:17Z: a time of day is exact and cannot be \
                 approximate; write the day alone (c. 1969-07-20) for an approximate day",
            ),
            (
                "1969-02-30T20:17Z",
                "invalid date 1969-02-30: February 1969 has 28 days",
            ),
        ];
        for (text, message) in cases {
            let error = HistDate::parse(text).expect_err(text);
            assert_eq!(error.to_string(), message, "{text}");
        }
        for malformed in [
            "1969-07-20T20:17",
            "1969-07-20T20Z",
            "1969-07-20T2017Z",
            "1969-07-20T20:17:40:00Z",
            "1969-07-20T20:17+0900",
            "1969-07-20T20:17+09",
            "1969-07-20T20:7Z",
            "1969-07T20:17Z",
            "1969T20:17Z",
            "1969-07-20T",
            "1969-07-20TZ",
            "1969-07-20T20:17ZZ",
            "1969-07-20T20:17UTC",
            "1969-07-20T-1:00Z",
        ] {
            assert!(
                matches!(HistDate::parse(malformed), Err(DateError::MalformedTime(_))),
                "{malformed} should be a malformed time: {:?}",
                HistDate::parse(malformed)
            );
        }
    }

    #[test]
    fn intervals_cover_what_the_date_names() {
        let day = parse("1956-08-30");
        assert_eq!(day.interval().1 - day.interval().0, 1.0);
        let feb = parse("1956-02");
        assert_eq!(feb.interval().1 - feb.interval().0, 29.0);
        let dec = parse("1956-12");
        assert_eq!(dec.interval().1, days_from_year(1957));
        let year = parse("1956");
        assert_eq!(
            year.interval(),
            (days_from_year(1956), days_from_year(1957))
        );
        let decade = parse("1950s");
        assert_eq!(
            decade.interval(),
            (days_from_year(1950), days_from_year(1960))
        );
        let late = parse("late 1950s");
        assert_eq!(
            late.interval(),
            (days_from_year(1957), days_from_year(1960))
        );
        let circa = parse("c. 1949");
        assert_eq!(
            circa.uncertainty(),
            (days_from_year(1949) - 182.5, days_from_year(1950) + 182.5)
        );
        assert_eq!(days_from_date(Date::constant(1970, 1, 2)), 1.0);
        assert_eq!(days_from_date(Date::constant(1969, 12, 31)), -1.0);
    }

    #[test]
    fn the_year_count_agrees_with_the_calendar() {
        for year in (-9999..=9999)
            .step_by(7)
            .chain([-1, 0, 1, 1600, 1700, 1900, 2000, 9999])
        {
            let jiff = days_from_date(Date::new(year, 1, 1).expect("a jiff date"));
            assert_eq!(days_from_year(year), jiff, "{year}");
        }
        // 10000 is past jiff's last day: the day after 31 December 9999.
        assert_eq!(
            days_from_year(10_000),
            days_from_date(Date::constant(9999, 12, 31)) + 1.0
        );
    }

    #[test]
    fn the_last_years_of_the_notation_end_after_they_start() {
        let end_of_9999 = days_from_date(Date::constant(9999, 12, 31)) + 1.0;
        let cases = [
            ("9999", days_from_year(9999)),
            ("9999-12", days_from_date(Date::constant(9999, 12, 1))),
            ("9999-12-31", days_from_date(Date::constant(9999, 12, 31))),
            ("9990s", days_from_year(9990)),
            ("late 9990s", days_from_year(9997)),
            ("c. 9999", days_from_year(9999)),
        ];
        for (text, start) in cases {
            assert_eq!(parse(text).interval(), (start, end_of_9999), "{text}");
        }
        assert_eq!(
            parse("9999").interval().1 - parse("9999").interval().0,
            365.0
        );
        assert!(span("1926", Some("9999")).interval().1 > days_from_year(2021));
        assert_eq!(
            HistDate::parse("10000").map_err(|e| e.to_string()),
            Err("invalid date 10000: year 10000 is out of range (1 to 9999)".to_owned())
        );
        assert_eq!(
            date_from_days(end_of_9999 - 1.0),
            Date::constant(9999, 12, 31)
        );
        assert_eq!(date_from_days(1e12), Date::MAX);
        assert_eq!(date_from_days(-1e12), Date::MIN);
    }

    #[test]
    fn days_and_dates_convert_both_ways() {
        for days in [-20_000.0, -1.0, 0.0, 1.5, 18_000.25, 40_000.0] {
            let date = date_from_days(days);
            assert_eq!(days_from_date(date), f64::floor(days));
        }
        assert_eq!(date_from_days(f64::NAN), Date::constant(1970, 1, 1));
    }

    #[test]
    fn spans_read_as_a_historian_writes() {
        let cases = [
            (("1956-08-30", Some("1956-08-31")), "30–31 August 1956"),
            (
                ("1946-08-28", Some("1946-09-30")),
                "28 August – 30 September 1946",
            ),
            (
                ("1953-07-30", Some("1954-01-02")),
                "30 July 1953 – 2 January 1954",
            ),
            (("1956-06", Some("1956-08")), "June–August 1956"),
            (("1957", Some("1958")), "1957–1958"),
            (("c. 1949", Some("c. 1953")), "c. 1949 – c. 1953"),
            (("1980s", Some("1990s")), "1980s – 1990s"),
            (
                ("1956-06-01", Some("c. 1956-07")),
                "1 June 1956 – c. July 1956",
            ),
            (("1956-12", None), "December 1956"),
            (("late 1950s", None), "late 1950s"),
            (("1926-10-17", None), "17 October 1926"),
        ];
        for ((start, end), expected) in cases {
            assert_eq!(span(start, end).to_string(), expected);
        }
    }

    fn day(year: i16, month: i8, day: i8) -> Days {
        days_from_date(Date::new(year, month, day).expect("a calendar day"))
    }

    /// The table in the module documentation (and the README), row by row.
    #[test]
    fn circa_margins_follow_the_precision() {
        let cases = [
            ("c. 1956-08-30", 1.0),
            ("c. 1956-07", 15.5),
            ("c. 1956-02", 14.5),
            ("c. 1956", 183.0),
            ("c. 1957", 182.5),
            (
                "c. early 1950s",
                (days_from_year(1954) - days_from_year(1950)) / 2.0,
            ),
            (
                "c. mid 1950s",
                (days_from_year(1957) - days_from_year(1953)) / 2.0,
            ),
            (
                "c. late 1950s",
                (days_from_year(1960) - days_from_year(1957)) / 2.0,
            ),
            (
                "c. 1950s",
                (days_from_year(1960) - days_from_year(1950)) / 2.0,
            ),
        ];
        for (text, margin) in cases {
            assert_eq!(parse(text).circa_margin(), margin, "{text}");
            let plain = parse(text.trim_start_matches("c. "));
            assert_eq!(plain.circa_margin(), 0.0, "{text} without c.");
            assert_eq!(plain.uncertainty(), plain.interval(), "{text} without c.");
        }
        // Proportional: each coarser precision has a wider margin than the finer one.
        let margins: Vec<Days> = [
            "c. 1956-08-30",
            "c. 1956-08",
            "c. 1956",
            "c. late 1950s",
            "c. 1950s",
        ]
        .iter()
        .map(|text| parse(text).circa_margin())
        .collect();
        assert!(margins.windows(2).all(|w| w[0] < w[1]), "{margins:?}");
    }

    /// Issue 10: a period ending `c. July 1956` ran to late October, past the August Plenum.
    #[test]
    fn circa_july_1956_ends_before_the_august_plenum() {
        let period = span("1956-06-01", Some("c. 1956-07"));
        let extent = period.extent();
        assert!(extent.possible.1 < day(1956, 8, 30), "{extent:?}");
        assert_eq!(extent.possible, (day(1956, 6, 1), day(1956, 8, 1) + 15.5));
        assert_eq!(extent.end, (day(1956, 7, 1) - 15.5, day(1956, 8, 1) + 15.5));
        assert_eq!(extent.sure, Some((day(1956, 6, 1), day(1956, 7, 1) - 15.5)));
        assert_eq!(period.uncertainty(), extent.possible);
        assert_eq!(parse("c. 1956-07").uncertainty().0, day(1956, 6, 15) + 0.5);
    }

    #[test]
    fn extents_say_what_is_sure_and_what_is_possible() {
        // A period known to the day surely covers all its days.
        let plenum = span("1956-08-30", Some("1956-08-31")).extent();
        assert_eq!(plenum.possible, (day(1956, 8, 30), day(1956, 9, 1)));
        assert_eq!(plenum.sure, Some(plenum.possible));
        // Begun in June, ended in August: surely only July.
        let summer = span("1956-06", Some("1956-08")).extent();
        assert_eq!(summer.possible, (day(1956, 6, 1), day(1956, 9, 1)));
        assert_eq!(summer.sure, Some((day(1956, 7, 1), day(1956, 8, 1))));
        assert_eq!(summer.start, (day(1956, 6, 1), day(1956, 7, 1)));
        // Within one month: nothing is sure.
        assert_eq!(span("1956-08", Some("1956-08")).extent().sure, None);
        // A single date: its day when known to the day, otherwise nowhere in particular.
        let single = span("1956-08-30", None).extent();
        assert_eq!(single.sure, Some((day(1956, 8, 30), day(1956, 8, 31))));
        let month = span("1956-08", None).extent();
        assert_eq!(
            (month.sure, month.possible),
            (None, (day(1956, 8, 1), day(1956, 9, 1)))
        );
        let circa_day = span("c. 1956-08-30", None).extent();
        assert_eq!(circa_day.sure, None);
        assert_eq!(circa_day.possible, (day(1956, 8, 29), day(1956, 9, 1)));
        // A circa day as a start may have begun a day either side of that day's start.
        let from_circa_day = span("c. 1956-08-30", Some("1956-12")).extent();
        assert_eq!(from_circa_day.start, (day(1956, 8, 29), day(1956, 8, 31)));
        // Decades: the margins are years.
        let decades = span("c. 1950s", Some("late 1960s")).extent();
        let five_years = (days_from_year(1960) - days_from_year(1950)) / 2.0;
        assert_eq!(five_years, 1826.0);
        assert_eq!(
            decades.possible,
            (days_from_year(1950) - five_years, days_from_year(1970))
        );
        assert_eq!(
            decades.sure,
            Some((days_from_year(1960) + five_years, days_from_year(1967)))
        );
    }

    #[test]
    fn periods_have_a_certain_core_between_uncertain_ends() {
        let period = span("c. 1949", Some("c. 1953"));
        let (from, to) = period.certain_core().expect("core");
        assert_eq!(from, days_from_year(1950) + 182.5);
        assert_eq!(to, days_from_year(1953) - 182.5);
        assert!(span("1956", None).certain_core().is_none());
        assert!(span("1956-08-30", Some("1956-08-31")).is_exact());
        assert!(!span("c. 1956-08-30", None).is_exact());
    }
}
