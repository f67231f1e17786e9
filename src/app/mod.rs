//! The application: holds the loaded document and the user's state (view,
//! selection, panel), turns keys and widget actions into changes, animates view
//! moves, and takes `--screenshot` pictures. Presentation mode lives in
//! [`presenting`].

mod exploring;
mod files;
mod guard;
pub mod images;
mod keyboard;
mod lane_filter;
mod latest_job;
mod loading;
mod presenting;
mod top_bar;

pub use exploring::{NavHistory, Place};
pub use files::NOTICE_SECONDS;
pub use loading::{HELD_FROM, Stage as LoadStage};

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use egui::{Key, Modifiers, Ui};

use crate::document::{DataSource, Document};
use crate::model::load::LoadError;
use crate::model::timeline::EventIndex;
use crate::ui::detail_panel::{PanelAction, detail_panel_ui};
use crate::ui::fonts::install_hangul_font;
use crate::ui::theme::{ThemeChoice, TimelineStyle};
use crate::ui::timeline_ui::{Emphasis, TimelineAction, TimelineWidget};
use crate::view::flight::Flight;
use crate::view::transform::TimeView;

/// The detail panel is never narrower than this (unless half the window is narrower).
const DETAIL_PANEL_MIN: f32 = 220.0;

/// The detail panel's width until the user drags it.
const DETAIL_PANEL_DEFAULT: f32 = 380.0;

/// How long keyboard and programmatic moves take, in seconds.
pub const MOVE_SECONDS: f64 = 0.35;

/// What the command line asked for.
#[derive(Clone, Debug, Default)]
pub struct AppOptions {
    /// The file to open; the built-in dataset when `None`.
    pub file: Option<PathBuf>,
    /// The range to open at, as two dates in the file notation.
    pub view: Option<(String, String)>,
    /// The event to select at start.
    pub event: Option<String>,
    /// Save the first settled frame here and exit.
    pub screenshot: Option<PathBuf>,
    /// Start in presentation mode.
    pub present: bool,
    /// Open the presenter's window (with `present`).
    pub presenter: bool,
    /// The presentation step to start at, 1-based.
    pub step: Option<usize>,
    /// Where settings are remembered; `None` remembers nothing.
    pub settings_path: Option<PathBuf>,
    /// Start with the dark theme.
    pub dark: bool,
    /// Show native file dialogs (off in tests: the path field stands in).
    pub native_dialogs: bool,
}

/// How a `--screenshot` run ended, read by `main` after the window closes.
pub type ScreenshotOutcome = Arc<Mutex<Option<Result<PathBuf, String>>>>;

/// A view move in progress, along a camera flight (a plain pan for short moves).
#[derive(Clone, Copy, Debug, PartialEq)]
struct ViewAnimation {
    flight: Flight,
    to: TimeView,
    start_time: f64,
    duration: f64,
}

/// Smooth start and stop (smootherstep).
fn ease(t: f64) -> f64 {
    let t = t.clamp(0.0, 1.0);
    t * t * t * (t * (6.0 * t - 15.0) + 10.0)
}

/// A screenshot to save: for `--screenshot` (then the app closes) or File → Save view as PNG.
struct ScreenshotJob {
    path: PathBuf,
    requested: bool,
    outcome: ScreenshotOutcome,
    close_after: bool,
}

/// Frames to wait before a screenshot, so fonts and layout have settled.
const SCREENSHOT_SETTLE_FRAMES: u64 = 4;

/// The whole application state.
pub struct TimelineApp {
    document: Option<Document>,
    /// The last load failure: the error screen without a document, a banner with one.
    load_error: Option<LoadError>,
    view: TimeView,
    animation: Option<ViewAnimation>,
    selected: Option<EventIndex>,
    panel_open: bool,
    theme: ThemeChoice,
    highlighted_person: Option<String>,
    /// The place whose events are highlighted (a gazetteer id); never together with a person.
    highlighted_place: Option<String>,
    screenshot: Option<ScreenshotJob>,
    frames: u64,
    fonts_installed: bool,
    /// The window title last sent to the window, to send it only when it changes.
    shown_title: String,
    path_to_open: String,
    /// Where the timeline's time area was drawn last frame.
    timeline_area: Option<egui::Rect>,
    /// Where the whole timeline (lane names, eras, lanes) was drawn last frame.
    timeline_rect: Option<egui::Rect>,
    /// Whether the timeline had the keyboard focus last frame.
    timeline_focused: bool,
    /// The id the timeline takes the keyboard focus under.
    timeline_focus: Option<egui::Id>,
    /// The detail panel's width as last drawn (remembered in the settings).
    detail_panel_width: Option<f32>,
    /// The lecture in progress, in presentation mode.
    presentation: Option<presenting::PresentationMode>,
    /// The lecture left with Esc, for F5 to resume.
    left_lecture: Option<crate::ui::present::Presentation>,
    /// Whether the laser pointer was drawn in the last frame.
    laser_shown: bool,
    /// What the command line asked presentation mode to start with: (step, presenter window).
    start_presenting: Option<(usize, bool)>,
    /// Search, filters and history.
    explore: exploring::Exploration,
    /// Settings, the file watcher, exports.
    files: files::Files,
    /// The About window (File → About WPK Timeline).
    about: crate::ui::about::About,
    /// The last good state, to go back to after a panic in a frame.
    guard: guard::LastGood,
    /// The top bar's widths, to fit it to the window.
    top_bar: top_bar::TopBar,
    /// Decoded pictures (issue 14).
    images: images::ImageCache,
    /// The large view of a picture.
    image_viewer: crate::ui::image_viewer::ImageViewer,
}

impl TimelineApp {
    /// Loads the data the options name and applies `--view` and `--event`, waiting
    /// for the load (tests, and callers that need the document at once).
    pub fn new(options: AppOptions) -> Self {
        let mut app = Self::start(options);
        app.wait_for_loading();
        app
    }

    /// Starts loading the data the options name on a worker and returns at once: the
    /// first frame says "Loading …", and `--view` and `--event` apply when it is ready.
    pub fn start(options: AppOptions) -> Self {
        let source = options
            .file
            .clone()
            .map_or(DataSource::Embedded, DataSource::File);
        let mut app = Self {
            view: TimeView {
                min: 0.0,
                span: 365.0,
            },
            document: None,
            load_error: None,
            animation: None,
            selected: None,
            panel_open: false,
            theme: ThemeChoice::default(),
            highlighted_person: None,
            highlighted_place: None,
            screenshot: None,
            frames: 0,
            fonts_installed: false,
            shown_title: String::new(),
            path_to_open: options
                .file
                .as_ref()
                .map(|p| p.display().to_string())
                .unwrap_or_default(),
            timeline_area: None,
            timeline_rect: None,
            timeline_focused: false,
            timeline_focus: None,
            detail_panel_width: None,
            presentation: None,
            left_lecture: None,
            laser_shown: false,
            start_presenting: options
                .present
                .then(|| (options.step.unwrap_or(1).max(1) - 1, options.presenter)),
            explore: exploring::Exploration::new(),
            files: files::Files {
                native_dialogs: options.native_dialogs,
                startup: Some(files::Startup {
                    event: options.event.clone(),
                    view: options.view.clone(),
                }),
                ..files::Files::default()
            },
            about: crate::ui::about::About::default(),
            guard: guard::LastGood::default(),
            top_bar: top_bar::TopBar::default(),
            images: images::ImageCache::default(),
            image_viewer: crate::ui::image_viewer::ImageViewer::default(),
        };
        app.restore_settings(options.settings_path.clone());
        if options.dark {
            app.theme = ThemeChoice::Dark;
        }
        app.start_load(source, loading::Purpose::Start, 0.0);
        app
    }

    /// Saves the first settled frame to `path`, then closes; the result lands in the returned slot.
    pub fn take_screenshot(&mut self, path: PathBuf) -> ScreenshotOutcome {
        let outcome: ScreenshotOutcome = Arc::default();
        self.screenshot = Some(ScreenshotJob {
            path,
            requested: false,
            outcome: outcome.clone(),
            close_after: true,
        });
        outcome
    }

    /// The current view (after any animation in progress finishes, its target).
    pub fn view(&self) -> TimeView {
        self.animation.map_or(self.view, |a| a.to)
    }

    /// How long the view move in progress lasts, in seconds; `None` at rest.
    pub fn flight_seconds(&self) -> Option<f64> {
        self.animation.map(|a| a.duration)
    }

    /// The place whose events are highlighted (a gazetteer id), if any.
    pub fn highlighted_place(&self) -> Option<&str> {
        self.highlighted_place.as_deref()
    }

    /// The selected event.
    pub fn selected(&self) -> Option<EventIndex> {
        self.selected
    }

    /// The loaded document, if any.
    pub fn document(&self) -> Option<&Document> {
        self.document.as_ref()
    }

    /// Whether the detail panel is open.
    pub fn is_panel_open(&self) -> bool {
        self.panel_open && self.selected.is_some()
    }

    /// Where the whole timeline widget (lane names included) was drawn in the last frame.
    pub fn timeline_rect(&self) -> Option<egui::Rect> {
        self.timeline_rect
    }

    /// Whether the timeline had the keyboard focus in the last frame.
    pub fn is_timeline_focused(&self) -> bool {
        self.timeline_focused
    }

    /// The detail panel's width as last drawn.
    pub fn detail_panel_width(&self) -> Option<f32> {
        self.detail_panel_width
    }

    /// The width the detail panel opens with: as remembered, within sane bounds.
    fn remembered_panel_width(&self) -> f32 {
        self.detail_panel_width
            .filter(|w| w.is_finite())
            .map_or(DETAIL_PANEL_DEFAULT, |w| w.clamp(DETAIL_PANEL_MIN, 4000.0))
    }

    /// Where the time area of the timeline was drawn in the last frame.
    pub fn timeline_area(&self) -> Option<egui::Rect> {
        self.timeline_area
    }

    /// The window's title: the open timeline's title, or the file that failed to open.
    pub fn window_title(&self) -> String {
        match (&self.document, &self.files.failed_file) {
            (Some(document), _) => format!("{} — Timeline", document.timeline.title),
            (None, Some(path)) => format!("{} — Timeline", path.display()),
            (None, None) => "Timeline".to_owned(),
        }
    }

    /// Sends the window title when it has changed.
    fn update_window_title(&mut self, ctx: &egui::Context) {
        let title = self.window_title();
        if title != self.shown_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.shown_title = title;
        }
    }

    /// The load problem being shown, if any.
    pub fn load_error(&self) -> Option<&LoadError> {
        self.load_error.as_ref()
    }

    fn set_view(&mut self, view: TimeView, animate: bool, now: f64) {
        self.fly_to(view, if animate { MOVE_SECONDS } else { 0.0 }, now);
    }

    /// Moves the view to `view` (clamped) over `seconds`; at once when `seconds` is 0.
    fn fly_to(&mut self, view: TimeView, seconds: f64, now: f64) {
        let Some(document) = &self.document else {
            return;
        };
        let target = document.limits.clamp(view);
        // Each flight, and each pointer gesture after a pause, is a step Back can return to.
        if !self.explore.replaying && !self.is_presenting() {
            let settled = now - self.explore.last_direct_move > exploring::GESTURE_PAUSE;
            if seconds > 0.0 || settled {
                let place = self.place();
                self.explore.history.navigate(place);
            }
        }
        if seconds <= 0.0 {
            self.explore.last_direct_move = now;
        }
        if seconds > 0.0 {
            self.animation = Some(ViewAnimation {
                flight: Flight::new(self.view, target),
                to: target,
                start_time: now,
                duration: seconds,
            });
        } else {
            self.animation = None;
            self.view = target;
        }
    }

    fn select(&mut self, event: Option<EventIndex>, fly: bool, now: f64) {
        // Opening another event is a step Back returns from (with the view it had).
        let opens_another = event.is_some() && self.place().selected != event;
        if opens_another && !self.explore.replaying && !self.is_presenting() {
            let place = self.place();
            self.explore.history.navigate(place);
        }
        let target = match (event, fly, &self.document) {
            (Some(event), true, Some(document)) => Some(self.fly_target(document, event)),
            _ => None,
        };
        self.selected = event;
        self.panel_open = event.is_some();
        if let Some(target) = target {
            // Recorded above, with the selection it replaces.
            let replaying = self.explore.replaying;
            self.explore.replaying = replaying || opens_another;
            self.set_view(target, true, now);
            self.explore.replaying = replaying;
        }
    }

    /// Where to fly to show `event`: keep the zoom if it is already comfortably in view.
    fn fly_target(&self, document: &Document, event: EventIndex) -> TimeView {
        let current = self.view();
        let Some(record) = document.timeline.events.get(event) else {
            return current;
        };
        let (from, to) = record.when.uncertainty();
        let fits = (to - from) < current.span * 0.8;
        if fits {
            let anchor = record.when.anchor();
            let margin = current.span * 0.1;
            if anchor > current.min + margin && anchor < current.max() - margin {
                return current;
            }
            let center = (from + to) / 2.0;
            return TimeView {
                min: center - current.span / 2.0,
                span: current.span,
            };
        }
        document.view_around_event(event)
    }

    fn tick_animation(&mut self, ui: &Ui) {
        if let Some(animation) = self.animation {
            let now = ui.input(|i| i.time);
            let t = ((now - animation.start_time) / animation.duration).clamp(0.0, 1.0);
            self.view = animation.flight.at(ease(t));
            if t >= 1.0 {
                self.view = animation.to;
                self.animation = None;
            } else {
                ui.ctx().request_repaint();
            }
        }
    }

    /// The keys of the viewer (not while a text field has focus).
    fn handle_keys(&mut self, ui: &Ui) {
        let ctx = ui.ctx().clone();
        // Typing goes to the text field; a focused button does not stop the viewer's keys.
        if ctx.text_edit_focused() {
            return;
        }
        if let Some(focus) = self.timeline_focus
            && ctx.memory(|m| m.has_focus(focus))
        {
            self.handle_timeline_keys(&ctx);
            return;
        }
        let Some(document) = &self.document else {
            return;
        };
        let limits = document.limits;
        let now = ctx.input(|i| i.time);
        let pressed = |key: Key| ctx.input_mut(|i| i.consume_key(Modifiers::NONE, key));
        let pressed_shift = |key: Key| ctx.input_mut(|i| i.consume_key(Modifiers::SHIFT, key));
        if pressed_shift(Key::F5) {
            self.enter_presentation(&ctx, presenting::PresentStart::Beginning, false);
            return;
        }
        if pressed(Key::F5) {
            self.enter_presentation(&ctx, presenting::PresentStart::Resume, false);
            return;
        }
        let current = self.view();
        if pressed(Key::Plus)
            || pressed(Key::Equals)
            || pressed_shift(Key::Plus)
            || pressed_shift(Key::Equals)
        {
            self.set_view(current.zoomed_at(current.center(), 2.0), true, now);
        }
        if pressed(Key::Minus) {
            self.set_view(current.zoomed_at(current.center(), 0.5), true, now);
        }
        if pressed(Key::Home) || pressed(Key::Num0) {
            self.set_view(limits.fitted(), true, now);
        }
        if pressed(Key::ArrowLeft) {
            self.set_view(current.panned(-current.span * 0.25), true, now);
        }
        if pressed(Key::ArrowRight) {
            self.set_view(current.panned(current.span * 0.25), true, now);
        }
        if pressed(Key::Escape) {
            if self.is_searching() {
                self.explore.query.clear();
                self.explore.search_open = false;
            } else if self.highlighted_person.is_some() || self.highlighted_place.is_some() {
                self.highlighted_person = None;
                self.highlighted_place = None;
            } else {
                self.panel_open = false;
                self.selected = None;
            }
        }
        let next = pressed(Key::CloseBracket);
        let previous = pressed(Key::OpenBracket);
        if next || previous {
            let step = self.step_in_time(next);
            if step.is_some() {
                self.select(step, true, now);
            }
        }
    }

    fn apply_timeline_actions(&mut self, actions: Vec<TimelineAction>, now: f64) {
        for action in actions {
            match action {
                TimelineAction::Select(event) => self.select(event, false, now),
                TimelineAction::SetView { view, animate } => self.set_view(view, animate, now),
                TimelineAction::ToggleLane(category) => self.lane_name_clicked(category),
            }
        }
    }

    fn apply_panel_actions(&mut self, ctx: &egui::Context, actions: Vec<PanelAction>, now: f64) {
        for action in actions {
            match action {
                PanelAction::ZoomToEvent(event) => {
                    if let Some(document) = &self.document {
                        let view = document.view_around_event(event);
                        self.set_view(view, true, now);
                    }
                }
                PanelAction::Follow(event) => self.select(Some(event), true, now),
                PanelAction::HighlightPerson(name) => {
                    self.highlighted_place = None;
                    self.highlighted_person =
                        if self.highlighted_person.as_deref() == Some(name.as_str()) {
                            None
                        } else {
                            Some(name)
                        };
                }
                PanelAction::HighlightPlace(place) => {
                    self.highlighted_person = None;
                    self.highlighted_place =
                        if self.highlighted_place.as_deref() == Some(place.as_str()) {
                            None
                        } else {
                            Some(place)
                        };
                }
                PanelAction::Close => {
                    self.panel_open = false;
                    self.selected = None;
                }
                PanelAction::OpenLink(url) => {
                    if let Err(error) = crate::platform::links::open_link(&url) {
                        eprintln!("wpk-timeline: {error}");
                        self.files.status = Some(error);
                    }
                }
                PanelAction::CopyCitation(event) => self.copy_citation(ctx, event, false),
                PanelAction::CopyLink(event) => self.copy_citation(ctx, event, true),
                PanelAction::ShowImage(event, index) => self.show_image(event, index),
            }
        }
    }

    /// The folder the open file's pictures are named relative to (`None` for the
    /// built-in dataset, and on the web).
    pub(crate) fn media_folder(&self) -> Option<PathBuf> {
        let file = self.document.as_ref()?.source.file()?;
        crate::platform::images::media_folder(file)
    }

    /// Opens the large view on picture `index` of `event`.
    fn show_image(&mut self, event: EventIndex, index: usize) {
        let folder = self.media_folder();
        if let Some(shown) = self
            .document
            .as_ref()
            .and_then(|document| document.timeline.events.get(event))
        {
            let media = shown.record.media.to_vec();
            self.image_viewer.open(folder, media, index);
        }
    }

    /// The first picture of `event` at `size`, as the cache has it now (`None` when
    /// the event has no pictures).
    pub(crate) fn first_picture(
        &mut self,
        ctx: &egui::Context,
        event: Option<EventIndex>,
        size: images::ImageSize,
    ) -> Option<(crate::model::media::MediaRecord, images::Picture)> {
        let item = self
            .document
            .as_ref()?
            .timeline
            .events
            .get(event?)?
            .record
            .media
            .first()?
            .clone();
        let folder = self.media_folder();
        let picture = crate::ui::media_strip::picture_of(
            ctx,
            &mut self.images,
            folder.as_deref(),
            &item,
            size,
        );
        Some((item, picture))
    }

    /// A new document (or a new version of it): pictures are decoded afresh.
    fn pictures_changed(&mut self) {
        self.images.clear();
        self.image_viewer.close();
    }

    /// Whether the large view of a picture is open, and the caption of the one shown.
    pub fn image_viewer_caption(&self) -> Option<&str> {
        self.image_viewer.caption()
    }

    /// The picture cache's own accounting: bytes of pixels held and textures.
    pub fn image_cache_usage(&self) -> (usize, usize) {
        (self.images.cached_bytes(), self.images.texture_count())
    }

    /// Puts `event`'s footnote (or, with `link`, the command line that reopens it) on
    /// the clipboard, and says so for a few seconds.
    fn copy_citation(&mut self, ctx: &egui::Context, event: EventIndex, link: bool) {
        let Some(document) = &self.document else {
            return;
        };
        let Some(record) = document.timeline.events.get(event) else {
            return;
        };
        let (text, what) = if link {
            (
                crate::model::citation::reopen_command(&record.record.id, document.source.file()),
                "a command line that opens",
            )
        } else {
            (
                crate::model::citation::footnote(record, document.source.file().is_none()),
                "the citation of",
            )
        };
        let notice = format!("Copied {what} “{}”.", record.record.title);
        crate::platform::clipboard::copy_text(ctx, text);
        self.set_notice(notice);
    }

    /// Draws the whole window. Called by eframe every frame, and by tests through `egui_kittest`.
    pub fn show(&mut self, ui: &mut Ui) {
        self.show_frame(ui);
        // Text painted before something later in the frame grew the font atlas is
        // painted again.
        crate::render::egui_mesh::settle(ui.ctx());
    }

    fn show_frame(&mut self, ui: &mut Ui) {
        if !self.fonts_installed {
            install_hangul_font(ui.ctx());
            // A steady text cursor: egui blinks it by asking for a repaint every half
            // second, which kept a software-rendered window busy while a text box (the
            // search box, even empty) had the focus.
            ui.ctx()
                .all_styles_mut(|style| style.visuals.text_cursor.blink = false);
            crate::render::egui_mesh::configure(ui.ctx());
            self.fonts_installed = true;
        }
        ui.ctx().set_theme(match self.theme {
            ThemeChoice::Light => egui::Theme::Light,
            ThemeChoice::Dark => egui::Theme::Dark,
        });
        self.frames += 1;
        let ctx = ui.ctx().clone();
        self.poll_loading(&ctx, ui.input(|i| i.time));
        self.images.update(&ctx);
        self.update_window_title(ui.ctx());
        self.tick_animation(ui);
        if self.document.is_some()
            && let Some((step, presenter)) = self.start_presenting.take()
        {
            let ctx = ui.ctx().clone();
            self.enter_presentation(&ctx, presenting::PresentStart::At(step), presenter);
        }
        if self.presentation.is_some() {
            // The large view of a picture belongs to exploring, not to the lecture.
            self.image_viewer.close();
            self.presentation_frame(ui);
            self.screenshot_step(ui);
            let (now, closing) = ui.input(|i| (i.time, i.viewport().close_requested()));
            self.save_settings_if_changed(now, closing);
            return;
        }
        let now = ui.input(|i| i.time);
        self.ensure_watcher(&ctx);
        self.reload_if_changed(&ctx, now);
        self.open_dropped_files(ui);
        self.handle_file_keys(ui, now);
        self.image_viewer.handle_keys(&ctx);
        self.handle_exploration_keys(ui, now);
        self.handle_keys(ui);
        if let Some(rect) = ui.input(|i| i.viewport().inner_rect) {
            self.files.window_size = Some((rect.width(), rect.height()));
        }
        self.report_requested_size(ui);

        self.top_bar_ui(ui);
        self.file_windows_ui(ui);
        self.about.show(&ctx);
        if self.document.is_none() && self.is_loading() {
            self.loading_screen_ui(ui);
        } else if self.document.is_none() {
            self.error_screen_ui(ui);
        } else {
            self.reload_banner_ui(ui);
            // Side panels share half the window at most: the timeline keeps the other half.
            let half = ui.ctx().content_rect().width() / 2.0;
            let room = ui.available_rect_before_wrap().width() - half;
            let detail_open = self.is_panel_open();
            let results_max = if detail_open {
                room - DETAIL_PANEL_MIN
            } else {
                room
            };
            self.results_panel_ui(ui, now, results_max);
            // What the results list left, less the half kept for the timeline.
            let detail_max = ui.available_rect_before_wrap().width() - half;
            if detail_open && let (Some(document), Some(selected)) = (&self.document, self.selected)
            {
                let timeline = document.timeline.clone();
                let person = self.highlighted_person.clone();
                let place = self.highlighted_place.clone();
                let folder = self.media_folder();
                let width = self.remembered_panel_width();
                let images = &mut self.images;
                let panel = egui::Panel::right("detail_panel")
                    .resizable(true)
                    .default_size(width)
                    .min_size(DETAIL_PANEL_MIN)
                    .max_size(detail_max.max(DETAIL_PANEL_MIN.min(half)))
                    .show(ui, |ui| {
                        detail_panel_ui(
                            ui,
                            &timeline,
                            selected,
                            person.as_deref(),
                            place.as_deref(),
                            (images, folder.as_deref()),
                        )
                    });
                let width = panel.response.rect.width();
                if width.is_finite() && width > 0.0 {
                    self.detail_panel_width = Some(width);
                }
                self.apply_panel_actions(ui.ctx(), panel.inner, now);
            }
            self.overview_panel_ui(ui, now);
            let central = egui::CentralPanel::default()
                .frame(egui::Frame::new())
                .show(ui, |ui| self.timeline_ui(ui));
            self.timeline_rect = Some(central.response.rect);
            self.apply_timeline_actions(central.inner, now);
            self.image_viewer.show(&ctx, &mut self.images);
        }
        self.png_export_step();
        self.screenshot_step(ui);
        let closing = ui.input(|i| i.viewport().close_requested());
        self.save_settings_if_changed(now, closing);
    }

    fn timeline_ui(&mut self, ui: &mut Ui) -> Vec<TimelineAction> {
        self.update_search();
        // The filter line and the timeline touch: no unpainted gap between them.
        ui.spacing_mut().item_spacing.y = 0.0;
        self.filter_line_ui(ui);
        let shown_lanes = self.shown_lanes();
        if self.filtered_lanes().is_none() {
            return Vec::new();
        }
        let (Some(document), Some(lanes)) = (&self.document, self.explore_lanes()) else {
            return Vec::new();
        };
        let style = TimelineStyle::desktop(self.theme);
        let is_match = |event: EventIndex| self.is_emphasised(event);
        let widget = TimelineWidget {
            document,
            lanes,
            view: self.view,
            selected: self.selected,
            style: &style,
            shown_lanes: &shown_lanes,
            emphasis: Emphasis {
                is_match: self
                    .is_dimming()
                    .then_some(&is_match as &dyn Fn(EventIndex) -> bool),
            },
        };
        let output = widget.show(ui);
        self.timeline_area = Some(output.area);
        self.timeline_focused = output.focused;
        self.timeline_focus = Some(output.focus_id);
        output.actions
    }

    /// Whether an event is emphasised by the search or the highlighted person (only
    /// meaningful while one of them is active: see [`Self::is_dimming`]).
    pub(crate) fn is_emphasised(&self, event: EventIndex) -> bool {
        if self.is_searching() {
            return self.matches_search(event);
        }
        let Some(document) = &self.document else {
            return false;
        };
        let Some(shown) = document.timeline.events.get(event) else {
            return false;
        };
        if let Some(place) = &self.highlighted_place {
            return shown.record.places.iter().any(|p| p == place);
        }
        self.highlighted_person
            .as_deref()
            .is_some_and(|name| shown.record.people.iter().any(|p| p.name == name))
    }

    /// Whether a search or a person dims the events that do not match.
    pub(crate) fn is_dimming(&self) -> bool {
        self.is_searching() || self.highlighted_person.is_some() || self.highlighted_place.is_some()
    }

    /// The lane index [`Self::filtered_lanes`] chose, borrowed alongside the rest of `self`.
    fn explore_lanes(&self) -> Option<&crate::view::layout::LaneIndex> {
        let document = self.document.as_ref()?;
        if self.explore.min_importance <= 1 {
            Some(&document.lanes)
        } else {
            Some(self.explore.filtered_index().unwrap_or(&document.lanes))
        }
    }

    fn overview_panel_ui(&mut self, ui: &mut Ui, now: f64) {
        let Some(document) = &self.document else {
            return;
        };
        let style = TimelineStyle::desktop(self.theme);
        let view = self.view;
        let time_left = self
            .timeline_area
            .map_or(style.lane_names_width, |area| area.left());
        let keep = |event: EventIndex| self.passes_filters(event);
        let filtered = self.filter_summary().is_some();
        let key = {
            use std::hash::{Hash, Hasher};
            let mut hasher = std::collections::hash_map::DefaultHasher::new();
            self.explore.hidden_lanes.hash(&mut hasher);
            self.explore.min_importance.hash(&mut hasher);
            hasher.finish()
        };
        let shown = crate::ui::overview::Shown { keep: &keep, key };
        let moved = egui::Panel::bottom("overview")
            .exact_size(46.0)
            .frame(egui::Frame::new())
            .show(ui, |ui| {
                crate::ui::overview::overview_filtered_ui(
                    ui,
                    document,
                    view,
                    &style,
                    (46.0, time_left),
                    filtered.then_some(&shown),
                    true,
                )
            })
            .inner;
        if let Some((view, animate)) = moved {
            self.set_view(view, animate, now);
        }
    }

    fn error_screen_ui(&mut self, ui: &mut Ui) {
        let error = self.load_error.clone();
        let mut open: Option<DataSource> = None;
        let missing = self.failed_as_missing();
        egui::CentralPanel::default().show(ui, |ui| {
            ui.heading(match (&error, missing) {
                (None, _) => "No timeline is open",
                (Some(_), true) => "The file was not found",
                (Some(_), false) => "This timeline could not be opened",
            });
            ui.add_space(6.0);
            if let (Some(error), true) = (&error, missing) {
                for diagnostic in error.diagnostics() {
                    ui.label(format!(
                        "{} does not exist: check the path, or open another file.",
                        diagnostic.file
                    ));
                }
            } else if let Some(error) = &error {
                let count = error.diagnostics().len();
                ui.label(format!(
                    "{count} problem{} found:",
                    if count == 1 { "" } else { "s" }
                ));
                egui::ScrollArea::vertical()
                    .max_height(ui.available_height() - 120.0)
                    .show(ui, |ui| {
                        for diagnostic in error.diagnostics() {
                            crate::ui::diagnostic_view::show(ui, diagnostic);
                            ui.add_space(4.0);
                        }
                    });
            }
            if let Some(path) = &self.files.failed_file {
                ui.add_space(6.0);
                // A FIFO, a device or a folder cannot be fixed and saved: say to open a
                // file instead. A path that cannot be looked at now (removed while it is
                // being saved) is taken as a file: it opens by itself when it is back.
                let regular = std::fs::metadata(path).map_or(true, |meta| meta.is_file());
                ui.label(if regular && crate::platform::watch::SEES_CHANGES {
                    format!(
                        "Fix {} and save it: it opens by itself (or press Ctrl+R).",
                        path.display()
                    )
                } else if regular {
                    // A web page holds a copy of the file: nothing to watch.
                    format!(
                        "Fix {} and open it again (File, or drop it on the page; \
                         a page opened with ?file= reads it again when reloaded).",
                        path.display()
                    )
                } else {
                    format!(
                        "{} is not a regular file: open a timeline file (.ron) instead.",
                        path.display()
                    )
                });
            }
            ui.add_space(10.0);
            ui.horizontal(|ui| {
                ui.label("Open another file:");
                let field = ui.add(
                    egui::TextEdit::singleline(&mut self.path_to_open)
                        .desired_width(360.0)
                        .hint_text("path/to/timeline.ron"),
                );
                let enter = field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
                if ui.button("Open").clicked() || enter {
                    open = Some(DataSource::File(PathBuf::from(self.path_to_open.trim())));
                }
            });
            if ui.button("Open the built-in WPK dataset").clicked() {
                open = Some(DataSource::Embedded);
            }
        });
        if let Some(source) = open {
            self.open(source);
        }
    }

    fn screenshot_step(&mut self, ui: &Ui) {
        // (Workers still at the filter's lanes or a search: the picture would show the
        // lanes or results from before.)
        let working = self.is_filtering() || self.is_search_pending();
        let Some(job) = &mut self.screenshot else {
            return;
        };
        let ctx = ui.ctx().clone();
        let finished = job.outcome.lock().ok().and_then(|outcome| outcome.clone());
        if let Some(result) = finished {
            if job.close_after {
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            } else {
                self.set_notice(match result {
                    Ok(path) => format!("Saved {}", path.display()),
                    Err(error) => format!("Could not save the picture: {error}"),
                });
                self.screenshot = None;
            }
            return;
        }
        ctx.request_repaint();
        // A `--screenshot` waits for the file to load (or fail) and for the frames after it to settle.
        let settling = job.close_after
            && (self.files.loading.is_some()
                || self.frames < self.files.loaded_at_frame + SCREENSHOT_SETTLE_FRAMES
                || self.animation.is_some()
                || self.images.is_busy()
                || working);
        if job.requested || settling {
            return;
        }
        job.requested = true;
        let path = job.path.clone();
        let outcome = job.outcome.clone();
        let repaint = ctx.clone();
        ctx.request_screenshot(move |image| {
            let [width, height] = image.size;
            let rgba: Vec<u8> = image
                .pixels
                .iter()
                .flat_map(|c| c.to_srgba_unmultiplied())
                .collect();
            let result = u32::try_from(width)
                .ok()
                .zip(u32::try_from(height).ok())
                .ok_or_else(|| "the window is too large".to_owned())
                .and_then(|(w, h)| crate::render::png::encode_png(w, h, rgba))
                .and_then(|png| crate::platform::files::write_atomically(&path, &png))
                .map(|()| path.clone());
            if let Ok(mut slot) = outcome.lock() {
                *slot = Some(result);
            }
            repaint.request_repaint();
        });
    }
}

impl TimelineApp {
    /// Input as the app takes it in: while a `--screenshot` is pending, the pointer is
    /// kept out (its moves, presses and wheel turns dropped, and egui told it has left),
    /// so the picture shows the timeline at rest, never the tooltip or hover ring of
    /// wherever the pointer happens to be on the screen.
    pub fn filter_input(&self, raw: &mut egui::RawInput) {
        if !self.screenshot.as_ref().is_some_and(|job| job.close_after) {
            return;
        }
        raw.events.retain(|event| {
            !matches!(
                event,
                egui::Event::PointerMoved(_)
                    | egui::Event::MouseMoved(_)
                    | egui::Event::PointerButton { .. }
                    | egui::Event::PointerGone
                    | egui::Event::MouseWheel { .. }
                    | egui::Event::Touch { .. }
                    | egui::Event::Zoom(_)
                    | egui::Event::Rotate(_)
            )
        });
        raw.events.push(egui::Event::PointerGone);
    }
}

impl eframe::App for TimelineApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.show_guarded(ui);
    }

    fn raw_input_hook(&mut self, _ctx: &egui::Context, raw_input: &mut egui::RawInput) {
        self.filter_input(raw_input);
    }
}
