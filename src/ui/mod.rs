//! The thin egui layer: painting the timeline and panels, and turning input into actions.

pub mod about;
pub mod capped_text;
pub mod detail_panel;
pub mod diagnostic_view;
pub mod fonts;
pub mod icon;
pub mod image_viewer;
pub mod label_widths;
pub mod locator_map;
pub mod media_strip;
pub mod overview;
pub mod present;
pub mod presenter;
pub mod theme;
pub mod timeline_ui;
