//! Writing files so that a failure never leaves a half-written one: the bytes go to
//! a temporary file in the same folder, which is flushed and then renamed over the target.
//! A symbolic link is followed (its target is written, the link kept), and anything that
//! is not a regular file (a device such as `/dev/null`, a pipe, a folder) is never replaced.

use std::io::Write;
use std::path::{Path, PathBuf};

/// How many links in a row are followed before giving up (a loop).
const MAX_LINKS: usize = 40;

/// The file that writing `path` should replace: `path` itself, or the file its chain of
/// symbolic links ends at (which need not exist yet). Refuses anything that exists and is
/// not a regular file, since renaming over it would destroy it.
pub fn write_target(path: &Path) -> std::io::Result<PathBuf> {
    let mut target = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match std::fs::symlink_metadata(&target) {
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(target),
            Err(error) => return Err(error),
            Ok(metadata) if metadata.file_type().is_symlink() => {
                let link = std::fs::read_link(&target)?;
                target = match target.parent() {
                    Some(folder) if link.is_relative() => folder.join(link),
                    _ => link,
                };
            }
            Ok(metadata) if metadata.is_file() => return Ok(target),
            Ok(metadata) => {
                let kind = if metadata.is_dir() {
                    "a folder"
                } else {
                    "not a regular file (a device, pipe or socket)"
                };
                return Err(std::io::Error::other(format!(
                    "{} is {kind}; it is left alone",
                    target.display()
                )));
            }
        }
    }
    Err(std::io::Error::other(format!(
        "{} is a loop of symbolic links",
        path.display()
    )))
}

/// Writes `bytes` to `path` atomically (to the target of a symbolic link; never over
/// anything that is not a regular file).
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_atomically_with(path, |out| out.write_all(bytes))
}

/// Writes what `write` produces to `path` atomically, streamed through a buffer (a
/// large file is never held in memory whole); an error leaves the old file.
pub fn write_atomically_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let target = write_target(path)?;
    let path = target.as_path();
    // Renaming over a file needs only the folder's permission: a file its owner made
    // read-only would be replaced all the same. It is left alone instead.
    if std::fs::metadata(path).is_ok_and(|existing| existing.permissions().readonly()) {
        return Err(std::io::Error::new(
            std::io::ErrorKind::PermissionDenied,
            format!("{} is read-only; it is left alone", path.display()),
        ));
    }
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut temporary = tempfile::Builder::new()
        .prefix(".wpk-timeline-")
        .suffix(".tmp")
        .tempfile_in(folder)?;
    {
        let mut buffered = std::io::BufWriter::new(temporary.as_file_mut());
        write(&mut buffered)?;
        buffered.flush()?;
    }
    // A temporary file is private (0600); the result should read like any file the user saves.
    let permissions = match std::fs::metadata(path) {
        Ok(existing) => existing.permissions(),
        Err(_) => default_permissions(temporary.as_file())?,
    };
    temporary.as_file().set_permissions(permissions)?;
    temporary.as_file().sync_all()?;
    temporary.persist(path).map_err(|error| error.error)?;
    Ok(())
}

#[cfg(unix)]
fn default_permissions(_file: &std::fs::File) -> std::io::Result<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Ok(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn default_permissions(file: &std::fs::File) -> std::io::Result<std::fs::Permissions> {
    file.metadata().map(|m| m.permissions())
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(unix)]
    use std::os::unix::fs::FileTypeExt;

    #[test]
    fn a_read_only_file_is_left_alone() {
        let folder = tempfile::tempdir().expect("temporary folder");
        let path = folder.path().join("kept.txt");
        std::fs::write(&path, b"kept").expect("write");
        let mut permissions = std::fs::metadata(&path).expect("metadata").permissions();
        permissions.set_readonly(true);
        std::fs::set_permissions(&path, permissions).expect("read-only");
        let error = write_atomically(&path, b"lost").expect_err("refused");
        assert_eq!(error.kind(), std::io::ErrorKind::PermissionDenied);
        assert!(error.to_string().contains("read-only"), "{error}");
        assert_eq!(std::fs::read(&path).expect("read"), b"kept");
    }

    #[test]
    fn replaces_the_file_whole_and_leaves_no_temporary_behind() {
        let folder = tempfile::tempdir().expect("temporary folder");
        let path = folder.path().join("out.txt");
        write_atomically(&path, b"first").expect("first write");
        write_atomically(&path, b"second").expect("second write");
        assert_eq!(std::fs::read(&path).expect("read"), b"second");
        let names: Vec<_> = std::fs::read_dir(folder.path())
            .expect("list")
            .filter_map(|e| e.ok().map(|e| e.file_name()))
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path)
                .expect("metadata")
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o644);
        }
    }

    #[test]
    fn a_failed_write_leaves_the_old_file() {
        let folder = tempfile::tempdir().expect("temporary folder");
        let missing = folder.path().join("no-such-folder").join("out.txt");
        assert!(write_atomically(&missing, b"x").is_err());
        assert!(!missing.exists());
    }

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_is_followed_and_kept() {
        let folder = tempfile::tempdir().expect("temporary folder");
        let real = folder.path().join("real.ron");
        std::fs::write(&real, b"old").expect("write");
        let link = folder.path().join("link.ron");
        std::os::unix::fs::symlink("real.ron", &link).expect("symlink");
        write_atomically(&link, b"new").expect("write through the link");
        assert!(
            std::fs::symlink_metadata(&link)
                .expect("link")
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read(&real).expect("read"), b"new");
        // A dangling link creates its target.
        let dangling = folder.path().join("dangling.ron");
        std::os::unix::fs::symlink("made.ron", &dangling).expect("symlink");
        write_atomically(&dangling, b"made").expect("write");
        assert_eq!(
            std::fs::read(folder.path().join("made.ron")).expect("read"),
            b"made"
        );
        // A loop is an error, not a hang.
        let a = folder.path().join("a");
        std::os::unix::fs::symlink("b", &a).expect("symlink");
        std::os::unix::fs::symlink("a", folder.path().join("b")).expect("symlink");
        assert!(write_atomically(&a, b"x").is_err());
    }

    #[cfg(unix)]
    #[test]
    fn never_replaces_a_device_a_pipe_or_a_folder() {
        let folder = tempfile::tempdir().expect("temporary folder");
        let pipe = folder.path().join("pipe");
        let status = std::process::Command::new("mkfifo")
            .arg(&pipe)
            .status()
            .expect("mkfifo");
        assert!(status.success());
        let error = write_atomically(&pipe, b"x").expect_err("a pipe is refused");
        assert!(error.to_string().contains("not a regular file"), "{error}");
        assert!(
            std::fs::symlink_metadata(&pipe)
                .expect("still there")
                .file_type()
                .is_fifo()
        );
        let inner = folder.path().join("inner");
        std::fs::create_dir(&inner).expect("folder");
        assert!(write_atomically(&inner, b"x").is_err());
        assert!(inner.is_dir());
        // A link to a device is refused too (as /dev/null would be, even as root).
        let link = folder.path().join("null-link");
        std::os::unix::fs::symlink(&pipe, &link).expect("symlink");
        assert!(write_atomically(&link, b"x").is_err());
        assert!(!pipe.is_file());
    }
}
