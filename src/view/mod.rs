//! The pure geometry of the timeline: the time↔screen transform, axis ticks, and
//! the layout of lanes, markers, clusters and labels, and the scene (the display list
//! that every back end paints). No egui `Ui` in here.

pub mod backdrop;
pub mod basemap;
pub mod fill;
pub mod flight;
pub mod frame;
pub mod layout;
pub mod locator;
pub mod scene;
pub mod ticks;
pub mod transform;
