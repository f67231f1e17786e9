//! Watching an opened data file (web: a file handed over by the browser is a copy that
//! never changes, so there is nothing to watch; Ctrl+R reads the copy again).

use std::path::{Path, PathBuf};

/// Whether a changed file is seen: never on the web.
pub const SEES_CHANGES: bool = false;

/// A watcher that never sees a change.
pub struct FileWatcher {
    path: PathBuf,
}

impl FileWatcher {
    /// "Watches" `path`; never fails, never wakes.
    pub fn new(path: &Path, _wake: impl Fn() + Send + 'static) -> Result<Self, String> {
        Ok(Self {
            path: std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()),
        })
    }

    /// Always `false`.
    pub fn changed(&self) -> bool {
        false
    }

    /// The file "watched".
    pub fn path(&self) -> &Path {
        &self.path
    }
}
