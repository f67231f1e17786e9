//! Issue 13: the detail panel's Copy citation and Copy link put the footnote and the
//! command line on the clipboard (egui's `CopyText` output command), say so briefly,
//! and an export without a file dialog offers a path field instead.

use egui::OutputCommand;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use wpk_timeline::app::{AppOptions, TimelineApp};
use wpk_timeline::model::citation::{footnote, reopen_command};

/// How long a passing message stays (seconds), as the app has it.
const NOTICE_SECONDS: f64 = 6.0;
/// The harness's frame length (seconds).
const STEP: f32 = 0.25;

fn harness(options: AppOptions) -> Harness<'static, TimelineApp> {
    let app = TimelineApp::new(options);
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1600.0, 900.0))
        .with_step_dt(STEP)
        .with_max_steps(16)
        .build_ui_state(|ui, app: &mut TimelineApp| app.show(ui), app);
    harness.run();
    harness
}

/// Clicks the button called `label` and returns the texts put on the clipboard in the
/// frames that follow (the click is handled in the next frame).
fn click_and_collect_copies(harness: &mut Harness<'_, TimelineApp>, label: &str) -> Vec<String> {
    harness.get_by_label(label).click();
    let mut copied = Vec::new();
    for _ in 0..3 {
        harness.step();
        copied.extend(
            harness
                .output()
                .platform_output
                .commands
                .iter()
                .filter_map(|command| match command {
                    OutputCommand::CopyText(text) => Some(text.clone()),
                    _ => None,
                }),
        );
    }
    copied
}

#[test]
fn copy_citation_puts_the_footnote_on_the_clipboard_and_says_so_for_a_while() {
    let mut harness = harness(AppOptions {
        event: Some("august-plenum".to_owned()),
        ..AppOptions::default()
    });
    let expected = {
        let app = harness.state();
        let document = app.document().expect("the built-in dataset");
        let event = app.selected().expect("--event selects");
        footnote(&document.timeline.events[event], true)
    };
    // What the footnote of this event says, in the words of the data.
    let mut lines = expected.lines();
    assert_eq!(
        lines.next(),
        Some("August Plenum (\"August Faction Incident\") [8월 종파 사건], 30–31 August 1956."),
        "{expected}"
    );
    assert!(
        lines.any(|l| l.starts_with("“August faction incident,” Wikipedia, https://")),
        "{expected}"
    );
    assert_eq!(
        click_and_collect_copies(&mut harness, "Copy citation"),
        [expected]
    );
    harness.get_by_label_contains("Copied the citation of “August Plenum (");
    // The confirmation goes by itself.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let steps = (NOTICE_SECONDS / f64::from(STEP)).ceil() as usize + 2;
    for _ in 0..steps {
        harness.step();
    }
    assert!(harness.query_by_label_contains("Copied").is_none());
}

#[test]
fn copy_link_puts_a_command_line_that_reopens_the_event() {
    // The built-in dataset: no file on the line.
    let mut built_in = harness(AppOptions {
        event: Some("august-plenum".to_owned()),
        ..AppOptions::default()
    });
    assert_eq!(
        click_and_collect_copies(&mut built_in, "Copy link"),
        ["wpk-timeline --event august-plenum"]
    );
    built_in.get_by_label_contains("Copied a command line that opens “August Plenum (");

    // A file of one's own, in a folder with a space: the path is on the line, quoted.
    let folder = tempfile::tempdir().expect("folder");
    let dir = folder.path().join("my lectures");
    std::fs::create_dir(&dir).expect("folder");
    let file = dir.join("minimal.ron");
    std::fs::write(&file, include_str!("fixtures/minimal.ron")).expect("written");
    let mut own = harness(AppOptions {
        file: Some(file.clone()),
        event: Some("second".to_owned()),
        ..AppOptions::default()
    });
    let copied = click_and_collect_copies(&mut own, "Copy link");
    assert_eq!(copied, [reopen_command("second", Some(&file))]);
    let words = shlex::split(&copied[0]).expect("a shell line");
    assert_eq!(
        words,
        [
            "wpk-timeline".to_owned(),
            "--event".to_owned(),
            "second".to_owned(),
            std::path::absolute(&file)
                .expect("absolute")
                .display()
                .to_string()
        ]
    );
}
