//! Pictures in the interface (issue 14): one picture fitted into a box
//! ([`picture_ui`]) — the image, or while it decodes a grey box with a spinner, or a
//! plain message when it cannot be shown — and the detail panel's strip of thumbnails
//! with their captions ([`media_strip_ui`]). Each picture is announced to assistive
//! technology (and found by tests) as `Image: caption`, `Loading image: caption` or
//! `Image not shown: caption`.

use std::path::Path;

use egui::{Color32, Rect, RichText, Sense, Ui, Vec2, pos2, vec2};

use crate::app::images::{ImageCache, ImageSize, Picture};
use crate::model::media::MediaRecord;

/// The largest thumbnail box in the strip, in points.
const THUMBNAIL_BOX: Vec2 = vec2(160.0, 120.0);

/// The picture of `item` at `size`: from the cache when the timeline's images can be
/// read (`folder` is the timeline file's), else why not.
pub fn picture_of(
    ctx: &egui::Context,
    images: &mut ImageCache,
    folder: Option<&Path>,
    item: &MediaRecord,
    size: ImageSize,
) -> Picture {
    match folder {
        Some(folder) => images.get(ctx, &folder.join(&item.file), size),
        None => Picture::Failed(crate::platform::images::UNAVAILABLE.to_owned()),
    }
}

/// The size of a `picture` of `image` pixels fitted into `room`, keeping its shape.
pub fn fitted(image: Vec2, room: Vec2) -> Vec2 {
    if image.x <= 0.0 || image.y <= 0.0 || room.x <= 0.0 || room.y <= 0.0 {
        return Vec2::ZERO;
    }
    let scale = (room.x / image.x).min(room.y / image.y);
    image * scale
}

/// Shows `picture` (of `item`) fitted into `room`, left-aligned; clickable. While it
/// loads and when it fails, the whole `room` is a grey box with a spinner or the reason.
pub fn picture_ui(
    ui: &mut Ui,
    picture: &Picture,
    item: &MediaRecord,
    room: Vec2,
) -> egui::Response {
    match picture {
        Picture::Ready { texture, size } => {
            let shown = fitted(*size, room);
            let (rect, response) = ui.allocate_exact_size(shown, Sense::click());
            if ui.is_rect_visible(rect) {
                let uv = Rect::from_min_max(pos2(0.0, 0.0), pos2(1.0, 1.0));
                ui.painter().image(*texture, rect, uv, Color32::WHITE);
            }
            let label = format!("Image: {}", item.caption);
            response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, &label));
            response
        }
        Picture::Loading => {
            let (rect, response) = ui.allocate_exact_size(room, Sense::click());
            if ui.is_rect_visible(rect) {
                ui.painter()
                    .rect_filled(rect, 4.0, ui.visuals().faint_bg_color);
                let side = rect.width().min(rect.height()).min(32.0);
                egui::Spinner::new()
                    .size(side)
                    .paint_at(ui, Rect::from_center_size(rect.center(), Vec2::splat(side)));
                ui.ctx().request_repaint();
            }
            let label = format!("Loading image: {}", item.caption);
            response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, &label));
            response
        }
        Picture::Failed(why) => {
            let inner =
                ui.allocate_ui_with_layout(room, egui::Layout::top_down(egui::Align::Min), |ui| {
                    egui::Frame::new()
                        .fill(ui.visuals().faint_bg_color)
                        .corner_radius(4.0)
                        .inner_margin(6.0)
                        .show(ui, |ui| {
                            ui.set_width((room.x - 12.0).max(1.0));
                            ui.set_min_height((room.y - 12.0).max(1.0));
                            ui.label(
                                RichText::new(format!("{} {why}", item.file))
                                    .color(ui.visuals().text_color()),
                            );
                        });
                });
            let response = inner.response.interact(Sense::click());
            let label = format!("Image not shown: {}", item.caption);
            response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, &label));
            response
        }
    }
}

/// The detail panel's strip: each picture of `media` as a thumbnail with its caption
/// under it, side by side as far as the panel is wide. Returns the picture clicked.
pub fn media_strip_ui(
    ui: &mut Ui,
    images: &mut ImageCache,
    folder: Option<&Path>,
    media: &[MediaRecord],
) -> Option<usize> {
    let mut clicked = None;
    let width = THUMBNAIL_BOX.x.min(ui.available_width()).max(40.0);
    let room = vec2(width, THUMBNAIL_BOX.y * width / THUMBNAIL_BOX.x);
    ui.horizontal_wrapped(|ui| {
        for (k, item) in media.iter().enumerate() {
            ui.allocate_ui_with_layout(
                vec2(width, room.y * 2.0),
                egui::Layout::top_down(egui::Align::Min),
                |ui| {
                    ui.set_width(width);
                    let picture = picture_of(ui.ctx(), images, folder, item, ImageSize::Thumbnail);
                    let response = picture_ui(ui, &picture, item, room)
                        .on_hover_text(format!("{}\nClick for a larger view", item.caption));
                    if response.clicked() {
                        clicked = Some(k);
                    }
                    ui.add(
                        egui::Label::new(RichText::new(&item.caption).small())
                            .wrap_mode(egui::TextWrapMode::Wrap),
                    );
                },
            );
        }
    });
    clicked
}

#[cfg(test)]
mod tests {
    use super::fitted;
    use egui::vec2;

    #[test]
    fn pictures_keep_their_shape_and_fit() {
        assert_eq!(
            fitted(vec2(300.0, 200.0), vec2(150.0, 150.0)),
            vec2(150.0, 100.0)
        );
        assert_eq!(
            fitted(vec2(200.0, 400.0), vec2(150.0, 100.0)),
            vec2(50.0, 100.0)
        );
        assert_eq!(
            fitted(vec2(10.0, 10.0), vec2(100.0, 50.0)),
            vec2(50.0, 50.0)
        );
        assert_eq!(fitted(vec2(0.0, 10.0), vec2(100.0, 50.0)), vec2(0.0, 0.0));
    }
}
