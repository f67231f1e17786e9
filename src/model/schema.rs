//! The RON file format: the serde types a timeline file is written in.
//!
//! These types mirror the file one to one, so a file round-trips through them
//! unchanged. Dates and colours are kept as the text the author wrote; they are
//! checked and interpreted by [`crate::model::load`], which reports every problem
//! with its line and column instead of stopping at the first.

use serde::{Deserialize, Serialize};

/// A string of the file as kept in memory: up to 23 bytes inside the value itself, longer
/// ones on the heap. (Strings that are usually absent — a short name, a native title, an
/// end, a link — are `Option<Box<str>>`, 16 bytes.) Events hold a dozen short strings each (ids, dates, lanes, names),
/// so a million events are hundreds of megabytes lighter than with `String`.
pub type Text = smol_str::SmolStr;

/// A list of the file that is usually empty (aliases, related ids, tags, flags,
/// pictures): one pointer and no allocation when empty, where a `Vec` takes 24 bytes and
/// a boxed slice 16. Read it as a slice; it is written and read as a RON list.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct List<T>(Option<Box<Box<[T]>>>);

impl<T> List<T> {
    /// Whether the list is empty (for `skip_serializing_if`).
    pub fn is_empty(&self) -> bool {
        self.0.is_none()
    }
}

impl<T> Default for List<T> {
    fn default() -> Self {
        Self(None)
    }
}

impl<T> std::ops::Deref for List<T> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        self.0.as_deref().map_or(&[], |items| &items[..])
    }
}

impl<T> From<Vec<T>> for List<T> {
    fn from(items: Vec<T>) -> Self {
        if items.is_empty() {
            Self(None)
        } else {
            Self(Some(Box::new(items.into_boxed_slice())))
        }
    }
}

impl<T> FromIterator<T> for List<T> {
    fn from_iter<I: IntoIterator<Item = T>>(items: I) -> Self {
        items.into_iter().collect::<Vec<T>>().into()
    }
}

impl<'a, T> IntoIterator for &'a List<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl<T: std::fmt::Debug> std::fmt::Debug for List<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl<T: Serialize> Serialize for List<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        (**self).serialize(serializer)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for List<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Vec::<T>::deserialize(deserializer).map(Self::from)
    }
}

pub use crate::model::media::MediaRecord;

/// One timeline file: metadata, lanes, background eras, events and an optional tour.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimelineFile {
    /// Shown in the window title and above the timeline.
    pub title: String,
    /// A second line under the title.
    #[serde(default)]
    pub subtitle: String,
    /// The first and last date of the timeline, for example `("1926", "2021")`.
    /// Every event, era and view must lie inside it.
    pub span: (String, String),
    /// The range shown when the file is opened; the whole span when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_view: Option<(String, String)>,
    /// The lanes, top to bottom.
    pub categories: Vec<CategoryRecord>,
    /// Background bands: leaders' eras, wars, occupations.
    #[serde(default)]
    pub eras: Vec<EraRecord>,
    /// The events, in any order.
    pub events: Vec<EventRecord>,
    /// Steps for presentation mode, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tour: Vec<TourStepRecord>,
    /// The gazetteer: places with coordinates that events name by id (optional; see
    /// [`crate::model::places`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub places: Vec<crate::model::places::PlaceRecord>,
}

/// A lane of the timeline.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CategoryRecord {
    /// Stable slug that events refer to, e.g. `"purges"`.
    pub id: String,
    /// Shown as the lane's label.
    pub name: String,
    /// `"#rrggbb"`.
    pub colour: String,
}

/// A background band, e.g. a leader's era.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EraRecord {
    /// Stable slug, e.g. `"era-korean-war"`.
    pub id: String,
    /// Shown on the band.
    pub name: String,
    /// A shorter name for bands too narrow for the whole one (e.g. `"Guerrillas"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_name: Option<String>,
    /// Start date (any precision).
    pub start: String,
    /// End date (any precision).
    pub end: String,
    /// `"#rrggbb"`.
    pub colour: String,
    /// Where the era's dates and name come from (optional).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<SourceRecord>,
    /// What a careful reader must know about the era (optional).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub flags: Vec<ProvenanceFlag>,
    /// Pictures, each with its caption, credit and licence (optional).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub media: Vec<MediaRecord>,
}

/// One event or period.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventRecord {
    /// Stable slug, e.g. `"august-plenum"`; links and tours refer to it.
    pub id: Text,
    /// Other ids that name the same event (e.g. `"congress-8"` for `"eighth-congress"`);
    /// links and tours may use them.
    #[serde(default, skip_serializing_if = "List::is_empty")]
    pub aliases: List<Text>,
    /// Short English title.
    pub title: Text,
    /// A shorter title for labels with little room (e.g. `"Sputnik"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_name: Option<Box<str>>,
    /// The title in the language of the history, e.g. in Hangul (`korean_title` is
    /// accepted for it).
    #[serde(
        default,
        alias = "korean_title",
        skip_serializing_if = "Option::is_none"
    )]
    pub native_title: Option<Box<str>>,
    /// When it happened, at its real precision: `"1956-08-30"`, `"1956-08"`,
    /// `"1956"`, `"c. 1949"`, `"1980s"`, `"late 1950s"`.
    pub date: Text,
    /// For periods: when it ended, with its own precision.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<Box<str>>,
    /// The `id` of a category (lane).
    pub category: Text,
    /// 1 (minor) to 5 (essential); decides which labels stay when space is short.
    pub importance: u8,
    /// People involved.
    #[serde(default, skip_serializing_if = "<[_]>::is_empty")]
    pub people: Box<[PersonRecord]>,
    /// Places involved: ids of the file's `places` when it has them, plain names otherwise.
    #[serde(default, skip_serializing_if = "<[_]>::is_empty")]
    pub places: Box<[Text]>,
    /// One sentence.
    pub summary: Text,
    /// A longer account.
    #[serde(default)]
    pub details: Box<str>,
    /// Where the facts come from; at least one.
    pub sources: Box<[SourceRecord]>,
    /// What a careful reader must know about how reliable this is.
    #[serde(default, skip_serializing_if = "List::is_empty")]
    pub flags: List<ProvenanceFlag>,
    /// Ids of related events.
    #[serde(default, skip_serializing_if = "List::is_empty")]
    pub related: List<Text>,
    /// Free keywords, searched like the text.
    #[serde(default, skip_serializing_if = "List::is_empty")]
    pub tags: List<Text>,
    /// Pictures, each with its caption, credit and licence (optional).
    #[serde(default, skip_serializing_if = "List::is_empty")]
    pub media: List<MediaRecord>,
}

/// A person named in an event.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonRecord {
    /// The name as usually romanised in English, e.g. `"Pak Hon-yong"`.
    pub name: Text,
    /// The name in its own script, e.g. `"박헌영"` (`hangul` is accepted for it).
    #[serde(default, alias = "hangul", skip_serializing_if = "Option::is_none")]
    pub native: Option<Text>,
}

/// Where a fact comes from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum SourceRecord {
    /// A verbatim quotation from a named text.
    Quote {
        /// The text quoted, e.g. `"Seed text"` or `"Rodong Sinmun, 1 May 1956"`.
        source: Text,
        /// The quoted words.
        quote: Text,
    },
    /// A verbatim quotation from the seed text the WPK dataset was created from;
    /// accepted as `Quote(source: "Seed text", ...)`.
    Seed {
        /// The quoted words.
        quote: Text,
    },
    /// A book, article, archive document or web page.
    Reference {
        /// Title, with author and date where known.
        title: Text,
        /// A link; only `http` and `https` links are opened.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        url: Option<Box<str>>,
    },
}

/// A note on how far a statement or date can be trusted.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum ProvenanceFlag {
    /// The statement is an official account: `by` says whose, `claim` what is claimed.
    OfficialClaim {
        /// Whose account it is, e.g. `"North Korean sources"`, `"TASS"`.
        by: Text,
        /// What is claimed.
        claim: Text,
    },
    /// The older spelling of `OfficialClaim(by: "North Korean sources", claim: ...)`.
    NorthKoreanClaim(Text),
    /// Sources give different dates. `alternatives` are dates in the same notation as
    /// `date` (or `end`, with `of: end`).
    DateDisputed {
        /// Which date is disputed: `start` (the default) or `end`.
        #[serde(default, skip_serializing_if = "DisputedDate::is_start")]
        of: DisputedDate,
        /// The other dates that sources give.
        alternatives: Box<[Text]>,
        /// Who says what.
        note: Text,
    },
    /// The seed text marks the statement "[citation needed]"; the text says which statement.
    CitationNeeded(Text),
    /// The seed text is wrong or imprecise here.
    SeedDiffers {
        /// What the seed says.
        seed: Text,
        /// What other sources say.
        sources: Text,
    },
    /// Not confirmed by independent sources; the text says what is unconfirmed.
    Unconfirmed(Text),
}

/// Which of an event's dates a `DateDisputed` flag disputes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DisputedDate {
    /// The `date` (the start of a period).
    #[default]
    Start,
    /// The `end` of a period.
    End,
}

impl DisputedDate {
    /// Whether it is the start (the default, left out when writing).
    #[allow(clippy::trivially_copy_pass_by_ref)] // serde's skip_serializing_if passes a reference
    pub fn is_start(&self) -> bool {
        *self == Self::Start
    }
}

impl ProvenanceFlag {
    /// Whose official account a claim flag reports, and the claim; `None` for other flags.
    /// `NorthKoreanClaim(text)` reads as `OfficialClaim(by: "North Korean sources", claim: text)`.
    pub fn official_claim(&self) -> Option<(&str, &str)> {
        match self {
            Self::OfficialClaim { by, claim } => Some((by, claim)),
            Self::NorthKoreanClaim(claim) => Some(("North Korean sources", claim)),
            _ => None,
        }
    }
}

/// One step of a presentation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TourStepRecord {
    /// The event to show.
    pub event: String,
    /// The range to fly to, e.g. `("1956-06", "1956-10")`; a window around the event when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub view: Option<(String, String)>,
    /// What the lecturer wants to say, shown in the presenter view.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}
