//! Loading and validating a timeline from text (`load_str`): parsing, every check,
//! and building the indexed `Timeline`. The text is generated before timing starts,
//! and freeing the result afterwards is not timed.

#![allow(clippy::unwrap_used)]

mod common;

use common::{Dataset, configure};
use criterion::{Criterion, criterion_group, criterion_main};
use wpk_timeline::model::load::load_str;

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

criterion_group!(benches, load);
criterion_main!(benches);
