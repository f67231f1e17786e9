//! Build script: the commit for `--version` and the About window, and on Windows the
//! executable's icon and version information.
//!
//! - `WPK_TIMELINE_COMMIT` is set to `git rev-parse --short HEAD`, or `unknown` when
//!   git or the repository is missing (a source tarball must still build).
//! - When the target is Windows, a resource script (`.rc`) with the icon
//!   (`assets/icon/wpk-timeline.ico`) and a `VERSIONINFO` block is compiled with
//!   mingw's `windres` (or `$WINDRES`) and linked into the binary. Without `windres`
//!   the build goes on, with a warning, and the executable has no icon.

use std::env;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=WPK_TIMELINE_COMMIT");
    let commit = env::var("WPK_TIMELINE_COMMIT")
        .ok()
        .filter(|c| !c.trim().is_empty())
        .or_else(git_commit)
        .unwrap_or_else(|| "unknown".to_owned());
    println!("cargo:rustc-env=WPK_TIMELINE_COMMIT={commit}");
    watch_git_head();

    if env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("windows") {
        windows_resource(&commit);
    }
}

/// Runs git with `args` in the package's directory; its trimmed output, if it worked.
fn git(args: &[&str]) -> Option<String> {
    let dir = env::var_os("CARGO_MANIFEST_DIR")?;
    let output = Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .ok()?;
    if !output.status.success() {
        return None;
    }
    let text = String::from_utf8(output.stdout).ok()?;
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

fn git_commit() -> Option<String> {
    git(&["rev-parse", "--short", "HEAD"])
}

/// Re-runs this script when HEAD moves: a commit, a checkout, a merge.
fn watch_git_head() {
    let Some(dir) = env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from) else {
        return;
    };
    let mut watched = Vec::new();
    if let Some(head) = git(&["rev-parse", "--git-path", "HEAD"]) {
        watched.push(head);
    }
    if let Some(branch) = git(&["symbolic-ref", "-q", "HEAD"])
        && let Some(reference) = git(&["rev-parse", "--git-path", &branch])
    {
        watched.push(reference);
    }
    if let Some(packed) = git(&["rev-parse", "--git-path", "packed-refs"]) {
        watched.push(packed);
    }
    for path in watched {
        let path = dir.join(path);
        if path.exists() {
            println!("cargo:rerun-if-changed={}", path.display());
        }
    }
}

/// Compiles and links the Windows resource: icon and version information.
fn windows_resource(commit: &str) {
    let manifest_dir = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let Some(out_dir) = env::var_os("OUT_DIR").map(PathBuf::from) else {
        return;
    };
    let icon = manifest_dir.join("assets/icon/wpk-timeline.ico");
    println!("cargo:rerun-if-changed={}", icon.display());
    println!("cargo:rerun-if-env-changed=WINDRES");

    let rc_path = out_dir.join("wpk-timeline.rc");
    if let Err(error) = std::fs::write(&rc_path, resource_script(&icon, commit)) {
        println!(
            "cargo:warning=could not write {}: {error}",
            rc_path.display()
        );
        return;
    }
    let object = out_dir.join("wpk-timeline-resource.o");
    let windres = env::var("WINDRES").unwrap_or_else(|_| default_windres());
    let status = Command::new(&windres)
        .arg("--input")
        .arg(&rc_path)
        .arg("--output-format=coff")
        .arg("--output")
        .arg(&object)
        .status();
    match status {
        Ok(status) if status.success() => {
            println!("cargo:rustc-link-arg-bins={}", object.display());
        }
        Ok(status) => println!(
            "cargo:warning={windres} failed ({status}): the executable has no icon or version information"
        ),
        Err(error) => println!(
            "cargo:warning=could not run {windres} ({error}; install mingw-w64): the executable has no icon or version information"
        ),
    }
}

/// mingw's `windres` for the target's architecture.
fn default_windres() -> String {
    match env::var("CARGO_CFG_TARGET_ARCH").as_deref() {
        Ok("x86") => "i686-w64-mingw32-windres".to_owned(),
        _ => "x86_64-w64-mingw32-windres".to_owned(),
    }
}

/// The `.rc` text: the icon and a `VERSIONINFO` block from Cargo's metadata.
fn resource_script(icon: &Path, commit: &str) -> String {
    let number = |name: &str| {
        env::var(name)
            .ok()
            .and_then(|v| v.parse::<u16>().ok())
            .unwrap_or(0)
    };
    let (major, minor, patch) = (
        number("CARGO_PKG_VERSION_MAJOR"),
        number("CARGO_PKG_VERSION_MINOR"),
        number("CARGO_PKG_VERSION_PATCH"),
    );
    let version = env::var("CARGO_PKG_VERSION").unwrap_or_default();
    let description = "WPK Timeline: a timeline of the Workers' Party of Korea, 1926-2021";
    // windres reads the path in a C string: forward slashes and no quotes.
    let icon = icon
        .display()
        .to_string()
        .replace('\\', "/")
        .replace('"', "");
    let mut rc = String::new();
    let _ = writeln!(rc, "1 ICON \"{icon}\"");
    let _ = writeln!(rc, "1 VERSIONINFO");
    let _ = writeln!(rc, "FILEVERSION {major},{minor},{patch},0");
    let _ = writeln!(rc, "PRODUCTVERSION {major},{minor},{patch},0");
    let _ = writeln!(rc, "FILEOS 0x40004");
    let _ = writeln!(rc, "FILETYPE 0x1");
    let _ = writeln!(rc, "BEGIN");
    let _ = writeln!(rc, "  BLOCK \"StringFileInfo\"");
    let _ = writeln!(rc, "  BEGIN");
    let _ = writeln!(rc, "    BLOCK \"040904B0\"");
    let _ = writeln!(rc, "    BEGIN");
    for (key, value) in [
        ("CompanyName", "wpk-timeline contributors"),
        ("FileDescription", description),
        ("FileVersion", &format!("{version} ({commit})")),
        ("InternalName", "wpk-timeline"),
        ("LegalCopyright", "MIT OR Apache-2.0; data CC BY-SA 4.0"),
        ("OriginalFilename", "wpk-timeline.exe"),
        ("ProductName", "WPK Timeline"),
        ("ProductVersion", &version),
    ] {
        let value = value.replace('"', "'");
        let _ = writeln!(rc, "      VALUE \"{key}\", \"{value}\"");
    }
    let _ = writeln!(rc, "    END");
    let _ = writeln!(rc, "  END");
    let _ = writeln!(rc, "  BLOCK \"VarFileInfo\"");
    let _ = writeln!(rc, "  BEGIN");
    let _ = writeln!(rc, "    VALUE \"Translation\", 0x409, 1200");
    let _ = writeln!(rc, "  END");
    let _ = writeln!(rc, "END");
    rc
}
