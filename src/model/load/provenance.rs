//! Checking what an event or era says about its provenance: its sources (quotations
//! and references, with their links) and its flags (official claims, disputed dates).

use super::links::{check_link, is_home_page};
use super::locate::{At, Target};
use super::validate::{Problems, parse_date};
use crate::model::date::HistDate;
use crate::model::schema::{DisputedDate, ProvenanceFlag, SourceRecord};

/// Checks each source of `owner` (`event `x`` or `era `x``), found at `at` (the `sources` field).
pub(super) fn check_sources(
    problems: &mut Problems<'_>,
    at: At<'_>,
    owner: &dyn std::fmt::Display,
    sources: &[SourceRecord],
) {
    for (k, source) in sources.iter().enumerate() {
        let source_at = at.index(k);
        match source {
            SourceRecord::Seed { quote } | SourceRecord::Quote { quote, .. }
                if quote.trim().is_empty() =>
            {
                problems.at_name(
                    source_at.field("quote"),
                    format!("{owner} has an empty quotation"),
                );
            }
            SourceRecord::Quote { source, .. } if source.trim().is_empty() => {
                problems.at_name(
                    source_at.field("source"),
                    format!("{owner} has a quotation without the name of its source"),
                );
            }
            SourceRecord::Reference { title, url } => {
                if title.trim().is_empty() {
                    problems.at_name(
                        source_at.field("title"),
                        format!("{owner} has a reference without a title"),
                    );
                }
                if let Some(url) = url {
                    match check_link(url) {
                        Err(problem) => problems.at_value(
                            source_at.field("url"),
                            format!("{owner}: link {url:?} {problem}"),
                        ),
                        Ok(parsed) if is_home_page(&parsed) => {
                            let offset = problems
                                .locator
                                .locate(&source_at.field("url"), Target::Value);
                            problems.warnings.push((
                                offset,
                                format!(
                                    "{owner}: link {url:?} is only a site's home page; \
                                     link the page that supports the event"
                                ),
                            ));
                        }
                        Ok(_) => {}
                    }
                }
            }
            SourceRecord::Seed { .. } | SourceRecord::Quote { .. } => {}
        }
    }
}

/// The other dates that sources give for a start and for an end.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct Disputed {
    /// For the start (`date`).
    pub(super) start: Vec<HistDate>,
    /// For the end.
    pub(super) end: Vec<HistDate>,
}

/// Checks the flags of `owner`, found at `at` (the `flags` field), and returns the
/// disputed dates they give. `has_end` says whether the owner has an end to dispute.
pub(super) fn check_flags(
    problems: &mut Problems<'_>,
    at: At<'_>,
    owner: &dyn std::fmt::Display,
    has_end: bool,
    flags: &[ProvenanceFlag],
) -> Disputed {
    let mut disputed = Disputed::default();
    for (k, flag) in flags.iter().enumerate() {
        let flag_at = at.index(k);
        match flag {
            ProvenanceFlag::DateDisputed {
                of, alternatives, ..
            } => {
                if *of == DisputedDate::End && !has_end {
                    problems.at_value(
                        flag_at.field("of"),
                        format!("{owner} has no `end` to dispute: use `of: start` or add an `end`"),
                    );
                }
                let dates_at = flag_at.field("alternatives");
                if alternatives.is_empty() {
                    problems.at_name(
                        dates_at,
                        format!(
                            "{owner} has a DateDisputed flag without alternative dates: \
                             name the dates other sources give"
                        ),
                    );
                }
                for (j, text) in alternatives.iter().enumerate() {
                    if let Some(date) = parse_date(problems, dates_at.index(j), text) {
                        match of {
                            DisputedDate::Start => disputed.start.push(date),
                            DisputedDate::End => disputed.end.push(date),
                        }
                    }
                }
            }
            ProvenanceFlag::OfficialClaim { by, .. } if by.trim().is_empty() => {
                problems.at_name(
                    flag_at.field("by"),
                    format!("{owner} has an official claim without saying whose (`by`)"),
                );
            }
            _ => {}
        }
    }
    disputed
}
