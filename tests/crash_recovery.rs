//! A file whose span once made the view arithmetic panic (`span: ("1900", "1990")`),
//! with its fitted view saved in the settings, starts, fits, zooms out and reloads;
//! a panic in a frame run through `show_guarded` is caught and the last good view kept.

#![allow(clippy::unwrap_used)]

use std::path::Path;

use egui::{Key, Modifiers, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use wpk_timeline::app::{AppOptions, TimelineApp};
use wpk_timeline::settings::{self, Settings};
use wpk_timeline::view::transform::TimeView;

const MINIMAL: &str = include_str!("fixtures/minimal.ron");

/// The minimal fixture with another span (one in ten year spans panicked in `clamp`).
fn with_span(from: &str, to: &str) -> String {
    MINIMAL.replace(
        "span: (\"1950\", \"1960\")",
        &format!("span: (\"{from}\", \"{to}\")"),
    )
}

fn harness(options: AppOptions, guarded: bool) -> Harness<'static, TimelineApp> {
    let app = TimelineApp::new(options);
    Harness::builder()
        .with_size(vec2(1400.0, 800.0))
        .with_max_steps(60)
        .build_ui_state(
            move |ui, app: &mut TimelineApp| {
                if guarded {
                    app.show_guarded(ui);
                } else {
                    app.show(ui);
                }
            },
            app,
        )
}

fn options(file: &Path, settings: &Path) -> AppOptions {
    AppOptions {
        file: Some(file.to_path_buf()),
        settings_path: Some(settings.to_path_buf()),
        ..AppOptions::default()
    }
}

fn assert_inside(app: &TimelineApp, what: &str) {
    let document = app.document().expect("a document");
    let view = app.view();
    let limits = document.limits;
    assert!(view.is_valid(), "{what}: {view:?}");
    assert!(
        view.min >= limits.earliest - 1e-6,
        "{what}: {view:?} {limits:?}"
    );
    assert!(
        view.max() <= limits.latest + 1e-6,
        "{what}: {view:?} {limits:?}"
    );
}

#[test]
fn a_saved_fitted_view_of_a_troublesome_span_never_stops_the_start() {
    for (from, to) in [("1900", "1990"), ("1901", "1991"), ("1902", "1993")] {
        let folder = tempfile::tempdir().unwrap();
        let file = folder.path().join("data.ron");
        std::fs::write(&file, with_span(from, to)).unwrap();
        let settings_path = folder.path().join("settings.ron");
        // Start once, fit, zoom out, and let the app save its view.
        let mut first = harness(options(&file, &settings_path), false);
        first.run();
        for key in [Key::Home, Key::Minus, Key::Minus, Key::Num0] {
            first.key_press_modifiers(Modifiers::NONE, key);
            first.run();
            assert_inside(first.state(), &format!("{from}..{to} after {key:?}"));
        }
        first.state_mut().save_settings_now();
        drop(first);
        // The same view, and a view far outside the file, as settings of a later start.
        let saved = settings::load(&settings_path).settings;
        for view in [
            saved.view,
            Some(TimeView {
                min: 1e12,
                span: 1e-3,
            }),
        ] {
            let stale = Settings {
                view,
                last_file: Some(file.clone()),
                ..saved.clone()
            };
            settings::save(&settings_path, &stale).unwrap();
            let mut again = harness(options(&file, &settings_path), false);
            again.run();
            assert_inside(
                again.state(),
                &format!("{from}..{to} restarted with {view:?}"),
            );
            // Editing the open file reloads it without a panic.
            std::fs::write(&file, with_span(from, to).replace("Minimal", "Edited")).unwrap();
            again.key_press_modifiers(Modifiers::COMMAND, Key::R);
            again.run();
            assert_inside(again.state(), &format!("{from}..{to} reloaded"));
        }
    }
}

#[test]
fn a_panic_in_a_frame_keeps_the_app_and_its_last_good_view() {
    let mut harness = harness(AppOptions::default(), true);
    harness.run();
    harness.key_press_modifiers(Modifiers::NONE, Key::Plus);
    harness.run();
    let good = harness.state().view();
    harness.state_mut().panic_on_next_frame();
    harness.step();
    assert_eq!(harness.state().panics_caught(), 1);
    harness.run();
    assert_eq!(harness.state().view(), good);
    assert!(
        harness
            .query_by_label_contains("Internal error, the last view was restored")
            .is_some(),
        "the error is shown"
    );
    // And the app goes on.
    harness.key_press_modifiers(Modifiers::NONE, Key::Plus);
    harness.run();
    assert_eq!(harness.state().panics_caught(), 1);
    assert!(harness.state().view().span < good.span);
}
