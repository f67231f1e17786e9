//! What a file dialog asks for and how it ends, the same on every platform: the
//! native ([`super::dialogs`] with `rfd` on a thread) and the web implementation (the
//! browser's file picker) both hand back a [`DialogRequest`] polled each frame.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

/// What a dialog asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileDialog {
    /// The window title.
    pub title: String,
    /// The filter's name and the extension it lets through ("Timeline (RON)", "ron").
    pub filter: (String, String),
    /// The folder to start in (ignored by browsers).
    pub folder: Option<PathBuf>,
    /// For a save dialog, the proposed file name; `None` makes it an open dialog.
    pub save_as: Option<String>,
}

/// How a dialog ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DialogOutcome {
    /// A path was chosen.
    Chosen(PathBuf),
    /// The person closed the dialog without choosing.
    Cancelled,
    /// No dialog could be shown; the reason in one line.
    Unavailable(String),
}

/// A dialog on its way: poll it each frame until it ends.
#[derive(Debug)]
pub struct DialogRequest {
    outcome: Receiver<DialogOutcome>,
}

impl From<Receiver<DialogOutcome>> for DialogRequest {
    /// A request that ends when its dialog sends the outcome.
    fn from(outcome: Receiver<DialogOutcome>) -> Self {
        Self { outcome }
    }
}

impl DialogRequest {
    /// A request that has already ended (no dialog was shown).
    pub fn ended(outcome: DialogOutcome) -> Self {
        let (sender, receiver) = channel();
        // The receiver is alive, so the send succeeds.
        let _ = sender.send(outcome);
        Self { outcome: receiver }
    }

    /// How it ended, or `None` while the dialog is still open.
    pub fn poll(&self) -> Option<DialogOutcome> {
        match self.outcome.try_recv() {
            Ok(outcome) => Some(outcome),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(DialogOutcome::Unavailable(
                "the file dialog stopped without an answer".to_owned(),
            )),
        }
    }
}
