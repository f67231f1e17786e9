//! The timeline widget: era bands, the time axis, lanes with their markers, bars,
//! clusters and labels; turns pointer input into [`TimelineAction`]s.
//!
//! All geometry comes from [`crate::view`]; this file only paints it and wires up
//! interaction and accessibility.

use std::sync::Arc;

use egui::epaint::Mesh;
use egui::{
    Align2, Color32, CursorIcon, FontId, Pos2, Rect, Response, Sense, Shape, Stroke, Ui, pos2, vec2,
};

use super::theme::TimelineStyle;
use crate::document::Document;
use crate::model::timeline::EventIndex;
use crate::view::frame::FrameGeometry;
use crate::view::layout::{
    LaneGeometry, LaneIndex, LayoutMetrics, LayoutRequest, Mark, TimelineLayout,
};
use crate::view::ticks::{LABEL_OFFSET, TimeAxis};
use crate::view::transform::{ScreenMapping, TimeView};

/// What the user did on the timeline this frame.
#[derive(Clone, Debug, PartialEq)]
pub enum TimelineAction {
    /// Select an event (or clear the selection).
    Select(Option<EventIndex>),
    /// Hide a lane (a click on its name).
    ToggleLane(usize),
    /// Move the view: directly (pointer) or animated (clicks on clusters).
    SetView {
        /// The new view (not yet clamped).
        view: TimeView,
        /// Whether to fly there smoothly.
        animate: bool,
    },
}

/// What one frame of the widget produced.
pub struct TimelineOutput {
    /// What the user did.
    pub actions: Vec<TimelineAction>,
    /// Where the time axis was drawn (without the lane names), for keyboard moves and tests.
    pub area: Rect,
    /// Where the lanes begin, below the eras and the axis.
    pub lanes_top: f32,
}

/// How events are emphasised beyond selection (search results, a person's events).
pub struct Emphasis<'a> {
    /// Whether an event is highlighted; `None` when nothing is being searched for.
    pub is_match: Option<&'a dyn Fn(EventIndex) -> bool>,
}

/// The timeline as a widget.
pub struct TimelineWidget<'a> {
    /// What to draw.
    pub document: &'a Document,
    /// The events that pass the filters, by lane and row.
    pub lanes: &'a LaneIndex,
    /// The visible range.
    pub view: TimeView,
    /// The selected event.
    pub selected: Option<EventIndex>,
    /// The look.
    pub style: &'a TimelineStyle,
    /// Which categories have lanes, top to bottom.
    pub shown_lanes: &'a [usize],
    /// Filters and highlights.
    pub emphasis: Emphasis<'a>,
}

/// Everything a [`TimelineLayout`] is computed from, to know when a cached one still holds.
#[derive(Clone, PartialEq)]
struct LayoutKey {
    index: u64,
    mapping: ScreenMapping,
    lanes: Vec<LaneGeometry>,
    metrics: LayoutMetrics,
    label_size: f32,
    pixels_per_point: f32,
    selected: Option<EventIndex>,
}

/// Wheel zoom: this many points of scroll zoom by a factor of e.
const WHEEL_ZOOM_SPEED: f32 = 1.0 / 300.0;

impl TimelineWidget<'_> {
    /// Draws the timeline into all of `ui`'s available space and returns what the user did.
    pub fn show(self, ui: &mut Ui) -> TimelineOutput {
        let mut actions = Vec::new();
        let rect = ui.available_rect_before_wrap();
        let (rect, background) = {
            let response = ui.allocate_rect(rect, Sense::click_and_drag());
            (rect, response)
        };
        let style = self.style;
        let ctx = ui.ctx().clone();
        let label_font = FontId::proportional(style.label_size);
        let measure_text = |text: &str| -> f32 {
            ctx.fonts_mut(|fonts| {
                fonts
                    .layout_no_wrap(text.to_owned(), label_font.clone(), Color32::WHITE)
                    .size()
                    .x
            })
        };
        let longest_name = self
            .document
            .timeline
            .categories
            .iter()
            .map(|c| measure_text(&c.record.name))
            .fold(0.0, f32::max);
        let frame = FrameGeometry::new(
            self.document,
            self.lanes,
            self.shown_lanes,
            self.view,
            rect,
            longest_name,
            &style.frame_sizes(),
        );
        let FrameGeometry {
            area,
            mapping,
            ref era_row_of,
            era_fold,
            era_top,
            axis_top,
            lanes_top,
            metrics,
            ref lanes,
        } = frame;
        let names_width = area.left() - rect.left();
        let painter = ui.painter_at(rect);
        painter.rect_filled(rect, 0.0, style.background);

        let timeline = &self.document.timeline;
        let measure_event =
            |event: EventIndex| -> f32 { measure_text(&timeline.events[event].record.title) };
        // The layout depends only on these; frames that change nothing else (the pointer
        // moving over the timeline, a tooltip) reuse it.
        let key = LayoutKey {
            index: self.lanes.build_id(),
            mapping,
            lanes: lanes.clone(),
            metrics,
            label_size: style.label_size,
            pixels_per_point: ui.pixels_per_point(),
            selected: self.selected,
        };
        let cache_id = ui.scope_id().with("timeline-layout");
        let cached: Option<Arc<(LayoutKey, TimelineLayout)>> =
            ui.data(|data| data.get_temp(cache_id));
        let cached = cached.filter(|cached| cached.0 == key);
        let cached = cached.unwrap_or_else(|| {
            let layout = TimelineLayout::new(
                timeline,
                self.lanes,
                &LayoutRequest {
                    mapping,
                    lanes,
                    metrics,
                    measure: &measure_event,
                    selected: self.selected,
                },
            );
            let fresh = Arc::new((key, layout));
            ui.data_mut(|data| data.insert_temp(cache_id, Arc::clone(&fresh)));
            fresh
        });
        let layout = &cached.1;

        self.paint_eras(
            ui,
            &painter.with_clip_rect(area),
            &mapping,
            era_row_of,
            (era_top, area, rect.bottom()),
        );
        if let Some((row, count)) = era_fold {
            let band = Rect::from_min_max(
                pos2(area.left(), era_top + style.era_row * row as f32),
                pos2(area.right(), era_top + style.era_row * (row + 1) as f32),
            );
            let text = format!("+{count} more eras here (zoom in to see them)");
            ui.interact(band, ui.scope_id().with("era-fold"), Sense::hover())
                .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &text));
            painter.with_clip_rect(band).text(
                pos2(band.left() + 4.0, band.center().y),
                Align2::LEFT_CENTER,
                &text,
                FontId::proportional(style.label_size * 0.95),
                style.text,
            );
        }
        for (i, lane) in lanes.iter().enumerate() {
            if i % 2 == 1 {
                painter.rect_filled(
                    Rect::from_x_y_ranges(rect.x_range(), lane.rect.y_range()),
                    0.0,
                    style.lane_stripe,
                );
            }
        }
        let mut axis = TimeAxis::new(&mapping, &|text| measure_text(text));
        self.paint_axis(
            &painter.with_clip_rect(area),
            &mut axis,
            axis_top,
            area,
            rect.bottom(),
            &measure_text,
        );
        self.paint_lane_names(&painter, lanes, rect.left(), names_width);
        for lane in lanes {
            let name_rect = Rect::from_min_max(
                pos2(rect.left(), lane.rect.top()),
                pos2(
                    rect.left() + names_width - 4.0,
                    lane.rect.top() + style.metrics.point_row,
                ),
            );
            let Some(category) = self.document.timeline.categories.get(lane.category) else {
                continue;
            };
            let response = ui
                .interact(
                    name_rect,
                    ui.scope_id().with(("lane", lane.category)),
                    Sense::click(),
                )
                .on_hover_cursor(CursorIcon::PointingHand)
                .on_hover_text("Click to hide this lane (bring it back from the Lanes menu)");
            response.widget_info(|| {
                egui::WidgetInfo::labeled(
                    egui::Role::Button,
                    true,
                    format!("Hide lane {}", category.record.name),
                )
            });
            if response.clicked() {
                actions.push(TimelineAction::ToggleLane(lane.category));
            }
        }
        if let Some(selected) = self.selected.and_then(|s| timeline.events.get(s)) {
            let x = mapping.x(selected.when.anchor());
            if area.x_range().contains(x) {
                painter.vline(
                    x,
                    lanes_top..=rect.bottom(),
                    Stroke::new(style.line_width, style.highlight.gamma_multiply(0.35)),
                );
            }
        }
        let painter =
            painter.with_clip_rect(Rect::from_min_max(pos2(area.left(), lanes_top), rect.max));
        self.paint_marks(ui, &painter, layout, &mapping, &mut actions);
        self.paint_labels(&painter, layout, &label_font);

        self.handle_pointer(ui, &background, &mapping, area, &mut actions);
        TimelineOutput {
            actions,
            area,
            lanes_top,
        }
    }

    fn paint_eras(
        &self,
        ui: &Ui,
        painter: &egui::Painter,
        mapping: &ScreenMapping,
        era_row_of: &[Option<usize>],
        (top, area, bottom): (f32, Rect, f32),
    ) {
        let style = self.style;
        let font = FontId::proportional(style.label_size * 0.95);
        for (era, &row) in self
            .document
            .timeline
            .eras
            .iter()
            .zip(&self.document.era_rows)
        {
            let (from, to) = era.when.interval();
            let (x0, x1) = (
                mapping.x(from).max(area.left()),
                mapping.x(to).min(area.right()),
            );
            let Some(row) = era_row_of.get(row).copied().flatten() else {
                continue;
            };
            if x1 <= x0 {
                continue;
            }
            let band = Rect::from_min_max(
                pos2(x0, top + style.era_row * row as f32),
                pos2(x1, top + style.era_row * (row + 1) as f32),
            );
            painter.rect_filled(
                band.shrink2(vec2(0.5, 1.0)),
                2.0,
                style.era_fill(era.colour, 235),
            );
            // A faint wash behind the lanes, so the era is visible everywhere.
            painter.rect_filled(
                Rect::from_min_max(pos2(x0, band.bottom()), pos2(x1, bottom)),
                0.0,
                style.era_fill(era.colour, 34),
            );
            ui.interact(
                band,
                ui.scope_id().with(("era", &era.record.id)),
                Sense::hover(),
            )
            .on_hover_text(super::detail_panel::era_note(era));
            let text_painter = painter.with_clip_rect(band.shrink(1.0));
            text_painter.text(
                pos2(band.left() + 4.0, band.center().y),
                Align2::LEFT_CENTER,
                &era.record.name,
                font.clone(),
                style.text,
            );
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn paint_axis(
        &self,
        painter: &egui::Painter,
        axis: &mut TimeAxis,
        top: f32,
        area: Rect,
        bottom: f32,
        measure: &dyn Fn(&str) -> f32,
    ) {
        let style = self.style;
        let font = FontId::proportional(style.label_size);
        let axis_rect = Rect::from_min_max(
            pos2(area.left(), top),
            pos2(area.right(), top + style.axis_height),
        );
        painter.hline(
            area.x_range(),
            axis_rect.bottom(),
            Stroke::new(style.line_width, style.grid),
        );
        for tick in &axis.minor {
            painter.vline(
                tick.x,
                axis_rect.bottom() - style.axis_height * 0.25..=axis_rect.bottom(),
                Stroke::new(style.line_width * 0.7, style.grid),
            );
        }
        let context_width = axis.context.as_deref().map_or(0.0, measure);
        axis.make_room_for_context(area.left(), context_width);
        for tick in &axis.major {
            painter.vline(
                tick.x,
                axis_rect.top()..=axis_rect.bottom(),
                Stroke::new(style.line_width, style.grid),
            );
            painter.vline(
                tick.x,
                axis_rect.bottom()..=bottom,
                Stroke::new(style.line_width, style.grid_minor),
            );
            if let Some(label) = &tick.label {
                painter.text(
                    pos2(tick.x + LABEL_OFFSET, axis_rect.top() + 2.0),
                    Align2::LEFT_TOP,
                    label,
                    font.clone(),
                    style.text,
                );
            }
        }
        if let Some(context) = &axis.context {
            let rect = Rect::from_min_size(
                pos2(area.left(), axis_rect.top() + 1.0),
                vec2(context_width + 2.0 * LABEL_OFFSET, style.label_size + 3.0),
            );
            painter.rect_filled(rect, 2.0, style.background);
            painter.text(
                pos2(area.left() + LABEL_OFFSET, axis_rect.top() + 2.0),
                Align2::LEFT_TOP,
                context,
                FontId::proportional(style.label_size),
                style.weak_text,
            );
        }
    }

    fn paint_lane_names(
        &self,
        painter: &egui::Painter,
        lanes: &[LaneGeometry],
        left: f32,
        width: f32,
    ) {
        let style = self.style;
        let font = FontId::proportional(style.label_size);
        for lane in lanes {
            let Some(category) = self.document.timeline.categories.get(lane.category) else {
                continue;
            };
            let colour = style.category_colour(category.colour);
            let swatch = Rect::from_center_size(
                pos2(left + 10.0, lane.point_y),
                vec2(8.0, 8.0) * (style.label_size / 12.5),
            );
            painter.rect_filled(swatch, 2.0, colour);
            let name_painter = painter.with_clip_rect(Rect::from_min_max(
                pos2(left, lane.rect.top()),
                pos2(left + width - 4.0, lane.rect.bottom()),
            ));
            name_painter.text(
                pos2(swatch.right() + 6.0, lane.point_y),
                Align2::LEFT_CENTER,
                &category.record.name,
                font.clone(),
                style.text,
            );
        }
    }

    fn dimmed(&self, event: EventIndex) -> bool {
        self.emphasis
            .is_match
            .is_some_and(|is_match| !is_match(event))
    }

    fn paint_marks(
        &self,
        ui: &Ui,
        painter: &egui::Painter,
        layout: &TimelineLayout,
        mapping: &ScreenMapping,
        actions: &mut Vec<TimelineAction>,
    ) {
        let style = self.style;
        let timeline = &self.document.timeline;
        let colour_of = |event: EventIndex| {
            let category = timeline.events[event].category;
            let colour = timeline
                .categories
                .get(category)
                .map_or(style.grid, |c| style.category_colour(c.colour));
            if self.dimmed(event) {
                colour.gamma_multiply(0.18)
            } else {
                colour
            }
        };
        let labels: std::collections::HashMap<EventIndex, Rect> =
            layout.labels.iter().map(|l| (l.event, l.rect)).collect();
        // Every bar and uncertainty band goes into one mesh, under everything else: they
        // never overlap one another (rows are disjoint), and one shape tessellates far
        // faster than a thousand.
        let bands_slot = painter.add(Shape::Noop);
        let mut bands = Mesh::default();
        for mark in &layout.marks {
            match mark {
                Mark::Point {
                    event,
                    center,
                    radius,
                    uncertainty,
                } => {
                    let colour = colour_of(*event);
                    if let Some((u0, u1)) = uncertainty {
                        let band = Rect::from_min_max(
                            pos2(*u0, center.y - radius * 0.7),
                            pos2(*u1, center.y + radius * 0.7),
                        );
                        add_tapered_band(&mut bands, band, colour.gamma_multiply(0.45), None);
                    }
                    painter.circle_filled(*center, *radius, colour);
                    painter.circle_stroke(
                        *center,
                        *radius,
                        Stroke::new(style.line_width, style.background),
                    );
                    let record = &timeline.events[*event];
                    if record.is_date_disputed() {
                        painter.circle_stroke(
                            *center,
                            radius + 2.5 * style.line_width,
                            Stroke::new(style.line_width * 1.3, style.disputed),
                        );
                    }
                }
                Mark::Bar { event, rect, solid } => {
                    let colour = colour_of(*event);
                    if rect.width() < 12.0 {
                        // Too short to show a fade: a solid sliver that can be seen and clicked.
                        bands.add_colored_rect(*rect, colour.gamma_multiply(0.8));
                    } else {
                        add_tapered_band(&mut bands, *rect, colour.gamma_multiply(0.55), *solid);
                    }
                    let record = &timeline.events[*event];
                    if record.is_date_disputed() {
                        painter.rect_stroke(
                            *rect,
                            2.0,
                            Stroke::new(style.line_width, style.disputed),
                            egui::StrokeKind::Outside,
                        );
                    }
                }
                Mark::Cluster { rect, .. } => {
                    let events = self.lanes.events_of(mark);
                    // A cluster is emphasised when any of its events is (looking at a bounded number).
                    let shown = events
                        .iter()
                        .take(2_000)
                        .find(|&&e| !self.dimmed(e))
                        .unwrap_or(&events[0]);
                    let colour = colour_of(*shown);
                    painter.rect_filled(*rect, rect.height() / 2.0, colour.gamma_multiply(0.85));
                    painter.rect_stroke(
                        *rect,
                        rect.height() / 2.0,
                        Stroke::new(style.line_width, style.background),
                        egui::StrokeKind::Inside,
                    );
                    let count = compact_count(events.len());
                    // No smaller than the smallest text elsewhere (the overview's years): a
                    // count in a thin bar row is set as large as the labels in bars are.
                    let font = FontId::proportional(
                        (rect.height() * 0.72)
                            .max(style.label_size * super::theme::PROJECTOR_SMALLEST_TEXT),
                    );
                    let galley = painter.layout_no_wrap(count, font, Color32::WHITE);
                    if galley.size().x + 4.0 <= rect.width() {
                        painter.galley(rect.center() - galley.size() / 2.0, galley, Color32::WHITE);
                    }
                }
            }
        }
        painter.set(bands_slot, Shape::mesh(bands));
        // Selection and interaction, after painting so highlights sit on top.
        for mark in &layout.marks {
            let hit = match mark {
                Mark::Point { event, .. } | Mark::Bar { event, .. } => labels
                    .get(event)
                    .map_or(mark.hit_rect(), |l| l.union(mark.hit_rect())),
                Mark::Cluster { .. } => mark.hit_rect(),
            };
            let first = self.lanes.events_of(mark)[0];
            let id = ui.scope_id().with(("mark", first, mark.len()));
            let response = ui.interact(hit, id, Sense::click());
            let response = self.describe(mark, response);
            if response.clicked() {
                match mark {
                    Mark::Point { event, .. } | Mark::Bar { event, .. } => {
                        actions.push(TimelineAction::Select(Some(*event)))
                    }
                    Mark::Cluster { time_range, .. } => {
                        let view = self.document.limits.around(*time_range, 0.15);
                        actions.push(TimelineAction::SetView {
                            view,
                            animate: true,
                        });
                    }
                }
            }
            let selected = self
                .selected
                .is_some_and(|s| self.lanes.mark_contains(mark, s));
            if selected || response.hovered() {
                let stroke = Stroke::new(
                    style.line_width * if selected { 2.5 } else { 1.5 },
                    if selected {
                        style.highlight
                    } else {
                        style.text
                    },
                );
                match mark {
                    Mark::Point { center, radius, .. } => {
                        painter.circle_stroke(*center, radius + 1.5, stroke);
                    }
                    Mark::Bar { rect, .. } | Mark::Cluster { rect, .. } => {
                        painter.rect_stroke(*rect, 2.0, stroke, egui::StrokeKind::Outside);
                    }
                }
                // Show where the disputed alternatives lie.
                if let Mark::Point { event, center, .. } = mark {
                    for alternative in &timeline.events[*event].disputed_alternatives {
                        let x = mapping.x(alternative.midpoint());
                        let at = pos2(x, center.y);
                        painter.add(Shape::dashed_line(
                            &[*center, at],
                            Stroke::new(style.line_width, style.disputed),
                            4.0,
                            3.0,
                        ));
                        painter.add(diamond(
                            at,
                            5.0 * style.line_width.max(1.0),
                            Stroke::new(style.line_width * 1.5, style.disputed),
                        ));
                    }
                }
            }
        }
    }

    /// Accessibility name, tooltip and cursor for a mark.
    fn describe(&self, mark: &Mark, response: Response) -> Response {
        let timeline = &self.document.timeline;
        // Built only when asked for (accessibility, tests): formatting a label for every
        // mark of every frame is a large part of a dense frame.
        let label = || match mark {
            Mark::Point { event, .. } | Mark::Bar { event, .. } => {
                let record = &timeline.events[*event];
                format!("{}, {}", record.record.title, record.date_label())
            }
            Mark::Cluster { .. } => {
                let events = self.lanes.events_of(mark);
                let first = &timeline.events[events[0]];
                let last = &timeline.events[events[events.len() - 1]];
                format!("{} events, {} to {}", events.len(), first.when, last.when)
            }
        };
        let selected = self
            .selected
            .is_some_and(|s| self.lanes.mark_contains(mark, s));
        response.widget_info(|| {
            egui::WidgetInfo::selected(egui::Role::Button, true, selected, label())
        });
        let response = response.on_hover_cursor(CursorIcon::PointingHand);
        match mark {
            Mark::Point { event, .. } | Mark::Bar { event, .. } => {
                let record = &timeline.events[*event];
                response.on_hover_ui(|ui| {
                    ui.strong(&record.record.title);
                    if let Some(korean) = &record.record.native_title {
                        ui.label(korean);
                    }
                    ui.label(record.date_label());
                    ui.weak("Click for details");
                })
            }
            Mark::Cluster { .. } => response.on_hover_ui(|ui| {
                let events = self.lanes.events_of(mark);
                ui.strong(format!("{} events", events.len()));
                for &event in events.iter().take(8) {
                    let record = &timeline.events[event];
                    ui.label(format!("{} — {}", record.when, record.record.title));
                }
                if events.len() > 8 {
                    ui.weak(format!("… and {} more", events.len() - 8));
                }
                ui.weak("Click to zoom in");
            }),
        }
    }

    fn paint_labels(&self, painter: &egui::Painter, layout: &TimelineLayout, font: &FontId) {
        let timeline = &self.document.timeline;
        for label in &layout.labels {
            let record = &timeline.events[label.event];
            let mut colour = self.style.text;
            if self.dimmed(label.event) {
                colour = colour.gamma_multiply(0.3);
            }
            if Some(label.event) == self.selected {
                colour = self.style.highlight;
            }
            painter.text(
                pos2(label.rect.left(), label.rect.center().y),
                Align2::LEFT_CENTER,
                &record.record.title,
                font.clone(),
                colour,
            );
        }
    }

    fn handle_pointer(
        &self,
        ui: &Ui,
        background: &Response,
        mapping: &ScreenMapping,
        area: Rect,
        actions: &mut Vec<TimelineAction>,
    ) {
        if background.dragged() {
            let dx = f64::from(background.drag_delta().x);
            if dx != 0.0 {
                actions.push(TimelineAction::SetView {
                    view: mapping.pan_pixels(dx),
                    animate: false,
                });
            }
            ui.ctx().set_cursor_icon(CursorIcon::Grabbing);
        }
        if background.clicked() {
            actions.push(TimelineAction::Select(None));
        }
        let hovered = ui.rect_contains_pointer(area);
        if !hovered {
            return;
        }
        let (scroll, zoom, pointer) = ui.input(|i| {
            (
                i.smooth_scroll_delta(),
                i.zoom_delta(),
                i.pointer.hover_pos(),
            )
        });
        let Some(pointer) = pointer else { return };
        let mut view = mapping.view();
        if scroll.x != 0.0 {
            view =
                ScreenMapping::new(view, area.left(), area.width()).pan_pixels(f64::from(scroll.x));
        }
        let factor = zoom * (scroll.y * WHEEL_ZOOM_SPEED).exp();
        if (factor - 1.0).abs() > 1e-4 {
            view = ScreenMapping::new(view, area.left(), area.width())
                .zoom_at_x(f64::from(pointer.x), f64::from(factor));
        }
        if view != mapping.view() {
            actions.push(TimelineAction::SetView {
                view,
                animate: false,
            });
        }
    }
}

/// `1234` → `1.2k`, short enough for a badge.
pub fn compact_count(count: usize) -> String {
    match count {
        0..=999 => count.to_string(),
        1_000..=9_999 => format!("{:.1}k", count as f64 / 1_000.0),
        10_000..=999_999 => format!("{}k", count / 1_000),
        _ => format!("{:.1}M", count as f64 / 1_000_000.0),
    }
}

/// A band that fades in and out: solid between `solid`, transparent at the ends.
/// Without a solid part it is strongest in the middle.
/// Appends a bar to `mesh` that is solid over `solid` (or only at its centre) and fades
/// towards both ends.
fn add_tapered_band(mesh: &mut Mesh, rect: Rect, colour: Color32, solid: Option<(f32, f32)>) {
    let (s0, s1) = solid.map_or_else(
        || {
            let middle = rect.center().x;
            (middle, middle)
        },
        |(a, b)| {
            (
                a.clamp(rect.left(), rect.right()),
                b.clamp(rect.left(), rect.right()),
            )
        },
    );
    let faint = colour.gamma_multiply(0.12);
    let first = mesh.vertices.len() as u32;
    let columns = [
        (rect.left(), faint),
        (s0, colour),
        (s1, colour),
        (rect.right(), faint),
    ];
    for (x, c) in columns {
        mesh.colored_vertex(pos2(x, rect.top()), c);
        mesh.colored_vertex(pos2(x, rect.bottom()), c);
    }
    for i in 0..3u32 {
        let base = first + i * 2;
        mesh.add_triangle(base, base + 1, base + 2);
        mesh.add_triangle(base + 1, base + 3, base + 2);
    }
}

fn diamond(center: Pos2, half: f32, stroke: Stroke) -> Shape {
    let points = vec![
        center + vec2(0.0, -half),
        center + vec2(half, 0.0),
        center + vec2(0.0, half),
        center + vec2(-half, 0.0),
    ];
    Shape::closed_line(points, stroke)
}
