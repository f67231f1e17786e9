//! Where the remembered settings live (web: one entry of the browser's localStorage for
//! this site, named like the desktop's file; see [`super::settings_store`]).

use std::path::PathBuf;

/// The localStorage key, as a path (the application passes it around as one).
pub const STORAGE_KEY: &str = "wpk-timeline/settings.ron";

/// Always the one key.
pub fn default_path() -> Option<PathBuf> {
    Some(PathBuf::from(STORAGE_KEY))
}
