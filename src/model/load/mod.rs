//! Reading a timeline file safely: size limit, encoding, RON parsing with errors
//! in plain words at `FILE:LINE:COL`, and validation that reports every problem
//! at once before a [`Timeline`] is built.
//!
//! The pieces: [`read`] takes bytes from disk within limits, [`parse`] turns text
//! into the file types and explains syntax errors, [`locate`] finds a value's
//! position in the text for messages, [`validate`] checks meaning and builds
//! the [`Timeline`], with [`provenance`] checking sources and flags and [`links`]
//! deciding which links are safe to hold, and [`media`] checking pictures and their files.
//! [`parse`] first tries [`fast`], a hand-written reader for ordinary timeline files,
//! and falls back to ron for anything it leaves (and for every error message).

mod fast;
mod ids;
mod links;
mod locate;
mod media;
mod parse;
mod places;
mod provenance;
mod read;
mod stream;
mod text_rules;
mod validate;

use std::path::Path;
use std::sync::atomic::AtomicU64;

use super::diagnostic::{Diagnostic, TextPosition};
use super::timeline::Timeline;

pub use links::{check_link, is_home_page, is_web_link, link_host};
pub use parse::{parse_fast, parse_str, parse_with_ron, to_ron_string};
pub use read::read_limited;
pub use validate::{validate, validate_in};

use parse::{BINARY, parse_text, without_bom};

/// The largest file accepted: far above any real timeline (a million generated
/// events take about 250 MB), small enough that a stray disk image is refused at once.
pub const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;

/// How deeply brackets may nest; a timeline needs about six levels.
pub const MAX_NESTING: usize = 64;

/// The built-in dataset, embedded in the binary.
pub const EMBEDDED_DATASET: &str = include_str!("../../../data/wpk_history.ron");

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
    load_path_named(path, &name)
}

/// [`load_path`], naming the file `name` in messages. A file that loads cleanly is read a
/// piece at a time ([`stream`]), so its whole text is never held beside its events; any
/// other is read whole, which gives every problem its line and column.
pub fn load_path_named(path: &Path, name: &str) -> Result<Timeline, LoadError> {
    load_path_counted(path, name, &AtomicU64::new(0))
}

/// [`load_path_named`], adding to `read` the bytes of the file read as they are read
/// (for a progress bar; a file with a problem is then read again whole, uncounted).
pub fn load_path_counted(path: &Path, name: &str, read: &AtomicU64) -> Result<Timeline, LoadError> {
    let folder = crate::platform::images::media_folder(path);
    let file = read::open_limited(path, name)?;
    let counted = read::Counted { inner: file, read };
    if let Some(timeline) = stream::load_pieces(name, counted, folder.as_deref()) {
        return Ok(timeline);
    }
    let bytes = read_limited(path, name)?;
    load_owned_in(name, bytes, folder.as_deref())
}

/// [`load_bytes_in`] that owns the bytes: the file's text is given back once it is
/// checked, before the events are built from it, so the text and the events of a large
/// file are not held at once (281 MB for a million events).
pub fn load_owned_in(
    name: &str,
    bytes: Vec<u8>,
    folder: Option<&Path>,
) -> Result<Timeline, LoadError> {
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => return load_bytes_in(name, error.as_bytes(), folder),
    };
    let body = without_bom(&text);
    let file = parse_text(name, body).map_err(|d| LoadError::Invalid(vec![d]))?;
    let checked =
        validate::check(name, body, &file, &file.events, folder).map_err(LoadError::Invalid)?;
    drop(text);
    Ok(validate::build(file, checked))
}

/// Validates raw bytes: UTF-8 (a byte-order mark is accepted), then [`load_str`].
pub fn load_bytes(name: &str, bytes: &[u8]) -> Result<Timeline, LoadError> {
    load_bytes_in(name, bytes, None)
}

/// [`load_bytes`] of a file in `folder`: the image files it names are checked there.
pub fn load_bytes_in(
    name: &str,
    bytes: &[u8],
    folder: Option<&Path>,
) -> Result<Timeline, LoadError> {
    match std::str::from_utf8(bytes) {
        // `load_str` removes the byte-order mark, so bytes and text give the same answer.
        Ok(text) => load_str_in(name, text, folder),
        Err(error) => {
            // Report the position of the first bad byte, in the text after the mark.
            let valid = &bytes[..error.valid_up_to()];
            let valid = valid.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(valid);
            let valid = std::str::from_utf8(valid).unwrap_or_default();
            let position = TextPosition::of_offset(valid, valid.len());
            let message = if bytes.contains(&0) {
                BINARY
            } else {
                "is not valid UTF-8 text; save the file as UTF-8"
            };
            Err(LoadError::Invalid(vec![Diagnostic::at(
                name, valid, position, message,
            )]))
        }
    }
}

/// Parses and validates a timeline from text. A byte-order mark at the start is ignored,
/// and positions are counted after it.
pub fn load_str(name: &str, text: &str) -> Result<Timeline, LoadError> {
    load_str_in(name, text, None)
}

/// [`load_str`] of a file in `folder`: the image files it names are checked there.
pub fn load_str_in(name: &str, text: &str, folder: Option<&Path>) -> Result<Timeline, LoadError> {
    let text = without_bom(text);
    let file = parse_text(name, text).map_err(|d| LoadError::Invalid(vec![d]))?;
    validate_in(name, text, file, folder).map_err(LoadError::Invalid)
}

#[cfg(test)]
mod tests {
    use ron::error::Error as RonError;

    use super::locate::*;
    use super::parse::*;

    fn tokens(text: &str) -> Vec<(usize, Token<'_>)> {
        let mut lexer = Lexer::new(text);
        std::iter::from_fn(|| lexer.next_token()).collect()
    }

    #[test]
    fn the_lexer_takes_strings_and_comments_whole() {
        let text = "(a: \"x)\\\"(\", /* ( /* ) */ [ */ b: r#\"\"]\"#, c: '(', d: b\"[\", \
                    e: br\"(\" // ) ]\n, r#f: -1.5e3)";
        let found: Vec<Token<'_>> = tokens(text).into_iter().map(|(_, t)| t).collect();
        use Token::{Close, Colon, Comma, Open, Text, Word};
        assert_eq!(
            found,
            [
                Open(b'('),
                Word("a"),
                Colon,
                Text,
                Comma,
                Word("b"),
                Colon,
                Text,
                Comma,
                Word("c"),
                Colon,
                Text,
                Comma,
                Word("d"),
                Colon,
                Text,
                Comma,
                Word("e"),
                Colon,
                Text,
                Comma,
                Word("r#f"),
                Colon,
                Word("-1.5e3"),
                Close(b')'),
            ]
        );
        // Unclosed things run to the end, and the first unclosed comment is remembered.
        assert_eq!(tokens("\"abc"), [(0, Token::Text)]);
        assert_eq!(tokens("r#\"abc\""), [(0, Token::Text)]);
        let mut lexer = Lexer::new("a /* b /* c */ d");
        assert_eq!(lexer.next_token(), Some((0, Token::Word("a"))));
        assert_eq!(lexer.next_token(), None);
        assert_eq!(lexer.unclosed_comment, Some(2));
        // Any start, even inside a character, is safe.
        for pos in 0..=10 {
            let mut lexer = Lexer::at("한글 (x", pos);
            while lexer.next_token().is_some() {}
        }
    }

    #[test]
    fn values_are_found_by_their_place_in_the_structure() {
        let text = "#![enable(implicit_some)]\n// (events: [\"x\"])\nTimelineFile(\n  \
                    r#span: (\"1950\", /* \"1960\" */ \"1960\"),\n  default_view: Some((\"a\", \"b\")),\n  \
                    events: [(id: \"a\", date: \"1\"), EventRecord(date: \"2\", id: \"b\")],\n)";
        let locator = Locator::new(text);
        let find = |at: At<'_>, target| {
            let offset = locator.locate(&at, target);
            &text[offset..(offset + 6).min(text.len())]
        };
        let top = At::TOP;
        assert_eq!(find(top, Target::Value), "Timeli");
        assert_eq!(find(top.field("span").index(1), Target::Value), "\"1960\"");
        assert_eq!(find(top.field("span"), Target::Name), "r#span");
        assert_eq!(
            find(top.field("default_view").index(1), Target::Value),
            "\"b\")),"
        );
        let second = top.field("events").index(1);
        assert_eq!(find(second.field("id"), Target::Value), "\"b\")],");
        assert_eq!(find(second.field("date"), Target::Name), "date: ");
        // What the text does not have: the nearest enclosing value.
        assert_eq!(find(second.field("title"), Target::Name), "EventR");
        assert_eq!(find(top.field("events").index(5), Target::Value), "[(id: ");
        assert_eq!(find(top.field("tour").index(0), Target::Value), "Timeli");
    }

    #[test]
    fn a_tuple_of_the_wrong_size_is_explained() {
        let length = |expected: &str, found| RonError::ExpectedDifferentLength {
            expected: expected.to_owned(),
            found,
        };
        let nowhere = Context::default();
        assert_eq!(
            parse_message(&length("a tuple of size 2", 1), &nowhere),
            "expected 2 values, found 1"
        );
        assert_eq!(
            parse_message(&length("a tuple of size 1", 3), &nowhere),
            "expected 1 value, found 3"
        );
        assert_eq!(
            parse_message(&length("something else", 1), &nowhere),
            "expected something else, found 1 value"
        );
        let in_span = Context {
            container: Some("span"),
            ..Context::default()
        };
        assert_eq!(
            parse_message(&length("a tuple of size 2", 1), &in_span),
            "`span` needs two dates, like (\"1926\", \"2021\")"
        );
    }
}
