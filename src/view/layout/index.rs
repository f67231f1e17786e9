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
    /// The widest gaps between neighbours (the point row's; empty for bar rows).
    pub(super) gaps: GapTree,
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
            lane.points.gaps = GapTree::new(&lane.points.starts, &lane.points.ends);
            for row in &mut lane.bar_rows {
                row.events.shrink_to_fit();
                row.starts.shrink_to_fit();
                row.ends.shrink_to_fit();
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
