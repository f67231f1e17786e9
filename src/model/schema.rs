//! The RON file format: the serde types a timeline file is written in.
//!
//! These types mirror the file one to one, so a file round-trips through them
//! unchanged. Dates and colours are kept as the text the author wrote; they are
//! checked and interpreted by [`crate::model::load`], which reports every problem
//! with its line and column instead of stopping at the first.

use serde::{Deserialize, Serialize};

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
    pub id: String,
    /// Other ids that name the same event (e.g. `"congress-8"` for `"eighth-congress"`);
    /// links and tours may use them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// Short English title.
    pub title: String,
    /// A shorter title for labels with little room (e.g. `"Sputnik"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_name: Option<String>,
    /// The title in the language of the history, e.g. in Hangul (`korean_title` is
    /// accepted for it).
    #[serde(
        default,
        alias = "korean_title",
        skip_serializing_if = "Option::is_none"
    )]
    pub native_title: Option<String>,
    /// When it happened, at its real precision: `"1956-08-30"`, `"1956-08"`,
    /// `"1956"`, `"c. 1949"`, `"1980s"`, `"late 1950s"`.
    pub date: String,
    /// For periods: when it ended, with its own precision.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
    /// The `id` of a category (lane).
    pub category: String,
    /// 1 (minor) to 5 (essential); decides which labels stay when space is short.
    pub importance: u8,
    /// People involved.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<PersonRecord>,
    /// Places involved: ids of the file's `places` when it has them, plain names otherwise.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub places: Vec<String>,
    /// One sentence.
    pub summary: String,
    /// A longer account.
    #[serde(default)]
    pub details: String,
    /// Where the facts come from; at least one.
    pub sources: Vec<SourceRecord>,
    /// What a careful reader must know about how reliable this is.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub flags: Vec<ProvenanceFlag>,
    /// Ids of related events.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<String>,
    /// Free keywords, searched like the text.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Pictures, each with its caption, credit and licence (optional).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub media: Vec<MediaRecord>,
}

/// A person named in an event.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonRecord {
    /// The name as usually romanised in English, e.g. `"Pak Hon-yong"`.
    pub name: String,
    /// The name in its own script, e.g. `"박헌영"` (`hangul` is accepted for it).
    #[serde(default, alias = "hangul", skip_serializing_if = "Option::is_none")]
    pub native: Option<String>,
}

/// Where a fact comes from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum SourceRecord {
    /// A verbatim quotation from a named text.
    Quote {
        /// The text quoted, e.g. `"Seed text"` or `"Rodong Sinmun, 1 May 1956"`.
        source: String,
        /// The quoted words.
        quote: String,
    },
    /// A verbatim quotation from the seed text the WPK dataset was created from;
    /// accepted as `Quote(source: "Seed text", ...)`.
    Seed {
        /// The quoted words.
        quote: String,
    },
    /// A book, article, archive document or web page.
    Reference {
        /// Title, with author and date where known.
        title: String,
        /// A link; only `http` and `https` links are opened.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        url: Option<String>,
    },
}

/// A note on how far a statement or date can be trusted.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum ProvenanceFlag {
    /// The statement is an official account: `by` says whose, `claim` what is claimed.
    OfficialClaim {
        /// Whose account it is, e.g. `"North Korean sources"`, `"TASS"`.
        by: String,
        /// What is claimed.
        claim: String,
    },
    /// The older spelling of `OfficialClaim(by: "North Korean sources", claim: ...)`.
    NorthKoreanClaim(String),
    /// Sources give different dates. `alternatives` are dates in the same notation as
    /// `date` (or `end`, with `of: end`).
    DateDisputed {
        /// Which date is disputed: `start` (the default) or `end`.
        #[serde(default, skip_serializing_if = "DisputedDate::is_start")]
        of: DisputedDate,
        /// The other dates that sources give.
        alternatives: Vec<String>,
        /// Who says what.
        note: String,
    },
    /// The seed text marks the statement "[citation needed]"; the text says which statement.
    CitationNeeded(String),
    /// The seed text is wrong or imprecise here.
    SeedDiffers {
        /// What the seed says.
        seed: String,
        /// What other sources say.
        sources: String,
    },
    /// Not confirmed by independent sources; the text says what is unconfirmed.
    Unconfirmed(String),
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
