//! Loading and validating a timeline: from text in memory (`load/…`, `load_str`: parsing,
//! every check, building the indexed `Timeline`) and from a file on disk
//! (`load_file/…`, `load_path`, as `check` and the app load: a file that loads cleanly
//! is read and parsed a piece at a time, on every core). The text and the file are
//! made before timing starts, and freeing the result afterwards is not timed.

#![allow(clippy::unwrap_used)]

mod common;

use common::{Dataset, configure};
use criterion::{Criterion, criterion_group, criterion_main};
use wpk_timeline::model::load::{load_path, load_str};

const DATASETS: [Dataset; 4] = [
    Dataset::Shipped,
    Dataset::Generated(10_000),
    Dataset::Generated(100_000),
    Dataset::Generated(1_000_000),
];

fn load(c: &mut Criterion) {
    for dataset in DATASETS {
        let mut group = c.benchmark_group("load");
        configure(&mut group, dataset.is_large());
        group.bench_function(dataset.name(), |b| {
            let text = dataset.text();
            // Freeing the timeline afterwards is not part of loading it.
            b.iter_with_large_drop(|| load_str("bench.ron", std::hint::black_box(text)).unwrap());
        });
        group.finish();
    }
}

fn load_file(c: &mut Criterion) {
    let folder = tempfile::tempdir().unwrap();
    for dataset in DATASETS {
        let mut group = c.benchmark_group("load_file");
        configure(&mut group, dataset.is_large());
        let path = folder.path().join(format!("{}.ron", dataset.name()));
        std::fs::write(&path, dataset.text()).unwrap();
        group.bench_function(dataset.name(), |b| {
            b.iter_with_large_drop(|| load_path(std::hint::black_box(&path)).unwrap());
        });
        group.finish();
    }
}

criterion_group!(benches, load, load_file);
criterion_main!(benches);
