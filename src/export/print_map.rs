//! The locator map on a handout's step page: the same scene as the window's
//! ([`crate::view::locator`]), set beside the step's card as a picture of its own, in
//! points, with names measured in the fonts the PDF embeds.

use egui::{Pos2, Rect, vec2};

use crate::document::Document;
use crate::model::timeline::EventIndex;
use crate::render::pdf::PagePicture;
use crate::render::text::measure;
use crate::view::locator::{MapInput, MapStyle, map_scene};
use crate::view::scene::Scene;

/// The share of the handout's text width the map takes.
const MAP_SHARE: f32 = 0.32;
/// Its height relative to its width.
const MAP_ASPECT: f32 = 0.72;
/// The size of place names on paper, in points.
const NAME_SIZE: f32 = 8.0;

/// A map ready to be placed on a page.
pub struct HandoutMap {
    /// Its width in points.
    pub width: f32,
    /// Its height in points.
    pub height: f32,
    scene: Scene,
}

impl HandoutMap {
    /// The map as a picture with its top left at `origin`.
    pub fn place(self, origin: Pos2) -> PagePicture {
        PagePicture {
            scene: self.scene,
            size: (self.width, self.height),
            origin,
            scale: 1.0,
        }
    }
}

/// The map of `event`'s places for a handout whose text is `content` points wide, or
/// `None` when the event has no places with coordinates.
pub fn handout_map(document: &Document, event: EventIndex, content: f32) -> Option<HandoutMap> {
    let timeline = &document.timeline;
    let places = crate::ui::locator_map::mapped_places(timeline, event);
    if places.is_empty() || !content.is_finite() || content <= 0.0 {
        return None;
    }
    let width = content * MAP_SHARE;
    let height = width * MAP_ASPECT;
    let style = MapStyle::light(NAME_SIZE);
    let measure = |text: &str, size: f32| measure(text, size);
    let scene = map_scene(&MapInput {
        places: &places,
        when: timeline.events.get(event).map(|e| e.when),
        rect: Rect::from_min_size(Pos2::ZERO, vec2(width, height)),
        style: &style,
        highlighted: None,
        measure: &measure,
    });
    Some(HandoutMap {
        width,
        height,
        scene,
    })
}
