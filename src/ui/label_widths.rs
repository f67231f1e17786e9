//! Each event's label widths (title and short name), and the widths of other texts the
//! scene measures (labels fitted to their room, axis labels), kept across frames.
//!
//! egui's galley cache forgets the galleys a frame did not draw, so without this every
//! zoom step that brings other labels into reach shapes their titles again. A width at a
//! given size does not change with the view: it is measured once per document, label
//! size and pixels per point, and only for the events actually asked about.

use ahash::HashMap;
use std::hash::{Hash, Hasher};

use egui::epaint::text::{FontDefinitions, TextOptions};

use crate::model::timeline::EventIndex;

/// What the widths depend on; a different key clears them.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct WidthKey {
    /// The document (the build id of its unfiltered lane index: a new load gives a new one).
    pub document: u64,
    /// How many events it has.
    pub events: usize,
    /// The label size in points (follows the type scale).
    pub label_size: f32,
    /// Pixels per point (text is shaped at the pixel size).
    pub pixels_per_point: f32,
    /// The installed fonts (see [`fonts_key`]).
    pub fonts: u64,
    /// How text is rendered (hinting may move glyphs).
    pub text_options: Option<TextOptions>,
}

/// Identifies a set of font definitions: the families' font names and which font data
/// each name stands for (the data is shared, so its address tells a replaced font).
pub fn fonts_key(definitions: &FontDefinitions) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    definitions.families.hash(&mut hasher);
    for (name, data) in &definitions.font_data {
        name.hash(&mut hasher);
        std::sync::Arc::as_ptr(data).hash(&mut hasher);
    }
    hasher.finish()
}

/// How many other texts' widths are kept at most; past it they are forgotten and
/// measured again (fitting a label tries a dozen cut versions of it, so a long session
/// of zooming meets many).
pub const MAX_TEXTS: usize = 20_000;

/// The title and short-name width of each event measured so far (NaN: not yet), and
/// the widths of other texts by size.
#[derive(Clone, Debug, Default)]
pub struct LabelWidths {
    key: WidthKey,
    titles: Vec<f32>,
    short_names: Vec<f32>,
    /// Other texts: by the size's bits, then by text.
    texts: HashMap<u32, HashMap<Box<str>, f32>>,
    /// How many texts `texts` holds.
    text_count: usize,
}

impl LabelWidths {
    /// Makes the widths valid for `key`: keeps them when it is the same, forgets them
    /// otherwise. Memory stays two `f32` per event.
    pub fn prepare(&mut self, key: WidthKey) {
        if self.key != key || self.titles.len() != key.events {
            self.key = key;
            self.titles.clear();
            self.titles.resize(key.events, f32::NAN);
            self.short_names.clear();
            self.short_names.resize(key.events, f32::NAN);
            self.texts.clear();
            self.text_count = 0;
        }
    }

    /// The width of `text` at `size`, measured by `measure` the first time.
    pub fn text(&mut self, text: &str, size: f32, measure: impl FnOnce() -> f32) -> f32 {
        if let Some(&width) = self
            .texts
            .get(&size.to_bits())
            .and_then(|texts| texts.get(text))
        {
            return width;
        }
        let width = measure();
        if self.text_count >= MAX_TEXTS {
            self.texts.clear();
            self.text_count = 0;
        }
        self.texts
            .entry(size.to_bits())
            .or_default()
            .insert(text.into(), width);
        self.text_count += 1;
        width
    }

    /// The width of `event`'s title, measured by `measure` the first time.
    pub fn title(&mut self, event: EventIndex, measure: impl FnOnce() -> f32) -> f32 {
        Self::get(&mut self.titles, event, measure)
    }

    /// The width of `event`'s short name, measured by `measure` the first time.
    pub fn short_name(&mut self, event: EventIndex, measure: impl FnOnce() -> f32) -> f32 {
        Self::get(&mut self.short_names, event, measure)
    }

    fn get(widths: &mut [f32], event: EventIndex, measure: impl FnOnce() -> f32) -> f32 {
        match widths.get_mut(event) {
            Some(width) if !width.is_nan() => *width,
            Some(width) => {
                *width = measure();
                *width
            }
            // An event outside the key's document: measured, not kept.
            None => measure(),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use super::*;

    fn key(label_size: f32) -> WidthKey {
        WidthKey {
            document: 1,
            events: 3,
            label_size,
            pixels_per_point: 1.0,
            fonts: 9,
            text_options: None,
        }
    }

    #[test]
    fn a_width_is_measured_once_per_key() {
        let calls = Cell::new(0);
        let measure = || {
            calls.set(calls.get() + 1);
            42.0
        };
        let mut widths = LabelWidths::default();
        widths.prepare(key(12.0));
        assert_eq!(widths.title(1, measure), 42.0);
        assert_eq!(widths.title(1, measure), 42.0);
        widths.prepare(key(12.0));
        assert_eq!(widths.title(1, measure), 42.0);
        assert_eq!(calls.get(), 1);
        assert_eq!(widths.short_name(1, measure), 42.0);
        assert_eq!(calls.get(), 2);
        // Out of range: measured every time, nothing stored.
        assert_eq!(widths.title(7, measure), 42.0);
        assert_eq!(widths.title(7, measure), 42.0);
        assert_eq!(calls.get(), 4);
    }

    #[test]
    fn a_text_is_measured_once_per_size_and_key_and_the_count_is_bounded() {
        let calls = Cell::new(0);
        let measure = |width: f32| {
            calls.set(calls.get() + 1);
            width
        };
        let mut widths = LabelWidths::default();
        widths.prepare(key(12.0));
        assert_eq!(widths.text("1956", 12.0, || measure(30.0)), 30.0);
        assert_eq!(widths.text("1956", 12.0, || measure(99.0)), 30.0);
        assert_eq!(widths.text("1956", 14.0, || measure(35.0)), 35.0);
        assert_eq!(calls.get(), 2);
        widths.prepare(key(18.0));
        assert_eq!(widths.text("1956", 12.0, || measure(31.0)), 31.0);
        assert_eq!(calls.get(), 3);
        for n in 0..(MAX_TEXTS * 2) {
            widths.text(&n.to_string(), 12.0, || 1.0);
            assert!(widths.text_count <= MAX_TEXTS, "{n}: {}", widths.text_count);
        }
        let kept: usize = widths.texts.values().map(HashMap::len).sum();
        assert_eq!(kept, widths.text_count);
    }

    #[test]
    fn a_new_key_forgets_the_widths() {
        let mut widths = LabelWidths::default();
        widths.prepare(key(12.0));
        assert_eq!(widths.title(0, || 10.0), 10.0);
        assert_eq!(widths.short_name(0, || 5.0), 5.0);
        widths.prepare(key(18.0));
        assert_eq!(widths.title(0, || 15.0), 15.0);
        assert_eq!(widths.short_name(0, || 7.5), 7.5);
        widths.prepare(WidthKey {
            pixels_per_point: 2.0,
            ..key(18.0)
        });
        assert_eq!(widths.title(0, || 16.0), 16.0);
        widths.prepare(WidthKey {
            document: 2,
            ..key(18.0)
        });
        assert_eq!(widths.title(0, || 17.0), 17.0);
        widths.prepare(WidthKey {
            fonts: 10,
            ..key(18.0)
        });
        assert_eq!(widths.title(0, || 18.0), 18.0);
    }

    #[test]
    fn other_fonts_have_another_key() {
        let default = FontDefinitions::default();
        assert_eq!(fonts_key(&default), fonts_key(&default.clone()));
        assert_ne!(
            fonts_key(&default),
            fonts_key(&crate::render::text::font_definitions())
        );
    }
}
