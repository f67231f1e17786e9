//! Any history, not only the WPK's: a space-race timeline and tiny timelines (one
//! event; spans of a year, three days, a day) are shown in the window, the presenter
//! card and an SVG export without a word of the built-in dataset's subject.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use wpk_timeline::app::{AppOptions, TimelineApp};
use wpk_timeline::cli::ExportArgs;
use wpk_timeline::export::run_export;

/// Words that belong to the built-in dataset and must not leak into another history.
const WPK_WORDS: [&str; 9] = [
    "wpk",
    "workers' party",
    "korea",
    "kim il",
    "pyongyang",
    "hangul",
    "seed text",
    "juche",
    "1926",
];

fn space_race() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/space_race.ron")
}

fn assert_no_wpk(what: &str, text: &str) {
    let lower = text.to_lowercase();
    for word in WPK_WORDS {
        assert!(!lower.contains(word), "{what} mentions {word:?}:\n{text}");
    }
}

/// Every label and value in the window's accessibility tree, one a line.
fn window_text(harness: &Harness<'_, TimelineApp>) -> String {
    harness
        .query_all_by(|_| true)
        .flat_map(|node| {
            let node = node.accesskit_node();
            [node.label(), node.value()]
        })
        .flatten()
        .collect::<Vec<_>>()
        .join("\n")
}

fn harness(options: AppOptions) -> Harness<'static, TimelineApp> {
    let app = TimelineApp::new(options);
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1600.0, 900.0))
        .with_max_steps(12)
        .build_ui_state(|ui, app: &mut TimelineApp| app.show(ui), app);
    harness.run();
    harness
}

fn svg_of(file: &Path, event: Option<&str>, dir: &tempfile::TempDir) -> String {
    let out = dir.path().join("view.svg");
    let args = ExportArgs {
        file: Some(file.to_owned()),
        view: None,
        width: 1600,
        height: 900,
        event: event.map(str::to_owned),
        dark: false,
        format: None,
        out: out.clone(),
        ..ExportArgs::default()
    };
    run_export(&args).unwrap_or_else(|e| panic!("{e}"));
    std::fs::read_to_string(out).expect("the SVG is written")
}

#[test]
fn the_space_race_shows_no_wpk_text_in_the_window() {
    let harness = harness(AppOptions {
        file: Some(space_race()),
        event: Some("vostok-1".to_owned()),
        ..AppOptions::default()
    });
    let app = harness.state();
    assert!(app.load_error().is_none());
    assert_eq!(app.window_title(), "The Space Race, 1957–1975 — Timeline");
    let text = window_text(&harness);
    // The test sees the window: the file's own words are there.
    for expected in [
        "The Space Race, 1957–1975",
        "Восток-1",
        "Юрий Гагарин",
        "Claimed by Soviet official accounts",
    ] {
        assert!(text.contains(expected), "{expected:?} not in:\n{text}");
    }
    assert_no_wpk("the window", &text);
    assert_no_wpk("the window title", &app.window_title());
}

#[test]
fn searching_the_space_race_shows_no_wpk_text() {
    let mut harness = harness(AppOptions {
        file: Some(space_race()),
        ..AppOptions::default()
    });
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    harness.run();
    // The empty search box and its hint.
    assert_no_wpk("the search box", &window_text(&harness));
    harness
        .get_by_role(egui::accesskit::Role::TextInput)
        .type_text("гагарин");
    harness.run();
    let app = harness.state();
    let document = app.document().expect("loaded");
    let found: Vec<&str> = app
        .search_results()
        .iter()
        .map(|&i| document.timeline.events[i].record.id.as_str())
        .collect();
    assert_eq!(found, ["vostok-1"]);
    assert_no_wpk("the search results", &window_text(&harness));
}

#[test]
fn the_space_race_presents_without_wpk_text() {
    let harness = harness(AppOptions {
        file: Some(space_race()),
        present: true,
        step: Some(2),
        ..AppOptions::default()
    });
    let text = window_text(&harness);
    assert!(text.contains("Vostok 1"), "{text}");
    assert_no_wpk("the presentation", &text);
}

#[test]
fn the_space_race_exports_without_wpk_text() {
    let dir = tempfile::tempdir().expect("temp dir");
    for event in [None, Some("n1-l3")] {
        let svg = svg_of(&space_race(), event, &dir);
        assert!(svg.contains("Sputnik 1"), "the SVG draws the file");
        assert_no_wpk("the SVG", &svg);
    }
}

/// A one-event timeline over `span`, with the event at `date`.
fn tiny(span: (&str, &str), date: &str) -> String {
    format!(
        r##"(
    title: "Tiny",
    span: ("{}", "{}"),
    categories: [(id: "main", name: "Main", colour: "#0072b2")],
    events: [(id: "only", title: "The only event", date: "{date}", category: "main",
              importance: 3, summary: "It happened.", sources: [Reference(title: "A note")])],

)"##,
        span.0, span.1
    )
}

#[test]
fn tiny_timelines_show_and_export_without_wpk_text() {
    let dir = tempfile::tempdir().expect("temp dir");
    for (span, date) in [
        (("1969", "1969"), "1969-07-20"),
        (("1969-07-19", "1969-07-21"), "1969-07-20"),
        (("1969-07-20", "1969-07-20"), "1969-07-20"),
    ] {
        let path = dir.path().join("tiny.ron");
        std::fs::write(&path, tiny(span, date)).expect("written");
        let harness = harness(AppOptions {
            file: Some(path.clone()),
            ..AppOptions::default()
        });
        assert!(harness.state().load_error().is_none(), "{span:?}");
        let text = window_text(&harness);
        assert!(text.contains("The only event"), "{span:?}: {text}");
        assert_no_wpk("a tiny window", &text);
        assert_no_wpk("a tiny title", &harness.state().window_title());
        let svg = svg_of(&path, None, &dir);
        assert!(svg.contains("The only event"), "{span:?}");
        assert_no_wpk("a tiny SVG", &svg);
    }
}

#[test]
fn help_does_not_describe_the_built_in_dataset() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_wpk-timeline"))
        .arg("--help")
        .output()
        .expect("the binary runs");
    let help = String::from_utf8(output.stdout).expect("UTF-8");
    assert!(help.contains("search"), "{help}");
    // The program's own name is allowed; nothing else of the WPK.
    assert_no_wpk("--help", &help.replace("wpk-timeline", "the-program"));
}
