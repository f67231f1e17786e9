//! Text measuring without a window: egui's fonts (its defaults and the embedded
//! NanumGothic), loaded once, so that a file drawn from a scene fits its text exactly
//! as the window does.

use std::sync::{Arc, Mutex, OnceLock};

use egui::epaint::text::{Fonts, TextOptions};
use egui::{Color32, FontData, FontDefinitions, FontFamily, FontId};

/// The embedded Korean font ([`crate::platform::fonts`]: NanumGothic on the desktop).
pub const NANUM_GOTHIC: &[u8] = crate::platform::fonts::HANGUL_FONT;

/// The name NanumGothic is registered under.
pub const NANUM_NAME: &str = "NanumGothic";

/// egui's default fonts with NanumGothic as the last fallback of both families: the
/// fonts of the window.
pub fn font_definitions() -> FontDefinitions {
    let mut definitions = FontDefinitions::default();
    definitions.font_data.insert(
        NANUM_NAME.to_owned(),
        Arc::new(FontData::from_static(NANUM_GOTHIC)),
    );
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        definitions
            .families
            .entry(family)
            .or_default()
            .push(NANUM_NAME.to_owned());
    }
    definitions
}

/// The width of `text` at `size` points in the window's proportional font, at one
/// pixel per point. Thread-safe; the fonts are loaded on first use.
pub fn measure(text: &str, size: f32) -> f32 {
    static FONTS: OnceLock<Mutex<Fonts>> = OnceLock::new();
    if text.is_empty() || !size.is_finite() || size <= 0.0 {
        return 0.0;
    }
    let fonts =
        FONTS.get_or_init(|| Mutex::new(Fonts::new(TextOptions::default(), font_definitions())));
    // A poisoned lock only means another thread panicked mid-measure; the fonts are intact.
    let mut fonts = fonts
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    fonts
        .with_pixels_per_point(1.0)
        .layout_no_wrap(text.to_owned(), FontId::proportional(size), Color32::WHITE)
        .size()
        .x
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_grow_with_text_and_size_and_hangul_has_width() {
        let short = measure("Korea", 12.5);
        let long = measure("Korean Workers' Party", 12.5);
        assert!(short > 0.0 && long > short, "{short} {long}");
        assert!(measure("Korea", 25.0) > short * 1.9);
        // Hangul comes from NanumGothic, not a zero-width replacement glyph.
        assert!(measure("조선로동당", 12.5) > 5.0 * 12.5 * 0.7);
        assert_eq!(measure("", 12.5), 0.0);
        assert_eq!(measure("x", f32::NAN), 0.0);
    }
}
