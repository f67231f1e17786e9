//! Files of the application: opening (dialog, drop, recent, by path), watching the
//! open file and reloading it, remembering settings, and exporting the view. Every
//! load runs on a worker ([`super::loading`]) and every dialog on a thread of its own
//! ([`crate::platform::dialogs`]): no frame waits for a file.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use egui::{Key, Modifiers, RichText, Ui};

use super::TimelineApp;
use super::loading::{LoadJob, Loaded, Purpose, Wake};
use crate::document::{DataSource, Document};
use crate::model::date::{DateSpan, HistDate};
use crate::model::load::LoadError;
use crate::platform::dialogs::{self, DialogOutcome, DialogRequest, FileDialog};
use crate::platform::watch::FileWatcher;
use crate::settings::{self, Settings};
use crate::view::transform::TimeView;

/// How long to wait after a change on disk before reloading, so a burst of writes is read once.
const RELOAD_DELAY: f64 = 0.15;

/// Settings that change continuously (view, window) are saved at most this often (seconds).
const SAVE_INTERVAL: f64 = 2.0;

/// How long a passing message (a dialog's absence, a saved file) stays, in seconds.
pub const NOTICE_SECONDS: f64 = 6.0;

/// A load shorter than this shows no progress strip (so quick reloads do not flicker).
const PROGRESS_AFTER: f64 = 0.2;

/// While loading, the progress is redrawn this often (seconds; a new stage and the end
/// are drawn at once). Not every frame: the bar is not animated, so a window drawn by
/// a software renderer (a virtual machine, a remote desktop) does not take the cores
/// the load is using: on two cores, drawing every frame made a million events load
/// about a tenth slower.
const PROGRESS_REFRESH: f64 = 0.25;

/// What a file dialog or the path field stands in for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum FileAction {
    /// Open a timeline.
    Open,
    /// Save the view as a PNG picture.
    SavePng,
    /// Save the view as SVG.
    SaveSvg,
    /// Print the lecture handout as PDF.
    SaveHandout,
}

impl FileAction {
    fn dialog(self, folder: Option<PathBuf>) -> FileDialog {
        let (title, filter, extension, save_as) = match self {
            Self::Open => ("Open a timeline", "Timeline (RON)", "ron", None),
            Self::SavePng => (
                "Save the view as PNG",
                "PNG image",
                "png",
                Some("wpk-timeline.png"),
            ),
            Self::SaveSvg => (
                "Save the view as SVG",
                "SVG image",
                "svg",
                Some("wpk-timeline.svg"),
            ),
            Self::SaveHandout => (
                "Export a lecture handout (PDF)",
                "PDF document",
                "pdf",
                Some("handout.pdf"),
            ),
        };
        FileDialog {
            title: title.to_owned(),
            filter: (filter.to_owned(), extension.to_owned()),
            folder,
            save_as: save_as.map(ToOwned::to_owned),
        }
    }
}

/// What the command line asked for that can only be done once the first file is loaded.
#[derive(Clone, Debug, Default)]
pub(super) struct Startup {
    /// `--event`: the event to select.
    pub event: Option<String>,
    /// `--view`: the range to show.
    pub view: Option<(String, String)>,
}

/// Why the last load failed, for the words of the banner or the error screen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Failure {
    /// What was being loaded, as the user knows it.
    pub name: String,
    /// A reload of the open file, rather than opening another.
    pub reload: bool,
    /// Nothing is at the path.
    pub missing: bool,
}

/// File state: settings, the watcher and pending work.
#[derive(Default)]
pub(super) struct Files {
    /// Where settings are stored; `None` keeps nothing (tests, or no home folder).
    pub settings_path: Option<PathBuf>,
    /// The settings as last saved.
    pub saved: Option<Settings>,
    /// When settings were last written.
    pub saved_at: f64,
    /// Remembered files and choices.
    pub settings: Settings,
    /// Watches the open file.
    pub watcher: Option<FileWatcher>,
    /// A file that failed to load while nothing was shown (at start, or from the
    /// error screen): watched and reloaded like an open one, so fixing it on disk
    /// (or Ctrl+R) replaces the error screen with the timeline.
    pub failed_file: Option<PathBuf>,
    /// When a reload is due.
    pub reload_due: Option<f64>,
    /// A passing message in the status line ("Saved view.png").
    pub status: Option<String>,
    /// The "open by path" window is shown.
    pub open_by_path: bool,
    /// The window's inner size last frame.
    pub window_size: Option<(f32, f32)>,
    /// Where the next screenshot goes (PNG export from the menu).
    pub png_export: Option<PathBuf>,
    /// The `--size` asked for, until it has been compared with the screen.
    pub requested_size: Option<(f32, f32)>,
    /// When the status message goes away by itself (UI time); `None` keeps it.
    pub status_until: Option<f64>,
    /// The load in progress.
    pub loading: Option<LoadJob>,
    /// The command line's wishes, until the first file is loaded.
    pub startup: Option<Startup>,
    /// Why the last load failed (with `load_error`).
    pub failure: Option<Failure>,
    /// The frame on which the last document arrived (screenshots wait a few after it).
    pub loaded_at_frame: u64,
    /// The UI's time at the last frame.
    pub now: f64,
    /// The context, once the first frame has run: workers wake the app through it.
    pub context: Arc<OnceLock<egui::Context>>,
    /// Native dialogs may be shown (off in tests and headless runs).
    pub native_dialogs: bool,
    /// A file dialog that is open, and what it is for.
    pub dialog: Option<(FileAction, DialogRequest)>,
    /// The path field shown instead of a save dialog, and the path typed so far.
    pub save_by_path: Option<(FileAction, String)>,
    /// A handout being printed on its own thread: what it will say when done.
    pub handout: Option<std::sync::mpsc::Receiver<String>>,
}

/// A worker's way to wake the app (a repaint), once the first frame has given the context.
pub(super) fn waker(context: Arc<OnceLock<egui::Context>>) -> Wake {
    Arc::new(move || {
        if let Some(ctx) = context.get() {
            ctx.request_repaint();
        }
    })
}

impl TimelineApp {
    /// Remembers the `--size` asked for, to say what was done if the screen is smaller.
    pub fn set_requested_size(&mut self, size: (f32, f32)) {
        self.files.requested_size = Some(size);
    }

    /// Once the screen's size is known: if `--size` was larger, says so (terminal and
    /// status line) with the size the window got.
    pub(super) fn report_requested_size(&mut self, ui: &Ui) {
        let Some((width, height)) = self.files.requested_size else {
            return;
        };
        let (monitor, inner) = ui.input(|i| (i.viewport().monitor_size, i.viewport().inner_rect));
        let Some(monitor) = monitor else { return };
        self.files.requested_size = None;
        if width > monitor.x || height > monitor.y {
            let got = inner.map_or_else(
                || "as large as it could be".to_owned(),
                |r| format!("{:.0}x{:.0}", r.width(), r.height()),
            );
            let message = format!(
                "--size {width:.0}x{height:.0} is larger than the screen ({:.0}x{:.0}); the window is {got}",
                monitor.x, monitor.y
            );
            eprintln!("wpk-timeline: {message}");
            self.files.status = Some(message);
        }
    }

    /// The window size remembered in the settings, if it is a sane one.
    pub fn remembered_window_size(&self) -> Option<(f32, f32)> {
        self.files
            .settings
            .window_size
            .filter(|(w, h)| (200.0..=16_384.0).contains(w) && (150.0..=16_384.0).contains(h))
    }

    /// The settings in use.
    pub fn settings(&self) -> &Settings {
        &self.files.settings
    }

    /// Applies remembered settings at start; the view waits for the document
    /// ([`Self::finish_start`]), and is used only if the same data was opened.
    pub(super) fn restore_settings(&mut self, path: Option<PathBuf>) {
        let Some(path) = path else { return };
        let settings::Loaded {
            settings,
            message,
            writable,
        } = settings::load(&path);
        if let Some(message) = message {
            let message = crate::model::diagnostic::escape_control(&message);
            eprintln!("wpk-timeline: {message}");
            self.files.status = Some(message);
        }
        self.theme = settings.theme;
        self.explore.hidden_lanes = settings.hidden_lanes.clone();
        self.explore.min_importance = settings.min_importance.clamp(1, 5);
        self.detail_panel_width = settings
            .detail_panel_width
            .filter(|w| w.is_finite() && *w > 0.0);
        self.files.saved = Some(settings.clone());
        self.files.settings = settings;
        // A file that could not be read (nor moved aside) is never overwritten.
        self.files.settings_path = writable.then_some(path);
    }

    /// The settings as they stand now.
    fn current_settings(&self) -> Settings {
        let mut settings = self.files.settings.clone();
        settings.theme = self.theme;
        settings.hidden_lanes = self.explore.hidden_lanes.clone();
        settings.min_importance = self.explore.min_importance;
        // While presenting, the view to come back to is the explorer's, not the lecture's.
        settings.view = Some(self.presentation.as_ref().map_or_else(
            || self.view(),
            super::presenting::PresentationMode::return_view,
        ));
        settings.detail_panel_width = self.detail_panel_width.or(settings.detail_panel_width);
        settings.window_size = self.files.window_size.or(settings.window_size);
        settings.last_file = self
            .document
            .as_ref()
            .and_then(|d| d.source.file())
            .map(Path::to_path_buf);
        settings
    }

    /// Writes the settings now, if anything changed (as when the window closes).
    pub fn save_settings_now(&mut self) {
        let now = self.files.saved_at + SAVE_INTERVAL;
        self.save_settings_if_changed(now, true);
    }

    /// Writes the settings if they changed (continuous changes at most every few seconds).
    pub(super) fn save_settings_if_changed(&mut self, now: f64, force: bool) {
        let Some(path) = self.files.settings_path.clone() else {
            return;
        };
        // Before the first file is shown there is no view or file to remember yet.
        if self.is_starting() {
            return;
        }
        let current = self.current_settings();
        let Some(saved) = &self.files.saved else {
            return;
        };
        if *saved == current {
            return;
        }
        let only_continuous = Settings {
            view: saved.view,
            window_size: saved.window_size,
            detail_panel_width: saved.detail_panel_width,
            ..current.clone()
        } == *saved;
        let waited = now - self.files.saved_at;
        if only_continuous && !force && waited < SAVE_INTERVAL {
            // One frame at the interval's end writes it, should nothing else come first
            // (an app at rest draws none: the change was lost when the page or window
            // closed before the next).
            if let Some(ctx) = self.files.context.get() {
                ctx.request_repaint_after(std::time::Duration::from_secs_f64(
                    (SAVE_INTERVAL - waited).clamp(0.0, SAVE_INTERVAL),
                ));
            }
            return;
        }
        match settings::save(&path, &current) {
            Ok(()) => {
                self.files.saved = Some(current.clone());
                self.files.settings = current;
                self.files.saved_at = now;
            }
            Err(error) => {
                eprintln!("wpk-timeline: {error}");
                // Do not retry every frame.
                self.files.saved = Some(current);
            }
        }
    }

    /// The file to watch and reload: the open document's, or the one that failed to
    /// load while nothing was shown.
    fn watched_file(&self) -> Option<PathBuf> {
        match &self.document {
            Some(document) => document.source.file().map(Path::to_path_buf),
            None => self.files.failed_file.clone(),
        }
    }

    /// Starts watching the open file (once per file); needs the context to wake the app.
    pub(super) fn ensure_watcher(&mut self, ctx: &egui::Context) {
        let Some(path) = self.watched_file() else {
            self.files.watcher = None;
            return;
        };
        let absolute = std::path::absolute(&path).unwrap_or_else(|_| path.clone());
        if self
            .files
            .watcher
            .as_ref()
            .is_some_and(|w| w.path() == absolute)
        {
            return;
        }
        let wake = ctx.clone();
        match FileWatcher::new(&path, move || wake.request_repaint()) {
            Ok(watcher) => self.files.watcher = Some(watcher),
            Err(error) => {
                eprintln!("wpk-timeline: {error}; the file will not reload by itself");
                self.files.watcher = None;
            }
        }
    }

    /// Reloads the open file when it changed on disk, keeping the view and selection.
    pub(super) fn reload_if_changed(&mut self, ctx: &egui::Context, now: f64) {
        if self
            .files
            .watcher
            .as_ref()
            .is_some_and(FileWatcher::changed)
        {
            self.files.reload_due = Some(now + RELOAD_DELAY);
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(RELOAD_DELAY + 0.02));
        }
        match self.files.reload_due {
            Some(due) if now >= due => {
                self.files.reload_due = None;
                self.reload(ctx, now);
            }
            Some(_) => ctx.request_repaint_after(std::time::Duration::from_secs_f64(RELOAD_DELAY)),
            None => {}
        }
    }

    /// Reads the open file again, on a worker. A broken version leaves the last good
    /// data on screen and shows the problem in a banner; a file that changed while being
    /// read is read again. While another file is being opened, the reload is skipped.
    pub fn reload(&mut self, _ctx: &egui::Context, now: f64) {
        let Some(path) = self.watched_file() else {
            return;
        };
        if self
            .files
            .loading
            .as_ref()
            .is_some_and(|job| job.purpose != Purpose::Reload)
        {
            return;
        }
        self.start_load(DataSource::File(path), Purpose::Reload, now);
    }

    /// Starts loading `source` on a worker; a load already running is superseded
    /// (its worker stops, its result is never read).
    pub(super) fn start_load(&mut self, source: DataSource, purpose: Purpose, now: f64) {
        let wake = waker(self.files.context.clone());
        self.files.loading = Some(LoadJob::start(source, purpose, now, wake));
    }

    /// Whether a load is running.
    pub fn is_loading(&self) -> bool {
        self.files.loading.is_some()
    }

    /// Whether the first file's load may still wait for the window's first frame (until
    /// that frame, for any first file; the worker holds a large one, see
    /// [`loading::HELD_FROM`]).
    pub fn load_waits_for_window(&self) -> bool {
        self.files.loading.as_ref().is_some_and(LoadJob::is_held)
    }

    /// The load in progress: what is loaded and its stage in words.
    pub fn loading_progress(&self) -> Option<(String, String)> {
        self.files
            .loading
            .as_ref()
            .map(|job| (job.source.display_name(), job.describe()))
    }

    /// Whether the first file is still being loaded (nothing has been shown yet).
    fn is_starting(&self) -> bool {
        self.files
            .loading
            .as_ref()
            .is_some_and(|job| job.purpose == Purpose::Start)
    }

    /// Stops the load in progress; what was shown stays.
    pub fn cancel_loading(&mut self) {
        if let Some(job) = self.files.loading.take() {
            if job.purpose == Purpose::Start {
                self.files.startup = None;
            }
            self.set_notice(format!("Stopped loading {}.", job.source.display_name()));
        }
    }

    /// Waits for the load in progress to finish and applies it (for `TimelineApp::new`
    /// and tests; the window never waits).
    pub fn wait_for_loading(&mut self) {
        if let Some(mut job) = self.files.loading.take() {
            let loaded = job.wait();
            self.finish_load(job.purpose, &job.source, loaded);
        }
    }

    /// Takes the result of the load in progress, if it has finished; while it runs,
    /// keeps the progress on screen fresh.
    pub(super) fn poll_loading(&mut self, ctx: &egui::Context, now: f64) {
        self.files.now = now;
        let _ = self.files.context.set(ctx.clone());
        let Some(job) = &mut self.files.loading else {
            return;
        };
        match job.poll() {
            Some(loaded) => {
                if let Some(job) = self.files.loading.take() {
                    self.finish_load(job.purpose, &job.source, loaded);
                    ctx.request_repaint();
                }
            }
            // A large first file waits for the window's first frame: the next frame, as
            // soon as this one is shown, lets it go.
            None if job.is_held() && ctx.cumulative_frame_nr() == 0 => ctx.request_repaint(),
            None => {
                job.window_shown();
                ctx.request_repaint_after(std::time::Duration::from_secs_f64(PROGRESS_REFRESH));
            }
        }
    }

    /// Shows what a finished load brought: a document in place of the old one, or the
    /// problems (a banner over the document kept, the error screen without one).
    fn finish_load(&mut self, purpose: Purpose, source: &DataSource, loaded: Loaded) {
        if purpose == Purpose::Reload && loaded.changed_while_reading {
            // Written to while we read it: what we read may be half of it. Read the final version.
            self.files.reload_due = Some(self.files.now + RELOAD_DELAY);
            if let Some(ctx) = self.files.context.get() {
                ctx.request_repaint_after(std::time::Duration::from_secs_f64(RELOAD_DELAY));
            }
            return;
        }
        match loaded.result {
            Ok(document) => match purpose {
                Purpose::Start => self.finish_start(document),
                Purpose::Reload if self.document.is_some() => self.replace_document(document),
                Purpose::Open | Purpose::Reload => self.show_new_document(document),
            },
            Err(error) => {
                if self.document.is_none() {
                    self.files.failed_file = source.file().map(Path::to_path_buf);
                }
                if purpose == Purpose::Start {
                    self.files.startup = None;
                }
                self.files.failure = Some(Failure {
                    name: source.display_name(),
                    reload: purpose == Purpose::Reload,
                    missing: loaded.missing,
                });
                self.load_error = Some(error);
            }
        }
        self.files.loaded_at_frame = self.frames;
    }

    /// Shows the first document, with the command line's `--event` and `--view` and
    /// the remembered view (for the same data, when neither was given).
    fn finish_start(&mut self, document: Document) {
        let startup = self.files.startup.take().unwrap_or_default();
        self.view = document.default_view();
        let same_source = document.source.file() == self.files.settings.last_file.as_deref();
        if same_source
            && startup.event.is_none()
            && startup.view.is_none()
            && let Some(view) = self.files.settings.view
        {
            self.view = document.limits.clamp(view);
        }
        if let Some(id) = &startup.event {
            match document.timeline.find(id) {
                Some(event) => {
                    self.selected = Some(event);
                    self.panel_open = true;
                    self.view = document.view_around_event(event);
                }
                None => {
                    eprintln!("wpk-timeline: no event with id `{id}`; opening without a selection")
                }
            }
        }
        if let Some((from, to)) = &startup.view {
            match (HistDate::parse(from), HistDate::parse(to)) {
                (Ok(from), Ok(to)) => {
                    let (start, end) = DateSpan {
                        start: from,
                        end: Some(to),
                    }
                    .interval();
                    self.view = document.limits.clamp(TimeView::between(start, end));
                }
                (Err(error), _) | (_, Err(error)) => eprintln!("wpk-timeline: --view: {error}"),
            }
        }
        self.document = Some(document);
        self.load_error = None;
        self.files.failure = None;
        self.files.failed_file = None;
        self.explore.document_changed();
        self.pictures_changed();
        // Filters remembered from the last run are said once, so nobody mistakes them for gaps.
        if let Some(summary) = self.filter_summary()
            && self.files.status.is_none()
        {
            self.set_notice(format!(
                "Filters kept from last time: {summary} (Show all in the Lanes menu)"
            ));
        }
    }

    /// Shows a newly loaded version of the same data: view kept, selection kept by id.
    fn replace_document(&mut self, document: Document) {
        let selected_id = self
            .selected
            .and_then(|s| self.document.as_ref()?.timeline.events.get(s))
            .map(|e| e.record.id.clone());
        self.selected = selected_id.and_then(|id| document.timeline.find(&id));
        if self.selected.is_none() {
            self.panel_open = false;
        }
        self.view = document.limits.clamp(self.view);
        if let Some(animation) = &mut self.animation {
            animation.to = document.limits.clamp(animation.to);
        }
        self.document = Some(document);
        self.load_error = None;
        self.files.failure = None;
        self.explore.document_changed();
        self.pictures_changed();
    }

    /// Opens a data source on a worker; until it is ready, what was shown stays. A
    /// failure keeps what was shown and reports the problem (with nothing shown, the
    /// failed file is watched until it loads).
    pub fn open(&mut self, source: DataSource) {
        let now = self.files.now;
        self.start_load(source, Purpose::Open, now);
    }

    /// Shows a document in place of whatever was shown, at its default view.
    fn show_new_document(&mut self, document: Document) {
        if let Some(path) = document.source.file() {
            self.files.settings.remember_file(path);
        }
        self.view = document.default_view();
        self.animation = None;
        self.selected = None;
        self.panel_open = false;
        self.explore.history.clear();
        self.document = Some(document);
        self.load_error = None;
        self.files.failure = None;
        self.files.reload_due = None;
        self.files.failed_file = None;
        self.explore.document_changed();
        self.pictures_changed();
    }

    /// Files dropped on the window open (the first `.ron` one).
    pub(super) fn open_dropped_files(&mut self, ui: &Ui) {
        // The platform says what to open (on the web it starts reading the bytes).
        let dropped: Option<PathBuf> = ui.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .find_map(crate::platform::files::dropped)
        });
        if let Some(path) = dropped {
            self.open(DataSource::File(path));
        }
    }

    /// Ctrl+O opens, Ctrl+R reloads.
    pub(super) fn handle_file_keys(&mut self, ui: &Ui, now: f64) {
        let (open, reload) = ui.input_mut(|i| {
            (
                i.consume_key(Modifiers::COMMAND, Key::O),
                i.consume_key(Modifiers::COMMAND, Key::R),
            )
        });
        if open {
            self.ask_for_file(ui.ctx(), FileAction::Open);
        }
        if reload {
            let ctx = ui.ctx().clone();
            self.reload(&ctx, now);
        }
    }

    /// The folder of the most recent file, where dialogs start.
    fn recent_folder(&self) -> Option<PathBuf> {
        self.files
            .settings
            .recent_files
            .first()
            .and_then(|p| p.parent().map(Path::to_path_buf))
    }

    /// Asks for a file in a native dialog on its own thread; the answer arrives in
    /// [`Self::poll_dialog`]. Without a dialog, the path field stands in at once.
    pub(super) fn ask_for_file(&mut self, ctx: &egui::Context, action: FileAction) {
        let request = if self.files.native_dialogs {
            let wake = ctx.clone();
            dialogs::show(action.dialog(self.recent_folder()), move || {
                wake.request_repaint();
            })
        } else {
            DialogRequest::ended(DialogOutcome::Unavailable(
                "native file dialogs are off in this run".to_owned(),
            ))
        };
        self.files.dialog = Some((action, request));
        self.poll_dialog();
    }

    /// Acts on a dialog's answer: the chosen file is opened or written; a missing
    /// dialog brings up the path field, with the reason in the status line for a while.
    pub(super) fn poll_dialog(&mut self) {
        let Some((action, request)) = &self.files.dialog else {
            return;
        };
        let action = *action;
        let Some(outcome) = request.poll() else {
            return;
        };
        self.files.dialog = None;
        match outcome {
            DialogOutcome::Chosen(path) => self.act_on_path(action, path),
            DialogOutcome::Cancelled => {}
            DialogOutcome::Unavailable(reason) => {
                self.set_notice(format!("{reason}: type a path instead."));
                if action == FileAction::Open {
                    self.files.open_by_path = true;
                } else {
                    let name = match action {
                        FileAction::SavePng => "wpk-timeline.png",
                        FileAction::SaveHandout => "handout.pdf",
                        _ => "wpk-timeline.svg",
                    };
                    let folder = self
                        .recent_folder()
                        .or_else(|| std::env::current_dir().ok())
                        .unwrap_or_default();
                    let suggestion = folder.join(name).display().to_string();
                    self.files.save_by_path = Some((action, suggestion));
                }
            }
        }
    }

    fn act_on_path(&mut self, action: FileAction, path: PathBuf) {
        match action {
            FileAction::Open => self.open(DataSource::File(path)),
            FileAction::SavePng => self.files.png_export = Some(path),
            FileAction::SaveSvg => {
                let message = match self.export_svg(&path) {
                    Ok(()) => format!("Saved {}", path.display()),
                    Err(error) => error,
                };
                self.set_notice(message);
            }
            FileAction::SaveHandout => self.export_handout(path),
        }
    }

    /// Prints the open timeline's lecture handout (A4, without speaker notes) to `path`
    /// on its own thread; [`Self::poll_handout`] says when it is written.
    fn export_handout(&mut self, path: PathBuf) {
        let Some(document) = self.document.as_ref() else {
            self.set_notice("Nothing is open to print".to_owned());
            return;
        };
        let timeline = (*document.timeline).clone();
        let source = document.source.clone();
        let (sender, receiver) = std::sync::mpsc::channel();
        let wake = self.files.context.get().cloned();
        self.files.status = Some(format!("Printing the handout to {}…", path.display()));
        self.files.status_until = None;
        let spawned = std::thread::Builder::new()
            .name("handout".to_owned())
            .spawn(move || {
                let document = Document::new(timeline, source);
                let options = crate::export::print::HandoutOptions {
                    paper: crate::export::print::Paper::A4,
                    landscape: false,
                    notes: false,
                };
                let printed = crate::export::print::handout(&document, &options);
                let written = crate::render::pdf::PdfFonts::new()
                    .and_then(|fonts| crate::render::pdf::write_document(&printed, &fonts))
                    .and_then(|bytes| crate::platform::files::write_atomically(&path, &bytes));
                let message = match written {
                    Ok(()) => format!(
                        "Saved the handout ({} pages) to {}",
                        printed.pages.len(),
                        path.display()
                    ),
                    Err(error) => format!("The handout was not saved: {error}"),
                };
                let _ = sender.send(message);
                if let Some(ctx) = wake {
                    ctx.request_repaint();
                }
            });
        match spawned {
            Ok(_) => self.files.handout = Some(receiver),
            Err(error) => self.set_notice(format!("The handout was not saved: {error}")),
        }
    }

    /// Shows the outcome of a handout being printed, once it is done.
    fn poll_handout(&mut self) {
        let Some(receiver) = &self.files.handout else {
            return;
        };
        match receiver.try_recv() {
            Ok(message) => {
                self.files.handout = None;
                self.set_notice(message);
            }
            Err(std::sync::mpsc::TryRecvError::Empty) => {}
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                self.files.handout = None;
                self.set_notice("The handout was not saved: printing stopped".to_owned());
            }
        }
    }

    /// A message in the status line that goes away by itself after [`NOTICE_SECONDS`].
    pub(super) fn set_notice(&mut self, message: String) {
        self.files.status = Some(message);
        self.files.status_until = Some(self.files.now + NOTICE_SECONDS);
    }

    /// The File menu.
    pub(super) fn file_menu_ui(&mut self, ui: &mut Ui) {
        ui.menu_button("File", |ui| {
            if ui.button("Open…  (Ctrl+O)").clicked() {
                ui.close();
                self.ask_for_file(ui.ctx(), FileAction::Open);
            }
            if crate::platform::files::PATHS_PERSIST {
                if ui.button("Open by path…").clicked() {
                    ui.close();
                    self.files.open_by_path = true;
                }
                let recent = self.files.settings.recent_files.clone();
                ui.menu_button("Open recent", |ui| {
                    if recent.is_empty() {
                        ui.weak("No recent files");
                    }
                    for path in recent {
                        if ui.button(path.display().to_string()).clicked() {
                            ui.close();
                            self.open(DataSource::File(path));
                        }
                    }
                });
            }
            if ui.button("Open the built-in WPK dataset").clicked() {
                ui.close();
                self.open(DataSource::Embedded);
            }
            ui.separator();
            if ui.button("Save view as PNG…").clicked() {
                ui.close();
                self.ask_for_file(ui.ctx(), FileAction::SavePng);
            }
            if ui.button("Save view as SVG…").clicked() {
                ui.close();
                self.ask_for_file(ui.ctx(), FileAction::SaveSvg);
            }
            let printing = self.files.handout.is_some();
            if ui
                .add_enabled(!printing, egui::Button::new("Export handout…"))
                .on_hover_text("A PDF for the lecture: a title page, then a page per tour step")
                .clicked()
            {
                ui.close();
                self.ask_for_file(ui.ctx(), FileAction::SaveHandout);
            }
            ui.separator();
            if ui.button(crate::ui::about::ABOUT_TITLE).clicked() {
                ui.close();
                self.about.open();
            }
            if crate::platform::window::CAN_QUIT && ui.button("Quit").clicked() {
                ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
            }
        });
    }

    /// Writes the current view, as drawn, as SVG.
    pub fn export_svg(&mut self, path: &Path) -> Result<(), String> {
        let shown = self.shown_lanes();
        let size = self
            .timeline_area
            .map_or((1600.0, 900.0), |area| (area.right(), area.bottom()));
        let view = self.view();
        let selected = self.selected;
        let theme = self.theme;
        let lanes = self
            .exact_filtered_lanes()
            .cloned()
            .ok_or("nothing is open")?;
        let document = self.document.as_ref().ok_or("nothing is open")?;
        let style = crate::ui::theme::TimelineStyle::desktop(theme);
        // The same dimming as on screen (a search, a person).
        let is_match = |event| self.is_emphasised(event);
        let emphasis = crate::view::scene::SceneEmphasis {
            selected,
            is_match: self
                .is_dimming()
                .then_some(&is_match as &dyn Fn(usize) -> bool),
        };
        let svg =
            crate::export::svg::render_svg(document, &lanes, &shown, view, size, &style, emphasis);
        crate::platform::files::write_atomically(path, svg.as_bytes())
    }

    /// Starts the screenshot for a pending PNG export (taken at the end of this frame).
    pub(super) fn png_export_step(&mut self) {
        let Some(path) = self.files.png_export.take() else {
            return;
        };
        self.files.status = Some(format!("Saving {}…", path.display()));
        self.files.status_until = None;
        self.screenshot = Some(super::ScreenshotJob {
            path,
            requested: false,
            outcome: Default::default(),
            close_after: false,
        });
    }

    /// The banner shown when a load failed while a document is on screen: a reload
    /// of the open file keeps its last good version; a file that could not be opened
    /// leaves the one shown. A missing file is called missing.
    pub(super) fn reload_banner_ui(&mut self, ui: &mut Ui) {
        let (Some(error), Some(_)) = (&self.load_error, &self.document) else {
            return;
        };
        let error: LoadError = error.clone();
        let failure = self.files.failure.clone();
        let (name, reload, missing) = failure.as_ref().map_or((String::new(), true, false), |f| {
            (f.name.clone(), f.reload, f.missing)
        });
        let headline = match (reload, missing) {
            (true, false) => {
                "The file has problems; the last good version stays on screen until they are fixed."
                    .to_owned()
            }
            (true, true) => format!(
                "{name} is missing (deleted or renamed?); the last good version stays on screen until it is back."
            ),
            (false, true) => {
                format!("{name} was not found: check the path. The timeline on screen stays.")
            }
            (false, false) => format!("{name} could not be opened; the timeline on screen stays."),
        };
        egui::Panel::top("reload_banner")
            .frame(
                egui::Frame::new()
                    .fill(if ui.visuals().dark_mode {
                        egui::Color32::from_rgb(90, 30, 30)
                    } else {
                        egui::Color32::from_rgb(255, 225, 220)
                    })
                    .inner_margin(8.0),
            )
            .show(ui, |ui| {
                ui.label(RichText::new(headline).strong());
                if missing {
                    return;
                }
                for diagnostic in error.diagnostics().iter().take(3) {
                    crate::ui::diagnostic_view::show(ui, diagnostic);
                }
                let more = error.diagnostics().len().saturating_sub(3);
                if more > 0 {
                    ui.label(format!(
                        "… and {more} more (run `wpk-timeline check` on the file to see them all)"
                    ));
                }
            });
    }

    /// Whether the last failure was a file that is not there (for the error screen).
    pub(super) fn failed_as_missing(&self) -> bool {
        self.files.failure.as_ref().is_some_and(|f| f.missing)
    }

    /// With nothing shown yet: the whole window says what is loading, with progress and Cancel.
    pub(super) fn loading_screen_ui(&mut self, ui: &mut Ui) {
        let Some((name, stage, fraction)) = self.progress_parts() else {
            return;
        };
        let mut cancel = false;
        egui::CentralPanel::default().show(ui, |ui| {
            ui.add_space(ui.available_height() / 3.0);
            ui.vertical_centered(|ui| {
                ui.heading(format!("Loading {name}…"));
                ui.add_space(8.0);
                ui.add(
                    egui::ProgressBar::new(fraction)
                        .desired_width(420.0)
                        .text(stage)
                        .animate(false),
                );
                ui.add_space(8.0);
                cancel = ui.button("Cancel").clicked();
            });
        });
        if cancel {
            self.cancel_loading();
        }
    }

    fn progress_parts(&self) -> Option<(String, String, f32)> {
        let job = self.files.loading.as_ref()?;
        Some((job.source.display_name(), job.describe(), job.fraction()))
    }

    /// With a document shown: a strip at the bottom with the progress and Cancel, once
    /// the load has taken long enough to be noticed.
    fn loading_strip_ui(&mut self, ui: &mut Ui) {
        let Some(job) = &self.files.loading else {
            return;
        };
        if self.document.is_none() || self.files.now - job.started < PROGRESS_AFTER {
            return;
        }
        let Some((name, stage, fraction)) = self.progress_parts() else {
            return;
        };
        let mut cancel = false;
        egui::Panel::bottom("loading_strip").show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.label(format!("Loading {name}"));
                ui.add(
                    egui::ProgressBar::new(fraction)
                        .desired_width(260.0)
                        .text(stage)
                        .animate(false),
                );
                cancel = ui.small_button("Cancel").clicked();
            });
        });
        if cancel {
            self.cancel_loading();
        }
    }

    /// The path field that stands in for a save dialog.
    fn save_by_path_ui(&mut self, ui: &Ui) {
        let Some((action, mut typed)) = self.files.save_by_path.take() else {
            return;
        };
        let title = match action {
            FileAction::SavePng => "Save the view as PNG",
            FileAction::SaveHandout => "Export a lecture handout (PDF)",
            _ => "Save the view as SVG",
        };
        let mut save = false;
        let mut shown = true;
        egui::Window::new(title)
            .open(&mut shown)
            .collapsible(false)
            .show(ui.ctx(), |ui| {
                let label = ui.label("Path of the file to write:");
                let field = ui
                    .add(egui::TextEdit::singleline(&mut typed).desired_width(420.0))
                    .labelled_by(label.id);
                let enter = field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
                save = ui.button("Save").clicked() || enter;
            });
        let path = typed.trim();
        if save && !path.is_empty() {
            self.act_on_path(action, PathBuf::from(path));
        } else if shown {
            self.files.save_by_path = Some((action, typed));
        }
    }

    /// The open-by-path and save-by-path windows, the loading strip and the status line.
    pub(super) fn file_windows_ui(&mut self, ui: &mut Ui) {
        self.poll_dialog();
        self.poll_handout();
        self.save_by_path_ui(ui);
        self.loading_strip_ui(ui);
        if self.files.open_by_path {
            let mut open = None;
            let mut shown = true;
            egui::Window::new("Open a timeline file")
                .open(&mut shown)
                .collapsible(false)
                .show(ui.ctx(), |ui| {
                    let label = ui.label("Path of a .ron timeline file:");
                    let field = ui
                        .add(
                            egui::TextEdit::singleline(&mut self.path_to_open).desired_width(420.0),
                        )
                        .labelled_by(label.id);
                    let enter = field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
                    if ui.button("Open").clicked() || enter {
                        open = Some(PathBuf::from(self.path_to_open.trim()));
                    }
                });
            self.files.open_by_path = shown && open.is_none();
            if let Some(path) = open {
                self.open(DataSource::File(path));
            }
        }
        if let Some(until) = self.files.status_until {
            if self.files.now >= until {
                self.files.status = None;
                self.files.status_until = None;
            } else {
                ui.ctx()
                    .request_repaint_after(std::time::Duration::from_secs_f64(
                        until - self.files.now,
                    ));
            }
        }
        if let Some(status) = self.files.status.clone() {
            egui::Panel::bottom("status_line").show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.label(status);
                    if ui.small_button("Dismiss").clicked() {
                        self.files.status = None;
                        self.files.status_until = None;
                    }
                });
            });
        }
    }
}
