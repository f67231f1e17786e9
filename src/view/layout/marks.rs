//! The marks of one lane for one frame: bars row by row, walked from the view's start by
//! galloping search, and points, grouped where the row's gap tree says they break, with
//! dense runs merged into cluster badges (as wide as their counts) and each cluster's
//! most important members found for its name.

use super::*;

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

/// Groups the point row from `first` to before `last`: a group is a run of points
/// whose neighbours are less than `gap` days apart (closer than the cluster distance on
/// screen). Costs a visit of the row's gap tree where gaps are that wide, however many
/// points lie between. Calls `emit` with each group's range.
fn point_groups(
    row: &RowEvents,
    (first, last): (usize, usize),
    gap: Days,
    mut emit: impl FnMut(Range<usize>),
) {
    if first >= last {
        return;
    }
    let mut start = first;
    row.gaps
        .breaks((&row.starts, &row.ends), first..last - 1, gap, |i| {
            emit(start..i + 1);
            start = i + 1;
        });
    emit(start..last);
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

pub(super) fn layout_lane(
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
    point_groups(
        points,
        (first, last),
        f64::from(gap) * mapping.days_per_pixel(),
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
                // The top one and the next ones in one pass: the same as
                // `most_important`, then `next_important` after it.
                let [top, others @ ..] = ranked::<{ 1 + CLUSTER_NAMES }>(timeline, events, None);
                Some(ClusterSlot {
                    top: top?,
                    others: others.into_iter().flatten().collect(),
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
    (request.measure_text)(&crate::view::scene::compact_count(count)) + 2.0 * COUNT_PAD
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
pub(super) fn bar_row_at(geometry: &LaneGeometry, y: f32) -> Option<usize> {
    let row = ((y - geometry.bars_top) / geometry.bar_height.max(f32::MIN_POSITIVE)).floor();
    (row.is_finite() && row >= 0.0).then_some(row as usize)
}

/// Sorted x-intervals of a row: what is taken in it, or the marks drawn on it.
pub(super) type Spans = Vec<(f32, f32)>;

/// A mark in the point row: where it reaches, and its event (`None` for a cluster).
pub(super) type PointSlot = (f32, f32, Option<EventIndex>);
/// A bar that may be labelled: its event, its visible part, and where the next mark in
/// its row begins.
pub(super) type BarSlot = (EventIndex, Rect, f32);

/// A cluster badge that may be named by its most important member.
pub(super) struct ClusterSlot {
    /// The member named.
    pub(super) top: EventIndex,
    /// The next most important members, named on lines under it when there is room.
    pub(super) others: Vec<EventIndex>,
    /// How many others it holds.
    pub(super) more: usize,
    /// The badge.
    pub(super) rect: Rect,
    /// Whether the badge is in the point row (else in a bar row).
    pub(super) in_point_row: bool,
}

/// The members of a cluster named after `top`, when room allows.
pub const CLUSTER_NAMES: usize = 2;

/// The `N` most important of `events` (the earlier index first among equals), best
/// first, leaving out `except`, looking at no more than [`CLUSTER_SCAN`] of them: one
/// pass keeping the best few, rather than sorting every member (a frame at the widest
/// view names hundreds of clusters).
pub(super) fn ranked<const N: usize>(
    timeline: &Timeline,
    events: &[EventIndex],
    except: Option<EventIndex>,
) -> [Option<EventIndex>; N] {
    // The best so far, best first, by (more important, then earlier index).
    let mut best: [Option<(std::cmp::Reverse<u8>, EventIndex)>; N] = [None; N];
    let candidates = events
        .iter()
        .take(CLUSTER_SCAN)
        .filter(|&&e| Some(e) != except)
        .filter_map(|&e| timeline.importance(e).map(|i| (std::cmp::Reverse(i), e)));
    for candidate in candidates {
        let mut carried = Some(candidate);
        for slot in &mut best {
            match (*slot, carried) {
                (_, None) => break,
                (None, _) => {
                    *slot = carried;
                    carried = None;
                }
                (Some(held), Some(new)) if new < held => {
                    *slot = Some(new);
                    carried = Some(held);
                }
                _ => {}
            }
        }
    }
    best.map(|slot| slot.map(|(_, e)| e))
}

/// The most important of `events` (the earliest of equals), looking at no more than
/// [`CLUSTER_SCAN`] of them (the first ones).
pub fn most_important(timeline: &Timeline, events: &[EventIndex]) -> Option<EventIndex> {
    events
        .iter()
        .take(CLUSTER_SCAN)
        .filter_map(|&e| timeline.importance(e).map(|i| (i, e)))
        .max_by_key(|&(importance, e)| (importance, std::cmp::Reverse(e)))
        .map(|(_, e)| e)
}
