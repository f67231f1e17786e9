//! Checking the pictures of an event or era: caption, credit and licence present, a
//! file name inside the timeline's folder, and (when the folder is known) a file there
//! that is a regular file, within the size limits, and a PNG, JPEG or WebP whose header
//! reads. Only headers are read: every image of a large timeline is checked at each
//! load without decoding one.

use std::path::Path;

use super::locate::At;
use super::text_rules::{control_in_line, is_blank};
use super::validate::Problems;
use crate::model::media::{MediaRecord, check_file_name};
use crate::platform::images::inspect_file;

/// Checks each picture of `owner` (`event `x`` or `era `x``), found at `at` (the
/// `media` field). With a `folder`, each file is looked at there.
pub(super) fn check_media(
    problems: &mut Problems<'_>,
    at: At<'_>,
    owner: &dyn std::fmt::Display,
    media: &[MediaRecord],
    folder: Option<&Path>,
) {
    for (k, item) in media.iter().enumerate() {
        let item_at = at.index(k);
        let number = k + 1;
        for (field, text) in [
            ("caption", &item.caption),
            ("credit", &item.credit),
            ("licence", &item.licence),
        ] {
            if is_blank(text.trim()) {
                problems.at_name(
                    item_at.field(field),
                    format!(
                        "image {number} of {owner} has an empty {field}; every picture needs a caption, \
                         a credit and a licence"
                    ),
                );
            } else if let Some(control) = control_in_line(text) {
                problems.at_value(
                    item_at.field(field),
                    format!(
                        "the {field} of image {number} of {owner} contains the control character {control}"
                    ),
                );
            }
        }
        let file = &item.file;
        if let Err(problem) = check_file_name(file) {
            problems.at_value(
                item_at.field("file"),
                format!("{owner}: the image file {file:?} {problem}"),
            );
            continue;
        }
        if let Some(folder) = folder
            && let Err(problem) = inspect_file(&folder.join(file))
        {
            problems.at_value(
                item_at.field("file"),
                format!("{owner}: the image file {file:?} {problem}"),
            );
        }
    }
}
