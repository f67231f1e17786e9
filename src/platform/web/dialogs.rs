//! Open and save dialogs (web: the browser's file picker through `rfd`, asynchronous as
//! everything in a page; the chosen file's bytes are read and handed to
//! [`super::files`] under its name before the choice is reported, so opening it reads
//! them like any file). A page cannot choose where a download goes: a save "dialog"
//! answers at once with the proposed name, and writing it downloads it.

use std::path::PathBuf;
use std::sync::mpsc::channel;

pub use super::dialog_request::{DialogOutcome, DialogRequest, FileDialog};

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
    DialogRequest::from(receiver)
}
