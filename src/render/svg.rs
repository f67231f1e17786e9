//! The file back end: writes a [`Scene`] as SVG. Nothing is decided here — every
//! position, colour and size comes from the scene; this only spells it in SVG.
//!
//! Every event mark is a group with a `data-event-id` and a `<title>` (the tooltip);
//! a cluster lists its events in `data-event-ids` and `data-count`; an event's label
//! is a `<text class="label" data-label-for="ID">`. Layers are groups with ids
//! (`eras`, `axis`, `names`, `lanes`, one `lane-CATEGORY` per lane). Text carries the
//! width the scene measured with the window's fonts (`textLength`), so a renderer with
//! other fonts still keeps every label inside its box.

use std::collections::HashMap;
use std::fmt::Write as _;

use egui::{Color32, Pos2, Rect, Stroke, pos2};

use crate::model::timeline::Timeline;
use crate::view::layout::LaneIndex;
use crate::view::scene::{Layer, Scene, Shape, Target, TextRole, TextRun};

/// Fonts to ask for: egui's face first, then faces with Hangul, then the generic family.
pub const FONT_FAMILY: &str = "Ubuntu, 'Noto Sans', 'DejaVu Sans', NanumGothic, \
     'Noto Sans CJK KR', 'Apple SD Gothic Neo', 'Malgun Gothic', sans-serif";

use crate::view::scene::CENTRE_TO_BASELINE;

/// Escapes text for XML element content and attribute values (either quote), and
/// replaces the few characters XML 1.0 cannot hold at all.
pub fn escape_xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c < ' ' || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// A coordinate or length with at most two decimals.
fn num(value: f32) -> String {
    if !value.is_finite() {
        return "0".to_owned();
    }
    let text = format!("{value:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" || text.is_empty() {
        "0".to_owned()
    } else {
        text.to_owned()
    }
}

/// An opacity or offset with at most four decimals.
fn opacity(value: f32) -> String {
    let text = format!("{:.4}", value.clamp(0.0, 1.0));
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text.is_empty() {
        "0".to_owned()
    } else {
        text.to_owned()
    }
}

/// ` NAME="#rrggbb"` and its opacity when not opaque.
fn paint(name: &str, colour: Color32) -> String {
    let [r, g, b, a] = colour.to_srgba_unmultiplied();
    let mut out = format!(" {name}=\"#{r:02x}{g:02x}{b:02x}\"");
    if a < 255 {
        let _ = write!(out, " {name}-opacity=\"{}\"", opacity(f32::from(a) / 255.0));
    }
    out
}

fn stroke(stroke: Stroke) -> String {
    format!(
        "{} stroke-width=\"{}\"",
        paint("stroke", stroke.color),
        num(stroke.width)
    )
}

/// ` x="…" y="…" width="…" height="…"` of a rectangle.
fn rect_attributes(rect: Rect) -> String {
    format!(
        " x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"",
        num(rect.left()),
        num(rect.top()),
        num(rect.width().max(0.0)),
        num(rect.height().max(0.0))
    )
}

/// What the picture is of, besides its scene.
pub struct Picture<'a> {
    /// Width and height in pixels.
    pub size: (f32, f32),
    /// The document's `<title>`.
    pub title: &'a str,
    /// For ids and tooltips.
    pub timeline: &'a Timeline,
    /// For the events of clusters.
    pub lanes: &'a LaneIndex,
}

/// Writes `scene` as an SVG document.
pub fn write(scene: &Scene, picture: &Picture<'_>) -> String {
    let mut writer = Writer {
        picture,
        defs: String::new(),
        body: String::with_capacity(64 * 1024),
        clips: HashMap::new(),
        next_id: 0,
    };
    writer.scene(scene);
    writer.finish()
}

struct Writer<'a, 'b> {
    picture: &'b Picture<'a>,
    defs: String,
    body: String,
    /// Clip rectangles already defined (by their corners' bits) and their ids.
    clips: HashMap<[u32; 4], String>,
    next_id: usize,
}

/// The id of a layer's group.
fn layer_id(layer: Layer) -> &'static str {
    match layer {
        Layer::Background => "background",
        Layer::Header => "header",
        Layer::Eras => "eras",
        Layer::Stripes => "stripes",
        Layer::Axis => "axis",
        Layer::Names => "names",
        Layer::Selection => "selection",
        Layer::Lane(_) => "lanes",
        Layer::Map => "map",
    }
}

impl Writer<'_, '_> {
    fn finish(self) -> String {
        let (width, height) = self.picture.size;
        let mut out = String::with_capacity(self.defs.len() + self.body.len() + 1024);
        out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        let _ = writeln!(
            out,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"{w}\" height=\"{h}\" \
             viewBox=\"0 0 {w} {h}\" font-family=\"{font}\">",
            w = num(width),
            h = num(height),
            font = escape_xml(FONT_FAMILY),
        );
        let _ = writeln!(out, "<title>{}</title>", escape_xml(self.picture.title));
        let _ = writeln!(
            out,
            "<defs>\n<clipPath id=\"picture\"><rect{}/></clipPath>\n{}</defs>",
            rect_attributes(Rect::from_min_max(Pos2::ZERO, pos2(width, height))),
            self.defs
        );
        out.push_str("<g clip-path=\"url(#picture)\">\n");
        out.push_str(&self.body);
        out.push_str("</g>\n</svg>\n");
        out
    }

    fn id(&mut self, prefix: &str) -> String {
        self.next_id += 1;
        format!("{prefix}-{}", self.next_id)
    }

    /// The id of a clip path for `rect`, defined on first use.
    fn clip(&mut self, rect: Rect) -> String {
        let key = [
            rect.min.x.to_bits(),
            rect.min.y.to_bits(),
            rect.max.x.to_bits(),
            rect.max.y.to_bits(),
        ];
        if let Some(id) = self.clips.get(&key) {
            return id.clone();
        }
        let id = self.id("clip");
        let _ = writeln!(
            self.defs,
            "<clipPath id=\"{id}\"><rect{}/></clipPath>",
            rect_attributes(rect)
        );
        self.clips.insert(key, id.clone());
        id
    }

    fn scene(&mut self, scene: &Scene) {
        let timeline = self.picture.timeline;
        let mut open_layer: Option<Layer> = None;
        for group in &scene.groups {
            if open_layer != Some(group.layer) {
                let was_lane = matches!(open_layer, Some(Layer::Lane(_)));
                let is_lane = matches!(group.layer, Layer::Lane(_));
                if was_lane {
                    self.body.push_str("</g>\n");
                }
                if open_layer.is_some() && !(was_lane && is_lane) {
                    self.body.push_str("</g>\n");
                }
                if !(was_lane && is_lane) {
                    let _ = writeln!(self.body, "<g id=\"{}\">", layer_id(group.layer));
                }
                if let Layer::Lane(category) = group.layer {
                    let id = timeline
                        .categories
                        .get(category)
                        .map_or("", |c| c.record.id.as_str());
                    let _ = writeln!(self.body, "<g id=\"lane-{}\">", escape_xml(id));
                }
                open_layer = Some(group.layer);
            }
            let shapes = scene.shapes_of(group);
            if shapes.is_empty() {
                continue;
            }
            let clip = self.clip(group.clip);
            let _ = write!(
                self.body,
                "<g class=\"{}\" clip-path=\"url(#{clip})\"",
                group.class
            );
            // A label names its event through its text; only marks carry the event's id.
            if group.class != "label" {
                self.target_attributes(&group.target);
            }
            self.body.push_str(">\n");
            if group.class != "label"
                && let Some(tooltip) = group.target.tooltip(timeline, self.picture.lanes)
            {
                let _ = writeln!(self.body, "<title>{}</title>", escape_xml(&tooltip));
            }
            for shape in shapes {
                self.shape(shape);
            }
            self.body.push_str("</g>\n");
        }
        if matches!(open_layer, Some(Layer::Lane(_))) {
            self.body.push_str("</g>\n");
        }
        if open_layer.is_some() {
            self.body.push_str("</g>\n");
        }
    }

    /// `data-` attributes naming what a group stands for.
    fn target_attributes(&mut self, target: &Target) {
        let timeline = self.picture.timeline;
        match target {
            Target::Event(event) => {
                if let Some(record) = timeline.events.get(*event) {
                    let _ = write!(
                        self.body,
                        " data-event-id=\"{}\"",
                        escape_xml(&record.record.id)
                    );
                }
            }
            Target::Cluster { .. } => {
                let events = target.events(self.picture.lanes);
                let ids: Vec<&str> = events
                    .iter()
                    .filter_map(|&e| timeline.events.get(e))
                    .map(|e| e.record.id.as_str())
                    .collect();
                let _ = write!(
                    self.body,
                    " data-event-ids=\"{}\" data-count=\"{}\"",
                    escape_xml(&ids.join(" ")),
                    ids.len()
                );
            }
            Target::Era(era) => {
                if let Some(era) = timeline.eras.get(*era) {
                    let _ = write!(self.body, " data-era-id=\"{}\"", escape_xml(&era.record.id));
                }
            }
            Target::Place(place) => {
                if let Some(place) = timeline.places.places.get(*place) {
                    let _ = write!(self.body, " data-place-id=\"{}\"", escape_xml(&place.id));
                }
            }
            Target::LaneName(_) | Target::EraFold(_) | Target::Nothing => {}
        }
    }

    fn shape(&mut self, shape: &Shape) {
        match shape {
            Shape::Rect { rect, radius, fill } => {
                let corners = if *radius > 0.0 {
                    format!(" rx=\"{}\"", num(*radius))
                } else {
                    String::new()
                };
                let _ = writeln!(
                    self.body,
                    "<rect{}{corners}{}/>",
                    rect_attributes(self.near_picture(*rect)),
                    paint("fill", *fill)
                );
            }
            Shape::Outline {
                rect,
                radius,
                stroke: line,
                inside,
            } => {
                let shift = if *inside {
                    -line.width / 2.0
                } else {
                    line.width / 2.0
                };
                let rect = self.near_picture(rect.expand(shift));
                let _ = writeln!(
                    self.body,
                    "<rect{} rx=\"{}\" fill=\"none\"{}/>",
                    rect_attributes(rect),
                    num((radius + shift).max(0.0)),
                    stroke(*line)
                );
            }
            Shape::Band {
                rect,
                colour,
                solid,
            } => self.band(*rect, *colour, *solid),
            Shape::Circle {
                center,
                radius,
                fill,
                stroke: line,
            } => {
                let fill = fill.map_or_else(|| " fill=\"none\"".to_owned(), |f| paint("fill", f));
                let line = line.map_or_else(String::new, stroke);
                let _ = writeln!(
                    self.body,
                    "<circle cx=\"{}\" cy=\"{}\" r=\"{}\"{fill}{line}/>",
                    num(center.x),
                    num(center.y),
                    num(radius.max(0.0))
                );
            }
            Shape::Line {
                from,
                to,
                stroke: line,
                dash,
            } => {
                let dash = dash.map_or_else(String::new, |(dash, gap)| {
                    format!(" stroke-dasharray=\"{} {}\"", num(dash), num(gap))
                });
                let _ = writeln!(
                    self.body,
                    "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"{}{dash}/>",
                    num(from.x),
                    num(from.y),
                    num(to.x),
                    num(to.y),
                    stroke(*line)
                );
            }
            Shape::Diamond {
                center,
                half,
                stroke: line,
            } => {
                let _ = writeln!(
                    self.body,
                    "<polygon points=\"{},{} {},{} {},{} {},{}\" fill=\"none\"{}/>",
                    num(center.x),
                    num(center.y - half),
                    num(center.x + half),
                    num(center.y),
                    num(center.x),
                    num(center.y + half),
                    num(center.x - half),
                    num(center.y),
                    stroke(*line)
                );
            }
            Shape::Polygon {
                points,
                ring_ends,
                fill,
                stroke: line,
                ..
            } => {
                let mut path = String::new();
                for ring in crate::view::scene::polygon_rings(points, ring_ends) {
                    for (k, point) in ring.iter().enumerate() {
                        let command = if k == 0 { 'M' } else { 'L' };
                        let _ = write!(path, "{command}{} {}", num(point.x), num(point.y));
                    }
                    path.push('Z');
                }
                if !path.is_empty() {
                    let _ = writeln!(
                        self.body,
                        "<path d=\"{path}\" fill-rule=\"evenodd\"{}{}/>",
                        paint("fill", *fill),
                        stroke(*line)
                    );
                }
            }
            Shape::Text(run) => self.text(run),
        }
    }

    fn text(&mut self, run: &TextRun) {
        if let Some(plate) = run.plate {
            let _ = writeln!(
                self.body,
                "<rect{} rx=\"2\"{}/>",
                rect_attributes(run.rect.expand2(egui::vec2(2.0, 1.0))),
                paint("fill", plate)
            );
        }
        let class = match run.role {
            TextRole::Label(event) => {
                self.picture
                    .timeline
                    .events
                    .get(event)
                    .map_or_else(String::new, |record| {
                        format!(
                            " class=\"label\" data-label-for=\"{}\"",
                            escape_xml(&record.record.id)
                        )
                    })
            }
            TextRole::Count => " class=\"count\"".to_owned(),
            TextRole::PlaceName(_) => " class=\"place-name\"".to_owned(),
            TextRole::MapNote => " class=\"map-note\"".to_owned(),
            TextRole::Context => " class=\"context\"".to_owned(),
            TextRole::Tick => " class=\"tick\"".to_owned(),
            TextRole::EraName(_) => " class=\"era-name\"".to_owned(),
            TextRole::EraFold => " class=\"era-fold\"".to_owned(),
            TextRole::LaneName(_) => " class=\"lane-name\"".to_owned(),
            TextRole::Title => " class=\"title\"".to_owned(),
            TextRole::Subtitle => " class=\"subtitle\"".to_owned(),
            TextRole::Range => " class=\"range\"".to_owned(),
        };
        let weight = if run.bold {
            " font-weight=\"bold\""
        } else {
            ""
        };
        let _ = writeln!(
            self.body,
            "<text x=\"{}\" y=\"{}\" font-size=\"{}\"{}{weight} textLength=\"{}\" \
             lengthAdjust=\"spacingAndGlyphs\"{class}>{}</text>",
            num(run.rect.left()),
            num(run.rect.center().y + CENTRE_TO_BASELINE * run.size),
            num(run.size),
            paint("fill", run.colour),
            num(run.rect.width()),
            escape_xml(&run.text)
        );
    }

    /// A band that fades: full colour between `solid` (or only at its centre), faint at
    /// its ends, as a gradient over the whole band of which only the part near the
    /// picture is drawn.
    fn band(&mut self, rect: Rect, colour: Color32, solid: Option<(f32, f32)>) {
        let width = rect.width();
        if width.is_nan() || width <= 0.0 {
            return;
        }
        let (s0, s1) = crate::view::scene::solid_span(rect, solid);
        let faint = colour.gamma_multiply(crate::view::scene::FADE_END);
        // SVG interpolates gradients in unpremultiplied colour: every stop keeps the
        // band's hue and only its opacity fades (a faint end of transparent black
        // would fade the band through grey, unlike the window).
        let [r, g, b, _] = colour.to_srgba_unmultiplied();
        let stop = |offset: f32, colour: Color32| {
            format!(
                "<stop offset=\"{}\" stop-color=\"#{r:02x}{g:02x}{b:02x}\" stop-opacity=\"{}\"/>",
                opacity(offset),
                opacity(f32::from(colour.a()) / 255.0)
            )
        };
        let id = self.id("fade");
        let _ = writeln!(
            self.defs,
            "<linearGradient id=\"{id}\" gradientUnits=\"userSpaceOnUse\" x1=\"{}\" y1=\"0\" x2=\"{}\" y2=\"0\">{}{}{}{}</linearGradient>",
            num(rect.left()),
            num(rect.right()),
            stop(0.0, faint),
            stop((s0 - rect.left()) / width, colour),
            stop((s1 - rect.left()) / width, colour),
            stop(1.0, faint),
        );
        let drawn = self.near_picture(rect);
        let _ = writeln!(
            self.body,
            "<rect{} fill=\"url(#{id})\"/>",
            rect_attributes(drawn)
        );
    }

    /// `rect` cut to a little beyond the picture, so that coordinates stay small while
    /// every edge that is cut lies outside it.
    fn near_picture(&self, rect: Rect) -> Rect {
        let margin = 16.0;
        let (left, right) = (-margin, self.picture.size.0 + margin);
        Rect::from_min_max(
            pos2(rect.left().clamp(left, right), rect.top()),
            pos2(rect.right().clamp(left, right), rect.bottom()),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_covers_markup_quotes_and_impossible_characters() {
        assert_eq!(
            escape_xml("a<b & \"c\" 'd'>"),
            "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;"
        );
        assert_eq!(escape_xml("조선로동당"), "조선로동당");
        assert_eq!(escape_xml("x\u{1}y\u{FFFF}"), "x\u{FFFD}y\u{FFFD}");
        assert_eq!(escape_xml("line\nbreak"), "line\nbreak");
    }

    #[test]
    fn numbers_are_short_and_finite() {
        assert_eq!(num(1.0), "1");
        assert_eq!(num(1.256), "1.26");
        assert_eq!(num(-0.001), "0");
        assert_eq!(num(f32::NAN), "0");
        assert_eq!(opacity(0.5), "0.5");
        assert_eq!(opacity(0.0), "0");
    }
}
