//! The large view of a picture (issue 14): opened by clicking a thumbnail in the
//! detail panel, it shows the picture as large as the window allows (decoded at
//! display size, off the UI thread), with its caption, credit and licence. Esc closes
//! it, ← and → step between the pictures of the same event, as do its buttons.

use std::path::PathBuf;

use egui::{Key, Modifiers, RichText, vec2};

use crate::app::images::{ImageCache, ImageSize};
use crate::model::media::MediaRecord;
use crate::ui::media_strip::{picture_of, picture_ui};

/// The pictures being viewed and which one is shown.
#[derive(Clone, Debug, PartialEq)]
struct Viewing {
    /// The timeline file's folder (`None` where images cannot be read).
    folder: Option<PathBuf>,
    /// The pictures of the event or era.
    media: Vec<MediaRecord>,
    /// The one shown.
    index: usize,
}

/// The large view; closed until [`ImageViewer::open`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImageViewer {
    viewing: Option<Viewing>,
}

impl ImageViewer {
    /// Shows picture `index` of `media` (found in `folder`).
    pub fn open(&mut self, folder: Option<PathBuf>, media: Vec<MediaRecord>, index: usize) {
        if index < media.len() {
            self.viewing = Some(Viewing {
                folder,
                media,
                index,
            });
        }
    }

    /// Whether a picture is shown.
    pub fn is_open(&self) -> bool {
        self.viewing.is_some()
    }

    /// Closes the view.
    pub fn close(&mut self) {
        self.viewing = None;
    }

    /// The caption of the picture shown.
    pub fn caption(&self) -> Option<&str> {
        let viewing = self.viewing.as_ref()?;
        viewing
            .media
            .get(viewing.index)
            .map(|item| item.caption.as_str())
    }

    /// Steps to the next (`forward`) or previous picture, stopping at the ends.
    fn step(&mut self, forward: bool) {
        if let Some(viewing) = &mut self.viewing {
            viewing.index = if forward {
                (viewing.index + 1).min(viewing.media.len().saturating_sub(1))
            } else {
                viewing.index.saturating_sub(1)
            };
        }
    }

    /// While open, takes Esc, ← and → before the rest of the window sees them (they
    /// would close the panel and pan the timeline).
    pub fn handle_keys(&mut self, ctx: &egui::Context) {
        if !self.is_open() {
            return;
        }
        let pressed = |key| ctx.input_mut(|i| i.consume_key(Modifiers::NONE, key));
        if pressed(Key::Escape) {
            self.close();
            return;
        }
        if pressed(Key::ArrowRight) {
            self.step(true);
        }
        if pressed(Key::ArrowLeft) {
            self.step(false);
        }
    }

    /// Shows the view while it is open.
    pub fn show(&mut self, ctx: &egui::Context, images: &mut ImageCache) {
        let Some(viewing) = &self.viewing else {
            return;
        };
        let Some(item) = viewing.media.get(viewing.index).cloned() else {
            self.viewing = None;
            return;
        };
        let (count, index) = (viewing.media.len(), viewing.index);
        let folder = viewing.folder.clone();
        let screen = ctx.content_rect();
        // The picture takes what the window leaves around the text and buttons.
        let room = vec2(
            (screen.width() - 96.0).max(120.0),
            (screen.height() - 220.0).max(90.0),
        );
        let mut step = None;
        let mut close = false;
        let response = egui::Modal::new(egui::Id::NULL.with("image-viewer")).show(ctx, |ui| {
            ui.set_max_width(room.x);
            let picture = picture_of(ctx, images, folder.as_deref(), &item, ImageSize::Display);
            picture_ui(ui, &picture, &item, room);
            ui.add_space(6.0);
            ui.add(
                egui::Label::new(RichText::new(&item.caption).strong())
                    .wrap_mode(egui::TextWrapMode::Wrap),
            );
            ui.add(
                egui::Label::new(format!(
                    "Credit: {} · Licence: {}",
                    item.credit.trim(),
                    item.licence.trim()
                ))
                .wrap_mode(egui::TextWrapMode::Wrap),
            );
            ui.horizontal(|ui| {
                if count > 1 {
                    if ui
                        .add_enabled(index > 0, egui::Button::new("Previous"))
                        .clicked()
                    {
                        step = Some(false);
                    }
                    ui.label(format!("{} of {count}", index + 1));
                    if ui
                        .add_enabled(index + 1 < count, egui::Button::new("Next"))
                        .clicked()
                    {
                        step = Some(true);
                    }
                }
                if ui.button("Close").on_hover_text("Close (Esc)").clicked() {
                    close = true;
                }
            });
        });
        if close || response.backdrop_response.clicked() {
            self.close();
        } else if let Some(forward) = step {
            self.step(forward);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(caption: &str) -> MediaRecord {
        MediaRecord {
            file: format!("{caption}.png"),
            caption: caption.to_owned(),
            credit: "c".to_owned(),
            licence: "l".to_owned(),
        }
    }

    #[test]
    fn steps_stop_at_the_ends_and_a_bad_index_opens_nothing() {
        let mut viewer = ImageViewer::default();
        viewer.open(None, vec![item("a"), item("b")], 5);
        assert!(!viewer.is_open());
        viewer.open(None, vec![item("a"), item("b")], 0);
        viewer.step(false);
        assert_eq!(viewer.caption(), Some("a"));
        viewer.step(true);
        viewer.step(true);
        assert_eq!(viewer.caption(), Some("b"));
        viewer.close();
        assert_eq!(viewer.caption(), None);
    }
}
