//! Tests of the time axis: the reported misdatings as cases, and properties over
//! random views from an hour to 2,000 years, read back the way a person reads an
//! axis (context first, then each label left to right).

use jiff::civil::Date;
use proptest::prelude::*;

use super::*;
use crate::model::date::{DAYS_PER_YEAR, days_from_date, days_from_year};
use crate::view::transform::{TimeView, ViewLimits};

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

fn day(year: i16, month: i8, day: i8) -> Days {
    days_from_date(Date::new(year, month, day).expect("a calendar day"))
}

fn labels(axis: &TimeAxis) -> Vec<&str> {
    axis.labelled().map(|(_, label)| label).collect()
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
        (1000, 3000, 1200.0, TickStep::Years(100)),
    ];
    for (from, to, width, step) in cases {
        let axis = axis(days_from_year(from), days_from_year(to), width);
        assert_eq!(axis.step, Some(step), "{from}..{to} at {width}px");
    }
    let plenum = axis(day(1956, 8, 24), day(1956, 9, 7), 1200.0);
    assert_eq!(plenum.step, Some(TickStep::Days(1)));
    assert_eq!(plenum.context.as_deref(), Some("August 1956"));
    assert!(labels(&plenum).contains(&"30"));
    let evening = axis(day(1956, 8, 30) + 0.75, day(1956, 8, 31) + 0.25, 1200.0);
    assert_eq!(evening.step, Some(TickStep::Minutes(30)));
}

/// Issue 10: zoomed to August 1956 the axis read `July 1956 | 6 | 11 | … | 26 | 1 Sep`,
/// the context label covering `1 Aug`, so that the plenum seemed to be in July.
#[test]
fn august_1956_is_never_read_as_july() {
    let axis = axis(day(1956, 7, 30), day(1956, 9, 4), 600.0);
    assert_eq!(axis.step, Some(TickStep::Days(5)));
    assert_eq!(axis.context, None, "there is no room for 'July 1956'");
    assert_eq!(
        labels(&axis),
        ["1 Aug 1956", "6", "11", "16", "21", "26", "1 Sep"]
    );
    // With more of July in view the context fits before the first of August.
    let wider = TimeAxis::new(
        &ScreenMapping::new(
            TimeView::between(day(1956, 7, 20), day(1956, 9, 3)),
            100.0,
            800.0,
        ),
        &measure,
    );
    assert_eq!(wider.context.as_deref(), Some("July 1956"));
    assert!(labels(&wider).contains(&"1 Aug"), "{:?}", labels(&wider));
    let first_of_august = wider
        .labelled()
        .find(|(tick, _)| tick.time == day(1956, 8, 1))
        .expect("1 Aug is labelled");
    assert!(first_of_august.0.x >= 100.0 + LABEL_OFFSET + wider.context_width + LABEL_GAP);
}

/// Issue 10: a 2020 file's fitted view read `2019 | Feb | Mar`, 2020 hidden under the
/// context label.
#[test]
fn a_one_year_file_starts_with_its_year() {
    let fitted = ViewLimits::for_span((day(2020, 1, 1), day(2021, 1, 1))).fitted();
    let axis = axis(fitted.min, fitted.max(), 1400.0);
    assert_eq!(axis.step, Some(TickStep::Months(1)));
    assert_eq!(axis.context, None);
    assert_eq!(
        labels(&axis),
        [
            "2020", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
        ]
    );
    // The 2021 tick is drawn, but its label would run off the right edge.
    let last = axis.major.last().expect("ticks");
    assert_eq!((last.time, last.label.as_deref()), (day(2021, 1, 1), None));
}

/// Issue 10: the fitted view of a 1957–1975 file read `1956 | Jul | 1958`, and at
/// other widths began with a clipped "56".
#[test]
fn a_1957_to_1975_file_names_1957() {
    let fitted = ViewLimits::for_span((days_from_year(1957), days_from_year(1976))).fitted();
    let halves = axis(fitted.min, fitted.max(), 1600.0);
    assert_eq!(halves.step, Some(TickStep::Months(6)));
    assert_eq!(halves.context, None);
    assert_eq!(labels(&halves)[..3], ["1957", "Jul", "1958"]);
    // Narrower, the years are thinned, but the first one in view is never cut to "56".
    for (width, first) in [(300.0, "1960"), (700.0, "1958"), (1000.0, "1957")] {
        let years = axis(fitted.min, fitted.max(), width);
        assert_eq!(labels(&years).first(), Some(&first), "at {width}px");
        assert!(!labels(&years).contains(&"1956"));
        assert!(years.major.iter().all(|tick| tick.time >= fitted.min));
    }
}

/// Found by the property below: `1 Aug` had no room before the right edge, `2` had,
/// and read after `July 1956` it said 2 July. Labels now end where one is cut.
#[test]
fn no_label_follows_a_boundary_cut_at_the_right_edge() {
    // 25 px a day; 1 August 36 px before the right edge, too close for "1 Aug".
    let from = day(1956, 8, 1) - 364.0 / 25.0;
    let axis = axis(from, from + 16.0, 400.0);
    assert_eq!(axis.step, Some(TickStep::Days(1)));
    assert_eq!(axis.context.as_deref(), Some("July 1956"));
    let labels = labels(&axis);
    assert_eq!(labels.last(), Some(&"31"), "{labels:?}");
    assert!(!labels.contains(&"2"), "{labels:?}");
    assert_eq!(axis.major.len(), 16, "every day is a tick, the 31st too");
}

#[test]
fn hours_are_labelled_with_the_day_as_context() {
    let axis = axis(day(1956, 8, 30) + 0.75, day(1956, 8, 31) + 0.25, 1200.0);
    assert_eq!(axis.context.as_deref(), Some("30 August 1956"));
    let labels = labels(&axis);
    assert_eq!(labels.first(), Some(&"19:30"), "{labels:?}");
    for expected in ["20:00", "23:30", "31 Aug", "00:30", "05:30"] {
        assert!(labels.contains(&expected), "{expected} in {labels:?}");
    }
    let midnight = axis
        .major
        .iter()
        .find(|tick| tick.label.as_deref() == Some("31 Aug"))
        .expect("midnight");
    assert_eq!(midnight.time, day(1956, 8, 31));
    assert!(midnight.boundary);
}

#[test]
fn month_labels_name_the_year_in_january() {
    let axis = axis(
        days_from_year(1956) - 100.0,
        days_from_year(1956) + 300.0,
        1200.0,
    );
    let labels = labels(&axis);
    assert!(labels.contains(&"1956"), "{labels:?}");
    assert!(labels.contains(&"Feb"), "{labels:?}");
    assert_eq!(axis.context.as_deref(), Some("1955"));
}

#[test]
fn years_before_the_era_are_written_bc() {
    let axis = axis(days_from_year(-1000), days_from_year(1000), 1200.0);
    let labels = labels(&axis);
    assert!(labels.contains(&"1 BC"), "{labels:?}");
    assert!(labels.contains(&"100"), "{labels:?}");
    assert!(labels.contains(&"901 BC"), "{labels:?}");
}

#[test]
fn context_hides_only_labels_that_are_not_boundaries() {
    let mut axis = axis(day(1956, 1, 1) + 0.5, day(1956, 3, 1), 600.0);
    let before: Vec<String> = labels(&axis).iter().map(|&l| l.to_owned()).collect();
    axis.make_room_for_context(0.0, axis.context_width);
    assert_eq!(labels(&axis), before, "new() already made room");
    axis.make_room_for_context(0.0, 200.0);
    let after = labels(&axis);
    assert!(after.len() < before.len(), "{before:?} -> {after:?}");
    for (tick, _) in axis.labelled() {
        assert!(tick.boundary || tick.x >= 200.0, "{tick:?}");
    }
    assert!(after.contains(&"1 Feb"), "{after:?}");
}

#[test]
fn a_window_too_narrow_for_any_label_has_none() {
    for (from, to) in [
        (day(1956, 8, 30), day(1956, 8, 31)),
        (days_from_year(1000), days_from_year(3000)),
    ] {
        let axis = axis(from, to, 20.0);
        for (tick, _) in axis.labelled() {
            assert!(tick.x + LABEL_OFFSET + tick.label_width <= 20.0);
        }
        assert!(axis.context_width <= 20.0);
    }
}

/// What a label or context label says, read as a person reads it: the year, month,
/// day and minute it names (a month label names the first of the month at midnight).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Reading {
    year: Option<i32>,
    month: Option<i8>,
    day: Option<i8>,
    minute: Option<i16>,
}

fn month_number(word: &str) -> Option<i8> {
    const NAMES: [&str; 12] = [
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
    let index = NAMES
        .iter()
        .position(|name| *name == word || (word.len() == 3 && name.starts_with(word)))?;
    i8::try_from(index + 1).ok()
}

/// `1956` or `44 BC` (astronomical year -43).
fn read_year(words: &[&str]) -> Option<i32> {
    match words {
        [year] => year.parse().ok(),
        [year, "BC"] => year.parse::<i32>().ok().map(|bc| 1 - bc),
        _ => None,
    }
}

/// Reads a tick label of an axis labelled at `step`, without looking at the code that
/// wrote it. Panics on a label of a form that no one could read.
fn read_label(step: TickStep, text: &str) -> Reading {
    let at_midnight = |reading: Reading| Reading {
        minute: Some(0),
        ..reading
    };
    if let Some((hours, minutes)) = text.split_once(':') {
        let hours: i16 = hours.parse().expect("hours");
        let minutes: i16 = minutes.parse().expect("minutes");
        assert!(hours < 24 && minutes < 60, "{text}");
        return Reading {
            minute: Some(hours * 60 + minutes),
            ..Reading::default()
        };
    }
    let words: Vec<&str> = text.split(' ').collect();
    if let Some(year) = read_year(&words) {
        if matches!(step, TickStep::Days(_)) && words.len() == 1 {
            return at_midnight(Reading {
                day: Some(i8::try_from(year).expect("a day")),
                ..Reading::default()
            });
        }
        assert!(!matches!(step, TickStep::Minutes(_)), "{text}");
        return at_midnight(Reading {
            year: Some(year),
            month: Some(1),
            day: Some(1),
            ..Reading::default()
        });
    }
    match words.as_slice() {
        [month] => at_midnight(Reading {
            month: Some(month_number(month).expect(text)),
            day: Some(1),
            ..Reading::default()
        }),
        [day, month, year @ ..] => at_midnight(Reading {
            year: if year.is_empty() {
                None
            } else {
                Some(read_year(year).expect(text))
            },
            month: Some(month_number(month).expect(text)),
            day: Some(day.parse().expect(text)),
            ..Reading::default()
        }),
        _ => panic!("unreadable label {text:?}"),
    }
}

/// Reads a context label: `1956`, `August 1956`, `Aug 1956` or `30 August 1956`.
fn read_context(text: &str) -> Reading {
    let words: Vec<&str> = text.split(' ').collect();
    if let Some(year) = read_year(&words) {
        return Reading {
            year: Some(year),
            ..Reading::default()
        };
    }
    match words.as_slice() {
        [month, year @ ..] if month_number(month).is_some() => Reading {
            year: Some(read_year(year).expect(text)),
            month: month_number(month),
            ..Reading::default()
        },
        [day, month, year @ ..] => Reading {
            year: Some(read_year(year).expect(text)),
            month: Some(month_number(month).expect(text)),
            day: Some(day.parse().expect(text)),
            ..Reading::default()
        },
        _ => panic!("unreadable context {text:?}"),
    }
}

/// The period a context label names, `[start, end)` in days.
fn period(reading: Reading) -> (Days, Days) {
    let year = i16::try_from(reading.year.expect("a context names a year")).expect("year");
    match (reading.month, reading.day) {
        (None, _) => (days_from_year(year), days_from_year(year + 1)),
        (Some(month), None) => {
            let first = Date::new(year, month, 1).expect("month");
            let next = first
                .checked_add(jiff::Span::new().months(1))
                .expect("next month");
            (days_from_date(first), days_from_date(next))
        }
        (Some(month), Some(d)) => {
            let start = day(year, month, d);
            (start, start + 1.0)
        }
    }
}

/// Where a tick stands, as a reading with every part known.
fn tick_reading(time: Days) -> Reading {
    let date = date_from_days(time);
    let minute = ((time - time.floor()) * 1440.0).round();
    Reading {
        year: Some(i32::from(date.year())),
        month: Some(date.month()),
        day: Some(date.day()),
        minute: Some(minute as i16),
    }
}

/// Fills what `label` leaves unsaid from what the reader knows so far: a label
/// says a year, a month, a day or a time, and everything finer than what it says;
/// the coarser parts come from the context or an earlier label.
fn resolve(label: Reading, known: Reading) -> Reading {
    let mut resolved = label;
    if label.year.is_none() {
        resolved.year = known.year;
        if label.month.is_none() {
            resolved.month = known.month;
            if label.day.is_none() {
                resolved.day = known.day;
            }
        }
    }
    resolved
}

/// The reading agrees with the tick in every part it says.
fn agrees(reading: Reading, tick: Reading) -> bool {
    reading.year.is_none_or(|y| Some(y) == tick.year)
        && reading.month.is_none_or(|m| Some(m) == tick.month)
        && reading.day.is_none_or(|d| Some(d) == tick.day)
        && reading.minute.is_none_or(|m| Some(m) == tick.minute)
}

/// The first boundary at or after `time` for `step`: the next midnight, first of the
/// month, first of January, or multiple of the year step.
fn first_boundary(step: TickStep, time: Days) -> Option<Days> {
    let date = date_from_days(time);
    let at_or_after = |candidate: Date, next: jiff::Span| {
        let start = days_from_date(candidate);
        if start >= time {
            Some(start)
        } else {
            candidate.checked_add(next).ok().map(days_from_date)
        }
    };
    match step {
        TickStep::Minutes(_) => at_or_after(date, jiff::Span::new().days(1)),
        TickStep::Days(_) => at_or_after(date.first_of_month(), jiff::Span::new().months(1)),
        TickStep::Months(_) => at_or_after(date.first_of_year(), jiff::Span::new().years(1)),
        TickStep::Years(n) => {
            let year = date.year().div_euclid(n) * n;
            let start = Date::new(year, 1, 1).ok()?;
            at_or_after(start, jiff::Span::new().years(n))
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    /// Every label read with the context and the labels before it names its tick's
    /// date; the context names the period of the left edge; labels neither overlap
    /// nor run off the axis; the first boundary after the left edge is a labelled tick.
    #[test]
    fn the_axis_never_misdates(
        position in 0.0f64..1.0,
        log_span in (1.0f64 / 24.0).ln()..(2000.0 * DAYS_PER_YEAR).ln(),
        width in 50.0f32..4000.0,
        left in 0.0f32..400.0,
        char_width in 5.0f32..9.0,
    ) {
        let span = log_span.exp();
        // Anywhere from 500 BC to the end of 9999.
        let earliest = days_from_year(-500);
        let latest = days_from_date(Date::MAX) + 1.0;
        let from = earliest + position * (latest - span - earliest);
        let view = TimeView { min: from, span };
        let mapping = ScreenMapping::new(view, left, width);
        let measure = |text: &str| char_width * text.chars().count() as f32;
        let axis = TimeAxis::new(&mapping, &measure);
        let right = left + width;

        if width >= 300.0 {
            prop_assert!(axis.step.is_some(), "no step for {view:?} at {width}");
            prop_assert!(axis.context.is_some() || axis.labelled().next().is_some());
        }
        for pair in axis.major.windows(2) {
            prop_assert!(pair[0].time < pair[1].time);
            // No tick of the step is missing: days and hours are evenly spaced.
            if let Some(TickStep::Days(1) | TickStep::Minutes(_)) = axis.step {
                let step = axis.step.map_or(0.0, TickStep::approx_days);
                prop_assert!((pair[1].time - pair[0].time - step).abs() < 1e-6);
            }
        }
        for tick in axis.major.iter().chain(&axis.minor) {
            prop_assert!(tick.x.is_finite());
            prop_assert!(tick.time >= view.min && tick.time <= view.max(), "{tick:?}");
        }

        // Nothing clipped, nothing overlapping (the context label included).
        let mut next_free = left;
        if let Some(context) = &axis.context {
            prop_assert_eq!(axis.context_width, measure(context));
            prop_assert!(left + LABEL_OFFSET + axis.context_width <= right + 1e-3);
            next_free = left + LABEL_OFFSET + axis.context_width + LABEL_GAP;
        }
        for (tick, label) in axis.labelled() {
            prop_assert_eq!(tick.label_width, measure(label));
            let start = tick.x + LABEL_OFFSET;
            prop_assert!(start >= next_free - 1e-3, "{label:?} overlaps the label before it");
            prop_assert!(start + tick.label_width <= right + 1e-3, "{label:?} is clipped");
            next_free = start + tick.label_width + LABEL_GAP;
        }

        let Some(step) = axis.step else {
            return Ok(());
        };
        // The context names the period the left edge lies in.
        let mut known = Reading::default();
        if let Some(context) = &axis.context {
            known = read_context(context);
            let (start, end) = period(known);
            prop_assert!(start <= view.min && view.min < end, "{context} at {view:?}");
        }
        // Each label names its tick, alone and read in order after the context.
        for (tick, label) in axis.labelled() {
            let actual = tick_reading(tick.time);
            let said = read_label(step, label);
            prop_assert!(agrees(said, actual), "{label:?} at {actual:?}");
            let read = resolve(said, known);
            prop_assert!(
                agrees(read, actual),
                "{label:?} reads as {read:?} after {:?}, but stands at {actual:?}",
                axis.context
            );
            known = read;
        }
        // Boundaries keep their labels, and the first one after the left edge is a tick.
        for tick in &axis.major {
            let time = tick.time;
            let reading = tick_reading(time);
            let is_boundary = match step {
                TickStep::Minutes(_) => reading.minute == Some(0),
                TickStep::Days(_) => reading.day == Some(1),
                TickStep::Months(_) => reading.month == Some(1),
                TickStep::Years(_) => false,
            };
            prop_assert_eq!(tick.boundary, is_boundary);
            if is_boundary {
                let shortest = tick.x + LABEL_OFFSET + measure(&step.label(TickTime {
                    date: date_from_days(time),
                    minute: reading.minute.unwrap_or(0),
                }));
                prop_assert!(tick.label.is_some() || shortest > right, "{tick:?} lost its label");
            }
        }
        if let Some(boundary) = first_boundary(step, view.min).filter(|&b| b <= view.max()) {
            let tick = axis.major.iter().find(|tick| tick.time == boundary);
            prop_assert!(tick.is_some(), "no tick at the first boundary {:?}", tick_reading(boundary));
            if matches!(step, TickStep::Years(_))
                && let Some(tick) = tick
            {
                let fits = tick.x + LABEL_OFFSET + tick.label_width <= right;
                prop_assert!(tick.label.is_some() || !fits, "{tick:?} lost its label");
            }
        }
    }
}
