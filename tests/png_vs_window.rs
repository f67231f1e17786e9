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
    let grey = |p: &image::Rgba<u8>| {
        (f64::from(p.0[0]) + f64::from(p.0[1]) + f64::from(p.0[2])) / 3.0
    };
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
fn window_picture(document: &Document, view: &(String, String), selected: Option<&str>) -> RgbaImage {
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

#[test]
fn the_png_export_matches_the_windows_drawing_of_the_same_scene() {
    let document = Document::load(DataSource::Embedded).unwrap_or_else(|e| panic!("{e}"));
    let cases = [
        (("1926".to_owned(), "2021".to_owned()), None),
        (("1953".to_owned(), "1961".to_owned()), None),
        (("1956-06".to_owned(), "1956-10".to_owned()), Some("august-plenum")),
    ];
    let out = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"));
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
            // Means: the same background, eras and bars cover almost all pixels; text
            // and anti-aliasing move a mean by a fraction of a level.
            assert!(
                (w[channel].0 - p[channel].0).abs() < 2.0,
                "{view:?} channel {channel}: means {:.2} and {:.2}",
                w[channel].0,
                p[channel].0
            );
            // Deviations: the contrast of the picture (blank or missing layers change it a lot).
            assert!(
                (w[channel].1 - p[channel].1).abs() < 3.0,
                "{view:?} channel {channel}: deviations {:.2} and {:.2}",
                w[channel].1,
                p[channel].1
            );
        }
        assert!(difference < 3.0, "{view:?}: block difference {difference:.2}");
    }
}
