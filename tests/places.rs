//! The gazetteer (`places`): every mistake in it, and every unknown place an event
//! names, is reported with the exact line and column of the value; a file without a
//! gazetteer keeps its places as plain names; the built-in dataset resolves every place.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use wpk_timeline::model::load::{load_embedded, load_str};
use wpk_timeline::model::places::events_at;

const MINIMAL: &str = include_str!("fixtures/minimal.ron");

/// The minimal fixture with a gazetteer after its eras and the first event at `places`.
fn with_places(gazetteer: &str, event_places: &str) -> String {
    let text = MINIMAL.replace(
        "    events: [\n",
        &format!("    places: [\n{gazetteer}    ],\n    events: [\n"),
    );
    text.replacen(
        "            category: \"main\",\n            importance: 5,",
        &format!(
            "            category: \"main\",\n            importance: 5,\n            places: {event_places},"
        ),
        1,
    )
}

const GOOD: &str = "        Place(id: \"pyongyang\", name: \"Pyongyang\", native: Some(\"평양\"), lat: 39.0392, lon: 125.7625),\n        (id: \"moscow\", name: \"Moscow\", lat: 55.7558, lon: 37.6173),\n";

/// The 1-based line and column (in characters) of the `nth` occurrence of `needle`.
fn position_of(text: &str, needle: &str, nth: usize) -> (usize, usize) {
    let offset = text
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("{needle:?} occurs fewer than {} times", nth + 1))
        .0;
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, column)
}

/// The problems loading `text` reports, as (line, column, message).
fn problems(text: &str) -> Vec<(usize, usize, String)> {
    let error = load_str("case.ron", text).expect_err("the case must not load");
    error
        .diagnostics()
        .iter()
        .map(|d| {
            let p = d.position.expect("every place problem has a position");
            (p.line, p.column, d.message.clone())
        })
        .collect()
}

#[test]
fn a_good_gazetteer_loads_and_resolves_the_events_places() {
    let text = with_places(GOOD, "[\"moscow\", \"pyongyang\"]");
    let timeline = load_str("case.ron", &text).expect("valid");
    assert_eq!(timeline.places.places.len(), 2);
    let first = timeline.find("first").unwrap();
    let names: Vec<String> = timeline
        .places
        .of_event(&timeline.events[first].record.places)
        .map(|p| p.full_name())
        .collect();
    assert_eq!(names, ["Moscow", "Pyongyang (평양)"]);
    assert_eq!(events_at(&timeline, "moscow"), vec![first]);
    // And the gazetteer survives a write and read.
    let again = wpk_timeline::model::load::to_ron_string(&timeline.to_file()).unwrap();
    let reloaded = load_str("again.ron", &again).expect("round trip");
    assert_eq!(reloaded.places, timeline.places);
}

#[test]
fn without_a_gazetteer_places_are_plain_names() {
    let text = with_places("", "[\"off Wonsan\", \"Huadian, Jilin, China\"]")
        .replace("    places: [\n    ],\n", "");
    let timeline = load_str("case.ron", &text).expect("plain names load as before");
    assert!(timeline.places.is_empty());
    let first = timeline.find("first").unwrap();
    assert_eq!(
        timeline
            .places
            .display_name(&timeline.events[first].record.places[0]),
        "off Wonsan"
    );
}

#[test]
fn an_unknown_place_is_reported_where_it_is_written_with_a_suggestion() {
    let text = with_places(GOOD, "[\"pyongyang\", \"moskow\"]");
    let (line, column) = position_of(&text, "\"moskow\"", 0);
    assert_eq!(
        problems(&text),
        vec![(
            line,
            column,
            "event `first` names unknown place `moskow`; did you mean `moscow`?".to_owned()
        )]
    );
    let text = with_places(GOOD, "[\"Huadian, Jilin, China\"]");
    let (line, column) = position_of(&text, "\"Huadian", 0);
    assert_eq!(
        problems(&text),
        vec![(
            line,
            column,
            "event `first` names unknown place `Huadian, Jilin, China`; add it to `places` with its coordinates"
                .to_owned()
        )]
    );
}

#[test]
fn every_mistake_in_an_entry_is_reported_at_its_value() {
    type Case = (
        &'static str,
        &'static str,
        &'static str,
        usize,
        &'static str,
    );
    let cases: [Case; 9] = [
        (
            "duplicate id",
            "        (id: \"moscow\", name: \"Moscow again\", lat: 55.0, lon: 37.0),\n",
            "\"moscow\"",
            1,
            "duplicate place id `moscow`",
        ),
        (
            "latitude 91",
            "        (id: \"north\", name: \"Beyond the pole\", lat: 91, lon: 0.0),\n",
            "91",
            0,
            "place `north` has latitude 91, outside −90 (south) to 90 (north)",
        ),
        (
            "latitude -90.5",
            "        (id: \"south\", name: \"South\", lat: -90.5, lon: 0.0),\n",
            "-90.5",
            0,
            "place `south` has latitude -90.5, outside −90 (south) to 90 (north)",
        ),
        (
            "longitude NaN",
            "        (id: \"nowhere\", name: \"Nowhere\", lat: 0.0, lon: NaN),\n",
            "NaN",
            0,
            "place `nowhere` has no real longitude (NaN); write degrees from −180 (west) to 180 (east)",
        ),
        (
            "longitude -181",
            "        (id: \"west\", name: \"West\", lat: 0.0, lon: -181.0),\n",
            "-181.0",
            0,
            "place `west` has longitude -181, outside −180 (west) to 180 (east)",
        ),
        (
            "latitude inf",
            "        (id: \"up\", name: \"Up\", lat: inf, lon: 0.0),\n",
            "inf",
            0,
            "place `up` has no real latitude (inf); write degrees from −90 (south) to 90 (north)",
        ),
        (
            "empty name",
            "        (id: \"blank\", name: \"  \", lat: 0.0, lon: 0.0),\n",
            "name: \"  \"",
            0,
            "place `blank` has an empty name",
        ),
        (
            "empty native name",
            "        (id: \"blank\", name: \"Blank\", native: Some(\"\"), lat: 0.0, lon: 0.0),\n",
            "\"\"), lat",
            0,
            "place `blank` has an empty native name; leave `native` out instead",
        ),
        (
            "id with spaces",
            "        (id: \"east berlin\", name: \"East Berlin\", lat: 52.52, lon: 13.405),\n",
            "\"east berlin\"",
            0,
            "place id `east berlin` contains spaces; use a slug like `august-plenum`",
        ),
    ];
    for (case, entry, needle, nth, message) in cases {
        let text = with_places(&format!("{GOOD}{entry}"), "[\"pyongyang\"]");
        let (line, column) = position_of(&text, needle, nth);
        assert_eq!(
            problems(&text),
            vec![(line, column, message.to_owned())],
            "{case}"
        );
    }
}

#[test]
fn an_event_naming_a_place_twice_is_told() {
    let text = with_places(GOOD, "[\"moscow\", \"moscow\"]");
    let (line, column) = position_of(&text, "\"moscow\"", 2);
    assert_eq!(
        problems(&text),
        vec![(
            line,
            column,
            "event `first` names place `moscow` twice".to_owned()
        )]
    );
}

#[test]
fn the_built_in_dataset_gives_every_place_an_entry() {
    let timeline = load_embedded().expect("the dataset loads");
    assert!(!timeline.places.is_empty(), "the dataset has a gazetteer");
    let mut named = 0;
    for event in &timeline.events {
        for place in &event.record.places {
            assert!(
                timeline.places.get(place).is_some(),
                "{}: {place}",
                event.record.id
            );
            named += 1;
        }
    }
    assert!(named >= 40, "the dataset names {named} places");
    // Every entry is used by some event.
    for place in &timeline.places.places {
        assert!(
            !events_at(&timeline, &place.id).is_empty(),
            "{} is named by no event",
            place.id
        );
    }
}
