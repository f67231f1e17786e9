//! Checking the gazetteer (`places`) and the events' references to it: ids unique and
//! slugs, names not empty, coordinates finite and on the globe, and, when a file has a
//! gazetteer, every place an event names one of its ids (with a did-you-mean).

use std::collections::HashSet;

use super::locate::At;
use super::text_rules::control_in_line;
use super::validate::{Problems, check_id};
use crate::model::diagnostic::closest;
use crate::model::places::PlaceRecord;

/// Checks every entry of the gazetteer; returns the ids (empty when there is none).
pub(super) fn check_gazetteer<'a>(
    problems: &mut Problems<'_>,
    places: &'a [PlaceRecord],
) -> Vec<&'a str> {
    let mut seen: HashSet<&str> = HashSet::with_capacity(places.len());
    let mut ids = Vec::with_capacity(places.len());
    for (i, place) in places.iter().enumerate() {
        let at = At::TOP.field("places").index(i);
        let id = place.id.as_str();
        check_id(problems, at.field("id"), "place", id);
        if !seen.insert(id) {
            problems.at_value(at.field("id"), format!("duplicate place id `{id}`"));
        } else {
            ids.push(id);
        }
        if place.name.trim().is_empty() {
            problems.at_name(at.field("name"), format!("place `{id}` has an empty name"));
        } else if let Some(control) = control_in_line(&place.name) {
            problems.at_value(
                at.field("name"),
                format!("the name of place `{id}` contains the control character {control}"),
            );
        }
        if let Some(native) = &place.native
            && native.trim().is_empty()
        {
            problems.at_value(
                at.field("native"),
                format!("place `{id}` has an empty native name; leave `native` out instead"),
            );
        }
        check_coordinate(problems, at.field("lat"), id, "latitude", place.lat, 90.0);
        check_coordinate(problems, at.field("lon"), id, "longitude", place.lon, 180.0);
    }
    ids
}

fn check_coordinate(
    problems: &mut Problems<'_>,
    at: At<'_>,
    id: &str,
    what: &str,
    value: f64,
    limit: f64,
) {
    let range = if limit < 100.0 {
        "−90 (south) to 90 (north)"
    } else {
        "−180 (west) to 180 (east)"
    };
    if !value.is_finite() {
        problems.at_value(
            at,
            format!("place `{id}` has no real {what} ({value}); write degrees from {range}"),
        );
    } else if value.abs() > limit {
        problems.at_value(
            at,
            format!("place `{id}` has {what} {value}, outside {range}"),
        );
    }
}

/// Checks the places one event names against the gazetteer: each must be one of its
/// ids, none twice. Without a gazetteer they are plain names, accepted as before.
pub(super) fn check_event_places(
    problems: &mut Problems<'_>,
    at: At<'_>,
    event: &str,
    places: &[crate::model::schema::Text],
    gazetteer: &[&str],
) {
    if gazetteer.is_empty() {
        return;
    }
    let mut seen: HashSet<&str> = HashSet::with_capacity(places.len());
    for (k, place) in places.iter().enumerate() {
        let place_at = at.index(k);
        if place.trim().is_empty() {
            problems.at_value(place_at, format!("event `{event}` names an empty place"));
        } else if !seen.insert(place.as_str()) {
            problems.at_value(
                place_at,
                format!("event `{event}` names place `{place}` twice"),
            );
        } else if !gazetteer.contains(&place.as_str()) {
            let near = closest(place, gazetteer.iter().copied())
                .map(|near| format!("; did you mean `{near}`?"))
                .unwrap_or_else(|| "; add it to `places` with its coordinates".to_owned());
            problems.at_value(
                place_at,
                format!("event `{event}` names unknown place `{place}`{near}"),
            );
        }
    }
}
