//! Sharing the timeline area's free height among the lanes. The lanes are laid out at
//! their natural height first; when labels are hidden and room is left below the last
//! lane, the lanes that hide labels get label lines under their point rows (most
//! important hidden label first, one line at a time), whatever is still free is shared
//! by all lanes, and the layout is made again. Two layouts of what is on screen, never
//! a pass over all events.

use super::frame::FrameGeometry;
use super::layout::{
    CLUSTER_NAMES, LaneGeometry, LaneGrowth, LaneIndex, LayoutRequest, Mark, TimelineLayout,
    lane_geometry_grown, most_important,
};
use crate::model::timeline::{EventIndex, Timeline};

/// Most label lines one lane gets.
pub const MAX_LABEL_LINES: usize = 4;
/// Room kept free under the last lane.
const BOTTOM_MARGIN: f32 = 4.0;

/// How labels are measured and which event is selected, for [`lay_out`].
pub struct LabelInput<'a> {
    /// Width of an event's title at the label size.
    pub measure: &'a dyn Fn(EventIndex) -> f32,
    /// Width of an event's short name (given as the text) at the label size.
    pub measure_short: &'a dyn Fn(EventIndex, &str) -> f32,
    /// Width of any other text at the label size.
    pub measure_text: &'a dyn Fn(&str) -> f32,
    /// The selected event.
    pub selected: Option<EventIndex>,
}

/// Lays out the marks and labels of `frame`, growing its lanes into the free height
/// below them while labels are hidden (`frame.lanes` is updated).
pub fn lay_out(
    timeline: &Timeline,
    index: &LaneIndex,
    frame: &mut FrameGeometry,
    input: &LabelInput<'_>,
) -> TimelineLayout {
    drop_cut_lanes(index, frame, input.selected);
    let first = TimelineLayout::new(timeline, index, &request(frame, &frame.lanes, input));
    let lanes_bottom = frame.lanes.last().map_or(frame.lanes_top, |lane| {
        lane.rect.bottom() + frame.metrics.lane_gap
    });
    let mut free = frame.bottom - BOTTOM_MARGIN - lanes_bottom;
    let hidden = hidden_by_lane(timeline, index, &first, frame);
    if !free.is_finite() || free < 1.0 || hidden.iter().all(|h| h.count == 0) {
        return first;
    }
    // Label lines, one at a time, round by round: in each round every lane that still
    // hides labels gets one more line, the lane hiding the most important label first.
    let line = frame.metrics.label_height.max(1.0);
    let mut grow = vec![LaneGrowth::default(); frame.lanes.len()];
    while free >= line {
        let next = hidden
            .iter()
            .zip(&grow)
            .enumerate()
            .filter(|(_, (h, g))| g.label_lines < h.count.min(MAX_LABEL_LINES))
            .max_by_key(|(n, (h, g))| {
                (
                    std::cmp::Reverse(g.label_lines),
                    h.importance,
                    std::cmp::Reverse(*n),
                )
            })
            .map(|(n, _)| n);
        let Some(n) = next else { break };
        if let Some(g) = grow.get_mut(n) {
            g.label_lines += 1;
        }
        free -= line;
    }
    // What is left is shared by all lanes.
    let count = u16::try_from(grow.len()).unwrap_or(u16::MAX).max(1);
    let share = free.max(0.0) / f32::from(count);
    for g in &mut grow {
        g.padding = share;
    }
    let shown: Vec<usize> = frame.lanes.iter().map(|lane| lane.category).collect();
    frame.lanes = lane_geometry_grown(
        index,
        &shown,
        &frame.metrics,
        (frame.area.left(), frame.area.right(), frame.lanes_top),
        &grow,
    );
    TimelineLayout::new(timeline, index, &request(frame, &frame.lanes, input))
}

/// The layout request for `lanes` of `frame`.
fn request<'a>(
    frame: &FrameGeometry,
    lanes: &'a [LaneGeometry],
    input: &LabelInput<'a>,
) -> LayoutRequest<'a> {
    LayoutRequest {
        mapping: frame.mapping,
        lanes,
        metrics: frame.metrics,
        measure: input.measure,
        measure_short: input.measure_short,
        measure_text: input.measure_text,
        selected: input.selected,
    }
}

/// While an event is selected (always, on the projector), leaves out the lanes that
/// would run off the bottom even at their smallest, from the last one up but never the
/// selected event's lane: its lane shows whole, and no lane shows cut through its
/// letters. Without a selection every lane stays (an exported file holds every event
/// in view, drawn or not).
fn drop_cut_lanes(index: &LaneIndex, frame: &mut FrameGeometry, selected: Option<EventIndex>) {
    let Some(keep) = selected
        .and_then(|e| index.position_of(e))
        .map(|(lane, _, _)| lane)
    else {
        return;
    };
    let keep = Some(keep);
    let mut shown: Vec<usize> = frame.lanes.iter().map(|lane| lane.category).collect();
    let cut = |lanes: &[LaneGeometry]| {
        lanes
            .last()
            .is_some_and(|lane| lane.rect.bottom() > frame.bottom + 0.5)
    };
    while shown.len() > 1 && cut(&frame.lanes) {
        let Some(drop) = shown.iter().rposition(|&c| Some(c) != keep) else {
            break;
        };
        shown.remove(drop);
        frame.lanes = lane_geometry_grown(
            index,
            &shown,
            &frame.metrics,
            (frame.area.left(), frame.area.right(), frame.lanes_top),
            &[],
        );
    }
}

/// What a lane hides: how many of its marks have no label, and the most important
/// event among them.
#[derive(Clone, Copy, Debug, Default)]
struct Hidden {
    count: usize,
    importance: u8,
}

/// For each shown lane, what it hides in `layout`.
fn hidden_by_lane(
    timeline: &Timeline,
    index: &LaneIndex,
    layout: &TimelineLayout,
    frame: &FrameGeometry,
) -> Vec<Hidden> {
    let mut labelled: Vec<EventIndex> = layout.labels.iter().map(|l| l.event).collect();
    labelled.sort_unstable();
    let mut hidden = vec![Hidden::default(); frame.lanes.len()];
    let position = |category: usize| frame.lanes.iter().position(|l| l.category == category);
    for mark in &layout.marks {
        let (lane, event, lines_wanted) = match mark {
            Mark::Point { event, .. } | Mark::Bar { event, .. } => {
                if labelled.binary_search(event).is_ok() {
                    continue;
                }
                (
                    timeline.events.get(*event).map(|e| e.category),
                    Some(*event),
                    1,
                )
            }
            // A cluster is named by its most important member: it counts once, unless
            // that label is already drawn.
            Mark::Cluster { lane, range, .. } => {
                let named = layout
                    .labels
                    .iter()
                    .any(|l| l.more > 0 && index.mark_contains(mark, l.event));
                let wanted = range.len().min(1 + CLUSTER_NAMES) - usize::from(named);
                if wanted == 0 {
                    continue;
                }
                (
                    Some(*lane),
                    most_important(timeline, index.events_of(mark)),
                    wanted,
                )
            }
        };
        let Some(n) = lane.and_then(position) else {
            continue;
        };
        let importance = event
            .and_then(|e| timeline.events.get(e))
            .map_or(1, |e| e.record.importance);
        if let Some(h) = hidden.get_mut(n) {
            h.count += lines_wanted;
            h.importance = h.importance.max(importance);
        }
    }
    hidden
}
