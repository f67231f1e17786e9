//! Sharing the timeline area's free height among the lanes. The lanes are laid out at
//! their natural height first; when labels are hidden and room is left below the last
//! lane, the lanes that hide labels get label lines under their point rows (most
//! important hidden label first, one line at a time), whatever is still free is shared
//! by all lanes, and the layout is made again. Two layouts of what is on screen, never
//! a pass over all events.

use super::frame::FrameGeometry;
use super::layout::{
    CLUSTER_NAMES, CLUSTER_SCAN, LaneGeometry, LaneGrowth, LaneIndex, LayoutRequest, Mark,
    TimelineLayout, lane_geometry_grown, most_important,
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
    // No room to grow into: what the lanes hide does not matter (finding it out costs a
    // ranking of every cluster's members).
    if !free.is_finite() || free < 1.0 {
        return first;
    }
    let hidden = hidden_by_lane(timeline, index, &first, frame);
    if hidden.iter().all(|h| h.count() == 0) {
        return first;
    }
    // Label lines, one at a time: each goes to the lane whose next line would show the
    // most important label still hidden (its `k`th line the `k`th most important of what
    // it hides), the lane with fewer lines first among equals. A lane hiding an
    // importance-3 label waits while another still hides importance-4 ones.
    let line = frame.metrics.label_height.max(1.0);
    let mut grow = vec![LaneGrowth::default(); frame.lanes.len()];
    while free >= line {
        let next = hidden
            .iter()
            .zip(&grow)
            .enumerate()
            .filter(|(_, (h, g))| g.label_lines < h.count().min(MAX_LABEL_LINES))
            .max_by_key(|(n, (h, g))| {
                (
                    h.importances.get(g.label_lines).copied().unwrap_or(0),
                    std::cmp::Reverse(g.label_lines),
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

/// What a lane hides: the importance of each label it could not place (a cluster
/// counts once for each member it would name), most important first.
#[derive(Clone, Debug, Default)]
struct Hidden {
    importances: Vec<u8>,
}

impl Hidden {
    /// How many labels it hides.
    fn count(&self) -> usize {
        self.importances.len()
    }
}

/// For each shown lane, what it hides in `layout`.
fn hidden_by_lane(
    timeline: &Timeline,
    index: &LaneIndex,
    layout: &TimelineLayout,
    frame: &FrameGeometry,
) -> Vec<Hidden> {
    // A label cut short for want of room is hidden in part: its lane grows for it too.
    let mut labelled: Vec<EventIndex> = layout
        .labels
        .iter()
        .filter(|l| !l.cut)
        .map(|l| l.event)
        .collect();
    labelled.sort_unstable();
    let mut hidden = vec![Hidden::default(); frame.lanes.len()];
    let position = |category: usize| frame.lanes.iter().position(|l| l.category == category);
    let importance = |e: EventIndex| timeline.importance(e).unwrap_or(1);
    // Labels that name a cluster (few): a cluster whose top member is among them is named.
    let naming: Vec<EventIndex> = layout
        .labels
        .iter()
        .filter(|l| l.more > 0)
        .map(|l| l.event)
        .collect();
    for mark in &layout.marks {
        match mark {
            Mark::Point { event, .. } | Mark::Bar { event, .. } => {
                if labelled.binary_search(event).is_ok() {
                    continue;
                }
                let lane = timeline.events.get(*event).map(|e| e.category);
                if let Some(h) = lane.and_then(position).and_then(|n| hidden.get_mut(n)) {
                    h.importances.push(importance(*event));
                }
            }
            // A cluster is named by its most important members: the names it would
            // show and does not (its top one is already drawn when it is named).
            Mark::Cluster { lane, .. } => {
                let named = naming.iter().any(|&e| index.mark_contains(mark, e));
                let events = index.events_of(mark);
                let wanted = events.len().min(1 + CLUSTER_NAMES) - usize::from(named);
                if wanted == 0 {
                    continue;
                }
                let Some(h) = position(*lane).and_then(|n| hidden.get_mut(n)) else {
                    continue;
                };
                // At most `1 + CLUSTER_NAMES` are wanted: the highest importances found in
                // one pass, highest first (as sorting them all would give).
                let mut members = [None::<u8>; 1 + CLUSTER_NAMES];
                for &e in events.iter().take(CLUSTER_SCAN) {
                    let mut carried = importance(e);
                    for slot in &mut members {
                        match slot {
                            None => {
                                *slot = Some(carried);
                                break;
                            }
                            Some(held) if carried > *held => std::mem::swap(held, &mut carried),
                            Some(_) => {}
                        }
                    }
                }
                let top = most_important(timeline, events).map_or(1, importance);
                let members = members
                    .into_iter()
                    .flatten()
                    .skip(usize::from(named))
                    .take(wanted);
                // Never less than the top's importance for its own name.
                let first = h.importances.len();
                h.importances.extend(members);
                if let (false, Some(first)) = (named, h.importances.get_mut(first)) {
                    *first = (*first).max(top);
                }
            }
        }
    }
    for h in &mut hidden {
        h.importances.sort_unstable_by(|a, b| b.cmp(a));
    }
    hidden
}
