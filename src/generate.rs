//! Deterministic generation of large, realistic timelines for benchmarks and stress tests.
//!
//! The output is synthetic: the lanes, eras and crisis years follow the party's real
//! history, but every event, person and source is invented. It is shaped like real
//! data where that matters for speed: events bunch around crisis years, dates come at
//! every precision the notation has, about one event in seven is a period, most
//! events are minor, a few dates are disputed, and some events link to others.
//!
//! Randomness comes from [`fastrand::Rng::with_seed`] and only exact `f64`
//! arithmetic is used (no `ln`, `exp` or `cos`), so a seed gives the same file on
//! every machine.

use fastrand::Rng;

use crate::cli::GenerateArgs;
use crate::model::date::{Days, HistDate, date_from_days, days_from_year};
use crate::model::schema::{
    CategoryRecord, DisputedDate, EraRecord, EventRecord, List, PersonRecord, ProvenanceFlag,
    SourceRecord, Text, TimelineFile, TourStepRecord,
};

/// First and last year of every generated timeline.
const SPAN_YEARS: (i16, i16) = (1900, 2025);

/// How many tour steps a generated timeline has (fewer when it has fewer events).
const TOUR_STEPS: usize = 20;

/// The lanes: id, name, colour.
const CATEGORIES: [(&str, &str, &str); 10] = [
    ("founding", "Founding and origins", "#E69F00"),
    ("congresses", "Congresses and conferences", "#56B4E9"),
    ("factions", "Faction struggle", "#009E73"),
    ("purges", "Purges and trials", "#D55E00"),
    ("foreign", "Foreign relations", "#0072B2"),
    ("ideology", "Ideology and cult", "#CC79A7"),
    ("economy", "Economy", "#B59A00"),
    ("state", "State and constitution", "#6E6E6E"),
    ("military", "Military", "#44AA99"),
    ("succession", "Leadership and succession", "#882255"),
];

/// How often each lane is chosen outside a crisis' own lane, in the order of [`CATEGORIES`].
const CATEGORY_WEIGHTS: [u32; 10] = [3, 8, 7, 9, 14, 12, 16, 11, 12, 8];

/// Background bands: id, name, start, end, colour.
const ERAS: [(&str, &str, &str, &str, &str); 10] = [
    (
        "era-korean-empire",
        "Korean Empire",
        "1900",
        "1910-08-29",
        "#e0d9cc",
    ),
    (
        "era-colonial-rule",
        "Japanese colonial rule",
        "1910-08-29",
        "1945-08-15",
        "#d9d2c5",
    ),
    (
        "era-guerrilla-struggle",
        "Guerrilla struggle in Manchuria",
        "c. 1932",
        "c. 1941",
        "#e2d6bf",
    ),
    (
        "era-soviet-occupation",
        "Soviet occupation",
        "1945-08",
        "1948-12",
        "#d5dbe3",
    ),
    (
        "era-kim-il-sung",
        "Kim Il Sung era",
        "1948-09-09",
        "1994-07-08",
        "#e3dccd",
    ),
    (
        "era-korean-war",
        "Korean War",
        "1950-06-25",
        "1953-07-27",
        "#e6cfc9",
    ),
    (
        "era-postwar-purges",
        "Reconstruction and purges",
        "1953-07-27",
        "1961-09",
        "#d8e0d0",
    ),
    (
        "era-arduous-march",
        "Arduous March",
        "1994",
        "1998",
        "#e6d8d0",
    ),
    (
        "era-kim-jong-il",
        "Kim Jong Il era",
        "1994-07-08",
        "2011-12-17",
        "#dcd3e2",
    ),
    (
        "era-kim-jong-un",
        "Kim Jong Un era",
        "2011-12",
        "2025",
        "#d1e1dd",
    ),
];

/// A crisis year events bunch around: its centre (as a fractional year), how widely
/// events spread around it (in days, one standard deviation), how many events it
/// draws (relative) and the lane most of its events fall in.
struct Crisis {
    year: f64,
    spread_days: f64,
    weight: u32,
    category: usize,
}

const fn crisis(year: f64, spread_days: f64, weight: u32, category: usize) -> Crisis {
    Crisis {
        year,
        spread_days,
        weight,
        category,
    }
}

/// Index into [`CATEGORIES`].
mod lane {
    pub const FOUNDING: usize = 0;
    pub const CONGRESSES: usize = 1;
    pub const FACTIONS: usize = 2;
    pub const PURGES: usize = 3;
    pub const FOREIGN: usize = 4;
    pub const IDEOLOGY: usize = 5;
    pub const ECONOMY: usize = 6;
    pub const STATE: usize = 7;
    pub const MILITARY: usize = 8;
    pub const SUCCESSION: usize = 9;
}

const CRISES: [Crisis; 22] = [
    crisis(1919.2, 90.0, 2, lane::FOUNDING),
    crisis(1925.3, 200.0, 2, lane::FOUNDING),
    crisis(1931.7, 300.0, 2, lane::MILITARY),
    crisis(1937.5, 250.0, 2, lane::MILITARY),
    crisis(1945.6, 120.0, 6, lane::FOUNDING),
    crisis(1946.6, 150.0, 5, lane::CONGRESSES),
    crisis(1948.7, 120.0, 4, lane::STATE),
    crisis(1950.6, 200.0, 10, lane::MILITARY),
    crisis(1953.5, 150.0, 6, lane::PURGES),
    crisis(1956.7, 120.0, 9, lane::FACTIONS),
    crisis(1958.3, 200.0, 5, lane::PURGES),
    crisis(1961.7, 100.0, 4, lane::CONGRESSES),
    crisis(1967.4, 120.0, 5, lane::IDEOLOGY),
    crisis(1972.9, 90.0, 4, lane::STATE),
    crisis(1980.8, 60.0, 5, lane::SUCCESSION),
    crisis(1994.5, 90.0, 8, lane::SUCCESSION),
    crisis(1997.0, 300.0, 6, lane::ECONOMY),
    crisis(2002.6, 120.0, 3, lane::ECONOMY),
    crisis(2006.8, 90.0, 4, lane::FOREIGN),
    crisis(2011.95, 60.0, 7, lane::SUCCESSION),
    crisis(2013.9, 45.0, 4, lane::PURGES),
    crisis(2021.0, 60.0, 5, lane::CONGRESSES),
];

/// Per lane: what kind of thing happens (the first half of a title).
const TITLE_HEADS: [&[&str]; 10] = [
    &[
        "Cell founded",
        "Group formed",
        "Bureau set up",
        "Union founded",
    ],
    &[
        "Plenum",
        "Conference",
        "Congress session",
        "Politburo meeting",
    ],
    &["Clash", "Dispute", "Criticism", "Split"],
    &["Arrests", "Trial", "Purge", "Expulsion"],
    &["Treaty", "Talks", "Delegation", "Aid accord", "Visit"],
    &["Campaign", "Speech", "Editorial", "Study drive"],
    &["Plan", "Campaign", "Reform", "Quotas", "Investment"],
    &["Decree", "Law", "Reorganisation", "Resolution"],
    &["Offensive", "Retreat", "Clash", "Exercise", "Missile test"],
    &["Appointment", "Promotion", "Dismissal", "Reshuffle"],
];

/// Per lane: the second half of a title.
const TITLE_TAILS: [&[&str]; 10] = [
    &[
        "in Pyongyang",
        "in Manchuria",
        "in Seoul",
        "in Hamhung",
        "in Yanan",
        "in Vladivostok",
    ],
    &[
        "on agriculture",
        "on industry",
        "on cadres",
        "on the army",
        "on education",
        "on propaganda",
    ],
    &[
        "over the cult",
        "over Soviet aid",
        "in the Politburo",
        "in the army",
        "over the plan",
        "in a province",
    ],
    &[
        "of the Yanan group",
        "of Soviet Koreans",
        "of southern cadres",
        "of officers",
        "of ministers",
        "of local cadres",
    ],
    &[
        "with Moscow",
        "with Beijing",
        "with Tokyo",
        "with Seoul",
        "with Washington",
        "with Hanoi",
    ],
    &[
        "on Juche",
        "on loyalty",
        "on self-reliance",
        "on military-first",
        "on party history",
        "on the leader",
    ],
    &[
        "for heavy industry",
        "for grain",
        "for fertiliser",
        "for light industry",
        "for mining",
        "for housing",
    ],
    &[
        "on local government",
        "on the cabinet",
        "on the courts",
        "on land",
        "on elections",
        "on security",
    ],
    &[
        "near the border",
        "at sea",
        "in the south",
        "in the mountains",
        "near Kaesong",
        "on the east coast",
    ],
    &[
        "in the Politburo",
        "in the army",
        "in the cabinet",
        "in the secretariat",
        "at the congress",
        "in a province",
    ],
];

/// Short titles in Hangul, for the few events that have one.
const KOREAN_TITLES: [&str; 8] = [
    "전원회의",
    "당대회",
    "숙청",
    "협정",
    "선언",
    "운동",
    "개편",
    "재판",
];

/// One-sentence summaries; short, as the size budget wants.
const SUMMARIES: [&str; 12] = [
    "Reported in the party press.",
    "Known from archive files.",
    "Recalled in memoirs.",
    "Noted by foreign diplomats.",
    "Announced on the radio.",
    "Mentioned in a later speech.",
    "Known from defector accounts.",
    "Listed in an official chronology.",
    "Described in embassy cables.",
    "Recorded in meeting minutes.",
    "Cited in a textbook.",
    "Reported by news agencies.",
];

/// Invented people: name and, for some, Hangul.
const PEOPLE: [(&str, Option<&str>); 24] = [
    ("Kim Chol-su", Some("김철수")),
    ("Pak Yong-ho", Some("박영호")),
    ("Ri Sang-gil", None),
    ("Choe Myong-sik", Some("최명식")),
    ("Han Tok-su", None),
    ("Kang Song-nam", Some("강성남")),
    ("Jon Hyon-chol", None),
    ("O Jin-u", None),
    ("Yun Kwang-sop", Some("윤광섭")),
    ("Hwang Il-bong", None),
    ("So Chang-ho", None),
    ("Chang Pyong-san", Some("장병산")),
    ("Kim Yong-ae", None),
    ("Ri Hyo-sun", Some("리효순")),
    ("Pak Kum-chol", None),
    ("Mun Il-song", None),
    ("Chu Yong-gon", Some("주영건")),
    ("Kim Tu-man", None),
    ("Ho Ka-ui", None),
    ("Nam Il-hwan", None),
    ("Ryu Jong-hui", Some("류정희")),
    ("Sin Tae-bok", None),
    ("Chong Chun-ik", None),
    ("Kim Ung-nam", None),
];

const PLACES: [&str; 10] = [
    "Pyongyang",
    "Hamhung",
    "Sinuiju",
    "Wonsan",
    "Kaesong",
    "Chongjin",
    "Nampho",
    "Moscow",
    "Beijing",
    "Seoul",
];

/// Kinds of reference, completed with a number.
const SOURCE_KINDS: [&str; 8] = [
    "Party press digest",
    "Archive file",
    "Embassy cable",
    "Memoir",
    "Interview",
    "Chronology",
    "Radio monitoring report",
    "Monograph",
];

const TAGS: [&str; 8] = [
    "plenum", "purge", "cult", "aid", "war", "famine", "nuclear", "Juche",
];

/// How precisely a generated date is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Precision {
    Day,
    Month,
    Year,
    CircaDay,
    CircaMonth,
    CircaYear,
    Decade,
    PartOfDecade,
}

/// How often each precision is drawn, in the order of [`PRECISIONS`].
const PRECISIONS: [(Precision, u32); 8] = [
    (Precision::Day, 50),
    (Precision::Month, 17),
    (Precision::Year, 13),
    (Precision::CircaDay, 2),
    (Precision::CircaMonth, 3),
    (Precision::CircaYear, 5),
    (Precision::Decade, 4),
    (Precision::PartOfDecade, 6),
];

/// Importance 1 to 5: mostly minor.
const IMPORTANCE_WEIGHTS: [u32; 5] = [45, 28, 15, 8, 4];

/// Share of events that are periods, in percent.
const PERIOD_PERCENT: u32 = 17;

/// Period lengths in days: a bucket is drawn, then a length between it and twice it,
/// which gives a roughly log-uniform spread from days to decades.
const PERIOD_SCALES: [f64; 11] = [
    2.0, 5.0, 12.0, 30.0, 60.0, 120.0, 240.0, 480.0, 1000.0, 2000.0, 4000.0,
];

/// An event before it has its id: everything that does not depend on its place in time order.
struct Draft {
    start: Days,
    record: EventRecord,
}

/// A generated date: its notation and the interval it names.
struct Dated {
    text: String,
    interval: (Days, Days),
}

/// Builds a timeline of `events` invented events; the same `seed` gives the same timeline.
pub fn generate_timeline(events: usize, seed: u64) -> TimelineFile {
    let mut rng = Rng::with_seed(seed);
    let span = (
        days_from_year(SPAN_YEARS.0),
        days_from_year(SPAN_YEARS.1 + 1),
    );
    let mut drafts: Vec<Draft> = (0..events).map(|_| draft_event(&mut rng, span)).collect();
    // Time order, as a hand-written file is; the sort is stable, so ties keep drawing order.
    drafts.sort_by(|a, b| a.start.total_cmp(&b.start));
    let width = events.to_string().len().max(7);
    let id_of = |index: usize| format!("e{:0width$}", index + 1);
    let mut records: Vec<EventRecord> = Vec::with_capacity(events);
    for (index, draft) in drafts.into_iter().enumerate() {
        let mut record = draft.record;
        record.id = id_of(index).into();
        // A few events have a second id, as the shipped dataset's congresses do.
        if rng.u32(0..500) == 0 {
            record.aliases = vec![format!("x{:0width$}", index + 1).into()].into();
        }
        // Some events link back to events shortly before them.
        if index > 0 && rng.u32(0..100) < 12 {
            let count = rng.usize(1..=3);
            let mut related: Vec<Text> = Vec::with_capacity(count);
            for _ in 0..count {
                let back = rng.usize(1..=index.min(200));
                let id = Text::from(id_of(index - back));
                if !related.contains(&id) {
                    related.push(id);
                }
            }
            record.related = related.into();
        }
        // References carry a link now and then, to the event's own (invented) page.
        if let Some(SourceRecord::Reference { url, .. }) = record.sources.first_mut()
            && rng.u32(0..100) < 15
        {
            *url = Some(format!("https://archive.example.org/wpk/{}", record.id).into());
        }
        records.push(record);
    }
    let tour = tour(&records);
    TimelineFile {
        title: format!("Generated WPK timeline: {events} events, seed {seed}"),
        subtitle: "Synthetic data for measurements, not history".to_owned(),
        span: (SPAN_YEARS.0.to_string(), SPAN_YEARS.1.to_string()),
        default_view: None,
        categories: CATEGORIES
            .iter()
            .map(|&(id, name, colour)| CategoryRecord {
                id: id.to_owned(),
                name: name.to_owned(),
                colour: colour.to_owned(),
            })
            .collect(),
        eras: ERAS
            .iter()
            .map(|&(id, name, start, end, colour)| EraRecord {
                id: id.to_owned(),
                name: name.to_owned(),
                short_name: None,
                start: start.to_owned(),
                end: end.to_owned(),
                colour: colour.to_owned(),
                sources: Vec::new(),
                flags: Vec::new(),
                media: Vec::new(),
            })
            .collect(),
        events: records,
        tour,
        places: Vec::new(),
    }
}

/// Draws from `weights`: index `i` with probability `weights[i] / sum`.
fn weighted(rng: &mut Rng, weights: impl Iterator<Item = u32> + Clone) -> usize {
    let total: u32 = weights.clone().sum();
    let mut pick = rng.u32(0..total.max(1));
    let mut last = 0;
    for (index, weight) in weights.enumerate() {
        if pick < weight {
            return index;
        }
        pick -= weight;
        last = index;
    }
    last
}

fn pick<'a>(rng: &mut Rng, items: &[&'a str]) -> &'a str {
    items.get(rng.usize(0..items.len())).copied().unwrap_or("")
}

/// About normally distributed with mean 0 and deviation 1 (a sum of uniforms; exact arithmetic).
fn roughly_normal(rng: &mut Rng) -> f64 {
    let sum: f64 = (0..4).map(|_| rng.f64()).sum();
    (sum - 2.0) * 3.0_f64.sqrt()
}

/// Days since 1970 of a fractional year.
fn days_of_year_fraction(year: f64) -> Days {
    let whole = year.floor();
    #[allow(clippy::cast_possible_truncation)]
    let start = days_from_year(whole as i16);
    start + (year - whole) * 365.2425
}

/// When an event happens: near a crisis most of the time, else anywhere, more often later.
/// Returns the day and the lane a crisis favours.
fn draw_time(rng: &mut Rng, span: (Days, Days)) -> (Days, Option<usize>) {
    loop {
        if rng.u32(0..100) < 55 {
            let crisis = &CRISES[weighted(rng, CRISES.iter().map(|c| c.weight))];
            let day = days_of_year_fraction(crisis.year) + roughly_normal(rng) * crisis.spread_days;
            if day >= span.0 && day < span.1 {
                return (day, Some(crisis.category));
            }
        } else {
            // Density rises over the century: the larger of two uniforms leans late.
            let day = span.0 + (span.1 - span.0) * rng.f64().max(rng.f64());
            if day >= span.0 && day < span.1 {
                return (day, None);
            }
        }
    }
}

/// Writes the day `day` at `precision`, or at a year's precision when that would
/// leave the span; `None` if even that does not parse.
fn write_date(day: Days, precision: Precision, span: (Days, Days)) -> Option<Dated> {
    let date = date_from_days(day);
    let (year, month, dom) = (date.year(), date.month(), date.day());
    let text = match precision {
        Precision::Day => format!("{year:04}-{month:02}-{dom:02}"),
        Precision::Month => format!("{year:04}-{month:02}"),
        Precision::Year => format!("{year:04}"),
        Precision::CircaDay => format!("c. {year:04}-{month:02}-{dom:02}"),
        Precision::CircaMonth => format!("c. {year:04}-{month:02}"),
        Precision::CircaYear => format!("c. {year:04}"),
        Precision::Decade => format!("{}s", year - year % 10),
        Precision::PartOfDecade => {
            let part = match year % 10 {
                0..=2 => "early",
                3..=6 => "mid",
                _ => "late",
            };
            format!("{part} {}s", year - year % 10)
        }
    };
    let interval = HistDate::parse(&text).ok()?.interval();
    if interval.0 >= span.0 && interval.1 <= span.1 {
        Some(Dated { text, interval })
    } else if precision == Precision::Year {
        None
    } else {
        write_date(day, Precision::Year, span)
    }
}

fn draw_precision(rng: &mut Rng) -> Precision {
    PRECISIONS[weighted(rng, PRECISIONS.iter().map(|p| p.1))].0
}

fn person(rng: &mut Rng) -> PersonRecord {
    let (name, hangul) = PEOPLE[rng.usize(0..PEOPLE.len())];
    PersonRecord {
        name: name.into(),
        native: hangul.map(Text::from),
    }
}

/// One event without id, links or url.
fn draft_event(rng: &mut Rng, span: (Days, Days)) -> Draft {
    let (day, crisis_lane) = draw_time(rng, span);
    let mut precision = draw_precision(rng);
    let start = match write_date(day, precision, span) {
        Some(start) => start,
        None => {
            precision = Precision::Year;
            write_date(day, Precision::Year, span).unwrap_or_else(|| Dated {
                text: SPAN_YEARS.0.to_string(),
                interval: span,
            })
        }
    };
    let end = if rng.u32(0..100) < PERIOD_PERCENT {
        draw_end(rng, day, precision, &start, span)
    } else {
        None
    };

    let category = match crisis_lane {
        Some(lane) if rng.bool() => lane,
        _ => weighted(rng, CATEGORY_WEIGHTS.iter().copied()),
    };
    let importance = u8::try_from(weighted(rng, IMPORTANCE_WEIGHTS.iter().copied()) + 1)
        .unwrap_or(1)
        // Events at the heart of a crisis matter a little more.
        .saturating_add(u8::from(
            crisis_lane == Some(category) && rng.u32(0..4) == 0,
        ))
        .min(5);
    let head = pick(rng, TITLE_HEADS[category]);
    let title = format!("{head} {}", pick(rng, TITLE_TAILS[category]));
    let native_title = (rng.u32(0..100) < 5).then(|| Box::<str>::from(pick(rng, &KOREAN_TITLES)));

    let people_count = match rng.u32(0..100) {
        0..45 => 0,
        45..80 => 1,
        80..94 => 2,
        _ => 3,
    };
    let mut people: Vec<PersonRecord> = Vec::with_capacity(people_count);
    for _ in 0..people_count {
        let candidate = person(rng);
        if !people.contains(&candidate) {
            people.push(candidate);
        }
    }
    let places = match rng.u32(0..100) {
        0..35 => vec![Text::from(pick(rng, &PLACES))],
        35..39 => vec![Text::from(pick(rng, &PLACES)), Text::from("Pyongyang")],
        _ => Vec::new(),
    };
    let year = date_from_days(day).year();
    let kind = pick(rng, &SOURCE_KINDS);
    let sources = vec![SourceRecord::Reference {
        title: format!("{kind} {year}/{}", rng.u32(1..400)).into(),
        url: None,
    }];

    let mut flags = Vec::new();
    match rng.u32(0..1000) {
        0..20 => {
            if let Some(alternative) = disputed_alternative(rng, day, precision, span) {
                flags.push(ProvenanceFlag::DateDisputed {
                    of: DisputedDate::Start,
                    alternatives: Box::new([alternative.into()]),
                    note: "Sources differ.".into(),
                });
            }
        }
        20..45 => flags.push(ProvenanceFlag::NorthKoreanClaim(
            "The official account.".into(),
        )),
        45..55 => flags.push(ProvenanceFlag::Unconfirmed(
            "Not independently confirmed.".into(),
        )),
        _ => {}
    }
    let tags = if rng.u32(0..100) < 8 {
        vec![Text::from(pick(rng, &TAGS))]
    } else {
        Vec::new()
    };
    let details = if rng.u32(0..100) < 2 {
        Box::<str>::from("Details are in the cited file.")
    } else {
        Box::<str>::default()
    };

    Draft {
        start: start.interval.0,
        record: EventRecord {
            id: Text::default(),
            aliases: List::default(),
            title: title.into(),
            short_name: None,
            native_title,
            date: start.text.into(),
            end: end.map(|e| e.text.into()),
            category: CATEGORIES[category].0.into(),
            importance,
            people: people.into(),
            places: places.into(),
            summary: pick(rng, &SUMMARIES).into(),
            details,
            sources: sources.into(),
            flags: flags.into(),
            related: List::default(),
            tags: tags.into(),
            media: List::default(),
        },
    }
}

/// The end of a period that starts on `day` (written as `start`): later than the whole
/// start, inside the span, at its own precision (usually the start's).
fn draw_end(
    rng: &mut Rng,
    day: Days,
    start_precision: Precision,
    start: &Dated,
    span: (Days, Days),
) -> Option<Dated> {
    let scale = PERIOD_SCALES[rng.usize(0..PERIOD_SCALES.len())];
    // A coarse start needs a period at least as long as what it names.
    let least = start.interval.1 - start.interval.0;
    let length = (scale * (1.0 + rng.f64())).max(least);
    let end_day = (day + length).min(span.1 - 1.0);
    let precision = if rng.u32(0..100) < 60 {
        start_precision
    } else {
        draw_precision(rng)
    };
    write_date(end_day, precision, span).filter(|end| end.interval.1 > start.interval.1)
}

/// Another date that sources give: the same precision, a little off.
fn disputed_alternative(
    rng: &mut Rng,
    day: Days,
    precision: Precision,
    span: (Days, Days),
) -> Option<String> {
    let shift = match precision {
        Precision::Day | Precision::CircaDay => 1.0 + rng.f64() * 40.0,
        Precision::Month | Precision::CircaMonth => 31.0 + rng.f64() * 300.0,
        Precision::Year | Precision::CircaYear => 366.0 + rng.f64() * 700.0,
        Precision::Decade | Precision::PartOfDecade => 3653.0,
    };
    let other = if rng.bool() { day + shift } else { day - shift };
    let start = write_date(day, precision, span)?;
    write_date(other, precision, span)
        .map(|d| d.text)
        .filter(|text| *text != start.text)
}

/// Twenty steps through time: in each twentieth of the events, the most important one,
/// shown with a few years either side.
fn tour(events: &[EventRecord]) -> Vec<TourStepRecord> {
    let steps = TOUR_STEPS.min(events.len());
    (0..steps)
        .filter_map(|step| {
            let chunk = &events[step * events.len() / steps..(step + 1) * events.len() / steps];
            let event = chunk.iter().rev().max_by_key(|e| e.importance)?;
            let year = HistDate::parse(&event.date)
                .map(|d| date_from_days(d.midpoint()).year())
                .unwrap_or(SPAN_YEARS.0);
            let from = (year - 3).clamp(SPAN_YEARS.0, SPAN_YEARS.1 - 6);
            Some(TourStepRecord {
                event: event.id.to_string(),
                view: Some((from.to_string(), (from + 6).to_string())),
                note: Some(format!("Step {}.", step + 1)),
            })
        })
        .collect()
}

/// Writes a timeline as [`crate::model::load::to_ron_string`] does, but each category, era, event and
/// tour step on one line: a million events in pretty RON would pass the loader's
/// size limit (about 560 bytes an event, most of it indentation).
pub fn to_compact_ron(file: &TimelineFile) -> Result<String, ron::Error> {
    let config = ron::ser::PrettyConfig::new()
        .extensions(ron::extensions::Extensions::IMPLICIT_SOME)
        .struct_names(false)
        .indentor("    ".to_owned())
        .depth_limit(2);
    ron::ser::to_string_pretty(file, config)
}

/// The most events `generate` writes: about 260 MB of compact RON, well inside what
/// `check` and the viewer accept ([`crate::model::load::MAX_FILE_BYTES`]); two million
/// would pass that limit.
pub const MAX_GENERATED_EVENTS: usize = 1_000_000;

/// `wpk-timeline generate`: writes the file (streamed, atomically) and says what it wrote.
pub fn run_generate(args: &GenerateArgs) -> Result<String, String> {
    use std::io::Write;
    if args.events > MAX_GENERATED_EVENTS {
        return Err(format!(
            "--events {}: at most {MAX_GENERATED_EVENTS} events can be generated \
             (a larger file would be over the {} MiB that check and the viewer accept)",
            args.events,
            crate::model::load::MAX_FILE_BYTES / (1024 * 1024)
        ));
    }
    let file = generate_timeline(args.events, args.seed);
    let config = ron::ser::PrettyConfig::new()
        .extensions(ron::extensions::Extensions::IMPLICIT_SOME)
        .struct_names(false)
        .indentor("    ".to_owned())
        .depth_limit(2);
    let mut written = 0u64;
    crate::atomic_file::write_atomically_with(&args.out, |out| {
        let mut counting = Counting {
            inner: out,
            count: &mut written,
        };
        writeln!(
            counting,
            "// Generated by `wpk-timeline generate` ({} events, seed {}): synthetic data\n\
             // for measurements. Every event, person and source in it is invented.",
            args.events, args.seed
        )?;
        ron::Options::default()
            .to_io_writer_pretty(&mut counting, &file, config)
            .map_err(std::io::Error::other)?;
        writeln!(counting)
    })
    .map_err(|e| format!("cannot write {}: {e}", args.out.display()))?;
    #[allow(clippy::cast_precision_loss)]
    let megabytes = written as f64 / 1_000_000.0;
    Ok(format!(
        "wrote {}: {} events ({megabytes:.1} MB)",
        args.out.display(),
        args.events
    ))
}

/// A writer that counts the bytes through it.
struct Counting<'a> {
    inner: &'a mut dyn std::io::Write,
    count: &'a mut u64,
}

impl std::io::Write for Counting<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(bytes)?;
        *self.count += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use crate::model::date::DatePrecision;
    use crate::model::load::{load_str, parse_str};

    #[test]
    fn generate_streams_what_check_accepts_and_refuses_more() {
        let folder = tempfile::tempdir().expect("folder");
        let out = folder.path().join("big.ron");
        let args = |events| GenerateArgs {
            events,
            seed: 3,
            out: out.clone(),
        };
        let error = run_generate(&args(MAX_GENERATED_EVENTS + 1)).expect_err("too many");
        assert!(error.contains("at most 1000000 events"), "{error}");
        assert!(!out.exists(), "nothing written");
        let said = run_generate(&args(300)).expect("writes");
        let text = std::fs::read_to_string(&out).expect("written");
        assert!(said.contains("300 events"), "{said}");
        let body = to_compact_ron(&generate_timeline(300, 3)).expect("serialises");
        assert!(text.ends_with(&format!("{body}\n")), "streamed = in memory");
        assert_eq!(load_str("big.ron", &text).expect("loads").events.len(), 300);
    }

    #[test]
    fn the_same_seed_gives_the_same_timeline_and_another_seed_another() {
        let first = generate_timeline(500, 7);
        assert_eq!(first, generate_timeline(500, 7));
        assert_ne!(first.events, generate_timeline(500, 8).events);
        let text = to_compact_ron(&first).expect("serialises");
        assert_eq!(
            text,
            to_compact_ron(&generate_timeline(500, 7)).expect("serialises")
        );
    }

    #[test]
    fn the_requested_number_of_events_with_unique_ids() {
        for count in [0, 1, 19, 20, 1_234] {
            let file = generate_timeline(count, 3);
            assert_eq!(file.events.len(), count);
            let mut ids = HashSet::new();
            for event in &file.events {
                assert!(ids.insert(event.id.as_str()), "duplicate id {}", event.id);
                for alias in &event.aliases {
                    assert!(ids.insert(alias.as_str()), "duplicate alias {alias}");
                }
            }
            assert_eq!(file.tour.len(), count.min(TOUR_STEPS));
        }
    }

    #[test]
    fn two_thousand_events_pass_the_validator_and_look_like_real_data() {
        let file = generate_timeline(2_000, 11);
        let text = to_compact_ron(&file).expect("serialises");
        let timeline = match load_str("generated.ron", &text) {
            Ok(timeline) => timeline,
            Err(error) => panic!("the generated file is invalid:\n{error}"),
        };
        assert_eq!(timeline.events.len(), 2_000);
        assert_eq!(timeline.tour.len(), TOUR_STEPS);
        assert!((8..=12).contains(&timeline.categories.len()));
        assert!((8..=12).contains(&timeline.eras.len()));

        let events = &timeline.events;
        let share = |test: &dyn Fn(&crate::model::timeline::Event) -> bool| {
            events.iter().filter(|e| test(e)).count() as f64 / events.len() as f64
        };
        let periods = share(&|e| e.when.is_period());
        assert!((0.10..=0.20).contains(&periods), "periods: {periods}");
        assert!(share(&|e| e.record.importance <= 2) > 0.6);
        assert!(share(&|e| e.record.importance == 5) > 0.0);
        assert!(share(&|e| e.is_date_disputed()) > 0.005);
        assert!(share(&|e| !e.related.is_empty()) > 0.05);
        assert!(share(&|e| e.record.people.len() == 3) > 0.0);
        for precision in [
            DatePrecision::Day,
            DatePrecision::Month,
            DatePrecision::Year,
            DatePrecision::Decade,
            DatePrecision::PartOfDecade,
        ] {
            assert!(
                share(&|e| e.when.start.precision() == precision) > 0.01,
                "{precision:?}"
            );
        }
        assert!(share(&|e| e.when.start.circa) > 0.02);
        // Periods end at their own precision, not always the start's.
        assert!(
            events
                .iter()
                .filter_map(|e| e.when.end.map(|end| (e.when.start, end)))
                .any(|(start, end)| start.precision() != end.precision())
        );
        // Bunched in time: the busiest year holds far more than an even share.
        let mut per_year = std::collections::HashMap::new();
        for event in events {
            *per_year
                .entry(date_from_days(event.when.anchor()).year())
                .or_insert(0usize) += 1;
        }
        let busiest = per_year.values().copied().max().unwrap_or(0);
        assert!(busiest > 4 * events.len() / 126, "busiest year: {busiest}");
    }

    #[test]
    fn the_text_is_compact_and_one_event_a_line() {
        let file = generate_timeline(5_000, 5);
        let text = to_compact_ron(&file).expect("serialises");
        let per_event = text.len() / 5_000;
        assert!(per_event < 300, "{per_event} bytes per event");
        assert!(text.lines().count() < 5_100);
        assert_eq!(parse_str("generated.ron", &text), Ok(file));
    }

    #[test]
    fn run_generate_writes_a_valid_file() {
        let folder = tempfile::tempdir().expect("temporary folder");
        let out = folder.path().join("generated.ron");
        let message = run_generate(&GenerateArgs {
            events: 300,
            seed: 2,
            out: out.clone(),
        })
        .expect("writes");
        assert!(message.starts_with(&format!("wrote {}: 300 events (", out.display())));
        let timeline = crate::model::load::load_path(&out).expect("valid");
        assert_eq!(timeline.events.len(), 300);
    }
}
