//! Where everything goes on the timeline for one frame: lanes and their rows,
//! point markers, period bars, cluster badges and labels — computed from the
//! timeline, the view and the lane geometry, without any egui `Ui`.
//!
//! Work per frame is proportional to what fits on screen, not to the number of
//! events: events are sorted into rows once per load, and each frame walks a row
//! by binary search (the point row: down a tree of its widest gaps), jumping over
//! everything too dense to draw one by one into a cluster that stands for a
//! contiguous range of the row.
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

mod gaps;
mod geometry;
mod index;
mod labels;
mod marks;

pub use gaps::*;
pub use geometry::*;
pub use index::*;
pub use labels::*;
pub use marks::*;

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
    fn a_clusters_next_names_are_its_most_important_members_after_the_top_earliest_first() {
        let importances = [3u8, 5, 1, 5, 4, 4, 2, 5, 3, 1];
        let events: Vec<(String, String, Option<&str>, u8)> = importances
            .iter()
            .enumerate()
            .map(|(i, &importance)| {
                (
                    format!("e{i}"),
                    format!("19{:02}-01-01", 10 + i),
                    None,
                    importance,
                )
            })
            .collect();
        let borrowed: Vec<(&str, &str, Option<&str>, u8)> = events
            .iter()
            .map(|(id, date, end, importance)| (id.as_str(), date.as_str(), *end, *importance))
            .collect();
        let timeline = fixture(&borrowed);
        // What sorting every member gives: more important first, then the earlier index.
        let reference = |members: &[EventIndex], top: EventIndex| -> Vec<EventIndex> {
            let mut ranked: Vec<(std::cmp::Reverse<u8>, EventIndex)> = members
                .iter()
                .filter(|&&e| e != top)
                .map(|&e| (std::cmp::Reverse(timeline.events[e].record.importance), e))
                .collect();
            ranked.sort();
            ranked
                .into_iter()
                .take(CLUSTER_NAMES)
                .map(|(_, e)| e)
                .collect()
        };
        let all: Vec<EventIndex> = (0..timeline.events.len()).collect();
        let mut reversed = all.clone();
        reversed.reverse();
        for members in [
            &all[..],
            &reversed[..],
            &all[2..5],
            &all[..1],
            &all[..2],
            &[],
        ] {
            // The top one, as `most_important` finds it, then the next ones after it.
            let [top, others @ ..] =
                marks::ranked::<{ 1 + CLUSTER_NAMES }>(&timeline, members, None);
            assert_eq!(top, most_important(&timeline, members), "{members:?}");
            let others: Vec<EventIndex> = others.into_iter().flatten().collect();
            assert_eq!(
                others,
                top.map(|t| reference(members, t)).unwrap_or_default(),
                "{members:?}"
            );
            for except in [0, 1, 3, 7, 9] {
                let next: Vec<EventIndex> =
                    marks::ranked::<CLUSTER_NAMES>(&timeline, members, Some(except))
                        .into_iter()
                        .flatten()
                        .collect();
                assert_eq!(
                    next,
                    reference(members, except),
                    "{members:?} without {except}"
                );
            }
        }
        // The two most important after a top of importance 5: the other fives.
        let [top, others @ ..] = marks::ranked::<{ 1 + CLUSTER_NAMES }>(&timeline, &all, None);
        let five =
            |e: &Option<EventIndex>| e.is_some_and(|e| timeline.events[e].record.importance == 5);
        assert!(five(&top) && others.iter().all(five), "{top:?} {others:?}");
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
