//! The PNG export against the window's own drawing of the same scene: one picture
//! laid out once, painted by the window's back end (egui, rendered by wgpu through
//! `egui_kittest`, as in the window) and by the file back ends (SVG, rasterised by
//! resvg). The two renderers share no code below the scene — different rasterisers,
//! different text shaping and anti-aliasing — so the pictures are compared by their
//! statistics, not pixel by pixel.
//!
//! Needs a wgpu adapter (Mesa's llvmpipe on CI), so it is behind the `snapshots`
//! feature like `tests/snapshots.rs`:
//! `cargo test --features snapshots --test png_vs_window`.

use egui::{Pos2, Rect, vec2};
use egui_kittest::Harness;
use image::RgbaImage;
use wpk_timeline::document::{DataSource, Document};
use wpk_timeline::export::{self, svg};
use wpk_timeline::render::text::font_definitions;
use wpk_timeline::ui::theme::{ThemeChoice, TimelineStyle};
use wpk_timeline::view::scene::SceneEmphasis;

const SIZE: (u32, u32) = (1600, 900);

/// Mean and standard deviation of each colour channel (0–255).
fn channel_stats(picture: &RgbaImage) -> [(f64, f64); 3] {
    let mut out = [(0.0, 0.0); 3];
    #[allow(clippy::cast_precision_loss)]
    let n = f64::from(picture.width()) * f64::from(picture.height());
    for (channel, stats) in out.iter_mut().enumerate() {
        let values = picture.pixels().map(|p| f64::from(p.0[channel]));
        let mean = values.clone().sum::<f64>() / n;
        let variance = values.map(|v| (v - mean).powi(2)).sum::<f64>() / n;
        *stats = (mean, variance.sqrt());
    }
    out
}

/// The mean absolute difference of the two pictures' grey levels, compared in blocks
/// of `block` × `block` pixels (the mean of each block), so that a glyph drawn half a
/// pixel to the side or anti-aliased differently hardly counts, while anything drawn
/// in one picture and not the other (a missing label, a bar in the wrong place) does.
fn block_difference(a: &RgbaImage, b: &RgbaImage, block: u32) -> f64 {
    let grey =
        |p: &image::Rgba<u8>| (f64::from(p.0[0]) + f64::from(p.0[1]) + f64::from(p.0[2])) / 3.0;
    let mean = |picture: &RgbaImage, x0: u32, y0: u32| {
        let mut sum = 0.0;
        for y in y0..y0 + block {
            for x in x0..x0 + block {
                sum += grey(picture.get_pixel(x, y));
            }
        }
        sum / f64::from(block * block)
    };
    let (mut total, mut count) = (0.0, 0.0);
    for y in (0..a.height() / block).map(|k| k * block) {
        for x in (0..a.width() / block).map(|k| k * block) {
            total += (mean(a, x, y) - mean(b, x, y)).abs();
            count += 1.0;
        }
    }
    total / f64::max(count, 1.0)
}

/// The scene of `view` painted by the window's back end into a 1600×900 frame.
fn window_picture(
    document: &Document,
    view: &(String, String),
    selected: Option<&str>,
) -> RgbaImage {
    let scene = picture(document, view, selected).scene;
    let mut harness = Harness::builder()
        .with_size(vec2(SIZE.0 as f32, SIZE.1 as f32))
        .with_pixels_per_point(1.0)
        .build_ui(move |ui| {
            let whole = Rect::from_min_size(Pos2::ZERO, vec2(SIZE.0 as f32, SIZE.1 as f32));
            let painter = egui::Painter::new(ui.ctx().clone(), ui.layer_id(), whole);
            wpk_timeline::render::egui::paint(&painter, &scene);
        });
    harness.ctx.set_fonts(font_definitions());
    harness.run();
    harness.render().unwrap_or_else(|e| panic!("wgpu: {e}"))
}

fn picture(
    document: &Document,
    view: &(String, String),
    selected: Option<&str>,
) -> svg::PictureLayout {
    let time = export::export_view(document, Some(view)).unwrap_or_else(|e| panic!("{e}"));
    let shown: Vec<usize> = (0..document.timeline.categories.len()).collect();
    svg::picture_layout(
        document,
        &document.lanes,
        &shown,
        time,
        (SIZE.0 as f32, SIZE.1 as f32),
        &TimelineStyle::desktop(ThemeChoice::Light),
        SceneEmphasis {
            selected: selected.and_then(|id| document.timeline.find(id)),
            is_match: None,
        },
    )
}

fn png_picture(document: &Document, view: &(String, String), selected: Option<&str>) -> RgbaImage {
    let layout = picture(document, view, selected);
    let text = svg::draw_picture(document, &document.lanes, &layout);
    wpk_timeline::render::png::rasterize(&text, SIZE).unwrap_or_else(|e| panic!("{e}"))
}

/// Tolerances, from the pictures of the three views below (printed by the test):
/// the two renderers differ in anti-aliasing and, most, in the weight of text — egui
/// rasterises glyphs into its atlas with a gamma that makes Ubuntu Light darker, resvg
/// draws their exact coverage — which moves the means by about 2 of 255 levels and
/// the deviations by up to about 9, and the mean of 8×8 blocks by about 2.4. The
/// window's drawing of one view against the PNG of a neighbouring view (the control
/// below) differs several times as much in blocks, so the tolerances still catch a
/// picture of the wrong view, a missing layer or a blank picture.
const MEAN_TOLERANCE: f64 = 3.0;
const DEVIATION_TOLERANCE: f64 = 11.0;
const BLOCK_TOLERANCE: f64 = 4.0;

#[test]
fn the_png_export_matches_the_windows_drawing_of_the_same_scene() {
    let document = Document::load(DataSource::Embedded).unwrap_or_else(|e| panic!("{e}"));
    let range = |from: &str, to: &str| (from.to_owned(), to.to_owned());
    let cases = [
        (range("1926", "2021"), None),
        (range("1953", "1961"), None),
        (range("1956-06", "1956-10"), Some("august-plenum")),
    ];
    let out = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"));
    let mut windows = Vec::new();
    for (k, (view, selected)) in cases.iter().enumerate() {
        let window = window_picture(&document, view, *selected);
        let png = png_picture(&document, view, *selected);
        // Kept for looking at side by side.
        let _ = window.save(out.join(format!("png-vs-window-{k}-window.png")));
        let _ = png.save(out.join(format!("png-vs-window-{k}-png.png")));
        assert_eq!(window.dimensions(), png.dimensions());
        let (w, p) = (channel_stats(&window), channel_stats(&png));
        let difference = block_difference(&window, &png, 8);
        eprintln!("{view:?}: window {w:.1?}, png {p:.1?}, block difference {difference:.2}");
        for channel in 0..3 {
            let (mean, deviation) = (
                (w[channel].0 - p[channel].0).abs(),
                (w[channel].1 - p[channel].1).abs(),
            );
            assert!(
                mean < MEAN_TOLERANCE,
                "{view:?} channel {channel}: means differ by {mean:.2}"
            );
            assert!(
                deviation < DEVIATION_TOLERANCE,
                "{view:?} channel {channel}: deviations differ by {deviation:.2}"
            );
            // Not blank: a picture of eras, lanes and labels.
            assert!(p[channel].1 > 10.0, "{view:?}: the PNG is nearly blank");
        }
        assert!(
            difference < BLOCK_TOLERANCE,
            "{view:?}: block difference {difference:.2}"
        );
        windows.push((window, png));
    }
    // The control: the window's 1953–1961 against the PNG of 1926–2021 and of 1956.
    for other in [0, 2] {
        let control = block_difference(&windows[1].0, &windows[other].1, 8);
        eprintln!("control: window of view 1 against the PNG of view {other}: {control:.2}");
        assert!(
            control > 2.0 * BLOCK_TOLERANCE,
            "the block difference does not tell views apart: {control:.2}"
        );
    }
}
