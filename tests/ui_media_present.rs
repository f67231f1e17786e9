//! The presentation card with a picture (issue 14), on the projector sizes of a
//! lecture hall: the step's first picture is on the card once decoded, and the
//! card's text still fits beside it (the summary is shown whole, not cut with "…").

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use wpk_timeline::app::{AppOptions, TimelineApp};

const EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/media/pictures.ron");

#[test]
fn the_first_picture_sits_beside_a_card_whose_text_still_fits() {
    for (width, height) in [(1024.0, 768.0), (1280.0, 720.0), (1920.0, 1080.0)] {
        let app = TimelineApp::new(AppOptions {
            file: Some(EXAMPLE.into()),
            present: true,
            ..AppOptions::default()
        });
        let mut harness = Harness::builder()
            .with_size(egui::vec2(width, height))
            .with_max_steps(16)
            .build_ui_state(|ui, app: &mut TimelineApp| app.show(ui), app);
        let picture = "Image: A striped gradient from blue to orange (generated)";
        let mut found = false;
        for _ in 0..5_000 {
            harness.step();
            if harness.query_by_label(picture).is_some() {
                found = true;
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        assert!(found, "{width}×{height}: no picture on the card");
        let summary = harness
            .query_all_by_label_contains("PNG, JPEG and WebP pictures are shown")
            .find_map(|node| {
                let node = node.accesskit_node();
                node.label().or_else(|| node.value())
            })
            .unwrap_or_else(|| panic!("{width}×{height}: no summary on the card"));
        assert!(
            summary.ends_with("and Esc closes it."),
            "{width}×{height}: the summary is cut: {summary:?}"
        );
        // The picture lies right of the text.
        let text = harness
            .get_by_label_contains("PNG, JPEG and WebP pictures are shown")
            .rect();
        let image = harness.get_by_label(picture).rect();
        assert!(
            image.left() >= text.right(),
            "{width}×{height}: the picture {image:?} overlaps the text {text:?}"
        );
    }
}
