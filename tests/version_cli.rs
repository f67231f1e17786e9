//! `wpk-timeline --version` run as a real process: the version from Cargo.toml and
//! the commit the binary was built from (`unknown` outside a git checkout).

use std::process::Command;

#[test]
fn version_prints_the_version_and_the_commit() {
    let output = Command::new(env!("CARGO_BIN_EXE_wpk-timeline"))
        .arg("--version")
        .output()
        .expect("the binary runs");
    assert!(output.status.success());
    let stdout = String::from_utf8(output.stdout).expect("stdout is UTF-8");
    // What build.rs saw: the checkout's HEAD, or `unknown` without git.
    let commit = Command::new("git")
        .args(["rev-parse", "--short", "HEAD"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .ok()
        .filter(|o| o.status.success())
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .map_or_else(|| "unknown".to_owned(), |s| s.trim().to_owned());
    assert_eq!(
        stdout,
        format!(
            "wpk-timeline {} (commit {commit})\n",
            env!("CARGO_PKG_VERSION")
        )
    );
}
