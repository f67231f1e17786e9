//! The pictures example (`examples/media/`): its timeline loads and passes `check`,
//! and its pictures are exactly what this file draws (no photographs, nothing
//! invented: generated patterns, with their provenance in the captions). Run with
//! `UPDATE_EXAMPLES=1` to write them again after changing a drawing.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

use image::{ImageFormat, Rgb, RgbImage};

fn folder() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/media")
}

#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
fn channel(value: f32) -> u8 {
    (value.clamp(0.0, 1.0) * 255.0).round() as u8
}

/// The example's pictures: file name, format and pixels.
fn pictures() -> Vec<(&'static str, ImageFormat, RgbImage)> {
    let gradient = RgbImage::from_fn(800, 500, |x, y| {
        let t = x as f32 / 799.0;
        let stripe = if ((x + y) / 40).is_multiple_of(2) {
            0.0
        } else {
            0.06
        };
        Rgb([
            channel(0.1 + 0.85 * t + stripe),
            channel(0.3 + 0.3 * t),
            channel(0.75 - 0.6 * t + stripe),
        ])
    });
    let rings = RgbImage::from_fn(600, 600, |x, y| {
        let (dx, dy) = (x as f32 - 300.0, y as f32 - 300.0);
        let r = (dx * dx + dy * dy).sqrt();
        let ring = ((r / 30.0).floor() as u32).is_multiple_of(2);
        if ring {
            Rgb([channel(0.15), channel(0.45 + r / 1200.0), channel(0.35)])
        } else {
            Rgb([channel(0.92), channel(0.9), channel(0.8)])
        }
    });
    let checks = RgbImage::from_fn(640, 360, |x, y| {
        let dark = (x / 40 + y / 40).is_multiple_of(2);
        let t = y as f32 / 359.0;
        if dark {
            Rgb([channel(0.2 + 0.2 * t), channel(0.2), channel(0.45)])
        } else {
            Rgb([channel(0.95), channel(0.85 - 0.3 * t), channel(0.4)])
        }
    });
    vec![
        ("img/gradient.png", ImageFormat::Png, gradient),
        ("img/rings.jpg", ImageFormat::Jpeg, rings),
        ("img/checks.webp", ImageFormat::WebP, checks),
    ]
}

#[test]
fn the_example_pictures_are_the_generated_ones() {
    let update = std::env::var_os("UPDATE_EXAMPLES").is_some();
    for (name, format, drawn) in pictures() {
        let path = folder().join(name);
        if update {
            std::fs::create_dir_all(path.parent().expect("folder")).expect("folder");
            drawn.save_with_format(&path, format).expect("write");
        }
        let stored = image::open(&path)
            .unwrap_or_else(|e| panic!("{name}: {e} (UPDATE_EXAMPLES=1 writes it)"))
            .into_rgb8();
        assert_eq!(stored.dimensions(), drawn.dimensions(), "{name}");
        // PNG and WebP (lossless) are exact; JPEG is within its compression's error.
        let total: u64 = stored
            .as_raw()
            .iter()
            .zip(drawn.as_raw())
            .map(|(a, b)| u64::from(a.abs_diff(*b)))
            .sum();
        let mean = total as f64 / drawn.as_raw().len() as f64;
        let tolerance = if format == ImageFormat::Jpeg {
            6.0
        } else {
            0.0
        };
        assert!(mean <= tolerance, "{name}: mean difference {mean}");
        let bytes = std::fs::metadata(&path).expect("size").len();
        assert!(
            bytes < 200_000,
            "{name} is {bytes} bytes: keep the example small"
        );
    }
}

#[test]
fn the_example_timeline_loads_with_its_pictures() {
    let path = folder().join("pictures.ron");
    let timeline = wpk_timeline::model::load::load_path(&path).unwrap_or_else(|e| panic!("{e}"));
    let pictures: usize = timeline
        .events
        .iter()
        .map(|e| e.record.media.len())
        .sum::<usize>()
        + timeline
            .eras
            .iter()
            .map(|e| e.record.media.len())
            .sum::<usize>();
    assert_eq!(pictures, pictures_named());
    assert!(timeline.warnings.is_empty(), "{:?}", timeline.warnings);
}

/// Every picture drawn is named once in the timeline.
fn pictures_named() -> usize {
    let text = std::fs::read_to_string(folder().join("pictures.ron")).expect("read");
    pictures()
        .iter()
        .map(|(name, _, _)| {
            let n = text.matches(&format!("\"{name}\"")).count();
            assert_eq!(n, 1, "{name} named {n} times");
            n
        })
        .sum()
}
