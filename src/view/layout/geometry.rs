//! Where the lanes are on screen: their rows, label lines and free room, and the
//! sizes (row heights, marker radii, the selection outline) that depend on the look.

use super::*;

/// The vertical layout of one lane on screen.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LaneGeometry {
    /// The category this lane shows.
    pub category: usize,
    /// The lane's full rectangle (timeline part only, without the name column).
    pub rect: Rect,
    /// Centre line of the point row.
    pub point_y: f32,
    /// Text lines under the point row for labels that find no room beside their mark
    /// (given out from the free height of the timeline area), each `label_height` tall.
    pub label_lines: usize,
    /// Top of the first label line (the bottom of the point row).
    pub lines_top: f32,
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
    /// How far a ring drawn around a marker (selected, or date disputed) reaches
    /// beyond its radius; labels keep clear of it.
    pub ring: f32,
    /// The least height of a point-row badge whose count, set no smaller than the
    /// theme's smallest text, fits inside the badge's outline (0: no least height).
    pub count_badge: f32,
    /// Width of the outline drawn outside the selected bar or badge
    /// ([`OUTLINE_LINE_WIDTHS`] line widths): text keeps clear of it.
    pub outline: f32,
    /// Height of a label's letters, from the top of the tallest to the bottom of a
    /// descender, centred on its line (see [`LayoutMetrics::for_type`]).
    pub ink: f32,
}

/// The selected bar's or badge's outline is this many line widths wide.
pub const OUTLINE_LINE_WIDTHS: f32 = 2.5;

impl LayoutMetrics {
    /// For the desktop theme.
    pub const DESKTOP: Self = Self {
        point_row: 26.0,
        bar_row: 17.0,
        lane_gap: 4.0,
        marker_base: 3.0,
        marker_step: 0.8,
        ring: 3.5,
        label_height: 15.0,
        // The desktop's badges (0.6 of a point row) hold their counts as they are.
        count_badge: 0.0,
        // The desktop's type (12.5 pt labels, lines 1 pt wide); see `for_type`.
        outline: OUTLINE_LINE_WIDTHS * crate::ui::theme::DESKTOP_LINE_WIDTH,
        ink: (ASCENDER + DESCENDER) * crate::ui::theme::DESKTOP_LABEL_SIZE,
    };

    /// These metrics for labels set at `label_size` and lines `line_width` wide: the
    /// selection outline's width and the labels' ink follow them.
    #[must_use]
    pub fn for_type(self, label_size: f32, line_width: f32) -> Self {
        Self {
            outline: OUTLINE_LINE_WIDTHS * line_width,
            ink: (ASCENDER + DESCENDER) * label_size,
            ..self
        }
    }

    /// Radius of a marker for an event of this importance.
    pub fn marker_radius(&self, importance: u8) -> f32 {
        self.marker_base + self.marker_step * f32::from(importance.clamp(1, 5))
    }

    /// Half the height of a cluster badge in the point row: tall enough for its count
    /// (`count_badge`) as far as the point row allows, so that the badge stays in its
    /// lane (a projector's point rows squeezed to one label line made badges too low
    /// for their figures).
    pub fn cluster_half_height(&self) -> f32 {
        let least = self.point_row * 0.3;
        least.max((self.count_badge / 2.0).min(self.point_row / 2.0 - 1.0))
    }

    /// Points closer than this merge into a cluster: two of the widest marks side by side, plus room.
    pub fn cluster_distance(&self) -> f32 {
        2.0 * self.cluster_half_height().max(self.marker_radius(5)) + 2.0
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
    lane_geometry_grown(index, shown, metrics, (left, right, top), &[])
}

/// How much a lane grows beyond its natural height.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct LaneGrowth {
    /// Label lines under the point row.
    pub label_lines: usize,
    /// Free room added at the bottom of the lane.
    pub padding: f32,
}

/// Stacks the shown lanes from `top` down within `left..right`, the `n`th shown lane grown
/// by `grow[n]` (lanes past the end of `grow` keep their natural height).
pub fn lane_geometry_grown(
    index: &LaneIndex,
    shown: &[usize],
    metrics: &LayoutMetrics,
    (left, right, top): (f32, f32, f32),
    grow: &[LaneGrowth],
) -> Vec<LaneGeometry> {
    let mut y = top;
    shown
        .iter()
        .enumerate()
        .filter_map(|(n, &category)| {
            let lane = index.lanes.get(category)?;
            let growth = grow.get(n).copied().unwrap_or_default();
            let lines = u16::try_from(growth.label_lines).unwrap_or(u16::MAX);
            let lines_height = metrics.label_height * f32::from(lines);
            let height =
                metrics.lane_height(lane.bar_rows.len()) + lines_height + growth.padding.max(0.0);
            let rect =
                Rect::from_min_max(pos2(left, y), pos2(right, y + height - metrics.lane_gap));
            y += height;
            let lines_top = rect.top() + metrics.point_row;
            Some(LaneGeometry {
                category,
                rect,
                point_y: rect.top() + metrics.point_row / 2.0,
                label_lines: usize::from(lines),
                lines_top,
                bars_top: lines_top + lines_height,
                bar_height: metrics.bar_row,
            })
        })
        .collect()
}
