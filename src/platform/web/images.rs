//! Image files of a timeline (web): a page cannot read the folder beside a timeline
//! file, so the web version shows no pictures yet; every image says so in its place.
//! The functions match the desktop's ([`crate::platform`] chooses).

use std::path::{Path, PathBuf};

use crate::model::media::ImageInfo;

/// The folder a timeline's images are named relative to: none on the web.
pub fn media_folder(_timeline_file: &Path) -> Option<PathBuf> {
    None
}

/// Why images are missing where [`media_folder`] is `None` (a phrase following the
/// picture's file name).
pub const UNAVAILABLE: &str = "is not shown: pictures are not available in the web version yet";

/// Never called on the web ([`media_folder`] is `None`); says why not.
pub fn inspect_file(_path: &Path) -> Result<ImageInfo, String> {
    Err(UNAVAILABLE.to_owned())
}

/// Never called on the web ([`media_folder`] is `None`); says why not.
pub fn read_image(_path: &Path) -> Result<Vec<u8>, String> {
    Err(UNAVAILABLE.to_owned())
}
