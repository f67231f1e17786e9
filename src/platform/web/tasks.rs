//! Running slow work off the UI thread (web: the browser gives a page no threads
//! without special server headers, so the job runs on the page's one thread, but after
//! the current frame, from the event loop, so the frame that started it shows first;
//! and only once the files it may read have arrived ([`super::files::until_nothing_pending`])).

/// Queues `job` to run after the current frame, once no file is on its way; never fails.
pub fn spawn(_name: &str, job: impl FnOnce() + Send + 'static) -> Result<(), String> {
    wasm_bindgen_futures::spawn_local(async move {
        super::files::until_nothing_pending().await;
        job();
    });
    Ok(())
}

/// Returns at once: a job here already runs after the frame that started it, and the
/// page's one thread must never block.
pub fn hold(_released: &std::sync::mpsc::Receiver<()>, _at_most: std::time::Duration) {}
