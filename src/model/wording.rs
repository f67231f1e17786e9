//! Provenance in words: flags and era notes as the reader sees them, shared by the
//! detail panel, the lecture card, the presenter view and the scene's tooltips; and
//! titles and names capped for the places that show them in a line or two.

use crate::model::schema::{DisputedDate, ProvenanceFlag, SourceRecord};
use crate::model::timeline::Era;

/// Titles and names shown in a line or two (tooltips, lists, the lecture card, the
/// presenter view) are cut after this many characters: more than any real title needs,
/// far less than a 10,000-character one.
pub const MAX_TITLE_CHARS: usize = 160;

/// `text` whole when it has at most `max` characters, else its first `max` characters
/// (back to a word boundary in the last fifth, if there is one) and an ellipsis. Never
/// cuts inside a character.
pub fn capped(text: &str, max: usize) -> std::borrow::Cow<'_, str> {
    let Some((end, _)) = text.char_indices().nth(max) else {
        return std::borrow::Cow::Borrowed(text);
    };
    let head = text.get(..end).unwrap_or(text);
    let floor = head.char_indices().nth(max - max / 5).map_or(0, |(i, _)| i);
    let head = match head.rfind(char::is_whitespace) {
        Some(space) if space >= floor && space > 0 => head.get(..space).unwrap_or(head),
        _ => head,
    };
    std::borrow::Cow::Owned(format!("{}…", head.trim_end()))
}

/// A title as shown in a line or two: [`capped`] at [`MAX_TITLE_CHARS`].
pub fn short_title(title: &str) -> std::borrow::Cow<'_, str> {
    capped(title, MAX_TITLE_CHARS)
}

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
                        .map_or_else(|_| text.to_string(), |date| date.to_string())
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
            text.to_string(),
        ),
        ProvenanceFlag::SeedDiffers { seed, sources } => (
            "The seed text differs from other sources".to_owned(),
            format!(
                "{} Other sources: {}",
                full_sentence(seed),
                full_sentence(sources)
            ),
        ),
        ProvenanceFlag::Unconfirmed(text) => ("Unconfirmed".to_owned(), text.to_string()),
        ProvenanceFlag::OfficialClaim { .. } | ProvenanceFlag::NorthKoreanClaim(_) => {
            let (by, claim) = flag.official_claim().unwrap_or_default();
            (format!("Claimed by {by}"), claim.to_owned())
        }
    }
}

/// An era's hover text: its name and dates, then its flags and sources, a line each.
pub fn era_note(era: &Era) -> String {
    let mut lines = vec![
        short_title(&era.record.name).into_owned(),
        era.when.to_string(),
    ];
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
            seed: "\"the former SWPK\"".into(),
            sources: "The abbreviation is WPSK.".into(),
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

#[cfg(test)]
mod capping_tests {
    use super::{capped, short_title};

    #[test]
    fn short_texts_stay_whole_and_long_ones_end_in_an_ellipsis_at_a_word() {
        assert_eq!(capped("Korea", 5), "Korea");
        assert_eq!(capped("", 0), "");
        assert_eq!(capped("one two three four five", 16), "one two three…");
        assert_eq!(capped("abcdefghijkl", 4), "abcd…");
        // Never inside a character.
        assert_eq!(capped("조선로동당 중앙위원회", 3), "조선로…");
        let long = "word ".repeat(2_000);
        let cut = short_title(&long);
        assert!(cut.ends_with('…') && cut.chars().count() <= super::MAX_TITLE_CHARS + 1);
    }
}
