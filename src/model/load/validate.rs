//! Validation: everything the parser cannot check (dates, colours, ids,
//! references, limits), every problem reported with its position, before a
//! [`Timeline`] is built.

use std::collections::{HashMap, HashSet};

use super::locate::{At, Locator, Target};
use super::media::check_media;
use super::provenance::{Disputed, check_flags, check_sources};
use super::text_rules::{control_in_line, is_blank};
use crate::model::date::{DateSpan, Days, HistDate};
use crate::model::diagnostic::{Diagnostic, closest};
use crate::model::schema::{EventRecord, TimelineFile};
use crate::model::timeline::{Category, Era, Event, PendingTourStep, Rgb, Timeline};

/// Collects the problems found while validating one file, at byte offsets.
pub(super) struct Problems<'a> {
    pub(super) locator: Locator<'a>,
    pub(super) found: Vec<(usize, String)>,
    /// Things worth fixing that do not stop the file from loading.
    pub(super) warnings: Vec<(usize, String)>,
}

impl Problems<'_> {
    pub(super) fn at(&mut self, at: At<'_>, target: Target, message: String) {
        let offset = self.locator.locate(&at, target);
        self.found.push((offset, message));
    }

    /// A problem with a value: the caret goes under it.
    pub(super) fn at_value(&mut self, at: At<'_>, message: String) {
        self.at(at, Target::Value, message);
    }

    /// A problem with a field as a whole (empty, out of range): the caret goes under its name.
    pub(super) fn at_name(&mut self, at: At<'_>, message: String) {
        self.at(at, Target::Name, message);
    }
}

/// `event `x`` or `era `x`` in messages: written out only when a message is.
pub(super) struct Owner<'a>(pub(super) &'static str, pub(super) &'a str);

impl std::fmt::Display for Owner<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} `{}`", self.0, self.1)
    }
}

/// Checks everything the parser cannot: dates, colours, ids, references, limits.
/// Every problem is reported, in file order. `text` is the text `file` was read from;
/// it is only used to say where the problems are.
pub fn validate(name: &str, text: &str, file: TimelineFile) -> Result<Timeline, Vec<Diagnostic>> {
    validate_in(name, text, file, None)
}

/// [`validate`], and with a `folder` (the timeline file's), the image files its
/// pictures name are looked at there too ([`super::media`]).
pub fn validate_in(
    name: &str,
    text: &str,
    file: TimelineFile,
    folder: Option<&std::path::Path>,
) -> Result<Timeline, Vec<Diagnostic>> {
    let checked = check(name, text, &file, &file.events, folder)?;
    Ok(build(file, checked))
}

/// What [`check`] found in a valid file, for [`build`]: everything parsed from it that
/// the records do not hold. The text is no longer needed once it exists.
pub(super) struct Checked {
    span: (Days, Days),
    default_view: Option<(Days, Days)>,
    categories: Vec<Category>,
    eras: Vec<Era>,
    /// The dates the `DateDisputed` flags give, by the event's place in the file, for
    /// the few events that have them. (Dates and lanes are read again when the events
    /// are built: a list of them for a million events would be 56 MB more at the moment
    /// the file's text and its records are both held.)
    disputed: Vec<(usize, Disputed)>,
    tour: Vec<PendingTourStep>,
    warnings: Vec<Diagnostic>,
    /// Every event's place in the file, sorted by the events' ids (the check sorted
    /// them to find repeats; the timeline needs them so too).
    by_id: Vec<u32>,
}

impl Checked {
    /// Whether the file has something worth fixing that does not stop it loading.
    pub(super) fn has_warnings(&self) -> bool {
        !self.warnings.is_empty()
    }
}

/// Builds the timeline from a file [`check`] passed.
pub(super) fn build(mut file: TimelineFile, mut checked: Checked) -> Timeline {
    let lanes = lanes_of(&checked.categories);
    let disputed = std::mem::take(&mut checked.disputed);
    let count = file.events.len();
    let events = into_events(std::mem::take(&mut file.events), &lanes, disputed);
    drop(lanes);
    // The events are in reverse file order.
    let by_id = std::mem::take(&mut checked.by_id);
    let by_id = (events.len() == count)
        .then(|| {
            by_id
                .iter()
                .map(|&i| {
                    (count - 1)
                        .checked_sub(i as usize)
                        .and_then(|i| u32::try_from(i).ok())
                })
                .collect::<Option<Vec<u32>>>()
        })
        .flatten();
    finish(file, checked, events, by_id)
}

/// Builds the timeline from a file [`check`] passed whose events were made as it was
/// read ([`event_of`], in file order; its `file.events` is empty): their lanes and
/// disputed dates are filled in.
pub(super) fn build_from_events(
    file: TimelineFile,
    mut events: Vec<Event>,
    mut checked: Checked,
) -> Timeline {
    let lanes = lanes_of(&checked.categories);
    crate::model::threads::in_threads(&mut events, |_, events| {
        for event in events {
            event.category = lanes
                .get(event.record.category.as_str())
                .copied()
                .unwrap_or(NO_LANE);
        }
    });
    drop(lanes);
    for (i, dates) in std::mem::take(&mut checked.disputed) {
        if let Some(event) = events.get_mut(i) {
            (event.disputed_alternatives, event.disputed_end_alternatives) = alternatives(dates);
        }
    }
    // Checked already: every event has its lane (one without would be left out, as
    // [`into_events`] does).
    let mut by_id = Some(std::mem::take(&mut checked.by_id));
    if events.iter().any(|event| event.category == NO_LANE) {
        events.retain(|event| event.category != NO_LANE);
        by_id = None;
    }
    finish(file, checked, events, by_id)
}

/// A lane no event has: [`build_from_events`] marks an event whose lane was not found.
const NO_LANE: usize = usize::MAX;

/// Each category's index by id.
fn lanes_of(categories: &[Category]) -> HashMap<&str, usize> {
    categories
        .iter()
        .enumerate()
        .map(|(i, c)| (c.record.id.as_str(), i))
        .collect()
}

/// The timeline of checked parts and events (in any order; `by_id`, if known: every
/// event's place in `events`, sorted by the events' ids).
fn finish(
    file: TimelineFile,
    checked: Checked,
    events: Vec<Event>,
    by_id: Option<Vec<u32>>,
) -> Timeline {
    let mut timeline = Timeline::assemble(
        file,
        checked.span,
        checked.default_view.unwrap_or(checked.span),
        checked.categories,
        checked.eras,
        (events, by_id),
        checked.tour,
    );
    timeline.warnings = checked.warnings;
    timeline
}

/// An event's record as the file gives it: a record of the file, or an event already
/// made of one ([`event_of`]), so the same check reads either.
pub(super) trait AsRecord {
    fn record(&self) -> &EventRecord;

    /// The record's dates, if they were read already.
    fn dates(&self) -> Option<DateSpan> {
        None
    }
}

impl AsRecord for EventRecord {
    fn record(&self) -> &EventRecord {
        self
    }
}

impl AsRecord for Event {
    fn record(&self) -> &EventRecord {
        &self.record
    }

    fn dates(&self) -> Option<DateSpan> {
        Some(self.when)
    }
}

/// Checks everything the parser cannot, as [`validate_in`], without building the
/// timeline: every problem, with its position in `text`, or what [`build`] needs.
/// `events` are the file's events in file order (`file.events`, or the events of a file
/// read in pieces, whose `file.events` is empty).
pub(super) fn check<R: AsRecord + Sync>(
    name: &str,
    text: &str,
    file: &TimelineFile,
    events: &[R],
    folder: Option<&std::path::Path>,
) -> Result<Checked, Vec<Diagnostic>> {
    let mut problems = Problems {
        locator: Locator::new(text),
        found: Vec::new(),
        warnings: Vec::new(),
    };
    let top = At::TOP;

    // Metadata and span.
    if file.title.trim().is_empty() {
        problems.at_name(
            top.field("title"),
            "the timeline's title is empty".to_owned(),
        );
    }
    let span_at = top.field("span");
    let span_start = parse_date(&mut problems, span_at.index(0), &file.span.0);
    let span_end = parse_date(&mut problems, span_at.index(1), &file.span.1);
    let span: Option<(Days, Days)> = match (span_start, span_end) {
        (Some(start), Some(end)) => {
            let span = DateSpan {
                start,
                end: Some(end),
            }
            .interval();
            if span.1 <= span.0 {
                problems.at_value(
                    span_at.index(1),
                    format!(
                        "the span ends ({}) before it starts ({})",
                        file.span.1, file.span.0
                    ),
                );
                None
            } else {
                Some(span)
            }
        }
        _ => None,
    };
    let within_span = |problems: &mut Problems<'_>,
                       at: At<'_>,
                       what: &dyn std::fmt::Display,
                       when: (Days, Days)| {
        if let Some((first, last)) = span
            && (when.0 < first || when.1 > last)
        {
            problems.at_value(
                at,
                format!(
                    "{what} lies outside the timeline's span {} to {}",
                    file.span.0, file.span.1
                ),
            );
        }
    };
    // A range of two dates, `from` at `from_at` and `to` at `to_at`.
    let parse_range = |problems: &mut Problems<'_>,
                       what: &str,
                       (from_at, from): (At<'_>, &str),
                       (to_at, to): (At<'_>, &str)|
     -> Option<(Days, Days)> {
        let start = parse_date(problems, from_at, from);
        let end = parse_date(problems, to_at, to);
        let (start, end) = (start?, end?);
        let interval = DateSpan {
            start,
            end: Some(end),
        }
        .interval();
        if interval.1 <= interval.0 {
            problems.at_value(
                to_at,
                format!("{what} ends ({to}) before it starts ({from})"),
            );
            return None;
        }
        within_span(problems, from_at, &what, interval);
        Some(interval)
    };
    let view_at = top.field("default_view");
    let default_view = file.default_view.as_ref().and_then(|(from, to)| {
        parse_range(
            &mut problems,
            "the default view",
            (view_at.index(0), from),
            (view_at.index(1), to),
        )
    });

    // Categories.
    let mut categories = Vec::with_capacity(file.categories.len());
    let mut category_index: HashMap<&str, usize> = HashMap::new();
    for (i, record) in file.categories.iter().enumerate() {
        let at = top.field("categories").index(i);
        check_id(&mut problems, at.field("id"), "category", &record.id);
        if category_index
            .insert(&record.id, categories.len())
            .is_some()
        {
            problems.at_value(
                at.field("id"),
                format!("duplicate category id `{}`", record.id),
            );
        }
        if record.name.trim().is_empty() {
            problems.at_name(
                at.field("name"),
                format!("category `{}` has an empty name", record.id),
            );
        }
        let colour = parse_colour(&mut problems, at.field("colour"), &record.colour);
        categories.push(Category {
            record: record.clone(),
            colour: colour.unwrap_or(Rgb([128, 128, 128])),
        });
    }
    if file.categories.is_empty() {
        problems.at_name(
            top.field("categories"),
            "the timeline has no categories: add at least one lane".to_owned(),
        );
    }
    let category_ids: Vec<&str> = file.categories.iter().map(|c| c.id.as_str()).collect();
    let place_ids = super::places::check_gazetteer(&mut problems, &file.places);

    // Eras.
    let mut eras = Vec::with_capacity(file.eras.len());
    let mut seen_eras = HashSet::new();
    for (i, record) in file.eras.iter().enumerate() {
        let at = top.field("eras").index(i);
        check_id(&mut problems, at.field("id"), "era", &record.id);
        if !seen_eras.insert(record.id.as_str()) {
            problems.at_value(at.field("id"), format!("duplicate era id `{}`", record.id));
        }
        if record.name.trim().is_empty() {
            problems.at_name(
                at.field("name"),
                format!("era `{}` has an empty name", record.id),
            );
        }
        let colour = parse_colour(&mut problems, at.field("colour"), &record.colour);
        let what = format!("era `{}`", record.id);
        check_sources(&mut problems, at.field("sources"), &what, &record.sources);
        check_flags(&mut problems, at.field("flags"), &what, true, &record.flags);
        check_media(
            &mut problems,
            at.field("media"),
            &what,
            &record.media,
            folder,
        );
        let when = parse_range(
            &mut problems,
            &what,
            (at.field("start"), &record.start),
            (at.field("end"), &record.end),
        );
        if let (Some(colour), Some(_)) = (colour, when) {
            let start = HistDate::parse(&record.start);
            let end = HistDate::parse(&record.end);
            if let (Ok(start), Ok(end)) = (start, end) {
                eras.push(Era {
                    record: record.clone(),
                    when: DateSpan {
                        start,
                        end: Some(end),
                    },
                    colour,
                });
            }
        }
    }

    // Events: first every id and alias, so references can be checked in any order.
    let known_ids = super::ids::Names::new(events);
    for (i, record) in events.iter().map(AsRecord::record).enumerate() {
        let at = top.field("events").index(i);
        check_id(&mut problems, at.field("id"), "event", &record.id);
        for (k, alias) in record.aliases.iter().enumerate() {
            let alias_at = at.field("aliases").index(k);
            if alias.trim().is_empty() {
                problems.at_value(
                    alias_at,
                    format!("event `{}` has an empty alias", record.id),
                );
            } else if alias.chars().any(char::is_whitespace) {
                problems.at_value(
                    alias_at,
                    format!(
                        "alias `{alias}` of event `{}` contains spaces; use a slug like `august-plenum`",
                        record.id
                    ),
                );
            } else if let Some(control) = control_in_line(alias) {
                problems.at_value(
                    alias_at,
                    format!(
                        "alias of event `{}` contains the control character {control}",
                        record.id
                    ),
                );
            }
        }
    }
    for (i, alias) in known_ids.repeats() {
        let Some(record) = events.get(i).map(AsRecord::record) else {
            continue;
        };
        let at = top.field("events").index(i);
        match alias.and_then(|k| record.aliases.get(k).map(|alias| (k, alias))) {
            None => problems.at_value(
                at.field("id"),
                format!("duplicate event id `{}`", record.id),
            ),
            Some((k, alias)) => problems.at_value(
                at.field("aliases").index(k),
                format!(
                    "alias `{alias}` of event `{}` is already the id or alias of another event",
                    record.id
                ),
            ),
        }
    }
    let suggest = |id: &str| -> String {
        closest(id, known_ids.iter())
            .map(|near| format!("; did you mean `{near}`?"))
            .unwrap_or_default()
    };

    // Every event is checked on its own: a large file in as many threads as there are
    // cores, each with its own list of problems, joined at the end (the messages are
    // sorted by position). The few disputed dates are kept for building the events.
    let check_events = |problems: &mut Problems<'_>,
                        range: std::ops::Range<usize>|
     -> Vec<(usize, Disputed)> {
        let mut disputed: Vec<(usize, Disputed)> = Vec::new();
        for (i, event) in events.iter().enumerate().take(range.end).skip(range.start) {
            let record = event.record();
            let at = top.field("events").index(i);
            let id = &record.id;
            if record.title.trim().is_empty() {
                problems.at_name(
                    at.field("title"),
                    format!("event `{id}` has an empty title"),
                );
            } else if let Some(control) = control_in_line(&record.title) {
                problems.at_value(
                    at.field("title"),
                    format!("the title of event `{id}` contains the control character {control}"),
                );
            } else if is_blank(&record.title) {
                problems.at_value(
                        at.field("title"),
                        format!(
                            "the title of event `{id}` has only invisible characters (zero-width or formatting)"
                        ),
                    );
            }
            if record.summary.trim().is_empty() {
                problems.at_name(
                    at.field("summary"),
                    format!("event `{id}` has an empty summary"),
                );
            }
            if !(1..=5).contains(&record.importance) {
                problems.at_name(
                    at.field("importance"),
                    format!(
                        "event `{id}` has importance {}; it must be 1 (minor) to 5 (essential)",
                        record.importance
                    ),
                );
            }
            let category = category_index.get(record.category.as_str()).copied();
            if category.is_none() {
                let near = closest(&record.category, category_ids.iter().copied())
                    .map(|near| format!("; did you mean `{near}`?"))
                    .unwrap_or_default();
                problems.at_value(
                    at.field("category"),
                    format!(
                        "event `{id}` names unknown category `{}`{near}",
                        record.category
                    ),
                );
            }
            super::places::check_event_places(
                problems,
                at.field("places"),
                id,
                &record.places,
                &place_ids,
            );
            let (start, end) = match event.dates() {
                // Read already, without a problem.
                Some(dates) => (Some(dates.start), record.end.as_ref().map(|_| dates.end)),
                None => (
                    parse_date(problems, at.field("date"), &record.date),
                    record
                        .end
                        .as_ref()
                        .map(|end| parse_date(problems, at.field("end"), end)),
                ),
            };
            let mut when = None;
            if let Some(start) = start {
                match end {
                    None => when = Some(DateSpan::at(start)),
                    Some(Some(end)) => {
                        let period = DateSpan {
                            start,
                            end: Some(end),
                        };
                        if end.interval().1 <= start.interval().0 {
                            problems.at_value(
                                at.field("end"),
                                format!(
                                    "event `{id}` ends ({}) before it starts ({})",
                                    end.notation(),
                                    start.notation()
                                ),
                            );
                        } else {
                            when = Some(period);
                        }
                    }
                    Some(None) => {}
                }
            }
            if let Some(when) = when {
                within_span(
                    problems,
                    at.field("date"),
                    &format_args!("event `{id}` ({when})"),
                    when.interval(),
                );
            }
            if record.sources.is_empty() {
                problems.at_name(
                        at.field("sources"),
                        format!(
                            "event `{id}` has no sources: add a Quote(source: ..., quote: ...) or Reference(title: ...)"
                        ),
                    );
            }
            let owner = Owner("event", id);
            check_sources(problems, at.field("sources"), &owner, &record.sources);
            check_media(problems, at.field("media"), &owner, &record.media, folder);
            let has_end = record.end.is_some();
            let alternatives =
                check_flags(problems, at.field("flags"), &owner, has_end, &record.flags);
            // Disputed starts must lie in the span; a disputed end may run past it (the
            // space-race fixture: a programme stopped in 1974, formally cancelled in 1976).
            for date in &alternatives.start {
                within_span(
                    problems,
                    at.field("flags"),
                    &format_args!("the disputed date {} of event `{id}`", date.notation()),
                    date.interval(),
                );
            }
            let mut seen_related: HashSet<&str> = HashSet::new();
            for (k, related) in record.related.iter().enumerate() {
                if related == id || record.aliases.contains(related) {
                    problems.at_value(
                        at.field("related").index(k),
                        format!("event `{id}` is related to itself"),
                    );
                } else if !seen_related.insert(related.as_str()) {
                    problems.at_value(
                        at.field("related").index(k),
                        format!("event `{id}` names related event `{related}` twice"),
                    );
                } else if !known_ids.contains(related) {
                    problems.at_value(
                        at.field("related").index(k),
                        format!(
                            "event `{id}` is related to unknown event `{related}`{}",
                            suggest(related)
                        ),
                    );
                }
            }
            if !alternatives.start.is_empty() || !alternatives.end.is_empty() {
                disputed.push((i, alternatives));
            }
        }
        disputed
    };
    let count = events.len();
    let threads = crate::model::threads::threads_for(count);
    let bounds: Vec<usize> = (0..=threads).map(|k| count * k / threads).collect();
    let disputed = std::thread::scope(|scope| {
        let others: Vec<_> = bounds
            .windows(2)
            .skip(1)
            .map(|pair| {
                let range = pair[0]..pair[1];
                let check_events = &check_events;
                scope.spawn(move || {
                    let mut own = Problems {
                        locator: Locator::new(text),
                        found: Vec::new(),
                        warnings: Vec::new(),
                    };
                    let disputed = check_events(&mut own, range);
                    (own.found, own.warnings, disputed)
                })
            })
            .collect();
        let mut disputed = check_events(&mut problems, 0..bounds.get(1).copied().unwrap_or(0));
        for handle in others {
            match handle.join() {
                Ok((found, warnings, more)) => {
                    problems.found.extend(found);
                    problems.warnings.extend(warnings);
                    disputed.extend(more);
                }
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        disputed
    });

    // Tour.
    let mut tour = Vec::with_capacity(file.tour.len());
    for (number, step) in file.tour.iter().enumerate() {
        let at = top.field("tour").index(number);
        if !known_ids.contains(&step.event) {
            problems.at_value(
                at.field("event"),
                format!(
                    "tour step {} names unknown event `{}`{}",
                    number + 1,
                    step.event,
                    suggest(&step.event)
                ),
            );
        }
        let what = format!("the view of tour step {}", number + 1);
        let view_at = at.field("view");
        let view = step.view.as_ref().and_then(|(from, to)| {
            parse_range(
                &mut problems,
                &what,
                (view_at.index(0), from),
                (view_at.index(1), to),
            )
        });
        tour.push((step.clone(), step.event.clone(), view));
    }

    if !problems.found.is_empty() {
        return Err(Diagnostic::at_offsets(name, text, problems.found));
    }
    Ok(Checked {
        span: span.unwrap_or((0.0, 1.0)),
        default_view,
        categories,
        eras,
        disputed,
        tour,
        warnings: Diagnostic::at_offsets(name, text, problems.warnings),
        by_id: known_ids.ids_in_order(),
    })
}

/// How many records are taken from the end of the file's list before its room is
/// given back: the list of records shrinks while the list of events grows, so a million
/// events are never held twice over (about 400 MB each).
const SHRINK_EVERY: usize = 1 << 16;

/// The records of a file [`check`] passed, moved (not copied) into events, with their
/// dates and lanes read again (`lanes`: each category's index by id) and their disputed
/// dates (`disputed`, in file order). The events come out in reverse file order;
/// [`Timeline::assemble`] sorts them.
fn into_events(
    mut records: Vec<EventRecord>,
    lanes: &HashMap<&str, usize>,
    mut disputed: Vec<(usize, Disputed)>,
) -> Vec<Event> {
    let mut events = Vec::with_capacity(records.len());
    while let Some(record) = records.pop() {
        let i = records.len();
        let dates = disputed
            .last()
            .is_some_and(|d| d.0 == i)
            .then(|| disputed.pop())
            .flatten();
        // Checked already; a record that did not read would have stopped the load.
        if let Some(&category) = lanes.get(record.category.as_str())
            && let Some(mut event) = event_of(record)
        {
            event.category = category;
            if let Some((_, dates)) = dates {
                (event.disputed_alternatives, event.disputed_end_alternatives) =
                    alternatives(dates);
            }
            events.push(event);
        }
        if i.is_multiple_of(SHRINK_EVERY) {
            records.shrink_to_fit();
        }
    }
    events
}

/// The event of a record with its dates read, in the first lane, with no disputed
/// dates or related events yet; `None` if its dates do not read.
pub(super) fn event_of(record: EventRecord) -> Option<Event> {
    let start = HistDate::parse(&record.date).ok()?;
    let end = record
        .end
        .as_deref()
        .map(HistDate::parse)
        .transpose()
        .ok()?;
    Some(Event {
        record,
        when: DateSpan { start, end },
        category: 0,
        disputed_alternatives: Default::default(),
        disputed_end_alternatives: Default::default(),
        related: Default::default(),
    })
}

/// An event's disputed dates as [`Event`] holds them: every one (the start's, then the
/// end's), and the end's.
fn alternatives(
    Disputed { start, end }: Disputed,
) -> (
    crate::model::schema::List<HistDate>,
    crate::model::schema::List<HistDate>,
) {
    let all = start.into_iter().chain(end.iter().copied()).collect();
    (all, end.into())
}

pub(super) fn check_id(problems: &mut Problems<'_>, at: At<'_>, what: &str, id: &str) {
    if id.trim().is_empty() {
        let article = if what.starts_with(['a', 'e', 'i', 'o', 'u']) {
            "an"
        } else {
            "a"
        };
        problems.at_value(at, format!("{article} {what} has an empty id"));
    } else if id.chars().any(char::is_whitespace) {
        problems.at_value(
            at,
            format!("{what} id `{id}` contains spaces; use a slug like `august-plenum`"),
        );
    } else if let Some(control) = control_in_line(id) {
        problems.at_value(
            at,
            format!("{what} id contains the control character {control}; use a slug like `august-plenum`"),
        );
    }
}

pub(super) fn parse_date(problems: &mut Problems<'_>, at: At<'_>, text: &str) -> Option<HistDate> {
    match HistDate::parse(text) {
        Ok(date) => Some(date),
        Err(error) => {
            problems.at_value(at, error.to_string());
            None
        }
    }
}

pub(super) fn parse_colour(problems: &mut Problems<'_>, at: At<'_>, text: &str) -> Option<Rgb> {
    let colour = Rgb::parse(text);
    if colour.is_none() {
        problems.at_value(
            at,
            format!("invalid colour {text:?}: write it as \"#rrggbb\", e.g. \"#d55e00\""),
        );
    }
    colour
}
