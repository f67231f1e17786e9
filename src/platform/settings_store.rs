//! Reading and writing the remembered settings where [`super::settings_location`] says
//! (native: the settings file, with the quarantine rules of [`crate::settings`]).

use std::path::Path;

use crate::settings::{Loaded, Settings};

/// Reads the settings at `path`; problems give the defaults and a message.
pub fn load(path: &Path) -> Loaded {
    crate::settings::load_file(path)
}

/// Writes the settings to `path` atomically.
pub fn save(path: &Path, settings: &Settings) -> Result<(), String> {
    crate::settings::save_file(path, settings)
}
