//! Image snapshots of the viewer, rendered headless through wgpu (Mesa's software
//! rasterizer on CI) by `egui_kittest` and compared with the PNGs in
//! `tests/snapshots/`: the fitted view, a zoom into 1956, the detail panel, search
//! results and a presentation slide.
//!
//! They need a wgpu adapter at run time, so they are behind the `snapshots`
//! feature (`required-features` in Cargo.toml) and plain `cargo test` does not
//! build them; `.ci/run` does:
//!
//! ```sh
//! cargo test --features snapshots --test snapshots                     # compare
//! UPDATE_SNAPSHOTS=1 cargo test --features snapshots --test snapshots  # rewrite the PNGs
//! ```
//!
//! A failing comparison leaves `NAME.new.png` and `NAME.diff.png` beside the
//! reference (both ignored by git); look at them before updating.

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use egui_kittest::{Harness, SnapshotOptions};
use wpk_timeline::app::{AppOptions, TimelineApp};

/// The desktop window size the README's pictures use.
const WINDOW: egui::Vec2 = egui::vec2(1600.0, 900.0);
/// A projector.
const PROJECTOR: egui::Vec2 = egui::vec2(1920.0, 1080.0);

/// The app at `size`, settled: every animation done, no repaint pending.
fn harness(options: AppOptions, size: egui::Vec2) -> Harness<'static, TimelineApp> {
    let app = TimelineApp::new(options);
    let mut harness = Harness::builder()
        .with_size(size)
        // Enough frames (of 1/4 s each) for a 0.8 s fly to finish.
        .with_max_steps(16)
        // Mesa's rasterizer is deterministic for one build, but allow a few
        // anti-aliased edge pixels so a Mesa point release does not fail CI; a
        // moved label or a lost glyph changes thousands.
        .with_options(SnapshotOptions::new().max_failed_pixels(64))
        .build_ui_state(|ui, app: &mut TimelineApp| app.show(ui), app);
    harness.run();
    harness
}

fn view_of(from: &str, to: &str) -> AppOptions {
    AppOptions {
        view: Some((from.to_owned(), to.to_owned())),
        ..AppOptions::default()
    }
}

#[test]
fn fitted_view() {
    let mut harness = harness(AppOptions::default(), WINDOW);
    let app = harness.state();
    let document = app.document().expect("the embedded dataset loads");
    assert_eq!(app.view(), document.limits.fitted());
    harness.snapshot("fitted");
}

#[test]
fn zoomed_into_1956() {
    let mut harness = harness(view_of("1956-06", "1956-10"), WINDOW);
    harness.get_by_label_contains("August Plenum");
    harness.snapshot("zoom-1956");
}

#[test]
fn detail_panel_of_the_august_plenum() {
    let mut harness = harness(
        AppOptions {
            event: Some("august-plenum".into()),
            ..AppOptions::default()
        },
        WINDOW,
    );
    assert!(harness.state().is_panel_open());
    // The Korean title must be drawn in Hangul (kittest panics on a missing glyph).
    harness.get_by_label("8월 종파 사건");
    harness.snapshot("detail-august-plenum");
}

#[test]
fn search_results_for_choe() {
    let mut harness = harness(AppOptions::default(), WINDOW);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.run();
    harness
        .get_by_role(egui::accesskit::Role::TextInput)
        .type_text("choe");
    harness.run();
    // `choe` finds Ch'oe Chang-ik's events, ignoring case and punctuation.
    let app = harness.state();
    let timeline = &app.document().expect("loaded").timeline;
    let found: Vec<&str> = app
        .search_results()
        .iter()
        .map(|&event| timeline.events[event].record.id.as_str())
        .collect();
    assert!(found.contains(&"august-plenum"), "{found:?}");
    harness.snapshot("search-choe");
}

#[test]
fn presentation_step_5() {
    let mut harness = harness(
        AppOptions {
            present: true,
            step: Some(5),
            ..AppOptions::default()
        },
        PROJECTOR,
    );
    let presentation = harness.state().presentation().expect("presenting");
    assert_eq!(presentation.current, 4, "step 5 is the fifth, 0-based 4");
    harness.snapshot("present-step-5");
}
