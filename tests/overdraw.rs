//! How many pixels a frame blends. A GPU does not notice, but a software renderer (Mesa's
//! llvmpipe: virtual machines, remote desktops, machines without a working driver) pays
//! for every pixel of every triangle: at 1600×900 on two cores, each layer the size of
//! the window cost it about 45 ms a frame, and the window's first frame waits for it.
//! The era washes were drawn as translucent layers over the background (2.6 windows'
//! worth of pixels a frame); blended into it ([`wpk_timeline::view::backdrop`]), a frame
//! blends 1.7.
//!
//! Counted on egui's own tessellation of the app's frame (no GPU needed): the area of
//! every triangle, inside its clip rectangle.

use egui::epaint::Primitive;
use egui::{Rect, vec2};
use egui_kittest::Harness;
use wpk_timeline::app::{AppOptions, TimelineApp};

/// Pixels of triangles in the frame's meshes, each cut to its clip rectangle (a triangle
/// reaching out of its clip counts no more than the part of its bounds inside).
fn pixels_blended(harness: &Harness<'_, TimelineApp>) -> f64 {
    let shapes = harness.output().shapes.clone();
    let primitives = harness.ctx.tessellate(shapes, 1.0);
    let mut total = 0.0;
    for primitive in &primitives {
        let Primitive::Mesh(mesh) = &primitive.primitive else {
            continue;
        };
        for triangle in mesh.indices.chunks_exact(3) {
            let [a, b, c] = [0, 1, 2].map(|i| {
                let index = usize::try_from(triangle[i]).expect("index");
                mesh.vertices[index].pos
            });
            let inside = Rect::from_points(&[a, b, c]).intersect(primitive.clip_rect);
            if !inside.is_positive() {
                continue;
            }
            let area = ((b - a).x * (c - a).y - (c - a).x * (b - a).y).abs() / 2.0;
            total += f64::from(area.min(inside.area()));
        }
    }
    total
}

#[test]
fn a_frame_blends_less_than_two_windows_worth_of_pixels() {
    for (width, height) in [
        (1024.0, 768.0),
        (1280.0, 720.0),
        (1600.0, 900.0),
        (1920.0, 1080.0),
    ] {
        let app = TimelineApp::new(AppOptions::default());
        let mut harness = Harness::builder()
            .with_size(vec2(width, height))
            .build_eframe(|_| app);
        harness.run();
        assert!(harness.state().document().is_some());
        let layers = pixels_blended(&harness) / f64::from(width * height);
        // Every pixel at least once: the frame covers the window.
        assert!(layers >= 1.0, "{width}×{height}: {layers:.2}");
        assert!(
            layers < 2.0,
            "{width}×{height}: the frame blends {layers:.2} windows' worth of pixels"
        );
    }
}
