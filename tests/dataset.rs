//! The shipped dataset: complete, honest about its sources, and faithful to the fact sheet.

use wpk_timeline::model::load::load_embedded;
use wpk_timeline::model::schema::{ProvenanceFlag, SourceRecord};
use wpk_timeline::model::timeline::Timeline;

fn dataset() -> Timeline {
    load_embedded().unwrap_or_else(|error| panic!("the shipped dataset must load:\n{error}"))
}

/// Every id of the fact sheet's Tables A, B and C (except the photo caption and the eras).
const FACT_SHEET_IDS: &[&str] = &[
    "diu-founding-claim",
    "party-foundation-day",
    "wpnk-founding",
    "wpsk-founding",
    "dprk-founded",
    "wpk-merger",
    "early-factional-balance",
    "fifth-plenum-1952",
    "pak-il-u-purge",
    "southern-leaders-removed-1953",
    "ho-ka-i-death",
    "armistice",
    "yi-sung-yop-trial",
    "sixth-joint-plenum-1953",
    "juche-speech",
    "pak-hon-yong-trial",
    "pak-hon-yong-execution",
    "wpsk-arrests",
    "domestic-faction-eliminated",
    "secret-speech",
    "e-europe-leaders-deposed",
    "kim-1956-tour",
    "august-opposition-plot",
    "august-plenum",
    "mikoyan-peng-mission",
    "september-plenum",
    "purges-resume-1957-58",
    "not-a-satellite-after-1956",
    "great-purge-1956-60",
    "chollima-start",
    "great-leap-forward",
    "sino-soviet-split",
    "pro-china-editorials",
    "soviet-aid-cut",
    "kosygin-visit",
    "kapsan-purge",
    "pueblo-seizure",
    "juche-independent-line",
    "cult-biography-rewritten",
    "juche-replaces-ml",
    "o-jin-u-defence-minister",
    "autarky-trade",
    "kji-designated-1974",
    "economic-crisis",
    "kji-supreme-commander",
    "kji-ndc-chair",
    "kis-death",
    "arduous-march",
    "kji-general-secretary",
    "constitution-1998",
    "ndc-era",
    "third-party-conference",
    "eighth-congress",
    "congress-1",
    "congress-2",
    "congress-3",
    "conference-1",
    "congress-4",
    "conference-2",
    "congress-5",
    "congress-6",
    "conference-3",
    "conference-4",
    "congress-7",
    "congress-8",
    "kju-accession",
];

const ERA_IDS: &[&str] = &[
    "era-kim-il-sung",
    "era-korean-war",
    "era-kim-jong-il",
    "era-kim-jong-un",
];

#[test]
fn has_every_fact_sheet_event_and_era_and_a_tour() {
    let timeline = dataset();
    for id in FACT_SHEET_IDS {
        assert!(timeline.find(id).is_some(), "missing event `{id}`");
    }
    for id in ERA_IDS {
        assert!(
            timeline.eras.iter().any(|e| e.record.id == *id),
            "missing era `{id}`"
        );
    }
    assert!(
        timeline.events.len() >= 60,
        "{} events",
        timeline.events.len()
    );
    assert!(timeline.eras.len() >= 8, "{} eras", timeline.eras.len());
    assert!(
        (15..=30).contains(&timeline.tour.len()),
        "{} tour steps",
        timeline.tour.len()
    );
    assert!(
        timeline.find("hq-caption").is_none(),
        "a photo caption is not an event"
    );
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn every_event_has_sources_and_every_seed_quote_is_verbatim() {
    let timeline = dataset();
    let seed = collapse(include_str!("../data/seed.txt"));
    let mut quotes = 0;
    for event in &timeline.events {
        assert!(
            !event.record.sources.is_empty(),
            "`{}` has no source",
            event.record.id
        );
        for source in &event.record.sources {
            if let SourceRecord::Seed { quote } = source {
                quotes += 1;
                assert!(
                    seed.contains(&collapse(quote)),
                    "`{}` quotes words that are not in the seed: {quote:?}",
                    event.record.id
                );
            }
        }
    }
    assert!(quotes >= 30, "only {quotes} seed quotations");
}

fn flags(timeline: &Timeline, id: &str) -> Vec<ProvenanceFlag> {
    let index = timeline.find(id).unwrap_or_else(|| panic!("no `{id}`"));
    timeline.events[index].record.flags.clone()
}

#[test]
fn dates_and_flags_follow_the_fact_sheet() {
    let timeline = dataset();
    let date = |id: &str| {
        let index = timeline.find(id).unwrap_or_else(|| panic!("no `{id}`"));
        timeline.events[index].date_label()
    };
    assert_eq!(date("august-plenum"), "30–31 August 1956");
    assert_eq!(date("armistice"), "27 July 1953");
    assert_eq!(date("kis-death"), "8 July 1994");
    assert_eq!(date("eighth-congress"), "5–12 January 2021");
    assert!(
        date("chollima-start").starts_with("December 1956"),
        "{}",
        date("chollima-start")
    );
    assert!(
        date("chollima-start").contains("disputed: 1958"),
        "{}",
        date("chollima-start")
    );
    assert_eq!(date("early-factional-balance"), "c. 1949 – c. 1953");
    for disputed in [
        "party-foundation-day",
        "wpk-merger",
        "chollima-start",
        "pak-hon-yong-execution",
    ] {
        assert!(
            flags(&timeline, disputed)
                .iter()
                .any(|f| matches!(f, ProvenanceFlag::DateDisputed { .. })),
            "`{disputed}` should carry its disputed date"
        );
    }
    for seed_error in [
        "kim-1956-tour",
        "yi-sung-yop-trial",
        "o-jin-u-defence-minister",
        "kji-designated-1974",
    ] {
        assert!(
            flags(&timeline, seed_error)
                .iter()
                .any(|f| matches!(f, ProvenanceFlag::SeedDiffers { .. })),
            "`{seed_error}` should say where the seed is wrong"
        );
    }
    assert!(
        flags(&timeline, "diu-founding-claim")
            .iter()
            .any(|f| matches!(f, ProvenanceFlag::NorthKoreanClaim(_)))
    );
    for cited in [
        "cult-biography-rewritten",
        "juche-replaces-ml",
        "autarky-trade",
    ] {
        assert!(
            flags(&timeline, cited)
                .iter()
                .any(|f| matches!(f, ProvenanceFlag::CitationNeeded(_))),
            "`{cited}` is marked [citation needed] in the seed"
        );
    }
    // Aliases name the same event.
    assert_eq!(
        timeline.find("congress-8"),
        timeline.find("eighth-congress")
    );
}
