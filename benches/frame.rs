//! One frame of the whole app, headless: `Context::run_ui` with `TimelineApp::show`
//! (top bar, timeline widget, layout, painting, interaction) and tessellation of
//! the shapes into triangles. No GPU upload.
//!
//! Two cases per view: *still* (no input: the view is unchanged, so the app reuses
//! its layout, as in frames that only move the pointer or show a tooltip) and
//! *moving* (a pinch zooms 1% in or out around the pointer every frame, so the
//! layout is computed afresh each time).

#![allow(clippy::unwrap_used)]

mod common;

use common::{Dataset, Rig, configure};
use criterion::{Criterion, criterion_group, criterion_main};
use egui::Event;

const DATASETS: [Dataset; 4] = [
    Dataset::Shipped,
    Dataset::Generated(10_000),
    Dataset::Generated(100_000),
    Dataset::Generated(1_000_000),
];

/// The views: the whole span (the file's default), ten years, three weeks.
const VIEWS: [(&str, Option<(&str, &str)>); 3] = [
    ("fitted", None),
    ("10-years", Some(("1950", "1959"))),
    ("3-weeks", Some(("1956-08-20", "1956-09-09"))),
];

/// Where the pointer rests: over the lanes, right of the lane names.
const POINTER: egui::Pos2 = egui::pos2(1000.0, 500.0);

/// A pinch of frame `i` around the pointer: in by 1% and back out, frame after frame
/// (not smoothed over frames, unlike the wheel, and possible at the fitted view,
/// which cannot pan).
fn pinch(i: usize) -> Event {
    Event::Zoom(if i.is_multiple_of(2) {
        1.01
    } else {
        1.0 / 1.01
    })
}

/// Opens the dataset with the pointer over the lanes, and checks that every pinch
/// frame really changes the view.
fn open_pinching(dataset: Dataset, view: Option<(&str, &str)>) -> Rig {
    let mut rig = Rig::new(dataset, view);
    rig.frame(vec![Event::PointerMoved(POINTER)]);
    rig.settle(1.0);
    for i in 0..4 {
        let before = rig.app.view();
        rig.frame(vec![pinch(i)]);
        assert_ne!(
            before,
            rig.app.view(),
            "pinch frame {i} did not change the view"
        );
    }
    rig
}

fn frame(c: &mut Criterion) {
    for dataset in DATASETS {
        let mut group = c.benchmark_group(format!("frame/{}", dataset.name()));
        configure(&mut group, false);
        for (name, view) in VIEWS {
            // Opened on first use and kept for every sample of this case.
            let mut rig: Option<Rig> = None;
            group.bench_function(format!("{name}/still"), |b| {
                let rig = rig.get_or_insert_with(|| Rig::new(dataset, view));
                b.iter(|| rig.frame(Vec::new()));
            });
            let mut rig: Option<Rig> = None;
            group.bench_function(format!("{name}/moving"), |b| {
                let rig = rig.get_or_insert_with(|| open_pinching(dataset, view));
                let mut i = 0;
                b.iter(|| {
                    let primitives = rig.frame(vec![pinch(i)]);
                    i += 1;
                    primitives
                });
            });
        }
        group.finish();
    }
}

criterion_group!(benches, frame);
criterion_main!(benches);
