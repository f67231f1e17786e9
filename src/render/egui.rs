//! The window's back end: paints a [`Scene`] into an egui [`Painter`]. Nothing is
//! decided here — every position, colour and size comes from the scene.

use std::sync::Arc;

use egui::epaint::Mesh;
use egui::{
    Align2, Color32, FontId, Galley, Painter, Pos2, Rect, Shape as EguiShape, Stroke, Vec2, pos2,
    vec2,
};

use super::egui_galleys::KeptGalleys;
use super::egui_mesh::Meshes;
use crate::view::scene::{CENTRE_TO_BASELINE, Outline, Scene, Shape, TextRun};

/// Paints every group of `scene`, each clipped to its rectangle (within the painter's).
/// Each clip rectangle's shapes go to egui as one mesh (the bands and the lanes' bars and
/// badges under the rest), tessellated here by egui's own tessellator
/// ([`super::egui_mesh`]).
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
    let mut meshes = Meshes::begin(painter);
    let mut rest = scene.groups.as_slice();
    while let Some(first) = rest.first() {
        // The groups clipped alike, one after another: one mesh.
        let count = rest.iter().take_while(|g| g.clip == first.clip).count();
        let (run, after) = rest.split_at(count);
        rest = after;
        let clip = first.clip.intersect(outer);
        // egui draws nothing clipped to nothing.
        if !clip.is_positive() {
            continue;
        }
        let mut canvas = meshes.canvas(painter, clip);
        // The bands and the lanes' bars and badges first, under the rest: a lane's marks
        // never overlap one another, and its outlines and labels stay on top.
        for under in [true, false] {
            for group in run {
                let in_lane = matches!(group.layer, crate::view::scene::Layer::Lane(_));
                let is_under = |shape: &Shape| match shape {
                    Shape::Band { .. } => true,
                    Shape::Rect { .. } => in_lane,
                    _ => false,
                };
                let shapes = scene.shapes_of(group);
                let mut k = 0;
                while let Some(shape) = shapes.get(k) {
                    k += 1;
                    if is_under(shape) != under {
                        // (A badge's outline, after its fill, goes with it.)
                        if badge_outline(shape, shapes.get(k)).is_some() {
                            k += 1;
                        }
                        continue;
                    }
                    paint_shape(
                        (painter, &mut meshes, &mut canvas.mesh),
                        (shape, shapes.get(k)),
                        galley_of,
                        &mut k,
                    );
                }
            }
        }
        meshes.finish(canvas);
    }
    meshes.end();
}

/// The stroke of `next` when `shape` is a filled rectangle and `next` its outline inside
/// it: a cluster's badge.
fn badge_outline(shape: &Shape, next: Option<&Shape>) -> Option<Stroke> {
    match (shape, next) {
        (
            Shape::Rect { rect, radius, .. },
            Some(Shape::Outline {
                rect: outlined,
                radius: outline_radius,
                stroke,
                inside: true,
            }),
        ) if outlined == rect && outline_radius == radius => Some(*stroke),
        _ => None,
    }
}

/// Tessellates `shape` (and `next`, its outline, when the two are a badge: `k` then
/// moves past it) into `out`.
fn paint_shape(
    (painter, meshes, out): (&Painter, &mut Meshes, &mut Mesh),
    (shape, next): (&Shape, Option<&Shape>),
    galley_of: &mut GalleyOf<'_>,
    k: &mut usize,
) {
    // A fill and its outline inside it (a cluster's badge) are one shape for egui: one
    // path, the fill meeting the outline's inner edge, two thirds of the triangles of the
    // two drawn one over the other (the widest views hold hundreds of badges).
    if let (Shape::Rect { rect, radius, fill }, Some(stroke)) = (shape, badge_outline(shape, next))
    {
        *k += 1;
        match Pill::of(*rect, *radius, painter.pixels_per_point()) {
            Some(pill) => meshes.pill(&pill, *fill, stroke, out),
            None => meshes.shape(
                egui::epaint::RectShape::new(
                    *rect,
                    *radius,
                    *fill,
                    stroke,
                    egui::StrokeKind::Inside,
                )
                .into(),
                out,
            ),
        }
        return;
    }
    match shape {
        Shape::Band {
            rect,
            colour,
            solid,
        } => {
            // egui culls a mesh by the bounds of its vertices: the band's rectangle.
            if meshes.visible(*rect) {
                add_tapered_band(out, *rect, *colour, *solid);
            }
        }
        Shape::Rect { rect, radius, fill } if *radius == 0.0 => meshes.rect(*rect, *fill, out),
        Shape::Text(run) => {
            if let Some(plate) = run.plate {
                let plate = EguiShape::rect_filled(run.rect.expand2(vec2(2.0, 1.0)), 2.0, plate);
                meshes.shape(plate, out);
            }
            let galley = galley_of(painter, run);
            if !galley.is_empty() {
                let origin = galley_origin(run, &galley);
                meshes.text((&run.text, run.size), (origin, galley, run.colour), out);
            }
        }
        Shape::Circle {
            center,
            radius,
            fill,
            stroke,
        } => {
            if let Some(fill) = fill {
                meshes.disc(*center, *radius, *fill, out);
            }
            if let Some(stroke) = stroke {
                meshes.shape(EguiShape::circle_stroke(*center, *radius, *stroke), out);
            }
        }
        _ => to_egui(shape, &mut |egui_shape| meshes.shape(egui_shape, out)),
    }
}

/// A shape other than text as the shapes egui's painter would be given for it.
fn to_egui(shape: &Shape, add: &mut dyn FnMut(EguiShape)) {
    match shape {
        Shape::Rect { rect, radius, fill } => {
            add(EguiShape::rect_filled(*rect, *radius, *fill));
        }
        Shape::Outline {
            rect,
            radius,
            stroke,
            inside,
        } => {
            let kind = if *inside {
                egui::StrokeKind::Inside
            } else {
                egui::StrokeKind::Outside
            };
            add(EguiShape::rect_stroke(*rect, *radius, *stroke, kind));
        }
        Shape::Band {
            rect,
            colour,
            solid,
        } => {
            let mut mesh = Mesh::default();
            add_tapered_band(&mut mesh, *rect, *colour, *solid);
            add(EguiShape::mesh(mesh));
        }
        Shape::Circle {
            center,
            radius,
            fill,
            stroke,
        } => {
            if let Some(fill) = fill {
                add(EguiShape::circle_filled(*center, *radius, *fill));
            }
            if let Some(stroke) = stroke {
                add(EguiShape::circle_stroke(*center, *radius, *stroke));
            }
        }
        Shape::Line {
            from,
            to,
            stroke,
            dash,
        } => match dash {
            Some((dash, gap)) => {
                add(EguiShape::Vec(EguiShape::dashed_line(
                    &[*from, *to],
                    *stroke,
                    *dash,
                    *gap,
                )));
            }
            None => add(EguiShape::line_segment([*from, *to], *stroke)),
        },
        Shape::Diamond {
            center,
            half,
            stroke,
        } => add(diamond(*center, *half, *stroke)),
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
                add(EguiShape::mesh(mesh));
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
                        add(EguiShape::closed_line(line, *stroke));
                    }
                }
            }
        }
        // Text is laid out by the caller.
        Shape::Text(_) => {}
    }
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
///
/// Clipped to its own surroundings as well as the painter's rectangle: egui then gives it
/// a small mesh of its own instead of appending it to (and copying) the lanes' whole mesh,
/// which shares the painter's clip rectangle.
pub fn paint_outline(painter: &Painter, outline: Outline, stroke: Stroke) {
    let margin = stroke.width + 2.0;
    match outline {
        Outline::Circle { center, radius } => {
            let reach = Rect::from_center_size(center, Vec2::splat(2.0 * (radius + 1.5)));
            own_clip(painter, reach.expand(margin)).circle_stroke(center, radius + 1.5, stroke);
        }
        Outline::Rect(rect) => {
            own_clip(painter, rect.expand(margin)).rect_stroke(
                rect,
                2.0,
                stroke,
                egui::StrokeKind::Outside,
            );
        }
        Outline::None => {}
    }
}

/// `painter` clipped to `rect` as well.
fn own_clip(painter: &Painter, rect: Rect) -> Painter {
    painter.with_clip_rect(painter.clip_rect().intersect(rect))
}

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
pub(super) struct Pill {
    pub(super) rect: Rect,
    pub(super) radius: f32,
    pub(super) segments: usize,
}

impl Pill {
    /// `rect` with corner `radius` as a pill; `None` for any other rounded rectangle.
    ///
    /// A pill is a badge, and the widest views hold hundreds: egui rounds every corner
    /// of a radius under 18 points with eight segments, where four keep the curve within
    /// [`PILL_TOLERANCE`] of a pixel up to a radius of ten pixels (two up to three
    /// pixels; egui's own eight beyond ten) — half the points to tessellate, the same
    /// shape to the eye.
    pub(super) fn of(rect: Rect, radius: f32, pixels_per_point: f32) -> Option<Self> {
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
    pub(super) fn shape(&self, fill: Color32, stroke: Stroke) -> egui::epaint::PathShape {
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

    /// A scene of every kind of shape in two clip rectangles, in a lane and out of one.
    fn every_shape() -> Scene {
        use crate::view::scene::{Layer, Target, TextRole};
        let mut scene = Scene::default();
        let a = Rect::from_min_max(pos2(10.0, 10.0), pos2(600.0, 300.0));
        let b = Rect::from_min_max(pos2(10.0, 300.0), pos2(700.0, 580.0));
        let ink = Color32::from_rgb(20, 30, 40);
        let fill = Color32::from_rgba_unmultiplied(40, 120, 200, 200);
        let stroke = Stroke::new(1.5, Color32::from_rgb(230, 120, 20));
        let text = |x: f32, y: f32, plate: Option<Color32>| {
            Shape::Text(TextRun {
                rect: Rect::from_min_size(pos2(x, y), vec2(80.0, 13.0)),
                text: "Plenum 조선 1956…".to_owned(),
                size: 13.0,
                bold: false,
                colour: ink,
                plate,
                role: TextRole::Tick,
            })
        };
        let marks = |x: f32, y: f32| {
            vec![
                Shape::Circle {
                    center: pos2(x + 0.3, y + 0.6),
                    radius: 5.0,
                    fill: Some(fill),
                    stroke: Some(Stroke::new(1.0, Color32::WHITE)),
                },
                Shape::Circle {
                    center: pos2(x + 30.7, y),
                    radius: 40.0,
                    fill: Some(ink),
                    stroke: None,
                },
                Shape::Circle {
                    center: pos2(x + 60.0, y),
                    radius: 8.0,
                    fill: None,
                    stroke: Some(stroke),
                },
                Shape::Band {
                    rect: Rect::from_min_size(pos2(x + 70.0, y - 4.0), vec2(90.0, 8.0)),
                    colour: fill,
                    solid: Some((x + 90.0, x + 120.0)),
                },
                Shape::Rect {
                    rect: Rect::from_min_size(pos2(x + 170.2, y - 6.0), vec2(50.5, 12.0)),
                    radius: 0.0,
                    fill,
                },
                // Wider than the pattern plain rectangles are stamped from, a line thin,
                // and a point high.
                Shape::Rect {
                    rect: Rect::from_min_size(pos2(x - 20.3, y + 36.4), vec2(310.7, 9.0)),
                    radius: 0.0,
                    fill: ink,
                },
                Shape::Rect {
                    rect: Rect::from_min_size(pos2(x + 490.0, y - 6.0), vec2(1.5, 12.0)),
                    radius: 0.0,
                    fill,
                },
                Shape::Rect {
                    rect: Rect::from_min_size(pos2(x + 500.0, y - 6.0), vec2(30.0, 1.0)),
                    radius: 0.0,
                    fill,
                },
                Shape::Rect {
                    rect: Rect::from_min_size(pos2(x + 230.0, y - 8.0), vec2(40.0, 16.0)),
                    radius: 8.0,
                    fill: Color32::WHITE,
                },
                Shape::Outline {
                    rect: Rect::from_min_size(pos2(x + 230.0, y - 8.0), vec2(40.0, 16.0)),
                    radius: 8.0,
                    stroke,
                    inside: true,
                },
                Shape::Outline {
                    rect: Rect::from_min_size(pos2(x + 280.0, y - 8.0), vec2(40.0, 16.0)),
                    radius: 2.0,
                    stroke,
                    inside: false,
                },
                Shape::Line {
                    from: pos2(x, y + 20.0),
                    to: pos2(x + 300.0, y + 25.0),
                    stroke,
                    dash: Some((4.0, 3.0)),
                },
                Shape::Line {
                    from: pos2(x, y + 30.0),
                    to: pos2(x + 300.0, y + 30.0),
                    stroke,
                    dash: None,
                },
                Shape::Diamond {
                    center: pos2(x + 330.0, y),
                    half: 5.0,
                    stroke,
                },
                text(x + 340.0, y - 6.0, None),
                text(x + 340.0, y + 16.0, Some(Color32::from_gray(250))),
                Shape::Band {
                    rect: Rect::from_min_size(pos2(x + 430.0, y - 4.0), vec2(50.0, 8.0)),
                    colour: ink,
                    solid: None,
                },
            ]
        };
        // In each clip rectangle two groups inside it, two across its edges or beyond.
        let groups = [
            (Layer::Axis, "axis", a, (40.0, 60.0)),
            (Layer::Axis, "axis", a, (40.0, 160.0)),
            (Layer::Axis, "axis", a, (560.0, 250.0)),
            (Layer::Axis, "axis", a, (640.0, 60.0)),
            (Layer::Lane(0), "lane", b, (40.0, 360.0)),
            (Layer::Lane(0), "lane", b, (45.5, 460.0)),
            (Layer::Lane(0), "lane", b, (650.0, 400.0)),
            (Layer::Lane(0), "lane", b, (40.0, 600.0)),
        ];
        for (layer, class, clip, (x, y)) in groups {
            scene.push_group((layer, Target::Nothing, class), clip, marks(x, y));
        }
        scene
    }

    /// `scene` through egui's painter shape by shape, as the window drew it before its
    /// meshes were tessellated here: in each clip rectangle, the bands and the lanes'
    /// bars and badges first, then the rest in order; a badge as one path.
    fn painted_by_egui(painter: &Painter, scene: &Scene) {
        let mut groups = scene.groups.iter().peekable();
        while let Some(first) = groups.next() {
            let clipped = painter.with_clip_rect(first.clip.intersect(painter.clip_rect()));
            let (mut under, mut over) = (Vec::new(), Vec::new());
            let mut run = vec![first];
            while let Some(next) = groups.next_if(|g| g.clip == first.clip) {
                run.push(next);
            }
            for group in run {
                let in_lane = matches!(group.layer, crate::view::scene::Layer::Lane(_));
                let shapes = scene.shapes_of(group);
                let mut k = 0;
                while let Some(shape) = shapes.get(k) {
                    k += 1;
                    if let (
                        Shape::Rect { rect, radius, fill },
                        Some(Shape::Outline {
                            rect: outlined,
                            stroke,
                            inside: true,
                            ..
                        }),
                    ) = (shape, shapes.get(k))
                        && outlined == rect
                        && let Some(pill) = Pill::of(*rect, *radius, painter.pixels_per_point())
                    {
                        k += 1;
                        let out = if in_lane { &mut under } else { &mut over };
                        out.push(EguiShape::Path(pill.shape(*fill, *stroke)));
                        continue;
                    }
                    match shape {
                        Shape::Text(run) => {
                            if let Some(plate) = run.plate {
                                over.push(EguiShape::rect_filled(
                                    run.rect.expand2(vec2(2.0, 1.0)),
                                    2.0,
                                    plate,
                                ));
                            }
                            let galley = clipped.layout_no_wrap(
                                run.text.clone(),
                                FontId::proportional(run.size),
                                run.colour,
                            );
                            let origin = galley_origin(run, &galley);
                            over.push(EguiShape::galley(origin, galley, run.colour));
                        }
                        Shape::Band { .. } => to_egui(shape, &mut |s| under.push(s)),
                        Shape::Rect { .. } if in_lane => to_egui(shape, &mut |s| under.push(s)),
                        _ => to_egui(shape, &mut |s| over.push(s)),
                    }
                }
            }
            for shape in under.into_iter().chain(over) {
                clipped.add(shape);
            }
        }
    }

    /// The window's meshes are the triangles egui makes of the same shapes drawn one by
    /// one: the same clip rectangles, indices, colours and texture coordinates (of the
    /// font atlas's glyphs and prepared discs), every vertex within a thousandth of a
    /// point — at two scales. egui's culling is off for the window's meshes, as the app
    /// sets it ([`super::super::egui_mesh::configure`]): the shapes outside their clip
    /// rectangle are left out here as egui leaves them out.
    #[test]
    fn the_window_s_meshes_are_egui_s_own_triangles() {
        use egui::epaint::Primitive;
        let scene = every_shape();
        for pixels_per_point in [1.0, 2.0] {
            let ctx = egui::Context::default();
            ctx.set_pixels_per_point(pixels_per_point);
            let frame = |by_egui: bool| {
                if by_egui {
                    ctx.tessellation_options_mut(|o| o.coarse_tessellation_culling = true);
                } else {
                    crate::render::egui_mesh::configure(&ctx);
                }
                let input = egui::RawInput {
                    screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(800.0, 600.0))),
                    ..Default::default()
                };
                let mut output = ctx.run_ui(input, |ui| {
                    let painter = ui.painter().clone();
                    if by_egui {
                        painted_by_egui(&painter, &scene);
                    } else {
                        paint(&painter, &scene);
                    }
                });
                // Nothing draws here: the font atlas's uploads are not wanted.
                output.textures_delta.clear();
                ctx.tessellate(output.shapes, output.pixels_per_point)
            };
            // The first frame lays out the glyphs: the atlas stays as it is after it.
            frame(false);
            let theirs = frame(true);
            let ours = frame(false);
            assert_eq!(ours.len(), theirs.len(), "one mesh for each clip rectangle");
            assert_eq!(ours.len(), 2);
            for (ours, theirs) in ours.iter().zip(&theirs) {
                assert_eq!(ours.clip_rect, theirs.clip_rect);
                let (Primitive::Mesh(ours), Primitive::Mesh(theirs)) =
                    (&ours.primitive, &theirs.primitive)
                else {
                    panic!("meshes only");
                };
                assert_eq!(ours.texture_id, theirs.texture_id);
                assert_eq!(ours.indices, theirs.indices, "at {pixels_per_point}");
                assert_eq!(ours.vertices.len(), theirs.vertices.len());
                for (a, b) in ours.vertices.iter().zip(&theirs.vertices) {
                    assert_eq!(a.color, b.color, "{a:?} / {b:?}");
                    assert!(a.uv.distance(b.uv) < 1e-6, "{a:?} / {b:?}");
                    assert!(a.pos.distance(b.pos) < 1e-3, "{a:?} / {b:?}");
                }
                // Glyphs and prepared discs were among them.
                assert!(ours.vertices.iter().any(|v| v.uv != egui::epaint::WHITE_UV));
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
