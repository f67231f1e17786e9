//! Calendar-aware ticks for the time axis: decades, years, months and days, with
//! the labelled step chosen so that labels never overlap at any zoom or width.

use jiff::civil::Date;

use super::transform::ScreenMapping;
use crate::model::date::{Days, date_from_days, days_from_date, month_name};

/// A spacing between ticks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TickStep {
    /// Every `n` days within each month (1, 1+n, …).
    Days(i8),
    /// Every `n` months (January, 1+n, …).
    Months(i8),
    /// Every `n` years (multiples of n).
    Years(i16),
}

/// Steps from finest to coarsest.
const LADDER: [TickStep; 16] = [
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
    TickStep::Years(500),
];

/// Space kept free after each label, in pixels.
pub const LABEL_GAP: f32 = 8.0;
/// Labels start this far right of their tick line.
pub const LABEL_OFFSET: f32 = 3.0;
/// Minor ticks closer than this are not drawn.
const MIN_MINOR_SPACING: f64 = 5.0;

/// One tick line, with its label when it is a major tick.
#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    /// Where it stands.
    pub time: Days,
    /// Screen x.
    pub x: f32,
    /// The label, left-aligned at `x + LABEL_OFFSET`; `None` for minor ticks.
    pub label: Option<String>,
    /// The label's measured width.
    pub label_width: f32,
}

/// The ticks of one frame.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct TimeAxis {
    /// Labelled ticks, left to right.
    pub major: Vec<Tick>,
    /// Unlabelled ticks between them.
    pub minor: Vec<Tick>,
    /// The year or month in view at the left edge ("August 1956"), shown pinned there
    /// when the labels alone do not say it; `None` when zoomed out to years.
    pub context: Option<String>,
    /// The step of the labelled ticks.
    pub step: Option<TickStep>,
}

impl TickStep {
    /// The label of a tick at `date` for this step.
    fn label(self, date: Date) -> String {
        match self {
            Self::Years(_) => date.year().to_string(),
            Self::Months(_) if date.month() == 1 => date.year().to_string(),
            Self::Months(_) => short_month(date.month()).to_owned(),
            Self::Days(_) if date.day() == 1 && date.month() == 1 => {
                format!("1 Jan {}", date.year())
            }
            Self::Days(_) if date.day() == 1 => format!("1 {}", short_month(date.month())),
            Self::Days(_) => date.day().to_string(),
        }
    }

    /// Approximate length in days, to skip steps that are obviously too fine.
    fn approx_days(self) -> f64 {
        match self {
            Self::Days(n) => f64::from(n),
            Self::Months(n) => f64::from(n) * 30.44,
            Self::Years(n) => f64::from(n) * 365.2425,
        }
    }

    /// The tick dates of this step from `from` to `to`, at most `limit` of them.
    fn dates(self, from: Days, to: Days, limit: usize) -> Vec<Date> {
        let start = date_from_days(from);
        let end = date_from_days(to);
        let mut dates = Vec::new();
        match self {
            Self::Years(n) => {
                let n = n.max(1);
                let mut year = start.year().div_euclid(n) * n;
                while year <= end.year() && dates.len() < limit {
                    if let Ok(date) = Date::new(year, 1, 1) {
                        dates.push(date);
                    }
                    year = match year.checked_add(n) {
                        Some(next) => next,
                        None => break,
                    };
                }
            }
            Self::Months(n) => {
                let mut month = Date::new(start.year(), start.month(), 1).unwrap_or(start);
                while month <= end && dates.len() < limit {
                    if (month.month() - 1) % n == 0 {
                        dates.push(month);
                    }
                    month = match month.checked_add(jiff::Span::new().months(1)) {
                        Ok(next) => next,
                        Err(_) => break,
                    };
                }
            }
            Self::Days(n) => {
                let mut month = Date::new(start.year(), start.month(), 1).unwrap_or(start);
                while month <= end && dates.len() < limit {
                    let last_day = month.days_in_month();
                    let mut day = 1i8;
                    // The last tick of a month keeps at least half a step before the next month's first.
                    while f64::from(day) <= f64::from(last_day) - f64::from(n) / 2.0 || day == 1 {
                        if let Ok(date) = Date::new(month.year(), month.month(), day)
                            && date >= start
                            && date <= end
                        {
                            dates.push(date);
                        }
                        day = match day.checked_add(n) {
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
        }
        dates
    }

    /// The finer step drawn unlabelled between this step's ticks.
    fn minor(self) -> Option<Self> {
        Some(match self {
            Self::Days(1) => return None,
            Self::Days(_) | Self::Months(1) => Self::Days(1),
            Self::Months(_) => Self::Months(1),
            Self::Years(1) | Self::Years(2) => Self::Months(1),
            Self::Years(5) | Self::Years(10) => Self::Years(1),
            Self::Years(20) => Self::Years(5),
            Self::Years(n) => Self::Years(n / 10),
        })
    }
}

fn short_month(month: i8) -> &'static str {
    month_name(month).get(..3).unwrap_or("?")
}

impl TimeAxis {
    /// Ticks for `mapping`, with labels measured by `measure` (text → pixels).
    /// The labelled step is the finest one whose labels all fit without overlapping.
    pub fn new(mapping: &ScreenMapping, measure: &dyn Fn(&str) -> f32) -> Self {
        let view = mapping.view();
        let (from, to) = (view.min, view.max());
        let pixels_per_day = mapping.width() / view.span;
        // At most one tick every 2 pixels is ever considered.
        let limit = usize::try_from((mapping.width() / 2.0) as i64)
            .unwrap_or(1)
            .max(2);
        for step in LADDER {
            if step.approx_days() * pixels_per_day < 12.0 {
                continue;
            }
            let dates = step.dates(from, to, limit + 1);
            if dates.len() > limit {
                continue;
            }
            let major: Vec<Tick> = dates
                .into_iter()
                .map(|date| {
                    let time = days_from_date(date);
                    let label = step.label(date);
                    Tick {
                        time,
                        x: mapping.x(time),
                        label_width: measure(&label),
                        label: Some(label),
                    }
                })
                .collect();
            if !labels_fit(&major) {
                continue;
            }
            let minor = step
                .minor()
                .filter(|minor| minor.approx_days() * pixels_per_day >= MIN_MINOR_SPACING)
                .map(|minor| {
                    minor
                        .dates(from, to, limit)
                        .into_iter()
                        .map(|date| {
                            let time = days_from_date(date);
                            Tick {
                                time,
                                x: mapping.x(time),
                                label: None,
                                label_width: 0.0,
                            }
                        })
                        .filter(|tick| !major.iter().any(|m| (m.time - tick.time).abs() < 0.5))
                        .collect()
                })
                .unwrap_or_default();
            let context = context_label(step, date_from_days(from + mapping.days_per_pixel()));
            return Self {
                major,
                minor,
                context,
                step: Some(step),
            };
        }
        Self::default()
    }

    /// Hides the major labels that would run into a pinned context label of width
    /// `context_width` at the left edge `left`. Tick lines stay.
    pub fn make_room_for_context(&mut self, left: f32, context_width: f32) {
        if self.context.is_none() {
            return;
        }
        let right = left + LABEL_OFFSET + context_width + LABEL_GAP;
        for tick in &mut self.major {
            if tick.x + LABEL_OFFSET < right {
                tick.label = None;
            }
        }
    }
}

/// Whether every label ends (plus the gap) before the next tick's label begins.
fn labels_fit(ticks: &[Tick]) -> bool {
    ticks.windows(2).all(|pair| {
        pair[0].x + LABEL_OFFSET + pair[0].label_width + LABEL_GAP <= pair[1].x + LABEL_OFFSET
    })
}

/// The context shown at the left edge: the year for month ticks, month and year for day ticks.
fn context_label(step: TickStep, date: Date) -> Option<String> {
    match step {
        TickStep::Years(_) => None,
        TickStep::Months(_) => Some(date.year().to_string()),
        TickStep::Days(_) => Some(format!("{} {}", month_name(date.month()), date.year())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::date::days_from_year;
    use crate::view::transform::TimeView;
    use proptest::prelude::*;

    /// A stand-in for egui's font: 7 pixels a character.
    fn measure(text: &str) -> f32 {
        7.0 * text.chars().count() as f32
    }

    fn axis(from: Days, to: Days, width: f32) -> TimeAxis {
        TimeAxis::new(
            &ScreenMapping::new(TimeView::between(from, to), 0.0, width),
            &measure,
        )
    }

    #[test]
    fn the_step_follows_the_zoom() {
        let cases = [
            (1926, 2022, 1200.0, TickStep::Years(5)),
            (1926, 2022, 400.0, TickStep::Years(10)),
            (1926, 2022, 200.0, TickStep::Years(20)),
            (1950, 1980, 1200.0, TickStep::Years(1)),
            (1950, 1960, 1200.0, TickStep::Months(6)),
            (1956, 1957, 1200.0, TickStep::Months(1)),
        ];
        for (from, to, width, step) in cases {
            let axis = axis(days_from_year(from), days_from_year(to), width);
            assert_eq!(axis.step, Some(step), "{from}..{to} at {width}px");
        }
        let plenum = axis(
            days_from_year(1956) + 235.0,
            days_from_year(1956) + 249.0,
            1200.0,
        );
        assert_eq!(plenum.step, Some(TickStep::Days(1)));
        assert_eq!(plenum.context.as_deref(), Some("August 1956"));
        assert!(
            plenum
                .major
                .iter()
                .any(|t| t.label.as_deref() == Some("30"))
        );
    }

    #[test]
    fn month_labels_name_the_year_in_january() {
        let axis = axis(
            days_from_year(1956) - 100.0,
            days_from_year(1956) + 300.0,
            1200.0,
        );
        let labels: Vec<_> = axis.major.iter().filter_map(|t| t.label.clone()).collect();
        assert!(labels.contains(&"1956".to_owned()), "{labels:?}");
        assert!(labels.contains(&"Feb".to_owned()), "{labels:?}");
        assert_eq!(axis.context.as_deref(), Some("1955"));
    }

    #[test]
    fn context_hides_labels_beneath_it() {
        let mut axis = axis(days_from_year(1956), days_from_year(1956) + 60.0, 600.0);
        let before = axis.major.iter().filter(|t| t.label.is_some()).count();
        axis.make_room_for_context(0.0, 100.0);
        let after: Vec<_> = axis.major.iter().filter(|t| t.label.is_some()).collect();
        assert!(after.len() < before);
        assert!(after.iter().all(|t| t.x >= 100.0));
    }

    proptest! {
        #[test]
        fn tick_labels_never_overlap(
            from in -16_000.0f64..19_000.0,
            span in 14.0f64..36_000.0,
            width in 50.0f32..4000.0,
            context_width in 0.0f32..200.0,
        ) {
            let mut axis = axis(from, from + span, width);
            axis.make_room_for_context(0.0, context_width);
            let labelled: Vec<&Tick> = axis.major.iter().filter(|t| t.label.is_some()).collect();
            for pair in labelled.windows(2) {
                prop_assert!(pair[0].x + LABEL_OFFSET + pair[0].label_width <= pair[1].x + LABEL_OFFSET);
                prop_assert!(pair[0].time < pair[1].time);
            }
            if axis.context.is_some() {
                for tick in &labelled {
                    prop_assert!(tick.x + LABEL_OFFSET >= LABEL_OFFSET + context_width);
                }
            }
            for tick in axis.major.iter().chain(&axis.minor) {
                prop_assert!(tick.x.is_finite());
            }
        }
    }
}
