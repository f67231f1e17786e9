//! A problem found in a timeline file, shown in the window as `check` prints it: where
//! and what, wrapped to the room, then the line of the file with a caret under the
//! column. That line is never wrapped (a wrapped line put the caret under another
//! character: a 190-character line in a 1024-point window pointed past the date it
//! was about); it is cut around the column to the room instead, `…` at the cuts.

use egui::{RichText, TextStyle, Ui};

use crate::model::diagnostic::Diagnostic;

/// Shows `diagnostic` in the width `ui` has.
pub fn show(ui: &mut Ui, diagnostic: &Diagnostic) {
    ui.label(RichText::new(diagnostic.headline()).monospace());
    let font = TextStyle::Monospace.resolve(ui.style());
    let advance = ui.fonts_mut(|fonts| {
        fonts
            .layout_no_wrap("0".to_owned(), font, egui::Color32::WHITE)
            .size()
            .x
    });
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let width = (ui.available_width() / advance.max(1.0)).floor().max(0.0) as usize;
    if let Some((line, caret)) = diagnostic.excerpt_within(width) {
        ui.scope(|ui| {
            ui.spacing_mut().item_spacing.y = 0.0;
            // Cut with an ellipsis if a character wider than the font's digits (Hangul,
            // drawn from a fallback font) still takes it past the room.
            ui.add(egui::Label::new(RichText::new(line).monospace()).truncate());
            ui.add(egui::Label::new(RichText::new(caret).monospace()).truncate());
        });
    }
}
