//! The platform seam: everything the application needs from the machine it runs on,
//! one small module per concern. There are two implementations of the same
//! functions, and this file is the ONE place that chooses between them: the desktop's
//! (files on disk, `notify` watching, `rfd` dialogs, XDG settings paths, threads) in
//! the files beside this one, and the browser's (issue 17) under `web/` for
//! `wasm32`. The application never asks which one it got.
//!
//! - [`fonts`]: the embedded Korean font (on the web: a Hangul-only subset, smaller).
//! - [`files`]: reading a timeline within limits, writing a file atomically (on the
//!   web: files the browser handed over, kept in memory; writing is a download).
//! - [`images`]: reading the images a timeline names, within limits (on the web: none
//!   yet, and each says so).
//! - [`regular_file`]: opening a regular file for reading, never blocking on a pipe.
//! - [`watch`]: telling when the open file changes on disk (the web has nothing to watch).
//! - [`dialogs`]: open and save dialogs, run off the UI thread (on the web: the
//!   browser's file picker; saving downloads).
//! - [`settings_location`]: where the remembered settings live.
//! - [`settings_store`]: reading and writing them there (on the web: localStorage).
//! - [`memory`]: keeping the memory a frame frees for the next one (glibc; elsewhere
//!   the allocator does by itself).
//! - [`tasks`]: running slow work off the UI thread (on the web, which has no threads:
//!   after the current frame).
//! - [`clipboard`]: putting text on the clipboard.
//! - [`links`]: opening a link in the browser, checked and hardened (the same code on
//!   the web, where `webbrowser` opens it in a new tab).
//! - [`window`]: full screen for presenting (on the web: the browser's full screen).
//! - [`web_start`]: what a web page's address asks for (`?file=`, `?event=`, `?view=`),
//!   pure and tested on every platform.

pub mod clipboard;
pub mod dialog_request;
#[cfg_attr(target_arch = "wasm32", path = "web/dialogs.rs")]
pub mod dialogs;
#[cfg_attr(target_arch = "wasm32", path = "web/files.rs")]
pub mod files;
#[cfg_attr(target_arch = "wasm32", path = "web/fonts.rs")]
pub mod fonts;
#[cfg_attr(target_arch = "wasm32", path = "web/images.rs")]
pub mod images;
pub mod links;
pub mod memory;
pub mod regular_file;
#[cfg_attr(target_arch = "wasm32", path = "web/settings_location.rs")]
pub mod settings_location;
#[cfg_attr(target_arch = "wasm32", path = "web/settings_store.rs")]
pub mod settings_store;
#[cfg_attr(target_arch = "wasm32", path = "web/tasks.rs")]
pub mod tasks;
#[cfg_attr(target_arch = "wasm32", path = "web/watch.rs")]
pub mod watch;
pub mod web_start;
#[cfg_attr(target_arch = "wasm32", path = "web/window.rs")]
pub mod window;
