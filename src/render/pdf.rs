//! The PDF back end: draws a [`Scene`] onto a page of a `krilla` document — vector
//! shapes and real text (selectable, searchable; the fonts are embedded and subset by
//! krilla). Nothing is decided here: every position, colour and size comes from the
//! scene, and text is set in the window's fonts ([`super::text::font_definitions`]),
//! each character in the first font of the family's fallback chain that has it, as
//! egui picks it, so Hangul comes out in NanumGothic. A run is placed at the left of
//! the rectangle the scene measured for it, on the baseline the SVG back end uses.
//!
//! [`PrintPage`] adds what a printed page needs besides scenes: lines of text, filled
//! and stroked shapes in page coordinates, and link areas; [`write_document`] turns
//! pages into the bytes of a PDF file with a title and an outline.

use std::sync::Arc;

use egui::{Color32, FontFamily, Pos2, Rect, Stroke, pos2};
use krilla::Document;
use krilla::action::{Action, LinkAction};
use krilla::annotation::{Annotation, LinkAnnotation, Target};
use krilla::color::rgb;
use krilla::destination::XyzDestination;
use krilla::geom::{Path, PathBuilder, Point, Transform};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule, LinearGradient, SpreadMethod, Stop};
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};
use skrifa::MetadataProvider;

use super::text::{font_definitions, measure};
use crate::view::scene::CENTRE_TO_BASELINE;
use crate::view::scene::{FADE_END, Scene, Shape, TextRun, solid_span};

/// A font of the fallback chain: krilla's handle and the bytes to look glyphs up in.
struct Face {
    font: Font,
    bytes: Arc<dyn AsRef<[u8]> + Send + Sync>,
    index: u32,
}

impl Face {
    fn has_glyph(&self, c: char) -> bool {
        skrifa::FontRef::from_index((*self.bytes).as_ref(), self.index)
            .ok()
            .and_then(|font| font.charmap().map(c))
            .is_some()
    }
}

/// The window's proportional fonts, in fallback order, ready for krilla.
pub struct PdfFonts {
    faces: Vec<Face>,
}

impl PdfFonts {
    /// The fonts of the window's proportional family (egui's defaults, then NanumGothic).
    pub fn new() -> Result<Self, String> {
        let definitions = font_definitions();
        let names = definitions
            .families
            .get(&FontFamily::Proportional)
            .cloned()
            .unwrap_or_default();
        let mut faces = Vec::new();
        for name in names {
            let Some(data) = definitions.font_data.get(&name) else {
                continue;
            };
            let bytes = data.font.clone();
            // A font krilla cannot read is left out of the chain, as egui would fail it.
            if let Some(font) = Font::new(bytes.clone().into(), data.index) {
                faces.push(Face {
                    font,
                    bytes,
                    index: data.index,
                });
            }
        }
        if faces.is_empty() {
            return Err("no font could be loaded for the PDF".to_owned());
        }
        Ok(Self { faces })
    }

    /// The face a character is set in: the first of the chain that has it (else the first).
    fn face_of(&self, c: char) -> usize {
        self.faces.iter().position(|f| f.has_glyph(c)).unwrap_or(0)
    }

    /// `text` cut into runs that each use one face, with the face's index.
    pub fn runs<'t>(&self, text: &'t str) -> Vec<(usize, &'t str)> {
        let mut runs: Vec<(usize, &'t str)> = Vec::new();
        let mut start = 0;
        let mut current: Option<usize> = None;
        for (at, c) in text.char_indices() {
            // Spaces take the face of the text around them.
            let face = if c.is_whitespace() {
                current.unwrap_or_else(|| self.face_of(c))
            } else {
                self.face_of(c)
            };
            match current {
                Some(previous) if previous != face => {
                    if let Some(run) = text.get(start..at) {
                        runs.push((previous, run));
                    }
                    start = at;
                    current = Some(face);
                }
                None => current = Some(face),
                Some(_) => {}
            }
        }
        if let (Some(face), Some(run)) = (current, text.get(start..))
            && !run.is_empty()
        {
            runs.push((face, run));
        }
        runs
    }

    /// How many faces the fallback chain has.
    pub fn face_count(&self) -> usize {
        self.faces.len()
    }
}

/// A colour as krilla's RGB and its opacity.
fn colour(colour: Color32) -> (rgb::Color, NormalizedF32) {
    let [r, g, b, a] = colour.to_srgba_unmultiplied();
    (
        rgb::Color::new(r, g, b),
        NormalizedF32::new(f32::from(a) / 255.0).unwrap_or(NormalizedF32::ONE),
    )
}

fn fill_of(paint: Color32) -> Fill {
    let (rgb, opacity) = colour(paint);
    Fill {
        paint: rgb.into(),
        opacity,
        rule: FillRule::NonZero,
    }
}

fn stroke_of(line: Stroke, dash: Option<(f32, f32)>) -> krilla::paint::Stroke {
    let (rgb, opacity) = colour(line.color);
    krilla::paint::Stroke {
        paint: rgb.into(),
        width: finite(line.width).max(0.0),
        opacity,
        dash: dash.map(|(on, off)| krilla::paint::StrokeDash {
            array: vec![finite(on).max(0.1), finite(off).max(0.1)],
            offset: 0.0,
        }),
        ..Default::default()
    }
}

fn finite(value: f32) -> f32 {
    if value.is_finite() { value } else { 0.0 }
}

/// Magic number for a circle of four cubic Béziers.
const KAPPA: f32 = 0.552_284_8;

/// A rectangle with rounded corners (a plain one when `radius` is 0), or `None` when
/// it is empty or not finite.
pub fn rounded_rect(rect: Rect, radius: f32) -> Option<Path> {
    let (l, t, r, b) = (rect.left(), rect.top(), rect.right(), rect.bottom());
    if ![l, t, r, b].iter().all(|v| v.is_finite()) || r <= l || b <= t {
        return None;
    }
    let radius = finite(radius).clamp(0.0, (r - l).min(b - t) / 2.0);
    let mut path = PathBuilder::new();
    if radius <= 0.01 {
        path.push_rect(krilla::geom::Rect::from_ltrb(l, t, r, b)?);
        return path.finish();
    }
    let k = radius * (1.0 - KAPPA);
    path.move_to(l + radius, t);
    path.line_to(r - radius, t);
    path.cubic_to(r - k, t, r, t + k, r, t + radius);
    path.line_to(r, b - radius);
    path.cubic_to(r, b - k, r - k, b, r - radius, b);
    path.line_to(l + radius, b);
    path.cubic_to(l + k, b, l, b - k, l, b - radius);
    path.line_to(l, t + radius);
    path.cubic_to(l, t + k, l + k, t, l + radius, t);
    path.close();
    path.finish()
}

/// A circle, or `None` when it is empty or not finite.
fn circle(center: Pos2, radius: f32) -> Option<Path> {
    if !(center.x.is_finite() && center.y.is_finite() && radius.is_finite()) || radius <= 0.0 {
        return None;
    }
    let (x, y, r) = (center.x, center.y, radius);
    let k = r * KAPPA;
    let mut path = PathBuilder::new();
    path.move_to(x + r, y);
    path.cubic_to(x + r, y + k, x + k, y + r, x, y + r);
    path.cubic_to(x - k, y + r, x - r, y + k, x - r, y);
    path.cubic_to(x - r, y - k, x - k, y - r, x, y - r);
    path.cubic_to(x + k, y - r, x + r, y - k, x + r, y);
    path.close();
    path.finish()
}

/// A polyline (closed when `close`), or `None` with fewer than two finite points.
fn polyline(points: &[Pos2], close: bool) -> Option<Path> {
    if points.len() < 2 || points.iter().any(|p| !(p.x.is_finite() && p.y.is_finite())) {
        return None;
    }
    let mut path = PathBuilder::new();
    let first = points.first()?;
    path.move_to(first.x, first.y);
    for point in points.iter().skip(1) {
        path.line_to(point.x, point.y);
    }
    if close {
        path.close();
    }
    path.finish()
}

/// Fills `path` with `paint`.
fn fill_path(surface: &mut Surface<'_>, path: Option<Path>, paint: Color32) {
    let Some(path) = path else {
        return;
    };
    surface.set_stroke(None);
    surface.set_fill(Some(fill_of(paint)));
    surface.draw_path(&path);
}

/// Strokes `path` with `line`.
fn stroke_path(
    surface: &mut Surface<'_>,
    path: Option<Path>,
    line: Stroke,
    dash: Option<(f32, f32)>,
) {
    let Some(path) = path else {
        return;
    };
    if line.width <= 0.0 || line.color.a() == 0 {
        return;
    }
    surface.set_fill(None);
    surface.set_stroke(Some(stroke_of(line, dash)));
    surface.draw_path(&path);
}

/// Sets one line of text with its left end at `left` and its baseline at `baseline`,
/// each character in the first face of the fallback chain that has it; runs of one
/// face follow one another at the widths the window's fonts measure. Bold is the
/// regular face with a thin outline of its own colour (egui has no bold face).
#[allow(clippy::too_many_arguments)]
pub fn draw_text_line(
    surface: &mut Surface<'_>,
    fonts: &PdfFonts,
    text: &str,
    left: f32,
    baseline: f32,
    size: f32,
    paint: Color32,
    bold: bool,
) {
    if text.is_empty() || !size.is_finite() || size <= 0.0 || !left.is_finite() {
        return;
    }
    if !baseline.is_finite() {
        return;
    }
    // Control characters have no glyph in any face; a space keeps the spacing.
    let clean: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    surface.set_fill(Some(fill_of(paint)));
    surface.set_stroke(bold.then(|| stroke_of(Stroke::new(size * 0.035, paint), None)));
    let mut x = left;
    for (face, run) in fonts.runs(&clean) {
        let Some(face) = fonts.faces.get(face) else {
            continue;
        };
        surface.draw_text(
            Point::from_xy(x, baseline),
            face.font.clone(),
            size,
            run,
            false,
            TextDirection::Auto,
        );
        x += measure(run, size);
    }
    surface.set_stroke(None);
}

/// The baseline of a text run whose box is centred on `centre_y`.
pub fn baseline(centre_y: f32, size: f32) -> f32 {
    centre_y + CENTRE_TO_BASELINE * size
}

/// Draws `scene` onto `surface`, whose coordinates are the scene's (push a transform
/// first to place it); nothing is drawn outside `picture` (scene coordinates).
pub fn draw_scene(surface: &mut Surface<'_>, fonts: &PdfFonts, scene: &Scene, picture: Rect) {
    let Some(outer) = rounded_rect(picture, 0.0) else {
        return;
    };
    surface.push_clip_path(&outer, &FillRule::NonZero);
    let mut open_clip: Option<Rect> = None;
    for group in &scene.groups {
        let shapes = scene.shapes_of(group);
        if shapes.is_empty() {
            continue;
        }
        let clip = group.clip.intersect(picture);
        if open_clip != Some(clip) {
            if open_clip.is_some() {
                surface.pop();
                open_clip = None;
            }
            // A group clipped away entirely draws nothing.
            let Some(path) = rounded_rect(clip, 0.0) else {
                continue;
            };
            surface.push_clip_path(&path, &FillRule::NonZero);
            open_clip = Some(clip);
        }
        for shape in shapes {
            draw_shape(surface, fonts, shape, picture);
        }
    }
    if open_clip.is_some() {
        surface.pop();
    }
    surface.pop();
}

/// Draws one shape of a scene (or of a page, in page coordinates).
pub fn draw_shape(surface: &mut Surface<'_>, fonts: &PdfFonts, shape: &Shape, picture: Rect) {
    match shape {
        Shape::Rect { rect, radius, fill } => {
            fill_path(surface, rounded_rect(near(*rect, picture), *radius), *fill);
        }
        Shape::Outline {
            rect,
            radius,
            stroke,
            inside,
        } => {
            let shift = if *inside {
                -stroke.width / 2.0
            } else {
                stroke.width / 2.0
            };
            let rect = near(rect.expand(shift), picture);
            stroke_path(
                surface,
                rounded_rect(rect, (radius + shift).max(0.0)),
                *stroke,
                None,
            );
        }
        Shape::Band {
            rect,
            colour,
            solid,
        } => band(surface, *rect, *colour, *solid, picture),
        Shape::Circle {
            center,
            radius,
            fill,
            stroke,
        } => {
            if let Some(fill) = fill {
                fill_path(surface, circle(*center, *radius), *fill);
            }
            if let Some(stroke) = stroke {
                stroke_path(surface, circle(*center, *radius), *stroke, None);
            }
        }
        Shape::Line {
            from,
            to,
            stroke,
            dash,
        } => stroke_path(surface, polyline(&[*from, *to], false), *stroke, *dash),
        Shape::Diamond {
            center,
            half,
            stroke,
        } => {
            let (x, y) = (center.x, center.y);
            let points = [
                pos2(x, y - half),
                pos2(x + half, y),
                pos2(x, y + half),
                pos2(x - half, y),
            ];
            stroke_path(surface, polyline(&points, true), *stroke, None);
        }
        Shape::Polygon {
            points,
            ring_ends,
            fill,
            stroke,
            ..
        } => {
            let path = rings_path(points, ring_ends);
            if let Some(path) = &path {
                let (rgb, opacity) = colour(*fill);
                surface.set_stroke(None);
                surface.set_fill(Some(Fill {
                    paint: rgb.into(),
                    opacity,
                    rule: FillRule::EvenOdd,
                }));
                surface.draw_path(path);
            }
            stroke_path(surface, path, *stroke, None);
        }
        Shape::Text(run) => text_run(surface, fonts, run),
    }
}

/// The closed rings of a polygon as one path (filled even-odd, so holes stay open), or
/// `None` when no ring has three finite points.
fn rings_path(points: &[Pos2], ring_ends: &[u32]) -> Option<Path> {
    let mut path = PathBuilder::new();
    let mut any = false;
    for ring in crate::view::scene::polygon_rings(points, ring_ends) {
        if ring.len() < 3 || ring.iter().any(|p| !(p.x.is_finite() && p.y.is_finite())) {
            continue;
        }
        let first = ring.first()?;
        path.move_to(first.x, first.y);
        for point in ring.iter().skip(1) {
            path.line_to(point.x, point.y);
        }
        path.close();
        any = true;
    }
    if any { path.finish() } else { None }
}

fn text_run(surface: &mut Surface<'_>, fonts: &PdfFonts, run: &TextRun) {
    if let Some(plate) = run.plate {
        fill_path(
            surface,
            rounded_rect(run.rect.expand2(egui::vec2(2.0, 1.0)), 2.0),
            plate,
        );
    }
    draw_text_line(
        surface,
        fonts,
        &run.text,
        run.rect.left(),
        baseline(run.rect.center().y, run.size),
        run.size,
        run.colour,
        run.bold,
    );
}

/// A band that fades: full colour between `solid` (or only at its centre), faint at its
/// ends — the same gradient as the SVG back end's, over the whole band, of which only
/// the part near the picture is drawn.
fn band(
    surface: &mut Surface<'_>,
    rect: Rect,
    paint: Color32,
    solid: Option<(f32, f32)>,
    picture: Rect,
) {
    let width = rect.width();
    if width.is_nan() || width <= 0.0 {
        return;
    }
    let (s0, s1) = solid_span(rect, solid);
    let (rgb, opacity) = colour(paint);
    // The faint ends keep the colour (not black) and lose only opacity.
    let faint = NormalizedF32::new(opacity.get() * FADE_END).unwrap_or(NormalizedF32::ZERO);
    let offset = |x: f32| NormalizedF32::new(((x - rect.left()) / width).clamp(0.0, 1.0));
    let stop = |at: Option<NormalizedF32>, opacity| Stop {
        offset: at.unwrap_or(NormalizedF32::ZERO),
        color: rgb.into(),
        opacity,
    };
    let gradient = LinearGradient {
        x1: rect.left(),
        y1: 0.0,
        x2: rect.right(),
        y2: 0.0,
        transform: Transform::identity(),
        spread_method: SpreadMethod::Pad,
        stops: vec![
            stop(Some(NormalizedF32::ZERO), faint),
            stop(offset(s0), opacity),
            stop(offset(s1), opacity),
            stop(Some(NormalizedF32::ONE), faint),
        ],
        anti_alias: false,
    };
    let Some(path) = rounded_rect(near(rect, picture), 0.0) else {
        return;
    };
    surface.set_stroke(None);
    surface.set_fill(Some(Fill {
        paint: gradient.into(),
        opacity: NormalizedF32::ONE,
        rule: FillRule::NonZero,
    }));
    surface.draw_path(&path);
}

/// `rect` cut to a little beyond the picture, so that coordinates stay small while
/// every edge that is cut lies outside it.
fn near(rect: Rect, picture: Rect) -> Rect {
    let margin = 16.0;
    let (left, right) = (picture.left() - margin, picture.right() + margin);
    Rect::from_min_max(
        pos2(rect.left().clamp(left, right), rect.top()),
        pos2(rect.right().clamp(left, right), rect.bottom()),
    )
}

/// One line of text on a page, in page coordinates (points, y down).
#[derive(Clone, Debug, PartialEq)]
pub struct PageText {
    /// The text.
    pub text: String,
    /// Its left end.
    pub left: f32,
    /// Its baseline.
    pub baseline: f32,
    /// Font size in points.
    pub size: f32,
    /// Colour.
    pub colour: Color32,
    /// Bold.
    pub bold: bool,
}

/// A scene placed on a page: drawn at `scale` points per scene pixel with its origin
/// at `origin`, clipped to its picture.
#[derive(Clone, Debug)]
pub struct PagePicture {
    /// The display list, in its own pixels.
    pub scene: Scene,
    /// The picture's extent in scene pixels (from the origin).
    pub size: (f32, f32),
    /// Where its top left lies on the page.
    pub origin: Pos2,
    /// Points per scene pixel.
    pub scale: f32,
}

impl PagePicture {
    /// Its rectangle on the page.
    pub fn rect(&self) -> Rect {
        Rect::from_min_size(
            self.origin,
            egui::vec2(self.size.0 * self.scale, self.size.1 * self.scale),
        )
    }
}

/// A picture (issue 14) placed on a page: decoded pixels drawn into `rect`.
#[derive(Clone, Debug)]
pub struct PageImage {
    /// Where it lies on the page, in points.
    pub rect: Rect,
    /// Its pixels.
    pub pixels: std::sync::Arc<crate::model::media::Rgba>,
}

/// One page of a printed document, in points with the origin at the top left.
#[derive(Clone, Debug, Default)]
pub struct PrintPage {
    /// Width and height.
    pub size: (f32, f32),
    /// Pictures drawn from scenes, first.
    pub pictures: Vec<PagePicture>,
    /// Pictures of events (photographs, maps), after the scenes.
    pub images: Vec<PageImage>,
    /// Shapes in page coordinates (swatches, rules, the key), over the pictures.
    pub shapes: Vec<Shape>,
    /// Lines of text, last.
    pub texts: Vec<PageText>,
    /// Link areas and where they lead (`http(s)` addresses only).
    pub links: Vec<(Rect, String)>,
    /// The bookmark of this page in the outline, if it has one.
    pub bookmark: Option<String>,
}

/// A document to print: its title and pages.
#[derive(Clone, Debug, Default)]
pub struct PrintDocument {
    /// The title (the PDF's metadata).
    pub title: String,
    /// The pages, in order.
    pub pages: Vec<PrintPage>,
}

/// Draws `image` into its rectangle (nothing for an empty one or empty pixels).
fn draw_image(surface: &mut Surface<'_>, image: &PageImage) {
    let rgba = &image.pixels;
    let expected = u64::from(rgba.width) * u64::from(rgba.height) * 4;
    let Some(size) = krilla::geom::Size::from_wh(image.rect.width(), image.rect.height()) else {
        return;
    };
    if rgba.width == 0 || rgba.height == 0 || rgba.pixels.len() as u64 != expected {
        return;
    }
    let pixels = krilla::image::Image::from_rgba8(rgba.pixels.clone(), rgba.width, rgba.height);
    surface.push_transform(&Transform::from_translate(
        finite(image.rect.left()),
        finite(image.rect.top()),
    ));
    surface.draw_image(pixels, size);
    surface.pop();
}

/// Writes `document` as the bytes of a PDF file: each page's pictures, shapes and text,
/// its links as link annotations, the title as metadata, and one bookmark per page
/// that has one.
pub fn write_document(document: &PrintDocument, fonts: &PdfFonts) -> Result<Vec<u8>, String> {
    let mut pdf = Document::new();
    let mut outline = Outline::new();
    for (index, page) in document.pages.iter().enumerate() {
        let (width, height) = page.size;
        let settings = PageSettings::from_wh(width, height)
            .ok_or_else(|| format!("page {} has no size ({width}×{height})", index + 1))?;
        let mut pdf_page = pdf.start_page_with(settings);
        {
            let mut surface = pdf_page.surface();
            for picture in &page.pictures {
                let transform = Transform::from_row(
                    picture.scale,
                    0.0,
                    0.0,
                    picture.scale,
                    picture.origin.x,
                    picture.origin.y,
                );
                surface.push_transform(&transform);
                let extent = Rect::from_min_max(Pos2::ZERO, pos2(picture.size.0, picture.size.1));
                draw_scene(&mut surface, fonts, &picture.scene, extent);
                surface.pop();
            }
            for image in &page.images {
                draw_image(&mut surface, image);
            }
            let whole = Rect::from_min_max(Pos2::ZERO, pos2(width, height));
            for shape in &page.shapes {
                draw_shape(&mut surface, fonts, shape, whole);
            }
            for text in &page.texts {
                draw_text_line(
                    &mut surface,
                    fonts,
                    &text.text,
                    text.left,
                    text.baseline,
                    text.size,
                    text.colour,
                    text.bold,
                );
            }
            surface.finish();
        }
        for (rect, url) in &page.links {
            let Some(area) =
                krilla::geom::Rect::from_ltrb(rect.left(), rect.top(), rect.right(), rect.bottom())
            else {
                continue;
            };
            let link = LinkAnnotation::new(
                area,
                Target::Action(Action::Link(LinkAction::new(url.clone()))),
            );
            pdf_page.add_annotation(Annotation::new_link(link, Some(url.clone())));
        }
        pdf_page.finish();
        if let Some(bookmark) = &page.bookmark {
            outline.push_child(OutlineNode::new(
                bookmark.clone(),
                XyzDestination::new(index, Point::from_xy(0.0, 0.0)),
            ));
        }
    }
    pdf.set_outline(outline);
    pdf.set_metadata(
        Metadata::new()
            .title(document.title.clone())
            .creator(format!("wpk-timeline {}", env!("CARGO_PKG_VERSION"))),
    );
    pdf.finish()
        .map_err(|error| format!("the PDF could not be written: {error:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hangul_comes_from_another_face_than_latin() {
        let fonts = PdfFonts::new().expect("the window's fonts load");
        assert!(fonts.face_count() >= 2);
        let runs = fonts.runs("Kim Il Sung 김일성 era");
        assert_eq!(runs.len(), 3, "{runs:?}");
        assert_eq!(runs[0].1, "Kim Il Sung ");
        assert_eq!(runs[1].1, "김일성 ");
        assert_eq!(runs[2].1, "era");
        assert_ne!(runs[0].0, runs[1].0);
        assert_eq!(runs[0].0, runs[2].0);
        assert!(fonts.runs("").is_empty());
    }

    #[test]
    fn paths_refuse_empty_and_non_finite_shapes() {
        let rect = Rect::from_min_max(pos2(0.0, 0.0), pos2(10.0, 5.0));
        assert!(rounded_rect(rect, 2.0).is_some());
        assert!(rounded_rect(rect, 0.0).is_some());
        assert!(rounded_rect(Rect::NOTHING, 0.0).is_none());
        assert!(
            rounded_rect(Rect::from_min_max(pos2(f32::NAN, 0.0), pos2(1.0, 1.0)), 0.0).is_none()
        );
        assert!(circle(pos2(1.0, 1.0), 0.0).is_none());
        assert!(circle(pos2(1.0, f32::INFINITY), 2.0).is_none());
        assert!(polyline(&[pos2(0.0, 0.0)], false).is_none());
    }
}
