//! The SVG file of a view: lays out the picture exactly as the timeline widget lays out
//! its rectangle (below a title bar), builds the same [`Scene`] with text measured in
//! the window's fonts, and hands it to the SVG back end ([`crate::render::svg`]).
//! Pure: no files, no egui `Ui`.

use egui::{Pos2, Rect, Stroke, pos2};

use crate::document::Document;
use crate::model::date::{date_from_days, month_name};
use crate::model::timeline::EventIndex;
use crate::render::svg::{Picture, write};
use crate::render::text::measure;
use crate::ui::theme::TimelineStyle;
use crate::view::fill::{self, LabelInput};
use crate::view::frame::FrameGeometry;
use crate::view::layout::{LaneIndex, Mark, TimelineLayout};
use crate::view::scene::{
    Layer, Scene, SceneEmphasis, SceneInput, Shape, Target, TextRole, TextRun, fit_text,
};
use crate::view::transform::TimeView;

pub use crate::render::svg::{FONT_FAMILY, escape_xml};

/// Height of the title bar above the timeline.
pub const HEADER_HEIGHT: f32 = 30.0;
/// Size of the title in the title bar.
const TITLE_SIZE: f32 = 16.0;
/// Bold text is about this much wider than regular text.
const BOLD_FACTOR: f32 = 1.1;

/// Where everything goes in the picture, and the scene drawn from it.
#[derive(Clone, Debug)]
pub struct PictureLayout {
    /// Width and height of the whole picture.
    pub size: (f32, f32),
    /// The timeline widget: everything below the title bar.
    pub timeline: Rect,
    /// The frame geometry the window would compute for that rectangle.
    pub frame: FrameGeometry,
    /// Marks and labels.
    pub layout: TimelineLayout,
    /// The display list (title bar included).
    pub scene: Scene,
}

impl PictureLayout {
    /// How many events the marks stand for.
    pub fn events_in_view(&self) -> usize {
        self.layout.marks.iter().map(Mark::len).sum()
    }
}

/// Lays out a picture of `size` pixels, exactly as the timeline widget lays out its
/// rectangle, and builds its scene with `emphasis`.
#[allow(clippy::too_many_arguments)]
pub fn picture_layout(
    document: &Document,
    lanes: &LaneIndex,
    shown_lanes: &[usize],
    view: TimeView,
    size: (f32, f32),
    style: &TimelineStyle,
    emphasis: SceneEmphasis<'_>,
) -> PictureLayout {
    let sane = |v: f32| {
        if v.is_finite() {
            v.clamp(1.0, 1.0e5)
        } else {
            1.0
        }
    };
    let size = (sane(size.0), sane(size.1));
    let rect = Rect::from_min_max(pos2(0.0, HEADER_HEIGHT.min(size.1)), pos2(size.0, size.1));
    let (frame, layout, scene) = lay_out(
        document,
        lanes,
        shown_lanes,
        view,
        rect,
        style,
        emphasis,
        &measure,
    );
    let mut full = Scene::default();
    header(&mut full, document, style, size, rect.top(), view);
    full.append(scene);
    PictureLayout {
        size,
        timeline: rect,
        frame,
        layout,
        scene: full,
    }
}

/// The frame geometry, layout and scene of the timeline widget in `rect`, with text
/// measured by `measure` — what the window computes each frame.
#[allow(clippy::too_many_arguments)]
pub fn lay_out(
    document: &Document,
    lanes: &LaneIndex,
    shown_lanes: &[usize],
    view: TimeView,
    rect: Rect,
    style: &TimelineStyle,
    emphasis: SceneEmphasis<'_>,
    measure: &dyn Fn(&str, f32) -> f32,
) -> (FrameGeometry, TimelineLayout, Scene) {
    let timeline = &document.timeline;
    let longest_name = timeline
        .categories
        .iter()
        .map(|c| measure(&c.record.name, style.label_size))
        .fold(0.0, f32::max);
    let mut frame = FrameGeometry::new(
        document,
        lanes,
        shown_lanes,
        view,
        rect,
        longest_name,
        &style.frame_sizes(),
    );
    let measure_event = |event: EventIndex| {
        timeline
            .events
            .get(event)
            .map_or(0.0, |e| measure(&e.record.title, style.label_size))
    };
    let measure_text = |text: &str| measure(text, style.label_size);
    let layout = fill::lay_out(
        timeline,
        lanes,
        &mut frame,
        &LabelInput {
            measure: &measure_event,
            measure_short: &|_, text| measure_text(text),
            measure_text: &measure_text,
            selected: emphasis.selected,
        },
    );
    let scene = Scene::build(&SceneInput {
        document,
        lanes,
        frame: &frame,
        layout: &layout,
        rect,
        style,
        emphasis,
        measure,
    });
    (frame, layout, scene)
}

/// The title bar: the timeline's title and subtitle, and the range shown.
fn header(
    scene: &mut Scene,
    document: &Document,
    style: &TimelineStyle,
    (width, height): (f32, f32),
    bottom: f32,
    view: TimeView,
) {
    let timeline = &document.timeline;
    let y = bottom / 2.0;
    let size = style.label_size;
    let text = |(left, width): (f32, f32), text: String, size: f32, colour, role| {
        Shape::Text(TextRun {
            rect: Rect::from_min_max(
                pos2(left, y - size / 2.0),
                pos2(left + width, y + size / 2.0),
            ),
            text,
            size,
            bold: role == TextRole::Title,
            colour,
            plate: None,
            role,
        })
    };
    let whole = Rect::from_min_max(Pos2::ZERO, pos2(width, height));
    let mut shapes = vec![Shape::Rect {
        rect: whole,
        radius: 0.0,
        fill: style.background,
    }];
    let range = view_label(view);
    let range_width = measure(&range, size);
    let range_left = width - 8.0 - range_width;
    shapes.push(text(
        (range_left, range_width),
        range,
        size,
        style.weak_text,
        TextRole::Range,
    ));
    if let Some((title, title_width)) = fit_text(
        &timeline.title,
        TITLE_SIZE,
        (range_left - 24.0) / BOLD_FACTOR,
        &measure,
    ) {
        let title_width = title_width * BOLD_FACTOR;
        shapes.push(text(
            (8.0, title_width),
            title,
            TITLE_SIZE,
            style.text,
            TextRole::Title,
        ));
        let subtitle_left = 8.0 + title_width + 10.0;
        let subtitle_width = measure(&timeline.subtitle, size);
        if !timeline.subtitle.is_empty() && subtitle_left + subtitle_width <= range_left - 16.0 {
            shapes.push(text(
                (subtitle_left, subtitle_width),
                timeline.subtitle.clone(),
                size,
                style.weak_text,
                TextRole::Subtitle,
            ));
        }
    }
    shapes.push(Shape::Line {
        from: pos2(0.0, bottom - 0.5),
        to: pos2(width, bottom - 0.5),
        stroke: Stroke::new(style.line_width, style.grid_minor),
        dash: None,
    });
    scene.push_group((Layer::Header, Target::Nothing, "header"), whole, shapes);
}

/// Draws `view` of `document` as an SVG picture of `size` pixels: title bar, era strip,
/// axis, lane names, and the lanes with their bars, points, clusters and labels.
#[allow(clippy::too_many_arguments)]
pub fn render_svg(
    document: &Document,
    lanes: &LaneIndex,
    shown_lanes: &[usize],
    view: TimeView,
    size: (f32, f32),
    style: &TimelineStyle,
    emphasis: SceneEmphasis<'_>,
) -> String {
    let picture = picture_layout(document, lanes, shown_lanes, view, size, style, emphasis);
    draw_picture(document, lanes, &picture)
}

/// Writes a picture laid out by [`picture_layout`] as SVG.
pub fn draw_picture(document: &Document, lanes: &LaneIndex, picture: &PictureLayout) -> String {
    let view = picture.frame.mapping.view();
    let title = format!("{}: {}", document.timeline.title, view_label(view));
    write(
        &picture.scene,
        &Picture {
            size: picture.size,
            title: &title,
            timeline: &document.timeline,
            lanes,
        },
    )
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
