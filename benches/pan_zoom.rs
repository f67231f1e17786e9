//! A hundred frames of continuous pan and zoom at 100k events: every frame carries
//! a wheel turn or a drag step, so the view (and the layout) changes every frame.
//! Reports the time of the whole sequence; divide by 100 for a frame.

#![allow(clippy::unwrap_used)]

mod common;

use std::time::{Duration, Instant};

use common::{Dataset, Rig, configure};
use criterion::{Criterion, criterion_group, criterion_main};
use egui::{Event, Key, Modifiers, MouseWheelSource, MouseWheelUnit, PointerButton, TouchPhase};

/// Frames in one sequence.
const FRAMES: usize = 100;

/// Where the pointer works: over the lanes, right of the lane names.
const POINTER: egui::Pos2 = egui::pos2(1000.0, 500.0);

fn wheel(delta_y: f32) -> Event {
    Event::MouseWheel {
        unit: MouseWheelUnit::Point,
        delta: egui::vec2(0.0, delta_y),
        phase: TouchPhase::Move,
        source: MouseWheelSource::Wheel,
        modifiers: Modifiers::NONE,
    }
}

fn button(pressed: bool, pos: egui::Pos2) -> Event {
    Event::PointerButton {
        pos,
        button: PointerButton::Primary,
        pressed,
        modifiers: Modifiers::NONE,
    }
}

/// The input of frame `i`: 35 frames of zooming in, 30 of dragging (pressed at the
/// start, released at the end), 35 of zooming out.
fn events_of_frame(i: usize) -> Vec<Event> {
    match i {
        0 => vec![Event::PointerMoved(POINTER), wheel(40.0)],
        1..35 => vec![wheel(40.0)],
        35 => vec![button(true, POINTER)],
        36..65 => {
            let x = POINTER.x + 15.0 * (i - 35) as f32;
            let pos = egui::pos2(x, POINTER.y);
            if i == 64 {
                vec![Event::PointerMoved(pos), button(false, pos)]
            } else {
                vec![Event::PointerMoved(pos)]
            }
        }
        65 => vec![Event::PointerMoved(POINTER), wheel(-40.0)],
        _ => vec![wheel(-40.0)],
    }
}

/// Back to the whole span, the pointer resting at its place, nothing left in motion.
fn reset(rig: &mut Rig) {
    let key = |pressed| Event::Key {
        key: Key::Home,
        physical_key: None,
        pressed,
        repeat: false,
        modifiers: Modifiers::NONE,
    };
    rig.frame(vec![Event::PointerMoved(POINTER), key(true), key(false)]);
    rig.settle(2.0);
}

fn sequence(rig: &mut Rig) {
    for i in 0..FRAMES {
        rig.frame(events_of_frame(i));
    }
}

/// Opens the dataset and checks once that every frame really moves the view.
fn open(dataset: Dataset) -> Rig {
    let mut rig = Rig::new(dataset, None);
    reset(&mut rig);
    let start = rig.app.view();
    let mut unchanged = Vec::new();
    let mut last = start;
    let mut narrowest = start.span;
    for i in 0..FRAMES {
        rig.frame(events_of_frame(i));
        let now = rig.app.view();
        if now == last {
            unchanged.push(i);
        }
        narrowest = narrowest.min(now.span);
        last = now;
    }
    assert!(
        unchanged.len() <= 2,
        "the view stayed the same in frames {unchanged:?}"
    );
    eprintln!(
        "pan_zoom: the view narrows from {:.0} to {:.0} days and ends at {:.0}",
        start.span, narrowest, last.span
    );
    rig
}

fn pan_zoom(c: &mut Criterion) {
    let dataset = Dataset::Generated(100_000);
    let mut group = c.benchmark_group("pan_zoom");
    configure(&mut group, true);
    // A sequence takes about 0.3 s; ten of them with their resets need more than 5 s.
    group.measurement_time(Duration::from_secs(10));
    let mut rig: Option<Rig> = None;
    group.bench_function(format!("{}/{FRAMES}-frames", dataset.name()), |b| {
        let rig = rig.get_or_insert_with(|| open(dataset));
        b.iter_custom(|iterations| {
            let mut total = Duration::ZERO;
            for _ in 0..iterations {
                reset(rig);
                let start = Instant::now();
                sequence(rig);
                total += start.elapsed();
            }
            total
        });
    });
    group.finish();
}

criterion_group!(benches, pan_zoom);
criterion_main!(benches);
