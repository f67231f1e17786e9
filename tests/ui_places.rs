//! Places in the window: the detail panel shows the map of the selected event's places
//! (found by its accessible name), and clicking a place, by its name or on the map,
//! highlights every event there on the timeline and lists them in the panel.

use egui::{Event, Modifiers, PointerButton, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use wpk_timeline::app::{AppOptions, TimelineApp};
use wpk_timeline::model::places::events_at;
use wpk_timeline::ui::timeline_ui::TimelineWidget;
use wpk_timeline::view::locator::projection_for;

fn harness_with(event: &str) -> Harness<'static, TimelineApp> {
    let app = TimelineApp::new(AppOptions {
        event: Some(event.to_owned()),
        ..AppOptions::default()
    });
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1600.0, 900.0))
        .with_max_steps(16)
        .build_ui_state(|ui, app: &mut TimelineApp| app.show(ui), app);
    harness.run();
    harness
}

fn click_at(harness: &mut Harness<'_, TimelineApp>, pos: Pos2) {
    harness.event(Event::PointerMoved(pos));
    harness.step();
    for pressed in [true, false] {
        harness.event(Event::PointerButton {
            pos,
            button: PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        });
        harness.step();
    }
    harness.run();
}

/// How many events lie at the highlighted place.
fn highlighted_count(harness: &Harness<'_, TimelineApp>) -> usize {
    let app = harness.state();
    let timeline = &app.document().expect("loaded").timeline;
    let place = app.highlighted_place().expect("a place is highlighted");
    events_at(timeline, place).len()
}

#[test]
fn the_panel_shows_a_map_of_the_events_places() {
    let harness = harness_with("august-plenum");
    let map = harness
        .query_by_role_and_label(egui::accesskit::Role::Image, "Map: Pyongyang")
        .expect("the panel shows the map of Pyongyang");
    let rect = map.rect();
    assert!(rect.height() >= 100.0 && rect.height() <= 160.0, "{rect:?}");
    // Under the places heading, in the panel on the right.
    let heading = harness.get_by_label("Places").rect();
    assert!(rect.top() > heading.bottom());
    assert!(rect.left() > 800.0);
    // Several places: one map with all of them.
    let harness = harness_with("kim-1956-tour");
    assert!(
        harness
            .query_by_role_and_label(
                egui::accesskit::Role::Image,
                "Map: Moscow, East Berlin, Bucharest, Budapest, Prague, Sofia, Sverdlovsk, Mongolia"
            )
            .is_some()
    );
}

#[test]
fn clicking_a_places_name_highlights_and_lists_every_event_there() {
    let mut harness = harness_with("august-plenum");
    harness.get_by_label("Pyongyang (평양)").click();
    harness.run();
    assert_eq!(harness.state().highlighted_place(), Some("pyongyang"));
    let count = highlighted_count(&harness);
    assert!(count > 10, "{count} events in Pyongyang");
    // The panel lists them, the top bar offers to clear the highlight.
    assert!(
        harness
            .query_by_label(&format!("{count} events at Pyongyang (평양):"))
            .is_some()
    );
    assert!(
        harness
            .query_by_label("Clear highlight: Pyongyang (평양)")
            .is_some()
    );
    // The timeline dims the events elsewhere (as it does for a person): every label
    // drawn is faint exactly when its event is not in Pyongyang.
    let scene = TimelineWidget::last_scene(&harness.ctx).expect("drawn");
    let timeline = &harness.state().document().expect("loaded").timeline;
    let here = events_at(timeline, "pyongyang");
    let (mut bright, mut faint) = (0, 0);
    for (event, run) in scene.labels() {
        let dimmed = run.colour.a() < 200;
        assert_eq!(
            dimmed,
            !here.contains(&event),
            "{}",
            timeline.events[event].record.id
        );
        if dimmed { faint += 1 } else { bright += 1 }
    }
    assert!(
        bright > 0 && faint > 0,
        "{bright} bright, {faint} faint labels"
    );
    // Following an event from the list selects it.
    let timeline = harness.state().document().expect("loaded").timeline.clone();
    let other = events_at(&timeline, "pyongyang")
        .into_iter()
        .find(|&e| timeline.events[e].record.id == "dprk-founded")
        .expect("the DPRK was founded in Pyongyang");
    let text = format!(
        "{} — {}",
        timeline.events[other].when, timeline.events[other].record.title
    );
    harness.get_by_label(&text).click();
    harness.run();
    assert_eq!(harness.state().selected(), Some(other));
    // Clicking the name again ends the highlight.
    harness.get_by_label("Pyongyang (평양)").click();
    harness.run();
    assert_eq!(harness.state().highlighted_place(), None);
}

#[test]
fn clicking_a_place_on_the_map_highlights_it() {
    let mut harness = harness_with("sino-soviet-split");
    let map = harness
        .query_by_role_and_label(
            egui::accesskit::Role::Image,
            "Map: Moscow, Beijing, Bucharest",
        )
        .expect("a map")
        .rect();
    let timeline = harness.state().document().expect("loaded").timeline.clone();
    let places: Vec<_> = ["moscow", "beijing", "bucharest"]
        .iter()
        .map(|id| {
            let index = timeline.places.position(id).expect("in the gazetteer");
            (index, &timeline.places.places[index])
        })
        .collect();
    let projection = projection_for(&places, map);
    let beijing = projection.to_screen(places[1].1.lat, places[1].1.lon);
    assert!(map.contains(beijing));
    click_at(&mut harness, beijing);
    assert_eq!(harness.state().highlighted_place(), Some("beijing"));
}

/// The presentation at `step` (1-based) on a `size` screen, after its first frames:
/// the harness, the card's summary, and the card's map (where it shows one).
fn card_at(
    size: egui::Vec2,
    step: usize,
) -> (Harness<'static, TimelineApp>, String, Option<egui::Rect>) {
    let app = TimelineApp::new(AppOptions {
        present: true,
        step: Some(step),
        ..AppOptions::default()
    });
    let mut harness = Harness::builder()
        .with_size(size)
        .with_max_steps(16)
        .build_ui_state(|ui, app: &mut TimelineApp| app.show(ui), app);
    harness.run();
    let state = harness.state();
    let event = state
        .presentation()
        .and_then(|p| p.card_event())
        .expect("a card");
    let summary = state.document().expect("loaded").timeline.events[event]
        .record
        .summary
        .clone();
    let map = harness
        .query_all_by_role(egui::accesskit::Role::Image)
        .find(|node| {
            node.accesskit_node()
                .label()
                .is_some_and(|l| l.starts_with("Map: "))
        })
        .map(|node| node.rect());
    (harness, summary.to_string(), map)
}

#[test]
fn the_presentation_card_shows_the_map_beside_its_text_where_it_costs_nothing() {
    let size = egui::vec2(1920.0, 1080.0);
    let mut maps = 0;
    for step in 1..=27 {
        let (harness, summary, map) = card_at(size, step);
        let Some(map) = map else {
            continue;
        };
        maps += 1;
        // Beside the text, not over it, and above the progress line.
        let first_words: String = summary.chars().take(24).collect();
        for text in harness.query_all_by_label_contains(&first_words) {
            assert!(map.left() > text.rect().right(), "step {step}: {map:?}");
        }
        let progress = harness
            .get_by_label_contains(&format!("{step} / 27 · "))
            .rect();
        assert!(
            map.bottom() <= progress.top(),
            "step {step}: {map:?} {progress:?}"
        );
        assert!(map.right() <= size.x);
    }
    assert!(maps >= 5, "{maps} cards with a map at 1920x1080");
}

/// The map costs the card's text nothing: where it stands beside the text, the summary
/// shows every letter it shows without the map (seen at 1024x768, step 6: the map
/// beside a summary cut to "Twelve former southern…", with the whole width free).
#[test]
fn the_cards_map_never_cuts_the_summary_shorter() {
    for size in [egui::vec2(1024.0, 768.0), egui::vec2(1280.0, 720.0)] {
        for step in 1..=27 {
            let (harness, summary_text, map) = card_at(size, step);
            if map.is_none() {
                continue;
            }
            let first_words: String = summary_text.chars().take(12).collect();
            let summary = harness
                .query_all_by_label_contains(&first_words)
                .filter_map(|node| {
                    let node = node.accesskit_node();
                    node.label().or_else(|| node.value())
                })
                .max_by_key(String::len)
                .unwrap_or_default();
            assert!(
                !summary.ends_with('…'),
                "step {step} at {size:?}: the map stands beside a cut summary {summary:?}"
            );
        }
    }
}
