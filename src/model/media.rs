//! Pictures in a timeline (issue 14): the `media` entry of an event or era, the rules
//! its file name must follow, the limits an image must keep, and the two pure steps on
//! an image's bytes: reading its header (cheap, for `check` and every load) and
//! decoding it to a size that fits (off the UI thread, for showing it).
//!
//! A file names an image relative to itself: `Media(file: "img/x.jpg", caption: "…",
//! credit: "…", licence: "…")`. Absolute paths and `..` are refused, so a timeline
//! can only show pictures from its own folder. Only PNG, JPEG and WebP are read.
//! Nothing here touches the disk: reading files is the platform's
//! ([`crate::platform::images`]).

use std::io::{BufRead, Cursor, Seek};

use image::{ImageFormat, ImageReader, Limits};
use serde::{Deserialize, Serialize};

/// One picture of an event or era, as written in the file: `Media(file: …, caption: …,
/// credit: …, licence: …)` (the name may be left out, as for any entry).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Media")]
pub struct MediaRecord {
    /// The image file, relative to the timeline file's folder, with `/` between folders
    /// (`"img/plenum.jpg"`).
    pub file: String,
    /// What the picture shows.
    pub caption: String,
    /// Who made it or holds it (photographer, archive).
    pub credit: String,
    /// Under what terms it may be shown (`"CC BY-SA 4.0"`, `"Public domain"`).
    pub licence: String,
}

impl MediaRecord {
    /// The credit line shown with the picture: `Credit · Licence`.
    pub fn credit_line(&self) -> String {
        format!("{} · {}", self.credit.trim(), self.licence.trim())
    }
}

/// The largest image file accepted: 50 MiB.
pub const MAX_IMAGE_BYTES: u64 = 50 * 1024 * 1024;

/// The most pixels an image may have: 100 megapixels (a 12 000 × 8 000 scan is 96).
/// Decoding one takes four bytes a pixel, 400 MB at the limit, for a moment.
pub const MAX_IMAGE_PIXELS: u64 = 100_000_000;

/// The longest side of a thumbnail (the detail panel's strip, the presenter's card).
pub const THUMBNAIL_SIDE: u32 = 256;

/// The longest side of an image shown large (the large view, the presentation card).
pub const DISPLAY_SIDE: u32 = 2048;

/// The formats read, with how to name them in messages.
const FORMATS: [(ImageFormat, &str); 3] = [
    (ImageFormat::Png, "PNG"),
    (ImageFormat::Jpeg, "JPEG"),
    (ImageFormat::WebP, "WebP"),
];

/// Why a `file` name is refused (a phrase following `the image file "…"`), or `Ok`.
pub fn check_file_name(file: &str) -> Result<(), String> {
    if file.trim().is_empty() {
        return Err("is empty: name an image beside the timeline, like \"img/photo.jpg\"".into());
    }
    if let Some(c) = file.chars().find(|c| c.is_control()) {
        return Err(format!(
            "contains the control character U+{:04X}",
            u32::from(c)
        ));
    }
    if file.contains('\\') {
        return Err("contains a backslash; separate folders with `/`".into());
    }
    let drive = file.as_bytes().get(1) == Some(&b':');
    if file.starts_with('/') || drive || std::path::Path::new(file).is_absolute() {
        return Err(
            "is an absolute path; name it relative to the timeline file, like \"img/photo.jpg\""
                .into(),
        );
    }
    if file.split('/').any(|part| part == "..") {
        return Err(
            "contains `..`; images must be in the timeline file's folder or below it".into(),
        );
    }
    Ok(())
}

/// What the header of a readable image says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ImageInfo {
    /// `"PNG"`, `"JPEG"` or `"WebP"`.
    pub format: &'static str,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

/// The format's name if it is one this program reads.
fn supported(format: ImageFormat) -> Option<&'static str> {
    FORMATS
        .iter()
        .find(|(known, _)| *known == format)
        .map(|(_, name)| *name)
}

/// Reads only the header of the image in `reader` (its format from the first bytes,
/// then its dimensions), and checks the format and the pixel limit. Cheap: nothing is
/// decoded.
pub fn inspect(reader: impl BufRead + Seek) -> Result<ImageInfo, String> {
    let reader = ImageReader::new(reader)
        .with_guessed_format()
        .map_err(|e| format!("cannot be read: {}", one_line(&e)))?;
    let Some(format) = reader.format() else {
        return Err("is not an image this program reads (PNG, JPEG or WebP)".into());
    };
    let Some(name) = supported(format) else {
        return Err(format!(
            "is a {} image; only PNG, JPEG and WebP are shown",
            format.to_mime_type()
        ));
    };
    let (width, height) = reader
        .into_dimensions()
        .map_err(|e| format!("is not a readable {name} image ({})", one_line(&e)))?;
    check_pixels(width, height)?;
    Ok(ImageInfo {
        format: name,
        width,
        height,
    })
}

/// A decoder's error on one line, its words separated by single spaces.
fn one_line(error: &impl std::fmt::Display) -> String {
    error
        .to_string()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn check_pixels(width: u32, height: u32) -> Result<(), String> {
    if width == 0 || height == 0 {
        return Err("has no pixels".into());
    }
    let pixels = u64::from(width) * u64::from(height);
    if pixels > MAX_IMAGE_PIXELS {
        return Err(format!(
            "is too large: {width} × {height} pixels is over the limit of {} megapixels",
            MAX_IMAGE_PIXELS / 1_000_000
        ));
    }
    Ok(())
}

/// Decoded pixels, RGBA with straight alpha, row by row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rgba {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// `width * height * 4` bytes.
    pub pixels: Vec<u8>,
}

/// Decodes the image in `bytes` and shrinks it (keeping its shape) so that its longer
/// side is at most `max_side`; never enlarges. Refuses anything but PNG, JPEG and WebP,
/// and images over [`MAX_IMAGE_PIXELS`] before decoding them.
pub fn decode_to_fit(bytes: &[u8], max_side: u32) -> Result<Rgba, String> {
    let info = inspect(Cursor::new(bytes))?;
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| format!("cannot be read: {e}"))?;
    let mut limits = Limits::default();
    limits.max_image_width = Some(info.width);
    limits.max_image_height = Some(info.height);
    limits.max_alloc = Some(MAX_IMAGE_PIXELS * 4 + 64 * 1024 * 1024);
    reader.limits(limits);
    let image = reader
        .decode()
        .map_err(|e| format!("is not a readable {} image ({})", info.format, one_line(&e)))?;
    let side = max_side.max(1);
    let image = if image.width() > side || image.height() > side {
        image.thumbnail(side, side)
    } else {
        image
    };
    let rgba = image.into_rgba8();
    Ok(Rgba {
        width: rgba.width(),
        height: rgba.height(),
        pixels: rgba.into_raw(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encoded(width: u32, height: u32, format: ImageFormat) -> Vec<u8> {
        let image = image::RgbImage::from_fn(width, height, |x, y| {
            image::Rgb([(x % 256) as u8, (y % 256) as u8, 128])
        });
        let mut bytes = Cursor::new(Vec::new());
        image.write_to(&mut bytes, format).expect("encode");
        bytes.into_inner()
    }

    #[test]
    fn file_names_outside_the_folder_are_refused() {
        let refused = [
            ("", "is empty"),
            ("  ", "is empty"),
            ("/etc/passwd", "absolute path"),
            ("C:/photos/x.jpg", "absolute path"),
            ("img\\x.jpg", "backslash"),
            ("../x.jpg", "`..`"),
            ("img/../../x.jpg", "`..`"),
            ("img/x\u{0}.jpg", "control character"),
        ];
        for (name, why) in refused {
            let problem = check_file_name(name).expect_err(name);
            assert!(problem.contains(why), "{name:?}: {problem}");
        }
        for name in ["x.jpg", "img/x.png", "./img/x.webp", "a..b.jpg"] {
            assert_eq!(check_file_name(name), Ok(()), "{name}");
        }
    }

    #[test]
    fn headers_are_read_for_each_format_and_others_refused() {
        for (format, name) in FORMATS {
            let info = inspect(Cursor::new(encoded(30, 20, format))).expect(name);
            assert_eq!(
                info,
                ImageInfo {
                    format: name,
                    width: 30,
                    height: 20
                }
            );
        }
        let gif = b"GIF89a\x01\x00\x01\x00\x00\x00\x00;".to_vec();
        let problem = inspect(Cursor::new(gif)).expect_err("gif");
        assert!(problem.contains("image/gif"), "{problem}");
        let text = b"(title: \"not an image\")".to_vec();
        let problem = inspect(Cursor::new(text)).expect_err("text");
        assert!(problem.contains("not an image"), "{problem}");
        // A PNG cut after its signature: the format is known, the header is not there.
        let cut = encoded(30, 20, ImageFormat::Png)[..12].to_vec();
        let problem = inspect(Cursor::new(cut)).expect_err("cut");
        assert!(problem.contains("not a readable PNG"), "{problem}");
    }

    #[test]
    fn the_pixel_limit_is_checked_from_the_header() {
        assert!(check_pixels(10_000, 10_000).is_ok());
        let problem = check_pixels(10_001, 10_000).expect_err("over");
        assert!(problem.contains("10001 × 10000"), "{problem}");
        assert!(check_pixels(0, 5).is_err());
    }

    #[test]
    fn decoding_shrinks_to_fit_and_keeps_the_shape() {
        let bytes = encoded(600, 300, ImageFormat::Png);
        let small = decode_to_fit(&bytes, 256).expect("decodes");
        assert_eq!((small.width, small.height), (256, 128));
        assert_eq!(small.pixels.len(), 256 * 128 * 4);
        let whole = decode_to_fit(&bytes, 2048).expect("decodes");
        assert_eq!((whole.width, whole.height), (600, 300));
        let jpeg = encoded(300, 600, ImageFormat::Jpeg);
        let small = decode_to_fit(&jpeg, 100).expect("decodes");
        assert_eq!((small.width, small.height), (50, 100));
        assert!(decode_to_fit(b"junk", 100).is_err());
    }
}
