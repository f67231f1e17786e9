//! Reading and writing the remembered settings (web: the browser's localStorage, as
//! RON text under the key [`super::settings_location::STORAGE_KEY`]). As on the
//! desktop, stored settings that cannot be used are never overwritten: they are kept
//! beside (`<key>.bad`, `<key>.newer`) and the defaults are used, with a message.

use std::path::Path;

use crate::settings::{Loaded, SETTINGS_VERSION, Settings};

fn storage() -> Result<web_sys::Storage, String> {
    web_sys::window()
        .ok_or("no browser window")?
        .local_storage()
        .map_err(|e| super::files::describe_js(&e))?
        .ok_or_else(|| "the browser keeps no local storage here".to_owned())
}

fn defaults(message: String, writable: bool) -> Loaded {
    Loaded {
        settings: Settings::default(),
        message: Some(message),
        writable,
    }
}

/// Reads the settings stored under `key`.
pub fn load(key: &Path) -> Loaded {
    let key = key.to_string_lossy();
    let storage = match storage() {
        Ok(storage) => storage,
        Err(why) => {
            return defaults(
                format!("settings cannot be kept ({why}); using defaults"),
                false,
            );
        }
    };
    let text = match storage.get_item(&key) {
        Ok(Some(text)) => text,
        Ok(None) => {
            return Loaded {
                settings: Settings::default(),
                message: None,
                writable: true,
            };
        }
        Err(e) => {
            return defaults(
                format!(
                    "settings could not be read ({}); using defaults and not saving",
                    super::files::describe_js(&e)
                ),
                false,
            );
        }
    };
    let (suffix, why) = match crate::settings::parse(&text) {
        Ok(settings) if settings.version == SETTINGS_VERSION => {
            return Loaded {
                settings,
                message: None,
                writable: true,
            };
        }
        Ok(settings) if settings.version > SETTINGS_VERSION => (
            "newer",
            format!("from a newer version ({})", settings.version),
        ),
        Ok(settings) => (
            "bad",
            format!("from an unknown version ({})", settings.version),
        ),
        Err(error) => ("bad", format!("damaged ({error})")),
    };
    let aside = format!("{key}.{suffix}");
    match storage.set_item(&aside, &text) {
        Ok(()) => defaults(
            format!("stored settings are {why}; kept as {aside} and using defaults"),
            true,
        ),
        Err(_) => defaults(
            format!(
                "stored settings are {why} and could not be kept aside; using defaults and not saving"
            ),
            false,
        ),
    }
}

/// Stores the settings under `key`.
pub fn save(key: &Path, settings: &Settings) -> Result<(), String> {
    let text = crate::settings::to_text(settings)?;
    storage()?
        .set_item(&key.to_string_lossy(), &text)
        .map_err(|e| {
            format!(
                "cannot keep the settings: {}",
                super::files::describe_js(&e)
            )
        })
}
