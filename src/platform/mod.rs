//! The platform seam: everything the application needs from the machine it runs on,
//! one small module per concern. This is the native implementation (files on disk,
//! `notify` watching, `rfd` dialogs, XDG settings paths, egui's clipboard); a web
//! build is a second implementation of the same functions, not `cfg` spread through
//! the application.
//!
//! - [`files`]: reading a timeline within limits, writing a file atomically.
//! - [`regular_file`]: opening a regular file for reading, never blocking on a pipe.
//! - [`watch`]: telling when the open file changes on disk.
//! - [`dialogs`]: open and save dialogs, run off the UI thread.
//! - [`settings_location`]: where the remembered settings live.
//! - [`clipboard`]: putting text on the clipboard.
//! - [`links`]: opening a link in the browser, checked and hardened.

pub mod clipboard;
pub mod dialogs;
pub mod files;
pub mod links;
pub mod regular_file;
pub mod settings_location;
pub mod watch;
