//! The loader's error reporting: every kind of broken file gives the exact message
//! at the exact line and column, several problems are reported at once in file
//! order, unreadable files are told apart from invalid ones, and a valid file
//! survives a write/read round trip unchanged.
//!
//! Each case is `tests/fixtures/minimal.ron` with one change. Lines and columns are
//! 1-based; columns count characters.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

use wpk_timeline::model::diagnostic::{Diagnostic, TextPosition};
use wpk_timeline::model::load::{
    LoadError, MAX_FILE_BYTES, load_bytes, load_embedded, load_path, load_str, parse_str,
    read_limited, to_ron_string, validate,
};
use wpk_timeline::model::timeline::Timeline;

const MINIMAL: &str = include_str!("fixtures/minimal.ron");
const MINIMAL_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/minimal.ron");
const NAME: &str = "case.ron";

const EMPTY: &str =
    "is empty: a timeline file starts with `(` and holds title, span, categories and events";
const BINARY: &str =
    "is not a text file (it contains binary data); a timeline is a RON text file in UTF-8";
const NOT_UTF8: &str = "is not valid UTF-8 text; save the file as UTF-8";
const EOF: &str = "the file ends too early: a bracket, string or entry is not closed";
const UNCLOSED_STRING: &str = "a string is not closed: a `\"` is missing";
const START: &str = "the file should start with `(`";
const EXPECTED_ENTRY: &str = "expected `(` to open an entry";
const EXPECTED_TEXT: &str = "expected text in double quotes, like \"...\"";
const EXPECTED_DATE: &str = "expected text in double quotes, like \"1956-08-30\"";
const EXPECTED_NUMBER: &str = "expected a whole number (importance is 1 to 5)";
const SPAN_PAIR: &str = "`span` needs two dates, like (\"1926\", \"2021\")";
const TRAILING: &str = "unexpected text after the end of the timeline's closing `)`";
const EXPECTED_LIST: &str = "expected a list in square brackets `[...]`";
const EVENT_FIELDS: &str = "(the fields are `id`, `aliases`, `title`, `short_name`, `native_title`, `date`, \
     `end`, `category`, `importance`, `people`, `places`, `summary`, `details`, `sources`, \
     `flags`, `related`, `tags`, `media`)";

// ---------------------------------------------------------------------------
// Building the cases
// ---------------------------------------------------------------------------

/// The fixture with `from` (which must occur exactly once) replaced by `to`.
fn edit(from: &str, to: &str) -> String {
    edits(&[(from, to)])
}

/// The fixture with several replacements, each of a text that occurs exactly once.
fn edits(changes: &[(&str, &str)]) -> String {
    let mut text = MINIMAL.to_owned();
    for (from, to) in changes {
        assert_eq!(
            text.matches(from).count(),
            1,
            "the fixture must contain {from:?} exactly once"
        );
        text = text.replacen(from, to, 1);
    }
    text
}

/// The fixture cut off just after the first occurrence of `marker`.
fn truncated_after(marker: &str) -> String {
    let at = MINIMAL
        .find(marker)
        .unwrap_or_else(|| panic!("the fixture must contain {marker:?}"));
    MINIMAL[..at + marker.len()].to_owned()
}

/// What one diagnostic must say: `Some((line, column))` or `None` for the whole file.
type Expected = (Option<(usize, usize)>, String);

fn at(line: usize, column: usize, message: impl Into<String>) -> Expected {
    (Some((line, column)), message.into())
}

fn whole(message: impl Into<String>) -> Expected {
    (None, message.into())
}

fn position(diagnostic: &Diagnostic) -> Option<(usize, usize)> {
    diagnostic.position.map(|p| (p.line, p.column))
}

fn found(diagnostics: &[Diagnostic]) -> Vec<Expected> {
    diagnostics
        .iter()
        .map(|d| (position(d), d.message.clone()))
        .collect()
}

/// Checks the parts of a diagnostic that do not depend on the case: the file name and
/// that `source_line` is the line the position names (after a byte-order mark, with a
/// NUL shown as `␀`), with no control character left in it but tabs.
fn check_shape(case: &str, text: &str, diagnostic: &Diagnostic) {
    assert_eq!(diagnostic.file, NAME, "{case}: file name");
    // Positions are counted after a byte-order mark.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    match diagnostic.position {
        Some(TextPosition { line, .. }) => {
            let expected_line = text
                .lines()
                .nth(line - 1)
                .map(|l| l.trim_end_matches('\r').replace('\0', "\u{2400}"));
            if let Some(shown) = &diagnostic.source_line {
                assert!(
                    !shown.chars().any(|c| c.is_control() && c != '\t'),
                    "{case}: a control character in {shown:?}"
                );
            }
            // A long line is shown as a window around the column, `…` marking the cuts.
            let windowed = diagnostic.source_line.as_deref().map(|shown| {
                shown
                    .strip_prefix('…')
                    .unwrap_or(shown)
                    .strip_suffix('…')
                    .unwrap_or(shown.strip_prefix('…').unwrap_or(shown))
                    .to_owned()
            });
            match (&windowed, &expected_line) {
                (Some(shown), Some(expected)) if expected.chars().count() > 200 => assert!(
                    expected.contains(shown.as_str()),
                    "{case}: source_line must be a window of line {line} of the text"
                ),
                _ => assert_eq!(
                    diagnostic.source_line, expected_line,
                    "{case}: source_line must be line {line} of the text"
                ),
            }
        }
        None => assert_eq!(diagnostic.source_line, None, "{case}: no position, no line"),
    }
}

/// Loads `text` and returns the problems found, failing if it loads.
fn problems(case: &str, text: &str) -> Vec<Diagnostic> {
    match load_str(NAME, text) {
        Ok(timeline) => panic!(
            "{case}: expected errors, but it loaded ({} events)",
            timeline.events.len()
        ),
        Err(LoadError::Unreadable(d)) => panic!("{case}: text cannot be Unreadable: {d}"),
        Err(LoadError::Invalid(diagnostics)) => {
            assert!(!diagnostics.is_empty(), "{case}: Invalid with no problems");
            for diagnostic in &diagnostics {
                check_shape(case, text, diagnostic);
            }
            diagnostics
        }
    }
}

fn assert_problems(case: &str, text: &str, expected: &[Expected]) {
    let diagnostics = problems(case, text);
    assert_eq!(
        found(&diagnostics),
        expected,
        "{case}: wrong diagnostics; the loader said:\n{}",
        LoadError::Invalid(diagnostics.clone())
    );
}

fn loads(case: &str, text: &str) -> Timeline {
    load_str(NAME, text).unwrap_or_else(|e| panic!("{case}: must load, but:\n{e}"))
}

// ---------------------------------------------------------------------------
// The fixture itself
// ---------------------------------------------------------------------------

#[test]
fn the_fixture_is_the_one_these_line_numbers_were_written_for() {
    let lines: Vec<&str> = MINIMAL.lines().collect();
    assert_eq!(
        lines.len(),
        41,
        "minimal.ron changed: update the positions below"
    );
    assert_eq!(lines[16], "            date: \"1956-08-30\",");
    assert!(lines[32].contains("url: \"https://example.org/book\""));
    let timeline = loads("fixture", MINIMAL);
    assert_eq!(timeline.events.len(), 2);
    assert_eq!(timeline.eras.len(), 1);
    assert_eq!(timeline.categories.len(), 1);
    assert_eq!(timeline.tour.len(), 2);
}

// ---------------------------------------------------------------------------
// The table
// ---------------------------------------------------------------------------

struct Case {
    name: &'static str,
    text: String,
    expected: Vec<Expected>,
}

fn case(name: &'static str, text: String, expected: Vec<Expected>) -> Case {
    Case {
        name,
        text,
        expected,
    }
}

#[allow(clippy::too_many_lines)]
fn cases() -> Vec<Case> {
    let deep = "[".repeat(50_000);
    vec![
        // --- Not a timeline at all ---
        case("empty file", String::new(), vec![whole(EMPTY)]),
        case(
            "only whitespace",
            " \n\t  \r\n\n   ".to_owned(),
            vec![whole(EMPTY)],
        ),
        case(
            "only a byte-order mark",
            "\u{feff}".to_owned(),
            vec![whole(EMPTY)],
        ),
        case(
            "a NUL byte inside the text",
            edit("\"Minimal\"", "\"Mini\0mal\""),
            vec![at(3, 17, BINARY)],
        ),
        case(
            "a list instead of the timeline",
            "[1, 2]".to_owned(),
            vec![at(1, 1, START)],
        ),
        // --- Truncated files: the end of file is reported just after the last thing
        //     written, where more was expected ---
        case(
            "truncated in the middle of a string",
            truncated_after("title: \"Fir"),
            vec![at(15, 20, UNCLOSED_STRING)],
        ),
        case(
            "truncated in the middle of a summary string",
            truncated_after("summary: \"Some"),
            vec![at(22, 22, UNCLOSED_STRING)],
        ),
        case(
            "truncated in the middle of a list (people)",
            truncated_after("people: [("),
            vec![at(21, 23, EOF)],
        ),
        case(
            "truncated in the middle of a list item (people)",
            truncated_after("people: [(name: \"Kim Il Sung\", "),
            vec![at(21, 43, EOF)],
        ),
        case(
            "truncated in the middle of a category",
            truncated_after("(id: \"main\", name: \"Main\","),
            vec![at(7, 35, EOF)],
        ),
        case(
            "truncated in the middle of an event",
            truncated_after("end: \"1956-08-31\","),
            vec![at(18, 31, EOF)],
        ),
        case(
            "truncated after a field name",
            truncated_after("importance:"),
            vec![at(20, 24, EOF)],
        ),
        case(
            "the closing parenthesis missing",
            MINIMAL.trim_end().trim_end_matches(')').to_owned(),
            vec![at(40, 7, EOF)],
        ),
        // --- Nesting: an error, never a stack overflow ---
        case(
            "50 000 `[` as the whole file",
            deep.clone(),
            vec![at(1, 1, START)],
        ),
        case(
            "50 000 `(` as the whole file",
            "(".repeat(50_000),
            vec![at(1, 2, "expected a field name")],
        ),
        case(
            "50 000 `[` inside the events list",
            edit("events: [", &format!("events: [{deep}")),
            vec![at(12, 14, "expected `(` to open an event")],
        ),
        case(
            "50 000 `(` inside the flags list",
            edit("flags: [", &format!("flags: [{}", "(".repeat(50_000))),
            vec![at(34, 21, "expected a field name")],
        ),
        case(
            "50 000 `(` inside a flag",
            edit(
                "flags: [",
                &format!("flags: [NorthKoreanClaim({}", "(".repeat(50_000)),
            ),
            vec![at(34, 38, EXPECTED_TEXT)],
        ),
        // --- Unknown names ---
        case(
            "unknown field with a suggestion",
            edit("title: \"First event\"", "titel: \"First event\""),
            vec![at(
                15,
                13,
                format!("unknown field `titel` in an event; did you mean `title`? {EVENT_FIELDS}"),
            )],
        ),
        case(
            "unknown field with nothing near",
            edit("importance: 5,", "weight: 5,"),
            vec![at(
                20,
                13,
                format!("unknown field `weight` in an event {EVENT_FIELDS}"),
            )],
        ),
        case(
            "unknown top-level field",
            edit("subtitle:", "subtitel:"),
            vec![at(
                4,
                5,
                "unknown field `subtitel` in the timeline; did you mean `subtitle`? (the fields \
                 are `title`, `subtitle`, `span`, `default_view`, `categories`, `eras`, \
                 `events`, `tour`, `places`)",
            )],
        ),
        case(
            "unknown source kind",
            edit("Seed(", "Seeds("),
            vec![at(
                23,
                23,
                "unknown kind `Seeds` in a source; did you mean `Seed`? (the kinds are `Quote`, \
                 `Reference`)",
            )],
        ),
        case(
            "unknown flag kind",
            edit("DateDisputed(", "DateDisputd("),
            vec![at(
                34,
                21,
                "unknown kind `DateDisputd` in a flag; did you mean `DateDisputed`? (the kinds \
                 are `OfficialClaim`, `DateDisputed`, `CitationNeeded`, `SeedDiffers`, \
                 `Unconfirmed`)",
            )],
        ),
        // --- Missing and repeated fields ---
        case(
            "missing required field of an event",
            edit("            summary: \"Something happened.\",\n", ""),
            vec![at(24, 9, "missing field `summary` in an event")],
        ),
        case(
            "missing required field of the timeline",
            edit("    title: \"Minimal\",\n", ""),
            vec![at(40, 1, "missing field `title` in the timeline")],
        ),
        case(
            "missing required field of a person",
            edit("(name: \"Kim Il Sung\", hangul:", "(hangul:"),
            vec![at(21, 36, "missing field `name` in a person")],
        ),
        case(
            "a field given twice",
            edit("importance: 5,", "importance: 5, importance: 4,"),
            vec![at(20, 28, "field `importance` is given twice in an event")],
        ),
        case(
            "a missing comma",
            edit("importance: 5,", "importance: 5"),
            vec![at(21, 13, "expected a comma `,` between two entries")],
        ),
        // --- Wrong types, written without a space after the colon (with the usual
        //     space, see `type_errors_point_at_the_value_not_the_space_before_it`).
        case(
            "text where a number is expected",
            edit("importance: 5", "importance:\"5\""),
            vec![at(20, 24, EXPECTED_NUMBER)],
        ),
        case(
            "true where a number is expected",
            edit("importance: 5", "importance:true"),
            vec![at(20, 24, EXPECTED_NUMBER)],
        ),
        case(
            "a number too large for importance",
            edit("importance: 5", "importance: 300"),
            vec![at(
                20,
                25,
                "importance 300 is out of range: it must be 1 (minor) to 5 (essential)",
            )],
        ),
        case(
            "a negative importance",
            edit("importance: 5", "importance: -1"),
            vec![at(
                20,
                25,
                "importance -1 is out of range: it must be 1 (minor) to 5 (essential)",
            )],
        ),
        case(
            "a word where a number is expected",
            edit("importance: 5", "importance: five"),
            vec![at(20, 25, EXPECTED_NUMBER)],
        ),
        case(
            "a number where text is expected",
            edit("title: \"First event\"", "title:5"),
            vec![at(15, 19, EXPECTED_TEXT)],
        ),
        case(
            "a number where a related id is expected",
            edit("related: [\"second\"]", "related: [2]"),
            vec![at(24, 23, EXPECTED_TEXT)],
        ),
        case(
            "a number inside Some where text is expected",
            edit("korean_title: \"첫 사건\"", "korean_title: Some(5)"),
            vec![at(16, 32, EXPECTED_TEXT)],
        ),
        case(
            "a list where text is expected",
            edit("title: \"First event\"", "title:[\"First event\"]"),
            vec![at(15, 19, EXPECTED_TEXT)],
        ),
        case(
            "a boolean where optional text is expected",
            edit("korean_title: \"첫 사건\"", "korean_title:true"),
            vec![at(16, 26, EXPECTED_TEXT)],
        ),
        case(
            "a number where flag text is expected",
            edit(
                "DateDisputed(alternatives: [\"1956-12\"], \
                 note: \"Official histories say December 1956.\")",
                "NorthKoreanClaim(5)",
            ),
            vec![at(34, 38, EXPECTED_TEXT)],
        ),
        case(
            "text where a list is expected (categories)",
            edit(
                "categories: [\n        \
                 (id: \"main\", name: \"Main\", colour: \"#0072b2\"),\n    ]",
                "categories:\"main\"",
            ),
            vec![at(6, 16, EXPECTED_LIST)],
        ),
        case(
            "text where a list is expected (sources)",
            edit(
                "sources: [Seed(quote: \"a quotation\")]",
                "sources:\"a quotation\"",
            ),
            vec![at(23, 21, EXPECTED_LIST)],
        ),
        case(
            "text where a list is expected (related)",
            edit("related: [\"second\"]", "related:\"second\""),
            vec![at(24, 21, EXPECTED_LIST)],
        ),
        case(
            "text where an entry is expected (a person)",
            edit(
                "people: [(name: \"Kim Il Sung\", hangul: \"김일성\")]",
                "people: [\"Kim\"]",
            ),
            vec![at(21, 22, "expected `(` to open a person")],
        ),
        case(
            "a source kind without its fields",
            edit("Seed(quote: \"a quotation\")", "Seed"),
            vec![at(23, 27, EXPECTED_ENTRY)],
        ),
        case(
            "text where a pair is expected (span)",
            edit("span: (\"1950\", \"1960\")", "span:\"1950\""),
            vec![at(5, 10, SPAN_PAIR)],
        ),
        case(
            "a list where a pair is expected (span)",
            edit("span: (\"1950\", \"1960\")", "span:[\"1950\", \"1960\"]"),
            vec![at(5, 10, SPAN_PAIR)],
        ),
        case(
            "three dates where a pair is expected (span)",
            edit(
                "span: (\"1950\", \"1960\")",
                "span: (\"1950\", \"1960\", \"1970\")",
            ),
            vec![at(5, 28, SPAN_PAIR)],
        ),
        case(
            "one date where a pair is expected (span)",
            edit("span: (\"1950\", \"1960\")", "span: (\"1950\")"),
            vec![at(5, 18, SPAN_PAIR)],
        ),
        case(
            "no dates where a pair is expected (span)",
            edit("span: (\"1950\", \"1960\")", "span: ()"),
            vec![at(5, 12, SPAN_PAIR)],
        ),
        case(
            "one date where a pair is expected (tour view)",
            edit("view: (\"1956-06\", \"1956-11\")", "view: (\"1956-06\")"),
            vec![at(
                38,
                42,
                "`view` needs two dates, like (\"1956-06\", \"1956-11\")",
            )],
        ),
        case(
            "one date where a pair is expected (default view, with Some)",
            edit(
                "    categories: [",
                "    default_view: Some((\"1950\")),\n    categories: [",
            ),
            vec![at(
                6,
                31,
                "`default_view` needs two dates, like (\"1945\", \"1961\")",
            )],
        ),
        case(
            "a number where a date is expected (span)",
            edit("span: (\"1950\", \"1960\")", "span: (1950, \"1960\")"),
            vec![at(5, 12, EXPECTED_DATE)],
        ),
        case(
            "a number where a date is expected (event)",
            edit("\"1956-08-30\"", "1956"),
            vec![at(17, 19, EXPECTED_DATE)],
        ),
        // --- Names that RON allows but the format has not ---
        case(
            "the timeline written with a type name",
            edit(
                "(\n    title: \"Minimal\"",
                "Timeline(\n    title: \"Minimal\"",
            ),
            vec![at(2, 1, "the file should start with `(`, not `Timeline(`")],
        ),
        case(
            "an event written with a type name",
            edit(
                "        (\n            id: \"first\"",
                "        Event(\n            id: \"first\"",
            ),
            vec![at(
                13,
                9,
                "unexpected name `Event`: write an event as `(...)`, without a name",
            )],
        ),
        // --- Strings, comments and stray characters ---
        case(
            "an unknown escape",
            edit("\"First event\"", "\"First \\q event\""),
            vec![at(
                15,
                27,
                "unknown escape `\\q` in a string; to write a backslash, double it: `\\\\`",
            )],
        ),
        case(
            "a Unicode escape with letters that are not hex digits",
            edit("\"First event\"", "\"First \\u{zz} event\""),
            vec![at(
                15,
                27,
                "invalid escape `\\u{zz}` in a string: non-hex digit found",
            )],
        ),
        case(
            "a Unicode escape past the last character",
            edit("\"First event\"", "\"First \\u{110000} event\""),
            vec![at(
                15,
                27,
                "invalid escape `\\u{110000}` in a string: not a valid Unicode-escaped character",
            )],
        ),
        case(
            "an unclosed block comment",
            edit("importance: 5,", "importance: 5, /* a note"),
            vec![at(20, 28, "a `/*` comment is never closed with `*/`")],
        ),
        case(
            "an unclosed block comment with a closed one nested in it",
            edit("importance: 5,", "importance: 5, /* a /* nested */ note"),
            vec![at(20, 28, "a `/*` comment is never closed with `*/`")],
        ),
        case(
            "an unclosed block comment after a `/*` in a string and a closed comment",
            edits(&[
                ("\"Something happened.\"", "\"a /* b\" /* c */"),
                ("importance: 2,", "importance: 2, /* unclosed"),
            ]),
            vec![at(31, 28, "a `/*` comment is never closed with `*/`")],
        ),
        case(
            "a lone slash",
            edit("importance: 5,", "importance: 5, / x"),
            vec![at(20, 28, "a lone `/`: a comment starts with `//` or `/*`")],
        ),
        case(
            "a missing colon",
            edit("importance: 5,", "importance 5,"),
            vec![at(20, 24, "expected a colon `:` after the field name")],
        ),
        case(
            "an unknown RON extension",
            format!("#![enable(foo)]\n{MINIMAL}"),
            vec![at(
                1,
                11,
                "unknown RON extension `foo` in `#![enable(...)]`",
            )],
        ),
        case(
            "text after the closing parenthesis",
            format!("{}x", MINIMAL.trim_end()),
            vec![at(41, 2, TRAILING)],
        ),
        case(
            "text after the closing parenthesis and blank lines",
            format!("{MINIMAL}\n\n  x"),
            vec![at(44, 3, TRAILING)],
        ),
        case(
            "text after the closing parenthesis and a comment",
            format!("{MINIMAL}/* note */ x"),
            vec![at(42, 12, TRAILING)],
        ),
        // --- Ids and references ---
        case(
            "duplicate event id",
            edits(&[
                ("id: \"second\"", "id: \"first\""),
                // Not `["first"]`: that is now refused too, as an event related to itself.
                ("related: [\"second\"]", "related: []"),
                ("(event: \"second\")", "(event: \"first\")"),
            ]),
            vec![at(27, 17, "duplicate event id `first`")],
        ),
        case(
            "duplicate event id, with the references left dangling",
            edit("id: \"second\"", "id: \"first\""),
            vec![
                at(24, 23, "event `first` is related to unknown event `second`"),
                at(27, 17, "duplicate event id `first`"),
                at(39, 17, "tour step 2 names unknown event `second`"),
            ],
        ),
        case(
            "duplicate category id",
            edit(
                "(id: \"main\", name: \"Main\", colour: \"#0072b2\"),",
                "(id: \"main\", name: \"Main\", colour: \"#0072b2\"),\n        \
                 (id: \"main\", name: \"Main again\", colour: \"#000000\"),",
            ),
            vec![at(8, 14, "duplicate category id `main`")],
        ),
        case(
            "duplicate alias",
            edit(
                "id: \"second\",",
                "id: \"second\",\n            aliases: [\"first\"],",
            ),
            vec![at(
                28,
                23,
                "alias `first` of event `second` is already the id or alias of another event",
            )],
        ),
        case(
            "an id with a space",
            edits(&[
                ("id: \"second\"", "id: \"second one\""),
                ("related: [\"second\"]", "related: [\"second one\"]"),
                ("(event: \"second\")", "(event: \"second one\")"),
            ]),
            vec![at(
                27,
                17,
                "event id `second one` contains spaces; use a slug like `august-plenum`",
            )],
        ),
        case(
            "unknown category with a suggestion",
            edit(
                "category: \"main\",\n            importance: 5",
                "category: \"mian\",\n            importance: 5",
            ),
            vec![at(
                19,
                23,
                "event `first` names unknown category `mian`; did you mean `main`?",
            )],
        ),
        case(
            "unknown category with nothing near",
            edit(
                "category: \"main\",\n            importance: 5",
                "category: \"purges\",\n            importance: 5",
            ),
            vec![at(19, 23, "event `first` names unknown category `purges`")],
        ),
        case(
            "related id that does not exist",
            edit("related: [\"second\"]", "related: [\"secnd\"]"),
            vec![at(
                24,
                23,
                "event `first` is related to unknown event `secnd`; did you mean `second`?",
            )],
        ),
        case(
            "tour step naming an unknown event",
            edit("(event: \"second\")", "(event: \"secund\")"),
            vec![at(
                39,
                17,
                "tour step 2 names unknown event `secund`; did you mean `second`?",
            )],
        ),
        // --- Dates ---
        case(
            "impossible day: 30 February",
            edit("\"1956-08-30\"", "\"1956-02-30\""),
            vec![at(
                17,
                19,
                "invalid date 1956-02-30: February 1956 has 29 days",
            )],
        ),
        case(
            "impossible day in a year that is not leap",
            edit("\"1956-08-30\"", "\"1957-02-29\""),
            vec![at(
                17,
                19,
                "invalid date 1957-02-29: February 1957 has 28 days",
            )],
        ),
        case(
            "month 13",
            edit("\"1956-08-30\"", "\"1956-13-01\""),
            vec![at(17, 19, "invalid date 1956-13-01: there is no month 13")],
        ),
        case(
            "month 13 without a day",
            edit("\"1956-08-30\"", "\"1956-13\""),
            vec![at(17, 19, "invalid date 1956-13: there is no month 13")],
        ),
        case(
            "a date that does not follow the notation",
            edit("\"1956-08-30\"", "\"30 Aug 1956\""),
            vec![at(
                17,
                19,
                "cannot read date \"30 Aug 1956\": write 1956-08-30, 1956-08, 1956, c. 1956, \
                 1950s or early/mid/late 1950s",
            )],
        ),
        case(
            "an empty date",
            edit("\"1956-08-30\"", "\"\""),
            vec![at(17, 19, "empty date")],
        ),
        case(
            "a decade that does not start at a multiple of ten",
            edit("\"c. 1958\"", "\"1955s\""),
            vec![at(
                29,
                19,
                "invalid decade 1955s: a decade starts at a year ending in 0, e.g. 1950s",
            )],
        ),
        case(
            "year 0",
            edit("\"c. 1958\"", "\"0000\""),
            vec![at(
                29,
                19,
                "invalid date 0000: year 0 is out of range (1 to 9999)",
            )],
        ),
        case(
            "an impossible date in a disputed alternative",
            edit("[\"1956-12\"]", "[\"1956-12-32\"]"),
            vec![at(
                34,
                49,
                "invalid date 1956-12-32: December 1956 has 31 days",
            )],
        ),
        case(
            "end before start",
            edit("\"1956-08-31\"", "\"1956-08-01\""),
            vec![at(
                18,
                18,
                "event `first` ends (1956-08-01) before it starts (1956-08-30)",
            )],
        ),
        case(
            "event starting before the span",
            edit("\"1956-08-30\"", "\"1949-08-30\""),
            vec![at(
                17,
                19,
                "event `first` (30 August 1949 – 31 August 1956) lies outside the timeline's \
                 span 1950 to 1960",
            )],
        ),
        case(
            "event after the span",
            edit("\"c. 1958\"", "\"1962\""),
            vec![at(
                29,
                19,
                "event `second` (1962) lies outside the timeline's span 1950 to 1960",
            )],
        ),
        case(
            "span ending before it starts",
            edit("span: (\"1950\", \"1960\")", "span: (\"1960\", \"1950\")"),
            vec![at(5, 20, "the span ends (1950) before it starts (1960)")],
        ),
        case(
            "an impossible date in the span",
            edit(
                "span: (\"1950\", \"1960\")",
                "span: (\"1950\", \"1960-13\")",
            ),
            vec![at(5, 20, "invalid date 1960-13: there is no month 13")],
        ),
        case(
            "default view outside the span",
            edit(
                "    categories: [",
                "    default_view: (\"1940\", \"1955\"),\n    categories: [",
            ),
            vec![at(
                6,
                20,
                "the default view lies outside the timeline's span 1950 to 1960",
            )],
        ),
        case(
            "era ending before it starts",
            edit("end: \"1959\"", "end: \"1949\""),
            vec![at(
                10,
                66,
                "era `fifties` ends (1949) before it starts (1950)",
            )],
        ),
        case(
            "era outside the span",
            edit("end: \"1959\"", "end: \"1965\""),
            vec![at(
                10,
                53,
                "era `fifties` lies outside the timeline's span 1950 to 1960",
            )],
        ),
        case(
            "tour view ending before it starts",
            edit(
                "view: (\"1956-06\", \"1956-11\")",
                "view: (\"1956-11\", \"1956-06\")",
            ),
            vec![at(
                38,
                44,
                "the view of tour step 1 ends (1956-06) before it starts (1956-11)",
            )],
        ),
        // --- Content rules ---
        case(
            "empty event title",
            edit("title: \"First event\"", "title: \"  \""),
            vec![at(15, 13, "event `first` has an empty title")],
        ),
        case(
            "empty timeline title",
            edit("title: \"Minimal\"", "title: \"\""),
            vec![at(3, 5, "the timeline's title is empty")],
        ),
        case(
            "empty summary",
            edit("summary: \"Something happened.\"", "summary: \"\""),
            vec![at(22, 13, "event `first` has an empty summary")],
        ),
        case(
            "empty category name",
            edit("name: \"Main\"", "name: \"\""),
            vec![at(7, 22, "category `main` has an empty name")],
        ),
        case(
            "malformed category colour",
            edit("\"#0072b2\"", "\"0072b2\""),
            vec![at(
                7,
                44,
                "invalid colour \"0072b2\": write it as \"#rrggbb\", e.g. \"#d55e00\"",
            )],
        ),
        case(
            "short era colour",
            edit("\"#dddddd\"", "\"#ddd\""),
            vec![at(
                10,
                82,
                "invalid colour \"#ddd\": write it as \"#rrggbb\", e.g. \"#d55e00\"",
            )],
        ),
        case(
            "importance 0",
            edit("importance: 5", "importance: 0"),
            vec![at(
                20,
                13,
                "event `first` has importance 0; it must be 1 (minor) to 5 (essential)",
            )],
        ),
        case(
            "importance 6",
            edit("importance: 5", "importance: 6"),
            vec![at(
                20,
                13,
                "event `first` has importance 6; it must be 1 (minor) to 5 (essential)",
            )],
        ),
        case(
            "a non-http link",
            edit("\"https://example.org/book\"", "\"ftp://example.org/book\""),
            vec![at(
                33,
                55,
                "event `second`: link \"ftp://example.org/book\" must start with https:// or \
                 http://",
            )],
        ),
        case(
            "a javascript: link",
            edit("\"https://example.org/book\"", "\"javascript:alert(1)\""),
            vec![at(
                33,
                55,
                "event `second`: link \"javascript:alert(1)\" must start with https:// or \
                 http://",
            )],
        ),
        case(
            "a link without an address",
            edit("\"https://example.org/book\"", "\"https://\""),
            vec![at(
                33,
                55,
                "event `second`: link \"https://\" has no host after the scheme (like https://example.org/page)",
            )],
        ),
        case(
            "an http link without an address",
            edit("\"https://example.org/book\"", "\" http:// \""),
            vec![at(
                33,
                55,
                "event `second`: link \" http:// \" contains a space; write spaces as %20, and nothing around the address",
            )],
        ),
        case(
            "an event with no sources",
            edit("sources: [Seed(quote: \"a quotation\")]", "sources: []"),
            vec![at(
                23,
                13,
                "event `first` has no sources: add a Quote(source: ..., quote: ...) or Reference(title: ...)",
            )],
        ),
        case(
            "an empty seed quotation",
            edit("quote: \"a quotation\"", "quote: \" \""),
            vec![at(23, 28, "event `first` has an empty quotation")],
        ),
        case(
            "a reference without a title",
            edit("title: \"A book\"", "title: \"\""),
            vec![at(33, 33, "event `second` has a reference without a title")],
        ),
        case(
            "no categories",
            "(title: \"x\", span: (\"1950\", \"1960\"), categories: [], events: [])".to_owned(),
            vec![at(
                1,
                38,
                "the timeline has no categories: add at least one lane",
            )],
        ),
        // --- Several problems at once, in file order ---
        case(
            "several problems in one file",
            edits(&[
                ("\"#0072b2\"", "\"blue\""),
                ("\"1956-08-30\"", "\"1956-02-30\""),
                ("importance: 2", "importance: 9"),
                ("(event: \"second\")", "(event: \"third\")"),
            ]),
            vec![
                at(
                    7,
                    44,
                    "invalid colour \"blue\": write it as \"#rrggbb\", e.g. \"#d55e00\"",
                ),
                at(17, 19, "invalid date 1956-02-30: February 1956 has 29 days"),
                at(
                    31,
                    13,
                    "event `second` has importance 9; it must be 1 (minor) to 5 (essential)",
                ),
                at(39, 17, "tour step 2 names unknown event `third`"),
            ],
        ),
        case(
            "several problems in one file, found in another order than written",
            // The tour and the span are checked before the events, but the problems
            // are still reported in the order they appear in the file.
            edits(&[
                ("(event: \"second\")", "(event: \"nowhere\")"),
                ("\"c. 1958\"", "\"1958-13\""),
                ("\"1950\", \"1960\"", "\"1950\", \"1940\""),
                ("title: \"Minimal\"", "title: \" \""),
            ]),
            vec![
                at(3, 5, "the timeline's title is empty"),
                at(5, 20, "the span ends (1940) before it starts (1950)"),
                at(29, 19, "invalid date 1958-13: there is no month 13"),
                at(39, 17, "tour step 2 names unknown event `nowhere`"),
            ],
        ),
    ]
}

#[test]
fn every_case_gives_the_exact_messages_at_the_exact_places() {
    let mut failures = Vec::new();
    for Case {
        name,
        text,
        expected,
    } in cases()
    {
        let outcome = std::panic::catch_unwind(|| assert_problems(name, &text, &expected));
        if let Err(panic) = outcome {
            let message = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_default();
            failures.push(message);
        }
    }
    assert!(
        failures.is_empty(),
        "{} case(s) failed:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

#[test]
fn the_case_names_are_unique() {
    let cases = cases();
    let mut names: Vec<&str> = cases.iter().map(|c| c.name).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), cases.len());
}

// ---------------------------------------------------------------------------
// Positions of syntax errors: on the value, not on the space before it
// ---------------------------------------------------------------------------

/// ron reports where its cursor was before it skipped the whitespace in front of the
/// offending value; the caret must still be on the value, even on the next line.
#[test]
fn type_errors_point_at_the_value_not_the_space_before_it() {
    let cases = [
        (
            edit("importance: 5", "importance: \"5\""),
            at(20, 25, EXPECTED_NUMBER),
        ),
        (
            edit("importance: 5", "importance: true"),
            at(20, 25, EXPECTED_NUMBER),
        ),
        (
            edit("importance: 5", "importance: 5.5"),
            at(20, 26, "expected a comma `,` between two entries"),
        ),
        (
            edit("title: \"First event\"", "title: 5"),
            at(15, 20, EXPECTED_TEXT),
        ),
        (
            edit("title: \"First event\"", "title: [\"a\"]"),
            at(15, 20, EXPECTED_TEXT),
        ),
        (
            edit("korean_title: \"첫 사건\"", "korean_title: true"),
            at(16, 27, EXPECTED_TEXT),
        ),
        (
            edit(
                "sources: [Seed(quote: \"a quotation\")]",
                "sources: \"a quotation\"",
            ),
            at(23, 22, EXPECTED_LIST),
        ),
        (
            edit("related: [\"second\"]", "related: \"second\""),
            at(24, 22, EXPECTED_LIST),
        ),
        (
            edit("span: (\"1950\", \"1960\")", "span: \"1950\""),
            at(5, 11, SPAN_PAIR),
        ),
        (
            edit("importance: 5", "importance:\n\"5\""),
            at(21, 1, EXPECTED_NUMBER),
        ),
        (
            edit("importance: 5", "importance: // five\n  /* or so */ \"5\""),
            at(21, 15, EXPECTED_NUMBER),
        ),
        (
            edit("importance: 5", "importance: 300"),
            at(
                20,
                25,
                "importance 300 is out of range: it must be 1 (minor) to 5 (essential)",
            ),
        ),
    ];
    for (text, expected) in cases {
        assert_problems(&expected.1.clone(), &text, &[expected]);
    }
}

/// When the file ends where a list element or tuple element should start, ron reports
/// what it expected (an entry, text, a comma); the message must say the file ended, at
/// the end of the last thing written (comments after it do not count).
#[test]
fn truncation_inside_a_list_says_the_file_ends_too_early() {
    let cases = [
        ("categories: [", (6, 18)),
        ("related: [", (24, 23)),
        ("related: [\"second\"", (24, 31)),
        ("span: (\"1950\",", (5, 19)),
        ("        ),\n", (25, 11)),
        ("importance:", (20, 24)),
        ("    ],\n", (8, 7)),
    ];
    for (marker, (line, column)) in cases {
        let text = truncated_after(marker);
        assert_problems(marker, &text, &[at(line, column, EOF)]);
        // Whitespace and comments after the cut change nothing.
        let text = format!("{text}  // a comment\n/* and /* another */ */\n\n");
        assert_problems(marker, &text, &[at(line, column, EOF)]);
    }
}

#[test]
fn a_file_of_only_comments_is_empty() {
    for text in [
        "// nothing yet\n",
        "/* nothing */ \n // still nothing",
        "\u{feff}// after a byte-order mark",
    ] {
        assert_problems(text, text, &[whole(EMPTY)]);
    }
    // An unclosed comment is still reported as one.
    assert_problems(
        "unclosed",
        "  /* never closed",
        &[at(1, 3, "a `/*` comment is never closed with `*/`")],
    );
}

// ---------------------------------------------------------------------------
// What is accepted
// ---------------------------------------------------------------------------

#[test]
fn a_timeline_with_no_events_is_valid() {
    // The loader requires at least one category but no events: an empty timeline loads.
    let start = MINIMAL.find("    events: [").unwrap();
    let end = MINIMAL.find("\n)").unwrap();
    let text = format!(
        "{}    events: [],\n{}",
        &MINIMAL[..start],
        &MINIMAL[end + 1..]
    );
    let timeline = loads("no events", &text);
    assert!(timeline.events.is_empty());
    assert!(timeline.tour.is_empty());
    assert_eq!(timeline.categories.len(), 1);
    assert_eq!(timeline.eras.len(), 1);
}

#[test]
fn optional_values_may_be_written_with_or_without_some() {
    for text in [
        edit(
            "korean_title: \"첫 사건\"",
            "korean_title: Some(\"첫 사건\")",
        ),
        edit("korean_title: \"첫 사건\"", "korean_title: None"),
        edit(
            "(\n    title: \"Minimal\"",
            "TimelineFile(\n    title: \"Minimal\"",
        ),
        edit("\"First event\"", "r\"First event\""),
        MINIMAL.replace('\n', "\r\n"),
    ] {
        loads("accepted variant", &text);
    }
}

#[test]
fn windows_line_endings_do_not_change_positions_or_leak_into_the_source_line() {
    let text = edit("\"1956-08-30\"", "\"1956-02-30\"").replace('\n', "\r\n");
    let diagnostics = problems("CRLF", &text);
    assert_eq!(
        found(&diagnostics),
        [at(
            17,
            19,
            "invalid date 1956-02-30: February 1956 has 29 days"
        )]
    );
    assert_eq!(
        diagnostics[0].source_line.as_deref(),
        Some("            date: \"1956-02-30\",")
    );
}

#[test]
fn a_tab_counts_as_one_column_and_the_caret_keeps_it() {
    let text = edit(
        "            date: \"1956-08-30\"",
        "\t\t\tdate: \"1956-02-30\"",
    );
    let diagnostics = problems("tabs", &text);
    assert_eq!(
        diagnostics[0].to_string(),
        "case.ron:17:10: invalid date 1956-02-30: February 1956 has 29 days\n\
         17 | \t\t\tdate: \"1956-02-30\",\n   | \t\t\t      ^"
    );
}

// ---------------------------------------------------------------------------
// The displayed form: `FILE:LINE:COL: MESSAGE`, the line, a caret
// ---------------------------------------------------------------------------

#[test]
fn an_impossible_date_is_displayed_with_its_line_and_a_caret_under_the_quote() {
    let error = load_str(NAME, &edit("\"1956-08-30\"", "\"1956-02-30\"")).unwrap_err();
    assert_eq!(
        error.to_string(),
        "case.ron:17:19: invalid date 1956-02-30: February 1956 has 29 days\n\
         17 |             date: \"1956-02-30\",\n   |                   ^"
    );
}

#[test]
fn an_unknown_field_is_displayed_with_its_line_and_a_caret_under_the_name() {
    let error = load_str(
        NAME,
        &edit("title: \"First event\"", "titel: \"First event\""),
    )
    .unwrap_err();
    assert_eq!(
        error.to_string(),
        format!(
            "case.ron:15:13: unknown field `titel` in an event; did you mean `title`? \
             {EVENT_FIELDS}\n15 |             titel: \"First event\",\n   |             ^"
        )
    );
}

#[test]
fn a_caret_under_hangul_counts_characters_not_bytes() {
    let error = load_str(
        NAME,
        &edit(
            "korean_title: \"첫 사건\",",
            "korean_title: \"첫 사건\", titel: 1,",
        ),
    )
    .unwrap_err();
    assert_eq!(
        error.to_string(),
        format!(
            "case.ron:16:35: unknown field `titel` in an event; did you mean `title`? \
             {EVENT_FIELDS}\n16 |             korean_title: \"첫 사건\", titel: 1,\n   | {}^",
            " ".repeat(34)
        )
    );
}

#[test]
fn several_problems_are_displayed_one_after_another() {
    let text = edits(&[
        ("importance: 5", "importance: 0"),
        ("(event: \"second\")", "(event: \"secund\")"),
    ]);
    let error = load_str(NAME, &text).unwrap_err();
    assert_eq!(
        error.to_string(),
        "case.ron:20:13: event `first` has importance 0; it must be 1 (minor) to 5 (essential)\n\
         20 |             importance: 0,\n   |             ^\n\
         case.ron:39:17: tour step 2 names unknown event `secund`; did you mean `second`?\n\
         39 |         (event: \"secund\"),\n   |                 ^"
    );
}

#[test]
fn a_whole_file_problem_is_displayed_without_a_caret() {
    let error = load_str(NAME, "\n\n").unwrap_err();
    assert_eq!(error.to_string(), format!("case.ron: {EMPTY}"));
}

// ---------------------------------------------------------------------------
// Bytes: encoding, binary data, byte-order mark
// ---------------------------------------------------------------------------

fn bytes_problems(case: &str, bytes: &[u8]) -> Vec<Diagnostic> {
    match load_bytes(NAME, bytes) {
        Ok(_) => panic!("{case}: must not load"),
        Err(LoadError::Unreadable(d)) => panic!("{case}: bytes cannot be Unreadable: {d}"),
        Err(LoadError::Invalid(diagnostics)) => diagnostics,
    }
}

#[test]
fn invalid_utf8_is_reported_at_the_first_bad_byte() {
    let mut bytes = MINIMAL.as_bytes().to_vec();
    let at_byte = MINIMAL.find("Minimal").unwrap() + 2;
    bytes[at_byte] = 0xff;
    let diagnostics = bytes_problems("invalid UTF-8", &bytes);
    assert_eq!(found(&diagnostics), [at(3, 15, NOT_UTF8)]);
    // The line is shown up to the bad byte.
    assert_eq!(
        diagnostics[0].source_line.as_deref(),
        Some("    title: \"Mi")
    );
}

#[test]
fn invalid_utf8_after_hangul_counts_characters() {
    let mut bytes = MINIMAL.as_bytes().to_vec();
    // A lone continuation byte right after "첫 " on line 16.
    let at_byte = MINIMAL.find("첫 사건").unwrap() + "첫 ".len();
    bytes.insert(at_byte, 0x80);
    let diagnostics = bytes_problems("invalid UTF-8 after Hangul", &bytes);
    assert_eq!(found(&diagnostics), [at(16, 30, NOT_UTF8)]);
}

#[test]
fn binary_garbage_with_nul_bytes_is_not_a_text_file() {
    // Not UTF-8 and containing NUL: reported at the first byte that is not UTF-8.
    let garbage = [0u8, 1, 2, 0xff, 0xfe, 0, b'(', 0x80, b'a', b'b'];
    let diagnostics = bytes_problems("garbage", &garbage);
    assert_eq!(found(&diagnostics), [at(1, 4, BINARY)]);

    // Valid UTF-8 but with NUL bytes (an ELF header): reported at the first NUL.
    let elf = b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00";
    let diagnostics = bytes_problems("ELF", elf);
    assert_eq!(found(&diagnostics), [at(1, 8, BINARY)]);

    // A NUL on a later line.
    let mut bytes = MINIMAL.as_bytes().to_vec();
    bytes[MINIMAL.find("subtitle").unwrap()] = 0;
    let diagnostics = bytes_problems("NUL", &bytes);
    assert_eq!(found(&diagnostics), [at(4, 5, BINARY)]);

    // All 256 byte values.
    let all: Vec<u8> = (0..=255).collect();
    let diagnostics = bytes_problems("all bytes", &all);
    // The valid prefix holds a line feed (byte 10): the first bad byte, 0x80, is on line 2.
    assert_eq!(found(&diagnostics), [at(2, 118, BINARY)]);
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let plain = load_bytes(NAME, MINIMAL.as_bytes()).unwrap();
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(MINIMAL.as_bytes());
    let with_bom = load_bytes(NAME, &bytes).unwrap();
    assert_eq!(plain, with_bom);
    // Also as text.
    let text = format!("\u{feff}{MINIMAL}");
    assert_eq!(load_str(NAME, &text).unwrap(), plain);
    // A file that is only a byte-order mark is empty.
    assert_eq!(
        found(&bytes_problems("BOM only", b"\xEF\xBB\xBF")),
        [whole(EMPTY)]
    );
}

#[test]
fn a_byte_order_mark_does_not_shift_positions() {
    let broken = edit("\"1956-08-30\"", "\"1956-02-30\"");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(broken.as_bytes());
    let diagnostics = bytes_problems("BOM and a bad date", &bytes);
    assert_eq!(
        found(&diagnostics),
        [at(
            17,
            19,
            "invalid date 1956-02-30: February 1956 has 29 days"
        )]
    );
    // A syntax error on the first line, after the mark.
    let diagnostics = bytes_problems("BOM and a syntax error", b"\xEF\xBB\xBF[1]");
    assert_eq!(found(&diagnostics), [at(1, 1, START)]);
    assert_eq!(diagnostics[0].source_line.as_deref(), Some("[1]"));
    // A validation error on the first line, loaded as bytes.
    let one_line = "(title: \"\", span: (\"1950\", \"1960\"), \
                    categories: [(id: \"main\", name: \"Main\", colour: \"#0072b2\")], events: [])";
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(one_line.as_bytes());
    let diagnostics = bytes_problems("BOM and an empty title", &bytes);
    assert_eq!(
        found(&diagnostics),
        [at(1, 2, "the timeline's title is empty")]
    );
    assert_eq!(diagnostics[0].source_line.as_deref(), Some(one_line));
}

/// `load_str` ignores the mark too, so validation problems on line 1 are not one column
/// too far right and their line does not start with an invisible U+FEFF.
#[test]
fn a_byte_order_mark_does_not_shift_validation_positions_in_load_str() {
    let one_line = "(title: \"\", span: (\"1950\", \"1960\"), \
                    categories: [(id: \"main\", name: \"Main\", colour: \"#0072b2\")], \
                    events: [])";
    let diagnostics = problems("BOM in text", &format!("\u{feff}{one_line}"));
    assert_eq!(
        found(&diagnostics),
        [at(1, 2, "the timeline's title is empty")]
    );
    assert_eq!(diagnostics[0].source_line.as_deref(), Some(one_line));
    // Only one mark is removed, from text and from bytes alike: a second one is content.
    let twice = format!("\u{feff}\u{feff}{one_line}");
    assert_eq!(load_bytes(NAME, twice.as_bytes()), load_str(NAME, &twice));
    assert!(load_str(NAME, &twice).is_err());
}

#[test]
fn control_characters_are_shown_visibly_in_the_line() {
    let error = load_str(NAME, &edit("\"Minimal\"", "\"Mini\0mal\u{1b}[2J\"")).unwrap_err();
    assert_eq!(
        error.to_string(),
        format!(
            "case.ron:3:17: {BINARY}\n3 |     title: \"Mini\u{2400}mal\u{241b}[2J\",\n  | {}^",
            " ".repeat(16)
        )
    );
}

#[test]
fn parse_str_reports_the_same_syntax_errors_as_load_str() {
    let text = edit("Seed(", "Seeds(");
    let from_parse = parse_str(NAME, &text).unwrap_err();
    let from_load = load_str(NAME, &text).unwrap_err();
    assert_eq!(from_load, LoadError::Invalid(vec![from_parse]));
    assert_eq!(parse_str(NAME, MINIMAL).unwrap().events.len(), 2);
}

// ---------------------------------------------------------------------------
// Files: missing, a directory, no permission, too large
// ---------------------------------------------------------------------------

fn unreadable(path: &Path) -> Diagnostic {
    match load_path(path) {
        Err(LoadError::Unreadable(diagnostic)) => diagnostic,
        other => panic!("{}: expected Unreadable, got {other:?}", path.display()),
    }
}

#[test]
fn a_missing_file_is_unreadable() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nowhere.ron");
    let diagnostic = unreadable(&path);
    assert_eq!(diagnostic.message, "no such file");
    assert_eq!(diagnostic.file, path.display().to_string());
    assert_eq!(diagnostic.position, None);
    assert_eq!(
        diagnostic.to_string(),
        format!("{}: no such file", path.display())
    );
    // A missing directory on the way is just as missing.
    let deeper = dir.path().join("no-such-dir").join("file.ron");
    assert_eq!(unreadable(&deeper).message, "no such file");
}

#[test]
fn a_directory_is_unreadable() {
    let dir = tempfile::tempdir().unwrap();
    let diagnostic = unreadable(dir.path());
    assert_eq!(
        diagnostic.message,
        "is a directory, not a timeline file (give the path of a .ron file)"
    );
    assert_eq!(diagnostic.position, None);
    assert_eq!(diagnostic.file, dir.path().display().to_string());
}

#[cfg(unix)]
#[test]
fn pipes_and_devices_are_refused_before_they_are_opened() {
    // Opening a pipe with no writer blocks forever; /dev/zero never ends.
    let dir = tempfile::tempdir().unwrap();
    let pipe = dir.path().join("pipe.ron");
    let status = std::process::Command::new("mkfifo")
        .arg(&pipe)
        .status()
        .unwrap();
    assert!(status.success());
    let link = dir.path().join("link-to-zero.ron");
    std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
    for path in [pipe.as_path(), Path::new("/dev/zero"), link.as_path()] {
        let diagnostic = unreadable(path);
        assert_eq!(
            diagnostic.message,
            "is not a regular file (a pipe, device or socket); give the path of a .ron file",
            "{}",
            path.display()
        );
    }
}

#[cfg(unix)]
#[test]
fn a_file_without_read_permission_is_unreadable_unless_running_as_root() {
    use std::os::unix::fs::PermissionsExt;

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("secret.ron");
    std::fs::write(&path, MINIMAL).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();

    // As root (or with CAP_DAC_OVERRIDE) the mode is not enforced; then the file
    // must simply load, like any readable file.
    let can_open_anyway = std::fs::File::open(&path).is_ok();
    let result = load_path(&path);
    if can_open_anyway {
        let timeline = result.unwrap_or_else(|e| {
            panic!("the file can be opened by this user (root?), so it must load:\n{e}")
        });
        assert_eq!(timeline.events.len(), 2);
        eprintln!("note: running with permission to read mode-000 files; checked that it loads");
    } else {
        match result {
            Err(LoadError::Unreadable(diagnostic)) => {
                assert_eq!(
                    diagnostic.message,
                    "permission denied: cannot read the file"
                );
                assert_eq!(diagnostic.position, None);
            }
            other => panic!("expected Unreadable (permission denied), got {other:?}"),
        }
    }
    // Let the temporary directory be removed.
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
}

/// A file over the limit is judged from its size, before it is opened or read: it is
/// `Invalid` (it exists and is not a timeline; `check` exits 1), not `Unreadable`, even
/// when it could not be read.
#[test]
fn a_file_over_the_size_limit_is_refused_and_the_message_names_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.ron");
    let file = std::fs::File::create(&path).unwrap();
    // Sparse: costs no disk.
    file.set_len(MAX_FILE_BYTES + 1).unwrap();
    drop(file);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    }
    let limit_mib = MAX_FILE_BYTES / (1024 * 1024);
    // Without read permission (unless running as root), only the size can be known.
    match read_limited(&path, "huge.ron") {
        Err(LoadError::Invalid(diagnostics)) => {
            assert_eq!(diagnostics.len(), 1);
            let diagnostic = &diagnostics[0];
            assert_eq!(diagnostic.file, "huge.ron");
            assert_eq!(diagnostic.position, None);
            assert_eq!(
                diagnostic.message,
                format!("is too large to be a timeline: the limit is {limit_mib} MiB")
            );
            assert!(diagnostic.message.contains("512 MiB"));
        }
        other => panic!(
            "expected a too-large error, got {:?}",
            other.map(|bytes| bytes.len())
        ),
    }
}

#[test]
fn read_limited_returns_a_small_file_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("small.ron");
    std::fs::write(&path, MINIMAL).unwrap();
    assert_eq!(
        read_limited(&path, "small.ron").unwrap(),
        MINIMAL.as_bytes()
    );
    let empty = dir.path().join("empty.ron");
    std::fs::write(&empty, "").unwrap();
    assert_eq!(read_limited(&empty, "empty.ron").unwrap(), b"");
    // An empty file reads fine but is not a timeline.
    match load_path(&empty) {
        Err(LoadError::Invalid(diagnostics)) => {
            assert_eq!(found(&diagnostics), [whole(EMPTY)]);
            assert_eq!(diagnostics[0].file, empty.display().to_string());
        }
        other => panic!("expected the empty file to be invalid, got {other:?}"),
    }
}

#[test]
fn load_path_names_the_file_as_given() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.ron");
    std::fs::write(&path, edit("\"1956-08-30\"", "\"1956-02-30\"")).unwrap();
    let error = load_path(&path).unwrap_err();
    let diagnostics = error.diagnostics();
    assert_eq!(diagnostics.len(), 1);
    assert_eq!(diagnostics[0].file, path.display().to_string());
    assert!(
        error.to_string().starts_with(&format!(
            "{}:17:19: invalid date 1956-02-30",
            path.display()
        )),
        "{error}"
    );
}

// ---------------------------------------------------------------------------
// Round trip: Timeline -> TimelineFile -> RON -> Timeline
// ---------------------------------------------------------------------------

fn assert_round_trip(name: &str, timeline: &Timeline) {
    let file = timeline.to_file();
    let text = to_ron_string(&file).unwrap_or_else(|e| panic!("{name}: cannot write: {e}"));
    let mut again = load_str(name, &text)
        .unwrap_or_else(|e| panic!("{name}: the written file does not load:\n{e}\n\n{text}"));
    // Warnings name places in the text, which is written anew; the same ones are found.
    assert_eq!(
        again.warnings.len(),
        timeline.warnings.len(),
        "{name}: warnings"
    );
    again.warnings.clone_from(&timeline.warnings);
    assert_eq!(again.to_file(), file, "{name}: TimelineFile changed");
    assert!(again == *timeline, "{name}: Timeline changed");
    // Writing is stable: the second write gives the same text.
    assert_eq!(to_ron_string(&again.to_file()).unwrap(), text, "{name}");
}

#[test]
fn the_minimal_fixture_round_trips() {
    let timeline = load_path(Path::new(MINIMAL_PATH)).unwrap();
    assert_round_trip("minimal.ron", &timeline);
}

#[test]
fn the_embedded_dataset_round_trips() {
    let timeline = load_embedded().unwrap_or_else(|e| panic!("the dataset must load:\n{e}"));
    assert!(!timeline.events.is_empty());
    assert_round_trip("embedded", &timeline);
}

// ---------------------------------------------------------------------------
// Where validation problems are: found by the file's structure, not by searching
// for the text of the value
// ---------------------------------------------------------------------------

#[test]
fn an_empty_id_message_is_grammatical() {
    let text = edits(&[
        ("id: \"second\"", "id: \"\""),
        ("related: [\"second\"]", "related: []"),
        ("        (event: \"second\"),\n", ""),
    ]);
    assert_problems(
        "empty event id",
        &text,
        &[at(27, 17, "an event has an empty id")],
    );
    let text = edit("(id: \"fifties\"", "(id: \"\"");
    assert_problems(
        "empty era id",
        &text,
        &[at(10, 14, "an era has an empty id")],
    );
    let text = edits(&[
        ("(id: \"main\"", "(id: \" \""),
        (
            "category: \"main\",\n            importance: 5",
            "category: \" \",\n            importance: 5",
        ),
        (
            "category: \"main\",\n            importance: 2",
            "category: \" \",\n            importance: 2",
        ),
    ]);
    assert_problems(
        "empty category id",
        &text,
        &[at(7, 14, "a category has an empty id")],
    );
}

/// Twenty events whose ids are written `id : "e0"` (RON allows the space) after a
/// comment in Hangul: finding them must neither panic nor lose its place.
fn spaced_ids(broken: Option<usize>) -> String {
    let mut events = String::new();
    for k in 0..20 {
        let date = if Some(k) == broken {
            "1955-02-29"
        } else {
            "1955"
        };
        events.push_str(&format!(
            "        (id : \"e{k}\", title: \"t\", date: \"{date}\", category: \"main\", \
             importance: 3, summary: \"s\", sources: [Seed(quote: \"q\")]),\n"
        ));
    }
    format!(
        "(\n    title: \"x\",\n    span: (\"1950\", \"1960\"),\n    \
         categories: [(id: \"main\", name: \"Main\", colour: \"#0072b2\")],\n    \
         events: [ // 사건 사건 사건 사건\n{events}    ],\n)\n"
    )
}

#[test]
fn ids_the_locator_cannot_find_by_text_do_not_panic() {
    let text = spaced_ids(None);
    let outcome = std::panic::catch_unwind(|| load_str(NAME, &text));
    let timeline = outcome
        .expect("load_str must not panic")
        .unwrap_or_else(|e| panic!("the file is valid:\n{e}"));
    assert_eq!(timeline.events.len(), 20);
    // With a problem in the 13th event, it is found on its line.
    assert_problems(
        "spaced ids",
        &spaced_ids(Some(12)),
        &[at(
            18,
            40,
            "invalid date 1955-02-29: February 1955 has 28 days",
        )],
    );
}

#[test]
fn validation_problems_are_found_wherever_the_fields_are_written() {
    let cases = [
        (
            // The date before the id: on the date, not on the id.
            edits(&[
                ("            id: \"second\",\n", ""),
                ("\"c. 1958\",", "\"1958-13\", id: \"second\","),
            ]),
            at(28, 19, "invalid date 1958-13: there is no month 13"),
        ),
        (
            // The category's id appears earlier in the event as other text.
            edits(&[
                ("\"First event\"", "\"main\""),
                (
                    "category: \"main\",\n            importance: 5",
                    "category: \"mian\",\n            importance: 5",
                ),
            ]),
            at(
                19,
                23,
                "event `first` names unknown category `mian`; did you mean `main`?",
            ),
        ),
        (
            // The same text as the (valid) start date: the end is the one reported.
            edits(&[
                ("\"1956-08-31\"", "\"1956-07\""),
                ("(quote: \"a quotation\")", "(quote: \"1956-07\")"),
            ]),
            at(
                18,
                18,
                "event `first` ends (1956-07) before it starts (1956-08-30)",
            ),
        ),
        (
            // An unknown related id that also appears in a comment and a string before it.
            edits(&[
                ("\"Something happened.\"", "\"secnd\" /* \"secnd\" */"),
                ("related: [\"second\"]", "related: [\"second\", \"secnd\"]"),
            ]),
            at(
                24,
                33,
                "event `first` is related to unknown event `secnd`; did you mean `second`?",
            ),
        ),
        (
            // Optional values written with `Some`, and a raw string.
            edits(&[
                ("end: \"1956-08-31\"", "end: Some(\"1956-08-01\")"),
                ("\"First event\"", "r#\"First \"event\"\"#"),
            ]),
            at(
                18,
                23,
                "event `first` ends (1956-08-01) before it starts (1956-08-30)",
            ),
        ),
        (
            // Struct names, raw field names and text that looks like the format.
            edits(&[
                (
                    "        (\n            id: \"second\"",
                    "        EventRecord(\n            r#id: \"second\"",
                ),
                (
                    "\"Something else happened.\"",
                    "\"events: [(id: \\\"second\\\", date: \\\"c. 1958\\\")]\"",
                ),
                ("\"c. 1958\"", "\"c. 1962\""),
            ]),
            at(
                29,
                19,
                "event `second` (c. 1962) lies outside the timeline's span 1950 to 1960",
            ),
        ),
        (
            // The second of two sources.
            edit(
                "sources: [Seed(quote: \"a quotation\")]",
                "sources: [Seed(quote: \"a quotation\"), Seed(quote: \"\")]",
            ),
            at(23, 56, "event `first` has an empty quotation"),
        ),
    ];
    for (text, expected) in cases {
        assert_problems(&expected.1.clone(), &text, &[expected]);
    }
    // The second of two alternatives.
    let text = edit("[\"1956-12\"]", "[\"1956-12\", \"1956-12-32\"]");
    assert_problems(
        "second alternative",
        &text,
        &[at(
            34,
            60,
            "invalid date 1956-12-32: December 1956 has 31 days",
        )],
    );
}

/// `validate` is public and may be given a text other than the one the file was read
/// from: positions are then only approximate, but it must not panic.
#[test]
fn validate_with_another_text_does_not_panic() {
    let broken = edits(&[
        ("\"#0072b2\"", "\"blue\""),
        ("\"1956-08-30\"", "\"1956-02-30\""),
        ("(event: \"second\")", "(event: \"third\")"),
        ("[\"1956-12\"]", "[\"1956-12-32\"]"),
    ]);
    let file = parse_str(NAME, &broken).unwrap();
    for text in [
        String::new(),
        "(".repeat(10_000),
        "[".repeat(10_000),
        "\"".to_owned(),
        "/*".to_owned(),
        "r#\"".to_owned(),
        "(events: [(), (id: [".to_owned(),
        "사건 사건 \u{2028} (title: 사건)".to_owned(),
        MINIMAL.to_owned(),
        broken[..broken.len() / 2].to_owned(),
    ] {
        let problems = validate(NAME, &text, file.clone()).unwrap_err();
        assert_eq!(problems.len(), 4, "{text:?}");
        for problem in problems {
            assert!(problem.position.is_some());
        }
    }
}
