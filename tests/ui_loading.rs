//! Loading off the UI thread, driven through `egui_kittest`: a large generated file
//! (20,000 events: many frames' worth of work in a debug build, where the parser is
//! unoptimised; the release measurement at a million events is in the README) loads on a worker while the window keeps drawing frames, shows
//! "Loading …" with a progress bar and Cancel, and leaves the previous timeline usable
//! until the new one is ready; a cancelled or superseded load never lands; a missing
//! file is called missing; and with no file dialog, saving falls back to a path field
//! whose reason goes away by itself.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use egui::{Key, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use wpk_timeline::app::{AppOptions, NOTICE_SECONDS, TimelineApp};
use wpk_timeline::document::DataSource;

const FIXTURE: &str = include_str!("fixtures/minimal.ron");

/// Events in the large file: enough that loading it takes many frames.
const LARGE: usize = 20_000;

/// The large generated file, written once for all tests of this binary.
fn large_file() -> &'static Path {
    static FILE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, path) = FILE.get_or_init(|| {
        let folder = tempfile::tempdir().expect("folder");
        let path = folder.path().join("large.ron");
        let file = wpk_timeline::generate::generate_timeline(LARGE, 7);
        let text = wpk_timeline::generate::to_compact_ron(&file).expect("serialise");
        std::fs::write(&path, text).expect("write");
        (folder, path)
    });
    path
}

fn harness(app: TimelineApp) -> Harness<'static, TimelineApp> {
    Harness::builder()
        .with_size(vec2(1280.0, 800.0))
        .with_max_steps(16)
        .build_ui_state(|ui, app: &mut TimelineApp| app.show(ui), app)
}

/// Steps (with short real pauses, for the worker) until `done`; returns the frames drawn.
fn step_until(
    harness: &mut Harness<'_, TimelineApp>,
    what: &str,
    done: impl Fn(&TimelineApp) -> bool,
) -> usize {
    let deadline = Instant::now() + Duration::from_secs(600);
    let mut frames = 0;
    while !done(harness.state()) {
        assert!(Instant::now() < deadline, "{what}: not within ten minutes");
        harness.step();
        frames += 1;
        std::thread::sleep(Duration::from_millis(2));
    }
    frames
}

fn event_count(app: &TimelineApp) -> usize {
    app.document().map_or(0, |d| d.timeline.events.len())
}

#[test]
fn the_first_frame_says_loading_and_frames_keep_coming_until_the_file_is_ready() {
    let path = large_file();
    let mut harness = harness(TimelineApp::start(AppOptions {
        file: Some(path.to_path_buf()),
        ..AppOptions::default()
    }));
    // The window is up before the file is read: it says what it is loading.
    assert!(harness.state().is_loading());
    assert!(harness.state().document().is_none());
    harness.get_by_label_contains(&format!("Loading {}", path.display()));
    harness.get_by_label("Cancel");
    // Every step while it loads draws a frame (the harness gets each one back) that
    // shows the stage the worker has reached.
    let deadline = Instant::now() + Duration::from_secs(600);
    let mut frames_while_loading = 0;
    let mut stages = std::collections::BTreeSet::new();
    while let Some((_, stage)) = harness.state().loading_progress() {
        assert!(Instant::now() < deadline, "the large file never loaded");
        harness.get_by_label_contains("Loading");
        stages.insert(stage);
        harness.step();
        frames_while_loading += 1;
        std::thread::sleep(Duration::from_millis(2));
    }
    assert!(
        frames_while_loading >= 2,
        "only {frames_while_loading} frames were drawn while {LARGE} events loaded"
    );
    assert!(!stages.is_empty());
    assert_eq!(event_count(harness.state()), LARGE);
    assert!(harness.state().load_error().is_none());
    assert!(harness.query_by_label("Cancel").is_none());
}

/// A large first file is read once the window has shown its first frame, not beside
/// the renderer's start (a small one is read at once: `app::loading`'s tests).
#[test]
fn a_large_first_file_is_read_after_the_first_frame() {
    let path = large_file();
    let size = std::fs::metadata(path).expect("size").len();
    assert!(size >= wpk_timeline::app::HELD_FROM);
    let app = TimelineApp::start(AppOptions {
        file: Some(path.to_path_buf()),
        ..AppOptions::default()
    });
    assert!(app.load_waits_for_window());
    // After each frame: the frames shown before it, and whether the file still waits.
    let mut harness = Harness::builder()
        .with_size(vec2(1280.0, 800.0))
        .build_ui_state(
            |ui, (app, seen): &mut (TimelineApp, Vec<(u64, bool)>)| {
                app.show(ui);
                seen.push((ui.ctx().cumulative_frame_nr(), app.load_waits_for_window()));
            },
            (app, Vec::new()),
        );
    harness.step();
    let seen = &harness.state().1;
    assert_eq!(seen.first(), Some(&(0, true)), "{seen:?}");
    assert!(
        seen.iter().all(|&(shown, waits)| waits == (shown == 0)),
        "{seen:?}"
    );
    let deadline = Instant::now() + Duration::from_secs(600);
    while harness.state().0.is_loading() {
        assert!(Instant::now() < deadline, "the large file never loaded");
        harness.step();
        std::thread::sleep(Duration::from_millis(2));
    }
    assert_eq!(event_count(&harness.state().0), LARGE);
}

#[test]
fn the_previous_timeline_stays_usable_while_another_loads() {
    let mut harness = harness(TimelineApp::new(AppOptions::default()));
    harness.run();
    let embedded = event_count(harness.state());
    assert!(embedded > 0);
    harness
        .state_mut()
        .open(DataSource::File(large_file().to_path_buf()));
    harness.step();
    assert!(harness.state().is_loading());
    // Keys still move the view of the timeline on screen, frame after frame.
    let before = harness.state().view();
    harness.key_press(Key::Plus);
    harness.step();
    let mut zoomed_while_loading = false;
    let mut strip_seen = false;
    let mut frames_while_loading = 0;
    while harness.state().is_loading() {
        harness.step();
        frames_while_loading += 1;
        if harness.state().is_loading() {
            assert_eq!(event_count(harness.state()), embedded, "the old data stays");
            zoomed_while_loading |= harness.state().view().span < before.span;
            strip_seen |= harness
                .query_by_label_contains(&format!("Loading {}", large_file().display()))
                .is_some();
        }
        std::thread::sleep(Duration::from_millis(2));
        assert!(frames_while_loading < 100_000, "the load never finished");
    }
    assert!(zoomed_while_loading, "the zoom took effect while loading");
    assert!(strip_seen, "the progress strip was shown while loading");
    assert_eq!(event_count(harness.state()), LARGE);
}

#[test]
fn a_cancelled_load_never_lands_and_a_superseded_one_is_ignored() {
    let folder = tempfile::tempdir().expect("folder");
    let small = folder.path().join("small.ron");
    std::fs::write(&small, FIXTURE).expect("write");
    let mut harness = harness(TimelineApp::new(AppOptions::default()));
    harness.run();
    let embedded = event_count(harness.state());

    // Cancel: the old timeline stays, now and after the worker would have finished.
    harness
        .state_mut()
        .open(DataSource::File(large_file().to_path_buf()));
    for _ in 0..20 {
        harness.step();
    }
    assert!(harness.state().is_loading());
    harness.get_by_label("Cancel").click();
    harness.step();
    assert!(!harness.state().is_loading());
    assert_eq!(event_count(harness.state()), embedded);
    harness.get_by_label_contains("Stopped loading");

    // Superseded: the large file is overtaken by a small one, which is what is shown.
    harness
        .state_mut()
        .open(DataSource::File(large_file().to_path_buf()));
    harness.step();
    harness.state_mut().open(DataSource::File(small.clone()));
    step_until(&mut harness, "the small file", |app| !app.is_loading());
    assert_eq!(
        harness.state().document().expect("loaded").timeline.title,
        "Minimal"
    );
    // Long enough for both large loads to have finished, had they not been stopped.
    let on_disk = wpk_timeline::model::load::load_path(large_file()).expect("valid");
    assert_eq!(on_disk.events.len(), LARGE);
    for _ in 0..20 {
        harness.step();
        assert_eq!(event_count(harness.state()), 2);
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[test]
fn a_missing_file_is_called_missing() {
    let folder = tempfile::tempdir().expect("folder");
    let missing = folder.path().join("no-such-lecture.ron");
    // Opened over a shown timeline: a banner says it was not found, not that it has problems.
    let mut harness = harness(TimelineApp::new(AppOptions::default()));
    harness.run();
    harness.state_mut().open(DataSource::File(missing.clone()));
    step_until(&mut harness, "the missing file", |app| !app.is_loading());
    harness.run();
    harness.get_by_label_contains("was not found");
    assert!(harness.query_by_label_contains("has problems").is_none());
    assert!(harness.state().document().is_some());
    // Named on the command line: the window says the file was not found.
    let harness = harness_for_start(&missing);
    harness.get_by_label("The file was not found");
    harness.get_by_label_contains("does not exist");
    assert!(
        harness
            .query_by_label("This timeline could not be opened")
            .is_none()
    );
}

/// A broken file is to be fixed and saved; a path that is not a regular file (a folder
/// here; a FIFO or /dev/zero alike) cannot be, so the advice is to open a file instead.
#[test]
fn the_advice_for_a_broken_file_fits_what_the_path_is() {
    let folder = tempfile::tempdir().expect("folder");
    let broken = folder.path().join("broken.ron");
    std::fs::write(&broken, "(title: ").expect("written");
    let mut harness = harness_for_start(&broken);
    step_until(&mut harness, "the broken file", |app| !app.is_loading());
    harness.run();
    harness.get_by_label("This timeline could not be opened");
    harness.get_by_label_contains("and save it: it opens by itself");

    let mut harness = harness_for_start(folder.path());
    step_until(&mut harness, "the folder", |app| !app.is_loading());
    harness.run();
    harness.get_by_label("This timeline could not be opened");
    harness.get_by_label_contains("is not a regular file: open a timeline file");
    assert!(harness.query_by_label_contains("opens by itself").is_none());
}

fn harness_for_start(path: &Path) -> Harness<'static, TimelineApp> {
    let mut harness = harness(TimelineApp::new(AppOptions {
        file: Some(path.to_path_buf()),
        ..AppOptions::default()
    }));
    harness.run();
    harness
}

#[test]
fn without_a_file_dialog_saving_falls_back_to_a_path_field_and_the_reason_fades() {
    let folder = tempfile::tempdir().expect("folder");
    let mut harness = Harness::builder()
        .with_size(vec2(1280.0, 800.0))
        .with_step_dt(0.25)
        .with_max_steps(16)
        .build_ui_state(
            |ui, app: &mut TimelineApp| app.show(ui),
            TimelineApp::new(AppOptions::default()),
        );
    harness.run();
    let open_from_menu = |harness: &mut Harness<'_, TimelineApp>, item: &str, title: &str| {
        harness.get_by_label("File").click();
        harness.run();
        harness.get_by_label(item).click();
        harness.run();
        harness.get_by_label(title);
        harness.get_by_label_contains("type a path instead");
    };
    // SVG: the field offers a name; the path typed there is written.
    open_from_menu(&mut harness, "Save view as SVG…", "Save the view as SVG");
    let out = folder.path().join("view.svg");
    let field = harness
        .get_all_by_role(egui::accesskit::Role::TextInput)
        .find(|node| {
            node.value()
                .is_some_and(|v| v.ends_with("wpk-timeline.svg"))
        })
        .expect("the path field, with a suggested name");
    field.focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::A);
    harness
        .get_all_by_role(egui::accesskit::Role::TextInput)
        .find(|node| node.is_focused())
        .expect("the focused field")
        .type_text(&out.display().to_string());
    harness.run();
    harness.get_by_label("Save").click();
    harness.run();
    let svg = std::fs::read_to_string(&out).expect("the SVG was written");
    assert!(svg.contains("<svg"));
    harness.get_by_label_contains(&format!("Saved {}", out.display()));
    assert!(harness.query_by_label("Save the view as SVG").is_none());
    // PNG: the same field stands in for the dialog.
    open_from_menu(&mut harness, "Save view as PNG…", "Save the view as PNG");
    // The message goes by itself.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let steps = (NOTICE_SECONDS / 0.25).ceil() as usize + 2;
    for _ in 0..steps {
        harness.step();
    }
    assert!(harness.query_by_label_contains("Saved").is_none());
    assert!(
        harness
            .query_by_label_contains("type a path instead")
            .is_none()
    );
}
