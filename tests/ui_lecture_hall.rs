//! The lecture hall (issue 12) driven through `egui_kittest`: resuming where Esc left,
//! camera flights that land on a second press, the projector type scale and its sizes
//! at every step and projector size, the presenter's window (blank banner, step list,
//! timer) and the laser pointer.

use egui::epaint::{ClippedShape, Shape};
use egui::{Key, Modifiers, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use wpk_timeline::app::{AppOptions, TimelineApp};
use wpk_timeline::ui::theme::{CAP_HEIGHT, PROJECTOR_MIN_CAP_SHARE, ThemeChoice};
use wpk_timeline::ui::timeline_ui::TimelineWidget;
use wpk_timeline::view::scene::{Layer, Shape as SceneShape, Target, TextRole};

fn harness_at(size: egui::Vec2, options: AppOptions) -> Harness<'static, TimelineApp> {
    let mut harness = Harness::builder()
        .with_size(size)
        .with_max_steps(200)
        .build_ui_state(
            |ui, app: &mut TimelineApp| app.show(ui),
            TimelineApp::new(options),
        );
    // The timeline's and the map's texts are painted into meshes: keep them for
    // `painted_texts`.
    wpk_timeline::render::egui_mesh::keep_painted_texts(&harness.ctx);
    harness.run();
    harness
}

fn viewer() -> Harness<'static, TimelineApp> {
    harness_at(egui::vec2(1600.0, 900.0), AppOptions::default())
}

fn presenting() -> Harness<'static, TimelineApp> {
    harness_at(
        egui::vec2(1600.0, 900.0),
        AppOptions {
            present: true,
            ..AppOptions::default()
        },
    )
}

fn press(harness: &mut Harness<'_, TimelineApp>, key: Key) {
    harness.key_press(key);
    harness.run();
}

fn step(harness: &Harness<'_, TimelineApp>) -> usize {
    harness.state().presentation().expect("presenting").current
}

#[test]
fn escape_then_f5_resumes_at_the_same_step_with_the_timer_running() {
    let mut harness = viewer();
    press(&mut harness, Key::F5);
    for _ in 0..5 {
        press(&mut harness, Key::ArrowRight);
    }
    let started = harness
        .state()
        .presentation()
        .expect("presenting")
        .started_at;
    press(&mut harness, Key::Escape);
    assert!(!harness.state().is_presenting());
    assert_eq!(
        harness.state().left_presentation().map(|p| p.current),
        Some(5)
    );
    // Some time passes in the viewer.
    harness.run_steps(30);
    press(&mut harness, Key::F5);
    assert_eq!(step(&harness), 5, "F5 resumes where Esc left");
    let lecture = harness.state().presentation().expect("presenting");
    assert_eq!(lecture.started_at, started, "the timer kept running");
    assert!(lecture.elapsed(harness.ctx.input(|i| i.time)) > 0.0);
    harness.get_by_label_contains("6 / 27");
    // Shift+F5 starts from the beginning, the timer from zero.
    press(&mut harness, Key::Escape);
    harness.key_press_modifiers(Modifiers::SHIFT, Key::F5);
    harness.run();
    assert_eq!(step(&harness), 0);
    assert!(
        harness
            .state()
            .presentation()
            .expect("presenting")
            .started_at
            > started
    );
}

#[test]
fn g_and_a_number_jump_anywhere() {
    let mut harness = presenting();
    press(&mut harness, Key::G);
    harness.get_by_label_contains("Go to step …");
    press(&mut harness, Key::Num2);
    press(&mut harness, Key::Num0);
    harness.get_by_label_contains("Go to step 20…");
    press(&mut harness, Key::Enter);
    assert_eq!(step(&harness), 19);
    // G then Escape only takes the question back.
    press(&mut harness, Key::G);
    press(&mut harness, Key::Escape);
    assert!(harness.state().is_presenting());
    assert!(harness.query_by_label_contains("Go to step").is_none());
}

#[test]
fn nothing_in_presentation_changes_the_desktop_theme() {
    let mut harness = viewer();
    assert_eq!(harness.state().settings().theme, ThemeChoice::Light);
    press(&mut harness, Key::F5);
    assert_eq!(harness.state().projector_theme(), ThemeChoice::Light);
    press(&mut harness, Key::T);
    assert_eq!(harness.state().projector_theme(), ThemeChoice::Dark);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Plus);
    harness.run();
    press(&mut harness, Key::Escape);
    // The desktop is as it was; the projector's choices are remembered apart.
    assert_eq!(harness.ctx.theme(), egui::Theme::Light);
    let settings = harness.state().settings();
    assert_eq!(settings.theme, ThemeChoice::Light);
    assert_eq!(settings.projector_theme, Some(ThemeChoice::Dark));
    assert_eq!(settings.presentation_type.get(""), Some(&110));
    press(&mut harness, Key::F5);
    assert_eq!(harness.state().projector_theme(), ThemeChoice::Dark);
    assert!((harness.state().type_scale() - 1.1).abs() < 1e-6);
}

#[test]
fn the_card_changes_when_the_flight_lands_and_a_second_press_lands_it_at_once() {
    let mut harness = presenting();
    press(&mut harness, Key::End);
    let first_card = harness.state().projector_card();
    // From the last step (2010s) back to the first (1926): a long flight.
    harness.key_press(Key::Home);
    harness.step();
    harness.step();
    let flight = harness.state().flight_seconds().expect("flying");
    assert!(flight > 1.0, "a long jump takes longer: {flight}");
    assert_eq!(step(&harness), 0);
    assert_eq!(
        harness.state().projector_card(),
        first_card,
        "the old card stays during the flight"
    );
    // A second press lands the flight instead of stepping on.
    harness.key_press(Key::ArrowRight);
    harness.step();
    assert!(harness.state().flight_seconds().is_none());
    assert_eq!(step(&harness), 0);
    let lecture = harness.state().presentation().expect("presenting");
    assert_eq!(harness.state().projector_card(), lecture.card_event());
}

/// Every text painted this frame, with its font sizes: egui's text shapes, and the
/// texts of scenes (the timeline, the map), which are painted into meshes.
fn painted_texts(harness: &Harness<'_, TimelineApp>) -> Vec<(String, f32, egui::Rect)> {
    fn walk(shape: &Shape, out: &mut Vec<(String, f32, egui::Rect)>) {
        match shape {
            Shape::Vec(shapes) => shapes.iter().for_each(|s| walk(s, out)),
            Shape::Text(text) => {
                let rect = text.visual_bounding_rect();
                for section in &text.galley.job.sections {
                    let range = section.byte_range.start.0..section.byte_range.end.0;
                    let part = text.galley.job.text.get(range).unwrap_or_default();
                    if !part.trim().is_empty() {
                        out.push((part.to_owned(), section.format.font_id.size, rect));
                    }
                }
            }
            _ => {}
        }
    }
    let mut out: Vec<(String, f32, egui::Rect)> =
        wpk_timeline::render::egui_mesh::painted_texts(&harness.ctx)
            .into_iter()
            .filter(|painted| !painted.text.trim().is_empty())
            .map(|painted| (painted.text, painted.size, painted.rect))
            .collect();
    for ClippedShape {
        shape, clip_rect, ..
    } in &harness.output().shapes
    {
        let mut texts = Vec::new();
        walk(shape, &mut texts);
        out.extend(
            texts
                .into_iter()
                .filter(|(_, _, rect)| clip_rect.intersects(*rect)),
        );
    }
    out
}

/// The cap height of the interface font as a share of its size, measured.
fn measured_cap_height(harness: &Harness<'_, TimelineApp>) -> f32 {
    let galley = harness.ctx.fonts_mut(|fonts| {
        fonts.layout_no_wrap(
            "H".to_owned(),
            egui::FontId::proportional(100.0),
            egui::Color32::WHITE,
        )
    });
    galley.rows[0].visuals.mesh_bounds.height() / 100.0
}

#[test]
fn every_projector_text_is_readable_from_the_back_row_at_every_step_and_size() {
    for (width, height) in [(1024.0, 768.0), (1280.0, 720.0), (1920.0, 1080.0)] {
        let mut harness = harness_at(
            egui::vec2(width, height),
            AppOptions {
                present: true,
                ..AppOptions::default()
            },
        );
        let cap = measured_cap_height(&harness);
        assert!(
            cap >= CAP_HEIGHT,
            "the theme assumes capitals {CAP_HEIGHT} of the size; measured {cap}"
        );
        let least = height * PROJECTOR_MIN_CAP_SHARE;
        for number in 1..=27 {
            if number > 1 {
                press(&mut harness, Key::ArrowRight);
            }
            // The frame after settling paints everything.
            harness.step();
            let texts = painted_texts(&harness);
            assert!(texts.len() > 10, "step {number}: {texts:?}");
            for (text, size, _) in &texts {
                assert!(
                    size * cap >= least - 0.01,
                    "step {number} at {width}x{height}: {text:?} at {size} pt has capitals \
                     {:.1} px tall, less than 1/40 of the screen ({least:.1} px)",
                    size * cap
                );
            }
            // The step line is there.
            assert!(
                texts
                    .iter()
                    .any(|(text, _, _)| text.contains(&format!("{number} / 27 · "))),
                "step {number}: no step line"
            );
            timeline_sheds_rather_than_crowds(
                &harness,
                &format!("step {number} at {width}x{height}"),
            );
        }
    }
}

/// With type this large the timeline shows fewer labels, never crowded ones: no two texts
/// of its scene overlap, no lane's name reaches into another lane's marks or labels, and
/// the step's own event keeps its label.
fn timeline_sheds_rather_than_crowds(harness: &Harness<'_, TimelineApp>, at: &str) {
    let scene = TimelineWidget::last_scene(&harness.ctx).expect("a scene");
    let texts: Vec<(egui::Rect, &str, TextRole)> = scene
        .texts()
        .filter(|(group, run)| group.clip.intersects(run.rect))
        .map(|(_, run)| (run.rect, run.text.as_str(), run.role))
        .collect();
    for (i, (a, text_a, _)) in texts.iter().enumerate() {
        for (b, text_b, _) in &texts[i + 1..] {
            let overlap = a.intersect(*b);
            assert!(
                overlap.width() <= 0.5 || overlap.height() <= 0.5,
                "{at}: {text_a:?} runs into {text_b:?}"
            );
        }
    }
    // Each lane's vertical extent, from what its layer draws.
    let mut extent: std::collections::BTreeMap<usize, (f32, f32)> = Default::default();
    for group in &scene.groups {
        let Layer::Lane(lane) = group.layer else {
            continue;
        };
        for shape in scene.shapes_of(group) {
            let rect = match shape {
                SceneShape::Text(run) => run.rect,
                SceneShape::Circle { center, radius, .. } => {
                    egui::Rect::from_center_size(*center, egui::Vec2::splat(2.0 * radius))
                }
                SceneShape::Rect { rect, .. } | SceneShape::Band { rect, .. } => *rect,
                _ => continue,
            };
            let e = extent.entry(lane).or_insert((rect.top(), rect.bottom()));
            e.0 = e.0.min(rect.top());
            e.1 = e.1.max(rect.bottom());
        }
    }
    for (rect, text, role) in &texts {
        let TextRole::LaneName(lane) = role else {
            continue;
        };
        for (other, (top, bottom)) in &extent {
            assert!(
                other == lane || rect.bottom() <= top + 0.5 || rect.top() >= bottom - 0.5,
                "{at}: the lane name {text:?} reaches into lane {other}'s rows"
            );
        }
    }
    let app = harness.state();
    let event = app
        .presentation()
        .and_then(|p| p.card_event())
        .expect("a card");
    assert!(
        scene.labels().any(|(e, _)| e == event),
        "{at}: the step's event has no label"
    );
}

#[test]
fn ctrl_plus_and_minus_scale_the_type_and_say_so() {
    let mut harness = presenting();
    let size_of = |harness: &Harness<'_, TimelineApp>| {
        painted_texts(harness)
            .into_iter()
            .find(|(text, _, _)| text.contains("1 / 27 · "))
            .map(|(_, size, _)| size)
            .expect("the step line")
    };
    let before = size_of(&harness);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Plus);
    harness.step();
    assert!(
        painted_texts(&harness)
            .iter()
            .any(|(text, _, _)| text == "Type 110%")
    );
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Plus);
    harness.step();
    assert!(
        painted_texts(&harness)
            .iter()
            .any(|(text, _, _)| text == "Type 125%")
    );
    let larger = size_of(&harness);
    assert!(
        (larger / before - 1.25).abs() < 0.01,
        "{before} -> {larger}"
    );
    // The notice goes after a moment.
    harness.run_steps(120);
    assert!(
        !painted_texts(&harness)
            .iter()
            .any(|(text, _, _)| text.starts_with("Type "))
    );
    for _ in 0..3 {
        harness.key_press_modifiers(Modifiers::COMMAND, Key::Minus);
        harness.run();
    }
    assert!((harness.state().type_scale() - 0.9).abs() < 1e-6);
    // It does not step or leave.
    assert_eq!(step(&harness), 0);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Num0);
    harness.run();
    assert!((harness.state().type_scale() - 1.0).abs() < 1e-6);
}

#[test]
fn the_presenter_sees_the_blank_state_and_jumps_from_the_step_list() {
    let mut harness = presenting();
    press(&mut harness, Key::P);
    assert!(
        harness
            .query_by_label_contains("AUDIENCE SCREEN BLANK")
            .is_none()
    );
    press(&mut harness, Key::B);
    harness.get_by_label_contains("AUDIENCE SCREEN BLANK (black)");
    press(&mut harness, Key::X);
    assert!(
        harness
            .query_by_label_contains("AUDIENCE SCREEN BLANK")
            .is_none()
    );
    press(&mut harness, Key::W);
    harness.get_by_label_contains("AUDIENCE SCREEN BLANK (white)");
    // The timer's buttons leave the screen blank.
    harness.get_by_label("Pause").click();
    harness.run();
    harness.get_by_label_contains("AUDIENCE SCREEN BLANK (white)");
    let lecture = harness.state().presentation().expect("presenting");
    assert!(lecture.paused_at.is_some());
    harness.get_by_label_contains("(paused)");
    harness.get_by_label("Go on").click();
    harness.run();
    assert!(
        harness
            .state()
            .presentation()
            .expect("presenting")
            .paused_at
            .is_none()
    );
    harness.get_by_label("Reset").click();
    harness.run();
    harness.get_by_label_contains("elapsed 00:00");
    press(&mut harness, Key::X);
    // A click in the step list jumps there.
    harness.get_by_label_contains("14. ").click();
    harness.run();
    assert_eq!(step(&harness), 13);
    harness.get_by_label_contains("Step 14 / 27");
}

#[test]
fn the_laser_pointer_shows_while_l_is_held_or_the_mouse_moves_and_hides_when_still() {
    let mut harness = presenting();
    assert!(!harness.state().is_laser_shown());
    harness.key_down(Key::L);
    harness.hover_at(Pos2::new(800.0, 300.0));
    harness.step();
    assert!(harness.state().is_laser_shown());
    harness.key_up(Key::L);
    harness.run_steps(120);
    assert!(!harness.state().is_laser_shown(), "L let go, mouse still");
    // A single bump does not show it; moving on for a moment does.
    harness.hover_at(Pos2::new(810.0, 300.0));
    harness.step();
    assert!(!harness.state().is_laser_shown());
    for i in 0..20 {
        harness.hover_at(Pos2::new(820.0 + 5.0 * i as f32, 300.0));
        harness.step();
    }
    assert!(harness.state().is_laser_shown());
    // Still: it hides by itself after a moment.
    harness.run_steps(120);
    assert!(!harness.state().is_laser_shown());
}

/// A pointer resting on the overview strip shows its "drag the rectangle" tooltip at the
/// desk, never on the projector (seen by a tester, in front of the hall).
#[test]
fn the_overview_tooltip_stays_off_the_projector() {
    const TIP: &str = "drag the rectangle";
    let rest_on_overview = |harness: &mut Harness<'static, TimelineApp>| {
        let centre = harness
            .get_by_label("Overview of the whole span")
            .rect()
            .center();
        harness.hover_at(centre);
        // Long past egui's tooltip delay, with the pointer still.
        for _ in 0..40 {
            harness.step();
            std::thread::sleep(std::time::Duration::from_millis(25));
        }
        harness.run();
        harness.query_by_label_contains(TIP).is_some()
    };
    let mut desk = viewer();
    assert!(
        rest_on_overview(&mut desk),
        "the desk shows the overview's tooltip"
    );
    let mut hall = presenting();
    assert!(
        !rest_on_overview(&mut hall),
        "the projector shows the overview's tooltip"
    );
}

/// The step's own event is drawn as what it is: a period as a bar over its extent, never
/// as a dot on its start (the projector has fewer bar rows than the explorer, and a
/// period that found none used to fall into the point row).
#[test]
fn every_steps_own_period_is_a_bar_at_every_projector_size() {
    for (width, height) in [(1024.0, 768.0), (1920.0, 1080.0)] {
        let mut harness = harness_at(
            egui::vec2(width, height),
            AppOptions {
                present: true,
                ..AppOptions::default()
            },
        );
        let mut periods = 0;
        for number in 1..=27 {
            if number > 1 {
                press(&mut harness, Key::ArrowRight);
            }
            harness.step();
            let app = harness.state();
            let event = app
                .presentation()
                .and_then(|p| p.card_event())
                .expect("a card");
            let shown = &app.document().expect("a document").timeline.events[event];
            let record = &shown.record;
            // Periods of more than 45 days get bar rows. Shorter ones are bars only when
            // a bar's width on screen, clear of their neighbours and not disputed (the WPNK
            // congress, 28–30 August 1946, is disputed and keeps its ringed dot).
            let (start, end) = shown.when.uncertainty();
            if record.end.is_none() || end - start <= 45.0 {
                continue;
            }
            periods += 1;
            let scene = TimelineWidget::last_scene(&harness.ctx).expect("a scene");
            let drawn: Vec<&str> = scene
                .groups
                .iter()
                .filter(|g| g.target == Target::Event(event))
                .map(|g| g.class)
                .collect();
            assert!(
                drawn.contains(&"bar"),
                "step {number} at {width}x{height}: {:?} ({} – {:?}) is drawn as {drawn:?}, not a bar",
                record.title,
                record.date,
                record.end
            );
        }
        assert!(periods >= 2, "the tour shows periods: {periods}");
    }
}
