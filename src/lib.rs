//! A zoomable, presentable timeline of the history of the Workers' Party of Korea.
//!
//! Layers, from the bottom: [`model`] is the pure data core (file format, dates,
//! loading, validation); [`view`] is the pure geometry (transform, ticks, layout);
//! [`document`] ties a loaded timeline to its derived indexes; [`ui`] and [`app`]
//! are the egui layer; [`platform`] is what the app needs from the machine (files,
//! watching, dialogs, settings location, clipboard); [`cli`] is the command line.

pub mod app;
// On the web, writing a file is a download (the platform seam's choice, see
// `platform/mod.rs`).
#[cfg_attr(target_arch = "wasm32", path = "platform/web/atomic_file.rs")]
pub mod atomic_file;
pub mod build_info;
pub mod cli;
pub mod document;
pub mod export;
pub mod generate;
pub mod model;
pub mod platform;
pub mod render;
pub mod settings;
pub mod ui;
pub mod view;
