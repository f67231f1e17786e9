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
use crate::model::schema::TimelineFile;
use crate::model::timeline::{Category, Era, Event, Rgb, Timeline};

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
    let within_span = |problems: &mut Problems<'_>, at: At<'_>, what: &str, when: (Days, Days)| {
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
        within_span(problems, from_at, what, interval);
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
    let mut known_ids: HashSet<&str> = HashSet::with_capacity(file.events.len());
    for (i, record) in file.events.iter().enumerate() {
        let at = top.field("events").index(i);
        check_id(&mut problems, at.field("id"), "event", &record.id);
        if !known_ids.insert(record.id.as_str()) {
            problems.at_value(
                at.field("id"),
                format!("duplicate event id `{}`", record.id),
            );
        }
        for (k, alias) in record.aliases.iter().enumerate() {
            let alias_at = at.field("aliases").index(k);
            if alias.trim().is_empty() {
                problems.at_value(
                    alias_at,
                    format!("event `{}` has an empty alias", record.id),
                );
                continue;
            }
            if alias.chars().any(char::is_whitespace) {
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
            if !known_ids.insert(alias.as_str()) {
                problems.at_value(
                    at.field("aliases").index(k),
                    format!(
                        "alias `{alias}` of event `{}` is already the id or alias of another event",
                        record.id
                    ),
                );
            }
        }
    }
    let suggest = |id: &str| -> String {
        closest(id, known_ids.iter().copied())
            .map(|near| format!("; did you mean `{near}`?"))
            .unwrap_or_default()
    };

    // What each valid event parses to, by its place in the file; the records themselves
    // are moved into the timeline at the end, not copied (a million of them are a gigabyte).
    let mut parsed: Vec<(usize, DateSpan, usize, Disputed)> = Vec::with_capacity(file.events.len());
    for (i, record) in file.events.iter().enumerate() {
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
            &mut problems,
            at.field("places"),
            id,
            &record.places,
            &place_ids,
        );
        let start = parse_date(&mut problems, at.field("date"), &record.date);
        let end = record
            .end
            .as_ref()
            .map(|end| parse_date(&mut problems, at.field("end"), end));
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
                &mut problems,
                at.field("date"),
                &format!("event `{id}` ({when})"),
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
        let owner = format!("event `{id}`");
        check_sources(&mut problems, at.field("sources"), &owner, &record.sources);
        check_media(
            &mut problems,
            at.field("media"),
            &owner,
            &record.media,
            folder,
        );
        let has_end = record.end.is_some();
        let alternatives = check_flags(
            &mut problems,
            at.field("flags"),
            &owner,
            has_end,
            &record.flags,
        );
        // Disputed starts must lie in the span; a disputed end may run past it (the
        // space-race fixture: a programme stopped in 1974, formally cancelled in 1976).
        for date in &alternatives.start {
            within_span(
                &mut problems,
                at.field("flags"),
                &format!("the disputed date {} of event `{id}`", date.notation()),
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
            } else if !known_ids.contains(related.as_str()) {
                problems.at_value(
                    at.field("related").index(k),
                    format!(
                        "event `{id}` is related to unknown event `{related}`{}",
                        suggest(related)
                    ),
                );
            }
        }
        if let (Some(when), Some(category)) = (when, category) {
            parsed.push((i, when, category, alternatives));
        }
    }

    // Tour.
    let mut tour = Vec::with_capacity(file.tour.len());
    for (number, step) in file.tour.iter().enumerate() {
        let at = top.field("tour").index(number);
        if !known_ids.contains(step.event.as_str()) {
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
    drop(known_ids);
    drop(place_ids);
    let mut file = file;
    let events = into_events(std::mem::take(&mut file.events), parsed);
    let span = span.unwrap_or((0.0, 1.0));
    let mut timeline = Timeline::assemble(
        file,
        span,
        default_view.unwrap_or(span),
        categories,
        eras,
        events,
        tour,
    );
    timeline.warnings = Diagnostic::at_offsets(name, text, problems.warnings);
    Ok(timeline)
}

/// How many records are taken from the end of the file's list before its room is
/// given back: the list of records shrinks while the list of events grows, so a million
/// events are never held twice over (about 400 MB each).
const SHRINK_EVERY: usize = 1 << 16;

/// The valid records, moved (not copied) into events with what was parsed from them.
/// `parsed` is in file order, one entry per valid record. The events come out in
/// reverse file order; [`Timeline::assemble`] sorts them.
fn into_events(
    mut records: Vec<crate::model::schema::EventRecord>,
    mut parsed: Vec<(usize, DateSpan, usize, Disputed)>,
) -> Vec<Event> {
    let mut events = Vec::with_capacity(parsed.len());
    while let Some(record) = records.pop() {
        let i = records.len();
        if parsed.last().is_some_and(|p| p.0 == i)
            && let Some((_, when, category, alternatives)) = parsed.pop()
        {
            events.push(Event {
                record,
                when,
                category,
                disputed_alternatives: alternatives
                    .start
                    .into_iter()
                    .chain(alternatives.end.iter().copied())
                    .collect(),
                disputed_end_alternatives: alternatives.end,
                related: Vec::new(),
            });
        }
        if i.is_multiple_of(SHRINK_EVERY) {
            records.shrink_to_fit();
            parsed.shrink_to_fit();
        }
    }
    events
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
