//! Issue 19, the details a historian notices while exploring: visible filters, a
//! panel that follows the selection and remembers its width, a history of places and
//! selections, and search results that land where they can be seen.

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use wpk_timeline::app::{AppOptions, TimelineApp};
use wpk_timeline::ui::timeline_ui::TimelineWidget;
use wpk_timeline::view::scene::Target;

fn harness_at(options: AppOptions, size: (f32, f32)) -> Harness<'static, TimelineApp> {
    let app = TimelineApp::new(options);
    let mut harness = Harness::builder()
        .with_size(egui::vec2(size.0, size.1))
        .with_max_steps(16)
        .build_ui_state(|ui, app: &mut TimelineApp| app.show(ui), app);
    harness.run();
    harness
}

fn harness(options: AppOptions) -> Harness<'static, TimelineApp> {
    harness_at(options, (1600.0, 900.0))
}

fn with_event(id: &str) -> AppOptions {
    AppOptions {
        event: Some(id.to_owned()),
        ..AppOptions::default()
    }
}

fn selected_id(harness: &Harness<'_, TimelineApp>) -> Option<String> {
    let app = harness.state();
    let document = app.document()?;
    app.selected()
        .map(|e| document.timeline.events[e].record.id.to_string())
}

/// Runs frames until the view stops moving (flights take a third of a second).
fn settle(harness: &mut Harness<'_, TimelineApp>) {
    for _ in 0..120 {
        harness.step();
        if harness.state().flight_seconds().is_none() {
            break;
        }
    }
    harness.run();
}

#[test]
fn a_hidden_lane_and_the_importance_filter_are_said_above_the_lanes() {
    let mut harness = harness(AppOptions::default());
    assert!(harness.query_by_label_contains("Filtered:").is_none());
    harness.get_by_label("Hide lane Economy").click();
    harness.run();
    harness.get_by_label("Filtered: Economy hidden");
    harness.get_by_label("Lanes").click();
    harness.run();
    harness
        .get_by_role(egui::accesskit::Role::SpinButton)
        .set_value_accesskit(4.0);
    harness.run();
    harness.key_press(Key::Escape);
    harness.run();
    harness.get_by_label("Filtered: Economy hidden · importance ≥ 4");
    harness.get_by_label("Show all").click();
    harness.run();
    assert!(harness.query_by_label_contains("Filtered:").is_none());
    harness.get_by_label("Hide lane Economy");
}

#[test]
fn filters_remembered_from_last_time_are_said_once_at_start() {
    let folder = tempfile::tempdir().expect("folder");
    let settings = folder.path().join("settings.ron");
    std::fs::write(
        &settings,
        "(version: 1, hidden_lanes: [\"economy\"], min_importance: 4)",
    )
    .expect("write");
    let harness = harness(AppOptions {
        settings_path: Some(settings),
        ..AppOptions::default()
    });
    harness.get_by_label_contains("Filters kept from last time: Economy hidden · importance ≥ 4");
    harness.get_by_label("Filtered: Economy hidden · importance ≥ 4");
}

#[test]
fn following_a_related_event_shows_the_new_event_from_its_title() {
    let mut harness = harness(with_event("august-plenum"));
    let link = "→ September Plenum reverses the August decisions (23 September 1956)";
    harness.get_by_label(link).scroll_to_me();
    harness.run();
    harness.get_by_label(link).click();
    harness.run();
    assert_eq!(selected_id(&harness).as_deref(), Some("september-plenum"));
    let title = harness
        .get_by_label("September Plenum reverses the August decisions")
        .rect();
    // The panel begins under the top bar; the title must be inside the window, at the top.
    assert!(
        title.top() > 0.0 && title.bottom() < 300.0,
        "the new event's title is at {title:?}"
    );
}

#[test]
fn the_detail_panel_width_is_remembered() {
    let folder = tempfile::tempdir().expect("folder");
    let settings = folder.path().join("settings.ron");
    std::fs::write(&settings, "(version: 1, detail_panel_width: Some(520.0))").expect("write");
    let mut harness = harness(AppOptions {
        settings_path: Some(settings.clone()),
        ..with_event("august-plenum")
    });
    let width = harness
        .state()
        .detail_panel_width()
        .expect("the panel is open");
    assert!((width - 520.0).abs() < 2.0, "the panel opened {width} wide");
    let timeline = harness.state().timeline_rect().expect("drawn");
    assert!(timeline.right() <= 1600.0 - 520.0, "{timeline:?}");
    harness.state_mut().save_settings_now();
    let saved = std::fs::read_to_string(&settings).expect("saved");
    assert!(saved.contains("detail_panel_width: Some(520"), "{saved}");
}

#[test]
fn back_and_forward_restore_the_view_and_the_selection_together() {
    let mut harness = harness(with_event("august-plenum"));
    let first_view = harness.state().view();
    let link = "→ September Plenum reverses the August decisions (23 September 1956)";
    harness.get_by_label(link).scroll_to_me();
    harness.run();
    harness.get_by_label(link).click();
    settle(&mut harness);
    assert_eq!(selected_id(&harness).as_deref(), Some("september-plenum"));
    let second_view = harness.state().view();
    harness.key_press_modifiers(Modifiers::ALT, Key::ArrowLeft);
    settle(&mut harness);
    assert_eq!(selected_id(&harness).as_deref(), Some("august-plenum"));
    assert!(harness.state().is_panel_open());
    assert!((harness.state().view().min - first_view.min).abs() < 1e-6);
    harness.key_press_modifiers(Modifiers::ALT, Key::ArrowRight);
    settle(&mut harness);
    assert_eq!(selected_id(&harness).as_deref(), Some("september-plenum"));
    assert!((harness.state().view().min - second_view.min).abs() < 1e-6);
}

/// The event `event` is drawn as a mark of its own, with its label, in the last scene.
fn stands_alone_with_its_label(harness: &Harness<'_, TimelineApp>, event: usize) -> bool {
    let Some(scene) = TimelineWidget::last_scene(&harness.ctx) else {
        return false;
    };
    let alone = scene
        .hits
        .iter()
        .any(|hit| hit.target == Target::Event(event));
    let labelled = scene.labels().any(|(e, _)| e == event);
    // No cluster badge lies over the event's own mark.
    let own = scene
        .hits
        .iter()
        .find(|hit| hit.target == Target::Event(event))
        .map(|hit| match hit.outline {
            wpk_timeline::view::scene::Outline::Circle { center, radius } => {
                egui::Rect::from_center_size(center, egui::vec2(2.0 * radius, 2.0 * radius))
            }
            wpk_timeline::view::scene::Outline::Rect(rect) => rect,
            wpk_timeline::view::scene::Outline::None => hit.rect,
        });
    let crowded = own.is_some_and(|own| {
        scene
            .hits
            .iter()
            .any(|hit| matches!(hit.target, Target::Cluster { .. }) && hit.rect.intersects(own))
    });
    alone && labelled && !crowded
}

#[test]
fn enter_and_a_click_on_a_result_land_where_the_event_stands_alone_with_its_label() {
    for size in [(1024.0, 768.0), (1600.0, 900.0)] {
        for query in ["plenum", "purge", "Kim Jong Un", "famine", "congress"] {
            let mut harness = harness_at(AppOptions::default(), size);
            harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
            harness.run();
            harness
                .get_by_role(egui::accesskit::Role::TextInput)
                .type_text(query);
            harness.run();
            let results = harness.state().search_results().to_vec();
            assert!(!results.is_empty(), "{query}");
            harness.key_press(Key::Enter);
            settle(&mut harness);
            let first = results[0];
            assert_eq!(harness.state().selected(), Some(first));
            assert!(
                stands_alone_with_its_label(&harness, first),
                "{size:?} {query}: Enter left the first result in a cluster or unlabelled"
            );
            // A click on the last result in the list.
            let last = *results.last().expect("results");
            let timeline = &harness.state().document().expect("loaded").timeline;
            let text = format!(
                "{} — {}",
                timeline.events[last].when, timeline.events[last].record.title
            );
            harness.get_by_label(&text).scroll_to_me();
            harness.run();
            harness.get_by_label(&text).click();
            settle(&mut harness);
            assert_eq!(harness.state().selected(), Some(last));
            assert!(
                stands_alone_with_its_label(&harness, last),
                "{size:?} {query}: a click left the result in a cluster or unlabelled"
            );
        }
    }
}

#[test]
fn dimmed_events_have_dimmed_rings_and_outlines_too() {
    use wpk_timeline::ui::theme::{ThemeChoice, TimelineStyle};
    use wpk_timeline::view::scene::Shape;
    let mut harness = harness(AppOptions::default());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.run();
    harness
        .get_by_role(egui::accesskit::Role::TextInput)
        .type_text("Kim Il Sung");
    harness.run();
    let results = harness.state().search_results().to_vec();
    let scene = TimelineWidget::last_scene(&harness.ctx).expect("drawn");
    let timeline = &harness.state().document().expect("loaded").timeline;
    let bright = TimelineStyle::desktop(ThemeChoice::Light).disputed;
    let mut dimmed_disputed = 0;
    for group in &scene.groups {
        let Target::Event(event) = group.target else {
            continue;
        };
        if results.contains(&event) || !timeline.events[event].is_date_disputed() {
            continue;
        }
        dimmed_disputed += 1;
        for shape in scene.shapes_of(group) {
            let stroke = match shape {
                Shape::Circle { stroke, .. } => *stroke,
                Shape::Outline { stroke, .. } => Some(*stroke),
                _ => None,
            };
            assert!(
                stroke.is_none_or(|s| s.color != bright),
                "{}: a bright disputed ring on a dimmed event",
                timeline.events[event].record.id
            );
        }
    }
    assert!(
        dimmed_disputed > 0,
        "the fitted view shows dimmed disputed events"
    );
}

/// Issue 19: the panel's sections are headings in the accessibility tree, so a screen
/// reader can list them and jump from one to the next (they were plain bold labels).
#[test]
fn the_detail_panels_sections_are_headings_for_screen_readers() {
    use egui::accesskit::Role;
    let harness = harness(with_event("august-plenum"));
    for section in ["People", "Places", "Account", "Sources", "Related events"] {
        assert!(
            harness
                .query_by_role_and_label(Role::Heading, section)
                .is_some(),
            "{section:?} is not announced as a heading"
        );
    }
}

/// Issue 19: an era's tooltip appears after egui's usual delay while the pointer rests
/// on the band; it needed a wiggle of the pointer to appear. An event's tooltip, for
/// comparison, appears the same way.
#[test]
fn an_era_tooltip_appears_after_the_delay_without_a_wiggle() {
    let mut harness = harness(AppOptions::default());
    let scene = TimelineWidget::last_scene(&harness.ctx).expect("a scene");
    let document = harness.state().document().expect("a document");
    let (era_rect, tooltip) = scene
        .hits
        .iter()
        .find_map(|hit| match hit.target {
            Target::Era(_) => Some((
                hit.rect,
                hit.target
                    .tooltip(&document.timeline, &document.lanes)
                    .expect("an era has a tooltip"),
            )),
            _ => None,
        })
        .expect("an era in view");
    assert!(harness.query_by_label(&tooltip).is_none());
    harness.hover_at(era_rect.center());
    harness.step();
    // The pointer rests for two seconds (a frame is a quarter of a second here; egui's
    // delay is half of one).
    for _ in 0..8 {
        harness.step();
    }
    assert!(
        harness.query_by_label(&tooltip).is_some(),
        "no tooltip after resting on the era: {tooltip:?}"
    );
}

/// Issue 10 leftovers, item 4: at 1920×1080 with search results and the detail panel
/// open, while any visible event's label is hidden the lanes take the free height:
/// what is drawn in them reaches to within 15% of the bottom of the timeline area.
#[test]
fn lanes_share_the_free_height_with_search_results_and_the_panel_open() {
    for query in ["plenum", "purge", "congress", "Kim"] {
        let mut harness = harness_at(AppOptions::default(), (1920.0, 1080.0));
        harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
        harness.run();
        harness
            .get_by_role(egui::accesskit::Role::TextInput)
            .type_text(query);
        harness.run();
        harness.key_press(Key::Enter);
        settle(&mut harness);
        assert!(harness.state().is_panel_open(), "{query}: the panel opens");
        assert_lanes_take_the_height(&harness, &format!("{query}, flown to"));
        // And at the fitted view, the results and the panel still open.
        harness.get_by_label("Fit").click();
        settle(&mut harness);
        assert!(harness.state().is_panel_open(), "{query}: the panel stays");
        assert_lanes_take_the_height(&harness, &format!("{query}, fitted"));
    }
}

/// While any mark in the last scene is unlabelled (a cluster counts), what is drawn in
/// the lanes reaches to within 15% of the bottom of the timeline area.
#[track_caller]
fn assert_lanes_take_the_height(harness: &Harness<'_, TimelineApp>, what: &str) {
    use wpk_timeline::view::scene::{Layer, Shape};
    {
        let query = what;
        let area = harness.state().timeline_area().expect("a timeline area");
        let scene = TimelineWidget::last_scene(&harness.ctx).expect("a scene");
        let labelled: std::collections::BTreeSet<usize> = scene.labels().map(|(e, _)| e).collect();
        let drawn: std::collections::BTreeSet<usize> = scene
            .groups
            .iter()
            .filter_map(|g| match g.target {
                Target::Event(e) if g.class != "label" && g.clip.intersects(area) => Some(e),
                _ => None,
            })
            .collect();
        let clusters = scene.groups.iter().filter(|g| g.class == "cluster").count();
        let hidden = drawn.difference(&labelled).count() + clusters;
        let lowest = scene
            .groups
            .iter()
            .filter(|g| matches!(g.layer, Layer::Lane(_)))
            .flat_map(|g| scene.shapes_of(g))
            .filter_map(|s| match s {
                Shape::Text(run) => Some(run.rect),
                Shape::Circle { center, radius, .. } => Some(egui::Rect::from_center_size(
                    *center,
                    egui::vec2(2.0 * radius, 2.0 * radius),
                )),
                Shape::Rect { rect, .. } | Shape::Band { rect, .. } => Some(*rect),
                _ => None,
            })
            .map(|r| r.bottom())
            .fold(area.top(), f32::max);
        let empty = area.bottom() - lowest;
        assert!(
            hidden == 0 || empty <= 0.15 * area.height(),
            "{query}: {hidden} marks unlabelled while {empty:.0} of {:.0} px of the timeline area are empty",
            area.height()
        );
    }
}

/// The text of every label in the window that holds one of the summary's words.
fn summary_pieces(harness: &Harness<'_, TimelineApp>) -> Vec<String> {
    harness
        .query_all_by(|_| true)
        .filter_map(|node| {
            let node = node.accesskit_node();
            // The labels, not the runs of text in them.
            (node.role() == egui::accesskit::Role::Label)
                .then(|| node.label().or_else(|| node.value()))
                .flatten()
        })
        .filter(|text| text.starts_with('w') && text.contains(" w0"))
        .collect()
}

/// A long summary shown whole after "Show more" is laid out as labels of at most the
/// preview's size, in order, every word of it there (egui tessellates every row of a
/// label partly in view, so one label of 200 KB would cost every frame that much).
#[test]
fn a_long_text_shown_whole_is_laid_out_in_pieces_in_order() {
    let words: Vec<String> = (0..4000).map(|i| format!("w{i:05}")).collect();
    let text = include_str!("fixtures/minimal.ron").replace(
        "summary: \"Something happened.\"",
        &format!("summary: \"{}\"", words.join(" ")),
    );
    let folder = tempfile::tempdir().expect("folder");
    let path = folder.path().join("long.ron");
    std::fs::write(&path, text).expect("write");
    let mut harness = harness(AppOptions {
        file: Some(path),
        event: Some("first".to_owned()),
        ..AppOptions::default()
    });
    // The preview: one label, cut.
    let preview = summary_pieces(&harness);
    assert_eq!(preview.len(), 1, "{preview:?}");
    assert!(preview[0].len() <= wpk_timeline::ui::capped_text::PREVIEW_BYTES + 8);
    // Twice "Show more": the whole 28 KB.
    for _ in 0..2 {
        // (Below the panel's fold: clicked as a screen reader would.)
        harness
            .get_by_label_contains("Show more (")
            .click_accesskit();
        harness.run();
    }
    assert!(harness.query_by_label_contains("Show more (").is_none());
    let pieces = summary_pieces(&harness);
    assert!(pieces.len() >= 14, "{}", pieces.len());
    for piece in &pieces {
        assert!(piece.len() <= wpk_timeline::ui::capped_text::PREVIEW_BYTES);
    }
    let shown: Vec<&str> = pieces.iter().flat_map(|p| p.split_whitespace()).collect();
    assert_eq!(shown, words, "every word, in order");
}
