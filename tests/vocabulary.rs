//! The general vocabulary of the file format and its older, WPK-specific spellings:
//! both load, to the same timeline, and show the same.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use wpk_timeline::model::load::{EMBEDDED_DATASET, load_str};
use wpk_timeline::model::schema::{ProvenanceFlag, SourceRecord};
use wpk_timeline::ui::detail_panel::flag_note;

const MINIMAL: &str = include_str!("fixtures/minimal.ron");
const SPACE_RACE: &str = include_str!("fixtures/space_race.ron");

fn messages(text: &str) -> Vec<String> {
    load_str("test.ron", text)
        .expect_err("the file must be refused")
        .diagnostics()
        .iter()
        .map(ToString::to_string)
        .collect()
}

#[test]
fn the_dataset_loads_the_same_in_old_and_new_spellings() {
    assert!(EMBEDDED_DATASET.contains("korean_title:") && EMBEDDED_DATASET.contains("hangul:"));
    let old = load_str("old.ron", EMBEDDED_DATASET).expect("the shipped dataset loads unchanged");
    let renamed = EMBEDDED_DATASET
        .replace("korean_title:", "native_title:")
        .replace("hangul:", "native:");
    let new = load_str("new.ron", &renamed).expect("the new spelling loads");
    assert_eq!(old, new);
    assert!(old.events.iter().any(|e| e.record.native_title.is_some()));
    assert!(
        old.events
            .iter()
            .flat_map(|e| &e.record.people)
            .any(|p| p.native.as_deref() == Some("김일성"))
    );
}

#[test]
fn north_korean_claim_reads_as_an_official_claim_by_north_korean_sources() {
    let old = ProvenanceFlag::NorthKoreanClaim("Founded in 1926.".into());
    let new = ProvenanceFlag::OfficialClaim {
        by: "North Korean sources".into(),
        claim: "Founded in 1926.".into(),
    };
    assert_eq!(flag_note(&old), flag_note(&new));
    assert_eq!(flag_note(&old).0, "Claimed by North Korean sources");
    let soviet = load_str("space.ron", SPACE_RACE).expect("the space race loads");
    let vostok = soviet
        .events
        .iter()
        .find(|e| e.record.id == "vostok-1")
        .expect("vostok-1");
    assert_eq!(
        flag_note(&vostok.record.flags[0]).0,
        "Claimed by Soviet official accounts"
    );
}

#[test]
fn quotations_name_their_source_and_seed_is_still_accepted() {
    let seed = load_str("old.ron", MINIMAL).expect("Seed loads");
    assert!(matches!(
        seed.events[0].record.sources[0],
        SourceRecord::Seed { .. }
    ));
    let quoted = MINIMAL.replace(
        "Seed(quote: \"a quotation\")",
        "Quote(source: \"Rodong Sinmun\", quote: \"a quotation\")",
    );
    let quoted = load_str("new.ron", &quoted).expect("Quote loads");
    assert_eq!(
        quoted.events[0].record.sources[0],
        SourceRecord::Quote {
            source: "Rodong Sinmun".into(),
            quote: "a quotation".into()
        }
    );
    let unnamed = MINIMAL.replace(
        "Seed(quote: \"a quotation\")",
        "Quote(source: \" \", quote: \"a quotation\")",
    );
    assert!(messages(&unnamed)[0].contains("a quotation without the name of its source"));
}

#[test]
fn a_disputed_end_is_shown_as_such() {
    let text = MINIMAL.replace(
        "flags: [DateDisputed(alternatives: [\"1956-12\"], note: \"Official histories say December 1956.\")],",
        "end: \"1959\", flags: [DateDisputed(of: end, alternatives: [\"1960\"], note: \"n\"), \
         DateDisputed(of: start, alternatives: [\"1957\"], note: \"m\")],",
    );
    assert_ne!(text, MINIMAL);
    let timeline = load_str("end.ron", &text).expect("loads");
    let second = timeline
        .events
        .iter()
        .find(|e| e.record.id == "second")
        .expect("second");
    assert_eq!(
        second.date_label(),
        "c. 1958 – 1959 (disputed: 1957) (end disputed: 1960)"
    );
    // Every alternative is still drawn where it falls.
    assert_eq!(second.disputed_alternatives.len(), 2);

    // An end cannot be disputed where there is none.
    let no_end = MINIMAL.replace(
        "DateDisputed(alternatives:",
        "DateDisputed(of: end, alternatives:",
    );
    let found = messages(&no_end);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].contains("event `second` has no `end` to dispute"),
        "{found:?}"
    );
    assert!(found[0].starts_with("test.ron:34:38:"), "{found:?}");
}

#[test]
fn eras_carry_sources_and_flags_and_they_are_checked() {
    let space = load_str("space.ron", SPACE_RACE).expect("loads");
    let apollo = space
        .eras
        .iter()
        .find(|e| e.record.id == "apollo")
        .expect("apollo");
    assert_eq!(apollo.record.sources.len(), 1);
    assert_eq!(apollo.record.flags.len(), 1);
    let bad = SPACE_RACE.replace("https://history.nasa.gov/", "ftp://history.nasa.gov/");
    let found = messages(&bad);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("era `apollo`: link"), "{found:?}");
}

#[test]
fn messages_do_not_mention_a_seed_text() {
    let text = SPACE_RACE.replace(
        "sources: [Reference(title: \"NASA (Wikipedia)\", url: \"https://en.wikipedia.org/wiki/NASA\")],",
        "sources: [],",
    );
    let found = messages(&text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].contains("event `nasa` has no sources"),
        "{found:?}"
    );
    assert!(!found[0].to_lowercase().contains("seed"), "{found:?}");
}

#[test]
fn old_and_new_names_of_one_field_together_are_an_error() {
    let text = MINIMAL.replace(
        "korean_title: \"첫 사건\",",
        "korean_title: \"첫 사건\", native_title: \"첫 사건\",",
    );
    assert!(messages(&text)[0].contains("native_title"));
}
