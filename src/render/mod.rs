//! Back ends of the scene ([`crate::view::scene`]): each turns the same display list
//! into one medium — [`egui`] paints it into the window, [`svg`] writes it as a file,
//! [`png`] rasterises that SVG without a window, [`pdf`] draws it on the pages of a
//! PDF — and [`text`] measures text with the window's fonts where there is no window.

pub mod egui;
pub mod egui_galleys;
pub mod egui_mesh;
pub mod outline;
pub mod pdf;
pub mod png;
pub mod svg;
pub mod text;
