//! The scene: one frame of the timeline as a display list — bands, bars, dots, rings,
//! lines and text runs in paint order, grouped by what they stand for (an era, a lane
//! name, an event, a cluster), with the hit areas that interaction uses.
//!
//! Built once per frame from the frame geometry, the layout, the style and the
//! emphasis (selection, search, person); painted by the back ends in
//! [`crate::render`] (the window's egui painter, the SVG writer). Pure: no egui `Ui`,
//! no fonts — text is measured through the [`Measure`] function the caller passes, so
//! a back end that measures with the same fonts draws the same picture.

use crate::model::wording::short_title;
use std::ops::Range;

use egui::{Color32, Pos2, Rect, Stroke, pos2, vec2};

use crate::document::Document;
use crate::model::date::Days;
use crate::model::schema::EventRecord;
use crate::model::timeline::{EventIndex, Timeline};
use crate::ui::theme::TimelineStyle;
use crate::view::backdrop::washed_background;
use crate::view::frame::FrameGeometry;
use crate::view::layout::{COUNT_PAD, Label, LaneIndex, Mark, Row, TimelineLayout, label_text};
use crate::view::ticks::{LABEL_OFFSET, TimeAxis};

/// Measures the width in points of a line of text at a font size.
pub type Measure<'a> = &'a dyn Fn(&str, f32) -> f32;

/// The ellipsis that ends text cut to fit.
pub const ELLIPSIS: char = '…';

/// Where a group belongs: the back ends keep layers apart (SVG groups, clip rects).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layer {
    /// The background of the whole picture.
    Background,
    /// The title bar of an exported picture.
    Header,
    /// The era bands and their names (their washes are in the background).
    Eras,
    /// The tint of every other lane.
    Stripes,
    /// Ticks, tick labels and the context label.
    Axis,
    /// The lane names with their swatches.
    Names,
    /// The line down the lanes at the selected event.
    Selection,
    /// A lane's marks and labels (the category index).
    Lane(usize),
    /// The locator map ([`crate::view::locator`]): sea, countries, lines, places.
    Map,
}

/// What a group or hit area stands for.
#[derive(Clone, Debug, PartialEq)]
pub enum Target {
    /// Decoration: nothing to point at.
    Nothing,
    /// An era band (index into the timeline's eras).
    Era(usize),
    /// The "+N more eras" row: how many eras in view it stands for.
    EraFold(usize),
    /// A lane's name (category index).
    LaneName(usize),
    /// A single event's mark.
    Event(EventIndex),
    /// Several events drawn as one badge: a contiguous range of one row.
    Cluster {
        /// The lane (category index).
        lane: usize,
        /// The row within the lane.
        row: Row,
        /// Positions within the row.
        range: Range<usize>,
        /// The time the events cover.
        time_range: (Days, Days),
        /// Whether zooming in can tell its events apart; when not (they share a date, or
        /// lie closer than the deepest zoom shows apart), a click lists them instead.
        zoomable: bool,
    },
    /// A place on the locator map (index into the timeline's gazetteer).
    Place(usize),
}

impl Target {
    /// The target of a layout mark.
    pub fn of_mark(mark: &Mark) -> Self {
        match mark {
            Mark::Point { event, .. } | Mark::Bar { event, .. } => Self::Event(*event),
            Mark::Cluster {
                lane,
                row,
                range,
                time_range,
                ..
            } => Self::Cluster {
                lane: *lane,
                row: *row,
                range: range.clone(),
                time_range: *time_range,
                zoomable: true,
            },
        }
    }

    /// The events it stands for (none for decoration, eras and lane names).
    pub fn events<'a>(&'a self, lanes: &'a LaneIndex) -> &'a [EventIndex] {
        match self {
            Self::Event(event) => std::slice::from_ref(event),
            Self::Cluster {
                lane, row, range, ..
            } => lanes
                .lanes
                .get(*lane)
                .and_then(|l| l.row(*row))
                .and_then(|r| r.events.get(range.clone()))
                .unwrap_or(&[]),
            Self::Nothing
            | Self::Era(_)
            | Self::EraFold(_)
            | Self::LaneName(_)
            | Self::Place(_) => &[],
        }
    }

    /// The tooltip: title, Korean title and date of an event; count, span and the first
    /// few events of a cluster; name, dates, flags and sources of an era. Built only when asked for.
    pub fn tooltip(&self, timeline: &Timeline, lanes: &LaneIndex) -> Option<String> {
        match self {
            Self::Nothing => None,
            Self::Place(place) => timeline
                .places
                .places
                .get(*place)
                .map(|p| format!("{}\nClick to list every event here", p.full_name())),
            // The whole name, which the column may have cut with an ellipsis.
            Self::LaneName(lane) => timeline.categories.get(*lane).map(|c| {
                format!(
                    "{}\nClick to hide this lane (bring it back from the Lanes menu)",
                    short_title(&c.record.name)
                )
            }),
            Self::Era(era) => timeline.eras.get(*era).map(crate::model::wording::era_note),
            Self::EraFold(count) => Some(format!(
                "{count} more eras overlap here; zoom in to see them"
            )),
            Self::Event(event) => timeline.events.get(*event).map(|record| {
                let mut text = short_title(&record.record.title).into_owned();
                if let Some(korean) = &record.record.native_title {
                    text.push('\n');
                    text.push_str(korean);
                }
                text.push('\n');
                text.push_str(&record.date_label());
                text
            }),
            Self::Cluster { .. } => {
                let events = self.events(lanes);
                let mut text = self.accessible_name(timeline, lanes)?;
                for &event in events.iter().take(CLUSTER_TOOLTIP_EVENTS) {
                    if let Some(record) = timeline.events.get(event) {
                        text.push_str(&format!(
                            "\n{} — {}",
                            record.when,
                            short_title(&record.record.title)
                        ));
                    }
                }
                if events.len() > CLUSTER_TOOLTIP_EVENTS {
                    text.push_str(&format!(
                        "\n… and {} more",
                        events.len() - CLUSTER_TOOLTIP_EVENTS
                    ));
                }
                Some(text)
            }
        }
    }

    /// The name screen readers announce.
    pub fn accessible_name(&self, timeline: &Timeline, lanes: &LaneIndex) -> Option<String> {
        match self {
            Self::Nothing => None,
            Self::Place(place) => timeline.places.places.get(*place).map(|p| p.full_name()),
            Self::LaneName(lane) => timeline
                .categories
                .get(*lane)
                .map(|c| format!("Hide lane {}", c.record.name)),
            Self::Era(era) => timeline.eras.get(*era).map(|era| era.record.name.clone()),
            Self::EraFold(count) => Some(era_fold_text(*count)),
            Self::Event(event) => timeline.events.get(*event).map(|record| {
                format!(
                    "{}, {}",
                    short_title(&record.record.title),
                    record.date_label()
                )
            }),
            Self::Cluster { .. } => {
                let events = self.events(lanes);
                let first = timeline.events.get(*events.first()?)?;
                let last = timeline.events.get(*events.last()?)?;
                Some(format!(
                    "{} events, {} to {}",
                    events.len(),
                    first.when,
                    last.when
                ))
            }
        }
    }
}

/// A cluster's tooltip lists this many of its events.
pub const CLUSTER_TOOLTIP_EVENTS: usize = 8;

/// What a text run says, for back ends that mark it up and tests that look for it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextRole {
    /// An event's label.
    Label(EventIndex),
    /// An era's name in its band.
    EraName(usize),
    /// The "+N more eras" row that stands for the era rows folded away.
    EraFold,
    /// A lane's name.
    LaneName(usize),
    /// A tick label on the axis.
    Tick,
    /// The period the left edge lies in, pinned at the left of the axis.
    Context,
    /// The number of events in a cluster badge.
    Count,
    /// The title of an exported picture.
    Title,
    /// Its subtitle.
    Subtitle,
    /// The range it shows.
    Range,
    /// A place's name on the locator map (index into the gazetteer).
    PlaceName(usize),
    /// A line's name on the locator map ("38th parallel").
    MapNote,
}

/// One line of text, already measured and fitted: it fills `rect` exactly.
#[derive(Clone, Debug, PartialEq)]
pub struct TextRun {
    /// The box of the text: left edge, vertical centre, measured width, font size high.
    pub rect: Rect,
    /// The text (cut with an ellipsis when it did not fit).
    pub text: String,
    /// Font size in points.
    pub size: f32,
    /// Bold (titles).
    pub bold: bool,
    /// Text colour.
    pub colour: Color32,
    /// A backing plate under the text, for contrast over whatever lies beneath.
    pub plate: Option<Color32>,
    /// What it says.
    pub role: TextRole,
}

/// A primitive of the display list.
#[derive(Clone, Debug, PartialEq)]
pub enum Shape {
    /// A filled rectangle.
    Rect {
        /// Where.
        rect: Rect,
        /// Corner radius.
        radius: f32,
        /// Fill.
        fill: Color32,
    },
    /// The outline of a rectangle, drawn outside it (or inside when `inside`).
    Outline {
        /// Where.
        rect: Rect,
        /// Corner radius.
        radius: f32,
        /// Line.
        stroke: Stroke,
        /// Whether the stroke lies inside the rectangle.
        inside: bool,
    },
    /// A bar that fades: full `colour` between `solid` (or only at its centre), faint at
    /// its ends.
    Band {
        /// Where.
        rect: Rect,
        /// The colour at its strongest.
        colour: Color32,
        /// The x-range where the event surely lies.
        solid: Option<(f32, f32)>,
    },
    /// A circle, filled and/or stroked.
    Circle {
        /// Centre.
        center: Pos2,
        /// Radius.
        radius: f32,
        /// Fill.
        fill: Option<Color32>,
        /// Ring.
        stroke: Option<Stroke>,
    },
    /// A straight line, dashed when `dash` is given (dash, gap).
    Line {
        /// Start.
        from: Pos2,
        /// End.
        to: Pos2,
        /// Line.
        stroke: Stroke,
        /// Dash and gap lengths.
        dash: Option<(f32, f32)>,
    },
    /// A hollow diamond (where a disputed alternative date falls).
    Diamond {
        /// Centre.
        center: Pos2,
        /// Half its diagonal.
        half: f32,
        /// Line.
        stroke: Stroke,
    },
    /// A filled polygon with holes, outlined: a country on the locator map. `points`
    /// holds the rings one after another, `ring_ends` where each ends (the outer ring
    /// first); `triangles` cut it for back ends that fill only triangles (three indices
    /// into `points` each); the others fill the rings even-odd.
    Polygon {
        /// The rings' points.
        points: Vec<Pos2>,
        /// Where each ring ends in `points` (exclusive).
        ring_ends: Vec<u32>,
        /// Triangles over `points`.
        triangles: std::borrow::Cow<'static, [u32]>,
        /// Fill.
        fill: Color32,
        /// The outline of every ring.
        stroke: Stroke,
    },
    /// Text.
    Text(TextRun),
}

/// The rings of a [`Shape::Polygon`]'s points, outer first (each at least a point).
pub fn polygon_rings<'a>(
    points: &'a [Pos2],
    ring_ends: &'a [u32],
) -> impl Iterator<Item = &'a [Pos2]> {
    let mut start = 0usize;
    ring_ends.iter().filter_map(move |&end| {
        let ring = points.get(start..end as usize).filter(|r| !r.is_empty());
        start = end as usize;
        ring
    })
}

/// A run of shapes that stand for one thing, clipped to one rectangle.
#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    /// The layer.
    pub layer: Layer,
    /// What it stands for.
    pub target: Target,
    /// Nothing of it is drawn outside this.
    pub clip: Rect,
    /// Its shapes in [`Scene::shapes`].
    pub shapes: Range<usize>,
    /// A class for back ends that mark groups up (`point`, `bar`, `cluster`, `label`, `era`).
    pub class: &'static str,
}

/// How a hit area is outlined when hovered or selected.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Outline {
    /// A ring around a dot.
    Circle {
        /// Centre.
        center: Pos2,
        /// Radius of the dot.
        radius: f32,
    },
    /// A frame around a bar or badge.
    Rect(Rect),
    /// Nothing (eras, lane names).
    None,
}

/// Where the pointer can reach something.
#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    /// The reactive rectangle (a mark together with its label).
    pub rect: Rect,
    /// What it reaches.
    pub target: Target,
    /// The outline drawn when it is hovered.
    pub outline: Outline,
    /// Whether it reacts to clicks (eras only show a tooltip).
    pub clickable: bool,
    /// Whether it holds the selected event.
    pub selected: bool,
}

/// A frame of the timeline as a display list.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scene {
    /// Every shape, in paint order.
    pub shapes: Vec<Shape>,
    /// Groups of consecutive shapes, in paint order.
    pub groups: Vec<Group>,
    /// Hit areas, later ones on top.
    pub hits: Vec<Hit>,
}

/// How events are emphasised.
#[derive(Clone, Copy, Default)]
pub struct SceneEmphasis<'a> {
    /// The selected event (ringed, highlighted label, a line down the lanes).
    pub selected: Option<EventIndex>,
    /// Whether an event matches the search or the person; `None` when nothing is
    /// sought (then nothing is dimmed).
    pub is_match: Option<&'a dyn Fn(EventIndex) -> bool>,
}

impl SceneEmphasis<'_> {
    /// Whether an event is dimmed (a search or person is active and it does not match).
    pub fn dimmed(&self, event: EventIndex) -> bool {
        self.is_match.is_some_and(|is_match| !is_match(event))
    }
}

/// Everything a scene is built from.
pub struct SceneInput<'a> {
    /// The document.
    pub document: &'a Document,
    /// The events that pass the filters.
    pub lanes: &'a LaneIndex,
    /// Where everything goes.
    pub frame: &'a FrameGeometry,
    /// Marks and labels.
    pub layout: &'a TimelineLayout,
    /// The whole widget (lane names included).
    pub rect: Rect,
    /// The look.
    pub style: &'a TimelineStyle,
    /// Selection and dimming.
    pub emphasis: SceneEmphasis<'a>,
    /// Text widths.
    pub measure: Measure<'a>,
}

/// Alpha of a dimmed mark's colour (times its own).
pub const DIMMED_MARK: f32 = 0.18;
/// Alpha of a dimmed label's colour.
pub const DIMMED_LABEL: f32 = 0.3;
/// Era bands: fill alpha of the band, and of the wash down the lanes (blended into the
/// background: [`crate::view::backdrop`]).
pub const ERA_BAND_ALPHA: u8 = 235;
/// See [`ERA_BAND_ALPHA`].
pub const ERA_WASH_ALPHA: u8 = 34;
/// Era names are this much smaller than labels.
pub const ERA_NAME_SCALE: f32 = 0.95;
/// Bars narrower than this are solid slivers (too short to show a fade).
pub const SLIVER: f32 = 12.0;
/// How much of the mark colour a point's uncertainty band, a bar and a sliver carry.
pub const BAND_ALPHA: f32 = 0.45;
/// See [`BAND_ALPHA`].
pub const BAR_ALPHA: f32 = 0.55;
/// See [`BAND_ALPHA`].
pub const SLIVER_ALPHA: f32 = 0.8;
/// A cluster badge's colour alpha.
pub const CLUSTER_ALPHA: f32 = 0.85;
/// A cluster's count, relative to the badge height.
pub const COUNT_SCALE: f32 = 0.72;
/// The smallest type a badge's count is set in; a smaller badge shows no number.
pub const MIN_COUNT_SIZE: f32 = 4.0;
/// How far below a text run's centre line its baseline lies, in ems: the letters from
/// the top of the tallest (`l`, `f`, `K`: [`ASCENDER`]) to the bottom of a descender
/// ([`DESCENDER`]) are centred on the line, so a label centred in a bar keeps its
/// letters inside the bar and off its outline. Every back end sets text on this
/// baseline. (egui's own centring of the line box sat letters 0.06 em low, and at two
/// pixels per point descenders ran through bar outlines.)
pub const CENTRE_TO_BASELINE: f32 = (ASCENDER - DESCENDER) / 2.0;
/// How far the tallest letters reach above the baseline, in ems (egui's default font,
/// measured: `l` 0.78, `H` 0.69; Hangul 0.79).
pub const ASCENDER: f32 = 0.78;
/// How far a descender reaches below the baseline, in ems (measured: `p` 0.19).
pub const DESCENDER: f32 = 0.19;
/// The selection line's alpha.
pub const SELECTION_LINE_ALPHA: f32 = 0.35;
/// The ends of a fading band: this much of its colour (it fades to nothing, so an
/// uncertain margin never reads as extent).
pub const FADE_END: f32 = 0.0;
/// An uncertain margin of a bar starts this much lighter than its solid part: a visible
/// step where the sure part ends.
pub const MARGIN_ALPHA: f32 = 0.45;

/// Where a faded band is solid, within its rect: `solid` kept inside (never panicking,
/// even for an inverted or NaN rect), or only the centre when there is no solid part.
/// Both back ends draw tapered bands from this.
pub fn solid_span(rect: Rect, solid: Option<(f32, f32)>) -> (f32, f32) {
    let inside = |x: f32| x.max(rect.left()).min(rect.right());
    solid.map_or_else(
        || {
            let middle = rect.center().x;
            (middle, middle)
        },
        |(a, b)| (inside(a), inside(b)),
    )
}
/// The plate under a highlighted label: this much of the background colour.
pub const PLATE_ALPHA: f32 = 0.92;

impl Scene {
    /// Builds the scene of one frame.
    pub fn build(input: &SceneInput<'_>) -> Self {
        // Room for what the lanes add at once (a mark is a few shapes, a label one),
        // rather than regrowing the lists a thousand marks at a time.
        let (marks, labels) = (input.layout.marks.len(), input.layout.labels.len());
        let fixed = input.document.timeline.eras.len().min(64) + input.frame.lanes.len() + 8;
        let scene = Self {
            shapes: Vec::with_capacity(3 * marks + labels + 4 * fixed + 64),
            groups: Vec::with_capacity(marks + labels + 2 * fixed),
            hits: Vec::with_capacity(marks + fixed),
        };
        let mut builder = Builder {
            input,
            scene,
            scratch: Vec::new(),
        };
        builder.background();
        builder.eras();
        builder.era_fold();
        builder.stripes();
        builder.axis();
        builder.lane_names();
        builder.selection_line();
        builder.lanes();
        builder.scene
    }

    /// The shapes of a group.
    pub fn shapes_of(&self, group: &Group) -> &[Shape] {
        self.shapes.get(group.shapes.clone()).unwrap_or(&[])
    }

    /// Every text run, with its group.
    pub fn texts(&self) -> impl Iterator<Item = (&Group, &TextRun)> {
        self.groups.iter().flat_map(move |group| {
            self.shapes_of(group)
                .iter()
                .filter_map(move |shape| match shape {
                    Shape::Text(run) => Some((group, run)),
                    _ => None,
                })
        })
    }

    /// The labels drawn: event and text, for every label whose box lies in its clip.
    pub fn labels(&self) -> impl Iterator<Item = (EventIndex, &TextRun)> {
        self.texts().filter_map(|(group, run)| match run.role {
            TextRole::Label(event) if group.clip.intersects(run.rect) => Some((event, run)),
            _ => None,
        })
    }

    /// The hit area on top at `pointer`.
    pub fn hit_at(&self, pointer: Pos2) -> Option<&Hit> {
        self.hits
            .iter()
            .rev()
            .find(|hit| hit.rect.contains(pointer))
    }

    /// Appends `other`, painted after (and hit on top of) this scene.
    pub fn append(&mut self, other: Self) {
        let shift = self.shapes.len();
        self.shapes.extend(other.shapes);
        self.groups
            .extend(other.groups.into_iter().map(|mut group| {
                group.shapes = group.shapes.start + shift..group.shapes.end + shift;
                group
            }));
        self.hits.extend(other.hits);
    }

    /// Appends a group of `shapes`.
    pub fn push_group(
        &mut self,
        (layer, target, class): (Layer, Target, &'static str),
        clip: Rect,
        shapes: impl IntoIterator<Item = Shape>,
    ) {
        let start = self.shapes.len();
        self.shapes.extend(shapes);
        let end = self.shapes.len();
        self.groups.push(Group {
            layer,
            target,
            clip,
            shapes: start..end,
            class,
        });
    }
}

/// `text` as it fits into `width` at `size`: whole, or cut at a character boundary with
/// an ellipsis; `None` when not even the first letter and the ellipsis fit. Returns the
/// text and its width.
pub fn fit_text(text: &str, size: f32, width: f32, measure: Measure<'_>) -> Option<(String, f32)> {
    let full = measure(text, size);
    if full <= width {
        return Some((text.to_owned(), full));
    }
    // Binary search over character counts: the longest prefix that fits with the ellipsis.
    let boundaries: Vec<usize> = text.char_indices().map(|(i, _)| i).skip(1).collect();
    let cut = |n: usize| -> String {
        let end = boundaries.get(n.wrapping_sub(1)).copied().unwrap_or(0);
        let mut out = text.get(..end).unwrap_or("").trim_end().to_owned();
        out.push(ELLIPSIS);
        out
    };
    let (mut low, mut high) = (1usize, boundaries.len());
    let mut best = None;
    while low <= high {
        let middle = low + (high - low) / 2;
        let candidate = cut(middle);
        let w = measure(&candidate, size);
        if w <= width {
            best = Some((candidate, w));
            low = middle + 1;
        } else {
            high = middle - 1;
        }
    }
    best
}

/// A label's text as it fits into `width` at `size` (see [`label_text`]): whole when the
/// layout gave it room for that (it caps a label's width at
/// [`crate::view::layout::MAX_LABEL_EMS`]), else cut with an ellipsis. Returns the text
/// and its width.
pub fn fit_label(
    record: &EventRecord,
    short: bool,
    (size, width): (f32, f32),
    measure: Measure<'_>,
) -> (String, f32) {
    let whole = label_text(record, short);
    // No letter is narrower than this: a text with more letters than fit cannot be whole,
    // and is not measured whole (a title may be 10,000 characters long).
    let narrowest = crate::view::layout::NARROWEST_GLYPH * size;
    let most_letters = (width / narrowest.max(f32::MIN_POSITIVE)).max(0.0).ceil() as usize;
    if whole.chars().count() <= most_letters {
        let measured = measure(&whole, size);
        if measured <= width + 0.5 {
            return (whole, measured);
        }
    }
    let head: String = whole.chars().take(most_letters + 1).collect();
    fit_text(&head, size, width, measure)
        .filter(|(text, _)| head.len() == whole.len() || text.ends_with(ELLIPSIS))
        .unwrap_or_else(|| {
            let ellipsis = ELLIPSIS.to_string();
            let width = measure(&ellipsis, size);
            (ellipsis, width)
        })
}

/// The text of the "+N more eras" row (also its accessible name).
fn era_fold_text(count: usize) -> String {
    format!("+{count} more eras here (zoom in to see them)")
}

/// A text run at `left`, centred on `centre_y`, as wide as it measures.
fn run(
    (left, centre_y): (f32, f32),
    (text, width): (String, f32),
    size: f32,
    colour: Color32,
    role: TextRole,
) -> TextRun {
    TextRun {
        rect: Rect::from_min_max(
            pos2(left, centre_y - size / 2.0),
            pos2(left + width, centre_y + size / 2.0),
        ),
        text,
        size,
        bold: false,
        colour,
        plate: None,
        role,
    }
}

/// Each labelled event's label rectangle, found by binary search (a frame asks for
/// every mark's).
struct LabelRects(Vec<(EventIndex, Rect)>);

impl LabelRects {
    fn new(labels: &[crate::view::layout::Label]) -> Self {
        let mut rects: Vec<(EventIndex, Rect)> = labels.iter().map(|l| (l.event, l.rect)).collect();
        // Stable: of two labels of one event (there are none), the later wins.
        rects.sort_by_key(|&(event, _)| event);
        Self(rects)
    }

    fn get(&self, event: &EventIndex) -> Option<&Rect> {
        let after = self.0.partition_point(|(e, _)| e <= event);
        after
            .checked_sub(1)
            .and_then(|last| self.0.get(last))
            .filter(|(e, _)| e == event)
            .map(|(_, rect)| rect)
    }
}

struct Builder<'a, 'b> {
    input: &'b SceneInput<'a>,
    scene: Scene,
    /// One mark's shapes while they are made, kept for the next mark (a thousand marks
    /// a frame would otherwise each allocate a list).
    scratch: Vec<Shape>,
}

/// Room kept between the selection line and a label it passes.
const LINE_CLEARANCE: f32 = 2.0;

/// The parts of the vertical line at `x` from `top` to `bottom` that pass no text box:
/// the line stops short of every label it would cross, so no line strikes through text.
pub fn line_gaps(
    x: f32,
    (top, bottom): (f32, f32),
    texts: impl Iterator<Item = Rect>,
) -> Vec<(f32, f32)> {
    let mut blocked: Vec<(f32, f32)> = texts
        .map(|rect| rect.expand(LINE_CLEARANCE))
        .filter(|rect| rect.x_range().contains(x))
        .map(|rect| (rect.top(), rect.bottom()))
        .collect();
    blocked.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut segments = Vec::new();
    let mut from = top;
    for (a, b) in blocked {
        if a > from {
            segments.push((from, a.min(bottom)));
        }
        from = from.max(b);
        if from >= bottom {
            break;
        }
    }
    if from < bottom {
        segments.push((from, bottom));
    }
    segments.retain(|(a, b)| b > a);
    segments
}

impl Builder<'_, '_> {
    fn style(&self) -> &TimelineStyle {
        self.input.style
    }

    /// The background, with each era's faint wash down the lanes (so the era is
    /// visible everywhere) blended into it: opaque pieces, one layer of pixels
    /// ([`crate::view::backdrop`]).
    fn background(&mut self) {
        let rect = self.input.rect;
        let style = *self.style();
        let eras = &self.input.document.timeline.eras;
        let washes: Vec<(Rect, Color32)> = self
            .era_bands()
            .into_iter()
            .filter_map(|(index, band)| {
                let era = eras.get(index)?;
                Some((
                    Rect::from_min_max(
                        pos2(band.left(), band.bottom()),
                        pos2(band.right(), rect.bottom()),
                    ),
                    style.era_fill(era.colour, ERA_WASH_ALPHA),
                ))
            })
            .collect();
        let pieces = washed_background(rect, style.background, &washes);
        self.scene.push_group(
            (Layer::Background, Target::Nothing, "background"),
            rect,
            pieces.into_iter().map(|(rect, fill)| Shape::Rect {
                rect,
                radius: 0.0,
                fill,
            }),
        );
    }

    /// Every era drawn (index) and its band in the era strip: its row, across the part
    /// of its time in view.
    fn era_bands(&self) -> Vec<(usize, Rect)> {
        let input = self.input;
        let style = self.style();
        let frame = input.frame;
        let area = frame.area;
        let eras = input.document.timeline.eras.iter();
        eras.zip(&input.document.era_rows)
            .enumerate()
            .filter_map(|(index, (era, &row))| {
                let (from, to) = era.when.interval();
                let (x0, x1) = (
                    frame.mapping.x(from).max(area.left()),
                    frame.mapping.x(to).min(area.right()),
                );
                let row = frame.era_row_of.get(row).copied().flatten()?;
                (x0 < x1).then(|| {
                    let band = Rect::from_min_max(
                        pos2(x0, frame.era_top + style.era_row * row as f32),
                        pos2(x1, frame.era_top + style.era_row * (row + 1) as f32),
                    );
                    (index, band)
                })
            })
            .collect()
    }

    fn eras(&mut self) {
        let input = self.input;
        let style = *self.style();
        let area = input.frame.area;
        let size = style.label_size * ERA_NAME_SCALE;
        for (index, band) in self.era_bands() {
            let Some(era) = input.document.timeline.eras.get(index) else {
                continue;
            };
            // (The era's wash down the lanes is part of the background.)
            let mut shapes = vec![Shape::Rect {
                rect: band.shrink2(vec2(0.5, 1.0)),
                radius: 2.0,
                fill: style.era_fill(era.colour, ERA_BAND_ALPHA),
            }];
            // The whole name, else the short one, else the name cut with an ellipsis.
            // A name no wider than a label may be: a long one ends in an ellipsis
            // rather than running the width of a long era.
            let room = (band.width() - 2.0 * ERA_TEXT_PAD)
                .min(crate::view::layout::MAX_LABEL_EMS * style.metrics.label_height);
            let whole = |text: &str| {
                let width = (input.measure)(text, size);
                (width <= room).then(|| (text.to_owned(), width))
            };
            let short = era.record.short_name.as_deref();
            let fitted = whole(&era.record.name)
                .or_else(|| short.and_then(whole))
                .or_else(|| fit_text(short.unwrap_or(&era.record.name), size, room, input.measure));
            if let Some(fitted) = fitted {
                shapes.push(Shape::Text(run(
                    (band.left() + ERA_TEXT_PAD, band.center().y),
                    fitted,
                    size,
                    style.text,
                    TextRole::EraName(index),
                )));
            }
            self.scene
                .push_group((Layer::Eras, Target::Era(index), "era"), area, shapes);
            self.scene.hits.push(Hit {
                rect: band,
                target: Target::Era(index),
                outline: Outline::None,
                clickable: false,
                selected: false,
            });
        }
    }

    /// The "+N more eras" row, when more era rows are in view than the strip holds.
    fn era_fold(&mut self) {
        let input = self.input;
        let style = *self.style();
        let frame = input.frame;
        let Some((row, count)) = frame.era_fold else {
            return;
        };
        let area = frame.area;
        let size = style.label_size * ERA_NAME_SCALE;
        let band = Rect::from_min_max(
            pos2(area.left(), frame.era_top + style.era_row * row as f32),
            pos2(
                area.right(),
                frame.era_top + style.era_row * (row + 1) as f32,
            ),
        );
        let text = era_fold_text(count);
        let room = band.width() - 2.0 * ERA_TEXT_PAD;
        if let Some(fitted) = fit_text(&text, size, room, input.measure) {
            let shapes = [Shape::Text(run(
                (band.left() + ERA_TEXT_PAD, band.center().y),
                fitted,
                size,
                style.text,
                TextRole::EraFold,
            ))];
            self.scene.push_group(
                (Layer::Eras, Target::EraFold(count), "era-fold"),
                area,
                shapes,
            );
        }
        self.scene.hits.push(Hit {
            rect: band,
            target: Target::EraFold(count),
            outline: Outline::None,
            clickable: false,
            selected: false,
        });
    }

    fn stripes(&mut self) {
        let rect = self.input.rect;
        let fill = self.style().lane_stripe;
        let shapes: Vec<Shape> = self
            .input
            .frame
            .lanes
            .iter()
            .skip(1)
            .step_by(2)
            .map(|lane| Shape::Rect {
                rect: Rect::from_x_y_ranges(rect.x_range(), lane.rect.y_range()),
                radius: 0.0,
                fill,
            })
            .collect();
        self.scene
            .push_group((Layer::Stripes, Target::Nothing, "stripes"), rect, shapes);
    }

    fn axis(&mut self) {
        let input = self.input;
        let style = *self.style();
        let frame = input.frame;
        let area = frame.area;
        let top = frame.axis_top;
        let axis_bottom = top + style.axis_height;
        let bottom = input.rect.bottom();
        let size = style.label_size;
        let measure = |text: &str| (input.measure)(text, size);
        let mut axis = TimeAxis::new(&frame.mapping, &measure);
        let context_width = axis.context.as_deref().map_or(0.0, measure);
        axis.make_room_for_context(area.left(), context_width);
        let grid = Stroke::new(style.line_width, style.grid);
        let mut shapes = vec![Shape::Line {
            from: pos2(area.left(), axis_bottom),
            to: pos2(area.right(), axis_bottom),
            stroke: grid,
            dash: None,
        }];
        for tick in &axis.minor {
            shapes.push(Shape::Line {
                from: pos2(tick.x, axis_bottom - style.axis_height * 0.25),
                to: pos2(tick.x, axis_bottom),
                stroke: Stroke::new(style.line_width * 0.7, style.grid),
                dash: None,
            });
        }
        let label_y = top + 2.0 + size / 2.0;
        for tick in &axis.major {
            shapes.push(Shape::Line {
                from: pos2(tick.x, top),
                to: pos2(tick.x, axis_bottom),
                stroke: grid,
                dash: None,
            });
            shapes.push(Shape::Line {
                from: pos2(tick.x, axis_bottom),
                to: pos2(tick.x, bottom),
                stroke: Stroke::new(style.line_width, style.grid_minor),
                dash: None,
            });
            if let Some(label) = &tick.label {
                let width = measure(label);
                shapes.push(Shape::Text(run(
                    (tick.x + LABEL_OFFSET, label_y),
                    (label.clone(), width),
                    size,
                    style.text,
                    TextRole::Tick,
                )));
            }
        }
        if let Some(context) = &axis.context {
            shapes.push(Shape::Rect {
                rect: Rect::from_min_size(
                    pos2(area.left(), top + 1.0),
                    vec2(context_width + 2.0 * LABEL_OFFSET, size + 3.0),
                ),
                radius: 2.0,
                fill: style.background,
            });
            shapes.push(Shape::Text(run(
                (area.left() + LABEL_OFFSET, label_y),
                (context.clone(), context_width),
                size,
                style.weak_text,
                TextRole::Context,
            )));
        }
        self.scene
            .push_group((Layer::Axis, Target::Nothing, "axis"), area, shapes);
    }

    fn lane_names(&mut self) {
        let input = self.input;
        let style = *self.style();
        let left = input.rect.left();
        let names_width = input.frame.area.left() - left;
        let size = style.label_size;
        for lane in &input.frame.lanes {
            let Some(category) = input.document.timeline.categories.get(lane.category) else {
                continue;
            };
            let swatch = Rect::from_center_size(
                pos2(left + 10.0, lane.point_y),
                vec2(8.0, 8.0) * (style.label_size / 12.5),
            );
            let text_left = swatch.right() + 6.0;
            let room = left + names_width - NAME_GAP - text_left;
            let mut shapes = vec![Shape::Rect {
                rect: swatch,
                radius: 2.0,
                fill: style.category_colour(category.colour),
            }];
            if let Some(fitted) = fit_text(&category.record.name, size, room, input.measure) {
                shapes.push(Shape::Text(run(
                    (text_left, lane.point_y),
                    fitted,
                    size,
                    style.text,
                    TextRole::LaneName(lane.category),
                )));
            }
            let clip = Rect::from_min_max(
                pos2(left, lane.rect.top()),
                pos2(left + names_width - NAME_GAP, lane.rect.bottom()),
            );
            self.scene.push_group(
                (Layer::Names, Target::LaneName(lane.category), "name"),
                clip,
                shapes,
            );
            self.scene.hits.push(Hit {
                rect: Rect::from_min_max(
                    pos2(left, lane.rect.top()),
                    pos2(
                        left + names_width - NAME_GAP,
                        lane.rect.top() + style.metrics.point_row,
                    ),
                ),
                target: Target::LaneName(lane.category),
                outline: Outline::None,
                clickable: true,
                selected: false,
            });
        }
    }

    fn selection_line(&mut self) {
        let input = self.input;
        let style = *self.style();
        let frame = input.frame;
        let Some(selected) = input
            .emphasis
            .selected
            .and_then(|s| input.document.timeline.events.get(s))
        else {
            return;
        };
        let x = frame.mapping.x(selected.when.anchor());
        if frame.area.x_range().contains(x) {
            let stroke = Stroke::new(
                style.line_width,
                style.highlight.gamma_multiply(SELECTION_LINE_ALPHA),
            );
            let segments = line_gaps(
                x,
                (frame.lanes_top, input.rect.bottom()),
                input.layout.labels.iter().map(|label| label.rect),
            );
            self.scene.push_group(
                (Layer::Selection, Target::Nothing, "selection-line"),
                input.rect,
                segments.into_iter().map(|(top, bottom)| Shape::Line {
                    from: pos2(x, top),
                    to: pos2(x, bottom),
                    stroke,
                    dash: None,
                }),
            );
        }
    }

    /// The colour of an event's marks, dimmed when it does not match.
    fn colour_of(&self, event: EventIndex) -> Color32 {
        let timeline = &self.input.document.timeline;
        let style = self.style();
        let colour = timeline
            .events
            .get(event)
            .and_then(|e| timeline.categories.get(e.category))
            .map_or(style.grid, |c| style.category_colour(c.colour));
        if self.input.emphasis.dimmed(event) {
            colour.gamma_multiply(DIMMED_MARK)
        } else {
            colour
        }
    }

    /// Each lane: its marks, then its labels.
    fn lanes(&mut self) {
        let input = self.input;
        let frame = input.frame;
        let clip = Rect::from_min_max(pos2(frame.area.left(), frame.lanes_top), input.rect.max);
        let layout = input.layout;
        let timeline = &input.document.timeline;
        let lane_of = |mark: &Mark| match mark {
            Mark::Point { event, .. } | Mark::Bar { event, .. } => timeline
                .events
                .get(*event)
                .map_or(usize::MAX, |e| e.category),
            Mark::Cluster { lane, .. } => *lane,
        };
        let label_of = LabelRects::new(&layout.labels);
        // Marks and labels are laid out lane by lane, so each lane's are one run.
        let mut marks = layout.marks.as_slice();
        let mut labels = layout.labels.as_slice();
        for lane in &frame.lanes {
            let count = marks
                .iter()
                .take_while(|m| lane_of(m) == lane.category)
                .count();
            let (mine, rest) = marks.split_at(count);
            marks = rest;
            let count = labels
                .iter()
                .take_while(|l| {
                    timeline
                        .events
                        .get(l.event)
                        .is_some_and(|e| e.category == lane.category)
                })
                .count();
            let (my_labels, rest) = labels.split_at(count);
            labels = rest;
            // An empty group names the lane even when nothing of it is in view.
            self.scene.push_group(
                (Layer::Lane(lane.category), Target::Nothing, "lane"),
                clip,
                [],
            );
            for mark in mine {
                self.mark(mark, (clip, lane.category), &label_of, my_labels);
            }
            for label in my_labels {
                self.label(label, clip, lane.category);
            }
        }
    }

    /// A mark of the lane `lane` (clipped to `clip`), whose labels are `lane_labels`
    /// (a lane's labels stay inside it: only they can meet its marks).
    fn mark(
        &mut self,
        mark: &Mark,
        (clip, lane): (Rect, usize),
        label_of: &LabelRects,
        lane_labels: &[crate::view::layout::Label],
    ) {
        let input = self.input;
        let style = *self.style();
        let timeline = &input.document.timeline;
        let lw = style.line_width;
        let mut target = Target::of_mark(mark);
        if let Target::Cluster {
            time_range: (from, to),
            zoomable,
            ..
        } = &mut target
        {
            // At the deepest zoom, its members would lie this far apart at most.
            let widest = (*to - *from).abs() * f64::from(input.frame.area.width())
                / input.document.limits.min_span.max(f64::MIN_POSITIVE);
            *zoomable = widest >= f64::from(style.metrics.cluster_distance());
        }
        let events = target.events(input.lanes);
        let Some(&first) = events.first() else {
            return;
        };
        let selected = input
            .emphasis
            .selected
            .is_some_and(|s| input.lanes.mark_contains(mark, s));
        let highlight = Stroke::new(style.metrics.outline, style.highlight);
        // A dimmed event's rings and outlines are dimmed with its fill.
        let dimmed = match mark {
            Mark::Point { event, .. } | Mark::Bar { event, .. } => input.emphasis.dimmed(*event),
            Mark::Cluster { .. } => false,
        };
        let disputed_colour = if dimmed {
            style.disputed.gamma_multiply(DIMMED_MARK)
        } else {
            style.disputed
        };
        let disputed = Stroke::new(lw, disputed_colour);
        let mut shapes = std::mem::take(&mut self.scratch);
        shapes.clear();
        let mut alternatives = Vec::new();
        let (class, outline) = match mark {
            Mark::Point {
                event,
                center,
                radius,
                uncertainty,
            } => {
                let colour = self.colour_of(*event);
                if let Some((u0, u1)) = uncertainty {
                    // A date known to the day fills the day: its band is solid with hard
                    // ends at midnight (not a moment at noon fading out); an uncertain
                    // date's band fades from the marker.
                    let whole_day = timeline
                        .events
                        .get(*event)
                        .is_some_and(|r| r.when.whole_day().is_some());
                    shapes.push(Shape::Band {
                        rect: Rect::from_min_max(
                            pos2(*u0, center.y - radius * 0.7),
                            pos2(*u1, center.y + radius * 0.7),
                        ),
                        colour: colour.gamma_multiply(BAND_ALPHA),
                        solid: whole_day.then_some((*u0, *u1)),
                    });
                }
                shapes.push(Shape::Circle {
                    center: *center,
                    radius: *radius,
                    fill: Some(colour),
                    stroke: Some(Stroke::new(lw, style.background)),
                });
                let record = timeline.events.get(*event);
                if record.is_some_and(|r| r.is_date_disputed()) {
                    shapes.push(Shape::Circle {
                        center: *center,
                        radius: radius + 2.5 * lw,
                        fill: None,
                        stroke: Some(Stroke::new(lw * 1.3, disputed_colour)),
                    });
                }
                if selected {
                    shapes.push(Shape::Circle {
                        center: *center,
                        radius: radius + 1.5,
                        fill: None,
                        stroke: Some(highlight),
                    });
                    // Where the disputed alternatives lie.
                    for alternative in record.map_or(&[][..], |r| &r.disputed_alternatives) {
                        let at = pos2(input.frame.mapping.x(alternative.midpoint()), center.y);
                        alternatives.push([
                            Shape::Line {
                                from: *center,
                                to: at,
                                stroke: disputed,
                                dash: Some((4.0, 3.0)),
                            },
                            Shape::Diamond {
                                center: at,
                                half: 5.0 * lw.max(1.0),
                                stroke: Stroke::new(lw * 1.5, style.disputed),
                            },
                        ]);
                    }
                }
                (
                    "point",
                    Outline::Circle {
                        center: *center,
                        radius: *radius,
                    },
                )
            }
            Mark::Bar { event, rect, solid } => {
                let colour = self.colour_of(*event);
                if rect.width() < SLIVER {
                    shapes.push(Shape::Rect {
                        rect: *rect,
                        radius: 0.0,
                        fill: colour.gamma_multiply(SLIVER_ALPHA),
                    });
                } else if let Some((s0, s1)) = solid.map(|s| solid_span(*rect, Some(s))) {
                    // The part where the event surely lies is solid with hard ends; the
                    // uncertain margins start a step lighter and fade to nothing, so
                    // they never read as more of its duration.
                    let bar = colour.gamma_multiply(BAR_ALPHA);
                    let margin = bar.gamma_multiply(MARGIN_ALPHA);
                    if s0 > rect.left() + 0.5 {
                        shapes.push(Shape::Band {
                            rect: Rect::from_x_y_ranges(rect.left()..=s0, rect.y_range()),
                            colour: margin,
                            solid: Some((s0, s0)),
                        });
                    }
                    shapes.push(Shape::Rect {
                        rect: Rect::from_x_y_ranges(s0..=s1, rect.y_range()),
                        radius: 0.0,
                        fill: bar,
                    });
                    if s1 < rect.right() - 0.5 {
                        shapes.push(Shape::Band {
                            rect: Rect::from_x_y_ranges(s1..=rect.right(), rect.y_range()),
                            colour: margin,
                            solid: Some((s1, s1)),
                        });
                    }
                } else {
                    shapes.push(Shape::Band {
                        rect: *rect,
                        colour: colour.gamma_multiply(BAR_ALPHA),
                        solid: None,
                    });
                }
                // Outlines enclose where the event surely lies, not its fading margins
                // (an outline to the margin's end reads as the event's extent), and the
                // bar's own label where it is written in the bar (no outline crosses it).
                let mut outlined = match *solid {
                    Some(s) if rect.width() >= SLIVER => {
                        let (s0, s1) = solid_span(*rect, Some(s));
                        if s1 - s0 >= 2.0 {
                            Rect::from_x_y_ranges(s0..=s1, rect.y_range())
                        } else {
                            *rect
                        }
                    }
                    _ => *rect,
                };
                if let Some(label) = label_of.get(event)
                    && label.top() < rect.bottom()
                    && label.bottom() > rect.top()
                {
                    // A little room round the letters, as round a label on a plate.
                    let pad = label.height() * 0.3;
                    let left = (label.left() - pad).max(rect.left());
                    let right = (label.right() + pad).min(rect.right());
                    if left < right {
                        outlined =
                            outlined.union(Rect::from_x_y_ranges(left..=right, rect.y_range()));
                    }
                }
                if timeline
                    .events
                    .get(*event)
                    .is_some_and(|r| r.is_date_disputed())
                {
                    shapes.push(Shape::Outline {
                        rect: outlined,
                        radius: 2.0,
                        stroke: disputed,
                        inside: false,
                    });
                }
                if selected {
                    shapes.push(Shape::Outline {
                        rect: outlined,
                        radius: 2.0,
                        stroke: highlight,
                        inside: false,
                    });
                }
                ("bar", Outline::Rect(*rect))
            }
            Mark::Cluster { rect, .. } => {
                // Emphasised when any of its events is (looking at a bounded number).
                let shown = events
                    .iter()
                    .take(2_000)
                    .find(|&&e| !input.emphasis.dimmed(e))
                    .copied()
                    .unwrap_or(first);
                let colour = self.colour_of(shown);
                let fill = colour.gamma_multiply(CLUSTER_ALPHA);
                shapes.push(Shape::Rect {
                    rect: *rect,
                    radius: rect.height() / 2.0,
                    fill,
                });
                shapes.push(Shape::Outline {
                    rect: *rect,
                    radius: rect.height() / 2.0,
                    stroke: Stroke::new(lw, style.background),
                    inside: true,
                });
                let count = compact_count(events.len());
                // No smaller than the smallest text elsewhere (the overview's years): a
                // count in a thin bar row is set as large as the labels in bars are...
                let natural = (rect.height() * COUNT_SCALE)
                    .max(style.label_size * crate::ui::theme::PROJECTOR_SMALLEST_TEXT);
                // ...as long as its figures (as tall as a capital, no descenders) fit
                // inside the badge: the layout widened the badge for them where its
                // neighbours left room, and where they did not the type gives way.
                let natural_width = (input.measure)(&count, natural).max(f32::MIN_POSITIVE);
                // Inside the badge's outline (a line width on each side), a point clear
                // of it above and below.
                let size = natural
                    .min(natural * (rect.width() - 2.0 * COUNT_PAD.max(lw)) / natural_width)
                    .min((rect.height() - 2.0 * lw - 2.0) / crate::ui::theme::CAP_HEIGHT);
                // A badge too small for legible figures (a timeline a few points high)
                // shows none rather than specks.
                if size.is_finite() && size >= MIN_COUNT_SIZE {
                    let width = (input.measure)(&count, size);
                    let text = run(
                        (rect.center().x - width / 2.0, rect.center().y),
                        (count, width),
                        size,
                        style.text_on(fill),
                        TextRole::Count,
                    );
                    // A label that had to reach over the badge (the selected event's) wins.
                    let under_label = lane_labels.iter().any(|l| l.rect.intersects(text.rect));
                    if width <= rect.width() && !under_label {
                        shapes.push(Shape::Text(text));
                    }
                }
                if selected {
                    shapes.push(Shape::Outline {
                        rect: *rect,
                        radius: 2.0,
                        stroke: highlight,
                        inside: false,
                    });
                }
                ("cluster", Outline::Rect(*rect))
            }
        };
        let hit = match &target {
            Target::Event(event) => label_of
                .get(event)
                .map_or(mark.hit_rect(), |l| l.union(mark.hit_rect())),
            // A cluster's label (its most important member, `+N`) is part of it.
            Target::Cluster { .. } => lane_labels
                .iter()
                .filter(|l| l.more > 0 && input.lanes.mark_contains(mark, l.event))
                .fold(mark.hit_rect(), |hit, l| hit.union(l.rect)),
            _ => mark.hit_rect(),
        };
        self.scene.hits.push(Hit {
            rect: hit,
            target: target.clone(),
            outline,
            clickable: true,
            selected,
        });
        self.scene
            .push_group((Layer::Lane(lane), target, class), clip, shapes.drain(..));
        self.scratch = shapes;
        for alternative in alternatives {
            self.scene.push_group(
                (Layer::Lane(lane), Target::Nothing, "disputed-alternative"),
                clip,
                alternative,
            );
        }
    }

    fn label(&mut self, label: &Label, clip: Rect, lane: usize) {
        let input = self.input;
        let style = *self.style();
        let (event, rect) = (label.event, label.rect);
        let Some(record) = input.document.timeline.events.get(event) else {
            return;
        };
        let size = style.label_size;
        let selected = input.emphasis.selected == Some(event);
        let mut colour = style.text;
        if input.emphasis.dimmed(event) {
            colour = colour.gamma_multiply(DIMMED_LABEL);
        }
        let mut text = run(
            (rect.left(), rect.center().y),
            fit_label(
                &record.record,
                label.short,
                (size, rect.width()),
                input.measure,
            ),
            size,
            colour,
            TextRole::Label(event),
        );
        if selected {
            text.colour = style.highlight;
            text.plate = Some(style.background.gamma_multiply(PLATE_ALPHA));
        }
        self.scene.push_group(
            (Layer::Lane(lane), Target::Event(event), "label"),
            clip,
            [Shape::Text(text)],
        );
    }
}

/// Padding of an era's name inside its band.
pub const ERA_TEXT_PAD: f32 = 4.0;
/// Room between a lane's name and the time area.
pub const NAME_GAP: f32 = 4.0;

/// `1234` → `1.2k`, short enough for a badge.
pub fn compact_count(count: usize) -> String {
    match count {
        0..=999 => count.to_string(),
        1_000..=9_999 => format!("{:.1}k", count as f64 / 1_000.0),
        10_000..=999_999 => format!("{}k", count / 1_000),
        _ => format!("{:.1}M", count as f64 / 1_000_000.0),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_selection_line_stops_short_of_the_texts_it_would_cross() {
        let texts = [
            egui::Rect::from_min_max(egui::pos2(90.0, 20.0), egui::pos2(150.0, 35.0)),
            // Not on the line's x: ignored.
            egui::Rect::from_min_max(egui::pos2(200.0, 50.0), egui::pos2(260.0, 65.0)),
            egui::Rect::from_min_max(egui::pos2(60.0, 80.0), egui::pos2(120.0, 95.0)),
        ];
        let segments = super::line_gaps(100.0, (0.0, 120.0), texts.into_iter());
        assert_eq!(segments, vec![(0.0, 18.0), (37.0, 78.0), (97.0, 120.0)]);
        // A text covering the whole line leaves nothing to draw.
        let all = [egui::Rect::from_min_max(
            egui::pos2(0.0, -5.0),
            egui::pos2(300.0, 130.0),
        )];
        assert!(super::line_gaps(100.0, (0.0, 120.0), all.into_iter()).is_empty());
    }

    use super::*;

    fn mono(text: &str, size: f32) -> f32 {
        text.chars().count() as f32 * size * 0.5
    }

    #[test]
    fn text_that_fits_is_kept_whole() {
        assert_eq!(
            fit_text("Korea", 10.0, 25.0, &mono),
            Some(("Korea".to_owned(), 25.0))
        );
    }

    #[test]
    fn text_that_does_not_fit_ends_in_an_ellipsis_at_a_letter_boundary() {
        let (text, width) = fit_text("Anti-Japanese guerrilla struggle", 10.0, 60.0, &mono)
            .expect("something fits");
        assert!(text.ends_with(ELLIPSIS), "{text}");
        assert!(width <= 60.0);
        assert_eq!(text, "Anti-Japane…");
        // Hangul is cut between syllables, never inside one.
        let (text, _) = fit_text("조선로동당 중앙위원회", 10.0, 30.0, &mono).expect("fits");
        assert_eq!(text, "조선로동당…");
        assert_eq!(fit_text("Korea", 10.0, 4.0, &mono), None);
    }

    #[test]
    fn counts_are_compact() {
        assert_eq!(compact_count(12), "12");
        assert_eq!(compact_count(1_234), "1.2k");
        assert_eq!(compact_count(123_456), "123k");
        assert_eq!(compact_count(2_500_000), "2.5M");
    }
}
