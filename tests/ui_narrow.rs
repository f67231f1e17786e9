//! Narrow windows (issue 10, observation 7): at 1024×640 the top bar fits without
//! anything drawn under anything else (the subtitle shortens or goes, then the
//! less-used buttons fold into "More…"), and the side panels never leave the timeline
//! less than half the window.

use egui::{Key, Modifiers, Rect};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use wpk_timeline::app::{AppOptions, TimelineApp};

fn harness(options: AppOptions, size: (f32, f32)) -> Harness<'static, TimelineApp> {
    let app = TimelineApp::new(options);
    let mut harness = Harness::builder()
        .with_size(egui::vec2(size.0, size.1))
        .with_max_steps(16)
        .build_ui_state(|ui, app: &mut TimelineApp| app.show(ui), app);
    harness.run();
    harness
}

/// The rectangles of the widgets in the top bar (the row of the File menu), with
/// their names: leaves of the accessibility tree only, so a container never counts
/// as overlapping what it holds.
fn top_bar_widgets(harness: &Harness<'_, TimelineApp>) -> Vec<(String, Rect)> {
    let file = harness.get_by_label("File").rect();
    let row = file.y_range();
    harness
        .root()
        .children_recursive()
        .filter(|node| node.children().next().is_none())
        .filter_map(|node| {
            let rect = node.rect();
            let middle = rect.center().y;
            let in_row = row.min <= middle && middle <= row.max && rect.height() < 60.0;
            let name = node
                .accesskit_node()
                .label()
                .or_else(|| node.accesskit_node().value())
                .unwrap_or_default();
            (in_row && rect.width() > 0.5).then_some((name, rect))
        })
        .collect()
}

fn assert_no_overlap(widgets: &[(String, Rect)], width: f32, what: &str) {
    for (k, (name, rect)) in widgets.iter().enumerate() {
        assert!(
            rect.left() >= -0.5 && rect.right() <= width + 0.5,
            "{what}: {name:?} at {rect:?} leaves the window"
        );
        for (other, other_rect) in &widgets[k + 1..] {
            let overlap = rect.intersect(*other_rect);
            assert!(
                overlap.width() <= 0.5 || overlap.height() <= 0.5,
                "{what}: {name:?} {rect:?} overlaps {other:?} {other_rect:?}"
            );
        }
    }
}

#[test]
fn the_top_bar_fits_1024_by_640_without_overlap() {
    let mut harness = harness(AppOptions::default(), (1024.0, 640.0));
    let widgets = top_bar_widgets(&harness);
    assert!(widgets.len() >= 5, "{widgets:?}");
    assert_no_overlap(&widgets, 1024.0, "at rest");
    // The title is still there (perhaps shortened), and every control is reachable.
    assert!(
        widgets
            .iter()
            .any(|(name, _)| name.starts_with("The Workers")),
        "{widgets:?}"
    );
    harness.get_by_label("Search");
    harness.get_by_label("Lanes");
    // With the search box open and a person highlighted, the bar is at its fullest.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.run();
    harness
        .get_by_role(egui::accesskit::Role::TextInput)
        .type_text("Kim Il Sung");
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    let person = harness
        .query_all_by_label_contains("Kim Il")
        .find(|node| node.accesskit_node().role() == egui::accesskit::Role::Button);
    if let Some(person) = person {
        person.click();
        harness.run();
    }
    harness.run();
    let widgets = top_bar_widgets(&harness);
    assert_no_overlap(&widgets, 1024.0, "searching, with a person highlighted");
}

#[test]
fn folded_controls_still_work_from_the_menu() {
    let mut harness = harness(AppOptions::default(), (700.0, 640.0));
    assert_no_overlap(&top_bar_widgets(&harness), 700.0, "at 700 wide");
    assert!(harness.query_by_label("Dark theme").is_none(), "folded");
    harness.get_by_label("More…").click();
    harness.run();
    harness.get_by_label("Dark theme").click();
    harness.run();
    harness.get_by_label("More…").click();
    harness.run();
    harness.get_by_label("Light theme");
}

#[test]
fn the_top_bar_fits_1024_by_768_and_keeps_everything_in_view() {
    let harness = harness(AppOptions::default(), (1024.0, 768.0));
    assert_no_overlap(&top_bar_widgets(&harness), 1024.0, "1024×768");
}

#[test]
fn side_panels_leave_the_timeline_at_least_half_the_window() {
    for size in [(1024.0, 640.0), (1280.0, 720.0)] {
        let mut harness = harness(
            AppOptions {
                event: Some("august-plenum".to_owned()),
                ..AppOptions::default()
            },
            size,
        );
        harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
        harness.run();
        harness
            .get_by_role(egui::accesskit::Role::TextInput)
            .type_text("plenum");
        harness.run();
        assert!(!harness.state().search_results().is_empty());
        assert!(harness.state().is_panel_open());
        let timeline = harness.state().timeline_rect().expect("drawn");
        assert!(
            timeline.width() >= size.0 / 2.0 - 1.0,
            "{size:?}: the timeline is {} wide",
            timeline.width()
        );
    }
}
