//! Hostile timeline files: links that could open local files or hide where they lead,
//! and texts that are accepted by the format but make no sense (empty or spaced
//! aliases, disputed dates outside the span, an event related to itself, control
//! characters in ids and titles, invisible titles). Each is refused with its line and
//! column; a link to a site's home page is a warning that `check` prints and passes.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::Command;

use wpk_timeline::model::diagnostic::{Diagnostic, TextPosition};
use wpk_timeline::model::load::{LoadError, load_str};

const MINIMAL: &str = include_str!("fixtures/minimal.ron");

/// The minimal fixture with `from` replaced by `to` (which must occur once).
fn edited(from: &str, to: &str) -> String {
    assert_eq!(MINIMAL.matches(from).count(), 1, "{from}");
    MINIMAL.replace(from, to)
}

fn problems(case: &str, text: &str) -> Vec<Diagnostic> {
    match load_str("case.ron", text) {
        Ok(_) => panic!("{case}: loaded, but should be refused"),
        Err(LoadError::Invalid(diagnostics)) => diagnostics,
        Err(other) => panic!("{case}: {other}"),
    }
}

/// The position of the first occurrence of `needle` in `text` (1-based, characters).
fn position_of(text: &str, needle: &str) -> TextPosition {
    let offset = text.find(needle).expect("needle");
    TextPosition::of_offset(text, offset)
}

#[test]
fn unsafe_links_are_refused_where_they_are_written() {
    let cases = [
        (
            "https://[/../../../../../../../../etc/passwd",
            "not a valid web address",
        ),
        ("https://exa mple.org/book", "contains a space"),
        ("https:///etc/passwd", "has no host"),
        ("https://user@evil.example/book", "user name"),
        ("file:///etc/passwd", "must start with https:// or http://"),
        (
            "https://example.org/\\u{1b}]0;title\\u{7}",
            "control character",
        ),
    ];
    for (link, why) in cases {
        let text = edited("https://example.org/book", link);
        let found = problems(link, &text);
        assert_eq!(found.len(), 1, "{link}: {found:?}");
        let position = position_of(&text, &format!("\"{link}"));
        assert_eq!(found[0].position, Some(position), "{link}");
        assert!(
            found[0].message.contains(why),
            "{link}: {}",
            found[0].message
        );
        // Nothing from the file reaches the terminal raw.
        let shown = found[0].to_string();
        assert!(
            !shown.chars().any(|c| c.is_control() && c != '\n'),
            "{shown:?}"
        );
    }
}

#[test]
fn a_home_page_link_is_a_warning_and_check_still_passes() {
    let text = edited("https://example.org/book", "https://example.org/");
    let timeline = load_str("case.ron", &text).expect("a warning does not refuse the file");
    assert_eq!(timeline.warnings.len(), 1);
    let warning = &timeline.warnings[0];
    assert_eq!(
        warning.position,
        Some(position_of(&text, "\"https://example.org/\""))
    );
    assert!(warning.message.contains("home page"), "{}", warning.message);

    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("home.ron");
    std::fs::write(&path, &text).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_wpk-timeline"))
        .arg("check")
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.starts_with(&format!("warning: {}:", path.display()))
            && stderr.contains("home page"),
        "{stderr}"
    );
    assert!(
        String::from_utf8(output.stdout)
            .unwrap()
            .starts_with("ok: ")
    );
}

#[test]
fn texts_that_make_no_sense_are_refused_with_a_position() {
    let cases: [(&str, &str, &str, &str); 12] = [
        (
            "empty alias",
            "id: \"first\",",
            "id: \"first\", aliases: [\"\"],",
            "has an empty alias",
        ),
        (
            "spaced alias",
            "id: \"first\",",
            "id: \"first\", aliases: [\"first one\"],",
            "contains spaces",
        ),
        (
            "disputed date outside the span",
            "alternatives: [\"1956-12\"]",
            "alternatives: [\"1999-12\"]",
            "the disputed date 1999-12 of event `second` lies outside the timeline's span",
        ),
        (
            "empty DateDisputed",
            "alternatives: [\"1956-12\"]",
            "alternatives: []",
            "without alternative dates",
        ),
        (
            "related to itself",
            "related: [\"second\"],",
            "related: [\"first\"],",
            "is related to itself",
        ),
        (
            "related twice",
            "related: [\"second\"],",
            "related: [\"second\", \"second\"],",
            "names related event `second` twice",
        ),
        (
            "NUL in a title",
            "title: \"First event\"",
            "title: \"First\\u{0}event\"",
            "control character U+0000",
        ),
        (
            "escape in a title",
            "title: \"First event\"",
            "title: \"\\u{1b}[2JFirst\"",
            "control character U+001B",
        ),
        (
            "escape in an id",
            "id: \"second\"",
            "id: \"sec\\u{1b}]0;pwned\\u{7}ond\"",
            "control character U+001B",
        ),
        (
            "NUL in an id",
            "id: \"first\"",
            "id: \"fi\\u{0}rst\"",
            "control character U+0000",
        ),
        (
            "invisible title",
            "title: \"First event\"",
            "title: \"\\u{200b}\\u{2060}\\u{feff}\"",
            "only invisible characters",
        ),
        (
            "host-less link",
            "https://example.org/book",
            "https:///etc/passwd",
            "has no host",
        ),
    ];
    for (case, from, to, why) in cases {
        let text = edited(from, to);
        let found = problems(case, &text);
        let hit = found
            .iter()
            .find(|d| d.message.contains(why))
            .unwrap_or_else(|| panic!("{case}: no {why:?} in {found:?}"));
        let position = hit.position.expect("a position");
        let line = text.lines().nth(position.line - 1).unwrap();
        let key = to.split(':').next().unwrap().trim_start_matches('"');
        assert!(
            line.contains(key) || line.contains(to.trim_end_matches(',')),
            "{case}: points at line {}: {line:?}",
            position.line
        );
        for diagnostic in &found {
            let shown = diagnostic.to_string();
            assert!(
                !shown.chars().any(|c| c.is_control() && c != '\n'),
                "{case}: {shown:?}"
            );
        }
    }
}

/// A file that is one huge word (a tester's 50 MB of `a`) once gave a message quoting
/// all of it: every quoted piece of the file is now cut short, so no message grows with
/// the file. Also a huge field name (compared against the known names for a "did you
/// mean") and huge ids, quoted by the checks after parsing.
#[test]
fn a_huge_word_is_quoted_short_and_the_message_does_not_grow_with_the_file() {
    let word = "a".repeat(3_000_000);
    let long_id = "b".repeat(2_000_000);
    let cases = [
        (
            "a file of one word",
            word.clone(),
            TextPosition { line: 1, column: 1 },
        ),
        (
            "a huge field name",
            edited("subtitle:", &format!("{word}:")),
            position_of(&edited("subtitle:", &format!("{word}:")), &word),
        ),
        (
            "a huge duplicate event id",
            edited("id: \"second\"", &format!("id: \"{long_id}\""))
                .replace("id: \"first\"", &format!("id: \"{long_id}\"")),
            TextPosition { line: 0, column: 0 },
        ),
    ];
    for (case, text, expected) in cases {
        let diagnostics = problems(case, &text);
        assert!(!diagnostics.is_empty(), "{case}");
        for diagnostic in &diagnostics {
            let shown = diagnostic.to_string();
            assert!(
                diagnostic.message.chars().count() < 1_000 && shown.chars().count() < 2_000,
                "{case}: a message of {} characters, shown in {}: {}…",
                diagnostic.message.chars().count(),
                shown.chars().count(),
                shown.chars().take(300).collect::<String>()
            );
            assert!(diagnostic.position.is_some(), "{case}: {shown}");
        }
        if expected.line > 0 {
            let first = &diagnostics[0];
            assert_eq!(first.position, Some(expected), "{case}: {first}");
            assert!(first.message.contains('…'), "{case}: {first}");
            assert!(
                first
                    .headline()
                    .starts_with(&format!("case.ron:{}:{}: ", expected.line, expected.column)),
                "{case}: {first}"
            );
        }
    }
}
