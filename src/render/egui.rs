//! The window's back end: paints a [`Scene`] into an egui [`Painter`]. Nothing is
//! decided here — every position, colour and size comes from the scene.

use std::sync::Arc;

use egui::epaint::Mesh;
use egui::{
    Align2, Color32, FontId, Galley, Painter, Pos2, Rect, Shape as EguiShape, Stroke, pos2, vec2,
};

use super::egui_galleys::KeptGalleys;
use crate::view::scene::{CENTRE_TO_BASELINE, Outline, Scene, Shape, TextRun};

/// Paints every group of `scene`, each clipped to its rectangle (within the painter's).
/// Bands go into one mesh per clip rectangle, under that clip's other shapes: they never
/// overlap one another, and one mesh tessellates far faster than a thousand shapes.
pub fn paint(painter: &Painter, scene: &Scene) {
    paint_with(painter, scene, &mut |painter, run| {
        painter.layout_no_wrap(run.text.clone(), FontId::proportional(run.size), run.colour)
    });
}

/// [`paint`], taking each text's galley from `kept` (laid out there the first time):
/// for a widget that draws every frame and measures through the same galleys.
pub fn paint_kept(painter: &Painter, scene: &Scene, kept: &mut KeptGalleys) {
    paint_with(painter, scene, &mut |painter, run| {
        kept.galley(&run.text, run.size, || {
            layout_placeholder(painter.ctx(), &run.text, run.size)
        })
    });
}

/// `text` at `size` laid out in [`Color32::PLACEHOLDER`], for [`KeptGalleys`]: painted
/// with the run's colour as the fallback, it gives the same vertices as a galley laid
/// out in that colour, and its width is the text's width in any colour.
pub fn layout_placeholder(ctx: &egui::Context, text: &str, size: f32) -> Arc<Galley> {
    ctx.fonts_mut(|fonts| {
        fonts.layout_no_wrap(
            text.to_owned(),
            FontId::proportional(size),
            Color32::PLACEHOLDER,
        )
    })
}

/// A text run's galley (its colour, or the placeholder that the run's colour fills).
type GalleyOf<'a> = dyn FnMut(&Painter, &TextRun) -> Arc<Galley> + 'a;

fn paint_with(painter: &Painter, scene: &Scene, galley_of: &mut GalleyOf<'_>) {
    let outer = painter.clip_rect();
    let mut current: Option<(Rect, Painter)> = None;
    let mut hoisted: Option<Hoisted> = None;
    let mut sizes = FillSizes::recall(painter);
    let mut fills = Fills::new(painter);
    for group in &scene.groups {
        let clip = group.clip.intersect(outer);
        let same = current.as_ref().is_some_and(|(rect, _)| *rect == clip);
        if !same {
            flush(&mut hoisted, &mut sizes);
            current = Some((clip, painter.with_clip_rect(clip)));
        }
        let Some((_, clipped)) = &current else {
            continue;
        };
        let shapes = scene.shapes_of(group);
        if let Some(h) = &mut hoisted {
            reserve_bands(&mut h.bands, shapes);
        }
        // A lane's bars and badges go into one mesh too: a lane's marks never overlap
        // one another, and its labels and outlines come after its marks.
        let in_lane = matches!(group.layer, crate::view::scene::Layer::Lane(_));
        let mut k = 0;
        while let Some(shape) = shapes.get(k) {
            let rest = shapes.get(k..).unwrap_or_default();
            k += 1;
            // A fill and its outline inside it (a cluster's badge) are one shape for
            // egui: one path, the fill meeting the outline's inner edge, two thirds of
            // the triangles of the two drawn one over the other (the widest views
            // hold hundreds of badges).
            if let (
                Shape::Rect { rect, radius, fill },
                Some(Shape::Outline {
                    rect: outlined,
                    radius: outline_radius,
                    stroke,
                    inside: true,
                }),
            ) = (shape, shapes.get(k))
                && outlined == rect
                && outline_radius == radius
            {
                k += 1;
                match Pill::of(*rect, *radius, clipped.pixels_per_point()) {
                    Some(pill) if in_lane => {
                        let h = Hoisted::of(&mut hoisted, clipped, rest, &sizes);
                        fills.pill(&pill, *fill, *stroke, &mut h.fills);
                    }
                    Some(pill) => {
                        clipped.add(pill.shape(*fill, *stroke));
                    }
                    None => {
                        clipped.add(egui::epaint::RectShape::new(
                            *rect,
                            *radius,
                            *fill,
                            *stroke,
                            egui::StrokeKind::Inside,
                        ));
                    }
                }
                continue;
            }
            match shape {
                Shape::Band {
                    rect,
                    colour,
                    solid,
                } => {
                    let h = Hoisted::of(&mut hoisted, clipped, rest, &sizes);
                    add_tapered_band(&mut h.bands, *rect, *colour, *solid);
                }
                Shape::Rect { rect, radius, fill } if in_lane => {
                    let h = Hoisted::of(&mut hoisted, clipped, rest, &sizes);
                    fills.rect(*rect, *radius, *fill, &mut h.fills);
                }
                Shape::Text(run) => paint_text(clipped, run, galley_of(clipped, run)),
                _ => paint_shape(clipped, shape),
            }
        }
    }
    flush(&mut hoisted, &mut sizes);
    sizes.keep(painter);
}

/// What a clip rectangle's shapes put into meshes of their own, painted where the first
/// of them would have been: the bands (under everything after them), then the lanes'
/// bars and badges. One mesh tessellates far faster than a thousand shapes.
struct Hoisted {
    /// Where the bands go in egui's list.
    bands_slot: egui::layers::ShapeIdx,
    bands: Mesh,
    /// Where the bars and badges go, just after the bands.
    fills_slot: egui::layers::ShapeIdx,
    fills: Mesh,
    painter: Painter,
}

impl Hoisted {
    /// The meshes of this clip rectangle, begun here (before `rest`, the shapes from
    /// here on in the group) if they were not yet.
    fn of<'a>(
        hoisted: &'a mut Option<Self>,
        painter: &Painter,
        rest: &[Shape],
        sizes: &FillSizes,
    ) -> &'a mut Self {
        hoisted.get_or_insert_with(|| {
            let mut bands = Mesh::default();
            reserve_bands(&mut bands, rest);
            let mut fills = Mesh::default();
            let (vertices, indices) = sizes.next();
            fills.vertices.reserve(vertices);
            fills.indices.reserve(indices);
            Self {
                bands_slot: painter.add(EguiShape::Noop),
                bands,
                fills_slot: painter.add(EguiShape::Noop),
                fills,
                painter: painter.clone(),
            }
        })
    }
}

/// Room for the bands among `shapes` at once, rather than regrowing the mesh band by
/// band: a thousand bars at the widest views.
fn reserve_bands(mesh: &mut Mesh, shapes: &[Shape]) {
    let count = shapes
        .iter()
        .filter(|shape| matches!(shape, Shape::Band { .. }))
        .count();
    mesh.reserve_vertices(count * BAND_VERTICES);
    mesh.reserve_triangles(count * BAND_TRIANGLES);
}

/// How large each clip rectangle's mesh of bars and badges was in the painter's last
/// frame, in order: room for as much at once, rather than regrowing it badge by badge.
/// Kept by layer and by the painter's own clip rectangle, so that two widgets painting
/// scenes in one layer (the timeline and the detail panel's map) keep theirs apart.
struct FillSizes {
    id: egui::Id,
    last: Vec<(usize, usize)>,
    now: Vec<(usize, usize)>,
}

impl FillSizes {
    fn recall(painter: &Painter) -> Self {
        let clip = painter.clip_rect();
        let id = painter.layer_id().id.with((
            "wpk-fill-sizes",
            clip.min.x.to_bits(),
            clip.min.y.to_bits(),
        ));
        let last = painter
            .ctx()
            .data(|data| data.get_temp::<Vec<(usize, usize)>>(id))
            .unwrap_or_default();
        Self {
            id,
            last,
            now: Vec::new(),
        }
    }

    /// The next mesh's size last frame (vertices, indices).
    fn next(&self) -> (usize, usize) {
        self.last.get(self.now.len()).copied().unwrap_or_default()
    }

    fn keep(self, painter: &Painter) {
        if self.now != self.last {
            painter
                .ctx()
                .data_mut(|data| data.insert_temp(self.id, self.now));
        }
    }
}

fn flush(hoisted: &mut Option<Hoisted>, sizes: &mut FillSizes) {
    if let Some(h) = hoisted.take() {
        sizes
            .now
            .push((h.fills.vertices.len(), h.fills.indices.len()));
        for (slot, mesh) in [(h.bands_slot, h.bands), (h.fills_slot, h.fills)] {
            if !mesh.is_empty() {
                h.painter.set(slot, EguiShape::mesh(mesh));
            }
        }
    }
}

/// Paints one shape.
pub fn paint_shape(painter: &Painter, shape: &Shape) {
    match shape {
        Shape::Rect { rect, radius, fill } => {
            painter.rect_filled(*rect, *radius, *fill);
        }
        Shape::Outline {
            rect,
            radius,
            stroke,
            inside,
        } => {
            painter.rect_stroke(
                *rect,
                *radius,
                *stroke,
                if *inside {
                    egui::StrokeKind::Inside
                } else {
                    egui::StrokeKind::Outside
                },
            );
        }
        Shape::Band {
            rect,
            colour,
            solid,
        } => {
            let mut mesh = Mesh::default();
            add_tapered_band(&mut mesh, *rect, *colour, *solid);
            painter.add(EguiShape::mesh(mesh));
        }
        Shape::Circle {
            center,
            radius,
            fill,
            stroke,
        } => {
            if let Some(fill) = fill {
                painter.circle_filled(*center, *radius, *fill);
            }
            if let Some(stroke) = stroke {
                painter.circle_stroke(*center, *radius, *stroke);
            }
        }
        Shape::Line {
            from,
            to,
            stroke,
            dash,
        } => match dash {
            Some((dash, gap)) => {
                painter.add(EguiShape::dashed_line(&[*from, *to], *stroke, *dash, *gap));
            }
            None => {
                painter.line_segment([*from, *to], *stroke);
            }
        },
        Shape::Diamond {
            center,
            half,
            stroke,
        } => {
            painter.add(diamond(*center, *half, *stroke));
        }
        Shape::Polygon {
            points,
            ring_ends,
            triangles,
            fill,
            stroke,
        } => {
            if fill.a() > 0 && !triangles.is_empty() {
                let mut mesh = Mesh::default();
                mesh.reserve_vertices(points.len());
                mesh.reserve_triangles(triangles.len() / 3);
                for point in points {
                    mesh.colored_vertex(*point, *fill);
                }
                let count = points.len() as u32;
                for triangle in triangles.chunks_exact(3) {
                    if triangle.iter().all(|&i| i < count) {
                        mesh.add_triangle(triangle[0], triangle[1], triangle[2]);
                    }
                }
                painter.add(EguiShape::mesh(mesh));
            }
            if stroke.width > 0.0 {
                for ring in crate::view::scene::polygon_rings(points, ring_ends) {
                    // A coast that zig-zags within a pixel makes egui's mitred joins
                    // spike far out of the shape: points closer than half a point to
                    // the last kept one are left out of the outline (not the fill).
                    let mut line: Vec<Pos2> = Vec::with_capacity(ring.len());
                    for &point in ring {
                        if line.last().is_none_or(|last| last.distance(point) >= 0.5) {
                            line.push(point);
                        }
                    }
                    if line.len() >= 3 {
                        painter.add(EguiShape::closed_line(line, *stroke));
                    }
                }
            }
        }
        Shape::Text(run) => {
            let galley = painter.layout_no_wrap(
                run.text.clone(),
                FontId::proportional(run.size),
                run.colour,
            );
            paint_text(painter, run, galley);
        }
    }
}

/// Paints `run` from its `galley` (laid out in its colour or in the placeholder colour).
fn paint_text(painter: &Painter, run: &TextRun, galley: Arc<Galley>) {
    if let Some(plate) = run.plate {
        painter.rect_filled(run.rect.expand2(vec2(2.0, 1.0)), 2.0, plate);
    }
    let origin = galley_origin(run, &galley);
    painter.galley(origin, galley, run.colour);
}

/// Where the galley of `run`'s text goes: its baseline where the scene sets it
/// ([`CENTRE_TO_BASELINE`]: capitals and descenders centred on the run's line), not
/// egui's centring of the whole line box, which sits the letters low (at two pixels per
/// point descenders in a bar ran through its outline).
pub fn galley_origin(run: &TextRun, galley: &egui::Galley) -> Pos2 {
    let baseline_in_galley = galley
        .rows
        .first()
        .and_then(|row| row.row.glyphs.first().map(|glyph| row.pos.y + glyph.pos.y));
    let top = baseline_in_galley.map_or_else(
        || {
            Align2::LEFT_CENTER
                .anchor_size(run.rect.left_center(), galley.size())
                .top()
        },
        |baseline| run.rect.center().y + CENTRE_TO_BASELINE * run.size - baseline,
    );
    pos2(run.rect.left(), top)
}

/// Outlines a hit area (hovered or selected).
pub fn paint_outline(painter: &Painter, outline: Outline, stroke: Stroke) {
    match outline {
        Outline::Circle { center, radius } => {
            painter.circle_stroke(center, radius + 1.5, stroke);
        }
        Outline::Rect(rect) => {
            painter.rect_stroke(rect, 2.0, stroke, egui::StrokeKind::Outside);
        }
        Outline::None => {}
    }
}

/// Vertices of one tapered band: four columns, top and bottom.
const BAND_VERTICES: usize = 8;
/// Triangles of one tapered band: two for each of its three sections.
const BAND_TRIANGLES: usize = 6;

/// Appends a bar to `mesh` that is solid over `solid` (or only at its centre) and fades
/// towards both ends.
fn add_tapered_band(mesh: &mut Mesh, rect: Rect, colour: Color32, solid: Option<(f32, f32)>) {
    let (s0, s1) = crate::view::scene::solid_span(rect, solid);
    let faint = colour.gamma_multiply(crate::view::scene::FADE_END);
    let first = mesh.vertices.len() as u32;
    let columns = [
        (rect.left(), faint),
        (s0, colour),
        (s1, colour),
        (rect.right(), faint),
    ];
    for (x, c) in columns {
        mesh.colored_vertex(pos2(x, rect.top()), c);
        mesh.colored_vertex(pos2(x, rect.bottom()), c);
    }
    for i in 0..3u32 {
        let base = first + i * 2;
        mesh.add_triangle(base, base + 1, base + 2);
        mesh.add_triangle(base + 1, base + 3, base + 2);
    }
}

/// Directions round a circle in steps of 1/32 of a turn, clockwise on screen from
/// east.
static CIRCLE_32: std::sync::LazyLock<[egui::Vec2; 32]> = std::sync::LazyLock::new(|| {
    std::array::from_fn(|i| egui::Vec2::angled(std::f32::consts::TAU * i as f32 / 32.0))
});

/// Farthest (in pixels) a pill's outline strays inside the true circle between two of
/// its points.
const PILL_TOLERANCE: f32 = 0.2;

/// A pill (a rectangle whose corner radius is half its shorter side) as drawn: its
/// rectangle on whole pixels, as egui snaps a rectangle's, its radius and the segments
/// of each quarter turn of its outline.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Pill {
    rect: Rect,
    radius: f32,
    segments: usize,
}

impl Pill {
    /// `rect` with corner `radius` as a pill; `None` for any other rounded rectangle.
    ///
    /// A pill is a badge, and the widest views hold hundreds: egui rounds every corner
    /// of a radius under 18 points with eight segments, where four keep the curve within
    /// [`PILL_TOLERANCE`] of a pixel up to a radius of ten pixels (two up to three
    /// pixels; egui's own eight beyond ten) — half the points to tessellate, the same
    /// shape to the eye.
    fn of(rect: Rect, radius: f32, pixels_per_point: f32) -> Option<Self> {
        let half_side = rect.width().min(rect.height()) / 2.0;
        if !(half_side > 0.0 && radius >= half_side - 0.01 && pixels_per_point > 0.0) {
            return None;
        }
        let rect = egui::emath::GuiRounding::round_to_pixels(rect, pixels_per_point);
        let radius = rect.width().min(rect.height()) / 2.0;
        if radius.is_nan() || radius <= 0.0 {
            return None;
        }
        // Segments per quarter turn: a chord of angle θ strays r(1 − cos θ/2) from the arc.
        let strays = |segments: f32| {
            radius * pixels_per_point * (1.0 - (std::f32::consts::FRAC_PI_4 / segments).cos())
        };
        let segments = if strays(2.0) <= PILL_TOLERANCE {
            2
        } else if strays(4.0) <= PILL_TOLERANCE {
            4
        } else {
            8
        };
        Some(Self {
            rect,
            radius,
            segments,
        })
    }

    /// The outline, clockwise.
    fn points(&self) -> Vec<Pos2> {
        let (rect, r, segments) = (self.rect, self.radius, self.segments);
        let stride = 8 / segments;
        let centres = [
            pos2(rect.right() - r, rect.bottom() - r),
            pos2(rect.left() + r, rect.bottom() - r),
            pos2(rect.left() + r, rect.top() + r),
            pos2(rect.right() - r, rect.top() + r),
        ];
        let mut points: Vec<Pos2> = Vec::with_capacity(4 * (segments + 1));
        for (quadrant, centre) in centres.into_iter().enumerate() {
            for step in 0..=segments {
                let direction = CIRCLE_32[(quadrant * 8 + step * stride) % 32];
                let point = centre + r * direction;
                // Where a side is all curve, its two ends are one point.
                if points
                    .last()
                    .is_none_or(|last| last.distance_sq(point) > 1e-6)
                {
                    points.push(point);
                }
            }
        }
        if points.len() > 2
            && points
                .first()
                .zip(points.last())
                .is_some_and(|(a, b)| a.distance_sq(*b) <= 1e-6)
        {
            points.pop();
        }
        points
    }

    /// The pill filled and outlined inside, as one egui path.
    fn shape(&self, fill: Color32, stroke: Stroke) -> egui::epaint::PathShape {
        egui::epaint::PathShape {
            points: self.points(),
            closed: true,
            fill,
            stroke: egui::epaint::PathStroke::from(stroke).with_kind(egui::StrokeKind::Inside),
        }
    }
}

/// The outline of `rect` as a pill, clockwise (see [`Pill::of`]).
#[cfg(test)]
fn pill(rect: Rect, radius: f32, pixels_per_point: f32) -> Option<Vec<Pos2>> {
    Pill::of(rect, radius, pixels_per_point).map(|pill| pill.points())
}

/// How much longer than its two round ends a badge's pattern is; any badge longer than
/// its ends by more than [`STAMP_MIN_SIDE`] is the pattern with its right end moved.
const PATTERN_SIDE: f32 = 64.0;
/// A badge whose straight sides are shorter than this (a round one, as in a dense view
/// most are), or an upright one, has a pattern of its own size.
const STAMP_MIN_SIDE: f32 = 0.01;

/// What makes two badges' patterns the same (sizes by their bits).
#[derive(Clone, Copy, Debug, PartialEq)]
struct PatternKey {
    height: u32,
    radius: u32,
    segments: usize,
    stroke_width: u32,
    stroke_colour: Color32,
    /// For a pattern of one size only (a round or upright badge), its width.
    only_width: Option<u32>,
}

/// A badge tessellated once by egui: every badge of that height, radius and outline in
/// the frame is a copy of its triangles, those of its right end moved along by the
/// difference in length (a pill's outline is its two ends and the straight sides
/// between, and egui's edges and anti-aliasing at each point of the outline depend only
/// on the point and its neighbours' directions, which a longer side does not change).
struct Pattern {
    key: PatternKey,
    /// Vertices right of this (those of the right end) move with the badge's right side.
    middle: f32,
    width: f32,
    mesh: Mesh,
    /// Which vertices take the badge's fill colour.
    filled: Vec<bool>,
}

/// Tessellates a lane's bars and badges into a mesh of ours, with egui's tessellator
/// (the same triangles egui would make of each) and badges stamped from [`Pattern`]s.
struct Fills {
    tessellator: egui::epaint::Tessellator,
    patterns: Vec<Pattern>,
}

impl Fills {
    fn new(painter: &Painter) -> Self {
        let options = painter.ctx().tessellation_options(|options| *options);
        Self::with(painter.pixels_per_point(), options)
    }

    fn with(pixels_per_point: f32, options: egui::epaint::TessellationOptions) -> Self {
        // Neither the font atlas nor its prepared discs are asked for by rectangles and
        // paths.
        let mut tessellator =
            egui::epaint::Tessellator::new(pixels_per_point, options, [1, 1], vec![]);
        tessellator.set_clip_rect(Rect::EVERYTHING);
        Self {
            tessellator,
            patterns: Vec::new(),
        }
    }

    /// A filled rectangle, as `Painter::rect_filled` draws it.
    fn rect(&mut self, rect: Rect, radius: f32, fill: Color32, out: &mut Mesh) {
        self.tessellator
            .tessellate_rect(&egui::epaint::RectShape::filled(rect, radius, fill), out);
    }

    /// A badge: `pill` filled with `fill` and outlined inside with `stroke`.
    fn pill(&mut self, pill: &Pill, fill: Color32, stroke: Stroke, out: &mut Mesh) {
        let (rect, r) = (pill.rect, pill.radius);
        // Not a clear one: egui leaves out the fill's triangles.
        if fill == Color32::TRANSPARENT {
            self.tessellator
                .tessellate_path(&pill.shape(fill, stroke), out);
            return;
        }
        let stretches = rect.width() - 2.0 * r >= STAMP_MIN_SIDE && rect.width() > rect.height();
        let key = PatternKey {
            height: rect.height().to_bits(),
            radius: r.to_bits(),
            segments: pill.segments,
            stroke_width: stroke.width.to_bits(),
            stroke_colour: stroke.color,
            only_width: (!stretches).then(|| rect.width().to_bits()),
        };
        let found = self.patterns.iter().position(|p| p.key == key);
        let index = found.unwrap_or_else(|| {
            let pattern = self.pattern(pill, stroke, key);
            self.patterns.push(pattern);
            self.patterns.len() - 1
        });
        let Some(pattern) = self.patterns.get(index) else {
            return;
        };
        let stretch = rect.width() - pattern.width;
        let offset = rect.min.to_vec2();
        let base = out.vertices.len() as u32;
        let middle = pattern.middle;
        out.vertices
            .extend(
                pattern
                    .mesh
                    .vertices
                    .iter()
                    .zip(&pattern.filled)
                    .map(|(vertex, &filled)| {
                        let mut vertex = *vertex;
                        if vertex.pos.x > middle {
                            vertex.pos.x += stretch;
                        }
                        vertex.pos += offset;
                        if filled {
                            vertex.color = fill;
                        }
                        vertex
                    }),
            );
        out.indices
            .extend(pattern.mesh.indices.iter().map(|&index| base + index));
    }

    /// The pattern of badges like `pill` outlined with `stroke`: egui's triangles of one
    /// at the origin, filled in a colour no other vertex has.
    fn pattern(&mut self, pill: &Pill, stroke: Stroke, key: PatternKey) -> Pattern {
        let stretches = key.only_width.is_none();
        let width = if stretches {
            2.0 * pill.radius + PATTERN_SIDE
        } else {
            pill.rect.width()
        };
        let model = Pill {
            rect: Rect::from_min_size(Pos2::ZERO, vec2(width, pill.rect.height())),
            ..*pill
        };
        // A fill no outline or edge vertex has: those are the stroke's colour (faded
        // for a thin one) or transparent.
        let marker = [
            Color32::from_rgba_premultiplied(1, 2, 3, 4),
            Color32::from_rgba_premultiplied(5, 6, 7, 8),
        ]
        .into_iter()
        .find(|&c| c != stroke.color)
        .unwrap_or(Color32::WHITE);
        let mut mesh = Mesh::default();
        self.tessellator
            .tessellate_path(&model.shape(marker, stroke), &mut mesh);
        let filled = mesh.vertices.iter().map(|v| v.color == marker).collect();
        Pattern {
            key,
            // A pattern of one size does not stretch.
            middle: if stretches {
                width / 2.0
            } else {
                f32::INFINITY
            },
            width,
            mesh,
            filled,
        }
    }
}

fn diamond(center: Pos2, half: f32, stroke: Stroke) -> EguiShape {
    let points = vec![
        center + vec2(0.0, -half),
        center + vec2(half, 0.0),
        center + vec2(0.0, half),
        center + vec2(-half, 0.0),
    ];
    EguiShape::closed_line(points, stroke)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Distance of `p` from the outline of the pill `rect` (radius half its shorter side).
    fn off_outline(rect: Rect, p: Pos2) -> f32 {
        let r = rect.width().min(rect.height()) / 2.0;
        let inner = rect.shrink(r);
        let nearest = pos2(
            p.x.clamp(inner.left(), inner.right()),
            p.y.clamp(inner.top(), inner.bottom()),
        );
        (p.distance(nearest) - r).abs()
    }

    #[test]
    fn a_pill_keeps_to_its_outline_clockwise_with_fewer_points_than_egui() {
        for pixels_per_point in [1.0, 1.5, 2.0] {
            for (w, h) in [
                (40.0, 16.0),
                (16.0, 16.0),
                (9.0, 30.0),
                (200.0, 5.0),
                (60.0, 40.0),
            ] {
                let rect = Rect::from_min_size(pos2(10.0, 20.0), vec2(w, h));
                let points = pill(rect, h.min(w) / 2.0, pixels_per_point).expect("a pill");
                // Where egui puts the rectangle: on whole pixels.
                let rect = egui::emath::GuiRounding::round_to_pixels(rect, pixels_per_point);
                let (w, h) = (rect.width(), rect.height());
                let r_pixels = w.min(h) / 2.0 * pixels_per_point;
                // On the outline, and no chord strays further than the tolerance.
                for (a, b) in points.iter().zip(points.iter().cycle().skip(1)) {
                    assert!(off_outline(rect, *a) < 1e-3, "{a:?} of {rect:?}");
                    let middle = a.lerp(*b, 0.5);
                    assert!(
                        off_outline(rect, middle) * pixels_per_point <= PILL_TOLERANCE + 1e-3,
                        "{w}×{h} at {pixels_per_point}: {middle:?}"
                    );
                }
                // Clockwise on screen (y down): a positive signed area.
                let area: f32 = points
                    .iter()
                    .zip(points.iter().cycle().skip(1))
                    .map(|(a, b)| a.x * b.y - b.x * a.y)
                    .sum();
                assert!(area > 0.0, "{w}×{h}");
                // No point twice; at most egui's 9 a corner, fewer up to ten pixels.
                for (a, b) in points.iter().zip(points.iter().cycle().skip(1)) {
                    assert!(a.distance(*b) > 1e-3);
                }
                assert!(points.len() <= 36);
                if r_pixels <= 10.0 {
                    assert!(points.len() <= 20, "{w}×{h} at {pixels_per_point}");
                }
            }
        }
    }

    /// Every badge stamped from a pattern is the mesh egui makes of it: the same
    /// triangles, colours and texture coordinates, each vertex within a thousandth of a
    /// point (the arithmetic's order differs), at any place, length, height, outline and
    /// scale, after other shapes in the mesh, and for badges too short or upright to
    /// stamp.
    #[test]
    fn a_stamped_badge_is_egui_s_own_triangles() {
        let options = egui::epaint::TessellationOptions::default();
        let fill = Color32::from_rgba_unmultiplied(200, 100, 50, 180);
        for pixels_per_point in [1.0, 1.5, 2.0] {
            for (height, width) in [(16.0, 0.5), (9.0, 1.0), (24.0, 2.5), (12.0, 0.0)] {
                let stroke = Stroke::new(width, Color32::from_rgb(250, 250, 245));
                let mut fills = Fills::with(pixels_per_point, options);
                let mut tessellator =
                    egui::epaint::Tessellator::new(pixels_per_point, options, [1, 1], vec![]);
                let (mut stamped, mut own) = (Mesh::default(), Mesh::default());
                for (x, y, length) in [
                    (10.3, 20.0, 40.0),
                    (500.7, 3.2, 16.5),
                    (-30.0, 100.0, 300.0),
                    (7.0, 7.0, height + 0.2),
                    (0.0, 0.0, height * 0.5),
                ] {
                    let rect = Rect::from_min_size(pos2(x, y), vec2(length, height));
                    fills.rect(rect.translate(vec2(0.0, 40.0)), 0.0, fill, &mut stamped);
                    tessellator.tessellate_rect(
                        &egui::epaint::RectShape::filled(
                            rect.translate(vec2(0.0, 40.0)),
                            0.0,
                            fill,
                        ),
                        &mut own,
                    );
                    let radius = length.min(height) / 2.0;
                    let pill = Pill::of(rect, radius, pixels_per_point).expect("a pill");
                    fills.pill(&pill, fill, stroke, &mut stamped);
                    tessellator.tessellate_path(&pill.shape(fill, stroke), &mut own);
                    assert_eq!(
                        stamped.indices, own.indices,
                        "{rect:?} at {pixels_per_point}"
                    );
                    assert_eq!(stamped.vertices.len(), own.vertices.len());
                    for (a, b) in stamped.vertices.iter().zip(&own.vertices) {
                        assert_eq!((a.color, a.uv), (b.color, b.uv), "{rect:?}");
                        assert!(
                            a.pos.distance(b.pos) < 1e-3,
                            "{:?} for {:?}: {rect:?}, {height}/{width} at {pixels_per_point}",
                            a.pos,
                            b.pos
                        );
                    }
                }
                assert!(!fills.patterns.is_empty(), "badges were stamped");
            }
        }
    }

    #[test]
    fn only_a_pill_is_drawn_as_one() {
        let rect = Rect::from_min_size(pos2(0.0, 0.0), vec2(40.0, 16.0));
        assert!(pill(rect, 2.0, 1.0).is_none());
        assert!(pill(rect, 8.0, 1.0).is_some());
        assert!(pill(Rect::NOTHING, 8.0, 1.0).is_none());
        assert!(pill(rect, 8.0, 0.0).is_none());
    }
}
