//! Pictures in the file format (issue 14): every mistake in a `media` entry is
//! reported with the line and column of the entry, images are checked from their
//! headers at load (missing, not an image, a folder or FIFO, too large in bytes or in
//! pixels), names outside the timeline's folder are refused, and a valid file with
//! PNG, JPEG and WebP pictures loads.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::Cursor;
use std::path::Path;

use wpk_timeline::model::load::{LoadError, load_path, load_str};

/// A timeline with one era and one event, whose `media` lists are `era_media` and
/// `event_media` (RON text of the entries, one per line).
fn timeline(era_media: &[&str], event_media: &[&str]) -> String {
    let list = |entries: &[&str]| {
        entries
            .iter()
            .map(|e| format!("        {e},\n"))
            .collect::<String>()
    };
    format!(
        "(
    title: \"Pictures\",
    span: (\"1950\", \"1960\"),
    categories: [(id: \"main\", name: \"Main\", colour: \"#0072b2\")],
    eras: [(id: \"fifties\", name: \"Fifties\", start: \"1950\", end: \"1959\", colour: \"#dddddd\", media: [
{}    ])],
    events: [(
        id: \"first\",
        title: \"First\",
        date: \"1956\",
        category: \"main\",
        importance: 3,
        summary: \"Something happened.\",
        sources: [Reference(title: \"A book\")],
        media: [
{}        ],
    )],
)
",
        list(era_media),
        list(event_media)
    )
}

fn media(file: &str) -> String {
    format!(
        "Media(file: {file:?}, caption: \"A picture\", credit: \"A. Person\", licence: \"CC0\")"
    )
}

fn encoded(width: u32, height: u32, format: image::ImageFormat) -> Vec<u8> {
    let image = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x * 7 % 256) as u8, (y * 5 % 256) as u8, 90])
    });
    let mut bytes = Cursor::new(Vec::new());
    image.write_to(&mut bytes, format).expect("encode");
    bytes.into_inner()
}

/// A PNG that is only a signature, a header claiming `width` × `height` pixels (a
/// real one that large would take a gigabyte to make).
fn png_header(width: u32, height: u32) -> Vec<u8> {
    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = 0xffff_ffff_u32;
        for &byte in bytes {
            crc ^= u32::from(byte);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xedb8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }
    let mut chunk = b"IHDR".to_vec();
    chunk.extend_from_slice(&width.to_be_bytes());
    chunk.extend_from_slice(&height.to_be_bytes());
    chunk.extend_from_slice(&[8, 2, 0, 0, 0]);
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend_from_slice(&13u32.to_be_bytes());
    png.extend_from_slice(&chunk);
    png.extend_from_slice(&crc32(&chunk).to_be_bytes());
    // An empty image-data chunk: the decoder reads up to the first one for the header.
    png.extend_from_slice(&0u32.to_be_bytes());
    png.extend_from_slice(b"IDAT");
    png.extend_from_slice(&crc32(b"IDAT").to_be_bytes());
    png
}

/// Writes `text` as `t.ron` in `folder` and loads it; the problems, failing if it loads.
fn problems(folder: &Path, text: &str) -> Vec<(usize, usize, String)> {
    let path = folder.join("t.ron");
    std::fs::write(&path, text).expect("write");
    match load_path(&path) {
        Ok(_) => panic!("loaded, but should not:\n{text}"),
        Err(LoadError::Invalid(found)) => found
            .iter()
            .map(|d| {
                let p = d.position.expect("a position");
                (p.line, p.column, d.message.clone())
            })
            .collect(),
        Err(other) => panic!("unreadable: {other}"),
    }
}

/// The 1-based line and column where `needle` (occurring once) starts in `text`.
fn where_is(text: &str, needle: &str) -> (usize, usize) {
    assert_eq!(text.matches(needle).count(), 1, "{needle:?} once");
    let at = text.find(needle).expect("found");
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, column)
}

#[test]
fn a_timeline_with_png_jpeg_and_webp_pictures_loads() {
    let folder = tempfile::tempdir().expect("folder");
    std::fs::create_dir(folder.path().join("img")).expect("img");
    for (name, format) in [
        ("img/a.png", image::ImageFormat::Png),
        ("img/b.jpg", image::ImageFormat::Jpeg),
        ("img/c.webp", image::ImageFormat::WebP),
    ] {
        std::fs::write(folder.path().join(name), encoded(40, 30, format)).expect("write");
    }
    let text = timeline(
        &[&media("img/a.png")],
        &[&media("img/b.jpg"), &media("./img/c.webp")],
    );
    let path = folder.path().join("t.ron");
    std::fs::write(&path, &text).expect("write");
    let timeline = load_path(&path).unwrap_or_else(|e| panic!("{e}"));
    let files: Vec<&str> = timeline.events[0]
        .record
        .media
        .iter()
        .map(|m| m.file.as_str())
        .collect();
    assert_eq!(files, ["img/b.jpg", "./img/c.webp"]);
    assert_eq!(timeline.eras[0].record.media[0].caption, "A picture");
}

#[test]
fn every_file_mistake_is_reported_at_its_entry() {
    let folder = tempfile::tempdir().expect("folder");
    let dir = folder.path();
    std::fs::create_dir(dir.join("a-folder.png")).expect("dir");
    std::fs::write(dir.join("text.png"), "(title: \"not a picture\")").expect("write");
    std::fs::write(
        dir.join("cut.jpg"),
        &encoded(40, 30, image::ImageFormat::Jpeg)[..3],
    )
    .expect("write");
    std::fs::write(dir.join("huge.png"), png_header(20_000, 10_000)).expect("write");
    // Over 50 MiB in bytes: a sparse file, so the test writes almost nothing.
    let big = std::fs::File::create(dir.join("big.png")).expect("big");
    big.set_len(51 * 1024 * 1024).expect("size");
    drop(big);
    let cases = [
        ("missing.png", "is missing (no such file)"),
        (
            "text.png",
            "is not an image this program reads (PNG, JPEG or WebP)",
        ),
        ("cut.jpg", "is not a readable JPEG image"),
        ("a-folder.png", "is a folder, not an image file"),
        (
            "huge.png",
            "is too large: 20000 × 10000 pixels is over the limit of 100 megapixels",
        ),
        (
            "big.png",
            "is too large: 51.0 MiB is over the limit of 50 MiB",
        ),
        ("/etc/hostname", "is an absolute path"),
        ("../t.png", "contains `..`"),
        ("img/../../t.png", "contains `..`"),
        ("", "is empty"),
    ];
    for (file, why) in cases {
        let entry = media(file);
        let text = timeline(&[], &[&entry]);
        let found = problems(dir, &text);
        let (line, column) = where_is(&text, &format!("{file:?}, caption"));
        assert_eq!(found.len(), 1, "{file}: {found:?}");
        let (l, c, message) = &found[0];
        assert_eq!((*l, *c), (line, column), "{file}: {message}");
        // Advice or the decoder's own words may follow, on the same line.
        let expected = format!("event `first`: the image file {file:?} {why}");
        assert!(message.starts_with(&expected), "{file}: {message}");
        assert!(
            message.len() == expected.len()
                || message[expected.len()..].starts_with([' ', ';', ':']),
            "{file}: {message}"
        );
        assert!(!message.contains('\n'), "{file}: {message}");
    }
}

#[cfg(unix)]
#[test]
fn a_fifo_named_as_an_image_is_refused_without_waiting() {
    let folder = tempfile::tempdir().expect("folder");
    let fifo = folder.path().join("pipe.png");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo");
    assert!(made.success());
    let text = timeline(&[&media("pipe.png")], &[]);
    // If opening the FIFO blocked, this test would hang (and the run would fail on its
    // time-out); nobody ever writes to the pipe.
    let found = problems(folder.path(), &text);
    let (line, column) = where_is(&text, "\"pipe.png\"");
    assert_eq!(
        found,
        [(
            line,
            column,
            "era `fifties`: the image file \"pipe.png\" is not a regular file (a pipe, device or socket)"
                .to_owned()
        )]
    );
}

#[test]
fn caption_credit_and_licence_are_required_and_not_empty() {
    let folder = tempfile::tempdir().expect("folder");
    std::fs::write(
        folder.path().join("a.png"),
        encoded(8, 8, image::ImageFormat::Png),
    )
    .expect("write");
    for field in ["caption", "credit", "licence"] {
        let entry = media("a.png").replace(
            &format!("{field}: \""),
            &format!("{field}: \"  \", was: \""),
        );
        // `was` is not a field: put the old value back out of the entry.
        let entry = entry
            .replace(", was: \"A picture\"", "")
            .replace(", was: \"A. Person\"", "");
        let entry = entry.replace(", was: \"CC0\"", "");
        let text = timeline(&[], &[&entry]);
        let found = problems(folder.path(), &text);
        let (line, column) = where_is(&text, &format!("{field}: \"  \""));
        assert_eq!(
            found,
            [(
                line,
                column,
                format!(
                    "image 1 of event `first` has an empty {field}; every picture needs a caption, \
                     a credit and a licence"
                )
            )],
            "{field}"
        );
    }
    // A missing credit is a missing field, reported by the parser at the entry.
    let entry = "Media(file: \"a.png\", caption: \"A picture\", licence: \"CC0\")";
    let text = timeline(&[], &[entry]);
    let found = problems(folder.path(), &text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].2.contains("credit"), "{found:?}");
    let (line, _) = where_is(&text, entry);
    assert_eq!(found[0].0, line, "{found:?}");
}

#[test]
fn several_mistakes_are_reported_together_in_file_order() {
    let folder = tempfile::tempdir().expect("folder");
    let text = timeline(
        &[&media("gone.webp")],
        &[&media("../x.png"), &media("also-gone.jpg")],
    );
    let found = problems(folder.path(), &text);
    let lines: Vec<usize> = found.iter().map(|f| f.0).collect();
    assert_eq!(found.len(), 3, "{found:?}");
    assert!(lines.windows(2).all(|w| w[0] < w[1]), "{found:?}");
    assert!(found[0].2.starts_with("era `fifties`"), "{found:?}");
}

#[test]
fn without_a_folder_only_the_entry_itself_is_checked() {
    // Text loaded from memory (the web, tests) has no folder: names are still checked,
    // files are not looked for.
    let ok = timeline(&[], &[&media("img/not-here.png")]);
    assert!(load_str("t.ron", &ok).is_ok());
    let bad = timeline(&[], &[&media("/abs.png")]);
    let error = load_str("t.ron", &bad).expect_err("absolute");
    assert!(error.to_string().contains("absolute path"), "{error}");
}
