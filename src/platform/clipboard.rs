//! Putting text on the clipboard (native: through egui, which hands it to the window
//! system at the end of the frame).

/// Copies `text` to the clipboard.
pub fn copy_text(ctx: &egui::Context, text: impl Into<String>) {
    ctx.copy_text(text.into());
}
