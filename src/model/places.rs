//! Places: a timeline file's optional gazetteer (`places: [Place(id: …, name: …,
//! native: …, lat: …, lon: …), …]`) and the look-ups built from it.
//!
//! With a gazetteer, every event's `places` are ids of its entries (checked by
//! [`crate::model::load`]) and the locator map can show them; without one, an event's
//! places are plain names, shown as written, and there is no map.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::model::timeline::{EventIndex, Timeline};

/// One entry of the gazetteer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Place")]
pub struct PlaceRecord {
    /// Stable slug that events refer to, e.g. `"pyongyang"`.
    pub id: String,
    /// The name as usually written in English, e.g. `"Pyongyang"`.
    pub name: String,
    /// The name in its own script, e.g. `"평양"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub native: Option<String>,
    /// Latitude in degrees, north positive (−90 to 90).
    pub lat: f64,
    /// Longitude in degrees, east positive (−180 to 180).
    pub lon: f64,
}

impl PlaceRecord {
    /// The name with its native form, e.g. `"Pyongyang (평양)"`.
    pub fn full_name(&self) -> String {
        match &self.native {
            Some(native) if native != &self.name => format!("{} ({native})", self.name),
            _ => self.name.clone(),
        }
    }
}

/// The validated gazetteer, indexed by id.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Gazetteer {
    /// The entries, in file order.
    pub places: Vec<PlaceRecord>,
    index: HashMap<String, usize>,
}

impl Gazetteer {
    /// Indexes checked entries (ids unique, coordinates in range).
    pub fn new(places: Vec<PlaceRecord>) -> Self {
        let index = places
            .iter()
            .enumerate()
            .map(|(i, place)| (place.id.clone(), i))
            .collect();
        Self { places, index }
    }

    /// Whether the file has no gazetteer (places are plain names, no map).
    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }

    /// The entry with this id.
    pub fn get(&self, id: &str) -> Option<&PlaceRecord> {
        self.index.get(id).and_then(|&i| self.places.get(i))
    }

    /// The index of the entry with this id.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }

    /// How a place an event names is shown: the entry's name (with its native name),
    /// or the text itself when there is no gazetteer.
    pub fn display_name(&self, place: &str) -> String {
        self.get(place)
            .map_or_else(|| place.to_owned(), PlaceRecord::full_name)
    }

    /// The entries an event names, in its order (plain names are left out).
    pub fn of_event<'a>(
        &'a self,
        places: &'a [crate::model::schema::Text],
    ) -> impl Iterator<Item = &'a PlaceRecord> {
        places.iter().filter_map(|id| self.get(id))
    }
}

/// Every event that names `place` (an id, or a plain name without a gazetteer), in
/// timeline order.
pub fn events_at(timeline: &Timeline, place: &str) -> Vec<EventIndex> {
    timeline
        .events
        .iter()
        .enumerate()
        .filter(|(_, event)| event.record.places.iter().any(|p| p == place))
        .map(|(index, _)| index)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::schema::Text;

    fn place(id: &str, name: &str, native: Option<&str>) -> PlaceRecord {
        PlaceRecord {
            id: id.to_owned(),
            name: name.to_owned(),
            native: native.map(str::to_owned),
            lat: 0.0,
            lon: 0.0,
        }
    }

    #[test]
    fn names_come_from_the_gazetteer_or_stay_as_written() {
        let gazetteer = Gazetteer::new(vec![
            place("pyongyang", "Pyongyang", Some("평양")),
            place("budapest", "Budapest", Some("Budapest")),
        ]);
        assert_eq!(gazetteer.display_name("pyongyang"), "Pyongyang (평양)");
        assert_eq!(gazetteer.display_name("budapest"), "Budapest");
        assert_eq!(gazetteer.display_name("off Wonsan"), "off Wonsan");
        let ids = [Text::from("budapest"), Text::from("nowhere")];
        let names: Vec<&str> = gazetteer.of_event(&ids).map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["Budapest"]);
    }
}
