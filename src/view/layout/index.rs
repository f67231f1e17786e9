//! The lane index: every event sorted once per load (and per filter) into its lane
//! and row — bar rows of periods that do not overlap, and the row of points — with
//! the times needed to find what is on screen by binary search.

use super::*;

/// Which row of a lane something is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Row {
    /// The row of point markers.
    Points,
    /// A row of bars, counted from the top.
    Bars(usize),
}

/// Where an event sits in the lane index: 12 bytes, absent or not (an index holds one
/// per event, and the app two indexes: a million events' slots took 64 MB with `usize`
/// fields).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Slot {
    /// The lane's index plus one (so an absent slot takes no room of its own).
    lane: std::num::NonZeroU32,
    /// 0 for the point row, `k + 1` for bar row `k`.
    row: u32,
    position: u32,
}

impl Slot {
    /// `None` only for numbers no timeline in memory reaches (over 2^32).
    fn new(lane: usize, row: Row, position: usize) -> Option<Self> {
        let row = match row {
            Row::Points => 0,
            Row::Bars(k) => u32::try_from(k).ok()?.checked_add(1)?,
        };
        Some(Self {
            lane: std::num::NonZeroU32::new(u32::try_from(lane).ok()?.checked_add(1)?)?,
            row,
            position: u32::try_from(position).ok()?,
        })
    }

    fn lane(self) -> usize {
        self.lane.get() as usize - 1
    }

    fn row(self) -> Row {
        match self.row.checked_sub(1) {
            None => Row::Points,
            Some(k) => Row::Bars(k as usize),
        }
    }

    fn position(self) -> usize {
        self.position as usize
    }
}

/// One row of events sorted by time, with the times needed for binary search.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RowEvents {
    /// The events, by start (bars) or anchor (points).
    pub events: Vec<EventIndex>,
    /// Start of each event's drawn extent (anchor for points).
    pub(super) starts: Vec<Days>,
    /// End of each event's drawn extent (anchor for points); sorted too, as bars in a row do not overlap.
    pub(super) ends: Vec<Days>,
    /// Every [`COARSE`]th start (`starts[k * COARSE]`), for searches that jump far: a
    /// wide view of a million events searches a row of a hundred thousand seventy times
    /// a frame, and probing these (a sixty-fourth of the row, which stays in cache)
    /// before one block of `starts` misses the cache a few times a search instead of at
    /// nearly every probe.
    coarse: Vec<Days>,
}

/// Starts per entry of [`RowEvents::coarse`].
const COARSE: usize = 64;
/// Entries looked at near the start of a search before the coarse ones.
const NEAR: usize = 16;

impl RowEvents {
    fn push(&mut self, event: EventIndex, start: Days, end: Days) {
        self.events.push(event);
        self.starts.push(start);
        self.ends.push(end);
    }

    /// Fits the lists to their events and samples [`Self::coarse`], once the row is
    /// complete.
    fn finish(&mut self) {
        self.events.shrink_to_fit();
        self.starts.shrink_to_fit();
        self.ends.shrink_to_fit();
        self.coarse = self.starts.iter().step_by(COARSE).copied().collect();
    }

    /// The first index from `from` on (before `to`) whose start is at least `limit`, or
    /// `to` if none is: `from + starts[from..to].partition_point(|&s| s < limit)`,
    /// looking at the next few entries first (the answer is usually near), then at the
    /// coarse samples, then into one block of starts.
    pub(super) fn first_at_least(&self, (from, to): (usize, usize), limit: Days) -> usize {
        let to = to.min(self.starts.len());
        let from = from.min(to);
        let near_end = from.saturating_add(NEAR).min(to);
        let near = self.starts.get(from..near_end).unwrap_or_default();
        let in_near = near.last().is_none_or(|&s| s >= limit);
        if in_near || self.coarse.len() != self.starts.len().div_ceil(COARSE) {
            // (Without samples, a row built by hand: a galloping search from `from`.)
            let rest = self.starts.get(from..to).unwrap_or_default();
            return from + super::gallop(rest, limit);
        }
        // starts[near_end - 1] < limit: the samples below `near_end` are too.
        let (c_from, c_end) = (near_end.div_ceil(COARSE), to.div_ceil(COARSE));
        let samples = self.coarse.get(c_from..c_end).unwrap_or_default();
        let k = c_from + super::gallop(samples, limit);
        // Between the last sample below `limit` and the first at or above it.
        let lo = (k.saturating_sub(1) * COARSE).max(near_end);
        let hi = if k < c_end { (k * COARSE).min(to) } else { to };
        let block = self.starts.get(lo..hi).unwrap_or_default();
        lo + block.partition_point(|&s| s < limit)
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
                    slots[index] = Slot::new(event.category, Row::Bars(row), bars.events.len());
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
            // At their exact size: a row grown by doubling holds up to twice its events.
            lane.points.events.reserve_exact(points.len());
            lane.points.starts.reserve_exact(points.len());
            lane.points.ends.reserve_exact(points.len());
            for (position, (anchor, index)) in points.into_iter().enumerate() {
                slots[index] = Slot::new(lane_index, Row::Points, position);
                lane.points.push(index, anchor, anchor);
            }
            lane.points.finish();
            for row in &mut lane.bar_rows {
                row.finish();
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
                    slot.lane() == *lane && slot.row() == *row && range.contains(&slot.position())
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
        self.slots.get(event).copied().flatten().map(Slot::row)
    }

    /// Where an event is drawn: its lane, row and position in the row.
    pub fn position_of(&self, event: EventIndex) -> Option<(usize, Row, usize)> {
        self.slots
            .get(event)
            .copied()
            .flatten()
            .map(|slot| (slot.lane(), slot.row(), slot.position()))
    }

    /// Whether `event` passed the filter this index was built with.
    pub fn contains(&self, event: EventIndex) -> bool {
        self.slots.get(event).is_some_and(Option::is_some)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn row_of(starts: &[Days]) -> RowEvents {
        let mut row = RowEvents::default();
        for (i, &start) in starts.iter().enumerate() {
            row.push(i, start, start);
        }
        row.finish();
        row
    }

    proptest! {
        /// The search through the coarse samples finds what a binary search of the
        /// whole range finds, for any sorted row (with runs of equal starts, as days
        /// holding many events have), range and limit.
        #[test]
        fn the_coarse_search_finds_what_a_binary_search_finds(
            steps in prop::collection::vec(prop_oneof![Just(0.0), 0.0f64..5.0], 0..700),
            bounds in (0usize..800, 0usize..800),
            limit in -5.0f64..2000.0,
        ) {
            let starts: Vec<Days> = steps
                .iter()
                .scan(0.0, |at, step| {
                    *at += step;
                    Some(*at)
                })
                .collect();
            let row = row_of(&starts);
            let (from, to) = (bounds.0.min(bounds.1), bounds.0.max(bounds.1));
            let to_in = to.min(starts.len());
            let from_in = from.min(to_in);
            let expected = from_in
                + starts[from_in..to_in].partition_point(|&s| s < limit);
            prop_assert_eq!(row.first_at_least((from, to), limit), expected);
        }
    }

    #[test]
    fn far_answers_go_through_the_samples() {
        // A row long enough for the samples, searched from its start for a limit far
        // along: every answer from the first entries to the last.
        let starts: Vec<Days> = (0..5000).map(|i| f64::from(i / 7)).collect();
        let row = row_of(&starts);
        assert_eq!(row.coarse.len(), starts.len().div_ceil(COARSE));
        for limit in [-1.0, 0.0, 3.0, 100.5, 101.0, 500.0, 713.0, 714.0, 1e9] {
            for from in [0, 1, 63, 64, 65, 1000, 4990] {
                assert_eq!(
                    row.first_at_least((from, starts.len()), limit),
                    from + starts[from..].partition_point(|&s| s < limit),
                    "{limit} from {from}"
                );
            }
        }
    }
}
