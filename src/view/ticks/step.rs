//! The calendar spacings of axis ticks — minutes, days, months, years — where the
//! ticks of each spacing fall in a range of time, and what each tick's label says.
//!
//! Every spacing puts a tick on every boundary of the period its labels count in:
//! minute ticks on every midnight, day ticks on every first of the month, month
//! ticks on every first of January. Those are the *boundary* ticks; their labels
//! name the new day, month or year, so a reader who knows the period at the left
//! edge can date every tick to its right.

use jiff::civil::Date;

use crate::model::date::{Days, date_from_days, days_from_date, month_name};

/// Minutes in a day.
const MINUTES_PER_DAY: i64 = 1440;

/// A spacing between ticks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TickStep {
    /// Every `n` minutes from midnight; `n` divides a day, so every midnight is a tick.
    Minutes(i16),
    /// Every `n` days within each month (1, 1+n, …).
    Days(i8),
    /// Every `n` months (January, 1+n, …).
    Months(i8),
    /// Every `n` years (multiples of n).
    Years(i16),
}

/// Steps from finest to coarsest.
pub const LADDER: [TickStep; 28] = [
    TickStep::Minutes(1),
    TickStep::Minutes(5),
    TickStep::Minutes(10),
    TickStep::Minutes(15),
    TickStep::Minutes(30),
    TickStep::Minutes(60),
    TickStep::Minutes(120),
    TickStep::Minutes(180),
    TickStep::Minutes(360),
    TickStep::Minutes(720),
    TickStep::Days(1),
    TickStep::Days(2),
    TickStep::Days(5),
    TickStep::Days(10),
    TickStep::Days(15),
    TickStep::Months(1),
    TickStep::Months(3),
    TickStep::Months(6),
    TickStep::Years(1),
    TickStep::Years(2),
    TickStep::Years(5),
    TickStep::Years(10),
    TickStep::Years(20),
    TickStep::Years(50),
    TickStep::Years(100),
    TickStep::Years(200),
    TickStep::Years(500),
    TickStep::Years(1000),
];

/// A moment a tick can stand at: a calendar day and a minute of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct TickTime {
    /// The day.
    pub date: Date,
    /// Minutes after midnight, `0..1440`.
    pub minute: i16,
}

impl TickTime {
    /// Midnight at the start of `date`.
    fn midnight(date: Date) -> Self {
        Self { date, minute: 0 }
    }

    /// Where it lies on the time axis.
    pub fn days(self) -> Days {
        days_from_date(self.date) + f64::from(self.minute) / MINUTES_PER_DAY as f64
    }
}

/// The earliest and latest times a tick can stand at: the days jiff can name.
fn supported_range() -> (Days, Days) {
    (days_from_date(Date::MIN), days_from_date(Date::MAX) + 1.0)
}

impl TickStep {
    /// Approximate length in days, to skip steps that are obviously too fine.
    pub fn approx_days(self) -> f64 {
        match self {
            Self::Minutes(n) => f64::from(n) / MINUTES_PER_DAY as f64,
            Self::Days(n) => f64::from(n),
            Self::Months(n) => f64::from(n) * 30.44,
            Self::Years(n) => f64::from(n) * 365.2425,
        }
    }

    /// The ticks of this step from `from` to `to` (both inclusive), in order, at most
    /// `limit` of them.
    pub fn ticks(self, from: Days, to: Days, limit: usize) -> Vec<TickTime> {
        let (earliest, latest) = supported_range();
        if !(from.is_finite() && to.is_finite()) || to < from || to < earliest || from > latest {
            return Vec::new();
        }
        let (from, to) = (from.max(earliest), to.min(latest));
        let mut ticks = Vec::new();
        let mut push = |tick: TickTime| {
            let time = tick.days();
            if time >= from && time <= to {
                ticks.push(tick);
            }
            ticks.len() < limit && time <= to
        };
        let start = date_from_days(from);
        match self {
            Self::Minutes(n) => {
                let n = i64::from(n.max(1));
                // Both ends are inside jiff's range (a few million days), so the minute
                // counts are far inside i64.
                #[allow(clippy::cast_possible_truncation)]
                let mut minute = (from * MINUTES_PER_DAY as f64 / n as f64).ceil() as i64 * n;
                loop {
                    let day = minute.div_euclid(MINUTES_PER_DAY);
                    let Ok(of_day) = i16::try_from(minute.rem_euclid(MINUTES_PER_DAY)) else {
                        break;
                    };
                    let tick = TickTime {
                        date: date_from_days(day as f64),
                        minute: of_day,
                    };
                    if !push(tick) {
                        break;
                    }
                    minute += n;
                }
            }
            Self::Days(n) => {
                let mut month = start.first_of_month();
                'months: loop {
                    let last_day = month.days_in_month();
                    let mut day = 1i8;
                    // Every day at a one-day step; at longer steps the last tick of a month
                    // keeps at least half a step before the next month's first.
                    while day == 1
                        || n <= 1
                        || f64::from(day) <= f64::from(last_day) - f64::from(n) / 2.0
                    {
                        if let Ok(date) = Date::new(month.year(), month.month(), day)
                            && !push(TickTime::midnight(date))
                        {
                            break 'months;
                        }
                        day = match day.checked_add(n.max(1)) {
                            Some(next) => next,
                            None => break,
                        };
                    }
                    month = match month.checked_add(jiff::Span::new().months(1)) {
                        Ok(next) => next,
                        Err(_) => break,
                    };
                }
            }
            Self::Months(n) => {
                let mut month = start.first_of_month();
                loop {
                    if (month.month() - 1) % n.max(1) == 0 && !push(TickTime::midnight(month)) {
                        break;
                    }
                    month = match month.checked_add(jiff::Span::new().months(1)) {
                        Ok(next) => next,
                        Err(_) => break,
                    };
                }
            }
            Self::Years(n) => {
                let n = n.max(1);
                let mut year = start.year().div_euclid(n) * n;
                loop {
                    if let Ok(date) = Date::new(year, 1, 1)
                        && !push(TickTime::midnight(date))
                    {
                        break;
                    }
                    year = match year.checked_add(n) {
                        Some(next) if next <= Date::MAX.year() => next,
                        _ => break,
                    };
                }
            }
        }
        ticks
    }

    /// Whether a tick at `tick` starts a new period of the kind the context names
    /// (a day for minute steps, a month for day steps, a year for month steps).
    /// Year steps have no context, and so no boundaries.
    pub fn is_boundary(self, tick: TickTime) -> bool {
        match self {
            Self::Minutes(_) => tick.minute == 0,
            Self::Days(_) => tick.date.day() == 1,
            Self::Months(_) => tick.date.month() == 1 && tick.date.day() == 1,
            Self::Years(_) => false,
        }
    }

    /// The label of a tick at `tick`: `20:00`, `16`, `Aug`, `1957`; a boundary names
    /// the new period (`31 Aug`, `1 Aug`, `1957`) and the first of January its year.
    pub fn label(self, tick: TickTime) -> String {
        let date = tick.date;
        match self {
            Self::Minutes(_) if tick.minute == 0 => day_and_month(date),
            Self::Minutes(_) => format!("{:02}:{:02}", tick.minute / 60, tick.minute % 60),
            Self::Days(_) if date.day() == 1 => day_and_month(date),
            Self::Days(_) => date.day().to_string(),
            Self::Months(_) if date.month() == 1 => year_label(date.year()),
            Self::Months(_) => short_month(date.month()).to_owned(),
            Self::Years(_) => year_label(date.year()),
        }
    }

    /// The label of a boundary tick that has no context label before it: it names the
    /// whole date, year included (`1 Aug 1956`).
    pub fn full_label(self, tick: TickTime) -> String {
        let date = tick.date;
        match self {
            Self::Minutes(_) | Self::Days(_) => format!(
                "{} {} {}",
                date.day(),
                short_month(date.month()),
                year_label(date.year())
            ),
            Self::Months(_) | Self::Years(_) => self.label(tick),
        }
    }

    /// The period containing `date`, as the context label at the left edge says it:
    /// the long form and a shorter one (`August 1956`, `Aug 1956`). `None` for year
    /// steps, whose labels need no context.
    pub fn context(self, date: Date) -> Option<[String; 2]> {
        let year = year_label(date.year());
        match self {
            Self::Minutes(_) => Some([
                format!("{} {} {year}", date.day(), month_name(date.month())),
                format!("{} {} {year}", date.day(), short_month(date.month())),
            ]),
            Self::Days(_) => Some([
                format!("{} {year}", month_name(date.month())),
                format!("{} {year}", short_month(date.month())),
            ]),
            Self::Months(_) => Some([year.clone(), year]),
            Self::Years(_) => None,
        }
    }

    /// The finer step drawn unlabelled between this step's ticks.
    pub fn minor(self) -> Option<Self> {
        Some(match self {
            Self::Minutes(1) => return None,
            Self::Minutes(5 | 10) => Self::Minutes(1),
            Self::Minutes(15 | 30) => Self::Minutes(5),
            Self::Minutes(60) => Self::Minutes(15),
            Self::Minutes(_) => Self::Minutes(60),
            Self::Days(1) => Self::Minutes(360),
            Self::Days(_) | Self::Months(1) => Self::Days(1),
            Self::Months(_) => Self::Months(1),
            Self::Years(1 | 2) => Self::Months(1),
            Self::Years(5 | 10) => Self::Years(1),
            Self::Years(20) => Self::Years(5),
            Self::Years(n) => Self::Years(n / 10),
        })
    }
}

/// `31 Aug`, or `1 Jan 1957` on the first of January.
fn day_and_month(date: Date) -> String {
    if date.month() == 1 && date.day() == 1 {
        format!("1 Jan {}", year_label(date.year()))
    } else {
        format!("{} {}", date.day(), short_month(date.month()))
    }
}

/// A year as people write it: `1956`, and `44 BC` for the astronomical year -43.
pub fn year_label(year: i16) -> String {
    if year > 0 {
        year.to_string()
    } else {
        format!("{} BC", 1 - i32::from(year))
    }
}

/// `Jan`, `Feb`, …
pub fn short_month(month: i8) -> &'static str {
    month_name(month).get(..3).unwrap_or("?")
}
