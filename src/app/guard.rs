//! A panic in one frame does not end the application: the frame is run under
//! `catch_unwind`, and after a panic the last good view and selection come back and
//! the error is shown in the status line (and was logged by the panic hook). A panic
//! is still a bug: tests call [`TimelineApp::show`] directly, so they still fail on one.

use std::panic::{AssertUnwindSafe, catch_unwind};

use egui::Ui;

use super::TimelineApp;
use crate::model::diagnostic::escape_control;
use crate::model::timeline::EventIndex;
use crate::view::transform::TimeView;

/// What a frame that ended well left behind, to go back to after a panic.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct LastGood {
    /// The view after the last good frame.
    pub view: Option<TimeView>,
    /// The selection after the last good frame.
    pub selected: Option<EventIndex>,
    /// Whether the detail panel was open.
    pub panel_open: bool,
    /// Panics caught so far.
    pub panics: u64,
    /// Set by [`TimelineApp::panic_on_next_frame`] (tests of this guard only).
    pub inject: bool,
}

impl TimelineApp {
    /// One frame, as [`Self::show`], but a panic in it is caught: the last good state is
    /// restored and the error shown, and the application goes on.
    pub fn show_guarded(&mut self, ui: &mut Ui) {
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            if std::mem::take(&mut self.guard.inject) {
                panic!("a panic injected by a test");
            }
            self.show(ui);
        }));
        match outcome {
            Ok(()) => {
                self.guard.view = Some(self.view);
                self.guard.selected = self.selected;
                self.guard.panel_open = self.panel_open;
            }
            Err(payload) => {
                let what = payload
                    .downcast_ref::<&str>()
                    .map(|s| (*s).to_owned())
                    .or_else(|| payload.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "unknown error".to_owned());
                self.recover_from_panic(&what);
                ui.ctx().request_repaint();
            }
        }
    }

    /// Puts back the last good state after a panic and says what happened.
    fn recover_from_panic(&mut self, what: &str) {
        self.guard.panics += 1;
        self.animation = None;
        self.view = match (self.guard.view, &self.document) {
            (Some(view), Some(document)) => document.limits.clamp(view),
            (None, Some(document)) => document.limits.fitted(),
            (view, None) => view.unwrap_or(self.view),
        };
        let count = self
            .document
            .as_ref()
            .map_or(0, |d| d.timeline.events.len());
        self.selected = self.guard.selected.filter(|&event| event < count);
        self.panel_open = self.guard.panel_open && self.selected.is_some();
        let message = format!(
            "Internal error, the last view was restored (please report it): {}",
            escape_control(what)
        );
        eprintln!("wpk-timeline: {message}");
        self.files.status = Some(message);
    }

    /// How many panics [`Self::show_guarded`] has caught.
    pub fn panics_caught(&self) -> u64 {
        self.guard.panics
    }

    /// Makes the next [`Self::show_guarded`] frame panic, to test the guard.
    #[doc(hidden)]
    pub fn panic_on_next_frame(&mut self) {
        self.guard.inject = true;
    }
}
