//! Idle costs nothing: when nothing moves and nothing happens, the app asks egui for
//! no repaint at all (the root viewport's `repaint_delay` is `Duration::MAX`). Moves
//! and flights repaint every frame while they last and then stop; a hover settles
//! once its tooltip is up; a watched file wakes the app only when it changes. The
//! presenter's window alone repaints once a second, for its clock, and never faster.
//!
//! Time in the harness is simulated: each step is 1/60 s.

#![allow(clippy::unwrap_used)]

use std::time::{Duration, Instant};

use egui::{Event, Key, Modifiers, PointerButton, Pos2, ViewportId, pos2, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use wpk_timeline::app::{AppOptions, MOVE_SECONDS, TimelineApp};
use wpk_timeline::view::flight::{MAX_FLIGHT_SECONDS, MIN_FLIGHT_SECONDS};

const FPS: f64 = 60.0;

fn harness(options: AppOptions) -> Harness<'static, TimelineApp> {
    let app = TimelineApp::new(options);
    #[allow(clippy::cast_possible_truncation)]
    let step = (1.0 / FPS) as f32;
    Harness::builder()
        .with_size(vec2(1600.0, 900.0))
        .with_step_dt(step)
        .with_max_steps(200)
        .build_ui_state(|ui, app: &mut TimelineApp| app.show(ui), app)
}

/// The root viewport's repaint delay after the last frame: `MAX` when none was asked for.
fn delay(harness: &Harness<'_, TimelineApp>) -> Duration {
    harness.output().viewport_output[&ViewportId::ROOT].repaint_delay
}

fn causes(harness: &Harness<'_, TimelineApp>) -> String {
    format!("{:?}", harness.ctx.repaint_causes())
}

/// Steps until a frame asks for no repaint; returns how many frames that took.
#[track_caller]
fn settle(harness: &mut Harness<'_, TimelineApp>, limit: usize, what: &str) -> usize {
    for frame in 1..=limit {
        harness.step();
        if delay(harness) == Duration::MAX {
            return frame;
        }
    }
    panic!(
        "{what}: still asking for a repaint after {limit} frames (delay {:?}, causes {})",
        delay(harness),
        causes(harness)
    );
}

/// `frames` more frames with no input: each asks for no repaint at all.
#[track_caller]
fn assert_idle(harness: &mut Harness<'_, TimelineApp>, frames: usize, what: &str) {
    for frame in 1..=frames {
        harness.step();
        assert_eq!(
            delay(harness),
            Duration::MAX,
            "{what}: idle frame {frame} asked for a repaint (causes {})",
            causes(harness)
        );
    }
}

/// Frames a flight of `seconds` takes at 60 frames a second.
fn flight_frames(seconds: f64) -> usize {
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let frames = (seconds * FPS).round() as usize;
    frames
}

/// After `press`, the app repaints at once and for the whole flight, then settles
/// within a few frames of its end.
#[track_caller]
fn assert_flight(harness: &mut Harness<'_, TimelineApp>, seconds: f64, what: &str) {
    harness.step();
    assert_eq!(
        delay(harness),
        Duration::ZERO,
        "{what}: the flight's first frame asks to go on"
    );
    let frames = settle(harness, flight_frames(seconds) + 20, what);
    let expected = flight_frames(seconds);
    assert!(
        frames + 3 >= expected,
        "{what}: settled after {frames} frames, the flight lasts {expected}"
    );
    assert_idle(harness, 20, what);
}

/// A presentation step's flight: as [`assert_flight`] for as long as the flight's own
/// duration, which grows with the distance (between the shortest and longest flight).
#[track_caller]
fn assert_step_flight(harness: &mut Harness<'_, TimelineApp>, what: &str) {
    harness.step();
    assert_eq!(
        delay(harness),
        Duration::ZERO,
        "{what}: the flight's first frame asks to go on"
    );
    let seconds = harness
        .state()
        .flight_seconds()
        .expect("a flight in progress");
    assert!(
        (MIN_FLIGHT_SECONDS..=MAX_FLIGHT_SECONDS).contains(&seconds),
        "{what}: {seconds} s"
    );
    let frames = settle(harness, flight_frames(seconds) + 20, what);
    let expected = flight_frames(seconds);
    assert!(
        frames + 4 >= expected,
        "{what}: settled after {frames} frames, the flight lasts {expected}"
    );
    assert_idle(harness, 20, what);
}

fn wheel(harness: &Harness<'_, TimelineApp>, at: Pos2, delta_y: f32) {
    harness.hover_at(at);
    harness.event(Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: vec2(0.0, delta_y),
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Wheel,
        modifiers: Modifiers::NONE,
    });
}

fn drag(harness: &mut Harness<'_, TimelineApp>, from: Pos2, to: Pos2) {
    harness.hover_at(from);
    harness.event(Event::PointerButton {
        pos: from,
        button: PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::NONE,
    });
    for k in 1..=5u8 {
        harness.hover_at(from.lerp(to, f32::from(k) / 5.0));
    }
    harness.event(Event::PointerButton {
        pos: to,
        button: PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
}

#[test]
fn the_viewer_at_rest_asks_for_no_repaint() {
    let mut harness = harness(AppOptions::default());
    settle(&mut harness, 10, "start");
    assert_idle(&mut harness, 60, "at rest");
}

#[test]
fn keyboard_flights_repaint_while_they_last_and_then_stop() {
    let mut harness = harness(AppOptions::default());
    settle(&mut harness, 10, "start");
    let fitted = harness.state().view();
    for key in [
        Key::Plus,
        Key::ArrowRight,
        Key::ArrowLeft,
        Key::Minus,
        Key::Home,
    ] {
        harness.key_press(key);
        assert_flight(&mut harness, MOVE_SECONDS, &format!("{key:?}"));
    }
    assert_eq!(harness.state().view(), fitted);
    // `]` selects the first event and flies to it; the detail panel opens and rests.
    harness.key_press(Key::CloseBracket);
    assert_flight(&mut harness, MOVE_SECONDS, "]");
    assert!(harness.state().is_panel_open());
    // Back (Alt+←) flies too.
    harness.key_press_modifiers(Modifiers::ALT, Key::ArrowLeft);
    assert_flight(&mut harness, MOVE_SECONDS, "Alt+Left");
}

#[test]
fn the_wheel_and_a_drag_settle_again() {
    let mut harness = harness(AppOptions::default());
    settle(&mut harness, 10, "start");
    let before = harness.state().view();
    wheel(&harness, pos2(1000.0, 500.0), 240.0);
    settle(&mut harness, 120, "after the wheel");
    assert!(harness.state().view().span < before.span);
    assert_idle(&mut harness, 30, "after the wheel");
    let zoomed = harness.state().view();
    drag(&mut harness, pos2(1000.0, 500.0), pos2(700.0, 520.0));
    settle(&mut harness, 120, "after a drag");
    assert!(harness.state().view().min > zoomed.min);
    assert_idle(&mut harness, 30, "after a drag");
    // The pointer leaves the window.
    harness.event(Event::PointerGone);
    settle(&mut harness, 60, "after the pointer left");
    assert_idle(&mut harness, 30, "after the pointer left");
}

#[test]
fn hovering_a_marker_shows_its_tooltip_and_settles() {
    let mut harness = harness(AppOptions {
        view: Some(("1956-06".to_owned(), "1956-11".to_owned())),
        ..AppOptions::default()
    });
    settle(&mut harness, 10, "start");
    let marker = harness.get_by_label_contains("August Plenum").rect();
    harness.hover_at(marker.center());
    // egui waits half a second before the tooltip (a delayed, not immediate, repaint).
    settle(&mut harness, 90, "hovering a marker");
    assert_idle(&mut harness, 60, "resting on a marker");
    // Along the lanes, over other markers, and away.
    for x in [400.0, 700.0, 1000.0, 1300.0] {
        harness.hover_at(pos2(x, marker.center().y));
        harness.step();
    }
    settle(&mut harness, 90, "moving along a lane");
    assert_idle(&mut harness, 30, "after moving along a lane");
    harness.hover_at(pos2(5.0, 895.0));
    settle(&mut harness, 90, "moving away");
    assert_idle(&mut harness, 30, "away from the markers");
}

#[test]
fn search_and_the_detail_panel_at_rest_ask_for_no_repaint() {
    let mut harness = harness(AppOptions::default());
    settle(&mut harness, 10, "start");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    settle(&mut harness, 30, "opening the search");
    harness.event(Event::Text("kim".to_owned()));
    settle(&mut harness, 30, "typing a search");
    assert!(!harness.state().search_results().is_empty());
    assert_idle(&mut harness, 30, "with search results");
    harness.key_press(Key::Enter);
    settle(
        &mut harness,
        flight_frames(MOVE_SECONDS) + 20,
        "flying to a result",
    );
    assert!(harness.state().is_panel_open());
    assert_idle(&mut harness, 30, "with a result selected");
}

/// A text box with the keyboard focus draws a text cursor; egui makes it blink by
/// asking for a repaint every half second, which on a software renderer kept a core
/// busy while the search box sat open and empty. The cursor is steady: no repaint.
#[test]
fn a_focused_empty_search_box_asks_for_no_repaint() {
    let mut harness = harness(AppOptions::default());
    settle(&mut harness, 10, "start");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    settle(&mut harness, 30, "opening the search");
    let focused = harness
        .get_all_by_role(egui::accesskit::Role::TextInput)
        .any(|node| node.is_focused());
    assert!(focused, "the search box has the keyboard focus");
    assert!(harness.state().search_results().is_empty());
    assert!(
        harness.ctx.input(|i| i.focused),
        "the window has the focus (egui only blinks in a focused window)"
    );
    // Two seconds: four blinks' worth.
    assert_idle(&mut harness, 120, "the search box focused and empty");
    // Typing and deleting again leaves it just as quiet.
    harness.event(Event::Text("k".to_owned()));
    settle(&mut harness, 30, "typing");
    harness.key_press(Key::Backspace);
    settle(&mut harness, 30, "deleting");
    assert_idle(&mut harness, 120, "the search box focused and empty again");
}

#[test]
fn presentation_mode_settles_between_steps() {
    let mut harness = harness(AppOptions::default());
    settle(&mut harness, 10, "start");
    harness.key_press(Key::F5);
    assert_step_flight(&mut harness, "F5");
    assert!(harness.state().is_presenting());
    assert!(!harness.state().is_presenter_open());
    for key in [Key::ArrowRight, Key::ArrowRight, Key::ArrowLeft, Key::End] {
        harness.key_press(key);
        assert_step_flight(&mut harness, &format!("presenting, {key:?}"));
    }
    // A blank screen and its end rest too.
    harness.key_press(Key::B);
    settle(&mut harness, 10, "blank");
    assert_idle(&mut harness, 30, "blank");
    harness.key_press(Key::X);
    settle(&mut harness, 10, "unblanked");
    assert_idle(&mut harness, 30, "unblanked");
    // Typing a step number waits without repainting.
    harness.key_press(Key::Num3);
    settle(&mut harness, 10, "typing a step number");
    assert_idle(&mut harness, 30, "typing a step number");
    harness.key_press(Key::Enter);
    assert_step_flight(&mut harness, "jumping to step 3");
    assert_eq!(harness.state().presentation().unwrap().current, 2);
    // Esc flies back to the viewer, which rests.
    harness.key_press(Key::Escape);
    assert_flight(&mut harness, MOVE_SECONDS, "leaving the presentation");
    assert!(!harness.state().is_presenting());
}

#[test]
fn the_presenters_window_repaints_once_a_second_and_never_faster() {
    let mut harness = harness(AppOptions {
        present: true,
        ..AppOptions::default()
    });
    settle(
        &mut harness,
        flight_frames(MAX_FLIGHT_SECONDS) + 20,
        "start",
    );
    harness.key_press(Key::P);
    harness.step();
    assert!(harness.state().is_presenter_open());
    let second = Duration::from_secs(1);
    // Once the window is up, a slow tick for the clock and nothing faster.
    let mut frames = 0;
    while delay(&harness) == Duration::ZERO {
        frames += 1;
        assert!(frames < 10, "the presenter's window keeps repainting");
        harness.step();
    }
    for frame in 0..120 {
        harness.step();
        let delay = delay(&harness);
        assert!(
            delay > Duration::from_millis(500) && delay <= second,
            "frame {frame} with the presenter open: delay {delay:?} (causes {})",
            causes(&harness)
        );
    }
    // A step's flight repaints, then the slow tick again.
    harness.key_press(Key::ArrowRight);
    harness.step();
    assert_eq!(delay(&harness), Duration::ZERO);
    let mut frames = 0;
    while delay(&harness) == Duration::ZERO {
        frames += 1;
        assert!(
            frames < flight_frames(MAX_FLIGHT_SECONDS) + 20,
            "still repainting after the flight"
        );
        harness.step();
    }
    assert_eq!(delay(&harness), second);
    // Closed again: idle.
    harness.key_press(Key::P);
    settle(&mut harness, 10, "closing the presenter's window");
    assert!(!harness.state().is_presenter_open());
    assert_idle(&mut harness, 60, "presenter's window closed");
}

const FIXTURE: &str = include_str!("fixtures/minimal.ron");

/// Steps (with real pauses, for the watcher's thread) until `done`, at most ten seconds.
fn step_until(harness: &mut Harness<'_, TimelineApp>, done: impl Fn(&TimelineApp) -> bool) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while !done(harness.state()) {
        assert!(Instant::now() < deadline, "no reload within ten seconds");
        harness.step();
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn a_watched_file_wakes_the_app_only_when_it_changes() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("lecture.ron");
    std::fs::write(&path, FIXTURE).unwrap();
    let mut harness = harness(AppOptions {
        file: Some(path.clone()),
        ..AppOptions::default()
    });
    settle(&mut harness, 10, "start");
    // Real time passes too: the watcher's thread does not wake the app by itself.
    for _ in 0..10 {
        std::thread::sleep(Duration::from_millis(20));
        assert_idle(&mut harness, 1, "watching an unchanged file");
    }
    // A change is read, then the app rests again.
    std::fs::write(&path, FIXTURE.replace("\"Minimal\"", "\"Changed\"")).unwrap();
    step_until(&mut harness, |app| {
        app.document().unwrap().timeline.title == "Changed"
    });
    // Let any late notices of the same save arrive before asking for rest.
    std::thread::sleep(Duration::from_millis(100));
    settle(&mut harness, 60, "after a reload");
    assert_idle(&mut harness, 30, "after a reload");
    // A broken save shows the banner, which rests too.
    std::fs::write(&path, &FIXTURE[..FIXTURE.len() / 2]).unwrap();
    step_until(&mut harness, |app| app.load_error().is_some());
    std::thread::sleep(Duration::from_millis(100));
    settle(&mut harness, 60, "after a failed reload");
    assert_idle(&mut harness, 30, "with the error banner");
    harness.get_by_label_contains("the last good version stays on screen");
}

#[test]
fn the_error_screen_at_rest_asks_for_no_repaint() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("broken.ron");
    std::fs::write(&path, &FIXTURE[..FIXTURE.len() / 2]).unwrap();
    let mut harness = harness(AppOptions {
        file: Some(path),
        ..AppOptions::default()
    });
    assert!(harness.state().document().is_none());
    // The file is read on a worker: the error screen is there once it has answered.
    step_until(&mut harness, |app| app.load_error().is_some());
    settle(&mut harness, 10, "start");
    assert_idle(&mut harness, 60, "the error screen");
}

/// A change of the view is written at most every `SAVE_INTERVAL` (2 s): until then the
/// app asks for one repaint, at the interval's end and never sooner, writes the view
/// in that frame and rests. (Without that frame an app at rest kept the change unwritten
/// until the next input: lost when the page or the window closed first.)
#[track_caller]
fn rest_after_saving(harness: &mut Harness<'_, TimelineApp>, what: &str) -> usize {
    let mut last = Duration::MAX;
    for frame in 1..=200 {
        harness.step();
        let delay = delay(harness);
        if delay == Duration::MAX {
            return frame;
        }
        assert!(
            delay > Duration::ZERO && delay <= Duration::from_secs(2) && delay < last,
            "{what}: frame {frame} asked for a repaint in {delay:?} (causes {})",
            causes(harness)
        );
        last = delay;
    }
    panic!("{what}: never came to rest");
}

fn saved_view(path: &std::path::Path) -> Option<wpk_timeline::view::transform::TimeView> {
    wpk_timeline::settings::load(path).settings.view
}

/// The app remembering its settings in a file of a new folder (kept while the test runs).
fn harness_with_settings() -> (
    tempfile::TempDir,
    std::path::PathBuf,
    Harness<'static, TimelineApp>,
) {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("settings.ron");
    let harness = harness(AppOptions {
        settings_path: Some(path.clone()),
        ..AppOptions::default()
    });
    (folder, path, harness)
}

/// Runs frames until the flight under way has landed.
fn land(harness: &mut Harness<'_, TimelineApp>) {
    while harness.state().flight_seconds().is_some() {
        harness.step();
    }
}

#[test]
fn remembering_settings_does_not_keep_the_app_awake() {
    let (_folder, path, mut harness) = harness_with_settings();
    // The first view is written once the interval has passed, without any input.
    rest_after_saving(&mut harness, "start");
    assert_eq!(saved_view(&path), Some(harness.state().view()));
    harness.key_press(Key::Plus);
    harness.step();
    assert_eq!(delay(&harness), Duration::ZERO, "the zoom's flight goes on");
    land(&mut harness);
    rest_after_saving(&mut harness, "after a zoom");
    assert_eq!(saved_view(&path), Some(harness.state().view()));
    assert_idle(&mut harness, 180, "after a zoom, with settings");
    harness.get_by_label("Dark theme").click();
    settle(&mut harness, 10, "switching the theme");
    assert_idle(&mut harness, 60, "dark theme, with settings");
}

/// A change made just before a lecture is written while presenting, with the view to
/// come back to (the explorer's), not the lecture's camera.
#[test]
fn a_change_made_before_presenting_is_written_during_the_lecture() {
    let (_folder, path, mut harness) = harness_with_settings();
    rest_after_saving(&mut harness, "start");
    harness.key_press(Key::Plus);
    harness.step();
    land(&mut harness);
    let explored = harness.state().view();
    assert_ne!(saved_view(&path), Some(explored), "not written yet");
    harness.key_press(Key::F5);
    harness.step();
    assert!(harness.state().is_presenting());
    for _ in 0..180 {
        harness.step();
    }
    assert!(harness.state().is_presenting());
    assert_ne!(
        harness.state().view(),
        explored,
        "the lecture's camera moved"
    );
    assert_eq!(saved_view(&path), Some(explored));
}
