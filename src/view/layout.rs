//! Where everything goes on the timeline for one frame: lanes and their rows,
//! point markers, period bars, cluster badges and labels — computed from the
//! timeline, the view and the lane geometry, without any egui `Ui`.
//!
//! The guarantees, tested below: every visible event lands in exactly one mark
//! (a point, a bar or a cluster); marks in a row never overlap; labels never
//! overlap each other or a mark; the more important events keep their labels.

use egui::{Pos2, Rect, pos2};

use super::transform::ScreenMapping;
use crate::model::date::Days;
use crate::model::timeline::{EventIndex, Timeline};

/// Most bar rows a lane gets; further overlapping periods are drawn as points.
pub const MAX_BAR_ROWS: usize = 4;
/// A period narrower than this on screen is drawn as a point.
pub const MIN_BAR_WIDTH: f32 = 10.0;
/// Points closer than this merge into a cluster.
pub const CLUSTER_DISTANCE: f32 = 20.0;
/// Space between a marker and its label.
const LABEL_PAD: f32 = 4.0;

/// The events of one lane, arranged once per load.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LaneEvents {
    /// Events drawn as points, by anchor.
    pub points: Vec<EventIndex>,
    /// `points`' anchors, for binary search.
    point_anchors: Vec<Days>,
    /// How far any point's uncertainty band reaches from its anchor.
    point_reach: Days,
    /// Periods, in rows of non-overlapping bars, each row by start.
    pub bar_rows: Vec<Vec<EventIndex>>,
    /// Each bar row's ends, for binary search (ends are sorted because bars in a row do not overlap).
    bar_ends: Vec<Vec<Days>>,
}

/// Every lane's events, built once per load.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LaneIndex {
    /// One per category, in category order.
    pub lanes: Vec<LaneEvents>,
}

impl LaneIndex {
    /// Sorts the timeline's events into lanes and packs periods into bar rows.
    pub fn new(timeline: &Timeline) -> Self {
        let mut lanes = vec![LaneEvents::default(); timeline.categories.len()];
        let mut row_last_end: Vec<Vec<Days>> = vec![Vec::new(); lanes.len()];
        // Events are sorted by anchor; a period's anchor is its start, so rows fill in start order.
        for (index, event) in timeline.events.iter().enumerate() {
            let Some(lane) = lanes.get_mut(event.category) else {
                continue;
            };
            let (start, end) = event.when.uncertainty();
            if event.when.is_period() {
                let ends = &mut row_last_end[event.category];
                if let Some(row) = ends.iter().position(|&last| last <= start) {
                    ends[row] = end;
                    lane.bar_rows[row].push(index);
                    lane.bar_ends[row].push(end);
                    continue;
                }
                if ends.len() < MAX_BAR_ROWS {
                    ends.push(end);
                    lane.bar_rows.push(vec![index]);
                    lane.bar_ends.push(vec![end]);
                    continue;
                }
            }
            let anchor = event.when.anchor();
            lane.point_reach = lane.point_reach.max(anchor - start).max(end - anchor);
            lane.points.push(index);
            lane.point_anchors.push(anchor);
        }
        // Overflowing periods were appended out of anchor order only if anchors differ; keep sorted.
        for lane in &mut lanes {
            let mut pairs: Vec<(Days, EventIndex)> = lane
                .point_anchors
                .iter()
                .copied()
                .zip(lane.points.iter().copied())
                .collect();
            if !pairs.is_sorted_by(|a, b| a.0 <= b.0) {
                pairs.sort_by(|a, b| a.0.total_cmp(&b.0));
                lane.point_anchors = pairs.iter().map(|p| p.0).collect();
                lane.points = pairs.iter().map(|p| p.1).collect();
            }
        }
        Self { lanes }
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
}

impl LayoutMetrics {
    /// For the desktop theme.
    pub const DESKTOP: Self = Self {
        point_row: 30.0,
        bar_row: 17.0,
        lane_gap: 6.0,
        marker_base: 3.0,
        marker_step: 0.8,
        label_height: 15.0,
    };

    /// Radius of a marker for an event of this importance.
    pub fn marker_radius(&self, importance: u8) -> f32 {
        self.marker_base + self.marker_step * f32::from(importance.clamp(1, 5))
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
    let mut y = top;
    shown
        .iter()
        .filter_map(|&category| {
            let lane = index.lanes.get(category)?;
            let height = metrics.lane_height(lane.bar_rows.len());
            let rect =
                Rect::from_min_max(pos2(left, y), pos2(right, y + height - metrics.lane_gap));
            y += height;
            Some(LaneGeometry {
                category,
                rect,
                point_y: rect.top() + metrics.point_row / 2.0,
                bars_top: rect.top() + metrics.point_row,
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
        /// The x-range the date may lie in, when wider than the marker (low precision or "c.").
        uncertainty: Option<(f32, f32)>,
    },
    /// A period drawn as a bar.
    Bar {
        /// The event.
        event: EventIndex,
        /// The bar, from the earliest possible start to the latest possible end.
        rect: Rect,
        /// Where the surely-covered part begins and ends; outside it the bar fades.
        solid: Option<(f32, f32)>,
    },
    /// Several events too close to tell apart at this zoom.
    Cluster {
        /// The events, in time order.
        events: Vec<EventIndex>,
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

    /// The events this mark stands for.
    pub fn events(&self) -> &[EventIndex] {
        match self {
            Self::Point { event, .. } | Self::Bar { event, .. } => std::slice::from_ref(event),
            Self::Cluster { events, .. } => events,
        }
    }
}

/// A label placed beside a mark.
#[derive(Clone, Debug, PartialEq)]
pub struct Label {
    /// Whose title it is.
    pub event: EventIndex,
    /// Where the text goes.
    pub rect: Rect,
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
    /// Whether an event passes the filters.
    pub is_shown: &'a dyn Fn(EventIndex) -> bool,
    /// Width of an event's label text in pixels.
    pub measure: &'a dyn Fn(EventIndex) -> f32,
    /// The selected event, which gets its label first.
    pub selected: Option<EventIndex>,
}

impl TimelineLayout {
    /// Lays out every shown lane.
    pub fn new(timeline: &Timeline, index: &LaneIndex, request: &LayoutRequest<'_>) -> Self {
        let mut layout = Self::default();
        for geometry in request.lanes {
            if let Some(lane) = index.lanes.get(geometry.category) {
                layout_lane(timeline, lane, geometry, request, &mut layout);
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

/// A bar of one row before it becomes a [`Mark::Bar`]: event, rectangle, solid part.
type BarMark = (EventIndex, Rect, Option<(f32, f32)>);

/// Candidate for the point row: an event at an x.
struct PointCandidate {
    event: EventIndex,
    x: f32,
    radius: f32,
    uncertainty: (f32, f32),
    time: (Days, Days),
}

fn layout_lane(
    timeline: &Timeline,
    lane: &LaneEvents,
    geometry: &LaneGeometry,
    request: &LayoutRequest<'_>,
    layout: &mut TimelineLayout,
) {
    let mapping = &request.mapping;
    let view = mapping.view();
    let (left, right) = (geometry.rect.left(), geometry.rect.right());
    let mut candidates: Vec<PointCandidate> = Vec::new();
    let point_candidate = |event: EventIndex| -> PointCandidate {
        let record = &timeline.events[event];
        let (u0, u1) = record.when.uncertainty();
        let center = if record.when.is_period() {
            let (a, b) = record.when.interval();
            (a + b) / 2.0
        } else {
            record.when.anchor()
        };
        PointCandidate {
            event,
            x: mapping.x(center),
            radius: request.metrics.marker_radius(record.record.importance),
            uncertainty: (mapping.x(u0), mapping.x(u1)),
            time: (u0, u1),
        }
    };
    let visible = |(from, to): (Days, Days)| to >= view.min && from <= view.max();

    // Bars, row by row; bars too narrow to see become points.
    let mut bar_label_slots: Vec<(EventIndex, Rect, f32)> = Vec::new();
    for (row, (bars, ends)) in lane.bar_rows.iter().zip(&lane.bar_ends).enumerate() {
        let first = ends.partition_point(|&end| end < view.min);
        let row_top = geometry.bars_top + geometry.bar_height * row as f32;
        let mut row_marks: Vec<BarMark> = Vec::new();
        for &event in &bars[first..] {
            let when = timeline.events[event].when;
            let (start, end) = when.uncertainty();
            if start > view.max() {
                break;
            }
            if !(request.is_shown)(event) || !visible((start, end)) {
                continue;
            }
            let (x0, x1) = (mapping.x(start), mapping.x(end));
            if x1 - x0 < MIN_BAR_WIDTH {
                candidates.push(point_candidate(event));
                continue;
            }
            let rect = Rect::from_min_max(
                pos2(x0, row_top + 2.0),
                pos2(x1, row_top + geometry.bar_height - 2.0),
            );
            let solid = when
                .certain_core()
                .map(|(a, b)| (mapping.x(a), mapping.x(b)));
            row_marks.push((event, rect, solid));
        }
        // Label slots: inside the visible part of the bar, or up to the next bar in the row.
        for (i, &(event, rect, _)) in row_marks.iter().enumerate() {
            let next_start = row_marks
                .get(i + 1)
                .map_or(right, |n| n.1.left())
                .min(right);
            let visible_left = rect.left().max(left);
            bar_label_slots.push((
                event,
                Rect::from_min_max(
                    pos2(visible_left, rect.top()),
                    pos2(rect.right().min(right), rect.bottom()),
                ),
                next_start,
            ));
        }
        layout
            .marks
            .extend(row_marks.into_iter().map(|(event, rect, solid)| Mark::Bar {
                event,
                rect,
                solid,
            }));
    }

    // Points, found by binary search on anchors widened by the farthest uncertainty.
    let from = lane
        .point_anchors
        .partition_point(|&a| a < view.min - lane.point_reach);
    let to = lane
        .point_anchors
        .partition_point(|&a| a <= view.max() + lane.point_reach);
    for &event in &lane.points[from..to.max(from)] {
        if !(request.is_shown)(event) {
            continue;
        }
        let candidate = point_candidate(event);
        if visible(candidate.time) {
            candidates.push(candidate);
        }
    }
    candidates.sort_by(|a, b| a.x.total_cmp(&b.x).then(a.event.cmp(&b.event)));

    // Cluster: consecutive points closer than CLUSTER_DISTANCE share a badge.
    let y = geometry.point_y;
    let mut point_marks: Vec<(f32, f32, Option<EventIndex>)> = Vec::new(); // extent and single event
    let mut group: Vec<PointCandidate> = Vec::new();
    let mut flush = |group: &mut Vec<PointCandidate>, layout: &mut TimelineLayout| match group.len()
    {
        0 => {}
        1 => {
            let Some(only) = group.pop() else { return };
            let wide = only.uncertainty.1 - only.uncertainty.0 > only.radius * 2.0;
            point_marks.push((only.x - only.radius, only.x + only.radius, Some(only.event)));
            layout.marks.push(Mark::Point {
                event: only.event,
                center: pos2(only.x, y),
                radius: only.radius,
                uncertainty: wide.then_some(only.uncertainty),
            });
        }
        _ => {
            let first_x = group.first().map_or(0.0, |c| c.x);
            let last_x = group.last().map_or(0.0, |c| c.x);
            let half = request.metrics.point_row * 0.3;
            let rect = Rect::from_min_max(
                pos2(first_x - half, y - half),
                pos2(last_x + half, y + half),
            );
            let time_range = group
                .iter()
                .fold((f64::INFINITY, f64::NEG_INFINITY), |acc, c| {
                    (acc.0.min(c.time.0), acc.1.max(c.time.1))
                });
            let mut events: Vec<EventIndex> = group.drain(..).map(|c| c.event).collect();
            events.sort_unstable();
            point_marks.push((rect.left(), rect.right(), None));
            layout.marks.push(Mark::Cluster {
                events,
                rect,
                time_range,
            });
        }
    };
    for candidate in candidates {
        if let Some(last) = group.last()
            && candidate.x - last.x >= CLUSTER_DISTANCE
        {
            flush(&mut group, layout);
        }
        group.push(candidate);
    }
    flush(&mut group, layout);

    place_labels(
        timeline,
        geometry,
        request,
        &point_marks,
        &bar_label_slots,
        layout,
    );
}

/// Places labels, most important first: bar labels inside their bar or just after it;
/// point labels right of the marker, else left, never over another label or mark.
fn place_labels(
    timeline: &Timeline,
    geometry: &LaneGeometry,
    request: &LayoutRequest<'_>,
    point_marks: &[(f32, f32, Option<EventIndex>)],
    bar_slots: &[(EventIndex, Rect, f32)],
    layout: &mut TimelineLayout,
) {
    let (left, right) = (geometry.rect.left(), geometry.rect.right());
    for &(event, visible_bar, next_start) in bar_slots {
        let width = (request.measure)(event);
        let inside = visible_bar.width() >= width + 2.0 * LABEL_PAD;
        let after = visible_bar.right() + LABEL_PAD + width + LABEL_PAD <= next_start;
        let x = if inside {
            Some(visible_bar.left() + LABEL_PAD)
        } else if after {
            Some(visible_bar.right() + LABEL_PAD)
        } else {
            None
        };
        if let Some(x) = x {
            layout.labels.push(Label {
                event,
                rect: Rect::from_min_max(
                    pos2(x, visible_bar.top()),
                    pos2(x + width, visible_bar.bottom()),
                ),
            });
        }
    }

    // Points: importance first (the selected event before all), then time.
    let mut order: Vec<(usize, EventIndex)> = point_marks
        .iter()
        .enumerate()
        .filter_map(|(i, &(_, _, event))| event.map(|e| (i, e)))
        .collect();
    order.sort_by_key(|&(_, event)| {
        (
            request.selected != Some(event),
            std::cmp::Reverse(timeline.events[event].record.importance),
            event,
        )
    });
    let half = request.metrics.label_height / 2.0;
    let y = geometry.point_y;
    // Occupied x-intervals in the point row: marks first, then placed labels; kept sorted.
    let mut occupied: Vec<(f32, f32)> = point_marks.iter().map(|&(a, b, _)| (a, b)).collect();
    occupied.sort_by(|a, b| a.0.total_cmp(&b.0));
    let overlaps = |occupied: &[(f32, f32)], (a, b): (f32, f32)| -> bool {
        // Intervals are disjoint and sorted, so only the neighbours of `a` can overlap.
        let i = occupied.partition_point(|&(_, end)| end <= a);
        occupied.get(i).is_some_and(|&(start, _)| start < b)
    };
    for (mark_index, event) in order {
        let (mark_left, mark_right, _) = point_marks[mark_index];
        let width = (request.measure)(event);
        let right_side = (mark_right + LABEL_PAD, mark_right + LABEL_PAD + width);
        let left_side = (mark_left - LABEL_PAD - width, mark_left - LABEL_PAD);
        let fits = |(a, b): (f32, f32)| a >= left && b <= right && !overlaps(&occupied, (a, b));
        let chosen = if fits(right_side) {
            Some(right_side)
        } else if fits(left_side) {
            Some(left_side)
        } else {
            None
        };
        if let Some((a, b)) = chosen {
            let position = occupied.partition_point(|&(start, _)| start < a);
            occupied.insert(position, (a, b));
            layout.labels.push(Label {
                event,
                rect: Rect::from_min_max(pos2(a, y - half), pos2(b, y + half)),
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
    ) -> (TimelineLayout, Vec<LaneGeometry>) {
        let index = LaneIndex::new(timeline);
        let metrics = LayoutMetrics::DESKTOP;
        let lanes = lane_geometry(&index, &[0], &metrics, 0.0, width, 0.0);
        let mapping = ScreenMapping::new(view, 0.0, width);
        let measure = |e: EventIndex| 7.0 * timeline.events[e].record.title.len() as f32;
        let request = LayoutRequest {
            mapping,
            lanes: &lanes,
            metrics,
            is_shown: &|_| true,
            measure: &measure,
            selected: None,
        };
        (TimelineLayout::new(timeline, &index, &request), lanes)
    }

    fn year(y: i16) -> Days {
        crate::model::date::days_from_year(y)
    }

    #[test]
    fn close_points_cluster_and_far_points_do_not() {
        let timeline = fixture(&[
            ("a", "1956-08-30", None, 5),
            ("b", "1956-09-01", None, 3),
            ("c", "1980-01-01", None, 3),
        ]);
        let (layout, _) = layout_of(&timeline, TimeView::between(year(1900), year(2000)), 1000.0);
        let clusters: Vec<_> = layout
            .marks
            .iter()
            .filter(|m| matches!(m, Mark::Cluster { .. }))
            .collect();
        assert_eq!(clusters.len(), 1);
        assert_eq!(clusters[0].events().len(), 2);
        // Zoomed in to 1956, the two separate.
        let (zoomed, _) = layout_of(
            &timeline,
            TimeView::between(year(1956) + 200.0, year(1956) + 280.0),
            1000.0,
        );
        assert_eq!(zoomed.marks.len(), 2);
        assert!(zoomed.marks.iter().all(|m| matches!(m, Mark::Point { .. })));
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
        let (layout, _) = layout_of(&timeline, TimeView::between(year(1940), year(1980)), 1000.0);
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
    fn the_more_important_event_keeps_its_label() {
        // Two events 30 px apart at this zoom: both markers fit, only one label does.
        let timeline = fixture(&[
            ("minor", "1950-01-01", None, 1),
            ("major", "1953-01-01", None, 5),
        ]);
        // The minor event sits at the left edge, so its label has no room on either side.
        let view = TimeView::between(year(1949) + 300.0, year(2049) + 300.0);
        let (layout, _) = layout_of(&timeline, view, 1000.0);
        let labelled: Vec<EventIndex> = layout.labels.iter().map(|l| l.event).collect();
        let major = timeline.find("major").expect("major");
        assert!(labelled.contains(&major), "{labelled:?}");
        assert_eq!(labelled.len(), 1);
    }

    #[test]
    fn uncertain_dates_carry_their_extent() {
        let timeline = fixture(&[("decade", "1950s", None, 3), ("day", "1956-08-30", None, 3)]);
        let (layout, _) = layout_of(&timeline, TimeView::between(year(1940), year(1970)), 1000.0);
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
            let (layout, lanes) = layout_of(&timeline, view, width);
            let mut seen = vec![0usize; timeline.events.len()];
            for mark in &layout.marks {
                for &event in mark.events() {
                    seen[event] += 1;
                }
            }
            for (index, event) in timeline.events.iter().enumerate() {
                let (a, b) = event.when.uncertainty();
                let visible = b >= view.min && a <= view.max();
                prop_assert_eq!(seen[index], usize::from(visible), "event {}", index);
            }
            // Marks in the point row never overlap each other.
            let row: Vec<Rect> = layout.marks.iter().filter_map(|m| match m {
                Mark::Point { center, radius, .. } => Some(Rect::from_center_size(*center, egui::Vec2::splat(radius * 2.0))),
                Mark::Cluster { rect, .. } => Some(*rect),
                Mark::Bar { .. } => None,
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
                for mark in &row {
                    prop_assert!(!a.rect.shrink(0.01).intersects(mark.shrink(0.01)));
                }
            }
        }
    }
}
