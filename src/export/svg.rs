//! A view of the timeline drawn as SVG: the same picture the window shows, from the
//! same layout code ([`lane_geometry`], [`TimelineLayout`], [`TimeAxis`]), with text
//! measured by a deliberately generous estimate instead of a font, so that labels the
//! layout keeps apart stay apart in any renderer.
//!
//! Every event mark is a group with a `data-event-id` and a `<title>` (the tooltip);
//! a cluster lists its events in `data-event-ids`. Marks are grouped per lane
//! (`<g id="lane-CATEGORY">`). Pure: no files, no egui `Ui`.

use std::fmt::Write as _;

use egui::{Color32, Pos2, Rect, pos2, vec2};

use crate::document::Document;
use crate::model::date::{date_from_days, month_name};
use crate::model::timeline::EventIndex;
use crate::ui::theme::TimelineStyle;
use crate::ui::timeline_ui::compact_count;
use crate::view::frame::FrameGeometry;
use crate::view::layout::{
    LaneGeometry, LaneIndex, LayoutMetrics, LayoutRequest, Mark, TimelineLayout,
};
use crate::view::ticks::{LABEL_OFFSET, TimeAxis};
use crate::view::transform::{ScreenMapping, TimeView};

/// Fonts to ask for: Latin faces first, then faces with Hangul, then the generic family.
pub const FONT_FAMILY: &str = "Ubuntu, 'Noto Sans', 'DejaVu Sans', NanumGothic, \
     'Noto Sans CJK KR', 'Apple SD Gothic Neo', 'Malgun Gothic', sans-serif";

/// Height of the title bar above the timeline.
pub const HEADER_HEIGHT: f32 = 30.0;
/// Size of the title in the title bar.
const TITLE_SIZE: f32 = 16.0;
/// Bold text is about this much wider than regular text.
const BOLD_FACTOR: f32 = 1.1;
/// How far below the centre of a line of text its baseline lies, in ems.
const CENTRE_TO_BASELINE: f32 = 0.36;
/// How far below the top of a line of text its baseline lies, in ems.
const TOP_TO_BASELINE: f32 = 0.92;

/// An upper estimate of the width of `text` at `font_size` pixels in the fonts of
/// [`FONT_FAMILY`]. Each character is given at least its advance in DejaVu Sans, the
/// widest common sans-serif face (and the one most Linux renderers fall back to);
/// Hangul and other wide scripts a full em. Estimating high costs a label now and then;
/// estimating low would let real text run into its neighbour.
pub fn estimated_text_width(text: &str, font_size: f32) -> f32 {
    let ems: f32 = text.chars().map(estimated_char_width).sum();
    ems * font_size.max(0.0)
}

/// The advance of one character in ems, rounded up; see [`estimated_text_width`].
fn estimated_char_width(c: char) -> f32 {
    match c {
        'i' | 'j' | 'l' | 'I' | 'J' | '\'' | '.' | ',' => 0.32,
        ' ' | 'f' | 't' | 'r' | '(' | ')' | '[' | ']' | '-' | '"' | '/' | '\\' | '|' | '!'
        | ':' | ';' | '‘' | '’' | '“' | '”' => 0.42,
        '#' | '&' | '+' | '=' | '<' | '>' | '~' | '^' => 0.84,
        'm' | 'w' | 'M' | 'W' | '%' | '@' | '—' | '…' => 1.0,
        // Hangul, CJK and other full-width scripts.
        c if c >= '\u{1100}' && !('\u{2000}'..'\u{2E80}').contains(&c) => 1.0,
        c if c.is_uppercase() => 0.8,
        c if c.is_control() => 0.0,
        _ => 0.64,
    }
}

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

/// Where everything goes in the picture: the layout the window would compute for a
/// timeline widget of the picture's size below a title bar.
#[derive(Clone, Debug)]
pub struct PictureLayout {
    /// Width and height of the whole picture.
    pub size: (f32, f32),
    /// The timeline widget: everything below the title bar.
    pub timeline: Rect,
    /// The time area, right of the lane-name column.
    pub area: Rect,
    /// Width of the lane-name column.
    pub names_width: f32,
    /// Top of the era strip.
    pub era_top: f32,
    /// Where each of the document's era rows is drawn: only rows with an era in view
    /// take room, in their order (as in the window).
    pub era_rows: Vec<Option<usize>>,
    /// Top of the time axis.
    pub axis_top: f32,
    /// Top of the first lane.
    pub lanes_top: f32,
    /// Time to x.
    pub mapping: ScreenMapping,
    /// Row heights and marker sizes, scaled down when the lanes would not fit.
    pub metrics: LayoutMetrics,
    /// The lanes shown, top to bottom.
    pub lanes: Vec<LaneGeometry>,
    /// Marks and labels.
    pub layout: TimelineLayout,
    /// Ticks, with the labels that would run into the pinned context label hidden.
    pub axis: TimeAxis,
}

impl PictureLayout {
    /// How many events the marks stand for.
    pub fn events_in_view(&self) -> usize {
        self.layout.marks.iter().map(Mark::len).sum()
    }
}

/// Lays out a picture of `size` pixels, exactly as the timeline widget lays out its
/// rectangle, with text measured by [`estimated_text_width`].
pub fn picture_layout(
    document: &Document,
    lanes: &LaneIndex,
    shown_lanes: &[usize],
    view: TimeView,
    size: (f32, f32),
    style: &TimelineStyle,
    selected: Option<EventIndex>,
) -> PictureLayout {
    let sane = |v: f32| {
        if v.is_finite() {
            v.clamp(1.0, 1.0e5)
        } else {
            1.0
        }
    };
    let size = (sane(size.0), sane(size.1));
    let timeline = &document.timeline;
    let measure_text = |text: &str| estimated_text_width(text, style.label_size);
    let rect = Rect::from_min_max(pos2(0.0, HEADER_HEIGHT.min(size.1)), pos2(size.0, size.1));
    let longest_name = timeline
        .categories
        .iter()
        .map(|c| measure_text(&c.record.name))
        .fold(0.0, f32::max);
    // The same frame geometry as the window's.
    let frame = FrameGeometry::new(
        document,
        lanes,
        shown_lanes,
        view,
        rect,
        longest_name,
        &style.frame_sizes(),
    );
    let FrameGeometry {
        area,
        mapping,
        era_row_of: era_rows,
        era_fold: _,
        era_top,
        axis_top,
        lanes_top,
        metrics,
        lanes: lane_rects,
    } = frame;
    let names_width = area.left() - rect.left();

    let measure_event = |event: EventIndex| measure_text(&timeline.events[event].record.title);
    let layout = TimelineLayout::new(
        timeline,
        lanes,
        &LayoutRequest {
            mapping,
            lanes: &lane_rects,
            metrics,
            measure: &measure_event,
            selected,
        },
    );
    let mut axis = TimeAxis::new(&mapping, &measure_text);
    let context_width = axis.context.as_deref().map_or(0.0, measure_text);
    axis.make_room_for_context(area.left(), context_width);

    PictureLayout {
        size,
        timeline: rect,
        area,
        names_width,
        era_top,
        era_rows,
        axis_top,
        lanes_top,
        mapping,
        metrics,
        lanes: lane_rects,
        layout,
        axis,
    }
}

/// Draws `view` of `document` as an SVG picture of `size` pixels: title bar, era strip,
/// axis, lane names, and the lanes with their bars, points, clusters and labels.
pub fn render_svg(
    document: &Document,
    lanes: &LaneIndex,
    shown_lanes: &[usize],
    view: TimeView,
    size: (f32, f32),
    style: &TimelineStyle,
    selected: Option<EventIndex>,
) -> String {
    let picture = picture_layout(document, lanes, shown_lanes, view, size, style, selected);
    draw_picture(document, lanes, &picture, style, selected)
}

/// Draws a picture laid out by [`picture_layout`].
pub fn draw_picture(
    document: &Document,
    lanes: &LaneIndex,
    picture: &PictureLayout,
    style: &TimelineStyle,
    selected: Option<EventIndex>,
) -> String {
    let mut painter = Painter {
        document,
        lanes,
        picture,
        style,
        selected,
        defs: String::new(),
        body: String::new(),
        next_id: 0,
    };
    painter.draw();
    painter.finish()
}

/// A colour and its opacity, as SVG writes them.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Paint {
    rgb: [u8; 3],
    opacity: f32,
}

impl Paint {
    fn of(colour: Color32) -> Self {
        let [r, g, b, a] = colour.to_srgba_unmultiplied();
        Self {
            rgb: [r, g, b],
            opacity: f32::from(a) / 255.0,
        }
    }

    /// More transparent by `factor`, like `Color32::gamma_multiply`.
    fn times(self, factor: f32) -> Self {
        Self {
            opacity: self.opacity * factor,
            ..self
        }
    }

    fn hex(self) -> String {
        let [r, g, b] = self.rgb;
        format!("#{r:02x}{g:02x}{b:02x}")
    }

    /// ` fill="…"` with its opacity when not opaque.
    fn fill(self) -> String {
        self.attribute("fill")
    }

    /// ` stroke="…" stroke-width="…"` with its opacity when not opaque.
    fn stroke(self, width: f32) -> String {
        format!(
            "{} stroke-width=\"{}\"",
            self.attribute("stroke"),
            num(width)
        )
    }

    fn attribute(self, name: &str) -> String {
        let mut out = format!(" {name}=\"{}\"", self.hex());
        if self.opacity < 0.999 {
            let _ = write!(
                out,
                " {name}-opacity=\"{}\"",
                opacity(self.opacity.clamp(0.0, 1.0))
            );
        }
        out
    }

    /// A gradient stop.
    fn stop(self, offset: f32) -> String {
        format!(
            "<stop offset=\"{}\" stop-color=\"{}\" stop-opacity=\"{}\"/>",
            opacity(offset.clamp(0.0, 1.0)),
            self.hex(),
            opacity(self.opacity.clamp(0.0, 1.0))
        )
    }
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
    let text = format!("{value:.4}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
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

/// How text is anchored at its point.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Anchor {
    /// Left edge, vertical centre.
    LeftCentre,
    /// Left edge, top.
    LeftTop,
    /// Right edge, vertical centre.
    RightCentre,
    /// Centre, vertical centre.
    Centre,
}

/// Writes the SVG: definitions (clips, gradients) and the body are kept apart so that
/// every definition comes before its first use.
struct Painter<'a> {
    document: &'a Document,
    lanes: &'a LaneIndex,
    picture: &'a PictureLayout,
    style: &'a TimelineStyle,
    selected: Option<EventIndex>,
    defs: String,
    body: String,
    next_id: usize,
}

impl Painter<'_> {
    fn finish(self) -> String {
        let (width, height) = self.picture.size;
        let timeline = &self.document.timeline;
        let view = self.picture.mapping.view();
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
        let _ = writeln!(
            out,
            "<title>{}</title>",
            escape_xml(&format!("{}: {}", timeline.title, view_label(view)))
        );
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

    /// A fresh id for a definition.
    fn id(&mut self, prefix: &str) -> String {
        self.next_id += 1;
        format!("{prefix}-{}", self.next_id)
    }

    /// Defines a rectangular clip and returns its id.
    fn clip(&mut self, prefix: &str, rect: Rect) -> String {
        let id = self.id(prefix);
        let _ = writeln!(
            self.defs,
            "<clipPath id=\"{id}\"><rect{}/></clipPath>",
            rect_attributes(rect)
        );
        id
    }

    /// A filled rectangle with rounded corners.
    fn rect(&mut self, rect: Rect, radius: f32, fill: Paint, extra: &str) {
        let corners = if radius > 0.0 {
            format!(" rx=\"{}\"", num(radius))
        } else {
            String::new()
        };
        let _ = writeln!(
            self.body,
            "<rect{}{corners}{}{extra}/>",
            rect_attributes(rect),
            fill.fill()
        );
    }

    /// The outline of a rectangle: `outside` puts the whole stroke outside it.
    fn rect_outline(&mut self, rect: Rect, radius: f32, width: f32, colour: Paint, outside: bool) {
        let shift = if outside { width / 2.0 } else { -width / 2.0 };
        let rect = rect.expand(shift);
        let _ = writeln!(
            self.body,
            "<rect{} rx=\"{}\" fill=\"none\"{}/>",
            rect_attributes(rect),
            num((radius + shift).max(0.0)),
            colour.stroke(width)
        );
    }

    fn line(&mut self, from: Pos2, to: Pos2, width: f32, colour: Paint, extra: &str) {
        let _ = writeln!(
            self.body,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"{}{extra}/>",
            num(from.x),
            num(from.y),
            num(to.x),
            num(to.y),
            colour.stroke(width)
        );
    }

    fn circle(
        &mut self,
        center: Pos2,
        radius: f32,
        fill: Option<Paint>,
        stroke: Option<(f32, Paint)>,
    ) {
        let fill = fill.map_or_else(|| " fill=\"none\"".to_owned(), Paint::fill);
        let stroke = stroke.map_or_else(String::new, |(width, paint)| paint.stroke(width));
        let _ = writeln!(
            self.body,
            "<circle cx=\"{}\" cy=\"{}\" r=\"{}\"{fill}{stroke}/>",
            num(center.x),
            num(center.y),
            num(radius.max(0.0))
        );
    }

    /// One line of text; `extra` goes into the element's attributes as it is.
    fn text(
        &mut self,
        at: Pos2,
        anchor: Anchor,
        text: &str,
        size: f32,
        colour: Paint,
        extra: &str,
    ) {
        let (baseline, text_anchor) = match anchor {
            Anchor::LeftCentre => (at.y + CENTRE_TO_BASELINE * size, ""),
            Anchor::LeftTop => (at.y + TOP_TO_BASELINE * size, ""),
            Anchor::RightCentre => (at.y + CENTRE_TO_BASELINE * size, " text-anchor=\"end\""),
            Anchor::Centre => (at.y + CENTRE_TO_BASELINE * size, " text-anchor=\"middle\""),
        };
        let _ = writeln!(
            self.body,
            "<text x=\"{}\" y=\"{}\" font-size=\"{}\"{}{text_anchor}{extra}>{}</text>",
            num(at.x),
            num(baseline),
            num(size),
            colour.fill(),
            escape_xml(text)
        );
    }

    /// A band that fades in and out as in the window: full colour between `solid`,
    /// 12 % of it at the ends; without a solid part strongest in the middle. The gradient
    /// spans the whole band; only the part near the picture is drawn.
    fn tapered_band(&mut self, rect: Rect, colour: Paint, solid: Option<(f32, f32)>) {
        let width = rect.width();
        if width.is_nan() || width <= 0.0 {
            return;
        }
        let (s0, s1) = solid.map_or_else(
            || {
                let middle = rect.center().x;
                (middle, middle)
            },
            |(a, b)| {
                (
                    a.clamp(rect.left(), rect.right()),
                    b.clamp(rect.left(), rect.right()),
                )
            },
        );
        let faint = colour.times(0.12);
        let id = self.id("fade");
        let _ = writeln!(
            self.defs,
            "<linearGradient id=\"{id}\" gradientUnits=\"userSpaceOnUse\" x1=\"{}\" y1=\"0\" x2=\"{}\" y2=\"0\">{}{}{}{}</linearGradient>",
            num(rect.left()),
            num(rect.right()),
            faint.stop(0.0),
            colour.stop((s0 - rect.left()) / width),
            colour.stop((s1 - rect.left()) / width),
            faint.stop(1.0),
        );
        let drawn = self.near_picture(rect);
        let _ = writeln!(
            self.body,
            "<rect{} fill=\"url(#{id})\"/>",
            rect_attributes(drawn)
        );
    }

    /// `rect` cut to a little beyond the time area, so that coordinates stay small
    /// while every edge that is cut lies outside the clip.
    fn near_picture(&self, rect: Rect) -> Rect {
        let margin = 16.0;
        let (left, right) = (
            self.picture.area.left() - margin,
            self.picture.area.right() + margin,
        );
        Rect::from_min_max(
            pos2(rect.left().clamp(left, right), rect.top()),
            pos2(rect.right().clamp(left, right), rect.bottom()),
        )
    }

    fn draw(&mut self) {
        let picture = self.picture;
        let style = self.style;
        self.rect(
            Rect::from_min_max(Pos2::ZERO, pos2(picture.size.0, picture.size.1)),
            0.0,
            Paint::of(style.background),
            " id=\"background\"",
        );
        self.draw_header();
        self.draw_eras();
        self.draw_stripes();
        self.draw_axis();
        self.draw_lane_names();
        self.draw_selection_line();
        self.draw_lanes();
    }

    /// The title bar: the timeline's title and subtitle, and the range shown.
    fn draw_header(&mut self) {
        let style = self.style;
        let picture = self.picture;
        let timeline = &self.document.timeline;
        let (width, _) = picture.size;
        let y = picture.timeline.top() / 2.0;
        let text = Paint::of(style.text);
        let weak = Paint::of(style.weak_text);
        self.body.push_str("<g id=\"header\">\n");
        let range = view_label(picture.mapping.view());
        let range_left = width - 8.0 - estimated_text_width(&range, style.label_size);
        self.text(
            pos2(width - 8.0, y),
            Anchor::RightCentre,
            &range,
            style.label_size,
            weak,
            "",
        );
        let title_right = 8.0 + estimated_text_width(&timeline.title, TITLE_SIZE) * BOLD_FACTOR;
        self.text(
            pos2(8.0, y),
            Anchor::LeftCentre,
            &timeline.title,
            TITLE_SIZE,
            text,
            " font-weight=\"bold\"",
        );
        let subtitle_left = title_right + 10.0;
        if !timeline.subtitle.is_empty()
            && subtitle_left + estimated_text_width(&timeline.subtitle, style.label_size)
                <= range_left - 16.0
        {
            self.text(
                pos2(subtitle_left, y),
                Anchor::LeftCentre,
                &timeline.subtitle,
                style.label_size,
                weak,
                "",
            );
        }
        let bottom = picture.timeline.top() - 0.5;
        self.line(
            pos2(0.0, bottom),
            pos2(width, bottom),
            style.line_width,
            Paint::of(style.grid_minor),
            "",
        );
        self.body.push_str("</g>\n");
    }

    /// Era bands in their stacked rows, labelled, with a faint wash down the lanes.
    fn draw_eras(&mut self) {
        let style = self.style;
        let picture = self.picture;
        let document = self.document;
        let area = picture.area;
        let bottom = picture.timeline.bottom();
        let clip = self.clip("clip-area", area);
        let _ = writeln!(self.body, "<g id=\"eras\" clip-path=\"url(#{clip})\">");
        let font_size = style.label_size * 0.95;
        for (era, &row) in document.timeline.eras.iter().zip(&document.era_rows) {
            let (from, to) = era.when.interval();
            let (x0, x1) = (
                picture.mapping.x(from).max(area.left()),
                picture.mapping.x(to).min(area.right()),
            );
            let Some(row) = picture.era_rows.get(row).copied().flatten() else {
                continue;
            };
            if x1 <= x0 {
                continue;
            }
            let band = Rect::from_min_max(
                pos2(x0, picture.era_top + style.era_row * row as f32),
                pos2(x1, picture.era_top + style.era_row * (row + 1) as f32),
            );
            let _ = writeln!(
                self.body,
                "<g class=\"era\" data-era-id=\"{}\"><title>{}</title>",
                escape_xml(&era.record.id),
                escape_xml(&format!("{}\n{}", era.record.name, era.when))
            );
            self.rect(
                band.shrink2(vec2(0.5, 1.0)),
                2.0,
                Paint::of(style.era_fill(era.colour, 235)),
                "",
            );
            self.rect(
                Rect::from_min_max(pos2(x0, band.bottom()), pos2(x1, bottom)),
                0.0,
                Paint::of(style.era_fill(era.colour, 34)),
                "",
            );
            let text_clip = self.clip("clip-era", band.shrink(1.0));
            self.text(
                pos2(band.left() + 4.0, band.center().y),
                Anchor::LeftCentre,
                &era.record.name,
                font_size,
                Paint::of(style.text),
                &format!(" clip-path=\"url(#{text_clip})\""),
            );
            self.body.push_str("</g>\n");
        }
        self.body.push_str("</g>\n");
    }

    /// Every other lane gets a tint across the whole width.
    fn draw_stripes(&mut self) {
        let picture = self.picture;
        let stripe = Paint::of(self.style.lane_stripe);
        self.body.push_str("<g id=\"stripes\">\n");
        for lane in picture.lanes.iter().skip(1).step_by(2) {
            let rect = Rect::from_x_y_ranges(picture.timeline.x_range(), lane.rect.y_range());
            self.rect(rect, 0.0, stripe, "");
        }
        self.body.push_str("</g>\n");
    }

    /// The axis line, minor and major ticks, grid lines down the lanes, tick labels
    /// and the context label pinned at the left edge.
    fn draw_axis(&mut self) {
        let style = self.style;
        let picture = self.picture;
        let area = picture.area;
        let top = picture.axis_top;
        let axis_bottom = top + style.axis_height;
        let bottom = picture.timeline.bottom();
        let grid = Paint::of(style.grid);
        let clip = self.clip("clip-axis", area);
        let _ = writeln!(self.body, "<g id=\"axis\" clip-path=\"url(#{clip})\">");
        self.line(
            pos2(area.left(), axis_bottom),
            pos2(area.right(), axis_bottom),
            style.line_width,
            grid,
            "",
        );
        for tick in &picture.axis.minor {
            self.line(
                pos2(tick.x, axis_bottom - style.axis_height * 0.25),
                pos2(tick.x, axis_bottom),
                style.line_width * 0.7,
                grid,
                "",
            );
        }
        for tick in &picture.axis.major {
            self.line(
                pos2(tick.x, top),
                pos2(tick.x, axis_bottom),
                style.line_width,
                grid,
                "",
            );
            self.line(
                pos2(tick.x, axis_bottom),
                pos2(tick.x, bottom),
                style.line_width,
                Paint::of(style.grid_minor),
                "",
            );
            if let Some(label) = &tick.label {
                self.text(
                    pos2(tick.x + LABEL_OFFSET, top + 2.0),
                    Anchor::LeftTop,
                    label,
                    style.label_size,
                    Paint::of(style.text),
                    "",
                );
            }
        }
        if let Some(context) = &picture.axis.context {
            let width = estimated_text_width(context, style.label_size);
            let rect = Rect::from_min_size(
                pos2(area.left(), top + 1.0),
                vec2(width + 2.0 * LABEL_OFFSET, style.label_size + 3.0),
            );
            self.rect(rect, 2.0, Paint::of(style.background), "");
            self.text(
                pos2(area.left() + LABEL_OFFSET, top + 2.0),
                Anchor::LeftTop,
                context,
                style.label_size,
                Paint::of(style.weak_text),
                " class=\"context\"",
            );
        }
        self.body.push_str("</g>\n");
    }

    /// Each lane's name with a swatch of its colour, clipped to the name column.
    fn draw_lane_names(&mut self) {
        let style = self.style;
        let picture = self.picture;
        let left = picture.timeline.left();
        self.body.push_str("<g id=\"names\">\n");
        for lane in &picture.lanes {
            let Some(category) = self.document.timeline.categories.get(lane.category) else {
                continue;
            };
            let swatch = Rect::from_center_size(
                pos2(left + 10.0, lane.point_y),
                vec2(8.0, 8.0) * (style.label_size / 12.5),
            );
            self.rect(
                swatch,
                2.0,
                Paint::of(style.category_colour(category.colour)),
                "",
            );
            let clip = self.clip(
                "clip-name",
                Rect::from_min_max(
                    pos2(left, lane.rect.top()),
                    pos2(left + picture.names_width - 4.0, lane.rect.bottom()),
                ),
            );
            self.text(
                pos2(swatch.right() + 6.0, lane.point_y),
                Anchor::LeftCentre,
                &category.record.name,
                style.label_size,
                Paint::of(style.text),
                &format!(" clip-path=\"url(#{clip})\""),
            );
        }
        self.body.push_str("</g>\n");
    }

    /// A faint line down the lanes at the selected event.
    fn draw_selection_line(&mut self) {
        let picture = self.picture;
        let Some(event) = self
            .selected
            .and_then(|s| self.document.timeline.events.get(s))
        else {
            return;
        };
        let x = picture.mapping.x(event.when.anchor());
        if picture.area.x_range().contains(x) {
            self.line(
                pos2(x, picture.lanes_top),
                pos2(x, picture.timeline.bottom()),
                self.style.line_width,
                Paint::of(self.style.highlight).times(0.35),
                " class=\"selection-line\"",
            );
        }
    }

    /// The colour of an event's marks.
    fn colour_of(&self, event: EventIndex) -> Paint {
        let timeline = &self.document.timeline;
        let category = timeline.events[event].category;
        Paint::of(
            timeline
                .categories
                .get(category)
                .map_or(self.style.grid, |c| self.style.category_colour(c.colour)),
        )
    }

    /// Each lane's marks, then its labels, in a group per lane.
    fn draw_lanes(&mut self) {
        let picture = self.picture;
        let timeline = &self.document.timeline;
        let clip = self.clip(
            "clip-lanes",
            Rect::from_min_max(
                pos2(picture.area.left(), picture.lanes_top),
                picture.timeline.max,
            ),
        );
        let _ = writeln!(self.body, "<g id=\"lanes\" clip-path=\"url(#{clip})\">");
        let lane_of = |mark: &Mark| match mark {
            Mark::Point { event, .. } | Mark::Bar { event, .. } => timeline.events[*event].category,
            Mark::Cluster { lane, .. } => *lane,
        };
        for geometry in &picture.lanes {
            let Some(category) = timeline.categories.get(geometry.category) else {
                continue;
            };
            let _ = writeln!(
                self.body,
                "<g id=\"lane-{}\">",
                escape_xml(&category.record.id)
            );
            for mark in picture
                .layout
                .marks
                .iter()
                .filter(|m| lane_of(m) == geometry.category)
            {
                self.draw_mark(mark);
            }
            for label in picture
                .layout
                .labels
                .iter()
                .filter(|l| timeline.events[l.event].category == geometry.category)
            {
                let record = &timeline.events[label.event].record;
                let colour = if Some(label.event) == self.selected {
                    self.style.highlight
                } else {
                    self.style.text
                };
                self.text(
                    pos2(label.rect.left(), label.rect.center().y),
                    Anchor::LeftCentre,
                    &record.title,
                    self.style.label_size,
                    Paint::of(colour),
                    &format!(
                        " class=\"label\" data-label-for=\"{}\"",
                        escape_xml(&record.id)
                    ),
                );
            }
            self.body.push_str("</g>\n");
        }
        self.body.push_str("</g>\n");
    }

    /// One mark, in a group that names its events and carries the tooltip.
    fn draw_mark(&mut self, mark: &Mark) {
        let style = self.style;
        let timeline = &self.document.timeline;
        let lw = style.line_width;
        let events = self.lanes.events_of(mark);
        let Some(&first) = events.first() else {
            return;
        };
        let colour = self.colour_of(first);
        let background = Paint::of(style.background);
        let disputed = Paint::of(style.disputed);
        let selected = self
            .selected
            .is_some_and(|s| self.lanes.mark_contains(mark, s));
        match mark {
            Mark::Point {
                event,
                center,
                radius,
                uncertainty,
            } => {
                self.open_event_group("point", *event);
                if let Some((u0, u1)) = uncertainty {
                    let band = Rect::from_min_max(
                        pos2(*u0, center.y - radius * 0.7),
                        pos2(*u1, center.y + radius * 0.7),
                    );
                    self.tapered_band(band, colour.times(0.45), None);
                }
                self.circle(*center, *radius, Some(colour), Some((lw, background)));
                let record = &timeline.events[*event];
                if record.is_date_disputed() {
                    self.circle(*center, radius + 2.5 * lw, None, Some((lw * 1.3, disputed)));
                }
                if selected {
                    self.circle(
                        *center,
                        radius + 1.5,
                        None,
                        Some((lw * 2.5, Paint::of(style.highlight))),
                    );
                    // Where the disputed alternatives lie.
                    for alternative in &record.disputed_alternatives {
                        let at = pos2(self.picture.mapping.x(alternative.midpoint()), center.y);
                        self.line(
                            *center,
                            at,
                            lw,
                            disputed,
                            " stroke-dasharray=\"4 3\" class=\"disputed-alternative\"",
                        );
                        let half = 5.0 * lw.max(1.0);
                        let _ = writeln!(
                            self.body,
                            "<polygon points=\"{},{} {},{} {},{} {},{}\" fill=\"none\"{}/>",
                            num(at.x),
                            num(at.y - half),
                            num(at.x + half),
                            num(at.y),
                            num(at.x),
                            num(at.y + half),
                            num(at.x - half),
                            num(at.y),
                            disputed.stroke(lw * 1.5)
                        );
                    }
                }
            }
            Mark::Bar { event, rect, solid } => {
                self.open_event_group("bar", *event);
                if rect.width() < 12.0 {
                    // Too short to show a fade: a solid sliver that can be seen.
                    self.rect(*rect, 1.0, colour.times(0.8), "");
                } else {
                    self.tapered_band(*rect, colour.times(0.55), *solid);
                }
                let outline = self.near_picture(*rect);
                if timeline.events[*event].is_date_disputed() {
                    self.rect_outline(outline, 2.0, lw, disputed, true);
                }
                if selected {
                    self.rect_outline(outline, 2.0, lw * 2.5, Paint::of(style.highlight), true);
                }
            }
            Mark::Cluster { rect, .. } => {
                let ids: Vec<&str> = events
                    .iter()
                    .map(|&e| timeline.events[e].record.id.as_str())
                    .collect();
                let first_event = &timeline.events[first];
                let last_event = &timeline.events[events[events.len() - 1]];
                let mut tooltip = format!(
                    "{} events, {} to {}",
                    events.len(),
                    first_event.when,
                    last_event.when
                );
                for &event in events.iter().take(8) {
                    let record = &timeline.events[event];
                    let _ = write!(tooltip, "\n{} — {}", record.when, record.record.title);
                }
                if events.len() > 8 {
                    let _ = write!(tooltip, "\n… and {} more", events.len() - 8);
                }
                let _ = writeln!(
                    self.body,
                    "<g class=\"cluster\" data-event-ids=\"{}\" data-count=\"{}\"><title>{}</title>",
                    escape_xml(&ids.join(" ")),
                    events.len(),
                    escape_xml(&tooltip)
                );
                let radius = rect.height() / 2.0;
                self.rect(*rect, radius, colour.times(0.85), "");
                self.rect_outline(*rect, radius, lw, background, false);
                let count = compact_count(events.len());
                let size = rect.height() * 0.72;
                if estimated_text_width(&count, size) + 4.0 <= rect.width() {
                    self.text(
                        rect.center(),
                        Anchor::Centre,
                        &count,
                        size,
                        Paint::of(Color32::WHITE),
                        " class=\"count\"",
                    );
                }
                if selected {
                    self.rect_outline(*rect, 2.0, lw * 2.5, Paint::of(style.highlight), true);
                }
            }
        }
        self.body.push_str("</g>\n");
    }

    /// Opens the group of a single event's mark, with its tooltip.
    fn open_event_group(&mut self, class: &str, event: EventIndex) {
        let record = &self.document.timeline.events[event];
        let mut tooltip = record.record.title.clone();
        if let Some(korean) = &record.record.native_title {
            tooltip.push('\n');
            tooltip.push_str(korean);
        }
        tooltip.push('\n');
        tooltip.push_str(&record.date_label());
        let _ = writeln!(
            self.body,
            "<g class=\"{class}\" data-event-id=\"{}\"><title>{}</title>",
            escape_xml(&record.record.id),
            escape_xml(&tooltip)
        );
    }
}

/// The range shown, as days: `1 January 1953 – 31 December 1961`.
fn view_label(view: TimeView) -> String {
    let day = |days: f64| {
        let date = date_from_days(days);
        format!(
            "{} {} {}",
            date.day(),
            month_name(date.month()),
            date.year()
        )
    };
    // The last day shown is the one just before the right edge.
    format!("{} – {}", day(view.min), day(view.max() - 1e-6))
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
    fn the_estimate_is_generous_and_wide_for_hangul() {
        // Widths of these labels in DejaVu Sans at 12.5 px, the widest common face,
        // as rsvg-convert draws them.
        for (text, dejavu) in [
            ("Mikoyan and Peng Dehuai in Pyongyang", 249.0),
            ("September Plenum reverses the August decisions", 311.0),
            ("Kim Il Sung's tour of the Soviet bloc", 222.0),
            ("WWW MMM 1956", 109.0),
        ] {
            let estimate = estimated_text_width(text, 12.5);
            assert!(estimate >= dejavu, "{text}: {estimate}");
            assert!(estimate <= dejavu * 1.2, "{text}: {estimate}");
        }
        assert_eq!(estimated_text_width("조선", 10.0), 20.0);
        assert!(estimated_text_width("MW", 10.0) >= 19.0);
        assert_eq!(estimated_text_width("", 10.0), 0.0);
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
