//! Reading a timeline file safely: size limit, encoding, RON parsing with errors
//! in plain words at `FILE:LINE:COL`, and validation that reports every problem
//! at once before a [`Timeline`] is built.

use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::path::Path;

use ron::error::Error as RonError;
use ron::extensions::Extensions;

use super::date::{DateSpan, Days, HistDate};
use super::diagnostic::{Diagnostic, TextPosition, closest};
use super::schema::{ProvenanceFlag, SourceRecord, TimelineFile};
use super::timeline::{Category, Era, Event, Rgb, Timeline};

/// The largest file accepted: far above any real timeline (a million generated
/// events take about 250 MB), small enough that a stray disk image is refused at once.
pub const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;

/// How deeply brackets may nest; a timeline needs about six levels.
pub const MAX_NESTING: usize = 64;

/// The built-in dataset, embedded in the binary.
pub const EMBEDDED_DATASET: &str = include_str!("../../data/wpk_history.ron");

/// The name the embedded dataset goes by in messages.
pub const EMBEDDED_NAME: &str = "data/wpk_history.ron (built in)";

/// Why a timeline could not be loaded.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LoadError {
    /// The file could not be read at all: missing, a directory, no permission.
    #[error("{0}")]
    Unreadable(Diagnostic),
    /// The file was read but is not a valid timeline; every problem found.
    #[error("{}", display_all(.0))]
    Invalid(Vec<Diagnostic>),
}

fn display_all(diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

impl LoadError {
    /// Every problem, in file order.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match self {
            Self::Unreadable(diagnostic) => std::slice::from_ref(diagnostic),
            Self::Invalid(diagnostics) => diagnostics,
        }
    }
}

/// The built-in WPK dataset.
pub fn load_embedded() -> Result<Timeline, LoadError> {
    load_str(EMBEDDED_NAME, EMBEDDED_DATASET)
}

/// Reads and validates the file at `path`; messages name it as the user wrote it.
pub fn load_path(path: &Path) -> Result<Timeline, LoadError> {
    let name = path.display().to_string();
    let bytes = read_limited(path, &name)?;
    load_bytes(&name, &bytes)
}

/// Reads at most [`MAX_FILE_BYTES`] of a file, refusing directories and larger files.
pub fn read_limited(path: &Path, name: &str) -> Result<Vec<u8>, LoadError> {
    let unreadable = |message: String| LoadError::Unreadable(Diagnostic::whole_file(name, message));
    let metadata = std::fs::metadata(path).map_err(|e| unreadable(io_message(&e)))?;
    if metadata.is_dir() {
        return Err(unreadable(
            "is a directory, not a timeline file (give the path of a .ron file)".to_owned(),
        ));
    }
    let file = std::fs::File::open(path).map_err(|e| unreadable(io_message(&e)))?;
    let mut bytes = Vec::new();
    // Read one byte past the limit so a file that grew after `metadata` is still caught.
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| unreadable(io_message(&e)))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(LoadError::Invalid(vec![Diagnostic::whole_file(
            name,
            format!(
                "is too large to be a timeline: the limit is {} MiB",
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        )]));
    }
    Ok(bytes)
}

fn io_message(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_owned(),
        std::io::ErrorKind::PermissionDenied => {
            "permission denied: cannot read the file".to_owned()
        }
        _ => format!("cannot read the file: {error}"),
    }
}

/// Validates raw bytes: UTF-8 (a byte-order mark is accepted), then [`load_str`].
pub fn load_bytes(name: &str, bytes: &[u8]) -> Result<Timeline, LoadError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => load_str(name, text),
        Err(error) => {
            // Report the position of the first bad byte within the valid prefix's text.
            let valid = std::str::from_utf8(&bytes[..error.valid_up_to()]).unwrap_or_default();
            let position = TextPosition::of_offset(valid, valid.len());
            let message = if bytes.contains(&0) {
                "is not a text file (it contains binary data); a timeline is a RON text file in UTF-8"
            } else {
                "is not valid UTF-8 text; save the file as UTF-8"
            };
            Err(LoadError::Invalid(vec![Diagnostic::at(
                name, valid, position, message,
            )]))
        }
    }
}

/// Parses and validates a timeline from text.
pub fn load_str(name: &str, text: &str) -> Result<Timeline, LoadError> {
    let file = parse_str(name, text).map_err(|d| LoadError::Invalid(vec![d]))?;
    validate(name, text, &file).map_err(LoadError::Invalid)
}

fn ron_options() -> ron::Options {
    ron::Options::default()
        .with_default_extension(Extensions::IMPLICIT_SOME)
        .with_recursion_limit(MAX_NESTING)
}

/// Parses the RON text into the file types, or explains the first syntax problem.
pub fn parse_str(name: &str, text: &str) -> Result<TimelineFile, Diagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(Diagnostic::whole_file(
            name,
            "is empty: a timeline file starts with `(` and holds title, span, categories and events",
        ));
    }
    if text.contains('\0') {
        let offset = text.find('\0').unwrap_or(0);
        return Err(Diagnostic::at(
            name,
            text,
            TextPosition::of_offset(text, offset),
            "is not a text file (it contains binary data); a timeline is a RON text file in UTF-8",
        ));
    }
    ron_options().from_str(text).map_err(|error| {
        let position = TextPosition {
            line: error.span.start.line.max(1),
            column: error.span.start.col.max(1),
        };
        // ron puts end-of-file errors after the last character; point at it.
        Diagnostic::at(name, text, position, parse_message(&error.code))
    })
}

/// Writes a timeline file as RON, in the style of the shipped dataset.
pub fn to_ron_string(file: &TimelineFile) -> Result<String, ron::Error> {
    let config = ron::ser::PrettyConfig::new()
        .extensions(Extensions::IMPLICIT_SOME)
        .struct_names(false)
        .indentor("    ".to_owned());
    ron::ser::to_string_pretty(file, config)
}

/// What the user calls each of the file's types.
fn user_name(type_name: &str) -> &str {
    match type_name {
        "TimelineFile" => "the timeline",
        "CategoryRecord" => "a category",
        "EraRecord" => "an era",
        "EventRecord" => "an event",
        "PersonRecord" => "a person",
        "TourStepRecord" => "a tour step",
        "SourceRecord" => "a source",
        "ProvenanceFlag" => "a flag",
        "Seed" => "a Seed source",
        "Reference" => "a Reference source",
        "DateDisputed" => "a DateDisputed flag",
        "SeedDiffers" => "a SeedDiffers flag",
        other => other,
    }
}

fn in_outer(outer: Option<&String>) -> String {
    outer.map_or_else(String::new, |o| format!(" in {}", user_name(o)))
}

fn list(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A RON error in plain words.
fn parse_message(code: &RonError) -> String {
    match code {
        RonError::Eof => {
            "the file ends too early: a bracket, string or entry is not closed".to_owned()
        }
        RonError::ExpectedComma => "expected a comma `,` between two entries".to_owned(),
        RonError::ExpectedArray => "expected a list in square brackets `[...]`".to_owned(),
        RonError::ExpectedArrayEnd => {
            "expected `]` to close the list (or a comma before the next entry)".to_owned()
        }
        RonError::ExpectedStructLike | RonError::ExpectedNamedStructLike(_) => {
            "expected `(` to open an entry".to_owned()
        }
        RonError::ExpectedStructLikeEnd | RonError::ExpectedOptionEnd => {
            "expected `)` to close the entry (or a comma before the next field)".to_owned()
        }
        RonError::ExpectedString => {
            "expected text in double quotes, like \"1956-08-30\"".to_owned()
        }
        RonError::ExpectedStringEnd => "a string is not closed: a `\"` is missing".to_owned(),
        RonError::ExpectedInteger | RonError::IntegerOutOfBounds => {
            "expected a whole number (importance is 1 to 5)".to_owned()
        }
        RonError::ExpectedIdentifier => "expected a field name".to_owned(),
        RonError::ExceededRecursionLimit => {
            format!("brackets are nested too deeply (more than {MAX_NESTING} levels)")
        }
        RonError::TrailingCharacters => {
            "unexpected text after the end of the timeline's closing `)`".to_owned()
        }
        RonError::UnclosedBlockComment => "a `/*` comment is never closed with `*/`".to_owned(),
        RonError::InvalidEscape(what) => format!("invalid escape in a string: {what}"),
        RonError::NoSuchStructField {
            expected,
            found,
            outer,
        } => {
            let mut message = format!("unknown field `{found}`{}", in_outer(outer.as_ref()));
            if let Some(near) = closest(found, expected.iter().copied()) {
                message.push_str(&format!("; did you mean `{near}`?"));
            }
            message.push_str(&format!(" (the fields are {})", list(expected)));
            message
        }
        RonError::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => {
            let mut message = format!("unknown kind `{found}`{}", in_outer(outer.as_ref()));
            if let Some(near) = closest(found, expected.iter().copied()) {
                message.push_str(&format!("; did you mean `{near}`?"));
            }
            message.push_str(&format!(" (the kinds are {})", list(expected)));
            message
        }
        RonError::MissingStructField { field, outer } => {
            format!("missing field `{field}`{}", in_outer(outer.as_ref()))
        }
        RonError::DuplicateStructField { field, outer } => {
            format!("field `{field}` is given twice{}", in_outer(outer.as_ref()))
        }
        RonError::InvalidValueForType { expected, found } => {
            format!("expected {expected}, found {found}")
        }
        RonError::ExpectedDifferentLength { expected, found } => {
            format!("expected {expected}, found {found} elements")
        }
        other => other.to_string(),
    }
}

/// Finds where things are in the text, so validation problems can name a line.
struct Locator<'a> {
    text: &'a str,
}

impl<'a> Locator<'a> {
    /// Byte offset of the list value of top-level key `key` (`events: [`), or 0.
    fn section(&self, key: &str) -> usize {
        let mut from = 0;
        while let Some(found) = self.text[from..].find(key).map(|i| i + from) {
            let after = self.text[found + key.len()..].trim_start();
            if after.starts_with(':') {
                return found;
            }
            from = found + key.len();
        }
        0
    }

    /// Byte offset of the next `id: "ID"` at or after `from`.
    fn id_field(&self, id: &str, from: usize) -> Option<usize> {
        let quoted = format!("\"{id}\"");
        let mut search = from.min(self.text.len());
        while let Some(found) = self.text[search..].find(&quoted).map(|i| i + search) {
            let before = self.text[..found].trim_end();
            if before.ends_with("id:") || before.ends_with("event:") {
                return Some(found);
            }
            search = found + quoted.len();
        }
        None
    }

    /// Byte offset of the quoted string `value` between `from` and `to`.
    fn string_in(&self, value: &str, from: usize, to: usize) -> Option<usize> {
        let quoted = ron::to_string(value).ok()?;
        let to = to.min(self.text.len());
        let from = from.min(to);
        self.text.get(from..to)?.find(&quoted).map(|i| i + from)
    }

    /// Byte offset of `field:` between `from` and `to`.
    fn field_in(&self, field: &str, from: usize, to: usize) -> Option<usize> {
        let to = to.min(self.text.len());
        let from = from.min(to);
        let pattern = format!("{field}:");
        self.text.get(from..to)?.find(&pattern).map(|i| i + from)
    }
}

/// Collects the problems found while validating one file.
struct Problems<'a> {
    name: &'a str,
    locator: Locator<'a>,
    found: Vec<(usize, Diagnostic)>,
}

impl Problems<'_> {
    fn at(&mut self, offset: usize, message: String) {
        let position = TextPosition::of_offset(self.locator.text, offset);
        self.found.push((
            offset,
            Diagnostic::at(self.name, self.locator.text, position, message),
        ));
    }
}

/// The byte range of each record of a list in the text, found from their ids.
fn record_ranges(locator: &Locator<'_>, section: usize, ids: &[&str]) -> Vec<(usize, usize)> {
    let mut starts = Vec::with_capacity(ids.len());
    let mut from = section;
    for id in ids {
        let start = locator.id_field(id, from).unwrap_or(from);
        starts.push(start);
        from = start + 1;
    }
    let mut ranges = Vec::with_capacity(ids.len());
    for (i, &start) in starts.iter().enumerate() {
        let end = starts
            .get(i + 1)
            .copied()
            .unwrap_or(locator.text.len())
            .max(start);
        ranges.push((start, end));
    }
    ranges
}

/// Checks everything the parser cannot: dates, colours, ids, references, limits.
/// Every problem is reported, in file order.
pub fn validate(name: &str, text: &str, file: &TimelineFile) -> Result<Timeline, Vec<Diagnostic>> {
    let locator = Locator { text };
    let mut problems = Problems {
        name,
        locator: Locator { text },
        found: Vec::new(),
    };

    // Locates a string value inside a record (falling back to the record's start).
    let place = |range: (usize, usize), value: &str| -> usize {
        locator
            .string_in(value, range.0, range.1)
            .unwrap_or(range.0)
    };
    let place_field = |range: (usize, usize), field: &str| -> usize {
        locator.field_in(field, range.0, range.1).unwrap_or(range.0)
    };

    // Metadata and span.
    let top = (0, text.len());
    if file.title.trim().is_empty() {
        problems.at(
            place_field(top, "title"),
            "the timeline's title is empty".to_owned(),
        );
    }
    let span_start = parse_date(&mut problems, place(top, &file.span.0), &file.span.0);
    let span_end = parse_date(&mut problems, place(top, &file.span.1), &file.span.1);
    let span: Option<(Days, Days)> = match (span_start, span_end) {
        (Some(start), Some(end)) => {
            let span = DateSpan {
                start,
                end: Some(end),
            }
            .interval();
            if span.1 <= span.0 {
                problems.at(
                    place(top, &file.span.1),
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
    let within_span =
        |problems: &mut Problems<'_>, offset: usize, what: &str, when: (Days, Days)| {
            if let Some((first, last)) = span
                && (when.0 < first || when.1 > last)
            {
                problems.at(
                    offset,
                    format!(
                        "{what} lies outside the timeline's span {} to {}",
                        file.span.0, file.span.1
                    ),
                );
            }
        };
    let parse_range = |problems: &mut Problems<'_>,
                       range: (usize, usize),
                       what: &str,
                       (from, to): &(String, String)|
     -> Option<(Days, Days)> {
        let start = parse_date(problems, place(range, from), from);
        let end = parse_date(problems, place(range, to), to);
        let (start, end) = (start?, end?);
        let interval = DateSpan {
            start,
            end: Some(end),
        }
        .interval();
        if interval.1 <= interval.0 {
            problems.at(
                place(range, to),
                format!("{what} ends ({to}) before it starts ({from})"),
            );
            return None;
        }
        within_span(problems, place(range, from), what, interval);
        Some(interval)
    };
    let default_view = file
        .default_view
        .as_ref()
        .and_then(|view| parse_range(&mut problems, top, "the default view", view));

    // Categories.
    let category_section = locator.section("categories");
    let category_ids: Vec<&str> = file.categories.iter().map(|c| c.id.as_str()).collect();
    let category_ranges = record_ranges(&locator, category_section, &category_ids);
    let mut categories = Vec::with_capacity(file.categories.len());
    let mut category_index: HashMap<&str, usize> = HashMap::new();
    for (record, &range) in file.categories.iter().zip(&category_ranges) {
        check_id(&mut problems, range.0, "category", &record.id);
        if category_index
            .insert(&record.id, categories.len())
            .is_some()
        {
            problems.at(range.0, format!("duplicate category id `{}`", record.id));
        }
        if record.name.trim().is_empty() {
            problems.at(
                place_field(range, "name"),
                format!("category `{}` has an empty name", record.id),
            );
        }
        let colour = parse_colour(&mut problems, place(range, &record.colour), &record.colour);
        categories.push(Category {
            record: record.clone(),
            colour: colour.unwrap_or(Rgb([128, 128, 128])),
        });
    }
    if file.categories.is_empty() {
        problems.at(
            if category_section > 0 {
                category_section
            } else {
                0
            },
            "the timeline has no categories: add at least one lane".to_owned(),
        );
    }

    // Eras.
    let era_section = locator.section("eras");
    let era_ids: Vec<&str> = file.eras.iter().map(|e| e.id.as_str()).collect();
    let era_ranges = record_ranges(&locator, era_section, &era_ids);
    let mut eras = Vec::with_capacity(file.eras.len());
    let mut seen_eras = HashSet::new();
    for (record, &range) in file.eras.iter().zip(&era_ranges) {
        check_id(&mut problems, range.0, "era", &record.id);
        if !seen_eras.insert(record.id.as_str()) {
            problems.at(range.0, format!("duplicate era id `{}`", record.id));
        }
        if record.name.trim().is_empty() {
            problems.at(
                place_field(range, "name"),
                format!("era `{}` has an empty name", record.id),
            );
        }
        let colour = parse_colour(&mut problems, place(range, &record.colour), &record.colour);
        let what = format!("era `{}`", record.id);
        let when = parse_range(
            &mut problems,
            range,
            &what,
            &(record.start.clone(), record.end.clone()),
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
    let event_section = locator.section("events");
    let event_ids: Vec<&str> = file.events.iter().map(|e| e.id.as_str()).collect();
    let event_ranges = record_ranges(&locator, event_section, &event_ids);
    let mut known_ids: HashSet<&str> = HashSet::with_capacity(file.events.len());
    for (record, &range) in file.events.iter().zip(&event_ranges) {
        check_id(&mut problems, range.0, "event", &record.id);
        if !known_ids.insert(record.id.as_str()) {
            problems.at(range.0, format!("duplicate event id `{}`", record.id));
        }
        for alias in &record.aliases {
            if !known_ids.insert(alias.as_str()) {
                problems.at(
                    place(range, alias),
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

    let mut events = Vec::with_capacity(file.events.len());
    for (record, &range) in file.events.iter().zip(&event_ranges) {
        let id = &record.id;
        if record.title.trim().is_empty() {
            problems.at(
                place_field(range, "title"),
                format!("event `{id}` has an empty title"),
            );
        }
        if record.summary.trim().is_empty() {
            problems.at(
                place_field(range, "summary"),
                format!("event `{id}` has an empty summary"),
            );
        }
        if !(1..=5).contains(&record.importance) {
            problems.at(
                place_field(range, "importance"),
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
            problems.at(
                place(range, &record.category),
                format!(
                    "event `{id}` names unknown category `{}`{near}",
                    record.category
                ),
            );
        }
        let start = parse_date(&mut problems, place(range, &record.date), &record.date);
        let end = record
            .end
            .as_ref()
            .map(|end| parse_date(&mut problems, place(range, end), end));
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
                        problems.at(
                            place(range, record.end.as_deref().unwrap_or_default()),
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
                place(range, &record.date),
                &format!("event `{id}` ({when})"),
                when.interval(),
            );
        }
        if record.sources.is_empty() {
            problems.at(
                place_field(range, "sources"),
                format!(
                    "event `{id}` has no sources: add a Seed(quote: ...) or Reference(title: ...)"
                ),
            );
        }
        for source in &record.sources {
            match source {
                SourceRecord::Seed { quote } if quote.trim().is_empty() => {
                    problems.at(
                        place_field(range, "quote"),
                        format!("event `{id}` has an empty seed quotation"),
                    );
                }
                SourceRecord::Reference { title, url } => {
                    if title.trim().is_empty() {
                        problems.at(
                            place_field(range, "sources"),
                            format!("event `{id}` has a reference without a title"),
                        );
                    }
                    if let Some(url) = url
                        && !is_web_link(url)
                    {
                        problems.at(
                            place(range, url),
                            format!(
                                "event `{id}`: link {url:?} must start with https:// or http://"
                            ),
                        );
                    }
                }
                SourceRecord::Seed { .. } => {}
            }
        }
        let mut alternatives = Vec::new();
        for flag in &record.flags {
            if let ProvenanceFlag::DateDisputed {
                alternatives: dates,
                ..
            } = flag
            {
                for text in dates {
                    if let Some(date) = parse_date(&mut problems, place(range, text), text) {
                        alternatives.push(date);
                    }
                }
            }
        }
        for related in &record.related {
            if !known_ids.contains(related.as_str()) {
                problems.at(
                    place(range, related),
                    format!(
                        "event `{id}` is related to unknown event `{related}`{}",
                        suggest(related)
                    ),
                );
            }
        }
        if let (Some(when), Some(category)) = (when, category) {
            events.push(Event {
                record: record.clone(),
                when,
                category,
                disputed_alternatives: alternatives,
                related: Vec::new(),
            });
        }
    }

    // Tour.
    let tour_section = locator.section("tour");
    let tour_ids: Vec<&str> = file.tour.iter().map(|s| s.event.as_str()).collect();
    let tour_ranges = record_ranges(&locator, tour_section, &tour_ids);
    let mut tour = Vec::with_capacity(file.tour.len());
    for (number, (step, &range)) in file.tour.iter().zip(&tour_ranges).enumerate() {
        if !known_ids.contains(step.event.as_str()) {
            problems.at(
                range.0,
                format!(
                    "tour step {} names unknown event `{}`{}",
                    number + 1,
                    step.event,
                    suggest(&step.event)
                ),
            );
        }
        let what = format!("the view of tour step {}", number + 1);
        let view = step
            .view
            .as_ref()
            .and_then(|view| parse_range(&mut problems, range, &what, view));
        tour.push((step.clone(), step.event.clone(), view));
    }

    if !problems.found.is_empty() {
        let mut found = problems.found;
        found.sort_by_key(|(offset, _)| *offset);
        return Err(found.into_iter().map(|(_, d)| d).collect());
    }
    let span = span.unwrap_or((0.0, 1.0));
    Ok(Timeline::assemble(
        file,
        span,
        default_view.unwrap_or(span),
        categories,
        eras,
        events,
        tour,
    ))
}

/// Whether a link may be opened: only web links.
pub fn is_web_link(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://"))
        && lower.len() > "https://".len()
}

fn check_id(problems: &mut Problems<'_>, offset: usize, what: &str, id: &str) {
    if id.trim().is_empty() {
        problems.at(offset, format!("a {what} has an empty id"));
    } else if id.chars().any(char::is_whitespace) {
        problems.at(
            offset,
            format!("{what} id `{id}` contains spaces; use a slug like `august-plenum`"),
        );
    }
}

fn parse_date(problems: &mut Problems<'_>, offset: usize, text: &str) -> Option<HistDate> {
    match HistDate::parse(text) {
        Ok(date) => Some(date),
        Err(error) => {
            problems.at(offset, error.to_string());
            None
        }
    }
}

fn parse_colour(problems: &mut Problems<'_>, offset: usize, text: &str) -> Option<Rgb> {
    let colour = Rgb::parse(text);
    if colour.is_none() {
        problems.at(
            offset,
            format!("invalid colour {text:?}: write it as \"#rrggbb\", e.g. \"#d55e00\""),
        );
    }
    colour
}
