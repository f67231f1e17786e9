//! The timeline widget: era bands, the time axis, lanes with their markers, bars,
//! clusters and labels; turns pointer input into [`TimelineAction`]s.
//!
//! All geometry comes from [`crate::view`] and everything drawn from its scene
//! ([`crate::view::scene`]), painted by [`crate::render::egui`]; this file wires up
//! interaction (from the scene's hit areas) and accessibility.

use crate::model::wording::short_title;
use std::sync::Arc;

use egui::{CursorIcon, Rect, Response, Sense, Stroke, Ui, pos2};

use super::label_widths::{LabelWidths, WidthKey, fonts_key};
use super::theme::TimelineStyle;
use crate::document::Document;
use crate::model::timeline::EventIndex;
use crate::render;
use crate::render::egui_galleys::{GalleyKey, KeptGalleys};
use crate::view::fill::{self, LabelInput};
use crate::view::frame::FrameGeometry;
use crate::view::layout::{LaneGeometry, LaneIndex, LayoutMetrics, TimelineLayout};
use crate::view::scene::{Scene, SceneEmphasis, SceneInput, Target};
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
    /// Whether the timeline has the keyboard focus.
    pub focused: bool,
    /// The id it takes the keyboard focus under.
    pub focus_id: egui::Id,
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
    bottom: f32,
    metrics: LayoutMetrics,
    label_size: f32,
    pixels_per_point: f32,
    selected: Option<EventIndex>,
}

/// Where the timeline widget keeps the scene it drew last (one timeline per window).
fn scene_id() -> egui::Id {
    egui::Id::NULL.with("timeline-scene")
}

/// The id under which a timeline drawn in `ui` takes the keyboard focus: `Tab` reaches
/// it as one widget. (Per `Ui`: the presenter's window draws two timelines at once.)
pub fn focus_id(ui: &Ui) -> egui::Id {
    ui.scope_id().with("timeline-focus")
}

/// What a screen reader says for the timeline as a whole.
/// (No ", " in it: tests count marks by the comma between title and date.)
pub const TIMELINE_NAME: &str =
    "Timeline: ← and → step through the events in time; ↑ and ↓ change lane; Enter opens the event";

/// Wheel zoom: this many points of scroll zoom by a factor of e.
const WHEEL_ZOOM_SPEED: f32 = 1.0 / 300.0;

impl TimelineWidget<'_> {
    /// Draws the timeline into all of `ui`'s available space and returns what the user did.
    pub fn show(self, ui: &mut Ui) -> TimelineOutput {
        let mut actions = Vec::new();
        let rect = ui.available_rect_before_wrap();
        ui.advance_cursor_after_rect(rect);
        // One focusable widget for the keyboard; its marks are reached with the arrows.
        let focus = focus_id(ui);
        let background = ui.interact(rect, focus, Sense::click_and_drag());
        background
            .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Group, true, TIMELINE_NAME));
        let focused = background.has_focus();
        if focused {
            ui.memory_mut(|memory| {
                memory.set_focus_lock_filter(
                    focus,
                    egui::EventFilter {
                        tab: false,
                        horizontal_arrows: true,
                        vertical_arrows: true,
                        escape: true,
                    },
                );
            });
        }
        let style = self.style;
        let ctx = ui.ctx().clone();
        // Galleys outlive the frame too, shared by measuring and painting: a text is
        // shaped once, not once to measure and again (in its colour) to paint, nor again
        // each time it comes back into view.
        let galleys_id = ui.scope_id().with("timeline-galleys");
        let mut galleys: KeptGalleys = ui
            .data_mut(|data| data.remove_temp(galleys_id))
            .unwrap_or_default();
        galleys.prepare(GalleyKey {
            pixels_per_point: ui.pixels_per_point(),
            fonts: ctx.fonts(|fonts| fonts_key(fonts.definitions())),
            text_options: Some(ctx.fonts(|fonts| *fonts.options())),
        });
        let galleys = std::cell::RefCell::new(galleys);
        let measure = |text: &str, size: f32| -> f32 {
            galleys
                .borrow_mut()
                .galley(text, size, || {
                    render::egui::layout_placeholder(&ctx, text, size)
                })
                .size()
                .x
        };
        let longest_name = self
            .document
            .timeline
            .categories
            .iter()
            .map(|c| measure(&c.record.name, style.label_size))
            .fold(0.0, f32::max);
        let mut frame = FrameGeometry::new(
            self.document,
            self.lanes,
            self.shown_lanes,
            self.view,
            rect,
            longest_name,
            &style.frame_sizes(),
        );
        let timeline = &self.document.timeline;
        // Label widths outlive the frame (egui forgets the galleys it did not draw).
        let widths_id = ui.scope_id().with("timeline-label-widths");
        let mut widths: LabelWidths = ui
            .data_mut(|data| data.remove_temp(widths_id))
            .unwrap_or_default();
        widths.prepare(WidthKey {
            document: self.document.lanes.build_id(),
            events: timeline.events.len(),
            label_size: style.label_size,
            pixels_per_point: ui.pixels_per_point(),
            fonts: ctx.fonts(|fonts| fonts_key(fonts.definitions())),
            text_options: Some(ctx.fonts(|fonts| *fonts.options())),
        });
        let widths = std::cell::RefCell::new(widths);
        let measure_event = |event: EventIndex| -> f32 {
            timeline.events.get(event).map_or(0.0, |e| {
                widths
                    .borrow_mut()
                    .title(event, || measure(&e.record.title, style.label_size))
            })
        };
        let measure_short = |event: EventIndex, text: &str| -> f32 {
            widths
                .borrow_mut()
                .short_name(event, || measure(text, style.label_size))
        };
        // The layout depends only on these; frames that change nothing else (the pointer
        // moving over the timeline, a tooltip) reuse it.
        let key = LayoutKey {
            index: self.lanes.build_id(),
            mapping: frame.mapping,
            lanes: frame.lanes.clone(),
            bottom: frame.bottom,
            metrics: frame.metrics,
            label_size: style.label_size,
            pixels_per_point: ui.pixels_per_point(),
            selected: self.selected,
        };
        let cache_id = ui.scope_id().with("timeline-layout");
        let cached: Option<Arc<(LayoutKey, TimelineLayout, Vec<LaneGeometry>)>> =
            ui.data(|data| data.get_temp(cache_id));
        let cached = cached.filter(|cached| cached.0 == key);
        let cached = cached.unwrap_or_else(|| {
            // The lanes grow into the free height while labels are hidden.
            let measure_text = |text: &str| {
                widths
                    .borrow_mut()
                    .text(text, style.label_size, || measure(text, style.label_size))
            };
            let layout = fill::lay_out(
                timeline,
                self.lanes,
                &mut frame,
                &LabelInput {
                    measure: &measure_event,
                    measure_short: &measure_short,
                    measure_text: &measure_text,
                    selected: self.selected,
                },
            );
            let fresh = Arc::new((key, layout, frame.lanes.clone()));
            ui.data_mut(|data| data.insert_temp(cache_id, Arc::clone(&fresh)));
            fresh
        });
        frame.lanes.clone_from(&cached.2);
        let layout = &cached.1;
        // The scene measures labels cut to their room and the axis labels: their widths
        // are kept across frames too.
        let measure_kept = |text: &str, size: f32| -> f32 {
            widths.borrow_mut().text(text, size, || measure(text, size))
        };
        let scene = Scene::build(&SceneInput {
            document: self.document,
            lanes: self.lanes,
            frame: &frame,
            layout,
            rect,
            style,
            emphasis: SceneEmphasis {
                selected: self.selected,
                is_match: self.emphasis.is_match,
            },
            measure: &measure_kept,
        });
        ui.data_mut(|data| data.insert_temp(widths_id, widths.into_inner()));
        let painter = ui.painter_at(rect);
        let mut galleys = galleys.into_inner();
        render::egui::paint_kept(&painter, &scene, &mut galleys);
        ui.data_mut(|data| data.insert_temp(galleys_id, galleys));
        self.interact(ui, &background, &painter, &scene, &frame, &mut actions);
        self.handle_pointer(
            ui,
            &scene,
            &background,
            &frame.mapping,
            frame.area,
            &mut actions,
        );
        if focused {
            // The focus ring: where the keys go.
            painter.rect_stroke(
                rect.shrink(1.5),
                2.0,
                Stroke::new(2.0, style.highlight),
                egui::StrokeKind::Inside,
            );
        }
        let output = TimelineOutput {
            actions,
            area: frame.area,
            lanes_top: frame.lanes_top,
            focused,
            focus_id: focus,
        };
        ui.data_mut(|data| data.insert_temp(scene_id(), Arc::new(scene)));
        output
    }

    /// The scene the timeline widget drew last in this window (for tests, and for
    /// exports of what is on screen).
    pub fn last_scene(ctx: &egui::Context) -> Option<Arc<Scene>> {
        ctx.data(|data| data.get_temp(scene_id()))
    }

    /// Hover, clicks, tooltips and accessibility, from the scene's hit areas; outlines
    /// what the pointer is over.
    fn interact(
        &self,
        ui: &Ui,
        background: &Response,
        painter: &egui::Painter,
        scene: &Scene,
        frame: &FrameGeometry,
        actions: &mut Vec<TimelineAction>,
    ) {
        let style = self.style;
        let timeline = &self.document.timeline;
        let lanes_painter = painter.with_clip_rect(Rect::from_min_max(
            pos2(frame.area.left(), frame.lanes_top),
            painter.clip_rect().max,
        ));
        let everything_visible = ui.memory(egui::Memory::everything_is_visible);
        // A mark is an egui widget (hover, click, tooltip, cursor) only where the pointer
        // can reach it: hundreds of widgets a frame were a tenth of the widest zoom
        // steps. Egui picks among the widgets within its interaction radius of the
        // pointer, and every one of those is still made. With accessibility on (a screen
        // reader, the tests) every mark is a widget, named, as before; a cluster that
        // lists its events keeps its widget, whose list may be open.
        let accessible = everything_visible
            || ui
                .ctx()
                .accesskit_node_builder(background.id, |_| ())
                .is_some();
        let pointer = ui.input(|i| i.pointer.latest_pos());
        // Egui's reach (its interaction radius), and as far as a pressed pointer may
        // wander with the press still a click: a mark pressed keeps its widget until
        // the release.
        let reach = ui
            .style()
            .interaction
            .interact_radius
            .max(ui.ctx().options(|o| o.input_options.max_click_dist))
            + 1.0;
        let reachable = |hit: &crate::view::scene::Hit| {
            accessible
                || matches!(
                    hit.target,
                    Target::Cluster {
                        zoomable: false,
                        ..
                    }
                )
                || pointer.is_some_and(|p| hit.rect.expand(reach).contains(p))
        };
        for hit in scene.hits.iter().filter(|hit| reachable(hit)) {
            let (id, sense) = match &hit.target {
                Target::Nothing | Target::Place(_) => continue,
                Target::Era(era) => (ui.scope_id().with(("era", *era)), Sense::hover()),
                Target::EraFold(_) => (ui.scope_id().with("era-fold"), Sense::hover()),
                // Marks and lane names are pointed at, not tabbed to: the timeline is
                // one stop for `Tab`, and the arrows move between its events.
                Target::LaneName(lane) => (ui.scope_id().with(("lane", *lane)), Sense::CLICK),
                Target::Event(event) => (ui.scope_id().with(("mark", *event, 1)), Sense::CLICK),
                Target::Cluster { .. } => {
                    let events = hit.target.events(self.lanes);
                    let first = events.first().copied().unwrap_or(usize::MAX);
                    (
                        ui.scope_id().with(("mark", first, events.len())),
                        Sense::CLICK,
                    )
                }
            };
            let response = ui.interact(hit.rect, id, sense);
            let target = &hit.target;
            let lanes = self.lanes;
            if hit.clickable {
                let role = egui::Role::Button;
                let selected = hit.selected;
                response.widget_info(|| {
                    egui::WidgetInfo::selected(
                        role,
                        true,
                        selected,
                        target.accessible_name(timeline, lanes).unwrap_or_default(),
                    )
                });
            } else {
                // Era bands and the "+N more eras" row are read, not pressed.
                response.widget_info(|| {
                    egui::WidgetInfo::labeled(
                        egui::Role::Label,
                        true,
                        target.accessible_name(timeline, lanes).unwrap_or_default(),
                    )
                });
            }
            let response = if hit.clickable {
                response.on_hover_cursor(CursorIcon::PointingHand)
            } else {
                response
            };
            // Asking egui whether a tooltip shows costs as much as the rest of a mark's
            // interaction, and hundreds of marks are in view at the widest zoom: only a
            // mark under the pointer, or whose tooltip is open, can show one.
            let may_show_tooltip =
                everything_visible || response.contains_pointer() || response.is_tooltip_open();
            let response = match target {
                _ if !may_show_tooltip => response,
                Target::Event(event) => {
                    let event = *event;
                    response.on_hover_ui(|ui| {
                        if let Some(record) = timeline.events.get(event) {
                            ui.strong(short_title(&record.record.title));
                            if let Some(korean) = &record.record.native_title {
                                ui.label(&**korean);
                            }
                            ui.label(record.date_label());
                            ui.weak("Click for details");
                        }
                    })
                }
                Target::Cluster { .. } => response.on_hover_ui(|ui| {
                    if let Some(text) = target.tooltip(timeline, lanes) {
                        let mut lines = text.lines();
                        if let Some(first) = lines.next() {
                            ui.strong(first);
                        }
                        for line in lines {
                            ui.label(line);
                        }
                    }
                    let zoomable = matches!(target, Target::Cluster { zoomable: true, .. });
                    ui.weak(if zoomable {
                        "Click to zoom in"
                    } else {
                        "Click to list them"
                    });
                }),
                // A band may be the window's width: its tooltip goes at the pointer, not
                // at the band's left edge (seen 400 px away, over the axis labels).
                Target::Era(_) | Target::EraFold(_) => {
                    let text = target.tooltip(timeline, lanes).unwrap_or_default();
                    response.on_hover_text_at_pointer(text)
                }
                Target::LaneName(_) => {
                    let text = target.tooltip(timeline, lanes).unwrap_or_default();
                    response.on_hover_text(text)
                }
                Target::Nothing | Target::Place(_) => response,
            };
            if response.clicked() {
                actions.extend(self.click_on(target));
            }
            if let Target::Cluster {
                zoomable: false, ..
            } = target
            {
                cluster_list_ui(&response, target.events(lanes), timeline, actions);
            }
            if response.hovered() && !hit.selected {
                render::egui::paint_outline(
                    &lanes_painter,
                    hit.outline,
                    Stroke::new(style.line_width * 1.5, style.text),
                );
            }
        }
    }

    /// What a click on `target` does.
    fn click_on(&self, target: &Target) -> Option<TimelineAction> {
        match target {
            Target::Event(event) => Some(TimelineAction::Select(Some(*event))),
            Target::Cluster {
                time_range,
                zoomable: true,
                ..
            } => Some(TimelineAction::SetView {
                view: self.document.limits.around(*time_range, 0.15),
                animate: true,
            }),
            Target::LaneName(lane) => Some(TimelineAction::ToggleLane(*lane)),
            Target::Cluster { .. }
            | Target::Era(_)
            | Target::EraFold(_)
            | Target::Place(_)
            | Target::Nothing => None,
        }
    }

    /// A click that reached the timeline's background: on a mark that was no widget
    /// when the button went down (the pointer came onto it within that frame: a tap,
    /// a warped pointer; see [`Self::interact`]), it does what a click on the mark does,
    /// the topmost clickable hit area under it found in the scene (nothing, for a
    /// cluster that lists its events: that list opens from its own widget); elsewhere
    /// it clears the selection.
    fn background_click(&self, scene: &Scene, at: Option<egui::Pos2>) -> Option<TimelineAction> {
        let hit = at.and_then(|at| {
            scene
                .hits
                .iter()
                .rev()
                .find(|hit| hit.clickable && hit.rect.contains(at))
        });
        match hit {
            Some(hit) => self.click_on(&hit.target),
            None => Some(TimelineAction::Select(None)),
        }
    }

    fn handle_pointer(
        &self,
        ui: &Ui,
        scene: &Scene,
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
            actions.extend(self.background_click(scene, background.interact_pointer_pos()));
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
            // Zoomed and clamped about the time under the pointer, so it stays there.
            let anchor = ScreenMapping::new(view, area.left(), area.width())
                .time_from_x(f64::from(pointer.x));
            view = self
                .document
                .limits
                .zoom_about(view, anchor, f64::from(factor));
        }
        if view != mapping.view() {
            actions.push(TimelineAction::SetView {
                view,
                animate: false,
            });
        }
    }
}

/// A cluster lists at most this many of its events.
const CLUSTER_LIST_EVENTS: usize = 200;

/// The list that a cluster which zooming cannot tell apart (its events share a date)
/// opens on click: its events, each a button that selects it.
fn cluster_list_ui(
    response: &Response,
    events: &[EventIndex],
    timeline: &crate::model::timeline::Timeline,
    actions: &mut Vec<TimelineAction>,
) {
    egui::Popup::menu(response).show(|ui| {
        egui::ScrollArea::vertical()
            .max_height(360.0)
            .show(ui, |ui| {
                for &event in events.iter().take(CLUSTER_LIST_EVENTS) {
                    if let Some(record) = timeline.events.get(event)
                        && ui
                            .button(format!(
                                "{} — {}",
                                record.when,
                                short_title(&record.record.title)
                            ))
                            .clicked()
                    {
                        actions.push(TimelineAction::Select(Some(event)));
                    }
                }
                if events.len() > CLUSTER_LIST_EVENTS {
                    ui.weak(format!("… and {} more", events.len() - CLUSTER_LIST_EVENTS));
                }
            });
    });
}
