//! Exploration tools driven through `egui_kittest`: search (accent-insensitive and
//! in Hangul), lane and importance filters, the overview strip, back and forward,
//! reloading a file that breaks and is mended, and remembered settings.

use std::path::Path;
use std::time::{Duration, Instant};

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use wpk_timeline::app::{AppOptions, TimelineApp};

fn harness(options: AppOptions) -> Harness<'static, TimelineApp> {
    let app = TimelineApp::new(options);
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1600.0, 900.0))
        .with_max_steps(16)
        .build_ui_state(|ui, app: &mut TimelineApp| app.show(ui), app);
    harness.run();
    harness
}

fn ids(harness: &Harness<'_, TimelineApp>, events: &[usize]) -> Vec<String> {
    let timeline = &harness.state().document().expect("loaded").timeline;
    events
        .iter()
        .map(|&e| timeline.events[e].record.id.to_string())
        .collect()
}

fn search(harness: &mut Harness<'_, TimelineApp>, text: &str) {
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.run();
    harness
        .get_by_role(egui::accesskit::Role::TextInput)
        .type_text(text);
    harness.run();
}

#[test]
fn the_search_box_finds_every_romanisation_of_a_korean_name() {
    for query in ["Gim Jeong-il", "kim chong il", "김정일"] {
        let mut harness = harness(AppOptions::default());
        search(&mut harness, query);
        let found = ids(&harness, harness.state().search_results());
        for id in ["kis-death", "kji-general-secretary"] {
            assert!(found.contains(&id.to_owned()), "{query}: {found:?}");
        }
    }
}

#[test]
fn ctrl_f_searches_without_case_or_accents_and_enter_flies_to_the_first_result() {
    let mut harness = harness(AppOptions::default());
    search(&mut harness, "CH'OE CHANG");
    let found = ids(&harness, harness.state().search_results());
    assert!(found.contains(&"august-plenum".to_owned()), "{found:?}");
    harness.get_by_label_contains("results");
    harness.key_press(Key::Enter);
    harness.run();
    let first = harness.state().search_results()[0];
    assert_eq!(harness.state().selected(), Some(first));
    let app = harness.state();
    let anchor = app.document().expect("loaded").timeline.events[first]
        .when
        .anchor();
    assert!(app.view().min <= anchor && anchor <= app.view().max());
}

#[test]
fn a_hangul_query_finds_the_events_of_that_person() {
    let mut harness = harness(AppOptions::default());
    search(&mut harness, "박헌영");
    let found = ids(&harness, harness.state().search_results());
    for id in ["pak-hon-yong-trial", "pak-hon-yong-execution"] {
        assert!(found.contains(&id.to_owned()), "{id} in {found:?}");
    }
    assert!(!found.contains(&"kis-death".to_owned()));
    // A result in the list flies to its event.
    harness
        .get_by_label("3–15 December 1955 — Trial of Pak Hon-yong")
        .click();
    harness.run();
    assert_eq!(
        ids(&harness, &[harness.state().selected().expect("selected")]),
        vec!["pak-hon-yong-trial".to_owned()]
    );
}

#[test]
fn clicking_a_lane_name_hides_it_and_the_lanes_menu_brings_it_back() {
    let mut harness = harness(AppOptions::default());
    assert!(
        harness
            .query_by_label_contains("The Arduous March")
            .is_some()
    );
    harness.get_by_label("Hide lane Economy").click();
    harness.run();
    assert!(harness.query_by_label("Hide lane Economy").is_none());
    assert!(
        harness
            .query_by_label_contains("The Arduous March")
            .is_none()
    );
    harness.get_by_label("Lanes").click();
    harness.run();
    harness.get_by_label("Economy").click();
    harness.run();
    assert!(harness.query_by_label("Hide lane Economy").is_some());
}

#[test]
fn the_importance_filter_hides_minor_events() {
    let mut harness = harness(AppOptions {
        view: Some(("1953".to_owned(), "1958".to_owned())),
        ..AppOptions::default()
    });
    let minor = harness.query_all_by_label_contains(", ").count();
    harness.get_by_label("Lanes").click();
    harness.run();
    let slider = harness.get_by_role(egui::accesskit::Role::SpinButton);
    slider.set_value_accesskit(5.0);
    harness.run();
    harness.key_press(Key::Escape);
    harness.run();
    let essential = harness.query_all_by_label_contains(", ").count();
    assert!(
        essential < minor,
        "{essential} marks with the filter, {minor} without"
    );
    assert!(
        harness.query_by_label_contains("August Plenum").is_some(),
        "importance 5 stays"
    );
}

#[test]
fn clicking_in_the_overview_jumps_and_back_and_forward_return() {
    let mut harness = harness(AppOptions {
        view: Some(("1950".to_owned(), "1960".to_owned())),
        ..AppOptions::default()
    });
    let start = harness.state().view();
    let overview = harness.get_by_label("Overview of the whole span").rect();
    // Click near the right end of the strip: the 2010s.
    harness.get_by_label("Overview of the whole span").hover();
    harness.drop_at(overview.right_center() - egui::vec2(30.0, 0.0));
    harness.event(egui::Event::PointerButton {
        pos: overview.right_center() - egui::vec2(30.0, 0.0),
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::NONE,
    });
    harness.event(egui::Event::PointerButton {
        pos: overview.right_center() - egui::vec2(30.0, 0.0),
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    harness.run();
    let jumped = harness.state().view();
    assert!(
        jumped.center() > start.center() + 365.0 * 40.0,
        "{start:?} -> {jumped:?}"
    );
    assert!(
        (jumped.span - start.span).abs() < 1.0,
        "a jump keeps the zoom"
    );
    harness.key_press_modifiers(Modifiers::ALT, Key::ArrowLeft);
    harness.run();
    assert!((harness.state().view().min - start.min).abs() < 1.0);
    harness.key_press_modifiers(Modifiers::ALT, Key::ArrowRight);
    harness.run();
    assert!((harness.state().view().min - jumped.min).abs() < 1.0);
}

const GOOD: &str = include_str!("fixtures/minimal.ron");

fn wait_until(harness: &mut Harness<'_, TimelineApp>, what: impl Fn(&TimelineApp) -> bool) -> bool {
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        harness.step();
        if what(harness.state()) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    false
}

#[test]
fn a_broken_save_shows_a_banner_over_the_last_good_data_and_a_fix_removes_it() {
    let folder = tempfile::tempdir().expect("folder");
    let path = folder.path().join("lecture.ron");
    std::fs::write(&path, GOOD).expect("write");
    let mut harness = harness(AppOptions {
        file: Some(path.clone()),
        event: Some("first".to_owned()),
        ..AppOptions::default()
    });
    let view = harness.state().view();
    // The lecturer saves a typo: the watcher notices, the banner names file, line and column.
    std::fs::write(
        &path,
        GOOD.replace("date: \"c. 1958\"", "date: \"1958-02-30\""),
    )
    .expect("write");
    assert!(
        wait_until(&mut harness, |app| app.load_error().is_some()),
        "the reload noticed the change"
    );
    harness.run();
    harness.get_by_label_contains("the last good version stays on screen");
    harness.get_by_label_contains(&format!("{}:29:", path.display()));
    harness.get_by_label_contains("February 1958 has 28 days");
    assert_eq!(
        harness
            .state()
            .document()
            .expect("kept")
            .timeline
            .events
            .len(),
        2
    );
    // Fixed, with a new event: the banner goes, the view and selection stay.
    let fixed = GOOD.replace(
        "title: \"Second event\"",
        "title: \"Second event, renamed\"",
    );
    std::fs::write(&path, fixed).expect("write");
    assert!(
        wait_until(&mut harness, |app| app.load_error().is_none()),
        "the fix was read"
    );
    harness.run();
    assert!(
        harness
            .query_by_label_contains("the last good version stays on screen")
            .is_none()
    );
    let app = harness.state();
    let timeline = &app.document().expect("loaded").timeline;
    assert!(
        timeline
            .events
            .iter()
            .any(|e| e.record.title == "Second event, renamed")
    );
    assert_eq!(app.view(), view);
    assert_eq!(
        app.selected()
            .map(|s| timeline.events[s].record.id.to_string())
            .as_deref(),
        Some("first")
    );
}

fn options_with_settings(path: &Path) -> AppOptions {
    AppOptions {
        settings_path: Some(path.to_path_buf()),
        ..AppOptions::default()
    }
}

#[test]
fn theme_filters_and_view_are_remembered_between_runs() {
    let folder = tempfile::tempdir().expect("folder");
    let settings = folder.path().join("settings.ron");
    {
        let mut first = harness(options_with_settings(&settings));
        first.get_by_label("Dark theme").click();
        first.run();
        first.get_by_label("Hide lane Economy").click();
        first.run();
        first.key_press(Key::Plus);
        first.run();
        // Closing the window saves everything, the view included.
        first.event(egui::Event::WindowFocused(false));
        first.state_mut().save_settings_now();
    }
    let saved = std::fs::read_to_string(&settings).expect("settings were written");
    assert!(saved.contains("Dark"), "{saved}");
    let second = harness(options_with_settings(&settings));
    assert!(
        second.query_by_label("Light theme").is_some(),
        "the dark theme is back"
    );
    assert!(second.query_by_label("Hide lane Economy").is_none());
    let fitted = second.state().document().expect("loaded").limits.fitted();
    assert!((second.state().view().span - fitted.span / 2.0).abs() < 1.0);
}

#[test]
fn a_damaged_settings_store_is_ignored_with_a_message() {
    let folder = tempfile::tempdir().expect("folder");
    let settings = folder.path().join("settings.ron");
    std::fs::write(&settings, b"(version: 1, theme: \x00\xff garbage").expect("write");
    let harness = harness(options_with_settings(&settings));
    assert!(harness.state().document().is_some());
    assert_eq!(
        harness.state().view(),
        harness.state().document().expect("loaded").limits.fitted()
    );
    harness.get_by_label_contains("damaged");
}

/// Issue 10 leftovers, item 3: following a related event's link to an event the
/// importance filter hides draws that event (a mark and its label, not an empty view),
/// says that the filter hides it, and "Show it" lowers the filter just enough.
#[test]
fn a_selected_event_hidden_by_the_filter_is_drawn_and_can_be_shown() {
    use wpk_timeline::ui::timeline_ui::TimelineWidget;
    use wpk_timeline::view::scene::Target;
    let mut harness = harness(AppOptions {
        event: Some("sino-soviet-split".to_owned()),
        ..AppOptions::default()
    });
    harness.get_by_label("Lanes").click();
    harness.run();
    harness
        .get_by_role(egui::accesskit::Role::SpinButton)
        .set_value_accesskit(4.0);
    harness.run();
    // Closed by its own button (Escape would close the detail panel too).
    harness.get_by_label("Lanes").click();
    harness.run();
    let kosygin = harness
        .state()
        .document()
        .expect("loaded")
        .timeline
        .find("kosygin-visit")
        .expect("the event");
    assert!(
        harness
            .query_by_label_contains("The filter hides")
            .is_none(),
        "nothing hidden is selected yet"
    );
    // The panel is long (map, sources): the link is scrolled into view before the click.
    harness
        .get_by_label_contains("→ Kosygin's visit to Pyongyang")
        .scroll_to_me();
    harness.run();
    harness
        .get_by_label_contains("→ Kosygin's visit to Pyongyang")
        .click();
    for _ in 0..8 {
        harness.run();
    }
    assert_eq!(harness.state().selected(), Some(kosygin));
    let scene = TimelineWidget::last_scene(&harness.ctx).expect("a scene");
    assert!(
        scene
            .groups
            .iter()
            .any(|g| g.target == Target::Event(kosygin) && g.class != "label"),
        "the selected event is drawn although the filter hides it"
    );
    assert!(scene.labels().any(|(e, _)| e == kosygin), "and labelled");
    assert!(
        harness
            .query_by_label_contains("The filter hides")
            .is_some()
    );
    harness.get_by_label("Show it").click();
    harness.run();
    assert!(
        harness
            .query_by_label_contains("The filter hides")
            .is_none()
    );
    assert!(
        harness
            .state()
            .filter_summary()
            .is_some_and(|s| s.contains("importance ≥ 2")),
        "{:?}",
        harness.state().filter_summary()
    );
}

/// Item 3 for a hidden lane: a link followed to an event in a hidden lane shows that
/// lane while the event is selected, says so, and "Show it" brings the lane back; hiding
/// the selected event's own lane deselects it rather than keep the lane.
#[test]
fn a_selected_event_in_a_hidden_lane_is_drawn_and_hiding_its_lane_deselects_it() {
    use wpk_timeline::ui::timeline_ui::TimelineWidget;
    use wpk_timeline::view::scene::Target;
    let mut harness = harness(AppOptions {
        event: Some("juche-independent-line".to_owned()),
        ..AppOptions::default()
    });
    harness.get_by_label("Hide lane Foreign relations").click();
    harness.run();
    assert!(
        harness
            .query_by_label("Hide lane Foreign relations")
            .is_none()
    );
    let pueblo = harness
        .state()
        .document()
        .expect("loaded")
        .timeline
        .find("pueblo-seizure")
        .expect("the event");
    harness
        .get_by_label_contains("→ Seizure of USS Pueblo")
        .click();
    for _ in 0..8 {
        harness.run();
    }
    assert_eq!(harness.state().selected(), Some(pueblo));
    let scene = TimelineWidget::last_scene(&harness.ctx).expect("a scene");
    assert!(
        scene
            .groups
            .iter()
            .any(|g| g.target == Target::Event(pueblo) && g.class != "label"),
        "the selected event is drawn in its hidden lane"
    );
    assert!(
        harness
            .query_by_label_contains("The filter hides")
            .is_some()
    );
    // Hiding its lane (shown for it) is asking not to see it.
    harness.get_by_label("Hide lane Foreign relations").click();
    harness.run();
    assert_eq!(harness.state().selected(), None);
    assert!(
        harness
            .query_by_label("Hide lane Foreign relations")
            .is_none()
    );
}

/// Without accessibility (no screen reader: egui builds no tree, as on a plain
/// `egui::Context`; the harness above always builds one), a mark is an egui widget only
/// near the pointer: marks at the left, in the middle and at the right of the view are
/// still selected by a click on them, one after another, and so is a mark the pointer
/// jumps onto in the frame the button goes down (a tap: no widget was there for egui to
/// find, and the click is placed from the scene).
#[test]
fn marks_are_clicked_with_accessibility_off() {
    use wpk_timeline::ui::timeline_ui::TimelineWidget;
    use wpk_timeline::view::scene::Target;
    let mut app = TimelineApp::new(AppOptions::default());
    let ctx = egui::Context::default();
    let mut time = 0.0;
    let mut frame = |app: &mut TimelineApp, events: Vec<egui::Event>| {
        time += 1.0 / 60.0;
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(1600.0, 900.0),
            )),
            time: Some(time),
            focused: true,
            events,
            ..Default::default()
        };
        ctx.run_ui(input, |ui| app.show(ui))
            .drop_without_applying_deltas();
    };
    for _ in 0..4 {
        frame(&mut app, Vec::new());
    }
    for (pick, tap) in [
        (0.0, false),
        (0.5, false),
        (1.0, false),
        (0.25, true),
        (0.75, true),
    ] {
        let scene = TimelineWidget::last_scene(&ctx).expect("a scene");
        // Events whose hit area's centre lies in no other hit area.
        let clear: Vec<(usize, egui::Pos2)> = scene
            .hits
            .iter()
            .enumerate()
            .filter_map(|(k, hit)| match hit.target {
                Target::Event(event) => {
                    let centre = hit.rect.center();
                    let alone = scene
                        .hits
                        .iter()
                        .enumerate()
                        .all(|(j, other)| j == k || !other.rect.expand(6.0).contains(centre));
                    alone.then_some((event, centre))
                }
                _ => None,
            })
            .filter(|&(event, _)| app.selected() != Some(event))
            .collect();
        assert!(clear.len() > 3, "only {} marks to click", clear.len());
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let (event, centre) = clear[((clear.len() - 1) as f32 * pick) as usize];
        let button = |pressed| egui::Event::PointerButton {
            pos: centre,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        };
        if tap {
            // From the far corner, onto the mark and down in one frame.
            frame(
                &mut app,
                vec![egui::Event::PointerMoved(egui::pos2(2.0, 2.0))],
            );
            frame(
                &mut app,
                vec![egui::Event::PointerMoved(centre), button(true)],
            );
        } else {
            frame(&mut app, vec![egui::Event::PointerMoved(centre)]);
            frame(&mut app, vec![button(true)]);
        }
        frame(&mut app, vec![button(false)]);
        for _ in 0..4 {
            frame(&mut app, Vec::new());
        }
        assert_eq!(
            app.selected(),
            Some(event),
            "a {} at {centre:?} ({pick} of the way along)",
            if tap { "tap" } else { "click" }
        );
    }
}
