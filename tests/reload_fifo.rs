//! The open file replaced by a FIFO while the app watches it (`rm f; mkfifo f`, issue
//! 11): the reload refuses it at once with a message (the last good version stays on
//! screen), nothing blocks, and when a real file comes back it is shown.

#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::time::{Duration, Instant};

use egui_kittest::Harness;
use wpk_timeline::app::{AppOptions, TimelineApp};

const FIXTURE: &str = include_str!("fixtures/minimal.ron");

fn version(title: &str) -> String {
    FIXTURE.replace("title: \"Minimal\"", &format!("title: \"{title}\""))
}

/// Steps the app (with real pauses, for the watcher) until `done` holds, for at most
/// twenty seconds: a guard against a hang, not a speed assertion.
#[track_caller]
fn step_until(
    harness: &mut Harness<'_, TimelineApp>,
    what: &str,
    done: impl Fn(&TimelineApp) -> bool,
) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !done(harness.state()) {
        assert!(Instant::now() < deadline, "never happened: {what}");
        harness.step();
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn title(app: &TimelineApp) -> Option<String> {
    app.document().map(|d| d.timeline.title.clone())
}

fn replace_with_fifo(path: &Path) {
    std::fs::remove_file(path).expect("removed");
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo");
    assert!(status.success());
}

#[test]
fn a_fifo_in_place_of_the_open_file_is_refused_and_a_file_after_it_is_read() {
    let folder = tempfile::tempdir().expect("folder");
    let path = folder.path().join("live.ron");
    std::fs::write(&path, version("First version")).expect("written");
    let app = TimelineApp::new(AppOptions {
        file: Some(path.clone()),
        ..AppOptions::default()
    });
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .with_max_steps(16)
        .build_ui_state(|ui, app: &mut TimelineApp| app.show(ui), app);
    step_until(&mut harness, "the first version is shown", |app| {
        title(app).as_deref() == Some("First version")
    });

    for round in 1..=3 {
        replace_with_fifo(&path);
        step_until(&mut harness, "the FIFO is refused", |app| {
            app.load_error().is_some_and(|error| {
                error
                    .diagnostics()
                    .iter()
                    .any(|d| d.message.contains("not a regular file"))
            })
        });
        // The last good version stays.
        assert!(title(harness.state()).is_some());

        std::fs::remove_file(&path).expect("the FIFO removed");
        let next = format!("Version {round}");
        std::fs::write(&path, version(&next)).expect("written");
        step_until(&mut harness, "the file after the FIFO is shown", |app| {
            title(app).as_deref() == Some(next.as_str()) && app.load_error().is_none()
        });
    }
}
