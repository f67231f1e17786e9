//! Writing files (web): a page has no folders to write into, so "writing" a file hands
//! its bytes to the browser as a download under the file's name (see
//! [`crate::platform::files::write_atomically`]). Nothing on disk is ever replaced, so
//! the desktop's rules about links and special files have nothing to guard here.

use std::io::Write;
use std::path::{Path, PathBuf};

/// The file that writing `path` replaces: `path` itself.
pub fn write_target(path: &Path) -> std::io::Result<PathBuf> {
    Ok(path.to_path_buf())
}

/// Downloads `bytes` as the file `path`.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    crate::platform::files::write_atomically(path, bytes).map_err(std::io::Error::other)
}

/// Downloads what `write` produces as the file `path`; an error downloads nothing.
pub fn write_atomically_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let mut bytes = Vec::new();
    write(&mut bytes)?;
    write_atomically(path, &bytes)
}
