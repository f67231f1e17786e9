//! Installs the window's fonts: egui's defaults with the embedded Hangul font
//! (NanumGothic, SIL OFL, `assets/fonts/`) as the last fallback of every family, so
//! Korean renders on machines without Korean fonts. The same definitions measure text
//! for exported files ([`crate::render::text`]).

use crate::render::text::font_definitions;

/// Gives the context the window's fonts.
pub fn install_hangul_font(ctx: &egui::Context) {
    ctx.set_fonts(font_definitions());
}
