//! Presentation mode of the application: entering and leaving it, applying the
//! clicker's keys, and drawing the projector screen and the presenter's window.

use super::images::ImageSize;
use crate::model::wording::short_title;
use crate::ui::media_strip::{card_picture_columns, card_picture_ui, split_off_picture};
use egui::text::LayoutJob;
use egui::{Color32, FontId, Id, Key, LayerId, Order, Rect, Stroke, Ui, UiBuilder, pos2};

use super::TimelineApp;
use crate::model::timeline::EventIndex;
use crate::ui::overview::overview_ui;
use crate::ui::present::{
    Blank, PresentKey, PresentOutcome, Presentation, card_heading_ui, card_ui, presentation_steps,
    read_keys, step_view,
};
use crate::ui::presenter::{PRESENTER_SIZE, PresenterFrame, presenter_placement, presenter_ui};
use crate::ui::theme::{ThemeChoice, TimelineStyle, next_type_scale};
use crate::ui::timeline_ui::{Emphasis, TimelineAction, TimelineWidget};
use crate::view::flight::Flight;
use crate::view::frame::FrameGeometry;
use crate::view::transform::TimeView;

impl PresentationMode {
    /// The explorer's view, to come back to when the lecture ends.
    pub(super) fn return_view(&self) -> TimeView {
        self.return_to.0
    }
}

/// A lecture in progress and what to return to afterwards.
pub(super) struct PresentationMode {
    lecture: Presentation,
    return_to: (TimeView, Option<EventIndex>, bool),
    presenter_open: bool,
    /// The event whose card the projector shows: the step's, once its flight has landed.
    card_shown: Option<EventIndex>,
    /// A short message on the projector ("Type 125%") and until when it is shown
    /// (egui time).
    notice: Option<(String, f64)>,
    laser: Laser,
}

/// Where a lecture starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum PresentStart {
    /// Where the last one was left (F5, the Present button), else at the beginning.
    Resume,
    /// At the first step, the timer from zero (Shift+F5).
    Beginning,
    /// At this step (0-based), the timer from zero (`--step`).
    At(usize),
}

/// The laser pointer: shown while `L` is held, or once the mouse has moved for
/// [`LASER_DELAY`] seconds, until it has been still for [`LASER_HIDE`] seconds.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Laser {
    /// Since when the mouse has been moving (egui time).
    moving_since: Option<f64>,
    /// When the mouse last moved.
    last_move: f64,
}

/// Seconds of movement before the mouse shows the laser pointer (a bumped mouse does not).
const LASER_DELAY: f64 = 0.25;

/// Seconds without movement after which the laser pointer hides.
const LASER_HIDE: f64 = 1.5;

/// Seconds "Type 125%" stays on screen.
const TYPE_NOTICE_SECONDS: f64 = 1.5;

/// Seconds a longer notice (why there is no presenter view) stays on screen.
const NOTICE_SECONDS: f64 = 4.0;

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

    /// The lecture left with Esc, which F5 resumes.
    pub fn left_presentation(&self) -> Option<&Presentation> {
        self.left_lecture.as_ref()
    }

    /// Whether the presenter's window is open.
    pub fn is_presenter_open(&self) -> bool {
        self.presentation.as_ref().is_some_and(|p| p.presenter_open)
    }

    /// The event whose card the projector shows (the step's once its flight has landed).
    pub fn projector_card(&self) -> Option<EventIndex> {
        self.presentation.as_ref().and_then(|p| p.card_shown)
    }

    /// Whether the laser pointer is on screen.
    pub fn is_laser_shown(&self) -> bool {
        self.laser_shown
    }

    /// The projector's theme: its own remembered choice, else the desktop's.
    pub fn projector_theme(&self) -> ThemeChoice {
        self.files.settings.projector_theme.unwrap_or(self.theme)
    }

    /// The presentation type scale of the open file (1 is the default).
    pub fn type_scale(&self) -> f32 {
        self.files
            .settings
            .presentation_type
            .get(&self.type_scale_key())
            .map_or(1.0, |&percent| f32::from(percent) / 100.0)
    }

    /// The key the open file's type scale is remembered by: its path, "" for the built-in data.
    fn type_scale_key(&self) -> String {
        self.document
            .as_ref()
            .and_then(|d| d.source.file())
            .map(|path| path.display().to_string())
            .unwrap_or_default()
    }

    fn set_type_scale(&mut self, steps: i8) {
        let scale = next_type_scale(self.type_scale(), steps);
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let percent = (scale * 100.0).round() as u16;
        let key = self.type_scale_key();
        let remembered = &mut self.files.settings.presentation_type;
        if percent == 100 {
            remembered.remove(&key);
        } else {
            remembered.insert(key, percent);
        }
    }

    /// Starts the lecture, full screen unless a screenshot is being taken.
    pub(super) fn enter_presentation(
        &mut self,
        ctx: &egui::Context,
        start: PresentStart,
        presenter: bool,
    ) {
        let Some(document) = &self.document else {
            return;
        };
        let steps = presentation_steps(&document.timeline);
        if steps.is_empty() {
            return;
        }
        let now = ctx.input(|i| i.time);
        let left = self.left_lecture.take();
        let lecture = match (start, left) {
            (PresentStart::Resume, Some(left)) => left.resumed(steps),
            (PresentStart::At(step), _) => Presentation::new(steps, step, now),
            _ => Presentation::new(steps, 0, now),
        };
        self.presentation = Some(PresentationMode {
            card_shown: lecture.card_event(),
            lecture,
            return_to: (self.view(), self.selected, self.panel_open),
            presenter_open: presenter,
            notice: None,
            laser: Laser::default(),
        });
        if self.screenshot.is_none() {
            crate::platform::window::set_fullscreen(ctx, true);
        }
        self.fly_to_current_step(now);
    }

    fn leave_presentation(&mut self, ctx: &egui::Context, now: f64) {
        if let Some(mode) = self.presentation.take() {
            let (view, selected, panel_open) = mode.return_to;
            self.selected = selected;
            self.panel_open = panel_open;
            self.left_lecture = Some(mode.lecture);
            self.laser_shown = false;
            self.set_view(view, true, now);
            crate::platform::window::set_fullscreen(ctx, false);
        }
    }

    fn fly_to_current_step(&mut self, now: f64) {
        let (Some(mode), Some(document)) = (&self.presentation, &self.document) else {
            return;
        };
        let Some(step) = mode.lecture.step() else {
            return;
        };
        let target = document
            .limits
            .clamp(step_view(step, |event| document.view_around_event(event)));
        let seconds = Flight::new(self.view, target).seconds();
        self.fly_to(target, seconds, now);
    }

    /// Lands the flight in progress at once.
    fn finish_flight(&mut self) {
        if let Some(animation) = self.animation.take() {
            self.view = animation.to;
        }
    }

    fn apply_present_keys(&mut self, ctx: &egui::Context, keys: Vec<PresentKey>, now: f64) {
        for key in keys {
            let Some(mode) = &mut self.presentation else {
                return;
            };
            // A second press during a flight lands it rather than starting another.
            let lands = self.animation.is_some()
                && !matches!(key, PresentKey::GoTo(_))
                && mode.lecture.clone().press(key) == PresentOutcome::Fly;
            if lands {
                self.finish_flight();
                continue;
            }
            match mode.lecture.press(key) {
                PresentOutcome::Stay => {}
                PresentOutcome::Fly => self.fly_to_current_step(now),
                PresentOutcome::Leave => {
                    self.leave_presentation(ctx, now);
                    return;
                }
                PresentOutcome::TogglePresenter if !crate::platform::window::SECOND_WINDOWS => {
                    // Drawn inside this window, the speaker's notes would be on the
                    // projector for the whole hall to read.
                    mode.notice = Some((
                        "No presenter view here: it needs a second window \
                         (the desktop app opens one)"
                            .to_owned(),
                        now + NOTICE_SECONDS,
                    ));
                }
                PresentOutcome::TogglePresenter => mode.presenter_open = !mode.presenter_open,
                PresentOutcome::ToggleTheme => {
                    self.files.settings.projector_theme = Some(match self.projector_theme() {
                        ThemeChoice::Light => ThemeChoice::Dark,
                        ThemeChoice::Dark => ThemeChoice::Light,
                    });
                }
                PresentOutcome::TypeScale(steps) => {
                    self.set_type_scale(steps);
                    #[allow(clippy::cast_possible_truncation)]
                    let percent = (self.type_scale() * 100.0).round() as i32;
                    if let Some(mode) = &mut self.presentation {
                        mode.notice = Some((format!("Type {percent}%"), now + TYPE_NOTICE_SECONDS));
                    }
                }
                PresentOutcome::PauseTimer => mode.lecture.toggle_pause(now),
                PresentOutcome::ResetTimer => mode.lecture.reset_timer(now),
            }
        }
    }

    /// Updates the laser pointer from this frame's input; returns where to draw it.
    fn laser_frame(&mut self, ui: &Ui, now: f64) -> Option<egui::Pos2> {
        let (moved, at, held) = ui.input(|i| {
            (
                i.pointer.delta() != egui::Vec2::ZERO,
                i.pointer.hover_pos(),
                i.key_down(Key::L),
            )
        });
        let mode = self.presentation.as_mut()?;
        let laser = &mut mode.laser;
        if moved {
            laser.moving_since.get_or_insert(now);
            laser.last_move = now;
        } else if now - laser.last_move >= LASER_HIDE {
            laser.moving_since = None;
        }
        let by_mouse = laser.moving_since.map(|since| now - since);
        let shown = held || by_mouse.is_some_and(|moving| moving >= LASER_DELAY);
        // Wake up to show it after the delay, and to hide it once still.
        if let Some(moving) = by_mouse {
            let wait = if moving < LASER_DELAY {
                LASER_DELAY - moving
            } else {
                LASER_HIDE - (now - laser.last_move)
            };
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_secs_f64(wait.max(0.01)));
        }
        self.laser_shown = shown && at.is_some() && mode.lecture.blank.is_none();
        at.filter(|_| self.laser_shown)
    }

    /// One frame of presentation mode.
    pub(super) fn presentation_frame(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        let now = ui.input(|i| i.time);
        let mut keys = read_keys(ui);
        keys.extend(self.presenter_window(&ctx, now));
        self.apply_present_keys(&ctx, keys, now);
        let laser = self.laser_frame(ui, now);
        let type_scale = self.type_scale();
        let theme = self.projector_theme();
        let flying = self.animation.is_some();
        if let Some(mode) = &mut self.presentation
            && !flying
        {
            mode.card_shown = mode.lecture.card_event();
        }
        let card_picture = self.presentation.as_ref().and_then(|mode| mode.card_shown);
        let card_picture = self.first_picture(&ctx, card_picture, ImageSize::Display);
        let (Some(mode), Some(document)) = (&self.presentation, &self.document) else {
            return;
        };

        let screen = ui.max_rect();
        // Type is sized to the whole window (the projector), whatever margin `ui` has.
        let projector_height = ctx.content_rect().height().max(screen.height());
        let style = TimelineStyle::projector_scaled(theme, projector_height, type_scale);
        let overview_height = (screen.height() * 0.05).max(style.label_size * 1.6);
        let card_event = mode.card_shown;
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
        let measure = |ui: &mut Ui, beside: f32, draw: &dyn Fn(&mut Ui)| {
            let width = screen.width() - 3.0 * margin - beside;
            ui.scope_builder(
                UiBuilder::new()
                    .max_rect(Rect::from_min_size(
                        screen.min,
                        egui::vec2(width, f32::INFINITY),
                    ))
                    .sizing_pass()
                    .invisible(),
                |ui| draw(ui),
            )
            .response
            .rect
            .height()
        };
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
        let card_margins = margin * (2.0 * 0.6 + 1.6);
        let free_below_lanes = screen.bottom() - overview_height - lanes_bottom - margin;
        let lanes_height = lanes_bottom - natural.lanes_top;
        // The card's first picture takes a column at its right, as wide as lets the
        // text (measured in what is left) still fit the card; where even the narrowest
        // column would cut the text, the card has no picture.
        let most_card = fitting_card_height(
            screen.height(),
            0.0,
            f32::INFINITY,
            free_below_lanes,
            lanes_height,
        );
        let picture_column = match (card_event, &card_picture) {
            (Some(event), Some(_)) => card_picture_columns(screen.width())
                .into_iter()
                .find(|&column| {
                    let text = measure(ui, column + margin, &|ui| {
                        card_ui(ui, &document.timeline, event, &style);
                    });
                    text + card_margins <= most_card
                })
                .unwrap_or(0.0),
            _ => 0.0,
        };
        let beside_picture = if picture_column > 0.0 {
            picture_column + margin
        } else {
            0.0
        };
        let (card_text_height, heading_height) = card_event.map_or((0.0, 0.0), |event| {
            (
                measure(ui, beside_picture, &|ui| {
                    card_ui(ui, &document.timeline, event, &style);
                }),
                measure(ui, beside_picture, &|ui| {
                    // Beside the map, if the card has one (the heading's column is narrower).
                    crate::ui::locator_map::beside_map_ui(
                        ui,
                        &document.timeline,
                        event,
                        &style,
                        |ui| {
                            card_heading_ui(ui, &document.timeline, event, &style);
                            (0, 0)
                        },
                    );
                }),
            )
        });
        // The title, the date and the first row of the summary are always shown.
        let first_row = ui.fonts_mut(|f| f.row_height(&FontId::proportional(style.text_size)))
            + style.text_size * 0.3
            + ui.spacing().item_spacing.y * 2.0;
        let card_height = fitting_card_height(
            screen.height(),
            heading_height + first_row + card_margins,
            card_text_height + card_margins,
            free_below_lanes,
            lanes_height,
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
        // As many whole rows as the corner holds (at least one), the rest elided: the
        // title is never cut through its letters.
        let title_font = FontId::proportional(style.label_size);
        let row_height = ui.fonts_mut(|fonts| fonts.row_height(&title_font));
        let room = corner.height() - style.label_size * 0.3;
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let rows = (room / row_height.max(1.0)).floor().clamp(1.0, 8.0) as usize;
        let mut job = LayoutJob::simple(
            document.timeline.title.clone(),
            title_font,
            style.weak_text,
            (corner.width() - style.label_size).max(10.0),
        );
        job.wrap.max_rows = rows;
        let title = ui.painter().layout_job(job);
        let top = corner.top() + ((corner.height() - title.size().y) / 2.0).max(0.0);
        ui.painter().galley(
            pos2(corner.left() + style.label_size * 0.5, top),
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
        let (card_content, picture_rect) = split_off_picture(card_content, picture_column, margin);
        if let (Some((item, picture)), Some(rect), true) =
            (&card_picture, picture_rect, picture_column > 0.0)
        {
            ui.scope_builder(UiBuilder::new().max_rect(rect), |ui| {
                card_picture_ui(ui, picture, item, rect, &style);
            });
        }
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
            progress = format!("{progress} · {}", short_title(&step_event.record.title));
        }
        if mode.lecture.is_asking_for_step() {
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
        if let Some((text, until)) = mode.notice.as_ref().filter(|(_, until)| now < *until) {
            notice_ui(&ctx, screen, &style, text);
            ctx.request_repaint_after(std::time::Duration::from_secs_f64((until - now).max(0.01)));
        }
        if let Some(at) = laser {
            laser_ui(&ctx, at, screen.height());
        }
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
        let theme = self.projector_theme();
        let view = self.view;
        let now_event = self
            .presentation
            .as_ref()
            .filter(|mode| mode.presenter_open)
            .and_then(|mode| mode.lecture.card_event());
        let picture = self.first_picture(ctx, now_event, ImageSize::Thumbnail);
        let (Some(mode), Some(document)) = (&mut self.presentation, &self.document) else {
            return Vec::new();
        };
        if !mode.presenter_open {
            return Vec::new();
        }
        let title = format!("Presenter view — {}", document.timeline.title);
        let time = clock();
        // Beside the projector's window, never over it, and wholly on a screen.
        let (outer, monitor) = ctx.input(|i| (i.viewport().outer_rect, i.viewport().monitor_size));
        let placement = presenter_placement(outer, monitor, PRESENTER_SIZE);
        let frame = PresenterFrame {
            document,
            lecture: &mode.lecture,
            view,
            theme,
            now,
            clock: &time,
            picture: picture.as_ref().map(|(item, picture)| (item, picture)),
        };
        let (keys, closed) = ctx.show_viewport_immediate(
            egui::ViewportId::from_hash_of("presenter_view"),
            egui::ViewportBuilder::default()
                .with_title(title)
                .with_inner_size(placement.size())
                .with_position(placement.min),
            |ui, _class| {
                let closed = ui.input(|i| i.viewport().close_requested());
                let keys = egui::CentralPanel::default()
                    .show(ui, |ui| presenter_ui(ui, &frame))
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

/// A short message ("Type 125%"), large, at the top of the screen for a moment;
/// a longer one wraps within most of the screen's width.
fn notice_ui(ctx: &egui::Context, screen: Rect, style: &TimelineStyle, text: &str) {
    let painter = ctx.layer_painter(LayerId::new(Order::Foreground, Id::unique("type_notice")));
    let galley = painter.layout(
        text.to_owned(),
        FontId::proportional(style.text_size * 1.3),
        style.background,
        screen.width() * 0.8,
    );
    let rect = Rect::from_center_size(
        pos2(screen.center().x, screen.top() + screen.height() * 0.12),
        galley.size() + egui::vec2(style.text_size * 1.6, style.text_size * 0.8),
    );
    painter.rect_filled(rect, style.text_size * 0.4, style.text.gamma_multiply(0.9));
    painter.galley(
        rect.center() - galley.size() / 2.0,
        galley,
        style.background,
    );
}

/// The laser pointer: a large red dot in a white and a black ring, visible on any
/// background, in place of the mouse cursor.
fn laser_ui(ctx: &egui::Context, at: egui::Pos2, screen_height: f32) {
    let painter = ctx.layer_painter(LayerId::new(Order::Tooltip, Id::unique("laser_pointer")));
    let radius = (screen_height / 60.0).max(8.0);
    painter.circle_filled(
        at,
        radius * 2.2,
        Color32::from_rgba_unmultiplied(255, 0, 0, 50),
    );
    painter.circle(
        at,
        radius,
        Color32::from_rgb(255, 20, 20),
        Stroke::new(radius * 0.25, Color32::WHITE),
    );
    painter.circle_stroke(at, radius * 1.2, Stroke::new(radius * 0.12, Color32::BLACK));
    ctx.set_cursor_icon(egui::CursorIcon::None);
}

/// The least share of their own height the lanes keep when the card takes room from them.
const LANES_KEEP: f32 = 0.75;

/// The height of the event card: what its text needs, at least 27% of the screen and
/// what its title and date need (`heading`), and more than that only out of the room
/// the lanes leave free below them and a quarter of their own height (they shrink a
/// little); never more than 60% of the screen. A card whose text still does not fit
/// elides its details (see `card_ui`).
fn fitting_card_height(
    screen_height: f32,
    heading: f32,
    needed: f32,
    free_below_lanes: f32,
    lanes_height: f32,
) -> f32 {
    let most_of_screen = screen_height * 0.6;
    let least = (screen_height * 0.27).max(heading).min(most_of_screen);
    let most = (free_below_lanes + lanes_height * (1.0 - LANES_KEEP)).min(most_of_screen);
    needed.min(most).max(least)
}

#[cfg(test)]
mod tests {
    use super::fitting_card_height;

    #[test]
    fn the_card_grows_with_its_text_into_the_room_the_lanes_leave() {
        // Short text: 27% of the screen.
        assert_eq!(
            fitting_card_height(1000.0, 80.0, 100.0, 600.0, 300.0),
            270.0
        );
        // Longer text, the lanes leave room: all it needs.
        assert_eq!(
            fitting_card_height(1000.0, 80.0, 420.0, 600.0, 300.0),
            420.0
        );
        // The lanes leave 250 free and give up a quarter of their 400.
        assert_eq!(
            fitting_card_height(1000.0, 80.0, 360.0, 250.0, 400.0),
            350.0
        );
        // Many lanes fill the screen: the card stays at 27% (its details are elided)
        // rather than squeezing them further.
        assert_eq!(
            fitting_card_height(1000.0, 80.0, 520.0, 100.0, 600.0),
            270.0
        );
        // Lanes leave much room: never more than 60%.
        assert_eq!(
            fitting_card_height(1000.0, 80.0, 900.0, 800.0, 100.0),
            600.0
        );
        // A title and date taller than 27% take what they need even from many lanes,
        // but never more than 60%.
        assert_eq!(
            fitting_card_height(1000.0, 330.0, 520.0, 100.0, 600.0),
            330.0
        );
        assert_eq!(
            fitting_card_height(1000.0, 700.0, 720.0, 100.0, 600.0),
            600.0
        );
    }
}
