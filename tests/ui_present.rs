//! Presentation mode driven through `egui_kittest`: entering and leaving, every
//! clicker key, jumping by number, blank screens, and the card and progress shown.

use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use wpk_timeline::app::{AppOptions, TimelineApp};
use wpk_timeline::ui::detail_panel::flag_note;

fn harness(options: AppOptions) -> Harness<'static, TimelineApp> {
    let app = TimelineApp::new(options);
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1920.0, 1080.0))
        .with_max_steps(16)
        .build_ui_state(|ui, app: &mut TimelineApp| app.show(ui), app);
    harness.run();
    harness
}

fn presenting() -> Harness<'static, TimelineApp> {
    harness(AppOptions {
        present: true,
        ..AppOptions::default()
    })
}

fn step(harness: &Harness<'_, TimelineApp>) -> usize {
    harness.state().presentation().expect("presenting").current
}

fn press(harness: &mut Harness<'_, TimelineApp>, key: Key) {
    harness.key_press(key);
    harness.run();
}

/// The title of the event on the card of the current step.
fn card_title(harness: &Harness<'_, TimelineApp>) -> String {
    let app = harness.state();
    let event = app
        .presentation()
        .and_then(|p| p.card_event())
        .expect("a card");
    app.document().expect("loaded").timeline.events[event]
        .record
        .title
        .to_string()
}

#[test]
fn f5_enters_and_escape_returns_to_where_the_user_was() {
    let mut harness = harness(AppOptions {
        event: Some("armistice".to_owned()),
        ..AppOptions::default()
    });
    let before = harness.state().view();
    let selected = harness.state().selected();
    press(&mut harness, Key::F5);
    assert!(harness.state().is_presenting());
    assert_eq!(step(&harness), 0);
    harness.get_by_label_contains("1 / 27");
    press(&mut harness, Key::Escape);
    assert!(!harness.state().is_presenting());
    assert_eq!(harness.state().view(), before);
    assert_eq!(harness.state().selected(), selected);
    assert!(harness.state().is_panel_open());
}

#[test]
fn every_clicker_key_steps_forward_and_back() {
    let mut harness = presenting();
    let mut expected = 0;
    for key in [
        Key::ArrowRight,
        Key::ArrowDown,
        Key::PageDown,
        Key::Space,
        Key::Enter,
    ] {
        press(&mut harness, key);
        expected += 1;
        assert_eq!(step(&harness), expected, "{key:?} goes forward");
    }
    for key in [Key::ArrowLeft, Key::ArrowUp, Key::PageUp, Key::Backspace] {
        press(&mut harness, key);
        expected -= 1;
        assert_eq!(step(&harness), expected, "{key:?} goes back");
    }
    press(&mut harness, Key::End);
    assert_eq!(step(&harness), 26);
    harness.get_by_label_contains("27 / 27");
    press(&mut harness, Key::Home);
    assert_eq!(step(&harness), 0);
}

#[test]
fn a_number_and_enter_jump_to_that_step_and_the_card_follows() {
    let mut harness = presenting();
    press(&mut harness, Key::Num1);
    press(&mut harness, Key::Num2);
    harness.get_by_label_contains("Go to step 12");
    press(&mut harness, Key::Enter);
    assert_eq!(step(&harness), 11);
    let title = card_title(&harness);
    harness.get_by_label(&title);
    harness.get_by_label_contains(&format!("12 / 27 · {title}"));
    // The view flew to the step's range and the step's event is in it.
    let app = harness.state();
    let document = app.document().expect("loaded");
    let event = app
        .presentation()
        .and_then(|p| p.step())
        .expect("step")
        .event;
    let anchor = document.timeline.events[event].when.anchor();
    assert!(app.view().min <= anchor && anchor <= app.view().max());
}

#[test]
fn the_card_shows_date_summary_and_provenance() {
    let mut harness = presenting();
    // The first step of the tour is the North Korean claim about 1926.
    assert_eq!(
        card_title(&harness),
        "Down-with-Imperialism Union (claimed origin)"
    );
    harness.get_by_label("17 October 1926");
    harness.get_by_label_contains("Claimed by North Korean sources:");
    press(&mut harness, Key::ArrowRight);
    harness.get_by_label_contains("Date disputed:");
}

#[test]
fn b_and_w_blank_the_screen_until_any_key() {
    let mut harness = presenting();
    press(&mut harness, Key::B);
    assert!(
        harness
            .state()
            .presentation()
            .expect("presenting")
            .blank
            .is_some()
    );
    press(&mut harness, Key::ArrowRight);
    assert!(
        harness
            .state()
            .presentation()
            .expect("presenting")
            .blank
            .is_none()
    );
    assert_eq!(
        step(&harness),
        0,
        "the key that ends the blank does not step"
    );
    press(&mut harness, Key::W);
    assert!(
        harness
            .state()
            .presentation()
            .expect("presenting")
            .blank
            .is_some()
    );
    press(&mut harness, Key::X);
    assert!(
        harness
            .state()
            .presentation()
            .expect("presenting")
            .blank
            .is_none()
    );
}

#[test]
fn clicking_another_marker_shows_its_card_without_losing_the_step() {
    let mut harness = harness(AppOptions {
        present: true,
        step: Some(9),
        ..AppOptions::default()
    });
    let at = step(&harness);
    let step_title = card_title(&harness);
    let other = harness
        .query_all_by_label_contains(", ")
        .find(|node| {
            node.accesskit_node().label().is_some_and(|label| {
                !label.starts_with(&step_title) && !label.contains(" events, ")
            })
        })
        .expect("another marker in view");
    other.click();
    harness.run();
    assert_eq!(step(&harness), at);
    assert_ne!(card_title(&harness), step_title);
    press(&mut harness, Key::ArrowRight);
    assert_eq!(step(&harness), at + 1);
}

#[test]
fn p_opens_the_presenter_view_with_the_note_and_its_buttons_step() {
    let mut harness = presenting();
    press(&mut harness, Key::P);
    assert!(harness.state().is_presenter_open());
    harness.get_by_label("Speaker note");
    harness.get_by_label_contains("Start with the party's own origin story");
    // The first step's event carries provenance flags: the presenter sees them all.
    harness.get_by_label("Provenance");
    assert!(
        harness
            .query_all_by_label_contains("Claimed by North Korean sources: ")
            .count()
            >= 1
    );
    harness.get_by_label("Next ▶").click();
    harness.run();
    assert_eq!(step(&harness), 1);
    harness.get_by_label("◀ Previous").click();
    harness.run();
    assert_eq!(step(&harness), 0);
}

/// The texts of the card of the current step that are on screen, with their places:
/// title, date, then the summary and each provenance note shown (whole or cut), each
/// as (whole text, text shown, place).
fn card_texts(harness: &Harness<'_, TimelineApp>) -> Vec<(String, String, egui::Rect)> {
    let app = harness.state();
    let event = app
        .presentation()
        .and_then(|p| p.card_event())
        .expect("a card");
    let shown = &app.document().expect("loaded").timeline.events[event];
    let record = &shown.record;
    let mut texts = Vec::new();
    for exact in [record.title.to_string(), shown.date_label()] {
        let rect = harness.get_by_label(&exact).rect();
        texts.push((exact.clone(), exact, rect));
    }
    let mut paragraphs = vec![record.summary.to_string()];
    paragraphs.extend(record.flags.iter().map(|flag| {
        let (heading, text) = flag_note(flag);
        format!("{heading}: {text}")
    }));
    for paragraph in paragraphs {
        // A cut paragraph starts the same.
        let start: String = paragraph.chars().take(60).collect();
        if let Some(node) = harness.query_by_label_contains(&start) {
            // A label's text is its accessible value.
            let text = node.accesskit_node().value().unwrap_or_default();
            let rect = node.rect();
            texts.push((paragraph, text, rect));
        }
    }
    texts
}

#[test]
fn every_card_fits_above_its_progress_line_on_a_small_and_a_large_projector() {
    for size in [egui::vec2(1280.0, 720.0), egui::vec2(1920.0, 1080.0)] {
        let mut harness = Harness::builder()
            .with_size(size)
            .with_max_steps(16)
            .build_ui_state(
                |ui, app: &mut TimelineApp| app.show(ui),
                TimelineApp::new(AppOptions {
                    present: true,
                    ..AppOptions::default()
                }),
            );
        harness.run();
        for step in 1..=27 {
            if step > 1 {
                press(&mut harness, Key::ArrowRight);
            }
            let progress = harness
                .get_by_label_contains(&format!("{step} / 27 · "))
                .rect();
            assert!(progress.bottom() <= size.y, "step {step} at {size:?}");
            let texts = card_texts(&harness);
            // Title, date and at least the start of the summary are always there.
            assert!(texts.len() >= 3, "step {step} at {size:?}: {texts:?}");
            for (_, text, rect) in &texts {
                assert!(
                    rect.bottom() <= progress.top() && rect.right() <= size.x,
                    "step {step} at {size:?}: {text:?} at {rect:?} runs into the progress \
                     line at {progress:?} or off the screen"
                );
            }
            // The summary and notes are shown whole, but for the last shown, which may be
            // cut after a word and end in "…".
            let details = &texts[2..];
            for (index, (whole, text, _)) in details.iter().enumerate() {
                let cut = text
                    .strip_suffix('…')
                    .filter(|kept| text != whole && whole.starts_with(kept));
                assert!(
                    text == whole || (cut.is_some() && index + 1 == details.len()),
                    "step {step} at {size:?}: {text:?} for {whole:?}"
                );
            }
            // The first step has few lanes: on a large projector its card grows to show
            // the summary and both notes (the last may end cut after a word, as checked
            // above); at 720 lines the back-row type leaves room for fewer, and the
            // presenter's window has them all.
            if step == 1 && size.y >= 1000.0 {
                assert_eq!(details.len(), 3, "step 1 at {size:?}: {details:?}");
            }
        }
    }
}

/// The presenter's header holds at every width: in a narrow presenter window (seen at
/// 624 px) "elapsed 00:07" ran over the Previous and Next buttons; the timer and clock
/// move to a row of their own instead.
#[test]
fn the_presenters_header_never_runs_over_its_buttons() {
    use wpk_timeline::document::{DataSource, Document};
    use wpk_timeline::ui::present::{Presentation, presentation_steps, step_view};
    use wpk_timeline::ui::presenter::{PresenterFrame, presenter_ui};
    use wpk_timeline::ui::theme::ThemeChoice;

    let document = Document::load(DataSource::Embedded).expect("the embedded dataset loads");
    let lecture = Presentation::new(presentation_steps(&document.timeline), 26, 0.0);
    let step = lecture.step().expect("step 27").clone();
    let view = step_view(&step, |_| document.default_view());
    for width in [560.0, 624.0, 760.0, 900.0, 1100.0] {
        let mut fonts_installed = false;
        let mut harness = Harness::builder()
            .with_size(egui::vec2(width, 700.0))
            .with_max_steps(8)
            .build_ui(|ui| {
                // The app's fonts (Hangul, arrows) take effect from the next frame on.
                if !fonts_installed {
                    wpk_timeline::ui::fonts::install_hangul_font(ui.ctx());
                    fonts_installed = true;
                    return;
                }
                egui::CentralPanel::default().show(ui, |ui| {
                    presenter_ui(
                        ui,
                        &PresenterFrame {
                            document: &document,
                            lecture: &lecture,
                            view,
                            theme: ThemeChoice::Light,
                            now: 3_599.0,
                            clock: "14:05",
                            picture: None,
                        },
                    )
                });
            });
        harness.run();
        let header: Vec<(String, egui::Rect)> = [
            "Step 27 / 27",
            "◀ Previous",
            "Next ▶",
            "Pause",
            "Reset",
            "14:05",
        ]
        .iter()
        .map(|text| ((*text).to_owned(), harness.get_by_label(text).rect()))
        .chain(std::iter::once((
            "elapsed".to_owned(),
            harness.get_by_label_contains("elapsed").rect(),
        )))
        .collect();
        for (i, (a, ra)) in header.iter().enumerate() {
            assert!(ra.right() <= width + 0.5, "{width}: {a} is cut at {ra:?}");
            for (b, rb) in &header[i + 1..] {
                assert!(
                    !ra.shrink(0.5).intersects(rb.shrink(0.5)),
                    "{width}: {a} {ra:?} runs over {b} {rb:?}"
                );
            }
        }
    }
}
