//! The pure geometry of the timeline: the time↔screen transform, axis ticks, and
//! the layout of lanes, markers, clusters and labels. No egui `Ui` in here.

pub mod flight;
pub mod frame;
pub mod layout;
pub mod ticks;
pub mod transform;
