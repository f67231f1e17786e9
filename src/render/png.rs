//! The picture back end: rasterises the SVG that [`super::svg`] writes from a scene,
//! with `resvg` on the CPU, so a PNG needs no window, no GPU and no display. Nothing is
//! decided here either — the picture is the SVG's, pixel for pixel of its viewBox.
//!
//! Text is drawn in the window's fonts ([`super::text::font_definitions`]: egui's
//! defaults and the embedded NanumGothic), loaded from the binary into resvg's font
//! database; no font of the machine is ever looked at, so a PNG is the same on every
//! machine. The SVG's `font-family` list starts with the window's face (Ubuntu), and
//! the generic `sans-serif` is set to it as well; a character that face lacks (Hangul)
//! falls back to the first font that has it (NanumGothic), as in the window.

use std::sync::{Arc, OnceLock};

use egui::FontFamily;
use resvg::tiny_skia::{Pixmap, Transform};
use resvg::usvg::{self, fontdb};

use super::text::font_definitions;

/// The window's fonts as resvg's font database, built once.
pub fn font_database() -> Arc<fontdb::Database> {
    static DATABASE: OnceLock<Arc<fontdb::Database>> = OnceLock::new();
    DATABASE
        .get_or_init(|| Arc::new(window_fonts()))
        .clone()
}

/// Loads every font of the window, and points the generic families at the first
/// font of the window's families.
fn window_fonts() -> fontdb::Database {
    let definitions = font_definitions();
    let mut database = fontdb::Database::new();
    let mut family_of = std::collections::HashMap::new();
    for (name, data) in &definitions.font_data {
        let bytes: Arc<dyn AsRef<[u8]> + Send + Sync> = Arc::new(data.font.to_vec());
        let ids = database.load_font_source(fontdb::Source::Binary(bytes));
        let index = usize::try_from(data.index).unwrap_or(0);
        let family = ids
            .get(index)
            .or_else(|| ids.first())
            .and_then(|&id| database.face(id))
            .and_then(|face| face.families.first())
            .map(|(family, _)| family.clone());
        if let Some(family) = family {
            family_of.insert(name.clone(), family);
        }
    }
    let first = |family: &FontFamily| {
        definitions
            .families
            .get(family)
            .and_then(|names| names.iter().find_map(|name| family_of.get(name)))
            .cloned()
    };
    if let Some(proportional) = first(&FontFamily::Proportional) {
        database.set_sans_serif_family(proportional.clone());
        database.set_serif_family(proportional);
    }
    if let Some(monospace) = first(&FontFamily::Monospace) {
        database.set_monospace_family(monospace);
    }
    database
}

/// The family name the window's proportional text is drawn in (what `sans-serif` means here).
pub fn proportional_family() -> Option<String> {
    let database = font_database();
    let id = database
        .query(&fontdb::Query {
            families: &[fontdb::Family::SansSerif],
            ..fontdb::Query::default()
        })?;
    database
        .face(id)
        .and_then(|face| face.families.first())
        .map(|(family, _)| family.clone())
}

/// The options SVG is read with: the window's fonts, and its face as the default.
fn options() -> usvg::Options<'static> {
    let mut options = usvg::Options {
        fontdb: font_database(),
        ..usvg::Options::default()
    };
    if let Some(family) = proportional_family() {
        options.font_family = family;
    }
    options
}

/// Reads SVG text into resvg's tree (text laid out in the window's fonts).
pub fn parse(svg: &str) -> Result<usvg::Tree, String> {
    usvg::Tree::from_str(svg, &options()).map_err(|error| format!("the SVG cannot be read: {error}"))
}

/// Draws `svg` into a picture of `width` × `height` pixels (its viewBox scaled to fit),
/// as straight (not premultiplied) RGBA.
pub fn rasterize(svg: &str, (width, height): (u32, u32)) -> Result<image::RgbaImage, String> {
    let tree = parse(svg)?;
    let mut pixmap = Pixmap::new(width, height)
        .ok_or_else(|| format!("cannot draw a picture of {width}x{height} pixels"))?;
    let size = tree.size();
    // Both at most 16384 (checked by the caller), so exact in f32.
    #[allow(clippy::cast_precision_loss)]
    let (sx, sy) = (
        width as f32 / size.width().max(1.0),
        height as f32 / size.height().max(1.0),
    );
    resvg::render(&tree, Transform::from_scale(sx, sy), &mut pixmap.as_mut());
    let pixels: Vec<u8> = pixmap
        .pixels()
        .iter()
        .flat_map(|pixel| {
            let colour = pixel.demultiply();
            [colour.red(), colour.green(), colour.blue(), colour.alpha()]
        })
        .collect();
    image::RgbaImage::from_raw(width, height, pixels)
        .ok_or_else(|| "the drawn picture has the wrong size".to_owned())
}

/// Draws `svg` at `width` × `height` pixels and encodes it as PNG.
pub fn svg_to_png(svg: &str, size: (u32, u32)) -> Result<Vec<u8>, String> {
    let picture = rasterize(svg, size)?;
    let mut bytes = Vec::new();
    picture
        .write_to(
            &mut std::io::Cursor::new(&mut bytes),
            image::ImageFormat::Png,
        )
        .map_err(|error| format!("cannot encode the PNG: {error}"))?;
    Ok(bytes)
}

/// The family of the font each character of the text in `svg` is drawn with, and
/// whether the font has a glyph for it (not the empty "missing" glyph), in order:
/// what tests ask to know that Hangul is drawn in NanumGothic, not as boxes.
pub fn glyph_fonts(svg: &str) -> Result<Vec<(String, String, bool)>, String> {
    let tree = parse(svg)?;
    let database = font_database();
    let mut out = Vec::new();
    collect_glyphs(tree.root(), &database, &mut out);
    Ok(out)
}

fn collect_glyphs(
    group: &usvg::Group,
    database: &fontdb::Database,
    out: &mut Vec<(String, String, bool)>,
) {
    for node in group.children() {
        match node {
            usvg::Node::Group(group) => collect_glyphs(group, database, out),
            usvg::Node::Text(text) => {
                for span in text.layouted() {
                    for glyph in &span.positioned_glyphs {
                        let family = database
                            .face(glyph.font)
                            .and_then(|face| face.families.first())
                            .map_or_else(String::new, |(family, _)| family.clone());
                        out.push((glyph.text.clone(), family, glyph.id.0 != 0));
                    }
                }
            }
            usvg::Node::Path(_) | usvg::Node::Image(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_svg(text: &str) -> String {
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"200\" height=\"40\" \
             viewBox=\"0 0 200 40\" font-family=\"{}\"><rect width=\"200\" height=\"40\" \
             fill=\"#ffffff\"/><text x=\"4\" y=\"28\" font-size=\"20\">{text}</text></svg>",
            super::super::svg::escape_xml(super::super::svg::FONT_FAMILY)
        )
    }

    #[test]
    fn latin_is_drawn_in_the_windows_face_and_hangul_in_nanum_gothic() {
        let glyphs = glyph_fonts(&text_svg("Plenum 8월 종파")).expect("parses");
        assert!(!glyphs.is_empty());
        for (text, family, found) in &glyphs {
            assert!(found, "{text:?} has no glyph in {family}");
            let hangul = text.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c));
            if hangul {
                assert_eq!(family, "NanumGothic", "{text:?}");
            } else if !text.trim().is_empty() {
                assert_eq!(family, "Ubuntu", "{text:?}");
            }
        }
        let hangul = glyphs.iter().filter(|(_, f, _)| f == "NanumGothic").count();
        assert_eq!(hangul, 3, "월, 종 and 파: {glyphs:?}");
    }

    #[test]
    fn a_picture_has_the_size_asked_for_and_ink_where_the_text_is() {
        let picture = rasterize(&text_svg("조선로동당"), (400, 80)).expect("drawn");
        assert_eq!(picture.dimensions(), (400, 80));
        // The viewBox is scaled to the picture: text at x 4..110, baseline 28 of 40.
        let ink = |x0: u32, x1: u32| {
            (x0..x1)
                .flat_map(|x| (0..80).map(move |y| (x, y)))
                .filter(|&(x, y)| picture.get_pixel(x, y).0[0] < 128)
                .count()
        };
        assert!(ink(8, 200) > 300, "Hangul drawn: {}", ink(8, 200));
        assert_eq!(ink(260, 400), 0, "nothing right of the text");
        assert_eq!(picture.get_pixel(399, 79).0, [255, 255, 255, 255]);
    }

    #[test]
    fn broken_svg_and_impossible_sizes_are_errors() {
        assert!(rasterize("<svg", (10, 10)).is_err());
        assert!(rasterize(&text_svg("x"), (0, 10)).is_err());
    }
}
