//! The open file rewritten hundreds of times while the app runs: complete versions,
//! versions written in two chunks with a pause between, versions cut off mid-string
//! or mid-character and left so, the file deleted and written again, and (in the
//! second test) editors' atomic saves by rename. On every frame the app must show a
//! complete version that was really written, never part of one; when the writing
//! stops it must show exactly the last version, with no error banner.

#![allow(clippy::unwrap_used)]

use std::collections::HashSet;
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use wpk_timeline::app::{AppOptions, TimelineApp};

const FIXTURE: &str = include_str!("fixtures/minimal.ron");

/// The banner shown over the last good version when a reload failed.
const BANNER: &str = "the last good version stays on screen";

/// The fixture with `title` as the timeline's title and its first event's, and a
/// subtitle of varying length so that consecutive versions differ in size.
fn version(title: &str, padding: usize) -> String {
    assert_eq!(FIXTURE.matches("title: \"Minimal\"").count(), 1);
    assert_eq!(FIXTURE.matches("title: \"First event\"").count(), 1);
    assert_eq!(FIXTURE.matches("subtitle: \"A test fixture\"").count(), 1);
    FIXTURE
        .replace("title: \"Minimal\"", &format!("title: \"{title}\""))
        .replace("title: \"First event\"", &format!("title: \"{title}\""))
        .replace(
            "subtitle: \"A test fixture\"",
            &format!("subtitle: \"A test fixture{}\"", "~".repeat(padding)),
        )
}

/// The titles of every complete version written so far (recorded before writing begins).
type Written = Arc<Mutex<HashSet<String>>>;

fn harness(path: &Path) -> Harness<'static, TimelineApp> {
    let app = TimelineApp::new(AppOptions {
        file: Some(path.to_path_buf()),
        ..AppOptions::default()
    });
    Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .with_max_steps(16)
        .build_ui_state(|ui, app: &mut TimelineApp| app.show(ui), app)
}

/// What is shown is a whole, valid version that was written: never part of one.
fn check_shown(app: &TimelineApp, written: &Written) -> Result<String, String> {
    let document = app
        .document()
        .ok_or("the document is gone (the first version was valid)")?;
    let timeline = &document.timeline;
    let title = timeline.title.clone();
    if !written.lock().unwrap().contains(&title) {
        return Err(format!(
            "shows the timeline {title:?}, which was never completely written"
        ));
    }
    let ids: Vec<&str> = timeline
        .events
        .iter()
        .map(|e| e.record.id.as_str())
        .collect();
    if ids.len() != 2 || !ids.contains(&"first") || !ids.contains(&"second") {
        return Err(format!("{title:?} has the events {ids:?}"));
    }
    let first = &timeline.events[timeline.find("first").ok_or("no event `first`")?];
    if first.record.title != title {
        return Err(format!(
            "the timeline {title:?} has a first event of another version: {:?}",
            first.record.title
        ));
    }
    if timeline.categories.len() != 1 || timeline.tour.len() != 2 || timeline.eras.len() != 1 {
        return Err(format!("{title:?} is not the whole fixture"));
    }
    let view = app.view();
    let limits = document.limits;
    if !view.is_valid() || view.min < limits.earliest - 1e-6 || view.max() > limits.latest + 1e-6 {
        return Err(format!("the view {view:?} is outside {limits:?}"));
    }
    Ok(title)
}

/// What the harness saw while the writer ran.
#[derive(Debug, Default)]
struct Seen {
    frames: usize,
    frames_with_error: usize,
    titles: HashSet<String>,
}

/// Steps the app while `writer` runs (at most `limit`), checking every frame.
fn watch_writer(
    harness: &mut Harness<'_, TimelineApp>,
    writer: &JoinHandle<()>,
    written: &Written,
    error_allowed: bool,
    limit: Duration,
) -> Seen {
    let deadline = Instant::now() + limit;
    let mut seen = Seen::default();
    while !writer.is_finished() {
        assert!(
            Instant::now() < deadline,
            "the writer did not finish within {limit:?}"
        );
        harness.step();
        seen.frames += 1;
        let app = harness.state();
        match check_shown(app, written) {
            Ok(title) => {
                seen.titles.insert(title);
            }
            Err(problem) => panic!("frame {}: {problem}", seen.frames),
        }
        if let Some(error) = app.load_error() {
            seen.frames_with_error += 1;
            assert!(
                error_allowed,
                "frame {}: an atomic save showed an error: {:?}",
                seen.frames,
                error.diagnostics()
            );
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    seen
}

/// Steps until the app shows `title` without an error banner (at most ten seconds).
fn wait_for_final(
    harness: &mut Harness<'_, TimelineApp>,
    written: &Written,
    title: &str,
    path: &Path,
) {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        harness.step();
        let app = harness.state();
        let shown = check_shown(app, written).unwrap_or_else(|problem| panic!("{problem}"));
        if shown == title && app.load_error().is_none() {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "ten seconds after the last write the app shows {shown:?} (error: {:?}), not {title:?}",
            app.load_error().map(|e| e.diagnostics().to_vec())
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    // And it stays so, with the banner gone.
    for _ in 0..5 {
        harness.step();
        std::thread::sleep(Duration::from_millis(10));
    }
    let app = harness.state();
    assert_eq!(check_shown(app, written).as_deref(), Ok(title));
    assert!(app.load_error().is_none());
    assert!(harness.query_by_label_contains(BANNER).is_none());
    // Exactly what is on disk now.
    let shown = &app.document().unwrap().timeline;
    let on_disk = wpk_timeline::model::load::load_path(path).expect("the last version is valid");
    let summary = |t: &wpk_timeline::model::timeline::Timeline| {
        let events: Vec<(String, String, String)> = t
            .events
            .iter()
            .map(|e| {
                (
                    e.record.id.to_string(),
                    e.record.title.to_string(),
                    e.record.summary.to_string(),
                )
            })
            .collect();
        (t.title.clone(), t.subtitle.clone(), events)
    };
    assert_eq!(summary(shown), summary(&on_disk));
}

/// Where a cut leaves the file invalid: anywhere strictly inside, sometimes inside a
/// Hangul character (so the file is not even UTF-8), sometimes just inside a string.
fn cut_point(rng: &mut fastrand::Rng, text: &str) -> usize {
    match rng.u8(0..3) {
        0 => {
            let hangul = text.find('첫').unwrap();
            hangul + rng.usize(1..3)
        }
        1 => {
            let quotes: Vec<usize> = text.match_indices('"').map(|(i, _)| i + 1).collect();
            quotes[rng.usize(0..quotes.len())]
        }
        _ => rng.usize(1..text.len() - 1),
    }
}

/// How a version reaches the disk in the first test.
fn write_in_place(rng: &mut fastrand::Rng, path: &Path, written: &Written, round: usize) {
    let padding = rng.usize(0..200);
    match rng.u8(0..10) {
        // Written in one go (not atomically: truncated, then written).
        0..=3 => {
            let title = format!("Version {round}");
            written.lock().unwrap().insert(title.clone());
            std::fs::write(path, version(&title, padding)).unwrap();
        }
        // Written in two chunks with a pause: the first chunk alone is invalid.
        4..=6 => {
            let title = format!("Version {round}");
            let text = version(&title, padding);
            let cut = cut_point(rng, &text);
            written.lock().unwrap().insert(title);
            let mut file = File::create(path).unwrap();
            file.write_all(&text.as_bytes()[..cut]).unwrap();
            file.flush().unwrap();
            std::thread::sleep(Duration::from_millis(rng.u64(1..6)));
            file.write_all(&text.as_bytes()[cut..]).unwrap();
        }
        // Cut off and left so until the next round.
        7 | 8 => {
            let text = version(&format!("Half {round}"), padding);
            let cut = cut_point(rng, &text);
            std::fs::write(path, &text.as_bytes()[..cut]).unwrap();
        }
        // Deleted, then written again a moment later.
        _ => {
            let title = format!("Version {round}");
            written.lock().unwrap().insert(title.clone());
            std::fs::remove_file(path).unwrap();
            std::thread::sleep(Duration::from_millis(rng.u64(1..4)));
            std::fs::write(path, version(&title, padding)).unwrap();
        }
    }
}

/// An editor's save: a whole new file beside it, renamed over it.
fn write_atomically(rng: &mut fastrand::Rng, path: &Path, written: &Written, round: usize) {
    let title = format!("Version {round}");
    let text = version(&title, rng.usize(0..200));
    let temporary: PathBuf = path.with_extension(format!("ron.tmp{round}"));
    written.lock().unwrap().insert(title);
    std::fs::write(&temporary, text).unwrap();
    std::fs::rename(&temporary, path).unwrap();
}

type WriteRound = fn(&mut fastrand::Rng, &Path, &Written, usize);

/// Opens the first version, runs `rounds` writes of `write` a few ms apart on another
/// thread, then "Version FINAL" renamed over the file (a write in place can be caught
/// empty, between its truncation and its text: an error the atomic test must never
/// see); returns what was seen.
fn stress(seed: u64, rounds: usize, write: WriteRound, error_allowed: bool) -> Seen {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("lecture.ron");
    let written: Written = Arc::default();
    written.lock().unwrap().insert("Version 0".to_owned());
    std::fs::write(&path, version("Version 0", 0)).unwrap();
    let mut harness = harness(&path);
    assert_eq!(
        check_shown(harness.state(), &written).as_deref(),
        Ok("Version 0")
    );

    let writer = {
        let (path, written) = (path.clone(), written.clone());
        std::thread::spawn(move || {
            let mut rng = fastrand::Rng::with_seed(seed);
            for round in 1..=rounds {
                write(&mut rng, &path, &written, round);
                std::thread::sleep(Duration::from_millis(rng.u64(1..6)));
            }
            written.lock().unwrap().insert("Version FINAL".to_owned());
            let temporary = path.with_extension("ron.final");
            std::fs::write(&temporary, version("Version FINAL", 0)).unwrap();
            std::fs::rename(&temporary, &path).unwrap();
        })
    };
    let seen = watch_writer(
        &mut harness,
        &writer,
        &written,
        error_allowed,
        Duration::from_secs(60),
    );
    writer.join().unwrap();
    wait_for_final(&mut harness, &written, "Version FINAL", &path);
    eprintln!(
        "{} frames while writing, {} with an error banner, {} different versions shown",
        seen.frames,
        seen.frames_with_error,
        seen.titles.len()
    );
    seen
}

#[test]
fn rapid_non_atomic_rewrites_never_show_half_a_file_and_end_on_the_last_version() {
    let seen = stress(0x5eed_0001, 300, write_in_place, true);
    assert!(seen.frames > 0);
}

#[test]
fn rapid_atomic_replacements_never_show_an_error_and_end_on_the_last_version() {
    let seen = stress(0x5eed_0002, 200, write_atomically, false);
    assert_eq!(seen.frames_with_error, 0);
}

/// The app started while the editor was still writing: the first read is half a
/// file. When the write completes, the watched file is read again.
#[test]
fn a_file_half_written_when_the_app_starts_is_read_once_it_is_complete() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("lecture.ron");
    let text = version("Version FINAL", 0);
    let cut = text.find("events:").unwrap();
    let mut file = File::create(&path).unwrap();
    file.write_all(&text.as_bytes()[..cut]).unwrap();
    file.flush().unwrap();
    let mut harness = harness(&path);
    assert!(harness.state().document().is_none());
    assert!(harness.state().load_error().is_some());
    file.write_all(&text.as_bytes()[cut..]).unwrap();
    drop(file);
    let written: Written = Arc::new(Mutex::new(HashSet::from(["Version FINAL".to_owned()])));
    let deadline = Instant::now() + Duration::from_secs(10);
    while harness.state().document().is_none() {
        assert!(
            Instant::now() < deadline,
            "ten seconds after the file was completed the app still shows: {:?}",
            harness
                .state()
                .load_error()
                .map(|e| e.diagnostics().to_vec())
        );
        harness.step();
        std::thread::sleep(Duration::from_millis(20));
    }
    wait_for_final(&mut harness, &written, "Version FINAL", &path);
}
