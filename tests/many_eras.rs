//! Many overlapping eras: the app goes idle (no repaint loop) and the era strip keeps
//! to a bounded height, folding the rows beyond it into one "+N more" row.

#![allow(clippy::unwrap_used)]

use std::time::Duration;

use egui::{ViewportId, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use wpk_timeline::app::{AppOptions, TimelineApp};

const MINIMAL: &str = include_str!("fixtures/minimal.ron");

/// The minimal fixture with `count` eras that all overlap.
fn with_eras(count: usize) -> String {
    let eras: String = (0..count)
        .map(|i| {
            format!(
                "(id: \"era{i}\", name: \"Era number {i}\", start: \"1950\", end: \"{}\", colour: \"#dddddd\"),\n",
                1955 + i % 5
            )
        })
        .collect();
    let from = "(id: \"fifties\", name: \"The fifties\", start: \"1950\", end: \"1959\", colour: \"#dddddd\"),\n";
    assert_eq!(MINIMAL.matches(from).count(), 1);
    MINIMAL.replace(from, &eras)
}

fn harness(file: &std::path::Path) -> Harness<'static, TimelineApp> {
    let app = TimelineApp::new(AppOptions {
        file: Some(file.to_path_buf()),
        ..AppOptions::default()
    });
    Harness::builder()
        .with_size(vec2(1600.0, 900.0))
        .with_step_dt(1.0 / 60.0)
        .with_max_steps(200)
        .build_ui_state(|ui, app: &mut TimelineApp| app.show(ui), app)
}

fn delay(harness: &Harness<'_, TimelineApp>) -> Duration {
    harness.output().viewport_output[&ViewportId::ROOT].repaint_delay
}

#[test]
fn many_overlapping_eras_go_idle_and_keep_the_strip_short() {
    for count in [11, 50, 500] {
        let folder = tempfile::tempdir().unwrap();
        let file = folder.path().join("eras.ron");
        std::fs::write(&file, with_eras(count)).unwrap();
        let mut harness = harness(&file);
        // Idle only counts once the file is shown (it loads on a worker).
        let settled = (1..=60).find(|_| {
            harness.step();
            harness.state().document().is_some() && delay(&harness) == Duration::MAX
        });
        assert!(
            settled.is_some(),
            "{count} eras: still repainting ({:?})",
            harness.ctx.repaint_causes()
        );
        eprintln!("{count} overlapping eras: idle after {settled:?} frames");
        // A second of frames (1/60 s each) with no input: not one repaint asked for.
        for _ in 0..60 {
            harness.step();
            assert_eq!(
                delay(&harness),
                Duration::MAX,
                "{count} eras: woke up again"
            );
        }
        let label = format!("+{} more eras", count - 5);
        let more = harness.query_by_label_contains(&label);
        assert!(more.is_some(), "{count} eras: no folded row");
        // The strip stays short: the lanes start where six era rows end.
        let document = harness.state().document().unwrap();
        let view = harness.state().view();
        let (rows, fold) = wpk_timeline::view::frame::era_rows_folded(document, view);
        assert_eq!(
            rows.iter().flatten().count() + 1,
            wpk_timeline::view::frame::MAX_ERA_ROWS
        );
        assert_eq!(fold, Some((5, count - 5)));
    }
}
