//! Provenance in words: flags and era notes as the reader sees them, shared by the
//! detail panel, the lecture card, the presenter view and the scene's tooltips.

use crate::model::schema::{DisputedDate, ProvenanceFlag, SourceRecord};
use crate::model::timeline::Era;

/// A provenance flag as a sentence for the reader: a heading and the text.
pub fn flag_note(flag: &ProvenanceFlag) -> (String, String) {
    match flag {
        ProvenanceFlag::DateDisputed {
            of,
            alternatives,
            note,
        } => {
            let alternatives: Vec<String> = alternatives
                .iter()
                .map(|text| {
                    crate::model::date::HistDate::parse(text)
                        .map_or_else(|_| text.clone(), |date| date.to_string())
                })
                .collect();
            let heading = match of {
                DisputedDate::Start => "Date disputed",
                DisputedDate::End => "End date disputed",
            };
            (
                heading.to_owned(),
                format!("Other sources give {}. {note}", alternatives.join(" or ")),
            )
        }
        ProvenanceFlag::CitationNeeded(text) => (
            "[citation needed] in the seed text".to_owned(),
            text.clone(),
        ),
        ProvenanceFlag::SeedDiffers { seed, sources } => (
            "The seed text differs from other sources".to_owned(),
            format!(
                "{} Other sources: {}",
                full_sentence(seed),
                full_sentence(sources)
            ),
        ),
        ProvenanceFlag::Unconfirmed(text) => ("Unconfirmed".to_owned(), text.clone()),
        ProvenanceFlag::OfficialClaim { .. } | ProvenanceFlag::NorthKoreanClaim(_) => {
            let (by, claim) = flag.official_claim().unwrap_or_default();
            (format!("Claimed by {by}"), claim.to_owned())
        }
    }
}

/// An era's hover text: its name and dates, then its flags and sources, a line each.
pub fn era_note(era: &Era) -> String {
    let mut lines = vec![era.record.name.clone(), era.when.to_string()];
    lines.extend(era.record.flags.iter().map(flag_line));
    for source in &era.record.sources {
        lines.push(match source {
            SourceRecord::Reference { title, .. } => format!("Source: {title}"),
            SourceRecord::Quote { source, quote } => format!("“{quote}” — {source}"),
            SourceRecord::Seed { quote } => format!("“{quote}” — the seed text"),
        });
    }
    lines.join("\n")
}

/// A provenance flag as one line of text: `Heading: what it says`.
pub fn flag_line(flag: &ProvenanceFlag) -> String {
    let (heading, text) = flag_note(flag);
    format!("{heading}: {text}")
}

/// `text` ending with a full stop (or other closing punctuation), to be followed by
/// another sentence.
fn full_sentence(text: &str) -> String {
    let text = text.trim();
    let closed = text
        .trim_end_matches(['"', '\'', '”', '’', ')'])
        .ends_with(['.', '!', '?', '…']);
    if closed || text.is_empty() {
        text.to_owned()
    } else {
        format!("{text}.")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_differences_read_as_two_sentences() {
        let flag = ProvenanceFlag::SeedDiffers {
            seed: "\"the former SWPK\"".to_owned(),
            sources: "The abbreviation is WPSK.".to_owned(),
        };
        assert_eq!(
            flag_note(&flag).1,
            "\"the former SWPK\". Other sources: The abbreviation is WPSK."
        );
        assert_eq!(
            full_sentence("Ten were \"sentenced\"."),
            "Ten were \"sentenced\"."
        );
        assert_eq!(full_sentence("Is it? "), "Is it?");
    }

    #[test]
    fn an_era_note_lists_its_flags_and_sources() {
        let timeline = crate::model::load::load_str(
            "space.ron",
            include_str!("../../tests/fixtures/space_race.ron"),
        )
        .expect("loads");
        let apollo = timeline
            .eras
            .iter()
            .find(|e| e.record.id == "apollo")
            .expect("apollo");
        assert_eq!(
            era_note(apollo),
            "Project Apollo\n1961 – December 1972\nUnconfirmed: The start is the year the \
             programme was given the Moon as its goal.\nSource: Project Apollo (NASA History Office)"
        );
        let mercury = timeline.eras.first().expect("mercury");
        assert_eq!(
            era_note(mercury),
            format!("Project Mercury\n{}", mercury.when)
        );
    }
}
