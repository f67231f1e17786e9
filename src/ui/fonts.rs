//! Installs the embedded Hangul font (NanumGothic, SIL OFL, `assets/fonts/`) as a
//! fallback for every text style, so Korean renders on machines without Korean fonts.

use egui::epaint::text::{FontInsert, FontPriority, InsertFontFamily};
use egui::{FontData, FontFamily};

/// NanumGothic, embedded in the binary.
const NANUM_GOTHIC: &[u8] = include_bytes!("../../assets/fonts/NanumGothic.ttf");

/// Adds NanumGothic after egui's default fonts in both families.
pub fn install_hangul_font(ctx: &egui::Context) {
    let families = [FontFamily::Proportional, FontFamily::Monospace]
        .into_iter()
        .map(|family| InsertFontFamily {
            family,
            priority: FontPriority::Lowest,
        })
        .collect();
    ctx.add_font(FontInsert::new(
        "NanumGothic",
        FontData::from_static(NANUM_GOTHIC),
        families,
    ));
}
