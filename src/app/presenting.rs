//! Presentation mode of the application: entering and leaving it, applying the
//! clicker's keys, and drawing the projector screen and the presenter's window.

use egui::{Color32, FontId, Id, LayerId, Order, Rect, Ui, UiBuilder, pos2};

use super::TimelineApp;
use crate::model::timeline::EventIndex;
use crate::ui::overview::overview_ui;
use crate::ui::present::{
    Blank, PresentKey, PresentOutcome, Presentation, STEP_FLIGHT_SECONDS, card_ui,
    presentation_steps, presenter_ui, read_keys, step_view,
};
use crate::ui::theme::{ThemeChoice, TimelineStyle};
use crate::ui::timeline_ui::{Emphasis, TimelineAction, TimelineWidget};
use crate::view::frame::FrameGeometry;
use crate::view::transform::TimeView;

/// A lecture in progress and what to return to afterwards.
pub(super) struct PresentationMode {
    lecture: Presentation,
    return_to: (TimeView, Option<EventIndex>, bool),
    presenter_open: bool,
}

/// The local time of day, `14:05`, for the presenter's clock.
fn clock() -> String {
    let now = jiff::Timestamp::now();
    let zone = jiff::tz::TimeZone::try_system().unwrap_or(jiff::tz::TimeZone::UTC);
    now.to_zoned_datetime(zone).strftime("%H:%M").to_string()
}

impl TimelineApp {
    /// Whether presentation mode is on.
    pub fn is_presenting(&self) -> bool {
        self.presentation.is_some()
    }

    /// The lecture in progress.
    pub fn presentation(&self) -> Option<&Presentation> {
        self.presentation.as_ref().map(|p| &p.lecture)
    }

    /// Whether the presenter's window is open.
    pub fn is_presenter_open(&self) -> bool {
        self.presentation.as_ref().is_some_and(|p| p.presenter_open)
    }

    /// Starts the lecture at `step` (0-based), full screen unless a screenshot is being taken.
    pub(super) fn enter_presentation(&mut self, ctx: &egui::Context, step: usize, presenter: bool) {
        let Some(document) = &self.document else {
            return;
        };
        let steps = presentation_steps(&document.timeline);
        if steps.is_empty() {
            return;
        }
        let now = ctx.input(|i| i.time);
        self.presentation = Some(PresentationMode {
            lecture: Presentation::new(steps, step, now),
            return_to: (self.view(), self.selected, self.panel_open),
            presenter_open: presenter,
        });
        if self.screenshot.is_none() {
            ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(true));
        }
        self.fly_to_current_step(now);
    }

    fn leave_presentation(&mut self, ctx: &egui::Context, now: f64) {
        if let Some(mode) = self.presentation.take() {
            let (view, selected, panel_open) = mode.return_to;
            self.selected = selected;
            self.panel_open = panel_open;
            self.set_view(view, true, now);
            ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(false));
        }
    }

    fn fly_to_current_step(&mut self, now: f64) {
        let (Some(mode), Some(document)) = (&self.presentation, &self.document) else {
            return;
        };
        let Some(step) = mode.lecture.step() else {
            return;
        };
        let view = step_view(step, |event| document.view_around_event(event));
        self.fly_to(view, STEP_FLIGHT_SECONDS, now);
    }

    fn apply_present_keys(&mut self, ctx: &egui::Context, keys: Vec<PresentKey>, now: f64) {
        for key in keys {
            let Some(mode) = &mut self.presentation else {
                return;
            };
            match mode.lecture.press(key) {
                PresentOutcome::Stay => {}
                PresentOutcome::Fly => self.fly_to_current_step(now),
                PresentOutcome::Leave => {
                    self.leave_presentation(ctx, now);
                    return;
                }
                PresentOutcome::TogglePresenter => mode.presenter_open = !mode.presenter_open,
                PresentOutcome::ToggleTheme => {
                    self.theme = match self.theme {
                        ThemeChoice::Light => ThemeChoice::Dark,
                        ThemeChoice::Dark => ThemeChoice::Light,
                    };
                }
            }
        }
    }

    /// One frame of presentation mode.
    pub(super) fn presentation_frame(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        let now = ui.input(|i| i.time);
        let mut keys = read_keys(ui);
        keys.extend(self.presenter_window(&ctx, now));
        self.apply_present_keys(&ctx, keys, now);
        let (Some(mode), Some(document)) = (&self.presentation, &self.document) else {
            return;
        };

        let screen = ui.max_rect();
        let style = TimelineStyle::projector(self.theme, screen.height());
        let overview_height = (screen.height() * 0.05).max(style.label_size * 1.6);
        let card_event = mode.lecture.card_event();
        // Only the lanes with something to see at this step, so the type can stay large.
        let target = self.view();
        let lanes = &document.projector_lanes;
        let card_lane = card_event
            .and_then(|e| document.timeline.events.get(e))
            .map(|e| e.category);
        let shown_lanes: Vec<usize> = (0..document.timeline.categories.len())
            .filter(|&lane| {
                Some(lane) == card_lane || lanes.lane_has_events_in(lane, target.min, target.max())
            })
            .collect();
        let margin = style.text_size;
        // The card is as tall as its text needs (measured by an invisible pass) where the
        // lanes leave room for it; see `fitting_card_height`.
        let card_text_height = card_event.map_or(0.0, |event| {
            let width = screen.width() - 3.0 * margin;
            ui.scope_builder(
                UiBuilder::new()
                    .max_rect(Rect::from_min_size(
                        screen.min,
                        egui::vec2(width, f32::INFINITY),
                    ))
                    .sizing_pass()
                    .invisible(),
                |ui| card_ui(ui, &document.timeline, event, &style),
            )
            .response
            .rect
            .height()
        });
        // Where the lanes of the step's view end when nothing below them takes room.
        let natural = FrameGeometry::new(
            document,
            lanes,
            &shown_lanes,
            target,
            Rect::from_min_max(
                screen.min,
                pos2(screen.right(), screen.bottom() - overview_height),
            ),
            0.0,
            &style.frame_sizes(),
        );
        let lanes_bottom = natural
            .lanes
            .last()
            .map_or(natural.lanes_top, |lane| lane.rect.bottom());
        let card_height = fitting_card_height(
            screen.height(),
            card_text_height + margin * (2.0 * 0.6 + 1.6),
            screen.bottom() - overview_height - lanes_bottom - margin,
            lanes_bottom - natural.lanes_top,
        );
        let timeline_rect = Rect::from_min_max(
            screen.min,
            pos2(
                screen.right(),
                screen.bottom() - card_height - overview_height,
            ),
        );
        let overview_rect = Rect::from_min_max(
            pos2(screen.left(), timeline_rect.bottom()),
            pos2(screen.right(), timeline_rect.bottom() + overview_height),
        );
        let card_rect = Rect::from_min_max(pos2(screen.left(), overview_rect.bottom()), screen.max);
        ui.painter().rect_filled(screen, 0.0, style.background);

        let output = ui
            .scope_builder(UiBuilder::new().max_rect(timeline_rect), |ui| {
                TimelineWidget {
                    document,
                    lanes,
                    view: self.view,
                    selected: card_event,
                    style: &style,
                    shown_lanes: &shown_lanes,
                    emphasis: Emphasis { is_match: None },
                }
                .show(ui)
            })
            .inner;
        let names_width = output.area.left() - screen.left();
        // The timeline's title in the corner above the lane names, for the audience.
        let corner =
            Rect::from_min_max(screen.min, pos2(output.area.left() - 8.0, output.lanes_top));
        let title = ui.painter().layout(
            document.timeline.title.clone(),
            FontId::proportional(style.label_size),
            style.weak_text,
            (corner.width() - style.label_size).max(10.0),
        );
        ui.painter().with_clip_rect(corner).galley(
            corner.left_top() + egui::vec2(style.label_size * 0.5, style.label_size * 0.3),
            title,
            style.weak_text,
        );
        let moved = ui
            .scope_builder(UiBuilder::new().max_rect(overview_rect), |ui| {
                overview_ui(
                    ui,
                    document,
                    self.view,
                    &style,
                    overview_rect.height(),
                    names_width,
                )
            })
            .inner;
        let timeline = document.timeline.clone();
        let card_content = Rect::from_min_max(
            card_rect.min,
            pos2(card_rect.right(), card_rect.bottom() - margin * 1.6),
        )
        .shrink2(egui::vec2(margin * 1.5, margin * 0.6));
        ui.scope_builder(UiBuilder::new().max_rect(card_content), |ui| {
            // `card_ui` elides the details that do not fit; the clip only guards the
            // progress line should even the title and date not fit.
            ui.set_clip_rect(card_content.intersect(ui.clip_rect()));
            if let Some(event) = card_event {
                card_ui(ui, &timeline, event, &style);
            }
        });
        // Where the lecture is, small but legible, on a line of its own under the card.
        let mut progress = mode.lecture.progress();
        if let Some(step_event) = mode
            .lecture
            .step()
            .and_then(|s| timeline.events.get(s.event))
        {
            progress = format!("{progress} · {}", step_event.record.title);
        }
        if !mode.lecture.typed.is_empty() {
            progress = format!("Go to step {}…   {progress}", mode.lecture.typed);
        }
        let progress_rect = Rect::from_min_max(
            pos2(card_rect.left() + margin, card_rect.bottom() - margin * 1.6),
            pos2(
                card_rect.right() - margin,
                card_rect.bottom() - margin * 0.2,
            ),
        );
        ui.scope_builder(
            UiBuilder::new()
                .max_rect(progress_rect)
                .layout(egui::Layout::right_to_left(egui::Align::Min)),
            |ui| {
                ui.add(
                    egui::Label::new(
                        egui::RichText::new(progress)
                            .size(style.label_size)
                            .color(style.weak_text),
                    )
                    .truncate(),
                );
            },
        );
        if let Some(blank) = mode.lecture.blank {
            let colour = match blank {
                Blank::Black => Color32::BLACK,
                Blank::White => Color32::WHITE,
            };
            ctx.layer_painter(LayerId::new(Order::Foreground, Id::unique("blank_screen")))
                .rect_filled(ctx.content_rect(), 0.0, colour);
        }

        self.timeline_area = Some(output.area);
        let step_event = mode.lecture.step().map(|s| s.event);
        for action in output.actions {
            match action {
                TimelineAction::Select(event) => {
                    if let Some(mode) = &mut self.presentation {
                        mode.lecture.card_override = event.filter(|&e| Some(e) != step_event);
                    }
                }
                TimelineAction::SetView { view, animate } => self.set_view(view, animate, now),
                TimelineAction::ToggleLane(_) => {}
            }
        }
        if let Some((view, animate)) = moved {
            self.set_view(view, animate, now);
        }
    }

    /// Shows the presenter's window when it is open; returns the keys pressed there.
    fn presenter_window(&mut self, ctx: &egui::Context, now: f64) -> Vec<PresentKey> {
        let (Some(mode), Some(document)) = (&mut self.presentation, &self.document) else {
            return Vec::new();
        };
        if !mode.presenter_open {
            return Vec::new();
        }
        let timeline = document.timeline.clone();
        let title = format!("Presenter view — {}", timeline.title);
        let lecture = mode.lecture.clone();
        let time = clock();
        let (keys, closed) = ctx.show_viewport_immediate(
            egui::ViewportId::from_hash_of("presenter_view"),
            egui::ViewportBuilder::default()
                .with_title(title)
                .with_inner_size([900.0, 600.0]),
            |ui, _class| {
                let closed = ui.input(|i| i.viewport().close_requested());
                let keys = egui::CentralPanel::default()
                    .show(ui, |ui| presenter_ui(ui, &timeline, &lecture, now, &time))
                    .inner;
                (keys, closed)
            },
        );
        if closed {
            mode.presenter_open = false;
        }
        // The presenter view shows a clock: keep it ticking.
        ctx.request_repaint_after(std::time::Duration::from_secs(1));
        keys
    }
}

/// The least share of their own height the lanes keep when the card takes room from them.
const LANES_KEEP: f32 = 0.75;

/// The height of the event card: what its text needs, at least 27% of the screen, and
/// more than that only out of the room the lanes leave free below them and a quarter of
/// their own height (they shrink a little); never more than 60% of the screen. A card
/// whose text still does not fit elides its details (see `card_ui`).
fn fitting_card_height(
    screen_height: f32,
    needed: f32,
    free_below_lanes: f32,
    lanes_height: f32,
) -> f32 {
    let least = screen_height * 0.27;
    let most = (free_below_lanes + lanes_height * (1.0 - LANES_KEEP)).min(screen_height * 0.6);
    needed.min(most).max(least)
}

#[cfg(test)]
mod tests {
    use super::fitting_card_height;

    #[test]
    fn the_card_grows_with_its_text_into_the_room_the_lanes_leave() {
        // Short text: 27% of the screen.
        assert_eq!(fitting_card_height(1000.0, 100.0, 600.0, 300.0), 270.0);
        // Longer text, the lanes leave room: all it needs.
        assert_eq!(fitting_card_height(1000.0, 420.0, 600.0, 300.0), 420.0);
        // The lanes leave 250 free and give up a quarter of their 400.
        assert_eq!(fitting_card_height(1000.0, 360.0, 250.0, 400.0), 350.0);
        // Many lanes fill the screen: the card stays at 27% (its details are elided)
        // rather than squeezing them further.
        assert_eq!(fitting_card_height(1000.0, 520.0, 100.0, 600.0), 270.0);
        // Lanes leave much room: never more than 60%.
        assert_eq!(fitting_card_height(1000.0, 900.0, 800.0, 100.0), 600.0);
    }
}
