//! Finding events by text: titles, Korean titles, summaries, details, people
//! (with Hangul), places and tags, case- and accent-insensitively, so that
//! `choe` finds `Ch'oe` and `pak hon` finds `Pak Hon-yong`.

use unicode_normalization::UnicodeNormalization;

use super::timeline::{EventIndex, Timeline};

/// Folds text for matching: decomposed, without accents, lower case, and without
/// spaces, hyphens, apostrophes and other punctuation.
pub fn fold(text: &str) -> String {
    text.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// Every event's searchable text, folded once per load.
#[derive(Clone, Debug, Default)]
pub struct SearchIndex {
    haystacks: Vec<String>,
}

impl SearchIndex {
    /// Folds the text of every event of `timeline`.
    pub fn new(timeline: &Timeline) -> Self {
        let haystacks = timeline
            .events
            .iter()
            .map(|event| {
                let record = &event.record;
                let mut text = String::new();
                let mut add = |part: &str| {
                    text.push_str(&fold(part));
                    // A separator that survives folding would be matched; an unmatchable one is not needed,
                    // because matches across field boundaries are harmless for a search box.
                    text.push('\u{1}');
                };
                add(&record.title);
                add(record.korean_title.as_deref().unwrap_or_default());
                add(&record.summary);
                add(&record.details);
                for person in &record.people {
                    add(&person.name);
                    add(person.hangul.as_deref().unwrap_or_default());
                }
                for place in &record.places {
                    add(place);
                }
                for tag in &record.tags {
                    add(tag);
                }
                add(&record.id);
                text
            })
            .collect();
        Self { haystacks }
    }

    /// The events whose text contains `query` (folded), in time order; empty for an empty query.
    pub fn find(&self, query: &str) -> Vec<EventIndex> {
        let needle = fold(query);
        if needle.is_empty() {
            return Vec::new();
        }
        self.haystacks
            .iter()
            .enumerate()
            .filter(|(_, haystack)| haystack.contains(&needle))
            .map(|(index, _)| index)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::load::load_embedded;

    #[test]
    fn folding_ignores_case_accents_and_punctuation() {
        assert_eq!(fold("Ch'oe Ch'angik"), "choechangik");
        assert_eq!(fold("Kim Chŏng-il"), "kimchongil");
        assert_eq!(fold("Pak Hon-yong"), "pakhonyong");
        assert_eq!(fold("RÁKOSI"), "rakosi");
        // Hangul folds to its jamo, on both sides alike.
        assert_eq!(fold("김일성"), "김일성".nfd().collect::<String>());
    }

    #[test]
    fn finds_people_places_and_hangul_in_the_dataset() {
        let timeline = load_embedded().expect("dataset");
        let index = SearchIndex::new(&timeline);
        let ids = |query: &str| -> Vec<String> {
            index
                .find(query)
                .into_iter()
                .map(|i| timeline.events[i].record.id.clone())
                .collect()
        };
        assert!(ids("choe chang").contains(&"august-plenum".to_owned()));
        assert!(ids("CHOE CHANG-IK").contains(&"august-plenum".to_owned()));
        assert!(ids("최창익").contains(&"august-plenum".to_owned()));
        assert!(ids("8월 종파").contains(&"august-plenum".to_owned()));
        assert!(ids("panmunjom").contains(&"armistice".to_owned()));
        assert!(ids("pueblo").contains(&"pueblo-seizure".to_owned()));
        assert!(ids("").is_empty());
        assert!(ids("no such thing anywhere").is_empty());
        // Results come in time order.
        let found = index.find("kim il sung");
        assert!(found.windows(2).all(|pair| pair[0] < pair[1]));
        assert!(found.len() > 20);
    }
}
