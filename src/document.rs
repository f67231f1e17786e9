//! A loaded timeline together with everything derived from it once per load:
//! the lane index, the era rows and the view limits. Pure; no egui `Ui`.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::model::date::Days;
use crate::model::load::{self, LoadError};
use crate::model::search::SearchIndex;
use crate::model::timeline::Timeline;
use crate::view::layout::{LaneIndex, PROJECTOR_BAR_ROWS};
use crate::view::transform::{TimeView, ViewLimits};

/// Where the data came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DataSource {
    /// The dataset built into the binary.
    Embedded,
    /// A file on disk.
    File(PathBuf),
}

impl DataSource {
    /// How to name it to the user.
    pub fn display_name(&self) -> String {
        match self {
            Self::Embedded => load::EMBEDDED_NAME.to_owned(),
            Self::File(path) => path.display().to_string(),
        }
    }

    /// The file it is read from; `None` for the built-in dataset.
    pub fn file(&self) -> Option<&Path> {
        match self {
            Self::Embedded => None,
            Self::File(path) => Some(path),
        }
    }

    /// Reads and validates the data.
    pub fn load(&self) -> Result<Timeline, LoadError> {
        match self {
            Self::Embedded => load::load_embedded(),
            Self::File(path) => load::load_path(path),
        }
    }
}

/// A timeline ready to show.
#[derive(Clone, Debug)]
pub struct Document {
    /// The validated data.
    pub timeline: Arc<Timeline>,
    /// Events by lane and bar row.
    pub lanes: LaneIndex,
    /// The same with fewer bar rows, for the projector's larger type.
    pub projector_lanes: LaneIndex,
    /// The row of each era in the era strip (overlapping eras stack).
    pub era_rows: Vec<usize>,
    /// How many era rows there are.
    pub era_row_count: usize,
    /// Where the view may go.
    pub limits: ViewLimits,
    /// Where it came from.
    pub source: DataSource,
    /// Every event's text, folded for searching (shared with a search on a worker).
    pub search: Arc<SearchIndex>,
}

impl Document {
    /// Derives everything the viewer needs from a timeline. The search index (folding
    /// every event's text: the longest part, half a second for a million events) is
    /// built on a thread of its own while the lanes are sorted on this one, for a large
    /// timeline.
    pub fn new(timeline: Timeline, source: DataSource) -> Self {
        let (search, (lanes, projector_lanes)) = crate::model::threads::join_for(
            timeline.events.len(),
            || SearchIndex::new(&timeline),
            || {
                let lanes = LaneIndex::new(&timeline);
                // On the projector, with few bar rows, every tour step's own period gets a bar.
                let steps: std::collections::HashSet<usize> =
                    timeline.tour.iter().map(|step| step.event).collect();
                let projector_lanes = LaneIndex::filtered_preferring(
                    &timeline,
                    &|_| true,
                    PROJECTOR_BAR_ROWS,
                    &|e| steps.contains(&e),
                );
                (lanes, projector_lanes)
            },
        );
        let (era_rows, era_row_count) = stack_intervals(
            &timeline
                .eras
                .iter()
                .map(|era| era.when.interval())
                .collect::<Vec<_>>(),
        );
        let limits = ViewLimits::for_span(timeline.span);
        Self {
            timeline: Arc::new(timeline),
            lanes,
            projector_lanes,
            era_rows,
            era_row_count,
            limits,
            source,
            search: Arc::new(search),
        }
    }

    /// Loads `source` and derives the document.
    pub fn load(source: DataSource) -> Result<Self, LoadError> {
        source.load().map(|timeline| Self::new(timeline, source))
    }

    /// The view the file asks to open with.
    pub fn default_view(&self) -> TimeView {
        let (from, to) = self.timeline.default_view;
        if (from, to) == self.timeline.span {
            self.limits.fitted()
        } else {
            self.limits.clamp(TimeView::between(from, to))
        }
    }

    /// A good view to show one event: its extent with room around it.
    pub fn view_around_event(&self, event: usize) -> TimeView {
        let Some(event) = self.timeline.events.get(event) else {
            return self.limits.fitted();
        };
        let (from, to) = event.when.uncertainty();
        // At least two months across, so the neighbours give context.
        let length = (to - from).max(60.0);
        let center = (from + to) / 2.0;
        self.limits
            .around((center - length / 2.0, center + length / 2.0), 0.6)
    }
}

/// Assigns each interval the first row where it does not overlap the row's last interval.
/// Returns each interval's row and the number of rows.
pub fn stack_intervals(intervals: &[(Days, Days)]) -> (Vec<usize>, usize) {
    let mut order: Vec<usize> = (0..intervals.len()).collect();
    order.sort_by(|&a, &b| intervals[a].0.total_cmp(&intervals[b].0));
    let mut row_ends: Vec<Days> = Vec::new();
    let mut rows = vec![0; intervals.len()];
    for index in order {
        let (start, end) = intervals[index];
        let row = match row_ends.iter().position(|&last| last <= start) {
            Some(row) => row,
            None => {
                row_ends.push(end);
                row_ends.len() - 1
            }
        };
        row_ends[row] = end;
        rows[index] = row;
    }
    (rows, row_ends.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlapping_intervals_stack() {
        let (rows, count) = stack_intervals(&[(0.0, 10.0), (5.0, 15.0), (10.0, 20.0), (1.0, 2.0)]);
        assert_eq!(rows, vec![0, 1, 0, 1]);
        assert_eq!(count, 2);
        assert_eq!(stack_intervals(&[]), (vec![], 0));
    }
}
