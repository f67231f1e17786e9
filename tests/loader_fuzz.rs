//! The loader never panics, whatever it is given, and every problem it reports
//! points inside the text it was given, at something written there (never at the
//! whitespace in front of it).
//!
//! Random bytes, random RON-like token soup, and mutations of the minimal fixture
//! (ranges deleted, duplicated or moved, brackets, quotes and other characters
//! inserted, the text cut short), and `validate` given a text other than its file's.
//! About 20 000 inputs in all, a few seconds in debug.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use proptest::prelude::*;
use proptest::test_runner::Config;
use wpk_timeline::model::diagnostic::Diagnostic;
use wpk_timeline::model::load::{LoadError, load_bytes, load_str, parse_str, validate};

const MINIMAL: &str = include_str!("fixtures/minimal.ron");
const NAME: &str = "fuzz.ron";

fn config(cases: u32) -> Config {
    Config {
        cases,
        // Failures are shrunk and printed; no regression files are written next to the tests.
        failure_persistence: None,
        ..Config::default()
    }
}

/// Whitespace as RON counts it.
fn is_space(c: char) -> bool {
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

/// The characters just before and at a 1-based line and column (lines split at `\n`).
fn around(text: &str, line: usize, column: usize) -> (Option<char>, Option<char>) {
    let Some(line_text) = text.split('\n').nth(line - 1) else {
        return (None, None);
    };
    let before = column
        .checked_sub(2)
        .and_then(|i| line_text.chars().nth(i))
        .or_else(|| (column == 1 && line > 1).then_some('\n'));
    let at = line_text
        .chars()
        .nth(column - 1)
        .or_else(|| text.split('\n').nth(line).map(|_| '\n'));
    (before, at)
}

/// Checks that every reported problem is well formed and lies inside `text`, and that
/// it points at something written, or just after it (where a file cut short ends).
fn check_diagnostics(text: &str, error: &LoadError) -> Result<(), TestCaseError> {
    check_problems(text, error.diagnostics())?;
    // `load_str` counts positions after a byte-order mark.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    for diagnostic in error.diagnostics() {
        if let Some(position) = diagnostic.position {
            let (before, at) = around(text, position.line, position.column);
            let written = if diagnostic.message.starts_with("the file ends too early") {
                before
            } else {
                at
            };
            prop_assert!(
                written.is_some_and(|c| !is_space(c)),
                "between {:?} and {:?}: {:?}",
                before,
                at,
                diagnostic
            );
        }
    }
    Ok(())
}

/// Checks that every problem is well formed, lies inside `text` and comes in file order.
fn check_problems(text: &str, diagnostics: &[Diagnostic]) -> Result<(), TestCaseError> {
    prop_assert!(!diagnostics.is_empty(), "an error without any problem");
    let line_count = text.lines().count();
    // Lines as ron counts them: split at `\n` only, a `\r` before it still counted.
    let raw_lines: Vec<&str> = text.split('\n').collect();
    let mut previous = None;
    for diagnostic in diagnostics {
        prop_assert_eq!(&diagnostic.file, NAME);
        prop_assert!(
            !diagnostic.message.trim().is_empty(),
            "empty message: {:?}",
            diagnostic
        );
        let Some(position) = diagnostic.position else {
            continue;
        };
        prop_assert!(position.line >= 1, "line 0: {:?}", diagnostic);
        prop_assert!(position.column >= 1, "column 0: {:?}", diagnostic);
        prop_assert!(
            position.line <= line_count + 1,
            "line {} of a {}-line text: {:?}",
            position.line,
            line_count,
            diagnostic
        );
        // The caret may stand one past the last character (end of file), no further.
        // (With CRLF line ends ron counts the `\r` as a column, so it is counted here.)
        let width = raw_lines
            .get(position.line - 1)
            .map_or(0, |line| line.chars().count());
        prop_assert!(
            position.column <= width + 1,
            "column {} on a line of {} characters: {:?}",
            position.column,
            width,
            diagnostic
        );
        // Problems come in file order.
        prop_assert!(
            previous <= Some(position),
            "out of order: {:?} after {:?}",
            position,
            previous
        );
        previous = Some(position);
    }
    Ok(())
}

fn check_text(text: &str) -> Result<(), TestCaseError> {
    match load_str(NAME, text) {
        Ok(_) => Ok(()),
        Err(error @ LoadError::Invalid(_)) => check_diagnostics(text, &error),
        Err(LoadError::Unreadable(d)) => Err(TestCaseError::fail(format!(
            "text cannot be unreadable: {d}"
        ))),
    }
}

// ---------------------------------------------------------------------------
// Random input
// ---------------------------------------------------------------------------

/// Pieces of RON and of the timeline format, so random input gets past the first token.
const TOKENS: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ",",
    ":",
    "\"",
    "'",
    "\\",
    "/*",
    "*/",
    "//",
    "\n",
    " ",
    "\t",
    "r#\"",
    "\"#",
    "0",
    "5",
    "-1",
    "1e9",
    "300",
    "true",
    "Some(",
    "None",
    "title",
    "id",
    "span",
    "categories",
    "eras",
    "events",
    "tour",
    "event",
    "date",
    "end",
    "category",
    "importance",
    "sources",
    "related",
    "flags",
    "Seed",
    "Reference",
    "quote",
    "url",
    "DateDisputed",
    "alternatives",
    "\"1956-08-30\"",
    "\"1956-02-30\"",
    "\"c. 1958\"",
    "\"1950s\"",
    "\"#0072b2\"",
    "\"main\"",
    "\"first\"",
    "\"첫 사건\"",
    "\u{feff}",
    "\r\n",
    "\0",
    "é",
    "\u{10ffff}",
];

fn token_soup() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(TOKENS), 0..120).prop_map(|tokens| tokens.concat())
}

proptest! {
    #![proptest_config(config(3_000))]

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        // Whatever happens, it returns.
        if let Err(error) = load_bytes(NAME, &bytes) {
            prop_assert!(!error.diagnostics().is_empty());
        }
    }
}

proptest! {
    #![proptest_config(config(2_000))]

    #[test]
    fn random_ron_like_text_never_panics(text in token_soup()) {
        check_text(&text)?;
    }

    #[test]
    fn random_printable_text_never_panics(text in "\\PC{0,300}") {
        check_text(&text)?;
    }
}

// ---------------------------------------------------------------------------
// Mutations of the minimal fixture
// ---------------------------------------------------------------------------

/// One change to the fixture, on character positions (so the text stays UTF-8).
#[derive(Clone, Debug)]
enum Mutation {
    /// Remove `len` characters at `at`.
    Delete { at: usize, len: usize },
    /// Insert `text` at `at`.
    Insert { at: usize, text: String },
    /// Copy the `len` characters at `from` to `to`.
    Duplicate { from: usize, len: usize, to: usize },
    /// Replace the character at `at` with `with`.
    Replace { at: usize, with: char },
    /// Cut the text at `at`.
    Truncate { at: usize },
}

/// Characters that matter to RON, plus a few that matter to positions.
fn interesting_char() -> impl Strategy<Value = char> {
    prop_oneof![
        prop::sample::select(vec![
            '(', ')', '[', ']', '"', '\'', ',', ':', '\\', '/', '*', '#', '-', '\n', '\r', '\t',
            ' ', '0', '9', 's', 'c', '.', '\0', '\u{feff}', '첫', 'é',
        ]),
        any::<char>(),
    ]
}

fn inserted_text() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::collection::vec(interesting_char(), 1..6).prop_map(|c| c.into_iter().collect()),
        prop::sample::select(TOKENS).prop_map(str::to_owned),
        (1usize..200).prop_map(|n| "[".repeat(n)),
        (1usize..200).prop_map(|n| "(".repeat(n)),
    ]
}

fn mutation(len: usize) -> impl Strategy<Value = Mutation> {
    // Positions may run past the end; `apply` clamps them.
    let at = 0..=len;
    prop_oneof![
        (at.clone(), 1usize..40).prop_map(|(at, len)| Mutation::Delete { at, len }),
        (at.clone(), inserted_text()).prop_map(|(at, text)| Mutation::Insert { at, text }),
        (at.clone(), 1usize..80, at.clone()).prop_map(|(from, len, to)| Mutation::Duplicate {
            from,
            len,
            to
        }),
        (at.clone(), interesting_char()).prop_map(|(at, with)| Mutation::Replace { at, with }),
        at.prop_map(|at| Mutation::Truncate { at }),
    ]
}

fn apply(text: &str, mutation: &Mutation) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    let n = chars.len();
    match mutation {
        Mutation::Delete { at, len } => {
            let at = (*at).min(n);
            let end = (at + len).min(n);
            chars.drain(at..end);
        }
        Mutation::Insert { at, text } => {
            let at = (*at).min(n);
            chars.splice(at..at, text.chars());
        }
        Mutation::Duplicate { from, len, to } => {
            let from = (*from).min(n);
            let end = (from + len).min(n);
            let copy: Vec<char> = chars[from..end].to_vec();
            let to = (*to).min(n);
            chars.splice(to..to, copy);
        }
        Mutation::Replace { at, with } => {
            if let Some(c) = chars.get_mut(*at) {
                *c = *with;
            }
        }
        Mutation::Truncate { at } => chars.truncate(*at),
    }
    chars.into_iter().collect()
}

fn mutations() -> impl Strategy<Value = Vec<Mutation>> {
    prop::collection::vec(mutation(MINIMAL.chars().count()), 1..4)
}

proptest! {
    #![proptest_config(config(4_000))]

    #[test]
    fn mutated_fixtures_never_panic_and_point_inside_the_text(changes in mutations()) {
        let text = changes.iter().fold(MINIMAL.to_owned(), |text, m| apply(&text, m));
        check_text(&text)?;
        // The same text as bytes gives the same answer, with a byte-order mark or not.
        prop_assert_eq!(load_bytes(NAME, text.as_bytes()), load_str(NAME, &text));
    }

    #[test]
    fn single_mutations_never_panic_and_point_inside_the_text(
        change in mutation(MINIMAL.chars().count()),
    ) {
        let text = apply(MINIMAL, &change);
        check_text(&text)?;
    }
}

proptest! {
    #![proptest_config(config(1_000))]

    /// Byte-level damage: flipped bits and cut multi-byte characters (not UTF-8 any more).
    #[test]
    fn damaged_bytes_never_panic(
        flips in prop::collection::vec((0..MINIMAL.len(), any::<u8>()), 1..5),
        cut in prop::option::of(0..=MINIMAL.len()),
    ) {
        let mut bytes = MINIMAL.as_bytes().to_vec();
        for (at, value) in flips {
            bytes[at] = value;
        }
        if let Some(cut) = cut {
            bytes.truncate(cut);
        }
        if let Err(error) = load_bytes(NAME, &bytes) {
            let diagnostics = error.diagnostics();
            prop_assert!(!diagnostics.is_empty());
            for d in diagnostics {
                prop_assert!(!d.message.is_empty());
                if let Some(p) = d.position {
                    prop_assert!(p.line >= 1 && p.column >= 1, "{:?}", d);
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Value mutations: the syntax stays valid, so validation and the locator that
// finds lines for its problems get the work.
// ---------------------------------------------------------------------------

/// The byte ranges of the contents of the fixture's string literals (it has no escapes).
fn string_contents() -> Vec<(usize, usize)> {
    let quotes: Vec<usize> = MINIMAL.match_indices('"').map(|(i, _)| i).collect();
    assert_eq!(quotes.len() % 2, 0);
    quotes
        .chunks(2)
        .map(|pair| (pair[0] + 1, pair[1]))
        .collect()
}

/// Values that mean something to validation, and random text without quotes or escapes.
fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "",
            " ",
            "first",
            "second",
            "main",
            "fifties",
            "frist",
            "mian",
            "1956-02-30",
            "1956-13",
            "1949",
            "1961",
            "c. 1958",
            "1950s",
            "1955s",
            "late 1950s",
            "0000",
            "9999",
            "1960",
            "1950",
            "#0072b2",
            "#zzzzzz",
            "blue",
            "https://",
            "ftp://x",
            "http://x.org",
            "첫 사건",
            "a b",
            "Seed",
            "id: ",
            "events: [",
            "tour: ",
        ])
        .prop_map(str::to_owned),
        "[^\"\\\\]{0,12}",
    ]
}

proptest! {
    #![proptest_config(config(3_000))]

    #[test]
    fn mutated_values_never_panic_and_point_inside_the_text(
        changes in prop::collection::vec((any::<prop::sample::Index>(), value()), 1..6),
    ) {
        let ranges = string_contents();
        let mut chosen: Vec<((usize, usize), String)> = changes
            .into_iter()
            .map(|(index, value)| (*index.get(&ranges), value))
            .collect();
        // Replace from the end so earlier ranges stay valid; one value per string.
        chosen.sort_by_key(|(range, _)| std::cmp::Reverse(range.0));
        chosen.dedup_by_key(|(range, _)| range.0);
        let mut text = MINIMAL.to_owned();
        for ((start, end), value) in chosen {
            text.replace_range(start..end, &value);
        }
        check_text(&text)?;
    }
}

#[test]
fn the_mutation_helpers_do_what_they_say() {
    assert_eq!(apply("abcdef", &Mutation::Delete { at: 1, len: 2 }), "adef");
    assert_eq!(apply("abc", &Mutation::Delete { at: 2, len: 99 }), "ab");
    assert_eq!(
        apply(
            "a첫c",
            &Mutation::Insert {
                at: 2,
                text: "[\"".to_owned()
            }
        ),
        "a첫[\"c"
    );
    assert_eq!(
        apply(
            "abcd",
            &Mutation::Duplicate {
                from: 1,
                len: 2,
                to: 4
            }
        ),
        "abcdbc"
    );
    assert_eq!(
        apply("abc", &Mutation::Replace { at: 1, with: '첫' }),
        "a첫c"
    );
    assert_eq!(apply("abc", &Mutation::Replace { at: 9, with: 'x' }), "abc");
    assert_eq!(apply("a첫c", &Mutation::Truncate { at: 2 }), "a첫");
    assert!(check_text(MINIMAL).is_ok());
}

proptest! {
    #![proptest_config(config(1_000))]

    /// `validate` given a text other than the one the file was read from (it is public):
    /// the positions cannot be right, but they are inside the text, in order, and it
    /// does not panic.
    #[test]
    fn validating_against_another_text_never_panics(changes in mutations()) {
        let broken = MINIMAL
            .replace("\"#0072b2\"", "\"blue\"")
            .replace("\"1956-08-30\"", "\"1956-02-30\"")
            .replace("(event: \"second\")", "(event: \"third\")")
            .replace("[\"1956-12\"]", "[\"1956-12-32\"]");
        let file = parse_str(NAME, &broken).unwrap();
        let text = changes.iter().fold(broken, |text, m| apply(&text, m));
        let problems = validate(NAME, &text, file.clone()).unwrap_err();
        prop_assert_eq!(problems.len(), 4);
        check_problems(&text, &problems)?;
    }
}
