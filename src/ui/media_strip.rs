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
                    // Only pictures on screen are asked for: an event with more pictures
                    // than the cache keeps does not make it decode them over and over.
                    let on_screen = ui.is_rect_visible(Rect::from_min_size(ui.cursor().min, room));
                    let picture = if on_screen {
                        picture_of(ui.ctx(), images, folder, item, ImageSize::Thumbnail)
                    } else {
                        Picture::Loading
                    };
                    let response = picture_ui(ui, &picture, item, room)
                        .on_hover_text(format!("{}\nClick for a larger view", item.caption));
                    if response.clicked() {
                        clicked = Some(k);
                    }
                    ui.add(
                        egui::Label::new(RichText::new(&item.caption).size(12.0))
                            .wrap_mode(egui::TextWrapMode::Wrap),
                    );
                },
            );
        }
    });
    clicked
}

/// The widths the presentation card's picture column may take on a screen
/// `screen_width` points wide, widest first: three tenths of it down to a sixth, so
/// the text keeps the rest (the widest one with which the text still fits is taken).
pub fn card_picture_columns(screen_width: f32) -> [f32; 3] {
    [0.3, 0.23, 0.17].map(|share| (screen_width * share).round().max(0.0))
}

/// The card's content split into the text's part and, when `column` is more than
/// zero, the picture's column (`column` wide) at its right, `gap` apart.
pub fn split_off_picture(content: Rect, column: f32, gap: f32) -> (Rect, Option<Rect>) {
    if column <= 0.0 || column + gap >= content.width() {
        return (content, None);
    }
    let text = Rect::from_min_max(
        content.min,
        pos2(content.right() - column - gap, content.bottom()),
    );
    let picture = Rect::from_min_max(pos2(content.right() - column, content.top()), content.max);
    (text, Some(picture))
}

/// The presentation card's picture in `rect`: the picture fitted to the top right,
/// with its caption (at most two rows) and its credit and licence (four) under it, cut
/// with "…" only if the column is very narrow. While it decodes, a grey box.
pub fn card_picture_ui(
    ui: &mut Ui,
    picture: &Picture,
    item: &MediaRecord,
    rect: Rect,
    style: &crate::ui::theme::TimelineStyle,
) {
    let rows = |text: String, size: f32, colour: Color32, max_rows: usize| {
        let mut job = egui::text::LayoutJob::simple(
            text,
            egui::FontId::proportional(size),
            colour,
            rect.width(),
        );
        job.wrap.max_rows = max_rows;
        ui.painter().layout_job(job)
    };
    // The credit and licence are what a picture's licence asks to show: more room.
    let caption = rows(item.caption.clone(), style.label_size * 0.85, style.text, 2);
    let credit = rows(
        item.credit_line(),
        style.label_size * 0.75,
        style.weak_text,
        4,
    );
    let gap = style.label_size * 0.3;
    let text_height = caption.size().y + credit.size().y + gap;
    let room = vec2(rect.width(), rect.height() - text_height);
    let shown = match picture {
        Picture::Ready { size, .. } => fitted(*size, room),
        _ => room,
    };
    let label;
    if shown.x >= 1.0 && shown.y >= 24.0 {
        let image_rect = Rect::from_min_size(pos2(rect.right() - shown.x, rect.top()), shown);
        match picture {
            Picture::Ready { texture, .. } => {
                let uv = Rect::from_min_max(pos2(0.0, 0.0), pos2(1.0, 1.0));
                ui.painter().image(*texture, image_rect, uv, Color32::WHITE);
                label = format!("Image: {}", item.caption);
            }
            Picture::Loading => {
                ui.painter()
                    .rect_filled(image_rect, 4.0, style.weak_text.gamma_multiply(0.25));
                let side = image_rect.height().min(image_rect.width()).min(40.0);
                egui::Spinner::new()
                    .size(side)
                    .color(style.weak_text)
                    .paint_at(
                        ui,
                        Rect::from_center_size(image_rect.center(), Vec2::splat(side)),
                    );
                ui.ctx().request_repaint();
                label = format!("Loading image: {}", item.caption);
            }
            Picture::Failed(why) => {
                let mut job = egui::text::LayoutJob::simple(
                    format!("{} {why}", item.file),
                    egui::FontId::proportional(style.label_size * 0.75),
                    style.weak_text,
                    image_rect.width(),
                );
                job.wrap.max_rows = 3;
                let galley = ui.painter().layout_job(job);
                ui.painter().galley(image_rect.min, galley, style.weak_text);
                label = format!("Image not shown: {}", item.caption);
            }
        }
        let text_top = image_rect.bottom() + gap;
        let response = ui.allocate_rect(image_rect, Sense::hover());
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, &label));
        let right = rect.right();
        ui.painter().galley(
            pos2(right - caption.size().x, text_top),
            caption.clone(),
            style.text,
        );
        ui.painter().galley(
            pos2(right - credit.size().x, text_top + caption.size().y),
            credit,
            style.weak_text,
        );
    }
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

    #[test]
    fn the_card_gives_the_picture_a_column_and_the_text_the_rest() {
        use super::split_off_picture;
        use egui::{Rect, pos2};
        let content = Rect::from_min_max(pos2(10.0, 100.0), pos2(1010.0, 300.0));
        let (text, picture) = split_off_picture(content, 300.0, 20.0);
        assert_eq!(
            text,
            Rect::from_min_max(pos2(10.0, 100.0), pos2(690.0, 300.0))
        );
        assert_eq!(
            picture,
            Some(Rect::from_min_max(pos2(710.0, 100.0), pos2(1010.0, 300.0)))
        );
        assert_eq!(split_off_picture(content, 0.0, 20.0), (content, None));
        assert_eq!(split_off_picture(content, 990.0, 20.0), (content, None));
    }
}
