//! The locator map widget: allocates a rectangle, asks [`crate::view::locator`] for the
//! map of an event's places, paints it through [`crate::render::egui`], and reports a
//! click on a place. Used by the detail panel and the presentation card.

use egui::{Color32, CursorIcon, FontId, RichText, Sense, Ui, vec2};

use crate::model::places::PlaceRecord;
use crate::model::timeline::{EventIndex, Timeline};
use crate::view::locator::{MapInput, MapStyle, division_note, map_scene, projection_for};
use crate::view::scene::{Scene, Target};

/// The places of `event` that have coordinates, with their gazetteer index.
pub fn mapped_places(timeline: &Timeline, event: EventIndex) -> Vec<(usize, &PlaceRecord)> {
    let Some(shown) = timeline.events.get(event) else {
        return Vec::new();
    };
    shown
        .record
        .places
        .iter()
        .filter_map(|id| {
            let index = timeline.places.position(id)?;
            Some((index, timeline.places.places.get(index)?))
        })
        .collect()
}

/// The name screen readers (and tests) find the map by: "Map: Pyongyang, Seoul".
pub fn map_name(places: &[(usize, &PlaceRecord)]) -> String {
    let names: Vec<&str> = places.iter().map(|(_, p)| p.name.as_str()).collect();
    format!("Map: {}", names.join(", "))
}

/// Shows the map of `event`'s places, `height` points high and as wide as the
/// layout; nothing when it has no places with coordinates. Returns the id of a place
/// clicked on the map.
pub fn locator_map_ui(
    ui: &mut Ui,
    timeline: &Timeline,
    event: EventIndex,
    height: f32,
    (label_size, note_size): (f32, f32),
    highlighted: Option<&str>,
) -> Option<String> {
    let places = mapped_places(timeline, event);
    if places.is_empty() {
        return None;
    }
    let width = ui.available_width().max(1.0);
    let (rect, response) = ui.allocate_exact_size(vec2(width, height.max(1.0)), Sense::click());
    let name = map_name(&places);
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, &name));
    if !ui.is_rect_visible(rect) {
        return None;
    }
    let mut style = if ui.visuals().dark_mode {
        MapStyle::dark(label_size)
    } else {
        MapStyle::light(label_size)
    };
    style.note_size = note_size;
    let ctx = ui.ctx().clone();
    let measure = |text: &str, size: f32| -> f32 {
        ctx.fonts_mut(|fonts| {
            fonts
                .layout_no_wrap(text.to_owned(), FontId::proportional(size), Color32::WHITE)
                .size()
                .x
        })
    };
    let highlighted = highlighted.and_then(|id| timeline.places.position(id));
    let when = timeline.events.get(event).map(|e| e.when);
    // The scene is built again only when something it is built from changed (a panel
    // repaints on every hover; projecting the countries each time is wasted work).
    let key = {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        for (index, place) in &places {
            (index, &place.name, place.lat.to_bits(), place.lon.to_bits()).hash(&mut hasher);
        }
        when.map(|w| {
            let (start, end) = w.interval();
            (start.to_bits(), end.to_bits())
        })
        .hash(&mut hasher);
        [
            rect.min.x,
            rect.min.y,
            rect.max.x,
            rect.max.y,
            style.label_size,
            style.note_size,
        ]
        .map(f32::to_bits)
        .hash(&mut hasher);
        (highlighted, ui.visuals().dark_mode).hash(&mut hasher);
        hasher.finish()
    };
    let cache_id = response.id.with("locator-map-scene");
    let cached = ui.data(|data| data.get_temp::<(u64, std::sync::Arc<Scene>)>(cache_id));
    let scene = match cached {
        Some((cached_key, scene)) if cached_key == key => scene,
        _ => {
            let scene = std::sync::Arc::new(map_scene(&MapInput {
                places: &places,
                when,
                rect,
                style: &style,
                highlighted,
                measure: &measure,
            }));
            ui.data_mut(|data| data.insert_temp(cache_id, (key, scene.clone())));
            scene
        }
    };
    let painter = ui.painter_at(rect);
    crate::render::egui::paint(&painter, &scene);

    let pointer = response.hover_pos();
    let hit = pointer.and_then(|p| scene.hit_at(p));
    let place = hit.and_then(|hit| match hit.target {
        Target::Place(index) => timeline.places.places.get(index),
        _ => None,
    });
    // The note on Korea's division only where the map shows Korea.
    let [west, south, east, north] = projection_for(&places, rect).visible_bounds();
    let shows_korea = west < 127.5 && 127.5 < east && south < 38.0 && 38.0 < north;
    let note = when
        .as_ref()
        .and_then(division_note)
        .filter(|_| shows_korea);
    let response = match (place, note) {
        (Some(place), _) => response
            .on_hover_cursor(CursorIcon::PointingHand)
            .on_hover_text(format!(
                "{}\nClick to list every event here",
                place.full_name()
            )),
        (None, Some(note)) => response.on_hover_text(note),
        (None, None) => response,
    };
    if response.clicked() {
        return place.map(|p| p.id.clone());
    }
    None
}

/// What the user asked for in the places section.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PlaceAction {
    /// Highlight every event at this place (an id), or stop when it is highlighted.
    Highlight(String),
    /// Select another event at the highlighted place.
    Follow(EventIndex),
}

/// How many events at a place are listed under the map before "and N more".
const EVENTS_AT_PLACE_SHOWN: usize = 12;

/// The detail panel's places: each name as a button that highlights every event there
/// (plain names when the file has no gazetteer), the map, and, when one of them is
/// highlighted, the list of events at it.
pub fn places_section_ui(
    ui: &mut Ui,
    timeline: &Timeline,
    event: EventIndex,
    highlighted: Option<&str>,
    map_height: f32,
) -> Vec<PlaceAction> {
    let mut actions = Vec::new();
    let Some(shown) = timeline.events.get(event) else {
        return actions;
    };
    if timeline.places.is_empty() {
        ui.label(shown.record.places.join("; "));
        return actions;
    }
    ui.horizontal_wrapped(|ui| {
        for id in &shown.record.places {
            let active = highlighted == Some(id.as_str());
            if ui
                .selectable_label(active, timeline.places.display_name(id))
                .on_hover_text("Highlight every event at this place")
                .clicked()
            {
                actions.push(PlaceAction::Highlight(id.to_string()));
            }
        }
    });
    let label_size = ui
        .style()
        .text_styles
        .get(&egui::TextStyle::Small)
        .map_or(11.0, |font| font.size + 1.5);
    let note_size = (label_size * 0.85).max(9.0);
    if let Some(clicked) = locator_map_ui(
        ui,
        timeline,
        event,
        map_height,
        (label_size, note_size),
        highlighted,
    ) {
        actions.push(PlaceAction::Highlight(clicked));
    }
    if let Some(place) = highlighted
        && shown.record.places.iter().any(|p| p == place)
    {
        let at = crate::model::places::events_at(timeline, place);
        let name = timeline.places.display_name(place);
        ui.weak(format!(
            "{} {} at {name}:",
            at.len(),
            if at.len() == 1 { "event" } else { "events" }
        ));
        for &other in at.iter().take(EVENTS_AT_PLACE_SHOWN) {
            if let Some(record) = timeline.events.get(other) {
                let text = format!("{} — {}", record.when, record.record.title);
                if other == event {
                    ui.label(RichText::new(text).strong());
                } else if ui.link(text).clicked() {
                    actions.push(PlaceAction::Follow(other));
                }
            }
        }
        if at.len() > EVENTS_AT_PLACE_SHOWN {
            ui.weak(format!(
                "… and {} more, highlighted on the timeline",
                at.len() - EVENTS_AT_PLACE_SHOWN
            ));
        }
    }
    actions
}

/// The share of the presentation card's width the map takes.
const CARD_MAP_SHARE: f32 = 0.34;
/// The map's height on the card, relative to its width (at most the card's height).
const CARD_MAP_ASPECT: f32 = 0.62;

/// The presentation card with the event's map on its right: `text` draws the card's
/// text in the column left of it and returns how many letters of its summary and how
/// many of its paragraphs (summary, notes) it showed. The map is shown only where it
/// costs the text nothing: when the narrower column shows every letter of the summary
/// and as many paragraphs as the whole width would, in the card's height (counting
/// paragraphs alone let a summary cut to three words stand beside the map); otherwise
/// `text` takes the whole width (the text comes first). Without
/// places with coordinates there is no map. The map is as tall as its aspect asks,
/// never taller than the card, so an invisible sizing pass measures the card's height
/// with the map in it.
pub fn beside_map_ui(
    ui: &mut Ui,
    timeline: &Timeline,
    event: EventIndex,
    style: &crate::ui::theme::TimelineStyle,
    text: impl Fn(&mut Ui) -> (usize, usize),
) {
    if mapped_places(timeline, event).is_empty() {
        text(ui);
        return;
    }
    // Two columns side by side, each a child with its own rectangle (a horizontal
    // layout would give the text only a row's height); then the parent moves on below
    // the taller of the two.
    let room = ui.available_rect_before_wrap();
    let gap = style.text_size;
    let map_width = (room.width() * CARD_MAP_SHARE).max(1.0);
    let text_width = (room.width() - map_width - gap).max(1.0);
    let map_height = (map_width * CARD_MAP_ASPECT).min(room.height()).max(1.0);
    if room.height().is_finite() {
        let shown_in = |ui: &mut Ui, width: f32| {
            let mut trial = ui.new_child(
                egui::UiBuilder::new()
                    .max_rect(egui::Rect::from_min_size(
                        room.min,
                        vec2(width, room.height()),
                    ))
                    .layout(egui::Layout::top_down(egui::Align::Min))
                    .sizing_pass()
                    .invisible(),
            );
            text(&mut trial)
        };
        let (narrow, wide) = (shown_in(ui, text_width), shown_in(ui, room.width()));
        if narrow.0 < wide.0 || narrow.1 < wide.1 {
            text(ui);
            return;
        }
    }
    let text_rect = egui::Rect::from_min_size(room.min, vec2(text_width, room.height()));
    let map_rect = egui::Rect::from_min_size(
        egui::pos2(room.right() - map_width, room.top()),
        vec2(map_width, map_height),
    );
    let mut text_ui = ui.new_child(
        egui::UiBuilder::new()
            .max_rect(text_rect)
            .layout(egui::Layout::top_down(egui::Align::Min)),
    );
    text(&mut text_ui);
    let mut map_ui = ui.new_child(
        egui::UiBuilder::new()
            .max_rect(map_rect)
            .layout(egui::Layout::top_down(egui::Align::Min)),
    );
    locator_map_ui(
        &mut map_ui,
        timeline,
        event,
        map_height,
        // Every text of the projector is set at least at the labels' size (the back
        // row reads it: tests/ui_lecture_hall.rs).
        (style.label_size, style.label_size),
        None,
    );
    let used = text_ui.min_rect().union(map_ui.min_rect());
    ui.advance_cursor_after_rect(used);
}
