//! `--size` (issue 11): a malformed or impossible size is a usage error that says what
//! is expected, before any window opens; a size larger than the screen is said, with
//! the size the window got (the screen's size is simulated in a kittest harness).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::Command;

use egui::{ViewportId, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use wpk_timeline::app::{AppOptions, TimelineApp};

#[test]
fn a_malformed_size_is_refused_before_any_window() {
    let cases = [
        ("1600", "expected WIDTHxHEIGHT, e.g. 1600x900"),
        ("1600x", "expected WIDTHxHEIGHT, e.g. 1600x900"),
        ("x900", "expected WIDTHxHEIGHT, e.g. 1600x900"),
        ("widexhigh", "expected WIDTHxHEIGHT, e.g. 1600x900"),
        ("1600x900x2", "expected WIDTHxHEIGHT, e.g. 1600x900"),
        ("-1600x900", "expected WIDTHxHEIGHT, e.g. 1600x900"),
        ("99999999999x900", "expected WIDTHxHEIGHT, e.g. 1600x900"),
        ("10x10", "10x10 is outside 200x150 to 16384x16384"),
        ("0x0", "0x0 is outside 200x150 to 16384x16384"),
        ("20000x900", "20000x900 is outside 200x150 to 16384x16384"),
        ("", "expected WIDTHxHEIGHT"),
    ];
    for (size, message) in cases {
        let output = Command::new(env!("CARGO_BIN_EXE_wpk-timeline"))
            .arg(format!("--size={size}"))
            // No display: had it got as far as a window, it would exit 3, not 2.
            .env_remove("DISPLAY")
            .env_remove("WAYLAND_DISPLAY")
            .env(
                "XDG_CONFIG_HOME",
                std::env::temp_dir().join("wpk-size-cli-none"),
            )
            .output()
            .expect("the binary runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "--size {size:?}: {stderr}");
        assert!(stderr.contains("--size"), "--size {size:?}: {stderr}");
        assert!(stderr.contains(message), "--size {size:?}: {stderr}");
    }
}

/// A harness whose screen is 1920x1080 and whose window came out 1920x1080.
fn on_a_1920_screen(requested: (f32, f32)) -> Harness<'static, TimelineApp> {
    let mut app = TimelineApp::new(AppOptions::default());
    app.set_requested_size(requested);
    let mut harness = Harness::builder()
        .with_size(vec2(1920.0, 1080.0))
        .with_max_steps(12)
        .build_ui_state(|ui, app: &mut TimelineApp| app.show(ui), app);
    let viewport = harness
        .input_mut()
        .viewports
        .entry(ViewportId::ROOT)
        .or_default();
    viewport.monitor_size = Some(vec2(1920.0, 1080.0));
    viewport.inner_rect = Some(egui::Rect::from_min_size(
        egui::pos2(0.0, 0.0),
        vec2(1920.0, 1080.0),
    ));
    harness.run();
    harness
}

#[test]
fn a_size_larger_than_the_screen_says_what_the_window_got() {
    let harness = on_a_1920_screen((5000.0, 4000.0));
    harness.get_by_label_contains(
        "--size 5000x4000 is larger than the screen (1920x1080); the window is 1920x1080",
    );
}

#[test]
fn a_size_that_fits_says_nothing() {
    let harness = on_a_1920_screen((1600.0, 900.0));
    assert!(
        harness
            .query_by_label_contains("is larger than the screen")
            .is_none()
    );
}
