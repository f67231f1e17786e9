//! A clip rectangle's shapes as one mesh: the window's back end ([`super::egui`]) puts
//! every shape of the scene through egui's own tessellator itself, into one mesh for each
//! clip rectangle, and hands egui that mesh as a single shape.
//!
//! egui tessellates shape by shape into an output mesh that starts empty every frame and
//! grows by doubling, copying everything so far at each step; each shape added costs a
//! lock, a copy into egui's list and paint statistics. A dense frame holds thousands. Here
//! each clip rectangle's meshes are kept from frame to frame (egui drops its share of
//! them once it has copied them into its own), so once the views have been seen they
//! never grow, and what egui does with each is one copy.
//!
//! The triangles are egui's: rectangles, paths, lines and text go through
//! [`Tessellator`] as egui's painter would send them; badges and filled circles, which a
//! dense view holds by the hundred, are copies of one that egui tessellated (see
//! [`Fills`] and [`Discs`]). Text and filled circles take their texture coordinates from
//! the font atlas as it is when painted: should anything later in the frame grow the
//! atlas, [`settle`] asks for another frame. Shapes outside their clip rectangle are
//! left out here as egui's culling leaves them out, and egui's own pass over every
//! vertex of each finished mesh is turned off ([`configure`]).

use std::sync::Arc;

use egui::epaint::{ClippedShape, Mesh, Primitive, Tessellator};
use egui::{Color32, Context, Id, Painter, Pos2, Rect, Shape as EguiShape, Stroke, vec2};

use super::egui::Pill;

/// The shapes of one clip rectangle, tessellated.
pub(super) struct Canvas {
    painter: Painter,
    pub(super) mesh: Mesh,
}

/// What one painter's frame keeps for the next (in egui's temporary data, by layer and by
/// the painter's clip rectangle, so that two widgets painting scenes in one layer — the
/// timeline and the detail panel's map — keep theirs apart).
#[derive(Clone, Default)]
struct Kept {
    /// Each clip rectangle's mesh, in order: handed to egui, and emptied and filled
    /// again in the next frame once egui has let go of it.
    meshes: Vec<Arc<Mesh>>,
    discs: Discs,
}

/// `kept`'s mesh emptied with its room, when nothing else holds it; else a new one.
fn reuse(kept: Option<Arc<Mesh>>) -> Mesh {
    match kept.map(Arc::try_unwrap) {
        Some(Ok(mut mesh)) => {
            mesh.vertices.clear();
            mesh.indices.clear();
            mesh
        }
        _ => Mesh::default(),
    }
}

/// The font atlas's size when the first scene of a pass was painted (see [`settle`]):
/// the atlas only grows within a pass, so a scene painted later saw it as large or
/// larger.
#[derive(Clone, Copy, Default, PartialEq)]
struct PaintedAtlas {
    pass: u64,
    size: [usize; 2],
}

fn painted_atlas_id() -> Id {
    Id::unique("wpk-painted-font-atlas")
}

/// Sets `ctx` up for the meshes made here: egui's coarse culling off. egui would
/// otherwise find the bounds of every vertex of each mesh handed to it, only to learn
/// whether any of it is inside its clip rectangle (a tenth of a wide view's frame); the
/// shapes in them are culled one by one as they are tessellated here, with culling on
/// whatever `ctx` says. egui's widgets paint only what is visible in any case, and
/// the rows of a text galley outside its clip rectangle are the rest of what egui
/// culled.
pub fn configure(ctx: &Context) {
    ctx.tessellation_options_mut(|options| options.coarse_tessellation_culling = false);
}

/// Asks for another frame when the font atlas grew after a scene was painted this frame:
/// that scene's text then points at the atlas as it was. Call once a frame, after all
/// the frame's widgets.
pub fn settle(ctx: &Context) {
    let painted: Option<PaintedAtlas> = ctx.data(|data| data.get_temp(painted_atlas_id()));
    if let Some(painted) = painted
        && painted.size != ctx.fonts(|fonts| fonts.font_image_size())
    {
        ctx.data_mut(|data| data.remove_temp::<PaintedAtlas>(painted_atlas_id()));
        ctx.request_repaint();
    }
}

/// A text painted into a mesh: what it says, its size and where its letters are.
#[derive(Clone, Debug, PartialEq)]
pub struct PaintedText {
    /// The text as painted (cut with an ellipsis where it was).
    pub text: String,
    /// Font size, in points.
    pub size: f32,
    /// The box of its letters.
    pub rect: Rect,
}

/// Whether texts painted into meshes are kept (see [`keep_painted_texts`]).
#[derive(Clone, Copy, Default)]
struct KeepPaintedTexts(bool);

/// The texts painted into meshes in one pass (egui's text shapes are gone into them).
#[derive(Clone, Default)]
struct PaintedTexts {
    pass: u64,
    texts: Vec<PaintedText>,
}

fn keep_painted_texts_id() -> Id {
    Id::unique("wpk-keep-painted-texts")
}

fn painted_texts_id() -> Id {
    Id::unique("wpk-painted-texts")
}

/// From now on, keeps the texts each pass paints into meshes, for
/// [`painted_texts`]: for tests that look at what a frame shows.
pub fn keep_painted_texts(ctx: &Context) {
    ctx.data_mut(|data| data.insert_temp(keep_painted_texts_id(), KeepPaintedTexts(true)));
}

/// The texts the last pass painted into meshes, inside their clip rectangles, once
/// [`keep_painted_texts`] was called (none before).
pub fn painted_texts(ctx: &Context) -> Vec<PaintedText> {
    // (A pass's number counts the passes completed before it.)
    let last = ctx.cumulative_pass_nr().checked_sub(1);
    ctx.data(|data| data.get_temp::<PaintedTexts>(painted_texts_id()))
        .filter(|painted| Some(painted.pass) == last)
        .map(|painted| painted.texts)
        .unwrap_or_default()
}

/// Tessellates one painter's scene, clip rectangle by clip rectangle.
pub(super) struct Meshes {
    ctx: Context,
    id: Id,
    atlas: [usize; 2],
    tessellator: Tessellator,
    fills: Fills,
    kept: Kept,
    /// Each clip rectangle's mesh this frame.
    meshes: Vec<Arc<Mesh>>,
    /// Whether the texts painted are kept ([`keep_painted_texts`]).
    keep_texts: bool,
    clip: Rect,
}

impl Meshes {
    pub(super) fn begin(painter: &Painter) -> Self {
        let ctx = painter.ctx().clone();
        let clip = painter.clip_rect();
        let id = painter.layer_id().id.with((
            "wpk-scene-meshes",
            clip.min.x.to_bits(),
            clip.min.y.to_bits(),
        ));
        let kept = ctx.data_mut(|data| std::mem::take(data.get_temp_mut_or_default::<Kept>(id)));
        // The scene's shapes are culled here, shape by shape, as egui would ([`configure`]
        // turns egui's own pass off).
        let mut options = ctx.tessellation_options(|options| *options);
        options.coarse_tessellation_culling = true;
        let atlas = ctx.fonts(|fonts| fonts.font_image_size());
        let pixels_per_point = painter.pixels_per_point();
        // Filled circles, the only shapes that ask for the atlas's prepared discs, are
        // stamped from egui's own ([`Discs`]).
        let tessellator = Tessellator::new(pixels_per_point, options, atlas, Vec::new());
        let keep_texts = ctx
            .data(|data| data.get_temp::<KeepPaintedTexts>(keep_painted_texts_id()))
            .is_some_and(|keep| keep.0);
        Self {
            keep_texts,
            clip,
            ctx,
            id,
            atlas,
            tessellator,
            fills: Fills::with(pixels_per_point, options),
            kept,
            meshes: Vec::new(),
        }
    }

    /// A canvas for the shapes clipped to `clip`, in the mesh the same clip rectangle
    /// (by its place in the scene) had in the last frame.
    pub(super) fn canvas(&mut self, painter: &Painter, clip: Rect) -> Canvas {
        let kept = self
            .kept
            .meshes
            .get_mut(self.meshes.len())
            .map(std::mem::take);
        self.tessellator.set_clip_rect(clip);
        self.clip = clip;
        Canvas {
            painter: painter.with_clip_rect(clip),
            mesh: reuse(kept),
        }
    }

    /// Hands `canvas`'s mesh to egui.
    pub(super) fn finish(&mut self, canvas: Canvas) {
        let mesh = Arc::new(canvas.mesh);
        if !mesh.is_empty() {
            canvas.painter.add(EguiShape::Mesh(Arc::clone(&mesh)));
        }
        self.meshes.push(mesh);
    }

    /// Keeps what the next frame starts from.
    pub(super) fn end(mut self) {
        self.kept.meshes = self.meshes;
        let (id, kept, atlas) = (self.id, self.kept, self.atlas);
        let pass = self.ctx.cumulative_pass_nr();
        self.ctx.data_mut(|data| {
            data.insert_temp(id, kept);
            let first = data
                .get_temp::<PaintedAtlas>(painted_atlas_id())
                .filter(|painted| painted.pass == pass);
            if first.is_none() {
                data.insert_temp(painted_atlas_id(), PaintedAtlas { pass, size: atlas });
            }
        });
    }

    /// `shape` as egui's painter would tessellate it in the canvas's clip rectangle.
    pub(super) fn shape(&mut self, shape: EguiShape, out: &mut Mesh) {
        self.tessellator.tessellate_shape(shape, out);
    }

    /// A text laid out in `galley`, its first row's left end at `origin`, in `colour`
    /// where the galley leaves it to the painter.
    pub(super) fn text(
        &mut self,
        (text, size): (&str, f32),
        (origin, galley, colour): (Pos2, Arc<egui::Galley>, Color32),
        out: &mut Mesh,
    ) {
        if self.keep_texts {
            let rect = galley.rect.translate(origin.to_vec2());
            if self.clip.intersects(rect) {
                let pass = self.ctx.cumulative_pass_nr();
                let painted = PaintedText {
                    text: text.to_owned(),
                    size,
                    rect,
                };
                self.ctx.data_mut(|data| {
                    let kept = data.get_temp_mut_or_default::<PaintedTexts>(painted_texts_id());
                    if kept.pass != pass {
                        *kept = PaintedTexts {
                            pass,
                            texts: Vec::new(),
                        };
                    }
                    kept.texts.push(painted);
                });
            }
        }
        self.shape(EguiShape::galley(origin, galley, colour), out);
    }

    /// A badge: `pill` filled with `fill` and outlined inside with `stroke`.
    pub(super) fn pill(&mut self, pill: &Pill, fill: Color32, stroke: Stroke, out: &mut Mesh) {
        // egui's culling of the path (its points span the rectangle).
        if self.visible(pill.rect.expand(stroke.width * 0.5)) {
            self.fills.pill(pill, fill, stroke, out);
        }
    }

    /// Whether egui would tessellate a shape of these `bounds` in the canvas's clip
    /// rectangle (its culling, as for any shape; always on here).
    pub(super) fn visible(&self, bounds: Rect) -> bool {
        bounds.intersects(self.clip)
    }

    /// A filled rectangle without rounding (a bar's solid part), as egui tessellates it.
    pub(super) fn rect(&mut self, rect: Rect, fill: Color32, out: &mut Mesh) {
        let shape = egui::epaint::RectShape::filled(rect, 0.0, fill);
        if !self.visible(shape.visual_bounding_rect()) {
            return;
        }
        if !self.fills.rect(rect, fill, out) {
            self.shape(shape.into(), out);
        }
    }

    /// A filled circle (as `Painter::circle_filled` draws it).
    pub(super) fn disc(&mut self, center: Pos2, radius: f32, fill: Color32, out: &mut Mesh) {
        // egui's culling of a circle.
        if !self.clip.expand(radius).contains(center) {
            return;
        }
        let stamped = self.kept.discs.stamp(
            &self.ctx,
            (self.fills.pixels_per_point, self.atlas),
            (center, radius, fill),
            out,
        );
        if !stamped {
            self.shape(EguiShape::circle_filled(center, radius, fill), out);
        }
    }
}

/// Filled circles as egui tessellates them: a small one is a square of the font atlas's
/// prepared discs (which egui does not lend out), a large one a path. Each radius is
/// tessellated once by egui itself, in white at the origin, and every circle of that
/// radius is a copy moved to its centre in its colour.
#[derive(Clone, Default)]
struct Discs {
    patterns: Vec<DiscPattern>,
}

#[derive(Clone)]
struct DiscPattern {
    /// Radius, pixels per point (by their bits) and the atlas's size.
    key: (u32, u32, [usize; 2]),
    /// `None` where egui's circle has a vertex neither white nor clear (it then
    /// tessellates every circle of that radius itself).
    mesh: Option<Mesh>,
}

/// The most radii kept: a scene has a handful (one for each importance).
const MAX_DISC_PATTERNS: usize = 64;

impl Discs {
    /// Copies the pattern for `radius` to `center` in `fill`; `false` if there is none.
    fn stamp(
        &mut self,
        ctx: &Context,
        (pixels_per_point, atlas): (f32, [usize; 2]),
        (center, radius, fill): (Pos2, f32, Color32),
        out: &mut Mesh,
    ) -> bool {
        if !(radius > 0.0 && radius.is_finite() && center.x.is_finite() && center.y.is_finite()) {
            return false;
        }
        let key = (radius.to_bits(), pixels_per_point.to_bits(), atlas);
        let index = self
            .patterns
            .iter()
            .position(|p| p.key == key)
            .unwrap_or_else(|| {
                if self.patterns.len() >= MAX_DISC_PATTERNS {
                    self.patterns.clear();
                }
                self.patterns.push(DiscPattern {
                    key,
                    mesh: egui_disc(ctx, radius, pixels_per_point),
                });
                self.patterns.len() - 1
            });
        let Some(mesh) = self.patterns.get(index).and_then(|p| p.mesh.as_ref()) else {
            return false;
        };
        let base = out.vertices.len() as u32;
        let offset = center.to_vec2();
        out.vertices.extend(mesh.vertices.iter().map(|vertex| {
            let mut vertex = *vertex;
            vertex.pos += offset;
            if vertex.color == Color32::WHITE {
                vertex.color = fill;
            }
            vertex
        }));
        out.indices
            .extend(mesh.indices.iter().map(|&index| base + index));
        true
    }
}

/// egui's own filled circle of `radius`, white, centred on the origin; `None` if it has
/// a vertex neither white nor clear, or comes in more than one mesh.
fn egui_disc(ctx: &Context, radius: f32, pixels_per_point: f32) -> Option<Mesh> {
    let shape = ClippedShape::new(
        Rect::EVERYTHING,
        EguiShape::circle_filled(Pos2::ZERO, radius, Color32::WHITE),
    );
    let mut primitives = ctx.tessellate(vec![shape], pixels_per_point).into_iter();
    let mesh = match primitives.next()?.primitive {
        Primitive::Mesh(mesh) => mesh,
        Primitive::Callback(_) => return None,
    };
    let plain = mesh
        .vertices
        .iter()
        .all(|v| v.color == Color32::WHITE || v.color == Color32::TRANSPARENT);
    (primitives.next().is_none() && plain && !mesh.is_empty()).then_some(mesh)
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
    /// A plain rectangle's pattern (no rounding, no outline), not a badge's.
    plain: bool,
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

impl Pattern {
    /// A copy of the pattern's triangles over `rect` (its right end moved along by the
    /// difference in width), its fill in `fill`.
    fn stamp(&self, rect: Rect, fill: Color32, out: &mut Mesh) {
        let stretch = rect.width() - self.width;
        let offset = rect.min.to_vec2();
        let base = out.vertices.len() as u32;
        let middle = self.middle;
        out.vertices
            .extend(
                self.mesh
                    .vertices
                    .iter()
                    .zip(&self.filled)
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
            .extend(self.mesh.indices.iter().map(|&index| base + index));
    }
}

/// Badges and plain rectangles stamped from [`Pattern`]s: egui's own triangles for
/// each, without tessellating each.
struct Fills {
    tessellator: Tessellator,
    pixels_per_point: f32,
    /// egui's anti-aliasing feathering, in points (0 without).
    feathering: f32,
    /// Whether egui rounds rectangles to pixels.
    round_rects: bool,
    patterns: Vec<Pattern>,
}

impl Fills {
    fn with(pixels_per_point: f32, options: egui::epaint::TessellationOptions) -> Self {
        // Neither the font atlas nor its prepared discs are asked for by rectangles and
        // paths.
        let mut tessellator = Tessellator::new(pixels_per_point, options, [1, 1], vec![]);
        tessellator.set_clip_rect(Rect::EVERYTHING);
        let feathering = if options.feathering && pixels_per_point > 0.0 {
            options.feathering_size_in_pixels / pixels_per_point
        } else {
            0.0
        };
        Self {
            tessellator,
            pixels_per_point,
            feathering,
            round_rects: options.round_rects_to_pixels,
            patterns: Vec::new(),
        }
    }

    /// A filled rectangle without rounding, stamped from the pattern of its height;
    /// `false` for one egui draws another way (a clear one, one a line thin, one beyond
    /// egui's range, or with rectangles not rounded to pixels).
    fn rect(&mut self, rect: Rect, fill: Color32, out: &mut Mesh) -> bool {
        let within = |v: f32| v.is_finite() && v.abs() < 1e7;
        if fill == Color32::TRANSPARENT
            || !self.round_rects
            || ![rect.min.x, rect.min.y, rect.max.x, rect.max.y]
                .into_iter()
                .all(within)
            // egui draws a rectangle this thin as a line.
            || rect.width() <= 2.0 * self.feathering
            || rect.height() <= 2.0 * self.feathering
        {
            return false;
        }
        let rounded = egui::emath::GuiRounding::round_to_pixels(rect, self.pixels_per_point);
        let key = PatternKey {
            height: rounded.height().to_bits(),
            radius: 0,
            segments: 0,
            stroke_width: 0,
            stroke_colour: Color32::TRANSPARENT,
            only_width: None,
            plain: true,
        };
        let index = self.pattern_index(key, |fills| {
            let model = Rect::from_min_size(Pos2::ZERO, vec2(PATTERN_SIDE, rounded.height()));
            let mut mesh = Mesh::default();
            fills.tessellator.tessellate_rect(
                &egui::epaint::RectShape::filled(model, 0.0, Color32::WHITE),
                &mut mesh,
            );
            let filled = mesh
                .vertices
                .iter()
                .map(|v| v.color == Color32::WHITE)
                .collect();
            Pattern {
                key,
                middle: PATTERN_SIDE / 2.0,
                width: PATTERN_SIDE,
                mesh,
                filled,
            }
        });
        match self.patterns.get(index) {
            Some(pattern) => {
                pattern.stamp(rounded, fill, out);
                true
            }
            None => false,
        }
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
            plain: false,
        };
        let index = self.pattern_index(key, |fills| fills.pattern(pill, stroke, key));
        if let Some(pattern) = self.patterns.get(index) {
            pattern.stamp(rect, fill, out);
        }
    }

    /// Where the pattern of `key` is among the patterns, made by `make` the first time.
    fn pattern_index(&mut self, key: PatternKey, make: impl FnOnce(&mut Self) -> Pattern) -> usize {
        if let Some(index) = self.patterns.iter().position(|p| p.key == key) {
            return index;
        }
        let pattern = make(self);
        self.patterns.push(pattern);
        self.patterns.len() - 1
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

#[cfg(test)]
mod tests {
    use super::*;
    use egui::pos2;

    /// A frame that paints a scene of one label, then lays out `more` (new glyphs, at
    /// sizes not seen yet, grow the font atlas), then settles; whether it grew the atlas
    /// and whether another frame was asked for.
    fn frame(ctx: &Context, more: &[&str]) -> (bool, bool) {
        frame_painting_twice(ctx, more, false)
    }

    /// [`frame`], painting the scene again after `more` when `twice`.
    fn frame_painting_twice(ctx: &Context, more: &[&str], twice: bool) -> (bool, bool) {
        use crate::view::scene::{Layer, Scene, Shape, Target, TextRole, TextRun};
        let mut scene = Scene::default();
        let clip = Rect::from_min_size(Pos2::ZERO, vec2(400.0, 100.0));
        let label = Shape::Text(TextRun {
            rect: Rect::from_min_size(pos2(10.0, 10.0), vec2(80.0, 13.0)),
            text: "August 1956".to_owned(),
            size: 13.0,
            bold: false,
            colour: Color32::BLACK,
            plate: None,
            role: TextRole::Tick,
        });
        scene.push_group((Layer::Axis, Target::Nothing, "axis"), clip, [label]);
        let input = egui::RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(400.0, 300.0))),
            ..Default::default()
        };
        let mut grew = false;
        let mut output = ctx.run_ui(input, |ui| {
            super::super::egui::paint(ui.painter(), &scene);
            let before = ui.ctx().fonts(|fonts| fonts.font_image_size());
            for (i, text) in more.iter().enumerate() {
                let _laid_out = ui.painter().layout_no_wrap(
                    (*text).to_owned(),
                    egui::FontId::proportional(60.0 + 20.0 * i as f32),
                    Color32::BLACK,
                );
            }
            grew = ui.ctx().fonts(|fonts| fonts.font_image_size()) != before;
            if twice {
                super::super::egui::paint(ui.painter(), &scene);
            }
            settle(ui.ctx());
        });
        // Nothing draws here: the font atlas's uploads are not wanted.
        output.textures_delta.clear();
        (grew, ctx.has_requested_repaint())
    }

    #[test]
    fn text_painted_before_the_font_atlas_grew_is_painted_again() {
        let ctx = Context::default();
        // The first frames settle in (egui asks for a second frame of its own).
        frame(&ctx, &[]);
        frame(&ctx, &[]);
        assert_eq!(
            frame(&ctx, &[]),
            (false, false),
            "nothing grew: no frame more"
        );
        let glyphs = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        let (grew, again) = frame(&ctx, &[glyphs; 6]);
        assert!(grew, "the atlas grew after the scene was painted");
        assert!(again, "so another frame is asked for");
        // And it is painted in that frame, from the atlas as it is now (egui itself
        // asks for one frame more after a request), and then no more are asked for.
        frame(&ctx, &[]);
        assert_eq!(frame(&ctx, &[]), (false, false));
        // A scene painted after the atlas grew does not hide one painted before it.
        let ctx = Context::default();
        frame(&ctx, &[]);
        frame(&ctx, &[]);
        let (grew, again) = frame_painting_twice(&ctx, &[glyphs; 6], true);
        assert!(grew && again, "grew {grew}, asked again {again}");
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
                let mut tessellator = Tessellator::new(pixels_per_point, options, [1, 1], vec![]);
                let (mut stamped, mut own) = (Mesh::default(), Mesh::default());
                for (x, y, length) in [
                    (10.3, 20.0, 40.0),
                    (500.7, 3.2, 16.5),
                    (-30.0, 100.0, 300.0),
                    (7.0, 7.0, height + 0.2),
                    (0.0, 0.0, height * 0.5),
                ] {
                    let rect = Rect::from_min_size(pos2(x, y), vec2(length, height));
                    // After other shapes in the mesh.
                    for mesh in [&mut stamped, &mut own] {
                        tessellator.tessellate_rect(
                            &egui::epaint::RectShape::filled(
                                rect.translate(vec2(0.0, 40.0)),
                                0.0,
                                fill,
                            ),
                            mesh,
                        );
                    }
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
}
