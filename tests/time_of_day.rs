//! Dates with a time of day (issue 15): a file whose span is one day, with moments in
//! UTC and at an offset, loads, sorts its moments by time, shows hour ticks on the
//! axis, passes `check` and is printed by `search`; a bad time is reported at its
//! position like any bad date.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

use egui::vec2;
use egui_kittest::Harness;
use wpk_timeline::app::{AppOptions, TimelineApp};
use wpk_timeline::model::load::{LoadError, load_path, load_str};
use wpk_timeline::ui::timeline_ui::TimelineWidget;
use wpk_timeline::view::scene::{Shape, TextRole};

fn moon_landing() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/moon_landing.ron")
}

fn run(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_wpk-timeline"))
        .args(args)
        .output()
        .expect("the binary runs")
}

#[test]
fn moments_load_in_time_order_and_read_in_utc_or_at_their_offset() {
    let timeline = load_path(&moon_landing()).expect("the fixture loads");
    let mut by_start: Vec<(f64, &str, String)> = timeline
        .events
        .iter()
        .map(|e| (e.when.interval().0, e.record.id.as_str(), e.date_label()))
        .collect();
    by_start.sort_by(|a, b| a.0.total_cmp(&b.0));
    let shown: Vec<(&str, &str)> = by_start
        .iter()
        .map(|(_, id, label)| (*id, label.as_str()))
        .collect();
    assert_eq!(
        shown,
        [
            ("undocking", "20 July 1969, 17:44 UTC"),
            ("descent", "20 July 1969, 20:05–20:17 UTC"),
            ("landing", "20 July 1969, 20:17:40 UTC"),
            // 05:20 in Tokyo is 20:20 UTC the day before: inside the one-day span.
            ("tokyo", "21 July 1969, 05:20 UTC+09:00"),
        ]
    );
}

#[test]
fn check_accepts_a_file_of_moments_and_search_prints_them() {
    let path = moon_landing();
    let path = path.to_str().expect("a UTF-8 path");
    let output = run(&["check", path]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let output = run(&["search", "landed", path]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "landing\t20 July 1969, 20:17:40 UTC\tThe Eagle has landed\n"
    );
    let output = run(&["search", "tokyo", path]);
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "tokyo\t21 July 1969, 05:20 UTC+09:00\tTokyo hears the news\n"
    );
}

#[test]
fn a_one_day_file_opens_with_hour_ticks() {
    let app = TimelineApp::new(AppOptions {
        file: Some(moon_landing()),
        ..AppOptions::default()
    });
    let mut harness = Harness::builder()
        .with_size(vec2(1600.0, 900.0))
        .with_max_steps(30)
        .build_ui_state(|ui, app: &mut TimelineApp| app.show(ui), app);
    harness.run();
    assert!(harness.state().load_error().is_none());
    let scene = TimelineWidget::last_scene(&harness.ctx).expect("a scene was drawn");
    let ticks: Vec<&str> = scene
        .shapes
        .iter()
        .filter_map(|shape| match shape {
            Shape::Text(run) if run.role == TextRole::Tick => Some(run.text.as_str()),
            _ => None,
        })
        .collect();
    // Hours of the day, written as a clock: at least four of them on one day.
    let hours = ticks
        .iter()
        .filter(|t| {
            let bytes = t.as_bytes();
            bytes.len() == 5 && bytes[2] == b':' && t.ends_with(":00")
        })
        .count();
    assert!(hours >= 4, "no hour ticks on a one-day axis: {ticks:?}");
}

#[test]
fn a_bad_time_is_reported_at_its_position() {
    let text = std::fs::read_to_string(moon_landing()).expect("fixture");
    let bad = text.replace("1969-07-20T20:17:40Z", "1969-07-20T24:17:40Z");
    let Err(LoadError::Invalid(diagnostics)) = load_str("moon.ron", &bad) else {
        panic!("an hour 24 must be refused");
    };
    let line = bad
        .lines()
        .position(|l| l.contains("T24:17"))
        .expect("the line")
        + 1;
    let column = bad
        .lines()
        .nth(line - 1)
        .and_then(|l| l.find("\"1969-07-20T24"))
        .expect("the column")
        + 1;
    let shown: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
    assert!(
        shown
            .iter()
            .any(|d| d.contains(&format!("moon.ron:{line}:"))
                && d.contains("there is no hour 24 (0 to 23)")),
        "line {line}, column {column}: {shown:#?}"
    );
    assert!(
        diagnostics.iter().any(|d| d
            .position
            .is_some_and(|p| p.line == line && p.column == column)),
        "line {line}, column {column}: {shown:#?}"
    );

    let circa = text.replace("\"1969-07-20T17:44Z\"", "\"c. 1969-07-20T17:44Z\"");
    let Err(LoadError::Invalid(diagnostics)) = load_str("moon.ron", &circa) else {
        panic!("a circa time must be refused");
    };
    assert!(
        diagnostics
            .iter()
            .any(|d| d.message.contains("a time of day is exact")),
        "{diagnostics:?}"
    );
}
