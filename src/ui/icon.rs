//! The program's icon (`assets/icon/`), embedded, for the window's title bar and task
//! bar. The Windows executable's own icon comes from the ICO through `build.rs`.

/// The 256 px icon, made from `assets/icon/wpk-timeline.svg` by `scripts/make-icons`.
pub const ICON_PNG: &[u8] = include_bytes!("../../assets/icon/wpk-timeline-256.png");

/// The icon for `ViewportBuilder::with_icon`; `None` if it cannot be decoded, in which
/// case the window simply has the system's default icon.
pub fn window_icon() -> Option<egui::IconData> {
    // Decoded with `image` (as eframe's desktop-only `icon_data` does), so this module
    // builds for the web too.
    let image = image::load_from_memory_with_format(ICON_PNG, image::ImageFormat::Png)
        .ok()?
        .to_rgba8();
    let (width, height) = image.dimensions();
    Some(egui::IconData {
        rgba: image.into_raw(),
        width,
        height,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_icon_decodes_to_256_px_with_colour_and_transparent_corners() {
        let icon = window_icon().expect("the embedded PNG decodes");
        assert_eq!((icon.width, icon.height), (256, 256));
        assert_eq!(icon.rgba.len(), 256 * 256 * 4);
        // The corners are cut round, so transparent; the middle of the dot is orange.
        assert_eq!(icon.rgba[3], 0, "top-left corner is transparent");
        let at = |x: usize, y: usize| &icon.rgba[(y * 256 + x) * 4..(y * 256 + x) * 4 + 4];
        assert_eq!(at(186, 114), &[0xe6, 0x9f, 0x00, 0xff]);
    }
}
