//! Image files of a timeline (native: on disk beside the timeline file). Reading them is
//! the platform's part of pictures (issue 14); what the bytes mean is
//! [`crate::model::media`]'s.
//!
//! Every image is opened as a regular file only, without ever blocking on a pipe
//! ([`super::regular_file`]), and refused over [`MAX_IMAGE_BYTES`] before it is read.

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

use super::regular_file::{OpenError, open_regular};
use crate::model::media::{ImageInfo, MAX_IMAGE_BYTES, inspect};

/// The folder a timeline's images are named relative to: the timeline file's own.
/// `None` where images cannot be read (never on the desktop).
pub fn media_folder(timeline_file: &Path) -> Option<PathBuf> {
    Some(
        timeline_file
            .parent()
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf),
    )
}

/// Why images are missing where [`media_folder`] is `None` (a phrase following the
/// picture's file name); on the desktop only for the built-in dataset, which has none.
pub const UNAVAILABLE: &str = "is not shown: pictures are not available here";

/// Opens the image at `path` if it is a regular file within the size limit.
fn open_image(path: &Path) -> Result<(File, u64), String> {
    match open_regular(path) {
        Ok((file, metadata)) => {
            let size = metadata.len();
            if size > MAX_IMAGE_BYTES {
                Err(format!(
                    "is too large: {:.1} MiB is over the limit of {} MiB",
                    mebibytes(size),
                    MAX_IMAGE_BYTES / (1024 * 1024)
                ))
            } else {
                Ok((file, size))
            }
        }
        Err(OpenError::Io(error)) => Err(match error.kind() {
            std::io::ErrorKind::NotFound => "is missing (no such file)".to_owned(),
            std::io::ErrorKind::PermissionDenied => "cannot be read (permission denied)".to_owned(),
            _ => format!("cannot be read: {error}"),
        }),
        Err(OpenError::NotRegular(kind)) => Err(if kind.is_dir() {
            "is a folder, not an image file".to_owned()
        } else {
            "is not a regular file (a pipe, device or socket)".to_owned()
        }),
    }
}

#[allow(clippy::cast_precision_loss)]
fn mebibytes(bytes: u64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

/// Reads the header of the image at `path`: its format and size, checked against the
/// limits, without decoding it.
pub fn inspect_file(path: &Path) -> Result<ImageInfo, String> {
    let (file, _) = open_image(path)?;
    inspect(BufReader::new(file))
}

/// The bytes of the image at `path`, within the size limit (a file that grew since it
/// was opened is still refused).
pub fn read_image(path: &Path) -> Result<Vec<u8>, String> {
    let (file, size) = open_image(path)?;
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(MAX_IMAGE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot be read: {e}"))?;
    if bytes.len() as u64 > MAX_IMAGE_BYTES {
        return Err(format!(
            "is too large: over the limit of {} MiB",
            MAX_IMAGE_BYTES / (1024 * 1024)
        ));
    }
    Ok(bytes)
}
