//! Sixty view changes from the whole century down to days and back, at 1k, 10k, 100k
//! and 1M generated events: every step is one frame of the whole app headless (UI,
//! layout, scene, painting, interaction, `Context::tessellate`), and every step shows
//! another view.
//!
//! The steps: 25 pinches in (each by the same factor, from the fitted view to just
//! above the narrowest view, about two weeks) around 30 August 1956, ten drag steps
//! panning at that zoom, 25 pinches back out to the whole span. Pinches are applied in
//! the frame they arrive (the wheel is smoothed over frames), so every repetition of
//! the sequence shows the same sixty views.
//!
//! Criterion times the whole sequence (`zoom_steps/<N>/60-steps`). Besides, each
//! step's own time is kept over every timed repetition; at the end the median of each
//! step and, over the sixty steps, the p50, p90 and max of those medians are printed
//! and written to `target/criterion/zoom_steps/<N>/steps.csv`.
//!
//! `WPK_ZOOM_STEPS_ONCE=<N>` (e.g. `1000`) runs the sequence once for that size
//! without criterion, for instruction counts:
//! `valgrind --tool=callgrind --toggle-collect='*zoom_steps*run_sequence*'
//! --dump-after='egui::context::Context::tessellate' target/release/deps/zoom_steps-* --bench`
//! (one dump per step: each frame ends with `tessellate`).
//!
//! `WPK_ZOOM_STEPS_DIGEST=<N>` runs the sequence once and prints a digest of each
//! step's triangles (positions, colours, texture coordinates, clip rectangles): a
//! change that leaves every digest as it was leaves every frame's picture as it was.

#![allow(clippy::unwrap_used)]

mod common;

use std::path::PathBuf;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use common::{Dataset, Rig, configure};
use criterion::Criterion;
use egui::{Event, Key, Modifiers, PointerButton, Pos2};
use wpk_timeline::model::date::HistDate;
use wpk_timeline::view::transform::{ScreenMapping, TimeView};

/// Frames in one sequence.
pub const STEPS: usize = 60;
/// Pinches in, and as many out.
const ZOOM_STEPS: usize = 25;
/// Drag steps between them.
const PAN_STEPS: usize = STEPS - 2 * ZOOM_STEPS;
/// Points the pointer moves left in a drag step.
const PAN_POINTS: f32 = 60.0;
/// How close to the narrowest view the zoom goes (so the last pinch still changes it).
const NARROWEST_MARGIN: f64 = 1.1;
/// The day the zoom closes in on: the August plenum, in the busiest crisis year of the
/// generated data.
const TARGET_DAY: &str = "1956-08-30";
/// Where the pointer rests vertically: over the lanes.
const POINTER_Y: f32 = 500.0;

const DATASETS: [Dataset; 4] = [
    Dataset::Generated(1_000),
    Dataset::Generated(10_000),
    Dataset::Generated(100_000),
    Dataset::Generated(1_000_000),
];

fn button(pressed: bool, pos: Pos2) -> Event {
    Event::PointerButton {
        pos,
        button: PointerButton::Primary,
        pressed,
        modifiers: Modifiers::NONE,
    }
}

/// The sequence for one opened dataset: where the pointer is and how much one pinch zooms.
#[derive(Clone, Copy, Debug)]
struct Sequence {
    pointer: Pos2,
    factor: f32,
}

impl Sequence {
    /// The input of step `i`. The button goes down with the last pinch in and up with
    /// the first pinch out, so each of the steps between is one drag move.
    fn events(self, i: usize) -> Vec<Event> {
        let Self { pointer, factor } = self;
        let pan = |k: usize| Pos2::new(pointer.x - PAN_POINTS * k as f32, pointer.y);
        match i {
            0 => vec![Event::PointerMoved(pointer), Event::Zoom(factor)],
            i if i + 1 < ZOOM_STEPS => vec![Event::Zoom(factor)],
            i if i + 1 == ZOOM_STEPS => vec![Event::Zoom(factor), button(true, pointer)],
            i if i < ZOOM_STEPS + PAN_STEPS => {
                vec![Event::PointerMoved(pan(i + 1 - ZOOM_STEPS))]
            }
            i if i == ZOOM_STEPS + PAN_STEPS => {
                let end = pan(PAN_STEPS);
                vec![
                    button(false, end),
                    Event::PointerMoved(pointer),
                    Event::Zoom(1.0 / factor),
                ]
            }
            _ => vec![Event::Zoom(1.0 / factor)],
        }
    }
}

/// Back to the whole span, the pointer at its place, nothing left in motion.
fn reset(rig: &mut Rig, pointer: Pos2) {
    let key = |pressed| Event::Key {
        key: Key::Home,
        physical_key: None,
        pressed,
        repeat: false,
        modifiers: Modifiers::NONE,
    };
    rig.frame(vec![Event::PointerMoved(pointer), key(true), key(false)]);
    rig.settle(2.0);
}

/// The sixty steps, each timed; `times[i]` gets step `i`'s time added.
#[inline(never)]
fn run_sequence(rig: &mut Rig, sequence: Sequence, times: &mut [Duration; STEPS]) {
    for (i, time) in times.iter_mut().enumerate() {
        let events = sequence.events(i);
        let start = Instant::now();
        std::hint::black_box(rig.frame(events));
        *time = start.elapsed();
    }
}

/// Opens the dataset, aims the pinches at [`TARGET_DAY`] and checks once that every
/// step shows another view, narrowing to days and widening back to the start.
fn open(dataset: Dataset) -> (Rig, Sequence) {
    let mut rig = Rig::new(dataset, None);
    let area = rig.app.timeline_area().expect("the timeline is drawn");
    let fitted: TimeView = rig.app.view();
    let day = HistDate::parse(TARGET_DAY).expect("a date").interval().0;
    let mapping = ScreenMapping::new(fitted, area.left(), area.width());
    let pointer = Pos2::new(mapping.x(day), POINTER_Y);
    let narrowest = rig
        .app
        .document()
        .expect("loaded")
        .limits
        .min_span
        .max(f64::MIN_POSITIVE);
    let total = fitted.span / (narrowest * NARROWEST_MARGIN);
    #[allow(clippy::cast_possible_truncation)]
    let factor = total.powf(1.0 / ZOOM_STEPS as f64) as f32;
    let sequence = Sequence { pointer, factor };
    reset(&mut rig, pointer);
    let start = rig.app.view();
    let mut last = start;
    let mut unchanged = Vec::new();
    let mut spans = Vec::with_capacity(STEPS);
    for i in 0..STEPS {
        rig.frame(sequence.events(i));
        let now = rig.app.view();
        if now == last {
            unchanged.push(i);
        }
        spans.push(now.span);
        last = now;
    }
    assert!(
        unchanged.is_empty(),
        "{}: the view stayed the same in steps {unchanged:?}",
        dataset.name()
    );
    let narrowest_seen = spans.iter().copied().fold(f64::INFINITY, f64::min);
    assert!(
        narrowest_seen < 31.0,
        "{}: the zoom only reached {narrowest_seen:.0} days",
        dataset.name()
    );
    assert!(
        last.approx_eq(&start, f64::from(area.width())),
        "{}: the sequence ends at {last:?}, not back at {start:?}",
        dataset.name()
    );
    eprintln!(
        "zoom_steps/{}: {:.0} days → {:.1} days → {:.0} days, pinch factor {factor:.3}",
        dataset.name(),
        start.span,
        narrowest_seen,
        last.span
    );
    (rig, sequence)
}

/// The median of each step over the repetitions, then the p50, p90 and max over steps.
fn summarise(name: &str, runs: &[[Duration; STEPS]]) -> Option<String> {
    if runs.is_empty() {
        return None;
    }
    let mut medians: Vec<Duration> = (0..STEPS)
        .map(|i| {
            let mut times: Vec<Duration> = runs.iter().map(|run| run[i]).collect();
            times.sort_unstable();
            times[times.len() / 2]
        })
        .collect();
    let csv = steps_csv("median_us", &medians);
    medians.sort_unstable();
    let percentile = |p: usize| medians[((STEPS - 1) * p).div_ceil(100)];
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let summary = format!(
        "zoom_steps/{name}: per step over {} runs: p50 {:.2} ms, p90 {:.2} ms, max {:.2} ms",
        runs.len(),
        ms(percentile(50)),
        ms(percentile(90)),
        ms(medians[STEPS - 1]),
    );
    write_result(name, "steps.csv", &csv);
    write_result(name, "summary.txt", &format!("{summary}\n"));
    Some(summary)
}

fn zoom_steps(c: &mut Criterion) {
    let mut summaries = Vec::new();
    for dataset in DATASETS {
        let mut group = c.benchmark_group(format!("zoom_steps/{}", dataset.name()));
        configure(&mut group, true);
        group.measurement_time(Duration::from_secs(10));
        let runs: Mutex<Vec<[Duration; STEPS]>> = Mutex::default();
        let mut opened: Option<(Rig, Sequence)> = None;
        group.bench_function(format!("{STEPS}-steps"), |b| {
            let (rig, sequence) = opened.get_or_insert_with(|| open(dataset));
            b.iter_custom(|iterations| {
                let mut total = Duration::ZERO;
                for _ in 0..iterations {
                    reset(rig, sequence.pointer);
                    let mut times = [Duration::ZERO; STEPS];
                    run_sequence(rig, *sequence, &mut times);
                    total += times.iter().sum::<Duration>();
                    runs.lock().unwrap().push(times);
                }
                total
            });
        });
        group.finish();
        drop(opened);
        if let Some(summary) = summarise(&dataset.name(), &runs.into_inner().unwrap()) {
            eprintln!("{summary}");
            summaries.push(summary);
        }
    }
    for summary in summaries {
        eprintln!("{summary}");
    }
}

/// One sequence at one size, for instruction counts under callgrind; with
/// `WPK_ZOOM_STEPS_REPEAT=<R>`, `R` sequences, summarised by each step's fastest time
/// (which other programs running at the same time can only make slower: for comparing
/// two builds on a busy machine; the figures to report are criterion's, quiet), each
/// step's written to `target/criterion/zoom_steps/<N>/once.csv`.
fn once(events: usize) {
    let dataset = Dataset::Generated(events);
    let (mut rig, sequence) = open(dataset);
    let repeat: usize = std::env::var("WPK_ZOOM_STEPS_REPEAT")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(1)
        .max(1);
    let mut fastest = [Duration::MAX; STEPS];
    for _ in 0..repeat {
        reset(&mut rig, sequence.pointer);
        let mut times = [Duration::ZERO; STEPS];
        run_sequence(&mut rig, sequence, &mut times);
        for (fast, time) in fastest.iter_mut().zip(times) {
            *fast = (*fast).min(time);
        }
    }
    let total: Duration = fastest.iter().sum();
    let mut sorted = fastest;
    sorted.sort_unstable();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    eprintln!(
        "zoom_steps/{}: {repeat} sequence(s), each step's fastest: sum {:.1} ms, p50 {:.2} ms, p90 {:.2} ms, max {:.2} ms",
        dataset.name(),
        ms(total),
        ms(sorted[(STEPS - 1) * 50 / 100]),
        ms(sorted[((STEPS - 1) * 90).div_ceil(100)]),
        ms(sorted[STEPS - 1]),
    );
    write_result(
        &dataset.name(),
        "once.csv",
        &steps_csv("fastest_us", &fastest),
    );
}

/// One line per step: its number and its time in microseconds, under a header naming
/// the time.
fn steps_csv(column: &str, times: &[Duration]) -> String {
    let mut csv = format!("step,{column}\n");
    for (i, time) in times.iter().enumerate() {
        csv.push_str(&format!("{i},{:.1}\n", time.as_secs_f64() * 1e6));
    }
    csv
}

/// Writes `text` to `file` in `target/criterion/zoom_steps/<name>/` (a result that
/// cannot be written is only not kept).
fn write_result(name: &str, file: &str, text: &str) {
    let folder = PathBuf::from("target/criterion/zoom_steps").join(name);
    if std::fs::create_dir_all(&folder).is_ok() {
        let _ = std::fs::write(folder.join(file), text);
    }
}

/// One sequence at one size, printing for every step a digest of what it tessellated
/// (clip rectangles, textures, indices, vertex positions, colours and texture
/// coordinates), to show that a change leaves every frame's triangles as they were.
fn digest(events: usize) {
    use std::hash::{Hash, Hasher};
    let dataset = Dataset::Generated(events);
    let (mut rig, sequence) = open(dataset);
    reset(&mut rig, sequence.pointer);
    let mut all = std::collections::hash_map::DefaultHasher::new();
    for i in 0..STEPS {
        rig.time += common::FRAME_SECONDS;
        let Rig { ctx, app, time } = &mut rig;
        let mut output = ctx.run_ui(common::raw_input(*time, sequence.events(i)), |ui| {
            app.show(ui);
        });
        let primitives =
            ctx.tessellate(std::mem::take(&mut output.shapes), output.pixels_per_point);
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        let (mut vertices, mut indices) = (0, 0);
        for primitive in &primitives {
            let r = primitive.clip_rect;
            for v in [r.min.x, r.min.y, r.max.x, r.max.y] {
                v.to_bits().hash(&mut hasher);
            }
            if let egui::epaint::Primitive::Mesh(mesh) = &primitive.primitive {
                format!("{:?}", mesh.texture_id).hash(&mut hasher);
                mesh.indices.hash(&mut hasher);
                for v in &mesh.vertices {
                    for f in [v.pos.x, v.pos.y, v.uv.x, v.uv.y] {
                        f.to_bits().hash(&mut hasher);
                    }
                    v.color.to_array().hash(&mut hasher);
                }
                vertices += mesh.vertices.len();
                indices += mesh.indices.len();
            }
        }
        let step = hasher.finish();
        step.hash(&mut all);
        println!(
            "step {:2}: {} primitives, {vertices} vertices, {indices} indices, {step:016x}",
            i + 1,
            primitives.len()
        );
    }
    println!("all steps: {:016x}", all.finish());
}

fn main() {
    if let Some(events) = std::env::var("WPK_ZOOM_STEPS_DIGEST")
        .ok()
        .and_then(|n| n.parse().ok())
    {
        digest(events);
        return;
    }
    if let Some(events) = std::env::var("WPK_ZOOM_STEPS_ONCE")
        .ok()
        .and_then(|n| n.parse().ok())
    {
        once(events);
        return;
    }
    let mut criterion = Criterion::default().configure_from_args();
    zoom_steps(&mut criterion);
    criterion.final_summary();
}
