//! What this build is: the version from Cargo.toml and the commit it was built from
//! (set by `build.rs`; `unknown` when built outside a git checkout).

/// The version, from Cargo.toml.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The short git commit the program was built from, or `unknown`.
pub const COMMIT: &str = env!("WPK_TIMELINE_COMMIT");

/// `--version`'s text after the program's name: `0.1.0 (commit 1a2b3c4)`.
pub const VERSION_LINE: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (commit ",
    env!("WPK_TIMELINE_COMMIT"),
    ")"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_version_line_names_the_version_and_the_commit() {
        assert!(VERSION_LINE.starts_with(VERSION));
        assert!(VERSION_LINE.ends_with(&format!("(commit {COMMIT})")));
        assert!(!COMMIT.is_empty());
        assert!(!COMMIT.contains(char::is_whitespace));
    }
}
