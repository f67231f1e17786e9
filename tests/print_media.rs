//! Pictures in the printed handout (issue 14): a step's first picture is drawn under
//! its summary, fitted to the column and at most 300 × 200 points, with its caption
//! and credit; the PDF holds it as an image; a picture that cannot be read leaves a
//! line saying why, and the credit.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

use wpk_timeline::document::{DataSource, Document};
use wpk_timeline::export::print::{HandoutOptions, Paper, handout};
use wpk_timeline::render::pdf::{PdfFonts, PrintDocument, write_document};

const TIMELINE: &str = r##"(
    title: "Printed pictures",
    span: ("1950", "1960"),
    categories: [(id: "main", name: "Main", colour: "#0072b2")],
    events: [(
        id: "first",
        title: "First",
        date: "1956",
        category: "main",
        importance: 3,
        summary: "Something happened.",
        sources: [Reference(title: "A book")],
        media: [Media(file: "wide.png", caption: "A wide field", credit: "Test generator", licence: "CC0 1.0")],
    )],
)"##;

fn printed(folder: &Path) -> PrintDocument {
    let path = folder.join("t.ron");
    std::fs::write(&path, TIMELINE).expect("timeline");
    let document = Document::load(DataSource::File(path)).expect("loads");
    handout(
        &document,
        &HandoutOptions {
            paper: Paper::A4,
            landscape: false,
            notes: false,
        },
    )
}

/// How many image objects the written PDF holds (an image and its alpha mask, if any).
fn image_objects(printed: &PrintDocument) -> usize {
    let fonts = PdfFonts::new().expect("fonts");
    let bytes = write_document(printed, &fonts).expect("PDF");
    let pdf = String::from_utf8_lossy(&bytes).replace("/Subtype /Image", "/Subtype/Image");
    pdf.matches("/Subtype/Image").count()
}

fn texts(printed: &PrintDocument) -> String {
    printed
        .pages
        .iter()
        .flat_map(|page| page.texts.iter().map(|t| t.text.as_str()))
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn a_steps_first_picture_is_printed_with_its_caption_and_credit() {
    let folder = tempfile::tempdir().expect("folder");
    image::RgbImage::from_pixel(900, 300, image::Rgb([30, 120, 60]))
        .save(folder.path().join("wide.png"))
        .expect("png");
    let printed = printed(folder.path());
    let images: Vec<_> = printed.pages.iter().flat_map(|p| p.images.iter()).collect();
    assert_eq!(images.len(), 1);
    let image = images[0];
    // 900 × 300 fitted into 300 × 200 points: 300 × 100, the shape kept.
    assert!(
        (image.rect.width() - 300.0).abs() < 0.01,
        "{:?}",
        image.rect
    );
    assert!(
        (image.rect.height() - 100.0).abs() < 0.01,
        "{:?}",
        image.rect
    );
    assert_eq!((image.pixels.width, image.pixels.height), (900, 300));
    let page = printed
        .pages
        .iter()
        .find(|p| !p.images.is_empty())
        .expect("a page");
    assert!(image.rect.left() >= 0.0 && image.rect.right() <= page.size.0);
    assert!(image.rect.bottom() <= page.size.1);
    // Nothing is printed over it: every line of text lies above or below it.
    for text in &page.texts {
        let top = text.baseline - text.size;
        assert!(
            text.baseline <= image.rect.top() + 0.5 || top >= image.rect.bottom() - 0.5,
            "{:?} overlaps the picture at {:?}",
            text.text,
            image.rect
        );
    }
    let words = texts(&printed);
    assert!(words.contains("A wide field"), "{words}");
    assert!(words.contains("Test generator · CC0 1.0"), "{words}");
    assert!(image_objects(&printed) >= 1, "an image in the PDF");
}

#[test]
fn a_picture_that_cannot_be_read_is_said_in_its_place() {
    let folder = tempfile::tempdir().expect("folder");
    image::RgbImage::from_pixel(90, 30, image::Rgb([30, 120, 60]))
        .save(folder.path().join("wide.png"))
        .expect("png");
    let path = folder.path().join("t.ron");
    std::fs::write(&path, TIMELINE).expect("timeline");
    let document = Document::load(DataSource::File(path)).expect("loads");
    std::fs::remove_file(folder.path().join("wide.png")).expect("remove");
    let printed = handout(
        &document,
        &HandoutOptions {
            paper: Paper::A4,
            landscape: false,
            notes: false,
        },
    );
    assert!(printed.pages.iter().all(|p| p.images.is_empty()));
    assert_eq!(image_objects(&printed), 0, "no image in the PDF");
    let words = texts(&printed);
    assert!(
        words.contains("[The picture wide.png is missing (no such file).]"),
        "{words}"
    );
    assert!(words.contains("Test generator · CC0 1.0"), "{words}");
}
