//! What the benchmarks share: generated datasets (made once per run and kept in
//! memory), files on disk for the app to open, and a headless frame runner.

#![allow(dead_code, clippy::unwrap_used)]

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};
use std::time::Duration;

use wpk_timeline::app::{AppOptions, TimelineApp};
use wpk_timeline::generate::{generate_timeline, to_compact_ron};
use wpk_timeline::model::load::EMBEDDED_DATASET;

/// The seed of every generated dataset, so runs compare like with like.
pub const SEED: u64 = 1;

/// The screen of every frame benchmark.
pub const SCREEN: (f32, f32) = (1600.0, 900.0);

/// One frame at 60 Hz.
pub const FRAME_SECONDS: f64 = 1.0 / 60.0;

/// A dataset a benchmark runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dataset {
    /// `data/wpk_history.ron`, as built into the binary.
    Shipped,
    /// `generate_timeline(n, SEED)`.
    Generated(usize),
}

impl Dataset {
    /// The name in benchmark ids: `shipped`, `10k`, `100k`, `1M`.
    pub fn name(self) -> String {
        match self {
            Self::Shipped => "shipped".to_owned(),
            Self::Generated(n) if n >= 1_000_000 && n % 1_000_000 == 0 => {
                format!("{}M", n / 1_000_000)
            }
            Self::Generated(n) if n >= 1_000 && n % 1_000 == 0 => format!("{}k", n / 1_000),
            Self::Generated(n) => n.to_string(),
        }
    }

    /// Whether one operation on it takes long enough that a benchmark should
    /// take few, flat samples.
    pub fn is_large(self) -> bool {
        matches!(self, Self::Generated(n) if n >= 100_000)
    }

    /// The RON text, generated on first use and kept for the rest of the run.
    pub fn text(self) -> &'static str {
        match self {
            Self::Shipped => EMBEDDED_DATASET,
            Self::Generated(n) => {
                static TEXTS: OnceLock<Mutex<HashMap<usize, &'static str>>> = OnceLock::new();
                let mut texts = TEXTS.get_or_init(Mutex::default).lock().unwrap();
                texts.entry(n).or_insert_with(|| {
                    let file = generate_timeline(n, SEED);
                    let text = to_compact_ron(&file).expect("a generated timeline serialises");
                    Box::leak(text.into_boxed_str())
                })
            }
        }
    }

    /// A file the app can open, written on first use into a folder that lives for the
    /// whole run; `None` for the shipped dataset, which the app opens when given no file.
    pub fn path(self) -> Option<PathBuf> {
        let Self::Generated(n) = self else {
            return None;
        };
        static FOLDER: OnceLock<tempfile::TempDir> = OnceLock::new();
        let folder = FOLDER.get_or_init(|| tempfile::tempdir().expect("a temporary folder"));
        let path = folder.path().join(format!("generated-{n}.ron"));
        if !path.exists() {
            wpk_timeline::atomic_file::write_atomically(&path, self.text().as_bytes())
                .expect("the generated file is written");
        }
        Some(path)
    }
}

/// The input of one frame: the screen, the clock and `events`.
pub fn raw_input(time: f64, events: Vec<egui::Event>) -> egui::RawInput {
    let mut input = egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(SCREEN.0, SCREEN.1),
        )),
        time: Some(time),
        predicted_dt: FRAME_SECONDS as f32,
        focused: true,
        events,
        ..Default::default()
    };
    if let Some(viewport) = input.viewports.get_mut(&egui::ViewportId::ROOT) {
        viewport.native_pixels_per_point = Some(1.0);
    }
    input
}

/// The whole app running headless, as eframe would run it, minus the GPU.
pub struct Rig {
    pub ctx: egui::Context,
    pub app: TimelineApp,
    pub time: f64,
}

impl Rig {
    /// Opens `dataset` at `view` (the file's default view when `None`) and runs a few
    /// frames so fonts, glyphs and layout caches are warm.
    pub fn new(dataset: Dataset, view: Option<(&str, &str)>) -> Self {
        // As the window does (`main.rs`): what a frame frees stays for the next one.
        wpk_timeline::platform::memory::keep_freed_memory();
        let app = TimelineApp::new(AppOptions {
            file: dataset.path(),
            view: view.map(|(from, to)| (from.to_owned(), to.to_owned())),
            ..Default::default()
        });
        assert!(
            app.document().is_some(),
            "{} does not load: {:?}",
            dataset.name(),
            app.load_error()
        );
        let mut rig = Self {
            ctx: egui::Context::default(),
            app,
            time: 0.0,
        };
        for _ in 0..4 {
            rig.frame(Vec::new());
        }
        rig
    }

    /// One frame: the app's whole UI, then tessellation into triangles.
    /// Returns how many primitives were produced (so nothing is optimised away).
    pub fn frame(&mut self, events: Vec<egui::Event>) -> usize {
        self.time += FRAME_SECONDS;
        let Self { ctx, app, time } = self;
        let mut output = ctx.run_ui(raw_input(*time, events), |ui| app.show(ui));
        let primitives =
            ctx.tessellate(std::mem::take(&mut output.shapes), output.pixels_per_point);
        output.textures_delta.clear();
        std::hint::black_box(&primitives);
        primitives.len()
    }

    /// Lets `seconds` pass in a few frames (animations and smooth scrolling finish).
    pub fn settle(&mut self, seconds: f64) {
        for _ in 0..4 {
            self.time += seconds / 4.0;
            self.frame(Vec::new());
        }
    }
}

/// A group's sampling: many quick samples for fast cases, ten flat ones for slow cases.
pub fn configure(
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    slow: bool,
) {
    if slow {
        group
            .sample_size(10)
            .sampling_mode(criterion::SamplingMode::Flat)
            .warm_up_time(Duration::from_millis(500))
            .measurement_time(Duration::from_secs(5));
    } else {
        group
            .sample_size(50)
            .warm_up_time(Duration::from_secs(1))
            .measurement_time(Duration::from_secs(3));
    }
}
