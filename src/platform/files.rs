//! Files on disk (native): reading a timeline within the loader's limits, writing
//! a file whole or not at all, and telling a missing file from an unreadable one.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::model::load::LoadError;

/// Whether a file can be opened again later by its path (typed by the user, or from
/// the recent files).
pub const PATHS_PERSIST: bool = true;

/// Reads and loads a timeline file ([`crate::model::load::load_path_counted`]: a file that
/// loads cleanly is read a piece at a time, so its whole text is never held beside its
/// events), adding the bytes read to `read` as it goes (for a progress bar).
pub fn load_timeline(
    path: &Path,
    name: &str,
    read: &std::sync::atomic::AtomicU64,
) -> Result<crate::model::timeline::Timeline, LoadError> {
    crate::model::load::load_path_counted(path, name, read)
}

/// Reads a timeline file within the loader's limits ([`crate::model::load::read_limited`]).
pub fn read_timeline(path: &Path, name: &str) -> Result<Vec<u8>, LoadError> {
    crate::model::load::read_limited(path, name)
}

/// Writes `bytes` to `path` atomically ([`crate::atomic_file::write_atomically`]),
/// with the path in the message of a failure.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), String> {
    crate::atomic_file::write_atomically(path, bytes)
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// The path to open for a file dropped on the window (on the desktop, where it is);
/// `None` for an entry without one.
pub fn dropped(file: &egui::DroppedFileHandle) -> Option<PathBuf> {
    Some(file.path().to_path_buf()).filter(|path| !path.as_os_str().is_empty())
}

/// Whether nothing at all is at `path` (not even a broken link): the file is missing,
/// as opposed to present but unreadable or invalid.
pub fn is_missing(path: &Path) -> bool {
    matches!(
        std::fs::symlink_metadata(path),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound
    )
}

/// What identifies a version of a file on disk: its size and modification time.
/// Two equal stamps around a read mean the read saw one version.
pub fn stamp(path: &Path) -> Option<(u64, SystemTime)> {
    let metadata = std::fs::metadata(path).ok()?;
    Some((metadata.len(), metadata.modified().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_is_told_from_present() {
        let folder = tempfile::tempdir().expect("folder");
        let path = folder.path().join("t.ron");
        assert!(is_missing(&path));
        assert!(stamp(&path).is_none());
        write_atomically(&path, b"abc").expect("write");
        assert!(!is_missing(&path));
        assert!(!is_missing(folder.path()));
        assert_eq!(stamp(&path).map(|s| s.0), Some(3));
        assert_eq!(read_timeline(&path, "t.ron").expect("read"), b"abc");
    }
}
