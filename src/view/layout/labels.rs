//! The labels of one lane for one frame: beside their marks, in bars, on the label
//! lines under the point row and in what the bar rows leave free — most important
//! first, never over another label or mark, never where it would read as another
//! mark's label, never across the selected bar's outline.

use super::*;

/// Whether `a..b` is free in `occupied` (sorted, disjoint intervals).
pub(super) fn is_free(occupied: &[(f32, f32)], a: f32, b: f32) -> bool {
    let i = occupied.partition_point(|&(_, end)| end <= a);
    occupied.get(i).is_none_or(|&(start, _)| start >= b)
}

/// Marks `a..b` as taken in `occupied`, merging what it overlaps so the intervals stay
/// sorted and disjoint.
pub(super) fn occupy(occupied: &mut Vec<(f32, f32)>, a: f32, b: f32) {
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

/// The texts a label may show, longest first: the title, then the short name when it is
/// narrower (as `(short, width)`); kept on the stack, as every mark asks for them.
#[derive(Clone, Copy, Debug)]
pub(super) struct Names {
    list: [(bool, f32); 2],
    short: bool,
}

impl Names {
    fn new(title: f32, short: Option<f32>) -> Self {
        Self {
            list: [(false, title), (true, short.unwrap_or(title))],
            short: short.is_some(),
        }
    }

    /// The variants, longest first.
    fn as_slice(&self) -> &[(bool, f32)] {
        let len = if self.short { 2 } else { 1 };
        self.list.get(..len).unwrap_or(&self.list)
    }
}

/// Places labels, most important first: bar labels inside their bar or just after it;
/// point labels right of the marker, else left, never over another label or mark; what
/// finds no room there goes to the lane's label lines, under its mark; clusters that
/// remain are named by their most important member (the badge gives the count). A title
/// that does not
/// fit may be replaced by the event's short name.
pub(super) fn place_labels(
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
    let importance = |event: EventIndex| timeline.importance(event).unwrap_or(0);
    // No label is wider than this: a longer name is cut with an ellipsis (by the scene).
    let widest = max_label_width(metrics.label_height, right - left);
    // Measuring text costs far more than anything else here, and most marks in a dense
    // view have no room at all: rule those out first with a width no label is below.
    let at_least = |event: EventIndex| {
        timeline.name_chars(event).map_or(0.0, |chars| {
            (f32::from(chars) * metrics.label_height * NARROWEST_GLYPH).min(widest)
        })
    };
    // The texts a label may show, longest first: the title, then the short name; each
    // name no wider than `widest`.
    let variants = |event: EventIndex| -> Names {
        let capped = |name: f32| name.min(widest);
        let title = capped((request.measure)(event));
        let short = timeline
            .events
            .get(event)
            .and_then(|e| e.record.short_name.as_deref())
            .map(|short| capped((request.measure_short)(event, short)))
            .filter(|&width| width < title);
        Names::new(title, short)
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
            .as_slice()
            .iter()
            .copied()
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
        let placed = variants(event)
            .as_slice()
            .iter()
            .find_map(|&(short, width)| {
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
    // (Intervals of the same start merge into the same one below, in any order.)
    occupied.sort_unstable_by(|a, b| a.0.total_cmp(&b.0));
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
                        .as_slice()
                        .iter()
                        .find_map(|&(short, width)| {
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
        let names = variants(event);
        let candidates = names.as_slice();
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

/// Whether a label on a line under the point row, starting at `a`, reads as its own
/// mark's (`own`, as placed): it starts under that mark, or no other mark of the point
/// row lies over its first `clearance` pixels (seen: "Declaration of the Rights of Man…", right-aligned under its
/// mark, starting under the badge of the National Assembly).
fn starts_under_its_own(point_row: &[(f32, f32)], own: (f32, f32), a: f32, clearance: f32) -> bool {
    let is_own = |&(m0, m1): &(f32, f32)| (m0 - own.0).abs() < 0.01 && (m1 - own.1).abs() < 0.01;
    // Starting under its own mark (its left end, or within a bar), it reads as its own.
    let under_own = a >= own.0 - LABEL_SPACE && a <= own.1 + LABEL_SPACE;
    under_own
        || !point_row
            .iter()
            .any(|m| !is_own(m) && m.1 > a - LABEL_SPACE && m.0 < a + clearance)
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

/// The widest label `taken` leaves room for on a line from `left` to `right`: between
/// two of its intervals (a word space from each), or between one and the line's end.
/// No label wider fits anywhere on the line, whatever else keeps it out.
fn widest_room(taken: &[(f32, f32)], (left, right): (f32, f32)) -> f32 {
    let mut end_before = left - LABEL_SPACE;
    let mut widest = 0.0f32;
    for &(start, end) in taken {
        // (What lies past the line's end bounds nothing on it.)
        widest = widest.max(start.min(right + LABEL_SPACE) - end_before - 2.0 * LABEL_SPACE);
        end_before = end_before.max(end);
    }
    widest.max(right - end_before - LABEL_SPACE)
}

/// A line labels may go on: its centre, the x-intervals already taken in it (sorted and
/// disjoint), and the extents of the marks drawn on it (for a label line, none).
type TextLine = (f32, Vec<(f32, f32)>, Vec<(f32, f32)>);

/// How labels are measured and kept apart: a width no label of an event is below, the
/// texts it may show (short name or not, width), and whether a span at a height keeps
/// clear of the selected bar's label.
type LabelRules<'a> = (
    &'a dyn Fn(EventIndex) -> f32,
    &'a dyn Fn(EventIndex) -> Names,
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
    let importance = |event: EventIndex| timeline.importance(event).unwrap_or(0);
    // Single events before a cluster's name, a cluster's name before its next members.
    // (Each key computed once; the stable order among equal keys kept.)
    pending.sort_by_cached_key(|p| {
        (
            std::cmp::Reverse(importance(p.event)),
            p.member_of.is_some(),
            p.more > 0,
            p.event,
        )
    });
    // The point row's marks: a label on a line under it starts under its own mark, not
    // under another's (where it would read as that mark's label).
    let point_y = geometry.point_y;
    let point_row: Vec<(f32, f32)> = lines
        .iter()
        .find(|line| (line.0 - point_y).abs() < 0.5)
        .map(|line| line.2.clone())
        .unwrap_or_default();
    let point_row = point_row.as_slice();
    // The widest label each line still has room for: a dense view's lines fill up early,
    // and the many labels left to place are then ruled out without a search.
    let mut rooms: Vec<f32> = lines
        .iter()
        .map(|line| widest_room(&line.1, (left, right)))
        .collect();
    // (Half a point to spare for rounding: `fits` tests the ends, not the width.)
    let room_for =
        |rooms: &[f32], k: usize, width: f32| rooms.get(k).is_some_and(|&r| r + 0.5 >= width);
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
                && (!(marks.is_empty() && line_y > point_y + 0.5)
                    || starts_under_its_own(point_row, item.span, a, clearance))
        };
        let narrowest = at_least(item.event);
        let any_room = lines.iter().enumerate().any(|(k, line)| {
            room_for(&rooms, k, narrowest)
                && (fits(line, from, from + narrowest) || fits(line, to - narrowest, to))
        });
        // The most important events are named even when no whole name fits: cut with an
        // ellipsis to the roomiest free stretch at their mark, if it holds a few words.
        let must_name = importance(item.event) >= CUT_IMPORTANCE;
        if !any_room && !must_name {
            continue;
        }
        let names = variants(item.event);
        let candidates = names.as_slice();
        let found = candidates
            .iter()
            .find_map(|&(short, width)| {
                lines.iter().enumerate().find_map(|(k, line)| {
                    [(from, from + width), (to - width, to)]
                        .into_iter()
                        .find(|&(a, b)| room_for(&rooms, k, width) && fits(line, a, b))
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
                        // A word space from the mark (the line keeps one around what it holds).
                        let gap = LABEL_SPACE + 0.5;
                        let (right_of, left_of) = (mark_right + gap, mark_left - gap);
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
                            .filter(|&(k, _)| room_for(&rooms, k, least))
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
            if let Some(room) = rooms.get_mut(k) {
                *room = widest_room(line, (left, right));
            }
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
    use proptest::prelude::*;

    /// Sorted, disjoint intervals, as a line holds them.
    fn taken_from(spans: &[(f32, f32)]) -> Vec<(f32, f32)> {
        let mut taken = Vec::new();
        for &(a, width) in spans {
            occupy(&mut taken, a, a + width);
        }
        taken
    }

    proptest! {
        /// No label wider than `widest_room` is free on the line, and one that wide is.
        #[test]
        fn the_widest_room_is_the_widest_free_label(
            spans in prop::collection::vec((-50.0f32..1050.0, 0.0f32..200.0), 0..12),
            starts in prop::collection::vec(0.0f32..1000.0, 40),
            width in 0.0f32..600.0,
        ) {
            let (left, right) = (0.0, 1000.0);
            let taken = taken_from(&spans);
            let room = widest_room(&taken, (left, right));
            let free = |a: f32, w: f32| {
                a >= left && a + w <= right && is_free(&taken, a - LABEL_SPACE, a + w + LABEL_SPACE)
            };
            // A free label stays free moved left until it meets an interval or the line's
            // start: the widest start there (a thousandth on, past `end + space - space`
            // rounding below `end`).
            let snug: Vec<f32> = std::iter::once(left)
                .chain(taken.iter().map(|&(_, end)| end + LABEL_SPACE + 0.001))
                .collect();
            for &a in &snug {
                prop_assert!(!free(a, room + 0.01), "wider than {room} at {a} in {taken:?}");
            }
            if room > 0.01 {
                prop_assert!(
                    snug.iter().any(|&a| free(a, room - 0.01)),
                    "room {room} nowhere in {taken:?}"
                );
            }
            // And anywhere else.
            for &a in &starts {
                if free(a, width) {
                    prop_assert!(width <= room + 1e-3, "{width} at {a}, room {room}, {taken:?}");
                }
            }
        }
    }
}
