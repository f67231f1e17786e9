//! Files of the application: opening (dialog, drop, recent, by path), watching the
//! open file and reloading it, remembering settings, and exporting the view.

use std::path::{Path, PathBuf};

use egui::{Key, Modifiers, RichText, Ui};

use super::TimelineApp;
use crate::document::{DataSource, Document};
use crate::model::load::LoadError;
use crate::settings::{self, Settings};
use crate::watch::FileWatcher;

/// How long to wait after a change on disk before reloading, so a burst of writes is read once.
const RELOAD_DELAY: f64 = 0.15;

/// Settings that change continuously (view, window) are saved at most this often (seconds).
const SAVE_INTERVAL: f64 = 2.0;

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
}

/// What changed on disk compared with what was read.
fn file_stamp(path: &Path) -> Option<(u64, std::time::SystemTime)> {
    let metadata = std::fs::metadata(path).ok()?;
    Some((metadata.len(), metadata.modified().ok()?))
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

    /// Applies remembered settings at start; the view only if the same data is being opened.
    pub(super) fn restore_settings(&mut self, path: Option<PathBuf>, view_given: bool) {
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
        let same_source = self
            .document
            .as_ref()
            .is_some_and(|d| d.source.file() == settings.last_file.as_deref());
        if same_source
            && !view_given
            && let (Some(view), Some(document)) = (settings.view, &self.document)
        {
            self.view = document.limits.clamp(view);
        }
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
        settings.view = Some(self.view());
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
            ..current.clone()
        } == *saved;
        if only_continuous && !force && now - self.files.saved_at < SAVE_INTERVAL {
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

    /// Reads the open file again. A broken version leaves the last good data on screen
    /// and shows the problem in a banner; a file that changed while being read is read again.
    pub fn reload(&mut self, ctx: &egui::Context, now: f64) {
        let Some(path) = self.watched_file() else {
            return;
        };
        let before = file_stamp(&path);
        let result = Document::load(DataSource::File(path.clone()));
        if file_stamp(&path) != before {
            // Written to while we read it: what we read may be half of it. Read the final version.
            self.files.reload_due = Some(now + RELOAD_DELAY);
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(RELOAD_DELAY));
            return;
        }
        match result {
            Ok(document) if self.document.is_none() => self.show_new_document(document),
            Ok(document) => self.replace_document(document),
            Err(error) => self.load_error = Some(error),
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
        self.explore.document_changed();
    }

    /// Opens a data source; a failure keeps what was shown and reports the problem
    /// (with nothing shown, the failed file is watched until it loads).
    pub fn open(&mut self, source: DataSource) {
        let failed_file = source.file().map(Path::to_path_buf);
        match Document::load(source) {
            Ok(document) => self.show_new_document(document),
            Err(error) => {
                if self.document.is_none() {
                    self.files.failed_file = failed_file;
                }
                self.load_error = Some(error);
            }
        }
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
        self.document = Some(document);
        self.load_error = None;
        self.files.reload_due = None;
        self.files.failed_file = None;
        self.explore.document_changed();
    }

    /// Files dropped on the window open (the first `.ron` one).
    pub(super) fn open_dropped_files(&mut self, ui: &Ui) {
        let dropped: Vec<PathBuf> = ui.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if let Some(path) = dropped.into_iter().next() {
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
            self.open_with_dialog();
        }
        if reload {
            let ctx = ui.ctx().clone();
            self.reload(&ctx, now);
        }
    }

    /// The native open dialog; when none is available, the open-by-path window.
    fn open_with_dialog(&mut self) {
        let folder = self
            .files
            .settings
            .recent_files
            .first()
            .and_then(|p| p.parent().map(Path::to_path_buf));
        let mut dialog = rfd::FileDialog::new()
            .add_filter("Timeline (RON)", &["ron"])
            .set_title("Open a timeline");
        if let Some(folder) = folder {
            dialog = dialog.set_directory(folder);
        }
        match dialog.pick_file() {
            Some(path) => self.open(DataSource::File(path)),
            None => self.files.open_by_path = true,
        }
    }

    /// The File menu.
    pub(super) fn file_menu_ui(&mut self, ui: &mut Ui) {
        ui.menu_button("File", |ui| {
            if ui.button("Open…  (Ctrl+O)").clicked() {
                ui.close();
                self.open_with_dialog();
            }
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
            if ui.button("Open the built-in WPK dataset").clicked() {
                ui.close();
                self.open(DataSource::Embedded);
            }
            ui.separator();
            if ui.button("Save view as PNG…").clicked() {
                ui.close();
                self.export_png_with_dialog();
            }
            if ui.button("Save view as SVG…").clicked() {
                ui.close();
                self.export_svg_with_dialog();
            }
            ui.separator();
            if ui.button("Quit").clicked() {
                ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
            }
        });
    }

    fn export_png_with_dialog(&mut self) {
        if let Some(path) = rfd::FileDialog::new()
            .add_filter("PNG image", &["png"])
            .set_file_name("wpk-timeline.png")
            .save_file()
        {
            self.files.png_export = Some(path);
        } else {
            self.files.status =
                Some("No file chosen (or no file dialog available): nothing saved.".to_owned());
        }
    }

    fn export_svg_with_dialog(&mut self) {
        let Some(path) = rfd::FileDialog::new()
            .add_filter("SVG image", &["svg"])
            .set_file_name("wpk-timeline.svg")
            .save_file()
        else {
            self.files.status =
                Some("No file chosen (or no file dialog available): nothing saved.".to_owned());
            return;
        };
        self.files.status = Some(match self.export_svg(&path) {
            Ok(()) => format!("Saved {}", path.display()),
            Err(error) => error,
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
        let lanes = self.filtered_lanes().cloned().ok_or("nothing is open")?;
        let document = self.document.as_ref().ok_or("nothing is open")?;
        let style = crate::ui::theme::TimelineStyle::desktop(theme);
        let svg =
            crate::export::svg::render_svg(document, &lanes, &shown, view, size, &style, selected);
        crate::atomic_file::write_atomically(path, svg.as_bytes())
            .map_err(|e| format!("cannot write {}: {e}", path.display()))
    }

    /// Starts the screenshot for a pending PNG export (taken at the end of this frame).
    pub(super) fn png_export_step(&mut self) {
        let Some(path) = self.files.png_export.take() else {
            return;
        };
        self.files.status = Some(format!("Saving {}…", path.display()));
        self.screenshot = Some(super::ScreenshotJob {
            path,
            requested: false,
            outcome: Default::default(),
            close_after: false,
        });
    }

    /// The banner shown when a reload failed: the last good version stays on screen.
    pub(super) fn reload_banner_ui(&mut self, ui: &mut Ui) {
        let (Some(error), Some(_)) = (&self.load_error, &self.document) else {
            return;
        };
        let error: LoadError = error.clone();
        egui::Panel::top("reload_banner")
            .frame(egui::Frame::new().fill(if ui.visuals().dark_mode {
                egui::Color32::from_rgb(90, 30, 30)
            } else {
                egui::Color32::from_rgb(255, 225, 220)
            }).inner_margin(8.0))
            .show(ui, |ui| {
                ui.label(RichText::new("The file has problems; the last good version stays on screen until they are fixed.").strong());
                for diagnostic in error.diagnostics().iter().take(3) {
                    ui.label(RichText::new(diagnostic.to_string()).monospace());
                }
                let more = error.diagnostics().len().saturating_sub(3);
                if more > 0 {
                    ui.label(format!("… and {more} more (run `wpk-timeline check` on the file to see them all)"));
                }
            });
    }

    /// The open-by-path window and the status line.
    pub(super) fn file_windows_ui(&mut self, ui: &mut Ui) {
        if self.files.open_by_path {
            let mut open = None;
            let mut shown = true;
            egui::Window::new("Open a timeline file")
                .open(&mut shown)
                .collapsible(false)
                .show(ui.ctx(), |ui| {
                    ui.label("Path of a .ron timeline file:");
                    let field = ui.add(
                        egui::TextEdit::singleline(&mut self.path_to_open).desired_width(420.0),
                    );
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
        if let Some(status) = self.files.status.clone() {
            egui::Panel::bottom("status_line").show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.label(status);
                    if ui.small_button("Dismiss").clicked() {
                        self.files.status = None;
                    }
                });
            });
        }
    }
}
