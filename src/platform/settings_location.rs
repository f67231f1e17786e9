//! Where the remembered settings live (native: an environment override, then the
//! XDG configuration folder).

use std::ffi::OsString;
use std::path::PathBuf;

/// The environment variable that names the settings file outright.
pub const SETTINGS_VARIABLE: &str = "WPK_TIMELINE_SETTINGS";

/// Where settings live: `$WPK_TIMELINE_SETTINGS`, else `$XDG_CONFIG_HOME/wpk-timeline/settings.ron`
/// (only if absolute, as the XDG specification asks), else `~/.config/wpk-timeline/settings.ron`;
/// `None` without any of them.
pub fn default_path() -> Option<PathBuf> {
    path_from(|name| std::env::var_os(name))
}

/// [`default_path`] with the environment given as a function, for tests.
fn path_from(variable: impl Fn(&str) -> Option<OsString>) -> Option<PathBuf> {
    if let Some(path) = variable(SETTINGS_VARIABLE) {
        return Some(PathBuf::from(path));
    }
    let config = variable("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| variable("HOME").map(|home| PathBuf::from(home).join(".config")))?;
    Some(config.join("wpk-timeline").join("settings.ron"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(pairs: &[(&str, &str)]) -> Option<PathBuf> {
        path_from(|name| {
            pairs
                .iter()
                .find(|(key, _)| *key == name)
                .map(|(_, value)| OsString::from(value))
        })
    }

    #[test]
    fn the_override_then_xdg_then_home_decide_the_path() {
        let all = [
            (SETTINGS_VARIABLE, "/tmp/s.ron"),
            ("XDG_CONFIG_HOME", "/xdg"),
            ("HOME", "/home/u"),
        ];
        assert_eq!(with(&all), Some(PathBuf::from("/tmp/s.ron")));
        assert_eq!(
            with(&all[1..]),
            Some(PathBuf::from("/xdg/wpk-timeline/settings.ron"))
        );
        assert_eq!(
            with(&[("XDG_CONFIG_HOME", "relative"), ("HOME", "/home/u")]),
            Some(PathBuf::from("/home/u/.config/wpk-timeline/settings.ron"))
        );
        assert_eq!(with(&[]), None);
    }
}
