//! Laid-out text kept across frames for the window's back end ([`super::egui`]): one
//! galley per text and size, shared by measuring (the scene fits labels to their room)
//! and painting.
//!
//! egui's own galley cache forgets a galley the frame after it was last drawn, and keys
//! it by colour too: a label measured in one colour and painted in another was shaped
//! twice, and a label that left the view for a frame and came back was shaped again.
//! Shaping (harfrust, which compiles a shaping plan on every call) was the largest part
//! of the widest zoom steps. Galleys here are laid out in
//! [`Color32::PLACEHOLDER`](egui::Color32::PLACEHOLDER) and painted with the run's
//! colour as the fallback, which gives the very same vertices as a galley laid out in
//! that colour.

use std::collections::HashMap;
use std::sync::Arc;

use egui::Galley;

/// How many bytes of text the kept galleys may hold together before the ones not drawn
/// lately are forgotten (a galley costs some 160 bytes a letter: about 20 MB at most;
/// some 4,000 labels of thirty letters).
pub const MAX_BYTES: usize = 128 * 1024;
/// A longer text is laid out every time it is asked for, not kept (a file may have
/// titles of 10,000 characters; labels are cut far shorter).
pub const MAX_TEXT_BYTES: usize = 512;
/// When over [`MAX_BYTES`], galleys used within this many frames stay.
pub const RECENT_FRAMES: u64 = 30;

/// What the galleys depend on besides their text and size; a different key forgets them.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct GalleyKey {
    /// Pixels per point (text is shaped at the pixel size).
    pub pixels_per_point: f32,
    /// The installed fonts ([`crate::ui::label_widths::fonts_key`]).
    pub fonts: u64,
    /// How text is rendered.
    pub text_options: Option<egui::epaint::text::TextOptions>,
}

/// The galleys of one size by text, each with the frame it was last used in.
type BySize = HashMap<Box<str>, (Arc<Galley>, u64)>;

/// Galleys by size (its bits), then text.
#[derive(Clone, Debug, Default)]
pub struct KeptGalleys {
    key: GalleyKey,
    frame: u64,
    galleys: HashMap<u32, BySize>,
    /// How many galleys are kept.
    count: usize,
    /// The bytes of their texts together.
    bytes: usize,
}

impl KeptGalleys {
    /// Starts a frame: forgets everything when `key` changed, and, when their texts
    /// hold more than [`MAX_BYTES`], the ones not used in the last [`RECENT_FRAMES`]
    /// frames (then all but the last frame's, then all, while that is not enough).
    pub fn prepare(&mut self, key: GalleyKey) {
        if self.key != key {
            self.key = key;
            self.clear();
        }
        self.frame = self.frame.wrapping_add(1);
        for recent in [RECENT_FRAMES, 1] {
            if self.bytes <= MAX_BYTES {
                return;
            }
            let frame = self.frame;
            for texts in self.galleys.values_mut() {
                texts.retain(|_, (_, used)| frame.wrapping_sub(*used) <= recent);
            }
            self.galleys.retain(|_, texts| !texts.is_empty());
            self.count = self.galleys.values().map(HashMap::len).sum();
            self.bytes = self
                .galleys
                .values()
                .flat_map(HashMap::keys)
                .map(|text| text.len())
                .sum();
        }
        if self.bytes > MAX_BYTES {
            self.clear();
        }
    }

    fn clear(&mut self) {
        self.galleys.clear();
        self.count = 0;
        self.bytes = 0;
    }

    /// The galley of `text` at `size`, laid out by `layout` the first time.
    pub fn galley(
        &mut self,
        text: &str,
        size: f32,
        layout: impl FnOnce() -> Arc<Galley>,
    ) -> Arc<Galley> {
        if text.len() > MAX_TEXT_BYTES {
            return layout();
        }
        let frame = self.frame;
        let texts = self.galleys.entry(size.to_bits()).or_default();
        // Looked up by the borrowed text: a hit allocates nothing.
        if let Some((galley, used)) = texts.get_mut(text) {
            *used = frame;
            return Arc::clone(galley);
        }
        let galley = layout();
        texts.insert(text.into(), (Arc::clone(&galley), frame));
        self.count += 1;
        self.bytes += text.len();
        galley
    }

    /// How many galleys are kept.
    pub fn len(&self) -> usize {
        self.count
    }

    /// Whether none are kept.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use super::*;

    fn key(pixels_per_point: f32) -> GalleyKey {
        GalleyKey {
            pixels_per_point,
            fonts: 1,
            text_options: None,
        }
    }

    fn galley(text: &str) -> Arc<Galley> {
        let mut fonts = egui::epaint::text::Fonts::new(
            egui::epaint::text::TextOptions::default(),
            egui::FontDefinitions::default(),
        );
        fonts.with_pixels_per_point(1.0).layout_no_wrap(
            text.to_owned(),
            egui::FontId::proportional(12.0),
            egui::Color32::PLACEHOLDER,
        )
    }

    #[test]
    fn a_galley_is_laid_out_once_per_text_size_and_key() {
        let calls = Cell::new(0);
        let layout = |text: &str| {
            calls.set(calls.get() + 1);
            galley(text)
        };
        let mut kept = KeptGalleys::default();
        kept.prepare(key(1.0));
        let a = kept.galley("1956", 12.0, || layout("1956"));
        let b = kept.galley("1956", 12.0, || layout("1956"));
        assert!(Arc::ptr_eq(&a, &b));
        kept.galley("1956", 13.0, || layout("1956"));
        assert_eq!(calls.get(), 2);
        // Kept over frames that do not draw it.
        for _ in 0..(RECENT_FRAMES * 3) {
            kept.prepare(key(1.0));
        }
        kept.galley("1956", 12.0, || layout("1956"));
        assert_eq!(calls.get(), 2);
        assert_eq!(kept.len(), 2);
        // Another pixel density: laid out again.
        kept.prepare(key(2.0));
        assert!(kept.is_empty());
        kept.galley("1956", 12.0, || layout("1956"));
        assert_eq!(calls.get(), 3);
    }

    #[test]
    fn past_the_bound_only_recent_galleys_stay() {
        let one = galley("x");
        let mut kept = KeptGalleys::default();
        kept.prepare(key(1.0));
        kept.galley("old", 12.0, || Arc::clone(&one));
        for _ in 0..=RECENT_FRAMES {
            kept.prepare(key(1.0));
        }
        // Texts of 16 bytes, just past the bound together.
        let text = |n: usize| format!("{n:016}");
        let fill = MAX_BYTES / 16;
        for n in 0..fill {
            kept.galley(&text(n), 12.0, || Arc::clone(&one));
        }
        assert_eq!(kept.len(), fill + 1);
        assert!(kept.bytes > MAX_BYTES);
        kept.prepare(key(1.0));
        // The old one went; this frame's all stayed.
        assert_eq!(kept.len(), fill);
        assert!(kept.bytes <= MAX_BYTES);
        let calls = Cell::new(0);
        kept.galley("old", 12.0, || {
            calls.set(1);
            Arc::clone(&one)
        });
        kept.galley(&text(7), 12.0, || {
            calls.set(2);
            Arc::clone(&one)
        });
        assert_eq!(calls.get(), 1);
        // A working set larger than the bound keeps no more than the bound.
        for n in 0..fill {
            kept.galley(&format!("new {n:012}"), 12.0, || Arc::clone(&one));
        }
        kept.prepare(key(1.0));
        assert!(kept.bytes <= MAX_BYTES, "{}", kept.bytes);
        let kept_bytes: usize = kept
            .galleys
            .values()
            .flat_map(HashMap::keys)
            .map(|t| t.len())
            .sum();
        assert_eq!(kept_bytes, kept.bytes);
    }

    #[test]
    fn a_long_text_is_laid_out_each_time_and_not_kept() {
        let calls = Cell::new(0);
        let long = "x".repeat(MAX_TEXT_BYTES + 1);
        let mut kept = KeptGalleys::default();
        kept.prepare(key(1.0));
        for _ in 0..2 {
            kept.galley(&long, 12.0, || {
                calls.set(calls.get() + 1);
                galley("x")
            });
        }
        assert_eq!(calls.get(), 2);
        assert!(kept.is_empty());
    }
}
