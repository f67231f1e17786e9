//! Finding events by text: titles, native titles, summaries, details, people
//! (with their native names), places and tags, case- and accent-insensitively, so
//! that `choe` finds `Ch'oe` and `pak hon` finds `Pak Hon-yong`. Hangul is also
//! searchable in every romanisation ([`super::romanize`]): `kim chong il`,
//! `Gim Jeong-il`, `kim jong-il` and `김정일` find the same events.

use std::collections::HashMap;

use unicode_normalization::UnicodeNormalization;

use super::romanize::spellings;
use super::schema::EventRecord;
use super::timeline::{EventIndex, Timeline};

/// Folds text for matching: decomposed, without accents, lower case, and without
/// spaces, hyphens, apostrophes and other punctuation.
pub fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    fold_into(&mut folded, text);
    folded
}

/// Appends `text` folded (see [`fold`]) to `out`. Runs of ASCII, nearly all of a
/// timeline's text, are folded a byte at a time, and Hangul syllables decomposed into
/// their letters (jamo) by Unicode's arithmetic; the rest goes through Unicode's
/// decomposition. Cutting the text at these characters changes nothing: each of them
/// decomposes on its own and starts a new decomposition (no accent or other mark
/// attaches to what comes before it), so the pieces decompose as the whole does.
fn fold_into(out: &mut String, text: &str) {
    let mut rest = text;
    while !rest.is_empty() {
        let ascii = rest.bytes().take_while(u8::is_ascii).count();
        let (run, after) = rest.split_at(ascii);
        out.extend(
            run.bytes()
                .filter(u8::is_ascii_alphanumeric)
                .map(|b| char::from(b.to_ascii_lowercase())),
        );
        let other = after.bytes().take_while(|b| !b.is_ascii()).count();
        let (run, after) = after.split_at(other);
        let mut pending = 0;
        for (at, c) in run.char_indices() {
            if let Some(letters) = hangul_letters(c) {
                out.extend(folded_unicode(run.get(pending..at).unwrap_or_default()));
                out.extend(letters.into_iter().flatten());
                pending = at + c.len_utf8();
            }
        }
        out.extend(folded_unicode(run.get(pending..).unwrap_or_default()));
        rest = after;
    }
}

/// The letters (jamo) a Hangul syllable decomposes into, by the arithmetic of the
/// Unicode standard (section 3.12): a leading consonant, a vowel and, for some, a
/// trailing consonant. All are letters with no case, so they fold to themselves.
fn hangul_letters(c: char) -> Option<[Option<char>; 3]> {
    const SYLLABLES: u32 = 0xAC00;
    const LEADING: u32 = 0x1100;
    const VOWELS: u32 = 0x1161;
    const TRAILING: u32 = 0x11A7;
    const VOWEL_COUNT: u32 = 21;
    const TRAILING_COUNT: u32 = 28;
    const SYLLABLE_COUNT: u32 = 19 * VOWEL_COUNT * TRAILING_COUNT;
    let index = u32::from(c).checked_sub(SYLLABLES)?;
    if index >= SYLLABLE_COUNT {
        return None;
    }
    let per_leading = VOWEL_COUNT * TRAILING_COUNT;
    let trailing = index % TRAILING_COUNT;
    Some([
        char::from_u32(LEADING + index / per_leading),
        char::from_u32(VOWELS + index % per_leading / TRAILING_COUNT),
        (trailing != 0)
            .then(|| char::from_u32(TRAILING + trailing))
            .flatten(),
    ])
}

/// The characters of `text` folded through Unicode's decomposition, one at a time (what
/// [`fold`] means; [`fold_into`] takes a faster way through ASCII).
fn folded_unicode(text: &str) -> impl Iterator<Item = char> + '_ {
    text.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .filter(|c| c.is_alphanumeric())
}

/// Appends `part` folded, and a separator. A separator that survives folding would be
/// matched; an unmatchable one is not needed, because matches across field boundaries
/// are harmless for a search box.
fn add(text: &mut String, part: &str) {
    fold_into(text, part);
    text.push('\u{1}');
}

/// Notes every romanisation of `native`, folded and separated, once per distinct text.
fn romanise<'t>(made: &mut HashMap<(&'t str, bool), String>, native: &'t str, is_person: bool) {
    made.entry((native, is_person)).or_insert_with(|| {
        let mut text = String::new();
        for spelling in spellings(native, is_person) {
            add(&mut text, &spelling);
        }
        text
    });
}

/// Every event's searchable text, folded once per load: one after another in one
/// string (a million events' texts are a few hundred megabytes; one allocation each
/// would add their headers and the room of each string's last growth).
#[derive(Clone, Debug, Default)]
pub struct SearchIndex {
    /// The folded texts, end to end.
    text: String,
    /// Where each event's text ends in `text`, in event order.
    ends: Vec<u32>,
    /// Every distinct Hangul text of the events (names, titles), folded, with its
    /// romanisations folded and separated. Kept once here rather than in each event's
    /// text (one leader's name is in half the events: a million events' romanisations
    /// were tens of megabytes): a query that matches a romanisation looks for its Hangul.
    natives: Vec<(String, String)>,
}

impl SearchIndex {
    /// Folds the text of every event of `timeline`, with every romanisation of its Hangul.
    pub fn new(timeline: &Timeline) -> Self {
        // Names and titles repeat (one leader in half the events): romanise each once.
        let mut romanised: HashMap<(&str, bool), String> = HashMap::new();
        let mut text = String::new();
        let mut ends = Vec::with_capacity(timeline.events.len());
        for event in &timeline.events {
            let record: &EventRecord = &event.record;
            add(&mut text, &record.title);
            if let Some(native) = &record.native_title {
                add(&mut text, native);
                romanise(&mut romanised, native, false);
            }
            add(&mut text, &record.summary);
            add(&mut text, &record.details);
            for person in &record.people {
                add(&mut text, &person.name);
                if let Some(native) = &person.native {
                    add(&mut text, native);
                    romanise(&mut romanised, native, true);
                }
            }
            for place in &record.places {
                add(&mut text, place);
                // With a gazetteer the event names an id: its names are found too.
                if let Some(entry) = timeline.places.get(place) {
                    add(&mut text, &entry.name);
                    if let Some(native) = &entry.native {
                        add(&mut text, native);
                    }
                }
            }
            for tag in &record.tags {
                add(&mut text, tag);
            }
            add(&mut text, &record.id);
            // The text of a timeline in memory is far below 4 GiB.
            ends.push(u32::try_from(text.len()).unwrap_or(u32::MAX));
        }
        text.shrink_to_fit();
        let mut natives: Vec<(String, String)> = romanised
            .into_iter()
            .map(|((native, _), spellings)| (fold(native), spellings))
            .collect();
        natives.sort_unstable();
        Self {
            text,
            ends,
            natives,
        }
    }

    /// Each event's folded text, in event order (the tests' reference for [`Self::find`]).
    #[cfg(test)]
    fn haystacks(&self) -> impl Iterator<Item = &str> {
        let ends = self.ends.iter().map(|&end| end as usize);
        let starts = std::iter::once(0).chain(ends.clone());
        starts
            .zip(ends)
            .map(|(start, end)| self.text.get(start..end).unwrap_or_default())
    }

    /// The events whose text contains `query` (folded), in time order; empty for an empty query.
    /// A query in Hangul also finds its romanisations (`김정일` finds `Kim Jong Il`).
    pub fn find(&self, query: &str) -> Vec<EventIndex> {
        self.events_holding(&self.needles(query))
    }

    /// What [`Self::find`] looks for: `query` and its romanisations, folded, and the
    /// Hangul texts one of them romanises; none for an empty query.
    fn needles(&self, query: &str) -> Vec<String> {
        let mut needles = vec![fold(query)];
        for spelling in spellings(query, true)
            .into_iter()
            .chain(spellings(query, false))
        {
            let needle = fold(&spelling);
            if !needles.contains(&needle) {
                needles.push(needle);
            }
        }
        needles.retain(|needle| !needle.is_empty());
        // A query that matches a romanisation of a Hangul text finds that text.
        for (native, spellings) in &self.natives {
            if !needles.contains(native) && needles.iter().any(|n| spellings.contains(n.as_str())) {
                needles.push(native.clone());
            }
        }
        needles
    }

    /// The events whose text holds one of `needles`, in event order.
    fn events_holding(&self, needles: &[String]) -> Vec<EventIndex> {
        // Each needle is looked for once through all the text (memchr's vectorised
        // search, several times faster than looking through each event's text in
        // turn); a match's event is the one whose text ends after it, and the search
        // goes on from there. A folded needle holds no separator, so no match runs
        // from one event's text into the next.
        let mut found = Vec::new();
        for needle in needles {
            let finder = memchr::memmem::Finder::new(needle.as_bytes());
            // Matches come in text order: the event only moves on, never back (one
            // pass over the events' ends for the whole search).
            let (mut from, mut event) = (0, 0);
            while let Some(at) = self
                .text
                .get(from..)
                .and_then(|rest| finder.find(rest.as_bytes()))
            {
                let at = from + at;
                while self.ends.get(event).is_some_and(|&end| end as usize <= at) {
                    event += 1;
                }
                found.push(event);
                match self.ends.get(event) {
                    Some(&end) => from = end as usize,
                    None => break,
                }
            }
        }
        found.sort_unstable();
        found.dedup();
        found
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

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]

        /// Folding through ASCII a byte at a time gives what Unicode's decomposition
        /// gives for the whole text: ASCII next to accents (combining or precomposed),
        /// marks out of canonical order, Hangul syllables and jamo, letters whose lower
        /// case is longer, punctuation, any character at all.
        #[test]
        fn the_ascii_way_folds_as_unicode_does(
            chars in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::char::any(),
                    proptest::sample::select(vec![
                        'a', 'Z', 'e', '0', '-', ' ', '\'', '\u{301}', '\u{308}', '\u{327}',
                        '\u{345}', '\u{323}', 'ŏ', 'Ŏ', 'é', 'İ', 'ß', 'ǅ', 'Ⅻ', '１', '김',
                        '\u{1100}', '\u{1161}', '\u{11A8}', 'Ω', 'ﬁ', '\u{1}', '가',
                        '힣', '\u{D7A4}', '\u{ABFF}', '각', '\u{3131}',
                    ]),
                ],
                0..40,
            )
        ) {
            let text: String = chars.into_iter().collect();
            let whole: String = folded_unicode(&text).collect();
            proptest::prop_assert_eq!(fold(&text), whole);
        }
    }

    /// Looking for each needle once through all the text finds exactly the events
    /// whose own text holds a needle: every word of every title, person and tag of the
    /// dataset, their first letters, Hangul names, and their romanisations.
    #[test]
    fn searching_all_the_text_at_once_finds_what_each_event_s_text_holds() {
        let timeline = load_embedded().expect("dataset");
        let index = SearchIndex::new(&timeline);
        let mut queries: Vec<String> =
            vec!["a".into(), "zzq".into(), "김".into(), "kim il sung".into()];
        for event in &timeline.events {
            let record = &event.record;
            let mut texts: Vec<&str> = vec![&record.title];
            texts.extend(record.native_title.as_deref());
            for person in &record.people {
                texts.push(&person.name);
                texts.extend(person.native.as_deref());
            }
            texts.extend(record.tags.iter().map(|tag| &**tag));
            for text in texts {
                for word in text.split_whitespace() {
                    queries.push(word.to_owned());
                    queries.push(word.chars().take(2).collect());
                }
            }
        }
        queries.sort();
        queries.dedup();
        assert!(queries.len() > 500, "{} queries", queries.len());
        for query in &queries {
            let found = index.find(query);
            // The reference: every needle `find` looks for, in each event's own text.
            let needles = index.needles(query);
            let expected: Vec<EventIndex> = index
                .haystacks()
                .enumerate()
                .filter(|(_, haystack)| needles.iter().any(|n| haystack.contains(n.as_str())))
                .map(|(event, _)| event)
                .collect();
            assert_eq!(found, expected, "{query}");
        }
    }

    #[test]
    fn finds_people_places_and_hangul_in_the_dataset() {
        let timeline = load_embedded().expect("dataset");
        let index = SearchIndex::new(&timeline);
        let ids = |query: &str| -> Vec<String> {
            index
                .find(query)
                .into_iter()
                .map(|i| timeline.events[i].record.id.to_string())
                .collect()
        };
        assert!(ids("choe chang").contains(&"august-plenum".to_owned()));
        assert!(ids("CHOE CHANG-IK").contains(&"august-plenum".to_owned()));
        assert!(ids("최창익").contains(&"august-plenum".to_owned()));
        assert!(ids("8월 종파").contains(&"august-plenum".to_owned()));
        assert!(ids("panmunjom").contains(&"armistice".to_owned()));
        assert!(ids("pueblo").contains(&"pueblo-seizure".to_owned()));
        // A place is found by its gazetteer names, not only its id.
        assert!(ids("Свердловск").contains(&"kim-1956-tour".to_owned()));
        assert!(ids("강선제강소").contains(&"chollima-start".to_owned()));
        assert!(ids("").is_empty());
        assert!(ids("no such thing anywhere").is_empty());
        // Results come in time order.
        let found = index.find("kim il sung");
        assert!(found.windows(2).all(|pair| pair[0] < pair[1]));
        assert!(found.len() > 20);
    }

    #[test]
    fn every_romanisation_of_a_name_finds_the_same_events() {
        let timeline = load_embedded().expect("dataset");
        let index = SearchIndex::new(&timeline);
        for (hangul, variants) in [
            (
                "김정일",
                &[
                    "kim chong il",
                    "Kim Chŏng-il",
                    "kim jong-il",
                    "Gim Jeong-il",
                    "KIM CHONG-IL",
                ][..],
            ),
            (
                "박헌영",
                &[
                    "bak heonyeong",
                    "pak hon yong",
                    "Pak Hŏn-yŏng",
                    "Park Heon-yeong",
                ][..],
            ),
            (
                "최용건",
                &["ch'oe yong-gŏn", "choe yong gon", "Choe Yong-geon"][..],
            ),
            (
                "김일성",
                &["Kim Il-sŏng", "gim il seong", "kim il sung"][..],
            ),
        ] {
            // Every event that names the person in Hangul.
            let named: Vec<usize> = (0..timeline.events.len())
                .filter(|&i| {
                    timeline.events[i]
                        .record
                        .people
                        .iter()
                        .any(|p| p.native.as_deref() == Some(hangul))
                })
                .collect();
            assert!(!named.is_empty(), "{hangul} is in the dataset");
            let by_hangul = index.find(hangul);
            for variant in variants {
                let found = index.find(variant);
                assert!(
                    named.iter().all(|i| found.contains(i)),
                    "{variant} finds every event naming {hangul}: {found:?} ⊉ {named:?}"
                );
                // Whatever a romanisation finds beyond them mentions the name in the text,
                // which the Hangul query finds too.
                assert!(
                    found.iter().all(|i| by_hangul.contains(i)),
                    "{hangul} finds what {variant} finds: {by_hangul:?} ⊉ {found:?}"
                );
            }
        }
        // Native titles too: 천리마운동 is Chollima (MR Ch'ŏllima) in every spelling.
        let chollima: Vec<usize> = (0..timeline.events.len())
            .filter(|&i| timeline.events[i].record.native_title.as_deref() == Some("천리마운동"))
            .collect();
        assert!(!chollima.is_empty());
        for variant in ["cheollima undong", "ch'ŏllima undong"] {
            let found = index.find(variant);
            assert!(chollima.iter().all(|i| found.contains(i)), "{variant}");
        }
    }
}
