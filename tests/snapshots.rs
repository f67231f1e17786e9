//! Image snapshots of the viewer, rendered headless through wgpu (Mesa's software
//! rasterizer on CI) by `egui_kittest` and compared with the PNGs in
//! `tests/snapshots/`: the fitted view, a zoom into 1956, the detail panel, search
//! results, a presentation slide and the presenter's view of it.
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

/// The presenter's window at step 5 (its own viewport in the app, drawn here alone in a
/// harness of the size it opens at, with a fixed clock and timer so the picture does
/// not change with the time of day).
#[test]
fn presenter_view_at_step_5() {
    use wpk_timeline::document::{DataSource, Document};
    use wpk_timeline::ui::present::{Presentation, presentation_steps, step_view};
    use wpk_timeline::ui::presenter::{PRESENTER_SIZE, PresenterFrame, presenter_ui};
    use wpk_timeline::ui::theme::ThemeChoice;

    let document = Document::load(DataSource::Embedded).expect("the embedded dataset loads");
    let lecture = Presentation::new(presentation_steps(&document.timeline), 4, 0.0);
    let step = lecture.step().expect("step 5").clone();
    let view = step_view(&step, |_| document.default_view());
    let mut fonts_installed = false;
    let mut harness = Harness::builder()
        .with_size(PRESENTER_SIZE)
        .with_max_steps(8)
        .with_options(SnapshotOptions::new().max_failed_pixels(64))
        .build_ui(move |ui| {
            // The app's fonts (Hangul, arrows) take effect from the next frame on: the
            // first frame only installs them.
            if !fonts_installed {
                wpk_timeline::ui::fonts::install_hangul_font(ui.ctx());
                // As the app sets it for the light theme (the default).
                ui.ctx().set_theme(egui::Theme::Light);
                fonts_installed = true;
                return;
            }
            egui::CentralPanel::default().show(ui, |ui| {
                presenter_ui(
                    ui,
                    &PresenterFrame {
                        document: &document,
                        lecture: &lecture,
                        view,
                        theme: ThemeChoice::Light,
                        now: 125.0,
                        clock: "14:05",
                        picture: None,
                    },
                )
            });
        });
    harness.run();
    harness.get_by_label("Speaker note");
    harness.get_by_label_contains("02:05");
    harness.snapshot("presenter-step-5");
}
