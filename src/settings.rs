//! What the application remembers between runs: theme, window size, view, panel
//! width, filters and recent files. Stored as RON, written atomically; a missing,
//! damaged or outdated store falls back to the defaults with a message, never an error.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::ui::theme::ThemeChoice;
use crate::view::transform::TimeView;

/// The format version; a store written by another version is ignored.
pub const SETTINGS_VERSION: u32 = 1;

/// How many recent files are listed.
pub const RECENT_LIMIT: usize = 8;

/// Everything remembered.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// The format version.
    pub version: u32,
    /// Light or dark (also the projector theme).
    pub theme: ThemeChoice,
    /// The window's inner size in points.
    pub window_size: Option<(f32, f32)>,
    /// The data file last open (`None`: the built-in dataset).
    pub last_file: Option<PathBuf>,
    /// The view last shown, for `last_file`.
    pub view: Option<TimeView>,
    /// Width of the detail panel.
    pub detail_panel_width: Option<f32>,
    /// Hidden lanes, by category id.
    pub hidden_lanes: Vec<String>,
    /// The importance filter.
    pub min_importance: u8,
    /// Files opened recently, newest first.
    pub recent_files: Vec<PathBuf>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            version: SETTINGS_VERSION,
            theme: ThemeChoice::default(),
            window_size: None,
            last_file: None,
            view: None,
            detail_panel_width: None,
            hidden_lanes: Vec::new(),
            min_importance: 1,
            recent_files: Vec::new(),
        }
    }
}

impl Settings {
    /// Puts `path` at the top of the recent files.
    pub fn remember_file(&mut self, path: &Path) {
        self.recent_files.retain(|p| p != path);
        self.recent_files.insert(0, path.to_path_buf());
        self.recent_files.truncate(RECENT_LIMIT);
    }
}

/// Reads the settings; any problem gives the defaults and a message saying why.
pub fn load(path: &Path) -> (Settings, Option<String>) {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return (Settings::default(), None);
        }
        Err(error) if error.kind() == std::io::ErrorKind::InvalidData => {
            return (
                Settings::default(),
                Some(format!(
                    "settings {} are damaged (not UTF-8 text); using defaults",
                    path.display()
                )),
            );
        }
        Err(error) => {
            return (
                Settings::default(),
                Some(format!(
                    "settings {} could not be read ({error}); using defaults",
                    path.display()
                )),
            );
        }
    };
    match ron::from_str::<Settings>(&text) {
        Ok(settings) if settings.version == SETTINGS_VERSION => (settings, None),
        Ok(settings) => (
            Settings::default(),
            Some(format!(
                "settings {} are from another version ({}); using defaults",
                path.display(),
                settings.version
            )),
        ),
        Err(error) => (
            Settings::default(),
            Some(format!(
                "settings {} are damaged ({error}); using defaults",
                path.display()
            )),
        ),
    }
}

/// Writes the settings atomically, creating the folder if needed.
pub fn save(path: &Path, settings: &Settings) -> Result<(), String> {
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder)
            .map_err(|e| format!("cannot create {}: {e}", folder.display()))?;
    }
    let text = ron::ser::to_string_pretty(settings, ron::ser::PrettyConfig::new())
        .map_err(|e| format!("cannot write settings: {e}"))?;
    crate::atomic_file::write_atomically(path, text.as_bytes())
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_round_trip() {
        let folder = tempfile::tempdir().expect("folder");
        let path = folder.path().join("nested").join("settings.ron");
        let mut settings = Settings {
            theme: ThemeChoice::Dark,
            window_size: Some((1280.0, 720.0)),
            view: Some(TimeView {
                min: -5000.0,
                span: 700.0,
            }),
            hidden_lanes: vec!["economy".to_owned()],
            min_importance: 3,
            ..Settings::default()
        };
        settings.remember_file(Path::new("/tmp/a.ron"));
        settings.remember_file(Path::new("/tmp/b.ron"));
        settings.remember_file(Path::new("/tmp/a.ron"));
        assert_eq!(
            settings.recent_files,
            vec![PathBuf::from("/tmp/a.ron"), PathBuf::from("/tmp/b.ron")]
        );
        save(&path, &settings).expect("save");
        assert_eq!(load(&path), (settings, None));
    }

    #[test]
    fn damaged_missing_and_outdated_stores_fall_back_to_defaults() {
        let folder = tempfile::tempdir().expect("folder");
        let missing = folder.path().join("none.ron");
        assert_eq!(load(&missing), (Settings::default(), None));
        let cases: [(&str, &[u8]); 4] = [
            ("garbage", b"\x00\x01not ron at all"),
            ("truncated", b"(version: 1, theme: Da"),
            ("wrong type", b"(version: 1, theme: 5)"),
            ("outdated", b"(version: 99)"),
        ];
        for (name, bytes) in cases {
            let path = folder.path().join(format!("{name}.ron"));
            std::fs::write(&path, bytes).expect("write");
            let (settings, warning) = load(&path);
            assert_eq!(settings, Settings::default(), "{name}");
            let warning = warning.unwrap_or_default();
            assert!(
                warning.contains(&path.display().to_string()),
                "{name}: {warning}"
            );
        }
        // Unknown fields from a newer build are ignored, known ones kept.
        let path = folder.path().join("newer.ron");
        std::fs::write(&path, "(version: 1, theme: Dark, shiny_new_option: true)").expect("write");
        assert_eq!(load(&path).0.theme, ThemeChoice::Dark);
    }

    #[test]
    fn recent_files_are_bounded() {
        let mut settings = Settings::default();
        for i in 0..20 {
            settings.remember_file(Path::new(&format!("/f{i}.ron")));
        }
        assert_eq!(settings.recent_files.len(), RECENT_LIMIT);
        assert_eq!(settings.recent_files[0], PathBuf::from("/f19.ron"));
    }
}
