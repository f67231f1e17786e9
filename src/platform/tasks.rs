//! Running slow work off the UI thread (native: a named thread of its own).

/// Runs `job` on a new thread called `name`; an error says why none could be started.
pub fn spawn(name: &str, job: impl FnOnce() + Send + 'static) -> Result<(), String> {
    std::thread::Builder::new()
        .name(name.to_owned())
        .spawn(job)
        .map(|_| ())
        .map_err(|error| error.to_string())
}

/// Waits, on a job's thread, until `released` says go (its sender sends or is dropped),
/// or `at_most` has passed.
pub fn hold(released: &std::sync::mpsc::Receiver<()>, at_most: std::time::Duration) {
    // Whichever comes first; either way the job goes on.
    let _ = released.recv_timeout(at_most);
}
