//! The fast path of parsing against ron, the reference (issue 16): whenever the fast
//! path reads a text, ron reads it too, to an equal file.
//!
//! Every timeline in the repository and generated ones must be read by the fast path
//! (else loading is slow again) and equal ron's reading; a table of tricky texts says
//! which the fast path reads and which it leaves to ron; and thousands of small random
//! edits of several texts check the contract on whatever comes out.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use wpk_timeline::generate::{generate_timeline, to_compact_ron};
use wpk_timeline::model::load::{parse_fast, parse_with_ron, to_ron_string};

/// Every construct of the format the fast path reads, in one text ron reads.
const TRICKY: &str = r##"// Every construct the fast path reads.
#![enable(implicit_some)]
/* a block /* nested */ comment */
TimelineFile(
    title: "Escapes: \"quoted\", back\\slash, new\nline, tab\t, \u{D55C}\u{ad6d}, \x41, nul \0 end, \' \r",
    subtitle: r#"A raw "string" with \n kept"#,
    span: ("1926", "2021",),
    default_view: Some(("1945", "1961")),
    categories: [
        CategoryRecord(id: "a", name: "A", colour: "#000000"),
        (id: "b", name: r"B", colour: "#ffffff",),
    ],
    eras: [
        EraRecord(id: "e", name: "E", short_name: "Short", start: "1930", end: "1940", colour: "#123456",
            sources: [Quote(source: "S", quote: "Q")],
            flags: [Unconfirmed("u")],
            media: [Media(file: "a.png", caption: "c", credit: "cr", licence: "l")]),
    ],
    events: [
        EventRecord(
            id: "x", aliases: ["y", "z",], title: "T", short_name: None, native_title: Some("한국어"),
            date: "1956-08-30", end: Some("1956-09"), category: "a", importance: 5,
            people: [PersonRecord(name: "P", native: "피"), (name: "Q", hangul: "큐")],
            places: [/* c */ "pyongyang" /* c */, // c
            ],
            summary: "line one \
                      continued",
            details: "",
            sources: [Seed(quote: "q"), Reference(title: "t", url: "https://example.org"), Reference(title: "u", url: None)],
            flags: [
                OfficialClaim(by: "b", claim: "c"),
                NorthKoreanClaim("n",),
                DateDisputed(of: end, alternatives: ["1957"], note: "n"),
                DateDisputed(of: start, alternatives: [], note: "n"),
                CitationNeeded("c"),
                SeedDiffers(seed: "s", sources: "t"),
            ],
            related: [], tags: ["t"],
        ),
        (id: "k", title: "K", korean_title: "케이", date: "1960", category: "b", importance: 1, summary: "s", sources: [Seed(quote: "q")]),
    ],
    tour: [TourStepRecord(event: "x", view: (/* from */ "1956", /* to */ "1957"), note: "n"), (event: "k")],
    places: [
        Place(id: "pyongyang", name: "Pyongyang", native: "평양", lat: 39.0392, lon: 125.7625),
        (id: "zero", name: "Zero", lat: -0.0, lon: 0),
        (id: "exp", name: "Exp", lat: 1e1, lon: -.5e-1),
        (id: "dot", name: "Dot", lat: .5, lon: 1.,),
    ],
)
// a line comment at the end, without a line end"##;

const MINIMAL: &str = include_str!("fixtures/minimal.ron");
const SPACE_RACE: &str = include_str!("fixtures/space_race.ron");

/// The contract: if the fast path reads `text`, ron reads it to an equal file.
/// Returns whether the fast path read it.
fn check_contract(text: &str, what: &str) -> bool {
    let Some(fast) = parse_fast(text) else {
        return false;
    };
    match parse_with_ron(text) {
        Ok(reference) => assert!(
            fast == reference,
            "{what}: the fast path and ron read different files from:\n{text}"
        ),
        Err(error) => panic!("{what}: the fast path read a text ron refuses ({error}):\n{text}"),
    }
    true
}

fn ron_files(folder: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            ron_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "ron") {
            found.push(path);
        }
    }
}

#[test]
fn every_timeline_in_the_repository_is_read_fast_and_as_ron_reads_it() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for folder in ["data", "tests/fixtures", "examples"] {
        ron_files(&root.join(folder), &mut files);
    }
    assert!(files.len() >= 9, "only {files:?}");
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let what = path.display().to_string();
        let read_fast = check_contract(text, &what);
        // A file ron reads must not fall back: that would be the slow path again.
        assert_eq!(
            read_fast,
            parse_with_ron(text).is_ok(),
            "{what}: the fast path should read exactly the files ron reads"
        );
    }
}

#[test]
fn generated_timelines_are_read_fast_and_as_ron_reads_them() {
    for seed in 1..=4 {
        let file = generate_timeline(300, seed);
        let compact = to_compact_ron(&file).unwrap();
        let pretty = to_ron_string(&file).unwrap();
        for (style, text) in [("compact", &compact), ("pretty", &pretty)] {
            let what = format!("seed {seed}, {style}");
            assert!(check_contract(text, &what), "{what}: left to ron");
            assert!(
                parse_fast(text).unwrap() == file,
                "{what}: not the file written"
            );
        }
    }
}

#[test]
fn the_tricky_text_is_read_fast() {
    assert!(check_contract(TRICKY, "the tricky text"));
    let file = parse_fast(TRICKY).unwrap();
    assert_eq!(
        file.title,
        "Escapes: \"quoted\", back\\slash, new\nline, tab\t, 한국, A, nul \0 end, ' \r"
    );
    assert_eq!(file.subtitle, r#"A raw "string" with \n kept"#);
    assert_eq!(file.events[0].summary, "line one continued");
    assert_eq!(file.places[1].lat.to_bits(), (-0.0_f64).to_bits());
    assert_eq!(file.places[2].lon, -0.05);
}

/// Edits of the tricky text: `(what, from, to, read fast)`; `to` replaces the first
/// `from`. Whatever the fast path reads must be what ron reads; the last column says
/// whether it reads the edited text at all (the rest it leaves to ron).
const CASES: &[(&str, &str, &str, bool)] = &[
    ("unchanged", "", "", true),
    ("no struct name", "TimelineFile(", "(", true),
    (
        "a space after a name",
        "TimelineFile(",
        "TimelineFile /* c */ (",
        true,
    ),
    ("a wrong struct name", "TimelineFile(", "Timeline(", false),
    ("another type's name", "EraRecord(", "EventRecord(", false),
    ("a name for a tuple", "span: (", "span: Span(", false),
    (
        "a name with a digit",
        "TimelineFile(",
        "1TimelineFile(",
        false,
    ),
    ("an unknown field", "title: \"T\"", "titel: \"T\"", false),
    (
        "a duplicate field",
        "importance: 5,",
        "importance: 5, importance: 4,",
        false,
    ),
    (
        "a field given twice by its alias",
        "title: \"K\",",
        "title: \"K\", native_title: \"k\",",
        false,
    ),
    ("a missing field", "category: \"a\", ", "", false),
    ("importance 300", "importance: 5", "importance: 300", false),
    ("importance -1", "importance: 5", "importance: -1", false),
    ("importance +5", "importance: 5", "importance: +5", false),
    ("importance 05", "importance: 5", "importance: 05", true),
    ("importance 5u8", "importance: 5", "importance: 5u8", false),
    ("importance 0x5", "importance: 5", "importance: 0x5", false),
    ("importance 1e3", "importance: 5", "importance: 1e3", false),
    ("importance 5.0", "importance: 5", "importance: 5.0", false),
    (
        "importance in quotes",
        "importance: 5",
        "importance: \"5\"",
        false,
    ),
    ("lat 1e3", "lat: 39.0392", "lat: 1e3", true),
    ("lat .5", "lat: 39.0392", "lat: .5", true),
    ("lat -0.0", "lat: 39.0392", "lat: -0.0", true),
    ("lat 1E-3", "lat: 39.0392", "lat: 1E-3", true),
    ("lat +1.5", "lat: 39.0392", "lat: +1.5", true),
    ("lat 1e400", "lat: 39.0392", "lat: 1e400", true),
    ("lat inf", "lat: 39.0392", "lat: inf", false),
    ("lat -inf", "lat: 39.0392", "lat: -inf", false),
    ("lat NaN", "lat: 39.0392", "lat: NaN", false),
    ("lat with _", "lat: 39.0392", "lat: 3_9.0392", false),
    ("lat f64", "lat: 39.0392", "lat: 39.0392f64", false),
    ("lat 1..2", "lat: 39.0392", "lat: 1..2", false),
    ("lat -", "lat: 39.0392", "lat: -", false),
    ("lat 1e", "lat: 39.0392", "lat: 1e", false),
    ("lat 1-2", "lat: 39.0392", "lat: 1-2", false),
    (
        "explicit Some with a comma",
        "Some(\"1956-09\")",
        "Some( \"1956-09\" , )",
        true,
    ),
    (
        "Some without brackets",
        "Some(\"1956-09\")",
        "Some \"1956-09\"",
        false,
    ),
    (
        "Some of Some",
        "Some(\"1956-09\")",
        "Some(Some(\"1956-09\"))",
        false,
    ),
    ("None as a list", "related: []", "related: None", false),
    ("None glued to a word", "url: None", "url: Nonesuch", false),
    ("a raw field name", "subtitle:", "r#subtitle:", false),
    ("a field name with a dash", "subtitle:", "sub-title:", false),
    ("a non-ASCII field name", "subtitle:", "subtitlé:", false),
    ("a unit variant in capitals", "of: end", "of: End", false),
    (
        "a unit variant with brackets",
        "of: end",
        "of: end()",
        false,
    ),
    (
        "a newtype variant without brackets",
        "CitationNeeded(\"c\")",
        "CitationNeeded \"c\"",
        false,
    ),
    (
        "a struct variant with a name inside",
        "Seed(quote: \"q\")",
        "Seed(Seed(quote: \"q\"))",
        false,
    ),
    (
        "an unknown variant",
        "CitationNeeded(",
        "CitationWanted(",
        false,
    ),
    ("an invalid escape", "new\\nline", "new\\qline", false),
    ("an escape past Unicode", "\\u{D55C}", "\\u{110000}", false),
    ("a surrogate escape", "\\u{D55C}", "\\u{D800}", false),
    ("an empty Unicode escape", "\\u{D55C}", "\\u{}", false),
    (
        "a Unicode escape without a brace",
        "\\u{D55C}",
        "\\uD55C",
        false,
    ),
    ("a byte escape above ASCII", "\\x41", "\\xC3\\xA9", false),
    ("a lone high byte escape", "\\x41", "\\x80", false),
    ("a CRLF continuation", "one \\\n", "one \\\r\n", true),
    ("a carriage return escape", "\\r\",", "\\\r\",", false),
    ("an unclosed string", "title: \"T\",", "title: \"T,", false),
    ("an unclosed raw string", "r\"B\"", "r\"B", false),
    ("a raw string with hashes", "r\"B\"", "r##\"B\"#\"##", true),
    (
        "nested comments",
        "/* c */ \"pyongyang\"",
        "/* a /* b /* c */ */ */ \"pyongyang\"",
        true,
    ),
    (
        "a comment slash star slash",
        "/* c */ \"pyongyang\"",
        "/*/ c */ \"pyongyang\"",
        true,
    ),
    ("a lone slash", "// c\n", "/ c\n", false),
    (
        "an unclosed comment",
        "// a line comment at the end",
        "/* unclosed /* */",
        false,
    ),
    (
        "text after the end",
        "// a line comment at the end",
        "x",
        false,
    ),
    (
        "a second value",
        "// a line comment at the end",
        "()",
        false,
    ),
    (
        "two commas",
        "(\"1926\", \"2021\",)",
        "(\"1926\", \"2021\",,)",
        false,
    ),
    ("a comma only", "related: []", "related: [,]", false),
    (
        "a missing comma",
        "short_name: None, native_title",
        "short_name: None native_title",
        false,
    ),
    (
        "three dates",
        "(\"1926\", \"2021\",)",
        "(\"1926\", \"2021\", \"2022\")",
        false,
    ),
    ("one date", "(\"1926\", \"2021\",)", "(\"1926\")", false),
    (
        "a list for a tuple",
        "(\"1926\", \"2021\",)",
        "[\"1926\", \"2021\"]",
        false,
    ),
    ("a map", "(id: \"zero\"", "{id: \"zero\"", false),
    (
        "tabs, form feeds, vertical tabs",
        "span: (",
        "span:\t\x0B\x0C(",
        true,
    ),
    ("CRLF line ends", "\n    span", "\r\n    span", true),
    ("a line separator", "span: (", "span:\u{2028}(", false),
    ("a non-breaking space", "span: (", "span:\u{a0}(", false),
    (
        "the implicit_some attribute twice",
        "#![enable(implicit_some)]",
        "#![enable(implicit_some, implicit_some,)] # ! [ enable ( implicit_some ) ]",
        true,
    ),
    (
        "another extension",
        "#![enable(implicit_some)]",
        "#![enable(unwrap_newtypes)]",
        false,
    ),
    (
        "an unknown extension",
        "#![enable(implicit_some)]",
        "#![enable(implicit_none)]",
        false,
    ),
    (
        "a type attribute",
        "#![enable(implicit_some)]",
        "#![type = \"x\"]",
        false,
    ),
    (
        "an unclosed attribute",
        "#![enable(implicit_some)]",
        "#![enable(implicit_some)",
        false,
    ),
    ("a true for a string", "title: \"T\"", "title: true", false),
    ("a char for a string", "title: \"T\"", "title: 'T'", false),
    ("a byte string", "title: \"T\"", "title: b\"T\"", false),
];

#[test]
fn tricky_edits_are_read_as_ron_reads_them_or_left_to_it() {
    for &(what, from, to, fast) in CASES {
        assert!(TRICKY.contains(from), "{what}: {from:?} is not in the text");
        let text = TRICKY.replacen(from, to, 1);
        assert_eq!(check_contract(&text, what), fast, "{what}: read fast?");
    }
}

/// Small random edits: a byte or a token deleted, inserted, replaced or repeated.
fn mutate(text: &str, rng: &mut fastrand::Rng) -> String {
    const PIECES: &[&str] = &[
        "(", ")", "[", "]", ",", ":", "\"", "\\", "/", "*", "/*", "*/", "//", "\n", " ", "#", "r",
        "r#", "b", "0", "5", "-", "+", ".", "e", "_", "x", "u{", "}", "Some(", "None", "inf",
        "NaN", "é", "\u{2028}", "\r", "'", "!",
    ];
    let mut bytes = text.as_bytes().to_vec();
    for _ in 0..rng.usize(1..=3) {
        if bytes.is_empty() {
            break;
        }
        let at = rng.usize(..bytes.len());
        let len = rng.usize(1..=8).min(bytes.len() - at);
        match rng.u8(..6) {
            0 => {
                bytes.remove(at);
            }
            1 => {
                bytes.drain(at..at + len);
            }
            2 => {
                let piece = PIECES[rng.usize(..PIECES.len())].as_bytes();
                bytes.splice(at..at, piece.iter().copied());
            }
            3 => {
                let piece = PIECES[rng.usize(..PIECES.len())].as_bytes();
                bytes.splice(at..at + 1, piece.iter().copied());
            }
            4 => {
                let copy = bytes[at..at + len].to_vec();
                bytes.splice(at..at, copy);
            }
            _ => bytes[at] = rng.u8(0x20..0x7F),
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

fn fuzz(name: &str, text: &str, seed: u64, rounds: usize) {
    let mut rng = fastrand::Rng::with_seed(seed);
    let (mut read, mut left) = (0, 0);
    for round in 0..rounds {
        let edited = mutate(text, &mut rng);
        if check_contract(&edited, &format!("{name}, edit {round}")) {
            read += 1;
        } else {
            left += 1;
        }
    }
    // Neither side empty: the edits reach both what is read and what is left to ron.
    assert!(
        read > rounds / 20,
        "{name}: only {read} of {rounds} edits read fast"
    );
    assert!(
        left > rounds / 20,
        "{name}: only {left} of {rounds} edits left to ron"
    );
}

#[test]
fn random_edits_of_the_tricky_text_keep_the_contract() {
    fuzz("tricky", TRICKY, 16, 3000);
}

#[test]
fn random_edits_of_the_fixtures_keep_the_contract() {
    fuzz("minimal", MINIMAL, 1, 2000);
    fuzz("space_race", SPACE_RACE, 2, 1000);
    let generated = to_compact_ron(&generate_timeline(20, 3)).unwrap();
    fuzz("generated", &generated, 3, 1000);
}

#[test]
fn random_edits_of_the_dataset_keep_the_contract() {
    let dataset = wpk_timeline::model::load::EMBEDDED_DATASET;
    fuzz("dataset", dataset, 4, 150);
}
