//! Reading a timeline file from disk within limits: regular files only, at most
//! [`MAX_FILE_BYTES`], with plain-words messages for what cannot be read.

use std::io::Read;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

use super::{LoadError, MAX_FILE_BYTES};
use crate::model::diagnostic::Diagnostic;
use crate::platform::regular_file::{OpenError, open_regular};

/// Reads at most [`MAX_FILE_BYTES`] of a file, refusing directories, pipes, devices and
/// larger files.
///
/// A file over the limit is refused from its size alone, before it is opened, as
/// [`LoadError::Invalid`]: it was found and judged, it is just not a timeline.
pub fn read_limited(path: &Path, name: &str) -> Result<Vec<u8>, LoadError> {
    let file = open_limited(path, name)?;
    let mut bytes = Vec::new();
    // Read one byte past the limit so a file that grew after `metadata` (or a device or
    // pipe, whose size is not known in advance) is still caught.
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| LoadError::Unreadable(Diagnostic::whole_file(name, io_message(&e))))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(name));
    }
    Ok(bytes)
}

fn too_large(name: &str) -> LoadError {
    LoadError::Invalid(vec![Diagnostic::whole_file(
        name,
        format!(
            "is too large to be a timeline: the limit is {} MiB",
            MAX_FILE_BYTES / (1024 * 1024)
        ),
    )])
}

/// Opens a file for reading as [`read_limited`] would read it: a regular file (never
/// waiting on a pipe) within the size limit, or the reason why not.
pub(super) fn open_limited(path: &Path, name: &str) -> Result<std::fs::File, LoadError> {
    let unreadable = |message: String| LoadError::Unreadable(Diagnostic::whole_file(name, message));
    let metadata = std::fs::metadata(path).map_err(|e| unreadable(io_message(&e)))?;
    if metadata.is_dir() {
        return Err(unreadable(
            "is a directory, not a timeline file (give the path of a .ron file)".to_owned(),
        ));
    }
    // Judged from the metadata (which follows links but never opens): opening a pipe
    // blocks until someone writes to it, and a device can be endless.
    if !metadata.is_file() {
        return Err(unreadable(
            "is not a regular file (a pipe, device or socket); give the path of a .ron file"
                .to_owned(),
        ));
    }
    if metadata.len() > MAX_FILE_BYTES {
        return Err(too_large(name));
    }
    // Opened without blocking and judged again from the opened handle: a pipe swapped in
    // after the look above (`rm f; mkfifo f` during a reload) is refused, not waited on.
    let file = match open_regular(path) {
        Ok((file, _)) => file,
        Err(OpenError::Io(e)) => return Err(unreadable(io_message(&e))),
        Err(OpenError::NotRegular(_)) => {
            return Err(unreadable(
                "changed into something that is not a regular file while being opened".to_owned(),
            ));
        }
    };
    Ok(file)
}

/// A reader that adds the bytes it reads to a counter another thread may watch (the
/// window's progress bar while a file loads).
pub(super) struct Counted<'a, R> {
    /// What is read.
    pub inner: R,
    /// Bytes read so far.
    pub read: &'a AtomicU64,
}

impl<R: Read> Read for Counted<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let count = self.inner.read(buf)?;
        self.read.fetch_add(count as u64, Ordering::Relaxed);
        Ok(count)
    }
}

pub(super) fn io_message(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_owned(),
        std::io::ErrorKind::PermissionDenied => {
            "permission denied: cannot read the file".to_owned()
        }
        _ => format!("cannot read the file: {error}"),
    }
}
