//! Pictures in the window (issue 14): selecting an event with pictures shows their
//! thumbnails and captions in the detail panel once decoded (off the UI thread), a
//! click opens the large view with caption, credit and licence, → and ← step between
//! the pictures and Esc closes the view without closing the panel. A missing picture
//! says so in its place.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use wpk_timeline::app::{AppOptions, TimelineApp};

const TIMELINE: &str = r##"(
    title: "Pictures",
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
        media: [
            Media(file: "img/red.png", caption: "A red field", credit: "Test generator", licence: "CC0 1.0"),
            Media(file: "img/blue.jpg", caption: "A blue field", credit: "Test generator", licence: "CC0 1.0"),
        ],
    ), (
        id: "second",
        title: "Second",
        date: "1958",
        category: "main",
        importance: 3,
        summary: "Something else.",
        sources: [Reference(title: "A book")],
    )],
)"##;

/// Writes the timeline and its two pictures into `folder`; the timeline's path.
fn write_timeline(folder: &Path) -> std::path::PathBuf {
    std::fs::create_dir(folder.join("img")).expect("img");
    image::RgbImage::from_pixel(640, 400, image::Rgb([200, 20, 20]))
        .save(folder.join("img/red.png"))
        .expect("png");
    image::RgbImage::from_pixel(300, 500, image::Rgb([20, 20, 200]))
        .save(folder.join("img/blue.jpg"))
        .expect("jpeg");
    let path = folder.join("t.ron");
    std::fs::write(&path, TIMELINE).expect("timeline");
    path
}

fn harness(path: &Path, event: &str) -> Harness<'static, TimelineApp> {
    harness_of(loaded(path, event))
}

fn loaded(path: &Path, event: &str) -> TimelineApp {
    let app = TimelineApp::new(AppOptions {
        file: Some(path.to_path_buf()),
        event: Some(event.to_owned()),
        ..AppOptions::default()
    });
    assert!(app.load_error().is_none(), "{:?}", app.load_error());
    app
}

fn harness_of(app: TimelineApp) -> Harness<'static, TimelineApp> {
    Harness::builder()
        .with_size(egui::vec2(1280.0, 720.0))
        .with_max_steps(16)
        .build_ui_state(|ui, app: &mut TimelineApp| app.show(ui), app)
}

/// Steps frames until `label` is on screen (the decodes run on other threads).
fn wait_for(harness: &mut Harness<'_, TimelineApp>, label: &str) {
    for _ in 0..5_000 {
        harness.step();
        if harness.query_by_label(label).is_some() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    panic!("{label:?} never appeared");
}

#[test]
fn the_panel_shows_decoded_thumbnails_with_captions_and_opens_the_large_view() {
    let folder = tempfile::tempdir().expect("folder");
    let path = write_timeline(folder.path());
    let mut harness = harness(&path, "first");
    wait_for(&mut harness, "Image: A red field");
    wait_for(&mut harness, "Image: A blue field");
    harness.get_by_label("A red field");
    harness.get_by_label("A blue field");
    let (bytes, textures) = harness.state().image_cache_usage();
    // Thumbnails at most 256 px: 256 × 160 and 154 × 256 (the JPEG's 300 × 500 shrunk).
    assert_eq!(textures, 2);
    assert_eq!(bytes, (256 * 160 + 154 * 256) * 4);

    harness.get_by_label("Image: A red field").click();
    harness.step();
    assert_eq!(harness.state().image_viewer_caption(), Some("A red field"));
    wait_for(&mut harness, "Credit: Test generator · Licence: CC0 1.0");
    harness.key_press(Key::ArrowRight);
    harness.step();
    assert_eq!(harness.state().image_viewer_caption(), Some("A blue field"));
    harness.key_press(Key::ArrowLeft);
    harness.step();
    assert_eq!(harness.state().image_viewer_caption(), Some("A red field"));
    harness.key_press(Key::Escape);
    harness.step();
    assert_eq!(harness.state().image_viewer_caption(), None);
    assert!(
        harness.state().selected().is_some(),
        "Esc closed the view, not the panel"
    );
}

#[test]
fn a_picture_gone_since_loading_says_so_in_its_place() {
    let folder = tempfile::tempdir().expect("folder");
    let path = write_timeline(folder.path());
    // Checked when the file loaded, removed before the panel is first drawn.
    let app = loaded(&path, "first");
    std::fs::remove_file(folder.path().join("img/blue.jpg")).expect("remove");
    let mut harness = harness_of(app);
    wait_for(&mut harness, "Image not shown: A blue field");
    harness.get_by_label("img/blue.jpg is missing (no such file)");
    wait_for(&mut harness, "Image: A red field");
}

#[test]
fn an_event_without_pictures_has_no_strip() {
    let folder = tempfile::tempdir().expect("folder");
    let path = write_timeline(folder.path());
    let mut harness = harness(&path, "second");
    for _ in 0..4 {
        harness.step();
    }
    harness.get_by_label("Something else.");
    assert!(harness.query_by_label_contains("image").is_none());
    assert!(harness.query_by_label_contains("Image").is_none());
}

#[test]
fn a_picture_still_decoding_is_a_placeholder_with_its_caption() {
    use wpk_timeline::app::images::Picture;
    use wpk_timeline::model::media::MediaRecord;
    use wpk_timeline::ui::media_strip::picture_ui;
    let item = MediaRecord {
        file: "img/x.png".to_owned(),
        caption: "A field".to_owned(),
        credit: "Someone".to_owned(),
        licence: "CC0".to_owned(),
    };
    let mut harness = Harness::new_ui(move |ui| {
        let response = picture_ui(ui, &Picture::Loading, &item, egui::vec2(160.0, 120.0));
        assert_eq!(response.rect.size(), egui::vec2(160.0, 120.0));
    });
    harness.step();
    harness.get_by_label("Loading image: A field");
    assert!(harness.query_by_label("Image: A field").is_none());
}

#[test]
fn only_the_pictures_on_screen_are_decoded() {
    // One event with 100 pictures: the panel shows a few rows of them; the rest,
    // below the panel's fold, are not asked for (so more pictures than the cache keeps
    // never make it decode them over and over).
    let folder = tempfile::tempdir().expect("folder");
    let media: String = (0..100)
        .map(|i| {
            image::RgbImage::from_pixel(40, 30, image::Rgb([i as u8, 80, 160]))
                .save(folder.path().join(format!("{i}.png")))
                .expect("png");
            format!(
                "Media(file: \"{i}.png\", caption: \"Picture {i}\", credit: \"Test\", licence: \"CC0\"),"
            )
        })
        .collect();
    let text = TIMELINE.replacen("media: [", &format!("media: [{media}"), 1);
    let path = write_timeline(folder.path());
    std::fs::write(&path, text).expect("timeline");
    let mut harness = harness(&path, "first");
    wait_for(&mut harness, "Image: Picture 0");
    // Let every decode asked for finish.
    let mut textures = 0;
    for _ in 0..200 {
        harness.step();
        std::thread::sleep(std::time::Duration::from_millis(5));
        textures = harness.state().image_cache_usage().1;
    }
    assert!(textures > 0);
    assert!(
        textures < 40,
        "{textures} pictures decoded: more than the panel shows"
    );
    assert!(harness.query_by_label("Image: Picture 99").is_none());
}
