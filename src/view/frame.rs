//! The geometry of one frame of the timeline, shared by the window and the SVG
//! export: the lane-name column, the era rows that have something in view, the axis,
//! and the lanes, shrunk to fit when the room is short.

use egui::{Rect, pos2};

use super::layout::{LaneGeometry, LaneIndex, LayoutMetrics, lane_geometry};
use super::transform::{ScreenMapping, TimeView};
use crate::document::Document;

/// Sizes that depend on the look (desktop or projector).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FrameSizes {
    /// Height of one era row.
    pub era_row: f32,
    /// Height of the time axis.
    pub axis_height: f32,
    /// Row heights and marker sizes at full size.
    pub metrics: LayoutMetrics,
    /// The name column's width: as wide as the longest name, within these bounds.
    pub names_width: (f32, f32),
    /// Extra width around the longest name (swatch and padding).
    pub names_padding: f32,
}

/// Where everything goes in one frame.
#[derive(Clone, Debug, PartialEq)]
pub struct FrameGeometry {
    /// The time area (right of the lane names), full height.
    pub area: Rect,
    /// Time ↔ x for this frame.
    pub mapping: ScreenMapping,
    /// For each era row of the document, its row on screen; `None` when nothing of it is
    /// in view, or when it is folded into the "+N more" row.
    pub era_row_of: Vec<Option<usize>>,
    /// The "+N more eras" row, when more era rows are in view than [`MAX_ERA_ROWS`]:
    /// its row on screen and how many eras in view it stands for.
    pub era_fold: Option<(usize, usize)>,
    /// Top of the era strip.
    pub era_top: f32,
    /// Top of the axis.
    pub axis_top: f32,
    /// Top of the first lane.
    pub lanes_top: f32,
    /// The metrics after shrinking to fit.
    pub metrics: LayoutMetrics,
    /// The shown lanes.
    pub lanes: Vec<LaneGeometry>,
    /// The bottom of the timeline's rectangle: the lanes may grow down to it.
    pub bottom: f32,
}

/// The lowest a lane may be shrunk to fit; below it, lanes run off the bottom. A point row
/// is never shrunk below one label line either, so that its text never reaches into the
/// next lane.
const MIN_LANE_SCALE: f32 = 0.45;

/// The lowest a bar row may be shrunk to when point rows keep their label line.
const MIN_BAR_SCALE: f32 = 0.25;

/// The lane-name column takes at most this share of the width; longer names end in "…"
/// (the whole name is in the tooltip and the accessibility text).
pub const MAX_NAMES_SHARE: f32 = 0.22;

/// The most era rows shown; beyond it, the rest fold into one "+N more eras" row, so
/// 500 overlapping eras leave the lanes their room.
pub const MAX_ERA_ROWS: usize = 6;

/// Each era row's row on screen when only rows with an era in `view` take room, at
/// most [`MAX_ERA_ROWS`] of them: when more are in view, the first `MAX_ERA_ROWS - 1`
/// are shown and the others are `None`, counted in the returned fold (its screen row
/// and how many eras in view it holds).
pub fn era_rows_folded(
    document: &Document,
    view: TimeView,
) -> (Vec<Option<usize>>, Option<(usize, usize)>) {
    let mut rows = era_rows_in_view(document, view);
    let shown = rows.iter().flatten().count();
    if shown <= MAX_ERA_ROWS {
        return (rows, None);
    }
    let fold_row = MAX_ERA_ROWS - 1;
    for row in &mut rows {
        if row.is_some_and(|r| r >= fold_row) {
            *row = None;
        }
    }
    let folded = document
        .timeline
        .eras
        .iter()
        .zip(&document.era_rows)
        .filter(|(era, doc_row)| {
            let (from, to) = era.when.interval();
            to >= view.min && from <= view.max() && rows.get(**doc_row).is_some_and(Option::is_none)
        })
        .count();
    (rows, Some((fold_row, folded)))
}

/// Each era row's row on screen when only rows with an era in `view` take room.
pub fn era_rows_in_view(document: &Document, view: TimeView) -> Vec<Option<usize>> {
    let mut used = vec![false; document.era_row_count];
    for (era, &row) in document.timeline.eras.iter().zip(&document.era_rows) {
        let (from, to) = era.when.interval();
        if to >= view.min
            && from <= view.max()
            && let Some(used) = used.get_mut(row)
        {
            *used = true;
        }
    }
    let mut next = 0;
    used.into_iter()
        .map(|used| {
            let row = used.then_some(next);
            next += usize::from(used);
            row
        })
        .collect()
}

impl FrameGeometry {
    /// Lays out `rect`; `longest_name` is the width of the longest lane name.
    pub fn new(
        document: &Document,
        lanes: &LaneIndex,
        shown_lanes: &[usize],
        view: TimeView,
        rect: Rect,
        longest_name: f32,
        sizes: &FrameSizes,
    ) -> Self {
        let names_width = (longest_name + sizes.names_padding)
            .clamp(sizes.names_width.0, sizes.names_width.1)
            .min((rect.width() * MAX_NAMES_SHARE).max(0.0));
        let area_left = (rect.left() + names_width).min(rect.right() - 1.0);
        let area = Rect::from_min_max(pos2(area_left, rect.top()), rect.max);
        let mapping = ScreenMapping::new(view, area.left(), area.width());
        let (era_row_of, era_fold) = era_rows_folded(document, view);
        let era_top = rect.top();
        let era_rows_shown = era_row_of
            .iter()
            .flatten()
            .copied()
            .max()
            .map_or(0, |last| last + 1)
            + usize::from(era_fold.is_some());
        let axis_top = era_top + sizes.era_row * era_rows_shown as f32;
        let lanes_top = axis_top + sizes.axis_height;
        let mut metrics = sizes.metrics;
        let mut geometry = lane_geometry(
            lanes,
            shown_lanes,
            &metrics,
            area.left(),
            area.right(),
            lanes_top,
        );
        let needed = geometry.last().map_or(0.0, |l| l.rect.bottom() - lanes_top);
        let room = (rect.bottom() - lanes_top - 4.0).max(1.0);
        if needed > room {
            let scale = (room / needed).clamp(MIN_LANE_SCALE, 1.0);
            let point_row = metrics.point_row * scale;
            if point_row >= metrics.label_height {
                metrics.point_row = point_row;
                metrics.bar_row *= scale;
            } else {
                // Point rows keep one label line (their text and the lane names stay in
                // their lane); the bar rows give up what they lack, down to a sliver.
                let lane_count = geometry.len() as f32;
                let bar_rows: usize = shown_lanes
                    .iter()
                    .filter_map(|&c| lanes.lanes.get(c))
                    .map(|l| l.bar_rows.len())
                    .sum();
                let fixed = lane_count * (metrics.label_height + metrics.lane_gap * scale);
                let bar_row = (room - fixed) / (bar_rows.max(1) as f32);
                metrics.point_row = metrics.point_row.min(metrics.label_height);
                metrics.bar_row = bar_row
                    .min(metrics.bar_row * scale)
                    .max(metrics.bar_row * MIN_BAR_SCALE);
            }
            metrics.lane_gap *= scale;
            metrics.marker_base *= scale.sqrt();
            metrics.marker_step *= scale.sqrt();
            geometry = lane_geometry(
                lanes,
                shown_lanes,
                &metrics,
                area.left(),
                area.right(),
                lanes_top,
            );
        }
        Self {
            area,
            mapping,
            era_row_of,
            era_fold,
            era_top,
            axis_top,
            lanes_top,
            metrics,
            lanes: geometry,
            bottom: rect.bottom(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{DataSource, Document};

    fn sizes() -> FrameSizes {
        FrameSizes {
            era_row: 20.0,
            axis_height: 26.0,
            metrics: LayoutMetrics::DESKTOP,
            names_width: (100.0, 280.0),
            names_padding: 30.0,
        }
    }

    #[test]
    fn only_era_rows_in_view_take_room_and_lanes_shrink_to_fit() {
        let document = Document::load(DataSource::Embedded).expect("dataset");
        let all: Vec<usize> = (0..document.timeline.categories.len()).collect();
        let rect = Rect::from_min_max(pos2(0.0, 0.0), pos2(1600.0, 900.0));
        let fitted = FrameGeometry::new(
            &document,
            &document.lanes,
            &all,
            document.limits.fitted(),
            rect,
            150.0,
            &sizes(),
        );
        assert_eq!(
            fitted.era_row_of.iter().flatten().count(),
            document.era_row_count
        );
        assert_eq!(fitted.area.left(), 180.0);
        // Zoomed into August 1956, fewer eras are in view, so the axis moves up.
        let august = document.limits.around((-4873.0, -4850.0), 0.2);
        let zoomed = FrameGeometry::new(
            &document,
            &document.lanes,
            &all,
            august,
            rect,
            150.0,
            &sizes(),
        );
        assert!(zoomed.axis_top < fitted.axis_top);
        // In a short window the lanes shrink, but stay in order without overlapping.
        let short = Rect::from_min_max(pos2(0.0, 0.0), pos2(800.0, 300.0));
        let squeezed = FrameGeometry::new(
            &document,
            &document.lanes,
            &all,
            document.limits.fitted(),
            short,
            150.0,
            &sizes(),
        );
        assert!(squeezed.metrics.point_row < LayoutMetrics::DESKTOP.point_row);
        for pair in squeezed.lanes.windows(2) {
            assert!(pair[0].rect.bottom() <= pair[1].rect.top());
        }
    }
}
