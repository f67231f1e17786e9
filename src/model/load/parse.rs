//! Parsing RON text into the file types, with syntax errors explained in plain
//! words (what was expected, in which field) at the right position.

use ron::error::Error as RonError;
use ron::extensions::Extensions;

use super::MAX_NESTING;
use super::locate::{Lexer, Token, field_name};
use crate::model::diagnostic::{Diagnostic, TextPosition, closest, quote};
use crate::model::schema::TimelineFile;

pub(super) const BINARY: &str =
    "is not a text file (it contains binary data); a timeline is a RON text file in UTF-8";

pub(super) const EMPTY: &str =
    "is empty: a timeline file starts with `(` and holds title, span, categories and events";

pub(super) const EOF: &str = "the file ends too early: a bracket, string or entry is not closed";

pub(super) fn without_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

pub(super) fn ron_options() -> ron::Options {
    ron::Options::default()
        .with_default_extension(Extensions::IMPLICIT_SOME)
        .with_recursion_limit(MAX_NESTING)
}

/// Parses the RON text into the file types, or explains the first syntax problem.
/// A byte-order mark at the start is ignored, and positions are counted after it.
pub fn parse_str(name: &str, text: &str) -> Result<TimelineFile, Diagnostic> {
    parse_text(name, without_bom(text))
}

pub(super) fn parse_text(name: &str, text: &str) -> Result<TimelineFile, Diagnostic> {
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
    // The fast path reads ordinary files; whatever it refuses, ron reads or explains.
    if let Some(file) = parse_fast(text) {
        return Ok(file);
    }
    parse_with_ron(text).map_err(|error| syntax_error(name, text, &error))
}

/// Reads the text with the hand-written fast path ([`super::fast`]), or `None` where it
/// leaves the text to ron. Whenever it gives a file, [`parse_with_ron`] gives an equal one.
pub fn parse_fast(text: &str) -> Option<TimelineFile> {
    super::fast::from_str(text).ok()
}

/// Reads the text with ron, the reference reader, whose errors the messages explain.
pub fn parse_with_ron(text: &str) -> Result<TimelineFile, ron::error::SpannedError> {
    ron_options().from_str(text)
}

/// The byte offset of a position as ron counts it (lines split at `\n`, columns in
/// characters), clamped to the text.
pub(super) fn offset_of(text: &str, position: ron::error::Position) -> usize {
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
pub(super) fn syntax_error(name: &str, text: &str, error: &ron::error::SpannedError) -> Diagnostic {
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
pub(super) fn wants_more(code: &RonError) -> bool {
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
pub(super) fn end_of_last_token(text: &str) -> usize {
    let mut lexer = Lexer::new(text);
    let mut end = 0;
    while lexer.next_token().is_some() {
        end = lexer.pos;
    }
    end
}

/// An invalid escape, at its backslash and quoted: ron stops just after it.
pub(super) fn escape_error(
    text: &str,
    reported: usize,
    stop: usize,
    what: &str,
) -> (usize, String) {
    let before = text.get(..stop).unwrap_or_default();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let backslash = before
        .get(line_start..)
        .and_then(|line| line.rfind('\\'))
        .map(|i| i + line_start)
        .filter(|&i| stop - i <= 16);
    let Some(backslash) = backslash else {
        return (
            reported,
            format!("invalid escape in a string: {}", quote(what)),
        );
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
    let escape = crate::model::diagnostic::visible_line(&escape);
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

pub(super) fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_lowercase().chain(chars).collect()
    })
}

/// What surrounds a syntax error: the field whose value it is in, for messages that
/// can name it.
#[derive(Debug, Default)]
pub(super) struct Context<'a> {
    /// The field whose value starts at the error (`importance` in `importance: 300`).
    pub(super) field: Option<&'a str>,
    /// The field whose bracketed value contains the error (`span` in `span: ("1950")`).
    pub(super) container: Option<&'a str>,
    /// The word at the error, if it is one (`300`).
    pub(super) word: Option<&'a str>,
}

impl<'a> Context<'a> {
    pub(super) fn at(text: &'a str, offset: usize, word: Option<&'a str>) -> Self {
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
pub(super) fn pair_message(field: Option<&str>) -> Option<String> {
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

pub(super) fn is_date_field(field: Option<&str>) -> bool {
    matches!(field, Some("date" | "end" | "start"))
}

pub(super) fn holds_dates(container: Option<&str>) -> bool {
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
pub(super) fn user_name(type_name: &str) -> &str {
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
        "Quote" => "a Quote source",
        "OfficialClaim" => "an OfficialClaim flag",
        "Reference" => "a Reference source",
        "DateDisputed" => "a DateDisputed flag",
        "SeedDiffers" => "a SeedDiffers flag",
        other => other,
    }
}

pub(super) fn in_outer(outer: Option<&String>) -> String {
    outer.map_or_else(String::new, |o| format!(" in {}", user_name(o)))
}

/// Older spellings that are still read but no longer listed as the way to write things.
const OLDER_SPELLINGS: [&str; 4] = ["korean_title", "hangul", "Seed", "NorthKoreanClaim"];

/// `names` without the older spellings.
fn current<'a>(names: &[&'a str]) -> Vec<&'a str> {
    names
        .iter()
        .copied()
        .filter(|name| !OLDER_SPELLINGS.contains(name))
        .collect()
}

pub(super) fn list(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A RON error in plain words.
pub(super) fn parse_message(code: &RonError, context: &Context<'_>) -> String {
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
                format!("the file should start with `(`, not `{}(`", quote(found))
            } else {
                format!(
                    "unexpected name `{}`: write {} as `(...)`, without a name",
                    quote(found),
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
            let number = context
                .word
                .map(|w| format!(" {}", quote(w)))
                .unwrap_or_default();
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
        RonError::InvalidEscape(what) => format!("invalid escape in a string: {}", quote(what)),
        RonError::NoSuchExtension(extension) => {
            format!(
                "unknown RON extension `{}` in `#![enable(...)]`",
                quote(extension)
            )
        }
        RonError::NoSuchStructField {
            expected,
            found,
            outer,
        } => {
            let mut message = format!(
                "unknown field `{}`{}",
                quote(found),
                in_outer(outer.as_ref())
            );
            if let Some(near) = closest(found, expected.iter().copied()) {
                message.push_str(&format!("; did you mean `{near}`?"));
            }
            message.push_str(&format!(" (the fields are {})", list(&current(expected))));
            message
        }
        RonError::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => {
            let mut message = format!(
                "unknown kind `{}`{}",
                quote(found),
                in_outer(outer.as_ref())
            );
            if let Some(near) = closest(found, expected.iter().copied()) {
                message.push_str(&format!("; did you mean `{near}`?"));
            }
            message.push_str(&format!(" (the kinds are {})", list(&current(expected))));
            message
        }
        RonError::MissingStructField { field, outer } => {
            format!("missing field `{field}`{}", in_outer(outer.as_ref()))
        }
        RonError::DuplicateStructField { field, outer } => {
            format!("field `{field}` is given twice{}", in_outer(outer.as_ref()))
        }
        RonError::InvalidValueForType { expected, found } => {
            format!("expected {expected}, found {}", quote(found))
        }
        other => other.to_string(),
    }
}
