//! File → About wpk-timeline, driven through `egui_kittest`: the window opens and
//! shows the version, the licences and the attribution of the Wikipedia text.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use wpk_timeline::app::{AppOptions, TimelineApp};

#[test]
fn the_about_window_shows_version_licences_and_attribution() {
    let app = TimelineApp::new(AppOptions::default());
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1600.0, 900.0))
        .with_max_steps(12)
        .build_ui_state(|ui, app: &mut TimelineApp| app.show(ui), app);
    harness.run();
    assert!(
        harness
            .query_by_label_contains("History of the Workers' Party of Korea")
            .is_none(),
        "the About window is closed at start"
    );

    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("About wpk-timeline").click();
    harness.run();

    harness.get_by_label_contains(&format!(
        "Version {} (commit {})",
        wpk_timeline::build_info::VERSION,
        wpk_timeline::build_info::COMMIT
    ));
    harness.get_by_label_contains("MIT licence or the Apache License 2.0");
    harness.get_by_label("“History of the Workers' Party of Korea”");
    harness.get_by_label_contains("by Wikipedia contributors, licensed under");
    harness.get_by_label("CC BY-SA 4.0");
    harness.get_by_label_contains("SIL Open Font License");
    harness.get_by_label_contains("THIRD-PARTY-LICENSES.html");
}
