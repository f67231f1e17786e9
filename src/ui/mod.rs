//! The thin egui layer: painting the timeline and panels, and turning input into actions.

pub mod capped_text;
pub mod detail_panel;
pub mod fonts;
pub mod overview;
pub mod present;
pub mod theme;
pub mod timeline_ui;
