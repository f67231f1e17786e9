//! Open and save dialogs (native: `rfd`'s asynchronous dialogs, each driven on its own
//! thread by a small executor), so the UI thread never waits on one. A request hands
//! back the chosen path through a channel; when no dialog can be shown, it says why,
//! and the application falls back to a path field.

use std::future::Future;
use std::path::PathBuf;
use std::sync::mpsc::channel;
use std::sync::{Arc, Condvar, Mutex};
use std::task::{Context, Poll, Wake, Waker};
use std::time::{Duration, Instant};

/// A dialog that closes sooner than this without a choice most likely never showed
/// (a portal that failed), rather than being cancelled by a person.
const TOO_QUICK_TO_BE_A_PERSON: Duration = Duration::from_millis(250);

pub use super::dialog_request::{DialogOutcome, DialogRequest, FileDialog};

/// Whether this session can show a native file dialog; if not, why not.
pub fn availability() -> Result<(), String> {
    #[cfg(all(unix, not(target_os = "macos")))]
    {
        // rfd asks the desktop portal over the session bus.
        let bus = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some()
            || std::env::var_os("XDG_RUNTIME_DIR")
                .is_some_and(|dir| PathBuf::from(dir).join("bus").exists());
        if !bus {
            return Err("no file dialog here (no desktop session bus for the portal)".to_owned());
        }
    }
    Ok(())
}

/// Shows `dialog` on a thread of its own; `wake` is called when it ends (the app
/// passes a repaint request).
pub fn show(dialog: FileDialog, wake: impl Fn() + Send + 'static) -> DialogRequest {
    if let Err(reason) = availability() {
        return DialogRequest::ended(DialogOutcome::Unavailable(reason));
    }
    let (sender, receiver) = channel();
    let spawned = std::thread::Builder::new()
        .name("file-dialog".to_owned())
        .spawn(move || {
            let started = Instant::now();
            let chosen = block_on(run(dialog));
            let outcome = match chosen {
                Some(path) => DialogOutcome::Chosen(path),
                None if started.elapsed() < TOO_QUICK_TO_BE_A_PERSON => DialogOutcome::Unavailable(
                    "the file dialog closed at once (no desktop portal answered?)".to_owned(),
                ),
                None => DialogOutcome::Cancelled,
            };
            if sender.send(outcome).is_ok() {
                wake();
            }
        });
    match spawned {
        Ok(_) => DialogRequest::from(receiver),
        Err(error) => DialogRequest::ended(DialogOutcome::Unavailable(format!(
            "cannot start the file dialog: {error}"
        ))),
    }
}

async fn run(dialog: FileDialog) -> Option<PathBuf> {
    let mut native = rfd::AsyncFileDialog::new()
        .set_title(&dialog.title)
        .add_filter(&dialog.filter.0, &[dialog.filter.1.as_str()]);
    if let Some(folder) = &dialog.folder {
        native = native.set_directory(folder);
    }
    let handle = match &dialog.save_as {
        Some(name) => native.set_file_name(name).save_file().await,
        None => native.pick_file().await,
    };
    handle.map(|h| h.path().to_path_buf())
}

/// Wakes [`block_on`]'s thread.
#[derive(Default)]
struct Signal {
    woken: Mutex<bool>,
    ready: Condvar,
}

impl Wake for Signal {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        if let Ok(mut woken) = self.woken.lock() {
            *woken = true;
            self.ready.notify_one();
        }
    }
}

/// Runs a future to completion on this thread: the smallest executor there is.
fn block_on<F: Future>(future: F) -> F::Output {
    let signal = Arc::new(Signal::default());
    let waker = Waker::from(signal.clone());
    let mut context = Context::from_waker(&waker);
    let mut future = std::pin::pin!(future);
    loop {
        if let Poll::Ready(output) = future.as_mut().poll(&mut context) {
            return output;
        }
        let Ok(mut woken) = signal.woken.lock() else {
            // A poisoned lock: poll again rather than wait forever.
            continue;
        };
        while !*woken {
            woken = match signal.ready.wait(woken) {
                Ok(guard) => guard,
                Err(poisoned) => poisoned.into_inner(),
            };
        }
        *woken = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_executor_runs_a_future_woken_from_another_thread() {
        struct Later(Arc<Mutex<Option<u32>>>, bool);
        impl Future for Later {
            type Output = u32;
            fn poll(mut self: std::pin::Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u32> {
                if let Some(value) = self.0.lock().expect("lock").take() {
                    return Poll::Ready(value);
                }
                if !self.1 {
                    self.1 = true;
                    let (slot, waker) = (self.0.clone(), cx.waker().clone());
                    std::thread::spawn(move || {
                        std::thread::sleep(Duration::from_millis(20));
                        *slot.lock().expect("lock") = Some(7);
                        waker.wake();
                    });
                }
                Poll::Pending
            }
        }
        assert_eq!(block_on(Later(Arc::default(), false)), 7);
    }

    #[test]
    fn an_ended_request_reports_its_outcome_once() {
        let request = DialogRequest::ended(DialogOutcome::Cancelled);
        assert_eq!(request.poll(), Some(DialogOutcome::Cancelled));
        // The sender is gone: later polls say so rather than wait forever.
        assert!(matches!(
            request.poll(),
            Some(DialogOutcome::Unavailable(_))
        ));
    }
}
