//! Watching an opened data file, so that saving it in an editor reloads it (native:
//! the `notify` crate; a web build has nothing to watch).
//!
//! The folder is watched rather than the file, because editors often save by
//! writing a new file and renaming it over the old one.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};

use notify::{RecommendedWatcher, RecursiveMode, Watcher};

/// Whether a changed file is seen, so that fixing and saving it reloads it by itself.
pub const SEES_CHANGES: bool = true;

/// Tells when a file has changed on disk.
pub struct FileWatcher {
    _watcher: RecommendedWatcher,
    changes: Receiver<()>,
    path: PathBuf,
}

impl FileWatcher {
    /// Starts watching `path`; `wake` is called from the watcher's thread on each change
    /// (the app passes a repaint request, so it never polls).
    pub fn new(path: &Path, wake: impl Fn() + Send + 'static) -> Result<Self, String> {
        let path = std::path::absolute(path).map_err(|e| e.to_string())?;
        let folder = path
            .parent()
            .map(Path::to_path_buf)
            .ok_or_else(|| format!("{} has no folder to watch", path.display()))?;
        let name = path.file_name().map(ToOwned::to_owned);
        let (sender, changes) = channel();
        let mut watcher =
            notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
                let Ok(event) = event else { return };
                let ours = event
                    .paths
                    .iter()
                    .any(|changed| changed.file_name().map(ToOwned::to_owned) == name);
                let relevant = matches!(
                    event.kind,
                    notify::EventKind::Create(_)
                        | notify::EventKind::Modify(_)
                        | notify::EventKind::Remove(_)
                );
                if ours && relevant && sender.send(()).is_ok() {
                    wake();
                }
            })
            .map_err(|e| format!("cannot watch {}: {e}", folder.display()))?;
        watcher
            .watch(&folder, RecursiveMode::NonRecursive)
            .map_err(|e| format!("cannot watch {}: {e}", folder.display()))?;
        Ok(Self {
            _watcher: watcher,
            changes,
            path,
        })
    }

    /// Whether the file changed since the last call.
    pub fn changed(&self) -> bool {
        let mut any = false;
        while self.changes.try_recv().is_ok() {
            any = true;
        }
        any
    }

    /// The file watched.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::{Duration, Instant};

    #[test]
    fn a_save_and_a_rename_over_the_file_are_both_seen() {
        let folder = tempfile::tempdir().expect("folder");
        let path = folder.path().join("t.ron");
        std::fs::write(&path, "one").expect("write");
        let woken = Arc::new(AtomicUsize::new(0));
        let counter = woken.clone();
        let watcher = FileWatcher::new(&path, move || {
            counter.fetch_add(1, Ordering::SeqCst);
        })
        .expect("watch");
        let wait_for_change = || {
            let deadline = Instant::now() + Duration::from_secs(5);
            while Instant::now() < deadline {
                if watcher.changed() {
                    return true;
                }
                std::thread::sleep(Duration::from_millis(10));
            }
            false
        };
        std::fs::write(&path, "two").expect("write");
        assert!(wait_for_change(), "a direct write is seen");
        crate::atomic_file::write_atomically(&path, b"three").expect("atomic write");
        assert!(wait_for_change(), "a rename over the file is seen");
        assert!(woken.load(Ordering::SeqCst) >= 2);
        // Another file in the folder is not ours.
        std::thread::sleep(Duration::from_millis(100));
        let _ = watcher.changed();
        std::fs::write(folder.path().join("other.ron"), "x").expect("write");
        std::thread::sleep(Duration::from_millis(300));
        assert!(!watcher.changed());
    }
}
