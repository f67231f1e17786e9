//! No heap growth from frame to frame once warm: a counting global allocator watches
//! the whole app run headless (UI, layout, scene, painting, `Context::tessellate`) for
//! hundreds of frames of the same view, and the bytes alive after each frame stay
//! where they were after warm-up, and no frame asks for a larger block than the
//! warm-up frames did (a buffer regrown every frame, or a cache that never forgets,
//! fails here).
//!
//! Its own test binary with one test, so no other test allocates meanwhile.

// The one place outside the Windows console code that needs `unsafe`: a global
// allocator is an `unsafe impl`. It only counts and forwards to the system allocator.
#![allow(unsafe_code)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicIsize, AtomicUsize, Ordering};

use egui::{Event, Pos2, RawInput, Rect, ViewportId, pos2, vec2};
use wpk_timeline::app::{AppOptions, TimelineApp};
use wpk_timeline::generate::{generate_timeline, to_compact_ron};

/// Counts bytes alive, allocations, and the largest block asked for.
struct Counting;

static LIVE: AtomicIsize = AtomicIsize::new(0);
static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);
static LARGEST: AtomicUsize = AtomicUsize::new(0);

#[allow(clippy::cast_possible_wrap)]
fn counted(size: usize) {
    LIVE.fetch_add(size as isize, Ordering::Relaxed);
    ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
    LARGEST.fetch_max(size, Ordering::Relaxed);
}

// SAFETY: every call is forwarded unchanged to `System`; only counters are touched.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract is passed on as is.
        let block = unsafe { System.alloc(layout) };
        if !block.is_null() {
            counted(layout.size());
        }
        block
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as above.
        let block = unsafe { System.alloc_zeroed(layout) };
        if !block.is_null() {
            counted(layout.size());
        }
        block
    }

    #[allow(clippy::cast_possible_wrap)]
    unsafe fn dealloc(&self, block: *mut u8, layout: Layout) {
        // SAFETY: as above.
        unsafe { System.dealloc(block, layout) };
        LIVE.fetch_sub(layout.size() as isize, Ordering::Relaxed);
    }

    #[allow(clippy::cast_possible_wrap)]
    unsafe fn realloc(&self, block: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: as above.
        let moved = unsafe { System.realloc(block, layout, new_size) };
        if !moved.is_null() {
            LIVE.fetch_sub(layout.size() as isize, Ordering::Relaxed);
            counted(new_size);
        }
        moved
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// What the heap did during one frame.
#[derive(Clone, Copy, Debug)]
struct FrameHeap {
    /// Bytes alive after the frame (its output freed).
    live: isize,
    /// Allocations made during it.
    allocations: usize,
    /// The largest block asked for during it.
    largest: usize,
}

/// The app headless at 1600×900, as eframe runs it minus the GPU.
struct Rig {
    ctx: egui::Context,
    app: TimelineApp,
    time: f64,
}

impl Rig {
    fn frame(&mut self, events: Vec<Event>) -> FrameHeap {
        self.time += 1.0 / 60.0;
        let mut input = RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(1600.0, 900.0))),
            time: Some(self.time),
            predicted_dt: 1.0 / 60.0,
            events,
            ..Default::default()
        };
        if let Some(viewport) = input.viewports.get_mut(&ViewportId::ROOT) {
            viewport.native_pixels_per_point = Some(1.0);
        }
        ALLOCATIONS.store(0, Ordering::Relaxed);
        LARGEST.store(0, Ordering::Relaxed);
        let Self { ctx, app, .. } = self;
        let mut output = ctx.run_ui(input, |ui| app.show(ui));
        let primitives =
            ctx.tessellate(std::mem::take(&mut output.shapes), output.pixels_per_point);
        assert!(!primitives.is_empty(), "the frame draws something");
        drop(primitives);
        output.textures_delta.clear();
        drop(output);
        FrameHeap {
            live: LIVE.load(Ordering::Relaxed),
            allocations: ALLOCATIONS.load(Ordering::Relaxed),
            largest: LARGEST.load(Ordering::Relaxed),
        }
    }
}

/// Frames to warm up (fonts, glyph atlas, layout caches, egui's memory).
const WARM_UP: usize = 120;
/// Frames watched after that.
const WATCHED: usize = 300;
/// Bytes the live heap may drift over all watched frames: a few small entries of egui's
/// memory at most (none were seen). Anything kept per frame, even 8 bytes, adds up to
/// more than this over the watched frames.
const DRIFT: isize = 2 * 1024;

/// Runs `frames` of the same view and checks the heap stays flat.
fn assert_flat(rig: &mut Rig, what: &str, input: &dyn Fn(usize) -> Vec<Event>) {
    // Both records allocated before the first frame, so they are not counted as growth.
    let mut warm = Vec::with_capacity(WARM_UP);
    let mut watched = Vec::with_capacity(WATCHED);
    for i in 0..WARM_UP {
        warm.push(rig.frame(input(i)));
    }
    for i in WARM_UP..WARM_UP + WATCHED {
        watched.push(rig.frame(input(i)));
    }
    let base = warm.last().expect("warm-up frames").live;
    let largest_warm = warm
        .iter()
        .skip(WARM_UP / 2)
        .map(|f| f.largest)
        .max()
        .unwrap_or(0);
    let highest = watched.iter().map(|f| f.live).max().unwrap_or(base);
    let end = watched.last().expect("watched frames").live;
    let largest = watched.iter().map(|f| f.largest).max().unwrap_or(0);
    let allocations: usize = watched.iter().map(|f| f.allocations).sum();
    eprintln!(
        "{what}: live {base} B after warm-up, {end} B at the end (highest {highest} B); \
         largest block {largest_warm} B warm, {largest} B watched; {} allocations a frame",
        allocations / WATCHED
    );
    assert!(
        end - base <= DRIFT && highest - base <= DRIFT,
        "{what}: the heap grew from {base} B to {end} B (highest {highest} B) over {WATCHED} frames"
    );
    assert!(
        largest <= largest_warm,
        "{what}: a watched frame asked for a block of {largest} B, larger than any warm frame's ({largest_warm} B)"
    );
}

#[test]
fn frames_of_the_same_view_do_not_grow_the_heap() {
    let folder = tempfile::tempdir().expect("folder");
    let path = folder.path().join("10k.ron");
    let file = generate_timeline(10_000, 1);
    let text = to_compact_ron(&file).expect("serialises");
    drop(file);
    std::fs::write(&path, text).expect("written");
    for (name, file) in [("shipped", None), ("10k", Some(path))] {
        let app = TimelineApp::new(AppOptions {
            file,
            ..Default::default()
        });
        assert!(app.document().is_some(), "{name} loads");
        let mut rig = Rig {
            ctx: egui::Context::default(),
            app,
            time: 0.0,
        };
        // The whole span, no pointer: the widest and busiest view.
        assert_flat(&mut rig, &format!("{name}, fitted, no input"), &|_| {
            Vec::new()
        });
        // The pointer moving to and fro over the lanes (hover, outlines, tooltips).
        assert_flat(&mut rig, &format!("{name}, fitted, pointer moving"), &|i| {
            let x = 700.0 + if i % 2 == 0 { 0.0 } else { 3.0 };
            vec![Event::PointerMoved(pos2(x, 520.0))]
        });
    }
}
