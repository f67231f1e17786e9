//! Random input thrown at the whole app through `egui_kittest`: wheel, pinch and
//! Ctrl+wheel zooms, drags, clicks with every button, the viewer's and the
//! presenter's keys, typed text, lane toggles, the importance slider, and window
//! sizes from 50×40 to 8000×5000. After every action (and every move of a drag)
//! the app must not have panicked and its view must be a valid one inside the
//! document's limits; after every "settle" the app must stop asking for immediate
//! repaints (a repaint loop fails). The File menu's button is never clicked and
//! Ctrl+O never pressed: they open native dialogs, which would block headless.
//!
//! Two properties: one over every window size (tiny windows and detail panels
//! dragged wide once made `overview_ui` panic on a crossed clamp), and one over
//! ordinary sizes without panel-resizing drags.

#![allow(clippy::unwrap_used)]

use egui::{Event, Key, Modifiers, PointerButton, Pos2, Vec2, pos2, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use proptest::prelude::*;
use proptest::test_runner::{Config as ProptestConfig, RngSeed};
use wpk_timeline::app::{AppOptions, TimelineApp};

/// Keys (with modifiers) a user may press: the viewer's, the presenter's, and a few more.
const KEYS: &[(Modifiers, Key)] = &[
    (Modifiers::NONE, Key::Plus),
    (Modifiers::SHIFT, Key::Plus),
    (Modifiers::NONE, Key::Equals),
    (Modifiers::NONE, Key::Minus),
    (Modifiers::NONE, Key::ArrowLeft),
    (Modifiers::NONE, Key::ArrowRight),
    (Modifiers::NONE, Key::ArrowUp),
    (Modifiers::NONE, Key::ArrowDown),
    (Modifiers::NONE, Key::Home),
    (Modifiers::NONE, Key::End),
    (Modifiers::NONE, Key::Num0),
    (Modifiers::NONE, Key::Tab),
    (Modifiers::SHIFT, Key::Tab),
    (Modifiers::NONE, Key::OpenBracket),
    (Modifiers::NONE, Key::CloseBracket),
    (Modifiers::NONE, Key::Escape),
    (Modifiers::NONE, Key::F5),
    (Modifiers::NONE, Key::PageDown),
    (Modifiers::NONE, Key::PageUp),
    (Modifiers::NONE, Key::Space),
    (Modifiers::NONE, Key::Backspace),
    (Modifiers::NONE, Key::B),
    (Modifiers::NONE, Key::W),
    (Modifiers::NONE, Key::P),
    (Modifiers::NONE, Key::T),
    (Modifiers::NONE, Key::X),
    (Modifiers::NONE, Key::Num1),
    (Modifiers::NONE, Key::Num2),
    (Modifiers::NONE, Key::Num3),
    (Modifiers::NONE, Key::Num5),
    (Modifiers::NONE, Key::Num9),
    (Modifiers::NONE, Key::Enter),
    (Modifiers::COMMAND, Key::F),
    (Modifiers::COMMAND, Key::R),
    (Modifiers::ALT, Key::ArrowLeft),
    (Modifiers::ALT, Key::ArrowRight),
];

/// Window sizes worth trying besides random ones.
const SIZES: &[(f32, f32)] = &[
    (50.0, 40.0),
    (120.0, 90.0),
    (320.0, 240.0),
    (1600.0, 900.0),
    (8000.0, 5000.0),
];

/// Text worth typing besides random ASCII: what the search is built for.
const TEXTS: &[&str] = &[
    "choe",
    "CH'OE CHANG",
    "kim chong il",
    "Kim Chŏng-il",
    "박헌영",
    "8월",
    "1956",
    "  ",
    "---",
];

/// A point as fractions of the window (a little outside it too).
#[derive(Clone, Copy, Debug)]
struct At(f32, f32);

impl At {
    fn pos(self, size: Vec2) -> Pos2 {
        pos2(self.0 * size.x, self.1 * size.y)
    }
}

#[derive(Clone, Debug)]
enum Action {
    /// The wheel turned over `at` (with Ctrl: a zoom in egui).
    Wheel { at: At, delta: Vec2, ctrl: bool },
    /// A pinch (or Ctrl+wheel as the platform reports it).
    Zoom { at: At, factor: f32 },
    /// Press at `from`, move in `moves` steps, release at `to`.
    Drag { from: At, to: At, moves: u8 },
    /// Press and release a button at `at`.
    Click { at: At, button: PointerButton },
    /// Move the pointer there and leave it.
    Hover(At),
    /// The pointer left the window.
    PointerGone,
    /// A key with modifiers.
    Key(Modifiers, Key),
    /// Text typed (goes to whatever has the keyboard).
    Text(String),
    /// Ctrl+F, then the text typed into the search box.
    Search(String),
    /// The window resized.
    Resize(f32, f32),
    /// A click on the n-th "Hide lane" label (modulo how many there are).
    ToggleLane(usize),
    /// The Lanes menu: click the n-th check box, or set the importance slider.
    LanesMenu {
        checkbox: usize,
        importance: Option<f64>,
    },
    /// A few frames with nothing happening.
    Wait(u8),
    /// Run until the app stops asking for repaints.
    Settle,
}

fn at() -> impl Strategy<Value = At> {
    prop_oneof![
        9 => (0.0f32..1.0, 0.0f32..1.0).prop_map(|(x, y)| At(x, y)),
        1 => (-0.2f32..1.2, -0.2f32..1.2).prop_map(|(x, y)| At(x, y)),
    ]
}

fn button() -> impl Strategy<Value = PointerButton> {
    prop_oneof![
        8 => Just(PointerButton::Primary),
        1 => Just(PointerButton::Secondary),
        1 => Just(PointerButton::Middle),
        1 => Just(PointerButton::Extra1),
        1 => Just(PointerButton::Extra2),
    ]
}

fn wheel_delta() -> impl Strategy<Value = Vec2> {
    prop_oneof![
        4 => (-400.0f32..400.0).prop_map(|y| vec2(0.0, y)),
        2 => (-400.0f32..400.0, -400.0f32..400.0).prop_map(|(x, y)| vec2(x, y)),
        1 => prop::sample::select(vec![1.0e5f32, -1.0e5, 3.0e4, -3.0e4])
            .prop_map(|y| vec2(0.0, y)),
        1 => prop::sample::select(vec![1.0e5f32, -1.0e5]).prop_map(|x| vec2(x, 0.0)),
    ]
}

fn zoom_factor() -> impl Strategy<Value = f32> {
    prop_oneof![
        4 => 0.5f32..2.0,
        2 => (-9.0f32..9.0).prop_map(f32::exp2),
        1 => prop::sample::select(vec![1.0e-6f32, 1.0e6, 0.0]),
    ]
}

/// Which window sizes and drags to try.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Range {
    /// Everything, from 50×40 to 8000×5000, panel edges dragged anywhere.
    All,
    /// At least 800×500, and no drags that start on a panel's resize edge.
    Ordinary,
}

fn size(range: Range) -> BoxedStrategy<(f32, f32)> {
    match range {
        Range::All => prop_oneof![
            1 => prop::sample::select(SIZES),
            1 => (200.0f32..2600.0, 150.0f32..1600.0),
        ]
        .boxed(),
        Range::Ordinary => prop_oneof![
            1 => prop::sample::select(vec![(800.0f32, 500.0f32), (1600.0, 900.0), (8000.0, 5000.0)]),
            1 => (800.0f32..2600.0, 500.0f32..1600.0),
        ]
        .boxed(),
    }
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        1 => prop::sample::select(TEXTS).prop_map(str::to_owned),
        1 => "[a-zA-Z0-9 ',.-]{0,12}",
    ]
}

fn action(range: Range) -> impl Strategy<Value = Action> {
    prop_oneof![
        6 => (at(), wheel_delta(), prop::bool::weighted(0.3))
            .prop_map(|(at, delta, ctrl)| Action::Wheel { at, delta, ctrl }),
        3 => (at(), zoom_factor()).prop_map(|(at, factor)| Action::Zoom { at, factor }),
        4 => (at(), at(), 1u8..6).prop_map(|(from, to, moves)| Action::Drag { from, to, moves }),
        6 => (at(), button()).prop_map(|(at, button)| Action::Click { at, button }),
        2 => at().prop_map(Action::Hover),
        1 => Just(Action::PointerGone),
        9 => prop::sample::select(KEYS).prop_map(|(m, k)| Action::Key(m, k)),
        2 => text().prop_map(Action::Text),
        2 => text().prop_map(Action::Search),
        2 => size(range).prop_map(|(w, h)| Action::Resize(w, h)),
        2 => (0usize..12).prop_map(Action::ToggleLane),
        1 => (0usize..12, prop::option::of(0.0f64..7.0))
            .prop_map(|(checkbox, importance)| Action::LanesMenu { checkbox, importance }),
        2 => (1u8..5).prop_map(Action::Wait),
        2 => Just(Action::Settle),
    ]
}

fn harness() -> Harness<'static, TimelineApp> {
    let app = TimelineApp::new(AppOptions::default());
    Harness::builder()
        .with_size(vec2(1600.0, 900.0))
        .with_max_steps(40)
        .build_ui_state(|ui, app: &mut TimelineApp| app.show(ui), app)
}

/// The window size the harness is showing.
fn window_size(harness: &Harness<'_, TimelineApp>) -> Vec2 {
    harness.ctx.content_rect().size()
}

/// The view is valid and within the document's limits; the drawn area is finite.
fn check(harness: &Harness<'_, TimelineApp>, after: &str) -> Result<(), String> {
    let app = harness.state();
    let document = app
        .document()
        .ok_or_else(|| format!("after {after}: the embedded document is gone"))?;
    let limits = document.limits;
    let widest = limits.latest - limits.earliest;
    let epsilon = widest * 1e-9 + 1e-9;
    let view = app.view();
    let problem = if !view.is_valid() {
        Some("is not valid")
    } else if view.min < limits.earliest - epsilon {
        Some("starts before the earliest time")
    } else if view.max() > limits.latest + epsilon {
        Some("ends after the latest time")
    } else if view.span < limits.min_span.min(widest) - epsilon {
        Some("is narrower than the narrowest span")
    } else if view.span > widest + epsilon {
        Some("is wider than the whole span")
    } else {
        None
    };
    if let Some(problem) = problem {
        return Err(format!(
            "after {after}: the view {view:?} {problem} (limits {limits:?})"
        ));
    }
    if let Some(area) = app.timeline_area()
        && !(area.min.x.is_finite()
            && area.min.y.is_finite()
            && area.max.x.is_finite()
            && area.max.y.is_finite())
    {
        return Err(format!(
            "after {after}: the timeline area {area:?} is not finite"
        ));
    }
    if let Some(lecture) = app.presentation()
        && lecture.current >= lecture.steps.len()
    {
        return Err(format!(
            "after {after}: presentation step {} of {}",
            lecture.current,
            lecture.steps.len()
        ));
    }
    Ok(())
}

/// Queues `event` and runs the frame that handles it.
fn send(harness: &mut Harness<'_, TimelineApp>, event: Event) {
    harness.event(event);
    harness.step();
}

fn press_at(harness: &mut Harness<'_, TimelineApp>, pos: Pos2, button: PointerButton) {
    send(harness, Event::PointerMoved(pos));
    for pressed in [true, false] {
        send(
            harness,
            Event::PointerButton {
                pos,
                button,
                pressed,
                modifiers: Modifiers::NONE,
            },
        );
    }
}

/// Whether `pos` is on the File menu's button: its Open and Save items start native
/// dialogs, which a headless test must not wait on.
fn on_file_menu(harness: &Harness<'_, TimelineApp>, pos: Pos2) -> bool {
    harness
        .query_all_by_label("File")
        .any(|node| node.rect().expand(2.0).contains(pos))
}

/// Whether the pointer at `pos` would grab a panel's resize edge.
fn on_resize_edge(harness: &mut Harness<'_, TimelineApp>, pos: Pos2) -> bool {
    send(harness, Event::PointerMoved(pos));
    matches!(
        harness.output().platform_output.cursor_icon,
        egui::CursorIcon::ResizeHorizontal
            | egui::CursorIcon::ResizeColumn
            | egui::CursorIcon::ResizeEast
            | egui::CursorIcon::ResizeWest
            | egui::CursorIcon::ResizeVertical
            | egui::CursorIcon::ResizeRow
            | egui::CursorIcon::ResizeNorth
            | egui::CursorIcon::ResizeSouth
    )
}

fn perform(
    harness: &mut Harness<'_, TimelineApp>,
    action: &Action,
    range: Range,
) -> Result<(), String> {
    let size = window_size(harness);
    match action {
        Action::Wheel { at, delta, ctrl } => {
            send(harness, Event::PointerMoved(at.pos(size)));
            let modifiers = if *ctrl {
                Modifiers::COMMAND
            } else {
                Modifiers::NONE
            };
            let wheel = Event::MouseWheel {
                unit: egui::MouseWheelUnit::Point,
                delta: *delta,
                phase: egui::TouchPhase::Move,
                source: egui::MouseWheelSource::Wheel,
                modifiers,
            };
            if *ctrl {
                harness.event_modifiers(wheel, modifiers);
                harness.step();
            } else {
                send(harness, wheel);
            }
        }
        Action::Zoom { at, factor } => {
            send(harness, Event::PointerMoved(at.pos(size)));
            send(harness, Event::Zoom(*factor));
        }
        Action::Drag { from, to, moves } => {
            let (from, to) = (from.pos(size), to.pos(size));
            if on_file_menu(harness, from)
                || (range == Range::Ordinary && on_resize_edge(harness, from))
            {
                return Ok(());
            }
            send(harness, Event::PointerMoved(from));
            send(
                harness,
                Event::PointerButton {
                    pos: from,
                    button: PointerButton::Primary,
                    pressed: true,
                    modifiers: Modifiers::NONE,
                },
            );
            for k in 1..=*moves {
                let pos = from.lerp(to, f32::from(k) / f32::from(*moves));
                send(harness, Event::PointerMoved(pos));
                check(harness, "a drag move")?;
            }
            send(
                harness,
                Event::PointerButton {
                    pos: to,
                    button: PointerButton::Primary,
                    pressed: false,
                    modifiers: Modifiers::NONE,
                },
            );
        }
        Action::Click { at, button } => {
            let pos = at.pos(size);
            if !on_file_menu(harness, pos) {
                press_at(harness, pos, *button);
            }
        }
        Action::Hover(at) => send(harness, Event::PointerMoved(at.pos(size))),
        Action::PointerGone => send(harness, Event::PointerGone),
        Action::Key(modifiers, key) => {
            if modifiers.is_none() {
                harness.key_press(*key);
            } else {
                harness.key_press_modifiers(*modifiers, *key);
            }
            harness.step();
        }
        Action::Text(text) => send(harness, Event::Text(text.clone())),
        Action::Search(text) => {
            harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
            harness.step();
            harness.step();
            send(harness, Event::Text(text.clone()));
        }
        Action::Resize(width, height) => {
            harness.set_size(vec2(*width, *height));
            harness.step();
        }
        Action::ToggleLane(n) => {
            let lanes: Vec<Pos2> = harness
                .query_all_by_label_contains("Hide lane")
                .map(|node| node.rect().center())
                .collect();
            if !lanes.is_empty() {
                press_at(harness, lanes[n % lanes.len()], PointerButton::Primary);
            }
        }
        Action::LanesMenu {
            checkbox,
            importance,
        } => {
            let Some(lanes) = harness.query_by_label("Lanes").map(|n| n.rect().center()) else {
                return Ok(());
            };
            press_at(harness, lanes, PointerButton::Primary);
            match importance {
                Some(value) => {
                    if let Some(slider) = harness
                        .query_all_by_role(egui::accesskit::Role::SpinButton)
                        .next()
                    {
                        slider.set_value_accesskit(*value);
                    }
                    harness.step();
                }
                None => {
                    let boxes: Vec<Pos2> = harness
                        .query_all_by_role(egui::accesskit::Role::CheckBox)
                        .map(|node| node.rect().center())
                        .collect();
                    if !boxes.is_empty() {
                        press_at(
                            harness,
                            boxes[checkbox % boxes.len()],
                            PointerButton::Primary,
                        );
                    }
                }
            }
        }
        Action::Wait(frames) => {
            for _ in 0..*frames {
                harness.step();
                check(harness, "an idle frame")?;
            }
        }
        Action::Settle => settle(harness)?,
    }
    Ok(())
}

/// Runs until no immediate repaint is asked for; a ui that never settles is a repaint loop.
fn settle(harness: &mut Harness<'_, TimelineApp>) -> Result<(), String> {
    harness
        .try_run()
        .map(|_| ())
        .map_err(|error| format!("the app did not settle: {error}"))
}

fn run_actions(actions: &[Action], range: Range) -> Result<(), String> {
    let mut harness = harness();
    check(&harness, "start")?;
    for (i, action) in actions.iter().enumerate() {
        perform(&mut harness, action, range)?;
        check(&harness, &format!("action {i}: {action:?}"))?;
    }
    settle(&mut harness)?;
    check(&harness, "the final settle")
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 64,
        failure_persistence: None,
        rng_seed: RngSeed::Fixed(0x57a7_e1e5),
        max_shrink_iters: 400,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn random_input_at_ordinary_sizes_never_panics_and_keeps_the_view_valid(
        actions in prop::collection::vec(action(Range::Ordinary), 1..40)
    ) {
        if let Err(problem) = run_actions(&actions, Range::Ordinary) {
            return Err(TestCaseError::fail(problem));
        }
    }

    #[test]
    fn random_input_never_panics_and_keeps_the_view_valid(
        actions in prop::collection::vec(action(Range::All), 1..40)
    ) {
        if let Err(problem) = run_actions(&actions, Range::All) {
            return Err(TestCaseError::fail(problem));
        }
    }
}

/// The detail panel is open (Tab selects the first event).
fn with_panel(mut actions: Vec<Action>) -> Vec<Action> {
    actions.insert(0, Action::Settle);
    actions.insert(0, Action::Key(Modifiers::NONE, Key::Tab));
    actions
}

/// Found by the property above; each sequence alone once panicked in `overview_ui`.
#[test]
fn an_overview_strip_narrower_than_50_points_does_not_panic() {
    let sequences = [
        // A tiny window.
        vec![Action::Resize(50.0, 40.0), Action::Settle],
        // A small window with the detail panel open.
        with_panel(vec![Action::Resize(320.0, 240.0), Action::Settle]),
        // A normal window whose detail panel's edge (x = 1216 at 1600×900) is dragged
        // to the left edge of the window.
        with_panel(vec![
            Action::Drag {
                from: At(1216.0 / 1600.0, 0.5),
                to: At(0.0, 0.5),
                moves: 4,
            },
            Action::Settle,
        ]),
    ];
    for actions in sequences {
        let outcome = std::panic::catch_unwind(|| run_actions(&actions, Range::All));
        match outcome {
            Ok(Ok(())) => {}
            Ok(Err(problem)) => panic!("{actions:?}: {problem}"),
            Err(_) => panic!("{actions:?}: the app panicked"),
        }
    }
}

/// The worst cases on purpose, in a fixed order: extreme zooms, wheel turns and
/// drags at small and huge sizes, with the detail panel open, and presentation mode.
#[test]
fn extreme_sizes_and_zooms_keep_the_view_valid() {
    let centre = At(0.6, 0.5);
    let mut actions = Vec::new();
    for (width, height) in [(8000.0, 5000.0), (800.0, 500.0), (1600.0, 900.0)] {
        actions.push(Action::Resize(width, height));
        for factor in [1.0e6, 1.0e-6, 0.0, 2.0] {
            actions.push(Action::Zoom { at: centre, factor });
        }
        for delta in [vec2(0.0, 1.0e5), vec2(0.0, -1.0e5), vec2(1.0e5, 0.0)] {
            actions.push(Action::Wheel {
                at: centre,
                delta,
                ctrl: false,
            });
        }
        actions.push(Action::Wheel {
            at: centre,
            delta: vec2(0.0, 1.0e5),
            ctrl: true,
        });
        actions.push(Action::Drag {
            from: At(0.5, 0.5),
            to: At(1.2, 0.5),
            moves: 3,
        });
        actions.push(Action::Key(Modifiers::NONE, Key::F5));
        actions.push(Action::Key(Modifiers::NONE, Key::End));
        actions.push(Action::Settle);
        actions.push(Action::Zoom {
            at: centre,
            factor: 1.0e6,
        });
        actions.push(Action::Key(Modifiers::NONE, Key::Escape));
        actions.push(Action::Settle);
    }
    if let Err(problem) = run_actions(&with_panel(actions), Range::Ordinary) {
        panic!("{problem}");
    }
}

/// Every lane hidden, then search and step through events: nothing to draw is fine.
#[test]
fn hiding_every_lane_and_stepping_is_harmless() {
    let mut actions: Vec<Action> = (0..12).map(|_| Action::ToggleLane(0)).collect();
    actions.extend([
        Action::Key(Modifiers::NONE, Key::Tab),
        Action::Key(Modifiers::NONE, Key::Plus),
        Action::Wheel {
            at: At(0.6, 0.5),
            delta: vec2(0.0, 300.0),
            ctrl: false,
        },
        Action::Key(Modifiers::COMMAND, Key::F),
        Action::Text("kim".to_owned()),
        Action::Key(Modifiers::NONE, Key::Enter),
        Action::Settle,
        Action::Key(Modifiers::NONE, Key::F5),
        Action::Key(Modifiers::NONE, Key::ArrowRight),
        Action::Settle,
    ]);
    if let Err(problem) = run_actions(&actions, Range::Ordinary) {
        panic!("{problem}");
    }
}
