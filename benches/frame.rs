//! One frame of the whole app, headless: `Context::run_ui` with `TimelineApp::show`
//! (top bar, timeline widget, layout, painting, interaction) and tessellation of
//! the shapes into triangles. No GPU upload and no pointer over the window.

#![allow(clippy::unwrap_used)]

mod common;

use common::{Dataset, Rig, configure};
use criterion::{Criterion, criterion_group, criterion_main};

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

fn frame(c: &mut Criterion) {
    for dataset in DATASETS {
        let mut group = c.benchmark_group(format!("frame/{}", dataset.name()));
        configure(&mut group, false);
        for (name, view) in VIEWS {
            // Opened on first use and kept for every sample of this case.
            let mut rig: Option<Rig> = None;
            group.bench_function(name, |b| {
                let rig = rig.get_or_insert_with(|| Rig::new(dataset, view));
                b.iter(|| rig.frame(Vec::new()));
            });
        }
        group.finish();
    }
}

criterion_group!(benches, frame);
criterion_main!(benches);
