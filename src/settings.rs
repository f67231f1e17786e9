//! What the application remembers between runs: theme, window size, view, panel
//! width, filters and recent files. Stored as RON, written atomically; a missing,
//! damaged or outdated store falls back to the defaults with a message, never an error,
//! and is moved aside rather than overwritten.

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
    /// Light or dark, on the desktop.
    pub theme: ThemeChoice,
    /// Light or dark on the projector (`T` in presentation mode); as the desktop until chosen.
    pub projector_theme: Option<ThemeChoice>,
    /// The presentation type scale in percent, by file (the path; "" for the built-in data).
    pub presentation_type: std::collections::BTreeMap<String, u16>,
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
            projector_theme: None,
            presentation_type: std::collections::BTreeMap::new(),
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

/// The most a settings file may hold; a larger one is damaged, not read whole.
pub const MAX_SETTINGS_BYTES: u64 = 1024 * 1024;

/// Settings as read at start, with what to tell the user.
#[derive(Clone, Debug, PartialEq)]
pub struct Loaded {
    /// The settings to use (the defaults after any problem).
    pub settings: Settings,
    /// What went wrong, said once (`None`: all well, or no file yet).
    pub message: Option<String>,
    /// Whether saving may write the file: `false` when a file that could not be read is
    /// still in the way, or the path is not a regular file.
    pub writable: bool,
}

impl Loaded {
    fn fine(settings: Settings) -> Self {
        Self {
            settings,
            message: None,
            writable: true,
        }
    }

    fn defaults(message: String, writable: bool) -> Self {
        Self {
            settings: Settings::default(),
            message: Some(message),
            writable,
        }
    }
}

/// Reads the settings where [`crate::platform::settings_location`] put them (a file on
/// the desktop, the browser's storage on the web); see [`load_file`].
pub fn load(path: &Path) -> Loaded {
    crate::platform::settings_store::load(path)
}

/// Writes the settings where [`load`] reads them; see [`save_file`].
pub fn save(path: &Path, settings: &Settings) -> Result<(), String> {
    crate::platform::settings_store::save(path, settings)
}

/// Parses stored settings (RON), with the parser's message made printable.
pub fn parse(text: &str) -> Result<Settings, String> {
    ron::from_str::<Settings>(text)
        .map_err(|error| crate::model::diagnostic::escape_control(&error.to_string()))
}

/// The settings as stored (pretty RON).
pub fn to_text(settings: &Settings) -> Result<String, String> {
    ron::ser::to_string_pretty(settings, ron::ser::PrettyConfig::new())
        .map_err(|e| format!("cannot write settings: {e}"))
}

/// Reads a settings file; any problem gives the defaults and a message saying why, never an
/// error. Anything but a regular file (a device, a pipe) is neither opened nor, later,
/// written. A file that cannot be used (damaged, too large, from a newer version) is never
/// overwritten: it is renamed beside itself (`settings.ron.bad`, `settings.ron.newer`)
/// and the message says so.
pub fn load_file(path: &Path) -> Loaded {
    let shown = path.display();
    let metadata = match std::fs::metadata(path) {
        Ok(metadata) => metadata,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return Loaded::fine(Settings::default());
        }
        Err(error) => {
            return Loaded::defaults(
                format!(
                    "settings {shown} could not be read ({error}); using defaults and not saving"
                ),
                false,
            );
        }
    };
    if !metadata.is_file() {
        return Loaded::defaults(
            format!(
                "settings {shown} is not a regular file; using defaults, and nothing is written there"
            ),
            false,
        );
    }
    let problem = if metadata.len() > MAX_SETTINGS_BYTES {
        Err(Unreadable::Damaged(format!(
            "larger than {} KiB",
            MAX_SETTINGS_BYTES / 1024
        )))
    } else {
        read_settings(path)
    };
    match problem {
        Ok(settings) if settings.version == SETTINGS_VERSION => Loaded::fine(settings),
        Ok(settings) if settings.version > SETTINGS_VERSION => quarantine(
            path,
            "newer",
            &format!("from a newer version ({})", settings.version),
        ),
        Ok(settings) => quarantine(
            path,
            "bad",
            &format!("from an unknown version ({})", settings.version),
        ),
        Err(Unreadable::Io(error)) => Loaded::defaults(
            format!("settings {shown} could not be read ({error}); using defaults and not saving"),
            false,
        ),
        Err(Unreadable::Damaged(why)) => quarantine(path, "bad", &format!("damaged ({why})")),
        Err(Unreadable::NotRegular) => Loaded::defaults(
            format!(
                "settings {shown} is not a regular file; using defaults, and nothing is written there"
            ),
            false,
        ),
    }
}

/// Why a settings file gave no settings.
enum Unreadable {
    /// It could not be read at all (permissions…): left where it is.
    Io(std::io::Error),
    /// It was read and is not settings.
    Damaged(String),
    /// It turned into something else (a pipe, a device) between the look and the open.
    NotRegular,
}

impl From<String> for Unreadable {
    fn from(why: String) -> Self {
        Self::Damaged(why)
    }
}

/// Reads and parses at most [`MAX_SETTINGS_BYTES`] of a regular file.
fn read_settings(path: &Path) -> Result<Settings, Unreadable> {
    use std::io::Read;
    // Opened without blocking and judged from the handle: a pipe put there after the
    // look in `load` is refused at once.
    let file = match crate::platform::regular_file::open_regular(path) {
        Ok((file, _)) => file,
        Err(crate::platform::regular_file::OpenError::Io(error)) => {
            return Err(Unreadable::Io(error));
        }
        Err(crate::platform::regular_file::OpenError::NotRegular(_)) => {
            return Err(Unreadable::NotRegular);
        }
    };
    let mut bytes = Vec::new();
    file.take(MAX_SETTINGS_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(Unreadable::Io)?;
    if bytes.len() as u64 > MAX_SETTINGS_BYTES {
        return Err(format!("larger than {} KiB", MAX_SETTINGS_BYTES / 1024).into());
    }
    let text = String::from_utf8(bytes).map_err(|_| "not UTF-8 text".to_owned())?;
    parse(&text).map_err(Unreadable::from)
}

/// Moves an unusable settings file aside (`<name>.<suffix>`, or `.<suffix>.1`… if taken)
/// so that saving cannot destroy it; the defaults are used.
fn quarantine(path: &Path, suffix: &str, why: &str) -> Loaded {
    let shown = path.display();
    // Through a symbolic link, the file itself is moved aside (the link is kept).
    let Ok(target) = crate::atomic_file::write_target(path) else {
        return Loaded::defaults(
            format!("settings {shown} are {why}; using defaults and not saving"),
            false,
        );
    };
    let mut name = target.as_os_str().to_owned();
    name.push(format!(".{suffix}"));
    let candidates = std::iter::once(PathBuf::from(&name)).chain((1..10).map(|n| {
        let mut numbered = name.clone();
        numbered.push(format!(".{n}"));
        PathBuf::from(numbered)
    }));
    for aside in candidates {
        if std::fs::symlink_metadata(&aside).is_ok() {
            continue;
        }
        return match std::fs::rename(&target, &aside) {
            Ok(()) => Loaded::defaults(
                format!(
                    "settings {shown} are {why}; kept as {} and using defaults",
                    aside.display()
                ),
                true,
            ),
            Err(error) => Loaded::defaults(
                format!(
                    "settings {shown} are {why} and could not be moved aside ({error}); using defaults and not saving"
                ),
                false,
            ),
        };
    }
    Loaded::defaults(
        format!("settings {shown} are {why}; using defaults and not saving"),
        false,
    )
}

/// Writes the settings file atomically, creating the folder if needed.
pub fn save_file(path: &Path, settings: &Settings) -> Result<(), String> {
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder)
            .map_err(|e| format!("cannot create {}: {e}", folder.display()))?;
    }
    let text = to_text(settings)?;
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
        assert_eq!(load(&path), Loaded::fine(settings));
    }

    #[test]
    fn damaged_missing_and_outdated_stores_are_kept_aside_and_never_overwritten() {
        let folder = tempfile::tempdir().expect("folder");
        let missing = folder.path().join("none.ron");
        assert_eq!(load(&missing), Loaded::fine(Settings::default()));
        let cases: [(&str, &[u8], &str); 5] = [
            ("garbage", b"\x00\x01not ron at all", "bad"),
            ("truncated", b"(version: 1, theme: Da", "bad"),
            ("wrong type", b"(version: 1, theme: 5)", "bad"),
            ("not utf8", b"(version: 1, \xff\xfe)", "bad"),
            ("newer", b"(version: 99)", "newer"),
        ];
        for (name, bytes, suffix) in cases {
            let path = folder.path().join(format!("{name}.ron"));
            std::fs::write(&path, bytes).expect("write");
            let loaded = load(&path);
            assert_eq!(loaded.settings, Settings::default(), "{name}");
            assert!(loaded.writable, "{name}");
            let message = loaded.message.unwrap_or_default();
            assert!(
                message.contains(&path.display().to_string()) && message.contains(suffix),
                "{name}: {message}"
            );
            let aside = folder.path().join(format!("{name}.ron.{suffix}"));
            assert_eq!(std::fs::read(&aside).expect("kept aside"), bytes, "{name}");
            // Saving now writes a fresh file and leaves the old one alone; said once.
            save(&path, &Settings::default()).expect("save");
            assert_eq!(std::fs::read(&aside).expect("still there"), bytes);
            assert_eq!(load(&path), Loaded::fine(Settings::default()), "{name}");
        }
        // A second damaged file does not replace the first one kept aside.
        let path = folder.path().join("garbage.ron");
        std::fs::write(&path, b"again").expect("write");
        assert!(
            load(&path)
                .message
                .unwrap_or_default()
                .contains("garbage.ron.bad.1")
        );
        assert_eq!(
            std::fs::read(folder.path().join("garbage.ron.bad")).expect("first"),
            b"\x00\x01not ron at all"
        );
        // Unknown fields from a newer build of the same version are ignored, known ones kept.
        let path = folder.path().join("extra.ron");
        std::fs::write(&path, "(version: 1, theme: Dark, shiny_new_option: true)").expect("write");
        assert_eq!(load(&path).settings.theme, ThemeChoice::Dark);
    }

    #[test]
    fn an_oversized_store_is_not_read_whole() {
        let folder = tempfile::tempdir().expect("folder");
        let path = folder.path().join("huge.ron");
        let file = std::fs::File::create(&path).expect("create");
        file.set_len(MAX_SETTINGS_BYTES * 64).expect("sparse file");
        let loaded = load(&path);
        assert_eq!(loaded.settings, Settings::default());
        assert!(loaded.message.unwrap_or_default().contains("larger than"));
    }

    #[cfg(unix)]
    #[test]
    fn devices_and_pipes_are_neither_read_nor_written() {
        // /dev/zero once grew the app to 6 GB; /dev/null was replaced by a regular file.
        for device in ["/dev/zero", "/dev/null"] {
            let loaded = load(Path::new(device));
            assert!(!loaded.writable, "{device}");
            assert!(
                loaded
                    .message
                    .unwrap_or_default()
                    .contains("not a regular file")
            );
        }
        let folder = tempfile::tempdir().expect("folder");
        let pipe = folder.path().join("pipe.ron");
        let status = std::process::Command::new("mkfifo")
            .arg(&pipe)
            .status()
            .expect("mkfifo");
        assert!(status.success());
        // Returns at once (opening a pipe with no writer would block forever).
        let loaded = load(&pipe);
        assert!(!loaded.writable);
        assert!(save(&pipe, &Settings::default()).is_err());
    }

    /// The race of issue 11: a pipe put at the path after `load` looked at it. Reading
    /// it directly must refuse it at once, not block in `open`.
    #[cfg(any(target_os = "linux", target_os = "macos"))]
    #[test]
    fn a_pipe_swapped_in_before_reading_is_refused_without_blocking() {
        let folder = tempfile::tempdir().expect("folder");
        let pipe = folder.path().join("settings.ron");
        let status = std::process::Command::new("mkfifo")
            .arg(&pipe)
            .status()
            .expect("mkfifo");
        assert!(status.success());
        let (sender, receiver) = std::sync::mpsc::channel();
        let read = pipe.clone();
        std::thread::spawn(move || {
            let refused = matches!(read_settings(&read), Err(Unreadable::NotRegular));
            let _ = sender.send(refused);
        });
        // A guard against hanging the run, not a speed assertion.
        match receiver.recv_timeout(std::time::Duration::from_secs(20)) {
            Ok(refused) => assert!(refused, "a pipe must be refused as not regular"),
            Err(_) => {
                let _ = std::fs::OpenOptions::new().write(true).open(&pipe);
                panic!("reading settings from a pipe blocked");
            }
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_symlinked_store_is_written_through_the_link() {
        let folder = tempfile::tempdir().expect("folder");
        let real = folder.path().join("dotfiles-settings.ron");
        save(&real, &Settings::default()).expect("save");
        let link = folder.path().join("settings.ron");
        std::os::unix::fs::symlink(&real, &link).expect("symlink");
        let settings = Settings {
            min_importance: 4,
            ..Settings::default()
        };
        save(&link, &settings).expect("save through the link");
        assert!(
            std::fs::symlink_metadata(&link)
                .expect("link")
                .file_type()
                .is_symlink()
        );
        assert_eq!(load(&real).settings, settings);
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
