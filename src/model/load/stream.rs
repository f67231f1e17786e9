//! Loading a large file without ever holding its whole text: the file is read a piece
//! at a time, its `events` list is cut into runs of whole events as the pieces arrive,
//! and each run is parsed on its own, straight into events (their dates read; lanes and
//! the rest come once the file is checked), while the rest of the file (title, lanes, eras,
//! places, tour) is kept as a small text with an empty `events: []`. A million events
//! are 281 MB of text; this way they are never in memory beside their records.
//!
//! Only a file that loads cleanly is loaded this way. Anything else — a problem to
//! report (its line and column are in the whole text), a warning, a construct the
//! cutter does not follow (raw strings, extensions other than `implicit_some`, deep
//! nesting, a single enormous value) — gives `None`, and the caller loads the whole text
//! as before, which explains every problem where it is. Both ways give the same
//! timeline (`tests/loader_stream.rs`, and the tests below).

use std::io::Read;
use std::path::Path;

use super::MAX_FILE_BYTES;
use super::locate::{Lexer, Token};
use super::parse::{parse_text, ron_options};
use super::validate::{build_from_events, check, event_of};
use crate::model::schema::EventRecord;
use crate::model::timeline::{Event, Timeline};

/// Bytes read at a time.
const PIECE: u64 = 1 << 20;

/// About how much text of events is parsed at once.
const RUN: usize = 4 << 20;

/// The longest stretch of text the cutter carries from one piece to the next (one value
/// larger than this, and the whole text is loaded instead).
const MAX_CARRY: usize = 16 << 20;

/// Brackets deeper than this and the whole text is loaded instead (a timeline needs
/// about six levels; ron's own limit counts nesting differently in a run than in the
/// whole file).
const MAX_DEPTH: usize = 16;

/// Reads `reader` (a timeline file named `name`, in `folder`) piece by piece into a
/// timeline; `None` if the file does not load cleanly this way (see the module's
/// documentation): then load its whole text.
pub(super) fn load_pieces(
    name: &str,
    reader: impl Read,
    folder: Option<&Path>,
) -> Option<Timeline> {
    load_pieces_of(name, reader, folder, PIECE)
}

/// [`load_pieces`], reading `piece` bytes at a time.
fn load_pieces_of(
    name: &str,
    reader: impl Read,
    folder: Option<&Path>,
    piece: u64,
) -> Option<Timeline> {
    let (skeleton, events) = cut_and_parse(reader, piece)?;
    let file = parse_text(name, &skeleton).ok()?;
    if !file.events.is_empty() {
        return None;
    }
    let checked = check(name, &skeleton, &file, &events, folder).ok()?;
    if checked.has_warnings() {
        return None;
    }
    drop(skeleton);
    let timeline = build_from_events(file, events, checked);
    Some(timeline)
}

/// Reads and cuts the file, parsing its runs of events on as many threads as there are
/// cores while the next pieces are read, and making events of them there (dates read;
/// lanes and the rest come once the file is checked): the skeleton and the events, in
/// file order.
fn cut_and_parse(reader: impl Read, piece: u64) -> Option<(String, Vec<Event>)> {
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get().clamp(1, 4));
    // At most a run per worker waits: the text read ahead stays small.
    let (jobs, queue) = std::sync::mpsc::sync_channel::<(usize, String)>(workers);
    let queue = std::sync::Mutex::new(queue);
    let (done, results) = std::sync::mpsc::channel::<(usize, Option<Vec<Event>>)>();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let (queue, done) = (&queue, done.clone());
            scope.spawn(move || {
                loop {
                    let job = match queue.lock() {
                        Ok(queue) => queue.recv(),
                        Err(_) => return,
                    };
                    let Ok((number, run)) = job else {
                        return;
                    };
                    // The fast path reads ordinary events; what it refuses, ron reads.
                    let seed = || EventsOf {
                        capacity: run.len() / BYTES_PER_EVENT,
                    };
                    let parsed = super::fast::from_str_seed(&run, seed())
                        .ok()
                        .or_else(|| ron_options().from_str_seed(&run, seed()).ok());
                    drop(run);
                    if done.send((number, parsed)).is_err() {
                        return;
                    }
                }
            });
        }
        drop(done);
        let mut runs = Runs::default();
        let mut sent = 0;
        let mut send = |run: String| {
            while let Ok((number, parsed)) = results.try_recv() {
                runs.take(number, parsed);
            }
            let queued = jobs.send((sent, run)).is_ok();
            sent += 1;
            queued
        };
        let mut cutter = Cutter::new(&mut send);
        let cut = read_and_cut(reader, piece, &mut cutter);
        let (skeleton, place) = (std::mem::take(&mut cutter.skeleton), cutter.place);
        drop(cutter);
        drop(jobs);
        for (number, parsed) in results {
            runs.take(number, parsed);
        }
        cut?;
        (place == Place::After && runs.complete(sent)).then_some((skeleton, runs.events))
    })
}

/// About how many bytes of text an ordinary event takes (a generated one, 281): room
/// for the events of a run is made for its length over this.
const BYTES_PER_EVENT: usize = 256;

/// Reads a run (a RON list of events) straight into events ([`event_of`]), with room
/// for `capacity` of them at first; a date that does not read refuses the run (the
/// whole text explains it).
struct EventsOf {
    capacity: usize,
}

impl<'de> serde::de::DeserializeSeed<'de> for EventsOf {
    type Value = Vec<Event>;

    fn deserialize<D: serde::Deserializer<'de>>(self, reader: D) -> Result<Vec<Event>, D::Error> {
        reader.deserialize_seq(self)
    }
}

impl<'de> serde::de::Visitor<'de> for EventsOf {
    type Value = Vec<Event>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a list of events")
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<Event>, A::Error> {
        let mut events = Vec::with_capacity(self.capacity);
        while let Some(record) = seq.next_element::<EventRecord>()? {
            let event =
                event_of(record).ok_or_else(|| serde::de::Error::custom("a date does not read"))?;
            events.push(event);
        }
        Ok(events)
    }
}

/// The parsed runs, put back in file order as they come in.
#[derive(Default)]
struct Runs {
    /// Every event of the runs before `next`, in file order.
    events: Vec<Event>,
    /// The number of the run that comes next.
    next: usize,
    /// Runs that came in before one ahead of them.
    waiting: std::collections::BTreeMap<usize, Vec<Event>>,
    /// A run did not parse.
    failed: bool,
}

impl Runs {
    fn take(&mut self, number: usize, parsed: Option<Vec<Event>>) {
        let Some(parsed) = parsed else {
            self.failed = true;
            return;
        };
        self.waiting.insert(number, parsed);
        while let Some(run) = self.waiting.remove(&self.next) {
            self.events.extend(run);
            self.next += 1;
        }
    }

    /// Whether all `sent` runs came in and parsed.
    fn complete(&self, sent: usize) -> bool {
        !self.failed && self.next == sent && self.waiting.is_empty()
    }
}

/// Reads `reader` a `piece` at a time into `cutter`; `None` where the file cannot be
/// loaded this way.
fn read_and_cut(reader: impl Read, piece: u64, cutter: &mut Cutter<'_>) -> Option<()> {
    let mut reader = reader.take(MAX_FILE_BYTES + 1);
    let mut pending: Vec<u8> = Vec::new();
    let mut total: u64 = 0;
    let mut first = true;
    loop {
        let read = std::io::Read::by_ref(&mut reader)
            .take(piece)
            .read_to_end(&mut pending)
            .ok()?;
        total = total.saturating_add(read as u64);
        if total > MAX_FILE_BYTES {
            return None;
        }
        let end = read == 0;
        let valid = match std::str::from_utf8(&pending) {
            Ok(text) => text.len(),
            // A character cut in two by the piece's end: the rest comes with the next.
            Err(error) if error.error_len().is_none() && !end => error.valid_up_to(),
            Err(_) => return None,
        };
        let text = std::str::from_utf8(pending.get(..valid)?).ok()?;
        let mut skip = 0;
        if first && !text.is_empty() {
            first = false;
            if text.starts_with('\u{feff}') {
                skip = '\u{feff}'.len_utf8();
            }
        }
        let text = text.get(skip..)?;
        if text.contains('\0') {
            return None;
        }
        let used = skip + cutter.feed(text, end)?;
        if end {
            return Some(());
        }
        pending.drain(..used);
        if pending.len() > MAX_CARRY {
            return None;
        }
    }
}

/// Where the cutter is in the file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Place {
    /// Before the events list (and in the attributes): text goes to the skeleton.
    #[default]
    Before,
    /// Inside the events list: text goes to the run.
    Events,
    /// After the events list: text goes to the skeleton.
    After,
}

/// Follows the file token by token, sorting its text into the skeleton and runs of
/// whole events, which it hands to `parse`.
struct Cutter<'p> {
    /// The file without the events: `events: []`.
    skeleton: String,
    /// Events not handed on yet, after a `[`.
    run: String,
    /// Takes each run (a RON list of events); `false` if it cannot.
    parse: &'p mut dyn FnMut(String) -> bool,
    place: Place,
    /// Open brackets.
    depth: usize,
    /// The depth inside the events list.
    list_depth: usize,
    /// How much of `events : [` has just been seen at the top level.
    seen: u8,
    /// Inside `#![...]`.
    in_attribute: bool,
}

impl<'p> Cutter<'p> {
    fn new(parse: &'p mut dyn FnMut(String) -> bool) -> Self {
        Self {
            skeleton: String::new(),
            run: String::new(),
            parse,
            place: Place::Before,
            depth: 0,
            list_depth: 0,
            seen: 0,
            in_attribute: false,
        }
    }

    /// Takes in `text` (the carried text, then a new piece) up to the last token that is
    /// surely whole (all of it at the `end` of the file); how many bytes it used, or
    /// `None` to load the whole text instead.
    fn feed(&mut self, text: &str, end: bool) -> Option<usize> {
        let mut done = 0;
        let mut unclosed_comment;
        loop {
            if self.place == Place::Events {
                // Most of the file: scanned byte by byte, not token by token.
                let (to, closed) = self.scan_list(text, done)?;
                done = to;
                if !closed {
                    return (!end).then_some(done);
                }
            }
            let mut lexer = Lexer::at(text, done);
            let next = lexer.next_token();
            unclosed_comment = lexer.unclosed_comment.is_some();
            let Some((start, token)) = next else {
                break;
            };
            let stop = lexer.pos;
            // A token that reaches the piece's end may go on in the next piece.
            if !end && stop >= text.len() {
                break;
            }
            self.take(text.get(done..stop)?, start - done, token)?;
            done = stop;
        }
        if end {
            if unclosed_comment {
                return None;
            }
            self.sink().push_str(text.get(done..)?);
            if self.place == Place::Events || !self.flush() {
                return None;
            }
            return Some(text.len());
        }
        Some(done)
    }

    /// Scans the events list in `text` from `from` (just after the list's `[` or after a
    /// comma between two events), adding whole events to the run and parsing the run when
    /// it is long. Returns how far it got (the list's closing bracket, or the end of the
    /// last whole event in `text`) and whether the list ends there; `None` for what it
    /// does not follow.
    fn scan_list(&mut self, text: &str, from: usize) -> Option<(usize, bool)> {
        let bytes = text.as_bytes();
        let mut depth = self.list_depth;
        let mut pushed = from;
        let mut i = from;
        while let Some(&byte) = bytes.get(i) {
            match byte {
                b'"' | b'\'' => {
                    let before = |k: usize| i.checked_sub(k).and_then(|j| bytes.get(j)).copied();
                    let ident =
                        |b: Option<u8>| b.is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_');
                    let raw = before(1) == Some(b'#')
                        || (before(1) == Some(b'r')
                            && (!ident(before(2))
                                || (before(2) == Some(b'b') && !ident(before(3)))));
                    if raw {
                        return None;
                    }
                    match string_end(bytes, i) {
                        Some(end) => i = end,
                        None => break,
                    }
                    continue;
                }
                b'/' if bytes.get(i + 1) == Some(&b'/') => {
                    match memchr::memchr(b'\n', bytes.get(i..)?) {
                        Some(k) => i += k + 1,
                        None => break,
                    }
                    continue;
                }
                b'/' if bytes.get(i + 1) == Some(&b'*') => {
                    match super::locate::block_comment_len(text.get(i..)?) {
                        Some(len) => i += len,
                        None => break,
                    }
                    continue;
                }
                b'(' | b'[' | b'{' => {
                    depth += 1;
                    if depth > MAX_DEPTH {
                        return None;
                    }
                }
                b')' | b']' | b'}' => {
                    if depth == self.list_depth {
                        self.run.push_str(text.get(pushed..i)?);
                        return Some((i, true));
                    }
                    depth -= 1;
                }
                b',' if depth == self.list_depth => {
                    if self.run.len() + (i + 1 - pushed) >= RUN {
                        self.run.push_str(text.get(pushed..=i)?);
                        pushed = i + 1;
                        if !self.flush() {
                            return None;
                        }
                    }
                    if pushed < i + 1 {
                        // Whole events so far: safe to stop after this comma.
                        self.run.push_str(text.get(pushed..=i)?);
                        pushed = i + 1;
                    }
                }
                _ => {}
            }
            i += 1;
        }
        Some((pushed, false))
    }

    fn sink(&mut self) -> &mut String {
        match self.place {
            Place::Events => &mut self.run,
            Place::Before | Place::After => &mut self.skeleton,
        }
    }

    /// One token, with the whitespace and comments before it (`span`; the token starts
    /// at `at` in it).
    fn take(&mut self, span: &str, at: usize, token: Token<'_>) -> Option<()> {
        if let Token::Word(word) = token {
            // Raw strings cut by a piece's end read as a word and a string: not followed.
            let raw = word == "r" || word == "b" || word == "br";
            if raw || word.starts_with("r#") || word.starts_with("br#") || word.starts_with('#') {
                if word != "#!" || self.depth != 0 {
                    return None;
                }
                self.in_attribute = true;
            }
            if self.in_attribute && !matches!(word, "#!" | "enable" | "implicit_some") {
                return None;
            }
        }
        match token {
            Token::Open(_) => {
                self.depth += 1;
                if self.depth > MAX_DEPTH {
                    return None;
                }
            }
            Token::Close(_) => {
                self.depth = self.depth.checked_sub(1)?;
                if self.depth == 0 {
                    self.in_attribute = false;
                }
            }
            _ => {}
        }
        match self.place {
            Place::Before => {
                self.skeleton.push_str(span);
                self.seen = match (self.seen, token) {
                    (_, Token::Word("events")) if self.depth == 1 => 1,
                    (1, Token::Colon) => 2,
                    (2, Token::Open(b'[')) => {
                        self.place = Place::Events;
                        self.list_depth = self.depth;
                        self.run.push('[');
                        0
                    }
                    _ => 0,
                };
            }
            Place::Events => {
                // Only the list's closing bracket comes here ([`Self::scan_list`]).
                if !matches!(token, Token::Close(_)) || self.depth >= self.list_depth {
                    return None;
                }
                self.run.push_str(span.get(..at)?);
                if !self.flush() {
                    return None;
                }
                self.place = Place::After;
                self.skeleton.push_str(span.get(at..)?);
            }
            Place::After => self.skeleton.push_str(span),
        }
        Some(())
    }

    /// Hands the run on; `false` if it cannot be.
    fn flush(&mut self) -> bool {
        if self.run.len() <= 1 {
            return true;
        }
        self.run.push(']');
        let run = std::mem::replace(&mut self.run, String::from("["));
        (self.parse)(run)
    }
}

/// Where the string or character literal opening at `start` ends (after its closing
/// quote); `None` if it does not end in `bytes`.
fn string_end(bytes: &[u8], start: usize) -> Option<usize> {
    let quote = *bytes.get(start)?;
    let mut i = start + 1;
    loop {
        let k = memchr::memchr2(quote, b'\\', bytes.get(i..)?)?;
        if bytes.get(i + k) == Some(&b'\\') {
            i += k + 2;
        } else {
            return Some(i + k + 1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Loads `text` read `piece` bytes at a time.
    fn pieces(text: &str, piece: u64) -> Option<Timeline> {
        load_pieces_of("t.ron", text.as_bytes(), None, piece)
    }

    #[test]
    fn the_dataset_and_generated_files_load_the_same_in_pieces_of_any_size() {
        let generated = crate::generate::generate_timeline(400, 5);
        let compact = crate::generate::to_compact_ron(&generated).expect("writes");
        let pretty = super::super::to_ron_string(&generated).expect("writes");
        for (what, text) in [
            ("dataset", super::super::EMBEDDED_DATASET),
            (
                "dataset with a byte-order mark",
                &format!("\u{feff}{}", super::super::EMBEDDED_DATASET),
            ),
            ("compact", compact.as_str()),
            ("pretty", pretty.as_str()),
        ] {
            let whole = super::super::load_str("t.ron", text).expect("loads");
            for piece in [1, 2, 3, 7, 64, 1000, 1 << 20] {
                let streamed = pieces(text, piece)
                    .unwrap_or_else(|| panic!("{what} in pieces of {piece} did not load"));
                assert!(streamed == whole, "{what} in pieces of {piece} differs");
            }
        }
    }

    #[test]
    fn a_large_file_loads_the_same_in_pieces_with_its_events_made_and_laned_in_threads() {
        // Large enough that its events are checked and given their lanes in threads.
        let count = 3 * crate::model::threads::PARALLEL_FROM;
        let generated = crate::generate::generate_timeline(count, 8);
        let text = crate::generate::to_compact_ron(&generated).expect("writes");
        let whole = super::super::load_str("t.ron", &text).expect("loads");
        let streamed = pieces(&text, 1 << 20).expect("loads in pieces");
        assert!(streamed == whole, "the timelines differ");
        // What the events were made of beyond their records is there to compare.
        let events = &streamed.events;
        assert_eq!(events.len(), count);
        assert!(events.iter().any(|e| e.is_date_disputed()));
        assert!(events.iter().any(|e| !e.related.is_empty()));
        assert!(events.iter().any(|e| !e.record.aliases.is_empty()));
        assert!(events.iter().any(|e| e.category > 0));
        assert!(!streamed.tour.is_empty());
    }

    #[test]
    fn what_the_cutter_does_not_follow_loads_the_whole_text_instead() {
        let good = include_str!("../../../tests/fixtures/minimal.ron");
        assert!(pieces(good, 5).is_some());
        let raw = good.replacen("\"First event\"", "r#\"First event\"#", 1);
        assert_ne!(raw, good);
        // Outside the events list a raw string is the parser's business: loaded the same
        // when a piece holds it whole.
        let raw_title = good.replacen("\"Minimal\"", "r#\"Minimal\"#", 1);
        let whole = super::super::load_str("t.ron", &raw_title).expect("loads");
        assert!(pieces(&raw_title, 1 << 20) == Some(whole));
        let other_extension = format!("#![enable(unwrap_newtypes)]\n{good}");
        let broken = good.replacen("importance: ", "importance: x", 1);
        let bad_date = good.replacen("1956-08-30", "1956-02-30", 1);
        let no_end = good.get(..good.len() - 3).expect("shorter");
        let nul = good.replacen("title", "ti\0tle", 1);
        for (what, text) in [
            ("a raw string", raw.as_str()),
            ("another extension", other_extension.as_str()),
            ("a syntax error", broken.as_str()),
            ("a date that does not read", bad_date.as_str()),
            ("a cut file", no_end),
            ("a NUL", nul.as_str()),
        ] {
            assert!(pieces(text, 5).is_none(), "{what}");
            assert!(pieces(text, 1 << 20).is_none(), "{what}");
        }
    }
}
