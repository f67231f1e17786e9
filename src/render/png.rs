//! The picture back end: rasterises the SVG that [`super::svg`] writes from a scene,
//! with `resvg` on the CPU, so a PNG needs no window, no GPU and no display. Nothing is
//! decided here either — the picture is the SVG's, pixel for pixel of its viewBox.
//!
//! Text is drawn in the window's fonts ([`super::text::font_definitions`]: egui's
//! defaults and the embedded NanumGothic), loaded from the binary into resvg's font
//! database; no font of the machine is ever looked at, so a PNG is the same on every
//! machine. Fonts are chosen as the window chooses them: every text in the first face
//! of the window's proportional family (Ubuntu), whatever the SVG's `font-family`
//! list (written for other renderers) asks for; a character that face lacks (Hangul)
//! from the next face of the family that has it (NanumGothic), as in the window. One
//! difference remains: resvg draws a text that needs a fallback wholly in the
//! fallback face when that face has all its characters (`8월` all in NanumGothic),
//! where the window takes only the missing characters from it.

use std::sync::{Arc, OnceLock};

use egui::FontFamily;
use resvg::tiny_skia::{Pixmap, Transform};
use resvg::usvg::{self, fontdb};

use super::text::font_definitions;

/// The window's fonts in resvg's terms: the database, and the faces of the window's
/// proportional family in its order (the first draws, the others are fallbacks).
struct WindowFonts {
    database: Arc<fontdb::Database>,
    proportional: Vec<fontdb::ID>,
}

/// The window's fonts, loaded once.
fn window_fonts() -> &'static WindowFonts {
    static FONTS: OnceLock<WindowFonts> = OnceLock::new();
    FONTS.get_or_init(load_window_fonts)
}

/// Loads every font of the window into a database, remembering which face each of the
/// window's font names became.
fn load_window_fonts() -> WindowFonts {
    let definitions = font_definitions();
    let mut database = fontdb::Database::new();
    let mut face_of = std::collections::HashMap::new();
    for (name, data) in &definitions.font_data {
        // The same shared bytes as the window's (no copy).
        let ids = database.load_font_source(fontdb::Source::Binary(data.font.clone()));
        let index = usize::try_from(data.index).unwrap_or(0);
        if let Some(&id) = ids.get(index).or_else(|| ids.first()) {
            face_of.insert(name.clone(), id);
        }
    }
    let proportional = definitions
        .families
        .get(&FontFamily::Proportional)
        .map(|names| {
            names
                .iter()
                .filter_map(|n| face_of.get(n).copied())
                .collect()
        })
        .unwrap_or_default();
    WindowFonts {
        database: Arc::new(database),
        proportional,
    }
}

/// Whether the face `id` has a glyph for `c` (its character map says so).
fn has_char(database: &fontdb::Database, id: fontdb::ID, c: char) -> bool {
    database
        .with_face_data(id, |data, index| {
            let font = skrifa::FontRef::from_index(data, index).ok()?;
            skrifa::MetadataProvider::charmap(&font).map(c)
        })
        .flatten()
        .is_some()
}

/// The family name of a face.
fn family_name(database: &fontdb::Database, id: fontdb::ID) -> Option<String> {
    database
        .face(id)
        .and_then(|face| face.families.first())
        .map(|(family, _)| family.clone())
}

/// The family name the window's proportional text is drawn in.
pub fn proportional_family() -> Option<String> {
    let fonts = window_fonts();
    family_name(&fonts.database, *fonts.proportional.first()?)
}

/// The options SVG is read with: the window's fonts, chosen as the window chooses
/// them. The window draws all text in its proportional family whatever the SVG's
/// `font-family` list asks for (it is written for other renderers), and takes a
/// character its first face lacks from the next face of the family that has it.
fn options() -> usvg::Options<'static> {
    let fonts = window_fonts();
    usvg::Options {
        fontdb: fonts.database.clone(),
        font_resolver: usvg::FontResolver {
            select_font: Box::new(|_, _| window_fonts().proportional.first().copied()),
            select_fallback: Box::new(|c, used, database| {
                window_fonts()
                    .proportional
                    .iter()
                    .copied()
                    .find(|&id| !used.contains(&id) && has_char(database, id, c))
            }),
        },
        ..usvg::Options::default()
    }
}

/// Reads SVG text into resvg's tree (text laid out in the window's fonts).
pub fn parse(svg: &str) -> Result<usvg::Tree, String> {
    usvg::Tree::from_str(svg, &options())
        .map_err(|error| format!("the SVG cannot be read: {error}"))
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
    // Straight alpha, in place (a large picture is not held twice).
    let mut pixels = pixmap.take();
    for pixel in pixels.chunks_exact_mut(4) {
        if let [r, g, b, alpha @ 1..=254] = pixel {
            let a = u16::from(*alpha);
            for channel in [r, g, b] {
                let straight = (u16::from(*channel) * 255 + a / 2) / a;
                *channel = u8::try_from(straight).unwrap_or(u8::MAX);
            }
        }
    }
    image::RgbaImage::from_raw(width, height, pixels)
        .ok_or_else(|| "the drawn picture has the wrong size".to_owned())
}

/// Draws `svg` at `width` × `height` pixels and encodes it as PNG.
pub fn svg_to_png(svg: &str, size: (u32, u32)) -> Result<Vec<u8>, String> {
    encode(&rasterize(svg, size)?)
}

/// Encodes `width` × `height` RGBA pixels as PNG bytes (the window's screenshots too,
/// on every platform).
pub fn encode_png(width: u32, height: u32, rgba: Vec<u8>) -> Result<Vec<u8>, String> {
    let image = image::RgbaImage::from_raw(width, height, rgba)
        .ok_or_else(|| "the image has the wrong number of pixels".to_owned())?;
    encode(&image)
}

fn encode(image: &image::RgbaImage) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    image
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
    let mut out = Vec::new();
    collect_glyphs(tree.root(), &window_fonts().database, &mut out);
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
                        let family = family_name(database, glyph.font).unwrap_or_default();
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

    #[test]
    fn png_encoding_checks_the_size() {
        assert!(encode_png(2, 2, vec![0; 16]).is_ok());
        assert!(encode_png(2, 2, vec![0; 15]).is_err());
    }

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
        let family_of = |text: &str| {
            let glyphs = glyph_fonts(&text_svg(text)).expect("parses");
            assert_eq!(glyphs.len(), text.chars().count(), "{glyphs:?}");
            assert!(glyphs.iter().all(|(_, _, found)| *found), "{glyphs:?}");
            let families: std::collections::BTreeSet<String> =
                glyphs.into_iter().map(|(_, family, _)| family).collect();
            families.into_iter().collect::<Vec<_>>()
        };
        // Whatever the SVG's font-family list says, the window's face.
        assert_eq!(family_of("August Plenum, 1956"), ["Ubuntu"]);
        assert_eq!(family_of("조선로동당"), ["NanumGothic"]);
        // resvg shapes a run that needs a fallback wholly in the fallback when it has
        // every character (the window takes only the missing ones from it).
        assert_eq!(family_of("Plenum 8월 종파"), ["NanumGothic"]);
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
