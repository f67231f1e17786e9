//! Open and save dialogs (web: the browser's file picker through `rfd`, asynchronous as
//! everything in a page; the chosen file's bytes are read and handed to
//! [`super::files`] under its name before the choice is reported, so opening it reads
//! them like any file). A page cannot choose where a download goes: a save "dialog"
//! answers at once with the proposed name, and writing it downloads it.

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

impl DialogRequest {
    /// A request that has already ended (no dialog was shown).
    pub fn ended(outcome: DialogOutcome) -> Self {
        let (sender, receiver) = channel();
        let _ = sender.send(outcome);
        Self { outcome: receiver }
    }

    /// How it ended, or `None` while the dialog is still open.
    pub fn poll(&self) -> Option<DialogOutcome> {
        match self.outcome.try_recv() {
            Ok(outcome) => Some(outcome),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(DialogOutcome::Unavailable(
                "the file picker stopped without an answer".to_owned(),
            )),
        }
    }
}

/// A browser can always show its file picker.
pub fn availability() -> Result<(), String> {
    Ok(())
}

/// Shows `dialog`; `wake` is called when it ends.
pub fn show(dialog: FileDialog, wake: impl Fn() + Send + 'static) -> DialogRequest {
    if let Some(name) = dialog.save_as {
        return DialogRequest::ended(DialogOutcome::Chosen(PathBuf::from(name)));
    }
    let (sender, receiver) = channel();
    wasm_bindgen_futures::spawn_local(async move {
        let picked = rfd::AsyncFileDialog::new()
            .set_title(&dialog.title)
            .add_filter(&dialog.filter.0, &[dialog.filter.1.as_str()])
            .pick_file()
            .await;
        let outcome = match picked {
            Some(handle) => {
                let path = PathBuf::from(handle.file_name());
                let bytes = handle.read().await;
                super::files::remember(&path, Ok(bytes));
                DialogOutcome::Chosen(path)
            }
            None => DialogOutcome::Cancelled,
        };
        if sender.send(outcome).is_ok() {
            wake();
        }
    });
    DialogRequest { outcome: receiver }
}
