//! The viewer without a mouse (issue 19): `Tab` walks the toolbar and reaches the
//! timeline as one widget with a focus ring; inside it the arrows move between events
//! and lanes, `Enter` opens the panel and `Esc` leaves. No pointer event is sent here.

use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use wpk_timeline::app::{AppOptions, TimelineApp};
use wpk_timeline::ui::timeline_ui::TIMELINE_NAME;

fn harness(options: AppOptions) -> Harness<'static, TimelineApp> {
    let app = TimelineApp::new(options);
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1600.0, 900.0))
        .with_max_steps(16)
        .build_ui_state(|ui, app: &mut TimelineApp| app.show(ui), app);
    harness.run();
    harness
}

fn press(harness: &mut Harness<'_, TimelineApp>, key: Key) {
    harness.key_press(key);
    harness.run();
}

/// Presses `Tab` until the timeline has the focus; returns how many presses it took.
fn tab_to_the_timeline(harness: &mut Harness<'_, TimelineApp>) -> usize {
    for presses in 1..=60 {
        press(harness, Key::Tab);
        if harness.state().is_timeline_focused() {
            return presses;
        }
    }
    panic!("Tab never reached the timeline");
}

#[test]
fn tab_walks_the_toolbar_then_reaches_the_timeline_as_one_widget() {
    let mut harness = harness(AppOptions::default());
    let presses = tab_to_the_timeline(&mut harness);
    assert!(presses > 1, "the toolbar's controls come first");
    // The timeline is one stop: the next Tab leaves it, not to one of its marks.
    let timeline = harness.get_by_label(TIMELINE_NAME);
    assert_eq!(
        timeline.accesskit_node().role(),
        egui::accesskit::Role::Group
    );
    assert!(timeline.accesskit_node().is_focused());
    press(&mut harness, Key::Tab);
    assert!(!harness.state().is_timeline_focused());
    assert_eq!(
        harness.state().selected(),
        None,
        "Tab does not select events"
    );
}

#[test]
fn the_arrows_tour_every_event_in_time_and_enter_opens_esc_leaves() {
    let mut harness = harness(AppOptions::default());
    tab_to_the_timeline(&mut harness);
    let count = harness
        .state()
        .document()
        .expect("loaded")
        .timeline
        .events
        .len();
    let mut visited = Vec::new();
    for _ in 0..count + 1 {
        press(&mut harness, Key::ArrowRight);
        visited.extend(harness.state().selected());
    }
    visited.dedup();
    assert_eq!(
        visited,
        (0..count).collect::<Vec<_>>(),
        "every event once, in time order"
    );
    assert!(
        !harness.state().is_panel_open(),
        "moving does not open the panel"
    );
    press(&mut harness, Key::Enter);
    assert!(harness.state().is_panel_open());
    press(&mut harness, Key::OpenBracket);
    assert_eq!(harness.state().selected(), Some(count - 2));
    assert!(harness.state().is_panel_open(), "an open panel follows");
    press(&mut harness, Key::ArrowLeft);
    assert_eq!(harness.state().selected(), Some(count - 3));
    press(&mut harness, Key::Escape);
    assert!(!harness.state().is_timeline_focused());
}

#[test]
fn up_and_down_move_to_the_nearest_event_of_the_next_lane() {
    let mut harness = harness(AppOptions {
        event: Some("august-plenum".to_owned()),
        ..AppOptions::default()
    });
    tab_to_the_timeline(&mut harness);
    let category = |harness: &Harness<'_, TimelineApp>| {
        let app = harness.state();
        let timeline = &app.document().expect("loaded").timeline;
        timeline.events[app.selected().expect("selected")].category
    };
    let start = category(&harness);
    press(&mut harness, Key::ArrowDown);
    let below = category(&harness);
    assert!(below > start, "{start} -> {below}");
    press(&mut harness, Key::ArrowUp);
    assert!(category(&harness) < below);
}

#[test]
fn brackets_work_after_a_toolbar_button_had_the_focus() {
    let mut harness = harness(AppOptions {
        event: Some("august-plenum".to_owned()),
        ..AppOptions::default()
    });
    let start = harness.state().selected().expect("selected");
    press(&mut harness, Key::Tab);
    assert!(!harness.state().is_timeline_focused());
    press(&mut harness, Key::CloseBracket);
    assert_eq!(harness.state().selected(), Some(start + 1));
    press(&mut harness, Key::OpenBracket);
    assert_eq!(harness.state().selected(), Some(start));
}
