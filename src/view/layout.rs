//! Where everything goes on the timeline for one frame: lanes and their rows,
//! point markers, period bars, cluster badges and labels — computed from the
//! timeline, the view and the lane geometry, without any egui `Ui`.
//!
//! Work per frame is proportional to what fits on screen, not to the number of
//! events: events are sorted into rows once per load, and each frame walks a row
//! by binary search, jumping over everything too dense to draw one by one into a
//! cluster that stands for a contiguous range of the row.
//!
//! The guarantees, tested below: every visible event lands in exactly one mark
//! (a point, a bar or a cluster); marks in a row never overlap; labels never
//! overlap each other or a mark; the more important events keep their labels.

use std::ops::Range;

use egui::{Pos2, Rect, pos2};

use super::scene::{ASCENDER, DESCENDER};
use super::transform::ScreenMapping;
use crate::model::date::Days;
use crate::model::timeline::{EventIndex, Timeline};

/// Most bar rows a lane gets on the desktop; further overlapping periods are drawn as points.
pub const MAX_BAR_ROWS: usize = 4;
/// Most bar rows a lane gets on a projector, where rows must be tall enough for large type.
pub const PROJECTOR_BAR_ROWS: usize = 2;
/// A bar narrower than this on screen may merge with its neighbours into a cluster; a
/// period any wider is drawn as a bar, never hidden in a badge.
pub const MIN_BAR_WIDTH: f32 = 4.0;
/// Bars in a row closer than this merge into a cluster when they are narrow.
const BAR_GAP: f32 = 6.0;
/// A narrow bar standing alone is drawn at least this wide.
const MIN_DRAWN_BAR: f32 = 4.0;
/// An event whose extent (uncertainty included) is longer than this, in days, is drawn as a
/// bar in a bar row; shorter ones are points whose extent shows as a band when zoomed in.
const WIDE_DATE_DAYS: Days = 45.0;
/// Space between a marker and its label.
const LABEL_PAD: f32 = 4.0;
/// Room kept free on either side of a point label, so that two labels never run
/// together (`…Victors")2nd Party…`).
const LABEL_SPACE: f32 = 5.0;
/// A point's uncertainty band wider than this (pixels) may have labels drawn over it;
/// a narrower one keeps labels clear of it.
const LABEL_OVER_BAND: f32 = 160.0;
/// A label that does not start at its own mark (one left of its mark, or one on a line
/// that starts under or ends under its mark) must start at least this many label heights
/// after whatever precedes it on its line (another mark; for a label left of its mark,
/// another label too); nearer, it would sit just after the preceding mark and read as
/// that mark's label (seen: "Sino-Soviet split", right-aligned under the end of its bar,
/// just after the dot of Kosygin's visit). Two label heights is more than the gap
/// between a mark and its own label (`LABEL_PAD`) by an order of magnitude, so which mark
/// a label belongs to is never in doubt. The lane's edge needs no such gap.
pub const LEFT_LABEL_CLEARANCE: f32 = 2.0;
/// A bar row at least this share of the label line holds a label (the text itself is
/// about 0.83 of the line); in a thinner row bar labels move to the lane's label lines.
const BAR_LABEL_FILL: f32 = 0.85;
/// A cluster's most important member is looked for among at most this many members (the
/// first ones), so a badge for a million events costs no more than one for a thousand.
pub const CLUSTER_SCAN: usize = 256;
/// No label is wider than this many label heights (about 70 letters, more than any title
/// of the shipped dataset needs): a longer title (a 10,000-character one) is cut with an
/// ellipsis rather than run across the lanes. The lane's width caps it too.
pub const MAX_LABEL_EMS: f32 = 36.0;
/// The selected event's label, when no side of its marker has room for it whole, is cut
/// (with an ellipsis) to the roomier side if that holds at least this many label
/// heights, rather than drawn over its own marker.
const MIN_CUT_LABEL_EMS: f32 = 4.0;
/// No character of a label is narrower than this fraction of the label height (a full
/// stop in the interface font is about a quarter of it).
pub const NARROWEST_GLYPH: f32 = 0.15;

/// Which row of a lane something is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Row {
    /// The row of point markers.
    Points,
    /// A row of bars, counted from the top.
    Bars(usize),
}

/// Where an event sits in the lane index.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Slot {
    lane: usize,
    row: Row,
    position: usize,
}

/// One row of events sorted by time, with the times needed for binary search.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RowEvents {
    /// The events, by start (bars) or anchor (points).
    pub events: Vec<EventIndex>,
    /// Start of each event's drawn extent (anchor for points).
    starts: Vec<Days>,
    /// End of each event's drawn extent (anchor for points); sorted too, as bars in a row do not overlap.
    ends: Vec<Days>,
}

impl RowEvents {
    fn push(&mut self, event: EventIndex, start: Days, end: Days) {
        self.events.push(event);
        self.starts.push(start);
        self.ends.push(end);
    }
}

/// The events of one lane, arranged once per load.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LaneEvents {
    /// Events drawn as points, by anchor.
    pub points: RowEvents,
    /// Periods and wide dates, in rows of non-overlapping bars.
    pub bar_rows: Vec<RowEvents>,
}

impl LaneEvents {
    /// The events of a row.
    pub fn row(&self, row: Row) -> Option<&RowEvents> {
        match row {
            Row::Points => Some(&self.points),
            Row::Bars(index) => self.bar_rows.get(index),
        }
    }
}

/// Every lane's events, built once per load (and again when the filters change).
#[derive(Clone, Debug, Default)]
pub struct LaneIndex {
    /// One per category, in category order.
    pub lanes: Vec<LaneEvents>,
    /// Where each event is; `None` for events filtered out.
    slots: Vec<Option<Slot>>,
    /// Different for every index built in this process, so a layout computed from one
    /// index can be told from a layout of another (see [`Self::build_id`]).
    build_id: u64,
}

/// Indexes are equal when they hold the same events in the same places, whenever built.
impl PartialEq for LaneIndex {
    fn eq(&self, other: &Self) -> bool {
        self.lanes == other.lanes && self.slots == other.slots
    }
}

impl LaneIndex {
    /// Sorts every event into its lane and row.
    pub fn new(timeline: &Timeline) -> Self {
        Self::filtered(timeline, &|_| true, MAX_BAR_ROWS)
    }

    /// Sorts the events that pass `keep` into lanes and rows: periods and wide dates
    /// into the first bar row where they fit, everything else into the point row.
    pub fn filtered(
        timeline: &Timeline,
        keep: &dyn Fn(EventIndex) -> bool,
        max_bar_rows: usize,
    ) -> Self {
        Self::filtered_preferring(timeline, keep, max_bar_rows, &|_| false)
    }

    /// As [`LaneIndex::filtered`], but the periods `prefer` picks take their bar rows
    /// first (in time order), and the others fit around them: with few bar rows (the
    /// projector), a preferred period is drawn as a bar over its extent rather than left
    /// to the point row as a dot on its start, as long as no more preferred periods than
    /// there are rows overlap.
    pub fn filtered_preferring(
        timeline: &Timeline,
        keep: &dyn Fn(EventIndex) -> bool,
        max_bar_rows: usize,
        prefer: &dyn Fn(EventIndex) -> bool,
    ) -> Self {
        let mut lanes = vec![LaneEvents::default(); timeline.categories.len()];
        let mut slots = vec![None; timeline.events.len()];
        let mut overflow: Vec<Vec<(Days, EventIndex)>> = vec![Vec::new(); lanes.len()];
        // The preferred periods' rows, chosen first: per lane and row, the intervals
        // reserved (sorted by start, disjoint), and each preferred period's row.
        let mut reserved: Vec<Vec<Vec<(Days, Days)>>> = vec![Vec::new(); lanes.len()];
        let mut reserved_row: std::collections::HashMap<EventIndex, usize> =
            std::collections::HashMap::new();
        let overlaps = |row: &[(Days, Days)], start: Days, end: Days| {
            let i = row.partition_point(|&(_, e)| e <= start);
            row.get(i).is_some_and(|&(s, _)| s < end)
        };
        for (index, event) in timeline.events.iter().enumerate() {
            if !keep(index) || !prefer(index) {
                continue;
            }
            let (start, end) = event.when.uncertainty();
            let Some(rows) = reserved.get_mut(event.category) else {
                continue;
            };
            if end - start <= WIDE_DATE_DAYS {
                continue;
            }
            let row = match rows.iter().position(|row| !overlaps(row, start, end)) {
                Some(row) => row,
                None if rows.len() < max_bar_rows => {
                    rows.push(Vec::new());
                    rows.len() - 1
                }
                None => continue,
            };
            let intervals = &mut rows[row];
            let at = intervals.partition_point(|&(s, _)| s < start);
            intervals.insert(at, (start, end));
            reserved_row.insert(index, row);
        }
        for (lane, rows) in lanes.iter_mut().zip(&reserved) {
            lane.bar_rows.resize_with(rows.len(), RowEvents::default);
        }
        // Events are sorted by anchor, and a period's anchor is its start: rows fill in time order.
        for (index, event) in timeline.events.iter().enumerate() {
            if !keep(index) {
                continue;
            }
            let Some(lane) = lanes.get_mut(event.category) else {
                continue;
            };
            let (start, end) = event.when.uncertainty();
            let anchor = event.when.anchor();
            if end - start > WIDE_DATE_DAYS {
                let rows_reserved = reserved.get(event.category).map_or(&[][..], Vec::as_slice);
                let free = reserved_row.get(&index).copied().or_else(|| {
                    lane.bar_rows.iter().enumerate().position(|(r, row)| {
                        row.ends.last().is_none_or(|&last| last <= start)
                            && rows_reserved
                                .get(r)
                                .is_none_or(|taken| !overlaps(taken, start, end))
                    })
                });
                let row = match free {
                    Some(row) => Some(row),
                    None if lane.bar_rows.len() < max_bar_rows => {
                        lane.bar_rows.push(RowEvents::default());
                        Some(lane.bar_rows.len() - 1)
                    }
                    None => None,
                };
                if let Some(row) = row {
                    let bars = &mut lane.bar_rows[row];
                    slots[index] = Some(Slot {
                        lane: event.category,
                        row: Row::Bars(row),
                        position: bars.events.len(),
                    });
                    bars.push(index, start, end);
                    continue;
                }
                overflow[event.category].push((anchor, index));
                continue;
            }
            overflow[event.category].push((anchor, index));
        }
        for (lane_index, (lane, mut points)) in lanes.iter_mut().zip(overflow).enumerate() {
            // Overflowing periods are anchored at their start, so the order may need mending.
            points.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            for (position, (anchor, index)) in points.into_iter().enumerate() {
                slots[index] = Some(Slot {
                    lane: lane_index,
                    row: Row::Points,
                    position,
                });
                lane.points.push(index, anchor, anchor);
            }
        }
        static BUILDS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        let build_id = BUILDS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Self {
            lanes,
            slots,
            build_id,
        }
    }

    /// Identifies this build of the index (a new load or new filters give a new one):
    /// a cached layout is reused only for the index it was made from.
    pub fn build_id(&self) -> u64 {
        self.build_id
    }

    /// The events a mark stands for.
    pub fn events_of<'a>(&'a self, mark: &'a Mark) -> &'a [EventIndex] {
        match mark {
            Mark::Point { event, .. } | Mark::Bar { event, .. } => std::slice::from_ref(event),
            Mark::Cluster {
                lane, row, range, ..
            } => self
                .lanes
                .get(*lane)
                .and_then(|l| l.row(*row))
                .and_then(|r| r.events.get(range.clone()))
                .unwrap_or_default(),
        }
    }

    /// Whether `event` is one of the events `mark` stands for (constant time).
    pub fn mark_contains(&self, mark: &Mark, event: EventIndex) -> bool {
        match mark {
            Mark::Point { event: e, .. } | Mark::Bar { event: e, .. } => *e == event,
            Mark::Cluster {
                lane, row, range, ..
            } => self
                .slots
                .get(event)
                .copied()
                .flatten()
                .is_some_and(|slot| {
                    slot.lane == *lane && slot.row == *row && range.contains(&slot.position)
                }),
        }
    }

    /// Whether a lane has anything to draw between `from` and `to`.
    pub fn lane_has_events_in(&self, lane: usize, from: Days, to: Days) -> bool {
        let Some(lane) = self.lanes.get(lane) else {
            return false;
        };
        let points = &lane.points;
        let first = points.starts.partition_point(|&a| a < from);
        let in_points = points.starts.get(first).is_some_and(|&a| a <= to);
        in_points
            || lane.bar_rows.iter().any(|row| {
                let first = row.ends.partition_point(|&end| end < from);
                row.starts.get(first).is_some_and(|&start| start <= to)
            })
    }

    /// The row an event is drawn in; `None` when it was filtered out.
    pub fn row_of(&self, event: EventIndex) -> Option<Row> {
        self.slots
            .get(event)
            .copied()
            .flatten()
            .map(|slot| slot.row)
    }

    /// Where an event is drawn: its lane, row and position in the row.
    pub fn position_of(&self, event: EventIndex) -> Option<(usize, Row, usize)> {
        self.slots
            .get(event)
            .copied()
            .flatten()
            .map(|slot| (slot.lane, slot.row, slot.position))
    }

    /// Whether `event` passed the filter this index was built with.
    pub fn contains(&self, event: EventIndex) -> bool {
        self.slots.get(event).is_some_and(Option::is_some)
    }
}

/// The vertical layout of one lane on screen.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LaneGeometry {
    /// The category this lane shows.
    pub category: usize,
    /// The lane's full rectangle (timeline part only, without the name column).
    pub rect: Rect,
    /// Centre line of the point row.
    pub point_y: f32,
    /// Text lines under the point row for labels that find no room beside their mark
    /// (given out from the free height of the timeline area), each `label_height` tall.
    pub label_lines: usize,
    /// Top of the first label line (the bottom of the point row).
    pub lines_top: f32,
    /// Top of the first bar row.
    pub bars_top: f32,
    /// Height of a bar row.
    pub bar_height: f32,
}

/// Sizes that depend on the theme (desktop or projector).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LayoutMetrics {
    /// Height of the point row.
    pub point_row: f32,
    /// Height of one bar row.
    pub bar_row: f32,
    /// Space between lanes.
    pub lane_gap: f32,
    /// Marker radius by importance 1..=5 is `base + step * importance`.
    pub marker_base: f32,
    /// See `marker_base`.
    pub marker_step: f32,
    /// Height of label text.
    pub label_height: f32,
    /// How far a ring drawn around a marker (selected, or date disputed) reaches
    /// beyond its radius; labels keep clear of it.
    pub ring: f32,
    /// The least height of a point-row badge whose count, set no smaller than the
    /// theme's smallest text, fits inside the badge's outline (0: no least height).
    pub count_badge: f32,
    /// Width of the outline drawn outside the selected bar or badge
    /// ([`OUTLINE_LINE_WIDTHS`] line widths): text keeps clear of it.
    pub outline: f32,
    /// Height of a label's letters, from the top of the tallest to the bottom of a
    /// descender, centred on its line (see [`LayoutMetrics::for_type`]).
    pub ink: f32,
}

/// The selected bar's or badge's outline is this many line widths wide.
pub const OUTLINE_LINE_WIDTHS: f32 = 2.5;

impl LayoutMetrics {
    /// For the desktop theme.
    pub const DESKTOP: Self = Self {
        point_row: 26.0,
        bar_row: 17.0,
        lane_gap: 4.0,
        marker_base: 3.0,
        marker_step: 0.8,
        ring: 3.5,
        label_height: 15.0,
        // The desktop's badges (0.6 of a point row) hold their counts as they are.
        count_badge: 0.0,
        // The desktop's type (12.5 pt labels, lines 1 pt wide); see `for_type`.
        outline: OUTLINE_LINE_WIDTHS * crate::ui::theme::DESKTOP_LINE_WIDTH,
        ink: (ASCENDER + DESCENDER) * crate::ui::theme::DESKTOP_LABEL_SIZE,
    };

    /// These metrics for labels set at `label_size` and lines `line_width` wide: the
    /// selection outline's width and the labels' ink follow them.
    #[must_use]
    pub fn for_type(self, label_size: f32, line_width: f32) -> Self {
        Self {
            outline: OUTLINE_LINE_WIDTHS * line_width,
            ink: (ASCENDER + DESCENDER) * label_size,
            ..self
        }
    }

    /// Radius of a marker for an event of this importance.
    pub fn marker_radius(&self, importance: u8) -> f32 {
        self.marker_base + self.marker_step * f32::from(importance.clamp(1, 5))
    }

    /// Half the height of a cluster badge in the point row: tall enough for its count
    /// (`count_badge`) as far as the point row allows, so that the badge stays in its
    /// lane (a projector's point rows squeezed to one label line made badges too low
    /// for their figures).
    pub fn cluster_half_height(&self) -> f32 {
        let least = self.point_row * 0.3;
        least.max((self.count_badge / 2.0).min(self.point_row / 2.0 - 1.0))
    }

    /// Points closer than this merge into a cluster: two of the widest marks side by side, plus room.
    pub fn cluster_distance(&self) -> f32 {
        2.0 * self.cluster_half_height().max(self.marker_radius(5)) + 2.0
    }

    /// The height a lane needs for `bar_rows` rows of bars.
    pub fn lane_height(&self, bar_rows: usize) -> f32 {
        let rows = u16::try_from(bar_rows).unwrap_or(u16::MAX);
        self.point_row + self.bar_row * f32::from(rows) + self.lane_gap
    }
}

/// Stacks the shown lanes from `top` down within `left..right`.
pub fn lane_geometry(
    index: &LaneIndex,
    shown: &[usize],
    metrics: &LayoutMetrics,
    left: f32,
    right: f32,
    top: f32,
) -> Vec<LaneGeometry> {
    lane_geometry_grown(index, shown, metrics, (left, right, top), &[])
}

/// How much a lane grows beyond its natural height.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct LaneGrowth {
    /// Label lines under the point row.
    pub label_lines: usize,
    /// Free room added at the bottom of the lane.
    pub padding: f32,
}

/// Stacks the shown lanes from `top` down within `left..right`, the `n`th shown lane grown
/// by `grow[n]` (lanes past the end of `grow` keep their natural height).
pub fn lane_geometry_grown(
    index: &LaneIndex,
    shown: &[usize],
    metrics: &LayoutMetrics,
    (left, right, top): (f32, f32, f32),
    grow: &[LaneGrowth],
) -> Vec<LaneGeometry> {
    let mut y = top;
    shown
        .iter()
        .enumerate()
        .filter_map(|(n, &category)| {
            let lane = index.lanes.get(category)?;
            let growth = grow.get(n).copied().unwrap_or_default();
            let lines = u16::try_from(growth.label_lines).unwrap_or(u16::MAX);
            let lines_height = metrics.label_height * f32::from(lines);
            let height =
                metrics.lane_height(lane.bar_rows.len()) + lines_height + growth.padding.max(0.0);
            let rect =
                Rect::from_min_max(pos2(left, y), pos2(right, y + height - metrics.lane_gap));
            y += height;
            let lines_top = rect.top() + metrics.point_row;
            Some(LaneGeometry {
                category,
                rect,
                point_y: rect.top() + metrics.point_row / 2.0,
                label_lines: usize::from(lines),
                lines_top,
                bars_top: lines_top + lines_height,
                bar_height: metrics.bar_row,
            })
        })
        .collect()
}

/// Something drawn for one or more events.
#[derive(Clone, Debug, PartialEq)]
pub enum Mark {
    /// A single event at a point.
    Point {
        /// The event.
        event: EventIndex,
        /// Marker centre.
        center: Pos2,
        /// Marker radius.
        radius: f32,
        /// The x-range the date may lie in, when wider than the marker (month precision).
        uncertainty: Option<(f32, f32)>,
    },
    /// A period, or a date known only to a year or less, drawn as a bar over its extent.
    Bar {
        /// The event.
        event: EventIndex,
        /// The bar, from the earliest possible start to the latest possible end.
        rect: Rect,
        /// Where the surely-covered part begins and ends; outside it the bar fades.
        solid: Option<(f32, f32)>,
    },
    /// Several events too close to tell apart at this zoom: a contiguous range of one row.
    Cluster {
        /// The lane (category index).
        lane: usize,
        /// The row within the lane.
        row: Row,
        /// The positions within the row.
        range: Range<usize>,
        /// The badge.
        rect: Rect,
        /// The time range the events cover, to zoom to on click.
        time_range: (Days, Days),
    },
}

impl Mark {
    /// The rectangle that reacts to the pointer.
    pub fn hit_rect(&self) -> Rect {
        match self {
            Self::Point { center, radius, .. } => {
                Rect::from_center_size(*center, egui::Vec2::splat(radius * 2.0 + 4.0))
            }
            Self::Bar { rect, .. } | Self::Cluster { rect, .. } => *rect,
        }
    }

    /// How many events the mark stands for.
    pub fn len(&self) -> usize {
        match self {
            Self::Point { .. } | Self::Bar { .. } => 1,
            Self::Cluster { range, .. } => range.len(),
        }
    }

    /// Never true: a mark stands for at least one event.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A label placed beside a mark.
#[derive(Clone, Debug, PartialEq)]
pub struct Label {
    /// Whose title it is.
    pub event: EventIndex,
    /// Where the text goes.
    pub rect: Rect,
    /// Whether it shows the event's short name (the title did not fit).
    pub short: bool,
    /// For a cluster's label (naming its most important member): how many other events
    /// the cluster holds; 0 for an event's own label. Not part of the text: the badge
    /// beside it shows how many events the cluster holds, and one number per cluster is
    /// all a reader has to reconcile (`Title +2` beside a badge reading 3 was misread).
    pub more: usize,
    /// Whether its text is cut with an ellipsis because no whole name of the event
    /// fitted (an important event named all the same); the lanes grow for it as for a
    /// hidden label.
    pub cut: bool,
}

impl Label {
    /// The text the label shows: the title, or the short name.
    pub fn text(&self, timeline: &Timeline) -> String {
        timeline
            .events
            .get(self.event)
            .map(|record| label_text(&record.record, self.short))
            .unwrap_or_default()
    }
}

/// A label's text: the event's title, or its short name when `short` (and it has one).
/// A cluster's label is its most important member's, the same text: the badge says how
/// many events it holds.
pub fn label_text(record: &crate::model::schema::EventRecord, short: bool) -> String {
    let name = if short {
        record.short_name.as_deref().unwrap_or(&record.title)
    } else {
        &record.title
    };
    name.to_owned()
}

/// Everything to draw in the lanes for one frame.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TimelineLayout {
    /// Marks, lane by lane.
    pub marks: Vec<Mark>,
    /// Labels that fit.
    pub labels: Vec<Label>,
}

/// What the layout needs besides the timeline.
pub struct LayoutRequest<'a> {
    /// The time↔x mapping of this frame.
    pub mapping: ScreenMapping,
    /// The lanes shown and where.
    pub lanes: &'a [LaneGeometry],
    /// Sizes.
    pub metrics: LayoutMetrics,
    /// Width of an event's label text (its title) in pixels.
    pub measure: &'a dyn Fn(EventIndex) -> f32,
    /// Width of an event's short name (given as the text) in pixels, at the label size.
    pub measure_short: &'a dyn Fn(EventIndex, &str) -> f32,
    /// Width of any other label text (`+N`) in pixels, at the label size.
    pub measure_text: &'a dyn Fn(&str) -> f32,
    /// The selected event, which gets its label first.
    pub selected: Option<EventIndex>,
}

impl TimelineLayout {
    /// Lays out every shown lane.
    pub fn new(timeline: &Timeline, index: &LaneIndex, request: &LayoutRequest<'_>) -> Self {
        let mut layout = Self::default();
        for geometry in request.lanes {
            if let Some(lane) = index.lanes.get(geometry.category) {
                // The selected event is drawn as itself, never inside a cluster.
                let must_show = request
                    .selected
                    .and_then(|e| index.position_of(e))
                    .filter(|&(l, _, _)| l == geometry.category)
                    .map(|(_, row, position)| (row, position));
                layout_lane(timeline, lane, geometry, request, must_show, &mut layout);
            }
        }
        layout
    }

    /// The mark under the pointer, if any.
    pub fn mark_at(&self, pointer: Pos2) -> Option<&Mark> {
        self.marks
            .iter()
            .rev()
            .find(|mark| mark.hit_rect().contains(pointer))
    }
}

/// Groups a row from `first` on: each group is a run of narrow entries whose drawn extents
/// come closer than `gap` pixels; an entry at least `wide` pixels wide stands alone. Costs a
/// binary search per `gap` pixels of screen, however many events the row holds. Calls
/// `emit` with each group's range; stops before `last`.
fn walk_groups(
    row: &RowEvents,
    (first, last): (usize, usize),
    mapping: &ScreenMapping,
    (gap, wide): (f32, f32),
    mut emit: impl FnMut(Range<usize>),
) {
    let is_wide = |i: usize| mapping.x(row.ends[i]) - mapping.x(row.starts[i]) >= wide;
    let mut i = first;
    while i < last {
        let mut end = i + 1;
        if !is_wide(i) {
            let mut reach = mapping.x(row.ends[i]) + gap;
            loop {
                let limit = mapping.time_from_x(f64::from(reach));
                let mut next = gallop(&row.starts[end..last], limit) + end;
                if next <= end || is_wide(end) {
                    break;
                }
                // A wide entry is never swallowed: the run stops before it.
                if next - 1 > end && is_wide(next - 1) {
                    next -= 1;
                }
                end = next;
                reach = mapping.x(row.ends[end - 1]) + gap;
            }
        }
        emit(i..end);
        i = end;
    }
}

/// The number of leading entries of the sorted `starts` that are below `limit`, found
/// by galloping from the front: the answer is usually a few entries away, and probing
/// near ones first keeps a row of a million events in cache where a plain binary search
/// over the rest of the row would miss it at every step.
pub fn gallop(starts: &[Days], limit: Days) -> usize {
    let mut bound = 1;
    while bound < starts.len() && starts[bound] < limit {
        bound *= 2;
    }
    let from = bound / 2;
    let to = bound.min(starts.len());
    from + starts[from..to].partition_point(|&s| s < limit)
}

/// Emits `range`, or, when it holds `keep` among others, the part before `keep`, `keep`
/// alone and the part after it.
fn split_around(range: Range<usize>, keep: Option<usize>, mut emit: impl FnMut(Range<usize>)) {
    match keep {
        Some(k) if range.len() > 1 && range.contains(&k) => {
            if k > range.start {
                emit(range.start..k);
            }
            emit(k..k + 1);
            if k + 1 < range.end {
                emit(k + 1..range.end);
            }
        }
        _ => emit(range),
    }
}

fn layout_lane(
    timeline: &Timeline,
    lane: &LaneEvents,
    geometry: &LaneGeometry,
    request: &LayoutRequest<'_>,
    must_show: Option<(Row, usize)>,
    layout: &mut TimelineLayout,
) {
    let mapping = &request.mapping;
    let view = mapping.view();
    let right = geometry.rect.right();
    let half = request.metrics.cluster_half_height();
    let lane_start = layout.marks.len();

    // Bars, row by row: wide ones alone, dense narrow runs as clusters.
    let mut bar_label_slots: Vec<(EventIndex, Rect, f32)> = Vec::new();
    for (row_number, row) in lane.bar_rows.iter().enumerate() {
        let first = row.ends.partition_point(|&end| end < view.min);
        let last = row.starts.partition_point(|&start| start <= view.max());
        let row_top = geometry.bars_top + geometry.bar_height * row_number as f32;
        let (top, bottom) = (row_top + 2.0, row_top + geometry.bar_height - 2.0);
        let mut row_marks: Vec<Mark> = Vec::new();
        walk_groups(
            row,
            (first, last),
            mapping,
            (BAR_GAP, MIN_BAR_WIDTH),
            |range| {
                let keep = must_show
                    .filter(|&(r, _)| r == Row::Bars(row_number))
                    .map(|(_, p)| p);
                split_around(range, keep, |range| {
                    let (x0, x1) = (
                        mapping.x(row.starts[range.start]),
                        mapping.x(row.ends[range.end - 1]),
                    );
                    // Short marks are widened to stay visible, but never into the next mark.
                    let next_start = row
                        .starts
                        .get(range.end)
                        .map_or(f32::INFINITY, |&s| mapping.x(s));
                    let widened = (x0 + MIN_DRAWN_BAR).min(next_start - 1.0).max(x1);
                    if range.len() == 1 {
                        let event = row.events[range.start];
                        let when = timeline.events[event].when;
                        let x1 = widened;
                        let solid = when
                            .certain_core()
                            .map(|(a, b)| (mapping.x(a), mapping.x(b)));
                        row_marks.push(Mark::Bar {
                            event,
                            rect: Rect::from_min_max(pos2(x0, top), pos2(x1, bottom)),
                            solid,
                        });
                    } else {
                        row_marks.push(Mark::Cluster {
                            lane: geometry.category,
                            row: Row::Bars(row_number),
                            rect: Rect::from_min_max(pos2(x0, top), pos2(widened, bottom)),
                            time_range: (row.starts[range.start], row.ends[range.end - 1]),
                            range,
                        });
                    }
                });
            },
        );
        // Badges as wide as their counts, where the row leaves room.
        for i in 0..row_marks.len() {
            let Some(Mark::Cluster { range, rect, .. }) = row_marks.get(i) else {
                continue;
            };
            let before = i
                .checked_sub(1)
                .and_then(|i| row_marks.get(i))
                .map_or(f32::NEG_INFINITY, |m| {
                    m.hit_rect().right() + BADGE_CLEARANCE
                });
            let after = row_marks
                .get(i + 1)
                .map_or(f32::INFINITY, |m| m.hit_rect().left() - BADGE_CLEARANCE);
            let grown = grown_badge(*rect, badge_width(request, range.len()), (before, after));
            if let Some(Mark::Cluster { rect, .. }) = row_marks.get_mut(i) {
                *rect = grown;
            }
        }
        // Label slots: inside the visible part of a bar, or up to the next mark in the row.
        for (i, mark) in row_marks.iter().enumerate() {
            if let Mark::Bar { event, rect, .. } = mark {
                let next_start = row_marks
                    .get(i + 1)
                    .map_or(right, |n| n.hit_rect().left())
                    .min(right);
                let visible = Rect::from_min_max(
                    pos2(rect.left().max(geometry.rect.left()), rect.top()),
                    pos2(rect.right().min(right), rect.bottom()),
                );
                bar_label_slots.push((*event, visible, next_start));
            }
        }
        layout.marks.extend(row_marks);
    }

    // Points: anchors in view, grouped when closer than the cluster distance.
    let points = &lane.points;
    let first = points.starts.partition_point(|&a| a < view.min);
    let last = points.starts.partition_point(|&a| a <= view.max());
    let y = geometry.point_y;
    let mut point_marks: Vec<(f32, f32, Option<EventIndex>)> = Vec::new();
    let gap = request.metrics.cluster_distance();
    let points_start = layout.marks.len();
    walk_groups(
        points,
        (first, last),
        mapping,
        (gap, f32::INFINITY),
        |range| {
            let keep = must_show.filter(|&(r, _)| r == Row::Points).map(|(_, p)| p);
            split_around(range, keep, |range| {
                let x0 = mapping.x(points.starts[range.start]);
                if range.len() == 1 {
                    let event = points.events[range.start];
                    let record = &timeline.events[event];
                    let radius = request.metrics.marker_radius(record.record.importance);
                    let (u0, u1) = record.when.uncertainty();
                    let (u0, u1) = (mapping.x(u0), mapping.x(u1));
                    // The ring of a selected or disputed marker is part of its extent.
                    let ringed = request.selected == Some(event) || record.is_date_disputed();
                    let reach = radius + if ringed { request.metrics.ring } else { 0.0 };
                    // A short uncertainty band belongs to the marker: its label goes beyond
                    // it. A long one (a month seen at the scale of days) may run under labels.
                    let (left, right) = if u1 - u0 <= LABEL_OVER_BAND {
                        ((x0 - reach).min(u0), (x0 + reach).max(u1))
                    } else {
                        (x0 - reach, x0 + reach)
                    };
                    point_marks.push((left, right, Some(event)));
                    layout.marks.push(Mark::Point {
                        event,
                        center: pos2(x0, y),
                        radius,
                        uncertainty: (u1 - u0 > radius * 2.0).then_some((u0, u1)),
                    });
                } else {
                    let x1 = mapping.x(points.starts[range.end - 1]);
                    let rect =
                        Rect::from_min_max(pos2(x0 - half, y - half), pos2(x1 + half, y + half));
                    point_marks.push((rect.left(), rect.right(), None));
                    layout.marks.push(Mark::Cluster {
                        lane: geometry.category,
                        row: Row::Points,
                        time_range: (points.starts[range.start], points.starts[range.end - 1]),
                        range,
                        rect,
                    });
                }
            });
        },
    );

    // A period too short for a bar row (a two-day plenum), or a date known to the day,
    // whose surely covered part is a bar's width on screen is drawn as what it is, a bar with hard ends at the marker's
    // height rather than a dot with a fading band, when it runs into no neighbouring mark
    // and its date is not disputed.
    let mut previous_right = f32::NEG_INFINITY;
    for i in points_start..layout.marks.len() {
        let next_left = layout
            .marks
            .get(i + 1)
            .map_or(f32::INFINITY, |m| m.hit_rect().left());
        let Some(Mark::Point {
            event,
            center,
            radius,
            ..
        }) = layout.marks.get(i).cloned()
        else {
            previous_right = layout
                .marks
                .get(i)
                .map_or(previous_right, |m| m.hit_rect().right());
            continue;
        };
        let record = &timeline.events[event];
        let when = record.when;
        let (u0, u1) = when.uncertainty();
        let (u0, u1) = (mapping.x(u0), mapping.x(u1));
        // A date known to the day fills that day as surely as a period its dates.
        let core = when
            .certain_core()
            .filter(|_| when.is_period())
            .or_else(|| when.whole_day())
            .map(|(a, b)| (mapping.x(a), mapping.x(b)))
            .filter(|&(c0, c1)| c1 - c0 >= MIN_BAR_WIDTH);
        // A disputed date keeps its ringed dot, which the selection links to the other
        // dates.
        let clear = u0 > previous_right && u1 < next_left && !record.is_date_disputed();
        match core {
            Some(solid) if clear => {
                let rect =
                    Rect::from_min_max(pos2(u0, center.y - radius), pos2(u1, center.y + radius));
                if let Some(extent) = point_marks.get_mut(i - points_start) {
                    extent.0 = extent.0.min(u0);
                    extent.1 = extent.1.max(u1);
                }
                layout.marks[i] = Mark::Bar {
                    event,
                    rect,
                    solid: Some(solid),
                };
                previous_right = u1;
            }
            _ => previous_right = center.x + radius,
        }
    }

    // A badge is wide enough for its count ("12", "128", "1.2k") where its neighbours
    // leave room; where they do not, the count's type shrinks to the badge (the scene).
    for i in points_start..layout.marks.len() {
        let Some(Mark::Cluster {
            range,
            rect,
            row: Row::Points,
            ..
        }) = layout.marks.get(i)
        else {
            continue;
        };
        let k = i - points_start;
        let before = k
            .checked_sub(1)
            .and_then(|k| point_marks.get(k))
            .map_or(f32::NEG_INFINITY, |m| m.1 + BADGE_CLEARANCE);
        let after = point_marks
            .get(k + 1)
            .map_or(f32::INFINITY, |m| m.0 - BADGE_CLEARANCE);
        let grown = grown_badge(*rect, badge_width(request, range.len()), (before, after));
        if let Some(Mark::Cluster { rect, .. }) = layout.marks.get_mut(i) {
            *rect = grown;
        }
        if let Some(extent) = point_marks.get_mut(k) {
            *extent = (grown.left(), grown.right(), None);
        }
    }

    // Clusters name their most important member when there is room.
    let clusters: Vec<ClusterSlot> = layout
        .marks
        .get(lane_start..)
        .unwrap_or_default()
        .iter()
        .filter_map(|mark| match mark {
            Mark::Cluster {
                row, range, rect, ..
            } => {
                let events = lane.row(*row)?.events.get(range.clone())?;
                let top = most_important(timeline, events)?;
                Some(ClusterSlot {
                    top,
                    others: next_important(timeline, events, top),
                    more: range.len().saturating_sub(1),
                    rect: *rect,
                    in_point_row: *row == Row::Points,
                })
            }
            _ => None,
        })
        .collect();

    // What the bar rows hold, so labels may use what is free in them.
    let ring = request.metrics.ring;
    let mut bar_rows_taken: Vec<Vec<(f32, f32)>> = vec![Vec::new(); lane.bar_rows.len()];
    // And the marks in them, as far as they are visible (the extents labels are placed
    // by), so that a label is never placed just after another's mark.
    let mut bar_rows_marks: Vec<Vec<(f32, f32)>> = vec![Vec::new(); lane.bar_rows.len()];
    for mark in layout.marks.get(lane_start..).unwrap_or_default() {
        let (row, rect, visible) = match mark {
            Mark::Bar { rect, .. } => (
                bar_row_at(geometry, rect.center().y),
                rect,
                (
                    rect.left().max(geometry.rect.left()),
                    rect.right().min(right),
                ),
            ),
            Mark::Cluster {
                row: Row::Bars(row),
                rect,
                ..
            } => (Some(*row), rect, (rect.left(), rect.right())),
            _ => continue,
        };
        if let Some(taken) = row.and_then(|r| bar_rows_taken.get_mut(r)) {
            occupy(taken, rect.left() - ring, rect.right() + ring);
        }
        if let Some(marks) = row.and_then(|r| bar_rows_marks.get_mut(r)) {
            marks.push(visible);
        }
    }

    // The outline around the selected bar reaches beyond it: text keeps clear of it.
    let outlined = layout
        .marks
        .get(lane_start..)
        .unwrap_or_default()
        .iter()
        .find_map(|mark| match mark {
            Mark::Bar { event, rect, .. } if request.selected == Some(*event) => Some(*rect),
            _ => None,
        });
    place_labels(
        timeline,
        geometry,
        request,
        (&point_marks, &bar_label_slots, &clusters, outlined),
        (bar_rows_taken, bar_rows_marks),
        layout,
    );
}

/// Room kept between a badge grown for its count and the marks beside it.
const BADGE_CLEARANCE: f32 = 2.0;
/// Room on either side of a badge's count, inside the badge.
pub const COUNT_PAD: f32 = 2.5;

/// How wide a badge of `count` events must be for its number: the number measured at
/// the label size (a count is never set larger), and a pad on either side.
fn badge_width(request: &LayoutRequest<'_>, count: usize) -> f32 {
    (request.measure_text)(&super::scene::compact_count(count)) + 2.0 * COUNT_PAD
}

/// `rect` grown about its centre to `width`, within `before..after` (a side that meets
/// a neighbour gives its share to the other side); never narrower than it was.
fn grown_badge(rect: Rect, width: f32, (before, after): (f32, f32)) -> Rect {
    // Also when either is NaN: the badge stays as it was.
    if width.partial_cmp(&rect.width()) != Some(std::cmp::Ordering::Greater) {
        return rect;
    }
    let grow = (width - rect.width()) / 2.0;
    let (mut left, mut right) = (rect.left() - grow, rect.right() + grow);
    if left < before {
        right += before - left;
        left = before;
    }
    if right > after {
        left -= right - after;
        right = after;
    }
    let left = left.max(before).min(rect.left());
    let right = right.min(after).max(rect.right());
    Rect::from_x_y_ranges(left..=right, rect.y_range())
}

/// The bar row whose centre line is at `y`.
fn bar_row_at(geometry: &LaneGeometry, y: f32) -> Option<usize> {
    let row = ((y - geometry.bars_top) / geometry.bar_height.max(f32::MIN_POSITIVE)).floor();
    (row.is_finite() && row >= 0.0).then_some(row as usize)
}

/// Sorted x-intervals of a row: what is taken in it, or the marks drawn on it.
type Spans = Vec<(f32, f32)>;

/// A mark in the point row: where it reaches, and its event (`None` for a cluster).
type PointSlot = (f32, f32, Option<EventIndex>);
/// A bar that may be labelled: its event, its visible part, and where the next mark in
/// its row begins.
type BarSlot = (EventIndex, Rect, f32);

/// A cluster badge that may be named by its most important member.
struct ClusterSlot {
    /// The member named.
    top: EventIndex,
    /// The next most important members, named on lines under it when there is room.
    others: Vec<EventIndex>,
    /// How many others it holds.
    more: usize,
    /// The badge.
    rect: Rect,
    /// Whether the badge is in the point row (else in a bar row).
    in_point_row: bool,
}

/// The members of a cluster named after `top`, when room allows.
pub const CLUSTER_NAMES: usize = 2;

/// The [`CLUSTER_NAMES`] most important of `events` after `top`, looking at no more than
/// [`CLUSTER_SCAN`] of them.
fn next_important(timeline: &Timeline, events: &[EventIndex], top: EventIndex) -> Vec<EventIndex> {
    let mut ranked: Vec<(u8, EventIndex)> = events
        .iter()
        .take(CLUSTER_SCAN)
        .filter(|&&e| e != top)
        .filter_map(|&e| timeline.events.get(e).map(|r| (r.record.importance, e)))
        .collect();
    ranked.sort_by_key(|&(importance, e)| (std::cmp::Reverse(importance), e));
    ranked
        .into_iter()
        .take(CLUSTER_NAMES)
        .map(|(_, e)| e)
        .collect()
}

/// The most important of `events` (the earliest of equals), looking at no more than
/// [`CLUSTER_SCAN`] of them (the first ones).
pub fn most_important(timeline: &Timeline, events: &[EventIndex]) -> Option<EventIndex> {
    events
        .iter()
        .take(CLUSTER_SCAN)
        .filter_map(|&e| timeline.events.get(e).map(|r| (r.record.importance, e)))
        .max_by_key(|&(importance, e)| (importance, std::cmp::Reverse(e)))
        .map(|(_, e)| e)
}

/// Whether `a..b` is free in `occupied` (sorted, disjoint intervals).
fn is_free(occupied: &[(f32, f32)], a: f32, b: f32) -> bool {
    let i = occupied.partition_point(|&(_, end)| end <= a);
    occupied.get(i).is_none_or(|&(start, _)| start >= b)
}

/// Marks `a..b` as taken in `occupied`, merging what it overlaps so the intervals stay
/// sorted and disjoint.
fn occupy(occupied: &mut Vec<(f32, f32)>, a: f32, b: f32) {
    let from = occupied.partition_point(|&(_, end)| end < a);
    let to = occupied.partition_point(|&(start, _)| start <= b).max(from);
    let (mut a2, mut b2) = (a, b);
    if let Some(run) = occupied.get(from..to) {
        for &(start, end) in run {
            a2 = a2.min(start);
            b2 = b2.max(end);
        }
    }
    occupied.splice(from..to, [(a2, b2)]);
}

/// The widest a label may be in a lane `lane_width` wide, with labels `label_height`
/// high: [`MAX_LABEL_EMS`] label heights, and never wider than the lane less its pads.
pub fn max_label_width(label_height: f32, lane_width: f32) -> f32 {
    (MAX_LABEL_EMS * label_height)
        .min(lane_width - 2.0 * LABEL_PAD)
        .max(0.0)
}

/// A label still looking for room after the rows of its marks were tried.
struct Pending {
    event: EventIndex,
    more: usize,
    /// For a cluster member named under its badge: which cluster.
    member_of: Option<usize>,
    /// Where the mark begins and ends on screen: a label in a line starts under the
    /// mark's left end, or ends under its right end.
    span: (f32, f32),
}

/// Places labels, most important first: bar labels inside their bar or just after it;
/// point labels right of the marker, else left, never over another label or mark; what
/// finds no room there goes to the lane's label lines, under its mark; clusters that
/// remain are named by their most important member (the badge gives the count). A title
/// that does not
/// fit may be replaced by the event's short name.
fn place_labels(
    timeline: &Timeline,
    geometry: &LaneGeometry,
    request: &LayoutRequest<'_>,
    (point_marks, bar_slots, clusters, outlined): (
        &[PointSlot],
        &[BarSlot],
        &[ClusterSlot],
        Option<Rect>,
    ),
    (mut bar_rows_taken, bar_rows_marks): (Vec<Spans>, Vec<Spans>),
    layout: &mut TimelineLayout,
) {
    let (left, right) = (geometry.rect.left(), geometry.rect.right());
    let metrics = &request.metrics;
    let half = metrics.label_height / 2.0;
    let importance = |event: EventIndex| {
        timeline
            .events
            .get(event)
            .map_or(0, |e| e.record.importance)
    };
    // No label is wider than this: a longer name is cut with an ellipsis (by the scene).
    let widest = max_label_width(metrics.label_height, right - left);
    // Measuring text costs far more than anything else here, and most marks in a dense
    // view have no room at all: rule those out first with a width no label is below.
    let at_least = |event: EventIndex| {
        timeline.events.get(event).map_or(0.0, |e| {
            let title = e.record.title.chars().count();
            let short = e
                .record
                .short_name
                .as_ref()
                .map_or(title, |s| s.chars().count());
            (title.min(short) as f32 * metrics.label_height * NARROWEST_GLYPH).min(widest)
        })
    };
    // The texts a label may show, longest first: the title, then the short name; each
    // name no wider than `widest`.
    let variants = |event: EventIndex| -> Vec<(bool, f32)> {
        let capped = |name: f32| name.min(widest);
        let mut out = vec![(false, capped((request.measure)(event)))];
        if let Some(short) = timeline
            .events
            .get(event)
            .and_then(|e| e.record.short_name.as_deref())
        {
            let width = capped((request.measure_short)(event, short));
            if width < out[0].1 {
                out.push((true, width));
            }
        }
        out
    };
    let bar_rows_hold_labels = geometry.bar_height >= BAR_LABEL_FILL * metrics.label_height;
    let mut pending: Vec<Pending> = Vec::new();
    // Whether a label's letters from `a` to `b` on the line at `y` keep clear of the
    // selected bar's outline: inside the bar, or off the outline's stroke (seen on the
    // projector: the 6.25 px outline crossing the label row above the bar).
    let clear_of_outline = |(a, b): (f32, f32), y: f32| {
        outlined.is_none_or(|bar| {
            let ink = Rect::from_min_max(
                pos2(a, y - metrics.ink / 2.0),
                pos2(b, y + metrics.ink / 2.0),
            );
            bar.contains_rect(ink) || !bar.expand(metrics.outline).intersects(ink)
        })
    };

    // The selected bar's label first, wherever it fits in the lane (over its neighbours
    // if need be); the others keep clear of it.
    let mut forced: Option<Rect> = None;
    if let Some(&(event, visible_bar, _)) = bar_slots
        .iter()
        .find(|&&(event, _, _)| request.selected == Some(event))
    {
        let (short, width) = variants(event)
            .into_iter()
            .find(|&(_, w)| w + 2.0 * LABEL_PAD <= right - left)
            .unwrap_or((false, widest));
        let x = (visible_bar.left() + LABEL_PAD)
            .min(right - width - LABEL_PAD)
            .max(left + LABEL_PAD);
        // In a bar row too thin for the text, the label goes up into the point row when
        // no mark is there.
        let point_row_free = point_marks
            .iter()
            .all(|&(a, b, _)| b < x - LABEL_SPACE || a > x + width + LABEL_SPACE);
        let y = if bar_rows_hold_labels || !point_row_free {
            visible_bar.center().y
        } else {
            geometry.point_y
        };
        // A label taller than the bottom bar row stays inside the lane, never over the
        // next lane's marks and labels.
        let y = y
            .min(geometry.rect.bottom() - half)
            .max(geometry.rect.top() + half);
        let rect = Rect::from_min_max(pos2(x, y - half), pos2(x + width, y + half));
        forced = Some(rect);
        if let Some(taken) = bar_row_at(geometry, y).and_then(|r| bar_rows_taken.get_mut(r)) {
            occupy(taken, rect.left() - LABEL_SPACE, rect.right() + LABEL_SPACE);
        }
        layout.labels.push(Label {
            event,
            rect,
            short,
            more: 0,
            cut: false,
        });
    }
    for &(event, visible_bar, next_start) in bar_slots {
        if request.selected == Some(event) {
            continue;
        }
        let room = (next_start - visible_bar.left()).max(0.0);
        if !bar_rows_hold_labels || room < at_least(event) + 2.0 * LABEL_PAD {
            pending.push(Pending {
                event,
                more: 0,
                member_of: None,
                span: (visible_bar.left(), visible_bar.right()),
            });
            continue;
        }
        // After the bar, keep clear of the outline a ring draws around it and the next mark.
        let after_x = visible_bar.right() + LABEL_PAD + metrics.ring;
        let y = visible_bar.center().y;
        let placed = variants(event).into_iter().find_map(|(short, width)| {
            let inside = visible_bar.width() >= width + 2.0 * LABEL_PAD;
            let after = after_x + width + LABEL_PAD + metrics.ring <= next_start;
            let x = if inside {
                visible_bar.left() + LABEL_PAD
            } else if after {
                after_x
            } else {
                return None;
            };
            let rect = Rect::from_min_max(pos2(x, y - half), pos2(x + width, y + half));
            (!forced.is_some_and(|f| f.expand(LABEL_PAD).intersects(rect))
                && clear_of_outline((x, x + width), y))
            .then_some((short, rect))
        });
        match placed {
            Some((short, rect)) => {
                if let Some(taken) = bar_row_at(geometry, y).and_then(|r| bar_rows_taken.get_mut(r))
                {
                    occupy(taken, rect.left() - LABEL_SPACE, rect.right() + LABEL_SPACE);
                }
                layout.labels.push(Label {
                    event,
                    rect,
                    short,
                    more: 0,
                    cut: false,
                });
            }
            None => pending.push(Pending {
                event,
                more: 0,
                member_of: None,
                span: (visible_bar.left(), visible_bar.right()),
            }),
        }
    }

    // Points and the point row's clusters: importance first (the selected event before
    // all; a single event before a cluster's name), then time.
    let mut order: Vec<(bool, std::cmp::Reverse<u8>, bool, EventIndex, usize)> = point_marks
        .iter()
        .enumerate()
        .filter_map(|(i, &(_, _, event))| event.map(|e| (i, e)))
        .map(|(i, e)| {
            (
                request.selected != Some(e),
                std::cmp::Reverse(importance(e)),
                false,
                e,
                i,
            )
        })
        .chain(clusters.iter().enumerate().map(|(c, cluster)| {
            (
                true,
                std::cmp::Reverse(importance(cluster.top)),
                true,
                cluster.top,
                c,
            )
        }))
        .collect();
    order.sort_unstable();
    // The span of the first label line the selected event's label took, if it did.
    let mut reserved: Option<(f32, f32)> = None;
    let y = geometry.point_y;
    // Occupied x-intervals in the point row: marks first, then placed labels; kept sorted.
    let mut occupied: Vec<(f32, f32)> = point_marks.iter().map(|&(a, b, _)| (a, b)).collect();
    occupied.sort_by(|a, b| a.0.total_cmp(&b.0));
    // Uncertainty bands can make neighbouring marks' extents overlap: merge them, so the
    // intervals are disjoint and sorted by both ends.
    occupied.dedup_by(|next, merged| {
        let overlapping = next.0 <= merged.1;
        if overlapping {
            merged.1 = merged.1.max(next.1);
        }
        overlapping
    });
    // The selected point's disputed dates are drawn as diamonds in its row, joined to
    // it by a dashed line (by the scene): no label covers them, its own least of all
    // (seen: "WPNK founded (1st Congress)" over 28/29 July at tour step 3). A diamond
    // is narrower than a label line is high.
    if let Some((selected, &(a, b, _))) = request.selected.and_then(|s| {
        point_marks
            .iter()
            .find(|&&(_, _, e)| e == Some(s))
            .map(|slot| (s, slot))
    }) {
        let alternatives = timeline
            .events
            .get(selected)
            .map_or(&[][..], |e| &e.disputed_alternatives);
        for alternative in alternatives {
            let x = request.mapping.x(alternative.midpoint());
            // From the diamond to the mark: the dashed line too.
            if x.is_finite() {
                occupy(&mut occupied, (x - half).min(a), (x + half).max(b));
            }
        }
    }
    if let Some(f) = forced.filter(|f| (f.center().y - y).abs() < 0.5) {
        occupy(
            &mut occupied,
            f.left() - LABEL_SPACE,
            f.right() + LABEL_SPACE,
        );
    }
    // The free stretch of the row after `a` (to the next occupied interval or the edge);
    // intervals are disjoint and sorted, so only the neighbours of `a` matter.
    let room_after = |occupied: &[(f32, f32)], a: f32| -> f32 {
        let i = occupied.partition_point(|&(_, end)| end <= a);
        occupied
            .get(i)
            .map_or(right, |&(start, _)| start.min(right))
            - a
    };
    // The room for a label ending at `b`, left of its mark: after whatever precedes it in
    // the row, less the clearance that keeps it from reading as that mark's label.
    let clearance = LEFT_LABEL_CLEARANCE * metrics.label_height;
    let room_before = |occupied: &[(f32, f32)], b: f32| -> f32 {
        let i = occupied.partition_point(|&(start, _)| start < b);
        b - i
            .checked_sub(1)
            .and_then(|i| occupied.get(i))
            .map_or(left, |&(_, end)| (end + clearance).max(left))
    };
    // Beside a mark spanning `mark_left..mark_right` in the point row: right, else left.
    let beside = |occupied: &[(f32, f32)], (mark_left, mark_right): (f32, f32), width: f32| {
        let (after, before) = (mark_right + LABEL_PAD, mark_left - LABEL_PAD);
        if after >= left && room_after(occupied, after) >= width {
            Some((after, after + width))
        } else if before <= right && room_before(occupied, before) >= width {
            Some((before - width, before))
        } else {
            None
        }
    };
    // Nothing else may run into the selected bar's label, which may be taller than its row.
    // Nor may it cross the selected bar's outline.
    let clear_of_forced = |(a, b): (f32, f32), y: f32| {
        clear_of_outline((a, b), y)
            && forced.is_none_or(|f| {
                !f.expand(LABEL_SPACE)
                    .intersects(Rect::from_min_max(pos2(a, y - half), pos2(b, y + half)))
            })
    };
    let place_in_row = |occupied: &mut Vec<(f32, f32)>, (a, b): (f32, f32)| {
        // A word space on either side keeps neighbouring labels apart.
        occupy(occupied, a - LABEL_SPACE, b + LABEL_SPACE);
        Rect::from_min_max(pos2(a, y - half), pos2(b, y + half))
    };
    for (_, _, is_cluster, _, index) in order {
        if is_cluster {
            let Some(cluster) = clusters.get(index) else {
                continue;
            };
            let c = index;
            let span = (cluster.rect.left(), cluster.rect.right());
            let placed = cluster.in_point_row
                && (room_after(&occupied, span.1 + LABEL_PAD) >= at_least(cluster.top)
                    || room_before(&occupied, span.0 - LABEL_PAD) >= at_least(cluster.top));
            let placed = placed
                .then(|| {
                    variants(cluster.top)
                        .into_iter()
                        .find_map(|(short, width)| {
                            beside(&occupied, span, width)
                                .filter(|&span| clear_of_forced(span, y))
                                .map(|span| (short, span))
                        })
                })
                .flatten();
            match placed {
                Some((short, span)) => {
                    let rect = place_in_row(&mut occupied, span);
                    layout.labels.push(Label {
                        event: cluster.top,
                        rect,
                        short,
                        more: cluster.more,
                        cut: false,
                    });
                }
                None => pending.push(Pending {
                    event: cluster.top,
                    more: cluster.more,
                    member_of: None,
                    span,
                }),
            }
            // The next members, on lines under the badge.
            for &event in &cluster.others {
                pending.push(Pending {
                    event,
                    more: 0,
                    member_of: Some(c),
                    span,
                });
            }
            continue;
        }
        let Some(&(_, _, Some(event))) = point_marks.get(index) else {
            continue;
        };
        let mark_index = index;
        let (mark_left, mark_right, _) = point_marks[mark_index];
        let must = request.selected == Some(event);
        let narrowest = at_least(event);
        let (after, before) = (mark_right + LABEL_PAD, mark_left - LABEL_PAD);
        if !must
            && room_after(&occupied, after) < narrowest
            && room_before(&occupied, before) < narrowest
        {
            pending.push(Pending {
                event,
                more: 0,
                member_of: None,
                span: (mark_left, mark_right),
            });
            continue;
        }
        let candidates = variants(event);
        let chosen = candidates.iter().find_map(|&(short, width)| {
            beside(&occupied, (mark_left, mark_right), width)
                .filter(|&span| clear_of_forced(span, y))
                .map(|span| (short, span))
        });
        if chosen.is_none() && must && geometry.label_lines > 0 {
            // The selected event without room beside its marker: on the first label line,
            // under it, rather than over its ring and its neighbours.
            let (short, width) = candidates.last().copied().unwrap_or((false, 0.0));
            let a = mark_left.min(right - width).max(left);
            let line_y = geometry.lines_top + half;
            reserved = Some((a - LABEL_SPACE, a + width + LABEL_SPACE));
            layout.labels.push(Label {
                event,
                rect: Rect::from_min_max(pos2(a, line_y - half), pos2(a + width, line_y + half)),
                short,
                more: 0,
                cut: false,
            });
            continue;
        }
        let chosen = chosen.or_else(|| {
            must.then(|| {
                // The selected event keeps its label even without free room: beside its
                // marker, over neighbouring marks, inside the lane.
                let (short, width) = candidates.last().copied().unwrap_or((false, 0.0));
                // Too long for either side (a title cut at the widest a label may be):
                // cut shorter, to the roomier side, rather than run over its own marker.
                let (room_after, room_before) = (right - after, before - left);
                let width = if width > room_after.max(room_before)
                    && room_after.max(room_before) >= MIN_CUT_LABEL_EMS * metrics.label_height
                {
                    room_after.max(room_before)
                } else {
                    width
                };
                let a = if after + width <= right {
                    after
                } else if before - width >= left {
                    before - width
                } else {
                    (right - width).max(left)
                };
                (short, (a, a + width))
            })
        });
        match chosen {
            Some((short, span)) => {
                let rect = place_in_row(&mut occupied, span);
                layout.labels.push(Label {
                    event,
                    rect,
                    short,
                    more: 0,
                    cut: false,
                });
            }
            None => pending.push(Pending {
                event,
                more: 0,
                member_of: None,
                span: (mark_left, mark_right),
            }),
        }
    }

    // The label lines under the point row, most important first (single events before
    // clusters of the same importance): under the left end of the mark, else ending
    // under its right end.
    // Lines to place the rest on: the label lines, then what the bar rows leave free.
    let mut lines: Vec<TextLine> = (0..geometry.label_lines)
        .map(|k| {
            (
                geometry.lines_top + metrics.label_height * (k as f32 + 0.5),
                Vec::new(),
                Vec::new(),
            )
        })
        .collect();
    if let (Some((a, b)), Some((_, first, _))) = (reserved, lines.first_mut()) {
        occupy(first, a, b);
    }
    if bar_rows_hold_labels {
        lines.extend(
            bar_rows_taken
                .into_iter()
                .zip(bar_rows_marks)
                .enumerate()
                .map(|(r, (taken, marks))| {
                    (
                        geometry.bars_top + geometry.bar_height * (r as f32 + 0.5),
                        taken,
                        marks,
                    )
                }),
        );
    }
    // Last, what the point row leaves free: a period's title above its bar when the lines
    // under the lane are full (a point's label was already tried beside its marker there).
    let point_row_marks = point_marks.iter().map(|&(a, b, _)| (a, b)).collect();
    lines.push((geometry.point_y, occupied, point_row_marks));
    if !pending.is_empty() {
        place_in_lines(
            timeline,
            geometry,
            request,
            (pending, lines),
            (&at_least, &variants, &clear_of_forced),
            layout,
        );
    }
}

/// Whether a label starting at `a` on a line with `marks` reads as the label of its own
/// mark (`own`, as placed): no other mark on the line ends less than `clearance` before
/// `a` (or reaches past it) unless its own mark is nearer.
fn starts_as_its_own(marks: &[(f32, f32)], own: (f32, f32), a: f32, clearance: f32) -> bool {
    let is_own = |&(m0, m1): &(f32, f32)| (m0 - own.0).abs() < 0.01 && (m1 - own.1).abs() < 0.01;
    let own_end = marks
        .iter()
        .filter(|m| is_own(m) && m.1 <= a + 0.5)
        .map(|m| m.1)
        .fold(f32::NEG_INFINITY, f32::max);
    !marks
        .iter()
        .any(|m| !is_own(m) && m.0 < a && m.1 > a - clearance && m.1 > own_end)
}

/// Events at least this important are named with their title cut (an ellipsis) when no
/// whole name of theirs fits anywhere in their lane.
const CUT_IMPORTANCE: u8 = 5;

/// How wide a label may be on a line whose taken intervals are `taken` (sorted,
/// disjoint): starting at `from` (to the next taken interval, less a word space, or the
/// lane's end), and ending at `to` (from the previous one); 0 where the start or the
/// end itself is taken.
fn free_around(
    taken: &[(f32, f32)],
    (from, to): (f32, f32),
    (left, right): (f32, f32),
) -> (f32, f32) {
    let after = {
        let i = taken.partition_point(|&(_, end)| end <= from - LABEL_SPACE);
        match taken.get(i) {
            Some(&(start, _)) if start < from + LABEL_SPACE => 0.0,
            Some(&(start, _)) => start.min(right + LABEL_SPACE) - LABEL_SPACE - from,
            None => right - LABEL_PAD - from,
        }
    };
    let before = {
        let i = taken.partition_point(|&(start, _)| start < to + LABEL_SPACE);
        match i.checked_sub(1).and_then(|i| taken.get(i)) {
            Some(&(_, end)) if end > to - LABEL_SPACE => 0.0,
            Some(&(_, end)) => to - end.max(left - LABEL_SPACE) - LABEL_SPACE,
            None => to - left - LABEL_PAD,
        }
    };
    (after.max(0.0), before.max(0.0))
}

/// A line labels may go on: its centre, the x-intervals already taken in it (sorted and
/// disjoint), and the extents of the marks drawn on it (for a label line, none).
type TextLine = (f32, Vec<(f32, f32)>, Vec<(f32, f32)>);

/// How labels are measured and kept apart: a width no label of an event is below, the
/// texts it may show (short name or not, width), and whether a span at a height keeps
/// clear of the selected bar's label.
type LabelRules<'a> = (
    &'a dyn Fn(EventIndex) -> f32,
    &'a dyn Fn(EventIndex) -> Vec<(bool, f32)>,
    &'a dyn Fn((f32, f32), f32) -> bool,
);

/// Places what is `pending` on the lane's label lines, most important first.
fn place_in_lines(
    timeline: &Timeline,
    geometry: &LaneGeometry,
    request: &LayoutRequest<'_>,
    (mut pending, mut lines): (Vec<Pending>, Vec<TextLine>),
    (at_least, variants, clear_of_forced): LabelRules<'_>,
    layout: &mut TimelineLayout,
) {
    let (left, right) = (geometry.rect.left(), geometry.rect.right());
    let metrics = &request.metrics;
    let half = metrics.label_height / 2.0;
    let clearance = LEFT_LABEL_CLEARANCE * metrics.label_height;
    let importance = |event: EventIndex| {
        timeline
            .events
            .get(event)
            .map_or(0, |e| e.record.importance)
    };
    // Single events before a cluster's name, a cluster's name before its next members.
    pending.sort_by_key(|p| {
        (
            std::cmp::Reverse(importance(p.event)),
            p.member_of.is_some(),
            p.more > 0,
            p.event,
        )
    });
    for item in pending {
        let (mark_left, mark_right) = item.span;
        // A pad from the lane's ends, so a title never touches the lane-name column.
        let (from, to) = (
            mark_left.max(left + LABEL_PAD),
            mark_right.min(right - LABEL_PAD),
        );
        if to < from {
            continue;
        }
        let fits = |&(line_y, ref line, ref marks): &TextLine, a: f32, b: f32| {
            a >= left
                && b <= right
                && is_free(line, a - LABEL_SPACE, b + LABEL_SPACE)
                && clear_of_forced((a, b), line_y)
                && starts_as_its_own(marks, item.span, a, clearance)
        };
        let narrowest = at_least(item.event);
        let any_room = lines
            .iter()
            .any(|line| fits(line, from, from + narrowest) || fits(line, to - narrowest, to));
        // The most important events are named even when no whole name fits: cut with an
        // ellipsis to the roomiest free stretch at their mark, if it holds a few words.
        let must_name = importance(item.event) >= CUT_IMPORTANCE;
        if !any_room && !must_name {
            continue;
        }
        let candidates = variants(item.event);
        let found = candidates
            .iter()
            .find_map(|&(short, width)| {
                lines.iter().enumerate().find_map(|(k, line)| {
                    [(from, from + width), (to - width, to)]
                        .into_iter()
                        .find(|&(a, b)| fits(line, a, b))
                        .map(|span| (k, short, span))
                })
            })
            .map(|(k, short, span)| (k, short, span, false))
            .or_else(|| {
                let whole = candidates.first().map_or(0.0, |&(_, w)| w);
                let least = MIN_CUT_LABEL_EMS * metrics.label_height;
                let spans = |k: usize, line: &TextLine| {
                    let (after, before) = free_around(&line.1, (from, to), (left, right));
                    let mut spans = vec![
                        (k, (from, from + after.min(whole))),
                        (k, (to - before.min(whole), to)),
                    ];
                    // In the point row, beside the mark itself.
                    if (line.0 - geometry.point_y).abs() < 0.5 {
                        let (right_of, left_of) = (mark_right + LABEL_PAD, mark_left - LABEL_PAD);
                        let (after, _) = free_around(&line.1, (right_of, right_of), (left, right));
                        let (_, before) = free_around(&line.1, (left_of, left_of), (left, right));
                        spans.push((k, (right_of, right_of + after.min(whole))));
                        spans.push((k, (left_of - before.min(whole), left_of)));
                    }
                    spans
                };
                must_name
                    .then(|| {
                        lines
                            .iter()
                            .enumerate()
                            .flat_map(|(k, line)| spans(k, line))
                            .filter(|&(k, (a, b))| {
                                b - a >= least && lines.get(k).is_some_and(|line| fits(line, a, b))
                            })
                            .max_by(|x, y| (x.1.1 - x.1.0).total_cmp(&(y.1.1 - y.1.0)))
                            .map(|(k, span)| (k, false, span, span.1 - span.0 + 0.5 < whole))
                    })
                    .flatten()
            });
        if let Some((k, short, (a, b), cut)) = found {
            let Some((line_y, line, _)) = lines.get_mut(k) else {
                continue;
            };
            occupy(line, a - LABEL_SPACE, b + LABEL_SPACE);
            let line_y = *line_y;
            layout.labels.push(Label {
                event: item.event,
                rect: Rect::from_min_max(pos2(a, line_y - half), pos2(b, line_y + half)),
                short,
                more: item.more,
                cut,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::load::load_str;
    use crate::view::transform::TimeView;
    use proptest::prelude::*;

    fn fixture(events: &[(&str, &str, Option<&str>, u8)]) -> Timeline {
        let mut text = String::from(
            "(title: \"t\", span: (\"1900\", \"2000\"), categories: [(id: \"a\", name: \"A\", colour: \"#000000\")], events: [",
        );
        for (id, date, end, importance) in events {
            let end = end.map(|e| format!("end: \"{e}\",")).unwrap_or_default();
            text.push_str(&format!(
                "(id: \"{id}\", title: \"Event {id}\", date: \"{date}\", {end} category: \"a\", importance: {importance}, summary: \"s\", sources: [Seed(quote: \"q\")]),"
            ));
        }
        text.push_str("])");
        load_str("fixture", &text).unwrap_or_else(|e| panic!("{e}"))
    }

    fn layout_of(
        timeline: &Timeline,
        view: TimeView,
        width: f32,
    ) -> (TimelineLayout, Vec<LaneGeometry>, LaneIndex) {
        let index = LaneIndex::new(timeline);
        let metrics = LayoutMetrics::DESKTOP;
        let lanes = lane_geometry(&index, &[0], &metrics, 0.0, width, 0.0);
        let mapping = ScreenMapping::new(view, 0.0, width);
        let measure = |e: EventIndex| 7.0 * timeline.events[e].record.title.len() as f32;
        let measure_text = |text: &str| 7.0 * text.len() as f32;
        let request = LayoutRequest {
            mapping,
            lanes: &lanes,
            metrics,
            measure: &measure,
            measure_short: &|_, text| measure_text(text),
            measure_text: &measure_text,
            selected: None,
        };
        (
            TimelineLayout::new(timeline, &index, &request),
            lanes,
            index,
        )
    }

    fn year(y: i16) -> Days {
        crate::model::date::days_from_year(y)
    }

    #[test]
    fn galloping_finds_the_same_place_as_a_binary_search() {
        let starts: Vec<Days> = (0..200).map(|i| f64::from(i / 3)).collect();
        for limit in [-1.0, 0.0, 0.5, 1.0, 7.0, 31.0, 64.0, 65.9, 66.0, 67.0, 1e9] {
            assert_eq!(
                gallop(&starts, limit),
                starts.partition_point(|&s| s < limit),
                "limit {limit}"
            );
        }
        assert_eq!(gallop(&[], 3.0), 0);
    }

    #[test]
    fn close_points_cluster_and_far_points_do_not() {
        let timeline = fixture(&[
            ("a", "1956-08-30", None, 5),
            ("b", "1956-09-01", None, 3),
            ("c", "1980-01-01", None, 3),
        ]);
        let (layout, _, index) =
            layout_of(&timeline, TimeView::between(year(1900), year(2000)), 1000.0);
        let clusters: Vec<_> = layout
            .marks
            .iter()
            .filter(|m| matches!(m, Mark::Cluster { .. }))
            .collect();
        assert_eq!(clusters.len(), 1);
        assert_eq!(index.events_of(clusters[0]).len(), 2);
        // Zoomed in to 1956, the two separate.
        let (zoomed, _, _) = layout_of(
            &timeline,
            TimeView::between(year(1956) + 200.0, year(1956) + 280.0),
            1000.0,
        );
        assert_eq!(zoomed.marks.len(), 2);
        // Each on its own (a day 12 px wide is drawn over its day, as a bar).
        assert!(
            zoomed
                .marks
                .iter()
                .all(|m| !matches!(m, Mark::Cluster { .. }))
        );
    }

    #[test]
    fn periods_become_bars_in_separate_rows_when_they_overlap() {
        let timeline = fixture(&[
            ("p", "1950", Some("1960"), 3),
            ("q", "1955", Some("1965"), 3),
            ("r", "1970", Some("1975"), 3),
        ]);
        let index = LaneIndex::new(&timeline);
        assert_eq!(index.lanes[0].bar_rows.len(), 2);
        let (layout, _, _) =
            layout_of(&timeline, TimeView::between(year(1940), year(1980)), 1000.0);
        let bars: Vec<Rect> = layout
            .marks
            .iter()
            .filter_map(|m| match m {
                Mark::Bar { rect, .. } => Some(*rect),
                _ => None,
            })
            .collect();
        assert_eq!(bars.len(), 3);
        for (i, a) in bars.iter().enumerate() {
            for b in &bars[i + 1..] {
                assert!(!a.intersects(*b), "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn a_bar_with_no_room_in_its_row_takes_the_free_point_row_above() {
        // A is too narrow for its title and B follows it at once in the same row; the lane
        // has no label lines, and its point row is empty.
        let timeline = fixture(&[
            ("a", "1950-01-01", Some("1951-01-01"), 3),
            ("b", "1951-06-01", Some("1999-01-01"), 3),
        ]);
        let view = TimeView::between(year(1949), year(2000));
        let (layout, lanes, _) = layout_of(&timeline, view, 1000.0);
        let a = timeline.find("a").expect("a");
        let label = layout
            .labels
            .iter()
            .find(|l| l.event == a)
            .expect("the narrow bar keeps its title");
        assert!(
            (label.rect.center().y - lanes[0].point_y).abs() < 0.5,
            "{label:?} should sit in the point row at {}",
            lanes[0].point_y
        );
        assert!(label.rect.left() >= lanes[0].rect.left() + LABEL_PAD);
    }

    #[test]
    fn the_more_important_event_keeps_its_label() {
        // Two events 30 px apart at this zoom: both markers fit, only one label does.
        let timeline = fixture(&[
            ("minor", "1950-01-01", None, 1),
            ("major", "1953-01-01", None, 5),
        ]);
        // The minor event sits at the left edge, so its label has no room on either side.
        let view = TimeView::between(year(1949) + 300.0, year(2049) + 300.0);
        let (layout, _, _) = layout_of(&timeline, view, 1000.0);
        let labelled: Vec<EventIndex> = layout.labels.iter().map(|l| l.event).collect();
        let major = timeline.find("major").expect("major");
        assert!(labelled.contains(&major), "{labelled:?}");
        assert_eq!(labelled.len(), 1);
    }

    #[test]
    fn a_label_left_of_its_mark_never_sits_just_after_the_previous_mark() {
        // B is near the lane's right end, so its long title has no room right of its dot;
        // left of it there is just room enough, ending a few pixels after A's dot, where
        // it would read as A's label.
        let timeline = fixture(&[
            ("a", "1982-01-01", None, 1),
            ("b-long-name", "1996-01-01", None, 5),
        ]);
        let view = TimeView::between(year(1900), year(2000));
        let (layout, lanes, _) = layout_of(&timeline, view, 1000.0);
        let (a, b) = (
            timeline.find("a").expect("a"),
            timeline.find("b-long-name").expect("b"),
        );
        let dot = |event: EventIndex| {
            layout
                .marks
                .iter()
                .find_map(|m| match m {
                    Mark::Point {
                        event: e,
                        center,
                        radius,
                        ..
                    } if *e == event => Some((center.x - radius, center.x + radius)),
                    _ => None,
                })
                .expect("a point")
        };
        let ((_, a_right), (b_left, _)) = (dot(a), dot(b));
        let clearance = LEFT_LABEL_CLEARANCE * LayoutMetrics::DESKTOP.label_height;
        for label in layout.labels.iter().filter(|l| l.event == b) {
            let in_point_row = (label.rect.center().y - lanes[0].point_y).abs() < 0.5;
            if in_point_row && label.rect.right() <= b_left {
                assert!(
                    label.rect.left() - a_right >= clearance,
                    "B's label {:?} starts {} px after A's dot",
                    label.rect,
                    label.rect.left() - a_right
                );
            }
        }
    }

    #[test]
    fn a_short_period_a_bars_width_on_screen_is_a_bar_with_hard_ends() {
        let timeline = fixture(&[("plenum", "1956-08-30", Some("1956-08-31"), 3)]);
        // Seven weeks across 1000 px: the two days are some 40 px wide.
        let view = TimeView::between(year(1956) + 200.0, year(1956) + 252.0);
        let (layout, _, _) = layout_of(&timeline, view, 1000.0);
        let Some(Mark::Bar { rect, solid, .. }) = layout.marks.first() else {
            panic!("a bar: {:?}", layout.marks);
        };
        assert!(rect.width() >= MIN_BAR_WIDTH, "{rect:?}");
        assert_eq!(*solid, Some((rect.left(), rect.right())), "hard ends");
        // A century across 1000 px: a dot.
        let (layout, _, _) =
            layout_of(&timeline, TimeView::between(year(1900), year(2000)), 1000.0);
        assert!(
            matches!(layout.marks.first(), Some(Mark::Point { .. })),
            "{:?}",
            layout.marks
        );
    }

    #[test]
    fn uncertain_dates_carry_their_extent() {
        let timeline = fixture(&[("decade", "1950s", None, 3), ("day", "1956-08-30", None, 3)]);
        let (layout, _, _) =
            layout_of(&timeline, TimeView::between(year(1940), year(1970)), 1000.0);
        for mark in &layout.marks {
            if let Mark::Point {
                event, uncertainty, ..
            } = mark
            {
                let id = &timeline.events[*event].record.id;
                assert_eq!(uncertainty.is_some(), id == "decade", "{id}");
            }
        }
    }

    #[test]
    fn a_label_keeps_clear_of_a_short_uncertainty_band_but_not_a_long_one() {
        let timeline = fixture(&[("month", "1956-08", None, 3)]);
        for (years, clear) in [(2, true), (0, false)] {
            let view = if years == 0 {
                // Three weeks across 1000 px: August's band is far wider than the screen.
                TimeView::between(year(1956) + 220.0, year(1956) + 241.0)
            } else {
                TimeView::between(year(1956), year(1956 + years))
            };
            let (layout, _, _) = layout_of(&timeline, view, 1000.0);
            let Some(Mark::Point {
                uncertainty: Some((_, band_end)),
                center,
                ..
            }) = layout.marks.first()
            else {
                panic!("a point with a band: {:?}", layout.marks);
            };
            let label = layout.labels.first().expect("room for the label");
            if clear {
                assert!(label.rect.left() >= *band_end, "{label:?} vs {band_end}");
            } else {
                assert!(label.rect.left() < *band_end, "{label:?} vs {band_end}");
                assert!(label.rect.left() > center.x);
            }
        }
    }

    fn arbitrary_events() -> impl Strategy<Value = Vec<(String, String, Option<String>, u8)>> {
        prop::collection::vec(
            (
                1901i32..1999,
                1i32..13,
                1i32..29,
                prop::option::of(0i32..15),
                1u8..6,
            ),
            1..60,
        )
        .prop_map(|raw| {
            raw.into_iter()
                .enumerate()
                .map(|(i, (y, m, d, length, importance))| {
                    let date = format!("{y:04}-{m:02}-{d:02}");
                    let end = length.map(|l| format!("{:04}", (y + l).min(2000)));
                    (format!("e{i}"), date, end, importance)
                })
                .collect()
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        #[test]
        fn every_visible_event_is_in_exactly_one_mark_and_labels_never_overlap(
            events in arbitrary_events(),
            from in 1890i16..1990,
            years in 1i16..100,
            width in 100.0f32..2500.0,
        ) {
            let borrowed: Vec<(&str, &str, Option<&str>, u8)> = events
                .iter()
                .map(|(id, d, e, i)| (id.as_str(), d.as_str(), e.as_deref(), *i))
                .collect();
            let timeline = fixture(&borrowed);
            let view = TimeView::between(year(from), year(from + years));
            let (layout, lanes, index) = layout_of(&timeline, view, width);
            let mut seen = vec![0usize; timeline.events.len()];
            for mark in &layout.marks {
                for &event in index.events_of(mark) {
                    seen[event] += 1;
                }
            }
            for (position, event) in timeline.events.iter().enumerate() {
                let (a, b) = event.when.uncertainty();
                let visible = match index.row_of(position) {
                    Some(Row::Points) => (view.min..=view.max()).contains(&event.when.anchor()),
                    Some(Row::Bars(_)) => b >= view.min && a <= view.max(),
                    None => false,
                };
                prop_assert_eq!(seen[position], usize::from(visible), "event {}", position);
            }
            // Marks never overlap each other, in any row.
            let row: Vec<Rect> = layout.marks.iter().map(|m| match m {
                Mark::Point { center, radius, .. } => Rect::from_center_size(*center, egui::Vec2::splat(radius * 2.0)),
                Mark::Cluster { rect, .. } | Mark::Bar { rect, .. } => *rect,
            }).collect();
            for (i, a) in row.iter().enumerate() {
                for b in &row[i + 1..] {
                    prop_assert!(!a.shrink(0.01).intersects(b.shrink(0.01)), "{:?} {:?}", a, b);
                }
            }
            // Labels overlap neither each other nor any point-row mark, and stay in the lane.
            for (i, a) in layout.labels.iter().enumerate() {
                prop_assert!(a.rect.left() >= lanes[0].rect.left() - 0.01);
                for b in &layout.labels[i + 1..] {
                    prop_assert!(!a.rect.shrink(0.01).intersects(b.rect.shrink(0.01)), "{:?} {:?}", a, b);
                }
                for (mark, rect) in layout.marks.iter().zip(&row) {
                    let own = matches!(mark, Mark::Bar { event, .. } if *event == a.event);
                    prop_assert!(own || !a.rect.shrink(0.01).intersects(rect.shrink(0.01)));
                }
            }
        }
    }
}
