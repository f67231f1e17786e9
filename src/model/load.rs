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
///
/// A file over the limit is refused from its size alone, before it is opened, as
/// [`LoadError::Invalid`]: it was found and judged, it is just not a timeline.
pub fn read_limited(path: &Path, name: &str) -> Result<Vec<u8>, LoadError> {
    let unreadable = |message: String| LoadError::Unreadable(Diagnostic::whole_file(name, message));
    let too_large = || {
        LoadError::Invalid(vec![Diagnostic::whole_file(
            name,
            format!(
                "is too large to be a timeline: the limit is {} MiB",
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        )])
    };
    let metadata = std::fs::metadata(path).map_err(|e| unreadable(io_message(&e)))?;
    if metadata.is_dir() {
        return Err(unreadable(
            "is a directory, not a timeline file (give the path of a .ron file)".to_owned(),
        ));
    }
    if metadata.len() > MAX_FILE_BYTES {
        return Err(too_large());
    }
    let file = std::fs::File::open(path).map_err(|e| unreadable(io_message(&e)))?;
    let mut bytes = Vec::new();
    // Read one byte past the limit so a file that grew after `metadata` (or a device or
    // pipe, whose size is not known in advance) is still caught.
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| unreadable(io_message(&e)))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large());
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

const BINARY: &str =
    "is not a text file (it contains binary data); a timeline is a RON text file in UTF-8";

const EMPTY: &str =
    "is empty: a timeline file starts with `(` and holds title, span, categories and events";

const EOF: &str = "the file ends too early: a bracket, string or entry is not closed";

/// Validates raw bytes: UTF-8 (a byte-order mark is accepted), then [`load_str`].
pub fn load_bytes(name: &str, bytes: &[u8]) -> Result<Timeline, LoadError> {
    match std::str::from_utf8(bytes) {
        // `load_str` removes the byte-order mark, so bytes and text give the same answer.
        Ok(text) => load_str(name, text),
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
    let text = without_bom(text);
    let file = parse_text(name, text).map_err(|d| LoadError::Invalid(vec![d]))?;
    validate(name, text, file).map_err(LoadError::Invalid)
}

fn without_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

fn ron_options() -> ron::Options {
    ron::Options::default()
        .with_default_extension(Extensions::IMPLICIT_SOME)
        .with_recursion_limit(MAX_NESTING)
}

/// Parses the RON text into the file types, or explains the first syntax problem.
/// A byte-order mark at the start is ignored, and positions are counted after it.
pub fn parse_str(name: &str, text: &str) -> Result<TimelineFile, Diagnostic> {
    parse_text(name, without_bom(text))
}

fn parse_text(name: &str, text: &str) -> Result<TimelineFile, Diagnostic> {
    let mut lexer = Lexer::new(text);
    if lexer.next_token().is_none() && lexer.unclosed_comment.is_none() {
        // Nothing but whitespace and comments.
        return Err(Diagnostic::whole_file(name, EMPTY));
    }
    if let Some(offset) = text.find('\0') {
        return Err(Diagnostic::at(
            name,
            text,
            TextPosition::of_offset(text, offset),
            BINARY,
        ));
    }
    ron_options()
        .from_str(text)
        .map_err(|error| syntax_error(name, text, &error))
}

/// The byte offset of a position as ron counts it (lines split at `\n`, columns in
/// characters), clamped to the text.
fn offset_of(text: &str, position: ron::error::Position) -> usize {
    let mut line_start = 0;
    for _ in 1..position.line {
        match text.get(line_start..).and_then(|rest| rest.find('\n')) {
            Some(newline) => line_start += newline + 1,
            None => return text.len(),
        }
    }
    let line = text.get(line_start..).unwrap_or_default();
    line.char_indices()
        .nth(position.col.saturating_sub(1))
        .map_or(text.len(), |(i, _)| line_start + i)
}

/// A syntax error in plain words, at the first character of what is wrong.
///
/// ron reports where its cursor was before it skipped the whitespace and comments in
/// front of the offending value; the position is moved on to the value. When only
/// whitespace and comments follow, the file was cut short: that is said instead, at
/// the end of the last thing written.
fn syntax_error(name: &str, text: &str, error: &ron::error::SpannedError) -> Diagnostic {
    let reported = offset_of(text, error.span.start);
    // Where ron stopped: after the offending token, or at its start, or (in a list or
    // tuple) after the bracket or comma before it.
    let stopped = offset_of(text, error.span.end);
    let (offset, message) = match &error.code {
        RonError::UnclosedBlockComment => {
            let mut lexer = Lexer::new(text);
            while lexer.next_token().is_some() {}
            (
                lexer.unclosed_comment.unwrap_or(reported),
                "a `/*` comment is never closed with `*/`".to_owned(),
            )
        }
        RonError::InvalidEscape(what) => escape_error(text, reported, stopped, what),
        RonError::Eof => (end_of_last_token(text), EOF.to_owned()),
        code => match Lexer::at(text, reported).peek() {
            Some(_) if wants_more(code) && Lexer::at(text, stopped).peek().is_none() => {
                (end_of_last_token(text), EOF.to_owned())
            }
            None => (end_of_last_token(text), EOF.to_owned()),
            Some((start, _)) => {
                let start = match (code, text.get(..start)) {
                    // ron points at the digits of `-1`; the sign is part of the number.
                    (RonError::IntegerOutOfBounds, Some(before))
                        if before.ends_with(['-', '+']) =>
                    {
                        start - 1
                    }
                    _ => start,
                };
                let word = match Lexer::at(text, start).next_token() {
                    Some((_, Token::Word(word))) => Some(word),
                    _ => None,
                };
                let context = Context::at(text, start, word);
                (start, parse_message(code, &context))
            }
        },
    };
    Diagnostic::at(name, text, TextPosition::of_offset(text, offset), message)
}

/// Whether ron reports this when it wanted more to come: at the end of the text, that
/// means the file was cut short.
fn wants_more(code: &RonError) -> bool {
    matches!(
        code,
        RonError::ExpectedArray
            | RonError::ExpectedArrayEnd
            | RonError::ExpectedBoolean
            | RonError::ExpectedComma
            | RonError::ExpectedChar
            | RonError::ExpectedFloat
            | RonError::ExpectedInteger
            | RonError::ExpectedOption
            | RonError::ExpectedOptionEnd
            | RonError::ExpectedMap
            | RonError::ExpectedMapColon
            | RonError::ExpectedMapEnd
            | RonError::ExpectedStructLike
            | RonError::ExpectedNamedStructLike(_)
            | RonError::ExpectedStructLikeEnd
            | RonError::ExpectedUnit
            | RonError::ExpectedString
            | RonError::ExpectedIdentifier
    )
}

/// The end of the last token of the text (0 if there is none).
fn end_of_last_token(text: &str) -> usize {
    let mut lexer = Lexer::new(text);
    let mut end = 0;
    while lexer.next_token().is_some() {
        end = lexer.pos;
    }
    end
}

/// An invalid escape, at its backslash and quoted: ron stops just after it.
fn escape_error(text: &str, reported: usize, stop: usize, what: &str) -> (usize, String) {
    let before = text.get(..stop).unwrap_or_default();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let backslash = before
        .get(line_start..)
        .and_then(|line| line.rfind('\\'))
        .map(|i| i + line_start)
        .filter(|&i| stop - i <= 16);
    let Some(backslash) = backslash else {
        return (reported, format!("invalid escape in a string: {what}"));
    };
    // The backslash, the escape's letter, and for `\x` and `\u{...}` what follows.
    let mut chars = text.get(backslash..).unwrap_or_default().chars();
    let mut escape: String = chars.by_ref().take(2).collect();
    let more = match escape.chars().nth(1) {
        Some('x') => 2,
        Some('u') => 10,
        _ => 0,
    };
    for c in chars.take(more) {
        if c == '"' || c == '\\' || c.is_whitespace() {
            break;
        }
        escape.push(c);
        if c == '}' {
            break;
        }
    }
    let escape = super::diagnostic::visible_line(&escape);
    let message = if what == "Unknown escape character" {
        format!("unknown escape `{escape}` in a string; to write a backslash, double it: `\\\\`")
    } else {
        format!(
            "invalid escape `{escape}` in a string: {}",
            lower_first(what)
        )
    };
    (backslash, message)
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_lowercase().chain(chars).collect()
    })
}

/// What surrounds a syntax error: the field whose value it is in, for messages that
/// can name it.
#[derive(Debug, Default)]
struct Context<'a> {
    /// The field whose value starts at the error (`importance` in `importance: 300`).
    field: Option<&'a str>,
    /// The field whose bracketed value contains the error (`span` in `span: ("1950")`).
    container: Option<&'a str>,
    /// The word at the error, if it is one (`300`).
    word: Option<&'a str>,
}

impl<'a> Context<'a> {
    fn at(text: &'a str, offset: usize, word: Option<&'a str>) -> Self {
        let mut lexer = Lexer::new(text);
        let mut containers: Vec<Option<&str>> = Vec::new();
        let mut field = None;
        let mut previous = None;
        while let Some((start, token)) = lexer.next_token() {
            if start >= offset {
                break;
            }
            match token {
                Token::Colon => {
                    field = match previous {
                        Some(Token::Word(name)) => Some(field_name(name)),
                        _ => None,
                    };
                }
                // `view: Some((...))`: the tuple inside `Some` is still the view.
                Token::Open(_) if previous == Some(Token::Word("Some")) => containers.push(field),
                Token::Open(_) => containers.push(field.take()),
                Token::Word("Some") => {}
                Token::Close(_) => {
                    containers.pop();
                    field = None;
                }
                Token::Word(_) | Token::Text | Token::Comma => field = None,
            }
            previous = Some(token);
        }
        Self {
            field,
            container: containers.last().copied().flatten(),
            word,
        }
    }
}

/// The message for a field that holds two dates, like `span`.
fn pair_message(field: Option<&str>) -> Option<String> {
    let example = match field? {
        "span" => "(\"1926\", \"2021\")",
        "default_view" => "(\"1945\", \"1961\")",
        "view" => "(\"1956-06\", \"1956-11\")",
        _ => return None,
    };
    Some(format!(
        "`{}` needs two dates, like {example}",
        field.unwrap_or_default()
    ))
}

fn is_date_field(field: Option<&str>) -> bool {
    matches!(field, Some("date" | "end" | "start"))
}

fn holds_dates(container: Option<&str>) -> bool {
    matches!(
        container,
        Some("span" | "default_view" | "view" | "alternatives")
    )
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
fn parse_message(code: &RonError, context: &Context<'_>) -> String {
    match code {
        RonError::Eof => EOF.to_owned(),
        RonError::ExpectedComma => "expected a comma `,` between two entries".to_owned(),
        RonError::ExpectedArray => "expected a list in square brackets `[...]`".to_owned(),
        RonError::ExpectedArrayEnd => {
            "expected `]` to close the list (or a comma before the next entry)".to_owned()
        }
        RonError::ExpectedNamedStructLike("TimelineFile") => {
            "the file should start with `(`".to_owned()
        }
        RonError::ExpectedNamedStructLike(type_name) if user_name(type_name) != *type_name => {
            format!("expected `(` to open {}", user_name(type_name))
        }
        RonError::ExpectedStructLike | RonError::ExpectedNamedStructLike(_) => {
            pair_message(context.field)
                .unwrap_or_else(|| "expected `(` to open an entry".to_owned())
        }
        RonError::ExpectedDifferentStructName { expected, found } => {
            if *expected == "TimelineFile" {
                format!("the file should start with `(`, not `{found}(`")
            } else {
                format!(
                    "unexpected name `{found}`: write {} as `(...)`, without a name",
                    user_name(expected)
                )
            }
        }
        RonError::ExpectedStructLikeEnd | RonError::ExpectedOptionEnd => {
            pair_message(context.container).unwrap_or_else(|| {
                "expected `)` to close the entry (or a comma before the next field)".to_owned()
            })
        }
        RonError::ExpectedDifferentLength { expected, found } => pair_message(context.container)
            .unwrap_or_else(|| {
                let values = |n: usize| format!("{n} value{}", if n == 1 { "" } else { "s" });
                match expected
                    .strip_prefix("a tuple of size ")
                    .and_then(|n| n.parse().ok())
                {
                    Some(size) => format!("expected {}, found {found}", values(size)),
                    None => format!("expected {expected}, found {}", values(*found)),
                }
            }),
        RonError::ExpectedString => {
            let example = if is_date_field(context.field) || holds_dates(context.container) {
                "\"1956-08-30\""
            } else {
                "\"...\""
            };
            format!("expected text in double quotes, like {example}")
        }
        RonError::ExpectedStringEnd => "a string is not closed: a `\"` is missing".to_owned(),
        RonError::ExpectedInteger | RonError::InvalidIntegerDigit { .. } => {
            "expected a whole number (importance is 1 to 5)".to_owned()
        }
        RonError::IntegerOutOfBounds => {
            let number = context.word.map(|w| format!(" {w}")).unwrap_or_default();
            if context.field == Some("importance") {
                format!("importance{number} is out of range: it must be 1 (minor) to 5 (essential)")
            } else {
                format!("the number{number} is out of range")
            }
        }
        RonError::ExpectedIdentifier => "expected a field name".to_owned(),
        RonError::ExpectedMapColon => "expected a colon `:` after the field name".to_owned(),
        RonError::ExceededRecursionLimit => {
            format!("brackets are nested too deeply (more than {MAX_NESTING} levels)")
        }
        RonError::TrailingCharacters => {
            "unexpected text after the end of the timeline's closing `)`".to_owned()
        }
        RonError::UnclosedBlockComment => "a `/*` comment is never closed with `*/`".to_owned(),
        RonError::UnexpectedChar(_) if context.word == Some("/") => {
            "a lone `/`: a comment starts with `//` or `/*`".to_owned()
        }
        RonError::UnexpectedChar(c) => format!("unexpected character {c:?}"),
        RonError::InvalidEscape(what) => format!("invalid escape in a string: {what}"),
        RonError::NoSuchExtension(extension) => {
            format!("unknown RON extension `{extension}` in `#![enable(...)]`")
        }
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
        other => other.to_string(),
    }
}

// ---------------------------------------------------------------------------
// Finding things in the text
// ---------------------------------------------------------------------------

/// A piece of RON text, enough to find where values are; strings and comments are
/// taken whole, so brackets and quotes inside them do not count.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Token<'a> {
    /// `(`, `[` or `{`.
    Open(u8),
    /// `)`, `]` or `}`.
    Close(u8),
    Comma,
    Colon,
    /// A string, raw string, byte string or character literal.
    Text,
    /// Anything else: a field name, a number, `true`, `Some`, a struct or variant name.
    Word(&'a str),
}

/// Whitespace as ron counts it.
fn is_ron_whitespace(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t'
            | '\n'
            | '\r'
            | '\x0B'
            | '\x0C'
            | '\u{85}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

/// A field name as written, without the `r#` of a raw identifier.
fn field_name(word: &str) -> &str {
    word.strip_prefix("r#").unwrap_or(word)
}

/// The length of the string or character literal at the start of `s` (up to the end of
/// the text when it is not closed; a character literal stops at the end of its line).
fn quoted_len(s: &str) -> usize {
    let bytes = s.as_bytes();
    let Some(&quote) = bytes.first() else {
        return 0;
    };
    let mut i = 1;
    while let Some(&byte) = bytes.get(i) {
        match byte {
            b'\\' => i += 2,
            b'\n' if quote == b'\'' => return i,
            _ if byte == quote => return i + 1,
            _ => i += 1,
        }
    }
    // Only ASCII bytes end the loop early, so every length returned is a character boundary.
    s.len()
}

/// The length of the raw string `r"..."` / `r#"..."#` at the start of `s`, if it is one.
fn raw_string_len(s: &str) -> Option<usize> {
    let after_r = s.strip_prefix('r')?;
    let hashes = after_r.bytes().take_while(|&b| b == b'#').count();
    let body = after_r.get(hashes..)?.strip_prefix('"')?;
    let closing = format!("\"{}", "#".repeat(hashes));
    let opening = 1 + hashes + 1;
    Some(
        body.find(&closing)
            .map_or(s.len(), |i| opening + i + closing.len()),
    )
}

/// The length of the block comment at the start of `s` (comments nest), or `None` if it
/// is never closed.
fn block_comment_len(s: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes.get(i..i + 2) {
            Some(b"/*") => {
                depth += 1;
                i += 2;
            }
            Some(b"*/") => {
                depth = depth.saturating_sub(1);
                i += 2;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => i += 1,
        }
    }
    None
}

/// The length of the word at the start of `s`: up to whitespace, a bracket, a comma,
/// a colon, a quote or a comment. At least one character.
fn word_len(s: &str) -> usize {
    let mut end = 0;
    for (i, c) in s.char_indices() {
        let ends = is_ron_whitespace(c)
            || matches!(
                c,
                '(' | ')' | '[' | ']' | '{' | '}' | ',' | ':' | '"' | '\''
            )
            || (c == '/' && matches!(s.as_bytes().get(i + 1), Some(b'/' | b'*')));
        if ends && i > 0 {
            return i;
        }
        end = i + c.len_utf8();
    }
    end
}

/// Reads RON text token by token, skipping whitespace and comments. It accepts anything
/// and never fails: on text that is not RON it still moves forward to the end.
#[derive(Clone, Debug)]
struct Lexer<'a> {
    text: &'a str,
    /// Always a character boundary of `text`.
    pos: usize,
    /// Where the first `/*` that is never closed starts, once the lexer has reached it.
    unclosed_comment: Option<usize>,
}

impl<'a> Lexer<'a> {
    fn new(text: &'a str) -> Self {
        Self::at(text, 0)
    }

    /// A lexer starting at byte `pos` (moved back to a character boundary).
    fn at(text: &'a str, pos: usize) -> Self {
        let mut pos = pos.min(text.len());
        while !text.is_char_boundary(pos) {
            pos -= 1;
        }
        Self {
            text,
            pos,
            unclosed_comment: None,
        }
    }

    fn rest(&self) -> &'a str {
        self.text.get(self.pos..).unwrap_or_default()
    }

    fn skip_trivia(&mut self) {
        loop {
            let rest = self.rest();
            if let Some(c) = rest.chars().next().filter(|&c| is_ron_whitespace(c)) {
                self.pos += c.len_utf8();
            } else if rest.starts_with("//") {
                self.pos += rest.find('\n').unwrap_or(rest.len());
            } else if rest.starts_with("/*") {
                match block_comment_len(rest) {
                    Some(len) => self.pos += len,
                    None => {
                        self.unclosed_comment.get_or_insert(self.pos);
                        self.pos = self.text.len();
                    }
                }
            } else {
                return;
            }
        }
    }

    /// The next token and the byte offset it starts at; `None` at the end of the text.
    fn next_token(&mut self) -> Option<(usize, Token<'a>)> {
        self.skip_trivia();
        let start = self.pos;
        let rest = self.rest();
        let first = *rest.as_bytes().first()?;
        let after_first = rest.get(1..).unwrap_or_default();
        let (len, token) = match first {
            b'(' | b'[' | b'{' => (1, Token::Open(first)),
            b')' | b']' | b'}' => (1, Token::Close(first)),
            b',' => (1, Token::Comma),
            b':' => (1, Token::Colon),
            b'"' | b'\'' => (quoted_len(rest), Token::Text),
            b'b' if after_first.starts_with(['"', '\'']) => {
                (1 + quoted_len(after_first), Token::Text)
            }
            b'b' if raw_string_len(after_first).is_some() => (
                1 + raw_string_len(after_first).unwrap_or_default(),
                Token::Text,
            ),
            b'r' if raw_string_len(rest).is_some() => {
                (raw_string_len(rest).unwrap_or_default(), Token::Text)
            }
            _ => {
                let len = word_len(rest);
                (len, Token::Word(rest.get(..len).unwrap_or_default()))
            }
        };
        self.pos = (start + len).min(self.text.len());
        Some((start, token))
    }

    fn peek(&self) -> Option<(usize, Token<'a>)> {
        self.clone().next_token()
    }

    fn peek_start(&self) -> Option<usize> {
        self.peek().map(|(start, _)| start)
    }

    /// Skips a bracketed group; the lexer is at its opening bracket.
    fn skip_group(&mut self) {
        let mut depth = 0usize;
        while let Some((_, token)) = self.next_token() {
            match token {
                Token::Open(_) => depth += 1,
                Token::Close(_) => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return;
                    }
                }
                _ => {}
            }
        }
    }

    /// Skips one value: a string, a word, a bracketed group, or a name and its group
    /// (`Seed(...)`, `Some(...)`). `false` if no value starts here.
    fn skip_value(&mut self) -> bool {
        match self.peek() {
            Some((_, Token::Open(_))) => self.skip_group(),
            Some((_, Token::Text)) => {
                self.next_token();
            }
            Some((_, Token::Word(_))) => {
                self.next_token();
                if let Some((_, Token::Open(b'('))) = self.peek() {
                    self.skip_group();
                }
            }
            _ => return false,
        }
        true
    }

    /// Steps into `Some(...)`, to the value inside.
    fn unwrap_some(&mut self) {
        loop {
            let mut inside = self.clone();
            match (inside.next_token(), inside.next_token()) {
                (Some((_, Token::Word("Some"))), Some((_, Token::Open(b'(')))) => *self = inside,
                _ => return,
            }
        }
    }

    /// Steps inside the brackets of the value here (after its name, if it has one).
    fn enter(&mut self) -> bool {
        let mut inside = self.clone();
        let entered = match inside.next_token() {
            Some((_, Token::Open(_))) => true,
            Some((_, Token::Word(_))) => {
                matches!(inside.next_token(), Some((_, Token::Open(b'('))))
            }
            _ => false,
        };
        if entered {
            *self = inside;
        }
        entered
    }

    /// Inside a struct: moves to the value of field `name`, returning where the name is.
    fn find_field(&mut self, name: &str) -> Option<usize> {
        loop {
            let (start, Token::Word(word)) = self.next_token()? else {
                return None;
            };
            if !matches!(self.next_token(), Some((_, Token::Colon))) {
                return None;
            }
            if field_name(word) == name {
                return Some(start);
            }
            if !self.skip_value() || !matches!(self.next_token(), Some((_, Token::Comma))) {
                return None;
            }
        }
    }

    /// Inside a list or tuple: moves to element `index`.
    fn find_element(&mut self, index: usize) -> bool {
        for _ in 0..index {
            if !self.skip_value() || !matches!(self.next_token(), Some((_, Token::Comma))) {
                return false;
            }
        }
        matches!(
            self.peek(),
            Some((_, Token::Open(_) | Token::Word(_) | Token::Text))
        )
    }
}

/// A lexer at the timeline's value, past any `#![enable(...)]` attributes.
fn top_lexer(text: &str) -> Lexer<'_> {
    let mut lexer = Lexer::new(text);
    while let Some((_, Token::Word(word))) = lexer.peek() {
        if !word.starts_with('#') {
            break;
        }
        lexer.next_token();
        if let Some((_, Token::Open(_))) = lexer.peek() {
            lexer.skip_group();
        }
    }
    lexer
}

/// One step on the way to a value: a field of a struct, or an element of a list or tuple.
#[derive(Clone, Copy, Debug)]
enum Step<'s> {
    Field(&'s str),
    Index(usize),
}

/// The most steps any value of a timeline file lies from the top
/// (`events`, 3, `flags`, 0, `alternatives`, 1).
const MAX_STEPS: usize = 6;

/// Where a value is in the file's structure, e.g. `events[3].date`.
#[derive(Clone, Copy, Debug)]
struct At<'s> {
    steps: [Step<'s>; MAX_STEPS],
    len: usize,
}

impl<'s> At<'s> {
    const TOP: Self = Self {
        steps: [Step::Index(0); MAX_STEPS],
        len: 0,
    };

    fn push(mut self, step: Step<'s>) -> Self {
        if let Some(slot) = self.steps.get_mut(self.len) {
            *slot = step;
            self.len += 1;
        }
        self
    }

    fn field(self, name: &'s str) -> Self {
        self.push(Step::Field(name))
    }

    fn index(self, index: usize) -> Self {
        self.push(Step::Index(index))
    }

    fn steps(&self) -> &[Step<'s>] {
        self.steps.get(..self.len).unwrap_or_default()
    }
}

/// What of a field to point at: its name (for a value that is missing or empty) or its value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Target {
    Name,
    Value,
}

/// A top-level field of the timeline in the text, and where each element of its list starts.
#[derive(Debug)]
struct TopField<'a> {
    name: &'a str,
    name_start: usize,
    value: usize,
    elements: Option<Vec<usize>>,
}

/// The top level of the text: read once, so that finding the 100 000th event does not
/// mean reading the 99 999 before it again.
#[derive(Debug)]
struct Outline<'a> {
    top: usize,
    fields: Vec<TopField<'a>>,
}

impl<'a> Outline<'a> {
    fn of(text: &'a str) -> Self {
        let mut lexer = top_lexer(text);
        let top = lexer.peek_start().unwrap_or(0);
        let mut fields = Vec::new();
        if !lexer.enter() {
            return Self { top, fields };
        }
        while let Some((name_start, Token::Word(name))) = lexer.next_token() {
            if !matches!(lexer.next_token(), Some((_, Token::Colon))) {
                break;
            }
            let Some(value) = lexer.peek_start() else {
                break;
            };
            let mut elements = None;
            if let Some((_, Token::Open(b'['))) = lexer.peek() {
                lexer.next_token();
                let mut starts = Vec::new();
                while let Some((start, token)) = lexer.peek() {
                    if let Token::Close(_) = token {
                        lexer.next_token();
                        break;
                    }
                    if !lexer.skip_value() {
                        break;
                    }
                    starts.push(start);
                    if !matches!(lexer.next_token(), Some((_, Token::Comma))) {
                        break;
                    }
                }
                elements = Some(starts);
            } else if !lexer.skip_value() {
                break;
            }
            fields.push(TopField {
                name: field_name(name),
                name_start,
                value,
                elements,
            });
            if !matches!(lexer.next_token(), Some((_, Token::Comma))) {
                break;
            }
        }
        Self { top, fields }
    }
}

/// Finds where values are in the text, by their place in the file's structure: element
/// `i` of the `events` list in the text is `file.events[i]`. Only used once a problem
/// is found; the text is read on first use.
struct Locator<'a> {
    text: &'a str,
    outline: std::cell::OnceCell<Outline<'a>>,
}

impl<'a> Locator<'a> {
    fn new(text: &'a str) -> Self {
        Self {
            text,
            outline: std::cell::OnceCell::new(),
        }
    }

    /// The byte offset of the name or value at `at`. Where the text does not have it
    /// (it is not the text the file was read from), the start of the nearest enclosing
    /// value that it does have.
    fn locate(&self, at: &At<'_>, target: Target) -> usize {
        let outline = self.outline.get_or_init(|| Outline::of(self.text));
        let (lexer, steps, best) = match at.steps() {
            [] => return outline.top,
            [Step::Field(name), rest @ ..] => {
                let Some(field) = outline.fields.iter().find(|f| f.name == *name) else {
                    return outline.top;
                };
                match (rest, &field.elements) {
                    ([], _) if target == Target::Name => return field.name_start,
                    ([Step::Index(index), more @ ..], Some(elements)) => {
                        let Some(&start) = elements.get(*index) else {
                            return field.value;
                        };
                        (Lexer::at(self.text, start), more, start)
                    }
                    _ => (Lexer::at(self.text, field.value), rest, field.value),
                }
            }
            steps => (top_lexer(self.text), steps, outline.top),
        };
        walk(lexer, steps, target, best)
    }
}

/// Follows `steps` from the value the lexer is at; see [`Locator::locate`].
fn walk(mut lexer: Lexer<'_>, steps: &[Step<'_>], target: Target, mut best: usize) -> usize {
    for (k, step) in steps.iter().enumerate() {
        lexer.unwrap_some();
        if let Some(start) = lexer.peek_start() {
            best = start;
        }
        if !lexer.enter() {
            return best;
        }
        match *step {
            Step::Field(name) => match lexer.find_field(name) {
                Some(name_start) if k + 1 == steps.len() && target == Target::Name => {
                    return name_start;
                }
                Some(_) => {}
                None => return best,
            },
            Step::Index(index) => {
                if !lexer.find_element(index) {
                    return best;
                }
            }
        }
    }
    lexer.unwrap_some();
    lexer.peek_start().unwrap_or(best)
}

// ---------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------

/// Collects the problems found while validating one file, at byte offsets.
struct Problems<'a> {
    locator: Locator<'a>,
    found: Vec<(usize, String)>,
}

impl Problems<'_> {
    fn at(&mut self, at: At<'_>, target: Target, message: String) {
        let offset = self.locator.locate(&at, target);
        self.found.push((offset, message));
    }

    /// A problem with a value: the caret goes under it.
    fn at_value(&mut self, at: At<'_>, message: String) {
        self.at(at, Target::Value, message);
    }

    /// A problem with a field as a whole (empty, out of range): the caret goes under its name.
    fn at_name(&mut self, at: At<'_>, message: String) {
        self.at(at, Target::Name, message);
    }
}

/// Checks everything the parser cannot: dates, colours, ids, references, limits.
/// Every problem is reported, in file order. `text` is the text `file` was read from;
/// it is only used to say where the problems are.
pub fn validate(name: &str, text: &str, file: TimelineFile) -> Result<Timeline, Vec<Diagnostic>> {
    let mut problems = Problems {
        locator: Locator::new(text),
        found: Vec::new(),
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
    let mut parsed: Vec<(usize, DateSpan, usize, Vec<HistDate>)> =
        Vec::with_capacity(file.events.len());
    for (i, record) in file.events.iter().enumerate() {
        let at = top.field("events").index(i);
        let id = &record.id;
        if record.title.trim().is_empty() {
            problems.at_name(
                at.field("title"),
                format!("event `{id}` has an empty title"),
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
                    "event `{id}` has no sources: add a Seed(quote: ...) or Reference(title: ...)"
                ),
            );
        }
        for (k, source) in record.sources.iter().enumerate() {
            let source_at = at.field("sources").index(k);
            match source {
                SourceRecord::Seed { quote } if quote.trim().is_empty() => {
                    problems.at_name(
                        source_at.field("quote"),
                        format!("event `{id}` has an empty seed quotation"),
                    );
                }
                SourceRecord::Reference { title, url } => {
                    if title.trim().is_empty() {
                        problems.at_name(
                            source_at.field("title"),
                            format!("event `{id}` has a reference without a title"),
                        );
                    }
                    if let Some(url) = url
                        && let Some(problem) = link_problem(url)
                    {
                        problems.at_value(
                            source_at.field("url"),
                            format!("event `{id}`: link {url:?} {problem}"),
                        );
                    }
                }
                SourceRecord::Seed { .. } => {}
            }
        }
        let mut alternatives = Vec::new();
        for (k, flag) in record.flags.iter().enumerate() {
            if let ProvenanceFlag::DateDisputed {
                alternatives: dates,
                ..
            } = flag
            {
                let dates_at = at.field("flags").index(k).field("alternatives");
                for (j, text) in dates.iter().enumerate() {
                    if let Some(date) = parse_date(&mut problems, dates_at.index(j), text) {
                        alternatives.push(date);
                    }
                }
            }
        }
        for (k, related) in record.related.iter().enumerate() {
            if !known_ids.contains(related.as_str()) {
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
    let mut file = file;
    let mut parsed = parsed.into_iter().peekable();
    let events = std::mem::take(&mut file.events)
        .into_iter()
        .enumerate()
        .filter_map(|(i, record)| {
            let (_, when, category, alternatives) = parsed.next_if(|p| p.0 == i)?;
            Some(Event {
                record,
                when,
                category,
                disputed_alternatives: alternatives,
                related: Vec::new(),
            })
        })
        .collect();
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

/// What is wrong with a link, if anything: only web links with an address are opened.
fn link_problem(url: &str) -> Option<&'static str> {
    let lower = url.trim().to_ascii_lowercase();
    let scheme = ["https://", "http://"]
        .into_iter()
        .find(|scheme| lower.starts_with(scheme));
    match scheme {
        None => Some("must start with https:// or http://"),
        Some("https://") if lower.len() == "https://".len() => {
            Some("has no address after https://")
        }
        Some(_) if lower.len() == "http://".len() => Some("has no address after http://"),
        Some(_) => None,
    }
}

/// Whether a link may be opened: only web links (`https://` or `http://` and an address).
pub fn is_web_link(url: &str) -> bool {
    link_problem(url).is_none()
}

fn check_id(problems: &mut Problems<'_>, at: At<'_>, what: &str, id: &str) {
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
    }
}

fn parse_date(problems: &mut Problems<'_>, at: At<'_>, text: &str) -> Option<HistDate> {
    match HistDate::parse(text) {
        Ok(date) => Some(date),
        Err(error) => {
            problems.at_value(at, error.to_string());
            None
        }
    }
}

fn parse_colour(problems: &mut Problems<'_>, at: At<'_>, text: &str) -> Option<Rgb> {
    let colour = Rgb::parse(text);
    if colour.is_none() {
        problems.at_value(
            at,
            format!("invalid colour {text:?}: write it as \"#rrggbb\", e.g. \"#d55e00\""),
        );
    }
    colour
}

#[cfg(test)]
mod tests {
    use super::*;

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
